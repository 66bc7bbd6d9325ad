//! Hostile input (issue 8): every file `tests/hostile/make.py` builds (zip bombs by ratio, by
//! entry count and by lying headers; traversal and absolute entry names; truncated and garbage
//! Word, PDF and zip files; a sparse 1 GB file; names that are not UTF-8) goes through each
//! reader that takes files from outside: the plan import, the password scan and the received-
//! bundle check. Each run is limited to 1 GiB of address space, so reading a bomb or the 1 GB
//! file into memory would fail the test. How fast each is refused is measured by scripts/bench.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Demo, text, tool};

/// Runs `ardesk ARGS...` with its address space capped at 1 GiB.
fn bounded(args: &[&OsStr]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'")
        .args(args)
        .output()
        .unwrap_or_else(|e| unreachable!("sh: {e}"))
}

fn fixtures() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let made = Command::new(tool("python3"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile/make.py"))
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(made.status.success(), "{}", text(&made));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    assert!(files.len() >= 19, "{files:?}");
    (dir, files)
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn the_plan_import_refuses_each_hostile_file_with_its_reason() {
    let (dir, files) = fixtures();
    let work = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let demo = Demo::new(work.path(), None);
    let child = demo.rows[0]["child_id"].to_string();
    for file in &files {
        let name = name(file);
        let out = bounded(&[
            "import-plan".as_ref(),
            "--db".as_ref(),
            demo.db.as_ref(),
            "--child".as_ref(),
            child.as_ref(),
            file.as_os_str(),
        ]);
        let said = text(&out);
        assert!(!said.contains("panicked") && out.status.code().is_some(), "{name}: {said}");
        // A well-formed plan is read whatever its name, and entry names are never used as paths.
        let readable = name.starts_with("plan-") || name == "traversal.docx";
        if readable {
            assert!(out.status.success(), "{name}: {said}");
            continue;
        }
        assert!(!out.status.success(), "{name} was imported: {said}");
        let expected = match name.as_str() {
            "bomb-ratio.docx" => "unpacks to more than 32 MB",
            "bomb-entries.docx" => "more than a document has",
            "bomb-lying-header.docx" | "truncated.docx" | "truncated.zip" | "garbage-with-magic.docx" => {
                "damaged and cannot be read"
            }
            "sparse-1gb.pdf" => "larger than the 50 MB allowed",
            "empty.docx" => "the file is empty",
            "garbage.docx" | "garbage.pdf" | "garbage.zip" => "not a type the app accepts",
            n if n.ends_with(".zip") => "archive",
            _ => "not a Word document",
        };
        assert!(said.contains("could not be imported") && said.contains(expected), "{name}: {said}");
    }
    assert!(
        !dir.path().join("ardesk-escaped.txt").exists() && !Path::new("/tmp/ardesk-escaped.txt").exists()
    );
}

#[test]
fn the_password_scan_gives_each_hostile_file_a_verdict() {
    let (_dir, files) = fixtures();
    let mut args: Vec<&OsStr> = vec!["scan".as_ref(), "--json".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let out = bounded(&args);
    assert_eq!(out.status.code(), Some(1), "some files are not ok: {}", text(&out));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let verdicts: BTreeMap<String, String> = results
        .iter()
        .map(|r| {
            let file = name(Path::new(r["file"].as_str().unwrap_or_default()));
            (file, r["verdict"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    assert_eq!(verdicts.len(), files.len(), "{verdicts:?}");
    for (file, verdict) in &verdicts {
        let expected = match file.as_str() {
            "sparse-1gb.pdf" => "too_large",
            "empty.docx" | "garbage.docx" | "garbage.pdf" | "garbage.zip" => "unsupported",
            // Not encrypted and readable: the scan's question is a password, not the contents.
            "traversal.docx" | "traversal.zip" | "non-utf8-entry.zip" => "ok",
            f if f.starts_with("plan-") || f.starts_with("report-") => "ok",
            _ => "unreadable",
        };
        assert_eq!(verdict, expected, "{file}: {results:?}");
    }
    // The names that are not UTF-8 are shown with a replacement character, not dropped.
    assert!(verdicts.keys().any(|f| f.starts_with("report-caf\u{fffd}")), "{verdicts:?}");
}

#[test]
fn the_bundle_check_calls_each_hostile_zip_unusable_and_says_why() {
    let (_dir, files) = fixtures();
    for file in files.iter().filter(|f| name(f).ends_with(".zip") || name(f) == "sparse-1gb.pdf") {
        let name = name(file);
        let out = bounded(&["verify".as_ref(), file.as_os_str()]);
        let said = text(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {said}");
        let expected = match name.as_str() {
            "bomb-ratio.zip" => "manifest.json cannot be read or is larger than 4 MB",
            "traversal.zip" => "\"../../../tmp/ardesk-escaped.txt\" is not a safe file name",
            "non-utf8-entry.zip" => "manifest.json does not match the schema",
            _ => "not a zip archive",
        };
        assert!(said.contains(expected), "{name}: {said}");
    }
}
