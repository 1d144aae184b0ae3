//! The assessment and comparison views' actions: levels by digit, peer mode, evidence, flags,
//! and how the comparison is shown.

use super::App;
use crate::event::Flag;
use crate::state::{AssessmentCommand, Command, Lens};
use crate::tui::keymap::Action;
use crate::tui::selection::selected_city;
use crate::tui::ui::{CityShareInput, InputPurpose, View};

impl App {
    /// Carries out a CityShare action; false if `action` is not one for the current view.
    pub(super) fn act_on_cityshare(&mut self, action: Action) -> bool {
        let cities = self.state().cities().len();
        let criteria = self.state().plan().framework().criteria.len();
        match (self.ui.view, action) {
            (_, Action::PreviousCity) => self.ui.city = self.ui.city.saturating_sub(1),
            (_, Action::NextCity) => {
                self.ui.city = (self.ui.city + 1).min(cities.saturating_sub(1));
            }
            (_, Action::Up) => {
                self.ui.criterion = self.ui.criterion.saturating_sub(1);
            }
            (_, Action::Down) => {
                self.ui.criterion = (self.ui.criterion + 1).min(criteria.saturating_sub(1));
            }
            (View::Assessment, Action::Level(level)) => self.assess(level, criteria),
            (View::Assessment, Action::PeerMode) => {
                if self.ui.rater.take().is_none() {
                    self.ui.rater = selected_city(self.state(), &self.ui);
                    // The rater rates the others: start on the next city.
                    self.ui.city = if self.ui.city + 1 < cities {
                        self.ui.city + 1
                    } else {
                        0
                    };
                }
            }
            (View::Assessment, Action::Evidence) => {
                if let Some((city, criterion)) = self.city_and_criterion() {
                    self.open_input(
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
                if let Some((city, criterion)) = self.city_and_criterion() {
                    self.execute(&Command::Assessment(AssessmentCommand::ToggleFlag {
                        city,
                        criterion,
                        flag,
                    }));
                }
            }
            (View::Comparison, Action::Lens) => {
                self.ui.lens = match self.ui.lens {
                    Lens::SelfAssessed => Lens::Peers,
                    Lens::Peers => Lens::Gap,
                    Lens::Gap => Lens::SelfAssessed,
                };
            }
            (View::Comparison, Action::Sort) => {
                self.ui.sort_by_criterion = !self.ui.sort_by_criterion;
            }
            _ => return false,
        }
        true
    }

    fn city_and_criterion(&self) -> Option<(String, String)> {
        let city = selected_city(self.state(), &self.ui)?;
        let criterion = self
            .state()
            .plan()
            .framework()
            .criteria
            .get(self.ui.criterion)?
            .id
            .clone();
        Some((city, criterion))
    }

    /// Records a level for the selected city and criterion, then moves to the next criterion,
    /// so a delegation's whole assessment is a run of digits.
    fn assess(&mut self, level: u8, criteria: usize) {
        let Some((city, criterion)) = self.city_and_criterion() else {
            return;
        };
        let command = Command::Assessment(AssessmentCommand::Assess {
            rater: self.ui.rater.clone(),
            city,
            criterion,
            level,
        });
        if self.execute(&command) && self.ui.criterion + 1 < criteria {
            self.ui.criterion += 1;
        }
    }

    /// The command for a confirmed evidence field (any text is evidence).
    pub(super) fn cityshare_input(field: &CityShareInput, text: &str) -> Command {
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
}
