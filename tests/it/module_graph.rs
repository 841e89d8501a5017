//! The library's modules import one another without a cycle, so each
//! stage of the pipeline (load, check, enrich, context, render, pack,
//! serve) can be read, tested and changed with only what is before it.
//!
//! A module is a file of `src/` (the binary's `main.rs` and `cmd/` are
//! left out: they sit on top of the library). An import is any path through
//! `crate::` or `super::` in the file's code (not its comments or its
//! `#[cfg(test)]` module), resolved to the deepest module it names; a
//! folder module's bare `child::x` counts too, so a parent and its child
//! may not lean on each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Module path (`load::decode`, `render`, `` for lib.rs) → its file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for rel in crate::support::files_in(src) {
        let path = src.join(&rel);
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let mut segs: Vec<String> = Path::new(&rel)
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if segs[0] == "main" || segs[0] == "cmd" {
            continue;
        }
        if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
            segs.pop();
        }
        out.insert(segs.join("::"), path);
    }
    out
}

/// The code of a file without comments and without its test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn imports(module: &str, file: &Path, all: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let code = code_of(&std::fs::read_to_string(file).unwrap());
    let here: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let is_dir = file.ends_with("mod.rs") || file.ends_with("lib.rs");
    let mut paths: Vec<Vec<String>> = Vec::new();
    let ident = r"[a-z_][a-z0-9_]*";
    let crate_path = Regex::new(&format!(r"\bcrate::((?:{ident}::)*{ident})")).unwrap();
    for m in crate_path.captures_iter(&code) {
        paths.push(m[1].split("::").map(String::from).collect());
    }
    let crate_group = Regex::new(r"\bcrate::\{([^}]*)\}").unwrap();
    for m in crate_group.captures_iter(&code) {
        for item in m[1].split(',') {
            let item = item.trim().split("::{").next().unwrap_or_default();
            if !item.is_empty() {
                paths.push(item.split("::").map(String::from).collect());
            }
        }
    }
    let super_path = Regex::new(&format!(r"\b((?:super::)+)((?:{ident}::)*{ident})")).unwrap();
    for m in super_path.captures_iter(&code) {
        let ups = m[1].matches("super::").count();
        let base = &here[..here.len().saturating_sub(ups)];
        let mut p: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        p.extend(m[2].split("::").map(String::from));
        paths.push(p);
    }
    // A folder's module names its children bare (`use child::X`,
    // `child::run()`).
    if is_dir {
        let prefix = if module.is_empty() {
            String::new()
        } else {
            format!("{module}::")
        };
        for child in all.keys().filter_map(|k| k.strip_prefix(&prefix)) {
            if child.contains("::") || child.is_empty() {
                continue;
            }
            let bare = Regex::new(&format!(r"(?:^|[^:\w]){child}::")).unwrap();
            if bare.is_match(&code) {
                let mut p: Vec<String> = here.iter().map(|s| s.to_string()).collect();
                p.push(child.to_string());
                paths.push(p);
            }
        }
    }
    let mut out = BTreeSet::new();
    for p in paths {
        for len in (1..=p.len()).rev() {
            let name = p[..len].join("::");
            if all.contains_key(&name) {
                if name != module {
                    out.insert(name);
                }
                break;
            }
        }
    }
    out
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = modules(&src);
    all.iter()
        .map(|(m, file)| (m.clone(), imports(m, file, &all)))
        .collect()
}

#[test]
fn no_module_imports_another_in_a_cycle() {
    let edges = graph();
    let found = cycles(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            let inner: Vec<String> = c
                .iter()
                .flat_map(|a| {
                    edges[a]
                        .iter()
                        .filter(|b| c.contains(b))
                        .map(move |b| format!("{a} -> {b}"))
                })
                .collect();
            format!("{{{}}}: {}", c.join(", "), inner.join("; "))
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles between modules:\n{}",
        described.join("\n")
    );
}

#[test]
fn the_graph_sees_imports_and_finds_a_planted_cycle() {
    let edges = graph();
    // The test can fail: the pipeline's known edges are seen...
    assert!(
        edges["pipeline"].contains("load"),
        "{:?}",
        edges["pipeline"]
    );
    assert!(edges["load::decode"].contains("load::yaml"));
    // ...and a cycle added to them is found.
    let mut planted = edges.clone();
    planted
        .get_mut("load::yaml")
        .unwrap()
        .insert("pipeline".to_string());
    let found = cycles(&planted);
    assert!(
        found
            .iter()
            .any(|c| c.contains(&"pipeline".to_string()) && c.contains(&"load::yaml".to_string())),
        "{found:?}"
    );
}
