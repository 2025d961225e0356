//! The write a notice of cut-off work names (an import of a file, an edit, an event), typed so
//! the UI words it in the user's language. It is stored as a code and the file, in
//! `interrupted_work` and `follow_up_work`, as before it was typed.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "Work.ts")]
pub enum Work {
    CustomersImport {
        file: String,
    },
    EventsImport {
        file: String,
    },
    /// The undo of an import: `file` is the file that import read.
    ImportUndo {
        file: String,
    },
    /// An edit of a customer's record.
    CustomerEdit,
    /// An event added or deleted by hand.
    EventChange,
    /// Changes received from the team (an exchange or a sync pack).
    TeamExchange,
    /// A code this version does not know (written by a newer one); worded as a change.
    Other,
}

impl Work {
    /// The code and the file as stored (the file is empty when there is none).
    pub(crate) fn stored(&self) -> (&'static str, &str) {
        match self {
            Work::CustomersImport { file } => ("customers_import", file),
            Work::EventsImport { file } => ("events_import", file),
            Work::ImportUndo { file } => ("import_undo", file),
            Work::CustomerEdit => ("edit", ""),
            Work::EventChange => ("event", ""),
            Work::TeamExchange => ("team_exchange", ""),
            Work::Other => ("other", ""),
        }
    }

    /// The work stored as `what` and `detail`.
    pub(crate) fn from_stored(what: &str, detail: String) -> Work {
        match what {
            "customers_import" => Work::CustomersImport { file: detail },
            "events_import" => Work::EventsImport { file: detail },
            "import_undo" => Work::ImportUndo { file: detail },
            // Before the undo of an import had a code of its own it was an edit with a file.
            "edit" if !detail.is_empty() => Work::ImportUndo { file: detail },
            "edit" => Work::CustomerEdit,
            "event" => Work::EventChange,
            "team_exchange" => Work::TeamExchange,
            _ => Work::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Work;

    #[test]
    fn every_work_reads_back_as_it_was_stored() {
        let all = [
            Work::CustomersImport {
                file: "/tmp/客户.xlsx".into(),
            },
            Work::EventsImport {
                file: "/tmp/订单.csv".into(),
            },
            Work::ImportUndo {
                file: "/tmp/客户.xlsx".into(),
            },
            Work::CustomerEdit,
            Work::EventChange,
            Work::TeamExchange,
            Work::Other,
        ];
        for work in all {
            let (what, detail) = work.stored();
            assert_eq!(Work::from_stored(what, detail.to_string()), work);
        }
    }

    #[test]
    fn an_import_undo_stored_as_an_edit_with_its_file_reads_as_an_import_undo() {
        assert_eq!(
            Work::from_stored("edit", "/tmp/a.xlsx".into()),
            Work::ImportUndo {
                file: "/tmp/a.xlsx".into()
            }
        );
        assert_eq!(Work::from_stored("edit", String::new()), Work::CustomerEdit);
        assert_eq!(Work::from_stored("sync", String::new()), Work::Other);
    }
}
