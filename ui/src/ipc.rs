//! The one typed client for the backend: [`call`] sends any request of the contract's table
//! (`ardesk_dto::commands`) and decodes its answer. No other module touches
//! `window.__TAURI__`, and no command is named here: each request type carries its name.

use ardesk_dto::commands::Command;
use ardesk_dto::{ErrorCode, ErrorDto};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // A synchronous import returning a Promise, with `catch`: a missing `__TAURI__` throws here
    // and becomes an error, instead of a future that never completes.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    fn tauri_invoke(cmd: &str, args: JsValue) -> Result<js_sys::Promise, JsValue>;
}

fn unavailable(message: String) -> ErrorDto {
    ErrorDto { code: ErrorCode::Unavailable, message, problems: Vec::new() }
}

/// Sends `request` to the backend command it names and decodes the answer or its `ErrorDto`.
pub async fn call<C: Command>(request: C) -> Result<C::Response, ErrorDto> {
    #[derive(Serialize)]
    struct Args<C> {
        request: C,
    }
    let args = Args { request };
    let cmd = C::NAME;
    let args = serde_wasm_bindgen::to_value(&args).map_err(|e| unavailable(e.to_string()))?;
    let promise = tauri_invoke(cmd, args)
        .map_err(|_| unavailable("The app's backend is not reachable. Restart Annual Review Desk.".into()))?;
    match JsFuture::from(promise).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| unavailable(format!("Unexpected answer from the backend: {e}"))),
        Err(error) => Err(serde_wasm_bindgen::from_value::<ErrorDto>(error.clone()).unwrap_or_else(|_| {
            unavailable(error.as_string().unwrap_or_else(|| "The action failed.".to_owned()))
        })),
    }
}
