//! Headers as shop systems write them. A member export from 有赞, 微店 or 淘宝 names the same
//! columns as the attributes' synonyms, decorated: a unit or a mark in brackets (累计消费(元),
//! 手机号(必填), 【必填】姓名) and whose value it is in front (会员昵称, 买家手机号, 收货人姓名,
//! Customer Name). Taken off, the header is a synonym more often than not. And some columns
//! stand in for an attribute no other column names: a nickname is a name when there is none.

use super::ColumnTarget;
use crate::attributes::Attribute;

/// How a header named what it is taken for, closest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    AsItIs,
    Undecorated,
    StandIn,
}

/// What header `key` names by `names` (what a folded header names in a file of its kind), and
/// how: as it is, else once undecorated; `None` when neither names anything.
pub(super) fn named(
    key: &str,
    names: impl Fn(&str) -> ColumnTarget,
) -> Option<(ColumnTarget, Fit)> {
    let found =
        |form: &str, fit| Some((names(form), fit)).filter(|(t, _)| *t != ColumnTarget::Ignore);
    found(key, Fit::AsItIs).or_else(|| {
        undecorated(key)
            .iter()
            .find_map(|form| found(form, Fit::Undecorated))
    })
}

/// Words in front of a header that say whose value the column holds, longest first where one
/// begins another. Compared as `mapping::key` leaves headers: no spaces, lower case.
const OWNERS: &[&str] = &[
    "收货人",
    "联系人",
    "会员",
    "客户",
    "顾客",
    "买家",
    "用户",
    "member",
    "customer",
    "buyer",
    "contact",
    "client",
];

/// Headers that name an attribute only when no other column does (`mapping::suggest_all`),
/// as `mapping::key` leaves them.
pub(super) const STAND_INS: &[(&str, Attribute)] = &[
    ("昵称", Attribute::Name),
    ("微信昵称", Attribute::Name),
    ("网名", Attribute::Name),
    ("nickname", Attribute::Name),
    ("nick", Attribute::Name),
];

/// Brackets a unit or a mark is written in, after NFKC (full-width parentheses are plain ones
/// by then; 【】 and 〔〕 have no plain form).
const BRACKETS: &[(char, char)] = &[
    ('(', ')'),
    ('[', ']'),
    ('【', '】'),
    ('〔', '〕'),
    ('<', '>'),
];

/// The forms of `key` (a header as `mapping::key` compares it) to try when it names nothing
/// as it is: without its brackets, then also without the word in front saying whose it is.
pub(super) fn undecorated(key: &str) -> Vec<String> {
    let mut rest = key;
    while let Some(inner) = without_bracket(rest) {
        rest = inner;
    }
    let mut forms = Vec::new();
    if rest != key && !rest.is_empty() {
        forms.push(rest.to_string());
    }
    if let Some(after) = OWNERS.iter().find_map(|o| rest.strip_prefix(o)) {
        if !after.is_empty() {
            forms.push(after.to_string());
        }
    }
    forms
}

/// `text` without one bracketed part at its end or at its start.
fn without_bracket(text: &str) -> Option<&str> {
    BRACKETS.iter().find_map(|&(open, close)| {
        if let Some(body) = text.strip_suffix(close) {
            return body.rfind(open).map(|at| &body[..at]);
        }
        let body = text.strip_prefix(open)?;
        body.find(close).map(|at| &body[at + close.len_utf8()..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_whose_it_is_come_off() {
        for (key, want) in [
            ("会员昵称", &["昵称"][..]),
            ("买家手机号", &["手机号"]),
            ("收货人姓名", &["姓名"]),
            ("手机号(必填)", &["手机号"]),
            ("【必填】姓名", &["姓名"]),
            ("累计消费(元)", &["累计消费"]),
            ("客户名称[必填]", &["客户名称", "名称"]),
            ("customername", &["name"]),
            ("姓名", &[]),
            ("会员", &[]),
            ("(元)", &[]),
        ] {
            assert_eq!(undecorated(key), want, "{key}");
        }
    }
}
