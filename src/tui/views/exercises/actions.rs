//! The exercises view's actions: forming and adjusting groups, live points, checklists and
//! the scoreboard.

use super::{ExercisesView, Panel};
use crate::state::{Command, ExercisesCommand, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{ExercisesInput, InputPurpose, Mode};

/// The scores grid has the groups down and the criteria across: its arrows follow it.
fn along_the_grid(panel: Panel, action: Action) -> Action {
    match (panel, action) {
        (Panel::Scores, Action::Up) => Action::PreviousGroup,
        (Panel::Scores, Action::Down) => Action::NextGroup,
        (Panel::Scores, Action::PreviousGroup) => Action::Up,
        (Panel::Scores, Action::NextGroup) => Action::Down,
        _ => action,
    }
}

impl ExercisesView {
    /// Carries out an exercises view action; false if `action` is not one.
    pub fn handle(&mut self, action: Action, host: &mut impl Host) -> bool {
        let Some(exercise) = self.exercise(host.state()).cloned() else {
            return false;
        };
        let groups = host.state().groups(Some(&exercise.id)).to_vec();
        let rows = match self.panel {
            Panel::Groups => groups.get(self.group).map_or(0, |g| g.members.len()),
            Panel::Scores => exercise.rubric.len(),
            Panel::Checklist => exercise.checklist.len(),
        };
        let action = along_the_grid(self.panel, action);
        match action {
            Action::NextExercise => {
                self.exercise = (self.exercise + 1) % host.state().plan().exercises.len().max(1);
                self.row = 0;
            }
            Action::Panel => {
                self.panel = match self.panel {
                    Panel::Groups => Panel::Scores,
                    Panel::Scores => Panel::Checklist,
                    Panel::Checklist => Panel::Groups,
                };
                self.row = 0;
            }
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(rows.saturating_sub(1)),
            Action::PreviousGroup | Action::NextGroup => {
                self.group = if action == Action::NextGroup {
                    (self.group + 1).min(groups.len().saturating_sub(1))
                } else {
                    self.group.saturating_sub(1)
                };
                if self.panel == Panel::Scores {
                    self.select_first_unscored(host.state());
                }
            }
            Action::FormGroups => host.ask(
                InputPurpose::Exercises(ExercisesInput::GroupCount),
                String::new(),
            ),
            Action::RenameGroup if !groups.is_empty() => {
                let name = self
                    .group(host.state())
                    .map(|g| g.name.clone())
                    .unwrap_or_default();
                host.ask(InputPurpose::Exercises(ExercisesInput::GroupName), name);
            }
            Action::MoveToPreviousGroup | Action::MoveToNextGroup
                if self.panel == Panel::Groups =>
            {
                self.move_member(
                    &exercise.id,
                    &groups,
                    action == Action::MoveToNextGroup,
                    host,
                );
            }
            Action::Level(digit) if self.panel == Panel::Scores && !groups.is_empty() => {
                host.ask(
                    InputPurpose::Exercises(ExercisesInput::Points),
                    digit.to_string(),
                );
            }
            Action::TickReference if self.panel == Panel::Checklist => {
                if let (Some(group), Some(item)) =
                    (groups.get(self.group), exercise.checklist.get(self.row))
                {
                    host.execute(&Command::Exercises(ExercisesCommand::ToggleReference {
                        exercise: exercise.id.clone(),
                        group: group.id.clone(),
                        item: item.id.clone(),
                    }));
                }
            }
            Action::AddLine if self.panel == Panel::Checklist && !groups.is_empty() => {
                host.ask(
                    InputPurpose::Exercises(ExercisesInput::ChecklistLine),
                    String::new(),
                );
            }
            Action::PlaceUngrouped if self.panel == Panel::Groups => {
                self.place_ungrouped(&exercise.id, &groups, host);
            }
            Action::Scoreboard => host.open(Mode::Scoreboard),
            Action::RenameGroup
            | Action::PlaceUngrouped
            | Action::MoveToPreviousGroup
            | Action::MoveToNextGroup
            | Action::Level(_)
            | Action::TickReference
            | Action::AddLine => {
                host.refuse("that key works in another panel (v switches)");
            }
            _ => return false,
        }
        true
    }

    /// Selects the group's first criterion without points, so typing points for a new group
    /// starts where they are missing; the first criterion when none is.
    fn select_first_unscored(&mut self, state: &State) {
        let (Some(exercise), Some(group)) = (self.exercise(state), self.group(state)) else {
            return;
        };
        self.row = exercise
            .rubric
            .iter()
            .position(|c| state.points(&exercise.id, &group.id, &c.id).is_none())
            .unwrap_or(0);
    }

    /// After points were saved: the next criterion of the group without points, so a
    /// group's scores are typed one after another.
    pub fn points_saved(&mut self, state: &State) {
        let (Some(exercise), Some(group)) = (self.exercise(state), self.group(state)) else {
            return;
        };
        if let Some(next) = exercise
            .rubric
            .iter()
            .enumerate()
            .skip(self.row + 1)
            .find(|(_, c)| state.points(&exercise.id, &group.id, &c.id).is_none())
            .map(|(i, _)| i)
        {
            self.row = next;
        }
    }

    /// Places the first person in no group in the selected group.
    fn place_ungrouped(
        &self,
        exercise: &str,
        groups: &[crate::event::FormedGroup],
        host: &mut impl Host,
    ) {
        match (self.ungrouped(host.state()).first(), groups.get(self.group)) {
            (Some(person), Some(group)) => {
                host.execute(&Command::Exercises(ExercisesCommand::MoveMember {
                    exercise: Some(exercise.to_owned()),
                    participant: person.clone(),
                    to: group.id.clone(),
                }));
            }
            (None, _) => host.refuse("everyone is in a group"),
            (_, None) => host.refuse("form the groups first (G)"),
        }
    }

    /// Moves the selected person to the group after (or before) theirs.
    fn move_member(
        &mut self,
        exercise: &str,
        groups: &[crate::event::FormedGroup],
        forward: bool,
        host: &mut impl Host,
    ) {
        let Some(member) = groups
            .get(self.group)
            .and_then(|g| g.members.get(self.row))
            .cloned()
        else {
            return;
        };
        let target = if forward {
            self.group + 1
        } else {
            self.group.wrapping_sub(1)
        };
        if let Some(to) = groups.get(target).map(|g| g.id.clone()) {
            host.execute(&Command::Exercises(ExercisesCommand::MoveMember {
                exercise: Some(exercise.to_owned()),
                participant: member,
                to,
            }));
            self.row = self
                .row
                .min(groups[self.group].members.len().saturating_sub(2));
        }
    }

    /// The command for a confirmed exercise field, or the problem in it.
    pub fn command_for(
        &self,
        state: &State,
        field: &ExercisesInput,
        text: &str,
    ) -> Option<Result<Command, String>> {
        let exercise = self.exercise(state)?.clone();
        let group = self.group(state).map(|g| g.id.clone()).unwrap_or_default();
        Some(match field {
            ExercisesInput::GroupCount => match text.trim().parse::<usize>() {
                Ok(count) => {
                    // People marked absent, excused or withdrawn today are left out.
                    let day = state.current_day().unwrap_or(0);
                    let present = state
                        .participants()
                        .iter()
                        .filter(|p| {
                            !matches!(
                                state.mark(&p.id, day),
                                Some(
                                    crate::event::Mark::Absent | crate::event::Mark::Excused { .. }
                                )
                            )
                        })
                        .map(|p| p.id.clone())
                        .collect();
                    Ok(Command::Exercises(ExercisesCommand::FormGroups {
                        exercise: Some(exercise.id),
                        count,
                        present,
                    }))
                }
                Err(_) => Err(format!("`{}` is not a number of groups", text.trim())),
            },
            ExercisesInput::GroupName => Ok(Command::Exercises(ExercisesCommand::RenameGroup {
                exercise: Some(exercise.id),
                group,
                name: text.to_owned(),
            })),
            ExercisesInput::Points => match text.trim().parse::<u32>() {
                Ok(points) => {
                    let criterion = exercise
                        .rubric
                        .get(self.row)
                        .map(|c| c.id.clone())
                        .unwrap_or_default();
                    Ok(Command::Exercises(ExercisesCommand::Score {
                        exercise: exercise.id,
                        group,
                        criterion,
                        points,
                    }))
                }
                Err(_) => Err(format!("`{}` is not a number of points", text.trim())),
            },
            ExercisesInput::ChecklistLine => {
                Ok(Command::Exercises(ExercisesCommand::AddChecklistLine {
                    exercise: exercise.id,
                    group,
                    text: text.to_owned(),
                }))
            }
        })
    }
}
