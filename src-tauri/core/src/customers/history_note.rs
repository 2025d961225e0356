//! Why a tag history entry happened, as the UI reads it: the stored code (`replaced`,
//! `undo:<batch>`, `merged_into:<tag>`, `merged_from:<tag>`, `tag_deleted`) parsed here once,
//! so the UI words a typed note instead of splitting strings.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "HistoryNote.ts")]
pub enum HistoryNote {
    /// Replaced by a tag of the same single-select group.
    Replaced,
    /// The change undid the tagging batch `batch`.
    Undo {
        batch: i64,
    },
    MergedInto {
        tag: String,
    },
    MergedFrom {
        tag: String,
    },
    TagDeleted,
    /// A note written by something else (an older version, a sync), shown as it is.
    Other {
        text: String,
    },
}

impl HistoryNote {
    /// The note a stored code means; None for no note.
    pub fn parse(stored: Option<&str>) -> Option<HistoryNote> {
        let text = stored?.trim();
        if text.is_empty() {
            return None;
        }
        // A tag name may itself contain a colon: everything after the first one is the name.
        let note = match text.split_once(':') {
            None if text == "replaced" => HistoryNote::Replaced,
            None if text == "tag_deleted" => HistoryNote::TagDeleted,
            Some(("undo", batch)) if batch.parse::<i64>().is_ok() => HistoryNote::Undo {
                batch: batch.parse().unwrap_or_default(),
            },
            Some(("merged_into", tag)) if !tag.is_empty() => {
                HistoryNote::MergedInto { tag: tag.into() }
            }
            Some(("merged_from", tag)) if !tag.is_empty() => {
                HistoryNote::MergedFrom { tag: tag.into() }
            }
            _ => HistoryNote::Other { text: text.into() },
        };
        Some(note)
    }
}

#[cfg(test)]
mod tests {
    use super::HistoryNote;

    #[test]
    fn stored_notes_read_as_typed_notes() {
        assert_eq!(HistoryNote::parse(None), None);
        assert_eq!(HistoryNote::parse(Some(" ")), None);
        assert_eq!(
            HistoryNote::parse(Some("replaced")),
            Some(HistoryNote::Replaced)
        );
        assert_eq!(
            HistoryNote::parse(Some("tag_deleted")),
            Some(HistoryNote::TagDeleted)
        );
        assert_eq!(
            HistoryNote::parse(Some("undo:12")),
            Some(HistoryNote::Undo { batch: 12 })
        );
        assert_eq!(
            HistoryNote::parse(Some("merged_into:活跃:高")),
            Some(HistoryNote::MergedInto {
                tag: "活跃:高".into()
            })
        );
        assert_eq!(
            HistoryNote::parse(Some("merged_from:A&B")),
            Some(HistoryNote::MergedFrom { tag: "A&B".into() })
        );
    }

    #[test]
    fn an_unknown_or_malformed_note_is_kept_as_its_text() {
        for text in ["imported_from_crm", "undo:abc", "merged_into:"] {
            assert_eq!(
                HistoryNote::parse(Some(text)),
                Some(HistoryNote::Other { text: text.into() })
            );
        }
    }
}
