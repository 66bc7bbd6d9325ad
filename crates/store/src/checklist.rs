//! The `checklist_item` table: the reports and views a review expects, who they were asked of,
//! when they are due, and what arrived (a stored file, or views typed in).

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use chrono::NaiveDate;
use rusqlite::params;

use crate::decode::date;
use crate::files::{FileRef, FileScan};
use crate::{Store, StoreError, Tx};

/// One document of a review's report checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub invitee_id: Option<i64>,
    pub requested_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub chased_on: Option<NaiveDate>,
    pub file: Option<FileRef>,
    /// Views typed in rather than attached.
    pub views_text: Option<String>,
}

/// A document a review expects, as it is added to the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChecklistItem {
    /// The document's code, e.g. `"D10"`.
    pub code: String,
    pub title: String,
    /// The invitee it is asked of, if anyone.
    pub invitee_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

/// A checklist item as a transaction sees it: enough to find an item by its document code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistCode {
    pub id: i64,
    /// The document's code, e.g. `"D10"`.
    pub code: String,
    pub title: String,
}

/// The stored file a checklist item was received as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attachment<'a> {
    /// The SHA-256 of a file already stored with [`Tx::put_file`].
    pub sha256: &'a str,
    /// The name the file had when it was attached.
    pub name: &'a str,
}

impl Store {
    pub fn checklist(&self, review: ReviewId) -> Result<Vec<ChecklistRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.code, c.title, c.invitee_id, c.requested_on, c.due_on, c.received_on, c.chased_on,
                    c.file_sha256, c.file_name, f.file_type, f.size, c.views_text, f.scan_verdict, f.scan_detail,
                    f.scan_active
             FROM checklist_item c LEFT JOIN stored_file f ON f.sha256 = c.file_sha256
             WHERE c.review_id = ?1 ORDER BY c.position, c.id",
        )?;
        type Raw = (
            i64,
            String,
            String,
            Option<i64>,
            [Option<String>; 4],
            (Option<String>, Option<String>, Option<String>, Option<i64>),
            Option<String>,
            (Option<String>, Option<String>, Option<String>),
        );
        let rows: Vec<Raw> = stmt
            .query_map([review.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?),
                    r.get(12)?,
                    (r.get(13)?, r.get(14)?, r.get(15)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(
                    id,
                    code,
                    title,
                    invitee_id,
                    [requested, due, received, chased],
                    file,
                    views_text,
                    scan,
                )| {
                    let d = |v: Option<String>, what| v.map(|s| date(&s, what, id)).transpose();
                    Ok(ChecklistRow {
                        id,
                        code,
                        title,
                        invitee_id,
                        requested_on: d(requested, "requested date")?,
                        due_on: d(due, "due date")?,
                        received_on: d(received, "received date")?,
                        chased_on: d(chased, "chased date")?,
                        file: match file {
                            (Some(sha256), Some(name), Some(file_type), Some(size)) => {
                                let scan = match scan {
                                    (Some(verdict), detail, active) => {
                                        Some(FileScan { verdict, detail: detail.unwrap_or_default(), active })
                                    }
                                    _ => None,
                                };
                                Some(FileRef { sha256, name, file_type, size, scan })
                            }
                            _ => None,
                        },
                        views_text,
                    })
                },
            )
            .collect()
    }
}

impl Tx<'_> {
    /// Adds checklist rows (the expected documents) to `review`.
    pub fn add_checklist_items(
        &mut self,
        review: ReviewId,
        items: &[NewChecklistItem],
    ) -> Result<(), StoreError> {
        let start: i64 = self.tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM checklist_item WHERE review_id = ?1",
            [review.0],
            |r| r.get(0),
        )?;
        for (n, NewChecklistItem { code, title, invitee_id, due_on }) in items.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO checklist_item (review_id, position, code, title, invitee_id, due_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    review.0,
                    start + i64::try_from(n).unwrap_or(0),
                    code,
                    title,
                    invitee_id,
                    due_on.map(iso)
                ],
            )?;
        }
        self.touch("review", review.0);
        Ok(())
    }

    /// Adds one document to `review`'s checklist, asked for on `requested_on`, and returns its
    /// id.
    pub fn add_checklist_document(
        &mut self,
        review: ReviewId,
        item: &NewChecklistItem,
        requested_on: Option<NaiveDate>,
    ) -> Result<i64, StoreError> {
        self.add_checklist_items(review, std::slice::from_ref(item))?;
        let id = self.tx.last_insert_rowid();
        self.tx.execute(
            "UPDATE checklist_item SET requested_on = ?2 WHERE id = ?1",
            params![id, requested_on.map(iso)],
        )?;
        self.touch("checklist_item", id);
        Ok(id)
    }

    /// Takes item `item` off `review`'s checklist, if nothing has been received for it: an item
    /// of another review, or one with a file or views, is `NotFound` and nothing changes.
    pub fn remove_checklist_item(&mut self, review: ReviewId, item: i64) -> Result<(), StoreError> {
        let removed = self.tx.execute(
            "DELETE FROM checklist_item
             WHERE id = ?1 AND review_id = ?2 AND received_on IS NULL AND file_sha256 IS NULL
                   AND views_text IS NULL",
            params![item, review.0],
        )?;
        if removed == 0 {
            return Err(StoreError::NotFound { what: "checklist item", id: item });
        }
        self.touch("checklist_item", item);
        Ok(())
    }

    /// A review's checklist items (id, document code, title), as this transaction sees them.
    pub fn checklist_codes(&self, review: ReviewId) -> Result<Vec<ChecklistCode>, StoreError> {
        let mut stmt = self.tx.prepare(
            "SELECT id, code, title FROM checklist_item WHERE review_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok(ChecklistCode { id: r.get(0)?, code: r.get(1)?, title: r.get(2)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Marks a checklist item received, with the stored file (or the views typed in).
    pub fn mark_received(
        &mut self,
        item: i64,
        on: NaiveDate,
        file: Option<Attachment<'_>>,
        views_text: Option<&str>,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE checklist_item SET received_on = ?2, file_sha256 = ?3, file_name = ?4,
                 views_text = coalesce(?5, views_text)
             WHERE id = ?1",
            params![item, iso(on), file.map(|f| f.sha256), file.map(|f| f.name), views_text],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "checklist item", id: item });
        }
        self.touch("checklist_item", item);
        Ok(())
    }

    pub fn mark_chased(&mut self, item: i64, on: NaiveDate) -> Result<(), StoreError> {
        self.tx.execute("UPDATE checklist_item SET chased_on = ?2 WHERE id = ?1", params![item, iso(on)])?;
        self.touch("checklist_item", item);
        Ok(())
    }
}
