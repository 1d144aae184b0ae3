//! What the screen has selected, read from the state and the screen's own state: shared by
//! the views that draw the selection and the actions that act on it.

use crate::event::{FormedGroup, TakeawayKind};
use crate::plan::{Exercise, Participant};
use crate::search::{matches, search_key};
use crate::state::State;
use crate::tui::ui::Ui;

/// The city the view is on.
pub fn selected_city(state: &State, ui: &Ui) -> Option<String> {
    let cities = state.cities();
    cities
        .get(ui.city.min(cities.len().saturating_sub(1)))
        .cloned()
}

/// The selectable lines of a city: its challenges, good practices, then actions, by id.
pub fn lines_of(state: &State, city: &str) -> Vec<u64> {
    let mut ids: Vec<u64> = state
        .takeaways(city, TakeawayKind::Challenge)
        .iter()
        .map(|e| e.id)
        .collect();
    ids.extend(
        state
            .takeaways(city, TakeawayKind::GoodPractice)
            .iter()
            .map(|e| e.id),
    );
    ids.extend(state.action_plan(city).iter().map(|a| a.id));
    ids
}

/// The participants the filter shows, in roster order.
pub fn visible<'a>(state: &'a State, filter: &str) -> Vec<&'a Participant> {
    let query = search_key(filter.trim());
    state
        .participants()
        .iter()
        .filter(|p| matches(p, &query))
        .collect()
}

/// The exercise the view is on.
pub fn selected_exercise<'a>(state: &'a State, ui: &Ui) -> Option<&'a Exercise> {
    let exercises = &state.plan().exercises;
    exercises.get(ui.exercise.min(exercises.len().saturating_sub(1)))
}

/// The exercise's groups and the selected one.
pub fn selected_group<'a>(state: &'a State, ui: &Ui) -> Option<&'a FormedGroup> {
    let groups = state.groups(selected_exercise(state, ui).map(|e| e.id.as_str()));
    groups.get(ui.group.min(groups.len().saturating_sub(1)))
}
