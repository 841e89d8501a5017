//! `papers serve`: a live preview for report authors. The report is shown
//! as the web page and as the printed pages, rebuilt on every save of any
//! file it is made from, with errors shown over the last good version.
//!
//! - [`build`]: one build of the views, through the same pipeline as render
//! - [`print`]: the typeset pages as SVG
//! - [`state`]: what is shown now, shared with the server
//! - [`watch`]: file watching and rebuilds
//! - [`page`]: the HTML sent (bar, overlay, live script)
//! - [`routes`]: the HTTP routes, the Host check and the method check

pub mod build;
pub mod page;
pub mod print;
pub mod routes;
pub mod state;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Kind};

/// What `papers serve` was asked to do.
pub struct Options {
    pub file: PathBuf,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
}

pub const DEFAULT_HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
pub const DEFAULT_PORT: u16 = 3030;

/// Parses `--host`: an IP address, or `localhost`.
pub fn parse_host(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(DEFAULT_HOST);
    }
    text.trim_matches(|c| c == '[' || c == ']')
        .parse()
        .map_err(|_| format!("`{text}` is not an IP address: use 127.0.0.1, ::1 or localhost"))
}

fn io_error(message: String, hint: &str) -> Diagnostic {
    let d = Diagnostic::error(Code::P100, message).with_kind(Kind::Io);
    if hint.is_empty() {
        d
    } else {
        d.with_hint(hint)
    }
}

/// Serves the preview until Ctrl-C. Returns the diagnostics of a failure
/// to start; a bad report never stops the server.
pub fn run(options: Options) -> Vec<Diagnostic> {
    if !options.file.is_file() {
        let e = std::fs::metadata(&options.file)
            .err()
            .unwrap_or_else(|| std::io::Error::other("not a file"));
        return vec![Diagnostic::io(&options.file, &e).with_hint("name a report YAML file")];
    }
    if !options.host.is_loopback() {
        eprintln!(
            "warning: serving on {}, not a loopback address: anyone who can reach this machine on the network can read the report",
            options.host
        );
    }

    let (tx, rx) = state::channel();
    let mut builder = watch::Builder::new(options.file.clone(), tx);
    builder.rebuild();
    if let Err(e) = watch::spawn(builder) {
        return vec![e];
    }

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return vec![io_error(format!("cannot start the server: {e}"), "")],
    };
    runtime.block_on(async move {
        let addr = SocketAddr::new(options.host, options.port);
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                return vec![io_error(
                    format!("cannot listen on {addr}: {e}"),
                    "another program may use the port: choose one with --port N (0 picks a free one)",
                )];
            }
        };
        let local = listener.local_addr().unwrap_or(addr);
        let hosts = routes::Hosts::new(local.ip(), local.port());
        let url = format!("http://{}/", hosts.primary());
        println!("Serving {} at {url}", options.file.display());
        println!("Print view: {url}print    (Ctrl-C to stop)");
        let _ = std::io::stdout().flush();
        if options.open {
            open_browser(&url);
        }

        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let app = routes::router(routes::AppState {
            preview: rx,
            shutdown: stop_rx,
            hosts: Arc::new(hosts),
        });
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("stopping");
            let _ = stop_tx.send(true);
        };
        match axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
        {
            Ok(()) => Vec::new(),
            Err(e) => vec![io_error(format!("the server failed: {e}"), "")],
        }
    })
}

/// Opens `url` in the desktop's browser; a failure is only a warning.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: cannot open a browser ({program}: {e}); open {url} yourself");
    }
}
