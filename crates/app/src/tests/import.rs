//! Issue 14: pupils imported from the school's MIS (tests/fixtures/pupils, made by make.py with
//! its own expected.json), previewed, written, imported again, and refused when hostile.

use std::path::{Path, PathBuf};

use ardesk_dto::{ContactMethod, ErrorDto, ParentForm};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pupils").join(name)
}

fn upns(rows: &[ardesk_dto::ImportedPupilRow]) -> Vec<&str> {
    rows.iter().map(|r| r.upn.as_str()).collect()
}

/// A copy of the CTF with `edit` applied, in `dir`.
fn edited_ctf(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(fixture("ctf25.xml")).unwrap_or_default();
    let path = dir.join("ctf25-next.xml");
    std::fs::write(&path, edit(text)).unwrap_or_else(|e| unreachable!("{e}"));
    path
}

#[test]
fn issue_14_a_ctf_is_previewed_then_written_with_the_parents_and_their_court_order() -> Result<(), AppError> {
    let mut app = app();
    let preview = app.preview_pupil_file(&fixture("ctf25.xml"), Some("kent"))?;
    assert!(!preview.written);
    assert_eq!(upns(&preview.added), ["K999999914001", "Z999999914002", "J999999914008"]);
    let skipped: Vec<(Option<&str>, usize)> =
        preview.skipped.iter().map(|s| (s.upn.as_deref(), s.row)).collect();
    assert_eq!(
        skipped,
        [
            (Some("N999999914003"), 3),
            (Some("C999999914004"), 4),
            (Some("R999999914005"), 5),
            (Some("F999999914006"), 6),
            (Some("W999999914007"), 7)
        ]
    );
    assert!(preview.skipped[0].reason.contains("SEN support"), "{}", preview.skipped[0].reason);
    assert_eq!(preview.la_name, "Kent");
    assert!(app.caseload()?.is_empty(), "a preview writes nothing");

    let done = app.confirm_pupil_import()?;
    assert!(done.written);
    let pupils = app.pupils()?;
    assert_eq!(pupils.len(), 3);
    let juniper = pupils.iter().find(|p| p.upn.as_deref() == Some("K999999914001"));
    let juniper = juniper.unwrap_or_else(|| unreachable!("Juniper was not imported"));
    assert_eq!(
        (juniper.legal_forenames.as_str(), juniper.preferred_name.as_deref()),
        ("Juniper", Some("Juno"))
    );
    // The CTF lists SLCN (rank 2) before ASD (rank 1): the primary need comes first.
    assert_eq!(juniper.need_types, ["ASD", "SLCN"]);
    let parents: Vec<(&str, bool)> =
        juniper.parents.iter().map(|p| (p.name.as_str(), p.court_order)).collect();
    assert_eq!(parents.len(), 2, "{parents:?}");
    assert!(parents.contains(&("Mr Barnaby Testwhistle", true)), "{parents:?}");
    assert!(parents.iter().any(|(n, court)| n.contains("Marigold") && !court), "{parents:?}");
    let sorrel = pupils.iter().find(|p| p.upn.as_deref() == Some("J999999914008"));
    assert_eq!(
        sorrel.map(|p| p.parents.len()),
        Some(0),
        "a contact without parental responsibility is not a parent"
    );
    // Each new child has a review in planning, and the import is one audited action.
    assert!(app.caseload()?.iter().all(|r| r.stage == ardesk_dto::Stage::Planning));
    Ok(())
}

#[test]
fn issue_14_a_second_import_changes_what_the_mis_changed_and_keeps_what_the_senco_typed()
-> Result<(), AppError> {
    let mut app = app();
    app.import_pupil_file(&fixture("ctf25.xml"), Some("kent"), false)?;
    let again = app.import_pupil_file(&fixture("ctf25.xml"), Some("kent"), false)?;
    assert_eq!(upns(&again.unchanged).len(), 3, "{again:?}");
    assert!(again.added.is_empty() && again.updated.is_empty());

    // The SENCO changes Juniper's preferred name and Marigold's email.
    let juniper = app.caseload()?.into_iter().find(|r| r.name.contains("Testwhistle")).map(|r| r.child_id);
    let juniper = juniper.unwrap_or_default();
    let mut form = app.child(juniper)?.form;
    form.preferred_name = "June".into();
    app.update_child(juniper, form)?;
    let marigold = app.child(juniper)?.parents.into_iter().find(|p| p.name.contains("Marigold"));
    let marigold = marigold.unwrap_or_else(|| unreachable!("no Marigold"));
    let typed = ParentForm { email: "typed.by.senco@example.org".into(), ..marigold.form.clone() };
    app.update_parent(juniper, marigold.id, typed)?;

    // The MIS changes her legal surname, her preferred name and Marigold's email.
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let next = edited_ctf(dir.path(), |t| {
        t.replacen("<Surname>Testwhistle</Surname>", "<Surname>Testwhistle-Brown</Surname>", 1)
            .replace(
                "<PreferredForename>Juno</PreferredForename>",
                "<PreferredForename>Junie</PreferredForename>",
            )
            .replace("marigold.testwhistle@example.org", "marigold.new@example.org")
    });
    let report = app.import_pupil_file(&next, Some("kent"), false)?;
    assert_eq!(upns(&report.updated), ["K999999914001"], "{report:?}");
    let detail = app.child(juniper)?;
    assert_eq!(detail.form.legal_surname, "Testwhistle-Brown", "the MIS's change is taken");
    assert_eq!(detail.form.preferred_name, "June", "the SENCO's preferred name is kept");
    let marigold = detail.parents.iter().find(|p| p.name.contains("Marigold"));
    assert_eq!(marigold.and_then(|p| p.email.as_deref()), Some("typed.by.senco@example.org"));
    let changes = report.updated[0].changes.join("\n");
    assert!(changes.contains("kept yours"), "{changes}");
    assert_eq!(detail.parents.len(), 2, "nobody is added twice or deleted");

    // A parent the SENCO added by hand is never removed by an import.
    let aunt = ParentForm {
        name: "Ada Testperson".into(),
        relationship: "Aunt".into(),
        email: "ada@example.org".into(),
        preferred_contact: Some(ContactMethod::Email),
        ..ParentForm::default()
    };
    app.add_parent(juniper, aunt)?;
    app.import_pupil_file(&next, Some("kent"), false)?;
    assert_eq!(app.child(juniper)?.parents.len(), 3);
    Ok(())
}

#[test]
fn issue_14_a_hostile_or_broken_pupil_file_is_refused_and_changes_nothing() -> Result<(), AppError> {
    let mut app = app();
    app.import_pupil_file(&fixture("ctf25.xml"), Some("kent"), false)?;
    let before = app.pupils()?;
    for name in [
        "hostile-entity-bomb.xml",
        "hostile-external-entity.xml",
        "hostile-truncated.xml",
        "hostile-not-xml.xml",
    ] {
        let refused = app.import_pupil_file(&fixture(name), Some("kent"), false);
        let e = refused.err().map(ErrorDto::from).unwrap_or_else(|| unreachable!("{name} was imported"));
        assert_eq!(e.code, ErrorCode::Validation, "{name}: {e:?}");
        assert_eq!(e.problems.len(), 1, "{name}: one clear reason: {e:?}");
        assert!(e.problems[0].message.contains(name), "{name}: the message names the file: {e:?}");
    }
    assert_eq!(app.pupils()?, before, "nothing was changed");
    assert!(app.confirm_pupil_import().is_err(), "a refused file leaves nothing to confirm");
    Ok(())
}

#[test]
fn issue_14_a_csv_report_is_read_and_its_columns_can_be_mapped() -> Result<(), AppError> {
    let mut app = app();
    let preview = app.preview_pupil_file(&fixture("arbor.csv"), Some("kent"))?;
    assert!(!preview.columns.is_empty());
    let unread: Vec<&str> =
        preview.columns.iter().filter(|c| c.field.is_none()).map(|c| c.header.as_str()).collect();
    assert!(unread.contains(&"Main Carer"), "{unread:?}");
    // The SENCO says "Main Carer" is contact 1's name.
    let mut columns = preview.columns.clone();
    for c in &mut columns {
        if c.header == "Main Carer" {
            c.field = Some("Contact 1 name".into());
        }
    }
    let mapped = app.map_pupil_columns(columns)?;
    let field = mapped.columns.iter().find(|c| c.header == "Main Carer").and_then(|c| c.field.clone());
    assert_eq!(field.as_deref(), Some("Contact 1 name"));
    assert!(!mapped.added.is_empty());
    let written = app.confirm_pupil_import()?;
    assert_eq!(app.pupils()?.len(), written.added.len());
    Ok(())
}
