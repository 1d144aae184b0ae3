//! Column headings that fit the width a table has: the full labels where every one fits,
//! else short ones that still tell the columns apart (initials, or the shortest distinct
//! beginnings), else numbers; with a legend to read the short ones by.

use crate::text::{truncate, width};

/// Headings for a table's columns, and the legend they need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headings {
    pub labels: Vec<String>,
    /// "GA Group A", "TM Team Mekong": the legend's entries, when the labels are not the
    /// full ones.
    pub pieces: Option<Vec<String>>,
}

impl Headings {
    /// Headings for columns labelled `full`, each label at most `room` columns wide.
    pub fn fit(full: &[&str], room: usize) -> Self {
        Self::fit_named(full, full, room)
    }

    /// As [`Headings::fit`], with the legend giving each column's `names` (a criterion's
    /// title, where its label is its id).
    pub fn fit_named(full: &[&str], names: &[&str], room: usize) -> Self {
        if full.iter().all(|l| width(l) <= room) {
            return Self {
                labels: full.iter().map(|l| (*l).to_owned()).collect(),
                pieces: None,
            };
        }
        let labels = [initials(full), beginnings(full, room)]
            .into_iter()
            .flatten()
            .find(|labels| labels.iter().all(|l| width(l) <= room))
            .unwrap_or_else(|| (1..=full.len()).map(|n| n.to_string()).collect());
        let pieces = labels
            .iter()
            .zip(names)
            .map(|(short, long)| format!("{short} {long}"))
            .collect();
        Self {
            labels,
            pieces: Some(pieces),
        }
    }

    /// The legend as lines of at most `w` columns, no more than `most` of them.
    pub fn legend_lines(&self, w: usize, most: usize) -> Vec<String> {
        let Some(pieces) = &self.pieces else {
            return Vec::new();
        };
        pack("", pieces, w, most)
    }
}

/// `pieces` after `lead`, joined by " · " into lines of at most `w` columns (each line
/// starting with a space), never one piece cut across two lines; past `most` lines, the last
/// says how many pieces it leaves out.
pub fn pack(lead: &str, pieces: &[String], w: usize, most: usize) -> Vec<String> {
    let room = w.saturating_sub(1);
    let joined = |lead: &str, line: &[&str]| {
        let body = line.join(" · ");
        match (lead.is_empty(), body.is_empty()) {
            (true, _) => body,
            (false, true) => lead.to_owned(),
            (false, false) => format!("{lead} {body}"),
        }
    };
    let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
    let mut left = 0;
    for (i, piece) in pieces.iter().enumerate() {
        let lead = if lines.len() == 1 { lead } else { "" };
        let last = lines.len() - 1;
        let mut grown = lines[last].clone();
        grown.push(piece);
        if width(&joined(lead, &grown)) <= room || lines[last].is_empty() && lead.is_empty() {
            lines[last] = grown;
        } else if lines.len() < most.max(1) {
            lines.push(vec![piece]);
        } else {
            left = pieces.len() - i;
            break;
        }
    }
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(n, mut line)| {
            let lead = if n == 0 { lead } else { "" };
            if n + 1 < count || left == 0 {
                return truncate(&format!(" {}", joined(lead, &line)), w);
            }
            // The last line gives up whole pieces until it can say how many are left out.
            let mut left = left;
            loop {
                let text = format!(" {} … {left} more", joined(lead, &line));
                if width(&text) <= w || line.is_empty() {
                    return truncate(&text, w);
                }
                line.pop();
                left += 1;
            }
        })
        .collect()
}

/// Each label's initials ("Team Mekong" → "TM"), if they tell every column apart and
/// some label has more than one word.
fn initials(full: &[&str]) -> Option<Vec<String>> {
    let labels: Vec<String> = full
        .iter()
        .map(|l| {
            l.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .filter_map(|word| word.chars().next())
                .flat_map(char::to_uppercase)
                .collect()
        })
        .collect();
    let several_words = labels.iter().any(|l| l.chars().count() > 1);
    (several_words && distinct(&labels)).then_some(labels)
}

/// The first `room` characters of each label, if they tell every column apart.
fn beginnings(full: &[&str], room: usize) -> Option<Vec<String>> {
    let labels: Vec<String> = full
        .iter()
        .map(|l| {
            l.chars()
                .take(room)
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    distinct(&labels).then_some(labels)
}

fn distinct(labels: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    labels
        .iter()
        .all(|l| !l.is_empty() && seen.insert(l.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_labels_where_they_fit() {
        let headings = Headings::fit(&["Group A", "Team Mekong"], 11);
        assert_eq!(headings.labels, ["Group A", "Team Mekong"]);
        assert_eq!(headings.pieces, None);
    }

    #[test]
    fn groups_are_told_apart_by_their_initials() {
        let headings = Headings::fit(&["Group A", "Team Mekong", "Group C", "Group D"], 4);
        assert_eq!(headings.labels, ["GA", "TM", "GC", "GD"]);
        assert_eq!(
            headings.legend_lines(80, 2),
            [" GA Group A · TM Team Mekong · GC Group C · GD Group D"]
        );
    }

    #[test]
    fn criteria_by_their_distinct_beginnings_else_numbers() {
        let ids = ["policy", "prevention", "identification", "data"];
        assert_eq!(
            Headings::fit(&ids, 4).labels,
            ["poli", "prev", "iden", "data"]
        );
        assert_eq!(
            Headings::fit(&["prevention", "preventive"], 4).labels,
            ["1", "2"]
        );
    }

    #[test]
    fn pieces_are_packed_whole_and_what_is_left_out_is_counted() {
        let pieces: Vec<String> = ["Dhaka 1/9", "Phnom Penh 0/3", "Kunming 2/0", "Batam 1/1"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            pack("To give:", &pieces, 80, 3),
            [" To give: Dhaka 1/9 · Phnom Penh 0/3 · Kunming 2/0 · Batam 1/1"]
        );
        assert_eq!(
            pack("To give:", &pieces, 30, 3),
            [
                " To give: Dhaka 1/9",
                " Phnom Penh 0/3 · Kunming 2/0",
                " Batam 1/1"
            ]
        );
        assert_eq!(
            pack("To give:", &pieces, 30, 2),
            [" To give: Dhaka 1/9", " Phnom Penh 0/3 … 2 more"]
        );
    }
}
