//! Pages the submission bundle adds: the index sheet (`00_Index.pdf`) and views that were typed
//! in rather than received as a file.

use chrono::{DateTime, Utc};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight};

/// What the index sheet lists: enough for an LA officer to triage the review in a minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    pub la_name: String,
    pub school_name: String,
    /// (label, value) lines about the school: its URN and who to contact.
    pub school: Vec<(String, String)>,
    /// (label, value) lines about the child and the meeting: initials, year group, the LA's
    /// reference, the meeting and the dates that follow from it.
    pub facts: Vec<(String, String)>,
    /// Who took part, grouped by how: (how, who).
    pub attendance: Vec<(String, String)>,
    pub recommendation: String,
    /// "Sections B and F", or empty.
    pub sections_to_amend: String,
    /// "A reassessment; a change of placement", or empty.
    pub requests: String,
    /// (file name, what it is, its pages ("3", or "" when not known), where it came from).
    pub files: Vec<(String, String, String, String)>,
    /// The footer's name for the child: initials.
    pub child: String,
    /// The LA's reference for the child, at the top of each page with the initials.
    pub la_reference: String,
    pub created: DateTime<Utc>,
}

/// The bundle's cover sheet.
pub fn render_index_pdf(doc: &IndexDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let rows = |pairs: &[(String, String)]| -> Vec<Vec<String>> {
        pairs.iter().map(|(l, v)| vec![l.clone(), v.clone()]).collect()
    };
    let mut pdf = Layout::new("Annual review submission: index", &doc.school_name, doc.created)?;
    pdf.running_head(&crate::running_head(&doc.child, &doc.la_reference));
    pdf.masthead(&format!("{} · {}", doc.la_name, doc.school_name), "Annual review submission", 16.0, 2.0);
    pdf.table(&[50.0, 120.0], &["", ""], &rows(&doc.facts), 7.0);
    pdf.heading("From the school", 15.0);
    pdf.table(&[50.0, 120.0], &["", ""], &rows(&doc.school), 7.0);
    pdf.heading("Recommendation", 15.0);
    pdf.paragraph(MARGIN, width, &doc.recommendation, Weight::Regular, 10.0, 1.5);
    for (label, what) in
        [("Proposed amendments", &doc.sections_to_amend), ("Requests to the LA", &doc.requests)]
    {
        if !what.is_empty() {
            pdf.paragraph(MARGIN, width, &format!("{label}: {what}."), Weight::Regular, 10.0, 1.5);
        }
    }
    if !doc.attendance.is_empty() {
        pdf.heading("Who took part", 15.0);
        pdf.table(&[50.0, 120.0], &["", ""], &rows(&doc.attendance), 7.0);
    }
    pdf.heading("Documents", 20.0);
    let files: Vec<Vec<String>> =
        doc.files.iter().map(|(n, t, p, s)| vec![n.clone(), t.clone(), p.clone(), s.clone()]).collect();
    pdf.table(&[45.0, 85.0, 15.0, 25.0], &["File", "Document", "Pages", "Source"], &files, 7.0);
    Ok(pdf.finish(&format!("Annual review submission · {}", doc.child)))
}

/// Views recorded as text (a phone call, a conversation) as a one-document PDF.
pub fn render_views_pdf(
    title: &str,
    child: &str,
    body: &str,
    created: DateTime<Utc>,
) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = Layout::new(title, "", created)?;
    pdf.paragraph(MARGIN, width, title, Weight::Bold, 15.0, 2.0);
    pdf.paragraph(MARGIN, width, child, Weight::Regular, 11.0, 3.0);
    pdf.paragraph(MARGIN, width, body, Weight::Regular, 10.5, 2.0);
    Ok(pdf.finish(&format!("{title} · {child}")))
}
