//! Windows over the view: an item's detail, the help for the current keys, a text field.

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
use crate::tui::ui::{
    AgendaInput, AttendanceInput, CityShareInput, ExercisesInput, FORM_FIELDS, FeedbackInput, Form,
    Input, InputPurpose, Mode, PlansInput, Ui, View,
};

fn frame_popup<'a>(frame: &mut Frame, area: Rect, title: &'a str) -> (Rect, Block<'a>) {
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

/// While the country or city is typed, the spellings the roster has that it may mean: the
/// form saves a place in the roster's spelling, however it was typed.
fn known_places(state: &State, form: &Form) -> Option<String> {
    let field = *FORM_FIELDS.get(form.focus)?;
    let typed = form.values.get(form.focus)?;
    if typed.trim().is_empty() || !matches!(field, "city" | "country") {
        return None;
    }
    let spellings = state.spellings();
    let like = if field == "city" {
        spellings.cities_like(typed)
    } else {
        spellings.countries_like(typed)
    };
    let exact = like
        .iter()
        .find(|known| crate::state::place_key(known) == crate::state::place_key(typed));
    match (exact, like.as_slice()) {
        (Some(known), _) => Some(format!(" saved as {known}, as the roster has it")),
        (None, []) => None,
        (None, like) => Some(format!(" on the roster: {}", like.join(", "))),
    }
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

/// A one-line text field with what it is for and why the last try was refused.
pub fn input(frame: &mut Frame, area: Rect, state: &State, input: &Input, cursor: usize) {
    let (title, hint) = input_title(state, &input.purpose);
    let typed = typed_lines(&input.text, cursor, MOST_LINES);
    let popup = centred(area, 70, 5 + u16::try_from(typed.len()).unwrap_or(1));
    let (inner, block) = frame_popup(frame, popup, &title);
    let room = usize::from(inner.width).saturating_sub(2);
    let mut lines: Vec<Line> = typed
        .into_iter()
        .map(|(line, cursor)| {
            let mut spans = vec![Span::raw(" ")];
            match cursor {
                Some(at) => spans.extend(typed_spans(line, at, room)),
                None => spans.push(Span::raw(truncate(line, room))),
            }
            Line::from(spans)
        })
        .collect();
    match &input.problem {
        Some(problem) => lines.push(Line::styled(
            format!(" {}", truncate(problem, room)),
            THEME.error,
        )),
        None => lines.push(Line::raw("")),
    }
    lines.push(Line::styled(
        format!(" {}", truncate(hint, room)),
        THEME.footer_text,
    ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// What a text field is titled and the hint under it.
fn input_title(state: &State, purpose: &InputPurpose) -> (String, &'static str) {
    let item_title = |position: usize| {
        state
            .agenda_order()
            .nth(position)
            .map_or(String::new(), |(_, i)| i.title.clone())
    };
    let name = |id: &str| {
        state
            .participant(id)
            .map_or(id.to_owned(), |p| p.name.clone())
    };
    let (title, hint): (String, &str) = match purpose {
        InputPurpose::Agenda(AgendaInput::Note(p)) => (
            format!("Note on {}", item_title(*p)),
            "Enter saves the note · Esc cancels",
        ),
        InputPurpose::Agenda(AgendaInput::Duration(p)) => (
            format!("Planned minutes for {}", item_title(*p)),
            "Type the minutes · Enter saves · Esc cancels",
        ),
        InputPurpose::Agenda(AgendaInput::Message) => (
            "Message on the projector".to_owned(),
            "\"Back at 14:00\" counts down · empty clears · Esc cancels",
        ),
        InputPurpose::Attendance(AttendanceInput::Late { participant, day }) => (
            format!("{} arrived late on day {} at", name(participant), day + 1),
            "HH:MM · Enter saves · Esc cancels",
        ),
        InputPurpose::Attendance(AttendanceInput::LeftEarly { participant, day }) => (
            format!("{} left early on day {} at", name(participant), day + 1),
            "HH:MM · Enter saves · Esc cancels",
        ),
        InputPurpose::Attendance(AttendanceInput::Excused { participant, day }) => (
            format!("{} is excused on day {}", name(participant), day + 1),
            "The reason, if any · Enter saves · Esc cancels",
        ),
        InputPurpose::Attendance(AttendanceInput::HeadCount(p)) => (
            format!("How many are in the room for {}", item_title(*p)),
            "A number · Enter saves · Esc cancels",
        ),
        InputPurpose::Plans(PlansInput::Takeaway { city, takeaway }) => (
            match takeaway {
                crate::event::TakeawayKind::Challenge => format!("A key challenge for {city}"),
                crate::event::TakeawayKind::GoodPractice => format!("A good practice of {city}"),
            },
            "Tag it with criteria: #assistance #referral ... · Enter saves · Esc cancels",
        ),
        InputPurpose::Plans(PlansInput::Action { city }) => (
            format!("An action for {city}'s plan"),
            "what | who | when (YYYY-MM-DD, short, medium) | criterion | indicator",
        ),
        InputPurpose::Feedback(FeedbackInput::Tally(index)) => (
            format!(
                "A tally for {}",
                state
                    .plan()
                    .modules
                    .get(*index)
                    .map_or(String::new(), |m| m.title.clone())
            ),
            "Counts of 1s to 5s on usefulness, e.g. 0 1 3 5 2; start with i for interest, o for overall",
        ),
        InputPurpose::Exercises(ExercisesInput::GroupCount) => (
            "How many groups?".to_owned(),
            "A number · people absent today are left out · Enter forms them",
        ),
        InputPurpose::Exercises(ExercisesInput::GroupName) => (
            "A name for the group".to_owned(),
            "Enter saves · Esc cancels",
        ),
        InputPurpose::Exercises(ExercisesInput::Points) => (
            "Points".to_owned(),
            "Up to the criterion's maximum · Enter saves · Esc cancels",
        ),
        InputPurpose::Exercises(ExercisesInput::ChecklistLine) => (
            "A line of the group's own checklist".to_owned(),
            "Enter saves · Esc cancels",
        ),
        InputPurpose::CityShare(CityShareInput::Evidence { city, criterion }) => (
            format!("Evidence for {city} on {criterion}"),
            "What shows this level · Enter saves · Esc cancels",
        ),
    };
    (title, hint)
}

/// The end of `text` that fits in `room` columns, so the cursor stays visible while typing.
/// The most lines of a note or evidence a field shows while it is typed.
const MOST_LINES: usize = 5;

/// The lines of a text being typed, each with the cursor's place in it (in characters) on
/// the line that has it: the last `most` up to and around the cursor's.
fn typed_lines(text: &str, cursor: usize, most: usize) -> Vec<(&str, Option<usize>)> {
    let mut left = cursor;
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    let count = text.split('\n').count();
    for (i, line) in text.split('\n').enumerate() {
        let chars = line.chars().count();
        let here = (left <= chars || i + 1 == count)
            && lines
                .iter()
                .all(|(_, c): &(&str, Option<usize>)| c.is_none());
        if here {
            cursor_line = i;
            lines.push((line, Some(left.min(chars))));
        } else {
            lines.push((line, None));
            left = left.saturating_sub(chars + 1);
        }
    }
    let first = (cursor_line + 1).saturating_sub(most);
    lines.into_iter().skip(first).take(most).collect()
}

/// A text being typed, in `room` columns, with its cursor: a block after the text when the
/// cursor is at its end, else the grapheme under it reversed; the part of the text around
/// the cursor is shown when all of it does not fit.
pub fn typed_spans(text: &str, cursor: usize, room: usize) -> Vec<Span<'static>> {
    use unicode_segmentation::UnicodeSegmentation;
    let at = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(byte, _)| byte);
    let (before, rest) = text.split_at(at);
    let Some(under) = rest.graphemes(true).next() else {
        return vec![
            Span::raw(tail_fitting(text, room.saturating_sub(1))),
            Span::styled("█", THEME.label),
        ];
    };
    let after = &rest[under.len()..];
    let shown_before = tail_fitting(before, room.saturating_sub(width(under)));
    let left = room.saturating_sub(width(&shown_before) + width(under));
    let mut shown_after = String::new();
    let mut used = 0;
    for grapheme in after.graphemes(true) {
        used += width(grapheme);
        if used > left {
            break;
        }
        shown_after.push_str(grapheme);
    }
    vec![
        Span::raw(shown_before),
        Span::styled(
            under.to_owned(),
            THEME.label.add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        Span::raw(shown_after),
    ]
}

fn tail_fitting(text: &str, room: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for grapheme in text.graphemes(true).rev() {
        let w = width(grapheme);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(grapheme);
    }
    kept.into_iter().rev().collect()
}

/// The participant form: every field, the one being typed in, and what is wrong where.
pub fn form(frame: &mut Frame, area: Rect, state: &State, form: &Form, cursor: usize) {
    let title = if form.editing.is_some() {
        "Correct a participant"
    } else {
        "Add a walk-in"
    };
    let known = known_places(state, form);
    let height =
        u16::try_from(FORM_FIELDS.len() + form.problems.len() + 4 + usize::from(known.is_some()))
            .unwrap_or(u16::MAX);
    let popup = centred(area, 72, height);
    let (inner, block) = frame_popup(frame, popup, title);
    let label_w = FORM_FIELDS.iter().map(|f| width(f)).max().unwrap_or(0) + 1;
    let room = usize::from(inner.width).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = FORM_FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let focused = i == form.focus;
            let wrong = form.problems.iter().any(|(f, _)| *f == Some(i));
            let label_style = if wrong { THEME.error } else { THEME.label };
            let mut spans = vec![
                Span::styled(format!(" {field:<label_w$}"), label_style),
                Span::raw(" "),
            ];
            if focused {
                spans.extend(typed_spans(&form.values[i], cursor, room + 1));
            } else {
                spans.push(Span::raw(tail_fitting(&form.values[i], room)));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::styled(
        " sector: government, ngo, international organisation, academia, other · consent: yes/no",
        THEME.footer_text,
    ));
    if let Some(known) = known {
        lines.push(Line::styled(
            truncate(&known, usize::from(inner.width)),
            THEME.info,
        ));
    }
    for (field, problem) in &form.problems {
        let text = match field {
            Some(i) => format!(" {}: {problem}", FORM_FIELDS[*i]),
            None => format!(" {problem}"),
        };
        lines.push(Line::styled(
            truncate(&text, usize::from(inner.width)),
            THEME.error,
        ));
    }
    lines.push(Line::styled(
        " Tab next field · Enter saves · Esc cancels",
        THEME.footer_text,
    ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
