//! Entries as JSON records (every published field, nested as the format
//! writes it) and as GeoJSON features (the entries with a map point).

use crate::index::Site;
use crate::json::put;
use crate::model::DAYS;
use crate::project::{self, Val};
use crate::schema::{ProductField, LAT, LON};
use crate::urls::Urls;
use serde_json::{json, Map, Value};

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// One entry as a JSON record: every published field of the schema under
/// its key (`project::published`), with the address of its page and the
/// names and codes of its category, kecamatan and kelurahan beside them.
pub(crate) fn record(site: &Site, urls: &Urls, i: usize, text: &str) -> Value {
    let e = &site.content.entries[i];
    let mut m = Map::new();
    put(&mut m, "kind", e.kind.folder());
    put(
        &mut m,
        "url",
        urls.permalink(&crate::paths::entry(e.kind, &e.slug)),
    );
    for (def, val) in project::published(site, i, text) {
        put_value(&mut m, urls, def.key, val);
    }
    Value::Object(m)
}

/// Sets `key` to a field's value as JSON (absent values left out), with
/// the names and codes a slug or name stands for beside it.
fn put_value(m: &mut Map<String, Value>, urls: &Urls, key: &str, val: Val) {
    match val {
        Val::None => {}
        Val::Text(t) => put(m, key, t.as_ref()),
        Val::Texts(list) => put(m, key, list.to_vec()),
        Val::Category(c) => {
            put(m, key, c.slug.as_str());
            put(m, &format!("{key}_name"), c.name.as_str());
        }
        Val::District(d) => {
            put(m, key, d.name.as_str());
            put(m, &format!("{key}_code"), d.code.clone());
        }
        Val::Village(d, name, at) => {
            put(m, key, name);
            put(
                m,
                &format!("{key}_code"),
                at.and_then(|v| d.village_codes[v].clone()),
            );
            put(
                m,
                "postal_code",
                at.and_then(|v| d.village_postal_codes[v].clone()),
            );
        }
        Val::Geo(g) => {
            m.insert(key.into(), json!({ LAT: g.lat, LON: g.lon }));
        }
        Val::Phone(p) => put(m, key, p.display.as_str()),
        Val::Link(l) => put(m, key, l.href.as_str()),
        Val::Hours(days) => {
            if !days.is_empty() {
                let mut h = Map::new();
                for d in days {
                    let v = match d.open_close {
                        Some((o, c)) => format!("{}-{}", hhmm(o), hhmm(c)),
                        None => "tutup".into(),
                    };
                    h.insert(DAYS[d.day as usize].into(), v.into());
                }
                m.insert(key.into(), Value::Object(h));
            }
        }
        Val::Certifications(certs) => {
            let list: Vec<Value> = certs
                .iter()
                .map(|c| {
                    let mut o = Map::new();
                    put(&mut o, "type", c.kind);
                    put(&mut o, "label", c.label.as_str());
                    put(&mut o, "number", c.number.clone());
                    put(&mut o, "status", crate::schema::cert_status_word(c.status));
                    put(&mut o, "valid_until", c.valid_until.map(|d| d.iso()));
                    Value::Object(o)
                })
                .collect();
            put(m, key, list);
        }
        Val::Programmes(list) => {
            let slugs: Vec<Value> = list.iter().map(|p| p.slug.clone().into()).collect();
            put(m, key, slugs);
        }
        Val::Awards(awards) => {
            let list: Vec<Value> = awards
                .iter()
                .map(|a| {
                    let mut o = Map::new();
                    put(&mut o, "year", a.year);
                    put(&mut o, "title", a.title.as_str());
                    put(&mut o, "prize", a.prize.clone());
                    Value::Object(o)
                })
                .collect();
            put(m, key, list);
        }
        Val::Products(products) => {
            let list: Vec<Value> = products
                .iter()
                .map(|p| {
                    let mut o = Map::new();
                    put(&mut o, ProductField::Name.key(), p.name.as_str());
                    put(&mut o, ProductField::Price.key(), p.price);
                    put(&mut o, ProductField::Unit.key(), p.unit.clone());
                    put(
                        &mut o,
                        ProductField::Description.key(),
                        p.description.clone(),
                    );
                    if p.halal {
                        o.insert(ProductField::Halal.key().into(), true.into());
                    }
                    put(
                        &mut o,
                        "image",
                        p.image.as_ref().map(|a| urls.asset_permalink(&a.output)),
                    );
                    Value::Object(o)
                })
                .collect();
            put(m, key, list);
        }
        Val::Picture(a) => put(m, key, urls.asset_permalink(&a.output)),
        Val::Pictures(list) => {
            let all: Vec<Value> = list
                .iter()
                .map(|a| urls.asset_permalink(&a.output).into())
                .collect();
            put(m, key, all);
        }
        Val::Int(n) => put(m, key, n),
        Val::Flag(b) => {
            m.insert(key.into(), b.into());
        }
        Val::Date(d) => put(m, key, d.iso()),
        Val::Deed(d) => {
            let mut o = Map::new();
            put(&mut o, "notary", d.notary.clone());
            put(&mut o, "number", d.number.clone());
            put(&mut o, "date", d.date.map(|x| x.iso()));
            m.insert(key.into(), Value::Object(o));
        }
        Val::Yaml(v) => put(m, key, serde_json::to_value(v).unwrap_or(Value::Null)),
    }
}

/// One entry with a map point as a GeoJSON feature (RFC 7946: longitude
/// first) with the fields a list of entries shows of each (the schema's
/// `summary`) as its properties.
pub(crate) fn feature(site: &Site, urls: &Urls, i: usize, text: &str) -> Option<Value> {
    let e = &site.content.entries[i];
    let g = e.geo?;
    let mut p = Map::new();
    put(&mut p, "kind", e.kind.folder());
    put(
        &mut p,
        "url",
        urls.permalink(&crate::paths::entry(e.kind, &e.slug)),
    );
    for (def, val) in project::published(site, i, text) {
        if def.summary {
            put_summary(&mut p, urls, def.key, val);
        }
    }
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [g.lon, g.lat]},
        "properties": Value::Object(p),
    }))
}

/// A summary field of a feature: its value alone, without the names and
/// codes the full record gives beside a slug or name.
fn put_summary(m: &mut Map<String, Value>, urls: &Urls, key: &str, val: Val) {
    match val {
        Val::Category(c) => put(m, key, c.slug.as_str()),
        Val::District(d) => put(m, key, d.name.as_str()),
        Val::Village(_, name, _) => put(m, key, name),
        v => put_value(m, urls, key, v),
    }
}
