//! Fuzz target: see `workshop::fuzzing::plan`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| workshop::fuzzing::plan(data));
