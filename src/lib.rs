//! committee-papers: YAML report data → council committee papers.
//!
//! The pipeline is load → check → enrich → context → render; each stage is
//! a module of pure functions, and only [`output`] and the loaders touch disk.

pub mod check;
pub mod decode;
pub mod diagnostics;
pub mod enrich;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod yaml;

pub use diagnostics::{Diagnostic, Severity};
