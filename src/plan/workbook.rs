//! Plans and spreadsheets: a plan built from an agenda sheet and a roster sheet (`.xlsx`,
//! `.ods` or `.csv`), and a plan written as a workbook that reads back into the same plan.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Participant, Plan};
use crate::sheet::{Book, Cell};
use crate::state::State;

mod columns;
mod read;
mod write;

pub use read::plan_from_book;
pub use write::workbook_bytes;

/// What the command line gives over what the workbook says.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The agenda's sheet, if not the one called Agenda (or the first).
    pub sheet: Option<String>,
    /// The date of day 1, for an agenda that numbers its days.
    pub start: Option<NaiveDate>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub venue: Option<String>,
    pub time_zone: Option<String>,
    pub organisers: Vec<String>,
}

/// A plan read from a workbook, with what the reader should know.
#[derive(Debug, Clone)]
pub struct BookPlan {
    pub plan: Plan,
    /// Columns not read, details not given: said, not refused.
    pub warnings: Vec<String>,
    /// Where each item came from (`FILE:SHEET:ROW`), by day and index, so that a problem
    /// the plan's checks find names the row to correct.
    pub item_rows: HashMap<(usize, usize), String>,
}

/// The participants of a roster sheet (the roster CSV's columns, in any order): the sheet
/// called `named`, else one called Roster, else the first. Read as `roster import` reads a
/// CSV, against `plan`; every problem as `FILE:SHEET:ROW: column: what is wrong`.
pub fn roster_from_book(
    book: &Book,
    named: Option<&str>,
    plan: &Plan,
) -> Result<Vec<Participant>, Vec<String>> {
    let sheet = match named {
        Some(name) => book
            .sheet(name)
            .ok_or_else(|| vec![format!("{}: no sheet is called `{name}`", book.file)])?,
        None => book
            .sheet("Roster")
            .or_else(|| book.sheets.first())
            .ok_or_else(|| vec![format!("{}: the workbook has no sheets", book.file)])?,
    };
    let known: Vec<(&'static str, &[&str])> = crate::roster::COLUMNS
        .iter()
        .map(|c| {
            (
                *c,
                ROSTER_SYNONYMS
                    .iter()
                    .find(|(n, _)| n == c)
                    .map_or(&[][..], |(_, s)| *s),
            )
        })
        .collect();
    let Some(columns) = columns::Columns::find(sheet, &known, "name", 3) else {
        return Err(vec![format!(
            "{}:{}: no header row with name, organisation, country, city and sector",
            book.file, sheet.name
        )]);
    };
    // As a CSV of one line a row, so the roster's own reading (and its checks) apply.
    let body = columns.body(sheet);
    let mut csv = crate::roster::COLUMNS.join(",");
    for row in body {
        csv.push('\n');
        let cells: Vec<String> = crate::roster::COLUMNS
            .iter()
            .map(|name| {
                let value = columns
                    .get(name)
                    .and_then(|i| row.cells.get(i))
                    .map_or(String::new(), Cell::text)
                    .replace(['\n', '\r'], " ");
                format!("\"{}\"", value.replace('"', "\"\""))
            })
            .collect();
        csv.push_str(&cells.join(","));
    }
    let state = State::new(plan.clone());
    crate::roster::read_roster_csv(csv.as_bytes(), &state)
        .map(|import| import.added)
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| {
                    let at = e
                        .row
                        .and_then(|line| usize::try_from(line).ok())
                        .and_then(|line| line.checked_sub(2))
                        .and_then(|i| body.get(i))
                        .map_or_else(
                            || format!("{}:{}", book.file, sheet.name),
                            |row| book.at(sheet, row.number),
                        );
                    match &e.column {
                        Some(column) => format!("{at}: {column}: {}", e.message),
                        None => format!("{at}: {}", e.message),
                    }
                })
                .collect()
        })
}

/// Other headings a roster sheet may use.
const ROSTER_SYNONYMS: &[(&str, &[&str])] = &[
    ("id", &["participant id"]),
    ("name", &["full name", "participant", "participant name"]),
    (
        "organisation",
        &[
            "organization",
            "agency",
            "institution",
            "affiliation",
            "org",
        ],
    ),
    ("country", &["nationality"]),
    ("city", &["city or province", "municipality"]),
    ("sector", &["type of organisation", "organisation type"]),
    ("email", &["e mail", "email address"]),
    ("consent", &["data consent"]),
];
