//! The `review` table: one row per annual review of a child, its meeting, stage and dates.
//!
//! A child's current review is the one with the highest id. The review's amendment mode is kept
//! with the amendments (`amendments.rs`).

use ardesk_domain::dates::iso;
use ardesk_domain::follow_up::Decision;
use ardesk_domain::ids::{ChildId, ReviewId};
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
}

/// The LA's decision on a review and the date of its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionOn {
    pub decision: Decision,
    /// The date of the decision letter.
    pub on: NaiveDate,
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

    /// Every review of a child, oldest first.
    pub fn reviews_of(&self, child: ChildId) -> Result<Vec<ReviewSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, meeting_date, stage, submitted_on, decision, decided_on
             FROM review WHERE child_id = ?1 ORDER BY id",
        )?;
        type Raw = (i64, Option<String>, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Raw> = stmt
            .query_map([child.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, meeting, stage, submitted, decision, decided)| {
                let opt_date = |d: Option<String>, what: &str| d.map(|d| date(&d, what, id)).transpose();
                let decision = match (decision, opt_date(decided, "decision date")?) {
                    (Some(code), Some(on)) => Some(DecisionOn {
                        decision: Decision::from_code(&code).ok_or_else(|| corrupt("decision", id))?,
                        on,
                    }),
                    _ => None,
                };
                Ok(ReviewSummary {
                    id: ReviewId(id),
                    meeting_date: opt_date(meeting, "meeting date")?,
                    stage: ReviewStage::from_code(&stage).ok_or_else(|| corrupt("review stage", id))?,
                    submitted_on: opt_date(submitted, "submission date")?,
                    decision,
                })
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

    /// Records that everything received was circulated to every invitee on `on`.
    pub fn mark_circulated(&mut self, review: ReviewId, on: NaiveDate) -> Result<(), StoreError> {
        self.tx.execute("UPDATE review SET circulated_on = ?2 WHERE id = ?1", params![review.0, iso(on)])?;
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
