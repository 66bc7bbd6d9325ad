//! What the school's MIS last said about a child (`child.mis_snapshot`), for imports that
//! update only what the SENCO has not changed. The contacts' snapshots are in `people.rs`.

use std::collections::HashMap;

use ardesk_domain::ids::ChildId;
use rusqlite::params;

use crate::{Store, StoreError, Tx};

/// A child on the caseload found by UPN, with what the last import wrote for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedChild {
    pub id: ChildId,
    pub mis_snapshot: Option<String>,
}

impl Store {
    /// What the last import wrote for the child (JSON), if they were imported.
    pub fn mis_snapshot(&self, child: ChildId) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT mis_snapshot FROM child WHERE id = ?1", [child.0], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Every child with a UPN, by UPN.
    pub fn children_by_upn(&self) -> Result<HashMap<String, ImportedChild>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT upn, id, mis_snapshot FROM child WHERE upn IS NOT NULL")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, ImportedChild { id: ChildId(r.get(1)?), mis_snapshot: r.get(2)? }))
        })?;
        Ok(rows.collect::<Result<HashMap<_, _>, _>>()?)
    }
}

impl Tx<'_> {
    pub fn set_child_mis_snapshot(&mut self, child: ChildId, snapshot: &str) -> Result<(), StoreError> {
        self.tx.execute("UPDATE child SET mis_snapshot = ?2 WHERE id = ?1", params![child.0, snapshot])?;
        Ok(())
    }
}
