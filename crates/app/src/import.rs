//! Pupils from the school's MIS: a DfE Common Transfer File or a CSV report, read by
//! `ardesk_intake::pupils`, matched to the caseload by UPN and merged by `domain::mis`.
//!
//! A preview changes nothing. Writing adds the new children (each with a review in planning)
//! and their parents and carers with parental responsibility, and updates only what the MIS
//! changed and the SENCO had not (`domain::mis`); nobody is ever deleted. It is one
//! transaction: a file that fails part-way writes nothing.

use std::collections::HashMap;
use std::path::Path;

use ardesk_domain::child::{self, ChildInput, ChildRecord};
use ardesk_domain::ids::ChildId;
use ardesk_domain::mis::{self, FieldMerge, Snapshot};
use ardesk_domain::ncy::{label as year_label, nc_year};
use ardesk_domain::people::{ContactMethod, ParentCarer, ParentInput, Restriction, validate_parent};
use ardesk_domain::problem::Problem;
use ardesk_domain::review::Review;
use ardesk_domain::text::PersonName;
use ardesk_dto::{ErrorCode, ImportColumn, ImportedPupilRow, Pupil, PupilImport, PupilParent, SkippedPupil};
use ardesk_intake::pupils::{
    self, ColumnMapping, ContactField, Field, ImportedContact, ImportedPupil, PupilFile, Source,
};
use ardesk_store::{Action, StoredParent};

use crate::files::read_chosen_file;
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

/// The CSV fields offered in the mapping step: the pupil's, then three contacts'.
fn mappable_fields() -> Vec<Field> {
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
    ];
    for n in 1..=3 {
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

/// One contact as a parent or carer, with its key in the file and what the MIS says of it.
struct MisParent {
    key: String,
    parent: ParentCarer,
    snapshot: Snapshot,
}

/// What importing one pupil does.
enum Step {
    Add { record: ChildRecord, snapshot: Snapshot, parents: Vec<MisParent> },
    Update { id: ChildId, record: ChildRecord, snapshot: Snapshot, parents: Vec<ParentStep> },
    Unchanged,
}

/// What importing one contact of a child already on the caseload does.
enum ParentStep {
    Add(MisParent),
    Update {
        id: i64,
        parent: ParentCarer,
        mis: MisParent,
    },
    /// Recorded as the MIS's contact (its key and snapshot), with the SENCO's values kept.
    Link {
        id: i64,
        mis: MisParent,
    },
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
        let fields = mappable_fields();
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
            fields: mappable_fields().into_iter().map(Field::label).collect(),
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
        let today = self.clock.today();
        let mut steps = Vec::new();
        for pupil in &file.pupils {
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

/// A CTF is XML; anything else is read as a CSV report.
fn looks_like_xml(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn display_name(p: &ImportedPupil) -> String {
    format!(
        "{} {}",
        p.preferred_forename.as_deref().unwrap_or(&p.legal_forename),
        p.preferred_surname.as_deref().unwrap_or(&p.legal_surname)
    )
}

fn year_words(year: &str) -> String {
    match year {
        "R" => "Reception".to_owned(),
        "N1" | "N2" => "Nursery".to_owned(),
        y if y.chars().all(|c| c.is_ascii_digit()) => format!("Year {y}"),
        other => other.to_owned(),
    }
}

/// The child's fields the MIS sets, as an import writes them.
fn child_snapshot(p: &ImportedPupil, today: chrono::NaiveDate) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("legal_forenames".into(), p.legal_forename.clone());
    s.insert("legal_surname".into(), p.legal_surname.clone());
    let preferred = p.preferred_forename.clone().filter(|f| *f != p.legal_forename).unwrap_or_default();
    s.insert("preferred_name".into(), preferred);
    s.insert("dob".into(), p.dob.format("%Y-%m-%d").to_string());
    let offset = p.nc_year.as_deref().and_then(|y| mis::ncy_offset(y, p.dob, today)).unwrap_or(0);
    s.insert("ncy_offset".into(), offset.to_string());
    s
}

/// The same fields of a child on record.
fn record_snapshot(r: &ChildRecord) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("legal_forenames".into(), r.legal_forenames.as_str().to_owned());
    s.insert("legal_surname".into(), r.legal_surname.as_str().to_owned());
    s.insert(
        "preferred_name".into(),
        r.preferred_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
    );
    s.insert("dob".into(), r.dob.format("%Y-%m-%d").to_string());
    s.insert("ncy_offset".into(), r.ncy_offset.to_string());
    s
}

fn field_words(field: &str) -> &'static str {
    match field {
        "legal_forenames" => "Legal forenames",
        "legal_surname" => "Legal surname",
        "preferred_name" => "Preferred name",
        "dob" => "Date of birth",
        "ncy_offset" => "Taught out of year group by",
        "name" => "Name",
        "relationship" => "Relationship",
        "email" => "Email",
        "phone" => "Phone",
        "address" => "Address",
        _ => "A detail",
    }
}

/// Sets one MIS field of a child on record.
fn set_field(r: &mut ChildRecord, field: &str, value: &str) -> Result<(), String> {
    let name = |label: &str| PersonName::parse("name", label, value).map_err(|p| p.message);
    match field {
        "legal_forenames" => r.legal_forenames = name("Legal forenames")?,
        "legal_surname" => r.legal_surname = name("Legal surname")?,
        "preferred_name" => {
            r.preferred_name = if value.is_empty() { None } else { Some(name("Preferred name")?) }
        }
        "dob" => {
            r.dob = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| e.to_string())?;
        }
        "ncy_offset" => r.ncy_offset = value.parse().map_err(|_| format!("{value} is not a year offset"))?,
        _ => {}
    }
    Ok(())
}

/// A new child from the MIS, checked as a typed one is.
fn new_record(
    p: &ImportedPupil,
    snapshot: &Snapshot,
    la_id: &str,
    las: &ardesk_domain::la::LaCatalogue,
    today: chrono::NaiveDate,
) -> Result<ChildRecord, String> {
    let get = |k: &str| snapshot.get(k).cloned().unwrap_or_default();
    let input = ChildInput {
        legal_forenames: get("legal_forenames"),
        legal_surname: get("legal_surname"),
        preferred_name: get("preferred_name"),
        dob: p.dob.format("%d/%m/%Y").to_string(),
        upn: p.upn.clone(),
        ncy_offset: get("ncy_offset"),
        looked_after: false,
        la_id: la_id.to_owned(),
        la_ref: String::new(),
        plan_issue_date: String::new(),
        last_review_meeting: String::new(),
        last_review_decision: String::new(),
        transfer_ncy: String::new(),
        post16_move: String::new(),
    };
    child::validate(&input, las, today)
        .map_err(|problems| problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join(" "))
}

/// The pupil's contacts with parental responsibility, as parents and carers. A contact whose
/// details do not make a usable record is left out (the SENCO adds them by hand).
fn mis_parents(p: &ImportedPupil) -> Vec<MisParent> {
    p.contacts
        .iter()
        .filter(|c| c.parental_responsibility)
        .filter_map(|c| {
            let parent = contact_parent(c, p)?;
            let key = contact_key(c);
            Some(MisParent { snapshot: parent_snapshot(&parent), key, parent })
        })
        .collect()
}

fn contact_key(c: &ImportedContact) -> String {
    format!(
        "{} {}",
        c.forename.as_deref().unwrap_or_default().trim().to_lowercase(),
        c.surname.as_deref().unwrap_or_default().trim().to_lowercase()
    )
}

fn contact_parent(c: &ImportedContact, pupil: &ImportedPupil) -> Option<ParentCarer> {
    let name = [c.title.as_deref(), c.forename.as_deref(), c.surname.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let address = if c.address_as_pupil { pupil.address.as_ref() } else { c.address.as_ref() }
        .map(|a| a.lines.iter().cloned().chain(a.postcode.clone()).collect::<Vec<_>>().join(", "));
    let email = c.email.clone().unwrap_or_default();
    let phone = c.phones.first().cloned().unwrap_or_default();
    let address = address.unwrap_or_default();
    let preferred_contact = if !email.is_empty() {
        ContactMethod::Email
    } else if !phone.is_empty() {
        ContactMethod::Phone
    } else {
        ContactMethod::Post
    };
    validate_parent(&ParentInput {
        name,
        relationship: c.relationship.as_ref().map(|r| r.label.clone()).unwrap_or_else(|| "Parent".to_owned()),
        parental_responsibility: true,
        phone,
        email,
        address,
        preferred_contact: Some(preferred_contact),
        restriction: c.court_order.then_some(Restriction::CourtOrder),
        restriction_note: if c.court_order {
            "Court order flagged in the MIS.".to_owned()
        } else {
            String::new()
        },
        ..ParentInput::default()
    })
    .ok()
}

fn parent_snapshot(p: &ParentCarer) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("name".into(), p.name.clone());
    s.insert("relationship".into(), p.relationship.clone());
    s.insert("email".into(), p.email.clone().unwrap_or_default());
    s.insert("phone".into(), p.phone.clone().unwrap_or_default());
    s.insert("address".into(), p.address.clone().unwrap_or_default());
    s.insert("court_order".into(), (p.restriction == Some(Restriction::CourtOrder)).to_string());
    s
}

/// What to do with one MIS contact of a child already on the caseload, and the line that says
/// so (`None` when nothing changes).
fn plan_parent(m: MisParent, on_record: &[StoredParent]) -> (Option<ParentStep>, String) {
    let by_key = on_record.iter().find(|p| p.mis_key.as_deref() == Some(m.key.as_str()));
    let by_name = || {
        on_record.iter().find(|p| p.mis_key.is_none() && p.parent.name.eq_ignore_ascii_case(&m.parent.name))
    };
    match by_key {
        Some(stored) => {
            let last = mis::read_snapshot(stored.mis_snapshot.as_deref());
            let current = parent_snapshot(&stored.parent);
            let mut parent = stored.parent.clone();
            let mut changed = Vec::new();
            for (field, merge) in mis::merge(&current, last.as_ref(), &m.snapshot) {
                let value = m.snapshot.get(&field).cloned().unwrap_or_default();
                let opt = || Some(value.clone()).filter(|v| !v.is_empty());
                let take = merge == FieldMerge::Update
                    // A court order newly flagged restricts the contact, whatever was edited.
                    || (field == "court_order" && value == "true" && merge == FieldMerge::Kept);
                if !take {
                    continue;
                }
                match field.as_str() {
                    "name" => parent.name = value.clone(),
                    "relationship" => parent.relationship = value.clone(),
                    "email" => parent.email = opt(),
                    "phone" => parent.phone = opt(),
                    "address" => parent.address = opt(),
                    "court_order" if value == "true" => {
                        parent.restriction = Some(Restriction::CourtOrder);
                        parent.restriction_note = Some("Court order flagged in the MIS.".to_owned());
                    }
                    "court_order" => {
                        parent.restriction = None;
                        parent.restriction_note = None;
                    }
                    _ => {}
                }
                changed.push(field_words(&field).to_owned());
            }
            if parent == stored.parent && last.as_ref() == Some(&m.snapshot) {
                (None, String::new())
            } else {
                let line = if changed.is_empty() {
                    format!("{}: recorded as matching the MIS.", parent.name)
                } else {
                    format!("{}: {} updated from the MIS.", parent.name, changed.join(", "))
                };
                (Some(ParentStep::Update { id: stored.id, parent, mis: m }), line)
            }
        }
        None => match by_name() {
            Some(stored) => {
                let line = format!("{}: already on record; your details are kept.", stored.parent.name);
                (Some(ParentStep::Link { id: stored.id, mis: m }), line)
            }
            None => {
                let line = format!("{} ({}) added.", m.parent.name, m.parent.relationship);
                (Some(ParentStep::Add(m)), line)
            }
        },
    }
}
