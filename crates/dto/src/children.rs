//! The caseload's children: the list, one child, and the add/edit form.

use serde::{Deserialize, Serialize};

use crate::{ContactMethod, Restriction, Service, Stage};

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildSummary {
    pub id: i64,
    /// Preferred name and surname.
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    pub ncy: i32,
    /// "R", "Y6"…
    pub year_group: String,
    pub la_id: String,
    pub la_name: String,
    pub looked_after: bool,
    /// Stage code of the current review (`planning`, …), if one has been started.
    pub stage: Option<Stage>,
    pub stage_label: Option<String>,
    /// Meeting date of the current review, for display.
    pub meeting: Option<String>,
}

/// A child with everything the child page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildDetail {
    pub id: i64,
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    /// "Year 6", "Reception"…
    pub year_group: String,
    pub upn: Option<String>,
    pub la_name: String,
    pub la_ref: Option<String>,
    pub looked_after: bool,
    /// The date the plan was first issued, for display, when known.
    pub plan_issued: Option<String>,
    pub last_review_meeting: Option<String>,
    /// The LA's decision letter after the last review.
    pub last_review_decision: Option<String>,
    /// The SEN need types, primary first: "Autistic spectrum disorder (ASD)".
    #[serde(default)]
    pub need_types: Vec<String>,
    pub sections: Vec<PlanSection>,
    pub parents: Vec<Parent>,
    pub professionals: Vec<ProfessionalContact>,
    pub review: Option<ReviewSummary>,
    /// The review before the current one, once the LA decided it (its amendment or appeal may
    /// still be running).
    #[serde(default)]
    pub previous_review: Option<i64>,
    /// The plan has ceased, from this date (long form): the page is kept for the record,
    /// read-only.
    #[serde(default)]
    pub ceased_from: Option<String>,
    /// The child has left the school: their page is kept read-only until their record is erased.
    #[serde(default)]
    pub left: Option<crate::LeftSchool>,
    /// The child's details as the edit form shows them.
    pub form: ChildForm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    /// "A" … "K".
    pub code: String,
    pub title: String,
    pub text: String,
}

/// A parent or carer on the child's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    pub id: i64,
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub preferred_contact: ContactMethod,
    pub language: Option<String>,
    pub interpreter: bool,
    pub restriction: Option<Restriction>,
    /// Came from the school's MIS (a later import may update what the SENCO has not changed).
    pub from_mis: bool,
    /// As the edit form shows it.
    pub form: ParentForm,
}

/// A parent or carer as typed. The lists' choices are `None` until one is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentForm {
    pub name: String,
    /// "Mother", "Father", "Foster carer", "Grandparent"…
    pub relationship: String,
    pub parental_responsibility: bool,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: Option<ContactMethod>,
    /// The language they prefer, when it is not English.
    pub language: String,
    pub interpreter: bool,
    pub restriction: Option<Restriction>,
    /// What the order or instruction says (kept for the SENCO, never printed).
    pub restriction_note: String,
}

/// A professional working with the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalContact {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub service: Service,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// As the edit form shows it.
    pub form: ProfessionalForm,
}

/// A professional as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalForm {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub service: Option<Service>,
    pub email: String,
    pub phone: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: i64,
    pub stage: Stage,
    pub stage_label: String,
    pub meeting_date: Option<String>,
    pub meeting_time: Option<String>,
    pub venue: Option<String>,
}

/// The add/edit child form, exactly as typed. The backend validates it and answers with every
/// problem at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildForm {
    pub legal_forenames: String,
    pub legal_surname: String,
    pub preferred_name: String,
    /// `dd/mm/yyyy`.
    pub dob: String,
    pub upn: String,
    pub ncy_offset: String,
    pub looked_after: bool,
    pub la_id: String,
    pub la_ref: String,
    /// `dd/mm/yyyy` the plan was first issued; "" if not known.
    pub plan_issue_date: String,
    /// `dd/mm/yyyy` of the last review meeting; "" if not known or none yet.
    pub last_review_meeting: String,
    /// `dd/mm/yyyy` of the LA's decision letter after the last review; "" if not known or none yet.
    pub last_review_decision: String,
    /// An extra phase transfer at the end of this NC year, e.g. "2" (infant to junior); "" for none.
    pub transfer_ncy: String,
    /// `dd/mm/yyyy` of a post-16 to post-16 move; "" for none.
    pub post16_move: String,
    /// The SEN need types as DfE codes, primary first: "ASD, SLCN"; "" if not recorded.
    #[serde(default)]
    pub need_types: String,
}

/// What deleting a child did: their record is erased from the database; `note` says what of
/// it is left and until when (the backups made before today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    pub note: String,
}
