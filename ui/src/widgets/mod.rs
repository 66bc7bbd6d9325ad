//! What more than one screen uses: error and status displays, the breadcrumb back to a child,
//! forms and their fields (the same behaviour everywhere), and the table of agreed actions.

mod actions;
mod draft;
mod form;

pub(crate) use actions::ActionTable;
pub(crate) use draft::Draft;
pub(crate) use form::{
    Ack, ChoiceField, FieldError, Form, Opening, Outcome, ProblemList, TextField, error_id,
};

use ardesk_dto::{ErrorDto, Urgency};
use leptos::prelude::*;

use crate::state::{Screen, ctx};

#[component]
pub(crate) fn ErrorPanel(error: ErrorDto) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <p><strong>"Something needs attention: "</strong>{error.message}</p>
        </div>
    }
}

/// A status as icon and words, never colour alone.
#[component]
pub(crate) fn StatusBadge(status: Urgency, label: String) -> impl IntoView {
    let icon = match status {
        Urgency::Overdue | Urgency::MeetingTooLate => "⚠",
        Urgency::NeedsDates => "✎",
        Urgency::DueSoon => "◷",
        Urgency::OnTrack => "✓",
    };
    view! {
        <span class=format!("badge badge-{}", status.code())>
            <span aria-hidden="true">{icon}" "</span>{label}
        </span>
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

/// Moves keyboard focus (and the view) to the element with `id`, if there is one.
pub(crate) fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) =
        document().get_element_by_id(id).and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Today as dd/mm/yyyy, to pre-fill a date field.
pub(crate) fn today_input() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}
