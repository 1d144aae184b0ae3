//! A synthetic run at the largest scale `workshop` is built for: the 14-day 2012 plan with a
//! roster of 200 participants from 50 cities, and as many events as asked (100 000 for the
//! benchmarks), made the way a facilitator makes them: every command goes through
//! [`History::decide`], so the log is one the app could have written. Seeded, so every run of a
//! benchmark measures the same log.
//!
//! Shared by the benchmarks and by the tests that check the generator (`#[path]` includes it).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use workshop::event::{
    ActionStatus, Due, Event, FeedbackForm, Flag, Mark, PlannedAction, Question, Recorded,
    TakeawayKind,
};
use workshop::plan::{Participant, Plan, Sector, load_plan};
use workshop::state::{
    AgendaCommand, AssessmentCommand, AttendanceCommand, Command, ExercisesCommand,
    FeedbackCommand, History, PlansCommand,
};

/// The figures: 14 days (the plan's), 200 participants, 50 cities, 100 000 events.
pub const PARTICIPANTS: usize = 200;
pub const CITIES: usize = 50;
pub const EVENTS: usize = 100_000;

/// Names in the scripts a Bali Process room writes, so the views measure real text widths.
const GIVEN: [&str; 10] = [
    "김서연",
    "Nguyễn Thị Lan",
    "สมชาย",
    "Siti Nurhaliza",
    "Rahul Sharma",
    "Maria Santos",
    "Ahmad Karimi",
    "ឆេង សុភា",
    "Aung Kyaw",
    "Tanvir Hossain",
];

const NOTES: [&str; 6] = [
    "Questions on referral pathways ran long",
    "Interpreter needed for two participants",
    "Follow up: share the slides with the police delegates",
    "Good discussion on non-punishment of victims",
    "Speaker asked for the group's checklists",
    "Room too warm in the afternoon; ask the venue",
];

/// The plan and the events, and the history they fold to.
pub struct Synthetic {
    pub plan: Plan,
    pub events: Vec<Recorded>,
    /// The events replayed in one fold, as a run opens.
    pub replayed: History,
    /// The history as it grew one event at a time, undos and all, as the app keeps it.
    pub live: History,
}

/// The shipped 14-day plan with a roster of `participants` people from `cities` cities.
pub fn plan(participants: usize, cities: usize) -> Plan {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/cifal-jeju-2012-human-security.json");
    let mut plan = load_plan(&file).expect("the shipped plan loads").plan;
    plan.id = "synthetic-14-days".into();
    plan.roster = (0..participants)
        .map(|i| {
            let city = i % cities;
            Participant {
                id: format!("s{:03}", i + 1),
                name: format!("{} {}", GIVEN[i % GIVEN.len()], i + 1),
                organisation: format!("Anti-Trafficking Unit {}", city + 1),
                country: format!("Country {:02}", city / 3 + 1),
                city: format!("City {:02}", city + 1),
                sector: [
                    Sector::Government,
                    Sector::Ngo,
                    Sector::InternationalOrganisation,
                ][i % 3],
                email: Some(format!("person{}@example.org", i + 1)),
                consent: i % 20 != 7,
            }
        })
        .collect();
    plan.groups.clear();
    plan
}

/// A run of `events` events over the plan's days, seeded by `seed`.
pub fn run(events: usize, seed: u64) -> Synthetic {
    let plan = plan(PARTICIPANTS, CITIES);
    let mut sim = Sim {
        history: History::new(plan.clone()),
        events: Vec::with_capacity(events),
        rng: fastrand::Rng::with_seed(seed),
        at: Utc::now(),
    };
    let order: Vec<(usize, String)> = sim
        .history
        .state()
        .agenda_order()
        .map(|(r, i)| (r.day, i.id.clone()))
        .collect();
    let people: Vec<String> = plan.roster.iter().map(|p| p.id.clone()).collect();
    for (index, (day, item)) in order.iter().enumerate() {
        let start_of_day = index == 0 || order[index - 1].0 != *day;
        if start_of_day {
            sim.at = sim.day_start(*day);
        }
        sim.record(&Command::Agenda(AgendaCommand::Start(item.clone())));
        if index == 0 {
            sim.record(&Command::Exercises(ExercisesCommand::FormGroups {
                exercise: None,
                count: 10,
                present: people.clone(),
            }));
        }
        let left = events.saturating_sub(sim.events.len());
        let budget = left / (order.len() - index);
        for _ in 0..budget {
            sim.random_action(*day, item, &people);
        }
        let end_of_day = order.get(index + 1).is_none_or(|(d, _)| d != day);
        if end_of_day {
            sim.record(&Command::Agenda(AgendaCommand::Stop));
        }
    }
    while sim.events.len() < events {
        // The budget is spread before the last item's refusals are known; top it up.
        let last_day = plan.days.len() - 1;
        sim.random_action(last_day, &order[order.len() - 1].1, &people);
    }
    let replayed = History::replay(plan.clone(), &sim.events);
    Synthetic {
        plan,
        events: sim.events,
        replayed,
        live: sim.history,
    }
}

struct Sim {
    history: History,
    events: Vec<Recorded>,
    rng: fastrand::Rng,
    at: DateTime<Utc>,
}

impl Sim {
    fn day_start(&self, day: usize) -> DateTime<Utc> {
        let date: NaiveDate = self.history.state().plan().days[day].date;
        let tz: chrono_tz::Tz = self
            .history
            .state()
            .plan()
            .time_zone
            .parse()
            .unwrap_or(chrono_tz::Asia::Seoul);
        tz.from_local_datetime(&date.and_hms_opt(8, 30, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Decides and applies; a refused command is dropped, as the app would drop it.
    fn record(&mut self, command: &Command) -> bool {
        let Ok(event) = self.history.decide(command) else {
            return false;
        };
        self.at += TimeDelta::seconds(self.rng.i64(1..=4));
        let recorded = Recorded {
            seq: self.events.len() as u64 + 1,
            at: self.at,
            event,
        };
        self.history.apply(&recorded);
        self.events.push(recorded);
        true
    }

    fn pick<'a>(&mut self, from: &'a [String]) -> &'a String {
        &from[self.rng.usize(..from.len())]
    }

    fn city(&mut self) -> String {
        format!("City {:02}", self.rng.usize(..CITIES) + 1)
    }

    fn criterion(&mut self) -> String {
        let framework = self.history.state().plan().framework();
        let criteria = &framework.criteria;
        criteria[self.rng.usize(..criteria.len())].id.clone()
    }

    /// One action of the kinds a facilitator takes, weighted by how often they come.
    fn random_action(&mut self, day: usize, item: &str, people: &[String]) {
        let roll = self.rng.u32(..100);
        let command = match roll {
            0..=29 => self.mark(day, people),
            30..=39 => Command::Attendance(AttendanceCommand::ToggleItemAttendance {
                item: item.to_owned(),
                participant: self.pick(people).clone(),
            }),
            40..=59 => self.assess(),
            60..=63 => Command::Assessment(AssessmentCommand::NoteEvidence {
                city: self.city(),
                criterion: self.criterion(),
                text: "Shelter referral protocol signed with two NGOs".into(),
            }),
            64..=65 => Command::Assessment(AssessmentCommand::ToggleFlag {
                city: self.city(),
                criterion: self.criterion(),
                flag: if self.rng.bool() {
                    Flag::GoodPractice
                } else {
                    Flag::Priority
                },
            }),
            66..=67 => Command::Plans(PlansCommand::AddTakeaway {
                city: self.city(),
                takeaway: if self.rng.bool() {
                    TakeawayKind::Challenge
                } else {
                    TakeawayKind::GoodPractice
                },
                text: "Victims are identified late because front-line staff lack a checklist"
                    .into(),
                criteria: vec![self.criterion()],
            }),
            68..=69 => self.plan_action(),
            70..=78 => self.exercise_step(),
            79..=84 => self.feedback(),
            85..=88 => Command::Agenda(AgendaCommand::AddNote {
                item: item.to_owned(),
                text: NOTES[self.rng.usize(..NOTES.len())].to_owned(),
            }),
            89 => Command::Attendance(AttendanceCommand::HeadCount {
                item: item.to_owned(),
                count: self.rng.u32(150..=200),
            }),
            90 => Command::Agenda(AgendaCommand::SetMessage(Some("Back at 14:00".into()))),
            91 => Command::Agenda(AgendaCommand::TogglePause),
            92 => Command::Agenda(AgendaCommand::Nudge(5)),
            93..=95 => Command::Undo,
            _ => Command::Attendance(AttendanceCommand::Mark {
                participant: self.pick(people).clone(),
                day,
                mark: None,
            }),
        };
        self.record(&command);
    }

    fn mark(&mut self, day: usize, people: &[String]) -> Command {
        let mark = match self.rng.u32(..100) {
            0..=79 => Mark::Present,
            80..=87 => Mark::Late {
                at: "09:40".parse().unwrap(),
            },
            88..=92 => Mark::Absent,
            93..=96 => Mark::Excused {
                reason: Some("Meeting at the embassy".into()),
            },
            _ => Mark::LeftEarly {
                at: "15:30".parse().unwrap(),
            },
        };
        Command::Attendance(AttendanceCommand::Mark {
            participant: self.pick(people).clone(),
            day,
            mark: Some(mark),
        })
    }

    fn assess(&mut self) -> Command {
        let city = self.city();
        let rater = self.rng.bool().then(|| self.city()).filter(|r| *r != city);
        Command::Assessment(AssessmentCommand::Assess {
            rater,
            city,
            criterion: self.criterion(),
            level: self.rng.u8(0..=4),
        })
    }

    fn plan_action(&mut self) -> Command {
        let actions: Vec<u64> = self
            .history
            .state()
            .all_actions()
            .iter()
            .map(|a| a.id)
            .collect();
        if !actions.is_empty() && self.rng.bool() {
            return Command::Plans(PlansCommand::SetActionStatus {
                action: actions[self.rng.usize(..actions.len())],
                status: [
                    ActionStatus::Started,
                    ActionStatus::Done,
                    ActionStatus::Dropped,
                ][self.rng.usize(..3)],
            });
        }
        Command::Plans(PlansCommand::PlanAction {
            city: self.city(),
            action: PlannedAction {
                what: "Train front-line officers on the identification checklist".into(),
                who: "Provincial police academy".into(),
                due: Due::ShortTerm,
                criterion: self.criterion(),
                indicator: "Officers trained per quarter".into(),
            },
        })
    }

    fn exercise_step(&mut self) -> Command {
        let exercises = &self.history.state().plan().exercises;
        let exercise = exercises[self.rng.usize(..exercises.len())].clone();
        let groups: Vec<String> = self
            .history
            .state()
            .groups(Some(&exercise.id))
            .iter()
            .map(|g| g.id.clone())
            .collect();
        if groups.is_empty() {
            // The groups were undone: form them again.
            return Command::Exercises(ExercisesCommand::FormGroups {
                exercise: None,
                count: 10,
                present: self
                    .history
                    .state()
                    .participants()
                    .iter()
                    .map(|p| p.id.clone())
                    .collect(),
            });
        }
        let group = self.pick(&groups).clone();
        match self.rng.u32(..3) {
            0 => {
                let criterion = &exercise.rubric[self.rng.usize(..exercise.rubric.len())];
                Command::Exercises(ExercisesCommand::Score {
                    exercise: exercise.id.clone(),
                    group,
                    criterion: criterion.id.clone(),
                    points: self.rng.u32(0..=criterion.max_points),
                })
            }
            1 => Command::Exercises(ExercisesCommand::AddChecklistLine {
                exercise: exercise.id.clone(),
                group,
                text: "Ask where the person sleeps and who holds their passport".into(),
            }),
            _ => Command::Exercises(ExercisesCommand::ToggleReference {
                exercise: exercise.id.clone(),
                group,
                item: exercise.checklist[self.rng.usize(..exercise.checklist.len())]
                    .id
                    .clone(),
            }),
        }
    }

    fn feedback(&mut self) -> Command {
        let questions = self.history.state().feedback_questions();
        let answers = questions
            .into_iter()
            .filter_map(|q| (self.rng.u32(..10) < 8).then(|| (q, self.rng.u8(2..=5))))
            .collect::<Vec<(Question, u8)>>();
        Command::Feedback(FeedbackCommand::GiveFeedback(FeedbackForm { answers }))
    }
}

/// The event kinds in `events`, for a test to see the mix is what the docs say.
pub fn kinds(events: &[Recorded]) -> std::collections::BTreeMap<&'static str, usize> {
    let mut out = std::collections::BTreeMap::new();
    for recorded in events {
        let kind = match &recorded.event {
            Event::Marked { .. } => "marked",
            Event::ItemAttended { .. } => "item-attended",
            Event::Assessed { .. } => "assessed",
            Event::Undone { .. } => "undone",
            Event::ItemStarted { .. } => "item-started",
            Event::FeedbackGiven { .. } => "feedback",
            Event::Scored { .. } => "scored",
            Event::NoteAdded { .. } => "note",
            _ => "other",
        };
        *out.entry(kind).or_default() += 1;
    }
    out
}
