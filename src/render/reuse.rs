//! What a render keeps for the next one (`serve`): each page's
//! fingerprint, a hash of everything its view is made from, so the next
//! render writes again only the pages whose inputs changed, and gives
//! back the same bytes a full build would for the rest.
//!
//! A page's inputs are the content everywhere on the site (`global`:
//! what every page's `site` shows, the programmes, events and free pages,
//! the day) and the items of its own view (`job`): its entry, the entries
//! of its slice of a listing, the counts it prints. Theme, site.yaml and
//! static files are not among them: when one of those changes, `serve`
//! starts from no fingerprints at all.

use super::Lang;
use crate::hash::{Fast, FastMap};
use crate::index::Site;
use crate::paths::Terms;
use crate::routes::{Job, Route};
use crate::search::Record;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use tera::Value;

/// A page's file as a key: its path hashed (the maps hold 10,000s).
pub(super) fn key(file: &str) -> u64 {
    crate::hash::quick(file.as_bytes())
}

/// Fingerprints and search records of the last render, and those of this
/// one as it goes.
#[derive(Default)]
pub(crate) struct Reuse {
    before: FastMap<u64, u64>,
    records_before: FastMap<u64, Arc<Record>>,
    /// Each language's cards with the versions of their entries, in
    /// entry order: a card depends on its entry and on what only a full
    /// render changes.
    cards_before: Vec<Cards>,
    /// The sitemap's fingerprint and files.
    sitemap_before: Option<(u64, Vec<String>)>,
    after: Mutex<Vec<(u64, u64)>>,
    records_after: Mutex<Vec<(usize, u64, Arc<Record>)>>,
    cards_after: Mutex<Vec<Cards>>,
    sitemap_after: Mutex<Option<(u64, Vec<String>)>>,
    /// Each language's templates with their globals, by a hash of those
    /// globals: a copy of the compiled templates costs more than a
    /// round's pages.
    templates: Mutex<Vec<Option<Templates>>>,
    /// Each entry's rows and records of the open data, kept across
    /// rounds (the entries not edited keep theirs).
    open_data: crate::opendata::Cache,
}

/// One language's templates with their globals, and the hash of those.
type Templates = (u64, Arc<tera::Tera>);

/// The cards of one language and their entries' versions, by entry index.
type Cards = (Vec<u64>, Vec<Value>);

fn take<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(|e| e.into_inner())
}

impl Reuse {
    /// What the next render may reuse from this one.
    pub(crate) fn next(self) -> Reuse {
        Reuse {
            before: take(self.after).into_iter().collect(),
            records_before: take(self.records_after)
                .into_iter()
                .map(|(_, k, r)| (k, r))
                .collect(),
            cards_before: take(self.cards_after),
            sitemap_before: take(self.sitemap_after),
            templates: self.templates,
            open_data: self.open_data,
            ..Reuse::default()
        }
    }

    /// What the next render may reuse after this one failed: what the
    /// last good one left.
    pub(crate) fn retry(self) -> Reuse {
        Reuse {
            before: self.before,
            records_before: self.records_before,
            cards_before: self.cards_before,
            sitemap_before: self.sitemap_before,
            templates: self.templates,
            open_data: self.open_data,
            ..Reuse::default()
        }
    }

    /// The open data's per-entry parts kept across rounds.
    pub(super) fn open_data(&self) -> &crate::opendata::Cache {
        &self.open_data
    }

    /// Language `li`'s templates for globals hashed to `key`: the last
    /// render's when they are the same, else made by `make`.
    pub(super) fn templates(
        &self,
        li: usize,
        key: u64,
        make: impl FnOnce() -> tera::Tera,
    ) -> Arc<tera::Tera> {
        let mut all = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() <= li {
            all.resize(li + 1, None);
        }
        match &all[li] {
            Some((k, t)) if *k == key => t.clone(),
            _ => {
                let t = Arc::new(make());
                all[li] = Some((key, t.clone()));
                t
            }
        }
    }

    /// After a render of `only` some pages: their fingerprints and
    /// records, and the cards, join what the next render may reuse.
    /// Returns the new records by entry index.
    pub(crate) fn absorb(&mut self) -> Vec<(usize, Arc<Record>)> {
        let after = std::mem::take(self.after.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.before.extend(after);
        let records = std::mem::take(
            self.records_after
                .get_mut()
                .unwrap_or_else(|e| e.into_inner()),
        );
        for (_, k, r) in &records {
            self.records_before.insert(*k, r.clone());
        }
        let cards = std::mem::take(
            self.cards_after
                .get_mut()
                .unwrap_or_else(|e| e.into_inner()),
        );
        if !cards.is_empty() {
            self.cards_before = cards;
        }
        records.into_iter().map(|(i, _, r)| (i, r)).collect()
    }

    /// The search records of this render's entry pages, in entry order;
    /// a page kept as it was keeps its record (the same `Arc`).
    pub(crate) fn records(&self) -> Vec<Arc<Record>> {
        let mut list = self
            .records_after
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        list.sort_by_key(|(i, _, _)| *i);
        list.into_iter().map(|(_, _, r)| r).collect()
    }

    /// Whether `file` may keep the bytes of the last render: its
    /// fingerprint is the same. Notes the fingerprint for the next one.
    pub(super) fn unchanged(&self, file: &str, fingerprint: u64) -> bool {
        let k = key(file);
        self.after
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((k, fingerprint));
        self.before.get(&k) == Some(&fingerprint)
    }

    /// The search record of an entry page: the new one, or the last
    /// render's for a page kept as it was.
    pub(super) fn record(&self, file: &str, entry: usize, record: Option<Record>) {
        let k = key(file);
        let record = record
            .map(Arc::new)
            .or_else(|| self.records_before.get(&k).cloned());
        if let Some(r) = record {
            self.records_after
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((entry, k, r));
        }
    }

    /// The last render's sitemap files when its fingerprint is the same;
    /// notes this render's fingerprint either way.
    pub(super) fn sitemap(&self, fingerprint: u64) -> Option<Vec<String>> {
        let kept = self
            .sitemap_before
            .as_ref()
            .filter(|(f, _)| *f == fingerprint)
            .map(|(_, files)| files.clone());
        if let Some(files) = &kept {
            self.sitemap_written(fingerprint, files.clone());
        }
        kept
    }

    pub(super) fn sitemap_written(&self, fingerprint: u64, files: Vec<String>) {
        *self.sitemap_after.lock().unwrap_or_else(|e| e.into_inner()) = Some((fingerprint, files));
    }

    /// Every entry's card in language `li`: the last render's where the
    /// entry has the same version, else made by `make`.
    pub(super) fn cards(
        &self,
        site: &Site,
        li: usize,
        make: impl Fn(usize) -> Value + Sync,
    ) -> Vec<Value> {
        use rayon::prelude::*;
        let before = self.cards_before.get(li);
        // Most entries stand where they stood; the others (after an entry
        // was added or removed) are found by version.
        let by_version: std::sync::OnceLock<FastMap<u64, &Value>> = std::sync::OnceLock::new();
        let versions: Vec<u64> = site.content.entries.iter().map(|e| e.version).collect();
        let cards: Vec<Value> = versions
            .par_iter()
            .enumerate()
            .map(|(i, v)| {
                let Some((vs, cs)) = before else {
                    return make(i);
                };
                if vs.get(i) == Some(v) {
                    return cs[i].clone();
                }
                let map = by_version.get_or_init(|| vs.iter().copied().zip(cs).collect());
                match map.get(v) {
                    Some(card) => (*card).clone(),
                    None => make(i),
                }
            })
            .collect();
        let mut after = self.cards_after.lock().unwrap_or_else(|e| e.into_inner());
        if after.len() <= li {
            after.resize_with(li + 1, Cards::default);
        }
        after[li] = (versions, cards.clone());
        cards
    }
}

/// What every page of one language is made from besides its own items.
pub(super) fn global(site: &Site, site_view: &Value, li: usize) -> u64 {
    let mut h = Fast::default();
    li.hash(&mut h);
    // The view every template sees: names and counts of every kind,
    // category, district, programme, event and page.
    format!("{site_view:?}").hash(&mut h);
    site.today.hash(&mut h);
    let c = &site.content;
    for v in c.programmes.iter().map(|p| p.version) {
        v.hash(&mut h);
    }
    for v in c.events.iter().map(|e| e.version) {
        v.hash(&mut h);
    }
    for v in c.pages.iter().map(|p| p.version) {
        v.hash(&mut h);
    }
    h.finish()
}

/// The fingerprint of one page: `global`, its address and the items its
/// view shows (see `pages::render_job`, which reads no more than these).
pub(super) fn job(site: &Site, lang: &Lang, global: u64, job: &Job, path: &str) -> u64 {
    let mut h = Fast::default();
    global.hash(&mut h);
    path.hash(&mut h);
    job.page.hash(&mut h);
    let per = site.config.paginate;
    let entries = |list: &[usize], h: &mut Fast| {
        for &i in list {
            site.content.entries[i].version.hash(h);
        }
    };
    let slice = |list: &[usize], h: &mut Fast| {
        list.len().hash(h);
        let from = (job.page - 1) * per;
        entries(&list[from.min(list.len())..(from + per).min(list.len())], h);
    };
    match job.route {
        Route::Home => {
            entries(&site.featured, &mut h);
            entries(&site.latest, &mut h);
        }
        Route::Kind(k) => slice(&site.by_kind[k], &mut h),
        Route::Category(c) => slice(&site.by_category[c], &mut h),
        Route::District(d) => {
            slice(&site.by_district[d], &mut h);
            for v in &site.by_village[d] {
                v.len().hash(&mut h);
            }
        }
        Route::Village(d, v) => {
            slice(&site.by_village[d][v], &mut h);
            site.by_district[d].len().hash(&mut h);
        }
        Route::Terms(Terms::Programmes) => {
            for p in &site.by_programme {
                p.len().hash(&mut h);
            }
        }
        Route::Entry(i) => {
            site.content.entries[i].version.hash(&mut h);
            site.entry_programmes[i].hash(&mut h);
            site.entry_events[i].hash(&mut h);
        }
        Route::Programme(i) => {
            slice(&site.by_programme[i], &mut h);
            site.programme_events[i].hash(&mut h);
        }
        Route::Event(i) => {
            // Its structured data names every participant.
            entries(&site.event_participants[i], &mut h);
            slice(&site.event_participants[i], &mut h);
            site.event_programmes[i].hash(&mut h);
        }
        // The map lists entries with their points from every kecamatan.
        Route::Map => {
            for e in &site.content.entries {
                e.version.hash(&mut h);
            }
        }
        Route::Stats => lang.open.charts.hash(&mut h),
        Route::Data => {
            for f in &lang.open.files {
                (&f.path, f.info.bytes, f.info.rows).hash(&mut h);
            }
        }
        // Everything they show is in `global`.
        Route::Terms(_) | Route::Page(_) | Route::Search | Route::NotFound => {}
    }
    lang.index.hash(&mut h);
    h.finish()
}
