//! The report's sections, each from the state: the agenda as held, the comparison, the
//! action plans and the exercises.

use super::{
    AgendaDay, AgendaRow, CityPlan, CityProfile, ExerciseResult, GroupResult, local_minutes,
};
use crate::event::TakeawayKind;
use crate::export::results::exercises::scored;
use crate::export::results::{agenda::status_words, whole_minutes};
use crate::state::State;
use chrono::{DateTime, Utc};

pub(super) fn days(state: &State, at: DateTime<Utc>) -> Vec<AgendaDay> {
    state
        .days()
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let items = day
                .items
                .iter()
                .zip(state.day_slots(index))
                .map(|(item, slot)| {
                    let end = state.ended_at(&item.id);
                    let started = state.started_at(&item.id);
                    AgendaRow {
                        title: item.title.clone(),
                        kind: item.kind.as_str(),
                        planned: (slot.start, slot.end),
                        actual: started.map(|s| {
                            (
                                local_minutes(state, s),
                                end.map(|e| local_minutes(state, e)),
                            )
                        }),
                        actual_minutes: started.map(|_| whole_minutes(state.elapsed(&item.id, at))),
                        status: status_words(state.status(&item.id)),
                        change: state
                            .change(&item.id)
                            .map(|c| c.words(index))
                            .unwrap_or_default(),
                    }
                })
                .collect();
            AgendaDay {
                heading: format!(
                    "Day {}{}",
                    index + 1,
                    day.title
                        .as_ref()
                        .map_or(String::new(), |t| format!(": {t}"))
                ),
                date: day.date.format("%A %-d %B %Y").to_string(),
                items,
                totals: state.day_totals(index),
            }
        })
        .collect()
}

pub(super) fn comparison(state: &State) -> Vec<CityProfile> {
    let framework = state.plan().framework();
    state
        .cities()
        .iter()
        .cloned()
        .map(|city| CityProfile {
            own: framework
                .criteria
                .iter()
                .map(|c| state.self_level(&city, &c.id))
                .collect(),
            peers: framework
                .criteria
                .iter()
                .map(|c| state.peer_average(&city, &c.id))
                .collect(),
            gaps: framework
                .criteria
                .iter()
                .map(|c| state.gap(&city, &c.id))
                .collect(),
            city,
        })
        .collect()
}

pub(super) fn plans(state: &State) -> Vec<CityPlan> {
    let framework = state.plan().framework();
    let tagged = |text: &str, criteria: &[String]| {
        if criteria.is_empty() {
            text.to_owned()
        } else {
            format!("{text} ({})", criteria.join(", "))
        }
    };
    state
        .cities()
        .iter()
        .cloned()
        .map(|city| CityPlan {
            challenges: state
                .takeaways(&city, TakeawayKind::Challenge)
                .iter()
                .map(|e| tagged(&e.text, &e.criteria))
                .collect(),
            practices: state
                .takeaways(&city, TakeawayKind::GoodPractice)
                .iter()
                .map(|e| tagged(&e.text, &e.criteria))
                .collect(),
            actions: state
                .action_plan(&city)
                .iter()
                .map(|a| {
                    [
                        a.action.what.clone(),
                        a.action.who.clone(),
                        a.action.due.to_string(),
                        framework
                            .criteria
                            .iter()
                            .find(|c| c.id == a.action.criterion)
                            .map_or(a.action.criterion.clone(), |c| c.title.clone()),
                        a.action.indicator.clone(),
                        a.status.to_string(),
                    ]
                })
                .collect(),
            city,
        })
        .filter(|p| !(p.challenges.is_empty() && p.practices.is_empty() && p.actions.is_empty()))
        .collect()
}

pub(super) fn exercises(state: &State) -> Vec<ExerciseResult> {
    state
        .plan()
        .exercises
        .iter()
        .map(|exercise| {
            let groups = state.groups(Some(&exercise.id));
            let standings = if scored(state, exercise) {
                state.scoreboard(&exercise.id)
            } else {
                Vec::new()
            };
            let standings = standings
                .into_iter()
                .filter_map(|s| {
                    let group = groups.iter().find(|g| g.id == s.group)?;
                    Some(GroupResult {
                        rank: s.rank.map_or("–".to_owned(), |r| r.to_string()),
                        group: group.name.clone(),
                        members: group
                            .members
                            .iter()
                            .map(|m| state.participant(m).map_or(m.clone(), |p| p.name.clone()))
                            .collect::<Vec<_>>()
                            .join(", "),
                        points: exercise
                            .rubric
                            .iter()
                            .map(|c| state.points(&exercise.id, &group.id, &c.id))
                            .collect(),
                        total: s.total,
                    })
                })
                .collect();
            ExerciseResult {
                title: exercise.title.clone(),
                rubric: exercise
                    .rubric
                    .iter()
                    .map(|c| (c.title.clone(), c.max_points))
                    .collect(),
                out_of: exercise.rubric.iter().map(|c| c.max_points).sum(),
                standings,
                uncovered: state
                    .uncovered(&exercise.id)
                    .iter()
                    .filter_map(|id| exercise.checklist.iter().find(|i| &i.id == id))
                    .map(|i| i.text.clone())
                    .collect(),
            }
        })
        .collect()
}
