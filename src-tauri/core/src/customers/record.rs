//! One customer: read, create, edit, soft delete and restore.

use super::search::{self, Searchable};
use super::{validate, Customer, CustomerInput};
use crate::audit;
use crate::clock;
use crate::custom_fields;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use std::sync::OnceLock;

const COLUMNS: &str =
    "id, name, phone, email, company, job_title, industry, province, city, source,
    customer_type, level, gender, birthday, notes, external_id, created_at, updated_at, deleted_at";

pub fn get(conn: &Connection, id: i64) -> Result<Customer> {
    // Cached: a team exchange reads every customer a received edit changes (thousands a week).
    let mut customer = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: Thing::Customer,
            id: id.to_string(),
        })?;
    customer.input.custom = custom_fields::values_of(conn, id)?;
    Ok(customer)
}

fn from_row(r: &Row) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        input: CustomerInput {
            name: r.get(1)?,
            phone: r.get(2)?,
            email: r.get(3)?,
            company: r.get(4)?,
            job_title: r.get(5)?,
            industry: r.get(6)?,
            province: r.get(7)?,
            city: r.get(8)?,
            source: r.get(9)?,
            customer_type: r.get(10)?,
            level: r.get(11)?,
            gender: r.get(12)?,
            birthday: r.get(13)?,
            notes: r.get(14)?,
            external_id: r.get(15)?,
            custom: Vec::new(),
        },
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
        deleted_at: r.get(18)?,
    })
}

/// Validates and normalises every field; the first problem is reported with its field.
pub fn clean(input: &CustomerInput) -> Result<CustomerInput> {
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let mut out = CustomerInput {
        name: validate::name(&input.name)?,
        ..Default::default()
    };
    out.phone = opt(&input.phone).map(|p| validate::phone(&p)).transpose()?;
    out.email = opt(&input.email).map(|e| validate::email(&e)).transpose()?;
    out.birthday = opt(&input.birthday)
        .map(|d| validate::date("birthday", &d))
        .transpose()?;
    out.gender = opt(&input.gender)
        .map(|g| validate::choice("gender", &g, &["male", "female", "other"]))
        .transpose()?;
    out.customer_type = opt(&input.customer_type)
        .map(|t| validate::choice("customer_type", &t, &["b2b", "b2c"]))
        .transpose()?;
    out.company = opt(&input.company);
    out.job_title = opt(&input.job_title);
    out.industry = opt(&input.industry);
    out.province = opt(&input.province);
    out.city = opt(&input.city);
    out.source = opt(&input.source);
    out.level = opt(&input.level);
    out.notes = opt(&input.notes);
    out.external_id = opt(&input.external_id);
    out.custom = input.custom.clone();
    Ok(out)
}

pub fn create(conn: &Connection, input: &CustomerInput, actor: &str) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let id = create_within(&tx, input, actor)?;
    tx.commit()?;
    Ok(id)
}

/// [`create`] inside the caller's transaction: the desk records the rules the new customer
/// owes in the same one (see [`crate::follow_up`]).
pub fn create_within(tx: &Transaction, input: &CustomerInput, actor: &str) -> Result<i64> {
    let c = clean(input)?;
    let id = insert_row(tx, &c, clock::now())?;
    // Undoing the creation deletes the customer as a delete does (softly, tags and all kept),
    // and redoing it brings the customer back.
    let images = Images {
        before: Image::CustomersDeleted { deleted: true },
        after: Image::CustomersDeleted { deleted: false },
        ids: Some(vec![id]),
    };
    audit::record_edit(tx, actor, "create", "customer", Some(id), &c, Some(images))?;
    Ok(id)
}

pub fn update(conn: &Connection, id: i64, input: &CustomerInput, actor: &str) -> Result<Customer> {
    let tx = conn.unchecked_transaction()?;
    update_within(&tx, id, input, actor)?;
    tx.commit()?;
    get(conn, id)
}

/// [`update`] inside the caller's transaction (see [`create_within`]).
pub fn update_within(tx: &Transaction, id: i64, input: &CustomerInput, actor: &str) -> Result<()> {
    let before = get(tx, id)?;
    let c = clean(input)?;
    update_row(tx, id, &c, clock::now())?;
    // The history keeps the whole record before and after (custom values too) to undo it.
    let images = Images::of(
        Image::Customer {
            input: before.input.clone(),
        },
        Image::Customer {
            input: get(tx, id)?.input,
        },
    );
    audit::record_edit(
        tx,
        actor,
        "update",
        "customer",
        Some(id),
        &(before.input, &c),
        Some(images),
    )?;
    Ok(())
}

/// Inserts an already cleaned customer with its custom values and search entries, inside the
/// caller's transaction.
pub(super) fn insert_row(conn: &Connection, c: &CustomerInput, now: i64) -> Result<i64> {
    let id = insert_record(conn, c, now)?;
    search::index_new(conn, id, &searchable(c))?;
    Ok(id)
}

/// [`insert_row`] without the search entries, which a bulk job (an import) writes together at
/// its end: see [`search::PendingEntries`].
pub(crate) fn insert_record(conn: &Connection, c: &CustomerInput, now: i64) -> Result<i64> {
    let id = conn
        .prepare_cached(
            "INSERT INTO customers(name, phone, email, company, job_title, industry, province, city,
                source, customer_type, level, gender, birthday, notes, external_id, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16,
                     lower(hex(randomblob(16))))",
        )?
        .insert(params![
            c.name, c.phone, c.email, c.company, c.job_title, c.industry, c.province, c.city,
            c.source, c.customer_type, c.level, c.gender, c.birthday, c.notes, c.external_id, now
        ])
        .map_err(|e| unique_external_id(e, c))?;
    custom_fields::save_values(conn, id, &c.custom)?;
    Ok(id)
}

/// Customers per statement in [`insert_records`]: 16 values each, well under SQLite's limit of
/// 32,766 parameters.
pub(crate) const RECORDS_PER_STATEMENT: usize = 100;

/// Inserts already cleaned customers (without search entries, like [`insert_record`]) and
/// returns their ids, in order. One multi-row statement per [`RECORDS_PER_STATEMENT`] rows
/// with ids given in order after the largest: every statement on `customers` pays for a
/// statement journal (its trigger), so a hundred rows share that cost instead of paying it a
/// hundred times.
pub(crate) fn insert_records(
    conn: &Connection,
    cs: &[CustomerInput],
    now: i64,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(cs.len());
    for chunk in cs.chunks(RECORDS_PER_STATEMENT) {
        let first: i64 = conn
            .prepare_cached("SELECT ifnull(max(id), 0) + 1 FROM customers")?
            .query_row([], |r| r.get(0))?;
        let mut stmt = if chunk.len() == RECORDS_PER_STATEMENT {
            // Built once: formatting 1,600 placeholders per statement cost 3% of an import.
            static FULL: OnceLock<String> = OnceLock::new();
            conn.prepare_cached(FULL.get_or_init(|| multi_row_insert(RECORDS_PER_STATEMENT)))?
        } else {
            conn.prepare_cached(&multi_row_insert(chunk.len()))?
        };
        stmt.raw_bind_parameter(1, now)?;
        for (i, c) in chunk.iter().enumerate() {
            let at = 2 + i * 16;
            stmt.raw_bind_parameter(at, first + i as i64)?;
            let fields = [
                Some(&c.name),
                c.phone.as_ref(),
                c.email.as_ref(),
                c.company.as_ref(),
                c.job_title.as_ref(),
                c.industry.as_ref(),
                c.province.as_ref(),
                c.city.as_ref(),
                c.source.as_ref(),
                c.customer_type.as_ref(),
                c.level.as_ref(),
                c.gender.as_ref(),
                c.birthday.as_ref(),
                c.notes.as_ref(),
                c.external_id.as_ref(),
            ];
            for (j, value) in fields.into_iter().enumerate() {
                stmt.raw_bind_parameter(at + 1 + j, value)?;
            }
        }
        if let Err(e) = stmt.raw_execute() {
            // The failed statement undid itself; row by row names the customer at fault.
            drop(stmt);
            for c in chunk {
                insert_record(conn, c, now)?;
            }
            return Err(e.into());
        }
        ids.extend(first..first + chunk.len() as i64);
    }
    let custom: Vec<(i64, &custom_fields::CustomValue)> = ids
        .iter()
        .zip(cs)
        .flat_map(|(id, c)| c.custom.iter().map(move |v| (*id, v)))
        .collect();
    custom_fields::insert_new_values(conn, &custom)?;
    Ok(ids)
}

fn multi_row_insert(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO customers(id, name, phone, email, company, job_title, industry, province,
            city, source, customer_type, level, gender, birthday, notes, external_id, created_at,
            updated_at, uid) VALUES ",
    );
    for row in 0..rows {
        let at = 2 + row * 16;
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for p in at..at + 16 {
            sql.push_str(&format!("?{p}, "));
        }
        // The global id (migration 0017) made here, not by the trigger's second write per row.
        sql.push_str("?1, ?1, lower(hex(randomblob(16))))");
    }
    sql
}

/// Saves an already cleaned customer over the stored one, inside the caller's transaction.
pub(super) fn update_row(conn: &Connection, id: i64, c: &CustomerInput, now: i64) -> Result<()> {
    update_record(conn, id, c, now)?;
    search::index(conn, id, &searchable(c))
}

/// [`update_row`] without the search entries (see [`insert_record`]).
pub(crate) fn update_record(conn: &Connection, id: i64, c: &CustomerInput, now: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET name = ?2, phone = ?3, email = ?4, company = ?5, job_title = ?6,
            industry = ?7, province = ?8, city = ?9, source = ?10, customer_type = ?11, level = ?12,
            gender = ?13, birthday = ?14, notes = ?15, external_id = ?16, updated_at = ?17
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.name,
        c.phone,
        c.email,
        c.company,
        c.job_title,
        c.industry,
        c.province,
        c.city,
        c.source,
        c.customer_type,
        c.level,
        c.gender,
        c.birthday,
        c.notes,
        c.external_id,
        now
    ])
    .map_err(|e| unique_external_id(e, c))?;
    custom_fields::save_values(conn, id, &c.custom)
}

/// Marks customers deleted; their data and tags stay so the deletion can be undone.
pub fn soft_delete(conn: &mut Connection, ids: &[i64], actor: &str) -> Result<usize> {
    let tx = conn.transaction()?;
    let n = set_deleted_within(&tx, ids, true, actor)?;
    tx.commit()?;
    Ok(n)
}

pub fn restore(conn: &mut Connection, ids: &[i64], actor: &str) -> Result<usize> {
    let tx = conn.transaction()?;
    let n = set_deleted_within(&tx, ids, false, actor)?;
    tx.commit()?;
    Ok(n)
}

/// Deletes or restores customers inside the caller's transaction; the history keeps which of
/// them changed, so that undoing it changes those back and no others.
pub(crate) fn set_deleted_within(
    tx: &Transaction,
    ids: &[i64],
    deleted: bool,
    actor: &str,
) -> Result<usize> {
    let at = deleted.then(clock::now);
    let mut changed = Vec::new();
    {
        let mut stmt = tx.prepare(
            "UPDATE customers SET deleted_at = ?2 WHERE id = ?1 AND (deleted_at IS NULL) <> (?2 IS NULL)",
        )?;
        for &id in ids {
            if stmt.execute(params![id, at])? > 0 {
                changed.push(id);
            }
        }
    }
    // Nothing changed, nothing to undo.
    let images = (!changed.is_empty()).then(|| Images {
        before: Image::CustomersDeleted { deleted: !deleted },
        after: Image::CustomersDeleted { deleted },
        ids: Some(changed.clone()),
    });
    let action = if deleted { "delete" } else { "restore" };
    audit::record_edit(tx, actor, action, "customer", None, &ids, images)?;
    Ok(changed.len())
}

/// [`set_deleted_within`] for runs of consecutive ids (the customers an import created, whose
/// undo deletes them and whose redo brings them back): a statement per run instead of one per
/// customer, each of which pays for the statement journal its triggers need. The operation
/// under way keeps which customers changed (see `operations::imports`); the audit log gets
/// the runs.
pub(crate) fn set_deleted_runs_within(
    tx: &Transaction,
    runs: &[(i64, i64)],
    deleted: bool,
    actor: &str,
) -> Result<usize> {
    let at = deleted.then(clock::now);
    let mut changed = 0;
    let mut stmt = tx.prepare_cached(
        "UPDATE customers SET deleted_at = ?3
         WHERE id BETWEEN ?1 AND ?2 AND (deleted_at IS NULL) <> (?3 IS NULL)",
    )?;
    for (first, last) in runs {
        changed += stmt.execute(params![first, last, at])?;
    }
    let action = if deleted { "delete" } else { "restore" };
    audit::record(tx, actor, action, "customer", None, &runs)?;
    Ok(changed)
}

pub(crate) fn searchable(c: &CustomerInput) -> Searchable<'_> {
    Searchable {
        name: &c.name,
        phone: c.phone.as_deref(),
        email: c.email.as_deref(),
        company: c.company.as_deref(),
    }
}

fn unique_external_id(e: rusqlite::Error, c: &CustomerInput) -> Error {
    if e.to_string().contains("customers.external_id") {
        Error::invalid(
            "external_id",
            Problem::ExternalIdTaken {
                value: c.external_id.clone().unwrap_or_default(),
            },
        )
    } else {
        e.into()
    }
}
