//! Customers: the people and companies a team keeps, with their built-in attributes.

mod list;

pub use list::{list, CustomerQuery, CustomerRow, CustomerSort, CustomerSortField, Page};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Built-in attributes of a new customer. Everything but the name is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "NewCustomer.ts")]
pub struct NewCustomer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub industry: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub source: Option<String>,
    pub customer_type: Option<String>,
    pub level: Option<String>,
    pub gender: Option<String>,
    pub birthday: Option<String>,
    pub notes: Option<String>,
    pub external_id: Option<String>,
}
