//! How large each part of the projector screen is drawn, given the window: the big clock,
//! then the message, then the current item in large letters, then a larger clock, each only
//! where it fits beside everything else in plain text. Below the size where big digits read
//! the clock is plain text.

use crate::text::{is_printable_ascii, wrap};

/// Columns and rows of one letter in large text (font8x8 drawn in quadrant blocks).
pub const LETTER: usize = 4;

/// Lines a large text may take before it is drawn plain instead.
const MOST_LINES: usize = 3;

/// Rows of one big digit at scale 1.
pub const DIGIT_ROWS: usize = 5;

/// What is on the screen, as the sizes are chosen from it.
pub struct Content<'a> {
    pub time: &'a str,
    pub title: &'a str,
    pub message: Option<&'a str>,
    /// Rows of the parts always drawn plain: presenter, clock line, next item, bars.
    pub other_rows: usize,
}

/// The sizes chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes {
    /// The big clock's scale; `None` draws the time as plain text.
    pub clock: Option<usize>,
    /// The current item's title in large letters, line by line; `None` draws it plain.
    pub title: Option<Vec<String>>,
    /// The message in large letters, line by line; `None` draws it plain.
    pub message: Option<Vec<String>>,
    /// Rows of the plain title (it wraps to two).
    pub title_rows: usize,
}

impl Sizes {
    /// Chooses the sizes for `content` in a window `width` by `height`.
    pub fn choose(content: &Content, width: usize, height: usize) -> Self {
        let text_width = width.saturating_sub(4);
        let title_rows = wrap(content.title, text_width.max(1)).len().min(2);
        let plain = 1 + title_rows + usize::from(content.message.is_some()) + content.other_rows;
        // A row between the parts, at least, so they do not run together.
        let mut spare = height.saturating_sub(plain + 3);
        let mut sizes = Sizes {
            clock: None,
            title: None,
            message: None,
            title_rows,
        };
        let clock_fits =
            |scale: usize| super::super::bigdigits::width(content.time, scale) + 4 <= width;
        if clock_fits(1) && spare >= DIGIT_ROWS - 1 {
            sizes.clock = Some(1);
            spare -= DIGIT_ROWS - 1;
        }
        if let Some(lines) = content.message.and_then(|m| large_lines(m, text_width))
            && spare >= LETTER * lines.len() - 1
        {
            spare -= LETTER * lines.len() - 1;
            sizes.message = Some(lines);
        }
        if let Some(lines) = large_lines(content.title, text_width)
            && lines.len() <= 2
            && spare + title_rows >= LETTER * lines.len()
        {
            spare = spare + title_rows - LETTER * lines.len();
            sizes.title = Some(lines);
        }
        if let Some(scale) = sizes.clock {
            let grown = (scale + 1..=3)
                .rev()
                .find(|s| clock_fits(*s) && spare >= DIGIT_ROWS * (s - scale));
            if let Some(s) = grown {
                sizes.clock = Some(s);
            }
        }
        sizes
    }
}

/// `text` broken into lines that fit `width` in large letters, when every letter has a large
/// form and it takes no more than [`MOST_LINES`] lines without breaking a word.
pub fn large_lines(text: &str, width: usize) -> Option<Vec<String>> {
    let per_line = width / LETTER;
    if per_line == 0 || !is_printable_ascii(text) && !text.chars().all(has_large_form) {
        return None;
    }
    let lines = wrap(text.trim(), per_line);
    let whole_words = text
        .split_whitespace()
        .all(|word| word.chars().count() <= per_line);
    (whole_words && lines.len() <= MOST_LINES).then_some(lines)
}

/// Whether the large font draws `c` (Latin, Greek and common symbols do; Hangul, Thai and
/// most other scripts do not, and are drawn as plain text instead).
fn has_large_form(c: char) -> bool {
    use font8x8::UnicodeFonts;
    c == ' '
        || font8x8::BASIC_FONTS.get(c).is_some()
        || font8x8::LATIN_FONTS.get(c).is_some()
        || font8x8::GREEK_FONTS.get(c).is_some()
        || font8x8::MISC_FONTS.get(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content<'a>(message: Option<&'a str>, title: &'a str) -> Content<'a> {
        Content {
            time: "10:20",
            title,
            message,
            other_rows: 5,
        }
    }

    #[test]
    fn a_message_is_large_where_it_fits() {
        let sizes = Sizes::choose(&content(Some("Back at 14:00"), "Opening"), 80, 24);
        assert_eq!(sizes.message, Some(vec!["Back at 14:00".to_owned()]));
        assert_eq!(sizes.clock, Some(1));
    }

    #[test]
    fn a_short_title_is_large_and_the_clock_grows_into_what_is_left() {
        let sizes = Sizes::choose(&content(None, "Lunch"), 120, 40);
        assert_eq!(sizes.title, Some(vec!["Lunch".to_owned()]));
        assert_eq!(sizes.clock, Some(3));
    }

    #[test]
    fn a_small_window_has_a_plain_clock() {
        let sizes = Sizes::choose(&content(Some("Back at 14:00"), "Opening"), 40, 10);
        assert_eq!(
            (sizes.clock, sizes.message, sizes.title),
            (None, None, None)
        );
    }

    #[test]
    fn text_without_large_letters_stays_plain() {
        assert_eq!(large_lines("점심 후 14:00", 76), None);
        assert_eq!(
            large_lines("Café à 14:00", 76),
            Some(vec!["Café à 14:00".into()])
        );
        assert_eq!(
            large_lines("Back at 14:00 for Module 1", 76),
            Some(vec!["Back at 14:00 for".into(), "Module 1".into()])
        );
    }
}
