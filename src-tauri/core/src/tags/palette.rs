//! Colours for new groups: a fixed palette of distinct hues, handed out in order so that groups
//! created one after another do not all share the grey (or their parent's) colour.

use crate::error::Result;
use rusqlite::Connection;

/// Distinct at a glance on a white page and in chips; antd's base hues, darker where light.
pub const PALETTE: [&str; 12] = [
    "#1677ff", "#fa8c16", "#52c41a", "#eb2f96", "#722ed1", "#13a8a8", "#cf1322", "#faad14",
    "#2f54eb", "#a0d911", "#d4380d", "#08979c",
];

/// The first palette colour no group uses yet; when every one is taken, the least used (the
/// earlier on ties), so the colours stay spread.
pub fn next_group_color(conn: &Connection) -> Result<&'static str> {
    let mut stmt = conn.prepare_cached(
        "SELECT lower(color), count(*) FROM tag_nodes
         WHERE kind = 'group' AND color IS NOT NULL AND deleted_at IS NULL GROUP BY lower(color)",
    )?;
    let used = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let uses = |c: &str| used.iter().find(|(u, _)| u == c).map_or(0, |(_, n)| *n);
    let fewest = PALETTE.iter().map(|c| uses(c)).min().unwrap_or(0);
    Ok(PALETTE
        .iter()
        .find(|c| uses(c) == fewest)
        .copied()
        .unwrap_or(PALETTE[0]))
}
