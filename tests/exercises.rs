//! Group exercises and feedback as pure state: groups that mix cities and sectors with
//! balanced sizes (also over random rosters), bounded scores, totals with ties, checklist
//! coverage, and feedback means, shares and ranking, each undone.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
#![allow(clippy::needless_pass_by_value)]

mod common;

use std::collections::HashSet;

use workshop::event::{Event, FeedbackForm, Mark, Question};
use workshop::plan::{Participant, Sector, load_plan};
use workshop::state::{
    AttendanceCommand, Command, ExercisesCommand, FeedbackCommand, History, propose_groups,
};

struct Room {
    history: History,
}

impl Room {
    fn new() -> Self {
        Self {
            history: History::new(
                load_plan(&common::session("cifal-rso-2015-vca"))
                    .unwrap()
                    .plan,
            ),
        }
    }

    fn does(&mut self, command: Command) -> Event {
        common::record(
            &mut self.history,
            common::jeju((2015, 10, 20), "14:00"),
            &command,
        )
    }

    fn refused(&self, command: Command) -> String {
        self.history.decide(&command).unwrap_err().0
    }

    fn everyone(&self) -> Vec<String> {
        self.history
            .state()
            .participants()
            .iter()
            .map(|p| p.id.clone())
            .collect()
    }
}

fn person(id: usize, city: usize, sector: Sector) -> Participant {
    Participant {
        id: format!("p{id}"),
        name: format!("Person {id}"),
        organisation: "Org".into(),
        country: "Country".into(),
        city: format!("City {city}"),
        sector,
        email: None,
        consent: true,
    }
}

#[test]
fn groups_over_random_rosters_are_balanced_and_keep_cities_apart() {
    let seed = common::seed("grouping");
    let mut rng = fastrand::Rng::with_seed(seed);
    for round in 0..300 {
        let cities = rng.usize(3..15);
        let mut people = Vec::new();
        for city in 0..cities {
            for _ in 0..rng.usize(1..=3) {
                let sector = [Sector::Government, Sector::Ngo, Sector::Academia][rng.usize(0..3)];
                people.push(person(people.len(), city, sector));
            }
        }
        let largest_city = (0..cities)
            .map(|c| {
                people
                    .iter()
                    .filter(|p| p.city == format!("City {c}"))
                    .count()
            })
            .max()
            .unwrap();
        let count = rng.usize(largest_city.max(2)..=people.len().min(8).max(largest_city.max(2)));
        let refs: Vec<&Participant> = people.iter().collect();
        let groups = propose_groups(&refs, count);
        let context = format!(
            "seed {seed}, round {round}: {count} groups of {} people",
            people.len()
        );
        assert_eq!(groups.len(), count, "{context}");
        let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        assert!(
            sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1,
            "{context}: sizes {sizes:?}"
        );
        let placed: HashSet<&String> = groups.iter().flatten().collect();
        assert_eq!(
            placed.len(),
            people.len(),
            "{context}: everyone exactly once"
        );
        for group in &groups {
            let cities: Vec<&str> = group
                .iter()
                .map(|id| people.iter().find(|p| &p.id == id).unwrap().city.as_str())
                .collect();
            let distinct: HashSet<&&str> = cities.iter().collect();
            assert_eq!(
                distinct.len(),
                cities.len(),
                "{context}: two people from one city in {group:?}"
            );
        }
    }
}

#[test]
fn sectors_are_mixed_where_the_roster_allows() {
    let people: Vec<Participant> = (0..12)
        .map(|i| {
            person(
                i,
                i,
                if i % 3 == 0 {
                    Sector::Ngo
                } else {
                    Sector::Government
                },
            )
        })
        .collect();
    let refs: Vec<&Participant> = people.iter().collect();
    for group in propose_groups(&refs, 4) {
        let sectors: HashSet<Sector> = group
            .iter()
            .map(|id| people.iter().find(|p| &p.id == id).unwrap().sector)
            .collect();
        assert_eq!(
            sectors.len(),
            2,
            "each group of three has an NGO member: {group:?}"
        );
    }
}

#[test]
fn groups_are_formed_from_those_present_and_can_be_adjusted() {
    let mut room = Room::new();
    assert_eq!(
        room.history.state().groups(None).len(),
        3,
        "the plan's pre-formed groups to begin with"
    );
    room.does(Command::Attendance(AttendanceCommand::MarkAllPresent {
        day: 0,
    }));
    room.does(Command::Attendance(AttendanceCommand::Mark {
        participant: "p01".into(),
        day: 0,
        mark: Some(Mark::Absent),
    }));
    let present: Vec<String> = room
        .everyone()
        .into_iter()
        .filter(|id| id != "p01")
        .collect();
    room.does(Command::Exercises(ExercisesCommand::FormGroups {
        exercise: Some("ex-awareness".into()),
        count: 4,
        present: present.clone(),
    }));
    let groups = room.history.state().groups(Some("ex-awareness")).to_vec();
    assert_eq!(groups.len(), 4);
    assert!(
        groups
            .iter()
            .all(|g| !g.members.contains(&"p01".to_owned())),
        "absent people are left out"
    );
    assert_eq!(
        groups.iter().map(|g| g.members.len()).sum::<usize>(),
        present.len()
    );
    let mover = groups[0].members[0].clone();
    room.does(Command::Exercises(ExercisesCommand::MoveMember {
        exercise: Some("ex-awareness".into()),
        participant: mover.clone(),
        to: "g2".into(),
    }));
    assert!(
        room.history.state().groups(None)[1]
            .members
            .contains(&mover)
    );
    room.does(Command::Exercises(ExercisesCommand::RenameGroup {
        exercise: None,
        group: "g2".into(),
        name: "Team Mekong".into(),
    }));
    assert_eq!(room.history.state().groups(None)[1].name, "Team Mekong");
    assert_eq!(
        room.refused(Command::Exercises(ExercisesCommand::FormGroups {
            exercise: None,
            count: 1,
            present
        })),
        "1 groups cannot be formed from 18 people present"
    );
    room.does(Command::Undo);
    room.does(Command::Undo);
    assert!(
        room.history.state().groups(None)[0]
            .members
            .contains(&mover),
        "undo puts them back"
    );
}

#[test]
fn scores_are_bounded_totalled_and_tied() {
    let mut room = Room::new();
    let score = |group: &str, criterion: &str, points: u32| {
        Command::Exercises(ExercisesCommand::Score {
            exercise: "ex-identification".into(),
            group: group.into(),
            criterion: criterion.into(),
            points,
        })
    };
    let ranks = |room: &Room| -> Vec<Option<usize>> {
        room.history
            .state()
            .scoreboard("ex-identification")
            .iter()
            .map(|s| s.rank)
            .collect()
    };
    assert_eq!(ranks(&room), [None, None, None], "no points, no ranks");
    room.does(score("g1", "indicators", 8));
    assert_eq!(
        ranks(&room),
        [Some(1), None, None],
        "only a group with points is ranked"
    );
    room.does(score("g1", "usability", 4));
    room.does(score("g2", "indicators", 10));
    room.does(score("g2", "usability", 2));
    room.does(score("g3", "indicators", 6));
    assert_eq!(
        room.refused(score("g3", "indicators", 11)),
        "11 is over the maximum of 10 for \"Coverage of recognised indicators\""
    );
    assert_eq!(
        room.refused(score("g9", "indicators", 1)),
        "there is no group `g9`"
    );
    let board = room.history.state().scoreboard("ex-identification");
    let view: Vec<(Option<usize>, &str, u32)> = board
        .iter()
        .map(|s| (s.rank, s.group.as_str(), s.total))
        .collect();
    assert_eq!(
        view,
        [(Some(1), "g1", 12), (Some(1), "g2", 12), (Some(3), "g3", 6)],
        "a tie shares first place"
    );
    room.does(score("g1", "indicators", 9));
    assert_eq!(
        room.history.state().scoreboard("ex-identification")[0].group,
        "g1"
    );
    room.does(Command::Undo);
    assert_eq!(
        room.history.state().scoreboard("ex-identification")[0].rank,
        Some(1)
    );
    assert_eq!(
        room.history.state().scoreboard("ex-identification")[1].rank,
        Some(1),
        "tied again after undo"
    );
}

#[test]
fn checklists_show_what_no_group_found() {
    let mut room = Room::new();
    let tick = |group: &str, item: &str| {
        Command::Exercises(ExercisesCommand::ToggleReference {
            exercise: "ex-identification".into(),
            group: group.into(),
            item: item.into(),
        })
    };
    room.does(Command::Exercises(ExercisesCommand::AddChecklistLine {
        exercise: "ex-identification".into(),
        group: "g1".into(),
        text: "Passport kept by the employer".into(),
    }));
    room.does(tick("g1", "retention-of-documents"));
    room.does(tick("g2", "deception"));
    room.does(tick("g2", "debt-bondage"));
    assert_eq!(
        room.history
            .state()
            .checklist_lines("ex-identification", "g1"),
        ["Passport kept by the employer"]
    );
    let uncovered = room.history.state().uncovered("ex-identification");
    assert_eq!(uncovered.len(), 8, "11 ILO indicators, 3 found");
    assert!(
        uncovered.contains(&"isolation".to_owned()) && !uncovered.contains(&"deception".to_owned())
    );
    room.does(tick("g2", "deception"));
    assert!(
        room.history
            .state()
            .uncovered("ex-identification")
            .contains(&"deception".to_owned()),
        "unticked"
    );
    assert!(
        room.refused(tick("g1", "hunger"))
            .starts_with("the reference checklist has no item `hunger`")
    );
}

fn form(answers: &[(Question, u8)]) -> Command {
    Command::Feedback(FeedbackCommand::GiveFeedback(FeedbackForm {
        answers: answers.to_vec(),
    }))
}

#[test]
fn feedback_means_shares_and_ranking() {
    let mut room = Room::new();
    let useful = |m: &str| Question::Usefulness { module: m.into() };
    room.does(form(&[
        (useful("s07"), 5),
        (useful("s02"), 4),
        (Question::Overall, 5),
    ]));
    room.does(form(&[
        (useful("s07"), 4),
        (useful("s02"), 3),
        (Question::Overall, 4),
    ]));
    room.does(form(&[(useful("s07"), 5), (Question::Overall, 3)]));
    room.does(Command::Feedback(FeedbackCommand::TallyFeedback {
        question: useful("s10"),
        counts: [0, 0, 1, 2, 1],
    }));
    assert_eq!(room.history.state().feedback_forms(), 3);
    assert_eq!(
        room.history.state().distribution(&useful("s07")),
        [0, 0, 0, 1, 2]
    );
    assert!(
        (room.history.state().feedback_mean(&useful("s07")).unwrap() - 14.0 / 3.0).abs() < 1e-9
    );
    assert!(
        (room
            .history
            .state()
            .satisfied_share(&Question::Overall)
            .unwrap()
            - 2.0 / 3.0)
            .abs()
            < 1e-9
    );
    let ranked: Vec<String> = room
        .history
        .state()
        .modules_by_usefulness()
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(ranked, ["s07", "s10", "s02"], "4.67, 4.0, 3.5");
    assert_eq!(
        room.refused(form(&[(useful("s07"), 6)])),
        "6 is not an answer from 1 to 5"
    );
    assert_eq!(
        room.refused(form(&[(useful("s99"), 3)])),
        "no module has the id `s99`"
    );
    assert_eq!(room.refused(form(&[])), "the form has no answers");
    room.does(Command::Undo);
    assert_eq!(
        room.history.state().feedback_mean(&useful("s10")),
        None,
        "the tally is taken back"
    );
    let Event::FeedbackGiven { form } = &room.history.log()[0].event else {
        panic!()
    };
    assert!(
        serde_json::to_string(form).unwrap().find("\"p").is_none(),
        "no participant id is stored with a form"
    );
}
