//! Words the database stores as text and the UI must tell apart: where a change came from,
//! and what a change did to a tag. They are enums so the code and the UI (through the
//! generated unions) switch on them instead of comparing strings; each serializes to the text
//! already stored, so existing databases read unchanged.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Defines `as_str`, `parse` and the SQLite conversions of an enum whose variants are stored
/// as the given texts; reading any other text is an error.
macro_rules! stored_as_text {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant stored as `text`, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok(::rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl ::rusqlite::types::FromSql for $name {
            fn column_result(value: ::rusqlite::types::ValueRef<'_>) -> ::rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    ::rusqlite::types::FromSqlError::Other(
                        format!(concat!("“{}” is not a ", stringify!($name)), text).into(),
                    )
                })
            }
        }
    };
}
pub(crate) use stored_as_text;

/// Where a change came from (a tag's assignment, a batch, an operation of the history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ChangeSource.ts")]
pub enum ChangeSource {
    /// A person, by hand.
    Manual,
    Import,
    Rule,
    Rfm,
    Lifecycle,
    /// Another device's copy of the database.
    Sync,
}

stored_as_text!(ChangeSource {
    Manual => "manual",
    Import => "import",
    Rule => "rule",
    Rfm => "rfm",
    Lifecycle => "lifecycle",
    Sync => "sync",
});

/// What a change did to one customer's tag (the tag history, a batch's members).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "TagAction.ts")]
pub enum TagAction {
    Add,
    Remove,
}

stored_as_text!(TagAction {
    Add => "add",
    Remove => "remove",
});

/// What a tagging batch does: give a tag, take it, or take back another batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "BatchAction.ts")]
pub enum BatchAction {
    Add,
    Remove,
    Undo,
}

stored_as_text!(BatchAction {
    Add => "add",
    Remove => "remove",
    Undo => "undo",
});

#[cfg(test)]
mod tests {
    use super::{BatchAction, ChangeSource, TagAction};
    use rusqlite::Connection;

    /// The text each variant is stored as is the text serde gives the UI, so the database and
    /// the generated union name the same things.
    fn stored_text_is_the_serialized_text<T: serde::Serialize + Copy>(
        all: &[T],
        text: fn(T) -> &'static str,
    ) {
        for &v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), text(v));
        }
    }

    #[test]
    fn every_word_is_stored_as_the_text_the_ui_receives() {
        stored_text_is_the_serialized_text(ChangeSource::ALL, ChangeSource::as_str);
        stored_text_is_the_serialized_text(TagAction::ALL, TagAction::as_str);
        stored_text_is_the_serialized_text(BatchAction::ALL, BatchAction::as_str);
    }

    #[test]
    fn a_word_round_trips_through_sqlite_and_an_unknown_text_is_an_error() {
        let conn = Connection::open_in_memory().unwrap();
        for &source in ChangeSource::ALL {
            let back: ChangeSource = conn.query_row("SELECT ?1", [source], |r| r.get(0)).unwrap();
            assert_eq!(back, source);
        }
        let unknown = conn.query_row("SELECT 'robot'", [], |r| r.get::<_, ChangeSource>(0));
        assert!(
            unknown.is_err(),
            "an unknown source must not read as some other source"
        );
    }
}
