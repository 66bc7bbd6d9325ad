//! The desktop shell: the window, its security settings, and the commands it may call
//! (`commands.rs`, served from the contract's one table in `ardesk-dto`; `shell.rs` for those
//! that open a dialog). No business rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod shell;

/// Keeps the window on the app's own pages: neither a link nor a script can take it to a web
/// page, where a foreign origin would sit in the app's window. Only the app's exact origin
/// passes (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows),
/// and, in debug builds only, Trunk's dev server (`http://localhost:1420`).
fn navigation_guard<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard").on_navigation(|_, url| is_own_origin(url)).build()
}

fn is_own_origin(url: &tauri::Url) -> bool {
    let (scheme, host, port) = (url.scheme(), url.host_str(), url.port());
    (scheme == "tauri" && host == Some("localhost") && port.is_none())
        || (matches!(scheme, "http" | "https") && host == Some("tauri.localhost") && port.is_none())
        || (cfg!(debug_assertions) && scheme == "http" && host == Some("localhost") && port == Some(1420))
}

/// On Linux, keeps no resource caches in WebKitGTK: the app's pages come from the binary, so
/// a cache only holds memory (the window benchmark in docs/quality.md).
///
/// Turning GPU compositing off as well (hardware acceleration policy "never") saved about
/// 100 MB more, but set at run time, after the page had started, it made WebKitWebDriver's
/// screenshots hang now and then, so it is not done.
#[cfg(target_os = "linux")]
fn lean_webview(window: &tauri::WebviewWindow) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

fn main() {
    let result = tauri::Builder::default()
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
                lean_webview(&window);
            }
            #[cfg(not(target_os = "linux"))]
            let _ = app;
            Ok(())
        })
        .plugin(navigation_guard())
        .manage(commands::Backend::open())
        .manage(shell::ExportProgress::default())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        let message = format!("Annual Review Desk could not start: {e}");
        eprintln!("{message}");
        // A Windows release build has no console: the message is shown where it can be seen.
        #[cfg(windows)]
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Annual Review Desk")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
        std::process::exit(1);
    }
}

/// Every command is named once, in the contract's table. The build script makes a permission
/// for each and writes the window's capability from the same table; this test holds the
/// checked-in capability file to it.
#[cfg(test)]
mod tests {
    fn quoted(text: &str) -> Vec<String> {
        text.split('"').skip(1).step_by(2).map(str::to_owned).collect()
    }

    #[test]
    fn the_window_is_granted_exactly_the_commands_of_the_table() {
        let caps = include_str!("../capabilities/default.json");
        let perms = caps.split("\"permissions\"").nth(1).unwrap_or("");
        let mut permitted: Vec<String> = quoted(perms)
            .into_iter()
            .filter_map(|p| p.strip_prefix("allow-").map(|c| c.replace('-', "_")))
            .collect();
        permitted.sort();
        let mut table: Vec<String> = ardesk_dto::commands::NAMES.iter().map(|n| (*n).to_owned()).collect();
        table.sort();
        assert!(permitted.len() > 40, "{permitted:?}");
        assert_eq!(permitted, table, "capabilities/default.json (the build writes it from the table)");
    }

    #[test]
    fn only_the_app_s_own_origin_is_allowed() {
        let allowed = |u: &str| tauri::Url::parse(u).is_ok_and(|url| super::is_own_origin(&url));
        assert!(allowed("tauri://localhost/index.html"));
        assert!(allowed("http://tauri.localhost/"));
        for foreign in [
            "tauri://localhost.evil.example/",
            "tauri://evil.example/",
            "http://tauri.localhost:8080/",
            "https://tauri.localhost.evil.example/",
            "http://localhost:8000/",
            "file:///etc/passwd",
            "https://example.org/",
        ] {
            assert!(!allowed(foreign), "{foreign}");
        }
    }
}
