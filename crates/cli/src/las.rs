//! `ardesk profiles` (the school's LAs, or every LA in England) and `ardesk add-la` (another LA,
//! with the statutory defaults, for the school to edit).

use ardesk_app::{App, AppError};
use ardesk_dto::ProfileSummary;

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
