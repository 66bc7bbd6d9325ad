//! Issue 16 (7): every kind of document the app writes, rendered as a person sees it and checked
//! for what they would notice. The PDFs as written, and every Word file as LibreOffice lays it
//! out, are rendered to greyscale images with pdftoppm and read back: nothing is drawn in the
//! band round the page's edge that printers cannot reach; every page is numbered ("Page N of
//! M"); no page holds only a signature or a footer.

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
    // The bundle's index sheet, as the LA opens it.
    let bundle = written(&[today, "bundle", "--db", db, "--review", &ready, "--out", &out("bundle")]);
    let index = dir.path().join("00_Index.pdf");
    let script = "import sys, zipfile\nopen(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('00_Index.pdf'))\n";
    run(Command::new(tool("python3")).arg("-c").arg(script).arg(&bundle[0]).arg(&index));
    files.push(index);

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
}
