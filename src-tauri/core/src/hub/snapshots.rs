//! Whole copies of the team's database on the hub, for colleagues who join: uploaded in parts
//! by a member who sees contacts, once as it is and once with contacts masked, so a joiner
//! without the right never receives a raw phone; downloaded whole by a joiner.

use super::address::call_error;
use super::masking;
use crate::error::{Error, Result};
use crate::jobs::{Job, JobStep};
use crate::problem::Problem;
use postgres::Client;
use rusqlite::Connection;
use std::path::Path;

/// Bytes per part: well under PostgreSQL's 1 GB value limit, and a few seconds each on a slow
/// office line.
const PART_BYTES: usize = 8 << 20;

/// A snapshot on the hub, as a joiner finds it.
pub(crate) struct HubSnapshot {
    pub id: i64,
    /// Every operation up to this position is in it.
    pub pos: i64,
    pub device: String,
    pub seq: i64,
    pub parts: i32,
}

/// Uploads the database as it is now, as every kind of copy the team's members need: whole and
/// masked, and without the private groups each member is kept from. `pos` is how far this copy
/// has pulled: everything up to it is in the copy.
pub(crate) fn upload(conn: &Connection, client: &mut Client, pos: i64, job: &Job) -> Result<()> {
    let needs = needs(client)?;
    upload_kinds(conn, client, pos, &needs, job)
}

/// Uploads the kinds of copy members need that the hub has none of yet (after a member is added
/// or changed, or a group made private), as of how far this copy has pulled.
pub(crate) fn upload_missing(conn: &Connection, client: &mut Client) -> Result<()> {
    let missing: Vec<CopyKind> = needs(client)?.into_iter().filter(|k| !k.present).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let pos = super::local::link(conn)?.map(|l| l.pulled_pos).unwrap_or(0);
    upload_kinds(conn, client, pos, &missing, &Job::default())
}

/// A kind of join copy: masked or not, without which private groups.
struct CopyKind {
    masked: bool,
    hidden: Vec<String>,
    /// The hub has a whole one.
    present: bool,
}

fn needs(client: &mut Client) -> Result<Vec<CopyKind>> {
    let rows = client
        .query(
            "SELECT masked, hidden, present FROM tagdesk_hub.snapshot_needs()",
            &[],
        )
        .map_err(call_error)?;
    Ok(rows
        .into_iter()
        .map(|r| CopyKind {
            masked: r.get(0),
            hidden: r.get(1),
            present: r.get(2),
        })
        .collect())
}

/// One copy on disk per set of hidden groups (sorted by it, as the hub lists them): made, the
/// groups taken out, uploaded as it is (without this laptop's login) when needed, then masked in
/// place and uploaded again when needed.
fn upload_kinds(
    conn: &Connection,
    client: &mut Client,
    pos: i64,
    kinds: &[CopyKind],
    job: &Job,
) -> Result<()> {
    let device = crate::operations::device_id(conn)?;
    crate::team::sync::number_outbox(conn, &device)?;
    // Every own operation numbered so far is in the copy: the joiner counts them as received.
    let seq: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM team_outbox", [], |r| {
        r.get(0)
    })?;
    learn_tree(conn, client)?;
    let dir = tempfile_dir()?;
    let mut sets: Vec<&Vec<String>> = kinds.iter().map(|k| &k.hidden).collect();
    sets.dedup();
    let uploaded = (|| {
        for hidden in sets {
            let wanted = |masked| {
                kinds
                    .iter()
                    .any(|k| &k.hidden == hidden && k.masked == masked)
            };
            let made = Made {
                device: &device,
                seq,
                pos,
                hidden,
            };
            let path = dir.join("copy.sqlite");
            job.step(JobStep::HubCopy, 0);
            crate::team::snapshot::copy_into(conn, &path)?;
            without_login_and_hidden(&path, hidden)?;
            if wanted(false) {
                put(client, &made, false, &path, job)?;
            }
            if wanted(true) {
                job.step(JobStep::HubMask, 0);
                masking::mask_copy(&path)?;
                put(client, &made, true, &path, job)?;
            }
            crate::db::remove_database(&path);
        }
        Ok::<(), Error>(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    uploaded
}

/// Which copy an upload is: the device and seq it holds up to, the hub position, the groups
/// left out.
struct Made<'a> {
    device: &'a str,
    seq: i64,
    pos: i64,
    hidden: &'a [String],
}

/// Tells the hub the tree's shape, so it knows the group of every tag, those made before the
/// hub too.
fn learn_tree(conn: &Connection, client: &mut Client) -> Result<()> {
    let nodes: Vec<serde_json::Value> = conn
        .prepare(
            "SELECT n.uid, p.uid FROM tag_nodes n LEFT JOIN tag_nodes p ON p.id = n.parent_id",
        )?
        .query_map([], |r| {
            Ok(serde_json::json!({ "uid": r.get::<_, String>(0)?,
                                   "parent": r.get::<_, Option<String>>(1)? }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    client
        .execute(
            "SELECT tagdesk_hub.learn_nodes($1::text::jsonb)",
            &[&serde_json::Value::Array(nodes).to_string()],
        )
        .map_err(call_error)?;
    Ok(())
}

/// Takes this laptop's login to the hub (its password) out of the copy at `path` (the joiner
/// logs in as themselves), and the private groups `hidden`; secure delete zeroes the rows where
/// they were, and a VACUUM rewrites the file when groups went (secure delete alone leaves a
/// few values behind after a change of many rows).
fn without_login_and_hidden(path: &Path, hidden: &[String]) -> Result<()> {
    let conn = masking::open_to_scrub(path)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM team_hub", [])?;
    let forgotten = super::hidden::forget(&tx, hidden, super::hidden::Keep::Nothing)?;
    tx.commit()?;
    if forgotten > 0 {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// A fresh folder only this user can read, for a copy holding customers.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "tagdesk-hub-{}-{:016x}",
        std::process::id(),
        rand::random::<u64>()
    ));
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

/// Uploads the file at `path` in parts, read one at a time.
fn put(client: &mut Client, made: &Made, masked: bool, path: &Path, job: &Job) -> Result<()> {
    use std::io::Read;
    let size = std::fs::metadata(path)?.len() as usize;
    let parts = size.div_ceil(PART_BYTES).max(1);
    job.step(JobStep::HubUpload, parts);
    let id: i64 = client
        .query_one(
            "SELECT tagdesk_hub.snapshot_begin($1, $2, $3, $4, $5, $6)",
            &[
                &made.device,
                &made.seq,
                &made.pos,
                &masked,
                &made.hidden,
                &(parts as i32),
            ],
        )
        .map_err(call_error)?
        .get(0);
    let mut file = std::fs::File::open(path)?;
    let mut part = Vec::with_capacity(PART_BYTES);
    for n in 0..parts {
        part.clear();
        (&mut file).take(PART_BYTES as u64).read_to_end(&mut part)?;
        client
            .execute(
                "SELECT tagdesk_hub.snapshot_put($1, $2, $3)",
                &[&id, &(n as i32), &part],
            )
            .map_err(call_error)?;
        job.report(n + 1, parts);
    }
    client
        .execute("SELECT tagdesk_hub.snapshot_finish($1)", &[&id])
        .map_err(call_error)?;
    Ok(())
}

/// The newest snapshot the logged-in member may receive.
pub(crate) fn newest(client: &mut Client) -> Result<HubSnapshot> {
    let row = client
        .query_opt(
            "SELECT id, pos, device, seq, parts FROM tagdesk_hub.snapshot_newest()",
            &[],
        )
        .map_err(call_error)?
        .ok_or(Error::invalid("hub", Problem::HubHasNoSnapshot))?;
    Ok(HubSnapshot {
        id: row.get(0),
        pos: row.get(1),
        device: row.get(2),
        seq: row.get(3),
        parts: row.get(4),
    })
}

/// The snapshot's bytes, whole.
pub(crate) fn download(client: &mut Client, snapshot: &HubSnapshot, job: &Job) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let parts = snapshot.parts.max(0) as usize;
    job.step(JobStep::HubDownload, parts);
    for part in 0..snapshot.parts {
        let row = client
            .query_one(
                "SELECT tagdesk_hub.snapshot_get($1, $2)",
                &[&snapshot.id, &part],
            )
            .map_err(call_error)?;
        let piece: Option<Vec<u8>> = row.get(0);
        bytes.extend(piece.ok_or(Error::invalid("hub", Problem::HubHasNoSnapshot))?);
        job.report(part as usize + 1, parts);
    }
    Ok(bytes)
}
