//! OLE compound files: Word, Excel and PowerPoint 97-2003 documents, an encrypted Office Open
//! XML file's wrapper, and the OLE objects other documents embed. What each would need a
//! password for, or would run when opened, read the way oletools reads it (olevba for VBA and
//! Excel 4.0 macros, oleobj for embedded objects) and checked against its verdicts on files
//! Microsoft Office made (`crates/cli/tests/scan.rs`).
//!
//! Every stream is read through a cap, record by record, never whole: a presentation's records
//! are walked with seeks, a workbook's global records up to their end, an embedded object
//! inflated to at most [`OBJECT_CAP`].

use std::io::{Cursor, Read, Seek, SeekFrom};

use ardesk_domain::content::Active;

use crate::scan::Verdict;

/// The most entries of a compound file looked at for embedded packages.
const MAX_OLE_ENTRIES: usize = 10_000;
/// The most records of a workbook's globals or a presentation's stream walked.
const MAX_RECORDS: usize = 2_000_000;
/// The most bytes an embedded object is read (and inflated) to, and the most objects opened.
pub(crate) const OBJECT_CAP: u64 = 16 << 20;
const MAX_OBJECTS: usize = 64;
const CFB_MAGIC: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// The verdict on an OLE compound file.
pub(crate) fn compound(bytes: &[u8]) -> Verdict {
    let Ok(mut cfb) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Verdict::Unreadable("the Office file's structure cannot be read".to_owned());
    };
    if cfb.is_stream("/EncryptionInfo") || cfb.is_stream("/EncryptedPackage") {
        return Verdict::Encrypted("an encrypted Office document (it has a password)".to_owned());
    }
    // What runs, found in the program's own records (Excel 4.0 macro sheets, a presentation's
    // VBA project or objects), before the storages every program shares.
    let mut found = None;
    if let Some(fib) = head(&mut cfb, "/WordDocument", 12) {
        // FIB: flags at 0x0A; fEncrypted is bit 8, fObfuscated bit 15 (MS-DOC 2.5.2).
        let flags =
            u16::from_le_bytes([fib.get(10).copied().unwrap_or(0), fib.get(11).copied().unwrap_or(0)]);
        if flags & 0x0100 != 0 {
            return Verdict::Encrypted("an encrypted Word 97-2003 document (it has a password)".to_owned());
        }
    } else if let Some(path) = ["/Workbook", "/Book"].into_iter().find(|p| cfb.is_stream(p)) {
        let Some(globals) = cfb.open_stream(path).ok().and_then(workbook_globals) else {
            return Verdict::Unreadable("the workbook's records cannot be read".to_owned());
        };
        if globals.filepass {
            return Verdict::Encrypted("an encrypted Excel 97-2003 workbook (it has a password)".to_owned());
        }
        found = globals.macro_sheet.then_some(Active::Macros);
    } else if let Some(user) = head(&mut cfb, "/Current User", 16) {
        // CurrentUserAtom.headerToken: 0xF3D1C4DF when the presentation is encrypted.
        let token = u32::from_le_bytes([
            user.get(12).copied().unwrap_or(0),
            user.get(13).copied().unwrap_or(0),
            user.get(14).copied().unwrap_or(0),
            user.get(15).copied().unwrap_or(0),
        ]);
        if token == 0xF3D1_C4DF {
            return Verdict::Encrypted(
                "an encrypted PowerPoint 97-2003 presentation (it has a password)".to_owned(),
            );
        }
        match cfb.open_stream("/PowerPoint Document").map(presentation) {
            Ok(Some(active)) => found = active,
            Ok(None) | Err(_) => {
                return Verdict::Unreadable("the presentation's records cannot be read".to_owned());
            }
        }
    } else {
        return Verdict::Unsupported(
            "an OLE compound file that is not a Word, Excel or PowerPoint document".to_owned(),
        );
    }
    if found.is_none() && ["/Macros", "/_VBA_PROJECT_CUR", "/VBA"].iter().any(|p| cfb.exists(p)) {
        found = Some(Active::Macros);
    }
    // An OLE Package object ("\u{1}Ole10Native"), anywhere in the tree: it carries a file of
    // any kind, a program included, which opens when it is clicked (oletools' oleobj extracts
    // them). An embedded chart or worksheet has none. The entries are counted as they are walked.
    if found.is_none() && holds_package(&cfb) {
        found = Some(Active::EmbeddedObject);
    }
    match found {
        Some(what) => Verdict::runs(what),
        None => Verdict::Ok,
    }
}

/// The first `n` bytes of a stream.
fn head<F: Read + Seek>(cfb: &mut cfb::CompoundFile<F>, path: &str, n: u64) -> Option<Vec<u8>> {
    let stream = cfb.open_stream(path).ok()?;
    let mut buf = Vec::new();
    stream.take(n).read_to_end(&mut buf).ok()?;
    Some(buf)
}

fn holds_package<F: Read + Seek>(cfb: &cfb::CompoundFile<F>) -> bool {
    cfb.walk().take(MAX_OLE_ENTRIES).any(|e| e.name() == "\u{1}Ole10Native")
}

/// Whether `bytes` are an OLE compound file holding a Package object: what LibreOffice keeps
/// as "Object 1" in an OpenDocument file, or what a presentation's object record holds.
pub(crate) fn is_package(bytes: &[u8]) -> bool {
    looks_compound(bytes) && cfb::CompoundFile::open(Cursor::new(bytes)).is_ok_and(|cfb| holds_package(&cfb))
}

/// Whether `head` starts as an OLE compound file does.
pub(crate) fn looks_compound(head: &[u8]) -> bool {
    head.starts_with(&CFB_MAGIC)
}

/// What a workbook's global records say: a password (FILEPASS), and a sheet that is an Excel
/// 4.0 macro sheet or a VBA module (BOUNDSHEET's type 1 or 6, BIFF5 and BIFF8 alike).
struct Globals {
    filepass: bool,
    macro_sheet: bool,
}

fn workbook_globals<R: Read + Seek>(mut stream: R) -> Option<Globals> {
    let mut globals = Globals { filepass: false, macro_sheet: false };
    let mut header = [0u8; 4];
    for _ in 0..MAX_RECORDS {
        if stream.read_exact(&mut header).is_err() {
            // The stream ended without the globals' EOF record: what was read still counts.
            return Some(globals);
        }
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = u16::from_le_bytes([header[2], header[3]]);
        match kind {
            0x000A => return Some(globals),
            0x002F => globals.filepass = true,
            0x0085 if len >= 6 => {
                // lbPlyPos (4 bytes), hsState (1), dt (1).
                let mut body = [0u8; 6];
                stream.read_exact(&mut body).ok()?;
                if matches!(body[5], 0x01 | 0x06) {
                    globals.macro_sheet = true;
                }
                stream.seek(SeekFrom::Current(i64::from(len) - 6)).ok()?;
                continue;
            }
            _ => {}
        }
        stream.seek(SeekFrom::Current(i64::from(len))).ok()?;
    }
    None
}

/// What a presentation's records hold (MS-PPT 2.3): a VBA project (a VBAInfoAtom, record
/// 0x0400, saying its storage holds one) or an embedded Package object (an ExOleObjStg, 0x1011,
/// zlib-compressed when its instance is 1). Containers (version 0xF) are entered, atoms stepped over, so every record
/// at every depth is seen once in one pass. `None` when the records cannot be walked.
fn presentation<R: Read + Seek>(mut stream: R) -> Option<Option<Active>> {
    let end = stream.seek(SeekFrom::End(0)).ok()?;
    let mut at = 0u64;
    let mut objects = 0;
    let mut header = [0u8; 8];
    for _ in 0..MAX_RECORDS {
        if at.checked_add(8).is_none_or(|next| next > end) {
            return Some(None);
        }
        stream.seek(SeekFrom::Start(at)).ok()?;
        stream.read_exact(&mut header).ok()?;
        let ver_instance = u16::from_le_bytes([header[0], header[1]]);
        let kind = u16::from_le_bytes([header[2], header[3]]);
        let len = u64::from(u32::from_le_bytes([header[4], header[5], header[6], header[7]]));
        at += 8;
        if kind == 0x0400 && len >= 12 {
            // VBAInfoAtom: persistIdRef, then fHasMacros, 1 when the VBA storage holds a
            // project (0 for an empty one, which PowerPoint writes too).
            let mut atom = [0u8; 8];
            stream.read_exact(&mut atom).ok()?;
            if u32::from_le_bytes([atom[4], atom[5], atom[6], atom[7]]) == 1 {
                return Some(Some(Active::Macros));
            }
        }
        if kind == 0x1011 && objects < MAX_OBJECTS {
            objects += 1;
            let compressed = ver_instance >> 4 == 1;
            if embedded_package(&mut stream, len, compressed) {
                return Some(Some(Active::EmbeddedObject));
            }
        }
        if ver_instance & 0x000F != 0x000F {
            at = at.saturating_add(len);
        }
    }
    None
}

/// Whether an ExOleObjStg's body (at the stream's position) is a Package object.
fn embedded_package<R: Read>(stream: &mut R, len: u64, compressed: bool) -> bool {
    let mut body = stream.take(len.min(OBJECT_CAP));
    let mut object = Vec::new();
    let read = if compressed {
        // decompressedSize (4 bytes), then a zlib stream.
        let mut size = [0u8; 4];
        body.read_exact(&mut size).is_ok()
            && flate2::read::ZlibDecoder::new(body).take(OBJECT_CAP).read_to_end(&mut object).is_ok()
    } else {
        body.read_to_end(&mut object).is_ok()
    };
    read && is_package(&object)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::scan::scan;

    const LIMIT: u64 = crate::DEFAULT_MAX_BYTES;

    fn compound_with(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut cfb =
            cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap_or_else(|e| unreachable!("{e}"));
        for (path, data) in streams {
            if let Some((parent, _)) = path.rsplit_once('/').filter(|(p, _)| !p.is_empty()) {
                let _ = cfb.create_storage_all(parent);
            }
            let mut s = cfb.create_stream(path).unwrap_or_else(|e| unreachable!("{e}"));
            s.write_all(data).unwrap_or_else(|e| unreachable!("{e}"));
        }
        cfb.flush().unwrap_or_else(|e| unreachable!("{e}"));
        cfb.into_inner().into_inner()
    }

    fn code(bytes: &[u8]) -> &'static str {
        scan(bytes, LIMIT).verdict.code()
    }

    fn active(bytes: &[u8]) -> Option<Active> {
        scan(bytes, LIMIT).verdict.active()
    }

    /// A BIFF record.
    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        let len = u16::try_from(body.len()).unwrap_or_default();
        [&kind.to_le_bytes()[..], &len.to_le_bytes()[..], body].concat()
    }

    /// A PowerPoint record header and body; `container` sets version 0xF.
    fn ppt(kind: u16, instance: u16, container: bool, body: &[u8]) -> Vec<u8> {
        let ver = (instance << 4) | if container { 0xF } else { 0 };
        let len = u32::try_from(body.len()).unwrap_or_default();
        [&ver.to_le_bytes()[..], &kind.to_le_bytes()[..], &len.to_le_bytes()[..], body].concat()
    }

    #[test]
    fn legacy_office_encryption_flags_are_read() {
        let mut fib = vec![0u8; 64];
        assert_eq!(code(&compound_with(&[("/WordDocument", &fib)])), "ok");
        fib[11] = 0x01;
        assert_eq!(code(&compound_with(&[("/WordDocument", &fib)])), "encrypted");
        // Excel: BOF, then FILEPASS before EOF.
        let bof = record(0x0809, &[0x00, 0x06]);
        let eof = record(0x000A, &[]);
        let plain: Vec<u8> = [bof.clone(), eof.clone()].concat();
        let locked: Vec<u8> = [bof, record(0x002F, &[0x01, 0x00]), eof].concat();
        assert_eq!(code(&compound_with(&[("/Workbook", &plain)])), "ok");
        assert_eq!(code(&compound_with(&[("/Workbook", &locked)])), "encrypted");
        // PowerPoint: the Current User atom's header token.
        let mut user = vec![0u8; 16];
        user[12..16].copy_from_slice(&0xF3D1_C4DFu32.to_le_bytes());
        assert_eq!(code(&compound_with(&[("/Current User", &user)])), "encrypted");
        // Encrypted OOXML is an OLE file with these streams.
        assert_eq!(
            code(&compound_with(&[("/EncryptionInfo", b"x"), ("/EncryptedPackage", b"y")])),
            "encrypted"
        );
        // An OLE header with nothing valid behind it cannot be told.
        assert_eq!(code(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "unreadable");
    }

    #[test]
    fn macros_and_packages_in_word_documents_are_found() {
        let mut fib = vec![0u8; 64];
        fib[0] = 0xec;
        let with_macros = compound_with(&[("/WordDocument", &fib), ("/Macros/VBA/dir", b"x")]);
        assert_eq!(active(&with_macros), Some(Active::Macros));
        // A Package object embedded in a .doc carries a file of any kind; an embedded worksheet
        // does not.
        let with_object = |stream: &str| {
            compound_with(&[("/WordDocument", &fib), (&format!("/ObjectPool/_1234567890/{stream}"), b"x")])
        };
        assert_eq!(active(&with_object("\u{1}Ole10Native")), Some(Active::EmbeddedObject));
        assert_eq!(code(&with_object("Workbook")), "ok");
    }

    #[test]
    fn excel_4_macro_sheets_and_vba_modules_are_found_in_the_globals() {
        let bof = record(0x0809, &[0x00, 0x06]);
        let eof = record(0x000A, &[]);
        // BOUNDSHEET: position, state, type, then the sheet's name.
        let sheet = |dt: u8| record(0x0085, &[0, 0, 0, 0, 0, dt, 6, 0, b'S', b'h', b'e', b'e', b't', b'1']);
        let book =
            |dt: u8| [bof.clone(), record(0x0042, &[0xe4, 0x04]), sheet(0), sheet(dt), eof.clone()].concat();
        assert_eq!(code(&compound_with(&[("/Workbook", &book(0x02))])), "ok", "a chart sheet");
        assert_eq!(active(&compound_with(&[("/Workbook", &book(0x01))])), Some(Active::Macros));
        assert_eq!(active(&compound_with(&[("/Book", &book(0x06))])), Some(Active::Macros), "Excel 5");
        // A record that claims more than the stream holds is not read past the end.
        let cut = [bof, vec![0x85, 0x00, 0x0e, 0x00, 0, 0]].concat();
        assert_eq!(code(&compound_with(&[("/Workbook", &cut)])), "unreadable");
    }

    #[test]
    fn a_presentations_vba_project_and_packages_are_found_in_its_records() {
        let user = vec![0u8; 16];
        let deck = |inner: Vec<u8>| {
            let document = ppt(0x03E8, 0, true, &[ppt(0x0401, 0, false, &[0; 4]), inner].concat());
            compound_with(&[("/Current User", &user), ("/PowerPoint Document", &document)])
        };
        assert_eq!(code(&deck(Vec::new())), "ok");
        let vba =
            |has: u8| ppt(0x03FF, 0, true, &ppt(0x0400, 2, false, &[3, 0, 0, 0, has, 0, 0, 0, 2, 0, 0, 0]));
        assert_eq!(active(&deck(vba(1))), Some(Active::Macros));
        assert_eq!(code(&deck(vba(0))), "ok", "an empty VBA storage, as PowerPoint writes one");
        // An embedded object: a compound file, stored as it is or zlib-compressed.
        let package = compound_with(&[("/\u{1}Ole10Native", b"payload")]);
        let worksheet = compound_with(&[("/Workbook", b"cells")]);
        let stored = |object: &[u8]| ppt(0x1011, 0, false, object);
        let compressed = |object: &[u8]| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = z.write_all(object);
            let size = u32::try_from(object.len()).unwrap_or_default().to_le_bytes();
            ppt(0x1011, 1, false, &[&size[..], &z.finish().unwrap_or_default()].concat())
        };
        assert_eq!(active(&deck(stored(&package))), Some(Active::EmbeddedObject));
        assert_eq!(active(&deck(compressed(&package))), Some(Active::EmbeddedObject));
        assert_eq!(code(&deck(compressed(&worksheet))), "ok", "an embedded worksheet");
        // Records whose lengths run off the end stop the walk; nothing is read past it.
        let broken = ppt(0x03E8, 0, false, &[]).into_iter().chain([0xff; 4]).collect::<Vec<_>>();
        assert_eq!(
            code(&compound_with(&[("/Current User", &user), ("/PowerPoint Document", &broken)])),
            "ok"
        );
    }
}
