//! The feedback view: each module's usefulness and interest with their distributions, the
//! overall satisfaction, modules ranked by usefulness, and the fast entry of paper forms.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::columns::pack;
use crate::event::Question;
use crate::state::State;
use crate::text::{counted, fit, truncate};
use crate::tui::theme::THEME;
use crate::tui::ui::{Mode, Ui};

/// What the feedback view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackView {
    /// The module selected (index into the plan's modules).
    pub module: usize,
    /// Whether `Esc` was pressed once on a begun form: a second one leaves without it.
    pub leaving: bool,
}

mod actions;

pub use actions::command_for;

/// A question in words.
pub fn question_words(state: &State, question: &Question) -> String {
    let title = |id: &str| {
        state
            .plan()
            .modules
            .iter()
            .find(|m| m.id == id)
            .map_or(id.to_owned(), |m| m.title.clone())
    };
    match question {
        Question::Usefulness { module } => format!("How useful was {}?", title(module)),
        Question::Interest { module } => format!("How interesting was {}?", title(module)),
        Question::Overall => "Overall satisfaction with the workshop?".to_owned(),
    }
}

fn mean_text(mean: Option<f64>) -> String {
    mean.map_or("  –".to_owned(), |m| format!("{m:.1}"))
}

/// "0 1 3 5 2", the counts of 1s to 5s.
fn counts_text(counts: [u32; 5]) -> String {
    counts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Draws the feedback view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let w = usize::from(area.width);
    let overall = state.distribution(&Question::Overall);
    let answered: u32 = overall.iter().sum();
    let satisfied = state
        .satisfied_share(&Question::Overall)
        .map_or("–".to_owned(), |s| format!("{:.0}%", s * 100.0));
    let lines = vec![Line::styled(
        truncate(
            &format!(
                " Feedback · {} · overall satisfaction {} (mean {}, {}, 1s-5s: {}) · f forms · t tally",
                counted(state.feedback_forms(), "form", "forms"),
                satisfied,
                mean_text(state.feedback_mean(&Question::Overall)).trim(),
                counted(answered as usize, "answer", "answers"),
                counts_text(overall)
            ),
            w,
        ),
        THEME.label,
    )];
    let ranked = state.modules_by_usefulness();
    let table_height = u16::try_from(state.plan().modules.len() + 1).unwrap_or(u16::MAX);
    let [heading, table_area, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(table_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), heading);
    module_table(frame, table_area, state, ui, &ranked);
    let mut lines = Vec::new();
    if !ranked.is_empty() {
        lines.push(Line::raw(""));
        let order: Vec<String> = ranked
            .iter()
            .filter_map(|(id, mean)| {
                state
                    .plan()
                    .modules
                    .iter()
                    .find(|m| &m.id == id)
                    .map(|m| format!("{} ({mean:.1})", m.title))
            })
            .collect();
        lines.push(Line::styled(
            truncate(&format!(" Most useful first: {}", order.join(" > ")), w),
            THEME.footer_text,
        ));
    }
    if let Mode::FeedbackEntry(answers) = &ui.mode {
        lines.push(Line::raw(""));
        lines.extend(entry_lines(state, answers, w));
    }
    frame.render_widget(Paragraph::new(lines), rest);
}

/// Each module's usefulness, its spread and interest, and its rank: a `Table` whose
/// selected module's title is highlighted.
fn module_table(frame: &mut Frame, area: Rect, state: &State, ui: &Ui, ranked: &[(String, f64)]) {
    let w = usize::from(area.width);
    let title_w = w.saturating_sub(44).max(12);
    let modules = &state.plan().modules;
    let header = Row::new([
        format!(" {} ", fit("MODULE", title_w)),
        " USEFUL ".to_owned(),
        " 1s-5s        ".to_owned(),
        "INTEREST  ".to_owned(),
        "RANK".to_owned(),
    ])
    .style(THEME.label);
    let rows = modules.iter().enumerate().map(|(i, module)| {
        let useful = Question::Usefulness {
            module: module.id.clone(),
        };
        let interest = Question::Interest {
            module: module.id.clone(),
        };
        let rank = rank_words(ranked, &module.id);
        // Only the title is drawn as selected.
        let style = if i == ui.feedback.module {
            THEME.selected
        } else {
            THEME.item
        };
        Row::new([
            Cell::new(format!(" {} ", fit(&module.title, title_w))).style(style),
            Cell::new(format!(
                " {:>4}   ",
                mean_text(state.feedback_mean(&useful))
            )),
            Cell::new(format!("{:<13} ", counts_text(state.distribution(&useful)))),
            Cell::new(format!(
                "{:>6}    ",
                mean_text(state.feedback_mean(&interest))
            )),
            Cell::new(rank),
        ])
    });
    let widths = [
        Constraint::Length(u16::try_from(title_w + 2).unwrap_or(u16::MAX)),
        Constraint::Length(8),
        Constraint::Length(14),
        Constraint::Length(10),
        Constraint::Fill(1),
    ];
    let mut at = TableState::new().with_selected(Some(ui.feedback.module));
    frame.render_stateful_widget(
        Table::new(rows, widths).header(header).column_spacing(0),
        area,
        &mut at,
    );
}

/// A module's rank by usefulness: "#1", "#3=" where modules share a mean (one place for
/// each, as "1=" on the scoreboard), nothing for a module without answers.
fn rank_words(ranked: &[(String, f64)], module: &str) -> String {
    let Some((_, mean)) = ranked.iter().find(|(m, _)| m == module) else {
        return String::new();
    };
    // Means are shown to one decimal: modules equal there share the place.
    #[allow(clippy::cast_possible_truncation)] // a mean of 1 to 5
    let shown = |m: f64| (m * 10.0).round() as i64;
    let above = ranked
        .iter()
        .filter(|(_, m)| shown(*m) > shown(*mean))
        .count();
    let equal = ranked
        .iter()
        .filter(|(_, m)| shown(*m) == shown(*mean))
        .count();
    format!("#{}{}", above + 1, if equal > 1 { "=" } else { "" })
}

/// The form being typed: which question is next and the answers so far.
fn entry_lines(state: &State, answers: &[Option<u8>], w: usize) -> Vec<Line<'static>> {
    let questions = state.feedback_questions();
    let form = state.feedback_forms() + 1;
    // Each answer under the question's short name, as on the paper ("M1 useful 5"), so
    // what was typed can be checked against the form.
    let modules = &state.plan().modules;
    let number = |id: &str| modules.iter().position(|m| m.id == id).map_or(0, |i| i + 1);
    let so_far: Vec<String> = answers
        .iter()
        .zip(&questions)
        .map(|(answer, question)| {
            let answer = answer.map_or("–".to_owned(), |d| d.to_string());
            match question {
                Question::Usefulness { module } => format!("M{} useful {answer}", number(module)),
                Question::Interest { module } => {
                    format!("M{} interest {answer}", number(module))
                }
                Question::Overall => format!("overall {answer}"),
            }
        })
        .collect();
    let next = match questions.get(answers.len()) {
        Some(q) => format!("{}  (1-5, space to skip)", question_words(state, q)),
        None => "All answered: Enter saves this form and starts the next.".to_owned(),
    };
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                " Form {form}, question {} of {}: {next}",
                (answers.len() + 1).min(questions.len()),
                questions.len()
            ),
            w,
        ),
        THEME.warning,
    )];
    // On up to three lines: a form of five modules takes two at 80 columns.
    let shown = pack("Answers so far:", &so_far, w, 3);
    lines.extend(
        shown
            .into_iter()
            .map(|l| Line::styled(l, THEME.footer_text)),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_means_share_a_rank() {
        let ranked: Vec<(String, f64)> =
            [("a", 4.5), ("b", 4.0), ("c", 4.0), ("d", 4.04), ("e", 3.0)]
                .iter()
                .map(|(m, v)| ((*m).to_owned(), *v))
                .collect();
        let words: Vec<String> = ["a", "b", "c", "d", "e", "none"]
            .iter()
            .map(|m| rank_words(&ranked, m))
            .collect();
        assert_eq!(words, ["#1", "#2=", "#2=", "#2=", "#5", ""]);
    }
}
