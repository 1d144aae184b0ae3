//! The terminal's cursor placed anew after every cell holding non-ASCII text. ratatui's
//! crossterm backend moves the cursor only between cells that are not side by side, trusting
//! that printing a cell moves it by the cell's width; a terminal that measures a grapheme
//! otherwise (another terminal, another Unicode version) would then shift the rest of the
//! row. Ending the backend's run of cells after each non-ASCII one makes the next run start
//! with an explicit move, so a disagreement costs that one grapheme at most.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A backend drawing through `B`, the cursor placed anew after each non-ASCII cell.
#[derive(Debug)]
pub struct PlacingBackend<B>(pub B);

impl<B: Backend> Backend for PlacingBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut run = Vec::new();
        for placed in content {
            let non_ascii = !placed.2.symbol().is_ascii();
            run.push(placed);
            if non_ascii {
                self.0.draw(run.drain(..))?;
            }
        }
        self.0.draw(run.into_iter())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;

    /// What the crossterm backend writes for one row holding `text` from column 0.
    fn written(text: &str, placing: bool) -> String {
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, text, ratatui::style::Style::default());
        let cells = buf
            .content()
            .iter()
            .enumerate()
            .map(|(x, c)| (u16::try_from(x).unwrap_or(0), 0, c));
        let mut out = Vec::new();
        if placing {
            PlacingBackend(CrosstermBackend::new(&mut out))
                .draw(cells)
                .unwrap();
        } else {
            CrosstermBackend::new(&mut out).draw(cells).unwrap();
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn the_cursor_is_placed_after_each_non_ascii_cell_only() {
        // `ESC [ row ; col H` is a move; the plain backend moves once, at the start.
        let moves = |s: &str| s.matches('H').count();
        assert_eq!(moves(&written("ab", false)), moves(&written("ab", true)));
        let plain = moves(&written("বাংলা ab", false));
        let placed = moves(&written("বাংলা ab", true));
        assert_eq!(plain, 1);
        // বাংলা is two graphemes, বাং and লা: a move at the start and after each.
        assert_eq!(placed, 3);
    }
}
