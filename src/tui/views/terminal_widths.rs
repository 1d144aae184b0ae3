//! A frame laid out again where the terminal measures a grapheme otherwise than ratatui.
//! ratatui places text by unicode-width, which gives no column to some spacing vowel signs
//! (Bengali `বা`, Tamil, Malayalam, Sinhala ...) that every terminal shows in one; each such
//! grapheme then pushed the rest of its row along on the terminal, and a later update wrote
//! over it (a name showed as `বালা` for `বাংলা`). Rows holding one are laid out again here
//! with [`crate::text::width`], the width the terminal gives: the grapheme takes its columns
//! (the diff told so with a forced width) and what follows moves along, in the buffer as on
//! the screen. Everything the app lays out is measured with that same width, so the
//! padding after such text is already one column short for each one it gains here.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};

/// Lays out again every row of `buf` holding a grapheme the terminal measures otherwise,
/// or a wide grapheme something was drawn over (a popup's border across a name).
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let unsettled = (area.left()..area.right()).any(|x| {
            let symbol = buf[(x, y)].symbol();
            !symbol.is_ascii()
                && !plain(symbol)
                && (terminal_width(symbol) != symbol.cell_width() || overdrawn(buf, x, y))
        });
        if unsettled {
            settle_row(buf, y);
        }
    }
}

/// Whether `symbol` is one character one column wide everywhere (a box line, an arrow, a
/// dash): most non-ASCII cells, passed over at the cost of one lookup.
fn plain(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if crate::text::char_width(c) == Some(1) && unicode_width::UnicodeWidthChar::width(c) == Some(1))
}

/// Whether the wide grapheme at (`x`, `y`) has something drawn in a column it needs: no
/// terminal can show half a grapheme, and ratatui would leave that something out.
fn overdrawn(buf: &Buffer, x: u16, y: u16) -> bool {
    let width = buf[(x, y)].symbol().cell_width();
    (x + 1..x.saturating_add(width).min(buf.area.right()))
        .any(|hidden| buf[(hidden, y)].symbol() != " ")
}

/// The columns a terminal gives `symbol`: at least one, as a cell always takes one.
fn terminal_width(symbol: &str) -> u16 {
    u16::try_from(crate::text::width(symbol))
        .unwrap_or(u16::MAX)
        .max(1)
}

fn settle_row(buf: &mut Buffer, y: u16) {
    let area = buf.area;
    // The row's graphemes as ratatui placed them: each cell, less those a wide one hides.
    let mut graphemes: Vec<Cell> = Vec::new();
    let mut x = area.left();
    while x < area.right() {
        let mut cell = buf[(x, y)].clone();
        if overdrawn(buf, x, y) {
            // Cut by what was drawn over it: a blank in its place, and what follows kept.
            cell.set_symbol(" ");
        }
        x = x.saturating_add(cell.symbol().cell_width().max(1));
        graphemes.push(cell);
    }
    let mut x = area.left();
    let mut last_style = ratatui::style::Style::default();
    for mut cell in graphemes {
        let width = terminal_width(cell.symbol());
        if x.saturating_add(width) > area.right() {
            break;
        }
        last_style = cell.style();
        if width != cell.symbol().cell_width()
            && let Some(forced) = NonZeroU16::new(width)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        buf[(x, y)] = cell;
        for hidden in x + 1..x + width {
            buf[(hidden, y)].reset();
        }
        x += width;
    }
    // What moved off the end leaves room at it, blank in the row's last style.
    while x < area.right() {
        buf[(x, y)].set_symbol(" ").set_style(last_style);
        x += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn row(buf: &Buffer) -> Vec<&str> {
        buf.content().iter().map(Cell::symbol).collect()
    }

    #[test]
    fn a_vowel_sign_takes_its_column_and_what_follows_moves_along() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        // ratatui puts বাং in one cell and লা in the next; a terminal gives them 3 and 2.
        buf.set_string(0, 0, "বাংলা|", Style::default());
        settle(&mut buf);
        assert_eq!(row(&buf), ["বাং", " ", " ", "লা", " ", "|", " ", " "]);
        assert_eq!(buf[(0, 0)].cell_width(), 3);
        assert_eq!(buf[(3, 0)].cell_width(), 2);
    }

    #[test]
    fn a_wide_grapheme_cut_by_a_border_leaves_the_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "김", Style::default());
        buf.set_string(1, 0, "│x", Style::default());
        settle(&mut buf);
        assert_eq!(row(&buf), [" ", "│", "x", " "]);
    }
}
