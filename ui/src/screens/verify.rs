//! For LA officers: checking a bundle received, as the LA's side sees it.

use ardesk_dto::commands;
use ardesk_dto::{ErrorCode, ErrorDto, VerifyReport};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::ErrorPanel;

/// For the LA: open a bundle received and see whether it is complete and untouched.
#[component]
pub(crate) fn VerifyPage() -> impl IntoView {
    let report = RwSignal::new(None::<Result<VerifyReport, ErrorDto>>);
    let open = move |_| {
        spawn_local(async move {
            match ipc::call(commands::OpenBundle {}).await {
                Err(e) if e.code == ErrorCode::Cancelled => {}
                other => report.set(Some(other)),
            }
        });
    };
    view! {
        <h2>"Open a received bundle"</h2>
        <p class="hint">"Checks a bundle as the LA receives it: a complete, unencrypted zip whose every file matches its manifest, then the same rules the school's check applies (the documents the LA requires, no password-protected files). A warning comes with the school's reason, where it gave one."</p>
        <button id="open-received" class="primary" on:click=open>"Open a bundle…"</button>
        {move || report.get().map(|r| match r {
            Err(error) => view! { <ErrorPanel error /> }.into_any(),
            Ok(r) => view! {
                <section class="panel" id="verify-report">
                    <h3 id="verify-state">{match (r.valid, r.unusable, r.warnings.len()) {
                        (true, _, 0) => "✓ Valid bundle".to_owned(),
                        (true, _, n) => format!("✓ Valid bundle, with {n} warning{}", if n == 1 { "" } else { "s" }),
                        (false, true, _) => "✗ This file cannot be used".to_owned(),
                        (false, false, _) => "✗ Problems found".to_owned(),
                    }}</h3>
                    {r.manifest.as_ref().map(|m| view! {
                        <p>{format!("{} files for {} ({}), meeting {}, LA profile {} v{}", m.files.len(), m.child.initials, m.child.la_ref.clone().unwrap_or_default(), m.review.meeting_date, m.la_profile.id, m.la_profile.version)}</p>
                    })}
                    <ul id="verify-problems">{r.problems.into_iter().map(|p| view! { <li class="problem-block">{p}</li> }).collect_view()}</ul>
                    {(!r.warnings.is_empty()).then(|| view! {
                        <h4>"Warnings (the school could send it with these)"</h4>
                        <ul id="verify-warnings">{r.warnings.into_iter().map(|w| view! { <li class="problem-warn">{w}</li> }).collect_view()}</ul>
                    })}
                    <table class="people">
                        <thead><tr><th scope="col">"File"</th><th scope="col">"Check"</th></tr></thead>
                        <tbody>{r.files.into_iter().map(|f| view! { <tr><td>{f.file}</td><td>{f.verdict.code()}" "{f.detail}</td></tr> }).collect_view()}</tbody>
                    </table>
                </section>
            }.into_any(),
        })}
    }
}
