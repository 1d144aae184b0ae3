//! The state's own tests: the roster as events change it.

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
    let state = History::replay(plan(), &events).into_state();
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
