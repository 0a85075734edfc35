//! What a successful build writes: every page of FORMAT.md's output table
//! with clean URLs, and on each the content a resident needs. Most tests
//! build `tests/fixtures/full` (every field, two UI languages, paginate: 2,
//! a base_url with the sub-path /kota/) once and look at several pages.

use crate::common::*;
use std::fs;

/// The full fixture, built with `args`.
fn full(args: &[&str]) -> Site {
    let site = Site::fixture("full");
    site.build(args).ok();
    site
}

fn exists(site: &Site, rel: &str) -> bool {
    site.public().join(rel).is_file()
}

#[track_caller]
fn assert_pages(site: &Site, pages: &[&str]) {
    let missing: Vec<&&str> = pages.iter().filter(|p| !exists(site, p)).collect();
    assert!(
        missing.is_empty(),
        "missing pages {missing:?}; the output has:\n{}",
        list_files(&site.public()).join("\n")
    );
}

#[track_caller]
fn assert_has(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(haystack.contains(n), "{n:?} not found in:\n{haystack}");
    }
}

/// The entry pages linked from `el`, as `kind/slug`, in order, once each.
fn entry_links(hrefs: &[String], base: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in hrefs {
        let Some(rest) = h.strip_prefix(base) else {
            continue;
        };
        let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
        if parts.len() == 2
            && ["umkm", "koperasi", "pkl"].contains(&parts[0])
            && parts[1] != "halaman"
        {
            let e = parts.join("/");
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

#[test]
fn can_write_every_page_of_the_output_table() {
    let site = full(&[]);
    assert_pages(
        &site,
        &[
            "index.html",
            "umkm/index.html",
            "umkm/halaman/2/index.html",
            "umkm/halaman/3/index.html",
            "koperasi/index.html",
            "pkl/index.html",
            "pkl/halaman/2/index.html",
            "umkm/warung-lengkap/index.html",
            "umkm/warung-tutup/index.html",
            "umkm/anyaman-pandan/index.html",
            "umkm/boneka-rajut/index.html",
            "umkm/catering-ibu/index.html",
            "koperasi/koperasi-masjid-al-ikhlas/index.html",
            "koperasi/ksp-rawalumbu/index.html",
            "pkl/nasi-goreng-malam-pak-darto/index.html",
            "pkl/kerak-telor-bang-madi/index.html",
            "pkl/es-selendang/index.html",
            "kategori/kuliner/index.html",
            "kategori/kuliner/halaman/2/index.html",
            "kategori/kerajinan/index.html",
            "kategori/keuangan/index.html",
            "kecamatan/bekasi-timur/index.html",
            "kecamatan/rawalumbu/index.html",
            "kecamatan/medansatria/index.html",
            "program/opop/index.html",
            "program/koperasi-masjid/index.html",
            "program/pelatihan-digital/index.html",
            "acara/bazaar-ramadhan/index.html",
            "acara/expo-kriya/index.html",
            "tentang/index.html",
            "sitemap.xml",
            "robots.txt",
            "404.html",
        ],
    );
    // Clean URLs only: no page lives at `x.html` except 404.html.
    for f in html_files(&site.public()) {
        assert!(
            f == "404.html" || f.ends_with("/index.html") || f == "index.html",
            "not a clean URL: {f}"
        );
    }
    // No page past the last one.
    assert!(!exists(&site, "umkm/halaman/4/index.html"));
    assert!(
        !exists(&site, "umkm/halaman/1/index.html"),
        "page 1 is /umkm/ itself"
    );
    // Every entry is linked from the listing of its kind with its clean URL.
    let doc = site.html("umkm/index.html");
    assert!(
        links(&doc).iter().any(|h| h == "/kota/umkm/halaman/2/"),
        "no link to page 2"
    );

    let robots = site.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://uji.example.go.id/kota/sitemap.xml"),
        "{robots}"
    );
    let notfound = site.html("404.html");
    assert!(
        body_text(&notfound).contains("tidak ditemukan"),
        "{}",
        body_text(&notfound)
    );
    // The 404 page is served at any depth: its links must be root-relative.
    for h in links(&notfound)
        .iter()
        .chain(&attrs(&notfound, "link[href]", "href"))
    {
        assert!(
            h.starts_with("/kota/") || h.starts_with("https://") || h.starts_with('#'),
            "404.html links {h}"
        );
    }
}

#[test]
fn can_build_the_sample_site() {
    let site = Site::sample();
    let run = site.build(&[]);
    run.ok();
    assert_pages(
        &site,
        &[
            "index.html",
            "umkm/index.html",
            "umkm/halaman/2/index.html",
            "koperasi/index.html",
            "pkl/index.html",
            "umkm/keripik-tempe-bu-sri/index.html",
            "pkl/kerak-telor-bang-madi/index.html",
            "kategori/kuliner/index.html",
            "kecamatan/bekasi-timur/index.html",
            "program/koperasi-masjid/index.html",
            "acara/bazaar-ramadhan-2026/index.html",
            "tentang/index.html",
            "kontak/index.html",
            "sitemap.xml",
            "robots.txt",
            "404.html",
        ],
    );
    // The kind folder names the kind; sub-folders do not reach the URL.
    assert!(!exists(
        &site,
        "umkm/bekasi-timur/keripik-tempe-bu-sri/index.html"
    ));
    let doc = site.html("umkm/keripik-tempe-bu-sri/index.html");
    let text = body_text(&doc);
    assert_has(
        &text,
        &["Keripik Tempe Bu Sri", "Rp 15.000", "0812-3456-7001"],
    );
    assert!(links(&doc).iter().any(|h| h == "tel:+6281234567001"));
    assert!(links(&doc)
        .iter()
        .any(|h| h == "https://wa.me/6281234567001"));
}

#[test]
fn can_show_counts_featured_and_latest_on_the_home_page() {
    let site = full(&[]);
    let doc = site.html("index.html");
    // Counts by kind, each on a link to its listing.
    for (url, count) in [
        ("/kota/umkm/", "5"),
        ("/kota/koperasi/", "2"),
        ("/kota/pkl/", "3"),
    ] {
        let found = doc
            .select(&sel("a[href]"))
            .filter(|a| a.value().attr("href") == Some(url))
            .any(|a| {
                text_of(a)
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|n| n == count)
            });
        assert!(found, "no link to {url} showing the count {count}");
    }
    assert!(body_text(&doc).contains("10"), "total count");

    // Featured entries, and only they, in the featured block, before the latest.
    let featured = entry_links(&links_in(section(&doc, "Usaha pilihan")), "/kota/");
    let mut sorted = featured.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["koperasi/koperasi-masjid-al-ikhlas", "umkm/warung-lengkap"]
    );
    let html = site.read("index.html");
    assert!(
        html.find("Usaha pilihan").unwrap() < html.find("Baru diperbarui").unwrap(),
        "featured first"
    );

    // Latest: newest `updated` first; entries without a date after them;
    // never one that the featured block already shows.
    let latest = entry_links(&links_in(section(&doc, "Baru diperbarui")), "/kota/");
    assert!(
        !latest.iter().any(|e| featured.contains(e)),
        "an entry in both sections: {latest:?}"
    );
    assert_eq!(
        latest[..3],
        [
            "umkm/anyaman-pandan",
            "umkm/catering-ibu",
            "umkm/warung-tutup"
        ],
        "latest order: {latest:?}"
    );
    assert!(!latest.iter().any(|e| e.contains("draf")), "{latest:?}");
}

#[test]
fn can_show_what_a_resident_needs_on_an_entry_page() {
    let site = full(&[]);
    let doc = site.html("umkm/warung-lengkap/index.html");
    let text = body_text(&doc);
    let hrefs = links(&doc);
    let has_link = |h: &str| hrefs.iter().any(|x| x == h);

    assert_eq!(
        doc.select(&sel("h1")).map(text_of).collect::<Vec<_>>(),
        ["Warung Lengkap Bu Tini"]
    );
    // Phone shown as residents read it, linked as +62; WhatsApp as a chat.
    assert!(has_link("tel:+6281234567890"), "{hrefs:?}");
    assert!(text.contains("0812-3456-7890"), "phone shown as 0812-…");
    assert!(has_link("https://wa.me/6281234567891"), "{hrefs:?}");
    assert!(has_link("mailto:warung.tini@example.com"));
    assert!(has_link("https://warungtini.example.com/"));
    assert!(has_link("https://www.instagram.com/warungtini"));
    assert!(has_link("https://www.facebook.com/warungtini"));
    assert!(has_link("https://www.tiktok.com/@warungtini"));
    assert!(has_link("https://www.tokopedia.com/warungtini"));
    assert!(has_link("https://shopee.co.id/warungtini"));
    // Address, district (matched through an alias) and village.
    assert_has(
        &text,
        &["Jl. Cut Mutia No. 17", "Bekasi Timur", "Durenjaya"],
    );
    assert!(has_link("/kota/kecamatan/bekasi-timur/"));
    assert!(has_link("/kota/kategori/kuliner/"));
    // OpenStreetMap link at the entry's position.
    let osm = hrefs
        .iter()
        .find(|h| h.starts_with("https://www.openstreetmap.org/"))
        .expect("an OpenStreetMap link");
    assert!(osm.contains("-6.2337") && osm.contains("107.0212"), "{osm}");

    // Opening hours: every day, the night stall's hours past midnight, a closed day.
    let rows: Vec<String> = doc.select(&sel("table tr")).map(text_of).collect();
    let row = |day: &str| {
        rows.iter()
            .find(|r| r.starts_with(day))
            .unwrap_or_else(|| panic!("no {day} row in {rows:?}"))
            .clone()
    };
    assert!(
        row("Senin").contains("08.00") && row("Senin").contains("16.00"),
        "{rows:?}"
    );
    let saturday = row("Sabtu");
    assert!(
        saturday.contains("18.00") && saturday.contains("02.00"),
        "{saturday}"
    );
    assert!(
        saturday.contains("tengah malam"),
        "overnight not marked: {saturday}"
    );
    assert!(row("Minggu").contains("Tutup"), "{rows:?}");
    assert!(!row("Jumat").contains("tengah malam"));

    // Products with rupiah prices, units and the product picture.
    assert_has(
        &text,
        &[
            "Nasi Uduk Komplet",
            "Rp 15.000",
            "porsi",
            "Keripik Tempe Jumbo",
            "Rp 1.250.000",
            "Teh Manis",
        ],
    );
    assert!(text.contains("semur jengkol"), "product description");
    assert!(attrs(&doc, "img", "src")
        .iter()
        .any(|s| s.starts_with("/kota/media/umkm/bekasi-timur/produk-keripik-")));
    // Certification badges, QRIS, business data.
    assert_has(
        &text,
        &[
            "Halal",
            "PIRT",
            "2063275010017-27",
            "BPOM",
            "SNI",
            "Sertifikat Higiene",
            "Menerima QRIS",
        ],
    );
    assert_has(&text, &["9120301234501", "10794", "56103", "2012", "mikro"]);
    // Awards, programmes, events, tags.
    assert_has(
        &text,
        &[
            "2024",
            "Anugerah UMKM Kota Uji",
            "Juara 1 Kuliner",
            "Festival Jajanan",
            "Terfavorit",
        ],
    );
    assert!(has_link("/kota/program/opop/") && has_link("/kota/program/pelatihan-digital/"));
    assert!(has_link("/kota/acara/bazaar-ramadhan/"));
    assert_has(&text, &["nasi uduk", "sarapan"]);
    // Description Markdown rendered.
    assert!(doc
        .select(&sel("strong"))
        .any(|s| text_of(s) == "legendaris"));
    // When the office verified it.
    assert!(text.contains("15 September 2026"), "verified date: {text}");
    assert!(
        !text.contains("Tutup permanen"),
        "an open business is not marked closed"
    );
}

#[test]
fn can_mark_a_closed_business_and_keep_it_listed() {
    let site = full(&[]);
    let text = body_text(&site.html("umkm/warung-tutup/index.html"));
    assert!(text.contains("Tutup permanen"), "{text}");
    // Still listed with the others of its kind and category.
    let mut listed = Vec::new();
    for page in [
        "umkm/index.html",
        "umkm/halaman/2/index.html",
        "umkm/halaman/3/index.html",
    ] {
        listed.extend(entry_links(&links(&site.html(page)), "/kota/"));
    }
    assert!(
        listed.contains(&"umkm/warung-tutup".to_string()),
        "{listed:?}"
    );
    let mut by_category = Vec::new();
    for page in [
        "kategori/kuliner/index.html",
        "kategori/kuliner/halaman/2/index.html",
        "kategori/kuliner/halaman/3/index.html",
    ] {
        by_category.extend(entry_links(&links(&site.html(page)), "/kota/"));
    }
    assert!(
        by_category.contains(&"umkm/warung-tutup".to_string()),
        "{by_category:?}"
    );
}

#[test]
fn can_show_cooperative_and_vendor_details() {
    let site = full(&[]);
    let doc = site.html("koperasi/koperasi-masjid-al-ikhlas/index.html");
    let text = body_text(&doc);
    assert_has(
        &text,
        &[
            "AHU-0001234.AH.01.29.TAHUN 2021",
            "simpan pinjam",
            "312",
            "Masjid Al-Ikhlas",
            "Notaris Siti Aminah SH",
            "4 Maret 2021",
            "Syariah",
        ],
    );
    assert!(attrs(&doc, "img", "src")
        .iter()
        .any(|s| s.starts_with("/kota/media/koperasi/logo-koperasi-")));

    let doc = site.html("pkl/nasi-goreng-malam-pak-darto/index.html");
    let text = body_text(&doc);
    assert_has(
        &text,
        &[
            "Tenda",
            "Setiap malam kecuali Senin.",
            "Nasi Goreng Kambing",
            "Rp 25.000",
        ],
    );
    assert!(links(&doc)
        .iter()
        .any(|h| h == "https://wa.me/6281234567302"));
    let tuesday = doc
        .select(&sel("table tr"))
        .map(text_of)
        .find(|r| r.starts_with("Selasa"))
        .expect("Selasa row");
    assert!(
        tuesday.contains("18.00") && tuesday.contains("02.00") && tuesday.contains("tengah malam"),
        "{tuesday}"
    );
}

#[test]
fn can_paginate_listings() {
    let site = full(&[]);
    let mut seen = Vec::new();
    for (page, next) in [
        ("umkm/index.html", Some("/kota/umkm/halaman/2/")),
        ("umkm/halaman/2/index.html", Some("/kota/umkm/halaman/3/")),
        ("umkm/halaman/3/index.html", None),
    ] {
        let doc = site.html(page);
        let here = entry_links(&links(&doc), "/kota/");
        let on_page: Vec<&String> = here.iter().filter(|e| e.starts_with("umkm/")).collect();
        // Cards only: the menus link no entry.
        assert!(
            on_page.len() <= 2,
            "{page}: more than paginate entries: {on_page:?}"
        );
        seen.extend(on_page.into_iter().cloned());
        if let Some(next) = next {
            assert!(
                links(&doc).iter().any(|h| h == next),
                "{page} does not link {next}"
            );
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "umkm/anyaman-pandan",
            "umkm/boneka-rajut",
            "umkm/catering-ibu",
            "umkm/warung-lengkap",
            "umkm/warung-tutup"
        ],
        "every published entry exactly once across the pages"
    );
    // A district listing is paginated the same way.
    let d1 = entry_links(
        &links(&site.html("kecamatan/rawalumbu/index.html")),
        "/kota/",
    );
    let d2 = entry_links(
        &links(&site.html("kecamatan/rawalumbu/halaman/2/index.html")),
        "/kota/",
    );
    assert_eq!(d1.len() + d2.len(), 4, "{d1:?} {d2:?}");
}

#[test]
fn can_show_a_programme_with_its_target_progress_and_every_entry() {
    let site = full(&[]);
    let doc = site.html("program/opop/index.html");
    // The fixture pages by 2: the third entry is on the showcase's page 2.
    let page2 = site.html("program/opop/halaman/2/index.html");
    let text = body_text(&doc) + &body_text(&page2);
    assert!(text.contains("One Pesantren One Product"));
    assert!(
        text.contains("300") && text.contains("600"),
        "progress 300 of 600: {text}"
    );
    assert!(text.contains("2026"), "target year");
    // FORMAT.md: "A programme page lists every entry that names it, with
    // their products" (the OPOP showcase); these fit on its first page, the
    // showcase is paged like a listing.
    let mut entries = entry_links(&links(&doc), "/kota/");
    entries.extend(entry_links(&links(&page2), "/kota/"));
    entries.dedup();
    let mut sorted = entries.clone();
    sorted.retain(|e| !e.starts_with("koperasi/")); // none here anyway
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "umkm/anyaman-pandan",
            "umkm/boneka-rajut",
            "umkm/warung-lengkap"
        ],
        "on /program/opop/"
    );
    assert_has(
        &text,
        &[
            "Tas Pandan",
            "Tikar Pandan",
            "Boneka Beruang Rajut",
            "Nasi Uduk Komplet",
            "Keripik Tempe Jumbo",
            "Teh Manis",
        ],
    );

    // Without `achieved`, the achievement is the number of entries naming it.
    let text = body_text(&site.html("program/koperasi-masjid/index.html"));
    let progress: Vec<&str> = text.split_whitespace().collect();
    assert!(
        progress
            .windows(3)
            .any(|w| w[0] == "2" && w[1] == "dari" && w[2] == "10"),
        "2 of 10: {text}"
    );
}

#[test]
fn can_show_event_participants_with_their_products() {
    let site = full(&[]);
    let doc = site.html("acara/bazaar-ramadhan/index.html");
    // Paged by 2, like a listing.
    let page2 = site.html("acara/bazaar-ramadhan/halaman/2/index.html");
    let text = body_text(&doc) + &body_text(&page2);
    assert_has(
        &text,
        &[
            "Bazaar Ramadhan Uji",
            "Alun-Alun Kota Uji",
            "23 Februari 2026",
            "15 Maret 2026",
        ],
    );
    let mut parts = entry_links(&links(&doc), "/kota/");
    parts.extend(entry_links(&links(&page2), "/kota/"));
    parts.sort();
    parts.dedup();
    assert_eq!(
        parts,
        [
            "koperasi/koperasi-masjid-al-ikhlas",
            "pkl/nasi-goreng-malam-pak-darto",
            "umkm/anyaman-pandan",
            "umkm/warung-lengkap"
        ]
    );
    assert_has(
        &text,
        &[
            "Nasi Goreng Kambing",
            "Rp 25.000",
            "Tas Pandan",
            "Rp 85.000",
            "Nasi Uduk Komplet",
            "Rp 15.000",
        ],
    );
    assert!(
        links(&doc).iter().any(|h| h == "/kota/program/opop/"),
        "the event's programme"
    );
    assert!(
        links(&doc)
            .iter()
            .any(|h| h.starts_with("https://www.openstreetmap.org/")),
        "map link"
    );
}

#[test]
fn can_leave_drafts_out_unless_asked() {
    let site = full(&[]);
    assert!(!exists(&site, "umkm/draf-rahasia/index.html"));
    for f in list_files(&site.public()) {
        let text = output_text(&site.public().join(&f));
        assert!(
            !text.contains("draf-rahasia") && !text.contains("Draf Usaha Baru"),
            "the draft shows in {f}"
        );
    }

    let run = site.build(&["--drafts"]);
    run.ok();
    assert!(exists(&site, "umkm/draf-rahasia/index.html"));
    assert!(body_text(&site.html("umkm/draf-rahasia/index.html")).contains("Draf Usaha Baru"));
    assert!(site
        .read("sitemap.xml")
        .contains("/kota/umkm/draf-rahasia/"));
    assert!(run.stdout.contains("11 entries"), "{}", run.stdout);
}

/// Every text value under a `private` key of a YAML value.
fn private_values(v: &serde_yaml::Value, under_private: bool, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                let private = under_private || k.as_str() == Some("private");
                private_values(v, private, out);
            }
        }
        serde_yaml::Value::Sequence(s) => {
            s.iter().for_each(|v| private_values(v, under_private, out))
        }
        serde_yaml::Value::String(s) if under_private => out.push(s.clone()),
        serde_yaml::Value::Number(n) if under_private => out.push(n.to_string()),
        _ => {}
    }
}

#[test]
fn can_keep_private_values_out_of_every_file() {
    for (name, site) in [("full", Site::fixture("full")), ("sample", Site::sample())] {
        if name == "full" {
            // Written inline too (check warns of it): still never published.
            site.edit(
                "content/umkm/bekasi-timur/warung-tutup.md",
                "status: tutup\n",
                "status: tutup\nprivate: { nik: RAHASIA-INLINE-NIK-0001 }\n",
            );
        }
        site.build(&["--drafts"]).ok();
        let mut secrets = Vec::new();
        // What import keeps aside in pribadi/: every value is private.
        for f in list_files(&site.root().join("pribadi")) {
            let text = fs::read_to_string(site.root().join("pribadi").join(&f)).unwrap();
            if let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(&text) {
                private_values(&v, true, &mut secrets);
            }
        }
        for f in list_files(&site.root().join("content")) {
            let text = fs::read_to_string(site.root().join("content").join(&f)).unwrap_or_default();
            let yaml = if f.ends_with(".md") {
                text.strip_prefix("---")
                    .and_then(|t| t.split_once("\n---"))
                    .map(|(fm, _)| fm.to_string())
            } else if f.ends_with(".yaml") {
                Some(text)
            } else {
                None
            };
            if let Some(v) = yaml.and_then(|y| serde_yaml::from_str::<serde_yaml::Value>(&y).ok()) {
                private_values(&v, false, &mut secrets);
            }
        }
        secrets.retain(|s| s.len() >= 6);
        assert!(
            secrets.len() >= 5,
            "{name}: private values not found: {secrets:?}"
        );
        for f in list_files(&site.public()) {
            let text = output_text(&site.public().join(&f));
            for s in &secrets {
                assert!(
                    !text.contains(s.as_str()),
                    "{name}: private value {s:?} written to {f}"
                );
            }
            assert!(
                !text.contains("RAHASIA"),
                "{name}: private value written to {f}"
            );
        }
    }
}

const OVERRIDE: &str = r#"{% extends "base.html" %}
{% block content %}<article id="site-override"><h1>Halaman situs: {{ content.title }}</h1>{{ content.body_html | safe }}</article>{% endblock content %}
"#;

#[test]
fn can_override_one_template_from_the_site_theme() {
    // The default theme's name: the site's file replaces the built-in one.
    let site = Site::fixture("full");
    site.write("themes/default/templates/page.html", OVERRIDE);
    site.build(&[]).ok();
    let doc = site.html("tentang/index.html");
    let art = doc
        .select(&sel("#site-override"))
        .next()
        .expect("the site's page.html is used");
    assert!(text_of(art).contains("Halaman situs: Tentang Direktori"));
    assert!(text_of(art).contains("Dinas Uji"));
    // Every other template still comes from the default theme.
    let entry = site.html("umkm/warung-lengkap/index.html");
    assert!(entry.select(&sel("#site-override")).next().is_none());
    assert!(
        links(&entry).iter().any(|h| h == "tel:+6281234567890"),
        "entry.html is the default one"
    );
    assert!(body_text(&site.html("index.html")).contains("Usaha pilihan"));
    assert!(
        exists(&site, "assets/etalase.css"),
        "the default theme's static files"
    );

    // A theme of another name, chosen in site.yaml.
    let site = Site::fixture("full");
    site.edit("site.yaml", "theme: default", "theme: kota");
    site.write("themes/kota/templates/page.html", OVERRIDE);
    site.write("themes/kota/static/assets/extra.txt", "tema kota");
    site.build(&[]).ok();
    assert!(site
        .html("tentang/index.html")
        .select(&sel("#site-override"))
        .next()
        .is_some());
    assert!(site
        .html("en/tentang/index.html")
        .select(&sel("#site-override"))
        .next()
        .is_some());
    let entry = site.html("umkm/warung-lengkap/index.html");
    assert!(entry.select(&sel("#site-override")).next().is_none());
    assert!(links(&entry).iter().any(|h| h == "tel:+6281234567890"));
    assert_eq!(site.read("assets/extra.txt"), "tema kota");
    assert!(exists(&site, "assets/etalase.css"));
}

#[test]
fn the_stylesheet_is_joined_from_parts_a_site_theme_can_replace() {
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let default_css = site.read("assets/etalase.css");
    let default_href = attrs(&site.html("index.html"), "link[rel=stylesheet]", "href");
    assert!(default_css.contains(".card-top{"), "the cards' part is in");
    assert!(
        default_css.contains("--kind-koperasi:"),
        "the tokens are in"
    );
    assert!(
        !exists(&site, "assets/etalase.css.d/10-base.css"),
        "the parts are not published one by one"
    );

    // One part replaced, one added: both in the one file, in name order.
    site.write(
        "themes/default/static/assets/etalase.css.d/50-cards.css",
        ".card{outline:1px solid red}",
    );
    site.write(
        "themes/default/static/assets/etalase.css.d/55-kota.css",
        ".kota{color:red}\n",
    );
    site.write(
        "themes/default/static/assets/etalase.css.d/CATATAN.txt",
        "x",
    );
    site.build(&[]).ok();
    let css = site.read("assets/etalase.css");
    assert!(!css.contains(".card-top{"), "the default part is replaced");
    let (cards, kota) = (
        css.find(".card{outline").expect("the site's part"),
        css.find(".kota{").expect("the added part"),
    );
    assert!(css.find("--kind-umkm:").unwrap() < cards && cards < kota);
    assert!(css.contains(".card{outline:1px solid red}\n"));
    let href = attrs(&site.html("index.html"), "link[rel=stylesheet]", "href");
    assert_ne!(href, default_href, "a new version in the address");
    assert!(!exists(&site, "assets/etalase.css.d/CATATAN.txt"));

    // A whole file wins over the parts.
    site.write("themes/default/static/assets/etalase.css", "body{}");
    site.build(&[]).ok();
    assert_eq!(site.read("assets/etalase.css"), "body{}");
}

#[test]
fn templates_name_the_theme_files_they_link_and_a_missing_one_stops_the_build() {
    // A script of the site's theme, by its own name: linked with a version.
    let site = Site::fixture("full");
    site.write("themes/default/static/assets/kota.js", "1;");
    site.write(
        "themes/default/templates/page.html",
        r#"{% extends "base.html" %}{% block head %}<script id="kota" src="{{ asset(path="assets/kota.js") }}"></script>{% endblock head %}"#,
    );
    site.build(&[]).ok();
    let src = attrs(&site.html("tentang/index.html"), "#kota", "src");
    assert_eq!(src.len(), 1);
    assert!(src[0].starts_with("/kota/assets/kota.js?v="), "{src:?}");

    // Renamed on disk but not in the template: an error naming it.
    let site = Site::fixture("full");
    site.write(
        "themes/default/templates/page.html",
        r#"{% extends "base.html" %}{% block head %}<script src="{{ asset(path="assets/hilang.js") }}"></script>{% endblock head %}"#,
    );
    let run = site.build(&[]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("assets/hilang.js"), "{}", run.stderr);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
}

#[test]
fn can_take_ui_strings_from_the_site_theme() {
    // A site's i18n/CODE.yaml changes the strings it names; the others
    // still come from the built-in file.
    let site = Site::fixture("full");
    site.write(
        "themes/default/i18n/en.yaml",
        "featured: Our picks this month\n",
    );
    site.build(&[]).ok();
    let home = body_text(&site.html("en/index.html"));
    assert!(home.contains("Our picks this month"), "{home}");
    assert!(
        home.contains("Recently updated"),
        "the other strings stay: {home}"
    );
    assert!(
        body_text(&site.html("index.html")).contains("Usaha pilihan"),
        "the Indonesian pages are unchanged"
    );
}

#[test]
fn can_copy_the_site_static_folder_and_entry_pictures() {
    let site = full(&[]);
    let fx = site.root();
    // static/ is published as it is.
    for (out, src) in [
        ("unduh/brosur.txt", "static/unduh/brosur.txt"),
        ("img/spanduk.png", "static/img/spanduk.png"),
    ] {
        let got = fs::read(site.public().join(out)).unwrap_or_else(|e| panic!("{out}: {e}"));
        assert_eq!(
            got,
            fs::read(fx.join(src)).unwrap(),
            "{out} is not a copy of {src}"
        );
    }
    // An entry's pictures are made again (their widths), never copied:
    // the originals are not published.
    let published = list_files(&site.public());
    for original in [
        "media/umkm/bekasi-timur/logo-warung-lengkap.png",
        "media/umkm/bekasi-timur/foto warung 1.png",
        "media/koperasi/logo-koperasi.png",
    ] {
        assert!(!published.iter().any(|f| f == original), "{original}");
        let stem = original.trim_end_matches(".png");
        let widths: Vec<&String> = published
            .iter()
            .filter(|f| f.starts_with(&format!("{stem}-")))
            .collect();
        assert!(!widths.is_empty(), "{original}: {published:?}");
        for w in widths {
            let bytes = fs::read(site.public().join(w)).unwrap();
            image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{w}: {e}"));
        }
    }
    // The logo is shown on the entry page and on its card, by its widths.
    let is_logo = |s: &String| s.starts_with("/kota/media/umkm/bekasi-timur/logo-warung-lengkap-");
    assert!(
        attrs(&site.html("umkm/warung-lengkap/index.html"), "img", "src")
            .iter()
            .any(is_logo)
    );
    assert!(attrs(&site.html("index.html"), "img", "src")
        .iter()
        .any(is_logo));
    // Pictures from the entry's folder and from static/, names percent-encoded.
    let imgs = attrs(&site.html("umkm/warung-lengkap/index.html"), "img", "src");
    assert!(
        imgs.iter()
            .any(|s| s.starts_with("/kota/media/umkm/bekasi-timur/foto%20warung%201-")),
        "{imgs:?}"
    );
    assert!(
        imgs.iter()
            .any(|s| s.starts_with("/kota/media/static/img/spanduk-")),
        "{imgs:?}"
    );
    // Nothing from content/ is copied but the pictures entries name.
    assert!(!published
        .iter()
        .any(|f| f.ends_with(".md") || f.ends_with(".yaml")));
}

#[test]
fn can_write_the_second_language_under_its_code() {
    let site = full(&[]);
    assert_pages(
        &site,
        &[
            "en/index.html",
            "en/umkm/index.html",
            "en/umkm/halaman/2/index.html",
            "en/umkm/warung-lengkap/index.html",
            "en/kategori/kuliner/index.html",
            "en/kecamatan/rawalumbu/index.html",
            "en/program/opop/index.html",
            "en/acara/bazaar-ramadhan/index.html",
            "en/tentang/index.html",
        ],
    );
    let id = site.html("umkm/warung-lengkap/index.html");
    let en = site.html("en/umkm/warung-lengkap/index.html");
    assert_eq!(attrs(&id, "html", "lang"), ["id"]);
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    // UI strings and dates from i18n/en.yaml; the content itself unchanged.
    let text = body_text(&en);
    assert_has(
        &text,
        &[
            "Warung Lengkap Bu Tini",
            "Rp 15.000",
            "Saturday",
            "past midnight",
            "Accepts QRIS",
            "15 September 2026",
            "Cooperatives",
        ],
    );
    assert!(
        !text.contains("Sabtu") && !text.contains("Menerima QRIS"),
        "Indonesian strings on the English page"
    );
    let home = body_text(&site.html("en/index.html"));
    assert!(
        home.contains("Featured") && home.contains("Recently updated"),
        "{home}"
    );
    // English pages link English pages.
    let hrefs = links(&en);
    assert!(
        hrefs.iter().any(|h| h == "/kota/en/program/opop/"),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h == "/kota/en/kategori/kuliner/"),
        "{hrefs:?}"
    );
    // Each language names the other as an alternate.
    let alt = |doc: &scraper::Html| -> Vec<(String, String)> {
        doc.select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().into(),
                    l.value().attr("href").unwrap().into(),
                )
            })
            .collect()
    };
    for doc in [&id, &en] {
        let a = alt(doc);
        assert!(
            a.contains(&(
                "id".into(),
                "https://uji.example.go.id/kota/umkm/warung-lengkap/".into()
            )),
            "{a:?}"
        );
        assert!(
            a.contains(&(
                "en".into(),
                "https://uji.example.go.id/kota/en/umkm/warung-lengkap/".into()
            )),
            "{a:?}"
        );
    }
    // The language switch on a page leads to the same page in the other language.
    assert!(links(&id)
        .iter()
        .any(|h| h == "/kota/en/umkm/warung-lengkap/"));
    assert!(links(&en).iter().any(|h| h == "/kota/umkm/warung-lengkap/"));
}

#[test]
fn can_print_a_summary_line() {
    let site = Site::fixture("full");
    let run = site.build(&[]);
    run.ok();
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "one summary line: {:?}", run.stdout);
    let line = lines[0];
    assert!(line.contains("10 entries"), "{line}");
    for part in ["umkm 5", "koperasi 2", "pkl 3", "3 programmes", "2 events"] {
        assert!(line.contains(part), "{part:?} not in {line}");
    }
    let out = site.public().canonicalize().unwrap();
    assert!(
        line.contains(&out.display().to_string()) || line.contains("public"),
        "the output folder: {line}"
    );
    assert!(
        run.stderr.trim().is_empty(),
        "a clean build writes nothing to stderr:\n{}",
        run.stderr
    );
}

#[test]
fn can_override_the_base_url() {
    let site = Site::fixture("full");
    site.build(&["--base-url", "https://example.github.io/direktori/"])
        .ok();
    let doc = site.html("umkm/warung-lengkap/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.github.io/direktori/umkm/warung-lengkap/"]
    );
    for h in links(&doc)
        .iter()
        .chain(&attrs(&doc, "img", "src"))
        .chain(&attrs(&doc, "link[href]", "href"))
    {
        if scheme_of(h).is_none() && !h.starts_with('#') {
            assert!(
                h.starts_with("/direktori/"),
                "internal link not under /direktori/: {h}"
            );
        }
        assert!(
            !h.contains("/kota/") && !h.contains("uji.example.go.id"),
            "site.yaml's base_url still used: {h}"
        );
    }
    assert!(site
        .read("robots.txt")
        .contains("https://example.github.io/direktori/sitemap.xml"));
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.github.io/direktori/umkm/warung-lengkap/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("uji.example.go.id"));

    // A base URL without the final slash means the same.
    let site = Site::fixture("full");
    site.build(&["--base-url", "https://example.github.io/direktori"])
        .ok();
    assert!(links(&site.html("index.html"))
        .iter()
        .any(|h| h == "/direktori/umkm/"));

    // Anything but an http(s) address is a usage error.
    for bad in ["javascript:alert(1)", "ftp://example.org/", "direktori"] {
        let run = Site::fixture("full").build(&["--base-url", bad]);
        assert_eq!(
            run.code, 2,
            "--base-url {bad}: {}{}",
            run.stdout, run.stderr
        );
        assert!(
            run.stderr.contains("base-url") || run.stderr.contains("base_url"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn can_build_a_site_with_nothing_but_site_yaml() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Kosong\nbase_url: https://kosong.example/\n",
    );
    let run = site.build(&[]);
    run.ok();
    assert!(run.stdout.contains("0 entries"), "{}", run.stdout);
    assert_pages(
        &site,
        &[
            "index.html",
            "umkm/index.html",
            "koperasi/index.html",
            "pkl/index.html",
            "sitemap.xml",
            "robots.txt",
            "404.html",
        ],
    );
    assert!(!exists(&site, "umkm/halaman/2/index.html"));
    let doc = site.html("umkm/index.html");
    assert!(entry_links(&links(&doc), "/").is_empty());
    assert!(body_text(&site.html("index.html")).contains("Kosong"));
}

#[test]
fn can_make_another_language_the_default() {
    let site = Site::fixture("full");
    site.edit("site.yaml", "language: id", "language: en");
    site.edit("site.yaml", "languages: [id, en]", "languages: [en, id]");
    site.build(&[]).ok();
    assert_eq!(attrs(&site.html("index.html"), "html", "lang"), ["en"]);
    assert_eq!(attrs(&site.html("id/index.html"), "html", "lang"), ["id"]);
    assert!(body_text(&site.html("umkm/warung-lengkap/index.html")).contains("past midnight"));
    assert!(body_text(&site.html("id/umkm/warung-lengkap/index.html")).contains("tengah malam"));
    assert!(
        !exists(&site, "en/index.html"),
        "the default language has no folder of its own"
    );
}

#[test]
fn a_site_replaces_the_footer_or_one_entry_panel_alone() {
    let site = Site::fixture("minimal");
    site.write(
        "themes/default/templates/components/footer.html",
        "{% component site_footer(@site, @t, @page) -%}\n<footer class=\"kaki-kantor\">Dinas Koperasi {{ site.title }}</footer>\n{%- endcomponent site_footer %}\n",
    );
    site.write(
        "themes/default/templates/components/entry-contact.html",
        "{% component entry_contact(entry, @t) -%}\n<section class=\"kontak-sendiri\">{{ entry.name }}</section>\n{%- endcomponent entry_contact %}\n",
    );
    site.build(&[]).ok();
    let entry = site.read("umkm/warung-sari/index.html");
    assert!(
        entry.contains("<footer class=\"kaki-kantor\">Dinas Koperasi Direktori Minimal</footer>"),
        "{entry}"
    );
    assert!(
        entry.contains("<section class=\"kontak-sendiri\">Warung Sari</section>"),
        "{entry}"
    );
    assert!(
        !entry.contains("site-footer"),
        "the built-in footer is still there"
    );
    // The rest of the page is the default theme's.
    assert!(entry.contains("class=\"site-header\""), "{entry}");
    let home = site.read("index.html");
    assert!(home.contains("kaki-kantor"), "{home}");
}

/// 2026-03-01 16:30 UTC: 23.30 on the bazaar's day in WIB, already the
/// next day in WITA and WIT.
const LATE_ON_BAZAAR_DAY: &str = "1772382600";

#[test]
fn tells_time_in_the_sites_time_zone() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/umkm/warung-sari.md",
        "district: Bekasi Timur\n",
        "district: Bekasi Timur\nhours:\n  senin: \"08:00-16:00\"\n",
    );
    let ended = |site: &Site| {
        let page = site.html("acara/bazaar/index.html");
        let notice = page.select(&sel("#event-past")).next().expect("notice");
        notice.value().attr("hidden").is_none()
    };
    let offset = |site: &Site| {
        let entry = site.html("umkm/warung-sari/index.html");
        let status = entry.select(&sel("#open-status")).next().expect("status");
        status.value().attr("data-utc-offset").map(str::to_string)
    };
    site.build_env(&[], &[("SOURCE_DATE_EPOCH", LATE_ON_BAZAAR_DAY)])
        .ok();
    assert!(!ended(&site), "23.30 WIB on its last day: not over yet");
    assert_eq!(offset(&site).as_deref(), Some("420"));

    let mut zone_line = "title:".to_string();
    for (zone, minutes, label) in [
        ("Asia/Makassar", "480", "Waktu Indonesia Tengah (WITA)"),
        ("WIT", "540", "Waktu Indonesia Timur (WIT)"),
    ] {
        let line = format!("timezone: {zone}\ntitle:");
        site.edit("site.yaml", &zone_line, &line);
        zone_line = line;
        site.build_env(&[], &[("SOURCE_DATE_EPOCH", LATE_ON_BAZAAR_DAY)])
            .ok();
        assert!(ended(&site), "{zone}: already the next day");
        assert!(site.read("index.html").contains("badge ended"), "{zone}");
        assert_eq!(offset(&site).as_deref(), Some(minutes), "{zone}");
        let text = body_text(&site.html("umkm/warung-sari/index.html"));
        assert!(text.contains(label), "{zone}: {text}");
    }
}

#[test]
fn can_mark_an_ended_event_at_build_time() {
    // The tests' day is 2026-06-01; the bazaar was on 2026-03-01.
    let site = Site::fixture("minimal");
    site.build(&[]).ok();
    let page = site.html("acara/bazaar/index.html");
    let notice = page.select(&sel("#event-past")).next().expect("notice");
    assert!(
        notice.value().attr("hidden").is_none(),
        "ended, shown without JavaScript"
    );
    let home = site.read("index.html");
    assert!(
        home.contains("class=\"badge ended\">selesai"),
        "marked in the home list"
    );
    let terms = body_text(&site.html("acara/index.html"));
    assert!(terms.contains("selesai"), "{terms}");

    // Built the day before, it has not ended.
    site.build_env(&[], &[("SOURCE_DATE_EPOCH", "1772236800")])
        .ok();
    let page = site.html("acara/bazaar/index.html");
    let notice = page.select(&sel("#event-past")).next().expect("notice");
    assert!(notice.value().attr("hidden").is_some());
    assert!(!site.read("index.html").contains("badge ended"));
}

/// A certification badge, a `hasCertification`, a count on the
/// statistics page and a cell that says "granted" are claims the office
/// makes on a government site: only a certificate granted and not past
/// its last day makes them. One in process is said as such; an expired
/// one as expired; `belum` is kept for the tables and shown nowhere.
#[test]
fn only_a_certificate_held_on_the_day_is_a_badge_or_a_claim() {
    let site = Site::fixture("full");
    site.edit(
        "content/umkm/bekasi-timur/warung-lengkap.md",
        "  - halal\n  - { type: pirt, number: \"2063275010017-27\" }\n  - bpom\n  - sni\n",
        "  - { type: halal, status: Proses }\n  - { type: pirt, number: \"2063275010017-27\", valid_until: 2025-01-31 }\n  - { type: bpom, valid_until: 2099-12-31 }\n  - { type: sni, status: belum }\n",
    );
    // 2026-11-29: the P-IRT ran out in January 2025.
    site.build_env(&[], &[("SOURCE_DATE_EPOCH", "1796000000")])
        .ok();
    let page = site.html("umkm/warung-lengkap/index.html");
    let badges: Vec<String> = page.select(&sel(".badge")).map(text_of).collect();
    assert!(badges.iter().any(|b| b == "BPOM"), "{badges:?}");
    for claim in ["Halal", "PIRT", "SNI"] {
        assert!(
            !badges.iter().any(|b| b.starts_with(claim)),
            "{claim} shown as a badge: {badges:?}"
        );
    }
    let panel = text_of(section(&page, "Data usaha"));
    assert!(
        panel.contains("Halal: sedang dalam proses pengajuan, belum terbit"),
        "{panel}"
    );
    assert!(panel.contains("PIRT: masa berlaku habis"), "{panel}");
    assert!(!panel.contains("SNI"), "{panel}");
    // The card in a listing says the same.
    let mut cards = 0;
    for file in html_files(&site.public()) {
        let doc = site.html(&file);
        for card in doc
            .select(&sel("article.card"))
            .filter(|c| text_of(*c).contains("Warung Lengkap"))
        {
            cards += 1;
            let badges: Vec<String> = card.select(&sel(".badge")).map(text_of).collect();
            assert!(
                !badges.iter().any(|b| b.starts_with("Halal")),
                "{file}: {badges:?}"
            );
        }
    }
    assert!(cards > 0, "the card is listed");
    // Structured data claims only what is held.
    let ld = page
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| s.inner_html())
        .collect::<String>();
    assert!(
        ld.contains(r#"{"@type":"Certification","name":"bpom"}"#),
        "{ld}"
    );
    for name in ["halal", "pirt", "sni"] {
        assert!(
            !ld.contains(&format!(r#""name":"{name}""#)),
            "{name} in hasCertification"
        );
    }
    // The tables keep every status, for the office and for import.
    let csv = site.read("data/umkm.csv");
    let rows = crate::opendata::csv_rows(csv.trim_start_matches('\u{feff}'));
    let header = &rows[0];
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "warung-lengkap"))
        .expect("the row");
    let at = |h: &str| header.iter().position(|x| x == h).expect(h);
    let cells = row;
    assert_eq!(cells[at("halal")], "proses");
    assert_eq!(cells[at("pirt")], "2063275010017-27");
    assert_eq!(cells[at("pirt_valid_until")], "2025-01-31");
    assert_eq!(cells[at("bpom_valid_until")], "2099-12-31");
    assert_eq!(cells[at("sni")], "belum");
}

#[test]
fn a_certificate_status_is_one_the_format_knows() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/sertifikat.yaml",
        "name: Toko Sertifikat\ncategory: kuliner\ndistrict: Bekasi Timur\ncertifications:\n  - { type: halal, status: menunggu }\n  - { type: pirt, valid_until: besok }\n",
    );
    let run = site.build_in_time(&[]);
    run.fails();
    run.has(
        "content/umkm/sertifikat.yaml:5:",
        "a certificate's status must be `terbit` (granted), `proses` (applied for) or `belum` (none), found \"menunggu\"",
    );
    run.has(
        "content/umkm/sertifikat.yaml:6:",
        "a date must be written YYYY-MM-DD",
    );
}

/// The hosts that read `_headers` (Netlify, Cloudflare Pages) keep the
/// theme's versioned files for a year, and only those.
#[test]
fn tells_hosts_to_keep_the_versioned_theme_files() {
    let site = Site::sample();
    site.build(&[]).ok();
    let headers = std::fs::read_to_string(site.public().join("_headers")).unwrap();
    let rules: Vec<&str> = headers
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(rules, ["/assets/*"], "{headers}");
    assert!(headers.contains("  Cache-Control: public, max-age=31536000, immutable\n"));
    // Every page asks for the theme's files by a versioned address.
    let home = site.read("index.html");
    assert!(home.contains("/assets/etalase.css?v="), "{home}");
}
