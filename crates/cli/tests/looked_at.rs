//! Issue 16 (7): every kind of document the app writes, rendered as a person sees it and checked
//! for what they would notice. The PDFs as written, and every Word file as LibreOffice lays it
//! out, are rendered to greyscale images with pdftoppm and read back: nothing is drawn in the
//! band round the page's edge that printers cannot reach; every page is numbered ("Page N of
//! M"); no page of a document about one child lacks their initials and LA reference; no page
//! holds only a signature or a footer. Every PDF the app writes is also read as a
//! screen reader reads it: tagged, in British English, with all its text in the structure, and
//! the views forms with a field to type in under each question.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Demo, ardesk, run, tool};

/// The band round the edge of an A4 page where most printers cannot print (mm).
const UNPRINTABLE_MM: f32 = 5.0;
/// The resolution the pages are rendered at for the check (dots per inch).
const DPI: u32 = 40;

/// Every file an `ardesk` command printed, one path a line.
fn written(args: &[&str]) -> Vec<PathBuf> {
    let out = ardesk(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).filter(|p| p.is_file()).collect()
}

/// A binary greyscale PGM (P5) as (width, height, pixels).
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| unreachable!("{}: {e}", path.display()));
    // The header: "P5", width, height, maxval, each separated by whitespace, then one byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let start = at;
        while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace()) {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(bytes.get(start..at).unwrap_or_default()).into_owned());
    }
    let field = |n: usize| fields.get(n).map_or("", String::as_str);
    assert_eq!(field(0), "P5", "{}", path.display());
    let (w, h): (usize, usize) = (field(1).parse().unwrap_or(0), field(2).parse().unwrap_or(0));
    (w, h, bytes.get(at + 1..).unwrap_or_default().to_vec())
}

/// What a person would notice on `pdf`'s pages, one line each (empty: nothing).
fn faults(pdf: &Path, scratch: &Path) -> Vec<String> {
    let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let pages: usize =
        run(Command::new(tool("qpdf")).arg("--show-npages").arg(pdf)).trim().parse().unwrap_or(0);
    let mut out = Vec::new();
    let prefix = scratch.join(name.replace('.', "_"));
    run(Command::new(tool("pdftoppm")).args(["-gray", "-r", &DPI.to_string()]).arg(pdf).arg(&prefix));
    for page in 1..=pages {
        let n = page.to_string();
        let text =
            run(Command::new(tool("pdftotext")).args(["-layout", "-f", &n, "-l", &n]).arg(pdf).arg("-"));
        // Spaces as pdftotext lays them out vary with the fonts: compare words.
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.contains(&format!("Page {page} of {pages}")) {
            out.push(format!("{name} page {page}: no \u{201c}Page {page} of {pages}\u{201d}"));
        }
        // A page of a document about one child says whose it is at its top, should it come loose.
        let about_a_child = ["AR1_for", "AR1_record", "amendments", "Index"].iter().any(|k| name.contains(k));
        if about_a_child && !words.contains(" \u{b7} LA ref RC-EHC-") {
            out.push(format!("{name} page {page}: no initials and LA reference at the top"));
        }
        // The page's own words: not the footer, nor the sign-off and the demo SENCO's name and
        // role under it.
        let sign_off = ["Page ", "Yours sincerely", "Alex Example", "on behalf of the head teacher"];
        let body: Vec<&str> = text
            .lines()
            .filter(|l| !sign_off.iter().any(|s| l.contains(s)))
            .flat_map(str::split_whitespace)
            .collect();
        if body.len() < 6 {
            out.push(format!("{name} page {page}: holds only {body:?}"));
        }
        // pdftoppm numbers the images with as many digits as the page count needs.
        let digits = pages.to_string().len();
        let image = PathBuf::from(format!("{}-{page:0digits$}.pgm", prefix.display()));
        let (w, h, pixels) = read_pgm(&image);
        let band = (UNPRINTABLE_MM / 25.4 * DPI as f32).ceil() as usize;
        let inked = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|(x, y)| *x < band || *y < band || *x >= w - band || *y >= h - band)
            .any(|(x, y)| pixels.get(y * w + x).is_some_and(|p| *p < 200));
        if inked {
            out.push(format!(
                "{name} page {page}: something is drawn within {UNPRINTABLE_MM} mm of the edge"
            ));
        }
    }
    out
}

#[test]
fn every_document_is_numbered_printable_and_never_a_page_of_signature() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(dir.path(), Some("2026-11-22"));
    let db = demo.db.as_str();
    let out = |sub: &str| dir.path().join(sub).to_string_lossy().into_owned();
    let today = "--today=2026-11-22";
    let (invited, ready) = (demo.review_at("invitations_sent"), demo.review_at("ready_to_submit"));

    let mut files = written(&[today, "letters", "--db", db, "--review", &invited, "--out", &out("letters")]);
    for (flag, review) in [("--prefilled", &invited), ("--blank", &invited), ("--record", &ready)] {
        files.extend(written(&[
            today,
            "ar1",
            "--db",
            db,
            "--review",
            review,
            "--out",
            &out("ar1"),
            flag,
            "--format",
            "both",
        ]));
    }
    for mode in ["revisions", "boldstrike", "table"] {
        files.extend(written(&[
            today,
            "amendments",
            "--db",
            db,
            "--review",
            &ready,
            "--out",
            &out(mode),
            "--mode",
            mode,
        ]));
    }
    // The staff briefing sheet, Word and PDF.
    files.extend(written(&[today, "briefing", "--db", db, "--review", &ready, "--out", &out("briefing")]));
    // The bundle's index sheet, as the LA opens it.
    let bundle = written(&[today, "bundle", "--db", db, "--review", &ready, "--out", &out("bundle")]);
    let index = dir.path().join("00_Index.pdf");
    let script = "import sys, zipfile\nopen(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('00_Index.pdf'))\n";
    run(Command::new(tool("python3")).arg("-c").arg(script).arg(&bundle[0]).arg(&index));
    files.push(index);
    // The LA's replies drafted from that bundle: the decision to the family, with their rights.
    files.extend(written(&[
        "--today=2026-12-03",
        "reply",
        "amend",
        &bundle[0].to_string_lossy(),
        "--out",
        &out("replies"),
    ]));
    files.extend(written(&[
        "--today=2026-12-03",
        "reply",
        "cease",
        &bundle[0].to_string_lossy(),
        "--out",
        &out("replies"),
    ]));
    // The governors' compliance report.
    let governors = out("governors");
    let made = ardesk(&[
        today,
        "compliance",
        "--db",
        db,
        "--from",
        "2026-09-01",
        "--to",
        "2027-08-31",
        "--out",
        &governors,
    ]);
    assert!(made.status.success(), "{}", common::text(&made));
    files.push(Path::new(&governors).join("compliance-2026-09-01-to-2027-08-31.pdf"));

    let docx: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "docx")).collect();
    let converted = dir.path().join("converted");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(tool("soffice"))
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .args(&docx));
    let mut pdfs: Vec<PathBuf> =
        files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).cloned().collect();
    for d in &docx {
        let stem = d.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // Word files of the same name in different folders: LibreOffice writes one PDF each in
        // turn, so only the last of a name is checked; the names differ by mode and kind.
        pdfs.push(converted.join(format!("{stem}.pdf")));
    }
    pdfs.sort();
    pdfs.dedup();
    // Every kind: letters (family, professional, child), views forms, the AR1 form and record,
    // the amendments in each mode, the bundle's index.
    assert!(pdfs.len() >= 20, "{pdfs:?}");

    let scratch = dir.path().join("pages");
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| unreachable!("{e}"));
    let found: Vec<String> = pdfs.iter().flat_map(|pdf| faults(pdf, &scratch)).collect();
    assert_eq!(found, Vec::<String>::new());

    // The PDFs the app writes itself (not LibreOffice's renderings of its Word files).
    let ours: Vec<&PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).collect();
    let unread: Vec<String> = ours.iter().flat_map(|pdf| unread(pdf)).collect();
    assert_eq!(unread, Vec::<String>::new());
    let forms: Vec<&&PathBuf> =
        ours.iter().filter(|f| f.to_string_lossy().ends_with("_views_form.pdf")).collect();
    assert_eq!(forms.len(), 2, "{ours:?}");
    let untypeable: Vec<String> = forms.iter().flat_map(|pdf| untypeable(pdf)).collect();
    assert_eq!(untypeable, Vec::<String>::new());
}

/// `pdf` as qpdf's JSON (version 2): its objects and trailer.
fn qpdf_json(pdf: &Path, key: &str) -> serde_json::Value {
    let json = run(Command::new(tool("qpdf")).args(["--json=2", &format!("--json-key={key}")]).arg(pdf));
    serde_json::from_str(&json).unwrap_or_default()
}

/// What a screen reader would miss in `pdf`, one line each: the file not marked as tagged, no
/// document language, text on a page that is not in the structure tree (but the running head
/// and footer, repeated on each page).
fn unread(pdf: &Path) -> Vec<String> {
    let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = Vec::new();
    let info = run(Command::new(tool("pdfinfo")).arg(pdf));
    if !info.lines().any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes")) {
        out.push(format!("{name}: not tagged"));
    }
    let json = qpdf_json(pdf, "qpdf");
    let root = json.pointer("/qpdf/1/trailer/value/~1Root").and_then(|r| r.as_str()).unwrap_or_default();
    let lang = json.pointer(&format!("/qpdf/1/obj:{root}/value/~1Lang")).cloned().unwrap_or_default();
    if lang != "u:en-GB" {
        out.push(format!("{name}: the document's language is {lang}, not en-GB"));
    }
    // Every word on the pages (but the footer's page numbers, an artifact) is in the text poppler
    // reads from the structure tree.
    let tree = run(Command::new(tool("pdfinfo")).arg("-struct-text").arg(pdf));
    // Its text lines are quoted, one a line, under their element's name.
    let tagged: std::collections::HashSet<&str> = tree
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('"').and_then(|l| l.strip_suffix('"')))
        .flat_map(str::split_whitespace)
        .collect();
    // Laid out, the footer is one line with its page number, the running head one line with the
    // LA's reference: both are artifacts, repeated on every page.
    let text = run(Command::new(tool("pdftotext")).arg("-layout").arg(pdf).arg("-"));
    let mut missing: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("Page ") && !l.contains("\u{b7} LA ref "))
        .flat_map(str::split_whitespace)
        .filter(|w| !tagged.contains(w))
        .collect();
    missing.dedup();
    if !missing.is_empty() {
        out.push(format!("{name}: text outside the structure tree: {missing:?}"));
    }
    out
}

/// The string `key` of a field in qpdf's JSON ("" if none).
fn text_of<'v>(field: &'v serde_json::Value, key: &str) -> &'v str {
    field.get(key).and_then(serde_json::Value::as_str).unwrap_or_default()
}

/// Why `pdf`, a views form, could not be filled in on screen, one line each: it has no form, a
/// question has no field, a field is not a text field, says nothing to a screen reader, or sits
/// on another page than its question.
fn untypeable(pdf: &Path) -> Vec<String> {
    let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let form = qpdf_json(pdf, "acroform");
    let fields = form.pointer("/acroform/fields").and_then(|f| f.as_array()).cloned().unwrap_or_default();
    let mut out = Vec::new();
    if form.pointer("/acroform/hasacroform") != Some(&serde_json::Value::Bool(true)) {
        out.push(format!("{name}: no interactive form"));
    }
    let answers = fields.iter().filter(|f| text_of(f, "fullname").starts_with("Answer ")).count();
    // The parent's form asks six questions (seven from Year 9) and has their name, relationship
    // and the date; the child's page asks five.
    let expected = if name.contains("parent") { 6..=7 } else { 5..=5 };
    if !expected.contains(&answers) {
        out.push(format!("{name}: {answers} answer fields, expected {expected:?}"));
    }
    for f in &fields {
        let (field, said) = (text_of(f, "fullname"), text_of(f, "alternativename"));
        if text_of(f, "fieldtype") != "/Tx" {
            out.push(format!("{name}: {field} is a {} field, not text", text_of(f, "fieldtype")));
        }
        if said.is_empty() || said == field && field.starts_with("Answer") {
            out.push(format!("{name}: {field} says nothing of what it asks"));
        }
        let page = f.get("pageposfrom1").and_then(serde_json::Value::as_u64).unwrap_or(0).to_string();
        let text = run(Command::new(tool("pdftotext")).args(["-f", &page, "-l", &page]).arg(pdf).arg("-"));
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.contains(said.split_whitespace().collect::<Vec<_>>().join(" ").as_str()) {
            out.push(format!("{name}: {field} is on page {page}, away from \u{201c}{said}\u{201d}"));
        }
    }
    out
}
