//! The code lists the backend answers with, as enums. Their JSON is the stable snake_case code
//! the domain uses (`"ready_to_submit"`), so `ardesk --json` and the window read the same; the
//! app converts the domain's values to these by hand, with an exhaustive match, so a new value
//! in the domain does not compile until the contract has it. Each has its label (the words a
//! person reads) and implements [`CodeList`], so the window offers any of them as a choice
//! without copying the list. In forms, a choice from a list is one of these (`None` until
//! chosen); free text stays as typed, for the domain to check.

use serde::{Deserialize, Serialize};

/// What every code list has: its values, their codes and labels (so that the window can offer
/// any of them as a choice without copying the list).
pub trait CodeList: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
}

/// An enum whose variants serialise as the given codes, with `ALL`, `code()` and `label()`
/// (the words a person reads; the code where no label is given).
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal $(($label:literal))?),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code, as in JSON (for data attributes and class names).
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),*
                }
            }

            /// The value with this code, if any (for command-line arguments and form values).
            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// How the window and documents name it.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => code_list!(@label $code $($label)?)),*
                }
            }
        }

        impl CodeList for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }
    };
    (@label $code:literal) => { $code };
    (@label $code:literal $label:literal) => { $label };
}

code_list! {
    /// Where a review has got to, in the order of the process.
    Stage {
        Planning = "planning",
        InvitationsSent = "invitations_sent",
        ReportsDue = "reports_due",
        MeetingHeld = "meeting_held",
        ReadyToSubmit = "ready_to_submit",
        Submitted = "submitted",
        Decided = "decided",
    }
}

code_list! {
    /// How urgent a review's next step is.
    Urgency {
        Overdue = "overdue" ("Overdue"),
        /// The meeting booked is after T03: bring it forward.
        MeetingTooLate = "meeting_too_late" ("Meeting too late"),
        /// No date of the plan's history is known: the clock has nothing to count from.
        NeedsDates = "needs_dates" ("Dates needed"),
        DueSoon = "due_soon" ("Due soon"),
        OnTrack = "on_track" ("On track"),
    }
}

code_list! {
    /// How serious a finding or problem is.
    Severity {
        /// Stops the action until fixed.
        Block = "block",
        /// The action can go ahead once a reason is recorded.
        Warn = "warn",
        Info = "info",
    }
}

code_list! {
    /// What the password, encryption and macro scan found in a file.
    Verdict {
        Ok = "ok",
        Encrypted = "encrypted",
        Macro = "macro",
        Unsupported = "unsupported",
        TooLarge = "too_large",
        Unreadable = "unreadable",
    }
}

code_list! {
    /// What the LA's check made of a received bundle.
    ReceivedVerdict {
        /// Complete, unchanged, and within the rules: ready for the decision.
        Valid = "valid",
        /// It can be read, but something is missing, changed or forbidden.
        Problems = "problems",
        /// It cannot be used at all (not a zip, or a damaged one).
        Unusable = "unusable",
        /// Sent without this app (a zip or folder of Word and PDF files): scanned and its
        /// documents recognised where they can be, but only a person can say it is complete.
        NeedsPerson = "needs_person",
    }
}

code_list! {
    /// Whether a statutory step (T07 notice, T09 circulation) was done in time.
    ComplianceState {
        /// No meeting is set, so there is no deadline yet.
        NoMeeting = "no_meeting",
        Pending = "pending",
        Met = "met",
        NotMet = "not_met",
    }
}

code_list! {
    /// Where a document on the report checklist stands.
    ChecklistStatus {
        Received = "received",
        NotRequested = "not_requested",
        Overdue = "overdue",
        Awaited = "awaited",
    }
}

code_list! {
    /// The page where the user fixes a bundle finding.
    FixAt {
        Ar1 = "ar1",
        Amendments = "amendments",
        Prep = "prep",
        /// Nowhere in the app: the finding is about the documents themselves.
        Nowhere = "none",
    }
}

code_list! {
    /// A run of the word-level difference between current and proposed wording.
    DiffChange {
        Same = "same",
        Inserted = "inserted",
        Deleted = "deleted",
    }
}

code_list! {
    /// Where a bundle file came from.
    FileSource {
        /// Written by the app (the AR1 record, the amendments, typed-in views).
        Generated = "generated",
        /// Received and attached to the checklist.
        Attached = "attached",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_its_json() {
        fn check<T: Serialize>(all: &[T], code: impl Fn(&T) -> &'static str) {
            for value in all {
                assert_eq!(serde_json::to_string(value).unwrap_or_default(), format!("\"{}\"", code(value)));
            }
        }
        check(Stage::ALL, |s| s.code());
        check(Urgency::ALL, |s| s.code());
        check(Severity::ALL, |s| s.code());
        check(Verdict::ALL, |s| s.code());
        check(ReceivedVerdict::ALL, |s| s.code());
        check(ComplianceState::ALL, |s| s.code());
        check(ChecklistStatus::ALL, |s| s.code());
        check(FixAt::ALL, |s| s.code());
        check(DiffChange::ALL, |s| s.code());
        check(FileSource::ALL, |s| s.code());
    }
}

code_list! {
    /// Which files a document is written as.
    DocumentFormat {
        Docx = "docx",
        Pdf = "pdf",
        /// Word to edit, and PDF to send.
        Both = "both",
    }
}

code_list! {
    /// How someone prefers to be contacted.
    ContactMethod {
        Email = "email" ("Email"),
        Phone = "phone" ("Phone"),
        Post = "post" ("Post"),
        Text = "text" ("Text message"),
    }
}

code_list! {
    /// Why the school must not contact a parent or carer as usual: nothing is sent to them
    /// automatically.
    Restriction {
        CourtOrder = "court_order" ("Court order"),
        NoPost = "no_post" ("Do not send post to this address"),
    }
}

code_list! {
    /// The service a professional works for.
    Service {
        Education = "education" ("Education"),
        Health = "health" ("Health"),
        SocialCare = "social_care" ("Social care"),
    }
}

code_list! {
    /// Who an invitee is: it decides which letter they get (the family's, or the request for
    /// professional advice) and whether the law requires them (reg 20(2)).
    InviteeKind {
        Parent = "parent" ("Parent/carer (parental responsibility)"),
        YoungPerson = "young_person" ("Young person"),
        Carer = "carer" ("Carer"),
        Setting = "setting" ("School or setting"),
        LaSen = "la_sen" ("LA SEN officer"),
        Health = "health" ("Health professional"),
        SocialCare = "social_care" ("LA social care"),
        Professional = "professional" ("Other professional"),
    }
}

code_list! {
    /// Whether an invitee took part in the meeting, and how.
    Attendance {
        Unknown = "unknown" ("Not recorded"),
        InPerson = "in_person" ("Attended in person"),
        Virtual = "virtual" ("Attended online"),
        Written = "written" ("Written contribution only"),
        Apologies = "apologies" ("Sent apologies"),
        Absent = "absent" ("Did not attend"),
    }
}

code_list! {
    /// Where an agreed action stands.
    ActionStatus {
        Open = "open" ("Open"),
        Done = "done" ("Done"),
        CarriedForward = "carried_forward" ("Carried forward"),
        Dropped = "dropped" ("No longer needed"),
    }
}

code_list! {
    /// The LA's decision after the review (reg 20(10)).
    Decision {
        NoChange = "no_change" ("Maintain the plan unchanged"),
        Minor = "minor" ("Amend the plan (minor changes)"),
        Significant = "significant" ("Amend the plan (significant changes, draft to follow)"),
        Cease = "cease" ("Cease to maintain the plan"),
    }
}

code_list! {
    /// How a letter went out (issue 20 item 7).
    SendMethod {
        Email = "email" ("by email"),
        Post = "post" ("by post"),
        Hand = "hand" ("by hand"),
    }
}

code_list! {
    /// What the school asks of the LA after a review (issue 20).
    RequestKind {
        Reassessment = "reassessment" ("Re-assessment of needs"),
        Support = "support" ("Additional support or services"),
        Reconsideration = "reconsideration" ("Reconsider the LA's decision (new evidence)"),
    }
}

code_list! {
    /// How the LA answered a request.
    RequestOutcome {
        Agreed = "agreed" ("Agreed"),
        PartlyAgreed = "partly" ("Partly agreed"),
        Refused = "refused" ("Refused"),
        Withdrawn = "withdrawn" ("Withdrawn by the school"),
    }
}

code_list! {
    /// How proposed amendments are shown.
    AmendmentMode {
        Revisions = "revisions" ("Word tracked changes"),
        Boldstrike = "boldstrike" ("Bold additions, struck-through deletions"),
        Table = "table" ("Table of changes"),
    }
}

code_list! {
    /// How the bundle reaches the LA (an LA profile's submission channel).
    Channel {
        Portal = "portal" ("LA portal"),
        Email = "email" ("Email"),
        Securefile = "securefile" ("Secure file transfer"),
        DigitalForm = "digital_form" ("LA digital form"),
    }
}

code_list! {
    /// How an LA wants proposed amendments to the plan shown (spec §7.2).
    LaAmendmentMode {
        WordRevisions = "word_revisions" ("Word tracked changes"),
        BoldStrike = "bold_strike" ("Bold additions, struck-through deletions"),
        OnFormTable = "on_form_table" ("Table on the review form"),
        AnnotatedOrTable = "annotated_or_table" ("Annotated plan or table"),
    }
}

code_list! {
    /// The kind of review (spec §9): annual, or one the LA holds between annual reviews or brings
    /// forward.
    ReviewType {
        Annual = "annual" ("Annual review"),
        Interim = "interim" ("Interim review (between annual reviews)"),
        Early = "early" ("Early review (brought forward)"),
    }
}

code_list! {
    /// A document the SENCO adds to a review's checklist by hand (spec §4): one the invitee list
    /// does not produce. The code is the document's (D07…).
    AddableDocument {
        SupportPlan = "D03" ("SEN support plan"),
        CostedProvisionMap = "D07" ("Costed provision map"),
        RiskAssessment = "D08" ("Risk assessment"),
        Report = "D09" ("A report since the last review (from someone not invited)"),
        PersonalBudget = "D12" ("Personal Budget request or review"),
        HealthQuestionnaire = "D13" ("Health questionnaire"),
        Attendance = "D14" ("Attendance and exclusion record"),
        RequestForm = "D15" ("Request form (reassessment, change of placement, funding)"),
    }
}

code_list! {
    /// What the school's retention period for leavers' records counts from.
    RetentionBasis {
        AfterLeaving = "after_leaving" ("Years after the child leaves"),
        UntilAge = "until_age" ("Until the child's birthday at this age"),
    }
}
