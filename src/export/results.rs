//! The results of a run as tables, one per CSV file; the reports and the JSON export use
//! the same tables, so every format tells the same story.

pub(crate) mod agenda;
mod cityshare;
pub(crate) mod exercises;
mod people;

use chrono::{DateTime, Utc};

use super::table::Table;
use crate::state::State;

/// How many tables [`tables`] gives.
pub const COUNT: usize = 11;

/// Every results table of `state`; running items are measured up to `at`.
pub fn tables(state: &State, at: DateTime<Utc>) -> Vec<Table> {
    vec![
        agenda::agenda(state, at),
        people::attendance(state),
        people::certificates(state),
        cityshare::self_assessments(state),
        cityshare::peer_ratings(state),
        cityshare::comparison(state),
        cityshare::takeaways(state),
        cityshare::action_plans(state),
        exercises::group_scores(state),
        exercises::checklist_coverage(state),
        exercises::feedback(state),
    ]
}

/// A span in whole minutes, to the nearest.
pub(crate) fn whole_minutes(span: chrono::TimeDelta) -> i64 {
    (span.num_seconds() + 30).div_euclid(60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_count_is_the_number_of_tables() {
        let state = crate::state::State::new(crate::plan::empty_plan());
        assert_eq!(
            super::tables(&state, chrono::Utc::now()).len(),
            super::COUNT
        );
    }
}
