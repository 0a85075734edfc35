//! The showcases: a programme's page and an event's, each with its
//! entries' cards, paged like a listing.

use super::{entry_list, pagination, slice, Page, Pagination};
use crate::index::Site;
use crate::paths::{self, Terms};
use crate::render::{context, jsonld, Lang};
use crate::urls::Urls;
use serde::Serialize;
use tera::Value;

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

pub(super) fn programme(site: &Site, lang: &Lang, n: usize, path: &str, i: usize) -> Page {
    let urls = &lang.urls;
    let p = &site.content.programmes[i];
    let list = &site.by_programme[i];
    let view = context::programme(site, urls, &lang.labels, i, slice(site, lang, list, n));
    let paging = showcase(site, urls, &paths::programme(&p.slug), n, list.len());
    let mut page = Page::new("program", lang);
    page.ctx.insert_value(
        "program",
        context::merge(&Value::from_serializable(&view), paging),
    );
    page.crumb(urls, &lang.ui("programs"), &Terms::Programmes.path());
    page.crumb(urls, &p.name, path);
    let summary = p.summary.as_deref().unwrap_or("");
    page.nodes
        .push(entry_list(site, urls, &p.name, summary, list, n));
    page.title = p.name.clone();
    page.description = summary.to_string();
    page
}

pub(super) fn event(site: &Site, lang: &Lang, n: usize, path: &str, i: usize) -> Page {
    let urls = &lang.urls;
    let ev = &site.content.events[i];
    let list = &site.event_participants[i];
    let view = context::event(site, urls, &lang.labels, i, slice(site, lang, list, n));
    let paging = showcase(site, urls, &paths::event(&ev.slug), n, list.len());
    let calendar = Value::from_serializable(&serde_json::json!({
        "calendar_url": urls.asset(&paths::calendar(Some(&ev.slug))),
        "calendar_all_url": urls.asset(&paths::calendar(None)),
    }));
    let mut page = Page::new("event", lang);
    page.ctx.insert_value(
        "event",
        context::merge(
            &context::merge(&Value::from_serializable(&view), paging),
            calendar,
        ),
    );
    page.crumb(urls, &lang.ui("events"), &Terms::Events.path());
    page.crumb(urls, &ev.name, path);
    page.nodes.push(jsonld::event(site, urls, i, ev));
    page.title = ev.name.clone();
    page.description = ev.venue.clone().unwrap_or_default();
    page
}
