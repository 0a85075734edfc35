//! One row of a sheet turned into an entry's fields: each cell cleaned
//! (`clean.rs`) into the field its column holds, what cannot be used kept
//! in `private` with the reason, every guess noted for the report.

use super::clean;
use super::columns::{self, Target};
use super::matching;
use super::Column;
use crate::config::Config;
use crate::model::CertStatus;
use crate::places;
use crate::schema::{Def, EntryField, ProductField, Shape, LAT, LON};
use serde_yaml::{Mapping, Value};

/// One row being turned into an entry.
/// A certificate as a row's cells give it.
struct CertCells {
    kind: &'static str,
    number: Option<String>,
    status: Option<CertStatus>,
    until: Option<String>,
    /// The sheet has its column and the cell is empty: removed.
    cleared: bool,
}

pub(super) struct Row<'c> {
    config: &'c Config,
    /// The site's programme slugs: a sheet names only those.
    programmes: &'c [String],
    map: Mapping,
    products: Vec<String>,
    prices: Vec<(String, String)>,
    /// One unit for every product, or one per product like the names.
    units: Vec<String>,
    /// Each product's halal mark, like the names.
    halal: Vec<bool>,
    /// Each product's description and picture, like the names (`-`: none).
    descriptions: Vec<String>,
    images: Vec<String>,
    /// Awards, one per line: titles, years, prizes.
    awards: Vec<String>,
    award_years: Vec<(String, String)>,
    award_prizes: Vec<String>,
    /// A cooperative's deed, by its keys.
    deed: Mapping,
    /// The file the row says its entry lives in.
    pub(super) file: Option<String>,
    /// The product and award columns the sheet has: an empty line in one
    /// clears that value of its item.
    item_columns: Vec<Target>,
    /// Fields whose column the sheet has and whose cell is empty: the
    /// entry's value is removed (`Value::Null` in the row, see `merge`).
    cleared: Vec<&'static str>,
    /// Certificates by type: number, status, last day.
    certs: Vec<CertCells>,
    /// Certificates of no known type, when the sheet has their column.
    others: Option<Vec<Value>>,
    lat: Option<(f64, String)>,
    lon: Option<(f64, String)>,
    private: Mapping,
    extra: Mapping,
    errors: Vec<String>,
    /// Required fields whose cell was rejected (reported already).
    failed: Vec<&'static str>,
    pub(super) guesses: Vec<String>,
    /// A row that changes some fields of an entry that exists (a products
    /// sheet's): no field is required.
    pub(super) partial: bool,
    district: Option<usize>,
    pub(super) district_name: String,
    village: Option<(String, String)>,
}

impl<'c> Row<'c> {
    pub(super) fn new(config: &'c Config, programmes: &'c [String]) -> Row<'c> {
        Row {
            config,
            programmes,
            map: Mapping::new(),
            products: Vec::new(),
            prices: Vec::new(),
            units: Vec::new(),
            halal: Vec::new(),
            descriptions: Vec::new(),
            images: Vec::new(),
            awards: Vec::new(),
            award_years: Vec::new(),
            award_prizes: Vec::new(),
            deed: Mapping::new(),
            file: None,
            item_columns: Vec::new(),
            cleared: Vec::new(),
            certs: Vec::new(),
            others: None,
            lat: None,
            lon: None,
            private: Mapping::new(),
            extra: Mapping::new(),
            errors: Vec::new(),
            failed: Vec::new(),
            guesses: Vec::new(),
            partial: false,
            district: None,
            district_name: String::new(),
            village: None,
        }
    }

    fn put(&mut self, key: &str, v: Value) {
        self.map.insert(Value::String(key.into()), v);
    }

    /// A value that cannot be used is kept in `private` (never published)
    /// with the reason, so nothing in the sheet is lost.
    /// The certificate of `kind` this row is filling.
    fn cert(&mut self, kind: &'static str) -> &mut CertCells {
        match self.certs.iter().position(|c| c.kind == kind) {
            Some(i) => &mut self.certs[i],
            None => {
                self.certs.push(CertCells {
                    kind,
                    number: None,
                    status: None,
                    until: None,
                    cleared: false,
                });
                self.certs.last_mut().expect("just pushed")
            }
        }
    }

    fn keep_unused(&mut self, key: &str, raw: &str, cell: &str, why: String) {
        self.private.insert(
            Value::String(format!("{key}_asli")),
            Value::String(raw.into()),
        );
        self.guesses.push(format!(
            "{cell}: {why}; nilainya disimpan di private.{key}_asli"
        ));
    }

    /// The numbers of one cell into `phone` and `whatsapp`: the one marked
    /// WA (or, with none marked, the second; with one number in a column
    /// that says HP/WA, that one) is the WhatsApp number. Each guess said.
    fn phones(&mut self, numbers: Vec<(String, bool)>, v: &str, cell: &str, whatsapp_column: bool) {
        let wa_at = numbers.iter().position(|(_, wa)| *wa);
        let (phone, wa) = match (numbers.len(), wa_at) {
            (1, Some(_)) => (None, Some(0)),
            (1, None) if whatsapp_column => (None, Some(0)),
            (1, None) => (Some(0), Some(0)),
            (_, Some(w)) => (numbers.iter().position(|(_, wa)| !*wa), Some(w)),
            (_, None) => (Some(0), Some(1)),
        };
        let mut said = Vec::new();
        if let Some(i) = phone {
            self.put(EntryField::Phone.key(), Value::String(numbers[i].0.clone()));
            said.push(format!("telepon {}", numbers[i].0));
        }
        if let Some(i) = wa {
            self.put(
                EntryField::Whatsapp.key(),
                Value::String(numbers[i].0.clone()),
            );
            said.push(format!("WhatsApp {}", numbers[i].0));
        }
        self.guesses.push(format!(
            "{cell}: \"{}\" dibaca {}",
            v.trim(),
            said.join(", ")
        ));
    }

    pub(super) fn set(&mut self, c: &Column, v: &str, cell: &str) {
        // "-" or "Belum Ada" in a field's cell: nothing, not a value to
        // check (a certificate's column reads "Belum" itself).
        if matches!(c.target, Target::Field(_) | Target::PhoneAndWhatsapp) && clean::placeholder(v)
        {
            return self.clear(c);
        }
        match &c.target {
            Target::Skip => {}
            Target::PhoneAndWhatsapp => match clean::phones(v) {
                (numbers, bad) if !numbers.is_empty() && bad.is_empty() => {
                    self.phones(numbers, v, cell, false)
                }
                (_, bad) => self.keep_unused(
                    EntryField::Phone.key(),
                    v,
                    cell,
                    bad.first().cloned().unwrap_or_default(),
                ),
            },
            Target::Private(k) => {
                self.private
                    .insert(Value::String(k.clone()), Value::String(v.into()));
            }
            Target::Extra(k) => {
                self.extra
                    .insert(Value::String(k.clone()), Value::String(v.into()));
            }
            // One name per line as the tables write them; an office's
            // cell may use `;` as well.
            Target::Products if v.contains('\n') => self
                .products
                .extend(clean::item_lines(v).into_iter().filter(|p| !p.is_empty())),
            Target::Products => self.products.extend(clean::list(v)),
            Target::Price => self
                .prices
                .extend(clean::lines(v).into_iter().map(|p| (p, cell.to_string()))),
            Target::Unit => self.units.extend(clean::lines(v)),
            Target::ProductHalal => self
                .halal
                .extend(clean::lines(v).iter().map(|l| clean::yes(l) == Some(true))),
            Target::ProductDescription => self.descriptions.extend(clean::item_lines(v)),
            Target::ProductImage => self.images.extend(clean::item_lines(v)),
            Target::Awards => self.awards.extend(clean::item_lines(v)),
            Target::AwardYear => self.award_years.extend(
                clean::item_lines(v)
                    .into_iter()
                    .map(|y| (y, cell.to_string())),
            ),
            Target::AwardPrize => self.award_prizes.extend(clean::item_lines(v)),
            Target::Deed(part) => match *part {
                "date" => match clean::date(v) {
                    Ok((d, _)) => {
                        self.deed.insert((*part).into(), Value::String(d));
                    }
                    Err(why) => self.keep_unused("akta", v, cell, why),
                },
                _ => {
                    self.deed
                        .insert((*part).into(), Value::String(v.trim().to_string()));
                }
            },
            Target::File => self.file = Some(v.trim().to_string()),
            Target::Kind => {}
            Target::OtherCertificates => {
                for line in clean::item_lines(v).into_iter().filter(|l| !l.is_empty()) {
                    match other_certificate(&line) {
                        Ok(c) => self.others.get_or_insert_with(Vec::new).push(c),
                        Err(why) => self.keep_unused("sertifikat lain", &line, cell, why),
                    }
                }
                self.others.get_or_insert_with(Vec::new);
            }
            Target::Certificate(kind) => {
                let (number, status) = match (crate::schema::cert_status(v), clean::yes(v)) {
                    (Some(status), _) => (None, status),
                    (None, Some(true)) => (None, CertStatus::Certified),
                    (None, Some(false)) => (None, CertStatus::None),
                    // A number as written (`2063275010017-27`); a number
                    // cell of a spreadsheet loses its `.0`.
                    (None, None) => (
                        Some(match v.trim().parse::<f64>() {
                            Ok(_) => clean::digits(v.trim().trim_end_matches(".0")),
                            Err(_) => v.trim().to_string(),
                        }),
                        CertStatus::Certified,
                    ),
                };
                if number.is_none() && !v.trim().is_empty() {
                    let word = crate::schema::cert_status_word(status);
                    let said = match status {
                        CertStatus::Certified => "sudah terbit",
                        CertStatus::InProcess => {
                            "sedang diproses, belum terbit: tidak tampil sebagai lencana"
                        }
                        CertStatus::None => "belum ada",
                    };
                    self.guesses.push(format!(
                        "{cell}: sertifikat {kind} \"{}\" dibaca `{word}` ({said})",
                        v.trim()
                    ));
                }
                let c = self.cert(kind);
                c.number = number;
                c.status = Some(status);
            }
            Target::CertificateUntil(kind) => match crate::values::date(v.trim()) {
                Ok(d) => self.cert(kind).until = Some(d.iso()),
                Err(_) if v.trim().is_empty() => {}
                Err(_) => self.keep_unused(
                    kind,
                    v,
                    cell,
                    format!("\"{}\" bukan tanggal (tulis 2027-12-31)", v.trim()),
                ),
            },
            Target::Geo => match clean::geo(v) {
                Ok(((lat, lon), swapped)) => {
                    self.lat = Some((lat, cell.into()));
                    self.lon = Some((lon, cell.into()));
                    if swapped {
                        self.guesses.push(format!("{cell}: koordinat \"{v}\" tertulis bujur dulu; dibalik menjadi {lat}, {lon}"));
                    }
                }
                Err(why) => self.keep_unused(EntryField::Geo.key(), v, cell, why),
            },
            Target::Lat => match clean::coordinate(v) {
                Some(x) => self.lat = Some((x, cell.into())),
                None => self.keep_unused(LAT, v, cell, format!("\"{v}\" bukan angka lintang")),
            },
            Target::Lon => match clean::coordinate(v) {
                Some(x) => self.lon = Some((x, cell.into())),
                None => self.keep_unused(LON, v, cell, format!("\"{v}\" bukan angka bujur")),
            },
            Target::Field(key) => match columns::def(key) {
                Some(def) => self.field(def, v, cell),
                None => self.put(key, Value::String(v.into())),
            },
        }
    }

    /// An empty cell (or `-`) of column `c`: the sheet says the entry has
    /// no such value. A re-import removes it; a new entry leaves it out.
    pub(super) fn clear(&mut self, c: &Column) {
        match &c.target {
            Target::Field(key) => {
                let required = [EntryField::Name, EntryField::Category, EntryField::District]
                    .map(EntryField::key);
                if !required.contains(key) && *key != EntryField::Slug.key() {
                    self.cleared.push(key);
                }
            }
            Target::PhoneAndWhatsapp => self
                .cleared
                .extend([EntryField::Phone.key(), EntryField::Whatsapp.key()]),
            Target::Products => self.cleared.push(EntryField::Products.key()),
            Target::Awards => self.cleared.push(EntryField::Awards.key()),
            Target::Geo | Target::Lat | Target::Lon => self.cleared.push(EntryField::Geo.key()),
            Target::Deed(_) => self.cleared.push(EntryField::Deed.key()),
            Target::Certificate(kind) => self.cert(kind).cleared = true,
            Target::OtherCertificates => {
                self.others.get_or_insert_with(Vec::new);
            }
            Target::Extra(k) => {
                self.extra.insert(Value::String(k.clone()), Value::Null);
            }
            // Personal data is never removed by a blank cell: it lives in
            // its own folder, and an office's sheet often leaves it out.
            Target::Private(_)
            | Target::Price
            | Target::Unit
            | Target::ProductHalal
            | Target::ProductDescription
            | Target::ProductImage
            | Target::AwardYear
            | Target::AwardPrize
            | Target::CertificateUntil(_)
            | Target::File
            | Target::Kind
            | Target::Skip => {}
        }
    }

    /// Notes which product and award columns the sheet has.
    pub(super) fn has_column(&mut self, c: &Column) {
        if matches!(
            c.target,
            Target::Price
                | Target::Unit
                | Target::ProductHalal
                | Target::ProductDescription
                | Target::ProductImage
                | Target::AwardYear
                | Target::AwardPrize
        ) && !self.item_columns.contains(&c.target)
        {
            self.item_columns.push(c.target.clone());
        }
    }

    /// A cell of a field that fits in one (`Target::Field`), read by the
    /// field's shape.
    fn field(&mut self, def: &'static Def<EntryField>, v: &str, cell: &str) {
        let s = |t: &str| Value::String(t.to_string());
        let key = def.key;
        match def.shape {
            Shape::Phone => match clean::phone(v) {
                Ok(p) => {
                    if p != v.trim() {
                        self.guesses
                            .push(format!("{cell}: nomor \"{v}\" ditulis {p}"));
                    }
                    self.put(key, s(&p));
                }
                // Two numbers, or one marked WA, in a phone column.
                Err(why) => match clean::phones(v) {
                    (numbers, bad) if !numbers.is_empty() && bad.is_empty() => {
                        self.phones(numbers, v, cell, key == EntryField::Whatsapp.key())
                    }
                    _ => self.keep_unused(key, v, cell, why),
                },
            },
            Shape::Email => match crate::values::email(v) {
                Ok(e) => self.put(key, s(&e)),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            Shape::Web => match crate::values::web_url(v) {
                Ok(u) => self.put(key, s(&u)),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            Shape::Social { base, hosts } => match crate::values::social(v, key, hosts, base) {
                Ok(_) => self.put(key, s(v.trim())),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            Shape::Shop { hosts } => match crate::values::platform_url(v, key, hosts) {
                Ok(u) => self.put(key, s(&u)),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            Shape::Year => match clean::year(v) {
                Ok((y, rewritten)) => {
                    if rewritten {
                        self.guesses
                            .push(format!("{cell}: tahun berdiri diambil dari \"{v}\": {y}"));
                    }
                    self.put(key, Value::Number(y.into()));
                }
                Err(why) => self.keep_unused(key, v, cell, why),
            },
            Shape::Date => match clean::date(v) {
                Ok((d, rewritten)) => {
                    if rewritten {
                        self.guesses
                            .push(format!("{cell}: tanggal \"{v}\" dibaca {d}"));
                    }
                    self.put(key, s(&d));
                }
                Err(why) => self.keep_unused(key, v, cell, why),
            },
            Shape::Choice(words) => match clean::choice(v, words) {
                Some(w) => self.put(key, s(w)),
                None => {
                    let (title, list) = (def.title, words.join(", "));
                    self.keep_unused(
                        key,
                        v,
                        cell,
                        format!("{title} \"{v}\" bukan salah satu dari {list}"),
                    )
                }
            },
            Shape::Digits(n) => {
                let d = clean::digits(v);
                if d.len() == n {
                    self.put(key, s(&d));
                } else {
                    let title = def.title;
                    self.keep_unused(key, v, cell, format!("{title} \"{v}\" bukan {n} angka"));
                }
            }
            Shape::Codes => {
                let codes: Vec<Value> = v
                    .split([',', ';', '\n', ' '])
                    .map(clean::digits)
                    .filter(|c| !c.is_empty())
                    .map(|c| s(&format!("{c:0>5}")))
                    .collect();
                if codes
                    .iter()
                    .all(|c| c.as_str().is_some_and(|c| c.len() == 5))
                    && !codes.is_empty()
                {
                    self.put(key, Value::Sequence(codes));
                } else {
                    self.keep_unused(key, v, cell, format!("KBLI \"{v}\" bukan kode 5 angka"));
                }
            }
            Shape::Tags => {
                let tags: Vec<Value> = v
                    .split([',', ';', '\n'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(s)
                    .collect();
                self.put(key, Value::Sequence(tags));
            }
            Shape::Count => match clean::digits(v).parse::<u64>() {
                Ok(n) if !v.trim().is_empty() => self.put(key, Value::Number(n.into())),
                _ => {
                    let title = def.title;
                    self.keep_unused(key, v, cell, format!("{title} \"{v}\" bukan angka"))
                }
            },
            Shape::Flag => match clean::yes(v) {
                Some(b) => self.put(key, Value::Bool(b)),
                None => self.keep_unused(key, v, cell, format!("\"{v}\" bukan ya atau tidak")),
            },
            Shape::Status => {
                let l = v.to_lowercase();
                if l.contains("tutup") || l.contains("tidak aktif") || l.contains("nonaktif") {
                    self.put(key, s("tutup"));
                } else {
                    self.put(key, s("aktif"));
                }
            }
            Shape::Category => match matching::category(self.config, v) {
                Some((slug, guessed)) => {
                    if guessed {
                        self.guesses
                            .push(format!("{cell}: kategori \"{v}\" dianggap {slug}"));
                    }
                    self.put(key, s(&slug));
                }
                None => {
                    let list = self
                        .config
                        .categories
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.errors.push(format!(
                        "{cell}: kategori \"{v}\" tidak ada di site.yaml (yang ada: {list})"
                    ));
                    self.failed.push(key);
                }
            },
            Shape::District => match matching::district(self.config, v) {
                Some((i, guessed)) => {
                    let name = self.config.districts[i].name.clone();
                    if guessed {
                        self.guesses
                            .push(format!("{cell}: kecamatan \"{v}\" dianggap {name}"));
                    }
                    self.district = Some(i);
                    self.district_name = name.clone();
                    self.put(key, s(&name));
                }
                None => {
                    self.errors
                        .push(format!("{cell}: kecamatan \"{v}\" tidak ada di site.yaml"));
                    self.failed.push(key);
                }
            },
            Shape::Village => self.village = Some((v.to_string(), cell.to_string())),
            Shape::Text | Shape::Slug | Shape::Markdown => self.put(key, s(v)),
            // `senin: 08:00-16:00` a line, as the tables write it.
            Shape::Hours => {
                let mut days = Mapping::new();
                for line in clean::lines(v) {
                    let (day, value) = line.split_once(':').unwrap_or((line.as_str(), ""));
                    let (day, value) = (day.trim().to_lowercase(), value.trim());
                    let known = crate::model::DAYS.contains(&day.as_str());
                    match crate::values::hours(value) {
                        Ok(_) if known => {
                            days.insert(s(&day), s(value));
                        }
                        _ => {
                            return self.keep_unused(
                                key,
                                v,
                                cell,
                                format!("\"{line}\" bukan jam buka (tulis misalnya senin: 08:00-16:00, satu hari per baris)"),
                            )
                        }
                    }
                }
                if !days.is_empty() {
                    self.put(key, Value::Mapping(days));
                }
            }
            // Programme slugs, by commas; each must be one of the site's.
            Shape::Programmes => {
                let slugs: Vec<&str> = v
                    .split([',', ';', '\n'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                if let Some(unknown) = slugs
                    .iter()
                    .find(|p| !self.programmes.iter().any(|x| x == *p))
                {
                    let why = format!("program \"{unknown}\" tidak ada di content/program");
                    return self.keep_unused(key, v, cell, why);
                }
                let list: Vec<Value> = slugs.into_iter().map(s).collect();
                if !list.is_empty() {
                    self.put(key, Value::Sequence(list));
                }
            }
            // A file name as the entry writes it (`check` finds it).
            Shape::Picture => self.put(key, s(v.trim())),
            Shape::Pictures => {
                let list: Vec<Value> = clean::lines(v)
                    .iter()
                    .filter(|l| !l.is_empty() && *l != "-")
                    .map(|l| s(l))
                    .collect();
                self.put(key, Value::Sequence(list));
            }
            // The YAML of a mapping, as the tables write it: the whole of
            // `extra`, so a key taken out of the cell leaves the entry.
            Shape::Extra => match serde_yaml::from_str::<Value>(v) {
                Ok(Value::Mapping(m)) => self.put(key, replace_whole(Value::Mapping(m))),
                _ => self.keep_unused(
                    key,
                    v,
                    cell,
                    "bukan daftar `kunci: nilai`, satu per baris".into(),
                ),
            },
            // Not in one cell (`columns::field` gives no such target).
            Shape::Geo
            | Shape::Certifications
            | Shape::Awards
            | Shape::Products
            | Shape::Private
            | Shape::Deed
            | Shape::Target
            | Shape::DateTime
            | Shape::Participants => self.put(key, s(v)),
        }
    }

    /// The entry, or why the row cannot be one.
    pub(super) fn finish(&mut self) -> Result<Mapping, Vec<String>> {
        // A required field is missing when no cell gave it and no cell
        // was already rejected for it.
        for (key, label) in [
            (EntryField::Name.key(), "nama usaha"),
            (EntryField::Category.key(), "kategori"),
            (EntryField::District.key(), "kecamatan"),
        ] {
            if !self.partial && !self.map.contains_key(key) && !self.failed.contains(&key) {
                self.errors.push(format!("{label} kosong"));
            }
        }
        if let (Some(i), Some((v, cell))) = (self.district, self.village.take()) {
            let d = &self.config.districts[i];
            match d.village(&v) {
                Some(name) => {
                    let name = name.to_string();
                    self.put(EntryField::Village.key(), Value::String(name));
                }
                None => {
                    let near = crate::diagnostic::nearest(
                        places::bare_village_name(&v),
                        d.villages.iter().map(String::as_str),
                    )
                    .map(str::to_string);
                    match near {
                        Some(n) => {
                            self.guesses
                                .push(format!("{cell}: kelurahan \"{v}\" dianggap {n}"));
                            self.put(EntryField::Village.key(), Value::String(n));
                        }
                        None => {
                            let dn = d.name.clone();
                            self.keep_unused(
                                EntryField::Village.key(),
                                &v,
                                &cell,
                                format!("kelurahan \"{v}\" tidak ada di kecamatan {dn}"),
                            );
                        }
                    }
                }
            }
        }
        if !self.errors.is_empty() {
            return Err(std::mem::take(&mut self.errors));
        }
        match (self.lat.take(), self.lon.take()) {
            (Some((lat, _)), Some((lon, cell))) => match clean::lat_lon(lat, lon) {
                Some(((lat, lon), _)) => {
                    let mut g = Mapping::new();
                    g.insert(LAT.into(), lat.into());
                    g.insert(LON.into(), lon.into());
                    self.put(EntryField::Geo.key(), Value::Mapping(g));
                }
                None => self.keep_unused(
                    EntryField::Geo.key(),
                    &format!("{lat}, {lon}"),
                    &cell,
                    "titik di luar peta".into(),
                ),
            },
            (Some((lat, cell)), None) | (None, Some((lat, cell))) => self.keep_unused(
                EntryField::Geo.key(),
                &lat.to_string(),
                &cell,
                "hanya satu dari lintang dan bujur".into(),
            ),
            (None, None) => {}
        }
        if !self.products.is_empty() || !self.prices.is_empty() {
            let n = self.products.len().max(1);
            let mut list = Vec::new();
            for i in 0..n {
                let mut p = Mapping::new();
                let name = self
                    .products
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| "Produk".into());
                p.insert(ProductField::Name.key().into(), Value::String(name));
                let price = self.prices.get(i).or(if self.prices.len() == 1 && i == 0 {
                    self.prices.first()
                } else {
                    None
                });
                let mut price_unit = None;
                if let Some((raw, cell)) = price.filter(|(raw, _)| !raw.is_empty()) {
                    match clean::price_with_unit(raw) {
                        Some((v, unit, range)) => {
                            p.insert(ProductField::Price.key().into(), Value::Number(v.into()));
                            if range || unit.is_some() {
                                let from = if range { "harga mulai " } else { "harga " };
                                let per = unit
                                    .as_deref()
                                    .map(|u| format!(" per {u}"))
                                    .unwrap_or_default();
                                self.guesses.push(format!(
                                    "{cell}: \"{raw}\" dibaca {from}{}{per}",
                                    crate::text::rupiah_label(v)
                                ));
                            }
                            price_unit = unit;
                        }
                        None => {
                            let (raw, cell) = (raw.clone(), cell.clone());
                            self.keep_unused(
                                "harga",
                                &raw,
                                &cell,
                                format!("harga \"{raw}\" bukan angka rupiah"),
                            );
                        }
                    }
                }
                let unit = match self.units.len() {
                    1 => self.units.first(),
                    _ => self.units.get(i),
                };
                if let Some(u) = unit.filter(|u| !u.is_empty()).or(price_unit.as_ref()) {
                    p.insert(ProductField::Unit.key().into(), Value::String(u.clone()));
                }
                if self.halal.get(i) == Some(&true) {
                    p.insert(ProductField::Halal.key().into(), Value::Bool(true));
                }
                for (text, key) in [
                    (&self.descriptions, ProductField::Description.key()),
                    (&self.images, ProductField::Image.key()),
                ] {
                    if let Some(t) = text.get(i).filter(|t| !t.is_empty()) {
                        p.insert(key.into(), Value::String(t.clone()));
                    }
                }
                // A column the sheet has, with nothing on this product's
                // line: the product has no such value.
                for (target, key) in [
                    (Target::Price, ProductField::Price.key()),
                    (Target::Unit, ProductField::Unit.key()),
                    (Target::ProductHalal, ProductField::Halal.key()),
                    (Target::ProductDescription, ProductField::Description.key()),
                    (Target::ProductImage, ProductField::Image.key()),
                ] {
                    if self.item_columns.contains(&target) && !p.contains_key(key) {
                        p.insert(key.into(), Value::Null);
                    }
                }
                list.push(Value::Mapping(p));
            }
            self.put(EntryField::Products.key(), Value::Sequence(list));
        }
        if !self.awards.is_empty() {
            let mut list = Vec::new();
            for (i, title) in self.awards.clone().into_iter().enumerate() {
                if title.is_empty() {
                    continue;
                }
                let mut a = Mapping::new();
                if let Some((y, cell)) = self.award_years.get(i).filter(|(y, _)| !y.is_empty()) {
                    match clean::year(y) {
                        Ok((year, _)) => {
                            a.insert("year".into(), Value::Number(year.into()));
                        }
                        Err(why) => {
                            let (y, cell) = (y.clone(), cell.clone());
                            self.keep_unused("tahun_penghargaan", &y, &cell, why);
                        }
                    }
                }
                a.insert("title".into(), Value::String(title));
                if let Some(p) = self.award_prizes.get(i).filter(|p| !p.is_empty()) {
                    a.insert("prize".into(), Value::String(p.clone()));
                }
                list.push(Value::Mapping(a));
            }
            self.put(EntryField::Awards.key(), Value::Sequence(list));
        }
        if !self.deed.is_empty() {
            let d = std::mem::take(&mut self.deed);
            self.put(EntryField::Deed.key(), Value::Mapping(d));
        }
        // A certificate with only a last day and no status says nothing;
        // one whose cell is empty is removed (`merge`).
        let mut list: Vec<Value> = self
            .certs
            .iter()
            .filter_map(|c| {
                if c.cleared && c.status.is_none() {
                    let mut m = Mapping::new();
                    m.insert("type".into(), Value::String(c.kind.into()));
                    m.insert("status".into(), Value::Null);
                    return Some(Value::Mapping(m));
                }
                let status = c.status?;
                let mut m = Mapping::new();
                m.insert("type".into(), Value::String(c.kind.into()));
                if let Some(n) = &c.number {
                    m.insert("number".into(), Value::String(n.clone()));
                }
                if status != CertStatus::Certified {
                    let word = crate::schema::cert_status_word(status);
                    m.insert("status".into(), Value::String(word.into()));
                }
                if let Some(d) = &c.until {
                    m.insert("valid_until".into(), Value::String(d.clone()));
                }
                Some(Value::Mapping(m))
            })
            .collect();
        // The sheet gives the other certificates: a mark that the entry's
        // others are these (removed by `settled`, never written).
        if let Some(others) = self.others.take() {
            let mut mark = Mapping::new();
            let t = crate::schema::CERTIFICATES_OTHER_MARK;
            mark.insert("type".into(), Value::String(t.into()));
            mark.insert("status".into(), Value::Null);
            list.push(Value::Mapping(mark));
            list.extend(others);
        }
        if !list.is_empty() {
            self.put(EntryField::Certifications.key(), Value::Sequence(list));
        }
        if !self.extra.is_empty() {
            let e = std::mem::take(&mut self.extra);
            let key = Value::String(EntryField::Extra.key().into());
            // Beside a whole `extra` column, a column of its own adds to it.
            match self.map.get_mut(&key) {
                Some(Value::Tagged(t)) => {
                    if let Value::Mapping(m) = &mut t.value {
                        m.extend(e);
                    }
                }
                _ => self.put(EntryField::Extra.key(), Value::Mapping(e)),
            }
        }
        for key in std::mem::take(&mut self.cleared) {
            if !self.map.contains_key(key) {
                self.put(key, Value::Null);
            }
        }
        if !self.private.is_empty() {
            let p = std::mem::take(&mut self.private);
            self.put(EntryField::Private.key(), Value::Mapping(p));
        }
        Ok(std::mem::take(&mut self.map))
    }
}

/// A line of the other certificates' column: a name, or a flow mapping
/// with its `type` (`{type: ISO 9001, number: "123"}`).
fn other_certificate(line: &str) -> Result<Value, String> {
    let line = line.trim();
    if !line.starts_with('{') {
        return Ok(Value::String(line.to_string()));
    }
    match serde_yaml::from_str::<Value>(line) {
        Ok(Value::Mapping(m)) if m.get("type").and_then(Value::as_str).is_some() => {
            Ok(Value::Mapping(m))
        }
        _ => Err("bukan sertifikat: tulis namanya, atau {type: nama, number: nomor}".into()),
    }
}

/// The tag of a value that replaces the entry's whole (`extra` from its
/// own column), where a sheet's mapping otherwise adds to the entry's.
pub(super) const WHOLE: &str = "etalase-whole";

fn replace_whole(v: Value) -> Value {
    Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new(WHOLE),
        value: v,
    }))
}

/// A row's values as a new entry writes them: nothing to remove (`Null`),
/// nothing to replace whole (the tag taken off).
pub(super) fn settled(map: &Mapping) -> Mapping {
    let mut out = Mapping::new();
    for (k, v) in map {
        match settled_value(v) {
            // Only removals (a certificate's empty cell): nothing to write.
            Some(Value::Sequence(l)) if l.is_empty() => {}
            Some(Value::Mapping(m)) if m.is_empty() => {}
            Some(v) => {
                out.insert(k.clone(), v);
            }
            None => {}
        }
    }
    out
}

pub(super) fn settled_value(v: &Value) -> Option<Value> {
    match v {
        Value::Null => None,
        Value::Tagged(t) if t.tag == WHOLE => settled_value(&t.value),
        Value::Mapping(m) => {
            // A certificate the row removes is no certificate.
            if m.get("status").is_some_and(Value::is_null) {
                return None;
            }
            Some(Value::Mapping(settled(m)))
        }
        Value::Sequence(s) => Some(Value::Sequence(
            s.iter().filter_map(settled_value).collect(),
        )),
        other => Some(other.clone()),
    }
}

/// What a column's target is called in the report.
pub(super) fn describe(t: &Target) -> String {
    match t {
        Target::Field(k) => (*k).to_string(),
        Target::Products => "products (nama)".into(),
        Target::Price => "products (harga)".into(),
        Target::Unit => "products (satuan)".into(),
        Target::ProductHalal => "products (halal)".into(),
        Target::ProductDescription => "products (keterangan)".into(),
        Target::ProductImage => "products (foto)".into(),
        Target::Awards => "awards (judul)".into(),
        Target::AwardYear => "awards (tahun)".into(),
        Target::AwardPrize => "awards (peringkat)".into(),
        Target::Deed(part) => format!("deed ({part})"),
        Target::File => "berkas entri (untuk mencocokkan)".into(),
        Target::Kind => "jenis (baris jenis lain dilewati)".into(),
        Target::Certificate(c) => format!("certifications ({c})"),
        Target::CertificateUntil(c) => format!("certifications ({c}, berlaku sampai)"),
        Target::OtherCertificates => "certifications (lain)".into(),
        Target::Geo => EntryField::Geo.key().into(),
        Target::PhoneAndWhatsapp => "phone + whatsapp".into(),
        Target::Lat => "geo (lat)".into(),
        Target::Lon => "geo (lon)".into(),
        Target::Private(k) => format!("private.{k} (tidak diterbitkan)"),
        Target::Extra(k) => format!("extra.{k}"),
        Target::Skip => "tidak diimpor".into(),
    }
}
