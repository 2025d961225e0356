//! Works out what rules change, in memory: conditions on the index, current assignments of
//! the tags the rules act on read once per tag, bitmaps for every step. The caller writes the
//! result (a run) or only reports it (a preview).

use super::{Rule, RuleAction, RuleConflict, RuleOutcome};
use crate::conditions::{Ctx, Index};
use crate::error::Result;
use crate::tagging::bulk::{ids_json, Changes};
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// Below this many customers in scope, assignments are read by customer, else by whole tag.
const SMALL_SCOPE: u64 = 50_000;

/// Who holds one tag, and from where.
#[derive(Default, Clone)]
struct Holding {
    all: RoaringBitmap,
    manual: RoaringBitmap,
    by_rule: HashMap<i64, RoaringBitmap>,
}

/// Where an action lands for a customer: a single-select group, or a tag of a multi group.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Group(i64),
    Tag(i64),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    Give(i64),
    Take(i64),
}

struct Claim {
    rule_id: i64,
    name: String,
    effect: Effect,
    matched: RoaringBitmap,
}

/// One rule's share of a plan.
pub(super) struct Step {
    pub outcome: RuleOutcome,
    pub changes: Changes,
    pub gained: RoaringBitmap,
    pub lost: RoaringBitmap,
}

/// The planner's state across the rules of one run.
pub(super) struct Planner<'a> {
    conn: &'a Connection,
    index: &'a Index,
    now: i64,
    scope: RoaringBitmap,
    scope_json: Option<String>,
    holdings: HashMap<i64, Holding>,
    /// Who holds each tag an earlier step changed, within the scope: later rules read these
    /// instead of the index, so a rule that reads a tag a higher rule gives sees it given.
    changed: HashMap<i64, RoaringBitmap>,
    claims: HashMap<Slot, Vec<Claim>>,
    /// Tag → its single-select group and that group's tags.
    groups: HashMap<i64, Option<(i64, Vec<i64>)>>,
    pub conflicts: Vec<RuleConflict>,
}

impl<'a> Planner<'a> {
    pub fn new(conn: &'a Connection, index: &'a Index, now: i64, scope: RoaringBitmap) -> Self {
        let scope_json = (scope.len() < SMALL_SCOPE).then(|| ids_json(&scope));
        Planner {
            conn,
            index,
            now,
            scope,
            scope_json,
            holdings: HashMap::new(),
            changed: HashMap::new(),
            claims: HashMap::new(),
            groups: HashMap::new(),
            conflicts: Vec::new(),
        }
    }

    pub fn scope(&self) -> &RoaringBitmap {
        &self.scope
    }

    /// Plans `rule` after every rule planned before it (which outrank it). With `apply`
    /// false the rule only claims its customers (a higher rule outside a partial run).
    pub fn step(&mut self, rule: &Rule, apply: bool) -> Result<Step> {
        let matched = Ctx::over(self.conn, self.index, self.now, &self.scope)
            .with_tags(&self.changed)
            .eval(&rule.condition)?
            & &self.scope;
        let group = self.single_group(rule.action.tag_id())?;
        let (slot, effect) = match (rule.action, &group) {
            (RuleAction::RemoveTag { tag_id }, Some((g, _))) => {
                (Slot::Group(*g), Effect::Take(tag_id))
            }
            (RuleAction::RemoveTag { tag_id }, None) => (Slot::Tag(tag_id), Effect::Take(tag_id)),
            (_, Some((g, _))) => (Slot::Group(*g), Effect::Give(rule.action.tag_id())),
            (_, None) => (
                Slot::Tag(rule.action.tag_id()),
                Effect::Give(rule.action.tag_id()),
            ),
        };
        let mut claimed = RoaringBitmap::new();
        let mut outranked = RoaringBitmap::new();
        for claim in self.claims.get(&slot).into_iter().flatten() {
            claimed |= &claim.matched;
            if claim.effect != effect {
                let both = &matched & &claim.matched;
                if !both.is_empty() {
                    self.conflicts.push(RuleConflict {
                        winner_id: claim.rule_id,
                        winner_name: claim.name.clone(),
                        loser_id: rule.id,
                        loser_name: rule.name.clone(),
                        node_id: match slot {
                            Slot::Group(id) | Slot::Tag(id) => id,
                        },
                        customers: both.len() as i64,
                    });
                    outranked |= both;
                }
            }
        }
        let acting = &matched - &claimed;
        let mut outcome = RuleOutcome {
            rule_id: rule.id,
            name: rule.name.clone(),
            matched: matched.len() as i64,
            skipped_conflict: outranked.len() as i64,
            ..Default::default()
        };
        // Customers who no longer match, whose slot no higher rule took.
        let unmatched = &(&self.scope - &matched) - &claimed;
        self.claims.entry(slot).or_default().push(Claim {
            rule_id: rule.id,
            name: rule.name.clone(),
            effect,
            matched,
        });
        let mut step = Step {
            outcome,
            changes: Changes::default(),
            gained: RoaringBitmap::new(),
            lost: RoaringBitmap::new(),
        };
        if !apply {
            return Ok(step);
        }
        outcome = step.outcome.clone();
        let tag = rule.action.tag_id();
        match effect {
            Effect::Take(_) => {
                let h = self.holding(tag)?;
                step.lost = &(&acting & &h.all) - &h.manual;
                outcome.kept_manual = (&acting & &h.manual).len() as i64;
            }
            Effect::Give(_) => {
                let given_before = self
                    .holding(tag)?
                    .by_rule
                    .get(&rule.id)
                    .cloned()
                    .unwrap_or_default();
                step.lost = &unmatched & &given_before;
                let mut acting = acting;
                if let Some((_, tags)) = &group {
                    let mut manual = RoaringBitmap::new();
                    for t in tags {
                        manual |= &self.holding(*t)?.manual;
                    }
                    let own_manual = &self.holding(tag)?.manual;
                    outcome.kept_manual = (&(&acting & &manual) - own_manual).len() as i64;
                    acting -= manual;
                    for t in tags.iter().filter(|t| **t != tag) {
                        let replaced = &acting & &self.holding(*t)?.all;
                        if !replaced.is_empty() {
                            outcome.replaced += replaced.len() as i64;
                            step.changes.remove.push((*t, replaced));
                        }
                    }
                }
                step.gained = &acting - &self.holding(tag)?.all;
            }
        }
        outcome.added = step.gained.len() as i64;
        outcome.removed = step.lost.len() as i64;
        step.changes.remove.push((tag, step.lost.clone()));
        step.changes.add.push((tag, step.gained.clone()));
        step.outcome = outcome;
        self.settle(rule.id, &step.changes)?;
        Ok(step)
    }

    /// Brings the held state up to date with a step's changes, for the rules after it.
    fn settle(&mut self, rule_id: i64, changes: &Changes) -> Result<()> {
        for (tag, ids) in &changes.remove {
            let h = self.holding(*tag)?;
            h.all -= ids;
            for set in h.by_rule.values_mut() {
                *set -= ids;
            }
        }
        for (tag, ids) in &changes.add {
            let h = self.holding(*tag)?;
            h.all |= ids;
            *h.by_rule.entry(rule_id).or_default() |= ids;
        }
        for (tag, ids) in changes.remove.iter().chain(&changes.add) {
            if !ids.is_empty() {
                let holders = &self.holdings[tag].all & &self.scope;
                self.changed.insert(*tag, holders);
            }
        }
        Ok(())
    }

    fn holding(&mut self, tag: i64) -> Result<&mut Holding> {
        if !self.holdings.contains_key(&tag) {
            let h = load_holding(self.conn, tag, self.scope_json.as_deref())?;
            self.holdings.insert(tag, h);
        }
        Ok(self.holdings.get_mut(&tag).expect("inserted above"))
    }

    fn single_group(&mut self, tag: i64) -> Result<Option<(i64, Vec<i64>)>> {
        if let Some(g) = self.groups.get(&tag) {
            return Ok(g.clone());
        }
        let group: Option<i64> = self
            .conn
            .query_row(
                "SELECT p.id FROM tag_nodes t JOIN tag_nodes p ON p.id = t.parent_id
                 WHERE t.id = ?1 AND p.kind = 'group' AND p.select_mode = 'single'",
                [tag],
                |r| r.get(0),
            )
            .optional()?;
        let found = match group {
            Some(g) => {
                let mut stmt = self.conn.prepare(
                    "SELECT id FROM tag_nodes WHERE parent_id = ?1 AND kind = 'tag' AND deleted_at IS NULL",
                )?;
                let tags = stmt
                    .query_map([g], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()?;
                Some((g, tags))
            }
            None => None,
        };
        self.groups.insert(tag, found.clone());
        Ok(found)
    }
}

fn load_holding(conn: &Connection, tag: i64, scope_json: Option<&str>) -> Result<Holding> {
    let mut h = Holding::default();
    let mut add = |cid: i64, source: String, source_ref: Option<i64>| {
        let id = cid as u32;
        h.all.insert(id);
        match (source.as_str(), source_ref) {
            ("manual", _) => {
                h.manual.insert(id);
            }
            ("rule", Some(r)) => {
                h.by_rule.entry(r).or_default().insert(id);
            }
            _ => {}
        }
    };
    let row = |r: &rusqlite::Row| -> rusqlite::Result<(i64, String, Option<i64>)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    match scope_json {
        Some(ids) => {
            // CROSS JOIN: the id list outer, as in `tagging::bulk::write` (else quadratic).
            let mut stmt = conn.prepare_cached(
                "SELECT a.customer_id, a.source, a.source_ref
                 FROM json_each(?2) j CROSS JOIN assignments a ON a.tag_id = ?1 AND a.customer_id = j.value",
            )?;
            for r in stmt.query_map(params![tag, ids], row)? {
                let (c, s, sr) = r?;
                add(c, s, sr);
            }
        }
        None => {
            let mut stmt = conn.prepare_cached(
                "SELECT customer_id, source, source_ref FROM assignments WHERE tag_id = ?1",
            )?;
            for r in stmt.query_map([tag], row)? {
                let (c, s, sr) = r?;
                add(c, s, sr);
            }
        }
    }
    Ok(h)
}
