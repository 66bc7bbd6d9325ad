//! Issue 14, item 5: real EHC plans, on each LA's own template. Every layout in `tests/plans/`
//! (made by `tests/plans/make.py`, synthetic text) goes through the real import, and what it
//! finds is compared with the `.json` the script wrote beside it from its own data.

use std::path::{Path, PathBuf};

use ardesk_dto::{PlanImportDto, PlanPartChoice};
use serde_json::Value;

use super::*;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/plans")
}

fn expected_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// What the import found, as the corpus's `.json` says it: section texts by code, the codes
/// not found, and the codes of each group of combined sections.
fn check(found: &PlanImportDto, expected: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let sections = expected["sections"].as_object().cloned().unwrap_or_default();
    for (code, text) in &sections {
        let got = found.sections.iter().find(|s| s.code == *code).map(|s| s.text.as_str());
        if got != text.as_str() {
            wrong.push(format!("{code}: expected {text:?}, found {got:?}"));
        }
    }
    let missing = strings(&expected["missing"]);
    if found.missing != missing {
        wrong.push(format!("missing: expected {missing:?}, found {:?}", found.missing));
    }
    let combined: Vec<Vec<String>> =
        expected["combined"].as_array().map(|a| a.iter().map(strings).collect()).unwrap_or_default();
    let got: Vec<Vec<String>> = found.combined.iter().map(|c| c.codes.clone()).collect();
    if got != combined {
        wrong.push(format!("combined: expected {combined:?}, found {got:?}"));
    }
    wrong
}

#[test]
fn issue_14_every_plan_layout_in_the_corpus_is_imported_section_by_section() -> Result<(), AppError> {
    let files = expected_files();
    assert!(files.len() >= 9, "run tests/plans/make.py: {files:?}");
    let mut app = app();
    let child = app.create_child(form())?.id;
    let mut failures = Vec::new();
    for file in &files {
        let json = std::fs::read_to_string(file).unwrap_or_default();
        let expected: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
        let name = expected["file"].as_str().unwrap_or_default();
        let result = app.read_plan_file(child, &corpus().join(name));
        match (result, expected["refused"].as_str()) {
            (Err(e), Some(reason)) if e.problems.iter().any(|p| p.message.contains(reason)) => {}
            (Err(e), _) => failures.push(format!("{name}: refused: {e:?}")),
            (Ok(found), Some(_)) => failures.push(format!("{name}: imported, expected a refusal: {found:?}")),
            (Ok(found), None) => {
                failures.extend(check(&found, &expected).into_iter().map(|w| format!("{name}: {w}")));
                // The preview says what was done with combined sections, part by part.
                for c in &found.combined {
                    if c.note.is_empty() || c.parts.is_empty() || c.heading.is_empty() {
                        failures.push(format!("{name}: combined sections without a note or parts: {c:?}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn issue_14_the_senco_assigns_the_parts_of_combined_sections_and_saves_them() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(form())?.id;
    let found = app.read_plan_file(child, &corpus().join("d-combined-e-f.docx"))?;
    let ef = found.combined.first().cloned().unwrap_or_default();
    assert_eq!(ef.codes, ["E", "F"]);
    assert!(ef.note.contains("one table"), "{}", ef.note);
    let parts: Vec<&str> = ef.parts.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(parts, ["E", "F", "E", "F"], "row by row: outcome to E, provision to F");

    // The SENCO puts the first row's provision in E too; nothing else moves.
    let choice = PlanPartChoice { combined: 0, part: 1, code: "E".into() };
    let assigned = app.assign_plan_parts(child, std::slice::from_ref(&choice))?;
    let text = |dto: &PlanImportDto, code: &str| {
        dto.sections.iter().find(|s| s.code == code).map(|s| s.text.clone()).unwrap_or_default()
    };
    let part = |i: usize| ef.parts.get(i).map(|p| p.text.clone()).unwrap_or_default();
    // In the plan's order: the first row's outcome and provision, then the second outcome.
    assert_eq!(text(&assigned, "E"), [part(0), part(1), part(2)].join("\n"));
    assert_eq!(text(&assigned, "F"), part(3));
    assert_eq!(assigned.combined.first().and_then(|c| c.parts.get(1)).map(|p| p.code.as_str()), Some("E"));
    assert_eq!(text(&assigned, "A"), text(&found, "A"));

    // A choice that names no part or no section is refused beside the field.
    for bad in [
        PlanPartChoice { combined: 0, part: 99, code: "E".into() },
        PlanPartChoice { combined: 0, part: 0, code: "Z".into() },
        PlanPartChoice { combined: 0, part: 0, code: "Front".into() },
    ] {
        let refused = app.assign_plan_parts(child, &[bad]);
        assert!(matches!(&refused, Err(e) if e.problems.iter().any(|p| p.field == "plan")), "{refused:?}");
    }

    // Saved as assigned, with the file.
    app.save_plan(child, assigned.sections.clone())?;
    let saved = app.child(child)?;
    let e = saved.sections.iter().find(|s| s.code == "E").map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(e, text(&assigned, "E"));
    // With the plan saved, there is nothing left to assign.
    assert!(app.assign_plan_parts(child, &[choice]).is_err());
    Ok(())
}
