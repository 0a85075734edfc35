//! An entry's page: its full view, and its description as plain text.

use super::Page;
use crate::diagnostic::Diagnostic;
use crate::index::Site;
use crate::markdown;
use crate::paths;
use crate::render::{context, jsonld, Lang};

/// The page of entry `i`, and its description as plain text.
pub(super) fn page(
    site: &Site,
    lang: &Lang,
    path: &str,
    i: usize,
) -> Result<(Page, String), Diagnostic> {
    let urls = &lang.urls;
    let e = &site.content.entries[i];
    // The description is read once for the page and its search record,
    // from the version of the file that was validated.
    let description = crate::load::text(&e.description)?;
    let text = markdown::plain(&description);
    let mut page = Page::new("entry", lang);
    page.ctx.insert_value(
        "entry",
        context::entry(site, urls, &lang.labels, i, &lang.cards[i], &description),
    );
    page.crumb(
        urls,
        &lang.ui(&format!("kinds_short.{}", e.kind.folder())),
        &paths::kind(e.kind),
    );
    let cat = &site.config.categories[e.category];
    page.crumb(urls, &cat.name, &paths::category(&cat.slug));
    page.crumb(urls, &e.name, path);
    page.nodes
        .push(jsonld::entry(site, urls, i, &markdown::excerpt(&text, 300)));
    page.image = e
        .logo
        .iter()
        .chain(&e.images)
        .next()
        .map(|a| urls.asset_permalink(&a.output));
    page.title = e.name.clone();
    // Previews show the start of the description, else the address.
    let summary = markdown::excerpt(&text, 160);
    page.description = if summary.is_empty() {
        e.address.clone().unwrap_or_default()
    } else {
        summary
    };
    Ok((page, text))
}
