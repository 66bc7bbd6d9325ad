//! The school that runs the reviews.

/// The school's letterhead details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct School {
    pub name: String,
    pub address: String,
    /// Unique Reference Number (6 digits) from Get Information about Schools.
    pub urn: String,
    /// PNG or JPEG bytes of the logo, if the school has set one.
    pub logo: Option<Vec<u8>>,
    /// Who signs review letters.
    pub senco_name: String,
    pub senco_role: String,
    pub phone: String,
    pub email: String,
}
