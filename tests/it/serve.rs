//! `papers serve`, in process: the routes, the Host check, the refused
//! methods, every traversal form, the overlay, and the watcher seeing each
//! way editors save. The router is driven with `tower::ServiceExt::oneshot`.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use committee_papers::render::Format;
use committee_papers::serve::page::LIVE_SCRIPT_TAG;
use committee_papers::serve::routes::{AppState, Hosts, router};
use committee_papers::serve::state::{self, Receiver};
use committee_papers::serve::watch::{self, Builder};
use committee_papers::{pipeline, serve};
use http_body_util::BodyExt;
use support::{Council, SEED, bundled};
use tower::ServiceExt;

const PORT: u16 = 3030;
const HOST: &str = "127.0.0.1:3030";
const OVERLAY: &str = "id=\"papers-overlay\"";

struct Served {
    ws: Council,
    report: std::path::PathBuf,
    builder: Builder,
    rx: Receiver,
    stop: tokio::sync::watch::Sender<bool>,
}

impl Served {
    fn new(yaml: &str) -> Self {
        let ws = Council::without_trackers();
        let report = ws.report(SEED, yaml);
        let (tx, rx) = state::channel();
        let mut builder = Builder::new(report.clone(), tx);
        builder.rebuild();
        let (stop, _) = tokio::sync::watch::channel(false);
        Served {
            ws,
            report,
            builder,
            rx,
            stop,
        }
    }

    fn app(&self) -> Router {
        router(AppState {
            preview: self.rx.clone(),
            shutdown: self.stop.subscribe(),
            hosts: Arc::new(Hosts::new("127.0.0.1".parse().unwrap(), PORT)),
        })
    }

    fn rewrite(&mut self, yaml: &str) {
        std::fs::write(&self.report, yaml).unwrap();
        self.builder.rebuild();
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn send(app: &Router, request: Request<Body>) -> (Response<()>, Vec<u8>) {
    runtime().block_on(async {
        let response = app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes().to_vec();
        (Response::from_parts(parts, ()), bytes)
    })
}

fn request(method: &str, uri: &str, host: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(h) = host {
        b = b.header(header::HOST, h);
    }
    b.body(Body::empty()).unwrap()
}

fn get(app: &Router, uri: &str) -> (StatusCode, Response<()>, String) {
    let (r, body) = send(app, request("GET", uri, Some(HOST)));
    (r.status(), r, String::from_utf8_lossy(&body).into_owned())
}

#[test]
fn the_web_view_is_the_html_render_with_the_live_script() {
    let s = Served::new(&bundled(SEED));
    let (status, response, html) = get(&s.app(), "/");
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<h1>Children&#x27;s Services Commissioner</h1>")
            || html.contains("<h1>Children's Services Commissioner</h1>")
            || html.contains("<h1>Children&#39;s Services Commissioner</h1>"),
        "{}",
        &html[..2000.min(html.len())]
    );
    assert_eq!(html.matches(LIVE_SCRIPT_TAG).count(), 1);
    assert_eq!(html.matches("<script").count(), 1, "only the live script");
    assert!(html.contains("<nav class=\"papers-bar\""));
    assert!(html.contains("href=\"/paper.pdf\"") && html.contains("href=\"/paper.md\""));
    assert!(
        !html.contains("id=\"papers-overlay\""),
        "no errors, no overlay"
    );
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");

    // The published HTML, rendered as `papers render` does, never has it.
    let loaded = pipeline::load_report(&s.report).unwrap();
    let published = pipeline::render_report(&loaded, &[Format::Html]).unwrap();
    let published = String::from_utf8(published.get(Format::Html).unwrap().to_vec()).unwrap();
    assert!(!published.contains("<script"), "render's HTML has a script");
    assert!(!published.contains("live.js") && !published.contains("papers-bar"));
}

#[test]
fn the_print_view_has_each_page_as_svg_with_its_text() {
    let s = Served::new(&bundled(SEED));
    let app = s.app();
    let (status, _, html) = get(&app, "/print");
    assert_eq!(status, StatusCode::OK);
    let pages = html.matches("<figure class=\"papers-page\"").count();
    assert!(pages >= 2, "{pages} pages");
    assert!(html.contains(&format!("alt=\"Page 1 of {pages}\"")));
    assert!(
        html.contains("Page 1 of"),
        "the footer's page numbers are in the text"
    );
    assert!(html.contains("Children"), "the page text is there");
    let src = html
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    assert!(src.starts_with("/print/page/1?v="), "{src}");
    let (status, response, svg) = get(&app, &src);
    assert_eq!(status, StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert!(svg.contains("<svg"), "{}", &svg[..200.min(svg.len())]);
    assert!(
        response.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable"),
        "the current hash is cached"
    );
    let (_, stale, _) = get(&app, "/print/page/1?v=old");
    assert_eq!(stale.headers()[header::CACHE_CONTROL], "no-store");
    for missing in [
        "/print/page/0",
        &format!("/print/page/{}", pages + 1),
        "/print/page/one",
        "/print/page/-1",
        "/print/page/1.svg",
    ] {
        assert_eq!(get(&app, missing).0, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[test]
fn downloads_the_pdf_and_the_markdown() {
    let s = Served::new(&bundled(SEED));
    let app = s.app();
    let (status, response, md) = get(&app, "/paper.md");
    assert_eq!(status, StatusCode::OK);
    assert!(
        md.starts_with("# Children's Services Commissioner\n"),
        "{}",
        &md[..100]
    );
    assert_eq!(
        response.headers()[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"{SEED}.md\"").as_str()
    );
    let (response, pdf) = send(&app, request("GET", "/paper.pdf", Some(HOST)));
    assert_eq!(response.status(), StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    let text = support::pdf_text(&pdf);
    assert!(
        text.contains("Children's Services Commissioner"),
        "{}",
        &text[..200.min(text.len())]
    );
}

#[test]
fn the_host_header_must_name_this_server() {
    let s = Served::new(&bundled(SEED));
    let app = s.app();
    for ok in [HOST, "localhost:3030", "LOCALHOST:3030"] {
        let (r, _) = send(&app, request("GET", "/", Some(ok)));
        assert_eq!(r.status(), StatusCode::OK, "{ok}");
    }
    for bad in [
        Some("evil.example"),
        Some("evil.example:3030"),
        Some("127.0.0.1:3031"),
        Some("127.0.0.1"),
        Some("localhost"),
        Some("127.0.0.1.evil.example:3030"),
        Some("[::1]:3030"),
        Some(""),
        None,
    ] {
        for uri in ["/", "/print", "/paper.pdf", "/_papers/events", "/nope"] {
            let (r, body) = send(&app, request("GET", uri, bad));
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{bad:?} {uri}");
            let body = String::from_utf8_lossy(&body);
            assert!(body.contains("http://127.0.0.1:3030/"), "{body}");
            assert!(!body.contains("Commissioner"));
        }
    }
}

#[test]
fn hosts_of_a_wider_bind_and_ipv6() {
    let v6 = Hosts::new("::1".parse().unwrap(), 8000);
    assert_eq!(v6.primary(), "[::1]:8000");
    assert!(v6.allows("[::1]:8000") && v6.allows("localhost:8000"));
    assert!(!v6.allows("127.0.0.1:8000") && !v6.allows("[::1]:8001"));
    let lan = Hosts::new("192.168.1.5".parse().unwrap(), 8000);
    assert!(lan.allows("192.168.1.5:8000"));
    assert!(!lan.allows("localhost:8000") && !lan.allows("printer.lan:8000"));
    // Bound to every address: any IP literal with the port, never a name
    // (DNS rebinding needs a name).
    let all = Hosts::new("0.0.0.0".parse().unwrap(), 8000);
    assert_eq!(all.primary(), "127.0.0.1:8000");
    assert!(all.allows("192.168.1.5:8000") && all.allows("localhost:8000"));
    assert!(!all.allows("evil.example:8000") && !all.allows("192.168.1.5:8001"));
    assert_eq!(
        serve::parse_host("localhost").unwrap().to_string(),
        "127.0.0.1"
    );
    assert_eq!(serve::parse_host("[::1]").unwrap().to_string(), "::1");
    assert!(serve::parse_host("example.com").is_err());
}

#[test]
fn only_get_and_head_are_answered() {
    let s = Served::new(&bundled(SEED));
    let app = s.app();
    for method in [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND",
    ] {
        for uri in ["/", "/print", "/paper.pdf", "/nope", "/../Cargo.toml"] {
            let req = if method == "CONNECT" {
                Request::builder()
                    .method(method)
                    .uri(HOST)
                    .header(header::HOST, HOST)
                    .body(Body::empty())
                    .unwrap()
            } else {
                request(method, uri, Some(HOST))
            };
            let (r, body) = send(&app, req);
            assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            assert_eq!(r.headers()[header::ALLOW], "GET, HEAD");
            assert!(!String::from_utf8_lossy(&body).contains("Commissioner"));
        }
    }
    let (r, body) = send(&app, request("HEAD", "/", Some(HOST)));
    assert_eq!(r.status(), StatusCode::OK);
    assert!(body.is_empty(), "HEAD has no body");
    assert!(
        r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[test]
fn a_change_to_the_councils_house_style_redraws_the_preview() {
    let mut s = Served::new(&bundled(SEED));
    let (_, _, before) = get(&s.app(), "/");
    assert!(before.contains("Alternative Options Considered and Rejected"));
    assert!(!before.contains("Report Title"));
    // The council declares a style of its own: a header of three rows, the
    // summary and the body, and its own wording for the subject.
    let council_path = s.ws.path().join("council.yaml");
    let council = std::fs::read_to_string(&council_path).unwrap();
    std::fs::write(
        &council_path,
        format!(
            "{council}\nhouse_style:\n  labels:\n    subject: Report Title\n  header: [committee, meeting_date, subject]\n  sections: [summary, body]\n"
        ),
    )
    .unwrap();
    s.builder.rebuild();
    let (status, _, after) = get(&s.app(), "/");
    assert_eq!(status, StatusCode::OK);
    assert!(after.contains("Report Title"), "the new label");
    assert!(
        !after.contains("Alternative Options Considered and Rejected"),
        "a part the style leaves out is gone"
    );
}

#[test]
fn no_path_reaches_the_filesystem() {
    let s = Served::new(&bundled(SEED));
    let app = s.app();
    let council = std::fs::read_to_string(s.ws.path().join("council.yaml")).unwrap();
    let paths = [
        "/..",
        "/../",
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/.%2e/.%2e/etc/passwd",
        "/%252e%252e%252fetc%252fpasswd",
        "/..%5c..%5cCargo.toml",
        "/%5c..%5ccouncil.yaml",
        "/..\\..\\Cargo.toml",
        "/etc/passwd",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/council.yaml",
        "/reports/council.yaml",
        &format!("/reports/{SEED}.yaml"),
        &format!("/{SEED}.yaml"),
        "/templates/report.html.tera",
        "/print/page/..%2F..%2Fcouncil.yaml",
        "/print/page/1/../../council.yaml",
        "/print/page/%2e%2e",
        "/print/../council.yaml",
        "/_papers/../council.yaml",
        "/_papers/live.js/..",
        "/_papers/%2e%2e/council.yaml",
        "/paper.pdf/../council.yaml",
        "/paper.md/..",
        "/_papers/",
        "/_papers/live.js/",
        "/index.html",
        "/.git/config",
    ];
    for path in paths {
        let req = Request::builder()
            .method("GET")
            .uri(path)
            .header(header::HOST, HOST)
            .body(Body::empty());
        let Ok(req) = req else {
            // Not even a valid request target (a raw backslash): hyper
            // refuses it before any route is asked.
            assert!(path.contains('\\'), "{path} was refused as a URI");
            continue;
        };
        let (r, body) = send(&app, req);
        let body = String::from_utf8_lossy(&body);
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{path}"
        );
        assert!(
            !body.contains("core_purposes") && !council.contains(body.trim())
                || body.trim() == "Not found.",
            "{path}: {body}"
        );
        assert_eq!(body, "Not found.\n", "{path}");
    }
}

#[test]
fn errors_show_an_overlay_over_the_last_good_version_until_fixed() {
    let good = bundled(SEED);
    let mut s = Served::new(&good);
    let broken = good.replace("key_decision: No\n", "key_decision: Maybe\n");
    assert_ne!(broken, good);
    s.rewrite(&broken);
    let app = s.app();
    let (status, _, html) = get(&app, "/");
    assert_eq!(status, StatusCode::OK, "errors do not stop the server");
    assert!(
        html.contains("id=\"papers-overlay\""),
        "a page loaded now has the overlay"
    );
    let line = good
        .lines()
        .position(|l| l.starts_with("key_decision:"))
        .unwrap()
        + 1;
    assert!(
        html.contains(&format!("{SEED}.yaml:{line}:")),
        "the line is named"
    );
    assert!(html.contains("Maybe"), "the message quotes the value");
    assert!(html.contains("Hint:"), "the hint is shown");
    assert!(html.contains("last good version"));
    assert!(
        html.contains("To outline the role"),
        "the last good render is kept"
    );
    let (_, _, print) = get(&app, "/print");
    assert!(
        print.contains("id=\"papers-overlay\"") && print.contains("<figure class=\"papers-page\"")
    );

    // Half-written and deleted files are errors too, never a crash.
    s.rewrite(&good[..good.find("implications:").unwrap()]);
    let (status, _, html) = get(&app, "/");
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"papers-overlay\""));
    std::fs::remove_file(&s.report).unwrap();
    s.builder.rebuild();
    let (_, _, html) = get(&app, "/");
    assert!(
        html.contains("file not found"),
        "{}",
        &html[html.find(OVERLAY).unwrap()..][..400]
    );

    s.rewrite(&good);
    let (_, _, html) = get(&app, "/");
    assert!(
        !html.contains("id=\"papers-overlay\""),
        "fixing clears the overlay"
    );
}

#[test]
fn a_report_broken_from_the_start_is_served_with_the_overlay() {
    let s = Served::new("subject: [unclosed\n");
    let app = s.app();
    let (status, _, html) = get(&app, "/");
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"papers-overlay\""));
    assert!(html.contains(&format!("{SEED}.yaml:")));
    assert!(html.contains("fix them to see the report"));
    let (_, _, print) = get(&app, "/print");
    assert!(print.contains("No pages yet"));
    let (r, _) = send(&app, request("GET", "/paper.pdf", Some(HOST)));
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn hostile_text_is_escaped_in_pages_and_overlay() {
    let hostile = bundled(SEED)
        .replace(
            "subject: Children's Services Commissioner",
            "subject: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"",
        )
        .replace(
            "summary: To outline",
            "summary: \"[x](javascript:alert(3)) <iframe src=x></iframe> <a href='javascript:alert(4)'>y</a> Hostile 9191\"\nrecommendations_note: To outline",
        );
    // The rest of the summary line becomes an unknown key: drop it.
    let hostile: String = hostile
        .lines()
        .filter(|l| !l.starts_with("recommendations_note:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut s = Served::new(&hostile);
    let app = s.app();
    let (_, _, page) = get(&app, "/");
    assert!(!page.contains(OVERLAY), "the hostile report renders");
    assert!(page.contains("Hostile 9191"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the subject is shown escaped"
    );
    let page = page.replacen(LIVE_SCRIPT_TAG, "", 1);
    assert!(!page.contains("<script"), "a script element");
    assert!(!page.contains("<iframe"), "an iframe");
    assert!(
        !page.contains("<img src=x"),
        "an author's image with a handler"
    );
    assert!(!page.to_lowercase().contains("href=\"javascript:"));
    assert!(!page.to_lowercase().contains("href='javascript:"));
    let (_, _, print) = get(&app, "/print");
    let print = print.replacen(LIVE_SCRIPT_TAG, "", 1);
    assert!(!print.contains("<script") && !print.contains("<img src=x"));

    s.rewrite(&format!(
        "{hostile}\"<script>alert(5)</script>\": <img src=x onerror=alert(6)>\n"
    ));
    let (_, _, page) = get(&app, "/");
    assert!(page.contains("id=\"papers-overlay\""));
    let page = page.replacen(LIVE_SCRIPT_TAG, "", 1);
    assert!(
        !page.contains("<script"),
        "{}",
        &page[page.find(OVERLAY).unwrap()..]
    );
    assert!(!page.contains("<img src=x"));
}

#[test]
fn events_announce_the_versions_and_end_on_shutdown() {
    let mut s = Served::new(&bundled(SEED));
    let app = s.app();
    runtime().block_on(async {
        let response = app
            .clone()
            .oneshot(request("GET", "/_papers/events", Some(HOST)))
            .await
            .unwrap();
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/event-stream"
        );
        let mut body = response.into_body();
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        let first = String::from_utf8_lossy(&first).into_owned();
        assert!(
            first.starts_with("event: update\ndata: {\"web\":"),
            "{first}"
        );
        let web_version = s.rx.borrow().web_version;
        assert!(
            first.contains(&format!("\"web\":{web_version},")),
            "{first}"
        );

        // A rebuild is announced.
        s.builder.rebuild();
        let next = tokio::time::timeout(Duration::from_secs(10), body.frame())
            .await
            .expect("an event after the rebuild")
            .unwrap()
            .unwrap()
            .into_data()
            .unwrap();
        let next = String::from_utf8_lossy(&next).into_owned();
        assert!(next.contains("\"web\":"), "{next}");
        assert_ne!(next, first);

        // Ctrl-C ends the stream, so the graceful shutdown is not held up.
        s.stop.send(true).unwrap();
        let mut ended = false;
        for _ in 0..10 {
            match tokio::time::timeout(Duration::from_secs(10), body.frame()).await {
                Ok(None) => {
                    ended = true;
                    break;
                }
                Ok(Some(_)) => continue,
                Err(_) => break,
            }
        }
        assert!(ended, "the event stream ends on shutdown");
    });
}

/// Waits until the web view's HTML satisfies `test` (the watcher runs on
/// its own thread); fails after 15 s.
fn wait_for(rx: &mut Receiver, what: &str, test: impl Fn(&str) -> bool) {
    runtime().block_on(async {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            {
                let p = rx.borrow_and_update().clone();
                let html = serve::page::web_page(&p);
                if test(&html) && !p.print_pending {
                    return;
                }
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                panic!("timed out waiting for {what}");
            }
        }
    });
}

#[test]
fn the_watcher_sees_every_way_of_saving_and_every_input() {
    let ws = Council::without_trackers();
    let progress = std::fs::read_to_string(
        support::root().join("reports/2023-03-14-commissioner-recommendations-progress.yaml"),
    )
    .unwrap();
    std::fs::create_dir(ws.path().join("reports/progress")).unwrap();
    for name in [
        "commissioner-recommendations-2022-12.yaml",
        "commissioner-recommendations-2023-02.yaml",
    ] {
        std::fs::copy(
            support::root().join("reports/progress").join(name),
            ws.path().join("reports/progress").join(name),
        )
        .unwrap();
    }
    let report = ws.report("progress", &progress);
    let (tx, mut rx) = state::channel();
    let mut builder = Builder::new(report.clone(), tx);
    builder.rebuild();
    assert!(rx.borrow().errors.is_empty(), "{:?}", rx.borrow().errors);
    watch::spawn(builder).unwrap();
    // `summary: >-` and its folded lines become one line of `text`.
    let summary = |text: &str| {
        let mut out = String::new();
        let mut skipping = false;
        for line in progress.lines() {
            if line.starts_with("summary:") {
                out.push_str(&format!("summary: {text}\n"));
                skipping = true;
                continue;
            }
            if skipping && line.starts_with(' ') {
                continue;
            }
            skipping = false;
            out.push_str(line);
            out.push('\n');
        }
        out
    };

    // Write in place.
    std::fs::write(&report, summary("Saved in place 5101.")).unwrap();
    wait_for(&mut rx, "a save in place", |h| {
        h.contains("Saved in place 5101.")
    });
    // Write a new file and rename it over the report.
    let tmp = report.with_extension("yaml.tmp");
    std::fs::write(&tmp, summary("Saved by rename 5102.")).unwrap();
    std::fs::rename(&tmp, &report).unwrap();
    wait_for(&mut rx, "a save by rename", |h| {
        h.contains("Saved by rename 5102.")
    });
    // Delete and create.
    std::fs::remove_file(&report).unwrap();
    std::fs::write(&report, summary("Saved by delete and create 5103.")).unwrap();
    wait_for(&mut rx, "a save by delete and create", |h| {
        h.contains("Saved by delete and create 5103.") && !h.contains(OVERLAY)
    });
    // A burst of writes ends on the last one.
    for i in 0..20 {
        std::fs::write(&report, summary(&format!("Burst {i} 5104."))).unwrap();
    }
    wait_for(&mut rx, "the end of a burst", |h| {
        h.contains("Burst 19 5104.")
    });

    // council.yaml.
    let council_path = ws.path().join("council.yaml");
    let council = std::fs::read_to_string(&council_path).unwrap();
    std::fs::write(
        &council_path,
        council.replace("name: Sefton Council", "name: Sefton Watched 5105"),
    )
    .unwrap();
    wait_for(&mut rx, "council.yaml", |h| {
        h.contains("Sefton Watched 5105")
    });

    // A cited tracker, and its previous period.
    let tracker_path = ws
        .path()
        .join("reports/progress/commissioner-recommendations-2023-02.yaml");
    let tracker = std::fs::read_to_string(&tracker_path).unwrap();
    let edited = tracker.replacen(
        "update: |\n      ",
        "update: |\n      Tracker edit 5106. ",
        1,
    );
    assert_ne!(edited, tracker);
    std::fs::write(&tracker_path, edited).unwrap();
    wait_for(&mut rx, "a cited tracker", |h| {
        h.contains("Tracker edit 5106.")
    });
    let previous_path = ws
        .path()
        .join("reports/progress/commissioner-recommendations-2022-12.yaml");
    std::fs::write(&previous_path, "items: [broken\n").unwrap();
    wait_for(&mut rx, "the previous period's tracker", |h| {
        h.contains(OVERLAY) && h.contains("commissioner-recommendations-2022-12.yaml")
    });
    std::fs::copy(
        support::root().join("reports/progress/commissioner-recommendations-2022-12.yaml"),
        &previous_path,
    )
    .unwrap();
    wait_for(&mut rx, "the previous tracker fixed", |h| {
        !h.contains(OVERLAY)
    });

    // A template override in a templates/ folder that did not exist.
    let header_tpl = committee_papers::render::templates::BUILTIN
        .iter()
        .find(|(n, _)| *n == "header.html.tera")
        .unwrap()
        .1;
    ws.template(
        "header.html.tera",
        &format!("<p>Override 5107</p>\n{header_tpl}"),
    );
    wait_for(&mut rx, "a Tera override", |h| h.contains("Override 5107"));
    // A broken override is an error on the template's line.
    ws.template("header.html.tera", "{% if %}\n");
    wait_for(&mut rx, "a broken override", |h| {
        h.contains(OVERLAY) && h.contains("header.html.tera:1:")
    });
    std::fs::remove_dir_all(ws.path().join("templates")).unwrap();
    wait_for(&mut rx, "the override removed", |h| {
        !h.contains(OVERLAY) && !h.contains("Override 5107")
    });
}

#[test]
fn a_one_paragraph_edit_redraws_only_the_pages_it_changed() {
    use committee_papers::serve::print::{PageCache, compile_document};
    let mut loaded = pipeline::load_report(&support::bundled_path(support::SEED)).unwrap();
    let mut cache = PageCache::default();
    let (document, _) = compile_document(&loaded).unwrap();
    let first = cache.pages(&document);
    assert_eq!(cache.redrawn, first.len(), "a first build draws every page");
    let (document, _) = compile_document(&loaded).unwrap();
    let again = cache.pages(&document);
    assert_eq!(cache.redrawn, 0, "nothing changed, nothing drawn");
    assert_eq!(
        first.iter().map(|p| &p.hash).collect::<Vec<_>>(),
        again.iter().map(|p| &p.hash).collect::<Vec<_>>()
    );

    // The same length of summary: page 1 changes, the pages after it do
    // not, though every source span after the edit has moved.
    loaded.report.summary = format!(
        "{} Edited.",
        &loaded.report.summary[..loaded.report.summary.len() - 8]
    );
    let (document, _) = compile_document(&loaded).unwrap();
    let edited = cache.pages(&document);
    assert_eq!(edited.len(), first.len());
    assert_eq!(cache.redrawn, 1, "only the summary's page is drawn again");
    assert_ne!(edited[0].hash, first[0].hash);
    assert!(edited[0].text.contains("Edited."), "{}", edited[0].text);
    for (a, b) in first.iter().zip(&edited).skip(1) {
        assert_eq!(a.hash, b.hash);
    }
}

#[test]
fn a_report_whose_rules_find_errors_is_shown_as_a_draft_with_its_findings() {
    let good = support::bundled(support::SEED);
    let mut s = Served::new(&good);
    let todo = good.replace(
        "summary: To outline",
        "summary: TODO write the summary. To outline",
    );
    assert_ne!(todo, good);
    s.rewrite(&todo);
    let app = s.app();
    let (status, _, html) = get(&app, "/");
    assert_eq!(status, StatusCode::OK);
    // The newest version is shown, marked DRAFT, not the last good one.
    assert!(
        html.contains("TODO write the summary"),
        "the draft is shown"
    );
    assert!(html.contains("<strong>DRAFT</strong>: not for publication"));
    assert!(html.contains("<strong>1 error</strong>: the page shows this version as a DRAFT"));
    // The finding at its line, errors apart from warnings.
    let errors = html
        .find(&format!("<ol class=\"papers-errors\"><li><p><code class=\"papers-where\">{}:11:10</code> <strong>Error[P300]:</strong> <span class=\"papers-message\">`summary` still says TODO</span>", s.report.display()))
        .expect("the TODO is listed among the errors");
    let warnings = html
        .find("<ol class=\"papers-warnings\">")
        .expect("the seed's P308 warning is listed apart");
    assert!(errors < warnings);
    let (_, _, print) = get(&app, "/print");
    assert!(print.contains("<figure class=\"papers-page\"") && print.contains(OVERLAY));

    s.rewrite(&good);
    let (_, _, html) = get(&app, "/");
    assert!(!html.contains(OVERLAY), "fixing clears the overlay");
    assert!(!html.contains("draft-banner"), "and the DRAFT banner");
}
