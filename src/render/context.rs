//! The views templates see: plain serialisable structs built from the
//! model, with URLs complete and labels formatted. Their shape is the
//! contract documented in docs/THEMES.md.

use crate::index::Site;
use crate::markdown;
use crate::model::*;
use crate::paths;
use crate::project;
use crate::schema::Shape;
use crate::text::rupiah_label;
use crate::urls::Urls;
use serde::Serialize;
use tera::Value;

/// Localised labels the engine formats itself.
pub(crate) struct Labels {
    pub months: Vec<String>,
    /// "selesai": the mark of an event that has ended, in lists.
    pub ended: String,
}

impl Labels {
    pub(crate) fn date(&self, d: &Date) -> String {
        let month = self
            .months
            .get(d.month as usize - 1)
            .cloned()
            .unwrap_or_else(|| d.month.to_string());
        format!("{} {} {}", d.day, month, d.year)
    }

    pub(crate) fn date_time(&self, d: &DateTime) -> String {
        match d.minutes {
            Some(m) => format!("{}, {:02}.{:02}", self.date(&d.date), m / 60, m % 60),
            None => self.date(&d.date),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct NamedLink<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
}

impl<'a> NamedLink<'a> {
    pub(crate) fn programme(urls: &Urls, p: &'a Programme) -> NamedLink<'a> {
        NamedLink {
            slug: &p.slug,
            name: &p.name,
            url: urls.page(&paths::programme(&p.slug)),
        }
    }

    pub(crate) fn district(urls: &Urls, d: &'a crate::config::District) -> NamedLink<'a> {
        NamedLink {
            slug: &d.slug,
            name: &d.name,
            url: urls.page(&paths::district(&d.slug)),
        }
    }
}

#[derive(Serialize)]
struct CardProduct<'a> {
    name: &'a str,
    price_label: Option<String>,
    unit: Option<&'a str>,
    halal: bool,
}

#[derive(Serialize)]
struct CertView<'a> {
    kind: &'a str,
    label: &'a str,
    number: Option<&'a str>,
}

/// A certificate that is no badge: applied for, or past its last day.
#[derive(Serialize)]
struct CertNote<'a> {
    kind: &'a str,
    label: &'a str,
    number: Option<&'a str>,
    /// `proses` or `kedaluwarsa`.
    status: &'static str,
    valid_until_label: Option<String>,
}

#[derive(Serialize)]
struct Card<'a> {
    kind: &'static str,
    kind_url: String,
    slug: &'a str,
    url: String,
    name: &'a str,
    category: NamedLink<'a>,
    district: NamedLink<'a>,
    village: Option<&'a str>,
    address: Option<&'a str>,
    closed: bool,
    featured: bool,
    logo: Option<String>,
    /// The logo, else the first photo, with its widths: the card's
    /// thumbnail.
    picture: Option<PictureView>,
    sharia: bool,
    tags: &'a [String],
    /// The WhatsApp and call links, when the business is open for them.
    whatsapp_href: Option<String>,
    call_href: Option<String>,
    /// Opening hours for the open-now status (`etalase.js`), when the
    /// entry gives them and is not closed for good.
    hours: Option<String>,
    products: Vec<CardProduct<'a>>,
    product_count: usize,
    certifications: Vec<CertView<'a>>,
    updated_label: Option<String>,
}

/// The card of one entry, as listings show it.
pub(crate) fn card(site: &Site, urls: &Urls, labels: &Labels, e: &Entry) -> Value {
    Value::from_serializable(&card_view(site, urls, labels, e))
}

fn card_view<'a>(site: &'a Site, urls: &Urls, labels: &Labels, e: &'a Entry) -> Card<'a> {
    let cat = &site.config.categories[e.category];
    let dis = &site.config.districts[e.district];
    Card {
        kind: e.kind.folder(),
        kind_url: urls.page(&paths::kind(e.kind)),
        slug: &e.slug,
        url: urls.entry(e),
        name: &e.name,
        category: NamedLink {
            slug: &cat.slug,
            name: &cat.name,
            url: urls.page(&paths::category(&cat.slug)),
        },
        district: NamedLink::district(urls, dis),
        village: e.village.as_deref(),
        address: e.address.as_deref(),
        closed: e.closed,
        featured: e.featured,
        logo: e.logo.as_ref().map(|a| urls.asset(&a.output)),
        picture: e
            .logo
            .as_ref()
            .or(e.images.first())
            .map(|a| PictureView::of(urls, a)),
        sharia: e.coop.as_ref().is_some_and(|c| c.sharia),
        whatsapp_href: e
            .whatsapp
            .as_ref()
            .filter(|_| !e.closed)
            .map(|p| p.whatsapp_href()),
        call_href: e
            .phone
            .as_ref()
            .filter(|_| !e.closed)
            .map(|p| p.call_href()),
        hours: (!e.hours.is_empty() && !e.closed).then(|| hours_json(e)),
        tags: &e.tags,
        products: e
            .products
            .iter()
            .map(|p| CardProduct {
                name: &p.name,
                price_label: p.price.map(rupiah_label),
                unit: p.unit.as_deref(),
                halal: p.halal,
            })
            .collect(),
        product_count: e.products.len(),
        certifications: certs(site, e),
        updated_label: e.updated.as_ref().map(|d| labels.date(d)),
    }
}

/// The certificates the site may claim: granted and not expired.
fn certs<'a>(site: &Site, e: &'a Entry) -> Vec<CertView<'a>> {
    e.certifications
        .iter()
        .filter(|c| site.certified(c))
        .map(|c| CertView {
            kind: c.kind,
            label: &c.label,
            number: c.number.as_deref(),
        })
        .collect()
}

/// The card of every entry, built once (in parallel) and shared by all
/// the listings that show it: tera values are reference-counted.
pub(crate) fn cards(site: &Site, urls: &Urls, labels: &Labels) -> Vec<Value> {
    use rayon::prelude::*;
    site.content
        .entries
        .par_iter()
        .map(|e| card(site, urls, labels, e))
        .collect()
}

#[derive(Serialize)]
struct Contact {
    display: String,
    href: String,
}

#[derive(Serialize)]
struct LinkView<'a> {
    network: &'a str,
    /// The handle (`@warung`), or none when a web address was given.
    label: Option<&'a str>,
    href: &'a str,
}

#[derive(Serialize)]
struct HoursRow {
    day: &'static str,
    open: Option<String>,
    close: Option<String>,
    closed: bool,
    overnight: bool,
}

/// A picture as `<img>` takes it: its middle width as `src`, every
/// width in `srcset`, and the `src`'s size (the page keeps its room).
#[derive(Serialize, Clone, Debug)]
pub(crate) struct PictureView {
    src: String,
    srcset: String,
    /// The same widths in WebP (empty when the picture has none): a
    /// `<source>` before the `<img>`.
    webp_srcset: String,
    /// The widest, for a link to the picture itself.
    large: String,
    width: u32,
    height: u32,
}

impl PictureView {
    fn of(urls: &Urls, a: &crate::model::Asset) -> PictureView {
        let main = a.sizes.iter().find(|s| s.output == a.output);
        PictureView {
            src: urls.asset(&a.output),
            srcset: a
                .sizes
                .iter()
                .map(|s| format!("{} {}w", urls.asset(&s.output), s.made.width))
                .collect::<Vec<_>>()
                .join(", "),
            webp_srcset: a
                .sizes
                .iter()
                .filter_map(|s| {
                    let output = s.webp_output.as_ref()?;
                    Some(format!("{} {}w", urls.asset(output), s.made.width))
                })
                .collect::<Vec<_>>()
                .join(", "),
            large: a
                .sizes
                .last()
                .map_or_else(|| urls.asset(&a.output), |s| urls.asset(&s.output)),
            width: main.map_or(a.width, |s| s.made.width),
            height: main.map_or(a.height, |s| s.made.height),
        }
    }
}

#[derive(Serialize)]
struct ProductView<'a> {
    name: &'a str,
    price_label: Option<String>,
    unit: Option<&'a str>,
    description_html: String,
    image: Option<String>,
    picture: Option<PictureView>,
    halal: bool,
}

#[derive(Serialize)]
struct GeoView {
    lat: f64,
    lon: f64,
    osm_url: String,
}

#[derive(Serialize)]
struct DeedView<'a> {
    notary: Option<&'a str>,
    number: Option<&'a str>,
    date_label: Option<String>,
}

#[derive(Serialize)]
struct CoopView<'a> {
    legal_number: Option<&'a str>,
    cooperative_type: Option<&'a str>,
    sharia: bool,
    members: Option<i64>,
    mosque: Option<&'a str>,
    deed: Option<DeedView<'a>>,
}

#[derive(Serialize)]
struct VendorView<'a> {
    stall: Option<&'a str>,
    schedule: Option<&'a str>,
}

#[derive(Serialize)]
struct AwardView<'a> {
    year: Option<i64>,
    title: &'a str,
    prize: Option<&'a str>,
}

#[derive(Serialize)]
struct EventLink<'a> {
    name: &'a str,
    url: String,
    start_label: String,
    /// Its last day is before the day of the build.
    ended: bool,
}

impl<'a> EventLink<'a> {
    fn new(site: &Site, urls: &Urls, labels: &Labels, ev: &'a Event) -> EventLink<'a> {
        EventLink {
            name: &ev.name,
            url: urls.page(&paths::event(&ev.slug)),
            start_label: labels.date_time(&ev.start),
            ended: site.ended(ev),
        }
    }
}

#[derive(Serialize)]
struct EntryDetail<'a> {
    phone: Option<Contact>,
    whatsapp: Option<Contact>,
    email: Option<Contact>,
    website: Option<Contact>,
    socials: Vec<LinkView<'a>>,
    shops: Vec<LinkView<'a>>,
    hours: Vec<HoursRow>,
    hours_json: String,
    scale: Option<&'a str>,
    nib: Option<&'a str>,
    kbli: &'a [String],
    qris: bool,
    qris_id: Option<&'a str>,
    awards: Vec<AwardView<'a>>,
    programs: Vec<NamedLink<'a>>,
    events: Vec<EventLink<'a>>,
    products: Vec<ProductView<'a>>,
    images: Vec<String>,
    /// The photos with their widths (`<img srcset>`), and the logo.
    photos: Vec<PictureView>,
    logo_picture: Option<PictureView>,
    founded: Option<i64>,
    verified_label: Option<String>,
    certifications_pending: Vec<CertNote<'a>>,
    status: &'static str,
    geo: Option<GeoView>,
    description_html: String,
    extra: &'a crate::yaml::Value,
    coop: Option<CoopView<'a>>,
    vendor: Option<VendorView<'a>>,
    /// Every published one-cell field by its key, as the open data's
    /// table writes it: a field new to the schema reaches templates here.
    fields: std::collections::BTreeMap<&'static str, std::borrow::Cow<'a, str>>,
}

fn hhmm(m: u16) -> String {
    format!("{:02}.{:02}", m / 60, m % 60)
}

fn geo_view(g: &Geo) -> GeoView {
    GeoView {
        lat: g.lat,
        lon: g.lon,
        osm_url: osm_url(g),
    }
}

/// The point on OpenStreetMap's own map.
pub(crate) fn osm_url(g: &Geo) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
        g.lat, g.lon, g.lat, g.lon
    )
}

fn hours_json(e: &Entry) -> String {
    let mut out = String::from("{");
    for (i, h) in e.hours.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let day = DAYS[h.day as usize];
        match h.open_close {
            Some((o, c)) => out.push_str(&format!(
                "\"{day}\":[[\"{:02}:{:02}\",\"{:02}:{:02}\"]]",
                o / 60,
                o % 60,
                c / 60,
                c % 60
            )),
            None => out.push_str(&format!("\"{day}\":[]")),
        }
    }
    out.push('}');
    out
}

/// The full view of one entry: its card plus every detail.
pub(crate) fn entry(
    site: &Site,
    urls: &Urls,
    labels: &Labels,
    i: usize,
    card: &Value,
    description: &str,
) -> Value {
    let e = &site.content.entries[i];
    let detail = EntryDetail {
        fields: crate::project::cells(site, i).collect(),
        phone: e.phone.as_ref().map(|p| Contact {
            display: p.display.clone(),
            href: p.call_href(),
        }),
        whatsapp: e.whatsapp.as_ref().map(|p| Contact {
            display: p.display.clone(),
            href: p.whatsapp_href(),
        }),
        email: e.email.as_ref().map(|m| Contact {
            display: m.clone(),
            href: format!("mailto:{m}"),
        }),
        website: e.website.as_ref().map(|w| Contact {
            display: display_url(w),
            href: w.clone(),
        }),
        socials: project::links(site, i, |s| matches!(s, Shape::Social { .. }))
            .map(link_view)
            .collect(),
        shops: project::links(site, i, |s| matches!(s, Shape::Shop { .. }))
            .map(link_view)
            .collect(),
        hours: e
            .hours
            .iter()
            .map(|h| HoursRow {
                day: DAYS[h.day as usize],
                open: h.open_close.map(|(o, _)| hhmm(o)),
                close: h.open_close.map(|(_, c)| hhmm(c)),
                closed: h.open_close.is_none(),
                overnight: h.open_close.is_some_and(|(o, c)| c < o),
            })
            .collect(),
        hours_json: hours_json(e),
        scale: e.scale.as_deref(),
        nib: e.nib.as_deref(),
        kbli: &e.kbli,
        qris: e.qris.is_some(),
        qris_id: e.qris.as_deref(),
        awards: e
            .awards
            .iter()
            .map(|a| AwardView {
                year: a.year,
                title: &a.title,
                prize: a.prize.as_deref(),
            })
            .collect(),
        programs: site.entry_programmes[i]
            .iter()
            .map(|&p| NamedLink::programme(urls, &site.content.programmes[p]))
            .collect(),
        events: site.entry_events[i]
            .iter()
            .map(|&ev| EventLink::new(site, urls, labels, &site.content.events[ev]))
            .collect(),
        products: e
            .products
            .iter()
            .enumerate()
            .map(|(n, p)| ProductView {
                name: &p.name,
                price_label: p.price.map(rupiah_label),
                unit: p.unit.as_deref(),
                description_html: p
                    .description
                    .as_deref()
                    .map(|d| markdown::render(d, &format!("p{n}")))
                    .unwrap_or_default(),
                image: p.image.as_ref().map(|a| urls.asset(&a.output)),
                picture: p.image.as_ref().map(|a| PictureView::of(urls, a)),
                halal: p.halal,
            })
            .collect(),
        images: e.images.iter().map(|a| urls.asset(&a.output)).collect(),
        photos: e.images.iter().map(|a| PictureView::of(urls, a)).collect(),
        logo_picture: e.logo.as_ref().map(|a| PictureView::of(urls, a)),
        founded: e.founded,
        verified_label: e.verified.as_ref().map(|d| labels.date(d)),
        certifications_pending: e
            .certifications
            .iter()
            .filter_map(|c| {
                let status = if site.expired(c) && c.status == CertStatus::Certified {
                    "kedaluwarsa"
                } else if c.status == CertStatus::InProcess {
                    "proses"
                } else {
                    return None;
                };
                Some(CertNote {
                    kind: c.kind,
                    label: &c.label,
                    number: c.number.as_deref(),
                    status,
                    valid_until_label: c.valid_until.as_ref().map(|d| labels.date(d)),
                })
            })
            .collect(),
        status: if e.closed { "tutup" } else { "aktif" },
        geo: e.geo.as_ref().map(geo_view),
        description_html: markdown::render(description, "d"),
        extra: &e.extra,
        coop: e.coop.as_ref().map(|c| CoopView {
            legal_number: c.legal_number.as_deref(),
            cooperative_type: c.cooperative_type.as_deref(),
            sharia: c.sharia,
            members: c.members,
            mosque: c.mosque.as_deref(),
            deed: c.deed.as_ref().map(|d| DeedView {
                notary: d.notary.as_deref(),
                number: d.number.as_deref(),
                date_label: d.date.as_ref().map(|x| labels.date(x)),
            }),
        }),
        vendor: e.vendor.as_ref().map(|v| VendorView {
            stall: v.stall.as_deref(),
            schedule: v.schedule.as_deref(),
        }),
    };
    merge(card, Value::from_serializable(&detail))
}

fn link_view(l: &Link) -> LinkView<'_> {
    LinkView {
        network: l.network,
        label: (!l.label.contains("://")).then_some(l.label.as_str()),
        href: &l.href,
    }
}

/// `https://toko.example/` -> `toko.example`.
fn display_url(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.trim_end_matches('/').to_string()
}

/// The fields of `b` added to the map `a`.
pub(crate) fn merge(a: &Value, b: Value) -> Value {
    let mut map = a.as_map().cloned().unwrap_or_default();
    if let Some(extra) = b.as_map() {
        for (k, v) in extra {
            map.insert(k.clone(), v.clone());
        }
    }
    Value::from(map)
}

#[derive(Serialize)]
struct TargetView<'a> {
    count: u64,
    year: Option<i64>,
    label: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct ProgrammeView<'a> {
    slug: &'a str,
    name: &'a str,
    summary: Option<&'a str>,
    description_html: String,
    target: Option<TargetView<'a>>,
    achieved: u64,
    percent: Option<u64>,
    events: Vec<EventLink<'a>>,
    /// This page's cards of the showcase.
    entries: Vec<Value>,
}

pub(crate) fn programme<'a>(
    site: &'a Site,
    urls: &Urls,
    labels: &Labels,
    i: usize,
    entries: Vec<Value>,
) -> ProgrammeView<'a> {
    let p = &site.content.programmes[i];
    let achieved = site.programme_achieved(i);
    ProgrammeView {
        slug: &p.slug,
        name: &p.name,
        summary: p.summary.as_deref(),
        description_html: markdown::render(&p.description, "d"),
        target: p.target.as_ref().map(|t| TargetView {
            count: t.count,
            year: t.year,
            label: t.label.as_deref(),
        }),
        achieved,
        percent: p
            .target
            .as_ref()
            // In u128: achieved × 100 cannot overflow, so a huge target still
            // gives the right share.
            .map(|t| (u128::from(achieved) * 100 / u128::from(t.count.max(1))).min(100) as u64),
        events: site.programme_events[i]
            .iter()
            .map(|&ev| EventLink::new(site, urls, labels, &site.content.events[ev]))
            .collect(),
        entries,
    }
}

#[derive(Serialize)]
pub(crate) struct EventView<'a> {
    slug: &'a str,
    name: &'a str,
    start_label: String,
    start_iso: String,
    /// The last day of the event, for scripts: `2026-03-15`.
    end_iso: String,
    end_label: Option<String>,
    /// Its last day is before the day of the build.
    ended: bool,
    venue: Option<&'a str>,
    district: Option<NamedLink<'a>>,
    geo: Option<GeoView>,
    programs: Vec<NamedLink<'a>>,
    description_html: String,
    participants: Vec<Value>,
}

pub(crate) fn event<'a>(
    site: &'a Site,
    urls: &Urls,
    labels: &Labels,
    i: usize,
    participants: Vec<Value>,
) -> EventView<'a> {
    let ev = &site.content.events[i];
    EventView {
        slug: &ev.slug,
        name: &ev.name,
        start_label: labels.date_time(&ev.start),
        start_iso: ev.start.date.iso(),
        end_iso: ev.end.unwrap_or(ev.start).date.iso(),
        end_label: ev.end.as_ref().map(|d| labels.date_time(d)),
        ended: site.ended(ev),
        venue: ev.venue.as_deref(),
        district: ev
            .district
            .map(|d| NamedLink::district(urls, &site.config.districts[d])),
        geo: ev.geo.as_ref().map(geo_view),
        programs: site.event_programmes[i]
            .iter()
            .map(|&p| NamedLink::programme(urls, &site.content.programmes[p]))
            .collect(),
        description_html: markdown::render(&ev.description, "d"),
        participants,
    }
}
