//! The child's own invitation (spec §6.2, issue 16): the same merged letter as the others, laid
//! out for a child: large type, short lines, a simple drawn picture beside when, where and who
//! (drawn with lines, not a licensed symbol set), and no address block or letterhead clutter.

use ardesk_domain::letters::Block;
use docx_rs::{Paragraph, Run};

use crate::letter::LetterDoc;
use crate::pdf::{Layout, MARGIN, PAGE_W, Weight, leading};

/// The body text size (pt): large print.
const SIZE: f32 = 14.0;
/// The height of the sign-off (mm).
const SIGN_OFF: f32 = 12.0;
/// The picture beside a line, square (mm).
const ICON: f32 = 14.0;

/// Which picture goes beside a bullet, from how the line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Picture {
    Calendar,
    Place,
    People,
}

fn picture_for(text: &str) -> Option<Picture> {
    let start = text.trim_start().to_lowercase();
    if start.starts_with("when") {
        Some(Picture::Calendar)
    } else if start.starts_with("where") {
        Some(Picture::Place)
    } else if start.starts_with("who") {
        Some(Picture::People)
    } else {
        None
    }
}

/// Draws `picture` in the `ICON` square whose top-left corner is (`x`, `y`).
fn draw(pdf: &mut Layout, picture: Picture, x: f32, y: f32) {
    let s = ICON;
    match picture {
        Picture::Calendar => {
            pdf.rect(x, y + 2.0, s, s - 2.0, 1.2);
            pdf.line(x, y + 5.5, x + s, y + 5.5, 1.2);
            pdf.line(x + 4.0, y, x + 4.0, y + 4.0, 1.5);
            pdf.line(x + s - 4.0, y, x + s - 4.0, y + 4.0, 1.5);
            for row in 0..2 {
                for col in 0..3 {
                    let (cx, cy) = (x + 3.0 + col as f32 * 4.0, y + 8.0 + row as f32 * 3.0);
                    pdf.rect(cx, cy, 1.5, 1.5, 0.8);
                }
            }
        }
        Picture::Place => {
            // A school: a roof, walls, a door and two windows.
            pdf.polyline(&[(x, y + 6.0), (x + s / 2.0, y), (x + s, y + 6.0)], false, 1.2);
            pdf.rect(x + 1.5, y + 6.0, s - 3.0, s - 6.0, 1.2);
            pdf.rect(x + s / 2.0 - 1.75, y + s - 5.0, 3.5, 5.0, 1.0);
            pdf.rect(x + 3.0, y + 8.0, 2.5, 2.5, 0.8);
            pdf.rect(x + s - 5.5, y + 8.0, 2.5, 2.5, 0.8);
        }
        Picture::People => {
            // Two people: heads and shoulders.
            for (cx, r) in [(x + 4.5, 2.2), (x + s - 4.5, 2.2)] {
                pdf.circle(cx, y + 3.5, r, 1.2);
                pdf.polyline(
                    &[(cx - 4.0, y + s), (cx - 3.0, y + 8.0), (cx + 3.0, y + 8.0), (cx + 4.0, y + s)],
                    false,
                    1.2,
                );
            }
        }
    }
}

/// The child's letter as an A4 PDF in large print, with pictures beside when, where and who.
pub fn render_pdf(doc: &LetterDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = Layout::new(&doc.letter.subject, &doc.signer, doc.created)?;
    pdf.y = MARGIN;
    pdf.text_right(PAGE_W - MARGIN, pdf.y + 2.0, &doc.school_name, Weight::Regular, 11.0);
    pdf.y += 8.0;
    pdf.paragraph(MARGIN, width, &doc.letter.subject, Weight::Bold, 24.0, 6.0);
    let last = doc.letter.blocks.len().saturating_sub(1);
    let mut after_bullet = false;
    for (n, block) in doc.letter.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(text) => {
                if after_bullet {
                    pdf.y += 2.5;
                }
                // The last paragraph goes with the sign-off: a name never stands alone.
                if n == last {
                    pdf.ensure_space(
                        pdf.paragraph_height(text, Weight::Regular, SIZE, width) + 5.0 + SIGN_OFF,
                    );
                }
                pdf.paragraph(MARGIN, width, text, Weight::Regular, SIZE, 4.0)
            }
            Block::Bullet(text) => match picture_for(text) {
                Some(picture) => {
                    pdf.ensure_space(ICON + 4.0);
                    let top = pdf.y + 1.0;
                    draw(&mut pdf, picture, MARGIN, top);
                    pdf.y = top + 1.0;
                    pdf.paragraph(MARGIN + ICON + 6.0, width - ICON - 6.0, text, Weight::Bold, SIZE, 0.0);
                    pdf.y = pdf.y.max(top + ICON) + 3.5;
                }
                None => {
                    pdf.ensure_space(8.0);
                    let top = pdf.y;
                    pdf.paragraph(MARGIN + 8.0, width - 8.0, text, Weight::Regular, SIZE, 2.5);
                    pdf.text_at(MARGIN + 2.0, top + leading(SIZE), "\u{2022}", Weight::Bold, SIZE);
                }
            },
        }
        after_bullet = matches!(block, Block::Bullet(_));
    }
    pdf.ensure_space(SIGN_OFF);
    pdf.y += 3.0;
    pdf.paragraph(MARGIN, width, &format!("From {}", doc.signer), Weight::Bold, SIZE, 0.0);
    Ok(pdf.finish(&doc.school_name))
}

/// The child's letter as a Word document in large print (14 pt, the subject at 24 pt), for a
/// school that adds its own pictures or symbols.
pub fn render_docx(doc: &LetterDoc) -> Result<Vec<u8>, String> {
    let mut d = crate::word::a4(doc.created, 28, crate::word::margins())
        .footer(crate::word::footer(&doc.school_name))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.letter.subject).bold().size(48)));
    for block in &doc.letter.blocks {
        d = match block {
            Block::Paragraph(text) => d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(text))),
            Block::Bullet(text) => d.add_paragraph(crate::word::bullet(text)),
        };
    }
    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!("From {}", doc.signer)).bold()));
    crate::word::pack(d, &format!("{}, {}", doc.signer, doc.school_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_where_and_who_get_their_pictures() {
        assert_eq!(picture_for("When: Tuesday 12 January 2027 at 10:00"), Some(Picture::Calendar));
        assert_eq!(picture_for("Where: the library"), Some(Picture::Place));
        assert_eq!(picture_for("Who: your family"), Some(Picture::People));
        assert_eq!(picture_for("draw a picture"), None);
    }

    #[test]
    fn the_child_s_letter_renders_in_both_formats() {
        let mut doc = crate::letter::tests::sample();
        doc.letter.blocks.push(Block::Bullet("When: Tuesday 12 January 2027 at 10:00".into()));
        doc.letter.blocks.push(Block::Bullet("Where: the library".into()));
        doc.letter.blocks.push(Block::Bullet("Who: your family, your teachers".into()));
        assert!(render_pdf(&doc).unwrap_or_default().starts_with(b"%PDF-"));
        assert!(render_docx(&doc).unwrap_or_default().starts_with(b"PK"));
    }
}
