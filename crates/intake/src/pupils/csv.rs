//! CSV reports from any MIS (SIMS, Arbor, Bromcom…): one pupil a row, columns recognised by
//! their headers, and a mapping for the columns that are not.
//!
//! The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
//! Windows-1252 (what Excel writes as "CSV"); the separator is a comma, semicolon or tab,
//! whichever the header row uses most. Quoted values may hold separators, doubled quotes and
//! line breaks. The file is read one row at a time: a value over [`MAX_CELL_CHARS`], a row over
//! [`MAX_COLUMNS`] values, more than [`MAX_ROWS`] rows or a quote never closed refuses it.

use std::collections::BTreeMap;
use std::iter::Peekable;
use std::str::Chars;

use super::{
    Address, Collector, ImportedContact, ImportedPupil, MAX_NAME_CHARS, MAX_PHONES, MAX_RECORDS,
    MAX_TEXT_CHARS, Provision, PupilFile, Refused, Skip, Source, check_upn, guarded, looks_like_postcode,
    nc_year, need_type, parse_date, refuse_other_types, relationship, shorten, split_name, text_field,
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
    /// A phone number (a contact may have several phone columns).
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
            Field::PrimaryNeed => "Primary need".to_owned(),
            Field::SecondaryNeed => "Secondary need".to_owned(),
            Field::Contact(n, f) => format!("Contact {n} {}", f.label()),
        }
    }

    /// Whether several columns may hold this field (phones and address lines).
    fn repeatable(self) -> bool {
        matches!(self, Field::Contact(_, ContactField::Phone | ContactField::AddressLine))
    }

    /// The field a column header names, by the common names MIS reports use, ignoring case,
    /// spaces and punctuation ("Legal Surname", "DOB", "Year Group", "Contact 1 Email"…).
    pub fn guess(header: &str) -> Option<Field> {
        let key: String =
            header.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
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

/// "contact1email", "contactemail1", "parentcarer2name", "contact1" (a name)…
fn contact_guess(key: &str) -> Option<Field> {
    let rest = ["parentcarer", "parentguardian", "contact", "parent", "guardian", "carer"]
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
    contact_part(part).map(|f| Field::Contact(number, f))
}

fn contact_part(part: &str) -> Option<ContactField> {
    Some(match part {
        "" | "name" | "fullname" => ContactField::Name,
        "title" => ContactField::Title,
        "forename" | "firstname" | "givenname" => ContactField::Forename,
        "surname" | "lastname" | "familyname" => ContactField::Surname,
        "relationship"
        | "relation"
        | "relationshiptopupil"
        | "relationshiptostudent"
        | "relationshiptochild" => ContactField::Relationship,
        "parentalresponsibility" | "responsibility" | "pr" | "hasparentalresponsibility" => {
            ContactField::ParentalResponsibility
        }
        "courtorder" => ContactField::CourtOrder,
        "email" | "emailaddress" => ContactField::Email,
        "phone" | "telephone" | "tel" | "mobile" | "mobilephone" | "homephone" | "workphone"
        | "telephonenumber" | "phonenumber" | "mobilenumber" | "hometelephone" | "worktelephone"
        | "daytimephone" => ContactField::Phone,
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
        let mut rows = Rows::new(&text);
        let header = header_row(&mut rows)?;
        Ok(report(&header.values, None))
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
/// mapping step), binary or undecodable files, a quote never closed, and the size limits.
pub fn read_csv(bytes: &[u8], mapping: Option<&ColumnMapping>) -> Result<PupilFile, Refused> {
    guarded(bytes, |bytes| read(bytes, mapping))
}

fn read(bytes: &[u8], mapping: Option<&ColumnMapping>) -> Result<PupilFile, Refused> {
    let text = decode(bytes)?;
    let mut rows = Rows::new(&text);
    let header = header_row(&mut rows)?;
    let report = report(&header.values, mapping);
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
    while let Some(row) = rows.next_row()? {
        if row.values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let extra = row.values.get(header.values.len()..).unwrap_or_default();
        let record = if extra.iter().any(|v| !v.trim().is_empty()) {
            let upn = columns.first(Field::Upn, &row.values).trim();
            Err(Skip {
                upn: (!upn.is_empty()).then(|| upn.to_owned()),
                reason: format!(
                    "the row has {} values but the header row has {}; a value may hold an unquoted comma. \
                     Check the row in a spreadsheet",
                    row.values.len(),
                    header.values.len()
                ),
            })
        } else {
            pupil_from(&columns, &row.values)
        };
        out.add(row.number, record)?;
    }
    Ok(out.finish(Source::Csv))
}

/// The column numbers of each field.
#[derive(Debug)]
struct Columns {
    of: BTreeMap<Field, Vec<usize>>,
}

impl Columns {
    fn new(report: &HeaderReport) -> Columns {
        let mut of: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
        for column in &report.columns {
            if let Some(field) = column.field {
                of.entry(field).or_default().push(column.index);
            }
        }
        Columns { of }
    }

    fn has(&self, field: Field) -> bool {
        self.of.contains_key(&field)
    }

    fn first<'r>(&self, field: Field, row: &'r [String]) -> &'r str {
        self.of.get(&field).and_then(|c| c.first()).and_then(|&i| row.get(i)).map_or("", String::as_str)
    }

    fn all<'r>(&self, field: Field, row: &'r [String]) -> Vec<&'r str> {
        self.of.get(&field).into_iter().flatten().filter_map(|&i| row.get(i)).map(String::as_str).collect()
    }
}

fn pupil_from(columns: &Columns, row: &[String]) -> Result<ImportedPupil, Skip> {
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
        sex: None,
        nc_year: nc_year(cell(Field::NcYear)).map_err(skip)?,
        need_types,
        address: None,
        contacts,
        row: 0,
    })
}

/// Contact `n` of a row; `None` if the row has nothing for it.
fn contact(columns: &Columns, row: &[String], n: u8) -> Result<Option<ImportedContact>, String> {
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
    let mut phones = Vec::new();
    for raw in all(ContactField::Phone) {
        phones.extend(text_field(raw, "phone number", 40)?);
    }
    if phones.len() > MAX_PHONES {
        return Err(format!("more than {MAX_PHONES} phone numbers"));
    }
    let mut lines = Vec::new();
    for raw in all(ContactField::Address) {
        for part in raw.split([',', '\n']) {
            lines.extend(text_field(part, "address line", MAX_TEXT_CHARS)?);
        }
    }
    for raw in all(ContactField::AddressLine) {
        lines.extend(text_field(raw, "address line", MAX_TEXT_CHARS)?);
    }
    let mut postcode = text_field(cell(ContactField::Postcode), "postcode", 16)?;
    if postcode.is_none() && lines.last().is_some_and(|l| looks_like_postcode(l)) {
        postcode = lines.pop();
    }
    if lines.len() > 10 {
        return Err("an address has more than 10 lines".to_owned());
    }
    let address = (!lines.is_empty() || postcode.is_some()).then_some(Address { lines, postcode });
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
        email: text_field(cell(ContactField::Email), "email", MAX_TEXT_CHARS)?,
        phones,
        address,
        address_as_pupil: false,
    }))
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (`None`: the five bytes it leaves unused).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The file as text: UTF-16 with a byte-order mark, UTF-8, or else Windows-1252.
fn decode(bytes: &[u8]) -> Result<String, Refused> {
    let utf16 = |big: bool| -> Result<String, Refused> {
        let body = bytes.get(2..).unwrap_or_default();
        let units = body.chunks_exact(2).map(|p| match p {
            [a, b] if big => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| {
            Refused::new("the file says it is UTF-16 text but is damaged. Export it from the MIS again.")
        })
    };
    let text = if bytes.starts_with(&[0xff, 0xfe]) {
        utf16(false)?
    } else if bytes.starts_with(&[0xfe, 0xff]) {
        utf16(true)?
    } else {
        refuse_other_types(bytes, "a CSV file")?;
        match std::str::from_utf8(bytes) {
            Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
            Err(_) => {
                let mut text = String::with_capacity(bytes.len());
                for (i, &b) in bytes.iter().enumerate() {
                    let c = match b {
                        0x80..=0x9f => CP1252_HIGH.get(usize::from(b - 0x80)).copied().flatten(),
                        _ => Some(char::from(b)),
                    };
                    let Some(c) = c else {
                        return Err(Refused::new(format!(
                            "the file holds a byte that is not text (line {}), so it is not a CSV file. Save it \
                             from the spreadsheet as \"CSV UTF-8\" and try again.",
                            super::line_at(bytes, i)
                        )));
                    };
                    text.push(c);
                }
                text
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

/// One row of values.
#[derive(Debug)]
struct Row {
    /// Its spreadsheet row number (1 = the header row).
    number: usize,
    values: Vec<String>,
}

/// The rows of a CSV text, one at a time.
#[derive(Debug)]
struct Rows<'t> {
    chars: Peekable<Chars<'t>>,
    separator: char,
    line: usize,
    number: usize,
}

impl<'t> Rows<'t> {
    fn new(text: &'t str) -> Rows<'t> {
        let first = text.lines().next().unwrap_or_default();
        let count = |c: char| first.chars().filter(|&x| x == c).count();
        let separator = [',', ';', '\t'].into_iter().max_by_key(|&c| (count(c), c == ',')).unwrap_or(',');
        Rows { chars: text.chars().peekable(), separator, line: 1, number: 0 }
    }

    fn next_row(&mut self) -> Result<Option<Row>, Refused> {
        if self.chars.peek().is_none() {
            return Ok(None);
        }
        self.number += 1;
        if self.number > MAX_ROWS {
            return Err(Refused::new(format!(
                "the file has more than {MAX_ROWS} rows, more than a school's pupil list. Export one school's pupils only."
            )));
        }
        let (number, start) = (self.number, self.line);
        let mut values = Vec::new();
        let mut value = String::new();
        let mut length = 0usize;
        let mut quoted = false;
        let mut closed = false;
        let too_long = |line: usize| {
            Refused::new(format!(
                "row {number} (line {line}) has a value longer than {MAX_CELL_CHARS} characters, so the file is \
                 not a pupil list. Export it again."
            ))
        };
        loop {
            let Some(c) = self.chars.next() else {
                if quoted {
                    return Err(Refused::new(format!(
                        "a quoted value on row {number} (line {start}) is never closed: the file has been cut \
                         short or is damaged. Export it again; no pupil was read from it."
                    )));
                }
                break;
            };
            if c == '\n' || (c == '\r' && self.chars.peek() != Some(&'\n')) {
                self.line += 1;
            }
            if quoted {
                if c == '"' {
                    if self.chars.peek() == Some(&'"') {
                        self.chars.next();
                        value.push('"');
                    } else {
                        quoted = false;
                        closed = true;
                    }
                } else {
                    value.push(c);
                }
            } else if c == self.separator {
                values.push(std::mem::take(&mut value));
                closed = false;
                length = 0;
                if values.len() > MAX_COLUMNS {
                    return Err(Refused::new(format!(
                        "row {number} has more than {MAX_COLUMNS} values, so the file is not a pupil list."
                    )));
                }
                continue;
            } else if c == '\n' || c == '\r' {
                if c == '\r' && self.chars.peek() == Some(&'\n') {
                    self.chars.next();
                    self.line += 1;
                }
                break;
            } else if c == '"' && value.is_empty() && !closed {
                quoted = true;
            } else if closed {
                return Err(Refused::new(format!(
                    "row {number} (line {}) has text after a closing quote, so the file is not valid CSV. Save \
                     it from the spreadsheet as CSV again.",
                    self.line
                )));
            } else {
                value.push(c);
            }
            length += 1;
            if length > MAX_CELL_CHARS {
                return Err(too_long(self.line));
            }
        }
        values.push(value);
        Ok(Some(Row { number, values }))
    }
}

fn header_row(rows: &mut Rows<'_>) -> Result<Row, Refused> {
    match rows.next_row()? {
        Some(row) if row.values.iter().any(|v| !v.trim().is_empty()) => Ok(row),
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
        let mut rows = Rows::new(text);
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().map_err(|r| r.reason)? {
            out.push(row.values);
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
            ("Contact 1 Address Line 2", Field::Contact(1, ContactField::AddressLine)),
            ("Parental Responsibility", Field::Contact(1, ContactField::ParentalResponsibility)),
            ("Contact 2 Parental Responsibility", Field::Contact(2, ContactField::ParentalResponsibility)),
        ] {
            assert_eq!(Field::guess(header), Some(field), "{header}");
        }
        assert_eq!(Field::guess("Favourite colour"), None);
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
        assert!(decode(b"UPN\x81").is_err());
        assert!(decode(b"<CTfile/>").err().map(|r| r.reason).unwrap_or_default().contains("CTF"));
    }
}
