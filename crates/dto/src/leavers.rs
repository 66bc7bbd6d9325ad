//! Leavers and how long their records are kept (issue 17): a child marked as left, the list of
//! leavers with the day each record is due to be erased, and the school's retention rule.

use serde::{Deserialize, Serialize};

use crate::RetentionBasis;

/// The day a child left and where they went, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeavingForm {
    /// `dd/mm/yyyy`.
    pub on: String,
    pub destination: String,
}

/// A child who has left, as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftSchool {
    /// The day they left (long form).
    pub on: String,
    pub destination: String,
    /// The day their record is due to be erased under the school's rule (long form); `None`
    /// until the school sets one.
    pub erase_on: Option<String>,
}

/// One leaver in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaver {
    pub child_id: i64,
    pub name: String,
    /// The day they left (long form).
    pub left_on: String,
    pub destination: String,
    /// The day their record is due to be erased (long form), once the school has a rule.
    pub erase_on: Option<String>,
    /// The record has been kept as long as the school's rule says: it is listed for erasure.
    pub due: bool,
}

/// Every leaver, those due for erasure first, with the school's rule in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leavers {
    /// "kept until the child's 31st birthday"; `None` until the school sets a rule.
    pub rule: Option<String>,
    pub leavers: Vec<Leaver>,
}

/// The school's retention rule as typed in Settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionForm {
    pub basis: Option<RetentionBasis>,
    pub years: String,
}
