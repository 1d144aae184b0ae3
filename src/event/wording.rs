//! Events in words: what each one did, as the status line says it.

use super::{Event, Flag, TakeawayKind};
use crate::text::counted;

/// What the words for an event need from the run: the names behind the ids it carries.
/// Each gives `None` for an id it does not know; the words then show the id.
pub trait Names {
    /// The title of the agenda item with this id.
    fn item_title(&self, id: &str) -> Option<String>;
    /// The name of the participant with this id.
    fn person_name(&self, id: &str) -> Option<String>;
    /// The title of the assessment criterion with this id.
    fn criterion_title(&self, id: &str) -> Option<String>;
    /// The name of a group of `exercise`'s groups (the shared ones for `None`).
    fn group_name(&self, exercise: Option<&str>, group: &str) -> Option<String>;
    /// The title of one of `exercise`'s rubric criteria.
    fn rubric_title(&self, exercise: &str, criterion: &str) -> Option<String>;
    /// The text of one of `exercise`'s reference checklist items.
    fn checklist_text(&self, exercise: &str, item: &str) -> Option<String>;
}

impl Event {
    /// What this event did, in words for the status line, with the names `names` gives
    /// (the run as it stood when the event was decided). Keys are the screen's to name.
    pub fn describe(&self, names: &impl Names) -> String {
        let event = self;
        match event {
            Event::ParticipantsAdded { participants, .. } => match participants.as_slice() {
                [one] => format!("added {}", one.name),
                many => format!(
                    "added {}",
                    counted(many.len(), "participant", "participants")
                ),
            },
            Event::ItemStarted { .. }
            | Event::ItemStopped
            | Event::ClockPaused
            | Event::ClockResumed
            | Event::ItemSkipped { .. }
            | Event::ItemUnskipped { .. }
            | Event::DurationSet { .. }
            | Event::NoteAdded { .. }
            | Event::MessageSet { .. }
            | Event::ItemAdded { .. }
            | Event::ItemMoved { .. }
            | Event::ItemEdited { .. } => describe_agenda(names, event),
            Event::Marked { .. }
            | Event::ParticipantEdited { .. }
            | Event::ParticipantWithdrawn { .. }
            | Event::HeadCounted { .. }
            | Event::ItemAttended { .. }
            | Event::Assessed { .. }
            | Event::EvidenceNoted { .. }
            | Event::Flagged { .. }
            | Event::ScoresImported { .. }
            | Event::DeviceAssessed { .. } => describe_people(names, event),
            Event::Distilled { city, takeaway, .. } => match takeaway {
                TakeawayKind::Challenge => format!("key challenge added for {city}"),
                TakeawayKind::GoodPractice => format!("good practice added for {city}"),
            },
            Event::DistillationRemoved { .. } => "takeaway removed".to_owned(),
            Event::DistillationEdited { text, .. } => format!("takeaway corrected: {text}"),
            Event::ActionRevised { revised, .. } => format!("action corrected: {}", revised.what),
            Event::ActionRemoved { .. } => "action removed from its plan".to_owned(),
            Event::ActionPlanned { city, action } => {
                format!("action added to {city}'s plan: {}", action.what)
            }
            Event::ActionStatusSet { status, .. } => format!("action now {status}"),
            Event::GroupsFormed { groups, .. } => {
                format!("{} formed", counted(groups.len(), "group", "groups"))
            }
            Event::GroupRenamed {
                exercise,
                group,
                name,
            } => format!(
                "{} renamed {name}",
                group_of(names, exercise.as_deref(), group)
            ),
            Event::MemberMoved {
                exercise,
                participant,
                to,
            } => format!(
                "{} moved to {}",
                name_of(names, participant),
                group_of(names, exercise.as_deref(), to)
            ),
            Event::Scored {
                exercise,
                group,
                criterion,
                points,
            } => format!(
                "{}: {} on {}",
                group_of(names, Some(exercise), group),
                counted(*points as usize, "point", "points"),
                names
                    .rubric_title(exercise, criterion)
                    .unwrap_or_else(|| criterion.clone())
            ),
            Event::ChecklistLineAdded {
                exercise, group, ..
            } => format!(
                "checklist line added for {}",
                group_of(names, Some(exercise), group)
            ),
            Event::ReferenceTicked {
                exercise,
                group,
                item,
                covered,
            } => format!(
                "{} {} \"{}\"",
                group_of(names, Some(exercise), group),
                if *covered { "covered" } else { "did not cover" },
                names
                    .checklist_text(exercise, item)
                    .unwrap_or_else(|| item.clone())
            ),
            Event::FeedbackGiven { .. } => "feedback form saved".to_owned(),
            Event::FeedbackTallied { .. } => "tally added".to_owned(),
            // What was undone is looked up by `App::execute`, which can read the store.
            Event::Undone { .. } => "undone".to_owned(),
        }
    }
}

/// The words for the agenda's events: its clock, its items, and items added, moved or
/// edited in the room.
fn describe_agenda(names: &impl Names, event: &Event) -> String {
    let title = |id: &str| quoted_title(names, id);
    match event {
        Event::ItemStarted { item } => format!("started {}", title(item)),
        Event::ItemStopped => "ended the running item".to_owned(),
        Event::ClockPaused => "clock paused".to_owned(),
        Event::ClockResumed => "clock running again".to_owned(),
        Event::ItemSkipped { item } => format!("skipped {}", title(item)),
        Event::ItemUnskipped { item } => format!("{} is back on the agenda", title(item)),
        Event::DurationSet { item, minutes } => {
            format!("{} now planned for {minutes} min", title(item))
        }
        Event::NoteAdded { item, .. } => format!("note added to {}", title(item)),
        Event::MessageSet { text: Some(text) } => format!("projector message: {text}"),
        Event::MessageSet { text: None } => "projector message cleared".to_owned(),
        Event::ItemAdded { item, .. } => {
            format!(
                "added \"{}\" ({} min) to the agenda",
                item.title,
                item.duration.unwrap_or(0)
            )
        }
        Event::ItemMoved { item, day, index } => format!(
            "moved {} to {}, place {}",
            title(item),
            day.format("%a %-d %b"),
            index + 1
        ),
        Event::ItemEdited { item, edit } => {
            format!("{} now reads \"{}\"", title(item), edit.title)
        }
        _ => String::new(),
    }
}

/// What an attendance or assessment event did, in words.
fn describe_people(names: &impl Names, event: &Event) -> String {
    let title = |id: &str| quoted_title(names, id);
    match event {
        Event::Marked {
            participants, mark, ..
        } => {
            let who = match participants.as_slice() {
                [one] => name_of(names, one),
                many => format!("{} people", many.len()),
            };
            match mark {
                Some(mark) => format!("{who}: {mark}"),
                None => format!("{who}: mark cleared"),
            }
        }
        Event::ParticipantEdited { participant } => format!("{} corrected", participant.name),
        Event::ParticipantWithdrawn {
            participant,
            withdrawn,
        } => {
            let name = name_of(names, participant);
            if *withdrawn {
                format!("{name} withdrawn (past marks kept)")
            } else {
                format!("{name} is back")
            }
        }
        Event::HeadCounted { item, count } => format!("{count} in the room for {}", title(item)),
        Event::ItemAttended {
            item,
            participant,
            present,
        } => {
            let name = name_of(names, participant);
            format!(
                "{name} {} {}",
                if *present {
                    "checked in at"
                } else {
                    "checked out of"
                },
                title(item)
            )
        }
        Event::Assessed {
            rater,
            city,
            criterion,
            level,
        } => {
            let criterion = criterion_of(names, criterion);
            match rater {
                Some(rater) => format!("{rater} rates {city} {level} on {criterion}"),
                None => format!("{city} assesses itself {level} on {criterion}"),
            }
        }
        Event::EvidenceNoted {
            city, criterion, ..
        } => format!(
            "evidence noted for {city} on {}",
            criterion_of(names, criterion)
        ),
        Event::Flagged {
            city,
            criterion,
            flag,
            on,
        } => {
            let what = match flag {
                Flag::GoodPractice => "a good practice",
                Flag::Priority => "a priority",
            };
            format!(
                "{city}: {} {} {what}",
                criterion_of(names, criterion),
                if *on { "marked as" } else { "no longer" }
            )
        }
        Event::ScoresImported { scores, source } => {
            format!(
                "{} imported from {source}",
                counted(scores.len(), "level", "levels")
            )
        }
        Event::DeviceAssessed { device, scores, .. } => {
            let city = scores.first().map_or("its city", |s| s.city.as_str());
            let levels = counted(scores.len(), "level", "levels");
            match scores.first().and_then(|s| s.rater.as_deref()) {
                Some(_) => format!("{device} rated {city}: {levels}"),
                None => format!("{device} sent {city}'s self-assessment: {levels}"),
            }
        }
        _ => String::new(),
    }
}

/// An item's title in quotes, or its id if the plan has no such item.
fn quoted_title(names: &impl Names, id: &str) -> String {
    names
        .item_title(id)
        .map_or_else(|| id.to_owned(), |title| format!("\"{title}\""))
}

/// A participant's name, or their id if the roster has no one by it.
fn name_of(names: &impl Names, id: &str) -> String {
    names.person_name(id).unwrap_or_else(|| id.to_owned())
}

/// A group's name, or its id.
fn group_of(names: &impl Names, exercise: Option<&str>, id: &str) -> String {
    names
        .group_name(exercise, id)
        .unwrap_or_else(|| id.to_owned())
}

/// An assessment criterion's title, or its id.
fn criterion_of(names: &impl Names, id: &str) -> String {
    names.criterion_title(id).unwrap_or_else(|| id.to_owned())
}
