//! Measuring and fitting text in terminal columns. Width is measured, never assumed: Hangul
//! and Chinese take two columns, Thai combining marks none, and a cut never splits a character.
//! One width function for everything the app lays out: unicode-width's, corrected to what the
//! C library's `wcwidth` (and so tmux, xterm and most terminals) gives the code points where
//! the two disagree.

mod wcwidth;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What ends a cut text.
pub const ELLIPSIS: &str = "…";

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.width();
    }
    let corrected = text
        .chars()
        .filter_map(|c| terminal_exception(c).map(|w| (usize::from(w), c.width().unwrap_or(0))));
    corrected.fold(text.width(), |total, (terminal, ours)| {
        (total + terminal).saturating_sub(ours)
    })
}

/// How many columns a terminal gives the character `c` on its own (`None` for a control
/// character), as the C library's `wcwidth` does.
pub fn char_width(c: char) -> Option<usize> {
    match terminal_exception(c) {
        Some(w) => Some(usize::from(w)),
        // `wcwidth` gives the string's end no width rather than calling it a control.
        None if c == '\0' => Some(0),
        None => c.width(),
    }
}

/// The width `wcwidth` gives `c` where unicode-width gives another.
fn terminal_exception(c: char) -> Option<u8> {
    let code = u32::from(c);
    let table = wcwidth::EXCEPTIONS;
    let at = table.partition_point(|(_, last, _)| *last < code);
    table
        .get(at)
        .filter(|(first, _, _)| *first <= code)
        .map(|(_, _, w)| *w)
}

/// Whether every character of `text` is printable ASCII, one column wide and a grapheme
/// of its own.
pub fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `text` cut to at most `max` columns, ending in "…" when something was cut. Whole grapheme
/// clusters are kept or dropped together.
pub fn truncate(text: &str, max: usize) -> String {
    if is_printable_ascii(text) {
        // One column and one grapheme a byte: no measuring needed (most names and titles).
        return if text.len() <= max {
            text.to_owned()
        } else if max == 0 {
            String::new()
        } else {
            format!("{}{ELLIPSIS}", &text[..max - ELLIPSIS.width()])
        };
    }
    truncate_measured(text, max)
}

/// [`truncate`], measuring every grapheme, with what a terminal would obey neutralised.
fn truncate_measured(text: &str, max: usize) -> String {
    let text = crate::safe_text::neutralise(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - ELLIPSIS.width();
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = width(grapheme);
        if used + w > room {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push_str(ELLIPSIS);
    out
}

/// `text` fitted to exactly `columns` columns: truncated with "…" or padded with spaces.
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let used = if is_printable_ascii(&out) {
        out.len()
    } else {
        width(&out)
    };
    let pad = columns.saturating_sub(used);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `text` broken into lines of at most `columns` columns, at spaces where it can be and
/// between graphemes where a word is longer than a line.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w <= columns {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for grapheme in word.graphemes(true) {
            let g = width(grapheme);
            if used + g > columns && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(grapheme);
            used += g;
        }
    }
    lines.push(line);
    lines
}

/// `count` and the noun, singular for one: "1 participant", "3 participants".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_cut_as_measuring_would_cut_it() {
        for text in ["", "a", "Jeju", "Choi Min-ho (Jeju Provincial Police)"] {
            for max in 0..text.len() + 2 {
                assert_eq!(
                    truncate(text, max),
                    truncate_measured(text, max),
                    "{text:?} {max}"
                );
                assert_eq!(width(&fit(text, max)), max, "{text:?} {max}");
            }
        }
    }

    #[test]
    fn hangul_takes_two_columns_and_is_cut_whole() {
        assert_eq!(width("김민준"), 6);
        assert_eq!(fit("김민준", 6), "김민준");
        assert_eq!(fit("김민준", 5), "김민…");
        // An odd column left over is padded, never half a syllable.
        assert_eq!(fit("김민준", 4), "김… ");
        assert_eq!(width(&fit("김민준", 4)), 4);
    }

    #[test]
    fn thai_combining_marks_stay_with_their_letter() {
        let name = "สมศักดิ์ ใจดี";
        assert_eq!(width(name), 9);
        let cut = truncate(name, 5);
        assert_eq!(cut, "สมศัก…");
        assert_eq!(width(&cut), 5);
    }

    #[test]
    fn emoji_sequences_are_not_split() {
        let text = "Team 👩‍👩‍👧 Jeju";
        let cut = truncate(text, 7);
        assert_eq!(cut, "Team …");
        assert!(!cut.contains('\u{200d}'));
        assert_eq!(fit("ok 🎉", 6), "ok 🎉 ");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_splits_only_words_longer_than_a_line() {
        assert_eq!(
            wrap("export failed: no space", 10),
            ["export", "failed: no", "space"]
        );
        assert_eq!(wrap("/a/very/long/path", 6), ["/a/ver", "y/long", "/path"]);
        assert_eq!(wrap("김민준 김민준", 6), ["김민준", "김민준"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        assert_eq!(fit("Phnom Penh", 0), "");
        assert_eq!(fit("Phnom Penh", 1), "…");
        assert_eq!(fit("", 3), "   ");
    }
}
