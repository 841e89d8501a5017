//! The rule codes as a type: every [`Diagnostic`](super::Diagnostic) is
//! made with one (`Diagnostic::error(Code::P105, ...)`), so a finding
//! without a code does not compile, and a misspelt code does not either.
//!
//! Each code names one entry of the registry, `check::rules::RULES`, which
//! says what the rule catches, why and how to fix it; a test there keeps
//! this list and the registry the same, in the same order. The codes live
//! here, below both `diagnostics` and `check`, so that neither imports the
//! other for them.

/// Declares [`Code`], its variants in registry order and [`Code::ALL`].
macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        /// A stable rule code (`P201`). Codes are never reused for another
        /// meaning; their order is the registry's.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// `"P201"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }
        }
    };
}

codes! {
    P100, P101, P102, P103, P104, P105, P106, P107, P108, P109, P110, P111,
    P120, P121, P122, P123, P124, P125, P126, P127, P128, P130, P131,
    P201, P202, P203, P204, P205,
    P300, P301, P302, P303, P304, P305, P306, P307, P308, P309, P310, P311,
    P312, P313, P314, P315, P316,
    P401, P402, P403, P404,
    P900,
}

impl Code {
    /// The code written `text` (`P305`, as a council's `rules:` names it).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_written_as_their_names_and_read_back() {
        assert_eq!(Code::P305.as_str(), "P305");
        assert_eq!(Code::P305.to_string(), "P305");
        assert_eq!(Code::parse("P402"), Some(Code::P402));
        assert_eq!(Code::parse("P400"), None, "P400 is retired");
        assert_eq!(serde_json::to_string(&Code::P110).unwrap(), "\"P110\"");
        for pair in Code::ALL.windows(2) {
            assert!(pair[0].as_str() < pair[1].as_str(), "{pair:?}");
        }
    }
}
