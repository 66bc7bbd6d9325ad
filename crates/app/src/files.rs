//! Files the app writes and reads on the user's behalf: every write atomic (a temporary file
//! beside the destination, synced, renamed), the bundle's zip read back after writing, one
//! SHA-256 helper, and one reader that refuses a file over its limit while reading it.

use std::io::{Read, Write};
use std::path::Path;

use ardesk_domain::Problem;
use ardesk_dto::{ErrorCode, Exported};
use sha2::{Digest, Sha256};

use crate::AppError;

/// The SHA-256 of `bytes`, as lower-case hex: how files are stored and listed in manifests.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The last part of `path`, for messages and the UI (which never sees a full path).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "the file".to_owned())
}

/// Why a file the user chose was not read.
#[derive(Debug)]
pub(crate) enum ReadRefused {
    /// The file is larger than `limit` bytes (found before reading, or while reading).
    TooLarge { size: u64, limit: u64 },
    /// It could not be opened (or its size found).
    Open(std::io::Error),
    /// Reading it failed part-way.
    Read(std::io::Error),
    /// It is not a regular file (a folder, a device, a named pipe, a socket, a symbolic link):
    /// what it is.
    NotAFile(&'static str),
}

impl std::fmt::Display for ReadRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadRefused::TooLarge { size, limit } => {
                write!(f, "{} MB, over the {} MB limit", size.div_ceil(1 << 20), limit >> 20)
            }
            ReadRefused::Open(e) => write!(f, "cannot be opened: {e}"),
            ReadRefused::Read(e) => write!(f, "cannot be read: {e}"),
            ReadRefused::NotAFile(what) => write!(f, "is {what}, not a file: choose the file itself"),
        }
    }
}

/// What the thing at a path is, when it is not a regular file.
fn not_a_file(kind: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Opens the regular file at `path` for reading: a folder, a device (`/dev/zero`), a named pipe
/// (which would wait for a writer for ever), a socket or a symbolic link is refused, checked
/// before opening and again on what was opened, so that nothing swapped in between is read.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, ReadRefused> {
    let meta = std::fs::symlink_metadata(path).map_err(ReadRefused::Open)?;
    if let Some(what) = not_a_file(meta.file_type()) {
        return Err(ReadRefused::NotAFile(what));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Not following a link, not waiting on a pipe swapped in since the check.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadRefused::Open)?;
    let opened = file.metadata().map_err(ReadRefused::Open)?;
    match not_a_file(opened.file_type()) {
        Some(what) => Err(ReadRefused::NotAFile(what)),
        None => Ok(file),
    }
}

/// Reads the file at `path`, refusing it if it is over `limit` bytes. The size is checked
/// before reading and the limit enforced while reading, so a file that grows (or lies about its
/// size) is never read past `limit + 1` bytes.
pub(crate) fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadRefused> {
    let file = open_regular(path)?;
    let size = file.metadata().map_err(ReadRefused::Open)?.len();
    if size > limit {
        return Err(ReadRefused::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadRefused::Read)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(ReadRefused::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// [`read_capped`] for a small text file (settings: term dates, bank holidays), with messages
/// that name the file.
pub(crate) fn read_text_file(path: &Path, limit: u64) -> Result<String, AppError> {
    let name = file_name(path);
    let bytes = read_capped(path, limit).map_err(|e| match e {
        ReadRefused::TooLarge { .. } => AppError::new(
            ErrorCode::Io,
            format!(
                "{name} is larger than {} MB, so it cannot be the file asked for.",
                limit.div_ceil(1 << 20)
            ),
        ),
        ReadRefused::Open(e) | ReadRefused::Read(e) => {
            AppError::new(ErrorCode::Io, format!("Could not read {name}: {e}."))
        }
        refused @ ReadRefused::NotAFile(_) => AppError::new(ErrorCode::Io, format!("{name} {refused}.")),
    })?;
    String::from_utf8(bytes).map_err(|_| AppError::new(ErrorCode::Io, format!("{name} is not a text file.")))
}

/// A file the user chose to bring in (a report to attach, a plan to import), read with
/// [`read_capped`]: its name and bytes. Over `limit`, it is refused as a problem with the
/// field `file`, "`<name> <refused>: …`"; a read that fails is an I/O error.
pub(crate) fn read_chosen_file(
    path: &Path,
    limit: u64,
    refused: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let name = file_name(path);
    let bytes = read_capped(path, limit).map_err(|e| match e {
        ReadRefused::TooLarge { size, limit } => {
            let refusal = ardesk_intake::Refusal::TooLarge { size, limit };
            AppError::from(vec![Problem::block("file", format!("{name} {refused}: {refusal}"), "")])
        }
        ReadRefused::Open(e) | ReadRefused::Read(e) => {
            AppError::new(ErrorCode::Io, format!("Could not read {name}: {e}."))
        }
        other @ ReadRefused::NotAFile(_) => {
            AppError::from(vec![Problem::block("file", format!("{name} {refused}: it {other}."), "")])
        }
    })?;
    Ok((name, bytes))
}

/// Which formats to write letters in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFormat {
    Docx,
    Pdf,
    Both,
}

impl LetterFormat {
    pub(crate) fn extensions(self) -> &'static [&'static str] {
        match self {
            LetterFormat::Docx => &["docx"],
            LetterFormat::Pdf => &["pdf"],
            LetterFormat::Both => &["docx", "pdf"],
        }
    }
}

/// A folder's name for messages (the UI never sees full paths).
pub(crate) fn folder_name(folder: &Path) -> String {
    folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Writes `<stem>.docx` and/or `<stem>.pdf` in `folder`, each atomically, with `render`
/// producing the bytes for an extension; returns the file names written.
pub(crate) fn write_formats(
    folder: &Path,
    stem: &str,
    format: LetterFormat,
    what: &str,
    render: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<String>, AppError> {
    let mut names = Vec::new();
    for ext in format.extensions() {
        let bytes = render(ext).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The {what} could not be produced: {e}"))
        })?;
        let name = format!("{stem}.{ext}");
        write_atomically(&folder.join(&name), &bytes)?;
        names.push(name);
    }
    Ok(names)
}

/// Writes `bytes` to `path` so that `path` is never left half-written: a temporary file in the
/// same folder, flushed to disk, then renamed over `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = io_error(path);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir).map_err(&io)?;
    tmp.1.write_all(bytes).and_then(|()| tmp.1.sync_all()).map_err(&io)?;
    std::fs::rename(&tmp.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp.0);
        io(e)
    })
}

/// Removes `.ardesk-*.partial` files left in `dir` by an export that was interrupted (a crash,
/// a full disk) more than ten minutes ago.
pub(crate) fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if name.starts_with(".ardesk-") && name.ends_with(".partial") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A new file `.ardesk-<pid>-<n>.partial` in `dir`, created exclusively, readable and writable
/// by its owner only (0600 on Unix): what is exported about a child is no one else's to read.
pub(crate) fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".ardesk-{}-{n}.partial", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

pub(crate) fn exported(path: &Path, items: usize) -> Exported {
    Exported {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        items,
    }
}

pub(crate) fn ext_of(name: &str) -> String {
    Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default()
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> AppError + '_ {
    move |e| {
        AppError::new(
            ErrorCode::Io,
            format!("Could not write {}: {e}. Choose another folder.", path.display()),
        )
    }
}

/// Writes `entries` as a zip at `path`: temporary file in the same folder, fsync, rename, fsync
/// the folder; then reopens it and checks every entry's bytes. Stale temporaries from an
/// interrupted export in that folder are removed first.
pub(crate) fn write_zip_atomically(path: &Path, entries: &[(&str, &[u8])]) -> Result<(), AppError> {
    write_zip_atomically_via(path, entries, |f| f, &|_, _| {})
}

/// The export's writing step on its own (for the benchmark): every file hashed for the
/// manifest, then [`write_zip_atomically`] (which reads the zip back and checks every hash).
pub fn write_bundle_zip(path: &Path, entries: &[(&str, &[u8])]) -> Result<Vec<String>, AppError> {
    let hashes: Vec<String> = entries.iter().map(|(_, bytes)| sha256_hex(bytes)).collect();
    write_zip_atomically(path, entries)?;
    Ok(hashes)
}

/// The file being written, as the zip writer needs it: the real file, or (in the fault tests) a
/// file that fails part-way.
pub(crate) trait Sink: Write + std::io::Seek {
    fn sync(&mut self) -> std::io::Result<()>;
}

impl Sink for std::fs::File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

/// [`write_zip_atomically`] with the temporary file wrapped by `wrap`.
pub(crate) fn write_zip_atomically_via<S: Sink>(
    path: &Path,
    entries: &[(&str, &[u8])],
    wrap: impl FnOnce(std::fs::File) -> S,
    progress: &dyn Fn(u64, u64),
) -> Result<(), AppError> {
    // Written once and read back once.
    let total: u64 = entries.iter().map(|(_, b)| u64::try_from(b.len()).unwrap_or(0)).sum::<u64>() * 2;
    let done = std::cell::Cell::new(0u64);
    let advance = |bytes: usize| {
        done.set(done.get() + u64::try_from(bytes).unwrap_or(0));
        progress(done.get(), total.max(1));
    };
    let io = io_error(path);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    remove_stale_partials(dir);
    let (tmp, file) = tempfile_in(dir).map_err(&io)?;
    let file = wrap(file);
    // The zip crate can panic when a write fails part-way through an entry (a full disk): that
    // is an I/O error like any other here, never a crash.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<(), AppError> {
        let mut zip = zip::ZipWriter::new(file);
        // Stored, not deflated: PDFs and DOCX files are compressed already, and a stored zip
        // opens anywhere. A fixed timestamp keeps the bytes the same for the same content.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(entries.iter().any(|(_, b)| b.len() > u32::MAX as usize / 2))
            .last_modified_time(zip::DateTime::default());
        for (name, bytes) in entries {
            zip.start_file(*name, options)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("Could not write {name}: {e}")))?;
            zip.write_all(bytes).map_err(&io)?;
            advance(bytes.len());
        }
        let mut file = zip
            .finish()
            .map_err(|e| AppError::new(ErrorCode::Io, format!("Could not finish the zip: {e}")))?;
        file.sync().map_err(&io)?;
        Ok(())
    }))
    .unwrap_or_else(|_| {
        Err(AppError::new(
            ErrorCode::Io,
            format!("Could not write {}: the disk may be full.", path.display()),
        ))
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    // The rename made durable: a directory's own fsync on Unix; NTFS journals the rename.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    // Read it back: every entry present with the bytes written.
    let reread = (|| -> Result<(), String> {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        for (name, bytes) in entries {
            let mut entry = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
            let mut back = Vec::with_capacity(bytes.len());
            entry.read_to_end(&mut back).map_err(|e| format!("{name}: {e}"))?;
            if sha256_hex(&back) != sha256_hex(bytes) {
                return Err(format!("{name} does not read back as written"));
            }
            advance(bytes.len());
        }
        Ok(())
    })();
    reread.map_err(|why| {
        let _ = std::fs::remove_file(path);
        AppError::new(ErrorCode::Io, format!("The bundle did not read back correctly ({why}), so it was removed. Try again, or choose another folder."))
    })
}

/// `text` as a spreadsheet cell that cannot run: text from a bundle beginning `=`, `+`, `-`, `@`
/// or a control character would be read as a formula (CSV injection), so it gets a leading
/// apostrophe. Negative day counts are numbers, not text, and are kept.
pub(crate) fn spreadsheet_safe(text: &str) -> String {
    let number = text.parse::<i64>().is_ok();
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !number => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod fault_tests {
    use super::*;

    /// A file that fails with "no space left" once `left` bytes have been written.
    struct FailAfter {
        file: std::fs::File,
        left: usize,
    }

    impl Write for FailAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"));
            }
            let n = buf.len().min(self.left);
            let written = self.file.write(buf.get(..n).unwrap_or_default())?;
            self.left -= written;
            Ok(written)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.file.flush()
        }
    }

    impl std::io::Seek for FailAfter {
        fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
            self.file.seek(pos)
        }
    }

    impl Sink for FailAfter {
        fn sync(&mut self) -> std::io::Result<()> {
            self.file.sync_all()
        }
    }

    #[test]
    fn a_write_failing_at_any_byte_never_leaves_a_final_named_file_and_keeps_the_last_bundle() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
        let path = dir.path().join("AR_bundle.zip");
        let a = vec![7u8; 3000];
        let b: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let entries: Vec<(&str, &[u8])> =
            vec![("manifest.json", b"{}"), ("01_AR1.pdf", &a), ("02_SCHOOLREPORT.pdf", &b)];
        // The whole output, to know its size.
        write_zip_atomically(&path, &entries).unwrap_or_else(|e| unreachable!("{e}"));
        let good = std::fs::read(&path).unwrap_or_default();
        std::fs::remove_file(&path).unwrap_or_else(|e| unreachable!("{e}"));
        let sizes: Vec<usize> = (0..good.len()).step_by(97).chain([good.len() - 1]).collect();
        for n in &sizes {
            let result =
                write_zip_atomically_via(&path, &entries, |file| FailAfter { file, left: *n }, &|_, _| {});
            assert!(result.is_err(), "failing after {n} bytes must fail");
            assert!(!path.exists(), "a final-named file after failing at byte {n}");
        }
        // With a previous bundle in place, a failed export leaves it exactly as it was.
        std::fs::write(&path, &good).unwrap_or_else(|e| unreachable!("{e}"));
        for n in sizes.iter().step_by(5) {
            let _ =
                write_zip_atomically_via(&path, &entries, |file| FailAfter { file, left: *n }, &|_, _| {});
            assert_eq!(
                std::fs::read(&path).unwrap_or_default(),
                good,
                "the previous bundle changed at byte {n}"
            );
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| unreachable!("{e}"))
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind: {left:?}");
    }
}
