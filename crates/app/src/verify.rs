//! What arrives from outside, checked: a received bundle (the LA's side of issue 7), and files
//! scanned for passwords, encryption and macros (`ardesk scan`).

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use ardesk_domain::bundle::{Contents, Finding, Source, check_contents};
use ardesk_domain::content::Format;
use ardesk_domain::dates::parse_iso;
use ardesk_domain::la::LaCatalogue;
use ardesk_domain::problem::Severity;
use ardesk_dto::{Manifest, ScanResult, Verdict, VerifyReport};

use crate::bundle::{INDEX, MANIFEST, MANIFEST_VERSION, scanned_file};
use crate::context::builtin_las;
use crate::files::{ReadRefused, ext_of, read_capped, sha256_hex};
use crate::{AppError, convert};

/// `ardesk scan`: the password, encryption and macro verdict on each file, read from disk. A
/// file that cannot be read is "unreadable"; one over `limit` bytes is not read past the limit.
pub fn scan_files(paths: &[PathBuf], limit: u64) -> Vec<ardesk_dto::ScanResult> {
    paths
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            let refused = |verdict: Verdict, refused: ReadRefused| ScanResult {
                file: file.clone(),
                verdict,
                fix: ardesk_domain::content::fix(verdict.code(), None, Format::Other),
                detail: refused.to_string(),
                credentials: None,
                active: None,
            };
            match read_capped(path, limit) {
                Err(r @ ReadRefused::TooLarge { .. }) => refused(Verdict::TooLarge, r),
                Err(r @ ReadRefused::NotAFile(_)) => refused(Verdict::Unsupported, r),
                Err(r @ (ReadRefused::Open(_) | ReadRefused::Read(_))) => refused(Verdict::Unreadable, r),
                Ok(bytes) => {
                    let scan = ardesk_intake::scan(&bytes, limit);
                    let named = ext_of(&path.to_string_lossy());
                    let ext = ardesk_intake::judged_extension(scan.file_type, &named);
                    let active = scan.verdict.active();
                    ScanResult {
                        file,
                        verdict: convert::verdict(&scan.verdict),
                        detail: scan.verdict.detail().to_owned(),
                        fix: ardesk_domain::content::fix(scan.verdict.code(), active, Format::of_ext(ext)),
                        credentials: scan.credentials,
                        active: active.map(|a| a.code().to_owned()),
                    }
                }
            }
        })
        .collect()
}

/// The largest manifest.json read (a real one is a few kilobytes).
const MAX_MANIFEST: u64 = 4 << 20;
/// The largest index sheet read (a real one is tens of kilobytes).
const MAX_INDEX: u64 = 16 << 20;
/// The most bytes read from one bundle in all (every entry, the manifest and the index).
const MAX_READ_TOTAL: u64 = 1 << 30;
/// The most files a manifest may list (a real bundle has tens).
const MAX_LISTED: usize = 500;

/// Where the manifest breaks the limits of its published schema (docs/manifest.schema.json):
/// names, codes, hashes and lengths.
fn schema_problems(m: &Manifest) -> Vec<String> {
    let mut out = Vec::new();
    let too_long = |what: &str, text: &str, max: usize, out: &mut Vec<String>| {
        if text.chars().count() > max {
            out.push(format!("the manifest's {what} is longer than {max} characters"));
        }
    };
    if m.files.len() > MAX_LISTED {
        out.push(format!("the manifest lists {} files, more than {MAX_LISTED}", m.files.len()));
    }
    for f in m.files.iter().take(MAX_LISTED) {
        let (stem, ext) = f.name.rsplit_once('.').unwrap_or((&f.name, ""));
        let named = stem.len() > 3
            && stem.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && stem.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
            && stem.as_bytes().get(2) == Some(&b'_')
            && stem.chars().skip(3).all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !ext.is_empty()
            && ext.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !named {
            out.push(format!("the manifest's file name {:?} is not of the form NN_CODE.ext", f.name));
        }
        let category = f.category.strip_prefix('D').and_then(|n| n.parse::<u8>().ok());
        if !(f.category.len() == 3 && category.is_some_and(|n| (1..=19).contains(&n))) {
            out.push(format!("the manifest's category {:?} of {:?} is not D01 to D19", f.category, f.name));
        }
        if !(f.sha256.len() == 64 && f.sha256.chars().all(|c| c.is_ascii_hexdigit())) {
            out.push(format!("the manifest's SHA-256 of {:?} is not 64 hexadecimal digits", f.name));
        }
        too_long("title of a file", &f.title, 300, &mut out);
    }
    too_long("child's initials", &m.child.initials, 10, &mut out);
    too_long("LA reference", m.child.la_ref.as_deref().unwrap_or(""), 60, &mut out);
    too_long("app version", &m.app_version, 40, &mut out);
    if let Some(school) = &m.school {
        too_long("school's name", &school.name, 200, &mut out);
    }
    if let Some(upn) = &m.child.upn {
        let b = upn.as_bytes();
        let shaped = b.len() == 13
            && b.first().is_some_and(u8::is_ascii_uppercase)
            && b.get(1..12).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && b.get(12).is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        if !shaped {
            out.push("the manifest's UPN is not a letter, 11 digits and a digit or letter".to_owned());
        }
    }
    if m.child.need_types.len() > ardesk_domain::child::NEED_TYPES.len() {
        out.push(format!("the manifest names {} need types: at most one of each", m.child.need_types.len()));
    } else if let Some(unknown) = m
        .child
        .need_types
        .iter()
        .find(|c| ardesk_domain::child::NeedType::from_code(c).is_none_or(|n| n.code != c.as_str()))
    {
        out.push(format!(
            "the manifest's need type {:?} is not one of the DfE's codes (SEN2)",
            shown_short(unknown)
        ));
    }
    for (what, date) in [
        ("meeting date", Some(&m.review.meeting_date)),
        ("review deadline", m.review.review_deadline.as_ref()),
        ("phase-transfer date", m.review.phase_transfer_by.as_ref()),
    ] {
        if let Some(date) = date
            && parse_iso(date).is_none()
        {
            out.push(format!(
                "the manifest's {what} {:?} is not a date written YYYY-MM-DD",
                shown_short(date)
            ));
        }
    }
    if m.validation.len() > MAX_LISTED {
        out.push(format!("the manifest lists {} findings, more than {MAX_LISTED}", m.validation.len()));
    }
    for v in m.validation.iter().take(MAX_LISTED) {
        too_long("finding", &v.message, 2000, &mut out);
        too_long("reason for a finding", v.override_reason.as_deref().unwrap_or(""), 2000, &mut out);
    }
    out
}

/// The first 40 characters of `text`, for a message quoting a value that is wrong.
fn shown_short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Checks a received bundle (`ardesk verify`, "Open a received bundle"): a well-formed,
/// unencrypted zip with safe names; a manifest that parses; every file present with its hash
/// and size; then the school's own content rules (`domain::bundle::check_contents`) on the files
/// as they are in the zip. A blocking finding makes the bundle not valid, as it would have
/// stopped the school exporting it; a warning is reported with the school's recorded reason.
pub fn verify_bundle(path: &Path, las: &LaCatalogue) -> VerifyReport {
    // Read from the file as needed, never whole: a bundle can be large, or a sparse file of
    // any size. Each entry is read up to a cap.
    match crate::files::open_regular(path) {
        Ok(file) => verify_reader(path.display().to_string(), std::io::BufReader::new(file), las),
        Err(e) => unusable(path.display().to_string(), Vec::new(), format!("the file {e}")),
    }
}

/// A report on a bundle that could not be used at all: `why` first, then any `problems`.
fn unusable(bundle: String, mut problems: Vec<String>, why: String) -> VerifyReport {
    problems.insert(0, why);
    VerifyReport {
        bundle,
        valid: false,
        unusable: true,
        problems,
        warnings: Vec::new(),
        manifest: None,
        files: Vec::new(),
        findings: Vec::new(),
    }
}

/// [`verify_bundle`] on the bundle `reader` gives, named `bundle` in the report (the fuzz target
/// gives it bytes).
pub fn verify_reader<R: Read + Seek>(bundle: String, mut file: R, las: &LaCatalogue) -> VerifyReport {
    let unusable = |problems: Vec<String>, why: String| unusable(bundle.clone(), problems, why);
    // The zip reader keeps one entry per name, so the central directory is also read as it is.
    let listed_in_zip = central_directory_names(&mut file);
    if file.seek(SeekFrom::Start(0)).is_err() {
        return unusable(Vec::new(), "it cannot be read".to_owned());
    }
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return unusable(Vec::new(), "it is not a zip archive (or it is damaged)".to_owned());
    };
    let mut problems = Vec::new();
    if zip.len() > 1000 {
        return unusable(Vec::new(), format!("it has {} entries, more than a review bundle has", zip.len()));
    }
    let mut names = Vec::new();
    for i in 0..zip.len() {
        match zip.by_index_raw(i) {
            Ok(entry) => {
                let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
                if entry.encrypted() {
                    problems.push(format!("{name} is encrypted inside the zip (V19)"));
                }
                if !safe_entry_name(&name) {
                    problems.push(format!(
                        "{name:?} is not a safe file name (folders, .. or absolute paths are not allowed)"
                    ));
                }
                names.push(name);
            }
            Err(e) => return unusable(problems, format!("entry {} cannot be read: {e}", i + 1)),
        }
    }
    // The same name twice: which copy a reader opens cannot be told (an encrypted one first, a
    // plain one after, say).
    let listed_in_zip = listed_in_zip.unwrap_or_else(|| names.clone());
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for name in &listed_in_zip {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    for (name, n) in counts.iter().filter(|(_, n)| **n > 1) {
        problems.push(format!("{name:?} is in the zip {n} times: which copy is meant cannot be told"));
    }
    // Every byte read counts against one budget, so that no bundle (a manifest listing one large
    // entry thousands of times, say) makes the check run for hours.
    let mut budget = MAX_READ_TOTAL;
    let mut over_budget = false;
    let mut read = |name: &str, cap: u64| -> Option<Vec<u8>> {
        let entry = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        entry.take(cap.min(budget) + 1).read_to_end(&mut out).ok()?;
        let len = u64::try_from(out.len()).ok()?;
        if len > budget {
            over_budget = true;
            return None;
        }
        budget -= len;
        (len <= cap).then_some(out)
    };
    if !names.iter().any(|n| n == MANIFEST) {
        return unusable(problems, "it has no manifest.json".to_owned());
    }
    let Some(manifest_bytes) = read(MANIFEST, MAX_MANIFEST) else {
        return unusable(
            problems,
            format!("its manifest.json cannot be read or is larger than {} MB", MAX_MANIFEST >> 20),
        );
    };
    let manifest: Manifest = match serde_json::from_slice(&manifest_bytes) {
        Ok(m) => m,
        Err(e) => return unusable(problems, format!("its manifest.json does not match the schema: {e}")),
    };
    // Version 1 bundles (no school, no sections or requests listed) are still read.
    if !(1..=MANIFEST_VERSION).contains(&manifest.schema_version) {
        problems.push(format!(
            "the manifest is version {}, this app reads versions 1 to {MANIFEST_VERSION}",
            manifest.schema_version
        ));
    }
    problems.extend(schema_problems(&manifest));
    let mut files = Vec::new();
    let mut planned = Vec::new();
    let mut listed = std::collections::HashSet::new();
    for f in &manifest.files {
        if !listed.insert(f.name.as_str()) {
            problems.push(format!("{:?} is listed more than once in the manifest", f.name));
            continue;
        }
        match read(&f.name, 512 << 20) {
            None => problems.push(format!("{} is listed in the manifest but missing", f.name)),
            Some(content) => {
                if u64::try_from(content.len()).ok() != Some(f.size) {
                    problems.push(format!(
                        "{} is {} bytes, the manifest says {}",
                        f.name,
                        content.len(),
                        f.size
                    ));
                }
                if sha256_hex(&content) != f.sha256.to_ascii_lowercase() {
                    problems.push(format!(
                        "{} has been changed since the bundle was made (its SHA-256 differs)",
                        f.name
                    ));
                }
                let source = if f.source == "attached" { Source::Attached } else { Source::Generated };
                let (file, _) = scanned_file(
                    &f.category,
                    f.title.clone(),
                    f.name.clone(),
                    &ext_of(&f.name),
                    source,
                    &content,
                    u64::MAX,
                );
                files.push(ScanResult {
                    file: f.name.clone(),
                    verdict: convert::verdict_code(&file.verdict),
                    detail: file.verdict_detail.clone(),
                    credentials: file.credentials.clone(),
                    active: file.active.map(|a| a.code().to_owned()),
                    fix: ardesk_domain::content::fix(&file.verdict, file.active, Format::of_ext(&file.ext)),
                });
                planned.push(file);
            }
        }
    }
    let mut warnings = Vec::new();
    let mut findings = Vec::new();
    // The index sheet is checked as every file is: a plain PDF, with the hash the manifest
    // records (version 3; a bundle from before is told to have no record of it).
    match read(INDEX, MAX_INDEX) {
        None if names.iter().any(|n| n == INDEX) => {
            problems.push(format!("{INDEX} cannot be read or is larger than {} MB", MAX_INDEX >> 20));
        }
        None => problems.push(format!("it has no {INDEX}")),
        Some(bytes) => {
            let scan = ardesk_intake::scan(&bytes, u64::MAX);
            if scan.file_type != Some(ardesk_intake::FileType::Pdf)
                || scan.verdict != ardesk_intake::Verdict::Ok
            {
                let what = scan.file_type.map_or("not a document", |t| t.label());
                problems.push(format!(
                    "{INDEX} is not a plain PDF ({what}{}{})",
                    if scan.verdict.detail().is_empty() { "" } else { ": " },
                    scan.verdict.detail()
                ));
            }
            match &manifest.index {
                Some(index) => {
                    if sha256_hex(&bytes) != index.sha256.to_ascii_lowercase()
                        || u64::try_from(bytes.len()).ok() != Some(index.size)
                    {
                        problems.push(format!(
                            "{INDEX} has been changed since the bundle was made (its SHA-256 differs)"
                        ));
                    }
                }
                None if manifest.schema_version >= 3 => {
                    problems.push(format!("the manifest does not record {INDEX}'s hash"));
                }
                None => warnings.push(format!(
                    "a version {} bundle: {INDEX}'s hash was not recorded, so it cannot be checked",
                    manifest.schema_version
                )),
            }
        }
    }
    if over_budget {
        problems.push(format!(
            "it holds more than {} MB to read in all: the rest was not checked",
            MAX_READ_TOTAL >> 20
        ));
    }
    for name in &names {
        if name != MANIFEST && name != INDEX && !manifest.files.iter().any(|f| &f.name == name) {
            problems.push(format!("{name:?} is in the zip but not in the manifest"));
        }
    }
    let meeting = parse_iso(&manifest.review.meeting_date);
    let profile =
        meeting.and_then(|m| las.at(&manifest.la_profile.id, m)).or_else(|| las.get(&manifest.la_profile.id));
    match profile {
        None => {
            problems.push(format!("the LA profile {:?} is not known to this app", manifest.la_profile.id))
        }
        Some(profile) => {
            if profile.version != manifest.la_profile.version {
                warnings.push(format!(
                    "the bundle was checked against version {} of the {} profile; this app has version {}",
                    manifest.la_profile.version, profile.name, profile.version
                ));
            }
            let contents = Contents {
                profile,
                looked_after: manifest.child.looked_after,
                pfa: manifest.child.year9_plus,
                amendments_proposed: manifest.review.amendments_proposed,
                files: &planned,
            };
            let found = check_contents(&contents);
            for finding in &found {
                let reason = judge(finding, &manifest, &mut problems, &mut warnings);
                findings.push(ardesk_dto::VerifiedFinding {
                    rule: finding.rule.to_owned(),
                    severity: convert::severity(finding.severity).code().to_owned(),
                    document: finding.document.clone(),
                    message: finding.message.clone(),
                    school_reason: reason,
                });
            }
            // What the school's check found in its own records (dates, who was invited), which
            // the files cannot show: told as the school recorded it, with its reason.
            for v in manifest.validation.iter().filter(|v| v.severity != "info") {
                if !found.iter().any(|f| f.rule == v.rule && f.message == v.message) {
                    let reason = v.override_reason.as_deref().map_or_else(
                        || " No reason was recorded.".to_owned(),
                        |r| format!(" The school's reason: {r}"),
                    );
                    warnings.push(format!("{}: {} (from the school's records){reason}", v.rule, v.message));
                }
            }
        }
    }
    VerifyReport {
        bundle,
        valid: problems.is_empty(),
        unusable: false,
        problems,
        warnings,
        manifest: Some(manifest),
        files,
        findings,
    }
}

/// Sorts one finding of the shared rules: a blocking one the school has not excused is a
/// problem; anything else is a warning, with the reason the school recorded for it (returned).
fn judge(
    finding: &Finding,
    manifest: &Manifest,
    problems: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let reason = manifest
        .validation
        .iter()
        .find(|v| v.rule == finding.rule && v.document == finding.document && v.override_reason.is_some())
        .and_then(|v| v.override_reason.as_deref());
    let said = format!("{}: {}", finding.rule, finding.message);
    match (finding.severity, reason) {
        (Severity::Block, None) => problems.push(said),
        // What blocks a bundle is not excused by the sender's say-so (a required document
        // missing, an encrypted file): the school's words are shown, not accepted. Only
        // credential-like text (V02), which a person must judge, may be overridden.
        (Severity::Block, Some(reason)) if finding.rule != "V02" => {
            problems.push(format!("{said} The school says: {reason}"));
        }
        (_, Some(reason)) => warnings.push(format!("{said} The school's reason: {reason}")),
        (_, None) => warnings.push(format!("{said} No reason was recorded.")),
    }
    reason.map(str::to_owned)
}

/// Every name the zip's central directory lists, in its order, duplicates included; `None` if
/// the directory cannot be read this simply (a ZIP64 archive, a damaged one), when the zip
/// reader's own list stands. Reads the last 64 KiB and the directory (up to 4 MiB) only.
fn central_directory_names<R: Read + Seek>(file: &mut R) -> Option<Vec<String>> {
    let len = file.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(65_557);
    file.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = Vec::new();
    file.take(tail_len).read_to_end(&mut tail).ok()?;
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let eocd = tail.get(at..at + 22)?;
    let u32_at =
        |b: &[u8], i: usize| -> Option<u32> { Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?)) };
    let u16_at = |b: &[u8], i: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?)))
    };
    let (size, offset) = (u32_at(eocd, 12)?, u32_at(eocd, 16)?);
    if size == u32::MAX || offset == u32::MAX || size > 4 << 20 {
        return None;
    }
    file.seek(SeekFrom::Start(u64::from(offset))).ok()?;
    let mut dir = Vec::new();
    file.take(u64::from(size)).read_to_end(&mut dir).ok()?;
    let mut names = Vec::new();
    let mut i = 0;
    while dir.get(i..i + 4) == Some(b"PK\x01\x02") && names.len() <= 10_000 {
        let header = dir.get(i..i + 46)?;
        let (name_len, extra, comment) = (u16_at(header, 28)?, u16_at(header, 30)?, u16_at(header, 32)?);
        let name = dir.get(i + 46..i + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        i += 46 + name_len + extra + comment;
    }
    Some(names)
}

/// `ardesk verify` over a file, with the shipped LA profiles.
pub fn verify_bundle_file(path: &Path) -> Result<VerifyReport, AppError> {
    let las = builtin_las()?;
    Ok(verify_bundle(path, &las))
}

/// A name that is safe to extract: no folders, no climbing out, no absolute or drive paths, no
/// control characters.
fn safe_entry_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && !name.contains(['/', '\\', ':'])
        && !name.starts_with('.')
        && !name.chars().any(char::is_control)
}
