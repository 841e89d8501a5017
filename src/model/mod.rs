//! The typed model of the inputs: a report and the council profile.
//!
//! Each type decodes itself from the YAML node tree ([`crate::load::decode`]); the
//! domain rules that span fields live in [`crate::check`].

pub mod catalogue;
pub mod council;
pub mod custom;
pub mod json_schema;
pub mod meeting;
pub mod progress;
pub mod report;
pub mod style;
pub mod wording;

pub use council::Council;
pub use meeting::Meeting;
pub use report::Report;
