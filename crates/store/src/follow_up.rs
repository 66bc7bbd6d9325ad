//! The `action_follow_up` table: where each agreed action stands after the meeting. An action is
//! the `actions.N.…` fields of the AR1 record (`ar1.rs`) and is referred to by its row `N`; no
//! follow-up row means the action is open.

use ardesk_domain::dates::iso;
use ardesk_domain::follow_up::ActionStatus;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::review::ReviewStage;
use chrono::NaiveDate;
use rusqlite::params;

use crate::ar1::Ar1Field;
use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// The follow-up recorded for one agreed action (no row means it is open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub row: usize,
    pub status: ActionStatus,
    pub note: String,
    pub updated_on: NaiveDate,
}

/// The agreed actions of one review whose meeting has been held, for the follow-up list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewActions {
    pub review: ReviewId,
    pub child: ChildId,
    pub meeting_date: Option<NaiveDate>,
    /// The `actions.N.…` fields of its AR1 record.
    pub fields: Vec<Ar1Field>,
    pub follow_ups: Vec<FollowUp>,
}

impl Store {
    /// The follow-up recorded for a review's actions, by row.
    pub fn follow_ups(&self, review: ReviewId) -> Result<Vec<FollowUp>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT action_row, status, note, updated_on FROM action_follow_up
             WHERE review_id = ?1 ORDER BY action_row",
        )?;
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|raw| follow_up(review.0, raw)).collect()
    }

    /// The agreed actions of every review whose meeting has been held, with their follow-up:
    /// the caseload's list of tracked tasks. Two queries, whatever the caseload's size.
    pub fn tracked_actions(&self) -> Result<Vec<ReviewActions>, StoreError> {
        // The stages from the meeting on, by their codes: `('meeting_held', …)`. The codes are
        // the domain's own constants, never user data.
        let held = ReviewStage::ALL
            .iter()
            .filter(|s| **s >= ReviewStage::MeetingHeld)
            .map(|s| format!("'{}'", s.code()))
            .collect::<Vec<_>>()
            .join(",");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.id, r.child_id, r.meeting_date, f.key, f.value
             FROM review r JOIN ar1_field f ON f.review_id = r.id
             WHERE r.stage IN ({held}) AND f.key LIKE 'actions.%'
             ORDER BY r.id, f.key"
        ))?;
        type Raw = (i64, i64, Option<String>, String, String);
        let rows: Vec<Raw> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        let mut out: Vec<ReviewActions> = Vec::new();
        for (review, child, meeting, key, value) in rows {
            if out.last().is_none_or(|last| last.review.0 != review) {
                out.push(ReviewActions {
                    review: ReviewId(review),
                    child: ChildId(child),
                    meeting_date: meeting.map(|d| date(&d, "meeting date", review)).transpose()?,
                    fields: Vec::new(),
                    follow_ups: Vec::new(),
                });
            }
            if let Some(last) = out.last_mut() {
                last.fields.push(Ar1Field { key, value });
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT review_id, action_row, status, note, updated_on FROM action_follow_up
             ORDER BY review_id, action_row",
        )?;
        let rows: Vec<(i64, i64, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        for (review, row, status, note, updated) in rows {
            if let Ok(i) = out.binary_search_by_key(&review, |r| r.review.0)
                && let Some(entry) = out.get_mut(i)
            {
                entry.follow_ups.push(follow_up(review, (row, status, note, updated))?);
            }
        }
        Ok(out)
    }
}

fn follow_up(
    review: i64,
    (row, status, note, updated): (i64, String, String, String),
) -> Result<FollowUp, StoreError> {
    Ok(FollowUp {
        row: usize::try_from(row).map_err(|_| corrupt("action row", review))?,
        status: ActionStatus::from_code(&status).ok_or_else(|| corrupt("action status", review))?,
        note,
        updated_on: date(&updated, "follow-up date", review)?,
    })
}

impl Tx<'_> {
    /// Records where one agreed action stands.
    pub fn set_follow_up(
        &mut self,
        review: ReviewId,
        row: usize,
        status: ActionStatus,
        note: &str,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        let row = i64::try_from(row).map_err(|_| StoreError::NotFound { what: "action", id: -1 })?;
        self.tx.execute(
            "INSERT INTO action_follow_up (review_id, action_row, status, note, updated_on)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (review_id, action_row) DO UPDATE SET status = ?3, note = ?4, updated_on = ?5",
            params![review.0, row, status.code(), note, iso(on)],
        )?;
        self.touch("review", review.0);
        Ok(())
    }
}
