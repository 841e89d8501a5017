//! committee-papers: YAML report data → council committee papers.
//!
//! The pipeline is load → check → enrich → context → render ([`pipeline`]):
//!
//! - [`load`] reads the report, its `council.yaml`, the trackers it cites,
//!   the logo and fonts, and decodes them into the typed [`model`], each
//!   value with its position;
//! - [`check`] (the rules) and [`enrich`] (numbering, dates, totals) are
//!   pure functions over the model;
//! - [`context`] is the one serialisable view every format renders from;
//! - [`render`] turns one context into bytes per format; the only files it
//!   reads are the council's template overrides;
//! - [`pack`] builds a meeting's files in memory, [`serve`] previews a
//!   report in the browser.
//!
//! Files reach the disk in two places, each atomic: [`output`] writes
//! single files (a report's formats together, ejected templates, a new
//! skeleton), and [`pack::output`] moves a whole pack folder into place.
//! The commands themselves live in the binary (`src/cmd/`).
//!
//! The decoder records where every field and list item starts
//! ([`positions`](load::positions)); later stages, and
//! [`origins`](load::origins) (which places an error
//! raised while typesetting a value), look positions up there and read no
//! file again.

pub mod check;
pub mod context;
pub mod diagnostics;
pub mod enrich;
pub mod import;
pub mod law;
pub mod layout;
pub mod load;
pub mod model;
pub mod output;
pub mod pack;
pub mod parallel;
pub mod pipeline;
pub mod prose;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;

pub use diagnostics::{Diagnostic, Severity};
