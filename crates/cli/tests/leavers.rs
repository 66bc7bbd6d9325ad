//! Issue 17 from the command line, on pupils imported from the MIS: a leaver marked, listed,
//! kept and erased under the school's retention rule; a child erased.

mod common;

use std::path::Path;

use common::ardesk;

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The id of the imported pupil with this UPN.
fn id_of(db: &str, upn: &str) -> String {
    let pupils: serde_json::Value =
        serde_json::from_str(&ok(&ardesk(&["pupils", "--db", db, "--json"]))).unwrap_or_default();
    let found =
        pupils.as_array().and_then(|p| p.iter().find(|p| p["upn"] == upn)).map(|p| p["id"].to_string());
    found.unwrap_or_else(|| unreachable!("no pupil {upn}"))
}

/// A new database in `dir` with the pupils of the test CTF imported, as from the school's MIS.
fn imported(dir: &Path) -> String {
    let db = dir.join("x.db").to_string_lossy().into_owned();
    let ctf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pupils/ctf25.xml");
    ok(&ardesk(&["import-pupils", "--db", &db, &ctf.to_string_lossy(), "--la", "kent"]));
    db
}

#[test]
fn a_leaver_is_kept_then_erased_under_the_school_s_rule() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = imported(dir.path());
    let juniper = id_of(&db, "K999999914001");
    let other = id_of(&db, "Z999999914002");
    fn with<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["--today", "2026-12-03"][..], args].concat()
    }

    // A leaving date after today is refused (exit 2), and nothing changes.
    let out =
        ardesk(&with(&["child", "leave", "--db", &db, "--id", &juniper, "--on", "04/12/2026", "--to", "X"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is after today"));
    let said = ok(&ardesk(&with(&[
        "child",
        "leave",
        "--db",
        &db,
        "--id",
        &juniper,
        "--on",
        "20/07/2018",
        "--to",
        "Moved abroad",
    ])));
    assert!(said.contains("left on 20 Jul 2018 (Moved abroad)"), "{said}");
    ok(&ardesk(&with(&[
        "child",
        "leave",
        "--db",
        &db,
        "--id",
        &other,
        "--on",
        "24/07/2026",
        "--to",
        "Kirkleatham Academy",
    ])));
    let caseload: serde_json::Value =
        serde_json::from_str(&ok(&ardesk(&with(&["caseload", "--db", &db, "--json"])))).unwrap_or_default();
    assert_eq!(caseload.as_array().map(Vec::len), Some(1), "leavers are off the caseload");

    // No rule: nothing is due, and erasing is refused (exit 1).
    assert!(ok(&ardesk(&with(&["leavers", "--db", &db]))).contains("No retention rule is set"));
    assert_eq!(ardesk(&with(&["leavers", "--db", &db, "--erase", &juniper])).status.code(), Some(1));

    let listed = ok(&ardesk(&with(&["leavers", "--db", &db, "--keep", "after-leaving", "--years", "6"])));
    assert!(listed.contains("kept for 6 years after the child leaves"), "{listed}");
    let lines: Vec<&str> = listed.lines().skip(1).collect();
    assert!(lines.first().is_some_and(|l| l.contains("DUE for erasure since 20 Jul 2024")), "{listed}");
    assert!(lines.get(1).is_some_and(|l| l.contains("kept until 24 Jul 2032")), "{listed}");

    // A record not due refuses the whole list; the due one is erased.
    assert_eq!(ardesk(&with(&["leavers", "--db", &db, "--erase", &juniper, &other])).status.code(), Some(1));
    let erased = ok(&ardesk(&with(&["leavers", "--db", &db, "--erase", &juniper])));
    assert!(
        erased.starts_with("1 leaver's record erased. Their record is erased from the database."),
        "{erased}"
    );
    let pupils = ok(&ardesk(&["pupils", "--db", &db, "--json"]));
    assert!(!pupils.contains("K999999914001") && pupils.contains("Z999999914002"), "{pupils}");

    // Back on roll, then erased outright.
    assert!(
        ok(&ardesk(&with(&["child", "back-on-roll", "--db", &db, "--id", &other])))
            .contains("is back on roll")
    );
    let deleted = ok(&ardesk(&with(&["child", "delete", "--db", &db, "--id", &other])));
    assert!(deleted.starts_with("Deleted ") && deleted.contains("erased from the database"), "{deleted}");
    assert!(!ok(&ardesk(&["pupils", "--db", &db, "--json"])).contains("Z999999914002"));
    assert_eq!(ardesk(&with(&["child", "delete", "--db", &db, "--id", &other])).status.code(), Some(1));
}

#[test]
fn the_subject_access_export_opens_in_real_tools_and_every_link_is_in_it() {
    use std::process::Command;

    use common::{run, tool};

    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = imported(dir.path());
    let juniper = id_of(&db, "K999999914001");
    let out = dir.path().join("export");
    let printed = ok(&ardesk(&[
        "--today",
        "2026-12-03",
        "child",
        "export",
        "--db",
        &db,
        "--id",
        &juniper,
        "--out",
        &out.to_string_lossy(),
    ]));
    let zip = printed.trim().to_owned();
    assert!(zip.ends_with("-record-2026-12-03.zip"), "{zip}");
    // Initials only in the file name.
    assert!(!zip.contains("Juniper"), "{zip}");

    // Python's zipfile and HTML parser: the zip is sound, every link in the index is in it, and
    // the JSON holds the imported pupil with what the MIS said.
    let script = r#"
import json, sys, zipfile
from html.parser import HTMLParser
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = set(z.namelist())
class Links(HTMLParser):
    def __init__(self):
        super().__init__(); self.links = []; self.text = []
    def handle_starttag(self, tag, attrs):
        if tag == 'a': self.links.append(dict(attrs)['href'])
    def handle_data(self, data): self.text.append(data)
p = Links(); p.feed(z.read('index.html').decode('utf-8'))
missing = [l for l in p.links if l not in names]
assert not missing, missing
record = json.loads(z.read('record.json'))
print(record['child']['upn'], bool(record['mis_snapshot']), len(record['child']['parents']), ' '.join(p.text).split())
"#;
    let said = run(Command::new(tool("python3")).arg("-c").arg(script).arg(&zip));
    assert!(said.starts_with("K999999914001 True "), "{said}");
    assert!(said.contains("'Record', 'held', 'about', 'Juniper'"), "{said}");

    // LibreOffice opens the index as a document and lays it out.
    let unpacked = dir.path().join("unpacked");
    run(Command::new(tool("python3")).args(["-m", "zipfile", "-e", &zip]).arg(&unpacked));
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new(tool("soffice"))
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(unpacked.join("index.html")));
    let text = run(Command::new(tool("pdftotext")).arg(dir.path().join("index.pdf")).arg("-"));
    assert!(text.contains("Parents and carers") && text.contains("K999999914001"), "{text}");
}
