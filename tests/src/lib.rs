//! The end-to-end harness: drives the real Annual Review Desk binary in a real window.
//!
//! - One Xvfb display per test process, started on a free display number.
//! - One `tauri-driver` per test, with its own data directory (`XDG_DATA_HOME`), so each test
//!   starts from an empty caseload and never touches the user's real database.
//! - A missing prerequisite (Xvfb, tauri-driver, WebKitWebDriver, the built app) fails the test
//!   with a message saying how to fix it. Nothing is ever skipped silently.
//! - When a test fails, a screenshot of the screen is saved under
//!   `target/e2e-artifacts/<test>/failure.png`.

// A test harness reports failure by panicking: that is how `cargo test` learns of it.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub use fantoccini::{Client, Locator};

/// How long to wait for anything the UI does.
pub const PATIENCE: Duration = Duration::from_secs(20);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// Where cargo builds (`CARGO_TARGET_DIR`, or `target/` in the workspace).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

/// The built `ardesk` command (built by `scripts/build` with the app).
/// The passphrase the test databases are encrypted with: the app and the CLI find it in
/// `ARDESK_PASSPHRASE`, as on a computer with no credential store (there is none under Xvfb).
/// A raw 256-bit key in SQLCipher's `x'…'` form, which skips the key derivation.
pub const PASSPHRASE: &str = "x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'";

/// `ardesk`, to run with the test databases' passphrase.
pub fn ardesk_command() -> std::process::Command {
    let mut command = std::process::Command::new(ardesk_binary());
    command.env("ARDESK_PASSPHRASE", PASSPHRASE);
    command
}

pub fn ardesk_binary() -> PathBuf {
    let path = target_dir().join("debug").join("ardesk");
    assert!(path.is_file(), "ardesk is not built at {}: run scripts/build", path.display());
    path
}

/// The built desktop app. `ARDESK_APP` overrides the default `target/debug/annual-review-desk`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("ARDESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("annual-review-desk"));
    if !path.is_file() {
        panic!(
            "The desktop app is not built at {}.\nBuild it with `scripts/test` (or: `(cd ui && trunk build) && cargo build -p annual-review-desk`).",
            path.display()
        );
    }
    path
}

fn require_tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()));
    found.unwrap_or_else(|| {
        panic!("`{name}` is not installed or not on PATH. Run `scripts/setup` to install the end-to-end test tools.")
    })
}

/// A local port no other test of this run has been given, free when asked. Ports come from
/// below Linux's ephemeral range (32768 and up), so that no outgoing connection takes one
/// between this check and tauri-driver or WebKitWebDriver binding it, and each is handed out
/// once: two drivers on one port would put one test's commands into another test's window.
fn free_port() -> u16 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    // Runs at once (cargo's test binaries) start apart.
    let base = 20_000 + (std::process::id() % 12) * 1_000;
    loop {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let port = u16::try_from(base + n % 1_000).expect("a port below 32768");
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > PATIENCE {
            panic!("timed out after {PATIENCE:?} waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A virtual X display for the whole test process.
struct Display {
    name: String,
    _server: Child,
}

fn display() -> &'static str {
    static DISPLAY: OnceLock<Display> = OnceLock::new();
    &DISPLAY
        .get_or_init(|| {
            let xvfb = require_tool("Xvfb");
            let n = (90..400)
                .find(|n| {
                    !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                        && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                })
                .expect("a free X display number");
            // The display lives in a static, which is never dropped: a small watchdog shell stops
            // Xvfb when this test process exits, so runs do not leave servers behind.
            let watchdog = format!(
                "{xvfb} :{n} -screen 0 1280x860x24 -nolisten tcp & x=$!; \
                 while kill -0 {me} 2>/dev/null && kill -0 $x 2>/dev/null; do sleep 1; done; kill $x 2>/dev/null",
                xvfb = xvfb.display(),
                me = std::process::id()
            );
            let server = Command::new("sh")
                .arg("-c")
                .arg(watchdog)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb starts");
            wait_for("Xvfb", || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists());
            Display { name: format!(":{n}"), _server: server }
        })
        .name
}

/// At most this many apps run at once (the machines have 2 cores); `ARDESK_E2E_PARALLEL` overrides.
fn max_parallel() -> usize {
    std::env::var("ARDESK_E2E_PARALLEL").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(2)
}

static RUNNING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// Places among the apps allowed to run at once; released when dropped.
#[derive(Debug)]
struct Slot(usize);

impl Slot {
    /// `n` places: 1 for most tests; all of them for a test whose window must have the
    /// display's focus (the display has no window manager, so the newest window takes it).
    fn take(n: usize) -> Slot {
        let n = n.min(max_parallel());
        let (count, freed) = &RUNNING;
        let mut running = count.lock().unwrap_or_else(|e| e.into_inner());
        while *running + n > max_parallel() {
            running = freed.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        *running += n;
        Slot(n)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let (count, freed) = &RUNNING;
        let mut running = count.lock().unwrap_or_else(|e| e.into_inner());
        *running = running.saturating_sub(self.0);
        freed.notify_all();
    }
}

/// A tauri-driver with its own data directory: one per test.
#[derive(Debug)]
pub struct Driver {
    process: Child,
    port: u16,
    /// Its data directory: its own, or shared with the driver it was started beside.
    data: std::sync::Arc<tempfile::TempDir>,
    test: String,
    _slot: Slot,
    /// Set when the driver is dropped, which stands its watchdog down.
    finished: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// A private D-Bus session with GNOME Keyring unlocked on it, for a driver started with a
    /// credential store; stopped when the driver is dropped.
    keyring: Option<Keyring>,
}

/// A private D-Bus session bus with GNOME Keyring's secret service on it (unlocked), as a
/// desktop login gives: the app keeps a new caseload's key there.
#[derive(Debug)]
pub struct Keyring {
    /// The bus's address (`DBUS_SESSION_BUS_ADDRESS`).
    pub address: String,
    bus: u32,
}

impl Keyring {
    fn start(home: &Path) -> Keyring {
        let dbus = require_tool("dbus-daemon");
        let keyring = require_tool("gnome-keyring-daemon");
        let out = Command::new(dbus)
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            .stderr(Stdio::null())
            .output()
            .expect("a D-Bus session starts");
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = said.lines();
        let address = lines.next().expect("the bus's address").trim().to_owned();
        let bus = lines.next().and_then(|p| p.trim().parse().ok()).expect("the bus's pid");
        let mut daemon = Command::new(keyring)
            .args(["--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts");
        // The login keyring's password, as a desktop login hands it over.
        if let Some(mut stdin) = daemon.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(b"e2e-login");
        }
        let _ = daemon.wait();
        Keyring { address, bus }
    }

    /// `secret-tool lookup` on this session: what the credential store keeps under `attrs`.
    pub fn lookup(&self, attrs: &[&str]) -> Option<String> {
        let out = Command::new(require_tool("secret-tool"))
            .arg("lookup")
            .args(attrs)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        // The keyring daemon leaves with its bus.
        let _ = Command::new("kill").arg(self.bus.to_string()).status();
    }
}

/// The longest one test may drive the app (`ARDESK_E2E_LIMIT_SECS` overrides). A WebDriver
/// command that never returns (a hung screenshot, once) would otherwise hold the whole run
/// until CI's own limit; past this, the watchdog stops tauri-driver and the test fails.
fn test_limit() -> Duration {
    let secs = std::env::var("ARDESK_E2E_LIMIT_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    Duration::from_secs(secs)
}

impl Driver {
    pub fn start(test: &str) -> Driver {
        Driver::start_with(test, Slot::take(1), true, None)
    }

    /// A second driver on the same data directory as `other` (the same caseload), for a second
    /// window. It takes no place of its own: it runs inside `other`'s test.
    pub fn start_beside(other: &Driver, test: &str) -> Driver {
        Driver::start_with(test, Slot::take(0), true, Some(other.data.clone()))
    }

    /// As [`Driver::start`], with no passphrase given to the app: as on a computer whose
    /// credential store does not have the database's key (the tests' machines have none).
    pub fn start_without_passphrase(test: &str) -> Driver {
        Driver::start_with(test, Slot::take(1), false, None)
    }

    /// As [`Driver::start`], with no passphrase given but a credential store (GNOME Keyring on
    /// a private D-Bus session), as on a desktop: a new caseload's key is kept there.
    pub fn start_with_credential_store(test: &str) -> Driver {
        Driver::start_with_options(test, Slot::take(1), false, None, true, &[])
    }

    /// The credential store of a driver started with one.
    pub fn keyring(&self) -> Option<&Keyring> {
        self.keyring.as_ref()
    }

    /// As [`Driver::start`], with these variables in the app's environment (as a launcher such
    /// as a desktop entry's `env VAR=value program` sets them).
    pub fn start_with_env(test: &str, env: &[(&str, &str)]) -> Driver {
        Driver::start_with_options(test, Slot::take(1), true, None, false, env)
    }

    /// As [`Driver::start`], with no other test's window on the display, so that this one has
    /// the keyboard focus (`:focus-visible` applies only in the focused window).
    pub fn start_alone(test: &str) -> Driver {
        Driver::start_with(test, Slot::take(usize::MAX), true, None)
    }

    fn start_with(
        test: &str,
        slot: Slot,
        passphrase: bool,
        shared: Option<std::sync::Arc<tempfile::TempDir>>,
    ) -> Driver {
        Driver::start_with_options(test, slot, passphrase, shared, false, &[])
    }

    fn start_with_options(
        test: &str,
        slot: Slot,
        passphrase: bool,
        shared: Option<std::sync::Arc<tempfile::TempDir>>,
        credential_store: bool,
        env: &[(&str, &str)],
    ) -> Driver {
        let tauri_driver = require_tool("tauri-driver");
        require_tool("WebKitWebDriver");
        let _ = app_binary();
        let data = shared
            .unwrap_or_else(|| std::sync::Arc::new(tempfile::tempdir().expect("a temporary data directory")));
        let (port, native) = (free_port(), free_port());
        std::fs::create_dir_all(data.path().join("exports")).expect("exports directory");
        std::fs::create_dir_all(data.path().join("to-open")).expect("to-open directory");
        // Without one, the app finds no credential store (no session bus), as on a server.
        let keyring = credential_store.then(|| Keyring::start(data.path()));
        let process = Command::new(tauri_driver)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", display())
            .env("XDG_DATA_HOME", data.path().join("data"))
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("XDG_CACHE_HOME", data.path().join("cache"))
            .env("NO_AT_BRIDGE", "1")
            .env_remove("ARDESK_PASSPHRASE")
            .envs(passphrase.then_some(("ARDESK_PASSPHRASE", PASSPHRASE)))
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .envs(keyring.as_ref().map(|k| ("DBUS_SESSION_BUS_ADDRESS", k.address.clone())))
            // Native save dialogs cannot be driven over WebDriver: the app saves here instead.
            .env("ARDESK_TEST_SAVE_DIR", data.path().join("exports"))
            .env("ARDESK_TEST_OPEN_DIR", data.path().join("to-open"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        wait_for("tauri-driver", || TcpStream::connect(("127.0.0.1", port)).is_ok());
        let finished = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (stand_down, pid, name) = (finished.clone(), process.id(), test.to_owned());
        std::thread::spawn(move || {
            let deadline = Instant::now() + test_limit();
            while Instant::now() < deadline {
                if stand_down.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            eprintln!("e2e: {name} ran past {:?}; stopping its tauri-driver so it fails", test_limit());
            let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        });
        Driver { process, port, data, test: test.to_owned(), _slot: slot, finished, keyring }
    }

    /// Where this test's app keeps its database.
    pub fn db_path(&self) -> PathBuf {
        self.data.path().join("data").join("annual-review-desk").join("ardesk.sqlite3")
    }

    /// Where the app's save dialogs put files in this test.
    pub fn save_dir(&self) -> PathBuf {
        let dir = self.data.path().join("exports");
        std::fs::create_dir_all(&dir).expect("exports directory");
        dir
    }

    /// Puts a copy of `tests/fixtures/<name>` where the app's open dialogs look in this test.
    pub fn offer_file(&self, name: &str) {
        let from = workspace_root().join("tests").join("fixtures").join(name);
        std::fs::copy(&from, self.data.path().join("to-open").join(name))
            .unwrap_or_else(|e| panic!("could not offer {}: {e}", from.display()));
    }

    /// Puts a copy of `path` (a file this test made) where the app's open dialogs look.
    pub fn offer_path(&self, path: &Path) {
        let name = path.file_name().expect("a file name");
        std::fs::copy(path, self.data.path().join("to-open").join(name))
            .unwrap_or_else(|e| panic!("could not offer {}: {e}", path.display()));
    }

    /// Takes back every file offered to the open dialogs.
    pub fn clear_offers(&self) {
        let dir = self.data.path().join("to-open");
        for entry in std::fs::read_dir(&dir).expect("to-open directory").flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    /// Launches the app and connects to its window.
    pub async fn launch(&self) -> App {
        self.launch_binary(&app_binary()).await
    }

    /// Launches the desktop app at `binary` (a packaged copy, say) and connects to its window.
    pub async fn launch_binary(&self, binary: &Path) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": binary.to_string_lossy() }));
        // tauri-driver listens before the WebKitWebDriver behind it is ready: a refused first
        // session ("did not respond") is retried for a few seconds; any other error is final.
        let url = format!("http://127.0.0.1:{}", self.port);
        let deadline = Instant::now() + Duration::from_secs(10);
        let client = loop {
            match fantoccini::ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if e.to_string().contains("did not respond") && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("could not launch the app through tauri-driver: {e}"),
            }
        };
        App { client: Some(client), artifacts: artifacts_dir(&self.test) }
    }

    /// Kills the app process of this test with SIGKILL, as a crash or power cut would.
    pub fn kill_app(&self) {
        assert_eq!(self.kill_apps(), 1, "expected exactly one app process for this test");
    }

    /// Kills every app process this test started (found by its data directory); returns how many.
    fn kill_apps(&self) -> usize {
        self.app_pids()
            .into_iter()
            .filter(|pid| {
                Command::new("kill").args(["-KILL", &pid.to_string()]).status().is_ok_and(|s| s.success())
            })
            .count()
    }

    /// The app processes this test started (found by their data directory).
    pub fn app_pids(&self) -> Vec<u32> {
        let app = std::fs::canonicalize(app_binary()).expect("app path");
        let marker = format!("XDG_DATA_HOME={}", self.data.path().join("data").display());
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let exe = std::fs::read_link(entry.path().join("exe")).ok();
            let env = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            let ours = String::from_utf8_lossy(&env).split('\0').any(|kv| kv == marker);
            if exe.as_deref() == Some(app.as_path()) && ours {
                pids.push(pid);
            }
        }
        pids
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.finished.store(true, std::sync::atomic::Ordering::Relaxed);
        // An app whose driver went away first (a failed test) would otherwise be left running.
        let _ = self.kill_apps();
        // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would orphan it).
        let _ = Command::new("kill").args(["-TERM", &self.process.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn artifacts_dir(test: &str) -> PathBuf {
    target_dir().join("e2e-artifacts").join(test)
}

/// WebDriver's key codes.
pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const SPACE: char = '\u{E00D}';
/// The most Tab presses [`App::tab_to`] tries before giving up.
pub const MAX_TABS: usize = 200;

/// The running app's window.
#[derive(Debug)]
pub struct App {
    client: Option<Client>,
    artifacts: PathBuf,
}

impl App {
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the app is running")
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}` appeared: {e}"))
    }

    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.centre(&el, css).await;
        el.click().await.unwrap_or_else(|e| panic!("could not click `{css}`: {e}"));
    }

    /// Scrolls `el` to the middle of the window, as a user would before using it: at the edge,
    /// a sticky table header can lie over it and take the click.
    async fn centre(&self, el: &fantoccini::elements::Element, css: &str) {
        let arg = serde_json::to_value(el).unwrap_or_else(|e| panic!("element `{css}`: {e}"));
        self.client()
            .execute("arguments[0].scrollIntoView({ block: 'center' });", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("could not scroll to `{css}`: {e}"));
    }

    /// Types `text` into the input `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        // WebDriver's clear fires no `input` event in WebKit: empty the field as a user's
        // deletion would, so the page sees it.
        let arg = serde_json::to_value(&el).unwrap_or_else(|e| panic!("element `{css}`: {e}"));
        self.client()
            .execute(
                "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![arg],
            )
            .await
            .unwrap_or_else(|e| panic!("could not clear `{css}`: {e}"));
        if !text.is_empty() {
            el.send_keys(text).await.unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
        }
    }

    /// Puts `text` into the field `css` at once, as pasting does (typing cannot enter line
    /// breaks into a textarea through WebDriver).
    pub async fn paste_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).unwrap_or_else(|e| panic!("element `{css}`: {e}"));
        self.client()
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![arg, serde_json::Value::String(text.to_owned())],
            )
            .await
            .unwrap_or_else(|e| panic!("could not paste into `{css}`: {e}"));
    }

    /// Runs axe-core (the npm package, installed by scripts/setup) on the page as it is, and
    /// returns its serious and critical violations as "rule (impact): help, N elements: selectors".
    pub async fn accessibility_problems(&self) -> Vec<String> {
        let root = Command::new("npm").args(["root", "--global"]).output().expect("npm runs");
        let root = String::from_utf8_lossy(&root.stdout).trim().to_owned();
        let path = Path::new(&root).join("axe-core").join("axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("axe-core is not installed at {} ({e}): run scripts/setup", path.display())
        });
        // WebDriver's scripts are not subject to the page's CSP, so axe can be loaded this way
        // without weakening the app's policy.
        self.client()
            .execute(&format!("{source}\n;window.axe = axe; return true;"), vec![])
            .await
            .unwrap_or_else(|e| panic!("axe-core did not load: {e}"));
        let found = self
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v =>
                     `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} elements: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`)
                 )).catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        serde_json::from_value(found).unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_default()
    }

    /// Waits until the text of `css` contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.client().find(Locator::Css(css)).await {
                let text = el.text().await.unwrap_or_default();
                if text.contains(expected) {
                    return text;
                }
                if start.elapsed() > PATIENCE {
                    panic!("`{css}` says {text:?}, expected it to contain {expected:?}");
                }
            } else if start.elapsed() > PATIENCE {
                panic!("no element `{css}` appeared while waiting for {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The values of attribute `attr` of every element matching `css`, in document order.
    pub async fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client().find_all(Locator::Css(css)).await.unwrap_or_default() {
            out.push(el.attr(attr).await.ok().flatten().unwrap_or_default());
        }
        out
    }

    /// Chooses the option with `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let el = self.find(css).await;
        self.centre(&el, css).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("could not choose {value:?} in `{css}`: {e}"));
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client().find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, n: usize) {
        let start = Instant::now();
        loop {
            let found = self.count(css).await;
            if found == n {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("{found} elements match `{css}`, expected {n}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses and releases `key` on the keyboard (a character, or a WebDriver key code such
    /// as [`TAB`]), as a person would: it goes to whatever has the focus.
    pub async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let keys = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client().perform_actions(keys).await.unwrap_or_else(|e| panic!("key {key:?}: {e}"));
    }

    /// Types `text` into whatever has the focus, key by key.
    pub async fn type_keys(&self, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut keys = KeyActions::new("keyboard".to_owned());
        for c in text.chars() {
            keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        self.client().perform_actions(keys).await.unwrap_or_else(|e| panic!("typing {text:?}: {e}"));
    }

    /// Presses Tab until the element matching `css` has the focus (at most [`MAX_TABS`]
    /// times), proving it can be reached with the keyboard alone, and checks that the focus
    /// can be seen (an outline or a shadow).
    pub async fn tab_to(&self, css: &str) {
        let probe = format!(
            "const e = document.activeElement; if (!e || !e.matches({css:?})) return null;
             const s = getComputedStyle(e);
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';"
        );
        for _ in 0..MAX_TABS {
            match self.eval(&probe).await {
                serde_json::Value::Bool(visible) => {
                    assert!(visible, "{css} has the focus but nothing shows it");
                    return;
                }
                _ => self.press(TAB).await,
            }
        }
        self.screenshot("keyboard-failure.png").await;
        panic!("{css} could not be reached with Tab in {MAX_TABS} presses");
    }

    /// Tabs to the element matching `css` (see [`App::tab_to`]) and presses Enter on it.
    pub async fn enter_on(&self, css: &str) {
        self.tab_to(css).await;
        self.press(ENTER).await;
    }

    /// Tabs to the breadcrumb back to the child's page and presses Enter.
    pub async fn back_to_child_by_keyboard(&self) {
        self.enter_on("#back-to-child").await;
        self.find("#child-name").await;
    }

    /// Waits until the element matching `css` has the keyboard focus.
    pub async fn wait_for_focus(&self, css: &str) {
        let probe = format!("const e = document.activeElement; return !!e && e.matches({css:?});");
        let start = Instant::now();
        while self.eval(&probe).await != serde_json::Value::Bool(true) {
            if start.elapsed() > PATIENCE {
                let now = self
                    .eval("const e = document.activeElement; return e ? e.outerHTML.slice(0, 120) : '';")
                    .await;
                panic!("{css} never took the focus; it is on {now}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The current value of the input, select or textarea `css`.
    pub async fn value(&self, css: &str) -> String {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).unwrap_or_else(|e| panic!("element `{css}`: {e}"));
        let value = self
            .client()
            .execute("return arguments[0].value;", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("could not read `{css}`: {e}"));
        value.as_str().unwrap_or_default().to_owned()
    }

    /// How far apart (in CSS pixels) the middles of the elements `a` and `b` are, up and down
    /// and across: "beside" is close in both.
    pub async fn distance(&self, a: &str, b: &str) -> (f64, f64) {
        let (ea, eb) = (self.find(a).await, self.find(b).await);
        let args = vec![serde_json::to_value(&ea).unwrap(), serde_json::to_value(&eb).unwrap()];
        let d = self
            .client()
            .execute(
                "const [a, b] = [arguments[0].getBoundingClientRect(), arguments[1].getBoundingClientRect()];
                 return [Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2),
                         Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2)];",
                args,
            )
            .await
            .unwrap_or_else(|e| panic!("could not measure `{a}` and `{b}`: {e}"));
        let n = |i: usize| d.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::MAX);
        (n(0), n(1))
    }

    /// Every visible input, select and textarea on the page without a `<label>` of its own that
    /// says something, described by its id (or its HTML when it has none).
    pub async fn unlabelled_controls(&self) -> Vec<String> {
        let found = self
            .eval(
                "return [...document.querySelectorAll('input, select, textarea')]
                   .filter(e => e.type !== 'hidden' && e.getClientRects().length > 0)
                   .filter(e => ![...(e.labels || [])].some(l => l.textContent.trim() !== ''))
                   .map(e => e.id ? '#' + e.id : e.outerHTML.slice(0, 100));",
            )
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Runs a script in the page and returns its result.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client().execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Saves a screenshot of the window into the test's artifacts directory.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // WebKitWebDriver returns the last frame painted, which can be from before the change a
        // test has just waited for: two animation frames make sure that change is on screen.
        let _ = self
            .client()
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        let png = self.client().screenshot().await.unwrap_or_else(|e| panic!("screenshot failed: {e}"));
        std::fs::create_dir_all(&self.artifacts).expect("artifacts directory");
        let path = self.artifacts.join(name);
        std::fs::write(&path, png).expect("screenshot written");
        path
    }

    /// Closes the window (ends the WebDriver session, which ends the app).
    pub async fn quit(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }

    /// Ends the session after the app was killed: the driver still counts it as active until
    /// it is deleted (the error from the dead browser is expected and ignored).
    pub async fn abandon(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // Grab the whole X screen synchronously (WebDriver calls are async and cannot run here).
            let _ = std::fs::create_dir_all(&self.artifacts);
            let shot = self.artifacts.join("failure.png");
            let taken = Command::new("import")
                .args(["-window", "root", &shot.to_string_lossy()])
                .env("DISPLAY", display())
                .status()
                .is_ok_and(|s| s.success());
            if taken {
                eprintln!("screenshot of the failure: {}", shot.display());
            }
        }
    }
}

/// Opens the test's database directly to check what was really saved (read-write, so that
/// SQLite can recover the write-ahead log after a crash, exactly as the app would).
pub fn open_db(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .unwrap_or_else(|e| panic!("could not open {}: {e}", path.display()));
    conn.pragma_update(None, "key", PASSPHRASE).unwrap_or_else(|e| panic!("could not unlock: {e}"));
    conn
}
