//! Atom feeds (RFC 4287) of new and updated entries: by their `updated`
//! date, newest first; entries without one have no date to be new by and
//! are left out.

use crate::index::Site;
use crate::urls::Urls;

/// How many entries a feed carries.
pub(crate) const FEED_LENGTH: usize = 50;

/// The entries of a feed among `entries` (published entry indices):
/// those with an `updated` date, newest first (the site's name order
/// among entries of one day), `FEED_LENGTH` at most.
pub(crate) fn newest(site: &Site, entries: &[usize]) -> Vec<usize> {
    let mut dated: Vec<usize> = entries
        .iter()
        .copied()
        .filter(|&i| site.content.entries[i].updated.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        let (ea, eb) = (&site.content.entries[a], &site.content.entries[b]);
        eb.updated.cmp(&ea.updated).then(a.cmp(&b))
    });
    dated.truncate(FEED_LENGTH);
    dated
}

/// The feed of `dated` (from `newest`), at `path`, about the listing at
/// `listing`; `texts` are the entries' plain texts by index.
pub(crate) fn atom(
    site: &Site,
    urls: &Urls,
    dated: &[usize],
    texts: &std::collections::HashMap<usize, String>,
    title: &str,
    path: &str,
    listing: &str,
) -> Vec<u8> {
    let tz = site.config.timezone.offset_label();
    let stamp = |d: &crate::model::Date| format!("{}T00:00:00{tz}", d.iso());
    let updated = dated
        .first()
        .and_then(|&i| site.content.entries[i].updated)
        .unwrap_or(site.today);
    let mut x = String::with_capacity(1024 + dated.len() * 600);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        crate::text::xml(&site.config.language)
    ));
    let feed_url = urls.permalink(path);
    let site_title = &site.config.title;
    x.push_str(&format!("  <id>{}</id>\n", crate::text::xml(&feed_url)));
    x.push_str(&format!(
        "  <title>{} · {}</title>\n",
        crate::text::xml(title),
        crate::text::xml(site_title)
    ));
    if !site.config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            crate::text::xml(&site.config.description)
        ));
    }
    x.push_str(&format!("  <updated>{}</updated>\n", stamp(&updated)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        crate::text::xml(&feed_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        crate::text::xml(&urls.permalink(listing))
    ));
    x.push_str(&format!(
        "  <author><name>{}</name><uri>{}</uri></author>\n",
        crate::text::xml(site_title),
        crate::text::xml(&urls.permalink(""))
    ));
    x.push_str("  <generator>Etalase</generator>\n");
    for &i in dated {
        let e = &site.content.entries[i];
        let url = urls.permalink(&crate::paths::entry(e.kind, &e.slug));
        let cat = &site.config.categories[e.category];
        let dis = &site.config.districts[e.district];
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <id>{}</id>\n", crate::text::xml(&url)));
        x.push_str(&format!(
            "    <title>{}</title>\n",
            crate::text::xml(&e.name)
        ));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            stamp(&e.updated.unwrap_or(site.today))
        ));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            crate::text::xml(&url)
        ));
        x.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            crate::text::xml(&cat.slug),
            crate::text::xml(&cat.name)
        ));
        let mut summary = format!("{} · {}", cat.name, dis.name);
        let text = texts
            .get(&i)
            .map(|t| crate::markdown::excerpt(t, 280))
            .unwrap_or_default();
        if !text.is_empty() {
            summary.push_str(". ");
            summary.push_str(&text);
        }
        x.push_str(&format!(
            "    <summary>{}</summary>\n",
            crate::text::xml(&summary)
        ));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}
