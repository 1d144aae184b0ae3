//! One table of keys per mode. Keys turn into actions here and nowhere else; the footer and
//! the `?` help are generated from the same tables, so they never drift from what keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ui::Mode;

/// What a key asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    OpenDetail,
    StartSelected,
    Next,
    Previous,
    Stop,
    TogglePause,
    SkipSelected,
    EditDuration,
    AddNote,
    Nudge(i32),
    Undo,
    Projector,
    Message,
    Blank,
    Help,
    Back,
    Confirm,
    DeleteChar,
    NextView,
    PreviousView,
    Quit,
}

/// One line of a keymap: the keys, how the footer and help name them, and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help ("n `PgDn`").
    pub shown: &'static str,
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// A short word for the footer, or "" to leave it out of the footer.
    pub footer: &'static str,
}

const fn bind(
    keys: &'static [KeyCode],
    shown: &'static str,
    action: Action,
    help: &'static str,
    footer: &'static str,
) -> Binding {
    Binding {
        keys,
        shown,
        action,
        help,
        footer,
    }
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

const NEXT: Binding = bind(
    &[Char('n'), PageDown],
    "n PgDn",
    Action::Next,
    "end the running item and start the next",
    "next",
);
const PREVIOUS: Binding = bind(
    &[Char('p'), PageUp],
    "p PgUp",
    Action::Previous,
    "go back to the previous item",
    "prev",
);
const PAUSE: Binding = bind(
    &[Char(' ')],
    "space",
    Action::TogglePause,
    "pause or resume the clock",
    "pause",
);
const MORE_TIME: Binding = bind(
    &[Char('+'), Char('=')],
    "+",
    Action::Nudge(5),
    "give the running item 5 more minutes",
    "",
);
const LESS_TIME: Binding = bind(
    &[Char('-')],
    "-",
    Action::Nudge(-5),
    "take 5 minutes from the running item",
    "",
);
const UNDO: Binding = bind(
    &[Char('u')],
    "u",
    Action::Undo,
    "undo the last action (repeatable)",
    "undo",
);
const HELP_KEY: Binding = bind(&[Char('?')], "?", Action::Help, "show every key", "help");
const QUIT: Binding = bind(
    &[Char('q')],
    "q",
    Action::Quit,
    "quit (everything is already saved)",
    "quit",
);

/// The agenda view.
pub const AGENDA: &[Binding] = &[
    NEXT,
    PREVIOUS,
    PAUSE,
    bind(
        &[Up, Char('k')],
        "↑ k",
        Action::Up,
        "select the item above",
        "",
    ),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "select the item below",
        "",
    ),
    bind(
        &[Home, Char('g')],
        "g Home",
        Action::Top,
        "select the first item",
        "",
    ),
    bind(
        &[End, Char('G')],
        "G End",
        Action::Bottom,
        "select the last item",
        "",
    ),
    bind(
        &[Enter, Right, Char('l')],
        "Enter →",
        Action::OpenDetail,
        "open the selected item (Enter again starts it)",
        "open",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::SkipSelected,
        "skip the selected item, or bring it back",
        "skip",
    ),
    bind(
        &[Char('e')],
        "e",
        Action::EditDuration,
        "edit the selected item's planned minutes",
        "edit",
    ),
    bind(
        &[Char('a')],
        "a",
        Action::AddNote,
        "add a note to the selected item",
        "note",
    ),
    MORE_TIME,
    LESS_TIME,
    bind(
        &[Char('x')],
        "x",
        Action::Stop,
        "end the running item without starting another (end of day)",
        "",
    ),
    bind(
        &[Char('m')],
        "m",
        Action::Message,
        "set or clear the projector message",
        "",
    ),
    UNDO,
    bind(
        &[F(5), Char('P')],
        "F5 P",
        Action::Projector,
        "projector mode",
        "projector",
    ),
    bind(&[Tab], "Tab", Action::NextView, "next view", ""),
    bind(
        &[BackTab],
        "Shift-Tab",
        Action::PreviousView,
        "previous view",
        "",
    ),
    HELP_KEY,
    QUIT,
];

/// The selected item's detail.
pub const DETAIL: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::StartSelected,
        "start this item now",
        "start",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::SkipSelected,
        "skip this item, or bring it back",
        "skip",
    ),
    bind(
        &[Char('e')],
        "e",
        Action::EditDuration,
        "edit its planned minutes",
        "edit",
    ),
    bind(&[Char('a')], "a", Action::AddNote, "add a note", "note"),
    bind(&[Up, Char('k')], "↑ k", Action::Up, "the item above", ""),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the item below",
        "",
    ),
    UNDO,
    bind(
        &[Esc, Left, Char('h')],
        "Esc",
        Action::Back,
        "close",
        "close",
    ),
    HELP_KEY,
    // In the detail, Esc is the way out; quitting still works but is not offered.
    bind(
        &[Char('q')],
        "q",
        Action::Quit,
        "quit (everything is already saved)",
        "",
    ),
];

/// Projector mode. Presenter clickers send `PgDn` and `PgUp`.
pub const PROJECTOR: &[Binding] = &[
    NEXT,
    PREVIOUS,
    PAUSE,
    MORE_TIME,
    LESS_TIME,
    bind(
        &[Char('m')],
        "m",
        Action::Message,
        "set or clear the message (\"Back at 14:00\" counts down)",
        "message",
    ),
    bind(
        &[Char('b')],
        "b",
        Action::Blank,
        "blank the screen, or show it again",
        "blank",
    ),
    UNDO,
    bind(
        &[F(5), Char('P'), Esc],
        "F5 P Esc",
        Action::Projector,
        "leave projector mode",
        "back",
    ),
    HELP_KEY,
    QUIT,
];

/// Over the help overlay.
pub const HELP: &[Binding] = &[bind(
    &[Esc, Char('?'), Char('q'), Enter],
    "Esc ?",
    Action::Back,
    "close the help",
    "close",
)];

/// Over a text field: everything else typed goes into the field.
pub const INPUT: &[Binding] = &[
    bind(&[Enter], "Enter", Action::Confirm, "save", "save"),
    bind(&[Esc], "Esc", Action::Back, "cancel", "cancel"),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        "delete the last character",
        "",
    ),
];

/// The table for a mode.
pub fn table(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => AGENDA,
        Mode::Detail => DETAIL,
        Mode::Help(_) => HELP,
        Mode::Projector { .. } => PROJECTOR,
        Mode::Input(_) => INPUT,
    }
}

/// The action a key press asks for in `mode`, if any.
pub fn action(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        return Some(Action::Quit);
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    table(mode)
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The footer's entries for `mode`: (keys, word, essential). Essential entries (help, quit,
/// close) are always shown; the others as room allows, in table order.
pub fn footer(mode: &Mode) -> impl Iterator<Item = (&'static str, &'static str, bool)> {
    table(mode)
        .iter()
        .filter(|b| !b.footer.is_empty())
        .map(|b| {
            let essential = matches!(b.action, Action::Help | Action::Quit | Action::Back);
            (
                b.shown.split(' ').next().unwrap_or(b.shown),
                b.footer,
                essential,
            )
        })
}
