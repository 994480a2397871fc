//! Arbitrary text as a config: parsed or rejected with a reason, never a panic.
#![no_main]

use lantern_linkage::config::LinkConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = LinkConfig::parse(text) {
            let _ = lantern_linkage::link::Engine::new(config);
        }
    }
});
