//! A review the LA sent back (its quality check): recording the return and what it asked for,
//! ticking each item off, and what each earlier return asked.

use ardesk_dto::commands;
use ardesk_dto::{AfterMeetingDto, ErrorDto, LaReturnDto, ReturnForm};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, FieldError, Form, Outcome, TextField, error_id};

/// The LA's returns of the review, oldest first: the open one with a tick box per item.
#[component]
pub(crate) fn Returns(
    review: i64,
    returns: Vec<LaReturnDto>,
    outcome: Outcome,
    answer: impl Fn(&str, Result<AfterMeetingDto, ErrorDto>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    returns
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let open = r.open;
            let id = if open { "return-open".to_owned() } else { format!("return-{n}") };
            view! {
                <div class="return" id=id class:warn=open>
                    <p>
                        <strong>{format!("Sent back by the LA on {}", r.returned_on)}</strong>
                        {match (&r.resubmitted_on, open) {
                            (Some(on), _) => format!(" · sent again on {on}"),
                            (None, true) => format!(" · answer by {}", r.due),
                            (None, false) => String::new(),
                        }}
                    </p>
                    {open.then(|| view! { <p class="hint">{r.why.clone()}</p> })}
                    <ul class="return-items">
                        {r.items.into_iter().map(|item| {
                            let position = item.position;
                            let done = item.done_on.is_some();
                            let box_id = format!("return-item-{position}");
                            let tick = move |ev: leptos::ev::Event| {
                                let done = event_target_checked(&ev);
                                spawn_local(async move {
                                    answer("return-items", ipc::call(commands::SetReturnItem { review, position, done }).await)
                                });
                            };
                            view! {
                                <li>
                                    {if open {
                                        view! {
                                            <input type="checkbox" id=box_id.clone() prop:checked=done on:change=tick />
                                            <label for=box_id>{item.asked.clone()}</label>
                                        }.into_any()
                                    } else {
                                        view! { <span>{item.asked.clone()}</span> }.into_any()
                                    }}
                                    {item.done_on.map(|d| format!(" ✓ done {d}"))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {open.then(|| view! { <Ack outcome at="return-items" /> })}
                </div>
            }
        })
        .collect_view()
}

/// "The LA sent it back": the date, the date it wants an answer by and its list.
#[component]
pub(crate) fn ReturnRecord(
    review: i64,
    today: String,
    outcome: Outcome,
    answer: impl Fn(&str, Result<AfterMeetingDto, ErrorDto>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = RwSignal::new(ReturnForm { returned_on: today, ..ReturnForm::default() });
    let record = move || {
        let form = form.get_untracked();
        spawn_local(async move {
            answer("record-return", ipc::call(commands::RecordReturn { review, form }).await)
        });
    };
    view! {
        <details id="return-details">
            <summary>"The LA sent it back asking for more"</summary>
            <Form id="return-form" on_submit=record>
                <fieldset class="inline-form">
                    <legend>"The LA's return"</legend>
                    <TextField form outcome name="returned_on" id="return-on" label="Sent back on (dd/mm/yyyy)"
                        get=|f: &ReturnForm| f.returned_on.clone() set=|f: &mut ReturnForm, v| f.returned_on = v />
                    <TextField form outcome name="respond_by" id="return-by" label="Answer wanted by (if the LA gave a date)"
                        placeholder="dd/mm/yyyy" get=|f: &ReturnForm| f.respond_by.clone() set=|f: &mut ReturnForm, v| f.respond_by = v />
                    <div class="field wide">
                        <label for="return-asked">"What the LA asked for, one item per line"</label>
                        <textarea id="return-asked" rows=4 aria-describedby=error_id("return-asked")
                            prop:value=move || form.with(|f| f.asked.clone())
                            on:input=move |ev| { form.update(|f| f.asked = event_target_value(&ev)); outcome.edited("asked"); }></textarea>
                        <FieldError outcome name="asked" of="return-asked" />
                    </div>
                    <button id="record-return" type="submit">"Record the return"</button>
                    <Ack outcome at="record-return" />
                    <p class="hint">"The record reopens: what the LA asked for becomes the review's next step until you record it as sent again."</p>
                </fieldset>
            </Form>
        </details>
    }
}
