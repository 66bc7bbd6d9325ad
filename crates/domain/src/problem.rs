//! Validation results: every problem at once, each naming the field it belongs to.

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The action cannot go ahead until this is fixed.
    Block,
    /// The action can go ahead once a reason is recorded.
    Warn,
    /// For information only.
    Info,
}

/// One problem found in user input or a record.
///
/// `field` is a stable machine name (for example `"dob"`) that the UI uses to place the message
/// next to the right control; `message` says what is wrong and `hint` what to do about it, both in
/// plain British English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub severity: Severity,
    pub message: String,
    pub hint: String,
}

impl Problem {
    /// A blocking problem with `field`.
    pub fn block(field: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { field, severity: Severity::Block, message: message.into(), hint: hint.into() }
    }
}

/// Collects problems while parsing several fields, so that all of them are reported together.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value of `result`, or records its problem and returns `None`.
    pub fn take<T>(&mut self, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.0.push(problem);
                None
            }
        }
    }

    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}
