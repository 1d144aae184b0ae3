//! The next cohort of a workshop: a plan copied with its days moved to new dates, a new id,
//! and (unless one is given) an empty roster.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::Plan;

/// What a new cohort changes.
#[derive(Debug, Clone)]
pub struct Cohort {
    /// The first day of the new cohort.
    pub start: NaiveDate,
    /// Its id; by default the old id with the year changed, or with the start date added.
    pub id: Option<String>,
    /// Its title; by default the old one.
    pub title: Option<String>,
}

/// `from` for a new cohort: its days from `cohort.start`, the plan's roster and pre-formed
/// groups left behind (they are the last cohort's people), and a note saying so.
pub fn next_cohort(from: &Plan, cohort: &Cohort) -> Plan {
    let old: Vec<NaiveDate> = from.days.iter().map(|d| d.date).collect();
    let new = moved_dates(&old, cohort.start);
    let mut plan = from.clone();
    for (day, date) in plan.days.iter_mut().zip(&new) {
        day.date = *date;
    }
    plan.id = cohort
        .id
        .clone()
        .unwrap_or_else(|| new_id(&from.id, old.first().copied(), cohort.start));
    if let Some(title) = &cohort.title {
        plan.title.clone_from(title);
    }
    plan.roster.clear();
    plan.groups.clear();
    let span = |dates: &[NaiveDate]| match (dates.first(), dates.last()) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no days".to_owned(),
    };
    plan.notes.push(format!(
        "Copied from the plan `{}` ({}) for a new cohort, {}: the roster and pre-formed groups \
         were left behind.",
        from.id,
        span(&old),
        span(&new)
    ));
    plan
}

/// The days moved to start on `start`. Where every old day is a weekday, the new ones are
/// too, the same number of working days apart (a Thursday start runs on past the weekend);
/// else the same number of calendar days apart.
pub fn moved_dates(old: &[NaiveDate], start: NaiveDate) -> Vec<NaiveDate> {
    let Some(&first) = old.first() else {
        return Vec::new();
    };
    let weekday = |d: &NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    if !(old.iter().all(weekday) && weekday(&start)) {
        return old.iter().map(|d| start + (*d - first)).collect();
    }
    let working_days = |from: NaiveDate, to: NaiveDate| {
        from.iter_days()
            .take_while(|d| *d < to)
            .filter(|d| weekday(d))
            .count()
    };
    old.iter()
        .map(|d| {
            let mut date = start;
            for _ in 0..working_days(first, *d) {
                date += TimeDelta::days(1);
                while !weekday(&date) {
                    date += TimeDelta::days(1);
                }
            }
            date
        })
        .collect()
}

/// The old id with its first day's year changed to the new one ("cifal-jeju-2020-vca" →
/// "cifal-jeju-2027-vca"); where the id has no such year, the start date added.
fn new_id(old: &str, first: Option<NaiveDate>, start: NaiveDate) -> String {
    let year = first.map(|d| d.year().to_string());
    match year.filter(|y| old.split('-').any(|part| part == y)) {
        Some(y) if start.year().to_string() != y => old
            .split('-')
            .map(|part| {
                if part == y {
                    start.year().to_string()
                } else {
                    part.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("-"),
        _ => format!("{old}-{}", start.format("%Y%m%d")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn weekdays_stay_weekdays() {
        let old = [
            date(2020, 3, 31),
            date(2020, 4, 1),
            date(2020, 4, 2),
            date(2020, 4, 3),
        ];
        // Tuesday to Friday, moved to a Tuesday: the same pattern.
        assert_eq!(
            moved_dates(&old, date(2027, 3, 30)),
            [
                date(2027, 3, 30),
                date(2027, 3, 31),
                date(2027, 4, 1),
                date(2027, 4, 2)
            ]
        );
        // Moved to a Thursday: on past the weekend, to Monday and Tuesday.
        assert_eq!(
            moved_dates(&old, date(2027, 4, 1)),
            [
                date(2027, 4, 1),
                date(2027, 4, 2),
                date(2027, 4, 5),
                date(2027, 4, 6)
            ]
        );
    }

    #[test]
    fn a_plan_with_a_weekend_day_keeps_its_calendar_gaps() {
        let old = [date(2015, 10, 23), date(2015, 10, 24), date(2015, 10, 26)];
        assert_eq!(
            moved_dates(&old, date(2027, 5, 7)),
            [date(2027, 5, 7), date(2027, 5, 8), date(2027, 5, 10)]
        );
    }

    #[test]
    fn the_id_takes_the_new_year_or_the_start_date() {
        let first = Some(date(2020, 3, 31));
        assert_eq!(
            new_id("cifal-jeju-2020-vca", first, date(2027, 3, 30)),
            "cifal-jeju-2027-vca"
        );
        assert_eq!(
            new_id("cifal-jeju-2020-vca", first, date(2020, 9, 1)),
            "cifal-jeju-2020-vca-20200901"
        );
        assert_eq!(new_id("vca", first, date(2027, 3, 30)), "vca-20270330");
    }
}
