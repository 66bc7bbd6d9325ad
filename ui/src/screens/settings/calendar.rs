//! The school's calendar: term dates (typed or imported) and bank holidays (imported from
//! gov.uk's file).

use ardesk_dto::commands;
use ardesk_dto::{CalendarSettings, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, Form, Outcome, ProblemList};

#[component]
pub(crate) fn CalendarPanels(error: RwSignal<Option<ErrorDto>>) -> impl IntoView {
    let terms = RwSignal::new(String::new());
    // The term dates' problems are all about the one text: shown together beside it.
    let outcome = Outcome::new();
    let holidays = Outcome::new();
    let settings = RwSignal::new(None::<CalendarSettings>);
    // The form shows once the saved term dates are in, so that they never replace what is typed.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        match ipc::call(commands::TermsText {}).await {
            Ok(t) => terms.set(t),
            Err(e) => error.set(Some(e)),
        }
        loaded.set(true);
        settings.set(ipc::call(commands::CalendarSettings {}).await.ok());
    });

    let save_terms = move || {
        let text = terms.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::SetTerms { text }).await;
            let done = |s: &CalendarSettings| {
                format!("Term dates saved: {} terms, {} closure days.", s.terms.len(), s.closures.len())
            };
            if let Some(s) = outcome.answer("save-terms", result, done) {
                settings.set(Some(s));
            }
        });
    };
    let import_terms = move |_| {
        spawn_local(async move {
            let result = ipc::call(commands::ImportTerms {}).await;
            let done = |s: &CalendarSettings| {
                format!("Term dates imported: {} terms, {} closure days.", s.terms.len(), s.closures.len())
            };
            if let Some(s) = outcome.answer("import-terms", result, done) {
                terms.set(ipc::call(commands::TermsText {}).await.unwrap_or_default());
                settings.set(Some(s));
            }
        });
    };
    let import_holidays = move |_| {
        spawn_local(async move {
            let result = ipc::call(commands::ImportBankHolidays {}).await;
            let done = |n: &usize| {
                format!("Bank holidays imported: {n} new {}.", if *n == 1 { "date" } else { "dates" })
            };
            if holidays.answer("import-holidays", result, done).is_some() {
                settings.set(ipc::call(commands::CalendarSettings {}).await.ok());
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
            <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Loading…"</p> }>
            <Form id="terms-form" on_submit=save_terms>
                <label for="terms">"Term dates"</label>
                <textarea id="terms" rows="8" prop:value=move || terms.get() aria-describedby="terms-errors"
                    on:input=move |ev| terms.set(event_target_value(&ev))></textarea>
                <ProblemList outcome id="terms-errors" of="terms" />
                <div class="actions">
                    <button id="save-terms" type="submit" class="primary">"Save term dates"</button>
                    <Ack outcome at="save-terms" />
                    <button id="import-terms" type="button" on:click=import_terms>"Import from a file (.ics or .csv)…"</button>
                    <Ack outcome at="import-terms" />
                </div>
            </Form>
            </Show>
        </section>
        <section aria-labelledby="holidays-h" class="panel">
            <h3 id="holidays-h">"Bank holidays"</h3>
            <p id="holiday-years">
                {move || settings.get().map(|s| format!("England and Wales bank holidays known: {}.", s.bank_holiday_years))}
            </p>
            <p class="hint">"To add later years, download bank-holidays.json from gov.uk and import it."</p>
            <div class="actions">
                <button id="import-holidays" on:click=import_holidays>"Import bank-holidays.json…"</button>
                <Ack outcome=holidays at="import-holidays" />
            </div>
        </section>
    }
}
