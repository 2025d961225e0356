//! The customers an own operation created, changed, deleted or restored, as `Customer`
//! changes (docs/TEAM.md §2), worked out from what the operation keeps for undo: an edit's
//! images, an import's records (created, removed, changed with the record before). Values an
//! operation wrote are read from the rows as they are when the operation first travels: an
//! import does not keep its after-images, and a later change of the same field travels with
//! its own, later clock, so every laptop still ends with the latest value.

use super::cells::{self, Cells};
use super::wire::Change;
use crate::customers::{self, CustomerInput};
use crate::error::Result;
use crate::operations::{self, Image};
use rusqlite::{params, Connection, OptionalExtension};

/// The `Customer` changes of own operation `operation`, by customer id.
pub(super) fn changes(conn: &Connection, operation: i64) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    let edit = operations::edit_view(conn, operation)?.filter(|e| e.entity == "customer");
    if let Some(edit) = edit {
        match (&edit.before, &edit.after) {
            (Image::Customer { input: before }, Image::Customer { input: after }) => {
                for &id in &edit.ids {
                    let cells = cells::changed(&cells::of(conn, before)?, &cells::of(conn, after)?);
                    if !cells.is_empty() {
                        out.push(change(conn, id, None, cells, false)?);
                    }
                }
            }
            (_, Image::CustomersDeleted { deleted }) => {
                let created = edit.action.as_deref() == Some("create") && !deleted;
                for &id in &edit.ids {
                    out.push(if created {
                        creation(conn, id)?
                    } else {
                        change(conn, id, Some(!deleted), Cells::new(), false)?
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(records) = operations::records_of(conn, operation)? {
        for id in records.customers_added.iter() {
            out.push(creation(conn, id as i64)?);
        }
        for id in records.customers_removed.iter() {
            out.push(change(conn, id as i64, Some(false), Cells::new(), false)?);
        }
        for id in records.customers_changed.iter() {
            let id = id as i64;
            let Some(before) = image_before(conn, operation, id)? else {
                continue;
            };
            let now = customers::get(conn, id)?.input;
            let cells = cells::changed(&cells::of(conn, &before)?, &cells::of(conn, &now)?);
            if !cells.is_empty() {
                out.push(change(conn, id, None, cells, false)?);
            }
        }
    }
    Ok(out)
}

/// A customer coming into existence with every field it has. It may be merged with a
/// creation elsewhere unless another customer here already has its phone, email or external
/// id (then the user made a second one on purpose, and other laptops keep it apart too).
fn creation(conn: &Connection, id: i64) -> Result<Change> {
    let input = customers::get(conn, id)?.input;
    let cells: Cells = cells::of(conn, &input)?
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .collect();
    let merge = !has_twin(conn, id, &input)?;
    change(conn, id, Some(true), cells, merge)
}

fn change(
    conn: &Connection,
    id: i64,
    alive: Option<bool>,
    cells: Cells,
    merge: bool,
) -> Result<Change> {
    let customer: String = conn
        .prepare_cached("SELECT uid FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(Change::Customer {
        customer,
        alive,
        cells,
        merge,
    })
}

fn has_twin(conn: &Connection, id: i64, c: &CustomerInput) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            // One lookup per key, each on its own index: with the three in one OR, SQLite
            // read every customer for each one created (minutes after a 100,000-row import).
            "SELECT (?2 IS NOT NULL AND EXISTS (SELECT 1 FROM customers
                         WHERE phone = ?2 AND id <> ?1 AND deleted_at IS NULL))
                 OR (?3 IS NOT NULL AND EXISTS (SELECT 1 FROM customers
                         WHERE email = ?3 COLLATE NOCASE AND id <> ?1 AND deleted_at IS NULL))
                 OR (?4 IS NOT NULL AND EXISTS (SELECT 1 FROM customers
                         WHERE external_id = ?4 AND id <> ?1 AND deleted_at IS NULL))",
        )?
        .query_row(params![id, c.phone, c.email, c.external_id], |r| r.get(0))?)
}

fn image_before(conn: &Connection, operation: i64, id: i64) -> Result<Option<CustomerInput>> {
    let record: Option<String> = conn
        .prepare_cached(
            "SELECT record FROM operation_customer_images WHERE operation_id = ?1 AND customer_id = ?2",
        )?
        .query_row([operation, id], |r| r.get(0))
        .optional()?;
    record.map(|r| Ok(serde_json::from_str(&r)?)).transpose()
}
