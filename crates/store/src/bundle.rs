//! The `bundle_override` table: the reasons given for overriding a bundle finding (spec §8.5),
//! exported in the bundle's manifest. A finding is identified by its rule and its message.

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use chrono::NaiveDate;
use rusqlite::params;

use crate::{Store, StoreError, Tx};

/// The reason recorded for overriding one bundle finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOverride {
    /// The finding's rule, e.g. `"V07"`.
    pub rule: String,
    /// The finding's message, as it was shown when the reason was given.
    pub message: String,
    /// Why the finding does not stop the bundle.
    pub reason: String,
}

impl Store {
    /// The reasons recorded for overriding a review's bundle findings.
    pub fn bundle_overrides(&self, review: ReviewId) -> Result<Vec<BundleOverride>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT rule, message, reason FROM bundle_override WHERE review_id = ?1 ORDER BY rule, message",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok(BundleOverride { rule: r.get(0)?, message: r.get(1)?, reason: r.get(2)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl Tx<'_> {
    /// Records (or, with no reason, withdraws) the reason a bundle finding is overridden.
    pub fn set_bundle_override(
        &mut self,
        review: ReviewId,
        rule: &str,
        message: &str,
        reason: Option<&str>,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        match reason {
            Some(reason) => self.tx.execute(
                "INSERT INTO bundle_override (review_id, rule, message, reason, recorded_on) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (review_id, rule, message) DO UPDATE SET reason = ?4, recorded_on = ?5",
                params![review.0, rule, message, reason, iso(on)],
            )?,
            None => self.tx.execute(
                "DELETE FROM bundle_override WHERE review_id = ?1 AND rule = ?2 AND message = ?3",
                params![review.0, rule, message],
            )?,
        };
        self.touch("review", review.0);
        Ok(())
    }
}
