//! One page of the site: the view its template sees, and its rendering.

use super::context::{self, Labels};
use super::jsonld::{self, Crumb};
use super::{budget, compact, templates, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::index::Site;
use crate::markdown;
use crate::model::Kind;
use crate::paths::{self, paged, Terms};
use crate::routes::{Job, Route};
use crate::search;
use crate::urls::Urls;
use serde::Serialize;
use tera::{Context, Value};

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
    /// On a district's page: its villages that have entries.
    villages: Vec<TermItem>,
    /// On a village's page: its district.
    district: Option<TermItem>,
    entries: Vec<Value>,
    pagination: Pagination,
}

/// The villages of district `d` that have entries, with their counts.
fn village_links(site: &Site, urls: &Urls, d: usize) -> Vec<TermItem> {
    let dis = &site.config.districts[d];
    dis.villages
        .iter()
        .enumerate()
        .filter(|(v, _)| !site.by_village[d][*v].is_empty())
        .map(|(v, name)| TermItem {
            name: name.clone(),
            url: urls.page(&paths::village(&dis.slug, &dis.village_slugs[v])),
            count: Some(site.by_village[d][v].len()),
            note: None,
        })
        .collect()
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
pub(super) struct KindCount {
    kind: &'static str,
    url: String,
    count: usize,
}

pub(super) fn render_job(
    site: &Site,
    lang: &Lang,
    job: &Job,
    path: &str,
    file: &str,
    watchdog: &budget::Watchdog,
) -> Result<Vec<u8>, Diagnostic> {
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
    // An entry's description and picture for previews (og:description,
    // og:image), made in its arm below.
    let mut summary = String::new();
    let mut image = None;
    // The trail starts at the home page; each arm adds its steps.
    let mut crumbs = match job.route {
        Route::NotFound => Vec::new(),
        _ => vec![crumb(urls, &ui(lang, "home"), "")],
    };
    let mut nodes = Vec::new();
    let mut feed_url = None;
    let (template, title, description): (&str, &str, &str) = match job.route {
        Route::Home => {
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
            feed_url = Some(urls.asset(&paths::feed(None)));
            ("index", "", &site.config.description)
        }
        Route::Kind(_) | Route::Category(_) | Route::District(_) | Route::Village(..) => {
            let (by, key, title, code, list, base) = match job.route {
                Route::Kind(k) => {
                    let kind = Kind::DIRECTORY[k];
                    let f = kind.folder();
                    ("kind", f, "", None, &site.by_kind[k], paths::kind(kind))
                }
                Route::Category(c) => {
                    let cat = &site.config.categories[c];
                    (
                        "category",
                        cat.slug.as_str(),
                        cat.name.as_str(),
                        None,
                        &site.by_category[c],
                        paths::category(&cat.slug),
                    )
                }
                Route::District(d) => {
                    let dis = &site.config.districts[d];
                    (
                        "district",
                        dis.slug.as_str(),
                        dis.name.as_str(),
                        dis.code.as_deref(),
                        &site.by_district[d],
                        paths::district(&dis.slug),
                    )
                }
                Route::Village(d, v) => {
                    let dis = &site.config.districts[d];
                    (
                        "village",
                        dis.village_slugs[v].as_str(),
                        dis.villages[v].as_str(),
                        None,
                        &site.by_village[d][v],
                        paths::village(&dis.slug, &dis.village_slugs[v]),
                    )
                }
                _ => unreachable!(),
            };
            // A district's page links to its villages' pages, a village's
            // page back to its district.
            let (villages, district) = match job.route {
                Route::District(d) => (village_links(site, urls, d), None),
                Route::Village(d, _) => {
                    let dis = &site.config.districts[d];
                    (
                        Vec::new(),
                        Some(TermItem {
                            name: dis.name.clone(),
                            url: urls.page(&paths::district(&dis.slug)),
                            count: Some(site.by_district[d].len()),
                            note: None,
                        }),
                    )
                }
                _ => (Vec::new(), None),
            };
            let view = ListingView {
                by,
                key,
                title,
                kind: (by == "kind").then_some(key),
                code,
                total: list.len(),
                villages,
                district,
                entries: slice(list),
                pagination: pagination(urls, &base, job.page, site.listing_pages(list.len())),
            };
            ctx.insert("listing", &view);
            let first = (job.page - 1) * per;
            let name = if title.is_empty() {
                ui(lang, &format!("kinds.{key}"))
            } else {
                title.to_string()
            };
            match job.route {
                Route::Kind(k) => {
                    feed_url = Some(urls.asset(&paths::feed(Some(Kind::DIRECTORY[k]))));
                    crumbs.push(crumb(urls, &name, path));
                }
                Route::Category(_) => {
                    crumbs.push(crumb(
                        urls,
                        &ui(lang, "categories"),
                        &Terms::Categories.path(),
                    ));
                    crumbs.push(crumb(urls, &name, path));
                }
                Route::District(_) => {
                    crumbs.push(crumb(
                        urls,
                        &ui(lang, "districts"),
                        &Terms::Districts.path(),
                    ));
                    crumbs.push(crumb(urls, &name, path));
                }
                Route::Village(d, _) => {
                    let dis = &site.config.districts[d];
                    crumbs.push(crumb(
                        urls,
                        &ui(lang, "districts"),
                        &Terms::Districts.path(),
                    ));
                    crumbs.push(crumb(urls, &dis.name, &paths::district(&dis.slug)));
                    crumbs.push(crumb(urls, &name, path));
                }
                _ => {}
            }
            nodes.push(entry_list(site, urls, &name, "", list, first, per));
            ("listing", title, "")
        }
        Route::Terms(by) => {
            let view = TermsView {
                by: by.by(),
                items: terms(site, urls, &lang.labels, by),
            };
            let name = ui(lang, &format!("terms.{}", by.by()));
            crumbs.push(crumb(urls, &name, path));
            nodes.push(jsonld::item_list(
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
            ctx.insert("terms", &view);
            ("terms", "", "")
        }
        Route::Entry(i) => {
            let e = &site.content.entries[i];
            // The description is read once for the page and its search
            // record, from the version of the file that was validated.
            let description = crate::load::text(&e.description)?;
            let text = markdown::plain(&description);
            let record = (lang.records.is_some() || lang.reuse.is_some())
                .then(|| search::entry_record(site, i, &text));
            if let (Some(reuse), Some(r), 0) = (lang.reuse, &record, lang.index) {
                reuse.record(file, i, Some(r.clone()));
            }
            if let (Some(records), Some(r)) = (lang.records, record) {
                let _ = records.send((i, r));
            }
            ctx.insert_value(
                "entry",
                context::entry(site, urls, &lang.labels, i, &lang.cards[i], &description),
            );
            summary = markdown::excerpt(&text, 160);
            crumbs.push(crumb(
                urls,
                &ui(lang, &format!("kinds_short.{}", e.kind.folder())),
                &paths::kind(e.kind),
            ));
            let cat = &site.config.categories[e.category];
            crumbs.push(crumb(urls, &cat.name, &paths::category(&cat.slug)));
            crumbs.push(crumb(urls, &e.name, path));
            nodes.push(jsonld::entry(site, urls, e, &markdown::excerpt(&text, 300)));
            image = e
                .logo
                .iter()
                .chain(&e.images)
                .next()
                .map(|a| urls.asset_permalink(&a.output));
            ("entry", e.name.as_str(), e.address.as_deref().unwrap_or(""))
        }
        Route::Programme(i) => {
            // The showcase is paged like a listing.
            let p = &site.content.programmes[i];
            let list = &site.by_programme[i];
            let view = context::programme(site, urls, &lang.labels, i, slice(list));
            let paging = showcase(site, urls, &paths::programme(&p.slug), job.page, list.len());
            ctx.insert_value(
                "program",
                context::merge(&Value::from_serializable(&view), paging),
            );
            crumbs.push(crumb(
                urls,
                &ui(lang, "programs"),
                &Terms::Programmes.path(),
            ));
            crumbs.push(crumb(urls, &p.name, path));
            nodes.push(entry_list(
                site,
                urls,
                &p.name,
                p.summary.as_deref().unwrap_or(""),
                list,
                (job.page - 1) * per,
                per,
            ));
            (
                "program",
                p.name.as_str(),
                p.summary.as_deref().unwrap_or(""),
            )
        }
        Route::Event(i) => {
            let ev = &site.content.events[i];
            let list = &site.event_participants[i];
            let view = context::event(site, urls, &lang.labels, i, slice(list));
            let paging = showcase(site, urls, &paths::event(&ev.slug), job.page, list.len());
            let calendar = Value::from_serializable(&serde_json::json!({
                "calendar_url": urls.asset(&paths::calendar(Some(&ev.slug))),
                "calendar_all_url": urls.asset(&paths::calendar(None)),
            }));
            ctx.insert_value(
                "event",
                context::merge(
                    &context::merge(&Value::from_serializable(&view), paging),
                    calendar,
                ),
            );
            crumbs.push(crumb(urls, &ui(lang, "events"), &Terms::Events.path()));
            crumbs.push(crumb(urls, &ev.name, path));
            nodes.push(jsonld::event(site, urls, i, ev));
            ("event", ev.name.as_str(), ev.venue.as_deref().unwrap_or(""))
        }
        Route::Page(i) => {
            let p = &site.content.pages[i];
            ctx.insert(
                "content",
                &PageContent {
                    slug: &p.slug,
                    title: &p.title,
                    body_html: markdown::render(&p.body, "d"),
                },
            );
            crumbs.push(crumb(urls, &p.title, path));
            nodes.push(jsonld::web_page("WebPage", &p.title, &urls.permalink(path)));
            ("page", p.title.as_str(), "")
        }
        Route::Search => {
            ctx.insert(
                "search",
                &SearchView {
                    bundle: urls.asset(&format!("{}pagefind.js", paths::SEARCH_BUNDLE)),
                    base: urls.page(""),
                    filters: &search::FILTERS,
                    built: cfg!(feature = "search"),
                },
            );
            let name = ui(lang, "search_title");
            crumbs.push(crumb(urls, &name, path));
            nodes.push(jsonld::web_page(
                "SearchResultsPage",
                &name,
                &urls.permalink(path),
            ));
            ("search", "", "")
        }
        Route::Map => {
            ctx.insert("map", &super::views::map(site, lang));
            let name = ui(lang, "map_title");
            crumbs.push(crumb(urls, &name, path));
            nodes.push(jsonld::web_page("WebPage", &name, &urls.permalink(path)));
            ("map", "", "")
        }
        Route::Stats => {
            ctx.insert("stats", &super::views::stats(lang));
            let name = ui(lang, "stats_title");
            crumbs.push(crumb(urls, &name, path));
            nodes.push(jsonld::web_page("WebPage", &name, &urls.permalink(path)));
            ("stats", "", "")
        }
        Route::Data => {
            let view = super::views::data(site, lang);
            let name = ui(lang, "data_title");
            crumbs.push(crumb(urls, &name, path));
            nodes.push(jsonld::dataset(
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
            ctx.insert("data", &view);
            ("data", "", "")
        }
        Route::NotFound => ("404", "", ""),
    };
    if job.route == Route::Home {
        nodes.push(jsonld::website(
            site,
            urls,
            &site.config.languages[lang.index],
        ));
    }
    let meta = PageMeta {
        template,
        title,
        url: urls.page(path),
        permalink: urls.permalink(path),
        description: if summary.is_empty() {
            description
        } else {
            &summary
        },
        image,
        alternates: if job.route == Route::NotFound {
            Vec::new()
        } else {
            alternates(site, path, lang)
        },
        jsonld: if job.route == Route::NotFound {
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

/// The UI string at `key` (`kinds.umkm`) of the page's language.
pub(super) fn ui(lang: &Lang, key: &str) -> String {
    let mut v = lang.strings;
    for part in key.split('.') {
        match v.get(part) {
            Some(next) => v = next,
            None => return String::new(),
        }
    }
    v.as_str().unwrap_or_default().to_string()
}

/// The ItemList of one page of a list of entries.
fn entry_list(
    site: &Site,
    urls: &Urls,
    name: &str,
    description: &str,
    list: &[usize],
    first: usize,
    per: usize,
) -> serde_json::Value {
    jsonld::item_list(
        name,
        description,
        list.len(),
        first,
        list.iter().skip(first).take(per).map(|&i| {
            let e = &site.content.entries[i];
            (
                e.name.clone(),
                urls.permalink(&paths::entry(e.kind, &e.slug)),
            )
        }),
    )
}

/// What the search page's script needs.
#[derive(Serialize)]
struct SearchView {
    /// Pagefind's script, shared by every language.
    bundle: String,
    /// Where this language's pages start: results link below it.
    base: String,
    filters: &'static [&'static str],
    /// Whether this build made a search bundle (the `search` feature).
    built: bool,
}

/// Where a page of a programme's or event's showcase stands among its
/// pages: `total` entries in all, the pagination of `base`.
#[derive(Serialize)]
struct Showcase {
    total: usize,
    pagination: Pagination,
}

fn showcase(site: &Site, urls: &Urls, base: &str, page: usize, total: usize) -> Value {
    Value::from_serializable(&Showcase {
        total,
        pagination: pagination(urls, base, page, site.listing_pages(total)),
    })
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

fn terms(site: &Site, urls: &Urls, labels: &Labels, by: Terms) -> Vec<TermItem> {
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

pub(super) fn kind_counts(site: &Site, urls: &Urls) -> Vec<KindCount> {
    Kind::DIRECTORY
        .iter()
        .enumerate()
        .map(|(k, kind)| KindCount {
            kind: kind.folder(),
            url: urls.page(&paths::kind(*kind)),
            count: site.by_kind[k].len(),
        })
        .collect()
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
