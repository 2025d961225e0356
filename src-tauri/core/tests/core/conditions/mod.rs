//! The condition engine: a reference evaluator, property tests against it, and examples.

mod sync;
