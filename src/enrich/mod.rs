//! Enrich: pure functions that derive what authors should not type.

pub mod dates;
pub mod numbering;
pub mod progress;
