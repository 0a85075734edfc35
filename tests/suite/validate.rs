//! Validation: every rule of FORMAT.md reported as `path:line:column:
//! message`, all problems of a site in one run, exit code 1 and nothing
//! written. Tests start from the `minimal` fixture and break one thing, or
//! compare a whole broken fixture (`tests/fixtures/invalid/CASE/`) with the
//! report it must give (`expected.stderr` there).

use crate::common::*;
use std::fs;
use std::path::Path;

/// The minimal fixture with `files` (path, text) written over it.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("minimal");
    for (rel, text) in files {
        site.write(rel, text);
    }
    site
}

/// A UMKM entry file: `---` on line 1, name, category and district on
/// lines 2-4, then `more` from line 5 on.
fn umkm(more: &str) -> String {
    format!("---\nname: Warung Uji\ncategory: kuliner\ndistrict: Bekasi Timur\n{more}---\n")
}

/// The minimal site plus `content/umkm/uji.md` made by `umkm(more)`.
fn umkm_site(more: &str) -> Site {
    site_with(&[("content/umkm/uji.md", &umkm(more))])
}

/// Builds `tests/fixtures/invalid/CASE` and compares stderr with its
/// `expected.stderr`. With ETALASE_BLESS=1 the file is rewritten instead:
/// review the diff before committing it.
#[track_caller]
fn check_invalid(case: &str) {
    let site = Site::fixture(&format!("invalid/{case}"));
    let run = site.build_in_time(&[]);
    let expected = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(case)
        .join("expected.stderr");
    if std::env::var_os("ETALASE_BLESS").is_some() {
        fs::write(&expected, &run.stderr_raw).unwrap();
    }
    run.fails().no_panic();
    let want = fs::read_to_string(&expected).unwrap();
    assert_eq!(
        run.stderr_raw,
        want,
        "the report differs from {}",
        expected.display()
    );
    assert!(!site.public().exists(), "a failed build wrote output");
}

// ---- whole broken sites, one per family of errors ----

#[test]
fn errors_on_invalid_entry_fields() {
    check_invalid("entry-fields");
}

#[test]
fn errors_on_missing_required_fields() {
    check_invalid("required");
}

#[test]
fn errors_on_references_that_lead_nowhere() {
    check_invalid("references");
}

#[test]
fn errors_on_bad_and_duplicate_slugs() {
    check_invalid("slugs");
}

#[test]
fn errors_on_yaml_syntax() {
    check_invalid("yaml-syntax");
}

#[test]
fn errors_on_bad_site_config_and_content_together() {
    check_invalid("site-config");
}

#[test]
fn can_build_the_minimal_fixture() {
    let site = Site::fixture("minimal");
    let run = site.build_in_time(&[]);
    run.ok().no_panic();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Built 3 entries (umkm 1, koperasi 1, pkl 1), 1 programmes, 1 events, 1 pages"
        ),
        "{}",
        run.stdout
    );
    for page in [
        "umkm/warung-sari/index.html",
        "koperasi/ksp-maju/index.html",
        "pkl/bakso-pak-kumis/index.html",
        "program/opop/index.html",
        "acara/bazaar/index.html",
        "tentang/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "no {page}");
    }
}

// ---- required fields ----

#[test]
fn errors_on_missing_field_at_the_first_line_of_the_entry() {
    let site = site_with(&[
        ("content/umkm/a.md", "---\ncategory: kuliner\ndistrict: Bekasi Timur\n---\n"),
        ("content/koperasi/b.yaml", "# comment\nname: B\ndistrict: Bekasi Timur\n"),
        (
            "content/pkl/c.yaml",
            "- name: C1\n  category: kuliner\n  district: Medansatria\n\n- name: C2\n  category: kuliner\n",
        ),
    ]);
    site.build_in_time(&[]).fails().exactly(&[
        "content/koperasi/b.yaml:1:1: missing required field `category`",
        "content/pkl/c.yaml:5:1: missing required field `district`",
        "content/umkm/a.md:1:1: missing required field `name`",
    ]);
}

#[test]
fn errors_on_missing_programme_event_and_page_fields() {
    let site = site_with(&[
        ("content/program/p.yaml", "summary: tanpa nama\n"),
        ("content/acara/e.md", "---\nname: Acara\n---\n"),
        ("content/acara/f.yaml", "- venue: Alun-alun\n"),
        ("content/halaman/h.md", "---\nslug: h\n---\nIsi.\n"),
    ]);
    site.build_in_time(&[]).fails().exactly(&[
        "content/acara/e.md:1:1: missing required field `start`",
        "content/acara/f.yaml:1:1: missing required field `name`",
        "content/acara/f.yaml:1:1: missing required field `start`",
        "content/halaman/h.md:1:1: missing required field `title`",
        "content/program/p.yaml:1:1: missing required field `name`",
    ]);
}

#[test]
fn errors_on_empty_required_text() {
    umkm_site("")
        .write(
            "content/umkm/kosong.md",
            "---\nname: \"\"\ncategory:\ndistrict: \"  \"\n---\n",
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/kosong.md:2:7: `name` must not be empty",
            "content/umkm/kosong.md:3:1: `category` must not be empty",
            "content/umkm/kosong.md:4:11: `district` must not be empty",
        ]);
}

// ---- unknown fields ----

#[test]
fn errors_on_unknown_field_with_a_suggestion() {
    umkm_site("distrct: Medansatria\nCategroy: x\nwebsit: https://a.example/\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:5:1: unknown field `distrct`: did you mean `district`?",
            "content/umkm/uji.md:6:1: unknown field `Categroy`: did you mean `category`?",
            "content/umkm/uji.md:7:1: unknown field `websit`: did you mean `website`?",
        ]);
}

#[test]
fn errors_on_unknown_field_without_a_suggestion() {
    umkm_site("warna: merah\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:5:1: unknown field `warna`; custom data goes under `extra`",
        ]);
}

#[test]
fn errors_on_fields_of_another_kind() {
    let site = umkm_site("stall: gerobak\nmembers: 20\n");
    site.write(
        "content/pkl/p.yaml",
        "name: P\ncategory: kuliner\ndistrict: Medansatria\nsharia: true\nstall: tenda\nschedule: malam\n",
    )
    .write(
        "content/koperasi/k.yaml",
        "name: K\ncategory: kuliner\ndistrict: Medansatria\nmembers: 20\nschedule: pagi\n",
    );
    site.build_in_time(&[]).fails().exactly(&[
        "content/koperasi/k.yaml:5:1: unknown field `schedule`: it is a field of street vendors (content/pkl) only",
        "content/pkl/p.yaml:4:1: unknown field `sharia`: it is a field of cooperatives (content/koperasi) only",
        "content/umkm/uji.md:5:1: unknown field `stall`: it is a field of street vendors (content/pkl) only",
        "content/umkm/uji.md:6:1: unknown field `members`: it is a field of cooperatives (content/koperasi) only",
    ]);
}

#[test]
fn errors_on_unknown_fields_inside_a_field() {
    umkm_site("products:\n  - name: Kopi\n    prise: 5000\n    warna: hitam\ngeo: {lat: 1, lng: 2}\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:7:5: unknown field `prise`: did you mean `price`?",
            "content/umkm/uji.md:8:5: unknown field `warna` in `products`; the fields here are `name`, `price`, `unit`, `image`, `description`, `halal`",
            "content/umkm/uji.md:9:6: `geo` needs both `lat` and `lon`, e.g. {lat: -6.2383, lon: 106.9756}",
            "content/umkm/uji.md:9:15: unknown field `lng`: did you mean `lon`?",
        ]);
}

#[test]
fn errors_on_unknown_fields_of_programmes_events_and_pages() {
    site_with(&[
        (
            "content/program/p.md",
            "---\nname: P\ntarget_count: 5\n---\n",
        ),
        (
            "content/acara/e.md",
            "---\nname: E\ndate: 2026-01-01\n---\n",
        ),
        ("content/halaman/h.md", "---\njudul: Tentang\n---\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/acara/e.md:1:1: missing required field `start`",
        "content/acara/e.md:3:1: unknown field `date`: did you mean `start`?",
        "content/halaman/h.md:1:1: missing required field `title`",
        "content/halaman/h.md:2:1: unknown field `judul`: did you mean `title`?",
        "content/program/p.md:3:1: unknown field `target_count`; custom data goes under `extra`",
    ]);
}

#[test]
fn errors_on_field_names_staff_write_in_indonesian_with_the_field_to_use() {
    site_with(&[(
        "content/umkm/uji.md",
        "---\nnama: Warung Uji\nkategori: kuliner\nkecamatan: Bekasi Timur\nkelurahan: Durenjaya\nalamat: Jl. Uji 1\ntelepon: \"0812-3456-7001\"\nJam Buka: 08.00-17.00\nproduk:\n  - { nama: Nasi Uduk, harga: 12000, satuan: porsi }\n---\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:1:1: missing required field `category`",
        "content/umkm/uji.md:1:1: missing required field `district`",
        "content/umkm/uji.md:1:1: missing required field `name`",
        "content/umkm/uji.md:2:1: unknown field `nama`: did you mean `name`?",
        "content/umkm/uji.md:3:1: unknown field `kategori`: did you mean `category`?",
        "content/umkm/uji.md:4:1: unknown field `kecamatan`: did you mean `district`?",
        "content/umkm/uji.md:5:1: unknown field `kelurahan`: did you mean `village`?",
        "content/umkm/uji.md:6:1: unknown field `alamat`: did you mean `address`?",
        "content/umkm/uji.md:7:1: unknown field `telepon`: did you mean `phone`?",
        "content/umkm/uji.md:8:1: unknown field `Jam Buka`: did you mean `hours`?",
        "content/umkm/uji.md:9:1: unknown field `produk`: did you mean `products`?",
    ]);
    site_with(&[(
        "content/umkm/uji.md",
        "---\nname: Warung Uji\ncategory: kuliner\ndistrict: Bekasi Timur\nproducts:\n  - { nama: Nasi Uduk, harga: 12000, satuan: porsi }\n---\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:6:3: a product needs a `name`",
        "content/umkm/uji.md:6:7: unknown field `nama`: did you mean `name`?",
        "content/umkm/uji.md:6:24: unknown field `harga`: did you mean `price`?",
        "content/umkm/uji.md:6:38: unknown field `satuan`: did you mean `unit`?",
    ]);
}

// ---- category, district, village ----

#[test]
fn can_write_kec_kecamatan_kel_and_desa_before_names() {
    site_with(&[
        (
            "content/umkm/a.md",
            "---\nname: A\ncategory: kuliner\ndistrict: Kec. Bekasi Timur\nvillage: Kel. Durenjaya\n---\n",
        ),
        (
            "content/umkm/b.md",
            "---\nname: B\ncategory: kuliner\ndistrict: KECAMATAN bekasi timur\nvillage: Desa Bekasijaya\n---\n",
        ),
        (
            "content/umkm/c.md",
            "---\nname: C\ncategory: kuliner\ndistrict: Kec Medansatria\nvillage: Kelurahan Pejuang\n---\n",
        ),
    ])
    .build_in_time(&[])
    .ok();
    site_with(&[(
        "content/umkm/a.md",
        "---\nname: A\ncategory: kuliner\ndistrict: Kec. Bekasi Timr\n---\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/a.md:4:11: unknown district \"Kec. Bekasi Timr\": did you mean \"Bekasi Timur\"?",
    ]);
}

#[test]
fn errors_on_geo_with_decimal_commas_and_hours_on_one_line_saying_how_to_write_them() {
    umkm_site("geo: -6,2337, 107,0212\nhours: Senin-Jumat 08.00-17.00\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:5:6: write `geo` as { lat: -6.2337, lon: 107.0212 }, with `lat:` and `lon:` and a point, not a comma, in each number; found \"-6,2337, 107,0212\"",
            "content/umkm/uji.md:6:8: write the hours one day per line under `hours:`, e.g. `senin: \"08:00-17:00\"` and `minggu: tutup` each on its own line; found \"Senin-Jumat 08.00-17.00\"",
        ]);
    // Unquoted in { }, the comma splits -6,2337; quoted, it stays text.
    umkm_site("geo: { lat: -6,2337, lon: \"107,0212\" }\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:5:16: a decimal comma splits the number before it: write the coordinates with a point, e.g. { lat: -6.2337, lon: 107.0212 }",
            "content/umkm/uji.md:5:27: `lon` is written with a decimal comma: write 107.0212 with a point",
        ]);
}

#[test]
fn can_match_district_ignoring_case_and_spaces_and_by_alias() {
    let item = |name: &str, district: &str, village: &str| {
        format!(
            "- name: {name}\n  category: kuliner\n  district: {district}\n  village: {village}\n"
        )
    };
    let list = [
        item("A", "medan satria", "PEJUANG"),
        item("B", "MEDANSATRIA", "kali baru"),
        item("C", "  Bekasi   Timur ", "Durenjaya"),
        item("D", "bekasi tim.", "bekasi jaya"),
        item("E", "BekasiTimur", "\"\""),
    ]
    .concat();
    site_with(&[("content/pkl/daftar.yaml", &list)])
        .build_in_time(&[])
        .ok()
        .no_panic();
}

#[test]
fn errors_on_unknown_category_district_and_village() {
    let site = umkm_site("village: Pejuang\n");
    site.write(
        "content/umkm/b.yaml",
        "name: B\ncategory: kulinerr\ndistrict: Medansatriya\nvillage: Kalibaru\n",
    )
    .write(
        "content/umkm/c.yaml",
        "name: C\ncategory: elektronik\ndistrict: Jakarta Pusat\nvillage: Gambir\n",
    )
    .write(
        "content/umkm/d.yaml",
        "name: D\ncategory: kuliner\ndistrict: Medansatria\nvillage: Kalibaruu\n",
    );
    site.build_in_time(&[]).fails().exactly(&[
        "content/umkm/b.yaml:2:11: unknown category \"kulinerr\": did you mean `kuliner`?",
        "content/umkm/b.yaml:3:11: unknown district \"Medansatriya\": did you mean \"Medansatria\"?",
        "content/umkm/c.yaml:2:11: unknown category \"elektronik\"; categories are listed in site.yaml",
        "content/umkm/c.yaml:3:11: unknown district \"Jakarta Pusat\"; districts are listed in site.yaml",
        "content/umkm/d.yaml:4:10: \"Kalibaruu\" is not a village (kelurahan) of Medansatria: did you mean \"Kalibaru\"?",
        // Pejuang is a village of Medansatria, not of Bekasi Timur.
        "content/umkm/uji.md:5:10: \"Pejuang\" is not a village (kelurahan) of Bekasi Timur",
    ]);
}

#[test]
fn errors_on_unknown_event_district() {
    site_with(&[(
        "content/acara/e.yaml",
        "name: E\nstart: 2026-01-01\ndistrict: Medan Satriya\nvenue: Alun-alun\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&["content/acara/e.yaml:3:11: unknown district \"Medan Satriya\": did you mean \"Medansatria\"?"]);
}

// ---- geo ----

#[test]
fn errors_on_geo_out_of_range_or_malformed() {
    let site = umkm_site("geo:\n  lat: 91\n  lon: -180.5\n");
    site.write(
        "content/umkm/b.md",
        &umkm("geo: {lat: -6.2, lon: timur}\n").replace("Warung Uji", "B"),
    )
    .write(
        "content/umkm/c.md",
        &umkm("geo: \"-6.2, 106.9\"\n").replace("Warung Uji", "C"),
    )
    .write(
        "content/umkm/d.md",
        &umkm("geo:\n  lat: -6.2\n").replace("Warung Uji", "D"),
    );
    site.build_in_time(&[]).fails().exactly(&[
        "content/umkm/b.md:5:23: `lon` must be a number, found \"timur\"",
        "content/umkm/c.md:5:6: write `geo` as { lat: -6.2337, lon: 107.0212 }, with `lat:` and `lon:`; found \"-6.2, 106.9\"",
        "content/umkm/d.md:5:1: `geo` needs both `lat` and `lon`, e.g. {lat: -6.2383, lon: 106.9756}",
        "content/umkm/uji.md:6:8: `lat` must be between -90 and 90, found 91",
        "content/umkm/uji.md:7:8: `lon` must be between -180 and 180, found -180.5",
    ]);
}

#[test]
fn can_accept_geo_at_the_limits() {
    umkm_site("geo: {lat: -90, lon: 180}\n")
        .write(
            "content/umkm/b.md",
            &umkm("geo:\n  lat: \"-6.2383\"\n  lon: 106.9756\n").replace("Warung Uji", "B"),
        )
        .build_in_time(&[])
        .ok();
}

// ---- contact fields ----

#[test]
fn can_accept_phone_numbers_in_common_forms() {
    let site = umkm_site("phone: 0812-3456-789\nwhatsapp: \"+62 812 3456 789\"\n");
    site.write(
        "content/umkm/b.md",
        &umkm("phone: (021) 8834-1234\nwhatsapp: 081234567890\n").replace("Warung Uji", "B"),
    )
    .write(
        "content/umkm/c.md",
        &umkm("phone: 62.812.3456.7890\nwhatsapp: \"0812 3456 7890\"\n").replace("Warung Uji", "C"),
    );
    site.build_in_time(&[]).ok();
    let page = site.read("umkm/uji/index.html");
    assert!(page.contains("0812-3456-789"), "phone not shown as 0812-…");
    assert!(
        page.contains("tel:+628123456789"),
        "phone not linked as +62"
    );
}

#[test]
fn errors_on_bad_phone_numbers() {
    umkm_site("phone: \"0812 ABC\"\nwhatsapp: \"123\"\n")
        .write(
            "content/umkm/b.md",
            &umkm("phone: \"javascript:alert(1)\"\nwhatsapp: \"0812345678901234567\"\n")
                .replace("Warung Uji", "B"),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:8: \"javascript:alert(1)\" is not a phone number: use digits, spaces and hyphens, e.g. 0812-3456-789 or +62 812 3456 789",
            "content/umkm/b.md:6:11: \"0812345678901234567\" is not an Indonesian phone number (e.g. 0812-3456-789 or (021) 8834-1234)",
            "content/umkm/uji.md:5:8: \"0812 ABC\" is not a phone number: use digits, spaces and hyphens, e.g. 0812-3456-789 or +62 812 3456 789",
            "content/umkm/uji.md:6:11: \"123\" is not an Indonesian phone number (e.g. 0812-3456-789 or (021) 8834-1234)",
        ]);
}

#[test]
fn errors_on_bad_email() {
    umkm_site("email: warung.example.com\n")
        .write(
            "content/umkm/b.md",
            &umkm("email: \"a@b\"\n").replace("Warung Uji", "B"),
        )
        .write(
            "content/umkm/c.md",
            &umkm("email: \"<a@b.example>\"\n").replace("Warung Uji", "C"),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:8: \"a@b\" is not an e-mail address",
            "content/umkm/c.md:5:8: \"<a@b.example>\" is not an e-mail address",
            "content/umkm/uji.md:5:8: \"warung.example.com\" is not an e-mail address",
        ]);
}

#[test]
fn errors_on_web_addresses_that_are_not_http() {
    umkm_site(
        "website: javascript:alert(1)\ntokopedia: ftp://toko.example/a\nshopee: \"data:text/html,<script>x</script>\"\n",
    )
    .write(
        "content/umkm/b.md",
        &umkm("website: www.warung.example\ntokopedia: \"JavaScript:alert(1)\"\nshopee: \"https://\"\n")
            .replace("Warung Uji", "B"),
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/b.md:5:10: \"www.warung.example\" must be a web address starting with http:// or https://",
        "content/umkm/b.md:6:12: \"JavaScript:alert(1)\" must be a web address starting with http:// or https://",
        "content/umkm/b.md:7:9: \"https://\" is not a valid web address",
        "content/umkm/uji.md:5:10: \"javascript:alert(1)\" must be a web address starting with http:// or https://",
        "content/umkm/uji.md:6:12: \"ftp://toko.example/a\" must be a web address starting with http:// or https://",
        "content/umkm/uji.md:7:9: \"data:text/html,<script>x</script>\" must be a web address starting with http:// or https://",
    ]);
}

#[test]
fn can_accept_http_and_https_addresses() {
    umkm_site(
        "website: http://warung.example/\ntokopedia: https://www.tokopedia.com/warung\nshopee: HTTPS://shopee.co.id/warung\n",
    )
    .build_in_time(&[])
    .ok();
}

#[test]
fn can_accept_social_handles_and_urls() {
    let site = umkm_site(
        "instagram: \"@warung.bu_sri\"\nfacebook: https://www.facebook.com/warung\ntiktok: warungbusri\n",
    );
    site.build_in_time(&[]).ok();
    let page = site.read("umkm/uji/index.html");
    assert!(page.contains("https://www.instagram.com/warung.bu_sri"));
    assert!(page.contains("https://www.tiktok.com/@warungbusri"));
}

#[test]
fn errors_on_bad_social_handles() {
    umkm_site(
        "instagram: \"warung bu sri\"\nfacebook: javascript:alert(1)\ntiktok: \"ftp://x.example/a\"\n",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:5:12: \"warung bu sri\" must be a handle like @warungbusri or a web address starting with https://",
        "content/umkm/uji.md:6:11: \"javascript:alert(1)\" must be a handle like @warungbusri or a web address starting with https://",
        "content/umkm/uji.md:7:9: \"ftp://x.example/a\" must be a web address starting with http:// or https://",
    ]);
}

// ---- hours ----

#[test]
fn can_accept_hours_overnight_and_closed_days() {
    umkm_site(
        "hours:\n  senin: 08:00-17:00\n  selasa: \"18:00-02:00\"\n  rabu: 08.00 - 16.00\n  kamis: tutup\n  jumat: Tutup\n  sabtu: 00:00-24:00\n",
    )
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_bad_hours() {
    umkm_site(
        "hours:\n  senin: 8-17\n  selasa: \"08:00-24:30\"\n  rabu: \"09:00-09:00\"\n  kamis:\n  friday: 08:00-17:00\n  hari: libur\n",
    )
    .write(
        "content/umkm/b.md",
        &umkm("hours: \"08:00-17:00\"\n").replace("Warung Uji", "B"),
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/b.md:5:8: write the hours one day per line under `hours:`, e.g. `senin: \"08:00-17:00\"` and `minggu: tutup` each on its own line; found \"08:00-17:00\"",
        "content/umkm/uji.md:6:10: opening hours must be `HH:MM-HH:MM` or `tutup`, found \"8-17\"",
        "content/umkm/uji.md:7:11: opening hours must be `HH:MM-HH:MM` or `tutup`, found \"08:00-24:30\"",
        "content/umkm/uji.md:8:9: opening and closing time are the same in \"09:00-09:00\"; for a whole day write 00:00-24:00",
        "content/umkm/uji.md:9:3: opening hours must be `HH:MM-HH:MM` or `tutup`",
        "content/umkm/uji.md:10:3: unknown field `friday`: did you mean `jumat`? days are senin, selasa, rabu, kamis, jumat, sabtu, minggu",
        "content/umkm/uji.md:11:3: unknown field `hari` in `hours`; the fields here are `senin`, `selasa`, `rabu`, `kamis`, `jumat`, `sabtu`, `minggu`",
    ]);
}

// ---- enumerations and codes ----

#[test]
fn errors_on_values_outside_a_list_of_choices() {
    umkm_site("scale: besar\nstatus: buka\n")
        .write(
            "content/pkl/p.yaml",
            "name: P\ncategory: kuliner\ndistrict: Medansatria\nstall: becak\n",
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/pkl/p.yaml:4:8: `stall` must be one of `gerobak`, `tenda`, `kios`, `lapak`, `motor`, found \"becak\"",
            "content/umkm/uji.md:5:8: `scale` must be one of `mikro`, `kecil`, `menengah`, found \"besar\"",
            "content/umkm/uji.md:6:9: `status` must be one of `aktif`, `tutup`, found \"buka\"",
        ]);
}

#[test]
fn can_accept_every_choice() {
    let mut files = Vec::new();
    for (i, (scale, stall)) in [
        ("mikro", "gerobak"),
        ("kecil", "tenda"),
        ("menengah", "kios"),
        ("Mikro", "lapak"),
        ("KECIL", "motor"),
    ]
    .iter()
    .enumerate()
    {
        let status = if i % 2 == 0 { "aktif" } else { "tutup" };
        files.push((
            format!("content/pkl/p{i}.yaml"),
            format!("name: P{i}\ncategory: kuliner\ndistrict: Medansatria\nscale: {scale}\nstall: {stall}\nstatus: {status}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    site_with(&files).build_in_time(&[]).ok();
}

#[test]
fn errors_on_bad_nib_and_kbli() {
    umkm_site("nib: \"912030123450\"\nkbli:\n  - \"1079\"\n  - 10794\n  - \"56 103\"\n  - KBLI\n")
        .write(
            "content/umkm/b.md",
            &umkm("nib: 91203012345011\n").replace("Warung Uji", "B"),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:6: a NIB (Nomor Induk Berusaha) has 13 digits, found 91203012345011",
            "content/umkm/uji.md:5:6: a NIB (Nomor Induk Berusaha) has 13 digits, found \"912030123450\"",
            "content/umkm/uji.md:7:5: a KBLI code has 5 digits, found \"1079\"",
            "content/umkm/uji.md:10:5: a KBLI code has 5 digits, found \"KBLI\"",
        ]);
}

#[test]
fn can_accept_nib_and_kbli() {
    umkm_site("nib: \"9120301234501\"\nkbli: [\"10794\", 56103, \"01111\"]\n")
        .write(
            "content/umkm/b.md",
            &umkm("nib: 9120301234501\nkbli: \"47111\"\n").replace("Warung Uji", "B"),
        )
        .build_in_time(&[])
        .ok();
}

#[test]
fn can_accept_certifications_in_every_form() {
    umkm_site(
        "certifications:\n  - halal\n  - PIRT\n  - { type: bpom, number: \"MD 123\" }\n  - type: sni\n  - Sertifikat Higiene\n",
    )
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_bad_certifications() {
    umkm_site(
        "certifications:\n  - number: \"123\"\n  - { type: halal, nomor: \"1\" }\n  - [halal]\n  - \"\"\n",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:6:3: a certification needs a `type` (halal, pirt, bpom, sni or another name)",
        "content/umkm/uji.md:7:20: unknown field `nomor` in `certifications`; the fields here are `type`, `number`, `status`, `valid_until`",
        "content/umkm/uji.md:8:5: `certifications` must be text, found a list",
        "content/umkm/uji.md:9:5: `certifications` must not be empty",
    ]);
}

// ---- products and awards ----

#[test]
fn can_accept_prices_in_whole_rupiah() {
    let site = umkm_site(
        "products:\n  - name: Kopi\n    price: 5000\n  - name: Nasi\n    price: \"Rp 15.000\"\n  - name: Paket\n    price: \"1.250.000\"\n  - Teh Manis\n  - name: Gratis\n    price: 0\n",
    );
    site.build_in_time(&[]).ok();
    let page = site.read("umkm/uji/index.html");
    assert!(page.contains("Rp 1.250.000"), "price not shown as rupiah");
}

#[test]
fn errors_on_prices_that_are_not_whole_rupiah() {
    umkm_site(
        "products:\n  - name: A\n    price: 15.000\n  - name: B\n    price: 2500.5\n  - name: C\n    price: -100\n  - name: D\n    price: lima ribu\n  - name: E\n    price: \"15.5\"\n  - name: F\n    price: [1]\n",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:7:12: a price is a whole number of rupiah, e.g. 15000, found 15.0 (a number with a dot, like 15.000, is read as 15: write 15000 or \"Rp 15.000\")",
        "content/umkm/uji.md:9:12: a price is a whole number of rupiah, e.g. 15000, found 2500.5 (a number with a dot, like 15.000, is read as 15: write 15000 or \"Rp 15.000\")",
        "content/umkm/uji.md:11:12: a price is a whole number of rupiah, e.g. 15000, found -100",
        "content/umkm/uji.md:13:12: a price is a whole number of rupiah, e.g. 15000, found \"lima ribu\"",
        "content/umkm/uji.md:15:12: a price is a whole number of rupiah, e.g. 15000, found \"15.5\"",
        "content/umkm/uji.md:17:12: a price is a whole number of rupiah, e.g. 15000, found a list",
    ]);
}

#[test]
fn errors_on_product_without_a_name() {
    umkm_site("products:\n  - price: 5000\n  - name: \"\"\n  - 15000\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:6:3: a product needs a `name`",
            "content/umkm/uji.md:7:11: `name` must not be empty",
            "content/umkm/uji.md:8:5: a product is written with `name:` and `price:`, e.g. {name: Keripik, price: 15000}, found 15000",
        ]);
}

#[test]
fn errors_on_bad_awards() {
    umkm_site(
        "awards:\n  - year: 1700\n    title: Juara\n  - { year: 2024, prize: Emas }\n  - Juara 1\n  - year: tahun lalu\n    title: Lomba\n",
    )
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/uji.md:6:11: `year` must be between 1800 and 2200, found 1700",
        "content/umkm/uji.md:8:3: an award needs a `title`",
        "content/umkm/uji.md:9:5: `awards` must hold `field: value` lines, indented below `awards:`, found text",
        "content/umkm/uji.md:10:11: `year` must be a whole number, found \"tahun lalu\"",
    ]);
}

// ---- dates ----

#[test]
fn errors_on_dates_that_do_not_exist() {
    umkm_site("updated: 2024-02-30\nverified: 2023-02-29\n")
        .write(
            "content/umkm/b.md",
            &umkm("updated: 2024-13-01\nverified: 01-02-2024\n").replace("Warung Uji", "B"),
        )
        .write(
            "content/umkm/c.md",
            &umkm("updated: 2024-04-31\nverified: 2024-1-5\n").replace("Warung Uji", "C"),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:10: 2024-13-01 is not a date that exists",
            "content/umkm/b.md:6:11: a date must be written YYYY-MM-DD, found \"01-02-2024\"",
            "content/umkm/c.md:5:10: 2024-04-31 is not a date that exists",
            "content/umkm/c.md:6:11: a date must be written YYYY-MM-DD, found \"2024-1-5\"",
            "content/umkm/uji.md:5:10: 2024-02-30 is not a date that exists",
            "content/umkm/uji.md:6:11: 2023-02-29 is not a date that exists",
        ]);
}

#[test]
fn can_accept_leap_days() {
    umkm_site("updated: 2024-02-29\nverified: \"2000-02-29\"\n")
        .build_in_time(&[])
        .ok();
}

#[test]
fn can_accept_event_dates_and_date_times() {
    site_with(&[
        (
            "content/acara/a.yaml",
            "name: A\nstart: 2026-03-01\nend: 2026-03-03\n",
        ),
        (
            "content/acara/b.yaml",
            "name: B\nstart: 2026-03-01T08:00\nend: \"2026-03-01 21:30\"\n",
        ),
        ("content/acara/c.yaml", "name: C\nstart: 2024-02-29 19:00\n"),
        // The same day, with a time on one side only.
        (
            "content/acara/d.yaml",
            "name: D\nstart: 2026-03-01T10:00\nend: 2026-03-01\n",
        ),
        (
            "content/acara/e.yaml",
            "name: E\nstart: 2026-03-01\nend: 2026-03-01T08:00\n",
        ),
    ])
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_bad_event_dates() {
    site_with(&[
        ("content/acara/a.yaml", "name: A\nstart: 2026-02-30\n"),
        ("content/acara/b.yaml", "name: B\nstart: 2026-03-01T24:30\n"),
        (
            "content/acara/c.yaml",
            "name: C\nstart: 2026-03-02\nend: 2026-03-01T23:00\n",
        ),
        ("content/acara/d.yaml", "name: D\nstart: besok\n"),
        (
            "content/acara/e.yaml",
            "name: E\nstart: 2026-03-01T10:00\nend: 2026-02-28\n",
        ),
        (
            "content/acara/f.yaml",
            "name: F\nstart: 2026-03-01T10:00\nend: 2026-03-01T09:59\n",
        ),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/acara/a.yaml:2:8: 2026-02-30 is not a date that exists",
        "content/acara/b.yaml:2:8: \"24:30\" is not a time of day (HH:MM)",
        "content/acara/c.yaml:3:6: the event ends before it starts",
        "content/acara/d.yaml:2:8: a date must be written YYYY-MM-DD, found \"besok\"",
        "content/acara/e.yaml:3:6: the event ends before it starts",
        "content/acara/f.yaml:3:6: the event ends before it starts",
    ]);
}

// ---- programmes ----

#[test]
fn can_accept_programme_targets() {
    site_with(&[
        (
            "content/program/a.yaml",
            "name: A\ntarget: {count: 600, year: 2022, label: koperasi masjid}\nachieved: 250\n",
        ),
        (
            "content/program/b.yaml",
            "name: B\ntarget: 100\nachieved: \"1.200\"\n",
        ),
    ])
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_bad_programme_targets() {
    site_with(&[
        (
            "content/program/a.yaml",
            "name: A\ntarget:\n  count: 0\n  year: 3000\n  lebel: x\nachieved: -1\n",
        ),
        ("content/program/b.yaml", "name: B\ntarget: {year: 2022}\nachieved: banyak\n"),
        ("content/program/c.yaml", "name: C\ntarget: enam ratus\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/program/a.yaml:3:10: `count` must be at least 1, found 0",
        "content/program/a.yaml:4:9: `year` must be between 1800 and 2200, found 3000",
        "content/program/a.yaml:5:3: unknown field `lebel`: did you mean `label`?",
        "content/program/a.yaml:6:11: `achieved` must be at least 0, found -1",
        "content/program/b.yaml:2:9: a target needs a `count`, e.g. {count: 600, year: 2026, label: koperasi masjid}",
        "content/program/b.yaml:3:11: `achieved` must be a whole number, found \"banyak\"",
        "content/program/c.yaml:2:9: `target` must hold `field: value` lines, indented below `target:`, found text",
    ]);
}

#[test]
fn errors_on_unknown_programme_with_a_suggestion() {
    umkm_site("programs: [opop, opp, pelatihan]\n")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:5:18: unknown programme `opp`: did you mean `opop`?",
            "content/umkm/uji.md:5:23: unknown programme `pelatihan`; programmes are the files in content/program",
        ]);
}

#[test]
fn errors_on_references_of_an_entry_that_has_other_problems() {
    // One run reports the bad category and the unknown programme together.
    umkm_site("programs: [tidak-ada]\n")
        .edit("content/umkm/uji.md", "category: kuliner", "category: kue")
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/uji.md:3:11: unknown category \"kue\"; categories are listed in site.yaml",
            "content/umkm/uji.md:5:12: unknown programme `tidak-ada`; programmes are the files in content/program",
        ]);
}

#[test]
fn can_reference_participants_by_kind_and_slug() {
    site_with(&[(
        "content/acara/expo.md",
        "---\nname: Expo\nstart: 2026-05-01\nprograms: [opop]\nparticipants:\n  - umkm/warung-sari\n  - koperasi/ksp-maju\n  - pkl/bakso-pak-kumis\n---\n",
    )])
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_participants_that_lead_nowhere() {
    site_with(&[(
        "content/acara/expo.md",
        "---\nname: Expo\nstart: 2026-05-01\nparticipants: [warung-sari, umkm/warung-sarii, pkl/warung-sari, acara/bazaar]\n---\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/acara/expo.md:4:16: participant `warung-sari` must be written kind/slug: did you mean `umkm/warung-sari`?",
        "content/acara/expo.md:4:29: participant `umkm/warung-sarii` not found: no entry in content/umkm has the slug `warung-sarii`: did you mean `umkm/warung-sari`?",
        "content/acara/expo.md:4:48: participant `pkl/warung-sari` not found: no entry in content/pkl has the slug `warung-sari`: did you mean `umkm/warung-sari`?",
        "content/acara/expo.md:4:65: participant `acara/bazaar`: `acara` is not a kind of entry; a participant starts with umkm/, koperasi/ or pkl/",
    ]);
}

// ---- slugs ----

#[test]
fn can_take_slugs_from_file_names_names_and_slug_fields() {
    let site = site_with(&[
        (
            "content/umkm/Warung Bu Siti Ñ 🍜.md",
            &umkm("").replace("Warung Uji", "Nama Lain"),
        ),
        (
            "content/koperasi/KSP Sejahtera.yaml",
            "name: Nama Lain\ncategory: kuliner\ndistrict: Medansatria\n",
        ),
        (
            "content/pkl/daftar.yaml",
            "- name: Sate Ayam Pak Kumis 🍢\n  category: kuliner\n  district: Medansatria\n- name: Lain\n  slug: mie-ayam-2\n  category: kuliner\n  district: Medansatria\n",
        ),
    ]);
    site.build_in_time(&[]).ok();
    for page in [
        "umkm/warung-bu-siti-n/index.html",
        "koperasi/ksp-sejahtera/index.html",
        "pkl/sate-ayam-pak-kumis/index.html",
        "pkl/mie-ayam-2/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "no {page}");
    }
}

#[test]
fn errors_on_slugs_that_are_not_canonical() {
    umkm_site("slug: Warung-Uji\n")
        .write(
            "content/umkm/b.md",
            &umkm("slug: warung--b\n").replace("Warung Uji", "B"),
        )
        .write(
            "content/umkm/c.md",
            &umkm("slug: \"-c-\"\n").replace("Warung Uji", "C"),
        )
        .write(
            "content/umkm/d.md",
            &umkm("slug: \"\"\n").replace("Warung Uji", "D"),
        )
        .write(
            "content/umkm/e.md",
            &umkm("slug: café\n").replace("Warung Uji", "E"),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:7: slug \"warung--b\" must be lowercase letters, digits and single hyphens, e.g. \"warung-b\"",
            "content/umkm/c.md:5:7: slug \"-c-\" must be lowercase letters, digits and single hyphens, e.g. \"c\"",
            "content/umkm/d.md:5:7: `slug` must not be empty",
            "content/umkm/e.md:5:7: slug \"café\" must be lowercase letters, digits and single hyphens, e.g. \"cafe\"",
            "content/umkm/uji.md:5:7: slug \"Warung-Uji\" must be lowercase letters, digits and single hyphens, e.g. \"warung-uji\"",
        ]);
}

#[test]
fn errors_on_same_slug_from_composed_and_decomposed_names() {
    // "Ñ" written as one code point (NFC) and as N + combining tilde (NFD).
    let list = "- name: Warung Bu Siti \u{d1} \u{1f35c}\n  category: kuliner\n  district: Medansatria\n- name: Warung Bu Siti N\u{303} \u{1f35c}\n  category: kuliner\n  district: Medansatria\n";
    site_with(&[("content/pkl/daftar.yaml", list)])
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/pkl/daftar.yaml:1:1: duplicate slug `warung-bu-siti-n` in pkl: claimed by content/pkl/daftar.yaml:1 and content/pkl/daftar.yaml:4",
            "content/pkl/daftar.yaml:4:1: duplicate slug `warung-bu-siti-n` in pkl: claimed by content/pkl/daftar.yaml:1 and content/pkl/daftar.yaml:4",
        ]);
}

#[test]
fn errors_on_same_slug_from_composed_and_decomposed_file_names() {
    let site = site_with(&[
        ("content/umkm/caf\u{e9}.md", &umkm("")),
        (
            "content/umkm/cafe\u{301}.md",
            &umkm("").replace("Warung Uji", "B"),
        ),
    ]);
    let run = site.build_in_time(&[]);
    run.fails();
    assert_eq!(run.problems(), 2, "{}", run.stderr);
    run.has(
        "content/umkm/caf",
        "duplicate slug `cafe` in umkm: claimed by content/umkm/caf",
    );
}

#[test]
fn errors_on_duplicate_slugs_naming_both_files() {
    site_with(&[
        ("content/umkm/bekasi/warung-sari.yaml", "name: Warung Sari Dua\ncategory: kuliner\ndistrict: Bekasi Timur\n"),
        ("content/umkm/z.md", "---\nname: Z\nslug: warung-sari\ncategory: kuliner\ndistrict: Bekasi Timur\n---\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/bekasi/warung-sari.yaml:1:1: duplicate slug `warung-sari` in umkm: claimed by content/umkm/bekasi/warung-sari.yaml:1 and content/umkm/warung-sari.md:1",
        "content/umkm/bekasi/warung-sari.yaml:1:1: duplicate slug `warung-sari` in umkm: claimed by content/umkm/bekasi/warung-sari.yaml:1 and content/umkm/z.md:3",
        "content/umkm/warung-sari.md:1:1: duplicate slug `warung-sari` in umkm: claimed by content/umkm/bekasi/warung-sari.yaml:1 and content/umkm/warung-sari.md:1",
        "content/umkm/z.md:3:7: duplicate slug `warung-sari` in umkm: claimed by content/umkm/bekasi/warung-sari.yaml:1 and content/umkm/z.md:3",
    ]);
}

#[test]
fn can_use_one_slug_in_different_kinds() {
    site_with(&[
        (
            "content/koperasi/warung-sari.yaml",
            "name: K\ncategory: kuliner\ndistrict: Medansatria\n",
        ),
        (
            "content/pkl/warung-sari.md",
            "---\nname: P\ncategory: kuliner\ndistrict: Medansatria\n---\n",
        ),
        (
            "content/program/warung-sari.md",
            "---\nname: Program\n---\n",
        ),
        (
            "content/acara/warung-sari.md",
            "---\nname: Acara\nstart: 2026-01-01\n---\n",
        ),
        (
            "content/halaman/warung-sari.md",
            "---\ntitle: Halaman\n---\n",
        ),
    ])
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_reserved_slug_halaman() {
    site_with(&[
        ("content/umkm/halaman.md", &umkm("")),
        ("content/program/p.md", "---\nname: P\nslug: halaman\n---\n"),
        ("content/pkl/daftar.yaml", "- name: Halaman\n  category: kuliner\n  district: Medansatria\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/pkl/daftar.yaml:1:1: the slug `halaman` is reserved for listing pages (…/halaman/2/); choose another",
        "content/program/p.md:3:7: the slug `halaman` is reserved for listing pages (…/halaman/2/); choose another",
        "content/umkm/halaman.md:1:1: the slug `halaman` is reserved for listing pages (…/halaman/2/); choose another",
    ]);
}

#[test]
fn errors_on_page_slugs_that_clash_with_site_pages() {
    let mut files = Vec::new();
    let reserved = [
        "umkm",
        "koperasi",
        "pkl",
        "program",
        "acara",
        "kategori",
        "kecamatan",
        "media",
        "assets",
        "404",
    ];
    for slug in reserved {
        files.push((
            format!("content/halaman/{slug}.md"),
            format!("---\ntitle: Halaman {slug}\n---\n"),
        ));
    }
    files.push((
        "content/halaman/x.md".into(),
        "---\ntitle: X\nslug: kategori\n---\n".into(),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let run = site_with(&files).build_in_time(&[]);
    run.fails();
    for slug in reserved {
        run.has_line(&format!(
            "content/halaman/{slug}.md:1:1: the address /{slug}/ is used by the site itself; give this page another slug"
        ));
    }
    run.has_line("content/halaman/x.md:3:7: the address /kategori/ is used by the site itself; give this page another slug");
    run.has_line("content/halaman/x.md:3:7: duplicate slug `kategori` in halaman: claimed by content/halaman/kategori.md:1 and content/halaman/x.md:3");
}

#[test]
fn errors_on_page_slug_that_names_a_language() {
    let site = site_with(&[("content/halaman/en.md", "---\ntitle: English\n---\n")]);
    site.edit("site.yaml", "base_url:", "languages: [id, en]\nbase_url:");
    site.build_in_time(&[]).fails().exactly(&[
        "content/halaman/en.md:1:1: the address /en/ is used by the site itself; give this page another slug",
    ]);
}

// ---- drafts and private data ----

#[test]
fn can_leave_drafts_out_unless_asked() {
    let site = site_with(&[
        ("content/umkm/draf.md", &umkm("draft: true\n").replace("Warung Uji", "Usaha Draf")),
        ("content/program/program-draf.md", "---\nname: Program Draf\ndraft: true\n---\n"),
        ("content/halaman/draf.md", "---\ntitle: Halaman Draf\ndraft: true\n---\n"),
        // References to drafts are not errors.
        (
            "content/acara/expo.md",
            "---\nname: Expo\nstart: 2026-05-01\nprograms: [program-draf]\nparticipants: [umkm/draf]\n---\n",
        ),
        ("content/pkl/d.yaml", "- name: PKL Draf\n  category: kuliner\n  district: Medansatria\n  draft: true\n  programs: [program-draf]\n"),
    ]);
    let run = site.build_in_time(&[]);
    run.ok();
    assert!(run.stdout.contains("Built 3 entries"), "{}", run.stdout);
    for page in ["umkm/draf", "program/program-draf", "draf", "pkl/pkl-draf"] {
        assert!(!site.public().join(page).exists(), "draft {page} was built");
    }
    let all = list_files(&site.public());
    for file in &all {
        let bytes = fs::read(site.public().join(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for draft in ["Usaha Draf", "Program Draf", "Halaman Draf", "PKL Draf"] {
            assert!(!text.contains(draft), "{draft} is in {file}");
        }
    }

    let run = site.build_in_time(&["--drafts"]);
    run.ok();
    assert!(run.stdout.contains("Built 5 entries"), "{}", run.stdout);
    for page in ["umkm/draf", "program/program-draf", "draf", "pkl/pkl-draf"] {
        assert!(
            site.public().join(page).join("index.html").is_file(),
            "draft {page} missing with --drafts"
        );
    }
}

#[test]
fn errors_on_draft_that_is_not_true_or_false() {
    umkm_site("draft: ya\n")
        .build_in_time(&[])
        .fails()
        .exactly(&["content/umkm/uji.md:5:8: `draft` must be true or false, found \"ya\""]);
}

#[test]
fn can_keep_private_data_out_of_every_output_file() {
    let private = |n: u32| {
        format!("private:\n  nik: \"RAHASIA-{n}-NIK\"\n  hp: RAHASIA-{n}-HP\n  catatan:\n    - RAHASIA-{n}-CATATAN\n")
    };
    let site = site_with(&[
        ("content/umkm/uji.md", &umkm(&private(1))),
        (
            "content/umkm/draf.md",
            &umkm(&format!("draft: true\n{}", private(2))).replace("Warung Uji", "Draf"),
        ),
        (
            "content/koperasi/k.yaml",
            &format!(
                "name: K\ncategory: kuliner\ndistrict: Medansatria\n{}",
                private(3)
            ),
        ),
        (
            "content/pkl/daftar.yaml",
            &format!(
                "- name: P\n  category: kuliner\n  district: Medansatria\n  {}",
                private(4).replace('\n', "\n  ").trim_end()
            ),
        ),
        (
            "content/program/p.md",
            &format!("---\nname: P\n{}---\n", private(5)),
        ),
        (
            "content/acara/a.md",
            &format!("---\nname: A\nstart: 2026-01-01\n{}---\n", private(6)),
        ),
        (
            "content/halaman/h.md",
            &format!("---\ntitle: H\n{}---\n", private(7)),
        ),
    ]);
    for args in [&[][..], &["--drafts"][..]] {
        let run = site.build_in_time(args);
        run.ok();
        let files = list_files(&site.public());
        assert!(files.len() > 10, "{files:?}");
        for file in &files {
            let bytes = fs::read(site.public().join(file)).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("RAHASIA"),
                "private data in {file} (args {args:?})"
            );
        }
    }
}

#[test]
fn errors_on_private_that_is_not_a_mapping() {
    umkm_site("private: RAHASIA\n")
        .build_in_time(&[])
        .fails()
        .exactly(&["content/umkm/uji.md:5:10: `private` must hold `field: value` lines, indented below `private:`, found text"])
        .lacks("RAHASIA");
}

// ---- files and folders ----

#[test]
fn can_read_three_forms_at_any_depth() {
    let site = site_with(&[
        ("content/umkm/a/b/c/d/dalam.md", &umkm("").replace("Warung Uji", "Dalam")),
        ("content/koperasi/kota/bekasi/kop.yml", "name: Kop\ncategory: kuliner\ndistrict: Medansatria\n"),
        (
            "content/pkl/kecamatan/medansatria/semua.yaml",
            "- name: Pkl Satu\n  category: kuliner\n  district: Medansatria\n- name: Pkl Dua\n  category: kuliner\n  district: Medansatria\n",
        ),
        ("content/program/lama/2020.markdown", "---\nname: Program 2020\n---\n"),
        ("content/acara/2026/maret/list.yaml", "- name: Acara Maret\n  start: 2026-03-01\n"),
        ("content/halaman/info/kontak.md", "---\ntitle: Kontak\n---\nHubungi kami.\n"),
    ]);
    let run = site.build_in_time(&[]);
    run.ok();
    assert!(
        run.stdout.contains(
            "Built 7 entries (umkm 2, koperasi 2, pkl 3), 2 programmes, 2 events, 2 pages"
        ),
        "{}",
        run.stdout
    );
    for page in [
        "umkm/dalam/index.html",
        "koperasi/kop/index.html",
        "pkl/pkl-dua/index.html",
        "program/2020/index.html",
        "acara/acara-maret/index.html",
        "kontak/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "no {page}");
    }
}

#[test]
fn can_build_with_kind_folders_missing() {
    let site = Site::fixture("minimal");
    for kind in ["koperasi", "pkl", "program", "acara", "halaman"] {
        site.remove(&format!("content/{kind}"));
    }
    let run = site.build_in_time(&[]);
    run.ok();
    assert!(
        run.stdout
            .contains("Built 1 entries (umkm 1, koperasi 0, pkl 0)"),
        "{}",
        run.stdout
    );
}

#[test]
fn can_build_without_content_folder() {
    let site = Site::fixture("minimal");
    site.remove("content");
    site.build_in_time(&[]).ok();
}

#[test]
fn can_ignore_hidden_files_and_folders() {
    site_with(&[
        ("content/umkm/.draf-rusak.md", "---\nname: [\n---\n"),
        ("content/umkm/.git/HEAD.yaml", "garbage: [\n"),
        ("content/.hidden/x.md", "not an entry"),
        ("content/umkm/.DS_Store", "\0\0\u{1}Bud1"),
        (".git/config.yaml", "[core]"),
        ("static/.secret.yaml", "RAHASIA: 1"),
    ])
    .build_in_time(&[])
    .ok();
}

#[test]
fn can_ignore_other_files_beside_entries() {
    site_with(&[
        ("content/umkm/catatan.txt", "bukan entri"),
        ("content/umkm/foto.png", "not really a png"),
        ("content/umkm/data.json", "{"),
    ])
    .build_in_time(&[])
    .ok();
}

#[test]
fn errors_on_entry_outside_a_kind_folder() {
    site_with(&[
        ("content/tentang.md", "---\ntitle: T\n---\n"),
        ("content/toko/x.yaml", "name: X\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/tentang.md: an entry file must be inside one of content/umkm, koperasi, pkl, program, acara or halaman",
        "content/toko/x.yaml: an entry file must be inside one of content/umkm, koperasi, pkl, program, acara or halaman",
    ]);
}

#[test]
fn errors_on_description_given_twice() {
    // A field alone is fine; a field and a body is one too many.
    umkm_site("description: Deskripsi di kolom.\n")
        .write(
            "content/umkm/b.md",
            &format!("{}Deskripsi di badan.\n", umkm("description: Juga di kolom.\n").replace("Warung Uji", "B")),
        )
        .build_in_time(&[])
        .fails()
        .exactly(&[
            "content/umkm/b.md:5:1: this entry already has its description as the Markdown body below the front matter; keep one of the two",
        ]);
}

// ---- encodings and line ends ----

#[test]
fn errors_at_the_right_line_with_bom_and_crlf() {
    let md = "\u{feff}---\r\nname: A\r\ncategory: kuliner\r\ndistrict: Bekasi Timur\r\ndistrct: x\r\n---\r\nBadan.\r\n";
    let yaml =
        "\u{feff}name: B\r\ncategory: kuliner\r\ndistrict: Bekasi Timur\r\nphone: \"12\"\r\n";
    let list = "\u{feff}- name: C\r\n  category: kuliner\r\n  district: Medansatria\r\n- name: D\r\n  category: kulinr\r\n  district: Medansatria\r\n";
    site_with(&[
        ("content/umkm/a.md", md),
        ("content/umkm/b.yaml", yaml),
        ("content/pkl/c.yaml", list),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/pkl/c.yaml:5:13: unknown category \"kulinr\": did you mean `kuliner`?",
        "content/umkm/a.md:5:1: unknown field `distrct`: did you mean `district`?",
        "content/umkm/b.yaml:4:8: \"12\" is not an Indonesian phone number (e.g. 0812-3456-789 or (021) 8834-1234)",
    ]);
}

#[test]
fn errors_at_the_right_place_in_an_indented_list() {
    site_with(&[(
        "content/pkl/daftar.yaml",
        "# Daftar PKL\n  - name: A\n    category: kuliner\n    district: Medansatria\n  - name: B\n    distrct: Medansatria\n",
    )])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/pkl/daftar.yaml:5:3: missing required field `category`",
        "content/pkl/daftar.yaml:5:3: missing required field `district`",
        "content/pkl/daftar.yaml:6:5: unknown field `distrct`: did you mean `district`?",
    ]);
}

#[test]
fn can_build_with_bom_and_crlf() {
    let site = site_with(&[(
        "content/umkm/uji.md",
        "\u{feff}---\r\nname: Warung CRLF\r\ncategory: kuliner\r\ndistrict: Bekasi Timur\r\n---\r\nBaris satu.\r\n",
    )]);
    site.write(
        "site.yaml",
        &format!(
            "\u{feff}{}",
            fs::read_to_string(site.root().join("site.yaml"))
                .unwrap()
                .replace('\n', "\r\n")
        ),
    );
    site.build_in_time(&[]).ok();
    assert!(site.read("umkm/uji/index.html").contains("Warung CRLF"));
}

#[test]
fn errors_on_yaml_syntax_at_file_lines_counting_front_matter() {
    // The YAML error is on line 3 of the file (line 2 of the front matter).
    site_with(&[
        ("content/umkm/a.md", "---\nname: A\ncategory: [kuliner\ndistrict: Bekasi Timur\n---\n"),
        ("content/umkm/b.md", "---\nname: B\n  category: kuliner\n---\n"),
        ("content/umkm/c.yaml", "name: C\ncategory: kuliner\n  district: x\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/umkm/a.md:4:9: the list in [ ] that starts on line 3 is not closed",
        "content/umkm/b.md:3:11: a value holding `: ` must be in quotes, or this line is indented too far",
        "content/umkm/c.yaml:3:11: a value holding `: ` must be in quotes, or this line is indented too far",
    ]);
}

#[test]
fn errors_on_duplicate_keys_at_the_second_one() {
    site_with(&[
        ("content/umkm/a.md", &umkm("name: Lagi\n")),
        ("content/umkm/b.yaml", "name: B\ncategory: kuliner\ndistrict: Bekasi Timur\nhours:\n  senin: tutup\n  senin: 08:00-17:00\n"),
        ("content/pkl/c.yaml", "- name: C\n  category: kuliner\n  district: Medansatria\n- name: D\n  category: kuliner\n  category: kuliner\n"),
    ])
    .build_in_time(&[])
    .fails()
    .exactly(&[
        "content/pkl/c.yaml:6:3: field `category` is written twice; keep only one",
        "content/umkm/a.md:5:1: field `name` is written twice; keep only one",
        "content/umkm/b.yaml:6:3: `senin` is written twice in `hours`; keep only one",
    ]);
}

// ---- many problems, one run ----

#[test]
fn errors_on_every_file_in_one_sorted_run() {
    let site = Site::fixture("minimal");
    for i in (0..40).rev() {
        site.write(
            &format!("content/umkm/e{i:02}.md"),
            &format!("---\nname: E{i}\ncategory: kuliner\ndistrict: Bekasi Timur\nscale: besar\nnib: \"1\"\n---\n"),
        );
    }
    site.write("content/pkl/daftar.yaml", &"- name: x\n".repeat(30));
    let run = site.build_in_time(&[]);
    run.fails().no_panic();
    // 40 files with 2 problems; 30 items with 2 missing fields each and one
    // shared slug: each claim after the first is reported at both places.
    assert_eq!(run.problems(), 40 * 2 + 30 * 2 + 29 * 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), run.problems() + 1);
    assert_eq!(
        lines[0],
        "content/pkl/daftar.yaml:1:1: duplicate slug `x` in pkl: claimed by content/pkl/daftar.yaml:1 and content/pkl/daftar.yaml:10"
    );
    assert_eq!(lines[lines.len() - 3], "content/umkm/e39.md:5:8: `scale` must be one of `mikro`, `kecil`, `menengah`, found \"besar\"");
    assert_eq!(
        lines[lines.len() - 2],
        "content/umkm/e39.md:6:6: a NIB (Nomor Induk Berusaha) has 13 digits, found \"1\""
    );
    assert_eq!(
        lines[lines.len() - 1],
        "error: 198 problems found; nothing was written"
    );
    // Sorted by file, then line and column.
    let key = |l: &str| {
        let mut parts = l.splitn(4, ':');
        let path = parts.next().unwrap().to_string();
        let line: u32 = parts.next().unwrap().parse().unwrap();
        let col: u32 = parts.next().unwrap().parse().unwrap();
        (path, line, col)
    };
    let keys: Vec<_> = lines[..lines.len() - 1].iter().map(|l| key(l)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn can_leave_previous_output_when_the_build_fails() {
    let site = Site::fixture("minimal");
    site.build_in_time(&[]).ok();
    let before = list_files(&site.public());
    site.write("content/umkm/rusak.md", "---\nname: [\n---\n");
    site.build_in_time(&[]).fails();
    assert_eq!(list_files(&site.public()), before);
}

// ---- site.yaml ----

#[test]
fn errors_on_site_config_without_title_and_base_url() {
    let site = Site::fixture("minimal");
    site.write("site.yaml", "# nothing but a comment\ndescription: x\n");
    site.build_in_time(&[]).fails().exactly(&[
        // Without categories and districts no entry can be placed; the
        // entries are still checked in the same run.
        "content/koperasi/ksp-maju.yaml:2:11: unknown category \"kerajinan\"; categories are listed in site.yaml",
        "content/koperasi/ksp-maju.yaml:3:11: unknown district \"Medansatria\"; districts are listed in site.yaml",
        "content/pkl/semua.yaml:2:13: unknown category \"kuliner\"; categories are listed in site.yaml",
        "content/pkl/semua.yaml:3:13: unknown district \"Medansatria\"; districts are listed in site.yaml",
        "content/umkm/warung-sari.md:3:11: unknown category \"kuliner\"; categories are listed in site.yaml",
        "content/umkm/warung-sari.md:4:11: unknown district \"Bekasi Timur\"; districts are listed in site.yaml",
        "site.yaml:1:1: missing required field `base_url`",
        "site.yaml:1:1: missing required field `title`",
    ]);
}

#[test]
fn errors_on_empty_site_config() {
    let site = Site::empty();
    site.write("site.yaml", "");
    site.build_in_time(&[]).fails().exactly(&[
        "site.yaml:1:1: missing required field `base_url`",
        "site.yaml:1:1: missing required field `title`",
    ]);
}

#[test]
fn errors_on_unknown_site_setting() {
    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title:",
        "paginat: 10\ntheme_color: red\ntitle:",
    );
    site.build_in_time(&[]).fails().exactly(&[
        "site.yaml:3:1: unknown field `paginat`: did you mean `paginate`?",
        "site.yaml:4:1: unknown field `theme_color`; custom data goes under `extra`",
    ]);
}

#[test]
fn errors_on_a_time_zone_outside_indonesia() {
    let site = Site::fixture("minimal");
    site.edit("site.yaml", "title:", "timezone: Asia/Makasar\ntitle:");
    site.build_in_time(&[]).fails().exactly(&[
        "site.yaml:3:11: timezone \"Asia/Makasar\" is not an Indonesian time zone; choose one of: Asia/Jakarta (WIB), Asia/Pontianak (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)",
    ]);
}

#[test]
fn errors_on_bad_base_url() {
    for (url, message) in [
        (
            "ftp://umkm.example/",
            "base_url must start with http:// or https://, found \"ftp://umkm.example/\"",
        ),
        (
            "javascript:alert(1)",
            "base_url must start with http:// or https://, found \"javascript:alert(1)\"",
        ),
        (
            "umkm.example.go.id",
            "base_url must start with http:// or https://, found \"umkm.example.go.id\"",
        ),
        (
            "https://umkm.example/a b/",
            "base_url is not a valid site address: \"https://umkm.example/a b/\"",
        ),
        (
            "https:///x",
            "base_url is not a valid site address: \"https:///x\"",
        ),
        (
            "https://umkm.example/../x/",
            "base_url is not a valid site address: \"https://umkm.example/../x/\"",
        ),
    ] {
        let site = Site::empty();
        site.write("site.yaml", &format!("title: T\nbase_url: \"{url}\"\n"));
        site.build_in_time(&[])
            .fails()
            .exactly(&[&format!("site.yaml:2:11: {message}")]);
    }
}

#[test]
fn errors_on_missing_site_config_with_exit_code_2() {
    let site = Site::fixture("minimal");
    site.remove("site.yaml");
    let run = site.build_in_time(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("has no site.yaml"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn errors_on_missing_site_folder_with_exit_code_2() {
    let site = Site::empty();
    let missing = site.root().join("nowhere");
    let out = etalase()
        .arg("build")
        .arg("--root")
        .arg(&missing)
        .output()
        .unwrap();
    let run = Run::from(out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: cannot open the site folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_on_bad_open_data_and_map_settings() {
    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title:",
        "business_types: { kuliner: Restoran, batik: Store, kerajinan: Store }\n\
         tiles: { url: \"https://tiles.example/{z}/{x}.png\", max_zoom: 30 }\n\
         data_license: { url: \"ftp://x\" }\n\
         title:",
    );
    site.build_in_time(&[]).fails().exactly(&[
        "site.yaml:3:28: \"Restoran\" is not a schema.org type of LocalBusiness (such as Restaurant, Store, ClothingStore)",
        "site.yaml:3:38: `batik` is not a category of `categories`",
        "site.yaml:4:15: the tile address must hold {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "site.yaml:4:62: `max_zoom` must be between 1 and 22, found 30",
        "site.yaml:5:1: data_license needs a `name`",
        "site.yaml:5:22: \"ftp://x\" must be a web address starting with http:// or https://",
    ]);
}

#[test]
fn reads_open_data_and_map_settings_and_villages_with_codes() {
    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title:",
        "business_types: { kuliner: Restaurant }\n\
         tiles: { url: \"https://tiles.example/{z}/{x}/{y}.png\", attribution: Ubin Kota }\n\
         data_license: CC0 1.0\n\
         city: Kota Uji\nprovince: Jawa Barat\n\
         title:",
    );
    site.edit(
        "site.yaml",
        "{ name: Bekasijaya, code: \"32.75.01.1001\" }",
        "{ name: Bekasijaya, code: \"32.75.01.1001\", postal_code: \"17112\" }",
    );
    // A kelurahan without its code: a null code in the Satu Data files.
    site.edit(
        "site.yaml",
        "{ name: Durenjaya, code: \"32.75.01.1003\" }",
        "Durenjaya",
    );
    site.edit(
        "content/umkm/warung-sari.md",
        "district: Bekasi Timur",
        "district: Bekasi Timur\ngeo: { lat: -6.24, lon: 107.01 }",
    );
    site.build_in_time(&[]).ok();
    let pkg: serde_json::Value = serde_json::from_str(&site.read("data/datapackage.json")).unwrap();
    assert_eq!(
        pkg["licenses"][0]["path"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
    let kel: serde_json::Value =
        serde_json::from_str(&site.read("data/satudata-kelurahan.json")).unwrap();
    assert!(kel
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kode_wilayah"] == "32.75.01.1001" && r["nama_wilayah"] == "Bekasijaya"));
    assert!(kel
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kode_wilayah"].is_null() && r["nama_wilayah"] == "Durenjaya"));
    let map = site.read("peta/index.html");
    assert!(
        map.contains("data-tiles=\"https://tiles.example/{z}/{x}/{y}.png\"")
            && map.contains("data-attribution=\"Ubin Kota\"")
    );
    let raw = site.read("umkm/warung-sari/index.html");
    assert!(raw.contains("\"addressLocality\":\"Kota Uji\""), "{raw}");
}
