//! Values mean what they say: a foreign phone number stays foreign, 24:00
//! only closes, a platform's field leads to that platform, HTML comments
//! in Markdown are dropped, footnote ids cannot clash with the theme's.

use crate::common::*;

/// The minimal fixture with one umkm entry: `fields` after the required
/// ones, then `body`.
fn entry_site(fields: &str, body: &str) -> Site {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/uji.md",
        &format!("---\nname: Uji\ncategory: kuliner\ndistrict: Bekasi Timur\n{fields}---\n{body}"),
    );
    site
}

#[test]
fn can_keep_a_foreign_phone_number_foreign() {
    let site = entry_site(
        "phone: \"+65 6123 4567\"\nwhatsapp: \"+1 415 555 0100\"\n",
        "",
    );
    site.build(&[]).ok();
    let page = site.read("umkm/uji/index.html");
    assert!(page.contains("href=\"tel:+6561234567\""), "{page}");
    assert!(
        page.contains("href=\"https://wa.me/14155550100\""),
        "{page}"
    );
    assert!(page.contains("+65 6123 4567"), "shown as written");
    assert!(
        !page.contains("+62 65") && !page.contains("tel:+6265"),
        "{page}"
    );
    // An Indonesian number in international form stays Indonesian.
    let site = entry_site("phone: \"+62 812-3456-7001\"\n", "");
    site.build(&[]).ok();
    assert!(site
        .read("umkm/uji/index.html")
        .contains("tel:+6281234567001"));
}

#[test]
fn errors_on_24_00_as_an_opening_time_only() {
    entry_site("hours:\n  senin: \"24:00-08:00\"\n  selasa: \"00:00-24:00\"\n", "")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:6:10: 24:00 is only a closing time; to open at midnight write 00:00, found \"24:00-08:00\"",
        ]);
}

#[test]
fn errors_on_platform_fields_that_lead_elsewhere() {
    entry_site(
        "instagram: https://evil.example/instagram.com/x\nfacebook: https://www.instagram.com/x\ntiktok: https://tiktok.com.evil.example/@x\ntokopedia: https://shopee.co.id/x\nshopee: https://shopee.co.id/toko\n",
        "",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:5:12: \"https://evil.example/instagram.com/x\" is not an address on instagram: the `instagram` field must lead to instagram.com",
        "content/umkm/uji.md:6:11: \"https://www.instagram.com/x\" is not an address on facebook: the `facebook` field must lead to facebook.com",
        "content/umkm/uji.md:7:9: \"https://tiktok.com.evil.example/@x\" is not an address on tiktok: the `tiktok` field must lead to tiktok.com",
        "content/umkm/uji.md:8:12: \"https://shopee.co.id/x\" is not an address on tokopedia: the `tokopedia` field must lead to tokopedia.com",
    ]);
}

#[test]
fn food_delivery_links_lead_to_their_own_services_only() {
    entry_site(
        "gofood: https://grab.com/x\ngrabfood: https://gofood.co.id/x\nshopeefood: https://shopee.co.id/x\n",
        "",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:5:9: \"https://grab.com/x\" is not an address on gofood: the `gofood` field must lead to gofood.co.id",
        "content/umkm/uji.md:6:11: \"https://gofood.co.id/x\" is not an address on grabfood: the `grabfood` field must lead to grab.com",
        "content/umkm/uji.md:7:13: \"https://shopee.co.id/x\" is not an address on shopeefood: the `shopeefood` field must lead to shopeefood.co.id",
    ]);
    // Their own hosts and share links pass.
    entry_site(
        "gofood: https://gofood.link/a/AbC123\ngrabfood: https://r.grab.com/g/6-x\nshopeefood: https://spf.shopee.co.id/abc\n",
        "",
    )
    .build_in_time(&[])
    .ok();
}

#[test]
fn drops_html_comments_and_prefixes_footnote_ids() {
    let site = entry_site(
        "products:\n  - { name: Kopi, description: \"Pahit[^1].\\n\\n[^1]: Sekali.\" }\n",
        "Teks <!-- catatan untuk kantor --> di sini.\n\n<!--\nblok catatan\n-->\n\nCatatan[^1].\n\n[^1]: Kaki.\n",
    );
    site.build(&[]).ok();
    let page = site.read("umkm/uji/index.html");
    assert!(
        !page.contains("catatan untuk kantor") && !page.contains("blok catatan"),
        "{page}"
    );
    assert!(page.contains("Teks"), "{page}");
    let doc = site.html("umkm/uji/index.html");
    let ids = attrs(&doc, "[id]", "id");
    assert!(ids.contains(&"fn-d-1".to_string()), "{ids:?}");
    assert!(ids.contains(&"fn-p0-1".to_string()), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids repeat on the page: {ids:?}");
}

#[test]
fn errors_on_numbers_too_large_for_any_field_in_one_run() {
    let site = Site::fixture("minimal");
    site.write(
        "content/koperasi/besar.yaml",
        "name: Besar\ncategory: kerajinan\ndistrict: Medansatria\nmembers: 99999999999999999999999999\n",
    );
    site.write(
        "content/umkm/harga.md",
        "---\nname: Harga\ncategory: kuliner\ndistrict: Bekasi Timur\nproducts:\n  - name: Kopi\n    price: -18446744073709551617\n---\n",
    );
    site.write(
        "content/umkm/tahun.md",
        "---\nname: Tahun\ncategory: kuliner\ndistrict: Bekasi Timur\nfounded: 1e400\ngeo: { lat: 1e400, lon: 107 }\n---\n",
    );
    site.build(&[]).exactly(&[
        "content/koperasi/besar.yaml:4:10: `members`: the number 99999999999999999999999999 is too large for any field; if it is an identifier (NIB, licence number), put it in quotes",
        "content/umkm/harga.md:7:12: `price`: the number -18446744073709551617 is too large for any field; if it is an identifier (NIB, licence number), put it in quotes",
        "content/umkm/tahun.md:5:10: `founded` must be a whole number, found \"1e400\"",
        "content/umkm/tahun.md:6:13: `lat` must be between -90 and 90, found a number too large to read",
    ]);
}

#[test]
fn can_show_the_progress_of_a_huge_target() {
    let site = Site::fixture("minimal");
    let max = i64::MAX;
    site.write(
        "content/program/opop.md",
        &format!(
            "---\nname: OPOP\ntarget: {{ count: {max}, label: pesantren }}\nachieved: {max}\n---\n"
        ),
    );
    site.build(&[]).ok();
    let page = site.read("program/opop/index.html");
    assert!(page.contains("value=\"100\""), "{page}");
}

#[test]
fn reports_an_unreadable_entry_once_not_again_where_it_is_named() {
    let site = Site::fixture("minimal");
    // The entry cannot be read at all; the event naming it and the entry
    // naming the unreadable programme must not add problems of their own.
    site.write(
        "content/umkm/warung-sari.md",
        "---\nname: \"Warung Sari\n---\n",
    );
    site.write("content/program/opop.md", "---\nname: [OPOP\n---\n");
    site.write(
        "content/acara/bazaar.md",
        "---\nname: Bazaar\nstart: 2026-03-01\nprograms: [opop]\nparticipants: [umkm/warung-sari]\n---\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.problems(), 2, "{}", run.stderr);
    run.lacks("bazaar.md");
}
