//! Holding a frame back from the screen while what it shows is not yet on disk: an action's
//! frame is drawn while its disk sync runs, and reaches the terminal only once the action
//! is durable, so that nothing the screen has shown can be lost.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// A writer that passes writes through, or keeps them while held. Clones share one
/// writer: the terminal writes through one, the event loop holds and releases another.
#[derive(Debug)]
pub struct FrameHold<W: Write> {
    shared: Rc<RefCell<Shared<W>>>,
}

#[derive(Debug)]
struct Shared<W> {
    inner: W,
    held: Option<Vec<u8>>,
}

impl<W: Write> Clone for FrameHold<W> {
    fn clone(&self) -> Self {
        Self {
            shared: Rc::clone(&self.shared),
        }
    }
}

impl<W: Write> FrameHold<W> {
    /// A frame hold passing writes through to `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            shared: Rc::new(RefCell::new(Shared { inner, held: None })),
        }
    }

    /// Keeps what is written from now on, flushes included, until released or dropped.
    pub fn hold(&self) {
        self.shared.borrow_mut().held.get_or_insert_with(Vec::new);
    }

    /// Writes out what was kept, and passes writes through again.
    pub fn release(&self) -> io::Result<()> {
        let mut shared = self.shared.borrow_mut();
        if let Some(kept) = shared.held.take() {
            shared.inner.write_all(&kept)?;
        }
        shared.inner.flush()
    }

    /// Forgets what was kept (the frame showed what was not saved), and passes writes
    /// through again. The screen no longer matches what was drawn: redraw it whole.
    pub fn drop_held(&self) {
        self.shared.borrow_mut().held = None;
    }
}

impl<W: Write> Write for FrameHold<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut shared = self.shared.borrow_mut();
        match &mut shared.held {
            Some(kept) => {
                kept.extend_from_slice(buf);
                Ok(buf.len())
            }
            None => shared.inner.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut shared = self.shared.borrow_mut();
        if shared.held.is_some() {
            Ok(())
        } else {
            shared.inner.flush()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_output_reaches_the_writer_only_when_released() {
        let hold = FrameHold::new(Vec::new());
        let mut writer = hold.clone();
        let written = |hold: &FrameHold<Vec<u8>>| hold.shared.borrow().inner.clone();
        writer.write_all(b"before ").unwrap();
        hold.hold();
        writer.write_all(b"frame").unwrap();
        writer.flush().unwrap();
        assert_eq!(written(&hold), b"before ");
        hold.release().unwrap();
        assert_eq!(written(&hold), b"before frame");

        hold.hold();
        writer.write_all(b" unsaved").unwrap();
        hold.drop_held();
        writer.write_all(b" redrawn").unwrap();
        assert_eq!(written(&hold), b"before frame redrawn");
    }
}
