//! The LA's check of a received bundle on any bytes: it must give a report (never panic, hang or
//! run out of memory) for every zip that arrives, however it was made.
#![no_main]

use std::sync::OnceLock;

use ardesk_domain::la::LaCatalogue;
use libfuzzer_sys::fuzz_target;

fn las() -> &'static LaCatalogue {
    static LAS: OnceLock<LaCatalogue> = OnceLock::new();
    LAS.get_or_init(|| {
        LaCatalogue::builtin()
            .map(LaCatalogue::with_england_defaults)
            .unwrap_or_else(|p| panic!("the shipped profiles do not load: {}", p.message))
    })
}

fuzz_target!(|bytes: &[u8]| {
    let report = ardesk_app::verify_reader("bundle.zip".to_owned(), std::io::Cursor::new(bytes), las());
    // What it says is printed for the LA: it must hold together.
    assert!(!report.valid || report.problems.is_empty());
});
