//! The transition plan (issue 20 item 4): from Year 9 and in a phase-transfer year, the
//! receiving setting as a contact — invited by name when the review's invitees are suggested —
//! and the transition actions, ticked off as they are done.

use ardesk_domain::dates::{long, parse_user_date};
use ardesk_domain::ids::ChildId;
use ardesk_domain::ncy::nc_year;
use ardesk_domain::paperwork::transfer_year;
use ardesk_domain::transition::{
    ReceivingSetting, TransitionAction, applies, check_action, check_setting, why,
};
use ardesk_dto::{ReceivingSettingForm, TransitionActionDto, TransitionActionForm, TransitionDto};
use ardesk_store::Action;

use crate::{App, AppError};

impl App {
    /// The child's transition plan, and whether their reviews must plan one now.
    pub fn transition(&self, child: i64) -> Result<TransitionDto, AppError> {
        let review = self.current_review(child)?;
        let ctx = self.review_ctx(review)?;
        let today = self.clock.today();
        let at = ctx.this.meeting.as_ref().map_or(today, |m| m.date);
        let ncy = nc_year(ctx.child.record.dob, ctx.child.record.ncy_offset, at);
        let transfer = transfer_year(ctx.timeline.as_ref(), ncy);
        let id = ChildId(child);
        let setting = self.store.receiving_setting(id)?.unwrap_or_default();
        Ok(TransitionDto {
            child_id: child,
            applies: applies(ncy, transfer),
            why: why(ncy, transfer).map(str::to_owned),
            setting: ReceivingSettingForm {
                setting: setting.setting,
                contact: setting.contact,
                email: setting.email.unwrap_or_default(),
                phone: setting.phone.unwrap_or_default(),
            },
            actions: self
                .store
                .transition_actions(id)?
                .into_iter()
                .map(|(id, a)| TransitionActionDto {
                    id,
                    overdue: a.overdue(today),
                    action: a.action,
                    owner: a.owner,
                    due: a.due.map(long),
                    done: a.done.map(long),
                })
                .collect(),
        })
    }

    /// Records the receiving setting; the next invitee list suggested invites it by name.
    pub fn save_receiving_setting(
        &mut self,
        child: i64,
        form: &ReceivingSettingForm,
    ) -> Result<TransitionDto, AppError> {
        let review = self.current_review(child)?;
        let _ = self.review_ctx_to_change(review)?;
        let typed = ReceivingSetting {
            setting: form.setting.clone(),
            contact: form.contact.clone(),
            email: Some(form.email.clone()),
            phone: Some(form.phone.clone()),
        };
        let setting = check_setting(&typed)?;
        let action = Action { actor: &self.actor, name: "transition.setting", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_receiving_setting(ChildId(child), &setting))?;
        self.transition(child)
    }

    /// Adds a transition action.
    pub fn add_transition_action(
        &mut self,
        child: i64,
        form: &TransitionActionForm,
    ) -> Result<TransitionDto, AppError> {
        let review = self.current_review(child)?;
        let _ = self.review_ctx_to_change(review)?;
        let mut problems = check_action(&form.action, &form.owner);
        let due = match form.due.trim() {
            "" => None,
            typed => match parse_user_date("transition_due", "The day it is due", typed) {
                Ok(d) => Some(d),
                Err(p) => {
                    problems.push(p);
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let a = TransitionAction {
            action: form.action.trim().to_owned(),
            owner: form.owner.trim().to_owned(),
            due,
            done: None,
        };
        let action = Action { actor: &self.actor, name: "transition.action", at: self.clock.now() };
        self.store.write(action, |tx| tx.insert_transition_action(ChildId(child), &a).map(drop))?;
        self.transition(child)
    }

    /// Marks a transition action done today, or not done.
    pub fn set_transition_action_done(
        &mut self,
        child: i64,
        id: i64,
        done: bool,
    ) -> Result<TransitionDto, AppError> {
        let review = self.current_review(child)?;
        let _ = self.review_ctx_to_change(review)?;
        let on = done.then(|| self.clock.today());
        let action = Action { actor: &self.actor, name: "transition.action_done", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_transition_action_done(ChildId(child), id, on))?;
        self.transition(child)
    }
}
