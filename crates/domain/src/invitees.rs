//! Who is invited to a review (spec §3; SEND Regulations 2014 reg 20(2)), and who is asked for
//! advice. The app suggests; the SENCO adds, removes and edits.

use crate::people::{ContactMethod, ParentCarer, Professional, Restriction, SendMethod, Service};
use crate::problem::Problem;
use crate::review::Attendance;
use crate::text::check_email;
use crate::transition::ReceivingSetting;

/// Why someone is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InviteeKind {
    /// Parent or carer with parental responsibility (reg 20(2)(a)).
    Parent,
    /// The young person: over compulsory school age, from the end of June of Year 11
    /// ([`crate::ncy::is_young_person`]; reg 20(2)(a)).
    YoungPerson,
    /// A carer without parental responsibility (e.g. foster carer).
    Carer,
    /// Head teacher or setting representative (reg 20(2)(b)).
    Setting,
    /// LA officer exercising SEN functions (reg 20(2)(c)).
    LaSen,
    /// Health care professional (reg 20(2)(d)).
    Health,
    /// LA social care officer (reg 20(2)(e)).
    SocialCare,
    /// Any other professional: EP, therapist, VSH, careers adviser, receiving setting…
    Professional,
}

impl InviteeKind {
    pub const ALL: [InviteeKind; 8] = [
        InviteeKind::Parent,
        InviteeKind::YoungPerson,
        InviteeKind::Carer,
        InviteeKind::Setting,
        InviteeKind::LaSen,
        InviteeKind::Health,
        InviteeKind::SocialCare,
        InviteeKind::Professional,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InviteeKind::Parent => "parent",
            InviteeKind::YoungPerson => "young_person",
            InviteeKind::Carer => "carer",
            InviteeKind::Setting => "setting",
            InviteeKind::LaSen => "la_sen",
            InviteeKind::Health => "health",
            InviteeKind::SocialCare => "social_care",
            InviteeKind::Professional => "professional",
        }
    }

    pub fn from_code(code: &str) -> Option<InviteeKind> {
        InviteeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Must be invited by law (reg 20(2)): parent or young person, the setting, the LA's SEN
    /// and social care officers, and a health professional.
    pub fn is_statutory(self) -> bool {
        matches!(
            self,
            InviteeKind::Parent
                | InviteeKind::YoungPerson
                | InviteeKind::Setting
                | InviteeKind::LaSen
                | InviteeKind::Health
                | InviteeKind::SocialCare
        )
    }

    /// How the kind reads in the invitee list.
    pub fn label(self) -> &'static str {
        match self {
            InviteeKind::Parent => "Parent/carer (parental responsibility)",
            InviteeKind::YoungPerson => "Young person",
            InviteeKind::Carer => "Carer",
            InviteeKind::Setting => "School or setting",
            InviteeKind::LaSen => "LA SEN officer",
            InviteeKind::Health => "Health professional",
            InviteeKind::SocialCare => "LA social care",
            InviteeKind::Professional => "Other professional",
        }
    }

    /// Gets the parent/carer letter (as opposed to the professional's invitation and request for
    /// advice).
    pub fn is_family(self) -> bool {
        matches!(self, InviteeKind::Parent | InviteeKind::YoungPerson | InviteeKind::Carer)
    }
}

/// One person invited to the review meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub kind: InviteeKind,
    pub name: String,
    /// "Mother", "Educational Psychologist", "SEN Officer"…
    pub role: String,
    pub organisation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub preferred_contact: ContactMethod,
    /// Asked to send advice or a report before the meeting.
    pub advice_requested: bool,
    /// Must be invited by law (reg 20(2)).
    pub statutory: bool,
    /// Why the app suggested this person.
    pub reason: String,
    /// A parent's or carer's contact restriction: nothing is written to them automatically.
    pub restriction: Option<Restriction>,
}

/// An invitee as typed in the form, codes and all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteeInput {
    /// Who they are; `None` until chosen.
    pub kind: Option<InviteeKind>,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub preferred_contact: Option<ContactMethod>,
    pub advice_requested: bool,
    /// An [`Attendance`] code; blank for "not recorded".
    pub attendance: String,
}

/// Checks an invitee typed in by the SENCO, reporting every problem at once.
impl Invitee {
    /// How their letter goes when the SENCO does not say otherwise ([`SendMethod::usual`]).
    pub fn usual_send(&self) -> SendMethod {
        SendMethod::usual(self.preferred_contact, self.email.is_some(), self.address.is_some())
    }

    /// How others are told of an invitee: "Pat Example (Mother)"; a placeholder whose name is
    /// its role, or its role less a bracketed note, by the role alone ("Head teacher", "Health
    /// professional (named by the ICB)"), never "Head teacher (Head teacher)". A person whose
    /// name begins their role's first word ("Ed", an Educational Psychologist) keeps the name.
    pub fn described(&self) -> String {
        let name = self.name.trim();
        let role = self.role.trim();
        if role.is_empty() {
            self.name.clone()
        } else if !name.is_empty()
            && role.strip_prefix(name).is_some_and(|rest| rest.is_empty() || rest.starts_with(" ("))
        {
            self.role.clone()
        } else {
            format!("{} ({})", self.name, self.role)
        }
    }
}

pub fn validate(input: &InviteeInput) -> Result<(Invitee, Attendance), Vec<Problem>> {
    let mut problems = Vec::new();
    let kind = input.kind;
    if kind.is_none() {
        problems.push(Problem::block(
            "kind",
            "Choose who this invitee is.",
            "Pick the closest type from the list.",
        ));
    }
    if let Some(kind) = kind.filter(|k| !k.is_family())
        && is_family_role(&input.role)
    {
        problems.push(Problem::block(
            "kind",
            format!(
                "\u{201c}{}\u{201d} is a family member, but {} is chosen.",
                input.role.trim(),
                kind.label()
            ),
            "Choose Parent or Carer (or Young person), so that they get the family's letter and are \
             not asked for professional advice.",
        ));
    }
    if input.name.trim().is_empty() {
        problems.push(Problem::block(
            "name",
            "Name is required.",
            "Enter the person's name, or their role if it is not known yet.",
        ));
    }
    if input.role.trim().is_empty() {
        problems.push(Problem::block(
            "role",
            "Role is required.",
            "For example \u{201c}Educational Psychologist\u{201d} or \u{201c}Mother\u{201d}.",
        ));
    }
    if let Err(p) = check_email("email", &input.email) {
        problems.push(p);
    }
    let contact = input.preferred_contact;
    if contact.is_none() {
        problems.push(Problem::block(
            "preferred_contact",
            "Choose how this person prefers to be contacted.",
            "Email, phone, post or text.",
        ));
    }
    let attendance =
        Attendance::from_code(if input.attendance.is_empty() { "unknown" } else { &input.attendance });
    if attendance.is_none() {
        problems.push(Problem::block("attendance", "Choose whether they attended.", "Pick from the list."));
    }
    match (kind, contact, attendance) {
        (Some(kind), Some(preferred_contact), Some(attendance)) if problems.is_empty() => {
            let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            Ok((
                Invitee {
                    kind,
                    name: input.name.trim().to_owned(),
                    role: input.role.trim().to_owned(),
                    organisation: input.organisation.trim().to_owned(),
                    email: opt(&input.email),
                    phone: opt(&input.phone),
                    address: opt(&input.address),
                    preferred_contact,
                    advice_requested: input.advice_requested,
                    statutory: kind.is_statutory(),
                    reason: "Added by the SENCO.".to_owned(),
                    restriction: None,
                },
                attendance,
            ))
        }
        _ => Err(problems),
    }
}

/// Whether a role names a member of the child's family rather than a professional.
fn is_family_role(role: &str) -> bool {
    let r = role.trim().to_lowercase();
    const FAMILY: [&str; 16] = [
        "mother",
        "father",
        "mum",
        "dad",
        "parent",
        "step",
        "carer",
        "grandm",
        "grandf",
        "grandparent",
        "guardian",
        "aunt",
        "uncle",
        "sister",
        "brother",
        "kinship",
    ];
    let professional = ["worker", "officer", "teacher", "therapist", "nurse", "psycholog"];
    FAMILY.iter().any(|f| r.starts_with(f) || r.contains(&format!(" {f}")))
        && !professional.iter().any(|p| r.contains(p))
}

/// What the suggestion needs to know about the review.
#[derive(Debug, Clone, Copy)]
pub struct SuggestionContext<'a> {
    pub looked_after: bool,
    /// NC year at the meeting.
    pub ncy: i32,
    /// A young person at the meeting: over compulsory school age, which ends on the last Friday
    /// in June of the school year in which they turn 16, not on the 16th birthday
    /// ([`crate::ncy::is_young_person`]).
    pub young_person: bool,
    /// A phase-transfer deadline applies to this review.
    pub transfer: bool,
    pub school_name: &'a str,
    /// The head teacher's name, or "" if the school has not given it.
    pub head_teacher: &'a str,
    pub la_name: &'a str,
    /// The next school or college, once the transition plan names it: invited by name.
    pub receiving: Option<&'a ReceivingSetting>,
}

/// The names the suggested invitees carry until the SENCO names the person, and how a letter
/// describes each to someone else (issue 16: "I have also invited: the head teacher; …").
const UNNAMED: [(&str, &str); 7] = [
    ("Head teacher", "the head teacher"),
    ("SEN casework officer", "the LA's SEN casework officer"),
    ("Health professional", "a health professional named by the NHS"),
    ("Social care SEND contact", "an officer of the LA's social care service"),
    ("Virtual School Head", "the Virtual School Head"),
    ("Careers adviser", "a careers adviser"),
    ("Receiving setting", "the SENCO of the next school or college"),
];

/// How a letter describes an invitee not yet named (`name` is still the suggested role), or
/// `None` for a named person.
pub fn unnamed_role(name: &str) -> Option<&'static str> {
    UNNAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim())).map(|(_, words)| *words)
}

fn placeholder(
    kind: InviteeKind,
    name: &str,
    role: &str,
    organisation: &str,
    reason: &str,
    advice: bool,
) -> Invitee {
    Invitee {
        kind,
        name: name.to_owned(),
        role: role.to_owned(),
        organisation: organisation.to_owned(),
        email: None,
        phone: None,
        address: None,
        preferred_contact: ContactMethod::Email,
        advice_requested: advice,
        statutory: kind.is_statutory(),
        reason: reason.to_owned(),
        restriction: None,
    }
}

/// The invitees the app suggests for a review: everyone reg 20(2) requires, then those the
/// child's circumstances call for.
pub fn suggest(
    ctx: &SuggestionContext<'_>,
    child_name: &str,
    parents: &[ParentCarer],
    professionals: &[Professional],
) -> Vec<Invitee> {
    let mut out = Vec::new();
    let young_person = ctx.young_person;
    if young_person {
        out.push(placeholder(
            InviteeKind::YoungPerson,
            child_name,
            "Young person",
            "",
            "A young person over compulsory school age (from the last Friday in June of the school year they turn 16) is invited in their own right (reg 20(2)(a)).",
            true,
        ));
    }
    for p in parents {
        let kind = if p.parental_responsibility { InviteeKind::Parent } else { InviteeKind::Carer };
        let reason = match (kind, young_person) {
            (InviteeKind::Parent, false) => {
                "A parent with parental responsibility must be invited (reg 20(2)(a))."
            }
            (InviteeKind::Parent, true) => {
                "Invite with the young person's agreement (or where they lack capacity for this decision)."
            }
            _ => "Carer: their views help the review (not a statutory invitee).",
        };
        out.push(Invitee {
            kind,
            name: p.name.clone(),
            role: p.relationship.clone(),
            organisation: String::new(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            address: p.address.clone(),
            preferred_contact: p.preferred_contact,
            advice_requested: kind == InviteeKind::Parent && !young_person,
            statutory: kind == InviteeKind::Parent && !young_person,
            reason: reason.to_owned(),
            restriction: p.restriction,
        });
    }
    // Reg 20(4): advice and information are obtained from every person in reg 20(2). The
    // setting's advice is the school's own report (D02), which the checklist always expects, so
    // the head teacher is not asked for it by letter. The spec's participant table says the LA's
    // SEN officer "may give none": they may, but the law still has them asked, and a missing reply
    // is recorded as not received (V10).
    out.push(placeholder(
        InviteeKind::Setting,
        if ctx.head_teacher.trim().is_empty() { "Head teacher" } else { ctx.head_teacher.trim() },
        "Head teacher",
        ctx.school_name,
        "The head teacher or setting must be invited (reg 20(2)(b)); the school's report is its advice (reg 20(4)).",
        false,
    ));
    out.push(placeholder(
        InviteeKind::LaSen,
        "SEN casework officer",
        "SEN Officer",
        ctx.la_name,
        "An officer of the LA's SEN team must be invited (reg 20(2)(c)) and asked for advice (reg 20(4)).",
        true,
    ));

    let mut health_found = false;
    let mut social_found = false;
    for p in professionals {
        let (kind, reason) = if p.service == Service::Health {
            health_found = true;
            (
                InviteeKind::Health,
                "A health professional involved with the child (reg 20(2)(d)); their advice is requested (reg 20(4)).",
            )
        } else if p.service == Service::SocialCare {
            social_found = true;
            (
                InviteeKind::SocialCare,
                "The child's social worker, for the LA's social care (reg 20(2)(e)); their advice is requested (reg 20(4)).",
            )
        } else if p.role.to_lowercase().contains("virtual school") {
            (
                InviteeKind::Professional,
                "Looked after: the Virtual School Head (PEP) should be invited (CoP 9.169).",
            )
        } else if p.role.to_lowercase().contains("careers") {
            (InviteeKind::Professional, "Year 9 and above: careers advice for preparing for adulthood.")
        } else {
            (InviteeKind::Professional, "Involved with the child: their advice is requested (CoP 9.176).")
        };
        out.push(Invitee {
            kind,
            name: p.name.clone(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            address: p.address.clone(),
            preferred_contact: ContactMethod::Email,
            advice_requested: true,
            statutory: kind.is_statutory(),
            reason: reason.to_owned(),
            restriction: None,
        });
    }
    if !health_found {
        out.push(placeholder(
            InviteeKind::Health,
            "Health professional",
            "Health professional (named by the ICB)",
            "NHS Integrated Care Board",
            "A health care professional identified by the ICB must be invited (reg 20(2)(d)) and asked for advice (reg 20(4)).",
            true,
        ));
    }
    if !social_found {
        out.push(placeholder(
            InviteeKind::SocialCare,
            "Social care SEND contact",
            "LA social care officer",
            ctx.la_name,
            "An officer of the LA's social care service must be invited (reg 20(2)(e)) and asked for advice (reg 20(4)).",
            true,
        ));
    }
    if ctx.looked_after && !out.iter().any(|i| i.role.to_lowercase().contains("virtual school")) {
        out.push(placeholder(
            InviteeKind::Professional,
            "Virtual School Head",
            "Virtual School Head / PEP lead",
            ctx.la_name,
            "Looked after: the Virtual School Head (PEP) should be invited (CoP 9.169).",
            true,
        ));
    }
    if ctx.ncy >= 9 && !out.iter().any(|i| i.role.to_lowercase().contains("careers")) {
        out.push(placeholder(
            InviteeKind::Professional,
            "Careers adviser",
            "Careers adviser",
            "",
            "Year 9 and above: the review must cover preparing for adulthood (reg 20(6)).",
            true,
        ));
    }
    match ctx.receiving {
        // Named in the transition plan: invited by name, from Year 9 as in a transfer year.
        Some(r) if crate::transition::applies(ctx.ncy, ctx.transfer) => out.push(Invitee {
            kind: InviteeKind::Professional,
            name: if r.contact.is_empty() { "Receiving setting".to_owned() } else { r.contact.clone() },
            role: "Receiving setting".to_owned(),
            organisation: r.setting.clone(),
            email: r.email.clone(),
            phone: r.phone.clone(),
            address: None,
            preferred_contact: ContactMethod::Email,
            advice_requested: false,
            statutory: false,
            reason: "Transition plan: the next setting helps plan the move.".to_owned(),
            restriction: None,
        }),
        _ if ctx.transfer => out.push(placeholder(
            InviteeKind::Professional,
            "Receiving setting",
            "SENCO of the next school or college",
            "",
            "Phase transfer: the next setting helps plan the move.",
            false,
        )),
        _ => {}
    }
    out
}

/// Checks a record of how and when an invitation went: not ahead of today, not after the meeting,
/// and never by post to someone whose record says not to.
pub fn check_sent(
    invitee: &Invitee,
    by: SendMethod,
    on: chrono::NaiveDate,
    meeting: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if on > today {
        problems.push(Problem::block(
            "sent_on",
            "That date is in the future.",
            "Give the day the letter went.",
        ));
    } else if meeting.is_some_and(|m| on > m) {
        problems.push(Problem::block(
            "sent_on",
            "That is after the meeting.",
            "Give the day the invitation went, before the meeting.",
        ));
    }
    if by == SendMethod::Post && invitee.restriction == Some(Restriction::NoPost) {
        problems.push(Problem::block(
            "sent_by",
            format!("{}'s record says not to send post to their address.", invitee.name),
            "Send it by email or hand it over, and record that.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitee_is_described_by_name_and_role_and_a_placeholder_once() {
        let who = |name: &str, role: &str| {
            placeholder(InviteeKind::Professional, name, role, "Org", "why", true).described()
        };
        assert_eq!(who("Pat Example", "Mother"), "Pat Example (Mother)");
        assert_eq!(who("Head teacher", "Head teacher"), "Head teacher");
        assert_eq!(
            who("Health professional", "Health professional (named by the ICB)"),
            "Health professional (named by the ICB)"
        );
        // A name that begins the role's first word is a person's name, kept.
        assert_eq!(who("Ed", "Educational Psychologist"), "Ed (Educational Psychologist)");
        assert_eq!(who("Mo", "Mother"), "Mo (Mother)");
        assert_eq!(who("Sam Example", ""), "Sam Example");
    }

    fn parent(pr: bool) -> ParentCarer {
        ParentCarer {
            name: if pr { "Pat Example" } else { "Sam Fosterley" }.into(),
            relationship: if pr { "Mother" } else { "Foster carer" }.into(),
            parental_responsibility: pr,
            phone: None,
            email: Some("pat@example.org".into()),
            address: None,
            preferred_contact: ContactMethod::Email,
            language: None,
            interpreter: false,
            restriction: None,
            restriction_note: None,
        }
    }

    fn prof(role: &str) -> Professional {
        Professional {
            name: format!("A {role}"),
            role: role.into(),
            organisation: "Org".into(),
            service: Service::guess(role),
            email: None,
            phone: None,
            address: None,
        }
    }

    fn ctx(ncy: i32, young_person: bool, lac: bool, transfer: bool) -> SuggestionContext<'static> {
        SuggestionContext {
            head_teacher: "",
            looked_after: lac,
            ncy,
            young_person,
            transfer,
            school_name: "Demo School",
            la_name: "Redcar & Cleveland",
            receiving: None,
        }
    }

    fn kinds(list: &[Invitee]) -> Vec<(&'static str, bool, bool)> {
        list.iter().map(|i| (i.kind.code(), i.statutory, i.advice_requested)).collect()
    }

    #[test]
    fn every_statutory_invitee_is_suggested() {
        let list = suggest(
            &ctx(4, false, false, false),
            "Robin",
            &[parent(true)],
            &[prof("Educational Psychologist")],
        );
        assert_eq!(
            kinds(&list),
            [
                ("parent", true, true),
                ("setting", true, false),
                ("la_sen", true, true),
                ("professional", false, true),
                ("health", true, true),
                ("social_care", true, true),
            ]
        );
    }

    /// Issue 16: every invitee suggested without a person's name is known as unnamed, so that
    /// no letter says "Dear Receiving setting,"; a named person is not.
    #[test]
    fn every_suggested_role_is_known_until_it_is_named() {
        let list = suggest(&ctx(11, false, true, true), "Robin", &[parent(true)], &[]);
        let unnamed: Vec<&str> = list
            .iter()
            .filter(|i| !i.kind.is_family() && unnamed_role(&i.name).is_none())
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(unnamed, Vec::<&str>::new());
        assert_eq!(unnamed_role("receiving setting"), Some("the SENCO of the next school or college"));
        assert_eq!(unnamed_role("Pat Example"), None);
    }

    /// Issue 15 item 10; reg 20(4): advice and information are obtained from every person reg
    /// 20(2) names, social care included, whether the social care officer is a placeholder or
    /// the child's own social worker. The setting's advice is the school's report (D02), which
    /// the checklist always expects; the family's is their views (their own letter and form).
    #[test]
    fn issue_15_every_statutory_invitee_is_asked_for_advice() {
        let social_worker = prof("Social Worker");
        let therapist = prof("Speech and Language Therapist");
        let cases: [(&str, SuggestionContext<'static>, Vec<ParentCarer>, Vec<Professional>); 4] = [
            ("placeholders only", ctx(4, false, false, false), vec![parent(true)], vec![]),
            (
                "a real social worker",
                ctx(4, false, false, false),
                vec![parent(true)],
                vec![social_worker.clone()],
            ),
            ("young person, looked after", ctx(12, true, true, false), vec![parent(false)], vec![therapist]),
            ("Year 9 transfer", ctx(9, false, false, true), vec![parent(true)], vec![social_worker]),
        ];
        for (case, context, parents, professionals) in cases {
            let list = suggest(&context, "Robin", &parents, &professionals);
            let not_asked: Vec<&str> = list
                .iter()
                .filter(|i| i.statutory && !i.advice_requested && i.kind != InviteeKind::Setting)
                .map(|i| i.kind.code())
                .collect();
            assert_eq!(not_asked, Vec::<&str>::new(), "{case}: statutory invitees not asked for advice");
            let social: Vec<(bool, bool)> = list
                .iter()
                .filter(|i| i.kind == InviteeKind::SocialCare)
                .map(|i| (i.statutory, i.advice_requested))
                .collect();
            assert_eq!(social, [(true, true)], "{case}: social care (reg 20(2)(e))");
            assert!(
                list.iter().all(|i| i.kind != InviteeKind::Setting || !i.advice_requested),
                "{case}: the school's advice is its own report, not a letter to itself"
            );
        }
    }

    #[test]
    fn circumstances_add_invitees() {
        let list = suggest(
            &ctx(12, true, true, true),
            "Robin",
            &[parent(true), parent(false)],
            &[prof("Speech and Language Therapist"), prof("Social Worker")],
        );
        let roles: Vec<&str> = list.iter().map(|i| i.role.as_str()).collect();
        assert_eq!(list.first().map(|i| i.kind), Some(InviteeKind::YoungPerson));
        // A young person: the parent is invited with their agreement, not as of right.
        assert!(list.iter().any(|i| i.kind == InviteeKind::Parent && !i.statutory));
        assert!(roles.contains(&"Foster carer"));
        assert!(roles.contains(&"Virtual School Head / PEP lead"));
        assert!(roles.contains(&"Careers adviser"));
        assert!(roles.contains(&"SENCO of the next school or college"));
        // The therapist counts as the health professional; the social worker as social care.
        assert_eq!(list.iter().filter(|i| i.kind == InviteeKind::Health).count(), 1);
        assert_eq!(list.iter().filter(|i| i.kind == InviteeKind::SocialCare).count(), 1);
    }

    #[test]
    fn an_invitee_typed_in_is_checked_field_by_field() {
        let blank = InviteeInput { email: "not an address".into(), ..InviteeInput::default() };
        let fields: Vec<&str> = validate(&blank).err().unwrap_or_default().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["kind", "name", "role", "email", "preferred_contact"]);
        let typed = InviteeInput {
            kind: Some(InviteeKind::Health),
            name: " Dr Ada Example ".into(),
            role: "Community paediatrician".into(),
            email: "ada@example.org".into(),
            preferred_contact: Some(ContactMethod::Email),
            attendance: "written".into(),
            advice_requested: true,
            ..InviteeInput::default()
        };
        let (invitee, attendance) = validate(&typed).unwrap_or_else(|p| unreachable!("{p:?}"));
        assert_eq!(
            (invitee.name.as_str(), invitee.statutory, attendance),
            ("Dr Ada Example", true, Attendance::Written)
        );
        assert_eq!(invitee.phone, None);
        let odd = InviteeInput { attendance: "maybe".into(), ..typed };
        assert_eq!(
            validate(&odd).err().map(|p| p.iter().map(|p| p.field).collect::<Vec<_>>()),
            Some(vec!["attendance"])
        );
    }

    /// A mother added as "Other professional" would be sent the request for professional
    /// advice, and her own views then reported as advice not received.
    #[test]
    fn a_family_member_is_not_added_as_a_professional() {
        let mother = InviteeInput {
            kind: Some(InviteeKind::Professional),
            name: "Ada Testperson".into(),
            role: "Mother".into(),
            preferred_contact: Some(ContactMethod::Email),
            ..InviteeInput::default()
        };
        let fields: Vec<&str> = validate(&mother).err().unwrap_or_default().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["kind"]);
        assert!(validate(&InviteeInput { kind: Some(InviteeKind::Parent), ..mother.clone() }).is_ok());
        let worker = InviteeInput { role: "Family support worker".into(), ..mother };
        assert!(validate(&worker).is_ok(), "a professional whose role mentions family");
    }

    /// Issue 20 item 4: the receiving setting named in the transition plan is invited by name,
    /// with its address, from Year 9 as in a transfer year; before Year 9 outside a transfer year
    /// it is not; unnamed in a transfer year, the placeholder stays.
    #[test]
    fn the_receiving_setting_named_in_the_transition_plan_is_invited_by_name() {
        let next = ReceivingSetting {
            setting: "Example High School".into(),
            contact: "Ms Example".into(),
            email: Some("senco@high.example.org".into()),
            phone: None,
        };
        let setting = |ncy, transfer, receiving| {
            let context = SuggestionContext { receiving, ..ctx(ncy, false, false, transfer) };
            suggest(&context, "Robin", &[parent(true)], &[])
                .into_iter()
                .find(|i| i.role.contains("Receiving setting") || i.name == "Receiving setting")
                .map(|i| (i.name, i.organisation, i.email))
        };
        let named = Some((
            "Ms Example".to_owned(),
            "Example High School".to_owned(),
            Some("senco@high.example.org".to_owned()),
        ));
        assert_eq!(setting(6, true, Some(&next)), named);
        assert_eq!(setting(9, false, Some(&next)), named);
        assert_eq!(setting(4, false, Some(&next)), None);
        assert_eq!(setting(6, true, None).map(|s| s.0), Some("Receiving setting".to_owned()));
    }
}
