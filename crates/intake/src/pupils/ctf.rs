//! The DfE Common Transfer File (CTF): the XML a school's MIS exports for pupils.
//!
//! The structure read (the same in CTF 24 and 25, and in older versions where the names agree):
//!
//! ```text
//! CTfile / Header / CTFversion
//! CTfile / CTFpupilData / Pupil
//!     UPN, Surname, Forename, DOB, Sex (Gender before CTF 25)
//!     BasicDetails / PreferredSurname, PreferredForename, NCyearActual
//!     Address / BS7666Address (SAON, PAON, Street, Locality, Town, PostTown,
//!               AdministrativeArea) or AddressLines (AddressLine…), County, PostCode
//!     SENhistory / SEN (StartDate, SENprovision: N, K or E; EndDate if the MIS writes one)
//!                / SENneeds / SENneed (SENtype, SENtypeRank, NeedEndDate)
//!     Contacts / Contact
//!         Order, Title, Forename, Surname, Relationship, Responsibility, CourtOrder,
//!         Address (AddressAsPupil, or an address as above),
//!         Phones / Phone (TelephoneType, PhoneNo), Email
//! ```
//!
//! What is confirmed about a contact, and what is not (researched for issue 14; the DfE's CTF
//! 24/25 specification itself could not be reached, only its table of contents):
//!
//! - Confirmed: `Order`, `Title`, `Forename`, `Surname`, `Gender`, `MiddleNames`,
//!   `Relationship`, `Responsibility` (written `true`/`false`), `Address` with `AddressAsPupil`,
//!   `Phones`/`Phone`/`TelephoneType`/`PhoneNo` and `Email`, in that order, are the contact
//!   elements of Follett's Aspen MIS UK CTF import and export (Java package
//!   `com.x2dev.procedures.statereporting.uk`, class `DfEContact`, 2017; its `DfETelephone`
//!   defaults `TelephoneType` to `H`). It was found in a GitHub code index that did not name
//!   the repository.
//! - Parental responsibility is `Responsibility` (true/false); we also accept 1/0 and Y/N.
//! - Not confirmed: `CourtOrder`. No CTF source found has a court-order element in a contact,
//!   and Aspen's contact has none. It is still read if present (harmless), but a CTF should not
//!   be relied on to say that a court order restricts contact: ask the school.
//! - Not confirmed: the contact relationship code list (see `RELATIONSHIPS` in `mod.rs`) and
//!   the `TelephoneType` codes other than `H` (`M`, `W` are read as mobile and work by analogy).
//!   A code we do not know is kept as written.
//!
//! The file is streamed with quick-xml; only the elements above are kept, one pupil at a time,
//! within caps on depth, elements per pupil and text per element. A DTD or entity declaration
//! is refused before parsing starts, no entity but XML's five and character references is
//! resolved, and a file that ends early or is not well formed is refused as a whole.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{
    Address, Collector, ImportedContact, ImportedPupil, MAX_CONTACTS, MAX_NAME_CHARS, MAX_PHONES,
    MAX_TEXT_CHARS, NeedType, Phone, PhoneKind, Provision, PupilFile, Refused, Skip, Source, check_upn,
    guarded, line_at, nc_year, need_type, parse_date, prose, refuse_other_types, relationship, sex, shorten,
    text_field, yes_no,
};

/// The deepest nesting of elements read.
const MAX_DEPTH: usize = 64;
/// The most elements kept for one pupil (a pupil with 20 contacts keeps about 500).
const MAX_PUPIL_ELEMENTS: usize = 5_000;
/// The most text kept for one element, in bytes; a longer value fails its field's cap.
const MAX_ELEMENT_TEXT: usize = 4 * 1024;
/// The children of `<Pupil>` that are kept; everything else (attendance, assessments, school
/// history…) is checked for well-formedness and dropped.
const KEPT: &[&str] = &[
    "UPN",
    "Surname",
    "Forename",
    "DOB",
    "Sex",
    "Gender",
    "BasicDetails",
    "PreferredSurname",
    "PreferredForename",
    "NCyearActual",
    "SENhistory",
    "Address",
    "Contacts",
];

/// Reads a Common Transfer File: the pupils with a current EHC plan, and every other pupil in
/// [`PupilFile::skipped`] with the reason (SEN support, no SEN, an ended plan, a bad UPN…).
///
/// Refused: anything that is not UTF-8 XML with a `<CTfile>` root, a file with a DTD or an
/// entity declaration, a file that is not well formed or ends early (the line is named), one
/// larger than [`super::MAX_FILE_BYTES`] or with more than [`super::MAX_RECORDS`] pupils.
pub fn read_ctf(bytes: &[u8]) -> Result<PupilFile, Refused> {
    guarded(bytes, read)
}

fn read(bytes: &[u8]) -> Result<PupilFile, Refused> {
    refuse_other_types(bytes, "a Common Transfer File")?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Refused::new(
            "the file is saved as UTF-16 text; a CTF is UTF-8. Export it from the MIS again.",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Refused::new(format!(
            "the file is not UTF-8 text (line {} holds other bytes), so it is not a CTF as an MIS writes it. \
             Export it again.",
            line_at(bytes, e.valid_up_to())
        ))
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    if !body.trim_start().starts_with('<') {
        return Err(Refused::new(
            "the file is not XML, so it is not a Common Transfer File. Choose the .xml file the MIS exported.",
        ));
    }
    refuse_declarations(bytes)?;

    let mut reader = Reader::from_str(body);
    reader.config_mut().check_end_names = true;
    let mut state = State { src: bytes, ..State::default() };
    loop {
        let at = |position: u64| line_at(bytes, bom + usize::try_from(position).unwrap_or(usize::MAX));
        let event = reader.read_event().map_err(|e| {
            Refused::new(format!(
                "the file is not well-formed XML at line {} ({e}). It may be damaged or cut short; \
                 export it from the MIS again.",
                at(reader.error_position())
            ))
        })?;
        let pos = bom + usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(e) => state.open(e.local_name().into_inner(), pos)?,
            Event::Empty(e) => {
                state.open(e.local_name().into_inner(), pos)?;
                state.close()?;
            }
            Event::End(_) => state.close()?,
            Event::Text(t) => state.text(t.as_ref(), pos)?,
            Event::CData(c) => state.text(&c.xml10_content(), pos)?,
            Event::GeneralRef(r) => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                let Some(c) = c else {
                    return Err(Refused::new(format!(
                        "the file uses an entity (&{};) at line {} that XML does not define; a CTF uses \
                         none. Export it from the MIS again.",
                        shorten(r.as_ref(), 20),
                        line_at(bytes, pos)
                    )));
                };
                state.text(c.encode_utf8(&mut [0; 4]), pos)?;
            }
            Event::DocType(_) => return Err(dtd_refusal("a DTD (<!DOCTYPE …>)", line_at(bytes, pos))),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = state.stack.last() {
        return Err(Refused::new(format!(
            "the file ends (at line {}) before <{}> is closed: it has been cut short. Export it from the MIS \
             again; no pupil was read from it.",
            line_at(bytes, bytes.len()),
            shorten(open, 40)
        )));
    }
    if !state.root_done {
        return Err(Refused::new("the file holds no XML elements, so it is not a Common Transfer File."));
    }
    let version = state.version.trim();
    let version = if version.is_empty() { "unknown".to_owned() } else { version.to_owned() };
    Ok(state.out.finish(Source::Ctf { version }))
}

fn dtd_refusal(what: &str, line: usize) -> Refused {
    Refused::new(format!(
        "this file declares {what} at line {line}, which a CTF never does: a DTD can make a reader expand \
         entities without end or fetch other files. It was not read. Ask for the CTF exactly as the MIS \
         exported it."
    ))
}

/// Refuses `<!DOCTYPE` and `<!ENTITY` anywhere in the file (any case), before parsing.
fn refuse_declarations(bytes: &[u8]) -> Result<(), Refused> {
    let mut from = 0;
    while let Some(i) = bytes.get(from..).and_then(|b| b.windows(2).position(|w| w == b"<!")) {
        let at = from + i;
        let rest = bytes.get(at + 2..).unwrap_or_default();
        let starts = |word: &[u8]| rest.get(..word.len()).is_some_and(|r| r.eq_ignore_ascii_case(word));
        if starts(b"DOCTYPE") {
            return Err(dtd_refusal("a DTD (<!DOCTYPE …>)", line_at(bytes, at)));
        }
        if starts(b"ENTITY") {
            return Err(dtd_refusal("an entity (<!ENTITY …>)", line_at(bytes, at)));
        }
        from = at + 2;
    }
    Ok(())
}

/// One element kept from a pupil's record.
#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child called `name`, or "".
    fn text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.as_str())
    }
}

/// Adds `more` to `text`, keeping at most [`MAX_ELEMENT_TEXT`] bytes (plus one character, so
/// that a value over the cap still fails its field's check).
fn append_capped(text: &mut String, more: &str) {
    let room = (MAX_ELEMENT_TEXT + 1).saturating_sub(text.len());
    if more.len() <= room {
        text.push_str(more);
    } else {
        text.extend(more.chars().take(room.max(1)));
    }
}

/// The pupil being read: its kept elements as a stack (the first is `<Pupil>` itself).
#[derive(Debug)]
struct PupilBuild {
    nodes: Vec<Node>,
    /// How many elements deep the reader is inside an element that is not kept.
    skipping: usize,
    kept: usize,
}

#[derive(Debug, Default)]
struct State<'b> {
    /// The whole file, for line numbers in messages.
    src: &'b [u8],
    stack: Vec<String>,
    root_done: bool,
    version: String,
    pupil: Option<PupilBuild>,
    position: usize,
    out: Collector,
}

impl State<'_> {
    /// `pos` is the byte offset, turned into a line number only for a message.
    fn open(&mut self, name: &str, pos: usize) -> Result<(), Refused> {
        let line = || line_at(self.src, pos);
        if self.root_done {
            return Err(Refused::new(format!(
                "the file goes on after the end of the CTF (line {}); it may be two files joined. Export it again.",
                line()
            )));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Refused::new(format!(
                "the file nests elements more than {MAX_DEPTH} deep (line {}), which a CTF never does.",
                line()
            )));
        }
        if self.stack.is_empty() && name != "CTfile" {
            return Err(Refused::new(format!(
                "the file is XML but not a Common Transfer File (it starts with <{}>, not <CTfile>).",
                shorten(name, 40)
            )));
        }
        if let Some(pupil) = self.pupil.as_mut() {
            if pupil.skipping > 0 {
                pupil.skipping += 1;
            } else if pupil.nodes.len() == 1 && !KEPT.contains(&name) {
                pupil.skipping = 1;
            } else {
                pupil.kept += 1;
                if pupil.kept > MAX_PUPIL_ELEMENTS {
                    return Err(Refused::new(format!(
                        "pupil {} has more than {MAX_PUPIL_ELEMENTS} details (line {}), far more than a CTF \
                         holds. The file was not read.",
                        self.position,
                        line()
                    )));
                }
                pupil.nodes.push(Node { name: name.to_owned(), ..Node::default() });
            }
        } else if name == "Pupil"
            && self.stack.len() == 2
            && self.stack.get(1).is_some_and(|s| s == "CTFpupilData")
        {
            self.position += 1;
            self.pupil = Some(PupilBuild {
                nodes: vec![Node { name: name.to_owned(), ..Node::default() }],
                skipping: 0,
                kept: 1,
            });
        }
        self.stack.push(name.to_owned());
        Ok(())
    }

    fn close(&mut self) -> Result<(), Refused> {
        self.stack.pop();
        if self.stack.is_empty() {
            self.root_done = true;
        }
        let Some(pupil) = self.pupil.as_mut() else {
            return Ok(());
        };
        if pupil.skipping > 0 {
            pupil.skipping -= 1;
            return Ok(());
        }
        let Some(node) = pupil.nodes.pop() else {
            return Ok(());
        };
        if let Some(parent) = pupil.nodes.last_mut() {
            parent.children.push(node);
            return Ok(());
        }
        self.pupil = None;
        self.out.add(self.position, pupil_from(&node))
    }

    fn text(&mut self, text: &str, pos: usize) -> Result<(), Refused> {
        if self.stack.is_empty() {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(Refused::new(format!(
                "the file has text outside its elements at line {}, so it is not a Common Transfer File.",
                line_at(self.src, pos)
            )));
        }
        if let Some(pupil) = self.pupil.as_mut() {
            if pupil.skipping == 0
                && let Some(node) = pupil.nodes.last_mut()
            {
                append_capped(&mut node.text, text);
            }
        } else if self.stack.len() == 3
            && self.stack.get(1).is_some_and(|s| s == "Header")
            && self.stack.get(2).is_some_and(|s| s == "CTFversion")
        {
            append_capped(&mut self.version, text);
        }
        Ok(())
    }
}

/// One pupil's record as an imported pupil, or why it is skipped.
fn pupil_from(p: &Node) -> Result<ImportedPupil, Skip> {
    let upn_raw = p.text("UPN").trim();
    let given = (!upn_raw.is_empty()).then(|| upn_raw.to_owned());
    let skip = |reason: String| Skip { upn: given.clone(), reason };
    current_plan(p).map_err(skip)?;
    let upn = check_upn(upn_raw).map_err(skip)?;
    let details = p.child("BasicDetails");
    let detail = |name: &str| {
        details.and_then(|d| d.child(name)).or_else(|| p.child(name)).map_or("", |n| n.text.as_str())
    };
    let name = |raw: &str, what: &str| text_field(raw, what, MAX_NAME_CHARS).map_err(skip);
    let legal_surname =
        name(p.text("Surname"), "legal surname")?.ok_or_else(|| skip("no legal surname".to_owned()))?;
    let legal_forename =
        name(p.text("Forename"), "legal forename")?.ok_or_else(|| skip("no legal forename".to_owned()))?;
    let dob_raw = p.text("DOB");
    if dob_raw.trim().is_empty() {
        return Err(skip("no date of birth".to_owned()));
    }
    let dob = parse_date(dob_raw, "date of birth").map_err(skip)?;
    let sex_raw = p.child("Sex").or_else(|| p.child("Gender")).map_or("", |n| n.text.as_str());
    let address = p.child("Address").map(address).transpose().map_err(skip)?.flatten();
    Ok(ImportedPupil {
        upn,
        legal_forename,
        legal_surname,
        preferred_forename: name(detail("PreferredForename"), "preferred forename")?,
        preferred_surname: name(detail("PreferredSurname"), "preferred surname")?,
        dob,
        sex: sex(sex_raw).map_err(skip)?,
        nc_year: nc_year(detail("NCyearActual")).map_err(skip)?,
        need_types: needs(p).map_err(skip)?,
        contacts: contacts(p, address.as_ref()).map_err(skip)?,
        address,
        row: 0,
    })
}

/// `Ok` if the pupil's latest SEN record is a current EHC plan; otherwise why not.
fn current_plan(p: &Node) -> Result<(), String> {
    let none = || "no special educational needs recorded in the file".to_owned();
    let Some(history) = p.child("SENhistory") else {
        return Err(none());
    };
    let mut records = Vec::new();
    for (i, sen) in history.all("SEN").enumerate() {
        let date = |name: &str, what: &str| -> Result<Option<chrono::NaiveDate>, String> {
            let raw = sen.text(name);
            if raw.trim().is_empty() { Ok(None) } else { parse_date(raw, what).map(Some) }
        };
        let start = date("StartDate", "SEN start date")?;
        let end = date("EndDate", "SEN end date")?;
        records.push((start, i, sen.text("SENprovision").trim(), end));
    }
    let Some(&(start, latest, code, end)) = records.iter().max_by_key(|(start, i, ..)| (*start, *i)) else {
        return Err(none());
    };
    let provision = Provision::parse(code).ok_or_else(|| {
        format!("the SEN provision code {:?} is not one the DfE uses (E, K or N)", shorten(code, 10))
    })?;
    if provision == Provision::Ehc {
        return match end {
            Some(end) => Err(format!("the EHC plan ended on {}", prose(end))),
            None => Ok(()),
        };
    }
    let had_plan =
        records.iter().any(|(_, i, code, _)| *i != latest && Provision::parse(code) == Some(Provision::Ehc));
    if had_plan {
        let since = start.map(|d| format!(" (from {})", prose(d))).unwrap_or_default();
        Err(format!("the EHC plan has ended: the latest SEN record{since} is {}", provision.reason(code)))
    } else {
        Err(provision.reason(code))
    }
}

/// The pupil's current need types, by rank; needs with an end date are left out.
fn needs(p: &Node) -> Result<Vec<NeedType>, String> {
    let Some(list) = p.child("SENhistory").and_then(|h| h.child("SENneeds")) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for need in list.all("SENneed") {
        if !need.text("NeedEndDate").trim().is_empty() {
            continue;
        }
        let rank = need.text("SENtypeRank").trim().parse::<u8>().ok();
        out.extend(need_type(need.text("SENtype"), rank)?);
        if out.len() > MAX_CONTACTS {
            return Err(format!("more than {MAX_CONTACTS} SEN need types"));
        }
    }
    out.sort_by_key(|n| n.rank.unwrap_or(u8::MAX));
    Ok(out)
}

fn push_line(lines: &mut Vec<String>, raw: &str) -> Result<(), String> {
    if let Some(line) = text_field(raw, "address line", MAX_TEXT_CHARS)?
        && !lines.contains(&line)
    {
        lines.push(line);
    }
    Ok(())
}

/// An address element (BS 7666 or plain lines) as lines and a postcode; `None` if empty.
fn address(node: &Node) -> Result<Option<Address>, String> {
    let mut lines = Vec::new();
    if let Some(bs) = node.child("BS7666Address") {
        push_line(&mut lines, bs.text("SAON"))?;
        let (paon, street) = (bs.text("PAON").trim(), bs.text("Street").trim());
        if paon.starts_with(|c: char| c.is_ascii_digit()) && !street.is_empty() {
            push_line(&mut lines, &format!("{paon} {street}"))?;
        } else {
            push_line(&mut lines, paon)?;
            push_line(&mut lines, street)?;
        }
        for part in ["Locality", "Town", "PostTown", "AdministrativeArea"] {
            push_line(&mut lines, bs.text(part))?;
        }
    }
    if let Some(plain) = node.child("AddressLines") {
        for line in plain.children.iter().filter(|c| c.name.starts_with("AddressLine")) {
            push_line(&mut lines, &line.text)?;
        }
    }
    push_line(&mut lines, node.text("County"))?;
    if lines.len() > 10 {
        return Err("an address has more than 10 lines".to_owned());
    }
    let postcode = text_field(node.text("PostCode"), "postcode", 16)?;
    if lines.is_empty() && postcode.is_none() {
        return Ok(None);
    }
    Ok(Some(Address { lines, postcode }))
}

/// The pupil's contacts in the order of their `Order` (priority), then file order.
fn contacts(p: &Node, pupil_address: Option<&Address>) -> Result<Vec<ImportedContact>, String> {
    let Some(list) = p.child("Contacts") else {
        return Ok(Vec::new());
    };
    let all: Vec<&Node> = list.all("Contact").collect();
    if all.len() > MAX_CONTACTS {
        return Err(format!("more than {MAX_CONTACTS} contacts, more than the app takes for one pupil"));
    }
    let mut out = Vec::new();
    for (i, c) in all.into_iter().enumerate() {
        let order = c.text("Order").trim().parse::<u32>().unwrap_or(u32::MAX);
        let contact = contact(c, pupil_address).map_err(|e| format!("contact {}: {e}", i + 1))?;
        out.push((order, contact));
    }
    out.sort_by_key(|(order, _)| *order);
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

fn contact(c: &Node, pupil_address: Option<&Address>) -> Result<ImportedContact, String> {
    let name = |field: &str, what: &str| text_field(c.text(field), what, MAX_NAME_CHARS);
    let mut phone_details = Vec::new();
    for phone in c.child("Phones").into_iter().flat_map(|ps| ps.all("Phone")) {
        if let Some(number) = text_field(phone.text("PhoneNo"), "phone number", 40)? {
            phone_details.push(Phone { number, kind: PhoneKind::parse(phone.text("TelephoneType"))? });
        }
        if phone_details.len() > MAX_PHONES {
            return Err(format!("more than {MAX_PHONES} phone numbers"));
        }
    }
    let place = c.child("Address");
    let as_pupil_raw = place.map(|a| a.text("AddressAsPupil")).filter(|t| !t.trim().is_empty());
    let as_pupil = yes_no(as_pupil_raw.unwrap_or_else(|| c.text("AddressAsPupil")), "address-as-pupil flag")?
        .unwrap_or(false);
    let address = if as_pupil { pupil_address.cloned() } else { place.map(address).transpose()?.flatten() };
    Ok(ImportedContact {
        title: name("Title", "title")?,
        forename: name("Forename", "forename")?,
        surname: name("Surname", "surname")?,
        relationship: relationship(c.text("Relationship"))?,
        parental_responsibility: yes_no(c.text("Responsibility"), "parental responsibility")?
            .unwrap_or(false),
        court_order: yes_no(c.text("CourtOrder"), "court order")?.unwrap_or(false),
        email: text_field(c.text("Email"), "email", MAX_TEXT_CHARS)?,
        phones: phone_details.iter().map(|p| p.number.clone()).collect(),
        phone_details,
        address,
        address_as_pupil: as_pupil,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctf(pupils: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>\n<Header><DocumentName>Common Transfer File</DocumentName>\
             <CTFversion>25.0</CTFversion></Header>\n<CTFpupilData>\n{pupils}</CTFpupilData>\n</CTfile>\n"
        )
    }

    const PLAN: &str = "<SENhistory><SEN><StartDate>2021-09-01</StartDate><SENprovision>E</SENprovision></SEN>\
                        <SENneeds><SENneed><SENtypeRank>2</SENtypeRank><SENtype>SLCN</SENtype></SENneed>\
                        <SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed></SENneeds></SENhistory>";

    fn pupil(upn: &str, extra: &str) -> String {
        format!(
            "<Pupil><UPN>{upn}</UPN><Surname>Testwhistle</Surname><Forename>Juniper</Forename><DOB>2014-05-06</DOB>\
             <Sex>F</Sex>{extra}</Pupil>\n"
        )
    }

    fn reason(bytes: &[u8]) -> String {
        read_ctf(bytes).err().map(|r| r.reason).unwrap_or_default()
    }

    #[test]
    fn a_pupil_with_a_plan_is_read_with_needs_by_rank_and_entities_resolved() {
        let xml = ctf(&pupil(
            "B801200005001",
            &format!(
                "<BasicDetails><PreferredForename>Jun &amp; &#74;o</PreferredForename><NCyearActual>5</NCyearActual>\
                      <Languages><Type><LanguageType>F</LanguageType></Type></Languages></BasicDetails>\
                      <Attendance><YearData><AttendanceMarks>//\\\\</AttendanceMarks></YearData></Attendance>{PLAN}"
            ),
        ));
        let file = read_ctf(xml.as_bytes());
        let file = file.as_ref().map_err(|r| r.reason.clone());
        let pupil = file.map(|f| f.pupils.first().cloned());
        let Ok(Some(p)) = pupil else { panic!("{pupil:?}") };
        assert_eq!(p.preferred_forename.as_deref(), Some("Jun & Jo"));
        assert_eq!(p.nc_year.as_deref(), Some("5"));
        assert_eq!(p.sex.as_deref(), Some("F"));
        let needs: Vec<_> = p.need_types.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(needs, ["ASD", "SLCN"]);
    }

    #[test]
    fn declarations_and_broken_xml_are_refused_with_the_line() {
        let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [<!ENTITY a \"b\">]>\n<CTfile/>";
        let r = reason(dtd.as_bytes());
        assert!(r.contains("DTD") && r.contains("line 2") && r.contains("never does"), "{r}");
        assert!(reason(b"<CTfile><!ENTITY x SYSTEM \"file:///etc/passwd\"></CTfile>").contains("entity"));
        assert!(reason(b"<CTfile>&xxe;</CTfile>").contains("&xxe;"));
        let full = ctf(&pupil("B801200005001", PLAN));
        let cut = full.get(..full.len() / 2).unwrap_or_default();
        let r = reason(cut.as_bytes());
        assert!(r.contains("cut short") && r.contains("line"), "{r}");
        let r = reason(b"<CTfile>\n<Header>\n</CTfile>");
        assert!(r.contains("line 3") && r.contains("not well-formed"), "{r}");
        assert!(reason(b"<Other/>").contains("not a Common Transfer File"));
        assert!(reason(b"UPN,Surname\n").contains("not XML"));
        assert!(reason(b"<CTfile/><CTfile/>").contains("goes on"));
        assert!(reason(b"<CTfile/>trailing").contains("outside"));
        assert!(reason(b"%PDF-1.7").contains("PDF"));
        assert!(reason(b"<CTfile>\xff</CTfile>").contains("UTF-8"));
        let deep = format!("<CTfile>{}", "<a>".repeat(100));
        assert!(reason(deep.as_bytes()).contains("deep"));
    }

    #[test]
    fn an_empty_ctf_reads_as_no_pupils_with_its_version() {
        let file = read_ctf(ctf("").as_bytes());
        assert_eq!(
            file.map(|f| (f.pupils.len(), f.source)),
            Ok((0, Source::Ctf { version: "25.0".to_owned() }))
        );
    }

    #[test]
    fn a_contact_with_a_bad_flag_or_too_many_phones_skips_its_pupil() {
        let phones = "<Phone><PhoneNo>01632 960000</PhoneNo></Phone>".repeat(11);
        let xml = ctf(&[
            pupil(
                "B801200005001",
                &format!(
                    "{PLAN}<Contacts><Contact><Responsibility>maybe</Responsibility></Contact></Contacts>"
                ),
            ),
            pupil(
                "B801200005001",
                &format!("{PLAN}<Contacts><Contact><Phones>{phones}</Phones></Contact></Contacts>"),
            ),
        ]
        .concat());
        let file = read_ctf(xml.as_bytes());
        let reasons: Vec<String> =
            file.map(|f| f.skipped.into_iter().map(|s| s.reason).collect()).unwrap_or_default();
        assert!(
            reasons.first().is_some_and(|r| r.contains("contact 1") && r.contains("parental responsibility"))
        );
        assert!(reasons.get(1).is_some_and(|r| r.contains("phone numbers")), "{reasons:?}");
    }

    #[test]
    fn a_long_value_fails_its_field_cap_without_keeping_it_all() {
        let long = "x".repeat(100_000);
        let xml = ctf(&format!(
            "<Pupil><UPN>B801200005001</UPN><Surname>{long}</Surname><Forename>A</Forename><DOB>2014-05-06</DOB>{PLAN}</Pupil>"
        ));
        let file = read_ctf(xml.as_bytes());
        let reason = file.ok().and_then(|f| f.skipped.first().map(|s| s.reason.clone())).unwrap_or_default();
        assert!(reason.contains("longer than 100"), "{reason}");
    }
}
