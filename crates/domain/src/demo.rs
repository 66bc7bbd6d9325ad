//! The synthetic demo caseload.
//!
//! Every name, number and address here is invented: names are combinations from short lists,
//! phone numbers are from the ranges Ofcom reserves for drama (01632 960xxx, 07700 900xxx), email
//! addresses use the reserved `example.org` domain, and UPNs use a made-up establishment number.
//! The caseload is a pure function of `today` and `size`, so it is the same on every machine.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};

use crate::child::{ChildRecord, Upn};
use crate::ncy::academic_year_start;
use crate::people::{ContactMethod, ParentCarer, Professional, Service};
use crate::plan::SectionId;
use crate::review::{Meeting, ReviewStage};
use crate::school::School;
use crate::text::PersonName;

/// The standard demo caseload size.
pub const STANDARD_SIZE: usize = 36;
/// The largest caseload the demo generator makes (`ardesk demo --size`).
pub const MAX_SIZE: usize = 2000;

/// One demo child with everything around them.
#[derive(Debug, Clone)]
pub struct DemoChild {
    pub record: ChildRecord,
    pub sections: Vec<(SectionId, String)>,
    pub parents: Vec<ParentCarer>,
    pub professionals: Vec<Professional>,
    pub meeting: Option<Meeting>,
    pub stage: ReviewStage,
}

/// The demo school and its caseload.
#[derive(Debug, Clone)]
pub struct DemoCaseload {
    pub school: School,
    pub children: Vec<DemoChild>,
}

const FORENAMES: [&str; 40] = [
    "Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Harvey", "Isla", "Jay", "Kira", "Leo", "Maya",
    "Noah", "Orla", "Priya", "Quinn", "Ruby", "Sami", "Tia", "Umar", "Vera", "Will", "Xena", "Yusuf", "Zara",
    "Alfie", "Bea", "Cody", "Daisy", "Eli", "Freya", "Gus", "Hana", "Ivo", "Jude", "Kai", "Lola", "Milo",
    "Nia",
];
const SURNAMES: [&str; 50] = [
    "Ashdown",
    "Brackley",
    "Calloway",
    "Dunmore",
    "Eastwick",
    "Fairbairn",
    "Glenholm",
    "Hartsell",
    "Ingleby",
    "Jessop",
    "Kettleby",
    "Lowther",
    "Marwood",
    "Netherby",
    "Ormsby",
    "Pennock",
    "Quarrie",
    "Redfearn",
    "Saltwell",
    "Thwaite",
    "Underhill",
    "Varley",
    "Wetherell",
    "Yarrow",
    "Zouch",
    "Appleby",
    "Birtley",
    "Coverdale",
    "Dalesworth",
    "Elswick",
    "Fenwick",
    "Gisburn",
    "Haverton",
    "Ilderton",
    "Jarrow-Bell",
    "Kildale",
    "Lazenby",
    "Marske",
    "Normanby",
    "Ormesby",
    "Preston-Hale",
    "Rillington",
    "Skelton",
    "Thornaby",
    "Upleatham",
    "Vickerby",
    "Whitby-Lane",
    "Yearby",
    "Zetland",
    "Brotton",
];
/// Preferred names, used for every fifth child.
const PREFERRED: [&str; 8] = ["Lexi", "Bobbie", "Jess", "Charlie", "Sunny", "Max", "Ellie", "Tommy"];
const PARENT_FORENAMES: [&str; 12] = [
    "Sarah", "James", "Aisha", "Tom", "Nadia", "Gareth", "Helen", "Imran", "Joanne", "Kevin", "Leanne",
    "Marek",
];

/// Builds a demo caseload of `size` children (at most [`MAX_SIZE`]) as of `today`.
pub fn caseload(today: NaiveDate, size: usize) -> DemoCaseload {
    let school = School {
        name: "Annual Review Desk Demo School".to_owned(),
        address: "1 Example Street, Exampletown, XX1 1XX".to_owned(),
        urn: "999001".to_owned(),
        logo: None,
        senco_name: "Alex Example".to_owned(),
        senco_role: "SENCO".to_owned(),
        phone: "01632 960000".to_owned(),
        email: "senco@example.org".to_owned(),
        head_teacher: String::new(),
    };
    let children = (0..size.min(MAX_SIZE)).filter_map(|i| child(today, i)).collect();
    DemoCaseload { school, children }
}

/// The demo child whose meeting is booked after T03 (a Stockton child at the planning stage,
/// whose meeting is five weeks or more away).
const MEETING_TOO_LATE: usize = 13;

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    items.get(i % items.len().max(1)).copied()
}

fn days(n: usize) -> Days {
    Days::new(u64::try_from(n).unwrap_or(0))
}

fn child(today: NaiveDate, i: usize) -> Option<DemoChild> {
    // Year groups R to Y13 in turn; every name pair is distinct for i < 2000 (41 is coprime to 50).
    let target_ncy = i32::try_from(i % 14).ok()?;
    let forename = pick(&FORENAMES, i)?;
    let surname = pick(&SURNAMES, (i / 40) * 41 + i % 40)?;
    let cohort = academic_year_start(today) - 5 - target_ncy;
    let dob = NaiveDate::from_ymd_opt(cohort, 9, 1)? + days((i * 53) % 364);
    let ncy_offset: i8 = if i % 17 == 5 { -1 } else { 0 };
    let looked_after = i % 8 == 3;
    let stockton = i % 3 == 1;
    let (la_id, la_number, la_prefix) =
        if stockton { ("stockton", 808, "ST") } else { ("redcar", 807, "RC") };

    let digits = format!("{la_number}{:04}{:02}{:03}", 4001 + i / 1000, (cohort + 5) % 100, i % 1000);
    let check = Upn::check_letter(&format!("?{digits}")).map(char::from)?;
    let upn = Upn::parse(&format!("{check}{digits}")).ok()?;

    let (meeting, stage) = review(today, i);
    // A booked meeting sits in its cycle as LAs ask: up to three weeks before the target date
    // (anchor + 11 months), so the anchor follows from it. Reviews still being planned have
    // anchors spread over the last two years, so some are late.
    // Redcar counts its target from the last review meeting, held PREVIOUS_MEETING_DAYS before
    // the decision letter that is the anchor of a later review.
    let from_last_meeting = !stockton && !i.is_multiple_of(3);
    let anchor = match &meeting {
        // One meeting is booked too late, whatever the day: after T03, four weeks before the
        // review deadline, so the LA could not decide in time.
        Some(m) if i == MEETING_TOO_LATE => m.date - Months::new(12) + Days::new(14),
        Some(m) if from_last_meeting => {
            m.date - Months::new(11) + days(i % 21) + Days::new(PREVIOUS_MEETING_DAYS)
        }
        Some(m) => m.date - Months::new(11) + days(i % 21),
        None => today - days(40 + (i * 97) % 700),
    };
    // First reviews run from the plan's issue date; later ones from the last decision letter.
    let (plan_issue_date, last_review_decision) =
        if i.is_multiple_of(3) { (anchor, None) } else { (anchor - days(330 + i % 25), Some(anchor)) };
    let plan_issue_date = plan_issue_date.max(dob + Months::new(24));

    let preferred = (i % 5 == 2).then(|| pick(&PREFERRED, i / 5)).flatten();
    let record = ChildRecord {
        legal_forenames: PersonName::parse("legal_forenames", "", forename).ok()?,
        legal_surname: PersonName::parse("legal_surname", "", surname).ok()?,
        preferred_name: match preferred {
            Some(p) => Some(PersonName::parse("preferred_name", "", p).ok()?),
            None => None,
        },
        dob,
        upn: Some(upn),
        ncy_offset,
        looked_after,
        la_id: la_id.to_owned(),
        la_ref: Some(format!("{la_prefix}-EHC-{:05}", 10_000 + i * 7)),
        // The previous review's meeting was held four weeks before its decision letter
        // ([`previous_review`]).
        history: crate::clock::ReviewHistory {
            plan_issued: Some(plan_issue_date),
            last_review_meeting: last_review_decision
                .map(|decided| decided - Days::new(PREVIOUS_MEETING_DAYS)),
            last_review_decision,
        },
        // One infant-school child in Year 2 moves to junior school: T16 applies to them too.
        transfers: crate::clock::Transfers {
            extra_transfer_ncy: (target_ncy == 2 && i % 28 == 2).then_some(2),
            post16_move: None,
        },
        // A primary need for every child, and a second one for every third child.
        need_types: demo_needs(i),
    };
    let name = record.known_as().to_owned();
    let ncy = target_ncy + i32::from(ncy_offset);

    Some(DemoChild {
        sections: sections(&name, ncy, looked_after),
        parents: parents(i, surname, looked_after),
        professionals: professionals(i, ncy, looked_after),
        record,
        meeting,
        stage,
    })
}

/// The bank holidays the demo's meetings avoid, read once.
static HOLIDAYS: std::sync::LazyLock<crate::calendar::BankHolidays> =
    std::sync::LazyLock::new(crate::calendar::BankHolidays::embedded);

fn review(today: NaiveDate, i: usize) -> (Option<Meeting>, ReviewStage) {
    let venue = if i % 4 == 1 {
        "Remote: video call (joining link sent by email)"
    } else {
        "SENCO office, main site"
    };
    let start = NaiveTime::from_hms_opt(9 + u32::try_from(i % 6).unwrap_or(0), 0, 0);
    // Meetings fall on working days, as a school books them (never a weekend or bank holiday).
    let meeting = |date: NaiveDate| {
        Some(Meeting { date: HOLIDAYS.working_day_on_or_before(date), start, venue: venue.to_owned() })
    };
    match i % 6 {
        0 => (None, ReviewStage::Planning),
        1 => (meeting(today + days(35 + i % 20)), ReviewStage::Planning),
        2 => (meeting(today + days(22 + i % 18)), ReviewStage::InvitationsSent),
        3 => (meeting(today + days(8 + i % 12)), ReviewStage::ReportsDue),
        4 => (meeting(today - days(3 + i % 9)), ReviewStage::MeetingHeld),
        // Some records have gone to the LA and wait for its decision (T12).
        _ if i % 12 == 11 => (meeting(today - days(15 + i % 7)), ReviewStage::Submitted),
        _ => (meeting(today - days(6 + i % 7)), ReviewStage::ReadyToSubmit),
    }
}

fn parents(i: usize, surname: &str, looked_after: bool) -> Vec<ParentCarer> {
    let first = pick(&PARENT_FORENAMES, i).unwrap_or("Sam");
    let second = pick(&PARENT_FORENAMES, i + 5).unwrap_or("Alex");
    let phone = |k: usize| Some(format!("07700 900{:03}", (i * 3 + k) % 1000));
    let email = |name: &str| Some(format!("{}.{}@example.org", name.to_lowercase(), surname.to_lowercase()));
    let address = Some(format!("{} Sample Road, Exampletown, XX2 {}YY", 1 + i % 90, i % 9));
    if looked_after {
        return vec![
            ParentCarer {
                name: format!("{second} Fosterley"),
                relationship: "Foster carer".to_owned(),
                parental_responsibility: false,
                phone: phone(1),
                email: email(second),
                address: address.clone(),
                preferred_contact: ContactMethod::Phone,
                language: None,
                interpreter: false,
                restriction: None,
                restriction_note: None,
            },
            ParentCarer {
                name: format!("{first} {surname}"),
                relationship: "Birth parent".to_owned(),
                parental_responsibility: true,
                phone: None,
                email: None,
                address: Some("Address held by the child's social worker".to_owned()),
                preferred_contact: ContactMethod::Post,
                language: None,
                interpreter: false,
                restriction: None,
                restriction_note: None,
            },
        ];
    }
    let mut list = vec![ParentCarer {
        name: format!("{first} {surname}"),
        relationship: if i.is_multiple_of(2) { "Mother" } else { "Father" }.to_owned(),
        parental_responsibility: true,
        phone: phone(0),
        email: email(first),
        address: address.clone(),
        preferred_contact: if i.is_multiple_of(3) { ContactMethod::Phone } else { ContactMethod::Email },
        language: None,
        interpreter: false,
        restriction: None,
        restriction_note: None,
    }];
    if i % 3 != 2 {
        list.push(ParentCarer {
            name: format!("{second} {surname}"),
            relationship: if i.is_multiple_of(2) { "Father" } else { "Mother" }.to_owned(),
            parental_responsibility: true,
            phone: phone(2),
            email: email(second),
            address,
            preferred_contact: ContactMethod::Email,
            language: None,
            interpreter: false,
            restriction: None,
            restriction_note: None,
        });
    }
    list
}

fn professionals(i: usize, ncy: i32, looked_after: bool) -> Vec<Professional> {
    let services: [(&str, &str); 6] = [
        ("Educational Psychologist", "Exampletown Educational Psychology Service"),
        ("Speech and Language Therapist", "Exampletown NHS Children's Therapies"),
        ("Occupational Therapist", "Exampletown NHS Children's Therapies"),
        ("Specialist Teacher (Autism Outreach)", "Exampletown Inclusion Service"),
        ("School Nurse", "Exampletown 0-19 Health Service"),
        ("CAMHS Practitioner", "Exampletown CAMHS"),
    ];
    let surname = |k: usize| pick(&SURNAMES, i * 7 + k * 13).unwrap_or("Smith");
    let person = |k: usize, role: &str, org: &str| {
        let name = format!("{} {}", pick(&PARENT_FORENAMES, i + k * 3).unwrap_or("Sam"), surname(k));
        Professional {
            email: Some(format!("{}@example.org", name.to_lowercase().replace(' ', ".").replace('-', ""))),
            phone: Some(format!("01632 960{:03}", (i * 5 + k) % 1000)),
            name,
            role: role.to_owned(),
            organisation: org.to_owned(),
            service: Service::guess(role),
            address: None,
        }
    };
    let mut list: Vec<Professional> = (0..1 + i % 3)
        .filter_map(|k| pick(&services, i + k * 2).map(|(role, org)| person(k, role, org)))
        .collect();
    if looked_after {
        list.push(person(4, "Social Worker", "Exampletown Children's Services"));
        list.push(person(5, "Virtual School Head", "Exampletown Virtual School"));
    }
    if ncy >= 9 {
        list.push(person(6, "Careers Adviser", "Exampletown Careers Service"));
    }
    list
}

fn sections(name: &str, ncy: i32, looked_after: bool) -> Vec<(SectionId, String)> {
    let phase = if ncy >= 7 { "secondary" } else { "primary" };
    let mut out = vec![
        (
            SectionId::A,
            format!(
                "{name} enjoys drawing, football and time with family. {name} says school is best \
                 when the day is predictable and adults explain changes early. {name}'s family \
                 hope {name} will grow in confidence and make friends."
            ),
        ),
        (
            SectionId::B,
            format!(
                "Communication and interaction: {name} has a diagnosis of autism and finds \
                 unstructured social situations difficult. Cognition and learning: {name}'s \
                 reading age is about two years below chronological age. Social, emotional and \
                 mental health: anxiety rises at transitions."
            ),
        ),
        (SectionId::C, format!("{name} has mild asthma managed with an inhaler; no other health needs relating to SEN.")),
        (
            SectionId::D,
            if looked_after {
                format!("{name} is looked after by the local authority; the care plan and PEP set out social care needs.")
            } else {
                "No social care needs identified.".to_owned()
            },
        ),
        (
            SectionId::E,
            format!(
                "1. By the end of the key stage, {name} will start a conversation with a peer at \
                 break time on most days.\n2. {name} will read and understand texts at the \
                 expected level for their year group with adult support.\n3. {name} will use a \
                 calm-down plan independently when anxious, on 4 out of 5 occasions."
            ),
        ),
        (
            SectionId::F,
            format!(
                "Small-group social communication session, 30 minutes, 3 times a week, led by a \
                 trained teaching assistant.\nDaily 20-minute individual reading intervention \
                 delivered by a teaching assistant trained in the school's phonics programme.\n\
                 Visual timetable and advance warning of changes, every day, all staff.\nSpeech \
                 and language therapy programme set by an SLT termly and delivered weekly in \
                 {phase} school."
            ),
        ),
        (SectionId::G, "Asthma care plan held by the school nurse, reviewed annually.".to_owned()),
        (SectionId::H1, "None.".to_owned()),
        (SectionId::H2, if looked_after { "As set out in the care plan.".to_owned() } else { "None.".to_owned() }),
        (SectionId::I, format!("Annual Review Desk Demo School ({phase}, mainstream, maintained).")),
        (SectionId::J, "No Personal Budget has been requested.".to_owned()),
        (SectionId::K, "Educational psychology advice; speech and language therapy advice; parental advice; school advice.".to_owned()),
    ];
    if ncy >= 9
        && let Some((_, text)) = out.iter_mut().find(|(s, _)| *s == SectionId::E)
    {
        text.push_str(&format!(
            "\n4. Preparing for adulthood: {name} will travel to a local college independently \
                 and take part in a work-experience placement."
        ));
    }
    out
}

/// A complete AR1 record for a demo review whose meeting has been held: every field the
/// completeness check asks for, two actions with owners and deadlines, and a recommendation.
pub fn ar1_fields(c: &DemoChild) -> Vec<(String, String)> {
    let name = c.record.known_as();
    let held = c
        .meeting
        .as_ref()
        .map_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(), |m| m.date);
    let date = |days_after: u64| (held + Days::new(days_after)).format("%d/%m/%Y").to_string();
    let mut fields: Vec<(String, String)> = [
        ("child_views", format!("{name} said the reading group helps and that break times are still hard.")),
        ("parent_views", format!("{name}'s parents are pleased with progress in reading and worried about changes of routine.")),
        ("school_views", "Good progress in reading; social communication targets partly met.".to_owned()),
        ("professional_views", professional_views(c)),
        ("provision_review", "Provision in Section F was delivered as specified; the reading intervention has had a clear impact.".to_owned()),
        ("health", "No change.".to_owned()),
        // The demo's social care officer attends online ([`attendance`]): the record says what
        // they said.
        ("social_care", if c.record.looked_after {
            "The PEP was reviewed alongside; no change to the care plan."
        } else {
            "The social care officer joined online: no social care needs under Sections D and H, and nothing to change."
        }.to_owned()),
        ("placement", "The placement continues to meet needs.".to_owned()),
        ("personal_budget_discussed", "true".to_owned()),
        ("discussion", format!(
            "Each Section E outcome was reviewed. {name} has met the reading target set last year and is partly meeting the social communication outcome. \
             The group agreed the provision remains right, with more structure at break times."
        )),
        ("differences", "None".to_owned()),
        ("recommendation", "amend".to_owned()),
        ("recommendation_reasons", "Reading has improved and speech and language therapy should be more frequent; the outcomes remain appropriate.".to_owned()),
        ("amend.B", "Update the reading age to reflect this year's progress.".to_owned()),
        ("amend.F", "Specify speech and language therapy as 3 x 20 minutes a week.".to_owned()),
        ("actions.0.action", "Introduce a structured break-time club".to_owned()),
        ("actions.0.owner", "SENCO".to_owned()),
        ("actions.0.deadline", date(28)),
        ("actions.0.success_measure", format!("{name} joins the club at least three times a week")),
        ("actions.1.action", "Share the updated one-page profile with all staff".to_owned()),
        ("actions.1.owner", "Class teacher".to_owned()),
        ("actions.1.deadline", date(14)),
        ("completed_by", "Alex Example, SENCO".to_owned()),
        ("completed_on", date(0)),
        ("child_presence", "part".to_owned()),
        ("head_teacher_signed", date(2)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let nc = crate::ncy::nc_year(c.record.dob, c.record.ncy_offset, held);
    if nc >= 9 {
        for (k, v) in [
            ("pfa.employment", "Interested in a college course in animal care; work experience planned."),
            ("pfa.independent_living", "Travel training to college has started."),
            ("pfa.community", "Attends a youth club weekly."),
            ("pfa.health", "Annual health check booked with the GP."),
        ] {
            fields.push((k.to_owned(), v.to_owned()));
        }
    }
    // Progress towards every Section E outcome (reg 20(5)): the record is not complete without
    // a rating for each.
    let outcomes =
        c.sections.iter().find(|(s, _)| *s == SectionId::E).map_or(0, |(_, e)| crate::ar1::outcomes(e).len());
    for n in 0..outcomes {
        let (rating, evidence) = match n {
            0 => ("partly", "Starts conversations with familiar adults; with peers when prompted."),
            1 => ("achieved", "The school's reading assessments show six months' extra progress this year."),
            2 => ("partly", "Uses the calm-down plan with an adult's prompt on most days."),
            _ => ("not_yet", "Travel training has started; the work-experience placement is planned."),
        };
        fields.push((format!("progress.{n}.rating"), rating.to_owned()));
        fields.push((format!("progress.{n}.evidence"), evidence.to_owned()));
    }
    fields
}

/// A change the demo meeting agreed, with the checklist documents (by code) it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAmendment {
    pub section: SectionId,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    /// (document code, page or paragraph).
    pub evidence: Vec<(&'static str, &'static str)>,
}

/// The agreed amendments of a demo review whose record is complete: Section B (reading has
/// improved) and Section F (therapy made specific), each with evidence.
pub fn amendments(c: &DemoChild) -> Vec<DemoAmendment> {
    let section = |id: SectionId| c.sections.iter().find(|(s, _)| *s == id).map(|(_, t)| t.clone());
    let mut out = Vec::new();
    if let Some(b) = section(SectionId::B) {
        out.push(DemoAmendment {
            section: SectionId::B,
            proposed: b.replace(
                "reading age is about two years below chronological age",
                "reading age is about eighteen months below chronological age, having closed the gap by six months this year",
            ),
            current: b,
            reason: "The school's reading assessments show six months' extra progress this year.".to_owned(),
            evidence: vec![("D02", "p. 1, reading assessments")],
        });
    }
    if let Some(f) = section(SectionId::F) {
        out.push(DemoAmendment {
            section: SectionId::F,
            proposed: f.replace(
                "set by an SLT termly and delivered weekly",
                "set by an SLT every half term and delivered 3 times a week for 20 minutes by a trained teaching assistant",
            ),
            current: f,
            reason: "Weekly therapy has not been enough for the speech targets; the school report recommends more.".to_owned(),
            evidence: vec![("D02", "p. 1, para 2")],
        });
    }
    out
}

/// What the professionals' written advice said, naming only those the child has (the record
/// cites no report nobody was asked for).
fn professional_views(c: &DemoChild) -> String {
    let roles: Vec<String> = c.professionals.iter().map(|p| format!("the {}", p.role)).collect();
    match roles.as_slice() {
        [] => "No other professional is involved.".to_owned(),
        [one] => format!("Written advice from {one} recommends continuing the current provision."),
        [init @ .., last] => format!(
            "Written advice from {} and {last} recommends continuing the current provision.",
            init.join(", ")
        ),
    }
}

/// How each kind of invitee took part in a demo meeting that has been recorded.
pub fn attendance(kind: crate::invitees::InviteeKind) -> crate::review::Attendance {
    use crate::invitees::InviteeKind as K;
    use crate::review::Attendance as A;
    match kind {
        K::Parent | K::YoungPerson | K::Carer | K::Setting => A::InPerson,
        K::SocialCare => A::Virtual,
        K::LaSen => A::Apologies,
        K::Health | K::Professional => A::Written,
    }
}

/// The review that the last decision letter concluded, for a demo child who has had one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousReview {
    pub meeting: Meeting,
    pub decision: crate::follow_up::Decision,
    pub decided_on: NaiveDate,
    /// The agreed actions, as AR1 fields (`actions.N.…`).
    pub actions: Vec<(String, String)>,
    /// Rows of the actions already done.
    pub done: Vec<usize>,
}

/// How long before its decision letter a demo child's previous review meeting was held.
const PREVIOUS_MEETING_DAYS: u64 = 26;

/// The previous review of a demo child whose cycle runs from a decision letter: held four weeks
/// before the letter, with three actions, the first (and usually the second) already done.
pub fn previous_review(c: &DemoChild) -> Option<PreviousReview> {
    let decided_on = c.record.history.last_review_decision?;
    let held = decided_on - Days::new(PREVIOUS_MEETING_DAYS);
    let name = c.record.known_as();
    let date = |days_after: u64| (held + Days::new(days_after)).format("%d/%m/%Y").to_string();
    let actions = [
        ("actions.0.action", "Set up a daily check-in with a trusted adult".to_owned()),
        ("actions.0.owner", "Teaching assistant".to_owned()),
        ("actions.0.deadline", date(21)),
        ("actions.1.action", format!("Refer {name} for a speech and language therapy review")),
        ("actions.1.owner", "SENCO".to_owned()),
        ("actions.1.deadline", date(120)),
        ("actions.1.success_measure", "Updated SaLT advice received".to_owned()),
        ("actions.2.action", "Plan visits to the next class or setting".to_owned()),
        ("actions.2.owner", "Class teacher".to_owned()),
        ("actions.2.deadline", date(330)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Some(PreviousReview {
        meeting: Meeting {
            date: held,
            start: NaiveTime::from_hms_opt(10, 0, 0),
            venue: "SENCO office, main site".to_owned(),
        },
        decision: crate::follow_up::Decision::NoChange,
        decided_on,
        actions,
        // Most referrals have been made; a few are still open (some of them late).
        done: if c.record.dob.day().is_multiple_of(4) { vec![0] } else { vec![0, 1] },
    })
}

/// Demo child `i`'s need types: a primary need, and for every third child a second one.
fn demo_needs(i: usize) -> Vec<crate::child::NeedType> {
    const PRIMARY: [usize; 6] = [10, 5, 4, 1, 0, 9]; // ASD, SLCN, SEMH, MLD, SpLD, PD
    let table = &crate::child::NEED_TYPES;
    let primary = PRIMARY.get(i % PRIMARY.len()).and_then(|n| table.get(*n)).copied();
    let second = i.is_multiple_of(3).then(|| table.get(5).copied()).flatten().filter(|n| Some(*n) != primary);
    primary.into_iter().chain(second).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ncy::nc_year;
    use std::collections::HashSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn standard_caseload_covers_what_the_product_needs_to_show() {
        let demo = caseload(today(), STANDARD_SIZE);
        assert!(demo.children.len() >= 30, "{} children", demo.children.len());
        let years: HashSet<i32> =
            demo.children.iter().map(|c| nc_year(c.record.dob, c.record.ncy_offset, today())).collect();
        for year in 0..=13 {
            assert!(years.contains(&year), "no child in year {year}: {years:?}");
        }
        let las: HashSet<&str> = demo.children.iter().map(|c| c.record.la_id.as_str()).collect();
        assert_eq!(las.len(), 2, "{las:?}");
        assert!(demo.children.iter().any(|c| c.record.looked_after));
    }

    #[test]
    fn names_and_upns_are_unique_even_at_the_largest_size() {
        let demo = caseload(today(), MAX_SIZE);
        assert_eq!(demo.children.len(), MAX_SIZE);
        let names: HashSet<String> = demo.children.iter().map(|c| c.record.legal_name()).collect();
        assert_eq!(names.len(), MAX_SIZE);
        let upns: HashSet<&str> =
            demo.children.iter().filter_map(|c| c.record.upn.as_ref().map(Upn::as_str)).collect();
        assert_eq!(upns.len(), MAX_SIZE);
    }

    #[test]
    fn the_caseload_is_deterministic_and_dates_are_consistent() {
        let a = caseload(today(), STANDARD_SIZE);
        let b = caseload(today(), STANDARD_SIZE);
        assert_eq!(format!("{:?}", a.children), format!("{:?}", b.children));
        for c in &caseload(today(), MAX_SIZE).children {
            let h = c.record.history;
            assert_eq!(h.problems(Some(c.record.dob), today()), vec![], "{h:?}");
            assert!(h.plan_issued.is_some_and(|issued| issued > c.record.dob));
            if let Some(decided) = h.last_review_decision {
                assert!(decided < today());
                assert_eq!(
                    h.last_review_meeting.map(|m| m.checked_add_days(Days::new(26))),
                    Some(Some(decided))
                );
            }
        }
    }
}
