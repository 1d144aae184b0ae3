//! Shortcuts kept beside the log, never the truth: snapshots of the state (opening reads the
//! newest and the events after it) and packed segments of the log (whole-log reads take
//! 4,096 events at once). Each is used only while the log still holds the very event it was
//! made through.

use std::sync::atomic::Ordering;

use super::{SNAPSHOTS_KEPT, Store, StoreError, UNKNOWN, decode_seq, segments};

impl Store {
    /// Saves `snapshot`, the state folded through event `seq` (which the log must hold), and
    /// drops all but the newest few. Not synced by itself: a snapshot is a shortcut, made
    /// durable by the next commit; one lost costs only a slower opening.
    pub fn save_snapshot(&self, seq: u64, snapshot: &[u8]) -> Result<(), StoreError> {
        let handles = self.handles()?;
        let Some(event) = handles
            .log
            .events
            .get(seq.to_be_bytes())
            .map_err(|e| self.sled_error(e))?
        else {
            return Err(self.damaged("new snapshot", format!("the log holds no event {seq}")));
        };
        // The snapshot begins with its event's record, so that it is not taken for the snapshot of
        // another log (a store rebuilt, or cut short by damage).
        let mut value = Vec::with_capacity(8 + event.len() + snapshot.len());
        value.extend_from_slice(&(event.len() as u64).to_be_bytes());
        value.extend_from_slice(&event);
        value.extend_from_slice(snapshot);
        handles
            .snapshots
            .insert(seq.to_be_bytes(), value)
            .map_err(|e| self.sled_error(e))?;
        let seqs = self.snapshot_seqs();
        for old in seqs.iter().skip(SNAPSHOTS_KEPT) {
            handles
                .snapshots
                .remove(old.to_be_bytes())
                .map_err(|e| self.sled_error(e))?;
        }
        Ok(())
    }

    /// Packs each whole segment of the log through event `seq` that is not packed yet (see
    /// [`segments`]); every event through `seq` must be durable. Not synced by itself: like
    /// a snapshot, a packed segment is a copy, made durable by the next commit.
    pub fn pack_segments_through(&self, seq: u64) -> Result<(), StoreError> {
        let log = &self.handles()?.log;
        let seq = seq.min(self.event_count());
        let mut first = match self.next_to_pack.load(Ordering::Relaxed) {
            UNKNOWN => match log.packed.last().map_err(|e| self.sled_error(e))? {
                Some((key, _)) => decode_seq(&self.dir, &key)? + segments::SEGMENT,
                None => 1,
            },
            known => known,
        };
        let mut last = segments::last_of(first);
        while last <= seq {
            let records: Vec<sled::IVec> = log
                .events
                .range(first.to_be_bytes()..=last.to_be_bytes())
                .values()
                .collect::<Result<_, _>>()
                .map_err(|e| self.sled_error(e))?;
            // A segment the log does not hold whole stays unpacked, and is read from the log.
            if let Some(value) = segments::pack(records.iter().map(AsRef::as_ref)) {
                log.packed
                    .insert(first.to_be_bytes(), value)
                    .map_err(|e| self.sled_error(e))?;
            }
            first = last + 1;
            last = segments::last_of(first);
        }
        self.next_to_pack.store(first, Ordering::Relaxed);
        Ok(())
    }

    /// How many segments of the log are packed, whether or not each still holds.
    pub fn packed_segment_count(&self) -> usize {
        self.sled.as_ref().map_or(0, |h| h.log.packed.len())
    }

    /// The events the snapshots were folded through, newest first.
    pub fn snapshot_seqs(&self) -> Vec<u64> {
        let Some(handles) = &self.sled else {
            return Vec::new();
        };
        handles
            .snapshots
            .iter()
            .keys()
            .rev()
            .filter_map(|key| decode_seq(&self.dir, &key.ok()?).ok())
            .collect()
    }

    /// The snapshot saved through event `seq`, if there is one and the log still holds the
    /// very event it was folded through. Anything unreadable counts as no snapshot.
    pub fn snapshot(&self, seq: u64) -> Option<Vec<u8>> {
        let value = self
            .sled
            .as_ref()?
            .snapshots
            .get(seq.to_be_bytes())
            .ok()??;
        self.verified(seq, &value)
    }

    /// The snapshots through events before `limit`, newest first, each with the event it
    /// was folded through; read one by one, as the caller goes on. Those [`Store::snapshot`]
    /// would not give are passed over.
    pub fn snapshots_before(&self, limit: u64) -> impl Iterator<Item = (u64, Vec<u8>)> + '_ {
        self.sled
            .iter()
            .flat_map(move |handles| handles.snapshots.range(..limit.to_be_bytes()).rev())
            .filter_map(move |entry| {
                let (key, value) = entry.ok()?;
                let seq = decode_seq(&self.dir, &key).ok()?;
                self.verified(seq, &value).map(|snapshot| (seq, snapshot))
            })
    }

    /// The snapshot in `value`, saved through event `seq`, if the log holds that very event.
    fn verified(&self, seq: u64, value: &[u8]) -> Option<Vec<u8>> {
        let event = self
            .sled
            .as_ref()?
            .log
            .events
            .get(seq.to_be_bytes())
            .ok()??;
        let (len, rest) = value.split_first_chunk::<8>()?;
        let (saved_event, snapshot) =
            rest.split_at_checked(usize::try_from(u64::from_be_bytes(*len)).ok()?)?;
        (saved_event == event.as_ref()).then(|| snapshot.to_vec())
    }

    /// Drops the snapshots through event `seq` or later: `seq` was undone, and they include it.
    /// Only the snapshots from `seq` on are read (an undo's target is recent, so usually none),
    /// not every snapshot: each is a blob file of the whole state.
    pub fn drop_snapshots_from(&self, seq: u64) -> Result<(), StoreError> {
        let snapshots = &self.handles()?.snapshots;
        let newer: Vec<sled::IVec> = snapshots
            .range(seq.to_be_bytes()..)
            .keys()
            .collect::<Result<_, _>>()
            .map_err(|e| self.sled_error(e))?;
        for key in newer {
            snapshots.remove(key).map_err(|e| self.sled_error(e))?;
        }
        Ok(())
    }

    /// Whether a snapshot through event `seq` is saved (whether or not it still holds).
    pub fn has_snapshot(&self, seq: u64) -> bool {
        self.sled
            .as_ref()
            .is_some_and(|h| h.snapshots.contains_key(seq.to_be_bytes()).unwrap_or(false))
    }
}
