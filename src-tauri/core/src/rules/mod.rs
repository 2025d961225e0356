//! Rules keep tags up to date: a condition tree ⇒ an action (add a tag, remove a tag, set a
//! single-select group to a tag), run in priority order over everyone or over the customers an
//! import, edit or new events touched. A rule only ever takes back what it gave itself and
//! never overrides a person's manual assignment.
//!
//! Semantics of a run (the property tests hold the engine to exactly this):
//! - All rules see the customers as they were when the run started (the condition index is a
//!   snapshot), so one rule's output does not cascade into another's condition within a run;
//!   every customer is decided independently, and a run over touched customers gives them
//!   exactly what a full run would.
//! - Rules go by `priority`, highest first (equal priorities: older rule first). Each action
//!   claims a slot per matching customer: the group for single-select groups, else the tag.
//!   A later rule whose action differs on a slot already claimed for a customer is skipped for
//!   that customer and the pair is reported as a conflict.
//! - `add T`: matching customers lacking T get it (source rule, source_ref = rule id);
//!   customers that no longer match (and whose slot no earlier rule claimed) lose T only if
//!   this rule gave it. In a single-select group `add T` behaves as `set group to T`.
//! - `set G to T`: as `add T`, replacing the customer's other tag of G, except that a customer
//!   with a manual assignment in G is left alone.
//! - `remove T`: matching customers lose T unless it was assigned by hand.
//! - Disabling a rule keeps what it gave; deleting it (or pointing it at another tag) takes
//!   its tags back.

mod plan;
mod run;
mod store;

pub use run::{log, preview, run, run_due, run_job, run_touched, DUE_AFTER};
pub use store::{any_enabled, create, delete, get, list, update};
pub(crate) use store::{create_within, delete_within, update_within};

use crate::conditions::Condition;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a rule does to the customers it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "RuleAction.ts")]
pub enum RuleAction {
    AddTag {
        tag_id: i64,
    },
    RemoveTag {
        tag_id: i64,
    },
    /// Gives `tag_id` of single-select `group_id`, replacing the customer's other tag there.
    SetGroup {
        group_id: i64,
        tag_id: i64,
    },
}

impl RuleAction {
    pub fn tag_id(self) -> i64 {
        match self {
            RuleAction::AddTag { tag_id }
            | RuleAction::RemoveTag { tag_id }
            | RuleAction::SetGroup { tag_id, .. } => tag_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Rule.ts")]
pub struct Rule {
    pub id: i64,
    pub name: String,
    pub owner: Option<String>,
    /// Higher runs first and wins conflicts.
    pub priority: i64,
    pub enabled: bool,
    pub condition: Condition,
    pub action: RuleAction,
    /// The condition depends on the clock, so the rule is re-run on a schedule.
    pub time_based: bool,
    pub last_run_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What the rule editor saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RuleInput.ts")]
pub struct RuleInput {
    pub name: String,
    pub owner: Option<String>,
    pub priority: i64,
    pub enabled: bool,
    pub condition: Condition,
    pub action: RuleAction,
}

/// Why rules ran, for the run log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "RunTrigger.ts")]
pub enum RunTrigger {
    Manual,
    Import,
    Edit,
    Event,
    Schedule,
    /// Changes received from the team.
    Exchange,
}

impl RunTrigger {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RunTrigger::Manual => "manual",
            RunTrigger::Import => "import",
            RunTrigger::Edit => "edit",
            RunTrigger::Event => "event",
            RunTrigger::Schedule => "schedule",
            RunTrigger::Exchange => "exchange",
        }
    }

    pub(crate) fn parse(s: &str) -> RunTrigger {
        match s {
            "import" => RunTrigger::Import,
            "edit" => RunTrigger::Edit,
            "event" => RunTrigger::Event,
            "schedule" => RunTrigger::Schedule,
            "exchange" => RunTrigger::Exchange,
            _ => RunTrigger::Manual,
        }
    }
}

/// Which rules run over which customers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "RunScope.ts")]
pub struct RunScope {
    /// One rule (it must be enabled); none: every enabled rule.
    pub rule_id: Option<i64>,
    /// Only these customers (those an import, edit or new events touched); none: everyone.
    pub customer_ids: Option<Vec<i64>>,
    pub trigger: RunTrigger,
}

/// What one rule did in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "RuleOutcome.ts")]
pub struct RuleOutcome {
    pub rule_id: i64,
    pub name: String,
    /// Customers in scope the condition matched.
    pub matched: i64,
    /// Customers who got the rule's tag.
    pub added: i64,
    /// Customers who lost the rule's tag (no longer matching, or a remove rule).
    pub removed: i64,
    /// Other tags of a single-select group taken off by `set`.
    pub replaced: i64,
    /// Matching customers left alone because of a manual assignment.
    pub kept_manual: i64,
    /// Matching customers left alone because a higher-priority rule acted differently.
    pub skipped_conflict: i64,
}

/// Two rules acting differently on the same group (or tag) for the same customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "RuleConflict.ts")]
pub struct RuleConflict {
    /// The higher-priority rule, whose action was applied.
    pub winner_id: i64,
    pub winner_name: String,
    /// The rule skipped for these customers.
    pub loser_id: i64,
    pub loser_name: String,
    /// The single-select group, or the tag, both act on.
    pub node_id: i64,
    pub customers: i64,
}

/// The result of a run, also kept in the run log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RuleRun.ts")]
pub struct RuleRun {
    pub id: i64,
    /// The rule run alone; none: every enabled rule.
    pub rule_id: Option<i64>,
    pub trigger: RunTrigger,
    pub started_at: i64,
    pub finished_at: i64,
    pub millis: i64,
    /// Customers considered.
    pub scanned: i64,
    pub added: i64,
    pub removed: i64,
    pub rules: Vec<RuleOutcome>,
    pub conflicts: Vec<RuleConflict>,
}

/// A customer named in a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "CustomerRef.ts")]
pub struct CustomerRef {
    pub id: i64,
    pub name: String,
}

/// What a rule would do if it ran now; nothing is written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "RulePreview.ts")]
pub struct RulePreview {
    pub outcome: RuleOutcome,
    /// Up to 10 customers who would get the tag.
    pub gain_sample: Vec<CustomerRef>,
    /// Up to 10 customers who would lose it.
    pub lose_sample: Vec<CustomerRef>,
    /// Higher-priority enabled rules that would win over this one for some customers.
    pub conflicts: Vec<RuleConflict>,
}
