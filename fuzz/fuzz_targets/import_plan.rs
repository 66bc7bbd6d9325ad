//! The EHC plan import on any bytes, as `App::read_plan` runs it: the Word reader, then the
//! section finder on whatever paragraphs came out.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(paragraphs) = ardesk_intake::docx_paragraphs(bytes, ardesk_intake::DEFAULT_MAX_BYTES) {
        let _ = ardesk_domain::plan::find_sections(&paragraphs);
    }
    let _ = ardesk_intake::review_marks(bytes);
});
