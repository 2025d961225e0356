//! The real run: the dry run's plan written in one transaction. A cancel or any failure
//! rolls everything back.

use super::commit::{begin_operation, commit, work_of, Written};
use super::plan::{analyse, Outcome, PlannedRow};
use super::tags_column::{Parent, TagRef};
use super::{events, ImportSpec, ImportSummary, ImportWhat, RowProblem};
use crate::clock;
use crate::conditions::index::Untracked;
use crate::customers::search::{self, PendingEntries};
use crate::customers::{self, CustomerInput};
use crate::error::{Error, Result};
use crate::interrupted::{self, Note};
use crate::operations;
use crate::tagging::{self, TagSource, TagTarget};
use crate::tags::{self, NewNode, NodeKind};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ImportReport.ts")]
pub struct ImportReport {
    pub summary: ImportSummary,
    /// Every rejected row and duplicate, for the error report.
    pub problems: Vec<RowProblem>,
    pub tags_created: i64,
    /// Events: kinds the import declared.
    pub kinds_created: i64,
    /// The customers the import added, changed or gave events to, for the rules that run
    /// after it.
    #[serde(skip)]
    #[ts(skip)]
    pub customers: Vec<i64>,
    /// What the enabled rules did for those customers right after the import (none: no rule
    /// is enabled, or no one was touched). Filled in by the desk, which runs them.
    pub rules: Option<crate::rules::RuleRun>,
    /// The follow-up work (rules, after events the value refresh) the import recorded in its
    /// own transaction, for the desk to do and settle (see [`crate::follow_up`]).
    #[serde(skip)]
    #[ts(skip)]
    pub follow_up: Option<i64>,
}

/// Rows between two progress reports (and cancel checks).
const STEP: usize = 500;

/// Imports as planned. `progress(done, total)` is called as rows are written; setting
/// `cancel` stops the run and leaves the database as it was. A run the process does not
/// survive leaves a note the next start shows (see [`interrupted`]).
pub fn run(
    conn: &mut Connection,
    spec: &ImportSpec,
    actor: &str,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let note = interrupted::begin(conn, &work_of(spec), actor)?;
    let outcome = match spec.what {
        ImportWhat::Customers => run_customers(conn, spec, actor, &note, progress, cancel),
        ImportWhat::Events => {
            events::run(conn, spec, actor, &note, progress, cancel).map(|written| ImportReport {
                summary: written.plan.summary,
                problems: written.plan.problems,
                tags_created: 0,
                kinds_created: written.kinds_created,
                customers: written.customers,
                rules: None,
                follow_up: written.follow_up,
            })
        }
    };
    if outcome.is_err() {
        // The caller reports this failure; a note left behind would only say it again later.
        let _ = interrupted::abandon(conn, note);
    }
    outcome
}

fn run_customers(
    conn: &mut Connection,
    spec: &ImportSpec,
    actor: &str,
    note: &Note,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    // The plan is made inside the write transaction, so nothing changes between the two.
    let tx = conn.transaction()?;
    let operation = begin_operation(&tx, spec, actor)?;
    let plan = analyse(&tx, spec)?.mapped()?;
    let now = clock::now();
    let created = create_tags(&tx, &plan.rows)?;
    let tag_of = |t: &TagRef| match t {
        TagRef::Existing(tag) => *tag,
        TagRef::New { parent, name } => created.tags[&(parent.clone(), tags::name_key(name))],
    };
    let fresh: Vec<&PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::New)
        .collect();
    let updates: Vec<(i64, &PlannedRow)> = plan
        .rows
        .iter()
        .filter_map(|r| match r.outcome {
            Outcome::Update { id } => Some((id, r)),
            _ => None,
        })
        .collect();
    let writes = fresh.len() + updates.len();
    // A large file's new customers get their search entries right after the commit.
    let defer_search = fresh.len() >= search::DEFER_FROM;
    let searched = if defer_search { updates.len() } else { writes };
    // Progress counts each written row once for its record, and once for its search entries
    // when they are written here.
    let total = writes + searched;
    let check = |done: usize| -> Result<()> {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        progress(done, total);
        Ok(())
    };
    let mut entries = PendingEntries::default();
    let mut touched: Vec<i64> = Vec::with_capacity(writes);
    // What the undo of this import takes back besides its tags.
    let mut records = operations::Records::default();

    // Existing customers first, tracked row by row like any edit.
    let mut tagged: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (done, (id, row)) in updates.iter().enumerate() {
        if done % STEP == 0 {
            check(done)?;
        }
        // The record before, for the undo, only when it changes (not when only tags are new).
        let before = customers::get(&tx, *id)?.input;
        if before != *row.input {
            records.keep_before(&tx, operation.id(), *id, &before)?;
        }
        // The plan merged and checked the record in this same transaction.
        customers::update_record(&tx, *id, &row.input, now)?;
        touched.push(*id);
        entries.replace(*id, &customers::searchable(&row.input));
        for t in &row.tags {
            tagged.entry(tag_of(t)).or_default().push(*id);
        }
    }
    for (tag, ids) in tagged {
        let target = TagTarget::Customers { ids };
        tagging::add_within(&tx, &target, tag, TagSource::Import, actor)?;
    }

    // New customers in bulk, a statement's worth at a time (see `insert_records`), with the
    // index's per-row tracking off until they and their tags are written.
    let untracked = Untracked::begin(&tx)?;
    let mut fresh_ids = Vec::with_capacity(fresh.len());
    let mut tagged_new: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for chunk in fresh.chunks(customers::RECORDS_PER_STATEMENT) {
        check(updates.len() + fresh_ids.len())?;
        let records: Vec<CustomerInput> = chunk.iter().map(|r| (*r.input).clone()).collect();
        let ids = customers::insert_records(&tx, &records, now)?;
        for ((row, record), id) in chunk.iter().zip(&records).zip(ids) {
            if !defer_search {
                entries.add_new(id, &customers::searchable(record));
            }
            for t in &row.tags {
                tagged_new.entry(tag_of(t)).or_default().push(id);
            }
            fresh_ids.push(id);
        }
    }
    if let (true, Some(first)) = (defer_search, fresh_ids.first()) {
        search::defer(&tx, *first)?;
    }
    entries.write(&tx, STEP, &mut |n| check(writes + n / 2))?;
    progress(total, total);
    let mut batches = Vec::with_capacity(tagged_new.len());
    for (tag, ids) in tagged_new {
        let batch = tagging::add_to_new_within(&tx, &ids, tag, TagSource::Import, actor)?;
        batches.push(batch.batch_id);
    }
    untracked.finish(&tx, &fresh_ids, &batches)?;
    records.customers_added(&fresh_ids);
    touched.extend(fresh_ids);

    let written = Written {
        summary: &plan.summary,
        customers: &touched,
        records,
    };
    let follow_up = commit(tx, operation, actor, note, spec, &written, cancel)?;
    Ok(ImportReport {
        summary: plan.summary,
        problems: plan.problems,
        tags_created: created.tags.len() as i64 + created.groups,
        kinds_created: 0,
        customers: touched,
        rules: None,
        follow_up,
    })
}

/// [`run`] reporting to a [`Job`](crate::jobs::Job) the UI polls and can cancel.
pub fn run_job(
    conn: &mut Connection,
    spec: &ImportSpec,
    actor: &str,
    job: &crate::jobs::Job,
) -> Result<ImportReport> {
    job.run(|progress, cancel| run(conn, spec, actor, progress, cancel))
}

/// The tags (and groups for them) an import created.
struct Created {
    tags: HashMap<(Parent, String), i64>,
    groups: i64,
}

/// Creates each tag the file names but the tree lacks, once, and the categories and groups
/// of the paths new tags go into (a group named after the column, a path from another
/// database).
fn create_tags(tx: &Transaction, rows: &[super::PlannedRow]) -> Result<Created> {
    let mut created = Created {
        tags: HashMap::new(),
        groups: 0,
    };
    // Read only when a path needs making: most imports create no node or none but tags.
    let mut inner: Option<Inner> = None;
    for row in rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::New | Outcome::Update { .. }))
    {
        for t in &row.tags {
            let TagRef::New { parent, name } = t else {
                continue;
            };
            let key = (parent.clone(), tags::name_key(name));
            if created.tags.contains_key(&key) {
                continue;
            }
            let parent_id = match parent {
                Parent::Node(id) => *id,
                Parent::NewPath(path) => {
                    let inner = match inner.as_mut() {
                        Some(inner) => inner,
                        None => inner.insert(Inner::load(tx)?),
                    };
                    let (id, made) = inner.make_path(tx, path)?;
                    created.groups += made;
                    id
                }
            };
            let node = NewNode::new(Some(parent_id), NodeKind::Tag, name);
            created.tags.insert(key, tags::create_node(tx, &node)?);
        }
    }
    Ok(created)
}

/// The tree's categories and groups by (parent, folded name), for making the nodes of paths.
struct Inner(HashMap<(Option<i64>, String), i64>);

impl Inner {
    fn load(tx: &Transaction) -> Result<Inner> {
        Ok(Inner(
            tags::load_nodes(tx)?
                .into_iter()
                .filter(|n| n.kind != NodeKind::Tag && !n.deleted)
                .map(|n| ((n.parent_id, tags::name_key(&n.name)), n.id))
                .collect(),
        ))
    }

    /// The node at `path` (categories, the last a group), made where missing; with how many
    /// nodes were made.
    fn make_path(&mut self, tx: &Transaction, path: &[String]) -> Result<(i64, i64)> {
        let (mut parent, mut made) = (None, 0);
        for (i, name) in path.iter().enumerate() {
            let key = (parent, tags::name_key(name));
            let id = match self.0.get(&key) {
                Some(id) => *id,
                None => {
                    let kind = match i + 1 == path.len() {
                        true => NodeKind::Group,
                        false => NodeKind::Category,
                    };
                    let id = tags::create_node(tx, &NewNode::new(parent, kind, name))?;
                    self.0.insert(key, id);
                    made += 1;
                    id
                }
            };
            parent = Some(id);
        }
        Ok((parent.expect("a path has a node"), made))
    }
}
