//! A sync pack: the operations of several devices in one `.tdpack` file, for a team without a
//! shared folder (sent by mail or IM). Each section says whose operations it holds and which seq
//! range, one record per seq, so a receiver can tell what it has already applied and a pack
//! applied twice changes nothing.

use super::container::{self, Cursor, Header, Kind, Reason, WriteError};

/// One device's operations `first..=last`, one record per seq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub device: String,
    pub first: u64,
    pub last: u64,
    pub records: Vec<Vec<u8>>,
}

impl Section {
    /// The records this receiver has not yet applied, given how far it has applied the
    /// section's device (`cursor`, 0 for nothing): empty when the pack was applied before.
    pub fn after(&self, cursor: u64) -> &[Vec<u8>] {
        let skip = cursor.saturating_add(1).saturating_sub(self.first);
        let skip = usize::try_from(skip).unwrap_or(usize::MAX);
        self.records.get(skip..).unwrap_or(&[])
    }
}

/// A read pack: who made it and its sections, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub sender: String,
    pub sections: Vec<Section>,
}

impl Pack {
    /// The (device, first, last) ranges the pack covers, for the caller to compare with what it
    /// has applied before applying anything.
    pub fn ranges(&self) -> Vec<(&str, u64, u64)> {
        self.sections
            .iter()
            .map(|s| (s.device.as_str(), s.first, s.last))
            .collect()
    }
}

/// The pack file's bytes. The header's seq range is unused (0-0): each section has its own.
pub fn write(team: &str, sender: &str, sections: &[Section]) -> Result<Vec<u8>, WriteError> {
    let mut payload = Vec::new();
    for s in sections {
        if !container::valid_id(&s.device) {
            return Err(WriteError::BadId(s.device.clone()));
        }
        if s.first > s.last || s.last - s.first + 1 != s.records.len() as u64 {
            return Err(WriteError::BadRange {
                first: s.first,
                last: s.last,
            });
        }
        payload.push(s.device.len() as u8);
        payload.extend_from_slice(s.device.as_bytes());
        payload.extend_from_slice(&s.first.to_le_bytes());
        payload.extend_from_slice(&s.last.to_le_bytes());
        let records = container::write_records(&s.records);
        payload.extend_from_slice(&(records.len() as u64).to_le_bytes());
        payload.extend_from_slice(&records);
    }
    let header = Header {
        kind: Kind::Pack,
        team: team.into(),
        device: sender.into(),
        first: 0,
        last: 0,
    };
    container::write(&header, &payload)
}

/// Reads a pack of `team`. The payload passed its checksum, so a section that does not parse or
/// whose record count disagrees with its range makes the whole pack corrupted: none of it is
/// applied.
pub fn read(bytes: &[u8], team: &str) -> Result<Pack, Reason> {
    let (header, payload) = container::read(bytes, Kind::Pack, team)?;
    let mut r = Cursor {
        bytes: &payload,
        at: 0,
    };
    let mut sections = Vec::new();
    while r.at < payload.len() {
        sections.push(section(&mut r).map_err(|_| Reason::Corrupted)?);
    }
    Ok(Pack {
        sender: header.device,
        sections,
    })
}

fn section(r: &mut Cursor) -> Result<Section, Reason> {
    let device = r.id()?;
    let (first, last, len) = (r.u64()?, r.u64()?, r.u64()?);
    let len = usize::try_from(len).map_err(|_| Reason::Corrupted)?;
    let records: Vec<Vec<u8>> = container::read_records(r.take(len)?)?
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect();
    if first > last || last - first + 1 != records.len() as u64 {
        return Err(Reason::Corrupted);
    }
    Ok(Section {
        device,
        first,
        last,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAM: &str = "7f3a9c21e0b44d58";

    fn section(device: &str, first: u64, last: u64) -> Section {
        Section {
            device: device.into(),
            first,
            last,
            records: (first..=last)
                .map(|seq| format!(r#"{{"uid":"{device}-{seq}"}}"#).into_bytes())
                .collect(),
        }
    }

    #[test]
    fn a_pack_reads_back_every_section_in_order() {
        let sections = vec![section("aaa", 1, 3), section("bbb", 40, 41)];
        let pack = read(&write(TEAM, "aaa", &sections).unwrap(), TEAM).unwrap();
        assert_eq!(pack.sender, "aaa");
        assert_eq!(pack.sections, sections);
        assert_eq!(pack.ranges(), vec![("aaa", 1, 3), ("bbb", 40, 41)]);
    }

    #[test]
    fn a_pack_applied_twice_has_nothing_new_the_second_time() {
        let pack = read(
            &write(TEAM, "aaa", &[section("aaa", 1, 3), section("bbb", 5, 6)]).unwrap(),
            TEAM,
        )
        .unwrap();
        // The receiver's cursors per device, advanced as a caller does after applying.
        let mut cursors = std::collections::BTreeMap::<String, u64>::new();
        let mut applied = 0;
        for _ in 0..2 {
            for s in &pack.sections {
                let cursor = cursors.get(&s.device).copied().unwrap_or(0);
                applied += s.after(cursor).len();
                cursors.insert(s.device.clone(), cursor.max(s.last));
            }
        }
        assert_eq!(applied, 5, "the second application must find nothing new");
    }

    #[test]
    fn a_section_partly_applied_gives_only_the_rest() {
        let s = section("aaa", 10, 14);
        assert_eq!(s.after(0).len(), 5);
        assert_eq!(s.after(9).len(), 5);
        assert_eq!(s.after(12), &s.records[3..]);
        assert!(s.after(14).is_empty());
        assert!(s.after(u64::MAX).is_empty());
    }

    #[test]
    fn a_section_whose_records_do_not_fill_its_range_is_refused() {
        let mut s = section("aaa", 1, 3);
        s.records.pop();
        assert_eq!(
            write(TEAM, "aaa", &[s]),
            Err(WriteError::BadRange { first: 1, last: 3 })
        );
    }

    #[test]
    fn a_pack_of_another_team_is_foreign() {
        let file = write(TEAM, "aaa", &[section("aaa", 1, 1)]).unwrap();
        assert_eq!(
            read(&file, "0123456789abcdef"),
            Err(Reason::Foreign { found: TEAM.into() })
        );
    }

    #[test]
    fn a_damaged_section_inside_a_valid_container_makes_the_pack_corrupted() {
        // A writer bug, not a delivery fault: a section header with a count its range denies.
        let mut payload = vec![3];
        payload.extend_from_slice(b"aaa");
        for n in [1u64, 5, 0] {
            payload.extend_from_slice(&n.to_le_bytes());
        }
        let header = Header {
            kind: Kind::Pack,
            team: TEAM.into(),
            device: "aaa".into(),
            first: 0,
            last: 0,
        };
        let file = container::write(&header, &payload).unwrap();
        assert_eq!(read(&file, TEAM), Err(Reason::Corrupted));
    }

    proptest::proptest! {
        /// A pack damaged anywhere is refused whole with a reason, never half-read.
        #[test]
        fn a_damaged_pack_is_refused_without_panicking(
            at in proptest::prelude::any::<proptest::sample::Index>(),
            mask in 1u8..=255,
            cut in proptest::prelude::any::<bool>(),
        ) {
            let mut file = write(TEAM, "aaa", &[section("aaa", 1, 4), section("bbb", 9, 9)]).unwrap();
            let i = at.index(file.len());
            if cut {
                file.truncate(i);
            } else {
                file[i] ^= mask;
            }
            proptest::prop_assert!(read(&file, TEAM).is_err());
        }
    }
}
