//! The agenda as planned and as run.

use chrono::{DateTime, Utc};

use super::whole_minutes;
use crate::export::table::{Cell, Table};
use crate::plan::format_minutes;
use crate::state::{ItemStatus, State};

/// The status in words.
pub fn status_words(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Upcoming => "upcoming",
        ItemStatus::Running => "running",
        ItemStatus::Paused => "paused",
        ItemStatus::Done => "done",
        ItemStatus::Skipped => "skipped",
        ItemStatus::PassedOver => "not held",
    }
}

/// Every item: planned and actual start, end and length, the difference, status, head
/// count and notes. Running items are measured up to `at`.
pub fn agenda(state: &State, at: DateTime<Utc>) -> Table {
    let mut table = Table::new(
        "agenda",
        "Agenda as run",
        &[
            "Day",
            "Date",
            "Item ID",
            "Kind",
            "Title",
            "Module",
            "Planned start",
            "Planned end",
            "Planned minutes",
            "Actual start",
            "Actual end",
            "Actual minutes",
            "Difference (minutes)",
            "Status",
            "Head count",
            "Notes",
            "Changed in the room",
        ],
    );
    let zone = state.zone();
    let local = |t: DateTime<Utc>| zone.local(t).format("%H:%M").to_string();
    for (index, day) in state.days().iter().enumerate() {
        let slots = state.day_slots(index);
        for (item, slot) in day.items.iter().zip(slots) {
            let status = state.status(&item.id);
            let ran = state.started_at(&item.id).is_some();
            let end = state.ended_at(&item.id);
            let actual = ran.then(|| whole_minutes(state.elapsed(&item.id, at)));
            table.rows.push(vec![
                Cell::count(index + 1),
                Cell::text(day.date.to_string()),
                Cell::text(&item.id),
                Cell::text(item.kind.as_str()),
                Cell::text(&item.title),
                Cell::text(item.module.clone().unwrap_or_default()),
                Cell::text(format_minutes(slot.start)),
                Cell::text(format_minutes(slot.end)),
                Cell::Int(slot.minutes().into()),
                state
                    .started_at(&item.id)
                    .map_or(Cell::Empty, |t| Cell::text(local(t))),
                end.map_or(Cell::Empty, |t| Cell::text(local(t))),
                actual.map_or(Cell::Empty, Cell::Int),
                actual.map_or(Cell::Empty, |a| Cell::Int(a - i64::from(slot.minutes()))),
                Cell::text(status_words(status)),
                state
                    .head_count(&item.id)
                    .map_or(Cell::Empty, |n| Cell::Int(n.into())),
                Cell::text(
                    state
                        .notes(&item.id)
                        .iter()
                        .map(|n| n.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                Cell::text(
                    state
                        .change(&item.id)
                        .map(|c| c.words(index))
                        .unwrap_or_default(),
                ),
            ]);
        }
    }
    table
}
