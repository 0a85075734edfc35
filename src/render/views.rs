//! The views of the pages made from the open data: the map, the
//! statistics and the list of downloads.

use super::{charts, Lang};
use crate::index::Site;
use crate::model::Kind;
use crate::paths;
use serde::Serialize;

/// Entries a kecamatan lists on the map page itself; a kecamatan with
/// more links to its listing, so the page stays small at any size.
const MAP_INLINE: usize = 12;

#[derive(Serialize)]
pub(super) struct MapView {
    /// The point list the script reads.
    points_url: String,
    tiles: String,
    attribution: String,
    attribution_url: Option<String>,
    max_zoom: u8,
    /// Entries with a map point.
    total: usize,
    kinds: Vec<Choice>,
    categories: Vec<Choice>,
    districts: Vec<MapDistrict>,
}

#[derive(Serialize)]
struct Choice {
    slug: String,
    name: String,
    count: usize,
}

#[derive(Serialize)]
struct MapDistrict {
    name: String,
    url: String,
    count: usize,
    entries: Vec<MapEntry>,
    /// It has more entries than the page lists.
    more: bool,
}

#[derive(Serialize)]
struct MapEntry {
    name: String,
    url: String,
    osm_url: String,
}

pub(super) fn map(site: &Site, lang: &Lang) -> MapView {
    let urls = &lang.urls;
    let c = &site.config;
    let entries = &site.content.entries;
    let mapped = |i: &usize| entries[*i].geo.is_some() && !entries[*i].draft;
    let count = |f: &dyn Fn(&crate::model::Entry) -> bool| {
        (0..entries.len())
            .filter(|i| mapped(i) && f(&entries[*i]))
            .count()
    };
    MapView {
        points_url: urls.asset(&paths::map_points()),
        tiles: c.tiles.url.clone(),
        attribution: c.tiles.attribution.clone(),
        attribution_url: c.tiles.attribution_url.clone(),
        max_zoom: c.tiles.max_zoom,
        total: count(&|_| true),
        kinds: Kind::DIRECTORY
            .iter()
            .map(|&k| Choice {
                slug: k.folder().into(),
                name: lang.ui(&format!("kinds_short.{}", k.folder())),
                count: count(&|e| e.kind == k),
            })
            .collect(),
        categories: c
            .categories
            .iter()
            .enumerate()
            .map(|(n, cat)| Choice {
                slug: cat.slug.clone(),
                name: cat.name.clone(),
                count: count(&|e| e.category == n),
            })
            .collect(),
        districts: c
            .districts
            .iter()
            .enumerate()
            .map(|(d, dis)| {
                let list: Vec<usize> = site.by_district[d].iter().copied().filter(mapped).collect();
                MapDistrict {
                    name: dis.name.clone(),
                    url: urls.page(&paths::district(&dis.slug)),
                    count: list.len(),
                    more: list.len() > MAP_INLINE,
                    entries: list
                        .iter()
                        .take(MAP_INLINE)
                        .map(|&i| {
                            let e = &entries[i];
                            let g = e.geo.unwrap_or(crate::model::Geo { lat: 0.0, lon: 0.0 });
                            MapEntry {
                                name: e.name.clone(),
                                url: urls.entry(e),
                                osm_url: super::context::osm_url(&g),
                            }
                        })
                        .collect(),
                }
            })
            .filter(|d| d.count > 0)
            .collect(),
    }
}

#[derive(Serialize)]
pub(super) struct StatsView {
    charts: Vec<ChartView>,
}

#[derive(Serialize)]
struct ChartView {
    id: &'static str,
    /// The theme's title for the chart (`t.stats.ID`), else the data's.
    title: String,
    label: String,
    /// The chart as inline SVG, drawn here (escaped text only).
    svg: String,
    rows: Vec<RowView>,
    csv_url: String,
    has_target: bool,
}

#[derive(Serialize)]
struct RowView {
    label: String,
    value: u64,
    target: Option<u64>,
    percent: Option<u64>,
}

pub(super) fn stats(lang: &Lang) -> StatsView {
    StatsView {
        charts: lang
            .open
            .charts
            .iter()
            .map(|c| {
                let title = Some(lang.ui(&format!("stats.{}", c.id)))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| c.title.to_string());
                ChartView {
                    id: c.id,
                    svg: charts::bars(c, &title),
                    title,
                    label: c.label.to_string(),
                    rows: c
                        .rows
                        .iter()
                        .map(|r| RowView {
                            label: r.label.clone(),
                            value: r.value,
                            target: r.target,
                            percent: r.target.map(|t| charts::percent(r.value, t)),
                        })
                        .collect(),
                    csv_url: lang.urls.asset(&paths::stats_csv(c.id)),
                    has_target: c.rows.iter().any(|r| r.target.is_some()),
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(super) struct DataView {
    groups: Vec<DataGroup>,
    license: LicenseView,
    /// The day the files were made, as the page shows it, and as ISO.
    date_label: String,
    date_iso: String,
    package_url: String,
}

#[derive(Serialize)]
struct LicenseView {
    name: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct DataGroup {
    /// `entries`, `regions`, `stats`, `feeds`, `calendars`, `package`.
    id: &'static str,
    files: Vec<DataFileView>,
}

#[derive(Serialize)]
struct DataFileView {
    url: String,
    file: String,
    title: String,
    subject: String,
    format: &'static str,
    media_type: &'static str,
    rows: usize,
    bytes: usize,
    size_label: String,
}

/// Groups in the page's order; one event's calendar is on its own page.
const GROUPS: &[&str] = &[
    "entries",
    "regions",
    "stats",
    "feeds",
    "calendars",
    "package",
];

pub(super) fn data(site: &Site, lang: &Lang) -> DataView {
    let urls = &lang.urls;
    let groups = GROUPS
        .iter()
        .map(|&id| DataGroup {
            id,
            files: lang
                .open
                .files
                .iter()
                .filter(|f| f.info.group == id)
                .filter(|f| id != "calendars" || f.info.subject == "semua")
                .map(|f| DataFileView {
                    url: urls.asset(&f.path),
                    file: f.path.rsplit('/').next().unwrap_or(&f.path).to_string(),
                    title: f.info.title.clone(),
                    subject: f.info.subject.clone(),
                    format: f.info.format,
                    media_type: f.info.media_type,
                    rows: f.info.rows,
                    bytes: f.info.bytes,
                    size_label: size_label(f.info.bytes, &lang.ui("decimal_sep")),
                })
                .collect(),
        })
        .filter(|g| !g.files.is_empty())
        .collect();
    DataView {
        groups,
        license: LicenseView {
            name: site.config.data_license.name.clone(),
            url: site.config.data_license.url.clone(),
        },
        date_label: lang.labels.date(&site.today),
        date_iso: site.today.iso(),
        package_url: urls.asset(&paths::data_file("datapackage.json")),
    }
}

/// `12,3 KB`: bytes as a reader reads them, with the language's decimal
/// separator.
fn size_label(bytes: usize, sep: &str) -> String {
    let sep = if sep.is_empty() { "," } else { sep };
    let one = |v: f64, unit: &str| {
        let s = format!("{v:.1}");
        let s = s.trim_end_matches(".0").replace('.', sep);
        format!("{s} {unit}")
    };
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => one(b as f64 / 1024.0, "KB"),
        b => one(b as f64 / (1024.0 * 1024.0), "MB"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_well() {
        assert_eq!(super::size_label(512, ","), "512 B");
        assert_eq!(super::size_label(12_595, ","), "12,3 KB");
        assert_eq!(super::size_label(2048, "."), "2 KB");
        assert_eq!(super::size_label(3 * 1024 * 1024, ","), "3 MB");
    }
}
