//! Every letter `ardesk letters` writes, checked with the tools an LA or a parent would open it
//! with: qpdf and pdftotext for the PDFs, LibreOffice (headless) and python-docx for the DOCX
//! files. A missing tool is a failure that says how to install it, never a skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Demo, ardesk, run, tool};

/// "12 Jan 2027" -> "Tuesday 12 January 2027", as the letters write dates.
fn letter_date(short: &str) -> String {
    chrono::NaiveDate::parse_from_str(short, "%d %b %Y")
        .map(|d| d.format("%A %-d %B %Y").to_string())
        .unwrap_or_else(|e| unreachable!("{short}: {e}"))
}

#[test]
fn every_letter_opens_in_the_real_tools() {
    let (qpdf, pdftotext, soffice, python) =
        (tool("qpdf"), tool("pdftotext"), tool("soffice"), tool("python3"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap_or_default();
    assert!(ardesk(&["demo", "--db", db]).status.success());

    let rows: serde_json::Value =
        serde_json::from_slice(&ardesk(&["caseload", "--db", db, "--json"]).stdout).unwrap_or_default();
    let row = rows
        .as_array()
        .and_then(|r| r.iter().find(|r| r["stage"] == "invitations_sent"))
        .cloned()
        .unwrap_or_default();
    let review = row["review_id"].to_string();
    // Family letters use the name the child goes by; professional letters the legal name.
    let first_name =
        row["name"].as_str().and_then(|n| n.split_whitespace().next()).unwrap_or_default().to_owned();
    let pupils: serde_json::Value =
        serde_json::from_slice(&ardesk(&["pupils", "--db", db, "--json"]).stdout).unwrap_or_default();
    let legal_name = pupils
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == row["child_id"]))
        .and_then(|p| p["legal_name"].as_str())
        .unwrap_or_default()
        .to_owned();
    let names_child = |text: &str| text.contains(&first_name) || text.contains(&legal_name);
    let meeting = letter_date(row["meeting"].as_str().unwrap_or_default());
    let checklist: serde_json::Value =
        serde_json::from_slice(&ardesk(&["checklist", "--db", db, "--review", &review, "--json"]).stdout)
            .unwrap_or_default();
    let reports_due = letter_date(checklist[0]["due"].as_str().unwrap_or_default());

    let out_dir = dir.path().join("letters");
    let out =
        ardesk(&["letters", "--db", db, "--review", &review, "--out", out_dir.to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect();
    let pdfs: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).collect();
    let docxs: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "docx")).collect();
    // Each letter as DOCX and PDF, and the two printable views forms as PDF.
    assert!(pdfs.len() >= 5 && pdfs.len() == docxs.len() + 2, "{files:?}");
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(files.iter().any(|f| name(f).contains("parent_invitation")), "{files:?}");
    assert!(files.iter().any(|f| name(f).contains("child_invitation")));
    assert!(files.iter().any(|f| name(f).ends_with("_parent_views_form.pdf")), "{files:?}");
    assert!(files.iter().any(|f| name(f).contains("professional_invitation")));

    for pdf in &pdfs {
        let check = run(Command::new(&qpdf).arg("--check").arg(pdf));
        assert!(check.contains("No syntax or stream encoding errors"), "{}: {check}", name(pdf));
        let text = run(Command::new(&pdftotext).arg(pdf).arg("-")).replace('\n', " ");
        assert!(names_child(&text), "{}: no child's name in {text}", name(pdf));
        if name(pdf).contains("Head-teacher") {
            assert!(
                !text.contains("advice form"),
                "an invitation-only letter must not ask for advice: {text}"
            );
        }
        assert!(
            text.contains(&meeting)
                || text.contains(&row["meeting"].as_str().unwrap_or_default().to_string()),
            "{}: no meeting date ({meeting}) in {text}",
            name(pdf)
        );
        // The child's own letter and "All about me" page have no report deadline on them.
        if !name(pdf).contains("_child_") {
            assert!(
                text.contains(&reports_due),
                "{}: no report due date ({reports_due}) in {text}",
                name(pdf)
            );
        }
    }

    // Issue 16: no page of a letter holds only the signature: the page "Yours sincerely" is on
    // also has the letter's last paragraph (the footer, sign-off, name and role aside).
    let alone = |pdf: &Path| -> Option<String> {
        let pages: usize = run(Command::new(&qpdf).arg("--show-npages").arg(pdf)).trim().parse().unwrap_or(0);
        let last = pages.to_string();
        let text = run(Command::new(&pdftotext).args(["-f", &last, "-l", &last]).arg(pdf).arg("-"));
        let body: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with("Yours sincerely")
                    && !l.contains("on behalf of the head teacher")
                    && !l.contains("Page ")
                    && !l.starts_with("Alex Example")
            })
            .collect();
        (text.contains("Yours sincerely") && body.len() < 2).then(|| format!("{}: {text}", name(pdf)))
    };
    for pdf in pdfs.iter().filter(|p| name(p).contains("invitation")) {
        assert_eq!(alone(pdf), None, "the signature stands alone on the last page");
    }

    // LibreOffice converts every DOCX (one process for all of them; its own profile directory).
    let converted = dir.path().join("converted");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(&soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .args(&docxs));
    for docx in &docxs {
        let pdf = converted.join(name(docx).replace(".docx", ".pdf"));
        assert!(pdf.is_file(), "LibreOffice did not convert {}", name(docx));
        assert_eq!(alone(&pdf), None, "the Word letter's signature stands alone on its last page");
    }

    // python-docx reads every DOCX and finds the child's name.
    let script = "import sys, docx\nfor p in sys.argv[1:]:\n    d = docx.Document(p)\n    print(p, '|', ' '.join(x.text.replace(chr(10), ' ') for x in d.paragraphs))\n";
    let texts = run(Command::new(&python).arg("-c").arg(script).args(&docxs));
    for (line, docx) in texts.lines().zip(&docxs) {
        assert!(names_child(line), "python-docx text of {}: {line}", name(docx));
    }
}

#[test]
fn the_prefilled_ar1_lists_every_section_e_outcome() {
    let (qpdf, pdftotext) = (tool("qpdf"), tool("pdftotext"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let (db, rows) = (demo.db.as_str(), demo.rows.clone());
    let row = rows
        .as_array()
        .and_then(|r| r.iter().find(|r| r["stage"] == "invitations_sent"))
        .cloned()
        .unwrap_or_default();
    let out_dir = dir.path().join("ar1");
    let out_s = out_dir.to_str().unwrap_or_default();
    for flag in ["--prefilled", "--blank"] {
        let out =
            ardesk(&["ar1", "--db", db, "--review", &row["review_id"].to_string(), "--out", out_s, flag]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let prefilled = std::fs::read_dir(&out_dir)
        .unwrap_or_else(|e| unreachable!("{e}"))
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("AR1_for_the_meeting"));
    let prefilled = prefilled.unwrap_or_else(|| unreachable!("no pre-filled AR1 written"));
    for pdf in [prefilled.clone(), out_dir.join("AR1_blank.pdf")] {
        assert!(
            run(Command::new(&qpdf).arg("--check").arg(&pdf)).contains("No syntax or stream encoding errors")
        );
    }
    let text = run(Command::new(&pdftotext).arg(&prefilled).arg("-")).replace('\n', " ");
    // The demo plans' Section E outcomes, as written in the demo (the child's name varies).
    for fragment in [
        "will start a conversation with a peer",
        "will read and understand texts",
        "calm-down plan independently",
    ] {
        assert!(text.contains(fragment), "{fragment:?} missing from the pre-filled AR1: {text}");
    }
    for heading in ["Record of discussion", "Agreed actions", "Recommendation to the LA", "Attendance"] {
        assert!(text.contains(heading), "{heading} missing");
    }

    // The same form as a Word document to type into: python-docx reads the outcomes in it.
    let python = tool("python3");
    let out = ardesk(&[
        "ar1",
        "--db",
        db,
        "--review",
        &row["review_id"].to_string(),
        "--out",
        out_s,
        "--format",
        "docx",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docx = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(docx.ends_with("_AR1_for_the_meeting.docx"), "{docx}");
    // python-docx reads the paragraphs; each check box is a Word check box control (w14:checkbox)
    // followed by its label; each table's first row repeats on a new page (w:tblHeader).
    let script = "import sys, docx\nfrom lxml import etree\n\
        ns = {'w': 'http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w14': 'http://schemas.microsoft.com/office/word/2010/wordml'}\n\
        d = docx.Document(sys.argv[1])\n\
        print(' '.join(p.text for p in d.paragraphs))\n\
        boxes = etree.XPath('//w:sdt[w:sdtPr/w14:checkbox]', namespaces=ns)(d.element)\n\
        label = etree.XPath('string(following-sibling::w:r[1])', namespaces=ns)\n\
        print('|'.join(label(b).strip() for b in boxes))\n\
        print(sum(1 for t in d.tables if t.rows[0]._tr.xpath('./w:trPr/w:tblHeader')), sum(1 for t in d.tables if getattr(t.rows[0].cells[0].paragraphs[0].style, 'name', '') == 'Table Heading'))\n";
    let out = run(Command::new(&python).arg("-c").arg(script).arg(&docx));
    let mut lines = out.lines();
    let (text, boxes, headers) = (
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or_default(),
    );
    for fragment in ["will start a conversation with a peer", "Record of discussion"] {
        assert!(text.contains(fragment), "{fragment:?} missing from the DOCX form: {text}");
    }
    let labels: Vec<&str> = boxes.split('|').collect();
    let outcomes = text.matches("Outcome ").count();
    assert!(outcomes >= 3, "{text}");
    assert_eq!(labels.iter().filter(|l| **l == "Achieved").count(), outcomes, "{boxes}");
    for label in
        ["Maintain the plan unchanged", "Amend the plan", "Cease to maintain", "No amendments proposed"]
    {
        assert!(labels.contains(&label), "no check box for {label:?}: {boxes}");
    }
    // Every table with column titles (all but the sign-off) repeats them on each page.
    let (repeated, titled) = headers.split_once(' ').unwrap_or_default();
    assert!(titled.parse::<u32>().unwrap_or(0) >= 4 && repeated == titled, "{headers}");

    // LibreOffice opens it and draws the check boxes.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(tool("soffice"))
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("lo"))
        .arg(&docx));
    let pdf =
        dir.path().join("lo").join(Path::new(&docx).with_extension("pdf").file_name().unwrap_or_default());
    let text = run(Command::new(&pdftotext).arg(&pdf).arg("-")).replace('\n', " ");
    assert!(text.contains("\u{2610} Achieved"), "{text}");
}

#[test]
fn the_ar1_record_exports_as_docx_and_pdf() {
    let (qpdf, pdftotext, soffice) = (tool("qpdf"), tool("pdftotext"), tool("soffice"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let (db, rows) = (demo.db.as_str(), demo.rows.clone());
    let rows = rows.as_array().cloned().unwrap_or_default();
    let out_dir = dir.path().join("record");
    let out_s = out_dir.to_str().unwrap_or_default();

    // A review ready to submit has a complete record; one still being planned gives a draft.
    let review_at = |stage: &str| {
        rows.iter().find(|r| r["stage"] == stage).map(|r| r["review_id"].to_string()).unwrap_or_default()
    };
    let out =
        ardesk(&["ar1", "--db", db, "--review", &review_at("ready_to_submit"), "--out", out_s, "--record"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let pdf = files.iter().find(|f| f.extension().is_some_and(|e| e == "pdf")).cloned().unwrap_or_default();
    let docx = files.iter().find(|f| f.extension().is_some_and(|e| e == "docx")).cloned().unwrap_or_default();
    assert!(!pdf.to_string_lossy().contains("draft"), "{pdf:?}");
    assert!(
        run(Command::new(&qpdf).arg("--check").arg(&pdf)).contains("No syntax or stream encoding errors")
    );
    let text = run(Command::new(&pdftotext).arg(&pdf).arg("-")).replace('\n', " ");
    for expected in [
        "Record of discussion",
        "Introduce a structured break-time club",
        "Amend the plan",
        "Specify speech and language therapy",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the record: {text}");
    }
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(&soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("lo"))
        .arg(&docx));
    assert_eq!(
        dir.path().join("lo").read_dir().map(|d| d.count()).unwrap_or(0),
        1,
        "LibreOffice did not convert the record"
    );

    let out = ardesk(&[
        "ar1",
        "--db",
        db,
        "--review",
        &review_at("planning"),
        "--out",
        out_s,
        "--record",
        "--format",
        "pdf",
    ]);
    let draft = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(draft.ends_with("_AR1_record_draft.pdf"), "{draft}");
    let text = run(Command::new(&pdftotext).arg(&draft).arg("-")).replace('\n', " ");
    assert!(text.contains("still to complete") && text.contains("record of discussion is empty"), "{text}");
}

/// The text of the pre-filled AR1 form and of the exported record for one demo review, as
/// pdftotext extracts it, against snapshots in `tests/snapshots/` (the demo and the clock are
/// fixed, so the text is too). Run with `UPDATE_SNAPSHOTS=1` after a deliberate change to the
/// documents, then review the diff.
#[test]
fn ar1_documents_match_their_snapshots() {
    let pdftotext = tool("pdftotext");
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let today = "--today=2026-11-22";
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let db = demo.db.as_str();
    let review_at = |stage: &str| demo.review_at(stage);
    let out_dir = dir.path().join("out");
    let out_s = out_dir.to_str().unwrap_or_default();
    for (name, stage, flag) in [
        ("ar1_form_prefilled", "invitations_sent", "--prefilled"),
        ("ar1_record", "ready_to_submit", "--record"),
    ] {
        let out = ardesk(&[
            today,
            "ar1",
            "--db",
            db,
            "--review",
            &review_at(stage),
            "--out",
            out_s,
            flag,
            "--format",
            "pdf",
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let pdf = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let text = run(Command::new(&pdftotext).args(["-layout", &pdf, "-"]));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.txt"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                .unwrap_or_else(|e| unreachable!("{e}"));
            std::fs::write(&path, &text).unwrap_or_else(|e| unreachable!("{}: {e}", path.display()));
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| unreachable!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
        assert!(
            text == expected,
            "{name} changed: if deliberate, run with UPDATE_SNAPSHOTS=1 and review the diff\n{text}"
        );
    }
}

/// The three renderings of the demo's agreed amendments, checked with the real tools: the Word
/// revisions survive LibreOffice's conversion as tracked changes, python-docx opens every DOCX,
/// qpdf passes every PDF. And a plan .docx written by LibreOffice imports with every section.
#[test]
fn amendments_documents_open_in_the_real_tools() {
    let (qpdf, soffice, python) = (tool("qpdf"), tool("soffice"), tool("python3"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), None);
    let (db, rows) = (demo.db.as_str(), demo.rows.clone());
    let review_at = |stage: &str| demo.review_at(stage);
    let out_dir = dir.path().join("amend");
    let out_s = out_dir.to_str().unwrap_or_default();
    let mut files = Vec::new();
    for mode in ["revisions", "boldstrike", "table"] {
        let out = ardesk(&[
            "amendments",
            "--db",
            db,
            "--review",
            &review_at("ready_to_submit"),
            "--out",
            out_s,
            "--mode",
            mode,
        ]);
        assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
        files.extend(String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from));
    }
    assert_eq!(files.len(), 5, "{files:?}");
    let revisions =
        files.iter().find(|f| f.to_string_lossy().contains("revisions")).cloned().unwrap_or_default();

    // Count the revisions in document.xml, then convert to ODT and find them there too.
    let count = "import sys, zipfile\nx = zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode()\nprint(x.count(sys.argv[3]))\n";
    let counted = |file: &Path, part: &str, needle: &str| -> usize {
        run(Command::new(&python).arg("-c").arg(count).arg(file).arg(part).arg(needle))
            .trim()
            .parse()
            .unwrap_or(0)
    };
    let ins = counted(&revisions, "word/document.xml", "<w:ins ");
    let del = counted(&revisions, "word/document.xml", "<w:del ");
    assert!(ins >= 2 && del >= 2, "w:ins {ins}, w:del {del}");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(&soffice)
        .arg(&profile)
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(dir.path().join("odt"))
        .arg(&revisions));
    let odt = dir.path().join("odt").join(revisions.file_name().unwrap_or_default()).with_extension("odt");
    let regions = counted(&odt, "content.xml", "<text:changed-region");
    assert!(regions >= ins, "LibreOffice kept {regions} tracked changes of {}", ins + del);

    // The change table runs onto a second page in Word's layout (LibreOffice's), and its column
    // titles head each page.
    let table =
        files.iter().find(|f| f.to_string_lossy().ends_with("table.docx")).cloned().unwrap_or_default();
    run(Command::new(&soffice)
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("table"))
        .arg(&table));
    let laid_out = dir.path().join("table").join(table.file_name().unwrap_or_default()).with_extension("pdf");
    let pages: u32 = run(Command::new(&qpdf).arg("--show-npages").arg(&laid_out)).trim().parse().unwrap_or(0);
    assert!(pages >= 2, "the demo's change table fits one page: the repeated titles go unchecked");
    for page in 1..=pages {
        let n = page.to_string();
        let text = run(Command::new(tool("pdftotext")).args(["-f", &n, "-l", &n]).arg(&laid_out).arg("-"));
        assert!(text.contains("Current wording"), "page {page} of the change table has no column titles");
    }

    let docxs: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "docx")).collect();
    let script = "import sys, docx\nfor p in sys.argv[1:]:\n    print(len(docx.Document(p).paragraphs))\n";
    let counts = run(Command::new(&python).arg("-c").arg(script).args(&docxs));
    assert_eq!(counts.lines().count(), docxs.len(), "python-docx opened every DOCX");
    for pdf in files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")) {
        assert!(
            run(Command::new(&qpdf).arg("--check").arg(pdf)).contains("No syntax or stream encoding errors")
        );
    }

    // A review with nothing proposed gets no document, and says why.
    let out = ardesk(&["amendments", "--db", db, "--review", &review_at("planning"), "--out", out_s]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No amendments proposed"));

    // Import: the LibreOffice-written plan fixture, every section found.
    let child =
        rows.as_array().and_then(|r| r.first()).map(|r| r["child_id"].to_string()).unwrap_or_default();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/plan.docx");
    let out = ardesk(&["import-plan", "--db", db, "--child", &child, plan.to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("not found"), "{report}");
    assert_eq!(report.lines().count(), 13, "{report}");
}
