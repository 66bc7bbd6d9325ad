//! The crash loop (issue 8): a process saves AR1 edits and reports each acknowledged save; it is
//! killed with SIGKILL at varying moments, 200 times. After each kill the database passes
//! SQLite's integrity and foreign-key checks, and every acknowledged save is there.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Demo;

const ITERATIONS: u64 = 200;

/// The number at the end of "edit 17".
fn number(value: &str) -> u64 {
    value.rsplit(' ').next().and_then(|n| n.parse().ok()).unwrap_or_default()
}

#[test]
fn killing_a_saving_process_two_hundred_times_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let review = demo.review_at("meeting_held");
    let mut state = 0x9e37_79b9_u64;
    for i in 0..ITERATIONS {
        // A varying moment: after 0 to 7 acknowledged saves, plus 0 to 4 ms.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let wait_for_acks = state % 8;
        let extra = Duration::from_micros((state >> 8) % 4000);
        let mut child = Command::new(env!("CARGO_BIN_EXE_ardesk"))
            .env("ARDESK_PASSPHRASE", "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'")
            .args(["save-loop", "--db", &demo.db, "--review", &review])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| unreachable!("{e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| unreachable!("piped"));
        let mut lines = BufReader::new(stdout).lines();
        let mut acked: Option<u64> = None;
        while acked.map_or(0, |a| a + 1) < wait_for_acks {
            match lines.next() {
                Some(Ok(line)) => acked = line.trim().parse().ok(),
                _ => break,
            }
        }
        let until = Instant::now() + extra;
        while Instant::now() < until {
            std::hint::spin_loop();
        }
        let _ = Command::new("kill").args(["-KILL", &child.id().to_string()]).status();
        let _ = child.wait();
        // Acknowledgements printed before the kill that were not read yet still count.
        for line in lines.map_while(Result::ok) {
            acked = line.trim().parse().ok().or(acked);
        }

        let db = common::connect(&demo.db);
        let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_default();
        assert_eq!(integrity, "ok", "iteration {i}");
        let fk_problems: i64 =
            db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap_or(-1);
        assert_eq!(fk_problems, 0, "iteration {i}");
        if let Some(acked) = acked {
            let value = common::saved_discussion(&db, &review);
            // Each run starts again from 0, so the save it acknowledged last is the floor.
            assert!(
                number(&value) >= acked,
                "iteration {i}: save {acked} was acknowledged, the database has {value:?}"
            );
        }
    }
}
