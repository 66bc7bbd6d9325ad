//! Tauri's build step. Tauri generates an `allow-…` permission for each command of the
//! contract's table (`ardesk_dto::commands::NAMES`), and `capabilities/default.json` is written
//! from the same table, so the window is granted exactly those.

use ardesk_dto::commands::NAMES as COMMANDS;

/// The window's capability: exactly the commands of the table. Written only when it changes,
/// so that a build leaves the file alone when the table has not changed.
fn write_capability() -> Result<(), String> {
    let permissions: Vec<String> =
        COMMANDS.iter().map(|c| format!("    \"allow-{}\"", c.replace('_', "-"))).collect();
    let text = format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"default\",\n  \
         \"description\": \"The main window may call Annual Review Desk's own commands, and nothing else: no \
         file-system, shell or network access. Written by build.rs from the command table in crates/dto.\",\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    );
    let path = std::path::Path::new("capabilities/default.json");
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn main() {
    if let Err(e) = write_capability() {
        println!("cargo::error={e}");
    }
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri build step failed: {e:#}");
    }
}
