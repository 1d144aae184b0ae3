//! The names a keymap file gives to actions and keys, and how the footer and help show keys.

use ratatui::crossterm::event::KeyCode;

use super::Action;

/// Every action a keymap file can name. `level` is one binding for the digits (the level is
/// the digit pressed); `more-time` and `less-time` give or take five minutes.
pub const ACTIONS: &[(&str, Action)] = &[
    ("up", Action::Up),
    ("down", Action::Down),
    ("page-up", Action::PageUp),
    ("page-down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("open-detail", Action::OpenDetail),
    ("start-selected", Action::StartSelected),
    ("next", Action::Next),
    ("previous", Action::Previous),
    ("stop", Action::Stop),
    ("toggle-pause", Action::TogglePause),
    ("skip-selected", Action::SkipSelected),
    ("edit-duration", Action::EditDuration),
    ("add-note", Action::AddNote),
    ("more-time", Action::Nudge(5)),
    ("less-time", Action::Nudge(-5)),
    ("undo", Action::Undo),
    ("projector", Action::Projector),
    ("message", Action::Message),
    ("blank", Action::Blank),
    ("help", Action::Help),
    ("back", Action::Back),
    ("confirm", Action::Confirm),
    ("delete-char", Action::DeleteChar),
    ("next-view", Action::NextView),
    ("previous-view", Action::PreviousView),
    ("quit", Action::Quit),
    ("previous-day", Action::PreviousDay),
    ("next-day", Action::NextDay),
    ("toggle-present", Action::TogglePresent),
    ("mark-late", Action::MarkLate),
    ("mark-left-early", Action::MarkLeftEarly),
    ("mark-excused", Action::MarkExcused),
    ("mark-absent", Action::MarkAbsent),
    ("clear-mark", Action::ClearMark),
    ("mark-all-present", Action::MarkAllPresent),
    ("filter", Action::Filter),
    ("add-person", Action::AddPerson),
    ("edit-person", Action::EditPerson),
    ("edit-line", Action::EditLine),
    ("insert-item", Action::InsertItem),
    ("move-item", Action::MoveItem),
    ("edit-item", Action::EditItem),
    ("toggle-open", Action::ToggleOpen),
    ("toggle-peers", Action::TogglePeers),
    ("toggle-feedback", Action::ToggleFeedback),
    ("place-ungrouped", Action::PlaceUngrouped),
    ("withdraw", Action::Withdraw),
    ("check-in", Action::CheckIn),
    ("head-count", Action::HeadCount),
    ("next-field", Action::NextField),
    ("previous-field", Action::PreviousField),
    ("level", Action::Level(0)),
    ("previous-city", Action::PreviousCity),
    ("next-city", Action::NextCity),
    ("peer-mode", Action::PeerMode),
    ("evidence", Action::Evidence),
    ("good-practice", Action::GoodPractice),
    ("priority", Action::Priority),
    ("lens", Action::Lens),
    ("sort", Action::Sort),
    ("add-challenge", Action::AddChallenge),
    ("add-good-practice", Action::AddGoodPractice),
    ("add-action", Action::AddAction),
    ("remove", Action::Remove),
    ("cycle-status", Action::CycleStatus),
    ("room-wide", Action::RoomWide),
    ("present-plan", Action::PresentPlan),
    ("profile", Action::Profile),
    ("enter-forms", Action::EnterForms),
    ("tally", Action::Tally),
    ("skip", Action::Skip),
    ("next-exercise", Action::NextExercise),
    ("panel", Action::Panel),
    ("form-groups", Action::FormGroups),
    ("rename-group", Action::RenameGroup),
    ("move-to-previous-group", Action::MoveToPreviousGroup),
    ("move-to-next-group", Action::MoveToNextGroup),
    ("previous-group", Action::PreviousGroup),
    ("next-group", Action::NextGroup),
    ("tick-reference", Action::TickReference),
    ("add-line", Action::AddLine),
    ("scoreboard", Action::Scoreboard),
    ("export", Action::Export),
];

/// The action named `name` in a keymap file.
pub fn action(name: &str) -> Option<Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// The name a keymap file gives `action`.
pub fn action_name(action: Action) -> &'static str {
    let action = match action {
        Action::Level(_) => Action::Level(0),
        other => other,
    };
    ACTIONS
        .iter()
        .find(|(_, a)| *a == action)
        .map_or("?", |(n, _)| n)
}

/// Keys written by name in a keymap file (any other key is its one character).
const NAMED: &[(&str, KeyCode)] = &[
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    // `|` separates a line's parts and `#` starts a comment.
    ("Bar", KeyCode::Char('|')),
    ("Hash", KeyCode::Char('#')),
];

/// The key a keymap file names `name`: a name above, `F1` to `F12`, or one character.
pub fn key(name: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(*code);
    }
    if let Some(n) = name.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && !c.is_whitespace() && c != '|' && c != '#' => {
            Some(KeyCode::Char(c))
        }
        _ => None,
    }
}

/// How a keymap file writes `code`.
pub fn key_name(code: KeyCode) -> String {
    if let Some((name, _)) = NAMED.iter().find(|(_, c)| *c == code) {
        return (*name).to_owned();
    }
    match code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

/// How the footer and help show `code`: arrows as arrows, the rest as the file writes it.
pub fn shown(code: KeyCode) -> String {
    match code {
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::Char(' ') => "space".to_owned(),
        other => key_name(other),
    }
}

/// The keys the footer and help show, in order: three or more digits in a row as `1-5`.
pub fn shown_keys(keys: &[KeyCode]) -> String {
    let digits: Vec<u32> = keys
        .iter()
        .map_while(|k| match k {
            KeyCode::Char(c) => c.to_digit(10),
            _ => None,
        })
        .collect();
    if digits.len() == keys.len()
        && digits.len() >= 3
        && digits.windows(2).all(|w| w[1] == w[0] + 1)
    {
        return format!("{}-{}", digits[0], digits[digits.len() - 1]);
    }
    keys.iter().map(|k| shown(*k)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_key_name_reads_back_as_itself() {
        for (name, action) in ACTIONS {
            assert_eq!(super::action(name), Some(*action), "{name}");
            assert_eq!(action_name(*action), *name);
        }
        for (name, code) in NAMED {
            assert_eq!(key(name), Some(*code), "{name}");
            assert_eq!(key_name(*code), *name);
        }
        assert_eq!(key("F12"), Some(KeyCode::F(12)));
        assert_eq!(key("F13"), None);
        assert_eq!(key("|"), None, "the separator is written Bar");
        assert_eq!(
            shown_keys(&[KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Char('3')]),
            "1-3"
        );
        assert_eq!(shown_keys(&[KeyCode::Up, KeyCode::Char('k')]), "↑ k");
    }
}
