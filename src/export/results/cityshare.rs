//! CityShare: self-assessments, peer ratings, the comparison, takeaways and action plans.

use crate::event::Flag;
use crate::export::table::{Cell, Table};
use crate::plan::AssessmentFramework;
use crate::state::{Lens, State};

/// A level as a cell: its number, or the scale's word for "unknown".
fn level_cell(framework: &AssessmentFramework, level: Option<u8>) -> Cell {
    match level {
        None => Cell::Empty,
        Some(0) => Cell::text(&framework.scale.unknown.label),
        Some(n) => Cell::Int(i64::from(n)),
    }
}

fn level_label(framework: &AssessmentFramework, level: Option<u8>) -> Cell {
    level
        .filter(|l| *l > 0)
        .and_then(|l| framework.scale.levels.iter().find(|s| s.value == l))
        .map_or(Cell::Empty, |s| Cell::text(&s.label))
}

/// Every city on every criterion: its own level, the evidence and its flags.
pub fn self_assessments(state: &State) -> Table {
    let framework = state.plan().framework();
    let mut table = Table::new(
        "self-assessments",
        "Self-assessments",
        &[
            "City",
            "Criterion ID",
            "Criterion",
            "Level",
            "Level label",
            "Evidence",
            "Good practice",
            "Priority",
            "Sent from",
        ],
    );
    for city in state.cities() {
        for criterion in &framework.criteria {
            let level = state.self_level(city, &criterion.id);
            table.rows.push(vec![
                Cell::text(city),
                Cell::text(&criterion.id),
                Cell::text(&criterion.title),
                level_cell(&framework, level),
                level_label(&framework, level),
                Cell::text(state.evidence(city, &criterion.id).join(" | ")),
                Cell::yes_no(state.is_flagged(city, &criterion.id, Flag::GoodPractice)),
                Cell::yes_no(state.is_flagged(city, &criterion.id, Flag::Priority)),
                Cell::text(
                    state
                        .level_origin(None, city, &criterion.id)
                        .unwrap_or_default(),
                ),
            ]);
        }
    }
    table
}

/// Every rating one city gave another.
pub fn peer_ratings(state: &State) -> Table {
    let framework = state.plan().framework();
    let mut table = Table::new(
        "peer-ratings",
        "Peer ratings",
        &[
            "Rater city",
            "Rated city",
            "Criterion ID",
            "Criterion",
            "Level",
            "Level label",
            "Sent from",
        ],
    );
    let cities = state.cities();
    for rated in cities {
        for criterion in &framework.criteria {
            for rater in cities.iter().filter(|c| *c != rated) {
                let Some(level) = state.level(Some(rater), rated, &criterion.id) else {
                    continue;
                };
                table.rows.push(vec![
                    Cell::text(rater),
                    Cell::text(rated),
                    Cell::text(&criterion.id),
                    Cell::text(&criterion.title),
                    level_cell(&framework, Some(level)),
                    level_label(&framework, Some(level)),
                    Cell::text(
                        state
                            .level_origin(Some(rater), rated, &criterion.id)
                            .unwrap_or_default(),
                    ),
                ]);
            }
        }
    }
    table
}

/// Cities by criteria: own level, the peers' mean, the gap and the region's mean.
pub fn comparison(state: &State) -> Table {
    let framework = state.plan().framework();
    let mut table = Table::new(
        "comparison",
        "Comparison",
        &[
            "City",
            "Criterion ID",
            "Criterion",
            "Self",
            "Peer average",
            "Peer ratings",
            "Gap",
            "Regional self average",
        ],
    );
    let cities = state.cities();
    for city in cities {
        for criterion in &framework.criteria {
            let ratings = cities
                .iter()
                .filter(|rater| {
                    *rater != city
                        && state
                            .level(Some(rater), city, &criterion.id)
                            .is_some_and(|l| l > 0)
                })
                .count();
            table.rows.push(vec![
                Cell::text(city),
                Cell::text(&criterion.id),
                Cell::text(&criterion.title),
                level_cell(&framework, state.self_level(city, &criterion.id)),
                Cell::figure(state.peer_average(city, &criterion.id)),
                Cell::count(ratings),
                Cell::figure(state.gap(city, &criterion.id)),
                Cell::figure(state.regional_average(Lens::SelfAssessed, &criterion.id)),
            ]);
        }
    }
    table
}

/// The criteria's titles for a list of ids.
fn criteria_titles(framework: &AssessmentFramework, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            framework
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.as_str(), |c| c.title.as_str())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Takeaways (key challenges and good practices), by city.
pub fn takeaways(state: &State) -> Table {
    let framework = state.plan().framework();
    let mut table = Table::new(
        "takeaways",
        "Key challenges and good practices",
        &["City", "Kind", "Text", "Criteria"],
    );
    let mut takeaways: Vec<_> = state.all_takeaways().iter().collect();
    let cities = state.cities();
    takeaways.sort_by_key(|t| cities.iter().position(|c| *c == t.city));
    for takeaway in takeaways {
        table.rows.push(vec![
            Cell::text(&takeaway.city),
            Cell::text(takeaway.kind.to_string()),
            Cell::text(&takeaway.text),
            Cell::text(criteria_titles(&framework, &takeaway.criteria)),
        ]);
    }
    table
}

/// Every city's action plan.
pub fn action_plans(state: &State) -> Table {
    let framework = state.plan().framework();
    let mut table = Table::new(
        "action-plans",
        "Action plans",
        &[
            "City",
            "No.",
            "Action",
            "Who",
            "Due",
            "Criterion",
            "Indicator",
            "Status",
        ],
    );
    let mut actions: Vec<_> = state.all_actions().iter().collect();
    let cities = state.cities();
    actions.sort_by_key(|a| cities.iter().position(|c| *c == a.city));
    let mut number = 0;
    let mut last_city = "";
    for item in actions {
        number = if item.city == last_city {
            number + 1
        } else {
            1
        };
        last_city = &item.city;
        table.rows.push(vec![
            Cell::text(&item.city),
            Cell::count(number),
            Cell::text(&item.action.what),
            Cell::text(&item.action.who),
            Cell::text(item.action.due.as_data()),
            Cell::text(criteria_titles(
                &framework,
                std::slice::from_ref(&item.action.criterion),
            )),
            Cell::text(&item.action.indicator),
            Cell::text(item.status.to_string()),
        ]);
    }
    table
}
