//! What each column means: a built-in attribute, a custom field, a tags column, a group whose
//! values are its tags, or nothing. Suggested from header names in Chinese and English.

use super::decorated::{self, Fit};
use crate::attributes;
use crate::custom_fields::CustomField;
use crate::export::headers::{recognise, Exported, TAGS_WORDS};
use crate::tags::{NodeKind, TagNode};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

pub use crate::attributes::Attribute;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "ColumnTarget.ts")]
pub enum ColumnTarget {
    Ignore,
    Attribute {
        attribute: Attribute,
    },
    CustomField {
        field_id: i64,
    },
    /// Tag names or full paths (行为特征/活跃度/高活), several per cell.
    Tags,
    /// Each value is a tag of this group (for a single-select group: at most one).
    Group {
        group_id: i64,
    },
    /// Events: the kind of each row's event.
    EventKind,
    /// Events: when it happened (a date, or a date and time).
    EventTime,
    /// Events: its amount (orders).
    EventAmount,
    /// Events: the order (or event) id of the source system: a file imported again, or
    /// another file with the same order, adds it once.
    EventId,
    /// Events: one property, stored under `key`.
    EventProperty {
        key: String,
    },
}

/// A header as compared: full-width forms, case, spaces and _-:* do not matter.
pub(crate) fn key(header: &str) -> String {
    header
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | ':' | '：' | '*'))
        .collect::<String>()
        .to_lowercase()
}

/// The likely meaning of a column from its header. First the forms TagDesk's own export
/// writes (a built-in attribute's header in either language, a marked group or field column),
/// so an export imports back into the columns it came from; then custom fields, the tags
/// column and groups by their exact names; then the built-in attributes by synonym.
pub fn suggest(header: &str, fields: &[CustomField], nodes: &[TagNode]) -> ColumnTarget {
    suggestion(header, fields, nodes).0
}

/// A suggestion for each column of a header row, each built-in attribute for one column at
/// most (a customer has one name; see [`one_each`]).
pub fn suggest_all(
    headers: &[String],
    fields: &[CustomField],
    nodes: &[TagNode],
) -> Vec<ColumnTarget> {
    one_each(
        headers
            .iter()
            .map(|h| suggestion(h, fields, nodes))
            .collect(),
    )
}

/// Suggestions with each built-in attribute and each part of an event (its kind, time, amount,
/// id) for one column at most: the first whose header names it as it is, else the first whose
/// header names it undecorated, else the first standing in (会员昵称 beside 真实姓名 is not a
/// second name, nor 付款时间 beside 下单时间 a second time).
pub(crate) fn one_each(found: Vec<(ColumnTarget, Fit)>) -> Vec<ColumnTarget> {
    let best = |target: &ColumnTarget| {
        found
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| t == target)
            .min_by_key(|(i, (_, fit))| (*fit, *i))
            .map(|(i, _)| i)
    };
    found
        .iter()
        .enumerate()
        .map(|(i, (target, _))| match target {
            ColumnTarget::Attribute { .. }
            | ColumnTarget::EventKind
            | ColumnTarget::EventTime
            | ColumnTarget::EventAmount
            | ColumnTarget::EventId
                if best(target) != Some(i) =>
            {
                ColumnTarget::Ignore
            }
            _ => target.clone(),
        })
        .collect()
}

fn suggestion(header: &str, fields: &[CustomField], nodes: &[TagNode]) -> (ColumnTarget, Fit) {
    let k = key(header);
    if let Some(found) = decorated::named(&k, |form| by_key(form, fields, nodes)) {
        return found;
    }
    std::iter::once(k.clone())
        .chain(decorated::undecorated(&k))
        .find_map(|form| decorated::STAND_INS.iter().find(|(word, _)| *word == form))
        .map_or((ColumnTarget::Ignore, Fit::AsItIs), |&(_, attribute)| {
            (ColumnTarget::Attribute { attribute }, Fit::StandIn)
        })
}

/// What header `k` (as [`key`] leaves it) names, as it is.
pub(super) fn by_key(k: &str, fields: &[CustomField], nodes: &[TagNode]) -> ColumnTarget {
    if k.is_empty() {
        return ColumnTarget::Ignore;
    }
    let field = |label: &str| {
        fields
            .iter()
            .find(|f| !f.archived && key(&f.label) == label)
            .map(|f| ColumnTarget::CustomField { field_id: f.id })
    };
    let groups = || {
        nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Group && !n.deleted && !n.archived)
    };
    let group = |name: &str| {
        groups()
            .find(|n| key(&n.name) == name)
            .map(|g| ColumnTarget::Group { group_id: g.id })
    };
    match recognise(k) {
        Some(Exported::Attribute(attribute)) => return ColumnTarget::Attribute { attribute },
        Some(Exported::Field(label)) => {
            if let Some(target) = field(label) {
                return target;
            }
        }
        Some(Exported::Group(name)) => {
            let by_id: HashMap<i64, &TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
            let by_path = groups().find(|g| key(&crate::tags::path_of(&by_id, g.id)) == name);
            if let Some(g) = by_path {
                return ColumnTarget::Group { group_id: g.id };
            }
            if let Some(target) = group(name) {
                return target;
            }
        }
        None => {}
    }
    if let Some(target) = field(k) {
        return target;
    }
    if TAGS_WORDS.contains(&k) {
        return ColumnTarget::Tags;
    }
    if let Some(target) = group(k) {
        return target;
    }
    attributes::entered()
        .find(|(_, def)| def.synonyms.contains(&k))
        .map(|(attribute, _)| ColumnTarget::Attribute { attribute })
        .unwrap_or(ColumnTarget::Ignore)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(a: Attribute) -> ColumnTarget {
        ColumnTarget::Attribute { attribute: a }
    }

    #[test]
    fn chinese_and_english_headers_are_recognised() {
        for (header, want) in [
            ("姓名", attr(Attribute::Name)),
            ("客户名称", attr(Attribute::Name)),
            ("Name", attr(Attribute::Name)),
            ("手机号", attr(Attribute::Phone)),
            ("Mobile", attr(Attribute::Phone)),
            (" 电话 ", attr(Attribute::Phone)),
            ("E-mail", attr(Attribute::Email)),
            ("where we met", attr(Attribute::Source)),
            ("出生日期", attr(Attribute::Birthday)),
            ("标签", ColumnTarget::Tags),
            ("微信", ColumnTarget::Ignore),
        ] {
            assert_eq!(suggest(header, &[], &[]), want, "{header}");
        }
    }

    #[test]
    fn a_shop_exports_decorated_headers_are_recognised_each_attribute_once() {
        let headers = |hs: &[&str]| -> Vec<String> { hs.iter().map(|h| h.to_string()).collect() };
        for (file, want) in [
            (
                &[
                    "序号",
                    "会员昵称",
                    "手机号(必填)",
                    "会员等级",
                    "累计消费(元)",
                    "【选填】生日",
                ][..],
                vec![
                    ColumnTarget::Ignore,
                    attr(Attribute::Name),
                    attr(Attribute::Phone),
                    attr(Attribute::Level),
                    ColumnTarget::Ignore,
                    attr(Attribute::Birthday),
                ],
            ),
            (
                &["微信昵称", "真实姓名", "买家手机号"],
                vec![
                    ColumnTarget::Ignore,
                    attr(Attribute::Name),
                    attr(Attribute::Phone),
                ],
            ),
            (
                &["收货人", "收货人手机", "Customer Name", "联系人"],
                vec![
                    attr(Attribute::Name),
                    attr(Attribute::Phone),
                    ColumnTarget::Ignore,
                    ColumnTarget::Ignore,
                ],
            ),
            (
                &["客户姓名(必填)", "姓名"],
                vec![ColumnTarget::Ignore, attr(Attribute::Name)],
            ),
        ] {
            assert_eq!(suggest_all(&headers(file), &[], &[]), want, "{file:?}");
        }
    }

    fn demo_tree() -> Vec<TagNode> {
        let conn = crate::demo::starter_db();
        crate::tags::load_nodes(&conn).unwrap()
    }

    fn group(nodes: &[TagNode], name: &str) -> ColumnTarget {
        let g = nodes
            .iter()
            .find(|n| n.kind == NodeKind::Group && n.name == name)
            .unwrap();
        ColumnTarget::Group { group_id: g.id }
    }

    #[test]
    fn every_header_the_export_writes_is_suggested_as_what_it_came_from() {
        let nodes = demo_tree();
        let fields = [CustomField {
            id: 7,
            label: "行业".into(),
            kind: crate::custom_fields::FieldKind::Text,
            options: vec![],
            position: 0,
            archived: false,
        }];
        for (header, want) in [
            ("外部编号", attr(Attribute::ExternalId)),
            ("External ID", attr(Attribute::ExternalId)),
            ("行业", attr(Attribute::Industry)),
            ("Industry", attr(Attribute::Industry)),
            ("客户类型", attr(Attribute::CustomerType)),
            ("Customer type", attr(Attribute::CustomerType)),
            ("职位", attr(Attribute::JobTitle)),
            ("Job title", attr(Attribute::JobTitle)),
            ("行业（标签）", group(&nodes, "行业")),
            ("行业 (tags)", group(&nodes, "行业")),
            ("基础属性 / 职位（标签）", group(&nodes, "职位")),
            ("客户来源", group(&nodes, "客户来源")),
            ("客户等级", group(&nodes, "客户等级")),
            ("行业（字段）", ColumnTarget::CustomField { field_id: 7 }),
            ("行业 (field)", ColumnTarget::CustomField { field_id: 7 }),
            ("Tags", ColumnTarget::Tags),
            ("创建时间", ColumnTarget::Ignore),
            ("Created at", ColumnTarget::Ignore),
            ("更新时间", ColumnTarget::Ignore),
            ("Updated at", ColumnTarget::Ignore),
        ] {
            assert_eq!(suggest(header, &fields, &nodes), want, "{header}");
        }
    }
}
