//! The app: turns terminal events into actions through the keymap, actions into commands,
//! and commands into events recorded durably before the screen changes.

mod backing_up;
mod executing;
mod exporting;
mod fields;
mod hosting;
mod pointing;
mod rooming;
mod undoing;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::layout::Rect;

use super::keymap::Action;
use super::ui::{Mode, Ui, View};
use super::views::{self, agenda};
use crate::run::Run;
use crate::state::State;

/// What decides the screen's whole layout (see [`App::take_clear`]): when any of it
/// changes, the screen is redrawn whole.
#[derive(Debug, PartialEq, Eq)]
struct LayoutKey {
    view: View,
    mode: std::mem::Discriminant<Mode>,
    filter: String,
    panel: super::views::exercises::Panel,
    room_wide: bool,
    city_profile: bool,
    exercise: usize,
}

/// Where the time comes from; tests fix it.
pub type Clock = fn() -> DateTime<Utc>;

/// The running app: the run (state and store) and the screen's own state.
pub struct App {
    run: Run,
    pub ui: Ui,
    clock: Clock,
    /// The terminal's size at the last draw, for finding what a click hit.
    pub area: Rect,
    /// Whether something changed since the last draw.
    pub dirty: bool,
    /// Whether the next draw should start from a cleared screen (see [`App::take_clear`]).
    clear: bool,
    /// The export under way, if any (`X`).
    export: Option<exporting::ExportJob>,
    /// When the next backup is due, and the one being written.
    backups: backing_up::Backups,
    pub quit: bool,
    /// When an action's disk sync is waited for.
    syncs: Syncs,
    /// How many actions could not be saved (each was taken back from the screen).
    pub unsaved: u32,
    /// The action a first `u` in another view said it would undo (see `app/undoing.rs`).
    undo_asked: Option<u64>,
    /// Woken by the export and backup threads whenever they have something to report, so
    /// that the event loop takes it in at once rather than at the next tick.
    reports: std::sync::Arc<tokio::sync::Notify>,
    /// The room the phones join, if `--room` opened one.
    room: Option<std::sync::Arc<crate::room::Room>>,
}

/// When an action's disk sync is waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syncs {
    /// Before [`App::execute`] returns.
    Inline,
    /// After the action's frame is drawn, by the event loop ([`App::overlap_syncs`]).
    Overlapped,
}

impl App {
    /// The app on an open run, with the agenda's running (or next) item selected.
    pub fn new(run: Run, store: String, clock: Clock) -> Self {
        let now = clock();
        let selected = agenda::selection_for(run.state());
        let mut ui = Ui::new(now, selected, store);
        ui.attendance.day = run.state().current_day().unwrap_or(0);
        let backups = backing_up::Backups::new(run.backed_up(), now, run.state().current_day());
        Self {
            run,
            ui,
            clock,
            area: Rect::default(),
            dirty: true,
            clear: false,
            export: None,
            backups,
            quit: false,
            syncs: Syncs::Inline,
            unsaved: 0,
            undo_asked: None,
            reports: std::sync::Arc::default(),
            room: None,
        }
    }

    /// What the background threads (an export, a backup) wake when they have something to
    /// report: the event loop waits on it beside the keys and the clock.
    pub fn reports(&self) -> std::sync::Arc<tokio::sync::Notify> {
        std::sync::Arc::clone(&self.reports)
    }

    /// Takes in what the background threads have reported: an export's progress or end, a
    /// backup's end (and starts a backup if one is due).
    pub fn take_reports(&mut self) {
        self.poll_export();
        self.backup_if_due();
    }

    /// From now on [`App::execute`] returns once the action is applied, with its write and
    /// disk sync still running: the caller draws meanwhile, holds the frame back, and
    /// shows it only when [`App::settle`] says the action is durable.
    pub fn overlap_syncs(&mut self) {
        self.syncs = Syncs::Overlapped;
    }

    /// Whether an action is applied but not yet known to be on disk.
    pub fn is_pending(&self) -> bool {
        self.run.is_pending()
    }

    /// Waits for the pending action's disk sync, then does what follows a saved action (a
    /// backup at a change of day). When it could not be saved, says so: the state is then
    /// as before it. Returns whether nothing is left unsaved.
    pub fn settle(&mut self) -> bool {
        match self.run.settle() {
            Ok(Some(_)) => {
                self.backup_on_new_day();
                true
            }
            Ok(None) => true,
            Err(err) => {
                self.not_saved(&err);
                false
            }
        }
    }

    /// The run's state.
    pub fn state(&self) -> &State {
        self.run.state()
    }

    /// The run: its state and its store.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// A clock tick: the views show `now` from here on.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.take_reports();
        let (now, _) = self.never_before_the_log(now);
        if now.timestamp() != self.ui.now.timestamp() {
            self.ui.now = now;
            self.dirty = true;
        }
        self.room_tick();
    }

    /// Whether the screen should be cleared before the next draw. Terminals measure some
    /// scripts (Devanagari, Khmer clusters) differently from unicode-width, which can leave
    /// stray text behind incremental updates; when the whole screen changes (another view,
    /// mode or filter, a resize), it is redrawn from a clean slate.
    pub fn take_clear(&mut self) -> bool {
        std::mem::take(&mut self.clear)
    }

    /// Handles one terminal event.
    pub fn handle(&mut self, event: &TermEvent) {
        if self.run.is_stale() {
            self.handle_stale(event);
            return;
        }
        let before = self.layout_key();
        self.handle_event(event);
        if before != self.layout_key() {
            self.clear = true;
            // A text that takes the keyboard takes it with the cursor at its end.
            if before.mode != std::mem::discriminant(&self.ui.mode) {
                self.ui.cursor = usize::MAX;
            }
            if before.view != View::Exercises && self.ui.view == View::Exercises {
                self.select_running_exercise();
            }
        }
    }

    /// While the state may show what the store lost (a write failed, and the store could
    /// not be read back): `q` quits, any other key tries the store again.
    fn handle_stale(&mut self, event: &TermEvent) {
        let Some(key) = event.as_key_press_event() else {
            return;
        };
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code == KeyCode::Char('q') || ctrl_c {
            self.quit = true;
            return;
        }
        self.dirty = true;
        self.clear = true;
        match self.run.retry() {
            Ok(()) => self.say("the store is open again; the last action was not saved"),
            Err(err) => self.say_error(&format!("not saved: {err}")),
        }
    }

    /// Opens the exercises view on the exercise the agenda is running, if it runs one.
    fn select_running_exercise(&mut self) {
        let running = self
            .state()
            .current()
            .and_then(|item| item.exercise.clone());
        if let Some(index) = running.and_then(|id| {
            self.state()
                .plan()
                .exercises
                .iter()
                .position(|e| e.id == id)
        }) {
            self.ui.exercises.exercise = index;
            self.ui.exercises.row = 0;
        }
    }

    /// What decides the screen's whole layout; when it changes, the screen is redrawn whole.
    fn layout_key(&self) -> LayoutKey {
        let ui = &self.ui;
        LayoutKey {
            view: ui.view,
            mode: std::mem::discriminant(&ui.mode),
            filter: ui.attendance.filter.clone(),
            panel: ui.exercises.panel,
            room_wide: ui.plans.room_wide,
            city_profile: ui.comparison.city_profile,
            exercise: ui.exercises.exercise,
        }
    }

    fn handle_event(&mut self, event: &TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind == KeyEventKind::Press => self.key(*key),
            TermEvent::Mouse(mouse) => self.mouse(*mouse),
            TermEvent::Paste(text) => {
                self.paste(text);
            }
            TermEvent::Resize(width, height) => {
                self.area = Rect::new(0, 0, *width, *height);
                self.dirty = true;
                self.clear = true;
            }
            _ => {}
        }
    }

    fn key(&mut self, key: KeyEvent) {
        // Alt-Enter starts a new line in a note or evidence.
        if key.code == KeyCode::Enter
            && key.modifiers.contains(KeyModifiers::ALT)
            && self.takes_lines()
        {
            self.edit_text(tui_input::InputRequest::InsertChar('\n'));
            return;
        }
        let action = self.ui.keys.action(self.ui.view, &self.ui.mode, key);
        // In a text, a key that edits it does so unless the keymap gives it a meaning there
        // (Enter, Esc, Tab, Backspace ...); Ctrl-W and Ctrl-U edit, never type a letter.
        let ctrl_edit = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if (action.is_none() || ctrl_edit)
            && let Some(edit) = Self::edit_for(key)
            && self.edit_text(edit)
        {
            return;
        }
        // Below the smallest usable size the screen shows only what size it needs: keys
        // that would change the run unseen do nothing there, only quitting and the help
        // (opening and closing it).
        let help_key = matches!(action, Some(Action::Quit | Action::Help))
            || (matches!(self.ui.mode, Mode::Help(_)) && action == Some(Action::Back));
        if self.too_small() && !help_key {
            return;
        }
        if let Some(action) = action {
            self.act(action);
            self.dirty = true;
        }
    }

    /// Scrolls the help by a line or a page; false if `action` does not scroll. The help
    /// stops the scroll at its last page as it draws.
    fn scroll_help(&mut self, action: Action) -> bool {
        let Mode::Help(under) = &self.ui.mode else {
            return false;
        };
        let limit = views::popup::help_scroll_limit(self.area, &self.ui, under);
        let page = usize::from(self.area.height.saturating_sub(3)).max(1);
        let scroll = &mut self.ui.help_scroll;
        *scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1),
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll.saturating_add(page),
            _ => return false,
        }
        .min(limit);
        true
    }

    /// Whether the window (as last drawn or resized) is below the smallest usable size;
    /// an app not yet drawn has no size, and is not.
    fn too_small(&self) -> bool {
        self.area.width > 0
            && (self.area.width < views::MIN_WIDTH || self.area.height < views::MIN_HEIGHT)
    }

    /// Carries out one action: the view's (or mode's) own, the agenda's (in the agenda, its
    /// detail and the projector), or one every view shares.
    pub fn act(&mut self, action: Action) {
        if action != Action::Undo {
            self.undo_asked = None;
        }
        if matches!(self.ui.mode, Mode::Help(_)) && self.scroll_help(action) {
            return;
        }
        if self.act_in_view(action)
            || self.with_view(|ui| &mut ui.agenda, |v, app| v.handle(action, app))
        {
            return;
        }
        match action {
            Action::Undo => self.undo(),
            Action::Projector => {
                self.ui.mode = match self.ui.mode {
                    Mode::Projector { .. } => Mode::Normal,
                    _ => Mode::Projector { blank: false },
                };
            }
            Action::Blank => {
                if let Mode::Projector { blank } = &mut self.ui.mode {
                    *blank = !*blank;
                }
            }
            Action::Help => {
                self.ui.help_scroll = 0;
                self.ui.mode = Mode::Help(Box::new(self.ui.mode.clone()));
            }
            Action::Back
            | Action::Confirm
            | Action::DeleteChar
            | Action::NextField
            | Action::PreviousField => {
                self.act_on_text(action);
            }
            Action::NextView => self.ui.view = self.ui.view.cycle(true, self.room.is_some()),
            Action::PreviousView => self.ui.view = self.ui.view.cycle(false, self.room.is_some()),
            Action::Export => self.start_export(),
            Action::Quit if self.is_exporting() => self.quit_after_export(),
            Action::Quit => self.quit = true,
            // A view's own actions are its `handle`'s (see `act_in_view`); elsewhere they do
            // nothing.
            _ => {}
        }
    }

    /// Actions that belong to the current view or mode, carried out by the view's own
    /// `handle`; false when `action` is a shared one.
    fn act_in_view(&mut self, action: Action) -> bool {
        match self.ui.mode {
            Mode::FeedbackEntry(_) => self.enter_forms(action),
            Mode::Moving(_) => self.moving(action),
            Mode::Person if matches!(action, Action::Up | Action::Down | Action::EditPerson) => {
                self.with_view(|ui| &mut ui.attendance, |v, app| v.handle(action, app))
            }
            Mode::Scoreboard if action == Action::NextExercise => {
                self.with_view(|ui| &mut ui.exercises, |v, app| v.handle(action, app))
            }
            Mode::Presentation if matches!(action, Action::NextCity | Action::PreviousCity) => {
                self.with_view(|ui| &mut ui.cityshare, |v, app| v.handle(action, app))
            }
            Mode::Normal => match self.ui.view {
                View::Room => self.act_in_room(action),
                View::Attendance => {
                    self.with_view(|ui| &mut ui.attendance, |v, app| v.handle(action, app))
                }
                View::Assessment => {
                    self.with_view(|ui| &mut ui.cityshare, |v, app| v.handle(action, app))
                }
                View::Comparison => {
                    self.ui.comparison.handle(action)
                        || self.with_view(|ui| &mut ui.cityshare, |v, app| v.handle(action, app))
                }
                View::Plans => {
                    let mut cities = std::mem::take(&mut self.ui.cityshare);
                    let done = self.with_view(
                        |ui| &mut ui.plans,
                        |v, app| v.handle(action, &mut cities, app),
                    );
                    self.ui.cityshare = cities;
                    done
                }
                View::Feedback => {
                    self.with_view(|ui| &mut ui.feedback, |v, app| v.handle(action, app))
                }
                View::Exercises => {
                    self.with_view(|ui| &mut ui.exercises, |v, app| v.handle(action, app))
                }
                View::Agenda => false,
            },
            _ => false,
        }
    }
}
