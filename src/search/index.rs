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
//! - `atas/S-L.json`: the first cards of a common word (line L of shard
//!   S), so a first search for it needs one file for its first screen;
//! - `urut.txt`, `nama.txt`: the entries newest first, and A to Z, loaded
//!   only to sort by date, or to browse without a query by name.

use super::{b36, Record};
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
/// results in a file of its own (`atas/`): a first search for a common
/// word then needs one file for its first screen, not one per card.
const TOP_MIN: usize = 32;
/// How many cards that file holds: a first screen and some.
const TOP: usize = 8;
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
        let mut records: Vec<Option<Record>> = vec![None; entries];
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
        let all: Vec<Record> = records.into_iter().flatten().chain(others).collect();
        let files = build(&all);
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

/// The index of `records` (entries first, then programmes and events).
pub(crate) fn build(records: &[Record]) -> Files {
    // Entries by place, kind, category and name: every kecamatan and
    // kelurahan is a run, and within them every kind and category.
    let meta = |r: &Record, k: &str| r.meta.get(k).map(String::as_str).unwrap_or("").to_string();
    let first = |r: &Record, k: &str| {
        r.filters
            .get(k)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    };
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by_cached_key(|&i| {
        let r = &records[i];
        (
            meta(r, "kecamatan").is_empty(),
            crate::places::match_key(&meta(r, "kecamatan")),
            crate::places::match_key(&meta(r, "kelurahan")),
            first(r, "jenis"),
            first(r, "kategori"),
            r.sort.get("nama").cloned().unwrap_or_default(),
            r.url.clone(),
        )
    });
    let n = order.len();

    // Each term's postings, entries in number order, the best field kept.
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (doc, &i) in order.iter().enumerate() {
        let doc = doc as u32;
        for (rank, text) in &records[i].words {
            let c = class(*rank);
            for term in terms(text) {
                // The word, and its stem: "jahit" finds "penjahit".
                let root = stem(&term);
                let both = if root != term {
                    vec![term, root]
                } else {
                    vec![term]
                };
                for t in both {
                    let list = postings.entry(t).or_default();
                    match list.last_mut() {
                        Some((d, best)) if *d == doc => *best = (*best).max(c),
                        _ => list.push((doc, c)),
                    }
                }
            }
        }
    }
    let mut dictionary: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    dictionary.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    // A result's card: its address, then the SHOWN fields.
    let card = |doc: usize| -> Vec<&str> {
        let r = &records[order[doc]];
        std::iter::once(r.url.as_str())
            .chain(
                SHOWN
                    .iter()
                    .map(|k| r.meta.get(*k).map(String::as_str).unwrap_or("")),
            )
            .collect()
    };
    let closed: Vec<bool> = order
        .iter()
        .map(|&i| records[i].meta.contains_key("tutup"))
        .collect();

    let mut files: Files = Vec::new();
    let dir = paths::SEARCH_INDEX;
    // The dictionary in shards of about SHARD_BYTES, front-coded.
    let mut firsts: Vec<String> = Vec::new();
    let mut shard = String::new();
    let mut previous = String::new();
    let close = |shard: &mut String, files: &mut Files, count: usize| {
        files.push((
            format!("{dir}kata-{count}.txt"),
            std::mem::take(shard).into_bytes(),
        ));
    };
    let mut line = 0;
    for (term, list) in &dictionary {
        if shard.len() >= SHARD_BYTES {
            close(&mut shard, &mut files, firsts.len() - 1);
        }
        if shard.is_empty() {
            firsts.push(term.clone());
            previous.clear();
            line = 0;
        }
        let shared = previous
            .chars()
            .zip(term.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix: String = term.chars().skip(shared).collect();
        // Counted as the script's `slice` counts: in UTF-16 units.
        let units: usize = term.chars().take(shared).map(char::len_utf16).sum();
        shard.push_str(&b36(units as u64));
        shard.push(' ');
        shard.push_str(&suffix);
        shard.push(' ');
        if list.len() >= TOP_MIN {
            // The first results of the word alone, as the script ranks an
            // exact word: open first, the best field, then entry order.
            let mut top = list.clone();
            top.sort_by_key(|&(doc, c)| (closed[doc as usize], std::cmp::Reverse(c), doc));
            let cards: Vec<serde_json::Value> = top
                .iter()
                .take(TOP)
                .map(|&(doc, _)| serde_json::json!([doc, card(doc as usize)]))
                .collect();
            files.push((
                format!("{dir}atas/{}-{line}.json", firsts.len() - 1),
                serde_json::to_vec(&cards).unwrap_or_default(),
            ));
            shard.push('*');
        }
        line += 1;
        let mut at = 0u32;
        for (k, (doc, c)) in list.iter().enumerate() {
            if k > 0 {
                shard.push(',');
            }
            shard.push_str(&b36(((doc - at) as u64) << 2 | *c as u64));
            at = *doc;
        }
        shard.push('\n');
        previous = term.clone();
    }
    if !shard.is_empty() {
        close(&mut shard, &mut files, firsts.len() - 1);
    }

    // The filters' sets.
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (doc, &i) in order.iter().enumerate() {
        for (name, values) in &records[i].filters {
            for v in values {
                filters
                    .entry(name.as_str())
                    .or_default()
                    .entry(v.as_str())
                    .or_default()
                    .push(doc as u32);
            }
        }
    }
    let filters: BTreeMap<&str, BTreeMap<&str, String>> = filters
        .into_iter()
        .map(|(f, values)| {
            (
                f,
                values.into_iter().map(|(v, s)| (v, set(&s, n))).collect(),
            )
        })
        .collect();

    // The cards, a chunk of CHUNK entries a file.
    for c in 0..n.div_ceil(CHUNK) {
        let cards: Vec<Vec<&str>> = (c * CHUNK..n.min((c + 1) * CHUNK)).map(card).collect();
        files.push((
            format!("{dir}kartu-{c}.json"),
            serde_json::to_vec(&cards).unwrap_or_default(),
        ));
    }

    // Newest first, for the sort by date only.
    let mut newest: Vec<u32> = (0..n as u32).collect();
    newest.sort_by_cached_key(|&d| {
        std::cmp::Reverse(
            records[order[d as usize]]
                .sort
                .get("diperbarui")
                .cloned()
                .unwrap_or_default(),
        )
    });
    let urut: Vec<String> = newest.iter().map(|&d| b36(d as u64)).collect();
    files.push((format!("{dir}urut.txt"), urut.join(",").into_bytes()));
    // A to Z, for browsing without a query only.
    let mut by_name: Vec<u32> = (0..n as u32).collect();
    by_name.sort_by_cached_key(|&d| {
        records[order[d as usize]]
            .sort
            .get("nama")
            .cloned()
            .unwrap_or_default()
    });
    let nama: Vec<String> = by_name.iter().map(|&d| b36(d as u64)).collect();
    files.push((format!("{dir}nama.txt"), nama.join(",").into_bytes()));

    // The closed businesses (few): ranked after the open ones.
    let closed: Vec<u32> = (0..n as u32).filter(|&d| closed[d as usize]).collect();
    let meta = serde_json::json!({
        "v": 1,
        "n": n,
        "chunk": CHUNK,
        "fields": SHOWN,
        "shards": firsts,
        "closed": set(&closed, n),
        "sets": filters,
    });
    files.push((
        format!("{dir}meta.json"),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
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
