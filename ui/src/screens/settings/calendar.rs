//! The school's calendar: term dates (typed or imported) and bank holidays (imported from
//! gov.uk's file).

use ardesk_dto::{CalendarSettings, ErrorCode, ErrorDto, FieldProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::problems_of;
use crate::app::ctx;
use crate::ipc;
use crate::widgets::Problems;

#[component]
pub(super) fn CalendarPanels(error: RwSignal<Option<ErrorDto>>) -> impl IntoView {
    let ctx = ctx();
    let terms = RwSignal::new(String::new());
    let terms_problems = RwSignal::new(Vec::<FieldProblem>::new());
    let settings = RwSignal::new(None::<CalendarSettings>);
    spawn_local(async move {
        match ipc::terms_text().await {
            Ok(t) => terms.set(t),
            Err(e) => error.set(Some(e)),
        }
        settings.set(ipc::calendar_settings().await.ok());
    });

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

    view! {
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
    }
}
