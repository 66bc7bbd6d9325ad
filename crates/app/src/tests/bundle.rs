use super::*;

#[test]
fn a_complete_demo_review_exports_a_bundle_that_verifies() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let check = app.bundle_check(review)?;
    assert!(!check.blocked, "{:#?}", check.findings);
    assert!(check.files.iter().all(|f| f.verdict == ardesk_dto::Verdict::Ok), "{:#?}", check.files);
    assert_eq!(check.files.first().map(|f| f.name.as_str()), Some("01_AR1.pdf"));
    assert!(check.files.iter().any(|f| f.name == "02_EHCP-TRACKED.docx"), "{:#?}", check.files);

    // A warning overridden with a reason is exported with it.
    let warning = check.findings.iter().find(|f| f.severity == ardesk_dto::Severity::Warn).cloned();
    if let Some(w) = &warning {
        let after =
            app.override_finding(review, &w.rule, &w.message, "Agreed with the LA officer by phone.")?;
        assert!(after.findings.iter().any(|f| f.message == w.message && f.overridden.is_some()));
    }
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let path = dir.path().join(app.bundle_file_name(review)?);
    assert!(
        path.to_string_lossy().ends_with(".zip") && path.to_string_lossy().contains("AR_RC-EHC-"),
        "{path:?}"
    );
    let seen = std::cell::RefCell::new(Vec::new());
    let written =
        app.export_bundle_reporting(review, &path, &|done, total| seen.borrow_mut().push((done, total)))?;
    assert_eq!(written.first().map(String::as_str), Some("manifest.json"));
    // The LA's check reads it from memory as from the file (the fuzz target's way in); cut short,
    // it cannot be used.
    let las = crate::context::builtin_las()?;
    let bytes = std::fs::read(&path).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let report = crate::verify_reader("bundle.zip".into(), std::io::Cursor::new(&bytes), &las);
    assert!(report.valid, "{:#?}", report.problems);
    let cut =
        crate::verify_reader("bundle.zip".into(), std::io::Cursor::new(&bytes[..bytes.len() / 2]), &las);
    assert!(cut.unusable && !cut.valid, "{cut:#?}");
    // Progress rises to the total, once per file written and once per file read back.
    let seen = seen.into_inner();
    assert_eq!(seen.len(), written.len() * 2);
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0) && seen.last().is_some_and(|(d, t)| d == t),
        "{seen:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left: {leftovers:?}");

    let report = verify_bundle_file(&path)?;
    assert!(report.valid, "{:#?}", report.problems);
    let manifest = report.manifest.ok_or_else(|| AppError::new(ErrorCode::NotFound, "no manifest"))?;
    assert_eq!(manifest.review.recommendation.as_deref(), Some("amend"));
    if let Some(w) = warning {
        assert!(manifest.validation.iter().any(|v| v.message == w.message && v.override_reason.is_some()));
    }

    // Change one byte of one file: verify names it.
    let tampered = dir.path().join("tampered.zip");
    let mut zip = zip::ZipArchive::new(
        std::fs::File::open(&path).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
    )
    .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let mut out = zip::ZipWriter::new(
        std::fs::File::create(&tampered).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
    );
    for i in 0..zip.len() {
        use std::io::{Read, Write};
        let mut entry = zip.by_index(i).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        if name == "01_AR1.pdf"
            && let Some(b) = bytes.get_mut(100)
        {
            *b ^= 0x20;
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        out.write_all(&bytes).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    }
    out.finish().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let report = verify_bundle_file(&tampered)?;
    assert!(
        !report.valid && report.problems.iter().any(|p| p.contains("01_AR1.pdf has been changed")),
        "{:?}",
        report.problems
    );
    let junk = dir.path().join("junk.zip");
    std::fs::write(&junk, b"not a zip").map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    assert!(verify_bundle_file(&junk)?.unusable);
    Ok(())
}

#[test]
fn a_password_protected_report_blocks_the_bundle_and_nothing_is_written() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.get(1).copied().unwrap_or_default();
    let check = app.bundle_check(review)?;
    assert!(check.blocked);
    let v01 = check.findings.iter().find(|f| f.rule == "V01").cloned();
    let v01 = v01.ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("{:#?}", check.findings)))?;
    assert!(
        v01.message.contains("school-report-protected.pdf")
            && !v01.can_override
            && v01.fix_at == ardesk_dto::FixAt::Prep,
        "{v01:?}"
    );
    assert!(
        app.override_finding(review, "V01", &v01.message, "It is fine").is_err(),
        "a block cannot be overridden"
    );
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let refused = app.export_bundle(review, &dir.path().join("bundle.zip"));
    assert!(
        matches!(&refused, Err(e) if e.code == ErrorCode::Conflict && e.problems.iter().any(|p| p.message.starts_with("V01")))
    );
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    Ok(())
}

#[test]
fn another_pupil_named_or_tracked_changes_left_in_a_report_are_warned_about() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let this_child = app.bundle_check(review)?.child_id;
    let other = app
        .children()?
        .into_iter()
        .find(|c| c.id != this_child)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "no other child"))?;
    let items = app.review_prep(review)?.checklist;
    let (first, second) = match items.as_slice() {
        [a, b, ..] => (a.id, b.id),
        _ => return Err(AppError::new(ErrorCode::NotFound, "checklist too short")),
    };
    let note = format!("Notes from the call. {} was also mentioned by the class teacher.\n", other.name);
    app.attach_file(review, first, "call-notes.txt", note.as_bytes())?;
    // A Word document with tracked changes still in it: the amendments document will do.
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let written = app.write_amendments(review, dir.path(), Some("revisions"), LetterFormat::Docx)?;
    let docx = std::fs::read(dir.path().join(&written.files[0]))
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    app.attach_file(review, second, "report-with-changes.docx", &docx)?;
    let check = app.bundle_check(review)?;
    let rules: Vec<(&str, &str)> = check
        .findings
        .iter()
        .filter(|f| f.rule == "V13" || f.rule == "V16")
        .map(|f| (f.rule.as_str(), f.severity.code()))
        .collect();
    assert_eq!(rules, [("V13", "warn"), ("V16", "warn")], "{:#?}", check.findings);
    // Named by initials, never by name: the findings go into the manifest the LA receives.
    let initials: String = other.legal_name.split_whitespace().filter_map(|w| w.chars().next()).collect();
    let v13 = check.findings.iter().find(|f| f.rule == "V13").map(|f| f.message.clone()).unwrap_or_default();
    assert!(v13.contains(&format!("(initials {initials})")), "{v13}");
    assert!(!v13.contains(&other.name) && !v13.contains(&other.legal_name), "{v13}");
    Ok(())
}

/// Rewrites the zip at `from` as `to`, with `entry` replaced by `bytes` and the manifest's hash
/// and size for it made to match: a bundle whose content changed but whose integrity checks pass.
fn replace_entry(
    from: &std::path::Path,
    to: &std::path::Path,
    entry: &str,
    bytes: &[u8],
) -> Result<(), AppError> {
    use std::io::{Read, Write};
    let io = |e: String| AppError::new(ErrorCode::Io, e);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).map_err(|e| io(e.to_string()))?)
        .map_err(|e| io(e.to_string()))?;
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).map_err(|e| io(e.to_string()))?);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| io(e.to_string()))?;
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(|e| io(e.to_string()))?;
        if name == "manifest.json" {
            let mut manifest: ardesk_dto::Manifest =
                serde_json::from_slice(&content).map_err(|e| io(e.to_string()))?;
            for f in manifest.files.iter_mut().filter(|f| f.name == entry) {
                f.sha256 = crate::files::sha256_hex(bytes);
                f.size = u64::try_from(bytes.len()).unwrap_or_default();
            }
            content = serde_json::to_vec_pretty(&manifest).map_err(|e| io(e.to_string()))?;
        } else if name == entry {
            content = bytes.to_vec();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .map_err(|e| io(e.to_string()))?;
        out.write_all(&content).map_err(|e| io(e.to_string()))?;
    }
    out.finish().map_err(|e| io(e.to_string()))?;
    Ok(())
}

/// Issue 13: the school's page said "Ready to export" for bundles that the LA's check of the
/// same zip called invalid (a required SEN support plan or child's views missing). Both sides
/// now run one rule set: every bundle the school can export verifies, and each warning about a
/// required document reads the same on both sides.
#[test]
fn issue_13_the_school_s_check_and_the_la_s_check_of_the_same_zip_agree() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let (mut exported, mut with_missing_documents) = (0, 0);
    let report = ardesk_documents::bundle::render_views_pdf(
        "Educational psychology advice",
        "the child",
        "Synthetic test text: progress in reading is good.",
        chrono::Utc::now(),
    )
    .map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    for review in recorded_reviews(&app)? {
        // The SENCO attaches the reports the proposed changes cite (V06 blocks without them);
        // whatever else the LA requires and is not attached (the support plan, the child's
        // views) is left missing, as it was when the two checks disagreed.
        let attached: Vec<i64> = app
            .review_prep(review)?
            .checklist
            .iter()
            .filter(|c| c.file_name.is_some())
            .map(|c| c.id)
            .collect();
        let cited: Vec<i64> = app
            .amendments(review)?
            .amendments
            .iter()
            .flat_map(|a| a.form.evidence.iter().map(|e| e.item_id))
            .filter(|item| !attached.contains(item))
            .collect();
        for item in cited {
            app.attach_file(review, item, "EP advice.pdf", &report)?;
        }
        let check = answer_warnings(&mut app, review)?;
        if check.blocked {
            continue;
        }
        let path = dir.path().join(format!("{review}.zip"));
        app.export_bundle(review, &path)?;
        let report = verify_bundle_file(&path)?;
        assert!(
            report.valid,
            "review {review}: the school exported it, the LA's check says {:#?}",
            report.problems
        );
        let required: Vec<&str> = check
            .findings
            .iter()
            .filter(|f| f.rule == "V10" && f.message.contains(" requires "))
            .map(|f| f.message.as_str())
            .collect();
        for message in &required {
            assert!(
                report.warnings.iter().any(|w| w.contains(message)),
                "review {review}: the school warned \u{201c}{message}\u{201d}; the LA's check says {:#?}",
                report.warnings
            );
        }
        with_missing_documents += usize::from(!required.is_empty());
        exported += 1;
    }
    assert!(
        exported >= 2 && with_missing_documents >= 1,
        "{exported} exported, {with_missing_documents} lacking a document"
    );
    Ok(())
}

/// The LA's check applies the rules to the files as they are in the zip, not to what the
/// manifest claims: a report swapped for a password-protected one, with the manifest's hash
/// made to match, is caught by the same V01 rule the school's check has.
#[test]
fn a_bundle_changed_after_export_is_held_to_the_school_s_rules() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let path = dir.path().join("bundle.zip");
    let written = app.export_bundle(review, &path)?;
    assert!(verify_bundle_file(&path)?.valid);
    let report = written
        .iter()
        .find(|n| n.contains("SCHOOLREPORT"))
        .cloned()
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no school report in {written:?}")))?;
    let protected = include_bytes!("../../demo/protected-report.pdf");
    let swapped = dir.path().join("swapped.zip");
    replace_entry(&path, &swapped, &report, protected)?;
    let verdict = verify_bundle_file(&swapped)?;
    assert!(!verdict.valid && !verdict.unusable, "{verdict:#?}");
    assert!(
        verdict.problems.iter().any(|p| p.starts_with("V01: ") && p.contains(&report)),
        "{:#?}",
        verdict.problems
    );
    Ok(())
}

/// Issue 15 item 12: V09 asks for the costed provision map a funding request needs and says how
/// to add it; added to the checklist and attached, it satisfies V09; an interim review goes to
/// the LA as one (`review_type` in the manifest), which the LA's check accepts; the email's
/// subject has the initials and the reference, never the name.
#[test]
fn issue_15_a_costed_provision_map_added_by_hand_satisfies_v09() -> Result<(), AppError> {
    use ardesk_dto::{AddableDocument, ChecklistDocumentForm, ReviewType};
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    app.save_ar1_field(review, "request.funding", "true")?;
    let check = app.bundle_check(review)?;
    let v09 = check.findings.iter().find(|f| f.rule == "V09").cloned();
    assert!(
        v09.as_ref().is_some_and(|f| f.fix.starts_with("Add a costed provision map to the checklist")
            && f.fix_at == ardesk_dto::FixAt::Prep),
        "{:#?}",
        check.findings
    );

    let form =
        ChecklistDocumentForm { code: Some(AddableDocument::CostedProvisionMap), title: String::new() };
    let prep = app.add_checklist_document(review, form)?;
    let item = prep.checklist.iter().find(|c| c.code == "D07").map(|c| c.id).unwrap_or_default();
    app.attach_file_from(review, item, &fixture("school-report.pdf"))?;
    app.set_review_type(review, Some(ReviewType::Interim))?;
    let check = app.bundle_check(review)?;
    // The costed provision map is there; the LA's request form (D15) is asked for, as a warning.
    let v09: Vec<_> = check.findings.iter().filter(|f| f.rule == "V09").collect();
    assert!(
        v09.len() == 1
            && v09[0].fix.starts_with("Add a request form")
            && v09[0].fix_at == ardesk_dto::FixAt::Prep,
        "{:#?}",
        check.findings
    );
    // A warning stands until a reason is recorded for it (or it is fixed).
    assert!(check.blocked, "{:#?}", check.findings);
    assert!(!answer_warnings(&mut app, review)?.blocked, "{:#?}", check.findings);
    let form = ChecklistDocumentForm {
        code: Some(AddableDocument::RequestForm),
        title: "Top-up funding request".into(),
    };
    let prep = app.add_checklist_document(review, form)?;
    let item = prep.checklist.iter().find(|c| c.code == "D15").map(|c| c.id).unwrap_or_default();
    app.attach_file_from(review, item, &fixture("school-report.pdf"))?;
    let check = app.bundle_check(review)?;
    assert!(!check.findings.iter().any(|f| f.rule == "V09"), "{:#?}", check.findings);
    assert!(check.files.iter().any(|f| f.name.ends_with("_CPM.pdf")), "{:#?}", check.files);
    assert!(check.subject.starts_with("Annual Review") && !check.how_to_send.is_empty(), "{check:?}");
    let name = app.review_prep(review)?.child_name;
    assert!(
        name.split_whitespace().all(|part| !check.subject.contains(part)),
        "{} names {name}",
        check.subject
    );

    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let path = dir.path().join(app.bundle_file_name(review)?);
    answer_warnings(&mut app, review)?;
    app.export_bundle(review, &path)?;
    let report = verify_bundle_file(&path)?;
    assert!(report.valid, "{:#?}", report.problems);
    assert_eq!(report.manifest.map(|m| m.review.review_type), Some(ReviewType::Interim));
    Ok(())
}

/// Issue 16: evidence that cites a page its report does not have is warned about (V06), naming
/// the section, the report and its page count (the demo's attached report has one page, as qpdf
/// counts it); citing a page it has is not.
#[test]
fn evidence_citing_a_page_the_report_does_not_have_is_warned_about() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let pages_warning = |app: &App| -> Result<Vec<String>, AppError> {
        Ok(app
            .bundle_check(review)?
            .findings
            .into_iter()
            .filter(|f| f.rule == "V06" && f.message.contains("cites page"))
            .map(|f| f.message)
            .collect())
    };
    assert_eq!(pages_warning(&app)?, Vec::<String>::new(), "the demo cites page 1");
    let amendment = app
        .amendments(review)?
        .amendments
        .into_iter()
        .find(|a| a.form.section == "F")
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "no change to F"))?;
    let mut form = amendment.form.clone();
    for e in &mut form.evidence {
        e.locator = "pp. 7-9".into();
    }
    app.update_amendment(review, amendment.id, form)?;
    let warned = pages_warning(&app)?;
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].starts_with("The change to Section F cites page 9 of the School report"), "{warned:?}");
    assert!(warned[0].ends_with("which has 1 page."), "{warned:?}");
    Ok(())
}

/// Records a reason for every warning of the review's bundle check, as a SENCO would before
/// exporting, and returns the check after.
pub(super) fn answer_warnings(app: &mut App, review: i64) -> Result<ardesk_dto::BundleCheckDto, AppError> {
    let check = app.bundle_check(review)?;
    for f in
        check.findings.iter().filter(|f| f.severity == ardesk_dto::Severity::Warn && f.overridden.is_none())
    {
        app.override_finding(review, &f.rule, &f.message, "Agreed with the LA's caseworker by phone.")?;
    }
    app.bundle_check(review)
}

#[test]
fn a_warning_without_a_reason_stops_the_export_until_one_is_recorded() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    // A review whose check finds warnings and nothing that blocks it.
    let only_warned = |check: &ardesk_dto::BundleCheckDto| {
        let is = |s: ardesk_dto::Severity| {
            check.findings.iter().any(|f| f.severity == s && f.overridden.is_none())
        };
        is(ardesk_dto::Severity::Warn) && !is(ardesk_dto::Severity::Block)
    };
    let mut found = None;
    for review in recorded_reviews(&app)? {
        if only_warned(&app.bundle_check(review)?) {
            found = Some(review);
            break;
        }
    }
    let review = found.unwrap_or_else(|| unreachable!("no demo review with warnings only"));
    assert!(app.bundle_check(review)?.blocked, "an unanswered warning stops the export");
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let path = dir.path().join("b.zip");
    let refused = app.export_bundle(review, &path).err().unwrap_or_else(|| unreachable!("exported"));
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.problems.iter().any(|p| p.hint.contains("Or record why it stands")), "{refused:?}");
    assert!(!path.exists());
    let check = answer_warnings(&mut app, review)?;
    assert!(!check.blocked, "{:#?}", check.findings);
    app.export_bundle(review, &path)?;
    let report = verify_bundle_file(&path)?;
    let reasons: Vec<String> = report
        .manifest
        .map(|m| m.validation.iter().filter_map(|f| f.override_reason.clone()).collect())
        .unwrap_or_default();
    assert!(reasons.iter().any(|r| r == "Agreed with the LA's caseworker by phone."), "{reasons:?}");
    Ok(())
}

/// Issue 18 item 6: the bundle judges a file by what it is and what it says: a text file named
/// like a PDF is a .txt to V14, and a safeguarding export is V03, blocked where the LA forbids
/// such records (D17), whatever it is called.
#[test]
fn a_file_is_judged_by_its_content_not_its_name() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let item = app.review_prep(review)?.checklist.first().map(|c| c.id).unwrap_or_default();
    app.attach_file(
        review,
        item,
        "School report.pdf",
        b"Exported from CPOMS on 01/12/2026.\nIncident log follows.\n",
    )?;
    let check = app.bundle_check(review)?;
    let about = |rule: &str| -> Vec<(ardesk_dto::Severity, String)> {
        check
            .findings
            .iter()
            .filter(|f| f.rule == rule && f.message.contains("School report.pdf"))
            .map(|f| (f.severity, f.message.clone()))
            .collect()
    };
    let v14 = about("V14");
    assert!(
        v14.iter().any(|(s, m)| *s == ardesk_dto::Severity::Block && m.contains("is a .txt file")),
        "{v14:?}"
    );
    let v03 = about("V03");
    assert!(v03.iter().any(|(s, m)| *s == ardesk_dto::Severity::Block && m.contains("CPOMS")), "{v03:?}");
    assert!(check.blocked);
    Ok(())
}
