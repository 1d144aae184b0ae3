//! Finding people as you type: case-insensitive everywhere, accent-insensitive for Latin
//! letters (`nguyen` finds `Nguyễn`), plain substring for every other script.

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

/// Whether `query_key` (a query's [`search_key`]) is found in the participant's name, organisation, city
/// or country.
pub fn matches(participant: &Participant, query_key: &str) -> bool {
    query_key.is_empty()
        || [
            &participant.name,
            &participant.organisation,
            &participant.city,
            &participant.country,
        ]
        .iter()
        .any(|field| search_key(field).contains(query_key))
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
}
