//! Pupils from the school's MIS: a DfE Common Transfer File or a CSV report, read by
//! `ardesk_intake::pupils`, matched to the caseload by UPN and merged by `domain::mis`.
//!
//! A preview changes nothing. Writing adds the new children (each with a review in planning)
//! and their parents and carers with parental responsibility, and updates only what the MIS
//! changed and the SENCO had not (`domain::mis`); nobody is ever deleted. It is one
//! transaction: a file that fails part-way writes nothing.

use std::collections::HashMap;
use std::path::Path;

use ardesk_domain::child::ChildRecord;
use ardesk_domain::ids::ChildId;
use ardesk_domain::mis::{self, FieldMerge, Snapshot};
use ardesk_domain::ncy::{label as year_label, nc_year};
use ardesk_domain::people::Restriction;
use ardesk_domain::problem::Problem;
use ardesk_domain::review::Review;
use ardesk_dto::{ErrorCode, ImportColumn, ImportedPupilRow, Pupil, PupilImport, PupilParent, SkippedPupil};
use ardesk_intake::pupils::{self, ColumnMapping, ContactField, Field, ImportedPupil, PupilFile, Source};
use ardesk_store::{Action, StoredParent};

use crate::files::read_chosen_file;
use records::{
    MisParent, ParentStep, child_snapshot, display_name, field_words, looks_like_xml, mis_parents,
    new_record, plan_parent, record_snapshot, set_field, year_words,
};

mod records;
use crate::{App, AppError};

/// A pupil file read for import, kept until the SENCO confirms it (or maps a CSV's columns).
pub(crate) struct PendingImport {
    name: String,
    bytes: Vec<u8>,
    csv: bool,
    la_id: String,
    mapping: Option<ColumnMapping>,
}

impl std::fmt::Debug for PendingImport {
    /// The file's name and size, never its contents (children's details).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PendingImport({} bytes, csv: {})", self.bytes.len(), self.csv)
    }
}

/// The contacts offered in the mapping step, and the most a CSV is read with (a column
/// recognised as a later contact is offered too).
const OFFERED_CONTACTS: u8 = 3;
const MAX_CONTACTS: u8 = 9;

/// The CSV fields of the mapping step: the pupil's, then `contacts` contacts'.
fn mappable_fields(contacts: u8) -> Vec<Field> {
    let mut fields = vec![
        Field::Upn,
        Field::LegalSurname,
        Field::LegalForename,
        Field::FullName,
        Field::PreferredSurname,
        Field::PreferredForename,
        Field::Dob,
        Field::NcYear,
        Field::SenStatus,
        Field::PrimaryNeed,
        Field::SecondaryNeed,
        Field::Sex,
        Field::Address,
        Field::AddressLine,
        Field::Postcode,
    ];
    for n in 1..=contacts {
        for f in [
            ContactField::Name,
            ContactField::Title,
            ContactField::Forename,
            ContactField::Surname,
            ContactField::Relationship,
            ContactField::ParentalResponsibility,
            ContactField::CourtOrder,
            ContactField::Email,
            ContactField::Phone,
            ContactField::Address,
            ContactField::AddressLine,
            ContactField::Postcode,
        ] {
            fields.push(Field::Contact(n, f));
        }
    }
    fields
}

/// What importing one pupil does.
enum Step {
    Add { record: ChildRecord, snapshot: Snapshot, parents: Vec<MisParent> },
    Update { id: ChildId, record: ChildRecord, snapshot: Snapshot, parents: Vec<ParentStep> },
    Unchanged,
}

/// A child already on the caseload, as an import matches it.
struct Known<'a> {
    child: &'a ardesk_store::ImportedChild,
    record: &'a ChildRecord,
    parents: Vec<StoredParent>,
}

struct Planned {
    row: ImportedPupilRow,
    step: Step,
}

impl App {
    /// Reads a pupil file (a CTF, or a CSV report) and says what importing it would do; nothing
    /// is written until [`App::confirm_pupil_import`]. New children are saved against `la`
    /// (a profile id), or the default LA.
    pub fn preview_pupil_file(&mut self, path: &Path, la: Option<&str>) -> Result<PupilImport, AppError> {
        let limit = u64::try_from(pupils::MAX_FILE_BYTES).unwrap_or(u64::MAX);
        let (name, bytes) = read_chosen_file(path, limit, "is too large to be a pupil file")?;
        let la_id = la.map(str::to_owned).unwrap_or_else(|| ardesk_domain::la::DEFAULT_LA.to_owned());
        if self.cal.las.get(&la_id).is_none() {
            return Err(AppError::from(vec![Problem::block(
                "la",
                format!("There is no LA profile \u{201c}{la_id}\u{201d}."),
                "Choose one of the LAs in Settings (ardesk profiles lists them).",
            )]));
        }
        let csv = !looks_like_xml(&bytes);
        let pending = PendingImport { name, bytes, csv, la_id, mapping: None };
        let preview = self.plan_pupil_import(&pending)?.0;
        self.pending_import = Some(pending);
        Ok(preview)
    }

    /// Reads the pending CSV again with its columns read as the SENCO chose.
    pub fn map_pupil_columns(&mut self, columns: Vec<ImportColumn>) -> Result<PupilImport, AppError> {
        let fields = mappable_fields(MAX_CONTACTS);
        let mut mapping = ColumnMapping::new();
        for c in columns {
            let field = match c.field.as_deref() {
                None | Some("") => None,
                Some(label) => {
                    Some(fields.iter().copied().find(|f| f.label() == label).ok_or_else(|| {
                        AppError::new(
                            ErrorCode::Validation,
                            format!("\u{201c}{label}\u{201d} is not a field to read."),
                        )
                    })?)
                }
            };
            mapping.set(c.index, field);
        }
        let mut pending = self.pending_import.take().ok_or_else(nothing_pending)?;
        pending.mapping = Some(mapping);
        let result = self.plan_pupil_import(&pending).map(|p| p.0);
        self.pending_import = Some(pending);
        result
    }

    /// Writes the pending import, as previewed.
    pub fn confirm_pupil_import(&mut self) -> Result<PupilImport, AppError> {
        let pending = self.pending_import.take().ok_or_else(nothing_pending)?;
        let result = self.write_import(&pending);
        if result.is_err() {
            self.pending_import = Some(pending);
        }
        result
    }

    /// Every child with their UPN, names and parents and carers (`ardesk pupils --json`).
    pub fn pupils(&self) -> Result<Vec<Pupil>, AppError> {
        let today = self.clock.today();
        let mut parents = self.store.parents_by_child()?;
        Ok(self
            .store
            .children()?
            .iter()
            .map(|row| {
                let r = &row.record;
                Pupil {
                    summary: crate::convert::summary(row, &self.cal.las, today),
                    upn: r.upn.as_ref().map(|u| u.as_str().to_owned()),
                    legal_forenames: r.legal_forenames.as_str().to_owned(),
                    legal_surname: r.legal_surname.as_str().to_owned(),
                    preferred_name: r.preferred_name.as_ref().map(|n| n.as_str().to_owned()),
                    need_types: r.need_types.iter().map(|n| n.code.to_owned()).collect(),
                    parents: parents
                        .remove(&row.id.0)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|p| p.parent)
                        .map(|p| PupilParent {
                            court_order: p.restriction == Some(Restriction::CourtOrder),
                            name: p.name,
                            relationship: p.relationship,
                            parental_responsibility: p.parental_responsibility,
                        })
                        .collect(),
                }
            })
            .collect())
    }

    /// The CLI's import: a preview with `dry_run`, otherwise written at once.
    pub fn import_pupil_file(
        &mut self,
        path: &Path,
        la: Option<&str>,
        dry_run: bool,
    ) -> Result<PupilImport, AppError> {
        let preview = self.preview_pupil_file(path, la)?;
        if dry_run { Ok(preview) } else { self.confirm_pupil_import() }
    }

    fn write_import(&mut self, pending: &PendingImport) -> Result<PupilImport, AppError> {
        let (mut report, steps) = self.plan_pupil_import(pending)?;
        let action = Action { actor: &self.actor, name: "pupils.import", at: self.clock.now() };
        self.store.write(action, |tx| {
            for step in &steps {
                match step {
                    Step::Add { record, snapshot, parents } => {
                        let id = tx.insert_child(record)?;
                        tx.insert_review(id, &Review::planning())?;
                        tx.set_child_mis_snapshot(id, &mis::write_snapshot(snapshot))?;
                        for p in parents {
                            let row = tx.add_parent(id, &p.parent)?;
                            tx.set_parent_mis(row, &p.key, &mis::write_snapshot(&p.snapshot))?;
                        }
                    }
                    Step::Update { id, record, snapshot, parents } => {
                        tx.update_child(*id, record)?;
                        tx.set_child_mis_snapshot(*id, &mis::write_snapshot(snapshot))?;
                        for p in parents {
                            match p {
                                ParentStep::Add(m) => {
                                    let row = tx.add_parent(*id, &m.parent)?;
                                    tx.set_parent_mis(row, &m.key, &mis::write_snapshot(&m.snapshot))?;
                                }
                                ParentStep::Update { id: row, parent, mis: m } => {
                                    tx.update_parent(*id, *row, parent)?;
                                    tx.set_parent_mis(*row, &m.key, &mis::write_snapshot(&m.snapshot))?;
                                }
                                ParentStep::Link { id: row, mis: m } => {
                                    tx.set_parent_mis(*row, &m.key, &mis::write_snapshot(&m.snapshot))?;
                                }
                            }
                        }
                    }
                    Step::Unchanged => {}
                }
            }
            tx.touch_none();
            Ok(())
        })?;
        report.written = true;
        Ok(report)
    }

    /// Reads the pending file and decides, pupil by pupil, what an import does.
    fn plan_pupil_import(&self, pending: &PendingImport) -> Result<(PupilImport, Vec<Step>), AppError> {
        let refused = |r: pupils::Refused| {
            AppError::from(vec![Problem::block(
                "file",
                format!("{} cannot be imported: {}", pending.name, r.reason),
                "Export the pupils again from the MIS (a Common Transfer File, or a CSV report) and try that.",
            )])
        };
        let mut report = PupilImport {
            file_name: pending.name.clone(),
            la_name: self.cal.las.get(&pending.la_id).map(|p| p.name.clone()).unwrap_or_default(),
            fields: mappable_fields(OFFERED_CONTACTS).into_iter().map(Field::label).collect(),
            ..PupilImport::default()
        };
        if pending.csv {
            let headers = pupils::csv_headers(&pending.bytes).map_err(refused)?;
            report.columns = headers
                .columns
                .iter()
                .map(|c| ImportColumn {
                    index: c.index,
                    letter: c.letter.clone(),
                    header: c.header.clone(),
                    field: pending
                        .mapping
                        .as_ref()
                        .and_then(|m| m.get(c.index))
                        .unwrap_or(c.field)
                        .map(Field::label),
                })
                .collect();
            report.missing = headers.missing().into_iter().map(Field::label).collect();
            // A column recognised as a later contact (Contact 7…) is offered too, so that the
            // mapping can be sent back as it is.
            for c in &headers.columns {
                if let Some(label) = c.field.map(Field::label)
                    && !report.fields.contains(&label)
                {
                    report.fields.push(label);
                }
            }
        }
        let file: PupilFile = if pending.csv {
            pupils::read_csv(&pending.bytes, pending.mapping.as_ref())
        } else {
            pupils::read_ctf(&pending.bytes)
        }
        .map_err(refused)?;
        report.source = match &file.source {
            Source::Ctf { version } => format!("Common Transfer File (CTF {version})"),
            Source::Csv => "CSV report".to_owned(),
        };
        report.skipped = file
            .skipped
            .iter()
            .map(|s| SkippedPupil { upn: s.upn.clone(), row: s.row, reason: s.reason.clone() })
            .collect();

        // The whole caseload in three queries: matching 2,000 pupils one query at a time
        // doubled the time of a second import.
        let known = self.store.children_by_upn()?;
        let records: HashMap<i64, ChildRecord> =
            self.store.children()?.into_iter().map(|row| (row.id.0, row.record)).collect();
        let mut parents = self.store.parents_by_child()?;
        // A child whose plan has ceased is kept for the record, read-only: the MIS does not
        // change it (issue 15 item 4).
        let ceased: HashMap<i64, String> =
            self.ceased_plans()?.into_iter().map(|c| (c.child_id, c.ceased_from)).collect();
        let today = self.clock.today();
        let mut steps = Vec::new();
        for pupil in &file.pupils {
            if let Some(from) = known.get(&pupil.upn).and_then(|k| ceased.get(&k.id.0)) {
                report.skipped.push(SkippedPupil {
                    upn: Some(pupil.upn.clone()),
                    row: pupil.row,
                    reason: format!(
                        "This child's plan ceased from {from}: their record is kept as it was, and the MIS does not change it."
                    ),
                });
                continue;
            }
            let on_record = known.get(&pupil.upn).and_then(|k| {
                let record = records.get(&k.id.0)?;
                Some(Known { child: k, record, parents: parents.remove(&k.id.0).unwrap_or_default() })
            });
            match self.plan_pupil(pupil, on_record, &pending.la_id, today) {
                Ok(planned) => {
                    match &planned.step {
                        Step::Add { .. } => report.added.push(planned.row),
                        Step::Update { .. } => report.updated.push(planned.row),
                        Step::Unchanged => report.unchanged.push(planned.row),
                    }
                    steps.push(planned.step);
                }
                Err(reason) => {
                    report.skipped.push(SkippedPupil { upn: Some(pupil.upn.clone()), row: pupil.row, reason })
                }
            }
        }
        report.skipped.sort_by_key(|s| s.row);
        Ok((report, steps))
    }

    fn plan_pupil(
        &self,
        pupil: &ImportedPupil,
        known: Option<Known<'_>>,
        la_id: &str,
        today: chrono::NaiveDate,
    ) -> Result<Planned, String> {
        let incoming = child_snapshot(pupil, today);
        let parents = mis_parents(pupil);
        let mut row = ImportedPupilRow {
            upn: pupil.upn.clone(),
            name: display_name(pupil),
            year_group: pupil.nc_year.as_deref().map(year_words).unwrap_or_default(),
            parents: parents.len(),
            restricted: parents.iter().filter(|p| p.parent.restriction.is_some()).count(),
            changes: Vec::new(),
        };
        let Some(known) = known else {
            let record = new_record(pupil, &incoming, la_id, &self.cal.las, today)?;
            row.year_group = year_label(nc_year(record.dob, record.ncy_offset, today));
            return Ok(Planned { row, step: Step::Add { record, snapshot: incoming, parents } });
        };
        let last = mis::read_snapshot(known.child.mis_snapshot.as_deref());
        let current = record_snapshot(known.record);
        let mut record = known.record.clone();
        for (field, merge) in mis::merge(&current, last.as_ref(), &incoming) {
            let value = incoming.get(&field).cloned().unwrap_or_default();
            let words = field_words(&field);
            match merge {
                FieldMerge::Same => {}
                FieldMerge::Update => {
                    set_field(&mut record, &field, &value)?;
                    row.changes.push(format!(
                        "{words}: {} \u{2192} {value}",
                        current.get(&field).cloned().unwrap_or_default()
                    ));
                }
                FieldMerge::Kept => row.changes.push(format!(
                    "{words}: kept yours, {} (the MIS says {value})",
                    current.get(&field).cloned().unwrap_or_default()
                )),
            }
        }
        let mut steps = Vec::new();
        for m in parents {
            if let (Some(step), change) = plan_parent(m, &known.parents) {
                row.changes.push(change);
                steps.push(step);
            }
        }
        row.year_group = year_label(nc_year(record.dob, record.ncy_offset, today));
        let changed = record != *known.record || !steps.is_empty();
        let snapshot_changed = last.as_ref() != Some(&incoming);
        let step = if changed || snapshot_changed {
            Step::Update { id: known.child.id, record, snapshot: incoming, parents: steps }
        } else {
            Step::Unchanged
        };
        if matches!(step, Step::Update { .. }) && row.changes.is_empty() {
            row.changes.push("Recorded as matching the MIS.".to_owned());
        }
        Ok(Planned { row, step })
    }
}

fn nothing_pending() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "There is no pupil file waiting to be imported: choose the file again.",
    )
}
