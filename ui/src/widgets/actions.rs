//! The table of agreed actions, each with where it stands, editable in place: on the dashboard,
//! the child's page and the AR1 record's previous actions.

use ardesk_dto::{ErrorDto, TrackedActionDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{Screen, ctx};
use crate::ipc;
use crate::widgets::ErrorPanel;

/// Where an agreed action stands, as the backend codes it.
const ACTION_STATUS: [(&str, &str); 4] = [
    ("open", "Open"),
    ("done", "Done"),
    ("carried_forward", "Carried forward"),
    ("dropped", "No longer needed"),
];

/// Agreed actions with where each stands, editable in place (the dashboard, the child's page,
/// and the AR1 record's previous actions).
#[component]
pub(crate) fn ActionTable(actions: Vec<TrackedActionDto>, show_child: bool) -> impl IntoView {
    let ctx = ctx();
    if actions.is_empty() {
        return view! { <p class="hint">"No actions are recorded yet."</p> }.into_any();
    }
    let rows = RwSignal::new(actions);
    let error = RwSignal::new(None::<ErrorDto>);
    let update = move |review: i64, row: usize, status: String| {
        spawn_local(async move {
            match ipc::set_action_status(review, row, &status, "").await {
                Ok(a) => rows.update(|list| {
                    if let Some(slot) = list.iter_mut().find(|x| x.review_id == review && x.row == row) {
                        *slot = a;
                    }
                }),
                Err(e) => error.set(Some(e)),
            }
        });
    };
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
                {move || rows.get().into_iter().map(|a| {
                    let (review, row, child) = (a.review_id, a.row, a.child_id);
                    let current = a.status.clone();
                    let checks = if a.check_ins.is_empty() {
                        String::new()
                    } else {
                        format!("Check-ins: {}{}", a.check_ins.join(", "), if a.check_ins_approximate { " (about termly: add term dates in Settings)" } else { "" })
                    };
                    view! {
                        <tr class:overdue=a.overdue data-review=review data-row=row>
                            {show_child.then(|| view! {
                                <td><button class="link" on:click=move |_| ctx.go(Screen::Child(child))>{a.child_name.clone()}</button></td>
                            })}
                            <td>{a.action.clone()}</td>
                            <td>{a.owner.clone()}</td>
                            <td>{a.deadline.clone().unwrap_or_default()}{a.overdue.then(|| view! { <span class="badge badge-overdue">"Overdue"</span> })}</td>
                            <td title=checks>{a.next.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td>
                                <select id=format!("action-{review}-{row}") aria-label=format!("Where it stands: {}", a.action)
                                    on:change=move |ev| update(review, row, event_target_value(&ev))>
                                    {ACTION_STATUS.iter().map(|(v, t)| view! { <option value=*v selected=current == *v>{*t}</option> }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {move || error.get().map(|error| view! { <ErrorPanel error /> })}
    }
    .into_any()
}
