//! Programmes, events and free pages.

use super::entry::{date, description, extra, geo, refs};
use super::{Ctx, Item};
use crate::diagnostic::Code;
use crate::model::*;
use crate::schema::{self, EventField, PageField, ProgrammeField};
use crate::source::Doc;
use crate::values;
use crate::yaml::{Mapping, Value};

fn origin(doc: &Doc) -> Origin {
    Origin {
        file: doc.source.path.clone(),
        slug_pos: doc.start,
    }
}

pub(super) fn programme(
    doc: &mut Doc,
    map: &Mapping,
    ctx: &Ctx,
    body: Option<&str>,
) -> Option<Item> {
    let kind = Kind::Program;
    let known = schema::known(schema::PROGRAMME, kind);
    let fields = doc.entries("", map, &known, |k| {
        schema::hint(schema::PROGRAMME, kind, k)
    });
    let mut p = Programme {
        slug: String::new(),
        name: String::new(),
        origin: origin(doc),
        summary: None,
        target: None,
        achieved: None,
        draft: false,
        extra: Value::Null,
        description: body.unwrap_or_default().to_string(),
        version: 0,
    };
    let mut slug_field = None;
    for &(key, v) in &fields {
        let Some(field) = schema::lookup(schema::PROGRAMME, kind, key) else {
            continue;
        };
        match field {
            ProgrammeField::Name => p.name = doc.required_text(key, v).unwrap_or_default(),
            ProgrammeField::Slug => slug_field = Some(v),
            ProgrammeField::Summary => p.summary = doc.text(key, v).filter(|s| !s.is_empty()),
            ProgrammeField::Target => p.target = target(doc, key, v),
            ProgrammeField::Achieved => p.achieved = doc.int(key, v, 0, i64::MAX).map(|n| n as u64),
            ProgrammeField::Draft => p.draft = doc.bool(key, v).unwrap_or(false),
            ProgrammeField::Extra => p.extra = extra(doc, key, v),
            ProgrammeField::Private => {
                doc.mapping(key, v);
            }
            ProgrammeField::Description => p.description = description(doc, key, v, body),
        }
    }
    super::require(doc, schema::PROGRAMME, kind, &fields);
    let (slug, pos) = super::slug(doc, ctx, slug_field, &p.name)?;
    p.slug = slug;
    p.origin.slug_pos = pos;
    (!p.name.is_empty() || !doc.diags.is_empty()).then_some(Item::Programme(Box::new(p)))
}

fn target(doc: &mut Doc, key: &str, v: &Value) -> Option<Target> {
    if let Value::Number(_) = v {
        let count = doc.int(key, v, 1, i64::MAX)? as u64;
        return Some(Target {
            count,
            year: None,
            label: None,
        });
    }
    let m = doc.mapping(key, v)?;
    let mut t = Target {
        count: 0,
        year: None,
        label: None,
    };
    for (k, v) in doc.entries(key, m, &["count", "year", "label"], |_| None) {
        let q = format!("{key}.{k}");
        match k {
            "count" => t.count = doc.int(&q, v, 1, i64::MAX).unwrap_or(0) as u64,
            "year" => t.year = doc.int(&q, v, 1800, 2200),
            _ => t.label = doc.text(&q, v).filter(|s| !s.is_empty()),
        }
    }
    if !m.contains_key("count") {
        doc.bad(
            key,
            Code::MissingField,
            msg!(
                "sasaran perlu `count`, misalnya {{count: 600, year: 2026, label: koperasi masjid}}",
                "a target needs a `count`, e.g. {{count: 600, year: 2026, label: koperasi masjid}}"
            ),
        );
    }
    (t.count > 0).then_some(t)
}

pub(super) fn event(doc: &mut Doc, map: &Mapping, ctx: &Ctx, body: Option<&str>) -> Option<Item> {
    let kind = Kind::Acara;
    let known = schema::known(schema::EVENT, kind);
    let fields = doc.entries("", map, &known, |k| schema::hint(schema::EVENT, kind, k));
    let mut e = Event {
        slug: String::new(),
        name: String::new(),
        origin: origin(doc),
        start: DateTime {
            date: Date {
                year: 0,
                month: 0,
                day: 0,
            },
            minutes: None,
        },
        end: None,
        venue: None,
        district: None,
        geo: None,
        programs: Vec::new(),
        participants: Vec::new(),
        draft: false,
        extra: Value::Null,
        description: body.unwrap_or_default().to_string(),
        version: 0,
    };
    let mut ok = true;
    let mut slug_field = None;
    let mut start = None;
    for &(key, v) in &fields {
        let Some(field) = schema::lookup(schema::EVENT, kind, key) else {
            continue;
        };
        match field {
            EventField::Name => e.name = doc.required_text(key, v).unwrap_or_default(),
            EventField::Slug => slug_field = Some(v),
            EventField::Start => {
                start = doc.required_text(key, v).and_then(|t| {
                    values::date_time(&t)
                        .map_err(|m| doc.bad(key, Code::BadDate, m))
                        .ok()
                });
                ok &= start.is_some();
            }
            EventField::End => {
                e.end = doc.text(key, v).filter(|s| !s.is_empty()).and_then(|t| {
                    values::date_time(&t)
                        .map_err(|m| doc.bad(key, Code::BadDate, m))
                        .ok()
                })
            }
            EventField::Venue => e.venue = doc.text(key, v).filter(|s| !s.is_empty()),
            EventField::District => {
                if doc.text(key, v).is_some_and(|s| !s.is_empty()) {
                    e.district = super::entry::district(doc, ctx, v);
                }
            }
            EventField::Geo => e.geo = geo(doc, key, v),
            EventField::Programs => e.programs = refs(doc, key, v),
            EventField::Participants => e.participants = refs(doc, key, v),
            EventField::Draft => e.draft = doc.bool(key, v).unwrap_or(false),
            EventField::Extra => e.extra = extra(doc, key, v),
            EventField::Private => {
                doc.mapping(key, v);
            }
            EventField::Description => e.description = description(doc, key, v, body),
        }
    }
    ok &= super::require(doc, schema::EVENT, kind, &fields);
    if let (Some(s), Some(end)) = (start, e.end) {
        // Without a time on both, only the days are compared: an event
        // starting 2026-03-01T10:00 may end "2026-03-01".
        let before = if s.minutes.is_some() && end.minutes.is_some() {
            end < s
        } else {
            end.date < s.date
        };
        if before {
            doc.bad(
                "end",
                Code::BadDate,
                msg!(
                    "acara berakhir sebelum dimulai",
                    "the event ends before it starts"
                ),
            );
        }
    }
    let (slug, pos) = super::slug(doc, ctx, slug_field, &e.name)?;
    e.slug = slug;
    e.origin.slug_pos = pos;
    // Without a valid start the event is still returned for its claim
    // (participants, programmes); `read_item` keeps only the claim, so the
    // unset start never leaves validation.
    let valid = ok && !e.name.is_empty();
    if let Some(start) = start {
        e.start = start;
    }
    (valid || !doc.diags.is_empty()).then_some(Item::Event(Box::new(e)))
}

pub(super) fn page(doc: &mut Doc, map: &Mapping, ctx: &Ctx, body: Option<&str>) -> Option<Item> {
    let kind = Kind::Halaman;
    let known = schema::known(schema::PAGE, kind);
    let fields = doc.entries("", map, &known, |k| schema::hint(schema::PAGE, kind, k));
    let mut p = Page {
        slug: String::new(),
        title: String::new(),
        origin: origin(doc),
        draft: false,
        extra: Value::Null,
        body: body.unwrap_or_default().to_string(),
        version: 0,
    };
    let mut slug_field = None;
    for &(key, v) in &fields {
        let Some(field) = schema::lookup(schema::PAGE, kind, key) else {
            continue;
        };
        match field {
            PageField::Title => p.title = doc.required_text(key, v).unwrap_or_default(),
            PageField::Slug => slug_field = Some(v),
            PageField::Draft => p.draft = doc.bool(key, v).unwrap_or(false),
            PageField::Updated => {
                date(doc, key, v);
            }
            PageField::Extra => p.extra = extra(doc, key, v),
            PageField::Private => {
                doc.mapping(key, v);
            }
            PageField::Description => p.body = description(doc, key, v, body),
        }
    }
    super::require(doc, schema::PAGE, kind, &fields);
    let (slug, pos) = super::slug(doc, ctx, slug_field, &p.title)?;
    p.slug = slug;
    p.origin.slug_pos = pos;
    (!p.title.is_empty() || !doc.diags.is_empty()).then_some(Item::Page(Box::new(p)))
}
