//! The room's anonymous feedback: the paper form's questions, answers from forms and
//! tallies, means, the share satisfied, and modules ranked by usefulness. Kept with the
//! exercises' part of the state (`Exercises::answers`), as it is stored.

use super::{FeedbackCommand, Refusal, State};
use crate::event::{Event, Question};

impl State {
    /// The questions of a paper form, in the order they are typed: each module's
    /// usefulness and interest, then the overall satisfaction.
    pub fn feedback_questions(&self) -> Vec<Question> {
        let mut questions: Vec<Question> = self
            .plan()
            .modules
            .iter()
            .flat_map(|m| {
                [
                    Question::Usefulness {
                        module: m.id.clone(),
                    },
                    Question::Interest {
                        module: m.id.clone(),
                    },
                ]
            })
            .collect();
        questions.push(Question::Overall);
        questions
    }

    /// How many answers of 1 to 5 a question has (forms and tallies together).
    pub fn distribution(&self, question: &Question) -> [u32; 5] {
        self.folded
            .exercises
            .answers
            .get(question)
            .copied()
            .unwrap_or_default()
    }

    /// The mean answer to a question, if anyone answered it.
    pub fn feedback_mean(&self, question: &Question) -> Option<f64> {
        let counts = self.distribution(question);
        let n: u32 = counts.iter().sum();
        let sum: u32 = counts.iter().zip(1..).map(|(c, v)| c * v).sum();
        (n > 0).then(|| f64::from(sum) / f64::from(n))
    }

    /// The share of answers that are 4 or 5 ("satisfied").
    pub fn satisfied_share(&self, question: &Question) -> Option<f64> {
        let counts = self.distribution(question);
        let n: u32 = counts.iter().sum();
        (n > 0).then(|| f64::from(counts[3] + counts[4]) / f64::from(n))
    }

    /// Modules by mean usefulness, most useful first; modules nobody rated are left out.
    pub fn modules_by_usefulness(&self) -> Vec<(String, f64)> {
        let mut ranked: Vec<(String, f64)> = self
            .plan()
            .modules
            .iter()
            .filter_map(|m| {
                self.feedback_mean(&Question::Usefulness {
                    module: m.id.clone(),
                })
                .map(|mean| (m.id.clone(), mean))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked
    }

    /// How many paper forms were entered.
    pub fn feedback_forms(&self) -> usize {
        self.folded.exercises.forms
    }

    /// How many tallies were typed, and how many answers they added in all.
    pub fn feedback_tallies(&self) -> (usize, u32) {
        (
            self.folded.exercises.tallies,
            self.folded.exercises.tallied_answers,
        )
    }

    /// Feedback forms and tallies.
    pub(super) fn decide_feedback(&self, command: &FeedbackCommand) -> Result<Event, Refusal> {
        match command {
            FeedbackCommand::GiveFeedback(form) => (|| {
                if form.answers.is_empty() {
                    return Err(Refusal("the form has no answers".to_owned()));
                }
                for (question, answer) in &form.answers {
                    if !(1..=5).contains(answer) {
                        return Err(Refusal(format!("{answer} is not an answer from 1 to 5")));
                    }
                    self.known_question(question)?;
                }
                Ok(Event::FeedbackGiven { form: form.clone() })
            })(),
            FeedbackCommand::TallyFeedback { question, counts } => self
                .known_question(question)
                .map(|()| Event::FeedbackTallied {
                    question: question.clone(),
                    counts: *counts,
                }),
        }
    }

    pub(super) fn known_question(&self, question: &Question) -> Result<(), Refusal> {
        match question {
            Question::Usefulness { module } | Question::Interest { module }
                if !self.plan().modules.iter().any(|m| &m.id == module) =>
            {
                Err(Refusal(format!("no module has the id `{module}`")))
            }
            _ => Ok(()),
        }
    }
}
