//! `ardesk after …`: a review after its meeting, as the window's "After the meeting" panel has
//! it: the record marked ready and sent, the LA's decision and what followed it, and a review
//! the LA sent back (what it asked for, each item ticked off, sent again).

use ardesk_app::{App, AppError};
use ardesk_dto::{AfterDecisionForm, AfterMeetingDto, Decision, DecisionForm, ErrorCode, ReturnForm};
use clap::Subcommand;

use crate::{DbArg, to_json};

/// The LA's decision.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Decided {
    /// Maintain the plan unchanged.
    NoChange,
    /// Amend the plan (minor changes).
    Minor,
    /// Amend the plan (significant changes, draft to follow).
    Significant,
    /// Cease to maintain the plan.
    Cease,
}

/// The database and the review a subcommand works on.
#[derive(Debug, clap::Args)]
pub(crate) struct ReviewArg {
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_name = "ID")]
    review: i64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AfterCommand {
    /// Where the review stands after its meeting: dates due, the decision, returns, actions.
    Show {
        #[command(flatten)]
        at: ReviewArg,
        #[arg(long)]
        json: bool,
    },
    /// Mark the AR1 record complete and ready to send (refused while anything is missing).
    Ready {
        #[command(flatten)]
        at: ReviewArg,
    },
    /// Record the day the paperwork went to the LA (after a return: went back to it).
    Sent {
        #[command(flatten)]
        at: ReviewArg,
        /// dd/mm/yyyy or YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Record the LA's decision letter.
    Decision {
        #[command(flatten)]
        at: ReviewArg,
        #[arg(long, value_enum)]
        decision: Decided,
        /// The letter's date.
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Record what followed the decision; dates not given keep what is recorded ("" clears).
    Followed {
        #[command(flatten)]
        at: ReviewArg,
        /// Amend: the notice of the proposed amendments.
        #[arg(long, value_name = "DATE")]
        notice: Option<String>,
        /// Amend: the draft amended plan, when served later than the notice.
        #[arg(long, value_name = "DATE")]
        draft: Option<String>,
        /// Amend: the final amended plan issued.
        #[arg(long, value_name = "DATE")]
        final_plan: Option<String>,
        #[arg(long, value_name = "DATE")]
        mediation_certificate: Option<String>,
        /// Cease: a Tribunal appeal lodged.
        #[arg(long, value_name = "DATE")]
        appeal_lodged: Option<String>,
        /// Cease: the appeal ended (cease upheld or withdrawn).
        #[arg(long, value_name = "DATE")]
        appeal_ended: Option<String>,
    },
    /// Record that the LA sent the review back asking for more: the record reopens.
    Returned {
        #[command(flatten)]
        at: ReviewArg,
        /// The day it came back.
        #[arg(long, value_name = "DATE")]
        on: String,
        /// The date the LA wants an answer by, if it gave one.
        #[arg(long, value_name = "DATE", default_value = "")]
        by: String,
        /// One thing the LA asked for (repeat for each).
        #[arg(long, value_name = "TEXT", required = true)]
        asked: Vec<String>,
    },
    /// Tick off an item of the LA's open return (numbered from 1), or with --undo, untick it.
    Tick {
        #[command(flatten)]
        at: ReviewArg,
        #[arg(long, value_name = "N")]
        item: usize,
        #[arg(long)]
        undo: bool,
    },
}

pub(crate) fn run(
    command: AfterCommand,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let (after, json) = match command {
        AfterCommand::Show { at: ReviewArg { db, review }, json } => (open(db)?.after_meeting(review)?, json),
        AfterCommand::Ready { at: ReviewArg { db, review } } => {
            (open(db)?.mark_ready_to_submit(review)?, false)
        }
        AfterCommand::Sent { at: ReviewArg { db, review }, on } => {
            (open(db)?.mark_submitted(review, &on)?, false)
        }
        AfterCommand::Decision { at: ReviewArg { db, review }, decision, on } => {
            let decision = Some(match decision {
                Decided::NoChange => Decision::NoChange,
                Decided::Minor => Decision::Minor,
                Decided::Significant => Decision::Significant,
                Decided::Cease => Decision::Cease,
            });
            (open(db)?.record_decision(review, DecisionForm { decision, date: on })?, false)
        }
        AfterCommand::Followed {
            at: ReviewArg { db, review },
            notice,
            draft,
            final_plan,
            mediation_certificate,
            appeal_lodged,
            appeal_ended,
        } => {
            let mut app = open(db)?;
            let was = app.after_meeting(review)?.after_decision;
            let form = AfterDecisionForm {
                notice: notice.unwrap_or(was.notice),
                draft: draft.unwrap_or(was.draft),
                final_plan: final_plan.unwrap_or(was.final_plan),
                mediation_certificate: mediation_certificate.unwrap_or(was.mediation_certificate),
                appeal_lodged: appeal_lodged.unwrap_or(was.appeal_lodged),
                appeal_ended: appeal_ended.unwrap_or(was.appeal_ended),
            };
            (app.record_after_decision(review, form)?, false)
        }
        AfterCommand::Returned { at: ReviewArg { db, review }, on, by, asked } => {
            let form = ReturnForm { returned_on: on, respond_by: by, asked: asked.join("\n") };
            (open(db)?.record_return(review, form)?, false)
        }
        AfterCommand::Tick { at: ReviewArg { db, review }, item, undo } => {
            let position = item
                .checked_sub(1)
                .ok_or_else(|| AppError::new(ErrorCode::Validation, "Items are numbered from 1."))?;
            (open(db)?.set_return_item(review, position, !undo)?, false)
        }
    };
    if json {
        println!("{}", to_json(&after)?);
    } else {
        print!("{}", summary(&after));
    }
    Ok(())
}

/// The panel in words, one fact per line.
fn summary(a: &AfterMeetingDto) -> String {
    let mut out = format!("Review {}: {}", a.review_id, a.stage_label);
    if a.decision.is_some() {
        out.push_str(&format!(" ({})", a.state_label));
    }
    out.push('\n');
    let mut line = |label: &str, value: &Option<String>| {
        if let Some(v) = value {
            out.push_str(&format!("  {label}: {v}\n"));
        }
    };
    line("Meeting", &a.meeting);
    line("Sent to the LA", &a.submitted_on);
    line("Chase the LA's decision from (T12C)", &a.chase_la);
    line("Record to the LA by (T11)", &a.report_due);
    line("LA decision due by (T12)", &a.decision_due);
    line("Decision", &a.decision);
    line("Decision letter dated", &a.decided_on);
    line("Representations close (T13)", &a.representations_close);
    line("Final amended plan due by (T14)", &a.final_plan_due);
    line("Appeal to the Tribunal by (T21)", &a.appeal_by);
    if a.missing > 0 {
        out.push_str(&format!("  The AR1 record has {} part(s) still to complete.\n", a.missing));
    }
    for r in &a.returns {
        out.push_str(&format!("  Sent back by the LA on {}", r.returned_on));
        match (&r.resubmitted_on, r.open) {
            (Some(on), _) => out.push_str(&format!(", sent again on {on}\n")),
            (None, true) => out.push_str(&format!(", answer by {}\n", r.due)),
            (None, false) => out.push('\n'),
        }
        for item in &r.items {
            let mark = if item.done_on.is_some() { "x" } else { " " };
            out.push_str(&format!("    {}. [{mark}] {}\n", item.position + 1, item.asked));
        }
    }
    out
}
