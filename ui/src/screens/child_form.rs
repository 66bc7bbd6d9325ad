//! Adding a child, or editing their details: one form, every problem shown beside its field.

use ardesk_dto::commands;
use ardesk_dto::{ChildForm, ErrorCode, ErrorDto, LaOption};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{ErrorPanel, FieldError, Form, Opening, Outcome, TextField};

#[component]
pub(crate) fn ChildFormPage(id: Option<i64>, las: Vec<ardesk_dto::LaOption>) -> impl IntoView {
    let ctx = ctx();
    let data = RwSignal::new(ChildForm::default());
    // Only this flag drives the form's rendering, so typing never re-renders the form.
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ErrorDto>);
    // The LAs as they are now (one just added in Settings among the school's), else as the
    // window last knew them.
    let la_list = RwSignal::new(las);
    spawn_local(async move {
        if let Ok(fresh) = ipc::call(commands::LaOptions {}).await {
            la_list.set(fresh);
        }
        let form = match id {
            Some(id) => ipc::call(commands::GetChild { id }).await.map(|c| c.form),
            None => ipc::call(commands::NewChildForm {}).await,
        };
        match form {
            Ok(f) => {
                data.set(f);
                loaded.set(true);
            }
            Err(e) => load_error.set(Some(e)),
        }
    });
    let outcome = Outcome::new();
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let fields = move || {
        let (yours, others): (Vec<LaOption>, Vec<LaOption>) =
            la_list.get_untracked().into_iter().partition(|la| la.yours);
        let options = move |list: Vec<LaOption>| {
            list.into_iter()
                .map(|la| {
                    let id = la.id.clone();
                    view! {
                        <option value=la.id selected=move || data.with(|f| f.la_id == id)>{la.name}</option>
                    }
                })
                .collect_view()
        };
        let la_error = move || outcome.problem("la_id");
        view! {
            <fieldset>
                <legend>"Child or young person"</legend>
                <TextField form=data outcome name="legal_forenames" label="Legal first name(s)" required=true
                    get=|f| f.legal_forenames.clone() set=|f, v| f.legal_forenames = v />
                <TextField form=data outcome name="legal_surname" label="Legal surname" required=true
                    get=|f| f.legal_surname.clone() set=|f, v| f.legal_surname = v />
                <TextField form=data outcome name="preferred_name" label="Preferred name"
                    hint="What the child likes to be called, if different."
                    get=|f| f.preferred_name.clone() set=|f, v| f.preferred_name = v />
                <TextField form=data outcome name="dob" label="Date of birth" required=true placeholder="dd/mm/yyyy"
                    hint="For example 03/02/2016."
                    get=|f| f.dob.clone() set=|f, v| f.dob = v />
                <TextField form=data outcome name="upn" label="UPN"
                    hint="Unique Pupil Number from the school's MIS: a letter and 12 digits."
                    get=|f| f.upn.clone() set=|f, v| f.upn = v />
                <TextField form=data outcome name="ncy_offset" label="Year-group offset"
                    hint="0 (or blank) if taught in their chronological year group; −1 if taught a year below."
                    get=|f| f.ncy_offset.clone() set=|f, v| f.ncy_offset = v />
                <div class="field checkbox">
                    <input id="f-looked_after" type="checkbox"
                        prop:checked=move || data.with(|f| f.looked_after)
                        on:change=move |ev| data.update(|f| f.looked_after = event_target_checked(&ev)) />
                    <label for="f-looked_after">"Looked after by a local authority"</label>
                </div>
            </fieldset>
            <fieldset>
                <legend>"EHC plan"</legend>
                <div class="field" class:invalid=move || la_error().is_some()>
                    <label for="f-la_id">"Maintaining local authority " <span class="req">"(required)"</span></label>
                    <p class="hint" id="hint-la_id">"The LA that maintains the plan decides the forms and deadlines. Any LA in England can be chosen: one without a profile of its own follows the statutory defaults until you add it in Settings, LA profiles."</p>
                    <select id="f-la_id" aria-describedby="hint-la_id err-la_id"
                        aria-invalid=move || if la_error().is_some() { "true" } else { "false" }
                        on:change=move |ev| {
                            data.update(|f| f.la_id = event_target_value(&ev));
                            outcome.edited("la_id");
                        }>
                        <option value="" selected=move || data.with(|f| f.la_id.is_empty())>"Choose…"</option>
                        <optgroup label="Your LAs">{options(yours)}</optgroup>
                        <optgroup label="Every other LA in England">{options(others)}</optgroup>
                    </select>
                    <FieldError outcome name="la_id" of="f-la_id" />
                </div>
                <TextField form=data outcome name="la_ref" label="LA reference"
                    hint="The LA's case or EHCP reference, as printed on the plan."
                    get=|f| f.la_ref.clone() set=|f, v| f.la_ref = v />
                <TextField form=data outcome name="need_types" label="SEN need types" placeholder="ASD, SLCN"
                    hint="The DfE's codes, primary need first: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH."
                    get=|f| f.need_types.clone() set=|f, v| f.need_types = v />
            </fieldset>
            <fieldset>
                <legend>"Review history"</legend>
                <p class="hint">"The next review is due within 12 months of the LA's last decision letter; without it, of the last review meeting; before any review, of the date the plan was first issued. Leave a date blank if you do not know it."</p>
                <TextField form=data outcome name="plan_issue_date" label="Date the plan was first issued" placeholder="dd/mm/yyyy"
                    hint="The date on the first final EHC plan, not on a later amended one: an amended plan does not restart the clock."
                    get=|f| f.plan_issue_date.clone() set=|f, v| f.plan_issue_date = v />
                <TextField form=data outcome name="last_review_meeting" label="Last review meeting" placeholder="dd/mm/yyyy"
                    hint="The date of the last annual review meeting. Blank if the plan has not been reviewed yet."
                    get=|f| f.last_review_meeting.clone() set=|f, v| f.last_review_meeting = v />
                <TextField form=data outcome name="last_review_decision" label="LA's last decision letter" placeholder="dd/mm/yyyy"
                    hint="The date of the LA's letter after that meeting (keep, amend or cease the plan). Blank if it has not come yet."
                    get=|f| f.last_review_decision.clone() set=|f, v| f.last_review_decision = v />
            </fieldset>
            <fieldset>
                <legend>"Phase transfers"</legend>
                <p class="hint">"Year 6 and Year 11 transfers are always tracked. Add any other move here."</p>
                <div class="field">
                    <label for="f-transfer_ncy">"Also changes school at the end of"</label>
                    <select id="f-transfer_ncy" aria-describedby="err-transfer_ncy"
                        on:change=move |ev| data.update(|f| f.transfer_ncy = event_target_value(&ev))>
                        {[("", "No other transfer"), ("-1", "Nursery (to Reception)"), ("2", "Year 2 (infant to junior)"),
                          ("4", "Year 4 (first to middle school)"), ("8", "Year 8 (middle to upper school)")]
                            .into_iter()
                            .map(|(value, text)| view! {
                                <option value=value selected=move || data.with(|f| f.transfer_ncy == value)>{text}</option>
                            })
                            .collect_view()}
                    </select>
                    <FieldError outcome name="transfer_ncy" of="f-transfer_ncy" />
                </div>
                <TextField form=data outcome name="post16_move" label="Post-16 move date" placeholder="dd/mm/yyyy"
                    hint="For a move between post-16 settings at another time of year: the plan must be reviewed 5 months before."
                    get=|f| f.post16_move.clone() set=|f, v| f.post16_move = v />
            </fieldset>
        }
    };

    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        banner.set(None);
        let data = data.get_untracked();
        spawn_local(async move {
            let result = match id {
                Some(id) => ipc::call(commands::UpdateChild { id, form: data.clone() }).await,
                None => ipc::call(commands::CreateChild { form: data.clone() }).await,
            };
            saving.set(false);
            match result {
                Ok(saved) => {
                    ctx.refresh_info();
                    let first = match data.preferred_name.trim() {
                        "" => data.legal_forenames.trim(),
                        preferred => preferred,
                    };
                    let who = format!("{first} {}", data.legal_surname.trim());
                    ctx.go_with_status(Screen::Child(saved.id), format!("Saved {who}."));
                }
                Err(e) if e.code == ErrorCode::Validation => {
                    banner.set(Some(e.message.clone()));
                    // Each problem beside its field, and the focus on the first.
                    outcome.refused("save", e);
                }
                Err(e) => banner.set(Some(e.message)),
            }
        });
    };

    let cancel = move |_| ctx.go(id.map_or(Screen::Caseload, Screen::Child));
    let title = if id.is_some() { "Edit details" } else { "Add a child" };

    view! {
        <h2>{title}</h2>
        {move || load_error.get().map(|error| view! { <ErrorPanel error /> })}
        {move || banner.get().map(|b| view! { <div id="form-banner" class="error-panel" role="alert">{b}</div> })}
        {move || loaded.get().then(|| {
            view! {
                <Form id="child-form" on_submit=submit opening=Opening::due()>
                    {fields()}
                    <div class="actions">
                        <button id="save" type="submit" class="primary" disabled=move || saving.get()>
                            {move || if saving.get() { "Saving…" } else { "Save" }}
                        </button>
                        <button id="cancel" type="button" on:click=cancel>"Cancel"</button>
                    </div>
                </Form>
            }
        })}
    }
}
