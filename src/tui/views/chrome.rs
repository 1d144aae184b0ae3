//! The frame around every view: header, tab bar, status line and footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Tabs;

use crate::state::State;
use crate::text::{fit, truncate, width};
use crate::tui::theme::THEME;
use crate::tui::ui::{Ui, View};

/// The parts of the screen around a view.
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The most lines an error on the status line takes: a reason is shown whole, not cut at
/// the window's edge, within reason.
const STATUS_LINES: usize = 4;

/// The status line's text as it is shown in `width` columns: an error wrapped onto up to
/// [`STATUS_LINES`] lines (a quarter of the window at most), anything else on one.
fn status_lines(ui: &Ui, width: u16, height: u16) -> Vec<String> {
    let Some(status) = &ui.status else {
        return vec![String::new()];
    };
    let room = usize::from(width).saturating_sub(1);
    let most = if status.is_error {
        STATUS_LINES.min(usize::from(height / 4)).max(1)
    } else {
        1
    };
    let mut lines = crate::text::wrap(&status.text, room);
    if lines.len() > most {
        let rest = lines.split_off(most - 1).join(" ");
        lines.push(truncate(&rest, room));
    }
    lines
}

/// Splits the screen; the same split is used to draw and to find what a click hit.
pub fn areas(area: Rect, ui: &Ui) -> Areas {
    split(area, status_lines(ui, area.width, area.height).len())
}

/// The screen split with a status line `status_height` lines high.
fn split(area: Rect, status_height: usize) -> Areas {
    let [header, tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::try_from(status_height).unwrap_or(1)),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        tabs,
        body,
        status,
        footer,
    }
}

/// Draws the frame and returns the area left for the view.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) -> Rect {
    let parts = areas(area, ui);
    header(frame, parts.header, state, ui);
    tabs(frame, parts.tabs, ui);
    status(frame, parts.status, ui);
    footer(frame, parts.footer, ui);
    parts.body
}

fn header(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let plan = state.plan();
    let local = state.zone().local(ui.now);
    let offset = state.zone().offset_at(ui.now);
    let day = match state.current_day() {
        Some(d) => format!(
            "Day {}/{} {}",
            d + 1,
            plan.days.len(),
            plan.days[d].date.format("%a %-d %b")
        ),
        None => String::new(),
    };
    let right = format!(" {day}  {} UTC{offset} ", local.format("%H:%M"));
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let line = Line::from(vec![
        Span::styled(format!(" {}", fit(&plan.title, room)), THEME.header),
        Span::styled(right, THEME.header),
    ]);
    frame.buffer_mut().set_style(area, THEME.header);
    super::put_lines(frame, area, &[line]);
}

/// The tabs shown (the Room's only with a room open), and whether their labels are the
/// short ones: the full ones where they fit.
fn tab_labels(area: Rect, room_open: bool) -> (Vec<View>, bool) {
    let tabs = View::tabs(room_open);
    let full: usize = tabs.iter().map(|v| width(v.title()) + 3).sum();
    (tabs, full + 1 > usize::from(area.width))
}

/// Where each tab sits on the tab bar: (view, first column, width).
pub fn tab_spans(area: Rect, room_open: bool) -> Vec<(View, u16, u16)> {
    let mut x = area.x + 1;
    let (tabs, short) = tab_labels(area, room_open);
    tabs.iter()
        .map(|view| {
            let label = if short {
                view.short_title()
            } else {
                view.title()
            };
            let w = u16::try_from(width(label) + 2).unwrap_or(u16::MAX);
            let span = (*view, x, w);
            x = x.saturating_add(w + 1);
            span
        })
        .collect()
}

/// The view whose tab is at (`column`, `row`), if any.
pub fn tab_at(area: Rect, room_open: bool, column: u16, row: u16) -> Option<View> {
    // The tab bar's place does not depend on the status line's height.
    let tabs = split(area, 1).tabs;
    if row != tabs.y {
        return None;
    }
    tab_spans(tabs, room_open)
        .into_iter()
        .find(|(_, x, w)| column >= *x && column < x + w)
        .map(|(v, _, _)| v)
}

/// The tab bar: ratatui's `Tabs`, laid out as [`tab_spans`] says, and the store's folder
/// in the room left at the right.
fn tabs(frame: &mut Frame, area: Rect, ui: &Ui) {
    let room_open = ui.room.is_some();
    let spans = tab_spans(area, room_open);
    let used = spans.last().map_or(area.x, |(_, x, w)| x + w) - area.x;
    let (views, short) = tab_labels(area, room_open);
    let bar = Tabs::new(views.iter().map(|view| {
        let label = if short {
            view.short_title()
        } else {
            view.title()
        };
        Line::styled(format!(" {label} "), THEME.tab)
    }))
    .select(views.iter().position(|v| *v == ui.view))
    .highlight_style(THEME.tab_active)
    .padding("", "")
    .divider(" ");
    let inside = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    frame.render_widget(bar, inside);
    let room = usize::from(area.width).saturating_sub(usize::from(used) + 2);
    if room > 8 {
        let shown = truncate(&format!("store {}", ui.store), room);
        let at = area.x + area.width - 1 - u16::try_from(width(&shown)).unwrap_or(0);
        frame
            .buffer_mut()
            .set_string(at, area.y, shown, THEME.footer_text);
    }
}

fn status(frame: &mut Frame, area: Rect, ui: &Ui) {
    if let Some(status) = &ui.status {
        let style = if status.is_error {
            THEME.error
        } else {
            THEME.info
        };
        let lines: Vec<Line> = status_lines(ui, area.width, frame.area().height)
            .into_iter()
            .map(|text| Line::styled(format!(" {text}"), style))
            .collect();
        super::put_lines(frame, area, &lines);
    }
}

/// The keys that matter now, from the same table the keys are read with.
pub fn footer(frame: &mut Frame, area: Rect, ui: &Ui) {
    let cost = |keys: &str, word: &str| width(keys) + width(word) + 4;
    let entries: Vec<_> = ui.keys.footer(ui.view, &ui.mode).collect();
    let reserved: usize = entries.iter().filter(|e| e.2).map(|e| cost(e.0, e.1)).sum();
    let mut room = usize::from(area.width).saturating_sub(reserved);
    let mut spans = Vec::new();
    for (keys, word, essential) in entries {
        if !essential {
            if cost(keys, word) > room {
                continue;
            }
            room -= cost(keys, word);
        }
        spans.push(Span::styled(format!(" {keys} "), THEME.footer_key));
        spans.push(Span::styled(format!(" {word} "), THEME.footer_text));
    }
    super::put_lines(frame, area, &[Line::from(spans)]);
}

/// "3 of 12 items".
pub fn items_of(done: usize, total: usize) -> String {
    format!("{done} of {}", crate::text::counted(total, "item", "items"))
}
