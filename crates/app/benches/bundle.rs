//! `cargo bench -p ardesk-app --bench bundle`: the bundle's export and the password scan against
//! the standard tools doing the same work, side by side on the same files.
//!
//! - Export of 40 files / 200 MB (synthetic PDFs): hashing every file and writing the stored zip
//!   (which then reads it back and checks every hash) against `sha256sum` + `zip -0` of the
//!   same files. Target: at most 1.3x.
//! - `ardesk scan` of 1,000 mixed files (a real PDF report, encrypted PDF, text, PNG, Word) against
//!   `qpdf --is-encrypted` on each PDF and msoffcrypto-tool on each Word file. Target: < 1 s.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A synthetic PDF of about `size` bytes: a real header, an incompressible body, a trailer.
fn pdf(size: usize, seed: u64, encrypted: bool) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n% synthetic benchmark file\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length 0 >>\nstream\n".to_vec();
    let mut x = seed | 1;
    while out.len() < size {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R ");
    if encrypted {
        out.extend_from_slice(b"/Encrypt 4 0 R ");
    }
    out.extend_from_slice(format!(">>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn best_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().unwrap_or_default()
}

fn tool(name: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().is_ok_and(|o| o.status.success())
}

fn export(dir: &Path) {
    let files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|n| (format!("{:02}_PROF.pdf", n + 1), pdf(5 * 1024 * 1024, n as u64 + 1, false)))
        .collect();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let src = dir.join("files");
    std::fs::create_dir_all(&src).unwrap();
    for (name, bytes) in &files {
        std::fs::write(src.join(name), bytes).unwrap();
    }
    println!("Export: {} files, {} MB", files.len(), total >> 20);
    let entries: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let ours = best_of(3, || {
        let path = dir.join("ours.zip");
        let _ = std::fs::remove_file(&path);
        let start = Instant::now();
        ardesk_app::write_bundle_zip(&path, &entries).unwrap();
        start.elapsed()
    });
    println!("  ardesk (hash, write stored zip, fsync, read back, re-hash)  {:>7.3} s", secs(ours));
    if tool("sha256sum") && tool("zip") {
        let theirs = best_of(3, || {
            let out = dir.join("theirs.zip");
            let _ = std::fs::remove_file(&out);
            let start = Instant::now();
            let names: Vec<PathBuf> = files.iter().map(|(n, _)| src.join(n)).collect();
            assert!(Command::new("sha256sum").args(&names).output().unwrap().status.success());
            assert!(
                Command::new("zip")
                    .arg("-0")
                    .arg("-q")
                    .arg("-j")
                    .arg(&out)
                    .args(&names)
                    .status()
                    .unwrap()
                    .success()
            );
            start.elapsed()
        });
        println!("  sha256sum + zip -0                                          {:>7.3} s", secs(theirs));
        println!(
            "  ratio                                                       {:>7.2}x (target <= 1.3x)",
            secs(ours) / secs(theirs)
        );
    } else {
        println!("  (sha256sum or zip not installed: no baseline)");
    }
}

fn scan(dir: &Path) {
    let corpus = dir.join("scan");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut paths = Vec::new();
    let report =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/school-report.pdf"))
            .unwrap();
    for n in 0..1000u64 {
        let (name, bytes) = match n % 5 {
            // A real report (LibreOffice's PDF, with text to read for V02, V03 and V13).
            0 => (format!("{n}.pdf"), report.clone()),
            1 => (format!("{n}-locked.pdf"), pdf(200 * 1024, n + 7, true)),
            2 => (
                format!("{n}.txt"),
                format!("Views recorded on a call, number {n}. All well.\n").repeat(50).into_bytes(),
            ),
            3 => (format!("{n}.png"), [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 4096][..]].concat()),
            _ => (format!("{n}.docx"), docx(n)),
        };
        let path = corpus.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    println!("Scan: {} files", paths.len());
    let ours = best_of(5, || {
        let start = Instant::now();
        let results = ardesk_app::scan_files(&paths, 50 << 20);
        assert_eq!(results.iter().filter(|r| r.verdict == ardesk_dto::Verdict::Encrypted).count(), 200);
        start.elapsed()
    });
    println!(
        "  ardesk scan                                                 {:>7.3} s (target < 1 s)",
        secs(ours)
    );
    if tool("qpdf") {
        let pdfs: Vec<&PathBuf> =
            paths.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
        let start = Instant::now();
        for p in &pdfs {
            let _ = Command::new("qpdf").arg("--is-encrypted").arg(p).output();
        }
        println!(
            "  qpdf --is-encrypted, one process per PDF ({} PDFs)          {:>7.3} s",
            pdfs.len(),
            secs(start.elapsed())
        );
    }
    // msoffcrypto-tool on each Word file, all in one Python process (the cheapest way to run it).
    let docs: Vec<String> = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .map(|p| p.display().to_string())
        .collect();
    let check = "import sys, msoffcrypto\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as h:\n        msoffcrypto.OfficeFile(h).is_encrypted()";
    let start = Instant::now();
    let ran = Command::new("python3").arg("-c").arg(check).args(&docs).output();
    match ran {
        Ok(out) if out.status.success() => println!(
            "  msoffcrypto-tool is_encrypted, one Python process ({} .docx)  {:>7.3} s",
            docs.len(),
            secs(start.elapsed())
        ),
        _ => println!("  (python3 with msoffcrypto-tool not installed: run scripts/setup)"),
    }
}

/// A small Word document, as Word writes one (a zip of XML parts), numbered `n`.
fn docx(n: u64) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let body = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>"#,
        format!("<w:p><w:r><w:t>Report {n}: progress is good.</w:t></w:r></w:p>").repeat(200)
    );
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(types.as_bytes()).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    scan(dir.path());
}
