//! Finding people as you type: case-insensitive everywhere, accent-insensitive for Latin
//! letters (`nguyen` finds `Nguyễn`), plain substring for every other script.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::plan::Participant;

/// `text` lowercased, with the accents of Latin letters removed. Marks on other scripts
/// (Thai vowels, Devanagari signs) are kept: they are letters there, not decoration.
pub fn fold(text: &str) -> String {
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

/// Whether `query` (already folded) is found in the participant's name, organisation, city
/// or country.
pub fn matches(participant: &Participant, folded_query: &str) -> bool {
    folded_query.is_empty()
        || [
            &participant.name,
            &participant.organisation,
            &participant.city,
            &participant.country,
        ]
        .iter()
        .any(|field| fold(field).contains(folded_query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_and_case_are_ignored() {
        assert!(fold("Nguyễn Thị Lan").contains(&fold("nguyen thi")));
        assert!(fold("Trần Văn Hùng").contains("tran van hung"));
        assert_eq!(fold("Malé"), "male");
        assert_eq!(fold("Đà Nẵng"), "da nang");
    }

    #[test]
    fn other_scripts_match_by_substring_with_their_marks() {
        assert!(fold("สมศักดิ์ ใจดี").contains(&fold("ศักดิ์")));
        assert_ne!(
            fold("ศักดิ์"),
            fold("ศกด"),
            "Thai vowel and tone marks are kept"
        );
        assert!(fold("김서연").contains(&fold("서연")));
        assert!(fold("सीता गुरुङ").contains(&fold("गुरुङ")));
        assert!(fold("Батбаярын Оюунчимэг").contains(&fold("оюун")));
    }
}
