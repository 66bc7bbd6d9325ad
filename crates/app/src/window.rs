//! What the window asks for: one function per `app` command of the contract's table
//! (`ardesk_dto::with_commands!`), named as the command and taking its request. The desktop
//! shell serves each command by calling the function of the same name under its lock, so this
//! module is where a command meets the use-cases of [`App`]; it holds no rules of its own.

use ardesk_dto::commands as c;
use ardesk_dto::{
    AfterMeetingDto, AmendmentPreview, AmendmentsDto, AppInfo, Ar1Dto, Ar1Saved, BundleCheckDto,
    CalendarSettings, CaseloadRow, CeasedPlan, ChildDetail, ChildForm, ChildTimeline, LetterTemplateDto,
    PlanImportDto, ProfileSummary, PupilImport, ReviewPrep, Saved, SchoolForm, TrackedActionDto,
};

use crate::{App, AppError};

type Answer<T> = Result<T, AppError>;

pub fn app_info(app: &mut App, _: c::AppInfo) -> Answer<AppInfo> {
    app.info()
}

pub fn recovery_noted(app: &mut App, _: c::RecoveryNoted) -> Answer<()> {
    app.recovery_noted();
    Ok(())
}

pub fn load_demo(app: &mut App, _: c::LoadDemo) -> Answer<usize> {
    app.load_demo(crate::DEMO_SIZE)
}

pub fn caseload(app: &mut App, _: c::Caseload) -> Answer<Vec<CaseloadRow>> {
    app.caseload()
}

pub fn ceased_plans(app: &mut App, _: c::CeasedPlans) -> Answer<Vec<CeasedPlan>> {
    app.ceased_plans()
}

pub fn get_child(app: &mut App, r: c::GetChild) -> Answer<ChildDetail> {
    app.view_child(r.id)
}

pub fn new_child_form(app: &mut App, _: c::NewChildForm) -> Answer<ChildForm> {
    Ok(app.new_child_form())
}

pub fn create_child(app: &mut App, r: c::CreateChild) -> Answer<Saved> {
    app.create_child(r.form)
}

pub fn update_child(app: &mut App, r: c::UpdateChild) -> Answer<Saved> {
    app.update_child(r.id, r.form)
}

pub fn delete_child(app: &mut App, r: c::DeleteChild) -> Answer<ardesk_dto::Erased> {
    app.delete_child(r.id)
}

pub fn mark_left(app: &mut App, r: c::MarkLeft) -> Answer<ChildDetail> {
    app.mark_left(r.id, r.form)
}

pub fn back_on_roll(app: &mut App, r: c::BackOnRoll) -> Answer<ChildDetail> {
    app.back_on_roll(r.id)
}

pub fn leavers(app: &mut App, _: c::ListLeavers) -> Answer<ardesk_dto::Leavers> {
    app.leavers()
}

pub fn erase_leavers(app: &mut App, r: c::EraseLeavers) -> Answer<ardesk_dto::Erased> {
    app.erase_leavers(r.ids)
}

pub fn retention(app: &mut App, _: c::GetRetention) -> Answer<ardesk_dto::RetentionForm> {
    app.retention()
}

pub fn set_retention(app: &mut App, r: c::SetRetention) -> Answer<ardesk_dto::RetentionForm> {
    app.set_retention(r.form)
}

pub fn child_timeline(app: &mut App, r: c::ChildTimeline) -> Answer<ChildTimeline> {
    app.child_timeline(r.id)
}

pub fn add_parent(app: &mut App, r: c::AddParent) -> Answer<ChildDetail> {
    app.add_parent(r.child, r.form)
}

pub fn update_parent(app: &mut App, r: c::UpdateParent) -> Answer<ChildDetail> {
    app.update_parent(r.child, r.id, r.form)
}

pub fn delete_parent(app: &mut App, r: c::DeleteParent) -> Answer<ChildDetail> {
    app.delete_parent(r.child, r.id)
}

pub fn add_professional(app: &mut App, r: c::AddProfessional) -> Answer<ChildDetail> {
    app.add_professional(r.child, r.form)
}

pub fn update_professional(app: &mut App, r: c::UpdateProfessional) -> Answer<ChildDetail> {
    app.update_professional(r.child, r.id, r.form)
}

pub fn delete_professional(app: &mut App, r: c::DeleteProfessional) -> Answer<ChildDetail> {
    app.delete_professional(r.child, r.id)
}

pub fn map_pupil_columns(app: &mut App, r: c::MapPupilColumns) -> Answer<PupilImport> {
    app.map_pupil_columns(r.columns)
}

pub fn confirm_pupil_import(app: &mut App, _: c::ConfirmPupilImport) -> Answer<PupilImport> {
    app.confirm_pupil_import()
}

pub fn profiles(app: &mut App, _: c::Profiles) -> Answer<Vec<ProfileSummary>> {
    app.profiles()
}

pub fn add_la(app: &mut App, r: c::AddLa) -> Answer<ProfileSummary> {
    app.add_la(&r.code)
}

pub fn la_options(app: &mut App, _: c::LaOptions) -> Answer<Vec<ardesk_dto::LaOption>> {
    app.la_options()
}

pub fn profile_json(app: &mut App, r: c::ProfileJson) -> Answer<String> {
    app.profile_json(&r.id)
}

pub fn save_profile(app: &mut App, r: c::SaveProfile) -> Answer<()> {
    app.save_profile(&r.id, &r.json)
}

pub fn reset_profile(app: &mut App, r: c::ResetProfile) -> Answer<()> {
    app.reset_profile(&r.id)
}

pub fn profile_form(app: &mut App, r: c::ProfileForm) -> Answer<ardesk_dto::ProfileForm> {
    app.profile_form(&r.id)
}

pub fn save_profile_form(app: &mut App, r: c::SaveProfileForm) -> Answer<ProfileSummary> {
    app.save_profile_form(&r.id, r.form)
}

pub fn remove_la(app: &mut App, r: c::RemoveLa) -> Answer<()> {
    app.remove_la(&r.id)
}

pub fn terms_text(app: &mut App, _: c::TermsText) -> Answer<String> {
    Ok(app.terms_text())
}

pub fn set_terms(app: &mut App, r: c::SetTerms) -> Answer<CalendarSettings> {
    app.set_terms(&r.text)
}

pub fn calendar_settings(app: &mut App, _: c::CalendarSettings) -> Answer<CalendarSettings> {
    Ok(app.calendar_settings())
}

pub fn school_form(app: &mut App, _: c::SchoolForm) -> Answer<SchoolForm> {
    app.school_form()
}

pub fn save_school(app: &mut App, r: c::SaveSchool) -> Answer<SchoolForm> {
    app.save_school(r.form)
}

pub fn remove_school_logo(app: &mut App, _: c::RemoveSchoolLogo) -> Answer<SchoolForm> {
    app.remove_school_logo()
}

pub fn letter_templates(app: &mut App, _: c::LetterTemplates) -> Answer<Vec<LetterTemplateDto>> {
    app.letter_templates()
}

pub fn save_letter_template(app: &mut App, r: c::SaveLetterTemplate) -> Answer<Vec<LetterTemplateDto>> {
    app.save_letter_template(&r.kind, &r.text)
}

pub fn reset_letter_template(app: &mut App, r: c::ResetLetterTemplate) -> Answer<Vec<LetterTemplateDto>> {
    app.reset_letter_template(&r.kind)
}

pub fn review_prep(app: &mut App, r: c::ReviewPrep) -> Answer<ReviewPrep> {
    app.review_prep(r.review)
}

pub fn set_meeting(app: &mut App, r: c::SetMeeting) -> Answer<ReviewPrep> {
    app.set_meeting(r.review, r.form)
}

pub fn accept_invitees(app: &mut App, r: c::AcceptInvitees) -> Answer<ReviewPrep> {
    app.accept_suggested_invitees(r.review)
}

pub fn add_invitee(app: &mut App, r: c::AddInvitee) -> Answer<ReviewPrep> {
    app.add_invitee(r.review, r.form)
}

pub fn update_invitee(app: &mut App, r: c::UpdateInvitee) -> Answer<ReviewPrep> {
    app.update_invitee(r.review, r.invitee, r.form)
}

pub fn delete_invitee(app: &mut App, r: c::DeleteInvitee) -> Answer<ReviewPrep> {
    app.delete_invitee(r.review, r.invitee)
}

pub fn mark_invitations_sent(app: &mut App, r: c::MarkInvitationsSent) -> Answer<ReviewPrep> {
    app.mark_invitations_sent(r.review)
}

pub fn mark_circulated(app: &mut App, r: c::MarkCirculated) -> Answer<ReviewPrep> {
    app.mark_circulated(r.review, r.told_missing)
}

pub fn record_views(app: &mut App, r: c::RecordViews) -> Answer<ReviewPrep> {
    app.record_views(r.review, r.item, &r.text)
}

pub fn set_review_type(app: &mut App, r: c::SetReviewType) -> Answer<ReviewPrep> {
    app.set_review_type(r.review, r.review_type)
}

pub fn add_checklist_document(app: &mut App, r: c::AddChecklistDocument) -> Answer<ReviewPrep> {
    app.add_checklist_document(r.review, r.form)
}

pub fn remove_checklist_item(app: &mut App, r: c::RemoveChecklistItem) -> Answer<ReviewPrep> {
    app.remove_checklist_item(r.review, r.item)
}

pub fn ar1(app: &mut App, r: c::Ar1) -> Answer<Ar1Dto> {
    app.ar1(r.review)
}

pub fn save_ar1_field(app: &mut App, r: c::SaveAr1Field) -> Answer<Ar1Saved> {
    app.save_ar1_field(r.review, &r.key, &r.value)
}

pub fn set_attendance(app: &mut App, r: c::SetAttendance) -> Answer<Ar1Saved> {
    app.set_attendance(r.review, r.invitee, r.attendance.code())
}

pub fn after_meeting(app: &mut App, r: c::AfterMeeting) -> Answer<AfterMeetingDto> {
    app.after_meeting(r.review)
}

pub fn mark_ready_to_submit(app: &mut App, r: c::MarkReadyToSubmit) -> Answer<AfterMeetingDto> {
    app.mark_ready_to_submit(r.review)
}

pub fn mark_submitted(app: &mut App, r: c::MarkSubmitted) -> Answer<AfterMeetingDto> {
    app.mark_submitted(r.review, &r.date)
}

pub fn record_after_decision(app: &mut App, r: c::RecordAfterDecision) -> Answer<AfterMeetingDto> {
    app.record_after_decision(r.review, r.form)
}

pub fn compliance_report(app: &mut App, r: c::ComplianceReport) -> Answer<ardesk_dto::ComplianceReportDto> {
    app.compliance_report(&r.from, &r.to)
}

pub fn record_briefing(app: &mut App, r: c::RecordBriefing) -> Answer<AfterMeetingDto> {
    app.record_briefing(r.review, r.form)
}

pub fn check_ins(app: &mut App, r: c::CheckIns) -> Answer<ardesk_dto::CheckInsDto> {
    app.check_ins(r.child)
}

pub fn record_check_in(app: &mut App, r: c::RecordCheckIn) -> Answer<ardesk_dto::CheckInsDto> {
    app.record_check_in(r.child, &r.form)
}

pub fn ar1_from_check_ins(app: &mut App, r: c::Ar1FromCheckIns) -> Answer<Ar1Dto> {
    app.ar1_from_check_ins(r.review)
}

pub fn record_invitation(app: &mut App, r: c::RecordInvitation) -> Answer<ReviewPrep> {
    app.record_invitation(r.review, r.invitee, &r.form)
}

pub fn transition(app: &mut App, r: c::Transition) -> Answer<ardesk_dto::TransitionDto> {
    app.transition(r.child)
}

pub fn save_receiving_setting(
    app: &mut App,
    r: c::SaveReceivingSetting,
) -> Answer<ardesk_dto::TransitionDto> {
    app.save_receiving_setting(r.child, &r.form)
}

pub fn add_transition_action(app: &mut App, r: c::AddTransitionAction) -> Answer<ardesk_dto::TransitionDto> {
    app.add_transition_action(r.child, &r.form)
}

pub fn set_transition_action_done(
    app: &mut App,
    r: c::SetTransitionActionDone,
) -> Answer<ardesk_dto::TransitionDto> {
    app.set_transition_action_done(r.child, r.id, r.done)
}

pub fn la_requests(app: &mut App, r: c::LaRequests) -> Answer<ardesk_dto::RequestsDto> {
    app.la_requests(r.review)
}

pub fn answer_request(app: &mut App, r: c::AnswerRequest) -> Answer<ardesk_dto::RequestsDto> {
    app.answer_request(r.request, &r.form)
}

pub fn unanswered_requests(app: &mut App, _: c::UnansweredRequests) -> Answer<Vec<ardesk_dto::LaRequestDto>> {
    app.unanswered_requests()
}

pub fn save_reflection(app: &mut App, r: c::SaveReflection) -> Answer<AfterMeetingDto> {
    app.save_reflection(r.review, r.form)
}

pub fn reflections(app: &mut App, _: c::Reflections) -> Answer<Vec<ardesk_dto::ReflectionDto>> {
    app.reflections()
}

pub fn record_decision(app: &mut App, r: c::RecordDecision) -> Answer<AfterMeetingDto> {
    app.record_decision(r.review, r.form)
}

pub fn record_return(app: &mut App, r: c::RecordReturn) -> Answer<AfterMeetingDto> {
    app.record_return(r.review, r.form)
}

pub fn set_return_item(app: &mut App, r: c::SetReturnItem) -> Answer<AfterMeetingDto> {
    app.set_return_item(r.review, r.position, r.done)
}

pub fn set_action_status(app: &mut App, r: c::SetActionStatus) -> Answer<TrackedActionDto> {
    app.set_action_status(r.review, r.row, r.status.code(), &r.note)
}

pub fn open_actions(app: &mut App, _: c::OpenActions) -> Answer<Vec<TrackedActionDto>> {
    app.open_actions()
}

pub fn amendments(app: &mut App, r: c::Amendments) -> Answer<AmendmentsDto> {
    app.amendments(r.review)
}

pub fn preview_amendment(app: &mut App, r: c::PreviewAmendment) -> Answer<AmendmentPreview> {
    Ok(app.preview_amendment(&r.section, &r.current, &r.proposed))
}

pub fn add_amendment(app: &mut App, r: c::AddAmendment) -> Answer<AmendmentsDto> {
    app.add_amendment(r.review, r.form)
}

pub fn update_amendment(app: &mut App, r: c::UpdateAmendment) -> Answer<AmendmentsDto> {
    app.update_amendment(r.review, r.id, r.form)
}

pub fn delete_amendment(app: &mut App, r: c::DeleteAmendment) -> Answer<AmendmentsDto> {
    app.delete_amendment(r.review, r.id)
}

pub fn set_no_amendments(app: &mut App, r: c::SetNoAmendments) -> Answer<AmendmentsDto> {
    app.set_no_amendments(r.review, r.none)
}

pub fn set_amendment_mode(app: &mut App, r: c::SetAmendmentMode) -> Answer<AmendmentsDto> {
    app.set_amendment_mode(r.review, r.mode.code())
}

pub fn assign_plan_parts(app: &mut App, r: c::AssignPlanParts) -> Answer<PlanImportDto> {
    app.assign_plan_parts(r.child, &r.choices)
}

pub fn save_plan(app: &mut App, r: c::SavePlan) -> Answer<()> {
    app.save_plan(r.child, r.sections)
}

pub fn bundle_check(app: &mut App, r: c::BundleCheck) -> Answer<BundleCheckDto> {
    app.bundle_check(r.review)
}

pub fn override_finding(app: &mut App, r: c::OverrideFinding) -> Answer<BundleCheckDto> {
    app.override_finding(r.review, &r.rule, &r.message, &r.reason)
}
