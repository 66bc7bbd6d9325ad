//! The leavers, below the caseload: each kept read-only until the school's retention rule says
//! their record is due to be erased; the records due are ticked and erased on confirmation.

use std::collections::BTreeSet;

use ardesk_dto::{ErrorDto, Leavers as LeaverList, commands};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, ErrorPanel, Outcome};

#[component]
pub(crate) fn Leavers() -> impl IntoView {
    let ctx = ctx();
    let list = RwSignal::new(None::<Result<LeaverList, ErrorDto>>);
    // The records due that are ticked to be erased (all of them to begin with).
    let picked = RwSignal::new(BTreeSet::<i64>::new());
    let confirming = RwSignal::new(false);
    let outcome = Outcome::new();
    let load = move || {
        spawn_local(async move {
            let loaded = ipc::call(commands::ListLeavers {}).await;
            if let Ok(l) = &loaded {
                picked.set(l.leavers.iter().filter(|l| l.due).map(|l| l.child_id).collect());
            }
            list.set(Some(loaded));
        });
    };
    load();
    let erase = move || {
        let ids: Vec<i64> = picked.get_untracked().into_iter().collect();
        spawn_local(async move {
            let result = ipc::call(commands::EraseLeavers { ids }).await;
            confirming.set(false);
            if outcome.answer("erase-leavers", result, |e| e.note.clone()).is_some() {
                ctx.refresh_info();
                load();
            }
        });
    };

    move || match list.get() {
        Some(Ok(l)) if !l.leavers.is_empty() => {
            let due = l.leavers.iter().filter(|l| l.due).count();
            let summary = format!(
                "Leavers ({}): kept read-only, not on the caseload{}",
                l.leavers.len(),
                if due > 0 { format!(" · {due} due for erasure") } else { String::new() }
            );
            Some(
                view! {
                    <details id="leavers" class="ceased" open={due > 0}>
                        <summary>{summary}</summary>
                        <p id="retention-rule" class="hint">
                            {match &l.rule {
                                Some(rule) => format!("Under the school's retention rule, a leaver's record is {rule}."),
                                None => "No retention rule is set, so no record is listed for erasure: set it in Settings.".to_owned(),
                            }}
                        </p>
                        <ul>
                            {l.leavers.into_iter().map(|leaver| {
                                let id = leaver.child_id;
                                let kept = match (&leaver.erase_on, leaver.due) {
                                    (Some(day), true) => format!(" · due for erasure since {day}"),
                                    (Some(day), false) => format!(" · kept until {day}"),
                                    (None, _) => String::new(),
                                };
                                let tick = format!("erase-{id}");
                                view! {
                                    <li data-child-id=id data-due=leaver.due.to_string()>
                                        {leaver.due.then(|| view! {
                                            <input type="checkbox" id=tick.clone() class="erase-pick"
                                                aria-label=format!("Erase {}'s record", leaver.name)
                                                prop:checked=move || picked.with(|p| p.contains(&id))
                                                on:change=move |ev| picked.update(|p| {
                                                    if event_target_checked(&ev) { p.insert(id); } else { p.remove(&id); }
                                                }) />
                                        })}
                                        <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{leaver.name.clone()}</button>
                                        {format!(" · left {} to {}{kept}", leaver.left_on, leaver.destination)}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(due > 0).then(|| view! {
                            <div class="actions">
                                <button id="erase-due" class="danger" on:click=move |_| confirming.set(true)
                                    disabled=move || picked.with(BTreeSet::is_empty)>
                                    {move || format!("Erase {}…", records(picked.with(BTreeSet::len)))}
                                </button>
                            </div>
                        })}
                        <Show when=move || confirming.get()>
                            <div class="confirm" role="alertdialog" aria-labelledby="confirm-erase-text">
                                <p id="confirm-erase-text">
                                    {move || format!(
                                        "Erase {} ticked and everything recorded about them? This cannot be undone.",
                                        records(picked.with(BTreeSet::len))
                                    )}
                                </p>
                                <button id="confirm-erase" class="danger" on:click=move |_| erase()>"Erase permanently"</button>
                                <button id="cancel-erase" on:click=move |_| confirming.set(false)>"Keep them"</button>
                            </div>
                        </Show>
                    </details>
                    <p class="erased"><Ack outcome at="erase-leavers" /></p>
                }
                .into_any(),
            )
        }
        Some(Ok(_)) => Some(view! { <p class="erased"><Ack outcome at="erase-leavers" /></p> }.into_any()),
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        None => None,
    }
}

/// "1 record", "2 records".
fn records(n: usize) -> String {
    if n == 1 { "1 record".to_owned() } else { format!("{n} records") }
}
