//! The password scanner on any bytes: it must give a verdict (never panic, hang or run out of
//! memory) for every file a SENCO attaches; and the page count the bundle's index gives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let scan = ardesk_intake::scan::scan(bytes, ardesk_intake::DEFAULT_MAX_BYTES);
    let _ = (scan.verdict.code(), scan.verdict.detail());
    if let Ok(kind) = ardesk_intake::sniff(bytes, ardesk_intake::DEFAULT_MAX_BYTES) {
        let _ = ardesk_intake::scan::extract_text(bytes, kind);
    }
    // The bundle's index counts the pages of every PDF attached.
    let _ = ardesk_intake::pdf_page_count(bytes);
});
