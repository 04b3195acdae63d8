//! The case-file language: the pest grammar's glue (`syntax`), the case model (`model`), the
//! lowering that checks a syntax tree and builds the model (`lower`), and the formatter
//! (`format`). Owns everything that knows how a case file is written; knows nothing of the
//! scenario graph, the rules or the reports.

pub(crate) mod fact;
pub mod format;
pub mod lower;
pub mod markdown;
pub mod model;
pub mod reference;
pub mod syntax;
pub(crate) mod table;
