//! The submission bundle (spec §8): what goes in it, what each file is called, and the
//! validation rules V01–V19, every finding at once with its rule, document, message and fix.

use chrono::NaiveDate;

use crate::content::{Active, Format, active_severity};
use crate::la::{Condition, LaProfile};
use crate::problem::Severity;

/// The short document code used in file names (spec §8.2).
pub fn file_code(code: &str) -> &'static str {
    match code {
        "D01" => "AR1",
        "D02" => "SCHOOLREPORT",
        "D03" => "SSP",
        "D04" => "EHCP-TRACKED",
        "D05" => "PEP",
        "D06" => "PFA",
        "D07" => "CPM",
        "D08" => "RISK",
        "D09" => "PROF",
        "D10" => "VIEWS-PARENT",
        "D11" => "VIEWS-CYP",
        "D12" => "PB",
        "D13" => "HEALTH",
        "D14" => "ATTENDANCE",
        "D15" => "REQ",
        "D16" => "LOG",
        _ => "DOC",
    }
}

/// A bundle file's name: `NN_<code>.<ext>`, numbered from 01.
pub fn entry_name(n: usize, code: &str, ext: &str) -> String {
    format!("{:02}_{}.{}", n, file_code(code), ext)
}

/// Fills the profile's file-name pattern (`{la_ref}`, `{initials}`, `{meeting}`; `{nn}` and
/// `{code}` are dropped for the bundle's own name) and keeps only safe characters.
pub fn bundle_name(pattern: &str, la_ref: &str, initials: &str, meeting: NaiveDate) -> String {
    let filled = pattern
        .replace("{la_ref}", la_ref)
        .replace("{initials}", initials)
        .replace("{meeting}", &meeting.format("%Y%m%d").to_string())
        .replace("{nn}", "")
        .replace("{code}", "");
    let safe: String = filled
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    let mut out = String::new();
    for c in safe.chars() {
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let out = out.trim_matches('_').to_owned();
    if out.is_empty() { "AR_bundle".to_owned() } else { out }
}

/// Where a bundle file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Written by the app (the AR1 record, the amendments, typed-in views).
    Generated,
    /// Received and attached to the checklist.
    Attached,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Generated => "generated",
            Source::Attached => "attached",
        }
    }
}

/// One file planned for the bundle, with what the scan said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// D01–D19.
    pub code: String,
    pub title: String,
    /// The name it was received under, or what the app calls it.
    pub original_name: String,
    /// Lower-case extension without the dot.
    pub ext: String,
    pub size: u64,
    pub source: Source,
    /// `ok`, `encrypted`, `macro`, `unsupported`, `too_large` or `unreadable`.
    pub verdict: String,
    pub verdict_detail: String,
    /// For a `macro` verdict, what would run or fetch something (macros when not known).
    pub active: Option<Active>,
    /// Credential-like text found in it.
    pub credentials: Option<String>,
    /// Another pupil on the caseload named in its text (V13), by their initials: the finding
    /// goes into the manifest the LA receives.
    pub other_pupil: Option<String>,
    /// A Word document (not the tracked-change document) still holding tracked changes or
    /// comments (V16).
    pub review_marks: bool,
    /// What in its content marks it as a safeguarding record (a CPOMS or MyConcern export, a
    /// safeguarding chronology), if anything (V03, D17).
    pub safeguarding: Option<String>,
}

/// An invitee asked for advice, and what came of it (V10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceState {
    pub who: String,
    pub received: bool,
    pub chased: bool,
}

/// An amendment's evidence citing a page beyond the end of the report it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidencePage {
    /// The section changed: "F".
    pub section: String,
    /// The report's title on the checklist.
    pub report: String,
    pub cited: u32,
    pub pages: usize,
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct BundleFacts<'a> {
    pub profile: &'a LaProfile,
    pub looked_after: bool,
    /// Year 9 or above.
    pub pfa: bool,
    /// The AR1 record's own completeness problems (V04, V05, V07, V17), as messages by field.
    pub ar1_problems: Vec<(String, String)>,
    /// The record recommends amending the plan.
    pub recommends_amend: bool,
    /// The record asks the LA for a change of funding, or of placement (V09).
    pub requests_funding: bool,
    pub requests_placement: bool,
    /// The record asks the LA for a reassessment of the child's needs.
    pub requests_reassessment: bool,
    /// A Personal Budget is requested or in place (spec §5 N1), so D12 goes with the bundle.
    pub personal_budget: bool,
    pub amendments: usize,
    /// The sections changed on the amendments page, and those the AR1 record lists for
    /// amendment (with a summary); V06 wants the two to agree.
    pub amended_sections: Vec<String>,
    pub ar1_amend_sections: Vec<String>,
    /// Amendments to B, C, D, F, G or H whose evidence is not a file in the bundle.
    pub evidence_missing: Vec<String>,
    /// Evidence that cites a page its report does not have.
    pub evidence_pages: Vec<EvidencePage>,
    pub no_amendments_stated: bool,
    /// A VSH or social worker is among the invitees.
    pub care_invited: bool,
    pub advice: Vec<AdviceState>,
    pub meeting: NaiveDate,
    pub invited_on: Option<NaiveDate>,
    pub circulated_on: Option<NaiveDate>,
    /// T11: the record due with the LA.
    pub report_due: Option<NaiveDate>,
    /// T16/T17: the latest meeting date for a phase transfer, if this is one.
    pub transfer_meeting_by: Option<NaiveDate>,
    /// The LA's profile in force on the export date (`today`), for V18; `profile` is the one in
    /// force at the meeting, whose form the record is written on.
    pub export_profile: &'a LaProfile,
    /// The child's NC year at the meeting (which of the LA's forms applies).
    pub ncy: i32,
    pub today: NaiveDate,
    pub files: &'a [PlannedFile],
}

/// One finding of the validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The document it is about, if one.
    pub document: Option<String>,
    pub message: String,
    pub fix: String,
}

impl Finding {
    fn new(
        rule: &'static str,
        severity: Severity,
        document: Option<&str>,
        message: String,
        fix: &str,
    ) -> Finding {
        Finding { rule, severity, document: document.map(str::to_owned), message, fix: fix.to_owned() }
    }
}

/// Rules whose findings can be overridden with a reason: the warnings, and V02 (credential-like
/// text, which is often a false alarm: "the PIN: pupil identification number").
pub fn can_override(f: &Finding) -> bool {
    f.severity == Severity::Warn || f.rule == "V02"
}

/// What a bundle holds, as either side can see it from the files themselves: the school before
/// it sends the bundle, and the LA from the zip and its manifest. [`check_contents`] runs the
/// rules that need no more than this, so the two sides cannot disagree about them.
#[derive(Debug, Clone, Copy)]
pub struct Contents<'a> {
    pub profile: &'a LaProfile,
    pub looked_after: bool,
    /// Year 9 or above.
    pub pfa: bool,
    pub amendments_proposed: bool,
    pub files: &'a [PlannedFile],
}

impl Contents<'_> {
    fn has(&self, code: &str) -> bool {
        self.files.iter().any(|f| f.code == code)
    }
}

/// The rules that look only at what is in the bundle (V01–V03, V06's tracked-change document,
/// V07, V08's PEP, V10's required documents, V13, V14, V16), in rule order.
pub fn check_contents(c: &Contents<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    file_rules(c, &mut out);
    document_rules(c, &mut out);
    required_documents(c, &mut out);
    out.sort_by(|a, b| a.rule.cmp(b.rule));
    out
}

/// Each file on its own: passwords, macros, types and sizes, credentials, other pupils,
/// tracked changes, safeguarding records; then the documents the LA forbids.
fn file_rules(c: &Contents<'_>, out: &mut Vec<Finding>) {
    use Severity::{Block, Warn};
    let p = c.profile;
    let has = |code: &str| c.has(code);
    for f in c.files {
        let doc = Some(f.title.as_str());
        let fix = crate::content::fix(&f.verdict, f.active, Format::of_ext(&f.ext));
        match f.verdict.as_str() {
            "encrypted" => out.push(Finding::new(
                "V01",
                Block,
                doc,
                format!("{} cannot be opened without a password: {}.", f.original_name, f.verdict_detail),
                &fix,
            )),
            "macro" => out.push(Finding::new(
                "V14",
                active_severity(&p.files.active_content, f.active.unwrap_or(Active::Macros)),
                doc,
                format!("{}: {}.", f.original_name, f.verdict_detail),
                &fix,
            )),
            "unreadable" => out.push(Finding::new(
                "V14",
                Block,
                doc,
                format!("{} cannot be read: {}.", f.original_name, f.verdict_detail),
                &fix,
            )),
            "unsupported" | "too_large" => out.push(Finding::new(
                "V14",
                Block,
                doc,
                format!("{} cannot be sent: {}.", f.original_name, f.verdict_detail),
                &fix,
            )),
            _ => {}
        }
        if let Some(c) = &f.credentials {
            out.push(Finding::new(
                "V02",
                Block,
                doc,
                format!("{} contains what looks like a password (\u{201c}{c}\u{201d}).", f.original_name),
                "Remove the password from the document, or record why it is not one.",
            ));
        }
        if let Some(name) = &f.other_pupil {
            out.push(Finding::new(
                "V13",
                Warn,
                doc,
                format!("{} names another pupil on the caseload (initials {name}).", f.original_name),
                "Check it is about this child only; remove or redact other pupils' details (D19).",
            ));
        }
        if f.review_marks && f.code != "D04" {
            out.push(Finding::new(
                "V16",
                Warn,
                doc,
                format!("{} still has tracked changes or comments in it.", f.original_name),
                "Accept or reject the changes and delete the comments, or ask the sender for a final copy.",
            ));
        }
        // A safeguarding record, by its name or by what is in it: blocked where the LA forbids
        // them (D17, as Redcar does), a warning elsewhere.
        let lower = f.original_name.to_ascii_lowercase();
        let by_name = crate::paperwork::SAFEGUARDING_MARKERS.iter().any(|w| lower.contains(w));
        if by_name || f.safeguarding.is_some() {
            let forbidden = p.documents.forbidden.iter().any(|d| d == "D17");
            let why = match &f.safeguarding {
                Some(marker) => format!(
                    "{} looks like a safeguarding record (it says \u{201c}{marker}\u{201d}).",
                    f.original_name
                ),
                None => format!("{} looks like a safeguarding record.", f.original_name),
            };
            out.push(Finding::new(
                "V03",
                if forbidden { Block } else { Warn },
                doc,
                if forbidden { format!("{why} {} does not accept safeguarding records.", p.name) } else { why },
                "Safeguarding records must not go to the LA with the review: remove it unless you are sure it is not one.",
            ));
        }
        if f.verdict == "ok" && !p.files.allowed_ext.contains(&f.ext) {
            out.push(Finding::new(
                "V14",
                Block,
                doc,
                format!(
                    "{} is a .{} file; {} accepts {}.",
                    f.original_name,
                    f.ext,
                    p.name,
                    p.files.allowed_ext.join(", ")
                ),
                "Ask for the document as PDF, or save it as PDF yourself.",
            ));
        }
        if let Some(mb) = p.files.max_mb
            && f.size > u64::from(mb) * 1024 * 1024
        {
            out.push(Finding::new(
                "V14",
                Block,
                doc,
                format!("{} is larger than the {mb} MB {} allows.", f.original_name, p.name),
                "Ask for a smaller copy.",
            ));
        }
    }
    for code in &p.documents.forbidden {
        if has(code) {
            out.push(Finding::new(
                "V03",
                Block,
                Some(crate::paperwork::doc_title(code)),
                format!("{} must not be sent to {}.", crate::paperwork::doc_title(code), p.name),
                "Remove it from the review's documents.",
            ));
        }
    }
}

/// The documents the bundle's contents call for: the tracked-change document when amendments
/// are proposed (V06), preparing-for-adulthood information from Year 9 (V07), the PEP for a
/// looked-after child (V08).
fn document_rules(c: &Contents<'_>, out: &mut Vec<Finding>) {
    use Severity::Block;
    let p = c.profile;
    let has = |code: &str| c.has(code);
    if c.amendments_proposed && !has("D04") {
        out.push(Finding::new(
            "V06",
            Block,
            Some("Tracked-change document"),
            "Amendments are proposed but the tracked-change document is missing.".to_owned(),
            "It is generated from the amendments: check the amendments page.",
        ));
    }
    let needed = |when: Condition| {
        p.documents.conditional.iter().filter(move |c| c.when == when).map(|c| c.doc.as_str())
    };
    if c.pfa {
        for code in needed(Condition::Year9Plus).chain(std::iter::once("D06")) {
            if !has(code) {
                out.push(Finding::new(
                    "V07",
                    Block,
                    Some(crate::paperwork::doc_title(code)),
                    format!(
                        "{} is needed from Year 9 but is not attached.",
                        crate::paperwork::doc_title(code)
                    ),
                    "Attach it to the checklist on the \u{201c}Before the meeting\u{201d} page.",
                ));
                break;
            }
        }
    }
    if c.looked_after && !has("D05") {
        out.push(Finding::new(
            "V08",
            Block,
            Some(crate::paperwork::doc_title("D05")),
            "The child is looked after, but the Personal Education Plan is not attached.".to_owned(),
            "Attach the current PEP.",
        ));
    }
}

/// V10: what the LA's profile requires and the bundle lacks, unless a finding about that
/// document is already made.
fn required_documents(c: &Contents<'_>, out: &mut Vec<Finding>) {
    use Severity::Warn;
    let p = c.profile;
    let has = |code: &str| c.has(code);
    for code in &p.documents.required {
        if code != "D04"
            && !has(code)
            && !out.iter().any(|f| f.document.as_deref() == Some(crate::paperwork::doc_title(code)))
        {
            out.push(Finding::new(
                "V10",
                Warn,
                Some(crate::paperwork::doc_title(code)),
                format!(
                    "{} requires {}, which is not in the bundle.",
                    p.name,
                    crate::paperwork::doc_title(code)
                ),
                "Attach it, or record why it is missing.",
            ));
        }
    }
}

/// Every finding for the bundle, in rule order: [`check_contents`]'s rules and those that need
/// the school's records (the AR1 record, the invitees, the dates).
pub fn validate(facts: &BundleFacts<'_>) -> Vec<Finding> {
    use Severity::{Block, Warn};
    let contents = Contents {
        profile: facts.profile,
        looked_after: facts.looked_after,
        pfa: facts.pfa,
        amendments_proposed: facts.amendments > 0,
        files: facts.files,
    };
    let mut out = Vec::new();
    let p = facts.profile;
    let has = |code: &str| contents.has(code);
    file_rules(&contents, &mut out);
    for (_, message) in &facts.ar1_problems {
        let rule = if message.contains("(V05)") {
            "V05"
        } else if message.contains("(V07)") {
            "V07"
        } else if message.contains("(V17)") {
            "V17"
        } else if message.contains("(V06)") {
            "V06"
        } else {
            "V04"
        };
        out.push(Finding::new(rule, Block, Some("AR1 record"), message.clone(), "Complete the AR1 record."));
    }
    document_rules(&contents, &mut out);
    if facts.recommends_amend && facts.amendments == 0 {
        out.push(Finding::new(
            "V06",
            Block,
            Some("Tracked-change document"),
            "The record recommends amending the plan, but no amendments are listed.".to_owned(),
            "Add the proposed changes on the amendments page.",
        ));
    }
    if facts.amendments == 0 && !facts.no_amendments_stated && !facts.recommends_amend {
        out.push(Finding::new(
            "V06",
            Block,
            Some("AR1 record"),
            "\u{201c}No amendments proposed\u{201d} is not stated.".to_owned(),
            "State it in the AR1 record or on the amendments page.",
        ));
    }
    if facts.recommends_amend {
        for s in facts.amended_sections.iter().filter(|s| !facts.ar1_amend_sections.contains(s)) {
            out.push(Finding::new(
                "V06",
                Block,
                Some("AR1 record"),
                format!(
                    "Section {s} is changed on the amendments page, but the AR1 record does not list it."
                ),
                "Add a one-line summary for it under the sections to amend, or remove the change.",
            ));
        }
        for s in facts.ar1_amend_sections.iter().filter(|s| !facts.amended_sections.contains(s)) {
            out.push(Finding::new(
                "V06",
                Block,
                Some("Tracked-change document"),
                format!("The AR1 record lists Section {s} for amendment, but no change to it is proposed."),
                "Propose the change on the amendments page, or remove the section from the record.",
            ));
        }
    }
    for section in &facts.evidence_missing {
        out.push(Finding::new(
            "V06",
            Block,
            Some("Tracked-change document"),
            format!("The change to Section {section} cites evidence that is not in the bundle."),
            "Attach the report it cites, or cite one that is attached.",
        ));
    }
    for e in &facts.evidence_pages {
        out.push(Finding::new(
            "V06",
            Warn,
            Some("Tracked-change document"),
            format!(
                "The change to Section {} cites page {} of the {}, which has {} page{}.",
                e.section,
                e.cited,
                e.report,
                e.pages,
                if e.pages == 1 { "" } else { "s" }
            ),
            "Check the page in the report and correct the evidence on the amendments page.",
        ));
    }
    if facts.looked_after && !facts.care_invited {
        out.push(Finding::new(
            "V08",
            Block,
            None,
            "The child is looked after, but neither the Virtual School Head nor the social worker was invited.".to_owned(),
            "Add them to the invitees.",
        ));
    }
    // V09: a funding request needs the costed provision map, a placement request the risk
    // assessment. It blocks where the LA's profile makes the document a condition, else warns.
    // The document is added to the checklist by hand ("Add a document"), then its file attached.
    for (asked, when, code, what, fix) in [
        (
            facts.requests_funding,
            Condition::FundingChange,
            "D07",
            "a change of funding",
            "Add a costed provision map to the checklist in \u{201c}Before the meeting\u{201d} and attach it, or remove the request from the AR1 record.",
        ),
        (
            facts.requests_placement,
            Condition::PlacementChange,
            "D08",
            "a change of placement",
            "Add a risk assessment to the checklist in \u{201c}Before the meeting\u{201d} and attach it, or remove the request from the AR1 record.",
        ),
    ] {
        if asked && !has(code) {
            let required = p.documents.conditional.iter().any(|c| c.when == when && c.doc == code);
            out.push(Finding::new(
                "V09",
                if required { Block } else { Warn },
                Some(crate::paperwork::doc_title(code)),
                format!(
                    "The record requests {what}, but the {} is not attached.",
                    crate::paperwork::doc_title(code).to_lowercase()
                ),
                fix,
            ));
        }
    }
    // A request to the LA goes with the LA's request form where its profile asks for one
    // (spec §4, D15: "conditional: request made"). The spec's rules name no severity for it,
    // so it warns, and V09 (a request's supporting documents) carries it.
    let requests: Vec<&str> = [
        (facts.requests_reassessment, "a reassessment"),
        (facts.requests_funding, "a change of funding"),
        (facts.requests_placement, "a change of placement"),
    ]
    .into_iter()
    .filter_map(|(asked, what)| asked.then_some(what))
    .collect();
    let wants_form =
        p.documents.conditional.iter().any(|c| c.when == Condition::RequestMade && c.doc == "D15");
    if !requests.is_empty() && wants_form && !has("D15") {
        out.push(Finding::new(
            "V09",
            Warn,
            Some(crate::paperwork::doc_title("D15")),
            format!(
                "The record requests {}, and {} asks for its request form with a request, but none is attached.",
                requests.join(" and "),
                p.name
            ),
            "Add a request form to the checklist in \u{201c}Before the meeting\u{201d} (Add a document) and attach the LA's form, filled in.",
        ));
    }
    // A Personal Budget requested or in place goes with the LA's request or review form where the
    // profile asks for one (spec §4, D12: "conditional: requested or in place"; CoP 9.168). As for
    // D15, the spec names no severity: it warns.
    let wants_pb_form =
        p.documents.conditional.iter().any(|c| c.when == Condition::PersonalBudget && c.doc == "D12");
    if facts.personal_budget && wants_pb_form && !has("D12") {
        out.push(Finding::new(
            "V09",
            Warn,
            Some(crate::paperwork::doc_title("D12")),
            format!(
                "A Personal Budget is requested or in place, and {} asks for its Personal Budget form, but none is attached.",
                p.name
            ),
            "Add a Personal Budget request or review form to the checklist in \u{201c}Before the meeting\u{201d} (Add a document) and attach the LA's form, filled in.",
        ));
    }
    required_documents(&contents, &mut out);
    for a in facts.advice.iter().filter(|a| !a.received) {
        out.push(Finding::new(
            "V10",
            Warn,
            None,
            format!(
                "Advice from {} has not been received{}.",
                a.who,
                if a.chased { " (a reminder was sent)" } else { " and no reminder was sent" }
            ),
            "Attach it, or record why the bundle goes without it.",
        ));
    }
    let notice = crate::calendar::sub_days(facts.meeting, 14);
    match facts.invited_on {
        Some(d) if d > notice => out.push(Finding::new(
            "V11",
            Warn,
            None,
            format!("Invitations went on {}, less than two weeks before the meeting.", crate::dates::long(d)),
            "Record why (for example, a meeting brought forward with everyone's agreement).",
        )),
        None => out.push(Finding::new(
            "V11",
            Warn,
            None,
            "The invitations are not recorded as sent.".to_owned(),
            "Record when they went.",
        )),
        _ => {}
    }
    match facts.circulated_on {
        Some(d) if d > notice => out.push(Finding::new(
            "V11",
            Warn,
            None,
            format!(
                "The advice was circulated on {}, less than two weeks before the meeting.",
                crate::dates::long(d)
            ),
            "Record why.",
        )),
        None => out.push(Finding::new(
            "V11",
            Warn,
            None,
            "Circulation of the advice is not recorded.".to_owned(),
            "Record when it went.",
        )),
        _ => {}
    }
    if let Some(due) = facts.report_due
        && facts.today > due
    {
        out.push(Finding::new(
            "V11",
            Warn,
            Some("AR1 record"),
            format!("The record was due with the LA by {} (T11).", crate::dates::long(due)),
            "Send it now and record why it is late.",
        ));
    }
    out.extend(form_in_force(facts));
    if let Some(by) = facts.transfer_meeting_by
        && facts.meeting > by
    {
        out.push(Finding::new(
            "V12",
            Warn,
            None,
            format!("This is a phase-transfer review and the meeting was after {}.", crate::dates::long(by)),
            "Record why; the LA must still name the new school by its deadline.",
        ));
    }
    out.sort_by(|a, b| a.rule.cmp(b.rule));
    out
}

/// V18: the record is written on the LA's form in force at the meeting. If, on the export date,
/// the LA has a newer form and no longer accepts older ones (its profile's `old_form_cutoff`,
/// Southwark: old forms accepted until 1 April 2026), the record is on a form the LA refuses: a
/// warning. Before the cut-off, a note of the date by which to send it.
fn form_in_force(facts: &BundleFacts<'_>) -> Option<Finding> {
    let now = facts.export_profile;
    let used = facts.profile.ar1_for(facts.ncy)?;
    let current = now.ar1_for(facts.ncy)?;
    if (used.title.as_str(), used.version.as_str()) == (current.title.as_str(), current.version.as_str()) {
        return None;
    }
    let cutoff = now.forms.old_form_cutoff?;
    let (form, new) =
        (format!("{} ({})", used.title, used.version), format!("{} ({})", current.title, current.version));
    Some(if facts.today > cutoff {
        Finding::new(
            "V18",
            Severity::Warn,
            Some("AR1 record"),
            format!(
                "The record is on {form}; since {} {} accepts only {new}.",
                crate::dates::long(cutoff),
                now.name
            ),
            "Copy the record onto the current form, or record that the LA agreed to take it as it is.",
        )
    } else {
        Finding::new(
            "V18",
            Severity::Info,
            Some("AR1 record"),
            format!(
                "The record is on {form}; {} accepts it until {}, then only {new}.",
                now.name,
                crate::dates::long(cutoff)
            ),
            "Send it by then.",
        )
    })
}

/// The subject of the email (or the label of the upload) that carries the bundle, from the LA's
/// `subject_pattern`: `{initials}` and `{la_ref}` (or `{student_id}`, the same reference) are
/// filled in; any other placeholder is left out, so the subject never carries a name (spec §8.2:
/// no full names in email subjects).
pub fn email_subject(pattern: &str, initials: &str, reference: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push_str(after);
            rest = "";
            break;
        };
        match after.get(1..end).unwrap_or_default() {
            "initials" => out.push_str(initials),
            "la_ref" | "student_id" => out.push_str(reference),
            _ => {}
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the exported bundle goes to the LA (spec §8.1): one zip sent as it is where the LA asks
/// for the paperwork zipped into one file (`zip_single_file`, Buckinghamshire's AnyComms), else
/// the files inside it, each uploaded or attached (a portal takes each document on its own).
pub fn how_to_send(profile: &LaProfile) -> String {
    use crate::la::Channel;
    let s = &profile.submission;
    let to = s.address.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let place = match (s.channel, to) {
        (Channel::Email, Some(a)) => format!("by email to {a}"),
        (Channel::Email, None) => "by email".to_owned(),
        (Channel::Portal, Some(a)) => format!("through {a}"),
        (Channel::Portal, None) => format!("through {}'s portal", profile.name),
        (Channel::Securefile, Some(a)) => format!("by secure file transfer ({a})"),
        (Channel::Securefile, None) => "by secure file transfer".to_owned(),
        (Channel::DigitalForm, Some(a)) => format!("with {}'s digital form ({a})", profile.name),
        (Channel::DigitalForm, None) => format!("with {}'s digital form", profile.name),
    };
    if s.zip_single_file {
        format!("Send the zip as one file {place}: {} asks for the paperwork in one file.", profile.name)
    } else {
        format!(
            "Send the documents inside the zip {place}, each as its own file; keep the zip, whose manifest and index record what went."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::la::LaCatalogue;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn file(code: &str, ext: &str, verdict: &str) -> PlannedFile {
        PlannedFile {
            code: code.into(),
            title: crate::paperwork::doc_title(code).into(),
            original_name: format!("{code}.{ext}"),
            ext: ext.into(),
            size: 1000,
            source: Source::Attached,
            verdict: verdict.into(),
            verdict_detail: "detail".into(),
            active: None,
            credentials: None,
            other_pupil: None,
            review_marks: false,
            safeguarding: None,
        }
    }

    #[test]
    fn names_follow_the_profile_pattern() {
        assert_eq!(entry_name(1, "D01", "pdf"), "01_AR1.pdf");
        assert_eq!(entry_name(12, "D09", "docx"), "12_PROF.docx");
        let name =
            bundle_name("AR_{la_ref}_{initials}_{meeting}_{nn}_{code}", "RC-EHC-1", "RT", d(2026, 11, 11));
        assert_eq!(name, "AR_RC-EHC-1_RT_20261111");
        assert_eq!(bundle_name("{la_ref}/../{initials}", "", "", d(2026, 1, 1)), "AR_bundle");
    }

    #[test]
    fn a_clean_bundle_has_only_what_is_missing_and_every_block_is_reported() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let files = vec![
            file("D01", "pdf", "ok"),
            file("D02", "pdf", "ok"),
            file("D03", "pdf", "ok"),
            file("D10", "pdf", "ok"),
            file("D11", "pdf", "ok"),
            file("D09", "pdf", "encrypted"),
            file("D09", "docm", "macro"),
            file("D17", "pdf", "ok"),
        ];
        let facts = BundleFacts {
            looked_after: true,
            ar1_problems: vec![("discussion".into(), "The record of discussion is empty (V04).".into())],
            requests_funding: true,
            advice: vec![AdviceState { who: "Dr EP".into(), received: false, chased: true }],
            meeting: d(2026, 11, 11),
            invited_on: Some(d(2026, 10, 1)),
            circulated_on: Some(d(2026, 10, 20)),
            report_due: Some(d(2026, 11, 25)),
            ncy: 6,
            ..facts(profile, profile, &files, d(2026, 11, 22))
        };
        let found: Vec<(&str, Severity)> = validate(&facts).iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(
            found,
            [
                ("V01", Severity::Block),
                ("V03", Severity::Block),
                ("V04", Severity::Block),
                ("V08", Severity::Block),
                ("V08", Severity::Block),
                ("V09", Severity::Block),
                ("V09", Severity::Warn),
                ("V10", Severity::Warn),
                ("V14", Severity::Block),
            ],
            "{:#?}",
            validate(&facts)
        );
    }

    #[test]
    fn the_record_and_the_amendments_name_the_same_sections() {
        let catalogue = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let Some(profile) = catalogue.current().into_iter().next() else { unreachable!("a profile") };
        let files: Vec<PlannedFile> = Vec::new();
        let facts = BundleFacts {
            recommends_amend: true,
            amendments: 2,
            amended_sections: vec!["B".into(), "F".into()],
            ar1_amend_sections: vec!["F".into(), "I".into()],
            no_amendments_stated: false,
            meeting: d(2026, 11, 11),
            invited_on: Some(d(2026, 10, 1)),
            circulated_on: Some(d(2026, 10, 20)),
            report_due: Some(d(2026, 11, 25)),
            ncy: 6,
            ..facts(profile, profile, &files, d(2026, 11, 22))
        };
        let messages: Vec<String> = validate(&facts)
            .into_iter()
            .filter(|f| f.message.contains("Section"))
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "Section B is changed on the amendments page, but the AR1 record does not list it.",
                "The AR1 record lists Section I for amendment, but no change to it is proposed.",
            ]
        );
    }

    /// Facts of a bundle with nothing else wrong that these tests look at.
    fn facts<'a>(
        profile: &'a LaProfile,
        export_profile: &'a LaProfile,
        files: &'a [PlannedFile],
        today: NaiveDate,
    ) -> BundleFacts<'a> {
        BundleFacts {
            profile,
            looked_after: false,
            pfa: false,
            ar1_problems: vec![],
            recommends_amend: false,
            requests_funding: false,
            requests_placement: false,
            requests_reassessment: false,
            personal_budget: false,
            amendments: 0,
            amended_sections: vec![],
            ar1_amend_sections: vec![],
            evidence_missing: vec![],
            evidence_pages: vec![],
            no_amendments_stated: true,
            care_invited: false,
            advice: vec![],
            meeting: d(2026, 1, 20),
            invited_on: Some(d(2025, 12, 1)),
            circulated_on: Some(d(2025, 12, 20)),
            report_due: None,
            transfer_meeting_by: None,
            export_profile,
            ncy: 7,
            today,
            files,
        }
    }

    /// V09 (spec §8.5; Redcar's pathway: a funding request needs the costed provision map, a
    /// placement request the risk assessment): it blocks where the profile makes the document a
    /// condition, says how to add it, and is met by the document added to the checklist and
    /// attached (issue 15 item 12).
    #[test]
    fn v09_a_request_needs_its_document_and_says_how_to_add_it() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let redcar = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let v09 = |funding: bool, placement: bool, files: &[PlannedFile]| -> Vec<(Severity, String)> {
            let mut f = facts(redcar, redcar, files, d(2026, 1, 25));
            f.requests_funding = funding;
            f.requests_placement = placement;
            // The request form (D15) has its own test below.
            validate(&f)
                .into_iter()
                .filter(|f| f.rule == "V09" && f.document.as_deref() != Some("Request form"))
                .map(|f| (f.severity, f.fix))
                .collect()
        };
        let cpm = [file("D07", "pdf", "ok")];
        let risk = [file("D08", "pdf", "ok")];
        let cases: [(bool, bool, &[PlannedFile], &[&str]); 6] = [
            (false, false, &[], &[]),
            (true, false, &[], &["Add a costed provision map"]),
            (true, false, &cpm, &[]),
            (false, true, &[], &["Add a risk assessment"]),
            (false, true, &risk, &[]),
            (true, true, &risk, &["Add a costed provision map"]),
        ];
        for (funding, placement, files, expected) in cases {
            let found = v09(funding, placement, files);
            assert_eq!(found.len(), expected.len(), "{funding} {placement}: {found:?}");
            for ((severity, fix), want) in found.iter().zip(expected) {
                assert_eq!(*severity, Severity::Block, "Redcar makes them conditions");
                assert!(fix.starts_with(want) && fix.contains("Before the meeting"), "{fix}");
            }
        }
        // Where the profile does not make the document a condition, a warning.
        let kent = cat.get("kent").unwrap_or_else(|| unreachable!());
        let mut f = facts(kent, kent, &[], d(2026, 1, 25));
        f.requests_funding = true;
        let kent_cpm = kent.documents.conditional.iter().any(|c| c.doc == "D07");
        let severity = validate(&f).into_iter().find(|f| f.rule == "V09").map(|f| f.severity);
        assert_eq!(severity, Some(if kent_cpm { Severity::Block } else { Severity::Warn }));
    }

    /// V03 (issue 18 item 6): a safeguarding record, found by its name or by what it says, is
    /// blocked where the LA forbids them (D17: every shipped profile, after Redcar's "do NOT
    /// include CPOMS records"), and only warned about where it does not.
    #[test]
    fn v03_a_safeguarding_record_is_found_by_content_and_blocked_where_forbidden() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let redcar = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let v03 = |profile: &LaProfile, f: PlannedFile| -> Vec<(Severity, String)> {
            let files = [f];
            validate(&facts(profile, profile, &files, d(2026, 1, 25)))
                .into_iter()
                .filter(|f| {
                    f.rule == "V03" && f.document.as_deref() != Some(crate::paperwork::doc_title("D17"))
                })
                .map(|f| (f.severity, f.message))
                .collect()
        };
        let by_content = PlannedFile { safeguarding: Some("CPOMS".into()), ..file("D02", "pdf", "ok") };
        let found = v03(redcar, by_content.clone());
        assert!(
            found.len() == 1
                && found[0].0 == Severity::Block
                && found[0].1.contains("it says \u{201c}CPOMS\u{201d}"),
            "{found:?}"
        );
        let by_name =
            PlannedFile { original_name: "Export from CPOMS.pdf".into(), ..file("D02", "pdf", "ok") };
        assert_eq!(v03(redcar, by_name).first().map(|f| f.0), Some(Severity::Block));
        assert!(v03(redcar, file("D02", "pdf", "ok")).is_empty());
        let mut lenient = redcar.clone();
        lenient.documents.forbidden.retain(|d| d != "D17");
        assert_eq!(v03(&lenient, by_content).first().map(|f| f.0), Some(Severity::Warn));
    }

    /// A request to the LA goes with the LA's request form where its profile asks for one
    /// (spec §4, D15 "conditional: request made", listed by every shipped profile): a warning
    /// under V09, naming the requests, gone once a request form is attached.
    #[test]
    fn v09_a_request_wants_the_la_s_request_form() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let southwark = cat.get("southwark").unwrap_or_else(|| unreachable!());
        let form = |f: &BundleFacts<'_>| {
            validate(f)
                .into_iter()
                .filter(|f| f.document.as_deref() == Some("Request form"))
                .collect::<Vec<_>>()
        };
        let mut f = facts(southwark, southwark, &[], d(2026, 1, 25));
        assert!(form(&f).is_empty(), "no request, no form");
        f.requests_reassessment = true;
        f.requests_placement = true;
        let found = form(&f);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].rule, found[0].severity), ("V09", Severity::Warn));
        assert!(
            found[0]
                .message
                .starts_with("The record requests a reassessment and a change of placement, and Southwark"),
            "{}",
            found[0].message
        );
        let attached = [file("D15", "pdf", "ok")];
        let f = BundleFacts { files: &attached, ..f };
        assert!(form(&f).is_empty());
        // An LA whose profile does not ask for a form: nothing.
        let mut bare = southwark.clone();
        bare.documents.conditional.retain(|c| c.doc != "D15");
        let mut f = facts(&bare, &bare, &[], d(2026, 1, 25));
        f.requests_funding = true;
        assert!(form(&f).is_empty());
    }

    /// A Personal Budget requested or in place goes with the LA's form where its profile lists
    /// D12 (spec §4 "conditional: requested or in place", CoP 9.168): a V09 warning until attached.
    #[test]
    fn v09_a_personal_budget_wants_the_la_s_form() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let kent = cat.get("kent").unwrap_or_else(|| unreachable!());
        let form = |f: &BundleFacts<'_>| {
            validate(f)
                .into_iter()
                .filter(|f| f.document.as_deref() == Some("Personal Budget request or review"))
                .map(|f| (f.rule, f.severity, f.message))
                .collect::<Vec<_>>()
        };
        let mut f = facts(kent, kent, &[], d(2026, 1, 25));
        assert!(form(&f).is_empty(), "no budget, no form");
        f.personal_budget = true;
        assert_eq!(
            form(&f),
            [(
                "V09",
                Severity::Warn,
                "A Personal Budget is requested or in place, and Kent asks for its Personal Budget form, but none is attached."
                    .to_owned()
            )]
        );
        let attached = [file("D12", "pdf", "ok")];
        assert!(form(&BundleFacts { files: &attached, ..f.clone() }).is_empty());
        let mut bare = kent.clone();
        bare.documents.conditional.retain(|c| c.doc != "D12");
        let mut f = facts(&bare, &bare, &[], d(2026, 1, 25));
        f.personal_budget = true;
        assert!(form(&f).is_empty(), "an LA that lists no form: nothing");
    }

    /// V18 (spec §8.5, §8.3: Southwark's old forms are not accepted after 1 April 2026): the record
    /// is written on the form in force at the meeting; a newer form with a cut-off makes it a
    /// warning after the cut-off and a note before it; the same form, or no cut-off, nothing.
    #[test]
    fn v18_the_form_must_be_in_force_on_the_export_date() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let southwark = cat.get("southwark").unwrap_or_else(|| unreachable!());
        let mut older = southwark.clone();
        older.version = 0;
        for f in &mut older.forms.ar1 {
            f.version = "2024-09".into();
        }
        let mut no_cutoff = southwark.clone();
        no_cutoff.forms.old_form_cutoff = None;
        let v18 = |at_meeting: &LaProfile, now: &LaProfile, today| -> Vec<(Severity, String)> {
            validate(&facts(at_meeting, now, &[], today))
                .into_iter()
                .filter(|f| f.rule == "V18")
                .map(|f| (f.severity, f.message))
                .collect()
        };
        let cases: [(&LaProfile, &LaProfile, NaiveDate, Option<Severity>); 5] = [
            (southwark, southwark, d(2026, 5, 1), None),
            (&older, southwark, d(2026, 3, 1), Some(Severity::Info)),
            (&older, southwark, d(2026, 4, 1), Some(Severity::Info)),
            (&older, southwark, d(2026, 4, 2), Some(Severity::Warn)),
            (&older, &no_cutoff, d(2026, 5, 1), None),
        ];
        for (at_meeting, now, today, expected) in cases {
            let found = v18(at_meeting, now, today);
            assert_eq!(found.first().map(|f| f.0), expected, "{today}: {found:?}");
        }
        let warned = v18(&older, southwark, d(2026, 4, 2));
        assert!(
            warned.first().is_some_and(|(_, m)| m.contains("2024-09")
                && m.contains("1 Apr 2026")
                && m.contains("(2025-09)")),
            "{warned:?}"
        );
    }

    /// Spec §8.2: the subject carries the initials and the LA's reference, never a name.
    #[test]
    fn the_email_subject_has_initials_and_reference_only() {
        for (pattern, expected) in [
            ("Annual Review \u{2013} {initials} {la_ref}", "Annual Review \u{2013} RT RC-EHC-1"),
            ("Annual Review \u{2013} {initials} {student_id}", "Annual Review \u{2013} RT RC-EHC-1"),
            ("AR {name} {initials}", "AR RT"),
            ("AR {forename} {surname} {la_ref}", "AR RC-EHC-1"),
            ("AR {initials", "AR {initials"),
        ] {
            assert_eq!(email_subject(pattern, "RT", "RC-EHC-1"), expected, "{pattern}");
        }
    }

    /// Spec §8.1: Buckinghamshire's AnyComms takes the paperwork zipped into one file; a portal
    /// takes each document on its own.
    #[test]
    fn how_to_send_follows_the_profile() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let get = |id| cat.get(id).unwrap_or_else(|| unreachable!());
        let bucks = how_to_send(get("buckinghamshire"));
        assert!(bucks.starts_with("Send the zip as one file"), "{bucks}");
        let southwark = how_to_send(get("southwark"));
        assert!(
            southwark.contains("inside the zip by email to ehcp.annual.reviews@southwark.gov.uk"),
            "{southwark}"
        );
    }
}
