//! A seeded generator of a realistic Chinese small-business dataset: customers, the starter
//! tag tree, assignments consistent with attributes and behaviour, events and tag history.
//! The same seed gives the same data, from a few thousand customers for the demo database to
//! a million for benchmarks.

mod boards;
mod words;

use crate::customers::search::{self, Searchable};
use crate::error::Result;
use crate::tags::{self, NewNode, NodeKind, TagOrigin};
use crate::taxonomy::STARTER_TREE;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection, Transaction};
use std::collections::HashMap;
use words::*;

const DAY: i64 = 86_400;

#[derive(Debug, Clone)]
pub struct DemoSpec {
    pub customers: usize,
    pub seed: u64,
    /// Mean number of behaviour events per customer.
    pub events_per_customer: f64,
    /// Write a tag-history row for every generated assignment (skip for very large sets).
    pub with_history: bool,
    /// The generated world's "today", unix seconds.
    pub now: i64,
}

impl DemoSpec {
    pub fn small() -> Self {
        DemoSpec {
            customers: 3_000,
            seed: 20_261_123,
            events_per_customer: 6.0,
            with_history: true,
            now: crate::clock::now(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub customers: usize,
    pub tag_nodes: usize,
    pub assignments: usize,
    pub events: usize,
}

/// An in-memory database with the starter tag tree and no customers, for tests.
#[cfg(test)]
pub(crate) fn starter_db() -> Connection {
    let mut conn = crate::db::open_in_memory().expect("an in-memory database");
    let spec = DemoSpec {
        customers: 0,
        ..DemoSpec::small()
    };
    generate(&mut conn, &spec).expect("the starter tree");
    conn
}

/// Fills an empty database in one transaction and marks it as demo data.
pub fn generate(conn: &mut Connection, spec: &DemoSpec) -> Result<DemoSummary> {
    let tx = conn.transaction()?;
    let tree = insert_tree(&tx)?;
    // The kinds the demo's events use are declared, as a real database's would be.
    for (kind, _, paid) in EVENT_KINDS {
        let properties = if *paid {
            vec!["product".to_string()]
        } else {
            Vec::new()
        };
        crate::events::declare(&tx, kind, &properties, *paid)?;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut summary = DemoSummary {
        tag_nodes: tree.node_count,
        ..Default::default()
    };
    let mut writer = Writer::new(&tx, spec)?;
    for _ in 0..spec.customers {
        let person = Person::random(&mut rng, spec.now);
        let id = writer.customer(&person)?;
        let events = random_events(&mut rng, spec, person.created_at);
        for e in &events {
            writer.event(id, e)?;
        }
        for tag in choose_tags(&mut rng, &tree, &person, &events, spec.now) {
            writer.assign(id, tag, &mut rng)?;
            summary.assignments += 1;
        }
        summary.customers += 1;
        summary.events += events.len();
    }
    drop(writer);
    crate::tags::stats::recount_all(&tx)?;
    boards::insert(&tx, spec.now)?;
    crate::db::meta_set(&tx, "is_demo", "1")?;
    tx.commit()?;
    Ok(summary)
}

/// Tag ids of the starter tree, by group name then tag name.
struct Tree {
    groups: HashMap<&'static str, Vec<i64>>,
    node_count: usize,
}

impl Tree {
    fn tag(&self, group: &str, index: usize) -> i64 {
        self.groups[group][index]
    }

    fn pick(&self, rng: &mut impl Rng, group: &str) -> i64 {
        *self.groups[group].choose(rng).expect("groups have tags")
    }
}

fn insert_tree(tx: &Transaction) -> Result<Tree> {
    let mut groups = HashMap::new();
    let mut node_count = 0;
    for dim in STARTER_TREE {
        let dim_id = tags::create_node(
            tx,
            &NewNode {
                color: Some(dim.color),
                ..NewNode::new(None, NodeKind::Category, dim.name)
            },
        )?;
        node_count += 1;
        for group in dim.groups {
            let origin = if group.automatic {
                TagOrigin::Automatic
            } else {
                TagOrigin::Manual
            };
            let group_id = tags::create_node(
                tx,
                &NewNode {
                    select_mode: Some(group.select),
                    meaning: Some(group.meaning),
                    update_frequency: Some(group.update_frequency),
                    origin,
                    ..NewNode::new(Some(dim_id), NodeKind::Group, group.name)
                },
            )?;
            node_count += 1;
            let mut ids = Vec::new();
            for (i, tag) in group.tags.iter().enumerate() {
                // Earlier tags in a group tend to mean "more" (高活, VIP first): weigh them so.
                let weight = (group.tags.len() - i) as f64;
                ids.push(tags::create_node(
                    tx,
                    &NewNode {
                        origin,
                        weight,
                        ..NewNode::new(Some(group_id), NodeKind::Tag, tag)
                    },
                )?);
                node_count += 1;
            }
            groups.insert(group.name, ids);
        }
    }
    Ok(Tree { groups, node_count })
}

struct Person {
    name: String,
    phone: String,
    email: Option<String>,
    company: Option<String>,
    job_title: Option<String>,
    industry: usize,
    place: usize,
    source: usize,
    business: bool,
    level: usize,
    gender: &'static str,
    birthday: Option<String>,
    created_at: i64,
}

const SOURCES: &[&str] = &[
    "信息流",
    "电商平台",
    "官网",
    "公众号",
    "微信群",
    "线下展会",
    "客户转介绍",
    "搜索引擎",
];
const INDUSTRIES: &[&str] = &["制造业", "金融", "互联网", "教育", "零售", "医疗"];
const LEVELS: &[&str] = &["普通", "银卡", "金卡", "VIP"];

impl Person {
    fn random(rng: &mut impl Rng, now: i64) -> Self {
        let surname = SURNAMES.choose(rng).unwrap();
        // One given name from the list (some are two characters), or two single characters.
        let first = *GIVEN.choose(rng).unwrap();
        let given = if first.chars().count() == 1 && rng.random_bool(0.5) {
            let second = *GIVEN
                .iter()
                .filter(|g| g.chars().count() == 1)
                .collect::<Vec<_>>()
                .choose(rng)
                .unwrap();
            format!("{first}{second}")
        } else {
            first.to_string()
        };
        let prefix = ["13", "15", "17", "18", "19"].choose(rng).unwrap();
        let phone = format!("{prefix}{:09}", rng.random_range(0..1_000_000_000u32));
        let business = rng.random_bool(0.45);
        let place = rng.random_range(0..PLACES.len());
        let company = (business || rng.random_bool(0.2)).then(|| {
            format!(
                "{}{}{}",
                PLACES[place].1,
                COMPANY_WORDS.choose(rng).unwrap(),
                COMPANY_TRADES.choose(rng).unwrap()
            )
        });
        let email = rng.random_bool(0.6).then(|| {
            let handle: String = (0..rng.random_range(5..9))
                .map(|_| (b'a' + rng.random_range(0..26)) as char)
                .collect();
            format!(
                "{handle}{}@{}",
                rng.random_range(1..999),
                MAIL_DOMAINS.choose(rng).unwrap()
            )
        });
        let level = weighted(rng, &[60, 25, 10, 5]);
        let birthday = rng.random_bool(0.5).then(|| {
            format!(
                "{}-{:02}-{:02}",
                rng.random_range(1965..2004),
                rng.random_range(1..=12),
                rng.random_range(1..=28)
            )
        });
        Person {
            name: format!("{surname}{given}"),
            phone,
            email,
            company,
            job_title: business.then(|| JOB_TITLES.choose(rng).unwrap().to_string()),
            industry: rng.random_range(0..INDUSTRIES.len()),
            place,
            source: weighted(rng, &[15, 20, 12, 10, 15, 8, 12, 8]),
            business,
            level,
            gender: if rng.random_bool(0.5) {
                "female"
            } else {
                "male"
            },
            birthday,
            created_at: now - rng.random_range(0..730 * DAY),
        }
    }
}

fn weighted(rng: &mut impl Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut roll = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

struct Event {
    kind: &'static str,
    at: i64,
    amount: Option<f64>,
    product: Option<&'static str>,
}

fn random_events(rng: &mut impl Rng, spec: &DemoSpec, since: i64) -> Vec<Event> {
    // A skewed count: many quiet customers, a few very active ones.
    let mean = spec.events_per_customer;
    let n = if mean <= 0.0 {
        0
    } else {
        let u: f64 = rng.random_range(0.0..1.0);
        (-(1.0 - u).ln() * mean).round() as usize
    };
    let weights: Vec<u32> = EVENT_KINDS.iter().map(|k| k.1).collect();
    let span = (spec.now - since).max(DAY);
    let mut events: Vec<Event> = (0..n)
        .map(|_| {
            let (kind, _, paid) = EVENT_KINDS[weighted(rng, &weights)];
            Event {
                kind,
                at: since + rng.random_range(0..span),
                amount: paid.then(|| (rng.random_range(49.0..5000.0f64) * 100.0).round() / 100.0),
                product: paid.then(|| *PRODUCTS.choose(rng).unwrap()),
            }
        })
        .collect();
    events.sort_by_key(|e| e.at);
    events
}

/// Tags that agree with the person's attributes and behaviour, plus some hand-set ones.
fn choose_tags(
    rng: &mut impl Rng,
    tree: &Tree,
    p: &Person,
    events: &[Event],
    now: i64,
) -> Vec<i64> {
    let mut out = Vec::new();
    maybe(rng, &mut out, 0.9, tree.tag("客户来源", p.source));
    maybe(
        rng,
        &mut out,
        0.9,
        tree.tag("客户类型", if p.business { 1 } else { 0 }),
    );
    maybe(rng, &mut out, 0.85, tree.tag("客户等级", p.level));
    maybe(rng, &mut out, 0.7, tree.tag("行业", p.industry));
    let region = PLACES[p.place].2;
    let region_index = ["华东", "华北", "华南", "华中", "西南", "西北", "东北"]
        .iter()
        .position(|r| *r == region)
        .unwrap_or(0);
    maybe(rng, &mut out, 0.8, tree.tag("地域", region_index));
    if p.business {
        let tag = tree.pick(rng, "职位");
        maybe(rng, &mut out, 0.6, tag);
        let tag = tree.pick(rng, "企业规模");
        maybe(rng, &mut out, 0.6, tag);
    }

    let recent = events.iter().filter(|e| e.at > now - 30 * DAY).count();
    let activity = match recent {
        0 => 2,
        1..=3 => 1,
        _ => 0,
    };
    if !events.is_empty() {
        out.push(tree.tag("活跃度", activity));
    }
    let orders: Vec<&Event> = events.iter().filter(|e| e.amount.is_some()).collect();
    let last_touch = events.last().map_or(p.created_at, |e| e.at);
    let idle_days = (now - last_touch) / DAY;
    let stage = match (orders.first(), idle_days) {
        (None, _) => 0,
        (_, d) if d > 180 => 4,
        (_, d) if d > 60 => 3,
        (Some(first), _) if now - first.at <= 30 * DAY => 1,
        _ => 2,
    };
    out.push(tree.tag("生命周期", stage));
    if events.iter().filter(|e| e.kind == "浏览定价页").count() >= 3 {
        out.push(tree.tag("浏览行为", 0));
    }
    if events.iter().any(|e| e.kind == "下载报告") {
        out.push(tree.tag("互动", 0));
    }
    if events.iter().any(|e| e.kind == "打开邮件") {
        maybe(rng, &mut out, 0.5, tree.tag("营销响应", 0));
    }
    for product in orders.iter().filter_map(|e| e.product) {
        let index = PRODUCTS.iter().position(|x| *x == product).unwrap_or(0);
        let tag = tree.tag("持有产品", index);
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    let spent: f64 = orders.iter().filter_map(|e| e.amount).sum();
    if !orders.is_empty() {
        let tier = match spent {
            s if s > 8000.0 => 0,
            s if s > 3000.0 => 1,
            s if s > 800.0 => 2,
            _ => 3,
        };
        out.push(tree.tag("价值分层", tier));
    }

    let tag = tree.pick(rng, "跟进状态");
    maybe(rng, &mut out, 0.4, tag);
    let tag = tree.pick(rng, "价格敏感度");
    maybe(rng, &mut out, 0.3, tag);
    let tag = tree.pick(rng, "渠道偏好");
    maybe(rng, &mut out, 0.3, tag);
    for group in ["品类偏好", "服务状态", "商机", "种子用户"] {
        for tag in &tree.groups[group] {
            maybe(rng, &mut out, 0.07, *tag);
        }
    }
    out
}

fn maybe(rng: &mut impl Rng, out: &mut Vec<i64>, prob: f64, tag: i64) {
    if rng.random_bool(prob) {
        out.push(tag);
    }
}

/// Prepared statements reused for every row: the difference between seconds and minutes at a
/// million customers.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    customer: rusqlite::Statement<'t>,
    event: rusqlite::Statement<'t>,
    assign: rusqlite::Statement<'t>,
    history: Option<rusqlite::Statement<'t>>,
    now: i64,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'t>, spec: &DemoSpec) -> Result<Self> {
        Ok(Writer {
            tx,
            customer: tx.prepare(
                "INSERT INTO customers(name, phone, email, company, job_title, industry, province,
                    city, source, customer_type, level, gender, birthday, created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14,
                         lower(hex(randomblob(16))))",
            )?,
            event: tx.prepare(
                "INSERT INTO events(customer_id, kind, occurred_at, amount, properties)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            assign: tx.prepare(
                "INSERT OR IGNORE INTO assignments(tag_id, customer_id, source, actor, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            history: if spec.with_history {
                Some(tx.prepare(
                    "INSERT INTO tag_history(customer_id, tag_id, action, source, actor, at)
                     VALUES (?1, ?2, 'add', ?3, ?4, ?5)",
                )?)
            } else {
                None
            },
            now: spec.now,
        })
    }

    fn customer(&mut self, p: &Person) -> Result<i64> {
        let (province, city, _) = PLACES[p.place];
        let id = self.customer.insert(params![
            p.name,
            p.phone,
            p.email,
            p.company,
            p.job_title,
            INDUSTRIES[p.industry],
            province,
            city,
            SOURCES[p.source],
            if p.business { "b2b" } else { "b2c" },
            LEVELS[p.level],
            p.gender,
            p.birthday,
            p.created_at,
        ])?;
        let searchable = Searchable {
            name: &p.name,
            phone: Some(&p.phone),
            email: p.email.as_deref(),
            company: p.company.as_deref(),
        };
        search::index_new(self.tx, id, &searchable)?;
        Ok(id)
    }

    fn event(&mut self, customer: i64, e: &Event) -> Result<()> {
        let props = match e.product {
            Some(product) => format!(r#"{{"product":"{product}"}}"#),
            None => "{}".to_string(),
        };
        self.event
            .execute(params![customer, e.kind, e.at, e.amount, props])?;
        Ok(())
    }

    fn assign(&mut self, customer: i64, tag: i64, rng: &mut impl Rng) -> Result<()> {
        let (source, actor) = if rng.random_bool(0.5) {
            ("rule", "系统")
        } else {
            ("manual", *ACTORS.choose(rng).unwrap())
        };
        let at = self.now - rng.random_range(0..180 * DAY);
        if self
            .assign
            .execute(params![tag, customer, source, actor, at])?
            > 0
        {
            if let Some(history) = self.history.as_mut() {
                history.execute(params![customer, tag, source, actor, at])?;
            }
        }
        Ok(())
    }
}
