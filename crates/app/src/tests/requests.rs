//! Requests to the LA after a review (issue 20 item 1), on a child typed by the SENCO: the
//! meeting on 12 January 2027, the record sent on 20 January, the LA keeping the plan as it is
//! on 29 January; then a reconsideration on a report that came afterwards, and a re-assessment.

use ardesk_dto::{
    AddableDocument, AnswerForm, ChecklistDocumentForm, RequestForm, RequestKind, RequestOutcome,
};

use super::meeting::complete_fields;
use super::*;

fn on(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn fields(e: AppError) -> Vec<&'static str> {
    e.problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn a_request_is_checked_written_with_its_evidence_and_awaited_until_answered() -> Result<(), AppError> {
    let (dir, db) = db_file()?;
    let open = |day: NaiveDate| open_on(&db, day);
    let (review, old_report) = {
        let mut app = open(today())?;
        app.save_school(testbrook())?;
        let (_, review) = typed_child_with_mother(&mut app)?;
        app.accept_suggested_invitees(review)?;
        let prep = app.add_checklist_document(
            review,
            ChecklistDocumentForm {
                code: Some(AddableDocument::Report),
                title: "Speech and language report".into(),
            },
        )?;
        let item = prep.checklist.last().map(|c| c.id).unwrap_or_default();
        app.attach_file_from(review, item, &fixture("school-report.pdf"))?;
        (review, item)
    };
    {
        // The meeting, its record, sent; the LA's decision.
        let mut app = open(on(2027, 1, 20))?;
        for attendee in app.ar1(review)?.attendees {
            app.set_attendance(review, attendee.invitee_id, "in_person")?;
        }
        let outcomes = app.ar1(review)?.outcomes.len();
        for (key, value) in complete_fields(outcomes) {
            app.save_ar1_field(review, &key, &value)?;
        }
        app.mark_ready_to_submit(review)?;
        app.mark_submitted(review, "20/01/2027")?;
    }
    {
        let mut app = open(on(2027, 1, 29))?;
        // Before a decision there is nothing to reconsider.
        let early = RequestForm {
            kind: Some(RequestKind::Reconsideration),
            grounds: "x".into(),
            sent_on: "29/01/2027".into(),
            evidence: vec![old_report],
        };
        let refused = app.make_request(review, &early, dir.path()).err().map(fields);
        assert_eq!(refused, Some(vec!["kind", "evidence"]));
        app.record_decision(
            review,
            ardesk_dto::DecisionForm {
                decision: Some(ardesk_dto::Decision::NoChange),
                date: "29/01/2027".into(),
            },
        )?;
    }
    let mut app = open(on(2027, 2, 8))?;
    let out = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let form = |kind, grounds: &str, evidence: Vec<i64>| RequestForm {
        kind: Some(kind),
        grounds: grounds.into(),
        sent_on: "08/02/2027".into(),
        evidence,
    };
    // The report the LA already had is not new evidence; nothing is written or recorded.
    let grounds =
        "The report shows a language disorder the plan does not address.\nSpeech therapy is needed weekly.";
    let refused =
        app.make_request(review, &form(RequestKind::Reconsideration, grounds, vec![old_report]), out.path());
    assert_eq!(refused.err().map(fields), Some(vec!["evidence"]));
    assert_eq!(std::fs::read_dir(out.path()).map(|d| d.count()).unwrap_or(99), 0);
    assert!(app.la_requests(review)?.requests.is_empty());
    // No grounds, no kind, a date in the future, a document not of this review: all at once.
    let bad =
        RequestForm { kind: None, grounds: " ".into(), sent_on: "09/02/2027".into(), evidence: vec![-1] };
    let mut refused = app.make_request(review, &bad, out.path()).err().map(fields).unwrap_or_default();
    refused.sort_unstable();
    assert_eq!(refused, ["evidence", "grounds", "kind", "sent_on"]);

    // An independent assessment, added and attached after the review went to the LA, is new.
    let prep = app.add_checklist_document(
        review,
        ChecklistDocumentForm {
            code: Some(AddableDocument::Report),
            title: "Independent EP assessment".into(),
        },
    )?;
    let new_report = prep.checklist.last().map(|c| c.id).unwrap_or_default();
    app.attach_file_from(review, new_report, &fixture("report-three-pages.docx"))?;
    let choices = app.la_requests(review)?;
    assert!(choices.decided);
    let new: Vec<(&str, bool)> = choices.evidence.iter().map(|e| (e.title.as_str(), e.new)).collect();
    assert!(
        new.contains(&("Speech and language report", false))
            && new.contains(&("Independent EP assessment", true)),
        "{new:?}"
    );

    let written = app.make_request(
        review,
        &form(RequestKind::Reconsideration, grounds, vec![new_report, old_report]),
        out.path(),
    )?;
    assert_eq!(
        written.files,
        [
            "request-reconsideration-RT-2027-02-08.docx",
            "request-reconsideration-RT-2027-02-08.pdf",
            "request-reconsideration-RT-2027-02-08-evidence-1-D09.docx",
            "request-reconsideration-RT-2027-02-08-evidence-2-D09.pdf",
        ]
    );
    // The documents are the files attached, byte for byte.
    let copied = std::fs::read(out.path().join(&written.files[3])).unwrap_or_default();
    assert_eq!(copied, std::fs::read(fixture("school-report.pdf")).unwrap_or_default());
    let text = docx_text(&out.path().join(&written.files[0]));
    for words in [
        "Robin Testcase",
        "request to reconsider your decision of Friday 29 January 2027",
        "to keep the plan as it is",
        "Speech therapy is needed weekly.",
        "Independent EP assessment (received 8 February 2027)",
        "Speech and language report (received 22 November 2026)",
        "Testbrook Primary",
        // A decision to keep the plan can be appealed within 2 months of its letter: 29 March,
        // Easter Monday, so the clock says the working day before the Easter weekend.
        "nor its deadline of Thursday 25 March 2027",
    ] {
        assert!(text.contains(words), "{words:?} not in the letter");
    }

    // A re-assessment: answer due 15 days after it went.
    app.make_request(
        review,
        &form(RequestKind::Reassessment, "Needs have changed since the plan.", vec![]),
        out.path(),
    )?;
    let panel = app.la_requests(review)?;
    let listed: Vec<(RequestKind, &str, Option<&str>, Vec<String>)> = panel
        .requests
        .iter()
        .map(|r| (r.kind, r.sent_on.as_str(), r.answer_due.as_deref(), r.evidence.clone()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                RequestKind::Reconsideration,
                "8 Feb 2027",
                None,
                vec!["Independent EP assessment".to_owned(), "Speech and language report".to_owned()]
            ),
            (RequestKind::Reassessment, "8 Feb 2027", Some("23 Feb 2027"), vec![]),
        ]
    );
    let ids: Vec<i64> = panel.requests.iter().map(|r| r.id).collect();
    drop(app);

    // On 1 March both still wait; the re-assessment's answer is overdue.
    let mut app = open(on(2027, 3, 1))?;
    let waiting: Vec<(RequestKind, bool)> =
        app.unanswered_requests()?.iter().map(|r| (r.kind, r.overdue)).collect();
    assert_eq!(waiting, [(RequestKind::Reconsideration, false), (RequestKind::Reassessment, true)]);
    let answer =
        |outcome, date: &str| AnswerForm { outcome, date: date.into(), note: "Panel on 24 Feb".into() };
    let refused = app.answer_request(ids[1], &answer(None, "01/02/2027")).err().map(fields);
    assert_eq!(refused, Some(vec!["outcome", "answered_on"]));
    let panel = app.answer_request(ids[1], &answer(Some(RequestOutcome::Refused), "24/02/2027"))?;
    let answered =
        panel.requests.iter().find(|r| r.id == ids[1]).map(|r| (r.outcome, r.answered_on.clone(), r.overdue));
    assert_eq!(answered, Some((Some(RequestOutcome::Refused), Some("24 Feb 2027".to_owned()), false)));
    let waiting: Vec<i64> = app.unanswered_requests()?.iter().map(|r| r.id).collect();
    assert_eq!(waiting, [ids[0]]);
    // A wrong answer is taken back with an empty form.
    app.answer_request(ids[1], &AnswerForm::default())?;
    assert_eq!(app.unanswered_requests()?.len(), 2);

    // The letter is written again as it was sent, dated the day it went.
    let again = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let rewritten = app.write_request_letter(ids[0], again.path())?;
    assert_eq!(rewritten.files.len(), 4);
    assert!(docx_text(&again.path().join(&rewritten.files[0])).contains("8 February 2027"));
    Ok(())
}
