//! `ardesk compliance` (issue 20 item 8) on the demo: every review whose meeting fell in the
//! period, each deadline one of met, late, pending or n/a, the totals adding up to the reviews,
//! the CSV saying what the JSON says, by initials only. (The verdicts themselves are checked
//! against a typed child's recorded dates in the app's tests.)

mod common;

use common::{Demo, ardesk, text};

#[test]
fn the_compliance_report_lists_the_period_s_reviews_and_totals_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let out_dir = dir.path().join("governors");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--today=2026-11-22",
            "compliance",
            "--db",
            &demo.db,
            "--from",
            "2026-09-01",
            "--to",
            "2027-03-31",
        ];
        args.extend_from_slice(extra);
        ardesk(&args)
    };
    let out = run(&["--json", "--out", out_dir.to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let rows = report["rows"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 5, "the demo's reviews in the period: {report:#}");
    let meetings: Vec<&str> = rows.iter().filter_map(|r| r["meeting"].as_str()).collect();
    assert!(meetings.windows(2).all(|w| w[0] <= w[1]), "in meeting order: {meetings:?}");
    assert!(meetings.iter().all(|m| ("2026-09-01"..="2027-03-31").contains(m)), "{meetings:?}");
    for (i, id) in ["T07", "T09", "T11", "T12"].into_iter().enumerate() {
        let codes: Vec<&str> = rows.iter().filter_map(|r| r[id].as_str()).collect();
        assert_eq!(codes.len(), rows.len());
        assert!(codes.iter().all(|c| ["met", "late", "pending", "n/a"].contains(c)), "{id}: {codes:?}");
        let total = &report["totals"][i];
        assert_eq!(total["milestone"], id);
        let count = |code: &str| codes.iter().filter(|c| **c == code).count() as u64;
        assert_eq!(total["met"].as_u64(), Some(count("met")), "{total}");
        assert_eq!(total["late"].as_u64(), Some(count("late")), "{total}");
        assert_eq!(total["pending"].as_u64(), Some(count("pending")), "{total}");
    }
    // A meeting still to come cannot have had its report or decision yet.
    for r in rows.iter().filter(|r| r["meeting"].as_str().is_some_and(|m| m > "2026-11-22")) {
        assert_eq!((r["T11"].as_str(), r["T12"].as_str()), (Some("pending"), Some("pending")), "{r}");
    }
    let csv_text =
        std::fs::read_to_string(out_dir.join("compliance-2026-09-01-to-2027-03-31.csv")).unwrap_or_default();
    let lines: Vec<&str> = csv_text.lines().collect();
    assert_eq!(lines.first().copied(), Some("MeetingDate,ChildInitials,LA,T07,T09,T11,T12,ReviewId"));
    assert_eq!(lines.len(), rows.len() + 1);
    for (line, row) in lines.iter().skip(1).zip(&rows) {
        assert!(line.starts_with(row["meeting"].as_str().unwrap_or("?")), "{line} / {row}");
        assert!(line.ends_with(&format!(",{}", row["review_id"])), "{line} / {row}");
    }
    // No child's name reaches the report.
    for name in demo.rows.as_array().into_iter().flatten().filter_map(|r| r["name"].as_str()) {
        assert!(!csv_text.contains(name) && !String::from_utf8_lossy(&out.stdout).contains(name), "{name}");
    }
    // The PDF, read back by pdftotext: the totals and each review, by initials.
    let pdf = out_dir.join("compliance-2026-09-01-to-2027-03-31.pdf");
    let said = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(
        said.contains("Annual reviews: statutory deadlines")
            && said.contains("T12 LA decision within 4 weeks"),
        "{said}"
    );
    let t07 = &report["totals"][0];
    let flat = said.split_whitespace().collect::<Vec<_>>().join(" ");
    let line =
        format!("T07 Two weeks' notice of the meeting {} {} {}", t07["met"], t07["late"], t07["pending"]);
    assert!(flat.contains(&line), "{line:?} not in {flat}");
    for name in demo.rows.as_array().into_iter().flatten().filter_map(|r| r["name"].as_str()) {
        assert!(!said.contains(name), "{name}");
    }
    // The text form totals each deadline; a date that is not one is refused, naming the field.
    let plain = run(&[]);
    assert!(text(&plain).contains("T07 Two weeks' notice of the meeting:"), "{}", text(&plain));
    let bad = ardesk(&["compliance", "--db", &demo.db, "--from", "2026-13-01", "--to", "2027-01-01"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
}
