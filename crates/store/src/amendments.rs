//! Amendments proposed to the plan at a review (`amendment`), the reports each rests on
//! (`amendment_evidence`, checklist items of the same review) and how the review shows them
//! (the `amendment_mode` column of `review`).

use ardesk_domain::ids::ReviewId;
use ardesk_domain::plan::SectionId;
use rusqlite::{OptionalExtension, params};

use crate::decode::corrupt;
use crate::{Store, StoreError, Tx};

/// A proposed amendment as stored, with the checklist items it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAmendment {
    pub id: i64,
    pub section: SectionId,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub agreed: bool,
    pub disagreement: String,
    pub evidence: Vec<AmendmentEvidence>,
}

/// A report an amendment rests on: a checklist item of the same review, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentEvidence {
    pub checklist_item_id: i64,
    /// The page or paragraph (may be empty).
    pub locator: String,
}

/// An amendment as the store writes it.
#[derive(Debug, Clone, Copy)]
pub struct AmendmentRow<'a> {
    pub section: SectionId,
    pub current: &'a str,
    pub proposed: &'a str,
    pub reason: &'a str,
    pub agreed: bool,
    pub disagreement: &'a str,
    pub evidence: &'a [AmendmentEvidence],
}

impl Store {
    /// A review's proposed amendments, in the order they were added.
    pub fn amendments(&self, review: ReviewId) -> Result<Vec<StoredAmendment>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, section, current, proposed, reason, agreed, disagreement
             FROM amendment WHERE review_id = ?1 ORDER BY id",
        )?;
        type Raw = (i64, String, String, String, String, bool, String);
        let rows: Vec<Raw> = stmt
            .query_map([review.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut evidence = self.conn.prepare(
            "SELECT amendment_id, checklist_item_id, locator FROM amendment_evidence
             WHERE amendment_id IN (SELECT id FROM amendment WHERE review_id = ?1)
             ORDER BY amendment_id, checklist_item_id",
        )?;
        let evidence: Vec<(i64, i64, String)> = evidence
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, section, current, proposed, reason, agreed, disagreement)| {
                Ok(StoredAmendment {
                    id,
                    section: SectionId::from_code(&section)
                        .ok_or_else(|| corrupt("amendment section", id))?,
                    current,
                    proposed,
                    reason,
                    agreed,
                    disagreement,
                    evidence: evidence
                        .iter()
                        .filter(|(a, _, _)| *a == id)
                        .map(|(_, item, locator)| AmendmentEvidence {
                            checklist_item_id: *item,
                            locator: locator.clone(),
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// The review's own choice of how to show amendments (`None`: the LA profile's default).
    pub fn amendment_mode(&self, review: ReviewId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT amendment_mode FROM review WHERE id = ?1", [review.0], |r| r.get(0))
            .optional()?
            .flatten())
    }
}

impl Tx<'_> {
    /// Adds a proposed amendment to a review; returns its id.
    pub fn add_amendment(&mut self, review: ReviewId, a: &AmendmentRow<'_>) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO amendment (review_id, section, current, proposed, reason, agreed, disagreement)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![review.0, a.section.code(), a.current, a.proposed, a.reason, a.agreed, a.disagreement],
        )?;
        let id = self.tx.last_insert_rowid();
        self.set_evidence(id, a.evidence)?;
        self.touch("amendment", id);
        Ok(id)
    }

    /// Replaces an amendment of `review` (its evidence too).
    pub fn update_amendment(
        &mut self,
        review: ReviewId,
        id: i64,
        a: &AmendmentRow<'_>,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE amendment SET section = ?3, current = ?4, proposed = ?5, reason = ?6, agreed = ?7,
                 disagreement = ?8
             WHERE id = ?1 AND review_id = ?2",
            params![
                id,
                review.0,
                a.section.code(),
                a.current,
                a.proposed,
                a.reason,
                a.agreed,
                a.disagreement
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "amendment", id });
        }
        self.set_evidence(id, a.evidence)?;
        self.touch("amendment", id);
        Ok(())
    }

    pub fn delete_amendment(&mut self, review: ReviewId, id: i64) -> Result<(), StoreError> {
        let changed = self
            .tx
            .execute("DELETE FROM amendment WHERE id = ?1 AND review_id = ?2", params![id, review.0])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "amendment", id });
        }
        self.touch("amendment", id);
        Ok(())
    }

    /// Evidence must be a checklist item of the amendment's own review.
    fn set_evidence(&mut self, amendment: i64, evidence: &[AmendmentEvidence]) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM amendment_evidence WHERE amendment_id = ?1", [amendment])?;
        for AmendmentEvidence { checklist_item_id: item, locator } in evidence {
            let added = self.tx.execute(
                "INSERT INTO amendment_evidence (amendment_id, checklist_item_id, locator)
                 SELECT a.id, c.id, ?3 FROM amendment a JOIN checklist_item c ON c.review_id = a.review_id
                 WHERE a.id = ?1 AND c.id = ?2",
                params![amendment, item, locator],
            )?;
            if added == 0 {
                return Err(StoreError::NotFound { what: "checklist item", id: *item });
            }
        }
        Ok(())
    }

    /// The review's own choice of how to show amendments; `None` goes back to the LA's default.
    pub fn set_amendment_mode(&mut self, review: ReviewId, mode: Option<&str>) -> Result<(), StoreError> {
        self.tx.execute("UPDATE review SET amendment_mode = ?2 WHERE id = ?1", params![review.0, mode])?;
        self.touch("review", review.0);
        Ok(())
    }
}
