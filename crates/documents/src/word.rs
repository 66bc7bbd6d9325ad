//! What every Word document the app writes shares: A4 in Liberation Sans (the font the PDFs
//! embed), the creation date as given, section headings, and packing to bytes.

use chrono::{DateTime, Utc};
use docx_rs::{
    AbstractNumbering, Docx, FieldCharType, Footer, IndentLevel, InstrNUMPAGES, InstrPAGE, InstrText, Level,
    LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType, Start,
};

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
/// "unknown" docx-rs writes: its core properties part is the one entry rewritten.
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
        } else {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
        }
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}
