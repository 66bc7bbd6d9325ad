//! The people around a child: parents and carers, and professionals. Each change answers with
//! the child's page, so the window shows the record as saved.

use ardesk_domain::ids::ChildId;
use ardesk_domain::people::{validate_parent, validate_professional};
use ardesk_dto::{ChildDetail, ParentForm, ProfessionalForm};
use ardesk_store::Action;

use crate::{App, AppError, convert};

impl App {
    /// Validates the form and adds a parent or carer to the child's record.
    pub fn add_parent(&mut self, child: i64, form: ParentForm) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let parent = validate_parent(&convert::parent_input(form))?;
        let action = Action { actor: &self.actor, name: "parent.add", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.child_exists(ChildId(child))?;
            tx.add_parent(ChildId(child), &parent)
        })?;
        self.child(child)
    }

    pub fn update_parent(&mut self, child: i64, id: i64, form: ParentForm) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let parent = validate_parent(&convert::parent_input(form))?;
        let action = Action { actor: &self.actor, name: "parent.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_parent(ChildId(child), id, &parent))?;
        self.child(child)
    }

    pub fn delete_parent(&mut self, child: i64, id: i64) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let action = Action { actor: &self.actor, name: "parent.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_parent(ChildId(child), id))?;
        self.child(child)
    }

    /// Validates the form and adds a professional to the child's record.
    pub fn add_professional(&mut self, child: i64, form: ProfessionalForm) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let professional = validate_professional(&convert::professional_input(form))?;
        let action = Action { actor: &self.actor, name: "professional.add", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.child_exists(ChildId(child))?;
            tx.add_professional(ChildId(child), &professional)
        })?;
        self.child(child)
    }

    pub fn update_professional(
        &mut self,
        child: i64,
        id: i64,
        form: ProfessionalForm,
    ) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let professional = validate_professional(&convert::professional_input(form))?;
        let action = Action { actor: &self.actor, name: "professional.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_professional(ChildId(child), id, &professional))?;
        self.child(child)
    }

    pub fn delete_professional(&mut self, child: i64, id: i64) -> Result<ChildDetail, AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let action = Action { actor: &self.actor, name: "professional.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_professional(ChildId(child), id))?;
        self.child(child)
    }
}
