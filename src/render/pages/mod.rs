//! One page of the site: a function per route makes its view
//! (`home.rs`, `listing.rs`, `entry.rs`, `showcase.rs`, `other.rs`), and
//! `finish` puts every page's common parts (its title, trail,
//! alternates, structured data) beside it and renders the template.

mod entry;
mod home;
mod listing;
mod other;
mod showcase;

use super::jsonld::{self, Crumb};
use super::{budget, compact, templates, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::index::Site;
use crate::paths::paged;
use crate::routes::{Job, Route};
use crate::urls::Urls;
use serde::Serialize;
use tera::{Context, Value};

/// A page as its route's function makes it, before the common parts.
struct Page {
    /// The template, without `.html`.
    template: &'static str,
    /// The page's own title (empty: the template's).
    title: String,
    description: String,
    /// An entry's picture for previews (og:image).
    image: Option<String>,
    /// The trail from the home page to this page (the last is this page).
    crumbs: Vec<Crumb>,
    /// Its structured data's nodes, besides the trail.
    nodes: Vec<serde_json::Value>,
    /// The Atom feed of what the page lists, when it has one.
    feed_url: Option<String>,
    /// The views its template reads (`entry`, `listing`, ...).
    ctx: Context,
}

impl Page {
    /// A page of `template` whose trail starts at the home page.
    fn new(template: &'static str, lang: &Lang) -> Page {
        Page {
            template,
            title: String::new(),
            description: String::new(),
            image: None,
            crumbs: vec![crumb(&lang.urls, &lang.ui("home"), "")],
            nodes: Vec::new(),
            feed_url: None,
            ctx: Context::new(),
        }
    }

    /// Adds a step to the trail: `path` is a page path.
    fn crumb(&mut self, urls: &Urls, name: &str, path: &str) {
        self.crumbs.push(crumb(urls, name, path));
    }
}

/// A rendered page and, for an entry's page, its description as plain
/// text (what its search record is made from).
pub(super) struct Rendered {
    pub(super) bytes: Vec<u8>,
    pub(super) text: Option<String>,
}

/// Renders the page of `job` at `path` (its output file `file`).
pub(super) fn render(
    site: &Site,
    lang: &Lang,
    job: &Job,
    path: &str,
    file: &str,
    watchdog: &budget::Watchdog,
) -> Result<Rendered, Diagnostic> {
    let mut text = None;
    let page = match job.route {
        Route::Home => home::page(site, lang),
        Route::Kind(k) => listing::kind(site, lang, job.page, path, k),
        Route::Category(c) => listing::category(site, lang, job.page, path, c),
        Route::District(d) => listing::district(site, lang, job.page, path, d),
        Route::Village(d, v) => listing::village(site, lang, job.page, path, d, v),
        Route::Terms(by) => other::terms(site, lang, path, by),
        Route::Entry(i) => {
            let (page, plain) = entry::page(site, lang, path, i)?;
            text = Some(plain);
            page
        }
        Route::Programme(i) => showcase::programme(site, lang, job.page, path, i),
        Route::Event(i) => showcase::event(site, lang, job.page, path, i),
        Route::Page(i) => other::free_page(site, lang, path, i),
        Route::Search => other::search(site, lang, path),
        Route::Map => other::map(site, lang, path),
        Route::Stats => other::stats(lang, path),
        Route::Data => other::data(site, lang, path),
        Route::NotFound => other::not_found(lang),
    };
    let bytes = finish(site, lang, job.route, path, file, page, watchdog)?;
    Ok(Rendered { bytes, text })
}

#[derive(Serialize)]
struct PageMeta<'a> {
    template: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    description: &'a str,
    /// The absolute address of the picture that shows the page in a
    /// preview (og:image): an entry's logo or first photo.
    image: Option<String>,
    alternates: Vec<Alternate>,
    /// The trail from the home page to this page (the last is this page).
    crumbs: Vec<Crumb>,
    /// The page's structured data, safe to print inside its script tag.
    jsonld: String,
    /// The Atom feed of what the page lists, when it has one.
    feed_url: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    url: String,
    permalink: String,
    current: bool,
}

/// Every page's common parts beside its views, and the template
/// rendered with them, within the page's time and size budget.
fn finish(
    site: &Site,
    lang: &Lang,
    route: Route,
    path: &str,
    file: &str,
    page: Page,
    watchdog: &budget::Watchdog,
) -> Result<Vec<u8>, Diagnostic> {
    let urls = &lang.urls;
    let Page {
        template,
        title,
        description,
        image,
        crumbs,
        mut nodes,
        feed_url,
        mut ctx,
    } = page;
    if route == Route::Home {
        nodes.push(jsonld::website(
            site,
            urls,
            &site.config.languages[lang.index],
        ));
    }
    let not_found = route == Route::NotFound;
    let meta = PageMeta {
        template,
        title: &title,
        url: urls.page(path),
        permalink: urls.permalink(path),
        description: &description,
        image,
        alternates: if not_found {
            Vec::new()
        } else {
            alternates(site, path, lang)
        },
        jsonld: if not_found {
            String::new()
        } else {
            jsonld::block(nodes, &crumbs)
        },
        crumbs,
        feed_url,
    };
    ctx.insert("page", &meta);
    let name = format!("{template}.html");
    let source = format!("themes/{}/templates/{name}", site.config.theme);
    let mut buf = budget::PageBuffer::new();
    watchdog.enter(file, source.clone());
    budget::start_page();
    let rendered = lang.tera.render_to(&name, &ctx, &mut buf);
    let tripped = budget::end_page();
    watchdog.leave();
    rendered.map_err(|e| match tripped {
        Some(why) => budget::stopped(file, &source, why),
        None => Diagnostic::file(Code::RenderError, source, {
            let why = templates::flatten(&e);
            msg!(
                "{file} tidak bisa disusun: {why}",
                "cannot render {file}: {why}"
            )
        }),
    })?;
    Ok(compact::compact(&buf.bytes))
}

/// A step of the trail: `path` is a page path.
fn crumb(urls: &Urls, name: &str, path: &str) -> Crumb {
    Crumb {
        name: name.to_string(),
        url: urls.page(path),
        permalink: urls.permalink(path),
    }
}

fn alternates(site: &Site, path: &str, lang: &Lang) -> Vec<Alternate> {
    if lang.all_urls.len() < 2 {
        return Vec::new();
    }
    lang.all_urls
        .iter()
        .zip(&site.config.languages)
        .enumerate()
        .map(|(li, (urls, code))| Alternate {
            lang: code.clone(),
            name: lang.names[li].clone(),
            url: urls.page(path),
            permalink: urls.permalink(path),
            current: li == lang.index,
        })
        .collect()
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

/// The cards of page `page` of a list of entries.
fn slice(site: &Site, lang: &Lang, list: &[usize], page: usize) -> Vec<Value> {
    let per = site.config.paginate;
    list.iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|&i| lang.cards[i].clone())
        .collect()
}

/// The ItemList of page `page` of a list of entries.
fn entry_list(
    site: &Site,
    urls: &Urls,
    name: &str,
    description: &str,
    list: &[usize],
    page: usize,
) -> serde_json::Value {
    let per = site.config.paginate;
    let first = (page - 1) * per;
    jsonld::item_list(
        name,
        description,
        list.len(),
        first,
        list.iter().skip(first).take(per).map(|&i| {
            let e = &site.content.entries[i];
            (
                e.name.clone(),
                urls.permalink(&crate::paths::entry(e.kind, &e.slug)),
            )
        }),
    )
}

#[derive(Serialize)]
struct TermItem {
    name: String,
    url: String,
    count: Option<usize>,
    note: Option<String>,
}
