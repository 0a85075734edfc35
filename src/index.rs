//! The frozen site: content sorted once, and every grouping the pages
//! need (by kind, category, district, programme, event), built once.

use crate::config::Config;
use crate::model::{Content, Kind};
use crate::places::match_key;
use crate::routes::{self, Job, Route};
use std::collections::HashMap;

/// How many entries the home page shows as latest and featured.
pub(crate) const HOME_LATEST: usize = 12;
pub(crate) const HOME_FEATURED: usize = 12;

#[derive(Clone)]
pub(crate) struct Site {
    pub config: Config,
    pub content: Content,
    /// Entry indices per directory kind (umkm, koperasi, pkl), in name order.
    pub by_kind: [Vec<usize>; 3],
    pub by_category: Vec<Vec<usize>>,
    pub by_district: Vec<Vec<usize>>,
    /// Per district, per village (as `Config` lists them), its entries.
    pub by_village: Vec<Vec<Vec<usize>>>,
    /// Per programme, the entries that name it.
    pub by_programme: Vec<Vec<usize>>,
    /// Per programme, the events that name it.
    pub programme_events: Vec<Vec<usize>>,
    /// Per entry, its programmes (indices), published ones only.
    pub entry_programmes: Vec<Vec<usize>>,
    /// Per entry, the events it takes part in.
    pub entry_events: Vec<Vec<usize>>,
    /// Per event, its participants (entry indices) and programmes.
    pub event_participants: Vec<Vec<usize>>,
    pub event_programmes: Vec<Vec<usize>>,
    pub featured: Vec<usize>,
    pub latest: Vec<usize>,
    /// The day of the build (clock.rs): an event before it has ended.
    pub today: crate::model::Date,
}

impl Site {
    /// What programme `i` has achieved: its `achieved`, else its published
    /// participants (a draft shown under `--drafts` is no achievement).
    pub(crate) fn programme_achieved(&self, i: usize) -> u64 {
        self.content.programmes[i].achieved.unwrap_or(
            self.by_programme[i]
                .iter()
                .filter(|&&e| !self.content.entries[e].draft)
                .count() as u64,
        )
    }

    /// The path of a page of this site (`routes::Job::path_in`).
    pub(crate) fn path(&self, job: &Job) -> String {
        job.path_in(&self.config, &self.content)
    }

    /// How many pages a listing of `count` entries has.
    pub(crate) fn listing_pages(&self, count: usize) -> usize {
        routes::pages_for(count, self.config.paginate)
    }

    /// Every page of one language, in a fixed order. The not-found page
    /// is the first language's only.
    pub(crate) fn plan(&self, first_language: bool) -> Vec<Job> {
        routes::plan_with(&self.config, &self.content, first_language, |route| {
            let count = match route {
                Route::Kind(k) => self.by_kind[k].len(),
                Route::Category(c) => self.by_category[c].len(),
                Route::District(d) => self.by_district[d].len(),
                // Showcases are paged like listings: a programme of 600
                // koperasi masjid is not one page of 600 cards.
                Route::Programme(i) => self.by_programme[i].len(),
                Route::Event(i) => self.event_participants[i].len(),
                // A village without entries has no page (and no link to one).
                Route::Village(d, v) => match self.by_village[d][v].len() {
                    0 => return 0,
                    n => n,
                },
                _ => return 1,
            };
            self.listing_pages(count)
        })
    }

    /// This site with entries replaced (index, new entry), each standing
    /// where the old one stood (`same_place`): the order and every
    /// grouping stay as they are. An edit in place in `serve`.
    pub(crate) fn with_entries(
        &self,
        swaps: &[(usize, std::sync::Arc<crate::model::Entry>)],
    ) -> Site {
        let mut site = self.clone();
        for (i, e) in swaps {
            debug_assert!(same_place(&site.content.entries[*i], e));
            site.content.entries[*i] = e.clone();
        }
        site
    }

    /// Every page that shows one of `entries` (indices): its own page,
    /// the page of each listing, programme and event it is on, the home
    /// page when it is featured or among the latest, and the pages made
    /// from the open data (the map, the statistics, the downloads' sizes),
    /// which follow any edit.
    pub(crate) fn pages_showing(&self, entries: impl Iterator<Item = usize>) -> Vec<Job> {
        let per = self.config.paginate;
        let mut jobs: Vec<Job> = Vec::new();
        let add = |route: Route, list: &[usize], i: usize, jobs: &mut Vec<Job>| {
            if let Some(at) = list.iter().position(|&x| x == i) {
                let job = Job {
                    route,
                    page: at / per + 1,
                };
                if !jobs
                    .iter()
                    .any(|j| j.route == job.route && j.page == job.page)
                {
                    jobs.push(job);
                }
            }
        };
        for i in entries {
            let e = &self.content.entries[i];
            jobs.push(Job {
                route: Route::Entry(i),
                page: 1,
            });
            let k = e.kind_index();
            add(Route::Kind(k), &self.by_kind[k], i, &mut jobs);
            add(
                Route::Category(e.category),
                &self.by_category[e.category],
                i,
                &mut jobs,
            );
            add(
                Route::District(e.district),
                &self.by_district[e.district],
                i,
                &mut jobs,
            );
            for (v, list) in self.by_village[e.district].iter().enumerate() {
                add(Route::Village(e.district, v), list, i, &mut jobs);
            }
            for &p in &self.entry_programmes[i] {
                add(Route::Programme(p), &self.by_programme[p], i, &mut jobs);
            }
            for &ev in &self.entry_events[i] {
                add(Route::Event(ev), &self.event_participants[ev], i, &mut jobs);
            }
            let home = self.featured.contains(&i) || self.latest.contains(&i);
            if home && !jobs.iter().any(|j| j.route == Route::Home) {
                jobs.push(Job {
                    route: Route::Home,
                    page: 1,
                });
            }
        }
        if !jobs.is_empty() {
            for route in [Route::Map, Route::Stats, Route::Data] {
                jobs.push(Job { route, page: 1 });
            }
        }
        jobs
    }

    /// Whether an event's last day is before the day of the build.
    pub(crate) fn ended(&self, ev: &crate::model::Event) -> bool {
        ev.end.unwrap_or(ev.start).date < self.today
    }

    /// Whether a certificate is one the site may claim on the day of the
    /// build: granted, and not past its last day.
    pub(crate) fn certified(&self, c: &crate::model::Certification) -> bool {
        c.status == crate::model::CertStatus::Certified && !self.expired(c)
    }

    /// Whether a certificate's last day has passed.
    pub(crate) fn expired(&self, c: &crate::model::Certification) -> bool {
        c.valid_until.is_some_and(|d| d < self.today)
    }
}

/// Whether an entry read again stands where it stood: the same address,
/// sort key and name, groups (category, kecamatan, kelurahan,
/// programmes), home-page place (featured, date), draft state and
/// pictures (their copies are files of the site). Then the index made
/// for the old one holds for the new one.
pub(crate) fn same_place(a: &crate::model::Entry, b: &crate::model::Entry) -> bool {
    let pictures = |e: &crate::model::Entry| -> Vec<(Option<String>, String)> {
        e.logo
            .iter()
            .chain(&e.images)
            .map(|p| (p.copy_from.clone(), p.output.clone()))
            .collect()
    };
    let programmes = |e: &crate::model::Entry| -> Vec<String> {
        e.programs.iter().map(|r| r.target.clone()).collect()
    };
    a.kind == b.kind
        && a.slug == b.slug
        && a.sort_key == b.sort_key
        && a.name == b.name
        && a.category == b.category
        && a.district == b.district
        && a.village == b.village
        && a.featured == b.featured
        && a.draft == b.draft
        && a.updated == b.updated
        && programmes(a) == programmes(b)
        && pictures(a) == pictures(b)
}

/// Sort key for names: case-insensitive, then the exact name.
fn name_key(name: &str) -> (String, String) {
    (match_key(name), name.to_string())
}

pub(crate) fn index(config: Config, mut content: Content) -> Site {
    // One total order, fixed here, so every listing and the output are
    // the same at any thread count.
    // By name (its key made when the entry was read), then the exact
    // name, kind and slug.
    content.entries.sort_by(|a, b| {
        (
            a.sort_key.as_str(),
            a.name.as_str(),
            a.kind,
            a.slug.as_str(),
        )
            .cmp(&(
                b.sort_key.as_str(),
                b.name.as_str(),
                b.kind,
                b.slug.as_str(),
            ))
    });
    content
        .programmes
        .sort_by_cached_key(|p| (name_key(&p.name), p.slug.clone()));
    content
        .events
        .sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.slug.cmp(&b.slug)));
    content
        .pages
        .sort_by_cached_key(|p| (name_key(&p.title), p.slug.clone()));

    let n = content.entries.len();
    let mut by_kind: [Vec<usize>; 3] = Default::default();
    let mut by_category = vec![Vec::new(); config.categories.len()];
    let mut by_district = vec![Vec::new(); config.districts.len()];
    let mut by_village: Vec<Vec<Vec<usize>>> = config
        .districts
        .iter()
        .map(|d| vec![Vec::new(); d.villages.len()])
        .collect();
    let programme_ix: HashMap<&str, usize> = content
        .programmes
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    let mut by_programme = vec![Vec::new(); content.programmes.len()];
    let mut entry_programmes = vec![Vec::new(); n];
    let mut entry_ix: HashMap<(Kind, &str), usize> = HashMap::with_capacity(n);
    for (i, e) in content.entries.iter().enumerate() {
        by_kind[e.kind_index()].push(i);
        by_category[e.category].push(i);
        by_district[e.district].push(i);
        let village = e.village.as_deref();
        if let Some(k) = village.and_then(|v| config.districts[e.district].village_index(v)) {
            by_village[e.district][k].push(i);
        }
        entry_ix.insert((e.kind, e.slug.as_str()), i);
        for r in &e.programs {
            if let Some(&p) = programme_ix.get(r.target.as_str()) {
                if !entry_programmes[i].contains(&p) {
                    entry_programmes[i].push(p);
                    by_programme[p].push(i);
                }
            }
        }
    }
    let mut entry_events = vec![Vec::new(); n];
    let mut event_participants = Vec::with_capacity(content.events.len());
    let mut event_programmes = Vec::with_capacity(content.events.len());
    let mut programme_events = vec![Vec::new(); content.programmes.len()];
    for (ev_i, ev) in content.events.iter().enumerate() {
        let mut parts = Vec::new();
        for r in &ev.participants {
            let found = r.target.split_once('/').and_then(|(k, s)| {
                let kind = Kind::from_folder(k)?;
                entry_ix.get(&(kind, s)).copied()
            });
            if let Some(i) = found.filter(|i| !parts.contains(i)) {
                parts.push(i);
                entry_events[i].push(ev_i);
            }
        }
        let mut progs = Vec::new();
        for r in &ev.programs {
            if let Some(&p) = programme_ix
                .get(r.target.as_str())
                .filter(|p| !progs.contains(*p))
            {
                progs.push(p);
                programme_events[p].push(ev_i);
            }
        }
        event_participants.push(parts);
        event_programmes.push(progs);
    }
    let featured: Vec<usize> = (0..n)
        .filter(|&i| content.entries[i].featured)
        .take(HOME_FEATURED)
        .collect();
    // The latest never repeat the featured ones: one entry, one section.
    let mut latest: Vec<usize> = (0..n).filter(|i| !featured.contains(i)).collect();
    // Newest first; entries without a date come last, in name order.
    latest.sort_by(|&a, &b| {
        let (ea, eb) = (&content.entries[a], &content.entries[b]);
        eb.updated.cmp(&ea.updated).then(a.cmp(&b))
    });
    latest.truncate(HOME_LATEST);
    let today = crate::clock::today(config.timezone);
    Site {
        config,
        content,
        by_kind,
        by_category,
        by_district,
        by_village,
        by_programme,
        programme_events,
        entry_programmes,
        entry_events,
        event_participants,
        event_programmes,
        featured,
        latest,
        today,
    }
}
