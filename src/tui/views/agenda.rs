//! The agenda view: "Now" and "Next" with the running clock and the day's drift, then the
//! whole programme as an outline of days, modules and items.

use std::fmt::Write as _;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::format::{self, clock, hm};
use crate::state::{DayProjection, ItemStatus, State};
use crate::text::{fit, truncate, width};
use crate::tui::keymap::Action;
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Moving, Ui, View};

/// What the agenda view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaView {
    /// Position of the selected item in agenda order.
    pub selected: usize,
}

mod actions;

pub use actions::{command_for, selection_for};

/// One line of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Day(usize),
    Module(usize, usize),
    /// An item, by its position in agenda order.
    Item(usize),
    /// Where the item being moved would go.
    Target,
}

/// The outline's lines: each day, a module line where the module changes, and the items;
/// while an item is moved, a line where it would go.
pub fn rows(state: &State, moving: Option<&Moving>) -> Vec<Row> {
    let mut rows = planned_rows(state);
    if let Some(moving) = moving {
        let at = target_row(state, &rows, moving);
        rows.insert(at, Row::Target);
    }
    rows
}

/// Where the line for a moved item's new place goes among `rows`: before the item it would
/// come before, or after its day's last line.
fn target_row(state: &State, rows: &[Row], moving: &Moving) -> usize {
    let order: Vec<_> = state.agenda_order().collect();
    let mut seen = 0;
    let mut after_day = None;
    for (i, row) in rows.iter().enumerate() {
        let day = match *row {
            Row::Day(d) | Row::Module(d, _) => d,
            Row::Item(p) => order[p].0.day,
            Row::Target => continue,
        };
        if day < moving.day {
            continue;
        }
        if day > moving.day {
            return after_day.unwrap_or(i);
        }
        after_day = Some(i + 1);
        if let Row::Item(p) = *row
            && order[p].1.id != moving.item
        {
            if seen == moving.index {
                // Before the module line that heads this item, if there is one.
                return if i > 0 && matches!(rows[i - 1], Row::Module(..)) {
                    i - 1
                } else {
                    i
                };
            }
            seen += 1;
        }
    }
    after_day.unwrap_or(rows.len())
}

fn planned_rows(state: &State) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut day = None;
    let mut module: Option<&str> = None;
    for (position, (at, item)) in state.agenda_order().enumerate() {
        if day != Some(at.day) {
            rows.push(Row::Day(at.day));
            day = Some(at.day);
            module = None;
        }
        // Items outside any module (breaks, ceremonies) do not end the module around them.
        if let Some(id) = item.module.as_deref()
            && module != Some(id)
        {
            module = Some(id);
            if let Some(index) = state.plan().modules.iter().position(|m| m.id == id) {
                rows.push(Row::Module(at.day, index));
            }
        }
        rows.push(Row::Item(position));
    }
    rows
}

/// How a running item's clock should look: fine, nearly over, or over.
pub fn clock_style(elapsed: TimeDelta, planned_minutes: u32) -> Style {
    let planned = TimeDelta::minutes(i64::from(planned_minutes));
    let left = planned - elapsed;
    if left < TimeDelta::zero() {
        THEME.item_over
    } else if left
        <= TimeDelta::minutes(5)
            .min(planned / 5)
            .max(TimeDelta::minutes(2))
    {
        THEME.item_near_end
    } else {
        THEME.item_running
    }
}

/// "12 min 03 s of 40 min · 28 min left", or how far over: elapsed and planned each with
/// their units ("1:10 / 1:10:00" read as time's up at 1 minute 10 of 70).
pub fn running_clock(elapsed: TimeDelta, planned_minutes: u32) -> String {
    let planned = TimeDelta::minutes(i64::from(planned_minutes));
    let left = planned - elapsed;
    let tail = if left < TimeDelta::zero() {
        format!("{} min over", format::minutes_up(-left))
    } else {
        format!("{} min left", format::minutes_up(left))
    };
    format!(
        "{} of {planned_minutes} min · {tail}",
        format::length(elapsed)
    )
}

/// Splits the view into the Now/Next panel and the outline; shared by drawing and clicks.
fn split(area: Rect, projection: Option<&DayProjection>) -> (Rect, Rect) {
    let warning = projection.is_some_and(|o| o.clash.is_some());
    let panel = (if warning { 4 } else { 3 }).min(area.height);
    let top = Rect {
        height: panel,
        ..area
    };
    let list = Rect {
        y: area.y + panel,
        height: area.height - panel,
        ..area
    };
    (top, list)
}

/// Draws the agenda view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    // Worked out once a frame, for the panel's drift, warning and NEXT and the outline.
    let projection = state.projection(ui.now);
    let (top, list) = split(area, projection.as_ref());
    now_and_next(frame, top, state, ui, projection.as_ref());
    outline(frame, list, state, ui, projection.as_ref());
}

fn now_and_next(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    ui: &Ui,
    projection: Option<&DayProjection>,
) {
    let w = usize::from(area.width);
    let mut lines = Vec::new();
    let now_line = match state.current() {
        Some(item) => {
            let elapsed = state.elapsed(&item.id, ui.now);
            let planned = state.planned_minutes(&item.id);
            let paused = state.is_paused();
            let right = if paused {
                format!("PAUSED at {}", running_clock(elapsed, planned))
            } else {
                running_clock(elapsed, planned)
            };
            let style = if paused {
                THEME.warning
            } else {
                clock_style(elapsed, planned)
            };
            two_sided(
                vec![Span::styled(" NOW  ", THEME.label)],
                &item.title,
                Span::styled(right, style),
                w,
            )
        }
        None => {
            let next_key = ui.keys.key_for(View::Agenda, &Mode::Normal, Action::Next);
            let hint = state
                .next_item()
                .map_or("the workshop is over".to_owned(), |_| match next_key {
                    Some(key) => format!("nothing running · {key} starts the next item"),
                    None => "nothing running".to_owned(),
                });
            Line::from(vec![
                Span::styled(" NOW  ", THEME.label),
                Span::styled(truncate(&hint, w.saturating_sub(6)), THEME.item_done),
            ])
        }
    };
    lines.push(now_line);
    let drift = projection.map(|o| {
        if !o.started {
            let starts = state
                .day_slots(o.day)
                .first()
                .map_or(0, |s| i64::from(s.start));
            return Span::styled(
                format!("day {} starts {}", o.day + 1, hm(starts)),
                THEME.footer_text,
            );
        }
        let style = if o.drift() > 0 {
            THEME.behind
        } else {
            THEME.ahead
        };
        Span::styled(
            format!(
                "day {} · ends {}",
                format::drift(o.drift()),
                hm(o.projected_end)
            ),
            style,
        )
    });
    let next_line = two_sided(
        vec![Span::styled(" NEXT ", THEME.label)],
        &state
            .next_item()
            .map_or("—".to_owned(), |item| next_words(state, projection, item)),
        drift.unwrap_or_default(),
        w,
    );
    lines.push(next_line);
    if let Some(clash) = projection.and_then(|o| o.clash.as_ref()) {
        let text = format!(
            " ⚠ At this pace \"{}\", fixed at {}, would start at {}: shorten something before it.",
            clash.title,
            hm(i64::from(clash.starts)),
            hm(clash.projected_start())
        );
        lines.push(Line::styled(truncate(&text, w), THEME.warning));
    }
    lines.push(Line::styled("─".repeat(w), THEME.item_done));
    frame.render_widget(Paragraph::new(lines), area);
}

/// When `item` would start and what it is: "14:40 (planned 11:00) Coffee break", the
/// planned start only where the projection moves it.
pub fn next_words(
    state: &State,
    projection: Option<&DayProjection>,
    item: &crate::plan::Item,
) -> String {
    let Some((at, _)) = state.find_item(&item.id) else {
        return item.title.clone();
    };
    let planned = state
        .day_slots(at.day)
        .get(at.index)
        .map_or(0, |s| i64::from(s.start));
    let projected = projection
        .filter(|p| p.day == at.day)
        .and_then(|p| p.start_of(at.index))
        .unwrap_or(planned);
    if projected == planned {
        format!("{} {}", hm(planned), item.title)
    } else {
        format!("{} (planned {}) {}", hm(projected), hm(planned), item.title)
    }
}

/// A line with `prefix`, then `title` fitted to what `right` leaves, then `right` flush right.
fn two_sided<'a>(prefix: Vec<Span<'a>>, title: &str, right: Span<'a>, w: usize) -> Line<'a> {
    let used: usize = prefix.iter().map(|s| width(&s.content)).sum();
    let right_w = width(&right.content);
    let room = w.saturating_sub(used + right_w + 2);
    let mut spans = prefix;
    if room >= 8 {
        spans.push(Span::raw(fit(title, room)));
        spans.push(Span::raw("  "));
        spans.push(right);
    } else {
        spans.push(Span::raw(truncate(title, w.saturating_sub(used))));
    }
    Line::from(spans)
}

/// The first outline row shown, so that the selection (or the place a moved item would
/// go) stays in view, a third of the way down.
fn offset(rows: &[Row], selected: usize, height: usize) -> usize {
    let at = rows
        .iter()
        .position(|r| *r == Row::Target)
        .or_else(|| rows.iter().position(|r| *r == Row::Item(selected)))
        .unwrap_or(0);
    at.saturating_sub(height / 3)
        .min(rows.len().saturating_sub(height))
}

/// The agenda position of the item at screen (`column`, `row`) inside the view `area`.
pub fn item_at(area: Rect, state: &State, ui: &Ui, column: u16, row: u16) -> Option<usize> {
    let (_, list) = split(area, state.projection(ui.now).as_ref());
    if column < list.x
        || column >= list.x + list.width
        || row < list.y
        || row >= list.y + list.height
    {
        return None;
    }
    let rows = rows(state, moving(ui));
    let first = offset(&rows, ui.agenda.selected, usize::from(list.height));
    match rows.get(first + usize::from(row - list.y)) {
        Some(Row::Item(position)) => Some(*position),
        _ => None,
    }
}

fn outline(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    ui: &Ui,
    projection: Option<&DayProjection>,
) {
    let moving = moving(ui);
    let rows = rows(state, moving);
    let height = usize::from(area.height);
    let first = offset(&rows, ui.agenda.selected, height);
    let w = usize::from(area.width);
    let order: Vec<_> = state.agenda_order().collect();
    let lines: Vec<Line> = rows
        .iter()
        .skip(first)
        .take(height)
        .map(|row| match *row {
            Row::Target => {
                let title = moving
                    .and_then(|m| state.find_item(&m.item))
                    .map_or("", |(_, i)| i.title.as_str());
                Line::styled(truncate(&format!("   ⇢ here: {title}"), w), THEME.selected)
            }
            Row::Day(d) => {
                let day = &state.days()[d];
                let mut text = format!("Day {} · {}", d + 1, day.date.format("%a %-d %b %Y"));
                if let Some(title) = &day.title {
                    text.push_str(" — ");
                    text.push_str(title);
                }
                if let Some(location) = &day.location {
                    let _ = write!(text, " ({location})");
                }
                Line::styled(truncate(&text, w), THEME.day)
            }
            Row::Module(_, m) => Line::styled(
                truncate(&format!("   {}", state.plan().modules[m].title), w),
                THEME.module,
            ),
            Row::Item(position) => {
                let (at, item) = order[position];
                let projected = projection
                    .filter(|p| p.day == at.day)
                    .and_then(|p| p.start_of(at.index));
                item_line(state, ui, (at, item, projected), position, w)
            }
        })
        .collect();
    super::put_lines(frame, area, &lines);
}

/// The item being moved and where it would go, while it is.
fn moving(ui: &Ui) -> Option<&Moving> {
    match &ui.mode {
        Mode::Moving(moving) => Some(moving),
        _ => None,
    }
}

/// An item's line; `projected` is its projected start, if it is still to come today.
fn item_line(
    state: &State,
    ui: &Ui,
    (at, item, projected): (crate::state::ItemRef, &crate::plan::Item, Option<i64>),
    position: usize,
    w: usize,
) -> Line<'static> {
    let status = state.status(&item.id);
    let (glyph, style) = match status {
        ItemStatus::Running => (
            "▶",
            clock_style(
                state.elapsed(&item.id, ui.now),
                state.planned_minutes(&item.id),
            ),
        ),
        ItemStatus::Paused => ("‖", THEME.warning),
        ItemStatus::Done => ("✓", THEME.item_done),
        ItemStatus::Skipped => ("↷", THEME.item_skipped),
        ItemStatus::PassedOver => ("✗", THEME.item_done),
        ItemStatus::Upcoming => (" ", THEME.item),
    };
    let slot = state.day_slots(at.day).get(at.index).copied();
    let start = slot.map_or(String::from("     "), |s| hm(i64::from(s.start)));
    let minutes = state.planned_minutes(&item.id);
    let fixed = if item.fixed { "◆" } else { " " };
    let notes = if state.notes(&item.id).is_empty() {
        ""
    } else {
        " ✎"
    };
    // What the room changed, in a word: the detail (Enter) says more.
    let changed = match state.change(&item.id) {
        Some(c) if c.added => " [added]",
        Some(c) if c.moved_from.is_some() => " [moved]",
        Some(_) => " [changed]",
        None => "",
    };
    let actual = match status {
        ItemStatus::Done => {
            let started = state
                .started_at(&item.id)
                .map(|t| format::local_hm(state, t))
                .unwrap_or_default();
            format!(
                "{started} {}'",
                state.elapsed(&item.id, ui.now).num_minutes()
            )
        }
        ItemStatus::Running | ItemStatus::Paused => clock(state.elapsed(&item.id, ui.now)),
        ItemStatus::Skipped => "skipped".to_owned(),
        ItemStatus::PassedOver => "not held".to_owned(),
        ItemStatus::Upcoming => projected
            .filter(|p| slot.is_none_or(|s| i64::from(s.start) != *p))
            .map(|p| format!("now ~{}", hm(p)))
            .unwrap_or_default(),
    };
    let left = format!(" {glyph} {start} {minutes:>3}'{fixed} ");
    let right_w = if w >= 60 { 12 } else { 0 };
    let title_w = w.saturating_sub(width(&left) + right_w);
    let mut text = format!(
        "{left}{}",
        fit(&format!("{}{changed}{notes}", item.title), title_w)
    );
    if right_w > 0 {
        let _ = write!(text, "{:>12}", truncate(&actual, 12));
    }
    let style = if position == ui.agenda.selected {
        style.patch(THEME.selected)
    } else {
        style
    };
    Line::styled(text, style)
}
