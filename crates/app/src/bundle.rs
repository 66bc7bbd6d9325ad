//! The submission bundle (spec §8, issue 7): the review's documents gathered, scanned and
//! validated (V01–V19), exported as one unencrypted zip with `manifest.json` and `00_Index.pdf`,
//! written atomically and re-read to check every hash; and the same checks run by the LA on a
//! bundle it receives (`verify_bundle`).

use std::path::Path;

use ardesk_documents::bundle::{IndexDoc, render_index_pdf, render_views_pdf};
use ardesk_domain::Problem;
use ardesk_domain::bundle::{
    AdviceState, BundleFacts, EvidencePage, Finding, PlannedFile, Source, bundle_name, can_override,
    email_subject, entry_name, how_to_send, validate,
};
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::{iso, long};
use ardesk_domain::invitees::InviteeKind;
use ardesk_domain::la::LaProfile;
use ardesk_domain::ncy::nc_year;
use ardesk_domain::paperwork::doc_title;
use ardesk_domain::problem::Severity;
use ardesk_dto::{
    BundleCheckDto, BundleFileDto, ErrorCode, FindingDto, FixAt, Manifest, ManifestChild, ManifestFile,
    ManifestFinding, ManifestIndex, ManifestProfile, ManifestReview, ManifestSchool,
};
use ardesk_store::Action;
use chrono::NaiveDate;

use crate::context::{Ctx, initials};
use crate::files::{ext_of, sha256_hex, write_zip_atomically_via};
use crate::{App, AppError, convert};

/// The manifest format this build writes.
pub const MANIFEST_VERSION: u32 = 5;
pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) const INDEX: &str = "00_Index.pdf";

/// A file planned for the bundle, with its bytes and its name in the zip.
struct Planned {
    file: PlannedFile,
    bytes: Vec<u8>,
    entry: String,
    /// A PDF's page count, read once: for the index, and to check the pages evidence cites.
    pages: Option<usize>,
}

/// The bundle as it would be exported now.
struct Plan {
    child_id: i64,
    name: String,
    /// How to send it, and the email's subject.
    how_to_send: String,
    subject: String,
    files: Vec<Planned>,
    findings: Vec<(Finding, Option<String>)>,
    manifest: Manifest,
    index: IndexDoc,
}

/// Where the user fixes a finding.
fn fix_at(f: &Finding) -> FixAt {
    match f.rule {
        "V04" | "V05" | "V17" => FixAt::Ar1,
        "V06" | "V07" if f.document.as_deref() == Some("AR1 record") => FixAt::Ar1,
        "V06" => FixAt::Amendments,
        "V01" | "V02" | "V03" | "V07" | "V08" | "V09" | "V10" | "V11" | "V13" | "V14" | "V16" => FixAt::Prep,
        _ => FixAt::Nowhere,
    }
}

impl App {
    /// The child's reference for the LA in file names and the email's subject: the LA's own
    /// reference, else the UPN.
    fn la_reference(ctx: &Ctx) -> String {
        let r = &ctx.child.record;
        r.la_ref.clone().unwrap_or_else(|| r.upn.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default())
    }

    /// The review's meeting date, the LA profile in force then, and the bundle's name.
    fn bundle_basics(&self, ctx: &Ctx) -> Result<(NaiveDate, &LaProfile, String), AppError> {
        let r = &ctx.child.record;
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date).ok_or_else(|| {
            AppError::new(ErrorCode::Conflict, "The review has no meeting yet, so there is nothing to send.")
        })?;
        let profile = self.profile_on(&r.la_id, meeting)?;
        let la_ref = App::la_reference(ctx);
        let name = bundle_name(&profile.submission.filename_pattern, &la_ref, &initials(r), meeting);
        Ok((meeting, profile, name))
    }

    fn plan_bundle(&self, review: i64) -> Result<Plan, AppError> {
        let ctx = self.review_ctx(review)?;
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
                // Named by initials: the finding goes into the manifest the LA receives.
                let known_as = initials(&c.record);
                names
                    .into_iter()
                    .filter_map(|first| first.split_whitespace().next().map(str::to_lowercase))
                    .map(|first| (format!("{first} {surname}"), known_as.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut planned: Vec<Planned> = Vec::new();
        // Plans one file; answers a PDF's page count.
        let mut add =
            |code: &str, title: String, original: String, ext: &str, source: Source, bytes: Vec<u8>| {
                let (mut file, scan) = scanned_file(code, title, original, ext, source, &bytes, limit);
                let text = scan.readable_text(&bytes);
                file.other_pupil = text.and_then(|t| {
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
                let pages = match ext {
                    "pdf" => ardesk_intake::pdf_page_count(&bytes),
                    "docx" => ardesk_intake::docx_page_count(&bytes),
                    _ => None,
                };
                planned.push(Planned { file, bytes, entry: String::new(), pages });
                pages
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
        let ext = if amendments.mode == ardesk_dto::AmendmentMode::Revisions {
            "docx"
        } else {
            prefer(&["pdf", "docx"])
        };
        // Amendments that cannot be shown together make no document: V06 then says it is
        // missing, and the amendments page says why.
        match self.amendments_bytes(review, amendments.mode.code(), ext) {
            Ok(Some(bytes)) => {
                add(
                    "D04",
                    doc_title("D04").to_owned(),
                    format!("Proposed amendments.{ext}"),
                    ext,
                    Source::Generated,
                    bytes,
                );
            }
            Ok(None) => {}
            Err(e) if e.code == ErrorCode::Validation => {}
            Err(e) => return Err(e),
        }
        let checklist = self.store.checklist(ctx.review)?;
        let created = self.clock.now();
        // The pages of each attached PDF, by checklist item: evidence must cite a page it has.
        let mut pages_of: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        for item in &checklist {
            if let Some(file) = &item.file {
                let bytes = self.store.file_content(&file.sha256)?;
                let pages = add(
                    &item.code,
                    item.title.clone(),
                    file.name.clone(),
                    &ext_of(&file.name),
                    Source::Attached,
                    bytes,
                );
                if let Some(n) = pages {
                    pages_of.insert(item.id, n);
                }
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
        let evidence_pages: Vec<EvidencePage> = amendments
            .amendments
            .iter()
            .flat_map(|a| a.form.evidence.iter().map(move |e| (a, e)))
            .filter_map(|(a, e)| {
                let cited = ardesk_domain::amend::cited_page(&e.locator)?;
                let pages = *pages_of.get(&e.item_id)?;
                let report = checklist.iter().find(|c| c.id == e.item_id)?.title.clone();
                (usize::try_from(cited).ok()? > pages).then(|| EvidencePage {
                    section: a.form.section.clone(),
                    report,
                    cited,
                    pages,
                })
            })
            .collect();
        let timeline = ctx.timeline.as_ref();
        let due = |id: MilestoneId| timeline.and_then(|t| t.get(id)).map(|m| m.due);
        let review_deadline = due(MilestoneId::T02);
        let transfer_by = due(MilestoneId::T16)
            .or_else(|| due(MilestoneId::T17))
            .map(|d| ardesk_domain::calendar::sub_days(d, 84));
        let files: Vec<PlannedFile> = planned.iter().map(|p| p.file.clone()).collect();
        let amend_sections = sections_in_order(
            values.iter().filter(|(_, v)| !v.trim().is_empty()).filter_map(|(k, _)| k.strip_prefix("amend.")),
        );
        let flag = |key: &str| values.get(key).is_some_and(|v| v == "true");
        let requests: Vec<&str> = [
            ("request.reassessment", "reassessment"),
            ("request.funding", "funding"),
            ("request.placement", "placement"),
            ("personal_budget.requested", "personal_budget"),
        ]
        .into_iter()
        .filter_map(|(key, code)| flag(key).then_some(code))
        .collect();
        let facts = BundleFacts {
            profile,
            looked_after: r.looked_after,
            pfa: ar1.pfa_required,
            ar1_problems: ar1.problems.iter().map(|p| (p.field.clone(), p.message.clone())).collect(),
            recommends_amend: recommendation.as_deref() == Some("amend"),
            requests_funding: flag("request.funding"),
            requests_placement: flag("request.placement"),
            requests_reassessment: flag("request.reassessment"),
            personal_budget: flag("personal_budget.in_place") || flag("personal_budget.requested"),
            amendments: amendments.amendments.len(),
            amended_sections: sections_in_order(
                amendments.amendments.iter().map(|a| a.form.section.as_str()),
            ),
            ar1_amend_sections: amend_sections.clone(),
            evidence_missing,
            evidence_pages,
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
                        who: i.invitee.described(),
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
            export_profile: self.profile_on(&r.la_id, today)?,
            ncy: nc_year(r.dob, r.ncy_offset, meeting),
            today,
            files: &files,
        };
        let overrides = self.store.bundle_overrides(ctx.review)?;
        let findings: Vec<(Finding, Option<String>)> = validate(&facts)
            .into_iter()
            .map(|f| {
                let reason = overrides
                    .iter()
                    .find(|o| o.rule == f.rule && o.message == f.message)
                    .filter(|_| can_override(&f))
                    .map(|o| o.reason.clone());
                (f, reason)
            })
            .collect();

        for (n, p) in planned.iter_mut().enumerate() {
            p.entry = entry_name(n + 1, &p.file.code, &p.file.ext);
        }
        let school = self.store.school()?;
        let manifest = Manifest {
            schema_version: MANIFEST_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            la_profile: ManifestProfile { id: profile.id.clone(), version: profile.version },
            school: school.as_ref().map(|s| ManifestSchool {
                name: s.name.clone(),
                urn: Some(s.urn.clone()).filter(|u| !u.trim().is_empty()),
            }),
            child: ManifestChild {
                initials: initials(r),
                la_ref: r.la_ref.clone(),
                dob: iso(r.dob),
                looked_after: r.looked_after,
                year9_plus: nc_year(r.dob, r.ncy_offset, meeting) >= 9,
                upn: r.upn.as_ref().map(|u| u.as_str().to_owned()),
                need_types: r.need_types.iter().map(|n| n.code.to_owned()).collect(),
            },
            review: ManifestReview {
                meeting_date: iso(meeting),
                review_type: convert::review_type(self.store.review_type(ctx.review)?),
                recommendation: recommendation.clone(),
                amendments_proposed: !amendments.amendments.is_empty(),
                sections_to_amend: amend_sections.clone(),
                requests: requests.iter().map(|r| (*r).to_owned()).collect(),
                review_deadline: review_deadline.map(iso),
                phase_transfer_by: transfer_by.map(iso),
            },
            files: planned
                .iter()
                .map(|p| ManifestFile {
                    name: p.entry.clone(),
                    category: p.file.code.clone(),
                    title: p.file.title.clone(),
                    sha256: sha256_hex(&p.bytes),
                    size: p.file.size,
                    source: p.file.source.code().to_owned(),
                })
                .collect(),
            // Known once the index is rendered, when the bundle is written.
            index: None,
            validation: findings
                .iter()
                .map(|(f, reason)| ManifestFinding {
                    rule: f.rule.to_owned(),
                    severity: convert::severity(f.severity).code().to_owned(),
                    document: f.document.clone(),
                    message: f.message.clone(),
                    override_reason: reason.clone(),
                })
                .collect(),
            generated_at: self.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        let ncy = nc_year(r.dob, r.ncy_offset, meeting);
        let index = IndexDoc {
            la_name: profile.name.clone(),
            school_name: school.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            school: school.as_ref().map_or_else(Vec::new, |s| {
                [
                    ("URN", s.urn.clone()),
                    ("Contact", format!("{}, {}", s.senco_name, s.senco_role)),
                    ("Telephone", s.phone.clone()),
                    ("Email", s.email.clone()),
                ]
                .into_iter()
                .filter(|(_, v)| !v.trim().trim_matches(',').trim().is_empty())
                .map(|(l, v)| (l.to_owned(), v))
                .collect()
            }),
            facts: [
                Some(("Child or young person".to_owned(), initials(r))),
                Some(("Year group".to_owned(), ardesk_domain::ncy::label(ncy))),
                r.la_ref.clone().map(|reference| (format!("{} reference", profile.name), reference)),
                Some(("Meeting".to_owned(), long(meeting))),
                due(MilestoneId::T11).map(|d| ("Record due with the LA".to_owned(), long(d))),
                due(MilestoneId::T12).map(|d| ("LA decision due".to_owned(), long(d))),
            ]
            .into_iter()
            .flatten()
            .collect(),
            attendance: attendance_lines(&invitees),
            recommendation: match recommendation.as_deref() {
                Some("maintain") => "Maintain the plan unchanged.",
                Some("amend") => "Amend the plan (see the proposed amendments).",
                Some("cease") => "Cease to maintain the plan.",
                _ => "No recommendation recorded.",
            }
            .to_owned(),
            sections_to_amend: match amend_sections.as_slice() {
                [] => String::new(),
                [one] => format!("Section {one}"),
                [init @ .., last] => format!("Sections {} and {last}", init.join(", ")),
            },
            requests: requests
                .iter()
                .map(|r| match *r {
                    "reassessment" => "a reassessment",
                    "funding" => "a change of funding",
                    "placement" => "a change of placement",
                    _ => "a Personal Budget",
                })
                .collect::<Vec<_>>()
                .join("; "),
            child: initials(r),
            la_reference: r.la_ref.clone().unwrap_or_default(),
            files: planned
                .iter()
                // Pages of the PDFs (a Word file's depend on the program that opens it).
                .map(|p| {
                    let pages = p.pages.map(|n| n.to_string()).unwrap_or_default();
                    (p.entry.clone(), p.file.title.clone(), pages, p.file.source.code().to_owned())
                })
                .collect(),
            created: self.clock.now(),
        };
        // The LA's channel as it is on the day the bundle goes.
        let sending = self.profile_on(&r.la_id, today)?;
        Ok(Plan {
            child_id: ctx.child.id.0,
            name,
            how_to_send: how_to_send(sending),
            subject: email_subject(
                &sending.submission.subject_pattern,
                &initials(r),
                &App::la_reference(&ctx),
            ),
            files: planned,
            findings,
            manifest,
            index,
        })
    }

    /// The bundle as it would be exported now: its files, every finding, and whether it is blocked.
    pub fn bundle_check(&self, review: i64) -> Result<BundleCheckDto, AppError> {
        let plan = self.plan_bundle(review)?;
        Ok(BundleCheckDto {
            review_id: review,
            child_id: plan.child_id,
            blocked: blocked(&plan.findings),
            name: plan.name,
            how_to_send: plan.how_to_send,
            subject: plan.subject,
            files: plan
                .files
                .iter()
                .map(|p| BundleFileDto {
                    name: p.entry.clone(),
                    title: format!("{} ({})", p.file.title, p.file.original_name),
                    source: convert::file_source(p.file.source),
                    size: p.file.size,
                    verdict: convert::verdict_code(&p.file.verdict),
                    detail: p.file.verdict_detail.clone(),
                })
                .collect(),
            findings: plan
                .findings
                .iter()
                .map(|(f, reason)| FindingDto {
                    rule: f.rule.to_owned(),
                    severity: convert::severity(f.severity),
                    document: f.document.clone(),
                    message: f.message.clone(),
                    fix: f.fix.clone(),
                    fix_at: fix_at(f),
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
        let ctx = self.review_ctx_to_change(review)?;
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
        let ctx = self.review_ctx(review)?;
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
                .filter(|(f, reason)| unanswered(f, reason.as_deref()))
                .map(|(f, _)| {
                    let fix = if f.severity == Severity::Warn {
                        format!(
                            "{} Or record why it stands: the reason goes to the LA in the manifest.",
                            f.fix
                        )
                    } else {
                        f.fix.clone()
                    };
                    Problem::block("bundle", format!("{}: {}", f.rule, f.message), fix)
                })
                .collect();
            return Err(AppError {
                code: ErrorCode::Conflict,
                message: format!(
                    "The bundle cannot be exported yet: {} problem(s) to fix, or warning(s) to give a reason for.",
                    problems.len()
                ),
                problems,
            });
        }
        let index = render_index_pdf(&plan.index)
            .map_err(|e| AppError::new(ErrorCode::Storage, format!("The index could not be written: {e}")))?;
        // The index is checked as every file is: its hash and size in the manifest.
        let mut manifest = plan.manifest.clone();
        manifest.index = Some(ManifestIndex {
            sha256: sha256_hex(&index),
            size: u64::try_from(index.len()).unwrap_or(u64::MAX),
        });
        let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The manifest could not be written: {e}"))
        })?;
        let mut entries: Vec<(&str, &[u8])> = vec![(MANIFEST, &manifest), (INDEX, &index)];
        entries.extend(plan.files.iter().map(|p| (p.entry.as_str(), p.bytes.as_slice())));
        write_zip_atomically_via(path, &entries, |f| f, progress)?;
        Ok(entries.iter().map(|(n, _)| (*n).to_owned()).collect())
    }
}

/// A file for the bundle as the rules see it, from its bytes: the scan's verdict (against
/// `limit`), its type as found in its content, credential-like text, what marks it as a
/// safeguarding record, and tracked changes or comments left in a Word document. The
/// school's check and the LA's both read files through this, so they see a file the same way.
/// Other pupils named in it (V13) are for the school alone to find, from its caseload: the
/// scan is returned for that (`Scan::readable_text`), and `other_pupil` is left empty.
pub(crate) fn scanned_file(
    code: &str,
    title: String,
    original_name: String,
    ext: &str,
    source: Source,
    bytes: &[u8],
    limit: u64,
) -> (PlannedFile, ardesk_intake::Scan) {
    let scan = ardesk_intake::scan(bytes, limit);
    let review_marks = scan.file_type == Some(ardesk_intake::FileType::Docx)
        && ardesk_intake::review_marks(bytes).is_some_and(|m| m.revisions || m.comments);
    // The type the rules judge (V14) is the one found in the content, not the name's: a
    // program named report.pdf is not a PDF.
    let ext = ardesk_intake::judged_extension(scan.file_type, ext);
    let file = PlannedFile {
        code: code.to_owned(),
        title,
        original_name,
        ext: ext.to_owned(),
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        source,
        verdict: scan.verdict.code().to_owned(),
        verdict_detail: scan.verdict.detail().to_owned(),
        active: scan.verdict.active(),
        credentials: scan.credentials.clone(),
        other_pupil: None,
        review_marks,
        safeguarding: scan.safeguarding.clone(),
    };
    (file, scan)
}

/// Whether the bundle may not be exported yet: a problem that blocks it stands, or a warning has
/// no recorded reason (spec §8.5: a warning is overridden with a reason, which the manifest
/// carries). A warning is answered by fixing it or by saying why it stands.
fn blocked(findings: &[(Finding, Option<String>)]) -> bool {
    findings.iter().any(|(f, reason)| unanswered(f, reason.as_deref()))
}

fn unanswered(f: &Finding, reason: Option<&str>) -> bool {
    matches!(f.severity, Severity::Block | Severity::Warn) && reason.is_none()
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

/// Who took part in the meeting, grouped by how, for the index sheet: ("Attended", "Pat
/// Example (Mother); Head teacher"), ("Written contribution only", …)….
fn attendance_lines(invitees: &[ardesk_store::StoredInvitee]) -> Vec<(String, String)> {
    use ardesk_domain::review::Attendance;
    [
        ("Attended", &[Attendance::InPerson, Attendance::Virtual][..]),
        ("Written contribution only", &[Attendance::Written][..]),
        ("Sent apologies", &[Attendance::Apologies][..]),
        ("Did not attend", &[Attendance::Absent][..]),
        ("Not recorded", &[Attendance::Unknown][..]),
    ]
    .into_iter()
    .filter_map(|(how, kinds)| {
        let who: Vec<String> = invitees
            .iter()
            .filter(|i| kinds.contains(&i.attendance))
            .map(|i| i.invitee.described())
            .collect();
        (!who.is_empty()).then(|| (how.to_owned(), who.join("; ")))
    })
    .collect()
}
