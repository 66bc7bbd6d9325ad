//! The people around a child: parents and carers, and professionals involved; what a SENCO
//! types about them, checked.

use crate::problem::{Problem, Problems};
use crate::text::{PersonName, check_email, optional};

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

/// How a letter went out (issue 20 item 7): a posted letter gives notice only once it can be
/// expected to arrive (spec C3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SendMethod {
    Email,
    Post,
    /// Handed over, or taken home by the child.
    Hand,
}

impl SendMethod {
    pub const ALL: [SendMethod; 3] = [SendMethod::Email, SendMethod::Post, SendMethod::Hand];

    pub fn code(self) -> &'static str {
        match self {
            SendMethod::Email => "email",
            SendMethod::Post => "post",
            SendMethod::Hand => "hand",
        }
    }

    pub fn from_code(code: &str) -> Option<SendMethod> {
        SendMethod::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            SendMethod::Email => "by email",
            SendMethod::Post => "by post",
            SendMethod::Hand => "by hand",
        }
    }

    /// How a letter to someone goes when nobody says otherwise: by post to someone who prefers
    /// it, or has an address and no email; by email to someone with an email address; else by
    /// hand.
    pub fn usual(preferred: ContactMethod, has_email: bool, has_address: bool) -> SendMethod {
        match (preferred, has_email, has_address) {
            (ContactMethod::Post, _, true) => SendMethod::Post,
            (_, true, _) => SendMethod::Email,
            (_, false, true) => SendMethod::Post,
            _ => SendMethod::Hand,
        }
    }
}

/// Working days a posted letter takes to arrive: first class post is taken as delivered on the
/// second working day after posting (spec C3; CPR 6.26).
pub const POST_WORKING_DAYS: u32 = 2;

/// Why the school must not contact a parent or carer as it usually would. A restricted person
/// is sent nothing automatically: the SENCO checks the order or instruction and decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Restriction {
    /// A court order limits contact (the MIS's `CourtOrder` flag).
    CourtOrder,
    /// Do not send post to this address (for example, for a parent's or child's safety).
    NoPost,
}

impl Restriction {
    pub const ALL: [Restriction; 2] = [Restriction::CourtOrder, Restriction::NoPost];

    pub fn code(self) -> &'static str {
        match self {
            Restriction::CourtOrder => "court_order",
            Restriction::NoPost => "no_post",
        }
    }

    pub fn from_code(code: &str) -> Option<Restriction> {
        Restriction::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Restriction::CourtOrder => "a court order",
            Restriction::NoPost => "do not send post to this address",
        }
    }

    /// Why nothing is written to `name` automatically, and what the SENCO does instead.
    pub fn why_nothing_sent(self, name: &str) -> String {
        format!(
            "Nothing was written for {name}: the child's record has a contact restriction ({}). \
             Check it, and contact them yourself if it allows.",
            self.label()
        )
    }
}

/// The service a professional works for (reg 20(2)(d)–(e) invite health and social care).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Education,
    Health,
    SocialCare,
}

impl Service {
    pub const ALL: [Service; 3] = [Service::Education, Service::Health, Service::SocialCare];

    pub fn code(self) -> &'static str {
        match self {
            Service::Education => "education",
            Service::Health => "health",
            Service::SocialCare => "social_care",
        }
    }

    pub fn from_code(code: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The service a role most likely belongs to, for records made before the service was
    /// asked for (imports, older databases). The SENCO can change it.
    pub fn guess(role: &str) -> Service {
        let r = role.to_lowercase();
        let health =
            ["nhs", "nurse", "therap", "paediatric", "camhs", "health", "physio", "dietit", "audiolog"];
        if health.iter().any(|k| r.contains(k)) {
            Service::Health
        } else if r.contains("social worker") || r.contains("social care") {
            Service::SocialCare
        } else {
            Service::Education
        }
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
    /// The language they prefer, when it is not English.
    pub language: Option<String>,
    /// Needs an interpreter at meetings.
    pub interpreter: bool,
    pub restriction: Option<Restriction>,
    /// What the order or instruction says, for the SENCO (never printed on letters).
    pub restriction_note: Option<String>,
}

/// A professional involved with the child (educational psychologist, therapist, social worker…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Professional {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub service: Service,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// A parent or carer as typed: free text, with the choices already read from their lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParentInput {
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: Option<ContactMethod>,
    pub language: String,
    pub interpreter: bool,
    pub restriction: Option<Restriction>,
    pub restriction_note: String,
}

/// A professional as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfessionalInput {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub service: Option<Service>,
    pub email: String,
    pub phone: String,
    pub address: String,
}

const MAX_FIELD_CHARS: usize = 500;

fn check_length(problems: &mut Problems, field: &'static str, label: &str, raw: &str) {
    if raw.trim().chars().count() > MAX_FIELD_CHARS {
        problems.push(Problem::block(
            field,
            format!("{label} is longer than {MAX_FIELD_CHARS} characters."),
            "Shorten it.",
        ));
    }
}

/// Checks a parent or carer, reporting every problem beside its field.
pub fn validate_parent(input: &ParentInput) -> Result<ParentCarer, Vec<Problem>> {
    let mut problems = Problems::new();
    let name = problems.take(PersonName::parse("name", "Name", &input.name));
    if input.relationship.trim().is_empty() {
        problems.push(Problem::block(
            "relationship",
            "Relationship is required.",
            "For example Mother, Father, Foster carer, Grandparent.",
        ));
    }
    problems.take(check_email("email", &input.email));
    let contact = input.preferred_contact;
    match contact {
        None => problems.push(Problem::block(
            "preferred_contact",
            "Choose how they prefer to be contacted.",
            "Email, phone, post or text.",
        )),
        Some(ContactMethod::Email) if input.email.trim().is_empty() => problems.push(Problem::block(
            "email",
            "They prefer email, but no email address is recorded.",
            "Enter their email address, or choose another way to contact them.",
        )),
        Some(ContactMethod::Post) if input.address.trim().is_empty() => problems.push(Problem::block(
            "address",
            "They prefer post, but no address is recorded.",
            "Enter their postal address, or choose another way to contact them.",
        )),
        Some(ContactMethod::Phone | ContactMethod::Text) if input.phone.trim().is_empty() => {
            problems.push(Problem::block(
                "phone",
                "They prefer a phone call or text, but no phone number is recorded.",
                "Enter their phone number, or choose another way to contact them.",
            ))
        }
        Some(_) => {}
    }
    if input.restriction.is_none() && !input.restriction_note.trim().is_empty() {
        problems.push(Problem::block(
            "restriction",
            "A note about a restriction is recorded, but no restriction is chosen.",
            "Choose the restriction, or clear the note.",
        ));
    }
    for (field, label, raw) in [
        ("relationship", "Relationship", &input.relationship),
        ("phone", "Phone", &input.phone),
        ("email", "Email", &input.email),
        ("address", "Address", &input.address),
        ("language", "Language", &input.language),
        ("restriction_note", "The note", &input.restriction_note),
    ] {
        check_length(&mut problems, field, label, raw);
    }
    match (name, contact) {
        (Some(name), Some(preferred_contact)) if problems.is_empty() => Ok(ParentCarer {
            name: name.as_str().to_owned(),
            relationship: input.relationship.trim().to_owned(),
            parental_responsibility: input.parental_responsibility,
            phone: optional(&input.phone),
            email: optional(&input.email),
            address: optional(&input.address),
            preferred_contact,
            language: optional(&input.language).filter(|l| !l.eq_ignore_ascii_case("english")),
            interpreter: input.interpreter,
            restriction: input.restriction,
            restriction_note: optional(&input.restriction_note),
        }),
        _ => Err(problems.into_vec()),
    }
}

/// Checks a professional, reporting every problem beside its field.
pub fn validate_professional(input: &ProfessionalInput) -> Result<Professional, Vec<Problem>> {
    let mut problems = Problems::new();
    let name = problems.take(PersonName::parse("name", "Name", &input.name));
    if input.role.trim().is_empty() {
        problems.push(Problem::block(
            "role",
            "Role is required.",
            "For example Educational Psychologist, Speech and Language Therapist, Social Worker.",
        ));
    }
    if input.service.is_none() {
        problems.push(Problem::block(
            "service",
            "Choose the service they work for.",
            "Education, health or social care: the law asks for health and social care to be invited.",
        ));
    }
    problems.take(check_email("email", &input.email));
    for (field, label, raw) in [
        ("role", "Role", &input.role),
        ("organisation", "Organisation", &input.organisation),
        ("phone", "Phone", &input.phone),
        ("email", "Email", &input.email),
        ("address", "Address", &input.address),
    ] {
        check_length(&mut problems, field, label, raw);
    }
    match (name, input.service) {
        (Some(name), Some(service)) if problems.is_empty() => Ok(Professional {
            name: name.as_str().to_owned(),
            role: input.role.trim().to_owned(),
            organisation: input.organisation.trim().to_owned(),
            service,
            email: optional(&input.email),
            phone: optional(&input.phone),
            address: optional(&input.address),
        }),
        _ => Err(problems.into_vec()),
    }
}

/// Whether the child has someone with parental responsibility on record. Without one (and
/// unless the child is a young person, 16 or over), the invitations cannot be complete: the
/// law never lets the school leave out the parent (reg 20(2)(a)).
pub fn has_parental_responsibility(parents: &[ParentCarer]) -> bool {
    parents.iter().any(|p| p.parental_responsibility)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mother() -> ParentInput {
        ParentInput {
            name: "Ada Testperson".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            email: "ada@example.org".into(),
            preferred_contact: Some(ContactMethod::Email),
            ..ParentInput::default()
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_parent_is_checked_field_by_field() {
        let ok = validate_parent(&mother()).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(ok.name, "Ada Testperson");
        assert!(ok.restriction.is_none());
        let bad = ParentInput {
            name: " ".into(),
            relationship: String::new(),
            email: "ada at example".into(),
            preferred_contact: None,
            ..mother()
        };
        let problems = validate_parent(&bad).err().unwrap_or_default();
        assert_eq!(fields(&problems), vec!["name", "relationship", "email", "preferred_contact"]);
    }

    #[test]
    fn the_way_they_prefer_to_be_contacted_needs_its_detail() {
        let by_post = ParentInput { preferred_contact: Some(ContactMethod::Post), ..mother() };
        assert_eq!(fields(&validate_parent(&by_post).err().unwrap_or_default()), vec!["address"]);
        let by_text = ParentInput { preferred_contact: Some(ContactMethod::Text), ..mother() };
        assert_eq!(fields(&validate_parent(&by_text).err().unwrap_or_default()), vec!["phone"]);
        let by_email = ParentInput { email: String::new(), ..mother() };
        assert_eq!(fields(&validate_parent(&by_email).err().unwrap_or_default()), vec!["email"]);
    }

    #[test]
    fn a_restriction_note_needs_a_restriction() {
        let noted = ParentInput { restriction_note: "Order of 3 March".into(), ..mother() };
        assert_eq!(fields(&validate_parent(&noted).err().unwrap_or_default()), vec!["restriction"]);
        let restricted = ParentInput { restriction: Some(Restriction::CourtOrder), ..noted };
        let ok = validate_parent(&restricted).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(ok.restriction, Some(Restriction::CourtOrder));
        assert!(Restriction::CourtOrder.why_nothing_sent("Ada").contains("court order"));
    }

    #[test]
    fn english_is_not_recorded_as_a_language_need() {
        let english = ParentInput { language: "English".into(), ..mother() };
        assert_eq!(validate_parent(&english).map(|p| p.language).ok(), Some(None));
        let polish = ParentInput { language: "Polish".into(), interpreter: true, ..mother() };
        assert_eq!(validate_parent(&polish).map(|p| p.language).ok(), Some(Some("Polish".into())));
    }

    #[test]
    fn a_professional_needs_a_name_a_role_and_a_service() {
        let problems = validate_professional(&ProfessionalInput::default()).err().unwrap_or_default();
        assert_eq!(fields(&problems), vec!["name", "role", "service"]);
        let ep = ProfessionalInput {
            name: "Dr Test Example".into(),
            role: "Educational Psychologist".into(),
            service: Some(Service::Education),
            ..ProfessionalInput::default()
        };
        assert_eq!(validate_professional(&ep).map(|p| p.service).ok(), Some(Service::Education));
    }

    #[test]
    fn a_service_is_guessed_from_older_records_roles() {
        assert_eq!(Service::guess("Speech and Language Therapist (NHS)"), Service::Health);
        assert_eq!(Service::guess("Social Worker"), Service::SocialCare);
        assert_eq!(Service::guess("Educational Psychologist"), Service::Education);
    }
}
