//! Issue 15, after the meeting from the command line: a review the LA sent back (`ardesk after
//! returned`, `tick`, `sent`), and a plan whose cease took effect leaving the caseload for
//! `ardesk caseload --ceased`. Bad input exits 2, a step not possible yet 1, with one line, and changes nothing.

mod common;

use common::{Demo, ardesk, text};

const TODAY: &str = "--today=2026-11-22";

fn ok(args: &[&str]) -> String {
    let mut all = vec![TODAY];
    all.extend_from_slice(args);
    let out = ardesk(&all);
    assert!(out.status.success(), "{all:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Refused with exit code `code` (2 bad input, 1 not possible now); what it printed to stderr.
fn refused(code: i32, args: &[&str]) -> String {
    let mut all = vec![TODAY];
    all.extend_from_slice(args);
    let out = ardesk(&all);
    assert_eq!(out.status.code(), Some(code), "{all:?}: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The caseload row of `child`, as `ardesk caseload --json` prints it.
fn row(db: &str, child: &serde_json::Value) -> serde_json::Value {
    let rows: serde_json::Value =
        serde_json::from_str(&ok(&["caseload", "--db", db, "--json"])).unwrap_or_default();
    rows.as_array().and_then(|r| r.iter().find(|r| r["child_id"] == *child)).cloned().unwrap_or_default()
}

#[test]
fn a_review_sent_back_is_answered_item_by_item_and_sent_again() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let (db, review) = (demo.db.as_str(), demo.review_at("ready_to_submit"));
    let child = demo.row_at("ready_to_submit")["child_id"].clone();
    let back = ["after", "returned", "--db", db, "--review", &review, "--on", "20/11/2026"];

    // Not sent yet: nothing can come back, and the message says why.
    let err = refused(1, &[&back[..], &["--asked", "A costed provision map"]].concat());
    assert!(err.contains("not been recorded as sent"), "{err}");
    ok(&["after", "sent", "--db", db, "--review", &review, "--on", "19/11/2026"]);

    let shown = ok(&[
        &back[..],
        &["--by", "2026-12-02", "--asked", "A costed provision map", "--asked", "The parents' views, signed"],
    ]
    .concat());
    assert!(shown.contains("Sent back by the LA on 20 Nov 2026, answer by 2 Dec 2026"), "{shown}");
    assert!(shown.contains("1. [ ] A costed provision map") && shown.contains("2. [ ] The parents' views"));
    let next = &row(db, &child)["next"];
    assert_eq!(next["id"], "T11R", "{next}");
    assert_eq!(
        next["action"],
        "Send the LA what it asked for (A costed provision map, and 1 more) by Wed 2 Dec 2026"
    );

    // Items are numbered from 1, as printed; a number not on the list changes nothing.
    let err = refused(2, &["after", "tick", "--db", db, "--review", &review, "--item", "0"]);
    assert!(err.contains("numbered from 1"), "{err}");
    refused(1, &["after", "tick", "--db", db, "--review", &review, "--item", "3"]);
    let ticked = ok(&["after", "tick", "--db", db, "--review", &review, "--item", "1"]);
    assert!(
        ticked.contains("1. [x] A costed provision map") && ticked.contains("2. [ ] The parents'"),
        "{ticked}"
    );
    ok(&["after", "tick", "--db", db, "--review", &review, "--item", "2"]);
    assert_eq!(row(db, &child)["next"]["action"], "Send the review back to the LA by Wed 2 Dec 2026");

    // Sent again: the return closes, the first sending's date stays, the LA's decision is next.
    let sent = ok(&["after", "sent", "--db", db, "--review", &review, "--on", "21/11/2026"]);
    assert!(sent.contains("Sent to the LA: 19 Nov 2026"), "{sent}");
    assert!(sent.contains("Sent back by the LA on 20 Nov 2026, sent again on 21 Nov 2026"), "{sent}");
    assert_ne!(row(db, &child)["next"]["id"], "T11R");
}

#[test]
fn a_plan_ceased_after_its_appeal_leaves_the_caseload_and_is_listed_apart() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let (db, review) = (demo.db.as_str(), demo.review_at("ready_to_submit"));
    let child = demo.row_at("ready_to_submit")["child_id"].clone();
    let ceased = || -> serde_json::Value {
        serde_json::from_str(&ok(&["caseload", "--db", db, "--ceased", "--json"])).unwrap_or_default()
    };
    assert_eq!(ceased(), serde_json::json!([]));

    ok(&["after", "sent", "--db", db, "--review", &review, "--on", "19/11/2026"]);
    ok(&["after", "decision", "--db", db, "--review", &review, "--decision", "cease", "--on", "20/11/2026"]);
    ok(&["after", "followed", "--db", db, "--review", &review, "--appeal-lodged", "21/11/2026"]);
    assert_eq!(row(db, &child)["child_id"], child, "maintained while the appeal is heard");
    let ended = ok(&["after", "followed", "--db", db, "--review", &review, "--appeal-ended", "22/11/2026"]);
    assert!(ended.contains("(Plan ceased)"), "{ended}");

    assert_eq!(row(db, &child), serde_json::Value::Null, "off the active caseload");
    let listed = ceased();
    let only = listed
        .as_array()
        .map(|a| a.iter().map(|c| (c["child_id"].clone(), c["ceased_from"].clone())).collect());
    assert_eq!(only, Some(vec![(child, serde_json::json!("23 Nov 2026"))]));
    let table = ok(&["caseload", "--db", db, "--ceased"]);
    assert!(table.contains("ceased from 23 Nov 2026"), "{table}");
}

/// `ardesk briefed` (issue 20 item 2): who was briefed on the plan, and when; a name is
/// required, and a date in the future is refused on its field.
#[test]
fn who_was_briefed_is_recorded_and_listed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let review = demo.review_at("ready_to_submit");
    let briefed = |who: &str, on: &str| {
        ardesk(&[
            "--today=2026-11-22",
            "briefed",
            "--db",
            &demo.db,
            "--review",
            &review,
            "--who",
            who,
            "--on",
            on,
        ])
    };
    let nobody = briefed(" ", "20/11/2026");
    assert_eq!(nobody.status.code(), Some(2), "{}", text(&nobody));
    assert!(text(&nobody).contains("Say who was briefed"), "{}", text(&nobody));
    let future = briefed("Class teacher", "2026-12-01");
    assert_eq!(future.status.code(), Some(2), "{}", text(&future));
    let ok = briefed("Class teacher and TA", "2026-11-20");
    assert!(ok.status.success(), "{}", text(&ok));
    assert_eq!(String::from_utf8_lossy(&ok.stdout).trim(), "20 Nov 2026  Class teacher and TA");
}

/// `ardesk reflect` (issue 20 item 5): the reflection on a held review, saved, then listed.
#[test]
fn a_reflection_is_saved_and_listed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let review = demo.review_at("ready_to_submit");
    let blank = ardesk(&[TODAY, "reflect", "--db", &demo.db, "--review", &review, "--worked", " "]);
    assert_eq!(blank.status.code(), Some(2), "{}", text(&blank));
    let saved = ardesk(&[
        TODAY,
        "reflect",
        "--db",
        &demo.db,
        "--review",
        &review,
        "--worked",
        "Views first.",
        "--next",
        "Ask earlier.",
        "--json",
    ]);
    assert!(saved.status.success(), "{}", text(&saved));
    let all: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap_or_default();
    assert_eq!(all[0]["review_id"].to_string(), review);
    assert_eq!(all[0]["answers"]["next_time"], "Ask earlier.");
    let listed = ardesk(&[TODAY, "reflect", "--db", &demo.db]);
    assert!(
        text(&listed).contains("worked: Views first.") && text(&listed).contains("next time: Ask earlier."),
        "{}",
        text(&listed)
    );
}

/// `ardesk request` (issue 20 item 1): after the LA's decision, a reconsideration on a report it
/// already had is refused (exit 2, nothing written); a re-assessment is made with its letter and
/// the report, listed as awaited, answered, and no longer awaited.
#[test]
fn a_request_to_the_la_is_made_with_its_letter_listed_and_answered() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let (db, review) = (demo.db.as_str(), demo.review_at("ready_to_submit"));
    ok(&["after", "sent", "--db", db, "--review", &review, "--on", "21/11/2026"]);
    ok(&[
        "after",
        "decision",
        "--db",
        db,
        "--review",
        &review,
        "--decision",
        "no-change",
        "--on",
        "22/11/2026",
    ]);
    let panel: serde_json::Value =
        serde_json::from_str(&ok(&["request", "list", "--db", db, "--review", &review, "--json"]))
            .unwrap_or_default();
    let item = panel["evidence"][0]["item"].as_i64().unwrap_or_default().to_string();
    let out = dir.path().join("out");
    let out = out.to_string_lossy();
    let make = |kind: &'static str| {
        vec![
            "request",
            "make",
            "--db",
            db,
            "--review",
            &review,
            "--kind",
            kind,
            "--grounds",
            "Needs have changed.",
            "--sent",
            "22/11/2026",
            "--evidence",
            &item,
            "--out",
            &out,
        ]
    };
    let said = refused(2, &make("reconsideration"));
    assert!(said.contains("evidence it has not seen"), "{said}");
    assert!(
        std::fs::read_dir(dir.path().join("out")).map(|d| d.count()).unwrap_or(0) == 0,
        "nothing written"
    );
    let written = ok(&make("reassessment"));
    assert_eq!(written.lines().count(), 3, "the letter as Word and PDF, and the report: {written}");
    let awaited = ok(&["request", "list", "--db", db]);
    assert!(
        awaited.contains("Re-assessment of needs") && awaited.contains("answer due 7 Dec 2026"),
        "{awaited}"
    );
    let id = awaited.split_whitespace().next().unwrap_or_default().to_owned();
    ok(&["request", "answer", "--db", db, "--request", &id, "--outcome", "agreed", "--on", "22/11/2026"]);
    assert_eq!(ok(&["request", "list", "--db", db]).trim(), "No request is awaiting the LA's answer.");
}

/// `ardesk check-in` (issue 20 item 3): recorded with the child's view and the parents'
/// feedback, refused when it says nothing, and listed.
#[test]
fn a_check_in_is_recorded_and_listed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let child = demo.row_at("ready_to_submit")["child_id"].to_string();
    let db = demo.db.as_str();
    let said =
        refused(2, &["check-in", "--db", db, "--child", &child, "--on", "22/11/2026", "--progress", " "]);
    assert!(said.contains("Write at least one"), "{said}");
    ok(&[
        "check-in",
        "--db",
        db,
        "--child",
        &child,
        "--on",
        "22/11/2026",
        "--child-view",
        "I like the quiet room.",
        "--parents",
        "Sleeping better.",
    ]);
    let listed = ok(&["check-in", "--db", db, "--child", &child]);
    assert!(
        listed.contains("child: I like the quiet room.") && listed.contains("parents: Sleeping better."),
        "{listed}"
    );
}

/// `ardesk transition` (issue 20 item 4): the receiving setting and an action recorded, the
/// action ticked off, shown; a setting with no name refused.
#[test]
fn a_transition_plan_is_recorded_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let child = demo.row_at("ready_to_submit")["child_id"].to_string();
    let db = demo.db.as_str();
    let said = refused(2, &["transition", "--db", db, "--child", &child, "--setting", " "]);
    assert!(said.contains("Name the school or college"), "{said}");
    let plan = ok(&[
        "transition",
        "--db",
        db,
        "--child",
        &child,
        "--setting",
        "Example High School",
        "--email",
        "senco@high.example.org",
        "--action",
        "Visit with a TA",
        "--owner",
        "Class TA",
        "--by",
        "01/12/2026",
    ]);
    assert!(
        plan.contains("Receiving setting: Example High School") && plan.contains("[ ] Visit with a TA"),
        "{plan}"
    );
    let id = plan
        .lines()
        .find(|l| l.contains("Visit with a TA"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    let plan = ok(&["transition", "--db", db, "--child", &child, "--done", &id]);
    assert!(plan.contains("[x] Visit with a TA"), "{plan}");
}
