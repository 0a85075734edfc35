//! The home page: counts by kind, the featured and the latest entries.

use super::Page;
use crate::index::Site;
use crate::paths;
use crate::render::site_view::{kind_counts, KindCount};
use crate::render::Lang;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
struct HomeView {
    counts: Vec<KindCount>,
    total: usize,
    featured: Vec<Value>,
    latest: Vec<Value>,
}

pub(super) fn page(site: &Site, lang: &Lang) -> Page {
    let urls = &lang.urls;
    let cards = |list: &[usize]| list.iter().map(|&i| lang.cards[i].clone()).collect();
    let mut page = Page::new("index", lang);
    page.ctx.insert(
        "home",
        &HomeView {
            counts: kind_counts(site, urls),
            total: site.content.entries.len(),
            featured: cards(&site.featured),
            latest: cards(&site.latest),
        },
    );
    page.feed_url = Some(urls.asset(&paths::feed(None)));
    page.description = site.config.description.clone();
    page
}
