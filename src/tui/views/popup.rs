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
    let day = &state.plan().days[at.day];
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

/// Every key of the mode under the help, from its keymap table.
pub fn help(frame: &mut Frame, area: Rect, ui: &Ui, under: &Mode) {
    let table = ui.keys.table(ui.view, under);
    let typing = matches!(under, Mode::Input(_) | Mode::Form(_) | Mode::Filter);
    let height = u16::try_from(table.len() + 3 + usize::from(typing)).unwrap_or(u16::MAX);
    let popup = centred(area, 72, height);
    let (_, block) = frame_popup(frame, popup, "Keys");
    let key_w = table.iter().map(|b| width(&b.shown)).max().unwrap_or(0);
    let mut lines: Vec<Line> = table
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:key_w$} ", b.shown), THEME.label),
                Span::raw(format!(" {}", b.help)),
            ])
        })
        .collect();
    if typing {
        lines.push(Line::raw(
            " ← → Home End, Ctrl-← →, Delete, Ctrl-W Ctrl-U Ctrl-K: edit as in a shell; Alt-Enter: a new line in a note",
        ));
    }
    lines.push(Line::styled(
        " Esc closes this help. Every action is saved as you make it.",
        THEME.footer_text,
    ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
