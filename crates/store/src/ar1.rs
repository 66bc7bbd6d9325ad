//! The `ar1_field` table: a review's AR1 record (the record of the meeting), one row per field,
//! so that each autosave is one small write.

use ardesk_domain::ids::ReviewId;
use rusqlite::params;

use crate::{Store, StoreError, Tx};

/// One stored field of a review's AR1 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ar1Field {
    /// The field's key, e.g. `"discussion"` or `"actions.2.owner"`.
    pub key: String,
    /// What was typed (never empty: an emptied field has no row).
    pub value: String,
}

impl Store {
    /// A review's AR1 record as its stored fields, by key.
    pub fn ar1_fields(&self, review: ReviewId) -> Result<Vec<Ar1Field>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT key, value FROM ar1_field WHERE review_id = ?1 ORDER BY key")?;
        let rows = stmt
            .query_map([review.0], |r| Ok(Ar1Field { key: r.get(0)?, value: r.get(1)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl Tx<'_> {
    /// Saves one field of a review's AR1 record; an empty value removes it.
    pub fn set_ar1_field(&mut self, review: ReviewId, key: &str, value: &str) -> Result<(), StoreError> {
        if value.is_empty() {
            self.tx
                .execute("DELETE FROM ar1_field WHERE review_id = ?1 AND key = ?2", params![review.0, key])?;
        } else {
            self.tx.execute(
                "INSERT INTO ar1_field (review_id, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (review_id, key) DO UPDATE SET value = ?3",
                params![review.0, key, value],
            )?;
        }
        self.touch("review", review.0);
        Ok(())
    }
}
