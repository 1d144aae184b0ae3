//! Cities and countries are one delegation however they are typed: `jeju`, ` Jeju ` and
//! `JEJU` are the roster's `Jeju`. A place is compared by its search key (case and Latin
//! accents ignored, spaces collapsed), and kept in the spelling it was first given.

use std::collections::HashMap;

use super::State;
use crate::plan::Participant;
use crate::search::search_key;

/// How two spellings of a place are compared.
pub fn place_key(place: &str) -> String {
    search_key(&tidy(place))
}

/// `place` without spaces around it, and one space between its words.
fn tidy(place: &str) -> String {
    place.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spellings of the cities and countries known so far, by [`place_key`].
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    cities: HashMap<String, String>,
    countries: HashMap<String, String>,
}

impl Spellings {
    /// The spellings `people` use, the first of each kept.
    pub fn of<'a>(people: impl IntoIterator<Item = &'a Participant>) -> Self {
        let mut spellings = Self::default();
        for p in people {
            spellings.learn(&p.city, &p.country);
        }
        spellings
    }

    fn learn(&mut self, city: &str, country: &str) {
        if !city.trim().is_empty() {
            self.cities
                .entry(place_key(city))
                .or_insert_with(|| tidy(city));
        }
        if !country.trim().is_empty() {
            self.countries
                .entry(place_key(country))
                .or_insert_with(|| tidy(country));
        }
    }

    /// Gives `person` the known spelling of their city and country (a new one, tidied of
    /// extra spaces, becomes known for those after them).
    pub fn settle(&mut self, person: &mut Participant) {
        self.learn(&person.city, &person.country);
        if let Some(city) = self.cities.get(&place_key(&person.city)) {
            person.city.clone_from(city);
        }
        if let Some(country) = self.countries.get(&place_key(&person.country)) {
            person.country.clone_from(country);
        }
    }

    /// The known cities whose key starts with the key of `typed`, in alphabetical order:
    /// what a form offers as the city is typed.
    pub fn cities_like(&self, typed: &str) -> Vec<&str> {
        Self::like(&self.cities, typed)
    }

    /// As [`Spellings::cities_like`], for countries.
    pub fn countries_like(&self, typed: &str) -> Vec<&str> {
        Self::like(&self.countries, typed)
    }

    fn like<'a>(known: &'a HashMap<String, String>, typed: &str) -> Vec<&'a str> {
        let key = place_key(typed);
        let mut like: Vec<&str> = known
            .iter()
            .filter(|(k, _)| k.starts_with(&key))
            .map(|(_, spelling)| spelling.as_str())
            .collect();
        like.sort_unstable();
        like
    }
}

impl State {
    /// The spellings of the places on the roster (everyone's, withdrawn people's too).
    pub fn spellings(&self) -> Spellings {
        Spellings::of(self.participants())
    }
}
