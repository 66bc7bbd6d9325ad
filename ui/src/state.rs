//! The state every screen shares: which screen the window shows, what the header knows, and
//! the status line. Screens, widgets and the shell all use it; it uses none of them.

use ardesk_dto::commands;
use ardesk_dto::{AppInfo, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Screen {
    Caseload,
    Child(i64),
    NewChild,
    EditChild(i64),
    Settings,
    /// "Before the meeting" for review `.0` of child `.1`.
    Prep(i64, i64),
    /// The AR1 record of review `.0` of child `.1`.
    Ar1(i64, i64),
    /// The proposed amendments of review `.0` of child `.1`.
    Amendments(i64, i64),
    /// Sending review `.0` of child `.1` to the LA.
    Bundle(i64, i64),
    /// Checking a bundle received (for LA officers).
    Verify,
    /// Importing pupils from the school's MIS.
    ImportPupils,
    /// The user guide.
    Help,
}

/// State shared by every screen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub(crate) screen: RwSignal<Screen>,
    pub(crate) info: RwSignal<Option<Result<AppInfo, ErrorDto>>>,
    /// The acknowledgement of a change of screen ("Saved Robin Testcase.") in the status line;
    /// an action that stays on its screen is confirmed beside its control instead.
    pub(crate) status: RwSignal<Option<String>>,
}

impl Ctx {
    pub(crate) fn refresh_info(self) {
        spawn_local(async move { self.info.set(Some(ipc::call(commands::AppInfo {}).await)) });
    }

    pub(crate) fn go(self, screen: Screen) {
        self.status.set(None);
        self.screen.set(screen);
    }

    pub(crate) fn go_with_status(self, screen: Screen, status: String) {
        self.screen.set(screen);
        self.status.set(Some(status));
    }
}

pub(crate) fn ctx() -> Ctx {
    expect_context::<Ctx>()
}
