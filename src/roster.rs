//! Bringing participants in from a spreadsheet: a CSV with the header
//! `name,organisation,country,city,sector,email` (email optional; `id` and `consent` columns
//! are also understood). All or nothing: one bad row and nothing is added.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::plan::{Participant, Sector, participant_problems};
use crate::safe_text::spreadsheet_cell;
use crate::state::{State, person_key};

/// The columns a roster CSV may have, in the order `roster list --csv` writes them.
pub const COLUMNS: [&str; 8] = [
    "id",
    "name",
    "organisation",
    "country",
    "city",
    "sector",
    "email",
    "consent",
];
const REQUIRED: [&str; 5] = ["name", "organisation", "country", "city", "sector"];

/// One thing wrong with the CSV. `row` is the line in the file (the header is row 1); `None`
/// for problems with the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    /// Displays as `FILE:ROW: column: message`.
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        struct Shown<'a>(&'a RowError, &'a str);
        impl fmt::Display for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.1)?;
                if let Some(row) = self.0.row {
                    write!(f, ":{row}")?;
                }
                if let Some(column) = &self.0.column {
                    write!(f, ": {column}")?;
                }
                write!(f, ": {}", self.0.message)
            }
        }
        Shown(self, file)
    }
}

/// A row that is already on the roster (or earlier in the same file) and was not added again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub row: u64,
    pub name: String,
    /// The id of the participant it matches.
    pub existing: String,
}

/// What an import will do: the new participants, with their ids, and the rows skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Import {
    pub added: Vec<Participant>,
    pub duplicates: Vec<Duplicate>,
}

/// Reads a roster CSV against the run's current roster. Either every row is fine and the
/// import is returned, or every problem found is.
pub fn read_roster_csv(bytes: &[u8], state: &State) -> Result<Import, Vec<RowError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = read_header(&mut reader)?;
    let mut errors = Vec::new();
    let mut import = Import::default();
    // Looked up once per row: an import is linear in its rows and the roster.
    let mut people: HashMap<(String, String, String), String> = state
        .participants()
        .iter()
        .map(|p| (person_key(&p.name, &p.organisation, &p.city), p.id.clone()))
        .collect();
    let holders: HashMap<&str, &str> = state
        .participants()
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let mut ids_in_file: HashSet<String> = HashSet::new();
    let mut highest = state.next_participant_number() - 1;
    // A city or country typed another way than the roster's (or an earlier row's) is
    // that one: one delegation.
    let mut spellings = state.spellings();
    for record in reader.byte_records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(csv_error(&err));
                continue;
            }
        };
        let row = record.position().map_or(0, csv::Position::line);
        let (mut participant, row_errors) = read_row(&header, &record, row);
        errors.extend(row_errors);
        spellings.settle(&mut participant);
        let key = person_key(
            &participant.name,
            &participant.organisation,
            &participant.city,
        );
        if let Some(existing) = people.get(&key).cloned() {
            import.duplicates.push(Duplicate {
                row,
                name: participant.name,
                existing,
            });
            continue;
        }
        let id_problem = if participant.id.is_empty() {
            participant.id = format!("p{:02}", highest.saturating_add(1));
            None
        } else if participant.id.chars().any(char::is_whitespace) {
            Some(format!(
                "`{}` has spaces; an id is one word",
                participant.id
            ))
        } else if let Some(holder) = holders.get(participant.id.as_str()) {
            Some(format!("`{}` already belongs to {holder}", participant.id))
        } else if ids_in_file.contains(&participant.id) {
            Some(format!("`{}` is used twice in this file", participant.id))
        } else {
            None
        };
        if let Some(message) = id_problem {
            errors.push(RowError {
                row: Some(row),
                column: Some("id".to_owned()),
                message,
            });
        }
        if let Some(number) = crate::state::participant_number(&participant.id) {
            highest = highest.max(number);
        }
        ids_in_file.insert(participant.id.clone());
        people.insert(key, participant.id.clone());
        import.added.push(participant);
    }
    if errors.is_empty() {
        Ok(import)
    } else {
        Err(errors)
    }
}

/// One record as a participant (id possibly empty), with what is wrong in its fields.
fn read_row(header: &[&str], record: &csv::ByteRecord, row: u64) -> (Participant, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut error = |column: &str, message: String| {
        errors.push(RowError {
            row: Some(row),
            column: Some(column.to_owned()),
            message,
        });
    };
    let mut fields: HashMap<&str, String> = HashMap::new();
    for (column, raw) in header.iter().zip(record.iter()) {
        match std::str::from_utf8(raw) {
            Ok(text) => {
                fields.insert(column, text.trim().to_owned());
            }
            Err(_) => error(
                column,
                "not valid UTF-8 text (save the file as CSV UTF-8)".to_owned(),
            ),
        }
    }
    let take = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let sector = take("sector").parse::<Sector>().unwrap_or_else(|message| {
        error("sector", message);
        Sector::Other
    });
    let consent = match take("consent").to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" => true,
        "no" | "n" | "false" | "0" => false,
        other => {
            error("consent", format!("`{other}` is not yes or no"));
            true
        }
    };
    let participant = Participant {
        id: take("id"),
        name: take("name"),
        organisation: take("organisation"),
        country: take("country"),
        city: take("city"),
        sector,
        email: Some(take("email")).filter(|e| !e.is_empty()),
        consent,
    };
    for problem in participant_problems(&participant) {
        error(problem.field, problem.message);
    }
    (participant, errors)
}

fn read_header(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<&'static str>, Vec<RowError>> {
    let header_error = |column: Option<String>, message: String| RowError {
        row: Some(1),
        column,
        message,
    };
    let raw = reader
        .byte_headers()
        .map_err(|e| vec![csv_error(&e)])?
        .clone();
    if raw.is_empty() || raw.iter().all(<[u8]>::is_empty) {
        return Err(vec![RowError {
            row: None,
            column: None,
            message: format!(
                "the file is empty: the first row must be the header {}",
                COLUMNS[1..7].join(",")
            ),
        }]);
    }
    if let Some(refusal) = other_delimiter(&raw) {
        return Err(vec![refusal]);
    }
    let mut errors = Vec::new();
    let mut header = Vec::new();
    for raw in &raw {
        let name = String::from_utf8_lossy(raw)
            .trim()
            .to_lowercase()
            .replace("organization", "organisation");
        match COLUMNS.iter().find(|c| **c == name) {
            Some(column) if header.contains(column) => errors.push(header_error(
                Some(name),
                "this column appears twice".to_owned(),
            )),
            Some(column) => header.push(*column),
            None => errors.push(header_error(
                Some(name.clone()),
                format!(
                    "unknown column `{name}`; the columns are {}",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in REQUIRED {
        if !header.contains(&required) {
            errors.push(header_error(
                Some(required.to_owned()),
                "this column is missing from the header".to_owned(),
            ));
        }
    }
    if errors.is_empty() {
        Ok(header)
    } else {
        Err(errors)
    }
}

/// A header that is one field holding `;`, tab or `|`: the file was saved with another
/// delimiter (spreadsheets in many locales use `;`). One clear error instead of a list.
pub(crate) fn other_delimiter(header: &csv::ByteRecord) -> Option<RowError> {
    let [only] = header.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let shown = [(b';', "`;`"), (b'\t', "tabs"), (b'|', "`|`")]
        .into_iter()
        .find(|(byte, _)| only.contains(byte))
        .map(|(_, shown)| shown)?;
    Some(RowError {
        row: Some(1),
        column: None,
        message: format!(
            "the columns are separated by {shown}, not commas: save the file as CSV with commas \
             (in a spreadsheet: Save as, \"CSV UTF-8\")"
        ),
    })
}

/// A csv crate error as a row error.
pub(crate) fn csv_error(err: &csv::Error) -> RowError {
    let row = err.position().map(csv::Position::line);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!(
                "this row has {len} fields but the header has {expected_len} (a missing or extra comma?)"
            )
        }
        _ => err.to_string(),
    };
    RowError {
        row,
        column: None,
        message,
    }
}

/// Writes participants as a roster CSV, the same columns an import reads.
pub fn write_roster_csv(participants: &[Participant]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for p in participants {
        writer.write_record(
            [
                p.id.as_str(),
                &p.name,
                &p.organisation,
                &p.country,
                &p.city,
                p.sector.as_str(),
                p.email.as_deref().unwrap_or(""),
                if p.consent { "yes" } else { "no" },
            ]
            .map(|cell| spreadsheet_cell(cell).into_owned()),
        )?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
