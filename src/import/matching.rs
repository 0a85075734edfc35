//! What a cell names in the site: a category by its slug or name, a
//! kecamatan by its name, alias or the abbreviations staff write, each
//! match that is a guess said so.

use crate::config::Config;
use crate::places;

/// The category a cell names, and whether that is a guess.
pub(super) fn category(config: &Config, v: &str) -> Option<(String, bool)> {
    let key = places::match_key(v);
    let cats = &config.categories;
    if let Some(c) = cats
        .iter()
        .find(|c| c.slug == v.trim() || places::match_key(&c.name) == key)
    {
        return Some((c.slug.clone(), false));
    }
    let slug = crate::slug::slugify(v);
    if let Some(c) = cats.iter().find(|c| c.slug == slug) {
        return Some((c.slug.clone(), true));
    }
    let names: Vec<&str> = cats.iter().map(|c| c.name.as_str()).collect();
    let near = crate::diagnostic::nearest(v.trim(), names.iter().copied())?;
    cats.iter()
        .find(|c| c.name == near)
        .map(|c| (c.slug.clone(), true))
}

/// The kecamatan a cell names, and whether that is a guess.
pub(super) fn district(config: &Config, v: &str) -> Option<(usize, bool)> {
    if let Some(i) = config.district(v) {
        return Some((i, false));
    }
    // Abbreviations staff write: "Bks Timur".
    let expanded = v
        .replace("Bks", "Bekasi")
        .replace("bks", "bekasi")
        .replace("BKS", "BEKASI");
    if let Some(i) = config.district(&expanded) {
        return Some((i, true));
    }
    let bare = places::bare_district_name(v);
    let names: Vec<&str> = config
        .districts
        .iter()
        .flat_map(|d| std::iter::once(d.name.as_str()).chain(d.aliases.iter().map(String::as_str)))
        .collect();
    let near = crate::diagnostic::nearest(bare.trim(), names.iter().copied())?;
    config.district(near).map(|i| (i, true))
}
