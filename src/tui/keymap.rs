//! One table of keys per mode. Keys turn into actions here and nowhere else; the footer and
//! the `?` help are generated from the same tables, so they never drift from what keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ui::{Mode, View};

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
    PreviousDay,
    NextDay,
    TogglePresent,
    MarkLate,
    MarkLeftEarly,
    MarkExcused,
    MarkAbsent,
    ClearMark,
    MarkAllPresent,
    Filter,
    AddPerson,
    EditPerson,
    Withdraw,
    CheckIn,
    HeadCount,
    NextField,
    PreviousField,
    Level(u8),
    PreviousCity,
    NextCity,
    PeerMode,
    Evidence,
    GoodPractice,
    Priority,
    Lens,
    Sort,
    AddChallenge,
    AddGoodPractice,
    AddAction,
    Remove,
    CycleStatus,
    RoomWide,
    Present,
    Profile,
    EnterForms,
    Tally,
    Skip,
    NextExercise,
    Panel,
    FormGroups,
    RenameGroup,
    MoveToPreviousGroup,
    MoveToNextGroup,
    PreviousGroup,
    NextGroup,
    Tick,
    AddLine,
    Scoreboard,
    Export,
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
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
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
/// Projector mode from a view that does not offer it in its footer.
const PROJECTOR_KEY: Binding = bind(
    &[F(5), Char('P')],
    "F5 P",
    Action::Projector,
    "projector mode",
    "",
);
const NEXT_VIEW: Binding = bind(&[Tab], "Tab", Action::NextView, "next view", "");
/// Every main view offers the export.
const EXPORT: Binding = bind(
    &[Char('X')],
    "X",
    Action::Export,
    "export the results, every format, to the run's exports folder",
    "",
);
const PREVIOUS_VIEW: Binding = bind(
    &[BackTab],
    "Shift-Tab",
    Action::PreviousView,
    "previous view",
    "",
);
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
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The attendance view.
pub const ATTENDANCE: &[Binding] = &[
    bind(
        &[Char(' ')],
        "space",
        Action::TogglePresent,
        "mark the selected person present, or absent",
        "present",
    ),
    bind(
        &[Char('l')],
        "l",
        Action::MarkLate,
        "late (the time is now; edit it, Enter saves)",
        "late",
    ),
    bind(
        &[Char('o')],
        "o",
        Action::MarkLeftEarly,
        "left early (the time is now; edit it, Enter saves)",
        "",
    ),
    bind(
        &[Char('x')],
        "x",
        Action::MarkExcused,
        "excused, with an optional reason",
        "excused",
    ),
    bind(&[Char('a')], "a", Action::MarkAbsent, "absent", ""),
    bind(
        &[Backspace, Delete],
        "Backspace",
        Action::ClearMark,
        "clear the mark",
        "",
    ),
    bind(
        &[Char('A')],
        "A",
        Action::MarkAllPresent,
        "mark everyone without a mark present (one undo)",
        "all",
    ),
    bind(&[Up, Char('k')], "↑ k", Action::Up, "the person above", ""),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the person below",
        "",
    ),
    bind(
        &[Home, Char('g')],
        "g Home",
        Action::Top,
        "the first person",
        "",
    ),
    bind(
        &[End, Char('G')],
        "G End",
        Action::Bottom,
        "the last person",
        "",
    ),
    bind(
        &[Left, Char('[')],
        "← [",
        Action::PreviousDay,
        "the day before",
        "",
    ),
    bind(
        &[Right, Char(']')],
        "→ ]",
        Action::NextDay,
        "the day after",
        "",
    ),
    bind(
        &[Char('/')],
        "/",
        Action::Filter,
        "find by name, organisation, city or country (Esc clears)",
        "find",
    ),
    bind(&[Char('+')], "+", Action::AddPerson, "add a walk-in", "add"),
    bind(
        &[Char('E')],
        "E",
        Action::EditPerson,
        "correct the selected person's details",
        "",
    ),
    bind(
        &[Char('W')],
        "W",
        Action::Withdraw,
        "withdraw the selected person (marks are kept), or bring them back",
        "",
    ),
    bind(
        &[Char('i')],
        "i",
        Action::CheckIn,
        "check the person in or out of the running item (items that take attendance)",
        "",
    ),
    bind(&[Esc], "Esc", Action::Back, "clear the filter", ""),
    UNDO,
    PROJECTOR_KEY,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The assessment view.
pub const ASSESSMENT: &[Binding] = &[
    bind(
        &[
            Char('0'),
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
        ],
        "0-9",
        Action::Level(0),
        "set the level (0 = unknown) and go to the next criterion",
        "level",
    ),
    bind(
        &[Up, Char('k')],
        "↑ k",
        Action::Up,
        "the criterion above",
        "",
    ),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the criterion below",
        "",
    ),
    bind(
        &[Left, Char('[')],
        "← [",
        Action::PreviousCity,
        "the city before",
        "city",
    ),
    bind(
        &[Right, Char(']')],
        "→ ]",
        Action::NextCity,
        "the city after",
        "",
    ),
    bind(
        &[Char('r')],
        "r",
        Action::PeerMode,
        "peer mode: the selected city rates the others; r again returns to self-assessment",
        "peer",
    ),
    bind(
        &[Char('n')],
        "n",
        Action::Evidence,
        "add evidence for the city's own level",
        "evidence",
    ),
    bind(
        &[Char('g')],
        "g",
        Action::GoodPractice,
        "flag as a good practice to share",
        "",
    ),
    bind(
        &[Char('!')],
        "!",
        Action::Priority,
        "flag as a priority for action",
        "",
    ),
    UNDO,
    PROJECTOR_KEY,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The comparison view.
pub const COMPARISON: &[Binding] = &[
    bind(
        &[Char('v')],
        "v",
        Action::Lens,
        "show own levels, the peers' mean, or the gap",
        "view",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::Sort,
        "sort cities by the selected criterion, or by their mean",
        "sort",
    ),
    bind(
        &[Left, Char('h')],
        "← h",
        Action::Up,
        "the criterion to the left",
        "",
    ),
    bind(
        &[Right, Char('l')],
        "→ l",
        Action::Down,
        "the criterion to the right",
        "",
    ),
    bind(
        &[Up, Char('k')],
        "↑ k",
        Action::PreviousCity,
        "the city above",
        "",
    ),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::NextCity,
        "the city below",
        "",
    ),
    UNDO,
    PROJECTOR_KEY,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The plans view: distillation and action plans.
pub const PLANS: &[Binding] = &[
    bind(
        &[Char('c')],
        "c",
        Action::AddChallenge,
        "add a key challenge (tag it: #assistance #referral ...)",
        "challenge",
    ),
    bind(
        &[Char('g')],
        "g",
        Action::AddGoodPractice,
        "add a good practice (tag it with #criteria)",
        "practice",
    ),
    bind(
        &[Char('a')],
        "a",
        Action::AddAction,
        "add an action: what | who | when | criterion | indicator",
        "action",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::CycleStatus,
        "the selected action: planned, started, done, dropped",
        "",
    ),
    bind(
        &[Char('x'), Delete],
        "x",
        Action::Remove,
        "remove the selected challenge or practice",
        "",
    ),
    bind(&[Up, Char('k')], "↑ k", Action::Up, "the line above", ""),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the line below",
        "",
    ),
    bind(
        &[Left, Char('[')],
        "← [",
        Action::PreviousCity,
        "the city before",
        "",
    ),
    bind(
        &[Right, Char(']')],
        "→ ]",
        Action::NextCity,
        "the city after",
        "",
    ),
    bind(
        &[Char('w')],
        "w",
        Action::RoomWide,
        "the whole room, grouped by criterion",
        "room",
    ),
    bind(
        &[Enter],
        "Enter",
        Action::Present,
        "present this city's action plan full screen",
        "present",
    ),
    UNDO,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The exercises view.
pub const EXERCISES: &[Binding] = &[
    bind(
        &[Char('e')],
        "e",
        Action::NextExercise,
        "the next exercise",
        "exercise",
    ),
    bind(
        &[Char('v')],
        "v",
        Action::Panel,
        "groups, scores or checklist",
        "panel",
    ),
    bind(
        &[Char('G')],
        "G",
        Action::FormGroups,
        "form groups from the people present today (mixing cities and sectors)",
        "groups",
    ),
    bind(
        &[Char('r')],
        "r",
        Action::RenameGroup,
        "rename the selected group",
        "",
    ),
    bind(
        &[Char('['), Char('{')],
        "[",
        Action::MoveToPreviousGroup,
        "move the selected person to the group before",
        "",
    ),
    bind(
        &[Char(']'), Char('}')],
        "]",
        Action::MoveToNextGroup,
        "move the selected person to the group after",
        "",
    ),
    bind(
        &[Left, Char('h')],
        "← h",
        Action::PreviousGroup,
        "the group before",
        "",
    ),
    bind(
        &[Right, Char('l')],
        "→ l",
        Action::NextGroup,
        "the group after",
        "",
    ),
    bind(&[Up, Char('k')], "↑ k", Action::Up, "the line above", ""),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the line below",
        "",
    ),
    bind(
        &[
            Char('0'),
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
        ],
        "0-9",
        Action::Level(0),
        "scores: points for the selected group and criterion (Enter saves)",
        "points",
    ),
    bind(
        &[Char(' ')],
        "space",
        Action::Tick,
        "checklist: the group covered this reference item, or not",
        "",
    ),
    bind(
        &[Char('a')],
        "a",
        Action::AddLine,
        "checklist: add a line of the group's own checklist",
        "",
    ),
    bind(
        &[Char('S')],
        "S",
        Action::Scoreboard,
        "the scoreboard, full screen",
        "board",
    ),
    UNDO,
    PROJECTOR_KEY,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// The scoreboard on the wall.
pub const SCOREBOARD: &[Binding] = &[
    bind(
        &[Esc, Char('S'), Enter],
        "Esc",
        Action::Back,
        "back to the exercise",
        "back",
    ),
    bind(
        &[Char('e')],
        "e",
        Action::NextExercise,
        "the next exercise's scoreboard",
        "",
    ),
    HELP_KEY,
    QUIT,
];

/// The feedback view.
pub const FEEDBACK: &[Binding] = &[
    bind(
        &[Char('f')],
        "f",
        Action::EnterForms,
        "enter paper forms: digits answer, space skips, Enter saves and starts the next",
        "forms",
    ),
    bind(
        &[Char('t')],
        "t",
        Action::Tally,
        "add a tally of 1s to 5s for the selected module's usefulness",
        "tally",
    ),
    bind(&[Up, Char('k')], "↑ k", Action::Up, "the module above", ""),
    bind(
        &[Down, Char('j')],
        "↓ j",
        Action::Down,
        "the module below",
        "",
    ),
    UNDO,
    EXPORT,
    NEXT_VIEW,
    PREVIOUS_VIEW,
    HELP_KEY,
    QUIT,
];

/// Entering one paper form after another.
pub const FEEDBACK_ENTRY: &[Binding] = &[
    bind(
        &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5')],
        "1-5",
        Action::Level(0),
        "answer the current question and go to the next",
        "answer",
    ),
    bind(
        &[Char(' '), Char('0')],
        "space",
        Action::Skip,
        "leave the question blank",
        "skip",
    ),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        "go back one question",
        "",
    ),
    bind(
        &[Enter],
        "Enter",
        Action::Confirm,
        "save this form and start the next",
        "save",
    ),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        "stop entering forms (the form being typed is not saved)",
        "done",
    ),
];

/// Presenting one city's action plan.
pub const PRESENTATION: &[Binding] = &[
    bind(
        &[Right, Char(']'), PageDown, Char('n')],
        "→ PgDn",
        Action::NextCity,
        "the next city's plan",
        "next",
    ),
    bind(
        &[Left, Char('['), PageUp, Char('p')],
        "← PgUp",
        Action::PreviousCity,
        "the city before",
        "prev",
    ),
    bind(
        &[Esc, Enter],
        "Esc",
        Action::Back,
        "back to the plans",
        "back",
    ),
    HELP_KEY,
    QUIT,
];

/// Typing the attendance filter.
pub const FILTER: &[Binding] = &[
    bind(
        &[Enter, Down],
        "Enter",
        Action::Confirm,
        "keep the filter and go to the list",
        "keep",
    ),
    bind(&[Esc], "Esc", Action::Back, "clear the filter", "clear"),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        "delete the last character",
        "",
    ),
];

/// The participant form.
pub const FORM: &[Binding] = &[
    bind(
        &[Tab, Down],
        "Tab ↓",
        Action::NextField,
        "next field",
        "next",
    ),
    bind(
        &[BackTab, Up],
        "Shift-Tab ↑",
        Action::PreviousField,
        "previous field",
        "prev",
    ),
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

/// The table for a mode of a view.
pub fn table(view: View, mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => match view {
            View::Agenda => AGENDA,
            View::Attendance => ATTENDANCE,
            View::Assessment => ASSESSMENT,
            View::Comparison => COMPARISON,
            View::Plans => PLANS,
            View::Exercises => EXERCISES,
            View::Feedback => FEEDBACK,
        },
        Mode::Detail => DETAIL,
        Mode::Help(_) => HELP,
        Mode::Projector { .. } => PROJECTOR,
        Mode::Input(_) => INPUT,
        Mode::Filter => FILTER,
        Mode::Form(_) => FORM,
        Mode::Presentation => PRESENTATION,
        Mode::FeedbackEntry(_) => FEEDBACK_ENTRY,
        Mode::Scoreboard => SCOREBOARD,
    }
}

/// The action a key press asks for in `mode` of `view`, if any.
pub fn action(view: View, mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        // In a field, Ctrl-C cancels the field as a terminal's Ctrl-C cancels a line; it
        // quits from anywhere else.
        return Some(match mode {
            Mode::Input(_) | Mode::Filter | Mode::Form(_) => Action::Back,
            _ => Action::Quit,
        });
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    let action = table(view, mode)
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action);
    // One binding covers the digits; the level is the digit pressed.
    match (action, key.code) {
        (Some(Action::Level(_)), Char(c)) => c
            .to_digit(10)
            .and_then(|d| u8::try_from(d).ok())
            .map(Action::Level),
        _ => action,
    }
}

/// The footer's entries for `mode` of `view`: (keys, word, essential). Essential entries
/// (help, quit, close) are always shown; the others as room allows, in table order.
pub fn footer(view: View, mode: &Mode) -> impl Iterator<Item = (&'static str, &'static str, bool)> {
    table(view, mode)
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
