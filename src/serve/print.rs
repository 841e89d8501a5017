//! The print view: the report typeset by Typst, each page drawn as SVG by
//! typst-svg, with the page's text beside it (for screen readers and for
//! finding text in the page).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use typst::layout::{Frame, FrameItem};
use typst_layout::Page;

pub use crate::render::pdf::PagedDocument;

use crate::diagnostics::{Code, Diagnostic};
use crate::pipeline::LoadedReport;
use crate::render::pdf;

/// One typeset page.
pub struct PrintPage {
    pub svg: String,
    /// The page's text, in the order Typst laid it out.
    pub text: String,
    /// A hash of the SVG: the page's URL changes only when the page does, so
    /// the browser keeps the pages an edit did not touch.
    pub hash: String,
    /// Size in CSS pixels (96 per inch).
    pub width: u32,
    pub height: u32,
}

/// Draws pages as SVG, reusing the drawing of any page that is the same
/// as in the previous build: typst-svg takes about 12 ms a page, and an
/// edit to one paragraph usually changes a page or two.
#[derive(Default)]
pub struct PageCache {
    /// Drawings of the last build's pages, by fingerprint.
    drawn: HashMap<u64, Arc<Drawn>>,
    /// How many pages the last call drew anew (the rest were kept).
    pub redrawn: usize,
}

struct Drawn {
    svg: String,
    hash: String,
}

impl PageCache {
    pub fn pages(&mut self, document: &PagedDocument) -> Vec<PrintPage> {
        let pages = document.pages();
        let keys: Vec<u64> = pages.iter().map(fingerprint).collect();
        // The pages not drawn before, drawn on every core: an edit near the
        // top of the body moves everything after it.
        let todo: Vec<usize> = (0..pages.len())
            .filter(|&i| !self.drawn.contains_key(&keys[i]))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 4);
        self.redrawn = todo.len();
        let mut fresh: HashMap<usize, Arc<Drawn>> = HashMap::new();
        if !todo.is_empty() {
            let chunk = todo.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let workers: Vec<_> = todo
                    .chunks(chunk)
                    .map(|indices| {
                        scope.spawn(move || {
                            indices
                                .iter()
                                .map(|&i| (i, Arc::new(draw(&pages[i]))))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                for worker in workers {
                    // A panic in typst-svg leaves that page undrawn, below.
                    if let Ok(done) = worker.join() {
                        fresh.extend(done);
                    }
                }
            });
        }
        let mut drawn = HashMap::new();
        let out = pages
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let done = fresh
                    .remove(&i)
                    .or_else(|| self.drawn.get(&keys[i]).cloned());
                let done = match done {
                    Some(d) => {
                        drawn.insert(keys[i], d.clone());
                        d
                    }
                    // typst-svg failed on it: shown blank, drawn again next time.
                    None => Arc::new(Drawn {
                        svg: String::new(),
                        hash: "undrawn".into(),
                    }),
                };
                let mut text = String::new();
                frame_text(&page.frame, &mut text);
                let size = page.frame.size();
                PrintPage {
                    svg: done.svg.clone(),
                    hash: done.hash.clone(),
                    width: css_px(size.x.to_pt()),
                    height: css_px(size.y.to_pt()),
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                }
            })
            .collect();
        // Keep only this build's pages: memory stays flat over a session.
        self.drawn = drawn;
        out
    }
}

fn draw(page: &Page) -> Drawn {
    let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
    let mut hasher = DefaultHasher::new();
    svg.hash(&mut hasher);
    Drawn {
        hash: format!("{:016x}", hasher.finish()),
        svg,
    }
}

/// Draws every page of `document` (no cache).
pub fn pages(document: &PagedDocument) -> Vec<PrintPage> {
    PageCache::default().pages(document)
}

/// A hash of everything typst-svg draws from a page, without the source
/// spans that Typst keeps on each glyph: those shift when text before them
/// is edited, though the page looks the same.
fn fingerprint(page: &Page) -> u64 {
    let mut h = DefaultHasher::new();
    page.fill.hash(&mut h);
    page.bleed.hash(&mut h);
    frame_fingerprint(&page.frame, &mut h);
    h.finish()
}

fn frame_fingerprint(frame: &Frame, h: &mut DefaultHasher) {
    frame.size().hash(h);
    for (pos, item) in frame.items() {
        pos.hash(h);
        match item {
            FrameItem::Group(g) => {
                0u8.hash(h);
                g.transform.hash(h);
                g.clip.hash(h);
                frame_fingerprint(&g.frame, h);
            }
            FrameItem::Text(t) => {
                1u8.hash(h);
                t.font.hash(h);
                t.size.hash(h);
                t.fill.hash(h);
                t.stroke.hash(h);
                t.text.hash(h);
                for g in &t.glyphs {
                    (g.id, g.x_advance, g.x_offset, g.y_advance, g.y_offset).hash(h);
                    g.range.hash(h);
                }
            }
            FrameItem::Shape(shape, _) => {
                2u8.hash(h);
                shape.hash(h);
            }
            FrameItem::Image(image, size, _) => {
                3u8.hash(h);
                image.hash(h);
                size.hash(h);
            }
            FrameItem::Link(destination, size) => {
                4u8.hash(h);
                destination.hash(h);
                size.hash(h);
            }
            FrameItem::Tag(_) => {}
        }
    }
}

fn css_px(pt: f64) -> u32 {
    // 72 pt and 96 px are both an inch.
    (pt * 96.0 / 72.0).round().clamp(1.0, 100_000.0) as u32
}

fn frame_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => frame_text(&group.frame, out),
            FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// Typesets the report into pages, as `papers render` does for the PDF
/// (the same templates, data, fonts and error placement). Typst's memoised
/// layout (comemo) lives for the whole process, so after a one-paragraph
/// edit only what changed is laid out again.
pub fn compile_document(
    loaded: &LoadedReport,
) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
    let ctx = loaded.context();
    let data = serde_json::to_value(&ctx).map_err(|e| {
        vec![Diagnostic::error(
            Code::P900,
            format!("the report's data cannot be serialised: {e}"),
        )]
    })?;
    let overrides = loaded.override_dir();
    let origins = loaded.origins();
    let env = pdf::Env {
        overrides: overrides.as_deref(),
        house_font: loaded.house_font.as_ref(),
        extra_fonts: &loaded.extra_fonts,
        logo: loaded.logo.as_ref(),
        origins: &origins,
    };
    let job = pdf::Job {
        entry: "report.typ",
        data: &data,
        ident: format!("{} {}", ctx.report.subject, ctx.report.meeting_date),
        date: loaded.report.meeting_date,
        files: Vec::new(),
        conformance: pdf::Conformance::Accessible,
        draft: ctx.draft,
    };
    let compiled = pdf::Typeset::new(&job, &env)?.compile();
    // Keep memory flat over a long session of edits.
    typst::comemo::evict(10);
    let compiled = compiled?;
    Ok((compiled.document, compiled.warnings))
}
