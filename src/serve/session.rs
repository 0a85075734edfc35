//! The site kept in memory between builds: `serve`'s incremental build.
//!
//! A round runs the stages of `build` (load, validate, index, render) on
//! what changed since the last one:
//!
//! - each content file is read and checked again only when it changed
//!   (what a file gives depends on it and site.yaml alone);
//! - the checks across files, the index and the plan are made again
//!   whole: they are cheap, and they are what makes the result a full
//!   build's;
//! - a page is rendered again only when its fingerprint
//!   (`render::reuse`) changed; the others keep their bytes;
//! - site.yaml or the theme changing starts again from nothing, static/
//!   changing drops the fingerprints (asset addresses carry a hash).
//!
//! A round that finds an error changes nothing: the last good site keeps
//! being served.

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::{self, InputFile, SiteRoot};
use crate::output::{Memory, Stored};
use crate::render::reuse::Reuse;
use crate::validate::{self, FileRead};
use crate::{config, index, render, theme, BuildError, SiteOptions};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The files of one good build, by path in the site.
pub(crate) type Files = crate::hash::FastMap<String, Arc<Stored>>;

/// What a round changed.
pub(crate) struct Round {
    /// Every problem (the warnings of a good round, or the errors that
    /// stopped it).
    pub(crate) problems: Vec<Diagnostic>,
    /// The new site, when the round succeeded.
    pub(crate) files: Option<Arc<Files>>,
    /// Pages rendered this round.
    pub(crate) rendered: usize,
    /// The search records, in entry order, when the search bundle must
    /// be made again.
    pub(crate) records: Option<Vec<Arc<crate::search::Record>>>,
    /// Programmes, events and pages for the search bundle.
    pub(crate) other_records: Vec<crate::search::Record>,
    pub(crate) elapsed: Duration,
}

/// Site-wide inputs: read again when one of their files changes.
struct Inputs {
    config: config::Config,
    prepared: render::Prepared,
    /// Problems of site.yaml, the theme and the folders' walks.
    diags: Vec<Diagnostic>,
}

pub(crate) struct Session {
    opts: SiteOptions,
    root: SiteRoot,
    /// The address pages are built for when `--base-url` is not given:
    /// this server, under site.yaml's sub-path.
    local: String,
    inputs: Option<Inputs>,
    /// Problems that stop the site before a config or theme exists.
    input_problems: Vec<Diagnostic>,
    files: Vec<InputFile>,
    /// The paths of `files`, to tell a saved file from a new one.
    known: HashSet<String>,
    discover_diags: Vec<Diagnostic>,
    static_files: Vec<(String, PathBuf)>,
    static_diags: Vec<Diagnostic>,
    reads: HashMap<String, Arc<FileRead>>,
    reuse: Reuse,
    site: Arc<Files>,
    /// The search records of the last good round, to tell whether the
    /// bundle must be made again.
    records: Vec<Arc<crate::search::Record>>,
    other_records: Vec<crate::search::Record>,
    /// The last good round's site, and whether it had no problem at all
    /// (warnings included): what an edit in place starts from.
    last: Option<index::Site>,
    clean: bool,
}

/// What a changed path is to the site.
#[derive(Default)]
pub(crate) struct Changes {
    inputs: bool,
    statics: bool,
    walk: bool,
    pictures: bool,
    entries: HashSet<String>,
}

impl Session {
    pub(crate) fn new(opts: SiteOptions, local: String) -> Result<Session, BuildError> {
        let root = crate::open_site(&opts.root).map_err(BuildError::Usage)?;
        if !root.path.join("site.yaml").exists() {
            return Err(crate::not_a_site(&root.path));
        }
        let mut s = Session {
            opts,
            root,
            local,
            inputs: None,
            input_problems: Vec::new(),
            files: Vec::new(),
            known: HashSet::new(),
            discover_diags: Vec::new(),
            static_files: Vec::new(),
            static_diags: Vec::new(),
            reads: HashMap::new(),
            reuse: Reuse::default(),
            site: Arc::new(Files::default()),
            records: Vec::new(),
            other_records: Vec::new(),
            last: None,
            clean: false,
        };
        s.load_inputs();
        s.walk_content();
        s.walk_static();
        Ok(s)
    }

    /// The site folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.root.path
    }

    /// The sub-path the site is served under (`/` or `/direktori/`).
    pub(crate) fn base_path(&self) -> String {
        self.inputs
            .as_ref()
            .map_or_else(|| "/".into(), |i| i.config.base_path.clone())
    }

    fn load_inputs(&mut self) {
        let mut diags = Vec::new();
        self.inputs = None;
        self.input_problems.clear();
        let config = match crate::read_config(&self.root, &mut diags) {
            Ok(c) => c,
            Err(BuildError::Content(d)) => {
                diags.extend(d);
                None
            }
            Err(BuildError::Usage(m) | BuildError::Io(m)) => {
                diags.push(Diagnostic::file(crate::Code::SiteConfig, "site.yaml", m));
                None
            }
        };
        let Some(mut config) = config else {
            self.input_problems = diags;
            return;
        };
        let url = match &self.opts.base_url {
            Some(u) => u.clone(),
            None => format!("{}{}", self.local, config.base_path),
        };
        if let Err(e) = config.set_base_url(&url) {
            diags.push(Diagnostic::file(crate::Code::SiteConfig, "site.yaml", e));
        }
        let theme = theme::load(&self.root, &config.theme, config.theme_pos, &mut diags);
        match render::prepare(&config, Arc::new(theme), &mut diags) {
            Some(prepared) => {
                self.inputs = Some(Inputs {
                    config,
                    prepared,
                    diags,
                })
            }
            None => self.input_problems = diags,
        }
    }

    fn walk_content(&mut self) {
        let mut diags = Vec::new();
        self.files = load::discover(&self.root, &mut diags);
        self.known = self.files.iter().map(|f| f.rel.clone()).collect();
        self.discover_diags = diags;
    }

    fn walk_static(&mut self) {
        let mut diags = Vec::new();
        self.static_files = load::static_files(&self.root, &mut diags);
        self.static_diags = diags;
    }

    /// Sorts changed paths (absolute, as the watcher reports them) into
    /// what they change.
    pub(crate) fn classify(&self, paths: &[PathBuf]) -> Changes {
        let mut c = Changes::default();
        for p in paths {
            let Ok(rel) = p.strip_prefix(&self.root.path) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let top = rel.split('/').next().unwrap_or("");
            match top {
                "site.yaml" | "themes" => c.inputs = true,
                "static" => c.statics = true,
                "content" => {
                    let entry = rel.ends_with(".md")
                        || rel.ends_with(".markdown")
                        || rel.ends_with(".yaml")
                        || rel.ends_with(".yml");
                    let is_file = p.is_file();
                    if entry && is_file && self.known.contains(&rel) {
                        c.entries.insert(rel);
                    } else if entry || !is_file && !p.exists() || p.is_dir() {
                        // A new, removed or renamed entry file or folder.
                        c.walk = true;
                        c.entries.insert(rel);
                    } else {
                        c.pictures = true;
                    }
                }
                _ => {}
            }
        }
        c
    }

    /// Everything again, as at the start.
    pub(crate) fn everything() -> Changes {
        Changes {
            inputs: true,
            statics: true,
            walk: true,
            pictures: true,
            entries: HashSet::new(),
        }
    }

    /// One round: reads what changed, builds, and on success makes the
    /// result the site served.
    pub(crate) fn rebuild(&mut self, changes: &Changes) -> Round {
        let started = Instant::now();
        if let Some(round) = self.in_place(changes, started) {
            return round;
        }
        self.last = None;
        let mut timer = crate::timings::Timer::new();
        if changes.inputs {
            self.load_inputs();
            self.reads.clear();
            self.reuse = Reuse::default();
        }
        if changes.statics {
            self.walk_static();
            // Pictures may be named from static/; asset addresses carry a
            // hash of their file.
            self.reads.clear();
            self.reuse = Reuse::default();
        }
        if changes.walk {
            self.walk_content();
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
        let failed = |problems: Vec<Diagnostic>| Round {
            problems: diagnostic::finish(problems),
            files: None,
            rendered: 0,
            records: None,
            other_records: Vec::new(),
            elapsed: started.elapsed(),
        };
        let Some(inputs) = &self.inputs else {
            let mut p = self.input_problems.clone();
            p.extend(self.discover_diags.iter().cloned());
            return failed(p);
        };
        let config = &inputs.config;
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
        timer.lap("serve: read changed files");
        let (validated, more) = validate::assemble(config, &reads, self.opts.drafts);
        timer.lap("serve: checks across files");
        let mut diags: Vec<Diagnostic> = inputs.diags.clone();
        diags.extend(self.discover_diags.iter().cloned());
        diags.extend(self.static_diags.iter().cloned());
        diags.extend(more);
        render::check_static(
            config,
            &validated.content,
            &validated.claims(),
            &self.static_files,
            &mut diags,
        );
        if diags.iter().any(|d| d.severity() == Severity::Error) {
            return failed(diags);
        }
        let site = index::index(self.root.path.clone(), config.clone(), validated.content);
        timer.lap("serve: index");
        let memory = Memory::default();
        let reuse = std::mem::take(&mut self.reuse);
        let stats = render::render_all(
            &site,
            &inputs.prepared,
            &self.static_files,
            &memory,
            None,
            Some(&reuse),
            None,
        );
        let stats = match stats {
            Ok(s) => s,
            Err(f) => {
                self.reuse = reuse.retry();
                match f {
                    render::Failure::Content(d) => diags.extend(d),
                    render::Failure::Io(m) => {
                        diags.push(Diagnostic::file(crate::Code::Unreadable, "", m))
                    }
                }
                return failed(diags);
            }
        };
        timer.lap("serve: render");
        let mut new = memory.into_files();
        let rendered = new
            .keys()
            .filter(|k| k.ends_with(".html"))
            .count()
            .min(stats.pages);
        let mut files = Files::with_capacity_and_hasher(stats.files.len(), Default::default());
        for f in stats.files {
            let stored = match new.remove(&f) {
                Some(s) => Arc::new(s),
                None => match self.site.get(&f) {
                    Some(s) => s.clone(),
                    None => continue,
                },
            };
            files.insert(f, stored);
        }
        timer.lap("serve: merge");
        let records = reuse.records();
        let other = crate::search::other_records(&site);
        self.clean = diags.is_empty();
        self.last = Some(site);
        self.reuse = reuse.next();
        // A page rendered again has a new record; a kept one, the same.
        let same = records.len() == self.records.len()
            && records
                .iter()
                .zip(&self.records)
                .all(|(a, b)| Arc::ptr_eq(a, b));
        let search_changed = !same || other != self.other_records;
        if search_changed {
            self.records = records;
            self.other_records = other;
        }
        // Keep the last bundle: it stays in place while a new one is made.
        for (k, v) in self.site.iter() {
            if k.starts_with(crate::routes::SEARCH_BUNDLE) {
                files.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        self.site = Arc::new(files);
        timer.lap("serve: search records");
        Round {
            problems: diagnostic::finish(diags),
            files: Some(self.site.clone()),
            rendered,
            records: search_changed.then(|| self.records.clone()),
            other_records: self.other_records.clone(),
            elapsed: started.elapsed(),
        }
    }

    /// An edit that moves nothing, done in place: when every changed file
    /// is a known entry file that was and is read without a problem, and
    /// each of its entries keeps everything the index sorts and groups
    /// by, the site's order and groupings stay as they are. Then only the
    /// pages that show one of those entries are rendered again, and the
    /// result is the full round's (the same pages change, by the same
    /// fingerprints). `None` when the full round is needed.
    fn in_place(&mut self, changes: &Changes, started: Instant) -> Option<Round> {
        if changes.inputs || changes.statics || changes.walk || changes.pictures {
            return None;
        }
        if changes.entries.is_empty() || !self.clean {
            return None;
        }
        let inputs = self.inputs.as_ref()?;
        let site = self.last.as_mut()?;
        let files: Vec<&InputFile> = changes
            .entries
            .iter()
            .map(|rel| self.files.iter().find(|f| &f.rel == rel))
            .collect::<Option<_>>()?;
        let fresh = validate::read_files(&self.root, &inputs.config, files.iter().copied());
        let mut swaps = Vec::new();
        for (f, new) in files.iter().zip(&fresh) {
            let old = self.reads.get(&f.rel)?.clean_entries()?;
            let new = new.clean_entries()?;
            if old.len() != new.len() {
                return None;
            }
            for (o, n) in old.into_iter().zip(new) {
                if !same_place(o, n) {
                    return None;
                }
                if o.draft && !self.opts.drafts {
                    continue;
                }
                let i = site
                    .content
                    .entries
                    .iter()
                    .position(|e| Arc::ptr_eq(e, o))?;
                swaps.push((i, n.clone()));
            }
        }
        let jobs = pages_showing(site, swaps.iter().map(|(i, _)| *i));
        let olds: Vec<(usize, Arc<crate::model::Entry>)> = swaps
            .iter()
            .map(|(i, n)| {
                (
                    *i,
                    std::mem::replace(&mut site.content.entries[*i], n.clone()),
                )
            })
            .collect();
        let memory = Memory::default();
        let rendered = render::render_all(
            site,
            &inputs.prepared,
            &self.static_files,
            &memory,
            None,
            Some(&self.reuse),
            Some(&jobs),
        );
        if rendered.is_err() {
            // The full round says what went wrong, from the old entries.
            for (i, e) in olds {
                site.content.entries[i] = e;
            }
            self.reuse = std::mem::take(&mut self.reuse).retry();
            return None;
        }
        for (f, r) in files.iter().zip(fresh) {
            self.reads.insert(f.rel.clone(), Arc::new(r));
        }
        let mut files: Files = (*self.site).clone();
        let new = memory.into_files();
        let count = new.len();
        for (k, v) in new {
            files.insert(k, Arc::new(v));
        }
        self.site = Arc::new(files);
        let mut records_changed = false;
        for (i, r) in self.reuse.absorb() {
            if let Some(slot) = self.records.get_mut(i) {
                *slot = r;
                records_changed = true;
            }
        }
        Some(Round {
            problems: Vec::new(),
            files: Some(self.site.clone()),
            rendered: count,
            records: records_changed.then(|| self.records.clone()),
            other_records: self.other_records.clone(),
            elapsed: started.elapsed(),
        })
    }

    /// Puts a newly made search bundle into the site served.
    pub(crate) fn add_bundle(&mut self, bundle: Vec<(String, Vec<u8>)>) -> Arc<Files> {
        let mut files: Files = self
            .site
            .iter()
            .filter(|(k, _)| !k.starts_with(crate::routes::SEARCH_BUNDLE))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (path, bytes) in bundle {
            files.insert(path, Arc::new(Stored::Bytes(bytes)));
        }
        self.site = Arc::new(files);
        self.site.clone()
    }
}

/// Whether an entry read again stands where it stood: the same address,
/// sort key and name, groups (category, kecamatan, kelurahan,
/// programmes), home-page place (featured, date), draft state and
/// pictures (their copies are files of the site).
fn same_place(a: &crate::model::Entry, b: &crate::model::Entry) -> bool {
    let pictures = |e: &crate::model::Entry| -> Vec<(Option<String>, String)> {
        e.logo
            .iter()
            .chain(&e.images)
            .map(|p| (p.copy_from.clone(), p.output.clone()))
            .collect()
    };
    let programmes = |e: &crate::model::Entry| -> Vec<String> {
        e.programs.iter().map(|r| r.target.clone()).collect()
    };
    a.kind == b.kind
        && a.slug == b.slug
        && a.sort_key == b.sort_key
        && a.name == b.name
        && a.category == b.category
        && a.district == b.district
        && a.village == b.village
        && a.featured == b.featured
        && a.draft == b.draft
        && a.updated == b.updated
        && programmes(a) == programmes(b)
        && pictures(a) == pictures(b)
}

/// Every page that shows one of `entries` (indices in `site`): its own
/// page, the page of each listing, programme and event it is on, and the
/// home page when it is featured or among the latest. The pages
/// `pages::render_job` makes from an entry, and no other.
fn pages_showing(
    site: &index::Site,
    entries: impl Iterator<Item = usize>,
) -> Vec<crate::routes::Job> {
    use crate::routes::{Job, Route};
    let per = site.config.paginate;
    let mut jobs: Vec<Job> = Vec::new();
    let add = |route: Route, list: &[usize], i: usize, jobs: &mut Vec<Job>| {
        if let Some(at) = list.iter().position(|&x| x == i) {
            let job = Job {
                route,
                page: at / per + 1,
            };
            if !jobs
                .iter()
                .any(|j| j.route == job.route && j.page == job.page)
            {
                jobs.push(job);
            }
        }
    };
    for i in entries {
        let e = &site.content.entries[i];
        jobs.push(Job {
            route: Route::Entry(i),
            page: 1,
        });
        let k = index::kind_index(e.kind);
        add(Route::Kind(k), &site.by_kind[k], i, &mut jobs);
        add(
            Route::Category(e.category),
            &site.by_category[e.category],
            i,
            &mut jobs,
        );
        add(
            Route::District(e.district),
            &site.by_district[e.district],
            i,
            &mut jobs,
        );
        for (v, list) in site.by_village[e.district].iter().enumerate() {
            add(Route::Village(e.district, v), list, i, &mut jobs);
        }
        for &p in &site.entry_programmes[i] {
            add(Route::Programme(p), &site.by_programme[p], i, &mut jobs);
        }
        for &ev in &site.entry_events[i] {
            add(Route::Event(ev), &site.event_participants[ev], i, &mut jobs);
        }
        let home = site.featured.contains(&i) || site.latest.contains(&i);
        if home && !jobs.iter().any(|j| j.route == Route::Home) {
            jobs.push(Job {
                route: Route::Home,
                page: 1,
            });
        }
    }
    // The pages made from the open data: the map (names and points), the
    // statistics (certificates, scale, years) and the list of downloads
    // (their sizes) follow any edit.
    if !jobs.is_empty() {
        for route in [Route::Map, Route::Stats, Route::Data] {
            jobs.push(Job { route, page: 1 });
        }
    }
    jobs
}
