//! What every Word document the app writes shares: A4 in Liberation Sans (the font the PDFs
//! embed), the creation date as given, section headings, a table's header row (repeated on each
//! page), check boxes (Word's own check box content controls), and packing to bytes.
//!
//! docx-rs 0.4 writes neither a repeated header row nor a check box control, so both are named by
//! a style of the document ([`TABLE_HEADING`], [`CHECK_BOX`]) and [`pack`] writes the markup
//! Word reads for them (`w:tblHeader`, `w14:checkbox`) where that style is used.

use chrono::{DateTime, Utc};
use docx_rs::{
    AbstractNumbering, Docx, FieldCharType, Footer, IndentLevel, InstrNUMPAGES, InstrPAGE, InstrText, Level,
    LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType, Start, Style, StyleType, TableCell,
};
use quick_xml::events::{BytesEnd, BytesStart, Event};

/// The paragraph style of a table's header cells: bold, and their row repeats at the top of
/// each page the table runs onto.
pub const TABLE_HEADING: &str = "TableHeading";
/// The character style of a check box: the run is written as a check box content control.
pub const CHECK_BOX: &str = "CheckBox";
/// The font Word draws its check boxes in.
const CHECK_BOX_FONT: &str = "MS Gothic";

/// 2 cm, in twentieths of a point.
pub const TWO_CM: i32 = 1134;

/// A blank A4 document: Liberation Sans at `size` half-points, 6 pt after each paragraph,
/// `margin`, created (and last modified) at `created`.
pub fn a4(created: DateTime<Utc>, size: usize, margin: PageMargin) -> Docx {
    let fonts = RunFonts::new()
        .ascii("Liberation Sans")
        .hi_ansi("Liberation Sans")
        .cs("Liberation Sans")
        .east_asia("Liberation Sans");
    let created = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    Docx::new()
        .default_fonts(fonts)
        .default_size(size)
        .default_line_spacing(LineSpacing::new().after(120))
        .page_size(11906, 16838)
        .page_margin(margin)
        .created_at(&created)
        .updated_at(&created)
        // A real bulleted list (Word's own numbering), for [`bullet`] paragraphs.
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("\u{2022}"),
                    LevelJc::new("left"),
                )
                .indent(Some(567), Some(SpecialIndentType::Hanging(283)), None, None),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_style(Style::new(TABLE_HEADING, StyleType::Paragraph).name("Table Heading").bold())
        .add_style(
            Style::new(CHECK_BOX, StyleType::Character).name("Check Box").fonts(
                RunFonts::new().ascii(CHECK_BOX_FONT).hi_ansi(CHECK_BOX_FONT).east_asia(CHECK_BOX_FONT),
            ),
        )
}

/// A header cell of a table: its row repeats on each page the table runs onto.
pub fn header_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().style(TABLE_HEADING).add_run(Run::new().add_text(text)))
}

/// A paragraph of check boxes, each with its label after it, as Word's own check box controls:
/// a click ticks one.
pub fn check_boxes(labels: &[&str]) -> Paragraph {
    labels.iter().enumerate().fold(Paragraph::new(), |p, (n, label)| {
        let gap = if n == 0 { "" } else { "    " };
        p.add_run(Run::new().add_text(gap))
            .add_run(Run::new().style(CHECK_BOX).add_text("\u{2610}"))
            .add_run(Run::new().add_text(format!(" {label}")))
    })
}

/// The numbering id of the bulleted list every document defines.
// docx-rs defines a decimal list as id 1 in every document: ours is another.
const BULLETS: usize = 7;

/// A paragraph of the document's bulleted list.
pub fn bullet(text: &str) -> Paragraph {
    Paragraph::new()
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
        .add_run(Run::new().add_text(text))
}

/// 2 cm margins all round.
pub fn margins() -> PageMargin {
    PageMargin::new().top(TWO_CM).bottom(TWO_CM).left(TWO_CM).right(TWO_CM)
}

/// A section heading: bold, 13 pt, 12 pt above, kept on the page of what it heads.
pub fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(240).after(80))
        .add_run(Run::new().add_text(text).bold().size(26))
}

/// The header every page of a document about one child carries: `text` (see
/// [`crate::running_head`]), 8 pt.
pub fn header(text: &str) -> docx_rs::Header {
    docx_rs::Header::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).size(16)))
}

/// The footer every page carries, as the PDFs do: `left` (what the document is and whose), then
/// "Page X of Y" as Word fields, 8 pt.
pub fn footer(left: &str) -> Footer {
    let small = |text: &str| Run::new().add_text(text).size(16);
    // A field in the footer's own size (docx-rs's PAGE and NUMPAGES take the body's size).
    let field = |instr: InstrText| {
        Run::new()
            .size(16)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(small(&format!("{left} \u{b7} Page ")))
            .add_run(field(InstrText::PAGE(InstrPAGE::new())))
            .add_run(small(" of "))
            .add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new()))),
    )
}

/// The document as .docx bytes, with `author` as its author (File > Properties), in place of the
/// "unknown" docx-rs writes, and the header rows and check boxes written as Word reads them: the
/// core properties and the document body are the entries rewritten.
pub fn pack(d: Docx, author: &str) -> Result<Vec<u8>, String> {
    use std::io::{Cursor, Read, Write};
    let mut built = Vec::new();
    d.build().pack(Cursor::new(&mut built)).map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(Cursor::new(&built)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let escaped = author.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        if file.name().is_ok_and(|n| n == "docProps/core.xml") {
            let mut xml = String::new();
            file.read_to_string(&mut xml).map_err(|e| e.to_string())?;
            let xml = xml
                .replace("<dc:creator>unknown</dc:creator>", &format!("<dc:creator>{escaped}</dc:creator>"))
                .replace(
                    "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                    &format!("<cp:lastModifiedBy>{escaped}</cp:lastModifiedBy>"),
                );
            out.start_file("docProps/core.xml", zip::write::SimpleFileOptions::default())
                .map_err(|e| e.to_string())?;
            out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
        } else if file.name().is_ok_and(|n| n == "word/document.xml") {
            let mut xml = Vec::new();
            file.read_to_end(&mut xml).map_err(|e| e.to_string())?;
            let xml = check_box_controls(&repeated_header_rows(&xml)?)?;
            out.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
                .map_err(|e| e.to_string())?;
            out.write_all(&xml).map_err(|e| e.to_string())?;
        } else {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
        }
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Whether `e` is `<name w:val="value">`.
fn has_val(e: &BytesStart<'_>, name: &str, value: &str) -> bool {
    e.name().0 == name && e.try_get_attribute("w:val").ok().flatten().is_some_and(|a| a.value == value)
}

type Events = Vec<Event<'static>>;

/// Reads `xml` event by event and writes it back, holding each `tag` element's events from its
/// start until `done` (called as each is added) says they may go: as it leaves them, changed or
/// not.
fn rewrite_held(xml: &[u8], tag: &str, mut done: impl FnMut(&mut Events) -> bool) -> Result<Vec<u8>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len() + 1024));
    let mut buf = Vec::new();
    let mut held: Option<Events> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?.into_owned();
        if matches!(event, Event::Eof) {
            return Ok(writer.into_inner());
        }
        let out = match held.as_mut() {
            Some(events) => {
                events.push(event);
                if !done(events) {
                    buf.clear();
                    continue;
                }
                held.take().unwrap_or_default()
            }
            None if matches!(&event, Event::Start(e) if e.name().0 == tag) => {
                held = Some(vec![event]);
                buf.clear();
                continue;
            }
            None => vec![event],
        };
        for e in out {
            writer.write_event(e).map_err(|e| e.to_string())?;
        }
        buf.clear();
    }
}

/// Marks every table row whose first paragraph is in the [`TABLE_HEADING`] style as a header
/// row (`w:tblHeader`), which Word repeats at the top of each page.
fn repeated_header_rows(xml: &[u8]) -> Result<Vec<u8>, String> {
    // A row's events are held until its first paragraph says whether it is a header.
    rewrite_held(xml, "w:tr", |row| {
        match row.last() {
            Some(Event::Start(e) | Event::Empty(e)) if has_val(e, "w:pStyle", TABLE_HEADING) => {}
            Some(Event::End(e)) if e.name().0 == "w:p" => return true,
            _ => return false,
        }
        // After the row's start: its properties, with the mark added.
        let mark = Event::Empty(BytesStart::new("w:tblHeader"));
        match row.get(1) {
            Some(Event::Start(e)) if e.name().0 == "w:trPr" => row.insert(2, mark),
            other => {
                let replaced = usize::from(matches!(other, Some(Event::Empty(e)) if e.name().0 == "w:trPr"));
                let props =
                    [Event::Start(BytesStart::new("w:trPr")), mark, Event::End(BytesEnd::new("w:trPr"))];
                row.splice(1..1 + replaced, props);
            }
        }
        true
    })
}

/// Wraps every run in the [`CHECK_BOX`] style in a Word check box content control, unticked.
fn check_box_controls(xml: &[u8]) -> Result<Vec<u8>, String> {
    rewrite_held(xml, "w:r", |run| {
        if !matches!(run.last(), Some(Event::End(e)) if e.name().0 == "w:r") {
            return false;
        }
        let check_box = run
            .iter()
            .any(|e| matches!(e, Event::Start(s) | Event::Empty(s) if has_val(s, "w:rStyle", CHECK_BOX)));
        if check_box {
            let start = |name: &'static str| Event::Start(BytesStart::new(name));
            let end = |name: &'static str| Event::End(BytesEnd::new(name));
            let state = |name: &'static str, glyph: &'static str| {
                Event::Empty(
                    BytesStart::new(name).with_attributes([("w14:val", glyph), ("w14:font", CHECK_BOX_FONT)]),
                )
            };
            let opening = [
                start("w:sdt"),
                start("w:sdtPr"),
                start("w14:checkbox"),
                Event::Empty(BytesStart::new("w14:checked").with_attributes([("w14:val", "0")])),
                state("w14:checkedState", "2612"),
                state("w14:uncheckedState", "2610"),
                end("w14:checkbox"),
                end("w:sdtPr"),
                start("w:sdtContent"),
            ];
            run.splice(0..0, opening);
            run.extend([end("w:sdtContent"), end("w:sdt")]);
        }
        true
    })
}
