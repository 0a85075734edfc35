//! Entries as JSON records (every published field, nested as the format
//! writes it) and as GeoJSON features (the entries with a map point).

use crate::index::Site;
use crate::json::put;
use crate::model::{Entry, DAYS};
use crate::urls::Urls;
use serde_json::{json, Map, Value};

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// One entry as a JSON record, with the schema's keys.
pub(crate) fn record(site: &Site, urls: &Urls, i: usize, e: &Entry, text: &str) -> Value {
    let c = &site.config;
    let dis = &c.districts[e.district];
    let mut m = Map::new();
    put(&mut m, "kind", e.kind.folder());
    put(&mut m, "slug", e.slug.as_str());
    put(
        &mut m,
        "url",
        urls.permalink(&crate::paths::entry(e.kind, &e.slug)),
    );
    put(&mut m, "name", e.name.as_str());
    put(&mut m, "category", c.categories[e.category].slug.as_str());
    put(
        &mut m,
        "category_name",
        c.categories[e.category].name.as_str(),
    );
    put(&mut m, "district", dis.name.as_str());
    put(&mut m, "district_code", dis.code.clone());
    put(&mut m, "village", e.village.clone());
    let village = e.village.as_deref().and_then(|v| dis.village_index(v));
    put(
        &mut m,
        "village_code",
        village.and_then(|v| dis.village_codes[v].clone()),
    );
    put(&mut m, "address", e.address.clone());
    put(
        &mut m,
        "postal_code",
        village.and_then(|v| dis.village_postal_codes[v].clone()),
    );
    if let Some(g) = e.geo {
        m.insert("geo".into(), json!({"lat": g.lat, "lon": g.lon}));
    }
    put(&mut m, "phone", e.phone.as_ref().map(|p| p.display.clone()));
    put(
        &mut m,
        "whatsapp",
        e.whatsapp.as_ref().map(|p| p.display.clone()),
    );
    put(&mut m, "email", e.email.clone());
    put(&mut m, "website", e.website.clone());
    for l in e.socials.iter().chain(&e.shops) {
        put(&mut m, l.network, l.href.as_str());
    }
    if !e.hours.is_empty() {
        let mut h = Map::new();
        for d in &e.hours {
            let v = match d.open_close {
                Some((o, c)) => format!("{}-{}", hhmm(o), hhmm(c)),
                None => "tutup".into(),
            };
            h.insert(DAYS[d.day as usize].into(), v.into());
        }
        m.insert("hours".into(), Value::Object(h));
    }
    put(&mut m, "scale", e.scale.clone());
    put(&mut m, "nib", e.nib.clone());
    put(&mut m, "kbli", e.kbli.clone());
    put(&mut m, "qris", e.qris.clone());
    let certs: Vec<Value> = e
        .certifications
        .iter()
        .map(|c| {
            let mut o = Map::new();
            put(&mut o, "type", c.kind);
            put(&mut o, "label", c.label.as_str());
            put(&mut o, "number", c.number.clone());
            Value::Object(o)
        })
        .collect();
    put(&mut m, "certifications", certs);
    let programs: Vec<Value> = site.entry_programmes[i]
        .iter()
        .map(|&p| site.content.programmes[p].slug.clone().into())
        .collect();
    put(&mut m, "programs", programs);
    let awards: Vec<Value> = e
        .awards
        .iter()
        .map(|a| {
            let mut o = Map::new();
            put(&mut o, "year", a.year);
            put(&mut o, "title", a.title.as_str());
            put(&mut o, "prize", a.prize.clone());
            Value::Object(o)
        })
        .collect();
    put(&mut m, "awards", awards);
    put(&mut m, "tags", e.tags.clone());
    let products: Vec<Value> = e
        .products
        .iter()
        .map(|p| {
            let mut o = Map::new();
            put(&mut o, "name", p.name.as_str());
            put(&mut o, "price", p.price);
            put(&mut o, "unit", p.unit.clone());
            put(&mut o, "description", p.description.clone());
            if p.halal {
                o.insert("halal".into(), true.into());
            }
            put(
                &mut o,
                "image",
                p.image.as_ref().map(|a| urls.asset_permalink(&a.output)),
            );
            Value::Object(o)
        })
        .collect();
    put(&mut m, "products", products);
    put(
        &mut m,
        "logo",
        e.logo.as_ref().map(|a| urls.asset_permalink(&a.output)),
    );
    let images: Vec<Value> = e
        .images
        .iter()
        .map(|a| urls.asset_permalink(&a.output).into())
        .collect();
    put(&mut m, "images", images);
    put(&mut m, "founded", e.founded);
    put(&mut m, "updated", e.updated.map(|d| d.iso()));
    put(&mut m, "verified", e.verified.map(|d| d.iso()));
    put(&mut m, "status", if e.closed { "tutup" } else { "aktif" });
    if let Some(co) = &e.coop {
        put(&mut m, "legal_number", co.legal_number.clone());
        put(&mut m, "cooperative_type", co.cooperative_type.clone());
        m.insert("sharia".into(), co.sharia.into());
        put(&mut m, "members", co.members);
        put(&mut m, "mosque", co.mosque.clone());
        if let Some(d) = &co.deed {
            let mut o = Map::new();
            put(&mut o, "notary", d.notary.clone());
            put(&mut o, "number", d.number.clone());
            put(&mut o, "date", d.date.map(|x| x.iso()));
            m.insert("deed".into(), Value::Object(o));
        }
    }
    if let Some(v) = &e.vendor {
        put(&mut m, "stall", v.stall.clone());
        put(&mut m, "schedule", v.schedule.clone());
    }
    put(&mut m, "description", text.trim_end());
    Value::Object(m)
}

/// One entry with a map point as a GeoJSON feature (RFC 7946: longitude
/// first) with the fields a map or a spreadsheet needs.
pub(crate) fn feature(site: &Site, urls: &Urls, e: &Entry) -> Option<Value> {
    let g = e.geo?;
    let mut p = Map::new();
    put(&mut p, "kind", e.kind.folder());
    put(&mut p, "slug", e.slug.as_str());
    put(&mut p, "name", e.name.as_str());
    put(
        &mut p,
        "url",
        urls.permalink(&crate::paths::entry(e.kind, &e.slug)),
    );
    put(
        &mut p,
        "category",
        site.config.categories[e.category].slug.as_str(),
    );
    put(
        &mut p,
        "district",
        site.config.districts[e.district].name.as_str(),
    );
    put(&mut p, "village", e.village.clone());
    put(&mut p, "address", e.address.clone());
    put(&mut p, "phone", e.phone.as_ref().map(|x| x.display.clone()));
    put(
        &mut p,
        "whatsapp",
        e.whatsapp.as_ref().map(|x| x.display.clone()),
    );
    put(&mut p, "status", if e.closed { "tutup" } else { "aktif" });
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [g.lon, g.lat]},
        "properties": Value::Object(p),
    }))
}
