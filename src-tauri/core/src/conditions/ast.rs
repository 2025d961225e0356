//! The condition tree shared by segments, rules and the visual builder. It is plain data
//! (JSON in the database, TypeScript in the UI); nothing here knows how it is evaluated.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A condition over one customer. `and`/`or`/`not` nest to any depth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "Condition.ts")]
pub enum Condition {
    /// Every child holds (no children: everyone).
    And {
        children: Vec<Condition>,
    },
    /// At least one child holds (no children: no one).
    Or {
        children: Vec<Condition>,
    },
    Not {
        child: Box<Condition>,
    },
    /// Has this tag.
    Tag {
        tag_id: i64,
    },
    /// Has any / all / none of these tags.
    Tags {
        tag_ids: Vec<i64>,
        mode: SetMode,
    },
    /// Has any / all / none of the tags of this group.
    Group {
        group_id: i64,
        mode: SetMode,
    },
    /// An attribute or custom field compared with values written as text
    /// (numbers "12.5", dates "2025-01-03", day counts "30"), parsed by the field's kind.
    Field {
        field: String,
        op: FieldOp,
        values: Vec<String>,
    },
    /// Count of events of a kind (or the sum of their amounts), optionally only events whose
    /// property `key` equals `value`, within the last `within_days` days (none: ever).
    Event {
        kind: String,
        property: Option<EventProperty>,
        within_days: Option<i64>,
        measure: EventMeasure,
        cmp: Cmp,
        value: f64,
        /// Upper bound for `between`.
        value2: Option<f64>,
    },
    /// The lead score: the sum of the weights of the customer's tags.
    Score {
        cmp: Cmp,
        value: f64,
        value2: Option<f64>,
    },
    /// A member of another segment (static: its frozen list; dynamic: its condition).
    Segment {
        segment_id: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "SetMode.ts")]
pub enum SetMode {
    Any,
    All,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "FieldOp.ts")]
pub enum FieldOp {
    Eq,
    Ne,
    In,
    NotIn,
    Contains,
    StartsWith,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
    IsEmpty,
    IsNotEmpty,
    /// Dates and times within the last N days (up to now).
    WithinLastDays,
    /// Dates and times earlier than N days ago.
    BeforeDaysAgo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Cmp.ts")]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
}

impl Cmp {
    /// Whether `x` passes; `between` is inclusive at both ends.
    pub fn holds(self, x: f64, value: f64, value2: Option<f64>) -> bool {
        match self {
            Cmp::Eq => x == value,
            Cmp::Ne => x != value,
            Cmp::Lt => x < value,
            Cmp::Le => x <= value,
            Cmp::Gt => x > value,
            Cmp::Ge => x >= value,
            Cmp::Between => x >= value && x <= value2.unwrap_or(value),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "EventMeasure.ts")]
pub enum EventMeasure {
    Count,
    SumAmount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "EventProperty.ts")]
pub struct EventProperty {
    pub key: String,
    pub value: String,
}

impl Condition {
    /// Everyone: the empty AND.
    pub fn everyone() -> Condition {
        Condition::And {
            children: Vec::new(),
        }
    }

    /// Direct sub-conditions, in order.
    pub fn children(&self) -> Vec<&Condition> {
        match self {
            Condition::And { children } | Condition::Or { children } => children.iter().collect(),
            Condition::Not { child } => vec![child],
            _ => Vec::new(),
        }
    }

    /// Every tag the tree names, for merges and usage statistics.
    pub fn tag_ids(&self) -> Vec<i64> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Tag { tag_id } => out.push(*tag_id),
            Condition::Tags { tag_ids, .. } => out.extend(tag_ids),
            _ => {}
        });
        out
    }

    /// Every segment the tree refers to.
    pub fn segment_ids(&self) -> Vec<i64> {
        let mut out = Vec::new();
        self.walk(&mut |c| {
            if let Condition::Segment { segment_id } = c {
                out.push(*segment_id)
            }
        });
        out
    }

    /// Whether the result depends on the clock (rules with windows re-run on a schedule).
    pub fn uses_time(&self) -> bool {
        let mut timed = false;
        self.walk(&mut |c| {
            timed |= matches!(
                c,
                Condition::Event {
                    within_days: Some(_),
                    ..
                } | Condition::Field {
                    op: FieldOp::WithinLastDays | FieldOp::BeforeDaysAgo,
                    ..
                }
            )
        });
        timed
    }

    fn walk(&self, f: &mut impl FnMut(&Condition)) {
        f(self);
        for c in self.children() {
            c.walk(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_form_is_tagged_by_type_in_snake_case() {
        let c = Condition::Or {
            children: vec![
                Condition::Tag { tag_id: 3 },
                Condition::Not {
                    child: Box::new(Condition::Field {
                        field: "city".into(),
                        op: FieldOp::Eq,
                        values: vec!["上海".into()],
                    }),
                },
            ],
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"type":"or","children":[{"type":"tag","tag_id":3},{"type":"not","child":{"type":"field","field":"city","op":"eq","values":["上海"]}}]}"#
        );
        assert_eq!(serde_json::from_str::<Condition>(&json).unwrap(), c);
    }

    #[test]
    fn between_is_inclusive_at_both_ends() {
        assert!(Cmp::Between.holds(3.0, 3.0, Some(5.0)));
        assert!(Cmp::Between.holds(5.0, 3.0, Some(5.0)));
        assert!(!Cmp::Between.holds(5.1, 3.0, Some(5.0)));
    }

    #[test]
    fn windows_make_a_tree_time_dependent() {
        let timed = Condition::And {
            children: vec![Condition::Event {
                kind: "下单".into(),
                property: None,
                within_days: Some(30),
                measure: EventMeasure::Count,
                cmp: Cmp::Ge,
                value: 1.0,
                value2: None,
            }],
        };
        assert!(timed.uses_time());
        assert!(!Condition::Tag { tag_id: 1 }.uses_time());
    }
}
