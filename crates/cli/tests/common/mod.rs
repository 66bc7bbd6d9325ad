//! What the CLI tests share: running `ardesk`, a demo caseload in a fresh database, and the
//! real tools that check documents (a missing tool fails with how to install it, never a skip).

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The passphrase the tests' databases are encrypted with, given as on a computer with no
/// credential store: a raw 256-bit key in SQLCipher's `x'…'` form, which skips the key
/// derivation a typed passphrase goes through (a quarter of a second on every open).
pub const PASSPHRASE: &str = "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'";

pub fn ardesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardesk"))
        .env("ARDESK_PASSPHRASE", PASSPHRASE)
        .args(args)
        .output()
        .unwrap_or_else(|e| unreachable!("ardesk: {e}"))
}

/// What a command printed, standard output then standard error.
pub fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Copies the bundle `src` to `dst`, changed by the Python statements `change`, over `files`
/// (the entries by name; `put(name, data)` replaces one), `m` (the manifest) and `extra` (more
/// entries, written after, so a name may appear twice). `fix_hashes` makes the manifest's hashes
/// and sizes match the entries again, as a careful forger (or a school's second export) would.
pub fn craft_bundle(src: &Path, dst: &Path, change: &str, fix_hashes: bool) {
    let script = r#"
import hashlib, json, sys, warnings, zipfile
src, dst, change, fix = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == '1'
z = zipfile.ZipFile(src)
files = {n: z.read(n) for n in z.namelist()}
m = json.loads(files['manifest.json'])
extra = []
def put(name, data): files[name] = data
exec(change)
if fix:
    for f in m['files']:
        if f['name'] in files:
            f['sha256'] = hashlib.sha256(files[f['name']]).hexdigest(); f['size'] = len(files[f['name']])
files['manifest.json'] = json.dumps(m).encode()
warnings.simplefilter('ignore')
with zipfile.ZipFile(dst, 'w') as out:
    for n, data in files.items(): out.writestr(n, data)
    for n, data in extra: out.writestr(n, data)
"#;
    let made = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(src)
        .arg(dst)
        .arg(change)
        .arg(if fix_hashes { "1" } else { "0" })
        .output()
        .unwrap_or_else(|e| unreachable!("python3: {e}"));
    assert!(made.status.success(), "{}: {}", dst.display(), text(&made));
}

pub fn tool(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
        .unwrap_or_else(|| {
            unreachable!(
                "`{name}` is not installed: run scripts/setup (it installs the document-checking tools)"
            )
        })
}

/// A direct connection to a test database (to read what was saved), unlocked.
pub fn connect(path: impl AsRef<Path>) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| unreachable!("{e}"));
    conn.pragma_update(None, "key", PASSPHRASE).unwrap_or_else(|e| unreachable!("{e}"));
    conn
}

/// Runs `cmd`, which must succeed, and returns what it printed.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| unreachable!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The demo caseload in a new database under `dir`.
pub struct Demo {
    pub db: String,
    /// `ardesk caseload --json`.
    pub rows: serde_json::Value,
}

impl Demo {
    /// Loads the demo, as of `today` (`--today=YYYY-MM-DD`) when given.
    pub fn new(dir: &Path, today: Option<&str>) -> Demo {
        let db = dir.join("x.db").to_string_lossy().into_owned();
        let with_today = |args: &[&str]| -> Vec<String> {
            today
                .map(|t| format!("--today={t}"))
                .into_iter()
                .chain(args.iter().map(|a| (*a).to_owned()))
                .collect()
        };
        let run_args = |args: Vec<String>| ardesk(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(run_args(with_today(&["demo", "--db", &db])).status.success());
        let rows = serde_json::from_slice(&run_args(with_today(&["caseload", "--db", &db, "--json"])).stdout)
            .unwrap_or_default();
        Demo { db, rows }
    }

    /// The first row at `stage`.
    pub fn row_at(&self, stage: &str) -> serde_json::Value {
        self.rows.as_array().and_then(|r| r.iter().find(|r| r["stage"] == stage)).cloned().unwrap_or_default()
    }

    /// The review id of the first row at `stage`, as an argument.
    pub fn review_at(&self, stage: &str) -> String {
        self.row_at(stage).get("review_id").map(ToString::to_string).unwrap_or_default()
    }
}

/// The AR1 record's discussion of review `review` (an id as given to `--review`), as stored.
pub fn saved_discussion(db: &rusqlite::Connection, review: &str) -> String {
    db.query_row(
        "SELECT value FROM ar1_field WHERE review_id = ?1 AND key = 'discussion'",
        [review.parse::<i64>().unwrap_or_default()],
        |r| r.get(0),
    )
    .unwrap_or_default()
}
