//! Windows over the view: an item's detail and the help for the current keys (text fields
//! are in `fields.rs`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::format::{self, hm};
use super::{agenda, centred};
use crate::plan::Item;
use crate::state::{ItemRef, ItemStatus, State};
use crate::text::{truncate, width};
use crate::tui::keymap::Action;
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Ui, View};

pub(super) fn frame_popup<'a>(frame: &mut Frame, area: Rect, title: &'a str) -> (Rect, Block<'a>) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(
            format!(
                " {} ",
                truncate(title, usize::from(area.width).saturating_sub(4))
            ),
            THEME.popup_title,
        ))
        .style(THEME.popup);
    (block.inner(area), block)
}

/// The selected item: what it is for, who presents it, what happened to it.
pub fn detail(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let Some((at, item)) = state.agenda_order().nth(ui.agenda.selected) else {
        return;
    };
    let lines = detail_lines(state, ui, at, item);
    let popup_width = 76.min(area.width);
    let text_width = usize::from(popup_width.saturating_sub(2)).max(1);
    // Wrapped lines, plus the borders, plus the line of keys in the bottom border.
    let wrapped: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(text_width).max(1))
        .sum();
    let popup = centred(
        area,
        popup_width,
        u16::try_from(wrapped + 3).unwrap_or(u16::MAX),
    );
    let (inner, block) = frame_popup(frame, popup, &item.title);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
    let hint = Rect {
        y: popup.y + popup.height.saturating_sub(1),
        x: inner.x,
        width: inner.width,
        height: 1,
    };
    let keys: Vec<String> = ui
        .keys
        .footer(View::Agenda, &Mode::Detail)
        .map(|(k, w, _)| format!("{k} {w}"))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&keys.join(" · "), usize::from(inner.width)),
            THEME.footer_text,
        )),
        hint,
    );
}

/// What the detail window says about an item.
fn detail_lines(state: &State, ui: &Ui, at: ItemRef, item: &Item) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let slot = state.day_slots(at.day).get(at.index).copied();
    let day = &state.days()[at.day];
    let when = slot.map_or(String::new(), |s| {
        format!("{}-{}", hm(i64::from(s.start)), hm(i64::from(s.end)))
    });
    let mut facts = format!(
        "{} · Day {} {} · {when} ({} min)",
        item.kind.as_str(),
        at.day + 1,
        day.date.format("%a %-d %b"),
        state.planned_minutes(&item.id)
    );
    if item.fixed {
        facts.push_str(" · fixed time");
    }
    lines.push(Line::styled(facts, THEME.label));
    if let Some(change) = state.change(&item.id) {
        lines.push(Line::styled(change.words(at.day), THEME.info));
    }
    if let Some(module) = item
        .module
        .as_ref()
        .and_then(|m| state.plan().modules.iter().find(|x| &x.id == m))
    {
        lines.push(Line::styled(module.title.clone(), THEME.module));
    }
    let who: Vec<&str> = [item.presenter.as_deref(), item.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !who.is_empty() {
        lines.push(Line::from(format!("Presented by {}", who.join(", "))));
    }
    let status = match state.status(&item.id) {
        ItemStatus::Upcoming => "Not started yet.".to_owned(),
        ItemStatus::Skipped => "Skipped.".to_owned(),
        ItemStatus::PassedOver => {
            "Not held: the agenda moved past it. Start it to hold it now, or skip it.".to_owned()
        }
        ItemStatus::Running | ItemStatus::Paused => format!(
            "Running since {}: {}",
            state
                .started_at(&item.id)
                .map(|t| format::local_hm(state, t))
                .unwrap_or_default(),
            agenda::running_clock(
                state.elapsed(&item.id, ui.now),
                state.planned_minutes(&item.id)
            )
        ),
        ItemStatus::Done => format!(
            "Held from {}, {} min in all.",
            state
                .started_at(&item.id)
                .map(|t| format::local_hm(state, t))
                .unwrap_or_default(),
            state.elapsed(&item.id, ui.now).num_minutes()
        ),
    };
    lines.push(Line::from(status));
    if let Some(exercise) = item
        .exercise
        .as_ref()
        .and_then(|e| state.plan().exercises.iter().find(|x| &x.id == e))
    {
        lines.push(Line::from(format!(
            "Exercise: {} ({} rubric criteria)",
            exercise.title,
            exercise.rubric.len()
        )));
    }
    if item.attendance {
        lines.push(attendance_line(state, ui, item));
    }
    if !item.objectives.is_empty() {
        lines.push(Line::styled("Objectives", THEME.label));
        lines.extend(item.objectives.iter().map(|o| Line::from(format!("• {o}"))));
    }
    if let Some(notes) = &item.notes {
        lines.push(Line::styled("Plan notes", THEME.label));
        lines.push(Line::from(notes.clone()));
    }
    let taken = state.notes(&item.id);
    if !taken.is_empty() {
        lines.push(Line::styled("Your notes", THEME.label));
        // A note of several lines shows them all, under its time.
        for note in taken {
            let time = format::local_hm(state, note.at);
            for (i, line) in note.text.split('\n').enumerate() {
                let lead = if i == 0 {
                    time.clone()
                } else {
                    " ".repeat(width(&time))
                };
                lines.push(Line::from(format!("{lead}  {line}")));
            }
        }
    }
    lines
}

/// An item that takes attendance: its head count and how many are checked in, with the
/// keys for both as the keymap has them.
fn attendance_line(state: &State, ui: &Ui, item: &Item) -> Line<'static> {
    let checked = state
        .participants()
        .iter()
        .filter(|p| state.attended_item(&item.id, &p.id))
        .count();
    // The keys as the keymap (the user's too) has them.
    let head_key = ui
        .keys
        .key_for(View::Agenda, &Mode::Detail, Action::HeadCount)
        .map_or(String::new(), |k| format!(" ({k})"));
    let check_key = ui
        .keys
        .key_for(View::Attendance, &Mode::Normal, Action::CheckIn)
        .map_or(String::new(), |k| format!(" ({k}, in Attendance)"));
    let count = state
        .head_count(&item.id)
        .map_or(format!("no head count yet{head_key}"), |n| {
            format!("head count {n}")
        });
    Line::from(format!(
        "Attendance is taken here: {count}; {checked} checked in{check_key}."
    ))
}

/// The help's lines for a window `area` wide, and the width inside its box: every key of
/// the mode under the help from its keymap table, each description wrapped under its key.
fn help_lines(area: Rect, ui: &Ui, under: &Mode) -> (Vec<Line<'static>>, usize) {
    let table = ui.keys.table(ui.view, under);
    let typing = matches!(under, Mode::Input(_) | Mode::Form(_) | Mode::Filter);
    let key_w = table.iter().map(|b| width(&b.shown)).max().unwrap_or(0);
    let mut entries: Vec<(String, String)> = table
        .iter()
        .map(|b| (b.shown.clone(), b.help.clone()))
        .collect();
    if typing {
        entries.push((
            String::new(),
            "← → Home End, Ctrl-← →, Delete, Ctrl-W Ctrl-U Ctrl-K: edit as in a shell; \
             Alt-Enter: a new line in a note"
                .to_owned(),
        ));
    }
    let closing = "Esc closes this help. Every action is saved as you make it.";
    let natural = entries
        .iter()
        .map(|(_, help)| key_w + 4 + width(help))
        .chain([width(closing) + 2])
        .max()
        .unwrap_or(0);
    // Borders and a column each side of the box.
    let inner_w = natural
        .min(usize::from(area.width).saturating_sub(4))
        .max(1);
    let text_w = inner_w.saturating_sub(key_w + 4).max(8);
    let mut lines: Vec<Line> = Vec::new();
    for (shown, help) in &entries {
        for (i, part) in crate::text::wrap(help, text_w).into_iter().enumerate() {
            let key = if i == 0 { shown.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:key_w$} "), THEME.label),
                Span::raw(format!("  {part}")),
            ]));
        }
    }
    lines.extend(
        crate::text::wrap(closing, inner_w.saturating_sub(1))
            .into_iter()
            .map(|part| Line::styled(format!(" {part}"), THEME.footer_text)),
    );
    (lines, inner_w)
}

/// How far the help can scroll in a window `area`: its lines past what the window holds.
pub fn help_scroll_limit(area: Rect, ui: &Ui, under: &Mode) -> usize {
    let rows = help_lines(area, ui, under).0.len();
    rows.saturating_sub(usize::from(area.height).saturating_sub(2).max(1))
}

/// The `?` help: a box as wide as its text needs and the window allows, scrolled to
/// `ui.help_scroll` where its lines are more than the window holds.
pub fn help(frame: &mut Frame, area: Rect, ui: &Ui, under: &Mode) {
    let (lines, inner_w) = help_lines(area, ui, under);
    let rows = lines.len();
    let visible = rows.min(usize::from(area.height).saturating_sub(2).max(1));
    let first = ui.help_scroll.min(rows - visible);
    let title = if visible < rows {
        format!(
            "Keys {}-{} of {rows} · ↑ ↓ PgUp PgDn scroll",
            first + 1,
            first + visible
        )
    } else {
        "Keys".to_owned()
    };
    let popup = centred(
        area,
        u16::try_from(inner_w + 2).unwrap_or(u16::MAX),
        u16::try_from(visible + 2).unwrap_or(u16::MAX),
    );
    let (_, block) = frame_popup(frame, popup, &title);
    let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
    frame.render_widget(Paragraph::new(shown).block(block), popup);
}
