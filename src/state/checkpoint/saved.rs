//! A snapshot as the store keeps it: a header (format, version, what was undone), then each
//! folded part encoded on its own, so that opening a run decodes them on two threads. Each
//! section is its length (4 bytes, big-endian) and its CBOR.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::{Checkpoint, Snapshot};
use crate::state::Folded;
use crate::state::history::Events;

/// Changes whenever what a snapshot holds, or what an event does to the state, changes: a
/// snapshot saved under another number, or by another version of workshop, is not used, and the run
/// is folded from its events instead.
const FORMAT: u32 = 7;

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    version: String,
    seq: u64,
    /// Every event undone by then; a snapshot is only used while no later undo reaches into it.
    undone: BTreeSet<u64>,
    /// The undoable events as runs of consecutive numbers (first, last): nearly every event
    /// is one, so this is a few hundred pairs rather than a number per event.
    undoable: Vec<(u64, u64)>,
}

/// `checkpoint` saved with what `events` knows of undos. `None` if it could not be written.
pub(super) fn encode(events: &Events, checkpoint: &Checkpoint) -> Option<Vec<u8>> {
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        seq: checkpoint.seq,
        undone: events.undone.clone(),
        undoable: runs(&events.undoable),
    };
    let mut out = Vec::new();
    section(&mut out, &header)?;
    section(&mut out, &checkpoint.folded.participants)?;
    section(&mut out, &checkpoint.folded.agenda)?;
    section(&mut out, &checkpoint.folded.attendance)?;
    section(&mut out, &checkpoint.folded.assessment)?;
    section(&mut out, &checkpoint.folded.plans)?;
    section(&mut out, &checkpoint.folded.exercises)?;
    Some(out)
}

/// Reads a saved snapshot; `None` when it is damaged, or was written by another version.
pub(super) fn decode(bytes: &[u8]) -> Option<Snapshot> {
    let [
        header,
        participants,
        agenda,
        attendance,
        assessment,
        plans,
        exercises,
    ] = sections(bytes)?;
    let header: Header = cbor(header)?;
    if header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    // The agenda and the plans are about half the work: decoded beside the rest.
    let (agenda, plans) = std::thread::scope(|scope| {
        let beside = std::thread::Builder::new()
            .name("snapshot".into())
            .spawn_scoped(scope, || (cbor(agenda), cbor(plans)));
        let rest = (
            cbor(participants),
            cbor(attendance),
            cbor(assessment),
            cbor(exercises),
        );
        let beside = match beside {
            Ok(handle) => handle.join().ok(),
            Err(_) => None,
        }
        .unwrap_or_else(|| (cbor(agenda), cbor(plans)));
        (beside, rest)
    });
    let ((agenda, plans), (participants, attendance, assessment, exercises)) = (agenda, plans);
    Some(Snapshot {
        undone: header.undone,
        undoable: header
            .undoable
            .into_iter()
            .flat_map(|(first, last)| first..=last)
            .collect(),
        checkpoint: Checkpoint {
            seq: header.seq,
            folded: Folded {
                participants: participants?,
                agenda: agenda?,
                attendance: attendance?,
                assessment: assessment?,
                plans: plans?,
                exercises: exercises?,
            },
        },
    })
}

fn section(out: &mut Vec<u8>, value: &impl Serialize) -> Option<()> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).ok()?;
    out.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&bytes);
    Some(())
}

fn sections(mut bytes: &[u8]) -> Option<[&[u8]; 7]> {
    let mut found = [&[][..]; 7];
    for slot in &mut found {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let (section, rest) =
            rest.split_at_checked(usize::try_from(u32::from_be_bytes(*len)).ok()?)?;
        *slot = section;
        bytes = rest;
    }
    bytes.is_empty().then_some(found)
}

fn cbor<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    ciborium::from_reader(bytes).ok()
}

/// `seqs` (ascending) as runs of consecutive numbers.
fn runs(seqs: &[u64]) -> Vec<(u64, u64)> {
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for &seq in seqs {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == seq => *last = seq,
            _ => runs.push((seq, seq)),
        }
    }
    runs
}
