//! Finding a hidden person's name or email wherever it was typed, however it was typed:
//! in another case (`KANYA SRISUK`), without or with other accents, in another order
//! (`Siobhán O'Brien` for `O'Brien, Siobhán`), in part (`Maria Clara`), as a short CJK
//! name (`李明`), or as an email in capitals. Text and names are compared as search keys (lower
//! case, Latin accents off, as search compares them); one automaton finds every secret in
//! one pass over the text.

use aho_corasick::{AhoCorasick, MatchKind};

/// The secrets of the people an export hides, each with the pseudonym that replaces it.
#[derive(Debug)]
pub struct SecretNames {
    finder: Option<AhoCorasick>,
    aliases: Vec<String>,
}

/// One name or email to look for, keyed, and who it belongs to.
type Secret = (String, String);

impl SecretNames {
    /// What to look for for each (name, email, pseudonym) given: the whole name, each part
    /// of it of two or more letters, and the email.
    pub fn new<'a>(people: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a str)>) -> Self {
        let mut secrets: Vec<Secret> = Vec::new();
        for (name, email, alias) in people {
            let mut add = |text: &str| {
                let keyed = search_key(text.trim());
                if keyed.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                    && !secrets.iter().any(|(s, _)| *s == keyed)
                {
                    secrets.push((keyed, alias.to_owned()));
                }
            };
            add(name);
            for part in name.split(|c: char| c.is_whitespace() || c == ',') {
                add(part.trim_matches(|c: char| !c.is_alphanumeric()));
            }
            if let Some(email) = email {
                add(email);
            }
        }
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(secrets.iter().map(|(s, _)| s))
            .ok()
            .filter(|_| !secrets.is_empty());
        Self {
            finder,
            aliases: secrets.into_iter().map(|(_, alias)| alias).collect(),
        }
    }

    /// Whether `text` may hold a secret: one pass, without telling words apart, to pass
    /// over most text cheaply. The JSON text of a value serves, since names hold no
    /// character JSON escapes.
    pub fn found_in(&self, text: &str) -> bool {
        self.finder
            .as_ref()
            .is_some_and(|finder| finder.is_match(&search_key(text)))
    }

    /// `text` with every secret found replaced by its pseudonym, and how many were; `None`
    /// when it holds none (most text).
    pub fn replace(&self, text: &str) -> Option<(String, usize)> {
        let finder = self.finder.as_ref()?;
        let (keyed, origin) = search_key_mapped(text);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut count = 0;
        for found in finder.find_iter(&keyed) {
            let (start, end) = (found.start(), found.end());
            let before = keyed[..start].chars().next_back();
            let after = keyed[end..].chars().next();
            let first = keyed[start..].chars().next();
            let last = keyed[..end].chars().next_back();
            // A secret in a spaced script stands as a whole word; others (Chinese, Thai,
            // a Korean name with a particle) run on into the text around them.
            if joined(before, first) || joined(last, after) {
                continue;
            }
            let (from, to) = (origin[start], origin[end]);
            if from < copied {
                continue;
            }
            out.push_str(&text[copied..from]);
            out.push_str(&self.aliases[found.pattern().as_usize()]);
            copied = to;
            count += 1;
        }
        if count == 0 {
            return None;
        }
        out.push_str(&text[copied..]);
        Some((out, count))
    }
}

/// Whether two letters side by side make one word in a script written with spaces.
fn joined(a: Option<char>, b: Option<char>) -> bool {
    let spaced = |c: char| c.is_alphanumeric() && c < '\u{0530}';
    matches!((a, b), (Some(a), Some(b)) if spaced(a) && spaced(b))
}

/// `text` as [`crate::search::search_key`] makes it.
fn search_key(text: &str) -> String {
    search_key_mapped(text).0
}

/// `text` as a search key, with, for each byte of the key (and one past its end), the byte
/// of `text` where the character it came from starts (or ends, for the last).
fn search_key_mapped(text: &str) -> (String, Vec<usize>) {
    let mut keyed = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut after_latin = false;
    for (at, c) in text.char_indices() {
        let before = keyed.len();
        if c.is_ascii() {
            keyed.push(c.to_ascii_lowercase());
            after_latin = c.is_ascii_alphabetic();
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if unicode_normalization::char::is_combining_mark(d) {
                    if !after_latin {
                        keyed.push(d);
                    }
                    return;
                }
                after_latin = d.is_ascii_alphabetic()
                    || matches!(d, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
                match d {
                    'đ' | 'Đ' => keyed.push('d'),
                    'ø' | 'Ø' => keyed.push('o'),
                    'ł' | 'Ł' => keyed.push('l'),
                    'ß' => keyed.push_str("ss"),
                    // O’Brien and O'Brien are one name.
                    '\u{2018}' | '\u{2019}' | '\u{02BC}' => keyed.push('\''),
                    _ => keyed.extend(d.to_lowercase()),
                }
            });
        }
        origin.extend(std::iter::repeat_n(at, keyed.len() - before));
    }
    origin.push(text.len());
    (keyed, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden() -> SecretNames {
        SecretNames::new([
            ("Kanya Srisuk", Some("kanya.s@example.org"), "P05"),
            ("O'Brien, Siobhán", None, "P07"),
            ("Maria Clara Santos", None, "P09"),
            ("李明", None, "P11"),
            ("김서연", None, "P12"),
        ])
    }

    fn redacted(text: &str) -> String {
        hidden()
            .replace(text)
            .map_or_else(|| text.to_owned(), |(t, _)| t)
    }

    #[test]
    fn every_way_a_name_is_typed_is_found() {
        assert_eq!(redacted("Call KANYA SRISUK today"), "Call P05 today");
        assert_eq!(redacted("Siobhan O'Brien spoke"), "P07 P07 spoke");
        assert_eq!(redacted("Siobhán O’Brien"), "P07 P07");
        assert_eq!(redacted("ask Maria Clara"), "ask P09 P09");
        assert_eq!(redacted("李明说"), "P11说");
        assert_eq!(redacted("김서연의 발표"), "P12의 발표");
        assert_eq!(redacted("write to KANYA.S@EXAMPLE.ORG"), "write to P05");
    }

    #[test]
    fn parts_are_whole_words_and_other_text_is_left_alone() {
        assert_eq!(hidden().replace("Santosa and Mariana came"), None);
        assert_eq!(hidden().replace("Nothing here"), None);
        let (text, count) = hidden().replace("Kanya, Kanya and kanya").unwrap();
        assert_eq!((text.as_str(), count), ("P05, P05 and P05", 3));
    }
}
