//! The letters' wording: the school's own in place of the shipped templates.

use ardesk_dto::LetterTemplateDto;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, Form, Outcome, ProblemList};

#[component]
pub(super) fn WordingPanel() -> impl IntoView {
    let templates = RwSignal::new(Vec::<LetterTemplateDto>::new());
    let template_kind = RwSignal::new(String::new());
    let template_text = RwSignal::new(String::new());
    // Every problem is about the wording: they are shown together beside it.
    let outcome = Outcome::new();
    spawn_local(
        async move { templates.set(ipc::call(commands::LetterTemplates {}).await.unwrap_or_default()) },
    );
    let choose_template = move |kind: String| {
        let text = templates
            .with_untracked(|ts| ts.iter().find(|t| t.kind == kind).map(|t| t.text.clone()))
            .unwrap_or_default();
        template_text.set(text);
        outcome.clear();
        template_kind.set(kind);
    };
    let save_template = move || {
        let (kind, text) = (template_kind.get_untracked(), template_text.get_untracked());
        spawn_local(async move {
            let result = ipc::call(commands::SaveLetterTemplate { kind: kind.clone(), text }).await;
            if let Some(list) =
                outcome.answer("save-template", result, |_| "Letter wording saved.".to_owned())
            {
                templates.set(list);
            }
        });
    };
    let reset_template = move |_| {
        let kind = template_kind.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::ResetLetterTemplate { kind: kind.clone() }).await;
            let done = |_: &Vec<LetterTemplateDto>| "Letter wording back to the shipped version.".to_owned();
            if let Some(list) = outcome.answer("reset-template", result, done) {
                let text = list.iter().find(|t| t.kind == kind).map(|t| t.text.clone()).unwrap_or_default();
                templates.set(list);
                template_text.set(text);
            }
        });
    };

    view! {
        <section aria-labelledby="wording-h" class="panel">
            <h3 id="wording-h">"Letter wording"</h3>
            <p class="hint">"Change a letter's wording to your school's. Fields in braces, such as {child.name}, are filled in for each letter; a line starting [pfa] appears only for Year 9 and above."</p>
            <label for="template-kind">"Letter"</label>
            <select id="template-kind" on:change=move |ev| choose_template(event_target_value(&ev))>
                <option value="">"Choose a letter…"</option>
                {move || templates.get().into_iter().map(|t| {
                    let label = format!("{}{}", t.label, if t.customised { " (the school's wording)" } else { "" });
                    view! { <option value=t.kind.clone() selected=move || template_kind.get() == t.kind>{label}</option> }
                }).collect_view()}
            </select>
            <Show when=move || !template_kind.get().is_empty()>
                <Form id="template-form" on_submit=save_template>
                    <label for="template-text">"Wording"</label>
                    <textarea id="template-text" rows="18" spellcheck="true" prop:value=move || template_text.get()
                        aria-describedby="template-errors"
                        on:input=move |ev| template_text.set(event_target_value(&ev))></textarea>
                    <ProblemList outcome id="template-errors" of="template-text" />
                    <div class="actions">
                        <button id="save-template" type="submit" class="primary">"Save wording"</button>
                        <Ack outcome at="save-template" />
                        <button id="reset-template" type="button" on:click=reset_template>"Back to the shipped wording"</button>
                        <Ack outcome at="reset-template" />
                    </div>
                </Form>
            </Show>
        </section>
    }
}
