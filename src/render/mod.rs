//! Render: the context → bytes, one module per format. Each takes the same
//! [`Context`] and returns bytes (and, for the PDF, warnings); none writes
//! files ([`crate::output`] does).
//!
//! - [`markdown`] and [`html`]: Tera templates ([`templates`]), each format
//!   with its own escaping and `markdown` filter;
//! - [`pdf`]: Typst templates typeset in-process, the context handed over
//!   as JSON data.

pub mod context;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod raw_html;
pub mod templates;

pub use context::Context;
pub use templates::TemplateSet;

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Pdf];

    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// The middle part of Tera template names: `body.md.tera` is the
    /// Markdown format's. The PDF's templates are `.typ` files.
    pub fn template_ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "typ",
        }
    }

    /// Escaping and filters of a Tera template set.
    fn configure(self, tera: &mut tera::Tera) {
        match self {
            Format::Markdown => markdown::configure(tera),
            Format::Html => html::configure(tera),
            Format::Pdf => {}
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
            other => Err(format!("unknown format `{other}`: use md, html or pdf")),
        }
    }
}
