//! `ardesk bundle` and `ardesk verify` end to end on the demo: a complete review's bundle is
//! written, its manifest is valid against docs/manifest.schema.json (checked by Python's
//! jsonschema) and it verifies; a review with a password-protected report writes nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Demo, ardesk, craft_bundle, text};

#[test]
fn a_bundle_is_written_checked_against_the_schema_and_verified() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let (db, rows) = (demo.db.as_str(), demo.rows.clone());
    let mut recorded: Vec<i64> = rows
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|r| r["stage"] == "ready_to_submit" || r["stage"] == "submitted")
                .filter_map(|r| r["review_id"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    recorded.sort_unstable();
    let out_dir = dir.path().join("out");
    let out_s = out_dir.to_str().unwrap_or_default();

    let first = recorded.first().map(ToString::to_string).unwrap_or_default();
    let out = ardesk(&["bundle", "--db", db, "--review", &first, "--out", out_s]);
    assert!(out.status.success(), "{}", text(&out));
    let zip = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(zip.is_file() && zip.extension().is_some_and(|e| e == "zip"), "{zip:?}");

    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/manifest.schema.json");
    let script = "import json, sys, zipfile, jsonschema\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        assert z.testzip() is None\n\
        assert not any(i.flag_bits & 1 for i in z.infolist()), 'encrypted entry'\n\
        m = json.loads(z.read('manifest.json'))\n\
        jsonschema.validate(m, json.load(open(sys.argv[2])))\n\
        assert m['schema_version'] == 5 and m['school']['name'] and len(m['index']['sha256']) == 64, m.get('school')\n\
        assert len(m['child']['upn']) == 13 and m['review']['review_deadline'] > m['review']['meeting_date'], m\n\
        assert m['review']['sections_to_amend'] == ['B', 'F'], m['review']\n\
        assert m['child']['need_types'] == ['PD'], m['child']\n\
        open(sys.argv[3], 'wb').write(z.read('00_Index.pdf'))\n\
        print(len(m['files']), sorted(z.namelist())[:2])\n";
    let index = dir.path().join("index.pdf");
    let checked = Command::new("python3").arg("-c").arg(script).arg(&zip).arg(&schema).arg(&index).output();
    let checked = checked.unwrap_or_else(|e| unreachable!("python3: {e}"));
    assert!(
        checked.status.success(),
        "the manifest fails its schema (run scripts/setup for jsonschema): {}",
        text(&checked)
    );
    assert!(
        String::from_utf8_lossy(&checked.stdout).contains("['00_Index.pdf', '01_AR1.pdf']"),
        "{}",
        text(&checked)
    );

    // Issue 16: the index lets an officer triage: the school, the year group, who took part, the
    // sections to amend; no internal rule ids.
    let sheet = Command::new(common::tool("pdftotext")).arg(&index).arg("-").output();
    let sheet = sheet.map(|o| String::from_utf8_lossy(&o.stdout).replace('\n', " ")).unwrap_or_default();
    for expected in [
        "Year group",
        "Who took part",
        "Proposed amendments: Sections B and F.",
        "LA decision due",
        "From the school",
    ] {
        assert!(sheet.contains(expected), "{expected:?} not in the index: {sheet}");
    }
    assert!(!sheet.contains("(T1"), "an internal rule id on the index: {sheet}");
    // Each PDF's page count, as qpdf counts it.
    let ar1 = dir.path().join("01_AR1.pdf");
    let extract = "import sys, zipfile\nopen(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('01_AR1.pdf'))\n";
    let _ = Command::new("python3").arg("-c").arg(extract).arg(&zip).arg(&ar1).output();
    let pages = Command::new(common::tool("qpdf")).arg("--show-npages").arg(&ar1).output();
    let pages = pages.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_default();
    let words = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        !pages.is_empty()
            && words.contains(&format!("01_AR1.pdf AR1 / Record of Annual Review {pages} generated")),
        "the index does not give the record's {pages} pages: {words}"
    );

    let verified = ardesk(&["verify", zip.to_str().unwrap_or_default(), "--json"]);
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));
    let report: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap_or_default();
    assert_eq!(report["valid"], true);

    // The second complete record has a password-protected report: nothing is written.
    let second = recorded.get(1).map(ToString::to_string).unwrap_or_default();
    let blocked_dir = dir.path().join("blocked");
    let out = ardesk(&[
        "bundle",
        "--db",
        db,
        "--review",
        &second,
        "--out",
        blocked_dir.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("V01"), "{}", text(&out));
    assert_eq!(std::fs::read_dir(&blocked_dir).map(|d| d.count()).unwrap_or(0), 0);

    // Not a zip at all: unusable, exit 2.
    let junk = dir.path().join("junk.zip");
    std::fs::write(&junk, b"PK not really").unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(ardesk(&["verify", junk.to_str().unwrap_or_default()]).status.code(), Some(2));
}

/// Issue 17: a warning stops the export until it is fixed or a reason is recorded for it
/// (`--because RULE=REASON`); the reason goes to the LA in the manifest and `verify` shows it.
#[test]
fn a_warning_needs_a_reason_before_the_bundle_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-12-03"));
    let db = demo.db.as_str();
    let out_dir = dir.path().join("out");
    let out_s = out_dir.to_str().unwrap_or_default();
    let today = "--today=2026-12-03";
    // The first recorded review refused for warnings alone: every line it refused with is a
    // warning waiting for a reason.
    let recorded: Vec<String> = demo
        .rows
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|r| r["stage"] == "ready_to_submit" || r["stage"] == "submitted")
                .filter_map(|r| r["review_id"].as_i64().map(|id| id.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let (review, said) = recorded
        .iter()
        .find_map(|review| {
            let attempt = out_dir.join(review);
            let out = ardesk(&[
                today,
                "bundle",
                "--db",
                db,
                "--review",
                review,
                "--out",
                attempt.to_str().unwrap_or_default(),
            ]);
            let said = text(&out);
            let only_warned = out.status.code() == Some(1)
                && said
                    .lines()
                    .filter(|l| l.starts_with("error: "))
                    .all(|l| l.contains("Or record why it stands"));
            only_warned.then(|| (review.clone(), said))
        })
        .unwrap_or_else(|| unreachable!("no demo review refused for warnings alone"));
    assert!(said.contains("(no reason recorded: fix it, or give one with --because)"), "{said}");
    assert_eq!(
        std::fs::read_dir(out_dir.join(&review)).map(|d| d.count()).unwrap_or(0),
        0,
        "nothing written"
    );
    let rules: Vec<String> = said
        .lines()
        .filter_map(|l| l.strip_prefix("warn "))
        .filter_map(|l| l.split(':').next())
        .map(str::to_owned)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(!rules.is_empty(), "{said}");

    let mut args = vec![today, "bundle", "--db", db, "--review", &review, "--out", out_s];
    let because: Vec<String> =
        rules.iter().map(|r| format!("{r}=Agreed with the caseworker on 1 Dec 2026")).collect();
    for b in &because {
        args.extend(["--because", b.as_str()]);
    }
    let out = ardesk(&args);
    assert!(out.status.success(), "{}", text(&out));
    let zip = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let verified = ardesk(&["verify", &zip, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap_or_default();
    assert_eq!(report["valid"], true, "{}", text(&verified));
    let reasons: Vec<&str> = report["manifest"]["validation"]
        .as_array()
        .map(|v| v.iter().filter_map(|f| f["override_reason"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        !reasons.is_empty() && reasons.iter().all(|r| *r == "Agreed with the caseworker on 1 Dec 2026"),
        "{reasons:?}"
    );
    // A rule with nothing waiting is refused, naming it.
    let out =
        ardesk(&[today, "bundle", "--db", db, "--review", &review, "--out", out_s, "--because", "V99=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("no warning of V99 is waiting for a reason"), "{}", text(&out));
}

/// Issue 18: bundles made to mislead, each built from a real one with Python's zipfile, are
/// reported by `verify` with the specific problem; what they carry reaches the terminal escaped.
#[test]
fn misleading_bundles_are_caught_by_verify() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let first = demo
        .rows
        .as_array()
        .and_then(|r| {
            r.iter()
                .filter(|r| r["stage"] == "ready_to_submit" || r["stage"] == "submitted")
                .filter_map(|r| r["review_id"].as_i64())
                .min()
        })
        .map(|id| id.to_string())
        .unwrap_or_default();
    let out_dir = dir.path().join("out");
    let out = ardesk(&[
        "bundle",
        "--db",
        &demo.db,
        "--review",
        &first,
        "--out",
        out_dir.to_str().unwrap_or_default(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let zip = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(ardesk(&["verify", &zip]).status.code(), Some(0), "the real bundle verifies");

    // Each variant: (name, what Python does to a copy, what verify must say).
    let cases: [(&str, &str, &str); 10] = [
        (
            "index-executable",
            "put('00_Index.pdf', b'\\x7fELF\\x02\\x01\\x01' + bytes(200))",
            "00_Index.pdf is not a plain PDF",
        ),
        (
            "index-changed",
            "put('00_Index.pdf', files['00_Index.pdf'] + b'\\n% appended\\n')",
            "00_Index.pdf has been changed since the bundle was made",
        ),
        (
            "duplicate-entry",
            "extra.append(('01_AR1.pdf', b'%PDF-1.4 not the record'))",
            "\"01_AR1.pdf\" is in the zip 2 times",
        ),
        (
            "listed-many-times",
            "m['files'] = m['files'] + [m['files'][0]] * 3000",
            "is listed more than once in the manifest",
        ),
        (
            "excused-pep",
            "m['child']['looked_after'] = True; m['validation'].append({'rule': 'V08', 'severity': 'block', \
             'document': 'Personal Education Plan (PEP)', 'message': 'x', 'override_reason': 'sent separately'})",
            "The school says: sent separately",
        ),
        ("escape-in-name", "extra.append(('\\x1b[32mvalid', b'x'))", "\\u{1b}[32mvalid"),
        ("bad-upn", "m['child']['upn'] = 'A12'", "the manifest's UPN is not"),
        (
            "bad-need-type",
            "m['child']['need_types'] = ['PD', 'Autism']",
            "need type \"Autism\" is not one of the DfE's codes",
        ),
        ("lower-case-need-type", "m['child']['need_types'] = ['asd']", "need type \"asd\" is not"),
        (
            "bad-deadline",
            "m['review']['review_deadline'] = '31/02/2027'",
            "review deadline \"31/02/2027\" is not a date",
        ),
    ];
    for (name, change, expected) in cases {
        let crafted = dir.path().join(format!("{name}.zip"));
        craft_bundle(Path::new(&zip), &crafted, change, false);
        let verified = ardesk(&["verify", crafted.to_str().unwrap_or_default()]);
        let said = text(&verified);
        assert_eq!(verified.status.code(), Some(1), "{name} was not refused: {said}");
        assert!(said.contains(expected), "{name}: {expected:?} not in {said}");
        assert!(!said.contains('\u{1b}'), "{name}: an escape character reached the terminal");
    }
}
