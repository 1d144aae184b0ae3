//! Fuzz target: see `workshop::fuzzing::run_import`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| workshop::fuzzing::run_import(data));
