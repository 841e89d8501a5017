//! Link the Linux binary as a fixed-address (non-PIE) executable.
//!
//! A position-independent `papers` makes the loader write 120,000 pointers
//! into 2 MB of tables (typst's library, the PDF reader, HTML atoms) on every
//! start: 520 page faults, about 1.4 ms of a `--version` that otherwise takes
//! 0.6 ms (issue 18). Libraries, stack and heap are still placed at random;
//! only the binary's own code has a fixed address. A distributor who wants a
//! PIE anyway builds with `PAPERS_PIE=1`.
fn main() {
    println!("cargo:rerun-if-env-changed=PAPERS_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let wants_pie = std::env::var_os("PAPERS_PIE").is_some_and(|v| v != "0" && !v.is_empty());
    if linux && gnu && !wants_pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
