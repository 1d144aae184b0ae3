//! Large digits drawn with block characters, readable from the back of a room.

/// Each glyph is 3 columns by 5 rows; `#` is a filled cell.
const GLYPHS: [(char, [&str; 5]); 12] = [
    ('0', ["###", "# #", "# #", "# #", "###"]),
    ('1', ["  #", "  #", "  #", "  #", "  #"]),
    ('2', ["###", "  #", "###", "#  ", "###"]),
    ('3', ["###", "  #", "###", "  #", "###"]),
    ('4', ["# #", "# #", "###", "  #", "  #"]),
    ('5', ["###", "#  ", "###", "  #", "###"]),
    ('6', ["###", "#  ", "###", "# #", "###"]),
    ('7', ["###", "  #", "  #", "  #", "  #"]),
    ('8', ["###", "# #", "###", "# #", "###"]),
    ('9', ["###", "# #", "###", "  #", "###"]),
    (':', ["   ", " # ", "   ", " # ", "   "]),
    (' ', ["   ", "   ", "   ", "   ", "   "]),
];

/// Rows of `text` drawn in block characters, each glyph `scale` times wider and taller.
/// Characters without a glyph are drawn as spaces.
pub fn render(text: &str, scale: usize) -> Vec<String> {
    let scale = scale.max(1);
    let glyphs: Vec<&[&str; 5]> = text
        .chars()
        .map(|c| {
            GLYPHS
                .iter()
                .find(|(g, _)| *g == c)
                .map_or(&GLYPHS[11].1, |(_, rows)| rows)
        })
        .collect();
    let mut out = Vec::with_capacity(5 * scale);
    for row in 0..5 {
        let mut line = String::new();
        for (i, glyph) in glyphs.iter().enumerate() {
            if i > 0 {
                line.push_str(&" ".repeat(scale));
            }
            for cell in glyph[row].chars() {
                let fill = if cell == '#' { '█' } else { ' ' };
                line.extend(std::iter::repeat_n(fill, 2 * scale));
            }
        }
        for _ in 0..scale {
            out.push(line.clone());
        }
    }
    out
}

/// Columns taken by `text` at `scale`.
pub fn width(text: &str, scale: usize) -> usize {
    let n = text.chars().count();
    n * 6 * scale + n.saturating_sub(1) * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_is_five_rows_of_blocks() {
        let rows = render("12:30", 1);
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[0],
            "    ██ ██████ ...... ██████ ██████".replace('.', " ")
        );
        assert!(rows.iter().all(|r| r.chars().count() == width("12:30", 1)));
        assert_eq!(render("7", 2).len(), 10);
    }
}
