//! `site`: what every page's template knows about the whole site.

use super::context::{Labels, NamedLink};
use crate::index::Site;
use crate::model::Kind;
use crate::paths::{self, Terms};
use crate::urls::Urls;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    /// The kota or kabupaten (site.yaml `city`, else the site's title)
    /// and its province: every place a theme string names.
    city: &'a str,
    province: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    timezone: TimeZoneView,
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
    /// The search page (`cari/`) of this language.
    search_url: String,
    programs_url: String,
    events_url: String,
    /// The map (`peta/`), statistics (`statistik/`) and open data
    /// (`data/`) pages of this language.
    map_url: String,
    stats_url: String,
    data_url: String,
    /// The Atom feed of all entries (one for every language).
    feed_url: String,
    /// The map tiles (site.yaml `tiles`).
    tiles: &'a crate::config::Tiles,
    generator: &'static str,
}

#[derive(Serialize)]
struct TimeZoneView {
    name: &'static str,
    abbr: &'static str,
    /// `+08:00`
    offset: String,
    offset_minutes: i32,
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
    /// Its last day is before the day of the build.
    ended: bool,
}

#[derive(Serialize)]
struct PageItem<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
}

pub(super) fn site_view(
    site: &Site,
    urls: &Urls,
    current: usize,
    labels: &Labels,
    names: &[String],
) -> Value {
    let c = &site.config;
    let view = SiteView {
        title: &c.title,
        description: &c.description,
        city: c.city.as_deref().unwrap_or(&c.title),
        province: c.province.as_deref().unwrap_or(""),
        base_url: &c.base_url,
        base_path: &c.base_path,
        timezone: TimeZoneView {
            name: c.timezone.name,
            abbr: c.timezone.abbr,
            offset: c.timezone.offset_label(),
            offset_minutes: c.timezone.offset_minutes,
        },
        home_url: urls.page(""),
        language: &c.language,
        languages: c
            .languages
            .iter()
            .enumerate()
            .map(|(li, code)| LanguageView {
                code: code.clone(),
                name: names[li].clone(),
                url: format!("{}{}", c.base_path, paths::language_prefix(li, code)),
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
                url: urls.page(&paths::category(&x.slug)),
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
                url: urls.page(&paths::district(&x.slug)),
                count: site.by_district[i].len(),
            })
            .collect(),
        programs: site
            .content
            .programmes
            .iter()
            .map(|p| NamedLink::programme(urls, p))
            .collect(),
        events: site
            .content
            .events
            .iter()
            .map(|e| EventItem {
                slug: &e.slug,
                name: &e.name,
                url: urls.page(&paths::event(&e.slug)),
                start_label: labels.date_time(&e.start),
                ended: site.ended(e),
            })
            .collect(),
        pages: site
            .content
            .pages
            .iter()
            .map(|p| PageItem {
                slug: &p.slug,
                title: &p.title,
                url: urls.page(&paths::page(&p.slug)),
            })
            .collect(),
        search_url: urls.page(&paths::search()),
        categories_url: urls.page(&Terms::Categories.path()),
        districts_url: urls.page(&Terms::Districts.path()),
        programs_url: urls.page(&Terms::Programmes.path()),
        events_url: urls.page(&Terms::Events.path()),
        map_url: urls.page(&paths::map()),
        stats_url: urls.page(&paths::stats()),
        data_url: urls.page(&paths::data_page()),
        feed_url: urls.asset(&paths::feed(None)),
        tiles: &c.tiles,
        generator: "Etalase",
    };
    Value::from_serializable(&view)
}

#[derive(Serialize)]
pub(super) struct KindCount {
    kind: &'static str,
    url: String,
    count: usize,
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
