//! `ardesk timeline`: the statutory clock of one review cycle from its dates alone (no database).
//!
//! The contract (issue 15), for tests and scripting:
//!
//! ```text
//! ardesk timeline --anchor D --dob D [--meeting D] [--last-meeting D] [--la ID]
//!     [--decision maintain|amend|cease --decision-date D [--notice-date D]
//!      [--mediation-certificate D]] --json
//! ```
//!
//! prints every milestone that applies, each with `id`, `date`, `due`, `why` and `source`; T13,
//! T14 and T21 appear when the decision calls for them. Dates are ISO (`YYYY-MM-DD`). Bad input
//! exits 2 with one line on stderr: every argument is read as text and checked here, so that a
//! missing or malformed one is reported in the same one line as a date that cannot be.
//!
//! Without `--decision` no decision letter is recorded: once the LA's 4 weeks after the meeting
//! have passed (on `--today`), the clock asks to chase it (T12C).

use ardesk_app::{App, AppError};
use ardesk_domain::clock::{AnchorKind, CycleFacts, Decided, DecisionKind, LaDecision};
use ardesk_dto::ErrorCode;
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The plan's issue date, or the date of the LA decision letter that concluded the last
    /// review (required).
    #[arg(long, value_name = "YYYY-MM-DD")]
    anchor: Option<String>,
    /// The child's date of birth (required).
    #[arg(long, value_name = "YYYY-MM-DD")]
    dob: Option<String>,
    /// The review meeting date, if set.
    #[arg(long, value_name = "YYYY-MM-DD")]
    meeting: Option<String>,
    /// The last review meeting, for an LA whose target date counts from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    last_meeting: Option<String>,
    /// The maintaining LA's profile id: a shipped one (kent), or `la-` and any English LA's
    /// DfE code (la-306).
    #[arg(long, default_value = ardesk_domain::la::DEFAULT_LA)]
    la: String,
    /// The LA's decision after the meeting: maintain, amend or cease (with --decision-date).
    #[arg(long, value_name = "maintain|amend|cease")]
    decision: Option<String>,
    /// The date of the LA's decision letter.
    #[arg(long, value_name = "YYYY-MM-DD")]
    decision_date: Option<String>,
    /// Amend: the date the LA sent its notice of the proposed amendments (reg 22(2)).
    #[arg(long, value_name = "YYYY-MM-DD")]
    notice_date: Option<String>,
    /// Amend: the date the draft amended plan was served, if later than the notice.
    #[arg(long, value_name = "YYYY-MM-DD")]
    draft_date: Option<String>,
    /// Amend: the date the final amended plan was issued.
    #[arg(long, value_name = "YYYY-MM-DD")]
    final_plan_date: Option<String>,
    /// The date of a mediation certificate, for an appeal (maintain or cease; amend with
    /// --final-plan-date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    mediation_certificate: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Parses the arguments, asks the app for the cycle's clock on `today`, prints it.
pub fn run(args: TimelineArgs, today: NaiveDate) -> Result<(), AppError> {
    let anchor = iso_arg("--anchor", &required("--anchor", args.anchor.as_deref())?)?;
    let dob = iso_arg("--dob", &required("--dob", args.dob.as_deref())?)?;
    let date = |flag, raw: &Option<String>| raw.as_deref().map(|r| iso_arg(flag, r)).transpose();
    let meeting = date("--meeting", &args.meeting)?;
    let last_review_meeting = date("--last-meeting", &args.last_meeting)?;
    let decision = match (args.decision.as_deref(), args.decision_date.as_deref()) {
        (Some(kind), Some(on)) => {
            let kind = DecisionKind::from_code(kind.trim()).ok_or_else(|| {
                invalid(format!(
                    "--decision \"{}\" is not a decision: use maintain, amend or cease",
                    kind.escape_debug()
                ))
            })?;
            let mut decision = LaDecision::new(kind, iso_arg("--decision-date", on)?);
            decision.notice = date("--notice-date", &args.notice_date)?;
            decision.draft = date("--draft-date", &args.draft_date)?;
            decision.final_plan = date("--final-plan-date", &args.final_plan_date)?;
            decision.mediation_certificate = date("--mediation-certificate", &args.mediation_certificate)?;
            Decided::Letter(decision)
        }
        (Some(_), None) => {
            return Err(invalid("--decision needs --decision-date, the date of the LA's letter"));
        }
        (None, Some(_)) => return Err(invalid("--decision-date needs --decision maintain, amend or cease")),
        (None, None) => {
            let after = [
                ("--notice-date", &args.notice_date),
                ("--draft-date", &args.draft_date),
                ("--final-plan-date", &args.final_plan_date),
                ("--mediation-certificate", &args.mediation_certificate),
            ];
            if let Some((flag, _)) = after.iter().find(|(_, value)| value.is_some()) {
                return Err(invalid(format!("{flag} needs --decision and --decision-date")));
            }
            Decided::NotYet
        }
    };
    // With the last review meeting given, the anchor is the decision letter that followed it.
    let anchor_kind = last_review_meeting.map(|_| AnchorKind::LastReviewDecision);
    let facts = CycleFacts { anchor_kind, last_review_meeting, decision };
    let report = App::statutory_timeline(&args.la, anchor, dob, meeting, &facts, today)?;
    if args.json {
        println!("{}", crate::to_json(&report)?);
    } else {
        println!(
            "NC year {} · preparing for adulthood {}",
            report.ncy,
            if report.pfa_required { "required" } else { "not yet required" }
        );
        for m in &report.milestones {
            println!("{}  date {}  due {}  {}", m.id, m.date, m.due, m.why);
        }
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::Validation, message)
}

fn required(flag: &str, raw: Option<&str>) -> Result<String, AppError> {
    raw.map(str::to_owned)
        .ok_or_else(|| invalid(format!("{flag} is required: use YYYY-MM-DD, e.g. 2025-03-01")))
}

/// Parses a `YYYY-MM-DD` argument, naming the flag when it is not a date.
fn iso_arg(flag: &str, raw: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        invalid(format!("{flag} \"{}\" is not a date: use YYYY-MM-DD, e.g. 2025-03-01", raw.escape_debug()))
    })
}
