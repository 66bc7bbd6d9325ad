//! What arrives from outside, checked: a received bundle (the LA's side of issue 7), and files
//! scanned for passwords, encryption and macros (`ardesk scan`).

use std::io::Read;
use std::path::{Path, PathBuf};

use ardesk_domain::bundle::{Contents, Finding, Source, check_contents};
use ardesk_domain::la::LaCatalogue;
use ardesk_domain::problem::Severity;
use ardesk_dto::{Manifest, ScanResult, Verdict, VerifyReport};
use chrono::NaiveDate;

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
            let result = |verdict: Verdict, detail: String, credentials: Option<String>| {
                ardesk_dto::ScanResult { file: file.clone(), verdict, detail, credentials }
            };
            match read_capped(path, limit) {
                Err(ReadRefused::Open(e)) => {
                    result(Verdict::Unreadable, format!("cannot be opened: {e}"), None)
                }
                Err(ReadRefused::TooLarge { size, limit }) => result(
                    Verdict::TooLarge,
                    format!("{} MB, over the {} MB limit", size.div_ceil(1 << 20), limit >> 20),
                    None,
                ),
                Err(ReadRefused::Read(e)) => {
                    result(Verdict::Unreadable, format!("cannot be read: {e}"), None)
                }
                Ok(bytes) => {
                    let scan = ardesk_intake::scan(&bytes, limit);
                    result(
                        convert::verdict(&scan.verdict),
                        scan.verdict.detail().to_owned(),
                        scan.credentials,
                    )
                }
            }
        })
        .collect()
}

/// The largest manifest.json read (a real one is a few kilobytes).
const MAX_MANIFEST: u64 = 4 << 20;

/// Checks a received bundle (`ardesk verify`, "Open a received bundle"): a well-formed,
/// unencrypted zip with safe names; a manifest that parses; every file present with its hash
/// and size; then the school's own content rules (`domain::bundle::check_contents`) on the files
/// as they are in the zip. A blocking finding makes the bundle not valid, as it would have
/// stopped the school exporting it; a warning is reported with the school's recorded reason.
pub fn verify_bundle(path: &Path, las: &LaCatalogue) -> VerifyReport {
    let bundle = path.display().to_string();
    let unusable = |mut problems: Vec<String>, why: String| {
        problems.insert(0, why);
        VerifyReport {
            bundle: bundle.clone(),
            valid: false,
            unusable: true,
            problems,
            warnings: Vec::new(),
            manifest: None,
            files: Vec::new(),
        }
    };
    // Read from the file as needed, never whole: a bundle can be large, or a sparse file of
    // any size. Each entry is read up to a cap.
    let file = match std::fs::File::open(path) {
        Ok(file) => std::io::BufReader::new(file),
        Err(e) => return unusable(Vec::new(), format!("the file cannot be read ({e})")),
    };
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
    let mut read = |name: &str, cap: u64| -> Option<Vec<u8>> {
        let entry = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        entry.take(cap + 1).read_to_end(&mut out).ok()?;
        (u64::try_from(out.len()).ok()? <= cap).then_some(out)
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
    let mut files = Vec::new();
    let mut planned = Vec::new();
    for f in &manifest.files {
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
                });
                planned.push(file);
            }
        }
    }
    for name in &names {
        if name != MANIFEST && name != INDEX && !manifest.files.iter().any(|f| &f.name == name) {
            problems.push(format!("{name} is in the zip but not in the manifest"));
        }
    }
    let mut warnings = Vec::new();
    let meeting = NaiveDate::parse_from_str(&manifest.review.meeting_date, "%Y-%m-%d").ok();
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
                judge(finding, &manifest, &mut problems, &mut warnings);
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
    }
}

/// Sorts one finding of the shared rules: a blocking one the school has not excused is a
/// problem; anything else is a warning, with the reason the school recorded for it.
fn judge(finding: &Finding, manifest: &Manifest, problems: &mut Vec<String>, warnings: &mut Vec<String>) {
    let reason = manifest
        .validation
        .iter()
        .find(|v| v.rule == finding.rule && v.document == finding.document && v.override_reason.is_some())
        .and_then(|v| v.override_reason.as_deref());
    let said = format!("{}: {}", finding.rule, finding.message);
    match (finding.severity, reason) {
        (Severity::Block, None) => problems.push(said),
        (_, Some(reason)) => warnings.push(format!("{said} The school's reason: {reason}")),
        (_, None) => warnings.push(format!("{said} No reason was recorded.")),
    }
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
