//! Between reviews: the `staff_briefing` table (who was briefed on a child's plan after a
//! review, and when) and `review_reflection` (the SENCO's reflection on the review).

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

/// The SENCO's reflection on one review: three short answers, and the day they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflection {
    pub review: ReviewId,
    pub worked: String,
    pub improve: String,
    pub next_time: String,
    pub on: NaiveDate,
}

impl Store {
    /// The reflection on review `review`, if written.
    pub fn reflections_of(&self, review: ReviewId) -> Result<Option<Reflection>, StoreError> {
        Ok(self.reflections_where("WHERE review_id = ?1", &[&review.0])?.pop())
    }

    /// The reflections on every review, the latest first.
    pub fn reflections(&self) -> Result<Vec<Reflection>, StoreError> {
        self.reflections_where("", &[])
    }

    fn reflections_where(
        &self,
        filter: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Reflection>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT review_id, worked, improve, next_time, recorded_on FROM review_reflection {filter}
             ORDER BY recorded_on DESC, review_id DESC"
        ))?;
        let rows: Vec<(i64, String, String, String, String)> = stmt
            .query_map(values, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, worked, improve, next_time, on)| {
                Ok(Reflection {
                    review: ReviewId(id),
                    worked,
                    improve,
                    next_time,
                    on: date(&on, "reflection date", id)?,
                })
            })
            .collect()
    }

    /// The latest briefing recorded after each review that has one.
    pub fn latest_briefings(&self) -> Result<std::collections::HashMap<ReviewId, NaiveDate>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT review_id, max(briefed_on) FROM staff_briefing GROUP BY review_id")?;
        let rows: Vec<(i64, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        rows.into_iter().map(|(id, on)| Ok((ReviewId(id), date(&on, "briefing date", id)?))).collect()
    }

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
    /// Saves the reflection on `r.review`, in place of any before.
    pub fn set_reflection(&mut self, r: &Reflection) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO review_reflection (review_id, worked, improve, next_time, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (review_id) DO UPDATE SET worked = ?2, improve = ?3, next_time = ?4, recorded_on = ?5",
            params![r.review.0, r.worked, r.improve, r.next_time, iso(r.on)],
        )?;
        self.touch("review", r.review.0);
        Ok(())
    }

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
