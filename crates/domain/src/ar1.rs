//! The AR1 / Record of Annual Review (spec §5.2): what the meeting records, and the checks that
//! it is complete enough to submit (spec V04–V07, V17, and what the SEND Regulations 2014 add:
//! the meeting held, the statutory invitees' attendance, progress on every outcome), every
//! problem reported at once.

use chrono::NaiveDate;

use crate::dates::long;
use crate::invitees::Invitee;
use crate::plan::SectionId;
use crate::problem::Problem;
use crate::review::Attendance;

/// How far the child has come towards one Section E outcome (G4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Achieved,
    Partly,
    NotYet,
    NoLongerRelevant,
}

/// Progress towards one outcome (G1–G6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeProgress {
    pub outcome: String,
    pub rating: Option<Rating>,
    pub evidence: String,
    pub next_steps: String,
}

/// What the meeting recommends to the LA (P1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    Maintain,
    Amend,
    Cease,
}

/// An agreed action (S1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreedAction {
    pub action: String,
    pub owner: String,
    pub deadline: Option<NaiveDate>,
    pub success_measure: String,
}

/// Requests the meeting makes of the LA (spec P2); funding and placement changes need their
/// evidence in the bundle (V09).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requests {
    pub reassessment: bool,
    pub funding: bool,
    pub placement: bool,
}

/// Preparing for adulthood (section L, required from Year 9).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pfa {
    pub employment: String,
    pub independent_living: String,
    pub community: String,
    pub health: String,
}

/// The Personal Budget part of the record (spec §5 N1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalBudget {
    pub discussed: bool,
    /// A Personal Budget or direct payment is in place; the meeting reviewed it.
    pub in_place: bool,
    /// A new Personal Budget was requested at the meeting.
    pub requested: bool,
    /// What the request is for.
    pub request_for: String,
}

impl PersonalBudget {
    /// D12 (the LA's Personal Budget request or review form) goes with the bundle when a budget
    /// is requested or in place (spec §4).
    pub fn wants_form(&self) -> bool {
        self.in_place || self.requested
    }
}

/// The record of the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ar1Record {
    pub child_views: String,
    /// Why the child's views are not recorded, when they are not.
    pub child_views_missing_reason: String,
    pub parent_views: String,
    pub parent_views_missing_reason: String,
    pub school_views: String,
    pub professional_views: String,
    pub progress: Vec<OutcomeProgress>,
    pub provision_review: String,
    pub health: String,
    pub social_care: String,
    pub pfa: Pfa,
    pub placement: String,
    /// Personal Budget (spec §5 N1, CoP 9.168): whether it was discussed, whether one (or a
    /// direct payment) is in place and was reviewed, and whether a new one was requested, for what.
    pub personal_budget: PersonalBudget,
    /// Requests made to the LA (P2): a reassessment, a change of funding, a change of placement.
    pub requests: Requests,
    pub discussion: String,
    /// "None" is a valid answer, but it must be given.
    pub differences: String,
    pub recommendation: Option<Recommendation>,
    pub recommendation_reasons: String,
    /// Sections the meeting recommends amending, with a summary each (O1).
    pub amendments: Vec<(SectionId, String)>,
    /// "No amendments proposed" stated explicitly (O2).
    pub no_amendments: bool,
    pub actions: Vec<AgreedAction>,
    pub completed_by: String,
    /// The day the record was completed (LA forms: "date completed").
    pub completed_on: Option<NaiveDate>,
    pub head_teacher_signed: Option<NaiveDate>,
    /// Whether the child or young person took part in the meeting (spec §5: LA forms ask).
    pub child_presence: Option<ChildPresence>,
}

/// How the child or young person took part in the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildPresence {
    All,
    Part,
    /// Did not attend; their views were given another way (a drawing, a video, a trusted adult).
    ViewsOnly,
    No,
}

impl ChildPresence {
    pub const ALL: [ChildPresence; 4] =
        [ChildPresence::All, ChildPresence::Part, ChildPresence::ViewsOnly, ChildPresence::No];

    pub fn code(self) -> &'static str {
        match self {
            ChildPresence::All => "all",
            ChildPresence::Part => "part",
            ChildPresence::ViewsOnly => "views_only",
            ChildPresence::No => "no",
        }
    }

    pub fn from_code(code: &str) -> Option<ChildPresence> {
        ChildPresence::ALL.into_iter().find(|p| p.code() == code)
    }

    /// As the attendance table says it.
    pub fn label(self) -> &'static str {
        match self {
            ChildPresence::All => "Attended the whole meeting",
            ChildPresence::Part => "Attended part of the meeting",
            ChildPresence::ViewsOnly => "Did not attend; gave their views another way",
            ChildPresence::No => "Did not attend",
        }
    }
}

/// What the checks need to know beyond the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ar1Rules {
    /// Year 9 and above: preparing for adulthood is required (reg 20(6), V07).
    pub pfa_required: bool,
    /// The LA requires the head teacher's sign-off (Stockton, V17).
    pub head_teacher_required: bool,
}

/// What the record's completeness depends on beyond its own fields: when the meeting is, and
/// who was invited and whether they came. `today` is a parameter: the domain never reads the
/// clock.
#[derive(Debug, Clone, Copy)]
pub struct MeetingFacts<'a> {
    pub today: NaiveDate,
    /// The meeting's date, if one is set.
    pub meeting: Option<NaiveDate>,
    /// Everyone on the review's invitation list, with their attendance as recorded.
    pub invitees: &'a [(&'a Invitee, Attendance)],
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// An outcome as a message quotes it: in full up to 60 characters, cut at a word after that.
fn quoted(outcome: &str) -> String {
    const MAX: usize = 60;
    let text = outcome.trim().trim_end_matches('.');
    if text.chars().count() <= MAX {
        return format!("\u{201c}{text}\u{201d}");
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':']);
    format!("\u{201c}{cut}\u{2026}\u{201d}")
}

/// The record is of a meeting that has been held, with the attendance of everyone the law
/// requires to be invited recorded (issue 15 item 13).
///
/// The spec's V04 asks only for the record's own fields; but the record is "the report of the
/// meeting" (reg 20(7)), so it cannot be complete before the meeting, and reg 20(2) names the
/// persons who must be invited, so the record says whether each of them came.
fn meeting_held(facts: &MeetingFacts<'_>, out: &mut Vec<Problem>) {
    match facts.meeting {
        None => out.push(Problem::block(
            "meeting",
            "The meeting has no date yet: the record is of a meeting that has been held.",
            "Set the meeting's date on the child's page.",
        )),
        Some(date) if facts.today < date => out.push(Problem::block(
            "meeting",
            format!(
                "The meeting has not happened yet: the record can be completed on or after the meeting, {}.",
                long(date)
            ),
            "Prepare what you can now; the record counts as complete from the day of the meeting.",
        )),
        Some(_) => {}
    }
    let statutory: Vec<&(&Invitee, Attendance)> =
        facts.invitees.iter().filter(|(invitee, _)| invitee.statutory).collect();
    if statutory.is_empty() {
        out.push(Problem::block(
            "attendance",
            "No one the law requires to be invited is on the list (reg 20(2)).",
            "Add the invitees on the \u{201c}Before the meeting\u{201d} page.",
        ));
    }
    for (invitee, attendance) in statutory {
        if *attendance == Attendance::Unknown {
            out.push(Problem::block(
                "attendance",
                format!("Whether {} attended is not recorded (reg 20(2)).", invitee.described()),
                "Under \u{201c}Who came\u{201d}, choose how they took part, or that they sent apologies or did not attend.",
            ));
        }
    }
}

/// Every problem that stops the record being submitted, at once, each naming its field.
pub fn check(record: &Ar1Record, rules: Ar1Rules, facts: &MeetingFacts<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    meeting_held(facts, &mut out);
    let mut need =
        |field: &'static str, message: &str, hint: &str| out.push(Problem::block(field, message, hint));
    if blank(&record.discussion) {
        need(
            "discussion",
            "The record of discussion is empty (V04).",
            "Write what was discussed, item by item: the LA requires it.",
        );
    }
    if blank(&record.differences) {
        need(
            "differences",
            "Differences of opinion are not recorded (V04).",
            "Write who disagreed about what, or \u{201c}None\u{201d}.",
        );
    }
    if record.recommendation.is_none() {
        need(
            "recommendation",
            "There is no recommendation to the LA (V04).",
            "Choose maintain, amend or cease, with the reasons.",
        );
    } else if blank(&record.recommendation_reasons) {
        need(
            "recommendation_reasons",
            "The recommendation has no reasons.",
            "Say why the plan should be maintained, amended or ceased.",
        );
    }
    if blank(&record.child_views) && blank(&record.child_views_missing_reason) {
        need(
            "child_views",
            "The child's views are not recorded (V05).",
            "Record them, or say why they could not be gathered.",
        );
    }
    if blank(&record.parent_views) && blank(&record.parent_views_missing_reason) {
        need(
            "parent_views",
            "The parent's or carer's views are not recorded (V05).",
            "Record them, or say why they could not be gathered.",
        );
    }
    // Reg 20(5): the meeting must consider progress towards the plan's outcomes, so each
    // Section E outcome needs its rating (spec §5.2 G4). The spec's V04 does not list it; the law
    // wins, and a missing rating blocks.
    for (n, p) in record.progress.iter().enumerate() {
        if p.rating.is_none() {
            out.push(Problem::block(
                "progress",
                format!(
                    "Progress towards outcome {} is not rated (reg 20(5)): {}.",
                    n + 1,
                    quoted(&p.outcome)
                ),
                "Choose achieved, partly achieved, not yet or no longer relevant.",
            ));
        }
    }
    let mut need =
        |field: &'static str, message: &str, hint: &str| out.push(Problem::block(field, message, hint));
    if record.actions.is_empty() {
        need(
            "actions",
            "There are no agreed actions (V04).",
            "Add at least one action with its owner and deadline.",
        );
    }
    for (n, a) in record.actions.iter().enumerate() {
        let which = n + 1;
        if blank(&a.action) {
            out.push(Problem::block(
                "actions",
                format!("Action {which} has no description."),
                "Say what will be done.",
            ));
        }
        if blank(&a.owner) {
            out.push(Problem::block(
                "actions",
                format!("Action {which} has no owner."),
                "Name who will do it (a name or a role).",
            ));
        }
        if a.deadline.is_none() {
            out.push(Problem::block(
                "actions",
                format!("Action {which} has no deadline."),
                "Give the date it will be done by.",
            ));
        }
    }
    let mut need =
        |field: &'static str, message: &str, hint: &str| out.push(Problem::block(field, message, hint));
    if rules.pfa_required {
        let p = &record.pfa;
        if [&p.employment, &p.independent_living, &p.community, &p.health].iter().any(|s| blank(s)) {
            need(
                "pfa",
                "Preparing for adulthood is incomplete (V07): it is required from Year 9.",
                "Cover employment or further study, independent living, friends and community, and good health.",
            );
        }
    }
    if record.personal_budget.requested && blank(&record.personal_budget.request_for) {
        need(
            "personal_budget.request_for",
            "A Personal Budget was requested, but not what for (N1).",
            "Say what the Personal Budget is for, e.g. the provision in Section F it would pay for.",
        );
    }
    let amend = record.recommendation == Some(Recommendation::Amend);
    if amend && record.amendments.is_empty() {
        need(
            "amendments",
            "The recommendation is to amend, but no section is named (V06).",
            "List the sections to amend, with a summary each.",
        );
    }
    if !amend && !record.amendments.is_empty() {
        need(
            "amendments",
            "Amendments are listed but the recommendation is not to amend (V06).",
            "Recommend amending the plan, or remove the amendments.",
        );
    }
    if !amend && !record.no_amendments && record.recommendation.is_some() {
        need(
            "no_amendments",
            "State that no amendments are proposed (O2).",
            "Tick \u{201c}No amendments proposed\u{201d}.",
        );
    }
    if blank(&record.completed_by) {
        need(
            "completed_by",
            "The record does not say who completed it.",
            "Enter the name and role of the person completing it.",
        );
    }
    match record.completed_on {
        None => need(
            "completed_on",
            "The record does not say when it was completed.",
            "Enter the date it was completed.",
        ),
        // Before the meeting, that it has not happened yet is what the record is told.
        Some(on) if facts.meeting.is_some_and(|m| m <= facts.today && (on < m || on > facts.today)) => need(
            "completed_on",
            "The record's completion date is before the meeting or in the future.",
            "Enter the day the record was completed: on or after the meeting, and not after today.",
        ),
        Some(_) => {}
    }
    if record.child_presence.is_none() {
        need(
            "child_presence",
            "The record does not say whether the child took part in the meeting.",
            "Choose: the whole meeting, part of it, views given another way, or not at all.",
        );
    }
    if rules.head_teacher_required && record.head_teacher_signed.is_none() {
        need(
            "head_teacher_signed",
            "The LA requires the head teacher's sign-off (V17).",
            "Record the date the head teacher signed the record.",
        );
    }
    // What the record says of social care must not contradict who took part: social care
    // attended or wrote, so their part is recorded (issue 16).
    let social_took_part = facts.invitees.iter().find(|(i, a)| {
        i.kind == crate::invitees::InviteeKind::SocialCare
            && matches!(a, Attendance::InPerson | Attendance::Virtual | Attendance::Written)
    });
    if let Some((invitee, _)) = social_took_part {
        let said = record.social_care.trim().to_lowercase();
        if said.is_empty() || said.starts_with("not involved") || said.starts_with("none") {
            out.push(Problem::block(
                "social_care",
                format!(
                    "Social care took part ({}), but the record does not say what they contributed.",
                    invitee.described()
                ),
                "Record social care's view of Sections D and H, or correct their attendance.",
            ));
        }
    }
    out
}

/// The outcomes of Section E as a list: numbered lines ("1. …", "2) …") or, failing that, one
/// outcome per non-empty line.
pub fn outcomes(section_e: &str) -> Vec<String> {
    section_e
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let rest = l.trim_start_matches(|c: char| c.is_ascii_digit());
            if rest.len() < l.len() {
                rest.trim_start_matches(['.', ')', ':']).trim().to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invitees::InviteeKind;
    use crate::people::ContactMethod;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn complete() -> Ar1Record {
        Ar1Record {
            child_views: "Likes the new reading group.".into(),
            parent_views: "Happy with progress; worried about transitions.".into(),
            discussion: "Progress against each outcome reviewed.".into(),
            differences: "None".into(),
            recommendation: Some(Recommendation::Maintain),
            recommendation_reasons: "Needs and provision are unchanged.".into(),
            no_amendments: true,
            actions: vec![AgreedAction {
                action: "Update the visual timetable".into(),
                owner: "Class teacher".into(),
                deadline: NaiveDate::from_ymd_opt(2027, 2, 1),
                success_measure: String::new(),
            }],
            completed_by: "Alex Example, SENCO".into(),
            completed_on: NaiveDate::from_ymd_opt(2027, 1, 12),
            child_presence: Some(ChildPresence::Part),
            ..Ar1Record::default()
        }
    }

    /// A record whose Section E outcomes are rated as given.
    fn rated(ratings: &[(&str, Option<Rating>)]) -> Ar1Record {
        Ar1Record {
            progress: ratings
                .iter()
                .map(|(outcome, rating)| OutcomeProgress {
                    outcome: (*outcome).to_owned(),
                    rating: *rating,
                    evidence: String::new(),
                    next_steps: String::new(),
                })
                .collect(),
            ..complete()
        }
    }

    const PRIMARY: Ar1Rules = Ar1Rules { pfa_required: false, head_teacher_required: false };

    fn invitee(kind: InviteeKind, name: &str, role: &str) -> Invitee {
        Invitee {
            kind,
            name: name.into(),
            role: role.into(),
            organisation: String::new(),
            email: None,
            phone: None,
            address: None,
            preferred_contact: ContactMethod::Email,
            advice_requested: true,
            statutory: kind.is_statutory(),
            reason: String::new(),
            restriction: None,
        }
    }

    /// The meeting the record is checked against: its date, today, and who came.
    struct Meeting {
        today: NaiveDate,
        date: Option<NaiveDate>,
        invited: Vec<(Invitee, Attendance)>,
    }

    /// Everyone reg 20(2) names, invited to a meeting held today, each one's attendance recorded.
    fn held() -> Meeting {
        use Attendance::*;
        use InviteeKind::*;
        Meeting {
            today: d(2027, 1, 12),
            date: Some(d(2027, 1, 12)),
            invited: vec![
                (invitee(Parent, "Pat Example", "Mother"), InPerson),
                (invitee(Setting, "Head teacher", "Head teacher"), InPerson),
                (invitee(LaSen, "SEN casework officer", "SEN Officer"), Apologies),
                (invitee(Health, "Dr Ada Example", "Community paediatrician"), Written),
                (invitee(SocialCare, "Social care SEND contact", "LA social care officer"), Absent),
            ],
        }
    }

    /// The one check helper: every problem's message, in order.
    fn messages(record: &Ar1Record, rules: Ar1Rules, meeting: &Meeting) -> Vec<String> {
        let invitees: Vec<(&Invitee, Attendance)> = meeting.invited.iter().map(|(i, a)| (i, *a)).collect();
        let facts = MeetingFacts { today: meeting.today, meeting: meeting.date, invitees: &invitees };
        check(record, rules, &facts).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn a_complete_record_passes() {
        assert_eq!(messages(&complete(), PRIMARY, &held()), Vec::<String>::new());
    }

    #[test]
    fn every_gap_gets_its_own_message_at_once() {
        let record = Ar1Record {
            discussion: " ".into(),
            recommendation: None,
            actions: vec![AgreedAction { action: "Review the timetable".into(), ..AgreedAction::default() }],
            ..rated(&[("Read at the expected level.", None)])
        };
        let rules = Ar1Rules { pfa_required: true, head_teacher_required: true };
        let mut meeting = held();
        meeting.today = d(2027, 1, 5);
        if let Some((_, attendance)) = meeting.invited.first_mut() {
            *attendance = Attendance::Unknown;
        }
        assert_eq!(
            messages(&record, rules, &meeting),
            [
                "The meeting has not happened yet: the record can be completed on or after the meeting, 12 Jan 2027.",
                "Whether Pat Example (Mother) attended is not recorded (reg 20(2)).",
                "The record of discussion is empty (V04).",
                "There is no recommendation to the LA (V04).",
                "Progress towards outcome 1 is not rated (reg 20(5)): \u{201c}Read at the expected level\u{201d}.",
                "Action 1 has no owner.",
                "Action 1 has no deadline.",
                "Preparing for adulthood is incomplete (V07): it is required from Year 9.",
                "The LA requires the head teacher's sign-off (V17).",
            ]
        );
    }

    #[test]
    fn no_actions_and_missing_views() {
        let record = Ar1Record { actions: vec![], child_views: String::new(), ..complete() };
        assert_eq!(
            messages(&record, PRIMARY, &held()),
            ["The child's views are not recorded (V05).", "There are no agreed actions (V04)."]
        );
        // A recorded reason is enough.
        let record = Ar1Record {
            child_views: String::new(),
            child_views_missing_reason: "Unwell on the day; views to follow.".into(),
            ..complete()
        };
        assert!(messages(&record, PRIMARY, &held()).is_empty());
    }

    #[test]
    fn amendments_must_match_the_recommendation() {
        let amend =
            Ar1Record { recommendation: Some(Recommendation::Amend), no_amendments: false, ..complete() };
        assert_eq!(
            messages(&amend, PRIMARY, &held()),
            ["The recommendation is to amend, but no section is named (V06)."]
        );
        let listed = Ar1Record { amendments: vec![(SectionId::F, "More SaLT".into())], ..complete() };
        assert_eq!(
            messages(&listed, PRIMARY, &held()),
            ["Amendments are listed but the recommendation is not to amend (V06)."]
        );
    }

    /// Issue 15 item 11; reg 20(5): the meeting must consider progress towards the outcomes, so
    /// the record is not complete until every Section E outcome is rated, and the gap names the
    /// outcome.
    /// Issue 16: the record says when it was completed (on or after the meeting, not in the
    /// future) and whether the child took part; what it says of social care does not
    /// contradict social care's attendance.
    #[test]
    fn issue_16_a_record_says_when_who_and_does_not_contradict_itself() {
        let undated = Ar1Record { completed_on: None, child_presence: None, ..complete() };
        assert_eq!(
            messages(&undated, PRIMARY, &held()),
            [
                "The record does not say when it was completed.",
                "The record does not say whether the child took part in the meeting."
            ]
        );
        for when in [d(2027, 1, 11), d(2027, 1, 13)] {
            let record = Ar1Record { completed_on: Some(when), ..complete() };
            assert_eq!(
                messages(&record, PRIMARY, &held()),
                ["The record's completion date is before the meeting or in the future."],
                "{when}"
            );
        }
        let mut record = complete();
        assert!(record.apply("child_presence", "views_only").is_ok());
        assert!(record.apply("child_presence", "sometimes").is_err());
        assert_eq!(record.child_presence, Some(ChildPresence::ViewsOnly));

        let mut social_came = held();
        if let Some((_, attendance)) = social_came.invited.last_mut() {
            *attendance = Attendance::Virtual;
        }
        let not_involved = Ar1Record { social_care: "Not involved.".into(), ..complete() };
        assert_eq!(
            messages(&not_involved, PRIMARY, &social_came),
            [
                "Social care took part (Social care SEND contact (LA social care officer)), but the record does not say what they contributed."
            ]
        );
        assert_eq!(messages(&not_involved, PRIMARY, &held()), Vec::<String>::new(), "they did not come");
        let said = Ar1Record {
            social_care: "No new social care needs; short breaks continue.".into(),
            ..complete()
        };
        assert_eq!(messages(&said, PRIMARY, &social_came), Vec::<String>::new());
    }

    /// CoP 9.168 and spec §5 N1: an existing Personal Budget is reviewed and a new one may be
    /// requested, saying what for. Keys as the window sends them.
    #[test]
    fn a_personal_budget_request_says_what_for() {
        let mut record = complete();
        for (key, value) in [("personal_budget_discussed", "true"), ("personal_budget.requested", "true")] {
            assert!(record.apply(key, value).is_ok());
        }
        assert!(record.personal_budget.discussed && record.personal_budget.wants_form());
        assert_eq!(
            messages(&record, PRIMARY, &held()),
            ["A Personal Budget was requested, but not what for (N1)."]
        );
        assert!(
            record.apply("personal_budget.request_for", "Direct payment for a personal assistant").is_ok()
        );
        assert_eq!(messages(&record, PRIMARY, &held()), Vec::<String>::new());
        // One already in place wants the review form too, and asks nothing more of the record.
        let in_place = Ar1Record {
            personal_budget: PersonalBudget { in_place: true, ..PersonalBudget::default() },
            ..complete()
        };
        assert!(in_place.personal_budget.wants_form());
        assert_eq!(messages(&in_place, PRIMARY, &held()), Vec::<String>::new());
        assert!(!complete().personal_budget.wants_form());
    }

    #[test]
    fn issue_15_every_outcome_needs_a_progress_rating() {
        let long_outcome = "Robin will start and keep up a conversation with a peer of his choice, \
                            taking turns, in three different settings";
        let cases: [(&str, Ar1Record, &[&str]); 4] = [
            (
                "every outcome rated, one no longer relevant",
                rated(&[
                    ("Start a conversation with a peer.", Some(Rating::Partly)),
                    ("Use a calm-down plan.", Some(Rating::NoLongerRelevant)),
                ]),
                &[],
            ),
            (
                "the second outcome unrated",
                rated(&[
                    ("Start a conversation with a peer.", Some(Rating::Achieved)),
                    ("Read at the expected level.", None),
                ]),
                &[
                    "Progress towards outcome 2 is not rated (reg 20(5)): \u{201c}Read at the expected level\u{201d}.",
                ],
            ),
            (
                "none rated: each is named",
                rated(&[("Read at the expected level.", None), ("Use a calm-down plan.", None)]),
                &[
                    "Progress towards outcome 1 is not rated (reg 20(5)): \u{201c}Read at the expected level\u{201d}.",
                    "Progress towards outcome 2 is not rated (reg 20(5)): \u{201c}Use a calm-down plan\u{201d}.",
                ],
            ),
            (
                "a long outcome is cut at a word",
                rated(&[(long_outcome, None)]),
                &[
                    "Progress towards outcome 1 is not rated (reg 20(5)): \u{201c}Robin will start and keep up a conversation with a peer of\u{2026}\u{201d}.",
                ],
            ),
        ];
        for (case, record, expected) in cases {
            assert_eq!(messages(&record, PRIMARY, &held()), expected, "{case}");
        }
    }

    /// Issue 15 item 13: the record does not read "complete" before the meeting (it is the
    /// report of the meeting, reg 20(7)), nor while the attendance of anyone reg 20(2) requires
    /// to be invited is not recorded.
    #[test]
    fn issue_15_the_record_is_complete_only_after_the_meeting_with_attendance_recorded() {
        use Attendance::*;
        let with = |edit: &dyn Fn(&mut Meeting)| {
            let mut m = held();
            edit(&mut m);
            m
        };
        let set = |n: usize, to: Attendance| {
            move |m: &mut Meeting| {
                if let Some((_, a)) = m.invited.get_mut(n) {
                    *a = to;
                }
            }
        };
        let cases: [(&str, Meeting, &[&str]); 9] = [
            ("held today, everyone recorded", held(), &[]),
            ("held last week", with(&|m| m.today = d(2027, 1, 19)), &[]),
            (
                "reg 20(7): the day before the meeting",
                with(&|m| m.today = d(2027, 1, 11)),
                &[
                    "The meeting has not happened yet: the record can be completed on or after the meeting, 12 Jan 2027.",
                ],
            ),
            (
                "no meeting date",
                with(&|m| m.date = None),
                &["The meeting has no date yet: the record is of a meeting that has been held."],
            ),
            (
                "reg 20(2)(e): social care not recorded",
                with(&set(4, Unknown)),
                &[
                    "Whether Social care SEND contact (LA social care officer) attended is not recorded (reg 20(2)).",
                ],
            ),
            (
                "reg 20(2)(b): a placeholder named by its role",
                with(&set(1, Unknown)),
                &["Whether Head teacher attended is not recorded (reg 20(2))."],
            ),
            (
                "everyone sent apologies: still recorded",
                with(&|m| m.invited.iter_mut().for_each(|(_, a)| *a = Apologies)),
                &[],
            ),
            (
                "someone the law does not require need not be recorded",
                with(&|m| {
                    m.invited.push((invitee(InviteeKind::Carer, "Sam Fosterley", "Foster carer"), Unknown));
                    m.invited.push((
                        invitee(InviteeKind::Professional, "A EP", "Educational Psychologist"),
                        Unknown,
                    ));
                }),
                &[],
            ),
            (
                "reg 20(2): no statutory invitee on the list",
                with(&|m| m.invited.retain(|(i, _)| !i.statutory)),
                &["No one the law requires to be invited is on the list (reg 20(2))."],
            ),
        ];
        for (case, meeting, expected) in cases {
            assert_eq!(messages(&complete(), PRIMARY, &meeting), expected, "{case}");
        }
    }

    #[test]
    fn outcomes_are_read_from_section_e() {
        let e = "1. Start a conversation with a peer.\n2) Read at the expected level.\n\n3: Use a calm-down plan.";
        assert_eq!(
            outcomes(e),
            ["Start a conversation with a peer.", "Read at the expected level.", "Use a calm-down plan."]
        );
        assert_eq!(outcomes("Walk to school independently"), ["Walk to school independently"]);
    }
}

/// The longest text one field may hold.
pub const MAX_FIELD_CHARS: usize = 20_000;
/// The most agreed actions and outcome rows one record holds.
pub const MAX_ROWS: usize = 50;

impl Rating {
    pub fn code(self) -> &'static str {
        match self {
            Rating::Achieved => "achieved",
            Rating::Partly => "partly",
            Rating::NotYet => "not_yet",
            Rating::NoLongerRelevant => "no_longer_relevant",
        }
    }

    pub fn from_code(code: &str) -> Option<Rating> {
        [Rating::Achieved, Rating::Partly, Rating::NotYet, Rating::NoLongerRelevant]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

impl Recommendation {
    pub fn code(self) -> &'static str {
        match self {
            Recommendation::Maintain => "maintain",
            Recommendation::Amend => "amend",
            Recommendation::Cease => "cease",
        }
    }

    pub fn from_code(code: &str) -> Option<Recommendation> {
        [Recommendation::Maintain, Recommendation::Amend, Recommendation::Cease]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

impl Ar1Record {
    /// The record from stored `(key, value)` fields (see [`Ar1Record::apply`]). A stored field
    /// that no longer applies is skipped rather than failing the whole record.
    pub fn from_fields<'a>(
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
        outcomes: &[String],
    ) -> Ar1Record {
        let mut record = Ar1Record {
            progress: outcomes
                .iter()
                .map(|o| OutcomeProgress {
                    outcome: o.clone(),
                    rating: None,
                    evidence: String::new(),
                    next_steps: String::new(),
                })
                .collect(),
            ..Ar1Record::default()
        };
        for (key, value) in fields {
            let _ = record.apply(key, value);
        }
        record
    }

    /// Sets one field from what the user typed. Keys: the text fields by name
    /// (`discussion`, `child_views`, `pfa.employment`…), `recommendation` (`maintain`, `amend`,
    /// `cease`), `no_amendments`, `personal_budget_discussed`, `personal_budget.in_place|requested`
    /// and `request.reassessment|funding|placement` (`true`/`false`), `personal_budget.request_for`,
    /// `head_teacher_signed` and `completed_on` (dates), `child_presence` (`all`, `part`,
    /// `views_only`, `no`), `actions.N.action|owner|deadline|success_measure`,
    /// `progress.N.rating|evidence|next_steps` and `amend.<section>`.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        let bad = |why: String| Problem::block("ar1", why, "Check what was typed into that field.");
        if value.chars().count() > MAX_FIELD_CHARS {
            return Err(bad(format!("The text for {key} is longer than {MAX_FIELD_CHARS} characters.")));
        }
        let text = value.to_owned();
        let date = |raw: &str| -> Result<Option<NaiveDate>, Problem> {
            if raw.trim().is_empty() {
                Ok(None)
            } else {
                crate::dates::parse_user_date("ar1", "The date", raw).map(Some)
            }
        };
        let flag = |raw: &str| raw == "true";
        let row = |n: &str| -> Result<usize, Problem> {
            n.parse::<usize>()
                .ok()
                .filter(|n| *n < MAX_ROWS)
                .ok_or_else(|| bad(format!("{key} is not a field of the record.")))
        };
        match key.split('.').collect::<Vec<_>>().as_slice() {
            ["child_views"] => self.child_views = text,
            ["child_views_missing_reason"] => self.child_views_missing_reason = text,
            ["parent_views"] => self.parent_views = text,
            ["parent_views_missing_reason"] => self.parent_views_missing_reason = text,
            ["school_views"] => self.school_views = text,
            ["professional_views"] => self.professional_views = text,
            ["provision_review"] => self.provision_review = text,
            ["health"] => self.health = text,
            ["social_care"] => self.social_care = text,
            ["placement"] => self.placement = text,
            ["discussion"] => self.discussion = text,
            ["differences"] => self.differences = text,
            ["recommendation_reasons"] => self.recommendation_reasons = text,
            ["completed_by"] => self.completed_by = text,
            ["pfa", "employment"] => self.pfa.employment = text,
            ["pfa", "independent_living"] => self.pfa.independent_living = text,
            ["pfa", "community"] => self.pfa.community = text,
            ["pfa", "health"] => self.pfa.health = text,
            ["personal_budget_discussed"] => self.personal_budget.discussed = flag(value),
            ["personal_budget", "in_place"] => self.personal_budget.in_place = flag(value),
            ["personal_budget", "requested"] => self.personal_budget.requested = flag(value),
            ["personal_budget", "request_for"] => self.personal_budget.request_for = text,
            ["request", "reassessment"] => self.requests.reassessment = flag(value),
            ["request", "funding"] => self.requests.funding = flag(value),
            ["request", "placement"] => self.requests.placement = flag(value),
            ["no_amendments"] => self.no_amendments = flag(value),
            ["recommendation"] => {
                self.recommendation = match value {
                    "" => None,
                    v => Some(
                        Recommendation::from_code(v)
                            .ok_or_else(|| bad(format!("\u{201c}{v}\u{201d} is not a recommendation.")))?,
                    ),
                }
            }
            ["head_teacher_signed"] => self.head_teacher_signed = date(value)?,
            ["completed_on"] => self.completed_on = date(value)?,
            ["child_presence"] => {
                self.child_presence =
                    match value {
                        "" => None,
                        v => Some(ChildPresence::from_code(v).ok_or_else(|| {
                            bad(format!("\u{201c}{v}\u{201d} is not a way of taking part."))
                        })?),
                    }
            }
            ["amend", section] => {
                let id = SectionId::from_code(section)
                    .ok_or_else(|| bad(format!("Section {section} is not a plan section.")))?;
                self.amendments.retain(|(s, _)| *s != id);
                if !value.trim().is_empty() {
                    self.amendments.push((id, text));
                    self.amendments.sort_by_key(|(s, _)| *s);
                }
            }
            ["actions", n, part] => {
                let n = row(n)?;
                if self.actions.len() <= n {
                    self.actions.resize(n + 1, AgreedAction::default());
                }
                let action = self
                    .actions
                    .get_mut(n)
                    .ok_or_else(|| bad(format!("{key} is not a field of the record.")))?;
                match *part {
                    "action" => action.action = text,
                    "owner" => action.owner = text,
                    "deadline" => action.deadline = date(value)?,
                    "success_measure" => action.success_measure = text,
                    _ => return Err(bad(format!("{key} is not a field of the record."))),
                }
            }
            ["progress", n, part] => {
                let n = row(n)?;
                let progress = self
                    .progress
                    .get_mut(n)
                    .ok_or_else(|| bad(format!("The plan has no outcome {}.", n + 1)))?;
                match *part {
                    "rating" => progress.rating = Rating::from_code(value),
                    "evidence" => progress.evidence = text,
                    "next_steps" => progress.next_steps = text,
                    _ => return Err(bad(format!("{key} is not a field of the record."))),
                }
            }
            _ => return Err(bad(format!("{key} is not a field of the record."))),
        }
        Ok(())
    }

    /// The record without rows left entirely empty (an action row opened but never filled).
    pub fn without_empty_rows(mut self) -> Ar1Record {
        self.actions
            .retain(|a| !(a.action.trim().is_empty() && a.owner.trim().is_empty() && a.deadline.is_none()));
        self
    }
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn fields_build_the_record() {
        let outcomes = vec!["Read at the expected level".to_owned()];
        let fields = [
            ("discussion", "Reviewed each outcome."),
            ("recommendation", "amend"),
            ("amend.F", "Add weekly SaLT."),
            ("actions.1.owner", "SENCO"),
            ("actions.1.deadline", "01/02/2027"),
            ("actions.1.action", "Request SaLT advice"),
            ("progress.0.rating", "partly"),
            ("no_amendments", "false"),
        ];
        let r = Ar1Record::from_fields(fields, &outcomes).without_empty_rows();
        assert_eq!(r.discussion, "Reviewed each outcome.");
        assert_eq!(r.recommendation, Some(Recommendation::Amend));
        assert_eq!(r.amendments, vec![(SectionId::F, "Add weekly SaLT.".to_owned())]);
        // Row 0 was never filled, so it is dropped; row 1 is the action.
        assert_eq!(r.actions.len(), 1);
        assert_eq!(r.actions[0].deadline, NaiveDate::from_ymd_opt(2027, 2, 1));
        assert_eq!(r.progress[0].rating, Some(Rating::Partly));
    }

    #[test]
    fn bad_fields_are_refused() {
        let mut r = Ar1Record::default();
        assert!(r.apply("discusion", "typo").is_err());
        assert!(r.apply("actions.99.owner", "x").is_err());
        assert!(r.apply("actions.0.deadline", "31/02/2027").is_err());
        assert!(r.apply("recommendation", "maybe").is_err());
        assert!(r.apply("progress.0.rating", "achieved").is_err(), "no outcome 1 in an empty plan");
        assert!(r.apply("discussion", &"x".repeat(MAX_FIELD_CHARS + 1)).is_err());
    }
}

/// The parts of the exported record, in the order they print unless the LA's profile lists its
/// own order (`forms.record_order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordPart {
    Attendance,
    PreviousActions,
    Views,
    Progress,
    Provision,
    Health,
    SocialCare,
    Pfa,
    Placement,
    PersonalBudget,
    Discussion,
    Differences,
    Recommendation,
    Amendments,
    Actions,
    Signoff,
}

impl RecordPart {
    /// The standard order (spec §5.2, as the meeting runs).
    pub const ALL: [RecordPart; 16] = [
        RecordPart::Attendance,
        RecordPart::PreviousActions,
        RecordPart::Views,
        RecordPart::Progress,
        RecordPart::Provision,
        RecordPart::Health,
        RecordPart::SocialCare,
        RecordPart::Pfa,
        RecordPart::Placement,
        RecordPart::PersonalBudget,
        RecordPart::Discussion,
        RecordPart::Differences,
        RecordPart::Recommendation,
        RecordPart::Amendments,
        RecordPart::Actions,
        RecordPart::Signoff,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecordPart::Attendance => "attendance",
            RecordPart::PreviousActions => "previous_actions",
            RecordPart::Views => "views",
            RecordPart::Progress => "progress",
            RecordPart::Provision => "provision",
            RecordPart::Health => "health",
            RecordPart::SocialCare => "social_care",
            RecordPart::Pfa => "pfa",
            RecordPart::Placement => "placement",
            RecordPart::PersonalBudget => "personal_budget",
            RecordPart::Discussion => "discussion",
            RecordPart::Differences => "differences",
            RecordPart::Recommendation => "recommendation",
            RecordPart::Amendments => "amendments",
            RecordPart::Actions => "actions",
            RecordPart::Signoff => "signoff",
        }
    }

    pub fn from_code(code: &str) -> Option<RecordPart> {
        RecordPart::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The order to print: the profile's list first (unknown codes are refused when the profile
    /// is loaded), then every part it does not mention, in the standard order, so that nothing
    /// the meeting recorded is ever left out.
    pub fn ordered(profile_order: &[String]) -> Vec<RecordPart> {
        let mut out: Vec<RecordPart> =
            profile_order.iter().filter_map(|c| RecordPart::from_code(c)).collect();
        out.dedup();
        for part in RecordPart::ALL {
            if !out.contains(&part) {
                out.push(part);
            }
        }
        out
    }
}

impl Ar1Record {
    /// The agreed actions with the row each is stored under (`actions.N.…`), skipping rows left
    /// empty. Follow-up (done, carried forward) refers to actions by that row, which does not
    /// change when an earlier row is emptied.
    pub fn numbered_actions(&self) -> Vec<(usize, &AgreedAction)> {
        self.actions
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                !(a.action.trim().is_empty() && a.owner.trim().is_empty() && a.deadline.is_none())
            })
            .collect()
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn a_profile_order_comes_first_and_nothing_is_dropped() {
        let order = RecordPart::ordered(&["discussion".to_owned(), "views".to_owned()]);
        assert_eq!(order.len(), RecordPart::ALL.len());
        assert_eq!(order.first(), Some(&RecordPart::Discussion));
        assert_eq!(order.get(1), Some(&RecordPart::Views));
        assert_eq!(order.get(2), Some(&RecordPart::Attendance));
        assert_eq!(RecordPart::ordered(&[]), RecordPart::ALL.to_vec());
    }

    #[test]
    fn action_rows_keep_their_numbers() {
        let r = Ar1Record::from_fields(
            [("actions.0.action", ""), ("actions.2.action", "Book SaLT"), ("actions.2.owner", "SENCO")],
            &[],
        );
        let rows: Vec<usize> = r.numbered_actions().into_iter().map(|(n, _)| n).collect();
        assert_eq!(rows, [2]);
    }
}
