//! CSV reports from any MIS (SIMS, Arbor, Bromcom…): one pupil a row, columns recognised by
//! their headers, and a mapping for the columns that are not.
//!
//! The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
//! Windows-1252 (what Excel writes as "CSV"); anything but UTF-8 is decoded first (by
//! `encoding_rs`, with the decoded size capped as it grows). The separator is a comma,
//! semicolon or tab, whichever the header row uses most. Records are split by the `csv` crate:
//! quoted values may hold separators, doubled quotes and line breaks. Records are checked as
//! they stream: a value over [`MAX_CELL_CHARS`], a row over [`MAX_COLUMNS`] values, more than
//! [`MAX_ROWS`] rows, a quote never closed or text after a closing quote refuses the file.

use std::borrow::Cow;
use std::collections::BTreeMap;

use csv::StringRecord;
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{
    Collector, ImportedContact, ImportedPupil, MAX_FILE_BYTES, MAX_NAME_CHARS, MAX_PHONES, MAX_RECORDS,
    Phone, PhoneKind, Provision, PupilFile, Refused, Skip, Source, address_from, check_upn, guarded, line_at,
    nc_year, need_type, parse_date, refuse_other_types, relationship, sex, shorten, split_name, text_field,
    yes_no,
};

/// The most values one row may have.
pub const MAX_COLUMNS: usize = 500;
/// The longest value, in characters.
pub const MAX_CELL_CHARS: usize = 10_000;
/// The most rows, blank ones included.
pub const MAX_ROWS: usize = 5 * MAX_RECORDS;
/// The most contacts read from one row (`Contact 1` to `Contact 9`).
pub const MAX_CONTACT_COLUMNS: u8 = 9;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The UPN.
    Upn,
    /// The legal surname.
    LegalSurname,
    /// The legal forename.
    LegalForename,
    /// The whole name, "Surname, Forename" or "Forename Surname" (used when there are no
    /// surname and forename columns).
    FullName,
    /// The preferred surname.
    PreferredSurname,
    /// The preferred forename.
    PreferredForename,
    /// The date of birth, dd/mm/yyyy or yyyy-mm-dd.
    Dob,
    /// The NC year ("Year 7", "7", "R"…).
    NcYear,
    /// The SEN status or provision (E, K, N, or the words for them).
    SenStatus,
    /// The sex or gender ("M", "F", "Male", "Female").
    Sex,
    /// The pupil's whole address in one value, lines separated by commas or line breaks.
    Address,
    /// One line of the pupil's address (several columns may hold lines).
    AddressLine,
    /// The pupil's postcode.
    Postcode,
    /// The primary SEN need.
    PrimaryNeed,
    /// The secondary SEN need.
    SecondaryNeed,
    /// A detail of contact 1 to 9.
    Contact(u8, ContactField),
}

/// What a contact column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContactField {
    /// The whole name ("Mrs Jane Doe" or "Doe, Jane").
    Name,
    /// The title.
    Title,
    /// The forename.
    Forename,
    /// The surname.
    Surname,
    /// The relationship to the pupil ("Mother", "PAM"…).
    Relationship,
    /// Whether they have parental responsibility (Y/N, Yes/No, True/False, 1/0).
    ParentalResponsibility,
    /// Whether a court order restricts contact (Y/N…).
    CourtOrder,
    /// The email address.
    Email,
    /// A phone number (a contact may have several phone columns). Its type (home, mobile,
    /// work) is read from the column's header: "Contact 1 Mobile", "Home Telephone".
    Phone,
    /// The whole address in one value, lines separated by commas or line breaks.
    Address,
    /// One address line (a contact may have several).
    AddressLine,
    /// The postcode.
    Postcode,
}

impl ContactField {
    fn label(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::Title => "title",
            ContactField::Forename => "forename",
            ContactField::Surname => "surname",
            ContactField::Relationship => "relationship",
            ContactField::ParentalResponsibility => "parental responsibility",
            ContactField::CourtOrder => "court order",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Address => "address",
            ContactField::AddressLine => "address line",
            ContactField::Postcode => "postcode",
        }
    }
}

impl Field {
    /// How the field reads in the mapping step ("Legal surname", "Contact 2 email").
    pub fn label(self) -> String {
        match self {
            Field::Upn => "UPN".to_owned(),
            Field::LegalSurname => "Legal surname".to_owned(),
            Field::LegalForename => "Legal forename".to_owned(),
            Field::FullName => "Full name".to_owned(),
            Field::PreferredSurname => "Preferred surname".to_owned(),
            Field::PreferredForename => "Preferred forename".to_owned(),
            Field::Dob => "Date of birth".to_owned(),
            Field::NcYear => "NC year".to_owned(),
            Field::SenStatus => "SEN status".to_owned(),
            Field::Sex => "Sex".to_owned(),
            Field::Address => "Address".to_owned(),
            Field::AddressLine => "Address line".to_owned(),
            Field::Postcode => "Postcode".to_owned(),
            Field::PrimaryNeed => "Primary need".to_owned(),
            Field::SecondaryNeed => "Secondary need".to_owned(),
            Field::Contact(n, f) => format!("Contact {n} {}", f.label()),
        }
    }

    /// Whether several columns may hold this field (phones and address lines).
    fn repeatable(self) -> bool {
        matches!(
            self,
            Field::AddressLine | Field::Contact(_, ContactField::Phone | ContactField::AddressLine)
        )
    }

    /// The field a column header names, by the common names MIS reports use, ignoring case,
    /// spaces and punctuation ("Legal Surname", "DOB", "Year Group", "Contact 1 Email",
    /// "Priority 1 Contact Mobile"…). A contact's columns start "Contact", "Parent/Carer",
    /// "Guardian", "Priority" and the like, with a number from 1 to 9 before or after the detail
    /// (none means contact 1); the pupil's sex and address columns.
    pub fn guess(header: &str) -> Option<Field> {
        let key: String =
            header.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        if let Some(field) = pupil_detail(&key) {
            return Some(field);
        }
        Some(match key.as_str() {
            "upn" | "uniquepupilnumber" | "pupilupn" | "studentupn" => Field::Upn,
            "legalsurname" | "surname" | "lastname" | "familyname" | "legallastname" => Field::LegalSurname,
            "legalforename" | "forename" | "firstname" | "legalfirstname" | "givenname" | "forenames" => {
                Field::LegalForename
            }
            "name" | "fullname" | "pupilname" | "studentname" | "legalname" | "pupil" | "student" => {
                Field::FullName
            }
            "preferredsurname" | "preferredlastname" => Field::PreferredSurname,
            "preferredforename" | "preferredfirstname" | "preferredname" | "knownas" => {
                Field::PreferredForename
            }
            "dob" | "dateofbirth" | "birthdate" => Field::Dob,
            "year"
            | "ncyear"
            | "yeargroup"
            | "ncyearactual"
            | "nationalcurriculumyear"
            | "curriculumyear"
            | "yr" => Field::NcYear,
            "senstatus" | "senprovision" | "senstage" | "sen" | "sencode" | "sendstatus" => Field::SenStatus,
            "primaryneed" | "primarysenneed" | "primarysentype" | "senprimaryneed" | "primaryneedtype"
            | "senneed" | "sentype" => Field::PrimaryNeed,
            "secondaryneed" | "secondarysenneed" | "secondarysentype" | "sensecondaryneed"
            | "secondaryneedtype" => Field::SecondaryNeed,
            "parentalresponsibility" | "hasparentalresponsibility" => {
                Field::Contact(1, ContactField::ParentalResponsibility)
            }
            "relationship" | "relationshiptopupil" => Field::Contact(1, ContactField::Relationship),
            "courtorder" => Field::Contact(1, ContactField::CourtOrder),
            _ => return contact_guess(&key),
        })
    }
}

/// The pupil's sex and address fields a header key names ("Gender", "Sex", "Address",
/// "Address Line 1", "Town", "Postcode").
fn pupil_detail(key: &str) -> Option<Field> {
    Some(match key {
        "sex" | "gender" | "legalsex" | "pupilsex" | "pupilgender" | "studentsex" | "studentgender"
        | "sexmf" | "gendermf" => Field::Sex,
        "address" | "homeaddress" | "fulladdress" | "pupiladdress" | "studentaddress" | "addressblock" => {
            Field::Address
        }
        "street" | "locality" | "town" | "city" | "county" | "posttown" | "district" => Field::AddressLine,
        "postcode" | "postalcode" | "homepostcode" | "pupilpostcode" | "studentpostcode" => Field::Postcode,
        k if numbered(k, &["addressline", "address", "homeaddressline", "homeaddress"]) => Field::AddressLine,
        _ => return None,
    })
}

/// The type of phone a column holds, from its header ("Contact 1 Mobile", "Priority 2 Home
/// Telephone", "Parent Work Phone"); `None` if the header does not say.
fn phone_kind(header: &str) -> Option<PhoneKind> {
    let key: String =
        header.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    if key.contains("mobile") || key.ends_with("mob") {
        Some(PhoneKind::Mobile)
    } else if key.contains("home") || key.contains("landline") {
        Some(PhoneKind::Home)
    } else if key.contains("work") {
        Some(PhoneKind::Work)
    } else {
        None
    }
}

/// Whether `key` is one of `prefixes` followed by a number ("addressline2", "address3").
fn numbered(key: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        key.strip_prefix(p).is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// "contact1email", "contactemail1", "parentcarer2name", "priority1contactmobile", "contact1"
/// (a name)…
fn contact_guess(key: &str) -> Option<Field> {
    let rest = [
        "primarycontact",
        "maincontact",
        "parentcarer",
        "parentguardian",
        "contactpriority",
        "priority",
        "contact",
        "parent",
        "guardian",
        "carer",
    ]
    .iter()
    .find_map(|p| key.strip_prefix(p))?;
    let lead = rest.bytes().take_while(u8::is_ascii_digit).count();
    let trail = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (number, part) = if lead > 0 {
        (rest.get(..lead)?, rest.get(lead..)?)
    } else if trail > 0 && contact_part(rest.get(..rest.len() - trail)?).is_some() {
        (rest.get(rest.len() - trail..)?, rest.get(..rest.len() - trail)?)
    } else {
        ("1", rest)
    };
    let number: u8 = number.parse().ok()?;
    if !(1..=MAX_CONTACT_COLUMNS).contains(&number) {
        return None;
    }
    // "Priority 1 Contact Mobile": the word "contact" after the number.
    let part = part.strip_prefix("contact").filter(|p| contact_part(p).is_some()).unwrap_or(part);
    contact_part(part).map(|f| Field::Contact(number, f))
}

fn contact_part(part: &str) -> Option<ContactField> {
    Some(match part {
        "" | "name" | "fullname" => ContactField::Name,
        "title" => ContactField::Title,
        "forename" | "firstname" | "givenname" | "legalforename" => ContactField::Forename,
        "surname" | "lastname" | "familyname" | "legalsurname" => ContactField::Surname,
        "relationship"
        | "relation"
        | "relationshiptopupil"
        | "relationshiptostudent"
        | "relationshiptochild" => ContactField::Relationship,
        "parentalresponsibility" | "responsibility" | "pr" | "hasparentalresponsibility" | "parentalresp" => {
            ContactField::ParentalResponsibility
        }
        "courtorder" | "courtorders" => ContactField::CourtOrder,
        "email" | "emailaddress" => ContactField::Email,
        "phone"
        | "telephone"
        | "tel"
        | "telephonenumber"
        | "phonenumber"
        | "daytimephone"
        | "daytimetelephone"
        | "mainphone"
        | "maintelephone"
        | "mobile"
        | "mobilephone"
        | "mobilenumber"
        | "mobiletelephone"
        | "mobilephonenumber"
        | "telephonemobile"
        | "mob"
        | "homephone"
        | "hometelephone"
        | "hometel"
        | "homenumber"
        | "homephonenumber"
        | "hometelephonenumber"
        | "telephonehome"
        | "landline"
        | "workphone"
        | "worktelephone"
        | "worktel"
        | "worknumber"
        | "workphonenumber"
        | "worktelephonenumber"
        | "telephonework" => ContactField::Phone,
        "address" | "fulladdress" | "homeaddress" => ContactField::Address,
        "postcode" | "postalcode" => ContactField::Postcode,
        "street" | "town" | "county" | "locality" | "city" | "addressline" => ContactField::AddressLine,
        p if (p.starts_with("addressline") || p.starts_with("address"))
            && p.trim_start_matches("addressline")
                .trim_start_matches("address")
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            ContactField::AddressLine
        }
        _ => return None,
    })
}

/// The fields chosen by hand for some columns (the window's mapping step); the other columns
/// keep what their headers suggest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    columns: BTreeMap<usize, Option<Field>>,
}

impl ColumnMapping {
    /// An empty mapping: every column as its header suggests.
    pub fn new() -> ColumnMapping {
        ColumnMapping::default()
    }

    /// Says what column `index` (0-based) holds; `None` to ignore it.
    pub fn set(&mut self, index: usize, field: Option<Field>) -> &mut ColumnMapping {
        self.columns.insert(index, field);
        self
    }

    /// What was chosen for column `index`, if anything.
    pub fn get(&self, index: usize) -> Option<Option<Field>> {
        self.columns.get(&index).copied()
    }
}

/// The columns of a CSV file and what each is taken to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderReport {
    /// Every column of the header row, in order.
    pub columns: Vec<HeaderColumn>,
}

/// One column of the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// Its position, 0-based.
    pub index: usize,
    /// Its spreadsheet letter ("A", "B"… "AA").
    pub letter: String,
    /// The header as written (cut to 100 characters).
    pub header: String,
    /// What it is taken to hold; `None` if not recognised (or ignored by the mapping).
    pub field: Option<Field>,
    /// Why a column that names a field is not used, such as a second "Surname" column.
    pub note: Option<String>,
}

impl HeaderReport {
    /// The columns that will be read.
    pub fn recognised(&self) -> impl Iterator<Item = &HeaderColumn> {
        self.columns.iter().filter(|c| c.field.is_some())
    }

    /// The columns that will not be read (offer these in the mapping step).
    pub fn unrecognised(&self) -> impl Iterator<Item = &HeaderColumn> {
        self.columns.iter().filter(|c| c.field.is_none())
    }

    /// The fields the file needs but no column holds: UPN, date of birth, and the legal
    /// surname and forename (or a full name).
    pub fn missing(&self) -> Vec<Field> {
        let has = |f: Field| self.columns.iter().any(|c| c.field == Some(f));
        let mut missing = Vec::new();
        if !has(Field::Upn) {
            missing.push(Field::Upn);
        }
        if !has(Field::FullName) {
            missing.extend([Field::LegalSurname, Field::LegalForename].into_iter().filter(|&f| !has(f)));
        }
        if !has(Field::Dob) {
            missing.push(Field::Dob);
        }
        missing
    }
}

/// A spreadsheet column letter: 0 → A, 25 → Z, 26 → AA.
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn report(header: &[String], mapping: Option<&ColumnMapping>) -> HeaderReport {
    let mut columns: Vec<HeaderColumn> = header
        .iter()
        .enumerate()
        .map(|(index, h)| HeaderColumn {
            index,
            letter: letter(index),
            header: shorten(h.trim(), 100),
            field: None,
            note: None,
        })
        .collect();
    let mut taken: BTreeMap<Field, usize> = BTreeMap::new();
    let chosen = |i: usize| mapping.and_then(|m| m.get(i));
    let mut assign = |column: &mut HeaderColumn, field: Field, how: &str| match taken.get(&field) {
        Some(&first) if !field.repeatable() => {
            column.note = Some(format!("{} is {how} column {} already", field.label(), letter(first)));
        }
        _ => {
            taken.insert(field, column.index);
            column.field = Some(field);
        }
    };
    // Chosen fields first, so that a guess never takes a field the SENCO gave another column.
    for column in &mut columns {
        if let Some(Some(field)) = chosen(column.index) {
            assign(column, field, "chosen for");
        }
    }
    for column in &mut columns {
        if chosen(column.index).is_none()
            && let Some(field) = Field::guess(&column.header)
        {
            assign(column, field, "taken from");
        }
    }
    HeaderReport { columns }
}

/// The columns of a CSV file: which headers are recognised and which are not, so that a window
/// can offer a mapping step before [`read_csv`].
pub fn csv_headers(bytes: &[u8]) -> Result<HeaderReport, Refused> {
    guarded(bytes, |bytes| {
        let text = decode(bytes)?;
        let mut records = Records::new(&text);
        let header = header_row(&mut records)?;
        Ok(report(&header, None))
    })
}

/// Reads a CSV report of pupils. Headers are recognised by their common names, and `mapping`
/// overrides what any column is taken to hold.
///
/// Each row becomes a pupil or is skipped with its spreadsheet row number and the reason (no
/// usable UPN, no name, a bad date…). If the file has a SEN status column, only the rows with
/// an EHC plan ("E", "EHC Plan", "Education, Health and Care Plan") are pupils and the others
/// are skipped; without one, every usable row is a pupil. Blank rows are passed over.
///
/// Refused: a file without a UPN, name or date-of-birth column (the reason names them, for the
/// mapping step), binary or undecodable files, a quote never closed or text after a closing
/// quote, and the size limits.
pub fn read_csv(bytes: &[u8], mapping: Option<&ColumnMapping>) -> Result<PupilFile, Refused> {
    guarded(bytes, |bytes| read(bytes, mapping))
}

fn read(bytes: &[u8], mapping: Option<&ColumnMapping>) -> Result<PupilFile, Refused> {
    let text = decode(bytes)?;
    let mut records = Records::new(&text);
    let header = header_row(&mut records)?;
    let report = report(&header, mapping);
    let missing = report.missing();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|f| f.label().to_lowercase()).collect();
        let found: Vec<String> = report.columns.iter().take(12).map(|c| format!("{:?}", c.header)).collect();
        return Err(Refused::new(format!(
            "the file has no column for the {} (its columns include {}). Choose which column holds each \
             in the mapping step.",
            names.join(", "),
            found.join(", ")
        )));
    }
    let columns = Columns::new(&report);
    let mut out = Collector::default();
    while let Some(number) = records.next_row()? {
        let row = &records.record;
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let record = if row.iter().skip(header.len()).any(|v| !v.trim().is_empty()) {
            let upn = columns.first(Field::Upn, row).trim();
            Err(Skip {
                upn: (!upn.is_empty()).then(|| upn.to_owned()),
                reason: format!(
                    "the row has {} values but the header row has {}; a value may hold an unquoted comma. \
                     Check the row in a spreadsheet",
                    row.len(),
                    header.len()
                ),
            })
        } else {
            pupil_from(&columns, row)
        };
        out.add(number, record)?;
    }
    Ok(out.finish(Source::Csv))
}

/// The column numbers of each field, and the type of phone each phone column holds.
#[derive(Debug)]
struct Columns {
    of: BTreeMap<Field, Vec<usize>>,
    phone_kinds: BTreeMap<usize, PhoneKind>,
}

impl Columns {
    fn new(report: &HeaderReport) -> Columns {
        let mut of: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
        let mut phone_kinds = BTreeMap::new();
        for column in &report.columns {
            if let Some(field) = column.field {
                of.entry(field).or_default().push(column.index);
                if let (Field::Contact(_, ContactField::Phone), Some(kind)) =
                    (field, phone_kind(&column.header))
                {
                    phone_kinds.insert(column.index, kind);
                }
            }
        }
        Columns { of, phone_kinds }
    }

    fn has(&self, field: Field) -> bool {
        self.of.contains_key(&field)
    }

    fn indexes(&self, field: Field) -> &[usize] {
        self.of.get(&field).map_or(&[], Vec::as_slice)
    }

    fn first<'r>(&self, field: Field, row: &'r StringRecord) -> &'r str {
        self.indexes(field).first().and_then(|&i| row.get(i)).unwrap_or_default()
    }

    fn all<'r>(&self, field: Field, row: &'r StringRecord) -> Vec<&'r str> {
        self.indexes(field).iter().filter_map(|&i| row.get(i)).collect()
    }
}

fn pupil_from(columns: &Columns, row: &StringRecord) -> Result<ImportedPupil, Skip> {
    let cell = |field: Field| columns.first(field, row);
    let upn_raw = cell(Field::Upn).trim();
    let given = (!upn_raw.is_empty()).then(|| upn_raw.to_owned());
    let skip = |reason: String| Skip { upn: given.clone(), reason };
    if columns.has(Field::SenStatus) {
        let status = cell(Field::SenStatus);
        match Provision::parse(status) {
            Some(Provision::Ehc) => {}
            Some(other) => return Err(skip(other.reason(status))),
            None => {
                return Err(skip(format!(
                    "the SEN status {:?} is not one the app knows (E, K or N, or the words for them)",
                    shorten(status.trim(), 30)
                )));
            }
        }
    }
    let upn = check_upn(upn_raw).map_err(skip)?;
    let name = |raw: &str, what: &str| text_field(raw, what, MAX_NAME_CHARS).map_err(skip);
    let mut surname = name(cell(Field::LegalSurname), "legal surname")?;
    let mut forename = name(cell(Field::LegalForename), "legal forename")?;
    if (surname.is_none() || forename.is_none())
        && let Some(full) = name(cell(Field::FullName), "name")?
    {
        let (_, f, s) = split_name(&full);
        surname = surname.or(s);
        forename = forename.or(f);
    }
    let legal_surname = surname.ok_or_else(|| skip("no legal surname".to_owned()))?;
    let legal_forename = forename.ok_or_else(|| skip("no legal forename".to_owned()))?;
    let dob_raw = cell(Field::Dob);
    if dob_raw.trim().is_empty() {
        return Err(skip("no date of birth".to_owned()));
    }
    let dob = parse_date(dob_raw, "date of birth").map_err(skip)?;
    let mut need_types = Vec::new();
    for (field, rank) in [(Field::PrimaryNeed, 1), (Field::SecondaryNeed, 2)] {
        need_types.extend(need_type(cell(field), Some(rank)).map_err(skip)?);
    }
    let address = address_from(
        &columns.all(Field::Address, row),
        &columns.all(Field::AddressLine, row),
        cell(Field::Postcode),
    )
    .map_err(|e| skip(format!("the pupil's address: {e}")))?;
    let mut contacts = Vec::new();
    for n in 1..=MAX_CONTACT_COLUMNS {
        contacts.extend(contact(columns, row, n).map_err(|e| skip(format!("contact {n}: {e}")))?);
    }
    Ok(ImportedPupil {
        upn,
        legal_forename,
        legal_surname,
        preferred_forename: name(cell(Field::PreferredForename), "preferred forename")?,
        preferred_surname: name(cell(Field::PreferredSurname), "preferred surname")?,
        dob,
        sex: sex(cell(Field::Sex)).map_err(skip)?,
        nc_year: nc_year(cell(Field::NcYear)).map_err(skip)?,
        need_types,
        address,
        contacts,
        row: 0,
    })
}

/// Contact `n` of a row; `None` if the row has nothing for it.
fn contact(columns: &Columns, row: &StringRecord, n: u8) -> Result<Option<ImportedContact>, String> {
    let cell = |f: ContactField| columns.first(Field::Contact(n, f), row);
    let all = |f: ContactField| columns.all(Field::Contact(n, f), row);
    let used = columns.of.iter().any(|(field, cols)| {
        matches!(field, Field::Contact(k, _) if *k == n)
            && cols.iter().any(|&i| row.get(i).is_some_and(|v| !v.trim().is_empty()))
    });
    if !used {
        return Ok(None);
    }
    let mut title = text_field(cell(ContactField::Title), "title", MAX_NAME_CHARS)?;
    let mut forename = text_field(cell(ContactField::Forename), "forename", MAX_NAME_CHARS)?;
    let mut surname = text_field(cell(ContactField::Surname), "surname", MAX_NAME_CHARS)?;
    if forename.is_none()
        && surname.is_none()
        && let Some(full) = text_field(cell(ContactField::Name), "name", 2 * MAX_NAME_CHARS)?
    {
        let (t, f, s) = split_name(&full);
        title = title.or(t);
        forename = f;
        surname = s;
    }
    let mut phone_details = Vec::new();
    for &i in columns.indexes(Field::Contact(n, ContactField::Phone)) {
        if let Some(number) = text_field(row.get(i).unwrap_or_default(), "phone number", 40)? {
            phone_details.push(Phone { number, kind: columns.phone_kinds.get(&i).cloned() });
        }
    }
    if phone_details.len() > MAX_PHONES {
        return Err(format!("more than {MAX_PHONES} phone numbers"));
    }
    let address = address_from(
        &all(ContactField::Address),
        &all(ContactField::AddressLine),
        cell(ContactField::Postcode),
    )?;
    Ok(Some(ImportedContact {
        title,
        forename,
        surname,
        relationship: relationship(cell(ContactField::Relationship))?,
        parental_responsibility: yes_no(
            cell(ContactField::ParentalResponsibility),
            "parental responsibility",
        )?
        .unwrap_or(false),
        court_order: yes_no(cell(ContactField::CourtOrder), "court order")?.unwrap_or(false),
        email: text_field(cell(ContactField::Email), "email", super::MAX_TEXT_CHARS)?,
        phones: phone_details.iter().map(|p| p.number.clone()).collect(),
        phone_details,
        address,
        address_as_pupil: false,
    }))
}

/// The most UTF-8 text a decoded file may become, in bytes: the same cap as the file itself.
const MAX_TEXT_BYTES: usize = MAX_FILE_BYTES;

/// The bytes Windows-1252 leaves undefined (WHATWG's decoder maps them to control characters;
/// a file holding one is not Windows-1252 text).
const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/// The file as UTF-8 text: UTF-16 with a byte-order mark, UTF-8 (borrowed, without its
/// byte-order mark), or else Windows-1252. Refused: damaged UTF-16, a byte Windows-1252 does
/// not define, binary data (a NUL), XML, and text larger than [`MAX_TEXT_BYTES`].
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Refused> {
    let utf16 = if bytes.starts_with(&[0xff, 0xfe]) {
        Some(UTF_16LE)
    } else if bytes.starts_with(&[0xfe, 0xff]) {
        Some(UTF_16BE)
    } else {
        None
    };
    let text = if let Some(encoding) = utf16 {
        Cow::Owned(decode_capped(encoding, bytes.get(2..).unwrap_or_default())?.ok_or_else(|| {
            Refused::new("the file says it is UTF-16 text but is damaged. Export it from the MIS again.")
        })?)
    } else {
        refuse_other_types(bytes, "a CSV file")?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
            Err(_) => {
                if let Some(i) = bytes.iter().position(|b| CP1252_UNDEFINED.contains(b)) {
                    return Err(Refused::new(format!(
                        "the file holds a byte that is not text (line {}), so it is not a CSV file. Save it \
                         from the spreadsheet as \"CSV UTF-8\" and try again.",
                        line_at(bytes, i)
                    )));
                }
                // Windows-1252 decodes every other byte, so a decoding fault cannot happen here.
                Cow::Owned(decode_capped(WINDOWS_1252, bytes)?.unwrap_or_default())
            }
        }
    };
    if text.contains('\0') {
        return Err(Refused::new(
            "the file holds binary data, so it is not a CSV file. Export the pupil list again.",
        ));
    }
    if text.trim_start().starts_with('<') {
        return Err(Refused::new(
            "the file is XML, not CSV. If it is a Common Transfer File (CTF), import it as a CTF.",
        ));
    }
    Ok(text)
}

/// `body` decoded to UTF-8 a piece at a time, refused as soon as the text grows past
/// [`MAX_TEXT_BYTES`]; `None` if `body` is not valid in `encoding`.
fn decode_capped(encoding: &'static Encoding, body: &[u8]) -> Result<Option<String>, Refused> {
    const PIECE: usize = 64 * 1024;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len().min(MAX_TEXT_BYTES));
    let mut rest = body;
    loop {
        let room =
            decoder.max_utf8_buffer_length_without_replacement(rest.len().min(PIECE)).unwrap_or(PIECE * 3);
        text.reserve(room.max(16));
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        if text.len() > MAX_TEXT_BYTES {
            return Err(Refused::new(format!(
                "the file is larger than {} MB once read as text, larger than a pupil file can be. Export only \
                 the pupils with an EHC plan.",
                MAX_TEXT_BYTES / (1024 * 1024)
            )));
        }
        match result {
            DecoderResult::InputEmpty => return Ok(Some(text)),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => return Ok(None),
        }
    }
}

/// Line breaks in `text`: `\r\n`, `\n` or a lone `\r` each count once.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Where a record breaks the quoting rules the `csv` crate does not enforce.
#[derive(Debug, PartialEq, Eq)]
enum QuoteFault {
    /// A quoted value runs to the end of the file: it was cut short.
    NeverClosed,
    /// Text follows a closing quote (`"x"y`), at this byte of the record.
    TextAfterQuote(usize),
}

/// The `csv` crate reads leniently, as spreadsheets do: a quoted value never closed ends at the
/// end of the file, and text after a closing quote is kept (rust-csv issue #77, "add a strict
/// parsing mode", is open). A pupil file with either is damaged, so each record's raw text is
/// checked for them; `raw` is one record and its line break.
fn quote_fault(raw: &str, separator: u8) -> Option<QuoteFault> {
    let mut bytes = raw.bytes().enumerate().peekable();
    let (mut field_start, mut quoted, mut closed) = (true, false, false);
    while let Some((i, b)) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek().is_some_and(|&(_, next)| next == b'"') {
                    bytes.next();
                } else {
                    (quoted, closed) = (false, true);
                }
            }
        } else if b == separator || b == b'\r' || b == b'\n' {
            (field_start, closed) = (true, false);
        } else if closed {
            return Some(QuoteFault::TextAfterQuote(i));
        } else {
            quoted = b == b'"' && field_start;
            field_start = false;
        }
    }
    quoted.then_some(QuoteFault::NeverClosed)
}

/// The records of a CSV text, one at a time, each checked as it arrives, with its spreadsheet
/// row number (1 = the first row; blank rows are counted, and a value with line breaks in it is
/// still one row).
struct Records<'t> {
    text: &'t str,
    separator: u8,
    reader: csv::Reader<&'t [u8]>,
    /// The last record read.
    record: StringRecord,
    /// Line breaks in `text` before `counted_to`, and inside the values of the records read.
    breaks: usize,
    value_breaks: usize,
    counted_to: usize,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Records<'t> {
        let first = text.lines().next().unwrap_or_default();
        let count = |c: char| first.chars().filter(|&x| x == c).count();
        let separator = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|&c| (count(char::from(c)), c == b','))
            .unwrap_or(b',');
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(text.as_bytes());
        Records {
            text,
            separator,
            reader,
            record: StringRecord::new(),
            breaks: 0,
            value_breaks: 0,
            counted_to: 0,
        }
    }

    /// Reads the next record into `self.record` and returns its row number; `None` at the end.
    fn next_row(&mut self) -> Result<Option<usize>, Refused> {
        let start = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        let more = self.reader.read_record(&mut self.record).map_err(|e| {
            Refused::new(format!(
                "the file could not be read as CSV ({e}). Save it from the spreadsheet as CSV again."
            ))
        })?;
        if !more {
            return Ok(None);
        }
        let end = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        // The reader passes over blank lines before a record: the record starts after them.
        let raw = self.text.get(start..end).unwrap_or_default();
        let body = raw.trim_start_matches(['\r', '\n']);
        let at = start + (raw.len() - body.len());
        self.breaks += line_breaks(self.text.get(self.counted_to..at).unwrap_or_default());
        self.counted_to = at;
        let number = (1 + self.breaks).saturating_sub(self.value_breaks);
        let line = |offset: usize| line_at(self.text.as_bytes(), at + offset);
        match quote_fault(body, self.separator) {
            Some(QuoteFault::NeverClosed) => {
                return Err(Refused::new(format!(
                    "a quoted value on row {number} (line {}) is never closed: the file has been cut short or \
                     is damaged. Export it again; no pupil was read from it.",
                    line(0)
                )));
            }
            Some(QuoteFault::TextAfterQuote(i)) => {
                return Err(Refused::new(format!(
                    "row {number} (line {}) has text after a closing quote, so the file is not valid CSV. Save \
                     it from the spreadsheet as CSV again.",
                    line(i)
                )));
            }
            None => {}
        }
        if number > MAX_ROWS {
            return Err(Refused::new(format!(
                "the file has more than {MAX_ROWS} rows, more than a school's pupil list. Export one school's \
                 pupils only."
            )));
        }
        if self.record.len() > MAX_COLUMNS {
            return Err(Refused::new(format!(
                "row {number} has more than {MAX_COLUMNS} values, so the file is not a pupil list."
            )));
        }
        if self.record.iter().any(|v| v.len() > MAX_CELL_CHARS && v.chars().count() > MAX_CELL_CHARS) {
            return Err(Refused::new(format!(
                "row {number} (line {}) has a value longer than {MAX_CELL_CHARS} characters, so the file is \
                 not a pupil list. Export it again.",
                line(0)
            )));
        }
        self.value_breaks += self.record.iter().map(line_breaks).sum::<usize>();
        Ok(Some(number))
    }
}

/// The header row's values; refused if the first row is empty.
fn header_row(records: &mut Records<'_>) -> Result<Vec<String>, Refused> {
    match records.next_row()? {
        Some(1) if records.record.iter().any(|v| !v.trim().is_empty()) => {
            Ok(records.record.iter().map(str::to_owned).collect())
        }
        _ => Err(Refused::new(
            "the first row is empty; it must hold the column names (UPN, Surname, Forename, DOB…). Export the \
             pupil list again with its headers.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<Vec<String>>, String> {
        Ok(numbered_rows(text)?.into_iter().map(|(_, values)| values).collect())
    }

    fn numbered_rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
        let mut records = Records::new(text);
        let mut out = Vec::new();
        while let Some(number) = records.next_row().map_err(|r| r.reason)? {
            out.push((number, records.record.iter().map(str::to_owned).collect()));
        }
        Ok(out)
    }

    #[test]
    fn quoted_values_hold_separators_quotes_and_line_breaks() {
        let got = rows("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3");
        let want: Vec<Vec<&str>> =
            vec![vec!["a", "b", "c"], vec!["x, y", "say \"hi\"", "two\nlines"], vec!["1", "", "3"]];
        assert_eq!(got, Ok(want.into_iter().map(|r| r.into_iter().map(str::to_owned).collect()).collect()));
        assert_eq!(rows("a;b\n1;2").map(|r| r.len()), Ok(2));
        assert_eq!(
            rows("a\tb\n1\t2").ok().and_then(|r| r.get(1).cloned()),
            Some(vec!["1".to_owned(), "2".to_owned()])
        );
        assert!(rows("a,b\n\"never closed,2\n").err().unwrap_or_default().contains("never closed"));
        assert!(rows("a,b\n\"x\"y,2\n").err().unwrap_or_default().contains("closing quote"));
        let wide = format!("{}\n", ",".repeat(MAX_COLUMNS + 1));
        assert!(rows(&wide).err().unwrap_or_default().contains("values"));
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        // A value with line breaks is one row; blank rows count; any line ending.
        let text = "a,b\r\n\r\n\"two\r\nlines\",x\n\n\nlast,1\rcr,2";
        let numbers: Vec<usize> =
            numbered_rows(text).unwrap_or_default().into_iter().map(|(n, _)| n).collect();
        assert_eq!(numbers, [1, 3, 6, 7]);
        assert!(
            numbered_rows("\"x\ny\",1\n\"p\n\nq\",2\n3,3")
                .is_ok_and(|r| r.iter().map(|(n, _)| *n).eq([1, 2, 3]))
        );
    }

    #[test]
    fn quoting_faults_the_csv_crate_accepts_are_refused() {
        assert_eq!(quote_fault("\"x, y\",\"say \"\"hi\"\"\",5\"11\r\n", b','), None);
        assert_eq!(quote_fault("\"never closed,2\n", b','), Some(QuoteFault::NeverClosed));
        assert_eq!(quote_fault("a,\"x\" ,b", b','), Some(QuoteFault::TextAfterQuote(5)));
        assert_eq!(quote_fault("\"a\";\"b\"", b';'), None);
        assert_eq!(quote_fault("\"a\",\"b\"", b';'), Some(QuoteFault::TextAfterQuote(3)));
        let r = rows("a,b\n1,2\n\"x\"y,2\n").err().unwrap_or_default();
        assert!(r.contains("row 3") && r.contains("line 3") && r.contains("closing quote"), "{r}");
        let r = rows("a,b\n\"two\nlines\",1\n\"cut").err().unwrap_or_default();
        assert!(r.contains("row 3") && r.contains("line 4") && r.contains("never closed"), "{r}");
    }

    #[test]
    fn values_rows_and_text_are_capped_while_reading() {
        let long = format!("a\n{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        assert!(rows(&long).err().unwrap_or_default().contains("longer than"));
        assert!(rows(&format!("a\n{}\n", "x".repeat(MAX_CELL_CHARS))).is_ok());
        let many = "1\n".repeat(MAX_ROWS + 1);
        assert!(rows(&many).err().unwrap_or_default().contains("rows"));
        // Windows-1252 text that would pass the cap once decoded (each é is two bytes in UTF-8).
        let mut latin = b"UPN\n".to_vec();
        latin.resize(MAX_TEXT_BYTES / 2 + 16, 0xe9);
        assert!(decode(&latin).err().is_some_and(|r| r.reason.contains("once read as text")));
    }

    #[test]
    fn quoted_values_with_line_breaks_and_commas_are_read_into_pupils() {
        let csv = "UPN,Surname,Forename,DOB,Gender,Address,Contact 1 Name,Contact 1 Mobile,Contact 1 Home Phone\r\n\
                   B801200005001,\"Testwhistle, Jr\",Juniper,03/04/2012,Female,\"4 Placeholder Lane\r\nSampletown\r\nZZ99 1AA\",\
                   \"Testwhistle, Marigold\",07700 900001,01632 960001\r\n";
        // Columns 4 and 5 chosen by hand.
        let mut mapping = ColumnMapping::new();
        mapping.set(4, Some(Field::Sex)).set(5, Some(Field::Address));
        let file = read_csv(csv.as_bytes(), Some(&mapping));
        let pupil = file.as_ref().ok().and_then(|f| f.pupils.first());
        let Some(p) = pupil else { panic!("{file:?}") };
        assert_eq!(p.legal_surname, "Testwhistle, Jr");
        assert_eq!(p.sex.as_deref(), Some("F"));
        assert_eq!(p.row, 2);
        let address = p.address.as_ref().map(|a| (a.lines.clone(), a.postcode.clone()));
        assert_eq!(
            address,
            Some((
                vec!["4 Placeholder Lane".to_owned(), "Sampletown".to_owned()],
                Some("ZZ99 1AA".to_owned())
            ))
        );
        let contact = p.contacts.first();
        assert_eq!(contact.and_then(|c| c.forename.as_deref()), Some("Marigold"));
        let phones: Vec<(String, Option<PhoneKind>)> = contact
            .map(|c| c.phone_details.iter().map(|p| (p.number.clone(), p.kind.clone())).collect())
            .unwrap_or_default();
        assert_eq!(
            phones,
            [
                ("07700 900001".to_owned(), Some(PhoneKind::Mobile)),
                ("01632 960001".to_owned(), Some(PhoneKind::Home))
            ]
        );
        assert_eq!(
            contact.map(|c| c.phones.clone()),
            Some(vec!["07700 900001".to_owned(), "01632 960001".to_owned()])
        );
    }

    #[test]
    fn headers_are_recognised_whatever_their_case_and_punctuation() {
        for (header, field) in [
            ("UPN", Field::Upn),
            ("Legal Surname", Field::LegalSurname),
            ("surname", Field::LegalSurname),
            ("Forename", Field::LegalForename),
            ("Preferred Forename", Field::PreferredForename),
            ("D.O.B.", Field::Dob),
            ("Date of Birth", Field::Dob),
            ("Year", Field::NcYear),
            ("NC Year", Field::NcYear),
            ("Year Group", Field::NcYear),
            ("SEN Status", Field::SenStatus),
            ("SEN Provision", Field::SenStatus),
            ("Primary Need", Field::PrimaryNeed),
            ("Contact 1 Name", Field::Contact(1, ContactField::Name)),
            ("Contact Name 2", Field::Contact(2, ContactField::Name)),
            ("contact_2_email", Field::Contact(2, ContactField::Email)),
            ("Parent/Carer 3 Mobile", Field::Contact(3, ContactField::Phone)),
            ("Contact 1 Home Phone", Field::Contact(1, ContactField::Phone)),
            ("Contact 2 Work Telephone", Field::Contact(2, ContactField::Phone)),
            ("Priority 1 Contact Mobile", Field::Contact(1, ContactField::Phone)),
            ("Priority 2 Contact Name", Field::Contact(2, ContactField::Name)),
            ("Priority 2 Contact", Field::Contact(2, ContactField::Name)),
            ("Primary Contact Email", Field::Contact(1, ContactField::Email)),
            ("Contact 1 Parental Resp.", Field::Contact(1, ContactField::ParentalResponsibility)),
            ("Contact 1 Address Line 2", Field::Contact(1, ContactField::AddressLine)),
            ("Parental Responsibility", Field::Contact(1, ContactField::ParentalResponsibility)),
            ("Contact 2 Parental Responsibility", Field::Contact(2, ContactField::ParentalResponsibility)),
        ] {
            assert_eq!(Field::guess(header), Some(field), "{header}");
        }
        assert_eq!(Field::guess("Favourite colour"), None);
        assert_eq!(Field::guess("Contact 1 Gender"), None);
        for (header, field) in [
            ("Gender", Field::Sex),
            ("Sex", Field::Sex),
            ("Legal Sex", Field::Sex),
            ("Address", Field::Address),
            ("Home Address", Field::Address),
            ("Address Line 1", Field::AddressLine),
            ("Address 2", Field::AddressLine),
            ("Town", Field::AddressLine),
            ("Postcode", Field::Postcode),
            ("Post Code", Field::Postcode),
        ] {
            let key: String =
                header.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
            assert_eq!(pupil_detail(&key), Some(field), "{header}");
            assert_eq!(Field::guess(header), Some(field), "{header}");
        }
        for (header, kind) in [
            ("Contact 1 Mobile", Some(PhoneKind::Mobile)),
            ("Priority 2 Contact Mob", Some(PhoneKind::Mobile)),
            ("Contact 1 Home Telephone", Some(PhoneKind::Home)),
            ("Parent Work Phone", Some(PhoneKind::Work)),
            ("Contact 1 Telephone", None),
        ] {
            assert_eq!(phone_kind(header), kind, "{header}");
        }
        assert_eq!(Field::guess("Contact 12 Name"), None);
    }

    #[test]
    fn a_second_column_for_a_field_is_noted_and_a_mapping_wins() {
        let header: Vec<String> = ["UPN", "Surname", "Last Name", "Carer"].map(str::to_owned).to_vec();
        let r = report(&header, None);
        assert_eq!(r.columns.get(2).and_then(|c| c.note.clone()).map(|n| n.contains("column B")), Some(true));
        let mut mapping = ColumnMapping::new();
        mapping.set(2, Some(Field::LegalSurname)).set(1, None);
        let r = report(&header, Some(&mapping));
        let fields: Vec<Option<Field>> = r.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [Some(Field::Upn), None, Some(Field::LegalSurname), Some(Field::Contact(1, ContactField::Name))]
        );
        assert_eq!(r.missing(), [Field::LegalForename, Field::Dob]);
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }

    #[test]
    fn windows_1252_and_utf16_files_are_decoded() {
        let latin = b"UPN,Surname\nB801200005001,Zo\xeb \x96 Test\n";
        assert_eq!(decode(latin).ok().map(|t| t.contains("Zoë – Test")), Some(true));
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("UPN,Surname\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).ok().as_deref(), Some("UPN,Surname\n"));
        assert!(decode(b"UPN\n\x81").err().is_some_and(|r| r.reason.contains("line 2")));
        let mut utf16_be = vec![0xfe, 0xff];
        utf16_be.extend("UPN,Zoë\n".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&utf16_be).ok().as_deref(), Some("UPN,Zoë\n"));
        // An unpaired surrogate: damaged UTF-16.
        assert!(
            decode(&[0xff, 0xfe, b'U', 0, 0x00, 0xd8, b'P', 0])
                .err()
                .is_some_and(|r| r.reason.contains("damaged"))
        );
        assert_eq!(decode("\u{feff}UPN".as_bytes()).ok().as_deref(), Some("UPN"));
        assert!(matches!(decode(b"UPN,Surname\n"), Ok(Cow::Borrowed(_))));
        assert!(decode(b"<CTfile/>").err().map(|r| r.reason).unwrap_or_default().contains("CTF"));
    }
}
