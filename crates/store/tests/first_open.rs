//! The first databases a process opens, opened at once from several threads. SQLite marks
//! itself initialised before SQLCipher's own start-up has run, so a thread whose first
//! connection came in between found SQLCipher not ready and its key refused ("An error occurred
//! with PRAGMA key or rekey"): CI failed so, once. This test is its own process, so these really
//! are the process's first connections.

use std::sync::{Arc, Barrier};

use ardesk_store::{Passphrase, Store};

#[test]
fn the_first_databases_opened_at_once_from_many_threads_all_open() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let threads = 16;
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let path = dir.path().join(format!("c{i}.db"));
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let key = Passphrase::new("correct horse battery staple").unwrap_or_else(|| unreachable!());
                start.wait();
                Store::open(&path, Some(&key)).map(drop).map_err(|e| e.to_string())
            })
        })
        .collect();
    for h in handles {
        let opened = h.join().unwrap_or_else(|_| Err("the thread panicked".to_owned()));
        assert!(opened.is_ok(), "{opened:?}");
    }
}
