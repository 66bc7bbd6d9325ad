//! Issue 17: the audit's user comes from the operating system, not from `$USER`.

mod common;

use std::process::Command;

use common::{PASSPHRASE, connect, run, tool};

#[test]
fn the_audit_names_the_os_account_whatever_user_says() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let out = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", PASSPHRASE)
        .env("USER", "mallory")
        .env("USERNAME", "mallory")
        .args(["demo", "--size", "3", "--db"])
        .arg(&db)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let account = run(Command::new(tool("id")).arg("-un")).trim().to_owned();
    let users: Vec<String> = {
        let conn = connect(&db);
        let mut stmt =
            conn.prepare("SELECT DISTINCT os_user FROM audit").unwrap_or_else(|e| unreachable!("{e}"));
        stmt.query_map([], |r| r.get(0))
            .unwrap_or_else(|e| unreachable!("{e}"))
            .filter_map(Result::ok)
            .collect()
    };
    assert_eq!(users, vec![account]);
}
