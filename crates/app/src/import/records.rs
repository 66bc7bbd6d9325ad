//! One pupil's record as the MIS gives it, and as it merges with what is on the caseload: the
//! fields an import sets (as snapshots), new records checked as typed ones are, contacts as
//! parents and carers, and what to do with each contact of a child already here.

use ardesk_domain::child::{self, ChildInput, ChildRecord, NeedType};
use ardesk_domain::mis::{self, FieldMerge, Snapshot};
use ardesk_domain::people::{ContactMethod, ParentCarer, ParentInput, Restriction, validate_parent};
use ardesk_domain::text::PersonName;
use ardesk_intake::pupils::{ImportedContact, ImportedPupil, PhoneKind};
use ardesk_store::StoredParent;

/// One contact as a parent or carer, with its key in the file and what the MIS says of it.
pub(super) struct MisParent {
    pub(super) key: String,
    pub(super) parent: ParentCarer,
    pub(super) snapshot: Snapshot,
}

/// What importing one contact of a child already on the caseload does.
pub(super) enum ParentStep {
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

/// A CTF is XML; anything else is read as a CSV report.
pub(super) fn looks_like_xml(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

pub(super) fn display_name(p: &ImportedPupil) -> String {
    format!(
        "{} {}",
        p.preferred_forename.as_deref().unwrap_or(&p.legal_forename),
        p.preferred_surname.as_deref().unwrap_or(&p.legal_surname)
    )
}

pub(super) fn year_words(year: &str) -> String {
    match year {
        "R" => "Reception".to_owned(),
        "N1" | "N2" => "Nursery".to_owned(),
        y if y.chars().all(|c| c.is_ascii_digit()) => format!("Year {y}"),
        other => other.to_owned(),
    }
}

/// The child's fields the MIS sets, as an import writes them.
pub(super) fn child_snapshot(p: &ImportedPupil, today: chrono::NaiveDate) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("legal_forenames".into(), p.legal_forename.clone());
    s.insert("legal_surname".into(), p.legal_surname.clone());
    let preferred = p.preferred_forename.clone().filter(|f| *f != p.legal_forename).unwrap_or_default();
    s.insert("preferred_name".into(), preferred);
    s.insert("dob".into(), p.dob.format("%Y-%m-%d").to_string());
    let offset = p.nc_year.as_deref().and_then(|y| mis::ncy_offset(y, p.dob, today)).unwrap_or(0);
    s.insert("ncy_offset".into(), offset.to_string());
    s.insert("need_types".into(), pupil_need_types(p));
    s
}

/// The pupil's need types the DfE's list knows, primary (rank 1) first, as codes.
fn pupil_need_types(p: &ImportedPupil) -> String {
    let mut ranked: Vec<_> = p.need_types.iter().collect();
    ranked.sort_by_key(|n| n.rank.unwrap_or(u8::MAX));
    let known: Vec<NeedType> = ranked.iter().filter_map(|n| NeedType::from_code(&n.code)).collect();
    let mut unique: Vec<NeedType> = Vec::new();
    for need in known {
        if !unique.contains(&need) {
            unique.push(need);
        }
    }
    child::need_type_codes(&unique)
}

/// The same fields of a child on record.
pub(super) fn record_snapshot(r: &ChildRecord) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("legal_forenames".into(), r.legal_forenames.as_str().to_owned());
    s.insert("legal_surname".into(), r.legal_surname.as_str().to_owned());
    s.insert(
        "preferred_name".into(),
        r.preferred_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
    );
    s.insert("dob".into(), r.dob.format("%Y-%m-%d").to_string());
    s.insert("ncy_offset".into(), r.ncy_offset.to_string());
    s.insert("need_types".into(), child::need_type_codes(&r.need_types));
    s
}

pub(super) fn field_words(field: &str) -> &'static str {
    match field {
        "legal_forenames" => "Legal forenames",
        "legal_surname" => "Legal surname",
        "preferred_name" => "Preferred name",
        "dob" => "Date of birth",
        "ncy_offset" => "Taught out of year group by",
        "need_types" => "SEN need types",
        "name" => "Name",
        "relationship" => "Relationship",
        "email" => "Email",
        "phone" => "Phone",
        "address" => "Address",
        _ => "A detail",
    }
}

/// Sets one MIS field of a child on record.
pub(super) fn set_field(r: &mut ChildRecord, field: &str, value: &str) -> Result<(), String> {
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
        "need_types" => r.need_types = child::parse_need_types(value).map_err(|p| p.message)?,
        _ => {}
    }
    Ok(())
}

/// A new child from the MIS, checked as a typed one is.
pub(super) fn new_record(
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
        need_types: get("need_types"),
    };
    child::validate(&input, las, today)
        .map_err(|problems| problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join(" "))
}

/// The pupil's contacts with parental responsibility, as parents and carers. A contact whose
/// details do not make a usable record is left out (the SENCO adds them by hand).
pub(super) fn mis_parents(p: &ImportedPupil) -> Vec<MisParent> {
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

pub(super) fn contact_key(c: &ImportedContact) -> String {
    format!(
        "{} {}",
        c.forename.as_deref().unwrap_or_default().trim().to_lowercase(),
        c.surname.as_deref().unwrap_or_default().trim().to_lowercase()
    )
}

pub(super) fn contact_parent(c: &ImportedContact, pupil: &ImportedPupil) -> Option<ParentCarer> {
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
    // One phone is kept: a mobile (letters may be followed up by text), else the first given.
    let mobile = c.phone_details.iter().find(|p| p.kind == Some(PhoneKind::Mobile)).map(|p| p.number.clone());
    let phone = mobile.or_else(|| c.phones.first().cloned()).unwrap_or_default();
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

pub(super) fn parent_snapshot(p: &ParentCarer) -> Snapshot {
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
pub(super) fn plan_parent(m: MisParent, on_record: &[StoredParent]) -> (Option<ParentStep>, String) {
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
