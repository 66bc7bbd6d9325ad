//! One module per screen of the window. A screen may use the widgets and, for a panel it
//! shows, another screen's module; nothing here is used by a widget.

pub(crate) mod after;
mod amendments;
mod bundle;
mod caseload;
mod child;
mod child_form;
mod compliance;
mod first_run;
mod help;
mod import;
mod leavers;
mod meeting;
mod prep;
mod settings;
mod verify;

pub(crate) use amendments::AmendmentsPage;
pub(crate) use bundle::BundlePage;
pub(crate) use caseload::Caseload;
pub(crate) use child::ChildPage;
pub(crate) use child_form::ChildFormPage;
pub(crate) use first_run::FirstRun;
pub(crate) use help::HelpPage;
pub(crate) use import::ImportPupilsPage;
pub(crate) use meeting::Ar1Page;
pub(crate) use prep::PrepPage;
pub(crate) use settings::Settings;
pub(crate) use verify::VerifyPage;
