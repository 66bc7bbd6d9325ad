//! The printable AR1 form for the meeting: blank, or pre-filled with the child's details, the
//! people invited and the Section E outcomes, with write-in boxes for everything the meeting
//! records. A4, black and white.

use chrono::{DateTime, Utc};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight};

/// The child and meeting details printed at the top (empty strings print as lines to fill in).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ar1Header {
    pub child_name: String,
    /// For the line at the top of each page, with the LA reference.
    pub initials: String,
    pub dob: String,
    pub year_group: String,
    pub upn: String,
    pub la_reference: String,
    pub meeting: String,
    pub venue: String,
}

/// What the printable form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ar1Form {
    /// The LA's form title, e.g. "AR1 Record of Annual Review".
    pub title: String,
    pub la_name: String,
    pub school_name: String,
    pub header: Ar1Header,
    /// (name, role) of everyone invited.
    pub invited: Vec<(String, String)>,
    /// Section E outcomes; empty prints numbered blank rows.
    pub outcomes: Vec<String>,
    /// Actions from the last review to follow up.
    pub previous_actions: Vec<String>,
    /// Year 9 and above: print the preparing-for-adulthood section.
    pub pfa: bool,
    /// The LA needs the head teacher's sign-off.
    pub head_teacher_signoff: bool,
    pub created: DateTime<Utc>,
}

const SECTIONS: [&str; 12] = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"];

/// The Personal Budget questions (spec §5 N1), as tick boxes.
const PERSONAL_BUDGET: [&str; 3] = ["Discussed", "One is in place and was reviewed", "One was requested"];

/// How the child took part, as the form's tick boxes offer it.
const CHILD_TOOK_PART: [&str; 4] =
    ["The whole meeting", "Part of it", "Views given another way", "Did not attend"];

/// The form's attendance rows: the chair, the child, everyone invited, and room for six more.
fn attendance_rows(form: &Ar1Form) -> Vec<Vec<String>> {
    let row = |name: &str, role: &str| vec![name.to_owned(), role.to_owned(), String::new(), String::new()];
    let mut rows = vec![row("", "SENCO (chair)"), row(&form.header.child_name, "The child or young person")];
    rows.extend(form.invited.iter().map(|(name, role)| row(name, role)));
    rows.extend((0..6).map(|_| row("", "")));
    rows
}

/// The actions from the last review, or blank rows to write them in.
fn previous_action_rows(form: &Ar1Form) -> Vec<Vec<String>> {
    if form.previous_actions.is_empty() {
        (0..4).map(|_| vec![String::new(); 2]).collect()
    } else {
        form.previous_actions.iter().map(|a| vec![a.clone(), String::new()]).collect()
    }
}

/// The sign-off rows typical LA forms end with.
fn signoff_rows(form: &Ar1Form) -> Vec<Vec<String>> {
    let head = if form.head_teacher_signoff {
        "Head teacher signature and date"
    } else {
        "Head teacher signature and date (if the LA asks for it)"
    };
    [
        "Completed by (name, role)",
        "Signature and date completed",
        head,
        "The parents or carers (or the young person) agree with this record: yes / no, and any comment",
        "Sent to the LA on",
        "Next annual review due by",
    ]
    .into_iter()
    .map(|l| vec![l.to_owned(), String::new()])
    .collect()
}

/// A new document opened with the LA and school line, the title, and the child and meeting table
/// that head both the printable form and the record.
fn title_page(
    title: &str,
    la: &str,
    school: &str,
    header: &Ar1Header,
    created: DateTime<Utc>,
) -> Result<Layout, String> {
    let mut pdf = Layout::new(title, school, created)?;
    pdf.y = MARGIN;
    if !header.initials.is_empty() {
        pdf.running_head(&crate::running_head(&header.initials, &header.la_reference));
    }
    pdf.masthead(&format!("{la} · {school}"), title, 16.0, 3.0);
    pdf.table(&[42.0, 128.0], &["Child or young person", ""], &header_rows(header), 7.0);
    Ok(pdf)
}

/// The form as an A4 PDF.
pub fn render_ar1_form(form: &Ar1Form) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let h = &form.header;
    let mut pdf = title_page(&form.title, &form.la_name, &form.school_name, h, form.created)?;

    pdf.heading("Attendance", 20.0);
    pdf.table(
        &[55.0, 60.0, 27.5, 27.5],
        &["Name", "Role", "Attended", "Report"],
        &attendance_rows(form),
        8.0,
    );
    pdf.paragraph(MARGIN, width, "The child or young person took part in:", Weight::Bold, 10.0, 1.0);
    pdf.tick_boxes(MARGIN, &CHILD_TOOK_PART);

    pdf.heading("Views", 40.0);
    pdf.write_in(
        "The child or young person (how gathered; what is working, what is not; what matters to them)",
        32.0,
        "",
    );
    pdf.write_in("Parents or carers", 30.0, "");
    pdf.write_in("School or setting", 26.0, "");
    pdf.write_in("Professionals (summary of each report)", 26.0, "");

    pdf.heading("Actions from the last review", 20.0);
    pdf.table(&[120.0, 50.0], &["Action", "Done / carried forward"], &previous_action_rows(form), 8.0);

    pdf.heading("Progress towards the outcomes in Section E", 50.0);
    let outcomes: Vec<String> =
        if form.outcomes.is_empty() { vec![String::new(); 4] } else { form.outcomes.clone() };
    for (n, outcome) in outcomes.iter().enumerate() {
        pdf.ensure_space(45.0);
        let label = if outcome.is_empty() {
            format!("Outcome {}: ", n + 1)
        } else {
            format!("Outcome {}: {outcome}", n + 1)
        };
        pdf.paragraph(MARGIN, width, &label, Weight::Bold, 10.0, 1.5);
        pdf.tick_boxes(MARGIN, &["Achieved", "Partly", "Not yet", "No longer relevant"]);
        pdf.write_in("", 20.0, "");
    }

    pdf.heading("Special educational provision (Section F), health (G) and social care (H)", 40.0);
    pdf.write_in("Provision: delivered as specified? Impact? Changes recommended?", 26.0, "");
    pdf.write_in("Health", 18.0, "");
    pdf.write_in("Social care", 18.0, "");
    if form.pfa {
        pdf.heading("Preparing for adulthood (required from Year 9)", 40.0);
        pdf.write_in("Employment or further study", 18.0, "");
        pdf.write_in("Independent living", 18.0, "");
        pdf.write_in("Friends, relationships and community", 18.0, "");
        pdf.write_in("Good health", 18.0, "");
    }
    pdf.heading("Placement and Personal Budget", 30.0);
    pdf.write_in("Is the placement meeting needs? Phase transfer: preferences", 20.0, "");
    pdf.paragraph(MARGIN, width, "Personal Budget (tick all that apply):", Weight::Bold, 10.0, 1.0);
    pdf.tick_boxes(MARGIN, &PERSONAL_BUDGET);
    pdf.write_in("A Personal Budget requested: what for", 12.0, "");

    pdf.heading("Record of discussion", 50.0);
    pdf.write_in("", 70.0, "");
    pdf.write_in("Differences of opinion (who, about what; or \u{201c}None\u{201d})", 24.0, "");

    pdf.heading("Recommendation to the LA", 40.0);
    pdf.tick_boxes(MARGIN, &["Maintain the plan unchanged", "Amend the plan", "Cease to maintain"]);
    pdf.write_in("Reasons, and any requests (reassessment, funding, placement)", 26.0, "");
    let amendments: Vec<Vec<String>> =
        SECTIONS.iter().map(|s| vec![format!("Section {s}"), String::new(), String::new()]).collect();
    // The label, its tick box and the table go together: never a label alone at a page's foot.
    pdf.ensure_space(45.0);
    pdf.paragraph(
        MARGIN,
        width,
        "Recommended amendments by section (or tick: no amendments proposed)",
        Weight::Bold,
        10.0,
        1.0,
    );
    pdf.tick_boxes(MARGIN, &["No amendments proposed"]);
    pdf.table(&[30.0, 20.0, 120.0], &["Section", "Amend?", "Summary and evidence"], &amendments, 7.0);

    pdf.heading("Agreed actions", 40.0);
    let actions: Vec<Vec<String>> = (0..6).map(|_| vec![String::new(); 4]).collect();
    pdf.table(&[72.0, 38.0, 25.0, 35.0], &["Action", "Owner", "Deadline", "Success measure"], &actions, 10.0);

    pdf.heading("Sign-off", 60.0);
    pdf.table(&[70.0, 100.0], &["", ""], &signoff_rows(form), 11.0);

    let footer = if h.child_name.is_empty() {
        form.title.clone()
    } else {
        format!("{} · {}", form.title, h.child_name)
    };
    Ok(pdf.finish(&footer))
}

/// The form as a Word document, for schools that type into it: the same parts as the PDF, with
/// Word's own check boxes to tick and empty paragraphs to type in.
pub fn render_ar1_form_docx(form: &Ar1Form) -> Result<Vec<u8>, String> {
    let text =
        |heading: &str, body: &str| RecordBlock::Text { heading: heading.to_owned(), body: body.to_owned() };
    let write = |label: &str, lines: u8| RecordBlock::WriteIn { label: label.to_owned(), lines };
    let table = |heading: &str, columns: &[(&str, f32)], rows: Vec<Vec<String>>| RecordBlock::Table {
        heading: heading.to_owned(),
        columns: columns.iter().map(|(t, w)| ((*t).to_owned(), *w)).collect(),
        rows,
        empty: String::new(),
    };
    let boxes = |heading: &str, labels: &[&str]| RecordBlock::TickBoxes {
        heading: heading.to_owned(),
        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
    };
    let mut blocks = vec![
        table(
            "Attendance",
            &[("Name", 55.0), ("Role", 60.0), ("Attended", 27.5), ("Report", 27.5)],
            attendance_rows(form),
        ),
        boxes("The child or young person took part in", &CHILD_TOOK_PART),
        text("Views", "Record each view in the space below its heading."),
        write(
            "The child or young person (how gathered; what is working, what is not; what matters to them)",
            5,
        ),
        write("Parents or carers", 5),
        write("School or setting", 4),
        write("Professionals (summary of each report)", 4),
    ];
    blocks.push(table(
        "Actions from the last review",
        &[("Action", 120.0), ("Done / carried forward", 50.0)],
        previous_action_rows(form),
    ));
    let outcomes: Vec<String> =
        if form.outcomes.is_empty() { vec![String::new(); 4] } else { form.outcomes.clone() };
    blocks.push(text(
        "Progress towards the outcomes in Section E",
        "For each outcome: the progress made and the evidence for it.",
    ));
    for (n, outcome) in outcomes.iter().enumerate() {
        blocks.push(write(&format!("Outcome {}: {outcome}", n + 1), 0));
        blocks.push(boxes("", &["Achieved", "Partly", "Not yet", "No longer relevant"]));
        blocks.push(write("Evidence and next steps", 3));
    }
    blocks.extend([
        write(
            "Special educational provision (Section F): delivered as specified? Impact? Changes recommended?",
            4,
        ),
        write("Health (Sections C and G)", 3),
        write("Social care (Sections D and H)", 3),
    ]);
    if form.pfa {
        blocks.extend([
            write("Preparing for adulthood: employment or further study", 3),
            write("Preparing for adulthood: independent living", 3),
            write("Preparing for adulthood: friends, relationships and community", 3),
            write("Preparing for adulthood: good health", 3),
        ]);
    }
    blocks.extend([
        write("Placement: is it meeting needs? Phase transfer: preferences", 3),
        boxes("Personal Budget (tick all that apply)", &PERSONAL_BUDGET),
        write("A Personal Budget requested: what for", 2),
        write("Record of discussion", 10),
        write("Differences of opinion (who, about what; or \u{201c}None\u{201d})", 3),
        boxes(
            "Recommendation to the LA",
            &["Maintain the plan unchanged", "Amend the plan", "Cease to maintain"],
        ),
        write("Reasons, and any requests (reassessment, funding, placement)", 4),
        boxes("Recommended amendments by section", &["No amendments proposed"]),
        table(
            "",
            &[("Section", 30.0), ("Amend?", 20.0), ("Summary and evidence", 120.0)],
            SECTIONS.iter().map(|s| vec![format!("Section {s}"), String::new(), String::new()]).collect(),
        ),
        table(
            "Agreed actions",
            &[("Action", 72.0), ("Owner", 38.0), ("Deadline", 25.0), ("Success measure", 35.0)],
            (0..6).map(|_| vec![String::new(); 4]).collect(),
        ),
    ]);
    blocks.push(table("Sign-off", &[("", 70.0), ("", 100.0)], signoff_rows(form)));
    render_record_docx(&Ar1RecordDoc {
        title: form.title.clone(),
        la_name: form.la_name.clone(),
        school_name: form.school_name.clone(),
        header: form.header.clone(),
        blocks,
        created: form.created,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn blank_and_prefilled_forms_render() {
        let mut form = Ar1Form {
            title: "AR1 Record of Annual Review".into(),
            la_name: "Redcar & Cleveland".into(),
            school_name: "Demo School".into(),
            header: Ar1Header::default(),
            invited: vec![],
            outcomes: vec![],
            previous_actions: vec![],
            pfa: false,
            head_teacher_signoff: false,
            created: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default(),
        };
        let blank = render_ar1_form(&form).unwrap_or_default();
        assert!(blank.starts_with(b"%PDF-"));
        form.header.child_name = "Robin Testcase".into();
        form.outcomes = vec!["Start a conversation with a peer".into(); 3];
        form.invited = vec![("Pat Example".into(), "Mother".into())];
        form.pfa = true;
        form.head_teacher_signoff = true;
        assert!(render_ar1_form(&form).unwrap_or_default().len() > blank.len());
    }
}

/// The completed record of the meeting, for export.
#[derive(Debug, Clone, PartialEq)]
pub struct Ar1RecordDoc {
    pub title: String,
    pub la_name: String,
    pub school_name: String,
    pub header: Ar1Header,
    /// The parts of the record, in the order the LA wants them.
    pub blocks: Vec<RecordBlock>,
    pub created: DateTime<Utc>,
}

/// One part of the exported record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordBlock {
    /// A heading and free text; empty text prints "Not recorded."
    Text { heading: String, body: String },
    /// A heading and a table of (column title, width in mm) columns; with no rows, `empty`
    /// prints instead.
    Table { heading: String, columns: Vec<(String, f32)>, rows: Vec<Vec<String>>, empty: String },
    /// A labelled space to write or type in, `lines` lines tall.
    WriteIn { label: String, lines: u8 },
    /// A heading and a row of tick boxes, one for each label (a blank form's choices).
    TickBoxes { heading: String, labels: Vec<String> },
}

fn or_not_recorded(text: &str) -> String {
    if text.trim().is_empty() { "Not recorded.".to_owned() } else { text.trim().to_owned() }
}

fn header_rows(h: &Ar1Header) -> Vec<Vec<String>> {
    vec![
        vec!["Name".into(), h.child_name.clone()],
        vec!["Date of birth".into(), h.dob.clone()],
        vec!["Year group".into(), h.year_group.clone()],
        vec!["UPN".into(), h.upn.clone()],
        vec!["LA reference".into(), h.la_reference.clone()],
        vec!["Meeting".into(), h.meeting.clone()],
        vec!["Venue".into(), h.venue.clone()],
    ]
}

/// The record as an A4 PDF.
pub fn render_record_pdf(doc: &Ar1RecordDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = title_page(&doc.title, &doc.la_name, &doc.school_name, &doc.header, doc.created)?;
    for block in &doc.blocks {
        match block {
            RecordBlock::Text { heading, body } => {
                if !heading.is_empty() {
                    pdf.heading(heading, 15.0);
                }
                pdf.paragraph(MARGIN, width, &or_not_recorded(body), Weight::Regular, 10.0, 2.0);
            }
            RecordBlock::WriteIn { label, lines } => pdf.write_in(label, f32::from(*lines) * 6.0, ""),
            RecordBlock::TickBoxes { heading, labels } => {
                if !heading.is_empty() {
                    pdf.heading(heading, 8.0);
                }
                pdf.tick_boxes(MARGIN, &labels.iter().map(String::as_str).collect::<Vec<_>>());
            }
            RecordBlock::Table { heading, columns, rows, empty } => {
                if !heading.is_empty() {
                    pdf.heading(heading, 20.0);
                }
                if rows.is_empty() {
                    pdf.paragraph(MARGIN, width, empty, Weight::Bold, 10.0, 2.0);
                } else {
                    let widths: Vec<f32> = columns.iter().map(|(_, w)| *w).collect();
                    let titles: Vec<&str> = columns.iter().map(|(t, _)| t.as_str()).collect();
                    pdf.table(&widths, &titles, rows, 7.0);
                }
            }
        }
    }
    Ok(pdf.finish(&format!("{} · {}", doc.title, doc.header.child_name)))
}

/// The record as a Word document.
pub fn render_record_docx(doc: &Ar1RecordDoc) -> Result<Vec<u8>, String> {
    use crate::word::{check_boxes, header_cell, heading};
    use docx_rs::{Paragraph, Run, Table, TableCell, TableRow};
    let para = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let table = |header: &[&str], rows: &[Vec<String>]| {
        let cell = |text: &str| TableCell::new().add_paragraph(para(text));
        let mut all = Vec::new();
        if header.iter().any(|h| !h.trim().is_empty()) {
            all.push(TableRow::new(header.iter().map(|h| header_cell(h)).collect()));
        }
        all.extend(rows.iter().map(|r| TableRow::new(r.iter().map(|c| cell(c)).collect())));
        Table::new(all)
    };
    let footer = if doc.header.child_name.is_empty() {
        doc.title.clone()
    } else {
        format!("{} \u{b7} {}", doc.title, doc.header.child_name)
    };
    let mut d = crate::word::a4(doc.created, 21, crate::word::margins()).footer(crate::word::footer(&footer));
    if !doc.header.initials.is_empty() {
        d = d.header(crate::word::header(&crate::running_head(
            &doc.header.initials,
            &doc.header.la_reference,
        )));
    }
    d = d
        .add_paragraph(para(&format!("{} · {}", doc.la_name, doc.school_name)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.title).bold().size(32)))
        .add_table(table(&["Child or young person", ""], &header_rows(&doc.header)));
    for block in &doc.blocks {
        d = match block {
            RecordBlock::Text { heading: h, body } => {
                let d = if h.is_empty() { d } else { d.add_paragraph(heading(h)) };
                d.add_paragraph(para(&or_not_recorded(body)))
            }
            RecordBlock::WriteIn { label, lines } => {
                let d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(label).bold()));
                (0..*lines).fold(d, |d, _| d.add_paragraph(Paragraph::new()))
            }
            RecordBlock::TickBoxes { heading: h, labels } => {
                let d = if h.is_empty() { d } else { d.add_paragraph(heading(h)) };
                d.add_paragraph(check_boxes(&labels.iter().map(String::as_str).collect::<Vec<_>>()))
            }
            RecordBlock::Table { heading: h, columns, rows, empty } => {
                let d = if h.is_empty() { d } else { d.add_paragraph(heading(h)) };
                if rows.is_empty() {
                    d.add_paragraph(para(empty))
                } else {
                    let titles: Vec<&str> = columns.iter().map(|(t, _)| t.as_str()).collect();
                    d.add_table(table(&titles, rows))
                }
            }
        };
    }
    crate::word::pack(d, &doc.school_name)
}
