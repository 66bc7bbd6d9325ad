//! The transition plan on the child's page, from Year 9 and in a phase-transfer year: the
//! receiving setting (invited by name to the review) and the transition actions.

use ardesk_dto::commands;
use ardesk_dto::{ErrorDto, ReceivingSettingForm, TransitionActionForm, TransitionDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ErrorPanel, Form, Outcome, TextField};

#[component]
pub(crate) fn TransitionPanel(child: i64, read_only: RwSignal<bool>) -> impl IntoView {
    let state = RwSignal::new(None::<Result<TransitionDto, ErrorDto>>);
    let outcome = Outcome::new();
    let setting = RwSignal::new(ReceivingSettingForm::default());
    let action = RwSignal::new(TransitionActionForm::default());
    spawn_local(async move {
        let loaded = ipc::call(commands::Transition { child }).await;
        if let Ok(t) = &loaded {
            setting.set(t.setting.clone());
        }
        state.set(Some(loaded));
    });
    let answer = move |at: &'static str, result: Result<TransitionDto, ErrorDto>, done: &'static str| {
        if let Some(t) = outcome.answer(at, result, |_| done.to_owned()) {
            state.set(Some(Ok(t)));
        }
    };
    let save_setting = move || {
        let form = setting.get_untracked();
        spawn_local(async move {
            answer(
                "save-setting",
                ipc::call(commands::SaveReceivingSetting { child, form }).await,
                "Saved: the setting is invited by name when the invitees are suggested.",
            )
        });
    };
    let add_action = move || {
        let form = action.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::AddTransitionAction { child, form }).await;
            if result.is_ok() {
                action.set(TransitionActionForm::default());
            }
            answer("add-transition-action", result, "Added.")
        });
    };
    move || {
        match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(t)) if !t.applies && t.setting.setting.is_empty() && t.actions.is_empty() => None,
        Some(Ok(t)) => Some(
            view! {
                <section class="panel" id="transition" aria-labelledby="transition-h">
                    <h3 id="transition-h">"Transition plan"</h3>
                    {t.why.clone().map(|w| view! { <p class="hint">{w}</p> })}
                    <Form id="setting-form" on_submit=save_setting>
                        <fieldset class="inline-fields" disabled=move || read_only.get()>
                            <legend>"The receiving setting"</legend>
                            <TextField form=setting outcome name="setting" id="t-setting" label="School or college"
                                get=|f| f.setting.clone() set=|f, v| f.setting = v />
                            <TextField form=setting outcome name="contact" id="t-contact" label="Contact there (usually the SENCO)"
                                get=|f| f.contact.clone() set=|f, v| f.contact = v />
                            <TextField form=setting outcome name="setting_email" id="t-email" label="Email"
                                get=|f| f.email.clone() set=|f, v| f.email = v />
                            <TextField form=setting outcome name="setting_phone" id="t-phone" label="Phone"
                                get=|f| f.phone.clone() set=|f, v| f.phone = v />
                        </fieldset>
                        <div class="actions">
                            <button id="save-setting" type="submit" disabled=move || read_only.get()>"Save the setting"</button>
                            <Ack outcome at="save-setting" />
                        </div>
                    </Form>
                    <table class="people" id="transition-actions">
                        <thead><tr>
                            <th scope="col">"Done"</th><th scope="col">"Action"</th><th scope="col">"Who"</th><th scope="col">"By"</th>
                        </tr></thead>
                        <tbody>
                            {t.actions.iter().map(|a| {
                                let id = a.id;
                                let box_id = format!("transition-done-{id}");
                                let tick = move |ev: leptos::ev::Event| {
                                    let done = event_target_checked(&ev);
                                    spawn_local(async move {
                                        answer("add-transition-action", ipc::call(commands::SetTransitionActionDone { child, id, done }).await, "Saved.")
                                    });
                                };
                                view! {
                                    <tr data-transition-action=id class:overdue=a.overdue>
                                        <td>
                                            <input type="checkbox" id=box_id.clone() prop:checked=a.done.is_some() on:change=tick disabled=move || read_only.get() />
                                            <label class="visually-hidden" for=box_id>{format!("Done: {}", a.action)}</label>
                                            {a.done.clone().map(|d| format!(" {d}"))}
                                        </td>
                                        <td>{a.action.clone()}</td>
                                        <td>{a.owner.clone()}</td>
                                        <td>{a.due.clone().unwrap_or_default()}{a.overdue.then_some(" (overdue)")}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Show when=move || !read_only.get()>
                        <Form id="transition-action-form" on_submit=add_action>
                            <div class="inline-fields">
                                <TextField form=action outcome name="transition_action" id="t-action" label="Transition action"
                                    get=|f| f.action.clone() set=|f, v| f.action = v />
                                <TextField form=action outcome name="transition_owner" id="t-owner" label="Who"
                                    get=|f| f.owner.clone() set=|f, v| f.owner = v />
                                <TextField form=action outcome name="transition_due" id="t-due" label="By (dd/mm/yyyy)"
                                    get=|f| f.due.clone() set=|f, v| f.due = v />
                            </div>
                            <div class="actions">
                                <button id="add-transition-action" type="submit">"Add the action"</button>
                                <Ack outcome at="add-transition-action" />
                            </div>
                        </Form>
                    </Show>
                </section>
            }
            .into_any(),
        ),
    }
    }
}
