//! Every command the window may call, each named **once**, in [`with_commands!`]: its name,
//! its request (the command's parameters, as one type in this module) and its answer.
//!
//! The table is read four ways: this crate makes the request types and their [`Command`]
//! impls from it; the shell's build script makes a permission for each command and the
//! window's capability; the shell serves each command (`src-tauri/src/commands.rs`); and the
//! UI calls any of them through one generic `ipc::call(request)`. Adding a command is one line
//! here and the function that serves it: `ardesk_app::window::<name>` for an `app` command, or
//! `src-tauri/src/shell.rs` for a `shell` command (one that opens a native dialog or reads the
//! shell's own state).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A request the window sends: the command it names and the answer it gets.
pub trait Command: Serialize + DeserializeOwned {
    /// The command's name, as the shell registers it.
    const NAME: &'static str;
    /// What the command answers with (an [`crate::ErrorDto`] otherwise).
    type Response: Serialize + DeserializeOwned;
}

/// Calls `$callback! { … }` with the table of commands, one per line:
/// `kind name: Request { field: Type, … } -> Response;` where `kind` is `app` (served by the
/// app under its lock) or `shell` (served by the desktop shell: a dialog first, or its state).
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            // The app and the caseload.
            app app_info: AppInfo {} -> $crate::AppInfo;
            app recovery_noted: RecoveryNoted {} -> ();
            shell encrypt_database: EncryptDatabase {} -> String;
            // `again`: the passphrase typed a second time, when a new caseload's is being chosen.
            shell unlock: Unlock { passphrase: String, again: Option<String> } -> $crate::AppInfo;
            app load_demo: LoadDemo {} -> usize;
            app caseload: Caseload {} -> Vec<$crate::CaseloadRow>;
            app ceased_plans: CeasedPlans {} -> Vec<$crate::CeasedPlan>;
            app get_child: GetChild { id: i64 } -> $crate::ChildDetail;
            app new_child_form: NewChildForm {} -> $crate::ChildForm;
            app create_child: CreateChild { form: $crate::ChildForm } -> $crate::Saved;
            app update_child: UpdateChild { id: i64, form: $crate::ChildForm } -> $crate::Saved;
            app delete_child: DeleteChild { id: i64 } -> $crate::Erased;
            // Leavers and how long their records are kept.
            app mark_left: MarkLeft { id: i64, form: $crate::LeavingForm } -> $crate::ChildDetail;
            app back_on_roll: BackOnRoll { id: i64 } -> $crate::ChildDetail;
            app leavers: ListLeavers {} -> $crate::Leavers;
            app erase_leavers: EraseLeavers { ids: Vec<i64> } -> $crate::Erased;
            shell export_record: ExportRecord { id: i64 } -> $crate::Exported;
            app retention: GetRetention {} -> $crate::RetentionForm;
            app set_retention: SetRetention { form: $crate::RetentionForm } -> $crate::RetentionForm;
            app child_timeline: ChildTimeline { id: i64 } -> $crate::ChildTimeline;
            shell export_ics: ExportIcs { id: i64 } -> $crate::Exported;
            shell export_caseload_ics: ExportCaseloadIcs {} -> $crate::Exported;
            // The people around a child.
            app add_parent: AddParent { child: i64, form: $crate::ParentForm } -> $crate::ChildDetail;
            app update_parent: UpdateParent { child: i64, id: i64, form: $crate::ParentForm } -> $crate::ChildDetail;
            app delete_parent: DeleteParent { child: i64, id: i64 } -> $crate::ChildDetail;
            app add_professional: AddProfessional { child: i64, form: $crate::ProfessionalForm }
                -> $crate::ChildDetail;
            app update_professional: UpdateProfessional { child: i64, id: i64, form: $crate::ProfessionalForm }
                -> $crate::ChildDetail;
            app delete_professional: DeleteProfessional { child: i64, id: i64 } -> $crate::ChildDetail;
            // Pupils from the school's MIS: a preview, the columns of a CSV mapped, then written.
            shell preview_pupil_import: PreviewPupilImport { la: Option<String> } -> $crate::PupilImport;
            app map_pupil_columns: MapPupilColumns { columns: Vec<$crate::ImportColumn> } -> $crate::PupilImport;
            app confirm_pupil_import: ConfirmPupilImport {} -> $crate::PupilImport;
            // Settings: LA profiles, the school, term dates, letter templates.
            app profiles: Profiles {} -> Vec<$crate::ProfileSummary>;
            app add_la: AddLa { code: String } -> $crate::ProfileSummary;
            app la_options: LaOptions {} -> Vec<$crate::LaOption>;
            app profile_json: ProfileJson { id: String } -> String;
            app save_profile: SaveProfile { id: String, json: String } -> ();
            app reset_profile: ResetProfile { id: String } -> ();
            app profile_form: ProfileForm { id: String } -> $crate::ProfileForm;
            app save_profile_form: SaveProfileForm { id: String, form: $crate::ProfileForm }
                -> $crate::ProfileSummary;
            app remove_la: RemoveLa { id: String } -> ();
            app terms_text: TermsText {} -> String;
            app set_terms: SetTerms { text: String } -> $crate::CalendarSettings;
            app calendar_settings: CalendarSettings {} -> $crate::CalendarSettings;
            shell import_bank_holidays: ImportBankHolidays {} -> usize;
            shell import_terms: ImportTerms {} -> $crate::CalendarSettings;
            app school_form: SchoolForm {} -> $crate::SchoolForm;
            app save_school: SaveSchool { form: $crate::SchoolForm } -> $crate::SchoolForm;
            shell choose_school_logo: ChooseSchoolLogo {} -> $crate::SchoolForm;
            app remove_school_logo: RemoveSchoolLogo {} -> $crate::SchoolForm;
            app letter_templates: LetterTemplates {} -> Vec<$crate::LetterTemplateDto>;
            app save_letter_template: SaveLetterTemplate { kind: String, text: String }
                -> Vec<$crate::LetterTemplateDto>;
            app reset_letter_template: ResetLetterTemplate { kind: String } -> Vec<$crate::LetterTemplateDto>;
            // Before the meeting.
            app review_prep: ReviewPrep { review: i64 } -> $crate::ReviewPrep;
            app set_meeting: SetMeeting { review: i64, form: $crate::MeetingForm } -> $crate::ReviewPrep;
            app accept_invitees: AcceptInvitees { review: i64 } -> $crate::ReviewPrep;
            app add_invitee: AddInvitee { review: i64, form: $crate::InviteeForm } -> $crate::ReviewPrep;
            app update_invitee: UpdateInvitee { review: i64, invitee: i64, form: $crate::InviteeForm }
                -> $crate::ReviewPrep;
            app delete_invitee: DeleteInvitee { review: i64, invitee: i64 } -> $crate::ReviewPrep;
            app mark_invitations_sent: MarkInvitationsSent { review: i64 } -> $crate::ReviewPrep;
            app mark_circulated: MarkCirculated { review: i64, told_missing: bool } -> $crate::ReviewPrep;
            app record_invitation: RecordInvitation { review: i64, invitee: i64, form: $crate::InvitationForm }
                -> $crate::ReviewPrep;
            shell generate_letters: GenerateLetters { review: i64, format: $crate::DocumentFormat }
                -> $crate::LettersWritten;
            shell write_invitation_emails: WriteInvitationEmails { review: i64 } -> $crate::LettersWritten;
            shell generate_letter_for: GenerateLetterFor { review: i64, invitee: i64 } -> $crate::LettersWritten;
            shell chase: Chase { review: i64, item: i64 } -> $crate::LettersWritten;
            shell attach_file: AttachFile { review: i64, item: i64 } -> $crate::ReviewPrep;
            app record_views: RecordViews { review: i64, item: i64, text: String } -> $crate::ReviewPrep;
            app set_review_type: SetReviewType { review: i64, review_type: Option<$crate::ReviewType> }
                -> $crate::ReviewPrep;
            app add_checklist_document: AddChecklistDocument { review: i64, form: $crate::ChecklistDocumentForm }
                -> $crate::ReviewPrep;
            app remove_checklist_item: RemoveChecklistItem { review: i64, item: i64 } -> $crate::ReviewPrep;
            shell circulation_letters: CirculationLetters { review: i64 } -> $crate::LettersWritten;
            // The meeting and the AR1 record.
            app ar1: Ar1 { review: i64 } -> $crate::Ar1Dto;
            app save_ar1_field: SaveAr1Field { review: i64, key: String, value: String } -> $crate::Ar1Saved;
            app set_attendance: SetAttendance { review: i64, invitee: i64, attendance: $crate::Attendance }
                -> $crate::Ar1Saved;
            shell print_ar1_form: PrintAr1Form { review: i64, prefilled: bool } -> $crate::LettersWritten;
            shell export_ar1_record: ExportAr1Record { review: i64 } -> $crate::LettersWritten;
            shell write_briefing: WriteBriefing { review: i64 } -> $crate::LettersWritten;
            // After the meeting.
            app after_meeting: AfterMeeting { review: i64 } -> $crate::AfterMeetingDto;
            app mark_ready_to_submit: MarkReadyToSubmit { review: i64 } -> $crate::AfterMeetingDto;
            app mark_submitted: MarkSubmitted { review: i64, date: String } -> $crate::AfterMeetingDto;
            app record_after_decision: RecordAfterDecision { review: i64, form: $crate::AfterDecisionForm }
                -> $crate::AfterMeetingDto;
            app record_decision: RecordDecision { review: i64, form: $crate::DecisionForm }
                -> $crate::AfterMeetingDto;
            app record_briefing: RecordBriefing { review: i64, form: $crate::BriefingForm } -> $crate::AfterMeetingDto;
            app save_reflection: SaveReflection { review: i64, form: $crate::ReflectionForm } -> $crate::AfterMeetingDto;
            app reflections: Reflections {} -> Vec<$crate::ReflectionDto>;
            app record_return: RecordReturn { review: i64, form: $crate::ReturnForm } -> $crate::AfterMeetingDto;
            app set_return_item: SetReturnItem { review: i64, position: usize, done: bool }
                -> $crate::AfterMeetingDto;
            app set_action_status: SetActionStatus { review: i64, row: usize, status: $crate::ActionStatus, note: String }
                -> $crate::TrackedActionDto;
            app open_actions: OpenActions {} -> Vec<$crate::TrackedActionDto>;
            // Check-ins between reviews: progress, the child's view, the parents' feedback.
            app check_ins: CheckIns { child: i64 } -> $crate::CheckInsDto;
            app record_check_in: RecordCheckIn { child: i64, form: $crate::CheckInForm } -> $crate::CheckInsDto;
            app ar1_from_check_ins: Ar1FromCheckIns { review: i64 } -> $crate::Ar1Dto;
            // The transition plan: the receiving setting and the transition actions.
            app transition: Transition { child: i64 } -> $crate::TransitionDto;
            app save_receiving_setting: SaveReceivingSetting { child: i64, form: $crate::ReceivingSettingForm }
                -> $crate::TransitionDto;
            app add_transition_action: AddTransitionAction { child: i64, form: $crate::TransitionActionForm }
                -> $crate::TransitionDto;
            app set_transition_action_done: SetTransitionActionDone { child: i64, id: i64, done: bool }
                -> $crate::TransitionDto;
            // Requests to the LA after a review: re-assessment, support, reconsideration.
            app la_requests: LaRequests { review: i64 } -> $crate::RequestsDto;
            shell make_request: MakeRequest { review: i64, form: $crate::RequestForm } -> $crate::LettersWritten;
            shell write_request_letter: WriteRequestLetter { request: i64 } -> $crate::LettersWritten;
            app answer_request: AnswerRequest { request: i64, form: $crate::AnswerForm } -> $crate::RequestsDto;
            app unanswered_requests: UnansweredRequests {} -> Vec<$crate::LaRequestDto>;
            // For the head and governors: the statutory deadlines met in a period.
            app compliance_report: ComplianceReport { from: String, to: String } -> $crate::ComplianceReportDto;
            shell save_compliance: SaveCompliance { from: String, to: String } -> $crate::LettersWritten;
            // Amendments and the current plan.
            app amendments: Amendments { review: i64 } -> $crate::AmendmentsDto;
            app preview_amendment: PreviewAmendment { section: String, current: String, proposed: String }
                -> $crate::AmendmentPreview;
            app add_amendment: AddAmendment { review: i64, form: $crate::AmendmentForm } -> $crate::AmendmentsDto;
            app update_amendment: UpdateAmendment { review: i64, id: i64, form: $crate::AmendmentForm }
                -> $crate::AmendmentsDto;
            app delete_amendment: DeleteAmendment { review: i64, id: i64 } -> $crate::AmendmentsDto;
            app set_no_amendments: SetNoAmendments { review: i64, none: bool } -> $crate::AmendmentsDto;
            app set_amendment_mode: SetAmendmentMode { review: i64, mode: $crate::AmendmentMode } -> $crate::AmendmentsDto;
            shell write_amendments: WriteAmendments { review: i64 } -> $crate::LettersWritten;
            shell import_plan: ImportPlan { child: i64 } -> $crate::PlanImportDto;
            app assign_plan_parts: AssignPlanParts { child: i64, choices: Vec<$crate::PlanPartChoice> }
                -> $crate::PlanImportDto;
            app save_plan: SavePlan { child: i64, sections: Vec<$crate::PlanSection> } -> ();
            // The submission bundle, and the LA's check of one received.
            app bundle_check: BundleCheck { review: i64 } -> $crate::BundleCheckDto;
            app override_finding: OverrideFinding { review: i64, rule: String, message: String, reason: String }
                -> $crate::BundleCheckDto;
            shell export_bundle: ExportBundle { review: i64 } -> $crate::Exported;
            shell bundle_progress: BundleProgress {} -> $crate::BundleProgress;
            shell open_bundle: OpenBundle {} -> $crate::VerifyReport;
            shell receive_folder: ReceiveFolder { la: Option<String> } -> Vec<$crate::ReceivedRow>;
            shell save_register: SaveRegister {} -> $crate::Exported;
            shell draft_reply: DraftReply { form: $crate::ReplyForm } -> $crate::LettersWritten;
        }
    };
}

/// Makes one request type per command, and its [`Command`] impl.
macro_rules! requests {
    ($($kind:ident $name:ident : $request:ident { $($field:ident : $type:ty),* $(,)? } -> $response:ty;)*) => {
        $(
            #[doc = concat!("The parameters of the `", stringify!($name), "` command.")]
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            pub struct $request {
                $(pub $field: $type),*
            }

            impl Command for $request {
                const NAME: &'static str = stringify!($name);
                type Response = $response;
            }
        )*

        /// Every command's name, in the table's order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

with_commands!(requests);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_is_named_once() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
        assert_eq!(<ReviewPrep as Command>::NAME, "review_prep");
    }

    #[test]
    fn a_request_is_its_parameters_by_name() {
        let request = SetMeeting { review: 7, form: crate::MeetingForm::default() };
        let json = serde_json::to_value(&request).unwrap_or_default();
        assert_eq!(json["review"], 7);
        assert!(json["form"].is_object());
    }
}
