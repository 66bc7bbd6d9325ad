//! The text of a Word document, paragraph by paragraph, for importing an EHC plan.
//!
//! The file is untrusted: it is sniffed by content first (so a renamed PDF or a macro document
//! is refused), only `word/document.xml` is read, by its exact name (no entry name is ever used
//! as a path), its decompressed size is counted on the bytes actually inflated (a zip's stated
//! sizes can lie), and the whole parse runs behind a panic boundary.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use quick_xml::events::Event;

use crate::{FileType, Refusal, sniff};

/// The largest `word/document.xml` read, decompressed (a 300-page plan is about 5 MB).
pub const MAX_DOCUMENT_XML: u64 = 32 * 1024 * 1024;
/// The largest decompressed-to-compressed ratio accepted for a part over 1 MB. Word's XML
/// compresses about 10:1; a zip bomb reaches 1000:1.
pub const MAX_RATIO: u64 = 200;

/// The paragraphs of a .docx, in order, as plain text (tabs kept, line breaks as `\n`,
/// deleted text left out, empty paragraphs dropped). `limit` is the largest file accepted.
pub fn docx_paragraphs(bytes: &[u8], limit: u64) -> Result<Vec<String>, Refusal> {
    match sniff(bytes, limit)? {
        FileType::Docx => {}
        other => return Err(Refusal::WrongType { expected: "Word document (.docx)", found: other.label() }),
    }
    catch_unwind(AssertUnwindSafe(|| {
        let xml = document_xml(bytes)?;
        paragraphs(&xml)
    }))
    .unwrap_or_else(|_| Err(Refusal::Unreadable { detail: "the document's structure is invalid".to_owned() }))
}

/// Review marks left in a Word document: unaccepted tracked changes and comments (V16).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewMarks {
    pub revisions: bool,
    pub comments: bool,
}

/// Whether a .docx still holds tracked changes or comments. `None` if it cannot be read.
pub fn review_marks(bytes: &[u8]) -> Option<ReviewMarks> {
    catch_unwind(AssertUnwindSafe(|| {
        let xml = document_xml(bytes).ok()?;
        let has = |tag: &[u8]| xml.windows(tag.len()).any(|w| w == tag);
        Some(ReviewMarks {
            revisions: has(b"<w:ins ") || has(b"<w:del ") || has(b"<w:ins>") || has(b"<w:del>"),
            comments: has(b"<w:commentReference"),
        })
    }))
    .ok()
    .flatten()
}

fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let damaged = |e: &dyn std::fmt::Display| Refusal::Unreadable { detail: e.to_string() };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let entry = archive.by_name("word/document.xml").map_err(|e| damaged(&e))?;
    let compressed = entry.compressed_size().max(1);
    let mut xml = Vec::new();
    // Count what is actually inflated: stop one byte past the limit.
    entry.take(MAX_DOCUMENT_XML + 1).read_to_end(&mut xml).map_err(|e| damaged(&e))?;
    let size = u64::try_from(xml.len()).unwrap_or(u64::MAX);
    if size > MAX_DOCUMENT_XML {
        return Err(Refusal::Unreadable {
            detail: format!("its text unpacks to more than {} MB", MAX_DOCUMENT_XML / (1024 * 1024)),
        });
    }
    if size > 1024 * 1024 && size / compressed > MAX_RATIO {
        return Err(Refusal::Unreadable {
            detail: format!("it unpacks to {} times its size, as a zip bomb does", size / compressed),
        });
    }
    Ok(xml)
}

fn paragraphs(xml: &[u8]) -> Result<Vec<String>, Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Refusal::Unreadable { detail: format!("its text is not valid XML ({e})") })?;
        match event {
            Event::Start(e) if e.name().into_inner() == "w:t" => in_text = true,
            Event::End(e) if e.name().into_inner() == "w:t" => in_text = false,
            Event::Empty(e) if e.name().into_inner() == "w:tab" => current.push('\t'),
            Event::Empty(e) if matches!(e.name().into_inner(), "w:br" | "w:cr") => current.push('\n'),
            Event::End(e) if e.name().into_inner() == "w:p" => {
                let text = std::mem::take(&mut current);
                if !text.trim().is_empty() {
                    out.push(text.trim_end().to_owned());
                }
            }
            Event::Text(t) if in_text => current.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                current.extend(c);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const LIMIT: u64 = crate::DEFAULT_MAX_BYTES;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            let _ = w.start_file(*name, options);
            let _ = w.write_all(data);
        }
        w.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    fn docx(document: &[u8]) -> Vec<u8> {
        zip_of(
            &[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document)],
            zip::CompressionMethod::Deflated,
        )
    }

    fn code(bytes: &[u8]) -> &'static str {
        match docx_paragraphs(bytes, LIMIT) {
            Ok(_) => "ok",
            Err(r) => r.code(),
        }
    }

    #[test]
    fn paragraphs_come_out_in_order_with_entities_tabs_and_no_deleted_text() {
        let xml = br#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Section F &amp; provision</w:t></w:r></w:p>
            <w:p></w:p>
            <w:p><w:r><w:t xml:space="preserve">Speech </w:t></w:r><w:r><w:tab/><w:t>therapy</w:t></w:r>
                 <w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:br/><w:t>weekly &#8211; 30 min</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let got = docx_paragraphs(&docx(xml), LIMIT);
        assert_eq!(
            got,
            Ok(vec![
                "Section F & provision".to_owned(),
                "Speech \ttherapy\nweekly \u{2013} 30 min".to_owned()
            ])
        );
    }

    #[test]
    fn hostile_files_are_refused_with_a_reason() {
        // (How fast each is refused is measured by the benchmarks, not here.)
        // A zip bomb: 8 MB of one byte deflates to a few kilobytes.
        let bomb = docx(&vec![b' '; 8 * 1024 * 1024]);
        assert!(bomb.len() < 100_000);
        let refusal = docx_paragraphs(&bomb, LIMIT).err().map(|r| r.to_string()).unwrap_or_default();
        assert!(refusal.contains("zip bomb"), "{refusal}");
        // Entry names that climb out of a folder: never used as paths, and not a Word document.
        let traversal =
            zip_of(&[("../../etc/passwd", b"x"), ("/abs/path", b"y")], zip::CompressionMethod::Stored);
        assert_eq!(code(&traversal), "archive");
        // A truncated file, an empty document part, a renamed PDF, a macro document.
        let good = docx(b"<w:document><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>");
        assert_eq!(code(good.get(..good.len() / 2).unwrap_or_default()), "unreadable");
        assert_eq!(docx_paragraphs(&docx(b""), LIMIT), Ok(vec![]));
        assert_eq!(code(b"%PDF-1.7 renamed.docx"), "wrong_type");
        assert_eq!(code(b"<w:document>not even a zip"), "wrong_type");
        assert_eq!(code(b"not xml at all <<<"), "wrong_type");
        let broken = docx(b"<w:document><w:p><w:t>unclosed</w:p>");
        assert_eq!(code(&broken), "unreadable");
    }

    #[test]
    fn a_hundred_thousand_entries_are_refused() {
        let names: Vec<String> = (0..100_000).map(|n| format!("f{n}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let many = zip_of(&entries, zip::CompressionMethod::Stored);
        assert_eq!(code(&many), "unreadable");
    }
}
