//! Deciding exercise commands: groups formed from those present, moves and names, points
//! within the rubric, checklist lines and reference items.

use crate::event::{Event, FormedGroup};
use crate::state::grouping::propose_groups;
use crate::state::{ExercisesCommand, Refusal, State};

impl State {
    /// The event for an exercises command.
    pub(in crate::state) fn decide_exercises(
        &self,
        command: &ExercisesCommand,
    ) -> Result<Event, Refusal> {
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
        if self.participant(participant).is_none() {
            return Err(Refusal(format!(
                "no participant has the id `{participant}`"
            )));
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
}
