//! Domain values to DTOs and back, by hand: the DTO crate knows nothing of the domain.

use ardesk_domain::bundle::Source;
use ardesk_domain::caseload::Status;
use ardesk_domain::child::{ChildInput, ChildRecord};
use ardesk_domain::compliance::{Compliance, ComplianceState};
use ardesk_domain::dates::{input as input_date, long};
use ardesk_domain::invitees::{Invitee, InviteeInput, InviteeKind};
use ardesk_domain::la::{self, LaCatalogue};
use ardesk_domain::la_edit::{ProfileEdit, TimingsEdit};
use ardesk_domain::ncy::{label, nc_year, short_label};
use ardesk_domain::people;
use ardesk_domain::review::{Attendance, MeetingInput, ReviewStage};
use ardesk_domain::school::SchoolInput;
use ardesk_dto::{
    self as dto, ChecklistStatus, ChildDetail, ChildForm, ChildSummary, FileSource, InviteeForm, MeetingForm,
    Parent, PlanSection, ProfessionalContact, ReviewSummary, SchoolForm, Severity, Stage, Urgency, Verdict,
};
use ardesk_store::{ChildRow, StoredChild, StoredParent, StoredProfessional, StoredReview};
use chrono::NaiveDate;

/// A review's stage in the contract.
pub(crate) fn stage(s: ReviewStage) -> Stage {
    match s {
        ReviewStage::Planning => Stage::Planning,
        ReviewStage::InvitationsSent => Stage::InvitationsSent,
        ReviewStage::ReportsDue => Stage::ReportsDue,
        ReviewStage::MeetingHeld => Stage::MeetingHeld,
        ReviewStage::ReadyToSubmit => Stage::ReadyToSubmit,
        ReviewStage::Submitted => Stage::Submitted,
        ReviewStage::Decided => Stage::Decided,
    }
}

/// How urgent a next step is, in the contract.
pub(crate) fn retention_form(rule: ardesk_domain::leaving::Retention) -> ardesk_dto::RetentionForm {
    use ardesk_domain::leaving::RetentionBasis as B;
    ardesk_dto::RetentionForm {
        basis: Some(match rule.basis {
            B::AfterLeaving => ardesk_dto::RetentionBasis::AfterLeaving,
            B::UntilAge => ardesk_dto::RetentionBasis::UntilAge,
        }),
        years: rule.years.to_string(),
    }
}

pub(crate) fn urgency(s: Status) -> Urgency {
    match s {
        Status::Overdue => Urgency::Overdue,
        Status::MeetingTooLate => Urgency::MeetingTooLate,
        Status::NeedsDates => Urgency::NeedsDates,
        Status::DueSoon => Urgency::DueSoon,
        Status::OnTrack => Urgency::OnTrack,
    }
}

pub(crate) fn severity(s: ardesk_domain::Severity) -> Severity {
    match s {
        ardesk_domain::Severity::Block => Severity::Block,
        ardesk_domain::Severity::Warn => Severity::Warn,
        ardesk_domain::Severity::Info => Severity::Info,
    }
}

/// The scan's verdict in the contract.
pub(crate) fn verdict(v: &ardesk_intake::Verdict) -> Verdict {
    use ardesk_intake::Verdict as V;
    match v {
        V::Ok => Verdict::Ok,
        V::Encrypted(_) => Verdict::Encrypted,
        V::Macro(..) => Verdict::Macro,
        V::Unsupported(_) => Verdict::Unsupported,
        V::TooLarge(_) => Verdict::TooLarge,
        V::Unreadable(_) => Verdict::Unreadable,
    }
}

/// The scan's verdict as the store keeps it with the file.
pub(crate) fn file_scan(v: &ardesk_intake::Verdict) -> ardesk_store::FileScan {
    ardesk_store::FileScan {
        verdict: v.code().to_owned(),
        detail: v.detail().to_owned(),
        active: v.active().map(|a| a.code().to_owned()),
    }
}

/// A verdict kept by its code (a bundle file's, in the domain's facts); an unknown code
/// cannot be sent, so it reads as unreadable.
pub(crate) fn verdict_code(code: &str) -> Verdict {
    Verdict::ALL.iter().copied().find(|v| v.code() == code).unwrap_or(Verdict::Unreadable)
}

pub(crate) fn file_source(s: Source) -> FileSource {
    match s {
        Source::Generated => FileSource::Generated,
        Source::Attached => FileSource::Attached,
    }
}

pub(crate) fn checklist_status(s: ardesk_domain::paperwork::ChecklistStatus) -> ChecklistStatus {
    use ardesk_domain::paperwork::ChecklistStatus as C;
    match s {
        C::Received => ChecklistStatus::Received,
        C::NotRequested => ChecklistStatus::NotRequested,
        C::Overdue => ChecklistStatus::Overdue,
        C::Awaited => ChecklistStatus::Awaited,
    }
}

/// The school form as the domain checks it.
pub(crate) fn school_input(form: SchoolForm) -> SchoolInput {
    SchoolInput {
        name: form.name,
        address: form.address,
        urn: form.urn,
        senco_name: form.senco_name,
        senco_role: form.senco_role,
        phone: form.phone,
        email: form.email,
        head_teacher: form.head_teacher,
    }
}

/// The invitee form as the domain checks it.
pub(crate) fn invitee_input(form: &InviteeForm) -> InviteeInput {
    InviteeInput {
        kind: form.kind.map(invitee_kind_of),
        name: form.name.clone(),
        role: form.role.clone(),
        organisation: form.organisation.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
        preferred_contact: form.preferred_contact.map(contact_method_of),
        advice_requested: form.advice_requested,
        attendance: form.attendance.map(|a| a.code().to_owned()).unwrap_or_default(),
    }
}

/// An invitee as the form shows it.
pub(crate) fn invitee_form(i: &Invitee, attendance: Attendance) -> InviteeForm {
    InviteeForm {
        kind: Some(invitee_kind(i.kind)),
        name: i.name.clone(),
        role: i.role.clone(),
        organisation: i.organisation.clone(),
        email: i.email.clone().unwrap_or_default(),
        phone: i.phone.clone().unwrap_or_default(),
        address: i.address.clone().unwrap_or_default(),
        preferred_contact: Some(contact_method(i.preferred_contact)),
        advice_requested: i.advice_requested,
        attendance: Some(attendance_dto(attendance)),
    }
}

/// The meeting form as the domain checks it.
pub(crate) fn meeting_input(form: MeetingForm) -> MeetingInput {
    MeetingInput { date: form.date, time: form.time, venue: form.venue }
}

/// A domain compliance verdict (T07, T09) for the "Before the meeting" screen.
pub(crate) fn compliance(c: Compliance) -> dto::Compliance {
    let state = match c.state {
        ComplianceState::NoMeeting => dto::ComplianceState::NoMeeting,
        ComplianceState::Pending => dto::ComplianceState::Pending,
        ComplianceState::Met => dto::ComplianceState::Met,
        ComplianceState::NotMet => dto::ComplianceState::NotMet,
    };
    dto::Compliance { id: c.milestone.code().to_owned(), state, text: c.text }
}

pub(crate) fn input(form: ChildForm) -> ChildInput {
    ChildInput {
        legal_forenames: form.legal_forenames,
        legal_surname: form.legal_surname,
        preferred_name: form.preferred_name,
        dob: form.dob,
        upn: form.upn,
        ncy_offset: form.ncy_offset,
        looked_after: form.looked_after,
        la_id: form.la_id,
        la_ref: form.la_ref,
        plan_issue_date: form.plan_issue_date,
        last_review_meeting: form.last_review_meeting,
        last_review_decision: form.last_review_decision,
        transfer_ncy: form.transfer_ncy,
        post16_move: form.post16_move,
        need_types: form.need_types,
    }
}

fn form(record: &ChildRecord) -> ChildForm {
    ChildForm {
        legal_forenames: record.legal_forenames.as_str().to_owned(),
        legal_surname: record.legal_surname.as_str().to_owned(),
        preferred_name: record.preferred_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        dob: input_date(record.dob),
        upn: record.upn.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default(),
        ncy_offset: if record.ncy_offset == 0 { String::new() } else { record.ncy_offset.to_string() },
        looked_after: record.looked_after,
        la_id: record.la_id.clone(),
        la_ref: record.la_ref.clone().unwrap_or_default(),
        plan_issue_date: record.history.plan_issued.map(input_date).unwrap_or_default(),
        last_review_meeting: record.history.last_review_meeting.map(input_date).unwrap_or_default(),
        last_review_decision: record.history.last_review_decision.map(input_date).unwrap_or_default(),
        transfer_ncy: record.transfers.extra_transfer_ncy.map(|n| n.to_string()).unwrap_or_default(),
        post16_move: record.transfers.post16_move.map(input_date).unwrap_or_default(),
        need_types: ardesk_domain::child::need_type_codes(&record.need_types),
    }
}

fn review(r: &StoredReview) -> ReviewSummary {
    let meeting = r.review.meeting.as_ref();
    ReviewSummary {
        id: r.id.0,
        stage: stage(r.review.stage),
        stage_label: r.review.stage.label().to_owned(),
        meeting_date: meeting.map(|m| long(m.date)),
        meeting_time: meeting.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
        venue: meeting.map(|m| m.venue.clone()).filter(|v| !v.is_empty()),
    }
}

pub(crate) fn summary(row: &ChildRow, las: &LaCatalogue, today: NaiveDate) -> ChildSummary {
    let r = &row.record;
    let ncy = nc_year(r.dob, r.ncy_offset, today);
    ChildSummary {
        id: row.id.0,
        name: r.display_name(),
        legal_name: r.legal_name(),
        dob: long(r.dob),
        ncy,
        year_group: short_label(ncy),
        la_id: r.la_id.clone(),
        la_name: las.name_of(&r.la_id).to_owned(),
        looked_after: r.looked_after,
        stage: row.review.as_ref().map(|s| stage(s.review.stage)),
        stage_label: row.review.as_ref().map(|s| s.review.stage.label().to_owned()),
        meeting: row.review.as_ref().and_then(|s| s.review.meeting.as_ref()).map(|m| long(m.date)),
    }
}

pub(crate) fn detail(c: &StoredChild, las: &LaCatalogue, today: NaiveDate) -> ChildDetail {
    let r = &c.record;
    ChildDetail {
        id: c.id.0,
        name: r.display_name(),
        legal_name: r.legal_name(),
        dob: long(r.dob),
        year_group: label(nc_year(r.dob, r.ncy_offset, today)),
        upn: r.upn.as_ref().map(|u| u.as_str().to_owned()),
        la_name: las.name_of(&r.la_id).to_owned(),
        la_ref: r.la_ref.clone(),
        looked_after: r.looked_after,
        plan_issued: r.history.plan_issued.map(long),
        last_review_meeting: r.history.last_review_meeting.map(long),
        last_review_decision: r.history.last_review_decision.map(long),
        need_types: r.need_types.iter().map(|n| format!("{} ({})", n.label, n.code)).collect(),
        sections: c
            .plan
            .sections
            .iter()
            .map(|(id, text)| PlanSection {
                code: id.code().to_owned(),
                title: id.title().to_owned(),
                text: text.clone(),
            })
            .collect(),
        parents: c.parents.iter().map(parent).collect(),
        professionals: c.professionals.iter().map(professional).collect(),
        review: c.review.as_ref().map(review),
        previous_review: None,
        ceased_from: None,
        left: None,
        form: form(r),
    }
}

/// How someone prefers to be contacted, in the contract.
pub(crate) fn contact_method(m: people::ContactMethod) -> dto::ContactMethod {
    match m {
        people::ContactMethod::Email => dto::ContactMethod::Email,
        people::ContactMethod::Phone => dto::ContactMethod::Phone,
        people::ContactMethod::Post => dto::ContactMethod::Post,
        people::ContactMethod::Text => dto::ContactMethod::Text,
    }
}

fn contact_method_of(m: dto::ContactMethod) -> people::ContactMethod {
    match m {
        dto::ContactMethod::Email => people::ContactMethod::Email,
        dto::ContactMethod::Phone => people::ContactMethod::Phone,
        dto::ContactMethod::Post => people::ContactMethod::Post,
        dto::ContactMethod::Text => people::ContactMethod::Text,
    }
}

pub(crate) fn restriction(r: people::Restriction) -> dto::Restriction {
    match r {
        people::Restriction::CourtOrder => dto::Restriction::CourtOrder,
        people::Restriction::NoPost => dto::Restriction::NoPost,
    }
}

fn restriction_of(r: dto::Restriction) -> people::Restriction {
    match r {
        dto::Restriction::CourtOrder => people::Restriction::CourtOrder,
        dto::Restriction::NoPost => people::Restriction::NoPost,
    }
}

fn service(s: people::Service) -> dto::Service {
    match s {
        people::Service::Education => dto::Service::Education,
        people::Service::Health => dto::Service::Health,
        people::Service::SocialCare => dto::Service::SocialCare,
    }
}

fn service_of(s: dto::Service) -> people::Service {
    match s {
        dto::Service::Education => people::Service::Education,
        dto::Service::Health => people::Service::Health,
        dto::Service::SocialCare => people::Service::SocialCare,
    }
}

/// A parent or carer form, for the domain's check.
pub(crate) fn parent_input(f: dto::ParentForm) -> people::ParentInput {
    people::ParentInput {
        name: f.name,
        relationship: f.relationship,
        parental_responsibility: f.parental_responsibility,
        phone: f.phone,
        email: f.email,
        address: f.address,
        preferred_contact: f.preferred_contact.map(contact_method_of),
        language: f.language,
        interpreter: f.interpreter,
        restriction: f.restriction.map(restriction_of),
        restriction_note: f.restriction_note,
    }
}

/// A professional form, for the domain's check.
pub(crate) fn professional_input(f: dto::ProfessionalForm) -> people::ProfessionalInput {
    people::ProfessionalInput {
        name: f.name,
        role: f.role,
        organisation: f.organisation,
        service: f.service.map(service_of),
        email: f.email,
        phone: f.phone,
        address: f.address,
    }
}

fn parent(stored: &StoredParent) -> Parent {
    let p = &stored.parent;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Parent {
        id: stored.id,
        name: p.name.clone(),
        relationship: p.relationship.clone(),
        parental_responsibility: p.parental_responsibility,
        phone: p.phone.clone(),
        email: p.email.clone(),
        address: p.address.clone(),
        preferred_contact: contact_method(p.preferred_contact),
        language: p.language.clone(),
        interpreter: p.interpreter,
        restriction: p.restriction.map(restriction),
        from_mis: stored.mis_key.is_some(),
        form: dto::ParentForm {
            name: p.name.clone(),
            relationship: p.relationship.clone(),
            parental_responsibility: p.parental_responsibility,
            phone: text(&p.phone),
            email: text(&p.email),
            address: text(&p.address),
            preferred_contact: Some(contact_method(p.preferred_contact)),
            language: text(&p.language),
            interpreter: p.interpreter,
            restriction: p.restriction.map(restriction),
            restriction_note: text(&p.restriction_note),
        },
    }
}

fn professional(stored: &StoredProfessional) -> ProfessionalContact {
    let p = &stored.professional;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    ProfessionalContact {
        id: stored.id,
        name: p.name.clone(),
        role: p.role.clone(),
        organisation: p.organisation.clone(),
        service: service(p.service),
        email: p.email.clone(),
        phone: p.phone.clone(),
        address: p.address.clone(),
        form: dto::ProfessionalForm {
            name: p.name.clone(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
            service: Some(service(p.service)),
            email: text(&p.email),
            phone: text(&p.phone),
            address: text(&p.address),
        },
    }
}

/// Who an invitee is, in the contract.
pub(crate) fn invitee_kind(k: InviteeKind) -> dto::InviteeKind {
    match k {
        InviteeKind::Parent => dto::InviteeKind::Parent,
        InviteeKind::YoungPerson => dto::InviteeKind::YoungPerson,
        InviteeKind::Carer => dto::InviteeKind::Carer,
        InviteeKind::Setting => dto::InviteeKind::Setting,
        InviteeKind::LaSen => dto::InviteeKind::LaSen,
        InviteeKind::Health => dto::InviteeKind::Health,
        InviteeKind::SocialCare => dto::InviteeKind::SocialCare,
        InviteeKind::Professional => dto::InviteeKind::Professional,
    }
}

fn invitee_kind_of(k: dto::InviteeKind) -> InviteeKind {
    match k {
        dto::InviteeKind::Parent => InviteeKind::Parent,
        dto::InviteeKind::YoungPerson => InviteeKind::YoungPerson,
        dto::InviteeKind::Carer => InviteeKind::Carer,
        dto::InviteeKind::Setting => InviteeKind::Setting,
        dto::InviteeKind::LaSen => InviteeKind::LaSen,
        dto::InviteeKind::Health => InviteeKind::Health,
        dto::InviteeKind::SocialCare => InviteeKind::SocialCare,
        dto::InviteeKind::Professional => InviteeKind::Professional,
    }
}

/// Whether an invitee took part, in the contract.
pub(crate) fn attendance_dto(a: Attendance) -> dto::Attendance {
    match a {
        Attendance::Unknown => dto::Attendance::Unknown,
        Attendance::InPerson => dto::Attendance::InPerson,
        Attendance::Virtual => dto::Attendance::Virtual,
        Attendance::Written => dto::Attendance::Written,
        Attendance::Apologies => dto::Attendance::Apologies,
        Attendance::Absent => dto::Attendance::Absent,
    }
}

/// Where an agreed action stands, in the contract.
pub(crate) fn action_status(s: ardesk_domain::follow_up::ActionStatus) -> dto::ActionStatus {
    use ardesk_domain::follow_up::ActionStatus as Status;
    match s {
        Status::Open => dto::ActionStatus::Open,
        Status::Done => dto::ActionStatus::Done,
        Status::CarriedForward => dto::ActionStatus::CarriedForward,
        Status::Dropped => dto::ActionStatus::Dropped,
    }
}

/// An LA profile's editable parts, for the Settings form.
pub(crate) fn profile_form(e: ProfileEdit) -> dto::ProfileForm {
    let t = e.timings;
    dto::ProfileForm {
        name: e.name,
        channel: e.channel.map(channel),
        address: e.address,
        ar1_title: e.ar1_title,
        ar1_version: e.ar1_version,
        forms_by_year: false,
        advice_form: e.advice_form,
        sendiass: e.sendiass,
        amendment_mode: e.amendment_mode.map(la_amendment_mode),
        timings: dto::TimingsForm {
            target_meeting_months: t.target_meeting_months,
            invite_lead_days: t.invite_lead_days,
            reports_due_before_meeting_days: t.reports_due_before_meeting_days,
            statutory_notice_days: t.statutory_notice_days,
            circulate_before_meeting_days: t.circulate_before_meeting_days,
            report_after_meeting_days: t.report_after_meeting_days,
            la_decision_after_meeting_days: t.la_decision_after_meeting_days,
            final_plan_after_meeting_days: t.final_plan_after_meeting_days,
        },
    }
}

/// The Settings form's LA profile edits, as the domain checks them.
pub(crate) fn profile_edit(f: dto::ProfileForm) -> ProfileEdit {
    let t = f.timings;
    ProfileEdit {
        name: f.name,
        channel: f.channel.map(channel_of),
        address: f.address,
        ar1_title: f.ar1_title,
        ar1_version: f.ar1_version,
        advice_form: f.advice_form,
        sendiass: f.sendiass,
        amendment_mode: f.amendment_mode.map(la_amendment_mode_of),
        timings: TimingsEdit {
            target_meeting_months: t.target_meeting_months,
            invite_lead_days: t.invite_lead_days,
            reports_due_before_meeting_days: t.reports_due_before_meeting_days,
            statutory_notice_days: t.statutory_notice_days,
            circulate_before_meeting_days: t.circulate_before_meeting_days,
            report_after_meeting_days: t.report_after_meeting_days,
            la_decision_after_meeting_days: t.la_decision_after_meeting_days,
            final_plan_after_meeting_days: t.final_plan_after_meeting_days,
        },
    }
}

/// The kind of review (spec §9), both ways.
pub(crate) fn review_type(t: ardesk_domain::paperwork::ReviewType) -> dto::ReviewType {
    use ardesk_domain::paperwork::ReviewType as T;
    match t {
        T::Annual => dto::ReviewType::Annual,
        T::Interim => dto::ReviewType::Interim,
        T::Early => dto::ReviewType::Early,
    }
}

pub(crate) fn review_type_of(t: dto::ReviewType) -> ardesk_domain::paperwork::ReviewType {
    use ardesk_domain::paperwork::ReviewType as T;
    match t {
        dto::ReviewType::Annual => T::Annual,
        dto::ReviewType::Interim => T::Interim,
        dto::ReviewType::Early => T::Early,
    }
}

fn channel(c: la::Channel) -> dto::Channel {
    match c {
        la::Channel::Portal => dto::Channel::Portal,
        la::Channel::Email => dto::Channel::Email,
        la::Channel::Securefile => dto::Channel::Securefile,
        la::Channel::DigitalForm => dto::Channel::DigitalForm,
    }
}

fn channel_of(c: dto::Channel) -> la::Channel {
    match c {
        dto::Channel::Portal => la::Channel::Portal,
        dto::Channel::Email => la::Channel::Email,
        dto::Channel::Securefile => la::Channel::Securefile,
        dto::Channel::DigitalForm => la::Channel::DigitalForm,
    }
}

fn la_amendment_mode(m: la::AmendmentMode) -> dto::LaAmendmentMode {
    match m {
        la::AmendmentMode::WordRevisions => dto::LaAmendmentMode::WordRevisions,
        la::AmendmentMode::BoldStrike => dto::LaAmendmentMode::BoldStrike,
        la::AmendmentMode::OnFormTable => dto::LaAmendmentMode::OnFormTable,
        la::AmendmentMode::AnnotatedOrTable => dto::LaAmendmentMode::AnnotatedOrTable,
    }
}

fn la_amendment_mode_of(m: dto::LaAmendmentMode) -> la::AmendmentMode {
    match m {
        dto::LaAmendmentMode::WordRevisions => la::AmendmentMode::WordRevisions,
        dto::LaAmendmentMode::BoldStrike => la::AmendmentMode::BoldStrike,
        dto::LaAmendmentMode::OnFormTable => la::AmendmentMode::OnFormTable,
        dto::LaAmendmentMode::AnnotatedOrTable => la::AmendmentMode::AnnotatedOrTable,
    }
}

/// The LA's decision, in the contract.
pub(crate) fn decision_dto(d: ardesk_domain::follow_up::Decision) -> dto::Decision {
    use ardesk_domain::follow_up::Decision;
    match d {
        Decision::NoChange => dto::Decision::NoChange,
        Decision::Minor => dto::Decision::Minor,
        Decision::Significant => dto::Decision::Significant,
        Decision::Cease => dto::Decision::Cease,
    }
}

pub(crate) fn send_method(m: ardesk_domain::people::SendMethod) -> dto::SendMethod {
    use ardesk_domain::people::SendMethod as Method;
    match m {
        Method::Email => dto::SendMethod::Email,
        Method::Post => dto::SendMethod::Post,
        Method::Hand => dto::SendMethod::Hand,
    }
}

pub(crate) fn send_method_of(m: dto::SendMethod) -> ardesk_domain::people::SendMethod {
    use ardesk_domain::people::SendMethod as Method;
    match m {
        dto::SendMethod::Email => Method::Email,
        dto::SendMethod::Post => Method::Post,
        dto::SendMethod::Hand => Method::Hand,
    }
}

pub(crate) fn request_kind(k: ardesk_domain::requests::RequestKind) -> dto::RequestKind {
    use ardesk_domain::requests::RequestKind as Kind;
    match k {
        Kind::Reassessment => dto::RequestKind::Reassessment,
        Kind::Support => dto::RequestKind::Support,
        Kind::Reconsideration => dto::RequestKind::Reconsideration,
    }
}

pub(crate) fn request_kind_of(k: dto::RequestKind) -> ardesk_domain::requests::RequestKind {
    use ardesk_domain::requests::RequestKind as Kind;
    match k {
        dto::RequestKind::Reassessment => Kind::Reassessment,
        dto::RequestKind::Support => Kind::Support,
        dto::RequestKind::Reconsideration => Kind::Reconsideration,
    }
}

pub(crate) fn request_outcome(o: ardesk_domain::requests::RequestOutcome) -> dto::RequestOutcome {
    use ardesk_domain::requests::RequestOutcome as Outcome;
    match o {
        Outcome::Agreed => dto::RequestOutcome::Agreed,
        Outcome::PartlyAgreed => dto::RequestOutcome::PartlyAgreed,
        Outcome::Refused => dto::RequestOutcome::Refused,
        Outcome::Withdrawn => dto::RequestOutcome::Withdrawn,
    }
}

pub(crate) fn request_outcome_of(o: dto::RequestOutcome) -> ardesk_domain::requests::RequestOutcome {
    use ardesk_domain::requests::RequestOutcome as Outcome;
    match o {
        dto::RequestOutcome::Agreed => Outcome::Agreed,
        dto::RequestOutcome::PartlyAgreed => Outcome::PartlyAgreed,
        dto::RequestOutcome::Refused => Outcome::Refused,
        dto::RequestOutcome::Withdrawn => Outcome::Withdrawn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract's labels are the domain's words (the window shows the contract's).
    #[test]
    fn the_contract_names_invitee_kinds_as_the_domain_does() {
        for kind in InviteeKind::ALL {
            assert_eq!(invitee_kind(kind).label(), kind.label());
            assert_eq!(invitee_kind(kind).code(), kind.code());
            assert_eq!(invitee_kind_of(invitee_kind(kind)), kind);
        }
        for a in Attendance::ALL {
            assert_eq!((attendance_dto(a).code(), attendance_dto(a).label()), (a.code(), a.label()));
        }
        for s in ardesk_domain::follow_up::ActionStatus::ALL {
            assert_eq!((action_status(s).code(), action_status(s).label()), (s.code(), s.label()));
        }
        for d in ardesk_domain::follow_up::Decision::ALL {
            assert_eq!((decision_dto(d).code(), decision_dto(d).label()), (d.code(), d.label()));
        }
        for m in people::SendMethod::ALL {
            assert_eq!((send_method(m).code(), send_method(m).label()), (m.code(), m.label()));
            assert_eq!(send_method_of(send_method(m)), m);
        }
        for k in ardesk_domain::requests::RequestKind::ALL {
            assert_eq!((request_kind(k).code(), request_kind(k).label()), (k.code(), k.label()));
            assert_eq!(request_kind_of(request_kind(k)), k);
        }
        for o in ardesk_domain::requests::RequestOutcome::ALL {
            assert_eq!((request_outcome(o).code(), request_outcome(o).label()), (o.code(), o.label()));
            assert_eq!(request_outcome_of(request_outcome(o)), o);
        }
        for m in people::ContactMethod::ALL {
            assert_eq!(contact_method(m).code(), m.code());
        }
        for r in people::Restriction::ALL {
            assert_eq!(restriction(r).code(), r.code());
        }
        for s in people::Service::ALL {
            assert_eq!(service(s).code(), s.code());
        }
        // An LA profile's channel and amendment mode: the contract's codes are the profile
        // files' (serde snake_case) and its labels the domain's.
        for c in dto::Channel::ALL.iter().copied() {
            let json = serde_json::to_string(&channel_of(c)).unwrap_or_default();
            assert_eq!((json.trim_matches('"'), c.label()), (c.code(), channel_of(c).label()));
            assert_eq!(channel(channel_of(c)), c);
        }
        for s in
            [Status::Overdue, Status::MeetingTooLate, Status::NeedsDates, Status::DueSoon, Status::OnTrack]
        {
            assert_eq!((urgency(s).code(), urgency(s).label()), (s.code(), s.label()));
        }
        for t in dto::ReviewType::ALL.iter().copied() {
            assert_eq!((review_type_of(t).code(), review_type_of(t).label()), (t.code(), t.label()));
            assert_eq!(review_type(review_type_of(t)), t);
        }
        for m in dto::LaAmendmentMode::ALL.iter().copied() {
            let json = serde_json::to_string(&la_amendment_mode_of(m)).unwrap_or_default();
            assert_eq!((json.trim_matches('"'), m.label()), (m.code(), la_amendment_mode_of(m).label()));
            assert_eq!(la_amendment_mode(la_amendment_mode_of(m)), m);
        }
    }
}
