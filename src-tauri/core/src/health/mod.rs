//! Tag health (标签健康, issue 19): which tags work and which to clean up. One report over the
//! whole tree — coverage, unused and stale tags, near-duplicates, dictionary gaps, the core
//! pool, provenance — computed from the condition index's bitmaps in well under a second at a
//! million customers, and the smaller answers the page asks for one tag or selection at a time:
//! where a tag is used, what a merge would move, a tag's trend, and which tags a selection of
//! customers suggests.

mod coverage;
mod dictionary;
mod duplicates;
mod merge_preview;
mod nodes;
mod provenance;
mod report;
mod stale;
mod suggestions;
mod trend;
mod where_used;

pub use coverage::group_gaps;
pub use dictionary::{CorePool, DictionaryField};
pub use duplicates::{DuplicateKind, DuplicatePair};
pub use merge_preview::{merge_preview, MergePreview, MergeSourcePreview};
pub use provenance::SourceShare;
pub use report::{report, GroupHealth, HealthReport, TagHealth};
pub use suggestions::{
    suggestion_preview, suggestions, Selection, Suggestion, SuggestionList, SuggestionPreview,
    SuggestionQuery, SuggestionThresholds,
};
pub use trend::{trend, TagTrend, TrendBucket, TrendPoint};
pub use where_used::{where_used, UsedBy, WeightUse, WhereUsed};

use crate::error::{Error, Result};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The report's settings; each left out takes its default (see [`HealthThresholds`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "HealthQuery.ts")]
pub struct HealthQuery {
    #[ts(optional)]
    pub stale_months: Option<i64>,
    #[ts(optional)]
    pub unused_months: Option<i64>,
    #[ts(optional)]
    pub jaccard_min: Option<f64>,
    #[ts(optional)]
    pub containment_min_members: Option<i64>,
}

/// The settings a report was computed with, returned in it for the page to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "HealthThresholds.ts")]
pub struct HealthThresholds {
    /// A tag is stale when no customer was added to or removed from it for this many months
    /// (default 6).
    pub stale_months: i64,
    /// A tag is not used when no segment, rule, board, import template or export used it for
    /// this many months (default 6).
    pub unused_months: i64,
    /// Member sets overlap strongly from this Jaccard index on (default 0.8).
    pub jaccard_min: f64,
    /// "Every A is B" is suggested only when A has at least this many customers (default 5):
    /// a tag of two customers lies inside every tag those two share.
    pub containment_min_members: i64,
}

impl HealthThresholds {
    /// The query's settings with defaults filled in, checked.
    pub fn of(query: &HealthQuery) -> Result<HealthThresholds> {
        let t = HealthThresholds {
            stale_months: query.stale_months.unwrap_or(6),
            unused_months: query.unused_months.unwrap_or(6),
            jaccard_min: query.jaccard_min.unwrap_or(0.8),
            containment_min_members: query.containment_min_members.unwrap_or(5),
        };
        check("stale_months", (1..=120).contains(&t.stale_months))?;
        check("unused_months", (1..=120).contains(&t.unused_months))?;
        check("jaccard_min", t.jaccard_min > 0.0 && t.jaccard_min <= 1.0)?;
        check("containment_min_members", t.containment_min_members >= 1)?;
        Ok(t)
    }
}

/// Refuses a setting outside its range, naming it.
pub(crate) fn check(parameter: &str, ok: bool) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            parameter,
            Problem::HealthThresholdInvalid {
                parameter: parameter.to_string(),
            },
        ))
    }
}
