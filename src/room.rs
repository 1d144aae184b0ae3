//! The room's own voice: an HTTP server on the room's network (never without `--room`) that
//! lets participants' phones join by a code and send their city's self-assessment. The
//! facilitator's app stays the one source of truth: a submission becomes an event only
//! through the app's own checks and durable append, and the phone is thanked only once the
//! event is on disk.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::{Notify, mpsc, oneshot};

use crate::state::{Command, State};

mod pages;
mod server;
mod words;

pub use server::{bind, router};

/// How many lines of what arrived the Room view keeps.
const FEED_LINES: usize = 50;

/// Where the room server listens: `--bind` (else the laptop's first private address) and
/// `--port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomConfig {
    pub bind: Option<IpAddr>,
    pub port: u16,
}

/// A phone that joined: its secret (the cookie), the name shown for it, and its city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The cookie's random value; never shown, never written to the store.
    pub secret: String,
    /// "Bangkok 1": its city and a number, as the facilitator sees it.
    pub name: String,
    pub city: String,
    pub joined: DateTime<Utc>,
    /// Revoked by the facilitator: it may send nothing more.
    pub revoked: bool,
}

/// What the phones are shown of the plan: its title, cities and assessment framework.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomPlan {
    pub title: String,
    pub cities: Vec<String>,
    /// Each criterion: id, title, description.
    pub criteria: Vec<(String, String, String)>,
    /// Each level: value, label, descriptor.
    pub levels: Vec<(u8, String, String)>,
    /// How the scale names "unknown / not applicable".
    pub unknown: String,
    /// Each module: id and title.
    pub modules: Vec<(String, String)>,
}

impl RoomPlan {
    /// The plan as the phones see it, from the run's state.
    pub fn of(state: &State) -> Self {
        let framework = state.plan().framework();
        Self {
            title: state.plan().title.clone(),
            cities: state.cities().to_vec(),
            criteria: framework
                .criteria
                .iter()
                .map(|c| (c.id.clone(), c.title.clone(), c.description.clone()))
                .collect(),
            levels: framework
                .scale
                .levels
                .iter()
                .map(|l| (l.value, l.label.clone(), l.descriptor.clone()))
                .collect(),
            unknown: framework.scale.unknown.label.clone(),
            modules: state
                .plan()
                .modules
                .iter()
                .map(|m| (m.id.clone(), m.title.clone()))
                .collect(),
        }
    }
}

/// The second screen's picture: each city's own level on each criterion, and how much
/// of the self-assessment is done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    /// The criteria's titles, in the framework's order.
    pub criteria: Vec<String>,
    /// Each city with its own level on each criterion (0 unknown, `None` not given).
    pub rows: Vec<(String, Vec<Option<u8>>)>,
}

impl Board {
    /// The board of the run as it stands.
    pub fn of(state: &State) -> Self {
        let framework = state.plan().framework();
        Self {
            criteria: framework.criteria.iter().map(|c| c.title.clone()).collect(),
            rows: state
                .cities()
                .iter()
                .map(|city| {
                    let levels = framework
                        .criteria
                        .iter()
                        .map(|c| state.self_level(city, &c.id))
                        .collect();
                    (city.clone(), levels)
                })
                .collect(),
        }
    }

    /// Levels given, of all there are to give.
    pub fn done(&self) -> (usize, usize) {
        let given = self
            .rows
            .iter()
            .map(|(_, levels)| levels.iter().filter(|l| l.is_some()).count())
            .sum();
        (given, self.rows.len() * self.criteria.len())
    }
}

/// What the server and the Room view share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomState {
    /// Today's join code: five letters, new each day.
    pub code: String,
    pub code_day: Option<NaiveDate>,
    /// Every address the room is served on, `http://ADDR:PORT`.
    pub addresses: Vec<String>,
    /// The `Host` headers a request may carry: `ADDR:PORT` of each address.
    pub hosts: Vec<String>,
    pub devices: Vec<Device>,
    /// What arrived, newest last.
    pub feed: VecDeque<String>,
    /// Whether phones may send their city's self-assessment now.
    pub assessment_open: bool,
    /// The key the second screen's address carries (`/screen?k=KEY`).
    pub screen_key: String,
    /// What the second screen shows.
    pub board: Board,
    /// Whether phones may rate other cities now.
    pub peers_open: bool,
    /// Whether phones may give their feedback on the modules now.
    pub feedback_open: bool,
    pub plan: RoomPlan,
}

impl RoomState {
    /// Adds a line to what arrived.
    pub fn said(&mut self, line: String) {
        self.feed.push_back(line);
        while self.feed.len() > FEED_LINES {
            self.feed.pop_front();
        }
    }

    /// The device with this cookie secret, unless revoked.
    pub fn device(&self, secret: &str) -> Option<&Device> {
        self.devices
            .iter()
            .find(|d| d.secret == secret && !d.revoked)
    }

    /// The join address of the first served address: what the QR code holds.
    pub fn join_url(&self) -> Option<String> {
        self.addresses
            .first()
            .map(|a| format!("{a}/j/{}", self.code))
    }
}

/// What a phone's submission asks of the app, and where to answer.
#[derive(Debug)]
pub struct Submission {
    /// The device's name as shown to the facilitator.
    pub device: String,
    pub command: Command,
    pub reply: oneshot::Sender<Answer>,
}

/// The app's answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// On disk; `again` when this form had already been received.
    Thanks { again: bool },
    /// Refused, with why, in words a participant can act on.
    Refused(String),
    /// The app could not save it (a full disk): the phone may send it again.
    NotSaved,
}

/// The room as the server and the app both hold it.
#[derive(Debug)]
pub struct Room {
    state: Mutex<RoomState>,
    /// Woken when a device joins or leaves, so the app redraws.
    pub changed: Notify,
    /// Where submissions go: the app's loop.
    pub submissions: mpsc::Sender<Submission>,
    /// Bumped whenever the board changes: the second screens wait on it.
    pub board_changed: tokio::sync::watch::Sender<u64>,
    /// Which device gave feedback on which module, as keyed hashes only: the key lives in
    /// memory and is never written, so neither the store nor this set ties a form to a
    /// phone, yet a phone gives one form a module.
    feedback_given: Mutex<HashSet<u64>>,
    feedback_key: RandomState,
}

impl Room {
    /// A room for `plan`, sending submissions to `submissions`.
    pub fn new(
        plan: RoomPlan,
        submissions: mpsc::Sender<Submission>,
        today: NaiveDate,
    ) -> Arc<Self> {
        let room = Arc::new(Self {
            state: Mutex::new(RoomState {
                plan,
                ..RoomState::default()
            }),
            changed: Notify::new(),
            submissions,
            board_changed: tokio::sync::watch::Sender::new(0),
            feedback_given: Mutex::new(HashSet::new()),
            feedback_key: RandomState::new(),
        });
        room.new_day(today);
        // 64 random bits: enough for a read-only page on the room's network, and short
        // enough to type on the machine that drives the projector.
        let mut key = device_secret().unwrap_or_default();
        key.truncate(16);
        room.lock().screen_key = key;
        room
    }

    /// Puts `board` up, waking the second screens if it changed.
    pub fn show(&self, board: Board) {
        let mut state = self.lock();
        if state.board != board {
            state.board = board;
            drop(state);
            self.board_changed.send_modify(|n| *n += 1);
        }
    }

    /// The shared state, locked; a poisoned lock (a panicking handler) is taken over.
    pub fn lock(&self) -> MutexGuard<'_, RoomState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Marks `device`'s feedback on `module` as given: false if it was already.
    pub fn give_feedback(&self, device: &str, module: &str) -> bool {
        let key = self.feedback_key.hash_one((device, module));
        self.feedback_given
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key)
    }

    /// Takes back [`Room::give_feedback`]: the form was not saved, and may be sent again.
    pub fn feedback_not_given(&self, device: &str, module: &str) {
        let key = self.feedback_key.hash_one((device, module));
        self.feedback_given
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&key);
    }

    /// A new join code if `today` is a new day.
    pub fn new_day(&self, today: NaiveDate) {
        let mut state = self.lock();
        if state.code_day != Some(today) {
            state.code = join_code();
            state.code_day = Some(today);
        }
    }
}

/// Five capital letters, none easily misread (no I, O, Q, 0 or 1 look-alikes).
fn join_code() -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let mut bytes = [0u8; 5];
    // Without the OS's randomness a code is still made, from the clock: a join code only
    // keeps out those not in the room, who cannot see the screen.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = Utc::now().timestamp_subsec_nanos().to_le_bytes();
        bytes[..4].copy_from_slice(&nanos);
    }
    bytes
        .iter()
        .map(|b| char::from(LETTERS[usize::from(*b) % LETTERS.len()]))
        .collect()
}

/// A device's secret: 128 random bits as hex, or `None` without the OS's randomness (no
/// device is let in on a guessable secret).
pub fn device_secret() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().fold(String::with_capacity(32), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    }))
}
