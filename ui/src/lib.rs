//! The Annual Review Desk window.
//!
//! A one-page application: [`app`] is the shell (header, status line, which screen shows),
//! [`screens`] has one module per screen, [`widgets`] what more than one screen uses, and
//! [`ipc`] is the only module that talks to the backend. The UI holds no business rules:
//! validation messages come from the backend, field by field.

mod app;
mod ipc;
mod screens;
mod widgets;

pub use app::App;
