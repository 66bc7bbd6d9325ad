//! A full disk and a read-only folder, for real (issue 8): each step runs `ardesk` on a small
//! tmpfs mounted in a private mount namespace (`unshare`), so the kernel itself says "no space
//! left" or "read-only file system". Each refusal must say what happened and what to do, and
//! nothing saved before it may be lost.

mod common;

use std::path::Path;
use std::process::Command;

use common::Demo;

/// Runs `script` with `sh` in a new mount namespace, with `$ARDESK` and `$MNT` (an empty
/// folder to mount on) set. Returns what it printed, both streams.
fn in_namespace(dir: &Path, script: &str) -> String {
    let mnt = dir.join("mnt");
    assert!(std::fs::create_dir_all(&mnt).is_ok());
    // Root needs only a mount namespace; anyone else maps themselves to root in a user namespace.
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let out = Command::new("unshare")
        .args(if root { &["--mount"][..] } else { &["--map-root-user", "--mount"][..] })
        .args(["sh", "-c", &format!("exec 2>&1\n{script}")])
        .env("ARDESK", env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'")
        .env("MNT", &mnt)
        .env("OUT", dir)
        .output()
        .unwrap_or_else(|e| unreachable!("unshare (util-linux) is needed for this test: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        !text.contains("unshare: "),
        "this test needs a mount namespace (root, or unprivileged user namespaces): {text}"
    );
    text
}

/// The lines between `== name` and the next `==` marker.
fn step<'a>(text: &'a str, name: &str) -> &'a str {
    let marker = format!("== {name}\n");
    let start = text.find(&marker).map_or(text.len(), |i| i + marker.len());
    let rest = &text[start..];
    &rest[..rest.find("== ").unwrap_or(rest.len())]
}

fn open(path: &Path) -> rusqlite::Connection {
    common::connect(path)
}

#[test]
fn a_full_disk_refuses_the_save_clearly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    // A review with a meeting held, found once on an ordinary disk.
    let review = Demo::new(dir.path(), None).review_at("meeting_held");
    let script = format!(
        r#"
        mount -t tmpfs -o size=16m tmpfs "$MNT" || exit 1
        "$ARDESK" demo --db "$MNT/c.db"
        echo "== saves"
        timeout 1 "$ARDESK" save-loop --db "$MNT/c.db" --review {review}
        dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
        echo "== full"
        "$ARDESK" save-loop --db "$MNT/c.db" --review {review}; echo "exit $?"
        echo "== bundle"
        "$ARDESK" bundle --db "$MNT/c.db" --review {review} --out "$MNT"; echo "exit $?"
        rm "$MNT/filler"
        echo "== after"
        cp "$MNT"/c.db* "$OUT/"; echo "exit $?"
        "#
    );
    let text = in_namespace(dir.path(), &script);

    let acks = |name: &str| -> Vec<u64> {
        step(&text, name).lines().filter_map(|l| l.trim().parse().ok()).collect()
    };
    assert!(acks("saves").len() > 3, "the loop saved before the disk filled: {text}");
    // With the disk full, saves go on while the write-ahead log has room to reuse; the first
    // save that needs more space is refused. The last save acknowledged is what must be kept.
    let last = acks("full").last().or(acks("saves").last()).copied().unwrap_or_default();
    let full = step(&text, "full");
    assert!(
        full.contains("The disk holding the database is full, so this change was not saved")
            && full.contains("Free some space and try again")
            && full.contains("exit 1"),
        "{full}"
    );
    let bundle = step(&text, "bundle");
    assert!(!bundle.contains("exit 0") && !bundle.contains("panicked"), "{bundle}");
    assert!(step(&text, "after").contains("exit 0"), "{text}");

    // The database with its write-ahead log, as the disk held them: everything is there.
    let db = open(&dir.path().join("c.db"));
    let integrity: String =
        db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_else(|e| e.to_string());
    assert_eq!(integrity, "ok");
    let children: i64 = db.query_row("SELECT count(*) FROM child", [], |r| r.get(0)).unwrap_or_default();
    assert_eq!(children, i64::try_from(ardesk_domain::demo::STANDARD_SIZE).unwrap_or_default());
    let value = common::saved_discussion(&db, &review);
    assert!(
        value.ends_with(&format!(" {last}")) || value.ends_with(&format!(" {}", last + 1)),
        "{value}, last acknowledged {last}"
    );
}

#[test]
fn a_read_only_folder_is_named_and_nothing_in_it_changes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let script = r#"
        mount -t tmpfs -o size=16m tmpfs "$MNT" || exit 1
        "$ARDESK" demo --db "$MNT/c.db" --size 30
        mkdir "$MNT/out"
        sha256sum "$MNT/c.db" > "$OUT/before.sum"
        mount -o remount,ro "$MNT" || exit 1
        echo "== open"
        "$ARDESK" caseload --db "$MNT/c.db"; echo "exit $?"
        echo "== new"
        "$ARDESK" caseload --db "$MNT/new.db"; echo "exit $?"
        echo "== after"
        sha256sum -c "$OUT/before.sum"; ls "$MNT"
    "#;
    let text = in_namespace(dir.path(), script);
    for name in ["open", "new"] {
        let out = step(&text, name);
        assert!(
            out.contains("is read-only, so the database in it cannot be opened")
                && out.contains("Move the database to a folder you can write to")
                && !out.contains("exit 0"),
            "{name}: {out}"
        );
    }
    let after = step(&text, "after");
    assert!(after.contains("c.db: OK"), "{after}");
    assert!(!after.contains("new.db") && !after.contains("-wal"), "nothing was created: {after}");
}
