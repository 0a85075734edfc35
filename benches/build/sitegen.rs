//! A deterministic generator of synthetic Etalase sites for Kota Bekasi
//! (shared/spec/FORMAT.md): `generate(n, root)` writes site.yaml and content/
//! with `n` directory entries in the city's proportions of UMKM, koperasi
//! and street vendors, plus the programmes, events and pages they refer to.
//!
//! Every entry is valid: the bench measures a build, not error reporting.
//! The input is varied the way a real office's is (field order and YAML
//! style, phone formats, district spellings, CRLF files, night stalls)
//! so the engine's slower paths are exercised too.
//!
//! Each entry draws from its own PRNG seeded by (kind, index), so entry
//! `umkm #17` is the same whatever `n` is; only slug counters depend on order.

use crate::data::{self, Category, District, Hours, Product, CATEGORIES, DISTRICTS};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Bump when the output changes, so cached bench sites are regenerated.
pub const VERSION: u32 = 2;
const SEED: u64 = 0x4554_414C_4153_4531; // "ETALASE1"
/// Kota Bekasi's counts: 6,398 UMKM clusters, 1,337 cooperatives, 2,109 street vendors.
const KIND_SHARES: [usize; 3] = [6398, 1337, 2109];
/// Street vendors are kept in list files of this many items, as an office would.
const VENDORS_PER_FILE: usize = 1000;
/// Descriptions are between these sizes in bytes.
const BODY_MIN: usize = 1500;
const BODY_MAX: usize = 3000;

/// The hidden file that marks a finished site (the engine ignores hidden files).
pub const MARKER: &str = ".etalase-bench";

pub fn marker_text(n: usize) -> String {
    format!("etalase bench site, generator v{VERSION}, seed {SEED:#x}, n {n}\n")
}

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for test data; no crate needed.
struct Rng(u64);

impl Rng {
    /// A generator for one entry, independent of every other entry's.
    fn for_item(kind: u64, index: usize) -> Self {
        let mut r = Rng(SEED ^ kind.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= (index as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (the modulo bias is irrelevant for n this small).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: f64) -> bool {
        self.unit() * 100.0 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u64 = weights.clone().map(u64::from).sum();
        let mut x = self.next_u64() % total.max(1);
        for (i, w) in weights.enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        0
    }

    /// `k` distinct indices of 0..n, in drawing order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// YAML emission
// ---------------------------------------------------------------------------

/// A YAML value to write. Keys are static: every field name is known.
#[derive(Clone)]
enum Y {
    /// Written as is: numbers, booleans, dates.
    Raw(String),
    /// Text: plain when that is safe, else double-quoted.
    Str(String),
    /// `{k: v, ...}` on one line (scalars inside).
    Flow(Vec<(&'static str, Y)>),
    /// `[a, b]` on one line (scalars inside).
    FlowList(Vec<Y>),
    /// Block mapping.
    Map(Vec<(&'static str, Y)>),
    /// Block sequence.
    List(Vec<Y>),
    /// Literal block scalar (`|`), for Markdown.
    Text(String),
}

fn s(text: impl Into<String>) -> Y {
    Y::Str(text.into())
}

fn raw(value: impl ToString) -> Y {
    Y::Raw(value.to_string())
}

/// Whether `text` reads back as the same string when written plain, in block
/// and flow context alike: starts with a letter, no indicator characters,
/// and not a word YAML 1.1 or 1.2 would read as a boolean or null.
fn plain_ok(text: &str) -> bool {
    const RESERVED: &[&str] = &["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    let safe = |c: char| c.is_ascii_alphanumeric() || " .-'()/".contains(c);
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && text.chars().all(safe)
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str())
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value on one line (scalars and flow collections).
fn inline(value: &Y) -> String {
    match value {
        Y::Raw(v) => v.clone(),
        Y::Str(v) if plain_ok(v) => v.clone(),
        Y::Str(v) => quoted(v),
        Y::Flow(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", inline(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Y::FlowList(items) => {
            let parts: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Y::Map(_) | Y::List(_) | Y::Text(_) => unreachable!("block value in flow context"),
    }
}

/// Writes a block mapping at `indent`. The first line starts with `lead`
/// instead of spaces when given (`"- "` for a list item).
fn emit_map(out: &mut String, fields: &[(&'static str, Y)], indent: usize, lead: &str) {
    for (i, (key, value)) in fields.iter().enumerate() {
        if i == 0 && !lead.is_empty() {
            out.push_str(lead);
        } else {
            pad(out, indent);
        }
        out.push_str(key);
        out.push(':');
        emit_value(out, value, indent);
    }
}

/// Writes what follows `key:` for a value of a mapping at `indent`.
fn emit_value(out: &mut String, value: &Y, indent: usize) {
    match value {
        Y::Map(fields) => {
            out.push('\n');
            emit_map(out, fields, indent + 2, "");
        }
        Y::List(items) => {
            out.push('\n');
            for item in items {
                match item {
                    Y::Map(fields) => {
                        let lead = format!("{}- ", " ".repeat(indent + 2));
                        emit_map(out, fields, indent + 4, &lead);
                    }
                    other => {
                        pad(out, indent + 2);
                        out.push_str("- ");
                        out.push_str(&inline(other));
                        out.push('\n');
                    }
                }
            }
        }
        Y::Text(text) => {
            out.push_str(" |\n");
            for line in text.lines() {
                if !line.is_empty() {
                    pad(out, indent + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

// ---------------------------------------------------------------------------
// Small formats: slugs, money, dates, phones
// ---------------------------------------------------------------------------

/// FORMAT.md's slugify for the text this generator makes: ASCII letters and
/// digits joined by single hyphens (the only non-ASCII letter used is é).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        let c = if c == 'é' || c == 'É' { 'e' } else { c };
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

/// "Rp15.000": Indonesian thousands separators.
fn rupiah(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::from("Rp");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Prices end in round steps, as on a real menu.
fn round_price(value: u64) -> u64 {
    let step = match value {
        0..2_000 => 100,
        2_000..20_000 => 500,
        20_000..200_000 => 1_000,
        200_000..2_000_000 => 5_000,
        _ => 50_000,
    };
    (value / step).max(1) * step
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A real calendar date in the given years, as `YYYY-MM-DD`.
fn date(rng: &mut Rng, first_year: u64, last_year: u64) -> String {
    let year = rng.range(first_year, last_year);
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in_month(year, month));
    format!("{year:04}-{month:02}-{day:02}")
}

/// A mobile number's significant digits (no leading 0 or 62): "81234567890".
fn mobile_digits(rng: &mut Rng) -> String {
    const OPERATORS: &[&str] = &[
        "811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "881", "895",
        "896", "897", "838", "831",
    ];
    let len = rng.range(7, 9) as usize;
    format!("{}{}", rng.pick(OPERATORS), rng.digits(len))
}

/// A mobile number as people write it: 0812-3456-7890, +62 812 3456 7890, ...
fn mobile(rng: &mut Rng) -> String {
    let d = mobile_digits(rng);
    let (a, rest) = d.split_at(3);
    let (b, c) = rest.split_at(4);
    match rng.below(7) {
        0 | 1 => format!("0{a}-{b}-{c}"),
        2 => format!("+62 {a} {b} {c}"),
        3 => format!("0{d}"),
        4 => format!("+62{d}"),
        5 => format!("0{a} {b} {c}"),
        _ => format!("62{a}-{b}-{c}"),
    }
}

/// A Bekasi landline (area code 021): (021) 8834-5678, 021-88345678, ...
fn landline(rng: &mut Rng) -> String {
    let local = format!("8{}{}", rng.pick(&["2", "4", "8", "9"]), rng.digits(6));
    let (a, b) = local.split_at(4);
    match rng.below(3) {
        0 => format!("(021) {a}-{b}"),
        1 => format!("021-{local}"),
        _ => format!("+62 21 {a} {b}"),
    }
}

/// "HH:MM-HH:MM" from minutes after midnight (the close may be past midnight).
fn span(open: u64, close: u64) -> String {
    let close = close % (24 * 60);
    format!(
        "{:02}:{:02}-{:02}:{:02}",
        open / 60,
        open % 60,
        close / 60,
        close % 60
    )
}

const DAYS: [&str; 7] = [
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
];

/// Opening hours following a pattern, with the usual local twists: Friday
/// prayers, a closed day, night stalls that close after midnight.
fn hours(rng: &mut Rng, pattern: Hours) -> Y {
    let half = |rng: &mut Rng| rng.range(0, 1) * 30;
    let mut days: Vec<(&'static str, Y)> = Vec::new();
    match pattern {
        Hours::Office => {
            let open = rng.range(7, 9) * 60;
            let close = rng.range(15, 17) * 60 + half(rng);
            for day in &DAYS[..5] {
                days.push((day, s(span(open, close))));
            }
            let saturday = if rng.chance(60.0) {
                span(open, 12 * 60)
            } else {
                "tutup".into()
            };
            days.push(("sabtu", s(saturday)));
            days.push(("minggu", s("tutup")));
        }
        Hours::Shop | Hours::Morning => {
            let (open, close) = if pattern == Hours::Shop {
                (rng.range(6, 10) * 60 + half(rng), rng.range(17, 22) * 60)
            } else {
                (rng.range(5, 6) * 60 + half(rng), rng.range(10, 14) * 60)
            };
            let closed = if rng.chance(25.0) {
                Some(rng.below(7))
            } else {
                None
            };
            let friday_prayers = pattern == Hours::Shop && rng.chance(20.0);
            for (i, day) in DAYS.iter().enumerate() {
                let value = if Some(i) == closed {
                    "tutup".to_string()
                } else if friday_prayers && *day == "jumat" {
                    span(13 * 60, close)
                } else {
                    span(open, close)
                };
                days.push((day, s(value)));
            }
        }
        Hours::Night => {
            // opens in the evening, closes between 23:00 and 03:00
            let open = rng.range(16, 20) * 60 + half(rng);
            let close = rng.range(23, 27) * 60 + half(rng);
            let closed = rng.below(9); // 7 or 8: open every day
            for (i, day) in DAYS.iter().enumerate() {
                let value = if i == closed {
                    "tutup".to_string()
                } else {
                    span(open, close)
                };
                days.push((day, s(value)));
            }
        }
    }
    if rng.chance(10.0) {
        days.retain(|(_, v)| !matches!(v, Y::Str(t) if t == "tutup")); // closed days left out
    }
    if rng.chance(35.0) {
        Y::Flow(days)
    } else {
        Y::Map(days)
    }
}

// ---------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Umkm,
    Koperasi,
    Pkl,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Umkm, Kind::Koperasi, Kind::Pkl];

    pub fn dir(self) -> &'static str {
        match self {
            Kind::Umkm => "umkm",
            Kind::Koperasi => "koperasi",
            Kind::Pkl => "pkl",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How many entries of each kind a site of `n` gets: the city's proportions.
pub fn kind_counts(n: usize) -> [usize; 3] {
    let total: usize = KIND_SHARES.iter().sum();
    let umkm = (n * KIND_SHARES[0] + total / 2) / total;
    let koperasi = ((n * KIND_SHARES[1] + total / 2) / total).min(n - umkm);
    [umkm, koperasi, n - umkm - koperasi]
}

/// Slugs claimed so far, per kind; a taken slug gets `-2`, `-3`, ...
#[derive(Default)]
struct Slugs {
    taken: [HashSet<String>; 3],
    next: [HashMap<String, u32>; 3],
}

impl Slugs {
    fn claim(&mut self, kind: Kind, base: &str) -> String {
        let k = kind.index();
        let mut slug = base.to_string();
        while self.taken[k].contains(&slug) {
            let counter = self.next[k].entry(base.to_string()).or_insert(1);
            *counter += 1;
            slug = format!("{base}-{counter}");
        }
        self.taken[k].insert(slug.clone());
        slug
    }
}

/// What an entry's text refers to, for filling sentence templates.
struct Ctx<'a> {
    name: &'a str,
    owner: &'a str,
    village: &'a str,
    district: &'a District,
    category: &'a Category,
    landmark: &'a str,
    road: &'a str,
    year: u64,
    platform: &'a str,
    staff: u64,
    members: u64,
}

/// Replaces `{key}` placeholders of a sentence template.
fn fill(template: &str, ctx: &Ctx) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').expect("closed placeholder");
        let value = match &rest[start + 1..end] {
            "name" => ctx.name.to_string(),
            "owner" => ctx.owner.to_string(),
            "village" => ctx.village.to_string(),
            "district" => ctx.district.name.to_string(),
            "category" => ctx.category.name.to_lowercase(),
            "landmark" => ctx.landmark.to_string(),
            "road" => ctx.road.to_string(),
            "year" => ctx.year.to_string(),
            "platform" => ctx.platform.to_string(),
            "staff" => ctx.staff.to_string(),
            "members" => ctx.members.to_string(),
            other => panic!("unknown placeholder {other}"),
        };
        out.push_str(&value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A product as sold by one business.
struct Sale {
    product: &'static Product,
    price: u64,
}

/// One generated directory entry.
struct Entry {
    kind: Kind,
    slug: String,
    district: &'static District,
    /// Fields in writing order, without the description.
    fields: Vec<(&'static str, Y)>,
    body: String,
    draft: bool,
}

fn pick_district(rng: &mut Rng) -> &'static District {
    &DISTRICTS[rng.weighted(DISTRICTS.iter().map(|d| d.weight))]
}

fn pick_category(rng: &mut Rng, kind: Kind) -> &'static Category {
    &CATEGORIES[rng.weighted(CATEGORIES.iter().map(|c| c.weights[kind.index()]))]
}

fn person(rng: &mut Rng) -> (&'static str, String) {
    let first = *rng.pick(data::FIRST_NAMES);
    (first, format!("{first} {}", rng.pick(data::LAST_NAMES)))
}

/// A trading name in the ways Bekasi businesses are named.
fn business_name(
    rng: &mut Rng,
    kind: Kind,
    category: &Category,
    first: &str,
    village: &str,
) -> String {
    let prefix = *rng.pick(category.prefixes);
    let honorific = *rng.pick(data::HONORIFICS);
    let product = rng.pick(category.products).name;
    match kind {
        Kind::Umkm => match rng.below(100) {
            0..=34 => format!("{prefix} {honorific} {first}"),
            35..=64 => format!("{prefix} {}", rng.pick(data::NAME_SUFFIXES)),
            65..=79 => format!("{product} {honorific} {first}"),
            80..=93 => format!("{prefix} {village}"),
            94..=96 => format!("{prefix} {first} & {}", rng.pick(data::FIRST_NAMES)),
            _ => format!("{prefix} \"{}\"", rng.pick(data::NAME_SUFFIXES)),
        },
        Kind::Pkl => match rng.below(100) {
            0..=69 => format!("{product} {honorific} {first}"),
            70..=84 => format!("{product} {village}"),
            _ => format!("{prefix} {honorific} {first}"),
        },
        Kind::Koperasi => unreachable!("cooperatives are named by cooperative_name"),
    }
}

/// A cooperative's name, which follows from its type.
fn cooperative_name(rng: &mut Rng, kind_of: &str, sharia: bool, mosque: Option<&str>) -> String {
    let base = *rng.pick(data::COOP_NAMES);
    if let Some(mosque) = mosque {
        return match rng.below(2) {
            0 => format!("Koperasi {mosque}"),
            _ => format!("Koperasi Jamaah {}", mosque.trim_start_matches("Masjid ")),
        };
    }
    if sharia {
        return match rng.below(2) {
            0 => format!("KSPPS BMT {base}"),
            _ => format!("Koperasi Syariah {base}"),
        };
    }
    match (kind_of, rng.below(3)) {
        ("simpan pinjam", 0) => format!("KSP {base}"),
        (_, 1) => format!("Kopwan {base}"),
        (kind_of, _) => format!("Koperasi {} {base}", title_case(kind_of)),
    }
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A social media handle made from a business name.
fn handle(rng: &mut Rng, name: &str) -> String {
    let mut h: String = slugify(name).replace('-', "");
    h.truncate(22);
    match rng.below(4) {
        0 => h.push_str("bekasi"),
        1 => h.push_str("_bks"),
        2 => h.insert(h.len() / 2, '.'),
        _ => {}
    }
    h
}

fn address(rng: &mut Rng, district: &District, village: &str, postal: &str) -> String {
    let road = if rng.chance(60.0) {
        *rng.pick(district.roads)
    } else {
        *rng.pick(data::CITY_ROADS)
    };
    let number = rng.range(1, 250);
    let (rt, rw) = (rng.range(1, 15), rng.range(1, 25));
    match rng.below(5) {
        0 => format!(
            "{road} No. {number}, RT {rt:03}/RW {rw:03}, {village}, {}, Kota Bekasi {postal}",
            district.name
        ),
        1 => format!("{road} No.{number} RT.{rt:02}/{rw:02} Kel. {village}"),
        2 => format!(
            "Perumahan {} Blok {}{} No. {number}",
            rng.pick(&[
                "Harapan Indah",
                "Taman Galaxy",
                "Villa Mutiara",
                "Pondok Ungu Permai",
                "Kemang Pratama",
                "Grand Wisata"
            ]),
            char::from(b'A' + rng.below(8) as u8),
            rng.range(1, 30)
        ),
        3 => format!(
            "{}, los {}-{}",
            rng.pick(district.landmarks),
            char::from(b'A' + rng.below(6) as u8),
            rng.range(1, 80)
        ),
        _ => format!("{road} {number}"),
    }
}

/// Where an entry is, near its kecamatan's centre.
fn geo(rng: &mut Rng, district: &District) -> Y {
    let lat = district.centre.0 + (rng.unit() - 0.5) * 0.024;
    let lon = district.centre.1 + (rng.unit() - 0.5) * 0.024;
    Y::Flow(vec![
        ("lat", raw(format!("{lat:.6}"))),
        ("lon", raw(format!("{lon:.6}"))),
    ])
}

fn products(rng: &mut Rng, category: &'static Category) -> Vec<Sale> {
    let count = rng.range(1, 4) as usize;
    rng.sample(category.products.len(), count)
        .into_iter()
        .map(|i| {
            let product = &category.products[i];
            let price = round_price(rng.range(product.low, product.high));
            Sale { product, price }
        })
        .collect()
}

fn products_yaml(rng: &mut Rng, sales: &[Sale], halal: bool) -> Y {
    let block = rng.chance(40.0);
    let items = sales
        .iter()
        .map(|sale| {
            let mut f = vec![("name", s(sale.product.name)), ("price", raw(sale.price))];
            if rng.chance(70.0) {
                f.push(("unit", s(sale.product.unit)));
            }
            if block && rng.chance(30.0) {
                f.push((
                    "description",
                    s(format!(
                        "{} pilihan, dibuat setiap hari.",
                        sale.product.name
                    )),
                ));
            }
            if halal && sale.product.food {
                f.push(("halal", raw(true)));
            }
            if block {
                Y::Map(f)
            } else {
                Y::Flow(f)
            }
        })
        .collect();
    Y::List(items)
}

/// Certifications a business of this category may hold, in both list forms.
fn certifications(rng: &mut Rng, category: &Category) -> Vec<Y> {
    let mut out = Vec::new();
    for &cert in category.certs {
        if !rng.chance(35.0) {
            continue;
        }
        let number = match cert {
            "halal" => format!("ID32110000{}", rng.digits(10)),
            "pirt" => format!("P-IRT {}-{}", rng.digits(13), rng.range(25, 29)),
            "bpom" => format!("BPOM RI MD {}", rng.digits(12)),
            "sni" => format!("SNI {}:{}", rng.range(1000, 9000), rng.range(2010, 2023)),
            _ => format!("{}/SLHS/{}", rng.digits(3), rng.range(2019, 2025)),
        };
        // "slhs" stands for the hygiene certificate, which has no short type
        let (cert, short) = match cert {
            "slhs" => (data::FREE_TEXT_CERTS[0], false),
            other => (other, true),
        };
        if short && rng.chance(50.0) {
            out.push(s(cert));
        } else {
            out.push(Y::Flow(vec![("type", s(cert)), ("number", s(number))]));
        }
    }
    if rng.chance(4.0) {
        out.push(s(*rng.pick(data::FREE_TEXT_CERTS)));
    }
    out
}

/// Programmes an entry takes part in, by each programme's reach.
fn programmes(rng: &mut Rng, kind: Kind, mosque: bool) -> Vec<&'static str> {
    data::PROGRAMMES
        .iter()
        .filter(|p| match p.slug {
            "koperasi-masjid" => mosque,
            "penataan-pkl" => kind == Kind::Pkl && rng.chance(p.per_mille as f64 / 10.0 * 4.0),
            _ => rng.chance(p.per_mille as f64 / 10.0),
        })
        .map(|p| p.slug)
        .collect()
}

/// How the entry names its district: mostly as site.yaml does, sometimes
/// as residents write it or by an alias (matching ignores case and spaces).
fn district_spelling(rng: &mut Rng, district: &District) -> String {
    match rng.below(100) {
        0..=79 => district.name.to_string(),
        80..=93 => district.local_spelling.to_string(),
        _ if !district.aliases.is_empty() => rng.pick(district.aliases).to_string(),
        _ => district.name.to_uppercase(),
    }
}

/// Everything a directory entry (UMKM, koperasi or street vendor) holds.
fn make_entry(kind: Kind, index: usize, slugs: &mut Slugs) -> Entry {
    let rng = &mut Rng::for_item(kind as u64, index);
    let district = pick_district(rng);
    let &(village, postal) = rng.pick(district.villages);
    let category = pick_category(rng, kind);
    let (first, owner) = person(rng);

    // cooperative facts shape the name, so they are drawn first
    let coop_type = *rng.pick(data::cooperative_types(category.slug));
    let sharia = kind == Kind::Koperasi && (coop_type.contains("syariah") || rng.chance(12.0));
    let mosque = (kind == Kind::Koperasi && rng.chance(12.0)).then(|| *rng.pick(data::MOSQUES));
    let name = match kind {
        Kind::Koperasi => cooperative_name(rng, coop_type, sharia, mosque),
        _ => business_name(rng, kind, category, first, village),
    };
    let slug = slugs.claim(kind, &slugify(&name));
    // founded before the earliest `updated` date (2021)
    let founded = match kind {
        Kind::Koperasi => rng.range(1975, 2020),
        _ => rng.range(1995, 2021),
    };
    let members = 20 + (rng.unit().powi(3) * 4000.0) as u64;
    let landmark = *rng.pick(district.landmarks);
    let road = *rng.pick(district.roads);
    let platform = *rng.pick(data::PLATFORMS);
    let ctx = Ctx {
        name: &name,
        owner: &owner,
        village,
        district,
        category,
        landmark,
        road,
        year: founded,
        platform,
        staff: rng.range(1, 15),
        members,
    };
    let sales = products(rng, category);
    let socials = Socials::new(rng, &name);

    let mut f: Vec<(&'static str, Y)> = vec![
        ("name", s(name.as_str())),
        ("category", s(category.slug)),
        ("district", s(district_spelling(rng, district))),
    ];
    if rng.chance(92.0) {
        f.push(("village", s(village)));
    }
    if rng.chance(88.0) {
        f.push(("address", s(address(rng, district, village, postal))));
    }
    if rng.chance(70.0) {
        f.push(("geo", geo(rng, district)));
    }
    contact_fields(rng, &mut f, &socials, kind);
    business_fields(rng, &mut f, kind, category, &sales);
    match kind {
        Kind::Koperasi => coop_fields(rng, &mut f, coop_type, sharia, members, mosque),
        Kind::Pkl => vendor_fields(rng, &mut f, district),
        Kind::Umkm => {}
    }
    let mut progs = programmes(rng, kind, mosque.is_some());
    if rng.chance(8.0) && !progs.is_empty() {
        progs.truncate(1);
    }
    if !progs.is_empty() {
        let list = progs.iter().map(|p| s(*p)).collect();
        f.push(("programs", Y::FlowList(list)));
    }
    f.push(("founded", raw(founded)));
    let draft = admin_fields(rng, &mut f, &owner);
    let body = description(rng, kind, &ctx, &sales, &socials);
    Entry {
        kind,
        slug,
        district,
        fields: f,
        body,
        draft,
    }
}

/// The contact handles of one business, also linked from its description.
struct Socials {
    handle: String,
    instagram: bool,
    map_link: bool,
}

impl Socials {
    fn new(rng: &mut Rng, name: &str) -> Self {
        Socials {
            handle: handle(rng, name),
            instagram: rng.chance(45.0),
            map_link: rng.chance(30.0),
        }
    }
}

fn contact_fields(rng: &mut Rng, f: &mut Vec<(&'static str, Y)>, so: &Socials, kind: Kind) {
    let h = &so.handle;
    if kind != Kind::Pkl && rng.chance(35.0) {
        f.push(("phone", s(landline(rng))));
    } else if rng.chance(85.0) {
        f.push(("phone", s(mobile(rng))));
    }
    if rng.chance(60.0) {
        f.push(("whatsapp", s(mobile(rng))));
    }
    if kind != Kind::Pkl && rng.chance(30.0) {
        let domain = rng.pick(&["gmail.com", "yahoo.co.id", "gmail.com", "outlook.com"]);
        f.push(("email", s(format!("{}@{domain}", h.replace('.', "")))));
    }
    if kind != Kind::Pkl && rng.chance(6.0) {
        f.push((
            "website",
            s(format!("https://{}.example.id/", h.replace(['.', '_'], ""))),
        ));
    }
    if so.instagram {
        let v = if rng.chance(70.0) {
            format!("@{h}")
        } else {
            format!("https://www.instagram.com/{h}/")
        };
        f.push(("instagram", s(v)));
    }
    if rng.chance(20.0) {
        f.push((
            "facebook",
            s(format!("https://www.facebook.com/{}", h.replace('.', ""))),
        ));
    }
    if rng.chance(15.0) {
        f.push(("tiktok", s(format!("@{h}"))));
    }
    if kind == Kind::Umkm && rng.chance(10.0) {
        f.push((
            "tokopedia",
            s(format!(
                "https://www.tokopedia.com/{}",
                h.replace(['.', '_'], "")
            )),
        ));
    }
    if kind == Kind::Umkm && rng.chance(12.0) {
        f.push((
            "shopee",
            s(format!("https://shopee.co.id/{}", h.replace('.', "_"))),
        ));
    }
}

fn business_fields(
    rng: &mut Rng,
    f: &mut Vec<(&'static str, Y)>,
    kind: Kind,
    category: &'static Category,
    sales: &[Sale],
) {
    let pattern = match (kind, category.slug) {
        (Kind::Pkl, _) => *rng.pick(&[Hours::Night, Hours::Night, Hours::Morning, Hours::Shop]),
        (Kind::Umkm, "kuliner") if rng.chance(15.0) => Hours::Night,
        (Kind::Umkm, "kuliner") if rng.chance(12.0) => Hours::Morning,
        _ => category.hours,
    };
    if rng.chance(75.0) {
        f.push(("hours", hours(rng, pattern)));
    }
    if kind != Kind::Pkl && rng.chance(70.0) {
        let scale = match rng.below(100) {
            0..=79 => "mikro",
            80..=95 => "kecil",
            _ => "menengah",
        };
        f.push(("scale", s(scale)));
    }
    if rng.chance(if kind == Kind::Pkl { 20.0 } else { 55.0 }) {
        f.push(("nib", s(format!("9120{}", rng.digits(9)))));
        let count = rng.range(1, 2) as usize;
        let codes = rng.sample(category.kbli.len(), count);
        let list = codes.into_iter().map(|i| s(category.kbli[i])).collect();
        f.push(("kbli", Y::FlowList(list)));
    }
    if rng.chance(40.0) {
        f.push(("qris", s(format!("ID10{}", rng.digits(11)))));
    }
    let certs = certifications(rng, category);
    let halal = certs.iter().any(|c| match c {
        Y::Str(t) => t == "halal",
        Y::Flow(kv) => matches!(&kv[0].1, Y::Str(t) if t == "halal"),
        _ => false,
    });
    if !certs.is_empty() {
        f.push(("certifications", Y::List(certs)));
    }
    if kind == Kind::Umkm && rng.chance(3.0) {
        let year = rng.range(2019, 2025);
        f.push((
            "awards",
            Y::List(vec![Y::Map(vec![
                ("year", raw(year)),
                ("title", s(format!("{} {year}", rng.pick(data::AWARDS)))),
                (
                    "prize",
                    s(*rng.pick(&["Juara 1", "Juara 2", "Juara 3", "Juara Harapan", "Favorit"])),
                ),
            ])]),
        ));
    }
    if rng.chance(65.0) {
        let mut tags: Vec<&str> = vec![*rng.pick(category.tags)];
        for _ in 0..rng.below(3) {
            let tag = *rng.pick(data::GENERAL_TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        f.push(("tags", Y::FlowList(tags.into_iter().map(s).collect())));
    }
    f.push(("products", products_yaml(rng, sales, halal)));
}

fn coop_fields(
    rng: &mut Rng,
    f: &mut Vec<(&'static str, Y)>,
    coop_type: &str,
    sharia: bool,
    members: u64,
    mosque: Option<&str>,
) {
    let year = rng.range(1985, 2024);
    let legal = match rng.below(3) {
        0 => format!("AHU-{}.AH.01.26.TAHUN {year}", rng.digits(7)),
        1 => format!(
            "{}/BH/XIII.4/{}/{year}",
            rng.range(100, 999),
            rng.range(1, 9999)
        ),
        _ => format!(
            "{}/BH/KDK.10.14/{}/{year}",
            rng.range(100, 9999),
            rng.pick(&["I", "IV", "VII", "XI"])
        ),
    };
    f.push(("legal_number", s(legal)));
    f.push(("cooperative_type", s(coop_type)));
    if sharia || rng.chance(50.0) {
        f.push(("sharia", raw(sharia)));
    }
    f.push(("members", raw(members)));
    if let Some(mosque) = mosque {
        f.push(("mosque", s(mosque)));
    }
    if rng.chance(55.0) {
        f.push((
            "deed",
            Y::Map(vec![
                ("notary", s(*rng.pick(data::NOTARIES))),
                ("number", s(rng.range(1, 120).to_string())),
                ("date", raw(date(rng, year, year))),
            ]),
        ));
    }
}

fn vendor_fields(rng: &mut Rng, f: &mut Vec<(&'static str, Y)>, district: &District) {
    f.push(("stall", s(*rng.pick(data::STALLS))));
    if rng.chance(70.0) {
        let when = rng.pick(&[
            "Setiap hari",
            "Senin sampai Sabtu",
            "Setiap malam",
            "Pagi hari",
            "Akhir pekan",
        ]);
        let spot = rng.pick(data::VENDOR_SPOTS);
        f.push((
            "schedule",
            s(format!("{when}, {spot} {}", rng.pick(district.landmarks))),
        ));
    }
}

/// Dates, flags, status, extra and private data. Returns whether a draft.
fn admin_fields(rng: &mut Rng, f: &mut Vec<(&'static str, Y)>, owner: &str) -> bool {
    let draft = rng.chance(0.5);
    if rng.chance(0.3) {
        f.push(("featured", raw(true)));
    }
    if draft {
        f.push(("draft", raw(true)));
    }
    if rng.chance(90.0) {
        f.push(("updated", raw(date(rng, 2021, 2025))));
    }
    if rng.chance(60.0) {
        f.push(("verified", raw(date(rng, 2023, 2025))));
    }
    match rng.below(100) {
        0..=2 => f.push(("status", s("tutup"))),
        3..=40 => f.push(("status", s("aktif"))),
        _ => {}
    }
    if rng.chance(10.0) {
        let extra = match rng.below(3) {
            0 => vec![
                ("parkir", s("motor dan mobil")),
                ("kursi", raw(rng.range(8, 60))),
            ],
            1 => vec![("antar_km", raw(rng.range(2, 10)))],
            _ => vec![("catatan", s("Dekat mushola, ada tempat cuci tangan."))],
        };
        f.push(("extra", Y::Map(extra)));
    }
    if rng.chance(80.0) {
        let mut private = vec![
            ("owner", s(owner)),
            ("nik", s(format!("3275{}", rng.digits(12)))),
        ];
        if rng.chance(50.0) {
            private.push(("phone", s(mobile(rng))));
        }
        f.push(("private", Y::Map(private)));
    }
    draft
}

// ---------------------------------------------------------------------------
// Descriptions
// ---------------------------------------------------------------------------

/// A Markdown description of BODY_MIN..BODY_MAX bytes: an intro, the product
/// list (sometimes a table too), sections of prose, and links.
fn description(rng: &mut Rng, kind: Kind, ctx: &Ctx, sales: &[Sale], so: &Socials) -> String {
    let target = rng.range(BODY_MIN as u64, BODY_MAX as u64) as usize;
    let headings = rng.chance(60.0);

    // blocks before the prose sections: they do not grow
    let mut intro: Vec<String> = vec![fill(data::INTRO[0], ctx)];
    for i in rng.sample(data::INTRO.len() - 1, 2) {
        intro.push(fill(data::INTRO[i + 1], ctx));
    }
    let mut head = vec![intro.join(" ")];
    head.push(if headings {
        "## Produk unggulan".to_string()
    } else {
        "Beberapa produk yang paling sering dicari pelanggan:".to_string()
    });
    head.push(product_list(rng, ctx, sales));
    if rng.chance(25.0) {
        head.push(product_table(sales));
    }

    // prose sections, each a pool of sentences that grows the text
    let mut sections: Vec<(&str, Vec<String>, Vec<String>)> = Vec::new();
    let mut order = rng.sample(data::SECTIONS.len(), data::SECTIONS.len());
    if kind == Kind::Koperasi {
        order.insert(0, usize::MAX);
    }
    for i in order {
        let (title, pool) = if i == usize::MAX {
            data::COOP_SECTION
        } else {
            data::SECTIONS[i]
        };
        // shuffled, so entries open their sections differently
        let mut sentences: Vec<String> = rng
            .sample(pool.len(), pool.len())
            .into_iter()
            .map(|j| fill(pool[j], ctx))
            .collect();
        let first: Vec<String> = sentences.drain(..2).collect();
        sections.push((title, first, sentences));
    }
    let links = links(ctx, so);

    let render = |open: usize, sections: &[(&str, Vec<String>, Vec<String>)]| {
        let mut blocks = head.clone();
        for (title, used, _) in &sections[..open] {
            if headings {
                blocks.push(format!("## {title}"));
            }
            blocks.push(used.join(" "));
        }
        if let Some(links) = &links {
            blocks.push(links.clone());
        }
        blocks.join("\n\n") + "\n"
    };

    // Open sections and add sentences until the target size is reached; a
    // step that would pass BODY_MAX ends the growth (its text is dropped).
    let mut open = 1;
    let mut text = render(open, &sections);
    while text.len() < target {
        let growable: Vec<usize> = (0..open).filter(|&i| !sections[i].2.is_empty()).collect();
        let can_open = open < sections.len();
        if growable.is_empty() && !can_open {
            break;
        }
        if can_open && (growable.is_empty() || rng.chance(25.0)) {
            open += 1;
        } else {
            let i = growable[rng.below(growable.len())];
            let sentence = sections[i].2.pop().expect("growable section");
            sections[i].1.push(sentence);
        }
        let next = render(open, &sections);
        if next.len() > BODY_MAX {
            break;
        }
        text = next;
    }
    text
}

fn product_list(rng: &mut Rng, ctx: &Ctx, sales: &[Sale]) -> String {
    let mut items: Vec<String> = sales
        .iter()
        .map(|x| {
            format!(
                "- **{}**: mulai {} per {}",
                x.product.name,
                rupiah(x.price),
                x.product.unit
            )
        })
        .collect();
    let extra = rng.range(1, 3) as usize;
    for i in rng.sample(data::EXTRA_ITEMS.len(), extra) {
        items.push(format!("- {}", fill(data::EXTRA_ITEMS[i], ctx)));
    }
    items.join("\n")
}

fn product_table(sales: &[Sale]) -> String {
    let mut t = String::from("| Produk | Harga | Satuan |\n|---|---:|---|");
    for x in sales {
        let _ = write!(
            t,
            "\n| {} | {} | {} |",
            x.product.name,
            rupiah(x.price),
            x.product.unit
        );
    }
    t
}

/// A closing paragraph with links, for the entries that have something to link.
fn links(ctx: &Ctx, so: &Socials) -> Option<String> {
    let mut parts = Vec::new();
    if so.instagram {
        parts.push(format!(
            "Foto produk terbaru ada di [Instagram @{h}](https://www.instagram.com/{h}/).",
            h = so.handle
        ));
    }
    if so.map_link {
        let (lat, lon) = ctx.district.centre;
        parts.push(format!(
            "Lokasi kira-kira bisa dilihat di [peta](https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon})."
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

// ---------------------------------------------------------------------------
// Writing the site
// ---------------------------------------------------------------------------

/// Counts of what was generated.
#[derive(Default, Debug, Clone, Copy)]
pub struct Stats {
    pub kinds: [usize; 3],
    pub drafts: usize,
    pub files: u64,
    pub bytes: u64,
}

impl Stats {
    pub fn entries(&self) -> usize {
        self.kinds.iter().sum()
    }

    /// One line of numbers, kept in the marker so a reused site reports them.
    fn to_line(self) -> String {
        let [u, k, p] = self.kinds;
        format!(
            "{u} {k} {p} {} {} {}\n",
            self.drafts, self.files, self.bytes
        )
    }

    fn from_line(line: &str) -> Option<Stats> {
        let v: Vec<u64> = line
            .split(' ')
            .map(|x| x.parse().ok())
            .collect::<Option<_>>()?;
        let [u, k, p, drafts, files, bytes] = v[..] else {
            return None;
        };
        Some(Stats {
            kinds: [u as usize, k as usize, p as usize],
            drafts: drafts as usize,
            files,
            bytes,
        })
    }
}

/// Checks of the small formats, run by the bench's smoke mode.
pub fn self_check() {
    assert_eq!(slugify("Warung Bu Siti"), "warung-bu-siti");
    assert_eq!(slugify("Kafé \"Senja\" & Roti"), "kafe-senja-roti");
    assert_eq!(
        slugify("Sate Ayam (10 tusuk) H. Udin"),
        "sate-ayam-10-tusuk-h-udin"
    );
    for n in [0, 1, 7, 1000, 10_000, 100_000] {
        assert_eq!(kind_counts(n).iter().sum::<usize>(), n);
    }
    assert_eq!(kind_counts(9844), KIND_SHARES);
    assert_eq!(rupiah(1_250_000), "Rp1.250.000");
    assert_eq!(span(17 * 60 + 30, 26 * 60), "17:30-02:00");
    assert!(plain_ok("Bekasi Timur") && !plain_ok("yes") && !plain_ok("08:00-16:00"));
    assert_eq!(quoted("Kedai \"Senja\""), "\"Kedai \\\"Senja\\\"\"");
}

/// The Markdown entry files under a generated site's `content/umkm/`, in
/// path order (the benches pick entries spread over them).
pub fn umkm_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.join("content/umkm")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The counts of a site generated earlier for `n`, if `dir` holds one.
pub fn finished_site(n: usize, dir: &Path) -> Option<Stats> {
    let text = fs::read_to_string(dir.join(MARKER)).ok()?;
    let rest = text.strip_prefix(&marker_text(n))?;
    Stats::from_line(rest.trim_end())
}

/// Writes files under the site root, creating folders once each.
struct Out {
    root: PathBuf,
    dirs: HashSet<PathBuf>,
    stats: Stats,
}

impl Out {
    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            if !self.dirs.contains(dir) {
                fs::create_dir_all(dir)?;
                self.dirs.insert(dir.to_path_buf());
            }
        }
        fs::write(&path, text)?;
        self.stats.files += 1;
        self.stats.bytes += text.len() as u64;
        Ok(())
    }
}

/// Generates a site of `n` directory entries into `root` (which must be
/// empty or missing), and marks it finished with `MARKER`.
pub fn generate(n: usize, root: &Path) -> io::Result<Stats> {
    let mut out = Out {
        root: root.to_path_buf(),
        dirs: HashSet::new(),
        stats: Stats::default(),
    };
    out.write("site.yaml", &site_yaml())?;
    for p in data::PROGRAMMES {
        out.write(&format!("content/program/{}.md", p.slug), &programme_md(p))?;
    }
    let mut slugs = Slugs::default();
    let mut published: Vec<(Kind, String)> = Vec::new();
    let counts = kind_counts(n);
    for kind in Kind::ALL {
        let mut vendors = String::new();
        for i in 0..counts[kind.index()] {
            let entry = make_entry(kind, i, &mut slugs);
            if entry.draft {
                out.stats.drafts += 1;
            } else {
                published.push((kind, entry.slug.clone()));
            }
            out.stats.kinds[kind.index()] += 1;
            write_private(&mut out, &entry)?;
            if kind == Kind::Pkl {
                vendors.push_str(&vendor_item(&entry));
                let last = i + 1 == counts[kind.index()];
                if (i + 1) % VENDORS_PER_FILE == 0 || last {
                    let file = i / VENDORS_PER_FILE + 1;
                    out.write(&format!("content/pkl/daftar-pkl-{file:03}.yaml"), &vendors)?;
                    vendors.clear();
                }
            } else {
                write_entry_file(&mut out, &entry, i)?;
            }
        }
    }
    write_events(&mut out, n, &published)?;
    write_pages(&mut out)?;
    let stats = out.stats;
    out.write(MARKER, &(marker_text(n) + &stats.to_line()))?;
    Ok(stats)
}

/// The entry's personal data where `etalase import` keeps it: its own file
/// under `pribadi/`, out of the entry files (and of a site's repository).
fn write_private(out: &mut Out, e: &Entry) -> io::Result<()> {
    let Some((_, Y::Map(private))) = e.fields.iter().find(|(k, _)| *k == "private") else {
        return Ok(());
    };
    let mut text = String::new();
    emit_map(&mut text, private, 0, "");
    out.write(&format!("pribadi/{}/{}.yaml", e.kind.dir(), e.slug), &text)
}

/// The entry's fields as its file holds them: all but `private`.
fn public_fields(e: &Entry) -> impl Iterator<Item = &(&'static str, Y)> {
    e.fields.iter().filter(|(k, _)| *k != "private")
}

/// A UMKM or koperasi file, in a per-kecamatan folder: mostly Markdown with
/// front matter, a few single-entry YAML files; a few saved on Windows (CRLF,
/// byte-order mark).
fn write_entry_file(out: &mut Out, e: &Entry, index: usize) -> io::Result<()> {
    let rng = &mut Rng::for_item(10 + e.kind as u64, index);
    let folder = format!("content/{}/{}", e.kind.dir(), slugify(e.district.name));
    let mut text = String::with_capacity(e.body.len() + 2048);
    let ext = if rng.chance(3.0) {
        let mut fields: Vec<(&'static str, Y)> = Vec::new();
        fields.extend(public_fields(e).cloned());
        fields.push(("description", Y::Text(e.body.clone())));
        emit_map(&mut text, &fields, 0, "");
        "yaml"
    } else {
        text.push_str("---\n");
        let fields: Vec<(&'static str, Y)> = public_fields(e).cloned().collect();
        emit_map(&mut text, &fields, 0, "");
        text.push_str("---\n");
        text.push_str(&e.body);
        "md"
    };
    if rng.chance(2.0) {
        text = text.replace('\n', "\r\n");
    }
    if rng.chance(1.0) {
        text.insert(0, '\u{feff}');
    }
    out.write(&format!("{folder}/{}.{ext}", e.slug), &text)
}

/// One street vendor as an item of a list file. The slug comes from the name
/// unless that slug is taken, then it is given.
fn vendor_item(e: &Entry) -> String {
    let mut fields: Vec<(&'static str, Y)> = Vec::with_capacity(e.fields.len() + 2);
    let name_slug = match &e.fields[0].1 {
        Y::Str(name) => slugify(name),
        _ => unreachable!("name comes first"),
    };
    fields.push(e.fields[0].clone());
    if name_slug != e.slug {
        fields.push(("slug", s(e.slug.as_str())));
    }
    fields.extend(public_fields(e).skip(1).cloned());
    fields.push(("description", Y::Text(e.body.clone())));
    let mut text = String::with_capacity(e.body.len() + 2048);
    emit_map(&mut text, &fields, 2, "- ");
    text
}

fn site_yaml() -> String {
    let mut y = String::from(
        "# Synthetic Kota Bekasi directory for Etalase's build benchmark\n\
         # (benches/build.rs). Businesses are invented; wilayah names and\n\
         # codes follow Kepmendagri 300.2.2-2138 Tahun 2025.\n",
    );
    let categories = CATEGORIES
        .iter()
        .map(|c| Y::Flow(vec![("slug", s(c.slug)), ("name", s(c.name))]))
        .collect();
    let districts = DISTRICTS
        .iter()
        .map(|d| {
            let mut f = vec![("name", s(d.name)), ("code", s(d.code))];
            if !d.aliases.is_empty() {
                f.push((
                    "aliases",
                    Y::FlowList(d.aliases.iter().map(|a| s(*a)).collect()),
                ));
            }
            let villages = d.villages.iter().map(|(v, _)| s(*v)).collect();
            f.push(("villages", Y::FlowList(villages)));
            Y::Map(f)
        })
        .collect();
    let fields = vec![
        ("title", s("Direktori UMKM Kota Bekasi")),
        ("description", s("Usaha mikro, kecil, menengah, koperasi dan pedagang kaki lima di 12 kecamatan Kota Bekasi (data sintetis untuk uji kinerja)")),
        ("base_url", s("https://umkm.example.go.id/")),
        ("language", s("id")),
        ("theme", s("default")),
        ("paginate", raw(24)),
        ("categories", Y::List(categories)),
        ("districts", Y::List(districts)),
        ("extra", Y::Map(vec![("office", s("Dinas Koperasi dan UKM Kota Bekasi"))])),
    ];
    emit_map(&mut y, &fields, 0, "");
    y
}

fn programme_md(p: &data::Programme) -> String {
    let mut fields = vec![("name", s(p.name)), ("summary", s(p.summary))];
    if let Some((count, year, label)) = p.target {
        fields.push((
            "target",
            Y::Flow(vec![
                ("count", raw(count)),
                ("year", raw(year)),
                ("label", s(label)),
            ]),
        ));
    }
    let mut text = String::from("---\n");
    emit_map(&mut text, &fields, 0, "");
    let _ = write!(
        text,
        "---\n{} adalah program pembinaan yang diikuti pelaku usaha di seluruh kecamatan Kota Bekasi.\n\n\
         ## Manfaat\n\n- Pendampingan dari Dinas Koperasi dan UKM\n- Akses pasar dan pameran\n- Jejaring sesama pelaku usaha\n\n\
         Pendaftaran dibuka melalui kantor kelurahan dan [laman dinas](https://umkm.example.go.id/tentang/).\n",
        p.name
    );
    text
}

/// Bazaars and expos listing some published entries as participants.
fn write_events(out: &mut Out, n: usize, published: &[(Kind, String)]) -> io::Result<()> {
    let count = (n / 1500).clamp(2, 60);
    let mut slugs = Slugs::default();
    for i in 0..count {
        let rng = &mut Rng::for_item(20, i);
        let district = pick_district(rng);
        let year = rng.range(2023, 2025);
        let name = match i % 4 {
            0 => format!("Bazaar Ramadhan {year} {}", district.name),
            1 => format!("Bekasi Expo {year}"),
            2 => format!("Festival Kuliner {}", rng.pick(district.landmarks)),
            _ => format!("Pasar Kreatif Patriot {}", i + 1),
        };
        // Ramadan fell in March in 2023-2025
        let month = if i % 4 == 0 { 3 } else { rng.range(1, 12) };
        let first_day = rng.range(1, 25);
        let last_day = first_day + rng.range(0, 3);
        let first = format!("{year:04}-{month:02}-{first_day:02}");
        let last = format!("{year:04}-{month:02}-{last_day:02}");
        // Dates, or date-times from afternoon to evening; an end of the same
        // form as the start, so it never reads as earlier.
        let (start, end) = if rng.chance(50.0) {
            (first, last)
        } else {
            (
                format!("{first}T16:00:00+07:00"),
                format!("{last}T22:00:00+07:00"),
            )
        };
        let mut f = vec![
            ("name", s(name.as_str())),
            ("start", raw(start)),
            ("venue", s(*rng.pick(district.landmarks))),
            ("district", s(district.name)),
            ("geo", geo(rng, district)),
        ];
        if rng.chance(60.0) {
            f.insert(2, ("end", raw(end)));
        }
        if rng.chance(70.0) {
            let p = rng.pick(data::PROGRAMMES).slug;
            f.push(("programs", Y::FlowList(vec![s(p)])));
        }
        let how_many = rng.range(8, 40) as usize;
        let picks = rng.sample(published.len(), how_many);
        let refs = picks
            .into_iter()
            .map(|k| s(format!("{}/{}", published[k].0.dir(), published[k].1)))
            .collect();
        f.push(("participants", Y::List(refs)));
        let mut text = String::from("---\n");
        emit_map(&mut text, &f, 0, "");
        let _ = write!(
            text,
            "---\n**{name}** menghadirkan pelaku UMKM, koperasi dan PKL binaan Kota Bekasi.\n\n\
             Pengunjung dapat mencicipi kuliner khas Betawi, membeli oleh-oleh, dan berkonsultasi \
             tentang perizinan usaha.\n"
        );
        let slug = slugs.claim(Kind::Umkm, &slugify(&name)); // a fresh set: events only
        out.write(&format!("content/acara/{slug}.md"), &text)?;
    }
    Ok(())
}

fn write_pages(out: &mut Out) -> io::Result<()> {
    out.write(
        "content/halaman/tentang.md",
        "---\ntitle: Tentang direktori ini\n---\nDirektori ini memuat usaha mikro, kecil dan menengah, \
         koperasi, serta pedagang kaki lima di Kota Bekasi.\n\nData disusun oleh **Dinas Koperasi \
         dan UKM** bersama kelurahan.\n",
    )?;
    out.write(
        "content/halaman/kontak.md",
        "---\ntitle: Kontak\n---\n- Telepon: (021) 8800-0100\n- Surel: layanan.umkm@example.go.id\n",
    )
}
