//! Untrusted files: what parents and professionals send, and what the SENCO attaches.
//!
//! Everything here decides by content, never by the file name's extension, reads only what it
//! needs (magic bytes, a zip's central directory), and runs archive parsing behind a panic
//! boundary with limits, so that no file can crash the app or exhaust its memory.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ardesk_domain::content::{Active, Format, active_fix};

pub mod docx;
mod office;
mod ole;
mod pdf;
pub mod pupils;
pub mod scan;

pub use docx::{ReviewMarks, docx_page_count, docx_paragraphs, review_marks};
pub use scan::{Scan, Verdict, scan};

/// The default largest attachment, in bytes (50 MB).
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// The most entries an Office document or archive may list.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// The kinds of file the app accepts as reports, views and evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    /// OpenDocument spreadsheet (.ods) and presentation (.odp), as LibreOffice saves them.
    Ods,
    Odp,
    /// Word 97–2003 and other OLE compound files (.doc, .xls): inspected further at submission.
    LegacyOffice,
    Png,
    Jpeg,
    Text,
}

impl FileType {
    /// The extension the app gives a stored copy.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Pptx => "pptx",
            FileType::Odt => "odt",
            FileType::Ods => "ods",
            FileType::Odp => "odp",
            FileType::LegacyOffice => "doc",
            FileType::Png => "png",
            FileType::Jpeg => "jpg",
            FileType::Text => "txt",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileType::Odp => "application/vnd.oasis.opendocument.presentation",
            FileType::LegacyOffice => "application/x-ole-storage",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Text => "text/plain",
        }
    }

    /// How the type reads in messages.
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Docx => "Word document",
            FileType::Xlsx => "Excel workbook",
            FileType::Pptx => "PowerPoint presentation",
            FileType::Odt => "OpenDocument text",
            FileType::Ods => "OpenDocument spreadsheet",
            FileType::Odp => "OpenDocument presentation",
            FileType::LegacyOffice => "older Office document",
            FileType::Png => "PNG image",
            FileType::Jpeg => "JPEG image",
            FileType::Text => "text file",
        }
    }

    pub fn from_extension(ext: &str) -> Option<FileType> {
        [
            FileType::Pdf,
            FileType::Docx,
            FileType::Xlsx,
            FileType::Pptx,
            FileType::Odt,
            FileType::Ods,
            FileType::Odp,
            FileType::LegacyOffice,
            FileType::Png,
            FileType::Jpeg,
            FileType::Text,
        ]
        .into_iter()
        .find(|t| t.extension() == ext)
    }
}

/// The extension a file is judged by — the file-type rule (V14), and the program whose menus the
/// advice names: that of the type `found` in its content, except for an older Office file (or an
/// encrypted newer one), whose OLE container does not say which program made it: then the
/// extension it was `named` with (.doc, .xls, .ppt, .docx…).
pub fn judged_extension(found: Option<FileType>, named: &str) -> &str {
    match found {
        Some(t) if t != FileType::LegacyOffice => t.extension(),
        _ => named,
    }
}

/// Why a file is not accepted. Each says what to do in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Executable {
        what: &'static str,
    },
    /// It would run or fetch something when opened: what, and the extension of its type (for
    /// the steps that remove it).
    Macro {
        what: Active,
        ext: &'static str,
    },
    Archive,
    Unknown,
    Unreadable {
        detail: String,
    },
    /// A file of an accepted type, but not the one asked for (a PDF where a .docx is needed).
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
}

impl Refusal {
    /// A stable code for the UI and CLI.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Empty => "empty",
            Refusal::TooLarge { .. } => "too_large",
            Refusal::Executable { .. } => "executable",
            Refusal::Macro { .. } => "macro",
            Refusal::Archive => "archive",
            Refusal::Unknown => "unsupported",
            Refusal::Unreadable { .. } => "unreadable",
            Refusal::WrongType { .. } => "wrong_type",
        }
    }
}

/// How a file Word opens becomes the .docx asked for: a .doc, a PDF, a password-protected
/// document. `None` for anything else.
fn converting(expected: &str, found: &str) -> Option<&'static str> {
    if !expected.contains(".docx") {
        return None;
    }
    if found.contains("(.doc)") {
        Some("Open it in Word, choose File > Save As > Word Document (.docx), then use the .docx. ")
    } else if found.starts_with("password") {
        Some(
            "Open it in Word, remove the password (File > Info > Protect Document), save it, then try again. ",
        )
    } else if found == "PDF" {
        Some(
            "If the LA sent the plan in Word too, use that; otherwise open the PDF in Word (File > Open converts it), check the text, and save it as .docx. ",
        )
    } else {
        None
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Empty => write!(f, "the file is empty. Ask the sender for the document again."),
            Refusal::TooLarge { size, limit } => write!(
                f,
                "the file is {} MB, larger than the {} MB allowed. Ask for a smaller copy (for example a PDF without scanned images at full resolution).",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            Refusal::Executable { what } => {
                write!(
                    f,
                    "the file is a program ({what}), not a document. Do not open it; delete it and tell the sender."
                )
            }
            Refusal::Macro { what, ext } => write!(
                f,
                "the document contains {}. {}",
                what.describe(),
                active_fix(*what, Format::of_ext(ext))
            ),
            Refusal::Archive => {
                write!(f, "the file is an archive (zip). Extract the documents and attach them one by one.")
            }
            Refusal::Unknown => write!(
                f,
                "the file is not a type the app accepts (PDF, Word, Excel, PowerPoint, OpenDocument text, PNG, JPEG or plain text). Ask for a PDF."
            ),
            Refusal::Unreadable { detail } => {
                write!(f, "the file is damaged and cannot be read ({detail}). Ask the sender for a new copy.")
            }
            Refusal::WrongType { expected, found } => {
                write!(f, "the file is a {found}, not a {expected}. ")?;
                f.write_str(converting(expected, found).unwrap_or(""))?;
                write!(f, "Choose the {expected}, or ask for one.")
            }
        }
    }
}

/// Decides what `bytes` is. `limit` is the largest size accepted.
pub fn sniff(bytes: &[u8], limit: u64) -> Result<FileType, Refusal> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size == 0 {
        return Err(Refusal::Empty);
    }
    if size > limit {
        return Err(Refusal::TooLarge { size, limit });
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x7fELF") {
        return Err(Refusal::Executable { what: "Linux program" });
    }
    if starts(b"MZ") {
        return Err(Refusal::Executable { what: "Windows program" });
    }
    if starts(&[0xfe, 0xed, 0xfa, 0xce])
        || starts(&[0xfe, 0xed, 0xfa, 0xcf])
        || starts(&[0xcf, 0xfa, 0xed, 0xfe])
        || starts(&[0xca, 0xfe, 0xba, 0xbe])
    {
        return Err(Refusal::Executable { what: "macOS program" });
    }
    if starts(b"#!") {
        return Err(Refusal::Executable { what: "script" });
    }
    if pdf::is_pdf(bytes) {
        return Ok(FileType::Pdf);
    }
    if starts(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        return Ok(FileType::Png);
    }
    if starts(&[0xff, 0xd8, 0xff]) {
        return Ok(FileType::Jpeg);
    }
    if starts(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Ok(FileType::LegacyOffice);
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return zip_type(bytes);
    }
    if looks_like_text(bytes) {
        return Ok(FileType::Text);
    }
    Err(Refusal::Unknown)
}

/// Valid UTF-8 with no NUL bytes in the first 8 KB (a character cut at the end of the sample
/// does not count against it).
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or_default();
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// The names of the entries of a zip archive, from its central directory, behind a panic
/// boundary and the entry limit.
pub fn zip_entry_names(bytes: &[u8]) -> Result<Vec<String>, Refusal> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Refusal::Unreadable { detail: format!("not a complete zip archive: {e}") })?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(Refusal::Unreadable {
                detail: format!("{} entries, more than a document has", archive.len()),
            });
        }
        archive
            .file_names()
            .map(|name| {
                name.map(|n| n.into_owned())
                    .map_err(|e| Refusal::Unreadable { detail: format!("an entry name cannot be read: {e}") })
            })
            .collect::<Result<Vec<_>, _>>()
    }));
    result.unwrap_or_else(|_| {
        Err(Refusal::Unreadable { detail: "the archive's structure is invalid".to_owned() })
    })
}

/// How many pages a PDF has, read with lopdf (see `pdf::load`: behind a panic boundary, with
/// the expansion of its compressed streams bounded); `None` when it cannot be read (a damaged or
/// encrypted file, which the scan refuses anyway, or one whose streams would expand too far).
pub fn pdf_page_count(bytes: &[u8]) -> Option<usize> {
    pdf::load(bytes).map(|d| d.get_pages().len()).filter(|n| *n > 0)
}

/// The most a PDF's compressed cross-reference and object streams may expand to, together,
/// when its pages are counted: 64 MiB.
pub const PDF_INFLATE_BUDGET: usize = 64 << 20;

fn zip_type(bytes: &[u8]) -> Result<FileType, Refusal> {
    let names = zip_entry_names(bytes)?;
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("[Content_Types].xml") {
        let kind = [
            ("word/document.xml", FileType::Docx),
            ("xl/workbook.xml", FileType::Xlsx),
            ("ppt/presentation.xml", FileType::Pptx),
        ]
        .into_iter()
        .find(|(part, _)| has(part))
        .map(|(_, kind)| kind);
        if let Some(what) = office::active_content(bytes, &names) {
            return Err(Refusal::Macro { what, ext: kind.map_or("", FileType::extension) });
        }
        return kind.ok_or(Refusal::Unknown);
    }
    if has("mimetype") && has("content.xml") {
        // OpenDocument: the first entry, stored uncompressed, names the type.
        let text = bytes.get(30..140).map(String::from_utf8_lossy).unwrap_or_default();
        let kind = [
            ("application/vnd.oasis.opendocument.text", FileType::Odt),
            ("application/vnd.oasis.opendocument.spreadsheet", FileType::Ods),
            ("application/vnd.oasis.opendocument.presentation", FileType::Odp),
        ]
        .into_iter()
        // The longest first: "…text" is not a prefix of another type, but "-template"s are.
        .find(|(media, _)| text.contains(media) && !text.contains(&format!("{media}-template")));
        let Some((_, kind)) = kind else { return Err(Refusal::Unknown) };
        if let Some(what) = office::active_content(bytes, &names) {
            return Err(Refusal::Macro { what, ext: kind.extension() });
        }
        return Ok(kind);
    }
    Err(Refusal::Archive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let options =
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            let _ = w.start_file(*name, options);
            let _ = w.write_all(data);
        }
        w.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    /// The school report fixture has one page (qpdf --show-npages); damaged bytes have none.
    #[test]
    fn a_pdf_s_pages_are_counted_and_damage_is_none() {
        let report =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/school-report.pdf"))
                .unwrap_or_default();
        assert_eq!(pdf_page_count(&report), Some(1));
        assert_eq!(pdf_page_count(report.get(..report.len() / 2).unwrap_or_default()), None);
        assert_eq!(pdf_page_count(b"%PDF-1.7 not really"), None);
        // Saved with compressed object streams and a cross-reference stream (qpdf: 3 pages).
        let packed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/report-object-streams.pdf"
        ))
        .unwrap_or_default();
        assert_eq!(pdf_page_count(&packed), Some(3));
    }

    /// An object stream that would expand past its share of the budget stops lopdf as it
    /// decompresses: the page count is unknown, and memory stays bounded.
    #[test]
    fn a_pdf_whose_object_stream_would_expand_past_the_budget_is_not_counted() {
        let packed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/report-object-streams.pdf"
        ))
        .unwrap_or_default();
        // The same file claiming many more streams (in a comment) leaves each a share too small
        // for its real object stream.
        // The comment goes after the file's end, followed by its last lines again (startxref and
        // %%EOF, which a reader looks for at the end): no offset moves. Its object stream
        // expands to 1,116 bytes (zlib), more than a 512th of the budget.
        let tail = packed.windows(9).rposition(|w| w == b"startxref").unwrap_or_default();
        let comment = |word: &[u8]| {
            let mut bytes = packed.clone();
            bytes.extend(b"\n%".iter().chain(&word.repeat(PDF_INFLATE_BUDGET / 512)).chain(b"\n"));
            bytes.extend(packed.get(tail..).unwrap_or_default());
            bytes
        };
        assert_eq!(pdf_page_count(&comment(b"/ObjStm")), None);
        // The same comment without the name: still read (so it is the share that stops it).
        assert_eq!(pdf_page_count(&comment(b"/ObjStn")), Some(3));
    }

    fn check(bytes: &[u8], expect: Result<FileType, &str>) {
        let got = sniff(bytes, DEFAULT_MAX_BYTES).map_err(|r| r.code());
        assert_eq!(got, expect, "{:?}", bytes.get(..16));
    }

    #[test]
    fn types_are_decided_by_content() {
        check(b"%PDF-1.7\n...", Ok(FileType::Pdf));
        check(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0], Ok(FileType::Png));
        check(&[0xff, 0xd8, 0xff, 0xe0, 0], Ok(FileType::Jpeg));
        check(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0], Ok(FileType::LegacyOffice));
        check("Views of Robin’s mum: all going well.\n".as_bytes(), Ok(FileType::Text));
        check(
            &zip_with(&[("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"<w/>")]),
            Ok(FileType::Docx),
        );
        check(
            &zip_with(&[("[Content_Types].xml", b"<x/>"), ("xl/workbook.xml", b"<w/>")]),
            Ok(FileType::Xlsx),
        );
        check(
            &zip_with(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]),
            Ok(FileType::Odt),
        );
    }

    #[test]
    fn dangerous_and_unknown_files_are_refused() {
        check(b"", Err("empty"));
        check(b"\x7fELF\x02\x01\x01", Err("executable"));
        check(b"MZ\x90\x00", Err("executable"));
        check(b"#!/bin/sh\nrm -rf /", Err("executable"));
        check(&[0u8, 1, 2, 3, 0, 0, 0xff], Err("unsupported"));
        check(
            &zip_with(&[
                ("[Content_Types].xml", b"<x/>"),
                ("word/document.xml", b"<w/>"),
                ("word/vbaProject.bin", b"x"),
            ]),
            Err("macro"),
        );
        check(&zip_with(&[("report.pdf", b"%PDF-1.4")]), Err("archive"));
        check(b"PK\x03\x04truncated", Err("unreadable"));
        let big = vec![b'a'; 2048];
        assert_eq!(sniff(&big, 1024).map_err(|r| r.code()), Err("too_large"));
    }

    #[test]
    fn messages_say_what_to_do() {
        let msg = Refusal::TooLarge { size: 60 * 1024 * 1024, limit: DEFAULT_MAX_BYTES }.to_string();
        assert!(msg.contains("60 MB") && msg.contains("50 MB"), "{msg}");
        let msg = Refusal::Macro { what: Active::Macros, ext: "xlsx" }.to_string();
        assert!(msg.contains("macros") && msg.contains("Excel Workbook (*.xlsx)"), "{msg}");
    }
}
