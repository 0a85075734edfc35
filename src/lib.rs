//! Etalase: a static site generator for a public directory of local
//! businesses.
//!
//! The pipeline, one module per stage:
//! `load` (find and read files) → `validate` (check every field, every
//! reference) → `index` (sort and group once) → `render` (pages through
//! the theme, in parallel) → `write` (a temporary folder swapped in whole).

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod index;
pub mod load;
pub mod model;
pub mod render;
pub mod slug;
pub mod source;
pub mod theme;
pub mod validate;
pub mod write;
pub mod yaml;

use diagnostic::Diagnostic;
use model::Kind;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `etalase build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` in the site folder.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub force: bool,
}

/// What a successful build made.
#[derive(Debug)]
pub struct Summary {
    /// umkm, koperasi, pkl.
    pub entries: [usize; 3],
    pub programmes: usize,
    pub events: usize,
    pub pages: usize,
    pub written: usize,
    pub files: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
}

/// Why a build failed; each maps to an exit code.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files (exit 1).
    Content(Vec<Diagnostic>),
    /// A wrong command or an output folder that may not be used (exit 2).
    Usage(String),
    /// Reading or writing failed (exit 2).
    Io(String),
}

/// The site.yaml of a site folder: read inside the site only.
fn read_config(
    root: &load::SiteRoot,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<config::Config>, BuildError> {
    let path = root.path.join("site.yaml");
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !path.exists() {
        diags.push(Diagnostic::file(
            "site.yaml",
            "symbolic link is broken or loops; it is not followed",
        ));
        return Ok(None);
    }
    if !path.exists() {
        return Err(BuildError::Usage(format!(
            "{} is not an Etalase site: it has no site.yaml (use --root to name the site folder)",
            root.path.display()
        )));
    }
    if !root.contains(&path) {
        diags.push(Diagnostic::file(
            "site.yaml",
            "symbolic link leads outside the site folder; it is not followed",
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

/// Prints how long a stage took when `ETALASE_TIMINGS` is set: for
/// profiling a build without a profiler.
struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            on: std::env::var_os("ETALASE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            // Resident memory now and at its peak, from the kernel (Linux).
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let mib = |name: &str| {
                status
                    .lines()
                    .find(|l| l.starts_with(name))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<u64>().ok())
                    .map_or(0, |kb| kb / 1024)
            };
            eprintln!(
                "timing: {stage:<10} {:>8.1} ms  rss {:>5} MiB  peak {:>5} MiB",
                self.last.elapsed().as_secs_f64() * 1000.0,
                mib("VmRSS:"),
                mib("VmHWM:")
            );
        }
        self.last = Instant::now();
    }
}

/// Builds the site: load, validate, index, render, write.
pub fn build(opts: &BuildOptions) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let root = load::SiteRoot::new(&opts.root).map_err(|e| {
        BuildError::Usage(format!(
            "cannot open the site folder {}: {e}",
            opts.root.display()
        ))
    })?;
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
            .map_err(|e| BuildError::Usage(format!("--base-url: {e}")))?;
    }
    let theme = theme::load(&root, &config.theme, config.theme_pos, &mut diags);
    timer.lap("load");
    let (content, mut more) = validate::validate(&root, &config, &files, opts.drafts);
    timer.lap("validate");
    diags.append(&mut more);
    if !diags.is_empty() {
        return Err(BuildError::Content(diagnostic::finish(diags)));
    }
    let target = opts
        .output
        .clone()
        .unwrap_or_else(|| root.path.join("public"));
    let output =
        write::Output::prepare(&root.path, &target, opts.force).map_err(BuildError::Usage)?;
    let site = index::index(root.path.clone(), config, content);
    timer.lap("index");
    let stats = match render::render_all(&site, &theme, &static_files, &output) {
        Ok(s) => s,
        Err(failure) => {
            output.abort();
            return Err(match failure {
                render::Failure::Content(d) => BuildError::Content(diagnostic::finish(d)),
                render::Failure::Io(m) => BuildError::Io(m),
            });
        }
    };
    timer.lap("render");
    let out_path = output.target().to_path_buf();
    output.commit(&stats.files).map_err(|e| {
        BuildError::Io(format!(
            "cannot put the new output in place at {}: {e}",
            out_path.display()
        ))
    })?;
    timer.lap("swap");
    let count = |k: Kind| site.content.entries.iter().filter(|e| e.kind == k).count();
    Ok(Summary {
        entries: [count(Kind::Umkm), count(Kind::Koperasi), count(Kind::Pkl)],
        programmes: site.content.programmes.len(),
        events: site.content.events.len(),
        pages: site.content.pages.len(),
        written: stats.pages,
        files: stats.files.len() + 1,
        output: out_path,
        elapsed: started.elapsed(),
    })
}
