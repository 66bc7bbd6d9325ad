//! Issue 17: the caseload at rest. After the demo is loaded and backed up, no child's name is
//! found with `grep` in the database folder (the database, its WAL, its backups); the database
//! opens only with its passphrase, from the environment or a file, and a wrong one is refused
//! (exit 2) with the file untouched.

mod common;

use std::process::Command;

use common::{PASSPHRASE, ardesk, run, tool};

/// The files under `dir` in which `grep` finds `needle` (as bytes, binary files included).
fn grep(needle: &str, dir: &std::path::Path) -> Vec<String> {
    let out = Command::new(tool("grep"))
        .args(["-r", "-a", "-l", "-F", needle])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn no_child_s_name_is_found_in_the_database_folder_and_it_opens_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let data = dir.path().join("data");
    let db = data.join("caseload.sqlite3");
    let db_s = db.to_string_lossy().into_owned();
    assert!(ardesk(&["--today=2026-11-22", "demo", "--db", &db_s]).status.success());
    // The next day's first open makes the daily backup.
    let out = ardesk(&["--today=2026-11-23", "pupils", "--db", &db_s, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pupils: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    // Surnames: the database keeps forenames and surname apart.
    let names: Vec<String> = pupils
        .as_array()
        .map(|p| {
            p.iter()
                .filter_map(|c| c.get("legal_name")?.as_str()?.split_whitespace().last().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert!(names.len() >= 30, "{pupils}");
    assert!(data.join("backups").read_dir().is_ok_and(|mut d| d.next().is_some()), "a backup was made");

    // grep finds a name where it is written in plaintext (the CLI's own output, saved)…
    let listing = dir.path().join("pupils.json");
    assert!(std::fs::write(&listing, &out.stdout).is_ok());
    let first = names.first().cloned().unwrap_or_default();
    assert_eq!(grep(&first, dir.path()), vec![listing.to_string_lossy().into_owned()]);
    // …and no name anywhere in the database's folder (a plaintext database holds them: see
    // ardesk-store's encryption tests).
    for name in &names {
        assert_eq!(grep(name, &data), Vec::<String>::new(), "{name}");
    }
    // Nor any UPN.
    let upns: Vec<String> = pupils
        .as_array()
        .map(|p| p.iter().filter_map(|c| c.get("upn")?.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(upns.len() >= 30, "{pupils}");
    for upn in &upns {
        assert_eq!(grep(upn, &data), Vec::<String>::new(), "{upn}");
    }

    // A wrong passphrase: refused, exit 2, nothing changed.
    let before = std::fs::read(&db).unwrap_or_default();
    let wrong = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", "not the passphrase")
        .args(["pupils", "--db", &db_s])
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("The passphrase does not open"));
    // None at all, on a computer whose credential store does not keep it: refused, saying how.
    let none = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env_remove("ARDESK_PASSPHRASE")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .args(["pupils", "--db", &db_s])
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(none.status.code(), Some(2));
    let said = String::from_utf8_lossy(&none.stderr);
    assert!(said.contains("no passphrase was given") && said.contains("--passphrase-file"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap_or_default(), before);

    // The passphrase from a file (its first line) opens it.
    let file = dir.path().join("passphrase.txt");
    assert!(std::fs::write(&file, format!("{PASSPHRASE}\n")).is_ok());
    let listed = run(Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env_remove("ARDESK_PASSPHRASE")
        .args(["pupils", "--db", &db_s, "--passphrase-file"])
        .arg(&file));
    assert!(listed.contains(&first), "{listed}");
}

/// A caseload from before encryption (plaintext, imported from the MIS) is encrypted in place
/// with `ardesk encrypt`: afterwards `grep` finds no pupil's name in its folder, its plaintext
/// backup is gone, and it opens only with its passphrase.
#[test]
fn a_plaintext_caseload_is_encrypted_in_place_and_grep_finds_nothing_after() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap_or_else(|e| unreachable!("{e}"));
    let db = data.join("caseload.sqlite3");
    let db_s = db.to_string_lossy().into_owned();
    // As a version before encryption left it: a plaintext SQLite file.
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute_batch("VACUUM"))
        .unwrap_or_else(|e| unreachable!("{e}"));
    let ctf = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pupils/ctf25.xml");
    let out = ardesk(&[
        "--today=2026-11-22",
        "import-pupils",
        "--db",
        &db_s,
        &ctf.to_string_lossy(),
        "--la",
        "kent",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The next day's open makes a (plaintext) backup.
    assert!(ardesk(&["--today=2026-11-23", "pupils", "--db", &db_s]).status.success());
    assert!(!grep("Juniper", &data).is_empty(), "the plaintext caseload shows the name");
    assert!(!grep("Juniper", &data.join("backups")).is_empty(), "and so does its backup");

    let out = ardesk(&["--today=2026-11-23", "encrypt", "--db", &db_s]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        said.contains("The caseload is encrypted, and 1 plaintext backup(s) deleted") && said.contains("SSD"),
        "{said}"
    );
    assert_eq!(grep("Juniper", &data), Vec::<String>::new());
    assert_eq!(grep("SQLite format 3", &data), Vec::<String>::new());

    let pupils = ardesk(&["--today=2026-11-23", "pupils", "--db", &db_s]);
    assert!(
        String::from_utf8_lossy(&pupils.stdout).contains("Juno"),
        "{}",
        String::from_utf8_lossy(&pupils.stdout)
    );
    let locked = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env_remove("ARDESK_PASSPHRASE")
        .args(["pupils", "--db", &db_s])
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(locked.status.code(), Some(2), "{}", String::from_utf8_lossy(&locked.stderr));
    let again = ardesk(&["encrypt", "--db", &db_s]);
    assert_eq!(again.status.code(), Some(1), "{}", String::from_utf8_lossy(&again.stderr));
}
