//! Fuzz target: see `workshop::fuzzing::agenda_sheet`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| workshop::fuzzing::agenda_sheet(data));
