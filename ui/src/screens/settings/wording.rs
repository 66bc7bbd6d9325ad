//! The letters' wording: the school's own in place of the shipped templates.

use ardesk_dto::{FieldProblem, LetterTemplateDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::problems_of;
use crate::app::ctx;
use crate::ipc;
use crate::widgets::Problems;

#[component]
pub(super) fn WordingPanel() -> impl IntoView {
    let ctx = ctx();
    let templates = RwSignal::new(Vec::<LetterTemplateDto>::new());
    let template_kind = RwSignal::new(String::new());
    let template_text = RwSignal::new(String::new());
    let template_problems = RwSignal::new(Vec::<FieldProblem>::new());
    spawn_local(async move { templates.set(ipc::letter_templates().await.unwrap_or_default()) });
    let choose_template = move |kind: String| {
        let text = templates
            .with_untracked(|ts| ts.iter().find(|t| t.kind == kind).map(|t| t.text.clone()))
            .unwrap_or_default();
        template_text.set(text);
        template_problems.set(Vec::new());
        template_kind.set(kind);
    };
    let save_template = move |_| {
        let (kind, text) = (template_kind.get_untracked(), template_text.get_untracked());
        spawn_local(async move {
            match ipc::save_letter_template(&kind, &text).await {
                Ok(list) => {
                    templates.set(list);
                    template_problems.set(Vec::new());
                    ctx.status.set(Some("Letter wording saved.".to_owned()));
                }
                Err(e) => template_problems.set(problems_of(e)),
            }
        });
    };
    let reset_template = move |_| {
        let kind = template_kind.get_untracked();
        spawn_local(async move {
            if let Ok(list) = ipc::reset_letter_template(&kind).await {
                let text = list.iter().find(|t| t.kind == kind).map(|t| t.text.clone()).unwrap_or_default();
                templates.set(list);
                template_text.set(text);
                ctx.status.set(Some("Letter wording back to the shipped version.".to_owned()));
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
                <textarea id="template-text" rows="18" spellcheck="true" prop:value=move || template_text.get()
                    on:input=move |ev| template_text.set(event_target_value(&ev))></textarea>
                <Problems id="template-errors" problems=template_problems />
                <div class="actions">
                    <button id="save-template" class="primary" on:click=save_template>"Save wording"</button>
                    <button id="reset-template" on:click=reset_template>"Back to the shipped wording"</button>
                </div>
            </Show>
        </section>
    }
}
