//! Etalase: a static site generator for a public directory of local
//! businesses.
//!
//! The pipeline, one module per stage (ARCHITECTURE.md draws it):
//! `load` (find and read files) → `validate` (check every field, every
//! reference; the theme is checked beside it by `render::prepare`) →
//! `index` (sort and group once) → `render` (the route table's pages
//! through the theme, in parallel, into an output sink) → the sink's
//! commit (`build`: a temporary folder swapped in whole) or the link check
//! (`check`: the site in memory, nothing written).
//!
//! The API is two calls, [`build`] and [`check`]; the rest is private to
//! the crate.

#[macro_use]
mod message;
mod clock;
mod codes;
mod config;
mod diagnostic;
#[cfg(test)]
mod fuzz;
mod hash;
mod import;
mod index;
mod init;
mod links;
mod load;
mod model;
mod opendata;
mod output;
mod render;
mod routes;
mod scaffold;
mod schema;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod slug;
mod source;
mod theme;
mod timings;
mod validate;
mod yaml;

pub use diagnostic::{Code, Diagnostic, Pos, Severity};
pub use import::{import, ImportOptions, ImportReport, RowStatus};
pub use init::{init, InitOptions, InitReport};
pub use message::{Lang, Message};
pub use render::on_stuck;
pub use scaffold::{new_item, NewOptions, NewReport};
#[cfg(feature = "serve")]
pub use serve::{serve, ServeEvent, ServeOptions, DEFAULT_PORT};

use model::Kind;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use timings::Timer;

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

/// The site.yaml of a site folder: read inside the site only.
pub(crate) fn read_config(
    root: &load::SiteRoot,
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

/// The site folder, canonical, or why it cannot be opened.
pub(crate) fn open_site(dir: &std::path::Path) -> Result<load::SiteRoot, Message> {
    load::SiteRoot::new(dir).map_err(|e| {
        let p = dir.display();
        msg!(
            "folder situs {p} tidak bisa dibuka: {e}",
            "cannot open the site folder {p}: {e}"
        )
    })
}

/// The error for a folder without site.yaml.
pub(crate) fn not_a_site(folder: &std::path::Path) -> BuildError {
    let p = folder.display();
    BuildError::Usage(msg!(
        "{p} bukan situs Etalase: tidak ada site.yaml di sana (sebut folder situs dengan --root)",
        "{p} is not an Etalase site: it has no site.yaml (use --root to name the site folder)"
    ))
}

/// Where the rendered site goes.
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

/// Adds a stage's problems to the run's: an error stops the run with all
/// of them, the warnings found so far included; warnings alone go on.
fn settle(new: Vec<Diagnostic>, so_far: &mut Vec<Diagnostic>) -> Result<(), BuildError> {
    so_far.extend(new);
    if so_far.iter().any(|d| d.severity() == Severity::Error) {
        Err(BuildError::Content(diagnostic::finish(std::mem::take(
            so_far,
        ))))
    } else {
        Ok(())
    }
}

/// Renders every page into `out` and, with the `search` feature and
/// `search` asked for, indexes the site beside it (its own thread, fed by
/// the entry pages as they are rendered), then writes the search bundle
/// through the same sink.
fn render_site(
    site: &index::Site,
    prepared: &render::Prepared,
    static_files: &[(String, PathBuf)],
    out: &dyn output::Sink,
    search: bool,
    timer: &mut Timer,
) -> Result<render::Stats, render::Failure> {
    #[cfg(feature = "search")]
    if search {
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
        timer.span("  and building the search bundle", cost.building);
        if let Some(files) = bundle.map_err(render::Failure::Io)? {
            for (path, bytes) in files {
                out.write(&path, &bytes).map_err(|e| {
                    render::Failure::Io(msg!(
                        "{path} tidak bisa ditulis: {e}",
                        "cannot write {path}: {e}"
                    ))
                })?;
                stats.files.push(path);
            }
            stats.files.sort();
        }
        timer.lap("bundle");
        return Ok(stats);
    }
    let _ = search;
    let stats = render::render_all(site, prepared, static_files, out, None, None, None);
    timer.lap("render");
    stats
}

fn run(opts: &SiteOptions, mode: Mode) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let root = open_site(&opts.root).map_err(BuildError::Usage)?;
    let mut diags = Vec::new();
    let config = read_config(&root, &mut diags)?;
    let files = load::discover(&root, &mut diags);
    let static_files = load::static_files(&root, &mut diags);
    let Some(mut config) = config else {
        return Err(BuildError::Content(diagnostic::finish(diags)));
    };
    if let Some(url) = &opts.base_url {
        config
            .set_base_url(url)
            .map_err(|e| BuildError::Usage(msg!("--base-url: ", "--base-url: ").then("", &e)))?;
    }
    let theme = theme::load(&root, &config.theme, config.theme_pos, &mut diags);
    let prepared = render::prepare(&config, std::sync::Arc::new(theme), &mut diags);
    timer.lap("load");
    let (validated, mut more) = validate::validate(&root, &config, &files, opts.drafts);
    timer.lap("validate");
    diags.append(&mut more);
    render::check_static(
        &config,
        &validated.content,
        &validated.claims(),
        &static_files,
        &mut diags,
    );
    let content = validated.content;
    let mut warnings = Vec::new();
    settle(diags, &mut warnings)?;
    let site = index::index(root.path.clone(), config, content);
    timer.lap("index");
    let Some(prepared) = prepared else {
        unreachable!("a theme that could not be prepared has reported a problem");
    };
    let render_failure = |failure, warnings: &mut Vec<Diagnostic>| match failure {
        render::Failure::Content(d) => match settle(d, warnings) {
            Err(e) => e,
            Ok(()) => unreachable!("a failed render reports an error"),
        },
        render::Failure::Io(m) => BuildError::Io(m),
    };
    let (stats, output, links) = match mode {
        Mode::Disk(build) => {
            let target = build
                .output
                .clone()
                .unwrap_or_else(|| root.path.join("public"));
            let disk = output::Disk::prepare(&root.path, &target, build.force)
                .map_err(BuildError::Usage)?;
            let stats = match render_site(&site, &prepared, &static_files, &disk, true, &mut timer)
            {
                Ok(s) => s,
                Err(failure) => {
                    disk.abort();
                    return Err(render_failure(failure, &mut warnings));
                }
            };
            let out_path = disk.target().to_path_buf();
            disk.commit(&stats.files).map_err(|e| {
                let p = out_path.display();
                BuildError::Io(msg!(
                    "keluaran baru tidak bisa dipasang di {p}: {e}",
                    "cannot put the new output in place at {p}: {e}"
                ))
            })?;
            timer.lap("swap");
            (stats, Some(out_path), 0)
        }
        Mode::Check => {
            let memory = output::Memory::default();
            // No search bundle: it cannot fail on content, and building it
            // was most of a check's time and memory (its links are not
            // the pages' links).
            let stats = render_site(&site, &prepared, &static_files, &memory, false, &mut timer)
                .map_err(|f| render_failure(f, &mut warnings))?;
            let files = memory.into_files();
            let mut diags = Vec::new();
            let links = links::check(
                &files,
                &site.config.base_url,
                &site.config.base_path,
                &mut diags,
            );
            settle(diags, &mut warnings)?;
            timer.lap("links");
            (stats, None, links)
        }
    };
    let count = |k: Kind| site.content.entries.iter().filter(|e| e.kind == k).count();
    Ok(Summary {
        entries: [count(Kind::Umkm), count(Kind::Koperasi), count(Kind::Pkl)],
        programmes: site.content.programmes.len(),
        events: site.content.events.len(),
        pages: site.content.pages.len(),
        written: stats.pages,
        files: stats.files.len() + 1,
        output,
        links,
        warnings: diagnostic::finish(warnings),
        elapsed: started.elapsed(),
    })
}
