//! The pages that are not listings or items' pages: the index of each
//! kind of term, free pages, search, the map, the statistics, the data
//! downloads and the not-found page.

use super::{Page, TermItem};
use crate::index::Site;
use crate::markdown;
use crate::paths::{self, Terms};
use crate::render::context::Labels;
use crate::render::{jsonld, views, Lang};
use crate::urls::Urls;
use serde::Serialize;

#[derive(Serialize)]
struct TermsView {
    by: &'static str,
    items: Vec<TermItem>,
}

pub(super) fn terms(site: &Site, lang: &Lang, path: &str, by: Terms) -> Page {
    let urls = &lang.urls;
    let view = TermsView {
        by: by.by(),
        items: items(site, urls, &lang.labels, by),
    };
    let name = lang.ui(&format!("terms.{}", by.by()));
    let mut page = Page::new("terms", lang);
    page.crumb(urls, &name, path);
    page.nodes.push(jsonld::item_list(
        &name,
        "",
        view.items.len(),
        0,
        view.items.iter().map(|t| {
            (
                t.name.clone(),
                urls.permalink(&t.url[site.config.base_path.len()..]),
            )
        }),
    ));
    page.ctx.insert("terms", &view);
    page
}

fn items(site: &Site, urls: &Urls, labels: &Labels, by: Terms) -> Vec<TermItem> {
    match by {
        Terms::Categories => site
            .config
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| TermItem {
                name: c.name.clone(),
                url: urls.page(&paths::category(&c.slug)),
                count: Some(site.by_category[i].len()),
                note: None,
            })
            .collect(),
        Terms::Districts => site
            .config
            .districts
            .iter()
            .enumerate()
            .map(|(i, d)| TermItem {
                name: d.name.clone(),
                url: urls.page(&paths::district(&d.slug)),
                count: Some(site.by_district[i].len()),
                note: d.code.clone(),
            })
            .collect(),
        Terms::Programmes => site
            .content
            .programmes
            .iter()
            .enumerate()
            .map(|(i, p)| TermItem {
                name: p.name.clone(),
                url: urls.page(&paths::programme(&p.slug)),
                count: Some(site.by_programme[i].len()),
                note: p.summary.clone(),
            })
            .collect(),
        Terms::Events => site
            .content
            .events
            .iter()
            .map(|e| TermItem {
                name: e.name.clone(),
                url: urls.page(&paths::event(&e.slug)),
                count: None,
                note: Some(if site.ended(e) {
                    format!("{} · {}", labels.date_time(&e.start), labels.ended)
                } else {
                    labels.date_time(&e.start)
                }),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct PageContent<'a> {
    slug: &'a str,
    title: &'a str,
    body_html: String,
}

pub(super) fn free_page(site: &Site, lang: &Lang, path: &str, i: usize) -> Page {
    let urls = &lang.urls;
    let p = &site.content.pages[i];
    let mut page = Page::new("page", lang);
    page.ctx.insert(
        "content",
        &PageContent {
            slug: &p.slug,
            title: &p.title,
            body_html: markdown::render(&p.body, "d"),
        },
    );
    page.crumb(urls, &p.title, path);
    page.nodes
        .push(jsonld::web_page("WebPage", &p.title, &urls.permalink(path)));
    page.title = p.title.clone();
    page
}

/// What the search page's script needs.
#[derive(Serialize)]
struct SearchView {
    /// The search index's folder, shared by every language.
    bundle: String,
    /// Where this language's pages start: results link below it.
    base: String,
    filters: &'static [&'static str],
    /// Whether this build made a search index (the `search` feature).
    built: bool,
    /// Each kecamatan with its kelurahan that have entries: offered as
    /// the box's suggestions and as links, with or without the script.
    places: Vec<PlaceView>,
}

#[derive(Serialize)]
struct PlaceView {
    name: String,
    url: String,
    villages: Vec<TermItem>,
}

pub(super) fn search(site: &Site, lang: &Lang, path: &str) -> Page {
    let urls = &lang.urls;
    let places = site
        .config
        .districts
        .iter()
        .enumerate()
        .map(|(d, dis)| PlaceView {
            name: dis.name.clone(),
            url: urls.page(&paths::district(&dis.slug)),
            villages: super::listing::village_links(site, urls, d),
        })
        .collect();
    let mut page = Page::new("search", lang);
    page.ctx.insert(
        "search",
        &SearchView {
            bundle: urls.asset(paths::SEARCH_INDEX),
            base: urls.page(""),
            filters: &crate::search::FILTERS,
            built: cfg!(feature = "search"),
            places,
        },
    );
    let name = lang.ui("search_title");
    page.crumb(urls, &name, path);
    page.nodes.push(jsonld::web_page(
        "SearchResultsPage",
        &name,
        &urls.permalink(path),
    ));
    page
}

pub(super) fn map(site: &Site, lang: &Lang, path: &str) -> Page {
    let mut page = Page::new("map", lang);
    page.ctx.insert("map", &views::map(site, lang));
    web_page(lang, path, "map_title", page)
}

pub(super) fn stats(lang: &Lang, path: &str) -> Page {
    let mut page = Page::new("stats", lang);
    page.ctx.insert("stats", &views::stats(lang));
    web_page(lang, path, "stats_title", page)
}

/// A page named by the UI string `title`, with its step in the trail and
/// a WebPage node.
fn web_page(lang: &Lang, path: &str, title: &str, mut page: Page) -> Page {
    let urls = &lang.urls;
    let name = lang.ui(title);
    page.crumb(urls, &name, path);
    page.nodes
        .push(jsonld::web_page("WebPage", &name, &urls.permalink(path)));
    page
}

pub(super) fn data(site: &Site, lang: &Lang, path: &str) -> Page {
    let urls = &lang.urls;
    let view = views::data(site, lang);
    let name = lang.ui("data_title");
    let mut page = Page::new("data", lang);
    page.crumb(urls, &name, path);
    page.nodes.push(jsonld::dataset(
        site,
        &name,
        &urls.permalink(path),
        lang.open
            .files
            .iter()
            .filter(|f| f.path.starts_with(paths::DATA))
            .map(|f| {
                (
                    f.info.title.clone(),
                    urls.asset_permalink(&f.path),
                    f.info.media_type,
                )
            }),
    ));
    page.ctx.insert("data", &view);
    page
}

/// The not-found page: no trail, no structured data.
pub(super) fn not_found(lang: &Lang) -> Page {
    let mut page = Page::new("404", lang);
    page.crumbs.clear();
    page
}
