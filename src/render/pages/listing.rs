//! Listings: the entries of a kind, a category, a kecamatan or a
//! kelurahan, a page at a time.

use super::{entry_list, pagination, slice, Page, Pagination, TermItem};
use crate::index::Site;
use crate::model::Kind;
use crate::paths::{self, Terms};
use crate::render::Lang;
use crate::urls::Urls;
use serde::Serialize;
use tera::Value;

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

/// What one listing shows: its kind of list, key, title and entries.
struct Listing<'a> {
    by: &'static str,
    key: &'a str,
    title: &'a str,
    code: Option<&'a str>,
    list: &'a [usize],
    /// The path of its first page.
    base: String,
    villages: Vec<TermItem>,
    district: Option<TermItem>,
}

/// The page of a listing, with `name` its name in the trail and the
/// structured data; the caller adds the trail's steps before it.
fn page(site: &Site, lang: &Lang, n: usize, l: Listing, mut page: Page, name: &str) -> Page {
    let urls = &lang.urls;
    let view = ListingView {
        by: l.by,
        key: l.key,
        title: l.title,
        kind: (l.by == "kind").then_some(l.key),
        code: l.code,
        total: l.list.len(),
        villages: l.villages,
        district: l.district,
        entries: slice(site, lang, l.list, n),
        pagination: pagination(urls, &l.base, n, site.listing_pages(l.list.len())),
    };
    page.ctx.insert("listing", &view);
    page.nodes.push(entry_list(site, urls, name, "", l.list, n));
    page.title = l.title.to_string();
    page
}

pub(super) fn kind(site: &Site, lang: &Lang, n: usize, path: &str, k: usize) -> Page {
    let kind = Kind::DIRECTORY[k];
    let key = kind.folder();
    let name = lang.ui(&format!("kinds.{key}"));
    let mut p = Page::new("listing", lang);
    p.feed_url = Some(lang.urls.asset(&paths::feed(Some(kind))));
    p.crumb(&lang.urls, &name, path);
    let listing = Listing {
        by: "kind",
        key,
        title: "",
        code: None,
        list: &site.by_kind[k],
        base: paths::kind(kind),
        villages: Vec::new(),
        district: None,
    };
    page(site, lang, n, listing, p, &name)
}

pub(super) fn category(site: &Site, lang: &Lang, n: usize, path: &str, c: usize) -> Page {
    let cat = &site.config.categories[c];
    let mut p = Page::new("listing", lang);
    p.crumb(
        &lang.urls,
        &lang.ui("categories"),
        &Terms::Categories.path(),
    );
    p.crumb(&lang.urls, &cat.name, path);
    let listing = Listing {
        by: "category",
        key: &cat.slug,
        title: &cat.name,
        code: None,
        list: &site.by_category[c],
        base: paths::category(&cat.slug),
        villages: Vec::new(),
        district: None,
    };
    page(site, lang, n, listing, p, &cat.name)
}

pub(super) fn district(site: &Site, lang: &Lang, n: usize, path: &str, d: usize) -> Page {
    let dis = &site.config.districts[d];
    let mut p = Page::new("listing", lang);
    p.crumb(&lang.urls, &lang.ui("districts"), &Terms::Districts.path());
    p.crumb(&lang.urls, &dis.name, path);
    let listing = Listing {
        by: "district",
        key: &dis.slug,
        title: &dis.name,
        code: dis.code.as_deref(),
        list: &site.by_district[d],
        base: paths::district(&dis.slug),
        // A district's page links to its villages' pages.
        villages: village_links(site, &lang.urls, d),
        district: None,
    };
    page(site, lang, n, listing, p, &dis.name)
}

pub(super) fn village(site: &Site, lang: &Lang, n: usize, path: &str, d: usize, v: usize) -> Page {
    let urls = &lang.urls;
    let dis = &site.config.districts[d];
    let name = &dis.villages[v];
    let mut p = Page::new("listing", lang);
    p.crumb(urls, &lang.ui("districts"), &Terms::Districts.path());
    p.crumb(urls, &dis.name, &paths::district(&dis.slug));
    p.crumb(urls, name, path);
    let listing = Listing {
        by: "village",
        key: &dis.village_slugs[v],
        title: name,
        code: None,
        list: &site.by_village[d][v],
        base: paths::village(&dis.slug, &dis.village_slugs[v]),
        villages: Vec::new(),
        // A village's page links back to its district's.
        district: Some(TermItem {
            name: dis.name.clone(),
            url: urls.page(&paths::district(&dis.slug)),
            count: Some(site.by_district[d].len()),
            note: None,
        }),
    };
    page(site, lang, n, listing, p, name)
}

/// The villages of district `d` that have entries, with their counts.
pub(super) fn village_links(site: &Site, urls: &Urls, d: usize) -> Vec<TermItem> {
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
