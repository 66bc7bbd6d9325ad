//! The `ardesk` binary as a user runs it.

use std::process::{Command, Output};

fn ardesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'")
        .args(args)
        .output()
        .unwrap_or_else(|e| unreachable!("could not run ardesk: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn version_names_the_binary() {
    let out = ardesk(&["--version"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("ardesk "), "{}", stdout(&out));
}

#[test]
fn demo_then_pupils_json_lists_the_caseload() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap_or_default();
    let out = ardesk(&["demo", "--db", db, "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = ardesk(&["pupils", "--db", db, "--json", "--today", "2026-11-22"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    let list = list.as_array().cloned().unwrap_or_default();
    assert!(list.len() >= 30, "{} children", list.len());
    assert!(list.iter().all(|c| c["name"].is_string() && c["year_group"].is_string()));
    // Running demo again is harmless.
    assert!(ardesk(&["demo", "--db", db]).status.success());
    let table = stdout(&ardesk(&["pupils", "--db", db]));
    assert!(table.contains(&format!("{} children", list.len())), "{table}");
}

#[test]
fn backup_writes_a_database_that_opens() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let copy = dir.path().join("copy.db");
    let (db, copy_s) = (db.to_str().unwrap_or_default(), copy.to_str().unwrap_or_default());
    assert!(ardesk(&["demo", "--db", db]).status.success());
    assert!(ardesk(&["backup", "--db", db, "--out", copy_s]).status.success());
    let out = ardesk(&["pupils", "--db", copy_s, "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    assert!(list.as_array().is_some_and(|l| l.len() >= 30));
}

#[test]
fn unusable_input_exits_2_with_a_one_line_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let junk = dir.path().join("junk.db");
    assert!(std::fs::write(&junk, vec![0x5au8; 4096]).is_ok());
    let out = ardesk(&["pupils", "--db", junk.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // Encrypted files have no header to tell them by: the passphrase does not open it.
    assert!(err.starts_with("error: ") && err.contains("not an Annual Review Desk database"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let out = ardesk(&["pupils", "--today", "31/02/2026"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The table says under a row what the dashboard says there: a problem with the review's dates,
/// and a staff briefing due once the LA has issued an amended plan, until one is recorded.
#[test]
fn the_caseload_table_shows_warnings_and_a_briefing_due() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap_or_default();
    let today = "--today=2026-11-22";
    assert!(ardesk(&["demo", "--db", db, today]).status.success());
    let table = stdout(&ardesk(&["caseload", "--db", db, today]));
    assert!(table.contains("! The review deadline (T02) was"), "{table}");

    let out = ardesk(&["caseload", "--db", db, "--json", today]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    let row = rows.as_array().and_then(|r| r.iter().find(|r| r["stage"] == "ready_to_submit")).cloned();
    let review = row.as_ref().and_then(|r| r["review_id"].as_i64()).unwrap_or_default().to_string();
    let name = row.as_ref().and_then(|r| r["name"].as_str()).unwrap_or_default().to_owned();
    for step in [
        vec!["after", "sent", "--on", "20/11/2026"],
        vec!["after", "decision", "--decision", "significant", "--on", "20/11/2026"],
        vec!["after", "followed", "--notice", "21/11/2026", "--final-plan", "22/11/2026"],
    ] {
        let out = ardesk(&[&step[..], &["--db", db, "--review", &review, today]].concat());
        assert!(out.status.success(), "{step:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // The line printed under the child's row.
    let under_the_row = || {
        let table = stdout(&ardesk(&["caseload", "--db", db, today]));
        let lines: Vec<&str> = table.lines().collect();
        let at = lines.iter().position(|l| l.contains(name.as_str())).unwrap_or(usize::MAX);
        let under = lines.get(at.wrapping_add(1)).map(|l| l.trim().to_owned()).unwrap_or_default();
        (under, table)
    };
    let (under, table) = under_the_row();
    assert_eq!(under, "! Brief the staff on the amended plan (issued 22 Nov 2026)", "{table}");

    let out = ardesk(&[
        "briefed",
        "--db",
        db,
        "--review",
        &review,
        "--who",
        "Class teacher",
        "--on",
        "22/11/2026",
        today,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = stdout(&ardesk(&["caseload", "--db", db, today]));
    assert!(!table.contains("Brief the staff"), "{table}");

    // A transition action due within four weeks is listed under the child's row too.
    let child = row.as_ref().and_then(|r| r["child_id"].as_i64()).unwrap_or_default().to_string();
    let action = ["--action", "Visit the new school", "--owner", "Class TA", "--by", "29/11/2026"];
    let out = ardesk(&[&["transition", "--db", db, "--child", &child, today][..], &action].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (under, table) = under_the_row();
    assert_eq!(under, "! Transition action due 29 Nov 2026: Visit the new school (Class TA)", "{table}");
}

#[test]
fn caseload_json_is_sorted_by_urgency() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap_or_default();
    assert!(ardesk(&["demo", "--db", db, "--today", "2026-11-22"]).status.success());
    let out = ardesk(&["caseload", "--db", db, "--json", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 30);
    let stages = [
        "planning",
        "invitations_sent",
        "reports_due",
        "meeting_held",
        "ready_to_submit",
        "submitted",
        "decided",
    ];
    for r in &rows {
        for key in ["child_id", "review_id", "name", "ncy", "la", "stage", "next", "status"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(stages.contains(&r["stage"].as_str().unwrap_or("")));
        assert!(r["next"]["id"].is_string() && r["next"]["due"].is_string());
    }
    let rank = |s: &str| {
        ["overdue", "meeting_too_late", "needs_dates", "due_soon", "on_track"]
            .iter()
            .position(|x| *x == s)
            .unwrap_or(9)
    };
    let ranks: Vec<usize> = rows.iter().map(|r| rank(r["status"].as_str().unwrap_or(""))).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]) && ranks.first() == Some(&0), "{ranks:?}");
}
