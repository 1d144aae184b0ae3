//! The HTML report (placeholder while it is built).

use super::report::Report;

/// The report as one self-contained HTML page.
pub fn render(report: &Report) -> String {
    maud::html! { h1 { (report.title) } }.into_string()
}
