//! The index saved beside its database (`<file>.tagdesk-index`), so opening a large database
//! reads one file in a fraction of a second instead of rebuilding from the tables. The file is
//! used only when the database proves it matches: `index_state` (migration 0016) holds the
//! stamp of the last save, and a flag that persistent triggers set on any change to what the
//! index holds, from any connection or program. A save writes a fresh stamp into the file and
//! the database in one write transaction; a crash before its commit leaves the old stamp (or
//! the flag) in the database, so the file is not trusted.

use super::codec::{Decoder, Encoder};
use super::events::{Event, Events, KindEvents};
use super::{Column, FreeTextColumn, Index, MultiColumn, NumberColumn, TextColumn};
use crate::conditions::fields::ValueKind;
use crate::db::SCHEMA_VERSION;
use crate::error::Result;
use rusqlite::{Connection, TransactionBehavior};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"TDINDEX\0";
/// Changes whenever the layout below changes: an older or newer file is rebuilt, not read.
const FORMAT: u32 = 1;

/// Where the index of the database at `db` is saved.
pub fn file_of(db: &Path) -> PathBuf {
    crate::db::index_file_of(db)
}

/// The stamp a saved index must carry to be used, or None when the database changed since the
/// last save (or predates saved indexes, or cannot say).
pub fn expected_stamp(conn: &Connection) -> Option<u64> {
    conn.query_row("SELECT stamp, dirty FROM index_state", [], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?))
    })
    .ok()
    .and_then(|(stamp, dirty)| (!dirty && stamp != 0).then_some(stamp as u64))
}

impl Index {
    /// Saves the index beside the database `conn` has open at `db`, brought up to date first,
    /// unless the saved file already matches. Holds the write lock throughout, so no other
    /// writer can slip a change between the refresh and the new stamp.
    pub fn save(&mut self, conn: &Connection, db: &Path) -> Result<()> {
        // The index holds customers' tags and attributes: beside an encrypted database it is
        // not written in the clear, and the next opening rebuilds it instead (README,
        // "Encryption at rest").
        if crate::db::passphrase_of(db).is_some() {
            let _ = std::fs::remove_file(file_of(db));
            return Ok(());
        }
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        self.refresh(&tx)?;
        if self.saved.is_some() && expected_stamp(&tx) == self.saved {
            tx.commit()?;
            return Ok(());
        }
        let stamp = loop {
            let s = rand::random::<u64>() & (i64::MAX as u64);
            if s != 0 {
                break s;
            }
        };
        write(self, &file_of(db), stamp)?;
        tx.execute(
            "UPDATE index_state SET stamp = ?1, dirty = 0",
            [stamp as i64],
        )?;
        tx.commit()?;
        self.saved = Some(stamp);
        Ok(())
    }

    /// The saved index of the database `conn` has open at `db`, when the database proves it
    /// matches; changes made through `conn` from now on are tracked as for a built index.
    pub fn restore(conn: &Connection, db: &Path) -> Result<Option<Index>> {
        super::sync::track_changes(conn)?;
        super::sync::forget_changes(conn)?;
        let Some(stamp) = expected_stamp(conn) else {
            return Ok(None);
        };
        Ok(read(&file_of(db), stamp).ok().map(|mut index| {
            index.data_version = super::sync::data_version(conn).unwrap_or(0);
            index
        }))
    }

    /// True when this index was read from the saved file rather than built from the tables.
    pub fn restored(&self) -> bool {
        self.restored
    }
}

/// Writes the file through a temporary beside it, synced, then renamed over the old one.
fn write(index: &Index, path: &Path, stamp: u64) -> io::Result<()> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(".tmp");
    let temp = PathBuf::from(temp);
    if let Err(e) = write_synced(index, &temp, stamp) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    std::fs::rename(&temp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Makes the rename itself durable; not every platform can open a directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn write_synced(index: &Index, path: &Path, stamp: u64) -> io::Result<()> {
    let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut out = Encoder::new(file);
    encode(index, &mut out, stamp)?;
    let file = out.finish()?.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()
}

/// Reads the saved index at `path` if it is whole, of this format and schema, and carries
/// `stamp`.
pub fn read(path: &Path, stamp: u64) -> io::Result<Index> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut input = Decoder::new(BufReader::with_capacity(1 << 20, file), len)?;
    let mut magic = [0; 8];
    input.read_exact(&mut magic)?;
    let (format, schema, found) = (input.u32()?, input.u32()?, input.u64()?);
    if &magic != MAGIC || format != FORMAT || i64::from(schema) != SCHEMA_VERSION {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "another format"));
    }
    if found != stamp {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "another stamp"));
    }
    let mut index = decode(&mut input)?;
    input.finish()?;
    index.saved = Some(stamp);
    index.restored = true;
    Ok(index)
}

fn encode<W: Write>(index: &Index, out: &mut Encoder<W>, stamp: u64) -> io::Result<()> {
    out.write_all(MAGIC)?;
    out.u32(FORMAT)?;
    out.u32(SCHEMA_VERSION as u32)?;
    out.u64(stamp)?;
    out.bitmap(&index.universe)?;
    out.u64(index.tags.len() as u64)?;
    for (tag, set) in &index.tags {
        out.i64(*tag)?;
        out.bitmap(set)?;
    }
    out.u64(index.groups.len() as u64)?;
    for (group, tags) in &index.groups {
        out.i64(*group)?;
        out.array(tags)?;
    }
    out.u64(index.weights.len() as u64)?;
    for (tag, w) in &index.weights {
        out.i64(*tag)?;
        out.f64(*w)?;
    }
    out.array(&index.scores)?;
    out.u64(index.columns.len() as u64)?;
    for (key, (kind, column)) in &index.columns {
        out.str(key)?;
        out.u32(kind_code(*kind))?;
        encode_column(column, out)?;
    }
    encode_events(&index.events, out)
}

fn decode<R: Read>(input: &mut Decoder<R>) -> io::Result<Index> {
    let universe = input.bitmap()?;
    let mut tags = HashMap::new();
    for _ in 0..input.len(12)? {
        tags.insert(input.i64()?, input.bitmap()?);
    }
    let mut groups = HashMap::new();
    for _ in 0..input.len(16)? {
        groups.insert(input.i64()?, input.array()?);
    }
    let mut weights = HashMap::new();
    for _ in 0..input.len(16)? {
        weights.insert(input.i64()?, input.f64()?);
    }
    let scores = input.array()?;
    let mut columns = HashMap::new();
    for _ in 0..input.len(12)? {
        let key = input.string()?;
        let kind = kind_of(input.u32()?)?;
        columns.insert(key, (kind, decode_column(input)?));
    }
    Ok(Index {
        universe,
        tags,
        groups,
        weights,
        scores,
        columns,
        events: decode_events(input)?,
        data_version: 0,
        build_times: Vec::new(),
        saved: None,
        restored: false,
    })
}

fn encode_column<W: Write>(column: &Column, out: &mut Encoder<W>) -> io::Result<()> {
    match column {
        Column::Text(c) => {
            out.u32(0)?;
            out.array(&c.codes)?;
            out.u64(c.dict.len() as u64)?;
            for (value, set) in c.dict.iter().zip(&c.sets) {
                out.str(value)?;
                out.bitmap(set)?;
            }
        }
        Column::FreeText(c) => {
            out.u32(1)?;
            out.str(&c.bytes)?;
            let spans: Vec<u64> = c
                .spans
                .iter()
                .map(|(start, len)| u64::from(*start) | (u64::from(*len) << 32))
                .collect();
            out.array(&spans)?;
        }
        Column::Number(c) => {
            out.u32(2)?;
            out.array(&c.values)?;
        }
        Column::Multi(c) => {
            out.u32(3)?;
            out.u64(c.choices.len() as u64)?;
            for (choice, set) in &c.choices {
                out.str(choice)?;
                out.bitmap(set)?;
            }
        }
    }
    Ok(())
}

fn decode_column<R: Read>(input: &mut Decoder<R>) -> io::Result<Column> {
    Ok(match input.u32()? {
        0 => {
            let codes: Vec<u32> = input.array()?;
            let n = input.len(16)?;
            let (mut dict, mut sets) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for _ in 0..n {
                dict.push(input.string()?);
                sets.push(input.bitmap()?);
            }
            if dict.is_empty() || codes.iter().any(|c| *c as usize >= dict.len()) {
                return Err(invalid("a text code outside its dictionary"));
            }
            let lookup = dict
                .iter()
                .enumerate()
                .skip(1)
                .map(|(code, v)| (v.clone(), code as u32))
                .collect();
            Column::Text(TextColumn {
                codes,
                dict,
                lookup,
                sets,
                ..Default::default()
            })
        }
        1 => {
            let bytes = input.string()?;
            let spans: Vec<u64> = input.array()?;
            let spans: Vec<(u32, u32)> = spans
                .into_iter()
                .map(|s| (s as u32, (s >> 32) as u32))
                .collect();
            let inside = |(start, len): &(u32, u32)| {
                let end = *start as usize + *len as usize;
                end <= bytes.len()
                    && bytes.is_char_boundary(*start as usize)
                    && bytes.is_char_boundary(end)
            };
            if !spans.iter().all(inside) {
                return Err(invalid("a text span outside its text"));
            }
            Column::FreeText(FreeTextColumn { bytes, spans })
        }
        2 => Column::Number(NumberColumn {
            values: input.array()?,
        }),
        3 => {
            let mut choices = HashMap::new();
            for _ in 0..input.len(16)? {
                choices.insert(input.string()?, input.bitmap()?);
            }
            Column::Multi(MultiColumn { choices })
        }
        _ => return Err(invalid("an unknown column")),
    })
}

fn encode_events<W: Write>(events: &Events, out: &mut Encoder<W>) -> io::Result<()> {
    let mut raw: Vec<(&String, &u32)> = events.property_lookup.iter().collect();
    raw.sort_by_key(|(_, id)| **id);
    out.u64(raw.len() as u64)?;
    for (json, _) in raw {
        out.str(json)?;
    }
    out.u64(events.kinds.len() as u64)?;
    for (kind, k) in &events.kinds {
        out.str(kind)?;
        out.array(&k.customers)?;
        out.array(&k.starts)?;
        out.array(&k.at)?;
        out.array(&k.properties)?;
        out.u32(k.shared_properties)?;
        out.array(&k.amounts)?;
        out.array(&k.by_time)?;
        out.array(&k.time_customers)?;
    }
    out.bitmap(&events.masked)?;
    out.u64(events.overlay.len() as u64)?;
    for (kind, e, amount) in &events.overlay {
        out.str(kind)?;
        out.u32(e.customer)?;
        out.i64(e.at)?;
        out.u32(e.properties)?;
        out.f64(*amount)?;
    }
    out.u32(events.max_customer)
}

fn decode_events<R: Read>(input: &mut Decoder<R>) -> io::Result<Events> {
    let mut events = Events::default();
    for id in 0..input.len(8)? {
        let json = input.string()?;
        events.property_sets.push(super::parse_properties(&json));
        events.property_lookup.insert(json, id as u32);
    }
    let sets = events.property_sets.len();
    for _ in 0..input.len(8)? {
        let kind = input.string()?;
        let k = KindEvents {
            customers: input.array()?,
            starts: input.array()?,
            at: input.array()?,
            properties: input.array()?,
            shared_properties: input.u32()?,
            amounts: input.array()?,
            by_time: input.array()?,
            time_customers: input.array()?,
            pending: Default::default(),
        };
        let n = k.at.len();
        let whole = k.starts.len() == k.customers.len() + 1
            && k.starts.windows(2).all(|w| w[0] <= w[1])
            && k.starts.last().is_some_and(|s| *s as usize == n)
            && (k.properties.is_empty() || k.properties.len() == n)
            && (k.amounts.is_empty() || k.amounts.len() == n)
            && k.by_time.len() == n
            && k.time_customers.len() == n
            && k.by_time.iter().all(|i| (*i as usize) < n)
            && (n == 0 || (k.shared_properties as usize) < sets)
            && k.properties.iter().all(|p| (*p as usize) < sets);
        if !whole {
            return Err(invalid("events that do not fit together"));
        }
        events.kinds.insert(kind, k);
    }
    events.masked = input.bitmap()?;
    for _ in 0..input.len(28)? {
        let kind = input.string()?;
        let e = Event {
            customer: input.u32()?,
            at: input.i64()?,
            properties: input.u32()?,
        };
        if e.properties as usize >= sets {
            return Err(invalid("an event with unknown properties"));
        }
        events.overlay.push((kind, e, input.f64()?));
    }
    events.max_customer = input.u32()?;
    Ok(events)
}

fn kind_code(kind: ValueKind) -> u32 {
    match kind {
        ValueKind::Text => 0,
        ValueKind::Choice => 1,
        ValueKind::MultiChoice => 2,
        ValueKind::Number => 3,
        ValueKind::Date => 4,
        ValueKind::Timestamp => 5,
    }
}

fn kind_of(code: u32) -> io::Result<ValueKind> {
    Ok(match code {
        0 => ValueKind::Text,
        1 => ValueKind::Choice,
        2 => ValueKind::MultiChoice,
        3 => ValueKind::Number,
        4 => ValueKind::Date,
        5 => ValueKind::Timestamp,
        _ => return Err(invalid("an unknown field kind")),
    })
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}
