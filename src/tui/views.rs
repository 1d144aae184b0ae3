//! Drawing: every function here reads the state and the UI and writes to a buffer, nothing else.

pub mod agenda;
pub mod assessment;
pub mod attendance;
pub mod bigdigits;
pub mod chrome;
pub mod columns;
pub mod comparison;
pub mod exercises;
pub mod feedback;
pub mod fields;
pub mod format;
pub mod person;
pub mod plans;
pub mod popup;
pub mod projector;
pub mod room;
mod terminal_widths;

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::ui::{Mode, Ui, View};
use crate::state::State;
use crate::text::{ELLIPSIS, fit, is_printable_ascii};

/// The smallest window the app can be used in.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Draws the screen that stands in for every view while the state may show an action the
/// store lost (a write failed and the store could not be read back): nothing unsaved is
/// shown, and the facilitator is told what to do.
pub fn draw_unsaved(frame: &mut Frame, ui: &Ui) {
    let why = ui
        .status
        .as_ref()
        .map_or("not saved: a write to the store failed", |s| {
            s.text.as_str()
        });
    let mut first = why.chars();
    let why: String = first
        .next()
        .map(|c| c.to_uppercase().chain(first).collect())
        .unwrap_or_default();
    let lines = vec![
        Line::styled(why, super::theme::THEME.error),
        Line::from(""),
        Line::from(
            "Everything shown before this was saved. The last action was not, and nothing \
             more can be saved until the store reads again.",
        ),
        Line::from(""),
        Line::from("Free some space on the disk, then press any key to try again. q quits."),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        frame.area(),
    );
}

/// Draws the whole screen, laid out in the columns the terminal gives each grapheme.
pub fn draw(frame: &mut Frame, state: &State, ui: &Ui) {
    draw_views(frame, state, ui);
    terminal_widths::settle(frame.buffer_mut());
}

fn draw_views(frame: &mut Frame, state: &State, ui: &Ui) {
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
    if matches!(ui.base_mode(), Mode::Projector { .. }) && ui.view == View::Room {
        room::projector(frame, area, ui);
    } else if matches!(ui.base_mode(), Mode::Projector { .. }) {
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
            View::Room => room::draw(frame, body, state, ui),
        }
    }
    match &ui.mode {
        Mode::Detail => popup::detail(frame, area, state, ui),
        Mode::Person => person::draw(frame, area, state, ui),
        Mode::Help(under) => popup::help(frame, area, ui, under),
        Mode::Input(input) => fields::input(frame, area, state, input, ui.cursor),
        Mode::Form(form) => fields::form(frame, area, state, form, ui.cursor),
        Mode::Normal
        | Mode::Projector { .. }
        | Mode::Filter
        | Mode::Presentation
        | Mode::FeedbackEntry(_)
        | Mode::Scoreboard
        | Mode::Moving(_) => {}
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

/// One line, as `Buffer::set_line` draws it; see [`RowWriter::text`].
fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) {
    let mut row = RowWriter::new(buf, x, y, width);
    for span in &line.spans {
        row.text(&span.content, line.style.patch(span.style));
    }
}

/// Writes pieces of text along one row of a buffer, left to right, none past the row's end:
/// a table row drawn this way needs no `String` or `Span` for each of its cells.
pub struct RowWriter<'b> {
    buf: &'b mut Buffer,
    at: u16,
    y: u16,
    end: u16,
}

impl<'b> RowWriter<'b> {
    /// A writer at column `x` of row `y`, with `width` columns to write in.
    pub fn new(buf: &'b mut Buffer, x: u16, y: u16, width: u16) -> Self {
        let end = x.saturating_add(width).min(buf.area.right());
        Self { buf, at: x, y, end }
    }

    /// `text` in `style`, as `Buffer::set_line` draws a span, without its grapheme
    /// segmentation where it is not needed: a printable ASCII character between two others
    /// (or at an end) is a grapheme of one cell on its own, and is put in its cell directly;
    /// the rest goes through `Buffer::set_stringn` in pieces cut only between two such
    /// characters.
    pub fn text(&mut self, text: &str, style: Style) -> &mut Self {
        match lone_char_width(text) {
            Some(0) => return self,
            Some(_) => {
                // One character is one grapheme: a mark letter, a tick, an ellipsis.
                if self.at < self.end {
                    if let Some(cell) = self.buf.cell_mut((self.at, self.y)) {
                        if cell.symbol() != text {
                            cell.set_symbol(text);
                        }
                        cell.set_style(style);
                    }
                    self.at += 1;
                }
                return self;
            }
            None => {}
        }
        let bytes = text.as_bytes();
        let printable = |i: usize| bytes.get(i).is_some_and(|b| (0x20..0x7f).contains(b));
        let alone = |i: usize| {
            printable(i)
                && (i == 0 || printable(i - 1))
                && (i + 1 == bytes.len() || printable(i + 1))
        };
        let mut i = 0;
        while i < bytes.len() && self.at < self.end {
            if alone(i) {
                if let Some(cell) = self.buf.cell_mut((self.at, self.y)) {
                    put_char(cell, bytes[i], style);
                }
                self.at += 1;
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
            for (grapheme, w) in graphemes {
                if self.end - self.at < w {
                    return self;
                }
                self.buf
                    .set_stringn(self.at, self.y, grapheme, usize::from(w), style);
                self.at += w;
            }
            i = piece;
        }
        self
    }

    /// `text` fitted to exactly `columns` columns, as [`fit`] fits it, in `style`.
    pub fn fitted(&mut self, text: &str, columns: usize, style: Style) -> &mut Self {
        if !is_printable_ascii(text) {
            let used = crate::text::width(text);
            let room = usize::from(self.end.saturating_sub(self.at));
            return if used <= columns && used <= room {
                // What `fit` gives when nothing is cut, without making it.
                self.text(text, style).spaces(columns - used, style)
            } else {
                self.text(&fit(text, columns), style)
            };
        }
        if text.len() <= columns {
            self.ascii(text.bytes(), style)
                .spaces(columns - text.len(), style)
        } else if columns == 0 {
            self
        } else {
            self.ascii(text[..columns - 1].bytes(), style)
                .text(ELLIPSIS, style)
        }
    }

    /// `count` spaces in `style`.
    pub fn spaces(&mut self, count: usize, style: Style) -> &mut Self {
        self.ascii(std::iter::repeat_n(b' ', count), style)
    }

    /// Printable ASCII characters, each a grapheme of one column.
    fn ascii(&mut self, bytes: impl Iterator<Item = u8>, style: Style) -> &mut Self {
        for byte in bytes {
            if self.at >= self.end {
                break;
            }
            if let Some(cell) = self.buf.cell_mut((self.at, self.y)) {
                put_char(cell, byte, style);
            }
            self.at += 1;
        }
        self
    }
}

/// The columns `text` takes when it is a single character of one column or none (a
/// control character counts none: it is not drawn), else `None`.
fn lone_char_width(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    match c.width() {
        _ if c.is_control() => Some(0),
        None => Some(0),
        Some(w @ (0 | 1)) => Some(w),
        Some(_) => None,
    }
}

/// `cell.set_char(byte).set_style(style)` for a printable ASCII `byte`, skipping the new
/// symbol when the cell shows that character already (a blank cell shows a space).
fn put_char(cell: &mut Cell, byte: u8, style: Style) {
    let symbol = cell.symbol().as_bytes();
    if symbol.len() != 1 || symbol[0] != byte {
        cell.set_char(char::from(byte));
    }
    cell.set_style(style);
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
            // Single characters: narrow, zero-width, control, wide.
            "·",
            "\u{301}",
            "\t",
            "김",
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

    /// A fitted piece must draw exactly what the fitted text drawn as a span draws.
    #[test]
    fn fitted_draws_what_fit_draws() {
        let style = Style::new().fg(Color::Green);
        for text in [
            "",
            "a",
            "Jeju",
            "Ministry of Justice",
            "김민준",
            "Cafe\u{301}",
            "⊘ x",
        ] {
            for columns in 0..12 {
                for room in [3, 8, 20] {
                    let area = Rect::new(0, 0, 24, 1);
                    let mut ours = Buffer::empty(area);
                    RowWriter::new(&mut ours, 1, 0, room)
                        .fitted(text, columns, style)
                        .text("|", style);
                    let mut theirs = Buffer::empty(area);
                    let line = Line::from(vec![
                        Span::styled(fit(text, columns), style),
                        Span::styled("|", style),
                    ]);
                    theirs.set_line(1, 0, &line, room);
                    assert_eq!(ours, theirs, "{text:?} in {columns} of {room}");
                }
            }
        }
    }

    /// A lone character's width, measured as a character, is what measuring it as a
    /// string (as `set_stringn` does) gives.
    #[test]
    fn a_lone_character_measures_as_a_string_would() {
        let ranges = [
            0..0x3400,
            0xa000..0xac10,
            0xd7a0..0xd800,
            0xe000..0x1_0000,
            0x1_f000..0x1_fb00,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let text = c.to_string();
            let measured = if c.is_control() {
                Some(0)
            } else {
                Some(text.width()).filter(|w| *w <= 1)
            };
            assert_eq!(lone_char_width(&text), measured, "U+{:04X}", u32::from(c));
        }
    }
}
