//! Rendering every page through the theme, in parallel.
//!
//! The jobs are listed once, in a fixed order; rayon renders and writes
//! them on all cores, each page straight to its file, so memory does not
//! grow with the output. Sitemap and robots.txt are written from the same
//! list, so they name exactly the pages that exist.

mod compact;
pub mod context;
pub mod markdown;
mod templates;
pub mod urls;

use crate::diagnostic::Diagnostic;
use crate::index::Site;
use crate::model::Kind;
use crate::theme::Theme;
use crate::write::Output;
use context::{Labels, NamedLink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use tera::{Context, Tera, Value};
use urls::{paged, Urls};

/// What a build produced.
#[derive(Default, Debug)]
pub struct Stats {
    pub pages: usize,
    /// Every file written, relative to the output root, sorted.
    pub files: Vec<String>,
}

/// How a render failed.
pub enum Failure {
    /// Problems in the theme or its use: reported like content problems.
    Content(Vec<Diagnostic>),
    /// Writing the output failed.
    Io(String),
}

#[derive(Clone, Copy, Debug)]
enum What {
    Home,
    Kind(usize),
    Category(usize),
    District(usize),
    Terms(&'static str),
    Entry(usize),
    Programme(usize),
    Event(usize),
    Page(usize),
    NotFound,
}

#[derive(Clone, Copy, Debug)]
struct Job {
    what: What,
    /// 1-based page of a paginated listing.
    page: usize,
}

fn pages_for(count: usize, per: usize) -> usize {
    count.div_ceil(per).max(1)
}

/// The path (`umkm/halaman/2/`) of a job, without language prefix.
fn job_path(site: &Site, job: &Job) -> String {
    let base = match job.what {
        What::Home => String::new(),
        What::Kind(k) => format!("{}/", Kind::DIRECTORY[k].folder()),
        What::Category(c) => format!("kategori/{}/", site.config.categories[c].slug),
        What::District(d) => format!("kecamatan/{}/", site.config.districts[d].slug),
        What::Terms(by) => format!("{by}/"),
        What::Entry(i) => {
            let e = &site.content.entries[i];
            format!("{}/{}/", e.kind.folder(), e.slug)
        }
        What::Programme(i) => format!("program/{}/", site.content.programmes[i].slug),
        What::Event(i) => format!("acara/{}/", site.content.events[i].slug),
        What::Page(i) => format!("{}/", site.content.pages[i].slug),
        What::NotFound => return "404.html".into(),
    };
    paged(&base, job.page)
}

/// Every page of one language, in a fixed order.
fn jobs(site: &Site, default_language: bool) -> Vec<Job> {
    let per = site.config.paginate;
    let mut jobs = vec![Job {
        what: What::Home,
        page: 1,
    }];
    let listing = |what: What, count: usize, jobs: &mut Vec<Job>| {
        for page in 1..=pages_for(count, per) {
            jobs.push(Job { what, page });
        }
    };
    for k in 0..3 {
        listing(What::Kind(k), site.by_kind[k].len(), &mut jobs);
    }
    for (c, list) in site.by_category.iter().enumerate() {
        listing(What::Category(c), list.len(), &mut jobs);
    }
    for (d, list) in site.by_district.iter().enumerate() {
        listing(What::District(d), list.len(), &mut jobs);
    }
    jobs.extend((0..site.content.programmes.len()).map(|i| Job {
        what: What::Programme(i),
        page: 1,
    }));
    for by in ["kategori", "kecamatan", "program", "acara"] {
        jobs.push(Job {
            what: What::Terms(by),
            page: 1,
        });
    }
    jobs.extend((0..site.content.entries.len()).map(|i| Job {
        what: What::Entry(i),
        page: 1,
    }));
    jobs.extend((0..site.content.events.len()).map(|i| Job {
        what: What::Event(i),
        page: 1,
    }));
    jobs.extend((0..site.content.pages.len()).map(|i| Job {
        what: What::Page(i),
        page: 1,
    }));
    if default_language {
        jobs.push(Job {
            what: What::NotFound,
            page: 1,
        });
    }
    jobs
}

/// One language's fixed parts.
struct Lang {
    index: usize,
    names: Vec<String>,
    urls: Urls,
    labels: Labels,
    tera: Tera,
    cards: Vec<Value>,
}

pub fn render_all(
    site: &Site,
    theme: &Theme,
    static_files: &[(String, std::path::PathBuf)],
    out: &Output,
) -> Result<Stats, Failure> {
    let mut diags = Vec::new();
    let Some(base_tera) = templates::load(theme, &mut diags) else {
        return Err(Failure::Content(diags));
    };
    for name in [
        "index.html",
        "listing.html",
        "entry.html",
        "program.html",
        "event.html",
        "page.html",
        "terms.html",
        "404.html",
    ] {
        if !base_tera.contains_template(name) {
            diags.push(Diagnostic::file(
                format!("themes/{}/templates/{name}", site.config.theme),
                "template is missing",
            ));
        }
    }
    let mut strings = Vec::new();
    for code in &site.config.languages {
        match theme.i18n.get(code) {
            Some(sources) => strings.push(ui_strings(code, sources, &mut diags)),
            None => diags.push(Diagnostic::file(
                "site.yaml",
                format!(
                    "no UI strings for language `{code}`: add themes/{}/i18n/{code}.yaml",
                    site.config.theme
                ),
            )),
        }
    }
    if !diags.is_empty() {
        return Err(Failure::Content(diags));
    }
    let mut files: Vec<String> = Vec::new();
    let assets = copy_static(site, theme, static_files, out, &mut files)?;

    let written = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let mut sitemap = Vec::new();
    let mut pages = 0;
    for (li, code) in site.config.languages.iter().enumerate() {
        let prefix = if li == 0 {
            String::new()
        } else {
            format!("{code}/")
        };
        let urls = Urls::new(&site.config.base_url, &site.config.base_path, &prefix);
        let months = strings[li]
            .get("months")
            .and_then(|m| m.as_sequence())
            .map(|s| {
                s.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let labels = Labels { months };
        let cards = context::cards(site, &urls, &labels);
        let mut globals = Context::new();
        globals.insert("lang", code);
        globals.insert("t", &strings[li]);
        globals.insert("assets", &assets);
        let names: Vec<String> = strings
            .iter()
            .zip(&site.config.languages)
            .map(|(s, code)| {
                s.get("lang_name")
                    .and_then(|n| n.as_str())
                    .unwrap_or(code)
                    .to_string()
            })
            .collect();
        globals.insert_value("site", site_view(site, &urls, li, &labels, &names));
        let separator = strings[li]
            .get("thousands_sep")
            .and_then(|v| v.as_str())
            .unwrap_or(".")
            .to_string();
        let tera = templates::with_globals(&base_tera, globals, separator);
        let lang = Lang {
            index: li,
            names,
            urls,
            labels,
            tera,
            cards,
        };
        let list = jobs(site, li == 0);
        pages += list.len();
        list.par_iter().for_each(|job| {
            let path = job_path(site, job);
            let file = if matches!(job.what, What::NotFound) {
                path.clone()
            } else {
                lang.urls.file(&path)
            };
            match render_job(site, &lang, job, &path) {
                Ok(bytes) => match out.write(&file, &bytes) {
                    Ok(()) => written.lock().unwrap().push(file),
                    Err(e) => errors
                        .lock()
                        .unwrap()
                        .push(Err(format!("cannot write {file}: {e}"))),
                },
                Err(d) => errors.lock().unwrap().push(Ok(d)),
            }
        });
        for job in &list {
            if !matches!(job.what, What::NotFound) {
                let lastmod = match job.what {
                    What::Entry(i) => site.content.entries[i].updated.map(|d| d.iso()),
                    _ => None,
                };
                sitemap.push((lang.urls.permalink(&job_path(site, job)), lastmod));
            }
        }
    }
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
    write_sitemap(site, out, &sitemap, &mut files)?;
    files.sort();
    files.dedup();
    Ok(Stats { pages, files })
}

/// The UI strings of one language: the files read in order, each one's
/// keys replacing the previous ones'.
fn ui_strings(
    code: &str,
    sources: &[crate::theme::FileSource],
    diags: &mut Vec<Diagnostic>,
) -> crate::yaml::Value {
    let mut merged = crate::yaml::Mapping::new();
    for source in sources {
        let label = source.label(&format!("i18n/{code}.yaml"));
        let bytes = match source.read() {
            Ok(b) => b,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match crate::yaml::from_str::<crate::yaml::Value>(&String::from_utf8_lossy(&bytes)) {
            Ok(crate::yaml::Value::Mapping(m)) => merged.extend(m),
            Ok(crate::yaml::Value::Null) => {}
            Ok(_) => diags.push(Diagnostic::file(
                label,
                "UI strings must be a mapping of `key: text` lines",
            )),
            Err(e) => diags.push(Diagnostic::file(label, format!("invalid YAML: {e}"))),
        }
    }
    crate::yaml::Value::Mapping(merged)
}

#[derive(Serialize)]
struct PageMeta<'a> {
    template: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    description: &'a str,
    alternates: Vec<Alternate>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    url: String,
    permalink: String,
    current: bool,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total_pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// Pages listed each side of the current one in `pagination.pages`.
const PAGE_WINDOW: usize = 3;

fn pagination(urls: &Urls, base: &str, current: usize, total: usize) -> Pagination {
    Pagination {
        current,
        total_pages: total,
        prev_url: (current > 1).then(|| urls.page(&paged(base, current - 1))),
        next_url: (current < total).then(|| urls.page(&paged(base, current + 1))),
        // A window, not every page: listing every page on every page would
        // make a listing of N pages cost N² links.
        pages: (1..=total)
            .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= PAGE_WINDOW)
            .map(|n| PageLink {
                number: n,
                url: urls.page(&paged(base, n)),
                current: n == current,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ListingView<'a> {
    by: &'a str,
    key: &'a str,
    title: &'a str,
    kind: Option<&'a str>,
    code: Option<&'a str>,
    total: usize,
    entries: Vec<Value>,
    pagination: Pagination,
}

#[derive(Serialize)]
struct TermItem {
    name: String,
    url: String,
    count: Option<usize>,
    note: Option<String>,
}

#[derive(Serialize)]
struct HomeView {
    counts: Vec<KindCount>,
    total: usize,
    featured: Vec<Value>,
    latest: Vec<Value>,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    url: String,
    count: usize,
}

fn render_job(site: &Site, lang: &Lang, job: &Job, path: &str) -> Result<Vec<u8>, Diagnostic> {
    let urls = &lang.urls;
    let per = site.config.paginate;
    let mut ctx = Context::new();
    let slice = |list: &[usize]| -> Vec<Value> {
        list.iter()
            .skip((job.page - 1) * per)
            .take(per)
            .map(|&i| lang.cards[i].clone())
            .collect()
    };
    let (template, title, description): (&str, &str, &str) = match job.what {
        What::Home => {
            let home = HomeView {
                counts: kind_counts(site, urls),
                total: site.content.entries.len(),
                featured: site
                    .featured
                    .iter()
                    .map(|&i| lang.cards[i].clone())
                    .collect(),
                latest: site.latest.iter().map(|&i| lang.cards[i].clone()).collect(),
            };
            ctx.insert("home", &home);
            ("index", "", &site.config.description)
        }
        What::Kind(_) | What::Category(_) | What::District(_) => {
            let (by, key, title, code, list, base) = match job.what {
                What::Kind(k) => {
                    let f = Kind::DIRECTORY[k].folder();
                    ("kind", f, "", None, &site.by_kind[k], format!("{f}/"))
                }
                What::Category(c) => {
                    let cat = &site.config.categories[c];
                    (
                        "category",
                        cat.slug.as_str(),
                        cat.name.as_str(),
                        None,
                        &site.by_category[c],
                        format!("kategori/{}/", cat.slug),
                    )
                }
                What::District(d) => {
                    let dis = &site.config.districts[d];
                    (
                        "district",
                        dis.slug.as_str(),
                        dis.name.as_str(),
                        dis.code.as_deref(),
                        &site.by_district[d],
                        format!("kecamatan/{}/", dis.slug),
                    )
                }
                _ => unreachable!(),
            };
            let view = ListingView {
                by,
                key,
                title,
                kind: (by == "kind").then_some(key),
                code,
                total: list.len(),
                entries: slice(list),
                pagination: pagination(urls, &base, job.page, pages_for(list.len(), per)),
            };
            ctx.insert("listing", &view);
            ("listing", title, "")
        }
        What::Terms(by) => {
            let items = terms(site, urls, &lang.labels, by);
            ctx.insert("terms", &terms_view(by, items));
            ("terms", "", "")
        }
        What::Entry(i) => {
            let e = &site.content.entries[i];
            ctx.insert_value(
                "entry",
                context::entry(site, urls, &lang.labels, i, &lang.cards[i])?,
            );
            ("entry", e.name.as_str(), e.address.as_deref().unwrap_or(""))
        }
        What::Programme(i) => {
            // The showcase lists every entry of the programme on one page.
            let p = &site.content.programmes[i];
            let view = context::programme(site, urls, &lang.labels, i);
            let entries: Vec<Value> = site.by_programme[i]
                .iter()
                .map(|&e| lang.cards[e].clone())
                .collect();
            let value = context::merge(
                &Value::from_serializable(&view),
                Value::from_serializable(&ProgrammeEntries { entries }),
            );
            ctx.insert_value("program", value);
            (
                "program",
                p.name.as_str(),
                p.summary.as_deref().unwrap_or(""),
            )
        }
        What::Event(i) => {
            let ev = &site.content.events[i];
            ctx.insert(
                "event",
                &context::event(site, urls, &lang.labels, i, &lang.cards),
            );
            ("event", ev.name.as_str(), ev.venue.as_deref().unwrap_or(""))
        }
        What::Page(i) => {
            let p = &site.content.pages[i];
            ctx.insert(
                "content",
                &PageContent {
                    slug: &p.slug,
                    title: &p.title,
                    body_html: markdown::render(&p.body),
                },
            );
            ("page", p.title.as_str(), "")
        }
        What::NotFound => ("404", "", ""),
    };
    let is_404 = matches!(job.what, What::NotFound);
    let meta = PageMeta {
        template,
        title,
        url: if is_404 {
            urls.page("404.html")
        } else {
            urls.page(path)
        },
        permalink: urls.permalink(if is_404 { "404.html" } else { path }),
        description,
        alternates: alternates(site, path, is_404, &lang.names, lang.index),
    };
    ctx.insert("page", &meta);
    let name = format!("{template}.html");
    let mut buf = Vec::with_capacity(16 * 1024);
    lang.tera.render_to(&name, &ctx, &mut buf).map_err(|e| {
        let source = format!("themes/{}/templates/{name}", site.config.theme);
        Diagnostic::file(
            source,
            format!(
                "cannot render {}: {}",
                lang.urls.file(path),
                templates::flatten(&e)
            ),
        )
    })?;
    Ok(compact::compact(&buf))
}

#[derive(Serialize)]
struct ProgrammeEntries {
    entries: Vec<Value>,
}

#[derive(Serialize)]
struct PageContent<'a> {
    slug: &'a str,
    title: &'a str,
    body_html: String,
}

#[derive(Serialize)]
struct TermsView {
    by: &'static str,
    items: Vec<TermItem>,
}

fn terms_view(by: &'static str, items: Vec<TermItem>) -> TermsView {
    let by = match by {
        "kategori" => "category",
        "kecamatan" => "district",
        "program" => "program",
        _ => "event",
    };
    TermsView { by, items }
}

fn terms(site: &Site, urls: &Urls, labels: &Labels, by: &str) -> Vec<TermItem> {
    match by {
        "kategori" => site
            .config
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| TermItem {
                name: c.name.clone(),
                url: urls.page(&format!("kategori/{}/", c.slug)),
                count: Some(site.by_category[i].len()),
                note: None,
            })
            .collect(),
        "kecamatan" => site
            .config
            .districts
            .iter()
            .enumerate()
            .map(|(i, d)| TermItem {
                name: d.name.clone(),
                url: urls.page(&format!("kecamatan/{}/", d.slug)),
                count: Some(site.by_district[i].len()),
                note: d.code.clone(),
            })
            .collect(),
        "program" => site
            .content
            .programmes
            .iter()
            .enumerate()
            .map(|(i, p)| TermItem {
                name: p.name.clone(),
                url: urls.page(&format!("program/{}/", p.slug)),
                count: Some(site.by_programme[i].len()),
                note: p.summary.clone(),
            })
            .collect(),
        _ => site
            .content
            .events
            .iter()
            .map(|e| TermItem {
                name: e.name.clone(),
                url: urls.page(&format!("acara/{}/", e.slug)),
                count: None,
                note: Some(labels.date_time(&e.start)),
            })
            .collect(),
    }
}

fn kind_counts(site: &Site, urls: &Urls) -> Vec<KindCount> {
    Kind::DIRECTORY
        .iter()
        .enumerate()
        .map(|(k, kind)| KindCount {
            kind: kind.folder(),
            url: urls.page(&format!("{}/", kind.folder())),
            count: site.by_kind[k].len(),
        })
        .collect()
}

fn alternates(
    site: &Site,
    path: &str,
    is_404: bool,
    names: &[String],
    current: usize,
) -> Vec<Alternate> {
    if is_404 || site.config.languages.len() < 2 {
        return Vec::new();
    }
    site.config
        .languages
        .iter()
        .enumerate()
        .map(|(li, code)| {
            let prefix = if li == 0 {
                String::new()
            } else {
                format!("{code}/")
            };
            Alternate {
                lang: code.clone(),
                name: names[li].clone(),
                url: format!("{}{prefix}{path}", site.config.base_path),
                permalink: format!("{}{prefix}{path}", site.config.base_url),
                current: li == current,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    home_url: String,
    language: &'a str,
    languages: Vec<LanguageView>,
    extra: &'a crate::yaml::Value,
    kinds: Vec<KindCount>,
    categories: Vec<TermView<'a>>,
    districts: Vec<TermView<'a>>,
    programs: Vec<NamedLink<'a>>,
    events: Vec<EventItem<'a>>,
    pages: Vec<PageItem<'a>>,
    categories_url: String,
    districts_url: String,
    programs_url: String,
    events_url: String,
    generator: &'static str,
}

#[derive(Serialize)]
struct LanguageView {
    code: String,
    name: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct TermView<'a> {
    slug: &'a str,
    name: &'a str,
    code: Option<&'a str>,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct EventItem<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    start_label: String,
}

#[derive(Serialize)]
struct PageItem<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
}

fn site_view(site: &Site, urls: &Urls, current: usize, labels: &Labels, names: &[String]) -> Value {
    let c = &site.config;
    let view = SiteView {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        base_path: &c.base_path,
        home_url: urls.page(""),
        language: &c.language,
        languages: c
            .languages
            .iter()
            .enumerate()
            .map(|(li, code)| LanguageView {
                code: code.clone(),
                name: names[li].clone(),
                url: if li == 0 {
                    c.base_path.clone()
                } else {
                    format!("{}{code}/", c.base_path)
                },
                current: li == current,
            })
            .collect(),
        extra: &c.extra,
        kinds: kind_counts(site, urls),
        categories: c
            .categories
            .iter()
            .enumerate()
            .map(|(i, x)| TermView {
                slug: &x.slug,
                name: &x.name,
                code: None,
                url: urls.page(&format!("kategori/{}/", x.slug)),
                count: site.by_category[i].len(),
            })
            .collect(),
        districts: c
            .districts
            .iter()
            .enumerate()
            .map(|(i, x)| TermView {
                slug: &x.slug,
                name: &x.name,
                code: x.code.as_deref(),
                url: urls.page(&format!("kecamatan/{}/", x.slug)),
                count: site.by_district[i].len(),
            })
            .collect(),
        programs: site
            .content
            .programmes
            .iter()
            .map(|p| NamedLink {
                slug: &p.slug,
                name: &p.name,
                url: urls.page(&format!("program/{}/", p.slug)),
            })
            .collect(),
        events: site
            .content
            .events
            .iter()
            .map(|e| EventItem {
                slug: &e.slug,
                name: &e.name,
                url: urls.page(&format!("acara/{}/", e.slug)),
                start_label: labels.date_time(&e.start),
            })
            .collect(),
        pages: site
            .content
            .pages
            .iter()
            .map(|p| PageItem {
                slug: &p.slug,
                title: &p.title,
                url: urls.page(&format!("{}/", p.slug)),
            })
            .collect(),
        categories_url: urls.page("kategori/"),
        districts_url: urls.page("kecamatan/"),
        programs_url: urls.page("program/"),
        events_url: urls.page("acara/"),
        generator: "Etalase",
    };
    Value::from_serializable(&view)
}

#[derive(Serialize, Default)]
struct Assets {
    css: Option<String>,
    js: Option<String>,
}

/// Copies the theme's static files, the site's static/ (which wins over
/// the theme's) and the pictures kept beside entries; returns the asset
/// addresses with a version taken from their content, so browsers fetch
/// them again only when they change.
fn copy_static(
    site: &Site,
    theme: &Theme,
    static_files: &[(String, std::path::PathBuf)],
    out: &Output,
    files: &mut Vec<String>,
) -> Result<Assets, Failure> {
    let io = |e: std::io::Error, what: &str| Failure::Io(format!("cannot copy {what}: {e}"));
    let site_static: BTreeMap<&str, &std::path::PathBuf> = static_files
        .iter()
        .map(|(rel, abs)| (rel.as_str(), abs))
        .collect();
    let mut diags = Vec::new();
    let mut media: BTreeMap<&str, &str> = BTreeMap::new();
    for e in &site.content.entries {
        let pictures = e
            .logo
            .iter()
            .chain(&e.images)
            .chain(e.products.iter().filter_map(|p| p.image.as_ref()));
        for a in pictures {
            if let Some(from) = &a.copy_from {
                media.insert(a.output.as_str(), from.as_str());
            }
        }
    }
    for rel in site_static.keys() {
        if is_generated(site, rel) || media.contains_key(rel) {
            diags.push(Diagnostic::file(
                format!("static/{rel}"),
                "this file would replace a page or picture the site writes; rename or remove it",
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Failure::Content(diags));
    }
    let mut assets = Assets::default();
    for (rel, source) in &theme.static_files {
        let bytes = match site_static.get(rel.as_str()) {
            Some(abs) => std::fs::read(abs).map_err(|e| io(e, rel))?,
            None => source.read().map_err(|d| Failure::Io(d.to_string()))?,
        };
        let url = format!(
            "{}{}?v={:08x}",
            site.config.base_path,
            urls::encode_path(rel),
            fnv(&bytes) as u32
        );
        match rel.as_str() {
            "assets/etalase.css" => assets.css = Some(url),
            "assets/etalase.js" => assets.js = Some(url),
            _ => {}
        }
        if !site_static.contains_key(rel.as_str()) {
            out.write(rel, &bytes).map_err(|e| io(e, rel))?;
            files.push(rel.clone());
        }
    }
    let copies: Vec<(&str, std::path::PathBuf)> = site_static
        .iter()
        .map(|(rel, abs)| (*rel, (*abs).clone()))
        .chain(media.iter().map(|(to, from)| (*to, site.root.join(from))))
        .collect();
    copies
        .par_iter()
        .try_for_each(|(to, from)| out.copy(to, from).map_err(|e| io(e, to)))?;
    files.extend(copies.into_iter().map(|(to, _)| to.to_string()));
    Ok(assets)
}

/// True when a static file's path is one the site writes itself.
fn is_generated(site: &Site, rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    let top_dirs = crate::validate::RESERVED_PAGES;
    rel == "index.html"
        || rel == "404.html"
        || rel == "sitemap.xml"
        || rel == "robots.txt"
        || rel == crate::write::MANIFEST
        || (rel.ends_with("/index.html")
            && (top_dirs.contains(&first) || site.content.pages.iter().any(|p| p.slug == first)))
        || site.config.languages.iter().skip(1).any(|l| l == first)
}

/// FNV-1a: a small, stable content hash for cache busting.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Largest number of addresses in one sitemap file (the protocol's limit).
const SITEMAP_LIMIT: usize = 50_000;

fn write_sitemap(
    site: &Site,
    out: &Output,
    urls: &[(String, Option<String>)],
    files: &mut Vec<String>,
) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("cannot write the sitemap: {e}"));
    let chunks: Vec<&[(String, Option<String>)]> = urls.chunks(SITEMAP_LIMIT).collect();
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut xml = String::with_capacity(chunk.len() * 90 + 200);
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, lastmod) in chunk {
            xml.push_str("  <url><loc>");
            xml.push_str(&xml_escape(loc));
            xml.push_str("</loc>");
            if let Some(d) = lastmod {
                xml.push_str("<lastmod>");
                xml.push_str(d);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if chunks.len() <= 1 {
        out.write(
            "sitemap.xml",
            urlset(chunks.first().copied().unwrap_or(&[])).as_bytes(),
        )
        .map_err(io)?;
    } else {
        let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (i, chunk) in chunks.iter().enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            out.write(&name, urlset(chunk).as_bytes()).map_err(io)?;
            files.push(name.clone());
            index.push_str(&format!(
                "  <sitemap><loc>{}{name}</loc></sitemap>\n",
                xml_escape(&site.config.base_url)
            ));
        }
        index.push_str("</sitemapindex>\n");
        out.write("sitemap.xml", index.as_bytes()).map_err(io)?;
    }
    files.push("sitemap.xml".into());
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    out.write("robots.txt", robots.as_bytes()).map_err(io)?;
    files.push("robots.txt".into());
    Ok(())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
