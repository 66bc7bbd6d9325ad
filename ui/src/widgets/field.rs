//! Form fields: a labelled input whose problem is shown beside it.

use ardesk_dto::FieldProblem;
use leptos::prelude::*;

/// The problem reported for the field `name`, as one line, if there is one.
pub(crate) fn field_error(errors: RwSignal<Vec<FieldProblem>>, name: &'static str) -> Option<String> {
    errors.with(|es| es.iter().find(|p| p.field == name).map(|p| format!("{} {}", p.message, p.hint)))
}

/// One labelled text input bound to a field of a form `T`, with its hint and its problem beside it.
#[component]
pub(crate) fn TextField<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    errors: RwSignal<Vec<FieldProblem>>,
    name: &'static str,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let error = move || field_error(errors, name);
    let hint_id = format!("hint-{name}");
    let err_id = format!("err-{name}");
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=format!("f-{name}")>
                {label} {required.then(|| view! { <span class="req">" (required)"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=format!("f-{name}")
                name=name
                type="text"
                placeholder=placeholder
                prop:value=move || form.with(get)
                on:input=move |ev| {
                    form.update(|f| set(f, event_target_value(&ev)));
                    errors.update(|es| es.retain(|p| p.field != name));
                }
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=format!("{hint_id} {err_id}")
            />
            <p class="field-error" id=err_id>
                {move || error().map(|e| view! { <span class="icon" aria-hidden="true">"⚠ "</span>{e} })}
            </p>
        </div>
    }
}
