//! The pipeline: the stages of a run, in their one order, for every
//! command that reads a site.
//!
//! ```text
//! inputs (site.yaml, theme) ─┐
//! discover (content/, static/) ─► read (each file, in parallel) ─► assemble
//!   (the checks across files, static/ against the route table) ─► settle
//!   (every problem so far, one report) ─► index (the frozen Site) ─► render
//!   (the route table's pages and the open data, into a sink) ─► search
//! ```
//!
//! `build` and `check` make a [`Pipeline`] and run it once; `serve` keeps
//! one and runs it again on every batch of changes, with what it keeps
//! between rounds (each file's read, the pages' fingerprints); `new` and
//! `import` read a site through its first stages. A round that edits
//! entries in place (nothing moved) goes through the same stages from
//! `read` on, with the index made from the last one.

use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::index::{self, Site};
use crate::load::{self, InputFile, SiteRoot};
use crate::message::Message;
use crate::output::Sink;
use crate::render::{self, reuse::Reuse};
use crate::validate::{self, FileRead};
use crate::{config, search, theme, timings::Timer};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Which site to read, and how.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub root: PathBuf,
    /// Used instead of site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Include entries marked `draft: true`.
    pub drafts: bool,
}

/// What `etalase build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site: SiteOptions,
    /// Defaults to `public/` in the site folder.
    pub output: Option<PathBuf>,
    /// Replace an output folder that holds files Etalase did not build.
    pub force: bool,
}

/// What a successful build or check made.
#[derive(Debug)]
pub struct Summary {
    /// umkm, koperasi, pkl.
    pub entries: [usize; 3],
    pub programmes: usize,
    pub events: usize,
    /// Free pages.
    pub pages: usize,
    /// Pages rendered.
    pub written: usize,
    /// Files in the output, pages included.
    pub files: usize,
    /// The output folder; `None` for a check, which writes nothing.
    pub output: Option<PathBuf>,
    /// Addresses the link check looked at (check only).
    pub links: usize,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Why a build failed; each maps to an exit code.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files (exit 1); warnings among them.
    Content(Vec<Diagnostic>),
    /// A wrong command or an output folder that may not be used (exit 2).
    Usage(Message),
    /// Reading or writing failed (exit 2).
    Io(Message),
}

/// The site folder, canonical, or why it cannot be opened.
pub(crate) fn open_site(dir: &Path) -> Result<SiteRoot, Message> {
    SiteRoot::new(dir).map_err(|e| {
        let p = dir.display();
        msg!(
            "folder situs {p} tidak bisa dibuka: {e}",
            "cannot open the site folder {p}: {e}"
        )
    })
}

/// The error for a folder without site.yaml.
pub(crate) fn not_a_site(folder: &Path) -> BuildError {
    let p = folder.display();
    BuildError::Usage(msg!(
        "{p} bukan situs Etalase: tidak ada site.yaml di sana (sebut folder situs dengan --root)",
        "{p} is not an Etalase site: it has no site.yaml (use --root to name the site folder)"
    ))
}

/// The site.yaml of a site folder: read inside the site only.
pub(crate) fn read_config(
    root: &SiteRoot,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<config::Config>, BuildError> {
    let path = root.path.join("site.yaml");
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !path.exists() {
        diags.push(Diagnostic::file(
            Code::LinkOutside,
            "site.yaml",
            msg!(
                "tautan simbolik ini rusak atau berputar; tidak diikuti",
                "symbolic link is broken or loops; it is not followed"
            ),
        ));
        return Ok(None);
    }
    if !path.exists() {
        return Err(not_a_site(&root.path));
    }
    if !root.contains(&path) {
        diags.push(Diagnostic::file(
            Code::LinkOutside,
            "site.yaml",
            msg!(
                "tautan simbolik ini mengarah ke luar folder situs; tidak diikuti",
                "symbolic link leads outside the site folder; it is not followed"
            ),
        ));
        return Ok(None);
    }
    match load::read_text(&path, "site.yaml", load::MAX_ENTRY_FILE) {
        Ok(text) => Ok(config::parse(&text, diags)),
        Err(d) => {
            diags.push(d);
            Ok(None)
        }
    }
}

/// Adds a stage's problems to the run's: an error stops the run with all
/// of them, the warnings found so far included; warnings alone go on.
pub(crate) fn settle(new: Vec<Diagnostic>, so_far: &mut Vec<Diagnostic>) -> Result<(), BuildError> {
    so_far.extend(new);
    if so_far.iter().any(|d| d.severity() == Severity::Error) {
        Err(BuildError::Content(diagnostic::finish(std::mem::take(
            so_far,
        ))))
    } else {
        Ok(())
    }
}

/// The site-wide inputs: site.yaml and the theme, checked and prepared.
struct Inputs {
    /// `None` when site.yaml cannot be used at all.
    config: Option<config::Config>,
    /// `None` when the theme has problems.
    prepared: Option<render::Prepared>,
    /// Their problems.
    diags: Vec<Diagnostic>,
}

/// Stage 1: site.yaml, built for `base_url` when given (else for
/// `local`, this server, under site.yaml's sub-path), and the theme.
fn inputs(root: &SiteRoot, base_url: Option<&str>, local: Option<&str>) -> Inputs {
    let mut diags = Vec::new();
    let config = match read_config(root, &mut diags) {
        Ok(c) => c,
        Err(BuildError::Content(d)) => {
            diags.extend(d);
            None
        }
        Err(BuildError::Usage(m) | BuildError::Io(m)) => {
            diags.push(Diagnostic::file(Code::SiteConfig, "site.yaml", m));
            None
        }
    };
    let Some(mut config) = config else {
        return Inputs {
            config: None,
            prepared: None,
            diags,
        };
    };
    let url = match (base_url, local) {
        (Some(u), _) => Some(u.to_string()),
        (None, Some(l)) => Some(format!("{l}{}", config.base_path)),
        (None, None) => None,
    };
    if let Some(url) = url {
        if let Err(e) = config.set_base_url(&url) {
            diags.push(Diagnostic::file(Code::SiteConfig, "site.yaml", e));
        }
    }
    let theme = theme::load(root, &config.theme, config.theme_pos, &mut diags);
    let prepared = render::prepare(&config, Arc::new(theme), &mut diags);
    Inputs {
        config: Some(config),
        prepared,
        diags,
    }
}

/// What changed since the last round (a build's only round: everything).
#[derive(Default)]
pub(crate) struct Changes {
    /// site.yaml or the theme.
    pub(crate) inputs: bool,
    /// A file of static/.
    pub(crate) statics: bool,
    /// An entry file or folder came or went: content/ is walked again.
    pub(crate) walk: bool,
    /// A picture beside the entries.
    pub(crate) pictures: bool,
    /// The entry files saved (paths in the site).
    pub(crate) entries: HashSet<String>,
}

impl Changes {
    /// Everything, as at the start.
    pub(crate) fn everything() -> Changes {
        Changes {
            inputs: true,
            statics: true,
            walk: true,
            pictures: true,
            entries: HashSet::new(),
        }
    }
}

/// A checked, indexed site, ready to render: all of it, or (an edit in
/// place) only the pages that show the entries edited.
pub(crate) struct Ready {
    pub(crate) site: Arc<Site>,
    /// The warnings so far.
    pub(crate) warnings: Vec<Diagnostic>,
    /// `Some`: only these pages, in every language.
    only: Option<Vec<crate::routes::Job>>,
    /// An edit in place: the files read again, to keep once it renders.
    fresh: Vec<(String, FileRead)>,
}

impl Ready {
    /// Whether this round renders only the pages of edited entries.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn in_place(&self) -> bool {
        self.only.is_some()
    }
}

/// What a round rendered.
pub(crate) struct Rendered {
    pub(crate) site: Arc<Site>,
    /// An edit in place: `stats.files` lists only what was written.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) in_place: bool,
    pub(crate) stats: render::Stats,
    pub(crate) warnings: Vec<Diagnostic>,
    /// With [`Search::Collect`]: every entry's search record, in entry
    /// order, when they changed since the last round.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) records: Option<Vec<Arc<search::Record>>>,
}

/// What a round does about search.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// Nothing (`check`: the bundle cannot fail on content).
    Skip,
    /// Made beside the pages and written through the same sink (`build`).
    Write,
    /// The records are handed back for a bundle made later (`serve`).
    Collect,
}

/// The stages' state: made once for `build` and `check`, kept between
/// rounds by `serve`.
pub(crate) struct Pipeline {
    opts: SiteOptions,
    root: SiteRoot,
    /// The address pages are built for when `--base-url` is not given
    /// (`serve`: this server, under site.yaml's sub-path).
    local: Option<String>,
    inputs: Inputs,
    files: Vec<InputFile>,
    /// The paths of `files`, to tell a saved file from a new one.
    known: HashSet<String>,
    discover_diags: Vec<Diagnostic>,
    static_files: Vec<(String, PathBuf)>,
    static_diags: Vec<Diagnostic>,
    /// Each content file's read, kept until it or site.yaml changes.
    reads: HashMap<String, Arc<FileRead>>,
    /// What rendering keeps for the next round.
    reuse: Option<Reuse>,
    /// The last good round's site, and whether it had no problem at all
    /// (warnings included): what an edit in place starts from.
    last: Option<Arc<Site>>,
    clean: bool,
    /// The search records of the last good round.
    records: Vec<Arc<search::Record>>,
    /// The pages an edit in place left for `render_later`.
    later: Vec<crate::routes::Job>,
}

impl Pipeline {
    /// Opens a site folder. `keep`: the state is kept between rounds
    /// (`serve`); `local`: the address to build for when `--base-url`
    /// is not given.
    pub(crate) fn open(
        opts: SiteOptions,
        keep: bool,
        local: Option<String>,
    ) -> Result<Pipeline, BuildError> {
        let root = open_site(&opts.root).map_err(BuildError::Usage)?;
        let site_yaml = root.path.join("site.yaml");
        if std::fs::symlink_metadata(&site_yaml).is_err() {
            return Err(not_a_site(&root.path));
        }
        if let Some(url) = &opts.base_url {
            config::parse_base_url(url).map_err(|e| {
                BuildError::Usage(msg!("--base-url: ", "--base-url: ").then("", &e))
            })?;
        }
        Ok(Pipeline {
            opts,
            root,
            local,
            inputs: Inputs {
                config: None,
                prepared: None,
                diags: Vec::new(),
            },
            files: Vec::new(),
            known: HashSet::new(),
            discover_diags: Vec::new(),
            static_files: Vec::new(),
            static_diags: Vec::new(),
            reads: HashMap::new(),
            reuse: keep.then(Reuse::default),
            last: None,
            clean: false,
            records: Vec::new(),
            later: Vec::new(),
        })
    }

    /// The site folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.root.path
    }

    /// The sub-path the site is served under (`/` or `/direktori/`).
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn base_path(&self) -> String {
        self.inputs
            .config
            .as_ref()
            .map_or_else(|| "/".into(), |c| c.base_path.clone())
    }

    /// The search records of the last good round, in entry order.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn records(&self) -> Vec<Arc<search::Record>> {
        self.records.clone()
    }

    /// Whether the last round left pages for `render_later`.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn has_later(&self) -> bool {
        !self.later.is_empty()
    }

    /// The pages of the last round's edit in place that were left for
    /// later, the open data with them, into `out`: `None` when none were.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn render_later(
        &mut self,
        out: &dyn Sink,
    ) -> Option<Result<render::Stats, render::Failure>> {
        let later = std::mem::take(&mut self.later);
        if later.is_empty() {
            return None;
        }
        let site = self.last.clone()?;
        let prepared = self.inputs.prepared.as_ref()?;
        Some(render::render_all(
            &site,
            prepared,
            &self.static_files,
            out,
            None,
            self.reuse.as_ref(),
            Some(&later),
        ))
    }

    /// Makes the next round a full one (an edit in place that failed is
    /// done again in full, which says what went wrong).
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn forget_last(&mut self) {
        self.last = None;
    }

    /// Whether `rel` (a path in the site) is a content file read before.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) fn knows(&self, rel: &str) -> bool {
        self.known.contains(rel)
    }

    /// The stages up to the index: what changed is read again, checked
    /// with the rest, and indexed. `Err` holds every problem when the
    /// site cannot be rendered; the warnings go with the site otherwise.
    pub(crate) fn prepare(
        &mut self,
        changes: &Changes,
        timer: &mut Timer,
    ) -> Result<Ready, Vec<Diagnostic>> {
        if let Some(ready) = self.in_place(changes) {
            return Ok(ready);
        }
        self.last = None;
        let keep = self.reuse.is_some();
        if changes.inputs {
            self.inputs = inputs(
                &self.root,
                self.opts.base_url.as_deref(),
                self.local.as_deref(),
            );
            self.reads.clear();
            if keep {
                self.reuse = Some(Reuse::default());
            }
        }
        if changes.statics {
            let mut diags = Vec::new();
            self.static_files = load::static_files(&self.root, &mut diags);
            self.static_diags = diags;
            // Pictures may be named from static/; asset addresses carry a
            // hash of their file.
            self.reads.clear();
            if keep {
                self.reuse = Some(Reuse::default());
            }
        }
        if changes.walk {
            let mut diags = Vec::new();
            self.files = load::discover(&self.root, &mut diags);
            self.known = self.files.iter().map(|f| f.rel.clone()).collect();
            self.discover_diags = diags;
        }
        if changes.pictures {
            self.reads.clear();
        }
        for rel in &changes.entries {
            self.reads.remove(rel);
            // A removed folder: everything that was under it.
            let dir = format!("{rel}/");
            self.reads.retain(|k, _| !k.starts_with(&dir));
        }
        let inputs = &self.inputs;
        let Some(config) = &inputs.config else {
            let mut p = inputs.diags.clone();
            p.extend(self.discover_diags.iter().cloned());
            p.extend(self.static_diags.iter().cloned());
            return Err(p);
        };
        timer.lap("load");
        // Read: each file on its own, in parallel, only when not read yet.
        let unread: Vec<&InputFile> = self
            .files
            .iter()
            .filter(|f| !self.reads.contains_key(&f.rel))
            .collect();
        let fresh = validate::read_files(&self.root, config, unread.iter().copied());
        for (f, r) in unread.iter().zip(fresh) {
            self.reads.insert(f.rel.clone(), Arc::new(r));
        }
        let reads: Vec<Arc<FileRead>> = self
            .files
            .iter()
            .filter_map(|f| self.reads.get(&f.rel).cloned())
            .collect();
        if !keep {
            // Nothing is read again: the reads need not outlive the round.
            self.reads.clear();
        }
        timer.lap("validate");
        // Assemble: the checks across files and static/ against the
        // addresses the site writes.
        let (validated, more) = validate::assemble(config, &reads, self.opts.drafts);
        drop(reads);
        let mut diags: Vec<Diagnostic> = inputs.diags.clone();
        diags.extend(self.discover_diags.iter().cloned());
        diags.extend(self.static_diags.iter().cloned());
        diags.extend(more);
        let claims = validated.claims();
        render::check_static(
            config,
            &validated.content,
            &claims,
            &self.static_files,
            &mut diags,
        );
        validate::check_private(&self.root, &claims, &validated.drafted, &mut diags);
        drop(claims);
        if inputs.prepared.is_none() || diags.iter().any(|d| d.severity() == Severity::Error) {
            return Err(diags);
        }
        timer.lap("assemble");
        let site = index::index(config.clone(), validated.content);
        timer.lap("index");
        Ok(Ready {
            site: Arc::new(site),
            warnings: diags,
            only: None,
            fresh: Vec::new(),
        })
    }

    /// An edit that moves nothing, made in place: when every changed file
    /// is a known entry file that was and is read without a problem, and
    /// each of its entries keeps everything the index sorts and groups by
    /// (`index::same_place`), the new site is the last one with those
    /// entries swapped, and only the pages that show them are rendered
    /// again (the same pages a full round would change, by the same
    /// fingerprints). `None` when the full round is needed.
    fn in_place(&mut self, changes: &Changes) -> Option<Ready> {
        if changes.inputs || changes.statics || changes.walk || changes.pictures {
            return None;
        }
        if changes.entries.is_empty() || !self.clean {
            return None;
        }
        let config = self.inputs.config.as_ref()?;
        let last = self.last.as_ref()?;
        let files: Vec<&InputFile> = changes
            .entries
            .iter()
            .map(|rel| self.files.iter().find(|f| &f.rel == rel))
            .collect::<Option<_>>()?;
        let fresh = validate::read_files(&self.root, config, files.iter().copied());
        let mut swaps = Vec::new();
        for (f, new) in files.iter().zip(&fresh) {
            let old = self.reads.get(&f.rel)?.clean_entries()?;
            let new = new.clean_entries()?;
            if old.len() != new.len() {
                return None;
            }
            for (o, n) in old.into_iter().zip(new) {
                if !index::same_place(o, n) {
                    return None;
                }
                if o.draft && !self.opts.drafts {
                    continue;
                }
                let i = last
                    .content
                    .entries
                    .iter()
                    .position(|e| Arc::ptr_eq(e, o))?;
                swaps.push((i, n.clone()));
            }
        }
        let site = last.with_entries(&swaps);
        let only = site.pages_showing(swaps.iter().map(|(i, _)| *i));
        Some(Ready {
            site: Arc::new(site),
            warnings: Vec::new(),
            only: Some(only),
            fresh: files.iter().map(|f| f.rel.clone()).zip(fresh).collect(),
        })
    }

    /// The render stage, and the search stage beside or after it: every
    /// page of `ready` (or only those of an edit in place) through the
    /// theme into `out`, reusing what the last round rendered when the
    /// pipeline keeps it.
    pub(crate) fn render(
        &mut self,
        ready: Ready,
        out: &dyn Sink,
        search: Search,
        timer: &mut Timer,
    ) -> Result<Rendered, render::Failure> {
        let Some(prepared) = &self.inputs.prepared else {
            unreachable!("a site whose theme has problems is never ready");
        };
        let Ready {
            site,
            warnings,
            mut only,
            fresh,
        } = ready;
        // An edit in place in `serve`: the pages made with the open data
        // come after the rest (`render_later`), so that the page edited is
        // served without waiting for the open data.
        self.later.clear();
        if let (Some(jobs), Some(_)) = (&mut only, &self.reuse) {
            self.later = jobs
                .iter()
                .filter(|j| j.route.shows_open_data())
                .copied()
                .collect();
            jobs.retain(|j| !j.route.shows_open_data());
        }
        let statics = &self.static_files;
        let reuse = self.reuse.take();
        let result = match search {
            Search::Write => search_beside(&site, prepared, statics, out, timer),
            Search::Skip | Search::Collect => render::render_all(
                &site,
                prepared,
                statics,
                out,
                None,
                reuse.as_ref(),
                only.as_deref(),
            ),
        };
        timer.lap("render");
        let stats = match result {
            Ok(s) => s,
            Err(f) => {
                self.reuse = reuse.map(Reuse::retry);
                return Err(f);
            }
        };
        let mut records = None;
        if let Some(mut reuse) = reuse {
            if only.is_some() {
                for (rel, r) in fresh {
                    self.reads.insert(rel, Arc::new(r));
                }
                let mut changed = false;
                for (i, r) in reuse.absorb() {
                    if let Some(slot) = self.records.get_mut(i) {
                        *slot = r;
                        changed = true;
                    }
                }
                self.reuse = Some(reuse);
                records = changed.then(|| self.records.clone());
            } else {
                let now = reuse.records();
                // A page rendered again has a new record; a kept one, the same.
                let same = now.len() == self.records.len()
                    && now
                        .iter()
                        .zip(&self.records)
                        .all(|(a, b)| Arc::ptr_eq(a, b));
                if !same {
                    self.records = now;
                    records = Some(self.records.clone());
                }
                self.reuse = Some(reuse.next());
            }
        }
        if only.is_none() {
            self.clean = warnings.is_empty();
        }
        self.last = Some(site.clone());
        Ok(Rendered {
            site,
            in_place: only.is_some(),
            stats,
            warnings,
            records: records.filter(|_| search == Search::Collect),
        })
    }
}

/// Renders every page into `out` and, with the `search` feature, indexes
/// the site beside it (its own thread, fed by the entry pages as they are
/// rendered), then writes the search index through the same sink.
fn search_beside(
    site: &Site,
    prepared: &render::Prepared,
    static_files: &[(String, PathBuf)],
    out: &dyn Sink,
    timer: &mut Timer,
) -> Result<render::Stats, render::Failure> {
    #[cfg(feature = "search")]
    {
        let (tx, rx) = std::sync::mpsc::channel();
        let entries = site.content.entries.len();
        let others = search::other_records(site);
        let mut cost = search::Cost::default();
        let (stats, bundle) = std::thread::scope(|scope| {
            let cost = &mut cost;
            let indexer = scope.spawn(move || search::Indexer::run(rx, entries, others, cost));
            let stats =
                render::render_all(site, prepared, static_files, out, Some(&tx), None, None);
            drop(tx);
            let bundle = indexer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (stats, bundle)
        });
        let mut stats = stats?;
        timer.lap("render+search");
        timer.span(
            "  of which, on the indexing thread: adding records",
            cost.adding,
        );
        timer.span("  and building the search index", cost.building);
        if let Some(files) = bundle.map_err(render::Failure::Io)? {
            // Thousands of small files: written in parallel, as pages are.
            use rayon::prelude::*;
            files.par_iter().try_for_each(|(path, bytes)| {
                out.write(path, bytes).map_err(|e| {
                    render::Failure::Io(msg!(
                        "{path} tidak bisa ditulis: {e}",
                        "cannot write {path}: {e}"
                    ))
                })
            })?;
            stats.files.extend(files.into_iter().map(|(path, _)| path));
            stats.files.sort();
        }
        timer.lap("bundle");
        Ok(stats)
    }
    #[cfg(not(feature = "search"))]
    {
        let _ = timer;
        render::render_all(site, prepared, static_files, out, None, None, None)
    }
}

/// Where a build's or a check's pages go.
enum Mode<'a> {
    Disk(&'a BuildOptions),
    /// In memory, for the link check; nothing is written.
    Check,
}

/// Builds the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    run(&opts.site, Mode::Disk(opts))
}

/// Runs every check of `build`, and a check of every internal link of the
/// pages it would write, writing nothing.
pub fn check(opts: &SiteOptions) -> Result<Summary, BuildError> {
    run(opts, Mode::Check)
}

/// One round of the pipeline, for `build` or `check`.
fn run(opts: &SiteOptions, mode: Mode) -> Result<Summary, BuildError> {
    let started = std::time::Instant::now();
    let mut timer = Timer::new();
    let mut pipeline = Pipeline::open(opts.clone(), false, None)?;
    let ready = match pipeline.prepare(&Changes::everything(), &mut timer) {
        Ok(r) => r,
        Err(problems) => return Err(BuildError::Content(diagnostic::finish(problems))),
    };
    let render_failure = |failure, warnings: &mut Vec<Diagnostic>| match failure {
        render::Failure::Content(d) => match settle(d, warnings) {
            Err(e) => e,
            Ok(()) => unreachable!("a failed render reports an error"),
        },
        render::Failure::Io(m) => BuildError::Io(m),
    };
    let root = pipeline.root().to_path_buf();
    let (rendered, output, links) = match mode {
        Mode::Disk(build) => {
            let target = build.output.clone().unwrap_or_else(|| root.join("public"));
            let disk = crate::output::Disk::prepare(&root, &target, build.force)
                .map_err(BuildError::Usage)?;
            let mut early = ready.warnings.clone();
            let rendered = match pipeline.render(ready, &disk, Search::Write, &mut timer) {
                Ok(r) => r,
                Err(failure) => {
                    disk.abort();
                    return Err(render_failure(failure, &mut early));
                }
            };
            let out_path = disk.target().to_path_buf();
            disk.commit(&rendered.stats.files).map_err(|e| {
                let p = out_path.display();
                BuildError::Io(msg!(
                    "keluaran baru tidak bisa dipasang di {p}: {e}",
                    "cannot put the new output in place at {p}: {e}"
                ))
            })?;
            timer.lap("swap");
            (rendered, Some(out_path), 0)
        }
        Mode::Check => {
            let memory = crate::output::Memory::looking(&root);
            let mut early = ready.warnings.clone();
            // No search index: it cannot fail on content, and building it
            // was most of a check's time and memory (its links are not
            // the pages' links).
            let rendered = pipeline
                .render(ready, &memory, Search::Skip, &mut timer)
                .map_err(|f| render_failure(f, &mut early))?;
            let files = memory.into_files();
            let mut diags = Vec::new();
            let site = &rendered.site;
            let links = crate::links::check(
                &files,
                &site.config.base_url,
                &site.config.base_path,
                &mut diags,
            );
            let mut all = rendered.warnings.clone();
            settle(diags, &mut all)?;
            timer.lap("links");
            let rendered = Rendered {
                warnings: all,
                ..rendered
            };
            (rendered, None, links)
        }
    };
    let site = &rendered.site;
    let count = |k| site.content.entries.iter().filter(|e| e.kind == k).count();
    use crate::model::Kind;
    Ok(Summary {
        entries: [count(Kind::Umkm), count(Kind::Koperasi), count(Kind::Pkl)],
        programmes: site.content.programmes.len(),
        events: site.content.events.len(),
        pages: site.content.pages.len(),
        written: rendered.stats.pages,
        files: rendered.stats.files.len() + 1,
        output,
        links,
        warnings: diagnostic::finish(rendered.warnings),
        elapsed: started.elapsed(),
    })
}

/// The stages `discover`, `read` and `assemble` alone, for the commands
/// that add to a site (`new`): every content file and what it gives,
/// drafts included (an item with problems gives its claim).
pub(crate) fn read_content(
    root: &SiteRoot,
    config: &config::Config,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<InputFile>, validate::Validated) {
    let files = load::discover(root, diags);
    let reads = validate::read_files(root, config, files.iter());
    let (validated, _) = validate::assemble(config, &reads, true);
    (files, validated)
}
