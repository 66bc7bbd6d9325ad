//! The `invitee` table: who is invited to a review's meeting, in the order they are listed,
//! whether they were invited and how they attended.

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ReviewId;
use ardesk_domain::invitees::{Invitee, InviteeKind};
use ardesk_domain::people::{ContactMethod, Restriction, SendMethod};
use ardesk_domain::review::Attendance;
use chrono::NaiveDate;
use rusqlite::params;

use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// An invitee as stored, with what has happened since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvitee {
    pub id: i64,
    pub invitee: Invitee,
    pub invited_on: Option<NaiveDate>,
    /// How the invitation went (`None` before schema v23, or not recorded).
    pub sent_by: Option<SendMethod>,
    pub attendance: Attendance,
}

impl Store {
    pub fn invitees(&self, review: ReviewId) -> Result<Vec<StoredInvitee>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, role, organisation, email, phone, address, preferred_contact,
                    advice_requested, statutory, reason, invited_on, attendance, restriction, sent_by
             FROM invitee WHERE review_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    Invitee {
                        kind: InviteeKind::Parent,
                        name: r.get(2)?,
                        role: r.get(3)?,
                        organisation: r.get(4)?,
                        email: r.get(5)?,
                        phone: r.get(6)?,
                        address: r.get(7)?,
                        preferred_contact: ContactMethod::Email,
                        advice_requested: r.get(9)?,
                        statutory: r.get(10)?,
                        reason: r.get(11)?,
                        restriction: None,
                    },
                    r.get::<_, String>(8)?,
                    r.get::<_, Option<String>>(12)?,
                    r.get::<_, String>(13)?,
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, kind, mut invitee, contact, invited, attendance, restriction, sent_by)| {
                invitee.restriction = restriction
                    .map(|r| Restriction::from_code(&r).ok_or_else(|| corrupt("contact restriction", id)))
                    .transpose()?;
                invitee.kind = InviteeKind::from_code(&kind).ok_or_else(|| corrupt("invitee kind", id))?;
                invitee.preferred_contact =
                    ContactMethod::from_code(&contact).ok_or_else(|| corrupt("contact method", id))?;
                Ok(StoredInvitee {
                    id,
                    invitee,
                    invited_on: invited.map(|d| date(&d, "invitation date", id)).transpose()?,
                    sent_by: sent_by
                        .map(|m| SendMethod::from_code(&m).ok_or_else(|| corrupt("invitation's way", id)))
                        .transpose()?,
                    attendance: Attendance::from_code(&attendance)
                        .ok_or_else(|| corrupt("attendance", id))?,
                })
            })
            .collect()
    }
}

impl Tx<'_> {
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
                                  preferred_contact, advice_requested, statutory, reason, restriction)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
                i.reason,
                i.restriction.map(Restriction::code)
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

    /// Records how and when one invitation went, in place of what was recorded; `None` takes it
    /// back (not sent yet).
    pub fn set_invitation_sent(
        &mut self,
        review: ReviewId,
        invitee: i64,
        sent: Option<(NaiveDate, SendMethod)>,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE invitee SET invited_on = ?3, sent_by = ?4 WHERE review_id = ?1 AND id = ?2",
            params![review.0, invitee, sent.map(|(on, _)| iso(on)), sent.map(|(_, way)| way.code())],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "invitee", id: invitee });
        }
        self.touch("invitee", invitee);
        Ok(())
    }

    /// Records that invitations went on `on` to every invitee of `review` not yet marked as
    /// invited, each the way `ways` gives for it (by invitee id).
    pub fn mark_invited(
        &mut self,
        review: ReviewId,
        on: NaiveDate,
        ways: &[(i64, SendMethod)],
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        for (id, way) in ways {
            n += self.tx.execute(
                "UPDATE invitee SET invited_on = ?3, sent_by = ?4
                 WHERE review_id = ?1 AND id = ?2 AND invited_on IS NULL",
                params![review.0, id, iso(on), way.code()],
            )?;
        }
        self.tx.execute(
            "UPDATE checklist_item SET requested_on = ?2 WHERE review_id = ?1 AND requested_on IS NULL",
            params![review.0, iso(on)],
        )?;
        self.touch("review", review.0);
        Ok(n)
    }
}
