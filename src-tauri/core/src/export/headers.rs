//! The customer export's column headers and enumeration labels in the UI's language. The
//! import's suggestions read the same forms back (see [`recognise`]), so an export imports into
//! the columns it came from: headers are made distinct with a marked suffix rather than left to
//! collide (an attribute 行业 beside a tag group 行业).

use crate::attributes::{self, ATTRIBUTES};
use crate::import::{mapping::key, Attribute};
use std::collections::HashSet;

pub use crate::problem::Language;

/// The export's sheet name in `language`.
pub(super) fn sheet_name(language: Language) -> &'static str {
    language.pick(["客户", "Customers"])
}

const TAGS: [&str; 2] = ["标签", "Tags"];
/// Headers the import reads as a tags column, whatever the tree holds.
pub(crate) const TAGS_WORDS: &[&str] = &["标签", "tags", "tag", "客户标签"];
/// Marks a group's column whose name alone would be taken; compared as keys, so the import
/// also reads "来源(标签)" or "Source(TAGS)".
const GROUP_MARK: [&str; 2] = ["（标签）", " (tags)"];
/// Marks a custom field's column whose label alone would be taken.
const FIELD_MARK: [&str; 2] = ["（字段）", " (field)"];

pub(super) fn tags(language: Language) -> &'static str {
    language.pick(TAGS)
}

/// The label the UI shows for a stored gender or customer type (male → 男 / Male, b2b → 企业 /
/// Business); other values and other attributes are written as stored.
pub(super) fn value_label(attribute: Attribute, stored: &str, language: Language) -> &str {
    let words = match (attribute, stored) {
        (Attribute::Gender, "male") => ["男", "Male"],
        (Attribute::Gender, "female") => ["女", "Female"],
        (Attribute::Gender, "other") => ["其他", "Other"],
        (Attribute::CustomerType, "b2b") => ["企业", "Business"],
        (Attribute::CustomerType, "b2c") => ["个人", "Consumer"],
        _ => return stored,
    };
    language.pick(words)
}

/// The headers of one export, distinct as the import compares them (by [`key`]). Every fixed
/// header of both languages is reserved, so a field or group that shares one is marked even
/// when the export's own language does not use it: the import cannot know which was meant.
pub(super) struct Headers {
    language: Language,
    taken: HashSet<String>,
}

impl Headers {
    pub(super) fn new(language: Language) -> Headers {
        let fixed = ATTRIBUTES
            .iter()
            .flat_map(|a| a.labels.iter())
            .chain(TAGS_WORDS.iter());
        Headers {
            language,
            taken: fixed.map(|w| key(w)).collect(),
        }
    }

    /// A custom field's header: its label, marked when another column has it.
    pub(super) fn field(&mut self, label: &str) -> String {
        let header = if self.taken.contains(&key(label)) {
            format!("{label}{}", self.language.pick(FIELD_MARK))
        } else {
            label.to_string()
        };
        self.taken.insert(key(&header));
        header
    }

    /// A tag group's header: its name; marked when another column has that name; its full
    /// path, marked, when another exported group has the same name (`shared`).
    pub(super) fn group(&mut self, name: &str, path: &str, shared: bool) -> String {
        let mark = self.language.pick(GROUP_MARK);
        let header = if shared {
            format!("{path}{mark}")
        } else if self.taken.contains(&key(name)) {
            format!("{name}{mark}")
        } else {
            name.to_string()
        };
        self.taken.insert(key(&header));
        header
    }
}

/// What an exported header names, read from its [`key`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Exported<'k> {
    Attribute(Attribute),
    /// A group by the key of its name or of its full path.
    Group(&'k str),
    /// A custom field by the key of its label.
    Field(&'k str),
}

/// The meaning of a header as the export writes it, in either language: a built-in attribute's
/// own header, or a marked group or field column. None for anything else.
pub(crate) fn recognise(k: &str) -> Option<Exported<'_>> {
    let marked = |marks: [&str; 2]| {
        marks
            .iter()
            .find_map(|m| k.strip_suffix(key(m).as_str()))
            .filter(|inner| !inner.is_empty())
    };
    if let Some(name) = marked(GROUP_MARK) {
        return Some(Exported::Group(name));
    }
    if let Some(label) = marked(FIELD_MARK) {
        return Some(Exported::Field(label));
    }
    attributes::entered()
        .find(|(_, def)| def.labels.iter().any(|w| key(w) == k))
        .map(|(a, _)| Exported::Attribute(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_any_fixed_header_or_earlier_column_has_is_marked() {
        let mut zh = Headers::new(Language::ZhCn);
        assert_eq!(zh.field("会员卡号"), "会员卡号");
        assert_eq!(
            zh.field("Industry"),
            "Industry（字段）",
            "the other language's header is reserved too"
        );
        assert_eq!(zh.group("标签", "业务 / 标签", false), "标签（标签）");
        assert_eq!(
            zh.group("会员卡号", "业务 / 会员卡号", false),
            "会员卡号（标签）"
        );
        assert_eq!(
            zh.group("职位", "业务 / 职位", true),
            "业务 / 职位（标签）",
            "groups sharing a name are told apart by path"
        );
        let mut en = Headers::new(Language::En);
        assert_eq!(
            en.group("ＳＯＵＲＣＥ", "A / ＳＯＵＲＣＥ", false),
            "ＳＯＵＲＣＥ (tags)"
        );
    }

    #[test]
    fn marked_headers_are_read_back_in_either_language() {
        let read = |h: &str| recognise(&key(h)).map(|e| format!("{e:?}"));
        assert_eq!(read("行业（标签）").as_deref(), Some("Group(\"行业\")"));
        assert_eq!(read("Source (TAGS)").as_deref(), Some("Group(\"source\")"));
        assert_eq!(read("来源（字段）").as_deref(), Some("Field(\"来源\")"));
        assert_eq!(
            read("External ID").as_deref(),
            Some("Attribute(ExternalId)")
        );
        assert_eq!(read("（标签）"), None, "a mark alone names nothing");
        assert_eq!(read("会员卡号"), None);
    }
}
