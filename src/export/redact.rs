//! Pseudonyms for participants in exports. A redacted participant becomes `P07` (their place
//! on the roster), loses name, email and organisation (which reads "withheld"), and keeps
//! city, country and sector, so city-level results stand. Their names and emails are also replaced wherever the
//! facilitator typed them (notes, evidence, group names, action plans), and reasons given
//! for their excused absences are dropped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::secret_names::SecretNames;

use crate::event::{Event, FormedGroup, Mark, Recorded};
use crate::plan::{Participant, Plan};
use crate::state::State;

/// Who an export names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// Everyone who consented by name; the others by pseudonym, in every file.
    ConsentedNamed,
    /// Nobody by name, in any file (`--redact`).
    Redacted,
    /// Like [`Privacy::ConsentedNamed`], but the JSON file names everyone: the backup that
    /// moves a run to another laptop (`--full`).
    FullBackup,
}

/// The pseudonym of the participant at `index` (from 0) of a roster of `count`: `P07`,
/// or `P007` on a roster of a hundred or more.
pub fn pseudonym(index: usize, count: usize) -> String {
    let width = count.to_string().len().max(2);
    format!("P{:0width$}", index + 1)
}

/// What a redacted participant's organisation reads: a word, so that the plan rules (every
/// participant has an organisation) still hold and a redacted export can be imported.
pub const WITHHELD: &str = "withheld";

/// Every name and email a hidden participant ever had, with the pseudonym: from the plan's
/// roster and from `events`, the events that add or edit participants.
fn secrets(plan: &Plan, events: &[Recorded], pseudonyms: &HashMap<String, String>) -> SecretNames {
    let mut records: Vec<&Participant> = plan.roster.iter().collect();
    for recorded in events {
        match &recorded.event {
            Event::ParticipantsAdded { participants, .. } => records.extend(participants),
            Event::ParticipantEdited { participant } => records.push(participant),
            _ => {}
        }
    }
    SecretNames::new(records.into_iter().filter_map(|p| {
        pseudonyms
            .get(&p.id)
            .map(|alias| (p.name.as_str(), p.email.as_deref(), alias.as_str()))
    }))
}

/// What an export shows in place of the participants it must not name: the plan and each
/// event with pseudonyms, names and emails replaced wherever they were typed.
#[derive(Debug)]
pub struct Redactor {
    pseudonyms: HashMap<String, String>,
    secrets: SecretNames,
    /// How many names and emails typed in free text were replaced so far.
    replaced: AtomicUsize,
    /// Whether phones' names are hidden too (`--redact`): "Bangkok 1" becomes "a phone".
    hides_devices: bool,
}

impl Redactor {
    /// The redactor for an export of the run `state` stands for under `privacy`, or `None`
    /// when the export names everyone. `participant_events` gives the run's events that add
    /// or edit participants (undone ones too); it is asked only when someone is hidden.
    pub fn of<E>(
        state: &State,
        privacy: Privacy,
        participant_events: impl FnOnce() -> Result<Vec<Recorded>, E>,
    ) -> Result<Option<Self>, E> {
        let count = state.participants().len();
        let pseudonyms: HashMap<String, String> = state
            .participants()
            .iter()
            .enumerate()
            .filter(|(_, p)| privacy == Privacy::Redacted || !p.consent)
            .map(|(i, p)| (p.id.clone(), pseudonym(i, count)))
            .collect();
        if pseudonyms.is_empty() {
            return Ok(None);
        }
        let secrets = secrets(state.plan(), &participant_events()?, &pseudonyms);
        let mut redactor = Self::with_secrets(pseudonyms, secrets);
        redactor.hides_devices = privacy == Privacy::Redacted;
        Ok(Some(redactor))
    }

    fn with_secrets(pseudonyms: HashMap<String, String>, secrets: SecretNames) -> Self {
        Self {
            pseudonyms,
            secrets,
            replaced: AtomicUsize::new(0),
            hides_devices: false,
        }
    }

    /// How many names and emails typed in free text (notes, evidence, group names, action
    /// plans...) were replaced by pseudonyms so far.
    pub fn replacements(&self) -> usize {
        self.replaced.load(Ordering::Relaxed)
    }

    /// The plan as the export shows it.
    pub fn redacted_plan(&self, plan: &Plan) -> Plan {
        let mut plan = plan.clone();
        self.plan(&mut plan);
        plan
    }

    /// The event as the export shows it.
    pub fn redacted(&self, recorded: &Recorded) -> Recorded {
        Recorded {
            event: self.event(&recorded.event),
            ..*recorded
        }
    }

    fn id(&self, id: &str) -> String {
        self.pseudonyms
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn participant(&self, p: &Participant) -> Participant {
        match self.pseudonyms.get(&p.id) {
            Some(alias) => Participant {
                id: alias.clone(),
                name: alias.clone(),
                organisation: WITHHELD.to_owned(),
                email: None,
                ..p.clone()
            },
            None => p.clone(),
        }
    }

    fn groups(&self, groups: &[FormedGroup]) -> Vec<FormedGroup> {
        groups
            .iter()
            .map(|g| FormedGroup {
                members: g.members.iter().map(|m| self.id(m)).collect(),
                ..g.clone()
            })
            .collect()
    }

    /// Replaces names and emails in every string of `value`. Most values name nobody, which
    /// their JSON text tells cheaply; only the others are taken apart.
    fn scrub<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(&self, value: &T) -> T {
        let Ok(text) = serde_json::to_string(value) else {
            return value.clone();
        };
        if !self.secrets.found_in(&text) {
            return value.clone();
        }
        let Ok(mut tree) = serde_json::from_str::<serde_json::Value>(&text) else {
            return value.clone();
        };
        self.scrub_value(&mut tree);
        serde_json::from_value(tree).unwrap_or_else(|_| value.clone())
    }

    fn scrub_value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => {
                if let Some((replaced, count)) = self.secrets.replace(text) {
                    *text = replaced;
                    self.replaced.fetch_add(count, Ordering::Relaxed);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    self.scrub_value(item);
                }
            }
            serde_json::Value::Object(fields) => {
                for field in fields.values_mut() {
                    self.scrub_value(field);
                }
            }
            _ => {}
        }
    }

    fn plan(&self, plan: &mut Plan) {
        let roster: Vec<Participant> = plan.roster.iter().map(|p| self.participant(p)).collect();
        plan.roster = Vec::new();
        *plan = self.scrub(plan);
        plan.roster = roster;
        for group in &mut plan.groups {
            group.members = group.members.iter().map(|m| self.id(m)).collect();
        }
    }

    fn event(&self, event: &Event) -> Event {
        match event {
            Event::ParticipantsAdded {
                source,
                participants,
            } => Event::ParticipantsAdded {
                source: self.scrub(source),
                participants: participants.iter().map(|p| self.participant(p)).collect(),
            },
            Event::ParticipantEdited { participant } => Event::ParticipantEdited {
                participant: self.participant(participant),
            },
            Event::Marked {
                day,
                participants,
                mark,
            } => {
                let hides = participants.iter().any(|p| self.pseudonyms.contains_key(p));
                Event::Marked {
                    day: *day,
                    participants: participants.iter().map(|p| self.id(p)).collect(),
                    mark: match mark {
                        Some(Mark::Excused { .. }) if hides => Some(Mark::Excused { reason: None }),
                        other => self.scrub(other),
                    },
                }
            }
            Event::ParticipantWithdrawn {
                participant,
                withdrawn,
            } => Event::ParticipantWithdrawn {
                participant: self.id(participant),
                withdrawn: *withdrawn,
            },
            Event::ItemAttended {
                item,
                participant,
                present,
            } => Event::ItemAttended {
                item: item.clone(),
                participant: self.id(participant),
                present: *present,
            },
            Event::GroupsFormed { exercise, groups } => Event::GroupsFormed {
                exercise: exercise.clone(),
                groups: self.scrub(&self.groups(groups)),
            },
            Event::MemberMoved {
                exercise,
                participant,
                to,
            } => Event::MemberMoved {
                exercise: exercise.clone(),
                participant: self.id(participant),
                to: to.clone(),
            },
            Event::DeviceAssessed {
                device,
                form,
                scores,
            } => Event::DeviceAssessed {
                device: if self.hides_devices {
                    "a phone".to_owned()
                } else {
                    self.scrub(device)
                },
                form: form.clone(),
                scores: self.scrub(scores),
            },
            other => self.scrub(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_that_json_escapes_are_still_found_and_replaced() {
        let redactor = Redactor::with_secrets(
            HashMap::new(),
            SecretNames::new([
                ("Ana \"Ace\" Lee", None, "P01"),
                ("C:\\Tuvalu", None, "P02"),
            ]),
        );
        let note = Event::NoteAdded {
            item: "opening".to_owned(),
            text: "Ana \"Ace\" Lee filed it under C:\\Tuvalu\n".to_owned(),
        };
        let Event::NoteAdded { text, .. } = redactor.event(&note) else {
            panic!("a note stays a note");
        };
        assert_eq!(text, "P01 filed it under P02\n");
        // The parts of a name are found as whole words too, and counted.
        let plain = Event::NoteAdded {
            item: "opening".to_owned(),
            text: "Ana Lee, not quoted; Leena stays".to_owned(),
        };
        let Event::NoteAdded { text, .. } = redactor.event(&plain) else {
            panic!("a note stays a note");
        };
        assert_eq!(text, "P01 P01, not quoted; Leena stays");
        assert_eq!(redactor.replacements(), 4);
    }
}
