//! The CityShare views' shared actions (the city and criterion selected) and the assessment
//! view's own: levels by digit, peer mode, evidence and flags.

use super::CityShareView;
use crate::event::Flag;
use crate::state::{AssessmentCommand, Command, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{CityShareInput, InputPurpose, View};

impl CityShareView {
    /// Carries out a CityShare action; false if `action` is not one for the view on screen.
    pub fn handle(&mut self, action: Action, host: &mut impl Host) -> bool {
        let cities = host.state().cities().len();
        let criteria = host.state().plan().framework().criteria.len();
        match (host.view(), action) {
            (view, Action::PreviousCity | Action::NextCity) => {
                self.city = if action == Action::NextCity {
                    (self.city + 1).min(cities.saturating_sub(1))
                } else {
                    self.city.saturating_sub(1)
                };
                if view == View::Assessment {
                    self.select_first_missing(host.state());
                }
            }
            (_, Action::Up) => self.criterion = self.criterion.saturating_sub(1),
            (_, Action::Down) => {
                self.criterion = (self.criterion + 1).min(criteria.saturating_sub(1));
            }
            (View::Assessment, Action::Level(level)) => self.assess(level, criteria, host),
            (View::Assessment, Action::PeerMode) => {
                if self.rater.take().is_none() {
                    self.rater = self.city(host.state());
                    // The rater rates the others: start on the next city.
                    self.city = if self.city + 1 < cities {
                        self.city + 1
                    } else {
                        0
                    };
                }
                self.select_first_missing(host.state());
            }
            (View::Assessment, Action::Evidence) => {
                if let Some((city, criterion)) = self.city_and_criterion(host.state()) {
                    host.ask(
                        InputPurpose::CityShare(CityShareInput::Evidence { city, criterion }),
                        String::new(),
                    );
                }
            }
            (View::Assessment, Action::GoodPractice | Action::Priority) => {
                let flag = if action == Action::GoodPractice {
                    Flag::GoodPractice
                } else {
                    Flag::Priority
                };
                if let Some((city, criterion)) = self.city_and_criterion(host.state()) {
                    host.execute(&Command::Assessment(AssessmentCommand::ToggleFlag {
                        city,
                        criterion,
                        flag,
                    }));
                }
            }
            _ => return false,
        }
        true
    }

    /// Selects the city's first criterion without a level (from this rater), so a run of
    /// digits for a new city starts where its levels are missing; the first criterion when
    /// none is.
    fn select_first_missing(&mut self, state: &State) {
        let Some(city) = self.city(state) else {
            return;
        };
        self.criterion = state
            .plan()
            .framework()
            .criteria
            .iter()
            .position(|c| state.level(self.rater.as_deref(), &city, &c.id).is_none())
            .unwrap_or(0);
    }

    fn city_and_criterion(&self, state: &State) -> Option<(String, String)> {
        let city = self.city(state)?;
        let criterion = state
            .plan()
            .framework()
            .criteria
            .get(self.criterion)?
            .id
            .clone();
        Some((city, criterion))
    }

    /// Records a level for the selected city and criterion, then moves to the next criterion,
    /// so a delegation's whole assessment is a run of digits.
    fn assess(&mut self, level: u8, criteria: usize, host: &mut impl Host) {
        let Some((city, criterion)) = self.city_and_criterion(host.state()) else {
            return;
        };
        let command = Command::Assessment(AssessmentCommand::Assess {
            rater: self.rater.clone(),
            city,
            criterion,
            level,
        });
        if host.execute(&command) && self.criterion + 1 < criteria {
            self.criterion += 1;
        }
    }
}

/// The command for a confirmed evidence field (any text is evidence).
pub fn command_for(field: &CityShareInput, text: &str) -> Command {
    match field {
        CityShareInput::Evidence { city, criterion } => {
            Command::Assessment(AssessmentCommand::NoteEvidence {
                city: city.clone(),
                criterion: criterion.clone(),
                text: text.to_owned(),
            })
        }
    }
}
