//! Reading dates, times and lengths the ways people write them in a spreadsheet, and a
//! spreadsheet's serial numbers (days since 30 December 1899, the time as the fraction).

// A spreadsheet's numbers are floats: each is range-checked before it is cast.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

use chrono::{Days, NaiveDate, NaiveTime, Timelike};

use crate::plan::ClockTime;

/// Day 0 of a spreadsheet's serial dates (so that 1 March 1900 is day 61, as Excel and
/// `LibreOffice` both count it).
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// A whole number without ".0"; any other number as Rust writes it.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A serial date or time as a person reads it: 2020-03-31, 09:30, or both.
pub fn serial_text(serial: f64) -> String {
    let date = (serial >= 1.0).then(|| serial_date(serial)).flatten();
    let clock = (serial.fract() != 0.0)
        .then(|| serial_clock(serial))
        .flatten();
    match (date, clock) {
        (Some(date), Some(clock)) => format!("{date} {clock}"),
        (Some(date), None) => date.to_string(),
        (None, Some(clock)) => clock.to_string(),
        (None, None) => number_text(serial),
    }
}

/// The date of a serial number.
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    epoch().checked_add_days(Days::new(days as u64))
}

/// The time of day of a serial number, to the nearest minute.
pub fn serial_clock(serial: f64) -> Option<ClockTime> {
    let minutes = (serial.fract() * 24.0 * 60.0).round();
    if !(0.0..1440.0).contains(&minutes) {
        return None;
    }
    ClockTime::from_minutes(minutes as u32)
}

/// The serial number of an ISO date, date-time or duration, as an .ods keeps them
/// ("2020-03-31", "2020-03-31T09:30:00", "PT09H30M00S").
pub fn iso_serial(text: &str) -> Option<f64> {
    if let Some(duration) = text.strip_prefix("PT") {
        let (hours, rest) = duration.split_once('H')?;
        let (minutes, rest) = rest.split_once('M').unwrap_or((rest, ""));
        let seconds = rest.trim_end_matches('S');
        let seconds: f64 = if seconds.is_empty() {
            0.0
        } else {
            seconds.parse().ok()?
        };
        let total = hours.parse::<f64>().ok()? * 3600.0
            + minutes.parse::<f64>().unwrap_or(0.0) * 60.0
            + seconds;
        return Some(total / 86_400.0);
    }
    let (date, time) = text.split_once('T').unwrap_or((text, ""));
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let days = (date - epoch()).num_days() as f64;
    let time = if time.is_empty() {
        0.0
    } else {
        let time = NaiveTime::parse_from_str(time.get(..8)?, "%H:%M:%S").ok()?;
        f64::from(time.num_seconds_from_midnight()) / 86_400.0
    };
    Some(days + time)
}

/// The forms a date may take in a cell, whole.
const DATE_FORMATS: [&str; 12] = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A %d %B %Y",
    "%a %d %b %Y",
];

/// A date written in `text`, whole or inside it ("Day 2 – Wednesday 1 April 2020").
/// Numeric dates are read day first (31/03/2020), or year first (2020-03-31).
pub fn date_in(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .collect();
    let tidy = |w: &str| ordinal_stripped(w);
    // Longest first, so "Tuesday 31 March 2020" is read whole before "31 March 2020".
    for length in (1..=4).rev() {
        for window in words.windows(length) {
            let candidate = window.iter().map(|w| tidy(w)).collect::<Vec<_>>().join(" ");
            if let Some(date) = DATE_FORMATS
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(&candidate, f).ok())
            {
                return Some(date);
            }
        }
    }
    None
}

/// "31st" as "31"; other words as they are.
fn ordinal_stripped(word: &str) -> String {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix.to_lowercase().as_str(), "st" | "nd" | "rd" | "th")
    {
        digits.to_owned()
    } else {
        word.to_owned()
    }
}

/// A time of day written in `text`: 09:30, 9:30, 9.30, 9h30, 14h, 9:30 am, 2 pm. A range
/// ("09:00–10:30") gives its start.
pub fn clock_in(text: &str) -> Result<ClockTime, String> {
    clock_range(text).map(|(start, _)| start)
}

/// A time of day, or a range of two ("09:00–10:30", "9:00 to 10:30", "09:00-10:30").
pub fn clock_range(text: &str) -> Result<(ClockTime, Option<ClockTime>), String> {
    let bad = || format!("`{}` is not a time of day: write it as 09:30", text.trim());
    let lower = text.trim().to_lowercase();
    for separator in ["–", "—", " to ", "-", "~"] {
        if let Some((from, to)) = lower.split_once(separator)
            && !from.trim().is_empty()
        {
            let start = one_clock(from).ok_or_else(bad)?;
            let end = one_clock(to).ok_or_else(bad)?;
            return Ok((start, Some(end)));
        }
    }
    one_clock(&lower).map(|c| (c, None)).ok_or_else(bad)
}

fn one_clock(text: &str) -> Option<ClockTime> {
    let text = text.trim();
    let (text, after_noon) = if let Some(t) = text.strip_suffix("pm").or(text.strip_suffix("p.m."))
    {
        (t.trim(), Some(true))
    } else if let Some(t) = text.strip_suffix("am").or(text.strip_suffix("a.m.")) {
        (t.trim(), Some(false))
    } else {
        (text, None)
    };
    let (hours, minutes) = match text.find([':', '.', 'h']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None if text.len() == 4 && after_noon.is_none() => text.split_at(2),
        None => (text, ""),
    };
    let mut hours: u32 = hours.trim().parse().ok()?;
    let minutes: u32 = if minutes.trim().is_empty() {
        0
    } else {
        minutes.trim().get(..2)?.parse().ok()?
    };
    match after_noon {
        Some(true) if hours < 12 => hours += 12,
        Some(false) if hours == 12 => hours = 0,
        _ => {}
    }
    if hours > 23 || minutes > 59 {
        return None;
    }
    ClockTime::from_minutes(hours * 60 + minutes)
}

/// A length in minutes written in `text`: 45, 45 min, 45', 90 mins, 1h30, 1 h 30, 1:30, 2h.
pub fn minutes_in(text: &str) -> Option<u32> {
    let lower = text.trim().to_lowercase();
    let bare = lower
        .trim_end_matches("minutes")
        .trim_end_matches("minute")
        .trim_end_matches("mins")
        .trim_end_matches("min")
        .trim_end_matches('\'')
        .trim();
    if let Ok(minutes) = bare.parse::<u32>() {
        return Some(minutes);
    }
    let (hours, minutes) = bare.split_once([':', 'h'])?;
    let hours: u32 = hours.trim().parse().ok()?;
    let minutes = minutes.trim().trim_end_matches('m').trim();
    let minutes: u32 = if minutes.is_empty() {
        0
    } else {
        minutes.parse().ok()?
    };
    (minutes < 60).then_some(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_the_ways_people_write_them() {
        for text in [
            "2020-03-31",
            "31/03/2020",
            "31.03.2020",
            "2020/03/31",
            "31 March 2020",
            "31 Mar 2020",
            "Tuesday 31 March 2020",
            "Tuesday, 31st March 2020",
            "March 31, 2020",
            "Day 1 – Tuesday 31 March 2020",
        ] {
            assert_eq!(date_in(text), Some(date(2020, 3, 31)), "{text}");
        }
        assert_eq!(date_in("Day 1"), None);
        assert_eq!(serial_date(43_921.0), Some(date(2020, 3, 31)));
        assert_eq!(iso_serial("2020-03-31"), Some(43_921.0));
    }

    #[test]
    fn times_and_lengths_in_the_ways_people_write_them() {
        let clock = |h: u32, m: u32| ClockTime::from_minutes(h * 60 + m).unwrap();
        for (text, want) in [
            ("09:30", clock(9, 30)),
            ("9:30", clock(9, 30)),
            ("9.30", clock(9, 30)),
            ("9h30", clock(9, 30)),
            ("14h", clock(14, 0)),
            ("2 pm", clock(14, 0)),
            ("2:30pm", clock(14, 30)),
            ("12:15 am", clock(0, 15)),
            ("0930", clock(9, 30)),
        ] {
            assert_eq!(clock_in(text), Ok(want), "{text}");
        }
        assert_eq!(
            clock_range("09:00–10:30"),
            Ok((clock(9, 0), Some(clock(10, 30))))
        );
        assert_eq!(clock_range("9:00 to 10:30").unwrap().1, Some(clock(10, 30)));
        assert!(clock_in("25:00").is_err());
        assert!(clock_in("lunch").is_err());
        assert_eq!(serial_clock(0.375), Some(clock(9, 0)));
        assert_eq!(
            iso_serial("PT09H30M00S").and_then(serial_clock),
            Some(clock(9, 30))
        );
        for (text, want) in [
            ("45", 45),
            ("45 min", 45),
            ("45'", 45),
            ("90 mins", 90),
            ("1h30", 90),
            ("1 h 30", 90),
            ("1:30", 90),
            ("2h", 120),
        ] {
            assert_eq!(minutes_in(text), Some(want), "{text}");
        }
        assert_eq!(minutes_in("an hour"), None);
    }
}
