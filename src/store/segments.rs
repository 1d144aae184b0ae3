//! Packed segments: once every event of a segment of [`SEGMENT`] is durable, the segment's
//! records are also kept together, compressed, as one record of their own.
//!
//! Why: sled keeps every page it has read in memory (its cache evicts only after some
//! sixteen thousand page reads, more than a two-week log has pages), so one read of the
//! whole log (an export, a backup, an opening without a snapshot) used to leave twice the
//! log's size resident for good. A packed segment is a sixth of its records' size and is
//! read as a few large pages. The log stays the truth: a packed segment is a copy, used
//! only while the log still holds its very last event, and anything that does not read
//! back as exactly [`SEGMENT`] records counts as no packed copy.

/// How many events a packed segment holds: segment `k` (from 0) holds events
/// `k * SEGMENT + 1 ..= (k + 1) * SEGMENT`.
pub(super) const SEGMENT: u64 = 4096;

/// Nothing real comes near this: a segment's records are some 700 KB. A damaged length
/// is refused before anything that size is allocated.
const LARGEST_OPENED: usize = 256 * 1024 * 1024;

/// The first event of the segment that holds event `seq` (which is at least 1).
pub(super) fn first_of(seq: u64) -> u64 {
    (seq.max(1) - 1) / SEGMENT * SEGMENT + 1
}

/// The last event of the segment that begins at `first`.
pub(super) fn last_of(first: u64) -> u64 {
    first.saturating_add(SEGMENT - 1)
}

/// The packed record of a segment's records, in order: the CRC-32 of the framed records,
/// then the framed records compressed. `None` if there are not exactly [`SEGMENT`] of them or
/// one is too long to frame.
pub(super) fn pack<'a>(records: impl IntoIterator<Item = &'a [u8]>) -> Option<Vec<u8>> {
    let mut framed = Vec::new();
    let mut count = 0;
    for record in records {
        let len = u32::try_from(record.len()).ok()?;
        framed.extend_from_slice(&len.to_le_bytes());
        framed.extend_from_slice(record);
        count += 1;
    }
    if count != SEGMENT {
        return None;
    }
    let mut packed = crc32fast::hash(&framed).to_le_bytes().to_vec();
    packed.extend(lz4_flex::compress_prepend_size(&framed));
    Some(packed)
}

/// A packed segment, opened: its [`SEGMENT`] records one after another, each after its
/// length.
pub(super) struct Segment {
    framed: Vec<u8>,
    last: std::ops::Range<usize>,
}

impl Segment {
    /// Opens a packed record; `None` if it is damaged in any way or does not frame [`SEGMENT`]
    /// records.
    pub(super) fn open(packed: &[u8]) -> Option<Self> {
        let (crc, packed) = packed.split_first_chunk::<4>()?;
        let (size, compressed) = lz4_flex::block::uncompressed_size(packed).ok()?;
        // lz4 cannot expand anything more than 255 times.
        if size > LARGEST_OPENED || size / 255 > compressed.len() {
            return None;
        }
        let mut framed = vec![0; size];
        if lz4_flex::block::decompress_into(compressed, &mut framed).ok()? != size
            || crc32fast::hash(&framed) != u32::from_le_bytes(*crc)
        {
            return None;
        }
        let mut at = 0;
        let mut last = 0..0;
        for _ in 0..SEGMENT {
            let (len, rest) = framed.get(at..)?.split_first_chunk::<4>()?;
            let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
            let start = at + 4;
            if rest.len() < len {
                return None;
            }
            last = start..start + len;
            at = start + len;
        }
        (at == framed.len()).then_some(Self { framed, last })
    }

    /// The records, in order.
    pub(super) fn records(&self) -> impl Iterator<Item = &[u8]> {
        let mut rest = self.framed.as_slice();
        std::iter::from_fn(move || {
            let (len, after) = rest.split_first_chunk::<4>()?;
            let (record, after) =
                after.split_at_checked(usize::try_from(u32::from_le_bytes(*len)).ok()?)?;
            rest = after;
            Some(record)
        })
    }

    /// The last record.
    pub(super) fn last(&self) -> &[u8] {
        &self.framed[self.last.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Vec<Vec<u8>> {
        (0..SEGMENT)
            .map(|i| {
                format!(r#"{{"at":"x","event":{{"kind":"note-added","n":{i}}}}}"#).into_bytes()
            })
            .collect()
    }

    #[test]
    fn segments_are_numbered_from_one() {
        assert_eq!(first_of(1), 1);
        assert_eq!(first_of(SEGMENT), 1);
        assert_eq!(first_of(SEGMENT + 1), SEGMENT + 1);
        assert_eq!(last_of(first_of(3 * SEGMENT + 7)), 4 * SEGMENT);
    }

    #[test]
    fn a_packed_segment_opens_to_its_records() {
        let records = records();
        let packed = pack(records.iter().map(Vec::as_slice)).unwrap_or_default();
        assert!(packed.len() * 4 < records.iter().map(Vec::len).sum::<usize>());
        let segment = Segment::open(&packed).unwrap_or_else(|| panic!("does not open"));
        assert!(segment.records().eq(records.iter().map(Vec::as_slice)));
        assert_eq!(segment.last(), records[records.len() - 1].as_slice());
    }

    #[test]
    fn only_a_whole_segment_is_packed() {
        let records = records();
        assert!(pack(records[1..].iter().map(Vec::as_slice)).is_none());
        let mut more = records.clone();
        more.push(b"{}".to_vec());
        assert!(pack(more.iter().map(Vec::as_slice)).is_none());
    }

    #[test]
    fn a_damaged_packed_segment_does_not_open() {
        let records = records();
        let packed = pack(records.iter().map(Vec::as_slice)).unwrap_or_default();
        assert!(Segment::open(&packed[..packed.len() - 1]).is_none());
        assert!(Segment::open(&[]).is_none());
        // A size that claims far more than the bytes could hold.
        let mut huge = packed.clone();
        huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Segment::open(&huge).is_none());
        // Bytes flipped in turn (the head's every one, then one in 97): never a panic,
        // never other records.
        for at in (0..16).chain((16..packed.len()).step_by(97)) {
            let mut flipped = packed.clone();
            flipped[at] ^= 0x5a;
            assert!(Segment::open(&flipped).is_none(), "byte {at} flipped");
        }
    }
}
