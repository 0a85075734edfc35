//! `etalase serve`: the site built into memory, served over HTTP, built
//! again on every change and reloaded in the browser.
//!
//! Three parts, each on its own thread: the watcher (`watch.rs`) turns
//! file-system events into batches of changed paths; the builder owns the
//! [`session::Session`] and runs a round per batch, publishing each good
//! site as a new [`Snapshot`]; the HTTP server (`http.rs`) answers from the
//! latest snapshot and tells open pages, over server-sent events, to
//! reload or to show the problems. The search index is made on a thread
//! of its own after a round whose records changed, and joins the
//! snapshot when ready; pages never wait for it.

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
use session::{Files, Round, Session};
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
    /// A search index is in place (or could not be made).
    Search {
        elapsed: Duration,
        error: Option<&'a crate::Message>,
    },
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
            "{{\"generation\":{},\"ok\":{},\"problems\":[{}]}}",
            self.generation,
            self.problems.is_empty(),
            problems.join(",")
        )
    }
}

/// A search index's files: (path in the site, bytes).
type Bundle = Vec<(String, Vec<u8>)>;

/// What reaches the builder thread.
enum Msg {
    Changed(Vec<PathBuf>),
    #[cfg_attr(not(feature = "search"), allow(dead_code))]
    Bundle {
        records: u64,
        result: Result<Option<Bundle>, crate::Message>,
        elapsed: Duration,
    },
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
    let first = session.rebuild(&crate::pipeline::Changes::everything());
    let base_path = session.base_path();
    let (snap_tx, snap_rx) = tokio::sync::watch::channel(Arc::new(Snapshot {
        files: first.files.clone().unwrap_or_default(),
        generation: 1,
        rounds: 1,
        problems: lines(&first.problems, opts.lang),
        base_path: base_path.clone(),
        search_ready: false,
    }));
    report(ServeEvent::Built {
        problems: &first.problems,
        rendered: first.rendered,
        elapsed: first.elapsed,
        first: true,
    });
    let home = format!("{local}{base_path}");
    report(ServeEvent::Listening(&home));

    let lang = opts.lang;
    let builder_report = report.clone();
    std::thread::Builder::new()
        .name("etalase-build".into())
        .spawn(move || {
            builder(
                session,
                watcher,
                first,
                rx,
                tx,
                snap_tx,
                lang,
                &*builder_report,
            )
        })
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
/// round, and the search index made again in the background.
#[allow(clippy::too_many_arguments)]
fn builder(
    mut session: Session,
    mut watcher: watch::Watch,
    first: Round,
    rx: mpsc::Receiver<Msg>,
    tx: mpsc::Sender<Msg>,
    snap_tx: tokio::sync::watch::Sender<Arc<Snapshot>>,
    lang: Lang,
    report: &(dyn Fn(ServeEvent) + Send + Sync),
) {
    let mut generation = 1u64;
    // Which records the bundle in the snapshot was made from, and which
    // the pages have now.
    let mut records_made = 0u64;
    let mut records_now = 0u64;
    let mut indexing = false;
    let mut waiting: Option<(Records, Vec<crate::search::Record>)> = None;
    let search = SearchWorker::start(tx);
    let start_index =
        |records: Records, others: Vec<crate::search::Record>, id: u64, indexing: &mut bool| {
            *indexing = search.submit((records, others, id));
        };
    if let Some(records) = first.records {
        records_now += 1;
        start_index(records, first.other_records, records_now, &mut indexing);
    }
    loop {
        let Ok(msg) = rx.recv() else { return };
        let mut paths = Vec::new();
        let mut bundles = Vec::new();
        let mut push = |m: Msg, paths: &mut Vec<PathBuf>| match m {
            Msg::Changed(p) => paths.extend(p),
            b @ Msg::Bundle { .. } => bundles.push(b),
        };
        push(msg, &mut paths);
        if !paths.is_empty() {
            let start = std::time::Instant::now();
            while start.elapsed() < BATCH_MAX {
                match rx.recv_timeout(QUIET) {
                    Ok(m) => push(m, &mut paths),
                    Err(_) => break,
                }
            }
        }
        for b in bundles {
            let Msg::Bundle {
                records,
                result,
                elapsed,
            } = b
            else {
                continue;
            };
            indexing = false;
            match result {
                Ok(Some(bundle)) => {
                    let files = session.add_bundle(bundle);
                    records_made = records;
                    let problems = snap_tx.borrow().problems.clone();
                    publish(
                        &snap_tx,
                        false,
                        Some(files),
                        problems,
                        generation,
                        records_made == records_now,
                        session.base_path(),
                    );
                    report(ServeEvent::Search {
                        elapsed,
                        error: None,
                    });
                }
                Ok(None) => {}
                Err(e) => report(ServeEvent::Search {
                    elapsed,
                    error: Some(&e),
                }),
            }
            if let Some((r, o)) = waiting.take() {
                start_index(r, o, records_now, &mut indexing);
            }
        }
        if paths.is_empty() {
            continue;
        }
        watcher.refresh();
        let changes = session.classify(&paths);
        let round = session.rebuild(&changes);
        report(ServeEvent::Built {
            problems: &round.problems,
            rendered: round.rendered,
            elapsed: round.elapsed,
            first: false,
        });
        let problems = lines(&round.problems, lang);
        if round.files.is_some() {
            generation += 1;
        }
        if let Some(records) = round.records {
            records_now += 1;
            if indexing {
                waiting = Some((records, round.other_records));
            } else {
                start_index(records, round.other_records, records_now, &mut indexing);
            }
        }
        publish(
            &snap_tx,
            true,
            round.files,
            problems,
            generation,
            records_made == records_now,
            session.base_path(),
        );
    }
}

/// Makes a new snapshot the one served; `files` `None` keeps the site.
#[allow(clippy::too_many_arguments)]
fn publish(
    snap_tx: &tokio::sync::watch::Sender<Arc<Snapshot>>,
    new_round: bool,
    files: Option<Arc<Files>>,
    problems: Vec<String>,
    generation: u64,
    search_ready: bool,
    base_path: String,
) {
    let (files, rounds) = {
        let last = snap_tx.borrow();
        (
            files.unwrap_or_else(|| last.files.clone()),
            last.rounds + u64::from(new_round),
        )
    };
    snap_tx.send_replace(Arc::new(Snapshot {
        files,
        generation,
        rounds,
        problems,
        base_path,
        search_ready,
    }));
}

/// The search records of the entries, in entry order.
type Records = Vec<Arc<crate::search::Record>>;

/// What the search thread is asked to index: the records, and which
/// round's they are.
type IndexJob = (Records, Vec<crate::search::Record>, u64);

/// Makes the search index on one long-lived thread and sends each to the
/// builder. One thread for the whole session, not one per bundle: the
/// memory of a finished thread is handed back to the system by whichever
/// thread allocates next, which was the builder, in the middle of a round.
struct SearchWorker(Option<mpsc::Sender<IndexJob>>);

impl SearchWorker {
    #[cfg(feature = "search")]
    fn start(tx: mpsc::Sender<Msg>) -> SearchWorker {
        let (jobs, rx) = mpsc::channel::<IndexJob>();
        let spawned = std::thread::Builder::new()
            .name("etalase-search".into())
            .spawn(move || {
                for (records, others, id) in rx {
                    let started = std::time::Instant::now();
                    let (rtx, rrx) = mpsc::channel();
                    let n = records.len();
                    for (i, r) in records.into_iter().enumerate() {
                        let _ = rtx.send((i, Arc::unwrap_or_clone(r)));
                    }
                    drop(rtx);
                    let mut cost = crate::search::Cost::default();
                    let result = crate::search::Indexer::run(rrx, n, others, &mut cost);
                    let _ = tx.send(Msg::Bundle {
                        records: id,
                        result,
                        elapsed: started.elapsed(),
                    });
                }
            });
        SearchWorker(spawned.ok().map(|_| jobs))
    }

    #[cfg(not(feature = "search"))]
    fn start(_: mpsc::Sender<Msg>) -> SearchWorker {
        SearchWorker(None)
    }

    /// Asks for a bundle; false when this build has no search.
    fn submit(&self, job: IndexJob) -> bool {
        self.0.as_ref().is_some_and(|jobs| jobs.send(job).is_ok())
    }
}
