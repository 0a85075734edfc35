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

mod csv;
mod feed;
mod ical;
mod map;
mod package;
mod records;
mod satudata;
pub(crate) mod stats;
pub(crate) mod table;

pub(crate) use feed::esc as xml_escape;

use crate::diagnostic::Diagnostic;
use crate::index::Site;
use crate::model::Kind;
use crate::render::urls::Urls;
use crate::routes;
use rayon::prelude::*;
use serde::Serialize;

/// One file of open data, ready to write.
pub(crate) struct File {
    /// Relative to the output root.
    pub(crate) path: String,
    /// Emptied once written.
    pub(crate) bytes: Vec<u8>,
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
pub(crate) struct OpenData {
    /// In a fixed order: the data page's.
    pub(crate) files: Vec<File>,
    /// The map's point list and popup chunks (not downloads).
    pub(crate) map: Vec<(String, Vec<u8>)>,
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

fn file(path: String, bytes: Vec<u8>, mut info: Info) -> File {
    info.bytes = bytes.len();
    File { path, bytes, info }
}

/// The JSON of a list of records, one per line.
fn json_lines(items: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.iter().map(|i| i.len() + 2).sum::<usize>() + 4);
    out.extend_from_slice(b"[");
    for (n, item) in items.iter().enumerate() {
        out.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(item);
    }
    out.extend_from_slice(b"\n]\n");
    out
}

fn to_json(v: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Makes every file of open data.
pub(crate) fn build(site: &Site) -> Result<OpenData, Diagnostic> {
    let mut timer = crate::timings::Timer::new();
    let urls = Urls::new(&site.config.base_url, &site.config.base_path, "");
    let entries = &site.content.entries;
    let published: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].draft).collect();
    // The Markdown of every published entry, read once (in parallel) for
    // the tables, the records and the feeds.
    let texts: Vec<String> = published
        .par_iter()
        .map(|&i| crate::load::text(&entries[i].description).map(|t| t.into_owned()))
        .collect::<Result<_, _>>()?;
    timer.lap("    open data: descriptions");
    let text_of = |i: usize| -> &str {
        published
            .binary_search(&i)
            .map_or("", |n| texts[n].as_str())
    };
    // Each entry's record and feature, serialised once and shared by its
    // kind's file and the file of all.
    let made: Vec<(Vec<u8>, Option<Vec<u8>>)> = published
        .par_iter()
        .zip(&texts)
        .map(|(&i, text)| {
            let e = &entries[i];
            let rec = serde_json::to_vec(&records::record(site, &urls, i, e, text));
            let feat = records::feature(site, &urls, e).map(|f| serde_json::to_vec(&f));
            (
                rec.unwrap_or_default(),
                feat.map(|f| f.unwrap_or_default()),
            )
        })
        .collect();
    timer.lap("    open data: records");

    let scopes: Vec<Option<Kind>> = Kind::DIRECTORY
        .iter()
        .copied()
        .map(Some)
        .chain([None])
        .collect();
    let per_scope: Vec<Vec<File>> = scopes
        .par_iter()
        .map(|&scope| {
            let subject = scope.map_or("semua", |k| k.folder());
            let label = scope.map_or("Semua usaha", stats::kind_name);
            let picked: Vec<usize> = (0..published.len())
                .filter(|&n| scope.is_none_or(|k| entries[published[n]].kind == k))
                .collect();
            let columns = table::columns(scope);
            let header: Vec<&str> = columns.iter().map(|c| c.key).collect();
            let rows = picked.iter().map(|&n| {
                let e = &entries[published[n]];
                let text = texts[n].as_str();
                columns.iter().map(move |c| c.cell(site, e, text))
            });
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
            let recs: Vec<&[u8]> = picked.iter().map(|&n| made[n].0.as_slice()).collect();
            let feats: Vec<&[u8]> = picked
                .iter()
                .filter_map(|&n| made[n].1.as_deref())
                .collect();
            let mut geo = b"{\"type\":\"FeatureCollection\",\"features\":".to_vec();
            geo.extend_from_slice(json_lines(&feats).trim_ascii_end());
            geo.extend_from_slice(b"}\n");
            let listing = scope.map_or(String::new(), routes::kind);
            vec![
                file(
                    routes::data_file(&format!("{subject}.csv")),
                    csv::write(&header, rows),
                    csv_info,
                ),
                file(
                    routes::data_file(&format!("{subject}.json")),
                    json_lines(&recs),
                    info(
                        format!("{subject}-json"),
                        format!("{label}: semua kolom"),
                        "entries",
                        subject,
                        "json",
                        recs.len(),
                    ),
                ),
                file(
                    routes::data_file(&format!("{subject}.geojson")),
                    geo,
                    info(
                        format!("{subject}-geojson"),
                        format!("{label}: titik peta"),
                        "entries",
                        subject,
                        "geojson",
                        feats.len(),
                    ),
                ),
                file(
                    routes::feed(scope),
                    feed::atom(
                        site,
                        &urls,
                        &picked.iter().map(|&n| published[n]).collect::<Vec<_>>(),
                        &|i| crate::render::markdown::plain(text_of(i)),
                        label,
                        &routes::feed(scope),
                        &listing,
                    ),
                    info(
                        format!("{subject}-atom"),
                        format!("{label}: baru dan diperbarui"),
                        "feeds",
                        subject,
                        "atom",
                        picked
                            .iter()
                            .filter(|&&n| entries[published[n]].updated.is_some())
                            .count()
                            .min(feed::FEED_LENGTH),
                    ),
                ),
            ]
        })
        .collect();
    timer.lap("    open data: tables, records and feeds per kind");
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
    // Files of all kinds last among their formats: the table of all, first
    // in the data page's eyes, comes after the kinds' in the folder.
    let mut files = entry_files;

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
            routes::data_file(&format!("satudata-{level}.csv")),
            csv::write(&satudata::COLUMNS, rows),
            i,
        ));
        files.push(file(
            routes::data_file(&format!("satudata-{level}.json")),
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
        files.push(file(
            routes::data_file(&format!("statistik/{}.csv", chart.id)),
            stats::csv(chart),
            i,
        ));
    }

    files.extend(feeds);
    let events: Vec<usize> = (0..site.content.events.len())
        .filter(|&i| !site.content.events[i].draft)
        .collect();
    files.push(file(
        routes::calendar(None),
        ical::calendar(site, &urls, &events, &format!("Acara · {}", site.config.title)),
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
                routes::calendar(Some(&ev.slug)),
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
        routes::data_file("datapackage.json"),
        package,
        info(
            "datapackage".into(),
            "Keterangan semua berkas (Frictionless Data)".into(),
            "package",
            "datapackage",
            "json",
            files.iter().filter(|f| f.path.starts_with(routes::DATA)).count(),
        ),
    ));

    timer.lap("    open data: regions, statistics, calendars, package");
    let (points, chunks) = map::files(site, &urls, &published);
    let mut map_files = vec![(routes::map_points(), to_compact_json(&points))];
    for (n, chunk) in chunks.iter().enumerate() {
        map_files.push((routes::map_details(&n.to_string()), to_compact_json(chunk)));
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
