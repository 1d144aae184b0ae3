//! A results table as the exports share it: named columns and rows of cells, written as a
//! CSV file, a Markdown table, an HTML table or part of the JSON export.

use serde::Serialize;

use crate::safe_text::spreadsheet_cell;

/// One value in a results table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A figure shown to two decimals (means, gaps).
    Num(f64),
}

impl Cell {
    /// Text, or empty when `text` is.
    pub fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// A count.
    pub fn count(n: usize) -> Self {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// A figure, or empty when there is none.
    pub fn figure(value: Option<f64>) -> Self {
        value.map_or(Cell::Empty, Cell::Num)
    }

    /// "yes" or "no".
    pub fn yes_no(yes: bool) -> Self {
        Cell::Text(if yes { "yes" } else { "no" }.to_owned())
    }

    /// The cell as people read it.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => format!("{x:.2}"),
        }
    }

    /// The cell for a spreadsheet: see [`spreadsheet_cell`].
    fn for_spreadsheet(&self) -> String {
        match self {
            Cell::Text(text) => spreadsheet_cell(text).into_owned(),
            other => other.shown(),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Empty => serializer.serialize_none(),
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Int(n) => serializer.serialize_i64(*n),
            Cell::Num(x) => serializer.serialize_f64((x * 100.0).round() / 100.0),
        }
    }
}

/// A named table of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The file stem and JSON key: `attendance`, `peer-ratings`, ...
    pub name: &'static str,
    /// A heading for reports.
    pub title: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: &'static str, title: &'static str, columns: &[&str]) -> Self {
        Self {
            name,
            title,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// The table as a CSV file: UTF-8 with a byte-order mark, so that spreadsheet programs
    /// read every script correctly, and CRLF line ends, as RFC 4180 has them.
    pub fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut bytes = Vec::new();
        self.write_csv(&mut bytes)?;
        Ok(bytes)
    }

    /// [`Table::to_csv`], written to `out`.
    pub fn write_csv(&self, mut out: impl std::io::Write) -> Result<(), csv::Error> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::for_spreadsheet))?;
        }
        writer.flush()?;
        Ok(())
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        let mut table = Table::new("t", "T", &["Name", "Note"]);
        table.rows.push(vec![
            Cell::text("Nguyễn, Thị Lan"),
            Cell::text("=1+1 \"quoted\""),
        ]);
        table.rows.push(vec![Cell::Num(2.0 / 3.0), Cell::Empty]);
        let bytes = table.to_csv().unwrap_or_default();
        assert_eq!(
            String::from_utf8(bytes).unwrap_or_default(),
            "\u{feff}Name,Note\r\n\"Nguyễn, Thị Lan\",\"'=1+1 \"\"quoted\"\"\"\r\n0.67,\r\n"
        );
    }

    #[test]
    fn figures_keep_two_decimals_in_json() {
        let cells = vec![Cell::Num(10.0 / 3.0), Cell::Empty, Cell::Int(4)];
        assert_eq!(
            serde_json::to_string(&cells).unwrap_or_default(),
            "[3.33,null,4]"
        );
    }
}
