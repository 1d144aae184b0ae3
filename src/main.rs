//! The `workshop` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    workshop::cli::main(workshop::cli::Cli::parse())
}
