//! The output formats, as `--to` names them.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
    /// Word (.docx): on request (`--to docx`, `pack: { docx: Yes }`),
    /// not by default.
    Docx,
}

impl Format {
    /// The formats written by default: Markdown, HTML and PDF.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Pdf];

    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The middle part of Tera template names: `body.md.tera` is the
    /// Markdown format's. The PDF's templates are `.typ` files;
    /// the Word format's is one .docx (`docx_template:`).
    pub fn template_ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "typ",
            Format::Docx => "docx",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "pdf" => Ok(Format::Pdf),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(format!(
                "unknown format `{other}`: use md, html, pdf or docx"
            )),
        }
    }
}
