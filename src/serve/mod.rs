//! `etalase serve`: the site built into memory, served over HTTP, built
//! again on every change and reloaded in the browser.
//!
//! Three parts, each on its own thread: the watcher (`watch.rs`) turns
//! file-system events into batches of changed paths; the builder owns the
//! [`session::Session`] and runs a round per batch, publishing each good
//! site as a new [`Snapshot`]; the HTTP server (`http.rs`) answers from the
//! latest snapshot and tells open pages, over server-sent events, to
//! reload or to show the problems. A round whose search records changed
//! makes the search index again from the records it prepared before, in
//! the same round: a save is searchable when its page is.

mod guard;
mod http;

/// What the fuzzer (`src/fuzz.rs`) feeds: the request path's decoding and
/// the hosts answered.
#[cfg(test)]
pub(crate) mod fuzzing {
    pub(crate) fn decode(raw: &str) -> Option<String> {
        super::http::decode(raw)
    }

    pub(crate) fn admits(host: &str, names: &[&str]) -> bool {
        let names = names.iter().map(|n| n.to_string()).collect();
        super::guard::Hosts {
            names: std::sync::Arc::new(names),
            bound: std::net::Ipv4Addr::UNSPECIFIED.into(),
        }
        .admits(host)
    }
}
mod session;
mod watch;

use crate::diagnostic::{Diagnostic, Severity};
use crate::message::Lang;
use crate::pipeline::{BuildError, SiteOptions};
use session::{Files, Session};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// What `etalase serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: SiteOptions,
    pub interface: IpAddr,
    /// `None`: the first free port from [`DEFAULT_PORT`].
    pub port: Option<u16>,
    /// Host names answered besides `localhost` and IP addresses (a name
    /// the office gives the preview machine on its network).
    pub allow_hosts: Vec<String>,
    /// The language of the problems shown on the page.
    pub lang: Lang,
}

/// The port tried first, then the next few.
pub const DEFAULT_PORT: u16 = 8000;
const PORTS_TRIED: u16 = 10;

/// What the server tells the terminal.
pub enum ServeEvent<'a> {
    /// Listening at this address (the site's home page).
    Listening(&'a str),
    /// A round ended: its problems (errors mean the last good site is
    /// still served), the pages it rendered and how long it took.
    Built {
        problems: &'a [Diagnostic],
        rendered: usize,
        elapsed: Duration,
        first: bool,
    },
    /// A round made the search index again, in this long (part of the
    /// round's time).
    Search(Duration),
}

/// What the server answers from: the last good site and the state of
/// the last round.
pub(crate) struct Snapshot {
    pub(crate) files: Arc<Files>,
    /// Counts the good rounds: a page served at generation N reloads when
    /// a later one is ready.
    pub(crate) generation: u64,
    /// Counts every round, good or not.
    pub(crate) rounds: u64,
    /// The errors of the last round, as lines, when it failed.
    pub(crate) problems: Vec<String>,
    pub(crate) base_path: String,
    /// Whether the search index in `files` is that of the pages.
    pub(crate) search_ready: bool,
}

impl Snapshot {
    /// The state as the page's script reads it (JSON).
    pub(crate) fn state_json(&self) -> String {
        let problems: Vec<String> = self
            .problems
            .iter()
            .map(|p| crate::text::json_string(p))
            .collect();
        format!(
            "{{\"generation\":{},\"rounds\":{},\"ok\":{},\"problems\":[{}]}}",
            self.generation,
            self.rounds,
            self.problems.is_empty(),
            problems.join(",")
        )
    }
}

/// Serves the site until the process is stopped. Returns only when it
/// cannot start: the folder is not a site, or the address is taken.
pub fn serve(
    opts: &ServeOptions,
    report: impl Fn(ServeEvent) + Send + Sync + 'static,
) -> Result<(), BuildError> {
    let listener = bind(opts)?;
    let addr = listener
        .local_addr()
        .map_err(|e| BuildError::Io(io_msg(&e)))?;
    let local = format!("http://{}", display_addr(addr));
    let mut session = Session::new(opts.site.clone(), local.clone())?;
    // A save changes a few rows of the workbook: its other pieces are
    // kept, not deflated again.
    crate::opendata::keep_workbook_pieces();
    let report = Arc::new(report);
    // A page whose template never ends must not end the server: its
    // problem is shown, and the rest keeps being served.
    crate::render::budget_keep_running();

    let (tx, rx) = mpsc::channel();
    let watcher = watch::Watch::start(session.root(), tx.clone()).map_err(|e| {
        BuildError::Io(msg!(
            "folder situs tidak bisa diawasi: {e}",
            "cannot watch the site folder: {e}"
        ))
    })?;
    let first = session.rebuild(&crate::pipeline::Changes::everything(), &mut |_| {});
    let base_path = session.base_path();
    let (snap_tx, snap_rx) = tokio::sync::watch::channel(Arc::new(Snapshot {
        files: first.files.clone().unwrap_or_default(),
        generation: 1,
        rounds: 1,
        problems: lines(&first.problems, opts.lang),
        base_path: base_path.clone(),
        search_ready: cfg!(feature = "search"),
    }));
    report(ServeEvent::Built {
        problems: &first.problems,
        rendered: first.rendered,
        elapsed: first.elapsed,
        first: true,
    });
    if let Some(d) = first.search {
        report(ServeEvent::Search(d));
    }
    let home = format!("{local}{base_path}");
    report(ServeEvent::Listening(&home));

    let lang = opts.lang;
    let builder_report = report.clone();
    std::thread::Builder::new()
        .name("etalase-build".into())
        .spawn(move || builder(session, watcher, rx, snap_tx, lang, &*builder_report))
        .map_err(|e| BuildError::Io(io_msg(&e)))?;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| BuildError::Io(io_msg(&e)))?;
    let hosts = guard::Hosts {
        names: Arc::new(
            opts.allow_hosts
                .iter()
                .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
                .collect(),
        ),
        bound: opts.interface,
    };
    rt.block_on(http::run(listener, snap_rx, hosts))
        .map_err(|e| BuildError::Io(io_msg(&e)))
}

fn io_msg(e: &std::io::Error) -> crate::Message {
    msg!("{e}", "{e}")
}

/// An address as a browser takes it: IPv6 in brackets.
fn display_addr(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    }
}

fn bind(opts: &ServeOptions) -> Result<TcpListener, BuildError> {
    let ports: Vec<u16> = match opts.port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED).collect(),
    };
    let mut last = None;
    for port in ports {
        match TcpListener::bind((opts.interface, port)) {
            Ok(l) => {
                l.set_nonblocking(true)
                    .map_err(|e| BuildError::Io(io_msg(&e)))?;
                return Ok(l);
            }
            Err(e) => last = Some((port, e)),
        }
    }
    let (port, e) = last.expect("at least one port is tried");
    let ip = opts.interface;
    Err(BuildError::Usage(match opts.port {
        Some(_) => msg!(
            "alamat {ip} port {port} tidak bisa dipakai: {e} (pilih port lain dengan --port)",
            "cannot listen on {ip} port {port}: {e} (choose another port with --port)"
        ),
        None => msg!(
            "port {DEFAULT_PORT} sampai {port} di {ip} sudah terpakai semua (pilih port lain dengan --port)",
            "ports {DEFAULT_PORT} to {port} on {ip} are all taken (choose another port with --port)"
        ),
    }))
}

/// The problems of a failed round as the page shows them; none for a
/// round that succeeded (warnings stay in the terminal).
fn lines(problems: &[Diagnostic], lang: Lang) -> Vec<String> {
    if !problems.iter().any(|d| d.severity() == Severity::Error) {
        return Vec::new();
    }
    problems.iter().map(|d| d.render(lang)).collect()
}

/// Waits this long after a change for the rest of a save (an editor's
/// temporary file and rename), at most `BATCH_MAX` in all.
const QUIET: Duration = Duration::from_millis(10);
const BATCH_MAX: Duration = Duration::from_millis(300);

/// The builder thread: a round per batch of changes, a new snapshot per
/// round, the search index made in the same round.
fn builder(
    mut session: Session,
    mut watcher: watch::Watch,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    snap_tx: tokio::sync::watch::Sender<Arc<Snapshot>>,
    lang: Lang,
    report: &(dyn Fn(ServeEvent) + Send + Sync),
) {
    let mut generation = 1u64;
    loop {
        let Ok(mut paths) = rx.recv() else { return };
        let start = std::time::Instant::now();
        let mut batch = crate::timings::Timer::new();
        while start.elapsed() < BATCH_MAX {
            match rx.recv_timeout(QUIET) {
                Ok(p) => paths.extend(p),
                Err(_) => break,
            }
        }
        batch.lap("serve: batch of saves");
        watcher.refresh();
        let changes = session.classify(&paths);
        // The edited page first: its round's pages and search index are
        // served at once, a new generation (the page reloads), the round
        // not yet counted as done.
        let base = session.base_path();
        let round = session.rebuild(&changes, &mut |files| {
            generation += 1;
            publish(
                &snap_tx,
                Some(files),
                Vec::new(),
                generation,
                base.clone(),
                false,
            );
        });
        report(ServeEvent::Built {
            problems: &round.problems,
            rendered: round.rendered,
            elapsed: round.elapsed,
            first: false,
        });
        if let Some(d) = round.search {
            report(ServeEvent::Search(d));
        }
        let problems = lines(&round.problems, lang);
        if round.files.is_some() {
            generation += 1;
        }
        publish(
            &snap_tx,
            round.files,
            problems,
            generation,
            session.base_path(),
            true,
        );
    }
}

/// Makes a new snapshot the one served; `files` `None` keeps the site.
/// `done`: the round is over (its count goes up).
fn publish(
    snap_tx: &tokio::sync::watch::Sender<Arc<Snapshot>>,
    files: Option<Arc<Files>>,
    problems: Vec<String>,
    generation: u64,
    base_path: String,
    done: bool,
) {
    let (files, rounds) = {
        let last = snap_tx.borrow();
        let rounds = last.rounds + u64::from(done);
        (files.unwrap_or_else(|| last.files.clone()), rounds)
    };
    snap_tx.send_replace(Arc::new(Snapshot {
        files,
        generation,
        rounds,
        problems,
        base_path,
        search_ready: cfg!(feature = "search"),
    }));
}
