//! The attendance view: the roster as a table with one column per day, the selected day's
//! totals, and where everyone stands for a certificate.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::event::Mark;
use crate::plan::Participant;
use crate::search::{matches, search_key};
use crate::state::{Certificate, CertificateCounts, State};
use crate::text::{counted, fit, truncate};
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Ui};
use crate::tui::views::RowWriter;

/// What the attendance view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceView {
    /// Row of the selected participant among those the filter shows.
    pub person: usize,
    /// The day (index) the view marks.
    pub day: usize,
    /// The filter as typed.
    pub filter: String,
}

mod actions;

pub use actions::command_for;

impl AttendanceView {
    /// The participants the filter shows, in roster order.
    pub fn visible<'a>(&self, state: &'a State) -> Vec<&'a Participant> {
        let query = search_key(self.filter.trim());
        state
            .participants()
            .iter()
            .filter(|p| matches(p, &query))
            .collect()
    }

    /// The id of the selected participant among those the filter shows.
    pub fn selected_person(&self, state: &State) -> Option<String> {
        self.visible(state).get(self.person).map(|p| p.id.clone())
    }
}

/// A mark as one letter, so that colour is never the only signal.
pub fn mark_letter(mark: Option<&Mark>) -> (&'static str, Style) {
    match mark {
        Some(Mark::Present) => ("P", THEME.present),
        Some(Mark::Late { .. }) => ("L", THEME.late),
        Some(Mark::LeftEarly { .. }) => ("E", THEME.left_early),
        Some(Mark::Excused { .. }) => ("X", THEME.excused),
        Some(Mark::Absent) => ("A", THEME.absent),
        None => ("·", THEME.item_done),
    }
}

fn certificate_word(state: &State, p: &Participant) -> (&'static str, Style) {
    match state.certificate(&p.id) {
        Certificate::Eligible => ("eligible", THEME.present),
        Certificate::NotYet => ("not yet", THEME.footer_text),
        Certificate::NotEligible => ("no", THEME.absent),
    }
}

/// Column widths for a table `total` columns wide: name, organisation, city, country,
/// sector (0 when left out), and how many day columns fit.
struct Columns {
    name: usize,
    organisation: usize,
    city: usize,
    country: usize,
    sector: usize,
    first_day: usize,
    days: usize,
}

const DAY_W: usize = 3;
const CERT_W: usize = 9;
const FLAG_W: usize = 3;

fn columns(total: usize, day_count: usize, selected_day: usize) -> Columns {
    let fixed = FLAG_W + CERT_W;
    let days = day_count
        .min(total.saturating_sub(fixed + 16) / DAY_W)
        .max(1)
        .min(day_count.max(1));
    let first_day = selected_day
        .saturating_sub(days - 1)
        .min(day_count.saturating_sub(days));
    let left = total.saturating_sub(fixed + days * DAY_W);
    let (mut name, mut organisation, mut city, mut country, mut sector) = (left, 0, 0, 0, 0);
    // Each wider layout starts where its organisation column gets at least ten cells.
    if left >= 72 {
        name = 24;
        city = 14;
        country = 12;
        sector = 12;
        organisation = left - name - city - country - sector;
    } else if left >= 53 {
        name = 20;
        city = 12;
        country = 11;
        organisation = left - name - city - country;
    } else if left >= 30 {
        name = 18;
        city = left - name;
    }
    Columns {
        name,
        organisation,
        city,
        country,
        sector,
        first_day,
        days,
    }
}

fn cell(text: &str, w: usize) -> String {
    if w == 0 {
        String::new()
    } else {
        fit(text, w.saturating_sub(1)) + " "
    }
}

/// Where the table's rows start, and how many fit, inside the view `area`.
fn rows_area(area: Rect) -> Rect {
    let top = 3.min(area.height);
    Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top + 1),
        ..area
    }
}

fn first_row(selected: usize, height: usize, count: usize) -> usize {
    selected
        .saturating_sub(height / 2)
        .min(count.saturating_sub(height))
}

/// The row (index among the visible people) at screen row `row` inside the view `area`.
pub fn person_at(area: Rect, state: &State, ui: &Ui, row: u16) -> Option<usize> {
    let rows = rows_area(area);
    if row < rows.y || row >= rows.y + rows.height {
        return None;
    }
    let count = ui.attendance.visible(state).len();
    let at = first_row(ui.attendance.person, usize::from(rows.height), count)
        + usize::from(row - rows.y);
    (at < count).then_some(at)
}

/// Draws the attendance view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let w = usize::from(area.width);
    let people = ui.attendance.visible(state);
    let day_count = state.plan().days.len();
    let day = ui.attendance.day.min(day_count.saturating_sub(1));
    let cols = columns(w, day_count, day);
    let mut lines = Vec::new();

    lines.extend(heading(state, ui, day, people.len(), w));
    let mut header = " ".repeat(FLAG_W);
    header.push_str(&cell("NAME", cols.name));
    header.push_str(&cell("ORGANISATION", cols.organisation));
    header.push_str(&cell("CITY", cols.city));
    header.push_str(&cell("COUNTRY", cols.country));
    header.push_str(&cell("SECTOR", cols.sector));
    let mut spans = vec![Span::styled(header, THEME.label)];
    for d in cols.first_day..cols.first_day + cols.days {
        let style = if d == day {
            THEME.tab_active
        } else {
            THEME.label
        };
        spans.push(Span::styled(format!("{:<3}", d + 1), style));
    }
    spans.push(Span::styled(" CERT", THEME.label));
    lines.push(Line::from(spans));

    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    if people.is_empty() {
        lines.push(Line::styled(
            "  No one matches the filter.",
            THEME.item_done,
        ));
    }
    super::put_lines(frame, body, &lines);

    let rows = rows_area(area);
    let height = usize::from(rows.height);
    let first = first_row(ui.attendance.person, height, people.len());
    // A hand-written fast path, not ratatui's `Table`: this frame is redrawn at every mark,
    // and with a `String` and a `Span` per cell (200 people, 14 day columns) it took 0.56-0.60
    // ms, 2.5x sled's own durable write, against 0.14-0.24 ms written cell by cell (the
    // scale benchmark at 100,000 events, `render-attendance`; README, Speed).
    let buf = frame.buffer_mut();
    for ((index, p), y) in people
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .zip(rows.top()..)
    {
        let mut row = RowWriter::new(buf, rows.x, y, rows.width);
        person_row(
            &mut row,
            state,
            p,
            &cols,
            day,
            index == ui.attendance.person,
        );
    }

    let bottom = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    super::put_lines(frame, bottom, &[certificate_line(state, w)]);
}

/// The selected day's totals and the filter line.
fn heading(state: &State, ui: &Ui, day: usize, shown: usize, w: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let totals = state.day_totals(day);
    let date = state
        .plan()
        .days
        .get(day)
        .map_or(String::new(), |d| d.date.format("%a %-d %b").to_string());
    let summary = format!(
        " Day {} · {date}: {} present · {} late · {} left early · {} excused · {} absent · {} unmarked",
        day + 1,
        totals.present,
        totals.late,
        totals.left_early,
        totals.excused,
        totals.absent,
        totals.unmarked
    );
    lines.push(Line::styled(truncate(&summary, w), THEME.label));
    let filter = match (&ui.mode, ui.attendance.filter.is_empty()) {
        (Mode::Filter, _) => {
            let mut spans = vec![Span::styled(" / ", THEME.label)];
            spans.extend(super::fields::typed_spans(
                &ui.attendance.filter,
                ui.cursor,
                w.saturating_sub(3),
            ));
            Line::from(spans)
        }
        (_, false) => Line::styled(
            truncate(
                &format!(
                    " / {} · {} of {} shown · Esc clears",
                    ui.attendance.filter,
                    shown,
                    state.participants().len()
                ),
                w,
            ),
            THEME.footer_text,
        ),
        (_, true) => Line::styled(
            truncate(
                &format!(
                    " {} · / finds anyone",
                    counted(state.participants().len(), "participant", "participants")
                ),
                w,
            ),
            THEME.footer_text,
        ),
    };
    lines.push(filter);

    lines
}

/// How many are eligible for a certificate, not yet, or not eligible, and the rule.
fn certificate_line(state: &State, w: usize) -> Line<'static> {
    let day_count = state.plan().days.len();
    let CertificateCounts {
        eligible,
        not_yet,
        not_eligible: no,
    } = state.certificate_counts();
    let rule = &state.plan().certificate;
    let text = format!(
        " Certificates: {eligible} eligible · {not_yet} not yet · {no} not eligible ({}% of {} = {})",
        rule.min_attendance_percent,
        counted(day_count, "day", "days"),
        counted(state.days_required(), "day", "days")
    );
    Line::styled(truncate(&text, w), THEME.footer_text)
}

/// One participant's row of the table: the flags, the columns that fit, a mark letter for
/// each day shown, and where they stand for a certificate.
fn person_row(
    row: &mut RowWriter,
    state: &State,
    p: &Participant,
    cols: &Columns,
    day: usize,
    selected: bool,
) {
    let withdrawn = state.is_withdrawn(&p.id);
    let status = match (withdrawn, p.consent) {
        (true, _) => "W",
        (false, false) => "⊘",
        (false, true) => " ",
    };
    let checked = match state.current().filter(|i| i.attendance) {
        Some(item) if state.attended_item(&item.id, &p.id) => "✓",
        _ => " ",
    };
    let base = if withdrawn {
        THEME.item_skipped
    } else {
        THEME.item
    };
    let base = if selected {
        base.patch(THEME.selected)
    } else {
        base
    };
    row.text(status, base).text(checked, base).text(" ", base);
    for (text, w) in [
        (p.name.as_str(), cols.name),
        (&p.organisation, cols.organisation),
        (&p.city, cols.city),
        (&p.country, cols.country),
        (p.sector.as_str(), cols.sector),
    ] {
        if w > 0 {
            row.fitted(text, w - 1, base).spaces(1, base);
        }
    }
    let marks = state.day_marks(&p.id);
    for (d, mark) in marks.enumerate().skip(cols.first_day).take(cols.days) {
        let (letter, style) = mark_letter(mark);
        let style = if selected && d == day {
            style.patch(THEME.selected)
        } else {
            style
        };
        // Every letter is one column: two spaces pad it to the column, as `{:<3}` would.
        row.text(letter, style).spaces(2, style);
    }
    let (word, style) = certificate_word(state, p);
    row.text(" ", style).text(word, style);
}
