//! Which customer a row describes. By the key the user chose (phone, email or external id);
//! when the row lacks that key, by another key it has; when it has none at all, by its exact
//! name among the customers that have no key either — the n-th keyless row of a name matches
//! the n-th such customer, so importing an unchanged file again adds nothing, while two people
//! of one name in one file stay two people.

use super::{KeylessRows, MatchBy, MergePolicy};
use crate::customers::CustomerInput;
use crate::error::Result;
use crate::problem::Problem;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// What a row's keys found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    New,
    Existing(i64),
    /// An earlier row of the file has the same key.
    Duplicate {
        first_row: u32,
    },
    /// The row has no key and the user chose to leave such rows out.
    SkippedKeyless,
}

/// The matching state of one pass over a file.
#[derive(Default)]
pub(super) struct Matcher {
    /// Every key of the rows so far, with the first row that had it.
    seen: HashMap<(MatchBy, String), u32>,
    /// Keyless rows so far, by name.
    keyless: HashMap<String, usize>,
    /// External ids the planned rows will store, with their row.
    external_ids: HashMap<String, u32>,
    /// Rows with no phone, email or external id so far (added or skipped).
    pub(super) keyless_rows: i64,
}

impl Matcher {
    pub(super) fn find(
        &mut self,
        conn: &Connection,
        by: MatchBy,
        keyless: KeylessRows,
        input: &CustomerInput,
        row: u32,
    ) -> Result<Found> {
        let keys = keys_of(input);
        if keys.is_empty() {
            self.keyless_rows += 1;
            return match (keyless, by) {
                (KeylessRows::Skip, _) => Ok(Found::SkippedKeyless),
                (KeylessRows::Add, MatchBy::Nothing) => Ok(Found::New),
                (KeylessRows::Add, _) => self.by_name(conn, input.name.trim()),
            };
        }
        if by == MatchBy::Nothing {
            return Ok(Found::New);
        }
        let (kind, key) = keys
            .iter()
            .find(|(kind, _)| *kind == by)
            .unwrap_or(&keys[0])
            .clone();
        let first = self.seen.get(&(kind, key.clone())).copied();
        for k in keys {
            self.seen.entry(k).or_insert(row);
        }
        if let Some(first_row) = first {
            return Ok(Found::Duplicate { first_row });
        }
        Ok(match find_customer(conn, kind, &key)? {
            Some(id) => Found::Existing(id),
            None => Found::New,
        })
    }

    fn by_name(&mut self, conn: &Connection, name: &str) -> Result<Found> {
        let nth = self.keyless.entry(name.to_string()).or_insert(0);
        let id: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM customers WHERE name = ?1 AND deleted_at IS NULL
                 AND phone IS NULL AND email IS NULL AND external_id IS NULL
                 ORDER BY id LIMIT 1 OFFSET ?2",
            )?
            .query_row(rusqlite::params![name, *nth as i64], |r| r.get(0))
            .optional()?;
        *nth += 1;
        Ok(id.map_or(Found::New, Found::Existing))
    }

    /// Why the row may not store `external_id` for customer `target` (None: a new one): an
    /// earlier row stores it, or another customer (deleted ones too) holds it.
    pub(super) fn external_id_taken(
        &mut self,
        conn: &Connection,
        external_id: Option<&str>,
        target: Option<i64>,
        row: u32,
    ) -> Result<Option<Problem>> {
        let Some(external_id) = external_id else {
            return Ok(None);
        };
        if let Some(first) = self.external_ids.get(external_id) {
            return Ok(Some(Problem::ExternalIdInFile {
                value: external_id.to_string(),
                first_row: *first,
            }));
        }
        let holder: Option<(i64, String, bool)> = conn
            .prepare_cached(
                "SELECT id, name, deleted_at IS NOT NULL FROM customers WHERE external_id = ?1",
            )?
            .query_row([external_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        match holder {
            Some((id, name, deleted)) if Some(id) != target => Ok(Some(Problem::ExternalIdHeld {
                value: external_id.to_string(),
                name,
                deleted,
            })),
            _ => {
                self.external_ids.insert(external_id.to_string(), row);
                Ok(None)
            }
        }
    }
}

/// The row's keys, as [`super::row::set_attribute`] normalised them.
fn keys_of(input: &CustomerInput) -> Vec<(MatchBy, String)> {
    [
        (MatchBy::Phone, &input.phone),
        (MatchBy::Email, &input.email),
        (MatchBy::ExternalId, &input.external_id),
    ]
    .into_iter()
    .filter_map(|(kind, value)| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| (kind, v.to_string()))
    })
    .collect()
}

/// The live customer whose phone, email or external id (by `by`) is `key`, already
/// normalised as [`super::row::set_attribute`] leaves it.
pub(super) fn find_customer(conn: &Connection, by: MatchBy, key: &str) -> Result<Option<i64>> {
    let sql = match by {
        MatchBy::Nothing => return Ok(None),
        MatchBy::Phone => "SELECT id FROM customers WHERE phone = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
        MatchBy::Email => "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        MatchBy::ExternalId => "SELECT id FROM customers WHERE external_id = ?1 AND deleted_at IS NULL",
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The stored customer with the file's values applied by `policy`.
pub(crate) fn merge(
    current: &CustomerInput,
    file: &CustomerInput,
    policy: MergePolicy,
) -> CustomerInput {
    let pick = |now: &Option<String>, new: &Option<String>| match (policy, now, new) {
        (_, _, None) => now.clone(),
        (MergePolicy::FillEmpty, Some(v), _) if !v.is_empty() => now.clone(),
        (MergePolicy::Skip, _, _) => now.clone(),
        (_, _, new) => new.clone(),
    };
    let mut out = CustomerInput {
        name: if policy == MergePolicy::Overwrite && !file.name.trim().is_empty() {
            file.name.clone()
        } else {
            current.name.clone()
        },
        phone: pick(&current.phone, &file.phone),
        email: pick(&current.email, &file.email),
        company: pick(&current.company, &file.company),
        job_title: pick(&current.job_title, &file.job_title),
        industry: pick(&current.industry, &file.industry),
        province: pick(&current.province, &file.province),
        city: pick(&current.city, &file.city),
        source: pick(&current.source, &file.source),
        customer_type: pick(&current.customer_type, &file.customer_type),
        level: pick(&current.level, &file.level),
        gender: pick(&current.gender, &file.gender),
        birthday: pick(&current.birthday, &file.birthday),
        notes: pick(&current.notes, &file.notes),
        external_id: pick(&current.external_id, &file.external_id),
        custom: current.custom.clone(),
    };
    for v in &file.custom {
        match out.custom.iter_mut().find(|c| c.field_id == v.field_id) {
            Some(existing) if policy == MergePolicy::Overwrite => existing.value = v.value.clone(),
            Some(_) => {}
            None => out.custom.push(v.clone()),
        }
    }
    out.custom.sort_by_key(|c| c.field_id);
    out
}
