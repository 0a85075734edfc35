//! The validated content of a site: what every later stage reads.
//! Office-only data (`private`) has no place here, so it cannot leak.

use crate::diagnostic::Pos;
use crate::yaml::Value;

/// The folder under content/ that names what an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Umkm,
    Koperasi,
    Pkl,
    Program,
    Acara,
    Halaman,
}

impl Kind {
    pub(crate) const ALL: [Kind; 6] = [
        Kind::Umkm,
        Kind::Koperasi,
        Kind::Pkl,
        Kind::Program,
        Kind::Acara,
        Kind::Halaman,
    ];
    /// The kinds that are directory entries (businesses).
    pub(crate) const DIRECTORY: [Kind; 3] = [Kind::Umkm, Kind::Koperasi, Kind::Pkl];

    pub(crate) fn folder(self) -> &'static str {
        match self {
            Kind::Umkm => "umkm",
            Kind::Koperasi => "koperasi",
            Kind::Pkl => "pkl",
            Kind::Program => "program",
            Kind::Acara => "acara",
            Kind::Halaman => "halaman",
        }
    }

    pub(crate) fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }

    pub(crate) fn is_directory(self) -> bool {
        self.directory_index().is_some()
    }

    /// Its place in `Kind::DIRECTORY`, for a directory kind; every kind is
    /// named, so a new one cannot be counted as another.
    pub(crate) fn directory_index(self) -> Option<usize> {
        match self {
            Kind::Umkm => Some(0),
            Kind::Koperasi => Some(1),
            Kind::Pkl => Some(2),
            Kind::Program | Kind::Acara | Kind::Halaman => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `2026-03-01`, for sitemaps and machine-readable attributes.
    pub(crate) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DateTime {
    pub date: Date,
    /// Minutes after midnight, when a time was given.
    pub minutes: Option<u16>,
}

#[derive(Clone, Debug)]
pub(crate) struct Phone {
    /// The international number's digits, country code first:
    /// `628123456789`, `14155550100`; links are `tel:+` and `wa.me/` these.
    pub digits: String,
    /// `+62 812-3456-789`; a foreign number as the owner wrote it.
    pub display: String,
}

impl Phone {
    /// The number as a link that calls it.
    pub(crate) fn call_href(&self) -> String {
        format!("tel:+{}", self.digits)
    }

    /// The number as a link that opens a WhatsApp chat with it.
    pub(crate) fn whatsapp_href(&self) -> String {
        format!("https://wa.me/{}", self.digits)
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Geo {
    pub lat: f64,
    pub lon: f64,
}

/// Opening hours of one day (0 = senin). `None` = closed that day.
#[derive(Clone, Debug)]
pub(crate) struct DayHours {
    pub day: u8,
    pub open_close: Option<(u16, u16)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Certification {
    /// `halal`, `pirt`, `bpom`, `sni` or `other`.
    pub kind: &'static str,
    pub label: String,
    pub number: Option<String>,
    pub status: CertStatus,
    /// The last day the certificate holds, when it has one: after it,
    /// the certificate is shown as expired, never as a badge.
    pub valid_until: Option<Date>,
}

/// Where a certificate stands. Only `Certified` (and not past its
/// `valid_until`) is a claim the site makes: a badge, structured data, a
/// search filter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CertStatus {
    Certified,
    /// Applied for, not granted: shown as such, never as a badge.
    InProcess,
    /// Not held (an office's "belum"): kept so a sheet's row comes back.
    None,
}

#[derive(Clone, Debug)]
pub(crate) struct Award {
    pub year: Option<i64>,
    pub title: String,
    pub prize: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Product {
    pub name: String,
    pub price: Option<u64>,
    pub unit: Option<String>,
    pub image: Option<Asset>,
    pub description: Option<String>,
    pub halal: bool,
}

/// A picture an entry refers to.
#[derive(Clone, Debug)]
pub(crate) struct Asset {
    /// As the entry names it (`logo.png`, `/foto/a.jpg`): what the tables
    /// carry, so a re-import reads back the same words.
    pub written: String,
    /// The file to copy, relative to the site folder; `None` when it is
    /// under static/ and is copied with it.
    pub copy_from: Option<String>,
    /// Where it is published, relative to the output root: its middle
    /// width (what a card, the open data and a link preview show).
    pub output: String,
    /// Its widths, narrowest first: where each is published and where its
    /// bytes are (`pictures::make`).
    pub sizes: std::sync::Arc<Vec<PictureSize>>,
    /// Its size upright, in pixels.
    pub width: u32,
    pub height: u32,
    /// The picture's file, what its widths are made from.
    pub source: std::path::PathBuf,
}

/// One published width of a picture: where it is published, and the
/// width `pictures` makes (its size and its files in the cache).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct PictureSize {
    pub output: String,
    /// Where its WebP is published, beside a JPEG.
    pub webp_output: Option<String>,
    pub made: crate::pictures::Size,
}

impl PictureSize {
    /// Each file of this width: output path and its bytes.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, &std::path::Path)> {
        let webp = self.webp_output.as_deref().zip(self.made.webp.as_deref());
        std::iter::once((self.output.as_str(), self.made.file.as_path())).chain(webp)
    }
}

impl Asset {
    /// A picture made by `pictures::make`, published under `output`'s
    /// name without its extension, a width and the new extension
    /// (`media/umkm/x/logo.png` → `media/umkm/x/logo-320.jpg`).
    pub(crate) fn made(
        written: &str,
        copy_from: Option<String>,
        output: &str,
        source: std::path::PathBuf,
        made: crate::pictures::Made,
    ) -> Asset {
        let base = match output.rsplit_once('.') {
            Some((b, ext)) if !ext.contains('/') => b,
            _ => output,
        };
        let sizes: Vec<PictureSize> = made
            .sizes
            .into_iter()
            .map(|s| PictureSize {
                output: format!("{base}-{}.{}", s.width, s.ext),
                webp_output: s.webp.is_some().then(|| format!("{base}-{}.webp", s.width)),
                made: s,
            })
            .collect();
        // The 640 (or the widest below it): what a link preview or a
        // download shows.
        let middle = sizes
            .iter()
            .rev()
            .find(|s| s.made.width <= 640)
            .unwrap_or(&sizes[0]);
        Asset {
            written: written.to_string(),
            copy_from,
            output: middle.output.clone(),
            width: made.width,
            height: made.height,
            sizes: std::sync::Arc::new(sizes),
            source,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Link {
    pub network: &'static str,
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Deed {
    pub notary: Option<String>,
    pub number: Option<String>,
    pub date: Option<Date>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Cooperative {
    pub legal_number: Option<String>,
    pub cooperative_type: Option<String>,
    pub sharia: bool,
    pub members: Option<i64>,
    pub mosque: Option<String>,
    pub deed: Option<Deed>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Vendor {
    pub stall: Option<String>,
    pub schedule: Option<String>,
}

/// A reference to another item, with where it was written.
#[derive(Clone, Debug)]
pub(crate) struct Ref {
    pub target: String,
    pub pos: Pos,
}

/// The days of the week, Monday first, as the format writes them.
pub(crate) const DAYS: [&str; 7] = [
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
];

/// What an item, valid or not, says that other files and the site's
/// addresses depend on: its kind, slug and references. An item with
/// errors leaves validation as its claim only, never as an item.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Claim<'a> {
    pub kind: Kind,
    pub slug: &'a str,
    pub origin: &'a Origin,
    pub programs: &'a [Ref],
    pub participants: &'a [Ref],
}

impl<'a> Claim<'a> {
    pub(crate) fn new(
        kind: Kind,
        slug: &'a str,
        origin: &'a Origin,
        programs: &'a [Ref],
        participants: &'a [Ref],
    ) -> Claim<'a> {
        Claim {
            kind,
            slug,
            origin,
            programs,
            participants,
        }
    }
}

/// Where an item was defined, for messages.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub file: String,
    pub slug_pos: Pos,
}

/// A business, cooperative or street vendor.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub kind: Kind,
    pub slug: String,
    pub name: String,
    pub origin: Origin,
    pub category: usize,
    pub district: usize,
    pub village: Option<String>,
    pub address: Option<String>,
    pub geo: Option<Geo>,
    pub phone: Option<Phone>,
    pub whatsapp: Option<Phone>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Its social networks and online shops, by field key (`network`).
    pub links: Vec<Link>,
    pub hours: Vec<DayHours>,
    pub scale: Option<String>,
    pub nib: Option<String>,
    pub kbli: Vec<String>,
    pub qris: Option<String>,
    pub certifications: Vec<Certification>,
    pub programs: Vec<Ref>,
    pub awards: Vec<Award>,
    pub tags: Vec<String>,
    pub products: Vec<Product>,
    pub logo: Option<Asset>,
    pub images: Vec<Asset>,
    pub founded: Option<i64>,
    pub featured: bool,
    pub draft: bool,
    pub updated: Option<Date>,
    pub verified: Option<Date>,
    pub closed: bool,
    pub extra: Value,
    pub coop: Option<Cooperative>,
    pub vendor: Option<Vendor>,
    /// Markdown.
    pub description: Text,
    /// The name as listings sort it (`places::match_key`), made once when
    /// the entry is read.
    pub sort_key: String,
    /// What the entry was read from, hashed (`validate::version`): `serve`
    /// renders a page again only when an item it shows has a new version.
    pub version: u64,
}

impl Entry {
    /// Its kind's place in `Kind::DIRECTORY` (the site's lists by kind).
    pub(crate) fn kind_index(&self) -> usize {
        self.kind
            .directory_index()
            .expect("validation makes entries of the directory kinds only")
    }
}

/// A long Markdown text: kept in memory, or — for the body of a Markdown
/// entry file — read again from its file when its page is rendered, so the
/// descriptions of 100,000 entries are not all held in memory at once.
#[derive(Clone, Debug)]
pub(crate) enum Text {
    Inline(String),
    InFile {
        path: std::path::PathBuf,
        /// Site-relative, for messages.
        rel: String,
        /// Byte offset of the text in the file (after a byte-order mark).
        from: usize,
        /// The hash of the whole text as validated: the body is published
        /// only from that same version of the file.
        hash: u64,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub count: u64,
    pub year: Option<i64>,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Programme {
    pub slug: String,
    pub name: String,
    pub origin: Origin,
    pub summary: Option<String>,
    pub target: Option<Target>,
    pub achieved: Option<u64>,
    pub draft: bool,
    pub extra: Value,
    pub description: String,
    /// As `Entry::version`.
    pub version: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub slug: String,
    pub name: String,
    pub origin: Origin,
    pub start: DateTime,
    pub end: Option<DateTime>,
    pub venue: Option<String>,
    pub district: Option<usize>,
    pub geo: Option<Geo>,
    pub programs: Vec<Ref>,
    /// `kind/slug`.
    pub participants: Vec<Ref>,
    pub draft: bool,
    pub extra: Value,
    pub description: String,
    /// As `Entry::version`.
    pub version: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Page {
    pub slug: String,
    pub title: String,
    pub origin: Origin,
    pub draft: bool,
    pub extra: Value,
    pub body: String,
    /// As `Entry::version`.
    pub version: u64,
}

/// Everything read from content/, before indexing.
#[derive(Default, Debug, Clone)]
pub(crate) struct Content {
    /// Shared, so that `serve` keeps an unchanged entry between builds
    /// without copying it.
    pub entries: Vec<std::sync::Arc<Entry>>,
    pub programmes: Vec<Programme>,
    pub events: Vec<Event>,
    pub pages: Vec<Page>,
}
