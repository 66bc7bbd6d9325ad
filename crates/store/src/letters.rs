//! Letters: what was generated for a review (`letter_log`) and the school's own wording for a
//! kind of letter (`letter_template`, which replaces the LA's or the shipped template).

use ardesk_domain::ids::ReviewId;
use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::{Store, StoreError, Tx};

/// A letter that was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterLogRow {
    pub invitee_id: Option<i64>,
    pub kind: String,
    pub file_name: String,
    /// RFC 3339.
    pub generated_at: String,
}

/// The school's own wording for one kind of letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterTemplate {
    /// The letter kind's code (`ardesk_domain::letters::LetterKind::code`).
    pub kind: String,
    /// The template, with its merge fields.
    pub body: String,
}

impl Store {
    /// What was generated for a review, oldest first.
    pub fn letter_log(&self, review: ReviewId) -> Result<Vec<LetterLogRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT invitee_id, kind, file_name, generated_at FROM letter_log WHERE review_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok(LetterLogRow {
                    invitee_id: r.get(0)?,
                    kind: r.get(1)?,
                    file_name: r.get(2)?,
                    generated_at: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The school's own letter templates, by kind code.
    pub fn letter_templates(&self) -> Result<Vec<LetterTemplate>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT kind, body FROM letter_template ORDER BY kind")?;
        let rows = stmt
            .query_map([], |r| Ok(LetterTemplate { kind: r.get(0)?, body: r.get(1)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl Tx<'_> {
    pub fn log_letter(
        &mut self,
        review: ReviewId,
        invitee: Option<i64>,
        kind: &str,
        file_name: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO letter_log (review_id, invitee_id, kind, file_name, generated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![review.0, invitee, kind, file_name, at.to_rfc3339()],
        )?;
        self.touch("review", review.0);
        Ok(())
    }

    pub fn set_letter_template(&mut self, kind: &str, body: Option<&str>) -> Result<(), StoreError> {
        match body {
            Some(b) => self.tx.execute(
                "INSERT INTO letter_template (kind, body) VALUES (?1, ?2) ON CONFLICT (kind) DO UPDATE SET body = ?2",
                params![kind, b],
            )?,
            None => self.tx.execute("DELETE FROM letter_template WHERE kind = ?1", [kind])?,
        };
        self.touched = None;
        Ok(())
    }
}
