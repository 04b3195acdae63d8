//! The scenario: a lowered case as a petgraph graph with the relations rules match against,
//! stated and derived. Owns the relation tables and the derivations (whose conduct an act is,
//! from whose territory it came, who knew when); never looks at syntax or at rules.

mod derive;
mod exchanges;
pub mod graph;
mod note;
pub(crate) mod relations;

pub use note::{Note, Tied};
