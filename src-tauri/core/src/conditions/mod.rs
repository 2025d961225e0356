//! The condition engine: one tree (`ast`) used by segments, rules and the builder, checked
//! against the database (`validate`) and evaluated on an in-memory index (`index`, `eval`).

pub mod ast;
mod catalog;
pub mod depth;
pub mod eval;
pub mod explain;
pub mod fields;
pub mod index;
mod segment_refs;
mod validate;
pub mod values;

pub use ast::{Cmp, Condition, EventMeasure, EventProperty, FieldOp, SetMode};
pub use catalog::{catalog, ConditionCatalog, EventKindInfo};
pub use eval::{Ctx, NodeCount};
pub use explain::{explain, Explanation};
pub use index::Index;
pub use segment_refs::frozen_members;
pub(crate) use segment_refs::stored_tree;
pub use validate::validate;
