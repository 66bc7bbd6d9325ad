//! The one typed client for the backend. Every call goes through [`invoke`], which speaks the
//! `ardesk-dto` contract; no other module touches `window.__TAURI__`.

use ardesk_dto::{
    AfterMeetingDto, AmendmentForm, AmendmentPreview, AmendmentsDto, AppInfo, BundleCheckDto,
    CalendarSettings, CaseloadRow, ChildDetail, ChildForm, ChildTimeline, DecisionForm, ErrorCode, ErrorDto,
    Exported, InviteeForm, LetterTemplateDto, LettersWritten, MeetingForm, PlanImportDto, PlanSection,
    ProfileSummary, ReviewPrep, Saved, SchoolForm, TrackedActionDto, VerifyReport,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // A synchronous import returning a Promise, with `catch`: a missing `__TAURI__` throws here
    // and becomes an error, instead of a future that never completes.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    fn tauri_invoke(cmd: &str, args: JsValue) -> Result<js_sys::Promise, JsValue>;
}

fn unavailable(message: String) -> ErrorDto {
    ErrorDto { code: ErrorCode::Unavailable, message, problems: Vec::new() }
}

/// Calls the backend command `cmd` with `args` (a struct whose fields are the command's
/// parameters) and decodes its answer or its `ErrorDto`.
async fn invoke<A: Serialize, R: DeserializeOwned>(cmd: &str, args: &A) -> Result<R, ErrorDto> {
    let args = serde_wasm_bindgen::to_value(args).map_err(|e| unavailable(e.to_string()))?;
    let promise = tauri_invoke(cmd, args)
        .map_err(|_| unavailable("The app's backend is not reachable. Restart Annual Review Desk.".into()))?;
    match JsFuture::from(promise).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| unavailable(format!("Unexpected answer from the backend: {e}"))),
        Err(error) => Err(serde_wasm_bindgen::from_value::<ErrorDto>(error.clone()).unwrap_or_else(|_| {
            unavailable(error.as_string().unwrap_or_else(|| "The action failed.".to_owned()))
        })),
    }
}

#[derive(Serialize)]
struct NoArgs {}

#[derive(Serialize)]
struct Id {
    id: i64,
}

#[derive(Serialize)]
struct Create<'a> {
    form: &'a ChildForm,
}

#[derive(Serialize)]
struct Update<'a> {
    id: i64,
    form: &'a ChildForm,
}

pub async fn app_info() -> Result<AppInfo, ErrorDto> {
    invoke("app_info", &NoArgs {}).await
}

pub async fn load_demo() -> Result<usize, ErrorDto> {
    invoke("load_demo", &NoArgs {}).await
}

pub async fn caseload() -> Result<Vec<CaseloadRow>, ErrorDto> {
    invoke("caseload", &NoArgs {}).await
}

pub async fn child_timeline(id: i64) -> Result<ChildTimeline, ErrorDto> {
    invoke("child_timeline", &Id { id }).await
}

pub async fn export_ics(id: i64) -> Result<Exported, ErrorDto> {
    invoke("export_ics", &Id { id }).await
}

#[derive(Serialize)]
struct ProfileId<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct ProfileEdit<'a> {
    id: &'a str,
    json: &'a str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

pub async fn profiles() -> Result<Vec<ProfileSummary>, ErrorDto> {
    invoke("profiles", &NoArgs {}).await
}

pub async fn profile_json(id: &str) -> Result<String, ErrorDto> {
    invoke("profile_json", &ProfileId { id }).await
}

pub async fn save_profile(id: &str, json: &str) -> Result<(), ErrorDto> {
    invoke("save_profile", &ProfileEdit { id, json }).await
}

pub async fn reset_profile(id: &str) -> Result<(), ErrorDto> {
    invoke("reset_profile", &ProfileId { id }).await
}

pub async fn terms_text() -> Result<String, ErrorDto> {
    invoke("terms_text", &NoArgs {}).await
}

pub async fn set_terms(text: &str) -> Result<CalendarSettings, ErrorDto> {
    invoke("set_terms", &Text { text }).await
}

pub async fn calendar_settings() -> Result<CalendarSettings, ErrorDto> {
    invoke("calendar_settings", &NoArgs {}).await
}

pub async fn import_bank_holidays() -> Result<usize, ErrorDto> {
    invoke("import_bank_holidays", &NoArgs {}).await
}

pub async fn get_child(id: i64) -> Result<ChildDetail, ErrorDto> {
    invoke("get_child", &Id { id }).await
}

pub async fn new_child_form() -> Result<ChildForm, ErrorDto> {
    invoke("new_child_form", &NoArgs {}).await
}

pub async fn create_child(form: &ChildForm) -> Result<Saved, ErrorDto> {
    invoke("create_child", &Create { form }).await
}

pub async fn update_child(id: i64, form: &ChildForm) -> Result<Saved, ErrorDto> {
    invoke("update_child", &Update { id, form }).await
}

pub async fn delete_child(id: i64) -> Result<(), ErrorDto> {
    invoke("delete_child", &Id { id }).await
}

pub async fn import_terms() -> Result<CalendarSettings, ErrorDto> {
    invoke("import_terms", &NoArgs {}).await
}

#[derive(Serialize)]
struct Review {
    review: i64,
}

#[derive(Serialize)]
struct ReviewItem {
    review: i64,
    item: i64,
}

pub async fn review_prep(review: i64) -> Result<ReviewPrep, ErrorDto> {
    invoke("review_prep", &Review { review }).await
}

pub async fn set_meeting(review: i64, form: &MeetingForm) -> Result<ReviewPrep, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        form: &'a MeetingForm,
    }
    invoke("set_meeting", &Args { review, form }).await
}

pub async fn accept_invitees(review: i64) -> Result<ReviewPrep, ErrorDto> {
    invoke("accept_invitees", &Review { review }).await
}

pub async fn add_invitee(review: i64, form: &InviteeForm) -> Result<ReviewPrep, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        form: &'a InviteeForm,
    }
    invoke("add_invitee", &Args { review, form }).await
}

pub async fn delete_invitee(review: i64, invitee: i64) -> Result<ReviewPrep, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        review: i64,
        invitee: i64,
    }
    invoke("delete_invitee", &Args { review, invitee }).await
}

pub async fn mark_invitations_sent(review: i64) -> Result<ReviewPrep, ErrorDto> {
    invoke("mark_invitations_sent", &Review { review }).await
}

pub async fn mark_circulated(review: i64) -> Result<ReviewPrep, ErrorDto> {
    invoke("mark_circulated", &Review { review }).await
}

pub async fn generate_letters(review: i64, format: &str) -> Result<LettersWritten, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        format: &'a str,
    }
    invoke("generate_letters", &Args { review, format }).await
}

pub async fn chase(review: i64, item: i64) -> Result<LettersWritten, ErrorDto> {
    invoke("chase", &ReviewItem { review, item }).await
}

pub async fn attach_file(review: i64, item: i64) -> Result<ReviewPrep, ErrorDto> {
    invoke("attach_file", &ReviewItem { review, item }).await
}

pub async fn record_views(review: i64, item: i64, text: &str) -> Result<ReviewPrep, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        item: i64,
        text: &'a str,
    }
    invoke("record_views", &Args { review, item, text }).await
}

pub async fn school_form() -> Result<SchoolForm, ErrorDto> {
    invoke("school_form", &NoArgs {}).await
}

pub async fn save_school(form: &SchoolForm) -> Result<SchoolForm, ErrorDto> {
    invoke("save_school", &SchoolArgs { form }).await
}

#[derive(Serialize)]
struct SchoolArgs<'a> {
    form: &'a SchoolForm,
}

pub async fn letter_templates() -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    invoke("letter_templates", &NoArgs {}).await
}

#[derive(Serialize)]
struct TemplateArgs<'a> {
    kind: &'a str,
    text: &'a str,
}

pub async fn save_letter_template(kind: &str, text: &str) -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    invoke("save_letter_template", &TemplateArgs { kind, text }).await
}

pub async fn reset_letter_template(kind: &str) -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    #[derive(Serialize)]
    struct Kind<'a> {
        kind: &'a str,
    }
    invoke("reset_letter_template", &Kind { kind }).await
}

pub async fn generate_letter_for(review: i64, invitee: i64) -> Result<LettersWritten, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        review: i64,
        invitee: i64,
    }
    invoke("generate_letter_for", &Args { review, invitee }).await
}

pub async fn update_invitee(review: i64, invitee: i64, form: &InviteeForm) -> Result<ReviewPrep, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        invitee: i64,
        form: &'a InviteeForm,
    }
    invoke("update_invitee", &Args { review, invitee, form }).await
}

pub async fn circulation_letters(review: i64) -> Result<LettersWritten, ErrorDto> {
    invoke("circulation_letters", &Review { review }).await
}

pub async fn ar1(review: i64) -> Result<ardesk_dto::Ar1Dto, ErrorDto> {
    invoke("ar1", &Review { review }).await
}

pub async fn save_ar1_field(review: i64, key: &str, value: &str) -> Result<ardesk_dto::Ar1Saved, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        key: &'a str,
        value: &'a str,
    }
    invoke("save_ar1_field", &Args { review, key, value }).await
}

pub async fn set_attendance(
    review: i64,
    invitee: i64,
    attendance: &str,
) -> Result<ardesk_dto::Ar1Saved, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        invitee: i64,
        attendance: &'a str,
    }
    invoke("set_attendance", &Args { review, invitee, attendance }).await
}

pub async fn after_meeting(review: i64) -> Result<AfterMeetingDto, ErrorDto> {
    invoke("after_meeting", &Review { review }).await
}

pub async fn mark_ready_to_submit(review: i64) -> Result<AfterMeetingDto, ErrorDto> {
    invoke("mark_ready_to_submit", &Review { review }).await
}

pub async fn mark_submitted(review: i64, date: &str) -> Result<AfterMeetingDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        date: &'a str,
    }
    invoke("mark_submitted", &Args { review, date }).await
}

pub async fn record_decision(review: i64, form: &DecisionForm) -> Result<AfterMeetingDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        form: &'a DecisionForm,
    }
    invoke("record_decision", &Args { review, form }).await
}

pub async fn set_action_status(
    review: i64,
    row: usize,
    status: &str,
    note: &str,
) -> Result<TrackedActionDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        row: usize,
        status: &'a str,
        note: &'a str,
    }
    invoke("set_action_status", &Args { review, row, status, note }).await
}

pub async fn open_actions() -> Result<Vec<TrackedActionDto>, ErrorDto> {
    invoke("open_actions", &NoArgs {}).await
}

pub async fn print_ar1_form(review: i64, prefilled: bool) -> Result<LettersWritten, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        review: i64,
        prefilled: bool,
    }
    invoke("print_ar1_form", &Args { review, prefilled }).await
}

pub async fn export_ar1_record(review: i64) -> Result<LettersWritten, ErrorDto> {
    invoke("export_ar1_record", &Review { review }).await
}

pub async fn amendments(review: i64) -> Result<AmendmentsDto, ErrorDto> {
    invoke("amendments", &Review { review }).await
}

pub async fn preview_amendment(
    section: &str,
    current: &str,
    proposed: &str,
) -> Result<AmendmentPreview, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        section: &'a str,
        current: &'a str,
        proposed: &'a str,
    }
    invoke("preview_amendment", &Args { section, current, proposed }).await
}

pub async fn save_amendment(
    review: i64,
    id: Option<i64>,
    form: &AmendmentForm,
) -> Result<AmendmentsDto, ErrorDto> {
    #[derive(Serialize)]
    struct Add<'a> {
        review: i64,
        form: &'a AmendmentForm,
    }
    #[derive(Serialize)]
    struct Update<'a> {
        review: i64,
        id: i64,
        form: &'a AmendmentForm,
    }
    match id {
        None => invoke("add_amendment", &Add { review, form }).await,
        Some(id) => invoke("update_amendment", &Update { review, id, form }).await,
    }
}

pub async fn delete_amendment(review: i64, id: i64) -> Result<AmendmentsDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        review: i64,
        id: i64,
    }
    invoke("delete_amendment", &Args { review, id }).await
}

pub async fn set_no_amendments(review: i64, none: bool) -> Result<AmendmentsDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        review: i64,
        none: bool,
    }
    invoke("set_no_amendments", &Args { review, none }).await
}

pub async fn set_amendment_mode(review: i64, mode: &str) -> Result<AmendmentsDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        mode: &'a str,
    }
    invoke("set_amendment_mode", &Args { review, mode }).await
}

pub async fn write_amendments(review: i64) -> Result<LettersWritten, ErrorDto> {
    invoke("write_amendments", &Review { review }).await
}

pub async fn import_plan(child: i64) -> Result<PlanImportDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args {
        child: i64,
    }
    invoke("import_plan", &Args { child }).await
}

pub async fn save_plan(child: i64, sections: &[PlanSection]) -> Result<(), ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        child: i64,
        sections: &'a [PlanSection],
    }
    invoke("save_plan", &Args { child, sections }).await
}

pub async fn bundle_check(review: i64) -> Result<BundleCheckDto, ErrorDto> {
    invoke("bundle_check", &Review { review }).await
}

pub async fn override_finding(
    review: i64,
    rule: &str,
    message: &str,
    reason: &str,
) -> Result<BundleCheckDto, ErrorDto> {
    #[derive(Serialize)]
    struct Args<'a> {
        review: i64,
        rule: &'a str,
        message: &'a str,
        reason: &'a str,
    }
    invoke("override_finding", &Args { review, rule, message, reason }).await
}

pub async fn export_bundle(review: i64) -> Result<Exported, ErrorDto> {
    invoke("export_bundle", &Review { review }).await
}

pub async fn open_bundle() -> Result<VerifyReport, ErrorDto> {
    invoke("open_bundle", &NoArgs {}).await
}

pub async fn bundle_progress() -> Result<ardesk_dto::BundleProgress, ErrorDto> {
    invoke("bundle_progress", &NoArgs {}).await
}
