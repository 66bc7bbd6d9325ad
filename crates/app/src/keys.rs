//! The database's passphrase: where it comes from and where it is kept.
//!
//! A new database is encrypted with a random recovery passphrase, kept in the computer's
//! credential store (Secret Service on Linux, Windows Credential Manager, the macOS Keychain)
//! and shown once, so that the database opens without asking on this computer and with the
//! passphrase on another. Where there is no credential store (a headless machine, CI), the
//! passphrase is given each time (`ARDESK_PASSPHRASE`, `--passphrase-file`) and never stored.
//! The credential store is behind [`KeyVault`], so tests give their own.

use std::path::Path;

use ardesk_dto::ErrorCode;
use ardesk_store::Passphrase;

use crate::{App, AppError, Clock};

/// Where a database's passphrase is kept on this computer, by the database's path.
pub trait KeyVault {
    /// The passphrase kept for `db`, if any; `Err` when there is no store to ask.
    fn get(&self, db: &Path) -> Result<Option<Passphrase>, String>;
    /// Keeps `passphrase` for `db`.
    fn put(&self, db: &Path, passphrase: &Passphrase) -> Result<(), String>;
}

/// The operating system's credential store.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

/// The name the passphrases are kept under in the credential store.
const SERVICE: &str = "Annual Review Desk";

impl OsKeyring {
    fn entry(db: &Path) -> Result<keyring::Entry, String> {
        let account = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        keyring::Entry::new(SERVICE, &account.to_string_lossy()).map_err(|e| e.to_string())
    }
}

impl KeyVault for OsKeyring {
    fn get(&self, db: &Path) -> Result<Option<Passphrase>, String> {
        match Self::entry(db)?.get_password() {
            Ok(secret) => Ok(Passphrase::new(&secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn put(&self, db: &Path, passphrase: &Passphrase) -> Result<(), String> {
        Self::entry(db)?.set_password(passphrase.reveal()).map_err(|e| e.to_string())
    }
}

/// Letters and digits that cannot be mistaken for one another when written down (no I, O, 0, 1).
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new random recovery passphrase: six groups of four characters, 120 bits from the operating
/// system's random source ("K7QM-…").
pub fn new_recovery_passphrase() -> Result<Passphrase, AppError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| {
        AppError::new(ErrorCode::Storage, format!("No random numbers for a new passphrase: {e}"))
    })?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET.get(usize::from(b % 32)).copied().unwrap_or(b'A')))
        .collect();
    let text = chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-");
    Passphrase::new(&text).ok_or_else(|| AppError::new(ErrorCode::Storage, "The new passphrase was empty."))
}

/// The fewest characters a passphrase the user chooses for a new caseload may have.
pub const CHOSEN_PASSPHRASE_MIN: usize = 12;

/// A passphrase the user chose for a new caseload, typed twice: refused when the two differ or
/// it is shorter than [`CHOSEN_PASSPHRASE_MIN`] characters.
pub fn chosen_passphrase(typed: &str, again: &str) -> Result<Passphrase, AppError> {
    if typed.trim().chars().count() < CHOSEN_PASSPHRASE_MIN {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!(
                "Choose a passphrase of at least {CHOSEN_PASSPHRASE_MIN} characters: a few words you will remember."
            ),
        ));
    }
    if typed.trim() != again.trim() {
        return Err(AppError::new(
            ErrorCode::Validation,
            "The two passphrases differ: type the same one twice.",
        ));
    }
    Passphrase::new(typed).ok_or_else(|| AppError::new(ErrorCode::Validation, "Choose a passphrase."))
}

/// Whether a database is already made at `path` (a file that is not empty): it is opened, with
/// its passphrase, rather than made with a new one.
pub fn is_made(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.len() > 0)
}

/// An opened caseload, and the recovery passphrase of a database just created (to show once).
#[derive(Debug)]
pub struct Unlocked {
    pub app: App,
    pub recovery: Option<Passphrase>,
}

/// Opens (or creates) the database at `path`, with the passphrase `given` (from the user, the
/// environment or a file) or else the one kept in `vault`.
///
/// A new database gets `given`, which is not kept, or else a new recovery passphrase, which is
/// kept in `vault` and returned to be shown once; with no vault to keep it in, the database is
/// not created and the user is told how to give one.
pub fn open(
    path: &Path,
    clock: Box<dyn Clock>,
    actor: impl Into<String>,
    given: Option<Passphrase>,
    vault: &dyn KeyVault,
) -> Result<Unlocked, AppError> {
    if is_made(path) {
        // A database from before encryption opens without it (the store tells it by its header).
        let key = given.or_else(|| vault.get(path).ok().flatten());
        let app = App::open(path, clock, actor, key.as_ref())
            .map_err(|e| if key.is_none() { with_how_to_unlock(e) } else { e })?;
        return Ok(Unlocked { app, recovery: None });
    }
    let (key, recovery) = match given {
        Some(key) => (key, None),
        None => {
            let key = new_recovery_passphrase()?;
            vault.put(path, &key).map_err(|why| {
                AppError::new(
                    ErrorCode::NeedsPassphrase,
                    format!(
                        "A new database is encrypted, and this computer has no credential store to \
                         keep its key in ({why}). Nothing was created. Choose a passphrase and give \
                         it in ARDESK_PASSPHRASE or with --passphrase-file; keep it safe, as it is \
                         the only way to open the database."
                    ),
                )
            })?;
            (key.clone(), Some(key))
        }
    };
    let app = App::open(path, clock, actor, Some(&key))?;
    Ok(Unlocked { app, recovery })
}

/// A locked database's error, with the ways to give its passphrase.
fn with_how_to_unlock(mut e: AppError) -> AppError {
    if e.code == ErrorCode::Locked {
        e.message.push_str(
            " Its passphrase is kept in the credential store of the computer that created it; on \
             another computer, give its recovery passphrase in ARDESK_PASSPHRASE or with \
             --passphrase-file.",
        );
    }
    e
}

impl App {
    /// Encrypts a caseload made before encryption, in place (see
    /// `ardesk_store::encrypt_plaintext`), with `given` or else a new recovery passphrase kept in
    /// `vault` and shown once ([`App::info`]). The plaintext backups are deleted and today's is
    /// made again, encrypted. Returns what to tell the user, with what cannot be promised.
    pub fn encrypt_database(
        &mut self,
        given: Option<Passphrase>,
        vault: &dyn KeyVault,
    ) -> Result<String, AppError> {
        let path = self.store.path().map(Path::to_path_buf).ok_or_else(|| {
            AppError::new(ErrorCode::Conflict, "A caseload held in memory is not kept on disk.")
        })?;
        if self.store.is_encrypted() {
            return Err(AppError::new(ErrorCode::Conflict, "This caseload is already encrypted."));
        }
        let (key, recovery) = match given {
            Some(key) => (key, None),
            None => {
                let key = new_recovery_passphrase()?;
                vault.put(&path, &key).map_err(|why| {
                    AppError::new(
                        ErrorCode::Locked,
                        format!(
                            "This computer has no credential store to keep the key in ({why}): \
                             nothing was changed. Choose a passphrase and give it in \
                             ARDESK_PASSPHRASE or with --passphrase-file."
                        ),
                    )
                })?;
                (key.clone(), Some(key))
            }
        };
        // The store lets go of the file while it is replaced, and opens it again after: the
        // encrypted copy, or the plaintext one if encrypting failed (it is left as it was).
        drop(std::mem::replace(&mut self.store, ardesk_store::Store::open_in_memory()?));
        let encrypted = ardesk_store::encrypt_plaintext(&path, &key);
        self.store = ardesk_store::Store::open(&path, encrypted.is_ok().then_some(&key)).map_err(|e| {
            AppError::new(
                ErrorCode::Storage,
                format!("The caseload could not be opened again ({}). Close Annual Review Desk and start it again.", AppError::from(e).message),
            )
        })?;
        encrypted?;
        let action =
            ardesk_store::Action { actor: &self.actor, name: "database.encrypt", at: self.clock.now() };
        self.store.write(action, |_| Ok(()))?;
        let mut removed = 0;
        for backup in crate::backups::existing(&path) {
            if ardesk_store::is_plaintext(&backup).unwrap_or(false) && std::fs::remove_file(&backup).is_ok() {
                removed += 1;
            }
        }
        self.backup =
            Some(crate::backups::daily(&self.store, &path, self.clock.today()).map_err(|e| e.message));
        self.recovery = recovery;
        Ok(format!(
            "The caseload is encrypted{}. {} The copy on disk before encrypting was replaced, but on an \
             SSD, or a disk with snapshots or a sync folder, its old blocks can stay readable until \
             they are reused: keep the computer's disk encrypted (BitLocker, FileVault).",
            if removed == 0 { String::new() } else { format!(", and {removed} plaintext backup(s) deleted") },
            if self.recovery.is_some() {
                "Write down the recovery passphrase shown: it opens the caseload on another computer."
            } else {
                "It opens with the passphrase given."
            }
        ))
    }
}
