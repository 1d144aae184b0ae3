//! Bringing CityShare levels in from a shared spreadsheet: a CSV with the columns
//! `rater_city,rated_city,criterion,level,note` (an empty rater is the city's own
//! assessment; level 0 is "unknown"). All or nothing: one bad row and nothing is imported.

use std::collections::HashMap;

use crate::event::Score;
use crate::roster::{RowError, csv_error};
use crate::state::State;

/// The columns, in the order a template lists them.
pub const COLUMNS: [&str; 5] = ["rater_city", "rated_city", "criterion", "level", "note"];

fn column_of(name: &str) -> Option<usize> {
    let name = name.trim().to_lowercase().replace([' ', '-'], "_");
    match name.as_str() {
        "rater_city" | "rater" => Some(0),
        "rated_city" | "rated" | "city" => Some(1),
        "criterion" | "criterion_id" => Some(2),
        "level" => Some(3),
        "note" | "evidence" => Some(4),
        _ => None,
    }
}

/// Reads a scores CSV against the run: every row checked against the plan's cities,
/// criteria and scale. Either all rows are good, or every problem is returned.
pub fn read_scores_csv(bytes: &[u8], state: &State) -> Result<Vec<Score>, Vec<RowError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let positions = read_header(&mut reader)?;
    let mut errors = Vec::new();
    let mut scores = Vec::new();
    let mut seen: HashMap<(Option<String>, String, String), u64> = HashMap::new();
    for record in reader.byte_records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(csv_error(&err));
                continue;
            }
        };
        let row = record.position().map_or(0, csv::Position::line);
        match read_row(&positions, &record, row).and_then(|score| check(state, &score, row)) {
            Ok(score) => {
                let key = (
                    score.rater.clone(),
                    score.city.clone(),
                    score.criterion.clone(),
                );
                if let Some(first) = seen.insert(key, row) {
                    errors.push(at(
                        row,
                        2,
                        format!("the same rater, city and criterion as row {first}"),
                    ));
                }
                scores.push(score);
            }
            Err(row_errors) => errors.extend(row_errors),
        }
    }
    if errors.is_empty() && scores.is_empty() {
        errors.push(RowError {
            row: None,
            column: None,
            message: "the file has a header but no rows".to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

fn at(row: u64, column: usize, message: String) -> RowError {
    RowError {
        row: Some(row),
        column: Some(COLUMNS[column].to_owned()),
        message,
    }
}

/// Which column each header field is, or what is wrong with the header.
fn read_header(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<usize>, Vec<RowError>> {
    let header = reader
        .byte_headers()
        .map_err(|e| vec![csv_error(&e)])?
        .clone();
    if let Some(refusal) = crate::roster::other_delimiter(&header) {
        return Err(vec![refusal]);
    }
    let mut errors = Vec::new();
    let mut positions = Vec::new();
    for raw in &header {
        let name = String::from_utf8_lossy(raw).into_owned();
        match column_of(&name) {
            Some(i) => positions.push(i),
            None => errors.push(RowError {
                row: Some(1),
                column: Some(name.trim().to_owned()),
                message: format!("unknown column; the columns are {}", COLUMNS.join(", ")),
            }),
        }
    }
    for required in [1, 2, 3] {
        if !positions.contains(&required) {
            errors.push(at(
                1,
                required,
                "this column is missing from the header".to_owned(),
            ));
        }
    }
    if errors.is_empty() {
        Ok(positions)
    } else {
        Err(errors)
    }
}

/// One record as a score, not yet checked against the plan.
fn read_row(
    positions: &[usize],
    record: &csv::ByteRecord,
    row: u64,
) -> Result<Score, Vec<RowError>> {
    let mut fields: [String; 5] = Default::default();
    let mut errors = Vec::new();
    for (position, raw) in positions.iter().zip(record.iter()) {
        match std::str::from_utf8(raw) {
            Ok(text) => text.trim().clone_into(&mut fields[*position]),
            Err(_) => errors.push(at(
                row,
                *position,
                "not valid UTF-8 text (save the file as CSV UTF-8)".to_owned(),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Ok(level) = fields[3].parse::<u8>() else {
        return Err(vec![at(
            row,
            3,
            format!("`{}` is not a level number", fields[3]),
        )]);
    };
    let [rater, city, criterion, _, note] = fields;
    Ok(Score {
        rater: Some(rater).filter(|r| !r.is_empty()),
        city,
        criterion,
        level,
        note: Some(note).filter(|n| !n.is_empty()),
    })
}

/// The score checked against the plan, with the refusal put in the column it is about.
fn check(state: &State, score: &Score, row: u64) -> Result<Score, Vec<RowError>> {
    state.check_score(score).map_err(|refusal| {
        let names_rater = score
            .rater
            .as_deref()
            .is_some_and(|r| refusal.0.contains(&format!("`{r}`")));
        let column = if refusal.0.starts_with("level") {
            3
        } else if refusal.0.starts_with("no criterion") {
            2
        } else {
            // Column 0 is the rater, 1 the rated city.
            usize::from(!names_rater)
        };
        vec![at(row, column, refusal.0)]
    })
}
