//! The table of agreed actions, each with where it stands, editable in place: on the dashboard,
//! the child's page and the AR1 record's previous actions.

use ardesk_dto::commands;
use ardesk_dto::{ActionStatus, TrackedActionDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, FieldError, Outcome, error_id};

/// Where an agreed action stands, as the backend codes it.
/// Agreed actions with where each stands, editable in place (the dashboard, the child's page,
/// and the AR1 record's previous actions). A change is saved at once and confirmed beside it.
#[component]
pub(crate) fn ActionTable(actions: Vec<TrackedActionDto>, show_child: bool) -> impl IntoView {
    let ctx = ctx();
    if actions.is_empty() {
        return view! { <p class="hint">"No actions are recorded yet."</p> }.into_any();
    }
    let outcome = Outcome::new();
    view! {
        <table class="people actions-table">
            <thead>
                <tr>
                    {show_child.then(|| view! { <th scope="col">"Child"</th> })}
                    <th scope="col">"Action"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Deadline"</th>
                    <th scope="col">"Next check-in or deadline"</th>
                    <th scope="col">"Where it stands"</th>
                </tr>
            </thead>
            <tbody>
                {actions.into_iter().map(|a| {
                    let (review, row, child) = (a.review_id, a.row, a.child_id);
                    let id = format!("action-{review}-{row}");
                    let (label, current) = (format!("Where it stands: {}", a.action), a.status);
                    // Each row redraws only itself when its action is saved, so the focus stays.
                    let a = RwSignal::new(a);
                    let update = {
                        let id = id.clone();
                        move |code: String| {
                            let Some(status) = ActionStatus::from_code(&code) else { return };
                            let id = id.clone();
                            spawn_local(async move {
                                let result = ipc::call(commands::SetActionStatus { review, row, status, note: String::new() }).await;
                                if let Some(saved) = outcome.answer(&id, result, |s| format!("Saved: {}.", s.status_label)) {
                                    a.set(saved);
                                }
                            });
                        }
                    };
                    let checks = move || a.with(|a| if a.check_ins.is_empty() {
                        String::new()
                    } else {
                        format!("Check-ins: {}{}", a.check_ins.join(", "), if a.check_ins_approximate { " (about termly: add term dates in Settings)" } else { "" })
                    });
                    view! {
                        <tr class:overdue=move || a.with(|a| a.overdue) data-review=review data-row=row>
                            {show_child.then(|| view! {
                                <td><button class="link" on:click=move |_| ctx.go(Screen::Child(child))>{a.with_untracked(|a| a.child_name.clone())}</button></td>
                            })}
                            <td>{move || a.with(|a| a.action.clone())}</td>
                            <td>{move || a.with(|a| a.owner.clone())}</td>
                            <td>
                                {move || a.with(|a| a.deadline.clone().unwrap_or_default())}
                                {move || a.with(|a| a.overdue).then(|| view! { <span class="badge badge-overdue">"Overdue"</span> })}
                            </td>
                            <td title=checks>{move || a.with(|a| a.next.clone().unwrap_or_else(|| "—".to_owned()))}</td>
                            <td>
                                <label class="visually-hidden" for=id.clone()>{label}</label>
                                <select id=id.clone() aria-describedby=error_id(&id)
                                    on:change=move |ev| update(event_target_value(&ev))>
                                    {ActionStatus::ALL.iter().map(|v| view! { <option value=v.code() selected=current == *v>{v.label()}</option> }).collect_view()}
                                </select>
                                <Ack outcome at=id.clone() />
                                <FieldError outcome name=id.clone() of=id.clone() />
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
