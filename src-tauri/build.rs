//! Tauri's build step. Our commands are listed here so that Tauri generates an `allow-…`
//! permission for each, and `capabilities/default.json` grants exactly those to the window.

const COMMANDS: &[&str] = &[
    "app_info",
    "load_demo",
    "get_child",
    "new_child_form",
    "create_child",
    "update_child",
    "delete_child",
    "caseload",
    "child_timeline",
    "export_ics",
    "profiles",
    "profile_json",
    "save_profile",
    "reset_profile",
    "terms_text",
    "set_terms",
    "calendar_settings",
    "import_bank_holidays",
    "import_terms",
    "review_prep",
    "set_meeting",
    "accept_invitees",
    "add_invitee",
    "update_invitee",
    "delete_invitee",
    "mark_invitations_sent",
    "mark_circulated",
    "generate_letters",
    "chase",
    "attach_file",
    "record_views",
    "generate_letter_for",
    "circulation_letters",
    "ar1",
    "save_ar1_field",
    "school_form",
    "save_school",
    "letter_templates",
    "save_letter_template",
    "reset_letter_template",
    "set_attendance",
    "after_meeting",
    "mark_ready_to_submit",
    "mark_submitted",
    "record_decision",
    "set_action_status",
    "open_actions",
    "print_ar1_form",
    "export_ar1_record",
];

fn main() {
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri build step failed: {e:#}");
    }
}
