//! `ardesk intake` (issue 19): a morning's folder of bundles — a clean one, one changed after it
//! was made, one holding a password-protected report, one with a required document missing, a
//! plain zip and a folder of loose files from schools without the app, one whose school name
//! would be a spreadsheet formula, and one made for another LA — checked at once by Redcar's
//! desk and listed as a register ordered by the decision due. The JSON is checked field by
//! field, and the CSV as Python's csv module (as a spreadsheet) reads it.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Demo, ardesk, craft_bundle, text};

#[test]
fn a_mornings_bundles_become_a_register_ordered_by_the_decision_due() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let reviews: Vec<String> = demo
        .rows
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|r| r["stage"] == "ready_to_submit" || r["stage"] == "submitted")
                .filter_map(|r| r["review_id"].as_i64())
                .map(|id| id.to_string())
                .collect()
        })
        .unwrap_or_default();
    let made = dir.path().join("made");
    let mut bundles = Vec::new();
    for review in &reviews {
        let out = ardesk(&[
            "--today=2026-11-22",
            "bundle",
            "--db",
            &demo.db,
            "--review",
            review,
            "--out",
            made.to_str().unwrap_or_default(),
        ]);
        if out.status.success() {
            bundles.push(std::path::PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        }
    }
    assert!(bundles.len() >= 2, "two demo reviews export: {bundles:?}");
    let (first, second) = (&bundles[0], &bundles[1]);

    let morning = dir.path().join("morning");
    std::fs::create_dir_all(&morning).unwrap_or_else(|e| unreachable!("{e}"));
    std::fs::copy(first, morning.join("clean.zip")).unwrap_or_else(|e| unreachable!("{e}"));
    let protected = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/demo/protected-report.pdf");
    let protected = protected.to_string_lossy();
    let school_report = "[f['name'] for f in m['files'] if f['category'] == 'D02'][0]";
    craft_bundle(
        second,
        &morning.join("changed.zip"),
        &format!("files[{school_report}] += b'% changed'"),
        false,
    );
    craft_bundle(
        second,
        &morning.join("password.zip"),
        &format!("files[{school_report}] = open({protected:?}, 'rb').read()"),
        true,
    );
    craft_bundle(
        first,
        &morning.join("missing.zip"),
        &format!(
            "gone = {school_report}; del files[gone]; m['files'] = [f for f in m['files'] if f['name'] != gone]"
        ),
        true,
    );
    craft_bundle(
        first,
        &morning.join("formula.zip"),
        "m['school']['name'] = '=HYPERLINK(\"http://x\")'",
        false,
    );
    craft_bundle(first, &morning.join("other-la.zip"), "m['la_profile']['id'] = 'kent'", false);
    let report = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/school-report.pdf");
    let plain = Command::new("zip")
        .arg("-q")
        .arg("-j")
        .arg(morning.join("another-school.zip"))
        .arg(&report)
        .status()
        .unwrap_or_else(|e| unreachable!("zip: {e}"));
    assert!(plain.success());
    // Not a bundle: left alone.
    std::fs::write(morning.join("notes.txt"), "called the school").unwrap_or_else(|e| unreachable!("{e}"));
    // A folder of loose files from a school without the app: an AR1 in Word, the parents'
    // views, and a report with a password.
    let loose = morning.join("St Example Primary - JS");
    std::fs::create_dir_all(&loose).unwrap_or_else(|e| unreachable!("{e}"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    for (from, to) in [
        (fixtures.join("plan.docx"), "Annual Review AR1 - JS.docx"),
        (fixtures.join("school-report.pdf"), "Parent views.pdf"),
        (Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/demo/protected-report.pdf"), "EP report.pdf"),
    ] {
        std::fs::copy(from, loose.join(to)).unwrap_or_else(|e| unreachable!("{e}"));
    }

    let csv = dir.path().join("register.csv");
    let replies = dir.path().join("replies");
    let out = ardesk(&[
        "--today=2026-12-01",
        "intake",
        morning.to_str().unwrap_or_default(),
        "--la",
        "redcar",
        "--received",
        "2026-11-30",
        "--json",
        "--csv",
        csv.to_str().unwrap_or_default(),
        "--replies",
        replies.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(1), "some are not valid: {}", text(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let by = |name: &str| -> serde_json::Value {
        rows.iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name)))
            .cloned()
            .unwrap_or_else(|| unreachable!("{name} not in the register: {rows:#?}"))
    };
    assert_eq!(rows.len(), 8, "the seven zips and the folder, not the notes: {rows:#?}");

    let clean = by("clean.zip");
    assert_eq!(clean["verdict"], "valid", "{clean:#}");
    assert_eq!(clean["received"], "2026-11-30");
    assert_eq!(clean["la_profile"], "redcar");
    assert_eq!(clean["la_code"], "807", "Redcar and Cleveland's DfE code");
    assert_eq!(clean["school_urn"], "999001");
    let meeting = chrono_date(clean["meeting_date"].as_str().unwrap_or_default());
    let due = chrono_date(clean["decision_due"].as_str().unwrap_or_default());
    // Four weeks after the meeting (reg 20(10)), unless the 12-month deadline comes first.
    let deadline = chrono_date(clean["review_deadline"].as_str().unwrap_or_default());
    assert_eq!(due, (meeting + chrono::Days::new(28)).min(deadline), "{clean:#}");
    assert!(clean["upn"].as_str().is_some_and(|u| u.len() == 13), "{clean:#}");
    // The need types in the DfE's codes, as the demo child's record holds them.
    assert_eq!(clean["need_types"], serde_json::json!(["PD"]), "{clean:#}");
    let today = chrono_date("2026-12-01");
    assert_eq!(clean["days_left"].as_i64(), Some((due - today).num_days()));
    assert_eq!(clean["recommendation"], "amend");
    assert!(clean["sections_to_amend"].as_array().is_some_and(|s| !s.is_empty()), "{clean:#}");

    let changed = by("changed.zip");
    assert_eq!(changed["verdict"], "problems");
    assert!(
        changed["problems"].to_string().contains("has been changed since the bundle was made"),
        "{changed:#}"
    );
    let password = by("password.zip");
    assert_eq!(password["verdict"], "problems");
    assert!(password["file_findings"].to_string().contains("V01"), "{password:#}");
    let missing = by("missing.zip");
    assert!(missing["missing"].to_string().contains("School report"), "{missing:#}");
    // Sent without the app: scanned, recognised, and left to a person, never "valid".
    let other = by("another-school.zip");
    assert_eq!(other["verdict"], "needs_person", "{other:#}");
    assert!(other["decision_due"].is_null());
    assert_eq!(other["found"], serde_json::json!(["School report (educational advice): school-report.pdf"]));
    let folder = by("St Example Primary - JS");
    assert_eq!(folder["verdict"], "needs_person", "{folder:#}");
    assert_eq!(
        folder["found"],
        serde_json::json!([
            "AR1 / Record of Annual Review: Annual Review AR1 - JS.docx",
            "Professional report: EP report.pdf",
            "Parent/carer views: Parent views.pdf"
        ])
    );
    assert!(
        folder["file_findings"].to_string().contains("EP report.pdf: the PDF is encrypted"),
        "{folder:#}"
    );

    // Ordered by the decision due, the soonest first; those with none last.
    let dues: Vec<Option<&str>> = rows.iter().map(|r| r["decision_due"].as_str()).collect();
    let mut sorted = dues.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dues, sorted);
    assert_eq!(dues.last(), Some(&None));

    // The CSV, as a spreadsheet reads it: one header, a row per bundle in the same order, and
    // no cell that would run as a formula.
    let read = Command::new("python3")
        .arg("-c")
        .arg("import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))")
        .arg(&csv)
        .output()
        .unwrap_or_else(|e| unreachable!("python3: {e}"));
    assert!(read.status.success(), "{}", text(&read));
    let table: Vec<serde_json::Value> = serde_json::from_slice(&read.stdout).unwrap_or_default();
    assert_eq!(table.len(), rows.len());
    for (cells, row) in table.iter().zip(&rows) {
        assert_eq!(cells["File"], row["file"]);
        assert_eq!(cells["Verdict"], row["verdict"]);
        assert_eq!(cells["DecisionDue"].as_str(), Some(row["decision_due"].as_str().unwrap_or("")));
        assert_eq!(cells["URN"].as_str(), Some(row["school_urn"].as_str().unwrap_or("")));
        assert_eq!(cells["UPN"].as_str(), Some(row["upn"].as_str().unwrap_or("")));
        let needs: Vec<&str> = row["need_types"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(cells["NeedTypes"].as_str(), Some(needs.join("; ").as_str()));
        assert_eq!(cells["ReviewDeadline"].as_str(), Some(row["review_deadline"].as_str().unwrap_or("")));
        let cells_text = cells.as_object().map(|o| o.values().map(ToString::to_string).collect::<String>());
        assert!(!cells_text.unwrap_or_default().contains("\"="), "a formula cell: {cells}");
    }
    let formula = table.iter().find(|c| c["File"].as_str().is_some_and(|f| f.ends_with("formula.zip")));
    assert_eq!(
        formula.map(|c| c["SchoolName"].clone()),
        Some(serde_json::json!("'=HYPERLINK(\"http://x\")"))
    );

    // A reply drafted to each school whose bundle has problems (not to one sent without the
    // app: a person must see what it lacks), named by initials and meeting date only, read back
    // by python-docx and pdftotext: it lists what to put right.
    let mut drafted: Vec<String> = std::fs::read_dir(&replies)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    drafted.sort();
    let problem_rows = rows.iter().filter(|r| r["verdict"] == "problems").count();
    assert_eq!(drafted.len(), 2 * problem_rows, "{drafted:?}");
    assert!(
        drafted.iter().all(|n| n.starts_with("returned-") && (n.ends_with(".docx") || n.ends_with(".pdf")))
    );
    let texts = |ext: &str, tool: &dyn Fn(&Path) -> String| -> Vec<String> {
        drafted.iter().filter(|n| n.ends_with(ext)).map(|n| tool(&replies.join(n))).collect()
    };
    let docx = texts(".docx", &|p: &Path| {
        let out = Command::new("python3")
            .arg("-c")
            .arg("import docx, sys; print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))")
            .arg(p)
            .output()
            .unwrap_or_else(|e| unreachable!("python3: {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    });
    let pdf = texts(".pdf", &|p: &Path| {
        let out = Command::new("pdftotext").arg(p).arg("-").output().unwrap_or_else(|e| unreachable!("{e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    });
    for said in [docx.join("\n"), pdf.join("\n")] {
        assert_eq!(said.matches("returned for completion").count(), problem_rows, "{said}");
        assert!(said.contains("cannot be opened without a password"), "{said}");
        assert!(said.contains("has been changed since the bundle was made"), "{said}");
        assert!(said.contains("It was made for Kent"), "{said}");
        // Every reply comes from the desk's own LA, whatever the bundle was made for.
        assert!(!said.contains("Kent digital"), "{said}");
        assert!(said.contains("regulation 20(10)"), "{said}");
    }

    // The decision to the family, from a valid bundle: `ardesk reply`, read back by pdftotext.
    let decisions = dir.path().join("decisions");
    let clean = morning.join("clean.zip");
    let reply = |kind: &str, bundle: &Path, extra: &[&str]| {
        let mut args = vec!["--today=2026-12-03", "reply", kind, bundle.to_str().unwrap_or_default()];
        args.extend_from_slice(&["--la", "redcar", "--out", decisions.to_str().unwrap_or_default()]);
        args.extend_from_slice(extra);
        ardesk(&args)
    };
    let amend =
        reply("amend", &clean, &["--to", "Ms Jo Example", "--address", "1 Example Row", "--child", "Robin"]);
    assert!(amend.status.success(), "{}", text(&amend));
    let written: Vec<String> = String::from_utf8_lossy(&amend.stdout).lines().map(str::to_owned).collect();
    assert!(written.len() == 2 && written.iter().all(|w| w.contains("decision-amend-")), "{written:?}");
    let pdf_text = |path: &str| {
        let out =
            Command::new("pdftotext").arg(path).arg("-").output().unwrap_or_else(|e| unreachable!("{e}"));
        String::from_utf8_lossy(&out.stdout).replace('\n', " ")
    };
    let said = pdf_text(written.iter().find(|w| w.ends_with(".pdf")).map_or("", String::as_str));
    for words in [
        "Dear Ms Jo Example",
        "Robin's annual review",
        "Thursday 17 December 2026",
        "Thursday 28 January 2027",
    ] {
        assert!(said.contains(words), "the amendment notice lacks {words:?}: {said}");
    }
    let cease = reply("cease", &clean, &[]);
    assert!(cease.status.success(), "{}", text(&cease));
    let said = pdf_text(
        String::from_utf8_lossy(&cease.stdout).lines().find(|w| w.ends_with(".pdf")).unwrap_or_default(),
    );
    for words in
        ["cease to maintain", "SEND Tribunal", "Wednesday 3 February 2027", "[Name and address from the case"]
    {
        assert!(said.contains(words), "the cease letter lacks {words:?}: {said}");
    }
    // A review with problems is not decided: it goes back to the school first.
    let refused = reply("maintain", &morning.join("password.zip"), &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("return it to the school"), "{}", text(&refused));

    // Nothing in the bundles was changed by reading them.
    let before = std::fs::read(first).unwrap_or_default();
    assert_eq!(std::fs::read(morning.join("clean.zip")).unwrap_or_default(), before);

    // A folder with no bundles is an error the officer can act on.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| unreachable!("{e}"));
    let none = ardesk(&["intake", empty.to_str().unwrap_or_default()]);
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none).contains("no bundles"), "{}", text(&none));
}

fn chrono_date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| unreachable!("{text}: {e}"))
}
