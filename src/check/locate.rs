//! Places a finding at a value's position, when the value has one.

use crate::diagnostics::Diagnostic;
use crate::load::yaml::Pos;

pub fn at(d: Diagnostic, pos: Option<Pos>) -> Diagnostic {
    match pos {
        Some(p) => d.at(p.line, p.column),
        None => d,
    }
}
