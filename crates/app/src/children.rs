//! The children on the caseload: listing, adding, editing and removing them.

use ardesk_domain::child;
use ardesk_domain::ids::ChildId;
use ardesk_domain::review::Review;
use ardesk_dto::{ChildDetail, ChildForm, ChildSummary, ErrorCode, Saved};
use ardesk_store::Action;

use crate::{App, AppError, convert};

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
        detail.ceased_from = self.ceased_from(stored.id)?.map(ardesk_domain::dates::long);
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
        self.refuse_if_ceased(ChildId(id))?;
        let record = child::validate(&convert::input(form), &self.cal.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_child(ChildId(id), &record))?;
        Ok(Saved { id })
    }

    /// Deletes the child and everything recorded about them.
    pub fn delete_child(&mut self, id: i64) -> Result<(), AppError> {
        let action = Action { actor: &self.actor, name: "child.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_child(ChildId(id)))?;
        Ok(())
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
