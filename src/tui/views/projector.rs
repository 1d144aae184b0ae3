//! Projector mode: the room's view on the wall. Large clock, the current item and its
//! presenter, the next item, the day's progress and the facilitator's message. It never shows
//! a participant's name.

use chrono::{NaiveTime, TimeDelta};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::format::{self, clock};
use super::{agenda, bigdigits};
use crate::plan::{ClockTime, Item};
use crate::state::{DayProjection, State};
use crate::text::{truncate, width};
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Ui};

mod sizes;

use sizes::{Content, Sizes};

/// Draws the projector screen over the whole of `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    frame.render_widget(Block::new().style(THEME.projector), area);
    if matches!(ui.base_mode(), Mode::Projector { blank: true }) {
        return;
    }
    let time = format::local_hm(state, ui.now);
    let projection = state.projection(ui.now);
    let current = state.current();
    let title = current.map_or(state.plan().title.as_str(), |item| item.title.as_str());
    let message = state
        .message()
        .map(|text| match countdown(state, ui, text) {
            Some(left) => format!("{text} · in {}", clock(left)),
            None => text.to_owned(),
        });
    let has_presenter = current.is_some_and(|i| i.presenter.is_some() || i.organisation.is_some());
    let sizes = Sizes::choose(
        &Content {
            time: &time,
            title,
            message: message.as_deref(),
            other_rows: usize::from(has_presenter)
                + usize::from(current.is_some())
                + usize::from(state.next_item().is_some())
                + 2 * usize::from(projection.is_some()),
        },
        usize::from(area.width),
        usize::from(area.height),
    );
    let [
        big,
        title_area,
        who,
        timing,
        next,
        message_area,
        items,
        time_bar,
    ] = areas(area, &sizes, message.is_some());
    let clock_lines: Vec<Line> = match sizes.clock {
        Some(scale) => bigdigits::render(&time, scale)
            .into_iter()
            .map(|row| Line::styled(row, THEME.projector_clock).centered())
            .collect(),
        None => vec![Line::styled(time, THEME.projector_clock).centered()],
    };
    frame.render_widget(Paragraph::new(clock_lines), big);

    let w = usize::from(area.width).saturating_sub(4);
    match &sizes.title {
        Some(lines) => large(frame, title_area, lines, THEME.projector_title),
        None => frame.render_widget(
            Paragraph::new(Line::styled(title.to_owned(), THEME.projector_title).centered())
                .wrap(Wrap { trim: true }),
            title_area,
        ),
    }
    if let Some(item) = current {
        running(frame, [who, timing], state, ui, item, w);
    }
    if let Some(item) = state.next_item() {
        let words = agenda::next_words(state, projection.as_ref(), item);
        centred_line(
            frame,
            next,
            &truncate(&format!("Next: {words}"), w),
            THEME.projector_next,
        );
    }
    match (&sizes.message, &message) {
        (Some(lines), _) => large(frame, message_area, lines, THEME.projector_message),
        (None, Some(text)) => centred_line(
            frame,
            message_area,
            &truncate(&format!(" {text} "), w),
            THEME.projector_message,
        ),
        (None, None) => {}
    }
    progress(frame, [items, time_bar], projection.as_ref());
}

/// The screen's parts top to bottom (clock, title, presenter, clock line, next, message,
/// the two bars), with what rows are left shared out between them.
fn areas(area: Rect, sizes: &Sizes, message: bool) -> [Rect; 8] {
    let rows = |n: usize| Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX));
    let title_rows = sizes
        .title
        .as_ref()
        .map_or(sizes.title_rows, |l| sizes::LETTER * l.len());
    let message_rows = match &sizes.message {
        Some(lines) => sizes::LETTER * lines.len(),
        None => usize::from(message),
    };
    let gap = Constraint::Fill(1);
    let [
        _,
        big,
        _,
        title,
        who,
        timing,
        _,
        next,
        _,
        message,
        _,
        items,
        time_bar,
        _,
    ] = Layout::vertical([
        gap,
        rows(sizes.clock.map_or(1, |s| sizes::DIGIT_ROWS * s)),
        gap,
        rows(title_rows),
        rows(1),
        rows(1),
        gap,
        rows(1),
        gap,
        rows(message_rows),
        gap,
        rows(1),
        rows(1),
        Constraint::Length(u16::from(area.height >= 12)),
    ])
    .areas(area);
    [big, title, who, timing, next, message, items, time_bar]
}

/// `lines` in large letters, centred in `area`.
fn large(frame: &mut Frame, area: Rect, lines: &[String], style: Style) {
    let text = BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(style)
        .alignment(Alignment::Center)
        .lines(
            lines
                .iter()
                .map(|l| Line::from(l.clone()))
                .collect::<Vec<_>>(),
        )
        .build();
    frame.render_widget(text, area);
}

/// The running item's presenter and clock.
fn running(
    frame: &mut Frame,
    [who, timing]: [Rect; 2],
    state: &State,
    ui: &Ui,
    item: &Item,
    w: usize,
) {
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

/// The day's two bars, items covered and time used, each labelled beside it in the
/// screen's own colours (a label on its bar was the bar's colour on the bar's colour).
fn progress(frame: &mut Frame, [items, time_bar]: [Rect; 2], projection: Option<&DayProjection>) {
    let Some(projection) = projection else {
        return;
    };
    let time_ratio = share(projection.minutes_used, projection.minutes_planned);
    let bars = [
        (
            items,
            format!(
                "Items {} of {}",
                projection.items_covered, projection.items_total
            ),
            share(
                i64::try_from(projection.items_covered).unwrap_or(0),
                i64::try_from(projection.items_total).unwrap_or(0),
            ),
            THEME.gauge_items,
        ),
        (
            time_bar,
            format!("Time {:.0}% of the day", time_ratio * 100.0),
            time_ratio,
            THEME.gauge_time,
        ),
    ];
    let label_width = bars.iter().map(|(_, l, _, _)| width(l)).max().unwrap_or(0) + 2;
    for (area, label, ratio, style) in bars {
        let [label_area, bar] = Layout::horizontal([
            Constraint::Length(u16::try_from(label_width + 2).unwrap_or(u16::MAX)),
            Constraint::Fill(1),
        ])
        .areas(Rect {
            x: area.x + 2,
            width: area.width.saturating_sub(4),
            ..area
        });
        frame.render_widget(
            Paragraph::new(Line::styled(label, THEME.projector)),
            label_area,
        );
        frame.render_widget(
            Gauge::default()
                .ratio(ratio)
                .gauge_style(style)
                .label(Span::raw("")),
            bar,
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
