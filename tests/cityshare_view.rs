//! The assessment and comparison views with a fixed set of levels, for 3 cities and for the
//! 13 of the 2015 roster, at 80x24 and 120x40.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::screen;
use insta::assert_snapshot;
use workshop::event::{Event, Flag, Recorded, Score};
use workshop::plan::{Plan, load_plan};
use workshop::state::{AssessmentCommand, Command, History, Lens, PlansCommand, State};
use workshop::tui::ui::{Mode, Ui, View};

/// A fixed pattern of levels: every city assesses itself (one criterion unknown, one
/// missing); each city rates the next two, leaving some out.
fn scored(plan: Plan) -> History {
    let mut history = History::new(plan);
    let cities = history.state().cities().to_vec();
    let criteria = common::criterion_ids(history.state());
    let mut scores = Vec::new();
    for (ci, city) in cities.iter().enumerate() {
        for (k, criterion) in criteria.iter().enumerate() {
            if k == criteria.len() - 1 {
                continue;
            }
            let level = if k == 3 {
                0
            } else {
                u8::try_from((ci * 3 + k * 2) % 5 + 1).unwrap()
            };
            scores.push(Score {
                rater: None,
                city: city.clone(),
                criterion: criterion.clone(),
                level,
                note: None,
            });
            for step in 1..=2 {
                let rater = &cities[(ci + step) % cities.len()];
                if rater == city || (ci + k + step) % 4 == 0 {
                    continue;
                }
                let level = u8::try_from((ci + k + step) % 5 + 1).unwrap();
                scores.push(Score {
                    rater: Some(rater.clone()),
                    city: city.clone(),
                    criterion: criterion.clone(),
                    level,
                    note: None,
                });
            }
        }
    }
    let at = common::jeju((2020, 4, 2), "15:00");
    history.apply(&Recorded {
        seq: 1,
        at,
        event: Event::ScoresImported {
            source: "test".into(),
            scores,
        },
    });
    for command in [
        Command::Assessment(AssessmentCommand::NoteEvidence {
            city: cities[0].clone(),
            criterion: "policy".into(),
            text: "Local action plan adopted in 2019, with a budget line".into(),
        }),
        Command::Assessment(AssessmentCommand::ToggleFlag {
            city: cities[0].clone(),
            criterion: "policy".into(),
            flag: Flag::GoodPractice,
        }),
        Command::Assessment(AssessmentCommand::ToggleFlag {
            city: cities[0].clone(),
            criterion: "referral".into(),
            flag: Flag::Priority,
        }),
    ] {
        common::record(&mut history, at, &command);
    }
    history
}

fn three_cities() -> State {
    three_cities_history().into_state()
}

fn three_cities_history() -> History {
    let mut plan = common::plan_2020();
    plan.roster.truncate(6);
    scored(plan)
}

fn thirteen_cities() -> State {
    scored(
        load_plan(&common::session("cifal-rso-2015-vca"))
            .unwrap()
            .plan,
    )
    .into_state()
}

fn ui(view: View) -> Ui {
    let mut ui = Ui::new(
        common::jeju((2020, 4, 2), "15:30"),
        0,
        "~/.local/share/workshop/runs/test".into(),
    );
    ui.view = view;
    ui.mode = Mode::Normal;
    ui.cityshare.criterion = 1;
    ui
}

#[test]
fn three_cities_assess_themselves_and_each_other() {
    let state = three_cities();
    assert_eq!(state.cities().len(), 3);
    let own = ui(View::Assessment);
    assert_snapshot!("assessment_3_cities_80x24", screen(&state, &own, 80, 24));
    assert_snapshot!("assessment_3_cities_120x40", screen(&state, &own, 120, 40));
    let mut peer = ui(View::Assessment);
    peer.cityshare.rater = Some(state.cities()[0].clone());
    peer.cityshare.city = 1;
    assert_snapshot!(
        "assessment_peer_3_cities_80x24",
        screen(&state, &peer, 80, 24)
    );
    assert_snapshot!(
        "assessment_peer_3_cities_120x40",
        screen(&state, &peer, 120, 40)
    );
}

#[test]
fn three_cities_compared_three_ways() {
    let state = three_cities();
    for (lens, name) in [
        (Lens::SelfAssessed, "own"),
        (Lens::Peers, "peers"),
        (Lens::Gap, "gap"),
    ] {
        let mut ui = ui(View::Comparison);
        ui.comparison.lens = lens;
        assert_snapshot!(
            format!("comparison_{name}_3_cities_80x24"),
            screen(&state, &ui, 80, 24)
        );
        assert_snapshot!(
            format!("comparison_{name}_3_cities_120x40"),
            screen(&state, &ui, 120, 40)
        );
    }
}

#[test]
fn thirteen_cities_sorted_by_a_criterion_with_its_bar_chart() {
    let state = thirteen_cities();
    assert_eq!(state.cities().len(), 13);
    let mut ui = ui(View::Comparison);
    ui.comparison.sort_by_criterion = true;
    let text = screen(&state, &ui, 120, 40);
    assert!(
        text.contains("sorted by Prevention and awareness"),
        "{text}"
    );
    assert!(text.contains("Region"), "{text}");
    assert_snapshot!("comparison_sorted_13_cities_120x40", text);
    assert_snapshot!(
        "comparison_sorted_13_cities_80x24",
        screen(&state, &ui, 80, 24)
    );
    ui.comparison.lens = Lens::Gap;
    let gap = screen(&state, &ui, 120, 40);
    assert!(
        gap.contains('▲'),
        "a city rating itself a level above its peers is marked: {gap}"
    );
    assert_snapshot!("comparison_gap_13_cities_120x40", gap);
    assert_snapshot!(
        "comparison_gap_13_cities_80x24",
        screen(&state, &ui, 80, 24)
    );
    let own = self::ui(View::Assessment);
    assert_snapshot!("assessment_13_cities_80x24", screen(&state, &own, 80, 24));
    assert_snapshot!("assessment_13_cities_120x40", screen(&state, &own, 120, 40));
}

#[test]
fn missing_levels_show_as_missing_never_zero() {
    let state = three_cities();
    let ui = ui(View::Comparison);
    let text = screen(&state, &ui, 120, 40);
    let last = state.plan().framework().criteria.last().unwrap().id.clone();
    assert_eq!(state.self_level(&state.cities()[0], &last), None);
    assert!(
        text.contains('–'),
        "missing levels are shown as a dash: {text}"
    );
}

/// Three cities with takeaways and two action plans.
fn with_plans() -> State {
    use workshop::event::{Due, PlannedAction, TakeawayKind};
    let mut history = three_cities_history();
    let cities = history.state().cities().to_vec();
    let action =
        |what: &str, who: &str, due: Due, criterion: &str, indicator: &str| PlannedAction {
            what: what.into(),
            who: who.into(),
            due,
            criterion: criterion.into(),
            indicator: indicator.into(),
        };
    let commands = [
        Command::Plans(PlansCommand::AddTakeaway {
            city: cities[0].clone(),
            takeaway: TakeawayKind::Challenge,
            text: "No shelter places for men and boys".into(),
            criteria: vec!["assistance".into()],
        }),
        Command::Plans(PlansCommand::AddTakeaway {
            city: cities[0].clone(),
            takeaway: TakeawayKind::GoodPractice,
            text: "Police and NGO joint screening at the port".into(),
            criteria: vec!["identification".into(), "partnerships".into()],
        }),
        Command::Plans(PlansCommand::AddTakeaway {
            city: cities[1].clone(),
            takeaway: TakeawayKind::GoodPractice,
            text: "Shared shelter network run by three NGOs".into(),
            criteria: vec!["assistance".into()],
        }),
        Command::Plans(PlansCommand::PlanAction {
            city: cities[0].clone(),
            action: action(
                "Open a shelter wing for men",
                "Provincial welfare office",
                Due::MediumTerm,
                "assistance",
                "A wing with 10 places opened",
            ),
        }),
        Command::Plans(PlansCommand::PlanAction {
            city: cities[0].clone(),
            action: action(
                "Train 40 port officers in screening",
                "Provincial police",
                Due::Date("2020-06-30".parse().unwrap()),
                "identification",
                "40 officers trained",
            ),
        }),
    ];
    let at = common::jeju((2020, 4, 3), "11:00");
    for command in commands {
        common::record(&mut history, at, &command);
    }
    history.into_state()
}

#[test]
fn takeaways_and_action_plans() {
    let state = with_plans();
    let plans = ui(View::Plans);
    assert_snapshot!("plans_80x24", screen(&state, &plans, 80, 24));
    assert_snapshot!("plans_120x40", screen(&state, &plans, 120, 40));
    let mut room = ui(View::Plans);
    room.plans.room_wide = true;
    let text = screen(&state, &room, 120, 40);
    let challenge = text.find("No shelter places").unwrap();
    let practice = text.find("Shared shelter network").unwrap();
    assert!(
        challenge < practice,
        "under Assistance, a challenge of one city meets another's practice"
    );
    assert_snapshot!("plans_room_wide_120x40", text);
    assert_snapshot!("plans_room_wide_80x24", screen(&state, &room, 80, 24));
    let mut present = ui(View::Plans);
    present.mode = Mode::Presentation;
    let wall = screen(&state, &present, 80, 24);
    assert!(
        wall.contains("Open a shelter wing for men") && wall.contains("city 1 of 3"),
        "{wall}"
    );
    assert_snapshot!("plans_presentation_80x24", wall);
    assert_snapshot!(
        "plans_presentation_120x40",
        screen(&state, &present, 120, 40)
    );
}

#[test]
fn thirteen_cities_in_every_view() {
    let state = thirteen_cities();
    let cities = state.cities().to_vec();
    let mut peer = ui(View::Assessment);
    peer.cityshare.rater = Some(cities[0].clone());
    peer.cityshare.city = 4;
    assert_snapshot!(
        "assessment_peer_13_cities_80x24",
        screen(&state, &peer, 80, 24)
    );
    assert_snapshot!(
        "assessment_peer_13_cities_120x40",
        screen(&state, &peer, 120, 40)
    );
    let mut peers = ui(View::Comparison);
    peers.comparison.lens = Lens::Peers;
    assert_snapshot!(
        "comparison_peers_13_cities_80x24",
        screen(&state, &peers, 80, 24)
    );
    assert_snapshot!(
        "comparison_peers_13_cities_120x40",
        screen(&state, &peers, 120, 40)
    );
    let mut profile = ui(View::Comparison);
    profile.comparison.city_profile = true;
    profile.cityshare.city = 2;
    let text = screen(&state, &profile, 120, 40);
    assert!(
        text.contains("own level, then the peers' mean, on every criterion"),
        "{text}"
    );
    assert_snapshot!("comparison_profile_13_cities_120x40", text);
    assert_snapshot!(
        "comparison_profile_13_cities_80x24",
        screen(&state, &profile, 80, 24)
    );
    let plans = ui(View::Plans);
    assert_snapshot!("plans_13_cities_80x24", screen(&state, &plans, 80, 24));
    assert_snapshot!("plans_13_cities_120x40", screen(&state, &plans, 120, 40));
    let mut present = ui(View::Plans);
    present.mode = Mode::Presentation;
    present.cityshare.city = 12;
    let wall = screen(&state, &present, 120, 40);
    assert!(wall.contains("city 13 of 13"), "{wall}");
    assert_snapshot!("plans_presentation_13_cities_120x40", wall);
    assert_snapshot!(
        "plans_presentation_13_cities_80x24",
        screen(&state, &present, 80, 24)
    );
}

#[test]
fn three_cities_profile() {
    let state = three_cities();
    let mut profile = ui(View::Comparison);
    profile.comparison.city_profile = true;
    assert_snapshot!(
        "comparison_profile_3_cities_80x24",
        screen(&state, &profile, 80, 24)
    );
    assert_snapshot!(
        "comparison_profile_3_cities_120x40",
        screen(&state, &profile, 120, 40)
    );
}

/// The words of the line that starts with `first`.
fn row_words<'a>(text: &'a str, first: &str) -> Vec<&'a str> {
    text.lines()
        .find(|l| l.trim_start_matches(['"', ' ']).starts_with(first))
        .unwrap_or_else(|| panic!("no line starts with {first}: {text}"))
        .trim_matches('"')
        .split_whitespace()
        .collect()
}

#[test]
fn the_comparison_headers_tell_the_criteria_apart_with_a_legend() {
    let state = thirteen_cities();
    let ui = ui(View::Comparison);
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen(&state, &ui, w, h);
        let header = row_words(&text, "CITY");
        let labels = &header[1..header.len() - 1];
        assert_eq!(labels.len(), 9, "{w}x{h}: {header:?}");
        assert!(
            labels.iter().all(|l| !l.contains('…')),
            "{w}x{h}: no label is cut: {header:?}"
        );
        let distinct: std::collections::HashSet<_> = labels.iter().collect();
        assert_eq!(distinct.len(), labels.len(), "{w}x{h}: {header:?}");
        // Each short label is read by the legend.
        for label in labels.iter().take(4) {
            assert!(
                text.contains(&format!(" {label} ")) && text.contains("Victim identification"),
                "{w}x{h}: {label} has no legend: {text}"
            );
        }
        // Every city still to give something is named, none cut.
        for city in state.cities() {
            assert!(
                text.contains(&format!("{city} 1/")),
                "{w}x{h}: {city}: {text}"
            );
        }
    }
}
