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

/// A length with its units, so it cannot be read as a time of day or as hours:
/// `1 min 10 s`, `47 min 30 s`, `1 h 02 min`.
pub fn length(length: TimeDelta) -> String {
    let seconds = length.num_seconds().max(0);
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    if h > 0 {
        format!("{h} h {m:02} min")
    } else {
        format!("{m} min {s:02} s")
    }
}

/// Whole minutes, rounded up: a clock with 20 seconds left has "1 min" left, not 0.
pub fn minutes_up(length: TimeDelta) -> i64 {
    (length.num_seconds().max(0) + 59) / 60
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
    fn lengths_carry_their_units() {
        assert_eq!(length(TimeDelta::seconds(70)), "1 min 10 s");
        assert_eq!(length(TimeDelta::seconds(2850)), "47 min 30 s");
        assert_eq!(length(TimeDelta::seconds(3729)), "1 h 02 min");
        assert_eq!(minutes_up(TimeDelta::seconds(20)), 1);
        assert_eq!(minutes_up(TimeDelta::seconds(120)), 2);
        assert_eq!(minutes_up(TimeDelta::seconds(-5)), 0);
    }

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
