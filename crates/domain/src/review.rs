//! An annual review of a child's EHC plan.

use chrono::{NaiveDate, NaiveTime};

use crate::dates::{long, parse_user_date};
use crate::problem::Problem;

/// Where a review has got to. The order is the order of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewStage {
    Planning,
    InvitationsSent,
    ReportsDue,
    MeetingHeld,
    ReadyToSubmit,
    Submitted,
    Decided,
}

impl ReviewStage {
    pub const ALL: [ReviewStage; 7] = [
        ReviewStage::Planning,
        ReviewStage::InvitationsSent,
        ReviewStage::ReportsDue,
        ReviewStage::MeetingHeld,
        ReviewStage::ReadyToSubmit,
        ReviewStage::Submitted,
        ReviewStage::Decided,
    ];

    /// The stable code used in storage and JSON.
    pub fn code(self) -> &'static str {
        match self {
            ReviewStage::Planning => "planning",
            ReviewStage::InvitationsSent => "invitations_sent",
            ReviewStage::ReportsDue => "reports_due",
            ReviewStage::MeetingHeld => "meeting_held",
            ReviewStage::ReadyToSubmit => "ready_to_submit",
            ReviewStage::Submitted => "submitted",
            ReviewStage::Decided => "decided",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewStage> {
        ReviewStage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How the stage reads in the UI.
    pub fn label(self) -> &'static str {
        match self {
            ReviewStage::Planning => "Planning",
            ReviewStage::InvitationsSent => "Invitations sent",
            ReviewStage::ReportsDue => "Reports due",
            ReviewStage::MeetingHeld => "Meeting held",
            ReviewStage::ReadyToSubmit => "Ready to submit",
            ReviewStage::Submitted => "Submitted to LA",
            ReviewStage::Decided => "LA decision received",
        }
    }
}

/// Something that happens to a review. [`ReviewStage::after`] says where it leaves the review,
/// or why it cannot happen now: the one place the order of the process is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewEvent {
    /// Invitations and requests for advice went to the `invitees` on the list.
    InvitationsSent { invitees: usize },
    /// Every piece of advice received was sent to everyone invited (T09).
    Circulated,
    /// Part of the record of the meeting (a field, who came) was saved on `today`.
    MeetingRecorded { today: NaiveDate },
    /// The SENCO marked the record complete and ready for the LA.
    MarkedReady,
    /// The paperwork went to the LA.
    Submitted,
    /// The LA's decision letter arrived, on `today`'s reckoning.
    DecisionReceived { today: NaiveDate },
    /// The LA sent the paperwork back asking for more (its quality check): the record reopens.
    ReturnedByLa,
}

impl ReviewStage {
    /// The stage after `event` for a review at `self` whose meeting is `meeting`, or the problem
    /// (field `stage`) that stops it. A stage never goes back — events that belong to an earlier
    /// stage (circulating late papers) leave a later stage as it is — except when the LA sends
    /// the review back: the record reopens at "meeting held", and goes to the LA again.
    pub fn after(self, meeting: Option<NaiveDate>, event: ReviewEvent) -> Result<ReviewStage, Problem> {
        let refuse = |message: &str, hint: &str| Err(Problem::block("stage", message, hint));
        match event {
            ReviewEvent::InvitationsSent { invitees: 0 } => refuse(
                "Add the invitees before recording that invitations were sent.",
                "Accept the suggested list, or add someone.",
            ),
            ReviewEvent::InvitationsSent { .. } if meeting.is_none() => refuse(
                "Set the meeting's date, time and venue first: the invitations give them.",
                "Fill in the meeting's details above.",
            ),
            ReviewEvent::InvitationsSent { .. } => Ok(self.max(ReviewStage::InvitationsSent)),
            ReviewEvent::Circulated => Ok(self.max(ReviewStage::ReportsDue)),
            ReviewEvent::MeetingRecorded { today } => Ok(if meeting.is_some_and(|m| m <= today) {
                self.max(ReviewStage::MeetingHeld)
            } else {
                self
            }),
            ReviewEvent::MarkedReady if self >= ReviewStage::Submitted => {
                refuse("This review has already gone to the LA.", "Record the LA's decision when it comes.")
            }
            ReviewEvent::MarkedReady => Ok(ReviewStage::ReadyToSubmit),
            ReviewEvent::Submitted if meeting.is_none() => {
                refuse("Set the meeting's date first.", "The paperwork goes to the LA after the meeting.")
            }
            ReviewEvent::Submitted if self >= ReviewStage::Decided => refuse(
                "The LA's decision is already recorded.",
                "Nothing more goes to the LA for this review.",
            ),
            ReviewEvent::Submitted => Ok(ReviewStage::Submitted),
            ReviewEvent::DecisionReceived { today }
                if self < ReviewStage::MeetingHeld && meeting.is_none_or(|m| m > today) =>
            {
                refuse("The meeting has not happened yet.", "The LA decides after the review meeting.")
            }
            ReviewEvent::DecisionReceived { .. } if self >= ReviewStage::Decided => refuse(
                "The LA's decision for this review is already recorded.",
                "Each review has one decision letter.",
            ),
            ReviewEvent::DecisionReceived { .. } => Ok(ReviewStage::Decided),
            ReviewEvent::ReturnedByLa if self >= ReviewStage::Decided => refuse(
                "The LA's decision for this review is already recorded.",
                "A review the LA has decided cannot come back: record what followed the decision.",
            ),
            ReviewEvent::ReturnedByLa if self < ReviewStage::Submitted => refuse(
                "This review has not been recorded as sent to the LA.",
                "Record the day it was sent first.",
            ),
            ReviewEvent::ReturnedByLa => Ok(ReviewStage::MeetingHeld),
        }
    }
}

/// The meeting's details as typed: date (dd/mm/yyyy), start time (HH:MM) and venue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingInput {
    pub date: String,
    pub time: String,
    pub venue: String,
}

/// Parses the meeting's details, reporting every problem at once. A meeting before
/// `cycle_start` (the plan, or the last decision letter) belongs to an earlier cycle.
pub fn validate_meeting(input: &MeetingInput, cycle_start: NaiveDate) -> Result<Meeting, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = parse_user_date("date", "Meeting date", &input.date).map_err(|p| problems.push(p)).ok();
    let start = match input.time.trim() {
        "" => {
            problems.push(Problem::block(
                "time",
                "Start time is required.",
                "Enter it as HH:MM, for example 09:30.",
            ));
            None
        }
        t => NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| {
                problems.push(Problem::block(
                    "time",
                    format!("\u{201c}{t}\u{201d} is not a time."),
                    "Enter it as HH:MM, for example 09:30.",
                ));
            })
            .ok(),
    };
    if input.venue.trim().is_empty() {
        problems.push(Problem::block(
            "venue",
            "Venue is required.",
            "Enter the room and site, or \u{201c}Remote: \u{201d} and how to join.",
        ));
    }
    match (date, start) {
        (Some(date), Some(start)) if problems.is_empty() => {
            if date < cycle_start {
                return Err(vec![Problem::block(
                    "date",
                    format!("The meeting date is before this review cycle began ({}).", long(cycle_start)),
                    "Check the year: the meeting belongs to the cycle that starts with the plan or the last decision letter.",
                )]);
            }
            Ok(Meeting { date, start: Some(start), venue: input.venue.trim().to_owned() })
        }
        _ => Err(problems),
    }
}

/// Whether the venue is a remote meeting (the letters then say how to join).
pub fn is_remote(venue: &str) -> bool {
    let v = venue.to_lowercase();
    ["remote", "online", "video", "teams", "zoom", "http"].iter().any(|k| v.contains(k))
}

/// Whether an invitee came to the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendance {
    Unknown,
    InPerson,
    Virtual,
    /// Sent a written contribution only.
    Written,
    Apologies,
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 6] = [
        Attendance::Unknown,
        Attendance::InPerson,
        Attendance::Virtual,
        Attendance::Written,
        Attendance::Apologies,
        Attendance::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Attendance::Unknown => "unknown",
            Attendance::InPerson => "in_person",
            Attendance::Virtual => "virtual",
            Attendance::Written => "written",
            Attendance::Apologies => "apologies",
            Attendance::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Attendance::Unknown => "Not recorded",
            Attendance::InPerson => "Attended in person",
            Attendance::Virtual => "Attended online",
            Attendance::Written => "Written contribution only",
            Attendance::Apologies => "Sent apologies",
            Attendance::Absent => "Did not attend",
        }
    }
}

/// How the meeting is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    /// Room and site, or the remote link.
    pub venue: String,
}

/// One review cycle of one child's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub meeting: Option<Meeting>,
    pub stage: ReviewStage,
    /// When all advice was sent to everyone invited (T09).
    pub circulated_on: Option<NaiveDate>,
}

impl Review {
    /// A new review with no meeting booked yet.
    pub fn planning() -> Review {
        Review { meeting: None, stage: ReviewStage::Planning, circulated_on: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// `stage + event` for one review, as `Ok(stage)` or the refusal's message.
    fn check(
        stage: ReviewStage,
        meeting: Option<NaiveDate>,
        event: ReviewEvent,
    ) -> Result<ReviewStage, String> {
        stage.after(meeting, event).map_err(|p| p.message)
    }

    #[test]
    fn the_process_moves_forward_one_event_at_a_time() {
        use ReviewStage::*;
        let meeting = Some(d(2026, 11, 11));
        let before = d(2026, 11, 10);
        let after = d(2026, 11, 12);
        /// The stage, the meeting, the event, and the stage after it or the refusal.
        type Case = (ReviewStage, Option<NaiveDate>, ReviewEvent, Result<ReviewStage, &'static str>);
        let cases: &[Case] = &[
            (Planning, meeting, ReviewEvent::InvitationsSent { invitees: 3 }, Ok(InvitationsSent)),
            (
                Planning,
                None,
                ReviewEvent::InvitationsSent { invitees: 3 },
                Err("Set the meeting's date, time and venue first: the invitations give them."),
            ),
            (
                Planning,
                meeting,
                ReviewEvent::InvitationsSent { invitees: 0 },
                Err("Add the invitees before recording that invitations were sent."),
            ),
            (MeetingHeld, meeting, ReviewEvent::InvitationsSent { invitees: 1 }, Ok(MeetingHeld)),
            (InvitationsSent, meeting, ReviewEvent::Circulated, Ok(ReportsDue)),
            (ReadyToSubmit, meeting, ReviewEvent::Circulated, Ok(ReadyToSubmit)),
            (ReportsDue, meeting, ReviewEvent::MeetingRecorded { today: before }, Ok(ReportsDue)),
            (ReportsDue, meeting, ReviewEvent::MeetingRecorded { today: after }, Ok(MeetingHeld)),
            (ReportsDue, None, ReviewEvent::MeetingRecorded { today: after }, Ok(ReportsDue)),
            (Submitted, meeting, ReviewEvent::MeetingRecorded { today: after }, Ok(Submitted)),
            (MeetingHeld, meeting, ReviewEvent::MarkedReady, Ok(ReadyToSubmit)),
            (Submitted, meeting, ReviewEvent::MarkedReady, Err("This review has already gone to the LA.")),
            (ReadyToSubmit, meeting, ReviewEvent::Submitted, Ok(Submitted)),
            (ReadyToSubmit, None, ReviewEvent::Submitted, Err("Set the meeting's date first.")),
            (Decided, meeting, ReviewEvent::Submitted, Err("The LA's decision is already recorded.")),
            (Submitted, meeting, ReviewEvent::DecisionReceived { today: after }, Ok(Decided)),
            (InvitationsSent, meeting, ReviewEvent::DecisionReceived { today: after }, Ok(Decided)),
            (
                InvitationsSent,
                meeting,
                ReviewEvent::DecisionReceived { today: before },
                Err("The meeting has not happened yet."),
            ),
            (
                Planning,
                None,
                ReviewEvent::DecisionReceived { today: after },
                Err("The meeting has not happened yet."),
            ),
            (
                Decided,
                meeting,
                ReviewEvent::DecisionReceived { today: after },
                Err("The LA's decision for this review is already recorded."),
            ),
            // The LA sends a review back (issue 15 item 6): the record reopens, and goes again.
            (Submitted, meeting, ReviewEvent::ReturnedByLa, Ok(MeetingHeld)),
            (MeetingHeld, meeting, ReviewEvent::Submitted, Ok(Submitted)),
            (
                ReadyToSubmit,
                meeting,
                ReviewEvent::ReturnedByLa,
                Err("This review has not been recorded as sent to the LA."),
            ),
            (
                Decided,
                meeting,
                ReviewEvent::ReturnedByLa,
                Err("The LA's decision for this review is already recorded."),
            ),
        ];
        for (stage, meeting, event, expected) in cases {
            let expected = expected.map_err(str::to_owned);
            assert_eq!(check(*stage, *meeting, *event), expected, "{stage:?} + {event:?}");
        }
    }

    fn any_stage() -> impl Strategy<Value = ReviewStage> {
        proptest::sample::select(ReviewStage::ALL.to_vec())
    }

    fn any_event() -> impl Strategy<Value = ReviewEvent> {
        let day = (0i64..60).prop_map(|n| d(2026, 10, 1) + chrono::Days::new(n.unsigned_abs()));
        prop_oneof![
            (0usize..4).prop_map(|invitees| ReviewEvent::InvitationsSent { invitees }),
            Just(ReviewEvent::Circulated),
            day.clone().prop_map(|today| ReviewEvent::MeetingRecorded { today }),
            Just(ReviewEvent::MarkedReady),
            Just(ReviewEvent::Submitted),
            day.prop_map(|today| ReviewEvent::DecisionReceived { today }),
            Just(ReviewEvent::ReturnedByLa),
        ]
    }

    fn any_meeting() -> impl Strategy<Value = Option<NaiveDate>> {
        proptest::option::of((0u64..60).prop_map(|n| d(2026, 10, 1) + chrono::Days::new(n)))
    }

    proptest! {
        /// A stage never goes back but when the LA sends a review back (to "meeting held"), and a
        /// refusal leaves the stage as it was with a reason the user can act on.
        #[test]
        fn a_stage_never_goes_back(stage in any_stage(), meeting in any_meeting(), event in any_event()) {
            match stage.after(meeting, event) {
                Ok(next) if event == ReviewEvent::ReturnedByLa => {
                    prop_assert_eq!((stage, next), (ReviewStage::Submitted, ReviewStage::MeetingHeld));
                }
                Ok(next) => prop_assert!(next >= stage, "{stage:?} + {event:?} went back to {next:?}"),
                Err(p) => {
                    prop_assert_eq!(p.field, "stage");
                    prop_assert!(!p.message.is_empty() && !p.hint.is_empty());
                }
            }
        }

        /// Once the LA has decided, nothing moves the review on and nothing goes to the LA again.
        #[test]
        fn a_decided_review_stays_decided(meeting in any_meeting(), event in any_event()) {
            match ReviewStage::Decided.after(meeting, event) {
                Ok(next) => prop_assert_eq!(next, ReviewStage::Decided),
                Err(p) => prop_assert_eq!(p.field, "stage"),
            }
        }

        /// Every sequence of events that the machine accepts walks the stages in order (a return
        /// by the LA steps back once, to the meeting's record), and a review reaches "decided"
        /// only through a decision letter.
        #[test]
        fn every_accepted_walk_is_in_process_order(
            meeting in any_meeting(),
            events in proptest::collection::vec(any_event(), 0..12),
        ) {
            let mut stage = ReviewStage::Planning;
            for event in events {
                if let Ok(next) = stage.after(meeting, event) {
                    prop_assert!(next >= stage || event == ReviewEvent::ReturnedByLa);
                    if next == ReviewStage::Decided && stage != ReviewStage::Decided {
                        let decided = matches!(event, ReviewEvent::DecisionReceived { .. });
                        prop_assert!(decided, "decided by {:?}", event);
                    }
                    if next == ReviewStage::Submitted && stage != ReviewStage::Submitted {
                        prop_assert!(meeting.is_some());
                    }
                    stage = next;
                }
            }
        }
    }

    #[test]
    fn a_meeting_is_checked_field_by_field_and_against_the_cycle() {
        let start = d(2025, 12, 1);
        let input = |date: &str, time: &str, venue: &str| MeetingInput {
            date: date.to_owned(),
            time: time.to_owned(),
            venue: venue.to_owned(),
        };
        let fields = |r: Result<Meeting, Vec<Problem>>| -> Vec<&'static str> {
            r.err().unwrap_or_default().iter().map(|p| p.field).collect()
        };
        assert_eq!(fields(validate_meeting(&input("", "", " "), start)), ["date", "time", "venue"]);
        assert_eq!(fields(validate_meeting(&input("31/02/2026", "9.30", "Room 4"), start)), ["date", "time"]);
        assert_eq!(fields(validate_meeting(&input("01/11/2025", "09:30", "Room 4"), start)), ["date"]);
        let ok = validate_meeting(&input("11/11/2026", "09:30", " Room 4 "), start);
        assert_eq!(ok.map(|m| (m.date, m.venue)), Ok((d(2026, 11, 11), "Room 4".to_owned())));
        assert!(is_remote("Remote: Teams link to follow") && !is_remote("Room 4"));
    }

    #[test]
    fn stage_codes_round_trip_in_process_order() {
        for s in ReviewStage::ALL {
            assert_eq!(ReviewStage::from_code(s.code()), Some(s));
        }
        assert!(ReviewStage::ALL.windows(2).all(|w| matches!(w, [a, b] if a < b)));
    }
}
