//! Etalase's own search index: static files made from the records in one
//! pass, read by the default theme's `indeks.js` without WebAssembly. The
//! format is written down in ARCHITECTURE.md ("The search index"); in
//! short:
//!
//! - entries are numbered in the order of their place and name, so every
//!   kecamatan and kelurahan is one run of numbers;
//! - `meta.json` (what every search loads): the count, the size of a card
//!   chunk, the first term of each dictionary shard, the (few) closed
//!   businesses, ranked after the open ones, and each filter value's
//!   entries, as runs or a bitmap, whichever is shorter (the counts beside
//!   every result list);
//! - `kata-N.txt`: the terms of a range, sorted and front-coded, each with
//!   its postings (the shared prefix counted in UTF-16 units, as the
//!   script slices): entry numbers delta-coded in base 36, the field the
//!   term was found in (name, product, place, text) in the low two bits;
//! - `kartu-N.json`: what a result shows, for a chunk of entries in
//!   number order, loaded for the results on screen only;
//! - `atas-S-G.json`: the first cards of common words of shard S (four
//!   words a file, G counting them), by line, so a first search for one
//!   needs one file for its first screen;
//! - `urut.txt`, `nama.txt`: the entries newest first, and A to Z, loaded
//!   only to sort by date, or to browse without a query by name.

use super::{b36, push_b36, Record};
use crate::message::Message;
use crate::paths;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// The index's files: (path in the site, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// Entries per card chunk: small, as a first screen's cards come from a
/// few chunks of entries far apart.
const CHUNK: usize = 16;
/// A term found in this many entries or more gets the cards of its first
/// results in a top file of its shard (`atas-S-G.json`): a first search for a common
/// word then needs one file for its first screen, not one per card.
const TOP_MIN: usize = 32;
/// How many cards that file holds: a first screen and some.
const TOP: usize = 8;
/// How many common words' top cards share a file.
const TOPS_PER_FILE: usize = 4;
/// What a result's card shows, in the order the card files hold it.
const SHOWN: [&str; 12] = [
    "title",
    "jenis",
    "kecamatan",
    "kelurahan",
    "alamat",
    "produk",
    "harga",
    "wa",
    "tel",
    "jam",
    "image",
    "tutup",
];
/// A dictionary shard ends once its text passes this many bytes.
const SHARD_BYTES: usize = 12 * 1024;

/// The indexing stage: runs on its own thread beside rendering.
pub(crate) struct Indexer;

/// What indexing cost its thread: the time spent taking records (not
/// waiting for them) and building the files.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Cost {
    pub adding: Duration,
    pub building: Duration,
}

impl Indexer {
    /// Takes the `entries` records arriving on `rx` as `(entry index,
    /// record)`, then `others`, and returns the index's files. Ends early,
    /// with none, when rendering stops before every entry's record arrived.
    pub(crate) fn run(
        rx: Receiver<(usize, Record)>,
        entries: usize,
        others: Vec<Record>,
        cost: &mut Cost,
    ) -> Result<Option<Files>, Message> {
        // The records are kept as they arrive and prepared once rendering
        // is done: preparing beside rendering took the renderer's CPU on
        // two cores, and freeing each record on this thread slowed the
        // threads that made it.
        let mut records: Vec<Option<Record>> = (0..entries).map(|_| None).collect();
        let mut got = 0;
        while got < entries {
            match rx.recv() {
                Ok((i, r)) => {
                    let start = Instant::now();
                    if let Some(slot) = records.get_mut(i) {
                        if slot.replace(r).is_none() {
                            got += 1;
                        }
                    }
                    cost.adding += start.elapsed();
                }
                Err(_) => return Ok(None),
            }
        }
        let start = Instant::now();
        let mut terms = Terms::default();
        let prepared = prepare_all(records.iter().flatten().chain(&others), &mut terms);
        drop(records);
        let all: Vec<&Prepared> = prepared.iter().collect();
        let files = make(&all, &terms, None);
        cost.building = start.elapsed();
        Ok(Some(files))
    }
}

/// How a field's rank (`schema::Def::search`, 1 the name) counts in a
/// posting's low two bits: 3 the name, 2 products and labels, 1 places,
/// categories and programmes, 0 the text.
fn class(rank: u8) -> u32 {
    match rank {
        1 => 3,
        2 | 3 => 2,
        4..=8 => 1,
        _ => 0,
    }
}

/// A text's terms: lowercase, accents taken off (as `indeks.js` does),
/// split at anything that is not a letter or a digit.
pub(crate) fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => folded.push_str("ss"),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'ø' => folded.push('o'),
            'đ' => folded.push('d'),
            'ł' => folded.push('l'),
            'ı' => folded.push('i'),
            // A Latin letter with a mark: the letter (what NFD keeps).
            '\u{c0}'..='\u{24f}' => match deunicode::deunicode_char(c) {
                Some(d) if d.len() == 1 && d.chars().all(|x| x.is_ascii_alphabetic()) => {
                    folded.push_str(d)
                }
                _ => folded.push(c),
            },
            c => folded.push(c),
        }
    }
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A word's stem, by a light Indonesian affix stripper that `cari.js`
/// repeats letter for letter: `-nya`, then `-an`, then a prefix: `meng-`,
/// `meny-`, `mem-`, `men-`, `peng-`, `peny-`, `pem-`, `pen-` before a
/// consonant, or `ber-`, `ter-`, `di-`; each only while four letters stay.
/// So "jahitan", "menjahit", "penjahit" and "dijahit" are all "jahit". No
/// sound change is undone ("menulis" stays as it is), and no prefix that
/// starts common roots (`ke-`, `se-`, `pe-`) is taken: a wrong stem would
/// join words of different meanings. The word itself is always indexed too.
pub(crate) fn stem(word: &str) -> String {
    const NASAL: [&str; 8] = ["meng", "meny", "mem", "men", "peng", "peny", "pem", "pen"];
    const PLAIN: [&str; 3] = ["ber", "ter", "di"];
    let mut w: Vec<char> = word.chars().collect();
    if w.len() < 5 || !w.iter().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    let ends = |w: &[char], s: &str| {
        w.len() >= s.len() + 4 && w.iter().rev().zip(s.chars().rev()).all(|(a, b)| *a == b)
    };
    let starts = |w: &[char], s: &str| {
        w.len() >= s.len() + 4 && w.iter().zip(s.chars()).all(|(a, b)| *a == b)
    };
    for s in ["nya", "an"] {
        if ends(&w, s) {
            w.truncate(w.len() - s.len());
        }
    }
    let vowel = |c: char| "aeiou".contains(c);
    // The longest nasal prefix the word starts with, and only before a
    // consonant ("mengirim" is not "men-girim").
    let prefix = match NASAL.iter().find(|p| starts(&w, p)) {
        Some(p) => (!vowel(w[p.len()])).then_some(p),
        None => PLAIN.iter().find(|p| starts(&w, p)),
    };
    if let Some(p) = prefix {
        w.drain(..p.len());
    }
    w.into_iter().collect()
}

/// The 64 digits of a bitmap, six entries each.
const DIGITS64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A set of entry numbers, as runs (`start.length,...`, base 36, each
/// start counted from the end of the run before) or as a bitmap (`b:` and
/// a digit of `DIGITS64` per six entries, the first the highest bit),
/// whichever is shorter; a set of more than half the entries is written
/// as `!` and the set of the others.
fn set(numbers: &[u32], n: usize) -> String {
    if numbers.len() * 2 > n {
        let mut inside = numbers.iter().peekable();
        let others: Vec<u32> = (0..n as u32)
            .filter(|x| {
                while inside.next_if(|y| **y < *x).is_some() {}
                inside.next_if_eq(&x).is_none()
            })
            .collect();
        return format!("!{}", plain_set(&others, n));
    }
    plain_set(numbers, n)
}

fn plain_set(numbers: &[u32], n: usize) -> String {
    let mut runs = Vec::new();
    let (mut at, mut i) = (0u32, 0);
    while i < numbers.len() {
        let start = numbers[i];
        let mut len = 1;
        while i + len < numbers.len() && numbers[i + len] == start + len as u32 {
            len += 1;
        }
        runs.push(format!("{}.{}", b36((start - at) as u64), b36(len as u64)));
        at = start + len as u32;
        i += len;
    }
    let runs = runs.join(",");
    let mut bits = vec![0u8; n.div_ceil(6)];
    for &x in numbers {
        bits[x as usize / 6] |= 32 >> (x % 6);
    }
    if bits.len() + 2 < runs.len() {
        let digits: String = bits.iter().map(|b| DIGITS64[*b as usize] as char).collect();
        format!("b:{digits}")
    } else {
        runs
    }
}

/// Every term the records hold, numbered once: a prepared record keeps
/// its terms as numbers, so `serve` re-reads only the records that
/// changed, and a round hashes no word. Numbers are never the output's
/// order (the dictionary is sorted by the words).
#[derive(Default)]
pub(crate) struct Terms {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Terms {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(term.to_string());
        self.ids.insert(term.to_string(), id);
        id
    }
}

/// What sorts a record into its entry number: place, kind, category,
/// name and address (empty kecamatan last).
type OrderKey = (bool, String, String, String, String, String, String);

/// A record made ready for the index: its terms (with their stems) as
/// numbers, each with the best field it was found in, its card, and what
/// it is ordered and filtered by.
pub(crate) struct Prepared {
    /// `term << 2 | field`, by term.
    terms: Vec<u32>,
    card: String,
    order: OrderKey,
    name: String,
    updated: String,
    closed: bool,
    filters: Vec<(String, String)>,
}

/// The words of `r` and their stems ("jahit" finds "penjahit"), each once
/// with the best field it is in: the part of preparing that needs no
/// shared numbering, so it runs on every core.
fn words_of(r: &Record) -> Vec<(String, u32)> {
    let mut found: HashMap<String, u32> = HashMap::new();
    for (rank, text) in &r.words {
        let c = class(*rank);
        for term in terms(text) {
            let root = stem(&term);
            if root != term {
                let best = found.entry(root).or_default();
                *best = (*best).max(c);
            }
            let best = found.entry(term).or_default();
            *best = (*best).max(c);
        }
    }
    found.into_iter().collect()
}

/// Prepares `r`, numbering its terms in `terms`.
pub(crate) fn prepare(r: &Record, terms_: &mut Terms) -> Prepared {
    prepare_with(r, words_of(r), terms_)
}

/// Records prepared on every core, numbered in order on this one.
fn prepare_all<'a>(records: impl Iterator<Item = &'a Record>, terms_: &mut Terms) -> Vec<Prepared> {
    use rayon::prelude::*;
    let records: Vec<&Record> = records.collect();
    let mut out = Vec::with_capacity(records.len());
    // In batches: the words of every record at once would outweigh them.
    for batch in records.chunks(2048) {
        let words: Vec<Vec<(String, u32)>> = batch.par_iter().map(|r| words_of(r)).collect();
        for (r, w) in batch.iter().zip(words) {
            out.push(prepare_with(r, w, terms_));
        }
    }
    out
}

fn prepare_with(r: &Record, words: Vec<(String, u32)>, terms_: &mut Terms) -> Prepared {
    let mut list: Vec<u32> = words.iter().map(|(t, c)| terms_.id(t) << 2 | c).collect();
    list.sort_unstable();
    list.shrink_to_fit();
    let meta = |k: &str| r.meta.get(k).map(String::as_str).unwrap_or("");
    let first = |k: &str| {
        r.filters
            .get(k)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    };
    let card: Vec<&str> = std::iter::once(r.url.as_str())
        .chain(SHOWN.iter().map(|k| meta(k)))
        .collect();
    Prepared {
        terms: list,
        card: serde_json::to_string(&card).unwrap_or_default(),
        order: (
            meta("kecamatan").is_empty(),
            crate::places::match_key(meta("kecamatan")),
            crate::places::match_key(meta("kelurahan")),
            first("jenis"),
            first("kategori"),
            r.sort.get("nama").cloned().unwrap_or_default(),
            r.url.clone(),
        ),
        name: r.sort.get("nama").cloned().unwrap_or_default(),
        updated: r.sort.get("diperbarui").cloned().unwrap_or_default(),
        closed: r.meta.contains_key("tutup"),
        filters: r
            .filters
            .iter()
            .flat_map(|(f, values)| values.iter().map(move |v| (f.clone(), v.clone())))
            .collect(),
    }
}

/// What `serve` keeps between rounds: every record prepared, in the order
/// given, and what the last index was made of, so a round prepares only
/// the records that changed and, when no entry moved, updates only their
/// terms' lines.
#[derive(Default)]
pub(crate) struct Cache {
    terms: Terms,
    reuse: Reuse,
    records: Vec<std::sync::Arc<Record>>,
    prepared: Vec<std::sync::Arc<Prepared>>,
}

/// The index's files after a round: each path, with its bytes when they
/// are not the last round's.
pub(crate) type Update = Vec<(String, Option<Vec<u8>>)>;

impl Cache {
    /// The index of `records` (entries, in entry order) and `others`,
    /// byte for byte the one a build makes.
    pub(crate) fn index(
        &mut self,
        records: &[std::sync::Arc<Record>],
        others: &[Record],
    ) -> Update {
        use std::sync::Arc;
        let all: Vec<Arc<Record>> = records
            .iter()
            .cloned()
            .chain(others.iter().map(|r| Arc::new(r.clone())))
            .collect();
        // The last round's records by address, looked up by position
        // first (a save changes a few), by address only when they moved.
        let mut by_url: Option<HashMap<&str, usize>> = None;
        let mut list: Vec<Arc<Prepared>> = Vec::with_capacity(all.len());
        for (i, r) in all.iter().enumerate() {
            let same = |j: usize| {
                let old = &self.records[j];
                Arc::ptr_eq(old, r) || **old == **r
            };
            let at = if i < self.records.len() && self.records[i].url == r.url {
                Some(i).filter(|&j| same(j))
            } else {
                let map = by_url.get_or_insert_with(|| {
                    self.records
                        .iter()
                        .enumerate()
                        .map(|(j, r)| (r.url.as_str(), j))
                        .collect()
                });
                map.get(r.url.as_str()).copied().filter(|&j| same(j))
            };
            list.push(match at {
                Some(j) => self.prepared[j].clone(),
                None => Arc::new(prepare(r, &mut self.terms)),
            });
        }
        drop(by_url);
        let update = match self.reuse.update(&self.prepared, &list, &self.terms) {
            Some(update) => update,
            None => {
                let refs: Vec<&Prepared> = list.iter().map(|p| &**p).collect();
                let files = make(&refs, &self.terms, Some(&mut self.reuse));
                self.reuse.changed(files)
            }
        };
        self.records = all;
        self.prepared = list;
        update
    }
}

/// A term's line in its shard, but for its front-coded start: the
/// postings' text and, for a common word, its top cards with the entries
/// they show.
#[derive(Clone)]
struct Line {
    text: String,
    top: Option<(Vec<u32>, Vec<u8>)>,
}

/// What the last index was made of (`serve`): a save that moves no entry
/// changes only the lines of its record's terms, its card chunk, and the
/// files that gather those.
#[derive(Default)]
pub(crate) struct Reuse {
    /// By entry number, the record's place in the list given; and back.
    order: Vec<u32>,
    rank: Vec<u32>,
    /// By term number: its postings, and its line (terms without
    /// postings have none: they are not in the dictionary).
    lists: Vec<Vec<u32>>,
    lines: Vec<Option<Line>>,
    /// The terms with postings, as the dictionary sorts them.
    dictionary: Vec<u32>,
    closed: Vec<bool>,
    sets: Sets,
    newest: Vec<u8>,
    by_name: Vec<u8>,
    /// Each file's hash as last made, by path.
    written: HashMap<String, u64>,
    /// How many rounds were updates (the tests' check that they were).
    #[cfg(test)]
    updates: usize,
}

/// Each filter's values and their sets.
type Sets = BTreeMap<String, BTreeMap<String, String>>;

/// How many changed records a round updates in place; more make the
/// index again.
const UPDATE_MAX: usize = 256;

impl Reuse {
    /// The files as an update: each marked unchanged when its bytes hash
    /// as last time; the hashes of files no longer made are forgotten.
    fn changed(&mut self, files: Files) -> Update {
        let update = changed_among(&mut self.written, files);
        let listed: std::collections::HashSet<&str> =
            update.iter().map(|(p, _)| p.as_str()).collect();
        self.written.retain(|p, _| listed.contains(p.as_str()));
        update
    }

    /// The index after `old` became `new` (the same records in the same
    /// places, a few of them changed without moving), from the last one;
    /// `None` when it must be made again.
    fn update(
        &mut self,
        old: &[std::sync::Arc<Prepared>],
        new: &[std::sync::Arc<Prepared>],
        terms_: &Terms,
    ) -> Option<Update> {
        use std::sync::Arc;
        let n = new.len();
        if self.order.len() != n || old.len() != n || n == 0 {
            return None;
        }
        let changed: Vec<usize> = (0..n).filter(|&i| !Arc::ptr_eq(&old[i], &new[i])).collect();
        if changed.len() > UPDATE_MAX {
            return None;
        }
        let at = |doc: usize| &*new[self.order[doc] as usize];
        // Keys are unique (the address is the last): the order stands when
        // each changed record still sorts between its neighbours.
        for &i in &changed {
            let d = self.rank[i] as usize;
            let key = &new[i].order;
            if d > 0 && at(d - 1).order >= *key || d + 1 < n && *key >= at(d + 1).order {
                return None;
            }
        }
        let words = &terms_.words;
        if self.lists.len() < words.len() {
            self.lists.resize_with(words.len(), Vec::new);
            self.lines.resize_with(words.len(), || None);
        }
        let mut touched: Vec<u32> = Vec::new();
        let (mut filters, mut sorts) = (false, false);
        for &i in &changed {
            let doc = self.rank[i];
            let (was, now) = (&old[i], &new[i]);
            for &t in &was.terms {
                let list = &mut self.lists[(t >> 2) as usize];
                if let Ok(k) = list.binary_search_by(|p| (p >> 2).cmp(&doc)) {
                    list.remove(k);
                }
                touched.push(t >> 2);
            }
            for &t in &now.terms {
                let list = &mut self.lists[(t >> 2) as usize];
                let k = list.partition_point(|p| (p >> 2) < doc);
                list.insert(k, doc << 2 | (t & 3));
                touched.push(t >> 2);
            }
            self.closed[doc as usize] = now.closed;
            filters |= was.filters != now.filters || was.closed != now.closed;
            sorts |= was.name != now.name || was.updated != now.updated;
        }
        touched.sort_unstable();
        touched.dedup();
        for &id in &touched {
            let list = &self.lists[id as usize];
            let found = self
                .dictionary
                .binary_search_by(|&x| words[x as usize].cmp(&words[id as usize]));
            match (found, list.is_empty()) {
                (Ok(k), true) => {
                    self.dictionary.remove(k);
                }
                (Err(k), false) => self.dictionary.insert(k, id),
                _ => {}
            }
            self.lines[id as usize] =
                (!list.is_empty()).then(|| line(list, &self.closed, &|d| at(d as usize)));
        }
        let mut files: Files = Vec::new();
        let lines = &self.lines;
        let firsts = shards(
            self.dictionary.iter().filter_map(|&id| {
                lines[id as usize]
                    .as_ref()
                    .map(|l| (words[id as usize].as_str(), l))
            }),
            &mut files,
        );
        if filters {
            self.sets = sets(n, &|d| at(d));
        }
        if sorts {
            (self.newest, self.by_name) = sorted(n, &|d| at(d));
        }
        files.push((
            format!("{}urut.txt", paths::SEARCH_INDEX),
            self.newest.clone(),
        ));
        files.push((
            format!("{}nama.txt", paths::SEARCH_INDEX),
            self.by_name.clone(),
        ));
        files.push(meta(n, firsts, &self.closed, &self.sets));
        let mut update = changed_among(&mut self.written, files);
        // The card chunks: made again only where a record changed.
        let mut chunks: Vec<usize> = changed
            .iter()
            .map(|&i| self.rank[i] as usize / CHUNK)
            .collect();
        chunks.sort_unstable();
        chunks.dedup();
        for c in 0..n.div_ceil(CHUNK) {
            let path = format!("{}kartu-{c}.json", paths::SEARCH_INDEX);
            let bytes = chunks
                .binary_search(&c)
                .is_ok()
                .then(|| cards(c * CHUNK..n.min((c + 1) * CHUNK), &|d| at(d)));
            update.push((path, bytes));
        }
        update.sort_by(|a, b| a.0.cmp(&b.0));
        #[cfg(test)]
        {
            self.updates += 1;
        }
        Some(update)
    }
}

/// Each file with its bytes when they are not the last round's (by their
/// hash), its hash kept for the next; files not given (the card chunks an
/// update did not make again) keep theirs.
fn changed_among(written: &mut HashMap<String, u64>, files: Files) -> Update {
    files
        .into_iter()
        .map(|(path, bytes)| {
            let h = crate::hash::quick(&bytes);
            let same = written.insert(path.clone(), h) == Some(h);
            (path, (!same).then_some(bytes))
        })
        .collect()
}

/// The index of `records` (entries first, then programmes and events).
#[cfg(test)]
pub(crate) fn build(records: &[Record]) -> Files {
    let mut t = Terms::default();
    let prepared: Vec<Prepared> = records.iter().map(|r| prepare(r, &mut t)).collect();
    let refs: Vec<&Prepared> = prepared.iter().collect();
    make(&refs, &t, None)
}

/// The first TOP of a term's postings as the script ranks a word alone:
/// open before closed, the best field, then entry order; in one pass.
fn first_results(list: &[u32], closed: &[bool]) -> Vec<u32> {
    // Eight buckets, (open, class 3) first; each filled in entry order.
    let mut buckets: [Vec<u32>; 8] = Default::default();
    for &p in list {
        let (doc, c) = (p >> 2, p & 3);
        let b = usize::from(closed[doc as usize]) * 4 + (3 - c as usize);
        if buckets[b].len() < TOP {
            buckets[b].push(doc);
        }
    }
    buckets.into_iter().flatten().take(TOP).collect()
}

/// A term's line from its postings: delta-coded entry numbers with the
/// field in the low two bits, `*` first when the term has top cards.
fn line<'a>(list: &[u32], closed: &[bool], at: &dyn Fn(u32) -> &'a Prepared) -> Line {
    let top = (list.len() >= TOP_MIN).then(|| {
        let docs = first_results(list, closed);
        // The first cards of the word alone, as the script ranks it.
        let mut top = Vec::from(&b"["[..]);
        for (k, &doc) in docs.iter().enumerate() {
            if k > 0 {
                top.push(b',');
            }
            top.extend_from_slice(format!("[{doc},").as_bytes());
            top.extend_from_slice(at(doc).card.as_bytes());
            top.push(b']');
        }
        top.push(b']');
        (docs, top)
    });
    let mut text = String::with_capacity(list.len() * 3 + 2);
    if top.is_some() {
        text.push('*');
    }
    let mut last = 0u32;
    for (k, &p) in list.iter().enumerate() {
        let (doc, c) = (p >> 2, p & 3);
        if k > 0 {
            text.push(',');
        }
        push_b36(&mut text, ((doc - last) as u64) << 2 | c as u64);
        last = doc;
    }
    Line { text, top }
}

/// The dictionary in shards of about SHARD_BYTES, front-coded, with the
/// top files of their common words; returns each shard's first term.
fn shards<'a, L: std::borrow::Borrow<Line>>(
    lines: impl Iterator<Item = (&'a str, L)>,
    files: &mut Files,
) -> Vec<String> {
    let dir = paths::SEARCH_INDEX;
    let mut firsts: Vec<String> = Vec::new();
    let mut shard = String::new();
    let mut previous = "";
    // The top cards of a shard's common words, TOPS_PER_FILE words a file
    // (`{"line": cards, ...}`): not a file a word (on a disk, files cost
    // more than their bytes), nor a shard's all (a keystroke's bytes).
    let mut tops: Vec<u8> = Vec::new();
    let (mut in_tops, mut groups, mut number) = (0, 0, 0);
    let flush_tops = |tops: &mut Vec<u8>, files: &mut Files, count: usize, group: usize| {
        if !tops.is_empty() {
            tops.push(b'}');
            files.push((
                format!("{dir}atas-{count}-{group}.json"),
                std::mem::take(tops),
            ));
        }
    };
    let close = |shard: &mut String, files: &mut Files, count: usize| {
        files.push((
            format!("{dir}kata-{count}.txt"),
            std::mem::take(shard).into_bytes(),
        ));
    };
    for (term, l) in lines {
        let l = l.borrow();
        if shard.len() >= SHARD_BYTES {
            flush_tops(&mut tops, files, firsts.len() - 1, groups);
            close(&mut shard, files, firsts.len() - 1);
        }
        if shard.is_empty() {
            firsts.push(term.to_string());
            previous = "";
            (number, in_tops, groups) = (0, 0, 0);
        }
        let shared = previous
            .chars()
            .zip(term.chars())
            .take_while(|(a, b)| a == b)
            .count();
        // Counted as the script's `slice` counts: in UTF-16 units.
        let units: usize = term.chars().take(shared).map(char::len_utf16).sum();
        let suffix = &term[term
            .char_indices()
            .nth(shared)
            .map_or(term.len(), |(i, _)| i)..];
        push_b36(&mut shard, units as u64);
        shard.push(' ');
        shard.push_str(suffix);
        shard.push(' ');
        if let Some((_, top)) = &l.top {
            if in_tops == TOPS_PER_FILE {
                flush_tops(&mut tops, files, firsts.len() - 1, groups);
                in_tops = 0;
                groups += 1;
            }
            tops.push(if tops.is_empty() { b'{' } else { b',' });
            tops.extend_from_slice(format!("\"{number}\":").as_bytes());
            tops.extend_from_slice(top);
            in_tops += 1;
        }
        number += 1;
        shard.push_str(&l.text);
        shard.push('\n');
        previous = term;
    }
    if !shard.is_empty() {
        flush_tops(&mut tops, files, firsts.len() - 1, groups);
        close(&mut shard, files, firsts.len() - 1);
    }
    firsts
}

/// Each filter value's entries, as a set.
fn sets<'a>(n: usize, at: &dyn Fn(usize) -> &'a Prepared) -> Sets {
    let mut found: crate::hash::FastMap<(&str, &str), Vec<u32>> = Default::default();
    for doc in 0..n {
        for (name, v) in &at(doc).filters {
            found
                .entry((name.as_str(), v.as_str()))
                .or_default()
                .push(doc as u32);
        }
    }
    let mut sets = Sets::new();
    for ((f, v), docs) in found {
        sets.entry(f.to_string())
            .or_default()
            .insert(v.to_string(), set(&docs, n));
    }
    sets
}

/// A chunk's cards.
fn cards<'a>(docs: std::ops::Range<usize>, at: &dyn Fn(usize) -> &'a Prepared) -> Vec<u8> {
    let mut out = b"[".to_vec();
    for (k, doc) in docs.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(at(doc).card.as_bytes());
    }
    out.push(b']');
    out
}

/// Newest first, for the sort by date only; A to Z, for browsing without
/// a query and the sort by name.
fn sorted<'a>(n: usize, at: &dyn Fn(usize) -> &'a Prepared) -> (Vec<u8>, Vec<u8>) {
    let joined = |docs: &[u32]| {
        let mut out = String::with_capacity(docs.len() * 4);
        for (k, &d) in docs.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_b36(&mut out, d as u64);
        }
        out.into_bytes()
    };
    let mut newest: Vec<u32> = (0..n as u32).collect();
    newest.sort_by(|&a, &b| at(b as usize).updated.cmp(&at(a as usize).updated));
    let mut by_name: Vec<u32> = (0..n as u32).collect();
    by_name.sort_by(|&a, &b| at(a as usize).name.cmp(&at(b as usize).name));
    (joined(&newest), joined(&by_name))
}

/// `meta.json`: what every search loads.
fn meta(n: usize, firsts: Vec<String>, closed: &[bool], sets: &Sets) -> (String, Vec<u8>) {
    // The closed businesses (few): ranked after the open ones.
    let closed: Vec<u32> = (0..n as u32).filter(|&d| closed[d as usize]).collect();
    let meta = serde_json::json!({
        "v": 1,
        "n": n,
        "chunk": CHUNK,
        "tops": TOPS_PER_FILE,
        "fields": SHOWN,
        "shards": firsts,
        "closed": set(&closed, n),
        "sets": sets,
    });
    (
        format!("{}meta.json", paths::SEARCH_INDEX),
        serde_json::to_vec(&meta).unwrap_or_default(),
    )
}

/// The index of prepared records, every file of it; with `keep`, what
/// the next round can update it from.
fn make(records: &[&Prepared], terms_: &Terms, keep: Option<&mut Reuse>) -> Files {
    // Entries by place, kind, category and name: every kecamatan and
    // kelurahan is a run, and within them every kind and category.
    let mut order: Vec<u32> = (0..records.len() as u32).collect();
    order.sort_by(|&a, &b| records[a as usize].order.cmp(&records[b as usize].order));
    let n = order.len();
    let at = |doc: usize| records[order[doc] as usize];

    // Each term's postings, entries in number order: counted first, then
    // laid out in one array (a term's list is a slice of it).
    let mut start = vec![0usize; terms_.words.len() + 1];
    for doc in 0..n {
        for &t in &at(doc).terms {
            start[(t >> 2) as usize + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    // Each posting `entry << 2 | field`.
    let mut flat = vec![0u32; start[start.len() - 1]];
    for doc in 0..n {
        for &t in &at(doc).terms {
            let id = (t >> 2) as usize;
            flat[fill[id]] = (doc as u32) << 2 | (t & 3);
            fill[id] += 1;
        }
    }
    drop(fill);
    let postings = |id: u32| &flat[start[id as usize]..start[id as usize + 1]];
    let words = &terms_.words;
    let mut dictionary: Vec<u32> = (0..words.len() as u32)
        .filter(|&id| !postings(id).is_empty())
        .collect();
    dictionary.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let closed: Vec<bool> = (0..n).map(|doc| at(doc).closed).collect();
    let by_number = |d: u32| at(d as usize);

    let (newest, by_name) = sorted(n, &at);
    let sets = sets(n, &at);
    let mut files: Files = Vec::new();
    let firsts = match keep {
        None => shards(
            dictionary.iter().map(|&id| {
                let l = line(postings(id), &closed, &by_number);
                (words[id as usize].as_str(), l)
            }),
            &mut files,
        ),
        Some(reuse) => {
            let mut lists = vec![Vec::new(); words.len()];
            let mut lines = vec![None; words.len()];
            for &id in &dictionary {
                lists[id as usize] = postings(id).to_vec();
                lines[id as usize] = Some(line(postings(id), &closed, &by_number));
            }
            let firsts = shards(
                dictionary.iter().filter_map(|&id| {
                    lines[id as usize]
                        .as_ref()
                        .map(|l: &Line| (words[id as usize].as_str(), l))
                }),
                &mut files,
            );
            let mut rank = vec![0u32; n];
            for (doc, &i) in order.iter().enumerate() {
                rank[i as usize] = doc as u32;
            }
            *reuse = Reuse {
                order: order.clone(),
                rank,
                lists,
                lines,
                dictionary,
                closed: closed.clone(),
                sets: sets.clone(),
                newest: newest.clone(),
                by_name: by_name.clone(),
                written: std::mem::take(&mut reuse.written),
                #[cfg(test)]
                updates: reuse.updates,
            };
            firsts
        }
    };
    drop(flat);
    let dir = paths::SEARCH_INDEX;
    // The cards, a chunk of CHUNK entries a file.
    for c in 0..n.div_ceil(CHUNK) {
        files.push((
            format!("{dir}kartu-{c}.json"),
            cards(c * CHUNK..n.min((c + 1) * CHUNK), &at),
        ));
    }
    files.push((format!("{dir}urut.txt"), newest));
    files.push((format!("{dir}nama.txt"), by_name));
    files.push(meta(n, firsts, &closed, &sets));
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str, name: &str, kec: &str, words: &[(u8, &str)]) -> Record {
        Record {
            url: url.into(),
            words: words.iter().map(|(r, w)| (*r, w.to_string())).collect(),
            meta: BTreeMap::from([
                ("title".into(), name.into()),
                ("kecamatan".into(), kec.into()),
            ]),
            filters: BTreeMap::from([("kecamatan".into(), vec![kec.into()])]),
            sort: BTreeMap::from([("nama".into(), name.to_lowercase())]),
        }
    }

    /// Applies `update` to `files`, as `serve` does.
    fn apply(files: &mut BTreeMap<String, Vec<u8>>, update: Update) {
        let listed: Vec<String> = update.iter().map(|(p, _)| p.clone()).collect();
        files.retain(|p, _| listed.contains(p));
        for (p, bytes) in update {
            match bytes {
                Some(b) => {
                    files.insert(p, b);
                }
                None => assert!(files.contains_key(&p), "{p} kept but never made"),
            }
        }
    }

    #[test]
    fn an_update_in_place_makes_the_index_a_build_makes() {
        use std::sync::Arc;
        let kec = ["Bekasi Barat", "Jatiasih", "Medansatria"];
        let mut records: Vec<Record> = (0..60)
            .map(|i| {
                let mut r = record(
                    &format!("u/{i}/"),
                    &format!("Usaha {i}"),
                    kec[i % 3],
                    &[
                        (1, &format!("Usaha {i} kopi")),
                        (2, "keripik"),
                        (9, "warung enak"),
                    ],
                );
                r.filters.insert("qris".into(), vec![(i % 2).to_string()]);
                r
            })
            .collect();
        let mut cache = Cache::default();
        let mut served = BTreeMap::new();
        let arcs = |records: &[Record]| -> Vec<Arc<Record>> {
            records.iter().cloned().map(Arc::new).collect()
        };
        let mut now = arcs(&records);
        apply(&mut served, cache.index(&now, &[]));
        let edits: [&dyn Fn(&mut Record); 4] = [
            // New words, some gone.
            &|r| r.words = vec![(1, "Usaha baru sekali".into()), (9, "bakso".into())],
            // Closed: ranked last, and in the closed set.
            &|r| {
                r.meta.insert("tutup".into(), "1".into());
            },
            // A filter value.
            &|r| {
                r.filters.insert("qris".into(), vec!["ya".into()]);
            },
            // Its card.
            &|r| {
                r.meta.insert("alamat".into(), "Jl. Baru".into());
            },
        ];
        for (k, edit) in edits.iter().enumerate() {
            for i in [3 * k + 1, 40 - k] {
                edit(&mut records[i]);
                now[i] = Arc::new(records[i].clone());
            }
            apply(&mut served, cache.index(&now, &[]));
            let built: BTreeMap<String, Vec<u8>> = build(&records).into_iter().collect();
            assert_eq!(
                served.keys().collect::<Vec<_>>(),
                built.keys().collect::<Vec<_>>()
            );
            for (p, b) in &built {
                assert!(served[p] == *b, "edit {k}: {p} differs");
            }
        }
        // The edits were made in place, not by making the index again.
        assert_eq!(cache.reuse.updates, edits.len());
    }

    #[test]
    fn terms_fold_as_the_script_does() {
        let t: Vec<String> = terms("Kopi Café, Bakso-Malang 2 · ÆSOP Straße").collect();
        assert_eq!(
            t,
            ["kopi", "cafe", "bakso", "malang", "2", "aesop", "strasse"]
        );
    }

    /// The pairs the page's script is held to as well (the suite's
    /// `search::the_script_stems_words_as_the_index_does`).
    const STEMS: &str = include_str!("../../tests/fixtures/stems.txt");

    #[test]
    fn stems_indonesian_forms_lightly() {
        for line in STEMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (word, root) = line.split_once(' ').unwrap();
            assert_eq!(stem(word), root, "{word}");
        }
    }

    #[test]
    fn sets_are_runs_or_bitmaps() {
        assert_eq!(set(&[0, 1, 2, 10, 11], 100), "0.3,7.2");
        let every_third: Vec<u32> = (0..100).step_by(3).collect();
        let code = set(&every_third, 100);
        // 100100 is 36, `k`.
        assert!(code.starts_with("b:kkk"), "{code}");
        assert_eq!(code.len(), 2 + 17);
        // Most entries: the others, after `!`.
        let most: Vec<u32> = (0..100).filter(|x| *x != 5 && *x != 6).collect();
        assert_eq!(set(&most, 100), "!5.2");
    }

    #[test]
    fn entries_are_numbered_by_place_and_postings_delta_coded() {
        let files = build(&[
            record(
                "b/",
                "Warung B",
                "Medansatria",
                &[(1, "Warung B"), (2, "Kopi")],
            ),
            record(
                "a/",
                "Kopi A",
                "Bekasi Timur",
                &[(1, "Kopi A"), (9, "warung")],
            ),
        ]);
        let text = |name: &str| {
            let f = files.iter().find(|(p, _)| p.ends_with(name)).unwrap();
            String::from_utf8(f.1.clone()).unwrap()
        };
        // Bekasi Timur first: a/ is entry 0, b/ entry 1.
        assert!(text("kartu-0.json").starts_with("[[\"a/\",\"Kopi A\""));
        let words = text("kata-0.txt");
        // `kopi`: entry 0 in the name (3), entry 1 a product (2), one apart.
        assert!(words.contains("kopi 3,6\n"), "{words}");
        // `warung` after `b`... front-coded against the term before it.
        assert!(words.contains(" warung 0,7\n"), "{words}");
        assert!(text("meta.json").contains("\"Bekasi Timur\":\"0.1\""));
        assert!(text("meta.json").contains("\"closed\":\"\""));
    }
}
