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
    let store = Store::open(&path, Some(&crate::tests::key()))?;
    let child = store.child(ChildId(1))?;
    assert_eq!(child.record.transfers, ardesk_domain::clock::Transfers::default());
    Ok(())
}

#[test]
fn version_10_keeps_the_plans_dates_and_lets_the_issue_date_be_unknown() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("v9.db");
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        migrations::up_to(9).to_latest(&mut conn).map_err(|e| StoreError::Migration(e.to_string()))?;
        conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)?;
        for (id, name) in [(1, "Ada"), (2, "Bo")] {
            conn.execute(
                "INSERT INTO child (id, legal_forenames, legal_surname, dob, la_id) VALUES (?1, ?2, 'Example', '2016-02-03', 'redcar')",
                rusqlite::params![id, name],
            )?;
        }
        conn.execute(
            "INSERT INTO ehc_plan (child_id, issue_date, last_review_decision, source_name) VALUES
                 (1, '2024-03-01', '2025-04-02', 'plan.docx'), (2, '2023-09-01', NULL, NULL)",
            [],
        )?;
    }
    let mut store = Store::open(&path, Some(&crate::tests::key()))?;
    let ada = store.child(ChildId(1))?.record.history;
    assert_eq!(
        (ada.plan_issued, ada.last_review_meeting, ada.last_review_decision),
        (NaiveDate::from_ymd_opt(2024, 3, 1), None, NaiveDate::from_ymd_opt(2025, 4, 2))
    );
    let bo = store.child(ChildId(2))?.record.history;
    assert_eq!((bo.plan_issued, bo.last_review_decision), (NaiveDate::from_ymd_opt(2023, 9, 1), None));
    let source: Option<String> =
        store.conn.query_row("SELECT source_name FROM ehc_plan WHERE child_id = 1", [], |r| r.get(0))?;
    assert_eq!(source.as_deref(), Some("plan.docx"));
    // The issue date may now be unknown.
    let mut undated = store.child(ChildId(2))?.record;
    undated.history = ardesk_domain::clock::ReviewHistory::default();
    store.write(action("child.update"), |tx| tx.update_child(ChildId(2), &undated))?;
    assert_eq!(store.child(ChildId(2))?.record.history, ardesk_domain::clock::ReviewHistory::default());
    Ok(())
}

/// The schema for people to read; it must say what the migrations build.
const CURRENT_SQL: &str = include_str!("../current.sql");

#[test]
fn current_sql_is_the_schema_the_migrations_build() -> Result<(), StoreError> {
    let migrated = Store::open_in_memory()?;
    let current = rusqlite::Connection::open_in_memory()?;
    current.execute_batch(CURRENT_SQL)?;
    let differences = differences(&schema_of(&migrated.conn)?, &schema_of(&current)?);
    assert!(
        differences.is_empty(),
        "current.sql and the migrations disagree; change current.sql to match the migrations:\n{}",
        differences.join("\n")
    );
    Ok(())
}

/// The comparison above can fail: each change of the schema is told apart, and a difference only
/// in layout (spacing, comments, quoted names) is not.
#[test]
fn a_drifted_schema_is_told_apart() -> Result<(), StoreError> {
    let current = rusqlite::Connection::open_in_memory()?;
    current.execute_batch(CURRENT_SQL)?;
    let expected = schema_of(&current)?;
    let check = |change: &str, differs: bool| -> Result<(), StoreError> {
        let drifted = rusqlite::Connection::open_in_memory()?;
        drifted.execute_batch(CURRENT_SQL)?;
        drifted.execute_batch(change)?;
        let found = differences(&expected, &schema_of(&drifted)?);
        assert_eq!(!found.is_empty(), differs, "{change}: {found:#?}");
        Ok(())
    };
    check("ALTER TABLE child ADD COLUMN nickname TEXT", true)?;
    check("ALTER TABLE letter_template RENAME COLUMN body TO text", true)?;
    check("DROP INDEX review_child", true)?;
    check("CREATE INDEX invitee_name ON invitee (name)", true)?;
    check("CREATE TRIGGER no_op AFTER DELETE ON child BEGIN SELECT 1; END", true)?;
    // Only the SQL shows a changed CHECK.
    check(
        "DROP TABLE school_closure;
         CREATE TABLE school_closure (day TEXT PRIMARY KEY CHECK (length(day) = 10)) STRICT",
        true,
    )?;
    check(
        "DROP TABLE school_closure;
         CREATE TABLE \"school_closure\" (
             day TEXT   PRIMARY KEY -- one closure day
         ) STRICT",
        false,
    )?;
    Ok(())
}

/// The facts of each schema that the other lacks, labelled with where they come from.
fn differences(migrated: &[String], current: &[String]) -> Vec<String> {
    let only = |label: &str, a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|line| !b.contains(line)).map(|line| format!("{label}: {line}")).collect()
    };
    let mut out = only("only from the migrations", migrated, current);
    out.extend(only("only in current.sql", current, migrated));
    out
}

/// A database's schema, one line per fact, in a stable order: `PRAGMA application_id`; every
/// object in `sqlite_master` (type, name, table and SQL, normalised); and for each table its
/// columns (`table_info`), its indexes (`index_list`) with their columns (`index_xinfo`), and
/// its foreign keys (`foreign_key_list`).
fn schema_of(conn: &rusqlite::Connection) -> Result<Vec<String>, StoreError> {
    let mut lines = facts(conn, "application_id", "SELECT * FROM pragma_application_id", "")?;
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")?;
    let objects = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<(String, String, String, Option<String>)>, _>>()?;
    for (kind, name, table, sql) in &objects {
        let sql = sql.as_deref().map_or_else(|| "(made by SQLite)".to_owned(), normalise);
        lines.push(format!("{kind} {name} on {table}: {sql}"));
    }
    for (_, table, _, _) in objects.iter().filter(|(kind, ..)| kind == "table") {
        lines.extend(facts(
            conn,
            &format!("table {table} column"),
            "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
            table,
        )?);
        lines.extend(facts(
            conn,
            &format!("table {table} index"),
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1) ORDER BY name",
            table,
        )?);
        lines.extend(facts(
            conn,
            &format!("table {table} foreign key"),
            "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\"
             FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
            table,
        )?);
    }
    for (_, index, _, _) in objects.iter().filter(|(kind, ..)| kind == "index") {
        lines.extend(facts(
            conn,
            &format!("index {index} column"),
            "SELECT seqno, cid, name, \"desc\", coll, \"key\" FROM pragma_index_xinfo(?1) ORDER BY seqno",
            index,
        )?);
    }
    Ok(lines)
}

/// One line per row of `sql` (run with `arg` as `?1` when it has a parameter), each column as
/// `name=value`, after `label`.
fn facts(conn: &rusqlite::Connection, label: &str, sql: &str, arg: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<String> {
        let mut cells = Vec::new();
        for (i, name) in names.iter().enumerate() {
            cells.push(format!("{name}={:?}", r.get::<_, rusqlite::types::Value>(i)?));
        }
        Ok(format!("{label}: {}", cells.join(" ")))
    };
    let rows =
        if stmt.parameter_count() == 0 { stmt.query_map([], row)? } else { stmt.query_map([arg], row)? };
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// SQL as written, without what does not change its meaning: `--` comments, double quotes
/// around names, and runs of whitespace (none at all beside brackets and commas).
fn normalise(sql: &str) -> String {
    let mut text = String::new();
    let mut chars = sql.chars().peekable();
    let mut in_literal = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_literal = !in_literal;
                text.push(c);
            }
            _ if in_literal => text.push(c),
            '-' if chars.peek() == Some(&'-') => while chars.next_if(|&n| n != '\n').is_some() {},
            '"' => {}
            _ => text.push(c),
        }
    }
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for mark in ["(", ")", ","] {
        text = text.replace(&format!(" {mark}"), mark).replace(&format!("{mark} "), mark);
    }
    text
}

#[test]
fn normalising_sql_keeps_what_it_says() {
    let cases = [
        (
            "CREATE TABLE \"a\" (\n  x TEXT , -- note\n  y INTEGER\n) STRICT",
            "CREATE TABLE a(x TEXT,y INTEGER)STRICT",
        ),
        ("CHECK (k IN ('a -- b', 'it''s'))", "CHECK(k IN('a -- b','it''s'))"),
        ("x TEXT NOT NULL DEFAULT ''", "x TEXT NOT NULL DEFAULT ''"),
    ];
    for (sql, expected) in cases {
        assert_eq!(normalise(sql), expected, "{sql}");
    }
}
