//! Rendering every page through the theme, in parallel.
//!
//! The theme is checked first (`prepare`), with the content, so its
//! problems come in the same report. The pages to render are the route
//! table's plan, in a fixed order; rayon renders them on all cores and
//! hands each to the output sink as soon as it is done, so memory does
//! not grow with the output. The sitemap is written from the same plan,
//! so it names exactly the pages that exist.

mod assets;
mod budget;
mod charts;
mod compact;
pub(crate) mod context;
pub(crate) mod jsonld;
mod pages;
pub(crate) mod reuse;
mod site_view;
mod sitemap;
mod templates;

mod views;

pub(crate) use assets::check_static;
#[cfg(feature = "serve")]
pub(crate) use budget::keep_running as budget_keep_running;
pub use budget::on_stuck;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::index::Site;
use crate::message::Message;
use crate::output::Sink;
use crate::paths;
use crate::routes::{self, Route};
use crate::theme::Theme;
use crate::urls::Urls;
use crate::yaml;
use context::Labels;
use rayon::prelude::*;
use std::sync::Mutex;
use tera::{Context, Tera, Value};

/// The templates a theme must have, one per kind of page.
const TEMPLATES: &[&str] = &[
    "index.html",
    "listing.html",
    "entry.html",
    "program.html",
    "event.html",
    "page.html",
    "terms.html",
    "search.html",
    "map.html",
    "stats.html",
    "data.html",
    "404.html",
];

/// What a render produced.
#[derive(Default, Debug)]
pub(crate) struct Stats {
    pub(crate) pages: usize,
    /// Every file written, relative to the output root, sorted.
    pub(crate) files: Vec<String>,
}

/// How a render failed.
pub(crate) enum Failure {
    /// Problems in the theme or its use: reported like content problems.
    Content(Vec<Diagnostic>),
    /// Writing the output failed.
    Io(Message),
}

/// The theme, checked and ready: its templates compiled, each language's
/// UI strings merged.
pub(crate) struct Prepared {
    theme: std::sync::Arc<Theme>,
    tera: Tera,
    strings: Vec<yaml::Value>,
}

/// Compiles the templates and reads the UI strings of every language of
/// the site, reporting every problem. Needs no content, so it runs beside
/// validation and before the output folder is touched.
pub(crate) fn prepare(
    config: &Config,
    theme: std::sync::Arc<Theme>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Prepared> {
    let before = diags.len();
    let tera = templates::load(&theme, diags);
    if let Some(tera) = &tera {
        for name in TEMPLATES {
            if !tera.contains_template(name) {
                diags.push(Diagnostic::file(
                    Code::TemplateMissing,
                    format!("themes/{}/templates/{name}", config.theme),
                    msg!("templat tidak ada", "template is missing"),
                ));
            }
        }
    }
    let mut strings = Vec::new();
    for code in &config.languages {
        match theme.i18n.get(code) {
            Some(sources) => strings.push(ui_strings(code, sources, diags)),
            None => diags.push(Diagnostic::file(
                Code::UiStrings,
                "site.yaml",
                {
                    let t = &config.theme;
                    msg!(
                        "tidak ada teks tampilan untuk bahasa `{code}`: tambahkan themes/{t}/i18n/{code}.yaml",
                        "no UI strings for language `{code}`: add themes/{t}/i18n/{code}.yaml"
                    )
                },
            )),
        }
    }
    missing_strings(config, &theme, &strings, diags);
    let tera = tera?;
    let errors = diags[before..]
        .iter()
        .any(|d| d.severity() == crate::diagnostic::Severity::Error);
    (!errors).then_some(Prepared {
        theme,
        tera,
        strings,
    })
}

/// One language's fixed parts, made once and shared by its pages.
pub(super) struct Lang<'a> {
    index: usize,
    names: &'a [String],
    urls: Urls,
    /// Every language's addresses, for the alternate-language links.
    all_urls: &'a [Urls],
    labels: Labels,
    tera: std::sync::Arc<Tera>,
    cards: Vec<Value>,
    /// Where the entry pages of the first language send their search
    /// records; `None` for the other languages and without search.
    records: Option<&'a Records>,
    /// What `serve` keeps between renders.
    reuse: Option<&'a reuse::Reuse>,
    /// The open data made for this render: the data, statistics and map
    /// pages show it.
    open: &'a crate::opendata::OpenData,
    /// This language's UI strings: the pages' trails are named with them.
    strings: &'a yaml::Value,
}

impl Lang<'_> {
    /// The UI string at `key` (`kinds.umkm`) of this language.
    pub(super) fn ui(&self, key: &str) -> String {
        let mut v = self.strings;
        for part in key.split('.') {
            match v.get(part) {
                Some(next) => v = next,
                None => return String::new(),
            }
        }
        v.as_str().unwrap_or_default().to_string()
    }

    /// After entry `i`'s page (`file`) is rendered: its search record,
    /// made from its description as plain text, goes to the indexer (a
    /// build) or is kept for the next round (serve). The first language's
    /// pages only: a record is one per entry.
    fn entry_rendered(&self, site: &Site, file: &str, i: usize, text: &str) {
        if self.index != 0 || (self.records.is_none() && self.reuse.is_none()) {
            return;
        }
        let record = crate::search::entry_record(site, i, text);
        if let Some(reuse) = self.reuse {
            reuse.record(file, i, Some(record.clone()));
        }
        if let Some(records) = self.records {
            let _ = records.send((i, record));
        }
    }
}

/// The search records, by entry index, on their way to the indexer.
pub(crate) type Records = std::sync::mpsc::Sender<(usize, crate::search::Record)>;

/// Renders every page of every language into `out`. With `reuse` (serve),
/// a page whose fingerprint is the last render's is not rendered nor
/// written again: it is listed in `Stats.files` and keeps its bytes.
/// With `only` (serve, an edit that moved nothing), just those pages, in
/// every language: no static files, no sitemap, and `Stats.files` lists
/// only what was written.
pub(crate) fn render_all(
    site: &Site,
    prepared: &Prepared,
    static_files: &[(String, std::path::PathBuf)],
    out: &dyn Sink,
    records: Option<&Records>,
    reuse: Option<&reuse::Reuse>,
    only: Option<&[routes::Job]>,
) -> Result<Stats, Failure> {
    let strings = &prepared.strings;
    let mut timer = crate::timings::Timer::new();
    let mut files: Vec<String> = Vec::new();
    let assets = std::sync::Arc::new(assets::copy_static(
        site,
        &prepared.theme,
        static_files,
        out,
        &mut files,
        only.is_none(),
    )?);
    timer.lap("  render: static files and pictures");
    // Made when a page that shows it is (a full render, or the map, the
    // statistics and the data page of an edit in place), written with it.
    let mut open = if only.is_none_or(|jobs| jobs.iter().any(|j| j.route.shows_open_data())) {
        crate::opendata::build(site, reuse.map(|r| r.open_data()))
            .map_err(|d| Failure::Content(vec![d]))?
    } else {
        crate::opendata::OpenData::default()
    };
    let open_files = open.files.iter_mut().map(|f| (&f.path, &mut f.pieces));
    for (path, pieces) in open_files.chain(open.map.iter_mut().map(|(p, b)| (&*p, b))) {
        // Handed over: the pages need only what `Info` says of it.
        out.write_pieces(path, std::mem::take(pieces))
            .map_err(|e| {
                Failure::Io(msg!(
                    "{path} tidak bisa ditulis: {e}",
                    "cannot write {path}: {e}"
                ))
            })?;
        files.push(path.clone());
    }
    timer.lap("  render: open data");
    let codes = &site.config.languages;
    let names: Vec<String> = strings
        .iter()
        .zip(codes)
        .map(|(s, code)| ui_text(s, "lang_name", code))
        .collect();
    let all_urls: Vec<Urls> = codes
        .iter()
        .enumerate()
        .map(|(li, code)| {
            let prefix = paths::language_prefix(li, code);
            Urls::new(&site.config.base_url, &site.config.base_path, &prefix)
        })
        .collect();

    let written = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let mut sitemap = Vec::new();
    let mut pages = 0;
    let watchdog = budget::Watchdog::new();
    std::thread::scope(|scope| {
        scope.spawn(|| watchdog.watch(|| out.abandon()));
        // Ends the watch however this closure ends, a panic included.
        let _finish = budget::Finish(&watchdog);
        for (li, code) in codes.iter().enumerate() {
            let urls = all_urls[li].clone();
            let months = strings[li]
                .get("months")
                .and_then(|m| m.as_sequence())
                .map(|s| {
                    s.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let labels = Labels {
                months,
                ended: ui_text(&strings[li], "event_ended", ""),
            };
            let cards = match reuse {
                Some(r) => r.cards(site, li, |i| {
                    context::card(site, &urls, &labels, &site.content.entries[i])
                }),
                None => context::cards(site, &urls, &labels),
            };
            timer.lap("  render: cards");
            let mut globals = Context::new();
            globals.insert("lang", code);
            globals.insert("t", &strings[li]);
            let view = site_view::site_view(site, &urls, li, &labels, &names);
            let global = reuse.map_or(0, |_| reuse::global(site, &view, li));
            globals.insert_value("site", view);
            timer.lap("  render: site view");
            let separator = ui_text(&strings[li], "thousands_sep", ".");
            let tera = match reuse {
                Some(r) => {
                    use std::hash::{Hash, Hasher};
                    let mut h = crate::hash::Fast::default();
                    global.hash(&mut h);
                    assets.hash(&mut h);
                    r.templates(li, h.finish(), || {
                        templates::with_globals(&prepared.tera, globals, separator, assets.clone())
                    })
                }
                None => std::sync::Arc::new(templates::with_globals(
                    &prepared.tera,
                    globals,
                    separator,
                    assets.clone(),
                )),
            };
            let lang = Lang {
                index: li,
                names: &names,
                urls,
                all_urls: &all_urls,
                labels,
                tera,
                cards,
                records: records.filter(|_| li == 0),
                reuse,
                open: &open,
                strings: &strings[li],
            };
            timer.lap("  render: templates");
            let list = match only {
                Some(jobs) => jobs.to_vec(),
                None => site.plan(li == 0),
            };
            // Each page's path once, for its rendering and the sitemap.
            let paths: Vec<String> = list.iter().map(|job| site.path(job)).collect();
            pages += list.len();
            list.par_iter().zip(&paths).for_each(|(job, path)| {
                let file = lang.urls.file(path);
                if let Some(r) = reuse {
                    if r.unchanged(&file, reuse::job(site, &lang, global, job, path)) {
                        if let (Route::Entry(i), 0) = (job.route, li) {
                            r.record(&file, i, None);
                        }
                        written.lock().unwrap().push(file);
                        return;
                    }
                }
                match pages::render(site, &lang, job, path, &file, &watchdog) {
                    Ok(page) => {
                        if let (Route::Entry(i), Some(text)) = (job.route, &page.text) {
                            lang.entry_rendered(site, &file, i, text);
                        }
                        match out.write(&file, &page.bytes) {
                            Ok(()) => written.lock().unwrap().push(file),
                            Err(e) => errors.lock().unwrap().push(Err(msg!(
                                "{file} tidak bisa ditulis: {e}",
                                "cannot write {file}: {e}"
                            ))),
                        }
                    }
                    Err(d) => errors.lock().unwrap().push(Ok(d)),
                }
            });
            timer.lap("  render: pages");
            let listed = list.iter().zip(&paths).filter(|(j, _)| j.listed());
            for (job, path) in listed.filter(|_| only.is_none()) {
                let lastmod = match job.route {
                    Route::Entry(i) => site.content.entries[i].updated.map(|d| d.iso()),
                    _ => None,
                };
                sitemap.push((lang.urls.permalink(path), lastmod));
            }
        }
    });
    let errors = errors.into_inner().unwrap();
    if let Some(Err(io)) = errors.iter().find(|e| e.is_err()) {
        return Err(Failure::Io(io.clone()));
    }
    if !errors.is_empty() {
        let mut diags: Vec<Diagnostic> = errors.into_iter().filter_map(Result::ok).collect();
        diags.sort();
        // One message per template is enough: the rest repeat it.
        diags.dedup_by(|a, b| a.path == b.path);
        return Err(Failure::Content(diags));
    }
    files.extend(written.into_inner().unwrap());
    if only.is_some() {
        return Ok(Stats { pages, files });
    }
    // The sitemap changes only with the pages' addresses and dates.
    let sitemap_fp = reuse.map(|_| {
        use std::hash::{Hash, Hasher};
        let mut h = crate::hash::Fast::default();
        site.config.base_url.hash(&mut h);
        sitemap.hash(&mut h);
        h.finish()
    });
    match (reuse, sitemap_fp) {
        (Some(r), Some(fp)) => match r.sitemap(fp) {
            Some(kept) => files.extend(kept),
            None => {
                let mut written = Vec::new();
                sitemap::write_sitemap(site, out, &sitemap, &mut written)?;
                r.sitemap_written(fp, written.clone());
                files.extend(written);
            }
        },
        _ => sitemap::write_sitemap(site, out, &sitemap, &mut files)?,
    }
    files.sort();
    files.dedup();
    timer.lap("  render: sitemap");
    Ok(Stats { pages, files })
}

/// The UI string `key` of one language, `default` when it has none.
fn ui_text(strings: &yaml::Value, key: &str, default: &str) -> String {
    strings
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(default)
        .to_string()
}

/// Reports, for each language, the UI strings another language has and it
/// lacks: a template that prints `t.KEY` would fail on its pages.
fn missing_strings(
    config: &Config,
    theme: &Theme,
    strings: &[yaml::Value],
    diags: &mut Vec<Diagnostic>,
) {
    if strings.len() != config.languages.len() || strings.len() < 2 {
        return;
    }
    let keys = |v: &yaml::Value| -> Vec<String> {
        v.as_mapping()
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let all: std::collections::BTreeSet<String> = strings.iter().flat_map(keys).collect();
    for (code, merged) in config.languages.iter().zip(strings) {
        let have: std::collections::HashSet<String> = keys(merged).into_iter().collect();
        let missing: Vec<&String> = all.iter().filter(|k| !have.contains(*k)).collect();
        if missing.is_empty() {
            continue;
        }
        let name = format!("i18n/{code}.yaml");
        let label = theme.i18n[code]
            .last()
            .map_or_else(|| name.clone(), |s| s.label(&name));
        let shown: Vec<String> = missing.iter().take(10).map(|k| format!("`{k}`")).collect();
        let (more_id, more_en) = if missing.len() > 10 {
            let n = missing.len() - 10;
            (format!(" dan {n} lainnya"), format!(" and {n} more"))
        } else {
            (String::new(), String::new())
        };
        // A warning: a theme may leave out strings its templates never
        // print for that language; one it prints fails the render anyway.
        diags.push(
            Diagnostic::file(
                Code::UiStringsMissing,
                label,
                {
                    let (n, list) = (missing.len(), shown.join(", "));
                    let one = n == 1;
                    msg!(
                        "{} teks tampilan yang dimiliki bahasa lain tidak ada: {}{}; halaman bahasa ini yang menampilkannya akan gagal", n, list, more_id;
                        "{} UI string{} that the other languages have {} missing: {}{}; pages in this language that print {} will fail",
                        n,
                        if one { "" } else { "s" },
                        if one { "is" } else { "are" },
                        list,
                        more_en,
                        if one { "it" } else { "them" },
                    )
                },
            ),
        );
    }
}

/// The UI strings of one language: the files read in order, each one's
/// keys replacing the previous ones'.
fn ui_strings(
    code: &str,
    sources: &[crate::theme::FileSource],
    diags: &mut Vec<Diagnostic>,
) -> yaml::Value {
    let mut merged = yaml::Mapping::new();
    for source in sources {
        let label = source.label(&format!("i18n/{code}.yaml"));
        let bytes = match source.read() {
            Ok(b) => b,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if bytes.len() as u64 > crate::load::MAX_ENTRY_FILE {
            let limit = crate::load::MAX_ENTRY_FILE;
            diags.push(Diagnostic::file(
                Code::TooLarge,
                label,
                crate::load::too_large(bytes.len() as u64, limit, Message::default()),
            ));
            continue;
        }
        // Read with the same budget as entries: a UI-strings file cannot
        // blow up through aliases either.
        match yaml::parse(&String::from_utf8_lossy(&bytes), 0) {
            Ok(yaml::Value::Mapping(m)) => merged.extend(m),
            Ok(yaml::Value::Null) => {}
            Ok(_) => diags.push(Diagnostic::file(
                Code::UiStrings,
                label,
                msg!(
                    "teks tampilan harus berupa baris `kunci: teks`",
                    "UI strings must be `key: text` lines"
                ),
            )),
            Err(e) => diags.push(Diagnostic::at(e.code, label, e.pos, e.message)),
        }
    }
    yaml::Value::Mapping(merged)
}
