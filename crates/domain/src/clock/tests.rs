//! Table tests of the clock, one table per rule, each naming where the rule comes from. Every
//! case goes through one helper, [`check`], which compares the whole timeline, rendered one
//! milestone a line (`id date due`, `due` being the working day it moves to), with the expected
//! text.

use chrono::NaiveDate;

use super::*;
use crate::la::{LaCatalogue, LaProfile, MonthDay, TransferKind, TransferReview};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn profile(la: &str) -> LaProfile {
    let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
    cat.get(la).cloned().unwrap_or_else(|| unreachable!("{la}"))
}

/// One review cycle to compute: the LA (its profile can be edited), the child and the dates.
#[derive(Debug, Clone)]
struct Case {
    profile: LaProfile,
    anchor: Option<NaiveDate>,
    dob: NaiveDate,
    meeting: Option<NaiveDate>,
    transfers: Transfers,
    facts: CycleFacts,
    today: NaiveDate,
}

impl Case {
    /// A child born `dob` whose cycle counts from `anchor`, with the LA `la`, on 22 Nov 2026.
    fn new(la: &str, anchor: NaiveDate, dob: NaiveDate) -> Case {
        Case {
            profile: profile(la),
            anchor: Some(anchor),
            dob,
            meeting: None,
            transfers: Transfers::default(),
            facts: CycleFacts::default(),
            today: d(2026, 11, 22),
        }
    }
    fn meeting(self, m: NaiveDate) -> Case {
        Case { meeting: Some(m), ..self }
    }
    fn today(self, today: NaiveDate) -> Case {
        Case { today, ..self }
    }
    fn last_meeting(mut self, m: NaiveDate) -> Case {
        self.facts.last_review_meeting = Some(m);
        self
    }
    fn decided(mut self, decision: Decided) -> Case {
        self.facts.decision = decision;
        self
    }
    fn transfers(self, transfers: Transfers) -> Case {
        Case { transfers, ..self }
    }
    fn practice(mut self, edit: impl FnOnce(&mut LaProfile)) -> Case {
        edit(&mut self.profile);
        self
    }
    fn run(&self) -> Result<Timeline, ClockError> {
        let input = ClockInput {
            anchor: self.anchor,
            dob: self.dob,
            ncy_offset: 0,
            meeting: self.meeting,
            profile: &self.profile,
            transfers: self.transfers,
            today: self.today,
        };
        cycle_timeline(&input, &self.facts, &BankHolidays::embedded(), &SchoolCalendar::default())
    }
}

/// The timeline as text: a header (NC year, preparing for adulthood, state, next anchor), then
/// one milestone a line.
fn render(tl: &Timeline) -> String {
    let state = match tl.state {
        CycleState::DecisionOverdue { due } => format!("{} {due}", tl.state.code()),
        CycleState::CeaseAppealWindow { closes } => format!("{} {closes}", tl.state.code()),
        CycleState::Ceased { from } => format!("{} {from}", tl.state.code()),
        _ => tl.state.code().to_owned(),
    };
    let next = match tl.next_anchor {
        Some(Anchor { kind: AnchorKind::LastReviewMeeting, date }) => format!(" · next from meeting {date}"),
        Some(Anchor { date, .. }) => format!(" · next from letter {date}"),
        None => String::new(),
    };
    let mut out =
        format!("ncy {} · pfa {} · {state}{next}\n", tl.ncy, if tl.pfa_required { "yes" } else { "no" });
    for m in &tl.milestones {
        out.push_str(&format!("{} {} {}\n", m.id.code(), m.date, m.due));
    }
    out
}

fn check(case: &Case, expect: &str) {
    let got = match case.run() {
        Ok(tl) => render(&tl),
        Err(e) => format!("error: {e}\n"),
    };
    let expect: String =
        expect.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    assert_eq!(got, expect, "{case:#?}");
}

/// The milestone `id` of `case`, which must exist.
fn milestone(case: &Case, id: MilestoneId) -> Milestone {
    let tl = case.run().unwrap_or_else(|e| unreachable!("{e}"));
    tl.get(id).cloned().unwrap_or_else(|| unreachable!("{id:?} missing"))
}

/// Redcar's worked example (spec §2.3) with a meeting on Tue 20 Jan 2026: the meeting's dates.
const RUN_UP: &str = "
    T02 2026-02-28 2026-02-27
    T03 2026-01-31 2026-01-30
    T04 2026-02-01 2026-01-30
    T06 2025-12-09 2025-12-09
    T07 2026-01-06 2026-01-06
    T08 2025-12-30 2025-12-30
    T09 2026-01-06 2026-01-06
    T11 2026-02-03 2026-02-03
    T12 2026-02-17 2026-02-17
";

fn redcar_meeting() -> Case {
    Case::new("redcar", d(2025, 3, 1), d(2016, 2, 3)).meeting(d(2026, 1, 20))
}

/// s44(1) (T02, C7), reg 20 (T03, T07, T09, T11, T12), the LA's profile (T04, T06, T08) and
/// Devon 2022 (T14), before anything after the meeting is known.
#[test]
fn the_run_up_to_a_meeting() {
    check(&redcar_meeting(), &format!("ncy 5 · pfa no · open {RUN_UP} T14 2026-04-14 2026-04-14"));
    // Stockton wants the report in a week (T11), within the 2 weeks of reg 20.
    let stockton = Case { profile: profile("stockton"), ..redcar_meeting() };
    check(
        &stockton,
        &format!(
            "ncy 5 · pfa no · open {} T14 2026-04-14 2026-04-14",
            RUN_UP.replace("T11 2026-02-03 2026-02-03", "T11 2026-01-27 2026-01-27")
        ),
    );
    // Without a meeting, only the cycle's dates; 31 Mar + 11 months clamps to 28 Feb (C7).
    check(
        &Case::new("redcar", d(2025, 3, 31), d(2016, 2, 3)),
        "ncy 5 · pfa no · open
         T02 2026-03-30 2026-03-30
         T03 2026-03-02 2026-03-02
         T04 2026-02-28 2026-02-27",
    );
    check(
        &Case::new("redcar", d(2024, 2, 29), d(2016, 2, 3)),
        "ncy 4 · pfa no · open
         T02 2025-02-27 2025-02-27
         T03 2025-01-30 2025-01-30
         T04 2025-01-29 2025-01-29",
    );
    // Without an anchor, only the meeting's own dates.
    check(
        &Case { anchor: None, ..redcar_meeting() },
        "ncy 5 · pfa no · open
         T06 2025-12-09 2025-12-09
         T07 2026-01-06 2026-01-06
         T08 2025-12-30 2025-12-30
         T09 2026-01-06 2026-01-06
         T11 2026-02-03 2026-02-03
         T12 2026-02-17 2026-02-17
         T14 2026-04-14 2026-04-14",
    );
}

/// reg 18(1): "before 15 February" (14 Feb is the last day) for a transfer into or between
/// schools, "before 31 March" (30 Mar) from secondary school to post-16 (issue 15 item 2), and
/// from the start of the transfer year whether or not a meeting is booked (item 1).
#[test]
fn phase_transfer_deadlines_reg_18() {
    // Year 6 in 2025/26, no meeting booked: T16 is Sat 14 Feb 2026 (due Fri 13th), and the
    // meeting is needed by 22 Nov 2025 (14 Feb − 12 weeks) for the LA's statutory time: T03
    // and T04 come forward from 31 Jan and 1 Feb.
    let y6 = Case::new("redcar", d(2025, 3, 1), d(2015, 1, 10));
    check(
        &y6,
        "ncy 6 · pfa no · open
         T02 2026-02-28 2026-02-27
         T03 2025-11-22 2025-11-21
         T04 2025-11-22 2025-11-21
         T16 2026-02-14 2026-02-13",
    );
    // With a meeting, the same deadline.
    check(
        &y6.clone().meeting(d(2025, 11, 10)),
        "ncy 6 · pfa no · open
         T02 2026-02-28 2026-02-27
         T03 2025-11-22 2025-11-21
         T04 2025-11-22 2025-11-21
         T06 2025-09-29 2025-09-29
         T07 2025-10-27 2025-10-27
         T08 2025-10-20 2025-10-20
         T09 2025-10-27 2025-10-27
         T11 2025-11-24 2025-11-24
         T12 2025-12-08 2025-12-08
         T14 2026-02-02 2026-02-02
         T16 2026-02-14 2026-02-13",
    );
    // Year 11: post-16, Mon 30 Mar 2026; the meeting by Mon 5 Jan 2026. Year 9+: PfA.
    check(
        &Case::new("redcar", d(2025, 3, 1), d(2010, 3, 3)),
        "ncy 11 · pfa yes · open
         T02 2026-02-28 2026-02-27
         T03 2026-01-05 2026-01-05
         T04 2026-01-05 2026-01-05
         T17 2026-03-30 2026-03-30",
    );
    // The Year 6 review was held in the autumn (concluded 10 Oct 2025): the deadline still
    // shows, the next target does not move.
    check(
        &Case::new("redcar", d(2025, 10, 10), d(2015, 1, 10)),
        "ncy 7 · pfa no · open
         T02 2026-10-09 2026-10-09
         T03 2026-09-11 2026-09-11
         T04 2026-09-10 2026-09-10
         T16 2026-02-14 2026-02-13",
    );
    // A plan first issued in Year 6 still needs its transfer review (reg 18(1)).
    let issued = Case::new("redcar", d(2025, 10, 10), d(2015, 1, 10));
    let issued =
        Case { facts: CycleFacts { anchor_kind: Some(AnchorKind::PlanIssued), ..issued.facts }, ..issued };
    assert_eq!(milestone(&issued, MilestoneId::T04).date, d(2025, 11, 22));
    // Issued in January of Year 6, after the runway (22 Nov): the meeting as soon as possible...
    let january = Case::new("redcar", d(2026, 1, 19), d(2014, 9, 22));
    let january =
        Case { facts: CycleFacts { anchor_kind: Some(AnchorKind::PlanIssued), ..january.facts }, ..january };
    assert_eq!(milestone(&january, MilestoneId::T03).date, d(2026, 1, 19));
    // ...but a meeting booked after the move (Year 7, December) is judged by the review
    // deadline alone: T03 is 4 weeks before T02, T04 is Redcar's usual 11 months, and the
    // meeting is in time.
    let after_move = january.clone().meeting(d(2026, 12, 19));
    check(
        &after_move,
        "ncy 7 · pfa no · open
         T02 2027-01-18 2027-01-18
         T03 2026-12-21 2026-12-21
         T04 2026-12-19 2026-12-18
         T06 2026-11-07 2026-11-06
         T07 2026-12-05 2026-12-04
         T08 2026-11-28 2026-11-27
         T09 2026-12-05 2026-12-04
         T11 2027-01-02 2026-12-31
         T12 2027-01-16 2027-01-15
         T14 2027-03-13 2027-03-12
         T16 2026-02-14 2026-02-13",
    );
    assert_eq!(after_move.run().map(|tl| tl.meeting_warnings(Some(d(2026, 12, 19)))), Ok(vec![]));
    // Before the fix this meeting was "too late" against a T03 of 19 Jan 2026.
    assert!(
        january
            .meeting(d(2026, 7, 1))
            .run()
            .is_ok_and(|tl| !tl.meeting_warnings(Some(d(2026, 7, 1))).is_empty())
    );
    // A deadline before the anchor belonged to the review that ended on it.
    check(
        &Case::new("redcar", d(2026, 2, 20), d(2015, 1, 10)),
        "ncy 7 · pfa no · open
         T02 2027-02-19 2027-02-19
         T03 2027-01-22 2027-01-22
         T04 2027-01-20 2027-01-20",
    );
    // Year 5 with the target in Year 6: the transfer applies to this cycle too.
    check(
        &Case::new("redcar", d(2024, 11, 1), d(2015, 1, 10)),
        "ncy 6 · pfa no · open
         T02 2025-10-31 2025-10-31
         T03 2025-10-03 2025-10-03
         T04 2025-10-01 2025-10-01
         T16 2026-02-14 2026-02-13",
    );
    // A cycle wholly in Year 5 leaves the transfer to the next one.
    check(
        &Case::new("redcar", d(2024, 8, 1), d(2015, 1, 10)),
        "ncy 5 · pfa no · open
         T02 2025-07-31 2025-07-31
         T03 2025-07-03 2025-07-03
         T04 2025-07-01 2025-07-01",
    );
    // Infant to junior school, where the child's record says so (reg 2: a transfer between
    // phases); not for a Year 3 child, once its cycle began after that deadline.
    let infant = Transfers { extra_transfer_ncy: Some(2), post16_move: None };
    let y2 = Case::new("redcar", d(2025, 1, 10), d(2019, 1, 10)).meeting(d(2025, 11, 10)).transfers(infant);
    assert_eq!(milestone(&y2, MilestoneId::T16).date, d(2026, 2, 14));
    let y3 = Case::new("redcar", d(2025, 3, 10), d(2018, 1, 10)).meeting(d(2025, 11, 10)).transfers(infant);
    assert!(y3.run().is_ok_and(|tl| !tl.is_transfer()));
    // reg 18(2): a post-16 move at another time, at least 5 months before.
    let p16 = Case::new("redcar", d(2025, 1, 10), d(2008, 3, 3))
        .meeting(d(2025, 7, 1))
        .transfers(Transfers { extra_transfer_ncy: None, post16_move: Some(d(2026, 1, 5)) });
    assert_eq!(milestone(&p16, MilestoneId::T18).date, d(2025, 8, 5));

    for (case, id, source) in [
        (&y6, MilestoneId::T16, "reg 18(1)(b)"),
        (&y6, MilestoneId::T04, "reg 22(3)"),
        (&p16, MilestoneId::T18, "reg 18(2)"),
    ] {
        let m = milestone(case, id);
        assert!(m.source.contains(source), "{id:?}: {}", m.source);
    }
    let t16 = milestone(&y6, MilestoneId::T16);
    assert!(t16.why.contains("before 15 February 2026, so the last day is 14 Feb 2026"), "{}", t16.why);
    let t04 = milestone(&y6, MilestoneId::T04);
    assert!(
        t04.why.contains("Year 6: the move to secondary school") && t04.why.contains("1 Feb 2026, is later"),
        "{}",
        t04.why
    );
}

/// An LA's own transfer practice, where its profile says so: Devon and Cornwall hold the
/// transfer review in the summer term of Year 5 (spec §2, phase-transfer practice).
#[test]
fn an_la_s_own_transfer_review_time() {
    let devon = |p: &mut LaProfile| {
        p.review_practice.transfer_reviews = vec![TransferReview {
            transfer: TransferKind::Phase,
            years_before: 1,
            from: MonthDay { month: 4, day: 15 },
            by: MonthDay { month: 7, day: 20 },
            source: "Devon: Year 5 summer-term review".to_owned(),
        }];
    };
    let y5 = Case::new("redcar", d(2024, 11, 1), d(2015, 1, 10));
    check(
        &y5.clone().practice(devon),
        "ncy 5 · pfa no · open
         T02 2025-10-31 2025-10-31
         T03 2025-10-03 2025-10-03
         T04 2025-07-20 2025-07-18
         T16 2026-02-14 2026-02-13",
    );
    assert_eq!(
        milestone(&y5.clone().practice(devon), MilestoneId::T04).source,
        "Devon: Year 5 summer-term review"
    );
    // A cycle that ends in Year 5 starts the transfer in Devon, not elsewhere.
    let summer = Case::new("redcar", d(2024, 8, 1), d(2015, 1, 10));
    assert_eq!(summer.clone().practice(devon).run().map(|tl| tl.is_transfer()), Ok(true));
    assert_eq!(summer.run().map(|tl| tl.is_transfer()), Ok(false));
    // The Year 5 summer review (concluded 1 Aug 2025) was Devon's transfer review: the Year 6
    // target does not come forward; elsewhere it does (reg 18: within 12 months of the move).
    let after_y5 = Case::new("redcar", d(2025, 8, 1), d(2015, 1, 10));
    assert_eq!(milestone(&after_y5.clone().practice(devon), MilestoneId::T04).date, d(2026, 7, 1));
    assert_eq!(milestone(&after_y5, MilestoneId::T04).date, d(2025, 11, 22));
}

/// T04 counts from the date the LA's profile names (spec §0a; issue 15 item 7): Redcar's
/// pathway counts 11 months from the last review meeting, or the first plan; T02 still counts
/// from the decision letter (s44(1)).
#[test]
fn the_target_counts_from_the_date_the_la_names() {
    let redcar = |p: &mut LaProfile| p.review_practice.target_meeting_from = TargetBase::LastReviewMeeting;
    let case = Case::new("redcar", d(2025, 3, 10), d(2016, 2, 3)).last_meeting(d(2025, 2, 10));
    check(
        &case.clone().practice(redcar),
        "ncy 5 · pfa no · open
         T02 2026-03-09 2026-03-09
         T03 2026-02-09 2026-02-09
         T04 2026-01-10 2026-01-09",
    );
    // The spec's worked example, counting from the decision letter of 10 Mar 2025: 10 Feb 2026.
    let from_the_letter =
        case.clone().practice(|p| p.review_practice.target_meeting_from = TargetBase::Anchor);
    assert_eq!(milestone(&from_the_letter, MilestoneId::T04).date, d(2026, 2, 10));
    // No last meeting recorded (the first review): from the anchor, saying so.
    let first = Case::new("redcar", d(2025, 3, 10), d(2016, 2, 3)).practice(redcar);
    let t04 = milestone(&first, MilestoneId::T04);
    assert_eq!(t04.date, d(2026, 2, 10));
    assert!(t04.why.contains("No review meeting is recorded"), "{}", t04.why);
    // A last meeting after the anchor is refused.
    check(
        &Case::new("redcar", d(2025, 3, 10), d(2016, 2, 3)).last_meeting(d(2025, 4, 1)),
        "error: the last review meeting (2025-04-01) is after the anchor (2025-03-10): the anchor is the LA's decision letter after that meeting, or the plan it reviewed",
    );
}

/// The NC year with no meeting booked is taken at the target meeting date (T04), never at today
/// (spec §0a; issue 15 item 8): reg 20(6)'s Year 9 and reg 18's transfers do not change with
/// the day the clock is looked at.
#[test]
fn the_nc_year_is_taken_at_the_target_date_not_today() {
    // Born Jan 2012: Year 8 in 2024/25, Year 9 in 2025/26; the target is 1 Feb 2026.
    let case = Case::new("redcar", d(2025, 3, 1), d(2012, 1, 10));
    let on = |today| case.clone().today(today).run().map(|tl| (tl.ncy, tl.pfa_required));
    assert_eq!(on(d(2025, 6, 1)), Ok((9, true)));
    assert_eq!(on(d(2026, 11, 22)), Ok((9, true)));
    assert_eq!(case.clone().today(d(2025, 6, 1)).run(), case.today(d(2027, 1, 1)).run());
}

/// reg 22 after a decision to amend (issue 15 item 3): 15 days for representations beginning
/// with the day the draft is served (reg 22(2)(c), C4: + 14), the final plan within 8 weeks of
/// the notice (reg 22(3)), and no later than 12 weeks after the meeting (Devon 2022). T14 stays
/// once the decision is recorded.
#[test]
fn the_amendment_timetable_reg_22() {
    let amend = |notice: Option<NaiveDate>, draft: Option<NaiveDate>, final_plan: Option<NaiveDate>| {
        let mut decision = LaDecision::new(DecisionKind::Amend, d(2026, 2, 10));
        (decision.notice, decision.draft, decision.final_plan) = (notice, draft, final_plan);
        redcar_meeting().today(d(2026, 3, 1)).decided(Decided::Letter(decision))
    };
    // The notice with the decision letter on 10 Feb.
    check(
        &amend(Some(d(2026, 2, 10)), None, None),
        &format!(
            "ncy 5 · pfa no · amending · next from letter 2026-02-10 {RUN_UP}
             T13 2026-02-24 2026-02-24
             T14 2026-04-07 2026-04-07
             T15 2027-02-09 2027-02-09"
        ),
    );
    // The final plan issued: the review is concluded, and the family may appeal against it.
    check(
        &amend(Some(d(2026, 2, 10)), None, Some(d(2026, 4, 1))),
        &format!(
            "ncy 5 · pfa no · concluded · next from letter 2026-02-10 {RUN_UP}
             T13 2026-02-24 2026-02-24
             T14 2026-04-07 2026-04-07
             T15 2027-02-09 2027-02-09
             T21 2026-06-01 2026-06-01"
        ),
    );
    // A notice sent late (3 Mar, after T12): 8 weeks would be 28 Apr; the long-stop is 14 Apr.
    let late = amend(Some(d(2026, 3, 3)), None, None);
    assert_eq!(milestone(&late, MilestoneId::T13).date, d(2026, 3, 17));
    let t14 = milestone(&late, MilestoneId::T14);
    assert_eq!(t14.date, d(2026, 4, 14));
    assert!(t14.why.contains("12 weeks after the meeting") && t14.why.contains("Devon"), "{}", t14.why);
    assert!(t14.source.contains("reg 22(3)") && t14.source.contains("EWHC 493"), "{}", t14.source);
    // A draft served after the notice: the 15 days begin with the draft (reg 22(2)(c)).
    let t13 = milestone(&amend(Some(d(2026, 2, 10)), Some(d(2026, 2, 20)), None), MilestoneId::T13);
    assert_eq!((t13.date, t13.source.as_str()), (d(2026, 3, 6), "SEND Regulations 2014 reg 22(2)(c)"));
    // No notice date yet: T14 at the long-stop, asking for it.
    let no_notice = milestone(&amend(None, None, None), MilestoneId::T14);
    assert_eq!(no_notice.date, d(2026, 4, 14));
    assert!(no_notice.why.contains("notice's date is not recorded"), "{}", no_notice.why);
    // Maintained: no amendment, so neither T13 nor T14; the appeal window is information.
    let maintain =
        redcar_meeting().decided(Decided::Letter(LaDecision::new(DecisionKind::Maintain, d(2026, 2, 12))));
    check(
        &maintain,
        &format!(
            "ncy 5 · pfa no · concluded · next from letter 2026-02-12 {RUN_UP}
             T15 2027-02-11 2027-02-11
             T21 2026-04-12 2026-04-10"
        ),
    );
}

/// A decision to cease (issue 15 item 4): an appeal within 2 months of the letter or 1 month of
/// a mediation certificate, whichever is later (CFA 2014 s51, s55; HESC Rules r20); the plan is
/// maintained until then or until an appeal ends (s45); then the child leaves the caseload.
#[test]
fn a_decision_to_cease_and_its_appeal_window() {
    let cease = |certificate: Option<NaiveDate>, appeal: Option<Appeal>, today: NaiveDate| {
        let mut decision = LaDecision::new(DecisionKind::Cease, d(2026, 2, 10));
        (decision.mediation_certificate, decision.appeal) = (certificate, appeal);
        redcar_meeting().today(today).decided(Decided::Letter(decision))
    };
    check(
        &cease(None, None, d(2026, 3, 1)),
        &format!("ncy 5 · pfa no · cease_appeal_window 2026-04-10 {RUN_UP} T21 2026-04-10 2026-04-10"),
    );
    let state = |case: Case| case.run().map(|tl| tl.state);
    assert_eq!(
        state(cease(None, None, d(2026, 4, 10))),
        Ok(CycleState::CeaseAppealWindow { closes: d(2026, 4, 10) })
    );
    assert_eq!(state(cease(None, None, d(2026, 4, 11))), Ok(CycleState::Ceased { from: d(2026, 4, 11) }));
    assert!(!CycleState::Ceased { from: d(2026, 4, 11) }.is_active());
    // A mediation certificate of 25 Mar gives until Sat 25 Apr (due Fri 24th).
    let certified = cease(Some(d(2026, 3, 25)), None, d(2026, 4, 20));
    let t21 = milestone(&certified, MilestoneId::T21);
    assert_eq!((t21.date, t21.due), (d(2026, 4, 25), d(2026, 4, 24)));
    assert!(t21.source.contains("s51") && t21.why.contains("s45"), "{} / {}", t21.source, t21.why);
    assert_eq!(state(certified), Ok(CycleState::CeaseAppealWindow { closes: d(2026, 4, 25) }));
    // An appeal keeps the plan until it ends.
    let lodged = Appeal { lodged: d(2026, 4, 1), ended: None };
    assert_eq!(state(cease(None, Some(lodged), d(2026, 6, 1))), Ok(CycleState::CeaseAppealed));
    let ended = Appeal { lodged: d(2026, 4, 1), ended: Some(d(2026, 7, 1)) };
    assert_eq!(state(cease(None, Some(ended), d(2026, 6, 30))), Ok(CycleState::CeaseAppealed));
    assert_eq!(
        state(cease(None, Some(ended), d(2026, 7, 2))),
        Ok(CycleState::Ceased { from: d(2026, 7, 2) })
    );
}

/// No decision letter when T12 has passed (issue 15 item 5): chase the LA from the day after
/// (reg 20: 4 weeks), and count the next cycle from the meeting (s44(1); T01's fallback).
#[test]
fn no_decision_after_four_weeks_chase_the_la() {
    let waiting = redcar_meeting().decided(Decided::NotYet);
    check(
        &waiting.clone().today(d(2026, 2, 17)),
        &format!("ncy 5 · pfa no · open {RUN_UP} T14 2026-04-14 2026-04-14"),
    );
    check(
        &waiting.clone().today(d(2026, 2, 18)),
        &format!(
            "ncy 5 · pfa no · decision_overdue 2026-02-17 · next from meeting 2026-01-20 {RUN_UP}
             T12C 2026-02-18 2026-02-18
             T14 2026-04-14 2026-04-14
             T15 2027-01-19 2027-01-19"
        ),
    );
    let chase = milestone(&waiting.clone().today(d(2026, 3, 1)), MilestoneId::T12C);
    assert!(chase.why.contains("due by 17 Feb 2026") && chase.source.contains("reg 20"), "{}", chase.why);
    // Untracked (the default) never asks to chase.
    assert!(redcar_meeting().today(d(2026, 6, 1)).run().is_ok_and(|tl| tl.get(MilestoneId::T12C).is_none()));
}

/// Under-5s, where the LA's profile says it runs the shorter cycle (Code of Practice 9.178:
/// every 3 to 6 months; issue 15 item 12).
#[test]
fn under_fives_get_the_la_s_shorter_cycle() {
    let shorter = |p: &mut LaProfile| p.review_practice.under5_shorter_cycle = true;
    check(
        &Case::new("redcar", d(2025, 3, 1), d(2022, 6, 1)).practice(shorter),
        "ncy -1 · pfa no · open
         T02 2026-02-28 2026-02-27
         T03 2026-01-31 2026-01-30
         T04 2025-09-01 2025-09-01
         T19 2025-09-01 2025-09-01",
    );
    let t19 =
        milestone(&Case::new("redcar", d(2025, 3, 1), d(2022, 6, 1)).practice(shorter), MilestoneId::T19);
    assert!(t19.source.contains("9.178") && t19.why.contains("every 6 months"), "{}", t19.why);
    // Not where the profile does not say so, nor for a child of 5.
    assert!(
        Case::new("redcar", d(2025, 3, 1), d(2022, 6, 1))
            .run()
            .is_ok_and(|tl| tl.get(MilestoneId::T19).is_none())
    );
    let five = Case::new("redcar", d(2025, 3, 1), d(2020, 1, 1)).practice(shorter);
    assert!(five.run().is_ok_and(|tl| tl.get(MilestoneId::T19).is_none()));
    // Buckinghamshire reviews pre-schoolers' plans within 6 months (spec T19): its shipped
    // profile says so, and the target meeting date comes forward with it.
    let bucks = Case::new("buckinghamshire", d(2025, 3, 1), d(2022, 6, 1));
    assert_eq!(milestone(&bucks, MilestoneId::T19).date, d(2025, 9, 1));
    assert_eq!(milestone(&bucks, MilestoneId::T04).date, d(2025, 9, 1));
}

/// Dates that cannot be: each refused with one line saying which and why.
#[test]
fn dates_out_of_order_are_refused() {
    let letter = |kind, on| LaDecision::new(kind, on);
    let with = |decision: LaDecision| redcar_meeting().decided(Decided::Letter(decision));
    let amend = |edit: fn(&mut LaDecision)| {
        let mut decision = letter(DecisionKind::Amend, d(2026, 2, 10));
        edit(&mut decision);
        with(decision)
    };
    for (case, error) in [
        (
            redcar_meeting().meeting(d(2025, 2, 1)),
            "the meeting (2025-02-01) is before the anchor (2025-03-01): a review meeting belongs to the cycle that starts on its anchor",
        ),
        (Case::new("redcar", d(2015, 1, 1), d(2016, 2, 3)), "the anchor is before the date of birth"),
        (
            with(letter(DecisionKind::Maintain, d(2026, 1, 19))),
            "the LA's decision letter (2026-01-19) is before the meeting (2026-01-20) it follows",
        ),
        (
            amend(|d| d.notice = NaiveDate::from_ymd_opt(2026, 1, 1)),
            "the amendment notice (2026-01-01) is before the meeting (2026-01-20) it follows",
        ),
        (
            amend(|d| {
                (d.notice, d.final_plan) =
                    (NaiveDate::from_ymd_opt(2026, 2, 10), NaiveDate::from_ymd_opt(2026, 2, 9))
            }),
            "the final amended plan (2026-02-09) is before the amendment notice (2026-02-10) it follows",
        ),
        (
            amend(|d| d.mediation_certificate = NaiveDate::from_ymd_opt(2026, 3, 1)),
            "a mediation certificate after a decision to amend needs the final amended plan's date (the appeal is against the final plan)",
        ),
        (
            with(LaDecision {
                notice: Some(d(2026, 2, 10)),
                ..letter(DecisionKind::Maintain, d(2026, 2, 10))
            }),
            "an amendment notice does not go with a decision to maintain",
        ),
        (
            with(LaDecision {
                mediation_certificate: Some(d(2026, 2, 1)),
                ..letter(DecisionKind::Cease, d(2026, 2, 10))
            }),
            "the mediation certificate (2026-02-01) is before the LA's decision letter (2026-02-10) it follows",
        ),
    ] {
        check(&case, &format!("error: {error}"));
    }
}

#[test]
fn bank_holidays_move_due_dates_earlier_and_school_holidays_are_flagged() {
    // C6. Meeting Mon 11 Jan 2027: notice by Mon 28 Dec 2026 (Boxing Day substitute) -> Thu 24 Dec.
    let t07 = milestone(
        &Case::new("redcar", d(2026, 3, 1), d(2016, 2, 3)).meeting(d(2027, 1, 11)),
        MilestoneId::T07,
    );
    assert_eq!((t07.date, t07.due, t07.non_working_day), (d(2026, 12, 28), d(2026, 12, 24), true));
    // Meeting Fri 17 Apr 2026: circulate by Good Friday 3 Apr -> Thu 2 Apr.
    let t09 = milestone(
        &Case::new("redcar", d(2026, 3, 1), d(2016, 2, 3)).meeting(d(2026, 4, 17)),
        MilestoneId::T09,
    );
    assert_eq!(t09.due, d(2026, 4, 2));
    // School holidays are flagged, never used to move a date.
    let school =
        SchoolCalendar::new(vec![(d(2025, 9, 3), d(2025, 12, 19)), (d(2026, 1, 5), d(2026, 2, 13))], []);
    let case = redcar_meeting();
    let input = ClockInput {
        anchor: case.anchor,
        dob: case.dob,
        ncy_offset: 0,
        meeting: case.meeting,
        profile: &case.profile,
        transfers: case.transfers,
        today: case.today,
    };
    let tl = timeline(&input, &BankHolidays::embedded(), &school).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(tl.get(MilestoneId::T08).map(|m| (m.due, m.school_holiday)), Some((d(2025, 12, 30), true)));
    assert_eq!(tl.get(MilestoneId::T07).map(|m| m.school_holiday), Some(false));
}

#[test]
fn late_meetings_are_warned_about() {
    let warnings = |case: Case| case.run().map(|tl| tl.meeting_warnings(case.meeting)).unwrap_or_default();
    let at = |m| Case::new("redcar", d(2025, 3, 1), d(2016, 2, 3)).meeting(m);
    assert!(warnings(at(d(2026, 1, 20))).is_empty());
    assert!(warnings(at(d(2026, 1, 31))).is_empty()); // on T03 itself is still in time
    let late = warnings(at(d(2026, 2, 2)));
    assert!(late.len() == 1 && late[0].contains("(T03)") && late[0].contains("28 Feb 2026"), "{late:?}");
    // In Year 6, after 22 Nov the transfer deadline is the one at risk.
    let y6 = warnings(Case::new("redcar", d(2025, 3, 1), d(2015, 1, 10)).meeting(d(2025, 12, 1)));
    assert!(y6.len() == 1 && y6[0].contains("14 Feb 2026 (T16)"), "{y6:?}");
}

/// What the cycle waits on once the report has gone, by state.
#[test]
fn after_the_meeting_the_next_thing_to_watch() {
    let step = |case: Case| case.run().ok().and_then(|tl| tl.after_meeting_step(case.today).map(|m| m.id));
    let decided = |kind| {
        let mut decision = LaDecision::new(kind, d(2026, 2, 10));
        if kind == DecisionKind::Amend {
            decision.notice = Some(decision.letter);
        }
        redcar_meeting().decided(Decided::Letter(decision))
    };
    assert_eq!(step(redcar_meeting().today(d(2026, 2, 1))), Some(MilestoneId::T12));
    assert_eq!(step(redcar_meeting().decided(Decided::NotYet).today(d(2026, 3, 1))), Some(MilestoneId::T12C));
    assert_eq!(step(decided(DecisionKind::Amend).today(d(2026, 2, 20))), Some(MilestoneId::T13));
    assert_eq!(step(decided(DecisionKind::Amend).today(d(2026, 2, 25))), Some(MilestoneId::T14));
    assert_eq!(step(decided(DecisionKind::Maintain)), Some(MilestoneId::T15));
    assert_eq!(step(decided(DecisionKind::Cease).today(d(2026, 3, 1))), Some(MilestoneId::T21));
    assert_eq!(step(decided(DecisionKind::Cease).today(d(2026, 5, 1))), None);
}

#[test]
fn decision_codes_round_trip_and_follow_the_recorded_decision() {
    for kind in DecisionKind::ALL {
        assert_eq!(DecisionKind::from_code(kind.code()), Some(kind));
    }
    use crate::follow_up::Decision;
    let kinds: Vec<DecisionKind> = Decision::ALL.into_iter().map(DecisionKind::from).collect();
    assert_eq!(
        kinds,
        [DecisionKind::Maintain, DecisionKind::Amend, DecisionKind::Amend, DecisionKind::Cease]
    );
}
