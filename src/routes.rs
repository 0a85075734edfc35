//! The route table: every page the theme renders, by what it shows
//! (`Route`), and the plan of a site's pages in a fixed order. The paths
//! of the pages are named in `paths`; the plan of an indexed site, with
//! its listings' page counts, is `index::Site::plan`.

use crate::config::Config;
use crate::model::{Claim, Content, Kind};
use crate::paths::*;

/// One page the theme renders, by the index of what it shows in the
/// frozen site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Home,
    /// A directory kind, by its place in `Kind::DIRECTORY`.
    Kind(usize),
    Category(usize),
    District(usize),
    /// A village (kelurahan) of a district: (district, village).
    Village(usize, usize),
    Terms(Terms),
    Entry(usize),
    Programme(usize),
    Event(usize),
    Page(usize),
    /// The search page, `cari/`.
    Search,
    /// The map of every entry with a map point, `peta/`.
    Map,
    /// The statistics page, `statistik/`.
    Stats,
    /// The list of downloads, `data/`.
    Data,
    NotFound,
}

impl Route {
    /// The pages made with the open data: the map (its point files are
    /// open data's), the statistics and the list of downloads.
    pub(crate) fn shows_open_data(self) -> bool {
        matches!(self, Route::Map | Route::Stats | Route::Data)
    }
}

/// A route and, for listings, which of its pages (1-based).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Job {
    pub(crate) route: Route,
    pub(crate) page: usize,
}

impl Job {
    /// The page's path without language prefix; `404.html` for the
    /// not-found page, which is a file, not a folder.
    pub(crate) fn path_in(&self, config: &Config, content: &Content) -> String {
        let base = match self.route {
            Route::Home => String::new(),
            Route::Kind(k) => kind(Kind::DIRECTORY[k]),
            Route::Category(c) => category(&config.categories[c].slug),
            Route::District(d) => district(&config.districts[d].slug),
            Route::Village(d, v) => {
                let dis = &config.districts[d];
                village(&dis.slug, &dis.village_slugs[v])
            }
            Route::Terms(t) => t.path(),
            Route::Entry(i) => {
                let e = &content.entries[i];
                entry(e.kind, &e.slug)
            }
            Route::Programme(i) => programme(&content.programmes[i].slug),
            Route::Event(i) => event(&content.events[i].slug),
            Route::Page(i) => page(&content.pages[i].slug),
            Route::Search => search(),
            Route::Map => map(),
            Route::Stats => stats(),
            Route::Data => data_page(),
            Route::NotFound => return NOT_FOUND.into(),
        };
        paged(&base, self.page)
    }

    /// Whether the page belongs in the sitemap.
    pub(crate) fn listed(&self) -> bool {
        self.route != Route::NotFound
    }
}

/// How many pages a listing of `count` entries has, `per` to a page.
pub(crate) fn pages_for(count: usize, per: usize) -> usize {
    count.div_ceil(per).max(1)
}

/// The paths of the first page of every route, known before the content
/// is indexed: the site's own pages and one per claimed item, valid or
/// not (later pages of a listing all lie under its reserved `halaman/`
/// folder).
pub(crate) fn first_pages(config: &Config, claims: &[Claim], first_language: bool) -> Vec<String> {
    let empty = Content::default();
    let own = plan_with(config, &empty, first_language, |_| 1);
    own.iter()
        .map(|job| job.path_in(config, &empty))
        .chain(claims.iter().map(|c| item(c.kind, c.slug)))
        .collect()
}

/// The plan, with `pages` telling how many pages each route has.
pub(crate) fn plan_with(
    config: &Config,
    content: &Content,
    first_language: bool,
    pages: impl Fn(Route) -> usize,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut add = |route: Route| {
        for page in 1..=pages(route) {
            jobs.push(Job { route, page });
        }
    };
    add(Route::Home);
    (0..Kind::DIRECTORY.len()).for_each(|k| add(Route::Kind(k)));
    (0..config.categories.len()).for_each(|c| add(Route::Category(c)));
    (0..config.districts.len()).for_each(|d| add(Route::District(d)));
    for (d, dis) in config.districts.iter().enumerate() {
        (0..dis.villages.len()).for_each(|v| add(Route::Village(d, v)));
    }
    (0..content.programmes.len()).for_each(|i| add(Route::Programme(i)));
    Terms::ALL.into_iter().for_each(|t| add(Route::Terms(t)));
    (0..content.entries.len()).for_each(|i| add(Route::Entry(i)));
    (0..content.events.len()).for_each(|i| add(Route::Event(i)));
    (0..content.pages.len()).for_each(|i| add(Route::Page(i)));
    add(Route::Search);
    add(Route::Map);
    add(Route::Stats);
    add(Route::Data);
    if first_language {
        add(Route::NotFound);
    }
    jobs
}
