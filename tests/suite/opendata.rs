//! The open data (/data/), the structured data of every page, the feeds,
//! the calendars, the map and the statistics: what a spreadsheet, a data
//! portal, a calendar, a search engine and a resident's phone get.

use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// RFC 4180 records of a CSV text (after its byte-order mark).
pub(crate) fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The built sample, once for the tests that only read it.
fn sample() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::sample();
        site.build_env(&[], &[("SOURCE_DATE_EPOCH", "1772323200")])
            .ok();
        site
    })
}

#[test]
fn tables_open_right_in_a_spreadsheet_and_agree_with_the_records() {
    let site = sample();
    // Each fact once per format: no table, JSON or GeoJSON of all kinds
    // repeats the kinds' (the workbook holds every kind, a sheet each).
    for all in ["csv", "json", "geojson"] {
        assert!(!site.public().join(format!("data/semua.{all}")).exists());
    }
    for kind in ["umkm", "koperasi", "pkl"] {
        let raw = fs::read(site.public().join(format!("data/{kind}.csv"))).unwrap();
        assert!(
            raw.starts_with("\u{feff}".as_bytes()),
            "{kind}.csv has no BOM"
        );
        let text = String::from_utf8(raw[3..].to_vec()).unwrap();
        // Every record ends in CRLF (line ends inside quoted cells are
        // the cells' own).
        assert!(text.ends_with("\r\n"));
        let rows = csv_rows(&text);
        let header = &rows[0];
        let records = json(site, &format!("data/{kind}.json"));
        let records = records.as_array().unwrap();
        assert_eq!(rows.len() - 1, records.len(), "{kind}: rows and records");
        assert!(!records.is_empty());
        for want in [
            "name",
            "slug",
            "category",
            "district",
            "village",
            "phone",
            "products",
            "price",
            "description",
        ] {
            assert!(
                header.iter().any(|h| h == want),
                "{kind}.csv lacks {want}: {header:?}"
            );
        }
        assert_eq!(header.iter().any(|h| h == "members"), kind == "koperasi");
        let slug = header.iter().position(|h| h == "slug").unwrap();
        for (row, rec) in rows[1..].iter().zip(records) {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[slug], rec["slug"].as_str().unwrap());
        }
        // A phone number stays text in Excel, a handle is guarded from
        // being run as a formula.
        assert!(!text.contains(",=") && !text.contains(",\"=") && !text.contains(",@"));
        let geo = json(site, &format!("data/{kind}.geojson"));
        assert_eq!(geo["type"], "FeatureCollection");
        for f in geo["features"].as_array().unwrap() {
            let c = f["geometry"]["coordinates"].as_array().unwrap();
            let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            // Kota Bekasi, longitude first (RFC 7946).
            assert!(
                (106.8..107.2).contains(&lon) && (-6.5..-6.1).contains(&lat),
                "{c:?}"
            );
        }
    }
}

#[test]
fn region_counts_have_the_satu_data_shape_and_add_up() {
    let site = sample();
    let total: u64 = ["umkm", "koperasi", "pkl"]
        .iter()
        .map(|k| {
            json(site, &format!("data/{k}.json"))
                .as_array()
                .unwrap()
                .len() as u64
        })
        .sum();
    for level in ["kecamatan", "kelurahan"] {
        let recs = json(site, &format!("data/satudata-{level}.json"));
        let recs = recs.as_array().unwrap();
        let mut sum = 0;
        for r in recs {
            let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from([
                    "data",
                    "judul",
                    "kode_wilayah",
                    "level_wilayah",
                    "nama_wilayah",
                    "satuan",
                    "tahun"
                ])
            );
            assert_eq!(r["level_wilayah"], level);
            assert_eq!(r["tahun"], 2026);
            let code = r["kode_wilayah"].as_str().unwrap();
            let parts = if level == "kecamatan" { 3 } else { 4 };
            assert!(
                code.starts_with("32.75.") && code.split('.').count() == parts,
                "{code}"
            );
            sum += r["data"].as_u64().unwrap();
        }
        if level == "kecamatan" {
            assert_eq!(sum, total, "every entry is in one kecamatan");
        } else {
            assert!(sum > 0 && sum <= total);
        }
        let csv = csv_rows(&site.read(&format!("data/satudata-{level}.csv"))[3..]);
        assert_eq!(
            csv[0],
            [
                "kode_wilayah",
                "level_wilayah",
                "nama_wilayah",
                "judul",
                "satuan",
                "tahun",
                "data"
            ]
        );
        assert_eq!(csv.len() - 1, recs.len());
    }
}

#[test]
fn the_data_package_describes_every_download() {
    let site = sample();
    let pkg = json(site, "data/datapackage.json");
    assert_eq!(pkg["profile"], "data-package");
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    let resources = pkg["resources"].as_array().unwrap();
    let mut described = BTreeSet::new();
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let bytes = fs::read(site.public().join("data").join(path)).unwrap();
        assert_eq!(r["bytes"].as_u64().unwrap() as usize, bytes.len(), "{path}");
        if r["format"] == "csv" {
            let rows = csv_rows(&String::from_utf8_lossy(&bytes[3..]));
            assert_eq!(
                r["rows"].as_u64().unwrap() as usize,
                rows.len() - 1,
                "{path}"
            );
            let fields: Vec<&str> = r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(
                fields,
                rows[0].iter().map(String::as_str).collect::<Vec<_>>(),
                "{path}"
            );
        }
        described.insert(path.to_string());
    }
    let files: BTreeSet<String> = list_files(&site.public().join("data"))
        .into_iter()
        .filter(|f| f != "index.html" && f != "datapackage.json")
        // The workbook copies the tables for Excel; the package describes
        // the tables (a validator without an Excel reader fails it).
        .filter(|f| f != "semua.xlsx")
        .collect();
    assert_eq!(described, files);
    // The page lists them with size, rows, licence and date.
    let page = site.html("data/index.html");
    let text = body_text(&page);
    for want in [
        "CC BY 4.0",
        "1 Maret 2026",
        "umkm.csv",
        "satudata-kelurahan.json",
        "datapackage.json",
        "KB",
    ] {
        assert!(text.contains(want), "the data page lacks {want}");
    }
    let hrefs = links(&page);
    assert!(hrefs.iter().any(|h| h == "/data/umkm.csv"), "{hrefs:?}");
}

/// Names of the items a site keeps as drafts.
fn draft_names(root: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for f in list_files(&root.join("content")) {
        let text = fs::read_to_string(root.join("content").join(&f)).unwrap_or_default();
        let yaml = if f.ends_with(".md") {
            text.strip_prefix("---")
                .and_then(|t| t.split_once("\n---"))
                .map(|(fm, _)| fm.to_string())
        } else {
            Some(text)
        };
        let Some(v) = yaml.and_then(|y| serde_yaml::from_str::<serde_yaml::Value>(&y).ok()) else {
            continue;
        };
        let items = match v {
            serde_yaml::Value::Sequence(s) => s,
            v => vec![v],
        };
        for item in items {
            if item["draft"].as_bool() == Some(true) {
                names.push(item["name"].as_str().unwrap().to_string());
            }
        }
    }
    names
}

#[test]
fn drafts_never_reach_the_open_data_even_in_a_preview() {
    let site = Site::sample();
    site.build(&["--drafts"]).ok();
    let drafts = draft_names(site.root());
    assert!(drafts.len() >= 3, "{drafts:?}");
    let files = list_files(&site.public());
    let open: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.starts_with("data/")
                || f.starts_with("peta/titik")
                || f.ends_with("atom.xml")
                || f.ends_with(".ics")
                || f.starts_with("statistik/")
        })
        .collect();
    assert!(open.len() > 30, "{open:?}");
    for f in open {
        let text = String::from_utf8_lossy(&fs::read(site.public().join(f)).unwrap()).into_owned();
        let text = text.replace("\\u0026", "&");
        for d in &drafts {
            assert!(!text.contains(d.as_str()), "draft {d:?} in {f}");
        }
    }
    // The preview still shows the drafts' own pages.
    assert!(files.iter().any(|f| f.contains("nasi-bakar-jatikramat")));
}

#[test]
fn an_exported_table_imports_back_to_the_same_table() {
    let site = Site::fixture("full");
    // Certificates in every state come back in the same state.
    site.edit(
        "content/umkm/bekasi-timur/warung-lengkap.md",
        "  - halal\n  - { type: pirt, number: \"2063275010017-27\" }\n  - bpom\n  - sni\n",
        "  - { type: halal, status: proses }\n  - { type: pirt, number: \"2063275010017-27\", valid_until: 2025-01-31 }\n  - { type: bpom, valid_until: 2099-12-31 }\n  - { type: sni, status: belum }\n",
    );
    site.build(&[]).ok();
    for kind in ["umkm", "koperasi", "pkl"] {
        let exported = fs::read(site.public().join(format!("data/{kind}.csv"))).unwrap();
        let fresh = fresh_copy(&site, kind);
        fresh.write_bytes(&format!("{kind}.csv"), &exported);
        let mut cmd = etalase();
        cmd.current_dir(fresh.root())
            .arg("import")
            .arg(fresh.root().join(format!("{kind}.csv")))
            .arg("--root")
            .arg(fresh.root())
            .args(["--kind", kind]);
        let run = Run::from(cmd.output().unwrap());
        run.ok();
        fresh.remove(&format!("{kind}.csv"));
        fresh.build(&[]).ok();
        let again = fs::read(fresh.public().join(format!("data/{kind}.csv"))).unwrap();
        let (a, b) = (
            String::from_utf8_lossy(&exported),
            String::from_utf8_lossy(&again),
        );
        // The last column names the entry's file: the fresh site's own.
        let without_file = |t: &str| -> Vec<Vec<String>> {
            csv_rows(&t[3..])
                .into_iter()
                .map(|mut r| {
                    r.pop();
                    r
                })
                .collect()
        };
        if without_file(&a) != without_file(&b) {
            let (ra, rb) = (csv_rows(&a[3..]), csv_rows(&b[3..]));
            let header = &ra[0];
            for (x, y) in ra.iter().zip(&rb).skip(1) {
                for ((h, u), v) in header.iter().zip(x).zip(y) {
                    if h == "file" {
                        continue; // the fresh site's own files
                    }
                    assert_eq!(
                        u, v,
                        "{kind}.csv: column {h} changed on import (row {})",
                        x[1]
                    );
                }
            }
            assert_eq!(ra.len(), rb.len(), "{kind}.csv: rows");
            panic!("{kind}.csv differs after import:\n{a}\n---\n{b}");
        }
    }
}

/// A new site with `site`'s site.yaml, programmes, static files and the
/// pictures of its `kind` entries (in content/KIND/, where the imported
/// entries will be), and no entry.
fn fresh_copy(site: &Site, kind: &str) -> Site {
    let fresh = Site::empty();
    fresh.write("site.yaml", &site.read_root("site.yaml"));
    for dir in ["content/program", "static"] {
        if site.root().join(dir).is_dir() {
            copy_dir(&site.root().join(dir), &fresh.root().join(dir));
        }
    }
    let to = fresh.root().join("content").join(kind);
    fs::create_dir_all(&to).unwrap();
    for f in list_files(&site.root().join("content").join(kind)) {
        if f.ends_with(".png") || f.ends_with(".jpg") {
            let name = Path::new(&f).file_name().unwrap();
            fs::copy(
                site.root().join("content").join(kind).join(&f),
                to.join(name),
            )
            .unwrap();
        }
    }
    fresh
}

/// A field added to the schema reaches every output with no code of its
/// own: the food-delivery shops are on the entry page beside Tokopedia and
/// Shopee, in its structured data's `sameAs`, in the CSV and JSON of its
/// kind and of all kinds, and an edited CSV brings a changed one back.
#[test]
fn food_delivery_shops_reach_every_output_and_come_back() {
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let links = [
        (
            "gofood",
            "https://gofood.co.id/bekasi/restaurant/warung-tini-0f1e2d",
        ),
        (
            "grabfood",
            "https://food.grab.com/id/id/restaurant/warung-tini-delivery/6-C3XYZW",
        ),
        ("shopeefood", "https://shopeefood.co.id/bekasi/warung-tini"),
    ];
    let page = site.html("umkm/warung-lengkap/index.html");
    let shops: Vec<String> = page
        .select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    // The shops' own (a product may link to its shop too, before them).
    let tokopedia = shops
        .iter()
        .rposition(|h| h.contains("tokopedia.com"))
        .unwrap();
    for (key, url) in links {
        let at = shops
            .iter()
            .position(|h| h == url)
            .unwrap_or_else(|| panic!("{key} is not linked on the page"));
        assert!(
            at > tokopedia && at - tokopedia <= 4,
            "{key} beside the shops"
        );
        let named = page
            .select(&sel(&format!("a[href=\"{url}\"]")))
            .map(|a| a.text().collect::<String>())
            .collect::<String>();
        assert!(named.to_lowercase().contains(&key[..4]), "{key}: {named}");
    }
    let ld = blocks(&site.public())
        .into_iter()
        .find(|(p, _)| p.ends_with("umkm/warung-lengkap/index.html"))
        .unwrap()
        .1;
    let same = ld["@graph"][0]["sameAs"].to_string();
    for (key, url) in links {
        assert!(same.contains(url), "{key} not in sameAs: {same}");
    }
    for table in ["umkm"] {
        let rows = csv_rows(&site.read(&format!("data/{table}.csv"))[3..]);
        let row = rows
            .iter()
            .find(|r| r.contains(&"warung-lengkap".to_string()))
            .unwrap();
        for (key, url) in links {
            let col = rows[0].iter().position(|h| h == key).unwrap();
            assert_eq!(row[col], url, "{table}.csv {key}");
        }
        let records = json(&site, &format!("data/{table}.json"));
        let rec = records
            .as_array()
            .or_else(|| records["records"].as_array())
            .unwrap()
            .iter()
            .find(|r| r["slug"] == "warung-lengkap")
            .unwrap()
            .clone();
        for (key, url) in links {
            assert_eq!(rec[key], url, "{table}.json {key}");
        }
    }
    // Edited in a spreadsheet and imported into a fresh copy of the site:
    // the new address is the entry's.
    let csv = site.read("data/umkm.csv");
    let edited = csv.replace(
        links[0].1,
        "https://gofood.co.id/bekasi/restaurant/warung-tini-baru",
    );
    let fresh = fresh_copy(&site, "umkm");
    fresh.write("umkm.csv", &edited);
    let mut cmd = etalase();
    cmd.arg("import")
        .arg(fresh.root().join("umkm.csv"))
        .arg("--root")
        .arg(fresh.root())
        .args(["--kind", "umkm"]);
    Run::from(cmd.output().unwrap()).ok();
    fresh.remove("umkm.csv");
    fresh.build(&[]).ok();
    let back = json(&fresh, "data/umkm.json");
    let rec = back
        .as_array()
        .or_else(|| back["records"].as_array())
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "warung-lengkap")
        .unwrap()
        .clone();
    assert_eq!(
        rec["gofood"],
        "https://gofood.co.id/bekasi/restaurant/warung-tini-baru"
    );
    assert_eq!(rec["grabfood"], links[1].1);
    assert_eq!(rec["shopeefood"], links[2].1);
}

/// Every JSON-LD block of every HTML page, as (page, block).
fn blocks(dir: &Path) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for f in html_files(dir) {
        let doc = parse_file(&dir.join(&f));
        let found: Vec<String> = doc
            .select(&sel("script[type=\"application/ld+json\"]"))
            .map(|s| s.inner_html())
            .collect();
        if f == "404.html" {
            assert!(found.is_empty(), "404.html has structured data");
            continue;
        }
        assert_eq!(found.len(), 1, "{f}: {} JSON-LD blocks", found.len());
        let v: Value = serde_json::from_str(&found[0]).unwrap_or_else(|e| panic!("{f}: {e}"));
        out.push((f, v));
    }
    out
}

/// The schema.org vocabulary kept as test data (tests/data/schemaorg/).
struct Vocab {
    types: BTreeSet<String>,
    properties: BTreeMap<String, Vec<String>>,
    parents: BTreeMap<String, Vec<String>>,
}

impl Vocab {
    fn load() -> Vocab {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schemaorg");
        let read = |f: &str| fs::read_to_string(dir.join(f)).unwrap();
        let pairs = |f: &str| -> BTreeMap<String, Vec<String>> {
            read(f)
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| {
                    let (k, v) = l.split_once('\t').unwrap_or((l, ""));
                    (
                        k.to_string(),
                        v.split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                    )
                })
                .collect()
        };
        Vocab {
            types: read("types.txt").lines().map(str::to_string).collect(),
            properties: pairs("properties.txt"),
            parents: pairs("subclasses.txt"),
        }
    }

    /// `ty` and every type above it.
    fn lineage(&self, ty: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![ty.to_string()];
        while let Some(t) = todo.pop() {
            if seen.insert(t.clone()) {
                todo.extend(self.parents.get(&t).cloned().unwrap_or_default());
            }
        }
        seen
    }

    /// Every problem of one node and the nodes under it.
    fn check(&self, v: &Value, at: &str, problems: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| self.check(x, at, problems)),
            Value::Object(m) => {
                let ty = m.get("@type").and_then(Value::as_str);
                if let Some(t) = ty {
                    if !self.types.contains(t) {
                        problems.push(format!("{at}: type {t} is not in schema.org"));
                    }
                }
                let lineage = ty.map(|t| self.lineage(t)).unwrap_or_default();
                for (k, x) in m {
                    if k.starts_with('@') {
                        self.check(x, at, problems);
                        continue;
                    }
                    match self.properties.get(k) {
                        None => problems.push(format!("{at}: property {k} is not in schema.org")),
                        Some(domains)
                            if ty.is_some() && !domains.iter().any(|d| lineage.contains(d)) =>
                        {
                            problems.push(format!(
                                "{at}: {k} is not a property of {}",
                                ty.unwrap_or("")
                            ))
                        }
                        _ => {}
                    }
                    self.check(x, at, problems);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_page_has_structured_data_in_the_schema_org_vocabulary() {
    let site = sample();
    let vocab = Vocab::load();
    let mut problems = Vec::new();
    let mut types = BTreeSet::new();
    let all = blocks(&site.public());
    for (page, block) in &all {
        assert_eq!(block["@context"], "https://schema.org", "{page}");
        let graph = block["@graph"].as_array().unwrap();
        for node in graph {
            types.insert(node["@type"].as_str().unwrap_or("").to_string());
        }
        assert!(
            graph.iter().any(|n| n["@type"] == "BreadcrumbList"),
            "{page}: no BreadcrumbList"
        );
        vocab.check(block, page, &mut problems);
    }
    problems.dedup();
    assert!(problems.is_empty(), "{problems:#?}");
    for want in [
        "WebSite",
        "Organization",
        "Event",
        "ItemList",
        "BreadcrumbList",
        "Dataset",
        "FoodEstablishment",
    ] {
        assert!(types.contains(want), "no {want} among {types:?}");
    }
    // An entry: its address, point, hours (a night stall's past
    // midnight), products in rupiah.
    let entry = all
        .iter()
        .find(|(p, _)| p == "pkl/nasi-goreng-gila-mas-yanto/index.html")
        .or_else(|| {
            all.iter()
                .find(|(p, b)| p.starts_with("pkl/") && b.to_string().contains("closes"))
        })
        .expect("a street vendor with hours");
    let node = &entry.1["@graph"][0];
    assert_eq!(node["address"]["addressLocality"], "Kota Bekasi");
    assert_eq!(node["address"]["addressRegion"], "Jawa Barat");
    assert_eq!(node["address"]["addressCountry"], "ID");
    assert!(node["geo"]["latitude"].is_number());
    let text = entry.1.to_string();
    assert!(text.contains("\"priceCurrency\":\"IDR\""), "{text}");
    // The home page: the site and its search.
    let home = &all.iter().find(|(p, _)| p == "index.html").unwrap().1;
    let target = home.to_string();
    assert!(target.contains("/cari/?q={search_term_string}"), "{target}");
}

#[test]
fn open_graph_and_twitter_tags_are_on_every_page() {
    let site = sample();
    for f in html_files(&site.public()) {
        if f == "404.html" {
            continue;
        }
        let doc = parse_file(&site.public().join(&f));
        for (css, what) in [
            ("meta[property=\"og:title\"]", "og:title"),
            ("meta[property=\"og:url\"]", "og:url"),
            ("meta[property=\"og:type\"]", "og:type"),
            ("meta[property=\"og:locale\"]", "og:locale"),
            ("meta[name=\"twitter:card\"]", "twitter:card"),
        ] {
            let v = attrs(&doc, css, "content");
            assert_eq!(v.len(), 1, "{f}: {what}");
            assert!(!v[0].is_empty(), "{f}: empty {what}");
        }
    }
}

#[test]
fn structured_data_cannot_be_broken_out_of_by_an_entry() {
    let site = Site::fixture("minimal");
    let name = "Warung </script><script>alert(1)</script> & \"Kopi\"";
    let entry = list_files(&site.root().join("content/umkm"))
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .unwrap();
    let rel = format!("content/umkm/{entry}");
    let text = site.read_root(&rel);
    let line = text
        .lines()
        .find(|l| l.starts_with("name:"))
        .unwrap()
        .to_string();
    site.write(&rel, &text.replace(&line, &format!("name: '{name}'")));
    site.build(&[]).ok();
    for (page, block) in blocks(&site.public()) {
        if block.to_string().contains("alert(1)") {
            let raw = site.read(&page);
            assert!(!raw.contains("</script><script>alert(1)"), "{page}");
            assert!(
                block
                    .to_string()
                    .contains("</script><script>alert(1)</script> & \\\"Kopi\\\""),
                "{block}"
            );
        }
    }
}

#[test]
fn a_json_ld_processor_expands_every_block() {
    let tools = test_tools().join("node_modules/jsonld");
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    if !require_tool_with(
        node && tools.exists(),
        "node with jsonld",
        "apt-get install nodejs npm; npm install --prefix target/test-tools jsonld@8",
    ) {
        return;
    }
    let site = sample();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (n, (page, block)) in blocks(&site.public()).iter().enumerate() {
        let path = dir
            .path()
            .join(format!("{n:04}-{}.json", page.replace('/', "_")));
        fs::write(&path, block.to_string()).unwrap();
        files.push(path);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("node")
        .arg(root.join("tests/tools/jsonld-check.mjs"))
        .arg(test_tools())
        .arg(root.join("tests/data/schemaorg"))
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("ok {} blocks", files.len())),
        "{stdout}"
    );
}

#[test]
fn calendars_fold_escape_and_keep_the_sites_time_zone() {
    let site = Site::fixture("full");
    let yaml = site.read_root("site.yaml");
    assert!(!yaml.contains("timezone:"));
    site.write("site.yaml", &format!("{yaml}\ntimezone: Asia/Makassar\n"));
    let ev = list_files(&site.root().join("content/acara"))
        .into_iter()
        .next()
        .unwrap();
    let rel = format!("content/acara/{ev}");
    let text = site.read_root(&rel);
    let line = text
        .lines()
        .find(|l| l.starts_with("name:"))
        .unwrap()
        .to_string();
    let long =
        "Bazar, Pameran; dan Lomba \\ Kuliner Nusantara Tahunan Kota yang Panjang Sekali Namanya é";
    site.write(&rel, &text.replace(&line, &format!("name: '{long}'")));
    site.build(&[]).ok();
    let files: Vec<String> = list_files(&site.public())
        .into_iter()
        .filter(|f| f.ends_with(".ics"))
        .collect();
    assert!(
        files.contains(&"acara/kalender.ics".to_string()),
        "{files:?}"
    );
    for f in &files {
        let raw = site.read(f);
        assert!(
            raw.starts_with("BEGIN:VCALENDAR\r\n") && raw.ends_with("END:VCALENDAR\r\n"),
            "{f}"
        );
        for line in raw.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{f}: a line of {} octets: {line:?}",
                line.len()
            );
            assert!(!line.contains('\n'), "{f}: a bare line feed");
        }
        assert!(
            raw.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Makassar\r\n"),
            "{f}"
        );
        assert!(raw.contains("TZOFFSETTO:+0800"), "{f}");
        assert_eq!(
            raw.matches("BEGIN:VEVENT").count(),
            raw.matches("END:VEVENT").count()
        );
        let unfolded = raw.replace("\r\n ", "");
        for l in unfolded
            .lines()
            .filter(|l| l.starts_with("DTSTART") && !l.starts_with("DTSTART:1970"))
        {
            assert!(
                l.starts_with("DTSTART;TZID=Asia/Makassar:")
                    || l.starts_with("DTSTART;VALUE=DATE:"),
                "{l}"
            );
        }
    }
    let unfolded = site.read("acara/kalender.ics").replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:Bazar\\, Pameran\\; dan Lomba \\\\ Kuliner"),
        "{unfolded}"
    );
    // The event page offers its calendar.
    let slug = ev.trim_end_matches(".md").trim_end_matches(".yaml");
    let page = site.html(&format!("acara/{slug}/index.html"));
    let cal = attrs(&page, "a[type=\"text/calendar\"]", "href");
    assert_eq!(cal, [format!("/kota/acara/{slug}/kalender.ics")]);
    assert!(body_text(&page).contains("Tambahkan ke kalender"));
    // Its structured data is in the same zone.
    let block = blocks(&site.public())
        .into_iter()
        .find(|(p, _)| p == &format!("acara/{slug}/index.html"))
        .unwrap()
        .1;
    let start = block["@graph"][0]["startDate"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(start.len() == 10 || start.ends_with("+08:00"), "{start}");
}

#[test]
fn feeds_carry_the_newest_entries_by_their_date() {
    let site = sample();
    for (feed, kind) in [
        ("atom.xml", None),
        ("umkm/atom.xml", Some("umkm")),
        ("pkl/atom.xml", Some("pkl")),
    ] {
        let x = site.read(feed);
        assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        let dates: Vec<&str> = x
            .split("<entry>")
            .skip(1)
            .map(|e| {
                e.split("<updated>")
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
            })
            .collect();
        assert!(
            !dates.is_empty() && dates.len() <= 50,
            "{feed}: {}",
            dates.len()
        );
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{feed}: newest first");
        assert!(dates.iter().all(|d| d.ends_with("T00:00:00+07:00")));
        if let Some(k) = kind {
            for id in x
                .split("<id>")
                .skip(2)
                .map(|s| s.split('<').next().unwrap())
            {
                assert!(id.contains(&format!("/{k}/")), "{feed}: {id}");
            }
        }
    }
    // Feed readers find them from the pages.
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, "link[type=\"application/atom+xml\"]", "href"),
        ["/atom.xml"]
    );
    let umkm = site.html("umkm/index.html");
    assert_eq!(
        attrs(&umkm, "link[type=\"application/atom+xml\"]", "href"),
        ["/umkm/atom.xml"]
    );
}

#[test]
fn the_map_and_its_tiles_load_on_the_map_page_only() {
    let site = sample();
    for f in html_files(&site.public()) {
        let raw = site.read(&f);
        // (The data page names the tile server in words, for its privacy
        // note; a page that loads tiles holds their address template.)
        let loads = raw.contains("leaflet.js")
            || raw.contains("peta.js")
            || raw.contains("tile.openstreetmap.org/{z}");
        if f == "peta/index.html" {
            assert!(raw.contains("leaflet.js") && raw.contains("peta.js"));
        } else if f.starts_with("umkm/") || f.starts_with("koperasi/") || f.starts_with("pkl/") {
            // An entry page names the tiles for its small map, fetched
            // only on a tap by peta-kecil.js; it never loads Leaflet.
            assert!(
                !raw.contains("leaflet.js") && !raw.contains("assets/peta.js"),
                "{f}"
            );
        } else {
            assert!(!loads, "{f} loads the map");
        }
    }
    // Without JavaScript the page lists the entries by kecamatan, with
    // their places on OpenStreetMap.
    let page = site.html("peta/index.html");
    let osm = links(&page)
        .into_iter()
        .filter(|l| l.starts_with("https://www.openstreetmap.org/?mlat="))
        .count();
    assert!(osm > 50, "{osm}");
    // Every point of the page's data is a published entry with geo.
    let points = json(site, "peta/titik.json");
    let n = points["lat"].as_array().unwrap().len();
    assert_eq!(n, points["kind"].as_array().unwrap().len());
    let with_geo: usize = ["umkm", "koperasi", "pkl"]
        .iter()
        .map(|k| {
            json(site, &format!("data/{k}.geojson"))["features"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(n, with_geo);
    let chunk0 = json(site, "peta/titik-0.json");
    assert_eq!(chunk0.as_array().unwrap().len(), n.min(256));
    // The popups' details: the address the script fills in names every
    // chunk (it was once written with `{n}` escaped, and every popup
    // said the data could not be loaded).
    let details = points["details"].as_str().unwrap();
    assert!(details.contains("{n}"), "{details}");
    for c in 0..n.div_ceil(256) {
        let rel = details.replace("{n}", &c.to_string());
        let rel = rel.trim_start_matches('/');
        assert!(site.public().join(rel).is_file(), "{rel}");
    }
}

/// gzip -9 size of a file of the output.
fn gz(path: &Path) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&fs::read(path).unwrap()).unwrap();
    e.finish().unwrap().len()
}

#[test]
fn the_map_pages_first_view_is_under_100_kb_before_tiles() {
    let site = sample();
    let public = site.public();
    let page = site.read("peta/index.html");
    let mut total = gz(&public.join("peta/index.html"));
    let doc = scraper::Html::parse_document(&page);
    let mut parts = attrs(&doc, "link[rel=\"stylesheet\"]", "href");
    parts.extend(attrs(&doc, "script[src]", "src"));
    parts.push("/peta/titik.json".into());
    for p in &parts {
        let rel = p.trim_start_matches('/').split('?').next().unwrap();
        total += gz(&public.join(rel));
    }
    assert!(
        total < 100 * 1024,
        "first view transfers {total} bytes: {parts:?}"
    );
}

#[test]
fn statistics_are_drawn_at_build_time_with_their_numbers() {
    let site = sample();
    let page = site.html("statistik/index.html");
    let charts: Vec<_> = page.select(&sel("section.chart-box")).collect();
    assert_eq!(charts.len(), 8);
    for c in &charts {
        assert_eq!(c.select(&sel("svg")).count(), 1);
        assert_eq!(
            c.select(&sel("table")).count(),
            1,
            "a table for screen readers"
        );
        let csv = links_in(*c)
            .into_iter()
            .find(|l| l.ends_with(".csv"))
            .unwrap();
        assert!(public_has(site, &csv), "{csv}");
    }
    // No script draws them.
    let scripts = attrs(&page, "script[src]", "src");
    assert!(
        scripts.iter().all(|s| s.contains("etalase.js")),
        "{scripts:?}"
    );
    // The numbers are the directory's.
    let kinds = csv_rows(&site.read("data/statistik/jenis.csv")[3..]);
    let umkm = json(site, "data/umkm.json")
        .as_array()
        .unwrap()
        .len()
        .to_string();
    assert_eq!(kinds[1], ["UMKM", umkm.as_str()]);
    let prog = csv_rows(&site.read("data/statistik/program.csv")[3..]);
    assert_eq!(prog[0], ["program", "jumlah", "sasaran"]);
}

fn public_has(site: &Site, url: &str) -> bool {
    site.public().join(url.trim_start_matches('/')).exists()
}

#[test]
fn the_sitemap_names_the_new_pages_and_robots_points_at_it() {
    let site = sample();
    let map = site.read("sitemap.xml");
    for p in ["peta/", "statistik/", "data/"] {
        assert!(
            map.contains(&format!("<loc>https://umkm.example.go.id/{p}</loc>")),
            "{p}"
        );
    }
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://umkm.example.go.id/sitemap.xml"));
}

/// The open data passes the Frictionless validator itself (from PyPI:
/// `.ci/run` installs it into target/test-tools/py), on the fixture with
/// every field and on the sample.
#[test]
fn the_data_package_passes_frictionless_validate() {
    let bin = test_tools().join("py/bin/frictionless");
    let how = "python3 -m venv target/test-tools/py && target/test-tools/py/bin/pip install frictionless==5.21.0";
    if !require_tool_with(bin.is_file(), "frictionless", how) {
        return;
    }
    for (name, site) in [("full", Site::fixture("full")), ("sample", Site::sample())] {
        site.build(&[]).ok();
        let out = std::process::Command::new(&bin)
            .current_dir(site.public().join("data"))
            .args(["validate", "datapackage.json", "--json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{name}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        let invalid: Vec<String> = report["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["valid"] != Value::Bool(true))
            .map(|t| format!("{}: {}", t["name"], t["errors"]))
            .collect();
        assert!(invalid.is_empty(), "{name}: {invalid:#?}");
        assert_eq!(report["valid"], Value::Bool(true), "{name}");
    }
}
