//! A letter (from [`ardesk_domain::letters`]) on the school's letterhead, as DOCX or A4 PDF.

use ardesk_domain::letters::{Block, Letter};
use chrono::{DateTime, Utc};
use docx_rs::{AlignmentType, BreakType, Header, Paragraph, Pic, Run};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight, leading};

/// Everything on the page around the letter's own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterDoc {
    pub school_name: String,
    /// Commas separate the lines of the address.
    pub school_address: String,
    /// "01632 960000 · senco@example.org".
    pub school_contact: String,
    /// A PNG logo for the DOCX letterhead, if the school has one.
    pub logo_png: Option<Vec<u8>>,
    /// "22 November 2026".
    pub date: String,
    /// The address block, one line each.
    pub recipient: Vec<String>,
    pub letter: Letter,
    pub signer: String,
    pub signer_role: String,
    /// Written into the document's properties.
    pub created: DateTime<Utc>,
}

fn address_lines(address: &str) -> Vec<String> {
    address.split(',').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
}

/// The width and height of a PNG image, read from its header without decoding it; `None` if
/// `bytes` is not a PNG whose size can be read. The logo is checked with this when it is
/// chosen, and the letter uses it, so no logo can stop a letter being written.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return None;
    }
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Png);
    reader.into_dimensions().ok().filter(|(w, h)| *w > 0 && *h > 0)
}

/// The letter as a Word document (A4, Liberation Sans 11 pt, the letterhead in the header).
pub fn render_docx(doc: &LetterDoc) -> Result<Vec<u8>, String> {
    let right = || Paragraph::new().align(AlignmentType::Right);
    let mut header = Header::new();
    if let Some((png, (w, h))) = doc.logo_png.as_deref().and_then(|b| Some((b, png_size(b)?))) {
        let pic = Pic::new_with_dimensions(png.to_vec(), w, h).size(18 * 36_000, 18 * 36_000);
        header = header.add_paragraph(right().add_run(Run::new().add_image(pic)));
    }
    header = header.add_paragraph(right().add_run(Run::new().add_text(&doc.school_name).bold().size(28)));
    let mut address = Run::new().size(18);
    for (n, line) in
        address_lines(&doc.school_address).iter().chain(std::iter::once(&doc.school_contact)).enumerate()
    {
        if line.is_empty() {
            continue;
        }
        if n > 0 {
            address = address.add_break(BreakType::TextWrapping);
        }
        address = address.add_text(line);
    }
    header = header.add_paragraph(right().add_run(address));

    let margin = crate::word::margins().top(1700).header(567);
    let mut d =
        crate::word::a4(doc.created, 22, margin).header(header).footer(crate::word::footer(&doc.school_name));

    d = d.add_paragraph(right().add_run(Run::new().add_text(&doc.date)));
    if !doc.recipient.is_empty() {
        let mut run = Run::new();
        for (n, line) in doc.recipient.iter().enumerate() {
            if n > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        d = d.add_paragraph(Paragraph::new().add_run(run));
    }
    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.letter.subject).bold().size(24)));
    // The last paragraph keeps with the sign-off, so that the signature never stands alone on
    // a page.
    let last = doc.letter.blocks.len().saturating_sub(1);
    for (n, block) in doc.letter.blocks.iter().enumerate() {
        d = match block {
            Block::Paragraph(text) => {
                d.add_paragraph(Paragraph::new().keep_next(n == last).add_run(Run::new().add_text(text)))
            }
            Block::Bullet(text) => d.add_paragraph(crate::word::bullet(text)),
        };
    }
    d = d
        .add_paragraph(Paragraph::new().keep_next(true).add_run(Run::new().add_text("Yours sincerely")))
        .add_paragraph(Paragraph::new().keep_next(true))
        .add_paragraph(Paragraph::new().keep_next(true).add_run(Run::new().add_text(&doc.signer).bold()))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.signer_role)));

    crate::word::pack(d, &format!("{}, {}", doc.signer, doc.school_name))
}

/// The height of the sign-off: "Yours sincerely", room to sign, the name and the role (mm).
const SIGN_OFF: f32 = 32.0;

/// The letter as an A4 PDF with Liberation Sans embedded.
pub fn render_pdf(doc: &LetterDoc) -> Result<Vec<u8>, String> {
    Ok(layout_pdf(doc)?.finish(&doc.school_name))
}

fn layout_pdf(doc: &LetterDoc) -> Result<Layout, String> {
    let mut pdf = Layout::new(&doc.letter.subject, &doc.signer, doc.created)?;
    let right = PAGE_W - MARGIN;
    let width = PAGE_W - 2.0 * MARGIN;

    // Letterhead, right-aligned.
    pdf.y = MARGIN + 2.0;
    pdf.text_right(right, pdf.y, &doc.school_name, Weight::Bold, 14.0);
    for line in address_lines(&doc.school_address)
        .iter()
        .chain(std::iter::once(&doc.school_contact))
        .filter(|l| !l.is_empty())
    {
        pdf.y += 4.5;
        pdf.text_right(right, pdf.y, line, Weight::Regular, 9.0);
    }
    pdf.y += 4.0;
    pdf.line(MARGIN, pdf.y, right, pdf.y, 0.5);

    // Date, then the address block.
    pdf.y += 9.0;
    pdf.text_right(right, pdf.y, &doc.date, Weight::Regular, 11.0);
    pdf.y += 2.0;
    for line in &doc.recipient {
        pdf.y += 5.0;
        pdf.text_at(MARGIN, pdf.y, line, Weight::Regular, 11.0);
    }
    pdf.y += 6.0;
    pdf.paragraph(MARGIN, width, &doc.letter.subject, Weight::Bold, 12.0, 3.0);
    let mut after_bullet = false;
    let last = doc.letter.blocks.len().saturating_sub(1);
    for (n, block) in doc.letter.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(text) => {
                if after_bullet {
                    pdf.y += 2.0;
                }
                // The last paragraph goes with the sign-off: a signature never stands alone.
                if n == last {
                    pdf.ensure_space(
                        pdf.paragraph_height(text, Weight::Regular, 11.0, width) + 3.0 + SIGN_OFF,
                    );
                }
                pdf.paragraph(MARGIN, width, text, Weight::Regular, 11.0, 3.0);
            }
            Block::Bullet(text) => {
                pdf.ensure_space(5.0);
                let top = pdf.y;
                pdf.paragraph(MARGIN + 6.0, width - 6.0, text, Weight::Regular, 11.0, 1.0);
                pdf.text_at(MARGIN + 1.5, top + leading(11.0), "•", Weight::Regular, 11.0);
            }
        }
        after_bullet = matches!(block, Block::Bullet(_));
    }
    pdf.ensure_space(SIGN_OFF);
    pdf.y += 3.0;
    pdf.paragraph(MARGIN, width, "Yours sincerely", Weight::Regular, 11.0, 14.0);
    pdf.paragraph(MARGIN, width, &doc.signer, Weight::Bold, 11.0, 0.0);
    pdf.paragraph(MARGIN, width, &doc.signer_role, Weight::Regular, 11.0, 0.0);
    Ok(pdf)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn sample() -> LetterDoc {
        LetterDoc {
            school_name: "Annual Review Desk Demo School".into(),
            school_address: "1 Example Street, Exampletown, XX1 1XX".into(),
            school_contact: "01632 960000 · senco@example.org".into(),
            logo_png: None,
            date: "22 November 2026".into(),
            recipient: vec!["Pat Example".into(), "2 Sample Road".into(), "Exampletown".into()],
            letter: Letter {
                subject: "Invitation to Robin's annual review meeting".into(),
                blocks: vec![
                    Block::Paragraph("Dear Pat Example,".into()),
                    Block::Paragraph("I am writing to invite you to the annual review of Robin's Education, Health and Care Plan. ".repeat(6)),
                    Block::Bullet("Date: Tuesday 20 January 2026".into()),
                    Block::Bullet("Reports due by Tuesday 30 December 2025".into()),
                ],
            },
            signer: "Alex Example".into(),
            signer_role: "SENCO, on behalf of the head teacher".into(),
            created: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default(),
        }
    }

    #[test]
    fn docx_is_a_zip_with_the_letter_text() {
        let bytes = render_docx(&sample()).unwrap_or_default();
        assert!(bytes.starts_with(b"PK"));
        let text = String::from_utf8_lossy(&bytes);
        // The document part is compressed; check structure rather than text here (the
        // integration tests read it with LibreOffice and python-docx).
        assert!(text.contains("word/document.xml"));
    }

    /// The part `name` of a DOCX, as text.
    fn part(docx: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| unreachable!("{e}"));
        let mut xml = String::new();
        if let Ok(mut f) = zip.by_name(name) {
            let _ = f.read_to_string(&mut xml);
        }
        xml
    }

    /// Issue 16: the Word letter is as good as the PDF: a real bulleted list (not typed bullets),
    /// space after paragraphs, "Page X of Y" fields in its footer, and an author.
    #[test]
    fn the_word_letter_has_real_lists_spacing_and_page_numbers() {
        let mut doc = sample();
        doc.letter.blocks.push(Block::Bullet("Date: Tuesday 12 January 2027".into()));
        let bytes = render_docx(&doc).unwrap_or_default();
        let body = part(&bytes, "word/document.xml");
        assert!(body.contains("<w:numPr>") && !body.contains('\u{2022}'), "{body}");
        assert!(part(&bytes, "word/numbering.xml").contains("w:val=\"bullet\""));
        assert!(part(&bytes, "word/styles.xml").contains("w:after=\"120\""));
        let footer = part(&bytes, "word/footer1.xml");
        assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"), "{footer}");
        let core = part(&bytes, "docProps/core.xml");
        assert!(
            core.contains(&format!("<dc:creator>{}, ", doc.signer)) && !core.contains("unknown"),
            "{core}"
        );
    }

    #[test]
    fn pdf_is_a4_with_fonts_embedded() {
        let bytes = render_pdf(&sample()).unwrap_or_default();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/FontFile2"), "fonts must be embedded");
        assert!(text.contains("/Lang(en-GB)"), "the document's language");
        assert!(text.contains("595.2") && text.contains("841.8"), "A4 media box");
    }

    #[test]
    fn long_letters_run_onto_more_pages() {
        let mut doc = sample();
        doc.letter.blocks =
            (0..80).map(|n| Block::Paragraph(format!("Paragraph {n} of a long letter."))).collect();
        assert_eq!(layout_pdf(&sample()).map(|l| l.page_count()), Ok(1));
        assert_eq!(layout_pdf(&doc).map(|l| l.page_count()), Ok(3));
    }
}
