//! Before the meeting: the meeting itself, the invitees, the letters, and the reports and views
//! that must come in before it. One panel per file; this page holds what they share.

mod checklist;
mod invitees;
mod letters;
mod meeting;

use std::future::Future;
use std::pin::Pin;

use ardesk_dto::{ErrorCode, ErrorDto, FieldProblem, ReviewPrep};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{Ctx, ctx};
use crate::ipc;
use crate::widgets::{BackToChild, ErrorPanel, Problems};

/// An action of this page that answers with the page's updated state.
type PrepFuture = Pin<Box<dyn Future<Output = Result<ReviewPrep, ErrorDto>>>>;

/// What every panel of the page shares: the review, its state, and the problems shown above.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    ctx: Ctx,
    review: i64,
    prep: RwSignal<Option<Result<ReviewPrep, ErrorDto>>>,
    problems: RwSignal<Vec<FieldProblem>>,
    busy: RwSignal<bool>,
}

impl Page {
    /// Runs an action that answers with the updated screen; problems are shown, not lost.
    fn act(self, status: Option<String>, fut: PrepFuture) {
        self.busy.set(true);
        spawn_local(async move {
            match fut.await {
                Ok(p) => {
                    self.prep.set(Some(Ok(p)));
                    self.problems.set(Vec::new());
                    if let Some(s) = status {
                        self.ctx.status.set(Some(s));
                    }
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => self.report(e),
            }
            self.busy.set(false);
        });
    }

    /// Shows the problems of a refused action (or its message, if it names no field).
    fn report(self, e: ErrorDto) {
        if e.problems.is_empty() {
            self.report_message(e);
        } else {
            self.problems.set(e.problems);
        }
    }

    /// Shows the message of a refused action as the one problem.
    fn report_message(self, e: ErrorDto) {
        self.problems.set(vec![FieldProblem {
            field: String::new(),
            message: e.message,
            hint: String::new(),
        }]);
    }

    /// After files were written: says so and reloads the page's state (the letters list).
    async fn written(self, status: String) {
        self.ctx.status.set(Some(status));
        self.prep.set(Some(ipc::review_prep(self.review).await));
    }
}

#[component]
pub(crate) fn PrepPage(review: i64, child: i64) -> impl IntoView {
    let page = Page {
        ctx: ctx(),
        review,
        prep: RwSignal::new(None),
        problems: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
    };
    spawn_local(async move { page.prep.set(Some(ipc::review_prep(review).await)) });
    // What is being typed lives here, so that it outlasts each redraw of the panels.
    let meeting = meeting::Draft::new(page);
    let invitee = invitees::Draft::new();
    let views = checklist::Draft::new();

    let body = move || match page.prep.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(p)) => view! {
            <h2 id="prep-child">{format!("Before the meeting: {}", p.child_name)}</h2>
            <p class="cycle">{format!("Review stage: {}", p.stage_label)}</p>
            <meeting::MeetingPanel page draft=meeting notice=p.notice circulation=p.circulation />
            <invitees::InviteesPanel page draft=invitee invitees=p.invitees />
            <letters::LettersPanel page letters=p.letters />
            <checklist::ChecklistPanel page draft=views checklist=p.checklist />
        }
        .into_any(),
    };

    view! {
        <BackToChild child />
        <Problems id="prep-errors" problems=page.problems />
        {body}
    }
}
