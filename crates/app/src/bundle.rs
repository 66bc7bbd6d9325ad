//! The submission bundle (spec §8, issue 7): the review's documents gathered, scanned and
//! validated (V01–V19), exported as one unencrypted zip with `manifest.json` and `00_Index.pdf`,
//! written atomically and re-read to check every hash; and the same checks run by the LA on a
//! bundle it receives (`verify_bundle`).

use std::io::{Read, Write};
use std::path::Path;

use ardesk_documents::bundle::{IndexDoc, render_index_pdf, render_views_pdf};
use ardesk_domain::Problem;
use ardesk_domain::bundle::{
    AdviceState, BundleFacts, Finding, PlannedFile, Source, bundle_name, can_override, entry_name, validate,
};
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::{iso, long};
use ardesk_domain::invitees::InviteeKind;
use ardesk_domain::la::{LaCatalogue, LaProfile};
use ardesk_domain::ncy::nc_year;
use ardesk_domain::paperwork::doc_title;
use ardesk_domain::problem::Severity;
use ardesk_dto::{
    BundleCheckDto, BundleFileDto, ErrorCode, FindingDto, Manifest, ManifestChild, ManifestFile,
    ManifestFinding, ManifestProfile, ManifestReview, ScanResult, VerifyReport,
};
use ardesk_store::Action;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::prep::{Ctx, initials};
use crate::{App, AppError};

/// The manifest format this build writes.
pub const MANIFEST_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
const INDEX: &str = "00_Index.pdf";

/// A file planned for the bundle, with its bytes and its name in the zip.
struct Planned {
    file: PlannedFile,
    bytes: Vec<u8>,
    entry: String,
}

/// The bundle as it would be exported now.
struct Plan {
    child_id: i64,
    name: String,
    files: Vec<Planned>,
    findings: Vec<(Finding, Option<String>)>,
    manifest: Manifest,
    index: IndexDoc,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Block => "block",
        Severity::Warn => "warn",
        Severity::Info => "info",
    }
}

/// Where the user fixes a finding.
fn fix_at(f: &Finding) -> &'static str {
    match f.rule {
        "V04" | "V05" | "V17" => "ar1",
        "V06" | "V07" if f.document.as_deref() == Some("AR1 record") => "ar1",
        "V06" => "amendments",
        "V01" | "V02" | "V03" | "V07" | "V08" | "V09" | "V10" | "V11" | "V13" | "V14" | "V16" => "prep",
        _ => "none",
    }
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn ext_of(name: &str) -> String {
    Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default()
}

impl App {
    /// The review's meeting date, the LA profile in force then, and the bundle's name.
    fn bundle_basics(&self, ctx: &Ctx) -> Result<(NaiveDate, &LaProfile, String), AppError> {
        let r = &ctx.child.record;
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date).ok_or_else(|| {
            AppError::new(ErrorCode::Conflict, "The review has no meeting yet, so there is nothing to send.")
        })?;
        let profile = self.profile_on(&r.la_id, meeting)?;
        let la_ref = r
            .la_ref
            .clone()
            .unwrap_or_else(|| r.upn.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default());
        let name = bundle_name(&profile.submission.filename_pattern, &la_ref, &initials(r), meeting);
        Ok((meeting, profile, name))
    }

    fn plan_bundle(&self, review: i64) -> Result<Plan, AppError> {
        let ctx = self.prep_ctx(review)?;
        let r = &ctx.child.record;
        let today = self.clock.today();
        let (meeting, profile, name) = self.bundle_basics(&ctx)?;
        let limit = profile.files.max_mb.map_or(ardesk_intake::DEFAULT_MAX_BYTES, |mb| u64::from(mb) << 20);
        let prefer = |choices: &[&'static str]| -> &'static str {
            choices
                .iter()
                .copied()
                .find(|c| profile.files.allowed_ext.iter().any(|e| e == c))
                .unwrap_or("pdf")
        };
        // Other pupils' names, as "first last" word pairs, for V13.
        let others: std::collections::HashMap<String, String> = self
            .store
            .children()?
            .into_iter()
            .filter(|c| c.id != ctx.child.id)
            .flat_map(|c| {
                let surname = c.record.legal_surname.as_str().to_lowercase();
                let mut names = vec![c.record.legal_forenames.as_str().to_owned()];
                names.extend(c.record.preferred_name.as_ref().map(|p| p.as_str().to_owned()));
                let display = c.record.display_name();
                names
                    .into_iter()
                    .filter_map(|first| first.split_whitespace().next().map(str::to_lowercase))
                    .map(|first| (format!("{first} {surname}"), display.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut planned: Vec<Planned> = Vec::new();
        let mut add =
            |code: &str, title: String, original: String, ext: &str, source: Source, bytes: Vec<u8>| {
                let scan = ardesk_intake::scan(&bytes, limit);
                let text = scan.file_type.and_then(|t| ardesk_intake::scan::extract_text(&bytes, t));
                let other_pupil = text.and_then(|t| {
                    let words: Vec<String> = t
                        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase)
                        .collect();
                    words.windows(2).find_map(|w| match w {
                        [a, b] => others.get(&format!("{a} {b}")).cloned(),
                        _ => None,
                    })
                });
                let review_marks = scan.file_type == Some(ardesk_intake::FileType::Docx)
                    && ardesk_intake::review_marks(&bytes).is_some_and(|m| m.revisions || m.comments);
                planned.push(Planned {
                    file: PlannedFile {
                        code: code.to_owned(),
                        title,
                        original_name: original,
                        ext: ext.to_owned(),
                        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
                        source,
                        verdict: scan.verdict.code().to_owned(),
                        verdict_detail: scan.verdict.detail().to_owned(),
                        credentials: scan.credentials,
                        other_pupil,
                        review_marks,
                    },
                    bytes,
                    entry: String::new(),
                });
            };
        // The AR1 record, then the amendments, then what was received, in checklist order.
        let ext = prefer(&["pdf", "docx"]);
        add(
            "D01",
            doc_title("D01").to_owned(),
            format!("AR1 record.{ext}"),
            ext,
            Source::Generated,
            self.record_bytes(review, ext)?,
        );
        let amendments = self.amendments(review)?;
        let ext = if amendments.mode == "revisions" { "docx" } else { prefer(&["pdf", "docx"]) };
        // Amendments that cannot be shown together make no document: V06 then says it is
        // missing, and the amendments page says why.
        match self.amendments_bytes(review, &amendments.mode, ext) {
            Ok(Some(bytes)) => add(
                "D04",
                doc_title("D04").to_owned(),
                format!("Proposed amendments.{ext}"),
                ext,
                Source::Generated,
                bytes,
            ),
            Ok(None) => {}
            Err(e) if e.code == ErrorCode::Validation => {}
            Err(e) => return Err(e),
        }
        let checklist = self.store.checklist(ctx.review)?;
        let created = self.clock.now();
        for item in &checklist {
            if let Some(file) = &item.file {
                let bytes = self.store.file_content(&file.sha256)?;
                add(
                    &item.code,
                    item.title.clone(),
                    file.name.clone(),
                    &ext_of(&file.name),
                    Source::Attached,
                    bytes,
                );
            } else if let Some(text) = item.views_text.as_deref().filter(|t| !t.trim().is_empty()) {
                let bytes = render_views_pdf(&item.title, &r.display_name(), text, created).map_err(|e| {
                    AppError::new(ErrorCode::Storage, format!("The views could not be written: {e}"))
                })?;
                add(
                    &item.code,
                    item.title.clone(),
                    format!("{} (typed in).pdf", item.title),
                    "pdf",
                    Source::Generated,
                    bytes,
                );
            }
        }

        // What the rules look at.
        let ar1 = self.ar1(review)?;
        let values = &ar1.values;
        let recommendation = values.get("recommendation").cloned().filter(|v| !v.is_empty());
        let invitees = self.store.invitees(ctx.review)?;
        let in_bundle = |item: i64| {
            checklist.iter().any(|c| c.id == item && (c.file.is_some() || c.views_text.is_some()))
        };
        let evidence_missing: Vec<String> = amendments
            .amendments
            .iter()
            .filter(|a| {
                ardesk_domain::plan::SectionId::from_code(&a.form.section)
                    .is_some_and(ardesk_domain::amend::needs_evidence)
                    && !a.form.evidence.iter().any(|e| in_bundle(e.item_id))
            })
            .map(|a| a.form.section.clone())
            .collect();
        let timeline = ctx.timeline.as_ref();
        let due = |id: MilestoneId| timeline.and_then(|t| t.get(id)).map(|m| m.due);
        let transfer_by = due(MilestoneId::T16)
            .or_else(|| due(MilestoneId::T17))
            .map(|d| ardesk_domain::calendar::sub_days(d, 84));
        let files: Vec<PlannedFile> = planned.iter().map(|p| p.file.clone()).collect();
        let facts = BundleFacts {
            profile,
            looked_after: r.looked_after,
            pfa: ar1.pfa_required,
            ar1_problems: ar1.problems.iter().map(|p| (p.field.clone(), p.message.clone())).collect(),
            recommends_amend: recommendation.as_deref() == Some("amend"),
            requests_funding: values.get("request.funding").is_some_and(|v| v == "true"),
            requests_placement: values.get("request.placement").is_some_and(|v| v == "true"),
            amendments: amendments.amendments.len(),
            amended_sections: sections_in_order(
                amendments.amendments.iter().map(|a| a.form.section.as_str()),
            ),
            ar1_amend_sections: sections_in_order(
                values
                    .iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .filter_map(|(k, _)| k.strip_prefix("amend.")),
            ),
            evidence_missing,
            no_amendments_stated: amendments.no_amendments,
            care_invited: invitees.iter().any(|i| {
                i.invitee.kind == InviteeKind::SocialCare
                    || i.invitee.role.to_ascii_lowercase().contains("virtual school")
            }),
            advice: invitees
                .iter()
                .filter(|i| i.invitee.advice_requested && i.invitee.kind != InviteeKind::Setting)
                .filter_map(|i| {
                    let item = checklist.iter().find(|c| c.invitee_id == Some(i.id))?;
                    Some(AdviceState {
                        who: format!("{} ({})", i.invitee.name, i.invitee.role),
                        received: item.received_on.is_some(),
                        chased: item.chased_on.is_some(),
                    })
                })
                .collect(),
            meeting,
            invited_on: invitees.iter().filter_map(|i| i.invited_on).min(),
            circulated_on: ctx.this.circulated_on,
            report_due: due(MilestoneId::T11),
            transfer_meeting_by: transfer_by,
            today,
            files: &files,
        };
        let overrides = self.store.bundle_overrides(ctx.review)?;
        let findings: Vec<(Finding, Option<String>)> = validate(&facts)
            .into_iter()
            .map(|f| {
                let reason = overrides
                    .iter()
                    .find(|(rule, message, _)| rule == f.rule && *message == f.message)
                    .filter(|_| can_override(&f))
                    .map(|(_, _, reason)| reason.clone());
                (f, reason)
            })
            .collect();

        for (n, p) in planned.iter_mut().enumerate() {
            p.entry = entry_name(n + 1, &p.file.code, &p.file.ext);
        }
        let manifest = Manifest {
            schema_version: MANIFEST_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            la_profile: ManifestProfile { id: profile.id.clone(), version: profile.version },
            child: ManifestChild {
                initials: initials(r),
                la_ref: r.la_ref.clone(),
                dob: iso(r.dob),
                looked_after: r.looked_after,
                year9_plus: nc_year(r.dob, r.ncy_offset, meeting) >= 9,
            },
            review: ManifestReview {
                meeting_date: iso(meeting),
                review_type: "annual".to_owned(),
                recommendation: recommendation.clone(),
                amendments_proposed: !amendments.amendments.is_empty(),
            },
            files: planned
                .iter()
                .map(|p| ManifestFile {
                    name: p.entry.clone(),
                    category: p.file.code.clone(),
                    title: p.file.title.clone(),
                    sha256: sha256(&p.bytes),
                    size: p.file.size,
                    source: p.file.source.code().to_owned(),
                })
                .collect(),
            validation: findings
                .iter()
                .map(|(f, reason)| ManifestFinding {
                    rule: f.rule.to_owned(),
                    severity: severity(f.severity).to_owned(),
                    document: f.document.clone(),
                    message: f.message.clone(),
                    override_reason: reason.clone(),
                })
                .collect(),
            generated_at: self.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        let index = IndexDoc {
            la_name: profile.name.clone(),
            school_name: self.store.school()?.map(|s| s.name).unwrap_or_default(),
            child: match &r.la_ref {
                Some(reference) => format!("{} ({reference})", r.legal_name()),
                None => r.legal_name(),
            },
            recommendation: match recommendation.as_deref() {
                Some("maintain") => "Maintain the plan unchanged.",
                Some("amend") => "Amend the plan (see the tracked-change document).",
                Some("cease") => "Cease to maintain the plan.",
                _ => "No recommendation recorded.",
            }
            .to_owned(),
            dates: [
                Some(("Meeting".to_owned(), long(meeting))),
                due(MilestoneId::T11).map(|d| ("Record due with the LA (T11)".to_owned(), long(d))),
                due(MilestoneId::T12).map(|d| ("LA decision due (T12)".to_owned(), long(d))),
            ]
            .into_iter()
            .flatten()
            .collect(),
            files: planned
                .iter()
                .map(|p| (p.entry.clone(), p.file.title.clone(), p.file.source.code().to_owned()))
                .collect(),
            created: self.clock.now(),
        };
        Ok(Plan { child_id: ctx.child.id.0, name, files: planned, findings, manifest, index })
    }

    /// The bundle as it would be exported now: its files, every finding, and whether it is blocked.
    pub fn bundle_check(&self, review: i64) -> Result<BundleCheckDto, AppError> {
        let plan = self.plan_bundle(review)?;
        Ok(BundleCheckDto {
            review_id: review,
            child_id: plan.child_id,
            blocked: blocked(&plan.findings),
            name: plan.name,
            files: plan
                .files
                .iter()
                .map(|p| BundleFileDto {
                    name: p.entry.clone(),
                    title: format!("{} ({})", p.file.title, p.file.original_name),
                    source: p.file.source.code().to_owned(),
                    size: p.file.size,
                    verdict: p.file.verdict.clone(),
                    detail: p.file.verdict_detail.clone(),
                })
                .collect(),
            findings: plan
                .findings
                .iter()
                .map(|(f, reason)| FindingDto {
                    rule: f.rule.to_owned(),
                    severity: severity(f.severity).to_owned(),
                    document: f.document.clone(),
                    message: f.message.clone(),
                    fix: f.fix.clone(),
                    fix_at: fix_at(f).to_owned(),
                    can_override: can_override(f),
                    overridden: reason.clone(),
                })
                .collect(),
        })
    }

    /// Records why a finding is overridden (warnings, and V02); an empty reason withdraws it.
    pub fn override_finding(
        &mut self,
        review: i64,
        rule: &str,
        message: &str,
        reason: &str,
    ) -> Result<BundleCheckDto, AppError> {
        let ctx = self.prep_ctx(review)?;
        let plan = self.plan_bundle(review)?;
        let Some((finding, _)) = plan.findings.iter().find(|(f, _)| f.rule == rule && f.message == message)
        else {
            return Err(AppError::new(ErrorCode::NotFound, "That finding no longer applies."));
        };
        if !can_override(finding) {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("{rule} blocks the bundle and cannot be overridden: fix it instead."),
            ));
        }
        let reason = reason.trim();
        if reason.chars().count() > 1000 {
            return Err(vec![Problem::block(
                "reason",
                "The reason is longer than 1,000 characters.",
                "Shorten it.",
            )]
            .into());
        }
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "bundle.override", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_bundle_override(ctx.review, rule, message, (!reason.is_empty()).then_some(reason), today)
        })?;
        self.bundle_check(review)
    }

    /// The file name the bundle gets (for the save dialog).
    pub fn bundle_file_name(&self, review: i64) -> Result<String, AppError> {
        let ctx = self.prep_ctx(review)?;
        Ok(format!("{}.zip", self.bundle_basics(&ctx)?.2))
    }

    /// Writes the bundle to `path` (a `.zip`), refusing while a "block" finding stands. The zip
    /// is written to a temporary file beside it, synced and renamed, so an interrupted export
    /// leaves no file with the final name (or the previous one intact); it is then reopened and
    /// every file's hash checked. Returns the files written.
    pub fn export_bundle(&self, review: i64, path: &Path) -> Result<Vec<String>, AppError> {
        self.export_bundle_reporting(review, path, &|_, _| {})
    }

    /// [`App::export_bundle`], calling `progress(done, total)` (in bytes) as the zip is written
    /// and read back, for a progress bar.
    pub fn export_bundle_reporting(
        &self,
        review: i64,
        path: &Path,
        progress: &dyn Fn(u64, u64),
    ) -> Result<Vec<String>, AppError> {
        let plan = self.plan_bundle(review)?;
        if blocked(&plan.findings) {
            let problems: Vec<Problem> = plan
                .findings
                .iter()
                .filter(|(f, reason)| f.severity == Severity::Block && reason.is_none())
                .map(|(f, _)| Problem::block("bundle", format!("{}: {}", f.rule, f.message), f.fix.clone()))
                .collect();
            return Err(AppError {
                code: ErrorCode::Conflict,
                message: format!(
                    "The bundle cannot be exported yet: {} problem(s) block it.",
                    problems.len()
                ),
                problems,
            });
        }
        let manifest = serde_json::to_vec_pretty(&plan.manifest).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The manifest could not be written: {e}"))
        })?;
        let index = render_index_pdf(&plan.index)
            .map_err(|e| AppError::new(ErrorCode::Storage, format!("The index could not be written: {e}")))?;
        let mut entries: Vec<(&str, &[u8])> = vec![(MANIFEST, &manifest), (INDEX, &index)];
        entries.extend(plan.files.iter().map(|p| (p.entry.as_str(), p.bytes.as_slice())));
        write_zip_atomically_via(path, &entries, |f| f, progress)?;
        Ok(entries.iter().map(|(n, _)| (*n).to_owned()).collect())
    }
}

fn blocked(findings: &[(Finding, Option<String>)]) -> bool {
    findings.iter().any(|(f, reason)| f.severity == Severity::Block && reason.is_none())
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
    let hashes: Vec<String> = entries.iter().map(|(_, bytes)| sha256(bytes)).collect();
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
    crate::reviews::remove_stale_partials(dir);
    let (tmp, file) = crate::reviews::tempfile_in(dir).map_err(&io)?;
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
            if sha256(&back) != sha256(bytes) {
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

/// A name that is safe to extract: no folders, no climbing out, no absolute or drive paths, no
/// control characters.
fn safe_entry_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && !name.contains(['/', '\\', ':'])
        && !name.starts_with('.')
        && !name.chars().any(char::is_control)
}

/// Section codes, each once, in the plan's order (A, B, … K).
fn sections_in_order<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    let codes: Vec<&str> = codes.collect();
    ardesk_domain::plan::SectionId::ALL
        .into_iter()
        .map(|s| s.code())
        .filter(|c| codes.contains(c))
        .map(str::to_owned)
        .collect()
}

/// The largest manifest.json read (a real one is a few kilobytes).
const MAX_MANIFEST: u64 = 4 << 20;

/// Checks a received bundle (`ardesk verify`, "Open a received bundle"): a well-formed,
/// unencrypted zip with safe names; a manifest that parses; every file present with its hash
/// and size; the documents the LA profile requires; and the password scan of every file.
pub fn verify_bundle(path: &Path, las: &LaCatalogue) -> VerifyReport {
    let bundle = path.display().to_string();
    let unusable = |mut problems: Vec<String>, why: String| {
        problems.insert(0, why);
        VerifyReport {
            bundle: bundle.clone(),
            valid: false,
            unusable: true,
            problems,
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
    if manifest.schema_version != MANIFEST_VERSION {
        problems.push(format!(
            "the manifest is version {}, this app reads version {MANIFEST_VERSION}",
            manifest.schema_version
        ));
    }
    let mut files = Vec::new();
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
                if sha256(&content) != f.sha256.to_ascii_lowercase() {
                    problems.push(format!(
                        "{} has been changed since the bundle was made (its SHA-256 differs)",
                        f.name
                    ));
                }
                let scan = ardesk_intake::scan(&content, u64::MAX);
                if scan.verdict.code() != "ok" {
                    problems.push(format!("{}: {} ({})", f.name, scan.verdict.code(), scan.verdict.detail()));
                }
                files.push(ScanResult {
                    file: f.name.clone(),
                    verdict: scan.verdict.code().to_owned(),
                    detail: scan.verdict.detail().to_owned(),
                    credentials: scan.credentials,
                });
            }
        }
    }
    for name in &names {
        if name != MANIFEST && name != INDEX && !manifest.files.iter().any(|f| &f.name == name) {
            problems.push(format!("{name} is in the zip but not in the manifest"));
        }
    }
    match las.get(&manifest.la_profile.id) {
        None => {
            problems.push(format!("the LA profile {:?} is not known to this app", manifest.la_profile.id))
        }
        Some(profile) => {
            let has = |code: &str| manifest.files.iter().any(|f| f.category == code);
            for code in &profile.documents.required {
                if code == "D04" || has(code) {
                    continue;
                }
                let excused = manifest
                    .validation
                    .iter()
                    .any(|v| v.override_reason.is_some() && v.document.as_deref() == Some(doc_title(code)));
                if !excused {
                    problems.push(format!(
                        "{} requires {} ({code}), which is not in the bundle",
                        profile.name,
                        doc_title(code)
                    ));
                }
            }
            if manifest.review.amendments_proposed && !has("D04") {
                problems.push(
                    "amendments are proposed but the tracked-change document (D04) is missing".to_owned(),
                );
            }
            if manifest.child.looked_after && !has("D05") {
                problems.push("the child is looked after but the PEP (D05) is missing".to_owned());
            }
            for code in &profile.documents.forbidden {
                if has(code) {
                    problems.push(format!("{} ({code}) must not be in the bundle", doc_title(code)));
                }
            }
        }
    }
    VerifyReport {
        bundle,
        valid: problems.is_empty(),
        unusable: false,
        problems,
        manifest: Some(manifest),
        files,
    }
}

/// `ardesk verify` over a file, with the shipped LA profiles.
pub fn verify_bundle_file(path: &Path) -> Result<VerifyReport, AppError> {
    let las = crate::builtin_las()?;
    Ok(verify_bundle(path, &las))
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
