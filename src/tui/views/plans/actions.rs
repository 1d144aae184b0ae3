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
                    editing: None,
                }),
                String::new(),
            ),
            Action::AddGoodPractice => host.ask(
                InputPurpose::Plans(PlansInput::Takeaway {
                    city,
                    takeaway: TakeawayKind::GoodPractice,
                    editing: None,
                }),
                String::new(),
            ),
            Action::AddAction => host.ask(
                InputPurpose::Plans(PlansInput::Action {
                    city,
                    editing: None,
                }),
                String::new(),
            ),
            Action::EditLine => match selected {
                Some(id) => edit(host, &city, id),
                None => host.refuse("select a challenge, practice or action to correct"),
            },
            Action::RoomWide => self.room_wide = !self.room_wide,
            Action::PresentPlan => host.open(Mode::Presentation),
            Action::Remove => match selected {
                Some(id) if host.state().action_plan(&city).iter().any(|a| a.id == id) => {
                    host.execute(&Command::Plans(PlansCommand::RemoveAction(id)));
                }
                Some(id) => {
                    host.execute(&Command::Plans(PlansCommand::RemoveTakeaway(id)));
                }
                None => host.refuse("select a challenge, practice or action to remove"),
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

/// Opens the field that corrects line `id` of `city`'s plans, with the line as it stands.
fn edit(host: &mut impl Host, city: &str, id: u64) {
    let state = host.state();
    if let Some(item) = state.action_plan(city).into_iter().find(|a| a.id == id) {
        let a = &item.action;
        let when = match a.due {
            Due::Date(date) => date.to_string(),
            Due::ShortTerm => "short".to_owned(),
            Due::MediumTerm => "medium".to_owned(),
        };
        let text = format!(
            "{} | {} | {when} | {} | {}",
            a.what, a.who, a.criterion, a.indicator
        );
        let purpose = PlansInput::Action {
            city: city.to_owned(),
            editing: Some(id),
        };
        host.ask(InputPurpose::Plans(purpose), text);
    } else if let Some(t) = state.all_takeaways().iter().find(|t| t.id == id) {
        let tags: Vec<String> = t.criteria.iter().map(|c| format!("#{c}")).collect();
        let text = [t.text.clone(), tags.join(" ")].join(" ").trim().to_owned();
        let purpose = PlansInput::Takeaway {
            city: city.to_owned(),
            takeaway: t.kind,
            editing: Some(id),
        };
        host.ask(InputPurpose::Plans(purpose), text);
    }
}

/// The command for a confirmed takeaway or action field, or the problem in it.
pub fn command_for(field: &PlansInput, text: &str) -> Result<Command, String> {
    match field {
        PlansInput::Takeaway {
            city,
            takeaway,
            editing,
        } => {
            let (tags, words): (Vec<&str>, Vec<&str>) = text
                .split_whitespace()
                .partition(|w| w.starts_with('#') && w.len() > 1);
            let text = words.join(" ");
            let criteria = tags
                .iter()
                .map(|t| t.trim_start_matches('#').to_owned())
                .collect();
            Ok(Command::Plans(match editing {
                Some(entry) => PlansCommand::EditTakeaway {
                    entry: *entry,
                    text,
                    criteria,
                },
                None => PlansCommand::AddTakeaway {
                    city: city.clone(),
                    takeaway: *takeaway,
                    text,
                    criteria,
                },
            }))
        }
        PlansInput::Action { city, editing } => read_action(text).map(|action| {
            Command::Plans(match editing {
                Some(id) => PlansCommand::ReviseAction {
                    action: *id,
                    revised: action,
                },
                None => PlansCommand::PlanAction {
                    city: city.clone(),
                    action,
                },
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
