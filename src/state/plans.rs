//! What cities take home: takeaways (key challenges and good practices), tagged with criteria,
//! and action plans with their status.

use super::{PlansCommand, Refusal, State};
use crate::event::{ActionStatus, Due, Event, PlannedAction, TakeawayKind};

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
                if let Some(item) = self.action_mut(*action) {
                    item.status = *status;
                }
            }
            Event::DistillationEdited {
                entry,
                text,
                criteria,
            } => {
                if let Some(takeaway) = self
                    .folded
                    .plans
                    .takeaways
                    .iter_mut()
                    .find(|t| t.id == *entry)
                {
                    takeaway.text.clone_from(text);
                    takeaway.criteria.clone_from(criteria);
                }
            }
            Event::ActionRevised { action, revised } => {
                if let Some(item) = self.action_mut(*action) {
                    item.action = revised.clone();
                }
            }
            Event::ActionRemoved { action } => {
                self.folded.plans.actions.retain(|a| a.id != *action);
            }
            _ => {}
        }
    }

    fn action_mut(&mut self, id: u64) -> Option<&mut ActionItem> {
        self.folded.plans.actions.iter_mut().find(|a| a.id == id)
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
        let action_there = |id: u64| {
            self.folded
                .plans
                .actions
                .iter()
                .find(|a| a.id == id)
                .ok_or_else(|| Refusal("that action is not there".to_owned()))
        };
        let takeaway_there = |id: u64| {
            if self.folded.plans.takeaways.iter().any(|e| e.id == id) {
                Ok(())
            } else {
                Err(Refusal("that takeaway is not there".to_owned()))
            }
        };
        match command {
            PlansCommand::AddTakeaway {
                city,
                takeaway,
                text,
                criteria,
            } => {
                let city = city_of(city)?;
                let (text, criteria) = self.takeaway_words(text, criteria)?;
                Ok(Event::Distilled {
                    city,
                    takeaway: *takeaway,
                    text,
                    criteria,
                })
            }
            PlansCommand::EditTakeaway {
                entry,
                text,
                criteria,
            } => {
                takeaway_there(*entry)?;
                let (text, criteria) = self.takeaway_words(text, criteria)?;
                Ok(Event::DistillationEdited {
                    entry: *entry,
                    text,
                    criteria,
                })
            }
            PlansCommand::RemoveTakeaway(entry) => {
                takeaway_there(*entry)?;
                Ok(Event::DistillationRemoved { entry: *entry })
            }
            PlansCommand::PlanAction { city, action } => Ok(Event::ActionPlanned {
                city: city_of(city)?,
                action: self.checked_action(action)?,
            }),
            PlansCommand::ReviseAction { action, revised } => {
                action_there(*action)?;
                Ok(Event::ActionRevised {
                    action: *action,
                    revised: self.checked_action(revised)?,
                })
            }
            PlansCommand::RemoveAction(action) => {
                action_there(*action)?;
                Ok(Event::ActionRemoved { action: *action })
            }
            PlansCommand::SetActionStatus { action, status } => {
                if action_there(*action)?.status == *status {
                    Err(Refusal("the action already has that status".to_owned()))
                } else {
                    Ok(Event::ActionStatusSet {
                        action: *action,
                        status: *status,
                    })
                }
            }
        }
    }

    /// A takeaway's words trimmed and its tags (none is fine) checked against the criteria.
    fn takeaway_words(
        &self,
        text: &str,
        criteria: &[String],
    ) -> Result<(String, Vec<String>), Refusal> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Refusal("write the challenge or practice itself".to_owned()));
        }
        let mut known = Vec::new();
        for criterion in criteria {
            let id = self.known_criterion(criterion)?;
            if !known.contains(&id) {
                known.push(id);
            }
        }
        Ok((text.to_owned(), known))
    }

    /// An action with every part given, its criterion known, and a date that is not before
    /// the workshop (a year typed wrong).
    fn checked_action(&self, action: &PlannedAction) -> Result<PlannedAction, Refusal> {
        for (field, value) in [
            ("what", &action.what),
            ("who", &action.who),
            ("indicator", &action.indicator),
        ] {
            if value.trim().is_empty() {
                return Err(Refusal(format!("{field}: every action needs it")));
            }
        }
        if let Due::Date(date) = action.due
            && let Some(first) = self.plan().days.first().map(|d| d.date)
            && date < first
        {
            return Err(Refusal(format!(
                "when: {date} is before the workshop (it starts {first}); an action is due after it"
            )));
        }
        let criterion = self.known_criterion(&action.criterion)?;
        Ok(PlannedAction {
            criterion,
            ..action.clone()
        })
    }
}
