//! The condition engine: a reference evaluator, property tests against it, and examples.

mod checks;
mod depth;
mod examples;
mod props;
mod reference;
mod sync;
mod trees;
mod world;
