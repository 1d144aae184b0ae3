//! Deciding CityShare commands: a level checked against the plan and the scale (also for
//! levels imported from a spreadsheet), evidence and flags.

use crate::event::{Event, Score};
use crate::state::{AssessmentCommand, Refusal, State};

impl State {
    /// Checks one level against the plan: known cities and criterion, a level on the scale
    /// (or 0), and no city rating itself as a peer. Returns the canonical score.
    pub fn check_score(&self, score: &Score) -> Result<Score, Refusal> {
        let city = self
            .find_city(&score.city)
            .ok_or_else(|| Refusal(format!("no participating city is called `{}`", score.city)))?;
        let rater = match score.rater.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(r) => Some(
                self.find_city(r)
                    .ok_or_else(|| Refusal(format!("no participating city is called `{r}`")))?,
            ),
            None => None,
        };
        if rater.as_deref() == Some(city.as_str()) {
            return Err(Refusal(format!(
                "{city} cannot rate itself as a peer; its own level is its self-assessment"
            )));
        }
        let framework = self.plan().framework();
        if !framework.criteria.iter().any(|c| c.id == score.criterion) {
            let known: Vec<&str> = framework.criteria.iter().map(|c| c.id.as_str()).collect();
            return Err(Refusal(format!(
                "no criterion has the id `{}` (the criteria are {})",
                score.criterion,
                known.join(", ")
            )));
        }
        if score.level != 0
            && !framework
                .scale
                .levels
                .iter()
                .any(|l| l.value == score.level)
        {
            let values: Vec<String> = framework
                .scale
                .levels
                .iter()
                .map(|l| l.value.to_string())
                .collect();
            return Err(Refusal(format!(
                "level {} is not on the scale ({}, or 0 for unknown)",
                score.level,
                values.join(", ")
            )));
        }
        Ok(Score {
            rater,
            city,
            criterion: score.criterion.clone(),
            level: score.level,
            note: score.note.clone(),
        })
    }

    /// The event for an assessment command, if `command` is one.
    pub(in crate::state) fn decide_assessment(
        &self,
        command: &AssessmentCommand,
    ) -> Result<Event, Refusal> {
        match command {
            AssessmentCommand::Assess {
                rater,
                city,
                criterion,
                level,
            } => self
                .check_score(&Score {
                    rater: rater.clone(),
                    city: city.clone(),
                    criterion: criterion.clone(),
                    level: *level,
                    note: None,
                })
                .map(|s| Event::Assessed {
                    rater: s.rater,
                    city: s.city,
                    criterion: s.criterion,
                    level: s.level,
                }),
            AssessmentCommand::NoteEvidence {
                city,
                criterion,
                text,
            } => {
                let text = text.trim();
                if text.is_empty() {
                    Err(Refusal("an empty note is not saved".to_owned()))
                } else {
                    self.check_score(&Score {
                        rater: None,
                        city: city.clone(),
                        criterion: criterion.clone(),
                        level: 0,
                        note: None,
                    })
                    .map(|s| Event::EvidenceNoted {
                        city: s.city,
                        criterion: s.criterion,
                        text: text.to_owned(),
                    })
                }
            }
            AssessmentCommand::ToggleFlag {
                city,
                criterion,
                flag,
            } => self
                .check_score(&Score {
                    rater: None,
                    city: city.clone(),
                    criterion: criterion.clone(),
                    level: 0,
                    note: None,
                })
                .map(|s| {
                    let on = !self.is_flagged(&s.city, &s.criterion, *flag);
                    Event::Flagged {
                        city: s.city,
                        criterion: s.criterion,
                        flag: *flag,
                        on,
                    }
                }),
            AssessmentCommand::FromDevice {
                device,
                form,
                scores,
            } => self.decide_device_assessment(device, form, scores),
        }
    }

    /// A phone's self-assessment: every level checked as a key press's is, evidence
    /// trimmed, and a form already received refused as [`ALREADY_RECEIVED`].
    fn decide_device_assessment(
        &self,
        device: &str,
        form: &str,
        scores: &[Score],
    ) -> Result<Event, Refusal> {
        if self.folded.assessment.forms.contains(form) {
            return Err(Refusal(ALREADY_RECEIVED.to_owned()));
        }
        if scores.is_empty() {
            return Err(Refusal("no level was chosen".to_owned()));
        }
        let mut checked = Vec::with_capacity(scores.len());
        for score in scores {
            // A city rating itself as a peer is refused here, as from the keyboard.
            let mut score = self.check_score(score)?;
            score.note = score
                .note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            checked.push(score);
        }
        Ok(Event::DeviceAssessed {
            device: device.to_owned(),
            form: form.to_owned(),
            scores: checked,
        })
    }
}

/// The refusal of a form received already: a resend after a dropped connection, thanked
/// again and not counted twice.
pub const ALREADY_RECEIVED: &str = "this form was received already";
