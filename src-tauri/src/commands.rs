//! The commands the window may call, served from the contract's one table
//! (`ardesk_dto::with_commands!`): for each line a Tauri command of that name taking that
//! request. An `app` command calls `ardesk_app::window::<name>` under the backend's lock; a
//! `shell` command calls `shell::<name>`, which opens a dialog first or reads the shell's
//! state. No command takes a path from the webview.

use std::sync::Mutex;

use ardesk_app::{App, AppError, Passphrase, SystemClock, WindowClaim, keys};
use ardesk_dto::commands;
use ardesk_dto::{ErrorCode, ErrorDto};
use tauri::State;

use crate::shell;

/// The open caseload, or why it could not be opened (shown in the window instead of crashing),
/// and this window's claim on its database (no second window opens it).
pub struct Backend {
    app: Mutex<Result<App, ErrorDto>>,
    /// The database this window opens.
    path: Option<std::path::PathBuf>,
    /// Held, never read: dropping it lets another window open the database.
    _claim: Option<WindowClaim>,
}

/// The passphrase given in `ARDESK_PASSPHRASE` (a computer without a credential store), if any.
pub(crate) fn given_passphrase() -> Option<Passphrase> {
    std::env::var("ARDESK_PASSPHRASE").ok().and_then(|p| Passphrase::new(&p))
}

impl Backend {
    /// Opens the default database with the passphrase this computer's credential store keeps
    /// for it, or the one in `ARDESK_PASSPHRASE` (a computer without a credential store); a new
    /// database is created encrypted, and its recovery passphrase is shown once in the window.
    pub fn open() -> Backend {
        let given = given_passphrase();
        let (mut claim, mut db) = (None, None);
        let app = ardesk_app::default_db_path()
            .and_then(|path| {
                db = Some(path.clone());
                claim = Some(ardesk_app::claim_for_window(&path)?);
                keys::open(&path, Box::new(SystemClock), ardesk_app::os_user(), given, &keys::OsKeyring)
            })
            .map(|opened| {
                let mut app = opened.app;
                app.set_recovery_passphrase(opened.recovery);
                app
            })
            .map_err(ErrorDto::from);
        Backend { app: Mutex::new(app), path: db, _claim: claim }
    }

    /// Opens the locked database with the recovery passphrase the user typed, and keeps it in
    /// the credential store so that it opens without asking next time (where there is one).
    /// Only a database that could not be opened for want of its passphrase is opened this way.
    /// Where a new database could not be made for want of a credential store, it is made with
    /// the passphrase the user chose, typed twice (`again`).
    pub fn unlock(&self, typed: &str, again: Option<&str>) -> Result<ardesk_dto::AppInfo, ErrorDto> {
        let mut guard = self.app.lock().map_err(|_| ErrorDto {
            code: ErrorCode::Unavailable,
            message: "Annual Review Desk hit an internal error. Restart it.".to_owned(),
            problems: Vec::new(),
        })?;
        let waiting = guard.as_ref().err().map(|e| e.code);
        let (Some(path), Some(ErrorCode::Locked | ErrorCode::NeedsPassphrase)) =
            (self.path.as_ref(), waiting)
        else {
            return Err(ErrorDto::from(AppError::new(ErrorCode::Conflict, "The caseload is already open.")));
        };
        // A caseload made meanwhile (by the command line, say) is opened, not made again.
        let passphrase = if waiting == Some(ErrorCode::NeedsPassphrase) && !keys::is_made(path) {
            keys::chosen_passphrase(typed, again.unwrap_or_default()).map_err(ErrorDto::from)?
        } else {
            Passphrase::new(typed).ok_or_else(|| {
                ErrorDto::from(AppError::new(ErrorCode::Locked, "Type the recovery passphrase."))
            })?
        };
        let opened = keys::open(
            path,
            Box::new(SystemClock),
            ardesk_app::os_user(),
            Some(passphrase.clone()),
            &keys::OsKeyring,
        )
        .map_err(ErrorDto::from)?;
        // Kept for next time where a credential store answers; asked for again where none does.
        let _ = keys::KeyVault::put(&keys::OsKeyring, path, &passphrase);
        let info = opened.app.info().map_err(ErrorDto::from)?;
        *guard = Ok(opened.app);
        Ok(info)
    }

    /// Runs `f` on the app, holding the lock: one command at a time.
    pub fn with<T>(&self, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> Result<T, ErrorDto> {
        let mut guard = self.app.lock().map_err(|_| ErrorDto {
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

/// One Tauri command for one line of the table.
macro_rules! command {
    (app $name:ident $request:ident $response:ty) => {
        #[tauri::command(async)]
        pub fn $name(
            backend: State<'_, Backend>,
            request: commands::$request,
        ) -> Result<$response, ErrorDto> {
            backend.with(|app| ardesk_app::window::$name(app, request))
        }
    };
    (shell $name:ident $request:ident $response:ty) => {
        #[tauri::command(async)]
        pub fn $name(handle: tauri::AppHandle, request: commands::$request) -> Result<$response, ErrorDto> {
            shell::$name(&handle, request)
        }
    };
}

/// Every command of the table, and the handler that serves them.
macro_rules! serve {
    ($($kind:ident $name:ident : $request:ident { $($field:ident : $type:ty),* $(,)? } -> $response:ty;)*) => {
        $(command!($kind $name $request $response);)*

        /// Serves every command of the table.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

ardesk_dto::with_commands!(serve);
