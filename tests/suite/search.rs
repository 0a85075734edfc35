//! The search index and the search page, without a browser: the index is
//! built on every build from the entries' data, finds what residents type,
//! and holds no private value or draft (build.rs scans every file); the
//! page leads somewhere without JavaScript.

use crate::common::*;
#[cfg(feature = "search")]
use std::fs;

/// The terms of the index's dictionary, its shards' front coding undone.
#[cfg(feature = "search")]
fn terms(site: &Site) -> Vec<String> {
    let dir = site.public().join("cari/indeks");
    let mut out = Vec::new();
    for f in list_files(&dir).iter().filter(|f| f.starts_with("kata-")) {
        let mut prev = String::new();
        for line in fs::read_to_string(dir.join(f)).unwrap().lines() {
            let mut parts = line.splitn(3, ' ');
            let shared = usize::from_str_radix(parts.next().unwrap(), 36).unwrap();
            // The shared prefix in UTF-16 units, as the script slices.
            let units: Vec<u16> = prev.encode_utf16().take(shared).collect();
            let term = String::from_utf16(&units).unwrap() + parts.next().unwrap();
            assert!(!parts.next().unwrap().is_empty(), "{term} has no entry");
            prev = term.clone();
            out.push(term);
        }
    }
    out
}

#[test]
#[cfg(feature = "search")]
fn every_build_writes_the_search_index() {
    let site = Site::sample();
    site.build(&[]).ok();
    let dir = site.public().join("cari/indeks");
    for f in [
        "meta.json",
        "kata-0.txt",
        "kartu-0.json",
        "urut.txt",
        "nama.txt",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
    // 97 entries, 4 programmes and 2 events.
    assert_eq!(meta["n"], 103);
    let shards = meta["shards"].as_array().unwrap();
    let files = list_files(&dir);
    assert_eq!(
        files.iter().filter(|f| f.starts_with("kata-")).count(),
        shards.len()
    );
    // The dictionary is sorted, and each shard starts where meta says.
    let all = terms(&site);
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    // In the manifest, so the next build knows them as its own.
    let manifest = fs::read_to_string(site.public().join(".etalase-manifest")).unwrap();
    assert!(manifest.contains("cari/indeks/meta.json"));
}

#[test]
#[cfg(feature = "search")]
fn the_index_holds_the_words_residents_type() {
    let site = Site::sample();
    site.build(&[]).ok();
    let all = terms(&site);
    for word in [
        "keripik",
        "tempe",
        "medan",
        "satria",
        "medansatria",
        "pesantren",
    ] {
        assert!(all.iter().any(|t| t == word), "{word} is not in the index");
    }
    let dir = site.public().join("cari/indeks");
    let filters = fs::read_to_string(dir.join("meta.json")).unwrap();
    for value in ["Tutup permanen", "HALAL", "QRIS"] {
        assert!(filters.contains(value), "{value} is not a filter value");
    }
    let cards: String = list_files(&dir)
        .iter()
        .filter(|f| f.starts_with("kartu-"))
        .map(|f| fs::read_to_string(dir.join(f)).unwrap())
        .collect();
    for name in ["Keripik Tempe Bu Sri", "One Pesantren One Product"] {
        assert!(cards.contains(name), "{name} has no card");
    }
}

#[test]
fn the_search_page_leads_somewhere_without_javascript() {
    let site = Site::sample();
    site.build(&[]).ok();
    let doc = site.html("cari/index.html");
    let form = doc
        .select(&sel("form#cari"))
        .next()
        .expect("the search form");
    assert_eq!(form.value().attr("action"), Some("/cari/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(attrs(&doc, "form#cari input[type=search]", "name"), ["q"]);
    let hrefs = links(&doc);
    for page in ["/kategori/kuliner/", "/kecamatan/medansatria/"] {
        assert!(
            hrefs.iter().any(|h| h == page),
            "{page} not linked: {hrefs:?}"
        );
    }
    // Every page's header has a search box that submits to /cari/.
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, "header form[role=search]", "action"),
        ["/cari/"]
    );
}

#[test]
fn the_search_page_is_in_every_language() {
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let en = site.html("en/cari/index.html");
    assert!(body_text(&en).contains("Find a business"));
    assert_eq!(attrs(&en, "form#cari", "data-base"), ["/kota/en/"]);
    assert_eq!(
        attrs(&en, "form#cari", "data-bundle"),
        ["/kota/cari/indeks/"]
    );
}

/// A text file of tests/fixtures/.
#[cfg(feature = "search")]
fn fixture_text(name: &str) -> String {
    fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// A fixture's lines that are neither comments (`#`) nor blank.
#[cfg(feature = "search")]
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// Whether Node is here (or a loud skip, or a failure under
/// ETALASE_REQUIRE_TOOLS=1).
#[cfg(feature = "search")]
fn node() -> bool {
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require_tool_with(node, "node", "apt-get install nodejs")
}

#[cfg(feature = "search")]
fn script() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/cari.js")
}

/// The page's script stems words as the index does: the pairs of
/// tests/fixtures/stems.txt, which the index's own test reads too, run
/// under Node through the function the browser runs.
#[test]
#[cfg(feature = "search")]
fn the_script_stems_words_as_the_index_does() {
    if !node() {
        return;
    }
    let fixture = fixture_text("stems.txt");
    let pairs: Vec<(&str, &str)> = data_lines(&fixture)
        .map(|l| l.split_once(' ').unwrap())
        .collect();
    let words: Vec<String> = pairs.iter().map(|(w, _)| format!("{w:?}")).collect();
    let program = format!(
        "const {{ stem }} = require({:?});\nconsole.log([{}].map(stem).join(' '));",
        script().display().to_string(),
        words.join(",")
    );
    let out = std::process::Command::new("node")
        .args(["-e", &program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8_lossy(&out.stdout);
    let want: Vec<&str> = pairs.iter().map(|(_, r)| *r).collect();
    assert_eq!(got.split_whitespace().collect::<Vec<_>>(), want);
}

/// Runs `queries` (as the page's address has them) through the page's own
/// reader over `site`'s index, under Node: each query's count of results,
/// its first three pages and all its pages.
#[cfg(feature = "search")]
fn search_with_the_script(site: &Site, queries: &[&str]) -> Vec<(usize, Vec<String>, Vec<String>)> {
    let asked: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| {
            let mut filters = serde_json::Map::new();
            let mut text = String::new();
            for pair in q.split('&') {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                if k == "q" {
                    text = v.to_string();
                } else {
                    filters
                        .entry(k)
                        .or_insert_with(|| serde_json::json!([]))
                        .as_array_mut()
                        .unwrap()
                        .push(v.into());
                }
            }
            serde_json::json!({ "q": text, "filters": filters })
        })
        .collect();
    let runner =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/search-run.cjs");
    let mut child = std::process::Command::new("node")
        .arg(runner)
        .arg(script())
        .arg(site.public().join("cari/indeks"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&asked).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let pages = |k: &str| -> Vec<String> {
                v[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string())
                    .collect()
            };
            (
                v["n"].as_u64().unwrap() as usize,
                pages("top"),
                pages("all"),
            )
        })
        .collect()
}

/// Relevance, held to tests/fixtures/relevance.txt: names, words begun,
/// typos, word forms, places in both spellings, a thing and a place,
/// categories, filters, drafts and nonsense, over the sample and a
/// generated site of 1,000 entries.
#[test]
#[cfg(feature = "search")]
fn the_first_results_are_the_ones_a_resident_means() {
    if !node() {
        return;
    }
    let fixture = fixture_text("relevance.txt");
    let lines: Vec<[&str; 3]> = data_lines(&fixture)
        .map(|l| {
            let p: Vec<&str> = l.split('\t').collect();
            assert_eq!(p.len(), 3, "not SITE, QUERY and WANTED: {l}");
            [p[0], p[1], p[2]]
        })
        .collect();
    assert!(lines.len() >= 50, "{} queries", lines.len());
    let sample = Site::sample();
    sample.build(&[]).ok();
    let generated = Site::empty();
    crate::sitegen::generate(1000, generated.root()).unwrap();
    generated.build(&[]).ok();
    let mut wrong = Vec::new();
    for (name, site) in [("sample", &sample), ("generated", &generated)] {
        let mine: Vec<&[&str; 3]> = lines.iter().filter(|l| l[0] == name).collect();
        assert!(!mine.is_empty(), "no query for {name}");
        let queries: Vec<&str> = mine.iter().map(|l| l[1]).collect();
        let got = search_with_the_script(site, &queries);
        assert_eq!(got.len(), mine.len());
        for (l, (n, top, all)) in mine.iter().zip(&got) {
            for want in l[2].split_whitespace() {
                let ok = if want == "-" {
                    *n == 0
                } else if let Some(page) = want.strip_prefix('!') {
                    !all.iter().any(|t| t == page)
                } else {
                    top.iter().any(|t| t == want)
                };
                if !ok {
                    wrong.push(format!(
                        "{name} {:?}: wanted {want}, got {n} results, first {top:?}",
                        l[1]
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
