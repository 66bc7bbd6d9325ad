//! A child leaving the school: marking them as left (the day and where they went), and, once
//! they have, when their record is due to be erased and putting them back on roll.

use ardesk_dto::{ChildDetail, ErrorDto, LeavingForm, commands};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, Form, Opening, Outcome, TextField};

/// `child` is the page's child, replaced by the answer when they are marked as left or put back
/// on roll (the page redraws, read-only or not). A ceased plan's child can still be marked.
#[component]
pub(super) fn LeavingPanel(
    child: ChildDetail,
    page: RwSignal<Option<Result<ChildDetail, ErrorDto>>>,
    read_only: RwSignal<bool>,
) -> impl IntoView {
    let id = child.id;
    let form = RwSignal::new(LeavingForm::default());
    let outcome = Outcome::new();
    let open = RwSignal::new(false);
    let opening = Opening::new();
    let redraw = move |detail: ChildDetail| {
        read_only.set(detail.left.is_some() || detail.ceased_from.is_some());
        page.set(Some(Ok(detail)));
    };
    let mark = move || {
        let sent = form.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::MarkLeft { id, form: sent }).await {
                Ok(detail) => redraw(detail),
                Err(e) => outcome.refused("save-left", e),
            }
        });
    };
    let back = move |_| {
        spawn_local(async move {
            match ipc::call(commands::BackOnRoll { id }).await {
                Ok(detail) => redraw(detail),
                Err(e) => outcome.refused("back-on-roll", e),
            }
        });
    };
    match child.left {
        Some(left) => view! {
            <section id="left-school" class="panel notice" aria-labelledby="left-h">
                <h3 id="left-h">"Left the school"</h3>
                <p id="left-text">
                    {format!("Left on {} to {}. Their record is kept for reference and cannot be changed", left.on, left.destination)}
                    {match left.erase_on {
                        Some(day) => format!("; under the school's retention rule it is due to be erased on {day}."),
                        None => ". The school has not set how long leavers' records are kept (Settings).".to_owned(),
                    }}
                </p>
                <button id="back-on-roll" type="button" on:click=back>"Back on roll"</button>
                <Ack outcome at="back-on-roll" />
            </section>
        }
        .into_any(),
        None => view! {
            <div class="leaving">
                <Show when=move || !open.get()>
                    <button id="mark-left" type="button" on:click=move |_| { open.set(true); opening.open(); }>
                        "Mark as left…"
                    </button>
                </Show>
                <Show when=move || open.get()>
                    <Form id="leaving-form" on_submit=mark opening>
                        <p class="hint">"A leaver comes off the caseload; their record is kept read-only until the school's retention period ends."</p>
                        <div class="inline-fields">
                            <TextField form outcome name="left_on" id="l-on" label="Date they left" placeholder="dd/mm/yyyy"
                                get=|f| f.on.clone() set=|f, v| f.on = v />
                            <TextField form outcome name="destination" id="l-destination" label="Where they went"
                                hint="The school, college or setting, or why there is none."
                                get=|f| f.destination.clone() set=|f, v| f.destination = v />
                        </div>
                        <div class="actions">
                            <button id="save-left" type="submit" class="primary">"Mark as left"</button>
                            <button id="cancel-left" type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                            <Ack outcome at="save-left" />
                        </div>
                    </Form>
                </Show>
            </div>
        }
        .into_any(),
    }
}
