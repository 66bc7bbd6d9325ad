//! The people around a child: `parent_carer` and `professional`. Each belongs to one child and
//! goes when the child is deleted (ON DELETE CASCADE).

use std::collections::HashMap;

use ardesk_domain::ids::ChildId;
use ardesk_domain::people::{ContactMethod, ParentCarer, Professional, Restriction, Service};
use rusqlite::{OptionalExtension, params};

use crate::decode::corrupt;
use crate::{Store, StoreError, Tx};

/// A parent or carer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredParent {
    pub id: i64,
    pub parent: ParentCarer,
    /// The contact's key in the school's MIS, when it came from an import.
    pub mis_key: Option<String>,
    /// What the last import said (JSON), to tell the SENCO's edits from the MIS's.
    pub mis_snapshot: Option<String>,
}

/// A professional as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProfessional {
    pub id: i64,
    pub professional: Professional,
}

impl Store {
    /// A child's parents and carers, in the order they were added.
    pub fn parents(&self, child: ChildId) -> Result<Vec<StoredParent>, StoreError> {
        Ok(self.parents_where(Some(child))?.into_iter().map(|(_, p)| p).collect())
    }

    /// Every child's parents and carers, by child id, in one query (for the whole caseload:
    /// `ardesk pupils`, a pupil import).
    pub fn parents_by_child(&self) -> Result<HashMap<i64, Vec<StoredParent>>, StoreError> {
        let mut out: HashMap<i64, Vec<StoredParent>> = HashMap::new();
        for (child, parent) in self.parents_where(None)? {
            out.entry(child).or_default().push(parent);
        }
        Ok(out)
    }

    /// The parents of `child`, or of every child; each with its child's id.
    fn parents_where(&self, child: Option<ChildId>) -> Result<Vec<(i64, StoredParent)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, relationship, parental_responsibility, phone, email, address, preferred_contact,
                    language, interpreter, restriction, restriction_note, mis_key, mis_snapshot, child_id
             FROM parent_carer WHERE ?1 IS NULL OR child_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([child.map(|c| c.0)], |r| {
                Ok((
                    StoredParent {
                        id: r.get(0)?,
                        parent: ParentCarer {
                            name: r.get(1)?,
                            relationship: r.get(2)?,
                            parental_responsibility: r.get(3)?,
                            phone: r.get(4)?,
                            email: r.get(5)?,
                            address: r.get(6)?,
                            preferred_contact: ContactMethod::Email,
                            language: r.get(8)?,
                            interpreter: r.get(9)?,
                            restriction: None,
                            restriction_note: r.get(11)?,
                        },
                        mis_key: r.get(12)?,
                        mis_snapshot: r.get(13)?,
                    },
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, i64>(14)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(mut stored, method, restriction, child)| {
                stored.parent.preferred_contact =
                    ContactMethod::from_code(&method).ok_or_else(|| corrupt("contact method", stored.id))?;
                stored.parent.restriction = restriction
                    .map(|r| {
                        Restriction::from_code(&r).ok_or_else(|| corrupt("contact restriction", stored.id))
                    })
                    .transpose()?;
                Ok((child, stored))
            })
            .collect()
    }

    /// The professionals working with a child, in the order they were added.
    pub fn professionals(&self, child: ChildId) -> Result<Vec<StoredProfessional>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, role, organisation, email, phone, service, address
             FROM professional WHERE child_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([child.0], |r| {
                Ok((
                    StoredProfessional {
                        id: r.get(0)?,
                        professional: Professional {
                            name: r.get(1)?,
                            role: r.get(2)?,
                            organisation: r.get(3)?,
                            service: Service::Education,
                            email: r.get(4)?,
                            phone: r.get(5)?,
                            address: r.get(7)?,
                        },
                    },
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(mut stored, service)| {
                stored.professional.service =
                    Service::from_code(&service).ok_or_else(|| corrupt("service", stored.id))?;
                Ok(stored)
            })
            .collect()
    }
}

impl Tx<'_> {
    /// `NotFound` unless the child is on the caseload (before adding someone to their record).
    pub fn child_exists(&self, child: ChildId) -> Result<(), StoreError> {
        let found: Option<i64> =
            self.tx.query_row("SELECT id FROM child WHERE id = ?1", [child.0], |r| r.get(0)).optional()?;
        found.map(|_| ()).ok_or(StoreError::NotFound { what: "child", id: child.0 })
    }

    pub fn add_parent(&mut self, child: ChildId, p: &ParentCarer) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO parent_carer (child_id, name, relationship, parental_responsibility, phone, email,
                                       address, preferred_contact, language, interpreter, restriction,
                                       restriction_note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                child.0,
                p.name,
                p.relationship,
                p.parental_responsibility,
                p.phone,
                p.email,
                p.address,
                p.preferred_contact.code(),
                p.language,
                p.interpreter,
                p.restriction.map(Restriction::code),
                p.restriction_note
            ],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("parent_carer", row);
        Ok(row)
    }

    /// Changes a parent or carer of `child`; `NotFound` if `id` is not one of theirs.
    pub fn update_parent(&mut self, child: ChildId, id: i64, p: &ParentCarer) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE parent_carer SET name = ?3, relationship = ?4, parental_responsibility = ?5, phone = ?6,
                 email = ?7, address = ?8, preferred_contact = ?9, language = ?10, interpreter = ?11,
                 restriction = ?12, restriction_note = ?13
             WHERE id = ?2 AND child_id = ?1",
            params![
                child.0,
                id,
                p.name,
                p.relationship,
                p.parental_responsibility,
                p.phone,
                p.email,
                p.address,
                p.preferred_contact.code(),
                p.language,
                p.interpreter,
                p.restriction.map(Restriction::code),
                p.restriction_note
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "parent or carer", id });
        }
        self.touch("parent_carer", id);
        Ok(())
    }

    /// Records what the MIS said of a contact (its key and a JSON snapshot).
    pub fn set_parent_mis(&mut self, id: i64, key: &str, snapshot: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE parent_carer SET mis_key = ?2, mis_snapshot = ?3 WHERE id = ?1",
            params![id, key, snapshot],
        )?;
        Ok(())
    }

    pub fn delete_parent(&mut self, child: ChildId, id: i64) -> Result<(), StoreError> {
        if self
            .tx
            .execute("DELETE FROM parent_carer WHERE id = ?2 AND child_id = ?1", params![child.0, id])?
            == 0
        {
            return Err(StoreError::NotFound { what: "parent or carer", id });
        }
        self.touch("parent_carer", id);
        Ok(())
    }

    pub fn add_professional(&mut self, child: ChildId, p: &Professional) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO professional (child_id, name, role, organisation, email, phone, service, address)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![child.0, p.name, p.role, p.organisation, p.email, p.phone, p.service.code(), p.address],
        )?;
        let row = self.tx.last_insert_rowid();
        self.touch("professional", row);
        Ok(row)
    }

    /// Changes a professional of `child`; `NotFound` if `id` is not one of theirs.
    pub fn update_professional(
        &mut self,
        child: ChildId,
        id: i64,
        p: &Professional,
    ) -> Result<(), StoreError> {
        let changed = self.tx.execute(
            "UPDATE professional SET name = ?3, role = ?4, organisation = ?5, email = ?6, phone = ?7,
                 service = ?8, address = ?9
             WHERE id = ?2 AND child_id = ?1",
            params![
                child.0,
                id,
                p.name,
                p.role,
                p.organisation,
                p.email,
                p.phone,
                p.service.code(),
                p.address
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "professional", id });
        }
        self.touch("professional", id);
        Ok(())
    }

    pub fn delete_professional(&mut self, child: ChildId, id: i64) -> Result<(), StoreError> {
        if self
            .tx
            .execute("DELETE FROM professional WHERE id = ?2 AND child_id = ?1", params![child.0, id])?
            == 0
        {
            return Err(StoreError::NotFound { what: "professional", id });
        }
        self.touch("professional", id);
        Ok(())
    }
}
