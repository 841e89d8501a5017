//! Files that `council.yaml` names besides YAML: the logo and the fonts.
//! They are read at load, with the containment rule every file of a report
//! obeys ([`crate::load::contained_path`]): a path that leaves the council
//! folder, by `..` or by a link, is refused.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Kind};
use crate::load::contained_path;

/// A logo image, read once at load and shared by every format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub mime: &'static str,
    /// Where the PDF's in-memory world serves it (`/logo.png`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A font file named in `council.yaml` (`font:` or `fonts:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// The path as written in `council.yaml`, for messages.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads the logo named in `council.yaml`; only web image types, so the
/// same file serves HTML (as a data URI) and the PDF.
pub fn read_logo(council_file: &Path, rel: &str) -> Result<Logo, Diagnostic> {
    let path = contained(council_file, rel, "the logo")?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "gif" => "image/gif",
        _ => {
            return Err(Diagnostic::error(
                Code::P108,
                format!("the logo `{rel}` is not a PNG, JPEG, SVG or GIF file"),
            )
            .with_hint("convert the logo to PNG or SVG"));
        }
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            Code::P108,
            format!("cannot read the logo `{}`: {e}", path.display()),
        )
        .with_kind(Kind::Io)
        .with_hint("`logo:` is a path relative to council.yaml")
    })?;
    Ok(Logo {
        mime,
        path: format!("/logo.{ext}"),
        bytes,
    })
}

/// Reads a font file named in `council.yaml`.
pub fn read_font(council_file: &Path, rel: &str) -> Result<FontFile, Diagnostic> {
    let path = contained(council_file, rel, "the font")?;
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            Code::P108,
            format!("cannot read the font `{}`: {e}", path.display()),
        )
        .with_kind(Kind::Io)
        .with_hint("font paths in council.yaml are relative to council.yaml")
    })?;
    Ok(FontFile {
        name: rel.to_string(),
        bytes,
    })
}

/// Reads the Word template named in `council.yaml` (`docx_template:`): a
/// .docx or .dotx, at most 64 MB.
pub fn read_docx_template(council_file: &Path, rel: &str) -> Result<Vec<u8>, Diagnostic> {
    let path = contained(council_file, rel, "the Word template")?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "docx" | "dotx") {
        return Err(Diagnostic::error(
            Code::P108,
            format!("the Word template `{rel}` is not a .docx or .dotx file"),
        )
        .with_hint("save the template from Word as a Word Template (.dotx) or Document (.docx)"));
    }
    let too_big = std::fs::metadata(&path).is_ok_and(|m| m.len() > 64 * 1024 * 1024);
    if too_big {
        return Err(Diagnostic::error(
            Code::P108,
            format!("the Word template `{rel}` is larger than 64 MB"),
        )
        .with_hint("a template holds styles and page set-up: remove its pictures and text"));
    }
    std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            Code::P108,
            format!("cannot read the Word template `{}`: {e}", path.display()),
        )
        .with_kind(Kind::Io)
        .with_hint("`docx_template:` is a path relative to council.yaml")
    })
}

fn contained(council_file: &Path, rel: &str, what: &str) -> Result<PathBuf, Diagnostic> {
    let root = council_file.parent().unwrap_or(Path::new("."));
    contained_path(council_file, rel, root).map_err(|msg| {
        Diagnostic::error(Code::P108, format!("{what}: {msg}"))
            .with_hint("keep the files council.yaml names inside the folder that holds it")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_outside_the_council_folder_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        std::fs::write(outer.path().join("crest.png"), b"png").unwrap();
        let council = outer.path().join("council");
        std::fs::create_dir(&council).unwrap();
        let file = council.join("council.yaml");
        let err = read_logo(&file, "../crest.png").unwrap_err();
        assert!(err.message.contains("outside the council folder"), "{err}");
        let err = read_font(&file, "../crest.png").unwrap_err();
        assert!(err.message.contains("outside the council folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_council_folder_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        std::fs::write(outer.path().join("secret.png"), b"png").unwrap();
        let council = outer.path().join("council");
        std::fs::create_dir(&council).unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret.png"), council.join("logo.png"))
            .unwrap();
        let err = read_logo(&council.join("council.yaml"), "logo.png").unwrap_err();
        assert!(err.message.contains("outside the council folder"), "{err}");
    }

    #[test]
    fn a_logo_inside_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("logo.svg"), b"<svg/>").unwrap();
        let logo = read_logo(&dir.path().join("council.yaml"), "logo.svg").unwrap();
        assert_eq!(logo.mime, "image/svg+xml");
        assert_eq!(logo.path, "/logo.svg");
        assert_eq!(logo.bytes, b"<svg/>");
    }
}
