//! The school that runs the reviews, and the check of its details as typed in Settings.

use crate::problem::Problem;
use crate::text::check_email;

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
    /// The head teacher's name ("" if not given): the setting's invitation goes to them.
    pub head_teacher: String,
}

/// The school's details as typed in Settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolInput {
    pub name: String,
    /// Lines separated by commas.
    pub address: String,
    pub urn: String,
    pub senco_name: String,
    pub senco_role: String,
    pub phone: String,
    pub email: String,
    pub head_teacher: String,
}

/// Checks the school's details, reporting every problem at once. The logo is kept as it is
/// (it is set separately); a blank SENCO role reads "SENCO".
pub fn validate(input: &SchoolInput, logo: Option<Vec<u8>>) -> Result<School, Vec<Problem>> {
    let mut problems = Vec::new();
    let required = [
        (
            "name",
            &input.name,
            "School name is required.",
            "Enter the school's name as it appears on letters.",
        ),
        ("address", &input.address, "Address is required.", "Enter it with commas between the lines."),
        ("senco_name", &input.senco_name, "The SENCO's name is required.", "Letters are signed with it."),
    ];
    for (field, value, message, hint) in required {
        if value.trim().is_empty() {
            problems.push(Problem::block(field, message, hint));
        }
    }
    let urn = input.urn.trim();
    let is_urn = urn.len() == 6 && urn.chars().all(|c| c.is_ascii_digit());
    if !urn.is_empty() && !is_urn {
        problems.push(Problem::block(
            "urn",
            format!("URN \u{201c}{urn}\u{201d} is not 6 digits."),
            "Find it on Get Information about Schools, or leave it blank.",
        ));
    }
    if let Err(p) = check_email("email", &input.email) {
        problems.push(p);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let role = input.senco_role.trim();
    Ok(School {
        name: input.name.trim().to_owned(),
        address: input.address.trim().to_owned(),
        urn: urn.to_owned(),
        logo,
        senco_name: input.senco_name.trim().to_owned(),
        senco_role: if role.is_empty() { "SENCO".to_owned() } else { role.to_owned() },
        phone: input.phone.trim().to_owned(),
        email: input.email.trim().to_owned(),
        head_teacher: input.head_teacher.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_with_the_school_is_reported_at_once() {
        let input =
            SchoolInput { urn: "12345".into(), email: "office at school".into(), ..SchoolInput::default() };
        let fields: Vec<&str> =
            validate(&input, None).err().unwrap_or_default().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "address", "senco_name", "urn", "email"]);
        let input = SchoolInput {
            name: " Hilltop Primary ".into(),
            address: "1 Hill Road, Townville".into(),
            urn: "123456".into(),
            senco_name: "A Teacher".into(),
            ..SchoolInput::default()
        };
        let school = validate(&input, None);
        assert_eq!(
            school.as_ref().map(|s| (s.name.as_str(), s.senco_role.as_str())),
            Ok(("Hilltop Primary", "SENCO"))
        );
    }
}
