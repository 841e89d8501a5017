//! Render: the context → bytes, one module per format. Each takes the same
//! [`Context`] and returns bytes (and, for the PDF, warnings); none writes
//! files ([`crate::output`] does).
//!
//! - [`markdown`] and [`html`]: Tera templates ([`templates`]), each format
//!   with its own escaping and `markdown` filter;
//! - [`pdf`]: Typst templates typeset in-process, the context handed over
//!   as JSON data.

pub mod docx;
pub mod draft;
pub mod format;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod raw_html;
pub mod templates;

pub use crate::context::Context;
pub use format::Format;
pub use templates::TemplateSet;
