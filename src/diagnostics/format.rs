//! How `papers check` prints its findings: `human` (an annotated source
//! snippet with a caret, as rustc and ruff print them), `concise` (one
//! `path:line:col: error[CODE] message` line and its hint, for editors and
//! CI) and `json` (one object per finding per line, for tools).
//!
//! Pure functions from a diagnostic (and the source text) to a string: the
//! command line decides where the text goes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Human,
    Concise,
    Json,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(OutputFormat::Human),
            "concise" => Ok(OutputFormat::Concise),
            "json" => Ok(OutputFormat::Json),
            _ => Err(format!("unknown format `{s}`: use human, concise or json")),
        }
    }
}

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `path:line:col: error[P201] message`, then `  hint: ...` on its own
/// line: the diagnostic's own `Display`, which `render`, `pack` and every
/// other command print too, so a finding reads the same whichever found it.
pub fn concise(d: &Diagnostic) -> String {
    d.to_string()
}

/// One JSON object on one line: code, rule name, severity, file, line,
/// column, message, hint (null where unknown).
pub fn json(d: &Diagnostic) -> String {
    let value = serde_json::json!({
        "code": d.code,
        "rule": crate::check::rules::rule(d.code).name,
        "severity": label(d.severity),
        "file": d.file.as_ref().map(|f| f.display().to_string()),
        "line": d.location.map(|l| l.line),
        "column": d.location.map(|l| l.column),
        "message": d.message,
        "hint": d.hint,
    });
    value.to_string()
}

/// The byte range to underline on `line_text` from a 1-based character
/// column: the key before `: `, or the rest of the line (at least one
/// character, so the caret shows).
fn underline(line_text: &str, column: usize) -> std::ops::Range<usize> {
    let start = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    let rest = &line_text[start..];
    let token = match rest.find(": ") {
        Some(i) if i > 0 => &rest[..i],
        _ => rest.trim_end(),
    };
    let len = token
        .len()
        .max(rest.chars().next().map_or(0, char::len_utf8));
    start..start + len
}

/// rustc-style: the title with its code, the source line with a caret
/// under the field, and the hint as `help:`. `source` is the text of the
/// diagnostic's file, when it is a file that can be shown.
pub fn human(d: &Diagnostic, source: Option<&str>, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let path = d.file.as_ref().map(|f| f.display().to_string());
    let line = d.location.and_then(|loc| {
        let text = source?.lines().nth(loc.line.checked_sub(1)?)?;
        Some((loc, text))
    });
    let mut group = Group::with_title(title);
    match (line, &path) {
        (Some((loc, text)), _) => {
            let mut snippet = Snippet::source(text)
                .line_start(loc.line)
                .annotation(AnnotationKind::Primary.span(underline(text, loc.column)));
            if let Some(p) = &path {
                snippet = snippet.path(p.as_str());
            }
            group = group.element(snippet);
        }
        (None, Some(p)) => {
            let mut origin = Origin::path(p.as_str());
            if let Some(loc) = d.location {
                origin = origin.line(loc.line).char_column(loc.column);
            }
            group = group.element(origin);
        }
        (None, None) => {}
    }
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    renderer.render(&[group])
}

/// Whether to colour the human output: `--color always|never|auto`; auto
/// colours a terminal unless `NO_COLOR` is set to anything non-empty
/// (<https://no-color.org>).
pub fn use_color(choice: &str, is_terminal: bool) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// Source texts for snippets, read once per file (built-in templates and
/// unreadable files have none).
#[derive(Default)]
pub struct Sources {
    cache: HashMap<PathBuf, Option<String>>,
}

impl Sources {
    pub fn get(&mut self, path: &Path) -> Option<&str> {
        self.cache
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(path).ok())
            .as_deref()
    }

    /// Seeds the cache with text already read, so the snippet shows what
    /// was checked.
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.cache.insert(path, Some(text));
    }
}

/// All findings in `format`, each followed by a newline (human findings by
/// a blank line, as rustc separates them).
pub fn render_all(
    diagnostics: &[Diagnostic],
    format: OutputFormat,
    color: bool,
    sources: &mut Sources,
) -> String {
    let renderer = renderer(color);
    let mut out = String::new();
    for d in diagnostics {
        match format {
            OutputFormat::Concise => {
                out.push_str(&concise(d));
                out.push('\n');
            }
            OutputFormat::Json => {
                out.push_str(&json(d));
                out.push('\n');
            }
            OutputFormat::Human => {
                let source = d.file.as_deref().and_then(|f| sources.get(f));
                out.push_str(&human(d, source, &renderer));
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// "2 errors, 1 warning", or `None` when there is nothing to say.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (0, w) => Some(plural(w, "warning")),
        (e, 0) => Some(plural(e, "error")),
        (e, w) => Some(format!("{}, {}", plural(e, "error"), plural(w, "warning"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn finding() -> Diagnostic {
        Diagnostic::error(Code::P201, "a key decision that is not on the forward plan")
            .in_file("reports/r.yaml")
            .at(2, 15)
            .with_hint("add `urgency:`")
    }

    #[test]
    fn concise_has_code_and_hint() {
        assert_eq!(
            concise(&finding()),
            "reports/r.yaml:2:15: error[P201] a key decision that is not on the forward plan\n  hint: add `urgency:`"
        );
    }

    #[test]
    fn json_is_one_line() {
        let j = json(&finding());
        assert!(!j.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["code"], "P201");
        assert_eq!(v["rule"], "key-decision-notice");
        assert_eq!(v["line"], 2);
        assert_eq!(v["severity"], "error");
    }

    #[test]
    fn human_shows_the_line_and_a_caret() {
        let src = "committee: Cabinet\nkey_decision: Yes\n";
        let text = human(&finding().at(2, 1), Some(src), &renderer(false));
        assert!(text.starts_with("error[P201]: a key decision"), "{text}");
        assert!(text.contains("--> reports/r.yaml:2:1"), "{text}");
        assert!(text.contains("2 | key_decision: Yes"), "{text}");
        assert!(text.contains("^^^^^^^^^^^^"), "{text}");
        assert!(text.contains("help: add `urgency:`"), "{text}");
        assert!(!text.contains('\u{1b}'), "plain output has no colour codes");
        let coloured = human(&finding(), Some(src), &renderer(true));
        assert!(coloured.contains('\u{1b}'));
    }

    #[test]
    fn underline_stops_at_the_key() {
        assert_eq!(underline("key_decision: Yes", 1), 0..12);
        assert_eq!(underline("  - Ainsdale", 5), 4..12);
        assert_eq!(underline("", 1), 0..0);
    }

    #[test]
    fn never_and_always_override_the_terminal() {
        assert!(!use_color("never", true));
        assert!(use_color("always", false));
        assert!(!use_color("auto", false));
    }
}
