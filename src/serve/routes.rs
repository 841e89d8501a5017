//! The HTTP side: a fixed set of routes and nothing else (no file is ever
//! served from disk), GET and HEAD only, and a `Host` check against DNS
//! rebinding: a page on another site that points its own name at 127.0.0.1
//! sends its own name as `Host`, and is refused.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::watch;

use super::page;
use super::state::Receiver;

const LIVE_JS: &str = include_str!("live.js");

/// Only the server's own script, same-origin fetches and inline styles
/// (the report's stylesheet is inline): even markup that got past the
/// sanitiser could not run a script.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
                   form-action 'none'; frame-ancestors 'none'";

#[derive(Clone)]
pub struct AppState {
    pub preview: Receiver,
    /// Becomes `true` on Ctrl-C: open event streams end, so the graceful
    /// shutdown does not wait for them.
    pub shutdown: watch::Receiver<bool>,
    /// The `Host` values this server answers to.
    pub hosts: Arc<Hosts>,
}

/// The `Host` values a server bound to an address answers to: that
/// address and port, `localhost` for a loopback one, and any IP address
/// with the port when bound to all addresses (`0.0.0.0`, `::`). DNS
/// rebinding needs a DNS name, so an IP literal is always safe to accept;
/// a name is accepted only if it is `localhost`.
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    port: u16,
    any_ip: bool,
}

impl Hosts {
    pub fn new(ip: IpAddr, port: u16) -> Self {
        let any_ip = ip.is_unspecified();
        let ip = if any_ip {
            IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
        } else {
            ip
        };
        let mut names = vec![SocketAddr::new(ip, port).to_string()];
        if ip.is_loopback() {
            names.push(format!("localhost:{port}"));
        }
        Hosts {
            names,
            port,
            any_ip,
        }
    }

    /// `host:port` for the URL to print.
    pub fn primary(&self) -> &str {
        &self.names[0]
    }

    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.names.contains(&host)
            || (self.any_ip
                && host
                    .parse::<SocketAddr>()
                    .is_ok_and(|a| a.port() == self.port))
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(web))
        .route("/print", get(print))
        .route("/print/page/{n}", get(page_svg))
        .route("/paper.pdf", get(pdf))
        .route("/paper.md", get(markdown))
        .route("/_papers/live.js", get(live_js))
        .route("/_papers/events", get(events))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Refuses a foreign `Host` (403) and any method but GET and HEAD (405),
/// before routing; adds the security headers to every answer.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let mut response = match host {
        Some(h) if state.hosts.allows(h) => {
            if request.method() == Method::GET || request.method() == Method::HEAD {
                next.run(request).await
            } else {
                let mut r = text(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "Only GET and HEAD are answered.\n",
                );
                r.headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
                r
            }
        }
        _ => text(
            StatusCode::FORBIDDEN,
            &format!(
                "This preview answers only to http://{}/ (the Host header did not match).\n",
                state.hosts.primary()
            ),
        ),
    };
    secure(response.headers_mut());
    response
}

fn secure(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

fn text(status: StatusCode, body: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

async fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "Not found.\n")
}

async fn web(State(state): State<AppState>) -> Html<String> {
    let preview = state.preview.borrow().clone();
    Html(page::web_page(&preview))
}

async fn print(State(state): State<AppState>) -> Html<String> {
    let preview = state.preview.borrow().clone();
    Html(page::print_page(&preview))
}

async fn page_svg(State(state): State<AppState>, Path(n): Path<String>, uri: Uri) -> Response {
    let preview = state.preview.borrow().clone();
    let page = n
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| preview.print.as_ref()?.pages.get(i));
    let Some(page) = page else {
        return not_found().await;
    };
    // A URL names a page's content by its hash: cache it for good when the
    // hash asked for is the page's, so unchanged pages are not fetched again.
    let asked = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("v=")));
    let cache = match asked {
        Some(v) if v == page.hash => "private, max-age=31536000, immutable",
        _ => "no-store",
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, cache),
        ],
        page.svg.clone(),
    )
        .into_response()
}

/// A file name safe in a `Content-Disposition` header.
fn attachment(stem: &str, ext: &str) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}.{ext}\"")
}

fn no_build() -> Response {
    text(
        StatusCode::SERVICE_UNAVAILABLE,
        "The report has errors and has not rendered yet: see the terminal or the page.\n",
    )
}

async fn markdown(State(state): State<AppState>) -> Response {
    let Some(web) = state.preview.borrow().web.clone() else {
        return no_build();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                "text/markdown; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, attachment(&web.stem(), "md")),
        ],
        web.markdown.clone(),
    )
        .into_response()
}

async fn pdf(State(state): State<AppState>) -> Response {
    let Some(web) = state.preview.borrow().web.clone() else {
        return no_build();
    };
    let stem = web.stem();
    // Typesetting blocks: keep it off the server's thread.
    let made = tokio::task::spawn_blocking(move || web.pdf().clone()).await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, attachment(&stem, "pdf")),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(errors)) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("The PDF could not be made:\n{}\n", list.join("\n")),
            )
        }
        Err(_) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The PDF could not be made.\n",
        ),
    }
}

async fn live_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

/// Server-sent events: the versions of both views now, then at each change.
async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let start = (state.preview.clone(), state.shutdown.clone(), true);
    let stream = futures_util::stream::unfold(start, |(mut rx, mut shutdown, first)| async move {
        if *shutdown.borrow() {
            return None;
        }
        if !first {
            tokio::select! {
                changed = rx.changed() => changed.ok()?,
                _ = shutdown.changed() => return None,
            }
        }
        let data = rx.borrow_and_update().event_data();
        let event = Event::default().event("update").data(data);
        Some((Ok(event), (rx, shutdown, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
