//! A sheet's header row: which column holds what, whatever the order and case of the
//! headings, with the other words people use for them ("Speaker" for the presenter,
//! "Duration (min)" for the minutes).

use std::collections::HashMap;

use crate::sheet::{Row, Sheet};

/// A heading as compared: lower case, words only ("Duration (min)" is "duration min").
pub fn key(heading: &str) -> String {
    heading
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where each known column is in a sheet, and the row its headings are on.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header row's number, as the spreadsheet shows it.
    pub header_row: u32,
    /// The index of the header row among the sheet's rows.
    pub header_index: usize,
    at: HashMap<&'static str, usize>,
    /// Each column's heading as the sheet writes it.
    headings: HashMap<&'static str, String>,
    /// Headings no column is read from, as written.
    pub unread: Vec<String>,
}

impl Columns {
    /// Finds the header row among the first rows of `sheet`: the first with `required`'s
    /// column and at least `least` known ones. `names` gives each column's name and the
    /// headings that mean it (the name itself included).
    pub fn find(
        sheet: &Sheet,
        names: &[(&'static str, &[&str])],
        required: &str,
        least: usize,
    ) -> Option<Self> {
        sheet
            .rows
            .iter()
            .take(30)
            .enumerate()
            .find_map(|(index, row)| {
                let columns = Self::read(row, index, names);
                (columns.at.contains_key(required) && columns.at.len() >= least).then_some(columns)
            })
    }

    fn read(row: &Row, header_index: usize, names: &[(&'static str, &[&str])]) -> Self {
        let mut at = HashMap::new();
        let mut headings = HashMap::new();
        let mut unread = Vec::new();
        for (column, cell) in row.cells.iter().enumerate() {
            let heading = cell.text();
            if heading.is_empty() {
                continue;
            }
            let k = key(&heading);
            match names
                .iter()
                .find(|(name, synonyms)| *name == k || synonyms.contains(&k.as_str()))
            {
                Some((name, _)) if !at.contains_key(name) => {
                    at.insert(*name, column);
                    headings.insert(*name, heading);
                }
                _ => unread.push(heading),
            }
        }
        Self {
            header_row: row.number,
            header_index,
            at,
            headings,
            unread,
        }
    }

    /// Column `name`'s heading as the sheet writes it ("Time" for the start), for messages.
    pub fn heading<'a>(&'a self, name: &'a str) -> &'a str {
        self.headings.get(name).map_or(name, String::as_str)
    }

    /// The column index of `name`, if the sheet has it.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.at.get(name).copied()
    }

    /// Whether the sheet has column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.at.contains_key(name)
    }

    /// The rows under the header.
    pub fn body<'a>(&self, sheet: &'a Sheet) -> &'a [Row] {
        sheet.rows.get(self.header_index + 1..).unwrap_or_default()
    }
}

/// The agenda's columns and the other headings that mean them.
pub const AGENDA: &[(&str, &[&str])] = &[
    ("day", &["day no", "day number", "day nr", "day num"]),
    ("date", &["day date"]),
    (
        "start",
        &[
            "start time",
            "time",
            "from",
            "begins",
            "begin",
            "starts",
            "time start",
        ],
    ),
    (
        "end",
        &["end time", "to", "until", "ends", "finish", "time end"],
    ),
    (
        "minutes",
        &[
            "duration",
            "mins",
            "min",
            "length",
            "duration min",
            "duration mins",
            "duration minutes",
            "length min",
            "time min",
        ],
    ),
    (
        "title",
        &[
            "session",
            "item",
            "topic",
            "activity",
            "session title",
            "programme",
            "program",
            "agenda item",
            "subject",
        ],
    ),
    ("kind", &["type", "format", "session type", "item type"]),
    ("module", &["module id", "module title", "theme", "block"]),
    (
        "presenter",
        &[
            "speaker",
            "speakers",
            "presenters",
            "facilitator",
            "resource person",
            "lecturer",
            "moderator",
        ],
    ),
    (
        "organisation",
        &[
            "organization",
            "org",
            "affiliation",
            "institution",
            "agency",
        ],
    ),
    ("fixed", &["fixed time"]),
    (
        "attendance",
        &["head count", "headcount", "take attendance"],
    ),
    ("notes", &["note", "remarks", "comments", "comment"]),
    ("objectives", &["objective", "learning objectives"]),
    ("exercise", &["exercise id"]),
    ("id", &["item id"]),
];

/// The days sheet's columns.
pub const DAYS: &[(&str, &[&str])] = &[
    ("day", &["day no", "day number"]),
    ("date", &[]),
    ("start", &["start time", "from"]),
    ("end", &["end time", "to", "until"]),
    ("title", &["theme"]),
    ("location", &["place", "where"]),
];

/// The modules sheet's columns.
pub const MODULES: &[(&str, &[&str])] = &[
    ("id", &["module id"]),
    ("title", &["module", "module title"]),
    ("description", &[]),
    ("objectives", &["objective"]),
];

/// The exercises sheet's columns.
pub const EXERCISES: &[(&str, &[&str])] = &[
    ("id", &["exercise id"]),
    ("title", &["exercise"]),
    ("description", &[]),
    ("own groups", &[]),
];

/// The rubric sheet's columns: one criterion a row.
pub const RUBRIC: &[(&str, &[&str])] = &[
    ("exercise", &["exercise id"]),
    ("id", &["criterion id"]),
    ("title", &["criterion"]),
    ("max points", &["points", "maximum", "max"]),
    ("description", &[]),
];

/// The reference checklist sheet's columns.
pub const CHECKLIST: &[(&str, &[&str])] = &[
    ("exercise", &["exercise id"]),
    ("id", &["item id"]),
    ("text", &["item", "indicator"]),
];

/// The assessment criteria sheet's columns.
pub const CRITERIA: &[(&str, &[&str])] = &[
    ("id", &["criterion id"]),
    ("title", &["criterion"]),
    ("description", &[]),
    ("indicators", &["indicator"]),
];

/// The assessment scale sheet's columns (level 0 is "unknown").
pub const SCALE: &[(&str, &[&str])] = &[
    ("value", &["level"]),
    ("label", &[]),
    ("descriptor", &["description"]),
];

/// The groups sheet's columns.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("id", &["group id"]),
    ("name", &["group"]),
    ("members", &["participants"]),
];

/// The workshop sheet's two columns: what, and its value.
pub const WORKSHOP: &[(&str, &[&str])] = &[("field", &["what"]), ("value", &[])];
