//! A tracker's chart as a picture: the same bars as the HTML's SVG chart,
//! drawn as SVG (which Word shows where it can) and as a PNG for the rest,
//! rasterised in-process with resvg and the shipped fonts. The alt text
//! says the figures in words.

use std::sync::{Arc, LazyLock};

use resvg::{tiny_skia, usvg};

use crate::enrich::progress::Progress;

use super::xml::escape;

pub struct Chart {
    pub svg: String,
    pub png: Vec<u8>,
    /// Size in EMU.
    pub cx: u64,
    pub cy: u64,
    pub alt: String,
}

fn colour(key: &str) -> &'static str {
    match key {
        "complete" => "#1d4f91",
        "on-track" => "#00703c",
        "at-risk" => "#f0a30a",
        "off-track" => "#b3261e",
        _ => "#505a5f",
    }
}

/// The chart's SVG: one labelled bar per status.
pub fn svg(p: &Progress) -> String {
    let height = p.totals.len() * 34 + 6;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" viewBox="0 0 640 {height}"><rect width="640" height="{height}" fill="#ffffff"/>"##
    );
    for (i, t) in p.totals.iter().enumerate() {
        let y = i * 34;
        let w = t.percent * 4;
        out.push_str(&format!(
            r##"<text x="0" y="{}" font-family="Liberation Sans" font-size="14" fill="#0b0c0c">{}</text><rect x="120" y="{}" width="{w}" height="22" fill="{}"/><text x="{}" y="{}" font-family="Liberation Sans" font-size="14" fill="#0b0c0c">{}</text>"##,
            y + 24,
            escape(t.status),
            y + 8,
            colour(t.key),
            w + 128,
            y + 24,
            t.count
        ));
    }
    out.push_str("</svg>");
    out
}

/// The figures in words, for the picture's alt text.
pub fn alt(p: &Progress) -> String {
    let figures: Vec<String> = p
        .totals
        .iter()
        .map(|t| format!("{}: {}", t.status, t.count))
        .collect();
    format!(
        "{}: items by status at {}. {}.",
        p.title,
        p.as_at_long,
        figures.join("; ")
    )
}

static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for data in &crate::render::pdf::fonts::SHIPPED_FILES[..2] {
        db.load_font_data(data.to_vec());
    }
    db.set_sans_serif_family("Liberation Sans");
    Arc::new(db)
});

/// The SVG drawn at twice its size, as a PNG.
pub fn rasterise(svg: &str) -> Option<(Vec<u8>, u32, u32)> {
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    let scale = 2.0;
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some((
        pixmap.encode_png().ok()?,
        size.width() as u32,
        size.height() as u32,
    ))
}

/// The chart of a tracker, six inches wide at most.
pub fn chart(p: &Progress) -> Option<Chart> {
    let svg = svg(p);
    let (png, w, h) = rasterise(&svg)?;
    let (cx, cy) = emu_size(w, h, 6 * 914_400, 4 * 914_400);
    Some(Chart {
        svg,
        png,
        cx,
        cy,
        alt: alt(p),
    })
}

/// A picture of `w` by `h` pixels (at 96 a inch) in EMU, scaled down to fit.
pub fn emu_size(w: u32, h: u32, max_cx: u64, max_cy: u64) -> (u64, u64) {
    let (w, h) = (u64::from(w.max(1)), u64::from(h.max(1)));
    let (mut cx, mut cy) = (w * 9525, h * 9525);
    if cx > max_cx {
        cy = cy * max_cx / cx;
        cx = max_cx;
    }
    if cy > max_cy {
        cx = cx * max_cy / cy;
        cy = max_cy;
    }
    (cx.max(1), cy.max(1))
}
