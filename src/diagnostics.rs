//! The one error type a user sees: severity, where, what, and what to do.
//!
//! Diagnostics are data; they are printed only at the edge (`main.rs`), in
//! the `path:line:col: error[P105] message` form that editors and CI
//! understand, by every command alike ([`format`] has the others that
//! `check` offers).

pub mod code;
pub mod format;

pub use code::Code;

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// What kind of failure this is: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The input (YAML, Markdown, a template) is wrong: exit 1.
    Input,
    /// A file could not be read or written: exit 2.
    Io,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The stable rule code (`P101`, `P201` ...), given when the
    /// diagnostic is made; the registry (`check::rules`) says what it means.
    pub code: Code,
    pub severity: Severity,
    pub kind: Kind,
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error found by rule `code`.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            kind: Kind::Input,
            file: None,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning found by rule `code`.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// An I/O failure on `path` (P100, exit code 2).
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Self {
            kind: Kind::Io,
            ..Self::error(Code::P100, io_reason(err)).in_file(path)
        }
    }

    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.file = Some(path.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some(Location { line, column });
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "file not found".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "is a directory, not a file".into(),
        _ => err.to_string(),
    }
}

/// `path:line:col: error[P201] message`, then `  hint: ...` on its own
/// line: how every command prints a diagnostic (`render`, `pack`, `serve`,
/// and `check --format concise`; `check`'s other formats are in [`format`]).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if let Some(loc) = self.location {
                write!(f, "{}:{}:", loc.line, loc.column)?;
            }
            write!(f, " ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}[{}] {}", self.code, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The process exit code for a set of diagnostics (ripgrep/ruff style):
/// 0 ok (warnings only), 1 input errors, 2 I/O errors.
pub fn exit_code(diagnostics: &[Diagnostic]) -> i32 {
    let errors = diagnostics.iter().filter(|d| d.is_error());
    let mut code = 0;
    for d in errors {
        match d.kind {
            Kind::Io => return 2,
            Kind::Input => code = 1,
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_path_line_column_and_hint() {
        let d = Diagnostic::error(Code::P103, "unknown field `subjet`")
            .in_file("reports/r.yaml")
            .at(3, 1)
            .with_hint("did you mean `subject`?");
        assert_eq!(
            d.to_string(),
            "reports/r.yaml:3:1: error[P103] unknown field `subjet`\n  hint: did you mean `subject`?"
        );
    }

    #[test]
    fn exit_codes() {
        let input = Diagnostic::error(Code::P105, "x");
        let io = Diagnostic::error(Code::P100, "y").with_kind(Kind::Io);
        let warning = Diagnostic::warning(Code::P305, "z");
        assert_eq!(exit_code(&[]), 0);
        assert_eq!(exit_code(std::slice::from_ref(&warning)), 0);
        assert_eq!(exit_code(&[warning.clone(), input.clone()]), 1);
        assert_eq!(exit_code(&[input, io, warning]), 2);
    }
}
