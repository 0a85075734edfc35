//! The site kept in memory between builds: `serve`'s rounds of the
//! pipeline.
//!
//! A round is one run of `pipeline::Pipeline` on what changed since the
//! last one (each content file read and checked again only when it
//! changed; a page rendered again only when its fingerprint changed),
//! and the files it rendered merged into the site served: a page kept as
//! it was keeps its bytes. A round that finds an error changes nothing:
//! the last good site keeps being served.

use crate::diagnostic::{self, Diagnostic};
use crate::output::{Memory, Stored};
use crate::paths;
use crate::pipeline::{Changes, Pipeline, Search};
use crate::{BuildError, SiteOptions};
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
    /// How long making the search index again took, when it was.
    pub(crate) search: Option<Duration>,
    pub(crate) elapsed: Duration,
}

pub(crate) struct Session {
    pipeline: Pipeline,
    site: Arc<Files>,
    /// The last good round's records of programmes and events.
    other_records: Vec<crate::search::Record>,
    /// The records prepared for the search index, kept between rounds.
    #[cfg(feature = "search")]
    search: crate::search::Cache,
}

impl Session {
    pub(crate) fn new(opts: SiteOptions, local: String) -> Result<Session, BuildError> {
        Ok(Session {
            pipeline: Pipeline::open(opts, true, Some(local))?,
            site: Arc::new(Files::default()),
            other_records: Vec::new(),
            #[cfg(feature = "search")]
            search: crate::search::Cache::default(),
        })
    }

    /// The site folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        self.pipeline.root()
    }

    /// The sub-path the site is served under (`/` or `/direktori/`).
    pub(crate) fn base_path(&self) -> String {
        self.pipeline.base_path()
    }

    /// Sorts changed paths (absolute, as the watcher reports them) into
    /// what they change.
    pub(crate) fn classify(&self, paths: &[PathBuf]) -> Changes {
        let mut c = Changes::default();
        for p in paths {
            let Ok(rel) = p.strip_prefix(self.root()) else {
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
                    if entry && is_file && self.pipeline.knows(&rel) {
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

    /// One round: reads what changed, builds, and on success makes the
    /// result the site served. An edit in place hands `early` the site
    /// with its pages and search index before the open data and the pages
    /// made with it (the map, statistics, downloads) follow.
    pub(crate) fn rebuild(
        &mut self,
        changes: &Changes,
        early: &mut dyn FnMut(Arc<Files>),
    ) -> Round {
        let started = Instant::now();
        let mut timer = crate::timings::Timer::new();
        let failed = |problems: Vec<Diagnostic>| Round {
            problems: diagnostic::finish(problems),
            files: None,
            rendered: 0,
            search: None,
            elapsed: started.elapsed(),
        };
        let memory = Memory::new(self.pipeline.root());
        let rendered = match self.pipeline.prepare(changes, &mut timer) {
            Err(problems) => return failed(problems),
            Ok(ready) => {
                timer.lap("serve: prepare");
                let in_place = ready.in_place();
                let mut warnings = ready.warnings.clone();
                match self
                    .pipeline
                    .render(ready, &memory, Search::Collect, &mut timer)
                {
                    Ok(r) => r,
                    // The full round says what went wrong, from the old
                    // entries.
                    Err(_) if in_place => {
                        self.pipeline.forget_last();
                        return self.rebuild(changes, early);
                    }
                    Err(crate::render::Failure::Content(d)) => {
                        warnings.extend(d);
                        return failed(warnings);
                    }
                    Err(crate::render::Failure::Io(m)) => {
                        warnings.push(Diagnostic::file(crate::Code::Unreadable, "", m));
                        return failed(warnings);
                    }
                }
            }
        };
        let mut new = memory.into_files();
        #[cfg_attr(not(feature = "search"), allow(unused_mut))]
        let (mut files, count) = if rendered.in_place {
            // Only what it wrote changes.
            let mut files: Files = (*self.site).clone();
            let count = new.len();
            for (k, v) in new {
                files.insert(k, Arc::new(v));
            }
            (files, count)
        } else {
            let count = new
                .keys()
                .filter(|k| k.ends_with(".html"))
                .count()
                .min(rendered.stats.pages);
            let mut files =
                Files::with_capacity_and_hasher(rendered.stats.files.len(), Default::default());
            for f in &rendered.stats.files {
                let stored = match new.remove(f) {
                    Some(s) => Arc::new(s),
                    None => match self.site.get(f) {
                        Some(s) => s.clone(),
                        None => continue,
                    },
                };
                files.insert(f.clone(), stored);
            }
            // Keep the last index: made again below only when a record
            // changed.
            for (k, v) in self.site.iter() {
                if k.starts_with(paths::SEARCH_INDEX) {
                    files.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            (files, count)
        };
        timer.lap("serve: merge");
        let mut search_changed = rendered.records.is_some();
        if !rendered.in_place {
            let other = crate::search::other_records(&rendered.site);
            if other != self.other_records {
                self.other_records = other;
                search_changed = true;
            }
        }
        // The index, in the same round as the pages: a save is searchable
        // when its page is.
        #[cfg_attr(not(feature = "search"), allow(unused_mut))]
        let mut search = None;
        #[cfg(feature = "search")]
        if search_changed {
            let start = Instant::now();
            let index = self
                .search
                .index(&self.pipeline.records(), &self.other_records);
            // A file the index no longer has goes; one it kept keeps its
            // bytes.
            let listed: std::collections::HashSet<&str> =
                index.iter().map(|(p, _)| p.as_str()).collect();
            files.retain(|k, _| !k.starts_with(paths::SEARCH_INDEX) || listed.contains(k.as_str()));
            drop(listed);
            for (path, bytes) in index {
                if let Some(bytes) = bytes {
                    files.insert(path, Arc::new(Stored::Bytes(bytes)));
                }
            }
            search = Some(start.elapsed());
            timer.lap("serve: search index");
        }
        #[cfg(not(feature = "search"))]
        let _ = search_changed;
        self.site = Arc::new(files);
        let mut count = count;
        let memory = Memory::new(self.pipeline.root());
        if self.pipeline.has_later() {
            early(self.site.clone());
            timer.lap("serve: published early");
        }
        if let Some(later) = self.pipeline.render_later(&memory) {
            let stats = match later {
                Ok(stats) => stats,
                Err(e) => {
                    // The next round is a full one, and says it again.
                    self.pipeline.forget_last();
                    let mut problems = rendered.warnings;
                    match e {
                        crate::render::Failure::Content(d) => problems.extend(d),
                        crate::render::Failure::Io(m) => {
                            problems.push(Diagnostic::file(crate::Code::Unreadable, "", m))
                        }
                    }
                    return failed(problems);
                }
            };
            let mut files: Files = (*self.site).clone();
            let new = memory.into_files();
            count += new
                .keys()
                .filter(|k| k.ends_with(".html"))
                .count()
                .min(stats.pages);
            for (k, v) in new {
                files.insert(k, Arc::new(v));
            }
            self.site = Arc::new(files);
            timer.lap("serve: open data and its pages");
        }
        Round {
            problems: diagnostic::finish(rendered.warnings),
            files: Some(self.site.clone()),
            rendered: count,
            search,
            elapsed: started.elapsed(),
        }
    }
}
