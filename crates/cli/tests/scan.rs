//! `ardesk scan` over the corpus that `tests/scan-corpus/make.sh` builds with the real tools
//! (qpdf, LibreOffice, msoffcrypto-tool, zip, 7z). Each file's name starts with the verdict it
//! must get, and each PDF's, Office and OpenDocument file's verdict is also asked of the real
//! tool (qpdf; LibreOffice through UNO; oletools' oleobj); a missing tool fails with how to
//! install it.

use std::path::Path;
use std::process::Command;

/// The files in `dir`, sorted, and `ardesk scan --json` run over them.
fn scan_all(dir: &Path) -> (Vec<std::path::PathBuf>, std::process::Output) {
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap_or_else(|e| unreachable!("{e}")).flatten().map(|e| e.path()).collect();
    files.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .args(["scan", "--json"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    (files, out)
}

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
    let (files, out) = scan_all(dir.path());
    assert!(files.len() >= 35, "{files:?}");
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
    // Every PDF's verdict is the real tool's: qpdf says whether it asks for a password, whether
    // any object runs JavaScript, launches a program or embeds a file (its JSON, names
    // decoded), and whether it can be read at all (--check, warnings allowed).
    let judge = r#"
import json, subprocess, sys
def active(value):
    if isinstance(value, dict):
        if '/JS' in value or value.get('/S') in ('/JavaScript', '/Launch') or '/EF' in value                 or value.get('/Type') == '/EmbeddedFile':
            return True
        return any(active(v) for v in value.values())
    if isinstance(value, list):
        return any(active(v) for v in value)
    return False
for path in sys.argv[1:]:
    if subprocess.run(['qpdf', '--is-encrypted', path], capture_output=True).returncode == 0:
        print('encrypted'); continue
    shown = subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', path], capture_output=True)
    objects = json.loads(shown.stdout or b'{}').get('qpdf', [{}, {}])[-1] if shown.stdout else {}
    if active(objects):
        print('macro'); continue
    checked = subprocess.run(['qpdf', '--check', path], capture_output=True).returncode
    print('unreadable' if checked == 2 else 'ok')
"#;
    let pdfs: Vec<&std::path::PathBuf> =
        files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).collect();
    let qpdf = Command::new("python3")
        .arg("-c")
        .arg(judge)
        .args(&pdfs)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(qpdf.status.success(), "{}", String::from_utf8_lossy(&qpdf.stderr));
    let theirs: Vec<String> = String::from_utf8_lossy(&qpdf.stdout).lines().map(str::to_owned).collect();
    assert_eq!(theirs.len(), pdfs.len());
    for (pdf, theirs) in pdfs.iter().zip(&theirs) {
        let ours = results
            .iter()
            .find(|r| r["file"].as_str() == Some(&pdf.to_string_lossy()))
            .map(|r| r["verdict"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default();
        assert_eq!(&ours, theirs, "{}: ours {ours}, qpdf's {theirs}", pdf.display());
    }
    // Every Office and OpenDocument file's verdict is LibreOffice's own: it opens with no
    // password and holds no Basic or VBA module ("ok"), holds one ("macro"), opens only with
    // the password ("encrypted"), or does not open ("unreadable"). Office Open XML files whose
    // macros, ActiveX controls or external template were written by hand (no installable tool
    // writes a VBA project) are left to the standard; oletools confirms the external template.
    let office: Vec<&std::path::PathBuf> = files
        .iter()
        .filter(|f| {
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let by_hand = name.starts_with("macro__") && !name.contains("libreoffice");
            ["doc", "docx", "docm", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"].contains(&ext)
                && !by_hand
        })
        .collect();
    assert!(office.len() >= 20, "{office:?}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scan-corpus/libreoffice.py");
    let judged = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg("judge")
        .args(&office)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(
        judged.status.success(),
        "LibreOffice could not judge the corpus (run scripts/setup for python3-uno): {}",
        String::from_utf8_lossy(&judged.stderr)
    );
    let theirs: Vec<String> = String::from_utf8_lossy(&judged.stdout).lines().map(str::to_owned).collect();
    assert_eq!(theirs.len(), office.len(), "{theirs:?}");
    for (file, theirs) in office.iter().zip(&theirs) {
        let ours = results
            .iter()
            .find(|r| r["file"].as_str() == Some(&file.to_string_lossy()))
            .map(|r| r["verdict"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default();
        assert_eq!(&ours, theirs, "{}: ours {ours}, LibreOffice's {theirs}", file.display());
    }
    let template = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("macro__external-template.docx"))
        .cloned()
        .unwrap_or_default();
    let oleobj =
        Command::new("oleobj").arg(&template).output().unwrap_or_else(|e| unreachable!("oleobj: {e}"));
    assert!(
        String::from_utf8_lossy(&oleobj.stdout).contains("'attachedTemplate' with external link"),
        "{}",
        String::from_utf8_lossy(&oleobj.stdout)
    );
    // Every finding says what to do, in the program that made the file.
    let fix = |suffix: &str| {
        results
            .iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(suffix)))
            .map(|r| r["fix"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    for (file, steps) in [
        ("encrypted__libreoffice-password.xlsx", "Protect Workbook"),
        ("encrypted__libreoffice-password.pptx", "Protect Presentation"),
        ("encrypted__agile-encryption.docx", "Protect Document"),
        ("encrypted__libreoffice-password.odp", "Save with password"),
        ("encrypted__user-password-aes256.pdf", "No Security"),
        ("encrypted__zipcrypto.zip", "documents themselves"),
        ("macro__javascript-on-open.pdf", "Microsoft Print to PDF"),
        ("macro__libreoffice-basic.ods", "Export as PDF"),
        ("macro__external-template.docx", "Manage: Templates"),
    ] {
        assert!(fix(file).contains(steps), "{file}: {}", fix(file));
    }
    assert_eq!(fix("ok__plain.pdf"), "");

    // A clean file alone exits 0.
    let clean =
        files.iter().find(|f| f.to_string_lossy().ends_with("ok__plain.pdf")).cloned().unwrap_or_default();
    let out = Command::new(env!("CARGO_BIN_EXE_ardesk")).arg("scan").arg(&clean).output();
    assert_eq!(out.map(|o| o.status.code()).ok().flatten(), Some(0));
}

/// Files Microsoft Office itself made (Office 2007-2016: oletools' test data, which
/// scripts/setup fetches from PyPI): with passwords, VBA and Excel 4.0 macros, embedded objects
/// and Packages in every Word, Excel and PowerPoint format old and new and in OpenDocument, links
/// to outside objects, DDE fields, and harmless documents. Each verdict must be the real tools':
/// msoffcrypto-tool for a password, olevba for macros, oleobj for objects.
#[test]
fn files_made_by_microsoft_office_get_the_real_tools_verdicts() {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .unwrap_or_default();
    let archive = cache.join("ardesk/oletools-0.60.2.zip");
    assert!(archive.is_file(), "{} is missing: scripts/setup fetches it", archive.display());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scan-corpus/office.py");
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let taken = Command::new("python3")
        .arg(&script)
        .arg("take")
        .arg(&archive)
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(taken.status.success(), "{}", String::from_utf8_lossy(&taken.stderr));
    let (files, out) = scan_all(dir.path());
    assert!(files.len() >= 80, "{files:?}");
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(results.len(), files.len(), "{}", String::from_utf8_lossy(&out.stderr));
    let judged = Command::new("python3")
        .arg(&script)
        .arg("judge")
        .args(&files)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(judged.status.success(), "{}", String::from_utf8_lossy(&judged.stderr));
    let theirs: Vec<String> = String::from_utf8_lossy(&judged.stdout).lines().map(str::to_owned).collect();
    assert_eq!(theirs.len(), files.len());

    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for ((file, r), theirs) in files.iter().zip(&results).zip(&theirs) {
        *kinds.entry(theirs.as_str()).or_default() += 1;
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let verdict = r["verdict"].as_str().unwrap_or_default();
        let ours = match r["active"].as_str() {
            Some(what) => format!("{verdict} {what}"),
            None => verdict.to_owned(),
        };
        if name.starts_with("excel4-macros__")
            && [".xlsm", ".xlsb", ".xltm"].iter().any(|e| name.ends_with(e))
        {
            // olevba reads Excel 4.0 macros only in 97-2003 workbooks (its BIFF plugin); in a
            // 2007+ workbook the macro sheet is a part of its own declared type, which we find.
            assert_eq!((ours.as_str(), theirs.as_str()), ("macro macros", "ok"), "{name}");
            continue;
        }
        if ours == "unsupported" && theirs == "ok" {
            // A binary workbook is not a type the app takes; with nothing in it to refuse, that
            // is its verdict.
            assert!(name.ends_with(".xlsb"), "{name}: {r}");
            continue;
        }
        assert_eq!(&ours, theirs, "{name}: ours {ours}, the real tools' {theirs}");
    }
    // The files test each kind of verdict, so a detector that missed one would fail here.
    for (kind, least) in [("encrypted", 15), ("macro macros", 5), ("macro embedded_object", 40), ("ok", 8)] {
        assert!(kinds.get(kind).copied().unwrap_or(0) >= least, "{kind}: {kinds:?}");
    }
}

/// Issue 18 item 5: what is not a regular file is refused before it is read, however it is
/// named: a device that never ends (`/dev/zero`), a named pipe (which would wait for a writer
/// for ever), a symbolic link, a folder; `verify` refuses them too.
#[test]
fn devices_pipes_links_and_folders_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let fifo = dir.path().join("report.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap_or_else(|e| unreachable!("{e}"));
    assert!(made.success());
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "Progress is good.\n").unwrap_or_else(|e| unreachable!("{e}"));
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| unreachable!("{e}"));
    // `timeout` stops a scan that waits: exit 124 would be a hang.
    let out = Command::new("timeout")
        .arg("20")
        .arg(env!("CARGO_BIN_EXE_ardesk"))
        .args(["scan", "--json", "/dev/zero"])
        .args([&fifo, &link, &dir.path().to_path_buf(), &real])
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let said: Vec<(String, String)> = results
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| {
                    (
                        r["verdict"].as_str().unwrap_or("").to_owned(),
                        r["detail"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected = ["a device", "a named pipe", "a symbolic link", "a folder"];
    for (n, what) in expected.iter().enumerate() {
        let (verdict, detail) = said.get(n).cloned().unwrap_or_default();
        assert_eq!(verdict, "unsupported", "{what}: {said:?}");
        assert!(detail.contains(&format!("is {what}, not a file")), "{what}: {detail}");
    }
    assert_eq!(said.get(4).map(|s| s.0.as_str()), Some("ok"), "the real file is read: {said:?}");

    let verified = Command::new("timeout")
        .arg("20")
        .arg(env!("CARGO_BIN_EXE_ardesk"))
        .arg("verify")
        .arg(&fifo)
        .output()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(verified.status.code(), Some(2), "{}", String::from_utf8_lossy(&verified.stdout));
    assert!(String::from_utf8_lossy(&verified.stdout).contains("is a named pipe, not a file"));
}
