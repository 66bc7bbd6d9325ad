//! The desktop shell. Each command takes plain values or IDs (never paths), makes one
//! `ardesk_app::App` call and maps the result to the DTO contract. No business rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Mutex;

use ardesk_app::{App, AppError, SystemClock};
use ardesk_dto::{AppInfo, ChildDetail, ChildForm, ChildSummary, ErrorCode, ErrorDto, Saved};
use tauri::State;

/// The open caseload, or why it could not be opened (shown in the window instead of crashing).
struct Backend(Mutex<Result<App, ErrorDto>>);

impl Backend {
    fn open() -> Backend {
        let app = ardesk_app::default_db_path()
            .and_then(|path| App::open(&path, Box::new(SystemClock), ardesk_app::os_user()))
            .map_err(ErrorDto::from);
        Backend(Mutex::new(app))
    }

    fn with<T>(&self, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> Result<T, ErrorDto> {
        let mut guard = self.0.lock().map_err(|_| ErrorDto {
            code: ErrorCode::Unavailable,
            message: "Annual Review Desk hit an internal error. Restart it: everything saved is safe."
                .to_owned(),
            problems: Vec::new(),
        })?;
        match guard.as_mut() {
            Ok(app) => f(app).map_err(ErrorDto::from),
            Err(e) => Err(e.clone()),
        }
    }
}

#[tauri::command(async)]
fn app_info(backend: State<'_, Backend>) -> Result<AppInfo, ErrorDto> {
    backend.with(|app| app.info())
}

#[tauri::command(async)]
fn load_demo(backend: State<'_, Backend>) -> Result<usize, ErrorDto> {
    backend.with(|app| app.load_demo(ardesk_app::DEMO_SIZE))
}

#[tauri::command(async)]
fn list_children(backend: State<'_, Backend>) -> Result<Vec<ChildSummary>, ErrorDto> {
    backend.with(|app| app.children())
}

#[tauri::command(async)]
fn get_child(backend: State<'_, Backend>, id: i64) -> Result<ChildDetail, ErrorDto> {
    backend.with(|app| app.child(id))
}

#[tauri::command(async)]
fn new_child_form(backend: State<'_, Backend>) -> Result<ChildForm, ErrorDto> {
    backend.with(|app| Ok(app.new_child_form()))
}

#[tauri::command(async)]
fn create_child(backend: State<'_, Backend>, form: ChildForm) -> Result<Saved, ErrorDto> {
    backend.with(|app| app.create_child(form))
}

#[tauri::command(async)]
fn update_child(backend: State<'_, Backend>, id: i64, form: ChildForm) -> Result<Saved, ErrorDto> {
    backend.with(|app| app.update_child(id, form))
}

#[tauri::command(async)]
fn delete_child(backend: State<'_, Backend>, id: i64) -> Result<(), ErrorDto> {
    backend.with(|app| app.delete_child(id))
}

fn main() {
    let result = tauri::Builder::default()
        .manage(Backend::open())
        .invoke_handler(tauri::generate_handler![
            app_info,
            load_demo,
            list_children,
            get_child,
            new_child_form,
            create_child,
            update_child,
            delete_child,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Annual Review Desk could not start: {e}");
        std::process::exit(1);
    }
}
