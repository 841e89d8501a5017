//! The integration tests, as one test binary: each module was a test
//! file of its own, and each of those binaries linked the typst crates
//! again. One binary builds (and links) once.

mod support;

mod check_cli;
mod checks;
mod cli;
mod defects;
mod determinism;
mod docx;
mod docx_round_trip;
mod draft;
mod examples;
mod exempt_leakage;
mod faults;
mod fuzz_corpus;
mod goldens;
mod hostile;
mod house_style;
mod html_corpus;
mod import;
mod invalid_corpus;
mod languages;
mod law;
mod module_graph;
mod pack;
mod pack_errors;
mod pdf;
mod positions;
mod progress;
mod robustness;
mod rules;
mod schema;
mod seed;
mod serve;
mod serve_cli;
