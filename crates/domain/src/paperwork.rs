//! The review's paperwork (spec §4): which documents a review expects before the meeting, from
//! whom, and the names of the document codes D01–D19.

use chrono::NaiveDate;

use crate::child::ChildRecord;
use crate::clock::Timeline;
use crate::invitees::{Invitee, InviteeKind, SuggestionContext, suggest};
use crate::la::{Condition, LaProfile};
use crate::ncy::{is_young_person, nc_year};
use crate::people::{ParentCarer, Professional, has_parental_responsibility};
use crate::problem::Problem;
use crate::text::has_words;
use crate::transition::ReceivingSetting;

/// The name of a document code of spec §4.
pub fn doc_title(code: &str) -> &'static str {
    match code {
        "D01" => "AR1 / Record of Annual Review",
        "D02" => "School report (educational advice)",
        "D03" => "SEN support plan",
        "D04" => "Tracked-change document (proposed amendments)",
        "D05" => "Personal Education Plan (PEP)",
        "D06" => "Preparing for adulthood information",
        "D07" => "Costed provision map",
        "D08" => "Risk assessment",
        "D09" => "Professional report",
        "D10" => "Parent/carer views",
        "D11" => "Child or young person's views",
        "D12" => "Personal Budget request or review",
        "D13" => "Health questionnaire",
        "D14" => "Attendance and exclusion record",
        "D15" => "Request form",
        "D16" => "Invitation and circulation log",
        "D17" => "CPOMS or safeguarding record",
        "D18" => "Password-protected file",
        "D19" => "Other pupils' data",
        _ => "Document",
    }
}

/// What marks a document as a safeguarding record (D17), lower case: the names of the systems
/// whose exports carry them, and the titles such records have. The bundle check looks for them
/// in a file's name and the scan in its text (V03).
pub const SAFEGUARDING_MARKERS: [&str; 7] = [
    "cpoms",
    "myconcern",
    "safeguarding chronology",
    "child protection chronology",
    "dsl log",
    "designated safeguarding lead log",
    "safeguarding concern form",
];

/// What a document sent without this app probably is (D01–D17), from its file name and the
/// start of its text, for the LA's register of submissions a person must sort (issue 19). A Word
/// document still holding tracked changes, named as a plan, is the tracked-change document.
/// `None` when nothing says. Words are matched whole, so "report" does not match "reporter".
pub fn recognise(name: &str, text: &str, tracked_changes: bool) -> Option<&'static str> {
    // Lower case; apostrophes dropped ("child's" reads "childs"), a slash a space ("parent/carer"
    // reads "parent carer"); in a name, separators are spaces too.
    let words = |t: &str| t.to_lowercase().replace(['\'', '\u{2019}'], "").replace('/', " ");
    let name = words(name).replace(['_', '-', '.'], " ");
    let text = words(&text.chars().take(2000).collect::<String>());
    let says = |phrases: &[&str]| phrases.iter().any(|p| has_words(&name, p) || has_words(&text, p));
    let named = |phrases: &[&str]| phrases.iter().any(|p| has_words(&name, p));
    if says(&SAFEGUARDING_MARKERS) {
        return Some("D17");
    }
    if tracked_changes && named(&["ehcp", "ehc plan", "plan", "amendments", "tracked"]) {
        return Some("D04");
    }
    let rules: [(&str, &[&str]); 11] = [
        (
            "D01",
            &[
                "ar1",
                "annual review record",
                "record of annual review",
                "annual review form",
                "review meeting record",
            ],
        ),
        (
            "D10",
            &[
                "parent views",
                "parents views",
                "parent carer views",
                "parental views",
                "parent voice",
                "views of parents",
            ],
        ),
        (
            "D11",
            &[
                "pupil voice",
                "child views",
                "childs views",
                "young person views",
                "my views",
                "all about me",
                "one page profile",
            ],
        ),
        ("D05", &["pep", "personal education plan"]),
        ("D02", &["school report", "educational advice", "teacher report", "senco report"]),
        ("D07", &["provision map", "costed provision"]),
        ("D08", &["risk assessment"]),
        ("D14", &["attendance"]),
        ("D13", &["health questionnaire"]),
        ("D12", &["personal budget"]),
        (
            "D09",
            &[
                "educational psychologist",
                "ep report",
                "speech and language",
                "salt report",
                "occupational therapy",
                "ot report",
                "camhs",
                "physiotherapy",
                "advice",
                "report",
            ],
        ),
    ];
    // The file name first (the sender chose it), then the text.
    rules
        .iter()
        .find(|(_, words)| named(words))
        .or_else(|| rules.iter().find(|(_, words)| says(words)))
        .map(|(code, _)| *code)
}

/// One document the review expects before the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub code: &'static str,
    pub title: String,
    /// Index into the invitee list of who it comes from, if anyone in particular.
    pub from: Option<usize>,
}

/// The documents expected before the meeting: the school's report, advice from every invitee
/// asked for it, the views of the family and the child, and what the LA profile and the child's
/// circumstances add (support plan, PEP, preparing-for-adulthood information).
pub fn expected(profile: &LaProfile, looked_after: bool, pfa: bool, invitees: &[Invitee]) -> Vec<Expected> {
    let mut out = vec![Expected { code: "D02", title: doc_title("D02").to_owned(), from: None }];
    let required = |code: &str| profile.documents.required.iter().any(|c| c == code);
    let conditional = |code: &str, when: Condition| {
        profile.documents.conditional.iter().any(|c| c.doc == code && c.when == when)
    };
    if required("D03") {
        out.push(Expected { code: "D03", title: doc_title("D03").to_owned(), from: None });
    }
    let family =
        invitees.iter().position(|i| matches!(i.kind, InviteeKind::Parent | InviteeKind::YoungPerson));
    out.push(Expected {
        code: "D10",
        title: doc_title("D10").to_owned(),
        from: invitees.iter().position(|i| i.kind == InviteeKind::Parent).or(family),
    });
    out.push(Expected {
        code: "D11",
        title: doc_title("D11").to_owned(),
        from: invitees.iter().position(|i| i.kind == InviteeKind::YoungPerson),
    });
    if looked_after && (required("D05") || conditional("D05", Condition::LookedAfter)) {
        let vsh = invitees.iter().position(|i| i.role.to_lowercase().contains("virtual school"));
        out.push(Expected { code: "D05", title: doc_title("D05").to_owned(), from: vsh });
    }
    if pfa && (required("D06") || conditional("D06", Condition::Year9Plus)) {
        let careers = invitees.iter().position(|i| i.role.to_lowercase().contains("careers"));
        out.push(Expected { code: "D06", title: doc_title("D06").to_owned(), from: careers });
    }
    for (n, i) in invitees.iter().enumerate() {
        let asked = i.advice_requested && !i.kind.is_family() && i.kind != InviteeKind::Setting;
        // The VSH's PEP and the careers adviser's PfA information are already listed above.
        let listed = out.iter().any(|e| e.from == Some(n));
        if asked && !listed {
            out.push(Expected {
                code: "D09",
                title: format!("Advice from {} ({})", i.role, i.name),
                from: Some(n),
            });
        }
    }
    out
}

/// The people around the child that a review's invitee list starts from.
#[derive(Debug, Clone, Copy)]
pub struct Around<'a> {
    pub parents: &'a [ParentCarer],
    pub professionals: &'a [Professional],
    /// The next school or college, once the transition plan names it.
    pub receiving: Option<&'a ReceivingSetting>,
}

/// Whether a review plans a phase transfer: its clock has a transfer deadline, or the child is
/// in Year 6 or Year 11.
pub fn transfer_year(timeline: Option<&Timeline>, ncy: i32) -> bool {
    timeline.is_some_and(Timeline::is_transfer) || ncy == 6 || ncy == 11
}

/// The invitees the app suggests for a review meeting on `meeting`, and the documents the
/// checklist then expects (indexes in [`Expected::from`] point into the invitees). `school` is
/// the school's name and its head teacher's ("" if not given).
pub fn plan(
    record: &ChildRecord,
    around: &Around<'_>,
    meeting: NaiveDate,
    timeline: Option<&Timeline>,
    profile: &LaProfile,
    (school_name, head_teacher): (&str, &str),
) -> (Vec<Invitee>, Vec<Expected>) {
    let Around { parents, professionals, receiving } = *around;
    let ncy = nc_year(record.dob, record.ncy_offset, meeting);
    let transfer = transfer_year(timeline, ncy);
    let ctx = SuggestionContext {
        looked_after: record.looked_after,
        ncy,
        young_person: is_young_person(record.dob, meeting),
        transfer,
        school_name,
        head_teacher,
        la_name: &profile.name,
        receiving,
    };
    let invitees = suggest(&ctx, &record.display_name(), parents, professionals);
    let pfa = timeline.is_some_and(|t| t.pfa_required);
    let docs = expected(profile, record.looked_after, pfa, &invitees);
    (invitees, docs)
}

/// Why the invitations cannot be suggested yet: a child who is not yet a young person (still of
/// compulsory school age, [`is_young_person`]) with nobody recorded as having parental
/// responsibility. The law never lets the school leave the parent out (reg 20(2)(a)),
/// so the SENCO is asked who has it rather than given a list that silently lacks them.
pub fn parental_responsibility_missing(
    record: &ChildRecord,
    parents: &[ParentCarer],
    meeting: NaiveDate,
) -> Option<Problem> {
    (!is_young_person(record.dob, meeting) && !has_parental_responsibility(parents)).then(|| {
        Problem::block(
            "parents",
            format!("Who has parental responsibility for {}?", record.display_name()),
            "Add them under \u{201c}Parents and carers\u{201d} on the child's page: a parent with parental \
             responsibility must be invited (reg 20(2)(a)). For a looked-after child, add the birth parent \
             or the LA as corporate parent as the care order says.",
        )
    })
}

/// The kind of review (spec §9): the annual review, or one the LA holds between annual reviews
/// (an interim review, on a significant change) or brings forward (an early review). The law sets
/// no separate timetable for either: held as the statutory review, the full reg 20 timetable
/// applies and the LA's decision letter starts the next cycle, as after an annual review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ReviewType {
    #[default]
    Annual,
    Interim,
    Early,
}

impl ReviewType {
    pub const ALL: [ReviewType; 3] = [ReviewType::Annual, ReviewType::Interim, ReviewType::Early];

    /// The stable code, as stored and in the bundle's manifest.
    pub fn code(self) -> &'static str {
        match self {
            ReviewType::Annual => "annual",
            ReviewType::Interim => "interim",
            ReviewType::Early => "early",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewType> {
        ReviewType::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewType::Annual => "Annual review",
            ReviewType::Interim => "Interim review (between annual reviews)",
            ReviewType::Early => "Early review (brought forward)",
        }
    }
}

/// The documents the SENCO adds to a review's checklist by hand (spec §4): those the invitee
/// list does not produce. D07 and D08 are what V09 asks for with a funding or placement request;
/// D09 is a report from someone not invited (a report since the last review); D15 a request
/// form (reassessment, change of placement, funding).
pub const ADDABLE: [&str; 8] = ["D03", "D07", "D08", "D09", "D12", "D13", "D14", "D15"];

/// The longest title a document added by hand may have.
const TITLE_MAX: usize = 200;

/// A document added to the checklist by hand: its code and the title the checklist shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedDocument {
    pub code: &'static str,
    pub title: String,
}

/// Checks a document the SENCO adds to the checklist: one of [`ADDABLE`], with the title typed
/// (or the document's name); a report from someone not invited (D09) must say whose it is. The
/// same document twice is refused. `existing` is the checklist's (code, title) pairs.
pub fn add_document(
    code: Option<&str>,
    title: &str,
    existing: &[(&str, &str)],
) -> Result<AddedDocument, Vec<Problem>> {
    let title = title.trim();
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(vec![Problem::block(
            "code",
            "Choose the document to add.",
            "For example a costed provision map, a risk assessment or a report since the last review.",
        )]);
    };
    let Some(code) = ADDABLE.iter().copied().find(|c| *c == code) else {
        let hint = if ["D17", "D18", "D19"].contains(&code) {
            "It must never go to the LA with the review (spec §4)."
        } else if crate::la::DOC_CODES.contains(&code) {
            "It comes from the review itself: the invitees, the AR1 record or the amendments."
        } else {
            "Choose one of the documents offered."
        };
        return Err(vec![Problem::block("code", format!("{} cannot be added here.", doc_title(code)), hint)]);
    };
    let mut problems = Vec::new();
    if code == "D09" && title.is_empty() {
        problems.push(Problem::block(
            "title",
            "Say whose report it is.",
            "For example \u{201c}Paediatrician's report, March 2026\u{201d}: a report from someone invited is added with them.",
        ));
    }
    if title.chars().count() > TITLE_MAX {
        problems.push(Problem::block(
            "title",
            format!("The title is longer than {TITLE_MAX} characters."),
            "Shorten it.",
        ));
    }
    let title = if title.is_empty() { doc_title(code).to_owned() } else { title.to_owned() };
    if existing.iter().any(|(c, t)| *c == code && t.trim().eq_ignore_ascii_case(&title)) {
        problems.push(Problem::block(
            if code == "D09" { "title" } else { "code" },
            format!("The checklist already has \u{201c}{title}\u{201d}."),
            "Attach the file to it, or give this one a title of its own.",
        ));
    }
    if problems.is_empty() { Ok(AddedDocument { code, title }) } else { Err(problems) }
}

/// When a document added by hand is due: with the reports (T08) while that date is still ahead;
/// added later (say, the costed provision map V09 asks for after the meeting), by the date the
/// record is due with the LA (T11), as it goes with the record.
pub fn added_due(
    reports_due: Option<NaiveDate>,
    record_due: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    reports_due.filter(|d| *d >= today).or(record_due).or(reports_due)
}

/// Whether a checklist item can be taken off the list: a document added by hand (one of
/// [`ADDABLE`], asked of no invitee and not one the LA's profile requires) with nothing received
/// for it yet.
pub fn removable(profile: &LaProfile, code: &str, from_invitee: bool, received: bool) -> bool {
    ADDABLE.contains(&code)
        && !from_invitee
        && !received
        && !profile.documents.required.iter().any(|c| c == code)
}

/// Where one document on the checklist stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChecklistStatus {
    Received,
    NotRequested,
    /// Requested, and its due date has passed.
    Overdue,
    Awaited,
}

impl ChecklistStatus {
    /// Where a document stands on `today`: received, not asked for yet, or awaited (overdue
    /// once `due` has passed).
    pub fn of(
        received: Option<NaiveDate>,
        requested: Option<NaiveDate>,
        due: Option<NaiveDate>,
        today: NaiveDate,
    ) -> ChecklistStatus {
        match (received, requested, due) {
            (Some(_), _, _) => ChecklistStatus::Received,
            (None, None, _) => ChecklistStatus::NotRequested,
            (None, Some(_), Some(due)) if due < today => ChecklistStatus::Overdue,
            (None, Some(_), _) => ChecklistStatus::Awaited,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ChecklistStatus::Received => "received",
            ChecklistStatus::NotRequested => "not_requested",
            ChecklistStatus::Overdue => "overdue",
            ChecklistStatus::Awaited => "awaited",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChecklistStatus::Received => "Received",
            ChecklistStatus::NotRequested => "Not requested yet",
            ChecklistStatus::Overdue => "Overdue",
            ChecklistStatus::Awaited => "Awaited",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_sent_without_the_app_are_recognised_by_name_and_text() {
        let r = |name: &str, text: &str| recognise(name, text, false);
        assert_eq!(r("Annual Review AR1 - JS.docx", ""), Some("D01"));
        assert_eq!(r("scan0001.pdf", "Record of Annual Review\nName of child"), Some("D01"));
        assert_eq!(r("Parent views.pdf", ""), Some("D10"));
        assert_eq!(r("Parent/carer views.pdf", ""), Some("D10"));
        assert_eq!(r("Child's views.docx", ""), Some("D11"));
        assert_eq!(r("EP report.pdf", ""), Some("D09"));
        assert_eq!(r("School report Y5.docx", ""), Some("D02"));
        assert_eq!(r("export.pdf", "Exported from CPOMS"), Some("D17"));
        assert_eq!(recognise("EHCP amended.docx", "", true), Some("D04"));
        assert_eq!(recognise("EHCP amended.docx", "", false), None);
        assert_eq!(r("holiday photo.jpg", "reporter"), None, "whole words only");
    }
    use crate::invitees::{SuggestionContext, suggest};
    use crate::la::LaCatalogue;
    use crate::people::{ContactMethod, ParentCarer, Professional, Service};

    #[test]
    fn the_checklist_follows_the_invitees_and_the_profile() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let redcar = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let parent = ParentCarer {
            name: "Pat Example".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: None,
            email: None,
            address: None,
            preferred_contact: ContactMethod::Email,
            language: None,
            interpreter: false,
            restriction: None,
            restriction_note: None,
        };
        let ep = Professional {
            name: "Dr Ed Psych".into(),
            role: "Educational Psychologist".into(),
            organisation: "EPS".into(),
            service: Service::Education,
            email: None,
            phone: None,
            address: None,
        };
        let ctx = SuggestionContext {
            looked_after: true,
            ncy: 10,
            young_person: false,
            transfer: false,
            school_name: "S",
            head_teacher: "",
            la_name: "Redcar",
            receiving: None,
        };
        let invitees = suggest(&ctx, "Robin", &[parent], &[ep]);
        let list = expected(redcar, true, true, &invitees);
        let codes: Vec<&str> = list.iter().map(|e| e.code).collect();
        // School report, Redcar's support plan, parent and child views, PEP, PfA, then advice
        // from the LA's SEN officer, the EP, the ICB's health professional and the LA's social
        // care officer (reg 20(4)).
        assert_eq!(codes, ["D02", "D03", "D10", "D11", "D05", "D06", "D09", "D09", "D09", "D09"]);
        assert!(list.iter().any(|e| e.title == "Advice from Educational Psychologist (Dr Ed Psych)"));
        // Stockton does not require the support plan.
        let stockton = cat.get("stockton").unwrap_or_else(|| unreachable!());
        assert!(!expected(stockton, false, false, &invitees).iter().any(|e| e.code == "D03"));
    }

    /// Education Act 1996 s8(3); Children and Families Act 2014 s83(2); reg 20(2)(a): the child
    /// is invited in their own right from the day after the last Friday in June of Year 11, and
    /// until then a parent with parental responsibility must be.
    #[test]
    fn a_young_person_from_the_end_of_compulsory_school_age_not_the_16th_birthday() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let redcar = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let input = crate::child::ChildInput {
            legal_forenames: "Alex".into(),
            legal_surname: "Example".into(),
            dob: "05/10/2009".into(),
            la_id: "redcar".into(),
            plan_issue_date: "01/03/2024".into(),
            ..Default::default()
        };
        let record =
            crate::child::validate(&input, &cat, d(2026, 11, 22)).unwrap_or_else(|p| unreachable!("{p:?}"));
        // 16 on 5 Oct 2025; compulsory school age ends on Fri 26 Jun 2026.
        for (meeting, young_person) in [
            (d(2025, 11, 10), false),
            (d(2026, 6, 26), false),
            (d(2026, 6, 29), true),
            (d(2026, 11, 2), true),
        ] {
            assert_eq!(
                parental_responsibility_missing(&record, &[], meeting).is_some(),
                !young_person,
                "{meeting}"
            );
            let (invitees, _) = plan(
                &record,
                &Around { parents: &[], professionals: &[], receiving: None },
                meeting,
                None,
                redcar,
                ("School", ""),
            );
            let first = invitees.first().map(|i| i.kind == InviteeKind::YoungPerson);
            assert_eq!(first, Some(young_person), "{meeting}");
        }
    }

    #[test]
    fn a_document_is_overdue_only_once_requested_and_past_its_date() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        let cases = [
            (Some(d(2)), None, None, ChecklistStatus::Received),
            (None, None, Some(d(1)), ChecklistStatus::NotRequested),
            (None, Some(d(1)), Some(d(9)), ChecklistStatus::Overdue),
            (None, Some(d(1)), Some(d(10)), ChecklistStatus::Awaited),
            (None, Some(d(1)), None, ChecklistStatus::Awaited),
        ];
        for (received, requested, due, expected) in cases {
            assert_eq!(ChecklistStatus::of(received, requested, due, d(10)), expected);
        }
    }

    /// Issue 15 item 12; spec §4 (D07 costed provision map, D08 risk assessment, D09 reports
    /// received, D12–D15) and §8.5 V09: the documents the invitee list does not produce can be
    /// added by hand; what comes from the review itself, or must never go to the LA, cannot.
    #[test]
    fn a_document_the_invitees_do_not_produce_can_be_added() {
        let existing = [("D02", "School report (educational advice)"), ("D07", "Costed provision map")];
        let ok = |code: &str, title: &str| add_document(Some(code), title, &existing);
        /// The code and title added, or the fields refused.
        type Expected<'a> = Result<(&'a str, &'a str), &'a [&'a str]>;
        let cases: [(Option<&str>, &str, Expected); 11] = [
            (Some("D08"), "", Ok(("D08", "Risk assessment"))),
            (Some("D15"), "  Reassessment request ", Ok(("D15", "Reassessment request"))),
            (
                Some("D09"),
                "Paediatrician's report, March 2026",
                Ok(("D09", "Paediatrician's report, March 2026")),
            ),
            (
                Some("D07"),
                "Costed provision map, summer term",
                Ok(("D07", "Costed provision map, summer term")),
            ),
            (Some("D09"), " ", Err(&["title"])),
            (Some("D07"), "", Err(&["code"])),
            (Some("D07"), "costed provision map", Err(&["code"])),
            (None, "", Err(&["code"])),
            (Some("D01"), "", Err(&["code"])),
            (Some("D17"), "", Err(&["code"])),
            (Some("D99"), "", Err(&["code"])),
        ];
        for (code, title, expected) in cases {
            let got = add_document(code, title, &existing);
            match (got, expected) {
                (Ok(doc), Ok((c, t))) => assert_eq!((doc.code, doc.title.as_str()), (c, t)),
                (Err(problems), Err(fields)) => {
                    let got: Vec<&str> = problems.iter().map(|p| p.field).collect();
                    assert_eq!(got, fields, "{code:?} {title:?}");
                }
                (got, expected) => unreachable!("{code:?} {title:?}: {got:?}, expected {expected:?}"),
            }
        }
        let long = "x".repeat(201);
        assert!(ok("D14", &long).is_err_and(|p| p.iter().any(|p| p.field == "title")));
        let never = add_document(Some("D17"), "", &[]).err().unwrap_or_default();
        assert!(never.iter().any(|p| p.hint.contains("never go to the LA")), "{never:?}");
    }

    /// Only a document added by hand, with nothing received, comes off the list: never an
    /// invitee's advice or what the LA's profile requires (Redcar's SEN support plan).
    #[test]
    fn only_a_document_added_by_hand_with_nothing_attached_can_be_removed() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let redcar = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let stockton = cat.get("stockton").unwrap_or_else(|| unreachable!());
        for (profile, code, from_invitee, received, expected) in [
            (redcar, "D07", false, false, true),
            (redcar, "D07", false, true, false),
            (redcar, "D09", true, false, false),
            (redcar, "D09", false, false, true),
            (redcar, "D03", false, false, false),
            (stockton, "D03", false, false, true),
            (redcar, "D02", false, false, false),
            (redcar, "D10", false, false, false),
        ] {
            assert_eq!(removable(profile, code, from_invitee, received), expected, "{} {code}", profile.id);
        }
    }

    /// A document added after the reports were due (T08) is due with the record (T11).
    #[test]
    fn a_document_added_late_is_due_with_the_record() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        let (t08, t11) = (Some(d(10, 30)), Some(d(12, 4)));
        for (today, reports, record, expected) in [
            (d(10, 1), t08, t11, t08),
            (d(10, 30), t08, t11, t08),
            (d(10, 31), t08, t11, t11),
            (d(12, 10), t08, t11, t11),
            (d(10, 31), t08, None, t08),
            (d(10, 1), None, None, None),
        ] {
            assert_eq!(added_due(reports, record, today), expected, "{today}");
        }
    }

    /// Spec §9: the kinds of review, by their stable codes.
    #[test]
    fn review_types_have_stable_codes() {
        let codes: Vec<&str> = ReviewType::ALL.iter().map(|t| t.code()).collect();
        assert_eq!(codes, ["annual", "interim", "early"]);
        for t in ReviewType::ALL {
            assert_eq!(ReviewType::from_code(t.code()), Some(t));
        }
        assert_eq!(ReviewType::from_code("emergency"), None);
        assert_eq!(ReviewType::default(), ReviewType::Annual);
    }
}
