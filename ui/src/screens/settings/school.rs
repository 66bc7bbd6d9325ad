//! The school's details, which head every letter and form.

use ardesk_dto::SchoolForm;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::ctx;
use crate::widgets::{Ack, Form, Outcome, TextField};

#[component]
pub(crate) fn SchoolPanel() -> impl IntoView {
    let ctx = ctx();
    let school = RwSignal::new(SchoolForm::default());
    let outcome = Outcome::new();
    // The form shows once the saved details are in, so that they never replace what is typed.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(s) = ipc::call(commands::SchoolForm {}).await {
            school.set(s);
        }
        loaded.set(true);
    });
    let save_school = move || {
        let form = school.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::SaveSchool { form }).await;
            if let Some(saved) = outcome.answer("save-school", result, |_| "School details saved.".to_owned())
            {
                school.set(saved);
                ctx.refresh_info();
            }
        });
    };

    // Chooses (or removes) the logo; the details typed so far stay as they are.
    let logo = move |choose: bool| {
        spawn_local(async move {
            let result = if choose {
                ipc::call(commands::ChooseSchoolLogo {}).await
            } else {
                ipc::call(commands::RemoveSchoolLogo {}).await
            };
            let done = if choose { "Logo saved." } else { "Logo removed." };
            if let Some(saved) = outcome.answer("choose-logo", result, |_| done.to_owned()) {
                school.update(|s| s.has_logo = saved.has_logo);
            }
        });
    };

    view! {
        <section aria-labelledby="school-h" class="panel">
            <h3 id="school-h">"School"</h3>
            <p class="hint">"These head every letter and form."</p>
            <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Loading…"</p> }>
            <Form id="school-form" on_submit=save_school>
                <div class="inline-fields">
                    <TextField form=school outcome name="name" id="s-name" label="School name"
                        get=|f| f.name.clone() set=|f, v| f.name = v />
                    <TextField form=school outcome name="address" id="s-address" label="Address (commas between lines)"
                        get=|f| f.address.clone() set=|f, v| f.address = v />
                    <TextField form=school outcome name="urn" id="s-urn" label="URN"
                        get=|f| f.urn.clone() set=|f, v| f.urn = v />
                    <TextField form=school outcome name="head_teacher" id="s-head" label="Head teacher's name"
                        hint="The school's invitation to the review goes to them (reg 20(2)(b))."
                        get=|f| f.head_teacher.clone() set=|f, v| f.head_teacher = v />
                    <TextField form=school outcome name="senco_name" id="s-senco" label="SENCO's name"
                        get=|f| f.senco_name.clone() set=|f, v| f.senco_name = v />
                    <TextField form=school outcome name="senco_role" id="s-role" label="SENCO's title"
                        get=|f| f.senco_role.clone() set=|f, v| f.senco_role = v />
                    <TextField form=school outcome name="phone" id="s-phone" label="Phone"
                        get=|f| f.phone.clone() set=|f, v| f.phone = v />
                    <TextField form=school outcome name="email" id="s-email" label="Email"
                        get=|f| f.email.clone() set=|f, v| f.email = v />
                </div>
                <div class="actions">
                    <button id="save-school" type="submit" class="primary">"Save school details"</button>
                    <Ack outcome at="save-school" />
                </div>
                <p id="logo-status">
                    {move || if school.with(|s| s.has_logo) { "The logo heads the Word letters." } else { "No logo: the letters are headed with the school's name only." }}
                </p>
                <div class="actions">
                    <button id="choose-logo" type="button" on:click=move |_| logo(true)>"Choose the logo (PNG)…"</button>
                    <Show when=move || school.with(|s| s.has_logo)>
                        <button id="remove-logo" type="button" on:click=move |_| logo(false)>"Remove the logo"</button>
                    </Show>
                    <Ack outcome at="choose-logo" />
                </div>
            </Form>
            </Show>
        </section>
    }
}
