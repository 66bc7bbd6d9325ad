//! The proposed amendments to an EHC plan, in the three ways LAs ask for them (spec §7):
//! real Word revisions an officer can accept or reject, bold insertions and struck-through
//! deletions with a key, or a table of changes.

use ardesk_domain::amend::Change;
use chrono::{DateTime, Utc};
use docx_rs::{Comment, Delete, Docx, Insert, Paragraph, Run, Table, TableCell, TableRow};

use crate::word::{heading, pack};

use crate::pdf::{Layout, MARGIN, PAGE_W, Style, Weight};

/// One section of the plan as the document shows it: unchanged text is one `Same` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    /// "Section F: Special educational provision".
    pub heading: String,
    pub runs: Vec<(Change, String)>,
    /// Why each change to the section is proposed and what it rests on, one line per
    /// amendment: "Reason: …. Evidence: …". Empty for a section left as it is.
    pub notes: Vec<String>,
}

/// One row of the amendment table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentRow {
    pub section: String,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub evidence: String,
}

/// Everything the three renderings need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentsDoc {
    pub la_name: String,
    pub school_name: String,
    pub child_name: String,
    /// The child's initials and the LA's reference, for the line at the top of each page.
    pub initials: String,
    pub la_reference: String,
    /// The child's identifiers for the LA: "Date of birth 24 May 2017 · Redcar & Cleveland
    /// reference RC-EHC-10035".
    pub child_ids: String,
    /// The meeting's date, for people ("Wednesday 11 November 2026").
    pub meeting: String,
    /// Who the revisions are by, e.g. "Demo School SENCO".
    pub author: String,
    /// When the revisions were made (the meeting), ISO 8601: "2026-11-11T00:00:00Z".
    pub revision_date: String,
    /// Every section of the plan, in order, with its changes.
    pub sections: Vec<SectionText>,
    pub rows: Vec<AmendmentRow>,
    pub created: DateTime<Utc>,
}

const TITLE: &str = "Proposed amendments to the Education, Health and Care plan";

/// The runs of a section split into paragraphs at line breaks.
fn paragraphs(runs: &[(Change, String)]) -> Vec<Vec<(Change, &str)>> {
    let mut out: Vec<Vec<(Change, &str)>> = vec![Vec::new()];
    for (change, text) in runs {
        for (n, piece) in text.split('\n').enumerate() {
            if n > 0 {
                out.push(Vec::new());
            }
            if !piece.is_empty()
                && let Some(p) = out.last_mut()
            {
                p.push((*change, piece));
            }
        }
    }
    out
}

/// A paragraph as both bold/strike renderings show it: a deletion and the insertion that
/// replaces it are shown side by side, so a space keeps their words apart ("termly every half
/// term", not "termlyevery half term").
fn shown_together<'a>(para: &[(Change, &'a str)]) -> Vec<(Change, std::borrow::Cow<'a, str>)> {
    let mut out: Vec<(Change, std::borrow::Cow<'a, str>)> = Vec::new();
    for (change, text) in para {
        if let Some((before, shown)) = out.last()
            && *before != Change::Same
            && *change != Change::Same
            && before != change
            && !shown.ends_with(char::is_whitespace)
            && !text.starts_with(char::is_whitespace)
        {
            out.push((Change::Same, " ".into()));
        }
        out.push((*change, (*text).into()));
    }
    out
}

fn base_docx(doc: &AmendmentsDoc) -> Docx {
    crate::word::a4(doc.created, 22, crate::word::margins())
        .header(crate::word::header(&crate::running_head(&doc.initials, &doc.la_reference)))
        .footer(crate::word::footer(&format!("{TITLE} \u{b7} {}", doc.child_name)))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(format!("{} · {}", doc.la_name, doc.school_name))),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(TITLE).bold().size(32)))
        .add_paragraph(Paragraph::new().add_run(
            Run::new().add_text(format!("{}: annual review meeting on {}", doc.child_name, doc.meeting)),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.child_ids)))
}

/// A section's reasons and evidence, as the bold/strike renderings print them under it.
fn note_paragraph(note: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(note).italic().size(20))
}

/// The plan's sections with every change as a Word revision (`w:ins` / `w:del`) by `author` on
/// `revision_date`: the LA accepts or rejects each one in Word or LibreOffice.
///
/// Each change's reason and evidence is a Word comment by the same author on the section's first
/// changed paragraph, as LAs expect (spec §7).
pub fn render_revisions_docx(doc: &AmendmentsDoc) -> Result<Vec<u8>, String> {
    let mut d = base_docx(doc);
    let mut next_comment = 1;
    for section in &doc.sections {
        d = d.add_paragraph(heading(&section.heading));
        let mut notes_given = section.notes.is_empty();
        for para in paragraphs(&section.runs) {
            let mut p = Paragraph::new();
            let changed = para.iter().any(|(c, _)| *c != Change::Same);
            let mut ids = Vec::new();
            if changed && !notes_given {
                for note in &section.notes {
                    let comment = Comment::new(next_comment)
                        .author(&doc.author)
                        .date(&doc.revision_date)
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(note)));
                    p = p.add_comment_start(comment);
                    ids.push(next_comment);
                    next_comment += 1;
                }
                notes_given = true;
            }
            for (change, text) in para {
                p = match change {
                    Change::Same => p.add_run(Run::new().add_text(text)),
                    Change::Inserted => p.add_insert(
                        Insert::new(Run::new().add_text(text)).author(&doc.author).date(&doc.revision_date),
                    ),
                    Change::Deleted => p.add_delete(
                        Delete::new()
                            .add_run(Run::new().add_delete_text(text))
                            .author(&doc.author)
                            .date(&doc.revision_date),
                    ),
                };
            }
            for id in ids {
                p = p.add_comment_end(id);
            }
            d = d.add_paragraph(p);
        }
    }
    pack(d, &doc.author)
}

const KEY_INSERTED: &str = "Proposed new wording is in bold and underlined.";
const KEY_DELETED: &str = "Wording proposed for removal is struck through.";

/// The plan's sections with insertions in bold (underlined) and deletions struck through, and a
/// key, as a Word document.
pub fn render_boldstrike_docx(doc: &AmendmentsDoc) -> Result<Vec<u8>, String> {
    let mut d = base_docx(doc)
        .add_paragraph(heading("Key"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(KEY_INSERTED).bold().underline("single")))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(KEY_DELETED).strike()));
    for section in &doc.sections {
        d = d.add_paragraph(heading(&section.heading));
        for para in paragraphs(&section.runs) {
            let mut p = Paragraph::new();
            for (change, text) in shown_together(&para) {
                let run = Run::new().add_text(text);
                p = p.add_run(match change {
                    Change::Same => run,
                    Change::Inserted => run.bold().underline("single"),
                    Change::Deleted => run.strike(),
                });
            }
            d = d.add_paragraph(p);
        }
        for note in &section.notes {
            d = d.add_paragraph(note_paragraph(note));
        }
    }
    pack(d, &doc.author)
}

fn pdf_start(doc: &AmendmentsDoc) -> Result<Layout, String> {
    let mut pdf = Layout::new(TITLE, &doc.school_name, doc.created)?;
    pdf.running_head(&crate::running_head(&doc.initials, &doc.la_reference));
    pdf.masthead(&format!("{} · {}", doc.la_name, doc.school_name), TITLE, 15.0, 2.0);
    pdf.paragraph(
        MARGIN,
        PAGE_W - 2.0 * MARGIN,
        &format!("{}: annual review meeting on {}", doc.child_name, doc.meeting),
        Weight::Regular,
        10.0,
        1.0,
    );
    pdf.paragraph(MARGIN, PAGE_W - 2.0 * MARGIN, &doc.child_ids, Weight::Regular, 10.0, 3.0);
    Ok(pdf)
}

/// The bold/strike rendering as an A4 PDF.
pub fn render_boldstrike_pdf(doc: &AmendmentsDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = pdf_start(doc)?;
    pdf.heading("Key", 15.0);
    let inserted = Style { weight: Weight::Bold, underline: true, strike: false };
    let deleted = Style { weight: Weight::Regular, underline: false, strike: true };
    pdf.rich_paragraph(MARGIN, width, &[(inserted, KEY_INSERTED.to_owned())], 10.0, 1.0);
    pdf.rich_paragraph(MARGIN, width, &[(deleted, KEY_DELETED.to_owned())], 10.0, 2.0);
    for section in &doc.sections {
        pdf.heading(&section.heading, 15.0);
        for para in paragraphs(&section.runs) {
            let runs: Vec<(Style, String)> = shown_together(&para)
                .into_iter()
                .map(|(change, text)| {
                    let style = match change {
                        Change::Same => Style::PLAIN,
                        Change::Inserted => inserted,
                        Change::Deleted => deleted,
                    };
                    (style, text.into_owned())
                })
                .collect();
            pdf.rich_paragraph(MARGIN, width, &runs, 10.0, 1.5);
        }
        for note in &section.notes {
            pdf.paragraph(MARGIN, width, note, Weight::Regular, 9.0, 1.5);
        }
    }
    Ok(pdf.finish(&format!("{TITLE} · {}", doc.child_name)))
}

const TABLE_HEADER: [&str; 5] = ["Section", "Current wording", "Proposed wording", "Reason", "Evidence"];

/// The changes as a table (Section | Current wording | Proposed wording | Reason | Evidence), as
/// a Word document.
pub fn render_table_docx(doc: &AmendmentsDoc) -> Result<Vec<u8>, String> {
    // A cell keeps the text's own paragraphs; runs are plain, bold (the header, new words) or
    // struck through (words taken out).
    let cell = |runs: &[(Change, String)], bold: bool| {
        let mut cell = TableCell::new();
        for para in paragraphs(runs) {
            let mut p = Paragraph::new();
            for (change, text) in para {
                let run = Run::new().add_text(text);
                p = p.add_run(match change {
                    Change::Same if bold => run.bold(),
                    Change::Same => run,
                    Change::Inserted => run.bold().underline("single"),
                    Change::Deleted => run.strike(),
                });
            }
            cell = cell.add_paragraph(p);
        }
        cell
    };
    let plain = |text: &str| vec![(Change::Same, text.to_owned())];
    let mut rows = vec![TableRow::new(TABLE_HEADER.iter().map(|h| crate::word::header_cell(h)).collect())];
    rows.extend(doc.rows.iter().map(|r| {
        let (current, proposed) = marked(r);
        TableRow::new(vec![
            cell(&plain(&r.section), true),
            cell(&current, false),
            cell(&proposed, false),
            cell(&plain(&r.reason), false),
            cell(&plain(&r.evidence), false),
        ])
    }));
    let d = base_docx(doc)
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(TABLE_KEY).italic().size(20)))
        .add_table(Table::new(rows));
    pack(d, &doc.author)
}

/// How the table says what changed.
const TABLE_KEY: &str = "In each row, the words taken out are struck through in the current wording, and the new words are in bold and underlined in the proposed wording.";

/// Wording as runs, each unchanged, inserted or deleted.
type Runs = Vec<(Change, String)>;

/// A row's current and proposed wording with what changed marked: the words taken out (struck
/// through) in the current wording, the new words (bold, underlined) in the proposed.
fn marked(row: &AmendmentRow) -> (Runs, Runs) {
    let diff = ardesk_domain::amend::diff_words(&row.current, &row.proposed);
    let keep = |drop: Change| -> Vec<(Change, String)> {
        diff.iter().filter(|(c, _)| *c != drop).cloned().collect()
    };
    (keep(Change::Inserted), keep(Change::Deleted))
}

/// The table rendering as an A4 PDF.
pub fn render_table_pdf(doc: &AmendmentsDoc) -> Result<Vec<u8>, String> {
    let mut pdf = pdf_start(doc)?;
    let style = |change: Change| match change {
        Change::Same => Style::PLAIN,
        Change::Inserted => Style { weight: Weight::Bold, underline: true, strike: false },
        Change::Deleted => Style { weight: Weight::Regular, underline: false, strike: true },
    };
    let runs = |marked: Vec<(Change, String)>| -> Vec<(Style, String)> {
        marked.into_iter().map(|(c, t)| (style(c), t)).collect()
    };
    let plain = |text: &str| vec![(Style::PLAIN, text.to_owned())];
    pdf.paragraph(MARGIN, PAGE_W - 2.0 * MARGIN, TABLE_KEY, Weight::Regular, 9.0, 2.0);
    let rows: Vec<Vec<Vec<(Style, String)>>> = doc
        .rows
        .iter()
        .map(|r| {
            let (current, proposed) = marked(r);
            vec![plain(&r.section), runs(current), runs(proposed), plain(&r.reason), plain(&r.evidence)]
        })
        .collect();
    pdf.rich_table(&[18.0, 44.0, 44.0, 32.0, 32.0], &TABLE_HEADER, &rows, 8.0);
    Ok(pdf.finish(&format!("{TITLE} · {}", doc.child_name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn doc() -> AmendmentsDoc {
        AmendmentsDoc {
            la_name: "Redcar & Cleveland".into(),
            school_name: "Demo School".into(),
            child_name: "Robin Testcase".into(),
            initials: "RT".into(),
            la_reference: "RC-EHC-10000".into(),
            child_ids: "Date of birth 14 May 2015 · Redcar & Cleveland reference RC-EHC-10000".into(),
            meeting: "Wednesday 11 November 2026".into(),
            author: "Demo School SENCO".into(),
            revision_date: "2026-11-11T00:00:00Z".into(),
            sections: vec![
                SectionText {
                    heading: "Section A".into(),
                    runs: vec![(Change::Same, "Likes football.".into())],
                    notes: Vec::new(),
                },
                SectionText {
                    heading: "Section F".into(),
                    runs: ardesk_domain::amend::diff_words(
                        "Speech therapy termly.\nSmall group reading.",
                        "Speech therapy 3 x 30 minutes a week.\nSmall group reading.",
                    ),
                    notes: vec!["Reason: progress has stalled. Evidence: SaLT report, p. 3.".into()],
                },
            ],
            rows: vec![AmendmentRow {
                section: "F".into(),
                current: "Speech therapy termly.".into(),
                proposed: "Speech therapy 3 x 30 minutes a week.".into(),
                reason: "Progress has stalled".into(),
                evidence: "SaLT report, p. 3".into(),
            }],
            created: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default(),
        }
    }

    fn document_xml(docx: &[u8]) -> String {
        use std::io::Read;
        let mut zip = zip_reader(docx);
        let mut xml = String::new();
        if let Ok(mut f) = zip.by_name("word/document.xml") {
            let _ = f.read_to_string(&mut xml);
        }
        xml
    }

    fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn revisions_are_real_word_revisions_by_the_senco() {
        let xml = document_xml(&render_revisions_docx(&doc()).unwrap_or_default());
        assert!(xml.matches("<w:ins ").count() >= 1, "{xml}");
        assert!(xml.matches("<w:del ").count() >= 1);
        assert!(xml.contains("w:author=\"Demo School SENCO\"") && xml.contains("2026-11-11T00:00:00Z"));
        assert!(xml.contains("<w:delText") && xml.contains("termly."));
    }

    /// Issue 16: an officer reviewing the revisions reads each change's reason and evidence as a
    /// Word comment on it, by the SENCO.
    #[test]
    fn each_revision_carries_its_reason_as_a_comment() {
        let bytes = render_revisions_docx(&doc()).unwrap_or_default();
        let xml = document_xml(&bytes);
        assert_eq!(xml.matches("<w:commentRangeStart").count(), 1, "{xml}");
        let mut comments = String::new();
        if let Ok(mut f) = zip_reader(&bytes).by_name("word/comments.xml") {
            use std::io::Read;
            let _ = f.read_to_string(&mut comments);
        }
        assert!(
            comments.contains("Reason: progress has stalled. Evidence: SaLT report, p. 3."),
            "{comments}"
        );
        assert!(comments.contains("w:author=\"Demo School SENCO\""), "{comments}");
    }

    /// Issue 16: a deletion shown beside the insertion that replaces it keeps its words apart.
    #[test]
    fn bold_strike_keeps_the_words_of_a_replacement_apart() {
        let para =
            [(Change::Same, "Therapy "), (Change::Deleted, "termly"), (Change::Inserted, "every half term")];
        let shown: String = shown_together(&para).into_iter().map(|(_, t)| t.into_owned()).collect();
        assert_eq!(shown, "Therapy termly every half term");
        let spaced = [(Change::Deleted, "termly "), (Change::Inserted, "weekly")];
        assert_eq!(shown_together(&spaced).len(), 2, "a space already there is not doubled");
    }

    #[test]
    fn boldstrike_and_table_render_in_both_formats() {
        let d = doc();
        let xml = document_xml(&render_boldstrike_docx(&d).unwrap_or_default());
        assert!(xml.contains("<w:strike") && xml.contains("<w:u ") && !xml.contains("<w:ins "));
        for pdf in [render_boldstrike_pdf(&d), render_table_pdf(&d)] {
            assert!(pdf.unwrap_or_default().starts_with(b"%PDF-"));
        }
        let xml = document_xml(&render_table_docx(&d).unwrap_or_default());
        assert!(xml.contains("Proposed wording") && xml.contains("SaLT report, p. 3"));
        // Issue 16: the table shows what changed, not two whole paragraphs side by side.
        assert!(xml.contains("<w:strike") && xml.contains("<w:u "), "{xml}");
    }
}
