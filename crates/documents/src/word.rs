//! What every Word document the app writes shares: A4 in Liberation Sans (the font the PDFs
//! embed), the creation date as given, section headings, and packing to bytes.

use chrono::{DateTime, Utc};
use docx_rs::{Docx, PageMargin, Paragraph, Run, RunFonts};

/// 2 cm, in twentieths of a point.
pub const TWO_CM: i32 = 1134;

/// A blank A4 document: Liberation Sans at `size` half-points, `margin`, created (and last
/// modified) at `created`.
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
        .page_size(11906, 16838)
        .page_margin(margin)
        .created_at(&created)
        .updated_at(&created)
}

/// 2 cm margins all round.
pub fn margins() -> PageMargin {
    PageMargin::new().top(TWO_CM).bottom(TWO_CM).left(TWO_CM).right(TWO_CM)
}

/// A section heading: bold, 13 pt.
pub fn heading(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().size(26))
}

/// The document as .docx bytes.
pub fn pack(d: Docx) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    d.build().pack(std::io::Cursor::new(&mut out)).map_err(|e| e.to_string())?;
    Ok(out)
}
