//! The letters: every invitation at once, and the record of invitations sent.

use ardesk_dto::LetterLogDto;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Page;
use crate::ipc;
use crate::widgets::{Ack, Outcome};

#[component]
pub(super) fn LettersPanel(page: Page, outcome: Outcome, letters: Vec<LetterLogDto>) -> impl IntoView {
    let review = page.review;
    let write_all = move |_| {
        page.busy.set(true);
        spawn_local(async move {
            match ipc::call(commands::GenerateLetters { review, format: ardesk_dto::DocumentFormat::Both })
                .await
            {
                Ok(done) => page.written(outcome, "generate-letters", said(&done, "letters")).await,
                Err(e) => outcome.refused("generate-letters", e),
            }
            page.busy.set(false);
        });
    };
    let emails = move |_| {
        page.busy.set(true);
        spawn_local(async move {
            match ipc::call(commands::WriteInvitationEmails { review }).await {
                Ok(done) => page.written(outcome, "email-drafts", said(&done, "email drafts")).await,
                Err(e) => outcome.refused("email-drafts", e),
            }
            page.busy.set(false);
        });
    };
    view! {
        <section class="panel" aria-labelledby="letters-h">
            <h3 id="letters-h">"Letters"</h3>
            <p class="hint">"One letter for each invitee (an invitation, with the request for advice where asked) and one for the child, as Word and PDF. Nothing is written if a detail the letters need is missing: you are told which."</p>
            <div class="actions">
                <button id="generate-letters" class="primary" on:click=write_all disabled=move || page.busy.get()>"Write all letters…"</button>
                <Ack outcome at="generate-letters" />
            </div>
            <div class="actions">
                <button id="email-drafts" on:click=emails disabled=move || page.busy.get()
                    title="One email for each invitee with an email address, the letter attached as PDF: open each in Outlook or Thunderbird and send it">"Email drafts (.eml)…"</button>
                <Ack outcome at="email-drafts" />
            </div>
            <div class="actions">
                <button id="mark-invited" on:click=move |_| page.act_at(
                    outcome,
                    "mark-invited",
                    "Invitations recorded as sent today.",
                    Box::pin(async move { ipc::call(commands::MarkInvitationsSent { review }).await }),
                )>"Record invitations as sent today"</button>
                <Ack outcome at="mark-invited" />
            </div>
            {(!letters.is_empty()).then(|| view! {
                <details id="letters">
                    <summary>{format!("Letters written so far: {}", letters.len())}</summary>
                    <ul>
                        {letters.iter().map(|l| view! {
                            <li>{format!("{} · {} · {}{}", l.generated, l.kind_label, l.file_name, l.recipient.as_ref().map(|r| format!(" · {r}")).unwrap_or_default())}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>
    }
}

/// What a batch wrote, and why anyone was left out.
fn said(done: &ardesk_dto::LettersWritten, what: &str) -> String {
    let mut text = format!("Wrote {} {what} to {}.", done.files.len(), done.folder);
    for why in &done.withheld {
        text.push(' ');
        text.push_str(why);
    }
    text
}
