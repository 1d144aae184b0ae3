//! The attendance view's actions: marks, the filter, the participant form, withdrawals and
//! check-ins.

use super::AttendanceView;
use crate::event::Mark;
use crate::plan::{ClockTime, Participant, Sector, participant_problems};
use crate::state::{AttendanceCommand, Command, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{AttendanceInput, FORM_FIELDS, Form, FormPurpose, InputPurpose, Mode};

impl AttendanceView {
    /// Carries out an attendance action; false if `action` is not one.
    pub fn handle(&mut self, action: Action, host: &mut impl Host) -> bool {
        let shown = self.visible(host.state()).len();
        let last_day = host.state().plan().days.len().saturating_sub(1);
        let day = self.day;
        match action {
            Action::Up => self.person = self.person.saturating_sub(1),
            Action::Down => self.person = (self.person + 1).min(shown.saturating_sub(1)),
            Action::Top => self.person = 0,
            Action::Bottom => self.person = shown.saturating_sub(1),
            Action::PreviousDay => self.day = day.saturating_sub(1),
            Action::NextDay => self.day = (day + 1).min(last_day),
            Action::MarkAllPresent => {
                host.execute(&Command::Attendance(AttendanceCommand::MarkAllPresent {
                    day,
                }));
            }
            Action::Filter => host.open(Mode::Filter),
            Action::Back => {
                self.filter.clear();
                self.person = 0;
            }
            Action::AddPerson => {
                // Sector and consent start empty: both must be asked, not assumed.
                host.open(Mode::Form(Form {
                    purpose: FormPurpose::Person(None),
                    values: vec![String::new(); FORM_FIELDS.len()],
                    focus: 0,
                    problems: Vec::new(),
                }));
            }
            _ => return self.act_on_selected_person(action, host),
        }
        true
    }

    /// The person below, after a mark: a roll call is one key a person.
    pub fn move_on(&mut self, state: &State) {
        let shown = self.visible(state).len();
        self.person = (self.person + 1).min(shown.saturating_sub(1));
    }

    fn mark_and_move_on(&mut self, command: &Command, host: &mut impl Host) {
        if host.execute(command) {
            self.move_on(host.state());
        }
    }

    /// Actions on the selected participant.
    fn act_on_selected_person(&mut self, action: Action, host: &mut impl Host) -> bool {
        let Some(participant) = self.selected_person(host.state()) else {
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
                    | Action::OpenDetail
            );
        };
        let day = self.day;
        let now = host
            .state()
            .zone()
            .local(host.now())
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
                let next = if host.state().mark(&participant, day) == Some(&Mark::Present) {
                    Mark::Absent
                } else {
                    Mark::Present
                };
                self.mark_and_move_on(&mark(Some(next)), host);
            }
            Action::MarkAbsent => self.mark_and_move_on(&mark(Some(Mark::Absent)), host),
            Action::ClearMark => {
                if host.state().mark(&participant, day).is_some() {
                    host.execute(&mark(None));
                } else {
                    host.refuse("there is no mark to clear");
                }
            }
            Action::MarkLate => host.ask(
                InputPurpose::Attendance(AttendanceInput::Late { participant, day }),
                now,
            ),
            Action::MarkLeftEarly => {
                host.ask(
                    InputPurpose::Attendance(AttendanceInput::LeftEarly { participant, day }),
                    now,
                );
            }
            Action::MarkExcused => {
                host.ask(
                    InputPurpose::Attendance(AttendanceInput::Excused { participant, day }),
                    String::new(),
                );
            }
            Action::Withdraw => {
                host.execute(&Command::Attendance(AttendanceCommand::ToggleWithdrawn(
                    participant,
                )));
            }
            Action::CheckIn => match host.state().current().map(|i| i.id.clone()) {
                Some(item) => self.mark_and_move_on(
                    &Command::Attendance(AttendanceCommand::ToggleItemAttendance {
                        item,
                        participant,
                    }),
                    host,
                ),
                None => host.refuse("no item is running to check people in to"),
            },
            Action::OpenDetail => host.open(Mode::Person),
            Action::EditPerson => {
                if let Some(p) = host.state().participant(&participant) {
                    let values = vec![
                        p.name.clone(),
                        p.organisation.clone(),
                        p.country.clone(),
                        p.city.clone(),
                        p.sector.as_str().to_owned(),
                        p.email.clone().unwrap_or_default(),
                        if p.consent { "yes" } else { "no" }.to_owned(),
                    ];
                    host.open(Mode::Form(Form {
                        purpose: FormPurpose::Person(Some(participant)),
                        values,
                        focus: 0,
                        problems: Vec::new(),
                    }));
                }
            }
            _ => return false,
        }
        true
    }
}

/// The command for a confirmed attendance text field, or the problem to show in it.
pub fn command_for(state: &State, field: &AttendanceInput, text: &str) -> Result<Command, String> {
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
            let item = state
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

impl AttendanceView {
    /// Saves the participant form (true), or puts what is wrong in it (false).
    pub fn save_form(&mut self, form: &mut Form, host: &mut impl Host) -> bool {
        let (participant, mut problems) = read_form(form);
        if problems.is_empty() {
            let FormPurpose::Person(editing) = &form.purpose else {
                return false;
            };
            let adding = editing.is_none();
            let command = match editing {
                Some(id) => Command::Attendance(AttendanceCommand::EditParticipant(Participant {
                    id: id.clone(),
                    ..participant
                })),
                None => Command::Attendance(AttendanceCommand::AddParticipant(participant)),
            };
            match host.decide(&command) {
                Ok(_) => {
                    if host.execute(&command) {
                        if adding {
                            self.filter.clear();
                            self.person = self.visible(host.state()).len().saturating_sub(1);
                        }
                        return true;
                    }
                    return false;
                }
                Err(refusal) => problems.push((None, refusal.0)),
            }
        }
        form.problems = problems;
        false
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
