//! The window's shell: which screen is showing, the state every screen shares, the header and
//! the status line, and the choice of screen for the main area.

use ardesk_dto::{AppInfo, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::{
    AmendmentsPage, Ar1Page, BundlePage, Caseload, ChildFormPage, ChildPage, FirstRun, PrepPage, Settings,
    VerifyPage,
};
use crate::widgets::ErrorPanel;

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
}

/// What the main area needs to know to pick a screen.
#[derive(Debug, Clone, PartialEq)]
enum ViewState {
    Loading,
    Failed(ErrorDto),
    Ready { empty: bool, las: Vec<ardesk_dto::LaOption> },
}

/// State shared by every screen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub(crate) screen: RwSignal<Screen>,
    pub(crate) info: RwSignal<Option<Result<AppInfo, ErrorDto>>>,
    /// The last acknowledgement ("Saved.") shown in the status line.
    pub(crate) status: RwSignal<Option<String>>,
}

impl Ctx {
    pub(crate) fn refresh_info(self) {
        spawn_local(async move { self.info.set(Some(ipc::app_info().await)) });
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

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx {
        screen: RwSignal::new(Screen::Caseload),
        info: RwSignal::new(None),
        status: RwSignal::new(None),
    };
    provide_context(ctx);
    ctx.refresh_info();

    let school = move || ctx.info.get().and_then(Result::ok).and_then(|i| i.school);
    // Only what the screens depend on: refreshing the info (after every save) must not remount
    // the screen the user is on unless one of these actually changed.
    let view_state = Memo::new(move |_| match ctx.info.get() {
        None => ViewState::Loading,
        Some(Err(e)) => ViewState::Failed(e),
        Some(Ok(i)) => ViewState::Ready { empty: i.child_count == 0, las: i.las },
    });
    view! {
        <header class="app-header">
            <h1>"Annual Review Desk"</h1>
            <p class="school">{school}</p>
            <nav class="app-nav" aria-label="Main">
                <button id="nav-caseload" class="nav" on:click=move |_| ctx.go(Screen::Caseload)>"Caseload"</button>
                <button id="nav-verify" class="nav" title="Check a bundle as the LA receives it" on:click=move |_| ctx.go(Screen::Verify)>"Open a received bundle"</button>
                <button id="nav-settings" class="nav" on:click=move |_| ctx.go(Screen::Settings)>"Settings"</button>
            </nav>
        </header>
        <p id="status" class="status" role="status" aria-live="polite">
            {move || ctx.status.get().map(|s| view! { <span class="tick" aria-hidden="true">"✓ "</span>{s} })}
        </p>
        <main id="main">
            {move || match (view_state.get(), ctx.screen.get()) {
                (ViewState::Loading, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
                (ViewState::Failed(error), _) => view! { <ErrorPanel error /> }.into_any(),
                (ViewState::Ready { empty: true, .. }, Screen::Caseload) => view! { <FirstRun /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::Caseload) => view! { <Caseload las /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Settings) => view! { <Settings /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Prep(review, child)) => view! { <PrepPage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Ar1(review, child)) => view! { <Ar1Page review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Bundle(review, child)) => view! { <BundlePage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Verify) => view! { <VerifyPage /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Amendments(review, child)) => {
                    view! { <AmendmentsPage review child /> }.into_any()
                }
                (ViewState::Ready { .. }, Screen::Child(id)) => view! { <ChildPage id /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::NewChild) => view! { <ChildFormPage id=None las /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::EditChild(id)) => {
                    view! { <ChildFormPage id=Some(id) las /> }.into_any()
                }
            }}
        </main>
    }
}
