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

/// Lays out again every row of `buf` holding a grapheme the terminal measures otherwise.
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let differs = (area.left()..area.right()).any(|x| {
            let symbol = buf[(x, y)].symbol();
            !symbol.is_ascii() && terminal_width(symbol) != symbol.cell_width()
        });
        if differs {
            settle_row(buf, y);
        }
    }
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
        let cell = buf[(x, y)].clone();
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
