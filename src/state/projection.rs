//! How the day stands against its plan: drift projected to the end of the day, clashes with
//! fixed-time items, and progress.

use chrono::{DateTime, Timelike, Utc};

use super::{ItemStatus, State};

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
    /// When the day's items were planned to end, minutes since midnight.
    pub planned_end: i64,
    /// When they will end at the current pace, minutes since midnight.
    pub projected_end: i64,
    /// The first fixed-time item the drift runs into.
    pub clash: Option<Clash>,
    /// Items held or skipped, and all items of the day.
    pub items_covered: usize,
    pub items_total: usize,
    /// Minutes of the planned day gone, and its planned length.
    pub minutes_used: i64,
    pub minutes_planned: i64,
}

impl DayProjection {
    /// Minutes the day runs behind plan at its end (negative: ahead).
    pub fn drift(&self) -> i64 {
        self.projected_end - self.planned_end
    }
}

impl State {
    /// How the current day stands at `now`.
    pub fn projection(&self, now: DateTime<Utc>) -> Option<DayProjection> {
        let day_index = self.current_day()?;
        let day = self.day(day_index)?;
        let slots = self.day_slots(day_index);
        let now_min = i64::from(self.zone().local(now).time().num_seconds_from_midnight() / 60);
        let started = day
            .items
            .iter()
            .any(|i| self.status(&i.id) != ItemStatus::Upcoming);
        let start_min = i64::from(day.start.minutes());
        let planned_end = slots
            .last()
            .map_or(i64::from(day.end.minutes()), |s| i64::from(s.end));
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
                minutes_used: 0,
                minutes_planned: (planned_end - start_min).max(0),
            });
        }
        let running = self.folded.agenda.running().filter(|s| {
            self.find_item(&s.item)
                .is_some_and(|(r, _)| r.day == day_index)
        });
        let (mut cursor, from) = if let Some(stint) = running {
            let planned = i64::from(self.planned_minutes(&stint.item));
            let left = (planned - self.elapsed(&stint.item, now).num_minutes()).max(0);
            let index = self.find_item(&stint.item).map_or(0, |(r, _)| r.index + 1);
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
        let mut clash = None;
        for (index, item) in day.items.iter().enumerate().skip(from) {
            if self.status(&item.id) != ItemStatus::Upcoming {
                continue;
            }
            let slot = slots[index];
            if item.fixed {
                let starts = i64::from(slot.start);
                if cursor > starts && clash.is_none() {
                    clash = Some(Clash {
                        item: item.id.clone(),
                        title: item.title.clone(),
                        starts: slot.start,
                        minutes: cursor - starts,
                    });
                }
                cursor = cursor.max(starts);
            }
            cursor += i64::from(slot.minutes());
        }
        let items_covered = day
            .items
            .iter()
            .filter(|i| matches!(self.status(&i.id), ItemStatus::Done | ItemStatus::Skipped))
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
            minutes_used: (now_min - start_min).clamp(0, (planned_end - start_min).max(0)),
            minutes_planned: (planned_end - start_min).max(0),
        })
    }
}
