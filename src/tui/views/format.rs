//! How times and lengths are written on screen.

use chrono::{DateTime, TimeDelta, Utc};

use crate::state::State;

/// A running clock: `7:05`, `47:30`, `1:02:09`.
pub fn clock(length: TimeDelta) -> String {
    let seconds = length.num_seconds().max(0);
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Minutes since midnight as `HH:MM`.
pub fn hm(minutes: i64) -> String {
    let minutes = minutes.rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// An instant as local `HH:MM` in the plan's time zone.
pub fn local_hm(state: &State, at: DateTime<Utc>) -> String {
    state.zone().local(at).format("%H:%M").to_string()
}

/// How far the day runs from its plan: "on time", "5 min behind", "3 min ahead".
pub fn drift(minutes: i64) -> String {
    match minutes {
        0 => "on time".to_owned(),
        m if m > 0 => format!("{m} min behind"),
        m => format!("{} min ahead", -m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_grow_an_hour_field_only_when_needed() {
        assert_eq!(clock(TimeDelta::seconds(425)), "7:05");
        assert_eq!(clock(TimeDelta::seconds(3729)), "1:02:09");
        assert_eq!(clock(TimeDelta::seconds(-5)), "0:00");
    }

    #[test]
    fn drift_reads_as_words() {
        assert_eq!(drift(0), "on time");
        assert_eq!(drift(5), "5 min behind");
        assert_eq!(drift(-3), "3 min ahead");
        assert_eq!(hm(1500), "01:00");
    }
}
