//! `ardesk`: Annual Review Desk without the window. Every subcommand parses its arguments, calls
//! one `ardesk_app::App` method and prints the result. Exit codes: 0 success, 1 the command ran
//! and found problems (or failed), 2 the input was unusable (bad arguments, unreadable database).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ardesk_app::{App, AppError, Clock, FixedClock, Passphrase, SystemClock, keys};

use ardesk_domain::dates::parse_user_date;
use ardesk_dto::{ChildSummary, ErrorCode};
use clap::{Parser, Subcommand};

mod after;
mod child;
mod las;
mod people;
mod prep;
mod requests;
mod timeline;

#[derive(Debug, Parser)]
#[command(
    name = "ardesk",
    version,
    about = "Annual Review Desk: EHCP annual reviews for SENCOs, from the command line."
)]
struct Cli {
    /// Treat this date (YYYY-MM-DD) as today, for reproducible output.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    today: Option<String>,

    /// Read the database's passphrase from this file (its first line), on a computer with no
    /// credential store or where it is not kept; ARDESK_PASSPHRASE does the same.
    #[arg(long, global = true, value_name = "PATH")]
    passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct DbArg {
    /// The database file. Default: the same database the desktop app uses.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Docx,
    Pdf,
    Both,
}

/// How amendments are shown.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Mode {
    Revisions,
    Boldstrike,
    Table,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create or open a database and load the synthetic demo caseload into it.
    Demo {
        #[command(flatten)]
        db: DbArg,
        /// How many children (1 to 2000).
        #[arg(long, default_value_t = ardesk_domain::demo::STANDARD_SIZE)]
        size: usize,
    },
    /// List the children in the caseload.
    Pupils {
        #[command(flatten)]
        db: DbArg,
        /// Print JSON (an array of child summaries) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// A review after its meeting: mark it ready, record it sent, the LA's decision and what
    /// followed it, and a review the LA sent back (what it asked for, ticked off, sent again).
    After {
        #[command(subcommand)]
        command: after::AfterCommand,
    },
    /// The school's requests to the LA after a review (a re-assessment, support or services,
    /// a reconsideration on new evidence): make one with its letter, list, record the answer.
    Request {
        #[command(subcommand)]
        command: requests::RequestCommand,
    },
    /// One child's record: mark them as left, put them back on roll, or erase it.
    Child {
        #[command(subcommand)]
        command: child::ChildCommand,
    },
    /// List the leavers with the day each record is due to be erased under the school's
    /// retention rule; set the rule; erase the records due (named by id, as a confirmation).
    Leavers(child::LeaversArgs),
    /// A child's parents, carers and professionals: list, add, edit, remove.
    People {
        #[command(subcommand)]
        command: people::PeopleCommand,
    },
    /// Import pupils from the school's MIS: a DfE Common Transfer File (CTF) or a CSV report.
    /// Pupils with an EHC plan are added or updated (matched by UPN); what the SENCO typed is
    /// never overwritten and nobody is deleted. Exit 2, writing nothing, if the file is unusable.
    ImportPupils(people::ImportArgs),
    /// Set the school's logo from a PNG (it heads the Word letters), or remove it.
    Logo {
        #[command(flatten)]
        db: DbArg,
        #[arg(required_unless_present = "remove", value_name = "PNG")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// List the school's LAs (shipped, added or edited, or with a child saved against them);
    /// with --all, every LA in England a child can be saved against.
    Profiles(las::ProfilesArgs),
    /// Add an LA in England to the school's LAs, with a profile copied from the statutory
    /// defaults, for the school to edit in Settings.
    AddLa(las::AddLaArgs),
    /// Edit one of the school's LA profiles as Settings does: its name, channel and address,
    /// forms, how amendments are shown and its timings (checked against the law).
    EditLa(las::EditLaArgs),
    /// Remove an LA the school added (`la-NNN`) with no child saved against it.
    RemoveLa(las::RemoveLaArgs),
    /// Compute the statutory clock of one review cycle (no database needed).
    Timeline(timeline::TimelineArgs),
    /// List every child with their current review, next milestone and status, most urgent first.
    Caseload {
        #[command(flatten)]
        db: DbArg,
        /// List the children whose plans have ceased instead (off the caseload, kept for the record).
        #[arg(long)]
        ceased: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write the staff briefing sheet for a review's child: one page for the teachers and
    /// teaching assistants (outcomes, the support, what changed, actions, who to ask).
    Briefing(ReviewDocArgs),
    /// Record who was briefed on a review's plan, and when (dd/mm/yyyy or YYYY-MM-DD); prints
    /// every briefing recorded for it.
    Briefed {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        /// Who was briefed ("Class teacher and TA").
        #[arg(long, value_name = "WHO")]
        who: String,
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Record a check-in between reviews on a child (progress, the child's view, the parents'
    /// feedback); with none of them, list the check-ins since the last review.
    CheckIn {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        /// The day of the check-in (dd/mm/yyyy or YYYY-MM-DD).
        #[arg(long, value_name = "DATE", default_value = "")]
        on: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        progress: String,
        #[arg(long = "child-view", value_name = "TEXT", default_value = "")]
        child_view: String,
        #[arg(long = "parents", value_name = "TEXT", default_value = "")]
        parent_view: String,
        #[arg(long)]
        json: bool,
    },
    /// A child's transition plan (from Year 9 and in a transfer year): record the receiving
    /// setting (--setting, invited by name to the review), add an action (--action, --owner,
    /// --by), tick one off (--done ID); with none of them, show it.
    Transition {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        /// The school or college the child moves to.
        #[arg(long, value_name = "NAME")]
        setting: Option<String>,
        #[arg(long, value_name = "NAME", default_value = "", requires = "setting")]
        contact: String,
        #[arg(long, value_name = "EMAIL", default_value = "", requires = "setting")]
        email: String,
        #[arg(long, value_name = "PHONE", default_value = "", requires = "setting")]
        phone: String,
        #[arg(long, value_name = "TEXT", requires = "owner")]
        action: Option<String>,
        #[arg(long, value_name = "WHO", default_value = "")]
        owner: String,
        /// The day the action is due (dd/mm/yyyy or YYYY-MM-DD).
        #[arg(long, value_name = "DATE", default_value = "", requires = "action")]
        by: String,
        /// Tick off the action with this id.
        #[arg(long, value_name = "ID")]
        done: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Save the reflection on a held review (what worked, what could improve, what to do
    /// differently next time); with no answers, list every review's reflection.
    Reflect {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID", requires = "worked")]
        review: Option<i64>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        worked: String,
        #[arg(long, value_name = "TEXT", default_value = "")]
        improve: String,
        #[arg(long = "next", value_name = "TEXT", default_value = "")]
        next_time: String,
        #[arg(long)]
        json: bool,
    },
    /// Write every milestone of every child on roll as one calendar (.ics) for Outlook or
    /// Google Calendar, children by initials only.
    Calendar {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The compliance report for the head and governors: each review whose meeting fell in the
    /// period, with notice (T07), circulation (T09), the report to the LA (T11) and the LA's
    /// decision (T12) each met, late, pending or n/a, and the totals. Initials only.
    Compliance {
        #[command(flatten)]
        db: DbArg,
        /// The period's first day (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The period's last day.
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long)]
        json: bool,
        /// Also write it in DIR (created if missing) for the governors: a PDF with a chart and
        /// the same as CSV (opens in Excel).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// List a review's invitees; with --accept, first save the suggested ones (and the checklist).
    Invitees {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long)]
        accept: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write every letter for a review (invitations, requests for advice, the child's invitation).
    Letters(ReviewDocArgs),
    /// Write a review's invitations as email drafts (.eml), one per invitee with an email
    /// address, the letter attached as PDF, for Outlook or Thunderbird to send. Initials only in
    /// the subject; nobody with a contact restriction.
    Emails {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Show a review's report checklist: requested, due, received, chased; add a document the
    /// invitees did not produce (--add D07), take one added by hand off it, or attach a file.
    Checklist(prep::ChecklistArgs),
    /// Show or set the kind of review: annual, interim or early.
    ReviewType(prep::ReviewTypeArgs),
    /// Write the AR1 form for a review's meeting (PDF to print, DOCX to type into), pre-filled
    /// (the default) or blank; or, with --record, the completed record.
    Ar1 {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A blank form, with no child's details.
        #[arg(long, conflicts_with = "prefilled")]
        blank: bool,
        /// Pre-filled with the child's details, the invitees and the Section E outcomes.
        #[arg(long, conflicts_with = "record")]
        prefilled: bool,
        /// The completed record of the meeting (a draft, headed by what is missing, if incomplete).
        #[arg(long, conflicts_with = "blank")]
        record: bool,
        /// Which formats to write (default: PDF for the form, both for the record).
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Write the proposed amendments document into DIR: Word revisions, bold/strike or a table
    /// (default: the LA's choice, or the review's). Exits 1 if no amendments are proposed.
    Amendments {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum)]
        mode: Option<Mode>,
        /// For bold/strike and the table: which formats to write (revisions are always DOCX).
        #[arg(long, value_enum, default_value_t = Format::Both)]
        format: Format,
    },
    /// Import a child's current EHC plan from a .docx: finds each section by its heading and
    /// saves them (with the file), printing what was found.
    ImportPlan {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        file: PathBuf,
    },
    /// Validate a review's submission bundle and write it into DIR as one zip, printing its
    /// path. If a blocking rule fails, or a warning has no reason recorded, nothing is written:
    /// the problems are listed (exit 1).
    Bundle {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Record why the warnings of a rule stand (for example --because "V11=The EP's report
        /// came late; agreed with the caseworker"), for each of its warnings not yet answered.
        /// The reason goes to the LA in the manifest. Repeat for each rule.
        #[arg(long, value_name = "RULE=REASON")]
        because: Vec<String>,
    },
    /// For the crash-loop test: save AR1 edits to a review as fast as possible, printing the
    /// number of each save once it is acknowledged (committed), until killed.
    #[command(hide = true)]
    SaveLoop {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        review: i64,
    },
    /// Check a received bundle (for the LA's SEN team): exit 0 = valid, 1 = problems found,
    /// 2 = the file cannot be used.
    Verify {
        bundle: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The LA's desk: check every bundle in the folders or zips given (in parallel, as
    /// `verify` does) and list them as a register ordered by the date the decision is due. A
    /// zip without a manifest, or a subfolder of files, was sent without the app: its files are
    /// scanned and recognised, and it needs a person. Exits 1 if any is not valid, 2 if nothing
    /// was found.
    Intake {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The day the bundles arrived (YYYY-MM-DD or DD/MM/YYYY); today if not given.
        #[arg(long, value_name = "DATE")]
        received: Option<String>,
        /// This LA's profile id (`ardesk profiles --all`): a bundle made for another LA is a
        /// problem, and a submission sent without the app is checked against its required
        /// documents.
        #[arg(long, value_name = "ID")]
        la: Option<String>,
        #[arg(long)]
        json: bool,
        /// Also write the register as CSV (opens in Excel) to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also draft the reply to each school whose bundle has problems ("returned for
        /// completion"), as DOCX and PDF in DIR (created if missing), for an officer to check.
        #[arg(long, value_name = "DIR")]
        replies: Option<PathBuf>,
    },
    /// Draft the LA's reply to one received review, as DOCX and PDF: `returned` (to the school,
    /// listing what to put right) or the decision to the family — `maintain`, `minor` (changes
    /// noted for the next review), `amend` (proposed amendments: 15 days for representations,
    /// the final plan's date) or `cease` — with the right of appeal, mediation and SENDIASS.
    Reply {
        /// returned, maintain, minor, amend or cease.
        #[arg(value_name = "REPLY")]
        reply: String,
        /// The bundle (.zip) received.
        bundle: PathBuf,
        /// This LA's profile id, whose wording and contacts the letter uses; else the bundle's.
        #[arg(long, value_name = "ID")]
        la: Option<String>,
        /// The parent or young person the decision is sent to ("Dear …"); the bundle holds
        /// initials only, so without it the letter leaves a marked place for the case record's.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// A line of their address (repeat for each line).
        #[arg(long, value_name = "LINE")]
        address: Vec<String>,
        /// The child's name as the letter should use it; the initials if not given.
        #[arg(long, value_name = "NAME")]
        child: Option<String>,
        /// The folder to write the letter in (created if missing).
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Check files for passwords, encryption, macros and unreadable content (by content, not
    /// by name). Exits 1 if any file is not ok.
    Scan {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// The largest file accepted, in MB.
        #[arg(long, value_name = "MB", default_value_t = 50)]
        max_mb: u64,
    },
    /// Encrypt a caseload made before Annual Review Desk encrypted them, in place: with the
    /// passphrase given (ARDESK_PASSPHRASE, --passphrase-file), or a new recovery passphrase kept
    /// in this computer's credential store and printed once. Its plaintext backups are deleted.
    Encrypt {
        #[command(flatten)]
        db: DbArg,
    },
    /// Write a consistent copy of the database to FILE (SQLite online backup).
    Backup {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The window highlights the fields; here the problems are the message.
            match e.problems.as_slice() {
                [] => eprintln!("error: {}", e.message),
                problems => {
                    for p in problems {
                        eprintln!("error: {} {} ({})", p.message, p.hint, p.field);
                    }
                }
            }
            ExitCode::from(exit_code(e.code))
        }
    }
}

fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::Validation
        | ErrorCode::NewerSchema
        | ErrorCode::NotOurDatabase
        | ErrorCode::Locked
        | ErrorCode::NeedsPassphrase
        | ErrorCode::Io
        | ErrorCode::Unavailable => 2,
        ErrorCode::NotFound | ErrorCode::Conflict | ErrorCode::Storage | ErrorCode::Cancelled => 1,
    }
}

fn clock(today: Option<&str>) -> Result<Box<dyn Clock>, AppError> {
    match today {
        None => Ok(Box::new(SystemClock)),
        Some(raw) => parse_user_date("today", "--today", raw)
            .map(|d| Box::new(FixedClock::on(d)) as Box<dyn Clock>)
            .map_err(|p| AppError::new(ErrorCode::Validation, format!("{} {}", p.message, p.hint))),
    }
}

/// The passphrase given with `--passphrase-file` or, failing that, in `ARDESK_PASSPHRASE`.
fn given_passphrase(file: Option<&Path>) -> Result<Option<Passphrase>, AppError> {
    match file {
        Some(path) => {
            // Its first 4 KiB at most: a passphrase is one line. (A pipe is allowed here, as
            // `--passphrase-file <(pass show …)` gives one.)
            let mut text = String::new();
            std::fs::File::open(path)
                .and_then(|f| std::io::Read::read_to_string(&mut std::io::Read::take(f, 4096), &mut text))
                .map_err(|e| {
                    AppError::new(
                        ErrorCode::Io,
                        format!("The passphrase file {} could not be read: {e}", path.display()),
                    )
                })?;
            // Notepad begins a UTF-8 file with a byte-order mark: it is not part of the passphrase.
            let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
            Passphrase::new(first).map(Some).ok_or_else(|| {
                AppError::new(ErrorCode::Locked, format!("The passphrase file {} is empty.", path.display()))
            })
        }
        None => Ok(std::env::var("ARDESK_PASSPHRASE").ok().and_then(|p| Passphrase::new(&p))),
    }
}

/// The database `db` names (or the default), opened with the passphrase `given` or the one this
/// computer keeps for it; a new one is created encrypted.
fn open(db: DbArg, clock: Box<dyn Clock>, given: Option<&Passphrase>) -> Result<App, AppError> {
    let path = match db.db {
        Some(p) => p,
        None => ardesk_app::default_db_path()?,
    };
    let opened = keys::open(&path, clock, ardesk_app::os_user(), given.cloned(), &keys::OsKeyring)?;
    if let Some(recovery) = &opened.recovery {
        eprintln!(
            "A new encrypted database: its key is kept in this computer's credential store.\n\
             Recovery passphrase (shown once; write it down and keep it safe, it opens the \
             database on another computer): {}",
            recovery.reveal()
        );
    }
    Ok(opened.app)
}

fn run(cli: Cli) -> Result<(), AppError> {
    let clock = clock(cli.today.as_deref())?;
    let given = given_passphrase(cli.passphrase_file.as_deref())?;
    match cli.command {
        Command::Demo { db, size } => {
            let mut app = open(db, clock, given.as_ref())?;
            let n = app.load_demo(size)?;
            println!("Demo caseload ready: {n} children in {}.", app.info()?.database);
        }
        Command::Pupils { db, json } => {
            let app = open(db, clock, given.as_ref())?;
            if json {
                println!("{}", to_json(&app.pupils()?)?);
            } else {
                let children = app.children()?;
                print!("{}", table(&children));
            }
        }
        Command::After { command } => after::run(command, |db| open(db, clock, given.as_ref()))?,
        Command::Request { command } => requests::run(command, |db| open(db, clock, given.as_ref()))?,
        Command::Child { command } => child::run(command, |db| open(db, clock, given.as_ref()))?,
        Command::Leavers(args) => child::leavers(args, |db| open(db, clock, given.as_ref()))?,
        Command::People { command } => people::run(command, |db| open(db, clock, given.as_ref()))?,
        Command::ImportPupils(args) => people::import(args, |db| open(db, clock, given.as_ref()))?,
        Command::Logo { db, file, remove } => {
            let mut app = open(db, clock, given.as_ref())?;
            let school = match file {
                Some(file) if !remove => app.set_school_logo_file(&file)?,
                _ => app.remove_school_logo()?,
            };
            println!("{}", if school.has_logo { "The logo is set." } else { "No logo is set." });
        }
        Command::Profiles(args) => las::profiles(args, |db| open(db, clock, given.as_ref()))?,
        Command::AddLa(args) => las::add(args, |db| open(db, clock, given.as_ref()))?,
        Command::EditLa(args) => las::edit(args, |db| open(db, clock, given.as_ref()))?,
        Command::RemoveLa(args) => las::remove(args, |db| open(db, clock, given.as_ref()))?,
        Command::Timeline(args) => timeline::run(args, clock.today())?,
        Command::Briefing(ReviewDocArgs { db, review, out, format }) => {
            write_into(&out, |out| {
                open(db, clock, given.as_ref())?.write_briefing(review, out, letter_format(format))
            })?;
        }
        Command::Briefed { db, review, who, on } => {
            let after = open(db, clock, given.as_ref())?
                .record_briefing(review, ardesk_dto::BriefingForm { who, date: on })?;
            for b in &after.briefings {
                println!("{}  {}", b.on, shown(&b.who));
            }
        }
        Command::CheckIn { db, child, on, progress, child_view, parent_view, json } => {
            let mut app = open(db, clock, given.as_ref())?;
            let list = if [&on, &progress, &child_view, &parent_view].iter().all(|t| t.is_empty()) {
                app.check_ins(child)?
            } else {
                app.record_check_in(
                    child,
                    &ardesk_dto::CheckInForm { date: on, progress, child_view, parent_view },
                )?
            };
            if json {
                println!("{}", to_json(&list)?);
            } else {
                for c in &list.check_ins {
                    println!("{}", c.on);
                    for (what, said) in
                        [("progress", &c.progress), ("child", &c.child_view), ("parents", &c.parent_view)]
                    {
                        if !said.is_empty() {
                            println!("  {what}: {}", shown(said));
                        }
                    }
                }
            }
        }
        Command::Transition { db, child, setting, contact, email, phone, action, owner, by, done, json } => {
            let mut app = open(db, clock, given.as_ref())?;
            let mut plan = app.transition(child)?;
            if let Some(setting) = setting {
                let form = ardesk_dto::ReceivingSettingForm { setting, contact, email, phone };
                plan = app.save_receiving_setting(child, &form)?;
            }
            if let Some(action) = action {
                let form = ardesk_dto::TransitionActionForm { action, owner, due: by };
                plan = app.add_transition_action(child, &form)?;
            }
            if let Some(id) = done {
                plan = app.set_transition_action_done(child, id, true)?;
            }
            if json {
                println!("{}", to_json(&plan)?);
            } else {
                println!(
                    "{}",
                    plan.why.as_deref().unwrap_or("No transition to plan yet (before Year 9, no transfer).")
                );
                if !plan.setting.setting.is_empty() {
                    let s = &plan.setting;
                    println!(
                        "Receiving setting: {} · {} · {} · {}",
                        shown(&s.setting),
                        shown(&s.contact),
                        shown(&s.email),
                        shown(&s.phone)
                    );
                }
                for a in &plan.actions {
                    println!(
                        "{:>5}  [{}] {} ({}){}",
                        a.id,
                        if a.done.is_some() { "x" } else { " " },
                        shown(&a.action),
                        shown(&a.owner),
                        a.due
                            .as_ref()
                            .map(|d| format!(", by {d}{}", if a.overdue { " OVERDUE" } else { "" }))
                            .unwrap_or_default()
                    );
                }
            }
        }
        Command::Reflect { db, review, worked, improve, next_time, json } => {
            let mut app = open(db, clock, given.as_ref())?;
            if let Some(review) = review {
                app.save_reflection(review, ardesk_dto::ReflectionForm { worked, improve, next_time })?;
            }
            let all = app.reflections()?;
            if json {
                println!("{}", to_json(&all)?);
            } else {
                for r in &all {
                    println!(
                        "{} (meeting {}), written {}",
                        shown(&r.child_name),
                        r.meeting.as_deref().unwrap_or("?"),
                        r.written_on
                    );
                    for (q, a) in [
                        ("worked", &r.answers.worked),
                        ("improve", &r.answers.improve),
                        ("next time", &r.answers.next_time),
                    ] {
                        if !a.is_empty() {
                            println!("  {q}: {}", shown(a));
                        }
                    }
                }
            }
        }
        Command::Calendar { db, out } => {
            let written = open(db, clock, given.as_ref())?.export_caseload_ics(&out)?;
            println!("{} ({} milestones)", out.display(), written.items);
        }
        Command::Compliance { db, from, to, json, out } => {
            let app = open(db, clock, given.as_ref())?;
            let report = app.compliance_report(&from, &to)?;
            if let Some(dir) = &out {
                std::fs::create_dir_all(dir).map_err(|e| {
                    AppError::new(ErrorCode::Io, format!("Could not create {}: {e}", dir.display()))
                })?;
                let written = app.save_compliance(&from, &to, dir)?;
                eprintln!("Written in {}: {}", dir.display(), written.files.join(", "));
            }
            if json {
                println!("{}", to_json(&report)?);
            } else {
                println!("Reviews with a meeting from {} to {}:", report.from, report.to);
                for r in &report.rows {
                    println!(
                        "{}  {:<4} {:<24} T07 {:<7} T09 {:<7} T11 {:<7} T12 {}",
                        r.meeting,
                        shown(&r.initials),
                        shown(&r.la_name),
                        r.t07,
                        r.t09,
                        r.t11,
                        r.t12
                    );
                }
                for t in &report.totals {
                    let share = t
                        .percent_met
                        .map(|p| format!("{p}% on time"))
                        .unwrap_or_else(|| "none decided yet".to_owned());
                    println!(
                        "{} {}: {} met, {} late, {} pending ({share})",
                        t.milestone, t.title, t.met, t.late, t.pending
                    );
                }
            }
        }
        Command::Caseload { db, ceased: true, json } => {
            let plans = open(db, clock, given.as_ref())?.ceased_plans()?;
            if json {
                println!("{}", to_json(&plans)?);
            } else {
                for p in &plans {
                    println!(
                        "{:>6}  {:<30}  {:<30}  ceased from {}",
                        p.child_id, p.name, p.la_name, p.ceased_from
                    );
                }
            }
        }
        Command::Caseload { db, ceased: false, json } => {
            let rows = open(db, clock, given.as_ref())?.caseload()?;
            if json {
                println!("{}", to_json(&rows)?);
            } else {
                print!("{}", caseload_table(&rows));
            }
        }
        Command::Invitees { db, review, accept, json } => {
            let mut app = open(db, clock, given.as_ref())?;
            let prep = if accept { app.accept_suggested_invitees(review)? } else { app.review_prep(review)? };
            if json {
                println!("{}", to_json(&prep.invitees)?);
            } else {
                for i in &prep.invitees {
                    let invited = i.invited_on.as_deref().map_or(String::new(), |d| format!(", invited {d}"));
                    println!(
                        "{:>5}  {} ({}){}{}",
                        i.id,
                        i.form.name,
                        i.form.role,
                        if i.statutory { ", statutory" } else { "" },
                        invited
                    );
                }
                if prep.invitees.is_empty() {
                    println!("No invitees yet: run again with --accept to save the suggested ones.");
                }
            }
        }
        Command::Letters(ReviewDocArgs { db, review, out, format }) => {
            write_into(&out, |out| {
                open(db, clock, given.as_ref())?.generate_letters(review, out, letter_format(format))
            })?;
        }
        Command::Emails { db, review, out } => {
            write_into(&out, |out| open(db, clock, given.as_ref())?.write_invitation_emails(review, out))?;
        }
        Command::Checklist(args) => prep::checklist(args, |db| open(db, clock, given.as_ref()))?,
        Command::ReviewType(args) => prep::review_type(args, |db| open(db, clock, given.as_ref()))?,
        Command::Ar1 { db, review, out, blank, prefilled: _, record, format } => {
            write_into(&out, |out| {
                let app = open(db, clock, given.as_ref())?;
                if record {
                    app.write_ar1_record(review, out, letter_format(format.unwrap_or(Format::Both)))
                } else {
                    app.write_ar1_form(review, out, !blank, letter_format(format.unwrap_or(Format::Pdf)))
                }
            })?;
        }
        Command::Amendments { db, review, out, mode, format } => {
            let mode = mode.map(|m| match m {
                Mode::Revisions => "revisions",
                Mode::Boldstrike => "boldstrike",
                Mode::Table => "table",
            });
            write_into(&out, |out| {
                open(db, clock, given.as_ref())?.write_amendments(review, out, mode, letter_format(format))
            })?;
        }
        Command::ImportPlan { db, child, file } => {
            let mut app = open(db, clock, given.as_ref())?;
            let found = app.read_plan_file(child, &file)?;
            for s in &found.sections {
                let words = s.text.split_whitespace().count();
                println!("{:<6} {:>5} words  {}", s.code, words, s.title);
            }
            if !found.missing.is_empty() {
                println!("not found: {}", found.missing.join(", "));
            }
            app.save_plan(child, found.sections)?;
        }
        Command::Bundle { db, review, out, because } => {
            std::fs::create_dir_all(&out).map_err(|e| {
                AppError::new(ErrorCode::Io, format!("Could not create {}: {e}", out.display()))
            })?;
            let mut app = open(db, clock, given.as_ref())?;
            for given in &because {
                let (rule, reason) = given.split_once('=').ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Validation,
                        format!("--because {given:?}: write it as RULE=REASON."),
                    )
                })?;
                let rule = rule.trim().to_ascii_uppercase();
                let open: Vec<String> = app
                    .bundle_check(review)?
                    .findings
                    .into_iter()
                    .filter(|f| f.rule == rule && f.can_override && f.overridden.is_none())
                    .map(|f| f.message)
                    .collect();
                if open.is_empty() {
                    return Err(AppError::new(
                        ErrorCode::Validation,
                        format!("--because {rule}: no warning of {rule} is waiting for a reason."),
                    ));
                }
                for message in open {
                    app.override_finding(review, &rule, &message, reason)?;
                }
            }
            let check = app.bundle_check(review)?;
            for f in check
                .findings
                .iter()
                .filter(|f| f.severity != ardesk_dto::Severity::Block || f.overridden.is_some())
            {
                let note = match &f.overridden {
                    Some(r) => format!(" (reason: {r})"),
                    None => " (no reason recorded: fix it, or give one with --because)".to_owned(),
                };
                eprintln!("{} {}: {}{note}", f.severity.code(), f.rule, f.message);
            }
            let path = out.join(format!("{}.zip", check.name));
            app.export_bundle(review, &path)?;
            println!("{}", path.display());
            eprintln!("{}\nSubject: {}", check.how_to_send, check.subject);
        }
        Command::SaveLoop { db, review } => {
            use std::io::Write;
            let mut app = open(db, clock, given.as_ref())?;
            let mut out = std::io::stdout().lock();
            for n in 0u64.. {
                app.save_ar1_field(review, "discussion", &format!("edit {n}"))?;
                app.save_ar1_field(review, &format!("actions.{}.action", n % 3), &format!("action {n}"))?;
                writeln!(out, "{n}")
                    .and_then(|()| out.flush())
                    .map_err(|e| AppError::new(ErrorCode::Io, format!("Could not report save {n}: {e}")))?;
            }
        }
        Command::Verify { bundle, json } => {
            let report = ardesk_app::verify_bundle_file(&bundle)?;
            if json {
                println!("{}", to_json(&report)?);
            } else {
                // Every text from the bundle printed with its control characters escaped: a
                // name or a field cannot move the cursor or paint over the verdict.
                match &report.manifest {
                    Some(m) => println!(
                        "{}: {} files for {} ({}), meeting {}",
                        shown(&report.bundle),
                        m.files.len(),
                        shown(&m.child.initials),
                        shown(&m.la_profile.id),
                        shown(&m.review.meeting_date)
                    ),
                    None => println!("{}", shown(&report.bundle)),
                }
                for p in &report.problems {
                    println!("  problem: {}", shown(p));
                }
                for w in &report.warnings {
                    println!("  warning: {}", shown(w));
                }
                println!(
                    "{}",
                    if report.valid {
                        "valid"
                    } else if report.unusable {
                        "unusable"
                    } else {
                        "not valid"
                    }
                );
            }
            if report.unusable {
                return Err(AppError::new(ErrorCode::Validation, "The bundle cannot be used."));
            }
            if !report.valid {
                return Err(AppError::new(ErrorCode::Conflict, "The bundle has problems."));
            }
        }
        Command::Reply { reply, bundle, la, to, address, child, out } => {
            let reply = ardesk_app::Reply::from_code(&reply)?;
            let today = clock.today();
            let las = ardesk_app::builtin_las()?;
            let rows = ardesk_app::receive_bundles(
                std::slice::from_ref(&bundle),
                &las,
                la.as_deref(),
                today,
                today,
            )?;
            let [row] = rows.as_slice() else {
                return Err(AppError::new(ErrorCode::Validation, "Give one bundle (.zip) to reply to."));
            };
            std::fs::create_dir_all(&out).map_err(|e| {
                AppError::new(ErrorCode::Io, format!("Could not create {}: {e}", out.display()))
            })?;
            let form = ardesk_dto::ReplyForm {
                file: row.file.clone(),
                reply: String::new(),
                recipient: to.unwrap_or_default(),
                address: address.join("\n"),
                child_name: child.unwrap_or_default(),
            };
            let written = ardesk_app::draft_reply(
                row,
                reply,
                &form,
                &ardesk_app::Drafting { las: &las, la: la.as_deref(), out: &out, today, now: clock.now() },
            )?;
            for name in written {
                println!("{}", out.join(name).display());
            }
        }
        Command::Intake { paths, received, la, json, csv, replies } => {
            let today = clock.today();
            let received = match received {
                Some(raw) => parse_user_date("received", "--received", &raw)
                    .map_err(|p| AppError::new(ErrorCode::Validation, format!("{} {}", p.message, p.hint)))?,
                None => today,
            };
            let las = ardesk_app::builtin_las()?;
            let rows = ardesk_app::receive_bundles(&paths, &las, la.as_deref(), received, today)?;
            if let Some(path) = &csv {
                let bytes = ardesk_app::register_csv(&rows)?;
                std::fs::write(path, bytes).map_err(|e| {
                    AppError::new(ErrorCode::Io, format!("Could not write {}: {e}", path.display()))
                })?;
            }
            if let Some(dir) = &replies {
                std::fs::create_dir_all(dir).map_err(|e| {
                    AppError::new(ErrorCode::Io, format!("Could not create {}: {e}", dir.display()))
                })?;
                let written = ardesk_app::draft_replies(
                    &rows,
                    &ardesk_app::Drafting { las: &las, la: la.as_deref(), out: dir, today, now: clock.now() },
                )?;
                eprintln!("{} replies drafted in {}.", written.len() / 2, dir.display());
            }
            if json {
                println!("{}", to_json(&rows)?);
            } else {
                for r in &rows {
                    let due = match (&r.decision_due, r.days_left) {
                        (Some(due), Some(left)) if left < 0 => format!("due {due} ({} days ago)", -left),
                        (Some(due), Some(left)) => format!("due {due} (in {left} days)"),
                        _ => "due ?".to_owned(),
                    };
                    println!(
                        "{:<12} {}  {}  {}  {}",
                        r.verdict.code(),
                        due,
                        shown(r.child_initials.as_deref().unwrap_or("?")),
                        shown(r.school_name.as_deref().unwrap_or("school not named")),
                        shown(&r.file)
                    );
                    for f in &r.found {
                        println!("             found: {}", shown(f));
                    }
                    for m in &r.missing {
                        println!("             missing: {}", shown(m));
                    }
                    for p in r.problems.iter().chain(&r.file_findings) {
                        println!("             problem: {}", shown(p));
                    }
                }
                let count = |v: ardesk_dto::ReceivedVerdict| rows.iter().filter(|r| r.verdict == v).count();
                eprintln!(
                    "{} received: {} valid, {} with problems, {} unusable, {} sent without the app (a person must check them).",
                    rows.len(),
                    count(ardesk_dto::ReceivedVerdict::Valid),
                    count(ardesk_dto::ReceivedVerdict::Problems),
                    count(ardesk_dto::ReceivedVerdict::Unusable),
                    count(ardesk_dto::ReceivedVerdict::NeedsPerson),
                );
            }
            if rows.is_empty() {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "Nothing was found there: no bundles (.zip files) and no folders of files.",
                ));
            }
            if rows.iter().any(|r| r.verdict != ardesk_dto::ReceivedVerdict::Valid) {
                return Err(AppError::new(ErrorCode::Conflict, "Some submissions are not valid."));
            }
        }
        Command::Scan { files, json, max_mb } => {
            let results = ardesk_app::scan_files(&files, max_mb.saturating_mul(1 << 20));
            if json {
                println!("{}", to_json(&results)?);
            } else {
                for r in &results {
                    let credentials =
                        r.credentials.as_ref().map(|c| format!(" (contains \"{c}\")")).unwrap_or_default();
                    println!(
                        "{:<12} {}  {}{}",
                        r.verdict.code(),
                        shown(&r.file),
                        shown(&r.detail),
                        shown(&credentials)
                    );
                    if !r.fix.is_empty() {
                        println!("{:<12} {}", "", r.fix);
                    }
                }
            }
            if results.iter().any(|r| r.verdict != ardesk_dto::Verdict::Ok) {
                return Err(AppError::new(ErrorCode::Conflict, "Some files cannot be sent as they are."));
            }
        }
        Command::Encrypt { db } => {
            let mut app = open(db, clock, given.as_ref())?;
            let said = app.encrypt_database(given, &keys::OsKeyring)?;
            println!("{said}");
            if let Some(recovery) = app.info()?.recovery_passphrase {
                eprintln!(
                    "Recovery passphrase (shown once; write it down and keep it safe, it opens the \
                     database on another computer): {recovery}"
                );
            }
        }
        Command::Backup { db, out } => {
            open(db, clock, given.as_ref())?.backup(&out)?;
            println!("Backup written to {}.", out.display());
        }
    }
    Ok(())
}

/// A review, and the folder and format to write its documents in.
#[derive(Debug, clap::Args)]
struct ReviewDocArgs {
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_name = "ID")]
    review: i64,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Both)]
    format: Format,
}

/// Creates `out` if needed, runs `write` into it, and prints each file written (a path a line)
/// and, on stderr, why anyone was not written to.
fn write_into(
    out: &std::path::Path,
    write: impl FnOnce(&std::path::Path) -> Result<ardesk_dto::LettersWritten, AppError>,
) -> Result<(), AppError> {
    std::fs::create_dir_all(out)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("Could not create {}: {e}", out.display())))?;
    let written = write(out)?;
    for name in written.files {
        println!("{}", out.join(name).display());
    }
    for why in written.withheld {
        eprintln!("not written: {why}");
    }
    Ok(())
}

fn letter_format(format: Format) -> ardesk_app::LetterFormat {
    match format {
        Format::Docx => ardesk_app::LetterFormat::Docx,
        Format::Pdf => ardesk_app::LetterFormat::Pdf,
        Format::Both => ardesk_app::LetterFormat::Both,
    }
}

/// `text` with every control character escaped (`\u{1b}`), for the terminal: text that came
/// from a file (a name, a manifest's field) cannot then move the cursor or change colours.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))
}

fn caseload_table(rows: &[ardesk_dto::CaseloadRow]) -> String {
    if rows.is_empty() {
        return "No children yet. Load the demo with `ardesk demo`, or add a child in the app.\n".to_owned();
    }
    let width = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(4).max(4);
    let status = rows.iter().map(|r| r.status_label.chars().count()).max().unwrap_or(6).max(6);
    let mut out =
        format!("{:<status$}  {:<width$}  {:<4}  {:<18}  {}\n", "Status", "Name", "Year", "Stage", "Next");
    for r in rows {
        out.push_str(&format!(
            "{:<status$}  {:<width$}  {:<4}  {:<18}  {}\n",
            r.status_label,
            r.name,
            r.year_group,
            r.stage_label,
            r.next.as_ref().map_or("", |n| n.action.as_str())
        ));
        // What the dashboard shows under the row: problems with the dates, a briefing due,
        // transition actions coming due.
        for line in
            r.warnings.iter().cloned().chain(r.briefing_line()).chain(r.transition_due.iter().cloned())
        {
            out.push_str(&format!("{:<status$}  ! {line}\n", ""));
        }
    }
    out
}

fn table(children: &[ChildSummary]) -> String {
    if children.is_empty() {
        return "No children yet. Load the demo with `ardesk demo`, or add a child in the app.\n".to_owned();
    }
    let width = children.iter().map(|c| c.name.chars().count()).max().unwrap_or(4).max(4);
    let mut out =
        format!("{:>5}  {:<width$}  {:<4}  {:<20}  {:<3}  {}\n", "ID", "Name", "Year", "LA", "LAC", "Stage");
    for c in children {
        out.push_str(&format!(
            "{:>5}  {:<width$}  {:<4}  {:<20}  {:<3}  {}\n",
            c.id,
            c.name,
            c.year_group,
            c.la_name,
            if c.looked_after { "yes" } else { "" },
            c.stage_label.as_deref().unwrap_or("")
        ));
    }
    out.push_str(&format!("{} children\n", children.len()));
    out
}
