//! Renders the user guide (`docs/guide.md`) to HTML for the Help screen, so the window shows the
//! same guide the repository does. Links to other files become plain text (the window shows one
//! page); links within the guide (`#…`) stay. Images keep their `screenshots/…` paths, which
//! Trunk copies into the build (index.html).

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

fn main() -> std::io::Result<()> {
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/guide.md");
    println!("cargo:rerun-if-changed={}", guide.display());
    let text = std::fs::read_to_string(&guide)?;
    let mut outside = 0usize;
    let events = Parser::new(&text).filter(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with('#') => {
            outside += 1;
            false
        }
        Event::End(TagEnd::Link) if outside > 0 => {
            outside -= 1;
            false
        }
        _ => true,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("guide.html");
    std::fs::write(dest, out)
}
