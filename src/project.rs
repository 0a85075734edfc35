//! One projection of an entry: the published value of each field of the
//! schema, read from the model here and nowhere else.
//!
//! Every output that carries an entry's fields (the open data's tables,
//! records and GeoJSON features, the structured data, the search record,
//! the map's points, the pages' views) takes them from [`value`], and the
//! outputs that carry every field (the tables, the records) go through
//! the schema's rows and write each value by its `Shape`, so a new field
//! reaches them with its schema row and its arm below.

use crate::config::{Category, District};
use crate::index::Site;
use crate::model::{
    Asset, Award, Certification, Date, DayHours, Deed, Entry, Geo, Link, Phone, Product, Programme,
};
use crate::schema::{Def, EntryField, Publish, Shape, ENTRY};
use std::borrow::Cow;

/// A field's value, borrowed from the model where it can be.
pub(crate) enum Val<'a> {
    /// The entry has none.
    None,
    Text(Cow<'a, str>),
    /// Free words or codes (`tags`, `kbli`).
    Texts(&'a [String]),
    Category(&'a Category),
    District(&'a District),
    /// A kelurahan of its district: its name and its place in the
    /// district's list (codes), when site.yaml lists it.
    Village(&'a District, &'a str, Option<usize>),
    Geo(Geo),
    Phone(&'a Phone),
    /// A social network's handle or a shop's address.
    Link(&'a Link),
    Hours(&'a [DayHours]),
    Certifications(&'a [Certification]),
    /// The published programmes it takes part in.
    Programmes(Vec<&'a Programme>),
    Awards(&'a [Award]),
    Products(&'a [Product]),
    Picture(&'a Asset),
    Pictures(&'a [Asset]),
    Int(i64),
    Flag(bool),
    Date(Date),
    Deed(&'a Deed),
    Yaml(&'a crate::yaml::Value),
}

fn text(v: &Option<String>) -> Val<'_> {
    v.as_deref()
        .map_or(Val::None, |t| Val::Text(Cow::Borrowed(t)))
}

fn link<'a>(e: &'a Entry, network: &str) -> Val<'a> {
    e.links
        .iter()
        .find(|l| l.network == network)
        .map_or(Val::None, Val::Link)
}

/// The value of `field` of entry `i`; `markdown` is its description as
/// read from its file (the model keeps where it is, not the text).
pub(crate) fn value<'a>(site: &'a Site, i: usize, markdown: &'a str, field: EntryField) -> Val<'a> {
    use EntryField as F;
    let e: &Entry = &site.content.entries[i];
    let c = &site.config;
    let coop = e.coop.as_ref();
    let vendor = e.vendor.as_ref();
    match field {
        F::Name => Val::Text(Cow::Borrowed(&e.name)),
        F::Slug => Val::Text(Cow::Borrowed(&e.slug)),
        F::Category => Val::Category(&c.categories[e.category]),
        F::District => Val::District(&c.districts[e.district]),
        F::Village => match &e.village {
            Some(v) => {
                let d = &c.districts[e.district];
                Val::Village(d, v, d.village_index(v))
            }
            None => Val::None,
        },
        F::Address => text(&e.address),
        F::Geo => e.geo.map_or(Val::None, Val::Geo),
        F::Phone => e.phone.as_ref().map_or(Val::None, Val::Phone),
        F::Whatsapp => e.whatsapp.as_ref().map_or(Val::None, Val::Phone),
        F::Email => text(&e.email),
        F::Website => text(&e.website),
        F::Instagram
        | F::Facebook
        | F::Tiktok
        | F::Tokopedia
        | F::Shopee
        | F::Gofood
        | F::Grabfood
        | F::Shopeefood => link(e, field.key()),
        F::Hours => Val::Hours(&e.hours),
        F::Scale => text(&e.scale),
        F::Nib => text(&e.nib),
        F::Kbli => Val::Texts(&e.kbli),
        F::Qris => text(&e.qris),
        F::Certifications => Val::Certifications(&e.certifications),
        F::Programs => Val::Programmes(
            site.entry_programmes[i]
                .iter()
                .map(|&p| &site.content.programmes[p])
                .collect(),
        ),
        F::Awards => Val::Awards(&e.awards),
        F::Tags => Val::Texts(&e.tags),
        F::Products => Val::Products(&e.products),
        F::Logo => e.logo.as_ref().map_or(Val::None, Val::Picture),
        F::Images => Val::Pictures(&e.images),
        F::Founded => e.founded.map_or(Val::None, Val::Int),
        F::Featured => Val::Flag(e.featured),
        F::Draft => Val::Flag(e.draft),
        F::Updated => e.updated.map_or(Val::None, Val::Date),
        F::Verified => e.verified.map_or(Val::None, Val::Date),
        F::Status => Val::Text(Cow::Borrowed(if e.closed { "tutup" } else { "aktif" })),
        F::Extra => Val::Yaml(&e.extra),
        // Never in the model: nothing to project.
        F::Private => Val::None,
        F::Description => Val::Text(Cow::Borrowed(markdown.trim_end())),
        F::LegalNumber => coop.map_or(Val::None, |c| text(&c.legal_number)),
        F::CooperativeType => coop.map_or(Val::None, |c| text(&c.cooperative_type)),
        F::Sharia => coop.map_or(Val::None, |c| Val::Flag(c.sharia)),
        F::Members => coop.and_then(|c| c.members).map_or(Val::None, Val::Int),
        F::Mosque => coop.map_or(Val::None, |c| text(&c.mosque)),
        F::Deed => coop
            .and_then(|c| c.deed.as_ref())
            .map_or(Val::None, Val::Deed),
        F::Stall => vendor.map_or(Val::None, |v| text(&v.stall)),
        F::Schedule => vendor.map_or(Val::None, |v| text(&v.schedule)),
    }
}

/// A value that fits one cell, as the open data's tables write it and
/// `import` reads it back: a category by its slug, a link as its owner
/// wrote it, a flag as `ya`/`tidak`, a date as `2026-10-02`.
pub(crate) fn cell(val: Val<'_>) -> Option<Cow<'_, str>> {
    Some(match val {
        Val::Text(t) => t,
        Val::Texts(list) if !list.is_empty() => Cow::Owned(list.join(", ")),
        Val::Category(c) => Cow::Borrowed(c.slug.as_str()),
        Val::District(d) => Cow::Borrowed(d.name.as_str()),
        Val::Village(_, name, _) => Cow::Borrowed(name),
        Val::Phone(p) => Cow::Borrowed(p.display.as_str()),
        Val::Link(l) => Cow::Borrowed(l.label.as_str()),
        Val::Int(n) => Cow::Owned(n.to_string()),
        Val::Flag(b) => Cow::Borrowed(if b { "ya" } else { "tidak" }),
        Val::Date(d) => Cow::Owned(d.iso()),
        Val::Hours(days) if !days.is_empty() => Cow::Owned(
            days.iter()
                .map(|h| {
                    let day = crate::model::DAYS[h.day as usize];
                    match h.open_close {
                        Some((open, close)) => format!("{day}: {}-{}", hhmm(open), hhmm(close)),
                        None => format!("{day}: tutup"),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Val::Programmes(list) if !list.is_empty() => Cow::Owned(
            list.iter()
                .map(|p| p.slug.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => return None,
    })
}

/// Minutes after midnight as `08:00`.
fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Every field of entry `i` that every download carries and that fits
/// one cell, by its key, as [`cell`] writes it; empty ones left out.
pub(crate) fn cells(site: &Site, i: usize) -> impl Iterator<Item = (&'static str, Cow<'_, str>)> {
    published(site, i, "")
        .filter(|(d, _)| d.shape.in_one_cell() && !matches!(d.shape, Shape::Markdown))
        .filter_map(|(d, v)| cell(v).filter(|c| !c.is_empty()).map(|c| (d.key, c)))
}

/// The value of a field that reads as one line of text (a name, an
/// address, a place, a phone number as written), or empty.
pub(crate) fn text_of<'a>(site: &'a Site, i: usize, field: EntryField) -> Cow<'a, str> {
    match value(site, i, "", field) {
        Val::Text(t) => t,
        Val::Category(c) => Cow::Borrowed(&c.name),
        Val::District(d) => Cow::Borrowed(&d.name),
        Val::Village(_, v, _) => Cow::Borrowed(v),
        Val::Phone(p) => Cow::Borrowed(&p.display),
        _ => Cow::Borrowed(""),
    }
}

/// The fields of entry `i` that every download carries, in the schema's
/// order, with their values.
pub(crate) fn published<'a>(
    site: &'a Site,
    i: usize,
    markdown: &'a str,
) -> impl Iterator<Item = (&'static Def<EntryField>, Val<'a>)> {
    let kind = site.content.entries[i].kind;
    ENTRY
        .iter()
        .filter(move |d| d.publish == Publish::All && d.kinds.contains(&kind))
        .map(move |d| (d, value(site, i, markdown, d.field)))
}

/// The links of entry `i` whose field has a shape `wanted` accepts (social
/// networks, shops), in the schema's order.
pub(crate) fn links(
    site: &Site,
    i: usize,
    wanted: impl Fn(Shape) -> bool,
) -> impl Iterator<Item = &Link> {
    let e = &site.content.entries[i];
    ENTRY
        .iter()
        .filter(move |d| wanted(d.shape) && d.kinds.contains(&e.kind))
        .filter_map(move |d| match value(site, i, "", d.field) {
            Val::Link(l) => Some(l),
            _ => None,
        })
}
