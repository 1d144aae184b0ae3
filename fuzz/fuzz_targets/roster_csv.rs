//! Fuzz target: see `workshop::fuzzing::roster_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| workshop::fuzzing::roster_csv(data));
