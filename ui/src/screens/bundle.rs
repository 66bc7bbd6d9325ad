//! Sending to the LA: the bundle's files and every finding of V01–V19 with how to fix it,
//! overrides with a reason, the export, and then how to send it (the LA's channel, one zip or
//! its files, and the email's subject: initials and reference, never a name).

use ardesk_dto::commands;
use ardesk_dto::{BundleCheckDto, ErrorDto, FixAt, Severity, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, BackToChild, ErrorPanel, Outcome};

#[component]
pub(crate) fn BundlePage(review: i64, child: i64) -> impl IntoView {
    let ctx = ctx();
    let check = RwSignal::new(None::<Result<BundleCheckDto, ErrorDto>>);
    // The export, and each override, confirmed or refused beside its button.
    let outcome = Outcome::new();
    let reasons = RwSignal::new(std::collections::BTreeMap::<usize, String>::new());
    spawn_local(async move { check.set(Some(ipc::call(commands::BundleCheck { review }).await)) });

    let progress = RwSignal::new(None::<ardesk_dto::BundleProgress>);
    let exported = RwSignal::new(false);
    let export = move |_| {
        outcome.working("export-bundle", "Writing the bundle…");
        // The export holds the backend while it runs; its progress is polled separately.
        let poll = set_interval_with_handle(
            move || {
                spawn_local(async move {
                    if let Ok(p) = ipc::call(commands::BundleProgress {}).await {
                        progress.set(p.running.then_some(p));
                    }
                });
            },
            std::time::Duration::from_millis(150),
        )
        .ok();
        spawn_local(async move {
            let result = ipc::call(commands::ExportBundle { review }).await;
            if let Some(handle) = poll {
                handle.clear();
            }
            progress.set(None);
            let done = outcome.answer("export-bundle", result, |done| {
                format!("Written: {} ({} files, checked after writing).", done.file_name, done.items)
            });
            exported.set(done.is_some());
        });
    };
    let go_fix = move |at: FixAt| match at {
        FixAt::Ar1 => ctx.go(Screen::Ar1(review, child)),
        FixAt::Amendments => ctx.go(Screen::Amendments(review, child)),
        FixAt::Prep => ctx.go(Screen::Prep(review, child)),
        FixAt::Nowhere => {}
    };

    let body = move || match check.get() {
        None => view! { <p class="loading">"Checking the bundle…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(c)) => {
            let open =
                |s: Severity| c.findings.iter().filter(|f| f.severity == s && f.overridden.is_none()).count();
            let (blocking, unanswered) = (open(Severity::Block), open(Severity::Warn));
            let (how_to_send, subject) = (c.how_to_send.clone(), c.subject.clone());
            view! {
                <h2 id="bundle-title">"Send to the LA"</h2>
                <p id="bundle-name">{format!("{}.zip", c.name)}</p>
                {if c.blocked {
                    view! { <p id="bundle-state" class="error-panel" role="alert">{not_yet(blocking, unanswered)}</p> }.into_any()
                } else {
                    view! { <p id="bundle-state" class="ok">"✓ Ready to export: nothing blocks the bundle."</p> }.into_any()
                }}
                <section class="panel" aria-labelledby="findings-h">
                    <h3 id="findings-h">"Checks (V01–V19)"</h3>
                    {if c.findings.is_empty() {
                        view! { <p class="ok">"✓ Every check passed."</p> }.into_any()
                    } else {
                        view! {
                            <ul id="findings" class="findings">
                                {c.findings.into_iter().enumerate().map(|(n, f)| {
                                    let at = f.fix_at;
                                    let (rule, message) = (f.rule.clone(), f.message.clone());
                                    view! {
                                        <li class=format!("finding problem-{}", f.severity.code()) data-rule=f.rule.clone()>
                                            <strong>{format!("{} ", f.rule)}</strong>
                                            {f.document.clone().map(|d| format!("{d}: "))}{f.message.clone()}" "
                                            <span class="hint">{f.fix.clone()}</span>" "
                                            {(at != FixAt::Nowhere).then(|| view! { <button class="link" on:click=move |_| go_fix(at)>"Fix →"</button> })}
                                            {match f.overridden.clone() {
                                                Some(reason) => view! { <p class="overridden">{format!("Overridden: {reason}")}</p> }.into_any(),
                                                None if f.can_override => view! {
                                                    <div class="inline-form">
                                                        <label for=format!("ov-{n}")>"Reason to go ahead anyway"</label>
                                                        <input id=format!("ov-{n}") type="text" aria-describedby=format!("ov-save-{n}-problems")
                                                            prop:value=move || reasons.with(|r| r.get(&n).cloned().unwrap_or_default())
                                                            on:input=move |ev| reasons.update(|r| { r.insert(n, event_target_value(&ev)); }) />
                                                        <button id=format!("ov-save-{n}") on:click=move |_| {
                                                            let reason = reasons.with_untracked(|r| r.get(&n).cloned().unwrap_or_default());
                                                            let (rule, message) = (rule.clone(), message.clone());
                                                            spawn_local(async move {
                                                                let result = ipc::call(commands::OverrideFinding { review, rule, message, reason }).await;
                                                                if let Some(c) = outcome.answer(&format!("ov-save-{n}"), result, |_| "Reason recorded.".to_owned()) {
                                                                    check.set(Some(Ok(c)));
                                                                }
                                                            });
                                                        }>"Record the reason"</button>
                                                        <Ack outcome at=format!("ov-save-{n}") />
                                                    </div>
                                                }.into_any(),
                                                None => view! { <span></span> }.into_any(),
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="files-h">
                    <h3 id="files-h">"Files"</h3>
                    <table id="bundle-files" class="people">
                        <thead><tr><th scope="col">"File"</th><th scope="col">"Document"</th><th scope="col">"Source"</th><th scope="col">"Check"</th></tr></thead>
                        <tbody>
                            {c.files.into_iter().map(|f| view! {
                                <tr class:overdue=f.verdict != Verdict::Ok>
                                    <td>{f.name}</td><td>{f.title}</td><td>{f.source.code()}</td>
                                    <td>{if f.verdict == Verdict::Ok { "✓ ok".to_owned() } else { format!("{}: {}", f.verdict.code(), f.detail) }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
                <div class="actions">
                    <button id="export-bundle" class="primary" disabled=c.blocked on:click=export>"Export the bundle (.zip)"</button>
                    <Ack outcome at="export-bundle" id="bundle-status" />
                </div>
                {move || exported.get().then(|| view! {
                    <section class="panel" id="send-it" aria-labelledby="send-it-h">
                        <h3 id="send-it-h">"Sending it"</h3>
                        <p id="how-to-send">{how_to_send.clone()}</p>
                        <p>"Subject: "<code id="email-subject">{subject.clone()}</code></p>
                    </section>
                })}
                {move || progress.get().filter(|p| p.total > 0).map(|p| view! {
                    <div class="progress">
                        <label for="bundle-progress">{format!("Writing and checking: {} of {} MB", p.done >> 20, p.total >> 20)}</label>
                        <progress id="bundle-progress" max=p.total.to_string() value=p.done.to_string()></progress>
                    </div>
                })}
            }
            .into_any()
        }
    };
    view! {
        <BackToChild child />
        <article class="bundle">{body}</article>
    }
}

/// Why the bundle cannot be exported yet: problems to fix, warnings to fix or give a reason for
/// (the reason goes to the LA in the manifest).
fn not_yet(blocking: usize, unanswered: usize) -> String {
    let problems = match blocking {
        0 => None,
        1 => Some("1 problem must be fixed".to_owned()),
        n => Some(format!("{n} problems must be fixed")),
    };
    let warnings = match unanswered {
        0 => None,
        1 => Some("1 warning needs fixing or a reason recorded".to_owned()),
        n => Some(format!("{n} warnings need fixing or a reason recorded")),
    };
    let said: Vec<String> = [problems, warnings].into_iter().flatten().collect();
    format!("{} before the bundle can be exported.", said.join(", and "))
}
