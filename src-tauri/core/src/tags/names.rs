//! Tag naming rules: names are compared folded (NFKC + lower case) so that "VIP", "vip" and
//! "ＶＩＰ" count as the same name among siblings; and which sibling names are close enough to a
//! new one (高活 beside 高活跃) that the person creating it should look first.

use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

pub const MAX_NAME_CHARS: usize = 200;

/// Trims the name and checks it; returns the name to store.
pub fn clean(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            Problem::NameTooLong {
                limit: MAX_NAME_CHARS as u32,
            },
        ));
    }
    if trimmed.contains('/') {
        return Err(Error::invalid("name", Problem::TagNameHasSlash));
    }
    Ok(trimmed.to_string())
}

/// The comparison key stored beside the name; siblings must have distinct keys.
pub fn key(name: &str) -> String {
    crate::text::nfkc(name.trim()).to_lowercase()
}

/// Why an existing name is close to a new one, for the UI to word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Closeness.ts")]
pub enum Closeness {
    /// The same once width and case are folded (ＶＩＰ and VIP): saving it is refused.
    Same,
    /// One contains the other (高活 and 高活跃).
    Contains,
    /// Short names one typing slip apart (高活跃 and 高活越).
    OneEdit,
}

/// A sibling whose name is close to the one being typed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "CloseName.ts")]
pub struct CloseName {
    pub id: i64,
    pub name: String,
    pub closeness: Closeness,
}

/// Names up to this many characters are compared by edit distance; longer ones differ by one
/// character too often on purpose ("2024年第一季度" / "2024年第二季度") for a warning to help.
const SHORT_NAME_CHARS: usize = 8;

/// How close `new` is to `existing`, both compared folded; None when they are plainly distinct.
/// A containment needs two characters at least (one character is inside too many names), a
/// slip three: two-character siblings one apart are usually a series (高活, 中活, 低活).
pub fn closeness(new: &str, existing: &str) -> Option<Closeness> {
    closeness_of_keys(&key(new), &key(existing))
}

/// [`closeness`] of two names already folded by [`key`]: the health report compares every
/// pair of tags and folds each name once.
pub fn closeness_of_keys(a: &str, b: &str) -> Option<Closeness> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(Closeness::Same);
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let short_len = short.chars().count();
    if short_len >= 2 && long.contains(short) {
        return Some(Closeness::Contains);
    }
    let long_len = long.chars().count();
    if short_len >= 3 && long_len <= SHORT_NAME_CHARS && one_slip_apart(a, b) {
        return Some(Closeness::OneEdit);
    }
    None
}

/// True when one character inserted, deleted or replaced turns `a` into `b`, except a digit
/// replaced by another digit: "1星" and "2星" are a series, not a slip.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (rest_a, rest_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    match (rest_a, rest_b) {
        ([x], [y]) => !(x.is_ascii_digit() && y.is_ascii_digit()),
        ([_], []) | ([], [_]) => true,
        _ => false,
    }
}

/// The siblings under `parent` (None: the top level) whose names are close to `name`, the
/// closest first; `except` leaves out the node being renamed.
pub fn close_siblings(
    conn: &Connection,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<Vec<CloseName>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0)
         AND id <> ifnull(?2, -1) AND deleted_at IS NULL ORDER BY position, id",
    )?;
    let siblings = stmt
        .query_map(params![parent, except], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
    let mut close: Vec<CloseName> = siblings
        .into_iter()
        .filter_map(|(id, existing)| {
            closeness(name, &existing).map(|closeness| CloseName {
                id,
                name: existing,
                closeness,
            })
        })
        .collect();
    close.sort_by_key(|c| c.closeness as u8);
    Ok(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_case_variants_are_the_same_name() {
        assert_eq!(closeness("VIP", "ＶＩＰ"), Some(Closeness::Same));
        assert_eq!(closeness("vip", "VIP"), Some(Closeness::Same));
    }

    #[test]
    fn a_name_inside_another_is_close_either_way() {
        assert_eq!(closeness("高活", "高活跃"), Some(Closeness::Contains));
        assert_eq!(closeness("高活跃用户", "高活跃"), Some(Closeness::Contains));
        assert_eq!(closeness("vip", "ＶＩＰ客户"), Some(Closeness::Contains));
    }

    #[test]
    fn one_slip_apart_short_names_are_close() {
        assert_eq!(closeness("高活越", "高活跃"), Some(Closeness::OneEdit));
        assert_eq!(closeness("VIP", "VIQ"), Some(Closeness::OneEdit));
        assert_eq!(closeness("微信群", "微信"), Some(Closeness::Contains));
    }

    #[test]
    fn distinct_series_long_and_one_character_names_are_not_close() {
        assert_eq!(closeness("1星", "2星"), None, "numbered series");
        assert_eq!(closeness("L1", "L2"), None);
        assert_eq!(closeness("A", "B"), None, "one character");
        assert_eq!(closeness("高活", "中活"), None, "two-character series");
        assert_eq!(closeness("高", "高活跃"), None, "one character inside");
        assert_eq!(
            closeness("2024年第一季度活跃", "2024年第二季度活跃"),
            None,
            "long names"
        );
        assert_eq!(closeness("种子用户", "沉睡客户"), None);
    }

    #[test]
    fn full_width_and_case_variants_share_a_key() {
        assert_eq!(key("VIP"), key("ＶＩＰ"));
        assert_eq!(key("VIP"), key("vip"));
        assert_eq!(key(" 高活 "), key("高活"));
        assert_ne!(key("高活"), key("高活跃"));
    }

    #[test]
    fn empty_and_blank_names_are_rejected() {
        assert!(clean("").is_err());
        assert!(clean("   \t").is_err());
        assert!(
            clean("\u{3000}").is_err(),
            "an ideographic space is still blank"
        );
        assert_eq!(clean("  种子用户 ").unwrap(), "种子用户");
    }

    #[test]
    fn slash_and_overlong_names_are_rejected() {
        assert!(clean("a/b").is_err());
        assert!(clean(&"长".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(clean(&"长".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
