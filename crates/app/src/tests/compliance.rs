//! The compliance report for the head and governors (issue 20 items 6 and 8), on a child typed
//! by the SENCO: invited in time (T07 met); then, weeks after the meeting, nothing circulated,
//! no report sent, no decision (T09, T11, T12 late); a review outside the period is left out.

use super::*;

#[test]
fn each_review_in_the_period_is_judged_on_its_deadlines_and_totalled() -> Result<(), AppError> {
    let (_dir, db) = db_file()?;
    let open = |on: NaiveDate| open_on(&db, on);
    let review = {
        let mut app = open(today())?;
        // Meeting on 12 January 2027: notice due by 29 December, invitations sent 22 November.
        let (_, review) = typed_child_with_mother(&mut app)?;
        app.accept_suggested_invitees(review)?;
        app.mark_invitations_sent(review)?;
        let report = app.compliance_report("01/01/2027", "31/01/2027")?;
        let row = report.rows.first().map(|r| (r.initials.as_str(), [&r.t07, &r.t09, &r.t11, &r.t12]));
        assert_eq!(
            row,
            Some(("RT", [&"met".to_owned(), &"pending".to_owned(), &"pending".into(), &"pending".into()]))
        );
        review
    };
    // Mid-February: the papers never went round (due 29 December), no report reached the LA
    // (due 26 January) and no decision came (due 9 February).
    let app = open(NaiveDate::from_ymd_opt(2027, 2, 15).unwrap_or_default())?;
    let report = app.compliance_report("2027-01-01", "2027-01-31")?;
    assert_eq!(report.rows.len(), 1);
    let row = &report.rows[0];
    assert_eq!((row.review_id, row.meeting.as_str()), (review, "2027-01-12"));
    assert_eq!([&row.t07, &row.t09, &row.t11, &row.t12], ["met", "late", "late", "late"]);
    let totals: Vec<(&str, usize, usize, Option<u32>)> =
        report.totals.iter().map(|t| (t.milestone.as_str(), t.met, t.late, t.percent_met)).collect();
    assert_eq!(
        totals,
        [("T07", 1, 0, Some(100)), ("T09", 0, 1, Some(0)), ("T11", 0, 1, Some(0)), ("T12", 0, 1, Some(0))]
    );
    // The CSV says the same, by initials only.
    let csv = String::from_utf8(crate::compliance_csv(&report)?).unwrap_or_default();
    assert_eq!(
        csv.lines().nth(1),
        Some(format!("2027-01-12,RT,Redcar & Cleveland,met,late,late,late,{review}").as_str())
    );
    assert!(!csv.contains("Robin") && !csv.contains("Testcase"), "{csv}");
    // Another period leaves it out; a period the wrong way round is refused.
    assert!(app.compliance_report("01/02/2027", "28/02/2027")?.rows.is_empty());
    let backwards = app.compliance_report("31/01/2027", "01/01/2027");
    assert!(matches!(&backwards, Err(e) if e.message.contains("ends before it begins")), "{backwards:?}");
    let bad = app.compliance_report("31/02/2027", "01/03/2027");
    assert!(matches!(&bad, Err(e) if e.code == ErrorCode::Validation), "{bad:?}");
    Ok(())
}
