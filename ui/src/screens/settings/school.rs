//! The school's details, which head every letter and form.

use ardesk_dto::{FieldProblem, SchoolForm};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::problems_of;
use crate::app::ctx;
use crate::ipc;
use crate::widgets::Problems;

#[component]
pub(super) fn SchoolPanel() -> impl IntoView {
    let ctx = ctx();
    let school = RwSignal::new(SchoolForm::default());
    let school_problems = RwSignal::new(Vec::<FieldProblem>::new());
    spawn_local(async move {
        if let Ok(s) = ipc::school_form().await {
            school.set(s);
        }
    });
    let save_school = move |_| {
        let form = school.get_untracked();
        spawn_local(async move {
            match ipc::save_school(&form).await {
                Ok(saved) => {
                    school.set(saved);
                    school_problems.set(Vec::new());
                    ctx.status.set(Some("School details saved.".to_owned()));
                    ctx.refresh_info();
                }
                Err(e) => school_problems.set(problems_of(e)),
            }
        });
    };
    let school_field = move |id: &'static str,
                             label: &'static str,
                             get: fn(&SchoolForm) -> String,
                             set: fn(&mut SchoolForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" prop:value=move || school.with(get)
                    on:input=move |ev| school.update(|f| set(f, event_target_value(&ev))) />
            </div>
        }
    };

    view! {
        <section aria-labelledby="school-h" class="panel">
            <h3 id="school-h">"School"</h3>
            <p class="hint">"These head every letter and form."</p>
            <div class="inline-fields">
                {school_field("s-name", "School name", |f| f.name.clone(), |f, v| f.name = v)}
                {school_field("s-address", "Address (commas between lines)", |f| f.address.clone(), |f, v| f.address = v)}
                {school_field("s-urn", "URN", |f| f.urn.clone(), |f, v| f.urn = v)}
                {school_field("s-senco", "SENCO's name", |f| f.senco_name.clone(), |f, v| f.senco_name = v)}
                {school_field("s-role", "SENCO's title", |f| f.senco_role.clone(), |f, v| f.senco_role = v)}
                {school_field("s-phone", "Phone", |f| f.phone.clone(), |f, v| f.phone = v)}
                {school_field("s-email", "Email", |f| f.email.clone(), |f, v| f.email = v)}
            </div>
            <Problems id="school-errors" problems=school_problems />
            <button id="save-school" class="primary" on:click=save_school>"Save school details"</button>
        </section>
    }
}
