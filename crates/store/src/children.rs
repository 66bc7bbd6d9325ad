//! A child's record: the `child` table, their EHC plan (`ehc_plan`, `plan_section`) and the
//! people around them (`people.rs`). Deleting a child deletes all of it.

use ardesk_domain::child::{ChildRecord, Upn, need_type_codes, parse_need_types};
use ardesk_domain::clock::{ReviewHistory, Transfers};
use ardesk_domain::dates::iso;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::leaving::Leaving;
use ardesk_domain::plan::{EhcPlan, SectionId};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, named_params, params};

use crate::decode::{corrupt, date, name};
use crate::people::{StoredParent, StoredProfessional};
use crate::reviews::{StoredReview, review_of};
use crate::{Store, StoreError, Tx};

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRow {
    pub id: ChildId,
    pub record: ChildRecord,
    /// The current (latest) review, if one has been started.
    pub review: Option<StoredReview>,
    /// When and where they left the school (`None` while on roll).
    pub left: Option<Leaving>,
}

/// A child with everything recorded about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChild {
    pub id: ChildId,
    pub record: ChildRecord,
    pub plan: EhcPlan,
    pub parents: Vec<StoredParent>,
    pub professionals: Vec<StoredProfessional>,
    pub review: Option<StoredReview>,
    /// When and where they left the school (`None` while on roll).
    pub left: Option<Leaving>,
}

impl StoredChild {
    /// The parents and carers, without their row ids (for the domain's rules).
    pub fn parent_list(&self) -> Vec<ardesk_domain::people::ParentCarer> {
        self.parents.iter().map(|p| p.parent.clone()).collect()
    }

    /// The professionals, without their row ids (for the domain's rules).
    pub fn professional_list(&self) -> Vec<ardesk_domain::people::Professional> {
        self.professionals.iter().map(|p| p.professional.clone()).collect()
    }
}

/// The document a child's plan was imported from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSource {
    /// The file's name when it was imported.
    pub name: String,
    /// The SHA-256 of its bytes (the file is stored by it).
    pub sha256: String,
}

const CHILD_COLUMNS: &str = "
    c.id, c.legal_forenames, c.legal_surname, c.preferred_name, c.dob, c.upn, c.ncy_offset,
    c.looked_after, c.la_id, c.la_ref, p.issue_date, p.last_review_decision,
    r.id, r.meeting_date, r.meeting_start, r.venue, r.stage, c.transfer_ncy, c.post16_move, r.circulated_on,
    p.last_review_meeting, c.need_types, c.left_on, c.left_to
    FROM child c
    JOIN ehc_plan p ON p.child_id = c.id
    LEFT JOIN review r ON r.id = (SELECT max(id) FROM review WHERE child_id = c.id)";

/// The raw columns of [`CHILD_COLUMNS`], read without interpretation so that conversion errors
/// can be reported as corruption instead of SQL errors.
struct RawChild {
    id: i64,
    forenames: String,
    surname: String,
    preferred: Option<String>,
    dob: String,
    upn: Option<String>,
    offset: i8,
    looked_after: bool,
    la_id: String,
    la_ref: Option<String>,
    issue_date: Option<String>,
    last_decision: Option<String>,
    review_id: Option<i64>,
    meeting_date: Option<String>,
    meeting_start: Option<String>,
    venue: Option<String>,
    stage: Option<String>,
    transfer_ncy: Option<i32>,
    post16_move: Option<String>,
    circulated_on: Option<String>,
    last_meeting: Option<String>,
    need_types: String,
    left_on: Option<String>,
    left_to: Option<String>,
}

impl RawChild {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawChild> {
        Ok(RawChild {
            id: row.get(0)?,
            forenames: row.get(1)?,
            surname: row.get(2)?,
            preferred: row.get(3)?,
            dob: row.get(4)?,
            upn: row.get(5)?,
            offset: row.get(6)?,
            looked_after: row.get(7)?,
            la_id: row.get(8)?,
            la_ref: row.get(9)?,
            issue_date: row.get(10)?,
            last_decision: row.get(11)?,
            review_id: row.get(12)?,
            meeting_date: row.get(13)?,
            meeting_start: row.get(14)?,
            venue: row.get(15)?,
            stage: row.get(16)?,
            transfer_ncy: row.get(17)?,
            post16_move: row.get(18)?,
            circulated_on: row.get(19)?,
            last_meeting: row.get(20)?,
            need_types: row.get(21)?,
            left_on: row.get(22)?,
            left_to: row.get(23)?,
        })
    }

    fn into_row(self) -> Result<ChildRow, StoreError> {
        let id = self.id;
        let optional_date = |text: Option<String>, what: &str| -> Result<Option<NaiveDate>, StoreError> {
            text.map(|d| date(&d, what, id)).transpose()
        };
        let record = ChildRecord {
            legal_forenames: name(&self.forenames, "legal forenames", id)?,
            legal_surname: name(&self.surname, "legal surname", id)?,
            preferred_name: match self.preferred {
                Some(p) => Some(name(&p, "preferred name", id)?),
                None => None,
            },
            dob: date(&self.dob, "date of birth", id)?,
            upn: match self.upn {
                Some(u) => Some(Upn::parse(&u).map_err(|_| corrupt("UPN", id))?),
                None => None,
            },
            ncy_offset: self.offset,
            looked_after: self.looked_after,
            la_id: self.la_id,
            la_ref: self.la_ref,
            history: ReviewHistory {
                plan_issued: optional_date(self.issue_date, "plan issue date")?,
                last_review_meeting: optional_date(self.last_meeting, "last review meeting")?,
                last_review_decision: optional_date(self.last_decision, "last review decision")?,
            },
            transfers: Transfers {
                extra_transfer_ncy: self.transfer_ncy,
                post16_move: match self.post16_move {
                    Some(d) => Some(date(&d, "post-16 move date", id)?),
                    None => None,
                },
            },
            need_types: parse_need_types(&self.need_types).map_err(|_| corrupt("need types", id))?,
        };
        let review = match (self.review_id, self.stage) {
            (Some(review_id), Some(stage)) => Some(StoredReview {
                id: ReviewId(review_id),
                review: review_of(
                    review_id,
                    [self.meeting_date, self.meeting_start, self.venue, Some(stage), self.circulated_on],
                )?,
            }),
            _ => None,
        };
        let left = match (self.left_on, self.left_to) {
            (Some(on), Some(destination)) => {
                Some(Leaving { on: date(&on, "leaving date", id)?, destination })
            }
            _ => None,
        };
        Ok(ChildRow { id: ChildId(id), record, review, left })
    }
}

impl Store {
    pub fn child_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM child", [], |r| r.get(0))?)
    }

    /// The LA profile ids that at least one child is saved against, in id order.
    pub fn child_la_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT la_id FROM child ORDER BY la_id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// The whole caseload, ordered by surname then forenames.
    pub fn children(&self) -> Result<Vec<ChildRow>, StoreError> {
        let sql = format!(
            "SELECT {CHILD_COLUMNS} ORDER BY c.legal_surname COLLATE NOCASE, c.legal_forenames COLLATE NOCASE, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let raw = stmt.query_map([], RawChild::from_row)?.collect::<Result<Vec<_>, _>>()?;
        raw.into_iter().map(RawChild::into_row).collect()
    }

    /// One child with their plan, people and current review.
    pub fn child(&self, id: ChildId) -> Result<StoredChild, StoreError> {
        let sql = format!("SELECT {CHILD_COLUMNS} WHERE c.id = ?1");
        let raw = self
            .conn
            .query_row(&sql, [id.0], RawChild::from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "child", id: id.0 })?;
        let row = raw.into_row()?;

        let mut stmt = self.conn.prepare("SELECT section, body FROM plan_section WHERE child_id = ?1")?;
        let mut sections = stmt
            .query_map([id.0], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|(code, body)| {
                SectionId::from_code(&code).map(|s| (s, body)).ok_or_else(|| corrupt("plan section", id.0))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sections.sort_by_key(|(s, _)| *s);

        let parents = self.parents(id)?;
        let professionals = self.professionals(id)?;

        let plan = EhcPlan { sections };
        Ok(StoredChild {
            id: row.id,
            record: row.record,
            plan,
            parents,
            professionals,
            review: row.review,
            left: row.left,
        })
    }

    /// The plan document a child's plan was imported from.
    pub fn plan_source(&self, child: ChildId) -> Result<Option<PlanSource>, StoreError> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT source_name, source_sha256 FROM ehc_plan WHERE child_id = ?1",
                [child.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match row {
            Some((Some(name), Some(sha256))) => Some(PlanSource { name, sha256 }),
            _ => None,
        })
    }
}

impl Tx<'_> {
    pub fn insert_child(&mut self, child: &ChildRecord) -> Result<ChildId, StoreError> {
        // A NULL id lets SQLite assign the next rowid.
        exec_child(
            &self.tx,
            "INSERT INTO child (id, legal_forenames, legal_surname, preferred_name, dob, upn,
                                ncy_offset, looked_after, la_id, la_ref, transfer_ncy, post16_move, need_types)
             VALUES (:id, :forenames, :surname, :preferred, :dob, :upn, :offset, :lac, :la, :la_ref,
                     :transfer_ncy, :post16_move, :need_types)",
            None,
            child,
        )?;
        let id = self.tx.last_insert_rowid();
        let h = &child.history;
        self.tx.execute(
            "INSERT INTO ehc_plan (child_id, issue_date, last_review_meeting, last_review_decision)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                id,
                h.plan_issued.map(iso),
                h.last_review_meeting.map(iso),
                h.last_review_decision.map(iso)
            ],
        )?;
        self.touch("child", id);
        Ok(ChildId(id))
    }

    pub fn update_child(&mut self, id: ChildId, child: &ChildRecord) -> Result<(), StoreError> {
        let changed = exec_child(
            &self.tx,
            "UPDATE child SET legal_forenames = :forenames, legal_surname = :surname,
                    preferred_name = :preferred, dob = :dob, upn = :upn, ncy_offset = :offset,
                    looked_after = :lac, la_id = :la, la_ref = :la_ref,
                    transfer_ncy = :transfer_ncy, post16_move = :post16_move, need_types = :need_types
             WHERE id = :id",
            Some(id.0),
            child,
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "child", id: id.0 });
        }
        let h = &child.history;
        self.tx.execute(
            "UPDATE ehc_plan SET issue_date = ?2, last_review_meeting = ?3, last_review_decision = ?4
             WHERE child_id = ?1",
            params![
                id.0,
                h.plan_issued.map(iso),
                h.last_review_meeting.map(iso),
                h.last_review_decision.map(iso)
            ],
        )?;
        self.touch("child", id.0);
        Ok(())
    }

    /// Deletes a child and everything recorded about them: their plan, people, reviews and
    /// everything under them (invitees, checklist, letters log, AR1, actions, amendments, the
    /// LA's returns, overrides) by the schema's cascades, and the files no one else's record
    /// refers to. With `secure_delete` on, the deleted content is overwritten, not left in free
    /// pages; [`crate::Store::reclaim`] then gives the pages back. The audit keeps only ids.
    pub fn delete_child(&mut self, id: ChildId) -> Result<(), StoreError> {
        let changed = self.tx.execute("DELETE FROM child WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "child", id: id.0 });
        }
        self.drop_unreferenced_files()?;
        self.touch("child", id.0);
        Ok(())
    }

    /// Marks the child as having left the school (`Some`), or back on roll (`None`).
    pub fn set_left(&mut self, id: ChildId, left: Option<&Leaving>) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE child SET left_on = ?2, left_to = ?3 WHERE id = ?1",
            params![id.0, left.map(|l| iso(l.on)), left.map(|l| l.destination.as_str())],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "child", id: id.0 });
        }
        self.touch("child", id.0);
        Ok(())
    }

    /// Records the review that has just concluded: its meeting and the LA's decision letter,
    /// which anchor the next review.
    pub fn set_last_review(
        &mut self,
        id: ChildId,
        meeting: Option<NaiveDate>,
        decision: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE ehc_plan SET last_review_meeting = ?2, last_review_decision = ?3 WHERE child_id = ?1",
            params![id.0, meeting.map(iso), decision.map(iso)],
        )?;
        self.touch("child", id.0);
        Ok(())
    }

    pub fn set_section(&mut self, id: ChildId, section: SectionId, body: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO plan_section (child_id, section, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (child_id, section) DO UPDATE SET body = ?3",
            params![id.0, section.code(), body],
        )?;
        self.touch("child", id.0);
        Ok(())
    }

    /// Records the document a child's plan was imported from (stored with [`Tx::put_file`]).
    pub fn set_plan_source(&mut self, child: ChildId, name: &str, sha256: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE ehc_plan SET source_name = ?2, source_sha256 = ?3 WHERE child_id = ?1",
            params![child.0, name, sha256],
        )?;
        self.touch("child", child.0);
        Ok(())
    }
}

/// Runs `sql` (an insert or update of `child`) with the child's fields as named parameters.
fn exec_child(
    tx: &Transaction<'_>,
    sql: &str,
    id: Option<i64>,
    child: &ChildRecord,
) -> Result<usize, StoreError> {
    tx.execute(
        sql,
        named_params! {
            ":id": id,
            ":forenames": child.legal_forenames.as_str(),
            ":surname": child.legal_surname.as_str(),
            ":preferred": child.preferred_name.as_ref().map(|n| n.as_str()),
            ":dob": iso(child.dob),
            ":upn": child.upn.as_ref().map(|u| u.as_str()),
            ":offset": child.ncy_offset,
            ":lac": child.looked_after,
            ":la": child.la_id,
            ":la_ref": child.la_ref,
            ":transfer_ncy": child.transfers.extra_transfer_ncy,
            ":post16_move": child.transfers.post16_move.map(iso),
            ":need_types": need_type_codes(&child.need_types),
        },
    )
    .map_err(duplicate_upn)
}

fn duplicate_upn(e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) if e.to_string().contains("child.upn") => {
            StoreError::Duplicate { what: "child", field: "UPN" }
        }
        _ => StoreError::from(e),
    }
}
