//! The architecture, checked in code: dependency arrows point inwards only (see ARCHITECTURE.md).

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Each workspace crate and the workspace crates it may depend on (normal dependencies).
const ALLOWED: &[(&str, &[&str])] = &[
    ("ardesk-domain", &[]),
    ("ardesk-dto", &[]),
    ("ardesk-store", &["ardesk-domain"]),
    ("ardesk-documents", &["ardesk-domain"]),
    ("ardesk-intake", &["ardesk-domain"]),
    ("ardesk-app", &["ardesk-domain", "ardesk-store", "ardesk-dto", "ardesk-documents", "ardesk-intake"]),
    ("ardesk-cli", &["ardesk-app", "ardesk-dto", "ardesk-domain"]),
    ("annual-review-desk", &["ardesk-app", "ardesk-dto"]),
    ("ardesk-ui", &["ardesk-dto"]),
    ("ardesk-e2e", &[]),
];

/// Crates that must never appear in the pure core's dependencies (I/O, databases, UI).
const FORBIDDEN_IN_DOMAIN: &[&str] = &["rusqlite", "tauri", "leptos", "dirs", "tokio"];

fn metadata() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn dependency_arrows_point_inwards() {
    let meta = metadata();
    let members: BTreeSet<String> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"].is_null())
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for name in &members {
        assert!(
            allowed.contains_key(name.as_str()),
            "new crate {name}: add it to ALLOWED and ARCHITECTURE.md"
        );
    }
    for package in meta["packages"].as_array().unwrap().iter().filter(|p| p["source"].is_null()) {
        let name = package["name"].as_str().unwrap();
        for dep in package["dependencies"].as_array().unwrap() {
            let dep_name = dep["name"].as_str().unwrap();
            let normal = dep["kind"].is_null();
            if members.contains(dep_name) && normal {
                assert!(allowed[name].contains(&dep_name), "{name} must not depend on {dep_name}");
            }
            if name == "ardesk-domain" && normal {
                assert!(
                    !FORBIDDEN_IN_DOMAIN.contains(&dep_name),
                    "the pure core must not depend on {dep_name}"
                );
            }
        }
    }
}

/// Every `.rs` file under `dir`, however deep.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The product's source folders (tests may open a database to inspect or damage it).
const PRODUCT_SOURCES: &[&str] = &[
    "crates/domain/src",
    "crates/dto/src",
    "crates/documents/src",
    "crates/intake/src",
    "crates/app/src",
    "crates/cli/src",
    "src-tauri/src",
    "ui/src",
];

/// What SQL looks like in Rust source: a statement's keywords together, or the SQLite crate.
fn sql_in(line: &str) -> Option<&'static str> {
    let has = |words: &[&str]| words.iter().all(|w| line.contains(w));
    [
        (&["SELECT ", " FROM "][..], "SELECT … FROM"),
        (&["INSERT INTO "][..], "INSERT INTO"),
        (&["UPDATE ", " SET "][..], "UPDATE … SET"),
        (&["DELETE FROM "][..], "DELETE FROM"),
        (&["CREATE TABLE"][..], "CREATE TABLE"),
        (&["CREATE INDEX"][..], "CREATE INDEX"),
        (&["ALTER TABLE"][..], "ALTER TABLE"),
        (&["DROP TABLE"][..], "DROP TABLE"),
        (&["PRAGMA "][..], "PRAGMA"),
        (&["rusqlite"][..], "rusqlite"),
    ]
    .into_iter()
    .find(|(words, _)| has(words))
    .map(|(_, what)| what)
}

#[test]
fn only_the_store_contains_sql() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let mut found = Vec::new();
    for dir in PRODUCT_SOURCES {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                if let Some(what) = sql_in(line) {
                    found.push(format!("{}:{}: {what}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "SQL lives in crates/store:\n{}", found.join("\n"));
    // The check finds what it is for.
    assert_eq!(sql_in(r#"conn.execute("UPDATE review SET stage = ?1", [])"#), Some("UPDATE … SET"));
    assert_eq!(sql_in(r#"let q = "SELECT id FROM child";"#), Some("SELECT … FROM"));
    assert_eq!(sql_in("/// Select the child from the list."), None);
}

/// The window talks to the backend through its typed client only: no other UI module reaches
/// for Tauri's JavaScript API, so the DTO contract is the whole of what crosses.
#[test]
fn only_the_ui_client_talks_to_the_backend() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let ui = root.join("ui/src");
    let mut found = Vec::new();
    for file in rust_files(&ui) {
        if file.ends_with("ipc.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for needle in ["__TAURI__", "tauri_invoke", "js_namespace"] {
            if text.contains(needle) {
                found.push(format!("{}: {needle}", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "only ui/src/ipc.rs may call the backend:\n{}", found.join("\n"));
}

/// The UI compiles to wasm and speaks only the DTO contract: none of its dependencies is a
/// backend crate.
#[test]
fn the_ui_depends_on_the_contract_only() {
    let meta = metadata();
    let ui = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "ardesk-ui")
        .expect("the ui package");
    for dep in ui["dependencies"].as_array().unwrap() {
        let name = dep["name"].as_str().unwrap();
        assert!(
            ![
                "rusqlite",
                "tauri",
                "ardesk-app",
                "ardesk-store",
                "ardesk-domain",
                "ardesk-documents",
                "ardesk-intake"
            ]
            .contains(&name),
            "the UI must not depend on {name}: it speaks ardesk-dto only"
        );
    }
}
