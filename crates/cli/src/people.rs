//! `ardesk people …` (a child's parents, carers and professionals) and `ardesk import-pupils`
//! (pupils from the school's MIS).

use std::path::PathBuf;

use ardesk_app::{App, AppError};
use ardesk_dto::{
    ChildDetail, ContactMethod, ParentForm, ProfessionalForm, PupilImport, Restriction, Service,
};
use clap::Subcommand;

use crate::{DbArg, to_json};

/// How someone prefers to be contacted.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Contact {
    Email,
    Phone,
    Post,
    Text,
}

/// A contact restriction: nothing is sent to them automatically.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Restricted {
    CourtOrder,
    NoPost,
}

/// The service a professional works for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Serves {
    Education,
    Health,
    SocialCare,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ParentArgs {
    #[arg(long)]
    name: String,
    /// Mother, Father, Foster carer, Grandparent…
    #[arg(long)]
    relationship: String,
    /// Holds parental responsibility.
    #[arg(long)]
    pr: bool,
    #[arg(long, default_value = "")]
    email: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    address: String,
    /// How they prefer to be contacted.
    #[arg(long, value_enum)]
    contact: Contact,
    /// Their preferred language, when it is not English.
    #[arg(long, default_value = "")]
    language: String,
    #[arg(long)]
    interpreter: bool,
    #[arg(long, value_enum)]
    restriction: Option<Restricted>,
    /// What the order or instruction says (never printed on letters).
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ProfessionalArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    role: String,
    #[arg(long, default_value = "")]
    organisation: String,
    #[arg(long, value_enum)]
    service: Serves,
    #[arg(long, default_value = "")]
    email: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    address: String,
}

/// A child's parents, carers and professionals.
#[derive(Debug, Subcommand)]
pub(crate) enum PeopleCommand {
    /// List them.
    List {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[arg(long)]
        json: bool,
    },
    AddParent {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[command(flatten)]
        parent: ParentArgs,
    },
    /// Replace a parent's or carer's details with those given.
    EditParent {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[arg(long, value_name = "ID")]
        id: i64,
        #[command(flatten)]
        parent: ParentArgs,
    },
    RemoveParent {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[arg(long, value_name = "ID")]
        id: i64,
    },
    AddProfessional {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[command(flatten)]
        professional: ProfessionalArgs,
    },
    /// Replace a professional's details with those given.
    EditProfessional {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[arg(long, value_name = "ID")]
        id: i64,
        #[command(flatten)]
        professional: ProfessionalArgs,
    },
    RemoveProfessional {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "ID")]
        child: i64,
        #[arg(long, value_name = "ID")]
        id: i64,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    db: DbArg,
    /// A DfE Common Transfer File (.xml) or a CSV report from the MIS.
    file: PathBuf,
    /// The LA profile new children are saved against (default: the default LA).
    #[arg(long, value_name = "ID")]
    la: Option<String>,
    /// Say what would change, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print {"added", "updated", "unchanged", "skipped"} as JSON.
    #[arg(long)]
    json: bool,
}

fn parent_form(a: ParentArgs) -> ParentForm {
    ParentForm {
        name: a.name,
        relationship: a.relationship,
        parental_responsibility: a.pr,
        phone: a.phone,
        email: a.email,
        address: a.address,
        preferred_contact: Some(match a.contact {
            Contact::Email => ContactMethod::Email,
            Contact::Phone => ContactMethod::Phone,
            Contact::Post => ContactMethod::Post,
            Contact::Text => ContactMethod::Text,
        }),
        language: a.language,
        interpreter: a.interpreter,
        restriction: a.restriction.map(|r| match r {
            Restricted::CourtOrder => Restriction::CourtOrder,
            Restricted::NoPost => Restriction::NoPost,
        }),
        restriction_note: a.note,
    }
}

fn professional_form(a: ProfessionalArgs) -> ProfessionalForm {
    ProfessionalForm {
        name: a.name,
        role: a.role,
        organisation: a.organisation,
        service: Some(match a.service {
            Serves::Education => Service::Education,
            Serves::Health => Service::Health,
            Serves::SocialCare => Service::SocialCare,
        }),
        email: a.email,
        phone: a.phone,
        address: a.address,
    }
}

/// Runs a people command on the app `open` gives for its database.
pub(crate) fn run(
    command: PeopleCommand,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let (detail, json) = match command {
        PeopleCommand::List { db, child, json } => (open(db)?.child(child)?, json),
        PeopleCommand::AddParent { db, child, parent } => {
            (open(db)?.add_parent(child, parent_form(parent))?, false)
        }
        PeopleCommand::EditParent { db, child, id, parent } => {
            (open(db)?.update_parent(child, id, parent_form(parent))?, false)
        }
        PeopleCommand::RemoveParent { db, child, id } => (open(db)?.delete_parent(child, id)?, false),
        PeopleCommand::AddProfessional { db, child, professional } => {
            (open(db)?.add_professional(child, professional_form(professional))?, false)
        }
        PeopleCommand::EditProfessional { db, child, id, professional } => {
            (open(db)?.update_professional(child, id, professional_form(professional))?, false)
        }
        PeopleCommand::RemoveProfessional { db, child, id } => {
            (open(db)?.delete_professional(child, id)?, false)
        }
    };
    if json {
        #[derive(serde::Serialize)]
        struct People<'a> {
            parents: &'a [ardesk_dto::Parent],
            professionals: &'a [ardesk_dto::ProfessionalContact],
        }
        println!("{}", to_json(&People { parents: &detail.parents, professionals: &detail.professionals })?);
    } else {
        print!("{}", people_table(&detail));
    }
    Ok(())
}

fn people_table(c: &ChildDetail) -> String {
    let mut out = format!("{}\nParents and carers:\n", c.name);
    if c.parents.is_empty() {
        out.push_str("  none recorded\n");
    }
    for p in &c.parents {
        let pr = if p.parental_responsibility { ", parental responsibility" } else { "" };
        let restricted = p
            .restriction
            .map(|r| format!(" [RESTRICTED: {}: nothing is sent automatically]", r.label()))
            .unwrap_or_default();
        out.push_str(&format!("  {:>5}  {} ({}{pr}){restricted}\n", p.id, p.name, p.relationship));
    }
    out.push_str("Professionals:\n");
    if c.professionals.is_empty() {
        out.push_str("  none recorded\n");
    }
    for p in &c.professionals {
        out.push_str(&format!("  {:>5}  {}, {} ({})\n", p.id, p.name, p.role, p.service.label()));
    }
    out
}

/// `ardesk import-pupils`: exit 0 when the file was read (2, one line on stderr, nothing
/// written, when it cannot be used).
pub(crate) fn import(
    args: ImportArgs,
    open: impl FnOnce(DbArg) -> Result<App, AppError>,
) -> Result<(), AppError> {
    let mut app = open(args.db)?;
    let report = app.import_pupil_file(&args.file, args.la.as_deref(), args.dry_run)?;
    if args.json {
        #[derive(serde::Serialize)]
        struct Skip<'a> {
            upn: Option<&'a str>,
            row: usize,
            reason: &'a str,
        }
        #[derive(serde::Serialize)]
        struct Summary<'a> {
            added: Vec<&'a str>,
            updated: Vec<&'a str>,
            unchanged: Vec<&'a str>,
            skipped: Vec<Skip<'a>>,
        }
        fn upns(rows: &[ardesk_dto::ImportedPupilRow]) -> Vec<&str> {
            rows.iter().map(|r| r.upn.as_str()).collect()
        }
        let summary = Summary {
            added: upns(&report.added),
            updated: upns(&report.updated),
            unchanged: upns(&report.unchanged),
            skipped: report
                .skipped
                .iter()
                .map(|s| Skip { upn: s.upn.as_deref(), row: s.row, reason: &s.reason })
                .collect(),
        };
        println!("{}", to_json(&summary)?);
    } else {
        print!("{}", import_lines(&report));
    }
    Ok(())
}

fn import_lines(r: &PupilImport) -> String {
    let verb = if r.written { "Imported" } else { "Would import (nothing written: --dry-run)" };
    let mut out = format!(
        "{verb} {} from {}, new children under {}: {} added, {} updated, {} unchanged, {} skipped.\n",
        r.source,
        r.file_name,
        r.la_name,
        r.added.len(),
        r.updated.len(),
        r.unchanged.len(),
        r.skipped.len()
    );
    for (word, rows) in [("added", &r.added), ("updated", &r.updated)] {
        for row in rows {
            out.push_str(&format!("  {word} {}  {} ({})\n", row.upn, row.name, row.year_group));
            for change in &row.changes {
                out.push_str(&format!("      {change}\n"));
            }
        }
    }
    for s in &r.skipped {
        out.push_str(&format!(
            "  skipped row {} {}: {}\n",
            s.row,
            s.upn.as_deref().unwrap_or("(no UPN)"),
            s.reason
        ));
    }
    out
}
