//! `ardesk request …`: the school's requests to the LA after a review, as the child's page has
//! them: made (checked, recorded and written as a letter with its evidence), listed, answered.

use std::path::PathBuf;

use ardesk_app::{App, AppError};
use ardesk_dto::{AnswerForm, LaRequestDto, RequestForm, RequestKind, RequestOutcome};
use clap::Subcommand;

use crate::{DbArg, shown, to_json, write_into};

/// What the school asks for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Kind {
    /// A re-assessment of the child's needs (the LA answers within 15 days).
    Reassessment,
    /// Additional support or services.
    Support,
    /// Reconsider the LA's decision, on evidence it has not seen.
    Reconsideration,
}

/// How the LA answered.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Answered {
    Agreed,
    Partly,
    Refused,
    Withdrawn,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RequestCommand {
    /// Check and record a request, and write its letter (DOCX and PDF) and a copy of each
    /// document sent with it into a folder. Nothing is recorded if anything is refused.
    Make {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long, value_enum)]
        kind: Kind,
        /// The school's reasons; one a line (repeat --grounds for more).
        #[arg(long, value_name = "TEXT", required = true)]
        grounds: Vec<String>,
        /// The day the letter goes (dd/mm/yyyy or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        sent: String,
        /// A document of the review to send with it, by its id in `ardesk request list --review`.
        #[arg(long, value_name = "ITEM")]
        evidence: Vec<i64>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// A review's requests and the documents that can go with one; with no review, every
    /// request still awaiting the LA's answer.
    List {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Record the LA's answer to a request (or take it back with --clear).
    Answer {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        request: i64,
        #[arg(long, value_enum, required_unless_present = "clear")]
        outcome: Option<Answered>,
        #[arg(long, value_name = "DATE", required_unless_present = "clear")]
        on: Option<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        #[arg(long, conflicts_with_all = ["outcome", "on"])]
        clear: bool,
    },
    /// Write a recorded request's letter and its documents again.
    Letter {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        request: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

pub(crate) fn run(
    command: RequestCommand,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    match command {
        RequestCommand::Make { db, review, kind, grounds, sent, evidence, out } => {
            let kind = match kind {
                Kind::Reassessment => RequestKind::Reassessment,
                Kind::Support => RequestKind::Support,
                Kind::Reconsideration => RequestKind::Reconsideration,
            };
            let form = RequestForm { kind: Some(kind), grounds: grounds.join("\n"), sent_on: sent, evidence };
            write_into(&out, |out| open(db)?.make_request(review, &form, out))
        }
        RequestCommand::List { db, review: Some(review), json } => {
            let panel = open(db)?.la_requests(review)?;
            if json {
                println!("{}", to_json(&panel)?);
            } else {
                print_requests(&panel.requests);
                println!("Documents that can go with a request:");
                for e in &panel.evidence {
                    println!(
                        "  {:>5}  {}{}{}",
                        e.item,
                        shown(&e.title),
                        e.received_on.as_ref().map(|d| format!(", received {d}")).unwrap_or_default(),
                        if e.new { " (new since the review went to the LA)" } else { "" }
                    );
                }
            }
            Ok(())
        }
        RequestCommand::List { db, review: None, json } => {
            let all = open(db)?.unanswered_requests()?;
            if json {
                println!("{}", to_json(&all)?);
            } else if all.is_empty() {
                println!("No request is awaiting the LA's answer.");
            } else {
                print_requests(&all);
            }
            Ok(())
        }
        RequestCommand::Answer { db, request, outcome, on, note, clear } => {
            let form = if clear {
                AnswerForm::default()
            } else {
                AnswerForm {
                    outcome: outcome.map(|o| match o {
                        Answered::Agreed => RequestOutcome::Agreed,
                        Answered::Partly => RequestOutcome::PartlyAgreed,
                        Answered::Refused => RequestOutcome::Refused,
                        Answered::Withdrawn => RequestOutcome::Withdrawn,
                    }),
                    date: on.unwrap_or_default(),
                    note,
                }
            };
            let panel = open(db)?.answer_request(request, &form)?;
            print_requests(&panel.requests);
            Ok(())
        }
        RequestCommand::Letter { db, request, out } => {
            write_into(&out, |out| open(db)?.write_request_letter(request, out))
        }
    }
}

fn print_requests(requests: &[LaRequestDto]) {
    for r in requests {
        let status = match (&r.outcome_label, &r.answered_on, &r.answer_due) {
            (Some(o), Some(on), _) => format!("answered {on}: {o}"),
            (_, _, Some(due)) if r.overdue => format!("answer OVERDUE (due {due})"),
            (_, _, Some(due)) => format!("answer due {due}"),
            _ => "answer awaited".to_owned(),
        };
        println!("{:>5}  {}  {}  sent {}  {status}", r.id, shown(&r.child_name), r.kind_label, r.sent_on);
    }
}
