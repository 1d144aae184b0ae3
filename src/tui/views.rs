//! Drawing: every function here reads the state and the UI and writes to a buffer, nothing else.

pub mod agenda;
pub mod assessment;
pub mod attendance;
pub mod bigdigits;
pub mod chrome;
pub mod comparison;
pub mod exercises;
pub mod feedback;
pub mod format;
pub mod plans;
pub mod popup;
pub mod projector;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::ui::{Mode, Ui, View};
use crate::state::State;

/// The smallest window the app can be used in.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, ui: &Ui) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "workshop needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    if matches!(ui.base_mode(), Mode::Projector { .. }) {
        projector::draw(frame, area, state, ui);
    } else if matches!(ui.base_mode(), Mode::Presentation) {
        plans::presentation(frame, area, state, ui);
    } else if matches!(ui.base_mode(), Mode::Scoreboard) {
        exercises::scoreboard(frame, area, state, ui);
    } else {
        let body = chrome::draw(frame, area, state, ui);
        match ui.view {
            View::Agenda => agenda::draw(frame, body, state, ui),
            View::Attendance => attendance::draw(frame, body, state, ui),
            View::Assessment => assessment::draw(frame, body, state, ui),
            View::Comparison => comparison::draw(frame, body, state, ui),
            View::Plans => plans::draw(frame, body, state, ui),
            View::Exercises => exercises::draw(frame, body, state, ui),
            View::Feedback => feedback::draw(frame, body, state, ui),
        }
    }
    match &ui.mode {
        Mode::Detail => popup::detail(frame, area, state, ui),
        Mode::Help(under) => popup::help(frame, area, ui.view, under),
        Mode::Input(input) => popup::input(frame, area, state, input),
        Mode::Form(form) => popup::form(frame, area, form),
        Mode::Normal
        | Mode::Projector { .. }
        | Mode::Filter
        | Mode::Presentation
        | Mode::FeedbackEntry(_)
        | Mode::Scoreboard => {}
    }
}

/// A rectangle of at most `width`×`height` centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Draws `lines` one per row from the top of `area`, each cut at its right edge: for lines
/// already fitted to the width, which need none of the wrapping and truncating a
/// `Paragraph` does grapheme by grapheme (most of a frame's time on a long agenda).
pub fn put_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        put_line(buf, area.x, y, line, area.width);
    }
}

/// One line, as `Buffer::set_line` draws it, without its grapheme segmentation where it is
/// not needed: a printable ASCII character between two others (or at an end) is a grapheme
/// of one cell on its own, and is put in its cell directly; the rest goes through
/// `Buffer::set_stringn` in pieces cut only between two such characters.
fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) {
    let end = x.saturating_add(width).min(buf.area.right());
    let mut at = x;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let text: &str = &span.content;
        let bytes = text.as_bytes();
        let printable = |i: usize| bytes.get(i).is_some_and(|b| (0x20..0x7f).contains(b));
        let alone = |i: usize| {
            printable(i)
                && (i == 0 || printable(i - 1))
                && (i + 1 == bytes.len() || printable(i + 1))
        };
        let mut i = 0;
        while i < bytes.len() && at < end {
            if alone(i) {
                if let Some(cell) = buf.cell_mut((at, y)) {
                    cell.set_char(char::from(bytes[i])).set_style(style);
                }
                at += 1;
                i += 1;
                continue;
            }
            let piece = (i + 1..bytes.len())
                .find(|&j| alone(j))
                .unwrap_or(bytes.len());
            // As `set_stringn` does: control characters and zero-width graphemes are left
            // out, and the span ends at the first grapheme that does not fit (the next span
            // may still fit).
            let graphemes = text[i..piece]
                .graphemes(true)
                .filter(|g| !g.contains(char::is_control))
                .map(|g| (g, u16::try_from(g.width()).unwrap_or(u16::MAX)))
                .filter(|(_, w)| *w > 0);
            let mut fits = true;
            for (grapheme, w) in graphemes {
                fits = end - at >= w;
                if !fits {
                    break;
                }
                buf.set_stringn(at, y, grapheme, usize::from(w), style);
                at += w;
            }
            if !fits {
                break;
            }
            i = piece;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;

    /// `put_line` must draw exactly what `Buffer::set_line` draws, whatever the text.
    #[test]
    fn put_line_draws_what_set_line_draws() {
        let texts = [
            "Day 1 · Tue 31 Mar 2020 — Opening (Jeju)",
            "e\u{301}cole cafe\u{301}", // combining accents after ASCII letters
            "김민준 Kim Min-jun",       // wide characters
            "👩\u{200d}⚕️ doctor 🇰🇷 flag", // emoji sequences
            "\u{600}12 prepended",      // a prepend mark joins the digit after it
            "tab\there\u{7}bell\r\nend", // control characters are not drawn
            "",
            "a",
            "✓ 09:00 ◆ Lecture",
        ];
        for text in texts {
            for width in [0, 1, 2, 5, 9, 40] {
                let line = Line::from(vec![
                    Span::styled(text, Style::new().fg(Color::Red)),
                    Span::raw(" | "),
                    Span::styled(text, Style::new().fg(Color::Blue)),
                ])
                .style(Style::new().bg(Color::Black));
                let area = Rect::new(0, 0, 45, 1);
                let mut ours = Buffer::empty(area);
                put_line(&mut ours, 1, 0, &line, width);
                let mut theirs = Buffer::empty(area);
                theirs.set_line(1, 0, &line, width);
                assert_eq!(ours, theirs, "{text:?} in {width}");
            }
        }
    }
}
