//! A stand-in for the crate's `diagnostics` (what the two modules use), so
//! they build alone. Warnings are errors.
#![deny(warnings)]
pub mod diagnostics {
    use std::path::Path;
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum Kind {
        Io,
        Input,
    }
    /// The one rule code the two modules give.
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum Code {
        P100,
    }
    #[derive(Debug)]
    pub struct Diagnostic {
        pub message: String,
        pub kind: Kind,
    }
    impl std::fmt::Display for Diagnostic {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.message)
        }
    }
    impl Diagnostic {
        pub fn error(_c: Code, m: impl Into<String>) -> Self {
            Diagnostic {
                message: m.into(),
                kind: Kind::Input,
            }
        }
        pub fn io(_p: &Path, e: &std::io::Error) -> Self {
            Diagnostic {
                message: e.to_string(),
                kind: Kind::Io,
            }
        }
        pub fn in_file(self, _p: &Path) -> Self {
            self
        }
        pub fn with_kind(mut self, k: Kind) -> Self {
            self.kind = k;
            self
        }
        pub fn with_hint(self, _h: &str) -> Self {
            self
        }
    }
}
#[path = "../../../src/output.rs"]
pub mod output;
#[path = "../../../src/load/paths.rs"]
pub mod paths;
