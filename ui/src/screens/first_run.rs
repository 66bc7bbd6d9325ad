//! The first run: an empty caseload, and what to do next.

use ardesk_dto::ErrorDto;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::ErrorPanel;

#[component]
pub(crate) fn FirstRun() -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ErrorDto>);
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
    view! {
        <section class="first-run" aria-labelledby="welcome">
            <h2 id="welcome">"Welcome to Annual Review Desk"</h2>
            <p>
                "Your caseload is empty. Import the pupils with an EHC plan from your MIS (a Common Transfer "
                "File or a CSV report), add children one by one, or explore the app with a demo caseload "
                "of invented children first."
            </p>
            <div class="actions">
                <button id="load-demo" class="primary" on:click=load disabled=move || busy.get()>
                    {move || if busy.get() { "Loading demo…" } else { "Load demo caseload" }}
                </button>
                <button id="import-pupils" on:click=move |_| ctx.go(Screen::ImportPupils)>
                    "Import pupils from the MIS"
                </button>
                <button id="add-child" on:click=move |_| ctx.go(Screen::NewChild)>
                    "Add a child"
                </button>
            </div>
            {move || error.get().map(|error| view! { <ErrorPanel error /> })}
        </section>
    }
}
