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
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

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
