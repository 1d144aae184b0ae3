//! Group exercises and feedback: groups (shared, or per exercise where the plan says so),
//! rubric scores with totals and ties, checklists against the reference items, and the
//! room's anonymous feedback.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::grouping::propose_groups;
use super::{ExercisesCommand, FeedbackCommand, Refusal, State};
use crate::event::{Event, FormedGroup, Question};
use crate::plan::Exercise;

/// Exercises and feedback as recorded so far.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Exercises {
    /// Groups by scope: `None` for the shared groups, `Some(exercise)` for its own.
    pub(super) groups: HashMap<Option<String>, Vec<FormedGroup>>,
    pub(super) points: HashMap<(String, String, String), u32>,
    pub(super) lines: HashMap<(String, String), Vec<String>>,
    pub(super) ticks: HashSet<(String, String, String)>,
    pub(super) answers: BTreeMap<Question, [u32; 5]>,
    pub(super) forms: usize,
}

/// A group's place on an exercise's scoreboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// 1 for the top; tied groups share a rank, and the next rank skips (1, 1, 3).
    pub rank: usize,
    pub group: String,
    pub total: u32,
}

impl State {
    pub(super) fn exercise(&self, id: &str) -> Result<&Exercise, Refusal> {
        self.plan()
            .exercises
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Refusal(format!("no exercise has the id `{id}`")))
    }

    /// Where an exercise's groups live: its own, or the shared ones.
    fn scope(&self, exercise: Option<&str>) -> Option<String> {
        let own = exercise
            .and_then(|id| self.plan().exercises.iter().find(|e| e.id == id))
            .is_some_and(|e| e.own_groups);
        if own {
            exercise.map(str::to_owned)
        } else {
            None
        }
    }

    /// The groups an exercise is done in (the shared groups, unless it has its own).
    pub fn groups(&self, exercise: Option<&str>) -> &[FormedGroup] {
        self.folded
            .exercises
            .groups
            .get(&self.scope(exercise))
            .map_or(&[], Vec::as_slice)
    }

    /// Points given to `group` on one rubric criterion.
    pub fn points(&self, exercise: &str, group: &str, criterion: &str) -> Option<u32> {
        self.folded
            .exercises
            .points
            .get(&(exercise.to_owned(), group.to_owned(), criterion.to_owned()))
            .copied()
    }

    /// The scoreboard: every group of the exercise by total, ties sharing a rank.
    pub fn scoreboard(&self, exercise: &str) -> Vec<Standing> {
        let criteria: Vec<&str> = self
            .plan()
            .exercises
            .iter()
            .find(|e| e.id == exercise)
            .map(|e| e.rubric.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default();
        let mut totals: Vec<(String, u32)> = self
            .groups(Some(exercise))
            .iter()
            .map(|g| {
                (
                    g.id.clone(),
                    criteria
                        .iter()
                        .filter_map(|c| self.points(exercise, &g.id, c))
                        .sum(),
                )
            })
            .collect();
        totals.sort_by_key(|t| std::cmp::Reverse(t.1));
        let mut standings: Vec<Standing> = Vec::new();
        for (i, (group, total)) in totals.into_iter().enumerate() {
            let rank = match standings.last() {
                Some(last) if last.total == total => last.rank,
                _ => i + 1,
            };
            standings.push(Standing { rank, group, total });
        }
        standings
    }

    /// A group's own checklist lines.
    pub fn checklist_lines(&self, exercise: &str, group: &str) -> &[String] {
        self.folded
            .exercises
            .lines
            .get(&(exercise.to_owned(), group.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a group covered a reference item.
    pub fn covered(&self, exercise: &str, group: &str, item: &str) -> bool {
        self.folded.exercises.ticks.contains(&(
            exercise.to_owned(),
            group.to_owned(),
            item.to_owned(),
        ))
    }

    /// The reference items no group covered: the debrief's talking points.
    pub fn uncovered(&self, exercise: &str) -> Vec<String> {
        let groups = self.groups(Some(exercise));
        self.plan()
            .exercises
            .iter()
            .find(|e| e.id == exercise)
            .map(|e| {
                e.checklist
                    .iter()
                    .filter(|item| {
                        !groups
                            .iter()
                            .any(|g| self.covered(exercise, &g.id, &item.id))
                    })
                    .map(|i| i.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

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

    pub(super) fn exercises_effect(&mut self, event: &Event) {
        let e = &mut self.folded.exercises;
        match event {
            Event::GroupsFormed { exercise, groups } => {
                e.groups.insert(exercise.clone(), groups.clone());
            }
            Event::GroupRenamed {
                exercise,
                group,
                name,
            } => {
                if let Some(g) = e
                    .groups
                    .get_mut(exercise)
                    .and_then(|gs| gs.iter_mut().find(|g| &g.id == group))
                {
                    g.name.clone_from(name);
                }
            }
            Event::MemberMoved {
                exercise,
                participant,
                to,
            } => {
                if let Some(groups) = e.groups.get_mut(exercise) {
                    for g in groups.iter_mut() {
                        g.members.retain(|m| m != participant);
                    }
                    if let Some(g) = groups.iter_mut().find(|g| &g.id == to) {
                        g.members.push(participant.clone());
                    }
                }
            }
            Event::Scored {
                exercise,
                group,
                criterion,
                points,
            } => {
                e.points.insert(
                    (exercise.clone(), group.clone(), criterion.clone()),
                    *points,
                );
            }
            Event::ChecklistLineAdded {
                exercise,
                group,
                text,
            } => e
                .lines
                .entry((exercise.clone(), group.clone()))
                .or_default()
                .push(text.clone()),
            Event::ReferenceTicked {
                exercise,
                group,
                item,
                covered,
            } => {
                let key = (exercise.clone(), group.clone(), item.clone());
                if *covered {
                    e.ticks.insert(key);
                } else {
                    e.ticks.remove(&key);
                }
            }
            Event::FeedbackGiven { form } => {
                e.forms += 1;
                for (question, answer) in &form.answers {
                    if let Some(slot) = usize::from(*answer).checked_sub(1).filter(|i| *i < 5) {
                        e.answers.entry(question.clone()).or_default()[slot] += 1;
                    }
                }
            }
            Event::FeedbackTallied { question, counts } => {
                let slots = e.answers.entry(question.clone()).or_default();
                for (slot, add) in slots.iter_mut().zip(counts) {
                    *slot += add;
                }
            }
            _ => {}
        }
    }

    /// The event for an exercises command.
    pub(super) fn decide_exercises(&self, command: &ExercisesCommand) -> Result<Event, Refusal> {
        match command {
            ExercisesCommand::FormGroups {
                exercise,
                count,
                present,
            } => self.decide_form_groups(exercise.as_deref(), *count, present),
            ExercisesCommand::MoveMember {
                exercise,
                participant,
                to,
            } => self.decide_move(exercise.as_deref(), participant, to),
            ExercisesCommand::RenameGroup {
                exercise,
                group,
                name,
            } => self.decide_rename(exercise.as_deref(), group, name),
            ExercisesCommand::Score {
                exercise,
                group,
                criterion,
                points,
            } => self.decide_score(exercise, group, criterion, *points),
            ExercisesCommand::AddChecklistLine {
                exercise,
                group,
                text,
            } => self.decide_checklist_line(exercise, group, text),
            ExercisesCommand::ToggleReference {
                exercise,
                group,
                item,
            } => self.decide_reference(exercise, group, item),
        }
    }

    fn decide_form_groups(
        &self,
        exercise: Option<&str>,
        count: usize,
        present: &[String],
    ) -> Result<Event, Refusal> {
        if let Some(id) = exercise {
            self.exercise(id)?;
        }
        let people: Vec<_> = self
            .participants()
            .iter()
            .filter(|p| !self.is_withdrawn(&p.id) && present.contains(&p.id))
            .collect();
        if count < 2 || count > people.len() {
            return Err(Refusal(format!(
                "{count} groups cannot be formed from {} people present",
                people.len()
            )));
        }
        let groups = propose_groups(&people, count)
            .into_iter()
            .enumerate()
            .map(|(i, members)| FormedGroup {
                id: format!("g{}", i + 1),
                name: format!(
                    "Group {}",
                    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
                ),
                members,
            })
            .collect();
        Ok(Event::GroupsFormed {
            exercise: self.scope(exercise),
            groups,
        })
    }

    fn decide_move(
        &self,
        exercise: Option<&str>,
        participant: &str,
        to: &str,
    ) -> Result<Event, Refusal> {
        let scope = self.scope(exercise);
        let groups = self
            .folded
            .exercises
            .groups
            .get(&scope)
            .ok_or_else(|| Refusal("form the groups first".to_owned()))?;
        if !groups.iter().any(|g| g.id == to) {
            return Err(Refusal(format!("there is no group `{to}`")));
        }
        if groups
            .iter()
            .any(|g| g.id == to && g.members.iter().any(|m| m == participant))
        {
            return Err(Refusal("already in that group".to_owned()));
        }
        Ok(Event::MemberMoved {
            exercise: scope,
            participant: participant.to_owned(),
            to: to.to_owned(),
        })
    }

    fn decide_rename(
        &self,
        exercise: Option<&str>,
        group: &str,
        name: &str,
    ) -> Result<Event, Refusal> {
        let scope = self.scope(exercise);
        match (
            name.trim(),
            self.folded
                .exercises
                .groups
                .get(&scope)
                .is_some_and(|gs| gs.iter().any(|g| g.id == group)),
        ) {
            ("", _) => Err(Refusal("a group needs a name".to_owned())),
            (_, false) => Err(Refusal(format!("there is no group `{group}`"))),
            (name, true) => Ok(Event::GroupRenamed {
                exercise: scope,
                group: group.to_owned(),
                name: name.to_owned(),
            }),
        }
    }

    fn decide_score(
        &self,
        exercise: &str,
        group: &str,
        criterion: &str,
        points: u32,
    ) -> Result<Event, Refusal> {
        let found = self.exercise(exercise)?;
        let rubric = found
            .rubric
            .iter()
            .find(|c| c.id == criterion)
            .ok_or_else(|| Refusal(format!("the rubric has no criterion `{criterion}`")))?;
        if points > rubric.max_points {
            return Err(Refusal(format!(
                "{points} is over the maximum of {} for \"{}\"",
                rubric.max_points, rubric.title
            )));
        }
        if !self.groups(Some(exercise)).iter().any(|g| g.id == group) {
            return Err(Refusal(format!("there is no group `{group}`")));
        }
        Ok(Event::Scored {
            exercise: exercise.to_owned(),
            group: group.to_owned(),
            criterion: criterion.to_owned(),
            points,
        })
    }

    fn decide_checklist_line(
        &self,
        exercise: &str,
        group: &str,
        text: &str,
    ) -> Result<Event, Refusal> {
        self.exercise(exercise)?;
        let text = text.trim();
        if text.is_empty() {
            return Err(Refusal("an empty line is not saved".to_owned()));
        }
        Ok(Event::ChecklistLineAdded {
            exercise: exercise.to_owned(),
            group: group.to_owned(),
            text: text.to_owned(),
        })
    }

    fn decide_reference(&self, exercise: &str, group: &str, item: &str) -> Result<Event, Refusal> {
        let found = self.exercise(exercise)?;
        if !found.checklist.iter().any(|i| i.id == item) {
            return Err(Refusal(format!(
                "the reference checklist has no item `{item}`"
            )));
        }
        Ok(Event::ReferenceTicked {
            exercise: exercise.to_owned(),
            group: group.to_owned(),
            item: item.to_owned(),
            covered: !self.covered(exercise, group, item),
        })
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

    /// The plan's pre-formed groups, as the shared groups a run starts with.
    pub(super) fn plan_groups(&self) -> Vec<FormedGroup> {
        self.plan()
            .groups
            .iter()
            .map(|g| FormedGroup {
                id: g.id.clone(),
                name: g.name.clone(),
                members: g.members.clone(),
            })
            .collect()
    }
}
