//! The preview server's HTTP side: the site from the latest snapshot, the
//! live-reload script and its event stream.
//!
//! Everything is answered from memory (pictures and static files from
//! the paths the build recorded), so a request can only name a file of
//! the built site: a path that tries to leave it (`..`, `%2e%2e`, a
//! backslash, a NUL byte) is refused with 400 before it is looked up.
//! Only GET and HEAD are answered. The server's own addresses live under
//! `/_etalase/`, a name no slug can take (slugs have no `_`).

use super::Snapshot;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;

type Live = watch::Receiver<Arc<Snapshot>>;

/// The page's script: reloads on a new build, shows the problems of a
/// failed one over the page.
const LIVE_JS: &str = include_str!("live.js");
/// Where the server's own files are.
pub(super) const OWN: &str = "/_etalase/";

pub(super) async fn run(
    listener: std::net::TcpListener,
    live: Live,
    hosts: super::guard::Hosts,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route("/_etalase/events", get(events))
        .route("/_etalase/live.js", get(script))
        .route("/_etalase/files", get(manifest))
        .route("/_etalase/state", get(state))
        .fallback(page)
        .with_state(live)
        .layer(axum::middleware::from_fn_with_state(
            hosts,
            super::guard::hosts_only,
        ));
    let listener = super::guard::Bounded::new(listener, super::guard::connection_bound());
    axum::serve(listener, app).await
}

async fn script() -> Response {
    let mut r = LIVE_JS.into_response();
    set(
        &mut r,
        header::CONTENT_TYPE,
        "text/javascript; charset=utf-8",
    );
    set(&mut r, header::CACHE_CONTROL, "no-cache");
    r
}

/// The state of the builds now, as the events give it (a tool waiting
/// for a round to end asks this).
async fn state(State(live): State<Live>) -> Response {
    let mut r = live.borrow().state_json().into_response();
    set(&mut r, header::CONTENT_TYPE, "application/json");
    set(&mut r, header::CACHE_CONTROL, "no-cache");
    r
}

/// The state of the builds as server-sent events: the current one at
/// once, then one per change.
async fn events(State(live): State<Live>) -> impl IntoResponse {
    let stream = futures_util::stream::unfold((live, true), |(mut live, first)| async move {
        if !first && live.changed().await.is_err() {
            return None;
        }
        let state = live.borrow_and_update().state_json();
        let event = Event::default().event("state").data(state);
        Some((Ok::<_, Infallible>(event), (live, false)))
    });
    // Well within the connections' idle limit.
    Sse::new(stream).keep_alive(KeepAlive::new().interval(super::guard::IDLE / 3))
}

/// Every file of the site served, with its size and a hash of its bytes:
/// lets a test compare the served site with a full build's output.
async fn manifest(State(live): State<Live>) -> Response {
    let snap = live.borrow().clone();
    let text = tokio::task::spawn_blocking(move || {
        let mut paths: Vec<&String> = snap.files.keys().collect();
        paths.sort();
        let mut out = format!(
            "generation\t{}\nrounds\t{}\nsearch\t{}\nproblems\t{}\n",
            snap.generation,
            snap.rounds,
            if snap.search_ready {
                "ready"
            } else {
                "pending"
            },
            snap.problems.len()
        );
        for p in paths {
            let bytes = match &*snap.files[p] {
                crate::output::Stored::Bytes(b) => b.clone(),
                crate::output::Stored::Pieces(p) => crate::output::join(p),
                crate::output::Stored::Copy(pinned) => pinned.read().unwrap_or_default(),
            };
            out.push_str(&format!(
                "{p}\t{}\t{:016x}\n",
                bytes.len(),
                crate::hash::fnv(&bytes)
            ));
        }
        out
    })
    .await
    .unwrap_or_default();
    let mut r = text.into_response();
    set(&mut r, header::CACHE_CONTROL, "no-store");
    r
}

async fn page(State(live): State<Live>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "").into_response();
        set(&mut r, header::ALLOW, "GET, HEAD");
        return r;
    }
    let snap = live.borrow().clone();
    let Some(path) = decode(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "400 Bad Request\n").into_response();
    };
    let base = snap.base_path.as_str();
    let Some(rest) = path.strip_prefix(base) else {
        // The site's root without its slash, e.g. `/direktori`.
        if format!("{path}/") == base {
            return redirect(base);
        }
        return not_found(&snap).await;
    };
    let rel = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    match snap.files.get(&rel) {
        Some(stored) => match read(stored).await {
            Some(bytes) => respond(&snap, StatusCode::OK, &rel, bytes),
            None => not_found(&snap).await,
        },
        // A page's folder without its slash: where the page is.
        None if snap.files.contains_key(&format!("{rest}/index.html")) => {
            let mut to = format!("{path}/");
            if let Some(q) = uri.query() {
                to.push('?');
                to.push_str(q);
            }
            redirect(&to)
        }
        None => not_found(&snap).await,
    }
}

/// The decoded path of a request, or `None` when it may not be looked
/// up: bad percent-encoding, not UTF-8, a NUL byte or backslash, or a
/// `.` or `..` segment.
pub(super) fn decode(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let bad = !path.starts_with('/')
        || path.contains(['\0', '\\'])
        || path.split('/').any(|s| s == "." || s == "..");
    (!bad).then_some(path)
}

async fn read(stored: &crate::output::Stored) -> Option<Vec<u8>> {
    match stored {
        crate::output::Stored::Bytes(b) => Some(b.clone()),
        crate::output::Stored::Pieces(p) => Some(crate::output::join(p)),
        crate::output::Stored::Copy(pinned) => {
            let pinned = pinned.clone();
            tokio::task::spawn_blocking(move || pinned.read().ok())
                .await
                .ok()
                .flatten()
        }
    }
}

async fn not_found(snap: &Snapshot) -> Response {
    match snap.files.get(crate::paths::NOT_FOUND) {
        Some(stored) => match read(stored).await {
            Some(bytes) => respond(snap, StatusCode::NOT_FOUND, "404.html", bytes),
            None => (StatusCode::NOT_FOUND, "404\n").into_response(),
        },
        None if snap.files.is_empty() => {
            // No build has succeeded yet: a page that shows the problems.
            let page = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">\
                <meta name=\"viewport\" content=\"width=device-width\">\
                <title>Etalase: situs belum bisa dibangun</title></head><body>\
                <h1>Situs belum bisa dibangun</h1>\
                <p>Perbaiki masalah yang tertulis di terminal; halaman ini dimuat ulang sendiri.</p>\
                </body></html>";
            respond(
                snap,
                StatusCode::SERVICE_UNAVAILABLE,
                "index.html",
                page.as_bytes().to_vec(),
            )
        }
        None => (StatusCode::NOT_FOUND, "404\n").into_response(),
    }
}

fn redirect(to: &str) -> Response {
    let mut r = (StatusCode::PERMANENT_REDIRECT, "").into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn respond(snap: &Snapshot, status: StatusCode, rel: &str, mut bytes: Vec<u8>) -> Response {
    let kind = content_type(rel);
    if kind.starts_with("text/html") {
        bytes = inject(bytes, snap.generation);
    }
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    set(&mut r, header::CONTENT_TYPE, kind);
    // Every answer may change with the next save.
    set(&mut r, header::CACHE_CONTROL, "no-cache");
    set(&mut r, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    r
}

fn set(r: &mut Response, name: header::HeaderName, value: &'static str) {
    r.headers_mut()
        .insert(name, HeaderValue::from_static(value));
}

/// The live-reload script, before the page's `</body>` (served pages
/// only: the site in memory stays the build's bytes), with a hash of the
/// page: a later generation reloads the page only when its own bytes
/// changed (a round serves the edited page before its open data, and
/// every other page stays put).
fn inject(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let page = crate::hash::quick(&html);
    let tag = format!(
        "<script src=\"{OWN}live.js\" data-page=\"{page:016x}\" data-generation=\"{generation}\" defer></script>"
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

/// The content type of a file of the site, by its extension.
pub(super) fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("geojson") => "application/geo+json",
        Some("jsonld") => "application/ld+json",
        Some("xml") => "application/xml",
        Some("atom") => "application/atom+xml",
        Some("rss") => "application/rss+xml",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("wasm") => "application/wasm",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/umkm/%2e%2e/%2E%2E/etc/passwd",
            "/a/..",
            "/a/./b",
            "/a%5c..%5cb",
            "/a\\b",
            "/a%00b",
            "/%zz",
            "/%c3",
            "etc/passwd",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(
            decode("/umkm/warung%20bu/").as_deref(),
            Some("/umkm/warung bu/")
        );
        assert_eq!(decode("//etc/passwd").as_deref(), Some("//etc/passwd"));
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>".to_vec();
        let out = String::from_utf8(inject(html, 7)).unwrap();
        assert!(
            out.ends_with("data-generation=\"7\" defer></script></BODY></html>"),
            "{out}"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>".to_vec(), 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script"), "{bare}");
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type("umkm/a/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/cari.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("media/umkm/a/LOGO.PNG"), "image/png");
        assert_eq!(
            content_type("cari/indeks/kata-0.txt"),
            "text/plain; charset=utf-8"
        );
    }
}
