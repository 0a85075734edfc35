//! The directory as open data: every published entry as CSV, JSON and
//! GeoJSON (per kind and all), counts per kecamatan and kelurahan in the
//! Satu Data shape, the statistics' tables, a Frictionless Data
//! `datapackage.json` describing them; Atom feeds of new and updated
//! entries; iCalendar files of events; the map page's points.
//!
//! Made once per build from the frozen site, before the pages (the data
//! page lists the files with their sizes). Only what the model holds can
//! be written, and the model holds no `private` field; drafts are left
//! out here even in a build with `--drafts`.

pub(crate) mod csv;
mod feed;
mod ical;
mod map;
mod package;
pub(crate) mod records;
mod satudata;
pub(crate) mod stats;
pub(crate) mod table;
mod workbook;

pub(crate) use workbook::keep_pieces as keep_workbook_pieces;

use crate::diagnostic::Diagnostic;
use crate::index::Site;
use crate::model::Kind;
use crate::output::Piece;
use crate::paths;
use crate::urls::Urls;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// One file of open data, ready to write.
pub(crate) struct File {
    /// Relative to the output root.
    pub(crate) path: String,
    /// Its bytes, in pieces shared with the other files and, in `serve`,
    /// with the last round's; emptied once written.
    pub(crate) pieces: Vec<Piece>,
    /// What the data page and datapackage.json say of it.
    pub(crate) info: Info,
}

/// A download as the data page shows it.
#[derive(Serialize, Clone, Debug, Hash)]
pub(crate) struct Info {
    /// The Frictionless resource name: `umkm-csv`.
    pub(crate) name: String,
    /// In Bahasa Indonesia.
    pub(crate) title: String,
    /// `entries`, `regions`, `stats`, `package`, `feeds` or `calendars`.
    pub(crate) group: &'static str,
    /// A kind (`umkm`), `semua`, a region level or a chart's id.
    pub(crate) subject: String,
    /// `csv`, `json`, `geojson`, `atom`, `ics`.
    pub(crate) format: &'static str,
    pub(crate) media_type: &'static str,
    /// Records, rows, features, feed entries or events.
    pub(crate) rows: usize,
    pub(crate) bytes: usize,
    /// The table's columns: (name, type, title).
    #[serde(skip)]
    pub(crate) columns: Vec<(String, &'static str, String)>,
}

/// Everything this stage made.
#[derive(Default)]
pub(crate) struct OpenData {
    /// In a fixed order: the data page's.
    pub(crate) files: Vec<File>,
    /// The map's point list and popup chunks (not downloads).
    pub(crate) map: Vec<(String, Vec<Piece>)>,
    pub(crate) charts: Vec<stats::Chart>,
}

fn info(
    name: String,
    title: String,
    group: &'static str,
    subject: &str,
    format: &'static str,
    rows: usize,
) -> Info {
    let media_type = match format {
        "csv" => "text/csv",
        "geojson" => "application/geo+json",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };
    Info {
        name,
        title,
        group,
        subject: subject.into(),
        format,
        media_type,
        rows,
        bytes: 0,
        columns: Vec::new(),
    }
}

fn file(path: String, bytes: Vec<u8>, info: Info) -> File {
    file_of(path, vec![Arc::new(bytes)], info)
}

fn file_of(path: String, pieces: Vec<Piece>, mut info: Info) -> File {
    info.bytes = pieces.iter().map(|p| p.len()).sum();
    File { path, pieces, info }
}

/// The workbook: a sheet per kind with its table's columns but the
/// products', and one sheet of products, a row each (read back by import).
fn workbook_file(kind_columns: &[Vec<table::Column>], rows: &[Vec<&Piece>]) -> File {
    let product_keys = table::PRODUCT_COLUMNS;
    // Each kind's sheet made and deflated on its own thread; its products
    // kept (a row each) for the products sheet.
    type Products<'a> = Vec<(&'a Piece, Arc<Vec<Vec<String>>>)>;
    let sheets: Vec<(workbook::Sheet, Products)> = Kind::DIRECTORY
        .par_iter()
        .zip(kind_columns)
        .zip(rows)
        .map(|((&kind, columns), rows)| {
            let keep: Vec<bool> = columns
                .iter()
                .map(|c| !product_keys.contains(&c.key))
                .collect();
            let at = |key: &str| columns.iter().position(|c| c.key == key);
            let product_at: Vec<Option<usize>> = product_keys.iter().map(|k| at(k)).collect();
            let (slug_at, name_at) = (at("slug"), at("name"));
            let header: Vec<&str> = columns
                .iter()
                .filter(|c| !product_keys.contains(&c.key))
                .map(|c| c.key)
                .collect();
            let mut sheet = workbook::Sheet::new(kind.folder(), &header);
            let mut products = Vec::new();
            for line in rows.iter() {
                // Kept from the last workbook in `serve` when the line and
                // its row are the same.
                let made = workbook::row_of(0, line, sheet.next_row(), || {
                    let cells = csv::cells_of(line);
                    let get = |i: Option<usize>| {
                        i.and_then(|i| cells.get(i)).cloned().unwrap_or_default()
                    };
                    let lines: Vec<Vec<String>> = product_at
                        .iter()
                        .map(|&i| get(i).split('\n').map(str::to_string).collect())
                        .collect();
                    let count = lines[0].iter().filter(|l| !l.is_empty()).count();
                    let mut products = Vec::new();
                    for p in 0..count {
                        let mut row = vec![kind.folder().to_string(), get(slug_at), get(name_at)];
                        row.extend(lines.iter().map(|l| match l.get(p).map(String::as_str) {
                            Some("-") | None => String::new(),
                            Some(v) => v.to_string(),
                        }));
                        products.push(row);
                    }
                    let xml = workbook::row_xml(
                        sheet.next_row(),
                        cells.iter().zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c),
                    );
                    (xml, products)
                });
                sheet.made_rows(&made, 1);
                if !made.products.is_empty() {
                    products.push((*line, made.products.clone()));
                }
            }
            (sheet, products)
        })
        .collect();
    let count: usize = rows.iter().map(Vec::len).sum();
    let mut header = vec!["kind", "slug", "entry"];
    header.extend(product_keys);
    let mut product_sheet = workbook::Sheet::new("produk", &header);
    let mut list = Vec::new();
    for (sheet, products) in sheets {
        for (line, products) in products {
            let start = product_sheet.next_row();
            let rows = workbook::row_of(1, line, start, || {
                let xml = products
                    .iter()
                    .enumerate()
                    .flat_map(|(k, p)| workbook::row_xml(start + k, p))
                    .collect();
                (xml, Vec::new())
            });
            product_sheet.made_rows(&rows, products.len());
        }
        list.push(sheet);
    }
    list.push(product_sheet);
    file(
        paths::data_file("semua.xlsx"),
        workbook::file(list),
        info(
            "semua-xlsx".into(),
            "Semua usaha: buku kerja Excel (lembar per jenis dan lembar produk)".into(),
            "entries",
            "semua",
            "xlsx",
            count,
        ),
    )
}

/// A JSON list of records, one per line, between `open` and `close`.
fn json_lines(open: &[u8], items: &[&Piece], close: &[u8]) -> Vec<Piece> {
    let first = Arc::new([open, b"[\n"].concat());
    let comma = Arc::new(b",\n".to_vec());
    let mut out = Vec::with_capacity(items.len() * 2 + 2);
    out.push(first);
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(comma.clone());
        }
        out.push((*item).clone());
    }
    out.push(Arc::new([b"\n]".as_slice(), close, b"\n"].concat()));
    out
}

fn to_json(v: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// One entry's part of the downloads, made once per version of it.
pub(crate) struct Made {
    /// Its JSON record and GeoJSON feature.
    record: Piece,
    feature: Option<Piece>,
    /// Its CSV line in the table of its kind.
    kind_row: Piece,
}

/// What `serve` keeps between rounds: each entry's part by a key of its
/// version and what else its record shows (its programmes).
#[derive(Default)]
pub(crate) struct Cache(std::sync::Mutex<crate::hash::FastMap<u64, std::sync::Arc<Made>>>);

fn made_key(site: &Site, i: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::Fast::default();
    site.content.entries[i].version.hash(&mut h);
    for &p in &site.entry_programmes[i] {
        site.content.programmes[p].slug.hash(&mut h);
    }
    h.finish()
}

/// Makes every file of open data; with `cache` (serve), an entry not
/// edited since the last round gives its parts again without being read.
pub(crate) fn build(site: &Site, cache: Option<&Cache>) -> Result<OpenData, Diagnostic> {
    let mut timer = crate::timings::Timer::new();
    let urls = Urls::new(&site.config.base_url, &site.config.base_path, "");
    let entries = &site.content.entries;
    let published: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].draft).collect();
    let kind_columns: Vec<Vec<table::Column>> =
        Kind::DIRECTORY.iter().map(|&k| table::columns(k)).collect();
    let before = cache
        .map(|c| std::mem::take(&mut *c.0.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    // Each entry's record, feature and row, made from its Markdown (read
    // once, in parallel) for its kind's files. No table, JSON or GeoJSON of
    // all kinds repeats them: each fact is once per format (the workbook
    // holds every kind, a sheet each).
    let made: Vec<(u64, std::sync::Arc<Made>)> = published
        .par_iter()
        .map(|&i| {
            let key = made_key(site, i);
            if let Some(m) = before.get(&key) {
                return Ok((key, m.clone()));
            }
            let e = &entries[i];
            let text = crate::load::text(&e.description)?;
            let row = |columns: &[table::Column]| {
                csv::line_bytes(columns.iter().map(|c| c.cell(site, i, &text)))
            };
            let rec = serde_json::to_vec(&records::record(site, &urls, i, &text));
            let feat = records::feature(site, &urls, i, &text).map(|f| serde_json::to_vec(&f));
            Ok((
                key,
                Arc::new(Made {
                    record: Arc::new(rec.unwrap_or_default()),
                    feature: feat.map(|f| Arc::new(f.unwrap_or_default())),
                    kind_row: Arc::new(row(&kind_columns[e.kind_index()])),
                }),
            ))
        })
        .collect::<Result<_, Diagnostic>>()?;
    drop(before);
    if let Some(c) = cache {
        *c.0.lock().unwrap_or_else(|e| e.into_inner()) =
            made.iter().map(|(k, m)| (*k, m.clone())).collect();
    }
    timer.lap("    open data: records and rows");

    let scopes: Vec<Option<Kind>> = Kind::DIRECTORY
        .iter()
        .copied()
        .map(Some)
        .chain([None])
        .collect();
    // The feeds' entries, newest first, and their texts (read again: a
    // feed shows 50 at most).
    let newest: Vec<Vec<usize>> = scopes
        .iter()
        .map(|&scope| {
            let list: Vec<usize> = published
                .iter()
                .copied()
                .filter(|&i| scope.is_none_or(|k| entries[i].kind == k))
                .collect();
            feed::newest(site, &list)
        })
        .collect();
    let mut in_feeds: Vec<usize> = newest.iter().flatten().copied().collect();
    in_feeds.sort_unstable();
    in_feeds.dedup();
    let feed_texts: std::collections::HashMap<usize, String> = in_feeds
        .par_iter()
        .map(|&i| {
            crate::load::text(&entries[i].description).map(|t| (i, crate::markdown::plain(&t)))
        })
        .collect::<Result<_, Diagnostic>>()?;
    let per_scope: Vec<Vec<File>> = scopes
        .par_iter()
        .zip(&newest)
        .map(|(&scope, newest)| {
            let subject = scope.map_or("semua", |k| k.folder());
            let label = scope.map_or("Semua usaha", stats::kind_name);
            let listing = scope.map_or(String::new(), paths::kind);
            let feed = file(
                paths::feed(scope),
                feed::atom(
                    site,
                    &urls,
                    newest,
                    &feed_texts,
                    label,
                    &paths::feed(scope),
                    &listing,
                ),
                info(
                    format!("{subject}-atom"),
                    format!("{label}: baru dan diperbarui"),
                    "feeds",
                    subject,
                    "atom",
                    newest.len(),
                ),
            );
            // All kinds: the feed only (the workbook is the table of all).
            let Some(kind) = scope else {
                return vec![feed];
            };
            let picked: Vec<usize> = (0..published.len())
                .filter(|&n| entries[published[n]].kind == kind)
                .collect();
            let columns =
                &kind_columns[kind.directory_index().expect("a table of a directory kind")];
            let header: Vec<&str> = columns.iter().map(|c| c.key).collect();
            let rows: Vec<Piece> = picked.iter().map(|&n| made[n].1.kind_row.clone()).collect();
            let mut csv_info = info(
                format!("{subject}-csv"),
                format!("{label}: tabel"),
                "entries",
                subject,
                "csv",
                picked.len(),
            );
            csv_info.columns = columns
                .iter()
                .map(|c| (c.key.to_string(), c.kind, c.title.to_string()))
                .collect();
            let recs: Vec<&Piece> = picked.iter().map(|&n| &made[n].1.record).collect();
            let feats: Vec<&Piece> = picked
                .iter()
                .filter_map(|&n| made[n].1.feature.as_ref())
                .collect();
            let n_recs = recs.len();
            let n_feats = feats.len();
            vec![
                file_of(
                    paths::data_file(&format!("{subject}.csv")),
                    csv::file(&header, rows),
                    csv_info,
                ),
                file_of(
                    paths::data_file(&format!("{subject}.json")),
                    json_lines(b"", &recs, b""),
                    info(
                        format!("{subject}-json"),
                        format!("{label}: semua kolom"),
                        "entries",
                        subject,
                        "json",
                        n_recs,
                    ),
                ),
                file_of(
                    paths::data_file(&format!("{subject}.geojson")),
                    json_lines(
                        b"{\"type\":\"FeatureCollection\",\"features\":",
                        &feats,
                        b"}",
                    ),
                    info(
                        format!("{subject}-geojson"),
                        format!("{label}: titik peta"),
                        "entries",
                        subject,
                        "geojson",
                        n_feats,
                    ),
                ),
                feed,
            ]
        })
        .collect();
    timer.lap("    open data: files per kind");
    let mut entry_files = Vec::new();
    let mut feeds = Vec::new();
    for files in per_scope {
        for f in files {
            if f.info.group == "feeds" {
                feeds.push(f);
            } else {
                entry_files.push(f);
            }
        }
    }
    // The workbook, the one file of every kind, after the kinds' files.
    let mut files = entry_files;
    let by_kind: Vec<Vec<&Piece>> = Kind::DIRECTORY
        .iter()
        .map(|&k| {
            (0..published.len())
                .filter(|&n| entries[published[n]].kind == k)
                .map(|n| &made[n].1.kind_row)
                .collect()
        })
        .collect();
    files.push(workbook_file(&kind_columns, &by_kind));
    timer.lap("    open data: workbook");

    for (village, level, title) in [
        (false, "kecamatan", "Jumlah usaha per kecamatan (Satu Data)"),
        (true, "kelurahan", "Jumlah usaha per kelurahan (Satu Data)"),
    ] {
        let rows = satudata::records(site, &published, village);
        let columns: Vec<(String, &'static str, String)> = satudata::COLUMNS
            .iter()
            .map(|c| {
                let ty = match *c {
                    "tahun" => "year",
                    "data" => "integer",
                    _ => "string",
                };
                (c.to_string(), ty, c.replace('_', " "))
            })
            .collect();
        let mut i = info(
            format!("satudata-{level}-csv"),
            title.into(),
            "regions",
            level,
            "csv",
            rows.len(),
        );
        i.columns = columns.clone();
        let mut j = info(
            format!("satudata-{level}-json"),
            title.into(),
            "regions",
            level,
            "json",
            rows.len(),
        );
        j.columns = columns;
        let json = to_json(&satudata::json(&rows));
        files.push(file(
            paths::data_file(&format!("satudata-{level}.csv")),
            csv::write(&satudata::COLUMNS, rows),
            i,
        ));
        files.push(file(
            paths::data_file(&format!("satudata-{level}.json")),
            json,
            j,
        ));
    }

    let charts = stats::charts(site, &published);
    for chart in &charts {
        let mut i = info(
            format!("statistik-{}", chart.id),
            chart.title.into(),
            "stats",
            chart.id,
            "csv",
            chart.rows.len(),
        );
        i.columns = vec![
            (chart.label.to_string(), "string", chart.label.to_string()),
            ("jumlah".into(), "integer", "jumlah".into()),
        ];
        if chart.rows.iter().any(|r| r.target.is_some()) {
            i.columns
                .push(("sasaran".into(), "integer", "sasaran".into()));
        }
        files.push(file(paths::stats_csv(chart.id), stats::csv(chart), i));
    }

    files.extend(feeds);
    let events: Vec<usize> = (0..site.content.events.len())
        .filter(|&i| !site.content.events[i].draft)
        .collect();
    files.push(file(
        paths::calendar(None),
        ical::calendar(
            site,
            &urls,
            &events,
            &format!("Acara · {}", site.config.title),
        ),
        info(
            "acara-ics".into(),
            "Semua acara".into(),
            "calendars",
            "semua",
            "ics",
            events.len(),
        ),
    ));
    let per_event: Vec<File> = events
        .par_iter()
        .map(|&i| {
            let ev = &site.content.events[i];
            file(
                paths::calendar(Some(&ev.slug)),
                ical::calendar(site, &urls, &[i], &ev.name),
                info(
                    format!("acara-{}-ics", ev.slug),
                    ev.name.clone(),
                    "calendars",
                    &ev.slug,
                    "ics",
                    1,
                ),
            )
        })
        .collect();
    files.extend(per_event);

    let package = package::datapackage(site, &files);
    files.push(file(
        paths::data_file("datapackage.json"),
        package,
        info(
            "datapackage".into(),
            "Keterangan semua berkas (Frictionless Data)".into(),
            "package",
            "datapackage",
            "json",
            files
                .iter()
                .filter(|f| f.path.starts_with(paths::DATA))
                .count(),
        ),
    ));

    timer.lap("    open data: regions, statistics, calendars, package");
    let (points, chunks) = map::files(site, &urls, &published);
    let mut map_files = vec![(
        paths::map_points(),
        vec![Arc::new(to_compact_json(&points))],
    )];
    for (n, chunk) in chunks.iter().enumerate() {
        map_files.push((
            paths::map_details(&n.to_string()),
            vec![Arc::new(to_compact_json(chunk))],
        ));
    }
    Ok(OpenData {
        files,
        map: map_files,
        charts,
    })
}

fn to_compact_json(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}
