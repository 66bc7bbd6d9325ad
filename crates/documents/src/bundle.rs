//! Pages the submission bundle adds: the index sheet (`00_Index.pdf`) and views that were typed
//! in rather than received as a file.

use chrono::{DateTime, Utc};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight};

/// What the index sheet lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    pub la_name: String,
    pub school_name: String,
    /// "Robin Testcase (RC-EHC-10035)".
    pub child: String,
    pub recommendation: String,
    /// (label, date) lines: meeting, record due (T11), LA decision due (T12).
    pub dates: Vec<(String, String)>,
    /// (file name, what it is, where it came from).
    pub files: Vec<(String, String, String)>,
    pub created: DateTime<Utc>,
}

/// The bundle's cover sheet.
pub fn render_index_pdf(doc: &IndexDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = Layout::new("Annual review submission: index", &doc.school_name, doc.created)?;
    pdf.masthead(&format!("{} · {}", doc.la_name, doc.school_name), "Annual review submission", 16.0, 2.0);
    pdf.paragraph(MARGIN, width, &doc.child, Weight::Regular, 11.0, 3.0);
    let dates: Vec<Vec<String>> = doc.dates.iter().map(|(l, d)| vec![l.clone(), d.clone()]).collect();
    pdf.table(&[60.0, 110.0], &["", ""], &dates, 7.0);
    pdf.heading("Recommendation", 15.0);
    pdf.paragraph(MARGIN, width, &doc.recommendation, Weight::Regular, 10.0, 2.0);
    pdf.heading("Documents", 20.0);
    let rows: Vec<Vec<String>> =
        doc.files.iter().map(|(n, t, s)| vec![n.clone(), t.clone(), s.clone()]).collect();
    pdf.table(&[45.0, 95.0, 30.0], &["File", "Document", "Source"], &rows, 7.0);
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
