//! The map page's points: every published entry with a map point, in a
//! spatial order (Morton order over the site's box) so that neighbours
//! stand together, their coordinates delta-coded in units of 1e-5 degree
//! with kind and category as indices: about 12 bytes a point before
//! compression. What a marker's popup shows (name, address, link and
//! WhatsApp) is in chunks of `CHUNK` points, fetched when a popup opens.

use crate::index::Site;
use crate::model::Kind;
use crate::project::{self, Val};
use crate::schema::EntryField as F;
use crate::urls::Urls;
use serde_json::{json, Value};

/// Points per file of popup details.
pub(crate) const CHUNK: usize = 256;

/// The point list and the detail chunks, as (route path, JSON).
pub(crate) fn files(site: &Site, urls: &Urls, published: &[usize]) -> (Value, Vec<Value>) {
    let entries = &site.content.entries;
    let mut points: Vec<(i64, i64, usize)> = published
        .iter()
        .filter_map(|&i| {
            entries[i].geo.map(|g| {
                (
                    (g.lat * 1e5).round() as i64,
                    (g.lon * 1e5).round() as i64,
                    i,
                )
            })
        })
        .collect();
    let (lo_lat, hi_lat, lo_lon, hi_lon) = points.iter().fold(
        (i64::MAX, i64::MIN, i64::MAX, i64::MIN),
        |(a, b, c, d), &(lat, lon, _)| (a.min(lat), b.max(lat), c.min(lon), d.max(lon)),
    );
    let morton = |lat: i64, lon: i64| {
        let scale = |v: i64, lo: i64, hi: i64| {
            let span = (hi - lo).max(1) as u128;
            ((v - lo) as u128 * 0xffff / span) as u32
        };
        interleave(scale(lat, lo_lat, hi_lat), scale(lon, lo_lon, hi_lon))
    };
    points.sort_by_key(|&(lat, lon, i)| (morton(lat, lon), i));
    let delta = |f: fn(&(i64, i64, usize)) -> i64| -> Vec<i64> {
        let mut prev = 0;
        points
            .iter()
            .map(|p| {
                let v = f(p);
                let d = v - prev;
                prev = v;
                d
            })
            .collect()
    };
    let kinds: Vec<&str> = Kind::DIRECTORY.iter().map(|k| k.folder()).collect();
    let kind_names: Vec<&str> = Kind::DIRECTORY
        .iter()
        .map(|&k| super::stats::kind_name(k))
        .collect();
    let cats = &site.config.categories;
    let bbox = if points.is_empty() {
        Value::Null
    } else {
        let deg = |v: i64| v as f64 / 1e5;
        json!([deg(lo_lat), deg(lo_lon), deg(hi_lat), deg(hi_lon)])
    };
    // The script puts the chunk's number for `{n}`: the braces stay as
    // they are, only the parts around them are an address to encode.
    let details_path = {
        let path = crate::paths::map_details("{n}");
        let (before, after) = path.split_once("{n}").unwrap_or((&path, ""));
        format!(
            "{}{{n}}{}",
            urls.asset(before),
            crate::urls::encode_path(after)
        )
    };
    let index = json!({
        "kinds": kinds,
        "kind_names": kind_names,
        "categories": cats.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>(),
        "category_names": cats.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        "chunk": CHUNK,
        "details": details_path,
        "bbox": bbox,
        "lat": delta(|p| p.0),
        "lon": delta(|p| p.1),
        "kind": points.iter().map(|p| entries[p.2].kind_index()).collect::<Vec<_>>(),
        "category": points.iter().map(|p| entries[p.2].category).collect::<Vec<_>>(),
    });
    let chunks = points
        .chunks(CHUNK)
        .map(|chunk| {
            Value::Array(
                chunk
                    .iter()
                    .map(|p| {
                        let (i, text) = (p.2, |f| project::text_of(site, p.2, f));
                        let whatsapp = match project::value(site, i, "", F::Whatsapp) {
                            Val::Phone(w) => w.whatsapp_href(),
                            _ => String::new(),
                        };
                        json!([
                            text(F::Name),
                            urls.entry(&entries[i]),
                            whatsapp,
                            text(F::District),
                            text(F::Address),
                        ])
                    })
                    .collect(),
            )
        })
        .collect();
    (index, chunks)
}

/// The bits of `a` and `b` interleaved: the Z-order of a grid cell.
fn interleave(a: u32, b: u32) -> u64 {
    let spread = |v: u32| {
        let mut x = u64::from(v);
        x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
        x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
        x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        x = (x | (x << 2)) & 0x3333_3333_3333_3333;
        x = (x | (x << 1)) & 0x5555_5555_5555_5555;
        x
    };
    spread(a) | (spread(b) << 1)
}
