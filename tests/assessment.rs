//! CityShare as pure state and through `workshop scores import`: levels entered, overridden
//! and undone; peers who may not rate themselves; averages and gaps that leave out what is
//! missing; sorting; completion; and an import that is all or nothing.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
#![allow(clippy::needless_pass_by_value)]

mod common;

use common::{output, session, stderr, stdout, workshop};
use workshop::event::{Event, Flag};
use workshop::state::{AssessmentCommand, AttendanceCommand, Command, History, Lens, PlansCommand};
use workshop::store::Store;

struct Room {
    history: History,
}

impl Room {
    fn new() -> Self {
        Self {
            history: History::new(common::plan_2020()),
        }
    }

    fn does(&mut self, command: Command) -> Event {
        common::record(
            &mut self.history,
            common::jeju((2020, 4, 2), "14:00"),
            &command,
        )
    }

    fn refused(&self, command: Command) -> String {
        self.history.decide(&command).unwrap_err().0
    }

    fn own(&mut self, city: &str, criterion: &str, level: u8) {
        self.does(Command::Assessment(AssessmentCommand::Assess {
            rater: None,
            city: city.into(),
            criterion: criterion.into(),
            level,
        }));
    }

    fn rates(&mut self, rater: &str, city: &str, criterion: &str, level: u8) {
        self.does(Command::Assessment(AssessmentCommand::Assess {
            rater: Some(rater.into()),
            city: city.into(),
            criterion: criterion.into(),
            level,
        }));
    }
}

#[test]
fn levels_are_entered_overridden_and_undone() {
    let mut room = Room::new();
    room.own("Jeju", "policy", 3);
    room.own("Jeju", "policy", 4);
    assert_eq!(
        room.history.state().self_level("Jeju", "policy"),
        Some(4),
        "the later level stands"
    );
    room.does(Command::Undo);
    assert_eq!(room.history.state().self_level("Jeju", "policy"), Some(3));
    room.does(Command::Undo);
    assert_eq!(
        room.history.state().self_level("Jeju", "policy"),
        None,
        "missing, not zero"
    );
    room.own("jeju", "referral", 0);
    assert_eq!(
        room.history.state().self_level("Jeju", "referral"),
        Some(0),
        "city names match without regard to case"
    );
    assert_eq!(
        room.history
            .state()
            .figure(Lens::SelfAssessed, "Jeju", "referral"),
        None,
        "unknown has no figure"
    );
}

#[test]
fn levels_off_the_scale_and_unknown_names_are_refused() {
    let room = Room::new();
    let assess = |city: &str, criterion: &str, level: u8| {
        Command::Assessment(AssessmentCommand::Assess {
            rater: None,
            city: city.into(),
            criterion: criterion.into(),
            level,
        })
    };
    assert_eq!(
        room.refused(assess("Jeju", "policy", 6)),
        "level 6 is not on the scale (1, 2, 3, 4, 5, or 0 for unknown)"
    );
    assert_eq!(
        room.refused(assess("Atlantis", "policy", 3)),
        "no participating city is called `Atlantis`"
    );
    assert!(
        room.refused(assess("Jeju", "policing", 3)).starts_with(
            "no criterion has the id `policing` (the criteria are policy, prevention,"
        )
    );
}

#[test]
fn a_city_cannot_rate_itself_as_a_peer() {
    let room = Room::new();
    let command = Command::Assessment(AssessmentCommand::Assess {
        rater: Some("Jeju".into()),
        city: "JEJU".into(),
        criterion: "policy".into(),
        level: 5,
    });
    assert_eq!(
        room.refused(command),
        "Jeju cannot rate itself as a peer; its own level is its self-assessment"
    );
}

#[test]
fn peer_averages_and_gaps_leave_out_what_is_missing_or_unknown() {
    let mut room = Room::new();
    room.own("Kunming", "identification", 5);
    room.rates("Jeju", "Kunming", "identification", 3);
    room.rates("Bangkok", "Kunming", "identification", 4);
    room.rates("Dhaka", "Kunming", "identification", 0);
    assert_eq!(
        room.history
            .state()
            .peer_average("Kunming", "identification"),
        Some(3.5),
        "the unknown is left out"
    );
    assert_eq!(
        room.history.state().gap("Kunming", "identification"),
        Some(1.5)
    );
    assert!(
        room.history
            .state()
            .rates_itself_higher("Kunming", "identification")
    );
    room.own("Jeju", "identification", 2);
    assert_eq!(
        room.history.state().gap("Jeju", "identification"),
        None,
        "no peer has rated Jeju"
    );
    assert_eq!(
        room.history
            .state()
            .peer_average("Bangkok", "identification"),
        None
    );
    assert!(
        !room
            .history
            .state()
            .rates_itself_higher("Jeju", "identification")
    );
    assert_eq!(
        room.history
            .state()
            .regional_average(Lens::SelfAssessed, "identification"),
        Some(3.5),
        "(5 + 2) / 2 cities"
    );
    assert_eq!(
        room.history
            .state()
            .regional_average(Lens::Gap, "identification"),
        Some(1.5)
    );
    assert_eq!(
        room.history
            .state()
            .regional_average(Lens::SelfAssessed, "policy"),
        None
    );
}

#[test]
fn cities_sort_by_a_criterion_or_their_mean_with_the_missing_last() {
    let mut room = Room::new();
    room.own("Bangkok", "policy", 2);
    room.own("Dhaka", "policy", 4);
    room.own("Kunming", "policy", 3);
    room.own("Kunming", "prevention", 5);
    let ranked = room
        .history
        .state()
        .cities_ranked(Lens::SelfAssessed, Some("policy"));
    assert_eq!(ranked[..3], ["Dhaka", "Kunming", "Bangkok"]);
    assert_eq!(
        ranked[3], "Jeju",
        "cities without a level follow, in roster order"
    );
    let by_mean = room.history.state().cities_ranked(Lens::SelfAssessed, None);
    assert_eq!(
        by_mean[..3],
        ["Kunming", "Dhaka", "Bangkok"],
        "both means are 4: a tie keeps roster order (Kunming comes first)"
    );
}

#[test]
fn completion_says_who_has_levels_left_to_give() {
    let mut room = Room::new();
    let criteria = room.history.state().plan().framework().criteria.len();
    let cities = room.history.state().cities().len();
    room.own("Jeju", "policy", 3);
    room.rates("Jeju", "Kunming", "policy", 3);
    let completion = room.history.state().completion();
    assert_eq!(
        completion.self_missing[0],
        ("Jeju".to_owned(), criteria - 1)
    );
    assert_eq!(completion.self_missing[1], ("Kunming".to_owned(), criteria));
    assert_eq!(
        completion.peer_missing[0],
        ("Jeju".to_owned(), (cities - 1) * criteria - 1)
    );
}

#[test]
fn completion_counts_a_rating_once_and_forgets_cities_that_left() {
    let mut room = Room::new();
    let criteria = room.history.state().plan().framework().criteria.len();
    room.rates("Jeju", "Kunming", "policy", 3);
    room.rates("Jeju", "Kunming", "policy", 4);
    room.rates("Jeju", "Dhaka", "policy", 2);
    let cities = room.history.state().cities().len();
    let missing = |room: &Room| room.history.state().completion().peer_missing[0].1;
    assert_eq!(
        missing(&room),
        (cities - 1) * criteria - 2,
        "a changed level counts once"
    );
    let from_kunming: Vec<String> = room
        .history
        .state()
        .participants()
        .iter()
        .filter(|p| p.city == "Kunming")
        .map(|p| p.id.clone())
        .collect();
    for id in from_kunming {
        room.does(Command::Attendance(AttendanceCommand::ToggleWithdrawn(id)));
    }
    assert_eq!(room.history.state().cities().len(), cities - 1);
    assert_eq!(
        missing(&room),
        (cities - 2) * criteria - 1,
        "only the rating of a city still taking part counts"
    );
}

#[test]
fn evidence_and_flags() {
    let mut room = Room::new();
    room.does(Command::Assessment(AssessmentCommand::NoteEvidence {
        city: "Cebu City".into(),
        criterion: "referral".into(),
        text: " Referral MoU signed in 2019 ".into(),
    }));
    assert_eq!(
        room.history.state().evidence("Cebu City", "referral"),
        ["Referral MoU signed in 2019"]
    );
    room.does(Command::Assessment(AssessmentCommand::ToggleFlag {
        city: "Cebu City".into(),
        criterion: "referral".into(),
        flag: Flag::GoodPractice,
    }));
    assert!(
        room.history
            .state()
            .is_flagged("Cebu City", "referral", Flag::GoodPractice)
    );
    room.does(Command::Assessment(AssessmentCommand::ToggleFlag {
        city: "Cebu City".into(),
        criterion: "referral".into(),
        flag: Flag::GoodPractice,
    }));
    assert!(
        !room
            .history
            .state()
            .is_flagged("Cebu City", "referral", Flag::GoodPractice)
    );
}

fn import(home: &std::path::Path, csv: &str) -> std::process::Output {
    let file = home.join("scores.csv");
    std::fs::write(&file, csv).unwrap();
    import_file(home, &file)
}

fn import_file(home: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    output(
        workshop(home)
            .arg("--store")
            .arg(home.join("store"))
            .args(["scores", "import"])
            .arg(session("cifal-jeju-2020-vca"))
            .arg(file),
    )
}

#[test]
fn a_shared_spreadsheet_is_imported_whole() {
    let home = tempfile::tempdir().unwrap();
    let out = import(
        home.path(),
        "\u{feff}rater_city,rated_city,criterion,level,note\n\
         ,Jeju,policy,3,\"Provincial plan, 2019\"\n\
         ,jeju,referral,0,\n\
         Kunming,Jeju,policy,4,\n\
         Bangkok,Jeju,policy,5,\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported 4 levels from"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("2 self-assessments and 2 peer ratings"),
        "{}",
        stdout(&out)
    );
    let store = Store::open(&home.path().join("store")).unwrap();
    let state =
        History::replay(store.run_plan().unwrap().unwrap(), &store.events().unwrap()).into_state();
    assert_eq!(state.self_level("Jeju", "policy"), Some(3));
    assert_eq!(state.peer_average("Jeju", "policy"), Some(4.5));
    assert_eq!(state.evidence("Jeju", "policy"), ["Provincial plan, 2019"]);
}

#[test]
fn one_bad_row_imports_nothing_and_every_problem_is_named() {
    let home = tempfile::tempdir().unwrap();
    let out = import(
        home.path(),
        "rater_city,rated_city,criterion,level,note\n\
         ,Jeju,policy,3,\n\
         Jeju,Jeju,policy,4,\n\
         ,Atlantis,policy,3,\n\
         ,Jeju,policing,3,\n\
         ,Jeju,prevention,7,\n\
         ,Jeju,data,three,\n\
         Nowhere,Jeju,data,2,\n\
         ,Jeju,policy,2,\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        ":3: rated_city: Jeju cannot rate itself as a peer",
        ":4: rated_city: no participating city is called `Atlantis`",
        ":5: criterion: no criterion has the id `policing`",
        ":6: level: level 7 is not on the scale",
        ":7: level: `three` is not a level number",
        ":8: rater_city: no participating city is called `Nowhere`",
        ":9: criterion: the same rater, city and criterion as row 2",
        "nothing was imported (7 problems)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let store = Store::open(&home.path().join("store")).unwrap();
    assert!(store.events().unwrap().is_empty(), "nothing was recorded");
}

#[test]
fn a_header_without_the_needed_columns_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let err = stderr(&import(
        home.path(),
        "rater,town,criterion,score\n,Jeju,policy,3\n",
    ));
    assert!(err.contains(":1: town: unknown column"), "{err}");
    assert!(
        err.contains(":1: rated_city: this column is missing"),
        "{err}"
    );
    assert!(err.contains(":1: level: this column is missing"), "{err}");
}

fn action(what: &str, criterion: &str) -> workshop::event::PlannedAction {
    workshop::event::PlannedAction {
        what: what.into(),
        who: "Provincial social welfare office".into(),
        due: workshop::event::Due::ShortTerm,
        criterion: criterion.into(),
        indicator: "40 officers trained by June".into(),
    }
}

#[test]
fn takeaways_are_tagged_and_grouped_by_criterion() {
    use workshop::event::TakeawayKind;
    let mut room = Room::new();
    room.does(Command::Plans(PlansCommand::AddTakeaway {
        city: "Jeju".into(),
        takeaway: TakeawayKind::Challenge,
        text: "Too few shelter places for men".into(),
        criteria: vec!["assistance".into()],
    }));
    room.does(Command::Plans(PlansCommand::AddTakeaway {
        city: "Cebu City".into(),
        takeaway: TakeawayKind::GoodPractice,
        text: "Shelter network shared by NGOs".into(),
        criteria: vec!["#Assistance".into(), "partnerships".into()],
    }));
    let on = room.history.state().takeaways_on("assistance");
    assert_eq!(
        on.len(),
        2,
        "a good practice meets another city's challenge on the same criterion"
    );
    assert_eq!(
        (on[0].city.as_str(), on[0].kind),
        ("Jeju", TakeawayKind::Challenge),
        "challenges first"
    );
    assert_eq!(
        on[1].criteria,
        ["assistance", "partnerships"],
        "tags are matched to criterion ids"
    );
    let first = on[0].id;
    // A tag is welcome, not required.
    room.does(Command::Plans(PlansCommand::AddTakeaway {
        city: "Jeju".into(),
        takeaway: TakeawayKind::Challenge,
        text: "Staff turnover".into(),
        criteria: vec![],
    }));
    let untagged = room
        .history
        .state()
        .takeaways("Jeju", TakeawayKind::Challenge)[1]
        .clone();
    assert!(untagged.criteria.is_empty());
    // Corrected: its words and tags, in place.
    room.does(Command::Plans(PlansCommand::EditTakeaway {
        entry: untagged.id,
        text: "Staff turnover in shelters".into(),
        criteria: vec!["#assistance".into(), "assistance".into()],
    }));
    let corrected = room
        .history
        .state()
        .takeaways("Jeju", TakeawayKind::Challenge)[1]
        .clone();
    assert_eq!(
        (
            corrected.id,
            corrected.text.as_str(),
            corrected.criteria.as_slice()
        ),
        (
            untagged.id,
            "Staff turnover in shelters",
            ["assistance".to_owned()].as_slice()
        )
    );
    room.does(Command::Undo);
    assert_eq!(
        room.history
            .state()
            .takeaways("Jeju", TakeawayKind::Challenge)[1]
            .text,
        "Staff turnover"
    );
    room.does(Command::Plans(PlansCommand::RemoveTakeaway(untagged.id)));
    let refused = room.refused(Command::Plans(PlansCommand::AddTakeaway {
        city: "Jeju".into(),
        takeaway: TakeawayKind::Challenge,
        text: "x".into(),
        criteria: vec!["#shelters".into()],
    }));
    assert!(
        refused.starts_with("no criterion has the id `shelters`"),
        "{refused}"
    );
    room.does(Command::Plans(PlansCommand::RemoveTakeaway(first)));
    assert!(
        room.history
            .state()
            .takeaways("Jeju", TakeawayKind::Challenge)
            .is_empty()
    );
    room.does(Command::Undo);
    assert_eq!(
        room.history
            .state()
            .takeaways("Jeju", TakeawayKind::Challenge)
            .len(),
        1
    );
}

#[test]
fn action_plans_are_checked_and_followed_up() {
    use workshop::event::ActionStatus;
    let mut room = Room::new();
    room.does(Command::Plans(PlansCommand::PlanAction {
        city: "kunming".into(),
        action: action(
            "Train front-line officers in identification",
            "identification",
        ),
    }));
    let plan = room.history.state().action_plan("Kunming");
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].status, ActionStatus::Planned);
    let id = plan[0].id;
    room.does(Command::Plans(PlansCommand::SetActionStatus {
        action: id,
        status: ActionStatus::Started,
    }));
    assert_eq!(
        room.history.state().action_plan("Kunming")[0].status,
        ActionStatus::Started
    );
    assert_eq!(
        room.refused(Command::Plans(PlansCommand::SetActionStatus {
            action: id,
            status: ActionStatus::Started
        })),
        "the action already has that status"
    );
    let mut vague = action("Do more", "identification");
    vague.who = " ".into();
    assert_eq!(
        room.refused(Command::Plans(PlansCommand::PlanAction {
            city: "Kunming".into(),
            action: vague
        })),
        "who: every action needs it"
    );
    assert!(
        room.refused(Command::Plans(PlansCommand::PlanAction {
            city: "Kunming".into(),
            action: action("x", "shelters")
        }))
        .starts_with("no criterion has the id `shelters`")
    );
    // A year typed wrong: due before the workshop (31 March 2020).
    let mut early = action("Train officers", "identification");
    early.due = workshop::event::Due::Date(chrono::NaiveDate::from_ymd_opt(2016, 3, 31).unwrap());
    assert_eq!(
        room.refused(Command::Plans(PlansCommand::PlanAction {
            city: "Kunming".into(),
            action: early.clone()
        })),
        "when: 2016-03-31 is before the workshop (it starts 2020-03-31); an action is due after it"
    );
    // Corrected in place, then taken out of the plan (not merely dropped).
    let mut revised = action(
        "Train 40 front-line officers in identification",
        "identification",
    );
    revised.due = workshop::event::Due::MediumTerm;
    room.does(Command::Plans(PlansCommand::ReviseAction {
        action: id,
        revised: revised.clone(),
    }));
    let item = room.history.state().action_plan("Kunming")[0].clone();
    assert_eq!(
        (item.id, &item.action, item.status),
        (id, &revised, ActionStatus::Started)
    );
    assert!(
        room.refused(Command::Plans(PlansCommand::ReviseAction {
            action: id,
            revised: early
        }))
        .starts_with("when: 2016-03-31 is before the workshop")
    );
    room.does(Command::Plans(PlansCommand::RemoveAction(id)));
    assert!(room.history.state().action_plan("Kunming").is_empty());
    assert_eq!(
        room.refused(Command::Plans(PlansCommand::RemoveAction(id))),
        "that action is not there"
    );
    room.does(Command::Undo);
    assert_eq!(room.history.state().action_plan("Kunming").len(), 1);
}

#[test]
fn a_late_or_early_time_outside_the_day_is_refused() {
    let mut room = Room::new();
    let mark = |mark: workshop::event::Mark| {
        Command::Attendance(AttendanceCommand::Mark {
            participant: "p01".into(),
            day: 0,
            mark: Some(mark),
        })
    };
    let at = |hhmm: &str| hhmm.parse().unwrap();
    assert_eq!(
        room.refused(mark(workshop::event::Mark::LeftEarly { at: at("08:15") })),
        "left at 08:15: that is before day 1 starts (08:30)"
    );
    assert_eq!(
        room.refused(mark(workshop::event::Mark::Late { at: at("19:00") })),
        "arrived at 19:00: that is after day 1 ends (17:30)"
    );
    room.does(mark(workshop::event::Mark::LeftEarly { at: at("15:15") }));
}

#[test]
fn empty_semicolon_and_non_utf8_score_files_are_refused_whole() {
    let home = tempfile::tempdir().unwrap();
    for (csv, expected) in [
        ("", "scores.csv"),
        (
            "rater_city;rated_city;criterion;level\n;Jeju;policy;3\n",
            ":1: the columns are separated by `;`, not commas",
        ),
    ] {
        let out = import(home.path(), csv);
        assert_eq!(out.status.code(), Some(1), "{csv:?}");
        assert!(stderr(&out).contains(expected), "{csv:?}: {}", stderr(&out));
    }
    let file = home.path().join("latin1.csv");
    std::fs::write(
        &file,
        b"rater_city,rated_city,criterion,level,note\n,Jeju,policy,3,Caf\xe9\n",
    )
    .unwrap();
    let out = import_file(home.path(), &file);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(":2: note: not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    let huge = home.path().join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let out = import_file(home.path(), &huge);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the file is 2147483648 bytes, more than the"),
        "refused by its size: {}",
        stderr(&out)
    );
    let store = Store::open(&home.path().join("store")).unwrap();
    assert!(store.events().unwrap().is_empty(), "nothing was recorded");
}
