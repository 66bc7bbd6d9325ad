//! The children on the caseload: listing, adding, editing and removing them.

use ardesk_domain::child;
use ardesk_domain::ids::ChildId;
use ardesk_domain::review::Review;
use std::path::Path;

use ardesk_dto::{ChildDetail, ChildForm, ChildSummary, Erased, ErrorCode, Saved};
use ardesk_store::Action;

use crate::{App, AppError, backups, convert};

/// How long reading the same child's record again counts as the same viewing.
pub const VIEW_AUDIT_GAP: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

impl App {
    /// The caseload, ordered by surname.
    pub fn children(&self) -> Result<Vec<ChildSummary>, AppError> {
        let today = self.clock.today();
        Ok(self.store.children()?.iter().map(|row| convert::summary(row, &self.cal.las, today)).collect())
    }

    pub fn child(&self, id: i64) -> Result<ChildDetail, AppError> {
        let stored = self.store.child(ChildId(id))?;
        let mut detail = convert::detail(&stored, &self.cal.las, self.clock.today());
        // The review before the current one, once the LA decided it: an amendment or an appeal
        // may still be running on it.
        let reviews = self.store.reviews_of(stored.id)?;
        detail.previous_review = match reviews.as_slice() {
            [.., previous, _] if previous.decision.is_some() => Some(previous.id.0),
            _ => None,
        };
        detail.ceased_from = self.ceased_from(&stored)?.map(ardesk_domain::dates::long);
        detail.left = match &stored.left {
            Some(left) => Some(self.left_school(&stored.record, left)?),
            None => None,
        };
        Ok(detail)
    }

    /// The child's record as their page opens it: the opening is audited (who, which record,
    /// when), once per child in any [`VIEW_AUDIT_GAP`] of reading it again.
    pub fn view_child(&mut self, id: i64) -> Result<ChildDetail, AppError> {
        let detail = self.child(id)?;
        let now = self.clock.now();
        let again = self.last_viewed.is_some_and(|(last, at)| last == id && now - at < VIEW_AUDIT_GAP);
        if !again {
            let action = Action { actor: &self.actor, name: "child.view", at: now };
            self.store.write(action, |tx| {
                tx.concerns("child", id);
                Ok(())
            })?;
            self.last_viewed = Some((id, now));
        }
        Ok(detail)
    }

    /// Validates the form and adds the child, with a review in planning.
    pub fn create_child(&mut self, form: ChildForm) -> Result<Saved, AppError> {
        let record = child::validate(&convert::input(form), &self.cal.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.create", at: self.clock.now() };
        let id = self.store.write(action, |tx| {
            let id = tx.insert_child(&record)?;
            tx.insert_review(id, &Review::planning())?;
            Ok(id)
        })?;
        Ok(Saved { id: id.0 })
    }

    pub fn update_child(&mut self, id: i64, form: ChildForm) -> Result<Saved, AppError> {
        self.refuse_if_read_only(ChildId(id))?;
        let record = child::validate(&convert::input(form), &self.cal.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_child(ChildId(id), &record))?;
        Ok(Saved { id })
    }

    /// Erases the child: every row about them and the files only they had, in one transaction,
    /// then [`App::after_erasure`]. The note says when the older backups that still hold them
    /// are deleted.
    pub fn delete_child(&mut self, id: i64) -> Result<Erased, AppError> {
        let action = Action { actor: &self.actor, name: "child.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_child(ChildId(id)))?;
        let note = self.after_erasure();
        Ok(Erased { note })
    }

    /// After children are erased: the freed pages given back (see `Store::reclaim`) and today's
    /// backup made again without them. What to tell the user: what is left, and until when.
    pub(crate) fn after_erasure(&mut self) -> String {
        // The deletion is done: what follows can only make it more thorough, so a failure is
        // told, not returned as if nothing had happened.
        let mut note = match self.store.reclaim() {
            Ok(()) => "Their record is erased from the database.".to_owned(),
            Err(e) => format!(
                "Their record is deleted, but the space it took could not be cleared yet ({}); \
                 it will be when another record is erased.",
                AppError::from(e).message
            ),
        };
        if let Some(db) = self.store.path().map(Path::to_path_buf) {
            let today = self.clock.today();
            match backups::after_erasure(&self.store, &db, today) {
                Ok(Some(last)) => note.push_str(&format!(
                    " The backups made before today still hold it: they are deleted {} days \
                     after they were made, the last on {} (when Annual Review Desk is next opened \
                     on or after that day).",
                    backups::KEEP_DAYS,
                    last.format("%d/%m/%Y")
                )),
                Ok(None) => note.push_str(" No backup holds it."),
                Err(e) => note
                    .push_str(&format!(" Today's backup could not be made again without it: {}", e.message)),
            }
            self.backup = Some(backups::daily(&self.store, &db, today).map_err(|e| e.message));
        }
        note
    }

    /// The empty form for a new child, with the default LA chosen.
    pub fn new_child_form(&self) -> ChildForm {
        ChildForm { la_id: ardesk_domain::la::DEFAULT_LA.to_owned(), ..ChildForm::default() }
    }

    /// The review id of the child's current review.
    pub fn current_review(&self, child: i64) -> Result<i64, AppError> {
        self.store
            .child(ChildId(child))?
            .review
            .map(|r| r.id.0)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "This child has no review yet."))
    }
}
