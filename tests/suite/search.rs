//! The search bundle and the search page, without a browser: the bundle
//! is built on every build from the entries' data, finds what residents
//! type, and holds no private value or draft (build.rs scans every file,
//! the bundle's gunzipped); the page leads somewhere without JavaScript.

use crate::common::*;
#[cfg(feature = "search")]
use std::fs;

/// Every file of the bundle, gunzipped, in one text.
#[cfg(feature = "search")]
fn bundle_text(site: &Site) -> String {
    let dir = site.public().join("cari/pagefind");
    list_files(&dir)
        .iter()
        .map(|f| output_text(&dir.join(f)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[cfg(feature = "search")]
fn every_build_writes_the_search_bundle_in_indonesian() {
    let site = Site::sample();
    site.build(&[]).ok();
    let dir = site.public().join("cari/pagefind");
    for f in ["pagefind.js", "pagefind-entry.json", "wasm.id.pagefind"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let entry = fs::read_to_string(dir.join("pagefind-entry.json")).unwrap();
    // 97 entries, 4 programmes and 2 events.
    assert!(entry.contains("\"page_count\":103"), "{entry}");
    // Pagefind's own UIs are left out.
    let files = list_files(&dir);
    assert!(!files.iter().any(|f| f.contains("-ui")), "{files:?}");
    // In the manifest, so the next build knows them as its own.
    let manifest = fs::read_to_string(site.public().join(".etalase-manifest")).unwrap();
    assert!(manifest.contains("cari/pagefind/pagefind.js"));
}

#[test]
#[cfg(feature = "search")]
fn the_bundle_holds_the_words_residents_type() {
    let site = Site::sample();
    site.build(&[]).ok();
    let text = bundle_text(&site);
    for word in [
        "Keripik Tempe Bu Sri",
        "Medan Satria",
        "Medansatria",
        "Tutup permanen",
        "HALAL",
        "QRIS",
        "One Pesantren One Product",
    ] {
        assert!(text.contains(word), "{word} is not in the bundle");
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
        ["/kota/cari/pagefind/pagefind.js"]
    );
}
