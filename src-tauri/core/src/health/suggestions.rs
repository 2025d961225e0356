//! "Customers like these usually also have C": for a selection of customers S, the tags C
//! that not all of S hold, whose share within S (support) is high and well above their share
//! among everyone (lift = P(C|S) / P(C)). Offered, never applied on their own: the preview
//! lists the customers who would get C, for a bulk tag the history can undo.

use super::check;
use crate::conditions::{Condition, Index};
use crate::customers::{self, CustomerRow};
use crate::error::Result;
use crate::segments::{self, MemberSource};
use roaring::RoaringBitmap;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which customers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "Selection.ts")]
pub enum Selection {
    /// These customers (a selection in the list).
    Customers {
        ids: Vec<i64>,
    },
    /// Everyone a tree matches ("has A and has B" from the tag picker).
    Condition {
        condition: Condition,
    },
    Segment {
        segment_id: i64,
    },
}

/// The suggestion settings; each left out takes its default (see [`SuggestionThresholds`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "SuggestionQuery.ts")]
pub struct SuggestionQuery {
    #[ts(optional)]
    pub min_support: Option<f64>,
    #[ts(optional)]
    pub min_lift: Option<f64>,
    #[ts(optional)]
    pub min_customers: Option<i64>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// The settings a suggestion list was made with, returned for the page to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "SuggestionThresholds.ts")]
pub struct SuggestionThresholds {
    /// Share of the selection holding the tag, at least (default 0.3).
    pub min_support: f64,
    /// How many times likelier in the selection than among everyone, at least (default 1.5).
    pub min_lift: f64,
    /// Customers of the selection holding it, at least (default 3): a pattern, not a chance.
    pub min_customers: i64,
    /// Suggestions returned, at most (default 10).
    pub limit: i64,
}

impl SuggestionThresholds {
    pub fn of(query: &SuggestionQuery) -> Result<SuggestionThresholds> {
        let t = SuggestionThresholds {
            min_support: query.min_support.unwrap_or(0.3),
            min_lift: query.min_lift.unwrap_or(1.5),
            min_customers: query.min_customers.unwrap_or(3),
            limit: query.limit.unwrap_or(10),
        };
        check("min_support", t.min_support > 0.0 && t.min_support <= 1.0)?;
        check("min_lift", t.min_lift >= 1.0 && t.min_lift.is_finite())?;
        check("min_customers", t.min_customers >= 1)?;
        check("limit", (1..=100).contains(&t.limit))?;
        Ok(t)
    }
}

/// One suggested tag.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Suggestion.ts")]
pub struct Suggestion {
    pub tag_id: i64,
    pub name: String,
    /// Customers of the selection holding it, and their share of the selection (support).
    pub holders: i64,
    pub support: f64,
    /// Its share among all live customers.
    pub base_share: f64,
    /// support / base_share.
    pub lift: f64,
    /// Customers of the selection who would get it.
    pub would_get: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "SuggestionList.ts")]
pub struct SuggestionList {
    pub thresholds: SuggestionThresholds,
    /// Live customers in the selection.
    pub selected: i64,
    /// Highest lift first.
    pub suggestions: Vec<Suggestion>,
    pub millis: f64,
}

/// The tags the selection suggests.
pub fn suggestions(
    conn: &Connection,
    index: &Index,
    selection: &Selection,
    query: &SuggestionQuery,
) -> Result<SuggestionList> {
    let started = std::time::Instant::now();
    let thresholds = SuggestionThresholds::of(query)?;
    let chosen = members(conn, index, selection)?;
    let selected = chosen.len();
    let total = index.universe.len();
    let assignable = assignable_tags(conn)?;
    let mut found = Vec::new();
    for (tag_id, name) in assignable {
        let Some(set) = index.tags.get(&tag_id) else {
            continue;
        };
        let holders = set.intersection_len(&chosen);
        if selected == 0 || holders == selected || (holders as i64) < thresholds.min_customers {
            continue;
        }
        let support = holders as f64 / selected as f64;
        // Deleted customers stay in the tag's bitmap; the base share counts only the live.
        let base = set.intersection_len(&index.universe);
        let base_share = base as f64 / total.max(1) as f64;
        let lift = support / base_share;
        if support >= thresholds.min_support && lift >= thresholds.min_lift {
            found.push(Suggestion {
                tag_id,
                name,
                holders: holders as i64,
                support,
                base_share,
                lift,
                would_get: (selected - holders) as i64,
            });
        }
    }
    found.sort_by(|a, b| b.lift.total_cmp(&a.lift).then(a.tag_id.cmp(&b.tag_id)));
    found.truncate(thresholds.limit as usize);
    Ok(SuggestionList {
        thresholds,
        selected: selected as i64,
        suggestions: found,
        millis: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The customers of the selection who would get the tag, with the first few to show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "SuggestionPreview.ts")]
pub struct SuggestionPreview {
    pub tag_id: i64,
    /// Every one of them, for `tagging_add` with `{ type: "customers", ids }` (one batch the
    /// history can undo).
    pub customer_ids: Vec<i64>,
    /// The first `sample` of them, newest first.
    pub sample: Vec<CustomerRow>,
}

/// Who in the selection lacks `tag_id`.
pub fn suggestion_preview(
    conn: &Connection,
    index: &Index,
    selection: &Selection,
    tag_id: i64,
    sample: i64,
) -> Result<SuggestionPreview> {
    super::nodes::kind_of(conn, tag_id)?;
    let chosen = members(conn, index, selection)?;
    let lacking = match index.tags.get(&tag_id) {
        Some(set) => &chosen - set,
        None => chosen,
    };
    let newest: Vec<i64> = lacking
        .iter()
        .rev()
        .take(sample.clamp(0, 200) as usize)
        .map(i64::from)
        .collect();
    Ok(SuggestionPreview {
        tag_id,
        customer_ids: lacking.iter().map(i64::from).collect(),
        sample: customers::rows_by_ids(conn, &newest)?,
    })
}

/// The live customers of the selection.
fn members(conn: &Connection, index: &Index, selection: &Selection) -> Result<RoaringBitmap> {
    let set = match selection {
        Selection::Customers { ids } => ids
            .iter()
            .filter_map(|id| u32::try_from(*id).ok())
            .collect(),
        Selection::Condition { condition } => segments::members(
            conn,
            index,
            &MemberSource::Condition {
                condition: condition.clone(),
            },
        )?,
        Selection::Segment { segment_id } => segments::members(
            conn,
            index,
            &MemberSource::Segment {
                segment_id: *segment_id,
            },
        )?,
    };
    Ok(set & &index.universe)
}

/// Tags a person may give: live, not archived, given by hand (a rule, RFM or lifecycle owns
/// the others, and would take them back).
fn assignable_tags(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, name FROM tag_nodes WHERE kind = 'tag' AND deleted_at IS NULL
             AND archived_at IS NULL AND origin = 'manual' ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
