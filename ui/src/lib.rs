//! The Annual Review Desk window.
//!
//! A one-page application: [`app`] is the shell (header, status line, which screen shows),
//! [`screens`] has one module per screen, [`widgets`] what more than one screen uses,
//! [`state`] what every screen shares, and [`ipc`] is the only module that talks to the
//! backend. Imports point one way: app → screens → widgets → state → ipc. The UI holds no
//! business rules: validation messages come from the backend, field by field.

mod app;
mod ipc;
mod screens;
mod state;
mod widgets;

pub use app::App;
