//! The app in its real window (issue 8), on the 2,000-child demo caseload, under Xvfb:
//! - cold start: from the app process starting to the first caseload row on screen;
//! - the dashboard: from clicking "Caseload" to its first row painted, measured in the page;
//! - idle memory: the app and its WebKit processes, resident (RSS) and proportional (PSS).
//!
//! Run by scripts/bench with the release app (`ARDESK_APP=target/release/annual-review-desk`).
//! Targets: start < 1.5 s, first row < 300 ms, idle memory < 250 MB.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::Duration;

use ardesk_e2e::{Driver, app_binary};

/// Runs of each measurement (BENCH_RUNS overrides).
fn runs() -> usize {
    std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5)
}

/// Seconds since boot now, from /proc/uptime.
fn uptime() -> f64 {
    std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or_default()
}

/// Seconds since boot at which `pid` started (field 22 of /proc/PID/stat, in clock ticks).
fn started(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let ticks: f64 = after_name.split_whitespace().nth(19).and_then(|t| t.parse().ok()).unwrap_or_default();
    let hz: f64 = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0);
    ticks / hz
}

/// `pid` and every process below it.
fn tree(pid: u32) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let ppid: Option<u32> =
            stat.rsplit(')').next().and_then(|s| s.split_whitespace().nth(1)).and_then(|n| n.parse().ok());
        if let Some(ppid) = ppid {
            parents.push((p, ppid));
        }
    }
    let mut all = vec![pid];
    let mut i = 0;
    while let Some(&p) = all.get(i) {
        all.extend(parents.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    all
}

/// A kB figure from a /proc status-style file.
fn kb(path: String, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or_default()
}

fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_owned()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or_default()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!("App: {}", app_binary().display());
    let mut starts = Vec::new();
    let mut first_rows = Vec::new();
    let mut memory = None;
    for run in 0..runs() {
        let driver = Driver::start("bench-window");
        let db = driver.db_path();
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        let size = std::env::var("BENCH_DEMO_SIZE").unwrap_or_else(|_| "2000".to_owned());
        let made =
            ardesk_e2e::ardesk_command().args(["demo", "--size", &size, "--db"]).arg(&db).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        // Today's backup already taken, as on any but the first start of a day.
        let _ = ardesk_e2e::ardesk_command().args(["pupils", "--db"]).arg(&db).output();

        let app = driver.launch().await;
        app.find("#caseload tbody tr").await;
        let shown = uptime();
        let pid = *driver.app_pids().first().expect("the app is running");
        starts.push(shown - started(pid));

        // The dashboard, from another screen: the first row painted after the click.
        for _ in 0..runs() {
            app.click("#nav-settings").await;
            app.find("#save-school").await;
            let ms = app
                .client()
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     const t0 = performance.now();
                     document.getElementById('nav-caseload').click();
                     const check = () => document.querySelector('#caseload tbody tr')
                         ? requestAnimationFrame(() => done(performance.now() - t0))
                         : requestAnimationFrame(check);
                     check();",
                    vec![],
                )
                .await
                .unwrap();
            first_rows.push(ms.as_f64().unwrap_or_default());
        }

        if run == 0 {
            tokio::time::sleep(Duration::from_secs(5)).await;
            let procs: Vec<(String, u64, u64)> = tree(pid)
                .into_iter()
                .map(|p| {
                    (
                        name(p),
                        kb(format!("/proc/{p}/status"), "VmRSS:"),
                        kb(format!("/proc/{p}/smaps_rollup"), "Pss:"),
                    )
                })
                .collect();
            memory = Some(procs);
        }
        app.quit().await;
    }

    println!("Cold start, process start to first caseload row ({} runs):", starts.len());
    println!(
        "  best {:.0} ms, median {:.0} ms (target < 1500 ms)",
        starts.iter().copied().fold(f64::MAX, f64::min) * 1000.0,
        median(starts.clone()) * 1000.0
    );
    println!("Dashboard, click to first row painted, 2,000 children ({} runs):", first_rows.len());
    println!(
        "  best {:.0} ms, median {:.0} ms (target < 300 ms)",
        first_rows.iter().copied().fold(f64::MAX, f64::min),
        median(first_rows.clone())
    );
    if let Some(procs) = memory {
        println!("Idle memory after 5 s, the app and its WebKit processes:");
        for (n, rss, pss) in &procs {
            println!("  {n:<24} RSS {:>4} MB  PSS {:>4} MB", rss / 1024, pss / 1024);
        }
        let rss: u64 = procs.iter().map(|p| p.1).sum();
        let pss: u64 = procs.iter().map(|p| p.2).sum();
        println!(
            "  total                    RSS {:>4} MB  PSS {:>4} MB (target < 250 MB)",
            rss / 1024,
            pss / 1024
        );
    }
}
