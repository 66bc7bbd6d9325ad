//! Writes. Every write happens inside a [`Tx`], which [`crate::Store::write`] commits together
//! with one audit row.

use ardesk_domain::calendar::SchoolCalendar;
use ardesk_domain::child::ChildRecord;
use ardesk_domain::dates::iso;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::people::{ParentCarer, Professional};
use ardesk_domain::plan::SectionId;
use ardesk_domain::review::Review;
use ardesk_domain::school::School;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, named_params, params};

use crate::{Action, StoreError};

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
            "INSERT INTO school (id, name, address, urn, logo) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET name = ?1, address = ?2, urn = ?3, logo = ?4",
            params![school.name, school.address, school.urn, school.logo],
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
        _ => StoreError::Sqlite(e),
    }
}
