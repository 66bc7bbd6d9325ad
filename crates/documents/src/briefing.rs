//! The staff briefing sheet (issue 20 item 2): one page per child for the teachers and teaching
//! assistants who work with them — the outcomes, the support with who gives it and how often,
//! what works, what changed at this review, the actions for staff, and who to ask — written for
//! staff, not for the LA. DOCX and PDF from the same content.

use chrono::{DateTime, Utc};
use docx_rs::{Paragraph, Run};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight};

/// What the sheet says. Each part is a heading and its lines; a line starting "• " is a bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingDoc {
    pub school_name: String,
    /// "Robin Testcase, Year 4".
    pub child: String,
    /// The running head: initials and LA reference ([`crate::running_head`]).
    pub head: String,
    /// One sentence under the title: the needs and the review the sheet follows.
    pub summary: String,
    pub parts: Vec<(String, Vec<String>)>,
    /// "Jo Senco (SENCO)".
    pub ask: String,
    pub created: DateTime<Utc>,
}

const TITLE: &str = "Staff briefing";

pub fn render_briefing_pdf(doc: &BriefingDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = Layout::new(&format!("{TITLE}: {}", doc.child), &doc.school_name, doc.created)?;
    pdf.running_head(&doc.head);
    pdf.masthead(&doc.school_name, &format!("{TITLE}: {}", doc.child), 15.0, 1.5);
    pdf.paragraph(MARGIN, width, &doc.summary, Weight::Regular, 9.5, 2.0);
    for (heading, lines) in &doc.parts {
        pdf.heading(heading, 12.0);
        for line in lines {
            // A bullet keeps its mark, indented; a paragraph runs the full width.
            if line.starts_with("• ") {
                pdf.paragraph(MARGIN + 4.0, width - 4.0, line, Weight::Regular, 9.5, 0.8);
            } else {
                pdf.paragraph(MARGIN, width, line, Weight::Regular, 9.5, 1.2);
            }
        }
    }
    pdf.heading("Who to ask", 10.0);
    pdf.paragraph(MARGIN, width, &doc.ask, Weight::Regular, 9.5, 1.0);
    Ok(pdf.finish(&format!("{TITLE} \u{b7} {}", doc.head)))
}

pub fn render_briefing_docx(doc: &BriefingDoc) -> Result<Vec<u8>, String> {
    let plain = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let mut d = crate::word::a4(doc.created, 20, crate::word::margins())
        .header(crate::word::header(&doc.head))
        .footer(crate::word::footer(&format!("{TITLE} \u{b7} {}", doc.head)));
    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.school_name).size(18)));
    d = d.add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(format!("{TITLE}: {}", doc.child)).bold().size(30)),
    );
    d = d.add_paragraph(plain(&doc.summary));
    for (heading, lines) in &doc.parts {
        d = d.add_paragraph(crate::word::heading(heading));
        for line in lines {
            d = d.add_paragraph(match line.strip_prefix("• ") {
                Some(item) => crate::word::bullet(item),
                None => plain(line),
            });
        }
    }
    d = d.add_paragraph(crate::word::heading("Who to ask")).add_paragraph(plain(&doc.ask));
    crate::word::pack(d, &doc.school_name)
}
