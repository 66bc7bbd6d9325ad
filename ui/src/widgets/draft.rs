//! An add-or-edit form over a list (invitees, parents, professionals): what was typed is kept
//! until Cancel or a save that succeeds. Pressing "Add" or "Edit" again throws nothing away, and
//! a new entry typed before an edit comes back with the next "Add".

use leptos::prelude::*;

use super::{Opening, Outcome};

#[derive(Debug)]
pub(crate) struct Draft<F: Send + Sync + 'static> {
    pub(crate) form: RwSignal<F>,
    pub(crate) open: RwSignal<bool>,
    /// The row being edited; `None` while adding.
    pub(crate) editing: RwSignal<Option<i64>>,
    /// The new entry typed so far, kept while the form edits another row.
    adding: RwSignal<Option<F>>,
    pub(crate) opening: Opening,
    pub(crate) outcome: Outcome,
    /// A new entry's form.
    blank: fn() -> F,
}

impl<F: Send + Sync + 'static> Clone for Draft<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for Draft<F> {}

impl<F: Clone + Send + Sync + 'static> Draft<F> {
    /// A closed form; `blank` makes a new entry's form.
    pub(crate) fn new(blank: fn() -> F) -> Self {
        Draft {
            form: RwSignal::new(blank()),
            open: RwSignal::new(false),
            editing: RwSignal::new(None),
            adding: RwSignal::new(None),
            opening: Opening::new(),
            outcome: Outcome::new(),
            blank,
        }
    }

    /// "Add": opens the form on the new entry typed so far (or a blank one).
    pub(crate) fn add(self) {
        if self.editing.get_untracked().is_some() || !self.open.get_untracked() {
            let typed = self.adding.try_update(Option::take).flatten();
            self.form.set(typed.unwrap_or_else(self.blank));
            self.editing.set(None);
        }
        self.open.set(true);
        self.opening.open();
    }

    /// "Edit": opens the form on row `id`'s details (or on the changes typed to them so far).
    pub(crate) fn edit(self, id: i64, form: F) {
        if self.editing.get_untracked() != Some(id) || !self.open.get_untracked() {
            if self.open.get_untracked() && self.editing.get_untracked().is_none() {
                self.adding.set(Some(self.form.get_untracked()));
            }
            self.form.set(form);
            self.editing.set(Some(id));
        }
        self.open.set(true);
        self.opening.open();
    }

    /// Closes the form, forgetting what it held (a new entry typed before an edit comes back
    /// with the next "Add").
    pub(crate) fn close(self) {
        self.open.set(false);
        self.editing.set(None);
        self.form.set((self.blank)());
        self.outcome.clear();
    }
}
