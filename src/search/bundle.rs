//! Pagefind as a library: the records go in as rendering makes them, in
//! entry order whatever order the pages finish in (so the bundle is the
//! same for any thread count), and the bundle comes out as files for the
//! output sink.

use super::Record;
use crate::message::Message;
use crate::paths;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// The language Pagefind stems the records in: the data is written in
/// Bahasa Indonesia whatever the page language.
const LANGUAGE: &str = "id";

/// The bundle's files: (path in the site, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// At most this many fragment files (one per record up to it, then a few
/// records a file): Pagefind's one file per record would take a site of
/// 10,000 entries past the 20,000 files a Cloudflare Pages site may have.
/// A result then loads a file of two or three records, about 1 KB more.
const MAX_FRAGMENTS: u32 = 4000;

/// The indexing stage: runs on its own thread beside rendering.
pub(crate) struct Indexer;

/// What indexing cost its thread: the time spent adding records (not
/// waiting for them) and building the bundle's files.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Cost {
    pub adding: Duration,
    pub building: Duration,
}

impl Indexer {
    /// Indexes the `entries` records arriving on `rx` as `(entry index,
    /// record)`, then `others`, and returns the bundle's files as
    /// (site path, bytes). Ends early, with no bundle, when rendering stops
    /// before every entry's record arrived.
    pub(crate) fn run(
        rx: Receiver<(usize, Record)>,
        entries: usize,
        others: Vec<Record>,
        cost: &mut Cost,
    ) -> Result<Option<Files>, Message> {
        let failed = |e: &dyn std::fmt::Display| {
            msg!(
                "indeks pencarian tidak bisa dibuat: {e}",
                "cannot build the search index: {e}"
            )
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| failed(&e))?;
        rt.block_on(async {
            let config = PagefindServiceConfig::builder()
                .force_language(LANGUAGE.to_string())
                .max_fragments(MAX_FRAGMENTS)
                .build();
            let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e))?;
            let mut pending: BTreeMap<usize, Record> = BTreeMap::new();
            let mut next = 0;
            while next < entries {
                match pending.remove(&next) {
                    Some(r) => {
                        let start = Instant::now();
                        add(&mut index, r).await.map_err(|e| failed(&e))?;
                        cost.adding += start.elapsed();
                        next += 1;
                    }
                    None => match rx.recv() {
                        Ok((i, r)) => {
                            pending.insert(i, r);
                        }
                        Err(_) => return Ok(None),
                    },
                }
            }
            let start = Instant::now();
            for r in others {
                add(&mut index, r).await.map_err(|e| failed(&e))?;
            }
            cost.adding += start.elapsed();
            let start = Instant::now();
            let files = index.get_files().await.map_err(|e| failed(&e))?;
            let mut out: Vec<(String, Vec<u8>)> = files
                .into_iter()
                .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
                .filter(|(name, _)| wanted(name))
                .map(|(name, bytes)| (format!("{}{name}", paths::SEARCH_BUNDLE), bytes))
                .collect();
            out.sort();
            cost.building = start.elapsed();
            Ok(Some(out))
        })
    }
}

async fn add(index: &mut PagefindIndex, r: Record) -> Result<(), String> {
    // The record's address starts at the site root; the search page
    // gives Pagefind its own base (sub-path and language) at run time.
    let url = format!("/{}", r.url);
    index
        .add_custom_record(
            url,
            r.content,
            LANGUAGE.to_string(),
            Some(r.meta),
            Some(r.filters),
            Some(r.sort),
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The files of the bundle the search page uses: Pagefind's own UIs and
/// highlighter are left out (the theme has its own search page).
fn wanted(name: &str) -> bool {
    !(name.contains("-ui") || name.contains("highlight") || name.starts_with("playground"))
}
