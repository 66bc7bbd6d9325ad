//! The compliance report for the head teacher and governors (issue 20): for a period, each
//! review's statutory deadlines met, late, pending or not applicable. Children appear by their
//! initials only: the report goes to governors.

use serde::{Deserialize, Serialize};

/// Every review whose meeting fell in the period, and the totals for each deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceReportDto {
    /// YYYY-MM-DD, both included.
    pub from: String,
    pub to: String,
    /// The period as the window shows it: "1 Sep 2026 to 31 Aug 2027".
    pub period: String,
    pub rows: Vec<ComplianceRowDto>,
    /// T07, T09, T11 and T12, in that order.
    pub totals: Vec<ComplianceTotalDto>,
}

/// One review: each deadline `met`, `late`, `pending` or `n/a`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceRowDto {
    pub review_id: i64,
    pub child_id: i64,
    pub initials: String,
    pub la_name: String,
    /// YYYY-MM-DD.
    pub meeting: String,
    #[serde(rename = "T07")]
    pub t07: String,
    #[serde(rename = "T09")]
    pub t09: String,
    #[serde(rename = "T11")]
    pub t11: String,
    #[serde(rename = "T12")]
    pub t12: String,
}

/// One deadline across the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceTotalDto {
    /// `T07`, `T09`, `T11`, `T12`.
    pub milestone: String,
    /// What it is, in words ("Two weeks' notice of the meeting").
    pub title: String,
    pub met: usize,
    pub late: usize,
    pub pending: usize,
    pub not_applicable: usize,
    /// Met as a share of those met or late, rounded; `None` when none is either yet.
    pub percent_met: Option<u32>,
}
