//! The attendance view's actions: marks, the filter, the participant form, withdrawals and
//! check-ins.

use super::App;
use crate::event::Mark;
use crate::plan::{ClockTime, Participant, Sector, participant_problems};
use crate::state::{AttendanceCommand, Command};
use crate::tui::keymap::Action;
use crate::tui::selection::visible;
use crate::tui::ui::{AttendanceInput, FORM_FIELDS, Form, InputPurpose, Mode};

impl App {
    /// The id of the selected participant among those the filter shows.
    pub(super) fn selected_person(&self) -> Option<String> {
        visible(self.state(), &self.ui.filter)
            .get(self.ui.person)
            .map(|p| p.id.clone())
    }

    fn people_shown(&self) -> usize {
        visible(self.state(), &self.ui.filter).len()
    }

    /// Carries out an attendance action; false if `action` is not one.
    pub(super) fn act_on_people(&mut self, action: Action) -> bool {
        let shown = self.people_shown();
        let last_day = self.state().plan().days.len().saturating_sub(1);
        let day = self.ui.day;
        match action {
            Action::Up => self.ui.person = self.ui.person.saturating_sub(1),
            Action::Down => self.ui.person = (self.ui.person + 1).min(shown.saturating_sub(1)),
            Action::Top => self.ui.person = 0,
            Action::Bottom => self.ui.person = shown.saturating_sub(1),
            Action::PreviousDay => self.ui.day = day.saturating_sub(1),
            Action::NextDay => self.ui.day = (day + 1).min(last_day),
            Action::MarkAllPresent => {
                self.execute(&Command::Attendance(AttendanceCommand::MarkAllPresent {
                    day,
                }));
            }
            Action::Filter => self.ui.mode = Mode::Filter,
            Action::Back => {
                self.ui.filter.clear();
                self.ui.person = 0;
            }
            Action::AddPerson => {
                // Sector and consent start empty: both must be asked, not assumed.
                let values: [String; 7] = Default::default();
                self.ui.mode = Mode::Form(Form {
                    editing: None,
                    values,
                    focus: 0,
                    problems: Vec::new(),
                });
            }
            _ => return self.act_on_selected_person(action),
        }
        true
    }

    /// Actions on the selected participant.
    fn act_on_selected_person(&mut self, action: Action) -> bool {
        let Some(participant) = self.selected_person() else {
            return matches!(
                action,
                Action::TogglePresent
                    | Action::MarkLate
                    | Action::MarkLeftEarly
                    | Action::MarkExcused
                    | Action::MarkAbsent
                    | Action::ClearMark
                    | Action::EditPerson
                    | Action::Withdraw
                    | Action::CheckIn
            );
        };
        let day = self.ui.day;
        let now = self
            .state()
            .zone()
            .local(self.ui.now)
            .format("%H:%M")
            .to_string();
        let mark = |mark: Option<Mark>| {
            Command::Attendance(AttendanceCommand::Mark {
                participant: participant.clone(),
                day,
                mark,
            })
        };
        match action {
            Action::TogglePresent => {
                let next = if self.state().mark(&participant, day) == Some(&Mark::Present) {
                    Mark::Absent
                } else {
                    Mark::Present
                };
                self.execute(&mark(Some(next)));
            }
            Action::MarkAbsent => {
                self.execute(&mark(Some(Mark::Absent)));
            }
            Action::ClearMark => {
                if self.state().mark(&participant, day).is_some() {
                    self.execute(&mark(None));
                } else {
                    self.say_error("there is no mark to clear");
                }
            }
            Action::MarkLate => self.open_input(
                InputPurpose::Attendance(AttendanceInput::Late { participant, day }),
                now,
            ),
            Action::MarkLeftEarly => {
                self.open_input(
                    InputPurpose::Attendance(AttendanceInput::LeftEarly { participant, day }),
                    now,
                );
            }
            Action::MarkExcused => {
                self.open_input(
                    InputPurpose::Attendance(AttendanceInput::Excused { participant, day }),
                    String::new(),
                );
            }
            Action::Withdraw => {
                self.execute(&Command::Attendance(AttendanceCommand::ToggleWithdrawn(
                    participant,
                )));
            }
            Action::CheckIn => match self.state().current().map(|i| i.id.clone()) {
                Some(item) => {
                    self.execute(&Command::Attendance(
                        AttendanceCommand::ToggleItemAttendance { item, participant },
                    ));
                }
                None => self.say_error("no item is running to check people in to"),
            },
            Action::EditPerson => {
                if let Some(p) = self.state().participant(&participant) {
                    let values = [
                        p.name.clone(),
                        p.organisation.clone(),
                        p.country.clone(),
                        p.city.clone(),
                        p.sector.as_str().to_owned(),
                        p.email.clone().unwrap_or_default(),
                        if p.consent { "yes" } else { "no" }.to_owned(),
                    ];
                    self.ui.mode = Mode::Form(Form {
                        editing: Some(participant),
                        values,
                        focus: 0,
                        problems: Vec::new(),
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// The command for a confirmed attendance text field, or the problem to show in it.
    pub(super) fn attendance_input(
        &self,
        field: &AttendanceInput,
        text: &str,
    ) -> Result<Command, String> {
        let time = |text: &str| text.trim().parse::<ClockTime>();
        match field {
            AttendanceInput::Late { participant, day } => time(text).map(|at| {
                Command::Attendance(AttendanceCommand::Mark {
                    participant: participant.clone(),
                    day: *day,
                    mark: Some(Mark::Late { at }),
                })
            }),
            AttendanceInput::LeftEarly { participant, day } => time(text).map(|at| {
                Command::Attendance(AttendanceCommand::Mark {
                    participant: participant.clone(),
                    day: *day,
                    mark: Some(Mark::LeftEarly { at }),
                })
            }),
            AttendanceInput::Excused { participant, day } => {
                let reason = Some(text.trim().to_owned()).filter(|r| !r.is_empty());
                Ok(Command::Attendance(AttendanceCommand::Mark {
                    participant: participant.clone(),
                    day: *day,
                    mark: Some(Mark::Excused { reason }),
                }))
            }
            AttendanceInput::HeadCount(position) => {
                let item = self
                    .state()
                    .agenda_order()
                    .nth(*position)
                    .map(|(_, i)| i.id.clone())
                    .unwrap_or_default();
                text.trim()
                    .parse::<u32>()
                    .map(|count| Command::Attendance(AttendanceCommand::HeadCount { item, count }))
                    .map_err(|_| format!("`{}` is not a number of people", text.trim()))
            }
        }
    }

    /// Saves the participant form, or shows what is wrong in it.
    pub(super) fn confirm_form(&mut self) {
        let Mode::Form(form) = &self.ui.mode else {
            return;
        };
        let (participant, mut problems) = read_form(form);
        if problems.is_empty() {
            let command = match &form.editing {
                Some(id) => Command::Attendance(AttendanceCommand::EditParticipant(Participant {
                    id: id.clone(),
                    ..participant.clone()
                })),
                None => Command::Attendance(AttendanceCommand::AddParticipant(participant.clone())),
            };
            match self.run.history().decide(&command) {
                Ok(_) => {
                    let adding = form.editing.is_none();
                    if self.execute(&command) {
                        self.ui.mode = Mode::Normal;
                        if adding {
                            self.ui.filter.clear();
                            self.ui.person = self.people_shown().saturating_sub(1);
                        }
                    }
                    return;
                }
                Err(refusal) => problems.push((None, refusal.0)),
            }
        }
        if let Mode::Form(form) = &mut self.ui.mode {
            form.problems = problems;
        }
    }
}

/// The form's text as a participant (id empty), with each problem tied to its field.
fn read_form(form: &Form) -> (Participant, Vec<(Option<usize>, String)>) {
    let mut problems = Vec::new();
    let value = |i: usize| form.values[i].trim().to_owned();
    let sector = value(4).parse::<Sector>().unwrap_or_else(|message| {
        problems.push((Some(4), message));
        Sector::Other
    });
    let consent = match value(6).to_lowercase().as_str() {
        "yes" | "y" => true,
        "no" | "n" => false,
        _ => {
            problems.push((Some(6), "ask the person, then type yes or no".to_owned()));
            false
        }
    };
    let participant = Participant {
        id: String::new(),
        name: value(0),
        organisation: value(1),
        country: value(2),
        city: value(3),
        sector,
        email: Some(value(5)).filter(|e| !e.is_empty()),
        consent,
    };
    for problem in participant_problems(&participant) {
        let field = FORM_FIELDS.iter().position(|f| *f == problem.field);
        problems.push((field, problem.message));
    }
    problems.sort_by_key(|(field, _)| *field);
    (participant, problems)
}
