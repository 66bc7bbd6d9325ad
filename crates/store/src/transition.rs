//! The transition plan: `transition_setting` (the receiving setting as a contact, one per
//! child) and `transition_action`.

use ardesk_domain::dates::iso;
use ardesk_domain::ids::ChildId;
use ardesk_domain::transition::{ReceivingSetting, TransitionAction};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::decode::date;
use crate::{Store, StoreError, Tx};

/// A `transition_action` row as read: id, action, owner, due, done.
type ActionRow = (i64, String, String, Option<String>, Option<String>);

impl Store {
    /// The receiving setting recorded for the child, if any.
    pub fn receiving_setting(&self, child: ChildId) -> Result<Option<ReceivingSetting>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT setting, contact, email, phone FROM transition_setting WHERE child_id = ?1",
                [child.0],
                |r| {
                    Ok(ReceivingSetting {
                        setting: r.get(0)?,
                        contact: r.get(1)?,
                        email: r.get(2)?,
                        phone: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The child's transition actions, in the order they were added, each with its id.
    pub fn transition_actions(&self, child: ChildId) -> Result<Vec<(i64, TransitionAction)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, action, owner, due_on, done_on FROM transition_action WHERE child_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<ActionRow> = stmt
            .query_map([child.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(action_of).collect()
    }

    /// Every child's transition actions not yet done that have a day due, soonest first, in one
    /// query (for the dashboard).
    pub fn open_dated_transition_actions(
        &self,
    ) -> Result<std::collections::HashMap<ChildId, Vec<TransitionAction>>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT child_id, id, action, owner, due_on, done_on FROM transition_action
             WHERE done_on IS NULL AND due_on IS NOT NULL ORDER BY due_on, id",
        )?;
        let rows: Vec<(i64, ActionRow)> = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))))?
            .collect::<Result<_, _>>()?;
        let mut out: std::collections::HashMap<ChildId, Vec<TransitionAction>> =
            std::collections::HashMap::new();
        for (child, row) in rows {
            out.entry(ChildId(child)).or_default().push(action_of(row)?.1);
        }
        Ok(out)
    }
}

/// A `transition_action` row as the domain has it, its dates checked.
fn action_of((id, action, owner, due, done): ActionRow) -> Result<(i64, TransitionAction), StoreError> {
    Ok((
        id,
        TransitionAction {
            action,
            owner,
            due: due.map(|d| date(&d, "transition action due date", id)).transpose()?,
            done: done.map(|d| date(&d, "transition action done date", id)).transpose()?,
        },
    ))
}

impl Tx<'_> {
    /// Records the child's receiving setting, in place of any before.
    pub fn set_receiving_setting(&mut self, child: ChildId, s: &ReceivingSetting) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO transition_setting (child_id, setting, contact, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (child_id) DO UPDATE SET setting = ?2, contact = ?3, email = ?4, phone = ?5",
            params![child.0, s.setting, s.contact, s.email, s.phone],
        )?;
        self.touch("child", child.0);
        Ok(())
    }

    pub fn insert_transition_action(
        &mut self,
        child: ChildId,
        a: &TransitionAction,
    ) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO transition_action (child_id, action, owner, due_on, done_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![child.0, a.action, a.owner, a.due.map(iso), a.done.map(iso)],
        )?;
        let id = self.tx.last_insert_rowid();
        self.touch("transition_action", id);
        Ok(id)
    }

    /// Marks a transition action of `child` done on `on`, or not done (`None`).
    pub fn set_transition_action_done(
        &mut self,
        child: ChildId,
        id: i64,
        on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE transition_action SET done_on = ?3 WHERE child_id = ?1 AND id = ?2",
            params![child.0, id, on.map(iso)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "transition action", id });
        }
        self.touch("transition_action", id);
        Ok(())
    }
}
