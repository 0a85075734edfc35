//! Structured data (schema.org, as JSON-LD) of every page: entries as a
//! LocalBusiness subtype chosen from their category (cooperatives as
//! Organization), events as Event, programmes and listings as ItemList,
//! the home page as WebSite with its SearchAction, the data page as
//! Dataset, and a BreadcrumbList everywhere. Every type and property used
//! here is checked against the schema.org vocabulary by the test suite.
//!
//! The block is written for a `<script type="application/ld+json">`:
//! `<`, `>` and `&` are escaped as JSON `\u` escapes, so no text from an
//! entry can end the script element.

use crate::index::Site;
use crate::json::put;
use crate::model::{Entry, Event, Geo, Kind, DAYS};
use crate::paths;
use crate::project;
use crate::schema::Shape;
use crate::schemaorg;
use crate::urls::Urls;
use serde_json::{json, Map, Value};

/// The schema.org type of an entry.
pub(crate) fn entry_type<'a>(site: &'a Site, e: &Entry) -> &'a str {
    if e.kind == Kind::Koperasi {
        return "Organization";
    }
    let slug = &site.config.categories[e.category].slug;
    site.config
        .business_types
        .get(slug)
        .map_or_else(|| schemaorg::guessed_type(slug), String::as_str)
}

/// One step of a page's breadcrumb trail.
#[derive(serde::Serialize, Clone, Debug)]
pub(crate) struct Crumb {
    pub(crate) name: String,
    pub(crate) url: String,
    #[serde(skip)]
    pub(crate) permalink: String,
}

/// The JSON-LD of a page: its main node (if any), the trail and, on the
/// home page, the WebSite.
pub(crate) fn block(nodes: Vec<Value>, crumbs: &[Crumb]) -> String {
    let mut graph = nodes;
    if !crumbs.is_empty() {
        let items: Vec<Value> = crumbs
            .iter()
            .enumerate()
            .map(|(n, c)| {
                json!({"@type": "ListItem", "position": n + 1, "name": c.name, "item": c.permalink})
            })
            .collect();
        graph.push(json!({"@type": "BreadcrumbList", "itemListElement": items}));
    }
    let doc = json!({"@context": "https://schema.org", "@graph": graph});
    script_safe(&serde_json::to_string(&doc).unwrap_or_default())
}

/// JSON that cannot end or confuse the script element that holds it.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn geo(g: &Geo) -> Value {
    json!({"@type": "GeoCoordinates", "latitude": g.lat, "longitude": g.lon})
}

/// A postal address in Indonesia's order: street, kelurahan and
/// kecamatan in the street part, the kota or kabupaten as locality, the
/// province as region.
fn address(
    site: &Site,
    street: Option<&str>,
    district: Option<usize>,
    village: Option<&str>,
) -> Value {
    let c = &site.config;
    let mut parts: Vec<String> = street.map(str::to_string).into_iter().collect();
    // What the street address already names is not named again.
    let named = |name: &str| {
        let key = crate::places::match_key(name);
        street.is_some_and(|s| crate::places::match_key(s).contains(&key))
    };
    let mut postal = None;
    if let Some(d) = district {
        let dis = &c.districts[d];
        if let Some(v) = village {
            if !named(v) {
                parts.push(format!("Kelurahan {v}"));
            }
            postal = dis
                .village_index(v)
                .and_then(|i| dis.village_postal_codes[i].clone());
        }
        if !named(&dis.name) {
            parts.push(format!("Kecamatan {}", dis.name));
        }
    }
    let mut m = Map::new();
    m.insert("@type".into(), "PostalAddress".into());
    put(&mut m, "streetAddress", parts.join(", "));
    put(&mut m, "addressLocality", c.city.clone());
    put(&mut m, "addressRegion", c.province.clone());
    put(&mut m, "postalCode", postal);
    m.insert("addressCountry".into(), "ID".into());
    Value::Object(m)
}

fn hhmm(m: u16) -> String {
    // 24:00 is the end of the day.
    if m >= 24 * 60 {
        "23:59".into()
    } else {
        format!("{:02}:{:02}", m / 60, m % 60)
    }
}

const SCHEMA_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Opening hours: one specification per open day. A closing time before
/// the opening time runs past midnight, which is how schema.org (and
/// Google's guide to it) writes a night stall's hours.
fn hours(e: &Entry) -> Vec<Value> {
    debug_assert_eq!(DAYS.len(), SCHEMA_DAYS.len());
    e.hours
        .iter()
        .filter_map(|h| {
            let (o, c) = h.open_close?;
            Some(json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": format!("https://schema.org/{}", SCHEMA_DAYS[h.day as usize]),
                "opens": hhmm(o),
                "closes": hhmm(c),
            }))
        })
        .collect()
}

/// The node of an entry, with `summary` as its description.
pub(crate) fn entry(site: &Site, urls: &Urls, i: usize, summary: &str) -> Value {
    let e = &site.content.entries[i];
    let ty = entry_type(site, e);
    let permalink = urls.permalink(&paths::entry(e.kind, &e.slug));
    let mut m = Map::new();
    m.insert("@type".into(), ty.into());
    m.insert("@id".into(), format!("{permalink}#usaha").into());
    put(&mut m, "name", e.name.as_str());
    put(&mut m, "url", permalink.as_str());
    put(&mut m, "description", summary);
    let images: Vec<Value> = e
        .images
        .iter()
        .map(|a| urls.asset_permalink(&a.output).into())
        .collect();
    put(&mut m, "image", images);
    put(
        &mut m,
        "logo",
        e.logo.as_ref().map(|a| urls.asset_permalink(&a.output)),
    );
    put(
        &mut m,
        "telephone",
        e.phone
            .as_ref()
            .or(e.whatsapp.as_ref())
            .map(|p| format!("+{}", p.digits)),
    );
    put(&mut m, "email", e.email.clone());
    let links = project::links(site, i, |s| {
        matches!(s, Shape::Social { .. } | Shape::Shop { .. })
    });
    let same: Vec<Value> = e
        .website
        .iter()
        .cloned()
        .chain(links.map(|l| l.href.clone()))
        .map(Value::from)
        .collect();
    put(&mut m, "sameAs", same);
    let addr = address(
        site,
        e.address.as_deref(),
        Some(e.district),
        e.village.as_deref(),
    );
    let opening = hours(e);
    if ty == "Organization" {
        // An organisation has an address but no map point or hours of its
        // own: those belong to its place.
        m.insert("address".into(), addr.clone());
        let mut place = Map::new();
        place.insert("@type".into(), "Place".into());
        place.insert("address".into(), addr);
        if let Some(g) = &e.geo {
            place.insert("geo".into(), geo(g));
        }
        put(&mut place, "openingHoursSpecification", opening);
        m.insert("location".into(), Value::Object(place));
    } else {
        m.insert("address".into(), addr);
        if let Some(g) = &e.geo {
            m.insert("geo".into(), geo(g));
            m.insert("hasMap".into(), super::context::osm_url(g).into());
        }
        put(&mut m, "openingHoursSpecification", opening);
        if e.qris.is_some() {
            m.insert("paymentAccepted".into(), "Tunai, QRIS".into());
        }
        m.insert("currenciesAccepted".into(), "IDR".into());
    }
    if let Some(y) = e.founded {
        m.insert("foundingDate".into(), y.to_string().into());
    }
    let awards: Vec<Value> = e
        .awards
        .iter()
        .map(|a| {
            let mut t = a.title.clone();
            if let Some(p) = &a.prize {
                t = format!("{t}: {p}");
            }
            if let Some(y) = a.year {
                t = format!("{t} ({y})");
            }
            Value::from(t)
        })
        .collect();
    put(&mut m, "award", awards);
    // Only a certificate held on the day of the build is a claim.
    let certs: Vec<Value> = e
        .certifications
        .iter()
        .filter(|c| site.certified(c))
        .map(|c| {
            let mut o = Map::new();
            o.insert("@type".into(), "Certification".into());
            o.insert("name".into(), c.label.clone().into());
            put(&mut o, "certificationIdentification", c.number.clone());
            Value::Object(o)
        })
        .collect();
    put(&mut m, "hasCertification", certs);
    let mut ids: Vec<Value> = Vec::new();
    if let Some(nib) = &e.nib {
        ids.push(json!({"@type": "PropertyValue", "propertyID": "NIB", "value": nib}));
    }
    if let Some(l) = e.coop.as_ref().and_then(|c| c.legal_number.as_ref()) {
        ids.push(json!({"@type": "PropertyValue", "propertyID": "Nomor Badan Hukum", "value": l}));
    }
    put(&mut m, "identifier", ids);
    let offers: Vec<Value> = e
        .products
        .iter()
        .map(|p| {
            let mut item = Map::new();
            item.insert("@type".into(), "Product".into());
            item.insert("name".into(), p.name.clone().into());
            put(
                &mut item,
                "description",
                p.description.as_deref().map(crate::markdown::plain),
            );
            put(
                &mut item,
                "image",
                p.image.as_ref().map(|a| urls.asset_permalink(&a.output)),
            );
            let mut o = Map::new();
            o.insert("@type".into(), "Offer".into());
            o.insert("itemOffered".into(), Value::Object(item));
            if let Some(price) = p.price {
                o.insert("price".into(), price.into());
                o.insert("priceCurrency".into(), "IDR".into());
            }
            Value::Object(o)
        })
        .collect();
    if !offers.is_empty() {
        m.insert(
            "hasOfferCatalog".into(),
            json!({"@type": "OfferCatalog", "name": "Produk", "itemListElement": offers}),
        );
    }
    Value::Object(m)
}

/// A date-time in the site's zone: `2026-03-01T16:00:00+07:00`, or the
/// date alone.
fn when(site: &Site, d: &crate::model::DateTime) -> String {
    match d.minutes {
        Some(m) => format!(
            "{}T{:02}:{:02}:00{}",
            d.date.iso(),
            m / 60,
            m % 60,
            site.config.timezone.offset_label()
        ),
        None => d.date.iso(),
    }
}

/// The node of an event, with its participants.
pub(crate) fn event(site: &Site, urls: &Urls, i: usize, ev: &Event) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "Event".into());
    let permalink = urls.permalink(&paths::event(&ev.slug));
    m.insert("@id".into(), format!("{permalink}#acara").into());
    m.insert("name".into(), ev.name.clone().into());
    m.insert("url".into(), permalink.into());
    m.insert("startDate".into(), when(site, &ev.start).into());
    if let Some(end) = &ev.end {
        m.insert("endDate".into(), when(site, end).into());
    }
    m.insert(
        "eventAttendanceMode".into(),
        "https://schema.org/OfflineEventAttendanceMode".into(),
    );
    put(
        &mut m,
        "description",
        crate::markdown::excerpt(&crate::markdown::plain(&ev.description), 300),
    );
    let mut place = Map::new();
    place.insert("@type".into(), "Place".into());
    put(
        &mut place,
        "name",
        ev.venue
            .clone()
            .or_else(|| ev.district.map(|d| site.config.districts[d].name.clone())),
    );
    place.insert(
        "address".into(),
        address(site, ev.venue.as_deref(), ev.district, None),
    );
    if let Some(g) = &ev.geo {
        place.insert("geo".into(), geo(g));
    }
    m.insert("location".into(), Value::Object(place));
    m.insert(
        "organizer".into(),
        json!({"@type": "Organization", "name": site.config.title, "url": site.config.base_url}),
    );
    let attendees: Vec<Value> = site.event_participants[i]
        .iter()
        .map(|&p| {
            let e = &site.content.entries[p];
            json!({
                "@type": entry_type(site, e),
                "name": e.name,
                "url": urls.permalink(&paths::entry(e.kind, &e.slug)),
            })
        })
        .collect();
    put(&mut m, "attendee", attendees);
    Value::Object(m)
}

/// A list of items (a listing's page, a programme's showcase).
pub(crate) fn item_list(
    name: &str,
    description: &str,
    total: usize,
    first: usize,
    items: impl Iterator<Item = (String, String)>,
) -> Value {
    let elements: Vec<Value> = items
        .enumerate()
        .map(|(n, (name, url))| {
            json!({"@type": "ListItem", "position": first + n + 1, "name": name, "url": url})
        })
        .collect();
    let mut m = Map::new();
    m.insert("@type".into(), "ItemList".into());
    put(&mut m, "name", name);
    put(&mut m, "description", description);
    m.insert("numberOfItems".into(), total.into());
    m.insert("itemListElement".into(), elements.into());
    Value::Object(m)
}

/// The site, with the search page as its SearchAction.
pub(crate) fn website(site: &Site, urls: &Urls, language: &str) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "WebSite".into());
    m.insert("@id".into(), format!("{}#situs", urls.permalink("")).into());
    m.insert("name".into(), site.config.title.clone().into());
    put(&mut m, "description", site.config.description.as_str());
    m.insert("url".into(), urls.permalink("").into());
    m.insert("inLanguage".into(), language.into());
    m.insert(
        "potentialAction".into(),
        json!({
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", urls.permalink(&paths::search())),
            },
        }),
    );
    Value::Object(m)
}

/// A page that is not an item: its type, name and address.
pub(crate) fn web_page(ty: &str, name: &str, permalink: &str) -> Value {
    json!({"@type": ty, "name": name, "url": permalink})
}

/// The data page as a Dataset with a download per file.
pub(crate) fn dataset(
    site: &Site,
    name: &str,
    permalink: &str,
    downloads: impl Iterator<Item = (String, String, &'static str)>,
) -> Value {
    let c = &site.config;
    let dist: Vec<Value> = downloads
        .map(|(title, url, media)| {
            json!({"@type": "DataDownload", "name": title, "contentUrl": url, "encodingFormat": media})
        })
        .collect();
    let mut m = Map::new();
    m.insert("@type".into(), "Dataset".into());
    m.insert("name".into(), format!("{name} · {}", c.title).into());
    let description = if c.description.chars().count() >= 50 {
        c.description.clone()
    } else {
        format!(
            "Data terbuka {}: usaha mikro, kecil dan menengah, koperasi dan pedagang kaki lima, dengan jumlahnya per kecamatan dan kelurahan.",
            c.title
        )
    };
    m.insert("description".into(), description.into());
    m.insert("url".into(), permalink.into());
    m.insert(
        "license".into(),
        c.data_license
            .url
            .clone()
            .unwrap_or_else(|| c.data_license.name.clone())
            .into(),
    );
    m.insert("isAccessibleForFree".into(), true.into());
    m.insert("dateModified".into(), site.today.iso().into());
    m.insert(
        "creator".into(),
        json!({"@type": "Organization", "name": c.title, "url": c.base_url}),
    );
    if let Some(city) = &c.city {
        m.insert(
            "spatialCoverage".into(),
            json!({"@type": "Place", "name": city}),
        );
    }
    m.insert("distribution".into(), dist.into());
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_a_block_can_end_its_script() {
        let s = block(vec![json!({"name": "</script><b>&"})], &[]);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["@graph"][0]["name"], "</script><b>&");
    }
}
