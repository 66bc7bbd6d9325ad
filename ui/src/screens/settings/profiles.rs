//! The LA profiles: the school's LAs, each with its name, channel, forms and timings edited in a
//! form (everything else as JSON), reset to the shipped one (or the statutory defaults), or,
//! for an LA the school added, removed; and any other LA in England added.

use ardesk_dto::commands;
use ardesk_dto::{LaOption, ProfileForm, ProfileSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::ctx;
use crate::widgets::{Ack, ChoiceField, FieldError, Form, Opening, Outcome, ProblemList, TextField};

/// What is open below the list: a profile's form, or its JSON.
#[derive(Clone, PartialEq)]
enum Editing {
    Form(String),
    Json(String),
}

impl Editing {
    fn id(&self) -> &str {
        match self {
            Editing::Form(id) | Editing::Json(id) => id,
        }
    }
}

#[component]
pub(crate) fn ProfilesPanel() -> impl IntoView {
    let ctx = ctx();
    let profiles = RwSignal::new(Vec::<ProfileSummary>::new());
    let editing = RwSignal::new(None::<Editing>);
    let profile_text = RwSignal::new(String::new());
    let profile_form = RwSignal::new(ProfileForm::default());
    // Each profile's row: its edit saved or its reset, confirmed (or refused) in the row.
    let rows = Outcome::new();
    // The editor: every problem is about the JSON, shown together beside it.
    let editor = Outcome::new();
    let opening = Opening::new();
    // Every LA in England that is not yet one of the school's, to add.
    let others = RwSignal::new(Vec::<LaOption>::new());
    let chosen = RwSignal::new(String::new());
    let adding = Outcome::new();
    // Reads the list again; the app's list of LAs (child forms, the import page) follows.
    let load = move || {
        spawn_local(async move {
            profiles.set(ipc::call(commands::Profiles {}).await.unwrap_or_default());
            let all = ipc::call(commands::LaOptions {}).await.unwrap_or_default();
            others.set(all.into_iter().filter(|la| !la.yours).collect());
            ctx.refresh_info();
        })
    };
    load();

    // Opens profile `id` in its form, or (`json`) as JSON. Pressed again for what is open, it
    // keeps what was typed.
    let edit = move |id: String, json: bool| {
        let want = if json { Editing::Json(id.clone()) } else { Editing::Form(id.clone()) };
        if editing.get_untracked().as_ref() == Some(&want) {
            opening.open();
            return;
        }
        spawn_local(async move {
            let loaded = if json {
                ipc::call(commands::ProfileJson { id: id.clone() }).await.map(|j| profile_text.set(j))
            } else {
                ipc::call(commands::ProfileForm { id: id.clone() }).await.map(|f| profile_form.set(f))
            };
            match loaded {
                Ok(()) => {
                    editor.clear();
                    editing.set(Some(want));
                    opening.open();
                }
                Err(e) => rows.refused(&format!("profile-{id}"), e),
            }
        });
    };
    let save_form = move || {
        let Some(Editing::Form(id)) = editing.get_untracked() else { return };
        let form = profile_form.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::SaveProfileForm { id: id.clone(), form }).await {
                Ok(saved) => {
                    editing.set(None);
                    adding.clear();
                    rows.done(
                        &format!("profile-{id}"),
                        format!("Saved the school's version of {}.", saved.name),
                    );
                    load();
                }
                Err(e) => editor.refused("save-profile-form", e),
            }
        });
    };
    let remove_la = move |id: String| {
        spawn_local(async move {
            let at = format!("profile-{id}");
            match ipc::call(commands::RemoveLa { id: id.clone() }).await {
                Ok(()) => {
                    if editing.get_untracked().is_some_and(|e| e.id() == id) {
                        editing.set(None);
                    }
                    adding.done("add-la", "Removed: that LA is no longer one of yours.");
                    load();
                }
                Err(e) => rows.refused(&at, e),
            }
        });
    };
    let save_profile = move || {
        let Some(Editing::Json(id)) = editing.get_untracked() else { return };
        let json = profile_text.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::SaveProfile { id: id.clone(), json }).await {
                Ok(()) => {
                    editing.set(None);
                    adding.clear();
                    rows.done(
                        &format!("profile-{id}"),
                        format!("Saved the school's version of the {id} profile."),
                    );
                    load();
                }
                Err(e) => editor.refused("save-profile", e),
            }
        });
    };
    let reset_profile = move |id: String, defaults: bool| {
        spawn_local(async move {
            let at = format!("profile-{id}");
            match ipc::call(commands::ResetProfile { id: id.clone() }).await {
                Ok(()) => {
                    editing.set(None);
                    let to = if defaults { "the statutory defaults" } else { "the shipped version" };
                    rows.done(&at, format!("The {id} profile is back to {to}."));
                    load();
                }
                Err(e) => rows.refused(&at, e),
            }
        });
    };
    // Adds the chosen LA with the statutory defaults, and opens its profile to edit.
    let add_la = move || {
        let code = chosen.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::AddLa { code }).await {
                Ok(added) => {
                    chosen.set(String::new());
                    adding.done(
                        "add-la",
                        format!(
                            "Added {} with the statutory defaults: check its details below against the LA's guidance.",
                            added.name
                        ),
                    );
                    load();
                    edit(added.id, false);
                }
                Err(e) => adding.refused("add-la", e),
            }
        });
    };

    view! {
        <section aria-labelledby="profiles-h" class="panel">
            <h3 id="profiles-h">"LA profiles"</h3>
            <p class="hint">"Each child's maintaining LA decides the timings, forms and rules. These are your LAs: edit a profile to match the LA's current guidance, and your version replaces the shipped one (or the statutory defaults). An LA may ask for more notice than the law, never less."</p>
            <table id="profiles" class="people">
                <thead><tr>
                    <th scope="col">"LA"</th><th scope="col">"Version"</th><th scope="col">"Valid from"</th>
                    <th scope="col">"Amendments"</th><th scope="col">"Submission"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {move || profiles.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        let json_id = p.id.clone();
                        let reset_id = p.id.clone();
                        let remove_id = p.id.clone();
                        let defaults = p.statutory_defaults;
                        let note = if p.customised {
                            " (edited by the school)"
                        } else if p.statutory_defaults {
                            " (statutory defaults)"
                        } else {
                            ""
                        };
                        view! {
                            <tr data-profile=p.id.clone()>
                                <td>{p.name}{note}</td>
                                <td>{p.version}</td>
                                <td>{p.valid_from}</td>
                                <td>{p.amendment_mode}</td>
                                <td>{p.channel}</td>
                                <td>
                                    <button class="link edit-profile" on:click=move |_| edit(id.clone(), false)>"Edit"</button>
                                    " "
                                    <button class="link edit-json" on:click=move |_| edit(json_id.clone(), true)>"Edit as JSON"</button>
                                    {p.customised.then(|| view! {
                                        " " <button class="link reset-profile" on:click=move |_| reset_profile(reset_id.clone(), defaults)>"Reset"</button>
                                    })}
                                    {defaults.then(|| view! {
                                        " " <button class="link remove-la" on:click=move |_| remove_la(remove_id.clone())>"Remove"</button>
                                    })}
                                    <Ack outcome=rows at=format!("profile-{}", p.id) />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Form id="add-la-form" class="inline-form" on_submit=add_la>
                <div class="field">
                    <label for="add-la-code">"Add an LA"</label>
                    <p class="hint" id="hint-add-la-code">"Any other LA in England. Its profile starts from the statutory defaults (the law's periods, the bundle sent by email) for you to edit: name, address, channel, forms and timings."</p>
                    <select id="add-la-code" aria-describedby="hint-add-la-code err-add-la-code"
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev));
                            adding.edited("code");
                        }>
                        <option value="" selected=move || chosen.with(String::is_empty)>"Choose an LA…"</option>
                        {move || others.get().into_iter().map(|la| {
                            let code = la.code.clone();
                            view! {
                                <option value=la.code.clone() selected=move || chosen.with(|c| *c == code)>
                                    {format!("{} ({})", la.name, la.code)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <FieldError outcome=adding name="code" of="add-la-code" />
                </div>
                <div class="actions">
                    <button id="add-la" type="submit">"Add LA"</button>
                    <Ack outcome=adding at="add-la" />
                </div>
            </Form>
            {move || match editing.get() {
                Some(Editing::Form(id)) => view! { <ProfileFields id profile_form editor opening on_save=save_form on_cancel=move || editing.set(None) /> }.into_any(),
                Some(Editing::Json(id)) => view! {
                <Form id="profile-json-form" class="editor" on_submit=save_profile opening>
                    <label for="profile-json">{format!("Profile {id} (JSON)")}</label>
                    <textarea id="profile-json" rows="24" spellcheck="false" prop:value=move || profile_text.get()
                        aria-describedby="profile-errors"
                        on:input=move |ev| profile_text.set(event_target_value(&ev))></textarea>
                    <ProblemList outcome=editor id="profile-errors" of="profile-json" />
                    <div class="actions">
                        <button id="save-profile" type="submit" class="primary">"Save profile"</button>
                        <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
                        <Ack outcome=editor at="save-profile" />
                    </div>
                </Form>
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// The form for one profile's name, channel, forms, amendments and timings.
#[component]
fn ProfileFields(
    id: String,
    profile_form: RwSignal<ProfileForm>,
    editor: Outcome,
    opening: Opening,
    on_save: impl Fn() + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let f = profile_form;
    let o = editor;
    view! {
        <Form id="profile-form" class="editor" on_submit=on_save opening>
            <h4>{format!("Profile {id}")}</h4>
            <div class="inline-fields">
                <TextField form=f outcome=o name="name" id="p-name" label="LA name" required=true
                    get=|f| f.name.clone() set=|f, v| f.name = v />
                <ChoiceField form=f outcome=o name="channel" id="p-channel" label="How reviews are sent"
                    get=|f| f.channel set=|f, v| f.channel = v />
                <TextField form=f outcome=o name="address" id="p-address" label="Where (email address, portal or link)"
                    hint="The bundle page shows it when the review is sent."
                    get=|f| f.address.clone() set=|f, v| f.address = v />
                <ChoiceField form=f outcome=o name="amendment_mode" id="p-amendments" label="Proposed amendments shown as"
                    get=|f| f.amendment_mode set=|f, v| f.amendment_mode = v />
            </div>
            <fieldset>
                <legend>"Forms"</legend>
                <div class="inline-fields">
                    {move || if f.with(|f| f.forms_by_year) {
                        view! { <p class="hint" id="p-forms-by-year">"This LA has a review form for each year group: edit them with “Edit as JSON”."</p> }.into_any()
                    } else {
                        view! {
                            <TextField form=f outcome=o name="ar1_title" id="p-ar1-title" label="Review form title" required=true
                                get=|f| f.ar1_title.clone() set=|f, v| f.ar1_title = v />
                            <TextField form=f outcome=o name="ar1_version" id="p-ar1-version" label="Review form version"
                                get=|f| f.ar1_version.clone() set=|f, v| f.ar1_version = v />
                        }.into_any()
                    }}
                    <TextField form=f outcome=o name="advice_form" id="p-advice-form" label="Request-for-advice form (if the LA has its own)"
                        get=|f| f.advice_form.clone() set=|f, v| f.advice_form = v />
                    <TextField form=f outcome=o name="sendiass" id="p-sendiass" label="SENDIASS: its name, telephone and website (named in the parents' letters)" wide=true
                        get=|f| f.sendiass.clone() set=|f, v| f.sendiass = v />
                </div>
            </fieldset>
            <fieldset>
                <legend>"Timings"</legend>
                <p class="hint">"Days, except the target for the meeting. The law's limits are checked: notice and circulation at least 14 days before the meeting, the report within 14 days after it, the LA's decision within 28."</p>
                <div class="inline-fields">
                    <TextField form=f outcome=o name="target_meeting_months" id="p-target-months" label="Meeting within (months of the last review)"
                        get=|f| f.timings.target_meeting_months.clone() set=|f, v| f.timings.target_meeting_months = v />
                    <TextField form=f outcome=o name="invite_lead_days" id="p-invite-days" label="Invitations and requests for advice sent (days before)"
                        get=|f| f.timings.invite_lead_days.clone() set=|f, v| f.timings.invite_lead_days = v />
                    <TextField form=f outcome=o name="reports_due_before_meeting_days" id="p-reports-days" label="Reports due back (days before)"
                        get=|f| f.timings.reports_due_before_meeting_days.clone() set=|f, v| f.timings.reports_due_before_meeting_days = v />
                    <TextField form=f outcome=o name="statutory_notice_days" id="p-notice-days" label="Notice of the meeting (days)"
                        get=|f| f.timings.statutory_notice_days.clone() set=|f, v| f.timings.statutory_notice_days = v />
                    <TextField form=f outcome=o name="circulate_before_meeting_days" id="p-circulate-days" label="Advice circulated (days before)"
                        get=|f| f.timings.circulate_before_meeting_days.clone() set=|f, v| f.timings.circulate_before_meeting_days = v />
                    <TextField form=f outcome=o name="report_after_meeting_days" id="p-report-days" label="Report of the meeting (days after)"
                        get=|f| f.timings.report_after_meeting_days.clone() set=|f, v| f.timings.report_after_meeting_days = v />
                    <TextField form=f outcome=o name="la_decision_after_meeting_days" id="p-decision-days" label="LA's decision (days after)"
                        get=|f| f.timings.la_decision_after_meeting_days.clone() set=|f, v| f.timings.la_decision_after_meeting_days = v />
                    <TextField form=f outcome=o name="final_plan_after_meeting_days" id="p-final-days" label="Amended plan (days after)"
                        get=|f| f.timings.final_plan_after_meeting_days.clone() set=|f, v| f.timings.final_plan_after_meeting_days = v />
                </div>
            </fieldset>
            <div class="actions">
                <button id="save-profile-form" type="submit" class="primary">"Save profile"</button>
                <button type="button" on:click=move |_| on_cancel()>"Cancel"</button>
                <Ack outcome=o at="save-profile-form" />
            </div>
        </Form>
    }
}
