//! The EHC plan and its sections (SEND Regulations 2014, reg 12).

use chrono::NaiveDate;

/// A section of an EHC plan. Plans do not always print sections in this order, so sections are
/// always found by id, never by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionId {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H1,
    H2,
    I,
    J,
    K,
}

impl SectionId {
    pub const ALL: [SectionId; 12] = [
        SectionId::A,
        SectionId::B,
        SectionId::C,
        SectionId::D,
        SectionId::E,
        SectionId::F,
        SectionId::G,
        SectionId::H1,
        SectionId::H2,
        SectionId::I,
        SectionId::J,
        SectionId::K,
    ];

    /// The code used in storage, files and the UI: "A", …, "H1", "H2", …, "K".
    pub fn code(self) -> &'static str {
        match self {
            SectionId::A => "A",
            SectionId::B => "B",
            SectionId::C => "C",
            SectionId::D => "D",
            SectionId::E => "E",
            SectionId::F => "F",
            SectionId::G => "G",
            SectionId::H1 => "H1",
            SectionId::H2 => "H2",
            SectionId::I => "I",
            SectionId::J => "J",
            SectionId::K => "K",
        }
    }

    pub fn from_code(code: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// What the section holds, as reg 12 describes it.
    pub fn title(self) -> &'static str {
        match self {
            SectionId::A => "Views, interests and aspirations",
            SectionId::B => "Special educational needs",
            SectionId::C => "Health care needs",
            SectionId::D => "Social care needs",
            SectionId::E => "Outcomes",
            SectionId::F => "Special educational provision",
            SectionId::G => "Health provision",
            SectionId::H1 => "Social care provision (CSDPA 1970 s2)",
            SectionId::H2 => "Other social care provision",
            SectionId::I => "Placement",
            SectionId::J => "Personal Budget",
            SectionId::K => "Advice and information",
        }
    }
}

/// The child's current EHC plan: when it was issued, when the last review concluded, and the
/// text of each section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EhcPlan {
    /// Date the final plan was issued.
    pub issue_date: NaiveDate,
    /// Date of the LA decision letter that concluded the last review, if there has been one.
    pub last_review_decision: Option<NaiveDate>,
    /// Section text, in [`SectionId`] order; a section may be missing or empty.
    pub sections: Vec<(SectionId, String)>,
}

impl EhcPlan {
    /// The anchor of the current review cycle (spec T01): the last decision letter, otherwise the
    /// issue date of the plan.
    pub fn anchor(&self) -> NaiveDate {
        self.last_review_decision.unwrap_or(self.issue_date)
    }

    pub fn section(&self, id: SectionId) -> Option<&str> {
        self.sections.iter().find(|(s, _)| *s == id).map(|(_, text)| text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in SectionId::ALL {
            assert_eq!(SectionId::from_code(s.code()), Some(s));
        }
        assert_eq!(SectionId::from_code("h1"), Some(SectionId::H1));
        assert_eq!(SectionId::from_code("H"), None);
    }

    #[test]
    fn anchor_is_last_decision_or_issue_date() {
        let issue = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
        let decided = NaiveDate::from_ymd_opt(2025, 4, 2).unwrap_or_default();
        let mut plan = EhcPlan { issue_date: issue, last_review_decision: None, sections: vec![] };
        assert_eq!(plan.anchor(), issue);
        plan.last_review_decision = Some(decided);
        assert_eq!(plan.anchor(), decided);
    }
}
