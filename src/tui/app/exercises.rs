//! The exercises view's actions: forming and adjusting groups, live points, checklists and
//! the scoreboard.

use super::App;
use crate::state::{Command, ExercisesCommand};
use crate::tui::keymap::Action;
use crate::tui::selection::{selected_exercise, selected_group};
use crate::tui::ui::{ExercisesInput, InputPurpose, Mode, Panel};

impl App {
    /// Carries out an exercises view action; false if `action` is not one.
    pub(super) fn act_on_exercises(&mut self, action: Action) -> bool {
        let Some(exercise) = selected_exercise(self.state(), &self.ui).cloned() else {
            return false;
        };
        let groups = self.state().groups(Some(&exercise.id)).to_vec();
        let rows = match self.ui.panel {
            Panel::Groups => groups.get(self.ui.group).map_or(0, |g| g.members.len()),
            Panel::Scores => exercise.rubric.len(),
            Panel::Checklist => exercise.checklist.len(),
        };
        match action {
            Action::NextExercise => {
                self.ui.exercise =
                    (self.ui.exercise + 1) % self.state().plan().exercises.len().max(1);
                self.ui.row = 0;
            }
            Action::Panel => {
                self.ui.panel = match self.ui.panel {
                    Panel::Groups => Panel::Scores,
                    Panel::Scores => Panel::Checklist,
                    Panel::Checklist => Panel::Groups,
                };
                self.ui.row = 0;
            }
            Action::Up => self.ui.row = self.ui.row.saturating_sub(1),
            Action::Down => self.ui.row = (self.ui.row + 1).min(rows.saturating_sub(1)),
            Action::PreviousGroup => self.ui.group = self.ui.group.saturating_sub(1),
            Action::NextGroup => {
                self.ui.group = (self.ui.group + 1).min(groups.len().saturating_sub(1));
            }
            Action::FormGroups => self.open_input(
                InputPurpose::Exercises(ExercisesInput::GroupCount),
                String::new(),
            ),
            Action::RenameGroup if !groups.is_empty() => {
                let name = selected_group(self.state(), &self.ui)
                    .map(|g| g.name.clone())
                    .unwrap_or_default();
                self.open_input(InputPurpose::Exercises(ExercisesInput::GroupName), name);
            }
            Action::MoveToPreviousGroup | Action::MoveToNextGroup
                if self.ui.panel == Panel::Groups =>
            {
                self.move_member(&exercise.id, &groups, action == Action::MoveToNextGroup);
            }
            Action::Level(digit) if self.ui.panel == Panel::Scores && !groups.is_empty() => {
                self.open_input(
                    InputPurpose::Exercises(ExercisesInput::Points),
                    digit.to_string(),
                );
            }
            Action::TickReference if self.ui.panel == Panel::Checklist => {
                if let (Some(group), Some(item)) = (
                    groups.get(self.ui.group),
                    exercise.checklist.get(self.ui.row),
                ) {
                    self.execute(&Command::Exercises(ExercisesCommand::ToggleReference {
                        exercise: exercise.id.clone(),
                        group: group.id.clone(),
                        item: item.id.clone(),
                    }));
                }
            }
            Action::AddLine if self.ui.panel == Panel::Checklist && !groups.is_empty() => {
                self.open_input(
                    InputPurpose::Exercises(ExercisesInput::ChecklistLine),
                    String::new(),
                );
            }
            Action::Scoreboard => self.ui.mode = Mode::Scoreboard,
            Action::RenameGroup
            | Action::MoveToPreviousGroup
            | Action::MoveToNextGroup
            | Action::Level(_)
            | Action::TickReference
            | Action::AddLine => {
                self.say_error("that key works in another panel (v switches)");
            }
            _ => return false,
        }
        true
    }

    /// Moves the selected person to the group after (or before) theirs.
    fn move_member(&mut self, exercise: &str, groups: &[crate::event::FormedGroup], forward: bool) {
        let Some(member) = groups
            .get(self.ui.group)
            .and_then(|g| g.members.get(self.ui.row))
            .cloned()
        else {
            return;
        };
        let target = if forward {
            self.ui.group + 1
        } else {
            self.ui.group.wrapping_sub(1)
        };
        if let Some(to) = groups.get(target).map(|g| g.id.clone()) {
            self.execute(&Command::Exercises(ExercisesCommand::MoveMember {
                exercise: Some(exercise.to_owned()),
                participant: member,
                to,
            }));
            self.ui.row = self
                .ui
                .row
                .min(groups[self.ui.group].members.len().saturating_sub(2));
        }
    }

    /// The command for a confirmed exercise field, or the problem in it.
    pub(super) fn exercises_input(
        &self,
        field: &ExercisesInput,
        text: &str,
    ) -> Option<Result<Command, String>> {
        let exercise = selected_exercise(self.state(), &self.ui)?.clone();
        let group = selected_group(self.state(), &self.ui)
            .map(|g| g.id.clone())
            .unwrap_or_default();
        Some(match field {
            ExercisesInput::GroupCount => match text.trim().parse::<usize>() {
                Ok(count) => {
                    // People marked absent, excused or withdrawn today are left out.
                    let day = self.state().current_day().unwrap_or(0);
                    let present = self
                        .state()
                        .participants()
                        .iter()
                        .filter(|p| {
                            !matches!(
                                self.state().mark(&p.id, day),
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
                        .get(self.ui.row)
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
