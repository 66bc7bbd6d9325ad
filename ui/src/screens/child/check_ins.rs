//! Check-ins between reviews on the child's page: progress, the child's view and the parents'
//! feedback on a day, listed since the last review (they inform the next one).

use ardesk_dto::commands;
use ardesk_dto::{CheckInForm, CheckInsDto, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ErrorPanel, FieldError, Form, Outcome, error_id, today_input};

#[component]
pub(crate) fn CheckInsPanel(child: i64, read_only: RwSignal<bool>) -> impl IntoView {
    let state = RwSignal::new(None::<Result<CheckInsDto, ErrorDto>>);
    let outcome = Outcome::new();
    let form = RwSignal::new(CheckInForm { date: today_input(), ..CheckInForm::default() });
    spawn_local(async move { state.set(Some(ipc::call(commands::CheckIns { child }).await)) });
    let record = move || {
        let sent = form.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::RecordCheckIn { child, form: sent }).await;
            if let Some(list) = outcome.answer("record-check-in", result, |_| "Recorded.".to_owned()) {
                state.set(Some(Ok(list)));
                form.set(CheckInForm { date: today_input(), ..CheckInForm::default() });
            }
        });
    };
    let area = move |id: &'static str,
                     field: &'static str,
                     label: &'static str,
                     get: fn(&CheckInForm) -> String,
                     set: fn(&mut CheckInForm, String)| {
        view! {
            <label for=id>{label}</label>
            <textarea id=id rows="2" prop:value=move || form.with(get) aria-describedby=error_id(id)
                on:input=move |ev| { form.update(|f| set(f, event_target_value(&ev))); outcome.edited(field); }></textarea>
            <FieldError outcome name=field of=id />
        }
    };
    let list = move || {
        match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(c)) if c.check_ins.is_empty() => Some(
            view! { <p class="hint" id="check-ins-none">"No check-in since the last review yet."</p> }.into_any(),
        ),
        Some(Ok(c)) => Some(
            view! {
                <table class="people" id="check-ins-list">
                    <thead><tr>
                        <th scope="col">"Day"</th>
                        <th scope="col">"Progress"</th>
                        <th scope="col">"The child's view"</th>
                        <th scope="col">"The parents' feedback"</th>
                    </tr></thead>
                    <tbody>
                        {c.check_ins.into_iter().map(|c| view! {
                            <tr data-check-in=c.id>
                                <td>{c.on}</td><td>{c.progress}</td><td>{c.child_view}</td><td>{c.parent_view}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        ),
    }
    };
    view! {
        <section class="panel" id="check-ins" aria-labelledby="check-ins-h">
            <h3 id="check-ins-h">"Check-ins since the last review"</h3>
            <p class="hint">"Termly, or as agreed: what has moved on, in the child's words and the family's. They are brought into the next review's record and views forms."</p>
            {list}
            <Show when=move || !read_only.get()>
                <Form id="check-in-form" on_submit=record>
                    <label for="check-in-on">"Day (dd/mm/yyyy)"</label>
                    <input id="check-in-on" type="text" prop:value=move || form.with(|f| f.date.clone()) aria-describedby=error_id("check-in-on")
                        on:input=move |ev| { form.update(|f| f.date = event_target_value(&ev)); outcome.edited("check_in_on"); } />
                    <FieldError outcome name="check_in_on" of="check-in-on" />
                    {area("check-in-progress", "progress", "Progress towards the outcomes", |f| f.progress.clone(), |f, v| f.progress = v)}
                    {area("check-in-child", "child_view", "What the child said", |f| f.child_view.clone(), |f, v| f.child_view = v)}
                    {area("check-in-parents", "parent_view", "What the parents or carers said", |f| f.parent_view.clone(), |f, v| f.parent_view = v)}
                    <div class="actions">
                        <button id="record-check-in" type="submit">"Record the check-in"</button>
                        <Ack outcome at="record-check-in" />
                    </div>
                </Form>
            </Show>
        </section>
    }
}
