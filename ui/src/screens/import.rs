//! Pupils from the school's MIS: choose the file (a Common Transfer File or a CSV report), see
//! what the import would do, map a CSV's columns if it needs it, then confirm. Nothing is
//! written before the confirmation.

use ardesk_dto::commands;
use ardesk_dto::{ImportColumn, ImportedPupilRow, LaOption, PupilImport};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, Outcome};

#[component]
pub(crate) fn ImportPupilsPage(las: Vec<LaOption>) -> impl IntoView {
    let ctx = ctx();
    let la = RwSignal::new(las.first().map(|l| l.id.clone()).unwrap_or_default());
    let preview = RwSignal::new(None::<PupilImport>);
    let columns = RwSignal::new(Vec::<ImportColumn>::new());
    let outcome = Outcome::new();

    let shown = move |p: PupilImport| {
        columns.set(p.columns.clone());
        preview.set(Some(p));
    };
    let choose = move |_| {
        let la = Some(la.get_untracked()).filter(|l| !l.is_empty());
        outcome.working("choose-pupil-file", "Reading the file…");
        spawn_local(async move {
            let result = ipc::call(commands::PreviewPupilImport { la }).await;
            if let Some(p) = outcome.answer("choose-pupil-file", result, |p| format!("Read {}.", p.file_name))
            {
                shown(p);
            }
        });
    };
    let remap = move |_| {
        let columns = columns.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::MapPupilColumns { columns }).await;
            if let Some(p) = outcome.answer("remap", result, |_| "Read again with your columns.".to_owned()) {
                shown(p);
            }
        });
    };
    let confirm = move |_| {
        outcome.working("confirm-import", "Importing…");
        spawn_local(async move {
            match ipc::call(commands::ConfirmPupilImport {}).await {
                Ok(p) => {
                    ctx.refresh_info();
                    ctx.go_with_status(
                        Screen::Caseload,
                        format!(
                            "Imported {}: {} added, {} updated, {} unchanged, {} skipped.",
                            p.file_name,
                            p.added.len(),
                            p.updated.len(),
                            p.unchanged.len(),
                            p.skipped.len()
                        ),
                    );
                }
                Err(e) => outcome.refused("confirm-import", e),
            }
        });
    };

    view! {
        <nav class="breadcrumb">
            <button id="back" class="link" on:click=move |_| ctx.go(Screen::Caseload)>"← Caseload"</button>
        </nav>
        <section class="panel" aria-labelledby="import-h">
            <h2 id="import-h">"Import pupils from the MIS"</h2>
            <p>
                "Export the pupils from SIMS, Arbor, Bromcom or another MIS as a Common Transfer File (CTF, .xml) "
                "or a CSV report. Pupils with an EHC plan are added to the caseload, matched by UPN: a pupil already "
                "here is updated only where the MIS changed and you have not; nobody is deleted. "
                "You see what will change before anything is saved."
            </p>
            <div class="inline-fields">
                <div class="field">
                    <label for="import-la">"New children are maintained by"</label>
                    <select id="import-la" prop:value=move || la.get() on:change=move |ev| la.set(event_target_value(&ev))>
                        {las.into_iter().map(|l| view! { <option value=l.id.clone()>{l.name}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="actions">
                <button id="choose-pupil-file" class="primary" on:click=choose>"Choose the file…"</button>
                <Ack outcome at="choose-pupil-file" />
            </div>
        </section>
        {move || preview.get().map(|p| view! { <Preview p columns outcome remap confirm /> })}
    }
}

#[component]
fn Preview(
    p: PupilImport,
    columns: RwSignal<Vec<ImportColumn>>,
    outcome: Outcome,
    remap: impl Fn(leptos::ev::MouseEvent) + 'static,
    confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let count = p.added.len() + p.updated.len();
    let fields = p.fields.clone();
    let is_csv = !p.columns.is_empty();
    let missing = p.missing.join(", ");
    view! {
        <section class="panel" id="import-preview" aria-labelledby="preview-h">
            <h3 id="preview-h">{format!("What importing {} would do", p.file_name)}</h3>
            <p id="import-summary">
                {format!(
                    "{}: {} to add, {} to update, {} unchanged, {} skipped. New children: {}.",
                    p.source, p.added.len(), p.updated.len(), p.unchanged.len(), p.skipped.len(), p.la_name
                )}
            </p>
            <Rows id="import-added" title="To add" rows=p.added.clone() />
            <Rows id="import-updated" title="To update" rows=p.updated.clone() />
            {(!p.skipped.is_empty()).then(|| view! {
                <h4>"Skipped"</h4>
                <table id="import-skipped" class="people">
                    <thead><tr><th scope="col">"Row"</th><th scope="col">"UPN"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>
                        {p.skipped.iter().map(|s| view! {
                            <tr><td>{s.row}</td><td>{s.upn.clone().unwrap_or_default()}</td><td class="notes">{s.reason.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {is_csv.then(|| view! {
                <h4 id="columns-h">"The file's columns"</h4>
                {(!missing.is_empty()).then(|| view! {
                    <p class="warning" role="note">{format!("No column gives: {missing}. Choose which column holds each.")}</p>
                })}
                <table id="import-columns" class="people" aria-labelledby="columns-h">
                    <thead><tr><th scope="col">"Column"</th><th scope="col">"Heading"</th><th scope="col">"Read as"</th></tr></thead>
                    <tbody>
                        {columns.get_untracked().into_iter().enumerate().map(|(n, c)| {
                            let id = format!("column-{}", c.index);
                            let fields = fields.clone();
                            let current = c.field.clone().unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{c.letter.clone()}</td>
                                    <td><label for=id.clone()>{c.header.clone()}</label></td>
                                    <td>
                                        <select id=id prop:value=current on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            columns.update(|cols| if let Some(col) = cols.get_mut(n) {
                                                col.field = Some(v).filter(|v| !v.is_empty());
                                            });
                                        }>
                                            <option value="">"Not imported"</option>
                                            {fields.into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="actions">
                    <button id="remap" on:click=remap>"Read the file again with these columns"</button>
                    <Ack outcome at="remap" />
                </div>
            })}
            <div class="actions">
                <button id="confirm-import" class="primary" disabled=count == 0 on:click=confirm>
                    {if count == 0 { "Nothing to import".to_owned() } else { format!("Import {count} children") }}
                </button>
                <Ack outcome at="confirm-import" />
            </div>
        </section>
    }
}

#[component]
fn Rows(id: &'static str, title: &'static str, rows: Vec<ImportedPupilRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <h4>{title}</h4>
            <table id=id class="people">
                <thead><tr>
                    <th scope="col">"UPN"</th><th scope="col">"Name"</th><th scope="col">"Year"</th>
                    <th scope="col">"Parents with parental responsibility"</th><th scope="col">"Notes"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let restricted = (r.restricted > 0)
                            .then(|| format!("⚠ {} with a court order: nothing is sent to them automatically. ", r.restricted));
                        view! {
                            <tr data-upn=r.upn.clone()>
                                <td>{r.upn.clone()}</td>
                                <td>{r.name.clone()}</td>
                                <td>{r.year_group.clone()}</td>
                                <td>{r.parents}</td>
                                <td class="notes">{restricted}{r.changes.join("; ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}
