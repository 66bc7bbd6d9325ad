//! Native file dialogs. The backend opens them itself and keeps the chosen path: the webview
//! only ever learns a file name.
//!
//! Test seam, in debug builds only (a release build never reads them): when
//! `ARDESK_TEST_SAVE_DIR` is set, a save dialog is not shown and the suggested file name inside
//! that directory is used instead; with `ARDESK_TEST_OPEN_DIR` set, an open dialog answers with
//! the first file (by name) in that directory whose extension it accepts. The end-to-end tests
//! set them because a native dialog cannot be driven through WebDriver; they change where a file
//! goes, never what is written.

use std::path::PathBuf;

/// The test seam's folder named by `var`, in a debug build; never in a release build.
fn test_dir(var: &str) -> Option<std::ffi::OsString> {
    if cfg!(debug_assertions) { std::env::var_os(var) } else { None }
}

/// Asks where to save a file; `None` if the user cancelled.
pub fn save(title: &str, suggested_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = test_dir("ARDESK_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested_name));
    }
    let start = dirs_documents();
    let mut dialog =
        rfd::FileDialog::new().set_title(title).set_file_name(suggested_name).add_filter(filter.0, filter.1);
    if let Some(dir) = start {
        dialog = dialog.set_directory(dir);
    }
    dialog.save_file()
}

/// Asks for a folder to write into; `None` if the user cancelled.
pub fn pick_folder(title: &str) -> Option<PathBuf> {
    if let Some(dir) = test_dir("ARDESK_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let mut dialog = rfd::FileDialog::new().set_title(title);
    if let Some(dir) = dirs_documents() {
        dialog = dialog.set_directory(dir);
    }
    dialog.pick_folder()
}

/// Shows `path` in the system's file manager (not in tests, which have no desktop).
pub fn reveal(path: &std::path::Path) {
    if test_dir("ARDESK_TEST_SAVE_DIR").is_none() {
        // Failing to open a file manager is not worth an error: the files are written.
        let _ = opener::open(path);
    }
}

/// Asks which file to open; `None` if the user cancelled.
pub fn open(title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = test_dir("ARDESK_TEST_OPEN_DIR") {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).collect();
        files.sort();
        return files.into_iter().find(|f| {
            f.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| filter.1.iter().any(|x| x.eq_ignore_ascii_case(e)))
        });
    }
    rfd::FileDialog::new().set_title(title).add_filter(filter.0, filter.1).pick_file()
}

/// The user's Documents folder as the system names it (XDG user dirs, translated; Windows'
/// known folder, which may be redirected to OneDrive).
fn dirs_documents() -> Option<PathBuf> {
    dirs::document_dir().filter(|d| d.is_dir())
}
