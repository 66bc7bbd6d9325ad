//! `ardesk checklist` (a review's report checklist: list it, add a document the invitees did
//! not produce, take one added by hand off it, attach a file) and `ardesk review-type` (annual,
//! interim or early).

use std::path::PathBuf;

use ardesk_app::{App, AppError};
use ardesk_dto::{AddableDocument, ChecklistDocumentForm, ErrorCode, ReviewPrep, ReviewType};

use crate::{DbArg, to_json};

#[derive(Debug, clap::Args)]
pub(crate) struct ChecklistArgs {
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_name = "ID")]
    review: i64,
    /// Add a document the invitee list did not produce: D03 (SEN support plan), D07 (costed
    /// provision map), D08 (risk assessment), D09 (a report from someone not invited: give
    /// --title), D12 (Personal Budget), D13 (health questionnaire), D14 (attendance and
    /// exclusions) or D15 (a request form, e.g. --title "Reassessment request").
    #[arg(long, value_name = "CODE", conflicts_with_all = ["remove", "attach"])]
    add: Option<String>,
    /// The title of the document added (default: the document's name).
    #[arg(long, requires = "add")]
    title: Option<String>,
    /// Take a document added by hand off the list (while nothing is attached to it).
    #[arg(long, value_name = "ITEM", conflicts_with = "attach")]
    remove: Option<i64>,
    /// Attach FILE to item ITEM (as received today).
    #[arg(long, value_name = "ITEM", requires = "file")]
    attach: Option<i64>,
    #[arg(long, value_name = "FILE", requires = "attach")]
    file: Option<PathBuf>,
    /// Record that everything received was sent to every invitee today (T09).
    #[arg(long, conflicts_with_all = ["add", "remove", "attach"])]
    circulated: bool,
    /// With --circulated: everyone was told which papers have not arrived (needed while any
    /// are missing; the circulation cover letters name them).
    #[arg(long, requires = "circulated")]
    told_missing: bool,
    /// Print the checklist as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn checklist(
    args: ChecklistArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let ChecklistArgs { db, review, add, title, remove, attach, file, circulated, told_missing, json } = args;
    let mut app = open(db)?;
    let prep = match (add, remove, attach.zip(file)) {
        _ if circulated => app.mark_circulated(review, told_missing)?,
        (Some(code), _, _) => {
            let code = AddableDocument::from_code(code.trim()).ok_or_else(|| {
                let codes: Vec<&str> = AddableDocument::ALL.iter().map(|d| d.code()).collect();
                AppError::new(
                    ErrorCode::Validation,
                    format!("--add {code:?} is not a document that can be added: use {}.", codes.join(", ")),
                )
            })?;
            let form = ChecklistDocumentForm { code: Some(code), title: title.unwrap_or_default() };
            app.add_checklist_document(review, form)?
        }
        (None, Some(item), _) => app.remove_checklist_item(review, item)?,
        (None, None, Some((item, file))) => app.attach_file_from(review, item, &file)?,
        (None, None, None) => app.review_prep(review)?,
    };
    if json {
        println!("{}", to_json(&prep.checklist)?);
    } else {
        print!("{}", checklist_table(&prep));
    }
    Ok(())
}

fn checklist_table(prep: &ReviewPrep) -> String {
    let mut out = String::new();
    for c in &prep.checklist {
        out.push_str(&format!(
            "{:>5}  {:<3}  {:<9}  {}  (due {}){}{}\n",
            c.id,
            c.code,
            c.status_label,
            c.title,
            c.due.as_deref().unwrap_or("not set"),
            c.file_name.as_deref().map_or(String::new(), |f| format!(" [{f}]")),
            if c.removable { " (added; can be removed)" } else { "" }
        ));
    }
    out.push_str(&format!("{}\n{}\n", prep.notice.text, prep.circulation.text));
    out
}

#[derive(Debug, clap::Args)]
pub(crate) struct ReviewTypeArgs {
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_name = "ID")]
    review: i64,
    /// annual, interim or early; without it, print the review's type.
    #[arg(value_name = "TYPE")]
    set: Option<String>,
}

pub(crate) fn review_type(
    args: ReviewTypeArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let ReviewTypeArgs { db, review, set } = args;
    let mut app = open(db)?;
    let prep = match set {
        Some(code) => {
            let kind = ReviewType::from_code(code.trim()).ok_or_else(|| {
                AppError::new(
                    ErrorCode::Validation,
                    format!("{code:?} is not a kind of review: use annual, interim or early."),
                )
            })?;
            app.set_review_type(review, Some(kind))?
        }
        None => app.review_prep(review)?,
    };
    println!("{}: {}", prep.review_type.code(), prep.review_type.label());
    Ok(())
}
