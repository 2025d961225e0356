//! The condition engine: a reference evaluator, property tests against it, examples, and the
//! answers the UI tests replay.

mod checks;
mod depth;
mod examples;
mod props;
mod reference;
mod saved;
mod sync;
mod trees;
mod ui_answers;
mod world;
