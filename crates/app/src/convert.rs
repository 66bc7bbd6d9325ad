//! Domain values to DTOs and back, by hand: the DTO crate knows nothing of the domain.

use ardesk_domain::bundle::Source;
use ardesk_domain::caseload::Status;
use ardesk_domain::child::{ChildInput, ChildRecord};
use ardesk_domain::compliance::{Compliance, ComplianceState};
use ardesk_domain::dates::{input as input_date, long};
use ardesk_domain::invitees::{Invitee, InviteeInput};
use ardesk_domain::la::LaCatalogue;
use ardesk_domain::ncy::{label, nc_year, short_label};
use ardesk_domain::review::{Attendance, MeetingInput, ReviewStage};
use ardesk_domain::school::SchoolInput;
use ardesk_dto::{
    self as dto, ChecklistStatus, ChildDetail, ChildForm, ChildSummary, FileSource, InviteeForm, MeetingForm,
    Parent, PlanSection, ProfessionalContact, ReviewSummary, SchoolForm, Severity, Stage, Urgency, Verdict,
};
use ardesk_store::{ChildRow, StoredChild, StoredReview};
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
pub(crate) fn urgency(s: Status) -> Urgency {
    match s {
        Status::Overdue => Urgency::Overdue,
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
        V::Macro(_) => Verdict::Macro,
        V::Unsupported(_) => Verdict::Unsupported,
        V::TooLarge(_) => Verdict::TooLarge,
        V::Unreadable(_) => Verdict::Unreadable,
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
    }
}

/// The invitee form as the domain checks it.
pub(crate) fn invitee_input(form: &InviteeForm) -> InviteeInput {
    InviteeInput {
        kind: form.kind.clone(),
        name: form.name.clone(),
        role: form.role.clone(),
        organisation: form.organisation.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
        preferred_contact: form.preferred_contact.clone(),
        advice_requested: form.advice_requested,
        attendance: form.attendance.clone(),
    }
}

/// An invitee as the form shows it.
pub(crate) fn invitee_form(i: &Invitee, attendance: Attendance) -> InviteeForm {
    InviteeForm {
        kind: i.kind.code().to_owned(),
        name: i.name.clone(),
        role: i.role.clone(),
        organisation: i.organisation.clone(),
        email: i.email.clone().unwrap_or_default(),
        phone: i.phone.clone().unwrap_or_default(),
        address: i.address.clone().unwrap_or_default(),
        preferred_contact: i.preferred_contact.code().to_owned(),
        advice_requested: i.advice_requested,
        attendance: attendance.code().to_owned(),
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
        transfer_ncy: form.transfer_ncy,
        post16_move: form.post16_move,
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
        plan_issue_date: input_date(record.plan_issue_date),
        transfer_ncy: record.transfers.extra_transfer_ncy.map(|n| n.to_string()).unwrap_or_default(),
        post16_move: record.transfers.post16_move.map(input_date).unwrap_or_default(),
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
        plan_issued: long(c.plan.issue_date),
        last_review_decision: c.plan.last_review_decision.map(long),
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
        parents: c
            .parents
            .iter()
            .map(|p| Parent {
                name: p.name.clone(),
                relationship: p.relationship.clone(),
                parental_responsibility: p.parental_responsibility,
                phone: p.phone.clone(),
                email: p.email.clone(),
                preferred_contact: p.preferred_contact.code().to_owned(),
            })
            .collect(),
        professionals: c
            .professionals
            .iter()
            .map(|p| ProfessionalContact {
                name: p.name.clone(),
                role: p.role.clone(),
                organisation: p.organisation.clone(),
                email: p.email.clone(),
                phone: p.phone.clone(),
            })
            .collect(),
        review: c.review.as_ref().map(review),
        form: form(r),
    }
}
