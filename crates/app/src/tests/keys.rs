//! Issue 17: where a database's passphrase comes from and where it is kept.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::keys::{self, KeyVault};

use super::*;

/// A credential store in memory; `None` stands for a computer without one.
struct Vault(Option<RefCell<HashMap<PathBuf, Passphrase>>>);

impl KeyVault for Vault {
    fn get(&self, db: &Path) -> Result<Option<Passphrase>, String> {
        let store = self.0.as_ref().ok_or("no credential store")?;
        Ok(store.borrow().get(db).cloned())
    }
    fn put(&self, db: &Path, passphrase: &Passphrase) -> Result<(), String> {
        let store = self.0.as_ref().ok_or("no credential store")?;
        store.borrow_mut().insert(db.to_path_buf(), passphrase.clone());
        Ok(())
    }
}

fn clock() -> Box<dyn Clock> {
    Box::new(FixedClock::on(today()))
}

#[test]
fn a_new_database_gets_a_recovery_passphrase_kept_in_the_credential_store() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let vault = Vault(Some(RefCell::new(HashMap::new())));
    let mut opened = keys::open(&db, clock(), "tester", None, &vault)?;
    let recovery =
        opened.recovery.clone().unwrap_or_else(|| unreachable!("a new database shows its passphrase"));
    // Six groups of four letters and digits that cannot be confused.
    let groups: Vec<&str> = recovery.reveal().split('-').collect();
    assert_eq!(groups.len(), 6, "{groups:?}");
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".contains(c)))
    );
    assert_eq!(vault.get(&db).ok().flatten(), Some(recovery.clone()));

    // The window shows it until the user has written it down, then never again.
    opened.app.set_recovery_passphrase(opened.recovery.clone());
    let info = opened.app.info()?;
    assert!(info.encrypted);
    assert_eq!(info.recovery_passphrase.as_deref(), Some(recovery.reveal()));
    opened.app.recovery_noted();
    assert_eq!(opened.app.info()?.recovery_passphrase, None);
    opened.app.load_demo(5)?;
    drop(opened);

    // On this computer it opens with what the store keeps; elsewhere, with the passphrase.
    let again = keys::open(&db, clock(), "tester", None, &vault)?;
    assert!(again.recovery.is_none());
    assert_eq!(again.app.caseload()?.len(), 5);
    drop(again);
    let elsewhere = Vault(Some(RefCell::new(HashMap::new())));
    assert_eq!(keys::open(&db, clock(), "tester", Some(recovery), &elsewhere)?.app.caseload()?.len(), 5);
    let err = keys::open(&db, clock(), "tester", None, &elsewhere).err().map(|e| (e.code, e.message));
    let (code, message) = err.unwrap_or((ErrorCode::Io, String::new()));
    assert_eq!(code, ErrorCode::Locked);
    assert!(message.contains("ARDESK_PASSPHRASE") && message.contains("--passphrase-file"), "{message}");
    Ok(())
}

#[test]
fn without_a_credential_store_a_passphrase_must_be_given_and_is_not_kept() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let none = Vault(None);
    let err = keys::open(&db, clock(), "tester", None, &none).err().map(|e| (e.code, e.message));
    let (code, message) = err.unwrap_or((ErrorCode::Io, String::new()));
    assert_eq!(code, ErrorCode::NeedsPassphrase);
    assert!(message.contains("no credential store") && message.contains("ARDESK_PASSPHRASE"), "{message}");
    assert!(!db.exists(), "nothing is created");

    let given = key();
    let opened = keys::open(&db, clock(), "tester", Some(given.clone()), &none)?;
    assert!(opened.recovery.is_none(), "a passphrase the user chose is not shown back");
    assert!(opened.app.info()?.encrypted);
    drop(opened);
    let kept = Vault(Some(RefCell::new(HashMap::new())));
    assert!(keys::open(&db, clock(), "tester", Some(given), &kept).is_ok());
    assert_eq!(kept.get(&db).ok().flatten(), None, "a given passphrase is never stored");
    Ok(())
}

#[test]
fn a_caseload_from_before_encryption_is_encrypted_in_place_and_its_plaintext_backups_go()
-> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    ardesk_store::create_plaintext(&db)?;
    let yesterday = today().pred_opt().unwrap_or_default();
    {
        let mut app = App::open(&db, Box::new(FixedClock::on(yesterday)), "tester", None)?;
        app.create_child(form())?;
    }
    // Opened today: a plaintext backup of yesterday's caseload is made.
    let mut app = App::open(&db, clock(), "tester", None)?;
    assert!(!app.info()?.encrypted);
    let before = crate::backups::existing(&db);
    assert!(before.iter().all(|b| ardesk_store::is_plaintext(b).unwrap_or(false)) && !before.is_empty());

    let vault = Vault(Some(RefCell::new(HashMap::new())));
    let said = app.encrypt_database(None, &vault)?;
    assert!(said.contains("plaintext backup(s) deleted") && said.contains("SSD"), "{said}");
    let info = app.info()?;
    assert!(info.encrypted);
    let recovery = info.recovery_passphrase.unwrap_or_default();
    assert_eq!(vault.get(&db).ok().flatten().map(|k| k.reveal().to_owned()), Some(recovery.clone()));
    // It goes on working, and its backups are encrypted.
    app.create_child(ChildForm { legal_forenames: "Sam".into(), ..form() })?;
    let backups = crate::backups::existing(&db);
    assert!(
        !backups.is_empty() && backups.iter().all(|b| !ardesk_store::is_plaintext(b).unwrap_or(true)),
        "{backups:?}"
    );
    assert!(!ardesk_store::is_plaintext(&db)?);
    assert_eq!(app.encrypt_database(None, &vault).err().map(|e| e.code), Some(ErrorCode::Conflict));
    drop(app);
    // Opened again with the key the credential store keeps; refused without it.
    let opened = keys::open(&db, clock(), "tester", None, &vault)?;
    assert_eq!(opened.app.children()?.len(), 2);
    let none = Vault(None);
    assert_eq!(
        keys::open(&db, clock(), "tester", None, &none).err().map(|e| e.code),
        Some(ErrorCode::Locked)
    );
    Ok(())
}

#[test]
fn a_chosen_passphrase_is_long_enough_and_typed_the_same_twice() {
    let refused = |typed: &str, again: &str| keys::chosen_passphrase(typed, again).err().map(|e| e.code);
    assert_eq!(refused("short", "short"), Some(ErrorCode::Validation));
    assert_eq!(refused("eleven char", "eleven char"), Some(ErrorCode::Validation));
    assert_eq!(refused("twelve chars", "twelve chars"), None, "12 characters are enough");
    assert_eq!(refused("rainy tuesday kettle", "rainy tuesday kettIe"), Some(ErrorCode::Validation));
    let chosen = keys::chosen_passphrase("rainy tuesday kettle", " rainy tuesday kettle\n");
    assert_eq!(chosen.ok().map(|p| p.reveal().to_owned()).as_deref(), Some("rainy tuesday kettle"));
}
