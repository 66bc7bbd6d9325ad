//! Settings: the school's details, backups, how long leavers' records are kept, letter wording,
//! the calendar (term dates and bank holidays) and the LA profiles. One panel per file; they share only the page's error line.

mod calendar;
mod profiles;
mod retention;
mod school;
mod wording;

pub(crate) use calendar::CalendarPanels;
pub(crate) use profiles::ProfilesPanel;
pub(crate) use school::SchoolPanel;

use ardesk_dto::ErrorDto;
use leptos::prelude::*;

use crate::state::ctx;
use crate::widgets::ErrorPanel;

#[component]
pub(crate) fn Settings() -> impl IntoView {
    let ctx = ctx();
    // The term dates that could not be loaded, shown at the top of the page.
    let error = RwSignal::new(None::<ErrorDto>);
    view! {
        <h2>"Settings"</h2>
        {move || error.get().map(|error| view! { <ErrorPanel error /> })}
        <school::SchoolPanel />
        <section aria-labelledby="backup-h" class="panel">
            <h3 id="backup-h">"Backups"</h3>
            <p id="backup-status">{move || ctx.info.get().and_then(Result::ok).map(|i| i.backup)}</p>
            <p class="hint">"The caseload is checked and copied on the first start of each day, and each copy is deleted after seven days. If the caseload is ever found damaged, the app will not change it and will say which copy to restore."</p>
        </section>
        <retention::RetentionPanel />
        <wording::WordingPanel />
        <calendar::CalendarPanels error />
        <profiles::ProfilesPanel />
    }
}
