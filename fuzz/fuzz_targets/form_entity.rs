#![no_main]
// The check lives in lantern-fuzz-harness so `cargo test` replays the same
// thing on stable; see crates/fuzz-harness/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    lantern_fuzz_harness::form_entity(data);
});
