//! Issue 17 items 5 and 8: everything held about a typed child exported as one zip with a
//! readable index, and opening a child's record audited.

use std::io::Read;

use ardesk_dto::{ContactMethod, MeetingForm, ParentForm};

use super::*;

const REPORT: &[u8] = include_bytes!("../../../../tests/fixtures/school-report.pdf");

fn zip_entries(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| unreachable!("{e}"));
    let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| unreachable!("{e}"));
    (0..zip.len())
        .filter_map(|i| {
            let mut entry = zip.by_index(i).ok()?;
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).ok()?;
            Some((entry.name().ok()?.into_owned(), bytes))
        })
        .collect()
}

#[test]
fn everything_held_about_a_typed_child_is_in_one_zip_with_a_readable_index() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let mut app = app();
    let child = app.create_child(form())?.id;
    app.add_parent(
        child,
        ParentForm {
            name: "Ada O'Testperson".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            email: "ada@example.org".into(),
            preferred_contact: Some(ContactMethod::Email),
            ..ParentForm::default()
        },
    )?;
    let review = app.current_review(child)?;
    app.set_meeting(
        review,
        MeetingForm { date: "12/01/2027".into(), time: "10:00".into(), venue: "Library".into() },
    )?;
    let prep = app.accept_suggested_invitees(review)?;
    let first = prep.checklist.first().map(|c| c.id).unwrap_or_default();
    let second = prep.checklist.get(1).map(|c| c.id).unwrap_or_default();
    app.record_views(review, first, "Robin likes the <quiet> room & lego.")?;
    app.attach_file(review, second, "Report from school.pdf", REPORT)?;
    app.save_ar1_field(review, "discussion", "Reading has come on well.")?;
    // Issue 20: check-ins and the transition plan are held about the child too.
    app.record_check_in(
        child,
        &ardesk_dto::CheckInForm {
            date: "20/11/2026".into(),
            child_view: "I like the quiet room.".into(),
            ..Default::default()
        },
    )?;
    app.save_receiving_setting(
        child,
        &ardesk_dto::ReceivingSettingForm { setting: "Example High School".into(), ..Default::default() },
    )?;

    let out = dir.path().join(app.record_file_name(child)?);
    assert!(out.ends_with("RT-record-2026-11-22.zip"), "{out:?}");
    let audited = app.store.audit_count()?;
    app.export_record(child, &out)?;
    assert_eq!(app.store.audit_count()?, audited + 1, "the export is audited");

    let entries = zip_entries(&out);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let pdf = format!("ar1/review-{review}-record.pdf");
    assert_eq!(names, ["index.html", "record.json", "files/01.pdf", pdf.as_str()]);
    let get =
        |name: &str| entries.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).unwrap_or_default();
    assert_eq!(get("files/01.pdf"), REPORT);
    assert!(get(&pdf).starts_with(b"%PDF-"));

    let json: serde_json::Value = serde_json::from_slice(&get("record.json")).unwrap_or_default();
    assert_eq!(json["child"]["legal_name"], "Robin Testcase");
    assert_eq!(json["child"]["parents"][0]["name"], "Ada O'Testperson");
    assert_eq!(json["reviews"][0]["views"][0][1], "Robin likes the <quiet> room & lego.");
    assert_eq!(json["reviews"][0]["ar1"]["values"]["discussion"], "Reading has come on well.");
    assert_eq!(json["files"][0]["sha256"], crate::files::sha256_hex(REPORT));
    assert_eq!(json["check_ins"][0]["child_view"], "I like the quiet room.");
    assert_eq!(json["transition"]["setting"]["setting"], "Example High School");
    let actions: Vec<&str> = json["audit"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    for done in ["child.create", "parent.add", "checklist.attach", "check_in.recorded", "transition.setting"]
    {
        assert!(actions.contains(&done), "{done} not in {actions:?}");
    }

    let html = String::from_utf8(get("index.html")).unwrap_or_default();
    assert!(html.contains("<h1>Record held about Robin Testcase</h1>"), "{html}");
    assert!(html.contains("Robin likes the &lt;quiet&gt; room &amp; lego."));
    assert!(html.contains("Ada O&#39;Testperson"));
    assert!(html.contains("<a href=\"files/01.pdf\">Report from school.pdf</a>"));
    assert!(html.contains(&format!("<a href=\"{pdf}\">")));
    assert!(html.contains("Check-ins between reviews") && html.contains("Transition plan"));
    Ok(())
}

#[test]
fn opening_a_child_s_record_is_audited_once_while_the_page_reads_it_again() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(form())?.id;
    let before = app.store.audit_count()?;
    app.view_child(child)?;
    app.view_child(child)?;
    assert_eq!(app.store.audit_count()?, before + 1);
    let other = app.create_child(ChildForm { legal_forenames: "Sam".into(), ..form() })?.id;
    app.view_child(other)?;
    app.view_child(child)?;
    assert_eq!(
        app.store.audit_count()?,
        before + 4,
        "Sam created, Sam opened, Robin opened again after another child"
    );
    let rows = app.store.audit_about(&[("child", child)])?;
    assert_eq!(rows.iter().filter(|r| r.action == "child.view").count(), 2);
    Ok(())
}
