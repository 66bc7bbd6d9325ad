//! The `la_return` and `la_return_item` tables: a review the LA sent back, what it asked for
//! (each item ticked off when done) and the day the review went back to it
//! (`ardesk_domain::returned`).

use std::collections::HashMap;

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use ardesk_domain::returned::{Asked, LaReturn};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// A return with the id it is stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReturn {
    pub id: i64,
    pub review: ReviewId,
    pub returned: LaReturn,
}

type RawReturn = (i64, i64, String, Option<String>, Option<String>);

impl Store {
    /// Every return of one review, oldest first.
    pub fn returns_of(&self, review: ReviewId) -> Result<Vec<StoredReturn>, StoreError> {
        self.returns_where("r.review_id = ?1", params![review.0])
    }

    /// The returns not yet answered, by review: the caseload's next steps. Two queries, whatever
    /// the caseload's size.
    pub fn open_returns(&self) -> Result<HashMap<ReviewId, LaReturn>, StoreError> {
        Ok(self
            .returns_where("r.resubmitted_on IS NULL", [])?
            .into_iter()
            .map(|s| (s.review, s.returned))
            .collect())
    }

    fn returns_where<P: rusqlite::Params + Clone>(
        &self,
        filter: &str,
        values: P,
    ) -> Result<Vec<StoredReturn>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.id, r.review_id, r.returned_on, r.respond_by, r.resubmitted_on
             FROM la_return r WHERE {filter} ORDER BY r.id"
        ))?;
        let rows: Vec<RawReturn> = stmt
            .query_map(values.clone(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, review, on, by, resubmitted) in rows {
            out.push(StoredReturn {
                id,
                review: ReviewId(review),
                returned: LaReturn {
                    returned_on: date(&on, "return date", id)?,
                    respond_by: by.map(|d| date(&d, "answer-by date", id)).transpose()?,
                    items: Vec::new(),
                    resubmitted_on: resubmitted.map(|d| date(&d, "resubmission date", id)).transpose()?,
                },
            });
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT i.return_id, i.asked, i.done_on FROM la_return_item i
             JOIN la_return r ON r.id = i.return_id WHERE {filter} ORDER BY i.return_id, i.position"
        ))?;
        let items: Vec<(i64, String, Option<String>)> =
            stmt.query_map(values, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        for (id, what, done) in items {
            let done_on = done.map(|d| date(&d, "item done date", id)).transpose()?;
            let entry = out.iter_mut().find(|s| s.id == id).ok_or_else(|| corrupt("return item", id))?;
            entry.returned.items.push(Asked { what, done_on });
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Records that the LA sent `review` back on `on`, asking for `items`.
    pub fn insert_return(
        &mut self,
        review: ReviewId,
        on: NaiveDate,
        respond_by: Option<NaiveDate>,
        items: &[String],
    ) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO la_return (review_id, returned_on, respond_by) VALUES (?1, ?2, ?3)",
            params![review.0, iso(on), respond_by.map(iso)],
        )?;
        let id = self.tx.last_insert_rowid();
        for (position, what) in items.iter().enumerate() {
            let position = i64::try_from(position).map_err(|_| corrupt("return item", id))?;
            self.tx.execute(
                "INSERT INTO la_return_item (return_id, position, asked) VALUES (?1, ?2, ?3)",
                params![id, position, what],
            )?;
        }
        self.touch("review", review.0);
        Ok(id)
    }

    /// Ticks item `position` of return `id` done on `on`, or (with `None`) not done.
    pub fn set_return_item_done(
        &mut self,
        id: i64,
        position: usize,
        on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let position = i64::try_from(position).map_err(|_| StoreError::NotFound { what: "item", id })?;
        let changed = self.tx.execute(
            "UPDATE la_return_item SET done_on = ?3 WHERE return_id = ?1 AND position = ?2",
            params![id, position, on.map(iso)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "item the LA asked for", id });
        }
        self.touch_return(id)
    }

    /// Records that return `id` was answered: the review went back to the LA on `on`.
    pub fn set_resubmitted(&mut self, id: i64, on: NaiveDate) -> Result<(), StoreError> {
        let changed = self
            .tx
            .execute("UPDATE la_return SET resubmitted_on = ?2 WHERE id = ?1", params![id, iso(on)])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "return", id });
        }
        self.touch_return(id)
    }

    /// The audit row names the review a return belongs to.
    fn touch_return(&mut self, id: i64) -> Result<(), StoreError> {
        let review: Option<i64> = self
            .tx
            .query_row("SELECT review_id FROM la_return WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let review = review.ok_or(StoreError::NotFound { what: "return", id })?;
        self.touch("review", review);
        Ok(())
    }
}
