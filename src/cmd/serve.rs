//! `papers serve REPORT.yaml`: the live preview.

use std::net::IpAddr;
use std::path::PathBuf;

use committee_papers::diagnostics::Diagnostic;
use committee_papers::serve;

pub fn run(file: PathBuf, host: IpAddr, port: u16, open: bool) -> Vec<Diagnostic> {
    serve::run(serve::Options {
        file,
        host,
        port,
        open,
    })
}
