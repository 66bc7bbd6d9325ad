//! Writes. Every write happens inside a [`Tx`], which [`crate::Store::write`] commits together
//! with one audit row.

use ardesk_domain::calendar::SchoolCalendar;
use ardesk_domain::child::ChildRecord;
use ardesk_domain::dates::iso;
use ardesk_domain::follow_up::{ActionStatus, Decision};
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::invitees::Invitee;
use ardesk_domain::people::{ParentCarer, Professional};
use ardesk_domain::plan::SectionId;
use ardesk_domain::review::{Attendance, Meeting, Review, ReviewStage};
use ardesk_domain::school::School;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, named_params, params};

use crate::{Action, StoreError};

/// An amendment as the store writes it.
#[derive(Debug, Clone, Copy)]
pub struct AmendmentRow<'a> {
    pub section: SectionId,
    pub current: &'a str,
    pub proposed: &'a str,
    pub reason: &'a str,
    pub agreed: bool,
    pub disagreement: &'a str,
    /// (checklist item id, page or paragraph).
    pub evidence: &'a [(i64, String)],
}

/// One open transaction. The record it last touched is named in the audit row.
#[derive(Debug)]
pub struct Tx<'c> {
    tx: Transaction<'c>,
    touched: Option<(&'static str, i64)>,
}

impl<'c> Tx<'c> {
    pub(crate) fn begin(conn: &'c mut Connection) -> Result<Tx<'c>, StoreError> {
        Ok(Tx { tx: conn.transaction()?, touched: None })
    }

    pub(crate) fn commit(self, action: Action<'_>) -> Result<(), StoreError> {
        let (record_type, record_id) = self.touched.unzip();
        self.tx.execute(
            "INSERT INTO audit (at, os_user, action, record_type, record_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![action.at.to_rfc3339(), action.actor, action.name, record_type, record_id],
        )?;
        self.tx.commit()?;
        Ok(())
    }

    fn touch(&mut self, record_type: &'static str, id: i64) {
        self.touched = Some((record_type, id));
    }

    pub fn set_school(&mut self, school: &School) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO school (id, name, address, urn, logo, senco_name, senco_role, phone, email)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET name = ?1, address = ?2, urn = ?3, logo = ?4,
                 senco_name = ?5, senco_role = ?6, phone = ?7, email = ?8",
            params![
                school.name,
                school.address,
                school.urn,
                school.logo,
                school.senco_name,
                school.senco_role,
                school.phone,
                school.email
            ],
        )?;
        self.touch("school", 1);
        Ok(())
    }

    pub fn insert_child(&mut self, child: &ChildRecord) -> Result<ChildId, StoreError> {
        // A NULL id lets SQLite assign the next rowid.
        exec_child(
            &self.tx,
            "INSERT INTO child (id, legal_forenames, legal_surname, preferred_name, dob, upn,
                                ncy_offset, looked_after, la_id, la_ref, transfer_ncy, post16_move)
             VALUES (:id, :forenames, :surname, :preferred, :dob, :upn, :offset, :lac, :la, :la_ref,
                     :transfer_ncy, :post16_move)",
            None,
            child,
        )?;
        let id = self.tx.last_insert_rowid();
        self.tx.execute(
            "INSERT INTO ehc_plan (child_id, issue_date) VALUES (?1, ?2)",
            params![id, iso(child.plan_issue_date)],
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
                    transfer_ncy = :transfer_ncy, post16_move = :post16_move
             WHERE id = :id",
            Some(id.0),
            child,
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "child", id: id.0 });
        }
        self.tx.execute(
            "UPDATE ehc_plan SET issue_date = ?2 WHERE child_id = ?1",
            params![id.0, iso(child.plan_issue_date)],
        )?;
        self.touch("child", id.0);
        Ok(())
    }

    /// Deletes a child and everything recorded about them.
    pub fn delete_child(&mut self, id: ChildId) -> Result<(), StoreError> {
        let changed = self.tx.execute("DELETE FROM child WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "child", id: id.0 });
        }
        self.touch("child", id.0);
        Ok(())
    }

    pub fn set_last_review_decision(
        &mut self,
        id: ChildId,
        date: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE ehc_plan SET last_review_decision = ?2 WHERE child_id = ?1",
            params![id.0, date.map(iso)],
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

    pub fn add_parent(&mut self, id: ChildId, p: &ParentCarer) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO parent_carer (child_id, name, relationship, parental_responsibility,
                                       phone, email, address, preferred_contact)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.0,
                p.name,
                p.relationship,
                p.parental_responsibility,
                p.phone,
                p.email,
                p.address,
                p.preferred_contact.code()
            ],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("parent_carer", row);
        Ok(row)
    }

    pub fn add_professional(&mut self, id: ChildId, p: &Professional) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO professional (child_id, name, role, organisation, email, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id.0, p.name, p.role, p.organisation, p.email, p.phone],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("professional", row);
        Ok(row)
    }

    pub fn insert_review(&mut self, id: ChildId, review: &Review) -> Result<ReviewId, StoreError> {
        let meeting = review.meeting.as_ref();
        self.tx.execute(
            "INSERT INTO review (child_id, meeting_date, meeting_start, venue, stage)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                meeting.map(|m| iso(m.date)),
                meeting.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
                meeting.map(|m| m.venue.as_str()).unwrap_or(""),
                review.stage.code()
            ],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("review", row);
        Ok(ReviewId(row))
    }

    /// Replaces the school's term dates and closure days.
    pub fn set_school_calendar(&mut self, calendar: &SchoolCalendar) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM school_term", [])?;
        self.tx.execute("DELETE FROM school_closure", [])?;
        for (starts, ends) in calendar.terms() {
            self.tx.execute(
                "INSERT INTO school_term (starts, ends) VALUES (?1, ?2)",
                params![iso(*starts), iso(*ends)],
            )?;
        }
        for day in calendar.closures() {
            self.tx.execute("INSERT OR IGNORE INTO school_closure (day) VALUES (?1)", [iso(day)])?;
        }
        self.touched = None;
        Ok(())
    }

    /// Adds imported bank holidays; returns how many were new.
    pub fn add_bank_holidays(
        &mut self,
        days: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<usize, StoreError> {
        let mut added = 0;
        for day in days {
            added += self.tx.execute("INSERT OR IGNORE INTO bank_holiday (day) VALUES (?1)", [iso(day)])?;
        }
        self.touched = None;
        Ok(added)
    }

    /// Saves the school's own version of an LA profile (already validated by the caller).
    pub fn set_custom_profile(&mut self, id: &str, json: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO la_profile (id, json) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET json = ?2",
            params![id, json],
        )?;
        self.touched = None;
        Ok(())
    }

    /// Goes back to the shipped profile for `id`.
    pub fn delete_custom_profile(&mut self, id: &str) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM la_profile WHERE id = ?1", [id])?;
        self.touched = None;
        Ok(())
    }

    /// Replaces the review's invitee list (and so its checklist, which refers to invitees).
    pub fn replace_invitees(
        &mut self,
        review: ReviewId,
        invitees: &[Invitee],
    ) -> Result<Vec<i64>, StoreError> {
        self.tx.execute("DELETE FROM checklist_item WHERE review_id = ?1", [review.0])?;
        self.tx.execute("DELETE FROM invitee WHERE review_id = ?1", [review.0])?;
        let mut ids = Vec::with_capacity(invitees.len());
        for (position, i) in invitees.iter().enumerate() {
            ids.push(self.insert_invitee(review, position, i)?);
        }
        self.touch("review", review.0);
        Ok(ids)
    }

    fn insert_invitee(&mut self, review: ReviewId, position: usize, i: &Invitee) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO invitee (review_id, position, kind, name, role, organisation, email, phone, address,
                                  preferred_contact, advice_requested, statutory, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                review.0,
                i64::try_from(position).unwrap_or(i64::MAX),
                i.kind.code(),
                i.name,
                i.role,
                i.organisation,
                i.email,
                i.phone,
                i.address,
                i.preferred_contact.code(),
                i.advice_requested,
                i.statutory,
                i.reason
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds one invitee at the end of the list.
    pub fn add_invitee(&mut self, review: ReviewId, i: &Invitee) -> Result<i64, StoreError> {
        let position: i64 = self.tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM invitee WHERE review_id = ?1",
            [review.0],
            |r| r.get(0),
        )?;
        let id = self.insert_invitee(review, usize::try_from(position).unwrap_or(0), i)?;
        self.touch("invitee", id);
        Ok(id)
    }

    pub fn update_invitee(&mut self, id: i64, i: &Invitee, attendance: Attendance) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE invitee SET kind = ?2, name = ?3, role = ?4, organisation = ?5, email = ?6, phone = ?7,
                 address = ?8, preferred_contact = ?9, advice_requested = ?10, attendance = ?11
             WHERE id = ?1",
            params![
                id,
                i.kind.code(),
                i.name,
                i.role,
                i.organisation,
                i.email,
                i.phone,
                i.address,
                i.preferred_contact.code(),
                i.advice_requested,
                attendance.code()
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "invitee", id });
        }
        self.touch("invitee", id);
        Ok(())
    }

    pub fn delete_invitee(&mut self, id: i64) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM checklist_item WHERE invitee_id = ?1 AND file_sha256 IS NULL", [id])?;
        if self.tx.execute("DELETE FROM invitee WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NotFound { what: "invitee", id });
        }
        self.touch("invitee", id);
        Ok(())
    }

    /// Records that invitations went to every invitee of `review` not yet marked as invited.
    pub fn mark_invited(&mut self, review: ReviewId, on: NaiveDate) -> Result<usize, StoreError> {
        let n = self.tx.execute(
            "UPDATE invitee SET invited_on = ?2 WHERE review_id = ?1 AND invited_on IS NULL",
            params![review.0, iso(on)],
        )?;
        self.tx.execute(
            "UPDATE checklist_item SET requested_on = ?2 WHERE review_id = ?1 AND requested_on IS NULL",
            params![review.0, iso(on)],
        )?;
        self.touch("review", review.0);
        Ok(n)
    }

    /// Adds checklist rows (the expected documents) to `review`.
    pub fn add_checklist_items(
        &mut self,
        review: ReviewId,
        items: &[(String, String, Option<i64>, Option<NaiveDate>)],
    ) -> Result<(), StoreError> {
        let start: i64 = self.tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM checklist_item WHERE review_id = ?1",
            [review.0],
            |r| r.get(0),
        )?;
        for (n, (code, title, invitee, due)) in items.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO checklist_item (review_id, position, code, title, invitee_id, due_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![review.0, start + i64::try_from(n).unwrap_or(0), code, title, invitee, due.map(iso)],
            )?;
        }
        self.touch("review", review.0);
        Ok(())
    }

    /// The (id, document code, title) of a review's checklist items, as this transaction sees them.
    pub fn checklist_codes(&self, review: ReviewId) -> Result<Vec<(i64, String, String)>, StoreError> {
        let mut stmt = self.tx.prepare(
            "SELECT id, code, title FROM checklist_item WHERE review_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Records what the password scan said of a stored file.
    pub fn set_file_scan(&mut self, sha256: &str, verdict: &str, detail: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE stored_file SET scan_verdict = ?2, scan_detail = ?3 WHERE sha256 = ?1",
            params![sha256, verdict, detail],
        )?;
        Ok(())
    }

    /// Stores `content` once, by its SHA-256 (the caller computed `sha256` from `content`).
    pub fn put_file(&mut self, sha256: &str, file_type: &str, content: &[u8]) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT OR IGNORE INTO stored_file (sha256, size, file_type, content) VALUES (?1, ?2, ?3, ?4)",
            params![sha256, i64::try_from(content.len()).unwrap_or(i64::MAX), file_type, content],
        )?;
        Ok(())
    }

    /// Marks a checklist item received, with the stored file (or the views typed in).
    pub fn mark_received(
        &mut self,
        item: i64,
        on: NaiveDate,
        file: Option<(&str, &str)>,
        views_text: Option<&str>,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE checklist_item SET received_on = ?2, file_sha256 = ?3, file_name = ?4,
                 views_text = coalesce(?5, views_text)
             WHERE id = ?1",
            params![item, iso(on), file.map(|f| f.0), file.map(|f| f.1), views_text],
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

    /// Records that everything received was circulated to every invitee on `on`.
    pub fn mark_circulated(&mut self, review: ReviewId, on: NaiveDate) -> Result<(), StoreError> {
        self.tx.execute("UPDATE review SET circulated_on = ?2 WHERE id = ?1", params![review.0, iso(on)])?;
        self.touch("review", review.0);
        Ok(())
    }

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

    pub fn set_meeting(
        &mut self,
        review: ReviewId,
        meeting: Option<&Meeting>,
        stage: ReviewStage,
    ) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET meeting_date = ?2, meeting_start = ?3, venue = ?4, stage = ?5 WHERE id = ?1",
            params![
                review.0,
                meeting.map(|m| iso(m.date)),
                meeting.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
                meeting.map(|m| m.venue.as_str()).unwrap_or(""),
                stage.code()
            ],
        )
    }

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
    fn set_evidence(&mut self, amendment: i64, evidence: &[(i64, String)]) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM amendment_evidence WHERE amendment_id = ?1", [amendment])?;
        for (item, locator) in evidence {
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

    /// Records the document a child's plan was imported from (stored with [`Tx::put_file`]).
    pub fn set_plan_source(&mut self, child: ChildId, name: &str, sha256: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE ehc_plan SET source_name = ?2, source_sha256 = ?3 WHERE child_id = ?1",
            params![child.0, name, sha256],
        )?;
        self.touch("child", child.0);
        Ok(())
    }

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

    /// Runs one UPDATE of review `review` (the statement's `?1`); an unknown review is
    /// `NotFound`, and the review is the record the audit row names.
    fn update_review(
        &mut self,
        review: ReviewId,
        sql: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<(), StoreError> {
        if self.tx.execute(sql, values)? == 0 {
            return Err(StoreError::NotFound { what: "review", id: review.0 });
        }
        self.touch("review", review.0);
        Ok(())
    }

    /// Moves a review to `stage` (recording a meeting held, or a record ready to submit).
    pub fn set_stage(&mut self, review: ReviewId, stage: ReviewStage) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET stage = ?2 WHERE id = ?1",
            params![review.0, stage.code()],
        )
    }

    /// Records that the review's paperwork went to the LA on `on`.
    pub fn set_submitted(&mut self, review: ReviewId, on: NaiveDate) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET submitted_on = ?2, stage = 'submitted' WHERE id = ?1",
            params![review.0, iso(on)],
        )
    }

    /// Records the LA's decision letter, which concludes the review.
    pub fn set_decision(
        &mut self,
        review: ReviewId,
        decision: Decision,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        self.update_review(
            review,
            "UPDATE review SET decision = ?2, decided_on = ?3, stage = 'decided' WHERE id = ?1",
            params![review.0, decision.code(), iso(on)],
        )
    }

    /// Records where one agreed action stands.
    pub fn set_follow_up(
        &mut self,
        review: ReviewId,
        row: usize,
        status: ActionStatus,
        note: &str,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        let row = i64::try_from(row).map_err(|_| StoreError::NotFound { what: "action", id: -1 })?;
        self.tx.execute(
            "INSERT INTO action_follow_up (review_id, action_row, status, note, updated_on)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (review_id, action_row) DO UPDATE SET status = ?3, note = ?4, updated_on = ?5",
            params![review.0, row, status.code(), note, iso(on)],
        )?;
        self.touch("review", review.0);
        Ok(())
    }

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

    /// Marks the action as a bulk one touching no single record (e.g. loading the demo).
    pub fn touch_none(&mut self) {
        self.touched = None;
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
