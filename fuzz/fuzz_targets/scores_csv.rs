//! Fuzz target: see `workshop::fuzzing::scores_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| workshop::fuzzing::scores_csv(data));
