use super::*;

#[test]
fn the_first_open_of_each_day_backs_up_and_a_copy_is_deleted_after_seven_days() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
    // An empty caseload has nothing to keep.
    let mut app = App::open(&db, Box::new(FixedClock::on(day(1))), "tester", Some(&crate::tests::key()))?;
    assert!(app.info()?.backup.contains("the caseload was empty"));
    assert!(!crate::backups::folder(&db).exists());
    app.load_demo(3)?;
    drop(app);
    for d in 1..=10 {
        let app = App::open(&db, Box::new(FixedClock::on(day(d))), "tester", Some(&crate::tests::key()))?;
        assert!(app.info()?.backup.contains(&format!("caseload-2026-11-{d:02}.sqlite3")));
    }
    let kept = crate::backups::existing(&db);
    assert_eq!(kept.len(), 7);
    assert!(kept[0].ends_with("caseload-2026-11-10.sqlite3"), "{kept:?}");
    assert!(kept[6].ends_with("caseload-2026-11-04.sqlite3"), "{kept:?}");
    // A second open on the same day does not copy again.
    let before = std::fs::metadata(&kept[0]).and_then(|m| m.modified()).ok();
    App::open(&db, Box::new(FixedClock::on(day(10))), "tester", Some(&crate::tests::key()))?;
    assert_eq!(std::fs::metadata(&kept[0]).and_then(|m| m.modified()).ok(), before);
    // Opened again three weeks later, only that day's copy is left: a copy goes by its age.
    App::open(&db, Box::new(FixedClock::on(day(30))), "tester", Some(&crate::tests::key()))?;
    let kept = crate::backups::existing(&db);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].ends_with("caseload-2026-11-30.sqlite3"), "{kept:?}");
    Ok(())
}

#[test]
fn a_damaged_database_is_refused_with_the_backup_to_restore() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    {
        let mut app = App::open(&db, Box::new(FixedClock::on(today)), "tester", Some(&crate::tests::key()))?;
        app.load_demo(30)?;
    }
    // The next day's open backs up the demo caseload; then a page of the file is damaged.
    drop(App::open(
        &db,
        Box::new(FixedClock::on(today.succ_opt().unwrap_or(today))),
        "tester",
        Some(&crate::tests::key()),
    )?);
    let backup = crate::backups::existing(&db).first().cloned().unwrap_or_default();
    // Closing the last connection folded the write-ahead log into the file. Damage six bytes
    // in its last page (SQLCipher's pages are 4096 bytes; each fails its check if changed).
    let mut bytes = std::fs::read(&db).unwrap_or_default();
    assert!(!dir.path().join("caseload.sqlite3-wal").exists());
    let size = 4096;
    assert!(bytes.len() > 2 * size && bytes.len() % size == 0, "{}", bytes.len());
    let start = bytes.len() - size + 100;
    bytes.splice(start..start + 6, [0xA5; 6]);
    assert!(std::fs::write(&db, &bytes).is_ok());

    let err = App::open(&db, Box::new(FixedClock::on(today)), "tester", Some(&crate::tests::key())).err();
    let err = err.map(|e| (e.code, e.message)).unwrap_or((ErrorCode::Io, String::new()));
    assert_eq!(err.0, ErrorCode::NotOurDatabase);
    assert!(err.1.contains("is damaged") && err.1.contains(&backup.display().to_string()), "{}", err.1);
    assert_eq!(std::fs::read(&db).unwrap_or_default(), bytes, "the damaged file is left as it was");

    // Following the message gets the caseload back.
    assert!(std::fs::copy(&backup, &db).is_ok());
    let app = App::open(&db, Box::new(FixedClock::on(today)), "tester", Some(&crate::tests::key()))?;
    assert_eq!(app.caseload()?.len(), 30);
    Ok(())
}
