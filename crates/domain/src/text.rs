//! Small validated text types shared by several records.

use crate::problem::Problem;

/// A light check that catches typing slips in an email address, not a full validation.
pub fn looks_like_email(email: &str) -> bool {
    email.contains('@') && email.contains('.') && !email.contains(' ')
}

/// An optional email address: blank, or one that [`looks_like_email`]; a problem on `field`.
pub fn check_email(field: &'static str, raw: &str) -> Result<(), Problem> {
    let email = raw.trim();
    if email.is_empty() || looks_like_email(email) {
        Ok(())
    } else {
        Err(Problem::block(
            field,
            format!("\u{201c}{email}\u{201d} is not an email address."),
            "Check it, or leave it blank.",
        ))
    }
}

/// A person's name or name part: trimmed, not empty, at most 100 characters, no control
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    /// Parses `raw` for the form field `field` (labelled `label` in messages).
    pub fn parse(field: &'static str, label: &str, raw: &str) -> Result<Self, Problem> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Problem::block(
                field,
                format!("{label} is required."),
                format!("Enter the {}.", label.to_lowercase()),
            ));
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(Problem::block(
                field,
                format!("{label} is longer than {} characters.", Self::MAX_CHARS),
                "Shorten it, or use the preferred name for a shorter form.",
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(Problem::block(
                field,
                format!("{label} contains a control character."),
                "Retype the name without pasting hidden characters.",
            ));
        }
        Ok(PersonName(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Optional free text: trimmed, and `None` when empty.
pub fn optional(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Optional name: `Ok(None)` when blank, otherwise validated as a [`PersonName`].
pub fn optional_name(field: &'static str, label: &str, raw: &str) -> Result<Option<PersonName>, Problem> {
    if raw.trim().is_empty() { Ok(None) } else { PersonName::parse(field, label, raw).map(Some) }
}

/// Whether `phrase` stands in `text` as whole words: not inside a longer word ("report" is not
/// in "reporter"). Both as the caller cased them.
pub fn has_words(text: &str, phrase: &str) -> bool {
    find_words(text, phrase).is_some()
}

/// Where `phrase` first stands in `text` as whole words (see [`has_words`]).
pub fn find_words(text: &str, phrase: &str) -> Option<usize> {
    text.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + phrase.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(PersonName::parse("f", "First name", "  Ada ").map(|n| n.0), Ok("Ada".into()));
        let err = PersonName::parse("f", "First name", "   ").err();
        assert_eq!(err.map(|p| p.message), Some("First name is required.".into()));
        assert!(PersonName::parse("f", "First name", &"x".repeat(101)).is_err());
        assert!(PersonName::parse("f", "First name", "A\u{7}b").is_err());
    }

    #[test]
    fn optional_text_is_none_when_blank() {
        assert_eq!(optional("  "), None);
        assert_eq!(optional(" a "), Some("a".into()));
    }
}
