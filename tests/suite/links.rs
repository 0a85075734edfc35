//! No broken internal link: every address in every page, and every address
//! of the sitemap, leads to a file of the output, also when the site is
//! served from a sub-path.

use crate::common::*;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Elements and their attributes that hold an address.
const ADDRESSES: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("source[src]", "src"),
    ("video[src]", "src"),
    ("audio[src]", "src"),
    ("video[poster]", "poster"),
    ("form[action]", "action"),
];

struct Checked {
    /// Internal addresses followed.
    internal: usize,
    broken: Vec<String>,
    /// Root-relative addresses not under the base path.
    outside: Vec<String>,
}

/// Every address of every HTML page of `out`. `base_path` is `/` or `/sub/`;
/// `base_url` the absolute form (canonical and alternate links use it).
fn check_links(out: &Path, base_path: &str, base_url: &str) -> Checked {
    let files: BTreeSet<String> = list_files(out).into_iter().collect();
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut docs = Vec::new();
    for f in html_files(out) {
        let doc = parse_file(&out.join(&f));
        ids.insert(f.clone(), attrs(&doc, "[id]", "id").into_iter().collect());
        docs.push((f, doc));
    }
    let mut c = Checked {
        internal: 0,
        broken: Vec::new(),
        outside: Vec::new(),
    };
    for (page, doc) in &docs {
        let mut addresses: Vec<String> = Vec::new();
        for (css, attr) in ADDRESSES {
            addresses.extend(attrs(doc, css, attr));
        }
        for set in attrs(doc, "img[srcset], source[srcset]", "srcset") {
            addresses.extend(
                set.split(',')
                    .filter_map(|s| s.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        for raw in addresses {
            // Absolute addresses of the site itself (canonical, alternates).
            let href = match raw.strip_prefix(base_url) {
                Some(rest) => format!("{base_path}{rest}"),
                None => raw.clone(),
            };
            if !href.starts_with('#')
                && scheme_of(&href).is_none()
                && !href.starts_with("//")
                && href.starts_with('/')
                && !href.starts_with(base_path)
            {
                c.outside.push(format!("{page}: {raw}"));
            }
            match resolve_link(page, &href, base_path) {
                Target::External => {}
                Target::Outside(h) => c.broken.push(format!("{page}: {h} (outside the site)")),
                Target::File(f) => {
                    c.internal += 1;
                    if !files.contains(&f) {
                        c.broken
                            .push(format!("{page}: {raw} -> {f} (no such file)"));
                        continue;
                    }
                    // A fragment must name an element of the page.
                    if let Some(frag) = href.split_once('#').map(|(_, f)| percent_decode(f)) {
                        if !frag.is_empty()
                            && f.ends_with(".html")
                            && !ids.get(&f).is_some_and(|s| s.contains(&frag))
                        {
                            c.broken
                                .push(format!("{page}: {raw} (no id {frag:?} in {f})"));
                        }
                    }
                }
            }
        }
    }
    c.broken.sort();
    c.broken.dedup();
    c
}

/// The `<loc>` addresses of a sitemap file.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|l| l[..l.find("</loc>").expect("</loc>")].replace("&amp;", "&"))
        .collect()
}

/// Every sitemap address leads to a page, and every page but 404.html is
/// in the sitemap, once.
fn check_sitemap(out: &Path, base_url: &str, base_path: &str) {
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    let mut all = Vec::new();
    if xml.contains("<sitemapindex") {
        for part in locs(&xml) {
            let rel = part
                .strip_prefix(base_url)
                .unwrap_or_else(|| panic!("{part} not under {base_url}"));
            all.extend(locs(&std::fs::read_to_string(out.join(rel)).unwrap()));
        }
    } else {
        all = locs(&xml);
    }
    let mut seen = BTreeSet::new();
    for loc in &all {
        let rest = loc
            .strip_prefix(base_url)
            .unwrap_or_else(|| panic!("sitemap address {loc} not under {base_url}"));
        let Target::File(f) = resolve_link("", &format!("{base_path}{rest}"), base_path) else {
            panic!("sitemap address {loc}")
        };
        assert!(
            out.join(&f).is_file(),
            "sitemap address {loc} -> {f}: no such file"
        );
        assert!(seen.insert(f.clone()), "{loc} twice in the sitemap");
    }
    let pages: BTreeSet<String> = html_files(out)
        .into_iter()
        .filter(|f| f != "404.html")
        .collect();
    let missing: Vec<&String> = pages.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "pages missing from the sitemap: {missing:?}"
    );
    assert!(!seen.contains("404.html"), "404.html is in the sitemap");
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {base_url}sitemap.xml")),
        "{robots}"
    );
}

#[track_caller]
fn assert_no_broken(c: &Checked, min: usize) {
    assert!(
        c.broken.is_empty(),
        "{} broken links:\n{}",
        c.broken.len(),
        c.broken.join("\n")
    );
    assert!(
        c.outside.is_empty(),
        "{} links outside the base path:\n{}",
        c.outside.len(),
        c.outside.join("\n")
    );
    assert!(
        c.internal >= min,
        "only {} internal links checked",
        c.internal
    );
}

#[test]
fn every_internal_link_of_the_sample_resolves() {
    let site = Site::sample();
    site.build(&[]).ok();
    let c = check_links(&site.public(), "/", "https://umkm.example.go.id/");
    assert_no_broken(&c, 3000);
    check_sitemap(&site.public(), "https://umkm.example.go.id/", "/");
}

#[test]
fn every_internal_link_of_the_sample_resolves_under_a_sub_path() {
    let site = Site::sample();
    let base = "https://example.github.io/direktori/";
    site.build(&["--base-url", base]).ok();
    let c = check_links(&site.public(), "/direktori/", base);
    assert_no_broken(&c, 3000);
    check_sitemap(&site.public(), base, "/direktori/");
    // Every root-relative address starts with the sub-path.
    for f in html_files(&site.public()) {
        let doc = parse_file(&site.public().join(&f));
        for (css, attr) in ADDRESSES {
            for h in attrs(&doc, css, attr) {
                if h.starts_with('/') {
                    assert!(h.starts_with("/direktori/"), "{f}: {h}");
                }
                assert!(
                    !h.contains("umkm.example.go.id"),
                    "{f}: site.yaml's base_url in {h}"
                );
            }
        }
    }
}

#[test]
fn every_internal_link_of_the_full_fixture_resolves() {
    // Two languages, paginate: 2, base_url with the sub-path /kota/,
    // pictures beside entries and in static/, relative links in Markdown.
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let c = check_links(&site.public(), "/kota/", "https://uji.example.go.id/kota/");
    assert_no_broken(&c, 1000);
    check_sitemap(&site.public(), "https://uji.example.go.id/kota/", "/kota/");

    // And served from the root of a host.
    let site = Site::fixture("full");
    site.build(&["--base-url", "http://localhost:8080/"]).ok();
    let c = check_links(&site.public(), "/", "http://localhost:8080/");
    // The page tentang.md links /kota/img/spanduk.png on purpose: the
    // author's own absolute address, the one link allowed to break here.
    let broken: Vec<&String> = c
        .broken
        .iter()
        .filter(|b| !b.contains("/kota/img/spanduk.png"))
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
    check_sitemap(&site.public(), "http://localhost:8080/", "/");
}

#[test]
fn link_resolution_helper_works() {
    assert_eq!(
        resolve_link("a/index.html", "/x/", "/"),
        Target::File("x/index.html".into())
    );
    assert_eq!(
        resolve_link("a/index.html", "/sub/x/", "/sub/"),
        Target::File("x/index.html".into())
    );
    assert_eq!(
        resolve_link("a/index.html", "/x/", "/sub/"),
        Target::Outside("/x/".into())
    );
    assert_eq!(
        resolve_link("a/index.html", "../b/?q=1#f", "/sub/"),
        Target::File("b/index.html".into())
    );
    assert_eq!(
        resolve_link("a/index.html", "img/a%20b.png", "/"),
        Target::File("a/img/a b.png".into())
    );
    assert_eq!(
        resolve_link("index.html", "../../x", "/"),
        Target::Outside("../../x".into())
    );
    assert_eq!(
        resolve_link("index.html", "#isi", "/"),
        Target::File("index.html".into())
    );
    assert_eq!(
        resolve_link("index.html", "mailto:a@b.c", "/"),
        Target::External
    );
    assert_eq!(
        resolve_link("index.html", "//cdn.example/x", "/"),
        Target::External
    );
    assert_eq!(scheme_of(" Java\tScript:x"), Some("javascript".into()));
    assert_eq!(scheme_of("/a:b"), None);
}

#[test]
fn every_internal_link_of_an_empty_site_resolves() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Kosong\nbase_url: https://kosong.example/sub/\nlanguages: [id, en]\n",
    );
    site.build(&[]).ok();
    let c = check_links(&site.public(), "/sub/", "https://kosong.example/sub/");
    assert_no_broken(&c, 50);
    check_sitemap(&site.public(), "https://kosong.example/sub/", "/sub/");
}
