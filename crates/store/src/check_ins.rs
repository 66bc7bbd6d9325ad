//! Check-ins between reviews: the `check_in` table (progress, the child's view and the parents'
//! feedback on a day), by child.

use ardesk_domain::check_ins::CheckIn;
use ardesk_domain::dates::iso;
use ardesk_domain::ids::ChildId;
use rusqlite::params;

use crate::decode::date;
use crate::{Store, StoreError, Tx};

impl Store {
    /// The child's check-ins, oldest first, each with its id.
    pub fn check_ins(&self, child: ChildId) -> Result<Vec<(i64, CheckIn)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, held_on, progress, child_view, parent_view FROM check_in
             WHERE child_id = ?1 ORDER BY held_on, id",
        )?;
        let rows: Vec<(i64, String, String, String, String)> = stmt
            .query_map([child.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, on, progress, child_view, parent_view)| {
                Ok((id, CheckIn { on: date(&on, "check-in date", id)?, progress, child_view, parent_view }))
            })
            .collect()
    }
}

impl Tx<'_> {
    pub fn insert_check_in(&mut self, child: ChildId, c: &CheckIn) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO check_in (child_id, held_on, progress, child_view, parent_view) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![child.0, iso(c.on), c.progress, c.child_view, c.parent_view],
        )?;
        let id = self.tx.last_insert_rowid();
        self.touch("check_in", id);
        Ok(id)
    }
}
