//! The planned timetable of a day: when each item starts and ends, and where it does not fit.

use super::{Day, Item};

/// An item's planned place in its day, in minutes since midnight (the end may pass midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: u32,
    pub end: u32,
}

impl Slot {
    /// Planned length in minutes.
    pub fn minutes(self) -> u32 {
        self.end - self.start
    }
}

/// A way in which a day's items do not fit its hours. `item` indexes `day.items`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misfit {
    /// The item's start is set before the day begins.
    BeforeDay { item: usize },
    /// The item's start is set at or after the day ends.
    AfterDay { item: usize },
    /// The item has no duration and the next item no start, so its length is unknown.
    NoLength { item: usize },
    /// The item is set to start before the previous item ends.
    Overlap { item: usize, previous_end: u32 },
    /// The items run past the end of the day, to `end`.
    Overrun { end: u32 },
}

/// Lays out `day` as planned. Every item gets a slot, even when it does not fit; the misfits
/// say what is wrong.
pub fn plan_day(day: &Day) -> (Vec<Slot>, Vec<Misfit>) {
    plan_day_with(day, |item| item.duration)
}

/// Lays out `day` with each item's duration given by `duration` (the plan's, or as edited
/// during the run).
pub fn plan_day_with(
    day: &Day,
    duration: impl Fn(&Item) -> Option<u32>,
) -> (Vec<Slot>, Vec<Misfit>) {
    let day_start = day.start.minutes();
    let day_end = day.end.minutes();
    let mut slots = Vec::with_capacity(day.items.len());
    let mut misfits = Vec::new();
    let mut cursor = day_start;
    for (index, item) in day.items.iter().enumerate() {
        let start = match item.start {
            Some(start) => {
                let start = start.minutes();
                if start < day_start {
                    misfits.push(Misfit::BeforeDay { item: index });
                } else if start >= day_end {
                    misfits.push(Misfit::AfterDay { item: index });
                }
                if start < cursor && index > 0 {
                    misfits.push(Misfit::Overlap {
                        item: index,
                        previous_end: cursor,
                    });
                }
                start
            }
            None => cursor,
        };
        let next_start = day
            .items
            .get(index + 1)
            .map(|next| next.start.map(super::ClockTime::minutes));
        let end = match (duration(item), next_start) {
            (Some(minutes), _) => start + minutes,
            (None, Some(Some(next))) => next.max(start),
            (None, None) => day_end.max(start),
            (None, Some(None)) => {
                misfits.push(Misfit::NoLength { item: index });
                start
            }
        };
        slots.push(Slot { start, end });
        cursor = end;
    }
    if cursor > day_end {
        misfits.push(Misfit::Overrun { end: cursor });
    }
    (slots, misfits)
}

/// Formats minutes since midnight as HH:MM, marking times past midnight with "+1d".
pub fn format_minutes(minutes: u32) -> String {
    let day = 24 * 60;
    let suffix = if minutes >= day { " (+1d)" } else { "" };
    format!("{:02}:{:02}{suffix}", (minutes % day) / 60, minutes % 60)
}
