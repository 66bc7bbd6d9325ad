//! Help: the user guide (`docs/guide.md`, made into HTML when the UI is built, by build.rs).

use leptos::prelude::*;

/// The guide's HTML: our own text, rendered from the repository's Markdown at build time.
const GUIDE: &str = include_str!(concat!(env!("OUT_DIR"), "/guide.html"));

#[component]
pub(crate) fn HelpPage() -> impl IntoView {
    view! { <article id="guide" class="guide" inner_html=GUIDE></article> }
}
