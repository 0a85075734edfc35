//! The names of the site's paths: every folder and file name the site
//! writes, and the path of each kind of page (`umkm/warung-bu-sri/`,
//! `kategori/kuliner/halaman/2/`), relative to the site's root for one
//! language (`urls` adds the base path and the language prefix). What
//! site.yaml and validation need to know about addresses is here; which
//! pages a site has (the plan) is in `routes` and `index`.

use crate::model::Kind;

/// The folder of a listing's later pages: `umkm/halaman/2/`.
pub(crate) const PAGED: &str = "halaman";
pub(crate) const CATEGORIES: &str = "kategori";
pub(crate) const DISTRICTS: &str = "kecamatan";
pub(crate) const PROGRAMMES: &str = "program";
pub(crate) const EVENTS: &str = "acara";
/// Pictures kept beside entries, copied to a mirror of content/.
pub(crate) const MEDIA: &str = "media";
/// The theme's own static files.
pub(crate) const ASSETS: &str = "assets";
/// Reserved for the search index and open-data downloads.
pub(crate) const SEARCH: &str = "cari";
/// The search index (its format in ARCHITECTURE.md), one for all languages.
pub(crate) const SEARCH_INDEX: &str = "cari/indeks/";
/// Open data: the downloads and the page that lists them.
pub(crate) const DATA: &str = "data";
/// The map page and its points.
pub(crate) const MAP: &str = "peta";
/// The statistics page.
pub(crate) const STATS: &str = "statistik";
/// The Atom feed of a listing, in its folder (all kinds: at the root).
pub(crate) const FEED: &str = "atom.xml";
/// An event's iCalendar file, in its folder (all events: in `acara/`).
pub(crate) const CALENDAR: &str = "kalender.ics";

pub(crate) const HOME_FILE: &str = "index.html";
pub(crate) const NOT_FOUND: &str = "404.html";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// How long a host may keep each kind of file (Netlify, Cloudflare Pages).
pub(crate) const HEADERS: &str = "_headers";
/// Lists the files of the last build, so a later build knows the output
/// folder is its own to replace.
pub(crate) const MANIFEST: &str = ".etalase-manifest";

/// The first segments the site writes under itself: a free page, a static
/// folder or a language code may not take them.
pub(crate) const TOP_LEVEL: &[&str] = &[
    "umkm", "koperasi", "pkl", PROGRAMMES, EVENTS, PAGED, CATEGORIES, DISTRICTS, MEDIA, ASSETS,
    SEARCH, DATA, MAP, STATS, "404",
];

/// The index pages that list one kind of term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Terms {
    Categories,
    Districts,
    Programmes,
    Events,
}

impl Terms {
    pub(crate) const ALL: [Terms; 4] = [
        Terms::Categories,
        Terms::Districts,
        Terms::Programmes,
        Terms::Events,
    ];

    /// The folder: `kategori`.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Terms::Categories => CATEGORIES,
            Terms::Districts => DISTRICTS,
            Terms::Programmes => PROGRAMMES,
            Terms::Events => EVENTS,
        }
    }

    /// The name themes see as `terms.by`.
    pub(crate) fn by(self) -> &'static str {
        match self {
            Terms::Categories => "category",
            Terms::Districts => "district",
            Terms::Programmes => "program",
            Terms::Events => "event",
        }
    }

    pub(crate) fn path(self) -> String {
        format!("{}/", self.folder())
    }
}

pub(crate) fn search() -> String {
    format!("{SEARCH}/")
}

pub(crate) fn map() -> String {
    format!("{MAP}/")
}

pub(crate) fn stats() -> String {
    format!("{STATS}/")
}

/// The page that lists the downloads.
pub(crate) fn data_page() -> String {
    format!("{DATA}/")
}

/// A download under `data/`: `data/umkm.csv`.
pub(crate) fn data_file(name: &str) -> String {
    format!("{DATA}/{name}")
}

/// A chart's numbers on the statistics page, as a download:
/// `data/statistik/umkm-per-kecamatan.csv`.
pub(crate) fn stats_csv(chart: &str) -> String {
    data_file(&format!("statistik/{chart}.csv"))
}

/// The map's point list.
pub(crate) fn map_points() -> String {
    format!("{MAP}/titik.json")
}

/// The map's popup details, part `n` (`{n}` for the script's pattern).
pub(crate) fn map_details(n: &str) -> String {
    format!("{MAP}/titik-{n}.json")
}

/// The Atom feed of one kind's entries, or of all.
pub(crate) fn feed(kind: Option<Kind>) -> String {
    match kind {
        Some(k) => format!("{}{FEED}", self::kind(k)),
        None => FEED.into(),
    }
}

/// The calendar of one event, or of all (`None`).
pub(crate) fn calendar(event_slug: Option<&str>) -> String {
    match event_slug {
        Some(slug) => format!("{}{CALENDAR}", event(slug)),
        None => format!("{EVENTS}/{CALENDAR}"),
    }
}

pub(crate) fn kind(kind: Kind) -> String {
    format!("{}/", kind.folder())
}

pub(crate) fn entry(kind: Kind, slug: &str) -> String {
    format!("{}/{slug}/", kind.folder())
}

pub(crate) fn category(slug: &str) -> String {
    format!("{CATEGORIES}/{slug}/")
}

pub(crate) fn district(slug: &str) -> String {
    format!("{DISTRICTS}/{slug}/")
}

pub(crate) fn village(district: &str, village: &str) -> String {
    format!("{DISTRICTS}/{district}/{village}/")
}

pub(crate) fn programme(slug: &str) -> String {
    format!("{PROGRAMMES}/{slug}/")
}

pub(crate) fn event(slug: &str) -> String {
    format!("{EVENTS}/{slug}/")
}

pub(crate) fn page(slug: &str) -> String {
    format!("{slug}/")
}

/// The page of an item of `kind`.
pub(crate) fn item(kind: Kind, slug: &str) -> String {
    match kind {
        Kind::Umkm | Kind::Koperasi | Kind::Pkl => entry(kind, slug),
        Kind::Program => programme(slug),
        Kind::Acara => event(slug),
        Kind::Halaman => page(slug),
    }
}

/// Page `n` of a listing at `base`: page 1 at `base`, page k at
/// `base/halaman/k/`.
pub(crate) fn paged(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}{PAGED}/{n}/")
    }
}

/// The output folder of a language: `` for the first, `en/` for another.
pub(crate) fn language_prefix(index: usize, code: &str) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The output file of a page path under a language prefix.
pub(crate) fn page_file(prefix: &str, path: &str) -> String {
    if path == NOT_FOUND {
        return NOT_FOUND.into();
    }
    format!("{prefix}{path}{HOME_FILE}")
}

/// Where a picture kept beside an entry is published: `media/` plus its
/// path under content/.
pub(crate) fn media(under_content: &str) -> String {
    format!("{MEDIA}/{under_content}")
}

/// The name of the `n`th (1-based) part of a sitemap too long for one file.
pub(crate) fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Whether a file the site is given to copy (from static/) takes an
/// address the site writes itself or keeps for itself: the files of the
/// route table, any page under a reserved folder, and the languages'
/// folders. `free_pages` are the free pages' slugs, `languages` the codes
/// after the first.
pub(crate) fn is_reserved_file<'a>(
    rel: &str,
    free_pages: impl IntoIterator<Item = &'a str>,
    languages: &[String],
) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    let fixed = [
        HOME_FILE, NOT_FOUND, SITEMAP, ROBOTS, HEADERS, MANIFEST, FEED,
    ];
    // A file of the site's own, or a folder by its name.
    fixed.contains(&first)
        || (first.starts_with("sitemap-") && first.ends_with(".xml"))
        // Search and data are generated whole; the later pages of every
        // listing lie in a `halaman/` folder whose size depends on the
        // content, so the folder is kept whole too.
        || [SEARCH, DATA, MAP, STATS].contains(&first)
        // A listing's feed and an event's calendar.
        || (TOP_LEVEL.contains(&first) && (rel.ends_with(FEED) || rel.ends_with(CALENDAR)))
        || (TOP_LEVEL.contains(&first) && rel.split('/').any(|s| s == PAGED))
        || (rel.ends_with("/index.html")
            && (TOP_LEVEL.contains(&first) || free_pages.into_iter().any(|p| p == first)))
        || languages.iter().skip(1).any(|l| l == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_files() {
        assert_eq!(paged("umkm/", 2), "umkm/halaman/2/");
        assert_eq!(paged("umkm/", 1), "umkm/");
        assert_eq!(page_file("en/", "umkm/"), "en/umkm/index.html");
        assert_eq!(page_file("en/", NOT_FOUND), "404.html");
        assert_eq!(entry(Kind::Pkl, "bakso"), "pkl/bakso/");
        assert_eq!(Terms::Districts.path(), "kecamatan/");
    }

    #[test]
    fn reserved_files() {
        let langs = vec!["id".to_string(), "en".to_string()];
        let none: [&str; 0] = [];
        assert!(is_reserved_file("index.html", none, &langs));
        assert!(is_reserved_file("sitemap-3.xml", none, &langs));
        assert!(is_reserved_file("umkm/x/index.html", none, &langs));
        assert!(is_reserved_file("en/anything.txt", none, &langs));
        assert!(is_reserved_file("tentang/index.html", ["tentang"], &langs));
        assert!(is_reserved_file("sitemap.xml/a.txt", none, &langs));
        assert!(is_reserved_file("404.html/x", none, &langs));
        assert!(is_reserved_file("umkm/halaman", none, &langs));
        assert!(is_reserved_file(
            "kategori/kuliner/halaman/9/foto.png",
            none,
            &langs
        ));
        assert!(is_reserved_file("cari/indeks/meta.json", none, &langs));
        assert!(!is_reserved_file("favicon.ico", none, &langs));
        assert!(!is_reserved_file("foto/halaman/a.png", none, &langs));
        assert!(!is_reserved_file("umkm/foto.png", none, &langs));
    }
}
