//! The feedback view's actions: paper forms typed as digits, and tallies.

use super::FeedbackView;
use crate::event::{FeedbackForm, Question};
use crate::state::{Command, FeedbackCommand, State};
use crate::text::counted;
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{FeedbackInput, InputPurpose, Mode};

impl FeedbackView {
    /// Carries out a feedback view action; false if `action` is not one.
    pub fn handle(&mut self, action: Action, host: &mut impl Host) -> bool {
        let modules = host.state().plan().modules.len();
        match action {
            Action::Up => self.module = self.module.saturating_sub(1),
            Action::Down => self.module = (self.module + 1).min(modules.saturating_sub(1)),
            Action::EnterForms => host.open(Mode::FeedbackEntry(Vec::new())),
            Action::Tally => host.ask(
                InputPurpose::Feedback(FeedbackInput::Tally(self.module)),
                String::new(),
            ),
            _ => return false,
        }
        true
    }
}

impl FeedbackView {
    /// Keys while paper forms are typed, `answers` being the form's so far; false if
    /// `action` is not one of them (or is the `Esc` that leaves).
    pub fn enter_forms(
        &mut self,
        answers: &mut Vec<Option<u8>>,
        action: Action,
        host: &mut impl Host,
    ) -> bool {
        let asked = host.state().feedback_questions();
        // Leaving drops the form being typed: the first Esc on a begun form says so, and
        // only a second one leaves.
        let leaving = std::mem::take(&mut self.leaving);
        match action {
            Action::Back if answers.is_empty() || leaving => return false,
            Action::Back => {
                self.leaving = true;
                host.refuse(&format!(
                    "this form has {} typed: Enter saves it, Esc again leaves without it",
                    counted(answers.len(), "answer", "answers")
                ));
            }
            Action::Confirm => {
                let given: Vec<(Question, u8)> = answers
                    .iter()
                    .zip(asked)
                    .filter_map(|(a, q)| a.map(|d| (q, d)))
                    .collect();
                if host.execute(&Command::Feedback(FeedbackCommand::GiveFeedback(
                    FeedbackForm { answers: given },
                ))) {
                    answers.clear();
                }
            }
            Action::Level(_) | Action::Skip if answers.len() >= asked.len() => {
                host.refuse(
                    "every question is answered: Enter saves this form, Backspace goes back",
                );
            }
            Action::Level(digit) if (1..=5).contains(&digit) => answers.push(Some(digit)),
            Action::Level(digit) => host.refuse(&format!(
                "{digit} is not an answer: the forms ask 1 to 5 (space leaves a question blank)"
            )),
            Action::Skip => answers.push(None),
            Action::DeleteChar => {
                answers.pop();
            }
            _ => return false,
        }
        true
    }
}

/// The command for a confirmed tally field: five counts, for 1s to 5s, of the selected
/// module's usefulness, or (first word `i` or `o`) its interest or the overall satisfaction.
pub fn command_for(
    state: &State,
    field: &FeedbackInput,
    text: &str,
) -> Option<Result<Command, String>> {
    let FeedbackInput::Tally(index) = field;
    let module = state.plan().modules.get(*index)?.id.clone();
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let question = match words.first().map(|w| w.to_lowercase()) {
        Some(w) if w == "i" || w == "interest" => {
            words.remove(0);
            Question::Interest { module }
        }
        Some(w) if w == "o" || w == "overall" => {
            words.remove(0);
            Question::Overall
        }
        Some(w) if w == "u" || w == "useful" || w == "usefulness" => {
            words.remove(0);
            Question::Usefulness { module }
        }
        _ => Question::Usefulness { module },
    };
    let counts: Option<[u32; 5]> = words
        .iter()
        .map(|w| w.parse::<u32>().ok())
        .collect::<Option<Vec<u32>>>()
        .and_then(|c| c.try_into().ok());
    Some(match counts {
        Some(counts) => Ok(Command::Feedback(FeedbackCommand::TallyFeedback {
            question,
            counts,
        })),
        None => Err(format!(
            "write five counts of 1s to 5s, such as 0 1 3 5 2 (start with i for interest, o for overall), not `{}`",
            text.trim()
        )),
    })
}
