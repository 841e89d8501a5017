//! `papers serve` as a process: it prints its URL, answers over TCP, refuses
//! a foreign Host, warns on a non-loopback bind, survives a bad file, and
//! stops cleanly on Ctrl-C (SIGINT).
#![cfg(unix)]

use crate::support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{Council, SEED, bundled};

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(report: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_papers"))
            .arg("serve")
            .arg(report)
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let url = line
            .rsplit(" at ")
            .next()
            .filter(|u| u.starts_with("http://"))
            .map(|u| u.trim().to_string())
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = out.read_to_string(&mut rest);
        });
        Server { child, url }
    }

    fn authority(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }

    /// One raw HTTP/1.1 request; returns the whole response.
    fn request(&self, method: &str, path: &str, host: &str) -> String {
        let mut stream = TcpStream::connect(self.authority()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the exit.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
                return (status, err);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not stop on SIGINT");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn serves_refuses_and_stops_on_ctrl_c() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &bundled(SEED));
    let server = Server::start(&report, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let host = server.authority();

    let page = server.request("GET", "/", &host);
    assert!(
        page.starts_with("HTTP/1.1 200"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("Children"), "the report is served");
    let foreign = server.request("GET", "/", "attacker.example");
    assert!(foreign.starts_with("HTTP/1.1 403"), "{foreign}");
    let post = server.request("POST", "/", &host);
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    let traversal = server.request("GET", "/../../../etc/passwd", &host);
    assert!(traversal.starts_with("HTTP/1.1 404"), "{traversal}");
    assert!(!traversal.contains("root:"));

    // An open event stream must not hold up the shutdown.
    let mut events = TcpStream::connect(&host).unwrap();
    write!(
        events,
        "GET /_papers/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .unwrap();
    let mut first = [0u8; 256];
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let n = events.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).contains("text/event-stream"));

    let (status, stderr) = server.interrupt();
    assert!(status.success(), "exit {status:?}; stderr:\n{stderr}");
    assert!(stderr.contains("stopping"), "{stderr}");
}

#[test]
fn a_bad_then_deleted_file_never_stops_the_server() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, "subject: [unclosed\n");
    let server = Server::start(&report, &[]);
    let host = server.authority();
    let page = server.request("GET", "/", &host);
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains(
            ":2:1</code> <strong>Error[P101]:</strong> <span class=\"papers-message\">\
             invalid YAML: while parsing a flow sequence, expected &#39;,&#39; or &#39;]&#39;</span>"
        ),
        "the overlay shows the error, its place and code: {page}"
    );
    std::fs::remove_file(&report).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let page = server.request("GET", "/", &host);
    assert!(page.starts_with("HTTP/1.1 200"), "still serving");
    let (status, stderr) = server.interrupt();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{SEED}.yaml:2:1: error[P101] invalid YAML: while parsing a flow sequence, expected ',' or ']'\n"
        )),
        "the terminal shows the diagnostics: {stderr}"
    );
}

#[test]
fn a_wider_bind_warns() {
    // 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes
    // first, then the bind fails as an I/O error; nothing listens.
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &bundled(SEED));
    let out = Command::new(env!("CARGO_BIN_EXE_papers"))
        .arg("serve")
        .arg(&report)
        .args(["--host", "192.0.2.1", "--port", "0"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "warning: serving on 192.0.2.1, not a loopback address: anyone who can reach \
             this machine on the network can read the report\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "\nerror[P100] cannot listen on 192.0.2.1:0: Cannot assign requested address (os error 99)\n  \
             hint: another program may use the port: choose one with --port N (0 picks a free one)\n"
        ),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_papers"))
        .args(["serve", "no-such-report.yaml", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "no-such-report.yaml: error[P100] file not found\n  \
         hint: name a report YAML file\n\
         1 error found; nothing was written for the reports with errors\n"
    );
}
