//! The agenda as changed in the room: items added, moved and edited live. The plan file is
//! never rewritten; the run keeps what changed, and the agenda every view and export reads
//! is the plan's with those changes made.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{ItemRef, ItemStatus, Refusal, State};
use crate::event::{Event, ItemEdit};
use crate::plan::{Day, Item};

/// What the room has changed of the planned agenda.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reshaped {
    /// Each day's item ids in their order now; empty until the first change.
    layout: Vec<Vec<String>>,
    /// Every item added, moved or edited, as it stands now.
    items: HashMap<String, Item>,
    /// What was done to each of them.
    changes: HashMap<String, Change>,
}

/// What the room did to one item, for the exports to say.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Change {
    /// Added in the room.
    pub added: bool,
    /// Moved: the index of the day it was planned on.
    pub moved_from: Option<usize>,
    /// Its title, kind or presenter changed: the planned title.
    pub edited_from: Option<String>,
}

impl Change {
    /// In words, for a reader who holds the plan: "added in the room", "moved in the room
    /// from day 2", "changed in the room (planned as \"Lunch\")". `day` is the item's day now.
    pub fn words(&self, day: usize) -> String {
        let mut words = Vec::new();
        if self.added {
            words.push("added in the room".to_owned());
        }
        match self.moved_from {
            Some(from) if !self.added && from != day => {
                words.push(format!("moved in the room from day {}", from + 1));
            }
            Some(_) if !self.added => words.push("moved in the room".to_owned()),
            _ => {}
        }
        match &self.edited_from {
            Some(title) if !self.added => {
                words.push(format!("changed in the room (planned as \"{title}\")"));
            }
            _ => {}
        }
        words.join("; ")
    }
}

/// The most characters an item's title added or edited in the room may have.
const LONGEST_TITLE: usize = 200;

impl State {
    /// The days as they stand: the plan's, with the items added, moved and edited in the room.
    pub fn days(&self) -> &[Day] {
        &self.days
    }

    /// What the room changed of item `id`, if anything.
    pub fn change(&self, id: &str) -> Option<&Change> {
        self.folded.agenda.reshaped.changes.get(id)
    }

    /// Works out the days, the order and each item's place again from the plan and the
    /// changes folded so far; after an event that changes the agenda, and whenever the
    /// folded parts are put back (an undo, a snapshot read).
    pub(super) fn reshape(&mut self) {
        let reshaped = &self.folded.agenda.reshaped;
        self.days = if reshaped.layout.is_empty() {
            self.plan.days.clone()
        } else {
            let planned: HashMap<&str, &Item> = self
                .plan
                .items()
                .map(|(_, item)| (item.id.as_str(), item))
                .collect();
            self.plan
                .days
                .iter()
                .zip(&reshaped.layout)
                .map(|(day, ids)| Day {
                    date: day.date,
                    start: day.start,
                    end: day.end,
                    title: day.title.clone(),
                    location: day.location.clone(),
                    items: ids
                        .iter()
                        .filter_map(|id| {
                            reshaped
                                .items
                                .get(id)
                                .or_else(|| planned.get(id.as_str()).copied())
                                .cloned()
                        })
                        .collect(),
                })
                .collect()
        };
        self.order = self
            .days
            .iter()
            .enumerate()
            .flat_map(|(day, d)| (0..d.items.len()).map(move |index| ItemRef { day, index }))
            .collect();
        self.position = self
            .order
            .iter()
            .enumerate()
            .map(|(i, r)| (self.days[r.day].items[r.index].id.clone(), i))
            .collect();
    }

    /// Folds an event that adds, moves or edits an item.
    pub(super) fn reshape_effect(&mut self, event: &Event) {
        if self.folded.agenda.reshaped.layout.is_empty() {
            self.folded.agenda.reshaped.layout = self
                .days
                .iter()
                .map(|d| d.items.iter().map(|i| i.id.clone()).collect())
                .collect();
        }
        match event {
            Event::ItemAdded { after, item } => {
                let Some((at, _)) = self.find_item(after) else {
                    return;
                };
                let reshaped = &mut self.folded.agenda.reshaped;
                reshaped.layout[at.day].insert(at.index + 1, item.id.clone());
                reshaped.items.insert(item.id.clone(), item.clone());
                reshaped.changes.entry(item.id.clone()).or_default().added = true;
            }
            Event::ItemMoved { item, day, index } => {
                let Some(((from, current), to)) = self
                    .find_item(item)
                    .zip(self.days.iter().position(|d| d.date == *day))
                else {
                    return;
                };
                // It flows after the item before it in its new place, for as long as it
                // was planned to last where it was.
                let mut moved = current.clone();
                if !moved.fixed {
                    moved.start = None;
                }
                moved.duration = Some(self.planned_minutes(item));
                let planned_day = self.planned_day(item);
                let reshaped = &mut self.folded.agenda.reshaped;
                reshaped.layout[from.day].remove(from.index);
                let line = &mut reshaped.layout[to];
                line.insert((*index).min(line.len()), item.clone());
                reshaped.items.insert(item.clone(), moved);
                let change = reshaped.changes.entry(item.clone()).or_default();
                if let Some(planned) = planned_day {
                    change.moved_from.get_or_insert(planned);
                }
            }
            Event::ItemEdited { item, edit } => {
                let Some((_, current)) = self.find_item(item) else {
                    return;
                };
                let mut edited = current.clone();
                edited.title.clone_from(&edit.title);
                edited.kind = edit.kind;
                edited.presenter.clone_from(&edit.presenter);
                let planned_title = self
                    .plan
                    .items()
                    .find(|(_, i)| i.id == *item)
                    .map(|(_, i)| i.title.clone());
                let reshaped = &mut self.folded.agenda.reshaped;
                reshaped.items.insert(item.clone(), edited);
                let change = reshaped.changes.entry(item.clone()).or_default();
                if let Some(title) = planned_title {
                    change.edited_from.get_or_insert(title);
                }
            }
            _ => return,
        }
        self.reshape();
    }

    /// The index of the day the plan puts item `id` on (`None` for an item added in the room).
    fn planned_day(&self, id: &str) -> Option<usize> {
        self.plan
            .days
            .iter()
            .position(|d| d.items.iter().any(|i| i.id == id))
    }

    /// The event for adding an item after `after`, or why not: the same checks as a plan's.
    pub(super) fn decide_item_insert(
        &self,
        after: &str,
        edit: &ItemEdit,
        minutes: u32,
    ) -> Result<Event, Refusal> {
        let Some((_, before)) = self.find_item(after) else {
            return Err(Refusal(format!("no item has the id `{after}`")));
        };
        let edit = checked_edit(edit)?;
        if !(1..=1440).contains(&minutes) {
            return Err(Refusal("a duration is 1 to 1440 minutes".to_owned()));
        }
        Ok(Event::ItemAdded {
            after: after.to_owned(),
            item: Item {
                id: self.new_item_id(&edit.title),
                kind: edit.kind,
                title: edit.title,
                // The module goes on around an item added inside it.
                module: before.module.clone(),
                start: None,
                duration: Some(minutes),
                fixed: false,
                presenter: edit.presenter,
                organisation: None,
                objectives: Vec::new(),
                notes: None,
                exercise: None,
                attendance: false,
            },
        })
    }

    /// Whether item `id` may be moved at all: it is still to come and keeps no fixed time.
    pub fn movable(&self, id: &str) -> Result<(), Refusal> {
        let refuse = |why: String| Err(Refusal(why));
        let Some((_, item)) = self.find_item(id) else {
            return refuse(format!("no item has the id `{id}`"));
        };
        match self.status(id) {
            ItemStatus::Done => refuse(format!("\"{}\" has already been held", item.title)),
            ItemStatus::Running | ItemStatus::Paused => {
                refuse(format!("\"{}\" is running", item.title))
            }
            _ if item.fixed => refuse(format!(
                "\"{}\" is fixed at its time: skip it (s) and add another (i) where it goes",
                item.title
            )),
            ItemStatus::Upcoming | ItemStatus::Skipped | ItemStatus::PassedOver => Ok(()),
        }
    }

    /// The event for moving `id` to `index` among the items of day `day`, or why not.
    pub(super) fn decide_item_move(
        &self,
        id: &str,
        day: usize,
        index: usize,
    ) -> Result<Event, Refusal> {
        self.movable(id)?;
        let Some((at, item)) = self.find_item(id) else {
            return Err(Refusal(format!("no item has the id `{id}`")));
        };
        let Some(to) = self.days.get(day) else {
            return Err(Refusal(format!("the workshop has no day {}", day + 1)));
        };
        let most = to.items.len() - usize::from(at.day == day);
        let index = index.min(most);
        if at.day == day && at.index == index {
            return Err(Refusal(format!("\"{}\" is already there", item.title)));
        }
        Ok(Event::ItemMoved {
            item: id.to_owned(),
            day: to.date,
            index,
        })
    }

    /// The event for changing an upcoming item's title, kind and presenter, or why not.
    pub(super) fn decide_item_edit(&self, id: &str, edit: &ItemEdit) -> Result<Event, Refusal> {
        let Some((_, item)) = self.find_item(id) else {
            return Err(Refusal(format!("no item has the id `{id}`")));
        };
        if matches!(
            self.status(id),
            ItemStatus::Done | ItemStatus::Running | ItemStatus::Paused
        ) {
            return Err(Refusal(format!(
                "\"{}\" has begun: only an item still to come is changed (a note says what happened)",
                item.title
            )));
        }
        let edit = checked_edit(edit)?;
        if edit.title == item.title && edit.kind == item.kind && edit.presenter == item.presenter {
            return Err(Refusal("nothing is changed".to_owned()));
        }
        Ok(Event::ItemEdited {
            item: id.to_owned(),
            edit,
        })
    }

    /// An id for an item added in the room, from its title ("guest-speaker"), not yet used.
    fn new_item_id(&self, title: &str) -> String {
        // Whole words, up to 40 characters: "added-guest-speaker-a-survivor-advocate".
        let ascii = any_ascii::any_ascii(title).to_lowercase();
        let mut slug = String::new();
        for word in ascii
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !slug.is_empty() && slug.len() + 1 + word.len() > 40 {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
        }
        slug.truncate(40);
        let slug = match slug.trim_end_matches('-') {
            "" => "item".to_owned(),
            slug => format!("added-{slug}"),
        };
        let taken = |id: &str| self.position.contains_key(id) || self.planned_day(id).is_some();
        if !taken(&slug) {
            return slug;
        }
        (2..=u32::from(u16::MAX))
            .map(|n| format!("{slug}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(slug)
    }

    /// Why an added or edited item cannot be held: the plan's checks on an item, plus
    /// a length the views can show.
    pub(super) fn admit_reshape(&self, event: &Event) -> Result<(), String> {
        match event {
            Event::ItemAdded { after, item } => {
                self.known_item(after)?;
                if self.position.contains_key(&item.id) || self.planned_day(&item.id).is_some() {
                    return Err(format!("an item already has the id `{}`", item.id));
                }
                let edit = ItemEdit {
                    title: item.title.clone(),
                    kind: item.kind,
                    presenter: item.presenter.clone(),
                };
                checked_edit(&edit).map_err(|r| r.0)?;
                match item.duration {
                    Some(1..=1440) => Ok(()),
                    _ => Err("a duration is 1 to 1440 minutes".to_owned()),
                }
            }
            Event::ItemMoved { item, day, .. } => {
                self.known_item(item)?;
                if self.days.iter().any(|d| d.date == *day) {
                    Ok(())
                } else {
                    Err(format!("the plan has no day {day}"))
                }
            }
            Event::ItemEdited { item, edit } => {
                self.known_item(item)?;
                checked_edit(edit).map(|_| ()).map_err(|r| r.0)
            }
            _ => Ok(()),
        }
    }
}

/// `edit` with its text trimmed, or why it cannot be an item's.
fn checked_edit(edit: &ItemEdit) -> Result<ItemEdit, Refusal> {
    let title = edit.title.trim().to_owned();
    if title.is_empty() {
        return Err(Refusal("an item needs a title".to_owned()));
    }
    if title.chars().count() > LONGEST_TITLE {
        return Err(Refusal(format!(
            "a title is at most {LONGEST_TITLE} characters"
        )));
    }
    let presenter = edit
        .presenter
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    for (field, text) in [("title", Some(&title)), ("presenter", presenter.as_ref())] {
        if let Some(why) = text.and_then(|t| crate::safe_text::refused_char(t)) {
            return Err(Refusal(format!("the {field} {why}")));
        }
    }
    Ok(ItemEdit {
        title,
        kind: edit.kind,
        presenter,
    })
}
