//! The `desk_reply` table: the replies the LA's desk drafted from its register (issue 19), so
//! that the register opened again shows what each review already had.

use std::collections::HashMap;

use ardesk_domain::dates::iso;
use chrono::NaiveDate;
use rusqlite::params;

use crate::decode::date;
use crate::{Store, StoreError, Tx};

impl Store {
    /// The latest reply drafted for each review key, with its day.
    pub fn desk_replies(&self) -> Result<HashMap<String, (String, NaiveDate)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT id, review_key, reply, drafted_on FROM desk_reply ORDER BY id")?;
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut out = HashMap::with_capacity(rows.len());
        for (id, key, reply, on) in rows {
            out.insert(key, (reply, date(&on, "reply date", id)?));
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Records a reply drafted for the review `key` on `on`.
    pub fn insert_desk_reply(&mut self, key: &str, reply: &str, on: NaiveDate) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO desk_reply (review_key, reply, drafted_on) VALUES (?1, ?2, ?3)",
            params![key, reply, iso(on)],
        )?;
        let id = self.tx.last_insert_rowid();
        self.touch("desk_reply", id);
        Ok(id)
    }
}
