//! The school's requests to the LA after a review: `la_request` (what was asked, when, the LA's
//! answer) and `la_request_evidence` (the review's documents sent with it).

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use ardesk_domain::requests::{RequestKind, RequestOutcome};
use chrono::NaiveDate;
use rusqlite::params;

use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaRequest {
    pub id: i64,
    pub review: ReviewId,
    pub kind: RequestKind,
    pub grounds: String,
    pub sent_on: NaiveDate,
    /// The checklist items sent with it, in the letter's order.
    pub evidence: Vec<i64>,
    pub answer: Option<LaAnswer>,
}

/// The LA's answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaAnswer {
    pub outcome: RequestOutcome,
    pub on: NaiveDate,
    pub note: String,
}

type Row = (i64, i64, String, String, String, Option<String>, Option<String>, String);

impl Store {
    /// The requests made after review `review`, oldest first.
    pub fn la_requests(&self, review: ReviewId) -> Result<Vec<LaRequest>, StoreError> {
        self.la_requests_where("WHERE review_id = ?1", &[&review.0])
    }

    /// Every request the LA has not answered yet, oldest first.
    pub fn unanswered_la_requests(&self) -> Result<Vec<LaRequest>, StoreError> {
        self.la_requests_where("WHERE outcome IS NULL", &[])
    }

    /// One request.
    pub fn la_request(&self, id: i64) -> Result<Option<LaRequest>, StoreError> {
        Ok(self.la_requests_where("WHERE id = ?1", &[&id])?.pop())
    }

    fn la_requests_where(
        &self,
        filter: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<LaRequest>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, review_id, kind, grounds, sent_on, outcome, answered_on, answer_note
             FROM la_request {filter} ORDER BY sent_on, id"
        ))?;
        let rows: Vec<Row> = stmt
            .query_map(values, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut evidence = self.conn.prepare(
            "SELECT checklist_item_id FROM la_request_evidence WHERE request_id = ?1 ORDER BY position",
        )?;
        rows.into_iter()
            .map(|(id, review, kind, grounds, sent_on, outcome, answered_on, note)| {
                let kind = RequestKind::from_code(&kind).ok_or_else(|| corrupt("request kind", id))?;
                let answer = match (outcome, answered_on) {
                    (None, None) => None,
                    (Some(outcome), Some(on)) => Some(LaAnswer {
                        outcome: RequestOutcome::from_code(&outcome)
                            .ok_or_else(|| corrupt("request outcome", id))?,
                        on: date(&on, "request answer date", id)?,
                        note,
                    }),
                    _ => return Err(corrupt("request answer", id)),
                };
                let evidence =
                    evidence.query_map([id], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
                Ok(LaRequest {
                    id,
                    review: ReviewId(review),
                    kind,
                    grounds,
                    sent_on: date(&sent_on, "request date", id)?,
                    evidence,
                    answer,
                })
            })
            .collect()
    }
}

impl Tx<'_> {
    /// Records a request sent on `sent_on` with the checklist items `evidence`, in that order.
    pub fn insert_la_request(
        &mut self,
        review: ReviewId,
        kind: RequestKind,
        grounds: &str,
        sent_on: NaiveDate,
        evidence: &[i64],
    ) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO la_request (review_id, kind, grounds, sent_on) VALUES (?1, ?2, ?3, ?4)",
            params![review.0, kind.code(), grounds, iso(sent_on)],
        )?;
        let id = self.tx.last_insert_rowid();
        for (position, item) in evidence.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO la_request_evidence (request_id, checklist_item_id, position) VALUES (?1, ?2, ?3)",
                params![id, item, position as i64],
            )?;
        }
        self.touch("la_request", id);
        Ok(id)
    }

    /// Records the LA's answer to request `id`, in place of any before; `None` clears it.
    pub fn answer_la_request(&mut self, id: i64, answer: Option<&LaAnswer>) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE la_request SET outcome = ?2, answered_on = ?3, answer_note = ?4 WHERE id = ?1",
            params![
                id,
                answer.map(|a| a.outcome.code()),
                answer.map(|a| iso(a.on)),
                answer.map(|a| a.note.as_str()).unwrap_or_default()
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "request", id });
        }
        self.touch("la_request", id);
        Ok(())
    }
}
