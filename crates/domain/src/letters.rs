//! Letters before the meeting (spec §6): templates, merge fields, and the letter model that the
//! documents crate renders to DOCX and PDF.
//!
//! A template is plain text. The first line is `Subject: …`. Paragraphs are separated by blank
//! lines; a line starting `- ` is a bullet. `{child.name}` is a merge field: a field the letter
//! has no value for (or does not know) is an error that names it, so a letter is never sent
//! with a blank. A line starting `[flag]` is kept only when the flag is set, `[!flag]` only when
//! it is not (flags: `remote`, `pfa`, `transfer`, `health`, `advice`, `advice_form`, `missing`,
//! `plan`: the current plan's sections are recorded, so they can be enclosed; `sendiass`: the
//! LA's SENDIASS contact is entered);
//! in the subject line, an inline `[flag]` keeps the rest of the line only when set. A bullet
//! whose value has several lines becomes several bullets.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::calendar::{BankHolidays, SchoolCalendar, SchoolDay, add_days, sub_days};
use crate::problem::Problem;

/// The letters the app writes before a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LetterKind {
    ParentInvitation,
    ChildInvitation,
    ProfessionalInvitation,
    Reminder,
    CirculationCover,
}

impl LetterKind {
    pub const ALL: [LetterKind; 5] = [
        LetterKind::ParentInvitation,
        LetterKind::ChildInvitation,
        LetterKind::ProfessionalInvitation,
        LetterKind::Reminder,
        LetterKind::CirculationCover,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LetterKind::ParentInvitation => "parent_invitation",
            LetterKind::ChildInvitation => "child_invitation",
            LetterKind::ProfessionalInvitation => "professional_invitation",
            LetterKind::Reminder => "reminder",
            LetterKind::CirculationCover => "circulation_cover",
        }
    }

    pub fn from_code(code: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::ParentInvitation => "Invitation (parent, carer or young person)",
            LetterKind::ChildInvitation => "Invitation for the child",
            LetterKind::ProfessionalInvitation => "Invitation and request for advice",
            LetterKind::Reminder => "Reminder: advice overdue",
            LetterKind::CirculationCover => "Cover letter for the circulated reports",
        }
    }

    /// The template shipped with the app.
    pub fn builtin_template(self) -> &'static str {
        match self {
            LetterKind::ParentInvitation => include_str!("../letters/parent_invitation.txt"),
            LetterKind::ChildInvitation => include_str!("../letters/child_invitation.txt"),
            LetterKind::ProfessionalInvitation => include_str!("../letters/professional_invitation.txt"),
            LetterKind::Reminder => include_str!("../letters/reminder.txt"),
            LetterKind::CirculationCover => include_str!("../letters/circulation_cover.txt"),
        }
    }
}

/// Every merge field the app fills in. A template using any other field is refused when saved.
pub const FIELDS: [&str; 22] = [
    "child.name",
    "child.legal_name",
    "child.full_name",
    "child.dob",
    "child.references",
    "meeting.date",
    "meeting.time",
    "meeting.venue",
    "rsvp.date",
    "reports.due",
    "circulate.date",
    "requested.date",
    "recipient.name",
    "recipient.role",
    "invitees.list",
    "la.name",
    "la.advice_form",
    "reports.received",
    "reports.missing",
    "school.name",
    "sender.name",
    "la.sendiass",
];

/// The flags templates may test with `[flag]` and `[!flag]`.
pub const FLAGS: [&str; 9] =
    ["remote", "pfa", "transfer", "health", "advice", "advice_form", "missing", "plan", "sendiass"];

/// Checks a template a user wrote: a `Subject:` first line, and only known fields and flags.
/// Every problem is reported.
pub fn check_template(template: &str) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if !template.lines().next().is_some_and(|l| l.starts_with("Subject:")) {
        problems.push(Problem::block(
            "template",
            "The first line must be the subject, starting \u{201c}Subject:\u{201d}.",
            "For example \u{201c}Subject: Invitation to {child.name}'s annual review\u{201d}.",
        ));
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        let Some(close) = after.find('}') else { break };
        let field = after.get(..close).unwrap_or_default().trim();
        if !FIELDS.contains(&field) {
            problems.push(Problem::block(
                "template",
                format!("{{{field}}} is not a field the letters know."),
                format!("Use one of: {}.", FIELDS.map(|f| format!("{{{f}}}")).join(", ")),
            ));
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    for line in template.lines() {
        if let Some((cond, _)) = line.strip_prefix('[').and_then(|r| r.split_once(']')) {
            let flag = cond.strip_prefix('!').unwrap_or(cond);
            if !FLAGS.contains(&flag) {
                problems.push(Problem::block(
                    "template",
                    format!("[{cond}] is not a condition the letters know."),
                    format!("Use one of: {}.", FLAGS.join(", ")),
                ));
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// A block of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Bullet(String),
}

/// A letter ready to render: the renderer adds the letterhead, date, address and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub blocks: Vec<Block>,
}

impl Letter {
    /// The whole text, one block a line (used for snapshots and checks).
    pub fn plain_text(&self) -> String {
        let mut out = format!("{}\n", self.subject);
        for b in &self.blocks {
            match b {
                Block::Paragraph(p) => out.push_str(&format!("{p}\n")),
                Block::Bullet(p) => out.push_str(&format!("  • {p}\n")),
            }
        }
        out
    }
}

/// The values and flags a template is merged with.
#[derive(Debug, Clone, Default)]
pub struct MergeData {
    values: BTreeMap<String, String>,
    flags: BTreeSet<String>,
}

/// What to tell the user when a field has no value, by field.
fn missing_hint(field: &str) -> &'static str {
    match field.split('.').next().unwrap_or("") {
        "meeting" => "Set the meeting's date, time and venue on the review.",
        "school" | "sender" => "Fill in the school's details in Settings.",
        "recipient" => "Complete the invitee's details.",
        "child" => "Complete the child's details.",
        "la" => "Check the LA profile in Settings.",
        _ => "Fill it in, or take it out of the letter template.",
    }
}

impl MergeData {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `field`; an empty or blank value counts as missing.
    pub fn set(&mut self, field: &str, value: impl Into<String>) -> &mut Self {
        let value = value.into();
        if value.trim().is_empty() {
            self.values.remove(field);
        } else {
            self.values.insert(field.to_owned(), value);
        }
        self
    }

    pub fn flag(&mut self, flag: &str, on: bool) -> &mut Self {
        if on {
            self.flags.insert(flag.to_owned());
        } else {
            self.flags.remove(flag);
        }
        self
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(String::as_str)
    }

    /// Replaces every `{field}` in `line`, collecting the fields that have no value.
    fn fill(&self, line: &str, missing: &mut BTreeSet<String>) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            out.push_str(rest.get(..open).unwrap_or_default());
            let after = rest.get(open + 1..).unwrap_or_default();
            match after.find('}') {
                Some(close) => {
                    let field = after.get(..close).unwrap_or_default().trim();
                    match self.values.get(field) {
                        Some(v) => out.push_str(v),
                        None => {
                            missing.insert(field.to_owned());
                        }
                    }
                    rest = after.get(close + 1..).unwrap_or_default();
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The subject line may hold one inline `[flag]` (or `[!flag]`): the rest of the line after it is
/// kept only when the flag is set (or not set).
fn subject_line(line: &str, data: &MergeData) -> String {
    match line
        .find('[')
        .and_then(|open| line.get(open + 1..).and_then(|r| r.find(']')).map(|c| (open, open + 1 + c)))
    {
        Some((open, close)) => {
            let cond = line.get(open + 1..close).unwrap_or_default();
            let (negated, flag) = cond.strip_prefix('!').map_or((false, cond), |f| (true, f));
            let head = line.get(..open).unwrap_or_default();
            let tail = line.get(close + 1..).unwrap_or_default();
            if data.flags.contains(flag) != negated { format!("{head}{tail}") } else { head.to_owned() }
        }
        None => line.to_owned(),
    }
}

/// The least time a letter gives for a reply: a week.
pub const REPLY_DAYS: u32 = 7;

/// The day a letter sent on `sent` asks for replies and reports by (issue 16): the reports'
/// due date (T08); for a letter sent later than a week before it, a week after the letter, but
/// never later than the day before the papers must go round (T09, reg 20(4)), and never before
/// the letter itself. A weekend or bank holiday moves it earlier, as every due date does.
pub fn reply_by(
    sent: NaiveDate,
    reports_due: NaiveDate,
    circulate_by: NaiveDate,
    holidays: &BankHolidays,
) -> NaiveDate {
    let latest = sub_days(circulate_by, 1);
    let wanted = reports_due.max(add_days(sent, REPLY_DAYS).min(latest));
    holidays.working_day_on_or_before(wanted).max(sent)
}

/// A reply-by date as a letter says it, with a note when it falls in the school holidays (a
/// parent should know the school is shut).
pub fn reply_by_words(date: NaiveDate, school: &SchoolCalendar) -> String {
    let day = crate::dates::written(date);
    if school.day(date) == SchoolDay::Holiday {
        format!("{day} (the school is closed for the holidays then: please reply by email)")
    } else {
        day.to_string()
    }
}

/// Merges `template` with `data`. Every field without a value is reported, by name.
pub fn render(template: &str, data: &MergeData) -> Result<Letter, Vec<Problem>> {
    let mut missing = BTreeSet::new();
    let mut lines = template.lines();
    let subject = lines
        .next()
        .and_then(|l| l.strip_prefix("Subject:"))
        .map(|s| data.fill(&subject_line(s.trim(), data), &mut missing))
        .ok_or_else(|| {
            vec![Problem::block(
                "template",
                "The letter template does not start with a \u{201c}Subject:\u{201d} line.",
                "Put the letter's subject on the first line, as \u{201c}Subject: …\u{201d}.",
            )]
        })?;

    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, blocks: &mut Vec<Block>| {
        if !paragraph.trim().is_empty() {
            blocks.push(Block::Paragraph(paragraph.trim().to_owned()));
        }
        paragraph.clear();
    };
    for raw in lines {
        // Conditional lines: `[flag]…` and `[!flag]…`.
        let line = match raw.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((cond, rest)) => {
                let (negated, flag) = match cond.strip_prefix('!') {
                    Some(f) => (true, f),
                    None => (false, cond),
                };
                if data.flags.contains(flag) == negated {
                    continue;
                }
                rest
            }
            None => raw,
        };
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(item) = line.trim_start().strip_prefix("- ") {
            flush(&mut paragraph, &mut blocks);
            let filled = data.fill(item.trim(), &mut missing);
            blocks.extend(
                filled.lines().filter(|l| !l.trim().is_empty()).map(|l| Block::Bullet(l.trim().to_owned())),
            );
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&data.fill(line.trim(), &mut missing));
        }
    }
    flush(&mut paragraph, &mut blocks);

    if missing.is_empty() {
        Ok(Letter { subject, blocks })
    } else {
        Err(missing
            .into_iter()
            .map(|field| {
                Problem::block(
                    "letter",
                    format!("The letter needs {{{field}}}, which has no value."),
                    missing_hint(&field),
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// Issue 16: a letter asks for replies by T08, or, when it goes out later than a week before
    /// T08, a week after it (never after T09's eve, never before the letter); moved to a working
    /// day. Meeting Thu 21 Jan 2027: T08 = 31 Dec 2026 → Thu 31 Dec, T09 = Thu 7 Jan 2027.
    #[test]
    fn a_letter_asks_for_replies_by_a_day_it_leaves_time_for() {
        let holidays = BankHolidays::embedded();
        let (t08, t09) = (d(2026, 12, 31), d(2027, 1, 7));
        let cases = [
            ("sent in good time: the reports' due date", d(2026, 11, 13), d(2026, 12, 31)),
            ("sent a week before T08: still T08", d(2026, 12, 24), d(2026, 12, 31)),
            ("sent after T08: a week later, a working day", d(2026, 12, 29), d(2027, 1, 5)),
            ("sent the week of T09: the day before T09", d(2027, 1, 4), d(2027, 1, 6)),
            ("sent after T09: no earlier than the letter", d(2027, 1, 9), d(2027, 1, 9)),
        ];
        for (why, sent, expected) in cases {
            assert_eq!(reply_by(sent, t08, t09, &holidays), expected, "{why}");
        }
        // A bank holiday (New Year's Day 2027, a Friday) moves it earlier.
        assert_eq!(reply_by(d(2026, 11, 13), d(2027, 1, 1), t09, &holidays), d(2026, 12, 31));
        let school =
            SchoolCalendar::new(vec![(d(2026, 9, 2), d(2026, 12, 18)), (d(2027, 1, 5), d(2027, 3, 26))], []);
        assert_eq!(
            reply_by_words(d(2026, 12, 31), &school),
            "Thursday 31 December 2026 (the school is closed for the holidays then: please reply by email)"
        );
        assert_eq!(reply_by_words(d(2027, 1, 6), &school), "Wednesday 6 January 2027");
    }

    fn data() -> MergeData {
        let mut d = MergeData::new();
        for (k, v) in [
            ("child.name", "Robin"),
            ("child.legal_name", "Robin Testcase"),
            ("child.full_name", "Robin Testcase"),
            ("child.dob", "14 May 2015"),
            ("child.references", "LA reference: RC-EHC-10000"),
            ("meeting.date", "Tuesday 20 January 2026"),
            ("meeting.time", "10:00"),
            ("meeting.venue", "SENCO office, main site"),
            ("rsvp.date", "Tuesday 6 January 2026"),
            ("reports.due", "Tuesday 30 December 2025"),
            ("circulate.date", "Tuesday 6 January 2026"),
            ("recipient.name", "Pat Example"),
            ("invitees.list", "the head teacher; the LA's SEN officer"),
            ("la.name", "Redcar & Cleveland"),
            ("la.advice_form", "AR3"),
            ("sender.name", "Alex Example"),
            ("reports.received", "School report\nEducational psychology advice"),
            ("reports.missing", "Speech and language therapy advice"),
        ] {
            d.set(k, v);
        }
        d
    }

    #[test]
    fn every_builtin_template_renders_with_complete_data() {
        let mut d = data();
        d.flag("pfa", true)
            .flag("transfer", true)
            .flag("advice_form", true)
            .flag("missing", true)
            .flag("health", true);
        for kind in LetterKind::ALL {
            let letter =
                render(kind.builtin_template(), &d).unwrap_or_else(|p| unreachable!("{kind:?}: {p:?}"));
            assert!(!letter.subject.is_empty() && letter.blocks.len() > 3, "{kind:?}");
            assert!(!letter.plain_text().contains('{'), "{kind:?}: unfilled field\n{}", letter.plain_text());
        }
    }

    #[test]
    fn flags_choose_lines() {
        let mut d = data();
        let text = |d: &MergeData| {
            render(LetterKind::ParentInvitation.builtin_template(), d)
                .map(|l| l.plain_text())
                .unwrap_or_default()
        };
        let plain = text(&d);
        assert!(
            plain.contains("Place: SENCO office")
                && !plain.contains("Online:")
                && !plain.contains("adulthood")
        );
        d.flag("remote", true).flag("pfa", true);
        let flagged = text(&d);
        assert!(
            flagged.contains("Online: SENCO office")
                && !flagged.contains("Place:")
                && flagged.contains("plan for adulthood")
        );
    }

    #[test]
    fn professionals_not_asked_for_advice_get_an_invitation_only() {
        let mut d = data();
        let asked = |d: &MergeData| {
            render(LetterKind::ProfessionalInvitation.builtin_template(), d)
                .map(|l| l.plain_text())
                .unwrap_or_default()
        };
        let invite_only = asked(&d);
        assert!(invite_only.starts_with("Annual review of Robin Testcase: invitation\n"), "{invite_only}");
        assert!(!invite_only.contains("send your advice by"));
        d.flag("advice", true);
        let with_advice = asked(&d);
        assert!(
            with_advice.starts_with("Annual review of Robin Testcase: invitation and request for advice\n")
        );
        assert!(with_advice.contains("Please send your advice by Tuesday 30 December 2025."));
    }

    #[test]
    fn multi_line_values_become_bullets() {
        let mut d = data();
        d.flag("missing", true);
        let letter = render(LetterKind::CirculationCover.builtin_template(), &d)
            .unwrap_or_else(|p| unreachable!("{p:?}"));
        let bullets: Vec<&str> = letter
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Bullet(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            bullets,
            ["School report", "Educational psychology advice", "Speech and language therapy advice"]
        );
    }

    #[test]
    fn shipped_templates_pass_the_check_and_typos_do_not() {
        for kind in LetterKind::ALL {
            assert_eq!(check_template(kind.builtin_template()), Ok(()), "{kind:?}");
        }
        let err = check_template("Dear {chld.name}\n[pfa2]x").err().unwrap_or_default();
        let messages: Vec<&str> = err.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The first line must be the subject, starting \u{201c}Subject:\u{201d}.",
                "{chld.name} is not a field the letters know.",
                "[pfa2] is not a condition the letters know."
            ]
        );
    }

    #[test]
    fn every_missing_field_is_named() {
        let mut d = data();
        d.set("meeting.venue", "  ").set("rsvp.date", "");
        let err = render(LetterKind::ParentInvitation.builtin_template(), &d).err().unwrap_or_default();
        let messages: Vec<&str> = err.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "The letter needs {meeting.venue}, which has no value.",
                "The letter needs {rsvp.date}, which has no value."
            ]
        );
        assert!(err[0].hint.contains("venue"));
        assert!(render("No subject line", &d).is_err());
    }
}
