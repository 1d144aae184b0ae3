//! Projector mode: the room's view on the wall. Large clock, the current item and its
//! presenter, the next item, the day's progress and the facilitator's message. It never shows
//! a participant's name.

use chrono::{NaiveTime, TimeDelta};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

use super::format::{self, clock};
use super::{agenda, bigdigits};
use crate::plan::ClockTime;
use crate::state::{DayProjection, State};
use crate::text::truncate;
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Ui};

/// Draws the projector screen over the whole of `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    frame.render_widget(Block::new().style(THEME.projector), area);
    if matches!(ui.base_mode(), Mode::Projector { blank: true }) {
        return;
    }
    let time = format::local_hm(state, ui.now);
    let scale = (1..=3)
        .rev()
        .find(|s| {
            bigdigits::width(&time, *s) + 4 <= usize::from(area.width)
                && 5 * s * 3 <= usize::from(area.height)
        })
        .unwrap_or(1);
    let clock_rows = u16::try_from(5 * scale).unwrap_or(5);
    let [
        _,
        big,
        _,
        title,
        who,
        timing,
        next,
        message,
        _,
        items,
        _,
        time_bar,
        _,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(clock_rows),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(u16::from(area.height >= 24)),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let digits: Vec<Line> = bigdigits::render(&time, scale)
        .into_iter()
        .map(|row| Line::styled(row, THEME.projector_clock).centered())
        .collect();
    frame.render_widget(Paragraph::new(digits), big);

    let w = usize::from(area.width).saturating_sub(4);
    let projection = state.projection(ui.now);
    current(frame, [title, who, timing], state, ui, w);
    upcoming(frame, [next, message], state, ui, projection.as_ref(), w);
    progress(frame, [items, time_bar], projection.as_ref());
}

/// The running item: title, presenter and clock; with none running, the workshop's title.
fn current(frame: &mut Frame, [title, who, timing]: [Rect; 3], state: &State, ui: &Ui, w: usize) {
    match state.current() {
        Some(item) => {
            frame.render_widget(
                Paragraph::new(Line::styled(item.title.clone(), THEME.projector_title).centered())
                    .wrap(Wrap { trim: true }),
                title,
            );
            let presenter: Vec<&str> = [item.presenter.as_deref(), item.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !presenter.is_empty() {
                centred_line(
                    frame,
                    who,
                    &truncate(&presenter.join(" · "), w),
                    THEME.projector_dim,
                );
            }
            let elapsed = state.elapsed(&item.id, ui.now);
            let planned = state.planned_minutes(&item.id);
            let mut text = agenda::running_clock(elapsed, planned);
            if state.is_paused() {
                text = format!("paused · {text}");
            }
            let style = THEME.projector.patch(agenda::clock_style(elapsed, planned));
            centred_line(frame, timing, &truncate(&text, w), style);
        }
        None => centred_line(
            frame,
            title,
            &truncate(&state.plan().title, w),
            THEME.projector_title,
        ),
    }
}

/// The next item and the facilitator's message.
fn upcoming(
    frame: &mut Frame,
    [next, message]: [Rect; 2],
    state: &State,
    ui: &Ui,
    projection: Option<&DayProjection>,
    w: usize,
) {
    if let Some(item) = state.next_item() {
        let words = agenda::next_words(state, projection, item);
        centred_line(
            frame,
            next,
            &truncate(&format!("Next: {words}"), w),
            THEME.projector_dim,
        );
    }
    if let Some(text) = state.message() {
        let shown = match countdown(state, ui, text) {
            Some(left) => format!(" {text} · in {} ", clock(left)),
            None => format!(" {text} "),
        };
        centred_line(
            frame,
            message,
            &truncate(&shown, w),
            THEME.projector_message,
        );
    }
}

/// The day's two bars: items covered and time used.
fn progress(frame: &mut Frame, [items, time_bar]: [Rect; 2], projection: Option<&DayProjection>) {
    if let Some(projection) = projection {
        let items_ratio = share(
            i64::try_from(projection.items_covered).unwrap_or(0),
            i64::try_from(projection.items_total).unwrap_or(0),
        );
        let time_ratio = share(projection.minutes_used, projection.minutes_planned);
        let bar = |r: Rect| Rect {
            x: r.x + 2,
            width: r.width.saturating_sub(4),
            ..r
        };
        frame.render_widget(
            Gauge::default()
                .ratio(items_ratio)
                .gauge_style(THEME.gauge_items)
                .label(format!(
                    "Items {} of {}",
                    projection.items_covered, projection.items_total
                )),
            bar(items),
        );
        frame.render_widget(
            Gauge::default()
                .ratio(time_ratio)
                .gauge_style(THEME.gauge_time)
                .label(format!("Time {:.0}% of the day", time_ratio * 100.0)),
            bar(time_bar),
        );
    }
}

/// A share of minutes; a day's minutes are far inside the range f64 holds exactly.
#[allow(clippy::cast_precision_loss)]
fn share(part: i64, whole: i64) -> f64 {
    if whole > 0 {
        (part as f64 / whole as f64).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

fn centred_line(frame: &mut Frame, area: Rect, text: &str, style: ratatui::style::Style) {
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_owned(), style).centered()),
        area,
    );
}

/// Time left until the first `HH:MM` the message names, today in the plan's zone; `None`
/// once that time has come (a wall reading "· in 0:00" long after it says nothing true).
fn countdown(state: &State, ui: &Ui, text: &str) -> Option<TimeDelta> {
    let named = text
        .split(|c: char| !(c.is_ascii_digit() || c == ':'))
        .find_map(|token| token.parse::<ClockTime>().ok())?;
    let now = state.zone().local(ui.now);
    let target = now.date().and_time(NaiveTime::from_hms_opt(
        named.minutes() / 60,
        named.minutes() % 60,
        0,
    )?);
    (target > now).then(|| target - now)
}
