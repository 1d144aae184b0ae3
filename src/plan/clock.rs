//! Wall-clock times of day ("09:30") as written in plan files.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day to the minute, in the plan's time zone; agendas never need seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// The time `minutes` after midnight, if it falls within one day.
    pub fn from_minutes(minutes: u32) -> Option<Self> {
        u16::try_from(minutes)
            .ok()
            .filter(|m| *m < 24 * 60)
            .map(|minutes| Self { minutes })
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.minutes)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl FromStr for ClockTime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a time of day: write it as HH:MM, for example 09:30");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Self::from_minutes(h * 60 + m).ok_or_else(bad)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::as_text::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::as_text::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hours_and_minutes() {
        let t: ClockTime = "9:05".parse().unwrap();
        assert_eq!(t.minutes(), 9 * 60 + 5);
        assert_eq!(t.to_string(), "09:05");
        assert_eq!("23:59".parse::<ClockTime>().unwrap().minutes(), 1439);
    }

    #[test]
    fn rejects_what_is_not_a_time_of_day() {
        for bad in [
            "24:00", "12:60", "1230", "12:3", "", "ab:cd", "-1:00", "12:30:00",
        ] {
            assert!(bad.parse::<ClockTime>().is_err(), "{bad} should be refused");
        }
    }
}
