//! The stable code of every kind of problem (`E0203 unknown-field`),
//! printed with each message so that office staff can look it up in the
//! guide, where each code says in Bahasa Indonesia what it means and how to
//! fix it. A code, once given, keeps its number; a new kind of problem gets
//! a new one.

/// Defines the codes and their table together: one row each, so every
/// code has its number, name and guide text.
macro_rules! codes {
    ($( $code:ident = ($id:literal, $name:literal, $meaning:literal, $fix:literal), )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) const ALL: &'static [Code] = &[$(Code::$code),*];

            /// `E0203`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$code => $id),*
                }
            }

            /// `unknown-field`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$code => $name),*
                }
            }

            /// What it means, for the staff guide (Bahasa Indonesia).
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) fn meaning(self) -> &'static str {
                match self {
                    $(Code::$code => $meaning),*
                }
            }

            /// How to fix it, for the staff guide (Bahasa Indonesia).
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) fn fix(self) -> &'static str {
                match self {
                    $(Code::$code => $fix),*
                }
            }
        }
    };
}

codes! {
    Unreadable = ("E0101", "unreadable-file", "Berkas tidak bisa dibaca: bukan teks UTF-8, bukan berkas biasa (misalnya pipa), atau tidak boleh dibuka.", "Simpan ulang berkas sebagai teks UTF-8 biasa (di editor: Save As, encoding UTF-8), atau hapus berkas yang bukan entri dari `content/`."),
    TooLarge = ("E0102", "file-too-large", "Berkas melebihi batas ukuran (1 MiB untuk satu entri, 64 MiB untuk berkas daftar).", "Pecah berkas menjadi beberapa berkas, atau kecilkan teks dan gambar di dalamnya."),
    LinkOutside = ("E0103", "link-outside-site", "Tautan simbolik (symlink) mengarah ke luar folder situs, rusak, atau berputar.", "Salin berkasnya ke dalam folder situs sebagai berkas biasa, lalu hapus tautannya."),
    YamlSyntax = ("E0104", "yaml-syntax", "Penulisan YAML tidak bisa dibaca di baris yang disebut: tanda kutip tidak ditutup, indentasi bergeser, Tab, atau tanda khusus di awal nilai.", "Baca saran di pesannya. Menjoroklah dengan spasi (bukan Tab), tutup setiap tanda kutip, dan beri tanda kutip pada nilai yang memuat `: ` atau diawali `@`."),
    FrontMatter = ("E0105", "front-matter", "Berkas Markdown tidak diawali atau tidak ditutup dengan baris `---`.", "Awali berkas dengan baris `---`, tulis kolom-kolomnya, lalu tutup dengan baris `---` sebelum deskripsi."),
    DuplicateKey = ("E0106", "duplicate-key", "Satu kolom ditulis dua kali dalam satu entri.", "Hapus salah satunya; simpan yang isinya benar."),
    TooComplex = ("E0107", "yaml-too-complex", "YAML memakai alias (`*nama`) atau tingkatan yang menjadikannya terlalu besar untuk dibaca.", "Tulis nilainya langsung, tanpa `&` dan `*`, dan kurangi tingkatan yang bersarang."),
    NotAnEntry = ("E0108", "not-an-entry", "Isi berkas atau satu butir daftar bukan kumpulan `kolom: nilai`.", "Tulis setiap entri sebagai baris `kolom: nilai`; di berkas daftar, setiap butir diawali `- ` lalu kolom-kolomnya."),
    MisplacedFile = ("E0109", "misplaced-file", "Berkas berada di folder yang bukan milik jenis entri mana pun.", "Pindahkan ke `content/umkm`, `content/koperasi`, `content/pkl`, `content/program`, `content/acara` atau `content/halaman`."),
    BadFileName = ("E0110", "bad-file-name", "Nama berkas atau folder memuat karakter yang tidak boleh, misalnya baris baru atau karakter kendali lain.", "Ganti nama berkas itu dengan huruf, angka, spasi dan tanda hubung saja."),
    Placeholder = ("E0111", "placeholder-left", "Berkas masih memuat isian `<GANTI: …>` yang ditulis `etalase new`; berkas itu tidak diterbitkan sebelum semua isian diganti.", "Ganti setiap `<GANTI: …>` (beserta tanda `<` dan `>`) dengan isi yang sebenarnya, atau hapus barisnya bila kolom itu tidak wajib; pesan menyebut semua baris yang masih berisi isian."),
    MissingField = ("E0201", "missing-field", "Kolom wajib tidak ada.", "Tambahkan kolom yang disebut (lihat tabel kolom di bagian 9 sampai 14)."),
    WrongType = ("E0202", "wrong-type", "Isi kolom bukan bentuk yang diharapkan: teks, angka, `true`/`false`, daftar, atau kumpulan kolom.", "Tulis isinya dalam bentuk yang disebut pesannya; lihat contoh di tabel kolom."),
    UnknownField = ("E0203", "unknown-field", "Nama kolom tidak dikenal: salah ketik, ditulis dalam bahasa Indonesia, atau milik jenis entri lain.", "Pakai nama kolom yang disarankan pesannya. Data tambahan sendiri ditaruh di bawah `extra`."),
    BadValue = ("E0204", "bad-value", "Isi kolom tidak termasuk pilihan yang boleh, kosong, atau di luar batas.", "Pilih salah satu nilai yang disebut pesannya, atau isi dengan angka dalam batasnya."),
    BadDate = ("E0205", "bad-date", "Tanggal atau jam tidak bisa dibaca, atau tidak ada di kalender.", "Tulis tanggal sebagai `2026-03-01` (tahun-bulan-hari), dengan jam `2026-03-01T15:00` bila perlu."),
    BadPhone = ("E0206", "bad-phone", "Nomor telepon atau WhatsApp tidak bisa dibaca.", "Tulis dalam tanda kutip dengan angka 0 di depannya, misalnya `\"0812-3456-7001\"` atau `\"(021) 8899-0201\"`."),
    BadHours = ("E0207", "bad-hours", "Jam buka tidak bisa dibaca.", "Tulis satu hari per baris di bawah `hours:`, misalnya `senin: \"08:00-17:00\"` dan `minggu: tutup`."),
    BadGeo = ("E0208", "bad-geo", "Titik peta tidak lengkap, di luar batas, atau ditulis dengan koma desimal.", "Tulis `geo: { lat: -6.2337, lon: 107.0212 }` dengan titik sebagai pemisah desimal."),
    BadAddress = ("E0209", "bad-address", "Alamat web, e-mail, atau akun media sosial tidak bisa dipakai.", "Tulis alamat web lengkap dengan `https://`, e-mail seperti `toko@example.com`, dan akun seperti `@namaakun`."),
    BadNumber = ("E0210", "bad-number", "Nomor (NIB, KBLI, harga, jumlah) tidak berbentuk yang diharapkan.", "Tulis NIB 13 angka dan KBLI 5 angka dalam tanda kutip; harga sebagai rupiah bulat tanpa titik, misalnya `15000`."),
    BadPicture = ("E0211", "bad-picture", "Gambar tidak ditemukan, bukan berkas gambar, atau di luar folder situs.", "Taruh gambarnya di samping berkas entri atau di `static/`, dan tulis namanya persis (huruf besar-kecil dan akhirannya)."),
    BadSlug = ("E0212", "bad-slug", "Alamat web (slug) tidak berbentuk huruf kecil, angka dan tanda hubung, atau tidak bisa dibuat dari nama.", "Isi `slug` seperti yang disarankan pesannya, misalnya `warung-bu-siti`."),
    PrivateInEntry = ("W0213", "private-in-entry", "Data pribadi (`private:`) tertulis di berkas entri: tidak pernah diterbitkan, tetapi ikut ke repositori bersama folder `content/` (peringatan).", "Pindahkan isi `private:` ke `pribadi/JENIS/SLUG.yaml` (folder yang tidak ikut ke repositori), lalu hapus dari berkas entri."),
    PrivateOrphan = ("W0214", "private-orphan", "Berkas di `pribadi/` tidak terbaca atau tidak punya entri yang sesuai (peringatan).", "Pastikan nama berkasnya `pribadi/JENIS/SLUG.yaml` dengan slug entri yang ada; hapus data pribadi usaha yang sudah dihapus."),
    UnknownCategory = ("E0301", "unknown-category", "Kategori tidak ada di `site.yaml`.", "Pakai slug kategori yang disarankan, atau tambahkan kategorinya ke `categories` di `site.yaml`."),
    UnknownDistrict = ("E0302", "unknown-district", "Kecamatan tidak ada di `site.yaml`.", "Tulis nama kecamatan seperti di `site.yaml` (boleh dengan `Kec.`), atau tambahkan aliasnya."),
    UnknownVillage = ("E0303", "unknown-village", "Kelurahan tidak termasuk kecamatan yang disebut.", "Periksa ejaannya dan kecamatannya; daftar kelurahan ada di `site.yaml`."),
    UnknownProgramme = ("E0304", "unknown-programme", "Program yang disebut tidak ada di `content/program`.", "Pakai slug program yang disarankan, atau buat berkas programnya."),
    BadParticipant = ("E0305", "bad-participant", "Peserta acara tidak ditulis `jenis/slug` atau tidak ditemukan.", "Tulis peserta seperti `umkm/keripik-bu-sri`, dengan slug entri yang ada."),
    DuplicateSlug = ("E0306", "duplicate-slug", "Dua entri sejenis memakai alamat web (slug) yang sama.", "Beri salah satu entri `slug` lain, atau ganti nama berkasnya."),
    ReservedAddress = ("E0307", "reserved-address", "Alamat halaman atau slug sudah dipakai situs sendiri (misalnya `halaman`, `kategori`, `cari`).", "Beri halaman itu `slug` lain."),
    SiteConfig = ("E0401", "site-config", "Pengaturan di `site.yaml` salah: alamat situs, bahasa, kategori, kecamatan, atau tema.", "Perbaiki baris yang disebut; lihat bagian 4 tentang `site.yaml`."),
    TemplateError = ("E0402", "template-error", "Templat tema tidak bisa dibaca atau dipakai.", "Perbaiki templat di baris yang disebut, atau hapus berkas templat itu dari tema situs agar templat bawaan dipakai."),
    TemplateMissing = ("E0403", "template-missing", "Tema tidak punya templat yang dibutuhkan.", "Tambahkan templat yang disebut, atau pakai tema bawaan."),
    UiStrings = ("E0404", "ui-strings", "Berkas teks tampilan (`i18n/KODE.yaml`) tidak ada atau tidak bisa dibaca.", "Tambahkan `themes/NAMA/i18n/KODE.yaml` untuk setiap bahasa di `languages`, berisi baris `kunci: teks`."),
    UiStringsMissing = ("W0405", "ui-strings-missing", "Satu bahasa tidak punya teks tampilan yang dimiliki bahasa lain (peringatan).", "Tambahkan kunci yang disebut ke berkas bahasa itu."),
    MissingRegionCodes = ("W0408", "missing-region-codes", "Kecamatan di `site.yaml` tidak punya kode wilayah Kemendagri; berkas Satu Data terbit dengan `kode_wilayah` kosong (peringatan).", "Tambahkan `code:` pada setiap kecamatan (`etalase init` menuliskannya), dari daftar kode wilayah Kemendagri; kelurahan boleh diberi `code` juga."),
    StaticClash = ("E0406", "static-clash", "Berkas di `static/` akan menimpa halaman atau gambar yang dibuat situs.", "Ganti nama atau pindahkan berkas itu di `static/`."),
    RenderError = ("E0407", "render-error", "Sebuah halaman tidak bisa disusun dengan tema.", "Perbaiki templat yang disebut; pesannya menyebut halaman dan baris templatnya."),
    BrokenLink = ("E0501", "broken-link", "Tautan atau gambar di sebuah halaman mengarah ke alamat yang tidak ada di situs (`check`).", "Perbaiki tautannya di deskripsi atau templat; ingat bahwa alamat di situs yang berada di sub-folder diawali sub-folder itu."),
}

impl Code {
    /// Warnings have codes starting with `W`.
    pub(crate) fn is_warning(self) -> bool {
        self.id().starts_with('W')
    }
}

/// The staff guide's table of codes, between `<!-- codes -->` markers.
#[cfg(test)]
pub(crate) fn guide_table() -> String {
    let mut out = String::from("| Kode | Arti | Cara memperbaiki |\n|---|---|---|\n");
    for c in Code::ALL {
        out.push_str(&format!(
            "| `{} {}` | {} | {} |\n",
            c.id(),
            c.name(),
            c.meaning(),
            c.fix()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        for c in Code::ALL {
            let id = c.id();
            assert!(
                id.len() == 5 && (id.starts_with('E') || id.starts_with('W')),
                "{id}"
            );
            assert!(id[1..].bytes().all(|b| b.is_ascii_digit()), "{id}");
            assert!(
                c.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                c.name()
            );
        }
        ids.sort();
        ids.dedup();
        names.sort();
        names.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }

    /// The guide lists every code; `ETALASE_BLESS=1 cargo test guide_codes`
    /// rewrites the table after a change.
    #[test]
    fn guide_codes_match() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/panduan-format.md");
        let mut guide = std::fs::read_to_string(path).unwrap();
        let open = "<!-- codes -->\n";
        let close = "<!-- /codes -->";
        let start = guide.find(open).expect("the guide has no <!-- codes -->") + open.len();
        let end = start + guide[start..].find(close).expect("no <!-- /codes -->");
        let table = guide_table();
        if guide[start..end] == table {
            return;
        }
        if std::env::var_os("ETALASE_BLESS").is_some() {
            guide.replace_range(start..end, &table);
            std::fs::write(path, guide).unwrap();
            return;
        }
        panic!("docs/panduan-format.md's table of codes differs from src/codes.rs; run ETALASE_BLESS=1 cargo test guide_codes and review the diff");
    }
}
