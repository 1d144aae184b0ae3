//! How the day stands against its plan, worked out once and read by everything that shows
//! it: the agenda's drift line and fixed-item warning, its NEXT line and outline, and the
//! projector. Each item still to come gets a projected start; the day a projected end.
//!
//! Items the day has passed over (jumped past, never started, not skipped) are left out of
//! both sides: the plan the day is measured against is the plan without them, so jumping
//! ahead never reads as time gained, and an item left unheld in its slot is not time owed.
//! Skipping an item (`s`) is how a facilitator gives its planned time up.

use chrono::{DateTime, Timelike, Utc};

use super::{ItemStatus, State};
use crate::plan::{Day, Slot};

/// A fixed-time item (lunch, the bus) that the day's drift will run into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub item: String,
    pub title: String,
    /// Its planned start, minutes since midnight.
    pub starts: u32,
    /// How many minutes late the items before it will end.
    pub minutes: i64,
}

impl Clash {
    /// When the fixed item would start at the current pace, minutes since midnight.
    pub fn projected_start(&self) -> i64 {
        i64::from(self.starts) + self.minutes
    }
}

/// The day's position against its plan at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayProjection {
    pub day: usize,
    /// Local time of day now, in minutes since midnight. The date is not compared: a plan is
    /// often rehearsed or reused on other dates than it names.
    pub now: i64,
    /// Whether any item of the day has been held, started or skipped. Before that the day
    /// has no drift.
    pub started: bool,
    /// When the day's items were planned to end, minutes since midnight: the plan without
    /// the items passed over.
    pub planned_end: i64,
    /// When they will end at the current pace, minutes since midnight.
    pub projected_end: i64,
    /// The first fixed-time item the drift runs into.
    pub clash: Option<Clash>,
    /// Items the day is past (held, skipped or passed over), and all items of the day.
    pub items_covered: usize,
    pub items_total: usize,
    /// Items of the day passed over: not held, and left out of the drift.
    pub passed_over: usize,
    /// Minutes of the planned day gone, and its planned length.
    pub minutes_used: i64,
    pub minutes_planned: i64,
    /// Each item's projected start (by its index in the day), for items still to come.
    starts: Vec<Option<i64>>,
}

impl DayProjection {
    /// Minutes the day runs behind plan at its end (negative: ahead).
    pub fn drift(&self) -> i64 {
        self.projected_end - self.planned_end
    }

    /// When the day's item at `index` would start at the current pace, minutes since
    /// midnight; `None` for an item not still to come.
    pub fn start_of(&self, index: usize) -> Option<i64> {
        self.starts.get(index).copied().flatten()
    }
}

impl State {
    /// How the current day stands at `now`.
    pub fn projection(&self, now: DateTime<Utc>) -> Option<DayProjection> {
        let day_index = self.current_day()?;
        let day = self.day(day_index)?;
        let slots = self.day_slots(day_index);
        let statuses: Vec<ItemStatus> = day.items.iter().map(|i| self.status(&i.id)).collect();
        let now_min = i64::from(self.zone().local(now).time().num_seconds_from_midnight() / 60);
        let started = statuses.iter().any(|s| *s != ItemStatus::Upcoming);
        let start_min = i64::from(day.start.minutes());
        let planned_end = planned_end_without(day, &slots, |index| {
            statuses[index] == ItemStatus::PassedOver
        });
        let minutes_planned = (planned_end_without(day, &slots, |_| false) - start_min).max(0);
        if !started {
            return Some(DayProjection {
                day: day_index,
                now: now_min,
                started,
                planned_end,
                projected_end: planned_end,
                clash: None,
                items_covered: 0,
                items_total: day.items.len(),
                passed_over: 0,
                minutes_used: 0,
                minutes_planned,
                starts: slots.iter().map(|s| Some(i64::from(s.start))).collect(),
            });
        }
        let running = self.folded.agenda.running().filter(|s| {
            self.find_item(&s.item)
                .is_some_and(|(r, _)| r.day == day_index)
        });
        let (mut cursor, from) = if let Some(stint) = running {
            let planned = i64::from(self.planned_minutes(&stint.item));
            let index = self.find_item(&stint.item).map_or(0, |(r, _)| r.index + 1);
            let left = (planned - self.elapsed(&stint.item, now).num_minutes()).max(0);
            (now_min + left, index)
        } else {
            let next = self
                .next_item()
                .and_then(|i| self.find_item(&i.id))
                .filter(|(r, _)| r.day == day_index);
            match next {
                Some((r, _)) => (now_min.max(i64::from(slots[r.index].start)), r.index),
                None => (now_min.max(planned_end), day.items.len()),
            }
        };
        // An item held before and come back to (after going back) brings what it has left.
        let to_come = (from..day.items.len())
            .filter(|i| matches!(statuses[*i], ItemStatus::Upcoming | ItemStatus::Done));
        let mut starts = vec![None; day.items.len()];
        let mut clash = None;
        for index in to_come {
            let (item, slot) = (&day.items[index], slots[index]);
            let held = statuses[index] == ItemStatus::Done;
            if item.fixed && !held {
                let planned = i64::from(slot.start);
                if cursor > planned && clash.is_none() {
                    clash = Some(Clash {
                        item: item.id.clone(),
                        title: item.title.clone(),
                        starts: slot.start,
                        minutes: cursor - planned,
                    });
                }
                cursor = cursor.max(planned);
            }
            starts[index] = Some(cursor);
            cursor += if held {
                (i64::from(slot.minutes()) - self.elapsed(&item.id, now).num_minutes()).max(0)
            } else {
                i64::from(slot.minutes())
            };
        }
        let passed_over = statuses
            .iter()
            .filter(|s| **s == ItemStatus::PassedOver)
            .count();
        let items_covered = statuses
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    ItemStatus::Done | ItemStatus::Skipped | ItemStatus::PassedOver
                )
            })
            .count();
        Some(DayProjection {
            day: day_index,
            now: now_min,
            started,
            planned_end,
            projected_end: cursor,
            clash,
            items_covered,
            items_total: day.items.len(),
            passed_over,
            minutes_used: (now_min - start_min).clamp(0, minutes_planned),
            minutes_planned,
            starts,
        })
    }
}

/// When the day's plan would end without the items `left_out` picks (by index), minutes
/// since midnight: the others keep their planned lengths, and those the plan gives a start
/// keep it.
fn planned_end_without(day: &Day, slots: &[Slot], left_out: impl Fn(usize) -> bool) -> i64 {
    if slots.is_empty() {
        return i64::from(day.end.minutes());
    }
    let mut end = i64::from(day.start.minutes());
    for (index, (item, slot)) in day.items.iter().zip(slots).enumerate() {
        if left_out(index) {
            continue;
        }
        let start = if item.start.is_some() {
            i64::from(slot.start)
        } else {
            end
        };
        end = start + i64::from(slot.minutes());
    }
    end
}
