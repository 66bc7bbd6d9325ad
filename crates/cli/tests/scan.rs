//! `ardesk scan` over the corpus that `tests/scan-corpus/make.sh` builds with the real tools
//! (qpdf, LibreOffice, msoffcrypto-tool, zip, 7z, olefile). Each file's name starts with the
//! verdict it must get; a missing tool fails with how to install it.

use std::path::Path;
use std::process::Command;

#[test]
fn every_file_in_the_corpus_gets_its_verdict() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scan-corpus/make.sh");
    let built =
        Command::new("bash").arg(&script).arg(dir.path()).output().unwrap_or_else(|e| unreachable!("{e}"));
    assert!(
        built.status.success(),
        "building the corpus failed (run scripts/setup to install the tools): {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| unreachable!("{e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 25, "{files:?}");

    let out = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .arg("scan")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(out.status.code(), Some(1), "some files are not ok, so the exit code is 1");
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(results.len(), files.len());
    for r in &results {
        let file = r["file"].as_str().unwrap_or_default();
        let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let expected = name.split("__").next().unwrap_or_default();
        let (verdict, credentials) = match expected.strip_suffix("-credentials") {
            Some(v) => (v, true),
            None => (expected, false),
        };
        assert_eq!(r["verdict"], verdict, "{name}: {r}");
        assert_eq!(r.get("credentials").is_some(), credentials, "{name}: {r}");
        if verdict != "ok" {
            assert!(!r["detail"].as_str().unwrap_or_default().is_empty(), "{name} says why: {r}");
        }
    }
    // A clean file alone exits 0.
    let clean =
        files.iter().find(|f| f.to_string_lossy().ends_with("ok__plain.pdf")).cloned().unwrap_or_default();
    let out = Command::new(env!("CARGO_BIN_EXE_ardesk")).arg("scan").arg(&clean).output();
    assert_eq!(out.map(|o| o.status.code()).ok().flatten(), Some(0));
}
