//! The Annual Review Desk window.
//!
//! One page application with four screens: the caseload (or the first-run welcome when it is
//! empty), a child's page, and the add / edit child form. All data comes from [`ipc`]; the UI
//! holds no business rules: validation messages come from the backend, field by field.

mod after;
mod amend;
mod bundle;
mod ipc;
mod meeting;

use after::{AfterMeeting, OpenActions};
use amend::AmendmentsPage;
use bundle::{BundlePage, VerifyPage};
use meeting::Ar1Page;

use ardesk_dto::{
    AppInfo, CaseloadRow, ChildDetail, ChildForm, ChildTimeline, ErrorCode, ErrorDto, FieldProblem,
    ProfileSummary,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Screen {
    Caseload,
    Child(i64),
    NewChild,
    EditChild(i64),
    Settings,
    /// "Before the meeting" for review `.0` of child `.1`.
    Prep(i64, i64),
    /// The AR1 record of review `.0` of child `.1`.
    Ar1(i64, i64),
    /// The proposed amendments of review `.0` of child `.1`.
    Amendments(i64, i64),
    /// Sending review `.0` of child `.1` to the LA.
    Bundle(i64, i64),
    /// Checking a bundle received (for LA officers).
    Verify,
}

/// What the main area needs to know to pick a screen.
#[derive(Debug, Clone, PartialEq)]
enum ViewState {
    Loading,
    Failed(ErrorDto),
    Ready { empty: bool, las: Vec<ardesk_dto::LaOption> },
}

/// State shared by every screen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    screen: RwSignal<Screen>,
    info: RwSignal<Option<Result<AppInfo, ErrorDto>>>,
    /// The last acknowledgement ("Saved.") shown in the status line.
    status: RwSignal<Option<String>>,
}

impl Ctx {
    fn refresh_info(self) {
        spawn_local(async move { self.info.set(Some(ipc::app_info().await)) });
    }

    pub(crate) fn go(self, screen: Screen) {
        self.status.set(None);
        self.screen.set(screen);
    }

    pub(crate) fn go_with_status(self, screen: Screen, status: String) {
        self.screen.set(screen);
        self.status.set(Some(status));
    }
}

pub(crate) fn ctx() -> Ctx {
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
    // Only what the screens depend on: refreshing the info (after every save) must not remount
    // the screen the user is on unless one of these actually changed.
    let view_state = Memo::new(move |_| match ctx.info.get() {
        None => ViewState::Loading,
        Some(Err(e)) => ViewState::Failed(e),
        Some(Ok(i)) => ViewState::Ready { empty: i.child_count == 0, las: i.las },
    });
    view! {
        <header class="app-header">
            <h1>"Annual Review Desk"</h1>
            <p class="school">{school}</p>
            <nav class="app-nav" aria-label="Main">
                <button id="nav-caseload" class="nav" on:click=move |_| ctx.go(Screen::Caseload)>"Caseload"</button>
                <button id="nav-verify" class="nav" title="Check a bundle as the LA receives it" on:click=move |_| ctx.go(Screen::Verify)>"Open a received bundle"</button>
                <button id="nav-settings" class="nav" on:click=move |_| ctx.go(Screen::Settings)>"Settings"</button>
            </nav>
        </header>
        <p id="status" class="status" role="status" aria-live="polite">
            {move || ctx.status.get().map(|s| view! { <span class="tick" aria-hidden="true">"✓ "</span>{s} })}
        </p>
        <main id="main">
            {move || match (view_state.get(), ctx.screen.get()) {
                (ViewState::Loading, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
                (ViewState::Failed(error), _) => view! { <ErrorPanel error /> }.into_any(),
                (ViewState::Ready { empty: true, .. }, Screen::Caseload) => view! { <FirstRun /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::Caseload) => view! { <Caseload las /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Settings) => view! { <Settings /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Prep(review, child)) => view! { <PrepPage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Ar1(review, child)) => view! { <Ar1Page review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Bundle(review, child)) => view! { <BundlePage review child /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Verify) => view! { <VerifyPage /> }.into_any(),
                (ViewState::Ready { .. }, Screen::Amendments(review, child)) => {
                    view! { <AmendmentsPage review child /> }.into_any()
                }
                (ViewState::Ready { .. }, Screen::Child(id)) => view! { <ChildPage id /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::NewChild) => view! { <ChildFormPage id=None las /> }.into_any(),
                (ViewState::Ready { las, .. }, Screen::EditChild(id)) => {
                    view! { <ChildFormPage id=Some(id) las /> }.into_any()
                }
            }}
        </main>
    }
}

#[component]
pub(crate) fn ErrorPanel(error: ErrorDto) -> impl IntoView {
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

/// The filters of the dashboard.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    search: String,
    la: String,
    year: String,
    status: String,
    looked_after: bool,
    transfer: bool,
}

impl Filters {
    fn keep(&self, r: &CaseloadRow) -> bool {
        let query = self.search.trim().to_lowercase();
        (query.is_empty() || r.name.to_lowercase().contains(&query))
            && (self.la.is_empty() || r.la == self.la)
            && (self.year.is_empty() || r.year_group == self.year)
            && (self.status.is_empty() || r.status == self.status)
            && (!self.looked_after || r.looked_after)
            && (!self.transfer || r.transfer)
    }
}

/// A status as icon and words, never colour alone.
#[component]
fn StatusBadge(status: String, label: String) -> impl IntoView {
    let icon = match status.as_str() {
        "overdue" => "⚠",
        "due_soon" => "◷",
        _ => "✓",
    };
    view! {
        <span class=format!("badge badge-{status}")>
            <span aria-hidden="true">{icon}" "</span>{label}
        </span>
    }
}

/// How many caseload rows are drawn before "Show all".
const FIRST_ROWS: usize = 200;

#[component]
fn Caseload(las: Vec<ardesk_dto::LaOption>) -> impl IntoView {
    let ctx = ctx();
    let rows = RwSignal::new(None::<Result<Vec<CaseloadRow>, ErrorDto>>);
    spawn_local(async move { rows.set(Some(ipc::caseload().await)) });
    let filters = RwSignal::new(Filters::default());
    // The most urgent come first, so a long caseload shows its first rows at once and the rest
    // on request: the first row is on screen in milliseconds, whatever the caseload's size.
    let limit = RwSignal::new(FIRST_ROWS);

    let years = move || {
        let mut seen: Vec<(i32, String)> = rows
            .with(|r| {
                r.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|list| list.iter().map(|c| (c.ncy, c.year_group.clone())).collect())
            })
            .unwrap_or_default();
        seen.sort();
        seen.dedup();
        seen
    };

    let table = move || match rows.get() {
        None => view! { <p class="loading">"Loading the caseload…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(list)) => {
            let f = filters.get();
            let total = list.len();
            let shown: Vec<CaseloadRow> = list.into_iter().filter(|r| f.keep(r)).collect();
            let count = shown.len();
            let overdue = shown.iter().filter(|r| r.status == "overdue").count();
            let hidden = count.saturating_sub(limit.get());
            view! {
                <p class="count" id="caseload-count">
                    {if count == total {
                        format!("{count} {}", if count == 1 { "child" } else { "children" })
                    } else {
                        format!("{count} of {total} children")
                    }}
                    {(overdue > 0).then(|| format!(" · {overdue} overdue"))}
                </p>
                <table id="caseload" class="caseload">
                    <thead>
                        <tr>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Year"</th>
                            <th scope="col">"Maintaining LA"</th>
                            <th scope="col">"Stage"</th>
                            <th scope="col">"Next action"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {shown
                            .into_iter()
                            .take(limit.get())
                            .map(|c| {
                                let id = c.child_id;
                                let mut notes = Vec::new();
                                if c.looked_after { notes.push("looked after"); }
                                if c.transfer { notes.push("transfer year"); }
                                view! {
                                    <tr data-child-id=id data-status=c.status.clone()>
                                        <td><StatusBadge status=c.status.clone() label=c.status_label.clone() /></td>
                                        <td>
                                            <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{c.name}</button>
                                            {(!notes.is_empty()).then(|| view! { <span class="notes">{format!(" ({})", notes.join(", "))}</span> })}
                                        </td>
                                        <td>{c.year_group}</td>
                                        <td>{c.la_name}</td>
                                        <td>{c.stage_label}</td>
                                        <td class="next">
                                            {c.next.map(|n| n.action).unwrap_or_else(|| "Check the review's dates".to_owned())}
                                            {c.warnings.first().map(|w| view! {
                                                <span class="warning-line"><span aria-hidden="true">"⚠ "</span>{w.clone()}</span>
                                            })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                {(hidden > 0).then(|| view! {
                    <p class="more">
                        {format!("Showing the {} most urgent. ", count - hidden)}
                        <button id="show-all" on:click=move |_| limit.set(usize::MAX)>
                            {format!("Show all {count}")}
                        </button>
                    </p>
                })}
            }
            .into_any()
        }
    };

    view! {
        <section aria-labelledby="caseload-heading">
            <div class="toolbar">
                <h2 id="caseload-heading">"Caseload"</h2>
                <button id="add-child" class="primary" on:click=move |_| ctx.go(Screen::NewChild)>"Add a child"</button>
            </div>
            <div class="filters" role="search">
                <div class="filter">
                    <label for="search">"Search by name"</label>
                    <input id="search" type="search" prop:value=move || filters.with(|f| f.search.clone())
                        on:input=move |ev| filters.update(|f| f.search = event_target_value(&ev)) />
                </div>
                <div class="filter">
                    <label for="filter-la">"LA"</label>
                    <select id="filter-la" on:change=move |ev| filters.update(|f| f.la = event_target_value(&ev))>
                        <option value="">"All"</option>
                        {las.into_iter().map(|la| view! { <option value=la.id>{la.name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-year">"Year"</label>
                    <select id="filter-year" on:change=move |ev| filters.update(|f| f.year = event_target_value(&ev))>
                        <option value="">"All"</option>
                        {move || years().into_iter().map(|(_, y)| view! { <option value=y.clone()>{y.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-status">"Status"</label>
                    <select id="filter-status" on:change=move |ev| filters.update(|f| f.status = event_target_value(&ev))>
                        <option value="">"All"</option>
                        <option value="overdue">"Overdue"</option>
                        <option value="due_soon">"Due soon"</option>
                        <option value="on_track">"On track"</option>
                    </select>
                </div>
                <div class="filter check">
                    <input id="filter-lac" type="checkbox" on:change=move |ev| filters.update(|f| f.looked_after = event_target_checked(&ev)) />
                    <label for="filter-lac">"Looked after"</label>
                </div>
                <div class="filter check">
                    <input id="filter-transfer" type="checkbox" on:change=move |ev| filters.update(|f| f.transfer = event_target_checked(&ev)) />
                    <label for="filter-transfer">"Transfer year"</label>
                </div>
            </div>
            {table}
        </section>
        <OpenActions />
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
                        {c.review.as_ref().map(|r| {
                            let review = r.id;
                            view! {
                                <button id="open-prep" class="primary" on:click=move |_| ctx.go(Screen::Prep(review, id))>
                                    "Before the meeting →"
                                </button>
                                <button id="open-ar1" on:click=move |_| ctx.go(Screen::Ar1(review, id))>"AR1 record →"</button>
                                <button id="open-amendments" on:click=move |_| ctx.go(Screen::Amendments(review, id))>"Amendments →"</button>
                                <button id="open-bundle" on:click=move |_| ctx.go(Screen::Bundle(review, id))>"Send to the LA →"</button>
                            }
                        })}
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
                <ReviewClock id />
                {c.review.as_ref().map(|r| view! { <AfterMeeting review=r.id child=id /> })}
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

/// The statutory clock of the child's current review: next step, every milestone and its reason.
#[component]
fn ReviewClock(id: i64) -> impl IntoView {
    let ctx = ctx();
    let timeline = RwSignal::new(None::<Result<ChildTimeline, ErrorDto>>);
    spawn_local(async move { timeline.set(Some(ipc::child_timeline(id).await)) });
    let export_error = RwSignal::new(None::<ErrorDto>);
    let exporting = RwSignal::new(false);
    let export = move |_| {
        exporting.set(true);
        export_error.set(None);
        spawn_local(async move {
            match ipc::export_ics(id).await {
                Ok(done) => ctx.status.set(Some(format!("Saved {} ({} dates).", done.file_name, done.items))),
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => export_error.set(Some(e)),
            }
            exporting.set(false);
        });
    };

    let body = move || {
        match timeline.get() {
        None => view! { <p class="loading">"Working out the dates…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(t)) => view! {
            <p class="next-step">
                <StatusBadge status=t.status.clone() label=t.status_label.clone() />
                " "
                <strong id="next-action">{t.next.as_ref().map(|n| n.action.clone()).unwrap_or_default()}</strong>
            </p>
            <p class="cycle">
                {format!(
                    "This review cycle runs from {} · {} · {}{}",
                    t.anchor,
                    t.la_name,
                    t.year_group,
                    if t.pfa_required { " · preparing for adulthood must be covered" } else { "" }
                )}
                {t.meeting.clone().map(|m| format!(" · meeting {m}"))}
            </p>
            {t.warnings.iter().map(|w| view! {
                <p class="warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w.clone()}</p>
            }).collect_view()}
            {(!t.term_dates_known).then(|| view! {
                <p class="hint">"Enter the school's term dates in Settings to see which dates fall in a school holiday."</p>
            })}
            <table id="timeline" class="timeline">
                <thead>
                    <tr>
                        <th scope="col">"Rule"</th>
                        <th scope="col">"Milestone"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Notes"</th>
                        <th scope="col">"Why"</th>
                    </tr>
                </thead>
                <tbody>
                    {t.milestones.into_iter().map(|m| {
                        let mut notes = Vec::new();
                        if m.non_working_day { notes.push("weekend or bank holiday: due moved earlier"); }
                        if m.school_holiday { notes.push("school holiday"); }
                        if m.passed { notes.push("passed"); }
                        view! {
                            <tr data-milestone=m.id.clone() class:passed=m.passed>
                                <td>{m.id.clone()}</td>
                                <td>{m.title}</td>
                                <td class="date">{m.date}</td>
                                <td class="date"><strong>{m.due}</strong></td>
                                <td>{notes.join("; ")}</td>
                                <td>
                                    <details>
                                        <summary>"Why this date?"</summary>
                                        <p class="why">{m.why}</p>
                                        <p class="source">"Source: "{m.source}</p>
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
    };

    view! {
        <section aria-labelledby="clock-h" class="clock">
            <div class="title-row">
                <h3 id="clock-h">"Statutory clock"</h3>
                <button id="export-ics" on:click=export disabled=move || exporting.get()>"Export to calendar (.ics)"</button>
            </div>
            {body}
            {move || export_error.get().map(|error| view! { <ErrorPanel error /> })}
        </section>
    }
}

/// A statutory check (T07, T09) as icon and words.
#[component]
fn ComplianceLine(id: &'static str, c: ardesk_dto::Compliance) -> impl IntoView {
    let (icon, label) = match c.state.as_str() {
        "met" => ("✓", "Met"),
        "not_met" => ("⚠", "Not met"),
        "pending" => ("◷", "To do"),
        _ => ("–", "Not set"),
    };
    let class = match c.state.as_str() {
        "met" => "badge badge-on_track",
        "not_met" => "badge badge-overdue",
        _ => "badge badge-due_soon",
    };
    view! {
        <p id=id class="compliance" data-state=c.state.clone()>
            <span class=class><span aria-hidden="true">{icon}" "</span>{format!("{} {label}", c.id)}</span>
            " "{c.text}
        </p>
    }
}

#[component]
fn PrepPage(review: i64, child: i64) -> impl IntoView {
    let ctx = ctx();
    let prep = RwSignal::new(None::<Result<ardesk_dto::ReviewPrep, ErrorDto>>);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);
    spawn_local(async move { prep.set(Some(ipc::review_prep(review).await)) });

    // Runs an action that answers with the updated screen; problems are shown, not lost.
    let act = move |status: Option<String>,
                    fut: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<ardesk_dto::ReviewPrep, ErrorDto>>>,
    >| {
        busy.set(true);
        spawn_local(async move {
            match fut.await {
                Ok(p) => {
                    prep.set(Some(Ok(p)));
                    problems.set(Vec::new());
                    if let Some(s) = status {
                        ctx.status.set(Some(s));
                    }
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) if e.problems.is_empty() => problems.set(vec![FieldProblem {
                    field: String::new(),
                    message: e.message,
                    hint: String::new(),
                }]),
                Err(e) => problems.set(e.problems),
            }
            busy.set(false);
        });
    };

    let meeting_date = RwSignal::new(String::new());
    let meeting_time = RwSignal::new(String::new());
    let meeting_venue = RwSignal::new(String::new());
    Effect::new(move |first: Option<()>| {
        // Fill the meeting form once, when the review first loads.
        if (first.is_none() || meeting_date.get_untracked().is_empty())
            && let Some(Ok(p)) = prep.get()
        {
            meeting_date.set(p.meeting.date.clone());
            meeting_time.set(p.meeting.time.clone());
            meeting_venue.set(p.meeting.venue.clone());
        }
    });
    let save_meeting = move |_| {
        let form = ardesk_dto::MeetingForm {
            date: meeting_date.get_untracked(),
            time: meeting_time.get_untracked(),
            venue: meeting_venue.get_untracked(),
        };
        act(
            Some("Meeting saved.".to_owned()),
            Box::pin(async move { ipc::set_meeting(review, &form).await }),
        );
    };

    let blank_invitee = || ardesk_dto::InviteeForm {
        kind: "professional".into(),
        preferred_contact: "email".into(),
        advice_requested: true,
        ..Default::default()
    };
    let new_invitee = RwSignal::new(blank_invitee());
    let adding = RwSignal::new(false);
    // The invitee being edited, if the form is editing rather than adding.
    let editing_invitee = RwSignal::new(None::<i64>);
    let letter_for = move |invitee: i64| {
        spawn_local(async move {
            match ipc::generate_letter_for(review, invitee).await {
                Ok(done) => {
                    ctx.status.set(Some(format!("Wrote {} to {}.", done.files.join(" and "), done.folder)));
                    prep.set(Some(ipc::review_prep(review).await));
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) if e.problems.is_empty() => problems.set(vec![FieldProblem {
                    field: String::new(),
                    message: e.message,
                    hint: String::new(),
                }]),
                Err(e) => problems.set(e.problems),
            }
        });
    };
    let views_for = RwSignal::new(None::<i64>);
    let views_text = RwSignal::new(String::new());

    let letters = move |_| {
        busy.set(true);
        spawn_local(async move {
            match ipc::generate_letters(review, "both").await {
                Ok(done) => {
                    ctx.status.set(Some(format!("Wrote {} letters to {}.", done.files.len(), done.folder)));
                    prep.set(Some(ipc::review_prep(review).await));
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) if e.problems.is_empty() => problems.set(vec![FieldProblem {
                    field: String::new(),
                    message: e.message,
                    hint: String::new(),
                }]),
                Err(e) => problems.set(e.problems),
            }
            busy.set(false);
        });
    };
    let chase = move |item: i64| {
        spawn_local(async move {
            match ipc::chase(review, item).await {
                Ok(done) => {
                    ctx.status.set(Some(format!("Wrote the reminder to {}.", done.folder)));
                    prep.set(Some(ipc::review_prep(review).await));
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => problems.set(vec![FieldProblem {
                    field: String::new(),
                    message: e.message,
                    hint: String::new(),
                }]),
            }
        });
    };

    let body = move || match prep.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(p)) => {
            let invitees = p.invitees.clone();
            let checklist = p.checklist.clone();
            view! {
                <h2 id="prep-child">{format!("Before the meeting: {}", p.child_name)}</h2>
                <p class="cycle">{format!("Review stage: {}", p.stage_label)}</p>
                <section class="panel" aria-labelledby="meeting-h">
                    <h3 id="meeting-h">"The meeting"</h3>
                    <div class="inline-fields">
                        <div class="field">
                            <label for="m-date">"Date"</label>
                            <input id="m-date" type="text" placeholder="dd/mm/yyyy" prop:value=move || meeting_date.get()
                                on:input=move |ev| meeting_date.set(event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for="m-time">"Start time"</label>
                            <input id="m-time" type="text" placeholder="HH:MM" prop:value=move || meeting_time.get()
                                on:input=move |ev| meeting_time.set(event_target_value(&ev)) />
                        </div>
                        <div class="field wide">
                            <label for="m-venue">"Venue, or “Remote:” and how to join"</label>
                            <input id="m-venue" type="text" prop:value=move || meeting_venue.get()
                                on:input=move |ev| meeting_venue.set(event_target_value(&ev)) />
                        </div>
                    </div>
                    <button id="save-meeting" class="primary" on:click=save_meeting>"Save meeting"</button>
                    <ComplianceLine id="notice" c=p.notice.clone() />
                    <ComplianceLine id="circulation" c=p.circulation.clone() />
                </section>

                <section class="panel" aria-labelledby="invitees-h">
                    <h3 id="invitees-h">"Invitees"</h3>
                    {if invitees.is_empty() {
                        view! {
                            <p>"No invitees yet. The app suggests everyone the law requires (reg 20(2)) and those this child's circumstances call for; you can change the list afterwards."</p>
                            <button id="accept-invitees" class="primary" on:click=move |_| act(
                                Some("Suggested invitees added, with the report checklist.".to_owned()),
                                Box::pin(async move { ipc::accept_invitees(review).await }),
                            )>"Add the suggested invitees"</button>
                        }.into_any()
                    } else {
                        view! {
                            <table id="invitees" class="people">
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Why"</th>
                                    <th scope="col">"Advice"</th><th scope="col">"Invited"</th><th scope="col">""</th>
                                </tr></thead>
                                <tbody>
                                    {invitees.into_iter().map(|i| {
                                        let id = i.id;
                                        view! {
                                            <tr data-invitee=id>
                                                <td>{i.form.name.clone()}{i.statutory.then_some(" (statutory)")}</td>
                                                <td>{i.form.role.clone()}{(!i.form.organisation.is_empty()).then(|| format!(", {}", i.form.organisation))}</td>
                                                <td class="notes">{i.reason.clone()}</td>
                                                <td>{if i.form.advice_requested { "Requested" } else { "" }}</td>
                                                <td>{i.invited_on.clone().unwrap_or_else(|| "Not yet".into())}</td>
                                                <td class="row-actions">
                                                    <button class="link letter-for" on:click=move |_| letter_for(id)>"Letter…"</button>
                                                    " "
                                                    <button class="link edit-invitee" on:click={
                                                        let form = i.form.clone();
                                                        move |_| { editing_invitee.set(Some(id)); new_invitee.set(form.clone()); adding.set(true); }
                                                    }>"Edit"</button>
                                                    " "
                                                    <button class="link remove-invitee" on:click=move |_| act(
                                                        Some("Invitee removed.".to_owned()),
                                                        Box::pin(async move { ipc::delete_invitee(review, id).await }),
                                                    )>"Remove"</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <div class="actions">
                        <button id="show-add-invitee" on:click=move |_| { editing_invitee.set(None); new_invitee.set(blank_invitee()); adding.update(|a| *a = !*a); }>"Add someone else"</button>
                    </div>
                    <Show when=move || adding.get()>
                        <div class="inline-fields">
                            <div class="field"><label for="i-name">"Name"</label>
                                <input id="i-name" type="text" prop:value=move || new_invitee.with(|f| f.name.clone())
                                    on:input=move |ev| new_invitee.update(|f| f.name = event_target_value(&ev)) /></div>
                            <div class="field"><label for="i-role">"Role"</label>
                                <input id="i-role" type="text" prop:value=move || new_invitee.with(|f| f.role.clone())
                                    on:input=move |ev| new_invitee.update(|f| f.role = event_target_value(&ev)) /></div>
                            <div class="field"><label for="i-org">"Organisation"</label>
                                <input id="i-org" type="text" prop:value=move || new_invitee.with(|f| f.organisation.clone())
                                    on:input=move |ev| new_invitee.update(|f| f.organisation = event_target_value(&ev)) /></div>
                            <div class="field"><label for="i-email">"Email"</label>
                                <input id="i-email" type="text" prop:value=move || new_invitee.with(|f| f.email.clone())
                                    on:input=move |ev| new_invitee.update(|f| f.email = event_target_value(&ev)) /></div>
                            <div class="field checkbox"><input id="i-advice" type="checkbox" prop:checked=move || new_invitee.with(|f| f.advice_requested)
                                on:change=move |ev| new_invitee.update(|f| f.advice_requested = event_target_checked(&ev)) />
                                <label for="i-advice">"Ask for advice"</label></div>
                        </div>
                        <button id="add-invitee-save" on:click=move |_| {
                            let form = new_invitee.get_untracked();
                            adding.set(false);
                            match editing_invitee.get_untracked() {
                                Some(id) => act(Some(format!("Saved {}.", form.name.trim())), Box::pin(async move { ipc::update_invitee(review, id, &form).await })),
                                None => act(Some(format!("Added {}.", form.name.trim())), Box::pin(async move { ipc::add_invitee(review, &form).await })),
                            }
                        }>{move || if editing_invitee.get().is_some() { "Save" } else { "Add" }}</button>
                    </Show>
                </section>

                <section class="panel" aria-labelledby="letters-h">
                    <h3 id="letters-h">"Letters"</h3>
                    <p class="hint">"One letter for each invitee (an invitation, with the request for advice where asked) and one for the child, as Word and PDF. Nothing is written if a detail the letters need is missing: you are told which."</p>
                    <div class="actions">
                        <button id="generate-letters" class="primary" on:click=letters disabled=move || busy.get()>"Write all letters…"</button>
                        <button id="mark-invited" on:click=move |_| act(
                            Some("Invitations recorded as sent today.".to_owned()),
                            Box::pin(async move { ipc::mark_invitations_sent(review).await }),
                        )>"Record invitations as sent today"</button>
                    </div>
                    {(!p.letters.is_empty()).then(|| view! {
                        <details id="letters">
                            <summary>{format!("Letters written so far: {}", p.letters.len())}</summary>
                            <ul>
                                {p.letters.iter().map(|l| view! {
                                    <li>{format!("{} · {} · {}{}", l.generated, l.kind_label, l.file_name, l.recipient.as_ref().map(|r| format!(" · {r}")).unwrap_or_default())}</li>
                                }).collect_view()}
                            </ul>
                        </details>
                    })}
                </section>

                <section class="panel" aria-labelledby="checklist-h">
                    <h3 id="checklist-h">"Reports and views"</h3>
                    <table id="checklist" class="people">
                        <thead><tr>
                            <th scope="col">"Status"</th><th scope="col">"Document"</th><th scope="col">"From"</th>
                            <th scope="col">"Due"</th><th scope="col">"Received"</th><th scope="col">""</th>
                        </tr></thead>
                        <tbody>
                            {checklist.into_iter().map(|c| {
                                let item = c.id;
                                let badge = match c.status.as_str() { "received" => "on_track", "overdue" => "overdue", _ => "due_soon" }.to_owned();
                                let views = c.code == "D10" || c.code == "D11";
                                view! {
                                    <tr data-item=item data-status=c.status.clone()>
                                        <td><StatusBadge status=badge label=c.status_label.clone() /></td>
                                        <td>{c.title.clone()}{c.file_name.clone().map(|f| view! { <span class="notes">{format!(" ({f})")}</span> })}
                                            {c.file_warning.clone().map(|w| view! { <span class="warning-line file-warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w}</span> })}
                                            {c.has_views_text.then(|| view! { <span class="notes">" (views typed in)"</span> })}</td>
                                        <td>{c.from.clone().unwrap_or_default()}</td>
                                        <td class="date">{c.due.clone().unwrap_or_default()}</td>
                                        <td class="date">{c.received_on.clone().unwrap_or_default()}</td>
                                        <td class="row-actions">
                                            <button class="link attach" on:click=move |_| act(
                                                Some("File attached.".to_owned()),
                                                Box::pin(async move { ipc::attach_file(review, item).await }),
                                            )>"Attach file…"</button>
                                            {views.then(|| view! { " " <button class="link views" on:click=move |_| { views_for.set(Some(item)); views_text.set(String::new()); }>"Type views"</button> })}
                                            {(c.status == "overdue" && c.from_invitee.is_some()).then(|| view! {
                                                " " <button class="link chase" on:click=move |_| chase(item)>"Write reminder…"</button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {move || views_for.get().map(|item| view! {
                        <div class="editor">
                            <label for="views-text">"Views, as told to you"</label>
                            <textarea id="views-text" rows="5" prop:value=move || views_text.get() on:input=move |ev| views_text.set(event_target_value(&ev))></textarea>
                            <div class="actions">
                                <button id="save-views" class="primary" on:click=move |_| {
                                    let text = views_text.get_untracked();
                                    views_for.set(None);
                                    act(Some("Views recorded.".to_owned()), Box::pin(async move { ipc::record_views(review, item, &text).await }));
                                }>"Save views"</button>
                                <button on:click=move |_| views_for.set(None)>"Cancel"</button>
                            </div>
                        </div>
                    })}
                    <div class="actions">
                        <button id="circulation-letters" on:click=move |_| {
                            spawn_local(async move {
                                match ipc::circulation_letters(review).await {
                                    Ok(done) => {
                                        ctx.status.set(Some(format!("Wrote {} cover letters to {}.", done.files.len(), done.folder)));
                                        prep.set(Some(ipc::review_prep(review).await));
                                    }
                                    Err(e) if e.code == ErrorCode::Cancelled => {}
                                    Err(e) => problems.set(vec![FieldProblem { field: String::new(), message: e.message, hint: String::new() }]),
                                }
                            });
                        }>"Write circulation cover letters…"</button>
                        <button id="mark-circulated" on:click=move |_| act(
                            Some("Papers recorded as circulated to every invitee today.".to_owned()),
                            Box::pin(async move { ipc::mark_circulated(review).await }),
                        )>"Record papers as circulated today"</button>
                    </div>
                </section>
            }
            .into_any()
        }
    };

    view! {
        <BackToChild child />
        <Problems id="prep-errors" problems />
        {body}
    }
}

/// The breadcrumb back to a child's page, on every page about one of their reviews.
#[component]
pub(crate) fn BackToChild(child: i64) -> impl IntoView {
    let ctx = ctx();
    view! {
        <nav class="breadcrumb">
            <button id="back-to-child" class="link" on:click=move |_| ctx.go(Screen::Child(child))>"← Child"</button>
        </nav>
    }
}

/// A list of problems under the control they belong to.
#[component]
pub(crate) fn Problems(id: &'static str, problems: RwSignal<Vec<FieldProblem>>) -> impl IntoView {
    view! {
        <div id=id class="field-error" role="alert">
            {move || problems.get().into_iter().map(|p| view! {
                <p><span class="icon" aria-hidden="true">"⚠ "</span>{p.message}" "{p.hint}</p>
            }).collect_view()}
        </div>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let ctx = ctx();
    let terms = RwSignal::new(String::new());
    let terms_problems = RwSignal::new(Vec::<FieldProblem>::new());
    let settings = RwSignal::new(None::<ardesk_dto::CalendarSettings>);
    let profiles = RwSignal::new(Vec::<ProfileSummary>::new());
    let editing = RwSignal::new(None::<String>);
    let profile_text = RwSignal::new(String::new());
    let profile_problems = RwSignal::new(Vec::<FieldProblem>::new());
    let error = RwSignal::new(None::<ErrorDto>);

    let load = move || {
        spawn_local(async move {
            match ipc::terms_text().await {
                Ok(t) => terms.set(t),
                Err(e) => error.set(Some(e)),
            }
            settings.set(ipc::calendar_settings().await.ok());
            profiles.set(ipc::profiles().await.unwrap_or_default());
        })
    };
    load();

    let problems_of = |e: ErrorDto| {
        if e.problems.is_empty() {
            vec![FieldProblem { field: String::new(), message: e.message, hint: String::new() }]
        } else {
            e.problems
        }
    };
    let save_terms = move |_| {
        let text = terms.get_untracked();
        spawn_local(async move {
            match ipc::set_terms(&text).await {
                Ok(s) => {
                    terms_problems.set(Vec::new());
                    ctx.status.set(Some(format!(
                        "Term dates saved: {} terms, {} closure days.",
                        s.terms.len(),
                        s.closures.len()
                    )));
                    settings.set(Some(s));
                }
                Err(e) => terms_problems.set(problems_of(e)),
            }
        });
    };
    let import_terms = move |_| {
        spawn_local(async move {
            match ipc::import_terms().await {
                Ok(s) => {
                    terms_problems.set(Vec::new());
                    terms.set(ipc::terms_text().await.unwrap_or_default());
                    ctx.status.set(Some(format!(
                        "Term dates imported: {} terms, {} closure days.",
                        s.terms.len(),
                        s.closures.len()
                    )));
                    settings.set(Some(s));
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => terms_problems.set(problems_of(e)),
            }
        });
    };
    let import_holidays = move |_| {
        spawn_local(async move {
            match ipc::import_bank_holidays().await {
                Ok(n) => {
                    ctx.status.set(Some(format!(
                        "Bank holidays imported: {n} new {}.",
                        if n == 1 { "date" } else { "dates" }
                    )));
                    settings.set(ipc::calendar_settings().await.ok());
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let edit = move |id: String| {
        spawn_local(async move {
            match ipc::profile_json(&id).await {
                Ok(json) => {
                    profile_text.set(json);
                    profile_problems.set(Vec::new());
                    editing.set(Some(id));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_profile = move |_| {
        let Some(id) = editing.get_untracked() else { return };
        let json = profile_text.get_untracked();
        spawn_local(async move {
            match ipc::save_profile(&id, &json).await {
                Ok(()) => {
                    editing.set(None);
                    ctx.status.set(Some(format!("Saved the school's version of the {id} profile.")));
                    profiles.set(ipc::profiles().await.unwrap_or_default());
                }
                Err(e) => profile_problems.set(problems_of(e)),
            }
        });
    };
    let reset_profile = move |id: String| {
        spawn_local(async move {
            match ipc::reset_profile(&id).await {
                Ok(()) => {
                    editing.set(None);
                    ctx.status.set(Some(format!("The {id} profile is back to the shipped version.")));
                    profiles.set(ipc::profiles().await.unwrap_or_default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let school = RwSignal::new(ardesk_dto::SchoolForm::default());
    let school_problems = RwSignal::new(Vec::<FieldProblem>::new());
    spawn_local(async move {
        if let Ok(s) = ipc::school_form().await {
            school.set(s);
        }
    });
    let save_school = move |_| {
        let form = school.get_untracked();
        spawn_local(async move {
            match ipc::save_school(&form).await {
                Ok(saved) => {
                    school.set(saved);
                    school_problems.set(Vec::new());
                    ctx.status.set(Some("School details saved.".to_owned()));
                    ctx.refresh_info();
                }
                Err(e) => school_problems.set(problems_of(e)),
            }
        });
    };
    let school_field = move |id: &'static str,
                             label: &'static str,
                             get: fn(&ardesk_dto::SchoolForm) -> String,
                             set: fn(&mut ardesk_dto::SchoolForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" prop:value=move || school.with(get)
                    on:input=move |ev| school.update(|f| set(f, event_target_value(&ev))) />
            </div>
        }
    };

    let templates = RwSignal::new(Vec::<ardesk_dto::LetterTemplateDto>::new());
    let template_kind = RwSignal::new(String::new());
    let template_text = RwSignal::new(String::new());
    let template_problems = RwSignal::new(Vec::<FieldProblem>::new());
    spawn_local(async move { templates.set(ipc::letter_templates().await.unwrap_or_default()) });
    let choose_template = move |kind: String| {
        let text = templates
            .with_untracked(|ts| ts.iter().find(|t| t.kind == kind).map(|t| t.text.clone()))
            .unwrap_or_default();
        template_text.set(text);
        template_problems.set(Vec::new());
        template_kind.set(kind);
    };
    let save_template = move |_| {
        let (kind, text) = (template_kind.get_untracked(), template_text.get_untracked());
        spawn_local(async move {
            match ipc::save_letter_template(&kind, &text).await {
                Ok(list) => {
                    templates.set(list);
                    template_problems.set(Vec::new());
                    ctx.status.set(Some("Letter wording saved.".to_owned()));
                }
                Err(e) => template_problems.set(problems_of(e)),
            }
        });
    };
    let reset_template = move |_| {
        let kind = template_kind.get_untracked();
        spawn_local(async move {
            if let Ok(list) = ipc::reset_letter_template(&kind).await {
                let text = list.iter().find(|t| t.kind == kind).map(|t| t.text.clone()).unwrap_or_default();
                templates.set(list);
                template_text.set(text);
                ctx.status.set(Some("Letter wording back to the shipped version.".to_owned()));
            }
        });
    };

    view! {
        <h2>"Settings"</h2>
        {move || error.get().map(|error| view! { <ErrorPanel error /> })}
        <section aria-labelledby="school-h" class="panel">
            <h3 id="school-h">"School"</h3>
            <p class="hint">"These head every letter and form."</p>
            <div class="inline-fields">
                {school_field("s-name", "School name", |f| f.name.clone(), |f, v| f.name = v)}
                {school_field("s-address", "Address (commas between lines)", |f| f.address.clone(), |f, v| f.address = v)}
                {school_field("s-urn", "URN", |f| f.urn.clone(), |f, v| f.urn = v)}
                {school_field("s-senco", "SENCO's name", |f| f.senco_name.clone(), |f, v| f.senco_name = v)}
                {school_field("s-role", "SENCO's title", |f| f.senco_role.clone(), |f, v| f.senco_role = v)}
                {school_field("s-phone", "Phone", |f| f.phone.clone(), |f, v| f.phone = v)}
                {school_field("s-email", "Email", |f| f.email.clone(), |f, v| f.email = v)}
            </div>
            <Problems id="school-errors" problems=school_problems />
            <button id="save-school" class="primary" on:click=save_school>"Save school details"</button>
        </section>
        <section aria-labelledby="backup-h" class="panel">
            <h3 id="backup-h">"Backups"</h3>
            <p id="backup-status">{move || ctx.info.get().and_then(Result::ok).map(|i| i.backup)}</p>
            <p class="hint">"The caseload is checked and copied on the first start of each day. If it is ever found damaged, the app will not change it and will say which copy to restore."</p>
        </section>
        <section aria-labelledby="wording-h" class="panel">
            <h3 id="wording-h">"Letter wording"</h3>
            <p class="hint">"Change a letter's wording to your school's. Fields in braces, such as {child.name}, are filled in for each letter; a line starting [pfa] appears only for Year 9 and above."</p>
            <label for="template-kind">"Letter"</label>
            <select id="template-kind" on:change=move |ev| choose_template(event_target_value(&ev))>
                <option value="">"Choose a letter…"</option>
                {move || templates.get().into_iter().map(|t| {
                    let label = format!("{}{}", t.label, if t.customised { " (the school's wording)" } else { "" });
                    view! { <option value=t.kind.clone() selected=move || template_kind.get() == t.kind>{label}</option> }
                }).collect_view()}
            </select>
            <Show when=move || !template_kind.get().is_empty()>
                <textarea id="template-text" rows="18" spellcheck="true" prop:value=move || template_text.get()
                    on:input=move |ev| template_text.set(event_target_value(&ev))></textarea>
                <Problems id="template-errors" problems=template_problems />
                <div class="actions">
                    <button id="save-template" class="primary" on:click=save_template>"Save wording"</button>
                    <button id="reset-template" on:click=reset_template>"Back to the shipped wording"</button>
                </div>
            </Show>
        </section>
        <section aria-labelledby="terms-h" class="panel">
            <h3 id="terms-h">"Term dates"</h3>
            <p class="hint">
                "One line per term (“term, 03/09/2026, 23/10/2026”) and per INSET or closure day "
                "(“closure, 04/09/2026”). Milestones that fall in a holiday are flagged, not moved: "
                "statutory deadlines keep running in the holidays."
            </p>
            <label for="terms">"Term dates"</label>
            <textarea id="terms" rows="8" prop:value=move || terms.get()
                on:input=move |ev| terms.set(event_target_value(&ev))></textarea>
            <Problems id="terms-errors" problems=terms_problems />
            <div class="actions">
                <button id="save-terms" class="primary" on:click=save_terms>"Save term dates"</button>
                <button id="import-terms" on:click=import_terms>"Import from a file (.ics or .csv)…"</button>
            </div>
        </section>
        <section aria-labelledby="holidays-h" class="panel">
            <h3 id="holidays-h">"Bank holidays"</h3>
            <p id="holiday-years">
                {move || settings.get().map(|s| format!("England and Wales bank holidays known: {}.", s.bank_holiday_years))}
            </p>
            <p class="hint">"To add later years, download bank-holidays.json from gov.uk and import it."</p>
            <button id="import-holidays" on:click=import_holidays>"Import bank-holidays.json…"</button>
        </section>
        <section aria-labelledby="profiles-h" class="panel">
            <h3 id="profiles-h">"LA profiles"</h3>
            <p class="hint">"Each child's maintaining LA decides the timings, forms and rules. Edit a profile to match your LA's current guidance: your version replaces the shipped one."</p>
            <table id="profiles" class="people">
                <thead><tr>
                    <th scope="col">"LA"</th><th scope="col">"Version"</th><th scope="col">"Valid from"</th>
                    <th scope="col">"Amendments"</th><th scope="col">"Submission"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {move || profiles.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        let reset_id = p.id.clone();
                        view! {
                            <tr data-profile=p.id.clone()>
                                <td>{p.name}{p.customised.then_some(" (edited by the school)")}</td>
                                <td>{p.version}</td>
                                <td>{p.valid_from}</td>
                                <td>{p.amendment_mode}</td>
                                <td>{p.channel}</td>
                                <td>
                                    <button class="link edit-profile" on:click=move |_| edit(id.clone())>"Edit"</button>
                                    {p.customised.then(|| view! {
                                        " " <button class="link" on:click=move |_| reset_profile(reset_id.clone())>"Reset"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || editing.get().map(|id| view! {
                <div class="editor">
                    <label for="profile-json">{format!("Profile {id} (JSON)")}</label>
                    <textarea id="profile-json" rows="24" spellcheck="false" prop:value=move || profile_text.get()
                        on:input=move |ev| profile_text.set(event_target_value(&ev))></textarea>
                    <Problems id="profile-errors" problems=profile_problems />
                    <div class="actions">
                        <button id="save-profile" class="primary" on:click=save_profile>"Save profile"</button>
                        <button on:click=move |_| editing.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </section>
    }
}

/// Moves keyboard focus (and the view) to the element with `id`, if there is one.
pub(crate) fn focus(id: &str) {
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
                    <p class="field-error" id="err-transfer_ncy">{move || field_error(errors, "transfer_ncy")}</p>
                </div>
                <TextField form=data errors name="post16_move" label="Post-16 move date" placeholder="dd/mm/yyyy"
                    hint="For a move between post-16 settings at another time of year: the plan must be reviewed 5 months before."
                    get=|f| f.post16_move.clone() set=|f, v| f.post16_move = v />
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
