//! The numbers of the statistics page, counted once from the published
//! entries: each chart is also a CSV under /data/statistik/.

use crate::index::Site;
use crate::model::Kind;

/// One chart: rows of a label and a number (and, for a programme's
/// progress, its target).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Chart {
    /// Its file name and the key of its title in the theme's strings.
    pub(crate) id: &'static str,
    /// In Bahasa Indonesia, for datapackage.json and the CSV.
    pub(crate) title: &'static str,
    /// The header of the label column.
    pub(crate) label: &'static str,
    pub(crate) rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Row {
    pub(crate) label: String,
    pub(crate) value: u64,
    pub(crate) target: Option<u64>,
}

fn row(label: impl Into<String>, value: usize) -> Row {
    Row {
        label: label.into(),
        value: value as u64,
        target: None,
    }
}

/// Every chart, in the page's order. `published` are the entries counted.
pub(crate) fn charts(site: &Site, published: &[usize]) -> Vec<Chart> {
    let entries = |f: &dyn Fn(&crate::model::Entry) -> bool| {
        published
            .iter()
            .filter(|&&i| f(&site.content.entries[i]))
            .count()
    };
    let kinds = Kind::DIRECTORY
        .iter()
        .map(|&k| row(kind_name(k), entries(&|e| e.kind == k)))
        .collect();
    let categories = site
        .config
        .categories
        .iter()
        .enumerate()
        .map(|(c, cat)| row(cat.name.clone(), entries(&|e| e.category == c)))
        .collect();
    let districts = site
        .config
        .districts
        .iter()
        .enumerate()
        .map(|(d, dis)| row(dis.name.clone(), entries(&|e| e.district == d)))
        .collect();
    let certs = crate::schema::CERTIFICATES
        .iter()
        .map(|c| {
            row(
                c.label,
                entries(&|e| {
                    e.certifications
                        .iter()
                        .any(|x| x.kind == c.key && site.certified(x))
                }),
            )
        })
        .collect();
    let scales = ["mikro", "kecil", "menengah"]
        .iter()
        .map(|s| row(capital(s), entries(&|e| e.scale.as_deref() == Some(*s))))
        .chain([row("Tidak tercatat", entries(&|e| e.scale.is_none()))])
        .collect();
    let programmes = site
        .content
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.draft)
        .map(|(i, p)| Row {
            label: p.name.clone(),
            value: site.programme_achieved(i),
            target: p.target.as_ref().map(|t| t.count),
        })
        .collect();
    vec![
        Chart {
            id: "jenis",
            title: "Jumlah usaha menurut jenis",
            label: "jenis",
            rows: kinds,
        },
        Chart {
            id: "kategori",
            title: "Jumlah usaha menurut kategori",
            label: "kategori",
            rows: categories,
        },
        Chart {
            id: "kecamatan",
            title: "Jumlah usaha menurut kecamatan",
            label: "kecamatan",
            rows: districts,
        },
        Chart {
            id: "sertifikasi",
            title: "Usaha bersertifikat",
            label: "sertifikat",
            rows: certs,
        },
        Chart {
            id: "skala",
            title: "Jumlah usaha menurut skala",
            label: "skala",
            rows: scales,
        },
        Chart {
            id: "program",
            title: "Capaian program terhadap sasaran",
            label: "program",
            rows: programmes,
        },
        Chart {
            id: "tahun-berdiri",
            title: "Jumlah usaha menurut tahun berdiri",
            label: "tahun berdiri",
            rows: years(site, published, |e| e.founded, "Tidak tercatat"),
        },
        Chart {
            id: "verifikasi",
            title: "Jumlah usaha menurut tahun terakhir dicek petugas",
            label: "tahun dicek",
            rows: years(
                site,
                published,
                |e| e.verified.map(|d| i64::from(d.year)),
                "Belum pernah dicek",
            ),
        },
    ]
}

pub(crate) fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Umkm => "UMKM",
        Kind::Koperasi => "Koperasi",
        _ => "PKL",
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Counts by year, oldest first: every year from the first to the last
/// when they span at most 12, else five-year spans (`2010–2014`); the
/// entries without a year last.
fn years(
    site: &Site,
    published: &[usize],
    year: fn(&crate::model::Entry) -> Option<i64>,
    none: &str,
) -> Vec<Row> {
    let list: Vec<Option<i64>> = published
        .iter()
        .map(|&i| year(&site.content.entries[i]))
        .collect();
    let known: Vec<i64> = list.iter().flatten().copied().collect();
    let mut rows = Vec::new();
    if let (Some(&lo), Some(&hi)) = (known.iter().min(), known.iter().max()) {
        let step = if hi - lo < 12 { 1 } else { 5 };
        let first = if step == 1 { lo } else { lo - lo.rem_euclid(5) };
        let mut y = first;
        while y <= hi {
            let end = y + step - 1;
            let n = known.iter().filter(|&&k| k >= y && k <= end).count();
            let label = if step == 1 {
                y.to_string()
            } else {
                format!("{y}–{end}")
            };
            rows.push(row(label, n));
            y += step;
        }
    }
    let missing = list.iter().filter(|y| y.is_none()).count();
    if missing > 0 {
        rows.push(row(none, missing));
    }
    rows
}

/// The CSV of a chart.
pub(crate) fn csv(chart: &Chart) -> Vec<u8> {
    let target = chart.rows.iter().any(|r| r.target.is_some());
    let mut header = vec![chart.label, "jumlah"];
    if target {
        header.push("sasaran");
    }
    super::csv::write(
        &header,
        chart.rows.iter().map(|r| {
            let mut cells = vec![r.label.clone(), r.value.to_string()];
            if target {
                cells.push(r.target.map(|t| t.to_string()).unwrap_or_default());
            }
            cells
        }),
    )
}
