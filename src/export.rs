//! Writing a run's results to files: JSON (the whole run), CSV tables, and Markdown and HTML
//! reports. Every file is owner-only and appears whole or not at all.

pub mod bundle;
pub mod html;
mod into_folder;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod report;
pub mod results;
mod secret_names;
pub mod table;
pub mod whole_log;
mod write;

pub use bundle::{Format, OutFile, file_count, render, write};
pub use into_folder::into_folder;
pub use redact::Privacy;
pub use whole_log::PARTIAL_LOG;
pub use write::{whole_folder, write_private, write_private_with};
