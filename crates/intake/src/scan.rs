//! The password, encryption and macro scan (spec V01, V02, V14): what an LA's portal cannot
//! open, decided by content, never by the file name.
//!
//! It reads only what it needs: a PDF's trailers and cross-reference dictionaries, an OLE
//! compound file's directory and the few bytes of a stream that hold the encryption flag, a
//! zip's central directory (and, for a plain archive, its entries, scanned in turn to a bounded
//! depth and size), a 7z archive's header. A file that cannot be read well enough to tell is
//! "unreadable", never "ok".

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use ardesk_domain::content::Active;
use ardesk_domain::paperwork::SAFEGUARDING_MARKERS;
use ardesk_domain::text::find_words;

use crate::{FileType, MAX_ZIP_ENTRIES, Refusal, sniff};

/// What the scan found, in the words of `ardesk scan --json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Encrypted(String),
    /// It would run or fetch something when opened: what (the first found), and in words.
    Macro(Active, String),
    Unsupported(String),
    TooLarge(String),
    Unreadable(String),
}

impl Verdict {
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Encrypted(_) => "encrypted",
            Verdict::Macro(..) => "macro",
            Verdict::Unsupported(_) => "unsupported",
            Verdict::TooLarge(_) => "too_large",
            Verdict::Unreadable(_) => "unreadable",
        }
    }

    /// The verdict on a file holding `what`: "the document contains …".
    pub(crate) fn runs(what: Active) -> Verdict {
        Verdict::Macro(what, format!("the document contains {}", what.describe()))
    }

    /// For a `macro` verdict, what would run.
    pub fn active(&self) -> Option<Active> {
        match self {
            Verdict::Macro(what, _) => Some(*what),
            _ => None,
        }
    }

    pub fn detail(&self) -> &str {
        match self {
            Verdict::Ok => "",
            Verdict::Encrypted(d)
            | Verdict::Macro(_, d)
            | Verdict::Unsupported(d)
            | Verdict::TooLarge(d)
            | Verdict::Unreadable(d) => d,
        }
    }
}

/// The scan of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub verdict: Verdict,
    /// What the file is, when that could be told.
    pub file_type: Option<FileType>,
    /// Credential-like text found ("password: ****"), if any (V02).
    pub credentials: Option<String>,
    /// What marks it as a safeguarding record ("CPOMS"), if anything (V03).
    pub safeguarding: Option<String>,
    /// The text the scan read ([`extract_text`]'s, kept), for a caller that reads words too
    /// (other pupils named, V13; what a document is); `None` when it read none (a file that is
    /// not ok may still have text [`extract_text`] can give).
    pub text: Option<String>,
}

impl Scan {
    /// The text to read words in (other pupils named, what a document is): what the scan read,
    /// or, for a file it did not pass, what [`extract_text`] can still read of `bytes` (the
    /// same bytes the scan was given).
    pub fn readable_text(self, bytes: &[u8]) -> Option<String> {
        let file_type = self.file_type;
        self.text.or_else(|| file_type.and_then(|t| extract_text(bytes, t)))
    }
}

/// How deep archives inside archives are opened.
pub const MAX_DEPTH: u32 = 3;
/// The most bytes inflated from one archive entry, and from one archive in all.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Scans `bytes` (a whole file); `limit` is the largest size accepted.
pub fn scan(bytes: &[u8], limit: u64) -> Scan {
    let mut budget = MAX_TOTAL_BYTES;
    catch_unwind(AssertUnwindSafe(|| scan_at(bytes, limit, 0, &mut budget))).unwrap_or_else(|_| Scan {
        verdict: Verdict::Unreadable("its structure is invalid".to_owned()),
        file_type: None,
        credentials: None,
        safeguarding: None,
        text: None,
    })
}

fn verdict(verdict: Verdict, file_type: Option<FileType>) -> Scan {
    Scan { verdict, file_type, credentials: None, safeguarding: None, text: None }
}

fn scan_at(bytes: &[u8], limit: u64, depth: u32, budget: &mut u64) -> Scan {
    if bytes.starts_with(b"7z\xbc\xaf\x27\x1c") {
        return verdict(seven_zip(bytes), None);
    }
    let file_type = match sniff(bytes, limit) {
        Ok(t) => t,
        Err(Refusal::TooLarge { size, limit }) => {
            return verdict(
                Verdict::TooLarge(format!(
                    "{} MB, over the {} MB limit",
                    size.div_ceil(1 << 20),
                    limit >> 20
                )),
                None,
            );
        }
        Err(Refusal::Macro { what, ext }) => {
            let file_type = FileType::from_extension(ext);
            return verdict(Verdict::runs(what), file_type);
        }
        Err(Refusal::Executable { what }) => {
            return verdict(Verdict::Unsupported(format!("a program ({what}), not a document")), None);
        }
        Err(Refusal::Archive) => return archive(bytes, limit, depth, budget),
        Err(Refusal::Unreadable { detail }) => return verdict(Verdict::Unreadable(detail), None),
        Err(r @ (Refusal::Empty | Refusal::Unknown | Refusal::WrongType { .. })) => {
            return verdict(Verdict::Unsupported(r.to_string()), None);
        }
    };
    let mut text = None;
    // A PDF's own description (title, subject, author, producer), where an export from a
    // safeguarding system names itself; searched for that, not for passwords.
    let mut description = None;
    let found = match file_type {
        FileType::Pdf => match crate::pdf::encryption(bytes) {
            Verdict::Ok => {
                let objects = crate::pdf::objects(bytes);
                description = objects.as_ref().map(|o| o.info.clone());
                text = objects.as_ref().map(|o| o.text.clone());
                objects
                    .and_then(|o| o.active)
                    .map_or(Verdict::Ok, |(what, words)| Verdict::Macro(what, words))
            }
            other => other,
        },
        FileType::LegacyOffice => crate::ole::compound(bytes),
        // A Word document is also read through, as the LA will open it: a zip bomb or a broken
        // document part would otherwise pass as "ok".
        FileType::Docx => zip_encrypted_entry(bytes).unwrap_or_else(|| {
            match crate::docx::docx_paragraphs(bytes, u64::MAX) {
                Ok(paragraphs) => {
                    text = Some(paragraphs.join("\n"));
                    Verdict::Ok
                }
                Err(Refusal::Unreadable { detail }) => Verdict::Unreadable(detail),
                Err(Refusal::Macro { what, .. }) => Verdict::runs(what),
                Err(_) => Verdict::Ok,
            }
        }),
        FileType::Xlsx | FileType::Pptx => zip_encrypted_entry(bytes).unwrap_or(Verdict::Ok),
        FileType::Odt | FileType::Ods | FileType::Odp => odf(bytes),
        FileType::Png | FileType::Jpeg | FileType::Text => Verdict::Ok,
    };
    let ok = found == Verdict::Ok;
    let text = match text {
        None if ok => extract_text(bytes, file_type),
        text => text,
    };
    // Only a file that can be sent is searched for passwords and safeguarding markers.
    let checked = text.as_deref().filter(|_| ok);
    let credentials = checked.and_then(find_credential);
    let safeguarding = checked
        .and_then(find_safeguarding)
        .or_else(|| description.as_deref().filter(|_| ok).and_then(find_safeguarding));
    Scan { verdict: found, file_type: Some(file_type), credentials, safeguarding, text }
}

// --- ZIP-based files ---------------------------------------------------------------------------

/// An entry stored encrypted (traditional ZipCrypto or WinZip AES: general-purpose bit 0).
fn zip_encrypted_entry(bytes: &[u8]) -> Option<Verdict> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    for i in 0..archive.len().min(MAX_ZIP_ENTRIES) {
        let entry = archive.by_index_raw(i).ok()?;
        if entry.encrypted() {
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {}", i + 1));
            return Some(Verdict::Encrypted(format!("the archive entry {name:?} is password-protected")));
        }
    }
    None
}

fn odf(bytes: &[u8]) -> Verdict {
    if let Some(v) = zip_encrypted_entry(bytes) {
        return v;
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Verdict::Unreadable("the document's structure cannot be read".to_owned());
    };
    let mut manifest = Vec::new();
    match archive.by_name("META-INF/manifest.xml") {
        Ok(entry) => {
            if entry.take(4 << 20).read_to_end(&mut manifest).is_err() {
                return Verdict::Unreadable("the document's manifest cannot be read".to_owned());
            }
        }
        Err(_) => return Verdict::Unreadable("the document has no manifest".to_owned()),
    }
    if manifest.windows(24).any(|w| w == b"manifest:encryption-data") {
        return Verdict::Encrypted("the OpenDocument file is encrypted (it has a password)".to_owned());
    }
    match odf_package(&mut archive) {
        Some(what) => Verdict::runs(what),
        None => Verdict::Ok,
    }
}

/// An object from another program that LibreOffice keeps as it came ("Object 1", an OLE
/// compound file) and that is a Package, which can carry a program (oletools' oleobj extracts
/// them). Embedded charts and LibreOffice's own objects are folders of XML, and an embedded
/// worksheet is a compound file with no Package in it: neither is flagged. At most 64 entries
/// are opened, each through [`crate::ole::OBJECT_CAP`].
fn odf_package(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Active> {
    let mut opened = 0;
    for i in 0..archive.len().min(MAX_ZIP_ENTRIES) {
        let Ok(entry) = archive.by_index(i) else { continue };
        let name = entry.name().unwrap_or_default();
        let known = ["Pictures/", "Thumbnails/", "META-INF/", "Configurations2/"];
        if entry.is_dir() || name.ends_with(".xml") || known.iter().any(|k| name.starts_with(k)) {
            continue;
        }
        let mut head = Vec::new();
        let mut entry = entry.take(crate::ole::OBJECT_CAP);
        if entry.by_ref().take(8).read_to_end(&mut head).is_err() || !crate::ole::looks_compound(&head) {
            continue;
        }
        opened += 1;
        if opened > 64 {
            return None;
        }
        if entry.read_to_end(&mut head).is_ok() && crate::ole::is_package(&head) {
            return Some(Active::EmbeddedObject);
        }
    }
    None
}

/// A plain archive: its entries are scanned in turn, to [`MAX_DEPTH`], within the size budget.
fn archive(bytes: &[u8], limit: u64, depth: u32, budget: &mut u64) -> Scan {
    if let Some(v) = zip_encrypted_entry(bytes) {
        return verdict(v, None);
    }
    if depth >= MAX_DEPTH {
        return verdict(Verdict::Unreadable("archives nested too deeply to check".to_owned()), None);
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return verdict(Verdict::Unreadable("the archive cannot be read".to_owned()), None);
    };
    for i in 0..zip.len().min(MAX_ZIP_ENTRIES) {
        let Ok(entry) = zip.by_index(i) else {
            return verdict(
                Verdict::Unreadable(format!("entry {} of the archive cannot be read", i + 1)),
                None,
            );
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {}", i + 1));
        let cap = MAX_ENTRY_BYTES.min(*budget);
        let mut inner = Vec::new();
        if entry.take(cap + 1).read_to_end(&mut inner).is_err() {
            return verdict(Verdict::Unreadable(format!("the archive entry {name:?} is damaged")), None);
        }
        let size = u64::try_from(inner.len()).unwrap_or(u64::MAX);
        if size > cap {
            return verdict(
                Verdict::Unreadable(format!("the archive entry {name:?} unpacks to too much to check")),
                None,
            );
        }
        *budget -= size;
        let found = scan_at(&inner, limit, depth + 1, budget);
        match found.verdict {
            Verdict::Ok => {}
            v => {
                let detail = format!("{name}: {}", v.detail());
                let v = match v {
                    Verdict::Encrypted(_) => Verdict::Encrypted(detail),
                    Verdict::Macro(what, _) => Verdict::Macro(what, detail),
                    Verdict::TooLarge(_) => Verdict::TooLarge(detail),
                    Verdict::Unsupported(_) => Verdict::Unsupported(detail),
                    _ => Verdict::Unreadable(detail),
                };
                return verdict(v, None);
            }
        }
    }
    Scan { verdict: Verdict::Ok, file_type: None, credentials: None, safeguarding: None, text: None }
}

// --- 7z ------------------------------------------------------------------------------------------

/// The 7-Zip AES-256 + SHA-256 coder's id.
const SEVEN_ZIP_AES: [u8; 4] = [0x06, 0xf1, 0x07, 0x01];

/// A 7z archive is never accepted as an attachment, but whether it is encrypted is reported:
/// an encrypted header or encrypted data both name the AES coder in the (end) header, which is
/// LZMA-compressed unless the header itself is encrypted.
fn seven_zip(bytes: &[u8]) -> Verdict {
    let u64_at =
        |at: usize| -> Option<u64> { Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?)) };
    let (Some(offset), Some(size)) = (u64_at(12), u64_at(20)) else {
        return Verdict::Unreadable("the 7z archive is truncated".to_owned());
    };
    let start = usize::try_from(offset).ok().and_then(|o| o.checked_add(32));
    let header = start.zip(usize::try_from(size).ok()).and_then(|(s, n)| bytes.get(s..s.checked_add(n)?));
    let Some(header) = header else {
        return Verdict::Unreadable("the 7z archive is truncated".to_owned());
    };
    let aes = |h: &[u8]| h.windows(4).any(|w| w == SEVEN_ZIP_AES);
    if aes(header) {
        return Verdict::Encrypted("the 7z archive is encrypted (it has a password)".to_owned());
    }
    if header.first() == Some(&0x17) {
        // An encoded (compressed) header: unpack it and look again.
        match seven_zip_encoded_header(bytes, header) {
            Some(plain) if aes(&plain) => {
                return Verdict::Encrypted(
                    "the 7z archive's files are encrypted (it has a password)".to_owned(),
                );
            }
            Some(_) => {}
            None => return Verdict::Unreadable("the 7z archive's header cannot be read".to_owned()),
        }
    }
    Verdict::Unsupported("a 7z archive: extract the documents and attach them one by one".to_owned())
}

/// Reads a 7z number (the variable-length encoding of the 7z format).
fn seven_number(data: &[u8], at: &mut usize) -> Option<u64> {
    let first = *data.get(*at)?;
    *at += 1;
    let mut mask = 0x80u8;
    let mut value: u64 = 0;
    for i in 0..8 {
        if first & mask == 0 {
            let high = u64::from(first & mask.wrapping_sub(1));
            return Some(value | (high << (8 * i)));
        }
        value |= u64::from(*data.get(*at)?) << (8 * i);
        *at += 1;
        mask >>= 1;
    }
    Some(value)
}

/// Unpacks an LZMA-encoded 7z header: StreamsInfo with one pack stream and one LZMA folder.
fn seven_zip_encoded_header(file: &[u8], header: &[u8]) -> Option<Vec<u8>> {
    let mut at = 1;
    if *header.get(at)? != 0x06 {
        return None; // kPackInfo
    }
    at += 1;
    let pack_pos = seven_number(header, &mut at)?;
    let streams = seven_number(header, &mut at)?;
    if streams != 1 || *header.get(at)? != 0x09 {
        return None; // kSize
    }
    at += 1;
    let pack_size = seven_number(header, &mut at)?;
    while *header.get(at)? != 0x00 {
        at += 1; // skip optional CRCs to kEnd
    }
    at += 1;
    if *header.get(at)? != 0x07 || *header.get(at + 1)? != 0x0b {
        return None; // kUnPackInfo, kFolder
    }
    at += 2;
    if seven_number(header, &mut at)? != 1 || *header.get(at)? != 0 {
        return None; // one folder, not external
    }
    at += 1;
    if seven_number(header, &mut at)? != 1 {
        return None; // one coder
    }
    let flags = *header.get(at)?;
    at += 1;
    let id_len = usize::from(flags & 0x0f);
    let id = header.get(at..at + id_len)?;
    at += id_len;
    if id != [0x03, 0x01, 0x01] || flags & 0x20 == 0 {
        return None; // LZMA, with properties
    }
    let props_len = usize::try_from(seven_number(header, &mut at)?).ok()?;
    let props = header.get(at..at + props_len)?;
    at += props_len;
    if *header.get(at)? != 0x0c {
        return None; // kCodersUnPackSize
    }
    at += 1;
    let unpacked = seven_number(header, &mut at)?;
    if unpacked > 64 << 20 || props.len() != 5 {
        return None;
    }
    let start = usize::try_from(pack_pos.checked_add(32)?).ok()?;
    let packed = file.get(start..start.checked_add(usize::try_from(pack_size).ok()?)?)?;
    // lzma-rs reads the .lzma layout: properties, then the unpacked size, then the data.
    let mut stream = props.to_vec();
    stream.extend_from_slice(&unpacked.to_le_bytes());
    stream.extend_from_slice(packed);
    let mut out = Vec::new();
    lzma_rs::lzma_decompress(&mut Cursor::new(stream), &mut out).ok()?;
    Some(out)
}

// --- Words in the text: safeguarding markers (V03), credential-like text (V02) -----------------

/// What in `text` marks it as a safeguarding record (`paperwork::SAFEGUARDING_MARKERS`, matched
/// as whole words), as it is written there (V03, D17).
pub fn find_safeguarding(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    SAFEGUARDING_MARKERS.iter().find_map(|marker| {
        let at = find_words(&lower, marker)?;
        Some(text.get(at..at + marker.len()).unwrap_or(marker).to_owned())
    })
}

/// The text of a plain-text file (its first 4 MB), a Word document or a PDF's first pages
/// (`pdf::page_text`), for the checks that read words; `None` for other types.
pub fn extract_text(bytes: &[u8], file_type: FileType) -> Option<String> {
    match file_type {
        FileType::Text => Some(String::from_utf8_lossy(bytes.get(..bytes.len().min(4 << 20))?).into_owned()),
        FileType::Docx => Some(crate::docx::docx_paragraphs(bytes, u64::MAX).ok()?.join("\n")),
        FileType::Pdf => {
            let start = crate::pdf::header_offset(bytes).unwrap_or(0);
            Some(crate::pdf::page_text(&crate::pdf::load(bytes.get(start..)?)?))
        }
        _ => None,
    }
}

/// The first credential-like phrase in `text` ("password: …", "pwd=…", "passcode is …", "PIN: …"
/// followed by a token), with the token masked.
pub fn find_credential(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    for word in ["password", "passcode", "passwd", "pwd", "pin"] {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(word)).map(|i| i + from) {
            from = i + word.len();
            let before = lower.get(..i).and_then(|s| s.chars().next_back());
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let rest = lower.get(i + word.len()..).unwrap_or("");
            let after = rest.trim_start_matches([' ', '\t']);
            let after = if let Some(a) = after.strip_prefix([':', '=']) {
                a
            } else if let Some(a) = after.strip_prefix("is ") {
                if word == "pin" {
                    continue;
                }
                a
            } else {
                continue;
            };
            let token: String = after.trim_start().chars().take_while(|c| !c.is_whitespace()).collect();
            let token = token.trim_end_matches(['.', ',', ';']);
            if token.chars().count() >= 3 {
                return Some(format!("{}: {}", text.get(i..i + word.len()).unwrap_or(word), "*".repeat(4)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_safeguarding_record_is_known_by_what_it_says() {
        assert_eq!(find_safeguarding("Exported from CPOMS on 01/12/2026").as_deref(), Some("CPOMS"));
        assert_eq!(
            find_safeguarding("Safeguarding Chronology\nEntry 1").as_deref(),
            Some("Safeguarding Chronology")
        );
        assert_eq!(find_safeguarding("The cpomsx tool"), None);
        assert_eq!(find_safeguarding("Reading and phonics progress"), None);
    }
    use std::io::Write;

    const LIMIT: u64 = crate::DEFAULT_MAX_BYTES;

    fn code(bytes: &[u8]) -> &'static str {
        scan(bytes, LIMIT).verdict.code()
    }

    #[test]
    fn pdf_trailers_are_followed_and_look_alike_keys_ignored() {
        let pdf = |trailer: &str| {
            let body = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n";
            let xref = body.len();
            format!(
                "{body}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n"
            )
        };
        assert_eq!(code(pdf("").as_bytes()), "ok");
        assert_eq!(code(pdf("/Encrypt 5 0 R").as_bytes()), "encrypted");
        assert_eq!(code(pdf("/EncryptMetadata false").as_bytes()), "ok");
        assert_eq!(code(pdf("/Prev 999999").as_bytes()), "unreadable", "a /Prev outside the file");
        assert_eq!(code(b"%PDF-1.7\nno trailer at all"), "unreadable");
    }

    #[test]
    fn credential_like_text_is_found_and_masked() {
        assert_eq!(find_credential("The password: Robin2015 opens it."), Some("password: ****".to_owned()));
        assert_eq!(find_credential("PIN=4821"), Some("PIN: ****".to_owned()));
        assert_eq!(find_credential("pwd  =  x9y8z7"), Some("pwd: ****".to_owned()));
        assert_eq!(find_credential("the passcode is 7731"), Some("passcode: ****".to_owned()));
        assert_eq!(find_credential("Ask for the password by phone."), None);
        assert_eq!(find_credential("Spinning: yes"), None, "inside a word");
        assert_eq!(find_credential("password: ok"), None, "too short to be a password");
    }

    #[test]
    fn nesting_is_bounded() {
        let mut inner = b"%PDF-1.7\n".to_vec();
        for _ in 0..5 {
            let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let _ = w.start_file("inner.zip", zip::write::SimpleFileOptions::default());
            let _ = w.write_all(&inner);
            inner = w.finish().map(Cursor::into_inner).unwrap_or_default();
        }
        let got = scan(&inner, LIMIT).verdict;
        assert_eq!(got.code(), "unreadable", "{got:?}");
    }
}
