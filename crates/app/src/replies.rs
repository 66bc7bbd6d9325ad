//! The LA's replies to what it received (issue 19), drafted as DOCX and PDF for an officer to
//! check and send: "returned for completion" to the school, or the decision to the family. The
//! wording is the LA profile's (`replies`), or the shipped one ([`ardesk_domain::replies`]). The
//! letter comes from the desk's own LA when it is given, or else from the LA the bundle was made
//! for. A bundle holds the child's initials only: the family's name and address come from the
//! LA's case record, typed by the officer, or the letter leaves a marked place for them.

use std::path::Path;

use ardesk_domain::dates::{long, parse_iso, written};
use ardesk_domain::la::{Channel, LaCatalogue, LaProfile};
use ardesk_domain::plan::SectionId;
use ardesk_domain::replies::{
    APPEAL_RIGHTS, Decision, Outcome, RETURNED_TO_SCHOOL, Returned, builtin, decision_letter,
    returned_to_school,
};
use ardesk_dto::{LettersWritten, ReceivedRow, ReceivedVerdict, ReplyForm};
use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::context::catalogue;
use crate::files::{LetterFormat, folder_name, write_formats};
use crate::received::review_key;
use crate::{App, AppError, ErrorCode};
use ardesk_store::Action;

/// What the school has to answer by: a week after the bundle arrived.
const SCHOOL_ANSWER_DAYS: u64 = 7;
/// Where the family's name and address go when the officer did not type them.
const ADDRESS_FROM_RECORD: &str = "[Name and address from the case record]";

/// The reply the code `reply` names: `returned` (to the school) or a decision's
/// ([`Outcome::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Returned,
    Decision(Outcome),
}

impl Reply {
    pub fn from_code(code: &str) -> Result<Reply, AppError> {
        match code {
            "returned" => Ok(Reply::Returned),
            _ => Outcome::from_code(code).map(Reply::Decision).ok_or_else(|| {
                AppError::new(
                    ErrorCode::Validation,
                    format!("There is no reply {code:?}. Use returned, maintain, minor, amend or cease."),
                )
            }),
        }
    }
}

/// Who replies, where the drafts go, and the day they are dated.
#[derive(Debug, Clone, Copy)]
pub struct Drafting<'a> {
    pub las: &'a LaCatalogue,
    /// The desk's own LA (profile id), whose wording and contacts the letters use; `None`, the
    /// LA each bundle was made for.
    pub la: Option<&'a str>,
    pub out: &'a Path,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Drafts "returned for completion" to each school whose bundle has problems, in `out`.
/// Returns the files written. A submission sent without the app is left to a person: what it
/// lacks is not known.
pub fn draft_replies(rows: &[ReceivedRow], d: &Drafting<'_>) -> Result<Vec<String>, AppError> {
    let mut written = Vec::new();
    for row in rows.iter().filter(|r| r.verdict == ReceivedVerdict::Problems) {
        written.extend(draft_reply(row, Reply::Returned, &ReplyForm::default(), d)?);
    }
    Ok(written)
}

/// Drafts one reply to the review in `row`, in `out`; returns the file names written (a second
/// reply of the same kind for the same review gets `-2`, and so on, never overwriting).
pub fn draft_reply(
    row: &ReceivedRow,
    reply: Reply,
    family: &ReplyForm,
    d: &Drafting<'_>,
) -> Result<Vec<String>, AppError> {
    let Drafting { las, la, out, today, now } = *d;
    let profile = la.or(row.la_profile.as_deref()).and_then(|id| las.get(id)).ok_or_else(|| {
        AppError::new(
            ErrorCode::Validation,
            "Which LA is replying is not known: the bundle names no LA profile. Give this desk's LA (--la).",
        )
    })?;
    let initials = file_safe(row.child_initials.as_deref().unwrap_or_default());
    let (stem, letter, recipient, contact) = match reply {
        Reply::Returned => {
            if row.verdict != ReceivedVerdict::Problems {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "Only a review with problems is returned to the school: this one has none listed.",
                ));
            }
            let letter =
                returned_to_school(template(profile, RETURNED_TO_SCHOOL), &returned(row, profile, today))?;
            let school = vec!["The SENCO".to_owned(), row.school_name.clone().unwrap_or_default()];
            let contact = profile.submission.address.clone().unwrap_or_default();
            ("returned".to_owned(), letter, school, contact)
        }
        Reply::Decision(outcome) => {
            if matches!(row.verdict, ReceivedVerdict::Problems | ReceivedVerdict::Unusable) {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "This review has problems: return it to the school for completion before deciding.",
                ));
            }
            let meeting = row.meeting_date.as_deref().and_then(parse_iso).ok_or_else(|| {
                AppError::new(
                    ErrorCode::Validation,
                    "The meeting's date is not known, so the letter cannot be dated from it.",
                )
            })?;
            let decision = decision(row, outcome, family, profile, meeting, today);
            let letter = decision_letter(
                template(profile, outcome.kind()),
                template(profile, APPEAL_RIGHTS),
                &decision,
            )?;
            let to: Vec<String> = match family.recipient.trim() {
                "" => vec![ADDRESS_FROM_RECORD.to_owned()],
                name => std::iter::once(name)
                    .chain(family.address.lines().map(str::trim).filter(|l| !l.is_empty()))
                    .map(str::to_owned)
                    .collect(),
            };
            (format!("decision-{}", outcome.code()), letter, to, String::new())
        }
    };
    let doc = ardesk_documents::letter::LetterDoc {
        school_name: profile.name.clone(),
        school_address: "Special Educational Needs team".to_owned(),
        school_contact: contact,
        logo_png: None,
        date: written(today),
        recipient,
        letter,
        signer: "SEN casework officer".to_owned(),
        signer_role: profile.name.clone(),
        created: now,
    };
    let base = format!("{stem}-{initials}-{}", row.meeting_date.as_deref().unwrap_or("undated"));
    let stem = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|s| !out.join(format!("{s}.docx")).exists() && !out.join(format!("{s}.pdf")).exists())
        .unwrap_or(base);
    write_formats(out, &stem, LetterFormat::Both, "reply", |ext| match ext {
        "docx" => ardesk_documents::letter::render_docx(&doc),
        _ => ardesk_documents::letter::render_pdf(&doc),
    })
}

impl App {
    /// "Draft the reply" in the register: the reply `form.reply` to the review listed as
    /// `form.file`, written in `folder`. The register remembers it (the "replied" filter).
    pub fn draft_reply(&mut self, form: &ReplyForm, folder: &Path) -> Result<LettersWritten, AppError> {
        let reply = Reply::from_code(&form.reply)?;
        let (today, now) = (self.clock.today(), self.clock.now());
        let las = catalogue(&self.store)?;
        let desk = &mut self.received;
        let row = desk.rows.iter_mut().find(|r| r.file == form.file).ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "That review is not in the register: open the folder again.")
        })?;
        let drafting = Drafting { las: &las, la: desk.la.as_deref(), out: folder, today, now };
        let files = draft_reply(row, reply, form, &drafting)?;
        row.replied = Some(form.reply.clone());
        row.replied_on = Some(today.to_string());
        let key = review_key(row);
        let action = Action { actor: &self.actor, name: "desk.reply_drafted", at: now };
        self.store.write(action, |tx| tx.insert_desk_reply(&key, &form.reply, today).map(drop))?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }
}

/// The wording of reply `kind`: the profile's, or the shipped one.
fn template<'a>(profile: &'a LaProfile, kind: &str) -> &'a str {
    profile.replies.get(kind).map(String::as_str).or_else(|| builtin(kind)).unwrap_or_default()
}

/// What a "returned for completion" reply says of `row`.
fn returned(row: &ReceivedRow, profile: &LaProfile, today: NaiveDate) -> Returned {
    let date = |d: &Option<String>| d.as_deref().and_then(parse_iso).map(long).unwrap_or_default();
    let received = parse_iso(&row.received).unwrap_or(today);
    // A problem in words: "V01: …" is the rule's code, which the school's check shows it too.
    let problems: Vec<String> = row
        .problems
        .iter()
        .map(|p| match p.split_once(": ") {
            Some((rule, rest)) if rule.len() == 3 && rule.starts_with('V') => rest.to_owned(),
            _ => p.clone(),
        })
        .map(|p| sentence(&p))
        .chain(row.missing.iter().map(|m| format!("{m} is required and was not sent.")))
        .collect();
    let how = match profile.submission.channel {
        Channel::Portal => "our portal",
        Channel::Email => "secure email",
        Channel::Securefile => "secure file transfer",
        Channel::DigitalForm => "our digital form",
    };
    Returned {
        initials: row.child_initials.clone().unwrap_or_default(),
        la_ref: row.la_ref.clone().unwrap_or_else(|| "no LA reference given".to_owned()),
        meeting: date(&row.meeting_date),
        received: long(received),
        reply_by: long(received.checked_add_days(Days::new(SCHOOL_ANSWER_DAYS)).unwrap_or(received)),
        decision_due: date(&row.decision_due),
        channel: match &profile.submission.address {
            Some(address) => format!("{how} ({address})"),
            None => how.to_owned(),
        },
        problems,
    }
}

/// What a decision letter says of `row`: the family's details as typed, the sections as the
/// school proposed them.
fn decision(
    row: &ReceivedRow,
    outcome: Outcome,
    family: &ReplyForm,
    profile: &LaProfile,
    meeting: NaiveDate,
    today: NaiveDate,
) -> Decision {
    let initials = row.child_initials.clone().unwrap_or_default();
    let child = Some(family.child_name.trim()).filter(|n| !n.is_empty()).map_or(initials, str::to_owned);
    Decision {
        outcome,
        child,
        la_ref: row.la_ref.clone().unwrap_or_else(|| "not given".to_owned()),
        meeting,
        letter: today,
        recipient: Some(family.recipient.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or("Parent or carer")
            .to_owned(),
        sections: row
            .sections_to_amend
            .iter()
            .map(|code| match SectionId::from_code(code) {
                Some(s) => format!("Section {}: {}", s.code(), s.title()),
                None => format!("Section {code}"),
            })
            .collect(),
        sendiass: profile.sendiass.clone(),
        mediation: profile.mediation.clone(),
        // The address schools submit to is not the family's way in: the team, by name.
        contact: format!("the SEN team at {}", profile.name),
    }
}

/// Initials from a received manifest as part of a file name: letters only, at most 8 (the
/// manifest comes from outside; "../" or a control character must not reach a path).
fn file_safe(initials: &str) -> String {
    let kept: String = initials.chars().filter(char::is_ascii_alphabetic).take(8).collect();
    if kept.is_empty() { "child".to_owned() } else { kept }
}

/// `text` as a sentence: a capital first, a full stop last.
fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}
