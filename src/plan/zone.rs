//! The plan's time zone: an IANA name or a fixed UTC offset.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};

/// Where the workshop's clock times are read: "Asia/Seoul", "+09:00" or "UTC+9".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Named(chrono_tz::Tz),
    Fixed(FixedOffset),
}

impl Zone {
    /// The wall-clock time in this zone at the instant `at`.
    pub fn local(self, at: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Named(tz) => at.with_timezone(&tz).naive_local(),
            Zone::Fixed(offset) => at.with_timezone(&offset).naive_local(),
        }
    }

    /// The UTC offset in force at `at`, for display.
    pub fn offset_at(self, at: DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Named(tz) => tz.offset_from_utc_datetime(&at.naive_utc()).fix(),
            Zone::Fixed(offset) => offset,
        }
    }
}

impl FromStr for Zone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(
                "the time zone is empty: use an IANA name such as Asia/Seoul, or an offset such as +09:00 or UTC+9"
                    .to_owned(),
            );
        }
        if let Ok(tz) = text.parse::<chrono_tz::Tz>() {
            return Ok(Zone::Named(tz));
        }
        let offset = text
            .strip_prefix("UTC")
            .or_else(|| text.strip_prefix("GMT"))
            .unwrap_or(text);
        if offset.is_empty() {
            return Ok(Zone::Fixed(FixedOffset::east_opt(0).ok_or("zero offset")?));
        }
        parse_offset(offset).map(Zone::Fixed).ok_or_else(|| {
            format!(
                "unknown time zone `{s}`: use an IANA name such as Asia/Seoul, or an offset such as +09:00 or UTC+9"
            )
        })
    }
}

/// "+9", "+09", "+0930", "+09:30", "-05:00".
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &text[1..];
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if hours.is_empty() || hours.len() > 2 || minutes.len() > 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Named(tz) => f.write_str(tz.name()),
            Zone::Fixed(offset) => write!(f, "UTC{offset}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iana_names_and_offsets() {
        assert!(matches!("Asia/Seoul".parse::<Zone>(), Ok(Zone::Named(_))));
        for (text, seconds) in [
            ("+09:00", 9 * 3600),
            ("UTC+9", 9 * 3600),
            ("+0530", 19800),
            ("UTC-03:30", -12600),
            ("UTC+05:45", 20700),
        ] {
            let Ok(Zone::Fixed(offset)) = text.parse::<Zone>() else {
                panic!("{text} should parse")
            };
            assert_eq!(offset.local_minus_utc(), seconds, "{text}");
        }
    }

    #[test]
    fn jeju_is_nine_hours_ahead_of_utc() {
        let zone: Zone = "Asia/Seoul".parse().unwrap();
        let at = DateTime::parse_from_rfc3339("2020-03-31T00:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(zone.local(at).to_string(), "2020-03-31 09:30:00");
        assert_eq!(zone.offset_at(at).local_minus_utc(), 9 * 3600);
    }

    #[test]
    fn refuses_unknown_names_and_silly_offsets() {
        for bad in ["Asia/Jeju", "+25:00", "9", "UTC+9:75", "Seoul", "", "  "] {
            assert!(bad.parse::<Zone>().is_err(), "{bad}");
        }
    }
}
