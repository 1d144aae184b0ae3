//! Styles by meaning, not by colour: views name what a thing is, the theme says how it looks.
//! Colour never carries meaning alone; a glyph or a word says the same.

use ratatui::style::{Color, Modifier, Style};

/// The app's semantic styles.
pub struct Theme {
    pub header: Style,
    pub header_dim: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub label: Style,
    pub day: Style,
    pub module: Style,
    pub item: Style,
    pub item_done: Style,
    pub item_skipped: Style,
    pub item_running: Style,
    pub item_near_end: Style,
    pub item_over: Style,
    pub selected: Style,
    pub ahead: Style,
    pub behind: Style,
    pub warning: Style,
    pub error: Style,
    pub info: Style,
    pub footer_key: Style,
    pub footer_text: Style,
    pub popup: Style,
    pub popup_title: Style,
    pub projector: Style,
    pub projector_clock: Style,
    pub projector_title: Style,
    pub projector_dim: Style,
    pub projector_next: Style,
    pub projector_message: Style,
    pub gauge_items: Style,
    pub gauge_time: Style,
    pub present: Style,
    pub late: Style,
    pub left_early: Style,
    pub excused: Style,
    pub absent: Style,
    /// From the lowest level to the highest, five steps.
    pub levels: [Style; 5],
}

/// The one theme; high contrast because the screen is often projected.
pub const THEME: Theme = Theme {
    header: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    header_dim: Style::new().fg(Color::Gray).bg(Color::Blue),
    tab: Style::new().fg(Color::Gray),
    tab_active: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    label: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    day: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    module: Style::new().fg(Color::Magenta),
    item: Style::new(),
    item_done: Style::new().fg(Color::DarkGray),
    item_skipped: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::CROSSED_OUT),
    item_running: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    item_near_end: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    item_over: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    ahead: Style::new().fg(Color::Green),
    behind: Style::new().fg(Color::Yellow),
    warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    info: Style::new().fg(Color::Green),
    footer_key: Style::new().fg(Color::Black).bg(Color::Gray),
    footer_text: Style::new().fg(Color::Gray),
    popup: Style::new().fg(Color::White).bg(Color::Black),
    popup_title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    projector: Style::new().fg(Color::White).bg(Color::Black),
    projector_clock: Style::new()
        .fg(Color::White)
        .bg(Color::Black)
        .add_modifier(Modifier::BOLD),
    projector_title: Style::new()
        .fg(Color::Yellow)
        .bg(Color::Black)
        .add_modifier(Modifier::BOLD),
    projector_dim: Style::new().fg(Color::Gray).bg(Color::Black),
    projector_next: Style::new()
        .fg(Color::White)
        .bg(Color::Black)
        .add_modifier(Modifier::BOLD),
    projector_message: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    gauge_items: Style::new().fg(Color::Cyan).bg(Color::DarkGray),
    gauge_time: Style::new().fg(Color::Yellow).bg(Color::DarkGray),
    present: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    late: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    left_early: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    excused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    absent: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    levels: [
        Style::new().fg(Color::Black).bg(Color::Red),
        Style::new().fg(Color::Black).bg(Color::LightRed),
        Style::new().fg(Color::Black).bg(Color::Yellow),
        Style::new().fg(Color::Black).bg(Color::LightGreen),
        Style::new().fg(Color::Black).bg(Color::Green),
    ],
};
