//! A child or young person with an EHC plan, and the validation of what a user types for one.

use chrono::{Datelike, NaiveDate};

use crate::clock::{ReviewHistory, Transfers};
use crate::dates::parse_user_date;
use crate::la::LaCatalogue;
use crate::problem::{Problem, Problems};
use crate::text::{PersonName, optional, optional_name};

/// A Unique Pupil Number: 13 characters, a check letter followed by 12 characters (the last may be
/// a letter for a temporary UPN), as defined by the DfE.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Upn(String);

/// The 23 letters used for UPN check letters (no I, O or S), in value order.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

impl Upn {
    pub fn parse(raw: &str) -> Result<Upn, Problem> {
        let upn: String = raw.trim().to_ascii_uppercase();
        let bad = |why: &str| {
            Problem::block(
                "upn",
                format!("UPN \u{201c}{}\u{201d} {why}.", raw.trim()),
                "Copy the UPN from the school's MIS: 13 characters, a letter then 12 digits.",
            )
        };
        let bytes = upn.as_bytes();
        if bytes.len() != 13 {
            return Err(bad("is not 13 characters long"));
        }
        let Some(check) = Upn::check_letter(&upn) else {
            return Err(bad("has characters where digits are expected"));
        };
        if bytes.first() != Some(&check) {
            return Err(bad("has the wrong check letter"));
        }
        Ok(Upn(upn))
    }

    /// Computes the check letter of a 13-character UPN from its last 12 characters, or `None` if
    /// those are not 11 digits and a digit or letter.
    pub fn check_letter(upn: &str) -> Option<u8> {
        let mut sum = 0u32;
        for (position, c) in upn.bytes().enumerate().skip(1) {
            let value = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                // Only the last character of a temporary UPN may be a letter.
                b'A'..=b'Z' if position == 12 => {
                    UPN_LETTERS.iter().position(|&l| l == c).and_then(|v| u32::try_from(v).ok())?
                }
                _ => return None,
            };
            sum += value * u32::try_from(position + 1).ok()?;
        }
        UPN_LETTERS.get(usize::try_from(sum % 23).ok()?).copied()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a user typed into the child form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildInput {
    pub legal_forenames: String,
    pub legal_surname: String,
    pub preferred_name: String,
    pub dob: String,
    pub upn: String,
    pub ncy_offset: String,
    pub looked_after: bool,
    pub la_id: String,
    pub la_ref: String,
    /// The date the plan was first issued ("" if not known).
    pub plan_issue_date: String,
    /// The date of the last annual review meeting ("" if not known, or none yet).
    pub last_review_meeting: String,
    /// The date of the LA's decision letter after the last review ("" if not known, or none yet).
    pub last_review_decision: String,
    /// An extra phase transfer at the end of this NC year ("" for none; Year 6 and Year 11
    /// transfers are always applied).
    pub transfer_ncy: String,
    /// Date of a post-16 to post-16 move ("" for none).
    pub post16_move: String,
    /// The SEN need types as DfE codes, primary first, separated by commas ("ASD, SLCN"; "" if
    /// not recorded).
    pub need_types: String,
}

/// A child's details, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRecord {
    pub legal_forenames: PersonName,
    pub legal_surname: PersonName,
    pub preferred_name: Option<PersonName>,
    pub dob: NaiveDate,
    pub upn: Option<Upn>,
    /// Taught out of chronological year group by this many years (−3 to +3).
    pub ncy_offset: i8,
    pub looked_after: bool,
    /// The maintaining LA's profile id.
    pub la_id: String,
    /// The LA's own case or EHCP reference.
    pub la_ref: Option<String>,
    /// The plan's dates that anchor its review cycle (any may be unknown).
    pub history: ReviewHistory,
    /// Phase transfers beyond the standard Year 6 and Year 11 ones.
    pub transfers: Transfers,
    /// The SEN need types, primary first (empty if not recorded).
    pub need_types: Vec<NeedType>,
}

/// One of the DfE's SEN need types (school census and Common Transfer File codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedType {
    pub code: &'static str,
    pub label: &'static str,
}

/// The DfE's SEN need type codes and what they mean.
pub const NEED_TYPES: [NeedType; 14] = [
    NeedType { code: "SPLD", label: "Specific learning difficulty" },
    NeedType { code: "MLD", label: "Moderate learning difficulty" },
    NeedType { code: "SLD", label: "Severe learning difficulty" },
    NeedType { code: "PMLD", label: "Profound and multiple learning difficulty" },
    NeedType { code: "SEMH", label: "Social, emotional and mental health" },
    NeedType { code: "SLCN", label: "Speech, language and communication needs" },
    NeedType { code: "HI", label: "Hearing impairment" },
    NeedType { code: "VI", label: "Visual impairment" },
    NeedType { code: "MSI", label: "Multi-sensory impairment" },
    NeedType { code: "PD", label: "Physical disability" },
    NeedType { code: "ASD", label: "Autistic spectrum disorder" },
    NeedType { code: "OTH", label: "Other difficulty or disability" },
    NeedType { code: "NSA", label: "SEN support but no specialist assessment of type of need" },
    NeedType { code: "BESD", label: "Behaviour, emotional and social difficulty (before 2015)" },
];

impl NeedType {
    /// The need type with this code, in any case ("asd" is ASD).
    pub fn from_code(code: &str) -> Option<NeedType> {
        let code = code.trim();
        NEED_TYPES.iter().copied().find(|n| n.code.eq_ignore_ascii_case(code))
    }
}

/// The need types as stored and typed: codes, primary first, separated by commas.
pub fn need_type_codes(needs: &[NeedType]) -> String {
    needs.iter().map(|n| n.code).collect::<Vec<_>>().join(", ")
}

/// Reads need type codes separated by commas (or spaces), primary first, each kept once.
pub fn parse_need_types(raw: &str) -> Result<Vec<NeedType>, Problem> {
    let mut out: Vec<NeedType> = Vec::new();
    for code in raw.split([',', ' ', ';', '/']).map(str::trim).filter(|c| !c.is_empty()) {
        let need = NeedType::from_code(code).ok_or_else(|| {
            let shown: String = code.chars().take(20).collect();
            let known: Vec<&str> = NEED_TYPES.iter().map(|n| n.code).collect();
            Problem::block(
                "need_types",
                format!("\u{201c}{shown}\u{201d} is not one of the DfE's SEN need type codes."),
                format!("Use the codes, primary need first: {}.", known.join(", ")),
            )
        })?;
        if !out.contains(&need) {
            out.push(need);
        }
    }
    Ok(out)
}

impl ChildRecord {
    /// The name the child goes by: their preferred name, or else their legal forenames.
    pub fn known_as(&self) -> &str {
        self.preferred_name.as_ref().unwrap_or(&self.legal_forenames).as_str()
    }

    /// The name to use when speaking about the child: preferred name and surname.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.known_as(), self.legal_surname.as_str())
    }

    /// The name as it must appear on statutory paperwork.
    pub fn legal_name(&self) -> String {
        format!("{} {}", self.legal_forenames.as_str(), self.legal_surname.as_str())
    }
}

/// The oldest a young person with an EHC plan can be (plans can run to age 25).
const MAX_AGE_YEARS: i32 = 26;
const MAX_LA_REF_CHARS: usize = 40;

/// Validates the child form, reporting every problem at once.
pub fn validate(
    input: &ChildInput,
    las: &LaCatalogue,
    today: NaiveDate,
) -> Result<ChildRecord, Vec<Problem>> {
    let mut problems = Problems::new();
    let legal_forenames =
        problems.take(PersonName::parse("legal_forenames", "Legal first name(s)", &input.legal_forenames));
    let legal_surname =
        problems.take(PersonName::parse("legal_surname", "Legal surname", &input.legal_surname));
    let preferred_name =
        problems.take(optional_name("preferred_name", "Preferred name", &input.preferred_name));
    let dob = problems.take(parse_user_date("dob", "Date of birth", &input.dob).and_then(|dob| {
        if dob > today {
            Err(Problem::block(
                "dob",
                "Date of birth is in the future.",
                "Check the year: enter it as dd/mm/yyyy.",
            ))
        } else if today.year() - dob.year() > MAX_AGE_YEARS {
            Err(Problem::block(
                "dob",
                format!("Date of birth makes this person older than {MAX_AGE_YEARS}."),
                "EHC plans run to age 25 at most: check the year.",
            ))
        } else {
            Ok(dob)
        }
    }));
    let upn =
        problems.take(if input.upn.trim().is_empty() { Ok(None) } else { Upn::parse(&input.upn).map(Some) });
    let ncy_offset = problems.take(parse_offset(&input.ncy_offset));
    let la_id = problems.take(match las.get(input.la_id.trim()) {
        Some(profile) => Ok(profile.id.clone()),
        None if input.la_id.trim().is_empty() => Err(Problem::block(
            "la_id",
            "Maintaining local authority is required.",
            "Choose the LA that maintains the plan (it may not be the school's own LA).",
        )),
        None => Err(Problem::block(
            "la_id",
            format!("No LA profile \u{201c}{}\u{201d} is known.", input.la_id.trim()),
            "Choose the maintaining LA from the list.",
        )),
    });
    let la_ref = problems.take(match optional(&input.la_ref) {
        Some(r) if r.chars().count() > MAX_LA_REF_CHARS => Err(Problem::block(
            "la_ref",
            format!("LA reference is longer than {MAX_LA_REF_CHARS} characters."),
            "Enter the LA's case or EHCP reference as printed on the plan.",
        )),
        other => Ok(other),
    });
    let plan_issued = problems.take(optional_date(
        "plan_issue_date",
        "Date the plan was first issued",
        &input.plan_issue_date,
    ));
    let last_review_meeting = problems.take(optional_date(
        "last_review_meeting",
        "Last review meeting",
        &input.last_review_meeting,
    ));
    let last_review_decision = problems.take(optional_date(
        "last_review_decision",
        "LA's last decision letter",
        &input.last_review_decision,
    ));
    // The order of the dates that could be read, each problem beside its field.
    let history = ReviewHistory {
        plan_issued: plan_issued.flatten(),
        last_review_meeting: last_review_meeting.flatten(),
        last_review_decision: last_review_decision.flatten(),
    };
    for problem in history.problems(dob, today) {
        problems.push(problem);
    }

    let need_types = problems.take(parse_need_types(&input.need_types));
    let transfer_ncy = problems.take(parse_transfer_ncy(&input.transfer_ncy));
    let post16_move = problems.take(if input.post16_move.trim().is_empty() {
        Ok(None)
    } else {
        parse_user_date("post16_move", "Post-16 move date", &input.post16_move).and_then(|date| {
            if dob.is_some_and(|dob| date <= dob) {
                Err(Problem::block(
                    "post16_move",
                    "Post-16 move date is before the date of birth.",
                    "Check the year.",
                ))
            } else {
                Ok(Some(date))
            }
        })
    });

    match (
        legal_forenames,
        legal_surname,
        preferred_name,
        dob,
        upn,
        ncy_offset,
        la_id,
        la_ref,
        plan_issued,
        last_review_meeting,
        last_review_decision,
        transfer_ncy,
        post16_move,
    ) {
        (
            Some(legal_forenames),
            Some(legal_surname),
            Some(preferred_name),
            Some(dob),
            Some(upn),
            Some(ncy_offset),
            Some(la_id),
            Some(la_ref),
            Some(_),
            Some(_),
            Some(_),
            Some(extra_transfer_ncy),
            Some(post16_move),
        ) if problems.is_empty() => Ok(ChildRecord {
            legal_forenames,
            legal_surname,
            preferred_name,
            dob,
            upn,
            ncy_offset,
            looked_after: input.looked_after,
            la_id,
            la_ref,
            history,
            transfers: Transfers { extra_transfer_ncy, post16_move },
            need_types: need_types.unwrap_or_default(),
        }),
        _ => Err(problems.into_vec()),
    }
}

/// A date that may be left blank.
fn optional_date(field: &'static str, label: &str, raw: &str) -> Result<Option<NaiveDate>, Problem> {
    if raw.trim().is_empty() { Ok(None) } else { parse_user_date(field, label, raw).map(Some) }
}

fn parse_transfer_ncy(raw: &str) -> Result<Option<i32>, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i32>().ok().filter(|n| (-1..=13).contains(n)).map(Some).ok_or_else(|| {
        Problem::block(
            "transfer_ncy",
            format!("Transfer year \u{201c}{text}\u{201d} is not a year group from −1 (nursery) to 13."),
            "Choose the year group at the end of which the child changes school, or leave it blank.",
        )
    })
}

fn parse_offset(raw: &str) -> Result<i8, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.strip_prefix('+').unwrap_or(text).parse::<i8>().ok().filter(|n| (-3..=3).contains(n)).ok_or_else(
        || {
            Problem::block(
                "ncy_offset",
                format!("Year-group offset \u{201c}{text}\u{201d} is not a whole number from −3 to 3."),
                "Use 0 for a child in their chronological year group, −1 for one taught a year below.",
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn las() -> LaCatalogue {
        LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message))
    }

    fn valid() -> ChildInput {
        ChildInput {
            legal_forenames: "Alex".into(),
            legal_surname: "Example".into(),
            preferred_name: "".into(),
            dob: "03/02/2016".into(),
            upn: "".into(),
            ncy_offset: "".into(),
            looked_after: false,
            la_id: "redcar".into(),
            la_ref: "".into(),
            plan_issue_date: "01/03/2024".into(),
            last_review_meeting: "".into(),
            last_review_decision: "".into(),
            transfer_ncy: "".into(),
            post16_move: "".into(),
            need_types: "".into(),
        }
    }

    /// Validates `input` and returns the fields with problems, in order.
    fn fields(input: &ChildInput) -> Vec<&'static str> {
        match validate(input, &las(), today()) {
            Ok(_) => vec![],
            Err(problems) => problems.iter().map(|p| p.field).collect(),
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert_eq!(fields(&valid()), Vec::<&str>::new());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input = ChildInput {
            legal_forenames: " ".into(),
            legal_surname: "".into(),
            dob: "31/02/2016".into(),
            upn: "123".into(),
            ncy_offset: "7".into(),
            la_id: "".into(),
            plan_issue_date: "01/13/2024".into(),
            last_review_decision: "01/01/2027".into(),
            ..valid()
        };
        assert_eq!(
            fields(&input),
            [
                "legal_forenames",
                "legal_surname",
                "dob",
                "upn",
                "ncy_offset",
                "la_id",
                "plan_issue_date",
                "last_review_decision"
            ]
        );
    }

    #[test]
    fn dates_must_make_sense() {
        assert_eq!(fields(&ChildInput { dob: "01/01/2030".into(), ..valid() }), ["dob"]);
        assert_eq!(fields(&ChildInput { dob: "01/01/1990".into(), ..valid() }), ["dob"]);
        assert_eq!(
            fields(&ChildInput { plan_issue_date: "01/01/2015".into(), ..valid() }),
            ["plan_issue_date"]
        );
        assert_eq!(
            fields(&ChildInput { plan_issue_date: "23/11/2026".into(), ..valid() }),
            ["plan_issue_date"]
        );
    }

    #[test]
    fn the_plan_s_dates_may_be_unknown_but_must_come_in_order() {
        let blank = ChildInput { plan_issue_date: "".into(), ..valid() };
        let record = validate(&blank, &las(), today());
        assert_eq!(record.map(|r| r.history), Ok(ReviewHistory::default()));
        let history = |issued: &str, meeting: &str, decision: &str| ChildInput {
            plan_issue_date: issued.into(),
            last_review_meeting: meeting.into(),
            last_review_decision: decision.into(),
            ..valid()
        };
        let full = validate(&history("01/03/2024", "14/03/2025", "02/04/2025"), &las(), today());
        let anchor = full.ok().and_then(|r| r.history.anchor()).map(|a| a.date);
        assert_eq!(anchor, NaiveDate::from_ymd_opt(2025, 4, 2));
        assert!(fields(&history("", "14/03/2025", "")).is_empty());
        assert_eq!(fields(&history("01/03/2024", "14/03/2025", "02/04/2024")), ["last_review_decision"]);
        assert_eq!(fields(&history("01/03/2025", "14/03/2024", "")), ["last_review_meeting"]);
        assert_eq!(fields(&history("", "23/11/2026", "")), ["last_review_meeting"]);
        assert_eq!(fields(&history("", "14/3/2025", "not yet")), ["last_review_decision"]);
    }

    #[test]
    fn transfers() {
        assert_eq!(
            fields(&ChildInput { transfer_ncy: "2".into(), post16_move: "05/01/2027".into(), ..valid() }),
            Vec::<&str>::new()
        );
        assert_eq!(fields(&ChildInput { transfer_ncy: "14".into(), ..valid() }), ["transfer_ncy"]);
        assert_eq!(fields(&ChildInput { post16_move: "01/01/2010".into(), ..valid() }), ["post16_move"]);
    }

    #[test]
    fn need_types_are_dfe_codes_primary_first() {
        let input = ChildInput { need_types: "asd, SLCN / asd".into(), ..valid() };
        let needs = validate(&input, &las(), today()).map(|r| r.need_types).unwrap_or_default();
        assert_eq!(need_type_codes(&needs), "ASD, SLCN");
        assert_eq!(needs.first().map(|n| n.label), Some("Autistic spectrum disorder"));
        assert_eq!(fields(&ChildInput { need_types: "ASD, autism".into(), ..valid() }), ["need_types"]);
    }

    #[test]
    fn unknown_la_is_refused() {
        assert_eq!(fields(&ChildInput { la_id: "atlantis".into(), ..valid() }), ["la_id"]);
    }

    #[test]
    fn offsets() {
        for (raw, ok) in [("", true), ("0", true), ("-1", true), ("+2", true), ("4", false), ("x", false)] {
            let got = fields(&ChildInput { ncy_offset: raw.into(), ..valid() }).is_empty();
            assert_eq!(got, ok, "offset {raw:?}");
        }
    }

    #[test]
    fn upn_check_letters() {
        // Build a valid UPN from its digits, then check the letter is enforced.
        let digits = "807123425001";
        let check = Upn::check_letter(&format!("?{digits}")).map(char::from);
        let good = format!("{}{digits}", check.unwrap_or('?'));
        assert!(Upn::parse(&good).is_ok(), "{good}");
        assert!(Upn::parse(&good.to_lowercase()).is_ok());
        let wrong = if good.starts_with('A') { 'B' } else { 'A' };
        assert!(Upn::parse(&format!("{wrong}{digits}")).is_err());
        assert!(Upn::parse("A80712342500").is_err());
        assert!(Upn::parse("A8071234250X1").is_err());
        // A temporary UPN ends in a letter.
        let temp = "80712342500A";
        let check = Upn::check_letter(&format!("?{temp}")).map(char::from).unwrap_or('?');
        assert!(Upn::parse(&format!("{check}{temp}")).is_ok());
    }

    #[test]
    fn display_name_prefers_the_preferred_name() {
        let input =
            ChildInput { legal_forenames: "Alexandra Jane".into(), preferred_name: "Lexi".into(), ..valid() };
        let record = validate(&input, &las(), today()).ok();
        assert_eq!(record.as_ref().map(ChildRecord::display_name).as_deref(), Some("Lexi Example"));
        assert_eq!(record.as_ref().map(ChildRecord::legal_name).as_deref(), Some("Alexandra Jane Example"));
    }
}
