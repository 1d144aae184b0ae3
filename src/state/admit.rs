//! Whether an event read from elsewhere (an import) is one the app could have recorded
//! here: every person, item, city, criterion, exercise, group and earlier event it names
//! exists, and every number is in range. The app's own events come from `decide`, which
//! checks more (what may be done now); this is what any event must hold to be folded.

use std::collections::HashSet;

use super::{History, State};
use crate::event::{Event, FormedGroup, Recorded, Score};
use crate::plan::{Participant, participant_problems};

/// The most a tally of paper forms may add at once: far above any room's, far below a
/// counter's limit.
const MOST_FORMS: u32 = 10_000;
/// The most minutes an item may be planned for: a whole day.
const MOST_MINUTES: u32 = 24 * 60;

impl History {
    /// Why `recorded` could not have been recorded in this run as it stands, in words;
    /// `Ok` when it could.
    pub fn admits(&self, recorded: &Recorded) -> Result<(), String> {
        if let Event::Undone { target } = recorded.event
            && self.is_undone(target)
        {
            return Err(format!("event {target} is undone already"));
        }
        self.state.admits(recorded)
    }
}

impl State {
    /// Why `recorded` could not have been recorded in this run as it stands, in words;
    /// `Ok` when it could.
    // One exhaustive match over every kind of event, so that a new kind cannot be left
    // unchecked: long, but read top to bottom.
    #[allow(clippy::too_many_lines)]
    fn admits(&self, recorded: &Recorded) -> Result<(), String> {
        match &recorded.event {
            Event::ParticipantsAdded { participants, .. } => self.new_people(participants),
            Event::ParticipantEdited { participant } => {
                self.known_person(&participant.id)?;
                match participant_problems(participant).into_iter().next() {
                    Some(problem) => Err(format!("{}: {}", participant.id, problem.message)),
                    None => Ok(()),
                }
            }
            Event::ItemStarted { item }
            | Event::ItemSkipped { item }
            | Event::ItemUnskipped { item }
            | Event::NoteAdded { item, .. }
            | Event::HeadCounted { item, .. } => self.known_item(item),
            Event::DurationSet { item, minutes } => {
                self.known_item(item)?;
                in_range("minutes", *minutes, MOST_MINUTES)
            }
            Event::ItemAdded { .. } | Event::ItemMoved { .. } | Event::ItemEdited { .. } => {
                self.admit_reshape(&recorded.event)
            }
            Event::ItemStopped
            | Event::ClockPaused
            | Event::ClockResumed
            | Event::MessageSet { .. } => Ok(()),
            Event::Marked {
                day, participants, ..
            } => {
                if !self.plan().days.iter().any(|d| d.date == *day) {
                    return Err(format!("the plan has no day {day}"));
                }
                participants.iter().try_for_each(|p| self.known_person(p))
            }
            Event::ParticipantWithdrawn { participant, .. } => self.known_person(participant),
            Event::ItemAttended {
                item, participant, ..
            } => {
                self.known_item(item)?;
                self.known_person(participant)
            }
            Event::Assessed {
                rater,
                city,
                criterion,
                level,
            } => self.known_score(&Score {
                rater: rater.clone(),
                city: city.clone(),
                criterion: criterion.clone(),
                level: *level,
                note: None,
            }),
            Event::EvidenceNoted {
                city, criterion, ..
            }
            | Event::Flagged {
                city, criterion, ..
            } => self.known_score(&Score {
                rater: None,
                city: city.clone(),
                criterion: criterion.clone(),
                level: 0,
                note: None,
            }),
            Event::ScoresImported { scores, .. } => {
                scores.iter().try_for_each(|s| self.known_score(s))
            }
            Event::DeviceAssessed { form, scores, .. } => {
                if self.sent_form(form) {
                    return Err(format!("the form `{form}` was received already"));
                }
                scores.iter().try_for_each(|s| self.known_score(s))
            }
            Event::Distilled { city, criteria, .. } => {
                self.known_city(city)?;
                criteria
                    .iter()
                    .try_for_each(|c| self.known_criterion(c).map(|_| ()).map_err(|r| r.0))
            }
            Event::ActionPlanned { city, action } => {
                self.known_city(city)?;
                if action.criterion.is_empty() {
                    Ok(())
                } else {
                    self.known_criterion(&action.criterion)
                        .map(|_| ())
                        .map_err(|r| r.0)
                }
            }
            Event::DistillationEdited {
                entry, criteria, ..
            } => {
                earlier_event(*entry, recorded.seq)?;
                criteria
                    .iter()
                    .try_for_each(|c| self.known_criterion(c).map(|_| ()).map_err(|r| r.0))
            }
            Event::ActionRevised { action, revised } => {
                earlier_event(*action, recorded.seq)?;
                self.known_criterion(&revised.criterion)
                    .map(|_| ())
                    .map_err(|r| r.0)
            }
            Event::DistillationRemoved { entry: earlier }
            | Event::ActionStatusSet {
                action: earlier, ..
            }
            | Event::ActionRemoved { action: earlier } => earlier_event(*earlier, recorded.seq),
            Event::GroupsFormed { exercise, groups } => {
                if let Some(exercise) = exercise {
                    self.exercise(exercise).map_err(|r| r.0)?;
                }
                self.new_groups(groups)
            }
            Event::GroupRenamed { exercise, .. } => match exercise {
                Some(exercise) => self.exercise(exercise).map(|_| ()).map_err(|r| r.0),
                None => Ok(()),
            },
            Event::MemberMoved {
                exercise,
                participant,
                ..
            } => {
                if let Some(exercise) = exercise {
                    self.exercise(exercise).map_err(|r| r.0)?;
                }
                self.known_person(participant)
            }
            Event::Scored {
                exercise,
                criterion,
                points,
                ..
            } => self.known_points(exercise, criterion, *points),
            Event::ChecklistLineAdded { exercise, .. } => {
                self.exercise(exercise).map(|_| ()).map_err(|r| r.0)
            }
            Event::ReferenceTicked { exercise, item, .. } => {
                let found = self.exercise(exercise).map_err(|r| r.0)?;
                if found.checklist.iter().any(|c| &c.id == item) {
                    Ok(())
                } else {
                    Err(format!("the checklist has no item `{item}`"))
                }
            }
            Event::FeedbackGiven { form } => {
                form.answers.iter().try_for_each(|(question, answer)| {
                    self.known_question(question).map_err(|r| r.0)?;
                    if (1..=5).contains(answer) {
                        Ok(())
                    } else {
                        Err(format!("an answer of {answer}, not 1 to 5"))
                    }
                })
            }
            Event::FeedbackTallied { question, counts } => {
                self.known_question(question).map_err(|r| r.0)?;
                counts
                    .iter()
                    .try_for_each(|count| in_range("a tally", *count, MOST_FORMS))
            }
            // Whether it was undone already is the history's to say.
            Event::Undone { target } => earlier_event(*target, recorded.seq),
        }
    }

    /// People added: each with an id no one has, and the fields a roster needs.
    fn new_people(&self, participants: &[Participant]) -> Result<(), String> {
        let mut ids = HashSet::new();
        for p in participants {
            if p.id.trim().is_empty() {
                return Err(format!("{} has no id", p.name));
            }
            if let Some(holder) = self.participant(&p.id) {
                return Err(format!("`{}` already belongs to {}", p.id, holder.name));
            }
            if !ids.insert(p.id.as_str()) {
                return Err(format!("`{}` is added twice", p.id));
            }
            if let Some(problem) = participant_problems(p).into_iter().next() {
                return Err(format!("{}: {}", p.id, problem.message));
            }
        }
        Ok(())
    }

    /// Groups formed: of people on the roster, nobody in two.
    fn new_groups(&self, groups: &[FormedGroup]) -> Result<(), String> {
        let mut seen = HashSet::new();
        for member in groups.iter().flat_map(|g| &g.members) {
            self.known_person(member)?;
            if !seen.insert(member) {
                return Err(format!("{member} is in two groups"));
            }
        }
        Ok(())
    }

    /// Points on a rubric criterion of an exercise, within its maximum.
    fn known_points(&self, exercise: &str, criterion: &str, points: u32) -> Result<(), String> {
        let found = self.exercise(exercise).map_err(|r| r.0)?;
        let rubric = found
            .rubric
            .iter()
            .find(|c| c.id == criterion)
            .ok_or_else(|| format!("the rubric has no criterion `{criterion}`"))?;
        in_range("points", points, rubric.max_points)
    }

    fn known_person(&self, id: &str) -> Result<(), String> {
        self.participant(id)
            .map(|_| ())
            .ok_or_else(|| format!("no participant has the id `{id}`"))
    }

    pub(super) fn known_item(&self, id: &str) -> Result<(), String> {
        self.find_item(id)
            .map(|_| ())
            .ok_or_else(|| format!("no agenda item has the id `{id}`"))
    }

    fn known_city(&self, city: &str) -> Result<(), String> {
        self.find_city(city)
            .map(|_| ())
            .ok_or_else(|| format!("no participating city is called `{city}`"))
    }

    fn known_score(&self, score: &Score) -> Result<(), String> {
        self.check_score(score).map(|_| ()).map_err(|r| r.0)
    }
}

fn in_range(what: &str, value: u32, most: u32) -> Result<(), String> {
    if value <= most {
        Ok(())
    } else {
        Err(format!("{what} of {value}, more than {most}"))
    }
}

fn earlier_event(target: u64, seq: u64) -> Result<(), String> {
    if target >= 1 && target < seq {
        Ok(())
    } else {
        Err(format!(
            "it names event {target}, which does not come before it"
        ))
    }
}
