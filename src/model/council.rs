//! `council.yaml`: who the council is and the lists reports are checked against.

use serde::Serialize;

use crate::decode::{Decode, Decoder, Fields};
use crate::decode_struct;
use crate::yaml::Node;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Council {
    pub name: String,
    /// Path of a logo image, relative to `council.yaml`.
    pub logo: Option<String>,
    pub core_purposes: Vec<String>,
    pub wards: Vec<String>,
    pub committees: Vec<String>,
    pub clearances: Clearances,
    /// A font file (TTF/OTF) for the PDF, relative to `council.yaml`: the
    /// house face, used before the shipped ones.
    pub font: Option<String>,
    /// More font files for the PDF, used for characters no other font has
    /// (Chinese, say), relative to `council.yaml`.
    pub fonts: Vec<String>,
}

/// The officers whose clearance a report needs, and their reference prefixes
/// (Sefton: "FD. 6993" from finance, "LD. 5193" from legal).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clearances {
    pub finance: Clearance,
    pub legal: Clearance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clearance {
    pub officer: String,
    pub prefix: String,
}

decode_struct!(Council {
    name: "name",
    logo: "logo",
    core_purposes: "core_purposes",
    wards: "wards",
    committees: "committees",
    clearances: "clearances",
    font: "font",
    fonts: "fonts",
});

impl Decode for Clearances {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let finance = f.get("finance", d);
        let legal = f.get("legal", d);
        f.finish(d);
        Some(Clearances {
            finance: finance?,
            legal: legal?,
        })
    }

    fn absent() -> Option<Self> {
        Some(Clearances {
            finance: Clearance {
                officer: "The Chief Finance Officer".into(),
                prefix: "FD".into(),
            },
            legal: Clearance {
                officer: "the Monitoring Officer".into(),
                prefix: "LD".into(),
            },
        })
    }
}

decode_struct!(Clearance {
    officer: "officer",
    prefix: "prefix",
});
