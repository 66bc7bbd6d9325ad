//! An annual review of a child's EHC plan.

use chrono::{NaiveDate, NaiveTime};

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

    #[test]
    fn stage_codes_round_trip_in_process_order() {
        for s in ReviewStage::ALL {
            assert_eq!(ReviewStage::from_code(s.code()), Some(s));
        }
        assert!(ReviewStage::ALL.windows(2).all(|w| matches!(w, [a, b] if a < b)));
    }
}
