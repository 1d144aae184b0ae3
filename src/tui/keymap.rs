//! One table of keys per mode. Keys turn into actions here and nowhere else; the footer and
//! the `?` help are generated from the same tables, so they never drift from what keys do.
//! The tables are data: the built-in keymap (`keymap/defaults.keys`, one line per binding)
//! and, over it, the user's own file, read when the app starts.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ui::{Mode, View};

mod file;
mod names;

pub use names::key as key_named;

pub use file::Section;

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
    EditLine,
    InsertItem,
    MoveItem,
    EditItem,
    ToggleOpen,
    TogglePeers,
    ToggleFeedback,
    PlaceUngrouped,
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
    PresentPlan,
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
    TickReference,
    AddLine,
    Scoreboard,
    Export,
}

/// One line of a keymap: the keys, how the footer and help name them, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Every key that does it: those shown first, then those that only work.
    pub keys: Vec<KeyCode>,
    /// How the keys are written in the footer and help ("n `PgDn`").
    pub shown: String,
    pub action: Action,
    /// The help overlay's description.
    pub help: String,
    /// A short word for the footer, or "" to leave it out of the footer.
    pub footer: String,
}

/// The built-in keymap, as shipped.
pub const BUILT_IN: &str = include_str!("keymap/defaults.keys");

static BUILT_IN_KEYMAP: LazyLock<Arc<Keymap>> = LazyLock::new(|| {
    // The built-in file is checked by a test; should it ever fail, no key would work.
    Arc::new(Keymap::parse(None).unwrap_or_else(|_| Keymap { tables: Vec::new() }))
});

/// Every table of keys: one per main view and one per mode over them.
#[derive(Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Indexed by [`Section::index`].
    tables: Vec<Vec<Binding>>,
}

impl Keymap {
    /// The built-in keymap.
    pub fn built_in() -> Arc<Self> {
        Arc::clone(&BUILT_IN_KEYMAP)
    }

    /// The built-in keymap with the lines of `user` (its file's name and text) over it; every
    /// problem as `FILE:LINE: what is wrong`.
    pub fn parse(user: Option<(&str, &str)>) -> Result<Self, Vec<String>> {
        file::build(BUILT_IN, user).map(|tables| Self { tables })
    }

    /// The keymap to run with: the user's file over the built-in one, if there is a file.
    pub fn load(path: &std::path::Path) -> Result<Arc<Self>, String> {
        let text = match crate::input::read_regular(path, 1024 * 1024) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| format!("{}: not UTF-8 text", path.display()))?,
            Err(crate::input::InputError::Io(err))
                if err.kind() == std::io::ErrorKind::NotFound =>
            {
                return Ok(Self::built_in());
            }
            Err(err) => return Err(format!("{}: cannot read: {err}", path.display())),
        };
        let name = path.display().to_string();
        Self::parse(Some((&name, &text)))
            .map(Arc::new)
            .map_err(|problems| problems.join("\n"))
    }

    /// The table for a mode of a view.
    pub fn table(&self, view: View, mode: &Mode) -> &[Binding] {
        let section = match mode {
            Mode::Normal => Section::Main(view),
            Mode::Detail => Section::Detail,
            Mode::Moving(_) => Section::Moving,
            Mode::Help(_) => Section::Help,
            Mode::Projector { .. } => Section::Projector,
            Mode::Input(_) => Section::Input,
            Mode::Filter => Section::Filter,
            Mode::Form(_) => Section::Form,
            Mode::Presentation => Section::Presentation,
            Mode::FeedbackEntry(_) => Section::FeedbackEntry,
            Mode::Scoreboard => Section::Scoreboard,
            Mode::Person => Section::Person,
        };
        self.tables.get(section.index()).map_or(&[], Vec::as_slice)
    }

    /// The action a key press asks for in `mode` of `view`, if any.
    pub fn action(&self, view: View, mode: &Mode, key: KeyEvent) -> Option<Action> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            // In a field, Ctrl-C cancels the field as a terminal's Ctrl-C cancels a line; it
            // quits from anywhere else.
            return Some(match mode {
                Mode::Input(_) | Mode::Filter | Mode::Form(_) | Mode::Moving(_) => Action::Back,
                _ => Action::Quit,
            });
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        let action = self
            .table(view, mode)
            .iter()
            .find(|b| b.keys.contains(&key.code))
            .map(|b| b.action);
        // One binding covers the digits; the level is the digit pressed.
        match (action, key.code) {
            (Some(Action::Level(_)), KeyCode::Char(c)) => c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Action::Level),
            _ => action,
        }
    }

    /// The first key shown for `action` in `mode` of `view`, for hints that name a key.
    pub fn key_for(&self, view: View, mode: &Mode, action: Action) -> Option<&str> {
        self.table(view, mode)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.shown.split(' ').next())
    }

    /// The footer's entries for `mode` of `view`: (keys, word, essential). Essential entries
    /// (help, quit, close) are always shown; the others as room allows, in table order.
    pub fn footer(&self, view: View, mode: &Mode) -> impl Iterator<Item = (&str, &str, bool)> {
        self.table(view, mode)
            .iter()
            .filter(|b| !b.footer.is_empty())
            .map(|b| {
                let essential = matches!(b.action, Action::Help | Action::Quit | Action::Back);
                (
                    b.shown.split(' ').next().unwrap_or(&b.shown),
                    b.footer.as_str(),
                    essential,
                )
            })
    }
}

/// Where the user's keymap file is: `keys` in the platform's config folder for workshop.
pub fn user_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "workshop").map(|d| d.config_dir().join("keys"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn press(keymap: &Keymap, view: View, c: char) -> Option<Action> {
        keymap.action(view, &Mode::Normal, KeyEvent::from(KeyCode::Char(c)))
    }

    fn user(text: &str) -> Result<Keymap, Vec<String>> {
        Keymap::parse(Some(("keys", text)))
    }

    #[test]
    fn g_means_a_good_practice_in_every_view_that_has_it() {
        let keymap = Keymap::built_in();
        for view in View::ALL {
            assert!(
                matches!(
                    press(&keymap, view, 'g'),
                    None | Some(Action::GoodPractice | Action::AddGoodPractice)
                ),
                "{view:?}: {:?}",
                press(&keymap, view, 'g')
            );
            assert_ne!(press(&keymap, view, 'G'), Some(Action::Bottom), "{view:?}");
        }
    }

    #[test]
    fn the_built_in_keymap_reads_whole_and_says_what_every_key_does() {
        let keymap = Keymap::parse(None).unwrap();
        for (index, table) in keymap.tables.iter().enumerate() {
            assert!(!table.is_empty() || index == Section::Views.index());
            for binding in table {
                assert!(!binding.help.is_empty(), "{binding:?}");
            }
        }
        assert_eq!(press(&keymap, View::Agenda, 'n'), Some(Action::Next));
        assert_eq!(
            press(&keymap, View::Assessment, '3'),
            Some(Action::Level(3))
        );
    }

    #[test]
    fn the_dumped_file_reads_back_as_the_built_in_keymap() {
        assert_eq!(user(BUILT_IN).unwrap(), Keymap::parse(None).unwrap());
    }

    #[test]
    fn a_line_changes_one_binding_and_the_footer_and_help_follow() {
        let keymap = user("[agenda]\nnext  n PgDn .\n").unwrap();
        assert_eq!(press(&keymap, View::Agenda, '.'), Some(Action::Next));
        assert_eq!(press(&keymap, View::Agenda, 'n'), Some(Action::Next));
        // Only in that view.
        assert_eq!(press(&keymap, View::Attendance, '.'), None);
        let next = &keymap.table(View::Agenda, &Mode::Normal)[0];
        assert_eq!(next.shown, "n PgDn .");
        assert_eq!(next.footer, "next");
        assert_eq!(next.help, "end the running item and start the next");
    }

    #[test]
    fn a_shared_key_is_changed_once_for_every_view() {
        let keymap = user("[views]\nundo z | back | take the last action back\n").unwrap();
        for view in View::ALL {
            assert_eq!(press(&keymap, view, 'z'), Some(Action::Undo), "{view:?}");
            assert_eq!(press(&keymap, view, 'u'), None, "{view:?}");
        }
        let footer: Vec<_> = keymap.footer(View::Attendance, &Mode::Normal).collect();
        assert!(footer.contains(&("z", "back", false)), "{footer:?}");
        // The agenda's own projector line keeps the shared keys.
        let keymap = user("[views]\nprojector F6\n").unwrap();
        let agenda = keymap.action(View::Agenda, &Mode::Normal, KeyEvent::from(KeyCode::F(6)));
        assert_eq!(agenda, Some(Action::Projector));
    }

    #[test]
    fn none_leaves_an_action_out_and_brackets_hide_a_key() {
        let keymap = user("[agenda]\nstop none\nnext n (.)\n").unwrap();
        assert_eq!(press(&keymap, View::Agenda, 'x'), None);
        assert_eq!(press(&keymap, View::Agenda, '.'), Some(Action::Next));
        assert_eq!(keymap.table(View::Agenda, &Mode::Normal)[0].shown, "n");
    }

    #[test]
    fn every_kind_of_mistake_is_refused_with_its_line() {
        let cases = [
            (
                "[agnda]\nnext .\n",
                "keys:1: unknown section [agnda]; the sections are views, agenda",
            ),
            ("next .\n", "keys:1: a binding before any [section]"),
            ("[agenda]\n\nnxt .\n", "keys:3: unknown action `nxt`"),
            (
                "[agenda]\nnext Pgdn\n",
                "keys:2: unknown key `Pgdn`: a key is one character",
            ),
            (
                "[agenda]\nnext s\n",
                "keys:2: s is bound twice in [agenda]: to next and to skip-selected",
            ),
            (
                "[agenda]\nnext .\nnext ,\n",
                "keys:3: next is bound already in [agenda] (line 2)",
            ),
            ("[agenda]\nlens v\n", "keys:2: there is no lens in [agenda]"),
            (
                "[assessment]\nlevel 1 2 x\n",
                "keys:2: level takes digit keys (the level is the digit pressed), not x",
            ),
            ("[agenda]\nnext n (.\n", "keys:2: a `(` without its `)`"),
            (
                "[detail]\nback\n",
                "keys:2: back has no keys: give at least one, or `none` to leave it out",
            ),
            (
                "[agenda]\nnext\n",
                "keys:2: next has no keys: give at least one, or `none` to leave it out",
            ),
        ];
        for (text, expected) in cases {
            let problems = user(text).unwrap_err();
            assert!(
                problems.iter().any(|p| p.starts_with(expected)),
                "{text:?}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_file_with_several_mistakes_names_each() {
        let problems = user("[agenda]\nnxt .\nnext Pgdn\n").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
