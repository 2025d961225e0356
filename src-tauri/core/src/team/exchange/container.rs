//! The one file format every exchange file shares (`.tdx` chunk, `.tdpack` sync pack, `.tdsnap`
//! snapshot, `.tagdesk-invite` invitation), so each can be checked the same way before anything of it is applied: a file that
//! a cloud drive delivered half, a bit flipped on a USB stick, another team's file or one from a
//! newer TagDesk is recognised whole and named with its reason, never half-read.
//!
//! Layout, all integers little-endian:
//!
//! ```text
//! magic        8 bytes   "TAGDESK" + kind ('X' chunk, 'P' pack, 'S' snapshot, 'I' invitation)
//! version      u16       FORMAT_VERSION of the writer
//! team id      u8 length + ASCII
//! device id    u8 length + ASCII
//! first seq    u64       first operation of the writer's range (inclusive)
//! last seq     u64       last operation (inclusive)
//! raw length   u64       payload length before compression
//! payload len  u64       compressed payload length (the bytes after the header)
//! sha-256      32 bytes  of the compressed payload
//! header crc   u32       CRC-32 of every header byte before it
//! payload      zstd frame
//! ```
//!
//! The header's own CRC tells a damaged header (corrupted) from a file cut short after an intact
//! header (truncated, retried next time): without it a flipped length bit would read as
//! "truncated" forever, and a flipped seq would be trusted.

use sha2::{Digest, Sha256};

/// The exchange format this TagDesk writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 1;

const MAGIC: &[u8; 7] = b"TAGDESK";
/// Ids are short ASCII words (hex uids); a bound keeps a corrupt length from reading far.
const MAX_ID_LEN: usize = 64;
/// zstd level 3: fast at both ends; a week of operations compresses well at any level.
const LEVEL: i32 = 3;
/// The largest payload this build decompresses in memory (a million-customer snapshot fits).
const MAX_RAW_LEN: u64 = 1 << 34;

/// What an exchange file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.tdx`: one device's operations for a seq range.
    Chunk,
    /// `.tdpack`: operations of several devices, to send by mail.
    Pack,
    /// `.tdsnap`: a whole database for a joiner.
    Snapshot,
    /// `.tagdesk-invite`: a whole database and where the team folder is, sent to a joiner.
    Invitation,
}

impl Kind {
    fn byte(self) -> u8 {
        match self {
            Kind::Chunk => b'X',
            Kind::Pack => b'P',
            Kind::Snapshot => b'S',
            Kind::Invitation => b'I',
        }
    }

    fn from_byte(b: u8) -> Option<Kind> {
        match b {
            b'X' => Some(Kind::Chunk),
            b'P' => Some(Kind::Pack),
            b'S' => Some(Kind::Snapshot),
            b'I' => Some(Kind::Invitation),
            _ => None,
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Chunk => "tdx",
            Kind::Pack => "tdpack",
            Kind::Snapshot => "tdsnap",
            Kind::Invitation => "tagdesk-invite",
        }
    }
}

/// Who wrote a file and which of the writer's operations it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub kind: Kind,
    pub team: String,
    pub device: String,
    pub first: u64,
    pub last: u64,
}

/// Why a file was skipped. Each is skipped whole; only `Foreign` and `NotTagDesk` will never
/// read differently, the others may be fixed by a later delivery or an update.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("the file ends early")]
    Truncated,
    #[error("the file's content does not match its checksum")]
    Corrupted,
    #[error("the file belongs to team {found}")]
    Foreign { found: String },
    #[error(
        "the file was written by a newer TagDesk (format {found}, this one reads {supported})"
    )]
    FutureVersion { found: u16, supported: u16 },
    #[error("not a TagDesk exchange file")]
    NotTagDesk,
    #[error("a TagDesk file of another kind ({found:?})")]
    WrongKind { found: Kind },
}

/// A value a writer refuses, so a bad id never reaches a file a reader must parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("id {0:?} is not 1 to 64 ASCII letters, digits, '-' or '_'")]
    BadId(String),
    #[error("range {first}-{last} is backwards")]
    BadRange { first: u64, last: u64 },
    #[error("compression failed: {0}")]
    Compress(String),
}

/// Ids also name folders and files, so they stay in a set every file system accepts.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The file's bytes: header then compressed `payload`. The same header and payload always give
/// the same bytes, so a chunk rewritten after a crash is identical to the first attempt.
pub fn write(header: &Header, payload: &[u8]) -> Result<Vec<u8>, WriteError> {
    for id in [&header.team, &header.device] {
        if !valid_id(id) {
            return Err(WriteError::BadId(id.clone()));
        }
    }
    if header.first > header.last {
        return Err(WriteError::BadRange {
            first: header.first,
            last: header.last,
        });
    }
    let packed =
        zstd::bulk::compress(payload, LEVEL).map_err(|e| WriteError::Compress(e.to_string()))?;
    let mut out = Vec::with_capacity(packed.len() + 128);
    out.extend_from_slice(MAGIC);
    out.push(header.kind.byte());
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    for id in [&header.team, &header.device] {
        out.push(id.len() as u8);
        out.extend_from_slice(id.as_bytes());
    }
    for n in [
        header.first,
        header.last,
        payload.len() as u64,
        packed.len() as u64,
    ] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&Sha256::digest(&packed));
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&packed);
    Ok(out)
}

/// Reads a file of `kind` for `team`: its header and decompressed payload, or why not.
pub fn read(bytes: &[u8], kind: Kind, team: &str) -> Result<(Header, Vec<u8>), Reason> {
    let (header, payload) = read_any_team(bytes, kind)?;
    if header.team != team {
        return Err(Reason::Foreign { found: header.team });
    }
    Ok((header, payload))
}

/// Reads a file of `kind` whatever its team: for a joiner, who learns the team from the file.
pub fn read_any_team(bytes: &[u8], kind: Kind) -> Result<(Header, Vec<u8>), Reason> {
    let mut r = Cursor { bytes, at: 0 };
    // A file shorter than the magic is truncated if what there is matches it: a cloud drive
    // shows a file being downloaded with its final name and a growing length.
    let magic = r.take(MAGIC.len()).map_err(|_| {
        if MAGIC.starts_with(bytes) {
            Reason::Truncated
        } else {
            Reason::NotTagDesk
        }
    })?;
    if magic != MAGIC {
        return Err(Reason::NotTagDesk);
    }
    let found = match Kind::from_byte(r.u8()?) {
        Some(found) => found,
        None => return Err(Reason::NotTagDesk),
    };
    if found != kind {
        return Err(Reason::WrongKind { found });
    }
    let version = r.u16()?;
    if version > FORMAT_VERSION {
        return Err(Reason::FutureVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let team = r.id()?;
    let device = r.id()?;
    let (first, last, raw_len, packed_len) = (r.u64()?, r.u64()?, r.u64()?, r.u64()?);
    let sha: [u8; 32] = r.take(32)?.try_into().map_err(|_| Reason::Truncated)?;
    let header_end = r.at;
    let crc = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| Reason::Truncated)?);
    if crc32fast::hash(&bytes[..header_end]) != crc {
        return Err(Reason::Corrupted);
    }
    // The header is now trusted: what follows is a delivery or a payload question.
    if first > last || raw_len > MAX_RAW_LEN || version == 0 {
        return Err(Reason::Corrupted);
    }
    let rest = &bytes[r.at..];
    let packed_len = usize::try_from(packed_len).map_err(|_| Reason::Corrupted)?;
    if rest.len() < packed_len {
        return Err(Reason::Truncated);
    }
    if rest.len() > packed_len || Sha256::digest(rest).as_slice() != sha {
        return Err(Reason::Corrupted);
    }
    let raw_len = usize::try_from(raw_len).map_err(|_| Reason::Corrupted)?;
    let payload = zstd::bulk::decompress(rest, raw_len).map_err(|_| Reason::Corrupted)?;
    if payload.len() != raw_len {
        return Err(Reason::Corrupted);
    }
    let header = Header {
        kind,
        team,
        device,
        first,
        last,
    };
    Ok((header, payload))
}

/// Records framed as a u32 length then the bytes, so a payload holds many JSON operations
/// without a separator they could contain.
pub fn write_records<R: AsRef<[u8]>>(records: &[R]) -> Vec<u8> {
    let total = records.iter().map(|r| r.as_ref().len() + 4).sum();
    let mut out = Vec::with_capacity(total);
    for record in records {
        let record = record.as_ref();
        out.extend_from_slice(&(record.len() as u32).to_le_bytes());
        out.extend_from_slice(record);
    }
    out
}

/// The records of a payload. A payload passed its checksum, so a framing error means the
/// writer was broken: the whole payload is refused as corrupted rather than read in part.
pub fn read_records(payload: &[u8]) -> Result<Vec<&[u8]>, Reason> {
    let mut r = Cursor {
        bytes: payload,
        at: 0,
    };
    let mut records = Vec::new();
    while r.at < payload.len() {
        let len = r.u32().map_err(|_| Reason::Corrupted)? as usize;
        records.push(r.take(len).map_err(|_| Reason::Corrupted)?);
    }
    Ok(records)
}

/// Reads a header field by field; running out of bytes is `Truncated`.
pub(super) struct Cursor<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], Reason> {
        let end = self.at.checked_add(n).ok_or(Reason::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(Reason::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    pub(super) fn u8(&mut self) -> Result<u8, Reason> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, Reason> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, Reason> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(super) fn u64(&mut self) -> Result<u64, Reason> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Reason> {
        let slice = self.take(N)?;
        slice.try_into().map_err(|_| Reason::Truncated)
    }

    /// A length-prefixed id. Its bytes are checked only after the header CRC, by the caller's
    /// comparison, but a non-ASCII id can never be valid so it is refused here as corrupted.
    pub(super) fn id(&mut self) -> Result<String, Reason> {
        let len = self.u8()? as usize;
        let bytes = self.take(len)?;
        let id = String::from_utf8(bytes.to_vec()).map_err(|_| Reason::Corrupted)?;
        if valid_id(&id) {
            Ok(id)
        } else {
            Err(Reason::Corrupted)
        }
    }
}

#[cfg(test)]
#[path = "container_tests.rs"]
mod tests;
