//! Customers: the people and companies a team keeps, with their built-in attributes.

#[cfg(test)]
mod attributes_tests;
mod history_note;
pub mod list;
mod profile;
mod received;
mod record;
pub mod search;
mod sorted_page;
mod validate;

pub use history_note::HistoryNote;
pub(crate) use list::Filter;
pub use list::{
    count, list, live_customers, rows_by_ids, CustomerQuery, CustomerRow, CustomerSort,
    CustomerSortField, Page,
};
pub use profile::{
    profile, CustomerProfile, EventEntry, HistoryEntry, ProfileTag, ProfileTagGroup,
};
pub(crate) use received::{insert_received, save_received};
pub use record::{clean, create, create_within, get, restore, soft_delete, update, update_within};
pub(crate) use record::{
    insert_records, searchable, set_deleted_runs_within, set_deleted_within, update_record,
    RECORDS_PER_STATEMENT,
};
pub use validate::{email as validate_email, phone as validate_phone};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Built-in attributes of a customer as entered. Everything but the name is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomerInput.ts")]
pub struct CustomerInput {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub industry: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub source: Option<String>,
    /// "b2b" or "b2c"
    pub customer_type: Option<String>,
    pub level: Option<String>,
    /// "male", "female" or "other"
    pub gender: Option<String>,
    /// YYYY-MM-DD
    pub birthday: Option<String>,
    pub notes: Option<String>,
    pub external_id: Option<String>,
    /// Values of custom fields; an empty value clears the field.
    #[serde(default)]
    pub custom: Vec<crate::custom_fields::CustomValue>,
}

/// A stored customer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "Customer.ts")]
pub struct Customer {
    pub id: i64,
    #[serde(flatten)]
    pub input: CustomerInput,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}
