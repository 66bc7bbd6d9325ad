//! Leavers and retention (issue 17): a child marked as left goes off the caseload and their
//! record is kept read-only; the school's retention rule gives the day each record is due to be
//! erased, and nothing is erased until the SENCO confirms the list.

use ardesk_domain::child::ChildRecord;
use ardesk_domain::dates::long;
use ardesk_domain::ids::ChildId;
use ardesk_domain::leaving::{self, Leaving, Retention};
use ardesk_dto::{ChildDetail, Erased, ErrorCode, Leaver, Leavers, LeavingForm, LeftSchool, RetentionForm};
use ardesk_store::Action;

use crate::{App, AppError, convert};

impl App {
    /// Marks the child as having left the school: off the caseload, their record read-only.
    pub fn mark_left(&mut self, id: i64, form: LeavingForm) -> Result<ChildDetail, AppError> {
        let child = self.store.child(ChildId(id))?;
        if let Some(left) = &child.left {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("This child is already marked as having left on {}.", long(left.on)),
            ));
        }
        let leaving = leaving::check(&form.on, &form.destination, child.record.dob, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.leave", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_left(ChildId(id), Some(&leaving)))?;
        self.child(id)
    }

    /// Puts a child marked as left back on roll (marked by mistake, or back at the school).
    pub fn back_on_roll(&mut self, id: i64) -> Result<ChildDetail, AppError> {
        if self.store.child(ChildId(id))?.left.is_none() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "This child is on roll: they are not marked as left.",
            ));
        }
        let action = Action { actor: &self.actor, name: "child.back_on_roll", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_left(ChildId(id), None))?;
        self.child(id)
    }

    /// Every leaver with the day their record is due to be erased: those due first (the
    /// longest due at the top), then the rest by the day they left, the latest first.
    pub fn leavers(&self) -> Result<Leavers, AppError> {
        let rule = self.store.retention()?;
        let today = self.clock.today();
        let mut rows: Vec<_> = self
            .store
            .children()?
            .into_iter()
            .filter_map(|row| {
                let left = row.left?;
                let erase_on = rule.map(|r| r.erase_on(row.record.dob, left.on));
                Some((erase_on, left.on, row.id, row.record, left.destination))
            })
            .collect();
        let due = |erase_on: Option<chrono::NaiveDate>| erase_on.is_some_and(|d| d <= today);
        rows.sort_by(|a, b| {
            due(b.0).cmp(&due(a.0)).then_with(|| if due(a.0) { a.0.cmp(&b.0) } else { b.1.cmp(&a.1) })
        });
        Ok(Leavers {
            rule: rule.map(|r| r.describe()),
            leavers: rows
                .into_iter()
                .map(|(erase_on, left_on, id, record, destination)| Leaver {
                    child_id: id.0,
                    name: record.display_name(),
                    left_on: long(left_on),
                    destination,
                    erase_on: erase_on.map(long),
                    due: due(erase_on),
                })
                .collect(),
        })
    }

    /// Erases the leavers `ids`, each of whose record is due under the school's rule, in one
    /// transaction; then as [`App::delete_child`]. One that is not due refuses the whole list.
    pub fn erase_leavers(&mut self, ids: Vec<i64>) -> Result<Erased, AppError> {
        if ids.is_empty() {
            return Err(AppError::new(ErrorCode::Validation, "Choose the records to erase."));
        }
        let listed = self.leavers()?.leavers;
        for id in &ids {
            match listed.iter().find(|l| l.child_id == *id) {
                Some(l) if l.due => {}
                Some(l) => {
                    return Err(AppError::new(
                        ErrorCode::Conflict,
                        format!("{}'s record is not due to be erased yet: nothing was erased.", l.name),
                    ));
                }
                None => {
                    return Err(AppError::new(
                        ErrorCode::Conflict,
                        format!("Record {id} is not a leaver's: nothing was erased."),
                    ));
                }
            }
        }
        let action = Action { actor: &self.actor, name: "leavers.erase", at: self.clock.now() };
        self.store.write(action, |tx| {
            for id in &ids {
                tx.delete_child(ChildId(*id))?;
            }
            tx.touch_none();
            Ok(())
        })?;
        let note = self.after_erasure();
        Ok(Erased { note: format!("{} {note}", erased_count(ids.len())) })
    }

    /// The school's retention rule, as Settings shows it (empty until set).
    pub fn retention(&self) -> Result<RetentionForm, AppError> {
        Ok(self.store.retention()?.map(convert::retention_form).unwrap_or_default())
    }

    pub fn set_retention(&mut self, form: RetentionForm) -> Result<RetentionForm, AppError> {
        let basis = form.basis.map(|b| b.code()).unwrap_or_default();
        let rule = leaving::check_retention(basis, &form.years)?;
        let action = Action { actor: &self.actor, name: "settings.retention", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_retention(&rule))?;
        self.retention()
    }

    /// A leaver as their page shows it.
    pub(crate) fn left_school(&self, record: &ChildRecord, left: &Leaving) -> Result<LeftSchool, AppError> {
        let rule: Option<Retention> = self.store.retention()?;
        Ok(LeftSchool {
            on: long(left.on),
            destination: left.destination.clone(),
            erase_on: rule.map(|r| long(r.erase_on(record.dob, left.on))),
        })
    }
}

fn erased_count(n: usize) -> String {
    match n {
        1 => "1 leaver's record erased.".to_owned(),
        n => format!("{n} leavers' records erased."),
    }
}
