//! Templates: the defaults compiled into the binary, each replaceable by a
//! file of the same name in the council's `templates/` folder (as mdBook
//! themes work). Markdown and HTML are Tera templates, one Tera instance per
//! format with its own escaping and `markdown` filter; the PDF's are Typst
//! files, handed to the Typst world as they are ([`typst_templates`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostics::{Code, Diagnostic};

use super::format::Format;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

/// Every default template, by file name.
pub const BUILTIN: &[(&str, &str)] = builtin!(
    "report.md.tera",
    "header.md.tera",
    "part.md.tera",
    "body.md.tera",
    "progress.md.tera",
    "report.html.tera",
    "style.css",
    "header.html.tera",
    "part.html.tera",
    "body.html.tera",
    "progress.html.tera",
    "report.typ",
    "paper.typ",
    "style.typ",
    "header.typ",
    "part.typ",
    "body.typ",
    "progress.typ",
    "pack.typ",
    "agenda.typ",
    "agenda.md.tera",
    "agenda.html.tera",
    "house-style.yaml",
);

/// Every shipped template, the reports' and the pack's agenda front sheet,
/// by file name: what `papers templates list` and `eject` give.
pub fn shipped() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// The name `papers templates` gives the neutral Word template.
pub const WORD_TEMPLATE: &str = "reference.docx";

/// Every shipped template as bytes, the text ones and the neutral Word
/// template (`reference.docx`, built from the shipped styles): what
/// `papers templates list` and `eject` give. A council names its own Word
/// template with `docx_template:` in `council.yaml`.
pub fn shipped_files() -> Vec<(&'static str, std::borrow::Cow<'static, [u8]>)> {
    let mut out: Vec<(&'static str, std::borrow::Cow<'static, [u8]>)> = BUILTIN
        .iter()
        .map(|(name, text)| (*name, std::borrow::Cow::Borrowed(text.as_bytes())))
        .collect();
    out.push((
        WORD_TEMPLATE,
        std::borrow::Cow::Owned(super::docx::default_template()),
    ));
    out
}

/// The built-in template `name`.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The documents that Tera templates make: a report, or a meeting's
/// agenda front sheet. Each has its entry template (`report.md.tera`,
/// `agenda.md.tera`) and the templates it includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Report,
    Agenda,
}

impl Document {
    fn stem(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Agenda => "agenda",
        }
    }

    /// Whether the template `name` belongs to this document's set (the
    /// stylesheet belongs to both).
    fn uses(self, name: &str) -> bool {
        let agenda = name.starts_with("agenda.");
        match self {
            Document::Report => !agenda,
            Document::Agenda => agenda || name == "style.css",
        }
    }
}

/// A Typst template: its name, its text, and the council's file when it
/// overrides the built-in one.
#[derive(Debug, Clone)]
pub struct TypstTemplate {
    pub name: String,
    pub text: String,
    pub file: Option<PathBuf>,
}

/// The PDF's Typst templates: the built-in ones, each replaced by the
/// council's file of the same name, plus any other `.typ` file of the
/// council's folder (modules its templates import).
pub fn typst_templates(override_dir: Option<&Path>) -> Result<Vec<TypstTemplate>, Vec<Diagnostic>> {
    let mut templates: Vec<TypstTemplate> = BUILTIN
        .iter()
        .filter(|(name, _)| name.ends_with(".typ"))
        .map(|(name, text)| TypstTemplate {
            name: name.to_string(),
            text: text.to_string(),
            file: None,
        })
        .collect();
    let Some(dir) = override_dir else {
        return Ok(templates);
    };
    let entries = std::fs::read_dir(dir).map_err(|e| vec![Diagnostic::io(dir, &e)])?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".typ"))
        .collect();
    names.sort();
    let mut errors = Vec::new();
    for name in names {
        let text = match override_file(dir, &name).and_then(|path| {
            let path = path.expect("listed in the folder");
            Ok((read_template(&path)?, path))
        }) {
            Ok(found) => found,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (text, path) = text;
        match templates.iter_mut().find(|t| t.name == name) {
            Some(t) => {
                t.text = text;
                t.file = Some(path);
            }
            None => templates.push(TypstTemplate {
                name,
                text,
                file: Some(path),
            }),
        }
    }
    if errors.is_empty() {
        Ok(templates)
    } else {
        Err(errors)
    }
}

/// The council's file `name` in its templates folder, if there is one. A
/// file that is a link out of the council's folder is refused.
fn override_file(dir: &Path, name: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let root = dir.parent().unwrap_or(dir);
    crate::load::contained_path(&path, name, root)
        .map(|_| Some(path.clone()))
        .map_err(|msg| {
            Diagnostic::error(Code::P108, format!("template {msg}"))
                .in_file(&path)
                .with_hint("keep templates inside the council's folder; copy the file rather than linking to it")
        })
}

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
enum Origin {
    Builtin,
    File(PathBuf),
}

/// A format's templates, ready to render.
pub struct TemplateSet {
    /// Shared with every set of the process built from the same texts
    /// ([`COMPILED`]).
    tera: Arc<tera::Tera>,
    origins: HashMap<String, Origin>,
    entry: String,
}

impl TemplateSet {
    /// Loads the templates of `document` in `format`, each replaced by
    /// the council's file in `override_dir` if it has one (refused if it
    /// links out of the council's folder); `configure` adds the format's
    /// escaping and filters.
    pub fn load(
        format: Format,
        document: Document,
        override_dir: Option<&Path>,
        configure: fn(&mut tera::Tera),
    ) -> Result<Self, Vec<Diagnostic>> {
        let suffix = format!(".{}.tera", format.template_ext());
        let mut sources = Vec::new();
        let mut origins = HashMap::new();
        for (name, builtin) in BUILTIN {
            let belongs = document.uses(name)
                && (name.ends_with(&suffix) || (format == Format::Html && name.ends_with(".css")));
            if !belongs {
                continue;
            }
            let file = match override_dir {
                Some(dir) => override_file(dir, name).map_err(|e| vec![e])?,
                None => None,
            };
            let (text, origin) = match file {
                Some(path) => (
                    read_template(&path).map_err(|e| vec![e])?,
                    Origin::File(path),
                ),
                None => (builtin.to_string(), Origin::Builtin),
            };
            origins.insert(name.to_string(), origin);
            sources.push((name.to_string(), text));
        }

        let entry = format!("{}{suffix}", document.stem());
        let key = CacheKey {
            suffix,
            configure: configure as usize,
            sources,
        };
        // One compile per set: a second caller (a report, while the
        // warm-up thread compiles the same set) waits for the first.
        let slot = slot_for(&key);
        let mut failed = None;
        let compiled = slot.get_or_init(|| {
            let (tera, built) = compile(&key, configure);
            match built {
                Ok(()) => Some(tera),
                Err(err) => {
                    failed = Some((tera, err));
                    None
                }
            }
        });
        if let Some(tera) = compiled {
            return Ok(TemplateSet {
                tera: Arc::clone(tera),
                origins,
                entry,
            });
        }
        // It does not compile: the errors, from this caller's compile or,
        // if another caller's failed, from compiling it again here.
        let (tera, err) = match failed {
            Some(failure) => failure,
            None => {
                let (tera, built) = compile(&key, configure);
                (
                    tera,
                    built.expect_err("the same templates failed to compile"),
                )
            }
        };
        let set = TemplateSet {
            tera,
            origins,
            entry,
        };
        Err(set.diagnostics(&err))
    }

    pub fn render<C: serde::Serialize>(&self, context: &C) -> Result<String, Vec<Diagnostic>> {
        let ctx = tera::Context::from_serialize(context).map_err(|e| vec![self.diagnostic(&e)])?;
        self.tera
            .render(&self.entry, &ctx)
            .map_err(|e| vec![self.diagnostic(&e)])
    }

    fn path_of(&self, name: &str) -> PathBuf {
        match self.origins.get(name) {
            Some(Origin::File(p)) => p.clone(),
            _ => PathBuf::from(format!("<built-in>/templates/{name}")),
        }
    }

    /// A template set's build errors: Tera checks every filter, test and
    /// function a template names when the set is built, and gives the
    /// unknown ones as one text of reports (`error: Unknown filter `x``
    /// then ` --> name:line:col`), which are placed here one by one.
    fn diagnostics(&self, err: &tera::Error) -> Vec<Diagnostic> {
        let tera::ErrorKind::Msg(text) = err.kind() else {
            return vec![self.diagnostic(err)];
        };
        let placed = located_reports(text)
            .into_iter()
            .map(|(message, name, line, column)| {
                Diagnostic::error(Code::P110, format!("template error: {message}"))
                    .in_file(self.path_of(&name))
                    .at(line, column)
                    .with_hint("fix the template, or delete the file from the templates folder to use the built-in one")
            })
            .collect::<Vec<_>>();
        if placed.is_empty() {
            vec![self.diagnostic(err)]
        } else {
            placed
        }
    }

    /// A Tera error as a diagnostic on the template file, line and column.
    fn diagnostic(&self, err: &tera::Error) -> Diagnostic {
        use tera::ErrorKind;
        let mut message = match err.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let kind = if matches!(err.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                let span = r.span();
                let d = Diagnostic::error(Code::P110, format!("{kind}: {}", r.message()))
                    .in_file(self.path_of(r.filename()))
                    .at(span.start_line, span.start_col + 1);
                return with_causes(d, err).with_hint(
                    "fix the template, or delete the file from the templates folder to use the built-in one",
                );
            }
            other => format!("template error: {other}"),
        };
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        Diagnostic::error(Code::P110, message)
            .in_file(self.path_of(&self.entry))
            .with_hint("fix the template, or delete the file from the templates folder to use the built-in one")
    }
}

/// What a compiled Tera instance was built from: the same key gives the
/// same templates, so the instance is shared.
#[derive(Clone, PartialEq, Eq)]
struct CacheKey {
    suffix: String,
    /// The format's `configure` (escaping, filters), by address.
    configure: usize,
    /// Every template's name and text, built-in or the council's.
    sources: Vec<(String, String)>,
}

/// Compiled template sets of this process, newest last. Compiling the
/// report's Tera templates costs about as much as rendering them, and a
/// run renders the same set for every report (`papers render` of many
/// reports, a pack). Keyed by the texts themselves, so a council's edited
/// template (`papers serve`) is compiled afresh; a few entries cover a
/// run's formats and documents.
static COMPILED: Mutex<Vec<(CacheKey, Arc<Slot>)>> = Mutex::new(Vec::new());

/// A set compiled (`Some`), failing to compile (`None`), or, while empty,
/// being compiled by the caller that made it.
type Slot = std::sync::OnceLock<Option<Arc<tera::Tera>>>;
const COMPILED_MAX: usize = 8;

/// A set's templates compiled; the error if they do not compile.
fn compile(
    key: &CacheKey,
    configure: fn(&mut tera::Tera),
) -> (Arc<tera::Tera>, Result<(), tera::Error>) {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![key.suffix.clone()]);
    configure(&mut tera);
    let built = tera.add_raw_templates(key.sources.clone());
    (Arc::new(tera), built)
}

/// The slot of `key` in [`COMPILED`], made empty if it has none.
fn slot_for(key: &CacheKey) -> Arc<Slot> {
    let mut cache = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, slot)) = cache.iter().find(|(k, _)| k == key) {
        return Arc::clone(slot);
    }
    if cache.len() >= COMPILED_MAX {
        cache.remove(0);
    }
    let slot = Arc::new(Slot::new());
    cache.push((key.clone(), Arc::clone(&slot)));
    slot
}

/// (message, template name, line, column) of each `error: ...` report in
/// a Tera message that is followed by its ` --> name:line:col` line.
fn located_reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(at)) = (message, line.strip_prefix("--> ")) {
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let row = parts.next().and_then(|l| l.parse().ok());
            if let (Some(row), Some(column), Some(name)) = (row, column, parts.next()) {
                out.push((m.to_string(), name.to_string(), row, column));
            }
            message = None;
        }
    }
    out
}

/// A council's template override, read as text: a file that is not
/// UTF-8 is a template error (P110), not the invalid YAML that the same
/// failure is in a report.
fn read_template(path: &Path) -> Result<String, Diagnostic> {
    crate::load::read_text(path).map_err(|mut d| {
        if d.code == Code::P101 {
            d.code = Code::P110;
        }
        d
    })
}

fn with_causes(mut d: Diagnostic, err: &tera::Error) -> Diagnostic {
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        d.message.push_str(&format!(": {s}"));
        source = s.source();
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_md(dir: Option<&Path>) -> TemplateSet {
        TemplateSet::load(
            Format::Markdown,
            Document::Report,
            dir,
            crate::render::markdown::configure,
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn a_compiled_set_is_shared_by_later_loads_of_the_same_templates() {
        let first = load_md(None);
        let second = load_md(None);
        assert!(Arc::ptr_eq(&first.tera, &second.tera));
    }

    #[test]
    fn loads_at_the_same_moment_share_one_compile() {
        // The warm-up thread and a report's thread ask for the same set.
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        std::fs::create_dir(&templates).unwrap();
        std::fs::write(templates.join("report.md.tera"), "shared {{ name }}\n").unwrap();
        let barrier = std::sync::Barrier::new(2);
        let sets: Vec<TemplateSet> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        load_md(Some(&templates))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(Arc::ptr_eq(&sets[0].tera, &sets[1].tera));
    }

    #[test]
    fn an_edited_override_is_compiled_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        std::fs::create_dir(&templates).unwrap();
        let file = templates.join("report.md.tera");
        let ctx = serde_json::json!({ "name": "Sefton" });
        std::fs::write(&file, "first {{ name }}\n").unwrap();
        assert_eq!(
            load_md(Some(&templates)).render(&ctx).unwrap(),
            "first Sefton\n"
        );
        std::fs::write(&file, "second {{ name }}\n").unwrap();
        assert_eq!(
            load_md(Some(&templates)).render(&ctx).unwrap(),
            "second Sefton\n"
        );
        // A broken edit is still reported, at its line, though an earlier
        // version of the set was compiled.
        std::fs::write(&file, "ok\n{{ name | nope }}\n").unwrap();
        let err = TemplateSet::load(
            Format::Markdown,
            Document::Report,
            Some(&templates),
            crate::render::markdown::configure,
        )
        .err()
        .expect("an unknown filter is refused");
        assert!(err[0].message.contains("nope"), "{err:?}");
        assert_eq!(err[0].location.as_ref().map(|l| l.line), Some(2), "{err:?}");
    }

    #[test]
    fn tera_validation_reports_are_located() {
        let text = "error: Unknown filter `nope`\n --> agenda.html.tera:3:27\n  |\n3 | x\n\nerror: Unknown test `odd2`\n --> body.md.tera:10:4\n";
        assert_eq!(
            located_reports(text),
            vec![
                (
                    "Unknown filter `nope`".to_string(),
                    "agenda.html.tera".to_string(),
                    3,
                    27
                ),
                (
                    "Unknown test `odd2`".to_string(),
                    "body.md.tera".to_string(),
                    10,
                    4
                ),
            ]
        );
    }
}
