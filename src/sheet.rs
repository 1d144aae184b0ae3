//! Tables from the spreadsheets people keep: `.xlsx` and `.ods` workbooks (read with
//! calamine) and `.csv` files (with or without a byte-order mark), as rows of cells that
//! remember their row number, so every problem can name `FILE:SHEET:ROW`.

// A spreadsheet's numbers are floats: each is range-checked before it is cast.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::plan::ClockTime;

mod cell;

pub use cell::clock_range;

/// The most bytes a spreadsheet may have: far above any agenda or roster.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One cell, as the spreadsheet keeps it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date, a time or both, as a spreadsheet's serial number of days (time is the fraction).
    Serial(f64),
}

/// One row of a sheet: its number as the spreadsheet shows it (from 1) and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// One sheet: its name and its rows, empty ones left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

/// A workbook's sheets in order (a CSV file is one sheet named after the file).
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// The file as the user named it, for messages.
    pub file: String,
    pub sheets: Vec<Sheet>,
}

impl Book {
    /// The sheet called `name` (any case), if the workbook has one.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
    }

    /// Where a problem is: `FILE:SHEET:ROW`.
    pub fn at(&self, sheet: &Sheet, row: u32) -> String {
        format!("{}:{}:{row}", self.file, sheet.name)
    }
}

/// Reads a workbook or a CSV file, whichever `path` is (by its name's ending, else by its
/// content); every failure says which file and why.
pub fn read_book(path: &Path) -> Result<Book, String> {
    let file = path.display().to_string();
    let bytes = crate::input::read_regular(path, MAX_BYTES)
        .map_err(|e| format!("{file}: cannot read: {e}"))?;
    book_of(path, bytes)
}

/// The workbook or CSV file `bytes`, read as [`read_book`] reads the file at `path`.
pub fn book_of(path: &Path, bytes: Vec<u8>) -> Result<Book, String> {
    let file = path.display().to_string();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let sheets = match extension.as_deref() {
        Some("csv" | "txt") => vec![csv_sheet(&file, path, &bytes)?],
        _ => workbook_sheets(&file, bytes)?,
    };
    Ok(Book { file, sheets })
}

fn csv_sheet(file: &str, path: &Path, bytes: &[u8]) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{file}: not UTF-8 text (byte {}): save it as \"CSV UTF-8\"",
            e.valid_up_to() + 1
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{file}: {e}"))?;
        let number = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cells: Vec<Cell> = record
            .iter()
            .map(|text| {
                if text.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(text.to_owned())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(Row { number, cells });
        }
    }
    // A spreadsheet program names a CSV file's one sheet after the file.
    let name = path
        .file_stem()
        .map_or_else(|| "csv".to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(Sheet { name, rows })
}

/// The most a workbook may unpack to: an agenda or a roster is a few hundred kilobytes, and
/// a file that claims more (a "zip bomb") is refused before it is unpacked.
const MOST_UNPACKED: u64 = 256 * 1024 * 1024;

/// Refuses a workbook (a zip archive: .xlsx, .ods) whose parts claim more than
/// [`MOST_UNPACKED`] bytes in all.
fn not_too_large_unpacked(file: &str, bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a zip after all: calamine says what it is not.
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let size = archive.by_index_raw(index).map_or(0, |part| part.size());
        total = total.saturating_add(size);
        if total > MOST_UNPACKED {
            return Err(format!(
                "{file}: unpacks to more than {} MB: not a workbook of an agenda or a roster",
                MOST_UNPACKED / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

fn workbook_sheets(file: &str, bytes: Vec<u8>) -> Result<Vec<Sheet>, String> {
    not_too_large_unpacked(file, &bytes)?;
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("{file}: not a workbook that can be read (.xlsx, .ods, .csv): {e}"))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| format!("{file}:{name}: cannot read the sheet: {e}"))?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .zip(first_row..)
            .filter_map(|(cells, row)| {
                let mut cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, first_column as usize)
                    .chain(cells.iter().map(cell_of))
                    .collect();
                while cells.last().is_some_and(Cell::is_empty) {
                    cells.pop();
                }
                (!cells.is_empty()).then_some(Row {
                    number: row + 1,
                    cells,
                })
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(text) if text.trim().is_empty() => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(serial) => Cell::Serial(serial.as_f64()),
        // An .ods keeps dates as "2020-03-31" and times as "PT09H30M00S".
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            cell::iso_serial(text).map_or_else(|| Cell::Text(text.clone()), Cell::Serial)
        }
    }
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a person reads it: text as it is (trimmed), numbers without a needless
    /// ".0", dates as 2020-03-31, times as 09:30.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(n) => cell::number_text(*n),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
            Cell::Serial(serial) => cell::serial_text(*serial),
        }
    }

    /// The date the cell holds: a spreadsheet date, or text such as 2020-03-31, 31/03/2020,
    /// "31 March 2020" or "Tuesday 31 March 2020".
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Cell::Serial(serial) if *serial >= 1.0 => cell::serial_date(*serial),
            Cell::Text(text) => cell::date_in(text),
            _ => None,
        }
    }

    /// The time of day the cell holds: a spreadsheet time, or text such as 09:30, 9.30,
    /// 9:30 am or 14h00.
    pub fn clock(&self) -> Result<ClockTime, String> {
        match self {
            Cell::Serial(serial) => cell::serial_clock(*serial)
                .ok_or_else(|| format!("`{}` is not a time of day", self.text())),
            Cell::Number(n) if (0.0..1.0).contains(n) => cell::serial_clock(*n)
                .ok_or_else(|| format!("`{}` is not a time of day", self.text())),
            other => cell::clock_in(&other.text()),
        }
    }

    /// A whole number the cell holds: a number, or text such as "45", "45 min", "1h30".
    pub fn whole(&self) -> Option<u32> {
        match self {
            Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX) => {
                Some(*n as u32)
            }
            Cell::Text(text) => cell::minutes_in(text),
            _ => None,
        }
    }

    /// Yes or no: yes, y, true, x, ✓, 1 (any case); no, n, false, 0 or empty.
    pub fn yes(&self) -> Result<bool, String> {
        match self {
            Cell::Empty => Ok(false),
            Cell::Bool(b) => Ok(*b),
            Cell::Number(n) => Ok(*n != 0.0),
            other => match other.text().to_lowercase().as_str() {
                "yes" | "y" | "true" | "x" | "✓" | "✔" | "1" | "fixed" => Ok(true),
                "no" | "n" | "false" | "0" | "-" => Ok(false),
                text => Err(format!("`{text}` is not yes or no")),
            },
        }
    }
}
