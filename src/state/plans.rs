//! What cities take home: takeaways (key challenges and good practices), tagged with criteria,
//! and action plans with their status.

use super::{PlansCommand, Refusal, State};
use crate::event::{ActionStatus, Event, PlannedAction, TakeawayKind};

/// A takeaway: a key challenge or good practice a city names, tagged with criteria (stored
/// as a `distilled` event).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Takeaway {
    pub id: u64,
    pub city: String,
    pub kind: TakeawayKind,
    pub text: String,
    pub criteria: Vec<String>,
}

/// An action in a city's plan, with its id and status.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActionItem {
    pub id: u64,
    pub city: String,
    pub action: PlannedAction,
    pub status: ActionStatus,
}

/// Takeaways and action plans as recorded so far.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Plans {
    pub(super) takeaways: Vec<Takeaway>,
    pub(super) actions: Vec<ActionItem>,
}

impl State {
    /// A city's takeaways of one kind, oldest first.
    pub fn takeaways(&self, city: &str, kind: TakeawayKind) -> Vec<&Takeaway> {
        self.folded
            .plans
            .takeaways
            .iter()
            .filter(|e| e.city == city && e.kind == kind)
            .collect()
    }

    /// Every takeaway tagged with `criterion`, challenges first, in the order they came.
    pub fn takeaways_on(&self, criterion: &str) -> Vec<&Takeaway> {
        let mut on: Vec<&Takeaway> = self
            .folded
            .plans
            .takeaways
            .iter()
            .filter(|e| e.criteria.iter().any(|c| c == criterion))
            .collect();
        on.sort_by_key(|e| e.kind != TakeawayKind::Challenge);
        on
    }

    /// Every takeaway still standing, in the order they came.
    pub fn all_takeaways(&self) -> &[Takeaway] {
        &self.folded.plans.takeaways
    }

    /// Every action of every city, in the order they were added.
    pub fn all_actions(&self) -> &[ActionItem] {
        &self.folded.plans.actions
    }

    /// A city's action plan, in the order the actions were added.
    pub fn action_plan(&self, city: &str) -> Vec<&ActionItem> {
        self.folded
            .plans
            .actions
            .iter()
            .filter(|a| a.city == city)
            .collect()
    }

    pub(super) fn plans_effect(&mut self, seq: u64, event: &Event) {
        match event {
            Event::Distilled {
                city,
                takeaway,
                text,
                criteria,
            } => self.folded.plans.takeaways.push(Takeaway {
                id: seq,
                city: city.clone(),
                kind: *takeaway,
                text: text.clone(),
                criteria: criteria.clone(),
            }),
            Event::DistillationRemoved { entry } => {
                self.folded.plans.takeaways.retain(|e| e.id != *entry);
            }
            Event::ActionPlanned { city, action } => self.folded.plans.actions.push(ActionItem {
                id: seq,
                city: city.clone(),
                action: action.clone(),
                status: ActionStatus::Planned,
            }),
            Event::ActionStatusSet { action, status } => {
                if let Some(item) = self
                    .folded
                    .plans
                    .actions
                    .iter_mut()
                    .find(|a| a.id == *action)
                {
                    item.status = *status;
                }
            }
            _ => {}
        }
    }

    pub(super) fn known_criterion(&self, id: &str) -> Result<String, Refusal> {
        let framework = self.plan().framework();
        let wanted = id.trim().trim_start_matches('#').to_lowercase();
        framework
            .criteria
            .iter()
            .find(|c| c.id == wanted)
            .map(|c| c.id.clone())
            .ok_or_else(|| {
                let known: Vec<&str> = framework.criteria.iter().map(|c| c.id.as_str()).collect();
                Refusal(format!(
                    "no criterion has the id `{wanted}` (the criteria are {})",
                    known.join(", ")
                ))
            })
    }

    /// The event for a takeaway or action-plan command, if `command` is one.
    pub(super) fn decide_plans(&self, command: &PlansCommand) -> Result<Event, Refusal> {
        let city_of = |name: &str| {
            self.find_city(name)
                .ok_or_else(|| Refusal(format!("no participating city is called `{name}`")))
        };
        match command {
            PlansCommand::AddTakeaway {
                city,
                takeaway,
                text,
                criteria,
            } => (|| {
                let city = city_of(city)?;
                let text = text.trim();
                if text.is_empty() {
                    return Err(Refusal("write the challenge or practice itself".to_owned()));
                }
                if criteria.is_empty() {
                    return Err(Refusal(
                        "tag it with at least one criterion (#policy, #referral ...)".to_owned(),
                    ));
                }
                let criteria = criteria
                    .iter()
                    .map(|c| self.known_criterion(c))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Event::Distilled {
                    city,
                    takeaway: *takeaway,
                    text: text.to_owned(),
                    criteria,
                })
            })(),
            PlansCommand::RemoveTakeaway(entry) => {
                if self.folded.plans.takeaways.iter().any(|e| e.id == *entry) {
                    Ok(Event::DistillationRemoved { entry: *entry })
                } else {
                    Err(Refusal("that takeaway is not there".to_owned()))
                }
            }
            PlansCommand::PlanAction { city, action } => (|| {
                let city = city_of(city)?;
                for (field, value) in [
                    ("what", &action.what),
                    ("who", &action.who),
                    ("indicator", &action.indicator),
                ] {
                    if value.trim().is_empty() {
                        return Err(Refusal(format!("{field}: every action needs it")));
                    }
                }
                let criterion = self.known_criterion(&action.criterion)?;
                Ok(Event::ActionPlanned {
                    city,
                    action: PlannedAction {
                        criterion,
                        ..action.clone()
                    },
                })
            })(),
            PlansCommand::SetActionStatus { action, status } => {
                match self.folded.plans.actions.iter().find(|a| a.id == *action) {
                    Some(item) if item.status == *status => {
                        Err(Refusal("the action already has that status".to_owned()))
                    }
                    Some(_) => Ok(Event::ActionStatusSet {
                        action: *action,
                        status: *status,
                    }),
                    None => Err(Refusal("that action is not there".to_owned())),
                }
            }
        }
    }
}
