//! Who was in the room: a mark per participant and day, withdrawals, head counts and
//! per-item presence, and what that means for each certificate.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::{AttendanceCommand, Refusal, Spellings, State};
use crate::event::{Event, Mark};
use crate::plan::{Participant, participant_problems};

/// Attendance as recorded so far.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Attendance {
    /// participant -> date -> mark; nested so that a lookup borrows its key, and the
    /// handful of days in order, found faster so than by hashing.
    pub(super) marks: HashMap<String, BTreeMap<NaiveDate, Mark>>,
    pub(super) withdrawn: HashSet<String>,
    pub(super) head_counts: HashMap<String, u32>,
    pub(super) item_presence: HashSet<(String, String)>,
    /// participant -> their details before each correction, oldest first.
    pub(super) earlier: HashMap<String, Vec<Participant>>,
}

/// Where a participant stands against the plan's certificate rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certificate {
    /// Attended enough days already.
    Eligible,
    /// Can still get there with the days left.
    NotYet,
    /// Cannot reach the required days any more (or withdrew short of them).
    NotEligible,
}

/// How many of the roster stand where for a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CertificateCounts {
    /// See [`Certificate::Eligible`].
    pub eligible: usize,
    /// See [`Certificate::NotYet`].
    pub not_yet: usize,
    /// See [`Certificate::NotEligible`].
    pub not_eligible: usize,
}

/// How many people a day's marks count, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayTotals {
    pub present: usize,
    pub late: usize,
    pub left_early: usize,
    pub excused: usize,
    pub absent: usize,
    pub unmarked: usize,
}

impl State {
    /// The mark of `participant` on day `day` (an index into the plan's days).
    pub fn mark(&self, participant: &str, day: usize) -> Option<&Mark> {
        let date = self.plan().days.get(day)?.date;
        self.folded.attendance.marks.get(participant)?.get(&date)
    }

    /// Whether `participant` has withdrawn from the workshop.
    pub fn is_withdrawn(&self, participant: &str) -> bool {
        self.folded.attendance.withdrawn.contains(participant)
    }

    /// The head count taken for `item`, if any.
    pub fn head_count(&self, item: &str) -> Option<u32> {
        self.folded.attendance.head_counts.get(item).copied()
    }

    /// Whether `participant` was checked in at `item`.
    pub fn attended_item(&self, item: &str, participant: &str) -> bool {
        self.folded
            .attendance
            .item_presence
            .contains(&(item.to_owned(), participant.to_owned()))
    }

    /// Whether a mark counts as attending the day for the certificate. Late counts when the
    /// plan says so; leaving early counts; an excused absence does not.
    pub fn counts_as_attended(&self, mark: &Mark) -> bool {
        match mark {
            Mark::Present | Mark::LeftEarly { .. } => true,
            Mark::Late { .. } => self.plan().certificate.late_counts_as_present,
            Mark::Absent | Mark::Excused { .. } => false,
        }
    }

    /// Days needed for a certificate: the plan's share of all days, rounded up.
    pub fn days_required(&self) -> usize {
        let days = self.plan().days.len();
        (days * usize::from(self.plan().certificate.min_attendance_percent)).div_ceil(100)
    }

    /// Days `participant` has attended, as the certificate counts them.
    pub fn days_attended(&self, participant: &str) -> usize {
        self.day_marks(participant)
            .filter(|m| m.is_some_and(|m| self.counts_as_attended(m)))
            .count()
    }

    /// Where `participant` stands against the certificate rule, worked out from their marks.
    pub(super) fn work_out_certificate(&self, participant: &str) -> Certificate {
        let required = self.days_required();
        let (mut attended, mut open) = (0, 0);
        for mark in self.day_marks(participant) {
            match mark {
                Some(mark) if self.counts_as_attended(mark) => attended += 1,
                Some(_) => {}
                None => open += 1,
            }
        }
        if attended >= required {
            Certificate::Eligible
        } else if !self.is_withdrawn(participant) && attended + open >= required {
            Certificate::NotYet
        } else {
            Certificate::NotEligible
        }
    }

    /// `participant`'s mark on each day of the plan, in order: their marks are looked up
    /// once, not once a day (the attendance view shows everyone's on every frame).
    pub fn day_marks(&self, participant: &str) -> impl Iterator<Item = Option<&Mark>> {
        let marks = self.folded.attendance.marks.get(participant);
        self.plan()
            .days
            .iter()
            .map(move |day| marks.and_then(|m| m.get(&day.date)))
    }

    pub(super) fn attendance_effect(&mut self, event: &Event) {
        match event {
            Event::Marked {
                day,
                participants,
                mark,
            } => {
                for p in participants {
                    match mark {
                        Some(mark) => {
                            self.folded
                                .attendance
                                .marks
                                .entry(p.clone())
                                .or_default()
                                .insert(*day, mark.clone());
                        }
                        None => {
                            if let Some(days) = self.folded.attendance.marks.get_mut(p) {
                                days.remove(day);
                                if days.is_empty() {
                                    self.folded.attendance.marks.remove(p);
                                }
                            }
                        }
                    }
                }
            }
            Event::ParticipantEdited { participant } => {
                if let Some(p) = self
                    .folded
                    .participants
                    .iter_mut()
                    .find(|p| p.id == participant.id)
                {
                    self.folded
                        .attendance
                        .earlier
                        .entry(p.id.clone())
                        .or_default()
                        .push(p.clone());
                    p.clone_from(participant);
                }
            }
            Event::ParticipantWithdrawn {
                participant,
                withdrawn,
            } => {
                if *withdrawn {
                    self.folded.attendance.withdrawn.insert(participant.clone());
                } else {
                    self.folded.attendance.withdrawn.remove(participant);
                }
            }
            Event::HeadCounted { item, count } => {
                self.folded
                    .attendance
                    .head_counts
                    .insert(item.clone(), *count);
            }
            Event::ItemAttended {
                item,
                participant,
                present,
            } => {
                let key = (item.clone(), participant.clone());
                if *present {
                    self.folded.attendance.item_presence.insert(key);
                    // Someone checked in to an item was there that day: a day without a
                    // mark for them is marked present (a mark given, late or other, stays).
                    if let Some(date) = self
                        .find_item(item)
                        .map(|(r, _)| self.plan.days[r.day].date)
                    {
                        self.folded
                            .attendance
                            .marks
                            .entry(participant.clone())
                            .or_default()
                            .entry(date)
                            .or_insert(Mark::Present);
                    }
                } else {
                    self.folded.attendance.item_presence.remove(&key);
                }
            }
            _ => {}
        }
    }

    /// Why a late or early-leaving time cannot be so on day `day`: it falls outside the
    /// day's hours (a slip of the hour, "08:15" for "18:15").
    fn time_outside_day(&self, day: usize, mark: Option<&Mark>) -> Option<String> {
        let d = self.plan().days.get(day)?;
        let (word, at) = match mark? {
            Mark::Late { at } => ("arrived", at),
            Mark::LeftEarly { at } => ("left", at),
            _ => return None,
        };
        if at.minutes() < d.start.minutes() {
            Some(format!(
                "{word} at {at}: that is before day {} starts ({})",
                day + 1,
                d.start
            ))
        } else if at.minutes() > d.end.minutes() {
            Some(format!(
                "{word} at {at}: that is after day {} ends ({})",
                day + 1,
                d.end
            ))
        } else {
            None
        }
    }

    /// A participant's details before each correction, oldest first.
    pub fn earlier_details(&self, participant: &str) -> &[Participant] {
        self.folded
            .attendance
            .earlier
            .get(participant)
            .map_or(&[], Vec::as_slice)
    }

    /// The items `participant` was checked in to, in agenda order.
    pub fn checked_in_items(&self, participant: &str) -> Vec<&crate::plan::Item> {
        self.agenda_order()
            .map(|(_, item)| item)
            .filter(|item| self.attended_item(&item.id, participant))
            .collect()
    }

    /// The event for an attendance command, or why not.
    pub(super) fn decide_attendance(&self, command: &AttendanceCommand) -> Result<Event, Refusal> {
        let refuse = |text: String| Err(Refusal(text));
        let day_date = |day: usize| self.plan().days.get(day).map(|d| d.date);
        Ok(match command {
            AttendanceCommand::Mark {
                participant,
                day,
                mark,
            } => {
                let Some(date) = day_date(*day) else {
                    return refuse(format!("there is no day {}", day + 1));
                };
                let Some(p) = self.participant(participant) else {
                    return refuse(format!("no participant has the id `{participant}`"));
                };
                if self.is_withdrawn(participant) {
                    return refuse(format!(
                        "{} has withdrawn; press W to bring them back first",
                        p.name
                    ));
                }
                if let Some(problem) = self.time_outside_day(*day, mark.as_ref()) {
                    return refuse(problem);
                }
                Event::Marked {
                    day: date,
                    participants: vec![participant.clone()],
                    mark: mark.clone(),
                }
            }
            AttendanceCommand::MarkAllPresent { day } => {
                let Some(date) = day_date(*day) else {
                    return refuse(format!("there is no day {}", day + 1));
                };
                let unmarked: Vec<String> = self
                    .participants()
                    .iter()
                    .filter(|p| !self.is_withdrawn(&p.id) && self.mark(&p.id, *day).is_none())
                    .map(|p| p.id.clone())
                    .collect();
                if unmarked.is_empty() {
                    return refuse(format!("everyone already has a mark on day {}", day + 1));
                }
                Event::Marked {
                    day: date,
                    participants: unmarked,
                    mark: Some(Mark::Present),
                }
            }
            AttendanceCommand::AddParticipant(new) => {
                return self.decide_add(new);
            }
            AttendanceCommand::EditParticipant(changed) => {
                return self.decide_edit(changed);
            }
            AttendanceCommand::ToggleWithdrawn(participant) => {
                if self.participant(participant).is_none() {
                    return refuse(format!("no participant has the id `{participant}`"));
                }
                Event::ParticipantWithdrawn {
                    participant: participant.clone(),
                    withdrawn: !self.is_withdrawn(participant),
                }
            }
            AttendanceCommand::HeadCount { item, count } => {
                self.attendance_item(item)?;
                Event::HeadCounted {
                    item: item.clone(),
                    count: *count,
                }
            }
            AttendanceCommand::ToggleItemAttendance { item, participant } => {
                self.attendance_item(item)?;
                if self.participant(participant).is_none() {
                    return refuse(format!("no participant has the id `{participant}`"));
                }
                Event::ItemAttended {
                    item: item.clone(),
                    participant: participant.clone(),
                    present: !self.attended_item(item, participant),
                }
            }
        })
    }

    /// The item with this id, if the plan takes attendance for it.
    fn attendance_item(&self, id: &str) -> Result<&crate::plan::Item, Refusal> {
        let Some((_, item)) = self.find_item(id) else {
            return Err(Refusal(format!("no item has the id `{id}`")));
        };
        if item.attendance {
            Ok(item)
        } else {
            Err(Refusal(format!(
                "the plan takes no attendance for \"{}\"",
                item.title
            )))
        }
    }

    fn decide_add(&self, new: &Participant) -> Result<Event, Refusal> {
        if let Some(problem) = participant_problems(new).into_iter().next() {
            return Err(Refusal(format!("{}: {}", problem.field, problem.message)));
        }
        // `jeju` is the roster's `Jeju`: one delegation, in the roster's spelling.
        let mut new = new.clone();
        self.spellings().settle(&mut new);
        let new = &new;
        if let Some(same) = self.same_person(&new.name, &new.organisation, &new.city) {
            return Err(Refusal(format!(
                "{} is already on the roster as {}",
                same.name, same.id
            )));
        }
        let participant = Participant {
            id: self.next_participant_id(&[]),
            ..new.clone()
        };
        Ok(Event::ParticipantsAdded {
            source: "walk-in".to_owned(),
            participants: vec![participant],
        })
    }

    fn decide_edit(&self, changed: &Participant) -> Result<Event, Refusal> {
        let Some(current) = self.participant(&changed.id) else {
            return Err(Refusal(format!(
                "no participant has the id `{}`",
                changed.id
            )));
        };
        if let Some(problem) = participant_problems(changed).into_iter().next() {
            return Err(Refusal(format!("{}: {}", problem.field, problem.message)));
        }
        // The others' spelling of the place; a person alone in theirs may respell it.
        let mut changed = changed.clone();
        Spellings::of(self.participants().iter().filter(|p| p.id != changed.id))
            .settle(&mut changed);
        if *current == changed {
            return Err(Refusal("nothing was changed".to_owned()));
        }
        Ok(Event::ParticipantEdited {
            participant: changed,
        })
    }
}
