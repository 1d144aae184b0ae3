//! Attendance as pure state: marks, marking everyone, undo, corrections, withdrawal, head
//! counts, the certificate rule and finding people.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
#![allow(clippy::needless_pass_by_value)]

mod common;

use workshop::event::{Event, Mark};
use workshop::plan::{ClockTime, Participant, Plan, Sector};
use workshop::search::{matches, search_key};
use workshop::state::{AttendanceCommand, Certificate, Command, History, State};

struct Room {
    history: History,
}

impl Room {
    fn with(plan: Plan) -> Self {
        Self {
            history: History::new(plan),
        }
    }

    fn new() -> Self {
        Self::with(common::plan_2020())
    }

    fn does(&mut self, command: Command) -> Event {
        common::record(
            &mut self.history,
            common::jeju((2020, 3, 31), "09:00"),
            &command,
        )
    }

    fn refused(&self, command: Command) -> String {
        self.history.decide(&command).unwrap_err().0
    }

    fn mark(&mut self, who: &str, day: usize, mark: Mark) {
        self.does(Command::Attendance(AttendanceCommand::Mark {
            participant: who.into(),
            day,
            mark: Some(mark),
        }));
    }
}

fn at(hhmm: &str) -> ClockTime {
    hhmm.parse().unwrap()
}

#[test]
fn everyone_present_is_one_step_and_one_undo() {
    let mut room = Room::new();
    room.mark("p03", 0, Mark::Late { at: at("09:20") });
    let Event::Marked { participants, .. } =
        room.does(Command::Attendance(AttendanceCommand::MarkAllPresent {
            day: 0,
        }))
    else {
        panic!()
    };
    assert_eq!(
        participants.len(),
        23,
        "everyone not yet marked; p03 keeps late"
    );
    assert_eq!(
        room.history.state().mark("p03", 0),
        Some(&Mark::Late { at: at("09:20") })
    );
    let totals = room.history.state().day_totals(0);
    assert_eq!((totals.present, totals.late, totals.unmarked), (23, 1, 0));
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::MarkAllPresent {
            day: 0
        })),
        "everyone already has a mark on day 1"
    );
    room.does(Command::Undo);
    assert_eq!(
        room.history.state().day_totals(0).unmarked,
        23,
        "one undo takes back the whole step"
    );
    assert_eq!(
        room.history.state().mark("p03", 0),
        Some(&Mark::Late { at: at("09:20") })
    );
}

#[test]
fn every_kind_of_mark_and_clearing() {
    let mut room = Room::new();
    room.mark("p01", 1, Mark::Present);
    room.mark("p02", 1, Mark::LeftEarly { at: at("15:10") });
    room.mark(
        "p03",
        1,
        Mark::Excused {
            reason: Some("visa appointment".into()),
        },
    );
    room.mark("p04", 1, Mark::Absent);
    room.mark("p05", 1, Mark::Late { at: at("09:40") });
    let totals = room.history.state().day_totals(1);
    assert_eq!(
        (
            totals.present,
            totals.left_early,
            totals.excused,
            totals.absent,
            totals.late,
            totals.unmarked
        ),
        (1, 1, 1, 1, 1, 19)
    );
    room.does(Command::Attendance(AttendanceCommand::Mark {
        participant: "p04".into(),
        day: 1,
        mark: None,
    }));
    assert_eq!(room.history.state().mark("p04", 1), None);
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::Mark {
            participant: "p99".into(),
            day: 0,
            mark: Some(Mark::Present)
        })),
        "no participant has the id `p99`"
    );
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::Mark {
            participant: "p01".into(),
            day: 9,
            mark: Some(Mark::Present)
        })),
        "there is no day 10"
    );
}

#[test]
fn the_certificate_rule_counts_days_as_the_plan_says() {
    let mut room = Room::new();
    // 80% of four days, rounded up: all four.
    assert_eq!(room.history.state().days_required(), 4);
    assert_eq!(
        room.history.state().certificate("p01"),
        Certificate::NotYet,
        "no days marked yet"
    );
    for day in 0..3 {
        room.mark("p01", day, Mark::Present);
    }
    assert_eq!(room.history.state().certificate("p01"), Certificate::NotYet);
    room.mark("p01", 3, Mark::Late { at: at("09:15") });
    assert_eq!(
        room.history.state().certificate("p01"),
        Certificate::Eligible,
        "late counts as present by default"
    );
    room.mark("p02", 0, Mark::Excused { reason: None });
    assert_eq!(
        room.history.state().certificate("p02"),
        Certificate::NotEligible,
        "an excused day is still a day missed"
    );
    room.mark("p03", 0, Mark::LeftEarly { at: at("15:00") });
    assert_eq!(
        room.history.state().certificate("p03"),
        Certificate::NotYet,
        "leaving early still counts the day"
    );

    let mut strict = common::plan_2020();
    strict.certificate.late_counts_as_present = false;
    strict.certificate.min_attendance_percent = 50;
    let mut room = Room::with(strict);
    assert_eq!(room.history.state().days_required(), 2);
    room.mark("p01", 0, Mark::Late { at: at("09:15") });
    room.mark("p01", 1, Mark::Late { at: at("09:15") });
    room.mark("p01", 2, Mark::Absent);
    assert_eq!(room.history.state().days_attended("p01"), 0);
    assert_eq!(
        room.history.state().certificate("p01"),
        Certificate::NotEligible,
        "two days needed, none counted, one left"
    );
}

/// The counts as a fresh fold of the same log works them out, one participant at a time.
fn counted(history: &History) -> (usize, usize, usize) {
    let fresh = History::replay(history.state().plan().clone(), history.log()).into_state();
    let of = |wanted| {
        fresh
            .participants()
            .iter()
            .filter(|p| fresh.certificate(&p.id) == wanted)
            .count()
    };
    (
        of(Certificate::Eligible),
        of(Certificate::NotYet),
        of(Certificate::NotEligible),
    )
}

#[test]
fn certificate_and_day_counts_follow_every_change_and_undo() {
    let mut room = Room::new();
    let mut seen = Vec::new();
    let mut check = |room: &Room| {
        // Asked twice: the second answer comes from what the first kept.
        let fresh = counted(&room.history);
        for _ in 0..2 {
            let c = room.history.state().certificate_counts();
            assert_eq!((c.eligible, c.not_yet, c.not_eligible), fresh);
        }
        let again = History::replay(room.history.state().plan().clone(), room.history.log());
        // An undone mark puts back what it replaced: the same as folding the log again.
        assert!(room.history == again, "the state is the fold of its log");
        for day in 0..5 {
            for _ in 0..2 {
                assert_eq!(
                    room.history.state().day_totals(day),
                    again.state().day_totals(day),
                    "day {day}"
                );
            }
        }
        for p in room.history.state().participants() {
            assert_eq!(
                room.history.state().certificate(&p.id),
                again.state().certificate(&p.id),
                "{}",
                p.id
            );
        }
        seen.push(fresh);
    };
    check(&room);
    for day in 0..4 {
        room.mark("p01", day, Mark::Present);
        check(&room);
    }
    room.mark("p02", 0, Mark::Absent);
    check(&room);
    room.mark("p02", 0, Mark::Late { at: at("09:40") });
    check(&room);
    room.does(Command::Attendance(AttendanceCommand::Mark {
        participant: "p02".into(),
        day: 0,
        mark: None,
    }));
    check(&room);
    room.does(Command::Attendance(AttendanceCommand::ToggleWithdrawn(
        "p03".into(),
    )));
    check(&room);
    room.does(Command::Attendance(AttendanceCommand::MarkAllPresent {
        day: 1,
    }));
    check(&room);
    room.does(Command::Attendance(AttendanceCommand::AddParticipant(
        walk_in("Maya Santos"),
    )));
    check(&room);
    // A walk-in is not undone: these take back the whole-day marks, the withdrawal, p02's
    // three marks, then p01's fourth day.
    for _ in 0..6 {
        room.does(Command::Undo);
        check(&room);
    }
    let (eligible, not_yet, not_eligible) = seen[3];
    assert_eq!(
        seen[seen.len() - 1],
        (eligible, not_yet + 1, not_eligible),
        "as after p01's third day, with the walk-in not yet eligible: {seen:?}"
    );
    assert!(
        seen.windows(2).filter(|w| w[0] != w[1]).count() >= 6,
        "the changes moved the counts: {seen:?}"
    );
}

#[test]
fn a_withdrawn_participant_keeps_past_marks_and_cannot_be_marked() {
    let mut room = Room::new();
    room.mark("p06", 0, Mark::Present);
    room.does(Command::Attendance(AttendanceCommand::ToggleWithdrawn(
        "p06".into(),
    )));
    assert!(room.history.state().is_withdrawn("p06"));
    assert_eq!(
        room.history.state().mark("p06", 0),
        Some(&Mark::Present),
        "past marks are kept"
    );
    assert_eq!(
        room.history.state().certificate("p06"),
        Certificate::NotEligible,
        "no days left to reach four"
    );
    assert!(
        room.refused(Command::Attendance(AttendanceCommand::Mark {
            participant: "p06".into(),
            day: 1,
            mark: Some(Mark::Present)
        }))
        .contains("has withdrawn")
    );
    assert_eq!(
        room.history.state().day_totals(1).unmarked,
        23,
        "withdrawn people are not counted"
    );
    room.does(Command::Attendance(AttendanceCommand::ToggleWithdrawn(
        "p06".into(),
    )));
    assert!(!room.history.state().is_withdrawn("p06"));
}

fn walk_in(name: &str) -> Participant {
    Participant {
        id: String::new(),
        name: name.into(),
        organisation: "Cebu Youth Network".into(),
        country: "Philippines".into(),
        city: "Cebu City".into(),
        sector: Sector::Ngo,
        email: Some("maya@example.org".into()),
        consent: false,
    }
}

#[test]
fn a_city_typed_another_way_is_the_same_delegation_in_the_rosters_spelling() {
    let mut room = Room::new();
    let cities = room.history.state().cities().len();
    let mut someone = walk_in("Park Ji-hoon");
    someone.city = "  jeju ".into();
    someone.country = "KOREA".into();
    let Event::ParticipantsAdded { participants, .. } = room.does(Command::Attendance(
        AttendanceCommand::AddParticipant(someone),
    )) else {
        panic!("not an addition");
    };
    assert_eq!(
        (
            participants[0].city.as_str(),
            participants[0].country.as_str()
        ),
        ("Jeju", "Korea")
    );
    assert_eq!(
        room.history.state().cities().len(),
        cities,
        "no second Jeju"
    );
    // A correction in another case keeps the roster's spelling too...
    let id = participants[0].id.clone();
    let mut corrected = room.history.state().participant(&id).unwrap().clone();
    corrected.city = "JEJU".into();
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::EditParticipant(
            corrected
        ))),
        "nothing was changed"
    );
    // ...while someone alone in a city may respell it.
    let mut alone = walk_in("Maya Santos");
    alone.city = "iloilo city".into();
    room.does(Command::Attendance(AttendanceCommand::AddParticipant(
        alone,
    )));
    let maya = room
        .history
        .state()
        .participants()
        .iter()
        .find(|p| p.name == "Maya Santos")
        .unwrap()
        .clone();
    assert_eq!(maya.city, "iloilo city");
    room.does(Command::Attendance(AttendanceCommand::EditParticipant(
        Participant {
            city: "Iloilo City".into(),
            ..maya.clone()
        },
    )));
    assert_eq!(
        room.history.state().participant(&maya.id).unwrap().city,
        "Iloilo City"
    );
}

#[test]
fn groups_keep_a_city_apart_however_it_was_typed() {
    let people: Vec<Participant> = ["Jeju", "jeju", "JEJU ", "Kunming", "Bangkok", "Cebu"]
        .iter()
        .enumerate()
        .map(|(i, city)| Participant {
            id: format!("p{i}"),
            city: (*city).into(),
            ..walk_in(&format!("Person {i}"))
        })
        .collect();
    let refs: Vec<&Participant> = people.iter().collect();
    for group in workshop::state::propose_groups(&refs, 3) {
        let jeju = group
            .iter()
            .filter(|id| ["p0", "p1", "p2"].contains(&id.as_str()))
            .count();
        assert!(jeju <= 1, "two from Jeju in one group: {group:?}");
    }
}

#[test]
fn walk_ins_are_added_checked_and_corrected_with_history_kept() {
    let mut room = Room::new();
    let Event::ParticipantsAdded {
        participants,
        source,
    } = room.does(Command::Attendance(AttendanceCommand::AddParticipant(
        walk_in("Maya Santso"),
    )))
    else {
        panic!()
    };
    assert_eq!(
        (participants[0].id.as_str(), source.as_str()),
        ("p25", "walk-in")
    );
    assert!(!room.history.state().participant("p25").unwrap().consent);
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::AddParticipant(
            walk_in(" maya  santso")
        ))),
        "Maya Santso is already on the roster as p25"
    );
    let mut bad = walk_in("Someone");
    bad.email = Some("not an address".into());
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::AddParticipant(bad))),
        "email: `not an address` is not an email address"
    );

    let mut fixed = room.history.state().participant("p25").unwrap().clone();
    fixed.name = "Maya Santos".into();
    room.does(Command::Attendance(AttendanceCommand::EditParticipant(
        fixed.clone(),
    )));
    assert_eq!(
        room.history.state().participant("p25").unwrap().name,
        "Maya Santos"
    );
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::EditParticipant(
            fixed
        ))),
        "nothing was changed"
    );
    let first = &room.history.log()[0].event;
    assert!(
        matches!(first, Event::ParticipantsAdded { participants, .. } if participants[0].name == "Maya Santso"),
        "the old name stays in the log"
    );
}

#[test]
fn head_counts_and_item_checks_only_where_the_plan_asks() {
    let mut room = Room::new();
    room.does(Command::Attendance(AttendanceCommand::HeadCount {
        item: "d1-registration".into(),
        count: 22,
    }));
    assert_eq!(room.history.state().head_count("d1-registration"), Some(22));
    assert_eq!(
        room.refused(Command::Attendance(AttendanceCommand::HeadCount {
            item: "m1-vca".into(),
            count: 3
        })),
        "the plan takes no attendance for \"Who is a victim? The victim-centred approach\""
    );
    room.does(Command::Attendance(
        AttendanceCommand::ToggleItemAttendance {
            item: "d3-study-visit".into(),
            participant: "p01".into(),
        },
    ));
    assert!(room.history.state().attended_item("d3-study-visit", "p01"));
    room.does(Command::Undo);
    assert!(!room.history.state().attended_item("d3-study-visit", "p01"));
}

#[test]
fn checking_in_to_an_item_marks_the_day_present_unless_the_day_has_a_mark() {
    let mut room = Room::new();
    let check_in = |who: &str| {
        Command::Attendance(AttendanceCommand::ToggleItemAttendance {
            item: "d3-study-visit".into(),
            participant: who.into(),
        })
    };
    // The study visit is on day 3 (index 2).
    room.does(check_in("p01"));
    assert_eq!(room.history.state().mark("p01", 2), Some(&Mark::Present));
    assert_eq!(room.history.state().day_totals(2).present, 1);
    // A mark already given that day stays as it is.
    let late = Mark::Late {
        at: "09:40".parse().unwrap(),
    };
    room.mark("p02", 2, late.clone());
    room.does(check_in("p02"));
    assert_eq!(room.history.state().mark("p02", 2), Some(&late));
    // Checking out again leaves the day's mark: they were there.
    room.does(check_in("p01"));
    assert_eq!(room.history.state().mark("p01", 2), Some(&Mark::Present));
    // Undoing the check-in takes the mark it made back with it.
    room.does(Command::Undo);
    room.does(Command::Undo);
    room.does(Command::Undo);
    room.does(Command::Undo);
    assert_eq!(room.history.state().mark("p01", 2), None);
    let again = History::replay(room.history.state().plan().clone(), room.history.log());
    assert!(room.history == again, "the state is the fold of its log");
}

#[test]
fn finding_people_in_any_script() {
    let state = State::new(common::plan_2020());
    let found = |query: &str| -> Vec<String> {
        let q = search_key(query);
        state
            .participants()
            .iter()
            .filter(|p| matches(p, &q))
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(found("nguyen"), ["Nguyễn Thị Lan"]);
    assert_eq!(found("NGUYỄN"), ["Nguyễn Thị Lan"]);
    assert_eq!(found("서연"), ["김서연"]);
    // A Latin keyboard finds names in other scripts by their Latin spelling.
    assert_eq!(found("seoyeon"), ["김서연"]);
    assert_eq!(found("somsak"), ["สมศักดิ์ ใจดี"]);
    assert_eq!(found("ใจดี"), ["สมศักดิ์ ใจดี"]);
    assert_eq!(found("kunming").len(), 2, "by city");
    assert_eq!(found("viet nam").len(), 2, "by country");
    assert_eq!(found("").len(), 24, "an empty filter shows everyone");
    assert!(found("zzz").is_empty());
}

#[test]
fn an_undone_mark_leaves_no_copy_of_the_state_that_still_holds_it() {
    let mut room = Room::new();
    let mut present = false;
    while room.history.state().applied() < 1020 {
        present = !present;
        room.mark("p01", 0, if present { Mark::Present } else { Mark::Absent });
    }
    // A mark, then walk-ins (which undo passes over) past the copy taken at event 1024.
    room.mark("p05", 2, Mark::Present);
    let mut n = 0;
    while room.history.state().applied() < 1030 {
        n += 1;
        room.does(Command::Attendance(AttendanceCommand::AddParticipant(
            walk_in(&format!("Walk-in {n}")),
        )));
    }
    room.does(Command::Undo);
    assert_eq!(room.history.state().mark("p05", 2), None);
    // An undo of something else refolds from the newest copy before it, which must not be
    // one that still holds the undone mark.
    room.does(Command::Attendance(AttendanceCommand::ToggleWithdrawn(
        "p03".into(),
    )));
    room.does(Command::Undo);
    assert_eq!(room.history.state().mark("p05", 2), None);
    let again = History::replay(room.history.state().plan().clone(), room.history.log());
    assert!(room.history == again, "the state is the fold of its log");
}
