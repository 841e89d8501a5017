//! Render: context → bytes, one module per format. Renderers never write
//! files; [`crate::output`] does.

pub mod context;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod templates;
pub mod typst_markup;

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

    /// The middle part of template names: `body.typ.tera` is the PDF's.
    pub fn template_ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "typ",
        }
    }

    /// Escaping and filters of this format's template set.
    fn configure(self, tera: &mut tera::Tera) {
        match self {
            Format::Markdown => markdown::configure(tera),
            Format::Html => html::configure(tera),
            Format::Pdf => typst_markup::configure(tera),
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
