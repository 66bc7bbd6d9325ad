//! What every form does, the same on every screen:
//!
//! - a form that opens takes the focus, in its first field ([`Opening`]);
//! - Enter in a field submits it ([`Form`] is a real `<form>` with a submit button);
//! - what an action came back with ([`Outcome`]) is shown beside what caused it: the
//!   confirmation beside its button ([`Ack`]), each problem beside its own field
//!   ([`FieldError`]), and a problem that names no field on screen beside the button;
//! - every field has its label ([`TextField`], or a `<label>` next to the control).

use ardesk_dto::{CodeList, ErrorCode, ErrorDto, FieldProblem};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A confirmation, or a note that something is under way.
#[derive(Debug, Clone, PartialEq)]
struct Note {
    text: String,
    /// Done (shown with a tick), rather than under way.
    done: bool,
}

/// What the last action of a form or panel came back with, and where it belongs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome {
    /// The element id of the control that caused it (a button, or a field that saves itself).
    at: RwSignal<String>,
    note: RwSignal<Option<Note>>,
    problems: RwSignal<Vec<FieldProblem>>,
    /// The fields on screen that show their own problem: (field name, element id).
    placed: StoredValue<Vec<(String, String)>>,
}

impl Outcome {
    pub(crate) fn new() -> Outcome {
        Outcome {
            at: RwSignal::new(String::new()),
            note: RwSignal::new(None),
            problems: RwSignal::new(Vec::new()),
            placed: StoredValue::new(Vec::new()),
        }
    }

    /// Forgets the last outcome.
    pub(crate) fn clear(self) {
        self.note.set(None);
        self.problems.set(Vec::new());
    }

    /// Says beside `at` that it is under way ("Writing the bundle…").
    pub(crate) fn working(self, at: &str, text: impl Into<String>) {
        self.at.set(at.to_owned());
        self.problems.set(Vec::new());
        self.note.set(Some(Note { text: text.into(), done: false }));
    }

    /// `at` did what was asked: the confirmation beside it, and no problems left.
    pub(crate) fn done(self, at: &str, text: impl Into<String>) {
        self.at.set(at.to_owned());
        self.problems.set(Vec::new());
        self.note.set(Some(Note { text: text.into(), done: true }));
    }

    /// `at` was refused: each problem beside its own field and the focus on the first of them;
    /// a problem that names no field on screen (or the message, if there are none) beside `at`.
    /// A cancelled dialog is no refusal: it changes nothing.
    pub(crate) fn refused(self, at: &str, e: ErrorDto) {
        if e.code == ErrorCode::Cancelled {
            self.note.set(None);
            return;
        }
        let problems = if e.problems.is_empty() {
            vec![FieldProblem { field: String::new(), message: e.message, hint: String::new() }]
        } else {
            e.problems
        };
        let first = problems.iter().find_map(|p| self.element_of(&p.field));
        self.at.set(at.to_owned());
        self.note.set(None);
        self.problems.set(problems);
        if let Some(id) = first {
            super::focus(&id);
        }
    }

    /// Shows `result` beside `at`: the confirmation `text` gives for its value, or the refusal.
    /// Returns the value when there is one.
    pub(crate) fn answer<T>(
        self,
        at: &str,
        result: Result<T, ErrorDto>,
        text: impl FnOnce(&T) -> String,
    ) -> Option<T> {
        match result {
            Ok(value) => {
                self.done(at, text(&value));
                Some(value)
            }
            Err(e) => {
                self.refused(at, e);
                None
            }
        }
    }

    /// For a form whose fields save themselves: `field` saved, confirmed beside `at`; the
    /// problems of other fields stay.
    pub(crate) fn field_saved(self, field: &str, at: &str, text: impl Into<String>) {
        self.problems.update(|list| list.retain(|p| p.field != field));
        self.at.set(at.to_owned());
        self.note.set(Some(Note { text: text.into(), done: true }));
    }

    /// For a form whose fields save themselves: `field` refused with `message`, shown beside it;
    /// the problems of other fields stay.
    pub(crate) fn field_refused(self, field: &str, at: &str, message: String) {
        self.problems.update(|list| {
            list.retain(|p| p.field != field);
            list.push(FieldProblem { field: field.to_owned(), message, hint: String::new() });
        });
        self.at.set(at.to_owned());
        self.note.set(None);
    }

    /// The user changed `field`: its problem is answered, and the last confirmation is old news.
    pub(crate) fn edited(self, field: &str) {
        if self.problems.with_untracked(|list| list.iter().any(|p| p.field == field)) {
            self.problems.update(|list| list.retain(|p| p.field != field));
        }
        if self.note.with_untracked(Option::is_some) {
            self.note.set(None);
        }
    }

    /// The problem of `field`, as one line.
    pub(crate) fn problem(self, field: &str) -> Option<String> {
        self.problems.with(|list| {
            list.iter().find(|p| p.field == field).map(|p| {
                if p.hint.is_empty() { p.message.clone() } else { format!("{} {}", p.message, p.hint) }
            })
        })
    }

    /// The element showing `field`'s problem, if it is on screen: its own, or one that shows
    /// every problem ([`ProblemList`]).
    fn element_of(self, field: &str) -> Option<String> {
        self.placed.with_value(|placed| {
            let own = placed.iter().find(|(f, _)| !field.is_empty() && f == field);
            own.or_else(|| placed.iter().find(|(f, _)| f == EVERY)).map(|(_, id)| id.clone())
        })
    }

    fn note_at(self, at: &str) -> Option<Note> {
        if self.at.with(|a| a == at) { self.note.get() } else { None }
    }

    /// The problems of the last refusal of `at` that no field on screen shows.
    fn unplaced(self, at: &str) -> Vec<FieldProblem> {
        if !self.at.with(|a| a == at) {
            return Vec::new();
        }
        let list = self.problems.get();
        list.into_iter().filter(|p| self.element_of(&p.field).is_none()).collect()
    }
}

/// How [`ProblemList`] registers: it shows the problems of every field.
const EVERY: &str = "*";

/// The id of the element that shows the problem of the control `id`: `f-dob` → `err-dob`,
/// `m-time` → `err-m-time`.
pub(crate) fn error_id(id: &str) -> String {
    format!("err-{}", id.strip_prefix("f-").unwrap_or(id))
}

/// The id of a control's hint.
fn hint_id(id: &str) -> String {
    format!("hint-{}", id.strip_prefix("f-").unwrap_or(id))
}

/// The problem of one field, beside it (its element id is [`error_id`] of the control's).
#[component]
pub(crate) fn FieldError(
    outcome: Outcome,
    /// The field's name, as the backend's problems name it.
    #[prop(into)]
    name: String,
    /// The element id of the control the problem belongs to.
    #[prop(into)]
    of: String,
) -> impl IntoView {
    let entry = (name.clone(), of.clone());
    outcome.placed.update_value(|placed| placed.push(entry.clone()));
    on_cleanup(move || {
        outcome.placed.update_value(|placed| {
            if let Some(at) = placed.iter().position(|e| *e == entry) {
                placed.remove(at);
            }
        });
    });
    view! {
        <p class="field-error" id=error_id(&of)>
            {move || outcome.problem(&name).map(|e| view! { <span class="icon" aria-hidden="true">"⚠ "</span>{e} })}
        </p>
    }
}

/// Every problem of the last refusal, beside the one control they are all about (a form of one
/// text, such as the term dates), with the id `id`.
#[component]
pub(crate) fn ProblemList(outcome: Outcome, id: &'static str, #[prop(into)] of: String) -> impl IntoView {
    let entry = (EVERY.to_owned(), of);
    outcome.placed.update_value(|placed| placed.push(entry.clone()));
    on_cleanup(move || {
        outcome.placed.update_value(|placed| {
            if let Some(at) = placed.iter().position(|e| *e == entry) {
                placed.remove(at);
            }
        });
    });
    view! {
        <div id=id class="field-error" role="alert">
            {move || outcome.problems.get().into_iter().map(|p| view! {
                <p><span class="icon" aria-hidden="true">"⚠ "</span>{p.message}" "{p.hint}</p>
            }).collect_view()}
        </div>
    }
}

/// The confirmation of what the control `at` did, beside it, and any problem of its last
/// refusal that no field shows. Its id is `{at}-ack` unless `id` says otherwise.
#[component]
pub(crate) fn Ack(
    outcome: Outcome,
    #[prop(into)] at: String,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    let ack_id = if id.is_empty() { format!("{at}-ack") } else { id.to_owned() };
    let problems_id = format!("{at}-problems");
    let at_note = at.clone();
    view! {
        <span id=ack_id class="ack" role="status" aria-live="polite">
            {move || outcome.note_at(&at_note).map(|n| view! {
                {n.done.then(|| view! { <span class="tick" aria-hidden="true">"✓ "</span> })}{n.text}
            })}
        </span>
        <span id=problems_id class="field-error" role="alert">
            {move || outcome.unplaced(&at).into_iter().map(|p| view! {
                <span class="problem"><span class="icon" aria-hidden="true">"⚠ "</span>{p.message}" "{p.hint}</span>
            }).collect_view()}
        </span>
    }
}

/// A form that opens on request: it takes the focus, in its first field, when it opens (and
/// when it is asked to open again while open), never merely because it was redrawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opening(RwSignal<bool>);

impl Opening {
    pub(crate) fn new() -> Opening {
        Opening(RwSignal::new(false))
    }

    /// For a form that is the whole screen: it takes the focus when it first appears.
    pub(crate) fn due() -> Opening {
        Opening(RwSignal::new(true))
    }

    /// Its first field takes the focus as soon as the form is on screen.
    pub(crate) fn open(self) {
        self.0.set(true);
    }
}

/// Focuses the first field of `form` that can take it, unless the user has already put the
/// focus in a field elsewhere (a late focus must never take their typing somewhere else).
fn focus_first(form: &leptos::web_sys::HtmlFormElement) {
    if !form.is_connected() {
        return;
    }
    let typing_elsewhere = document().active_element().is_some_and(|active| {
        matches!(active.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") && !form.contains(Some(&active))
    });
    if typing_elsewhere {
        return;
    }
    let first = form
        .query_selector(
            "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])",
        )
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(field) = first {
        let _ = field.focus();
    }
}

/// A form: Enter in a field submits it (its first `type="submit"` button), the page does not
/// reload, and with an [`Opening`] it takes the focus when it opens. Other buttons in it must
/// be `type="button"`.
#[component]
pub(crate) fn Form(
    id: &'static str,
    on_submit: impl Fn() + 'static,
    #[prop(optional)] opening: Option<Opening>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Form>::new();
    if let Some(opening) = opening {
        Effect::new(move |_| {
            if opening.0.get()
                && let Some(form) = node.get()
            {
                opening.0.set(false);
                if form.is_connected() {
                    focus_first(&form);
                } else {
                    // Not in the document yet: as soon as it is.
                    set_timeout(move || focus_first(&form), std::time::Duration::ZERO);
                }
            }
        });
    }
    view! {
        <form id=id class=class novalidate node_ref=node
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                on_submit();
            }>
            {children()}
        </form>
    }
}

/// One labelled text field bound to a field of the form `T`: its hint, and its problem beside
/// it. Its id is `f-{name}` unless `id` says otherwise.
#[component]
pub(crate) fn TextField<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    outcome: Outcome,
    /// The field's name, as the backend's problems name it.
    name: &'static str,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
    #[prop(optional)] id: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder: &'static str,
    /// Takes a whole row of an inline form.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let id = if id.is_empty() { format!("f-{name}") } else { id.to_owned() };
    let described =
        if hint.is_empty() { error_id(&id) } else { format!("{} {}", hint_id(&id), error_id(&id)) };
    let invalid = move || outcome.problem(name).is_some();
    view! {
        <div class="field" class:wide=wide class:invalid=invalid>
            <label for=id.clone()>
                {label} {required.then(|| view! { <span class="req">" (required)"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id(&id)>{hint}</p> })}
            <input
                id=id.clone()
                name=name
                type="text"
                placeholder=placeholder
                prop:value=move || form.with(get)
                on:input=move |ev| {
                    form.update(|f| set(f, event_target_value(&ev)));
                    outcome.edited(name);
                }
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=described
            />
            <FieldError outcome name of=id />
        </div>
    }
}

/// One labelled choice from a code list of the contract, bound to an `Option` field of the
/// form `T` ("Choose…" while `None`), with its problem beside it. Its id is `f-{name}` unless
/// `id` says otherwise.
#[component]
pub(crate) fn ChoiceField<T: Send + Sync + 'static, E: CodeList>(
    form: RwSignal<T>,
    outcome: Outcome,
    /// The field's name, as the backend's problems name it.
    name: &'static str,
    label: &'static str,
    get: fn(&T) -> Option<E>,
    set: fn(&mut T, Option<E>),
    #[prop(optional)] id: &'static str,
    /// The words for "none chosen" (for an optional choice, say "None").
    #[prop(optional)]
    none: &'static str,
) -> impl IntoView {
    let id = if id.is_empty() { format!("f-{name}") } else { id.to_owned() };
    let invalid = move || outcome.problem(name).is_some();
    let none = if none.is_empty() { "Choose…" } else { none };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                name=name
                prop:value=move || form.with(get).map(|v| v.code()).unwrap_or_default()
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    form.update(|f| set(f, E::all().iter().copied().find(|v| v.code() == code)));
                    outcome.edited(name);
                }
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=error_id(&id)
            >
                <option value="">{none}</option>
                {E::all().iter().map(|v| view! { <option value=v.code()>{v.label()}</option> }).collect_view()}
            </select>
            <FieldError outcome name of=id />
        </div>
    }
}
