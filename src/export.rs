//! Writing a run's results to files. Every file is owner-only and appears whole or not at all.

pub mod json;
mod write;

pub use write::write_private;
