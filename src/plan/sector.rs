//! The sector a participant works in, read case-insensitively.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a participant works; the seeds' audience is government officials and NGO staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sector {
    Government,
    Ngo,
    InternationalOrganisation,
    Academia,
    Other,
}

impl Sector {
    /// Every sector, in the order forms list them.
    pub const ALL: [Sector; 5] = [
        Sector::Government,
        Sector::Ngo,
        Sector::InternationalOrganisation,
        Sector::Academia,
        Sector::Other,
    ];

    /// The canonical spelling used in plan files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Government => "government",
            Sector::Ngo => "ngo",
            Sector::InternationalOrganisation => "international organisation",
            Sector::Academia => "academia",
            Sector::Other => "other",
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sector {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        // US spelling and the hyphenated form are what people type in spreadsheets.
        let folded = folded
            .replace("organization", "organisation")
            .replace('-', " ");
        Sector::ALL
            .into_iter()
            .find(|sector| sector.as_str() == folded)
            .ok_or_else(|| {
                format!(
                    "unknown sector `{s}`: expected one of government, ngo, international organisation, academia, other"
                )
            })
    }
}

impl Serialize for Sector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::as_text::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for Sector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::as_text::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_any_case_and_spacing() {
        assert_eq!("NGO".parse::<Sector>().unwrap(), Sector::Ngo);
        assert_eq!(
            " Government ".parse::<Sector>().unwrap(),
            Sector::Government
        );
        assert_eq!(
            "International  Organization".parse::<Sector>().unwrap(),
            Sector::InternationalOrganisation
        );
        assert_eq!("academia".parse::<Sector>().unwrap(), Sector::Academia);
    }

    #[test]
    fn names_the_choices_when_it_refuses() {
        let err = "govt".parse::<Sector>().unwrap_err();
        assert!(
            err.contains("`govt`") && err.contains("international organisation"),
            "{err}"
        );
    }
}
