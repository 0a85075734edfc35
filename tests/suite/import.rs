//! `etalase import`: an office's sheets into entries that check, with
//! every row in the report and nothing private published.

use crate::common::*;
use std::path::Path;

/// `etalase import FILE ARGS` run in the site's folder, so paths in
/// `args` (`--map peta.yaml`) are the site's.
fn import(site: &Site, file: &str, args: &[&str]) -> Run {
    let mut cmd = etalase();
    cmd.current_dir(site.root())
        .arg("import")
        .arg(site.root().join(file))
        .arg("--root")
        .arg(site.root())
        .args(args);
    Run::from(cmd.output().unwrap())
}

const HEADER: &str = "No;Nama Usaha;Jenis Usaha;Kecamatan;Kelurahan/Desa;Alamat;No. HP;NIB;Produk;Harga;Tahun Berdiri;Skala Usaha;Sertifikat Halal;Koordinat;NIK;Nama Pemilik;Jumlah Karyawan\r\n";

fn umkm_sheet() -> String {
    format!(
        "\u{feff}{HEADER}\
         1;Kue Lapis Bu Ani;Kuliner;Bekasi Tim.;Durenjaya;Jl. Melati 3;81234567001;9120301234599;\"Lapis Legit\nLapis Surabaya\";Rp 85.000;2015;Usaha Mikro;Ya;-6.24, 107.01;3275010101010001;Ani Suryani Rahasia;4\r\n\
         2;Jahit Pak Udin;Kerajinan;Medan Satria;;Jl. Kenanga;+62 21 8899 0201;;Jasa Jahit;15rb;12/03/2010;kecil;;;;;\r\n\
         3;Tanpa Kategori;Antah Berantah;Bekasi Barat;;;;;;;;;;;;;\r\n\
         ;;;;;;;;;;;;;;;;\r\n"
    )
}

#[test]
fn imports_an_excel_csv_into_entries_that_check() {
    let site = Site::fixture("minimal");
    site.write("data-umkm.csv", &umkm_sheet());
    let run = import(&site, "data-umkm.csv", &["--kind", "umkm"]);
    run.ok();
    assert!(
        run.stdout
            .contains("2 rows imported, 0 updated, 1 rejected"),
        "{}",
        run.stdout
    );
    // Every row is in the report, the rejected one with its cell.
    let report = std::fs::read_to_string(site.root().join("data-umkm.laporan.csv")).unwrap();
    assert!(report.starts_with('\u{feff}'), "a BOM, for Excel");
    assert!(
        report.starts_with("\u{feff}sel;status;slug;keterangan\r\n"),
        "{report}"
    );
    assert!(report.contains("data-umkm!A4;ditolak;"), "{report}");
    assert!(
        report.contains("C4: kategori \"\"Antah Berantah\"\" tidak ada"),
        "{report}"
    );
    assert!(
        report.contains("ditulis 0812-3456-7001"),
        "the guess is listed: {report}"
    );
    let ani =
        std::fs::read_to_string(site.root().join("content/umkm/kue-lapis-bu-ani.yaml")).unwrap();
    for part in [
        "district: Bekasi Timur",
        "phone: 0812-3456-7001",
        "price: 85000",
        "founded: 2015",
        "scale: mikro",
        "lat: -6.24",
        "type: halal",
        "jumlah_karyawan: '4'",
    ] {
        assert!(ani.contains(part), "{part}: {ani}");
    }
    // Personal data goes to the private folder, not the entry file that
    // goes into a repository.
    for secret in ["3275010101010001", "Ani Suryani Rahasia", "private"] {
        assert!(!ani.contains(secret), "{secret} in the entry file: {ani}");
    }
    let private =
        std::fs::read_to_string(site.root().join("pribadi/umkm/kue-lapis-bu-ani.yaml")).unwrap();
    assert!(
        private.contains("nama_pemilik: Ani Suryani Rahasia"),
        "{private}"
    );
    assert!(private.contains("nik: '3275010101010001'"), "{private}");
    let udin =
        std::fs::read_to_string(site.root().join("content/umkm/jahit-pak-udin.yaml")).unwrap();
    assert!(udin.contains("district: Medansatria"), "{udin}");
    assert!(udin.contains("phone: (021) 8899-0201"), "{udin}");
    assert!(udin.contains("price: 15000"), "{udin}");
    site.check(&[]).ok();
    // The personal columns went to `private`: never in the built site.
    site.build(&[]).ok();
    for f in list_files(&site.public()) {
        let text = output_text(&site.public().join(&f));
        for secret in ["3275010101010001", "Ani Suryani Rahasia"] {
            assert!(!text.contains(secret), "{secret} published in {f}");
        }
    }
}

#[test]
fn a_reimport_updates_by_nib_and_keeps_what_the_sheet_does_not_carry() {
    let site = Site::fixture("minimal");
    site.write("data.csv", &umkm_sheet());
    import(&site, "data.csv", &["--kind", "umkm"]).ok();
    let file = "content/umkm/kue-lapis-bu-ani.yaml";
    let mut text = std::fs::read_to_string(site.root().join(file)).unwrap();
    text.push_str("description: Ditulis petugas di berkasnya.\n");
    site.write(file, &text);
    site.write(
        "data.csv",
        &umkm_sheet().replace("Jl. Melati 3", "Jl. Melati 5"),
    );
    let run = import(&site, "data.csv", &["--kind", "umkm"]);
    assert!(
        run.stdout
            .contains("0 rows imported, 1 updated, 1 rejected, 1 unchanged"),
        "{}",
        run.stdout
    );
    let after = std::fs::read_to_string(site.root().join(file)).unwrap();
    assert!(after.contains("address: Jl. Melati 5"), "{after}");
    assert!(
        after.contains("description: Ditulis petugas di berkasnya."),
        "{after}"
    );
    // Jahit Pak Udin has no NIB: the same name is the same entry.
    assert!(!site
        .root()
        .join("content/umkm/jahit-pak-udin-2.yaml")
        .exists());
    site.check(&[]).ok();
}

#[test]
fn a_reimport_finds_entries_the_way_the_build_does() {
    // Moved by staff into a sub-folder and saved by an editor that adds a
    // byte-order mark: still the same entry, updated where it is.
    let site = Site::fixture("minimal");
    site.write("data.csv", &umkm_sheet());
    import(&site, "data.csv", &["--kind", "umkm"]).ok();
    let from = site.root().join("content/umkm/kue-lapis-bu-ani.yaml");
    let text = std::fs::read_to_string(&from).unwrap();
    std::fs::remove_file(&from).unwrap();
    let moved = "content/umkm/bekasi-timur/kue-lapis-bu-ani.yaml";
    site.write(moved, &format!("\u{feff}{text}"));
    site.write(
        "data.csv",
        &umkm_sheet().replace("Jl. Melati 3", "Jl. Melati 5"),
    );
    let run = import(&site, "data.csv", &["--kind", "umkm"]);
    assert!(
        run.stdout
            .contains("0 rows imported, 1 updated, 1 rejected, 1 unchanged"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    let after = std::fs::read_to_string(site.root().join(moved)).unwrap();
    assert!(after.contains("address: Jl. Melati 5"), "{after}");
    assert!(!from.exists(), "no second file beside the moved one");
    site.check(&[]).ok();
}

#[test]
fn a_reimport_matches_on_the_key_column_the_office_chooses() {
    let site = Site::fixture("minimal");
    let sheet = |name: &str| {
        format!("Kode Binaan,Nama Usaha,Kategori,Kecamatan\nKB-017,{name},kuliner,Medansatria\n")
    };
    site.write("peta.yaml", "key: Kode Binaan\n");
    let run = |site: &Site| import(site, "d.csv", &["--kind", "umkm", "--map", "peta.yaml"]);
    site.write("d.csv", &sheet("Warung Lama"));
    run(&site).ok();
    // The business renamed itself: the same code is the same entry.
    site.write("d.csv", &sheet("Warung Baru"));
    let second = run(&site);
    assert!(
        second.stdout.contains("0 rows imported, 1 updated"),
        "{}",
        second.stdout
    );
    let text = std::fs::read_to_string(site.root().join("content/umkm/warung-lama.yaml")).unwrap();
    assert!(
        text.contains("name: Warung Baru") && text.contains("kode_binaan: KB-017"),
        "{text}"
    );
    assert!(!site.root().join("content/umkm/warung-baru.yaml").exists());
}

#[test]
fn a_dry_run_writes_only_the_report() {
    let site = Site::fixture("minimal");
    site.write("data.csv", &umkm_sheet());
    let run = import(&site, "data.csv", &["--kind", "umkm", "--dry-run"]);
    run.ok();
    assert!(
        run.stdout.contains("dry run: nothing written"),
        "{}",
        run.stdout
    );
    assert!(!site
        .root()
        .join("content/umkm/kue-lapis-bu-ani.yaml")
        .exists());
    assert!(site.root().join("data.laporan.csv").exists());
}

#[test]
fn reads_windows_1252_and_tab_separated_sheets() {
    let site = Site::fixture("minimal");
    let mut bytes =
        b"Nama Usaha\tKategori\tKecamatan\r\nCaf\xe9 \x93Sari\x94\tkuliner\tMedansatria\r\n"
            .to_vec();
    bytes.extend_from_slice(b"");
    std::fs::write(site.root().join("excel.csv"), &bytes).unwrap();
    import(&site, "excel.csv", &["--kind", "umkm"]).ok();
    let text = std::fs::read_to_string(site.root().join("content/umkm/cafe-sari.yaml")).unwrap();
    assert!(text.contains("name: Café “Sari”"), "{text}");
    site.check(&[]).ok();
}

#[test]
fn street_vendors_go_to_one_list_file() {
    let site = Site::fixture("minimal");
    site.write(
        "pkl-stasiun.csv",
        "Nama,Kategori,Kecamatan,Jenis Lapak,Jadwal Jualan\nSoto Pak Min,kuliner,Bekasi Timur,gerobak,Setiap pagi\nEs Doger,kuliner,Medansatria,tenda,Sore\n",
    );
    import(&site, "pkl-stasiun.csv", &["--kind", "pkl"]).ok();
    let list = std::fs::read_to_string(site.root().join("content/pkl/pkl-stasiun.yaml")).unwrap();
    assert!(
        list.contains("- name: Soto Pak Min") && list.contains("- name: Es Doger"),
        "{list}"
    );
    assert!(list.contains("stall: gerobak"), "{list}");
    site.check(&[]).ok();
}

#[test]
fn the_office_chooses_one_file_per_entry_or_one_list() {
    let site = Site::fixture("minimal");
    site.write(
        "pkl.csv",
        "Nama,Kategori,Kecamatan\nSoto Pak Min,kuliner,Bekasi Timur\nEs Doger,kuliner,Medansatria\n",
    );
    import(&site, "pkl.csv", &["--kind", "pkl", "--layout", "files"]).ok();
    assert!(site.root().join("content/pkl/soto-pak-min.yaml").is_file());
    assert!(site.root().join("content/pkl/es-doger.yaml").is_file());
    site.write("umkm.csv", &umkm_sheet());
    import(&site, "umkm.csv", &["--kind", "umkm", "--layout", "list"]).ok();
    let list = std::fs::read_to_string(site.root().join("content/umkm/umkm.yaml")).unwrap();
    assert!(list.starts_with("- name: Kue Lapis Bu Ani"), "{list}");
    site.check(&[]).ok();
}

#[test]
fn a_map_file_names_columns_and_can_publish_one() {
    let site = Site::fixture("minimal");
    site.write(
        "d.csv",
        // The last column has data and no header: it is kept too.
        "Nama Usaha,Kategori,Kecamatan,Nama Pemilik,Kolom Aneh,\nWarung Map,kuliner,Medansatria,Bu Tini,xyz,catatan tanpa judul\n",
    );
    site.write(
        "peta.yaml",
        "columns:\n  Nama Pemilik: extra\n  Kolom Aneh: skip\n",
    );
    let run = import(&site, "d.csv", &["--kind", "umkm", "--map", "peta.yaml"]);
    run.ok();
    assert!(
        run.stdout.contains("Kolom Aneh (E1) -> tidak diimpor"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(site.root().join("content/umkm/warung-map.yaml")).unwrap();
    assert!(text.contains("extra:\n  nama_pemilik: Bu Tini"), "{text}");
    assert!(text.contains("kolom_f: catatan tanpa judul"), "{text}");
}

#[test]
fn bad_files_get_a_clear_error_and_nothing_is_written() {
    let site = Site::fixture("minimal");
    // Not a spreadsheet.
    std::fs::write(
        site.root().join("foto.xlsx"),
        b"\x89PNG\r\n\x1a\n not a workbook",
    )
    .unwrap();
    let run = import(&site, "foto.xlsx", &["--kind", "umkm"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // A workbook saved as .csv.
    std::fs::write(site.root().join("salah.csv"), b"PK\x03\x04 workbook").unwrap();
    let run = import(&site, "salah.csv", &["--kind", "umkm"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is an Excel workbook, not CSV"),
        "{}",
        run.stderr
    );
    // No name column.
    site.write("tanpa.csv", "Alamat,Kecamatan\nJl. A,Medansatria\n");
    let run = import(&site, "tanpa.csv", &["--kind", "umkm"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no column for `name`"),
        "{}",
        run.stderr
    );
    // A million empty rows after one entry: read at once.
    let mut big = String::from("Nama Usaha;Kategori;Kecamatan\nWarung Satu;kuliner;Medansatria\n");
    big.push_str(&";;\n".repeat(1_000_000));
    site.write("kosong.csv", &big);
    let run = import(&site, "kosong.csv", &["--kind", "umkm"]);
    run.ok();
    assert!(run.stdout.contains("1 rows imported"), "{}", run.stdout);
    assert!(!Path::new(&site.root().join("content/umkm/salah.yaml")).exists());
}

/// A workbook as Excel writes one, cut to what calamine reads: the sheet's
/// cells as inline strings and numbers, so the test needs no writer crate.
#[cfg(feature = "spreadsheet")]
fn xlsx(rows: &[&[&str]], pad: usize) -> Vec<u8> {
    xlsx_merged(rows, pad, &[])
}

/// The same, with merged regions (`"C2:C3"`); a cell written `=F|V` is a
/// formula `F` whose last computed value Excel saved as `V`.
#[cfg(feature = "spreadsheet")]
fn xlsx_merged(rows: &[&[&str]], pad: usize, merges: &[&str]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if let Some((f, cached)) = v.strip_prefix('=').and_then(|x| x.split_once('|')) {
                sheet.push_str(&format!(
                    "<c r=\"{at}\" t=\"str\"><f>{f}</f><v>{cached}</v></c>"
                ));
            } else if v.is_empty() {
            } else if v.bytes().all(|b| b.is_ascii_digit()) {
                // A number cell: the phone that lost its leading 0.
                sheet.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>"));
            } else {
                sheet.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{v}</t></is></c>"
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData>");
    if !merges.is_empty() {
        sheet.push_str(&format!("<mergeCells count=\"{}\">", merges.len()));
        for m in merges {
            sheet.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
        }
        sheet.push_str("</mergeCells>");
    }
    sheet.push_str(&" ".repeat(pad));
    sheet.push_str("</worksheet>");
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data UMKM" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
#[cfg(feature = "spreadsheet")]
fn imports_an_xlsx_workbook_by_sheet_name() {
    let site = Site::fixture("minimal");
    let book = xlsx(
        &[
            &["Nama UMKM", "Kategori", "Kecamatan", "No WA", "Harga"],
            &[
                "Rengginang Mak Iyah",
                "Kuliner",
                "Kec. Medansatria",
                "81311112222",
                "12.500",
            ],
        ],
        0,
    );
    std::fs::write(site.root().join("data.xlsx"), book).unwrap();
    let run = import(
        &site,
        "data.xlsx",
        &["--kind", "umkm", "--sheet", "data umkm"],
    );
    run.ok();
    assert!(run.stdout.contains("1 rows imported"), "{}", run.stdout);
    let text =
        std::fs::read_to_string(site.root().join("content/umkm/rengginang-mak-iyah.yaml")).unwrap();
    assert!(text.contains("whatsapp: 0813-1111-2222"), "{text}");
    assert!(text.contains("district: Medansatria"), "{text}");
    site.check(&[]).ok();
    // A sheet that is not there names the ones that are.
    let run = import(
        &site,
        "data.xlsx",
        &["--kind", "umkm", "--sheet", "Lembar9"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("it has: Data UMKM"), "{}", run.stderr);
}

#[test]
#[cfg(feature = "spreadsheet")]
fn refuses_a_zip_bomb() {
    let site = Site::fixture("minimal");
    // 40 MB of spaces inflate from a few dozen kilobytes (a real bomb is
    // gigabytes; the parts' declared sizes are checked the same way).
    let book = xlsx(
        &[&["Nama Usaha", "Kategori", "Kecamatan"]],
        40 * 1024 * 1024,
    );
    assert!(book.len() < 2 * 1024 * 1024, "{}", book.len());
    std::fs::write(site.root().join("bom.xlsx"), book).unwrap();
    let run = import(&site, "bom.xlsx", &["--kind", "umkm"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("zip bomb"), "{}", run.stderr);
}

#[test]
#[cfg(feature = "spreadsheet")]
fn merged_cells_and_formulas_read_as_the_office_sees_them() {
    let site = Site::fixture("minimal");
    let book = xlsx_merged(
        &[
            &["Nama Usaha", "Kategori", "Kecamatan", "Alamat"],
            &[
                "Warung Satu",
                "kuliner",
                "Medansatria",
                "=CONCAT(\"Jl. \",\"Mawar\")|Jl. Mawar",
            ],
            &["Warung Dua", "kuliner", "", "Jl. Melati"],
        ],
        0,
        &["C2:C3"],
    );
    std::fs::write(site.root().join("gabung.xlsx"), book).unwrap();
    let run = import(&site, "gabung.xlsx", &["--kind", "umkm"]);
    run.ok();
    assert!(
        run.stdout
            .contains("2 rows imported, 0 updated, 0 rejected"),
        "{}",
        run.stdout
    );
    let dua = std::fs::read_to_string(site.root().join("content/umkm/warung-dua.yaml")).unwrap();
    assert!(
        dua.contains("district: Medansatria"),
        "the merged kecamatan: {dua}"
    );
    let satu = std::fs::read_to_string(site.root().join("content/umkm/warung-satu.yaml")).unwrap();
    assert!(
        satu.contains("address: Jl. Mawar"),
        "the formula's value: {satu}"
    );
    site.check(&[]).ok();
}

/// "Proses" in the halal column is an application, not a certificate: no
/// badge, said as such in the report; "Ada" is granted, "Belum" none, a
/// number a granted certificate's number.
#[test]
fn certificate_words_of_an_office_keep_their_meaning() {
    let site = Site::fixture("minimal");
    site.write(
        "halal.csv",
        "Nama Usaha;Jenis Usaha;Kecamatan;Sertifikat Halal;PIRT\r\n\
         Kue Ada;Kuliner;Bekasi Timur;Ada;\r\n\
         Kue Proses;Kuliner;Bekasi Timur;Proses;Dalam Proses\r\n\
         Kue Belum;Kuliner;Bekasi Timur;Belum;-\r\n\
         Kue Nomor;Kuliner;Bekasi Timur;ID32110012345678;\r\n",
    );
    import(&site, "halal.csv", &["--kind", "umkm"]).ok();
    let read = |slug: &str| {
        std::fs::read_to_string(site.root().join(format!("content/umkm/{slug}.yaml"))).unwrap()
    };
    assert!(
        read("kue-ada").contains("- type: halal\n"),
        "{}",
        read("kue-ada")
    );
    assert!(!read("kue-ada").contains("status"), "{}", read("kue-ada"));
    let proses = read("kue-proses");
    assert!(proses.contains("type: halal\n  status: proses"), "{proses}");
    assert!(proses.contains("type: pirt\n  status: proses"), "{proses}");
    assert!(
        read("kue-belum").contains("status: belum"),
        "{}",
        read("kue-belum")
    );
    assert!(read("kue-nomor").contains("number: ID32110012345678"));
    let report = std::fs::read_to_string(site.root().join("halal.laporan.csv")).unwrap();
    assert!(report.contains("dibaca `proses`"), "{report}");
    site.build(&[]).ok();
    let badges = |slug: &str| -> Vec<String> {
        site.html(&format!("umkm/{slug}/index.html"))
            .select(&sel(".badge"))
            .map(text_of)
            .collect()
    };
    assert!(badges("kue-ada").iter().any(|b| b == "Halal"));
    assert!(badges("kue-nomor").iter().any(|b| b.starts_with("Halal")));
    assert!(!badges("kue-proses").iter().any(|b| b.starts_with("Halal")));
    assert!(!badges("kue-belum").iter().any(|b| b.starts_with("Halal")));
}

/// A report Excel in Indonesia opens as it is, whose cells never run, and
/// terminal output that shows a cell's control characters instead of
/// obeying them; a file name of no letters still gives visible files.
#[test]
fn reports_are_safe_to_open_and_to_print() {
    let site = Site::fixture("minimal");
    site.write(
        "___.csv",
        "Nama Usaha;Kategori;Kecamatan;Keterangan\u{1b}[31m Kantor\r\n\
         =HYPERLINK(\"http://x\");kuliner;Antah;\u{1b}[31mmerah\r\n\
         Toko Baik;kuliner;Bekasi Timur;@SUM(A1)\r\n",
    );
    let run = import(&site, "___.csv", &["--kind", "pkl"]);
    run.ok();
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(
        run.stdout.contains("Keterangan\\u{1b}[31m Kantor"),
        "{}",
        run.stdout
    );
    assert!(site.root().join("___.laporan.csv").exists());
    // A sheet named like a formula names every row's cell in the report.
    site.write(
        "=1+2.csv",
        "Nama Usaha;Kategori;Kecamatan\r\nToko Rumus;kuliner;Bekasi Timur\r\n",
    );
    import(&site, "=1+2.csv", &["--kind", "umkm"]).ok();
    let report = std::fs::read_to_string(site.root().join("=1+2.laporan.csv")).unwrap();
    assert!(report.contains("\"'=1+2!A2\";diimpor"), "{report}");
    // A list file with a visible name.
    assert!(site.root().join("content/pkl/daftar.yaml").exists());
    assert!(!site.root().join("content/pkl/.yaml").exists());
}

/// An office's sheet as it comes: a title and a subtitle above the
/// header, "Nama" (the owner) beside "Nama Usaha", "Alamat" (the home)
/// beside "Alamat Usaha", NIK and turnover, "No HP/WA" with two numbers,
/// "Produk Unggulan", "Proses" in the halal column, "-" as NIB, a total
/// row and a signature block below. Every business goes in; nothing
/// personal reaches the entry files or the site; every skipped row is
/// in the report with why.
#[test]
fn an_office_sheet_goes_in_as_it_comes() {
    let site = Site::fixture("minimal");
    site.write(
        "pendataan.csv",
        "DATA UMKM BINAAN DINAS KOPERASI DAN UKM;;;;;;;;;;;;;\r\n\
         Kota Uji Tahun 2026;;;;;;;;;;;;;\r\n\
         ;;;;;;;;;;;;;\r\n\
         No;Nama Usaha;Nama;NIK Pemilik Usaha;Alamat Usaha;Alamat;Kecamatan;Kelurahan;Jenis Usaha;No HP/WA;Produk Unggulan;Omzet/Tahun;Sertifikat Halal;NIB\r\n\
         1;Keripik Bu Sri;Sri Rahayu Rahasia;3275010101017777;Jl. Melati 1;Jl. Rumah Rahasia 9;Bekasi Timur;Durenjaya;Kuliner;0812-1111-2222 / 0813-3333-4444 (WA);Keripik Tempe;120.000.000;Proses;-\r\n\
         2;Keripik Bu Sri;Sri Lain Rahasia;3275010101018888;Jl. Kenanga 2;Jl. Rumah Lain 3;Medan Satria;Pejuang;Kuliner;0812-5555-6666;Keripik Singkong;90.000.000;Ada;Belum Ada\r\n\
         ;Jumlah;;;;;;;;;;;;\r\n\
         ;;;;;;;;;;;;;\r\n\
         ;;;;;;;;Bekasi, 1 Desember 2026;;;;;\r\n\
         ;;;;;;;;Kepala Dinas;;;;;\r\n\
         ;;;;;;;;NIP 197001012000011001;;;;;\r\n",
    );
    let run = import(&site, "pendataan.csv", &["--kind", "umkm"]);
    run.ok();
    assert!(
        run.stdout
            .contains("2 rows imported, 0 updated, 0 rejected, 6 skipped"),
        "{}",
        run.stdout
    );
    let report = std::fs::read_to_string(site.root().join("pendataan.laporan.csv")).unwrap();
    assert!(report.contains("pendataan!A1;dilewati"), "{report}");
    assert!(report.contains("pendataan!A7;dilewati"), "{report}");
    assert!(report.contains("pendataan!A11;dilewati"), "{report}");
    assert!(
        run.stdout.contains("dianggap data pribadi pemilik"),
        "{}",
        run.stdout
    );
    // Two businesses of one name: two entries.
    let files = list_files(&site.root().join("content/umkm"));
    let sri: Vec<&String> = files
        .iter()
        .filter(|f| f.contains("keripik-bu-sri"))
        .collect();
    assert_eq!(sri.len(), 2, "{files:?}");
    let mut all = String::new();
    for f in &sri {
        let text = std::fs::read_to_string(site.root().join("content/umkm").join(f)).unwrap();
        all.push_str(&text);
    }
    for secret in [
        "Sri Rahayu Rahasia",
        "3275010101017777",
        "Jl. Rumah Rahasia 9",
        "120.000.000",
        "120000000",
    ] {
        assert!(!all.contains(secret), "{secret} in an entry file:\n{all}");
    }
    assert!(all.contains("phone: 0812-1111-2222"), "{all}");
    assert!(all.contains("whatsapp: 0813-3333-4444"), "{all}");
    assert!(all.contains("name: Keripik Tempe"), "{all}");
    assert!(all.contains("status: proses"), "{all}");
    assert!(!all.contains("nib"), "a placeholder is no NIB:\n{all}");
    let private = list_files(&site.root().join("pribadi/umkm"));
    assert_eq!(private.len(), 2, "{private:?}");
    site.check(&[]).ok();
}

/// Two columns that would fill one field, with no guess that is safe: an
/// error naming both, and nothing written.
#[test]
fn two_columns_for_one_field_write_nothing() {
    let site = Site::fixture("minimal");
    site.write(
        "dua.csv",
        "Nama Usaha;Kategori;Kecamatan;No HP;Telepon\r\nToko Dua;kuliner;Bekasi Timur;0812-1;0813-2\r\n",
    );
    let run = import(&site, "dua.csv", &["--kind", "umkm"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("\"No HP\", \"Telepon\" would all fill `phone`"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("content/umkm/toko-dua.yaml").exists());
}

/// The office's own words for values, in the map file: category names
/// and words to slugs, certificate words to a status, stall words.
#[test]
fn a_map_file_maps_values_too() {
    let site = Site::fixture("minimal");
    site.write(
        "pkl.csv",
        "Nama Pedagang;Jenis Dagangan;Kecamatan;Lapak;Sertifikat Halal;Lokasi Berjualan\r\n\
         Gorengan Pak Ujang;Jajanan;Bekasi Timur;Gerobak Dorong;Dlm Proses;Depan Stasiun\r\n",
    );
    site.write(
        "peta.yaml",
        "values:\n  category:\n    Jajanan: kuliner\n  stall:\n    Gerobak Dorong: gerobak\n  halal:\n    Dlm Proses: proses\n",
    );
    let run = import(&site, "pkl.csv", &["--kind", "pkl", "--map", "peta.yaml"]);
    run.ok();
    assert!(run.stdout.contains("1 rows imported"), "{}", run.stdout);
    assert!(run.stdout.contains("(berkas peta)"), "{}", run.stdout);
    let list = std::fs::read_to_string(site.root().join("content/pkl/pkl.yaml")).unwrap();
    for part in [
        "category: kuliner",
        "stall: gerobak",
        "status: proses",
        "address: Depan Stasiun",
    ] {
        assert!(list.contains(part), "{part}: {list}");
    }
    site.check(&[]).ok();
}

/// A re-import finds each business where it is: two of one name in
/// different kecamatan stay two, a "-" NIB is no key that joins rows, and
/// two rows that fit one entry are a conflict that writes nothing.
#[test]
fn a_reimport_matches_by_place_and_reports_conflicts() {
    let site = Site::fixture("minimal");
    let sheet = |extra: &str| {
        format!(
            "Nama Usaha;Kategori;Kecamatan;Kelurahan;Alamat Usaha;NIB\r\n\
             Keripik Sri;kuliner;Bekasi Timur;Durenjaya;Jl. Satu;-\r\n\
             Keripik Sri;kuliner;Medansatria;Pejuang;Jl. Dua;Belum Ada\r\n{extra}"
        )
    };
    site.write("data.csv", &sheet(""));
    import(&site, "data.csv", &["--kind", "umkm"]).ok();
    let count = || list_files(&site.root().join("content/umkm")).len();
    let before = count();
    site.write("data.csv", &sheet("").replace("Jl. Dua", "Jl. Dua Baru"));
    let run = import(&site, "data.csv", &["--kind", "umkm"]);
    assert!(
        run.stdout
            .contains("0 rows imported, 1 updated, 0 rejected, 1 unchanged"),
        "{}",
        run.stdout
    );
    assert_eq!(count(), before, "no duplicate");
    let files = list_files(&site.root().join("content/umkm"));
    let text: String = files
        .iter()
        .filter(|f| f.contains("keripik-sri"))
        .map(|f| std::fs::read_to_string(site.root().join("content/umkm").join(f)).unwrap())
        .collect();
    assert!(
        text.contains("Jl. Satu") && text.contains("Jl. Dua Baru"),
        "{text}"
    );
    assert!(!text.contains("Jl. Dua\n"), "{text}");
    // The same business twice in the sheet: a conflict, nothing written.
    site.write(
        "data.csv",
        &sheet("Keripik Sri;kuliner;Bekasi Timur;Durenjaya;Jl. Tiga;-\r\n"),
    );
    let run = import(&site, "data.csv", &["--kind", "umkm"]);
    assert!(
        run.stdout.contains("2 in conflict (not written)"),
        "{}",
        run.stdout
    );
    let text: String = files
        .iter()
        .filter(|f| f.contains("keripik-sri"))
        .map(|f| std::fs::read_to_string(site.root().join("content/umkm").join(f)).unwrap())
        .collect();
    assert!(!text.contains("Jl. Tiga"), "{text}");
    assert_eq!(count(), before, "no duplicate");
}

/// A table the site published under /data/, as an office opens it to edit.
struct Export {
    rows: Vec<Vec<String>>,
}

impl Export {
    fn of(site: &Site, table: &str) -> Export {
        let csv = site.read(&format!("data/{table}"));
        Export {
            rows: crate::opendata::csv_rows(csv.trim_start_matches('\u{feff}')),
        }
    }

    fn col(&self, name: &str) -> usize {
        self.rows[0].iter().position(|x| x == name).unwrap()
    }

    /// The cell of the entry `slug` in the column `name`.
    fn cell(&mut self, slug: &str, name: &str) -> &mut String {
        let (s, c) = (self.col("slug"), self.col(name));
        let row = self.rows.iter().position(|r| r[s] == slug).unwrap();
        &mut self.rows[row][c]
    }

    /// Saved as Excel saves a CSV: a byte-order mark, CRLF, every cell
    /// quoted.
    fn save(&self, site: &Site, name: &str) {
        let quote = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
        let mut out = String::from("\u{feff}");
        for r in &self.rows {
            out.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        site.write(name, &out);
    }
}

/// A sheet that gives what a hand-written YAML file lacks under what it
/// has (a product's description, the first opening hours) adds those lines
/// where they belong and keeps the office's comments; nothing else moves.
#[test]
fn new_keys_under_what_is_there_are_written_in_place_with_comments_kept() {
    let site = Site::sample();
    let file = "content/umkm/bekasi-timur/uji-komentar.yaml";
    let text = "# Didata petugas kelurahan, Maret\nname: Dapur Uji Komentar # nama di papan\ncategory: kuliner\ndistrict: Bekasi Timur\nvillage: Margahayu\nproducts:\n  # yang paling laku\n  - name: Nasi Uduk\n    price: 12000\n";
    site.write(file, text);
    site.build(&[]).ok();
    let mut table = Export::of(&site, "umkm.csv");
    *table.cell("uji-komentar", "products_description") = "Pakai daun jeruk".into();
    *table.cell("uji-komentar", "hours") = "senin: 07:00-11:00".into();
    table.save(&site, "umkm-diedit.csv");
    import(&site, "umkm-diedit.csv", &["--kind", "umkm"]).ok();
    let now = site.read_root(file);
    assert_eq!(
        now,
        format!("{text}    description: Pakai daun jeruk\nhours: {{ senin: 07:00-11:00 }}\n"),
        "{now}"
    );
    site.build(&[]).ok();
}

/// Certificates of no known type travel in their own column, one per
/// line, and come back: one added (a flow mapping with its number) is a
/// new line of the entry's list, one taken out loses its line.
#[test]
fn other_certificates_go_out_and_come_back() {
    let site = Site::sample();
    site.build(&[]).ok();
    let file = "content/umkm/jatisampurna/arwana-louhan-jatirangga.md";
    let before = site.read_root(file);
    let slug = "arwana-louhan-jatirangga";
    let mut table = Export::of(&site, "umkm.csv");
    let cites = "Sertifikat penangkaran CITES (arwana)";
    assert_eq!(table.cell(slug, "certifications_other"), cites);
    table
        .cell(slug, "certifications_other")
        .push_str("\n{type: ISO 9001, number: \"Q-123\", status: proses}");
    table.save(&site, "umkm-diedit.csv");
    import(&site, "umkm-diedit.csv", &["--kind", "umkm"]).ok();
    let after = site.read_root(file);
    assert_eq!(
        after,
        before.replace(
            &format!("  - {cites}\n"),
            &format!("  - {cites}\n  - {{ type: ISO 9001, number: Q-123, status: proses }}\n")
        ),
        "{after}"
    );
    site.build(&[]).ok();
    let mut table = Export::of(&site, "umkm.csv");
    assert_eq!(
        table.cell(slug, "certifications_other"),
        &format!("{cites}\n{{type: \"ISO 9001\", number: \"Q-123\", status: proses}}")
    );
    *table.cell(slug, "certifications_other") =
        "{type: ISO 9001, number: Q-123, status: proses}".into();
    table.save(&site, "umkm-diedit.csv");
    import(&site, "umkm-diedit.csv", &["--kind", "umkm"]).ok();
    let last = site.read_root(file);
    assert!(!last.contains("CITES"), "{last}");
    assert!(last.contains("type: ISO 9001"), "{last}");
}

/// A row that fits two entries (two businesses of one name in one
/// kelurahan, and no slug or NIB to tell them apart) is a conflict:
/// neither is changed, nothing new is written.
#[test]
fn a_row_that_fits_two_entries_changes_neither() {
    let site = Site::fixture("minimal");
    let entry = |addr: &str| {
        format!(
            "name: Keripik Sri\ncategory: kuliner\ndistrict: Bekasi Timur\nvillage: Durenjaya\naddress: {addr}\n"
        )
    };
    site.write("content/umkm/keripik-sri.yaml", &entry("Jl. Satu"));
    site.write("content/umkm/lain/keripik-sri-2.yaml", &entry("Jl. Dua"));
    let before = list_files(&site.root().join("content"));
    site.write(
        "data.csv",
        "Nama Usaha;Kategori;Kecamatan;Kelurahan;Alamat Usaha\r\n\
         Keripik Sri;kuliner;Bekasi Timur;Durenjaya;Jl. Tiga\r\n",
    );
    let run = import(&site, "data.csv", &["--kind", "umkm"]);
    assert!(
        run.stdout.contains("1 in conflict (not written)"),
        "{}",
        run.stdout
    );
    assert_eq!(list_files(&site.root().join("content")), before);
    assert_eq!(
        site.read_root("content/umkm/keripik-sri.yaml"),
        entry("Jl. Satu")
    );
    assert_eq!(
        site.read_root("content/umkm/lain/keripik-sri-2.yaml"),
        entry("Jl. Dua")
    );
}

/// An entry file of the kind that does not read (a list of vendors with
/// one YAML error) cannot be matched: the import stops and names it, and
/// writes nothing, instead of writing its vendors again as new entries.
#[test]
fn an_unreadable_entry_file_stops_the_import() {
    let site = Site::fixture("minimal");
    let list = "- name: Kerak Telor Bang Jali\n  category: kuliner\n  district: Bekasi Timur\n  stall: gerobak\n- name: [Es Doger\n";
    site.write("content/pkl/lama.yaml", list);
    let before = list_files(&site.root().join("content"));
    site.write(
        "pkl.csv",
        "Nama;Kategori;Kecamatan;Lapak\r\nKerak Telor Bang Jali;kuliner;Bekasi Timur;gerobak\r\n",
    );
    let run = import(&site, "pkl.csv", &["--kind", "pkl"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pkl/lama.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("wrote nothing") || run.stderr.contains("tidak menulis"),
        "{}",
        run.stderr
    );
    assert_eq!(list_files(&site.root().join("content")), before);
    assert_eq!(site.read_root("content/pkl/lama.yaml"), list);
}

/// What an office downloads from /data/ comes back into the site it came
/// from without a duplicate: every row is matched by its slug.
#[test]
fn the_sites_own_export_imports_back_without_duplicates() {
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let content = |site: &Site| -> Vec<(String, Vec<u8>)> {
        list_files(&site.root().join("content"))
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(site.root().join("content").join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = content(&site);
    let exported = std::fs::read(site.public().join("data/umkm.csv")).unwrap();
    site.write_bytes("umkm-ekspor.csv", &exported);
    let run = import(&site, "umkm-ekspor.csv", &["--kind", "umkm"]);
    run.ok();
    assert!(run.stdout.contains("0 rows imported"), "{}", run.stdout);
    assert!(run.stdout.contains("0 files written"), "{}", run.stdout);
    assert!(
        before == content(&site),
        "an unchanged export changes no file"
    );
    site.remove("umkm-ekspor.csv");
    site.build(&[]).ok();
}

/// The round trip an office makes: download umkm.csv from /data/, change
/// one phone number and one price as Excel saves it (BOM, CRLF, `;`-free
/// commas kept), import it into the site it came from: exactly those two
/// lines change in the entry files, comments and order kept; the next
/// export holds the edited values and is otherwise the same.
#[test]
fn an_edited_export_changes_exactly_what_was_edited() {
    let site = Site::sample();
    site.build(&[]).ok();
    let before: Vec<(String, String)> = list_files(&site.root().join("content"))
        .into_iter()
        .filter(|f| f.ends_with(".md") || f.ends_with(".yaml"))
        .map(|f| {
            let text = std::fs::read_to_string(site.root().join("content").join(&f)).unwrap();
            (f, text)
        })
        .collect();
    let csv = site.read("data/umkm.csv");
    let mut rows = crate::opendata::csv_rows(csv.trim_start_matches('\u{feff}'));
    let header = rows[0].clone();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row = rows
        .iter()
        .position(|r| r[at("slug")] == "keripik-tempe-bu-sri")
        .unwrap();
    let old_phone = rows[row][at("whatsapp")].clone();
    rows[row][at("whatsapp")] = "0813-9999-0001".into();
    let prices: Vec<String> = rows[row][at("price")].lines().map(str::to_string).collect();
    let mut new_prices = prices.clone();
    new_prices[0] = "17500".into();
    rows[row][at("price")] = new_prices.join("\n");
    // Written back as Excel writes a CSV: BOM, CRLF, quotes where needed.
    let quote = |c: &str| {
        if c.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let mut edited = String::from("\u{feff}");
    for r in &rows {
        edited.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        edited.push_str("\r\n");
    }
    site.write("umkm-diedit.csv", &edited);
    let run = import(&site, "umkm-diedit.csv", &["--kind", "umkm"]);
    run.ok();
    assert!(run.stdout.contains("0 rows imported"), "{}", run.stdout);
    let mut changed = Vec::new();
    for (f, text) in &before {
        let now = std::fs::read_to_string(site.root().join("content").join(f)).unwrap();
        for (a, b) in text.lines().zip(now.lines()) {
            if a != b {
                changed.push(format!("{f}: {a} -> {b}"));
            }
        }
        assert_eq!(
            text.lines().count(),
            now.lines().count(),
            "{f}: lines added or removed"
        );
    }
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert!(
        changed.iter().any(|c| c.contains("0813-9999-0001")),
        "{changed:#?}"
    );
    assert!(changed.iter().any(|c| c.contains("17500")), "{changed:#?}");
    assert!(!old_phone.is_empty());
    // The next export: the edited values, every other cell as before.
    site.remove("umkm-diedit.csv");
    site.build(&[]).ok();
    let again =
        crate::opendata::csv_rows(site.read("data/umkm.csv").trim_start_matches('\u{feff}'));
    assert_eq!(again, rows, "the next export is the edited sheet");
}

/// Workbooks that claim far more than they hold: a tiny XLSX with a cell
/// at XFD1048576 and a dimension of a million by sixteen thousand cells,
/// and a tiny ODS whose rows and columns repeat as far. Each is a clear
/// error in well under a second, never an abort or gigabytes of memory.
#[test]
#[cfg(feature = "spreadsheet")]
fn workbooks_that_claim_a_huge_size_are_refused_cheaply() {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let zip_of = |parts: &[(&str, String)]| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let cell = |at: &str, v: &str| format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{v}</t></is></c>");
    let sheet = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>",
        cell("A1", "Nama Usaha"), cell("B1", "Kategori"), cell("C1", "Kecamatan"),
        cell("A2", "Toko Besar"), cell("B2", "kuliner"), cell("C2", "Bekasi Timur"),
    );
    let xlsx = zip_of(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", sheet),
    ]);
    let ods = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".into()),
        ("content.xml", r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>Nama Usaha</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#.into()),
    ]);
    // A part that declares 100 bytes and inflates to more.
    let mut liar = xlsx.clone();
    let name = b"xl/worksheets/sheet1.xml";
    let le32 = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let mut at = 0;
    while at + 46 < liar.len() {
        match le32(&liar, at) {
            // A local header: its name at 30, its size at 22.
            0x0403_4b50 if liar[at + 30..].starts_with(name) => {
                liar[at + 22..at + 26].copy_from_slice(&100u32.to_le_bytes())
            }
            // A central directory header: its name at 46, its size at 24.
            0x0201_4b50
                if liar[at + 46..].starts_with(name) && le16(&liar, at + 28) == name.len() =>
            {
                liar[at + 24..at + 28].copy_from_slice(&100u32.to_le_bytes())
            }
            _ => {}
        }
        at += 1;
    }
    let site = Site::fixture("minimal");
    for (file, bytes) in [
        ("besar.xlsx", xlsx),
        ("besar.ods", ods),
        ("bohong.xlsx", liar),
    ] {
        assert!(bytes.len() < 4096, "{file}: {}", bytes.len());
        std::fs::write(site.root().join(file), bytes).unwrap();
        let started = std::time::Instant::now();
        let run = import(&site, file, &["--kind", "umkm"]);
        assert_eq!(run.code, 2, "{file}: {}{}", run.stdout, run.stderr);
        // A hang guard, as build_in_time has, not a speed target.
        assert!(
            started.elapsed().as_secs() < 20,
            "{file}: {:?}",
            started.elapsed()
        );
        assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
        assert!(!site.root().join("content/umkm/toko-besar.yaml").exists());
    }
    let run = import(&site, "bohong.xlsx", &["--kind", "umkm"]);
    assert!(
        run.stderr.contains("inflates past the size it declares"),
        "{}",
        run.stderr
    );
}

/// A list file past the size of one entry (the build reads lists up to
/// 64 MiB) is still matched on re-import, never written again as new.
#[test]
fn a_large_list_file_is_matched_on_reimport() {
    let site = Site::fixture("minimal");
    let mut sheet = String::from("Nama Pedagang;Kategori;Kecamatan;Alamat Usaha;Jadwal Jualan\r\n");
    for i in 0..6000 {
        sheet.push_str(&format!(
            "Pedagang Nomor {i:05};kuliner;Bekasi Timur;Jl. Panjang Sekali Dekat Pasar Nomor {i};Setiap hari dari pagi sampai sore kecuali hari libur nasional\r\n"
        ));
    }
    site.write("pkl.csv", &sheet);
    import(&site, "pkl.csv", &["--kind", "pkl"]).ok();
    let list = site.root().join("content/pkl/pkl.yaml");
    assert!(
        std::fs::metadata(&list).unwrap().len() > 1 << 20,
        "over 1 MiB"
    );
    let run = import(&site, "pkl.csv", &["--kind", "pkl"]);
    run.ok();
    assert!(run.stdout.contains("0 rows imported"), "{}", run.stdout);
}

/// The workbook an office downloads (data/semua.xlsx): each kind's sheet
/// and the products sheet import back into the site they came from with
/// no change; a phone changed in the UMKM sheet and a price in the
/// products sheet change exactly those two lines; the next workbook holds
/// the new values and imports back with no change again.
#[test]
#[cfg(feature = "spreadsheet")]
fn an_edited_workbook_changes_exactly_what_was_edited() {
    use std::io::{Read, Write};
    let site = Site::sample();
    site.build(&[]).ok();
    let texts = |site: &Site| -> Vec<(String, String)> {
        list_files(&site.root().join("content"))
            .into_iter()
            .filter(|f| f.ends_with(".md") || f.ends_with(".yaml"))
            .map(|f| {
                let text = std::fs::read_to_string(site.root().join("content").join(&f)).unwrap();
                (f, text)
            })
            .collect()
    };
    let before = texts(&site);
    let unchanged = |site: &Site, file: &str| {
        for args in [
            &["--kind", "umkm"][..],
            &["--kind", "koperasi"],
            &["--kind", "pkl"],
            &["--kind", "umkm", "--sheet", "produk"],
            &["--kind", "koperasi", "--sheet", "produk"],
            &["--kind", "pkl", "--sheet", "produk"],
        ] {
            let run = import(site, file, args);
            run.ok();
            assert!(
                run.stdout.contains(" 0 files written"),
                "{args:?}: {}",
                run.stdout
            );
        }
    };
    let workbook = std::fs::read(site.public().join("data/semua.xlsx")).unwrap();
    site.write_bytes("semua.xlsx", &workbook);
    unchanged(&site, "semua.xlsx");
    assert!(
        before == texts(&site),
        "an unchanged workbook changes no file"
    );

    // Edited: the parts read, two cells changed, written again.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        parts.push((f.name().to_string(), text));
    }
    // The cell under `header` in the first row of `slug`, set to `to`.
    let set_cell = |xml: &mut String, slug: &str, header: &str, to: &str| {
        let head = &xml[xml.find("<row r=\"1\">").unwrap()..];
        let head = &head[..head.find("</row>").unwrap()];
        let at = head.find(&format!(">{header}<")).expect("the column");
        let c = head[..at].rfind("<c r=\"").unwrap() + 6;
        let letters: String = head[c..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        let at = xml.find(&format!(">{slug}<")).expect("the entry's row");
        let start = xml[..at].rfind("<row r=\"").unwrap();
        let n: String = xml[start + 8..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let cell = start
            + xml[start..]
                .find(&format!("<c r=\"{letters}{n}\""))
                .expect("the cell");
        let text = cell + xml[cell..].find("preserve\">").unwrap() + 10;
        let end = text + xml[text..].find("</t>").unwrap();
        xml.replace_range(text..end, to);
    };
    for (name, text) in &mut parts {
        match name.as_str() {
            "xl/worksheets/sheet1.xml" => {
                set_cell(text, "keripik-tempe-bu-sri", "whatsapp", "0813-9999-0001")
            }
            "xl/worksheets/sheet4.xml" => set_cell(text, "keripik-tempe-bu-sri", "price", "17500"),
            _ => {}
        }
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in &parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    site.write_bytes("diedit.xlsx", &out.finish().unwrap().into_inner());
    import(&site, "diedit.xlsx", &["--kind", "umkm"]).ok();
    import(
        &site,
        "diedit.xlsx",
        &["--kind", "umkm", "--sheet", "produk"],
    )
    .ok();
    let mut changed = Vec::new();
    for ((f, was), (_, now)) in before.iter().zip(texts(&site)) {
        assert_eq!(was.lines().count(), now.lines().count(), "{f}");
        for (a, b) in was.lines().zip(now.lines()) {
            if a != b {
                changed.push(format!("{f}: {a} -> {b}"));
            }
        }
    }
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert!(
        changed[0].contains("whatsapp: 0813-9999-0001"),
        "{changed:#?}"
    );
    assert!(changed[1].contains("price: 17500"), "{changed:#?}");

    // The next workbook: the new values, and nothing to change again.
    for f in ["semua.xlsx", "diedit.xlsx"] {
        site.remove(f);
    }
    for f in list_files(site.root()) {
        if f.ends_with(".laporan.csv") {
            site.remove(&f);
        }
    }
    site.build(&[]).ok();
    let again = std::fs::read(site.public().join("data/semua.xlsx")).unwrap();
    site.write_bytes("lagi.xlsx", &again);
    let after = texts(&site);
    unchanged(&site, "lagi.xlsx");
    assert!(after == texts(&site), "the next workbook changes nothing");
}

/// An office empties a certificate's cell and adds a product on a new line
/// of the products' cells: the certificate's line goes, the product is a
/// new line at the end of the list, in the hand-written Markdown entry;
/// nothing else moves, and the site still checks.
#[test]
fn an_emptied_cell_and_an_added_product_are_written_in_place() {
    let site = Site::sample();
    site.build(&[]).ok();
    let file = "content/umkm/bekasi-timur/keripik-tempe-bu-sri.md";
    let before = site.read_root(file);
    let mut table = Export::of(&site, "umkm.csv");
    let slug = "keripik-tempe-bu-sri";
    assert!(!table.cell(slug, "halal").is_empty());
    table.cell(slug, "halal").clear();
    for (col, value) in [
        ("products", "Keripik Tempe Pedas, Level 3"),
        ("price", "16000"),
        ("unit", "bungkus 200 g"),
        ("products_halal", "ya"),
    ] {
        table.cell(slug, col).push('\n');
        table.cell(slug, col).push_str(value);
    }
    table.save(&site, "umkm-diedit.csv");
    import(&site, "umkm-diedit.csv", &["--kind", "umkm"]).ok();
    let after = site.read_root(file);
    let gone: Vec<&str> = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(gone.len(), 1, "{gone:#?}");
    assert!(gone[0].contains("type: halal"), "{gone:#?}");
    assert_eq!(
        added,
        ["  - { name: \"Keripik Tempe Pedas, Level 3\", price: 16000, unit: bungkus 200 g, halal: true }"]
    );
    site.remove("umkm-diedit.csv");
    site.check(&[]).ok();
}
