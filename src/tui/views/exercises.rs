//! The exercises view: an exercise's groups, the live score matrix with totals and ranks,
//! the checklist coverage against the reference items; and the scoreboard for the wall.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::columns::Headings;
use crate::event::FormedGroup;
use crate::event::Mark;
use crate::plan::Exercise;
use crate::state::{Standing, State};
use crate::text::{self, fit, truncate, width};
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// What the exercises view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExercisesView {
    /// The exercise selected (index into the plan's exercises).
    pub exercise: usize,
    /// What the view shows.
    pub panel: Panel,
    /// The selected group (index into the exercise's groups).
    pub group: usize,
    /// The selected line of the panel: a member, a rubric criterion or a reference item.
    pub row: usize,
}

/// What the exercises view shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Groups,
    Scores,
    Checklist,
}

mod actions;

impl ExercisesView {
    /// The exercise the view is on.
    pub fn exercise<'a>(&self, state: &'a State) -> Option<&'a Exercise> {
        let exercises = &state.plan().exercises;
        exercises.get(self.exercise.min(exercises.len().saturating_sub(1)))
    }

    /// Everyone on the roster, not withdrawn, in none of the exercise's groups (walk-ins
    /// who came after the groups were formed), in roster order.
    pub fn ungrouped(&self, state: &State) -> Vec<String> {
        let groups = state.groups(self.exercise(state).map(|e| e.id.as_str()));
        if groups.is_empty() {
            return Vec::new();
        }
        // Drawn on every frame of the groups panel: each member looked up once.
        let grouped: std::collections::HashSet<&str> = groups
            .iter()
            .flat_map(|g| g.members.iter().map(String::as_str))
            .collect();
        state
            .participants()
            .iter()
            .filter(|p| !grouped.contains(p.id.as_str()) && !state.is_withdrawn(&p.id))
            .map(|p| p.id.clone())
            .collect()
    }

    /// The selected group of the exercise's groups.
    pub fn group<'a>(&self, state: &'a State) -> Option<&'a FormedGroup> {
        let groups = state.groups(self.exercise(state).map(|e| e.id.as_str()));
        groups.get(self.group.min(groups.len().saturating_sub(1)))
    }
}

/// Draws the exercises view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let w = usize::from(area.width);
    let Some(exercise) = ui.exercises.exercise(state) else {
        frame.render_widget(Paragraph::new(" This plan has no exercises."), area);
        return;
    };
    let count = state.plan().exercises.len();
    let panel = match ui.exercises.panel {
        Panel::Groups => "groups",
        Panel::Scores => "scores",
        Panel::Checklist => "checklist",
    };
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                " {} ({} of {count}) · {panel} · e next exercise · v panel · S scoreboard",
                exercise.title,
                ui.exercises.exercise.min(count - 1) + 1
            ),
            w,
        ),
        THEME.label,
    )];
    let groups = state.groups(Some(&exercise.id));
    if groups.is_empty() {
        lines.push(Line::styled(
            " No groups yet: G forms them from the people present today.",
            THEME.item_done,
        ));
    } else {
        match ui.exercises.panel {
            Panel::Groups => lines.extend(group_lines(state, ui, groups, w)),
            Panel::Scores => lines.extend(score_lines(state, ui, exercise, groups, w)),
            Panel::Checklist => lines.extend(checklist_lines(state, ui, exercise, groups, w)),
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn group_lines(state: &State, ui: &Ui, groups: &[FormedGroup], w: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let selected = ui.exercises.group.min(groups.len() - 1);
    let day = state.current_day().unwrap_or(0);
    for (g, group) in groups.iter().enumerate() {
        let style = if g == selected {
            THEME.tab_active
        } else {
            THEME.day
        };
        lines.push(Line::styled(
            truncate(
                &format!(" {} ({} people)", group.name, group.members.len()),
                w,
            ),
            style,
        ));
        for (m, id) in group.members.iter().enumerate() {
            let p = state.participant(id);
            // Who will not be at the table today, said in words beside the name.
            let away = if state.is_withdrawn(id) {
                " · withdrawn"
            } else {
                match state.mark(id, day) {
                    Some(Mark::Absent) => " · absent today",
                    Some(Mark::Excused { .. }) => " · excused today",
                    _ => "",
                }
            };
            let text = p.map_or(id.clone(), |p| {
                format!("{} · {} · {}{away}", p.name, p.city, p.sector)
            });
            let style = if g == selected && m == ui.exercises.row {
                THEME.selected
            } else if away.is_empty() {
                THEME.item
            } else {
                THEME.item_done
            };
            lines.push(Line::styled(
                format!("   {}", truncate(&text, w.saturating_sub(4))),
                style,
            ));
        }
    }
    let ungrouped = ui.exercises.ungrouped(state);
    if !ungrouped.is_empty() {
        let names: Vec<String> = ungrouped
            .iter()
            .filter_map(|id| state.participant(id))
            .map(|p| format!("{} ({})", p.name, p.city))
            .collect();
        lines.push(Line::styled(
            format!(
                " In no group: {} · p places {} in {}",
                text::counted(names.len(), "person", "people"),
                names.first().map_or("", |n| n.as_str()),
                groups[selected].name
            ),
            THEME.warning,
        ));
        lines.extend(
            super::columns::pack("", &names, w, 2)
                .into_iter()
                .map(|l| Line::styled(l, THEME.item)),
        );
    }
    lines
}

fn score_lines(
    state: &State,
    ui: &Ui,
    exercise: &Exercise,
    groups: &[FormedGroup],
    w: usize,
) -> Vec<Line<'static>> {
    let name_w = groups
        .iter()
        .map(|g| width(&g.name))
        .max()
        .unwrap_or(5)
        .clamp(6, 18)
        + 2;
    let cell_w = (w.saturating_sub(name_w + 14) / exercise.rubric.len().max(1)).clamp(5, 18);
    // "indicators /10" where every heading fits so; else the ids, or shorter, with a legend
    // that gives each criterion's title and points.
    let with_points: Vec<String> = exercise
        .rubric
        .iter()
        .map(|c| format!("{} /{}", c.id, c.max_points))
        .collect();
    let with_points: Vec<&str> = with_points.iter().map(String::as_str).collect();
    let headings = if with_points.iter().all(|l| width(l) < cell_w) {
        Headings::fit(&with_points, cell_w - 1)
    } else {
        let names: Vec<String> = exercise
            .rubric
            .iter()
            .map(|c| format!("{} (up to {})", c.title, c.max_points))
            .collect();
        let ids: Vec<&str> = exercise.rubric.iter().map(|c| c.id.as_str()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        Headings::fit_named(&ids, &names, cell_w - 1)
    };
    let mut header = vec![Span::styled(fit(" GROUP", name_w), THEME.label)];
    for (c, label) in headings.labels.iter().enumerate() {
        let style = if c == ui.exercises.row {
            THEME.tab_active
        } else {
            THEME.label
        };
        header.push(Span::styled(fit(label, cell_w - 1) + " ", style));
    }
    header.push(Span::styled("TOTAL RANK", THEME.label));
    let mut lines = vec![Line::from(header)];
    let board = state.scoreboard(&exercise.id);
    for (g, group) in groups.iter().enumerate() {
        let mut spans = vec![Span::styled(
            fit(&format!(" {}", group.name), name_w),
            if g == ui.exercises.group {
                THEME.selected
            } else {
                THEME.item
            },
        )];
        for (c, criterion) in exercise.rubric.iter().enumerate() {
            let points = state
                .points(&exercise.id, &group.id, &criterion.id)
                .map_or("–".to_owned(), |p| p.to_string());
            let style = if g == ui.exercises.group && c == ui.exercises.row {
                THEME.selected
            } else {
                THEME.item
            };
            spans.push(Span::styled(fit(&points, cell_w - 1), style));
            spans.push(Span::raw(" "));
        }
        if let Some(standing) = board.iter().find(|s| s.group == group.id) {
            spans.push(Span::raw(match standing.rank {
                Some(_) => format!("{:>5} {}", standing.total, rank_words(&board, standing)),
                None => format!("{:>5} {}", "–", rank_words(&board, standing)),
            }));
        }
        lines.push(Line::from(spans));
    }
    lines.extend(
        headings
            .legend_lines(w, 3)
            .into_iter()
            .map(|l| Line::styled(l, THEME.footer_text)),
    );
    if let Some(criterion) = exercise.rubric.get(ui.exercises.row) {
        lines.push(Line::styled(
            truncate(
                &format!(
                    " {}: up to {} points. Type the points, Enter saves.",
                    criterion.title, criterion.max_points
                ),
                w,
            ),
            THEME.footer_text,
        ));
    }
    lines
}

/// The groups' column headings and the columns each takes: each group's whole name where
/// the reference items keep 30 columns; else short names, read by a legend under the table.
fn group_headings(groups: &[FormedGroup], w: usize) -> (Headings, usize) {
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let longest = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let col = if w.saturating_sub((longest + 1) * groups.len() + 2) >= 30 {
        (longest + 1).max(6)
    } else {
        6
    };
    (Headings::fit(&names, col - 1), col)
}

fn checklist_lines(
    state: &State,
    ui: &Ui,
    exercise: &Exercise,
    groups: &[FormedGroup],
    w: usize,
) -> Vec<Line<'static>> {
    if exercise.checklist.is_empty() {
        return vec![Line::styled(
            " This exercise has no reference checklist.",
            THEME.item_done,
        )];
    }
    let (headings, col) = group_headings(groups, w);
    let item_w = w.saturating_sub(col * groups.len() + 2).max(10);
    let mut header = vec![Span::styled(fit(" REFERENCE ITEM", item_w), THEME.label)];
    for (g, label) in headings.labels.iter().enumerate() {
        header.push(Span::styled(
            fit(label, col - 1) + " ",
            if g == ui.exercises.group {
                THEME.tab_active
            } else {
                THEME.label
            },
        ));
    }
    let mut lines = vec![Line::from(header)];
    for (i, item) in exercise.checklist.iter().enumerate() {
        let nobody = !groups
            .iter()
            .any(|g| state.covered(&exercise.id, &g.id, &item.id));
        let item_style = if i == ui.exercises.row {
            THEME.selected
        } else if nobody {
            THEME.warning
        } else {
            THEME.item
        };
        let mut spans = vec![Span::styled(
            fit(&format!(" {}", item.text), item_w),
            item_style,
        )];
        for group in groups {
            let mark = if state.covered(&exercise.id, &group.id, &item.id) {
                "✓"
            } else {
                "·"
            };
            spans.push(Span::raw(fit(mark, col)));
        }
        lines.push(Line::from(spans));
    }
    let mut coverage = vec![Span::styled(fit(" Covered", item_w), THEME.label)];
    for group in groups {
        let n = exercise
            .checklist
            .iter()
            .filter(|item| state.covered(&exercise.id, &group.id, &item.id))
            .count();
        coverage.push(Span::raw(fit(
            &format!("{n}/{}", exercise.checklist.len()),
            col,
        )));
    }
    lines.push(Line::from(coverage));
    lines.extend(
        headings
            .legend_lines(w, 2)
            .into_iter()
            .map(|l| Line::styled(l, THEME.footer_text)),
    );
    let missed: Vec<String> = state
        .uncovered(&exercise.id)
        .iter()
        .filter_map(|id| {
            exercise
                .checklist
                .iter()
                .find(|i| &i.id == id)
                .map(|i| i.text.clone())
        })
        .collect();
    let debrief = if missed.is_empty() {
        " Every reference item was found by some group.".to_owned()
    } else {
        format!(" No group found: {}", missed.join(" · "))
    };
    lines.push(Line::styled(truncate(&debrief, w), THEME.warning));
    if let Some(group) = groups.get(ui.exercises.group) {
        lines.push(Line::styled(
            format!(" {}'s own checklist (a adds a line):", group.name),
            THEME.label,
        ));
        lines.extend(
            state
                .checklist_lines(&exercise.id, &group.id)
                .iter()
                .map(|l| Line::raw(truncate(&format!("   • {l}"), w))),
        );
    }
    lines
}

/// A group's rank as the room reads it: "1", "1=" where groups tie, "–" before it has
/// points.
pub fn rank_words(board: &[Standing], standing: &Standing) -> String {
    match standing.rank {
        None => "–".to_owned(),
        Some(rank) if board.iter().filter(|s| s.rank == Some(rank)).count() > 1 => {
            format!("{rank}=")
        }
        Some(rank) => rank.to_string(),
    }
}

/// The scoreboard on the wall: groups by total, ties shown as ties, no participant names.
pub fn scoreboard(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    frame.render_widget(Block::new().style(THEME.projector), area);
    let Some(exercise) = ui.exercises.exercise(state) else {
        return;
    };
    let board = state.scoreboard(&exercise.id);
    let top: u32 = exercise.rubric.iter().map(|c| c.max_points).sum();
    let groups = state.groups(Some(&exercise.id));
    let mut lines = vec![
        Line::raw(""),
        Line::styled(exercise.title.clone(), THEME.projector_title).centered(),
        Line::raw(""),
    ];
    let bar_room = usize::from(area.width).saturating_sub(40);
    for standing in &board {
        let name = groups
            .iter()
            .find(|g| g.id == standing.group)
            .map_or(standing.group.clone(), |g| g.name.clone());
        #[allow(clippy::cast_possible_truncation)] // a bar of a few dozen cells
        let cells = if top == 0 {
            0
        } else {
            (u64::from(standing.total) * bar_room as u64 / u64::from(top)) as usize
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:>3} {} ", rank_words(&board, standing), fit(&name, 18)),
                THEME.projector_clock,
            ),
            Span::styled(" ".repeat(cells), THEME.gauge_items),
            Span::styled(
                match standing.rank {
                    Some(_) => format!(" {} / {top}", standing.total),
                    None => " no points yet".to_owned(),
                },
                THEME.projector_clock,
            ),
        ]));
        lines.push(Line::raw(""));
    }
    frame.render_widget(Paragraph::new(lines).style(THEME.projector), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_read_as_ties_and_a_group_without_points_has_none() {
        let standing = |rank: Option<usize>, group: &str, total: u32| Standing {
            rank,
            group: group.to_owned(),
            total,
        };
        let board = [
            standing(Some(1), "g1", 19),
            standing(Some(1), "g2", 19),
            standing(Some(3), "g3", 12),
            standing(None, "g4", 0),
        ];
        let words: Vec<String> = board.iter().map(|s| rank_words(&board, s)).collect();
        assert_eq!(words, ["1=", "1=", "3", "–"]);
    }
}
