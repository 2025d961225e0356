//! The customer's built-in attributes, listed once: the list's columns and sorting, the
//! conditions' fields and their index, the import's mapping and header synonyms, the export's
//! columns and headers, and (through a generated constant) the UI's forms and column choosers
//! all read this table, so an attribute is added in one place.

use crate::problem::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The list's columns, each sorting by its attribute's column in the attribute table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "CustomerSortField.ts")]
pub enum CustomerSortField {
    Name,
    Phone,
    Email,
    Company,
    Industry,
    Province,
    City,
    Source,
    Level,
    CreatedAt,
    UpdatedAt,
}

/// How a field's values are parsed and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ValueKind.ts")]
pub enum ValueKind {
    Text,
    /// Text from a fixed list of options.
    Choice,
    MultiChoice,
    Number,
    /// A calendar date ('YYYY-MM-DD').
    Date,
    /// A moment (unix seconds), compared by the local calendar day.
    Timestamp,
}

/// An attribute a user enters: what an import column, an export column and the profile form
/// can fill.
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

/// One built-in attribute.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[ts(rename = "CustomerAttribute", export_to = "CustomerAttribute.ts")]
pub struct AttributeDef {
    /// Its column in `customers`, and its key wherever a field is named ("city").
    pub key: &'static str,
    pub kind: ValueKind,
    /// The stored values a choice takes.
    #[ts(type = "ReadonlyArray<string>")]
    pub options: &'static [&'static str],
    /// The name the user enters it by; None for what the database keeps by itself.
    pub attribute: Option<Attribute>,
    /// The list's column sorts by it; None when it is no column of the list.
    pub sort: Option<CustomerSortField>,
    /// The quick search finds customers by it.
    pub searchable: bool,
    /// Its values are mostly unique, so the condition index packs them rather than keeping a
    /// dictionary.
    pub free_text: bool,
    /// The export's header, [Chinese, English]; the import reads either back as this attribute.
    #[serde(skip)]
    #[ts(skip)]
    pub labels: [&'static str; 2],
    /// Other headers the import takes for it, as compared by `import::mapping::key`.
    #[serde(skip)]
    #[ts(skip)]
    pub synonyms: &'static [&'static str],
}

impl AttributeDef {
    pub fn label(&self, language: Language) -> &'static str {
        language.pick(self.labels)
    }
}

const fn text(key: &'static str) -> AttributeDef {
    AttributeDef {
        key,
        kind: ValueKind::Text,
        options: &[],
        attribute: None,
        sort: None,
        searchable: false,
        free_text: false,
        labels: ["", ""],
        synonyms: &[],
    }
}

/// Every built-in attribute, in the order the conditions, the import's menu and the export
/// list them.
pub const ATTRIBUTES: &[AttributeDef] = &[
    AttributeDef {
        attribute: Some(Attribute::Name),
        sort: Some(CustomerSortField::Name),
        searchable: true,
        free_text: true,
        labels: ["姓名", "Name"],
        #[rustfmt::skip]
        synonyms: &[
            "姓名", "名字", "客户名称", "客户姓名", "联系人", "客户", "会员姓名", "真实姓名",
            "收货人",
            "name", "fullname", "customer", "contact",
        ],
        ..text("name")
    },
    AttributeDef {
        attribute: Some(Attribute::Phone),
        sort: Some(CustomerSortField::Phone),
        searchable: true,
        free_text: true,
        labels: ["手机", "Phone"],
        #[rustfmt::skip]
        synonyms: &[
            "手机", "电话", "手机号", "手机号码", "联系电话", "电话号码", "联系方式",
            "mobile", "phone", "tel", "telephone", "cellphone",
        ],
        ..text("phone")
    },
    AttributeDef {
        attribute: Some(Attribute::Email),
        sort: Some(CustomerSortField::Email),
        searchable: true,
        free_text: true,
        labels: ["邮箱", "Email"],
        synonyms: &[
            "邮箱",
            "电子邮件",
            "邮件",
            "电子邮箱",
            "email",
            "e-mail",
            "mail",
        ],
        ..text("email")
    },
    AttributeDef {
        attribute: Some(Attribute::Company),
        sort: Some(CustomerSortField::Company),
        searchable: true,
        free_text: true,
        labels: ["公司", "Company"],
        #[rustfmt::skip]
        synonyms: &[
            "公司", "单位", "企业", "公司名称", "企业名称",
            "company", "organization", "organisation",
        ],
        ..text("company")
    },
    AttributeDef {
        attribute: Some(Attribute::JobTitle),
        labels: ["职位", "Job title"],
        synonyms: &["职位", "职务", "岗位", "title", "jobtitle", "position"],
        ..text("job_title")
    },
    AttributeDef {
        attribute: Some(Attribute::Industry),
        sort: Some(CustomerSortField::Industry),
        labels: ["行业", "Industry"],
        synonyms: &["行业", "所属行业", "industry"],
        ..text("industry")
    },
    AttributeDef {
        attribute: Some(Attribute::Province),
        sort: Some(CustomerSortField::Province),
        labels: ["省份", "Province"],
        synonyms: &["省份", "省", "所在省", "province", "state"],
        ..text("province")
    },
    AttributeDef {
        attribute: Some(Attribute::City),
        sort: Some(CustomerSortField::City),
        labels: ["城市", "City"],
        synonyms: &["城市", "市", "所在城市", "city"],
        ..text("city")
    },
    AttributeDef {
        attribute: Some(Attribute::Source),
        sort: Some(CustomerSortField::Source),
        labels: ["来源", "Source"],
        #[rustfmt::skip]
        synonyms: &[
            "来源", "渠道", "客户来源", "来源渠道", "从哪认识", "认识途径", "在哪认识",
            "source", "channel", "wherewemet",
        ],
        ..text("source")
    },
    AttributeDef {
        kind: ValueKind::Choice,
        options: &["b2b", "b2c"],
        attribute: Some(Attribute::CustomerType),
        labels: ["客户类型", "Customer type"],
        synonyms: &["客户类型", "customertype"],
        ..text("customer_type")
    },
    AttributeDef {
        attribute: Some(Attribute::Level),
        sort: Some(CustomerSortField::Level),
        labels: ["等级", "Level"],
        synonyms: &["等级", "会员等级", "客户等级", "级别", "level", "tier"],
        ..text("level")
    },
    AttributeDef {
        kind: ValueKind::Choice,
        options: &["male", "female", "other"],
        attribute: Some(Attribute::Gender),
        labels: ["性别", "Gender"],
        synonyms: &["性别", "gender", "sex"],
        ..text("gender")
    },
    AttributeDef {
        kind: ValueKind::Date,
        attribute: Some(Attribute::Birthday),
        labels: ["生日", "Birthday"],
        #[rustfmt::skip]
        synonyms: &[
            "生日", "出生日期", "出生年月",
            "birthday", "birthdate", "dateofbirth", "dob",
        ],
        ..text("birthday")
    },
    AttributeDef {
        attribute: Some(Attribute::Notes),
        free_text: true,
        labels: ["备注", "Notes"],
        #[rustfmt::skip]
        synonyms: &[
            "备注", "说明", "附注",
            "notes", "note", "remark", "remarks", "comment", "comments",
        ],
        ..text("notes")
    },
    AttributeDef {
        attribute: Some(Attribute::ExternalId),
        free_text: true,
        labels: ["外部编号", "External ID"],
        #[rustfmt::skip]
        synonyms: &[
            "编号", "外部编号", "会员号", "会员编号", "客户编号", "会员卡号",
            "id", "externalid", "memberid", "customerid",
        ],
        ..text("external_id")
    },
    AttributeDef {
        kind: ValueKind::Timestamp,
        sort: Some(CustomerSortField::CreatedAt),
        labels: ["创建时间", "Created at"],
        ..text("created_at")
    },
    AttributeDef {
        kind: ValueKind::Timestamp,
        sort: Some(CustomerSortField::UpdatedAt),
        labels: ["更新时间", "Updated at"],
        ..text("updated_at")
    },
];

/// The attributes a user enters, in table order.
pub fn entered() -> impl Iterator<Item = (Attribute, &'static AttributeDef)> {
    ATTRIBUTES
        .iter()
        .filter_map(|d| d.attribute.map(|a| (a, d)))
}

impl Attribute {
    pub fn def(self) -> &'static AttributeDef {
        ATTRIBUTES
            .iter()
            .find(|d| d.attribute == Some(self))
            .expect("every attribute has a row in ATTRIBUTES")
    }

    /// Its column in `customers`.
    pub fn column(self) -> &'static str {
        self.def().key
    }
}

impl CustomerSortField {
    /// Column names come from the attribute table only, never from the caller.
    pub fn column(self) -> &'static str {
        ATTRIBUTES
            .iter()
            .find(|d| d.sort == Some(self))
            .expect("every sort field has a row in ATTRIBUTES")
            .key
    }
}

/// The table as a TypeScript module, so the UI has it without asking: written beside the
/// generated bindings by `scripts/gen-bindings.sh`.
pub fn typescript() -> String {
    let rows = serde_json::to_string_pretty(ATTRIBUTES).expect("the table serialises");
    format!(
        "// Generated from src-tauri/core/src/customers/attributes.rs by scripts/gen-bindings.sh; do not edit.\n\
         import type {{ CustomerAttribute }} from \"./bindings/CustomerAttribute\";\n\n\
         /** The customer's built-in attributes, in the order the app lists them. */\n\
         export const CUSTOMER_ATTRIBUTES = {rows} as const satisfies readonly CustomerAttribute[];\n\n\
         export type AttributeKey = (typeof CUSTOMER_ATTRIBUTES)[number][\"key\"];\n"
    )
}
