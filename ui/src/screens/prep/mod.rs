//! Before the meeting: the meeting itself, the invitees, the letters, and the reports and views
//! that must come in before it. One panel per file; this page holds what they share.

mod checklist;
mod invitees;
mod letters;
mod meeting;

use ardesk_dto::commands;
use std::future::Future;
use std::pin::Pin;

use ardesk_dto::{ErrorDto, ReviewPrep};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{BackToChild, ErrorPanel, Outcome};

/// An action of this page that answers with the page's updated state.
type PrepFuture = Pin<Box<dyn Future<Output = Result<ReviewPrep, ErrorDto>>>>;

/// What every panel of the page shares: the review and its state.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    review: i64,
    prep: RwSignal<Option<Result<ReviewPrep, ErrorDto>>>,
    busy: RwSignal<bool>,
}

impl Page {
    /// Runs an action that answers with the updated page, then `then` with how it went.
    fn act(self, fut: PrepFuture, then: impl FnOnce(Result<(), ErrorDto>) + 'static) {
        self.busy.set(true);
        spawn_local(async move {
            let result = fut.await.map(|p| self.prep.set(Some(Ok(p))));
            then(result);
            self.busy.set(false);
        });
    }

    /// Runs an action, confirmed (or refused) beside the control `at`.
    fn act_at(self, outcome: Outcome, at: impl Into<String>, done: impl Into<String>, fut: PrepFuture) {
        let (at, done) = (at.into(), done.into());
        self.act(fut, move |result| match result {
            Ok(()) => outcome.done(&at, done),
            Err(e) => outcome.refused(&at, e),
        });
    }

    /// After files were written: says so beside `at` and reloads the page (the letters list).
    async fn written(self, outcome: Outcome, at: &str, done: String) {
        outcome.done(at, done);
        self.prep.set(Some(ipc::call(commands::ReviewPrep { review: self.review }).await));
    }
}

#[component]
pub(crate) fn PrepPage(review: i64, child: i64) -> impl IntoView {
    let page = Page { review, prep: RwSignal::new(None), busy: RwSignal::new(false) };
    spawn_local(async move { page.prep.set(Some(ipc::call(commands::ReviewPrep { review }).await)) });
    // What is typed, and what each panel's last action came back with, live here, so that
    // they outlast each redraw of the panels.
    let meeting = meeting::Draft::new(page);
    let invitee = invitees::Draft::new(invitees::blank);
    let letters = Outcome::new();
    let views = checklist::Draft::new();

    let body = move || {
        match page.prep.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(p)) => view! {
            <h2 id="prep-child">{format!("Before the meeting: {}", p.child_name)}</h2>
            <p class="cycle">{format!("Review stage: {}", p.stage_label)}</p>
            <meeting::MeetingPanel page draft=meeting notice=p.notice circulation=p.circulation warnings=p.meeting_warnings.clone() />
            <invitees::InviteesPanel page draft=invitee invitees=p.invitees />
            <letters::LettersPanel page outcome=letters letters=p.letters />
            <checklist::ChecklistPanel page draft=views checklist=p.checklist missing=p.missing_papers />
        }
        .into_any(),
    }
    };

    view! {
        <BackToChild child />
        {body}
    }
}
