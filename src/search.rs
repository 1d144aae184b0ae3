//! Finding people as you type: case-insensitive everywhere, accent-insensitive for Latin
//! letters (`nguyen` finds `Nguyễn`), plain substring for every other script, and, for a
//! facilitator with a Latin keyboard, a name in another script found by its Latin
//! transliteration (`rahim` finds `রহিম`, `oyuun` finds `Оюунчимэг`; `any_ascii`, a
//! table-driven transliteration kept up with Unicode, rather than tables of our own).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::plan::Participant;

/// The form of `text` a search compares: lowercased, with the accents of Latin letters
/// removed. Marks on other scripts
/// (Thai vowels, Devanagari signs) are kept: they are letters there, not decoration.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_latin = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            if !after_latin {
                out.push(c);
            }
            continue;
        }
        after_latin = is_latin(c);
        match c {
            'đ' | 'Đ' => out.push('d'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.nfc().collect()
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Whether `query_key` (a query's [`search_key`]) is found in the participant's name,
/// organisation, city, country or email, as written or transliterated into Latin letters.
pub fn matches(participant: &Participant, query_key: &str) -> bool {
    query_key.is_empty()
        || [
            Some(&participant.name),
            Some(&participant.organisation),
            Some(&participant.city),
            Some(&participant.country),
            participant.email.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|field| {
            search_key(field).contains(query_key)
                || (!field.is_ascii() && loose_contains(&latin(field), query_key))
        })
}

/// `text` in Latin letters, as a search compares it: transliterated, then only letters,
/// digits and spaces kept (the transliteration marks some syllables with `'`).
fn latin(text: &str) -> String {
    search_key(&any_ascii::any_ascii(text))
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

/// Whether `query` is found in the transliterated `text`, the query's `a` and `o` allowed
/// to be missing there: scripts such as Bengali, Devanagari and Thai write a consonant's
/// own vowel without a letter, so `রহিম` transliterates as `rhim`, while a person types
/// `rahim`. At least one letter must match.
fn loose_contains(text: &str, query: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    // For each place in the text, whether the query read so far can end there, with no
    // letter matched yet or with one: a pass per query letter, so time is text × query.
    let mut unmatched = vec![true; text.len() + 1];
    let mut matched = vec![false; text.len() + 1];
    for q in query.chars() {
        let skippable = matches!(q, 'a' | 'o');
        let mut next_unmatched = vec![false; text.len() + 1];
        let mut next_matched = vec![false; text.len() + 1];
        for at in 0..=text.len() {
            if text.get(at) == Some(&q) && (unmatched[at] || matched[at]) {
                next_matched[at + 1] = true;
            }
            if skippable {
                next_unmatched[at] |= unmatched[at];
                next_matched[at] |= matched[at];
            }
        }
        unmatched = next_unmatched;
        matched = next_matched;
    }
    matched.contains(&true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_and_case_are_ignored() {
        assert!(search_key("Nguyễn Thị Lan").contains(&search_key("nguyen thi")));
        assert!(search_key("Trần Văn Hùng").contains("tran van hung"));
        assert_eq!(search_key("Malé"), "male");
        assert_eq!(search_key("Đà Nẵng"), "da nang");
    }

    #[test]
    fn other_scripts_match_by_substring_with_their_marks() {
        assert!(search_key("สมศักดิ์ ใจดี").contains(&search_key("ศักดิ์")));
        assert_ne!(
            search_key("ศักดิ์"),
            search_key("ศกด"),
            "Thai vowel and tone marks are kept"
        );
        assert!(search_key("김서연").contains(&search_key("서연")));
        assert!(search_key("सीता गुरुङ").contains(&search_key("गुरुङ")));
        assert!(search_key("Батбаярын Оюунчимэг").contains(&search_key("оюун")));
    }

    fn person(name: &str, email: Option<&str>) -> Participant {
        Participant {
            id: "p01".into(),
            name: name.into(),
            organisation: "Org".into(),
            country: "Country".into(),
            city: "City".into(),
            sector: crate::plan::Sector::Ngo,
            email: email.map(Into::into),
            consent: true,
        }
    }

    #[test]
    fn a_latin_keyboard_finds_names_in_other_scripts_and_emails() {
        let found = |name: &str, query: &str| matches(&person(name, None), &search_key(query));
        assert!(found("রহিম উদ্দিন", "rahim"));
        assert!(found("রহিম উদ্দিন", "uddin"));
        assert!(found("Батбаярын Оюунчимэг", "oyuun"));
        assert!(found("김서연", "seoyeon"));
        assert!(found("सीता गुरुङ", "sita"));
        assert!(found("สมศักดิ์ ใจดี", "somsak"));
        assert!(
            found("Батбаярын Оюунчимэг", "оюун"),
            "the script itself still works"
        );
        assert!(!found("রহিম উদ্দিন", "karim"));
        assert!(found("প্রিয়া রহমান", "priya rahman"));
        assert!(!found("রহিম উদ্দিন", "a"), "a vowel alone finds no one");
        let with_email = person("Kim", Some("Kim.Seoyeon@jeju.go.kr"));
        assert!(matches(&with_email, &search_key("seoyeon@jeju")));
    }
}
