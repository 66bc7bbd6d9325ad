//! For LA officers: the register of a folder of received reviews, ordered by the decision due,
//! and one bundle checked as the LA's side sees it.

use ardesk_dto::commands;
use std::collections::BTreeMap;

use ardesk_dto::{ErrorCode, ErrorDto, LaOption, ReceivedRow, ReceivedVerdict, ReplyForm, VerifyReport};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::ErrorPanel;

/// For the LA: open a bundle received and see whether it is complete and untouched.
#[component]
pub(crate) fn VerifyPage() -> impl IntoView {
    let report = RwSignal::new(None::<Result<VerifyReport, ErrorDto>>);
    let open = move |_| {
        spawn_local(async move {
            match ipc::call(commands::OpenBundle {}).await {
                Err(e) if e.code == ErrorCode::Cancelled => {}
                other => report.set(Some(other)),
            }
        });
    };
    view! {
        <Register />
        <h2>"Open a received bundle"</h2>
        <p class="hint">"Checks a bundle as the LA receives it: a complete, unencrypted zip whose every file matches its manifest, then the same rules the school's check applies (the documents the LA requires, no password-protected files). A warning comes with the school's reason, where it gave one."</p>
        <button id="open-received" class="primary" on:click=open>"Open a bundle…"</button>
        {move || report.get().map(|r| match r {
            Err(error) => view! { <ErrorPanel error /> }.into_any(),
            Ok(r) => view! {
                <section class="panel" id="verify-report">
                    <h3 id="verify-state">{match (r.valid, r.unusable, r.warnings.len()) {
                        (true, _, 0) => "✓ Valid bundle".to_owned(),
                        (true, _, n) => format!("✓ Valid bundle, with {n} warning{}", if n == 1 { "" } else { "s" }),
                        (false, true, _) => "✗ This file cannot be used".to_owned(),
                        (false, false, _) => "✗ Problems found".to_owned(),
                    }}</h3>
                    {r.manifest.as_ref().map(|m| view! {
                        <p>{format!("{} files for {} ({}), meeting {}, LA profile {} v{}", m.files.len(), m.child.initials, m.child.la_ref.clone().unwrap_or_default(), m.review.meeting_date, m.la_profile.id, m.la_profile.version)}</p>
                    })}
                    <ul id="verify-problems">{r.problems.into_iter().map(|p| view! { <li class="problem-block">{p}</li> }).collect_view()}</ul>
                    {(!r.warnings.is_empty()).then(|| view! {
                        <h4>"Warnings (the school could send it with these)"</h4>
                        <ul id="verify-warnings">{r.warnings.into_iter().map(|w| view! { <li class="problem-warn">{w}</li> }).collect_view()}</ul>
                    })}
                    <table class="people">
                        <thead><tr><th scope="col">"File"</th><th scope="col">"Check"</th></tr></thead>
                        <tbody>{r.files.into_iter().map(|f| view! { <tr><td>{f.file}</td><td>{f.verdict.code()}" "{f.detail}</td></tr> }).collect_view()}</tbody>
                    </table>
                </section>
            }.into_any(),
        })}
    }
}

/// Which rows of the register are shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    All,
    Overdue,
    ThisWeek,
    NeedsAttention,
    Returned,
    NoReply,
}

/// The replies drafted this session, by the register row's file.
type Replied = RwSignal<BTreeMap<String, String>>;

impl Show {
    fn of(value: &str) -> Show {
        match value {
            "overdue" => Show::Overdue,
            "week" => Show::ThisWeek,
            "attention" => Show::NeedsAttention,
            "returned" => Show::Returned,
            "no_reply" => Show::NoReply,
            _ => Show::All,
        }
    }

    /// Whether the filter depends on the replies drafted (and so re-runs when one is).
    fn by_reply(self) -> bool {
        matches!(self, Show::Returned | Show::NoReply)
    }

    fn keeps(self, r: &ReceivedRow, replied: &BTreeMap<String, String>) -> bool {
        let reply = replied.get(&r.file).or(r.replied.as_ref());
        match self {
            Show::All => true,
            Show::Overdue => r.days_left.is_some_and(|d| d < 0),
            Show::ThisWeek => r.days_left.is_some_and(|d| (0..=7).contains(&d)),
            Show::NeedsAttention => r.verdict != ReceivedVerdict::Valid,
            Show::Returned => reply.is_some_and(|k| k == "returned"),
            Show::NoReply => reply.is_none(),
        }
    }
}

/// The LA's register: every bundle (and every submission sent without the app) in a folder,
/// checked at once, ordered by the date the decision is due. A row opens to its summary.
#[component]
fn Register() -> impl IntoView {
    let rows = RwSignal::new(None::<Result<Vec<ReceivedRow>, ErrorDto>>);
    let show = RwSignal::new(Show::All);
    let school = RwSignal::new(String::new());
    let saved = RwSignal::new(String::new());
    let replied: Replied = RwSignal::new(BTreeMap::new());
    // The desk's own LA: its wording and contacts go in the replies, and a bundle made for
    // another LA is a problem. Blank: each bundle's own LA.
    let desk = RwSignal::new(String::new());
    let las = RwSignal::new(Vec::<LaOption>::new());
    spawn_local(async move {
        let mut all = ipc::call(commands::LaOptions {}).await.unwrap_or_default();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        las.set(all);
    });
    let save = move |_| {
        spawn_local(async move {
            match ipc::call(commands::SaveRegister {}).await {
                Ok(e) => saved.set(format!("Saved {} ({} rows).", e.file_name, e.items)),
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => saved.set(e.message),
            }
        });
    };
    let open = move |_| {
        saved.set(String::new());
        spawn_local(async move {
            let la = Some(desk.get_untracked()).filter(|id| !id.is_empty());
            match ipc::call(commands::ReceiveFolder { la }).await {
                Err(e) if e.code == ErrorCode::Cancelled => {}
                other => {
                    replied.set(BTreeMap::new());
                    rows.set(Some(other));
                }
            }
        });
    };
    view! {
        <h2>"Received reviews"</h2>
        <p class="hint">"Opens a folder of what schools sent (each bundle, and any zip or folder of documents sent without this app) and checks them all at once, soonest decision first: 4 weeks after the meeting, or the 12-month review deadline if that comes first. Nothing in them is changed. "<code>"ardesk intake FOLDER --csv register.csv"</code>" gives the same register for a spreadsheet."</p>
        <div class="filters">
            <label>"This desk is for "
                <select id="desk-la" on:change=move |ev| desk.set(event_target_value(&ev))>
                    <option value="">"the LA each bundle was made for"</option>
                    {move || las.get().into_iter().map(|la| view! { <option value=la.id.clone()>{la.name}</option> }).collect_view()}
                </select>
            </label>
            <button id="open-received-folder" class="primary" on:click=open>"Open a folder…"</button>
        </div>
        {move || rows.get().map(|r| match r {
            Err(error) => view! { <ErrorPanel error /> }.into_any(),
            Ok(all) => {
                let count = |v: ReceivedVerdict| all.iter().filter(|r| r.verdict == v).count();
                let summary = format!(
                    "{} received: {} valid, {} with problems, {} unusable, {} sent without the app.",
                    all.len(),
                    count(ReceivedVerdict::Valid),
                    count(ReceivedVerdict::Problems),
                    count(ReceivedVerdict::Unusable),
                    count(ReceivedVerdict::NeedsPerson)
                );
                let all = StoredValue::new(all);
                view! {
                    <section class="panel" id="register">
                        <p id="register-summary">{summary}</p>
                        <button id="save-register" on:click=save>"Save as a spreadsheet (CSV)…"</button>
                        <p id="register-saved" role="status">{move || saved.get()}</p>
                        <div class="filters">
                            <label>"Show "
                                <select id="register-filter" on:change=move |ev| show.set(Show::of(&event_target_value(&ev)))>
                                    <option value="all">"All"</option>
                                    <option value="overdue">"Decision overdue"</option>
                                    <option value="week">"Due within 7 days"</option>
                                    <option value="attention">"Not valid"</option>
                                    <option value="returned">"Returned to the school"</option>
                                    <option value="no_reply">"No reply drafted yet"</option>
                                </select>
                            </label>
                            <label>" School "
                                <input id="register-school" type="search" on:input=move |ev| school.set(event_target_value(&ev)) />
                            </label>
                        </div>
                        <table class="people" id="register-table">
                            <thead><tr>
                                <th scope="col">"Decision due"</th>
                                <th scope="col">"Check"</th>
                                <th scope="col">"Child"</th>
                                <th scope="col">"School"</th>
                                <th scope="col">"Meeting"</th>
                                <th scope="col">"Recommendation"</th>
                                <th scope="col">"Reply"</th>
                            </tr></thead>
                            <tbody>
                                {move || {
                                    let wanted = school.get().to_lowercase();
                                    let show = show.get();
                                    // Read only when the filter needs it: drafting a reply
                                    // otherwise leaves the rows (and the one open) as they are.
                                    let drafted = if show.by_reply() { replied.get() } else { BTreeMap::new() };
                                    all.get_value()
                                        .into_iter()
                                        .filter(|r| show.keeps(r, &drafted))
                                        .filter(|r| wanted.is_empty() || r.school_name.as_deref().unwrap_or("").to_lowercase().contains(&wanted))
                                        .map(|r| view! { <RegisterRow row=r replied /> })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </section>
                }.into_any()
            }
        })}
    }
}

/// One received review: a line of the register, and its summary when opened.
#[component]
fn RegisterRow(row: ReceivedRow, replied: Replied) -> impl IntoView {
    let open = RwSignal::new(false);
    let due = match (&row.decision_due, row.days_left) {
        (Some(due), Some(left)) if left < 0 => format!("{due} ({} days overdue)", -left),
        (Some(due), Some(left)) => format!("{due} (in {left} days)"),
        _ => "—".to_owned(),
    };
    let verdict = match row.verdict {
        ReceivedVerdict::Valid => "✓ Valid",
        ReceivedVerdict::Problems => "✗ Problems",
        ReceivedVerdict::Unusable => "✗ Cannot be used",
        ReceivedVerdict::NeedsPerson => "? Sent without the app",
    };
    let child = match (&row.child_initials, &row.la_ref) {
        (Some(i), Some(r)) => format!("{i} ({r})"),
        (Some(i), None) => i.clone(),
        _ => row.file.rsplit('/').next().unwrap_or_default().to_owned(),
    };
    let late = row.days_left.is_some_and(|d| d < 0);
    let details = row.clone();
    let file = row.file.clone();
    // Drafted now, or on an earlier day (kept by the desk's database).
    let earlier = row.replied.clone().map(|code| match &row.replied_on {
        Some(on) => format!("{} ({on})", reply_label(&code)),
        None => reply_label(&code).to_owned(),
    });
    let reply = move || match replied.with(|r| r.get(&file).cloned()) {
        Some(code) => reply_label(&code).to_owned(),
        None => earlier.clone().unwrap_or_default(),
    };
    view! {
        <tr class="register-row" class:overdue=late data-verdict=row.verdict.code()>
            <td>{due}</td>
            <td>{verdict}</td>
            <td>
                <button class="link open-row" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>{child}</button>
            </td>
            <td>{row.school_name.clone().unwrap_or_default()}</td>
            <td>{row.meeting_date.clone().unwrap_or_default()}</td>
            <td>{row.recommendation.clone().unwrap_or_default()}</td>
            <td class="register-reply">{reply}</td>
        </tr>
        <Show when=move || open.get()>
            <tr class="register-details"><td colspan="7">
                <RowSummary row=details.clone() />
                <DraftReply row=details.clone() replied />
            </td></tr>
        </Show>
    }
}

#[component]
fn RowSummary(row: ReceivedRow) -> impl IntoView {
    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <h4>{title}</h4>
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
        })
    };
    let facts = [
        ("Sections to amend", row.sections_to_amend.join(", ")),
        ("Requests", row.requests.join(", ")),
        ("Review deadline (12 months)", row.review_deadline.clone().unwrap_or_default()),
        ("Phase transfer: amended plan by", row.phase_transfer_by.clone().unwrap_or_default()),
        ("UPN", row.upn.clone().unwrap_or_default()),
        ("Need types (primary first)", row.need_types.join(", ")),
        ("Received", row.received.clone()),
        ("File", row.file.clone()),
    ];
    view! {
        <dl class="register-facts">
            {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
        </dl>
        {list("Problems", row.problems)}
        {list("Documents missing", row.missing)}
        {list("Files the LA cannot take as they are", row.file_findings)}
        {list("Documents found", row.found)}
        {list("Warnings", row.warnings)}
    }
}

/// The replies an officer can draft, by code, in words.
const REPLIES: [(&str, &str); 5] = [
    ("returned", "Return to the school for completion"),
    ("maintain", "Decision: keep the plan as it is"),
    ("minor", "Decision: keep the plan, minor changes noted for the next review"),
    ("amend", "Decision: propose amendments"),
    ("cease", "Decision: cease to maintain the plan"),
];

fn reply_label(code: &str) -> &'static str {
    REPLIES.iter().find(|(c, _)| *c == code).map_or("", |(_, label)| *label)
}

/// "Draft the reply" to one received review: to the school when it has problems, or else the
/// LA's decision to the family (with their rights of appeal), as DOCX and PDF in a folder the
/// officer chooses. The family's name and address come from the LA's case record.
#[component]
fn DraftReply(row: ReceivedRow, replied: Replied) -> impl IntoView {
    let choices: Vec<(&str, &str)> = match row.verdict {
        ReceivedVerdict::Problems => REPLIES[..1].to_vec(),
        ReceivedVerdict::Unusable => Vec::new(),
        ReceivedVerdict::Valid | ReceivedVerdict::NeedsPerson => REPLIES[1..].to_vec(),
    };
    if choices.is_empty() {
        return view! { <p class="hint">"This submission cannot be read, so no reply is drafted from it: contact the school."</p> }.into_any();
    }
    // The school's recommendation is the likeliest decision, but the officer chooses.
    let first = match (row.verdict, row.recommendation.as_deref()) {
        (ReceivedVerdict::Problems, _) => "returned",
        (_, Some("amend")) => "amend",
        (_, Some("cease")) => "cease",
        _ => "maintain",
    };
    let kind = RwSignal::new(first.to_owned());
    let recipient = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let child = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let file = row.file.clone();
    let draft = move |_| {
        let form = ReplyForm {
            file: file.clone(),
            reply: kind.get_untracked(),
            recipient: recipient.get_untracked(),
            address: address.get_untracked(),
            child_name: child.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let code = form.reply.clone();
            let file = form.file.clone();
            match ipc::call(commands::DraftReply { form }).await {
                Ok(w) => {
                    status.set(format!(
                        "Drafted in {}: {}. Check it before it is sent.",
                        w.folder,
                        w.files.join(", ")
                    ));
                    replied.update(|r| {
                        r.insert(file, code);
                    });
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => status.set(e.message),
            }
            busy.set(false);
        });
    };
    let decision = move || kind.get() != "returned";
    view! {
        <div class="reply-draft">
            <h4>"Draft the reply"</h4>
            <label>"Reply "
                <select class="reply-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {choices.into_iter().map(|(code, label)| view! { <option value=code selected=code == first>{label}</option> }).collect_view()}
                </select>
            </label>
            <Show when=decision>
                <p class="hint">"The bundle holds the child's initials only. Type the family's details from the case record, or leave them blank for a marked place in the letter."</p>
                <label>"To (parent or young person) "
                    <input class="reply-recipient" type="text" on:input=move |ev| recipient.set(event_target_value(&ev)) />
                </label>
                <label>"Address "
                    <textarea class="reply-address" rows="3" on:input=move |ev| address.set(event_target_value(&ev))></textarea>
                </label>
                <label>"Child's name in the letter "
                    <input class="reply-child" type="text" on:input=move |ev| child.set(event_target_value(&ev)) />
                </label>
            </Show>
            <button class="draft-reply" disabled=move || busy.get() on:click=draft>"Draft the reply…"</button>
            <p class="reply-drafted" role="status">{move || status.get()}</p>
        </div>
    }
    .into_any()
}
