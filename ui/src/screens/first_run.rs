//! The first day: an empty caseload. The window leads the SENCO through the school's details,
//! the LAs the school works with and the term dates, then the children (imported from the MIS,
//! added one by one, or the demo to explore first). Every step can be skipped and finished
//! later in Settings.

use ardesk_dto::ErrorDto;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::settings::{CalendarPanels, ProfilesPanel, SchoolPanel};
use crate::state::{Screen, ctx};
use crate::widgets::ErrorPanel;

/// The setting-up steps before the children, in order.
const STEPS: [(&str, &str); 3] = [
    ("The school's details", "Its name, address and URN head every letter; the SENCO signs them."),
    (
        "The LAs you work with",
        "Five LA profiles are shipped with their own forms and timings; any other English LA starts from the law's timings, and you can check and adjust it here or later in Settings.",
    ),
    ("Term dates", "So that a deadline falling in a holiday is flagged."),
];

#[component]
pub(crate) fn FirstRun() -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ErrorDto>);
    // The step open now (0 to 2), or none once the setting up is done or skipped.
    let step = RwSignal::new(Some(0_usize));
    let terms_set = RwSignal::new(false);
    let check_terms = move || {
        spawn_local(async move {
            if let Ok(c) = ipc::call(commands::CalendarSettings {}).await {
                terms_set.set(!c.terms.is_empty());
            }
        })
    };
    check_terms();
    let school_set = move || ctx.info.get().and_then(Result::ok).is_some_and(|i| i.school.is_some());
    let done = move |n: usize| match n {
        0 => school_set(),
        2 => terms_set.get(),
        _ => false,
    };
    let next = move |_| {
        check_terms();
        step.update(|s| *s = s.and_then(|n| (n + 1 < STEPS.len()).then_some(n + 1)));
    };
    let load = move |_| {
        busy.set(true);
        spawn_local(async move {
            match ipc::call(commands::LoadDemo {}).await {
                Ok(n) => {
                    ctx.refresh_info();
                    ctx.go_with_status(Screen::Caseload, format!("Demo caseload loaded: {n} children."));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let calendar_error = RwSignal::new(None::<ErrorDto>);

    view! {
        <section class="first-run" aria-labelledby="welcome">
            <h2 id="welcome">"Welcome to Annual Review Desk"</h2>
            <p>
                "Setting up takes a few minutes: the school, the LAs you work with and the term dates, then your "
                "children. Each step can be skipped and finished later in Settings."
            </p>
            <ol id="setup-steps" class="steps">
                {STEPS.iter().enumerate().map(|(n, (title, _))| view! {
                    <li aria-current=move || (step.get() == Some(n)).then_some("step")>
                        <button class="link" id=format!("setup-step-{n}") on:click=move |_| step.set(Some(n))>{*title}</button>
                        <span class="step-state">{move || if done(n) { " ✓ Done" } else { "" }}</span>
                    </li>
                }).collect_view()}
                <li><a href="#children-h">"Your children"</a></li>
            </ol>
            {move || step.get().and_then(|n| STEPS.get(n).map(|s| (n, *s))).map(|(n, (title, why))| {
                view! {
                    <section class="panel setup-step" id="setup-current" aria-label=title>
                        <h3>{format!("Step {} of {}: {title}", n + 1, STEPS.len() + 1)}</h3>
                        <p class="hint">{why}</p>
                        {match n {
                            0 => view! { <SchoolPanel /> }.into_any(),
                            1 => view! {
                                <p>
                                    "Each child is saved against the LA that maintains their plan. Add the LAs you work "
                                    "with from the list of every English LA, and check their address, how they want "
                                    "reviews sent, their forms and timings."
                                </p>
                                <ProfilesPanel />
                            }.into_any(),
                            _ => view! { <CalendarPanels error=calendar_error /> }.into_any(),
                        }}
                        {move || calendar_error.get().map(|error| view! { <ErrorPanel error /> })}
                        <div class="actions">
                            <button id="setup-next" class="primary" on:click=next>
                                {if n + 1 < STEPS.len() { "Next step" } else { "Done: on to the children" }}
                            </button>
                            <button id="setup-skip" on:click=move |_| step.set(None)>"Skip setting up for now"</button>
                        </div>
                    </section>
                }
            })}
            <section class="panel" aria-labelledby="children-h">
                <h3 id="children-h">"Your children"</h3>
                <p>
                    "Import the pupils with an EHC plan from your MIS (a Common Transfer File or a CSV report), add "
                    "children one by one, or explore the app with a demo caseload of invented children first."
                </p>
                <div class="actions">
                    <button id="import-pupils" class="primary" on:click=move |_| ctx.go(Screen::ImportPupils)>
                        "Import pupils from the MIS"
                    </button>
                    <button id="add-child" on:click=move |_| ctx.go(Screen::NewChild)>"Add a child"</button>
                    <button id="load-demo" on:click=load disabled=move || busy.get()>
                        {move || if busy.get() { "Loading demo…" } else { "Load demo caseload" }}
                    </button>
                </div>
                {move || error.get().map(|error| view! { <ErrorPanel error /> })}
            </section>
        </section>
    }
}
