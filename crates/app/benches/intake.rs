//! `cargo bench -p ardesk-app --bench intake`: the LA's desk (issue 19) over 500 bundles of about
//! 2 MB each (about 1 GB): `receive_bundles` (open each zip, hash and scan every entry, check the
//! manifest and the content rules, on every core) against `unzip -t` on each bundle plus
//! `sha256sum` over them all, in the same run on the same files. Target: at most 1.0x their time,
//! with memory bounded. The bundles are the demo's, exported by the app with a synthetic 1.7 MB
//! report attached, then copied.

// A benchmark aborts on a setup failure; it never handles user data.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ardesk_app::{App, DEMO_SIZE, FixedClock};
use chrono::NaiveDate;

const BUNDLES: usize = 500;

/// A PDF with one page and an incompressible stream of about `size` bytes.
fn pdf(size: usize) -> Vec<u8> {
    let mut body = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
        4 0 obj << /Length 0 >>\nstream\n"
        .to_vec();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    while body.len() < size {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        body.extend_from_slice(&x.to_le_bytes());
    }
    body.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = body.len();
    body.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    body
}

/// The demo's first complete review, exported with a large report attached.
fn one_bundle(dir: &Path) -> PathBuf {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut app = App::in_memory(Box::new(FixedClock::on(today))).unwrap();
    app.load_demo(DEMO_SIZE).unwrap();
    let review = app
        .caseload()
        .unwrap()
        .into_iter()
        .filter(|r| r.stage == ardesk_dto::Stage::ReadyToSubmit || r.stage == ardesk_dto::Stage::Submitted)
        .find_map(|r| r.review_id)
        .unwrap();
    let items = app.review_prep(review).unwrap().checklist;
    let report = items.iter().find(|c| c.code == "D09").or(items.first()).unwrap().id;
    app.attach_file(review, report, "Large report.pdf", &pdf(1_700_000)).unwrap();
    let path = dir.join(app.bundle_file_name(review).unwrap());
    app.export_bundle(review, &path).unwrap();
    path
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let first = one_bundle(dir.path());
    let received = dir.path().join("received");
    std::fs::create_dir_all(&received).unwrap();
    let mut total = 0u64;
    let mut paths = Vec::new();
    for n in 0..BUNDLES {
        let to = received.join(format!("AR_{n:04}.zip"));
        total += std::fs::copy(&first, &to).unwrap();
        paths.push(to);
    }
    println!(
        "Intake: {BUNDLES} bundles, {} MB, {} cores",
        total >> 20,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let las = ardesk_app::builtin_las().unwrap();
    let before = peak_rss_kb();
    let runs = 3;
    let ours: Duration = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let rows = ardesk_app::receive_bundles(std::slice::from_ref(&received), &las, None, today, today)
                .unwrap();
            assert_eq!(rows.len(), BUNDLES);
            assert!(
                rows.iter().all(|r| r.verdict == ardesk_dto::ReceivedVerdict::Valid),
                "{:?}",
                rows[0].problems
            );
            start.elapsed()
        })
        .min()
        .unwrap();
    println!(
        "  ardesk intake (verify every bundle, on every core)          {:>7.3} s, peak memory {} MB (before: {} MB)",
        ours.as_secs_f64(),
        peak_rss_kb() >> 10,
        before >> 10
    );
    let theirs: Duration = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for p in &paths {
                assert!(Command::new("unzip").arg("-tqq").arg(p).status().unwrap().success());
            }
            assert!(Command::new("sha256sum").args(&paths).output().unwrap().status.success());
            start.elapsed()
        })
        .min()
        .unwrap();
    println!("  unzip -t on each + sha256sum over all                       {:>7.3} s", theirs.as_secs_f64());
    println!(
        "  ratio                                                       {:>7.2}x (target <= 1.0x)",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
}
