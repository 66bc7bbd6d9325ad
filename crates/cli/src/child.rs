//! `ardesk child …` (one child's record: mark them as left, back on roll, export it, erase it) and
//! `ardesk leavers` (the leavers, the school's retention rule, and erasing the records due).

use ardesk_app::{App, AppError};
use ardesk_dto::{LeavingForm, RetentionBasis, RetentionForm};
use clap::Subcommand;

use crate::{DbArg, to_json};

#[derive(Debug, Subcommand)]
pub(crate) enum ChildCommand {
    /// Mark a child as having left the school: off the caseload, their record read-only.
    Leave {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        id: i64,
        /// The day they left (dd/mm/yyyy), today or before.
        #[arg(long, value_name = "DATE")]
        on: String,
        /// Where they went: the school, college or setting, or why there is none.
        #[arg(long, value_name = "TEXT")]
        to: String,
    },
    /// Put a child marked as left back on roll.
    BackOnRoll {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        id: i64,
    },
    /// Write everything held about a child into DIR as one zip (a subject access request, or
    /// the record for the setting they move to): a readable index.html, record.json, and every
    /// file held. Prints its path.
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        id: i64,
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
    },
    /// Erase a child: every record about them and the files only they had, from the database
    /// now and from its backups as they age out (the date is printed). It cannot be undone.
    Delete {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        id: i64,
    },
}

/// What the retention period counts from, on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Basis {
    AfterLeaving,
    UntilAge,
}

#[derive(Debug, clap::Args)]
pub(crate) struct LeaversArgs {
    #[command(flatten)]
    db: DbArg,
    /// Set the school's retention rule first: what the period counts from (with --years).
    #[arg(long, value_enum, requires = "years")]
    keep: Option<Basis>,
    #[arg(long, requires = "keep")]
    years: Option<String>,
    /// Erase these leavers' records, each of which must be listed as due (nothing is erased
    /// if one is not).
    #[arg(long, value_name = "ID", num_args = 1.., conflicts_with = "keep")]
    erase: Vec<i64>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(
    command: ChildCommand,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    match command {
        ChildCommand::Leave { db, id, on, to } => {
            let detail = open(db)?.mark_left(id, LeavingForm { on, destination: to })?;
            if let Some(left) = detail.left {
                println!(
                    "{} left on {} ({}): off the caseload, kept read-only.",
                    detail.name, left.on, left.destination
                );
                if let Some(day) = left.erase_on {
                    println!("Under the school's retention rule, their record is due to be erased on {day}.");
                }
            }
        }
        ChildCommand::BackOnRoll { db, id } => {
            let detail = open(db)?.back_on_roll(id)?;
            println!("{} is back on roll.", detail.name);
        }
        ChildCommand::Export { db, id, out } => {
            std::fs::create_dir_all(&out).map_err(|e| {
                AppError::new(ardesk_dto::ErrorCode::Io, format!("Could not create {}: {e}", out.display()))
            })?;
            let mut app = open(db)?;
            let path = out.join(app.record_file_name(id)?);
            app.export_record(id, &path)?;
            println!("{}", path.display());
        }
        ChildCommand::Delete { db, id } => {
            let mut app = open(db)?;
            let name = app.child(id)?.name;
            let erased = app.delete_child(id)?;
            println!("Deleted {name}. {}", erased.note);
        }
    }
    Ok(())
}

pub(crate) fn leavers(
    args: LeaversArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let LeaversArgs { db, keep, years, erase, json } = args;
    let mut app = open(db)?;
    if let (Some(basis), Some(years)) = (keep, years) {
        let basis = match basis {
            Basis::AfterLeaving => RetentionBasis::AfterLeaving,
            Basis::UntilAge => RetentionBasis::UntilAge,
        };
        app.set_retention(RetentionForm { basis: Some(basis), years })?;
    }
    if !erase.is_empty() {
        let erased = app.erase_leavers(erase)?;
        println!("{}", erased.note);
        return Ok(());
    }
    let listed = app.leavers()?;
    if json {
        println!("{}", to_json(&listed)?);
        return Ok(());
    }
    match &listed.rule {
        Some(rule) => println!("Leavers' records are {rule}."),
        None => println!(
            "No retention rule is set: no record is listed for erasure. Set the school's with \
             --keep after-leaving|until-age --years N."
        ),
    }
    for l in &listed.leavers {
        let erase = match (&l.erase_on, l.due) {
            (Some(day), true) => format!("DUE for erasure since {day}"),
            (Some(day), false) => format!("kept until {day}"),
            (None, _) => String::new(),
        };
        println!("{:>6}  {:<30}  left {} to {}  {erase}", l.child_id, l.name, l.left_on, l.destination);
    }
    if listed.leavers.is_empty() {
        println!("No leavers.");
    }
    Ok(())
}
