//! `ardesk profiles` (the school's LAs, or every LA in England), `ardesk add-la` (another LA,
//! with the statutory defaults, for the school to edit), `ardesk edit-la` (its name, channel,
//! forms and timings, as the Settings form edits them) and `ardesk remove-la`.

use ardesk_app::{App, AppError};
use ardesk_dto::{Channel, ErrorCode, LaAmendmentMode, ProfileForm, ProfileSummary};

use crate::{DbArg, to_json};

#[derive(Debug, clap::Args)]
pub(crate) struct ProfilesArgs {
    #[command(flatten)]
    db: DbArg,
    /// Every LA in England a child can be saved against (id, DfE code, name, whether it is one
    /// of the school's), not only the school's.
    #[arg(long)]
    all: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct AddLaArgs {
    #[command(flatten)]
    db: DbArg,
    /// The LA's three-digit DfE code (306 for Croydon: `ardesk profiles --all` lists them).
    #[arg(long, value_name = "NNN")]
    code: String,
    /// Print the new profile's summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct EditLaArgs {
    #[command(flatten)]
    db: DbArg,
    /// The profile's id (`ardesk profiles` lists them: redcar, la-306…).
    id: String,
    #[arg(long)]
    name: Option<String>,
    /// How reviews reach the LA: portal, email, securefile or digital_form.
    #[arg(long)]
    channel: Option<String>,
    /// The LA's email address, portal name or link for the bundle ("" for none).
    #[arg(long)]
    address: Option<String>,
    /// The title of the LA's review form.
    #[arg(long)]
    form_title: Option<String>,
    #[arg(long)]
    form_version: Option<String>,
    /// The LA's own request-for-advice form ("" for none).
    #[arg(long)]
    advice_form: Option<String>,
    /// The LA's SENDIASS and how to contact it, for the parents' letters ("" for none).
    #[arg(long)]
    sendiass: Option<String>,
    /// How proposed amendments are shown: word_revisions, bold_strike, on_form_table or
    /// annotated_or_table.
    #[arg(long)]
    amendments: Option<String>,
    /// A timing, as NAME=NUMBER (days; months for target_meeting_months), e.g.
    /// `--timing statutory_notice_days=21`. Repeat for several.
    #[arg(long = "timing", value_name = "NAME=NUMBER")]
    timings: Vec<String>,
    /// Print the profile's form, as saved, as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RemoveLaArgs {
    #[command(flatten)]
    db: DbArg,
    /// The id of an LA the school added (`la-NNN`).
    id: String,
}

/// Changes what is given of profile `id`'s form and saves it: the same checks as in Settings,
/// every problem reported.
pub(crate) fn edit(
    args: EditLaArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let mut app = open(args.db)?;
    let mut form = app.profile_form(&args.id)?;
    let set = |slot: &mut String, value: Option<String>| {
        if let Some(v) = value {
            *slot = v;
        }
    };
    set(&mut form.name, args.name);
    set(&mut form.address, args.address);
    set(&mut form.ar1_title, args.form_title);
    set(&mut form.ar1_version, args.form_version);
    set(&mut form.advice_form, args.advice_form);
    set(&mut form.sendiass, args.sendiass);
    if let Some(code) = args.channel {
        form.channel = Some(code_of::<Channel>(&code, Channel::ALL, Channel::code, "channel")?);
    }
    if let Some(code) = args.amendments {
        let mode = code_of(&code, LaAmendmentMode::ALL, LaAmendmentMode::code, "amendments")?;
        form.amendment_mode = Some(mode);
    }
    for timing in &args.timings {
        set_timing(&mut form, timing)?;
    }
    let saved = app.save_profile_form(&args.id, form)?;
    if args.json {
        println!("{}", to_json(&app.profile_form(&args.id)?)?);
    } else {
        println!("Saved the school's version of {} ({}).", saved.name, saved.id);
    }
    Ok(())
}

pub(crate) fn remove(
    args: RemoveLaArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let mut app = open(args.db)?;
    app.remove_la(&args.id)?;
    println!("Removed {} from the school's LAs.", args.id);
    Ok(())
}

/// The value of a code list with `code`, or a refusal naming the codes there are.
fn code_of<T: Copy>(
    code: &str,
    all: &[T],
    code_fn: fn(T) -> &'static str,
    what: &str,
) -> Result<T, AppError> {
    all.iter().copied().find(|v| code_fn(*v) == code).ok_or_else(|| {
        let codes: Vec<&str> = all.iter().map(|v| code_fn(*v)).collect();
        AppError::new(ErrorCode::Validation, format!("--{what} {code:?} is not one of {}.", codes.join(", ")))
    })
}

/// Sets one timing from `NAME=NUMBER` (the number is checked when the form is saved).
fn set_timing(form: &mut ProfileForm, given: &str) -> Result<(), AppError> {
    let (name, value) = given.split_once('=').unwrap_or((given, ""));
    let t = &mut form.timings;
    let slot = match name.trim() {
        "target_meeting_months" => &mut t.target_meeting_months,
        "invite_lead_days" => &mut t.invite_lead_days,
        "reports_due_before_meeting_days" => &mut t.reports_due_before_meeting_days,
        "statutory_notice_days" => &mut t.statutory_notice_days,
        "circulate_before_meeting_days" => &mut t.circulate_before_meeting_days,
        "report_after_meeting_days" => &mut t.report_after_meeting_days,
        "la_decision_after_meeting_days" => &mut t.la_decision_after_meeting_days,
        "final_plan_after_meeting_days" => &mut t.final_plan_after_meeting_days,
        other => {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!(
                    "--timing {other:?} is not a timing: use target_meeting_months, invite_lead_days, \
                     reports_due_before_meeting_days, statutory_notice_days, \
                     circulate_before_meeting_days, report_after_meeting_days, \
                     la_decision_after_meeting_days or final_plan_after_meeting_days."
                ),
            ));
        }
    };
    *slot = value.to_owned();
    Ok(())
}

pub(crate) fn profiles(
    args: ProfilesArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let app = open(args.db)?;
    if args.all {
        let las = app.la_options()?;
        if args.json {
            println!("{}", to_json(&las)?);
        } else {
            for la in las {
                let yours = if la.yours { "yours" } else { "" };
                println!("{:<16} {:>3}  {:<5}  {}", la.id, la.code, yours, la.name);
            }
        }
        return Ok(());
    }
    let list = app.profiles()?;
    if args.json {
        println!("{}", to_json(&list)?);
    } else {
        list.iter().for_each(|p| println!("{}", line(p)));
    }
    Ok(())
}

pub(crate) fn add(
    args: AddLaArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let mut app = open(args.db)?;
    let added = app.add_la(&args.code)?;
    if args.json {
        println!("{}", to_json(&added)?);
    } else {
        println!(
            "Added {} ({}) with the statutory defaults. Edit its profile in Settings, LA profiles.",
            added.name, added.id
        );
    }
    Ok(())
}

/// One profile: id, code, name, what it is, how the bundle goes.
fn line(p: &ProfileSummary) -> String {
    let what = match (p.customised, p.statutory_defaults) {
        (true, _) => "edited by the school",
        (false, true) => "statutory defaults",
        (false, false) => "shipped",
    };
    format!("{:<16} {:>3}  {:<28} {:<21} {}", p.id, p.code, p.name, what, p.channel)
}
