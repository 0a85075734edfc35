//! What each column of an office's sheet holds: recognised from its header
//! (Indonesian headers as offices write them, the schema's field keys and
//! staff words), or named by the map file.

use crate::model::Kind;
use crate::schema::{Def, EntryField, Publish, CERTIFICATES, ENTRY};

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
    /// `-6.24, 106.99`
    Geo,
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
    if PERSONAL.contains(&k.as_str()) {
        return Target::Private(data_key(header));
    }
    match k.as_str() {
        "produk" | "namaproduk" | "produkutama" | "jenisproduk" | "products" | "menu" => {
            return Target::Products
        }
        "harga" | "hargaproduk" | "hargarp" | "hargasatuan" | "price" => return Target::Price,
        "satuan" | "kemasan" | "unit" => return Target::Unit,
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
/// a field every download carries whose value fits one cell.
pub(crate) fn field(key: &str, kind: Kind) -> Option<Target> {
    let d = ENTRY
        .iter()
        .find(|d| d.key == key && d.kinds.contains(&kind))?;
    (d.publish == Publish::All && d.shape.in_one_cell()).then_some(Target::Field(d.key))
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
