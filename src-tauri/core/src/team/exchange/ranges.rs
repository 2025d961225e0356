//! Chunk file names and the order to read them in. Compaction leaves, for a moment, a union
//! chunk beside the chunks it replaces, and a cloud drive may deliver chunks late or out of
//! order; the reading plan picks, after a cursor, chunks that give every seq exactly once, marks
//! the seqs of a chunk already read (to skip), and stops at a gap rather than jump past
//! operations that have not arrived yet.

use std::path::PathBuf;

/// One chunk file of a device: operations `first..=last`, one record per seq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkRef {
    pub device: String,
    pub first: u64,
    pub last: u64,
    pub path: PathBuf,
}

/// The file name of a chunk. Seqs are written without leading zeros so a range has one name.
pub fn chunk_name(first: u64, last: u64) -> String {
    format!("ops-{first}-{last}.tdx")
}

/// The range a chunk file name stands for (seqs count from 1); `None` for anything else a
/// folder holds: temp files, a cloud drive's "ops-1-5 (conflicted copy).tdx" or
/// "ops-1-5 (1).tdx", other people's files.
pub fn parse_chunk_name(name: &str) -> Option<(u64, u64)> {
    let range = name.strip_prefix("ops-")?.strip_suffix(".tdx")?;
    let (first, last) = range.split_once('-')?;
    let (first, last) = (seq(first)?, seq(last)?);
    (1 <= first && first <= last).then_some((first, last))
}

fn seq(digits: &str) -> Option<u64> {
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if canonical {
        digits.parse().ok()
    } else {
        None
    }
}

/// One file to read: apply its records after the first `skip`, which the reader has already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub chunk: ChunkRef,
    pub skip: usize,
}

/// What to read of one device after a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// In order. The caller applies them one by one and stops at the first that cannot be read,
    /// so its cursor never passes operations it has not applied.
    pub reads: Vec<Planned>,
    /// The first seq missing before later chunks: a file not yet delivered. Reading resumes
    /// there next time.
    pub waiting_for: Option<u64>,
}

impl Plan {
    /// The cursor after every planned read is applied.
    pub fn end(&self, cursor: u64) -> u64 {
        self.reads.last().map_or(cursor, |p| p.chunk.last)
    }
}

/// The reads that continue `cursor` (the last seq applied, 0 for none) through `chunks`.
/// At each step, of the chunks holding the next seq, one starting exactly there is preferred
/// (nothing read twice), the longest such; otherwise the longest holding it, with a skip.
pub fn plan(chunks: &[ChunkRef], cursor: u64) -> Plan {
    let mut plan = Plan::default();
    let mut covered = cursor;
    while let Some(next) = covered.checked_add(1) {
        let holding = chunks.iter().filter(|c| c.first <= next && next <= c.last);
        let best = holding.max_by_key(|c| (c.first == next, c.last));
        let Some(chunk) = best else {
            if chunks.iter().any(|c| c.first > next) {
                plan.waiting_for = Some(next);
            }
            break;
        };
        let skip = usize::try_from(next - chunk.first).unwrap_or(usize::MAX);
        plan.reads.push(Planned {
            chunk: chunk.clone(),
            skip,
        });
        covered = chunk.last;
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chunk(first: u64, last: u64) -> ChunkRef {
        ChunkRef {
            device: "aaa".into(),
            first,
            last,
            path: chunk_name(first, last).into(),
        }
    }

    fn ranges(plan: &Plan) -> Vec<(u64, u64, usize)> {
        plan.reads
            .iter()
            .map(|p| (p.chunk.first, p.chunk.last, p.skip))
            .collect()
    }

    #[test]
    fn chunk_names_round_trip() {
        assert_eq!(parse_chunk_name(&chunk_name(1, 5)), Some((1, 5)));
        assert_eq!(
            parse_chunk_name(&chunk_name(7, u64::MAX)),
            Some((7, u64::MAX))
        );
    }

    #[test]
    fn cloud_copies_temp_files_and_strays_are_not_chunks() {
        for name in [
            "ops-1-5 (conflicted copy).tdx",
            "ops-1-5 (1).tdx",
            "ops-1-5 (李娜's conflicted copy 2026-12-05).tdx",
            "ops-1-5-DESKTOP-7QK.tdx",
            ".ops-1-5.tdx.tmp-12-34",
            "ops-1-5.tdx.part",
            "ops-01-5.tdx",
            "ops-5-1.tdx",
            "ops--5.tdx",
            "ops-1-99999999999999999999999.tdx",
            "ops-+1-5.tdx",
            "ops-0-5.tdx",
            "seen.json",
            "desktop.ini",
        ] {
            assert_eq!(parse_chunk_name(name), None, "{name}");
        }
    }

    #[test]
    fn consecutive_chunks_are_read_in_order() {
        let p = plan(&[chunk(6, 9), chunk(1, 5), chunk(10, 10)], 0);
        assert_eq!(ranges(&p), vec![(1, 5, 0), (6, 9, 0), (10, 10, 0)]);
        assert_eq!(p.end(0), 10);
        assert_eq!(p.waiting_for, None);
    }

    #[test]
    fn chunks_already_read_are_not_planned() {
        let p = plan(&[chunk(1, 5), chunk(6, 9)], 5);
        assert_eq!(ranges(&p), vec![(6, 9, 0)]);
        assert_eq!(plan(&[chunk(1, 5)], 5), Plan::default());
    }

    #[test]
    fn during_compaction_the_union_and_its_parts_give_each_seq_once() {
        // The union is written before the parts are removed; a reader may list any mix.
        let all = [chunk(1, 5), chunk(6, 12), chunk(13, 20), chunk(1, 20)];
        assert_eq!(ranges(&plan(&all, 0)), vec![(1, 20, 0)]);
        assert_eq!(ranges(&plan(&all, 5)), vec![(6, 12, 0), (13, 20, 0)]);
        let half_removed = [chunk(13, 20), chunk(1, 20)];
        assert_eq!(ranges(&plan(&half_removed, 5)), vec![(1, 20, 5)]);
        assert_eq!(ranges(&plan(&half_removed, 12)), vec![(13, 20, 0)]);
    }

    #[test]
    fn a_missing_chunk_stops_the_plan_before_it() {
        let p = plan(&[chunk(1, 5), chunk(8, 9)], 0);
        assert_eq!(ranges(&p), vec![(1, 5, 0)]);
        assert_eq!(p.waiting_for, Some(6));
        assert_eq!(p.end(0), 5, "the cursor must not pass the gap");
    }

    proptest! {
        /// Whatever mix of parts and unions a reader lists (all of one device's history cut
        /// into chunks, some merged), reading from any cursor yields each later seq exactly once
        /// once the skips are applied.
        #[test]
        fn any_listing_of_parts_and_unions_yields_each_seq_once(
            cuts in proptest::collection::btree_set(1u64..60, 0..10),
            unions in proptest::collection::vec((0usize..12, 0usize..12), 0..4),
            cursor in 0u64..70,
        ) {
            let last = 60;
            let mut bounds: Vec<u64> = vec![0];
            bounds.extend(cuts.iter().copied());
            bounds.push(last);
            let mut chunks: Vec<ChunkRef> = bounds.windows(2).map(|w| chunk(w[0] + 1, w[1])).collect();
            let parts = chunks.len();
            for (a, b) in unions {
                let (a, b) = (a.min(b) % parts, a.max(b) % parts);
                let (a, b) = (a.min(b), a.max(b));
                chunks.push(chunk(chunks[a].first, chunks[b].last));
            }
            let p = plan(&chunks, cursor);
            let mut seqs = Vec::new();
            for r in &p.reads {
                let count = (r.chunk.last - r.chunk.first + 1) as usize;
                seqs.extend((r.chunk.first..=r.chunk.last).skip(r.skip).take(count));
            }
            let expected: Vec<u64> = (cursor + 1..=last).collect();
            prop_assert_eq!(seqs, expected);
            prop_assert_eq!(p.waiting_for, None);
        }
    }
}
