//! Reading keymap files: the built-in one, and a user's over it. A line binds one action in
//! one section (`ACTION KEYS | FOOTER | HELP`); see the head of `defaults.keys`.

use ratatui::crossterm::event::KeyCode;

use super::{Action, Binding, names};
use crate::tui::ui::View;

/// A section of a keymap file: the keys every main view shares, a main view, or a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Views,
    Main(View),
    Detail,
    Moving,
    Projector,
    Presentation,
    Scoreboard,
    Person,
    FeedbackEntry,
    Filter,
    Form,
    Input,
    Help,
}

/// Every section, by the name a file gives it, in the order of the built-in file.
const SECTIONS: [(&str, Section); 20] = [
    ("views", Section::Views),
    ("agenda", Section::Main(View::Agenda)),
    ("attendance", Section::Main(View::Attendance)),
    ("assessment", Section::Main(View::Assessment)),
    ("comparison", Section::Main(View::Comparison)),
    ("plans", Section::Main(View::Plans)),
    ("exercises", Section::Main(View::Exercises)),
    ("feedback", Section::Main(View::Feedback)),
    ("room", Section::Main(View::Room)),
    ("detail", Section::Detail),
    ("moving", Section::Moving),
    ("projector", Section::Projector),
    ("presentation", Section::Presentation),
    ("scoreboard", Section::Scoreboard),
    ("person", Section::Person),
    ("feedback-entry", Section::FeedbackEntry),
    ("filter", Section::Filter),
    ("form", Section::Form),
    ("input", Section::Input),
    ("help", Section::Help),
];

impl Section {
    /// Its place among the sections.
    pub fn index(self) -> usize {
        SECTIONS.iter().position(|(_, s)| *s == self).unwrap_or(0)
    }

    /// The name a file gives it.
    pub fn name(self) -> &'static str {
        SECTIONS[self.index()].0
    }
}

/// What a line says of its keys.
#[derive(Debug, Clone)]
enum Keys {
    /// None written: a main view's line for a shared action keeps the shared keys.
    Inherit,
    /// `none`: the action is left out of the section.
    Unbound,
    /// Those shown, then those in brackets.
    Given(Vec<KeyCode>, Vec<KeyCode>),
}

/// Where a line came from: the user's file (with its line number) or the built-in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    BuiltIn(usize),
    User(usize),
}

#[derive(Debug, Clone)]
struct Line {
    action: Action,
    keys: Keys,
    footer: Option<String>,
    help: Option<String>,
    origin: Origin,
}

/// A file's lines, by section index.
type Sections = Vec<Vec<Line>>;

/// The tables of the built-in file with the user's file over it, or every problem found.
pub fn build(built_in: &str, user: Option<(&str, &str)>) -> Result<Vec<Vec<Binding>>, Vec<String>> {
    let mut problems = Vec::new();
    let mut sections = read(built_in, Origin::BuiltIn, &mut problems);
    let name = user.map_or("the built-in keymap", |(name, _)| name);
    if let Some((_, text)) = user {
        let over = read(text, Origin::User, &mut problems);
        apply(&mut sections, over, &mut problems);
    }
    keys_to_inherit(&sections, &mut problems);
    let tables = resolve(&sections);
    check(&tables, &mut problems);
    if problems.is_empty() {
        Ok(tables
            .into_iter()
            .map(|t| t.into_iter().map(|(b, _)| b).collect())
            .collect())
    } else {
        Err(problems
            .into_iter()
            .map(|(origin, what)| match origin {
                Origin::User(line) => format!("{name}:{line}: {what}"),
                Origin::BuiltIn(line) => format!("the built-in keymap:{line}: {what}"),
            })
            .collect())
    }
}

/// Reads a file's lines into sections; problems are noted and their lines left out.
fn read(text: &str, origin: fn(usize) -> Origin, problems: &mut Vec<(Origin, String)>) -> Sections {
    let mut sections: Sections = vec![Vec::new(); SECTIONS.len()];
    // `None` before the first `[section]`; `Some(None)` under one that does not exist,
    // whose lines are not read (the section's name was reported).
    let mut section: Option<Option<Section>> = None;
    for (at, raw) in (1..).zip(text.lines()) {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let here = origin(at);
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let found = SECTIONS
                .iter()
                .find(|(n, _)| *n == name.trim())
                .map(|(_, s)| *s);
            section = Some(found);
            if found.is_none() {
                let known: Vec<&str> = SECTIONS.iter().map(|(n, _)| *n).collect();
                problems.push((
                    here,
                    format!(
                        "unknown section [{name}]; the sections are {}",
                        known.join(", ")
                    ),
                ));
            }
            continue;
        }
        let in_section = match section {
            Some(Some(known)) => known,
            Some(None) => continue,
            None => {
                problems.push((here, "a binding before any [section]".to_owned()));
                continue;
            }
        };
        match parse_line(line, in_section, here) {
            Ok(parsed) => {
                let lines = &mut sections[in_section.index()];
                if let Some(first) = lines.iter().find(|l| l.action == parsed.action) {
                    let at = match first.origin {
                        Origin::User(n) | Origin::BuiltIn(n) => n,
                    };
                    problems.push((
                        here,
                        format!(
                            "{} is bound already in [{}] (line {at})",
                            names::action_name(parsed.action),
                            in_section.name()
                        ),
                    ));
                } else {
                    lines.push(parsed);
                }
            }
            Err(what) => problems.push((here, what)),
        }
    }
    sections
}

/// One binding line: `ACTION KEYS [| FOOTER [| HELP]]`.
fn parse_line(line: &str, section: Section, origin: Origin) -> Result<Line, String> {
    let mut parts = line.splitn(3, '|');
    let head = parts.next().unwrap_or_default();
    let footer = parts.next().map(|f| f.trim().to_owned());
    let help = parts.next().map(|h| h.trim().to_owned());
    let mut words = head.split_whitespace();
    let name = words.next().unwrap_or_default();
    let action = names::action(name).ok_or_else(|| format!("unknown action `{name}`"))?;
    let words: Vec<&str> = words.collect();
    let keys = match words.as_slice() {
        [] if matches!(section, Section::Main(_)) => Keys::Inherit,
        [] => {
            return Err(format!(
                "{name} has no keys: give at least one, or `none` to leave it out"
            ));
        }
        ["none"] => Keys::Unbound,
        words => parse_keys(words)?,
    };
    if let (Action::Level(_), Keys::Given(shown, hidden)) = (action, &keys) {
        let not_digit = shown
            .iter()
            .chain(hidden)
            .find(|k| !matches!(k, KeyCode::Char(c) if c.is_ascii_digit()));
        if let Some(key) = not_digit {
            return Err(format!(
                "level takes digit keys (the level is the digit pressed), not {}",
                names::key_name(*key)
            ));
        }
    }
    Ok(Line {
        action,
        keys,
        footer,
        help,
        origin,
    })
}

/// Keys, those in brackets after those shown: `Enter Right (l)`.
fn parse_keys(words: &[&str]) -> Result<Keys, String> {
    let (mut shown, mut hidden) = (Vec::new(), Vec::new());
    let mut in_brackets = false;
    for word in words {
        let mut word = *word;
        let opens = word.len() > 1 && word.starts_with('(');
        if opens {
            if in_brackets {
                return Err("a `(` inside brackets".to_owned());
            }
            in_brackets = true;
            word = &word[1..];
        }
        let closes = in_brackets && word.len() > 1 && word.ends_with(')');
        if closes {
            word = &word[..word.len() - 1];
        }
        let key = names::key(word).ok_or_else(|| {
            format!(
                "unknown key `{word}`: a key is one character, F1-F12 or one of Up Down Left \
                 Right PgUp PgDn Home End Enter Esc Tab Shift-Tab Backspace Delete Insert Space \
                 Bar Hash"
            )
        })?;
        if in_brackets {
            hidden.push(key);
        } else if !hidden.is_empty() {
            return Err("keys shown come before those in brackets".to_owned());
        } else {
            shown.push(key);
        }
        if closes {
            in_brackets = false;
        }
    }
    if in_brackets {
        return Err("a `(` without its `)`".to_owned());
    }
    if shown.is_empty() {
        return Err("at least one key is shown (outside brackets)".to_owned());
    }
    Ok(Keys::Given(shown, hidden))
}

/// Puts the user's lines over the built-in ones: an action's line replaces its keys, and
/// its footer and help where given.
fn apply(sections: &mut Sections, over: Sections, problems: &mut Vec<(Origin, String)>) {
    for (index, lines) in over.into_iter().enumerate() {
        let section = SECTIONS[index].1;
        let shared: Vec<Action> = sections[Section::Views.index()]
            .iter()
            .map(|l| l.action)
            .collect();
        for line in lines {
            let built_in = &mut sections[index];
            if let Some(old) = built_in.iter_mut().find(|l| l.action == line.action) {
                old.keys = line.keys;
                old.footer = line.footer.or(old.footer.take());
                old.help = line.help.or(old.help.take());
                old.origin = line.origin;
            } else if matches!(section, Section::Main(_)) && shared.contains(&line.action) {
                built_in.push(line);
            } else {
                problems.push((
                    line.origin,
                    format!(
                        "there is no {} in [{}]",
                        names::action_name(line.action),
                        section.name()
                    ),
                ));
            }
        }
    }
}

/// A main view's line may leave out its keys only for an action the views share (it then
/// has the shared keys); any other line without keys would bind nothing.
fn keys_to_inherit(sections: &Sections, problems: &mut Vec<(Origin, String)>) {
    let shared = &sections[Section::Views.index()];
    for line in sections.iter().flatten() {
        if matches!(line.keys, Keys::Inherit) && !shared.iter().any(|s| s.action == line.action) {
            problems.push((
                line.origin,
                format!(
                    "{} has no keys: give at least one, or `none` to leave it out",
                    names::action_name(line.action)
                ),
            ));
        }
    }
}

/// Each section's table: a main view's own lines, then the shared ones (its own line for a
/// shared action in that one's place); a mode's lines as they are.
fn resolve(sections: &Sections) -> Vec<Vec<(Binding, Origin)>> {
    let shared = &sections[Section::Views.index()];
    SECTIONS
        .iter()
        .map(|(_, section)| {
            let lines = &sections[section.index()];
            let mut table: Vec<(Binding, Origin)> = Vec::new();
            if !matches!(section, Section::Main(_)) {
                table.extend(lines.iter().filter_map(|l| binding(l, None)));
                return table;
            }
            let is_shared = |l: &Line| shared.iter().any(|s| s.action == l.action);
            table.extend(
                lines
                    .iter()
                    .filter(|l| !is_shared(l))
                    .filter_map(|l| binding(l, None)),
            );
            for common in shared {
                let own = lines.iter().find(|l| l.action == common.action);
                table.extend(match own {
                    Some(own) => binding(own, Some(common)),
                    None => binding(common, None),
                });
            }
            table
        })
        .collect()
}

/// A line as a binding (`None` if it leaves its action out); `shared` fills what it lacks.
fn binding(line: &Line, shared: Option<&Line>) -> Option<(Binding, Origin)> {
    let (keys, origin) = match (&line.keys, shared) {
        (Keys::Given(shown, hidden), _) => ((shown, hidden), line.origin),
        (
            Keys::Inherit,
            Some(Line {
                keys: Keys::Given(shown, hidden),
                origin,
                ..
            }),
        ) => ((shown, hidden), *origin),
        // Left out, or nothing to take the keys from.
        (Keys::Unbound | Keys::Inherit, _) => return None,
    };
    let text = |own: &Option<String>, theirs: Option<&Option<String>>| {
        own.clone()
            .or_else(|| theirs.and_then(Clone::clone))
            .unwrap_or_default()
    };
    Some((
        Binding {
            keys: keys.0.iter().chain(keys.1).copied().collect(),
            shown: names::shown_keys(keys.0),
            action: line.action,
            help: text(&line.help, shared.map(|s| &s.help)),
            footer: text(&line.footer, shared.map(|s| &s.footer)),
        },
        origin,
    ))
}

/// No key does two things in one table; the problem goes to the user's line if one is.
fn check(tables: &[Vec<(Binding, Origin)>], problems: &mut Vec<(Origin, String)>) {
    for (table, (name, _)) in tables.iter().zip(SECTIONS) {
        for (i, (later, later_origin)) in table.iter().enumerate() {
            for (earlier, earlier_origin) in &table[..i] {
                let Some(key) = later.keys.iter().find(|k| earlier.keys.contains(k)) else {
                    continue;
                };
                let origin = match (earlier_origin, later_origin) {
                    (Origin::User(_), Origin::BuiltIn(_)) => *earlier_origin,
                    _ => *later_origin,
                };
                let what = format!(
                    "{} is bound twice in [{name}]: to {} and to {}",
                    names::key_name(*key),
                    names::action_name(earlier.action),
                    names::action_name(later.action)
                );
                if !problems.contains(&(origin, what.clone())) {
                    problems.push((origin, what));
                }
            }
        }
    }
}
