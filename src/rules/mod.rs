//! The rules: the paragraph corpus (`corpus`), the catalogue of YAML rules validated against it
//! (`catalogue`), the engine that evaluates them over a scenario (`engine`) and the checking of
//! worked cases' expectations (`expect`). Sees scenarios only through their relations.

pub mod catalogue;
#[cfg(test)]
mod codegen;
mod compile;
pub mod corpus;
pub mod engine;
pub mod expect;
pub mod hint;
mod precompiled;
pub mod whatif;
pub(crate) mod yaml;
