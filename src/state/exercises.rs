//! Group exercises and feedback: groups (shared, or per exercise where the plan says so),
//! rubric scores with totals and ties, checklists against the reference items, and the
//! room's anonymous feedback.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Refusal, State};
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
    /// Tallies typed (counts of 1s to 5s from paper), and the answers they added.
    #[serde(default)]
    pub(super) tallies: usize,
    #[serde(default)]
    pub(super) tallied_answers: u32,
}

/// A group's place on an exercise's scoreboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// 1 for the top; tied groups share a rank, and the next rank skips (1, 1, 3). A group
    /// with no points yet has no rank.
    pub rank: Option<usize>,
    pub group: String,
    pub total: u32,
}

mod decide;

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

    /// The scoreboard: every group of the exercise by total, ties sharing a rank; groups
    /// with no points yet last, without a rank.
    pub fn scoreboard(&self, exercise: &str) -> Vec<Standing> {
        let criteria: Vec<&str> = self
            .plan()
            .exercises
            .iter()
            .find(|e| e.id == exercise)
            .map(|e| e.rubric.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default();
        let mut totals: Vec<(String, Option<u32>)> = self
            .groups(Some(exercise))
            .iter()
            .map(|g| {
                let points: Vec<u32> = criteria
                    .iter()
                    .filter_map(|c| self.points(exercise, &g.id, c))
                    .collect();
                (
                    g.id.clone(),
                    (!points.is_empty()).then(|| points.iter().sum()),
                )
            })
            .collect();
        totals.sort_by_key(|t| std::cmp::Reverse(t.1));
        let mut standings: Vec<Standing> = Vec::new();
        for (i, (group, total)) in totals.into_iter().enumerate() {
            let rank = match (total, standings.last()) {
                (None, _) => None,
                (Some(total), Some(last)) if last.rank.is_some() && last.total == total => {
                    last.rank
                }
                (Some(_), _) => Some(i + 1),
            };
            standings.push(Standing {
                rank,
                group,
                total: total.unwrap_or(0),
            });
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
                e.tallies += 1;
                e.tallied_answers += counts.iter().sum::<u32>();
                let slots = e.answers.entry(question.clone()).or_default();
                for (slot, add) in slots.iter_mut().zip(counts) {
                    *slot += add;
                }
            }
            _ => {}
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
