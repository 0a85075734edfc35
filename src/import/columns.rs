//! What each column of an office's sheet holds: recognised from its header
//! (Indonesian headers as offices write them, the schema's field keys and
//! staff words), or named by the map file.

use crate::model::Kind;
use crate::schema::{Def, EntryField, Publish, Shape, CERTIFICATES, ENTRY};

/// Where a column's cells go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A text field of the entry, by its key (`address`, `nib`, ...).
    Field(&'static str),
    /// Product names, one per line or separated by `;`.
    Products,
    /// The price of the first product (or one per product, like the names).
    Price,
    Unit,
    /// A certificate: `halal`, `pirt`, `bpom` or `sni`; the cell is its
    /// number, a yes, or a status (`Proses`, `Belum`).
    Certificate(&'static str),
    /// A certificate's last day (`halal_valid_until`).
    CertificateUntil(&'static str),
    /// Certificates of no known type, one per line.
    OtherCertificates,
    /// Each product's halal mark, one per line (`ya`, `-`).
    ProductHalal,
    /// Each product's description and picture, one per line (`-`: none).
    ProductDescription,
    ProductImage,
    /// Awards, one per line: titles, years, prizes.
    Awards,
    AwardYear,
    AwardPrize,
    /// A cooperative's deed: `notary`, `number` or `date`.
    Deed(&'static str),
    /// The file an entry lives in (the tables' last column): a re-import
    /// matches by it after the slug.
    File,
    /// Which kind a row is (the table of all kinds, the products sheet): a
    /// row of another kind than `--kind` is skipped.
    Kind,
    /// `-6.24, 106.99`
    Geo,
    /// "No HP/WA": one number that is both, or a phone and a WhatsApp
    /// number (`0812… / 0813…`, `0812… (WA)`).
    PhoneAndWhatsapp,
    Lat,
    Lon,
    /// Personal data: kept in `private`, never published.
    Private(String),
    /// Anything else: kept in `extra`, for themes.
    Extra(String),
    /// Left out on purpose (a row number, or the map says so); reported.
    Skip,
}

/// Headers of personal data: never published without the owner's consent
/// (UU PDP), so they go to `private` unless the map says otherwise.
const PERSONAL: &[&str] = &[
    "nik",
    "noktp",
    "nomorktp",
    "ktp",
    "nikpemilik",
    "nokk",
    "nomorkk",
    "kk",
    "nomorkartukeluarga",
    "namapemilik",
    "pemilik",
    "namapemilikusaha",
    "namapenanggungjawab",
    "tanggallahir",
    "tgllahir",
    "tempattanggallahir",
    "tempattgllahir",
    "ttl",
    "alamatrumah",
    "alamatpemilik",
    "alamatktp",
    "alamatdomisili",
    "nohppribadi",
    "hppribadi",
    "nomorhppribadi",
    "notelppribadi",
    "wapribadi",
    "emailpribadi",
    "jeniskelamin",
    "agama",
    "npwp",
    "npwppribadi",
    "ibukandung",
    "namaibukandung",
    "statusperkawinan",
    "pendidikan",
    "pendidikanterakhir",
    "omzet",
    "omset",
    "penghasilan",
    "pendapatan",
    "norekening",
    "nomorrekening",
];

/// The row of the table's headers among the first 30: the one where most
/// cells name something import knows (a field, a product column, a
/// certificate, personal data) or the map file names, with at least two;
/// the first of equals. Title rows above it and notes hold one or none.
pub(crate) fn header_row(
    rows: &[Vec<String>],
    kind: Kind,
    named: impl Fn(&str) -> bool,
) -> Option<usize> {
    let score = |row: &Vec<String>| {
        row.iter()
            .filter(|h| !h.trim().is_empty())
            .filter(|h| named(h) || !matches!(recognise(h, kind), Target::Extra(_) | Target::Skip))
            .count()
    };
    let (best, at) = rows
        .iter()
        .take(30)
        .enumerate()
        .map(|(i, r)| (score(r), i))
        .fold((0, 0), |b, (s, i)| if s > b.0 { (s, i) } else { b });
    (best >= 2).then_some(at)
}

/// Whether a header names personal or confidential data: the owner's
/// identity, home, private phone, money. Compared by the words it holds,
/// so "NIK Pemilik Usaha", "Nomor Induk Kependudukan", "No. HP Pemilik"
/// and "Omzet/Tahun" are all caught.
fn personal(k: &str) -> bool {
    const STARTS: &[&str] = &[
        "nik",
        "npwp",
        "omzet",
        "omset",
        "penghasilan",
        "pendapatan",
        "aset",
        "asset",
        "gaji",
        "upah",
        "norek",
        "nomorrek",
        "rekening",
        "nokk",
        "nomorkk",
        "kk",
        "tanggallahir",
        "tgllahir",
        "tempatlahir",
        "tempattanggallahir",
        "tempattgllahir",
        "ttl",
        "agama",
        "jeniskelamin",
        "statusperkawinan",
        "pendidikan",
        "ibukandung",
        "namaibu",
        "noktp",
        "nomorktp",
        "ktp",
        "laba",
        "keuntungan",
        "modal",
        "pinjaman",
        "kredit",
    ];
    const HOLDS: &[&str] = &[
        "pemilik",
        "pribadi",
        "kependudukan",
        "alamatrumah",
        "tempattinggal",
        "domisili",
        "ktp",
        "penanggungjawab",
    ];
    PERSONAL.contains(&k)
        || STARTS.iter().any(|s| k.starts_with(s))
        || HOLDS.iter().any(|s| k.contains(s))
}

/// Two columns that fill one field. "Nama" beside "Nama Usaha", or
/// "Alamat" beside "Alamat Usaha", is the owner's name or home: kept
/// private, and said so. Any other pair is a conflict no guess may settle
/// (the owner's number published as the shop's): an error naming both,
/// so nothing is written until the map file says which is which. Returns
/// the notes for the columns it changed, by their index.
pub(crate) fn settle_conflicts(
    cols: &mut [super::Column],
    named: impl Fn(&str) -> bool,
) -> Result<Vec<(usize, String)>, crate::message::Message> {
    const GENERIC: &[(&str, &[&str])] = &[
        ("name", &["nama", "namalengkap"]),
        ("address", &["alamat", "alamatlengkap"]),
    ];
    let mut notes = Vec::new();
    // The fields a column fills: "No HP/WA" fills two.
    let fills = |t: &Target, field: &str| match t {
        Target::Field(f) => *f == field,
        Target::PhoneAndWhatsapp => {
            field == EntryField::Phone.key() || field == EntryField::Whatsapp.key()
        }
        _ => false,
    };
    let mut fields: Vec<&'static str> = cols
        .iter()
        .flat_map(|c| match c.target {
            Target::Field(f) => vec![f],
            Target::PhoneAndWhatsapp => vec![EntryField::Phone.key(), EntryField::Whatsapp.key()],
            _ => vec![],
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    for field in fields {
        let same: Vec<usize> = (0..cols.len())
            .filter(|&i| fills(&cols[i].target, field))
            .collect();
        if same.len() < 2 {
            continue;
        }
        let generic = GENERIC.iter().find(|(f, _)| *f == field).map(|(_, w)| *w);
        let is_generic = |i: usize| {
            generic.is_some_and(|w| w.contains(&header_key(&cols[i].header).as_str()))
                && !named(&cols[i].header)
        };
        let specific: Vec<usize> = same.iter().copied().filter(|&i| !is_generic(i)).collect();
        if specific.len() == 1 {
            let generics: Vec<usize> = same.iter().copied().filter(|&i| is_generic(i)).collect();
            for i in generics {
                let header = cols[i].header.clone();
                let kept = cols[specific[0]].header.clone();
                cols[i].target = Target::Private(data_key(&header));
                notes.push((
                    cols[i].index,
                    format!(
                        "dianggap data pribadi pemilik, karena \"{kept}\" sudah mengisi `{field}`"
                    ),
                ));
            }
            continue;
        }
        let headers: Vec<String> = same
            .iter()
            .map(|&i| format!("\"{}\"", cols[i].header))
            .collect();
        let list = headers.join(", ");
        return Err(msg!(
            "kolom {list} sama-sama diartikan `{field}`; tidak ada yang ditulis. Sebutkan di berkas peta (--map) kolom mana yang `{field}` dan apa yang lain (`private`, `extra` atau `skip`)",
            "columns {list} would all fill `{field}`; nothing was written. Say in a map file (--map) which one is `{field}` and what the others are (`private`, `extra` or `skip`)"
        ));
    }
    Ok(notes)
}

/// A header as it is compared: lowercase letters and digits only, so
/// `No. HP`, `NO HP` and `no_hp` are one.
pub(crate) fn header_key(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A key for `private` or `extra` from a header: `Nama Pemilik` ->
/// `nama_pemilik`.
pub(crate) fn data_key(header: &str) -> String {
    let mut out = String::new();
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "kolom".into()
    } else {
        out
    }
}

/// What a column headed `header` holds in a sheet of `kind`.
pub(crate) fn recognise(header: &str, kind: Kind) -> Target {
    let k = header_key(header);
    if k.is_empty() || matches!(k.as_str(), "no" | "nourut" | "nomorurut" | "urut") {
        return Target::Skip;
    }
    if personal(&k) {
        return Target::Private(data_key(header));
    }
    match k.as_str() {
        "produk" | "namaproduk" | "produkutama" | "produkunggulan" | "jenisproduk" | "products"
        | "menu" | "barangdagangan" | "dagangan" | "komoditas" | "komoditi" => {
            return Target::Products
        }
        // One cell for both numbers, or one number that is both.
        "nohpwa" | "nohpwhatsapp" | "hpwa" | "telpwa" | "notelpwa" | "nowahp" | "nomorhpwa"
        | "kontak" | "nokontak" | "nomorkontak" => return Target::PhoneAndWhatsapp,
        "harga" | "hargaproduk" | "hargarp" | "hargasatuan" | "price" => return Target::Price,
        "satuan" | "kemasan" | "unit" => return Target::Unit,
        "productshalal" | "produkhalal" | "halalproduk" => return Target::ProductHalal,
        "productsdescription" | "keteranganproduk" | "deskripsiproduk" => {
            return Target::ProductDescription
        }
        "productsimage" | "fotoproduk" | "gambarproduk" => return Target::ProductImage,
        "awards" | "penghargaan" | "prestasi" => return Target::Awards,
        "awardsyear" | "tahunpenghargaan" => return Target::AwardYear,
        "awardsprize" | "hadiahpenghargaan" => return Target::AwardPrize,
        "file" | "berkasentri" => return Target::File,
        "certificationsother" | "sertifikatlain" | "sertifikasilain" | "izinlain" => {
            return Target::OtherCertificates
        }
        "kind" => return Target::Kind,
        // The products sheet's entry name, there to be read by people.
        "entry" => return Target::Skip,
        "koordinat" | "titikkoordinat" | "geo" | "titiklokasi" => return Target::Geo,
        "lat" | "latitude" | "lintang" => return Target::Lat,
        "long" | "lng" | "lon" | "longitude" | "bujur" => return Target::Lon,
        _ => {}
    }
    if let Some(c) = CERTIFICATES
        .iter()
        .find(|c| c.key == k || c.headers.contains(&k.as_str()))
    {
        return Target::Certificate(c.key);
    }
    if let Some(c) = CERTIFICATES.iter().find(|c| header_key(c.until) == k) {
        return Target::CertificateUntil(c.key);
    }
    if kind == Kind::Koperasi {
        match k.as_str() {
            "deednotary" | "notaris" | "notarisakta" => return Target::Deed("notary"),
            "deednumber" | "nomorakta" | "noakta" => return Target::Deed("number"),
            "deeddate" | "tanggalakta" | "tglakta" => return Target::Deed("date"),
            _ => {}
        }
    }
    // The schema's keys and the words staff and offices write for them
    // (`kecamatan`, `Nama Usaha`, `No. Telp`).
    for d in ENTRY {
        let words = std::iter::once(d.key).chain(d.staff_words.iter().copied());
        if words.map(header_key).any(|w| w == k) {
            if let Some(t) = field(d.key, kind) {
                return t;
            }
        }
    }
    Target::Extra(data_key(header))
}

/// The target for field `key`, when a column can fill it for `kind`:
/// a field that may be published whose value fits one cell (pictures by
/// their file names, one per line; `extra` as YAML).
pub(crate) fn field(key: &str, kind: Kind) -> Option<Target> {
    let d = ENTRY
        .iter()
        .find(|d| d.key == key && d.kinds.contains(&kind))?;
    let fits =
        d.shape.in_one_cell() || matches!(d.shape, Shape::Picture | Shape::Pictures | Shape::Extra);
    (d.publish != Publish::Never && fits).then_some(Target::Field(d.key))
}

/// The schema's row of an entry field.
pub(crate) fn def(key: &str) -> Option<&'static Def<EntryField>> {
    ENTRY.iter().find(|d| d.key == key)
}

/// A target as the map file names it: a field key, `products`, `price`,
/// `unit`, `geo`, `lat`, `lon`, `halal`/`pirt`/`bpom`/`sni`, `private`,
/// `extra` or `skip`.
pub(crate) fn named(target: &str, header: &str, kind: Kind) -> Option<Target> {
    Some(match target.trim() {
        "products" => Target::Products,
        "price" => Target::Price,
        "unit" => Target::Unit,
        "geo" => Target::Geo,
        "lat" => Target::Lat,
        "lon" => Target::Lon,
        "private" => Target::Private(data_key(header)),
        "extra" => Target::Extra(data_key(header)),
        "skip" => Target::Skip,
        "file" => Target::File,
        "kind" => Target::Kind,
        "awards" => Target::Awards,
        "products_halal" => Target::ProductHalal,
        "products_description" => Target::ProductDescription,
        "products_image" => Target::ProductImage,
        "awards_year" => Target::AwardYear,
        "awards_prize" => Target::AwardPrize,
        "certifications_other" => Target::OtherCertificates,
        "deed_notary" if kind == Kind::Koperasi => Target::Deed("notary"),
        "deed_number" if kind == Kind::Koperasi => Target::Deed("number"),
        "deed_date" if kind == Kind::Koperasi => Target::Deed("date"),
        other => match CERTIFICATES
            .iter()
            .find(|c| c.key == other || c.until == other)
        {
            Some(c) if c.key == other => Target::Certificate(c.key),
            Some(c) => Target::CertificateUntil(c.key),
            None => field(other, kind)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_headers_offices_write() {
        let t = |h: &str| recognise(h, Kind::Umkm);
        assert_eq!(t("Nama Usaha"), Target::Field("name"));
        assert_eq!(t("NAMA UMKM"), Target::Field("name"));
        assert_eq!(t("Jenis Usaha"), Target::Field("category"));
        assert_eq!(t("Kategori"), Target::Field("category"));
        assert_eq!(t("Kecamatan"), Target::Field("district"));
        assert_eq!(t("Kelurahan/Desa"), Target::Field("village"));
        assert_eq!(t("Alamat"), Target::Field("address"));
        assert_eq!(t("No. HP"), Target::Field("phone"));
        assert_eq!(t("No WA"), Target::Field("whatsapp"));
        assert_eq!(t("Telp"), Target::Field("phone"));
        assert_eq!(t("E-mail"), Target::Field("email"));
        assert_eq!(t("NIB"), Target::Field("nib"));
        assert_eq!(t("KBLI"), Target::Field("kbli"));
        assert_eq!(t("Produk"), Target::Products);
        assert_eq!(t("Harga"), Target::Price);
        assert_eq!(t("Tahun Berdiri"), Target::Field("founded"));
        assert_eq!(t("Skala Usaha"), Target::Field("scale"));
        assert_eq!(t("Sertifikat Halal"), Target::Certificate("halal"));
        assert_eq!(t("Koordinat"), Target::Geo);
        assert_eq!(t("Lat"), Target::Lat);
        assert_eq!(t("Long"), Target::Lon);
        assert_eq!(t("Keterangan"), Target::Field("description"));
        assert_eq!(t("No"), Target::Skip);
    }

    #[test]
    fn personal_data_goes_to_private_and_the_rest_to_extra() {
        let t = |h: &str| recognise(h, Kind::Umkm);
        for h in [
            "NIK",
            "No. KTP",
            "No. KK",
            "Nama Pemilik",
            "Tanggal Lahir",
            "Alamat Rumah",
            "No. HP Pribadi",
        ] {
            assert!(matches!(t(h), Target::Private(_)), "{h}");
        }
        assert_eq!(t("Nama Pemilik"), Target::Private("nama_pemilik".into()));
        assert_eq!(
            t("Jumlah Karyawan"),
            Target::Extra("jumlah_karyawan".into())
        );
        // A koperasi's fields are not a UMKM's.
        assert_eq!(t("Jumlah Anggota"), Target::Extra("jumlah_anggota".into()));
        assert_eq!(
            recognise("Jumlah Anggota", Kind::Koperasi),
            Target::Field("members")
        );
        assert_eq!(recognise("Jenis Lapak", Kind::Pkl), Target::Field("stall"));
    }
}
