//! The in-memory picture of a run: the plan with every recorded event applied. Pure: no
//! terminal, no disk, no clock.

use crate::event::{Event, Recorded};
use crate::plan::{Participant, Plan};

/// What the run looks like after the events so far.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    plan: Plan,
    participants: Vec<Participant>,
    applied: u64,
}

impl State {
    /// The state of a run before anything has happened.
    pub fn new(plan: Plan) -> Self {
        let participants = plan.roster.clone();
        Self {
            plan,
            participants,
            applied: 0,
        }
    }

    /// Folds `events` over `plan`.
    pub fn replay<'a>(plan: Plan, events: impl IntoIterator<Item = &'a Recorded>) -> Self {
        let mut state = Self::new(plan);
        for recorded in events {
            state.apply(recorded);
        }
        state
    }

    /// Applies one recorded event.
    pub fn apply(&mut self, recorded: &Recorded) {
        match &recorded.event {
            Event::ParticipantsAdded { participants, .. } => {
                self.participants.extend(participants.iter().cloned());
            }
        }
        self.applied = recorded.seq;
    }

    /// The plan the run started from.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Everyone on the run's roster: the plan's, then those added since, in order.
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// The sequence number of the last event applied (0 before any).
    pub fn applied(&self) -> u64 {
        self.applied
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Someone already on the roster with the same name, organisation and city, compared
    /// without regard to case or spacing.
    pub fn same_person(&self, name: &str, organisation: &str, city: &str) -> Option<&Participant> {
        let key = person_key(name, organisation, city);
        self.participants
            .iter()
            .find(|p| person_key(&p.name, &p.organisation, &p.city) == key)
    }

    /// A participant id not used yet: `p01`, `p02` ... after the highest such id in use.
    pub fn next_participant_id(&self, taken: &[String]) -> String {
        let highest = self
            .participants
            .iter()
            .map(|p| p.id.as_str())
            .chain(taken.iter().map(String::as_str))
            .filter_map(|id| id.strip_prefix('p').and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        format!("p{:02}", highest + 1)
    }
}

/// How two roster entries are compared when deciding if they are the same person.
pub fn person_key(name: &str, organisation: &str, city: &str) -> (String, String, String) {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    (fold(name), fold(organisation), fold(city))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Sector;
    use chrono::{TimeZone, Utc};

    fn plan() -> Plan {
        serde_json::from_value(serde_json::json!({
            "id": "t", "title": "T", "organisers": ["O"], "venue": "V", "time_zone": "+09:00",
            "modules": [], "days": [],
            "roster": [{"id": "p07", "name": "김민준", "organisation": "Jeju Police", "country": "Korea",
                        "city": "Jeju", "sector": "government"}]
        }))
        .unwrap()
    }

    fn person(id: &str, name: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: "NGO".into(),
            country: "Nepal".into(),
            city: "Kathmandu".into(),
            sector: Sector::Ngo,
            email: None,
            consent: true,
        }
    }

    #[test]
    fn added_participants_follow_the_plan_roster() {
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        let events = [Recorded {
            seq: 1,
            at,
            event: Event::ParticipantsAdded {
                source: "walk-in".into(),
                participants: vec![person("p08", "सीता")],
            },
        }];
        let state = State::replay(plan(), &events);
        let names: Vec<&str> = state
            .participants()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["김민준", "सीता"]);
        assert_eq!(state.applied(), 1);
        assert_eq!(
            state.participant("p08").map(|p| p.city.as_str()),
            Some("Kathmandu")
        );
    }

    #[test]
    fn same_person_ignores_case_and_spacing() {
        let state = State::new(plan());
        assert!(
            state
                .same_person("김민준", " jeju  POLICE ", "jeju")
                .is_some()
        );
        assert!(
            state
                .same_person("김민준", "Jeju Police", "Seoul")
                .is_none()
        );
    }

    #[test]
    fn new_ids_follow_the_highest_in_use() {
        let state = State::new(plan());
        assert_eq!(state.next_participant_id(&[]), "p08");
        assert_eq!(
            state.next_participant_id(&["p08".into(), "p11".into()]),
            "p12"
        );
    }
}
