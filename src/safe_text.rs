//! Text that came from a person or a file, made safe for where it goes: a terminal (no
//! escape sequences, no direction overrides that reorder a row) and a spreadsheet (no
//! formulas). Names and ids with such characters are refused where they are entered; text
//! already stored is neutralised wherever it is printed or written.

use std::borrow::Cow;

/// What stands in for a character that must not reach a terminal or a file.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` reorders or hides text: the bidirectional embeddings, overrides and
/// isolates (U+202A-U+202E, U+2066-U+2069). Joiners are not: Sinhala and Devanagari
/// names need them.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first character of `text` that a name, an id or any one-line field may not hold
/// (control characters, ESC and BEL among them, and direction overrides), with why, in
/// words: `None` when the text is clean.
pub fn refused_char(text: &str) -> Option<String> {
    let c = text
        .chars()
        .find(|&c| c.is_control() || is_direction_control(c))?;
    let what = if is_direction_control(c) {
        "a direction override, which reorders what is shown"
    } else {
        "a control character, which a terminal would obey"
    };
    Some(format!("holds U+{:04X}, {what}: remove it", u32::from(c)))
}

/// `text` with every control character but line breaks and tabs, and every direction
/// override, replaced by [`REPLACEMENT`]: fit for a terminal or a file.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_direction_control(c);
    if !text.contains(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if bad(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// `text` for a spreadsheet cell: neutralised, and starting with an apostrophe where a
/// spreadsheet would run it as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first), so a name typed as `=HYPERLINK(...)` stays text.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    let clean = neutralise(text);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_overrides_are_refused_and_joiners_kept() {
        assert_eq!(refused_char("Kanya Srisuk"), None);
        assert_eq!(
            refused_char("ශ්\u{200D}රී ලංකා"),
            None,
            "Sinhala needs its joiner"
        );
        let esc = refused_char("Ana\u{1b}[2J").unwrap();
        assert!(esc.contains("U+001B") && esc.contains("control"), "{esc}");
        let rlo = refused_char("Ana \u{202E}kcab").unwrap();
        assert!(rlo.contains("U+202E") && rlo.contains("direction"), "{rlo}");
        assert!(refused_char("two\nlines").is_some());
    }

    #[test]
    fn what_is_printed_holds_no_escape_and_no_formula() {
        assert_eq!(neutralise("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            neutralise("a\u{1b}]0;title\u{7}b\u{202E}c\nd"),
            "a\u{FFFD}]0;title\u{FFFD}b\u{FFFD}c\nd"
        );
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_cell("-5"), "'-5");
        assert_eq!(spreadsheet_cell("\u{1b}=1"), "\u{FFFD}=1");
        assert_eq!(spreadsheet_cell("Jeju"), "Jeju");
    }
}
