use ardesk_domain::Problem;
use ardesk_dto::{ErrorCode, ErrorDto, FieldProblem};
use ardesk_store::StoreError;

/// An error from a use-case: a stable code to branch on, a message for people, and for
/// validation errors every field problem.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub problems: Vec<Problem>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError { code, message: message.into(), problems: Vec::new() }
    }
}

impl From<Vec<Problem>> for AppError {
    fn from(problems: Vec<Problem>) -> AppError {
        let message = match problems.len() {
            1 => "Please correct the highlighted field.".to_owned(),
            n => format!("Please correct the {n} highlighted fields."),
        };
        AppError { code: ErrorCode::Validation, message, problems }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        let code = match &e {
            StoreError::NewerSchema { .. } => ErrorCode::NewerSchema,
            StoreError::Locked { .. } | StoreError::WrongPassphrase { .. } => ErrorCode::Locked,
            StoreError::OpenElsewhere { .. } | StoreError::AlreadyEncrypted { .. } => ErrorCode::Conflict,
            StoreError::NotOurs { .. } | StoreError::Unreadable { .. } | StoreError::Damaged { .. } => {
                ErrorCode::NotOurDatabase
            }
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Io { .. } | StoreError::ReadOnlyFolder { .. } => ErrorCode::Io,
            StoreError::Duplicate { field: "UPN", .. } => {
                return AppError::from(vec![Problem::block(
                    "upn",
                    "Another child in the caseload already has this UPN.",
                    "Check the UPN against the school's MIS.",
                )]);
            }
            StoreError::Duplicate { .. } => ErrorCode::Conflict,
            StoreError::Corrupt { .. }
            | StoreError::Full
            | StoreError::ReadOnly
            | StoreError::Disk { .. }
            | StoreError::Migration(_)
            | StoreError::Sqlite(_) => ErrorCode::Storage,
        };
        AppError::new(code, e.to_string())
    }
}

impl From<AppError> for ErrorDto {
    fn from(e: AppError) -> ErrorDto {
        ErrorDto {
            code: e.code,
            message: e.message,
            problems: e
                .problems
                .into_iter()
                .map(|p| FieldProblem { field: p.field.to_owned(), message: p.message, hint: p.hint })
                .collect(),
        }
    }
}
