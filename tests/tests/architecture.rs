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
    ("ardesk-intake", &[]),
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

#[test]
fn only_the_store_contains_sql() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for dir in
        ["crates/domain/src", "crates/app/src", "crates/cli/src", "crates/dto/src", "src-tauri/src", "ui/src"]
    {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for keyword in ["SELECT ", "INSERT INTO", "UPDATE child", "DELETE FROM", "CREATE TABLE"] {
                assert!(
                    !text.contains(keyword),
                    "{} contains SQL ({keyword}): SQL lives in crates/store",
                    entry.path().display()
                );
            }
        }
    }
}
