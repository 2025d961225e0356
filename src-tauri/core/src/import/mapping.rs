//! What each column means: a built-in attribute, a custom field, a tags column, a group whose
//! values are its tags, or nothing. Suggested from header names in Chinese and English.

use crate::custom_fields::CustomField;
use crate::tags::{NodeKind, TagNode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Attribute.ts")]
pub enum Attribute {
    Name,
    Phone,
    Email,
    Company,
    JobTitle,
    Industry,
    Province,
    City,
    Source,
    CustomerType,
    Level,
    Gender,
    Birthday,
    Notes,
    ExternalId,
}

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
    /// Events: one property, stored under `key`.
    EventProperty {
        key: String,
    },
}

const SYNONYMS: &[(Attribute, &[&str])] = &[
    (
        Attribute::Name,
        &[
            "姓名",
            "名字",
            "客户名称",
            "客户姓名",
            "联系人",
            "客户",
            "会员姓名",
            "name",
            "fullname",
            "customer",
            "contact",
        ],
    ),
    (
        Attribute::Phone,
        &[
            "手机",
            "电话",
            "手机号",
            "手机号码",
            "联系电话",
            "电话号码",
            "联系方式",
            "mobile",
            "phone",
            "tel",
            "telephone",
            "cellphone",
        ],
    ),
    (
        Attribute::Email,
        &[
            "邮箱",
            "电子邮件",
            "邮件",
            "电子邮箱",
            "email",
            "e-mail",
            "mail",
        ],
    ),
    (
        Attribute::Company,
        &[
            "公司",
            "单位",
            "企业",
            "公司名称",
            "企业名称",
            "company",
            "organization",
            "organisation",
        ],
    ),
    (
        Attribute::JobTitle,
        &["职位", "职务", "岗位", "title", "jobtitle", "position"],
    ),
    (Attribute::Industry, &["行业", "所属行业", "industry"]),
    (
        Attribute::Province,
        &["省份", "省", "所在省", "province", "state"],
    ),
    (Attribute::City, &["城市", "市", "所在城市", "city"]),
    (
        Attribute::Source,
        &[
            "来源",
            "渠道",
            "客户来源",
            "来源渠道",
            "从哪认识",
            "认识途径",
            "在哪认识",
            "source",
            "channel",
            "wherewemet",
        ],
    ),
    (Attribute::CustomerType, &["客户类型", "customertype"]),
    (
        Attribute::Level,
        &["等级", "会员等级", "客户等级", "级别", "level", "tier"],
    ),
    (Attribute::Gender, &["性别", "gender", "sex"]),
    (
        Attribute::Birthday,
        &[
            "生日",
            "出生日期",
            "出生年月",
            "birthday",
            "birthdate",
            "dateofbirth",
            "dob",
        ],
    ),
    (
        Attribute::Notes,
        &[
            "备注", "说明", "附注", "notes", "note", "remark", "remarks", "comment", "comments",
        ],
    ),
    (
        Attribute::ExternalId,
        &[
            "编号",
            "会员号",
            "会员编号",
            "客户编号",
            "会员卡号",
            "id",
            "externalid",
            "memberid",
            "customerid",
        ],
    ),
];

/// A header as compared: full-width forms, case, spaces and _-:* do not matter.
pub(super) fn key(header: &str) -> String {
    header
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | ':' | '：' | '*'))
        .collect::<String>()
        .to_lowercase()
}

/// The likely meaning of a column from its header. Custom fields and groups are matched by
/// their exact names first, then the built-in attributes by synonym.
pub fn suggest(header: &str, fields: &[CustomField], nodes: &[TagNode]) -> ColumnTarget {
    let k = key(header);
    if k.is_empty() {
        return ColumnTarget::Ignore;
    }
    if let Some(f) = fields.iter().find(|f| !f.archived && key(&f.label) == k) {
        return ColumnTarget::CustomField { field_id: f.id };
    }
    if let Some(g) = nodes
        .iter()
        .find(|n| n.kind == NodeKind::Group && !n.deleted && !n.archived && key(&n.name) == k)
    {
        return ColumnTarget::Group { group_id: g.id };
    }
    if ["标签", "tags", "tag", "客户标签"].contains(&k.as_str()) {
        return ColumnTarget::Tags;
    }
    SYNONYMS
        .iter()
        .find(|(_, words)| words.contains(&k.as_str()))
        .map(|(attribute, _)| ColumnTarget::Attribute {
            attribute: *attribute,
        })
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
}
