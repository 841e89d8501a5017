//! The .docx package: a zip read with caps on every size, so that a
//! legacy `.doc`, an encrypted file, a corrupt zip or a zip bomb is refused
//! with a clear reason before any XML is parsed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The most entries a package may list (a long report with images has a
/// few dozen).
pub const MAX_ENTRIES: usize = 2_000;
/// The most one part may hold once inflated.
pub const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;
/// The most all the parts read may hold together once inflated.
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// Why a file is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        hint: hint.into(),
    }
}

/// The parts of a package the importer reads, by name.
#[derive(Debug, Default)]
pub struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(Vec::as_slice)
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Whether a part is one the importer reads: the document, its styles,
/// numbering, footnotes, endnotes and relationships, its images, and the
/// custom properties (where `papers render` keeps what the paper does not
/// print).
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "word/document.xml"
            | "word/styles.xml"
            | "word/numbering.xml"
            | "word/footnotes.xml"
            | "word/endnotes.xml"
            | "word/_rels/footnotes.xml.rels"
            | "word/_rels/endnotes.xml.rels"
            | "word/_rels/document.xml.rels"
            | "[Content_Types].xml"
            | "docProps/custom.xml"
    ) || (name.starts_with("word/media/") && !name.ends_with('/'))
}

/// Opens the package in `bytes`, reading the parts the importer needs.
pub fn open(bytes: &[u8]) -> Result<Package, Refusal> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(refuse(
            "a legacy Word document (.doc) or an encrypted (password-protected) .docx, which papers cannot read",
            "open it in Word and save it as a Word Document (.docx) without a password, then import that",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(refuse(
            "not a Word document: a .docx is a zip package, and this file is not one",
            "save the report from Word as a Word Document (.docx)",
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            format!("a corrupt or truncated .docx: {e}"),
            "open it in Word (which may repair it) and save it again as .docx",
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(refuse(
            format!(
                "the package lists {} parts, more than the {MAX_ENTRIES} a report has",
                archive.len()
            ),
            "this is not an ordinary Word report; save it again from Word",
        ));
    }
    let mut package = Package::default();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| {
            refuse(
                format!("a corrupt .docx: part {i} cannot be read: {e}"),
                "open it in Word and save it again as .docx",
            )
        })?;
        let name = match entry.name() {
            Ok(n) => n.to_string(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if !wanted(&name) {
            continue;
        }
        if entry.encrypted() {
            return Err(refuse(
                "an encrypted .docx, which papers cannot read",
                "remove the password in Word and save it again",
            ));
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(too_big(&name));
        }
        // The declared size may lie: read at most one byte past the cap.
        let mut data = Vec::new();
        let read = (&mut entry)
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| {
                refuse(
                    format!("a corrupt .docx: `{name}` cannot be inflated: {e}"),
                    "open it in Word and save it again as .docx",
                )
            })?;
        if read as u64 > MAX_ENTRY_BYTES {
            return Err(too_big(&name));
        }
        total += read as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(refuse(
                format!(
                    "the package inflates to more than {} MiB",
                    MAX_TOTAL_BYTES / 1024 / 1024
                ),
                "a Word report is far smaller: this looks like a zip bomb; save the report again from Word",
            ));
        }
        package.parts.insert(name, data);
    }
    if package.part("word/document.xml").is_none() {
        return Err(refuse(
            "not a Word document: the zip has no word/document.xml",
            "import a Word Document (.docx); other Office files (.xlsx, .pptx, .odt) are not reports",
        ));
    }
    Ok(package)
}

fn too_big(name: &str) -> Refusal {
    refuse(
        format!(
            "`{name}` inflates to more than {} MiB",
            MAX_ENTRY_BYTES / 1024 / 1024
        ),
        "a Word report's parts are far smaller: this looks like a zip bomb; save the report again from Word",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, data) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn refuses_ole_text_and_zips_without_a_document() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(open(&ole).unwrap_err().message.contains("legacy Word"));
        assert!(open(b"hello").unwrap_err().message.contains("not a Word"));
        let z = zip_of(&[("a.txt", b"x")]);
        assert!(open(&z).unwrap_err().message.contains("word/document.xml"));
        let z = zip_of(&[("word/document.xml", b"<x/>")]);
        assert!(
            open(&z[..z.len() / 2])
                .unwrap_err()
                .message
                .contains("corrupt")
        );
    }

    #[test]
    fn refuses_a_part_that_inflates_past_the_cap() {
        let big = vec![b'a'; (MAX_ENTRY_BYTES + 10) as usize];
        let z = zip_of(&[("word/document.xml", &big)]);
        assert!(z.len() < 1024 * 1024, "deflate makes it small");
        assert!(open(&z).unwrap_err().message.contains("inflates"));
    }
}
