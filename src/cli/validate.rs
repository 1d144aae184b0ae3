//! `workshop validate FILE...`: one summary line per good plan, every problem of a bad one.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::plan::load_plan;

/// Validates each file; fails if any plan has an error.
pub fn validate_files(files: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    for file in files {
        match load_plan(file) {
            Ok(loaded) => {
                println!("{}: ok: {loaded}", file.display());
                for warning in &loaded.warnings {
                    println!("{}", warning.display_in(file));
                }
            }
            Err(err) => {
                failed += 1;
                eprintln!("{err}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of {} plan files have errors", files.len());
        ExitCode::FAILURE
    }
}
