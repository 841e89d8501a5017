//! Maps a line of the rendered Typst source back to the template it came
//! from.
//!
//! The Typst source is the Tera output of several partials. Templates mark
//! where each part starts with a comment line:
//!
//! ```text
//! // papers-template: header.typ.tera        this line is line 1 of header.typ.tera
//! // papers-template: report.typ.tera:40     this line is line 40 of report.typ.tera
//! ```
//!
//! A line of the source belongs to the nearest marker above it, and its
//! template line counts on from the marker's. The built-in `report.typ.tera`
//! puts a marker (`NAME:0`) before each `{% include %}` and one after it
//! (`report.typ.tera:N`), so a council's override of a partial is located
//! correctly even without a marker of its own. Tera loops produce more lines
//! than the template has; [`SourceMap::locate_with`] then finds the template
//! line by the literal text around its tags.

use typst::syntax::Source;

pub const MARKER: &str = "// papers-template:";

/// The template that is reported when the source has no marker at all.
pub const ENTRY: &str = "report.typ.tera";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    /// 0-based line of the rendered source.
    line: usize,
    template: String,
    /// 1-based template line of the marker line itself.
    template_line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    markers: Vec<Marker>,
}

/// A position in a template: its file name and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePos {
    pub template: String,
    pub line: usize,
}

impl SourceMap {
    pub fn new(source: &Source) -> Self {
        let lines = source.lines();
        let text = source.text();
        let markers = (0..lines.len_lines())
            .filter_map(|i| {
                let line = &text[lines.line_to_range(i)?];
                let spec = line.trim().strip_prefix(MARKER)?.trim();
                let (template, template_line) = match spec.rsplit_once(':') {
                    Some((name, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
                        (name.trim(), n.parse().ok()?)
                    }
                    _ => (spec, 1),
                };
                (!template.is_empty()).then(|| Marker {
                    line: i,
                    template: template.to_string(),
                    template_line,
                })
            })
            .collect();
        SourceMap { markers }
    }

    /// The template position of the 0-based source line `line`.
    pub fn locate(&self, line: usize) -> TemplatePos {
        match self.markers.iter().rev().find(|m| m.line <= line) {
            Some(m) => TemplatePos {
                template: m.template.clone(),
                line: (m.template_line + (line - m.line)).max(1),
            },
            None => TemplatePos {
                template: ENTRY.to_string(),
                line: line + 1,
            },
        }
    }
}

/// The literal text of a template line: what is left between its Tera tags
/// (`{{ }}`, `{% %}`, `{# #}`), each run trimmed.
fn literal_runs(line: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut rest = line;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min_by_key(|(at, _)| *at);
        let Some((at, open)) = next else {
            runs.push(rest);
            break;
        };
        runs.push(&rest[..at]);
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[at..].find(close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => break,
        }
    }
    runs.into_iter()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect()
}

/// Whether `rendered` could have come from the template line `template`:
/// its literal runs appear in it, in order, and say something (a line of
/// only tags or punctuation matches anything).
fn could_render(template: &str, rendered: &str) -> bool {
    let runs = literal_runs(template);
    if runs.iter().map(|r| r.len()).sum::<usize>() < 3 {
        return false;
    }
    let mut at = 0;
    for run in runs {
        match rendered[at..].find(run) {
            Some(i) => at += i + run.len(),
            None => return false,
        }
    }
    true
}

impl SourceMap {
    /// [`SourceMap::locate`], made exact where Tera loops have produced
    /// more lines than the template has: the template line whose literal
    /// text the rendered line carries, nearest above the estimate (loops
    /// only ever push lines down), else the nearest below it.
    pub fn locate_with(
        &self,
        line: usize,
        rendered: &str,
        templates: &[(String, String)],
    ) -> TemplatePos {
        let estimate = self.locate(line);
        let Some((_, text)) = templates
            .iter()
            .find(|(name, _)| *name == estimate.template)
        else {
            return estimate;
        };
        let candidates: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, t)| could_render(t, rendered))
            .map(|(i, _)| i + 1)
            .collect();
        let above = candidates.iter().rev().find(|&&n| n <= estimate.line);
        let below = candidates.iter().find(|&&n| n > estimate.line);
        match above.or(below) {
            Some(&n) => TemplatePos {
                template: estimate.template,
                line: n,
            },
            None => estimate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_runs_skip_tera_tags() {
        assert_eq!(
            literal_runs("  row-head[{{ i.reference }}], [{{ i.action }}],{% if x %} y{% endif %}"),
            vec!["row-head[", "], [", "],", "y"]
        );
        assert!(could_render(
            "  row-head[{{ r }}], [{{ a }}],",
            "  row-head[R1], [Do it],"
        ));
        assert!(!could_render("{% for x in y %}", "anything"));
    }

    #[test]
    fn lines_inside_a_loop_map_to_the_template_line_that_made_them() {
        let template = "// papers-template: body.typ.tera\n{% for s in sections %}#heading[{{ s }}]\n{% endfor %}\n#let x = (1, 2\n";
        let rendered = "// papers-template: body.typ.tera\n#heading[A]\n#heading[B]\n#heading[C]\n\n#let x = (1, 2\n";
        let m = map(rendered);
        let templates = vec![("body.typ.tera".to_string(), template.to_string())];
        // The naive estimate is line 6; the error is on template line 4.
        assert_eq!(m.locate(5).line, 6);
        let p = m.locate_with(5, "#let x = (1, 2", &templates);
        assert_eq!((p.template.as_str(), p.line), ("body.typ.tera", 4));
        // A line the loop made maps to the loop's line.
        assert_eq!(m.locate_with(3, "#heading[C]", &templates).line, 2);
    }

    fn map(text: &str) -> SourceMap {
        SourceMap::new(&Source::detached(text))
    }

    #[test]
    fn lines_map_to_the_nearest_marker_above() {
        let m = map(
            "// papers-template: report.typ.tera\n#set x\n// papers-template: body.typ.tera:0\nb1\nb2\n// papers-template: report.typ.tera:4\nr5\n",
        );
        let at = |l| {
            let p = m.locate(l);
            (p.template, p.line)
        };
        assert_eq!(at(1), ("report.typ.tera".into(), 2));
        assert_eq!(at(3), ("body.typ.tera".into(), 1));
        assert_eq!(at(4), ("body.typ.tera".into(), 2));
        assert_eq!(at(6), ("report.typ.tera".into(), 5));
    }

    #[test]
    fn without_markers_the_entry_template_is_reported() {
        let p = map("a\nb\n").locate(1);
        assert_eq!((p.template.as_str(), p.line), (ENTRY, 2));
    }

    /// In every built-in Typst template, a marker naming the template itself
    /// names its own line, and a `NAME:0` marker comes right before the
    /// include of NAME.
    #[test]
    fn builtin_markers_name_their_own_lines() {
        let mut includes = 0;
        for (own, text) in crate::render::templates::BUILTIN
            .iter()
            .filter(|(n, _)| n.ends_with(".typ.tera"))
        {
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(
                lines.first().map(|l| l.trim()),
                Some(format!("{MARKER} {own}").as_str()),
                "{own} starts with its marker"
            );
            for (i, line) in lines.iter().enumerate() {
                // Markers may follow a Tera tag on the same line.
                let Some(at) = line.find(MARKER) else {
                    continue;
                };
                let spec = line[at + MARKER.len()..].trim();
                let (name, n) = spec.rsplit_once(':').unwrap_or((spec, "1"));
                let n: usize = n.parse().expect("a line number");
                if name == *own {
                    assert_eq!(n, i + 1, "{own}: marker on line {}", i + 1);
                } else {
                    assert_eq!(
                        n,
                        0,
                        "{own}:{}: a marker for another template is an include marker",
                        i + 1
                    );
                    let next = lines.get(i + 1).copied().unwrap_or_default();
                    assert!(
                        next.contains(&format!("{{% include \"{name}\" %}}")),
                        "{own}:{}: {next}",
                        i + 2
                    );
                    includes += 1;
                }
            }
        }
        assert!(
            includes >= 8,
            "every partial is marked where it is included"
        );
    }
}
