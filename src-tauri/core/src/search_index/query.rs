//! What a search fragment asks for, in two forms that must agree: an FTS5 query for the
//! indexes, and a matcher over a customer's fields for customers whose entries are not
//! written yet (see [`super::backlog`]).

use super::{fold, folded, is_cjk, Searchable, FIELD_SEPARATOR};
use crate::error::{Error, Result};
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// 3+ characters: a substring of the fields (the trigram index).
    Substring(String),
    /// 1–2 characters: consecutive tokens of the per-character index, the last one a prefix
    /// unless it is a CJK character (a character is a whole token).
    Tokens { tokens: Vec<String>, prefix: bool },
}

impl Query {
    /// What a search box's text asks for: nothing when it is blank (no search), and an
    /// error when it has text but no letter or digit. Such a term (`%`, `-`, an emoji) finds
    /// nothing in the indexes' tokens, and treating it as no search made "tag all matching"
    /// tag everyone, so it is refused with a reason the search box can show.
    pub fn of_term(fragment: &str) -> Result<Option<Query>> {
        if fragment.trim().is_empty() {
            return Ok(None);
        }
        match Query::parse(fragment) {
            Some(query) => Ok(Some(query)),
            None => Err(Error::SearchWithoutLetters(fragment.trim().to_string())),
        }
    }

    /// None when the fragment has nothing searchable in it: no letter or digit.
    pub fn parse(fragment: &str) -> Option<Query> {
        let folded = fold(fragment.trim());
        if !folded.chars().any(char::is_alphanumeric) {
            return None;
        }
        if folded.chars().count() >= 3 {
            return Some(Query::Substring(folded));
        }
        let mut spaced = String::new();
        for c in folded.chars().filter(|c| c.is_alphanumeric()) {
            push_spaced(&mut spaced, c);
        }
        let tokens: Vec<String> = spaced.split_whitespace().map(String::from).collect();
        if tokens.is_empty() {
            return None;
        }
        let prefix = !folded.chars().last().is_some_and(is_cjk);
        Some(Query::Tokens { tokens, prefix })
    }

    /// The index to ask and its FTS5 query.
    pub fn fts(&self) -> (&'static str, String) {
        match self {
            Query::Substring(s) => ("customer_search", format!("\"{}\"", s.replace('"', "\"\""))),
            Query::Tokens { tokens, prefix } => (
                "customer_chars",
                format!("\"{}\"{}", tokens.join(" "), if *prefix { "*" } else { "" }),
            ),
        }
    }

    /// Whether the index would find this customer, decided from the fields themselves.
    pub fn matches(&self, fields: &Searchable) -> bool {
        let texts: Vec<Cow<str>> = fields.fields().map(folded).collect();
        match self {
            // A fragment without the separator cannot span two fields of the trigram body.
            Query::Substring(s) if !s.contains(FIELD_SEPARATOR) => {
                texts.iter().any(|t| t.contains(s.as_str()))
            }
            Query::Substring(s) => texts.join(FIELD_SEPARATOR).contains(s.as_str()),
            Query::Tokens { tokens, prefix } => {
                let body: Vec<&str> = texts.iter().flat_map(|t| index_tokens(t)).collect();
                body.windows(tokens.len()).any(|window| {
                    let (last, whole) = window.split_last().expect("tokens are never empty");
                    let want_last = tokens.last().expect("tokens are never empty");
                    whole.iter().zip(tokens).all(|(have, want)| have == want)
                        && if *prefix {
                            last.starts_with(want_last.as_str())
                        } else {
                            last == want_last
                        }
                })
            }
        }
    }
}

/// The per-character index's tokens of one folded field, as unicode61 reads the body
/// [`Searchable::bodies`] writes: runs of letters and digits, each CJK character a token of
/// its own (it is spaced), anything else a separator.
fn index_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut run: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() && !is_cjk(c) {
            run.get_or_insert(at);
            continue;
        }
        if let Some(start) = run.take() {
            tokens.push(&text[start..at]);
        }
        if c.is_alphanumeric() {
            tokens.push(&text[at..at + c.len_utf8()]);
        }
    }
    if let Some(start) = run {
        tokens.push(&text[start..]);
    }
    tokens
}

/// Makes [`Query::matches`] callable from SQL on `conn`, as
/// `search_matches(fragment, name, phone, email, company)`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "search_matches",
        5,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            // Parsed once per statement, not once per row.
            let query = ctx.get_or_create_aux(0, |v| {
                v.as_str().map(Query::parse).map_err(rusqlite::Error::from)
            })?;
            let Some(query) = query.as_ref() else {
                return Ok(false);
            };
            // Borrowed, not copied: this runs for every customer still waiting for entries.
            let text = |i: usize| ctx.get_raw(i).as_str_or_null();
            Ok(query.matches(&Searchable {
                name: text(1)?.unwrap_or(""),
                phone: text(2)?,
                email: text(3)?,
                company: text(4)?,
            }))
        },
    )
}

/// Appends `c`, a CJK character with a space either side so that it is a token of its own.
pub(super) fn push_spaced(out: &mut String, c: char) {
    if is_cjk(c) {
        out.push(' ');
        out.push(c);
        out.push(' ');
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(name: &'a str, phone: Option<&'a str>, email: Option<&'a str>) -> Searchable<'a> {
        Searchable {
            name,
            phone,
            email,
            company: None,
        }
    }

    #[test]
    fn short_cjk_fragments_become_phrases_and_short_latin_ones_prefixes() {
        let fts = |s: &str| Query::parse(s).map(|q| q.fts());
        assert_eq!(fts("王"), Some(("customer_chars", "\"王\"".to_string())));
        assert_eq!(fts("王伟").unwrap().1, "\"王 伟\"");
        assert_eq!(fts("13").unwrap().1, "\"13\"*");
        assert_eq!(fts("  "), None);
    }

    #[test]
    fn a_term_without_letters_or_digits_is_refused_and_a_blank_one_is_no_search() {
        for unsearchable in ["%", "-", "%%%", "---", "😀", " ！？ ", "\"\"\""] {
            let refused = Query::of_term(unsearchable).map(|_| ());
            assert!(
                matches!(refused, Err(Error::SearchWithoutLetters(_))),
                "{unsearchable:?} must be refused, not ignored: {refused:?}"
            );
        }
        assert_eq!(Query::of_term("   ").unwrap(), None);
        assert!(
            Query::of_term("a%").unwrap().is_some(),
            "one letter is enough"
        );
        assert!(Query::of_term("王!").unwrap().is_some());
    }

    #[test]
    fn long_fragments_go_to_the_trigram_index_with_quotes_escaped() {
        let (table, q) = Query::parse("a\"b c").unwrap().fts();
        assert_eq!(table, "customer_search");
        assert_eq!(q, "\"a\"\"b c\"");
    }

    #[test]
    fn the_matcher_finds_what_the_indexes_find() {
        let wang = fields("王伟", Some("13812345678"), Some("Wei@QQ.com"));
        let yes = |f: &str| Query::parse(f).unwrap().matches(&wang);
        assert!(yes("王"));
        assert!(yes("伟"));
        assert!(yes("王伟"));
        assert!(yes("13"), "a phone's prefix");
        assert!(yes("5678"), "3+ characters anywhere");
        assert!(yes("ＱＱ.com"), "folded like the index");
        assert!(yes("we"), "a word's prefix");
        assert!(!yes("伟王"), "characters in order");
        assert!(!yes("56"), "two digits only as a word's start");
        assert!(!yes("李"));
    }
}
