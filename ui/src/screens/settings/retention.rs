//! How long the school keeps a leaver's record: its records policy, from which the leavers list
//! says when each record is due to be erased.

use ardesk_dto::{RetentionForm, commands};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ChoiceField, Form, Outcome, TextField};

#[component]
pub(crate) fn RetentionPanel() -> impl IntoView {
    let form = RwSignal::new(RetentionForm::default());
    let outcome = Outcome::new();
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(saved) = ipc::call(commands::GetRetention {}).await {
            form.set(saved);
        }
        loaded.set(true);
    });
    let save = move || {
        let sent = form.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::SetRetention { form: sent }).await;
            if let Some(saved) = outcome.answer("save-retention", result, |_| "Retention saved.".to_owned()) {
                form.set(saved);
            }
        });
    };
    view! {
        <section aria-labelledby="retention-h" class="panel">
            <h3 id="retention-h">"Leavers' records"</h3>
            <p class="hint">
                "How long the school keeps the record of a child who has left, from its records management policy. \
                 The IRMS toolkit for schools keeps an EHC plan pupil's record at the last school they attended until \
                 their 31st birthday, and has a school they moved on from pass it on instead. Until this is set, no \
                 record is listed for erasure; nothing is erased until you confirm the list."
            </p>
            <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Loading…"</p> }>
                <Form id="retention-form" on_submit=save>
                    <div class="inline-fields">
                        <ChoiceField form outcome name="basis" id="r-basis" label="Kept"
                            get=|f| f.basis set=|f, v| f.basis = v />
                        <TextField form outcome name="years" id="r-years" label="Years (or age)"
                            get=|f| f.years.clone() set=|f, v| f.years = v />
                    </div>
                    <div class="actions">
                        <button id="save-retention" type="submit" class="primary">"Save"</button>
                        <Ack outcome at="save-retention" />
                    </div>
                </Form>
            </Show>
        </section>
    }
}
