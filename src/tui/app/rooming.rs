//! The app as the room's host: a phone's submission decided and recorded like a key press,
//! answered only once it is durable; what the Room view shows copied from the room; the
//! facilitator's keys in the Room view.

use std::sync::Arc;

use super::App;
use crate::room::{Answer, Room, RoomPlan, Submission};
use crate::state::ALREADY_RECEIVED;
use crate::tui::keymap::Action;

impl App {
    /// Serves `room` from this app: the Room view appears, and submissions are taken.
    pub fn open_room(&mut self, room: Arc<Room>) {
        room.lock().plan = RoomPlan::of(self.state());
        self.room = Some(room);
        self.room_changed();
    }

    /// The room, if one is open.
    pub fn room(&self) -> Option<&Arc<Room>> {
        self.room.as_ref()
    }

    /// A phone's submission: decided against the state as a key press is, recorded, and
    /// answered once the event is on disk (a refusal at once, with why).
    pub fn take_submission(&mut self, submission: Submission) {
        let Submission {
            device,
            command,
            reply,
        } = submission;
        let answer = match self.run.history().decide(&command) {
            Err(refusal) if refusal.0 == ALREADY_RECEIVED => Answer::Thanks { again: true },
            Err(refusal) => Answer::Refused(refusal.0),
            // Thanked only once `settle` says the event is on disk.
            Ok(_) if self.execute(&command) && self.settle() => Answer::Thanks { again: false },
            Ok(_) => Answer::NotSaved,
        };
        if let Some(room) = &self.room {
            let line = match &answer {
                Answer::Thanks { again: false } => self
                    .ui
                    .status
                    .as_ref()
                    .map_or_else(|| format!("{device}: saved"), |s| s.text.clone()),
                Answer::Thanks { again: true } => format!("{device} sent the same form again"),
                Answer::Refused(why) => format!("{device}: refused: {why}"),
                Answer::NotSaved => format!("{device}: not saved"),
            };
            room.lock().said(line);
        }
        // The phone may have gone (a dropped connection): the event stands either way.
        let _ = reply.send(answer);
        self.room_changed();
    }

    /// At a clock tick: the phones see a walk-in's new city, and a new day's code, soon after.
    pub(super) fn room_tick(&mut self) {
        let Some(room) = &self.room else {
            return;
        };
        let plan = RoomPlan::of(self.state());
        room.show(crate::room::Board::of(self.state()));
        let code = room.lock().code.clone();
        room.new_day(self.state().zone().local(self.ui.now).date());
        let changed = {
            let mut shared = room.lock();
            let changed = shared.plan != plan || shared.code != code;
            if shared.plan != plan {
                shared.plan = plan;
            }
            changed
        };
        if changed {
            self.room_changed();
        }
    }

    /// Copies what the Room view shows from the room, and the plan the phones see from the
    /// state (a walk-in's new city can join).
    pub fn room_changed(&mut self) {
        let Some(room) = &self.room else {
            return;
        };
        room.new_day(self.state().zone().local(self.ui.now).date());
        room.show(crate::room::Board::of(self.state()));
        let plan = RoomPlan::of(self.state());
        let mut shared = room.lock();
        if shared.plan != plan {
            shared.plan = plan;
        }
        self.ui.room = Some(shared.clone());
        drop(shared);
        self.dirty = true;
    }

    /// Gives the device at `at` in the Room view's list a new name, or says why not.
    pub(super) fn rename_device(&mut self, at: usize, name: &str) -> Result<(), String> {
        let Some(room) = self.room.clone() else {
            return Err("no room is open".to_owned());
        };
        let name = name.trim();
        if name.is_empty() {
            return Err("a device needs a name".to_owned());
        }
        if let Some(why) = crate::safe_text::refused_char(name) {
            return Err(format!("the name {why}"));
        }
        {
            let mut shared = room.lock();
            if shared
                .devices
                .iter()
                .enumerate()
                .any(|(i, d)| i != at && d.name == name)
            {
                return Err(format!("another device is called {name}"));
            }
            let Some(device) = shared.devices.get_mut(at) else {
                return Err("that device is gone".to_owned());
            };
            let said = format!("{} is now called {name}", device.name);
            name.clone_into(&mut device.name);
            shared.said(said.clone());
            drop(shared);
            self.say(&said);
        }
        self.room_changed();
        Ok(())
    }

    /// The Room view's keys: open or close the self-assessment, move between devices,
    /// revoke one. False for keys that are not the Room view's.
    pub(super) fn act_in_room(&mut self, action: Action) -> bool {
        let Some(room) = self.room.clone() else {
            return false;
        };
        let devices = room.lock().devices.len();
        match action {
            Action::Up => self.ui.room_view.selected = self.ui.room_view.selected.saturating_sub(1),
            Action::Down => {
                self.ui.room_view.selected =
                    (self.ui.room_view.selected + 1).min(devices.saturating_sub(1));
            }
            Action::ToggleOpen | Action::TogglePeers | Action::ToggleFeedback => {
                let mut shared = room.lock();
                let (open, what) = match action {
                    Action::ToggleOpen => (&mut shared.assessment_open, "the self-assessment is"),
                    Action::TogglePeers => (&mut shared.peers_open, "peer ratings are"),
                    _ => (&mut shared.feedback_open, "the feedback forms are"),
                };
                *open = !*open;
                let said = format!(
                    "{what} {} the phones",
                    if *open { "open to" } else { "closed to" }
                );
                shared.said(said.clone());
                drop(shared);
                self.say(&said);
            }
            Action::EditLine => {
                let at = self.ui.room_view.selected;
                if let Some(name) = room.lock().devices.get(at).map(|d| d.name.clone()) {
                    self.open_input(crate::tui::ui::InputPurpose::RoomDevice(at), name);
                }
                return true;
            }
            Action::PreviousCity | Action::NextCity => {
                let at = self.ui.room_view.selected;
                let said = {
                    let mut shared = room.lock();
                    let cities = shared.plan.cities.clone();
                    let Some(device) = shared.devices.get_mut(at) else {
                        return true;
                    };
                    let now = cities.iter().position(|c| *c == device.city).unwrap_or(0);
                    let n = cities.len().max(1);
                    let next = if action == Action::NextCity {
                        (now + 1) % n
                    } else {
                        (now + n - 1) % n
                    };
                    let Some(city) = cities.get(next) else {
                        return true;
                    };
                    device.city.clone_from(city);
                    let said = format!("{} now answers for {city}", device.name);
                    shared.said(said.clone());
                    said
                };
                self.say(&said);
            }
            Action::Withdraw => {
                let mut shared = room.lock();
                let at = self.ui.room_view.selected;
                let said = shared.devices.get_mut(at).map(|device| {
                    device.revoked = !device.revoked;
                    if device.revoked {
                        format!("{} may send nothing more", device.name)
                    } else {
                        format!("{} may send again", device.name)
                    }
                });
                if let Some(said) = said {
                    shared.said(said.clone());
                    drop(shared);
                    self.say(&said);
                }
            }
            _ => return false,
        }
        self.room_changed();
        true
    }
}
