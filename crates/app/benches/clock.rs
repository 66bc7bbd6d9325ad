//! `cargo bench -p ardesk-app --bench clock`: the statutory clock at the scale of the largest
//! caseloads (2,000 children). Prints the best and median of repeated runs; the target for the
//! clocks alone is under 20 ms.

// A benchmark aborts on a setup failure; it never handles user data.
#![allow(clippy::panic, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use ardesk_app::{App, FixedClock};
use ardesk_domain::calendar::{BankHolidays, SchoolCalendar};
use ardesk_domain::clock::{ClockInput, timeline};
use ardesk_domain::demo;
use ardesk_domain::la::LaCatalogue;
use chrono::NaiveDate;

const RUNS: usize = 30;

fn measure(name: &str, mut f: impl FnMut()) -> Duration {
    f(); // warm up
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let (best, median) = (times[0], times[RUNS / 2]);
    println!("{name:<58} best {:>8.2} ms   median {:>8.2} ms", ms(best), ms(median));
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let caseload = demo::caseload(today, demo::MAX_SIZE);
    let las = LaCatalogue::builtin().unwrap_or_else(|p| panic!("{}", p.message));
    let holidays = BankHolidays::embedded();
    let school = SchoolCalendar::default();
    println!("Statutory clock, {} children", caseload.children.len());

    let clocks = measure("every child's timeline (pure core)", || {
        for c in &caseload.children {
            let Some(profile) = las.get(&c.record.la_id) else { continue };
            let input = ClockInput {
                anchor: c.record.history.anchor().map(|a| a.date),
                dob: c.record.dob,
                ncy_offset: c.record.ncy_offset,
                meeting: c.meeting.as_ref().map(|m| m.date),
                profile,
                transfers: c.record.transfers,
                today,
            };
            black_box(timeline(&input, &holidays, &school).ok());
        }
    });

    let mut app = App::in_memory(Box::new(FixedClock::on(today))).unwrap_or_else(|e| panic!("{e}"));
    app.load_demo(demo::MAX_SIZE).unwrap_or_else(|e| panic!("{e}"));
    measure("dashboard query: SQLite read + clocks + sort + DTOs", || {
        black_box(app.caseload().ok());
    });

    // On disk, as the app opens it: encrypted (a typed passphrase, so with its key derivation)
    // beside the same caseload in a plaintext database as made before encryption.
    let dir = std::env::temp_dir().join(format!("ardesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let key = ardesk_app::Passphrase::new("a passphrase typed by a person").unwrap_or_else(|| panic!());
    for (name, encrypted) in [("plaintext", false), ("encrypted", true)] {
        let path = dir.join(format!("{name}.sqlite3"));
        if !encrypted {
            ardesk_store::create_plaintext(&path).unwrap_or_else(|e| panic!("{e}"));
        }
        let clock = || Box::new(FixedClock::on(today));
        let mut app = App::open(&path, clock(), "bench", Some(&key)).unwrap_or_else(|e| panic!("{e}"));
        app.load_demo(demo::MAX_SIZE).unwrap_or_else(|e| panic!("{e}"));
        drop(app);
        measure(&format!("{name}: open the database (checked, migrated)"), || {
            black_box(App::open(&path, clock(), "bench", Some(&key)).ok());
        });
        let app = App::open(&path, clock(), "bench", Some(&key)).unwrap_or_else(|e| panic!("{e}"));
        measure(&format!("{name}: dashboard query, on disk"), || {
            black_box(app.caseload().ok());
        });
    }
    let _ = std::fs::remove_dir_all(&dir);

    let target = Duration::from_millis(20);
    println!(
        "target: every clock in under {} ms -> {}",
        target.as_millis(),
        if clocks < target { "met" } else { "NOT MET" }
    );
}
