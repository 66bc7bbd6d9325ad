//! The Annual Review Desk window.
//!
//! One page application with four screens: the caseload (or the first-run welcome when it is
//! empty), a child's page, and the add / edit child form. All data comes from [`ipc`]; the UI
//! holds no business rules: validation messages come from the backend, field by field.

mod ipc;

use ardesk_dto::{AppInfo, ChildDetail, ChildForm, ChildSummary, ErrorCode, ErrorDto, FieldProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Caseload,
    Child(i64),
    NewChild,
    EditChild(i64),
}

/// State shared by every screen.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    screen: RwSignal<Screen>,
    info: RwSignal<Option<Result<AppInfo, ErrorDto>>>,
    /// The last acknowledgement ("Saved.") shown in the status line.
    status: RwSignal<Option<String>>,
}

impl Ctx {
    fn refresh_info(self) {
        spawn_local(async move { self.info.set(Some(ipc::app_info().await)) });
    }

    fn go(self, screen: Screen) {
        self.status.set(None);
        self.screen.set(screen);
    }

    fn go_with_status(self, screen: Screen, status: String) {
        self.screen.set(screen);
        self.status.set(Some(status));
    }
}

fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx {
        screen: RwSignal::new(Screen::Caseload),
        info: RwSignal::new(None),
        status: RwSignal::new(None),
    };
    provide_context(ctx);
    ctx.refresh_info();

    let school = move || ctx.info.get().and_then(Result::ok).and_then(|i| i.school);
    view! {
        <header class="app-header">
            <h1>"Annual Review Desk"</h1>
            <p class="school">{school}</p>
        </header>
        <p id="status" class="status" role="status" aria-live="polite">
            {move || ctx.status.get().map(|s| view! { <span class="tick" aria-hidden="true">"✓ "</span>{s} })}
        </p>
        <main id="main">
            {move || match ctx.info.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
                Some(Ok(info)) => match ctx.screen.get() {
                    Screen::Caseload if info.child_count == 0 => view! { <FirstRun /> }.into_any(),
                    Screen::Caseload => view! { <Caseload /> }.into_any(),
                    Screen::Child(id) => view! { <ChildPage id /> }.into_any(),
                    Screen::NewChild => view! { <ChildFormPage id=None las=info.las /> }.into_any(),
                    Screen::EditChild(id) => {
                        view! { <ChildFormPage id=Some(id) las=info.las /> }.into_any()
                    }
                },
            }}
        </main>
    }
}

#[component]
fn ErrorPanel(error: ErrorDto) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <p><strong>"Something needs attention: "</strong>{error.message}</p>
        </div>
    }
}

#[component]
fn FirstRun() -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ErrorDto>);
    let load = move |_| {
        busy.set(true);
        spawn_local(async move {
            match ipc::load_demo().await {
                Ok(n) => {
                    ctx.refresh_info();
                    ctx.go_with_status(Screen::Caseload, format!("Demo caseload loaded: {n} children."));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="first-run" aria-labelledby="welcome">
            <h2 id="welcome">"Welcome to Annual Review Desk"</h2>
            <p>
                "Your caseload is empty. Add the children whose EHC plans you review, or explore "
                "the app with a demo caseload of invented children first."
            </p>
            <div class="actions">
                <button id="load-demo" class="primary" on:click=load disabled=move || busy.get()>
                    {move || if busy.get() { "Loading demo…" } else { "Load demo caseload" }}
                </button>
                <button id="add-child" on:click=move |_| ctx.go(Screen::NewChild)>
                    "Add a child"
                </button>
            </div>
            {move || error.get().map(|error| view! { <ErrorPanel error /> })}
        </section>
    }
}

#[component]
fn Caseload() -> impl IntoView {
    let ctx = ctx();
    let children = RwSignal::new(None::<Result<Vec<ChildSummary>, ErrorDto>>);
    spawn_local(async move { children.set(Some(ipc::list_children().await)) });
    let search = RwSignal::new(String::new());

    let table = move || match children.get() {
        None => view! { <p class="loading">"Loading the caseload…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(list)) => {
            let query = search.get().trim().to_lowercase();
            let rows: Vec<ChildSummary> = list
                .into_iter()
                .filter(|c| {
                    query.is_empty()
                        || c.name.to_lowercase().contains(&query)
                        || c.legal_name.to_lowercase().contains(&query)
                })
                .collect();
            let count = rows.len();
            view! {
                <p class="count" id="caseload-count">
                    {format!("{count} {}", if count == 1 { "child" } else { "children" })}
                </p>
                <table id="caseload" class="caseload">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Year"</th>
                            <th scope="col">"Maintaining LA"</th>
                            <th scope="col">"Looked after"</th>
                            <th scope="col">"Review stage"</th>
                            <th scope="col">"Meeting"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|c| {
                                let id = c.id;
                                view! {
                                    <tr data-child-id=id>
                                        <td>
                                            <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>
                                                {c.name}
                                            </button>
                                        </td>
                                        <td>{c.year_group}</td>
                                        <td>{c.la_name}</td>
                                        <td>{if c.looked_after { "Yes" } else { "" }}</td>
                                        <td>{c.stage_label.unwrap_or_default()}</td>
                                        <td>{c.meeting.unwrap_or_else(|| "Not set".to_owned())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }
    };

    view! {
        <section aria-labelledby="caseload-heading">
            <div class="toolbar">
                <h2 id="caseload-heading">"Caseload"</h2>
                <div class="search">
                    <label for="search">"Search by name"</label>
                    <input
                        id="search"
                        type="search"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
                <button id="add-child" class="primary" on:click=move |_| ctx.go(Screen::NewChild)>
                    "Add a child"
                </button>
            </div>
            {table}
        </section>
    }
}

#[component]
fn ChildPage(id: i64) -> impl IntoView {
    let ctx = ctx();
    let child = RwSignal::new(None::<Result<ChildDetail, ErrorDto>>);
    spawn_local(async move { child.set(Some(ipc::get_child(id).await)) });
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ErrorDto>);

    let delete = move |name: String| {
        spawn_local(async move {
            match ipc::delete_child(id).await {
                Ok(()) => {
                    ctx.refresh_info();
                    ctx.go_with_status(Screen::Caseload, format!("Deleted {name}."));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let body = move || match child.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(c)) => {
            let name = c.name.clone();
            view! {
                <div class="title-row">
                    <h2 id="child-name">{c.name.clone()}</h2>
                    <div class="actions">
                        <button id="edit-child" on:click=move |_| ctx.go(Screen::EditChild(id))>"Edit details"</button>
                        <button id="delete-child" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
                    </div>
                </div>
                <Show when=move || confirming.get()>
                    {
                        let name = name.clone();
                        view! {
                            <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                                <p id="confirm-text">
                                    {format!("Delete {name} and everything recorded about them? This cannot be undone.")}
                                </p>
                                <button id="confirm-delete" class="danger" on:click={
                                    let name = name.clone();
                                    move |_| delete(name.clone())
                                }>"Delete permanently"</button>
                                <button id="cancel-delete" on:click=move |_| confirming.set(false)>"Keep"</button>
                            </div>
                        }
                    }
                </Show>
                <ChildDetails child=c />
            }
            .into_any()
        }
    };

    view! {
        <nav class="breadcrumb">
            <button id="back" class="link" on:click=move |_| ctx.go(Screen::Caseload)>"← Caseload"</button>
        </nav>
        <article class="child">{body} {move || error.get().map(|error| view! { <ErrorPanel error /> })}</article>
    }
}

#[component]
fn ChildDetails(child: ChildDetail) -> impl IntoView {
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    let review = child.review.clone();
    view! {
        <div class="columns">
            <section aria-labelledby="details-h">
                <h3 id="details-h">"Details"</h3>
                <dl class="details">
                    {row("Legal name", child.legal_name.clone())}
                    {row("Date of birth", child.dob.clone())}
                    {row("Year group", child.year_group.clone())}
                    {row("UPN", child.upn.clone().unwrap_or_else(|| "Not recorded".into()))}
                    {row("Maintaining LA", child.la_name.clone())}
                    {row("LA reference", child.la_ref.clone().unwrap_or_else(|| "Not recorded".into()))}
                    {row("Looked after", if child.looked_after { "Yes".into() } else { "No".into() })}
                    {row("EHC plan issued", child.plan_issued.clone())}
                    {row(
                        "Last review concluded",
                        child.last_review_decision.clone().unwrap_or_else(|| "No review yet".into()),
                    )}
                </dl>
            </section>
            <section aria-labelledby="review-h">
                <h3 id="review-h">"Current review"</h3>
                {match review {
                    None => view! { <p>"No review started."</p> }.into_any(),
                    Some(r) => view! {
                        <dl class="details">
                            {row("Stage", r.stage_label)}
                            {row("Meeting", match (r.meeting_date, r.meeting_time) {
                                (Some(d), Some(t)) => format!("{d} at {t}"),
                                (Some(d), None) => d,
                                _ => "Not set".into(),
                            })}
                            {row("Venue", r.venue.unwrap_or_else(|| "Not set".into()))}
                        </dl>
                    }.into_any(),
                }}
            </section>
        </div>
        <section aria-labelledby="people-h">
            <h3 id="people-h">"Parents and carers"</h3>
            {if child.parents.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Relationship"</th>
                            <th scope="col">"Parental responsibility"</th><th scope="col">"Contact"</th>
                            <th scope="col">"Prefers"</th>
                        </tr></thead>
                        <tbody>
                            {child.parents.iter().map(|p| view! {
                                <tr>
                                    <td>{p.name.clone()}</td>
                                    <td>{p.relationship.clone()}</td>
                                    <td>{if p.parental_responsibility { "Yes" } else { "No" }}</td>
                                    <td>{[p.phone.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</td>
                                    <td>{p.preferred_contact.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>"Professionals involved"</h3>
            {if child.professionals.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Role"</th>
                            <th scope="col">"Organisation"</th><th scope="col">"Contact"</th>
                        </tr></thead>
                        <tbody>
                            {child.professionals.iter().map(|p| view! {
                                <tr>
                                    <td>{p.name.clone()}</td>
                                    <td>{p.role.clone()}</td>
                                    <td>{p.organisation.clone()}</td>
                                    <td>{[p.phone.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="plan-h" class="plan">
            <h3 id="plan-h">"EHC plan"</h3>
            {if child.sections.is_empty() {
                view! { <p>"No plan sections recorded yet."</p> }.into_any()
            } else {
                child.sections.iter().map(|s| view! {
                    <section class="plan-section" id=format!("section-{}", s.code)>
                        <h4>{format!("Section {} — {}", s.code, s.title)}</h4>
                        <p class="section-text">{s.text.clone()}</p>
                    </section>
                }).collect_view().into_any()
            }}
        </section>
    }
}

/// Moves keyboard focus (and the view) to the element with `id`, if there is one.
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) =
        document().get_element_by_id(id).and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Getter and setter of one text field of the form.
type FieldGet = fn(&ChildForm) -> String;
type FieldSet = fn(&mut ChildForm, String);

fn field_error(errors: RwSignal<Vec<FieldProblem>>, name: &'static str) -> Option<String> {
    errors.with(|es| es.iter().find(|p| p.field == name).map(|p| format!("{} {}", p.message, p.hint)))
}

#[component]
fn TextField(
    form: RwSignal<ChildForm>,
    errors: RwSignal<Vec<FieldProblem>>,
    name: &'static str,
    label: &'static str,
    get: FieldGet,
    set: FieldSet,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let error = move || field_error(errors, name);
    let hint_id = format!("hint-{name}");
    let err_id = format!("err-{name}");
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=format!("f-{name}")>
                {label} {required.then(|| view! { <span class="req">" (required)"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=format!("f-{name}")
                name=name
                type="text"
                placeholder=placeholder
                prop:value=move || form.with(get)
                on:input=move |ev| {
                    form.update(|f| set(f, event_target_value(&ev)));
                    errors.update(|es| es.retain(|p| p.field != name));
                }
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=format!("{hint_id} {err_id}")
            />
            <p class="field-error" id=err_id>
                {move || error().map(|e| view! { <span class="icon" aria-hidden="true">"⚠ "</span>{e} })}
            </p>
        </div>
    }
}

#[component]
fn ChildFormPage(id: Option<i64>, las: Vec<ardesk_dto::LaOption>) -> impl IntoView {
    let ctx = ctx();
    let data = RwSignal::new(ChildForm::default());
    // Only this flag drives the form's rendering, so typing never re-renders the form.
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ErrorDto>);
    spawn_local(async move {
        let form = match id {
            Some(id) => ipc::get_child(id).await.map(|c| c.form),
            None => ipc::new_child_form().await,
        };
        match form {
            Ok(f) => {
                data.set(f);
                loaded.set(true);
            }
            Err(e) => load_error.set(Some(e)),
        }
    });
    let errors = RwSignal::new(Vec::<FieldProblem>::new());
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let fields = move || {
        let las = las.clone();
        let la_error = move || field_error(errors, "la_id");
        view! {
            <fieldset>
                <legend>"Child or young person"</legend>
                <TextField form=data errors name="legal_forenames" label="Legal first name(s)" required=true
                    get=|f| f.legal_forenames.clone() set=|f, v| f.legal_forenames = v />
                <TextField form=data errors name="legal_surname" label="Legal surname" required=true
                    get=|f| f.legal_surname.clone() set=|f, v| f.legal_surname = v />
                <TextField form=data errors name="preferred_name" label="Preferred name"
                    hint="What the child likes to be called, if different."
                    get=|f| f.preferred_name.clone() set=|f, v| f.preferred_name = v />
                <TextField form=data errors name="dob" label="Date of birth" required=true placeholder="dd/mm/yyyy"
                    hint="For example 03/02/2016."
                    get=|f| f.dob.clone() set=|f, v| f.dob = v />
                <TextField form=data errors name="upn" label="UPN"
                    hint="Unique Pupil Number from the school's MIS: a letter and 12 digits."
                    get=|f| f.upn.clone() set=|f, v| f.upn = v />
                <TextField form=data errors name="ncy_offset" label="Year-group offset"
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
                    <p class="hint" id="hint-la_id">"The LA that maintains the plan decides the forms and deadlines."</p>
                    <select id="f-la_id" aria-describedby="hint-la_id err-la_id"
                        on:change=move |ev| {
                            data.update(|f| f.la_id = event_target_value(&ev));
                            errors.update(|es| es.retain(|p| p.field != "la_id"));
                        }>
                        <option value="" selected=move || data.with(|f| f.la_id.is_empty())>"Choose…"</option>
                        {las.into_iter().map(|la| {
                            let id = la.id.clone();
                            view! {
                                <option value=la.id selected=move || data.with(|f| f.la_id == id)>{la.name}</option>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="err-la_id">{move || la_error().map(|e| view! { <span class="icon" aria-hidden="true">"⚠ "</span>{e} })}</p>
                </div>
                <TextField form=data errors name="la_ref" label="LA reference"
                    hint="The LA's case or EHCP reference, as printed on the plan."
                    get=|f| f.la_ref.clone() set=|f, v| f.la_ref = v />
                <TextField form=data errors name="plan_issue_date" label="EHC plan issue date" required=true placeholder="dd/mm/yyyy"
                    hint="The date the final plan was issued."
                    get=|f| f.plan_issue_date.clone() set=|f, v| f.plan_issue_date = v />
            </fieldset>
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        banner.set(None);
        let data = data.get_untracked();
        spawn_local(async move {
            let result = match id {
                Some(id) => ipc::update_child(id, &data).await,
                None => ipc::create_child(&data).await,
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
                    if let Some(first) = e.problems.first() {
                        focus(&format!("f-{}", first.field));
                    }
                    errors.set(e.problems);
                    banner.set(Some(e.message));
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
                <form id="child-form" novalidate on:submit=submit>
                    {fields()}
                    <div class="actions">
                        <button id="save" type="submit" class="primary" disabled=move || saving.get()>
                            {move || if saving.get() { "Saving…" } else { "Save" }}
                        </button>
                        <button id="cancel" type="button" on:click=cancel>"Cancel"</button>
                    </div>
                </form>
            }
        })}
    }
}
