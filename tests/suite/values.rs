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
