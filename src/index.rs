//! The frozen site: content sorted once, and every grouping the pages
//! need (by kind, category, district, programme, event), built once.

use crate::config::{match_key, Config};
use crate::model::{Content, Kind};
use std::collections::HashMap;

/// How many entries the home page shows as latest and featured.
pub const HOME_LATEST: usize = 12;
pub const HOME_FEATURED: usize = 12;

pub struct Site {
    /// The site folder, canonical.
    pub root: std::path::PathBuf,
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
    /// Whether an event's last day is before the day of the build.
    pub fn ended(&self, ev: &crate::model::Event) -> bool {
        ev.end.unwrap_or(ev.start).date < self.today
    }
}

pub fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Umkm => 0,
        Kind::Koperasi => 1,
        _ => 2,
    }
}

/// Sort key for names: case-insensitive, then the exact name.
fn name_key(name: &str) -> (String, String) {
    (match_key(name), name.to_string())
}

pub fn index(root: std::path::PathBuf, config: Config, mut content: Content) -> Site {
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
        by_kind[kind_index(e.kind)].push(i);
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
        root,
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
