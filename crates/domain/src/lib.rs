//! The pure core of Annual Review Desk.
//!
//! Everything here takes values and returns values: no files, no database, no clock, no
//! randomness. "Today" and identifiers are always parameters. That makes every rule testable
//! with plain data and lets this crate compile for wasm32 as well as native targets.
//!
//! - [`amend`]: proposed amendments, the word-level diff, the evidence and vague-provision rules.
//! - [`ar1`]: the record of the review meeting and its completeness checks (V04–V07, V17).
//! - [`bundle`]: the submission bundle's file names and the validation rules V01–V19.
//! - [`calendar`]: month arithmetic, bank holidays, working days, school terms.
//! - [`clock`]: the statutory clock of a whole cycle: milestones T02–T21 with due dates and reasons.
//! - [`caseload`]: each review's next step and status (overdue, due soon, on track).
//! - [`check_ins`]: check-ins between reviews (progress, the child's view, the parents' feedback)
//!   and their summary for the next review.
//! - [`child`]: a child or young person with an EHC plan, and validation of user input.
//! - [`content`]: one policy for passwords and active content the scan finds: severity, and
//!   what to do in the menus of the program that made the file.
//! - [`compliance`]: whether notice (T07) and circulation (T09) were in time.
//! - [`follow_up`]: after the meeting: actions as tracked tasks, check-ins, the LA's decision.
//! - [`paperwork`]: the invitees and documents a review expects (D01–D19), and where each
//!   document on the checklist stands.
//! - [`people`]: parents/carers and professionals around the child.
//! - [`plan`]: the EHC plan and its sections A–K.
//! - [`review`]: an annual review, its meeting, and the stage machine (`stage + event`).
//! - [`school`]: the school running the reviews, and the check of its details.
//! - [`la`]: local-authority profiles (data files, not code).
//! - [`la_edit`]: the school's edits to an LA profile in Settings, checked against the law.
//! - [`letters`]: letter templates and merge fields (missing values are errors).
//! - [`ncy`]: National Curriculum year arithmetic.
//! - [`demo`]: the synthetic demo caseload.
//! - [`invitees`]: who must and should be invited to a review meeting.
//! - [`ids`]: record identifiers (assigned by the store).
//! - [`problem`]: the shape every validation result takes.
//! - [`transition`]: the transition plan from Year 9 and in transfer years: the receiving
//!   setting as a contact, the transition actions.
//! - [`replies`]: the LA's replies to what it received ("returned for completion").
//! - [`requests`]: the school's requests to the LA after a review (re-assessment, support,
//!   reconsideration on new evidence), their check and their letters.

pub mod amend;
pub mod ar1;
pub mod bundle;
pub mod calendar;
pub mod caseload;
pub mod check_ins;
pub mod child;
pub mod clock;
pub mod compliance;
pub mod content;
pub mod dates;
pub mod demo;
pub mod follow_up;
pub mod ids;
pub mod invitees;
pub mod la;
pub mod la_edit;
pub mod leaving;
pub mod letters;
pub mod mis;
pub mod ncy;
pub mod paperwork;
pub mod people;
pub mod plan;
pub mod problem;
pub mod replies;
pub mod requests;
pub mod returned;
pub mod review;
pub mod school;
pub mod text;
pub mod transition;

pub use problem::{Problem, Severity};
