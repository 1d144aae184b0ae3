//! The text fields drawn: a field over the view (a note, a duration, a message ...), the
//! participant form, and the text being typed with its cursor, for them and the filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::centred;
use super::popup::frame_popup;
use crate::state::State;
use crate::text::{truncate, width};
use crate::tui::theme::THEME;
use crate::tui::ui::{
    AgendaInput, AttendanceInput, CityShareInput, ExercisesInput, FORM_FIELDS, FeedbackInput, Form,
    FormPurpose, Input, InputPurpose, PlansInput,
};

/// A one-line text field with what it is for and why the last try was refused.
pub fn input(frame: &mut Frame, area: Rect, state: &State, input: &Input, cursor: usize) {
    let (title, hint) = input_title(state, &input.purpose);
    let typed = typed_lines(&input.text, cursor, MOST_LINES);
    let width = area.width.min(70);
    let room = usize::from(width).saturating_sub(4);
    // A refusal is shown whole (a list of the criteria, say), on as many lines as it takes.
    let problem = input
        .problem
        .as_deref()
        .map(|p| crate::text::wrap(p, room.max(1)))
        .unwrap_or_default();
    let popup = centred(
        area,
        width,
        u16::try_from(4 + typed.len() + problem.len().max(1)).unwrap_or(u16::MAX),
    );
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
    if problem.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.extend(
        problem
            .into_iter()
            .map(|p| Line::styled(format!(" {p}"), THEME.error)),
    );
    lines.push(Line::styled(
        format!(" {}", truncate(hint, room)),
        THEME.footer_text,
    ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The device name field's title and hint.
const DEVICE_NAME: (&str, &str) = (
    "A name for the device",
    "As the Room view shows it, e.g. \"Bangkok 1 (Kanya)\" · Enter saves · Esc cancels",
);

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
        InputPurpose::Plans(PlansInput::Takeaway {
            city,
            takeaway,
            editing,
        }) => (
            {
                let what = match takeaway {
                    crate::event::TakeawayKind::Challenge => "key challenge",
                    crate::event::TakeawayKind::GoodPractice => "good practice",
                };
                if editing.is_some() {
                    format!("Correct {city}'s {what}")
                } else {
                    format!("A {what} for {city}")
                }
            },
            "Tags if you like: #assistance #referral ... · Enter saves · Esc cancels",
        ),
        InputPurpose::Plans(PlansInput::Action { city, editing }) => (
            if editing.is_some() {
                format!("Correct an action of {city}'s plan")
            } else {
                format!("An action for {city}'s plan")
            },
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
        InputPurpose::RoomDevice(_) => (DEVICE_NAME.0.to_owned(), DEVICE_NAME.1),
        InputPurpose::CityShare(CityShareInput::Evidence { city, criterion }) => (
            format!("Evidence for {city} on {criterion}"),
            "What shows this level · Enter saves · Esc cancels",
        ),
    };
    (title, hint)
}

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

/// The end of `text` that fits in `room` columns, so the cursor stays visible while typing.
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

/// A form (a participant's details, an agenda item's): every field, the one being typed
/// in, and what is wrong where.
pub fn form(frame: &mut Frame, area: Rect, state: &State, form: &Form, cursor: usize) {
    let fields = form.purpose.fields();
    let item_title = |id: &str| state.find_item(id).map_or("", |(_, i)| i.title.as_str());
    let (title, hint) = match &form.purpose {
        FormPurpose::Person(Some(_)) => ("Correct a participant".to_owned(), PERSON_HINT),
        FormPurpose::Person(None) => ("Add a walk-in".to_owned(), PERSON_HINT),
        FormPurpose::NewItem { after } => (
            format!("Add an item after {}", item_title(after)),
            KINDS_HINT,
        ),
        FormPurpose::ItemEdit { item } => (format!("Change {}", item_title(item)), KINDS_HINT),
    };
    let known = known_places(state, form);
    let popup_w = area.width.min(72);
    // The hint is wrapped, not cut: every sector and every kind is read from it.
    let hint = crate::text::wrap(hint.trim_start(), usize::from(popup_w).saturating_sub(4));
    let height = u16::try_from(
        fields.len() + form.problems.len() + 3 + hint.len() + usize::from(known.is_some()),
    )
    .unwrap_or(u16::MAX);
    let popup = centred(area, popup_w, height);
    let (inner, block) = frame_popup(frame, popup, &title);
    let label_w = fields.iter().map(|f| width(f)).max().unwrap_or(0) + 1;
    let room = usize::from(inner.width).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = fields
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
    lines.extend(
        hint.iter()
            .map(|line| line.strip_prefix("· ").unwrap_or(line))
            .map(|line| Line::styled(format!(" {line}"), THEME.footer_text)),
    );
    if let Some(known) = known {
        lines.push(Line::styled(
            truncate(&known, usize::from(inner.width)),
            THEME.info,
        ));
    }
    for (field, problem) in &form.problems {
        let text = match field {
            Some(i) => format!(
                " {}: {problem}",
                fields.get(*i).copied().unwrap_or_default()
            ),
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

/// What the participant form's sector and consent take.
const PERSON_HINT: &str =
    " sector: government, ngo, international organisation, academia, other · consent: yes/no";

/// What an item form's kind takes.
const KINDS_HINT: &str =
    " kind: lecture, exercise, discussion, case-study, study-visit, action-plan, break, ceremony";

/// While the country or city is typed, the spellings the roster has that it may mean: the
/// form saves a place in the roster's spelling, however it was typed.
fn known_places(state: &State, form: &Form) -> Option<String> {
    if !matches!(form.purpose, FormPurpose::Person(_)) {
        return None;
    }
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
