//! The Debian package that `scripts/package --debug` builds (scripts/test builds it before the
//! tests): its control data and contents as `dpkg-deb` reads them, its desktop entry and AppStream
//! metadata as `desktop-file-validate` and `appstreamcli` judge them, the packaged CLI, and the
//! packaged app, extracted (not installed system-wide), started from its desktop entry's command
//! under Xvfb to its first screen.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use ardesk_e2e::{Driver, target_dir};

fn the_package() -> PathBuf {
    let folder = target_dir().join("debug/bundle/deb");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|d| {
            d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "deb")).collect()
        })
        .unwrap_or_default();
    assert_eq!(debs.len(), 1, "one package in {} (build it with scripts/package --debug)", folder.display());
    debs.swap_remove(0)
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not run ({e}): run scripts/setup"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn field(deb: &Path, name: &str) -> String {
    let (ok, text) = run("dpkg-deb", &["--field", &deb.to_string_lossy(), name]);
    assert!(ok, "{text}");
    text.trim().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_debian_package_holds_the_app_and_starts_from_its_menu_entry() {
    let deb = the_package();
    // Control data.
    assert_eq!(field(&deb, "Package"), "annual-review-desk");
    assert_eq!(field(&deb, "Version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(field(&deb, "Section"), "education");
    let depends = field(&deb, "Depends");
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libdbus-1-3"] {
        assert!(depends.split(", ").any(|d| d.starts_with(needed)), "Depends lacks {needed}: {depends}");
    }
    // Contents: both programs, the desktop entry, the metadata, an icon at every size.
    let (ok, listing) = run("dpkg-deb", &["--contents", &deb.to_string_lossy()]);
    assert!(ok, "{listing}");
    let mut expected = vec![
        " usr/bin/annual-review-desk".to_owned(),
        " usr/bin/ardesk".to_owned(),
        " usr/share/applications/annual-review-desk.desktop".to_owned(),
        " usr/share/metainfo/annual-review-desk.metainfo.xml".to_owned(),
    ];
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        expected.push(format!(" usr/share/icons/hicolor/{size}x{size}/apps/annual-review-desk.png"));
    }
    for path in &expected {
        assert!(
            listing.lines().any(|l| l.ends_with(path.as_str())),
            "{path} is not in the package:\n{listing}"
        );
    }

    let root = tempfile::tempdir().unwrap();
    let (ok, text) = run("dpkg-deb", &["--extract", &deb.to_string_lossy(), &root.path().to_string_lossy()]);
    assert!(ok, "{text}");
    let desktop = root.path().join("usr/share/applications/annual-review-desk.desktop");
    let (ok, text) = run("desktop-file-validate", &[&desktop.to_string_lossy()]);
    assert!(ok && text.trim().is_empty(), "desktop-file-validate: {text}");
    let entry = std::fs::read_to_string(&desktop).unwrap();
    assert!(entry.lines().any(|l| l == "Name=Annual Review Desk"), "{entry}");
    assert!(entry.lines().any(|l| l.starts_with("Categories=") && l.contains("Education;")), "{entry}");
    let metainfo = root.path().join("usr/share/metainfo/annual-review-desk.metainfo.xml");
    let (ok, text) = run("appstreamcli", &["validate", "--no-net", &metainfo.to_string_lossy()]);
    assert!(ok, "appstreamcli: {text}");

    // The packaged CLI runs.
    let (ok, text) = run(&root.path().join("usr/bin/ardesk").to_string_lossy(), &["--help"]);
    assert!(ok && text.contains("Usage"), "{text}");

    // The menu entry's command — `env VAR=value… annual-review-desk` — run as the desktop runs
    // it: the variables set, the program found in the extracted /usr/bin.
    let exec = entry.lines().find_map(|l| l.strip_prefix("Exec=")).expect("an Exec line").trim();
    let words: Vec<&str> = exec.split_whitespace().collect();
    let (program, settings) = match words.split_first() {
        Some((&"env", rest)) => rest.split_last().expect("env names a program"),
        _ => words.split_last().expect("a program"),
    };
    let env: Vec<(&str, &str)> = settings.iter().filter_map(|s| s.split_once('=')).collect();
    assert_eq!(env.len(), settings.len(), "{exec}");
    let app = Driver::start_with_env("the_debian_package_holds_the_app_and_starts_from_its_menu_entry", &env);
    let window = app.launch_binary(&root.path().join("usr/bin").join(program)).await;
    window.wait_for_text("#welcome", "Welcome").await;
    window.find("#s-name").await;
    window.quit().await;
}
