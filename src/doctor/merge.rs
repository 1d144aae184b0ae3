//! Putting a run's log back together from what its store still reads and its newest backup.

use std::collections::BTreeMap;

use crate::event::Recorded;

/// The log a repair would write, and where its events come from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    /// Events numbered from 1 without a gap: the store's where it reads them, else the
    /// backup's.
    pub events: Vec<Recorded>,
    /// The numbers of the events taken from the backup.
    pub restored: Vec<u64>,
    /// Events the store still reads beyond a gap that nothing fills: a rebuilt run cannot hold
    /// them, since later events may refer to the missing ones by number.
    pub stranded: Vec<u64>,
    /// The first event that the store and the backup hold differently: two histories, which
    /// no repair should mix.
    pub conflict: Option<u64>,
}

/// Merges the events the store reads (`store`, in order, maybe with gaps) with a backup's
/// (`backup`, numbered from 1 without a gap), event by event, up to the first number that
/// neither holds or where they differ.
pub fn merge(store: &[Recorded], backup: &[Recorded]) -> Merged {
    let held: BTreeMap<u64, &Recorded> = store.iter().map(|r| (r.seq, r)).collect();
    let mut merged = Merged::default();
    let mut seq = 1;
    loop {
        let backed_up = usize::try_from(seq - 1)
            .ok()
            .and_then(|i| backup.get(i))
            .filter(|r| r.seq == seq);
        let next = match (held.get(&seq).copied(), backed_up) {
            (Some(ours), Some(theirs)) if ours != theirs => {
                merged.conflict = Some(seq);
                break;
            }
            (Some(ours), _) => ours,
            (None, Some(theirs)) => {
                merged.restored.push(seq);
                theirs
            }
            (None, None) => break,
        };
        merged.events.push(next.clone());
        seq += 1;
    }
    if merged.conflict.is_none() {
        merged.stranded = held.range(seq..).map(|(seq, _)| *seq).collect();
    }
    merged
}

/// `1-4, 7, 9-12`: a sorted list of numbers as ranges.
pub fn ranges(numbers: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        let mut end = start;
        while i + 1 < numbers.len() && numbers[i + 1] == end + 1 {
            i += 1;
            end = numbers[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::event::Event;

    fn event(seq: u64, text: &str) -> Recorded {
        Recorded {
            seq,
            at: Utc
                .timestamp_opt(1_700_000_000 + i64::try_from(seq).unwrap_or(0), 0)
                .unwrap(),
            event: Event::MessageSet {
                text: Some(text.to_owned()),
            },
        }
    }

    fn log(range: std::ops::RangeInclusive<u64>) -> Vec<Recorded> {
        range.map(|seq| event(seq, &format!("m{seq}"))).collect()
    }

    fn seqs(events: &[Recorded]) -> Vec<u64> {
        events.iter().map(|r| r.seq).collect()
    }

    #[test]
    fn a_store_ahead_of_its_backup_is_kept_whole() {
        let merged = merge(&log(1..=10), &log(1..=6));
        assert_eq!(merged.events, log(1..=10));
        assert!(merged.restored.is_empty() && merged.stranded.is_empty());
        assert_eq!(merged.conflict, None);
    }

    #[test]
    fn a_store_cut_short_is_completed_from_the_backup() {
        let merged = merge(&log(1..=4), &log(1..=9));
        assert_eq!(merged.events, log(1..=9));
        assert_eq!(merged.restored, vec![5, 6, 7, 8, 9]);
    }

    #[test]
    fn a_damaged_record_is_filled_from_the_backup_and_the_store_goes_on() {
        let mut store = log(1..=12);
        store.remove(4);
        let merged = merge(&store, &log(1..=8));
        assert_eq!(merged.events, log(1..=12));
        assert_eq!(merged.restored, vec![5]);
    }

    #[test]
    fn events_beyond_an_unfilled_gap_are_stranded_not_renumbered() {
        let mut store = log(1..=12);
        store.drain(6..9);
        let merged = merge(&store, &log(1..=5));
        assert_eq!(seqs(&merged.events), (1..=6).collect::<Vec<_>>());
        assert_eq!(merged.stranded, vec![10, 11, 12]);
    }

    #[test]
    fn two_histories_are_not_mixed() {
        let mut store = log(1..=8);
        store[5] = event(6, "another history");
        let merged = merge(&store, &log(1..=8));
        assert_eq!(merged.conflict, Some(6));
        assert_eq!(seqs(&merged.events), vec![1, 2, 3, 4, 5]);
        assert!(merged.stranded.is_empty());
    }

    #[test]
    fn no_backup_keeps_what_the_store_reads() {
        assert_eq!(merge(&log(1..=3), &[]).events, log(1..=3));
        assert_eq!(merge(&[], &[]), Merged::default());
    }

    #[test]
    fn numbers_read_as_ranges() {
        assert_eq!(ranges(&[1, 2, 3, 4, 7, 9, 10, 11, 12]), "1-4, 7, 9-12");
        assert_eq!(ranges(&[5]), "5");
        assert_eq!(ranges(&[]), "");
    }
}
