//! CityShare: each city's self-assessment on the framework's criteria, the ratings cities
//! give each other, evidence and flags; and the comparisons drawn from them. A missing level
//! is missing, never zero, and averages leave out both missing and "unknown" (level 0).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::State;
use crate::event::{Event, Flag};

/// Levels, evidence and flags as recorded so far.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Assessment {
    /// Each city's own levels: city -> criterion -> level. Nested by name so that a lookup
    /// borrows its keys instead of building them.
    own: HashMap<String, HashMap<String, u8>>,
    /// The levels other cities gave: rated city -> criterion -> rater -> level.
    peers: HashMap<String, HashMap<String, BTreeMap<String, u8>>>,
    /// How many levels each rater city has given others, so that a round's completion
    /// needs no pass over every rating on every frame.
    given_by: HashMap<String, usize>,
    pub(super) evidence: HashMap<(String, String), Vec<String>>,
    pub(super) flags: HashSet<(String, String, Flag)>,
    /// The ids of the forms phones sent, so a resend is known.
    pub(super) forms: HashSet<String>,
    /// The phone each level came from, where it came from one: (rater, city, criterion).
    origins: HashMap<(Option<String>, String, String), String>,
}

/// Which figure a comparison shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lens {
    /// The city's own level.
    SelfAssessed,
    /// The mean of the other cities' ratings.
    Peers,
    /// Own level minus the peers' mean.
    Gap,
}

/// How far a round of ratings has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Per city: criteria it has not yet assessed itself on.
    pub self_missing: Vec<(String, usize)>,
    /// Per rater city: (rated city, criterion) pairs it has not yet rated.
    pub peer_missing: Vec<(String, usize)>,
}

/// A mean of known levels; `None` when there are none.
fn mean(levels: impl Iterator<Item = u8>) -> Option<f64> {
    let known: Vec<f64> = levels.filter(|l| *l > 0).map(f64::from).collect();
    #[allow(clippy::cast_precision_loss)] // a handful of ratings
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

mod decide;

pub use decide::ALREADY_RECEIVED;

impl State {
    /// The phone a level came from ("Bangkok 1"), if it came from one: `rater` none for
    /// the city's own level.
    pub fn level_origin(&self, rater: Option<&str>, city: &str, criterion: &str) -> Option<&str> {
        self.folded
            .assessment
            .origins
            .get(&(
                rater.map(str::to_owned),
                city.to_owned(),
                criterion.to_owned(),
            ))
            .map(String::as_str)
    }

    /// Whether a phone's form with this id has been received.
    pub fn sent_form(&self, form: &str) -> bool {
        self.folded.assessment.forms.contains(form)
    }

    /// The cities taking part: the distinct cities of the roster, in roster order.
    pub fn cities(&self) -> &[String] {
        &self.cities
    }

    /// Recomputes [`State::cities`]; called whenever the roster or a withdrawal changes.
    pub(super) fn refresh_cities(&mut self) {
        // One city however it was typed (runs recorded before spellings were settled).
        let mut seen = HashSet::new();
        let cities = self
            .folded
            .participants
            .iter()
            .filter(|p| !self.is_withdrawn(&p.id) && seen.insert(super::place_key(&p.city)))
            .map(|p| p.city.clone())
            .collect();
        self.cities = cities;
    }

    /// The city of this name, matched without regard to case, accents or spacing.
    pub fn find_city(&self, name: &str) -> Option<String> {
        let wanted = super::place_key(name);
        self.cities()
            .iter()
            .find(|c| super::place_key(c) == wanted)
            .cloned()
    }

    /// A level as recorded: `rater` `None` for the city's own.
    pub fn level(&self, rater: Option<&str>, city: &str, criterion: &str) -> Option<u8> {
        match rater {
            None => self
                .folded
                .assessment
                .own
                .get(city)?
                .get(criterion)
                .copied(),
            Some(rater) => self
                .folded
                .assessment
                .peers
                .get(city)?
                .get(criterion)?
                .get(rater)
                .copied(),
        }
    }

    /// The city's own level on a criterion (0 = unknown), if assessed.
    pub fn self_level(&self, city: &str, criterion: &str) -> Option<u8> {
        self.level(None, city, criterion)
    }

    /// The mean of the other cities' known ratings of `city` on `criterion`.
    pub fn peer_average(&self, city: &str, criterion: &str) -> Option<f64> {
        let ratings = self.folded.assessment.peers.get(city)?.get(criterion)?;
        mean(ratings.values().copied())
    }

    /// Own level minus the peers' mean, when both are known.
    pub fn gap(&self, city: &str, criterion: &str) -> Option<f64> {
        let own = self.self_level(city, criterion).filter(|l| *l > 0)?;
        Some(f64::from(own) - self.peer_average(city, criterion)?)
    }

    /// Whether the city rates itself a level or more above its peers' mean.
    pub fn rates_itself_higher(&self, city: &str, criterion: &str) -> bool {
        self.gap(city, criterion).is_some_and(|g| g >= 1.0)
    }

    /// The figure `lens` shows for one city and criterion.
    pub fn figure(&self, lens: Lens, city: &str, criterion: &str) -> Option<f64> {
        match lens {
            Lens::SelfAssessed => self
                .self_level(city, criterion)
                .filter(|l| *l > 0)
                .map(f64::from),
            Lens::Peers => self.peer_average(city, criterion),
            Lens::Gap => self.gap(city, criterion),
        }
    }

    /// The mean over cities of `lens` on a criterion: the regional average row.
    pub fn regional_average(&self, lens: Lens, criterion: &str) -> Option<f64> {
        let figures: Vec<f64> = self
            .cities()
            .iter()
            .filter_map(|c| self.figure(lens, c, criterion))
            .collect();
        #[allow(clippy::cast_precision_loss)] // a few dozen cities
        (!figures.is_empty()).then(|| figures.iter().sum::<f64>() / figures.len() as f64)
    }

    /// A city's mean over the criteria it has a figure for under `lens`.
    pub fn city_mean(&self, lens: Lens, city: &str) -> Option<f64> {
        let figures: Vec<f64> = self
            .plan()
            .framework()
            .criteria
            .iter()
            .filter_map(|c| self.figure(lens, city, &c.id))
            .collect();
        #[allow(clippy::cast_precision_loss)] // nine or so criteria
        (!figures.is_empty()).then(|| figures.iter().sum::<f64>() / figures.len() as f64)
    }

    /// Cities ordered by `lens` on `criterion` (or by their mean over all criteria when
    /// `None`), highest first; cities without a figure come last, in roster order.
    pub fn cities_ranked(&self, lens: Lens, criterion: Option<&str>) -> Vec<String> {
        let mut cities: Vec<(String, Option<f64>)> = self
            .cities()
            .iter()
            .map(|c| {
                let figure = match criterion {
                    Some(criterion) => self.figure(lens, c, criterion),
                    None => self.city_mean(lens, c),
                };
                (c.clone(), figure)
            })
            .collect();
        cities.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        cities.into_iter().map(|(c, _)| c).collect()
    }

    /// Evidence notes for a city's own level on a criterion, oldest first.
    pub fn evidence(&self, city: &str, criterion: &str) -> &[String] {
        self.folded
            .assessment
            .evidence
            .get(&(city.to_owned(), criterion.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a city has flagged a criterion.
    pub fn is_flagged(&self, city: &str, criterion: &str, flag: Flag) -> bool {
        self.folded
            .assessment
            .flags
            .contains(&(city.to_owned(), criterion.to_owned(), flag))
    }

    /// Who still has levels to give in this round. Levels only ever pass the plan's checks
    /// (a known criterion, no city rating itself), so the counts kept as they are given
    /// hold, less those given to cities no longer taking part: the cost does not grow with
    /// the ratings.
    pub fn completion(&self) -> Completion {
        let cities = self.cities();
        let framework = self.plan().framework();
        let criteria: HashSet<&str> = framework.criteria.iter().map(|c| c.id.as_str()).collect();
        let place: HashMap<&str, usize> = cities
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let assessment = &self.folded.assessment;
        let own_given: Vec<usize> = cities
            .iter()
            .map(|city| {
                assessment.own.get(city).map_or(0, |levels| {
                    levels
                        .keys()
                        .filter(|c| criteria.contains(c.as_str()))
                        .count()
                })
            })
            .collect();
        let mut peer_given: Vec<usize> = cities
            .iter()
            .map(|city| assessment.given_by.get(city).copied().unwrap_or(0))
            .collect();
        let gone = assessment
            .peers
            .iter()
            .filter(|(rated, _)| !place.contains_key(rated.as_str()));
        for (_, by_criterion) in gone {
            for rater in by_criterion.values().flat_map(BTreeMap::keys) {
                if let Some(&by) = place.get(rater.as_str()) {
                    peer_given[by] = peer_given[by].saturating_sub(1);
                }
            }
        }
        let per_city = criteria.len();
        let per_rater = per_city * cities.len().saturating_sub(1);
        Completion {
            self_missing: cities
                .iter()
                .zip(&own_given)
                .map(|(c, given)| (c.clone(), per_city.saturating_sub(*given)))
                .collect(),
            peer_missing: cities
                .iter()
                .zip(&peer_given)
                .map(|(c, given)| (c.clone(), per_rater.saturating_sub(*given)))
                .collect(),
        }
    }

    fn set_level(&mut self, rater: Option<&String>, city: &str, criterion: &str, level: u8) {
        let assessment = &mut self.folded.assessment;
        match rater {
            None => {
                assessment
                    .own
                    .entry(city.to_owned())
                    .or_default()
                    .insert(criterion.to_owned(), level);
            }
            Some(rater) => {
                let first = assessment
                    .peers
                    .entry(city.to_owned())
                    .or_default()
                    .entry(criterion.to_owned())
                    .or_default()
                    .insert(rater.clone(), level)
                    .is_none();
                if first {
                    *assessment.given_by.entry(rater.clone()).or_default() += 1;
                }
            }
        }
    }

    pub(super) fn assessment_effect(&mut self, event: &Event) {
        match event {
            Event::Assessed {
                rater,
                city,
                criterion,
                level,
            } => {
                // A level typed at the keyboard is the facilitator's, wherever it was before.
                let key = (rater.clone(), city.clone(), criterion.clone());
                self.folded.assessment.origins.remove(&key);
                self.set_level(rater.as_ref(), city, criterion, *level);
            }
            Event::EvidenceNoted {
                city,
                criterion,
                text,
            } => {
                self.folded
                    .assessment
                    .evidence
                    .entry((city.clone(), criterion.clone()))
                    .or_default()
                    .push(text.clone());
            }
            Event::Flagged {
                city,
                criterion,
                flag,
                on,
            } => {
                let key = (city.clone(), criterion.clone(), *flag);
                if *on {
                    self.folded.assessment.flags.insert(key);
                } else {
                    self.folded.assessment.flags.remove(&key);
                }
            }
            Event::ScoresImported { scores, .. } | Event::DeviceAssessed { scores, .. } => {
                let device = match event {
                    Event::DeviceAssessed { form, device, .. } => {
                        self.folded.assessment.forms.insert(form.clone());
                        Some(device)
                    }
                    _ => None,
                };
                for s in scores {
                    let key = (s.rater.clone(), s.city.clone(), s.criterion.clone());
                    match device {
                        Some(device) => {
                            self.folded.assessment.origins.insert(key, device.clone());
                        }
                        None => {
                            self.folded.assessment.origins.remove(&key);
                        }
                    }
                    self.set_level(s.rater.as_ref(), &s.city, &s.criterion, s.level);
                    if let (None, Some(note)) = (&s.rater, &s.note) {
                        self.folded
                            .assessment
                            .evidence
                            .entry((s.city.clone(), s.criterion.clone()))
                            .or_default()
                            .push(note.clone());
                    }
                }
            }
            _ => {}
        }
    }
}
