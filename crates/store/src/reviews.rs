//! The `review` table: one row per annual review of a child, its meeting, stage and dates.
//!
//! A child's current review is the one with the highest id. The review's amendment mode is kept
//! with the amendments (`amendments.rs`).

use ardesk_domain::dates::iso;
use ardesk_domain::follow_up::Decision;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::paperwork::ReviewType;
use ardesk_domain::review::{Meeting, Review, ReviewStage};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, params};

use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// A review with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub id: ReviewId,
    pub review: Review,
}

/// One review of a child, newest last, with how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSummary {
    pub id: ReviewId,
    pub meeting_date: Option<NaiveDate>,
    pub stage: ReviewStage,
    pub submitted_on: Option<NaiveDate>,
    pub decision: Option<DecisionOn>,
    /// What followed the decision, as far as recorded.
    pub after: AfterDecision,
}

pub use ardesk_domain::follow_up::AfterDecision;

/// The LA's decision on a review and the date of its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionOn {
    pub decision: Decision,
    /// The date of the decision letter.
    pub on: NaiveDate,
}

/// How a review's papers were circulated (reg 20(4)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CirculationRecord {
    /// The first circulation: the one the two weeks before the meeting are judged on.
    pub first: NaiveDate,
    /// The papers everyone was told had not arrived by then, by title; `None` when it was not
    /// recorded (a circulation recorded before schema v15).
    pub named_missing: Option<Vec<String>>,
    /// The last time the papers were sent round again, with what had arrived since.
    pub again: Option<NaiveDate>,
}

/// A review with the child it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInfo {
    pub child: ChildId,
    pub review: Review,
}

/// A review from its columns: meeting date, start, venue, stage, circulation date.
pub(crate) fn review_of(
    id: i64,
    [meeting_date, start, venue, stage, circulated]: [Option<String>; 5],
) -> Result<Review, StoreError> {
    let stage =
        stage.as_deref().and_then(ReviewStage::from_code).ok_or_else(|| corrupt("review stage", id))?;
    let meeting = match meeting_date {
        Some(d) => Some(Meeting {
            date: date(&d, "meeting date", id)?,
            start: match start {
                Some(t) => {
                    Some(NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| corrupt("meeting time", id))?)
                }
                None => None,
            },
            venue: venue.unwrap_or_default(),
        }),
        None => None,
    };
    let circulated_on = circulated.map(|d| date(&d, "circulation date", id)).transpose()?;
    Ok(Review { meeting, stage, circulated_on })
}

impl Store {
    /// A review by id, with the child it belongs to.
    pub fn review_info(&self, review: ReviewId) -> Result<ReviewInfo, StoreError> {
        let (child, columns): (i64, [Option<String>; 5]) = self
            .conn
            .query_row(
                "SELECT child_id, meeting_date, meeting_start, venue, stage, circulated_on
                 FROM review WHERE id = ?1",
                [review.0],
                |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "review", id: review.0 })?;
        Ok(ReviewInfo { child: ChildId(child), review: review_of(review.0, columns)? })
    }

    /// How the papers of review `review` were circulated, once they have been.
    pub fn circulation(&self, review: ReviewId) -> Result<Option<CirculationRecord>, StoreError> {
        let (first, missing, again): (Option<String>, Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT circulated_on, circulation_missing, recirculated_on FROM review WHERE id = ?1",
                [review.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "review", id: review.0 })?;
        let Some(first) = first else { return Ok(None) };
        Ok(Some(CirculationRecord {
            first: date(&first, "circulation date", review.0)?,
            named_missing: missing
                .map(|m| m.lines().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()),
            again: again.map(|d| date(&d, "circulation date", review.0)).transpose()?,
        }))
    }

    /// The kind of review (annual, interim or early).
    pub fn review_type(&self, review: ReviewId) -> Result<ReviewType, StoreError> {
        let code: String = self
            .conn
            .query_row("SELECT review_type FROM review WHERE id = ?1", [review.0], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "review", id: review.0 })?;
        ReviewType::from_code(&code).ok_or_else(|| corrupt("review type", review.0))
    }

    /// Every review of a child, oldest first.
    pub fn reviews_of(&self, child: ChildId) -> Result<Vec<ReviewSummary>, StoreError> {
        Ok(self.summaries("WHERE child_id = ?1", &[&child.0])?.into_iter().map(|(_, s)| s).collect())
    }

    /// Each child's latest review with the LA's decision recorded, by child: what follows a
    /// decision (an amendment, an appeal window) may still be running on it.
    pub fn latest_decided_reviews(
        &self,
    ) -> Result<std::collections::HashMap<ChildId, ReviewSummary>, StoreError> {
        Ok(self.summaries("WHERE decision IS NOT NULL", &[])?.into_iter().collect())
    }

    /// The reviews whose meeting falls between `from` and `to` (both included), with their child,
    /// in meeting order: the compliance report's period.
    pub fn reviews_meeting_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(ChildId, ReviewSummary)>, StoreError> {
        let mut found = self.summaries("WHERE meeting_date BETWEEN ?1 AND ?2", &[&iso(from), &iso(to)])?;
        found.sort_by_key(|(_, s)| (s.meeting_date, s.id.0));
        Ok(found)
    }

    /// The reviews `filter` (a WHERE clause) selects, oldest first, with their child.
    fn summaries(
        &self,
        filter: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<(ChildId, ReviewSummary)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, meeting_date, stage, submitted_on, decision, decided_on, amendment_notice_on,
                    draft_plan_on, final_plan_on, mediation_certificate_on, appeal_lodged_on, appeal_ended_on,
                    child_id
             FROM review {filter} ORDER BY id"
        ))?;
        type Raw = (
            i64,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            [Option<String>; 6],
            i64,
        );
        let rows: Vec<Raw> = stmt
            .query_map(values, |r| {
                let after = [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?];
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, after, r.get(12)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, meeting, stage, submitted, decision, decided, after, child)| {
                let opt_date = |d: Option<String>, what: &str| d.map(|d| date(&d, what, id)).transpose();
                let decision = match (decision, opt_date(decided, "decision date")?) {
                    (Some(code), Some(on)) => Some(DecisionOn {
                        decision: Decision::from_code(&code).ok_or_else(|| corrupt("decision", id))?,
                        on,
                    }),
                    _ => None,
                };
                let summary = ReviewSummary {
                    id: ReviewId(id),
                    meeting_date: opt_date(meeting, "meeting date")?,
                    stage: ReviewStage::from_code(&stage).ok_or_else(|| corrupt("review stage", id))?,
                    submitted_on: opt_date(submitted, "submission date")?,
                    decision,
                    after: {
                        let [notice, draft, final_plan, mediation, lodged, ended] = after;
                        AfterDecision {
                            notice: opt_date(notice, "amendment notice date")?,
                            draft: opt_date(draft, "draft plan date")?,
                            final_plan: opt_date(final_plan, "final plan date")?,
                            mediation_certificate: opt_date(mediation, "mediation certificate date")?,
                            appeal_lodged: opt_date(lodged, "appeal date")?,
                            appeal_ended: opt_date(ended, "appeal end date")?,
                        }
                    },
                };
                Ok((ChildId(child), summary))
            })
            .collect()
    }
}

impl Tx<'_> {
    pub fn insert_review(&mut self, id: ChildId, review: &Review) -> Result<ReviewId, StoreError> {
        let meeting = review.meeting.as_ref();
        self.tx.execute(
            "INSERT INTO review (child_id, meeting_date, meeting_start, venue, stage)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                meeting.map(|m| iso(m.date)),
                meeting.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
                meeting.map(|m| m.venue.as_str()).unwrap_or(""),
                review.stage.code()
            ],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("review", row);
        Ok(ReviewId(row))
    }

    pub fn set_meeting(
        &mut self,
        review: ReviewId,
        meeting: Option<&Meeting>,
        stage: ReviewStage,
    ) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET meeting_date = ?2, meeting_start = ?3, venue = ?4, stage = ?5 WHERE id = ?1",
            params![
                review.0,
                meeting.map(|m| iso(m.date)),
                meeting.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
                meeting.map(|m| m.venue.as_str()).unwrap_or(""),
                stage.code()
            ],
        )
    }

    /// Sets the kind of review (annual, interim or early).
    pub fn set_review_type(&mut self, review: ReviewId, kind: ReviewType) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET review_type = ?2 WHERE id = ?1",
            params![review.0, kind.code()],
        )
    }

    /// Records that everything received was circulated to every invitee on `on`, and that they
    /// were told which papers had not arrived (`missing`, by title). The first circulation is
    /// kept, with what it named as missing; a later one is recorded as the papers sent round
    /// again.
    pub fn mark_circulated(
        &mut self,
        review: ReviewId,
        on: NaiveDate,
        missing: &[String],
    ) -> Result<(), StoreError> {
        let missing: Vec<&str> = missing.iter().map(|t| t.trim()).collect();
        // SQLite evaluates every SET expression on the row as it was.
        self.tx.execute(
            "UPDATE review SET
                circulation_missing = CASE WHEN circulated_on IS NULL THEN ?3 ELSE circulation_missing END,
                recirculated_on = CASE WHEN circulated_on IS NULL THEN recirculated_on ELSE ?2 END,
                circulated_on = coalesce(circulated_on, ?2)
             WHERE id = ?1",
            params![review.0, iso(on), missing.join("\n")],
        )?;
        self.touch("review", review.0);
        Ok(())
    }

    /// Moves a review to `stage` (recording a meeting held, or a record ready to submit).
    pub fn set_stage(&mut self, review: ReviewId, stage: ReviewStage) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET stage = ?2 WHERE id = ?1",
            params![review.0, stage.code()],
        )
    }

    /// Records that the review's paperwork went to the LA on `on`, moving it to `stage` (the
    /// domain's [`ReviewStage::after`] says which).
    pub fn set_submitted(
        &mut self,
        review: ReviewId,
        on: NaiveDate,
        stage: ReviewStage,
    ) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET submitted_on = ?2, stage = ?3 WHERE id = ?1",
            params![review.0, iso(on), stage.code()],
        )
    }

    /// Records the LA's decision letter, which concludes the review, moving it to `stage` (the
    /// domain's [`ReviewStage::after`] says which).
    pub fn set_decision(
        &mut self,
        review: ReviewId,
        decision: Decision,
        on: NaiveDate,
        stage: ReviewStage,
    ) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET decision = ?2, decided_on = ?3, stage = ?4 WHERE id = ?1",
            params![review.0, decision.code(), iso(on), stage.code()],
        )
    }

    /// Records what followed the LA's decision on review `review` (every date as given: a
    /// `None` clears it).
    pub fn set_after_decision(&mut self, review: ReviewId, after: &AfterDecision) -> Result<(), StoreError> {
        let d = |date: Option<NaiveDate>| date.map(iso);
        self.update_review(
            review,
            "UPDATE review SET amendment_notice_on = ?2, draft_plan_on = ?3, final_plan_on = ?4,
                    mediation_certificate_on = ?5, appeal_lodged_on = ?6, appeal_ended_on = ?7
             WHERE id = ?1",
            params![
                review.0,
                d(after.notice),
                d(after.draft),
                d(after.final_plan),
                d(after.mediation_certificate),
                d(after.appeal_lodged),
                d(after.appeal_ended)
            ],
        )
    }

    /// Runs one UPDATE of review `review` (the statement's `?1`); an unknown review is
    /// `NotFound`, and the review is the record the audit row names.
    fn update_review(
        &mut self,
        review: ReviewId,
        sql: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<(), StoreError> {
        if self.tx.execute(sql, values)? == 0 {
            return Err(StoreError::NotFound { what: "review", id: review.0 });
        }
        self.touch("review", review.0);
        Ok(())
    }
}
