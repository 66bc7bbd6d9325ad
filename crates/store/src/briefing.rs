//! The `staff_briefing` table: who was briefed on a child's plan after a review, and when.

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use chrono::NaiveDate;
use rusqlite::params;

use crate::decode::date;
use crate::{Store, StoreError, Tx};

/// One briefing: the day, and who (as the SENCO wrote it: "Class teacher and TA, Year 4").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffBriefing {
    pub id: i64,
    pub on: NaiveDate,
    pub who: String,
}

impl Store {
    /// The briefings recorded after review `review`, oldest first.
    pub fn briefings(&self, review: ReviewId) -> Result<Vec<StaffBriefing>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, briefed_on, who FROM staff_briefing WHERE review_id = ?1 ORDER BY briefed_on, id",
        )?;
        let rows: Vec<(i64, String, String)> = stmt
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, on, who)| Ok(StaffBriefing { id, on: date(&on, "briefing date", id)?, who }))
            .collect()
    }
}

impl Tx<'_> {
    pub fn insert_briefing(&mut self, review: ReviewId, on: NaiveDate, who: &str) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO staff_briefing (review_id, briefed_on, who) VALUES (?1, ?2, ?3)",
            params![review.0, iso(on), who],
        )?;
        let id = self.tx.last_insert_rowid();
        self.touch("review", review.0);
        Ok(id)
    }
}
