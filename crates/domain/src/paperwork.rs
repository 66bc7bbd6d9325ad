//! The review's paperwork (spec §4): which documents a review expects before the meeting, from
//! whom, and the names of the document codes D01–D19.

use chrono::{Datelike, NaiveDate};

use crate::child::ChildRecord;
use crate::clock::Timeline;
use crate::invitees::{Invitee, InviteeKind, SuggestionContext, suggest};
use crate::la::{Condition, LaProfile};
use crate::ncy::nc_year;
use crate::people::{ParentCarer, Professional, has_parental_responsibility};
use crate::problem::Problem;

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

/// The invitees the app suggests for a review meeting on `meeting`, and the documents the
/// checklist then expects (indexes in [`Expected::from`] point into the invitees). `school` is
/// the school's name and its head teacher's ("" if not given).
pub fn plan(
    record: &ChildRecord,
    parents: &[ParentCarer],
    professionals: &[Professional],
    meeting: NaiveDate,
    timeline: Option<&Timeline>,
    profile: &LaProfile,
    (school_name, head_teacher): (&str, &str),
) -> (Vec<Invitee>, Vec<Expected>) {
    let age = age_on(record.dob, meeting);
    let ncy = nc_year(record.dob, record.ncy_offset, meeting);
    let transfer = timeline.is_some_and(Timeline::is_transfer) || ncy == 6 || ncy == 11;
    let ctx = SuggestionContext {
        looked_after: record.looked_after,
        ncy,
        age,
        transfer,
        school_name,
        head_teacher,
        la_name: &profile.name,
    };
    let invitees = suggest(&ctx, &record.display_name(), parents, professionals);
    let pfa = timeline.is_some_and(|t| t.pfa_required);
    let docs = expected(profile, record.looked_after, pfa, &invitees);
    (invitees, docs)
}

/// Age in whole years on `day`.
fn age_on(dob: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - dob.year();
    if (day.month(), day.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    age
}

/// Why the invitations cannot be suggested yet: a child under 16 with nobody recorded as having
/// parental responsibility. The law never lets the school leave the parent out (reg 20(2)(a)),
/// so the SENCO is asked who has it rather than given a list that silently lacks them.
pub fn parental_responsibility_missing(
    record: &ChildRecord,
    parents: &[ParentCarer],
    meeting: NaiveDate,
) -> Option<Problem> {
    (age_on(record.dob, meeting) < 16 && !has_parental_responsibility(parents)).then(|| {
        Problem::block(
            "parents",
            format!("Who has parental responsibility for {}?", record.display_name()),
            "Add them under \u{201c}Parents and carers\u{201d} on the child's page: a parent with parental \
             responsibility must be invited (reg 20(2)(a)). For a looked-after child, add the birth parent \
             or the LA as corporate parent as the care order says.",
        )
    })
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
            age: 15,
            transfer: false,
            school_name: "S",
            head_teacher: "",
            la_name: "Redcar",
        };
        let invitees = suggest(&ctx, "Robin", &[parent], &[ep]);
        let list = expected(redcar, true, true, &invitees);
        let codes: Vec<&str> = list.iter().map(|e| e.code).collect();
        // School report, Redcar's support plan, parent and child views, PEP, PfA, then advice
        // from the EP and the ICB's health professional.
        assert_eq!(codes, ["D02", "D03", "D10", "D11", "D05", "D06", "D09", "D09"]);
        assert!(list.iter().any(|e| e.title == "Advice from Educational Psychologist (Dr Ed Psych)"));
        // Stockton does not require the support plan.
        let stockton = cat.get("stockton").unwrap_or_else(|| unreachable!());
        assert!(!expected(stockton, false, false, &invitees).iter().any(|e| e.code == "D03"));
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
}
