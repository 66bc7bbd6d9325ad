//! Document renderers: domain values in, bytes (or text) out. Nothing here opens a path or
//! reads the clock: the caller passes "now" and writes the result where the user chose.
//!
//! - [`ics`]: milestones as an iCalendar file (one all-day event per milestone).
//! - [`amendments`]: proposed plan changes as Word revisions, bold/strike (DOCX, PDF) or a table.
//! - [`ar1`]: the printable AR1 form for the meeting, blank or pre-filled.
//! - [`bundle`]: the bundle's index sheet and typed-in views as PDF.
//! - [`forms`]: printable views forms (parent/carer, and the child's "All about me").
//! - [`letter`]: letters as DOCX (docx-rs) and A4 PDF (printpdf, Liberation Sans embedded).
//! - [`child_letter`]: the child's own invitation, in large print with drawn pictures.
//! - [`word`]: what the Word documents share (A4, the font, headings, packing).
//! - [`pdf`]: the small layout engine the PDFs share (word wrap, pages, "Page X of Y").

/// The line at the top of every page of a document about one child: their initials and the
/// LA's reference, enough to put a loose page back with its document and no more ("CC · LA ref
/// RC-EHC-10014").
pub fn running_head(initials: &str, la_reference: &str) -> String {
    let reference = la_reference.trim();
    if reference.is_empty() { initials.to_owned() } else { format!("{initials} \u{b7} LA ref {reference}") }
}

pub mod amendments;
pub mod ar1;
pub mod briefing;
pub mod bundle;
pub mod child_letter;
pub mod compliance;
pub mod forms;
pub mod ics;
pub mod letter;
pub mod pdf;
pub mod record;
pub mod word;
