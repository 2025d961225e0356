//! Importing events: each row is one event of the customer its phone, email or external id
//! names. Reading, preview, report and the one transaction are the customers import's; only
//! what a row means differs.

use super::mapping::Attribute;
use super::plan::{empty_plan, find_customer, set_attribute, snapshot, tally, ImportPlan, Outcome};
use super::sheet::{self, Head};
use super::templates;
use super::{values, ColumnTarget, ImportSpec, InFileDuplicates, MatchBy, ProblemCode, RowProblem};
use crate::customers::CustomerInput;
use crate::error::{Error, Result};
use crate::events::{self, EventKind, Properties};
use crate::problem::Problem;
use crate::spreadsheet::Cell;
use crate::tags;
use identity::Identities;
use rusqlite::Connection;
use std::collections::{BTreeSet, HashMap};

mod identity;
mod run;
mod suggest;
pub use run::run;

/// One row of an events file, as it would be imported.
#[derive(Debug, Clone)]
pub struct PlannedEvent {
    pub customer_id: i64,
    /// The declared name, or the file's for a kind the run declares.
    pub kind: String,
    pub occurred_at: i64,
    pub amount: Option<f64>,
    /// As stored: a JSON object.
    pub properties: String,
    /// New, Unchanged (already stored), Duplicate (of an earlier row, skipped as the spec
    /// chose) or Rejected.
    pub outcome: Outcome,
    /// Which row of which file it is (see [`identity`]).
    pub source_key: i64,
    /// A stored event without a key that this row is: the run gives it the row's key.
    pub adopt: Option<i64>,
}

const KEY_COLUMNS: [(MatchBy, Attribute); 3] = [
    (MatchBy::Phone, Attribute::Phone),
    (MatchBy::Email, Attribute::Email),
    (MatchBy::ExternalId, Attribute::ExternalId),
];

pub fn analyse(conn: &Connection, spec: &ImportSpec) -> Result<ImportPlan<PlannedEvent>> {
    let _snapshot = snapshot(conn)?;
    let kinds: HashMap<String, EventKind> = events::list_kinds(conn)?
        .into_iter()
        .map(|k| (tags::name_key(&k.name), k))
        .collect();
    let mut rows = EventRows {
        conn,
        spec,
        kinds,
        properties: Vec::new(),
        key_column: 0,
        id_column: None,
        seen: HashMap::new(),
        orders: HashMap::new(),
        identities: Identities::default(),
        new_kinds: BTreeSet::new(),
        plan: None,
    };
    sheet::scan(spec, &mut rows)?;
    let mut plan = rows.plan.expect("a scanned sheet has headers");
    plan.kinds_to_create = rows.new_kinds.into_iter().collect();
    Ok(plan)
}

struct EventRows<'a> {
    conn: &'a Connection,
    spec: &'a ImportSpec,
    /// Declared kinds by folded name.
    kinds: HashMap<String, EventKind>,
    /// (column, key) of the property columns.
    properties: Vec<(usize, String)>,
    key_column: usize,
    /// The order/event id column, when one is mapped.
    id_column: Option<usize>,
    /// The first row of each event, by (customer, kind, time, amount, properties, id).
    seen: HashMap<(i64, String, i64, String, String, String), u32>,
    /// The first line of each order (or event) id, by (customer, kind, id): its row and its
    /// place in the plan's rows.
    orders: HashMap<(i64, String, String), (u32, usize)>,
    identities: Identities,
    new_kinds: BTreeSet<String>,
    plan: Option<ImportPlan<PlannedEvent>>,
}

impl sheet::Rows for EventRows<'_> {
    fn start(&mut self, head: &Head) -> Result<()> {
        let declared: Vec<String> = self
            .kinds
            .values()
            .flat_map(|k| k.properties.iter().cloned())
            .collect();
        let suggested = suggest::suggest_all(&head.headers, &declared);
        // Event targets name no custom field or group: none can have gone stale.
        let (columns, template) =
            templates::mapping_for(self.conn, self.spec, &head.headers, &suggested, &[], &[])?;
        let Some((_, wanted)) = KEY_COLUMNS.iter().find(|(by, _)| *by == self.spec.match_by) else {
            return Err(Error::invalid("match_by", Problem::ChooseMatchBy));
        };
        let target = ColumnTarget::Attribute { attribute: *wanted };
        let key_column = columns.iter().position(|c| *c == target);
        self.key_column = key_column.unwrap_or_default();
        let fixed = self.spec.events.fixed_kind.as_deref().map(str::trim);
        let unmapped = if key_column.is_none() {
            Some(Problem::ChooseKeyColumn)
        } else if !columns.contains(&ColumnTarget::EventKind) && fixed.is_none_or(str::is_empty) {
            Some(Problem::ChooseKindColumn)
        } else if !columns.contains(&ColumnTarget::EventTime) {
            Some(Problem::ChooseTimeColumn)
        } else {
            None
        };
        self.properties = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                ColumnTarget::EventProperty { key } if !key.trim().is_empty() => {
                    Some((i, key.trim().to_string()))
                }
                _ => None,
            })
            .collect();
        self.id_column = columns.iter().position(|c| *c == ColumnTarget::EventId);
        self.seen.clear();
        self.orders.clear();
        self.identities.clear();
        self.new_kinds.clear();
        let mut plan = empty_plan(head, suggested, columns, template);
        plan.unmapped = unmapped;
        self.plan = Some(plan);
        Ok(())
    }

    fn row(&mut self, row: u32, cells: Vec<Cell>) -> Result<()> {
        let plan = self.plan.as_mut().expect("started");
        if plan.unmapped.is_some() {
            plan.sample_only(row, &cells);
            return Ok(());
        }
        let mut problems = Vec::new();
        let source_key = {
            let plan = self.plan.as_ref().expect("started");
            let kind = named_kind(plan, self.spec, &cells);
            let id = self.id_column.map(|c| cells.get(c).unwrap_or(&Cell::Empty));
            self.identities.key(&kind, id, &cells)
        };
        let mut event = self.read(row, &cells, &mut problems)?;
        let mut merged = false;
        let outcome = match event.as_mut() {
            None => Outcome::Rejected,
            Some(e) => {
                e.source_key = source_key;
                let id = self
                    .id_column
                    .map(|c| cells.get(c).map(Cell::text).unwrap_or_default())
                    .unwrap_or_default();
                let same = (
                    e.customer_id,
                    e.kind.clone(),
                    e.occurred_at,
                    format!("{:?}", e.amount),
                    e.properties.clone(),
                    id.clone(),
                );
                let first_row = *self.seen.entry(same).or_insert(row);
                let skip = self.spec.events.in_file_duplicates == InFileDuplicates::Skip;
                if first_row != row && skip {
                    Outcome::Duplicate { first_row }
                } else if let Some(first_row) = self.order_line(row, e, &id) {
                    merged = true;
                    Outcome::Duplicate { first_row }
                } else {
                    if first_row != row {
                        self.note_kept_duplicate(row, first_row, &mut problems);
                    }
                    if self.identities.stored(self.conn, e)? {
                        Outcome::Unchanged { id: e.customer_id }
                    } else {
                        Outcome::New
                    }
                }
            }
        };
        let plan = self.plan.as_mut().expect("started");
        let duplicate: fn(u32) -> Problem = match merged {
            true => |first_row| Problem::OrderLineMerged { first_row },
            false => |first_row| Problem::DuplicateEventSkipped { first_row },
        };
        tally(plan, row, &cells, &outcome, problems, duplicate);
        match event {
            Some(mut e) => {
                e.outcome = outcome;
                plan.rows.push(e);
            }
            None => plan.rows.push(PlannedEvent {
                customer_id: 0,
                kind: String::new(),
                occurred_at: 0,
                amount: None,
                properties: String::new(),
                outcome,
                source_key,
                adopt: None,
            }),
        }
        Ok(())
    }

    fn skip(&mut self, row: u32, cells: &[Cell], problem: RowProblem) {
        super::plan::skip(self.plan.as_mut().expect("started"), row, cells, problem);
    }
}

/// The kind a row names (its kind cell, else the file's kind), as written.
fn named_kind(plan: &ImportPlan<PlannedEvent>, spec: &ImportSpec, cells: &[Cell]) -> String {
    plan.columns
        .iter()
        .position(|c| *c == ColumnTarget::EventKind)
        .map(|col| values::folded(cells.get(col).unwrap_or(&Cell::Empty)))
        .filter(|k| !k.trim().is_empty())
        .or_else(|| spec.events.fixed_kind.clone())
        .unwrap_or_default()
}

impl EventRows<'_> {
    /// When `e` is a later line of an order whose first line this file had (the same order id,
    /// kind and customer): adds its amount to that order's event and returns the first line's
    /// row. An order of several lines is one order (RFM counts it once, with its total); the
    /// first line's other values stand for it. Else notes `e` as the first line of its order.
    fn order_line(&mut self, row: u32, e: &PlannedEvent, id: &str) -> Option<u32> {
        if id.trim().is_empty() {
            return None;
        }
        let plan = self.plan.as_mut().expect("started");
        let order = (e.customer_id, e.kind.clone(), id.trim().to_string());
        let Some(&(first_row, at)) = self.orders.get(&order) else {
            self.orders.insert(order, (row, plan.rows.len()));
            return None;
        };
        let first = &mut plan.rows[at];
        // An order stored before keeps what it was stored with.
        if first.outcome == Outcome::New {
            first.amount = match (first.amount, e.amount) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
        }
        Some(first_row)
    }

    /// A repeated row that is kept: information in the preview, counted as a duplicate.
    fn note_kept_duplicate(&mut self, row: u32, first_row: u32, problems: &mut Vec<RowProblem>) {
        let plan = self.plan.as_mut().expect("started");
        plan.summary.duplicates_in_file += 1;
        problems.push(RowProblem::at(
            ProblemCode::DuplicateInFile,
            row,
            None,
            &[],
            String::new(),
            Problem::DuplicateEventKept { first_row },
        ));
    }

    /// The row's event, or None with its problems noted.
    fn read(
        &mut self,
        row: u32,
        cells: &[Cell],
        problems: &mut Vec<RowProblem>,
    ) -> Result<Option<PlannedEvent>> {
        let plan = self.plan.as_ref().expect("started");
        let cell = |col: usize| cells.get(col).unwrap_or(&Cell::Empty);
        let mut fail = |col: Option<usize>, problem: Problem| {
            let value = col.map(|c| cell(c).text()).unwrap_or_default();
            problems.push(RowProblem::at(
                ProblemCode::InvalidValue,
                row,
                col,
                &plan.headers,
                value,
                problem,
            ))
        };
        let key_col = self.key_column;
        let mut scratch = CustomerInput::default();
        let attribute = match plan.columns[key_col] {
            ColumnTarget::Attribute { attribute } => attribute,
            _ => unreachable!("the key column is an attribute"),
        };
        let customer = match set_attribute(&mut scratch, attribute, cell(key_col)) {
            Err(problem) => {
                fail(Some(key_col), problem);
                None
            }
            Ok(()) => {
                let key = match attribute {
                    Attribute::Phone => scratch.phone,
                    Attribute::Email => scratch.email,
                    _ => scratch.external_id,
                };
                match key {
                    None => {
                        fail(Some(key_col), Problem::KeyEmpty);
                        None
                    }
                    Some(key) => match find_customer(self.conn, self.spec.match_by, &key)? {
                        Some(id) => Some(id),
                        None => {
                            fail(Some(key_col), Problem::NoCustomerWithKey { key });
                            None
                        }
                    },
                }
            }
        };
        let mut kind_col = None;
        let mut time = None;
        let mut amount = None;
        let mut named = self.spec.events.fixed_kind.clone().unwrap_or_default();
        for (col, target) in plan.columns.iter().enumerate() {
            match target {
                ColumnTarget::EventKind => {
                    kind_col = Some(col);
                    let text = values::folded(cell(col));
                    if !text.is_empty() {
                        named = text;
                    }
                }
                ColumnTarget::EventTime => match values::moment(cell(col)) {
                    Ok(Some(t)) => time = Some(t),
                    Ok(None) => fail(Some(col), Problem::TimeEmpty),
                    Err(problem) => fail(Some(col), problem),
                },
                ColumnTarget::EventAmount => match values::number(cell(col)) {
                    Ok(a) => amount = Some((col, a)),
                    Err(problem) => fail(Some(col), problem),
                },
                _ => {}
            }
        }
        let named = named.trim().to_string();
        let file_keys: Vec<String> = self.properties.iter().map(|(_, k)| k.clone()).collect();
        // The kind as the run will see it: declared, or to be declared, with the file's
        // property columns among its keys (the run declares them).
        let kind = if named.is_empty() {
            fail(kind_col, Problem::EventKindEmpty);
            None
        } else if let Some(k) = self.kinds.get(&tags::name_key(&named)) {
            let mut k = k.clone();
            k.properties.extend(file_keys.iter().cloned());
            Some(k)
        } else if self.spec.events.create_kinds {
            if !self
                .new_kinds
                .iter()
                .any(|n| tags::name_key(n) == tags::name_key(&named))
            {
                self.new_kinds.insert(named.clone());
            }
            Some(EventKind {
                id: 0,
                name: named.clone(),
                description: String::new(),
                properties: file_keys,
                is_order: false,
                events: 0,
            })
        } else {
            fail(
                kind_col,
                Problem::UnknownEventKindInFile {
                    name: named.clone(),
                },
            );
            None
        };
        let mut properties = Properties::new();
        for (col, key) in &self.properties {
            let c = cell(*col);
            // Trimmed, and numbers without a trailing ".0".
            let value = c.text();
            if !value.is_empty() {
                properties.insert(key.clone(), value);
            }
        }
        let (Some(customer_id), Some(kind), Some(occurred_at)) = (customer, kind, time) else {
            return Ok(None);
        };
        if !problems.is_empty() {
            return Ok(None);
        }
        let amount_value = amount.and_then(|(_, a)| a);
        match events::check(&kind, occurred_at, amount_value, &properties) {
            Ok(stored) => Ok(Some(PlannedEvent {
                customer_id,
                kind: kind.name,
                occurred_at,
                amount: amount_value,
                properties: stored,
                outcome: Outcome::New,
                source_key: 0,
                adopt: None,
            })),
            Err(Error::Invalid { field, problem }) => {
                let col = match field.as_str() {
                    "amount" => amount.map(|(c, _)| c),
                    "occurred_at" => plan
                        .columns
                        .iter()
                        .position(|c| *c == ColumnTarget::EventTime),
                    _ => None,
                };
                let plan = self.plan.as_ref().expect("started");
                let value = col.map(|c| cell(c).text()).unwrap_or_default();
                problems.push(RowProblem::at(
                    ProblemCode::InvalidValue,
                    row,
                    col,
                    &plan.headers,
                    value,
                    problem,
                ));
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }
}
