//! The plans view's actions: takeaways typed with `#criterion` tags, actions typed
//! as `what | who | when | criterion | indicator`, status, and the presentation.

use chrono::NaiveDate;

use super::{PlansView, lines_of};
use crate::event::{ActionStatus, Due, PlannedAction, TakeawayKind};
use crate::state::{Command, PlansCommand};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{InputPurpose, Mode, PlansInput};
use crate::tui::views::assessment::CityShareView;

impl PlansView {
    /// Carries out a plans action on the city `cities` has selected; false if `action` is
    /// not one.
    pub fn handle(
        &mut self,
        action: Action,
        cities: &mut CityShareView,
        host: &mut impl Host,
    ) -> bool {
        let Some(city) = cities.city(host.state()) else {
            return false;
        };
        let lines = lines_of(host.state(), &city);
        let selected = lines.get(self.line).copied();
        match action {
            Action::Up => self.line = self.line.saturating_sub(1),
            Action::Down => self.line = (self.line + 1).min(lines.len().saturating_sub(1)),
            Action::AddChallenge => host.ask(
                InputPurpose::Plans(PlansInput::Takeaway {
                    city,
                    takeaway: TakeawayKind::Challenge,
                }),
                String::new(),
            ),
            Action::AddGoodPractice => host.ask(
                InputPurpose::Plans(PlansInput::Takeaway {
                    city,
                    takeaway: TakeawayKind::GoodPractice,
                }),
                String::new(),
            ),
            Action::AddAction => host.ask(
                InputPurpose::Plans(PlansInput::Action { city }),
                String::new(),
            ),
            Action::RoomWide => self.room_wide = !self.room_wide,
            Action::PresentPlan => host.open(Mode::Presentation),
            Action::Remove => match selected {
                Some(id) if host.state().action_plan(&city).iter().all(|a| a.id != id) => {
                    host.execute(&Command::Plans(PlansCommand::RemoveTakeaway(id)));
                }
                _ => host.refuse(
                    "select a challenge or practice to remove (actions are dropped with s)",
                ),
            },
            Action::CycleStatus => match selected.and_then(|id| {
                host.state()
                    .action_plan(&city)
                    .into_iter()
                    .find(|a| a.id == id)
                    .map(|a| (a.id, a.status))
            }) {
                Some((id, status)) => {
                    let next = match status {
                        ActionStatus::Planned => ActionStatus::Started,
                        ActionStatus::Started => ActionStatus::Done,
                        ActionStatus::Done => ActionStatus::Dropped,
                        ActionStatus::Dropped => ActionStatus::Planned,
                    };
                    host.execute(&Command::Plans(PlansCommand::SetActionStatus {
                        action: id,
                        status: next,
                    }));
                }
                None => host.refuse("select an action to change its status"),
            },
            Action::PreviousCity | Action::NextCity => return cities.handle(action, host),
            _ => return false,
        }
        true
    }
}

/// The command for a confirmed takeaway or action field, or the problem in it.
pub fn command_for(field: &PlansInput, text: &str) -> Result<Command, String> {
    match field {
        PlansInput::Takeaway { city, takeaway } => {
            let (tags, words): (Vec<&str>, Vec<&str>) = text
                .split_whitespace()
                .partition(|w| w.starts_with('#') && w.len() > 1);
            Ok(Command::Plans(PlansCommand::AddTakeaway {
                city: city.clone(),
                takeaway: *takeaway,
                text: words.join(" "),
                criteria: tags
                    .iter()
                    .map(|t| t.trim_start_matches('#').to_owned())
                    .collect(),
            }))
        }
        PlansInput::Action { city } => read_action(text).map(|action| {
            Command::Plans(PlansCommand::PlanAction {
                city: city.clone(),
                action,
            })
        }),
    }
}

/// `what | who | when | criterion | indicator`, when: a date (YYYY-MM-DD), short or medium.
fn read_action(text: &str) -> Result<PlannedAction, String> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let [what, who, when, criterion, indicator] = parts.as_slice() else {
        return Err(format!(
            "write five parts separated by |, not {}: what | who | when | criterion | indicator",
            parts.len()
        ));
    };
    let due =
        match when.to_lowercase().as_str() {
            "short" | "short term" | "short-term" => Due::ShortTerm,
            "medium" | "medium term" | "medium-term" => Due::MediumTerm,
            other => Due::Date(NaiveDate::parse_from_str(other, "%Y-%m-%d").map_err(|_| {
                format!("when: `{when}` is not a date (YYYY-MM-DD), short or medium")
            })?),
        };
    Ok(PlannedAction {
        what: (*what).to_owned(),
        who: (*who).to_owned(),
        due,
        criterion: criterion.trim_start_matches('#').to_owned(),
        indicator: (*indicator).to_owned(),
    })
}
