//! The contract between the UI (wasm) and the backend (Tauri commands and `ardesk --json`).
//!
//! These are plain data: no domain logic, no validation. Dates arrive already formatted for
//! display (`3 Feb 2026`) or for inputs (`03/02/2026`), so the UI needs no date arithmetic.
//! Changing a type here changes the contract: the UI, the Tauri commands and the CLI's JSON
//! output all move together.

mod after;
mod amendments;
mod app;
mod bundle;
mod children;
mod codes;
pub mod commands;
mod compliance;
mod error;
mod import;
mod leavers;
mod manifest;
mod meeting;
mod prep;
mod received;
mod record;
mod reviews;
mod settings;

pub use after::*;
pub use amendments::*;
pub use app::*;
pub use bundle::*;
pub use children::*;
pub use codes::*;
pub use compliance::*;
pub use error::*;
pub use import::*;
pub use leavers::*;
pub use manifest::*;
pub use meeting::*;
pub use prep::*;
pub use received::*;
pub use record::*;
pub use reviews::*;
pub use settings::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_snake_case_strings() {
        let json = serde_json::to_string(&ErrorCode::NewerSchema).unwrap_or_default();
        assert_eq!(json, "\"newer_schema\"");
    }
}
