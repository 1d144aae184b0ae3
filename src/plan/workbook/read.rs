//! A plan from a workbook: the agenda sheet (one row an item), and where the workbook has
//! them (as `plan export` writes one), the Workshop, Days, Modules, Exercises, Rubric,
//! Checklist, Criteria, Scale, Roster and Groups sheets. Every problem is collected as
//! `FILE:SHEET:ROW: column: what is wrong`; nothing is built while there is one.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use super::columns::{self, Columns};
use super::{BookPlan, Given};
use crate::plan::{
    AssessmentFramework, CertificateRule, ChecklistItem, ClockTime, Criterion, Day, Exercise,
    Group, Item, ItemKind, Level, Module, Plan, RubricCriterion, Scale, UnknownLevel,
};
use crate::sheet::{Book, Cell, Row, Sheet};

/// What is wrong, each as `FILE:SHEET:ROW: column: what`, with its sheet and row to put
/// them in order.
#[derive(Debug, Default)]
struct Problems(Vec<((String, u32), String)>);

impl Problems {
    fn at(&mut self, book: &Book, sheet: &Sheet, row: u32, column: &str, what: impl AsRef<str>) {
        let text = format!("{}: {column}: {}", book.at(sheet, row), what.as_ref());
        self.0.push(((sheet.name.clone(), row), text));
    }

    /// A problem with a sheet as a whole.
    fn sheet(&mut self, book: &Book, sheet: &Sheet, what: &str) {
        let text = format!("{}:{}: {what}", book.file, sheet.name);
        self.0.push(((sheet.name.clone(), 0), text));
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sheet by sheet and row by row.
    fn in_order(mut self) -> Vec<String> {
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
        self.0.into_iter().map(|(_, text)| text).collect()
    }
}

/// One row's cells, read by column name.
struct Cells<'a> {
    row: &'a Row,
    columns: &'a Columns,
}

impl<'a> Cells<'a> {
    fn of(row: &'a Row, columns: &'a Columns) -> Self {
        Self { row, columns }
    }

    fn cell(&self, name: &str) -> &Cell {
        self.columns
            .get(name)
            .and_then(|i| self.row.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn text(&self, name: &str) -> String {
        self.cell(name).text()
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|t| !t.is_empty())
    }

    /// A cell of several lines (objectives, indicators, organisers): one entry a line.
    fn lines(&self, name: &str) -> Vec<String> {
        lines(&self.text(name))
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Which day a row is on, as the sheet says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum DayKey {
    Date(NaiveDate),
    Number(u32),
}

/// An agenda row read, before the days are known.
struct AgendaRow {
    number: u32,
    day: Option<DayKey>,
    item: Item,
    /// The end time the row gives, where it gives one and no minutes.
    end: Option<ClockTime>,
    module: Option<String>,
}

/// Builds the plan the workbook describes, with `given` over what it says.
pub fn plan_from_book(book: &Book, given: &Given) -> Result<BookPlan, Vec<String>> {
    let mut problems = Problems::default();
    let mut warnings = Vec::new();
    let sheet = agenda_sheet(book, given.sheet.as_deref())?;
    let Some(columns) = Columns::find(sheet, columns::AGENDA, "title", 2) else {
        return Err(vec![format!(
            "{}:{}: no header row: the agenda needs a row of headings with a title column \
             (title, session or topic) and another (date, day, start, minutes ...)",
            book.file, sheet.name
        )]);
    };
    for heading in &columns.unread {
        warnings.push(format!(
            "{}:{}:{}: the column `{heading}` is not read",
            book.file, sheet.name, columns.header_row
        ));
    }
    let modules_sheet = book.sheet("Modules");
    let mut modules = match modules_sheet {
        Some(s) => read_modules(book, s, &mut problems),
        None => Vec::new(),
    };
    let rows = agenda_rows(book, sheet, &columns, &mut problems);
    let day_sheet = book
        .sheet("Days")
        .map(|s| read_days(book, s, &mut problems));
    let workshop = book
        .sheet("Workshop")
        .map(|s| read_workshop(book, s, &mut problems));
    let dates = day_dates(
        book,
        sheet,
        columns.heading("day"),
        &rows,
        day_sheet.as_deref(),
        given,
        &mut problems,
    );
    let (mut days, item_rows) = place_items(
        &Placing {
            book,
            sheet,
            columns: &columns,
            day_sheet: day_sheet.as_deref(),
            modules_sheet: modules_sheet.is_some(),
        },
        rows,
        &dates,
        &mut modules,
        &mut problems,
    );
    if day_sheet.is_none() {
        for day in &mut days {
            day_hours(day);
        }
    }
    if problems.is_empty() && days.is_empty() {
        problems.sheet(book, sheet, "no agenda items under the headings");
    }
    let exercises = read_exercises(book, &mut problems);
    let framework = read_framework(book, workshop.as_ref(), &mut problems);
    let groups = book
        .sheet("Groups")
        .map(|s| read_groups(book, s, &mut problems))
        .unwrap_or_default();
    if !problems.is_empty() {
        return Err(problems.in_order());
    }
    let first = days.first().map(|d| d.date);
    let details = Details::read(
        book,
        heading_above(sheet, &columns),
        given,
        workshop.as_ref(),
        first,
        &mut warnings,
    );
    let plan = Plan {
        id: details.id,
        title: details.title,
        subtitle: details.subtitle,
        organisers: details.organisers,
        partners: details.partners,
        venue: details.venue,
        time_zone: details.time_zone,
        objectives: details.objectives,
        learning_objectives: details.learning_objectives,
        notes: details.notes,
        modules,
        days,
        exercises,
        framework,
        roster: Vec::new(),
        groups,
        certificate: details.certificate,
    };
    Ok(BookPlan {
        plan,
        warnings,
        item_rows,
    })
}

/// What a plan says of itself: from the command line, else the Workshop sheet, else the
/// line above the agenda's headings (the title), else defaults said in a warning.
struct Details {
    id: String,
    title: String,
    subtitle: Option<String>,
    organisers: Vec<String>,
    partners: Vec<String>,
    venue: String,
    time_zone: String,
    objectives: Vec<String>,
    learning_objectives: Vec<String>,
    notes: Vec<String>,
    certificate: CertificateRule,
}

impl Details {
    fn read(
        book: &Book,
        above: Option<String>,
        given: &Given,
        workshop: Option<&HashMap<String, String>>,
        first: Option<NaiveDate>,
        warnings: &mut Vec<String>,
    ) -> Self {
        let field = |name: &str| workshop.and_then(|w| w.get(name)).cloned();
        let field_lines = |name: &str| field(name).map(|t| lines(&t)).unwrap_or_default();
        let title = given
            .title
            .clone()
            .or_else(|| field("title"))
            .or(above)
            .unwrap_or_else(|| stem_words(&book.file));
        let mut missing = Vec::new();
        let mut or_missing = |value: Option<String>, what: &'static str, default: String| {
            value.unwrap_or_else(|| {
                missing.push(what);
                default
            })
        };
        let venue = or_missing(
            given.venue.clone().or_else(|| field("venue")),
            "venue",
            "to be set".to_owned(),
        );
        let time_zone = or_missing(
            given.time_zone.clone().or_else(|| field("time zone")),
            "time zone",
            local_offset(),
        );
        let organisers = if given.organisers.is_empty() {
            Some(field_lines("organisers")).filter(|o| !o.is_empty())
        } else {
            Some(given.organisers.clone())
        };
        let organisers = organisers.unwrap_or_else(|| {
            missing.push("organisers");
            vec!["to be set".to_owned()]
        });
        if !missing.is_empty() {
            warnings.push(format!(
                "{}: the workbook does not say the {}: set in the plan file (written as shown there), or give them with --venue, --organiser, --time-zone",
                book.file,
                missing.join(", ")
            ));
        }
        let id = given
            .id
            .clone()
            .or_else(|| field("id"))
            .unwrap_or_else(|| plan_id(&title, first));
        let certificate = read_certificate(workshop);
        Self {
            id,
            title,
            subtitle: field("subtitle"),
            organisers,
            partners: field_lines("partners"),
            venue,
            time_zone,
            objectives: field_lines("objectives"),
            learning_objectives: field_lines("learning objectives"),
            notes: field_lines("notes"),
            certificate,
        }
    }
}

/// The columns of a sheet whose headings name `required` and `least` known columns in
/// all (`names`, `required`, `least`); a sheet without them is a problem that says what
/// its headings need.
fn headed(
    book: &Book,
    sheet: &Sheet,
    (names, required, least): (&[(&'static str, &[&str])], &str, usize),
    needs: &str,
    problems: &mut Problems,
) -> Option<Columns> {
    let columns = Columns::find(sheet, names, required, least);
    if columns.is_none() {
        problems.sheet(book, sheet, &format!("no header row with {needs}"));
    }
    columns
}

/// Where agenda rows are placed from, and what else the workbook has.
struct Placing<'a> {
    book: &'a Book,
    sheet: &'a Sheet,
    columns: &'a Columns,
    day_sheet: Option<&'a [Day]>,
    modules_sheet: bool,
}

/// The agenda rows placed on their days, with ids for those without and modules found or
/// made; and where each item came from.
fn place_items(
    at: &Placing,
    rows: Vec<AgendaRow>,
    dates: &HashMap<DayKey, NaiveDate>,
    modules: &mut Vec<Module>,
    problems: &mut Problems,
) -> (Vec<Day>, HashMap<(usize, usize), String>) {
    let mut days: Vec<Day> = Vec::new();
    let mut item_rows = HashMap::new();
    let mut taken: HashMap<String, u32> = HashMap::new();
    for mut row in rows {
        let Some(date) = row.day.and_then(|key| dates.get(&key).copied()) else {
            continue;
        };
        if let Some(module) = row.module.take() {
            row.item.module = Some(
                module_id(modules, &module, at.modules_sheet).unwrap_or_else(|| {
                    problems.at(
                        at.book,
                        at.sheet,
                        row.number,
                        at.columns.heading("module"),
                        format!("`{module}` is not on the Modules sheet"),
                    );
                    module.clone()
                }),
            );
        }
        let index = match days.iter().position(|d| d.date == date) {
            Some(index) => index,
            None => {
                let plain = at
                    .day_sheet
                    .and_then(|d| d.iter().find(|d| d.date == date).cloned());
                days.push(plain.unwrap_or(Day {
                    date,
                    start: ClockTime::default(),
                    end: ClockTime::default(),
                    title: None,
                    location: None,
                    items: Vec::new(),
                }));
                days.len() - 1
            }
        };
        if row.item.id.is_empty() {
            row.item.id = new_id(index + 1, &row.item.title, &taken);
        } else if let Some(first) = taken.get(&row.item.id) {
            problems.at(
                at.book,
                at.sheet,
                row.number,
                at.columns.heading("id"),
                format!("`{}` is the id of row {first} too", row.item.id),
            );
        }
        taken.insert(row.item.id.clone(), row.number);
        if row.item.duration.is_none()
            && let (Some(start), Some(end)) = (row.item.start, row.end)
        {
            row.item.duration = Some(end.minutes().saturating_sub(start.minutes()));
        }
        item_rows.insert(
            (index, days[index].items.len()),
            at.book.at(at.sheet, row.number),
        );
        days[index].items.push(row.item);
    }
    // Days in date order, however the sheet has them, each item's row moved with its day.
    let mut order: Vec<usize> = (0..days.len()).collect();
    order.sort_by_key(|&i| days[i].date);
    let item_rows = item_rows
        .into_iter()
        .filter_map(|((day, index), row)| {
            let now = order.iter().position(|&i| i == day)?;
            Some(((now, index), row))
        })
        .collect();
    let mut days: Vec<Option<Day>> = days.into_iter().map(Some).collect();
    let days = order.iter().filter_map(|&i| days[i].take()).collect();
    (days, item_rows)
}

/// The agenda sheet: the one named, else one called Agenda, else the first.
fn agenda_sheet<'a>(book: &'a Book, named: Option<&str>) -> Result<&'a Sheet, Vec<String>> {
    match named {
        Some(name) => book.sheet(name).ok_or_else(|| {
            let sheets: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            vec![format!(
                "{}: no sheet is called `{name}`; it has {}",
                book.file,
                sheets.join(", ")
            )]
        }),
        None => book
            .sheet("Agenda")
            .or_else(|| book.sheets.first())
            .ok_or_else(|| vec![format!("{}: the workbook has no sheets", book.file)]),
    }
}

fn agenda_rows(
    book: &Book,
    sheet: &Sheet,
    columns: &Columns,
    problems: &mut Problems,
) -> Vec<AgendaRow> {
    let mut rows = Vec::new();
    // An agenda with no day or date column is one day's, day 1.
    let dated = columns.has("day") || columns.has("date");
    let mut day: Option<DayKey> = (!dated).then_some(DayKey::Number(1));
    // A day that could not be read is said once, not again for each row under it.
    let mut day_said = false;
    for row in columns.body(sheet) {
        let cells = Cells { row, columns };
        if let Some(key) = day_key(&cells) {
            match key {
                Ok(key) => {
                    day = Some(key);
                    day_said = false;
                }
                Err((column, why)) => {
                    problems.at(book, sheet, row.number, &column, why);
                    day = None;
                    day_said = true;
                }
            }
        }
        let title = cells.text("title");
        if title.is_empty() {
            // A row that only names its day (a merged day heading) sets the day.
            let only_day = row.cells.iter().enumerate().all(|(i, c)| {
                c.is_empty()
                    || [columns.get("day"), columns.get("date")].contains(&Some(i))
                    || i == 0
            });
            if !only_day {
                problems.at(
                    book,
                    sheet,
                    row.number,
                    columns.heading("title"),
                    "an item needs a title",
                );
            } else if let Some(first) = row.cells.first().filter(|c| !c.is_empty())
                && columns.get("day") != Some(0)
                && columns.get("date") != Some(0)
            {
                match day_in_text(first) {
                    Some(key) => day = Some(key),
                    None => problems.at(
                        book,
                        sheet,
                        row.number,
                        columns.heading("title"),
                        "an item needs a title",
                    ),
                }
            }
            continue;
        }
        if day.is_none() && !day_said {
            let column = columns.heading(if columns.has("date") { "date" } else { "day" });
            problems.at(
                book,
                sheet,
                row.number,
                column,
                "which day is this on? give its date or day number",
            );
            day_said = true;
        }
        rows.push(agenda_row(book, sheet, &cells, day, problems));
    }
    rows
}

/// The day a row names in its day or date column, if it names one; a problem comes with
/// the column's heading.
fn day_key(cells: &Cells) -> Option<Result<DayKey, (String, String)>> {
    let date = cells.cell("date");
    if !date.is_empty() {
        return Some(date.date().map(DayKey::Date).ok_or_else(|| {
            (
                cells.columns.heading("date").to_owned(),
                format!("`{}` is not a date: write it as 2027-03-30", date.text()),
            )
        }));
    }
    let day = cells.cell("day");
    if day.is_empty() {
        return None;
    }
    Some(day_in_text(day).ok_or_else(|| {
        (
            cells.columns.heading("day").to_owned(),
            format!("`{}` is neither a day number nor a date", day.text()),
        )
    }))
}

/// "3", "Day 3" or a date.
fn day_in_text(cell: &Cell) -> Option<DayKey> {
    if let Some(date) = cell.date() {
        return Some(DayKey::Date(date));
    }
    if let Some(n) = cell.whole().filter(|n| *n >= 1) {
        return Some(DayKey::Number(n));
    }
    let text = cell.text().to_lowercase();
    let rest = text.strip_prefix("day")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n >= 1).map(DayKey::Number)
}

fn agenda_row(
    book: &Book,
    sheet: &Sheet,
    cells: &Cells,
    day: Option<DayKey>,
    problems: &mut Problems,
) -> AgendaRow {
    let number = cells.row.number;
    let title = cells.text("title");
    let mut end = None;
    let start = match cells.cell("start") {
        Cell::Empty => None,
        cell => match cell {
            Cell::Text(text) => match crate::sheet::clock_range(text) {
                Ok((start, range_end)) => {
                    end = range_end;
                    Some(start)
                }
                Err(why) => {
                    problems.at(book, sheet, number, cells.columns.heading("start"), why);
                    None
                }
            },
            cell => cell
                .clock()
                .map_err(|why| {
                    problems.at(book, sheet, number, cells.columns.heading("start"), why);
                })
                .ok(),
        },
    };
    match cells.cell("end") {
        Cell::Empty => {}
        cell => match cell.clock() {
            Ok(clock) => end = Some(clock),
            Err(why) => problems.at(book, sheet, number, cells.columns.heading("end"), why),
        },
    }
    let duration = match cells.cell("minutes") {
        Cell::Empty => None,
        cell => match cell.whole() {
            Some(minutes) => Some(minutes),
            None => {
                problems.at(
                    book,
                    sheet,
                    number,
                    cells.columns.heading("minutes"),
                    format!("`{}` is not a number of minutes", cell.text()),
                );
                None
            }
        },
    };
    if let (Some(start), Some(end)) = (start, end)
        && end <= start
    {
        let column = if cells.cell("end").is_empty() {
            "start"
        } else {
            "end"
        };
        problems.at(
            book,
            sheet,
            number,
            cells.columns.heading(column),
            format!("{end} is not after the start, {start}"),
        );
    }
    let kind = match cells.optional("kind") {
        None => kind_of(&title),
        Some(text) => text.parse::<ItemKind>().unwrap_or_else(|why| {
            problems.at(book, sheet, number, cells.columns.heading("kind"), why);
            ItemKind::Lecture
        }),
    };
    let mut yes = |name: &str| {
        cells
            .cell(name)
            .yes()
            .map_err(|why| problems.at(book, sheet, number, cells.columns.heading(name), why))
            .unwrap_or(false)
    };
    let fixed = yes("fixed");
    let attendance = yes("attendance");
    AgendaRow {
        number,
        day,
        end,
        module: cells.optional("module"),
        item: Item {
            id: cells.text("id"),
            kind,
            title,
            module: None,
            start,
            duration,
            fixed,
            presenter: cells.optional("presenter"),
            organisation: cells.optional("organisation"),
            objectives: cells.lines("objectives"),
            notes: cells.optional("notes"),
            exercise: cells.optional("exercise"),
            attendance,
        },
    }
}

/// An item's kind from its title, where the sheet gives none: "Lunch" is a break,
/// "Exercise: ..." an exercise, "Opening ceremony" a ceremony, and so on; else a lecture.
fn kind_of(title: &str) -> ItemKind {
    let t = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["lunch", "coffee", "break", "dinner", "tea "]) {
        ItemKind::Break
    } else if has(&["exercise", "group work", "simulation", "role play"]) {
        ItemKind::Exercise
    } else if has(&[
        "opening",
        "closing",
        "registration",
        "certificate",
        "welcome",
        "ceremony",
    ]) {
        ItemKind::Ceremony
    } else if has(&["study visit", "field visit", "site visit"]) {
        ItemKind::StudyVisit
    } else if has(&["action plan"]) {
        ItemKind::ActionPlan
    } else if has(&["case stud", "country presentation", "country report"]) {
        ItemKind::CaseStudy
    } else if has(&[
        "discussion",
        "wrap-up",
        "wrap up",
        "recap",
        "debrief",
        "q&a",
        "panel",
        "evaluation",
        "introductions",
    ]) {
        ItemKind::Discussion
    } else {
        ItemKind::Lecture
    }
}

/// The date of each day key: dates as they are; day numbers from the Days sheet, or counted
/// from `--start`.
fn day_dates(
    book: &Book,
    sheet: &Sheet,
    day_heading: &str,
    rows: &[AgendaRow],
    days: Option<&[Day]>,
    given: &Given,
    problems: &mut Problems,
) -> HashMap<DayKey, NaiveDate> {
    let mut dates = HashMap::new();
    let mut asked = false;
    for row in rows {
        let Some(key) = row.day else { continue };
        if dates.contains_key(&key) {
            continue;
        }
        let date = match key {
            DayKey::Date(date) => Some(date),
            DayKey::Number(n) => {
                let from_sheet = days.and_then(|d| d.get(n as usize - 1)).map(|d| d.date);
                from_sheet.or_else(|| {
                    given
                        .start
                        .and_then(|start| start.checked_add_days(Days::new(u64::from(n) - 1)))
                })
            }
        };
        match date {
            Some(date) => {
                dates.insert(key, date);
            }
            None if asked => {}
            None => {
                // Said once: the same is true of every numbered day.
                asked = true;
                problems.at(
                    book,
                    sheet,
                    row.number,
                    day_heading,
                    "the agenda numbers its days: give the first day's date with --start YYYY-MM-DD (or a Date column)",
                );
            }
        }
    }
    dates
}

/// A day's hours from its items: from the first item's start (09:00 if it has none) to
/// when the last one ends.
fn day_hours(day: &mut Day) {
    let first = day
        .items
        .first()
        .and_then(|i| i.start)
        .map_or(9 * 60, ClockTime::minutes);
    let mut cursor = first;
    for item in &day.items {
        let start = item.start.map_or(cursor, ClockTime::minutes);
        cursor = start + item.duration.unwrap_or(0);
    }
    day.start = ClockTime::from_minutes(first).unwrap_or_default();
    day.end = ClockTime::from_minutes(cursor.max(first + 1).min(24 * 60 - 1)).unwrap_or_default();
}

/// The module with this id or title; without a Modules sheet, a new one for a title not met.
fn module_id(modules: &mut Vec<Module>, named: &str, sheet: bool) -> Option<String> {
    if let Some(module) = modules
        .iter()
        .find(|m| m.id == named || m.title.eq_ignore_ascii_case(named))
    {
        return Some(module.id.clone());
    }
    if sheet {
        return None;
    }
    // "Module 3: Protection" is m3; other titles are numbered in order.
    let numbered = named
        .to_lowercase()
        .strip_prefix("module")
        .map(|rest| {
            rest.trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|d| !d.is_empty())
        .map(|d| format!("m{d}"));
    let id = numbered
        .filter(|id| modules.iter().all(|m| &m.id != id))
        .unwrap_or_else(|| {
            (1..=modules.len() + 1)
                .map(|n| format!("m{n}"))
                .find(|id| modules.iter().all(|m| &m.id != id))
                .unwrap_or_default()
        });
    modules.push(Module {
        id: id.clone(),
        title: named.to_owned(),
        description: None,
        objectives: Vec::new(),
    });
    Some(id)
}

/// Words an id leaves out: "Opening ceremony and group photo" is `d1-opening-ceremony-group`.
const SMALL_WORDS: [&str; 12] = [
    "a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "at", "s",
];

/// An id for an item the sheet gives none: `d2-recap-of-day`.
fn new_id(day: usize, title: &str, taken: &HashMap<String, u32>) -> String {
    let ascii = any_ascii::any_ascii(title).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(w))
        .take(3)
        .collect();
    let base = if words.is_empty() {
        format!("d{day}-item")
    } else {
        format!("d{day}-{}", words.join("-"))
    };
    if !taken.contains_key(&base) {
        return base;
    }
    (2..=taken.len() + 2)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains_key(id))
        .unwrap_or(base)
}

/// The plan's id from its title and first year: `enhancing-a-victim-centred-2027`.
fn plan_id(title: &str, first: Option<NaiveDate>) -> String {
    let ascii = any_ascii::any_ascii(title).to_lowercase();
    let mut words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(w))
        .take(4)
        .collect();
    let year = first.map(|d| d.format("%Y").to_string());
    if let Some(year) = &year
        && !words.contains(&year.as_str())
    {
        words.push(year);
    }
    let id = words.join("-");
    if id.is_empty() {
        "workshop".to_owned()
    } else {
        id
    }
}

/// The text above the header row, if any: planners put the workshop's title there.
fn heading_above(sheet: &Sheet, columns: &Columns) -> Option<String> {
    sheet.rows[..columns.header_index]
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(Cell::text)
        .find(|t| !t.is_empty())
}

/// "cifal-2027_agenda.xlsx" as "cifal 2027 agenda".
fn stem_words(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    stem.replace(['-', '_'], " ")
}

/// This machine's offset from UTC now ("+09:00"): where the workshop is prepared, which
/// is most often where it is held.
fn local_offset() -> String {
    chrono::Local::now().format("%:z").to_string()
}

fn read_days(book: &Book, sheet: &Sheet, problems: &mut Problems) -> Vec<Day> {
    let Some(columns) = headed(
        book,
        sheet,
        (columns::DAYS, "date", 3),
        "date, start and end",
        problems,
    ) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    for row in columns.body(sheet) {
        let cells = Cells::of(row, &columns);
        let mut clock = |name: &str| {
            cells
                .cell(name)
                .clock()
                .map_err(|why| problems.at(book, sheet, row.number, name, why))
                .unwrap_or_default()
        };
        let (start, end) = (clock("start"), clock("end"));
        let Some(date) = cells.cell("date").date() else {
            problems.at(
                book,
                sheet,
                row.number,
                "date",
                format!("`{}` is not a date", cells.text("date")),
            );
            continue;
        };
        days.push(Day {
            date,
            start,
            end,
            title: cells.optional("title"),
            location: cells.optional("location"),
            items: Vec::new(),
        });
    }
    days
}

fn read_modules(book: &Book, sheet: &Sheet, problems: &mut Problems) -> Vec<Module> {
    let Some(columns) = headed(
        book,
        sheet,
        (columns::MODULES, "title", 2),
        "id and title",
        problems,
    ) else {
        return Vec::new();
    };
    columns
        .body(sheet)
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = Cells::of(row, &columns);
            Module {
                id: cells
                    .optional("id")
                    .unwrap_or_else(|| format!("m{}", i + 1)),
                title: cells.text("title"),
                description: cells.optional("description"),
                objectives: cells.lines("objectives"),
            }
        })
        .collect()
}

/// The Workshop sheet's fields, by their heading's key ("time zone").
fn read_workshop(book: &Book, sheet: &Sheet, problems: &mut Problems) -> HashMap<String, String> {
    let Some(columns) = headed(
        book,
        sheet,
        (columns::WORKSHOP, "field", 2),
        "field and value",
        problems,
    ) else {
        return HashMap::new();
    };
    columns
        .body(sheet)
        .iter()
        .filter_map(|row| {
            let cells = Cells::of(row, &columns);
            let value = cells.cell("value");
            // Text as it is, lines kept: organisers, objectives and notes are one a line.
            let text = match value {
                Cell::Text(text) => text.clone(),
                other => other.text(),
            };
            Some((columns::key(&cells.text("field")), text)).filter(|(_, v)| !v.trim().is_empty())
        })
        .collect()
}

fn read_certificate(workshop: Option<&HashMap<String, String>>) -> CertificateRule {
    let mut rule = CertificateRule::default();
    if let Some(fields) = workshop {
        if let Some(percent) = fields
            .get("certificate minimum attendance percent")
            .and_then(|p| p.trim().trim_end_matches('%').parse().ok())
        {
            rule.min_attendance_percent = percent;
        }
        if let Some(late) = fields.get("late counts as present") {
            rule.late_counts_as_present = Cell::Text(late.clone()).yes().unwrap_or(true);
        }
    }
    rule
}

fn read_exercises(book: &Book, problems: &mut Problems) -> Vec<Exercise> {
    let Some(sheet) = book.sheet("Exercises") else {
        return Vec::new();
    };
    let Some(columns) = headed(
        book,
        sheet,
        (columns::EXERCISES, "title", 2),
        "id and title",
        problems,
    ) else {
        return Vec::new();
    };
    let mut exercises: Vec<Exercise> = columns
        .body(sheet)
        .iter()
        .map(|row| {
            let cells = Cells::of(row, &columns);
            Exercise {
                id: cells.text("id"),
                title: cells.text("title"),
                description: cells.optional("description"),
                rubric: Vec::new(),
                checklist: Vec::new(),
                own_groups: cells
                    .cell("own groups")
                    .yes()
                    .map_err(|why| problems.at(book, sheet, row.number, "own groups", why))
                    .unwrap_or(false),
            }
        })
        .collect();
    let placed = rubric_and_checklist(book, &exercises, problems);
    for (at, criterion, item) in placed {
        exercises[at].rubric.extend(criterion);
        exercises[at].checklist.extend(item);
    }
    exercises
}

/// The Rubric and Checklist sheets' lines, each with the index of its exercise.
fn rubric_and_checklist(
    book: &Book,
    exercises: &[Exercise],
    problems: &mut Problems,
) -> Vec<(usize, Option<RubricCriterion>, Option<ChecklistItem>)> {
    let find = |problems: &mut Problems, sheet: &Sheet, row: u32, id: &str| {
        let found = exercises.iter().position(|e| e.id == id);
        if found.is_none() {
            problems.at(
                book,
                sheet,
                row,
                "exercise",
                format!("`{id}` is not on the Exercises sheet"),
            );
        }
        found
    };
    let mut placed: Vec<(usize, Option<RubricCriterion>, Option<ChecklistItem>)> = Vec::new();
    if let Some(sheet) = book.sheet("Rubric")
        && let Some(columns) = headed(
            book,
            sheet,
            (columns::RUBRIC, "title", 3),
            "exercise, title and max points",
            problems,
        )
    {
        for row in columns.body(sheet) {
            let cells = Cells::of(row, &columns);
            let Some(at) = find(problems, sheet, row.number, &cells.text("exercise")) else {
                continue;
            };
            let Some(max_points) = cells.cell("max points").whole() else {
                problems.at(
                    book,
                    sheet,
                    row.number,
                    "max points",
                    format!("`{}` is not a number of points", cells.text("max points")),
                );
                continue;
            };
            placed.push((
                at,
                Some(RubricCriterion {
                    id: cells.text("id"),
                    title: cells.text("title"),
                    max_points,
                    description: cells.optional("description"),
                }),
                None,
            ));
        }
    }
    if let Some(sheet) = book.sheet("Checklist")
        && let Some(columns) = headed(
            book,
            sheet,
            (columns::CHECKLIST, "text", 2),
            "exercise and text",
            problems,
        )
    {
        for row in columns.body(sheet) {
            let cells = Cells::of(row, &columns);
            let Some(at) = find(problems, sheet, row.number, &cells.text("exercise")) else {
                continue;
            };
            placed.push((
                at,
                None,
                Some(ChecklistItem {
                    id: cells.text("id"),
                    text: cells.text("text"),
                }),
            ));
        }
    }
    placed
}

fn read_framework(
    book: &Book,
    workshop: Option<&HashMap<String, String>>,
    problems: &mut Problems,
) -> Option<AssessmentFramework> {
    let criteria_sheet = book.sheet("Criteria")?;
    let columns = headed(
        book,
        criteria_sheet,
        (columns::CRITERIA, "title", 2),
        "id and title",
        problems,
    )?;
    let criteria = columns
        .body(criteria_sheet)
        .iter()
        .map(|row| {
            let cells = Cells::of(row, &columns);
            Criterion {
                id: cells.text("id"),
                title: cells.text("title"),
                description: cells.text("description"),
                indicators: cells.lines("indicators"),
            }
        })
        .collect();
    let mut levels = Vec::new();
    let mut unknown = UnknownLevel {
        label: "Unknown".to_owned(),
        descriptor: "Not known or not applicable".to_owned(),
    };
    if let Some(sheet) = book.sheet("Scale")
        && let Some(columns) = headed(
            book,
            sheet,
            (columns::SCALE, "value", 2),
            "value, label and descriptor",
            problems,
        )
    {
        for row in columns.body(sheet) {
            let cells = Cells::of(row, &columns);
            let Some(value) = cells
                .cell("value")
                .whole()
                .and_then(|v| u8::try_from(v).ok())
            else {
                problems.at(
                    book,
                    sheet,
                    row.number,
                    "value",
                    format!("`{}` is not a level (0 to 9)", cells.text("value")),
                );
                continue;
            };
            let (label, descriptor) = (cells.text("label"), cells.text("descriptor"));
            if value == 0 {
                unknown = UnknownLevel { label, descriptor };
            } else {
                levels.push(Level {
                    value,
                    label,
                    descriptor,
                });
            }
        }
    }
    let field = |name: &str| workshop.and_then(|w| w.get(name)).cloned();
    Some(AssessmentFramework {
        title: field("framework title").unwrap_or_else(|| "Assessment framework".to_owned()),
        source: field("framework source"),
        criteria,
        scale: Scale { levels, unknown },
    })
}

fn read_groups(book: &Book, sheet: &Sheet, problems: &mut Problems) -> Vec<Group> {
    let Some(columns) = headed(
        book,
        sheet,
        (columns::GROUPS, "members", 2),
        "name and members",
        problems,
    ) else {
        return Vec::new();
    };
    columns
        .body(sheet)
        .iter()
        .map(|row| {
            let cells = Cells::of(row, &columns);
            Group {
                id: cells.text("id"),
                name: cells.text("name"),
                members: cells
                    .text("members")
                    .split([',', '\n', ';'])
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_owned)
                    .collect(),
            }
        })
        .collect()
}
