//! The window's shell: the header, the status line, and the choice of screen for the main area.

use ardesk_dto::{ErrorDto, commands};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::{
    AmendmentsPage, Ar1Page, BundlePage, Caseload, ChildFormPage, ChildPage, FirstRun, HelpPage,
    ImportPupilsPage, PrepPage, Settings, VerifyPage,
};
use crate::state::{Ctx, Screen};
use crate::widgets::{ErrorPanel, Form};

/// What the main area needs to know to pick a screen.
#[derive(Debug, Clone, PartialEq)]
enum ViewState {
    Loading,
    Failed(ErrorDto),
    Ready { empty: bool, las: Vec<ardesk_dto::LaOption> },
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
    // The list of LAs counts only on the screens that offer it, so that adding an LA (in
    // Settings, or on the first day) does not remount the page it was added on.
    let view_state = Memo::new(move |_| match ctx.info.get() {
        None => ViewState::Loading,
        Some(Err(e)) => ViewState::Failed(e),
        Some(Ok(i)) => {
            let empty = i.child_count == 0;
            let offers_las = match ctx.screen.get() {
                Screen::Caseload => !empty,
                Screen::ImportPupils | Screen::NewChild | Screen::EditChild(_) => true,
                _ => false,
            };
            ViewState::Ready { empty, las: if offers_las { i.las } else { Vec::new() } }
        }
    });
    view! {
        <header class="app-header">
            <h1>"Annual Review Desk"</h1>
            <p class="school">{school}</p>
            <nav class="app-nav" aria-label="Main">
                <button id="nav-caseload" class="nav" on:click=move |_| ctx.go(Screen::Caseload)>"Caseload"</button>
                <button id="nav-verify" class="nav" title="For the LA: check the reviews schools sent" on:click=move |_| ctx.go(Screen::Verify)>"Received reviews"</button>
                <button id="nav-settings" class="nav" on:click=move |_| ctx.go(Screen::Settings)>"Settings"</button>
                <button id="nav-help" class="nav" on:click=move |_| ctx.go(Screen::Help)>"Help"</button>
            </nav>
        </header>
        <AtRest />
        <p id="status" class="status" role="status" aria-live="polite">
            {move || ctx.status.get().map(|s| view! { <span class="tick" aria-hidden="true">"✓ "</span>{s} })}
        </p>
        <main id="main">
            {move || match (view_state.get(), ctx.screen.get()) {
                // The guide is there whatever state the caseload is in (locked, say).
                (_, Screen::Help) => view! { <HelpPage /> }.into_any(),
                (ViewState::Loading, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
                (ViewState::Failed(error), _) if error.code == ardesk_dto::ErrorCode::Locked => {
                    view! { <Unlock /> }.into_any()
                }
                (ViewState::Failed(error), _) if error.code == ardesk_dto::ErrorCode::NeedsPassphrase => {
                    view! { <ChoosePassphrase /> }.into_any()
                }
                (ViewState::Failed(error), _) => view! { <ErrorPanel error /> }.into_any(),
                (ViewState::Ready { empty: true, .. }, Screen::Caseload) => view! { <FirstRun /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::Caseload) => view! { <Caseload las /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Settings) => view! { <Settings /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Prep(review, child)) => view! { <PrepPage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Ar1(review, child)) => view! { <Ar1Page review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Bundle(review, child)) => view! { <BundlePage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Verify) => view! { <VerifyPage /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::ImportPupils) => view! { <ImportPupilsPage las /> }.into_any(),
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

/// How the caseload is kept at rest: a new caseload's recovery passphrase, shown until the user
/// says it is written down, and never again; or that the caseload is not encrypted.
#[component]
fn AtRest() -> impl IntoView {
    let ctx = crate::state::ctx();
    let info = move || ctx.info.get().and_then(Result::ok);
    let noted = move |_| {
        spawn_local(async move {
            if ipc::call(commands::RecoveryNoted {}).await.is_ok() {
                ctx.refresh_info();
            }
        });
    };
    // Encrypting a caseload from before encryption: what it did goes to the status line, and the
    // recovery passphrase (if a new one was made) is shown as for a new caseload.
    let encrypting = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let encrypt = move |_| {
        encrypting.set(true);
        spawn_local(async move {
            match ipc::call(commands::EncryptDatabase {}).await {
                Ok(said) => {
                    refused.set(None);
                    ctx.status.set(Some(said));
                    ctx.refresh_info();
                }
                Err(e) => refused.set(Some(e.message)),
            }
            encrypting.set(false);
        });
    };
    move || {
        let info = info()?;
        Some(match info.recovery_passphrase {
            Some(passphrase) => view! {
                <section id="recovery" class="at-rest" role="alert" aria-labelledby="recovery-title">
                    <h2 id="recovery-title">"Write down your recovery passphrase"</h2>
                    <p>
                        "Your caseload is encrypted. This computer keeps its key, so it opens here without asking. "
                        "To open it on another computer, or if this computer's saved passwords are lost, you need this passphrase. "
                        "It is shown only now: write it down and keep it somewhere safe, away from this computer."
                    </p>
                    <p class="passphrase"><code id="recovery-passphrase">{passphrase}</code></p>
                    <button id="recovery-noted" class="primary" on:click=noted>"I have written it down"</button>
                </section>
            }
            .into_any(),
            None if !info.encrypted => view! {
                <div id="not-encrypted" class="at-rest warning" role="note">
                    <p>
                        "This caseload is not encrypted: it was made before Annual Review Desk encrypted caseloads. "
                        "Keep this computer's disk encrypted (BitLocker, FileVault) until it is."
                    </p>
                    <button id="encrypt-now" class="primary" on:click=encrypt disabled=move || encrypting.get()>
                        "Encrypt it now"
                    </button>
                    <span id="encrypt-problem" class="field-error" role="alert">{move || refused.get()}</span>
                </div>
            }
            .into_any(),
            None => return None,
        })
    }
}

/// A caseload this computer has no key for (another computer's, or its saved passwords lost):
/// why it did not open, and the recovery passphrase typed to open it. The backend's message is
/// written for the command line (it names ARDESK_PASSPHRASE), so the window says it its own way.
#[component]
fn Unlock() -> impl IntoView {
    let ctx = crate::state::ctx();
    let typed = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    let unlock = move || send_passphrase(ctx, typed.get_untracked(), None, refused);
    view! {
        <section id="unlock" class="panel" aria-labelledby="unlock-h">
            <h2 id="unlock-h">"Open the encrypted caseload"</h2>
            <p id="unlock-why">
                "This caseload is encrypted, and this computer does not hold its key: it was made on another computer, "
                "or this computer's saved passwords were lost or never kept. Type its passphrase to open it."
            </p>
            <Form id="unlock-form" on_submit=unlock>
                <div class="field">
                    <label for="unlock-passphrase">"Recovery passphrase"</label>
                    <PassphraseInput id="unlock-passphrase" autocomplete="off" problem="unlock-problem" value=typed refused />
                    <span id="unlock-problem" class="field-error" role="alert">{move || refused.get()}</span>
                </div>
                <button id="unlock-open" type="submit" class="primary">"Open"</button>
            </Form>
            <p class="hint">"The passphrase shown once when the caseload was made, or the one you chose for it. Once it opens, this computer keeps it, where it has a place to keep passwords."</p>
        </section>
    }
}

/// A passphrase field: what is typed goes to `value`, and typing clears the refusal shown in
/// the element `problem`.
#[component]
fn PassphraseInput(
    id: &'static str,
    autocomplete: &'static str,
    problem: &'static str,
    value: RwSignal<String>,
    refused: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <input id=id type="password" autocomplete=autocomplete aria-describedby=problem
            on:input=move |ev| { value.set(event_target_value(&ev)); refused.set(None); } />
    }
}

/// Sends a typed passphrase (with its second typing when one is being chosen): the caseload
/// opens, or why not is shown in `refused`.
fn send_passphrase(ctx: Ctx, passphrase: String, again: Option<String>, refused: RwSignal<Option<String>>) {
    spawn_local(async move {
        match ipc::call(commands::Unlock { passphrase, again }).await {
            Ok(info) => ctx.info.set(Some(Ok(info))),
            Err(e) => refused.set(Some(e.message)),
        }
    });
}

/// A new caseload on a computer with no place to keep passwords (no credential store): its
/// passphrase is chosen here, typed twice, and asked for at each start.
#[component]
fn ChoosePassphrase() -> impl IntoView {
    let ctx = crate::state::ctx();
    let typed = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    let choose = move || send_passphrase(ctx, typed.get_untracked(), Some(again.get_untracked()), refused);
    view! {
        <section id="choose" class="panel" aria-labelledby="choose-h">
            <h2 id="choose-h">"Choose a passphrase for your caseload"</h2>
            <p id="choose-why">
                "Annual Review Desk encrypts the caseload. This computer has no place to keep passwords, "
                "so the caseload's passphrase is yours to choose, and it is asked for each time the app starts. "
                "Write it down and keep it somewhere safe: without it the caseload cannot be opened, by you or by anyone."
            </p>
            <Form id="choose-form" on_submit=choose>
                <div class="field">
                    <label for="choose-passphrase">"Passphrase (at least 12 characters: a few words you will remember)"</label>
                    <PassphraseInput id="choose-passphrase" autocomplete="new-password" problem="choose-problem" value=typed refused />
                </div>
                <div class="field">
                    <label for="choose-again">"The same passphrase again"</label>
                    <PassphraseInput id="choose-again" autocomplete="new-password" problem="choose-problem" value=again refused />
                    <span id="choose-problem" class="field-error" role="alert">{move || refused.get()}</span>
                </div>
                <button id="choose-create" type="submit" class="primary">"Make the caseload"</button>
            </Form>
        </section>
    }
}
