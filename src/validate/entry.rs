//! Directory entries (umkm, koperasi, pkl): every field of FORMAT.md's
//! table, read and checked one by one.

use super::{images, Ctx, Item};
use crate::diagnostic::Code;
use crate::message::Message;
use crate::model::*;
use crate::schema::{self, EntryField as F, ProductField as P, Shape};
use crate::source::{describe, Doc};
use crate::values;
use crate::yaml::{Mapping, Value};

pub(super) fn read(doc: &mut Doc, map: &Mapping, ctx: &Ctx, body: Option<&str>) -> Option<Item> {
    let kind = ctx.file.kind;
    let known = schema::known(schema::ENTRY, kind);
    let fields = doc.entries("", map, &known, |k| schema::hint(schema::ENTRY, kind, k));
    let mut e = Entry {
        kind,
        slug: String::new(),
        name: String::new(),
        origin: Origin {
            file: doc.source.path.clone(),
            slug_pos: doc.start,
        },
        category: usize::MAX,
        district: usize::MAX,
        village: None,
        address: None,
        geo: None,
        phone: None,
        whatsapp: None,
        email: None,
        website: None,
        links: Vec::new(),
        hours: Vec::new(),
        scale: None,
        nib: None,
        kbli: Vec::new(),
        qris: None,
        certifications: Vec::new(),
        programs: Vec::new(),
        awards: Vec::new(),
        tags: Vec::new(),
        products: Vec::new(),
        logo: None,
        images: Vec::new(),
        founded: None,
        featured: false,
        draft: false,
        updated: None,
        verified: None,
        closed: false,
        extra: Value::Null,
        coop: (kind == Kind::Koperasi).then(Cooperative::default),
        vendor: (kind == Kind::Pkl).then(Vendor::default),
        description: Text::Inline(String::new()),
        sort_key: String::new(),
        version: 0,
    };
    let mut ok = true;
    let mut slug_field = None;
    let mut district_text = None;
    let mut village_text = None;
    for &(key, v) in &fields {
        let Some(field) = schema::lookup(schema::ENTRY, kind, key) else {
            continue;
        };
        match field {
            F::Name => e.name = doc.required_text(key, v).unwrap_or_default(),
            F::Slug => slug_field = Some(v),
            F::Category => {
                if let Some(c) = doc.required_text(key, v) {
                    match ctx.config.category(&c) {
                        Some(i) => e.category = i,
                        None => {
                            let message = match ctx.hints.category(&c) {
                                Some(s) => msg!(
                                    "kategori \"{c}\" tidak dikenal: maksud Anda `{s}`?",
                                    "unknown category \"{c}\": did you mean `{s}`?"
                                ),
                                None => msg!(
                                    "kategori \"{c}\" tidak dikenal; daftar kategori ada di site.yaml",
                                    "unknown category \"{c}\"; categories are listed in site.yaml"
                                ),
                            };
                            doc.bad(key, Code::UnknownCategory, message);
                            ok = false;
                        }
                    }
                } else {
                    ok = false;
                }
            }
            F::District => district_text = Some(v),
            F::Village => village_text = Some(v),
            F::Address => e.address = doc.text(key, v).filter(|s| !s.is_empty()),
            F::Geo => e.geo = geo(doc, key, v),
            F::Phone => e.phone = phone(doc, key, v),
            F::Whatsapp => e.whatsapp = phone(doc, key, v),
            F::Email => e.email = checked(doc, key, v, Code::BadAddress, values::email),
            F::Website => e.website = checked(doc, key, v, Code::BadAddress, values::web_url),
            F::Instagram
            | F::Facebook
            | F::Tiktok
            | F::Tokopedia
            | F::Shopee
            | F::Gofood
            | F::Grabfood
            | F::Shopeefood => link(doc, key, v, field, &mut e),
            F::Hours => e.hours = hours(doc, key, v),
            F::Scale => e.scale = choice(doc, key, v, schema::SCALES),
            F::Nib => {
                e.nib = digits(
                    doc,
                    key,
                    v,
                    13,
                    msg!(
                        "NIB (Nomor Induk Berusaha) terdiri dari 13 angka",
                        "a NIB (Nomor Induk Berusaha) has 13 digits"
                    ),
                )
            }
            F::Kbli => {
                for (i, item) in doc.list(key, v).into_iter().enumerate() {
                    let p = format!("kbli.{i}");
                    let code = match item {
                        // Unquoted, a code such as 01111 loses its leading 0.
                        Value::Number(n) if n.as_u64().is_some_and(|n| n < 10_000) => {
                            doc.bad(&p, Code::BadNumber, msg!("kode KBLI terdiri dari 5 angka, tertulis {n}; beri tanda kutip agar angka 0 di depannya tidak hilang, misalnya \"0{n}\"", "a KBLI code has 5 digits, found {n}; write it in quotes so a leading 0 is kept, e.g. \"0{n}\""));
                            None
                        }
                        other => digits(
                            doc,
                            &p,
                            other,
                            5,
                            msg!("kode KBLI terdiri dari 5 angka", "a KBLI code has 5 digits"),
                        ),
                    };
                    e.kbli.extend(code);
                }
            }
            F::Qris => e.qris = doc.text(key, v).filter(|s| !s.is_empty()),
            F::Certifications => e.certifications = certifications(doc, key, v),
            F::Programs => e.programs = refs(doc, key, v),
            F::Awards => e.awards = awards(doc, key, v),
            F::Tags => e.tags = doc.texts(key, v),
            F::Products => e.products = products(doc, key, v, ctx),
            F::Logo => {
                e.logo = doc
                    .text(key, v)
                    .and_then(|p| images::resolve(doc, key, &p, ctx))
            }
            F::Images => {
                for (i, item) in doc.list(key, v).into_iter().enumerate() {
                    let p = format!("images.{i}");
                    if let Some(path) = doc.text(&p, item) {
                        e.images.extend(images::resolve(doc, &p, &path, ctx));
                    }
                }
            }
            F::Founded => e.founded = doc.int(key, v, 1800, 2200),
            F::Featured => e.featured = doc.bool(key, v).unwrap_or(false),
            F::Draft => e.draft = doc.bool(key, v).unwrap_or(false),
            F::Updated => e.updated = date(doc, key, v),
            F::Verified => e.verified = date(doc, key, v),
            F::Status => {
                e.closed = choice(doc, key, v, &["aktif", "tutup"]).as_deref() == Some("tutup")
            }
            F::Extra => e.extra = extra(doc, key, v),
            F::Private => {
                // Checked for shape only: it never leaves this function.
                if let Some(m) = doc.mapping(key, v).filter(|m| !m.is_empty()) {
                    let keys: Vec<String> = m
                        .keys()
                        .filter_map(|k| k.as_str().map(|k| format!("`{k}`")))
                        .collect();
                    let (keys, folder) = (keys.join(", "), ctx.file.kind.folder());
                    doc.bad_key(
                        key,
                        Code::PrivateInEntry,
                        msg!(
                            "data pribadi ({keys}) tertulis di berkas entri: tidak diterbitkan, tetapi ikut ke repositori bila content/ diunggah; pindahkan ke pribadi/{folder}/SLUG.yaml",
                            "personal data ({keys}) is written in the entry file: never published, but it goes into the repository with content/; move it to pribadi/{folder}/SLUG.yaml"
                        ),
                    );
                }
            }
            F::Description => e.description = Text::Inline(description(doc, key, v, body)),
            F::LegalNumber | F::CooperativeType | F::Sharia | F::Members | F::Mosque | F::Deed => {
                cooperative(doc, key, v, field, &mut e)
            }
            F::Stall | F::Schedule => vendor(doc, key, v, field, &mut e),
        }
    }
    if let Some(b) = body.filter(|_| !fields.iter().any(|(k, _)| *k == "description")) {
        e.description = match ctx.body_at {
            // Read again from the file when the page is rendered.
            Some(from) if !b.trim().is_empty() => Text::InFile {
                path: ctx.file.abs.clone(),
                rel: ctx.file.rel.clone(),
                from,
                hash: ctx.text_hash,
            },
            _ => Text::Inline(b.to_string()),
        };
    }
    ok &= super::require(doc, schema::ENTRY, kind, &fields);
    if e.name.is_empty() {
        ok = false;
    }
    match district_text {
        None => ok = false,
        Some(v) => match district(doc, ctx, v) {
            Some(d) => {
                e.district = d;
                if let Some(v) = village_text {
                    e.village = village(doc, ctx, d, v);
                }
            }
            None => ok = false,
        },
    }
    let (slug, slug_pos) = super::slug(doc, ctx, slug_field, &e.name)?;
    e.slug = slug;
    e.origin.slug_pos = slug_pos;
    // An entry with problems is still returned, so that its claim (slug,
    // programmes) takes part in the checks across files; `read_item` keeps
    // only the claim, so the unset category or district never leaves
    // validation.
    (ok || !doc.diags.is_empty()).then_some(Item::Entry(std::sync::Arc::new(e)))
}

/// A field of cooperatives: the schema lets it reach a cooperative only.
/// A social network's handle or a shop's address, on the hosts the
/// field's shape names: kept as a link of the entry (socials, shops).
fn link(doc: &mut Doc, key: &str, v: &Value, field: F, e: &mut Entry) {
    let def = schema::row(schema::ENTRY, field);
    match def.shape {
        Shape::Social { base, hosts } => {
            let read = |s: &str| values::social(s, key, hosts, base);
            if let Some((label, href)) = checked(doc, key, v, Code::BadAddress, read) {
                e.links.push(Link {
                    network: def.key,
                    label,
                    href,
                });
            }
        }
        Shape::Shop { hosts } => {
            let read = |s: &str| values::platform_url(s, key, hosts);
            if let Some(href) = checked(doc, key, v, Code::BadAddress, read) {
                e.links.push(Link {
                    network: def.key,
                    label: href.clone(),
                    href,
                });
            }
        }
        _ => unreachable!("`link` reads the fields of link shapes only"),
    }
}

fn cooperative(doc: &mut Doc, key: &str, v: &Value, field: F, e: &mut Entry) {
    let Some(c) = e.coop.as_mut() else {
        return;
    };
    match field {
        F::LegalNumber => c.legal_number = doc.text(key, v),
        F::CooperativeType => c.cooperative_type = doc.text(key, v),
        F::Sharia => c.sharia = doc.bool(key, v).unwrap_or(false),
        F::Members => c.members = doc.int(key, v, 0, 100_000_000),
        F::Mosque => c.mosque = doc.text(key, v),
        F::Deed => c.deed = deed(doc, key, v),
        other => unreachable!("{other:?} is not a cooperative's field"),
    }
}

/// A field of street vendors: the schema lets it reach a vendor only.
fn vendor(doc: &mut Doc, key: &str, v: &Value, field: F, e: &mut Entry) {
    let Some(p) = e.vendor.as_mut() else {
        return;
    };
    match field {
        F::Stall => p.stall = choice(doc, key, v, schema::STALLS),
        F::Schedule => p.schedule = doc.text(key, v),
        other => unreachable!("{other:?} is not a street vendor's field"),
    }
}

/// A Markdown description: the body of a Markdown file, or the field.
pub(super) fn description(doc: &mut Doc, key: &str, v: &Value, body: Option<&str>) -> String {
    if body.is_some_and(|b| !b.trim().is_empty()) {
        doc.bad_key(key, Code::DuplicateKey, msg!("entri ini sudah punya deskripsi sebagai isi Markdown di bawah front matter; simpan salah satunya", "this entry already has its description as the Markdown body below the front matter; keep one of the two"));
        return String::new();
    }
    doc.text(key, v).unwrap_or_default()
}

pub(super) fn extra(doc: &mut Doc, key: &str, v: &Value) -> Value {
    match doc.mapping(key, v) {
        Some(_) => v.clone(),
        None => Value::Null,
    }
}

fn checked<T>(
    doc: &mut Doc,
    key: &str,
    v: &Value,
    code: Code,
    parse: impl Fn(&str) -> Result<T, Message>,
) -> Option<T> {
    let text = doc.text(key, v).filter(|s| !s.is_empty())?;
    parse(&text).map_err(|m| doc.bad(key, code, m)).ok()
}

fn phone(doc: &mut Doc, key: &str, v: &Value) -> Option<Phone> {
    checked(doc, key, v, Code::BadPhone, values::phone)
}

pub(super) fn date(doc: &mut Doc, key: &str, v: &Value) -> Option<Date> {
    checked(doc, key, v, Code::BadDate, values::date)
}

fn choice(doc: &mut Doc, key: &str, v: &Value, options: &[&str]) -> Option<String> {
    let text = doc.text(key, v)?.to_lowercase();
    if options.contains(&text.as_str()) {
        return Some(text);
    }
    let list = options
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let d = describe(v);
    doc.bad(
        key,
        Code::BadValue,
        msg!("`{}` harus salah satu dari {}, tertulis {}", key, list, d.id;
            "`{}` must be one of {}, found {}", key, list, d.en),
    );
    None
}

fn digits(doc: &mut Doc, key: &str, v: &Value, len: usize, what: Message) -> Option<String> {
    let text = doc.text(key, v)?;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == len && compact.bytes().all(|b| b.is_ascii_digit()) {
        Some(compact)
    } else {
        // Unquoted, a number loses its leading zeros.
        let quote = if matches!(v, Value::Number(_)) && compact.len() < len {
            msg!(
                "; beri tanda kutip agar angka 0 di depannya tidak hilang",
                "; write it in quotes so a leading 0 is kept"
            )
        } else {
            Message::default()
        };
        let d = describe(v);
        doc.bad(
            key,
            Code::BadNumber,
            msg!("{}, tertulis {}{}", what.id, d.id, quote.id;
                "{}, found {}{}", what.en, d.en, quote.en),
        );
        None
    }
}

pub(super) fn geo(doc: &mut Doc, key: &str, v: &Value) -> Option<Geo> {
    if let Value::String(text) = v {
        // `-6.2337, 107.0212` or `-6,2337, 107,0212`, as copied from a map.
        let (comma_id, comma_en) = if text.matches(',').count() > 1 {
            (
                ", dan titik (bukan koma) di setiap angka",
                " and a point, not a comma, in each number",
            )
        } else {
            ("", "")
        };
        let t = text.trim();
        doc.bad(
            key,
            Code::BadGeo,
            msg!("tulis `geo` sebagai {{ lat: -6.2337, lon: 107.0212 }}, dengan `lat:` dan `lon:`{comma_id}; tertulis \"{t}\"",
                "write `geo` as {{ lat: -6.2337, lon: 107.0212 }}, with `lat:` and `lon:`{comma_en}; found \"{t}\""),
        );
        return None;
    }
    let m = doc.mapping(key, v)?;
    // `{ lat: -6,2337, lon: 107,0212 }`: each decimal comma splits a
    // number in two, and the part after it becomes a key of its own.
    let mut m = m.clone();
    let split: Vec<Value> = m
        .keys()
        .filter(|k| matches!(k, Value::Number(_)))
        .cloned()
        .collect();
    for k in &split {
        doc.bad_key(
            &format!("{key}.{}", describe(k).en),
            Code::BadGeo,
            msg!(
                "koma desimal memecah angka sebelumnya: tulis koordinat dengan titik, misalnya {{ lat: -6.2337, lon: 107.0212 }}",
                "a decimal comma splits the number before it: write the coordinates with a point, e.g. {{ lat: -6.2337, lon: 107.0212 }}"
            ),
        );
        m.remove(k);
    }
    let m = &m;
    let (mut lat, mut lon) = (None, None);
    for (k, v) in doc.entries(key, m, &["lat", "lon"], |k| {
        matches!(k, "lng" | "long" | "longitude")
            .then(|| msg!("maksud Anda `lon`?", "did you mean `lon`?"))
    }) {
        let p = format!("{key}.{k}");
        if let Value::String(t) = v {
            let t = t.trim();
            if t.contains(',') && t.replace(',', ".").parse::<f64>().is_ok() {
                doc.bad(&p, Code::BadGeo, {
                    let point = t.replace(',', ".");
                    msg!(
                        "`{k}` ditulis dengan koma desimal: tulis {point} dengan titik",
                        "`{k}` is written with a decimal comma: write {point} with a point"
                    )
                });
                continue;
            }
        }
        if k == "lat" {
            lat = doc.float(&p, v, -90.0, 90.0, Code::BadGeo);
        } else {
            lon = doc.float(&p, v, -180.0, 180.0, Code::BadGeo);
        }
    }
    if !m.contains_key("lat") || !m.contains_key("lon") {
        doc.bad(
            key,
            Code::MissingField,
            msg!(
                "`geo` perlu `lat` dan `lon`, misalnya {{lat: -6.2383, lon: 106.9756}}",
                "`geo` needs both `lat` and `lon`, e.g. {{lat: -6.2383, lon: 106.9756}}"
            ),
        );
    }
    Some(Geo {
        lat: lat?,
        lon: lon?,
    })
}

pub(super) fn district(doc: &mut Doc, ctx: &Ctx, v: &Value) -> Option<usize> {
    let name = doc.required_text("district", v)?;
    let found = ctx.config.district(&name);
    if found.is_none() {
        let bare = crate::places::bare_district_name(&name);
        let message = match ctx.hints.district(bare) {
            Some(s) => msg!(
                "kecamatan \"{name}\" tidak dikenal: maksud Anda \"{s}\"?",
                "unknown district \"{name}\": did you mean \"{s}\"?"
            ),
            None => msg!(
                "kecamatan \"{name}\" tidak dikenal; daftar kecamatan ada di site.yaml",
                "unknown district \"{name}\"; districts are listed in site.yaml"
            ),
        };
        doc.bad("district", Code::UnknownDistrict, message);
    }
    found
}

fn village(doc: &mut Doc, ctx: &Ctx, district: usize, v: &Value) -> Option<String> {
    let name = doc.text("village", v).filter(|s| !s.is_empty())?;
    let d = &ctx.config.districts[district];
    match d.village(&name) {
        Some(canonical) => Some(canonical.to_string()),
        None => {
            let bare = crate::places::bare_village_name(&name);
            let of = &d.name;
            let message = match ctx.hints.village(district, bare) {
                Some(s) => msg!(
                    "\"{name}\" bukan kelurahan di {of}: maksud Anda \"{s}\"?",
                    "\"{name}\" is not a village (kelurahan) of {of}: did you mean \"{s}\"?"
                ),
                None => msg!(
                    "\"{name}\" bukan kelurahan di {of}",
                    "\"{name}\" is not a village (kelurahan) of {of}"
                ),
            };
            doc.bad("village", Code::UnknownVillage, message);
            None
        }
    }
}

fn hours(doc: &mut Doc, key: &str, v: &Value) -> Vec<DayHours> {
    if let Value::String(text) = v {
        let t = text.trim();
        doc.bad(
            key,
            Code::BadHours,
            msg!("tulis jam buka satu hari per baris di bawah `hours:`, misalnya `senin: \"08:00-17:00\"` dan `minggu: tutup` masing-masing di barisnya sendiri; tertulis \"{t}\"",
                "write the hours one day per line under `hours:`, e.g. `senin: \"08:00-17:00\"` and `minggu: tutup` each on its own line; found \"{t}\""),
        );
        return Vec::new();
    }
    let Some(m) = doc.mapping(key, v) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (day, value) in doc.entries(key, m, &crate::model::DAYS, day_hint) {
        let p = format!("{key}.{day}");
        let Some(text) = doc.text(&p, value) else {
            doc.bad(
                &p,
                Code::BadHours,
                msg!(
                    "jam buka harus `JJ:MM-JJ:MM` atau `tutup`",
                    "opening hours must be `HH:MM-HH:MM` or `tutup`"
                ),
            );
            continue;
        };
        match values::hours(&text) {
            Ok(open_close) => out.push(DayHours {
                day: crate::model::DAYS.iter().position(|d| *d == day).unwrap() as u8,
                open_close,
            }),
            Err(m) => doc.bad(&p, Code::BadHours, m),
        }
    }
    out.sort_by_key(|h| h.day);
    out
}

/// Days written in English or another common spelling.
fn day_hint(key: &str) -> Option<Message> {
    let day = match key.to_lowercase().as_str() {
        "monday" | "mon" | "sen" => "senin",
        "tuesday" | "tue" | "sel" => "selasa",
        "wednesday" | "wed" | "rab" => "rabu",
        "thursday" | "thu" | "kam" => "kamis",
        "friday" | "fri" | "jum'at" | "jumaat" | "jum" => "jumat",
        "saturday" | "sat" | "sab" => "sabtu",
        "sunday" | "sun" | "ahad" | "min" => "minggu",
        _ => return None,
    };
    Some(msg!(
        "maksud Anda `{day}`? hari ditulis senin, selasa, rabu, kamis, jumat, sabtu, minggu",
        "did you mean `{day}`? days are senin, selasa, rabu, kamis, jumat, sabtu, minggu"
    ))
}

fn certifications(doc: &mut Doc, key: &str, v: &Value) -> Vec<Certification> {
    let mut out = Vec::new();
    for (i, item) in doc.list(key, v).into_iter().enumerate() {
        let p = format!("{key}.{i}");
        let mut status = CertStatus::Certified;
        let mut valid_until = None;
        let (kind_text, number) = match item {
            Value::Mapping(m) => {
                let (mut t, mut n) = (None, None);
                let keys = ["type", "number", "status", "valid_until"];
                for (k, v) in doc.entries(&p, m, &keys, |_| None) {
                    let q = format!("{p}.{k}");
                    match k {
                        "type" => t = doc.required_text(&q, v),
                        "number" => n = doc.text(&q, v),
                        "status" => {
                            if let Some(s) = cert_status(doc, &q, v) {
                                status = s;
                            }
                        }
                        _ => valid_until = date(doc, &q, v),
                    }
                }
                if !m.contains_key("type") {
                    doc.bad_key(
                        &p,
                        Code::MissingField,
                        msg!(
                            "sertifikat perlu `type` (halal, pirt, bpom, sni atau nama lain)",
                            "a certification needs a `type` (halal, pirt, bpom, sni or another name)"
                        ),
                    );
                }
                (t, n)
            }
            other => (doc.required_text(&p, other), None),
        };
        let Some(text) = kind_text else { continue };
        let kind = crate::schema::certificate(&text).map_or("other", |c| c.key);
        out.push(Certification {
            kind,
            label: text,
            number,
            status,
            valid_until,
        });
    }
    out
}

/// A certificate's `status`: `terbit`, `proses` or `belum` (and the other
/// words staff write for them).
fn cert_status(doc: &mut Doc, key: &str, v: &Value) -> Option<CertStatus> {
    let text = doc.text(key, v)?;
    let status = crate::schema::cert_status(&text);
    if status.is_none() {
        doc.bad(
            key,
            Code::BadValue,
            msg!(
                "status sertifikat harus `terbit`, `proses` atau `belum`, tertulis \"{text}\"",
                "a certificate's status must be `terbit` (granted), `proses` (applied for) or `belum` (none), found \"{text}\""
            ),
        );
    }
    status
}

pub(super) fn refs(doc: &mut Doc, key: &str, v: &Value) -> Vec<Ref> {
    let mut out = Vec::new();
    for (i, item) in doc.list(key, v).into_iter().enumerate() {
        let p = format!("{key}.{i}");
        if let Some(target) = doc.required_text(&p, item) {
            let pos = doc.value_pos(&p);
            out.push(Ref { target, pos });
        }
    }
    out
}

fn awards(doc: &mut Doc, key: &str, v: &Value) -> Vec<Award> {
    let mut out = Vec::new();
    for (i, item) in doc.list(key, v).into_iter().enumerate() {
        let p = format!("{key}.{i}");
        let Some(m) = doc.mapping(&p, item) else {
            continue;
        };
        let mut a = Award {
            year: None,
            title: String::new(),
            prize: None,
        };
        for (k, v) in doc.entries(&p, m, &["year", "title", "prize"], |_| None) {
            let q = format!("{p}.{k}");
            match k {
                "year" => a.year = doc.int(&q, v, 1800, 2200),
                "title" => a.title = doc.required_text(&q, v).unwrap_or_default(),
                _ => a.prize = doc.text(&q, v),
            }
        }
        if !m.contains_key("title") {
            doc.bad_key(
                &p,
                Code::MissingField,
                msg!("penghargaan perlu `title`", "an award needs a `title`"),
            );
        }
        if !a.title.is_empty() {
            out.push(a);
        }
    }
    out
}

fn products(doc: &mut Doc, key: &str, v: &Value, ctx: &Ctx) -> Vec<Product> {
    let mut out = Vec::new();
    for (i, item) in doc.list(key, v).into_iter().enumerate() {
        let p = format!("{key}.{i}");
        let m = match item {
            Value::Mapping(m) => m,
            Value::String(name) => {
                out.push(Product {
                    name: name.trim().to_string(),
                    price: None,
                    unit: None,
                    image: None,
                    description: None,
                    halal: false,
                });
                continue;
            }
            other => {
                let d = describe(other);
                doc.bad(&p, Code::WrongType, msg!("produk ditulis dengan `name:` dan `price:`, misalnya {{name: Keripik, price: 15000}}, tertulis {}", d.id; "a product is written with `name:` and `price:`, e.g. {{name: Keripik, price: 15000}}, found {}", d.en));
                continue;
            }
        };
        let mut prod = Product {
            name: String::new(),
            price: None,
            unit: None,
            image: None,
            description: None,
            halal: false,
        };
        let kind = ctx.file.kind;
        let known = schema::known(schema::PRODUCT, kind);
        let fields = doc.entries(&p, m, &known, |k| schema::hint(schema::PRODUCT, kind, k));
        for &(k, v) in &fields {
            let q = format!("{p}.{k}");
            let Some(field) = schema::lookup(schema::PRODUCT, kind, k) else {
                continue;
            };
            match field {
                P::Name => prod.name = doc.required_text(&q, v).unwrap_or_default(),
                P::Price => prod.price = price(doc, &q, v),
                P::Unit => prod.unit = doc.text(&q, v).filter(|s| !s.is_empty()),
                P::Image => {
                    prod.image = doc
                        .text(&q, v)
                        .and_then(|path| images::resolve(doc, &q, &path, ctx))
                }
                P::Description => prod.description = doc.text(&q, v).filter(|s| !s.is_empty()),
                P::Halal => prod.halal = doc.bool(&q, v).unwrap_or(false),
            }
        }
        if !m.contains_key("name") {
            doc.bad_key(
                &p,
                Code::MissingField,
                msg!("produk perlu `name`", "a product needs a `name`"),
            );
        }
        if !prod.name.is_empty() {
            out.push(prod);
        }
    }
    out
}

/// Whole rupiah: a number, or text like "Rp 15.000".
fn price(doc: &mut Doc, path: &str, v: &Value) -> Option<u64> {
    let parsed = match v {
        Value::Null => return None,
        Value::Number(n) => n.as_u64(),
        Value::String(t) => values::rupiah(t),
        _ => None,
    };
    if parsed.is_none() {
        let (dots_id, dots_en) = if matches!(v, Value::Number(n) if n.is_f64()) {
            (
                " (angka bertitik seperti 15.000 terbaca 15: tulis 15000 atau \"Rp 15.000\")",
                " (a number with a dot, like 15.000, is read as 15: write 15000 or \"Rp 15.000\")",
            )
        } else {
            ("", "")
        };
        let d = describe(v);
        doc.bad(
            path,
            Code::BadNumber,
            msg!("harga ditulis sebagai rupiah bulat, misalnya 15000, tertulis {}{}", d.id, dots_id;
                "a price is a whole number of rupiah, e.g. 15000, found {}{}", d.en, dots_en),
        );
    }
    parsed
}

fn deed(doc: &mut Doc, key: &str, v: &Value) -> Option<Deed> {
    let m = doc.mapping(key, v)?;
    let mut d = Deed {
        notary: None,
        number: None,
        date: None,
    };
    for (k, v) in doc.entries(key, m, &["notary", "number", "date"], |_| None) {
        let q = format!("{key}.{k}");
        match k {
            "notary" => d.notary = doc.text(&q, v),
            "number" => d.number = doc.text(&q, v),
            _ => d.date = date(doc, &q, v),
        }
    }
    Some(d)
}
