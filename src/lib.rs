//! committee-papers: YAML report data → council committee papers.
//!
//! The pipeline is load → check → enrich → context → render ([`pipeline`]):
//!
//! - load ([`yaml`], [`decode`], [`load`], [`assets`]) reads the report, its
//!   `council.yaml`, the trackers it cites, the logo and fonts;
//! - check ([`check`]) and enrich ([`enrich`]) are pure functions over the
//!   model;
//! - [`render`] turns one context into bytes per format; the only files it
//!   reads are the council's template overrides;
//! - [`output`] is the one writer of files.
//!
//! [`origins`] reads a YAML file again only to place an error raised while
//! typesetting a value.

pub mod check;
pub mod context;
pub mod diagnostics;
pub mod enrich;
pub mod law;
pub mod load;
pub mod model;
pub mod output;
pub mod pack;
pub mod pipeline;
pub mod prose;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;

pub use diagnostics::{Diagnostic, Severity};
