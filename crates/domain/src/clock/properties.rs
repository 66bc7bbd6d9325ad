//! Property tests of the clock: whatever the dates, LA and decision, a deadline is never moved
//! later, the milestones come in the law's order, and none of a cycle's dates falls before its
//! anchor.

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;
use crate::la::{LaCatalogue, LaProfile, MonthDay, TransferKind, TransferReview};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn profiles() -> Vec<LaProfile> {
    let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
    let mut list: Vec<LaProfile> = cat.current().into_iter().cloned().collect();
    list.push(LaProfile::statutory_defaults(301, "Barking and Dagenham"));
    // Redcar as its pathway reads (T04 from the last meeting), with Devon's Year 5 summer-term
    // transfer review and the under-5s' shorter cycle.
    let mut practice = list.first().cloned().unwrap_or_else(|| unreachable!());
    practice.review_practice.target_meeting_from = crate::la::TargetBase::LastReviewMeeting;
    practice.review_practice.under5_shorter_cycle = true;
    practice.review_practice.transfer_reviews = vec![TransferReview {
        transfer: TransferKind::Phase,
        years_before: 1,
        from: MonthDay { month: 4, day: 15 },
        by: MonthDay { month: 7, day: 20 },
        source: String::new(),
    }];
    list.push(practice);
    list
}

/// The run-up to a meeting counts back from it, so it may come before the anchor of a meeting
/// held soon after it; every other date counts forward from the anchor or the meeting.
fn counts_back_from_the_meeting(id: MilestoneId) -> bool {
    matches!(id, MilestoneId::T06 | MilestoneId::T07 | MilestoneId::T08 | MilestoneId::T09)
}

proptest! {
    #[test]
    fn properties_hold_for_any_review(anchor_days in 0u32..3650, age_days in 1100u32..7000, gap in 0u32..400, la in 0usize..7) {
        let anchor = add_days(d(2019, 1, 1), anchor_days);
        let dob = sub_days(anchor, age_days);
        let meeting = add_days(anchor, gap);
        let profiles = profiles();
        let profile = profiles.get(la).unwrap_or_else(|| unreachable!());
        let input = ClockInput { anchor: Some(anchor), dob, ncy_offset: 0, meeting: Some(meeting), profile, transfers: Transfers::default(), today: anchor };
        let holidays = BankHolidays::embedded();
        let tl = timeline(&input, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"));
        for m in &tl.milestones {
            prop_assert!(m.due <= m.date, "{:?}", m.id);
            prop_assert!(holidays.is_working_day(m.due), "{:?} due {}", m.id, m.due);
            prop_assert!(!matches!(m.due.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(m.date.signed_duration_since(m.due).num_days() < 7);
        }
        let get = |id| tl.get(id).map(|m| m.date).unwrap_or_default();
        let due = |id| tl.get(id).map(|m| m.due).unwrap_or_default();
        use MilestoneId::*;
        prop_assert!(get(T06) <= get(T08) && get(T08) <= get(T07) && get(T07) == get(T09));
        prop_assert!(get(T09) < meeting && meeting < get(T11) && get(T11) < get(T12) && get(T12) < get(T14));
        prop_assert!(due(T06) <= due(T08) && due(T08) <= due(T07) && due(T07) == due(T09));
        prop_assert!(get(T03) < get(T02) && get(T02) == sub_days(add_months(anchor, 12), 1));
        prop_assert_eq!(tl.ncy, crate::ncy::nc_year(dob, 0, meeting));
        prop_assert_eq!(tl.state, CycleState::Open);
    }

    /// Through the whole cycle: any LA, any decision with its dates in order, any day.
    #[test]
    fn the_whole_cycle_keeps_the_law_s_order(
        anchor_days in 0u32..3650,
        age_days in 1100u32..7000,
        meeting_gap in proptest::option::of(0u32..400),
        last_meeting_gap in proptest::option::of(0u32..120),
        la in 0usize..7,
        decision in 0usize..5,
        letter_gap in 0u32..60,
        notice_gap in proptest::option::of(0u32..60),
        draft_gap in proptest::option::of(0u32..10),
        final_gap in proptest::option::of(0u32..120),
        certificate_gap in proptest::option::of(0u32..120),
        today_gap in 0u32..700,
        extra_transfer in proptest::option::of(-1i32..9),
        plan_issued in any::<bool>(),
    ) {
        let anchor = add_days(d(2019, 1, 1), anchor_days);
        let dob = sub_days(anchor, age_days);
        let meeting = meeting_gap.map(|g| add_days(anchor, g));
        let last_review_meeting = last_meeting_gap.map(|g| sub_days(anchor, g));
        let letter = add_days(meeting.unwrap_or(anchor), letter_gap);
        let kind = [None, None, Some(DecisionKind::Maintain), Some(DecisionKind::Amend), Some(DecisionKind::Cease)][decision];
        let decided = match kind {
            None if decision == 0 => Decided::Untracked,
            None => Decided::NotYet,
            Some(kind) => {
                let mut dl = LaDecision::new(kind, letter);
                if kind == DecisionKind::Amend {
                    dl.notice = notice_gap.map(|g| add_days(letter, g));
                    dl.draft = dl.notice.zip(draft_gap).map(|(n, g)| add_days(n, g));
                    dl.final_plan = dl.draft.or(dl.notice).zip(final_gap).map(|(s, g)| add_days(s, g));
                }
                let appealable = if kind == DecisionKind::Amend { dl.final_plan } else { Some(letter) };
                dl.mediation_certificate = appealable.zip(certificate_gap).map(|(from, g)| add_days(from, g));
                Decided::Letter(dl)
            }
        };
        let today = add_days(anchor, today_gap);
        let profiles = profiles();
        let profile = profiles.get(la).unwrap_or_else(|| unreachable!());
        let transfers = Transfers { extra_transfer_ncy: extra_transfer, post16_move: None };
        let input = ClockInput { anchor: Some(anchor), dob, ncy_offset: 0, meeting, profile, transfers, today };
        let anchor_kind = plan_issued.then_some(AnchorKind::PlanIssued);
        let facts = CycleFacts { anchor_kind, last_review_meeting, decision: decided };
        let holidays = BankHolidays::embedded();
        let tl = cycle_timeline(&input, &facts, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"));
        use MilestoneId::*;
        let get = |id| tl.get(id).map(|m| m.date);

        // Each milestone once, in the order of the ids (T16 twice only for two transfers).
        let ids: Vec<MilestoneId> = tl.milestones.iter().map(|m| m.id).filter(|id| *id != T16).collect();
        prop_assert!(ids.windows(2).all(|w| w[0] < w[1]), "{:?}", ids);
        for m in &tl.milestones {
            // C6: never moved later, and to a working day.
            prop_assert!(m.due <= m.date && holidays.is_working_day(m.due), "{:?}", m.id);
            prop_assert!(!m.why.is_empty() && !m.source.is_empty(), "{:?}", m.id);
            // No milestone of the cycle before its anchor.
            prop_assert!(counts_back_from_the_meeting(m.id) || m.date >= anchor, "{:?} {} before {anchor}", m.id, m.date);
        }
        // T02 (s44(1)), T03 within it, T04 no later than T03 allows in a transfer year.
        let t02 = within_months_starting_with(anchor, 12);
        prop_assert_eq!(get(T02), Some(t02));
        prop_assert!(get(T03).is_some_and(|t03| t03 <= sub_days(t02, 28)));
        // Transfer deadlines: 14 Feb or 30 Mar (reg 18(1): "before" 15 Feb / 31 Mar), in the
        // year the child leaves Year 6, Year 11 or the year set for the child.
        for m in &tl.milestones {
            match m.id {
                T16 => {
                    prop_assert_eq!((m.date.month(), m.date.day()), (2, 14));
                    let ncy = crate::ncy::nc_year(dob, 0, m.date);
                    prop_assert!(ncy == 6 || Some(ncy) == extra_transfer, "T16 in Year {}", ncy);
                }
                T17 => {
                    prop_assert_eq!((m.date.month(), m.date.day()), (3, 30));
                    prop_assert_eq!(crate::ncy::nc_year(dob, 0, m.date), 11);
                }
                _ => {}
            }
        }
        if let (Some(t16), Some(t03)) = (tl.get(T16).or(tl.get(T17)), get(T03))
            && t03 < sub_days(t02, 28)
        {
            // A transfer brought the meeting forward: by 12 weeks before the deadline, or at
            // once for a cycle that began after that.
            let runway = sub_days(t16.date, 84).max(anchor);
            prop_assert!(t03 <= runway || tl.milestones.iter().filter(|m| matches!(m.id, T16 | T17)).count() > 1);
        }
        // Amendments (reg 22): the final plan is due at most 12 weeks after the meeting
        // (Devon), and, when the LA sent its proposed amendments within its 4 weeks as the law
        // requires, after the representations close. (A notice sent after the 4 weeks can leave
        // the long-stop before the 15 days end: the LA is then late, and T14 says so.)
        if let (Some(t13), Some(t14), Decided::Letter(dl)) = (get(T13), get(T14), decided) {
            let in_time = meeting.is_none() || dl.notice.zip(meeting).is_some_and(|(n, m)| n <= add_days(m, 28));
            prop_assert!(!in_time || t13 < t14, "T13 {} T14 {}", t13, t14);
        }
        if let (Some(t14), Some(m)) = (get(T14), meeting) {
            prop_assert!(t14 <= add_days(m, 84));
        }
        // Appeals: the window closes after the decision.
        if let (Some(t21), Decided::Letter(dl)) = (get(T21), decided) {
            let from = if dl.kind == DecisionKind::Amend { dl.final_plan.unwrap_or(letter) } else { letter };
            prop_assert!(t21 >= add_months(from, 2) && t21 > letter);
        }
        // What each decision brings, and what it does not.
        match (kind, decided) {
            (Some(DecisionKind::Maintain), _) => prop_assert!(get(T13).is_none() && get(T14).is_none() && get(T15).is_some() && get(T21).is_some()),
            (Some(DecisionKind::Cease), _) => {
                prop_assert!(get(T14).is_none() && get(T15).is_none() && tl.next_anchor.is_none());
                let closes = get(T21).unwrap_or_default();
                let consistent = match tl.state {
                    CycleState::CeaseAppealWindow { closes: c } => today <= c && c == closes,
                    CycleState::Ceased { from } => today >= from && from == add_days(closes, 1),
                    _ => false,
                };
                prop_assert!(consistent, "{:?} on {}", tl.state, today);
            }
            (Some(DecisionKind::Amend), Decided::Letter(dl)) => {
                prop_assert_eq!(get(T14).is_some(), meeting.is_some() || dl.notice.is_some());
                prop_assert!(tl.state.is_active());
            }
            (None, Decided::NotYet) => {
                let overdue = meeting.is_some_and(|m| today > add_days(m, profile.timings.la_decision_after_meeting_days));
                prop_assert_eq!(get(T12C).is_some(), overdue);
                prop_assert_eq!(get(T15).is_some(), overdue);
                if let (Some(chase), Some(t12)) = (get(T12C), get(T12)) {
                    prop_assert_eq!(chase, add_days(t12, 1));
                }
            }
            _ => prop_assert!(get(T12C).is_none() && get(T15).is_none()),
        }
        if let (Some(next), Some(t15)) = (tl.next_anchor, get(T15)) {
            prop_assert_eq!(t15, within_months_starting_with(next.date, 12));
        }
    }

    /// Without a meeting, nothing about the cycle changes with the day it is looked at (item 8):
    /// not the NC year, not preparing for adulthood, not a transfer.
    #[test]
    fn a_cycle_without_a_meeting_does_not_depend_on_today(
        anchor_days in 0u32..3650,
        age_days in 1100u32..7000,
        la in 0usize..7,
        today_a in 0u32..2000,
        today_b in 0u32..2000,
    ) {
        let anchor = add_days(d(2019, 1, 1), anchor_days);
        let dob = sub_days(anchor, age_days);
        let profiles = profiles();
        let profile = profiles.get(la).unwrap_or_else(|| unreachable!());
        let on = |days| {
            let input = ClockInput { anchor: Some(anchor), dob, ncy_offset: 0, meeting: None, profile, transfers: Transfers::default(), today: add_days(d(2018, 1, 1), days) };
            timeline(&input, &BankHolidays::embedded(), &SchoolCalendar::default())
        };
        prop_assert_eq!(on(today_a), on(today_b));
    }
}
