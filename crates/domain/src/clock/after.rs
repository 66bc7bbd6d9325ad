//! After the meeting (spec §10; T12–T15, T21): the LA's decision and what it starts.
//!
//! - No decision letter once T12 has passed: chase the LA (T12C), and count the next cycle from
//!   the meeting (T15) rather than never (issue 15 item 5).
//! - Amend: the representations period (T13) and the final amended plan (T14), from the notice
//!   and draft dates; T14 stays once the decision is recorded (item 3).
//! - Maintain or amend: the next cycle counts from the decision letter (T15).
//! - Cease: the appeal window (T21); the plan is maintained until it closes or an appeal ends,
//!   and the child then leaves the active caseload (item 4).
//! - Any decision the family can appeal: the appeal window (T21), information only.

use chrono::NaiveDate;

use super::{
    AMENDMENT_LONG_STOP_DAYS, Anchor, AnchorKind, ClockError, ClockInput, CycleFacts, DEVON_CASE,
    MilestoneId, REG20_DECISION, Rule, S44,
};
use crate::calendar::{add_days, add_months, within_months_starting_with};
use crate::dates::long;

/// What the LA decided after the review (reg 20; Code of Practice 9.176).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// Keep the plan as it is.
    Maintain,
    /// Amend the plan (reg 22).
    Amend,
    /// Cease to maintain the plan (CFA 2014 s45; regs 29–31).
    Cease,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [DecisionKind::Maintain, DecisionKind::Amend, DecisionKind::Cease];

    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Maintain => "maintain",
            DecisionKind::Amend => "amend",
            DecisionKind::Cease => "cease",
        }
    }

    pub fn from_code(code: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl From<crate::follow_up::Decision> for DecisionKind {
    fn from(d: crate::follow_up::Decision) -> DecisionKind {
        use crate::follow_up::Decision;
        match d {
            Decision::NoChange => DecisionKind::Maintain,
            Decision::Minor | Decision::Significant => DecisionKind::Amend,
            Decision::Cease => DecisionKind::Cease,
        }
    }
}

/// An appeal to the SEND Tribunal against a decision to cease.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appeal {
    pub lodged: NaiveDate,
    /// The appeal was finally determined with the cease upheld, or withdrawn. (An appeal that
    /// succeeds replaces the decision: record the LA's new one instead.)
    pub ended: Option<NaiveDate>,
}

/// The LA's decision letter and the dates that follow it. Build with [`LaDecision::new`] and set
/// what is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaDecision {
    pub kind: DecisionKind,
    /// The date of the decision letter.
    pub letter: NaiveDate,
    /// Amend: the date the LA sent the plan with its notice of the proposed amendments and their
    /// evidence (reg 22(2)(a)). Starts the 8 weeks to the final plan (reg 22(3)).
    pub notice: Option<NaiveDate>,
    /// Amend: the date the draft amended plan was served, when later than the notice. Starts
    /// the 15 days for representations (reg 22(2)(c)).
    pub draft: Option<NaiveDate>,
    /// Amend: the date the final amended plan was issued.
    pub final_plan: Option<NaiveDate>,
    /// The date of a mediation certificate (CFA 2014 s55), for an appeal.
    pub mediation_certificate: Option<NaiveDate>,
    /// Cease: an appeal to the Tribunal.
    pub appeal: Option<Appeal>,
}

impl LaDecision {
    pub fn new(kind: DecisionKind, letter: NaiveDate) -> LaDecision {
        LaDecision {
            kind,
            letter,
            notice: None,
            draft: None,
            final_plan: None,
            mediation_certificate: None,
            appeal: None,
        }
    }

    /// The decision's dates come after the meeting and after each other, and each goes with its
    /// kind of decision.
    pub(super) fn check(&self, meeting: Option<NaiveDate>) -> Result<(), ClockError> {
        let not_for = |what| Err(ClockError::NotForDecision { what, decision: self.kind });
        let amend_only = [
            ("an amendment notice", self.notice),
            ("a draft amended plan", self.draft),
            ("a final amended plan", self.final_plan),
        ];
        if self.kind != DecisionKind::Amend
            && let Some((what, _)) = amend_only.iter().find(|(_, date)| date.is_some())
        {
            return not_for(what);
        }
        if self.kind != DecisionKind::Cease && self.appeal.is_some() {
            return not_for("a Tribunal appeal against a cease");
        }
        let order =
            |what, date: Option<NaiveDate>, other, other_date: Option<NaiveDate>| match (date, other_date) {
                (Some(date), Some(other_date)) if date < other_date => {
                    Err(ClockError::OutOfOrder { what, date, other, other_date })
                }
                _ => Ok(()),
            };
        order("LA's decision letter", Some(self.letter), "meeting", meeting)?;
        order("amendment notice", self.notice, "meeting", meeting)?;
        order("draft amended plan", self.draft, "amendment notice", self.notice)?;
        order("final amended plan", self.final_plan, "amendment notice", self.notice)?;
        order("final amended plan", self.final_plan, "draft amended plan", self.draft)?;
        order("final amended plan", self.final_plan, "meeting", meeting)?;
        if self.kind == DecisionKind::Amend {
            if self.mediation_certificate.is_some() && self.final_plan.is_none() {
                return Err(ClockError::Needs {
                    what: "a mediation certificate after a decision to amend",
                    needs: "the final amended plan's date (the appeal is against the final plan)",
                });
            }
            order(
                "mediation certificate",
                self.mediation_certificate,
                "final amended plan",
                self.final_plan,
            )?;
        } else {
            order(
                "mediation certificate",
                self.mediation_certificate,
                "LA's decision letter",
                Some(self.letter),
            )?;
        }
        if let Some(appeal) = self.appeal {
            order("Tribunal appeal", Some(appeal.lodged), "LA's decision letter", Some(self.letter))?;
            order("end of the appeal", appeal.ended, "Tribunal appeal", Some(appeal.lodged))?;
        }
        Ok(())
    }
}

/// What is known of the LA's decision after this cycle's meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Decided {
    /// The caller does not track the decision: the clock neither asks to chase the LA nor
    /// counts the next cycle, and keeps T14 for the case the plan is amended.
    #[default]
    Untracked,
    /// No decision letter is recorded yet.
    NotYet,
    /// The LA's decision.
    Letter(LaDecision),
}

/// Where a cycle stands after its meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleState {
    /// Before the meeting, or awaiting the LA's decision within its 4 weeks (or not tracked).
    Open,
    /// The LA's decision was due on `due` (T12) and no letter is recorded: chase the LA.
    DecisionOverdue { due: NaiveDate },
    /// The LA is amending the plan: the final amended plan is awaited (T13, T14).
    Amending,
    /// The review is concluded (maintained, or the amended plan issued): the next cycle counts
    /// from the decision letter (T15).
    Concluded,
    /// The LA decided to cease. The plan is maintained until the appeal window closes on
    /// `closes` (T21) (Children and Families Act 2014 s45).
    CeaseAppealWindow { closes: NaiveDate },
    /// An appeal against the cease is being heard: the plan is maintained until it ends.
    CeaseAppealed,
    /// The plan has ceased, `from` this date: the child leaves the active caseload (kept,
    /// read-only, until the retention rule says otherwise).
    Ceased { from: NaiveDate },
}

impl CycleState {
    /// Whether the child belongs on the active caseload.
    pub fn is_active(self) -> bool {
        !matches!(self, CycleState::Ceased { .. })
    }

    /// The day the plan ceased, once it has.
    pub fn ceased_from(self) -> Option<NaiveDate> {
        match self {
            CycleState::Ceased { from } => Some(from),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CycleState::Open => "open",
            CycleState::DecisionOverdue { .. } => "decision_overdue",
            CycleState::Amending => "amending",
            CycleState::Concluded => "concluded",
            CycleState::CeaseAppealWindow { .. } => "cease_appeal_window",
            CycleState::CeaseAppealed => "cease_appealed",
            CycleState::Ceased { .. } => "ceased",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CycleState::Open => "Open",
            CycleState::DecisionOverdue { .. } => "LA decision overdue",
            CycleState::Amending => "Plan being amended",
            CycleState::Concluded => "Review concluded",
            CycleState::CeaseAppealWindow { .. } => "Cease decided: appeal window open",
            CycleState::CeaseAppealed => "Cease under appeal",
            CycleState::Ceased { .. } => "Plan ceased",
        }
    }
}

/// What [`after_meeting`] adds to the timeline.
pub(super) struct After {
    pub rules: Vec<Rule>,
    pub state: CycleState,
    pub next_anchor: Option<Anchor>,
}

const REG22_REPS: &str = "SEND Regulations 2014 reg 22(2)(c)";
const APPEAL: &str = "Children and Families Act 2014 s51 and s55 (mediation certificate); Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20";

/// The milestones after the meeting, the cycle's state on `input.today`, and the next anchor.
pub(super) fn after_meeting(input: &ClockInput<'_>, facts: &CycleFacts) -> After {
    let t = &input.profile.timings;
    let today = input.today;
    let t12 = input.meeting.map(|m| add_days(m, t.la_decision_after_meeting_days));
    // The longest the law lets an amendment take after the meeting; a profile may promise less.
    let long_stop = input
        .meeting
        .map(|m| (m, add_days(m, t.final_plan_after_meeting_days.min(AMENDMENT_LONG_STOP_DAYS))));
    let provisional_t14 = long_stop.map(|(_, date)| {
        Rule::new(
            MilestoneId::T14,
            date,
            "If the plan is amended, the final plan is due at most 12 weeks after the meeting: 4 weeks to decide, then 8 weeks from the amendment notice.",
            devon(),
        )
    });
    let mut rules = Vec::new();
    let (state, next_anchor) = match facts.decision {
        Decided::Untracked => {
            rules.extend(provisional_t14);
            (CycleState::Open, None)
        }
        Decided::NotYet => {
            rules.extend(provisional_t14);
            match (input.meeting, t12) {
                (Some(m), Some(due)) if today > due => {
                    rules.push(Rule::new(
                        MilestoneId::T12C,
                        add_days(due, 1),
                        format!(
                            "The LA's decision was due by {} (4 weeks after the meeting) and no decision letter is recorded: chase the LA's SEN team, and enter the letter's date when it comes. The next review is still counted from the statutory anchor (T15).",
                            long(due)
                        ),
                        REG20_DECISION,
                    ));
                    rules.push(next_cycle(m, AnchorKind::LastReviewMeeting));
                    (
                        CycleState::DecisionOverdue { due },
                        Some(Anchor { kind: AnchorKind::LastReviewMeeting, date: m }),
                    )
                }
                _ => (CycleState::Open, None),
            }
        }
        Decided::Letter(d) => {
            let next = Anchor { kind: AnchorKind::LastReviewDecision, date: d.letter };
            match d.kind {
                DecisionKind::Maintain => {
                    rules.push(next_cycle(d.letter, AnchorKind::LastReviewDecision));
                    rules.push(appeal_window(
                        "the LA's decision not to amend the plan",
                        "decision letter",
                        d.letter,
                        d.mediation_certificate,
                        "",
                    ));
                    (CycleState::Concluded, Some(next))
                }
                DecisionKind::Amend => {
                    rules.extend(amendment(&d, long_stop, t12));
                    rules.push(next_cycle(d.letter, AnchorKind::LastReviewDecision));
                    match d.final_plan {
                        Some(issued) => {
                            rules.push(appeal_window(
                                "the amended plan",
                                "final amended plan",
                                issued,
                                d.mediation_certificate,
                                "",
                            ));
                            (CycleState::Concluded, Some(next))
                        }
                        None => (CycleState::Amending, Some(next)),
                    }
                }
                DecisionKind::Cease => {
                    let window = appeal_window(
                        "the decision to cease to maintain the plan",
                        "decision letter",
                        d.letter,
                        d.mediation_certificate,
                        " The plan is maintained until then, or until an appeal ends (Children and Families Act 2014 s45); after that the child leaves the active caseload.",
                    );
                    let closes = window.date;
                    rules.push(window);
                    (cease_state(closes, d.appeal, today), None)
                }
            }
        }
    };
    After { rules, state, next_anchor }
}

fn devon() -> String {
    format!("SEND Regulations 2014 reg 22(3); {DEVON_CASE}")
}

/// T13 and T14 after a decision to amend.
///
/// T13: reg 22(2)(c) gives "at least 15 days, beginning with the day on which the draft plan was
/// served", so the last day is that day + 14 (C4). The spec counts T13 from the amendment notice;
/// the law counts from the draft plan's service. They are the same day when the LA sends them
/// together (reg 22(2)(a) sends "a copy of the EHC plan together with a notice"); a draft served
/// later is counted from its own date (the law wins).
///
/// T14: within 8 weeks of sending the notice (reg 22(3)), and at most 12 weeks after the meeting:
/// Devon (2022) read the 4-week decision of reg 20 and reg 22 together, so the proposed
/// amendments go with the decision and the final plan follows within 8 weeks of it.
fn amendment(d: &LaDecision, long_stop: Option<(NaiveDate, NaiveDate)>, t12: Option<NaiveDate>) -> Vec<Rule> {
    let mut out = Vec::new();
    if let Some(served) = d.draft.or(d.notice) {
        out.push(Rule::new(
            MilestoneId::T13,
            add_days(served, 14),
            format!(
                "The parent or young person has at least 15 days, beginning with the day the draft amended plan was served ({}), to make representations, ask for a particular school or college to be named, or ask to meet an LA officer.",
                long(served)
            ),
            REG22_REPS,
        ));
    }
    let t14 = match (d.notice, long_stop) {
        (Some(notice), long_stop) => {
            let eight_weeks = add_days(notice, 56);
            let late = t12.filter(|t12| notice > *t12).map(|t12| {
                format!(
                    " The notice came after {}, the end of the 4 weeks in which the LA had to send its proposed amendments with its decision.",
                    long(t12)
                )
            });
            match long_stop.filter(|(_, stop)| *stop < eight_weeks) {
                Some((m, stop)) => Rule::new(
                    MilestoneId::T14,
                    stop,
                    format!(
                        "The final amended plan was due within 8 weeks of the amendment notice of {} ({}), but no later than 12 weeks after the meeting of {}: the High Court read the LA's 4 weeks to decide and the 8 weeks to amend together (Devon, 2022).{}",
                        long(notice),
                        long(eight_weeks),
                        long(m),
                        late.unwrap_or_default()
                    ),
                    devon(),
                ),
                None => Rule::new(
                    MilestoneId::T14,
                    eight_weeks,
                    format!(
                        "The final amended plan must be issued within 8 weeks of the amendment notice of {}.{}",
                        long(notice),
                        late.unwrap_or_default()
                    ),
                    devon(),
                ),
            }
        }
        (None, Some((m, stop))) => Rule::new(
            MilestoneId::T14,
            stop,
            format!(
                "The LA decided to amend. The amendment notice's date is not recorded: enter it, and the final plan is due 8 weeks after it. It is due no later than 12 weeks after the meeting of {} in any case (Devon, 2022).",
                long(m)
            ),
            devon(),
        ),
        (None, None) => return out,
    };
    out.push(t14);
    out
}

/// T15: the next review's deadline, counted from `from` (the decision letter, or the meeting
/// when no letter is recorded: never later than the law allows, since the letter follows it).
fn next_cycle(from: NaiveDate, kind: AnchorKind) -> Rule {
    let deadline = within_months_starting_with(from, 12);
    let why = match kind {
        AnchorKind::LastReviewMeeting => format!(
            "No decision letter is recorded, so the next cycle is counted from this review's meeting ({}): the next review must be concluded by {}. Counting from the meeting is never later than the law allows. Enter the letter's date when it comes.",
            long(from),
            long(deadline)
        ),
        AnchorKind::LastReviewDecision | AnchorKind::PlanIssued => format!(
            "The LA's decision letter of {} concludes this review and starts the next cycle: the next review must be concluded within the 12 months starting with it, by {}.",
            long(from),
            long(deadline)
        ),
    };
    Rule::new(MilestoneId::T15, deadline, why, format!("{S44}; spec T15 (IPSEA)"))
}

/// T21: an appeal against `what` is due within 2 months of `from`, or 1 month of a mediation
/// certificate, whichever is later.
fn appeal_window(
    what: &str,
    from_what: &str,
    from: NaiveDate,
    certificate: Option<NaiveDate>,
    then: &str,
) -> Rule {
    let two_months = add_months(from, 2);
    let date = certificate.map_or(two_months, |c| add_months(c, 1).max(two_months));
    let certificate = match certificate {
        Some(c) => {
            format!(" (the mediation certificate of {} gives until {})", long(c), long(add_months(c, 1)))
        }
        None => String::new(),
    };
    Rule::new(
        MilestoneId::T21,
        date,
        format!(
            "An appeal to the SEND Tribunal against {what} must be made within 2 months of the {from_what} of {}, or 1 month of a mediation certificate{certificate}, whichever is later: by {}.{then}",
            long(from),
            long(date)
        ),
        APPEAL,
    )
}

/// Where a cease stands on `today`: the plan is maintained until the appeal window closes or an
/// appeal ends (CFA 2014 s45); then it has ceased.
fn cease_state(closes: NaiveDate, appeal: Option<Appeal>, today: NaiveDate) -> CycleState {
    match appeal.filter(|a| a.lodged <= today) {
        Some(Appeal { ended: Some(ended), .. }) if ended <= today => {
            CycleState::Ceased { from: add_days(ended, 1) }
        }
        Some(_) => CycleState::CeaseAppealed,
        None if today <= closes => CycleState::CeaseAppealWindow { closes },
        None => CycleState::Ceased { from: add_days(closes, 1) },
    }
}
