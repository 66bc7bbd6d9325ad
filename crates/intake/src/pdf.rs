//! A PDF read as readers read it, for the scan: its encryption from the trailers of every
//! incremental update (classic trailers and cross-reference streams, names with `#xx` escapes
//! decoded, junk before the header tolerated), read from the end and bounded, never from a
//! search of the whole file; and what it would do when opened (JavaScript, launch actions,
//! embedded files), from its objects as lopdf loads them, within the inflate budget.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ardesk_domain::content::Active;

use crate::PDF_INFLATE_BUDGET;
use crate::scan::Verdict;

/// Where the `%PDF-` header starts: readers accept it anywhere in the first 1,024 bytes.
pub(crate) fn header_offset(bytes: &[u8]) -> Option<usize> {
    bytes.get(..bytes.len().min(1024))?.windows(5).position(|w| w == b"%PDF-")
}

/// Whether `bytes` is a PDF: a header in the first 1,024 bytes and, when it is not at the start,
/// a `startxref` in the last 2 KiB (a text that merely mentions "%PDF-" is not one).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    match header_offset(bytes) {
        Some(0) => true,
        Some(_) => tail(bytes).windows(9).any(|w| w == b"startxref"),
        None => false,
    }
}

fn tail(bytes: &[u8]) -> &[u8] {
    bytes.get(bytes.len().saturating_sub(2048)..).unwrap_or_default()
}

/// PDF white space (7.2.3).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// PDF delimiters (7.2.3).
fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A reader of PDF tokens over a slice, bounded by it.
struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.at += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn starts(&self, s: &[u8]) -> bool {
        self.bytes.get(self.at..).is_some_and(|r| r.starts_with(s))
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_space(c) || is_delimiter(c) {
                break;
            }
            if c == b'#' {
                let hex = self.bytes.get(self.at + 1..self.at + 3).and_then(|h| std::str::from_utf8(h).ok());
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(v);
                    self.at += 3;
                    continue;
                }
            }
            out.push(c);
            self.at += 1;
        }
        out
    }

    /// Skips one object (a value), however nested; false if the input ends first.
    fn skip_value(&mut self) -> bool {
        self.skip_space();
        let Some(c) = self.peek() else { return false };
        match c {
            b'/' => {
                self.name();
                true
            }
            b'(' => self.skip_literal_string(),
            b'<' if self.starts(b"<<") => self.skip_dict().is_some(),
            b'<' => {
                while let Some(c) = self.peek() {
                    self.at += 1;
                    if c == b'>' {
                        return true;
                    }
                }
                false
            }
            b'[' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.peek() {
                        None => return false,
                        Some(b']') => {
                            self.at += 1;
                            return true;
                        }
                        Some(_) => {
                            if !self.skip_value() {
                                return false;
                            }
                        }
                    }
                }
            }
            _ => {
                // A number, possibly the start of a reference "N G R"; or true, false, null.
                self.word();
                let save = self.at;
                self.skip_space();
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.word();
                    self.skip_space();
                    if self.peek() == Some(b'R') {
                        self.at += 1;
                        return true;
                    }
                }
                self.at = save;
                true
            }
        }
    }

    fn word(&mut self) {
        let start = self.at;
        while self.peek().is_some_and(|c| !is_space(c) && !is_delimiter(c)) {
            self.at += 1;
        }
        if self.at == start {
            // A stray delimiter: step over it so that nothing loops.
            self.at += 1;
        }
    }

    fn skip_literal_string(&mut self) -> bool {
        self.at += 1;
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// The top-level keys of the dictionary starting here (`<<`), names decoded; `None` if it
    /// does not close.
    fn skip_dict(&mut self) -> Option<Vec<Vec<u8>>> {
        self.skip_space();
        if !self.starts(b"<<") {
            return None;
        }
        self.at += 2;
        let mut keys = Vec::new();
        loop {
            self.skip_space();
            if self.starts(b">>") {
                self.at += 2;
                return Some(keys);
            }
            match self.peek() {
                Some(b'/') => {
                    keys.push(self.name());
                    if !self.skip_value() {
                        return None;
                    }
                }
                Some(_) => {
                    // Not a key where one belongs: step over the value.
                    if !self.skip_value() {
                        return None;
                    }
                }
                None => return None,
            }
        }
    }

    /// The value (raw, undecoded) of the top-level key `key` of the dictionary starting here.
    fn value_of(&mut self, key: &[u8]) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        self.skip_space();
        if !self.starts(b"<<") {
            return None;
        }
        self.at += 2;
        loop {
            self.skip_space();
            if self.starts(b">>") {
                return None;
            }
            if self.peek() != Some(b'/') {
                if !self.skip_value() {
                    return None;
                }
                continue;
            }
            let name = self.name();
            self.skip_space();
            let start = self.at;
            if !self.skip_value() {
                return None;
            }
            if name == key {
                return bytes.get(start..self.at);
            }
        }
    }
}

/// The top-level keys of the dictionary at the start of `bytes` (after white space).
fn keys_of(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    Lexer { bytes, at: 0 }.skip_dict()
}

/// The integer value of the top-level key `key` of the dictionary at the start of `bytes`.
fn int_of(bytes: &[u8], key: &[u8]) -> Option<usize> {
    let raw = Lexer { bytes, at: 0 }.value_of(key)?;
    std::str::from_utf8(raw).ok()?.trim().parse().ok()
}

/// The trailer dictionary of the cross-reference section at `section`: a classic table's
/// `trailer << … >>`, or a cross-reference stream's own dictionary (`N G obj << /Type /XRef …`).
fn trailer_of(section: &[u8]) -> Option<&[u8]> {
    if section.starts_with(b"xref") {
        // The table's lines are fixed-width: the trailer follows within its extent.
        let window = section.get(..section.len().min(1 << 24)).unwrap_or_default();
        let at = window.windows(7).position(|w| w == b"trailer")?;
        return section.get(at + 7..);
    }
    let mut lexer = Lexer { bytes: section, at: 0 };
    // "N G obj"
    lexer.skip_space();
    lexer.word();
    lexer.skip_space();
    lexer.word();
    lexer.skip_space();
    if !lexer.starts(b"obj") {
        return None;
    }
    lexer.at += 3;
    let dict = section.get(lexer.at..)?;
    keys_of(dict)?.iter().any(|k| k == b"XRef" || k == b"Type").then_some(dict)
}

/// Whether the PDF is encrypted, as readers decide it: by `/Encrypt` among the own keys of the
/// newest trailer (the one `startxref` names, with a hybrid file's `/XRefStm`), names decoded.
/// The chain of older sections (`/Prev`) is followed too: a file encrypted once and updated
/// without its encryption dictionary is one no reader can read. An offset is tried as written
/// and, when junk precedes the header, from the header (as readers do).
pub(crate) fn encryption(bytes: &[u8]) -> Verdict {
    let base = header_offset(bytes).unwrap_or(0);
    let tail_start = bytes.len().saturating_sub(2048);
    let Some(at) = tail(bytes).windows(9).rposition(|w| w == b"startxref") else {
        return Verdict::Unreadable("the PDF has no cross-reference table (it may be truncated)".to_owned());
    };
    let after = bytes.get(tail_start + at + 9..).unwrap_or_default();
    let first: Option<usize> = {
        let text: String = after
            .iter()
            .skip_while(|c| is_space(**c))
            .take_while(|c| c.is_ascii_digit())
            .map(|c| char::from(*c))
            .collect();
        text.parse().ok()
    };
    // (offset, part of the newest section: the startxref's own, or its /XRefStm)
    let mut pending: Vec<(usize, bool)> = first.into_iter().map(|o| (o, true)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut older_encrypted = false;
    while let Some((off, newest)) = pending.pop() {
        if !seen.insert(off) || seen.len() > 64 {
            continue;
        }
        let section =
            [off, off.saturating_add(base)].into_iter().filter_map(|o| bytes.get(o..)).find_map(trailer_of);
        let Some(dict) = section else {
            return Verdict::Unreadable(
                "the PDF's trailer cannot be read (the file may be damaged)".to_owned(),
            );
        };
        let Some(keys) = keys_of(dict) else {
            return Verdict::Unreadable(
                "the PDF's trailer cannot be read (the file may be damaged)".to_owned(),
            );
        };
        if keys.iter().any(|k| k == b"Encrypt") {
            if newest {
                return Verdict::Encrypted("the PDF is encrypted (it has a password)".to_owned());
            }
            older_encrypted = true;
        }
        pending.extend(int_of(dict, b"Prev").map(|o| (o, false)));
        pending.extend(int_of(dict, b"XRefStm").map(|o| (o, newest)));
    }
    if seen.is_empty() {
        return Verdict::Unreadable("the PDF's cross-reference table points outside the file".to_owned());
    }
    if older_encrypted {
        return Verdict::Unreadable(
            "the PDF was encrypted, and a later change dropped its encryption: no reader can open it as it is"
                .to_owned(),
        );
    }
    Verdict::Ok
}

/// The PDF in `bytes` as lopdf loads it, behind a panic boundary, with memory bounded: lopdf
/// decompresses a file's cross-reference and object streams as it loads it, and a compressed
/// stream can expand a thousandfold, so the expansion of all of them together is held to
/// [`PDF_INFLATE_BUDGET`] — each stream may expand to the budget shared among the streams the
/// file could hold, and lopdf stops one that would exceed its share while decompressing it.
/// Page contents are never decompressed. `None` when it cannot be loaded.
pub(crate) fn load(bytes: &[u8]) -> Option<lopdf::Document> {
    let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
    // Every object stream says "/ObjStm" and every cross-reference stream "/XRef" in its
    // uncompressed dictionary: no more streams than that can be decompressed.
    let streams = count(b"/ObjStm") + count(b"/XRef");
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(PDF_INFLATE_BUDGET / streams.max(1)),
        ..lopdf::LoadOptions::default()
    };
    catch_unwind(AssertUnwindSafe(|| lopdf::Document::load_mem_with_options(bytes, options).ok()))
        .ok()
        .flatten()
}

/// What lopdf finds in a PDF's objects: what it would do when opened, and its description.
pub(crate) struct Objects {
    /// JavaScript, an action that starts a program, embedded files: the first (by
    /// [`Active`]'s order), and all of them in words; or `None`.
    pub(crate) active: Option<(Active, String)>,
    /// The document information dictionary's text (title, subject, author, creator, producer),
    /// one line each.
    pub(crate) info: String,
    /// The text of its first pages ([`page_text`]).
    pub(crate) text: String,
}

/// The most pages whose text is read, the most each page's content may expand to as it is
/// decompressed (lopdf stops it there), and the most characters kept: enough for the first
/// pages of any report, where a safeguarding export names itself and a password is written.
const TEXT_PAGES: usize = 30;
const PAGE_CONTENT_CAP: usize = 4 << 20;
const TEXT_CAP: usize = 256 * 1024;

/// The text of the first [`TEXT_PAGES`] pages of `doc`, as lopdf decodes it (fonts' ToUnicode
/// maps and encodings); a page it cannot decode is left out.
pub(crate) fn page_text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(TEXT_PAGES).collect();
    let mut text = String::new();
    for chunk in doc.extract_text_chunks_with_limit(&pages, PAGE_CONTENT_CAP).into_iter().flatten() {
        if text.len() + chunk.len() > TEXT_CAP {
            break;
        }
        text.push_str(&chunk);
    }
    text
}

/// The PDF's objects as [`load`] gives them (from its header, junk before it skipped); `None`
/// when it cannot be loaded.
pub(crate) fn objects(bytes: &[u8]) -> Option<Objects> {
    let start = header_offset(bytes).unwrap_or(0);
    let doc = load(bytes.get(start..).unwrap_or_default())?;
    let mut found: Vec<Active> = Vec::new();
    for object in doc.objects.values() {
        let dict = match object {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let name = |key: &[u8]| dict.get(key).ok().and_then(|v| v.as_name().ok());
        if dict.has(b"JS") || name(b"S") == Some(b"JavaScript") {
            found.push(Active::Javascript);
        }
        if name(b"S") == Some(b"Launch") {
            found.push(Active::Launch);
        }
        if name(b"Type") == Some(b"EmbeddedFile") || dict.has(b"EF") {
            found.push(Active::EmbeddedFile);
        }
    }
    found.sort_unstable();
    found.dedup();
    let active = found.first().map(|first| {
        let words: Vec<&str> = found.iter().map(|a| a.describe()).collect();
        (*first, format!("the PDF contains {}, which a reader may run or open", words.join(" and ")))
    });
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| match i {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .map(|d| {
            [b"Title".as_slice(), b"Subject", b"Author", b"Creator", b"Producer", b"Keywords"]
                .into_iter()
                .filter_map(|k| d.get(k).ok())
                .filter_map(|v| lopdf::decode_text_string(v).ok())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let text = page_text(&doc);
    Some(Objects { active, info, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_keys_are_read_at_their_level_with_names_decoded() {
        let keys =
            keys_of(b"<< /Size 9 /Encr#79pt 7 0 R /Info << /Title (How /Encrypt works) >> /ID [<ab><cd>] >>");
        let keys: Vec<String> =
            keys.unwrap_or_default().iter().map(|k| String::from_utf8_lossy(k).into_owned()).collect();
        assert_eq!(keys, ["Size", "Encrypt", "Info", "ID"]);
        assert_eq!(keys_of(b"<< /Title (not /Encrypt) >>").unwrap_or_default().len(), 1);
        assert_eq!(int_of(b"<< /Info 3 0 R /Prev 1234 >>", b"Prev"), Some(1234));
        assert_eq!(keys_of(b"<< /Broken (never closed >>"), None);
    }

    #[test]
    fn a_header_after_junk_is_a_pdf_only_with_a_cross_reference() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"junk\n%PDF-1.7\n... startxref\n9\n%%EOF\n"));
        assert!(!is_pdf(b"Notes: a file starting %PDF- is a PDF.\n"));
    }
}
