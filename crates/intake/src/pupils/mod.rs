//! Pupils from the school's MIS (issue 14): the DfE Common Transfer File (CTF) and CSV reports
//! from SIMS, Arbor, Bromcom and the like, read as untrusted files.
//!
//! Both readers return the same [`PupilFile`]: the pupils with an EHC plan, and every other
//! record in [`PupilFile::skipped`] with its position and a reason a SENCO understands. A file
//! that cannot be read as a whole (damaged, cut short, a DTD, too large, not a pupil file) is
//! [`Refused`] with a reason, and no partial data is ever returned. Nothing here knows the
//! domain: UPNs and dates are checked for shape only, and the app decides what to store.
//!
//! Limits are counted while reading ([`MAX_FILE_BYTES`], [`MAX_RECORDS`], [`MAX_CONTACTS`],
//! the field length caps), XML never has a DTD or an entity expanded, and each reader runs
//! behind a panic boundary.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ardesk_domain::child::NEED_TYPES;
use chrono::{Datelike, NaiveDate};

mod csv;
mod ctf;

pub use csv::{ColumnMapping, ContactField, Field, HeaderColumn, HeaderReport, csv_headers, read_csv};
pub use ctf::read_ctf;

/// The largest pupil file read, in bytes (a CTF with attendance and assessments for 3,000
/// pupils is about 40 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The most pupil records (imported and skipped together) one file may hold; a file with more
/// is refused.
pub const MAX_RECORDS: usize = 10_000;
/// The most contacts one pupil may have; a pupil with more is skipped.
pub const MAX_CONTACTS: usize = 20;
/// The most phone numbers one contact may have; a pupil with a contact with more is skipped.
pub const MAX_PHONES: usize = 10;
/// The longest name (forename, surname, title), in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest other text field (email, phone, address line, relationship), in characters.
pub const MAX_TEXT_CHARS: usize = 254;

/// What a pupil file held: the pupils to import and the records left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilFile {
    /// The pupils with a current EHC plan (or every usable row of a CSV without a SEN column),
    /// in file order.
    pub pupils: Vec<ImportedPupil>,
    /// The records not imported, each with why, in file order.
    pub skipped: Vec<Skipped>,
    /// Which kind of file it was.
    pub source: Source,
}

/// The kind of file a [`PupilFile`] came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A DfE Common Transfer File; `version` is its header's `CTFversion` as written (for
    /// example "25.0"), or "unknown" if it has none.
    Ctf {
        /// The CTF version as written in the header.
        version: String,
    },
    /// A CSV report from an MIS.
    Csv,
}

/// One pupil read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPupil {
    /// The UPN, upper case, with a correct check letter (a temporary UPN ends in a letter).
    pub upn: String,
    /// The legal forename.
    pub legal_forename: String,
    /// The legal surname.
    pub legal_surname: String,
    /// The preferred forename, if the file gives one.
    pub preferred_forename: Option<String>,
    /// The preferred surname, if the file gives one.
    pub preferred_surname: Option<String>,
    /// The date of birth.
    pub dob: NaiveDate,
    /// The sex as a CTF codes it: "M" or "F" (a CSV's "Male" or "Female" is written so too);
    /// any other value as the file writes it. From `Sex` (CTF 25) or `Gender` (older CTFs), or
    /// a CSV's "Sex" or "Gender" column.
    pub sex: Option<String>,
    /// The national curriculum year as a CTF writes it: "N1", "N2", "R", "1" to "14", or "X"
    /// (not following the national curriculum).
    pub nc_year: Option<String>,
    /// The SEN need types, by rank (primary need first).
    pub need_types: Vec<NeedType>,
    /// The pupil's home address, if the file gives one.
    pub address: Option<Address>,
    /// The pupil's contacts, in the file's priority order.
    pub contacts: Vec<ImportedContact>,
    /// Where the pupil is in the file: in a CTF its position (1 = the first `<Pupil>`), in a
    /// CSV its spreadsheet row (1 = the header row, so the first pupil is row 2).
    pub row: usize,
}

/// One SEN need type of a pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedType {
    /// The code as the DfE writes it ("SLCN", "ASD", "SEMH"…), or the text of the file when it
    /// is not a known code.
    pub code: String,
    /// What the code means, for a known code.
    pub label: Option<&'static str>,
    /// The rank (1 = primary need), if the file gives one.
    pub rank: Option<u8>,
}

/// One contact of a pupil (a parent, carer or other person the school may contact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedContact {
    /// The title ("Mrs", "Dr"…).
    pub title: Option<String>,
    /// The forename.
    pub forename: Option<String>,
    /// The surname.
    pub surname: Option<String>,
    /// The relationship to the pupil.
    pub relationship: Option<Relationship>,
    /// Whether the contact has parental responsibility (`Responsibility` true, 1 or Y).
    pub parental_responsibility: bool,
    /// Whether a court order restricts contact with this person (`CourtOrder` Y, or a CSV's
    /// "Court Order" column): nothing should be sent to them automatically. No CTF source
    /// confirms a `CourtOrder` element (see `ctf.rs`), so `false` from a CTF means "not said",
    /// not "no order".
    pub court_order: bool,
    /// The email address.
    pub email: Option<String>,
    /// The phone numbers, in file order.
    pub phones: Vec<String>,
    /// The same phone numbers as [`ImportedContact::phones`], in the same order, each with its
    /// type (home, mobile, work) when the file gives one: a CTF's `TelephoneType`, or a CSV
    /// column such as "Contact 1 Mobile".
    pub phone_details: Vec<Phone>,
    /// The contact's address; "as pupil" is resolved to the pupil's address.
    pub address: Option<Address>,
    /// Whether the file said the contact lives at the pupil's address.
    pub address_as_pupil: bool,
}

/// A contact's relationship to the pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// The DfE code ("PAM", "CAR"…), when the file gives one or the text matches a known label.
    pub code: Option<String>,
    /// What the relationship is, in words ("Mother", "Carer"), or the file's text as written.
    pub label: String,
}

/// One phone number of a contact, with its type if the file gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number as written.
    pub number: String,
    /// What kind of phone it is; `None` if the file does not say.
    pub kind: Option<PhoneKind>,
}

/// The kind of a phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneKind {
    /// A home (landline) number: `H` in a CTF, "Home Phone" in a CSV report.
    Home,
    /// A mobile number: "Mobile" in a CSV report; `M` in a CTF is read so (by analogy with
    /// `H`; not confirmed, see `ctf.rs`).
    Mobile,
    /// A work number: "Work Phone" in a CSV report; `W` in a CTF is read so (not confirmed).
    Work,
    /// Another type, as the file writes it.
    Other(String),
}

impl PhoneKind {
    /// The type from a code or word ("H", "Mobile", "work"…); `None` if empty.
    fn parse(raw: &str) -> Result<Option<PhoneKind>, String> {
        let Some(text) = text_field(raw, "phone type", 40)? else {
            return Ok(None);
        };
        let key: String =
            text.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        Ok(Some(match key.as_str() {
            "h" | "home" | "homephone" | "hometelephone" | "landline" => PhoneKind::Home,
            "m" | "mobile" | "mob" | "mobilephone" | "cell" => PhoneKind::Mobile,
            "w" | "work" | "workphone" | "worktelephone" | "business" => PhoneKind::Work,
            _ => PhoneKind::Other(text),
        }))
    }

    /// How the kind reads ("Home", "Mobile", "Work", or the file's own word).
    pub fn label(&self) -> &str {
        match self {
            PhoneKind::Home => "Home",
            PhoneKind::Mobile => "Mobile",
            PhoneKind::Work => "Work",
            PhoneKind::Other(text) => text,
        }
    }
}

/// A postal address as lines and a postcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The lines above the postcode, in order, none empty.
    pub lines: Vec<String>,
    /// The postcode, as written.
    pub postcode: Option<String>,
}

/// A record of the file that is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The UPN as written, if the record has one (cut to 20 characters).
    pub upn: Option<String>,
    /// Where the record is (see [`ImportedPupil::row`]).
    pub row: usize,
    /// Why it is not imported, in plain English.
    pub reason: String,
}

/// Why a whole file cannot be read. Nothing of a refused file is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// What is wrong and what to do, in plain English.
    pub reason: String,
}

impl Refused {
    pub(crate) fn new(reason: impl Into<String>) -> Refused {
        Refused { reason: reason.into() }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refused {}

/// Runs a reader behind the size limit and a panic boundary.
fn guarded<T>(bytes: &[u8], read: impl FnOnce(&[u8]) -> Result<T, Refused>) -> Result<T, Refused> {
    if bytes.is_empty() {
        return Err(Refused::new("the file is empty. Export the pupils from the MIS again."));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refused::new(format!(
            "the file is {} MB, larger than the {} MB a pupil file can be. Export only the pupils \
             with an EHC plan, or without attendance and assessment data.",
            bytes.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    catch_unwind(AssertUnwindSafe(|| read(bytes))).unwrap_or_else(|_| {
        Err(Refused::new("the file could not be read (its structure confused the reader). Export it again."))
    })
}

/// Refuses programs, archives, PDFs and the like before they are read as text.
fn refuse_other_types(bytes: &[u8], expected: &str) -> Result<(), Refused> {
    match crate::sniff(bytes, u64::MAX) {
        Ok(crate::FileType::Text) | Err(crate::Refusal::Unknown) => Ok(()),
        Ok(other) => Err(Refused::new(format!(
            "the file is a {}, not {expected}. Export the pupils from the MIS again.",
            other.label()
        ))),
        Err(refusal) => Err(Refused::new(refusal.to_string())),
    }
}

/// One line number (1-based) for a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes.get(..offset.min(bytes.len())).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1
}

/// The pupils and skipped records of a file as they are read, with the record limit and the
/// check for a UPN seen twice.
#[derive(Debug, Default)]
struct Collector {
    pupils: Vec<ImportedPupil>,
    skipped: Vec<Skipped>,
    seen: HashMap<String, usize>,
}

impl Collector {
    fn count(&self) -> usize {
        self.pupils.len() + self.skipped.len()
    }

    /// Adds one record (setting its row); refuses the file once it holds more than [`MAX_RECORDS`].
    fn add(&mut self, row: usize, record: Result<ImportedPupil, Skip>) -> Result<(), Refused> {
        if self.count() >= MAX_RECORDS {
            return Err(Refused::new(format!(
                "the file holds more than {MAX_RECORDS} pupils, more than any school has. \
                 Export one school's pupils only."
            )));
        }
        match record {
            Ok(mut pupil) => {
                pupil.row = row;
                if let Some(first) = self.seen.get(&pupil.upn) {
                    self.skipped.push(Skipped {
                        upn: Some(pupil.upn.clone()),
                        row,
                        reason: format!(
                            "the UPN {} appears twice in the file (first at {first}); only the first is imported",
                            pupil.upn
                        ),
                    });
                } else {
                    self.seen.insert(pupil.upn.clone(), row);
                    self.pupils.push(pupil);
                }
            }
            Err(skip) => self.skipped.push(Skipped {
                upn: skip.upn.map(|u| shorten(&u, 20)),
                row,
                reason: skip.reason,
            }),
        }
        Ok(())
    }

    fn finish(self, source: Source) -> PupilFile {
        PupilFile { pupils: self.pupils, skipped: self.skipped, source }
    }
}

/// Why one record is skipped, with its UPN as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Skip {
    upn: Option<String>,
    reason: String,
}

/// The text as shown in a message: at most `max` characters, with "…" if cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

/// The letters of a UPN's check letter (and a temporary UPN's last character): A–Z without
/// I, O and S, valued 0 to 22.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// The check letter of a UPN from its other 12 characters (LA number, establishment number,
/// year and serial; a temporary UPN's last character is a letter). `None` if those are not 11
/// digits and a digit or check-alphabet letter.
///
/// The DfE algorithm: each character is valued (digits as themselves, letters by their place in
/// `ABCDEFGHJKLMNPQRTUVWXYZ`), multiplied by its position in the UPN (2 to 13), and the sum
/// modulo 23 picks the letter from the same alphabet.
pub fn upn_check_letter(rest: &str) -> Option<char> {
    let bytes = rest.as_bytes();
    if bytes.len() != 12 {
        return None;
    }
    let mut sum = 0usize;
    for (i, &c) in bytes.iter().enumerate() {
        let value = if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else if i == 11 {
            UPN_LETTERS.iter().position(|&l| l == c)?
        } else {
            return None;
        };
        sum += value * (i + 2);
    }
    UPN_LETTERS.get(sum % 23).map(|&c| char::from(c))
}

/// The UPN upper-cased and checked, or why it is not a UPN.
fn check_upn(raw: &str) -> Result<String, String> {
    let upn: String = raw.trim().to_uppercase();
    if upn.is_empty() {
        return Err("no UPN".to_owned());
    }
    let shown = shorten(&upn, 20);
    let length = upn.chars().count();
    if length != 13 {
        return Err(format!("the UPN {shown} has {length} characters; a UPN has 13. Check it in the MIS"));
    }
    let first = upn.chars().next().unwrap_or(' ');
    let Some(expected) = upn.get(1..).and_then(upn_check_letter) else {
        return Err(format!(
            "the UPN {shown} is not a letter and 12 digits (or 11 digits and a letter, for a temporary UPN). Check it in the MIS"
        ));
    };
    if first != expected {
        return Err(format!(
            "the UPN {shown} has the wrong check letter (the DfE's rule gives {expected}), so it was probably \
             mistyped. Check it in the MIS"
        ));
    }
    Ok(upn)
}

/// A text field: trimmed, `None` if empty; an error if longer than `cap` characters or if it
/// holds control characters. `what` names the field in the error.
fn text_field(raw: &str, what: &str, cap: usize) -> Result<Option<String>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > cap {
        return Err(format!("the {what} is longer than {cap} characters"));
    }
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!("the {what} holds control characters"));
    }
    Ok(Some(text.to_owned()))
}

/// A date written `dd/mm/yyyy` (also `d/m/yyyy`, with `-` or `.`) or ISO `yyyy-mm-dd`, with
/// any time after it ignored. `what` names the field in the error.
fn parse_date(raw: &str, what: &str) -> Result<NaiveDate, String> {
    let text = raw.trim();
    let shown = shorten(text, 30);
    let date_part = text.split(['T', ' ']).next().unwrap_or_default();
    let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            s.parse().ok()
        }
    };
    let (year, month, day, year_text) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (number(y), number(m), number(d), *y),
        [d, m, y] => (number(y), number(m), number(d), *y),
        _ => return Err(format!("the {what} {shown:?} is not a date written dd/mm/yyyy")),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(format!("the {what} {shown:?} is not a date written dd/mm/yyyy"));
    };
    if year_text.len() != 4 {
        return Err(format!("the {what} {shown:?} has a two-digit year; the app needs all four digits"));
    }
    let date = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| format!("the {what} {shown:?} is not a real date"))?;
    if !(1900..=2100).contains(&date.year()) {
        return Err(format!("the {what} {shown:?} is not a believable date"));
    }
    Ok(date)
}

/// A date as prose: `3 Feb 2026`.
fn prose(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The NC year as a CTF writes it, from what an MIS writes ("Year 7", "Y7", "07", "Reception",
/// "Nursery 1", "R", "N2", "X"). `None` if empty.
fn nc_year(raw: &str) -> Result<Option<String>, String> {
    let key: String =
        raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    if key.is_empty() {
        return Ok(None);
    }
    let digits = ["yeargroup", "ncyear", "year", "yr", "y"]
        .iter()
        .find_map(|p| {
            key.strip_prefix(p).filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap_or(&key);
    let year = match digits {
        "r" | "rec" | "reception" | "yearr" => "R".to_owned(),
        "n1" | "nursery1" => "N1".to_owned(),
        "n2" | "nursery2" => "N2".to_owned(),
        "x" => "X".to_owned(),
        d if d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) => match d.parse::<u8>() {
            Ok(n @ 1..=14) => n.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    if year.is_empty() {
        Err(format!(
            "the NC year {:?} is not one the DfE uses (N1, N2, R, 1 to 14, or X)",
            shorten(raw.trim(), 20)
        ))
    } else {
        Ok(Some(year))
    }
}

/// The sex as a CTF codes it: "M" or "F" from the code or the word ("Male", "female", "Boy"),
/// anything else as written (at most 20 characters). `None` if empty.
fn sex(raw: &str) -> Result<Option<String>, String> {
    let Some(text) = text_field(raw, "sex", 20)? else {
        return Ok(None);
    };
    Ok(Some(match text.to_ascii_lowercase().as_str() {
        "m" | "male" | "boy" => "M".to_owned(),
        "f" | "female" | "girl" => "F".to_owned(),
        _ => text,
    }))
}

/// An address from what a file gives: whole addresses (lines separated by commas or line
/// breaks), single lines, and a postcode. A last line that looks like a postcode is taken as
/// the postcode when there is none. `None` if all are empty.
fn address_from(whole: &[&str], lines: &[&str], postcode: &str) -> Result<Option<Address>, String> {
    let mut out = Vec::new();
    for raw in whole {
        for part in raw.split([',', '\n', '\r']) {
            out.extend(text_field(part, "address line", MAX_TEXT_CHARS)?);
        }
    }
    for raw in lines {
        out.extend(text_field(raw, "address line", MAX_TEXT_CHARS)?);
    }
    let mut postcode = text_field(postcode, "postcode", 16)?;
    if postcode.is_none() && out.last().is_some_and(|l| looks_like_postcode(l)) {
        postcode = out.pop();
    }
    if out.len() > 10 {
        return Err("an address has more than 10 lines".to_owned());
    }
    Ok((!out.is_empty() || postcode.is_some()).then_some(Address { lines: out, postcode }))
}

/// A yes/no value: true, 1, Y, yes; false, 0, N, no. `None` if empty.
fn yes_no(raw: &str, what: &str) -> Result<Option<bool>, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "y" | "yes" | "t" => Ok(Some(true)),
        "false" | "0" | "n" | "no" | "f" => Ok(Some(false)),
        _ => Err(format!("the {what} {:?} is neither yes nor no", shorten(raw.trim(), 20))),
    }
}

/// The SEN provision a record shows, as the DfE codes it (N, K, E; S, A and P before 2015).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Provision {
    Ehc,
    Support,
    NoSen,
    Statement,
    OldSupport,
}

impl Provision {
    /// The provision from a code or the words an MIS writes ("E", "EHC Plan", "E - Education,
    /// Health and Care Plan", "SEN Support"…). `None` if not recognised.
    fn parse(raw: &str) -> Option<Provision> {
        let text = raw.trim();
        // "E - Education, Health and Care Plan": the code before a dash or colon.
        let head = text.split([' ', '-', '–', ':']).next().unwrap_or_default();
        let key: String = text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let code = if head.chars().count() == 1 { head.to_ascii_lowercase() } else { key.clone() };
        Some(match code.as_str() {
            "e" | "ehc" | "ehcp" | "ehcplan" | "educationhealthandcareplan" | "educationhealthcareplan" => {
                Provision::Ehc
            }
            "k" | "sensupport" | "support" => Provision::Support,
            "n" | "" | "none" | "nosen" | "nospecialeducationalneed" | "nospecialeducationalneeds" => {
                Provision::NoSen
            }
            "s" | "statement" | "statementofsen" | "statementofspecialeducationalneeds" => {
                Provision::Statement
            }
            "a" | "p" | "schoolaction" | "schoolactionplus" => Provision::OldSupport,
            _ => return None,
        })
    }

    /// Why a pupil with this provision is not imported.
    fn reason(self, raw: &str) -> String {
        match self {
            Provision::Ehc => "has an EHC plan".to_owned(),
            Provision::Support => "SEN support (K), not an EHC plan".to_owned(),
            Provision::NoSen => "no special educational needs recorded (N)".to_owned(),
            Provision::Statement => "a statement of SEN (S), which EHC plans replaced in 2018; \
                                     ask the LA whether it became an EHC plan"
                .to_owned(),
            Provision::OldSupport => format!(
                "School Action or School Action Plus ({}), the SEN support codes used before 2015",
                shorten(raw.trim(), 10)
            ),
        }
    }
}

/// A need type from a code ("ASD"), a code and label ("ASD - Autistic spectrum disorder") or a
/// label ("Autistic Spectrum Disorder"). `None` if empty.
fn need_type(raw: &str, rank: Option<u8>) -> Result<Option<NeedType>, String> {
    let Some(text) = text_field(raw, "need type", MAX_NAME_CHARS)? else {
        return Ok(None);
    };
    let head = text.split([' ', '-', '–', ':']).next().unwrap_or_default().to_uppercase();
    // The DfE's codes, as the domain holds them.
    let by_code = NEED_TYPES.iter().find(|n| n.code == head);
    let by_label = NEED_TYPES.iter().find(|n| n.label.eq_ignore_ascii_case(&text));
    Ok(Some(match by_code.or(by_label) {
        Some(n) => NeedType { code: n.code.to_owned(), label: Some(n.label), rank },
        None => NeedType { code: text, label: None, rank },
    }))
}

/// Contact relationship codes and what they mean.
///
/// Not confirmed against the DfE's common basic data set (CBDS) code list, which could not be
/// reached for issue 14 (see `ctf.rs`); our synthetic fixtures use PAM, PAF, CAR and REL, but
/// no code or meaning here is checked. A code not listed is kept as written (its label is the
/// code), never guessed.
const RELATIONSHIPS: &[(&str, &str)] = &[
    ("PAR", "Parent"),
    ("PAM", "Mother"),
    ("PAF", "Father"),
    ("CAR", "Carer"),
    ("STM", "Step-mother"),
    ("STF", "Step-father"),
    ("FOM", "Foster mother"),
    ("FOF", "Foster father"),
    ("REL", "Other relative"),
    ("FAM", "Other family member"),
    ("CHM", "Childminder"),
    ("DOC", "Doctor"),
    ("SWR", "Social worker"),
    ("HTE", "Head teacher"),
    ("OTH", "Other contact"),
];

/// A relationship from a code ("PAM") or words ("Mother"). `None` if empty.
fn relationship(raw: &str) -> Result<Option<Relationship>, String> {
    let Some(text) = text_field(raw, "relationship", MAX_NAME_CHARS)? else {
        return Ok(None);
    };
    let known = RELATIONSHIPS
        .iter()
        .find(|(code, label)| code.eq_ignore_ascii_case(&text) || label.eq_ignore_ascii_case(&text));
    Ok(Some(match known {
        Some((code, label)) => Relationship { code: Some((*code).to_owned()), label: (*label).to_owned() },
        None => Relationship { code: None, label: text },
    }))
}

/// Titles recognised at the start of a full name.
const TITLES: &[&str] =
    &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "lady", "lord", "dame"];

/// Splits a full name into title, forename and surname: "Surname, Forename" or
/// "[Title] Forename Surname" (the last word is the surname).
fn split_name(full: &str) -> (Option<String>, Option<String>, Option<String>) {
    let is_title = |w: &str| TITLES.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str());
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let join = |w: &[String]| if w.is_empty() { None } else { Some(w.join(" ")) };
    if let Some((surname, rest)) = full.split_once(',') {
        let mut rest = words(rest);
        let title = if rest.first().is_some_and(|w| is_title(w)) { Some(rest.remove(0)) } else { None };
        return (title, join(&rest), join(&words(surname)));
    }
    let mut all = words(full);
    let title =
        if all.len() > 1 && all.first().is_some_and(|w| is_title(w)) { Some(all.remove(0)) } else { None };
    let surname = all.pop();
    (title, join(&all), surname)
}

/// Whether `text` looks like a UK postcode ("SW1A 1AA", "m11ae").
fn looks_like_postcode(text: &str) -> bool {
    let compact: Vec<u8> =
        text.bytes().filter(|b| !b.is_ascii_whitespace()).map(|b| b.to_ascii_uppercase()).collect();
    let Some((outward, inward)) = compact.len().checked_sub(3).map(|n| compact.split_at(n)) else {
        return false;
    };
    let inward_ok = matches!(inward, [d, a, b] if d.is_ascii_digit() && a.is_ascii_alphabetic() && b.is_ascii_alphabetic());
    let outward_ok = (2..=4).contains(&outward.len())
        && outward.first().is_some_and(u8::is_ascii_alphabetic)
        && outward.iter().all(u8::is_ascii_alphanumeric)
        && outward.iter().any(u8::is_ascii_digit);
    inward_ok && outward_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields added for issue 14 (a pupil's address, each phone's type) against the
    /// fixtures' expected.json; `tests/pupils.rs` checks the rest.
    #[test]
    fn fixtures_give_each_pupil_s_address_and_each_phone_s_type() {
        use serde_json::Value;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pupils");
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
        let expected: Value = serde_json::from_slice(&read("expected.json")).unwrap_or_default();
        let strings = |v: &Value| -> Option<Vec<Option<String>>> {
            v.as_array().map(|a| a.iter().map(|s| s.as_str().map(str::to_owned)).collect())
        };
        for name in ["ctf25.xml", "ctf24.xml", "sims.csv", "arbor.csv"] {
            let file =
                if name.ends_with(".csv") { read_csv(&read(name), None) } else { read_ctf(&read(name)) };
            let Ok(file) = file else { panic!("{name}: {file:?}") };
            let want = expected.get(name).and_then(|w| w.get("pupils")).and_then(Value::as_array);
            let want = want.cloned().unwrap_or_default();
            assert_eq!(file.pupils.len(), want.len(), "{name}");
            for (p, w) in file.pupils.iter().zip(&want) {
                let lines = p.address.as_ref().map(|a| a.lines.iter().cloned().map(Some).collect());
                assert_eq!(lines, strings(&w["address_lines"]), "{name} {}", p.upn);
                let postcode = p.address.as_ref().and_then(|a| a.postcode.clone());
                assert_eq!(postcode.as_deref(), w["postcode"].as_str(), "{name} {}", p.upn);
                let contacts = w["contacts"].as_array().cloned().unwrap_or_default();
                assert_eq!(p.contacts.len(), contacts.len(), "{name} {}", p.upn);
                for (c, wc) in p.contacts.iter().zip(&contacts) {
                    let kinds: Vec<Option<String>> = c
                        .phone_details
                        .iter()
                        .map(|ph| ph.kind.as_ref().map(|k| k.label().to_owned()))
                        .collect();
                    assert_eq!(Some(kinds), strings(&wc["phone_kinds"]), "{name} {}", p.upn);
                    let numbers: Vec<&String> = c.phone_details.iter().map(|ph| &ph.number).collect();
                    assert_eq!(numbers, c.phones.iter().collect::<Vec<_>>(), "{name} {}", p.upn);
                }
            }
        }
    }

    #[test]
    fn sexes_and_phone_types_are_written_as_a_ctf_writes_them() {
        assert_eq!(sex(" Female "), Ok(Some("F".to_owned())));
        assert_eq!(sex("m"), Ok(Some("M".to_owned())));
        assert_eq!(sex("U"), Ok(Some("U".to_owned())));
        assert_eq!(sex(""), Ok(None));
        assert_eq!(PhoneKind::parse("H"), Ok(Some(PhoneKind::Home)));
        assert_eq!(PhoneKind::parse("Mobile"), Ok(Some(PhoneKind::Mobile)));
        assert_eq!(PhoneKind::parse("w"), Ok(Some(PhoneKind::Work)));
        assert_eq!(PhoneKind::parse("Fax"), Ok(Some(PhoneKind::Other("Fax".to_owned()))));
        assert_eq!(PhoneKind::parse(" "), Ok(None));
        let address = address_from(&["1 Lane, Town", ""], &["County"], "");
        assert_eq!(address.map(|a| a.map(|a| a.lines.len())), Ok(Some(3)));
        let address = address_from(&["1 Lane\nTown\nZZ99 1AA"], &[], "");
        assert_eq!(address.map(|a| a.and_then(|a| a.postcode)), Ok(Some("ZZ99 1AA".to_owned())));
        assert_eq!(address_from(&[" "], &[], ""), Ok(None));
    }

    #[test]
    fn upn_check_letters_follow_the_dfe_rule() {
        // python-stdnum's documented example, and a temporary UPN ending in a letter.
        assert_eq!(check_upn("B801200005001"), Ok("B801200005001".to_owned()));
        assert_eq!(upn_check_letter("80120000500A").map(|c| c.is_ascii_uppercase()), Some(true));
        let wrong = check_upn("A801200005001").err().unwrap_or_default();
        assert!(wrong.contains("check letter") && wrong.contains('B'), "{wrong}");
        assert!(check_upn("B80120000500").err().unwrap_or_default().contains("12 characters"));
        assert!(check_upn("B80120000A001").err().unwrap_or_default().contains("12 digits"));
        assert!(check_upn("é801200005001").is_err());
        assert!(check_upn("  ").err().unwrap_or_default().contains("no UPN"));
        assert_eq!(check_upn(" b801200005001 "), Ok("B801200005001".to_owned()));
    }

    #[test]
    fn dates_are_dd_mm_yyyy_or_iso() {
        let d = NaiveDate::from_ymd_opt(2012, 4, 3);
        assert_eq!(parse_date("03/04/2012", "date").ok(), d);
        assert_eq!(parse_date("3/4/2012", "date").ok(), d);
        assert_eq!(parse_date("2012-04-03", "date").ok(), d);
        assert_eq!(parse_date("03/04/2012 00:00:00", "date").ok(), d);
        assert_eq!(parse_date("2012-04-03T00:00:00", "date").ok(), d);
        assert!(parse_date("31/02/2012", "date").err().unwrap_or_default().contains("not a real date"));
        assert!(parse_date("03/04/12", "date").err().unwrap_or_default().contains("four digits"));
        assert!(parse_date("April 3rd", "date").is_err());
        assert!(parse_date("03/04/1812", "date").is_err());
        assert_eq!(prose(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap_or_default()), "3 Feb 2026");
    }

    #[test]
    fn nc_years_are_written_as_a_ctf_writes_them() {
        for (raw, want) in [
            ("Year 7", "7"),
            ("Y7", "7"),
            ("07", "7"),
            ("Yr 11", "11"),
            ("R", "R"),
            ("Reception", "R"),
            ("Nursery 1", "N1"),
            ("n2", "N2"),
            ("14", "14"),
            ("X", "X"),
        ] {
            assert_eq!(nc_year(raw), Ok(Some(want.to_owned())), "{raw}");
        }
        assert_eq!(nc_year(" "), Ok(None));
        assert!(nc_year("15").is_err());
        assert!(nc_year("Q").is_err());
    }

    #[test]
    fn sen_provisions_in_codes_and_words() {
        for raw in [
            "E",
            "e",
            "EHC Plan",
            "EHCP",
            "Education, Health and Care Plan",
            "E - Education, Health and Care Plan",
        ] {
            assert_eq!(Provision::parse(raw), Some(Provision::Ehc), "{raw}");
        }
        assert_eq!(Provision::parse("K"), Some(Provision::Support));
        assert_eq!(Provision::parse("SEN Support"), Some(Provision::Support));
        assert_eq!(Provision::parse("N"), Some(Provision::NoSen));
        assert_eq!(Provision::parse(""), Some(Provision::NoSen));
        assert_eq!(Provision::parse("S"), Some(Provision::Statement));
        assert_eq!(Provision::parse("Q"), None);
    }

    #[test]
    fn names_relationships_needs_and_postcodes() {
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(split_name("Mrs Juniper Q Testwhistle"), (s("Mrs"), s("Juniper Q"), s("Testwhistle")));
        assert_eq!(split_name("Testwhistle, Juniper"), (None, s("Juniper"), s("Testwhistle")));
        assert_eq!(split_name("Testwhistle, Dr. Juniper"), (s("Dr."), s("Juniper"), s("Testwhistle")));
        assert_eq!(split_name("Testwhistle"), (None, None, s("Testwhistle")));
        assert_eq!(relationship("pam").ok().flatten().map(|r| r.label), s("Mother"));
        assert_eq!(relationship("Carer").ok().flatten().and_then(|r| r.code), s("CAR"));
        assert_eq!(
            relationship("Aunt").ok().flatten(),
            Some(Relationship { code: None, label: "Aunt".to_owned() })
        );
        let need = need_type("ASD - Autistic Spectrum Disorder", Some(1)).ok().flatten();
        assert_eq!(need.map(|n| (n.code, n.label.is_some())), Some(("ASD".to_owned(), true)));
        let need = need_type("speech, language and communication needs", None).ok().flatten();
        assert_eq!(need.map(|n| n.code), s("SLCN"));
        assert!(
            looks_like_postcode("SW1A 1AA")
                && looks_like_postcode("m1 1ae")
                && looks_like_postcode("ZZ99 9ZZ")
        );
        assert!(!looks_like_postcode("Exampletown") && !looks_like_postcode("12 High St"));
    }

    #[test]
    fn text_fields_are_capped_and_free_of_control_characters() {
        assert_eq!(text_field("  Ada ", "forename", 10), Ok(Some("Ada".to_owned())));
        assert_eq!(text_field("   ", "forename", 10), Ok(None));
        assert!(
            text_field(&"x".repeat(11), "forename", 10).err().unwrap_or_default().contains("longer than 10")
        );
        assert!(text_field("A\u{7}da", "forename", 10).is_err());
        assert_eq!(yes_no("Y", "x"), Ok(Some(true)));
        assert_eq!(yes_no("false", "x"), Ok(Some(false)));
        assert!(yes_no("maybe", "x").is_err());
    }
}
