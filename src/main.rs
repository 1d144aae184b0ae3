//! The `workshop` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic inside sled (a damaged store) is contained and said in words by the store;
    // every other panic is reported as usual.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !workshop::store::is_sled_panic(info) {
            report(info);
        }
    }));
    workshop::cli::main(workshop::cli::Cli::parse())
}
