//! The people around a child: parents and carers, and professionals involved.

/// How someone prefers to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactMethod {
    Email,
    Phone,
    Post,
    Text,
}

impl ContactMethod {
    pub const ALL: [ContactMethod; 4] =
        [ContactMethod::Email, ContactMethod::Phone, ContactMethod::Post, ContactMethod::Text];

    pub fn code(self) -> &'static str {
        match self {
            ContactMethod::Email => "email",
            ContactMethod::Phone => "phone",
            ContactMethod::Post => "post",
            ContactMethod::Text => "text",
        }
    }

    pub fn from_code(code: &str) -> Option<ContactMethod> {
        ContactMethod::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A parent or carer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentCarer {
    pub name: String,
    /// "Mother", "Father", "Foster carer", "Grandparent"…
    pub relationship: String,
    /// Holds parental responsibility.
    pub parental_responsibility: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub preferred_contact: ContactMethod,
}

/// A professional involved with the child (educational psychologist, therapist, social worker…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Professional {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}
