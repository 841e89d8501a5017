//! `manifest.json`: every file of the pack with its SHA-256, size and
//! audience, and every item with its pages and exemption.

use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Exempt,
}

impl Audience {
    pub fn folder(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Exempt => "exempt",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub meeting: MeetingRecord,
    pub pack: PackRecord,
    pub files: Vec<FileRecord>,
    pub items: Vec<ItemRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingRecord {
    pub committee: String,
    pub date: String,
    pub time: String,
    pub venue: String,
    pub published: String,
    pub clear_days: u32,
    pub clear_days_required: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackRecord {
    /// The public pack PDF, relative to the manifest.
    pub pdf: String,
    pub pages: usize,
    /// The standards the pack PDF declares (none when it holds PDF
    /// appendices; each report alone is PDF/UA-1 and PDF/A-2a).
    pub standards: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    pub path: String,
    pub sha256: String,
    pub size: usize,
    pub audience: Audience,
}

impl FileRecord {
    pub fn new(path: String, bytes: &[u8], audience: Audience) -> Self {
        FileRecord {
            path,
            sha256: sha256_hex(bytes),
            size: bytes.len(),
            audience,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemRecord {
    pub number: usize,
    pub title: String,
    /// `standard` or `report`.
    pub kind: &'static str,
    /// Where the item is in the public pack PDF; `null` when it has no pages
    /// there (a standard item without a document, or an exempt report).
    pub pages: Option<Pages>,
    pub exemption: Option<ExemptionRecord>,
    pub late: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Pages {
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExemptionRecord {
    pub paragraphs: Vec<crate::law::ParagraphId>,
    /// Empty when the whole report is exempt.
    pub parts: Vec<String>,
    pub whole: bool,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
