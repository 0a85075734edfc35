//! The field schema: every field of an entry, a programme, an event and a
//! free page, defined once.
//!
//! Each row names the field's key, the kinds that have it, whether it is
//! required, what it means and an example (in the staff's Bahasa
//! Indonesia), and the words office staff write for it instead
//! (`kecamatan` for `district`). The known-key lists, "did you mean", the
//! required-field checks, the readers' dispatch (each reader matches its
//! enum exhaustively, so a field without a handler does not compile) and
//! the field tables of the staff guide all come from here; so will import
//! columns, `new` templates and export columns.

use crate::message::Message;
use crate::model::Kind;

/// One field of one family of items.
pub(crate) struct Def<F: 'static> {
    pub(crate) field: F,
    pub(crate) key: &'static str,
    /// The kinds of item that have it.
    pub(crate) kinds: &'static [Kind],
    pub(crate) required: bool,
    /// One line for the staff guide, in Bahasa Indonesia; also the
    /// comment of the field in the files `new` writes.
    pub(crate) meaning: &'static str,
    /// As written in YAML (in backticks), or where the guide shows one
    /// ("lihat 9.4"): for the guide and `new`'s files.
    pub(crate) example: &'static str,
    /// Other names staff give the field, answered with its key.
    pub(crate) staff_words: &'static [&'static str],
    /// What its value is: every output and `import` read and write it by
    /// its shape.
    pub(crate) shape: Shape,
    /// A short name for column headers and reports (`nama usaha`).
    pub(crate) title: &'static str,
    /// Where it may be shown.
    pub(crate) publish: Publish,
    /// Whether a list of entries shows it of each (a GeoJSON feature's
    /// properties, a search result).
    pub(crate) summary: bool,
    /// Where a match in it ranks in search (1 first); 0: not searched.
    pub(crate) search: u8,
}

/// How a field is shown: its shape, title and places (the last argument
/// of a row of `fields!`).
pub(crate) struct Out {
    shape: Shape,
    title: &'static str,
    publish: Publish,
    summary: bool,
    search: u8,
}

impl Out {
    /// In a list of entries too.
    const fn summary(self) -> Out {
        Out {
            summary: true,
            ..self
        }
    }

    /// Searched, ranking `rank` (1 first).
    const fn search(self, rank: u8) -> Out {
        Out {
            search: rank,
            ..self
        }
    }
}

/// A field shown on the pages and in every download.
const fn all(shape: Shape, title: &'static str) -> Out {
    Out {
        shape,
        title,
        publish: Publish::All,
        summary: false,
        search: 0,
    }
}

/// A field shown on the pages only (`featured`, `extra`).
const fn pages(shape: Shape, title: &'static str) -> Out {
    Out {
        publish: Publish::Pages,
        ..all(shape, title)
    }
}

/// A field never shown (`draft`, `private`).
const fn never(shape: Shape, title: &'static str) -> Out {
    Out {
        publish: Publish::Never,
        ..all(shape, title)
    }
}

/// The kind of value a field holds, as the outputs and `import` see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One line of text.
    Text,
    /// The item's address (`slug`).
    Slug,
    /// A category of site.yaml, by slug.
    Category,
    /// A kecamatan of site.yaml, by name or alias.
    District,
    /// A kelurahan of the entry's kecamatan.
    Village,
    /// `{lat, lon}`.
    Geo,
    Phone,
    Email,
    /// An http(s) address anywhere.
    Web,
    /// A handle or an address on a social network's own hosts; a handle
    /// links to `base` followed by it.
    Social {
        base: &'static str,
        hosts: &'static [&'static str],
    },
    /// An online shop's address, on the platform's own hosts only.
    Shop {
        hosts: &'static [&'static str],
    },
    /// Opening hours per day.
    Hours,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// A number of exactly this many digits, kept as text (NIB).
    Digits(usize),
    /// A list of 5-digit codes (KBLI).
    Codes,
    Certifications,
    /// Programme slugs.
    Programmes,
    Awards,
    /// A list of free words.
    Tags,
    Products,
    /// A picture's file.
    Picture,
    Pictures,
    Year,
    /// A whole number of things (members).
    Count,
    Flag,
    Date,
    /// `aktif` or `tutup`.
    Status,
    /// Free-form data for themes.
    Extra,
    /// Office-only data, never published.
    Private,
    /// The Markdown description.
    Markdown,
    /// A cooperative's deed: notary, number, date.
    Deed,
    /// A programme's target: count, year, label.
    Target,
    /// A date, or a date and a time.
    DateTime,
    /// Entries by `kind/slug` (an event's participants).
    Participants,
}

impl Shape {
    /// Whether a value of this shape is written in one cell of a table.
    pub(crate) fn in_one_cell(self) -> bool {
        match self {
            Shape::Text
            | Shape::Slug
            | Shape::Category
            | Shape::District
            | Shape::Village
            | Shape::Phone
            | Shape::Email
            | Shape::Web
            | Shape::Social { .. }
            | Shape::Shop { .. }
            | Shape::Choice(_)
            | Shape::Digits(_)
            | Shape::Codes
            | Shape::Tags
            | Shape::Status
            | Shape::Markdown
            | Shape::Year
            | Shape::Count
            | Shape::Flag
            | Shape::Date
            // One line per day (`senin: 08:00-16:00`), slugs by commas.
            | Shape::Hours
            | Shape::Programmes => true,
            Shape::Geo
            | Shape::Certifications
            | Shape::Awards
            | Shape::Products
            | Shape::Picture
            | Shape::Pictures
            | Shape::Extra
            | Shape::Private
            | Shape::Deed
            | Shape::Target
            | Shape::DateTime
            | Shape::Participants => false,
        }
    }
}

/// Where a field may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Publish {
    /// On the pages and in every download.
    All,
    /// On the pages only: it says how to show an entry (`featured`) or is
    /// the theme's own (`extra`).
    Pages,
    /// Nowhere: a draft is not published, `private` never leaves the
    /// office.
    Never,
}

const DIRECTORY: &[Kind] = &[Kind::Umkm, Kind::Koperasi, Kind::Pkl];
const KOPERASI: &[Kind] = &[Kind::Koperasi];
const PKL: &[Kind] = &[Kind::Pkl];
const PROGRAM: &[Kind] = &[Kind::Program];
const ACARA: &[Kind] = &[Kind::Acara];
const HALAMAN: &[Kind] = &[Kind::Halaman];

#[allow(clippy::too_many_arguments)]
const fn def<F>(
    field: F,
    key: &'static str,
    kinds: &'static [Kind],
    required: bool,
    meaning: &'static str,
    example: &'static str,
    staff_words: &'static [&'static str],
    out: Out,
) -> Def<F> {
    Def {
        field,
        key,
        kinds,
        required,
        meaning,
        example,
        staff_words,
        shape: out.shape,
        title: out.title,
        publish: out.publish,
        summary: out.summary,
        search: out.search,
    }
}

/// Shops' and social networks' own hosts.
const INSTAGRAM: &[&str] = &["instagram.com", "instagr.am"];
const FACEBOOK: &[&str] = &["facebook.com", "fb.com", "fb.me"];
const TIKTOK: &[&str] = &["tiktok.com"];
const TOKOPEDIA: &[&str] = &["tokopedia.com", "tokopedia.link"];
const SHOPEE: &[&str] = &["shopee.co.id", "shopee.com", "shp.ee"];
const GOFOOD: &[&str] = &["gofood.co.id", "gofood.link", "gojek.com"];
const GRABFOOD: &[&str] = &["grab.com", "grab.onelink.me"];
const SHOPEEFOOD: &[&str] = &["shopeefood.co.id", "spf.shopee.co.id"];

/// The entry tables' column of each product's halal mark, one per line.
pub(crate) const PRODUCTS_HALAL: &str = "products_halal";
/// The entry tables' columns of what else a product holds, one per line.
pub(crate) const PRODUCTS_DESCRIPTION: &str = "products_description";
pub(crate) const PRODUCTS_IMAGE: &str = "products_image";
/// The entry tables' columns of awards, one per line: the title in
/// `awards`, and these.
pub(crate) const AWARDS_YEAR: &str = "awards_year";
pub(crate) const AWARDS_PRIZE: &str = "awards_prize";
/// The entry tables' columns of a cooperative's deed.
pub(crate) const DEED_NOTARY: &str = "deed_notary";
pub(crate) const DEED_NUMBER: &str = "deed_number";
pub(crate) const DEED_DATE: &str = "deed_date";
/// The entry tables' column of certificates of no known type (`ISO
/// 9001`), one per line: its name, or a flow mapping when it has more
/// (`{type: ISO 9001, number: "123", status: proses}`).
pub(crate) const CERTIFICATES_OTHER: &str = "certifications_other";
/// In a row's certificates: the sheet has the column above, so the
/// entry's other certificates are the ones it gives (never written).
pub(crate) const CERTIFICATES_OTHER_MARK: &str = "*lain";
/// The entry tables' column naming the file an entry lives in
/// (`content/umkm/keripik.md`, `content/pkl/daftar.yaml`).
pub(crate) const FILE: &str = "file";

/// The keys of a map point (`geo: { lat, lon }`), and the entry tables'
/// columns that carry it.
pub(crate) const LAT: &str = "lat";
pub(crate) const LON: &str = "lon";

/// A certificate the directory knows by name: its `type` in an entry,
/// its label, the other ways staff write that type, and the words of a
/// sheet's column that holds its number (compared as `header_key`s).
pub(crate) struct Certificate {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    /// Columns of the open data's tables: what the cell holds.
    pub(crate) column: &'static str,
    /// The column of its last day (`halal_valid_until`).
    pub(crate) until: &'static str,
    pub(crate) spellings: &'static [&'static str],
    pub(crate) headers: &'static [&'static str],
}

/// The certificates with a column of their own, a badge and a count on
/// the statistics page; any other `type` is kept as `other` with its
/// label.
pub(crate) const CERTIFICATES: &[Certificate] = &[
    Certificate {
        key: "halal",
        until: "halal_valid_until",
        label: "Halal",
        column: "sertifikat halal: nomornya, ya, proses atau belum",
        spellings: &[],
        headers: &["sertifikathalal", "nomorhalal", "nosertifikathalal"],
    },
    Certificate {
        key: "pirt",
        until: "pirt_valid_until",
        label: "P-IRT",
        column: "P-IRT: nomornya, ya, proses atau belum",
        spellings: &["p-irt"],
        headers: &["sppirt", "nopirt", "nomorpirt"],
    },
    Certificate {
        key: "bpom",
        until: "bpom_valid_until",
        label: "BPOM",
        column: "BPOM: nomornya, ya, proses atau belum",
        spellings: &[],
        headers: &["nobpom", "nomorbpom", "izinedarbpom"],
    },
    Certificate {
        key: "sni",
        until: "sni_valid_until",
        label: "SNI",
        column: "SNI: nomornya, ya, proses atau belum",
        spellings: &[],
        headers: &["nosni"],
    },
];

/// The certificate a `type` names (`halal`, `P-IRT`), in any case.
pub(crate) fn certificate(word: &str) -> Option<&'static Certificate> {
    let w = word.trim().to_lowercase();
    CERTIFICATES
        .iter()
        .find(|c| c.key == w || c.spellings.contains(&w.as_str()))
}

/// Where a certificate stands, by the words entries and office sheets use:
/// the first word of each is the one written back (`status: proses`).
pub(crate) const CERT_STATUSES: &[(crate::model::CertStatus, &[&str])] = &[
    (
        crate::model::CertStatus::Certified,
        &[
            "terbit",
            "ada",
            "ya",
            "sudah",
            "sudah ada",
            "aktif",
            "berlaku",
            "certified",
            "yes",
        ],
    ),
    (
        crate::model::CertStatus::InProcess,
        &[
            "proses",
            "dalam proses",
            "sedang proses",
            "diproses",
            "diajukan",
            "pengajuan",
            "process",
            "pending",
        ],
    ),
    (
        crate::model::CertStatus::None,
        &[
            "belum",
            "belum ada",
            "tidak",
            "tidak ada",
            "none",
            "no",
            "-",
        ],
    ),
];

/// The status a word names (`Proses`, `sudah ada`), ignoring case and
/// spaces around it.
pub(crate) fn cert_status(word: &str) -> Option<crate::model::CertStatus> {
    let w = word.trim().to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    CERT_STATUSES
        .iter()
        .find(|(_, words)| words.contains(&w.as_str()))
        .map(|(s, _)| *s)
}

/// The word an entry file and the tables write for a status.
pub(crate) fn cert_status_word(status: crate::model::CertStatus) -> &'static str {
    CERT_STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("terbit", |(_, words)| words[0])
}

/// The kinds of stall of a street vendor.
pub(crate) const STALLS: &[&str] = &["gerobak", "tenda", "kios", "lapak", "motor"];
pub(crate) const SCALES: &[&str] = &["mikro", "kecil", "menengah"];

/// Defines a family's field enum and its table together, so every field
/// has exactly one row and every row one variant.
macro_rules! fields {
    (
        $(#[$doc:meta])*
        $enum:ident, $table:ident,
        $( $variant:ident => ($key:literal, $kinds:expr, $required:literal, $meaning:literal, $example:literal, &[$($word:literal),*], $shape:expr), )*
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $enum {
            $($variant),*
        }

        pub(crate) const $table: &[Def<$enum>] = &[
            $(def($enum::$variant, $key, $kinds, $required, $meaning, $example, &[$($word),*], $shape)),*
        ];

        impl $enum {
            /// The field's key, as its row writes it.
            #[allow(dead_code)]
            pub(crate) const fn key(self) -> &'static str {
                match self {
                    $($enum::$variant => $key),*
                }
            }
        }
    };
}

fields! {
    /// The fields of businesses, cooperatives and street vendors.
    EntryField, ENTRY,
        Name => ("name", DIRECTORY, true, "nama usaha", "`Keripik Tempe Bu Sri`", &["nama", "nama_usaha", "title", "judul", "nama_umkm", "nama_toko", "nama_koperasi", "nama_pedagang", "nama_pkl", "nama_unit_usaha", "usaha"], all(Shape::Text, "nama usaha").summary().search(1)),
        Slug => ("slug", DIRECTORY, false, "alamat web (lihat bagian 8)", "`keripik-bu-sri`", &[], all(Shape::Slug, "alamat web (slug)").summary()),
        Category => ("category", DIRECTORY, true, "slug kategori dari `site.yaml`", "`makanan-ringan`", &["kategori", "jenis_usaha", "bidang", "bidang_usaha", "sektor", "sektor_usaha", "jenis_dagangan", "jenis_barang_dagangan"], all(Shape::Category, "slug kategori").summary().search(5)),
        District => ("district", DIRECTORY, true, "kecamatan (nama atau alias)", "`Bekasi Timur`", &["kecamatan", "kec"], all(Shape::District, "kecamatan").summary().search(6)),
        Village => ("village", DIRECTORY, false, "kelurahan di kecamatan itu", "`Durenjaya`", &["kelurahan", "kel", "desa", "kelurahan_desa", "desa_kelurahan", "kel_desa"], all(Shape::Village, "kelurahan").summary().search(7)),
        Address => ("address", DIRECTORY, false, "alamat jalan", "`Jl. Cut Mutia No. 17`", &["alamat", "jalan", "lokasi", "alamat_usaha", "alamat_tempat_usaha", "alamat_lengkap", "lokasi_berjualan", "lokasi_usaha", "tempat_usaha"], all(Shape::Text, "alamat").summary().search(4)),
        Geo => ("geo", DIRECTORY, false, "titik peta `{lat, lon}`", "`{ lat: -6.2337, lon: 107.0212 }`", &["koordinat", "peta", "titik", "location"], all(Shape::Geo, "titik peta")),
        Phone => ("phone", DIRECTORY, false, "nomor telepon", "`\"0812-3456-7001\"`", &["telepon", "telp", "tlp", "hp", "no_hp", "nomor_hp", "no_telp", "telephone", "no_handphone", "no_telepon", "nomor_telepon", "telpon"], all(Shape::Phone, "telepon").summary()),
        Whatsapp => ("whatsapp", DIRECTORY, false, "nomor WhatsApp", "`\"+62 812 3456 7001\"`", &["wa", "no_wa", "nomor_wa", "no_whatsapp", "nomor_whatsapp"], all(Shape::Phone, "WhatsApp").summary()),
        Email => ("email", DIRECTORY, false, "alamat e-mail", "`toko@example.com`", &["surel", "e_mail", "mail", "alamat_email"], all(Shape::Email, "e-mail")),
        Website => ("website", DIRECTORY, false, "situs web, `http://` atau `https://`", "`https://keripikbusri.example.com/`", &["situs", "web", "url"], all(Shape::Web, "situs web")),
        Instagram => ("instagram", DIRECTORY, false, "akun Instagram (`@nama`) atau alamat web", "`\"@keripiktempebusri\"`", &["ig"], all(Shape::Social { base: "https://www.instagram.com/", hosts: INSTAGRAM }, "Instagram")),
        Facebook => ("facebook", DIRECTORY, false, "akun Facebook atau alamat web", "`keripikbusri`", &["fb"], all(Shape::Social { base: "https://www.facebook.com/", hosts: FACEBOOK }, "Facebook")),
        Tiktok => ("tiktok", DIRECTORY, false, "akun TikTok (`@nama`) atau alamat web", "`\"@keripikbusri\"`", &[], all(Shape::Social { base: "https://www.tiktok.com/@", hosts: TIKTOK }, "TikTok")),
        Tokopedia => ("tokopedia", DIRECTORY, false, "alamat toko Tokopedia", "`https://www.tokopedia.com/tokoku`", &[], all(Shape::Shop { hosts: TOKOPEDIA }, "toko Tokopedia")),
        Shopee => ("shopee", DIRECTORY, false, "alamat toko Shopee", "`https://shopee.co.id/tokoku`", &[], all(Shape::Shop { hosts: SHOPEE }, "toko Shopee")),
        Gofood => ("gofood", DIRECTORY, false, "alamat warung di GoFood", "`https://gofood.co.id/bekasi/restaurant/warung-bu-sri-1a2b3c`", &["go_food"], all(Shape::Shop { hosts: GOFOOD }, "GoFood")),
        Grabfood => ("grabfood", DIRECTORY, false, "alamat warung di GrabFood", "`https://food.grab.com/id/id/restaurant/warung-bu-sri-delivery/6-C2ABCD`", &["grab_food", "grab"], all(Shape::Shop { hosts: GRABFOOD }, "GrabFood")),
        Shopeefood => ("shopeefood", DIRECTORY, false, "alamat warung di ShopeeFood", "`https://shopeefood.co.id/bekasi/warung-bu-sri`", &["shopee_food"], all(Shape::Shop { hosts: SHOPEEFOOD }, "ShopeeFood")),
        Hours => ("hours", DIRECTORY, false, "jam buka per hari", "lihat 9.4", &["jam_buka", "jam", "jam_operasional", "buka", "opening_hours"], all(Shape::Hours, "jam buka")),
        Scale => ("scale", DIRECTORY, false, "`mikro`, `kecil`, atau `menengah`", "`mikro`", &["skala", "skala_usaha"], all(Shape::Choice(SCALES), "skala usaha")),
        Nib => ("nib", DIRECTORY, false, "Nomor Induk Berusaha, 13 angka", "`\"9120301234501\"`", &["no_nib", "nomor_nib", "nomor_induk_berusaha"], all(Shape::Digits(13), "Nomor Induk Berusaha")),
        Kbli => ("kbli", DIRECTORY, false, "daftar kode KBLI 2020, 5 angka", "`[\"10794\"]`", &["kode_kbli"], all(Shape::Codes, "kode KBLI 2020, dipisah koma")),
        Qris => ("qris", DIRECTORY, false, "NMID QRIS", "`\"ID1023240000101\"`", &["nmid", "nmid_qris"], all(Shape::Text, "NMID QRIS")),
        Certifications => ("certifications", DIRECTORY, false, "daftar sertifikat", "`[halal, pirt]`", &["sertifikat", "sertifikasi", "izin"], all(Shape::Certifications, "sertifikat")),
        Programs => ("programs", DIRECTORY, false, "daftar slug program yang diikuti", "`[opop]`", &["program", "programs_joined"], all(Shape::Programmes, "program").search(8)),
        Awards => ("awards", DIRECTORY, false, "daftar penghargaan", "lihat 9.8", &["penghargaan", "prestasi"], all(Shape::Awards, "penghargaan")),
        Tags => ("tags", DIRECTORY, false, "daftar label bebas", "`[oleh-oleh, keripik]`", &["tag", "label"], all(Shape::Tags, "label, dipisah koma").search(3)),
        Products => ("products", DIRECTORY, false, "daftar produk", "lihat 9.6", &["produk", "barang", "menu", "harga"], all(Shape::Products, "produk").search(2)),
        Logo => ("logo", DIRECTORY, false, "berkas gambar logo", "`logo-bu-sri.png`", &[], all(Shape::Picture, "logo")),
        Images => ("images", DIRECTORY, false, "daftar berkas foto", "`[toko.jpg, produk.jpg]`", &["foto", "gambar", "photos"], all(Shape::Pictures, "foto")),
        Founded => ("founded", DIRECTORY, false, "tahun berdiri", "`2012`", &["tahun_berdiri", "berdiri", "tahun_mulai_usaha"], all(Shape::Year, "tahun berdiri")),
        Featured => ("featured", DIRECTORY, false, "`true` untuk tampil di beranda", "`true`", &["unggulan"], pages(Shape::Flag, "unggulan")),
        Draft => ("draft", DIRECTORY, false, "`true` agar belum diterbitkan", "`true`", &["draf"], never(Shape::Flag, "draf")),
        Updated => ("updated", DIRECTORY, false, "tanggal perubahan terakhir", "`2026-10-02`", &["diperbarui", "tanggal_update", "tanggal_pembaruan"], all(Shape::Date, "tanggal perubahan terakhir")),
        Verified => ("verified", DIRECTORY, false, "tanggal terakhir dicek petugas", "`2026-09-15`", &["diverifikasi", "tanggal_verifikasi"], all(Shape::Date, "tanggal terakhir dicek petugas")),
        Status => ("status", DIRECTORY, false, "`aktif` atau `tutup`", "`tutup`", &[], all(Shape::Status, "aktif atau tutup").summary()),
        Extra => ("extra", DIRECTORY, false, "data bebas untuk tema", "lihat 9.10", &[], pages(Shape::Extra, "data bebas")),
        Private => ("private", DIRECTORY, false, "data internal, **tidak pernah diterbitkan**", "lihat 9.10", &["pribadi", "rahasia"], never(Shape::Private, "data internal")),
        Description => ("description", DIRECTORY, false, "deskripsi (hanya di bentuk YAML)", "lihat bagian 7", &["deskripsi", "keterangan", "uraian"], all(Shape::Markdown, "deskripsi (Markdown)").search(9)),
        LegalNumber => ("legal_number", KOPERASI, false, "nomor badan hukum", "`\"AHU-0004512.AH.01.29.TAHUN 2019\"`", &["badan_hukum", "nomor_badan_hukum", "no_bh"], all(Shape::Text, "nomor badan hukum")),
        CooperativeType => ("cooperative_type", KOPERASI, false, "jenis koperasi (teks bebas), misalnya simpan pinjam, konsumen, produsen, jasa, serba usaha", "`simpan pinjam`", &["jenis_koperasi"], all(Shape::Text, "jenis koperasi")),
        Sharia => ("sharia", KOPERASI, false, "`true` untuk koperasi syariah", "`true`", &["syariah"], all(Shape::Flag, "koperasi syariah: ya atau tidak")),
        Members => ("members", KOPERASI, false, "jumlah anggota (angka bulat)", "`412`", &["anggota", "jumlah_anggota"], all(Shape::Count, "jumlah anggota")),
        Mosque => ("mosque", KOPERASI, false, "nama masjid, untuk koperasi masjid", "`Masjid Jami' Al-Ikhlas Jatibening`", &["masjid", "nama_masjid"], all(Shape::Text, "masjid")),
        Deed => ("deed", KOPERASI, false, "akta pendirian: `notary`, `number`, `date`", "lihat contoh", &["akta", "akta_pendirian"], all(Shape::Deed, "akta pendirian")),
        Stall => ("stall", PKL, false, "jenis lapak: `gerobak`, `tenda`, `kios`, `lapak`, atau `motor`", "`gerobak`", &["lapak_jenis", "jenis_lapak", "lapak", "bentuk_lapak", "jenis_tempat_usaha"], all(Shape::Choice(STALLS), "jenis lapak")),
        Schedule => ("schedule", PKL, false, "jadwal dan lokasi berjualan, teks bebas", "`Setiap sore, depan Stasiun Bekasi`", &["jadwal", "jadwal_jualan", "jadwal_berjualan", "waktu_berjualan"], all(Shape::Text, "jadwal berjualan")),
}

fields! {
    /// The fields of one product of an entry.
    ProductField, PRODUCT,
        Name => ("name", DIRECTORY, true, "nama produk", "`Keripik Tempe Original`", &["nama", "nama_produk", "produk"], all(Shape::Text, "nama produk")),
        Price => ("price", DIRECTORY, false, "harga dalam **rupiah bulat**, tanpa titik", "`15000`", &["harga", "harga_rp"], all(Shape::Count, "harga (rupiah bulat)")),
        Unit => ("unit", DIRECTORY, false, "satuan", "`bungkus 200 g`", &["satuan", "kemasan"], all(Shape::Text, "satuan")),
        Image => ("image", DIRECTORY, false, "foto produk (aturan sama dengan `logo`, lihat 9.7)", "`keripik.jpg`", &["foto", "gambar"], all(Shape::Picture, "foto produk")),
        Description => ("description", DIRECTORY, false, "keterangan singkat", "`Pedas manis.`", &["keterangan", "deskripsi"], all(Shape::Markdown, "keterangan")),
        Halal => ("halal", DIRECTORY, false, "`true` bila produk halal", "`true`", &[], all(Shape::Flag, "halal")),
}

fields! {
    /// The fields of a programme.
    ProgrammeField, PROGRAMME,
        Name => ("name", PROGRAM, true, "nama program", "`One Pesantren One Product`", &["nama", "title", "judul"], all(Shape::Text, "nama")),
        Slug => ("slug", PROGRAM, false, "alamat web (bila tidak memakai nama berkas)", "`opop`", &[], all(Shape::Slug, "alamat web (slug)")),
        Summary => ("summary", PROGRAM, false, "ringkasan satu-dua kalimat", "`Pendampingan usaha pesantren.`", &["ringkasan"], all(Shape::Text, "ringkasan")),
        Target => ("target", PROGRAM, false, "sasaran: `{ count, year, label }`; `count` wajib", "`{ count: 600, year: 2026 }`", &["sasaran"], all(Shape::Target, "sasaran")),
        Achieved => ("achieved", PROGRAM, false, "capaian (angka bulat)", "`300`", &["capaian", "tercapai"], all(Shape::Count, "capaian")),
        Draft => ("draft", PROGRAM, false, "`true` agar belum diterbitkan", "`true`", &["draf"], never(Shape::Flag, "draf")),
        Extra => ("extra", PROGRAM, false, "data bebas untuk tema", "lihat 9.10", &[], pages(Shape::Extra, "data bebas")),
        Private => ("private", PROGRAM, false, "data internal, **tidak pernah diterbitkan**", "lihat 9.10", &["pribadi", "rahasia"], never(Shape::Private, "data internal")),
        Description => ("description", PROGRAM, false, "deskripsi (hanya di bentuk YAML; di Markdown: isi di bawah front matter)", "lihat bagian 7", &["deskripsi", "keterangan"], all(Shape::Markdown, "deskripsi")),
}

fields! {
    /// The fields of an event.
    EventField, EVENT,
        Name => ("name", ACARA, true, "nama acara", "`Bazaar Ramadhan 2026`", &["nama", "title", "judul"], all(Shape::Text, "nama")),
        Slug => ("slug", ACARA, false, "alamat web (bila tidak memakai nama berkas)", "`bazaar-ramadhan`", &[], all(Shape::Slug, "alamat web (slug)")),
        Start => ("start", ACARA, true, "mulai: tanggal `2026-02-23` atau tanggal dan jam `2026-02-23T15:00`", "`2026-02-23T15:00`", &["date", "mulai", "tanggal", "tanggal_mulai", "waktu"], all(Shape::DateTime, "mulai")),
        End => ("end", ACARA, false, "selesai, bentuk sama; tidak boleh sebelum `start`", "`2026-03-15`", &["selesai", "sampai", "tanggal_selesai"], all(Shape::DateTime, "selesai")),
        Venue => ("venue", ACARA, false, "tempat", "`Alun-alun Kota Bekasi`", &["tempat", "lokasi", "lokasi_acara"], all(Shape::Text, "tempat")),
        District => ("district", ACARA, false, "kecamatan tempat acara (dari `site.yaml`)", "`Bekasi Selatan`", &["kecamatan", "kec"], all(Shape::District, "kecamatan")),
        Geo => ("geo", ACARA, false, "titik peta `{lat, lon}`", "`{ lat: -6.2383, lon: 106.9756 }`", &["koordinat", "peta", "titik"], all(Shape::Geo, "titik peta")),
        Programs => ("programs", ACARA, false, "daftar slug program terkait", "`[opop]`", &["program"], all(Shape::Programmes, "program")),
        Participants => ("participants", ACARA, false, "daftar peserta, ditulis `jenis/slug`", "`[umkm/keripik-bu-sri]`", &["peserta"], all(Shape::Participants, "peserta")),
        Draft => ("draft", ACARA, false, "`true` agar belum diterbitkan", "`true`", &["draf"], never(Shape::Flag, "draf")),
        Extra => ("extra", ACARA, false, "data bebas untuk tema", "lihat 9.10", &[], pages(Shape::Extra, "data bebas")),
        Private => ("private", ACARA, false, "data internal, **tidak pernah diterbitkan**", "lihat 9.10", &["pribadi", "rahasia"], never(Shape::Private, "data internal")),
        Description => ("description", ACARA, false, "deskripsi (hanya di bentuk YAML; di Markdown: isi di bawah front matter)", "lihat bagian 7", &["deskripsi", "keterangan"], all(Shape::Markdown, "deskripsi")),
}

fields! {
    /// The fields of a free page.
    PageField, PAGE,
        Title => ("title", HALAMAN, true, "judul halaman (bukan `name`)", "`Tentang Kami`", &["name", "judul", "nama"], all(Shape::Text, "judul")),
        Slug => ("slug", HALAMAN, false, "alamat web (bila tidak memakai nama berkas)", "`tentang`", &[], all(Shape::Slug, "alamat web (slug)")),
        Draft => ("draft", HALAMAN, false, "`true` agar belum diterbitkan", "`true`", &["draf"], never(Shape::Flag, "draf")),
        Updated => ("updated", HALAMAN, false, "tanggal perubahan terakhir", "`2026-10-02`", &["diperbarui"], all(Shape::Date, "tanggal perubahan terakhir")),
        Extra => ("extra", HALAMAN, false, "data bebas untuk tema", "lihat 9.10", &[], pages(Shape::Extra, "data bebas")),
        Private => ("private", HALAMAN, false, "data internal, **tidak pernah diterbitkan**", "lihat 9.10", &["pribadi", "rahasia"], never(Shape::Private, "data internal")),
        Description => ("description", HALAMAN, false, "isi halaman (hanya di bentuk YAML; di Markdown: isi di bawah front matter)", "lihat bagian 7", &["isi", "deskripsi", "konten"], all(Shape::Markdown, "deskripsi")),
}

/// Defines the keys of one mapping of site.yaml and their enum together,
/// so a reader matches the enum, never a string.
macro_rules! keys {
    (
        $(#[$doc:meta])*
        $enum:ident, $table:ident,
        $( $variant:ident => $key:literal, )*
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $enum {
            $($variant),*
        }

        pub(crate) const $table: &[(&str, $enum)] = &[
            $(($key, $enum::$variant)),*
        ];
    };
}

keys! {
    /// site.yaml's settings.
    SiteKey, SITE,
        Title => "title",
        Description => "description",
        BaseUrl => "base_url",
        Timezone => "timezone",
        Language => "language",
        Languages => "languages",
        Theme => "theme",
        Paginate => "paginate",
        Categories => "categories",
        Districts => "districts",
        City => "city",
        Province => "province",
        DataLicense => "data_license",
        Tiles => "tiles",
        Images => "images",
        BusinessTypes => "business_types",
        Extra => "extra",
}

keys! {
    /// A category of `categories`.
    CategoryKey, CATEGORY,
        Slug => "slug",
        Name => "name",
}

keys! {
    /// A kecamatan of `districts`.
    DistrictKey, DISTRICT,
        Name => "name",
        Code => "code",
        Aliases => "aliases",
        Villages => "villages",
}

keys! {
    /// A kelurahan of a district's `villages`, written as a mapping.
    VillageKey, VILLAGE,
        Name => "name",
        Code => "code",
        PostalCode => "postal_code",
}

keys! {
    /// `data_license`, written as a mapping.
    LicenseKey, LICENSE,
        Name => "name",
        Url => "url",
}

keys! {
    /// `images`: the limits on the pictures entries name.
    ImagesKey, IMAGES,
        MaxMb => "max_mb",
        MaxMegapixels => "max_megapixels",
        FullSize => "full_size",
}

keys! {
    /// `tiles`: the map's tile server.
    TilesKey, TILES,
        Url => "url",
        Attribution => "attribution",
        AttributionUrl => "attribution_url",
        MaxZoom => "max_zoom",
}

/// The keys an item of `kind` may have.
pub(crate) fn known<F>(defs: &[Def<F>], kind: Kind) -> Vec<&'static str> {
    defs.iter()
        .filter(|d| d.kinds.contains(&kind))
        .map(|d| d.key)
        .collect()
}

/// The field of `kind` with this key.
pub(crate) fn lookup<F: Copy>(defs: &[Def<F>], kind: Kind, key: &str) -> Option<F> {
    defs.iter()
        .find(|d| d.key == key && d.kinds.contains(&kind))
        .map(|d| d.field)
}

/// The row of a field.
pub(crate) fn row<F: Copy + PartialEq>(defs: &'static [Def<F>], field: F) -> &'static Def<F> {
    defs.iter()
        .find(|d| d.field == field)
        .expect("every field has its row (`fields!`)")
}

/// The required fields of `kind`.
pub(crate) fn required<F>(defs: &[Def<F>], kind: Kind) -> impl Iterator<Item = &Def<F>> {
    defs.iter()
        .filter(move |d| d.required && d.kinds.contains(&kind))
}

/// What to tell the author of an unknown key of an item of `kind`: the
/// field staff mean by that word, or which kind the field belongs to.
pub(crate) fn hint<F>(defs: &[Def<F>], kind: Kind, key: &str) -> Option<Message> {
    // `No. HP`, `Jam Buka`, `nama-usaha`: words joined by `_`.
    let lower = key.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let word = word.as_str();
    let own = defs.iter().filter(|d| d.kinds.contains(&kind));
    if let Some(d) = own.clone().find(|d| d.key == word) {
        // The right key in other capitals or spacing: `Name`, `District `.
        let k = d.key;
        return Some(msg!("maksud Anda `{k}`?", "did you mean `{k}`?"));
    }
    if let Some(d) = own.clone().find(|d| d.staff_words.contains(&word)) {
        let k = d.key;
        return Some(msg!("maksud Anda `{k}`?", "did you mean `{k}`?"));
    }
    let elsewhere = defs.iter().find(|d| d.key == key)?;
    Some(match elsewhere.kinds {
        [Kind::Koperasi] => msg!(
            "kolom ini hanya untuk koperasi (content/koperasi)",
            "it is a field of cooperatives (content/koperasi) only"
        ),
        [Kind::Pkl] => msg!(
            "kolom ini hanya untuk PKL (content/pkl)",
            "it is a field of street vendors (content/pkl) only"
        ),
        _ => return None,
    })
}

#[cfg(test)]
/// The staff guide's table of `kind`'s fields, as Markdown: the guide
/// carries it between `<!-- fields:NAME -->` markers, and a test keeps it
/// equal to this.
pub(crate) fn guide_table<F>(defs: &[Def<F>], kinds: &[Kind]) -> String {
    let mut out = String::from("| Kolom | Isi | Contoh |\n|---|---|---|\n");
    for d in defs.iter().filter(|d| d.kinds == kinds) {
        let required = if d.required { "**wajib**, " } else { "" };
        out.push_str(&format!(
            "| `{}` | {required}{} | {} |\n",
            d.key, d.meaning, d.example
        ));
    }
    out
}

#[cfg(test)]
/// The guide's tables: marker name, table.
pub(crate) fn guide_tables() -> Vec<(&'static str, String)> {
    vec![
        ("entry", guide_table(ENTRY, DIRECTORY)),
        ("koperasi", guide_table(ENTRY, KOPERASI)),
        ("pkl", guide_table(ENTRY, PKL)),
        ("produk", guide_table(PRODUCT, DIRECTORY)),
        ("program", guide_table(PROGRAMME, PROGRAM)),
        ("acara", guide_table(EVENT, ACARA)),
        ("halaman", guide_table(PAGE, HALAMAN)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are unique within a family and kind, and no staff word is
    /// also a key of the same kind or the word of two fields.
    fn consistent<F>(defs: &[Def<F>]) {
        for kind in Kind::ALL {
            let own: Vec<&Def<F>> = defs.iter().filter(|d| d.kinds.contains(&kind)).collect();
            for (i, a) in own.iter().enumerate() {
                for b in &own[i + 1..] {
                    assert_ne!(a.key, b.key, "{kind:?}: `{}` twice", a.key);
                    for w in a.staff_words {
                        assert!(
                            !b.staff_words.contains(w),
                            "{kind:?}: `{w}` means two fields"
                        );
                    }
                }
                for w in a.staff_words {
                    assert!(
                        !own.iter().any(|d| d.key == *w),
                        "{kind:?}: `{w}` is a key and a staff word"
                    );
                }
            }
        }
    }

    #[test]
    fn tables_are_consistent() {
        consistent(ENTRY);
        consistent(PRODUCT);
        consistent(PROGRAMME);
        consistent(EVENT);
        consistent(PAGE);
    }

    #[test]
    fn staff_words_lead_to_the_field() {
        assert_eq!(
            hint(ENTRY, Kind::Umkm, "kecamatan")
                .map(|m| m.en)
                .as_deref(),
            Some("did you mean `district`?")
        );
        assert_eq!(
            hint(ENTRY, Kind::Pkl, "Jam Buka").map(|m| m.en).as_deref(),
            Some("did you mean `hours`?")
        );
        assert_eq!(
            hint(ENTRY, Kind::Umkm, "No. HP").map(|m| m.en).as_deref(),
            Some("did you mean `phone`?")
        );
        assert_eq!(
            hint(ENTRY, Kind::Umkm, "Name").map(|m| m.en).as_deref(),
            Some("did you mean `name`?")
        );
        assert_eq!(
            hint(ENTRY, Kind::Umkm, "members").map(|m| m.en).as_deref(),
            Some("it is a field of cooperatives (content/koperasi) only")
        );
        assert!(hint(ENTRY, Kind::Umkm, "zzz").is_none());
        assert_eq!(lookup(ENTRY, Kind::Umkm, "members"), None);
        assert_eq!(
            lookup(ENTRY, Kind::Koperasi, "members"),
            Some(EntryField::Members)
        );
    }

    /// The staff guide's field tables are the schema's: after a change to
    /// the schema, `ETALASE_BLESS=1 cargo test guide_tables` rewrites them.
    #[test]
    fn guide_tables_match_the_schema() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/panduan-format.md");
        let mut guide = std::fs::read_to_string(path).unwrap();
        let mut stale = Vec::new();
        for (name, table) in guide_tables() {
            let open = format!("<!-- fields:{name} -->\n");
            let close = "<!-- /fields -->";
            let start = guide
                .find(&open)
                .unwrap_or_else(|| panic!("the guide has no {open}"))
                + open.len();
            let end = start + guide[start..].find(close).expect("no closing marker");
            if guide[start..end] != table {
                stale.push(name);
                guide.replace_range(start..end, &table);
            }
        }
        if std::env::var_os("ETALASE_BLESS").is_some() {
            std::fs::write(path, &guide).unwrap();
            return;
        }
        assert!(
            stale.is_empty(),
            "docs/panduan-format.md's field tables {stale:?} differ from src/schema.rs; run ETALASE_BLESS=1 cargo test guide_tables and review the diff"
        );
    }
}
