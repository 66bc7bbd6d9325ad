//! Printable forms: the parent/carer views form and the child's "All about me" page, with a
//! write-in box under each question, clean in black and white, and each box a field to type in
//! for a parent who fills the form in on screen.

use chrono::{DateTime, Utc};

use crate::pdf::{Layout, MARGIN, PAGE_W, Role, Weight};

/// Whose views the form collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewsForm {
    ParentCarer,
    Child,
}

/// What goes at the top of a views form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewsFormDoc {
    pub kind: ViewsForm,
    pub school_name: String,
    pub child_name: String,
    /// "Tuesday 12 January 2027".
    pub meeting: String,
    /// "Tuesday 22 December 2026".
    pub return_by: String,
    /// Who the form goes back to: the SENCO's name.
    pub return_to: String,
    /// How else to send it: the school's email address, if it has one.
    pub return_email: String,
    /// Year 9 and above: ask about preparing for adulthood.
    pub pfa: bool,
    /// What the parents (or the child) said at check-ins since the last review, one dated line
    /// each ("5 Jan 2027: …"), printed above the questions to build on.
    pub told_us: Vec<String>,
    pub created: DateTime<Utc>,
}

fn questions(doc: &ViewsFormDoc) -> Vec<(&'static str, f32)> {
    match doc.kind {
        ViewsForm::ParentCarer => {
            let mut q = vec![
                ("What is going well for your child, at school and at home?", 38.0),
                ("What is not going so well, or worries you?", 38.0),
                ("What progress have you seen towards the outcomes in the plan?", 38.0),
                ("Is the support in the plan still right? What would you change?", 38.0),
                ("Your hopes for your child's future", 30.0),
            ];
            if doc.pfa {
                q.push(("Preparing for adulthood: further study or work, living independently, friends and community, good health", 34.0));
            }
            q.push(("Anything else you would like the meeting to know", 26.0));
            q
        }
        ViewsForm::Child => vec![
            ("What I like about school", 34.0),
            ("What I find hard", 34.0),
            ("What helps me", 34.0),
            ("What I would like to get better at", 34.0),
            ("When I am older I would like to… (you can draw it)", 50.0),
        ],
    }
}

/// The form as an A4 PDF.
pub fn render_views_form(doc: &ViewsFormDoc) -> Result<Vec<u8>, String> {
    let title = match doc.kind {
        ViewsForm::ParentCarer => format!("Your views for {}'s annual review", doc.child_name),
        ViewsForm::Child => format!("All about me: {}", doc.child_name),
    };
    let mut pdf = Layout::new(&title, &doc.school_name, doc.created)?;
    let width = PAGE_W - 2.0 * MARGIN;
    pdf.y = MARGIN;
    pdf.text_right(PAGE_W - MARGIN, pdf.y + 2.0, &doc.school_name, Weight::Bold, 10.0);
    pdf.y += 6.0;
    pdf.begin(Role::H1);
    pdf.paragraph(MARGIN, width, &title, Weight::Bold, 15.0, 2.0);
    pdf.end();
    let intro = match doc.kind {
        ViewsForm::ParentCarer => format!(
            "The annual review meeting is on {}. Please write your views below (or on extra sheets) and return this form by {} to {} at {}{}. You can also tell me your views in person or by phone.",
            doc.meeting,
            doc.return_by,
            doc.return_to,
            doc.school_name,
            if doc.return_email.is_empty() {
                String::new()
            } else {
                format!(", or by email to {}", doc.return_email)
            }
        ),
        ViewsForm::Child => format!(
            "We are having a meeting about you on {}. Write, draw, or ask an adult to write your answers for you. When you have finished, give this page to {} or your teacher by {}.",
            doc.meeting, doc.return_to, doc.return_by
        ),
    };
    pdf.paragraph(MARGIN, width, &intro, Weight::Regular, 10.5, 4.0);
    if !doc.told_us.is_empty() {
        let heading = match doc.kind {
            ViewsForm::ParentCarer => "What you told us at check-ins since the last review",
            ViewsForm::Child => "What you told us since the last meeting",
        };
        pdf.begin(Role::H2);
        pdf.paragraph(MARGIN, width, heading, Weight::Bold, 11.0, 1.5);
        pdf.end();
        for line in &doc.told_us {
            pdf.paragraph(MARGIN + 3.0, width - 3.0, line, Weight::Regular, 10.0, 1.0);
        }
        let ask = match doc.kind {
            ViewsForm::ParentCarer => "Is this still how things are? Say below what has changed.",
            ViewsForm::Child => "Is this still true? Tell us below.",
        };
        pdf.paragraph(MARGIN, width, ask, Weight::Regular, 10.0, 4.0);
    }
    for (n, (question, height)) in questions(doc).into_iter().enumerate() {
        let lines = pdf.wrap(question, Weight::Bold, 11.0, width).len() as f32;
        pdf.ensure_space(lines * 5.0 + height + 6.0);
        pdf.paragraph(MARGIN, width, question, Weight::Bold, 11.0, 1.5);
        let area = (MARGIN, pdf.y, width, height);
        pdf.rect(area.0, area.1, area.2, area.3, 0.6);
        pdf.text_field(&format!("Answer {}", n + 1), question, area, true);
        pdf.y += height + 5.0;
    }
    if doc.kind == ViewsForm::ParentCarer {
        pdf.ensure_space(20.0);
        // Each label, then a line to write on that is also a field to type in.
        let mut x = MARGIN;
        let y = pdf.y + 6.0;
        for (label, line) in [("Your name", 45.0), ("Relationship", 30.0), ("Date", 24.0)] {
            pdf.text_at(x, y, &format!("{label}:"), Weight::Regular, 10.5);
            x += pdf.width(&format!("{label}: "), Weight::Regular, 10.5);
            pdf.line(x, y + 1.0, x + line, y + 1.0, 0.4);
            pdf.text_field(label, label, (x, y - 4.5, line, 5.5), false);
            x += line + 4.0;
        }
        pdf.y = y + 4.0;
    }
    Ok(pdf.finish(&format!("{} · {}", doc.school_name, doc.child_name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn both_forms_render() {
        for (kind, pfa) in
            [(ViewsForm::ParentCarer, false), (ViewsForm::ParentCarer, true), (ViewsForm::Child, false)]
        {
            let doc = ViewsFormDoc {
                kind,
                school_name: "Demo School".into(),
                child_name: "Robin".into(),
                meeting: "Tuesday 12 January 2027".into(),
                return_by: "Tuesday 22 December 2026".into(),
                return_to: "Alex Example".into(),
                return_email: "senco@example.org".into(),
                pfa,
                told_us: Vec::new(),
                created: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default(),
            };
            let bytes = render_views_form(&doc).unwrap_or_default();
            assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 5000, "{kind:?}");
        }
    }
}
