//! Changing the tree: rename, move, dictionary fields, delete (archiving is in `archive`).

use super::{names, NodeKind, SelectMode, TagOrigin};
use crate::audit;
use crate::clock;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The editable properties of a node, as the dictionary form submits them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "TagNodeEdit.ts")]
pub struct TagNodeEdit {
    pub name: String,
    /// Groups only.
    pub select_mode: Option<SelectMode>,
    /// None: inherit the parent's colour.
    pub color: Option<String>,
    pub meaning: Option<String>,
    pub value_range: Option<String>,
    pub update_frequency: Option<String>,
    pub owner: Option<String>,
    pub scope: Option<String>,
    pub weight: f64,
    pub origin: Option<TagOrigin>,
}

pub(crate) struct NodeRow {
    pub kind: NodeKind,
    pub parent_id: Option<i64>,
    pub name: String,
}

pub(crate) fn node(conn: &Connection, id: i64) -> Result<NodeRow> {
    conn.query_row(
        "SELECT kind, parent_id, name FROM tag_nodes WHERE id = ?1",
        [id],
        |r| {
            let kind: String = r.get(0)?;
            Ok(NodeRow {
                kind: match kind.as_str() {
                    "category" => NodeKind::Category,
                    "group" => NodeKind::Group,
                    _ => NodeKind::Tag,
                },
                parent_id: r.get(1)?,
                name: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::Tag,
        id: id.to_string(),
    })
}

/// Refuses a name that clashes with a sibling under `parent` (other than `except`).
pub(crate) fn ensure_unique(
    conn: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let clash: Option<String> = conn
        .query_row(
            "SELECT name FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name_key = ?2
             AND id <> ifnull(?3, -1)",
            params![parent, names::key(name), except],
            |r| r.get(0),
        )
        .optional()?;
    match clash {
        Some(existing) => Err(Error::invalid(
            "name",
            Problem::NameTaken {
                name: name.to_string(),
                existing,
            },
        )),
        None => Ok(()),
    }
}

/// Saves the node's name and dictionary fields. Renaming keeps all history: history rows
/// point at the node, not at its name.
pub fn update(conn: &Connection, id: i64, edit: &TagNodeEdit, actor: &str) -> Result<()> {
    let current = node(conn, id)?;
    let before = fields(conn, id)?;
    let name = names::clean(&edit.name)?;
    ensure_unique(conn, current.parent_id, &name, Some(id))?;
    if let Some(color) = edit.color.as_deref() {
        let hex = color.strip_prefix('#').unwrap_or("");
        if !(hex.len() == 6 || hex.len() == 8) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::invalid(
                "color",
                Problem::ColorInvalid {
                    value: color.to_string(),
                },
            ));
        }
    }
    let select_mode = match current.kind {
        NodeKind::Group => Some(edit.select_mode.unwrap_or(SelectMode::Multi)),
        _ => None,
    };
    if select_mode == Some(SelectMode::Single) {
        ensure_exclusive(conn, id)?;
    }
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    conn.execute(
        "UPDATE tag_nodes SET name = ?2, name_key = ?3, select_mode = ?4, color = ?5, meaning = ?6,
            value_range = ?7, update_frequency = ?8, owner = ?9, scope = ?10, weight = ?11,
            origin = coalesce(?12, origin), updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            name,
            names::key(&name),
            select_mode.map(|m| if m == SelectMode::Single {
                "single"
            } else {
                "multi"
            }),
            text(&edit.color),
            text(&edit.meaning),
            text(&edit.value_range),
            text(&edit.update_frequency),
            text(&edit.owner),
            text(&edit.scope),
            edit.weight,
            edit.origin.map(|o| if o == TagOrigin::Automatic {
                "automatic"
            } else {
                "manual"
            }),
            clock::now(),
        ],
    )?;
    let images = Images::of(
        Image::TagNode { edit: before },
        Image::TagNode {
            edit: fields(conn, id)?,
        },
    );
    audit::record_edit(
        conn,
        actor,
        "update",
        "tag_node",
        Some(id),
        edit,
        Some(images),
    )?;
    Ok(())
}

/// The node's editable properties as stored: what [`update`] brings back on undo.
fn fields(conn: &Connection, id: i64) -> Result<TagNodeEdit> {
    Ok(conn.query_row(
        "SELECT name, select_mode, color, meaning, value_range, update_frequency, owner, scope,
            weight, origin
         FROM tag_nodes WHERE id = ?1",
        [id],
        |r| {
            Ok(TagNodeEdit {
                name: r.get(0)?,
                select_mode: r.get::<_, Option<String>>(1)?.map(|m| {
                    if m == "single" {
                        SelectMode::Single
                    } else {
                        SelectMode::Multi
                    }
                }),
                color: r.get(2)?,
                meaning: r.get(3)?,
                value_range: r.get(4)?,
                update_frequency: r.get(5)?,
                owner: r.get(6)?,
                scope: r.get(7)?,
                weight: r.get(8)?,
                origin: Some(if r.get::<_, String>(9)? == "automatic" {
                    TagOrigin::Automatic
                } else {
                    TagOrigin::Manual
                }),
            })
        },
    )?)
}

/// A group can become single-select only if no customer holds two of its tags.
pub(crate) fn ensure_exclusive(conn: &Connection, group: i64) -> Result<()> {
    let offenders: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT a.customer_id FROM assignments a
            JOIN tag_nodes n ON n.id = a.tag_id WHERE n.parent_id = ?1
            GROUP BY a.customer_id HAVING count(*) > 1)",
        [group],
        |r| r.get(0),
    )?;
    if offenders > 0 {
        return Err(Error::invalid(
            "select_mode",
            Problem::GroupHasMultiHolders {
                customers: offenders,
            },
        ));
    }
    Ok(())
}

/// Moves a node under a new parent (None: to the top), at `position` among its new siblings.
pub fn move_node(
    conn: &mut Connection,
    id: i64,
    parent: Option<i64>,
    position: i64,
    actor: &str,
) -> Result<()> {
    let tx = conn.transaction()?;
    move_within(&tx, id, parent, position, actor)?;
    tx.commit()?;
    Ok(())
}

/// [`move_node`] inside the caller's transaction.
pub(crate) fn move_within(
    tx: &Connection,
    id: i64,
    parent: Option<i64>,
    position: i64,
    actor: &str,
) -> Result<()> {
    let moving = node(tx, id)?;
    let place = |r: &rusqlite::Row| {
        Ok(Image::TagPlace {
            parent: r.get(0)?,
            position: r.get(1)?,
        })
    };
    let before = tx.query_row(
        "SELECT parent_id, position FROM tag_nodes WHERE id = ?1",
        [id],
        place,
    )?;
    if let Some(p) = parent {
        let target = node(tx, p)?;
        if target.kind == NodeKind::Tag {
            return Err(Error::invalid("parent", Problem::TagHoldsNothing));
        }
        if target.kind == NodeKind::Group && moving.kind != NodeKind::Tag {
            return Err(Error::invalid("parent", Problem::GroupHoldsOnlyTags));
        }
        let inside_itself: bool = tx.query_row(
            "WITH RECURSIVE up(id) AS (SELECT ?1 UNION ALL
                 SELECT n.parent_id FROM tag_nodes n JOIN up ON n.id = up.id WHERE n.parent_id IS NOT NULL)
             SELECT EXISTS(SELECT 1 FROM up WHERE id = ?2)",
            params![p, id],
            |r| r.get(0),
        )?;
        if inside_itself {
            return Err(Error::invalid("parent", Problem::MoveInsideItself));
        }
        let single: bool = tx.query_row(
            "SELECT kind = 'group' AND select_mode = 'single' FROM tag_nodes WHERE id = ?1",
            [p],
            |r| r.get(0),
        )?;
        if single && moving.kind == NodeKind::Tag {
            // Customers holding both the moved tag and a tag of the target group would break
            // exclusivity.
            let clash: i64 = tx.query_row(
                "SELECT count(*) FROM assignments a WHERE a.tag_id = ?1 AND EXISTS
                   (SELECT 1 FROM assignments b JOIN tag_nodes n ON n.id = b.tag_id
                    WHERE n.parent_id = ?2 AND b.customer_id = a.customer_id)",
                params![id, p],
                |r| r.get(0),
            )?;
            if clash > 0 {
                return Err(Error::invalid(
                    "parent",
                    Problem::MoveWouldDoubleSingle { customers: clash },
                ));
            }
        }
    }
    ensure_unique(tx, parent, &moving.name, Some(id))?;
    let position = position.max(0);
    tx.execute(
        "UPDATE tag_nodes SET position = position + 1
         WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND position >= ?2 AND id <> ?3",
        params![parent, position, id],
    )?;
    tx.execute(
        "UPDATE tag_nodes SET parent_id = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, parent, position, clock::now()],
    )?;
    let images = Images::of(before, Image::TagPlace { parent, position });
    audit::record_edit(
        tx,
        actor,
        "move",
        "tag_node",
        Some(id),
        &(parent, position),
        Some(images),
    )?;
    Ok(())
}
