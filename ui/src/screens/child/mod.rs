//! A child's page: what to do next, the statutory clock, after the meeting, and their details.

mod check_ins;
mod clock;
mod details;
mod leaving;
mod people;
mod transition;

use ardesk_dto::commands;
use ardesk_dto::{ChildDetail, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::after::{AfterMeeting, Requests};
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, ErrorPanel, Outcome};
use check_ins::CheckInsPanel;
use clock::ReviewClock;
use details::{ChildDetails, PlanSections};
use leaving::LeavingPanel;
use people::{PeopleDrafts, PeoplePanel};
use transition::TransitionPanel;

#[component]
pub(crate) fn ChildPage(id: i64) -> impl IntoView {
    let ctx = ctx();
    let child = RwSignal::new(None::<Result<ChildDetail, ErrorDto>>);
    let confirming = RwSignal::new(false);
    let outcome = Outcome::new();
    let drafts = PeopleDrafts::new();
    // Counted up by the "After the meeting" panel: the clock and the review's stage read again.
    let changed = RwSignal::new(0_u32);
    // A ceased plan's page, or a leaver's, is kept for the record: nothing on it can be changed
    // but the dates that decided the cease (in "After the meeting"), a leaver can be put back on
    // roll, and the child can be deleted. Read again when "After the meeting" changes, since
    // recording the appeal's end ceases the plan.
    let read_only = RwSignal::new(false);
    let closed = |c: &ChildDetail| c.ceased_from.is_some() || c.left.is_some();
    spawn_local(async move {
        let loaded = ipc::call(commands::GetChild { id }).await;
        read_only.set(loaded.as_ref().is_ok_and(closed));
        child.set(Some(loaded));
    });
    Effect::new(move |first: Option<()>| {
        changed.track();
        // The first run is the page's own load, above.
        if first.is_some() {
            spawn_local(async move {
                if let Ok(c) = ipc::call(commands::GetChild { id }).await {
                    read_only.set(closed(&c));
                }
            });
        }
    });

    let delete = move |name: String| {
        spawn_local(async move {
            match ipc::call(commands::DeleteChild { id }).await {
                Ok(erased) => {
                    ctx.refresh_info();
                    ctx.go_with_status(Screen::Caseload, format!("Deleted {name}. {}", erased.note));
                }
                Err(e) => outcome.refused("confirm-delete", e),
            }
        });
    };

    // Everything held about the child as one zip, where the SENCO chooses.
    let export = move || {
        spawn_local(async move {
            outcome.working("export-record", "Writing the record…");
            let result = ipc::call(commands::ExportRecord { id }).await;
            outcome.answer("export-record", result, |done| {
                format!("Saved {}: open index.html in it to read the record.", done.file_name)
            });
        });
    };

    let body = move || match child.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(c)) => {
            let name = c.name.clone();
            let review = c.review.clone();
            view! {
                <div class="title-row">
                    <h2 id="child-name">{c.name.clone()}</h2>
                    <div class="actions">
                        {move || (!read_only.get()).then(|| view! {
                            {review.clone().map(|r| {
                                let review = r.id;
                                view! {
                                    <button id="open-prep" class="primary" on:click=move |_| ctx.go(Screen::Prep(review, id))>
                                        "Before the meeting →"
                                    </button>
                                    <button id="open-ar1" on:click=move |_| ctx.go(Screen::Ar1(review, id))>"AR1 record →"</button>
                                    <button id="open-amendments" on:click=move |_| ctx.go(Screen::Amendments(review, id))>"Amendments →"</button>
                                    <button id="open-bundle" on:click=move |_| ctx.go(Screen::Bundle(review, id))>"Send to the LA →"</button>
                                }
                            })}
                            <button id="edit-child" on:click=move |_| ctx.go(Screen::EditChild(id))>"Edit details"</button>
                        })}
                        <button id="export-record" on:click=move |_| export()
                            title="Everything held about this child, for a subject access request or for the setting they move to">
                            "Export record…"
                        </button>
                        <button id="delete-child" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
                    </div>
                </div>
                <p class="export-note"><Ack outcome at="export-record" /></p>
                <Show when=move || confirming.get()>
                    {
                        let name = name.clone();
                        view! {
                            <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                                <p id="confirm-text">
                                    {format!("Delete {name} and everything recorded about them? This cannot be undone.")}
                                </p>
                                <button id="confirm-delete" class="danger" on:click={
                                    let name = name.clone();
                                    move |_| delete(name.clone())
                                }>"Delete permanently"</button>
                                <button id="cancel-delete" on:click=move |_| confirming.set(false)>"Keep"</button>
                                <Ack outcome at="confirm-delete" />
                            </div>
                        }
                    }
                </Show>
                // A leaver's statutory clock is the school's no longer: it is not shown.
                {c.left.is_none().then(|| view! { <ReviewClock id changed /> })}
                <LeavingPanel child=c.clone() page=child read_only />
                {c.previous_review.map(|r| view! { <AfterMeeting review=r child=id changed previous=true /> })}
                {c.previous_review.filter(|_| !closed(&c)).map(|r| view! { <Requests review=r last=true /> })}
                {c.review.as_ref().map(|r| view! { <AfterMeeting review=r.id child=id changed /> })}
                {c.left.is_none().then(|| view! { <CheckInsPanel child=id read_only /> })}
                {c.left.is_none().then(|| view! { <TransitionPanel child=id read_only /> })}
                <ChildDetails child=c.clone() changed />
                <PeoplePanel id child drafts parents=c.parents.clone() professionals=c.professionals.clone() read_only />
                <PlanSections child=c />
            }
            .into_any()
        }
    };

    view! {
        <nav class="breadcrumb">
            <button id="back" class="link" on:click=move |_| ctx.go(Screen::Caseload)>"← Caseload"</button>
        </nav>
        <article class="child">{body}</article>
    }
}
