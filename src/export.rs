//! Writing a run's results to files: JSON (the whole run), CSV tables, and Markdown and HTML
//! reports. Every file is owner-only and appears whole or not at all.

pub mod bundle;
pub mod html;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod report;
pub mod results;
pub mod table;
mod write;

pub use bundle::{Format, OutFile, PARTIAL_LOG, render, write_all};
pub use redact::Privacy;
pub use write::write_private;
