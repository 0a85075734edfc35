//! Counts per kecamatan and kelurahan in the shape Satu Data Indonesia
//! portals take: one record per region and indicator, with the region's
//! Kemendagri code (`kode_wilayah`), its level, the indicator (`judul`),
//! its unit (`satuan`), the year (`tahun`) and the number (`data`).

use crate::index::Site;
use crate::model::Kind;
use serde_json::{json, Value};

/// The indicators counted per region.
fn indicators() -> [(Kind, &'static str); 3] {
    [
        (Kind::Umkm, "Jumlah UMKM terdaftar di direktori"),
        (Kind::Koperasi, "Jumlah koperasi terdaftar di direktori"),
        (
            Kind::Pkl,
            "Jumlah pedagang kaki lima terdaftar di direktori",
        ),
    ]
}

const UNIT: [&str; 3] = ["unit usaha", "koperasi", "pedagang"];

/// One region's records.
struct Region<'a> {
    code: Option<&'a str>,
    level: &'static str,
    name: &'a str,
    /// Its entries (indices), published ones.
    entries: Vec<usize>,
}

pub(crate) const COLUMNS: [&str; 7] = [
    "kode_wilayah",
    "level_wilayah",
    "nama_wilayah",
    "judul",
    "satuan",
    "tahun",
    "data",
];

/// The records of every kecamatan (`village: false`) or kelurahan.
pub(crate) fn records(site: &Site, published: &[usize], village: bool) -> Vec<Vec<String>> {
    let in_list = |list: &[usize]| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|i| published.binary_search(i).is_ok())
            .collect()
    };
    let mut regions = Vec::new();
    for (d, dis) in site.config.districts.iter().enumerate() {
        if village {
            for (v, name) in dis.villages.iter().enumerate() {
                regions.push(Region {
                    code: dis.village_codes[v].as_deref(),
                    level: "kelurahan",
                    name,
                    entries: in_list(&site.by_village[d][v]),
                });
            }
        } else {
            regions.push(Region {
                code: dis.code.as_deref(),
                level: "kecamatan",
                name: &dis.name,
                entries: in_list(&site.by_district[d]),
            });
        }
    }
    let year = site.today.year.to_string();
    let mut rows = Vec::new();
    for r in &regions {
        for (n, (kind, title)) in indicators().iter().enumerate() {
            let count = r
                .entries
                .iter()
                .filter(|&&i| site.content.entries[i].kind == *kind)
                .count();
            rows.push(vec![
                r.code.unwrap_or("").to_string(),
                r.level.to_string(),
                r.name.to_string(),
                title.to_string(),
                UNIT[n].to_string(),
                year.clone(),
                count.to_string(),
            ]);
        }
    }
    rows
}

/// The records as JSON: numbers as numbers, a missing code as null.
pub(crate) fn json(rows: &[Vec<String>]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "kode_wilayah": if r[0].is_empty() { Value::Null } else { r[0].clone().into() },
                    "level_wilayah": r[1],
                    "nama_wilayah": r[2],
                    "judul": r[3],
                    "satuan": r[4],
                    "tahun": r[5].parse::<u64>().unwrap_or(0),
                    "data": r[6].parse::<u64>().unwrap_or(0),
                })
            })
            .collect(),
    )
}
