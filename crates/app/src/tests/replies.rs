//! The LA's replies drafted from its register (issue 19): the school's "returned for
//! completion", and each decision to the family with the deadlines and rights the law gives.
//! The rows are as the register lists a review typed at another school (initials, the LA's
//! reference, the sections the school proposes to amend), not the demo's.

use ardesk_domain::replies::Outcome;
use ardesk_dto::{ReceivedRow, ReceivedVerdict, ReplyForm};
use chrono::{NaiveDate, TimeZone, Utc};

use super::docx_text;
use crate::replies::{Reply, draft_reply};
use crate::{AppError, ErrorCode};

fn received(verdict: ReceivedVerdict) -> ReceivedRow {
    ReceivedRow {
        file: "/intake/2026-12-03/RT.zip".into(),
        verdict,
        la_profile: Some("stockton".into()),
        la_code: Some("808".into()),
        child_initials: Some("RT".into()),
        upn: Some("A123456789012".into()),
        need_types: vec!["SLCN".into(), "ASD".into()],
        la_ref: Some("ST-EHC-2291".into()),
        school_name: Some("Harbour View Primary".into()),
        school_urn: Some("100001".into()),
        meeting_date: Some("2026-11-24".into()),
        received: "2026-12-01".into(),
        decision_due: Some("2026-12-22".into()),
        review_deadline: Some("2027-03-31".into()),
        phase_transfer_by: None,
        days_left: Some(19),
        recommendation: Some("amend".into()),
        sections_to_amend: vec!["F".into(), "I".into()],
        requests: Vec::new(),
        looked_after: Some(false),
        missing: Vec::new(),
        file_findings: Vec::new(),
        found: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        replied: None,
        replied_on: None,
    }
}

fn text_of(dir: &std::path::Path, files: &[String]) -> String {
    let docx = files.iter().find(|f| f.ends_with(".docx")).map(|f| dir.join(f));
    // The body's runs, joined: enough to find each sentence.
    let xml = docx.map(|p| docx_text(&p)).unwrap_or_default();
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(open) = rest.find("<w:t") {
        let after = &rest[open..];
        let Some(start) = after.find('>') else { break };
        let Some(end) = after.find("</w:t>") else { break };
        text.push_str(&after[start + 1..end]);
        text.push(' ');
        rest = &after[end..];
    }
    text.replace("&apos;", "'")
}

const TODAY: (i32, u32, u32) = (2026, 12, 3);

fn draft(
    row: &ReceivedRow,
    reply: Reply,
    family: &ReplyForm,
    out: &std::path::Path,
) -> Result<Vec<String>, AppError> {
    let today = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap_or_default();
    let now = Utc.with_ymd_and_hms(TODAY.0, TODAY.1, TODAY.2, 9, 0, 0).single().unwrap_or_default();
    let las = crate::builtin_las()?;
    draft_reply(row, reply, family, &crate::Drafting { las: &las, la: None, out, today, now })
}

#[test]
fn each_decision_is_drafted_for_the_family_with_its_deadlines_and_rights() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let row = received(ReceivedVerdict::Valid);
    let family = ReplyForm {
        recipient: "Ms Jo Testcase".into(),
        address: "1 Example Row\nStockton-on-Tees\nTS1 1AA".into(),
        child_name: "Robin".into(),
        ..ReplyForm::default()
    };
    // Proposed amendments: the sections in words, 15 days from the letter, the final plan's date.
    let files = draft(&row, Reply::Decision(Outcome::Amend), &family, dir.path())?;
    assert_eq!(files, ["decision-amend-RT-2026-11-24.docx", "decision-amend-RT-2026-11-24.pdf"]);
    let text = text_of(dir.path(), &files);
    for words in [
        "Ms Jo Testcase",
        "TS1 1AA",
        "Dear Ms Jo Testcase",
        "Robin's annual review",
        "ST-EHC-2291",
        "Section F: Special educational provision",
        "Section I: Placement",
        "until Thursday 17 December 2026",
        "by Thursday 28 January 2027",
        "Stockton",
    ] {
        assert!(text.contains(words), "the amendment notice lacks {words:?}: {text}");
    }
    // Kept, minor changes noted, ceased: each with the appeal, mediation and its deadline.
    for outcome in [Outcome::Maintained, Outcome::MinorNoted, Outcome::Cease] {
        let files = draft(&row, Reply::Decision(outcome), &family, dir.path())?;
        let text = text_of(dir.path(), &files);
        for words in ["SEND Tribunal", "by Wednesday 3 February 2027", "mediation certificate", "SENDIASS"] {
            assert!(text.contains(words), "{outcome:?} lacks {words:?}: {text}");
        }
    }
    // Without the family's details the letter leaves a marked place, and names the child by
    // initials; a second draft of the same reply is written beside the first, never over it.
    let files = draft(&row, Reply::Decision(Outcome::Maintained), &ReplyForm::default(), dir.path())?;
    assert_eq!(files[0], "decision-maintain-RT-2026-11-24-2.docx");
    let text = text_of(dir.path(), &files);
    assert!(
        text.contains("[Name and address from the case record]") && text.contains("Dear Parent or carer"),
        "{text}"
    );
    assert!(text.contains("RT's annual review"), "{text}");
    Ok(())
}

#[test]
fn a_review_with_problems_is_returned_to_the_school_and_not_decided() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let mut row = received(ReceivedVerdict::Problems);
    row.problems = vec!["V01: the school report has a password".into()];
    row.missing = vec!["Child's views".into()];
    let refused = draft(&row, Reply::Decision(Outcome::Maintained), &ReplyForm::default(), dir.path());
    assert!(matches!(&refused, Err(e) if e.message.contains("return it to the school")), "{refused:?}");
    let files = draft(&row, Reply::Returned, &ReplyForm::default(), dir.path())?;
    let text = text_of(dir.path(), &files);
    for words in [
        "The SENCO",
        "Harbour View Primary",
        "The school report has a password.",
        "Child's views is required",
    ] {
        assert!(text.contains(words), "the return lacks {words:?}: {text}");
    }
    // A valid review is not returned.
    let refused =
        draft(&received(ReceivedVerdict::Valid), Reply::Returned, &ReplyForm::default(), dir.path());
    assert!(matches!(&refused, Err(e) if e.code == ErrorCode::Conflict), "{refused:?}");
    Ok(())
}

/// The desk remembers what it drafted: the folder opened again the next day shows the reply on
/// its review, and the "no reply yet" list leaves it out.
#[test]
fn a_reply_drafted_is_remembered_when_the_folder_is_opened_again() -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::new(ErrorCode::Io, e.to_string());
    let mut app = super::app();
    app.load_demo(ardesk_domain::demo::STANDARD_SIZE)?;
    let review = super::recorded_reviews(&app)?.first().copied().unwrap_or_default();
    super::bundle::answer_warnings(&mut app, review)?;
    let dir = tempfile::tempdir().map_err(io)?;
    let received = dir.path().join("received");
    let replies = dir.path().join("replies");
    std::fs::create_dir_all(&received).map_err(io)?;
    std::fs::create_dir_all(&replies).map_err(io)?;
    app.export_bundle(review, &received.join(app.bundle_file_name(review)?))?;

    let rows = app.receive_folder(&received, Some("redcar".into()))?;
    assert!(
        matches!(rows.as_slice(), [r] if r.verdict == ReceivedVerdict::Valid && r.replied.is_none()),
        "{rows:#?}"
    );
    let file = rows.first().map(|r| r.file.clone()).unwrap_or_default();
    let form = ReplyForm { file: file.clone(), reply: "maintain".into(), ..ReplyForm::default() };
    let written = app.draft_reply(&form, &replies)?;
    assert_eq!(written.files.len(), 2, "{written:?}");
    // An unknown reply, or a row not in the register, is refused and nothing is recorded.
    let bad = app.draft_reply(&ReplyForm { reply: "approve".into(), ..form.clone() }, &replies);
    assert!(
        matches!(&bad, Err(e) if e.message.contains("returned, maintain, minor, amend or cease")),
        "{bad:?}"
    );
    let gone = app.draft_reply(&ReplyForm { file: "elsewhere.zip".into(), ..form.clone() }, &replies);
    assert!(matches!(&gone, Err(e) if e.code == ErrorCode::NotFound), "{gone:?}");

    let again = app.receive_folder(&received, Some("redcar".into()))?;
    let row = again.first();
    assert_eq!(row.and_then(|r| r.replied.as_deref()), Some("maintain"));
    assert_eq!(row.and_then(|r| r.replied_on.as_deref()), Some(super::today().to_string().as_str()));
    // The register saved for a spreadsheet says so too.
    let csv = dir.path().join("register.csv");
    app.save_register(&csv)?;
    let text = std::fs::read_to_string(&csv).map_err(io)?;
    assert!(
        text.lines().next().is_some_and(|h| h.contains("ReplyDrafted")) && text.contains(",maintain,"),
        "{text}"
    );
    Ok(())
}
