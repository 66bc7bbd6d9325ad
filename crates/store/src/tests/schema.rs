//! The migrations, and current.sql against them.

use ardesk_domain::ids::ChildId;

use super::*;

#[test]
fn migrations_are_valid() {
    assert!(migrations::migrations().validate().is_ok());
}

#[test]
fn a_version_1_database_is_migrated_in_place() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("v1.db");
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        rusqlite_migration::Migrations::from_slice(&[rusqlite_migration::M::up(include_str!(
            "../schema.sql"
        ))])
        .to_latest(&mut conn)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
        conn.execute(
            "INSERT INTO child (legal_forenames, legal_surname, dob, la_id) VALUES ('Ada', 'Example', '2016-02-03', 'redcar')",
            [],
        )?;
        conn.execute("INSERT INTO ehc_plan (child_id, issue_date) VALUES (1, '2024-03-01')", [])?;
    }
    let store = Store::open(&path)?;
    let child = store.child(ChildId(1))?;
    assert_eq!(child.record.transfers, ardesk_domain::clock::Transfers::default());
    Ok(())
}
