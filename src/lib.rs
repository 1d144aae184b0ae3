//! `workshop`: conduct a live capacity-building workshop from a laptop's terminal.
//!
//! The plan (`plan`) says what a workshop intends; the store (`store`) records what happens in
//! the room as an append-only log of events (`event`); the state (`state`) is the fold of those
//! events over the plan.

pub mod backup;
pub mod cli;
pub mod doctor;
pub mod event;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod plan;
pub mod room;
pub mod roster;
pub mod run;
pub mod safe_text;
pub mod scores;
pub mod search;
pub mod sheet;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
