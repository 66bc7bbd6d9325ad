//! The school's settings: its details (`school`, one row), its calendar (`school_term`,
//! `school_closure`), imported bank holidays (`bank_holiday`) and its own LA profiles
//! (`la_profile`), and how long leavers' records are kept (`retention`). A change to the calendar, the holidays or a profile names no record in its
//! audit row. The school's own letter wording is with the letters (`letters.rs`).

use ardesk_domain::calendar::SchoolCalendar;
use ardesk_domain::dates::iso;
use ardesk_domain::leaving::{Retention, RetentionBasis};
use ardesk_domain::school::School;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::decode::{corrupt, date};
use crate::{Store, StoreError, Tx};

/// One of the school's own LA profiles, as saved: not parsed, so the caller validates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomProfile {
    /// The id of the LA profile it replaces (e.g. `"redcar"`).
    pub id: String,
    /// The profile itself, as JSON.
    pub json: String,
}

impl Store {
    /// The school's retention rule for leavers' records, if it has set one.
    pub fn retention(&self) -> Result<Option<Retention>, StoreError> {
        let raw: Option<(String, u32)> = self
            .conn
            .query_row("SELECT basis, years FROM retention WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        raw.map(|(basis, years)| {
            let basis = RetentionBasis::from_code(&basis).ok_or_else(|| corrupt("retention basis", 1))?;
            Ok(Retention { basis, years })
        })
        .transpose()
    }

    pub fn school(&self) -> Result<Option<School>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, address, urn, logo, senco_name, senco_role, phone, email, head_teacher FROM school WHERE id = 1",
                [],
                |r| {
                    Ok(School {
                        name: r.get(0)?,
                        address: r.get(1)?,
                        urn: r.get(2)?,
                        logo: r.get(3)?,
                        senco_name: r.get(4)?,
                        senco_role: r.get(5)?,
                        phone: r.get(6)?,
                        email: r.get(7)?,
                        head_teacher: r.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    /// The school's term dates and closure days.
    pub fn school_calendar(&self) -> Result<SchoolCalendar, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, starts, ends FROM school_term ORDER BY starts")?;
        let terms = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|(id, s, e)| Ok((date(&s, "term start", id)?, date(&e, "term end", id)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut stmt = self.conn.prepare("SELECT day FROM school_closure ORDER BY day")?;
        let closures = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .iter()
            .map(|d| date(d, "closure day", 0))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SchoolCalendar::new(terms, closures))
    }

    /// Bank holidays imported from gov.uk (the embedded table is in the domain crate).
    pub fn imported_bank_holidays(&self) -> Result<Vec<NaiveDate>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT day FROM bank_holiday ORDER BY day")?;
        let days = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        days.iter().map(|d| date(d, "bank holiday", 0)).collect()
    }

    /// The school's own LA profiles, by id, unparsed: the caller validates them.
    pub fn custom_profiles(&self) -> Result<Vec<CustomProfile>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, json FROM la_profile ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok(CustomProfile { id: r.get(0)?, json: r.get(1)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl Tx<'_> {
    pub fn set_retention(&mut self, rule: &Retention) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO retention (id, basis, years) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET basis = ?1, years = ?2",
            params![rule.basis.code(), rule.years],
        )?;
        Ok(())
    }

    pub fn set_school(&mut self, school: &School) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO school (id, name, address, urn, logo, senco_name, senco_role, phone, email, head_teacher)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET name = ?1, address = ?2, urn = ?3, logo = ?4,
                 senco_name = ?5, senco_role = ?6, phone = ?7, email = ?8, head_teacher = ?9",
            params![
                school.name,
                school.address,
                school.urn,
                school.logo,
                school.senco_name,
                school.senco_role,
                school.phone,
                school.email,
                school.head_teacher
            ],
        )?;
        self.touch("school", 1);
        Ok(())
    }

    /// Replaces the school's term dates and closure days.
    pub fn set_school_calendar(&mut self, calendar: &SchoolCalendar) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM school_term", [])?;
        self.tx.execute("DELETE FROM school_closure", [])?;
        for (starts, ends) in calendar.terms() {
            self.tx.execute(
                "INSERT INTO school_term (starts, ends) VALUES (?1, ?2)",
                params![iso(*starts), iso(*ends)],
            )?;
        }
        for day in calendar.closures() {
            self.tx.execute("INSERT OR IGNORE INTO school_closure (day) VALUES (?1)", [iso(day)])?;
        }
        self.touched = None;
        Ok(())
    }

    /// Adds imported bank holidays; returns how many were new.
    pub fn add_bank_holidays(
        &mut self,
        days: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<usize, StoreError> {
        let mut added = 0;
        for day in days {
            added += self.tx.execute("INSERT OR IGNORE INTO bank_holiday (day) VALUES (?1)", [iso(day)])?;
        }
        self.touched = None;
        Ok(added)
    }

    /// Saves the school's own version of an LA profile (already validated by the caller).
    pub fn set_custom_profile(&mut self, id: &str, json: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO la_profile (id, json) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET json = ?2",
            params![id, json],
        )?;
        self.touched = None;
        Ok(())
    }

    /// Goes back to the shipped profile for `id`.
    pub fn delete_custom_profile(&mut self, id: &str) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM la_profile WHERE id = ?1", [id])?;
        self.touched = None;
        Ok(())
    }
}
