//! `etalase import`: an office's spreadsheet (CSV, XLSX, ODS) into entries
//! in the site's format, with every row accounted for in a report.

mod clean;
pub(crate) mod columns;
mod table;

use crate::config::{self, Config};
use crate::message::Message;
use crate::model::Kind;
use crate::places;
use columns::Target;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct ImportOptions {
    /// The site folder (holding site.yaml).
    pub root: PathBuf,
    pub file: PathBuf,
    /// `umkm`, `koperasi` or `pkl`.
    pub kind: String,
    pub sheet: Option<String>,
    /// A YAML file naming columns: `columns: {"Header": target}`, and
    /// optionally `key: "Header"` (what identifies a row on re-import).
    pub map: Option<PathBuf>,
    /// The folder under the site to write into (`content/umkm`, ...).
    pub into: Option<String>,
    /// `files` (one per entry) or `list` (one list file per sheet);
    /// without it, a list for PKL and files for the others.
    pub layout: Option<String>,
    pub dry_run: bool,
}

/// What happened to one row.
pub struct RowReport {
    /// `Sheet1!A5`
    pub cell: String,
    pub status: RowStatus,
    pub slug: String,
    /// Why it was rejected, or the guesses made for it, each with its cell.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RowStatus {
    Imported,
    Updated,
    Rejected,
}

impl RowStatus {
    pub fn label(self) -> &'static str {
        match self {
            RowStatus::Imported => "diimpor",
            RowStatus::Updated => "diperbarui",
            RowStatus::Rejected => "ditolak",
        }
    }
}

pub struct ImportReport {
    /// What each column became (`Nama Usaha -> name`).
    pub columns: Vec<String>,
    pub rows: Vec<RowReport>,
    /// The report CSV written beside the input.
    pub report: PathBuf,
    /// Files written (none in a dry run), site paths.
    pub files: Vec<String>,
}

/// One column: its header, letter index and target.
struct Column {
    header: String,
    index: usize,
    target: Target,
}

pub fn import(opts: &ImportOptions) -> Result<ImportReport, Message> {
    let kind = match opts.kind.as_str() {
        "umkm" => Kind::Umkm,
        "koperasi" => Kind::Koperasi,
        "pkl" => Kind::Pkl,
        other => {
            return Err(msg!(
                "--kind harus umkm, koperasi atau pkl, tertulis \"{other}\"",
                "--kind must be umkm, koperasi or pkl, found \"{other}\""
            ))
        }
    };
    let config = site_config(&opts.root)?;
    let table = table::read(&opts.file, opts.sheet.as_deref())?;
    let map = read_map(opts.map.as_deref())?;
    let Some(header_row) = table
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_empty()))
    else {
        let shown = opts.file.display();
        return Err(msg!(
            "{shown} kosong: tidak ada baris judul kolom",
            "{shown} is empty: no header row"
        ));
    };
    let mut cols = Vec::new();
    let mut column_lines = Vec::new();
    for (index, header) in table.rows[header_row].iter().enumerate() {
        let named = map
            .columns
            .iter()
            .find(|(h, _)| columns::header_key(h) == columns::header_key(header));
        let target = match named {
            Some((_, t)) => columns::named(t, header, kind).ok_or_else(|| {
                let k = &opts.kind;
                msg!(
                    "berkas peta: kolom \"{header}\" diarahkan ke \"{t}\", yang bukan kolom {k} yang dikenal",
                    "map file: column \"{header}\" is mapped to \"{t}\", which is not a known {k} field"
                )
            })?,
            None => columns::recognise(header, kind),
        };
        if header.is_empty()
            && !table.rows[header_row + 1..]
                .iter()
                .any(|r| r.get(index).is_some_and(|c| !c.is_empty()))
        {
            continue; // an empty column with no header
        }
        // Data under no header is kept, under its column's letter.
        let target = match target {
            Target::Skip if header.is_empty() => {
                let letter = table::cell_ref(index, 0);
                Target::Extra(format!(
                    "kolom_{}",
                    letter.trim_end_matches('1').to_lowercase()
                ))
            }
            t => t,
        };
        column_lines.push(format!(
            "{} ({}) -> {}",
            header,
            table::cell_ref(index, header_row),
            describe(&target)
        ));
        cols.push(Column {
            header: header.clone(),
            index,
            target,
        });
    }
    for needed in ["name", "category", "district"] {
        if !cols.iter().any(|c| c.target == Target::Field(needed)) {
            return Err(msg!(
                "lembar tidak punya kolom untuk `{needed}` (misalnya \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); tambahkan kolomnya atau sebutkan di berkas peta",
                "the sheet has no column for `{needed}` (such as \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); add it, or name it in the map file"
            ));
        }
    }
    let folder = opts
        .into
        .clone()
        .unwrap_or_else(|| format!("content/{}", kind.folder()));
    let folder = folder.trim_matches('/').to_string();
    if !folder.starts_with("content/") || folder.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(msg!(
            "--into harus folder di dalam content/, tertulis \"{folder}\"",
            "--into must be a folder inside content/, found \"{folder}\""
        ));
    }
    // The key a re-import matches rows by: the map's, else NIB.
    let key_col = match &map.key {
        Some(h) => Some(
            cols.iter()
                .position(|c| columns::header_key(&c.header) == columns::header_key(h))
                .ok_or_else(|| {
                    msg!(
                        "berkas peta: kolom kunci \"{h}\" tidak ada di lembar",
                        "map file: the key column \"{h}\" is not in the sheet"
                    )
                })?,
        ),
        None => cols.iter().position(|c| c.target == Target::Field("nib")),
    };
    let list_file = match opts.layout.as_deref() {
        Some("list") => true,
        Some("files") => false,
        _ => kind == Kind::Pkl,
    };
    let stem = crate::slug::slugify(&file_stem(&opts.file));
    // Where the key's value sits in an entry written before: a field, or
    // a key of `extra` or `private`.
    let key_at: (Option<&str>, String) = match key_col.map(|k| &cols[k].target) {
        Some(Target::Field(f)) => (None, (*f).to_string()),
        Some(Target::Extra(k)) => (Some("extra"), k.clone()),
        Some(Target::Private(k)) => (Some("private"), k.clone()),
        _ => (None, "nib".into()),
    };
    let existing = Existing::read(&opts.root.join(&folder), &key_at)?;
    let mut slugs = existing.slugs.clone();
    let mut out = Output::default();
    let mut rows = Vec::new();
    for (r, cells) in table.rows.iter().enumerate().skip(header_row + 1) {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cell = |c: &Column| table::cell_ref(c.index, r);
        let at = format!("{}!{}", table.sheet, table::cell_ref(0, r));
        let mut row = Row::new(&config);
        for c in &cols {
            let Some(v) = cells.get(c.index).filter(|v| !v.is_empty()) else {
                continue;
            };
            row.set(c, clean::unguarded(v), &cell(c));
        }
        let key = key_col
            .and_then(|k| cells.get(cols[k].index))
            .filter(|v| !v.is_empty())
            .map(|v| key_of(v));
        let (status, slug) = match row.finish() {
            Err(reasons) => {
                rows.push(RowReport {
                    cell: at,
                    status: RowStatus::Rejected,
                    slug: String::new(),
                    notes: reasons,
                });
                continue;
            }
            Ok(map) => {
                let name = map
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                match key
                    .as_ref()
                    .and_then(|k| existing.by_key.get(k))
                    .or_else(|| {
                        existing
                            .by_slug
                            .get(&crate::slug::slugify(&name))
                            .filter(|_| key.is_none())
                    }) {
                    Some(prev) => {
                        out.update(prev, map);
                        (RowStatus::Updated, prev.slug.clone())
                    }
                    None => {
                        let slug = unique_slug(&name, &row.district_name, &mut slugs);
                        out.add(slug.clone(), map);
                        (RowStatus::Imported, slug)
                    }
                }
            }
        };
        rows.push(RowReport {
            cell: at,
            status,
            slug,
            notes: row.guesses,
        });
    }
    let report = report_path(&opts.file);
    let files = if opts.dry_run {
        Vec::new()
    } else {
        out.write(&opts.root, &folder, list_file, &stem)?
    };
    write_report(&report, &rows)?;
    Ok(ImportReport {
        columns: column_lines,
        rows,
        report,
        files,
    })
}

fn describe(t: &Target) -> String {
    match t {
        Target::Field(k) => (*k).to_string(),
        Target::Products => "products (nama)".into(),
        Target::Price => "products (harga)".into(),
        Target::Unit => "products (satuan)".into(),
        Target::Certificate(c) => format!("certifications ({c})"),
        Target::Geo => "geo".into(),
        Target::Lat => "geo (lat)".into(),
        Target::Lon => "geo (lon)".into(),
        Target::Private(k) => format!("private.{k} (tidak diterbitkan)"),
        Target::Extra(k) => format!("extra.{k}"),
        Target::Skip => "tidak diimpor".into(),
    }
}

fn site_config(root: &Path) -> Result<Config, Message> {
    let path = root.join("site.yaml");
    let shown = path.display();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| msg!("{shown} tidak bisa dibaca: {e}", "cannot read {shown}: {e}"))?;
    let mut diags = Vec::new();
    match config::parse(&text, &mut diags) {
        Some(c)
            if diags
                .iter()
                .all(|d| d.severity() != crate::diagnostic::Severity::Error) =>
        {
            Ok(c)
        }
        _ => Err(msg!(
            "site.yaml bermasalah; jalankan `etalase check` dan perbaiki dulu",
            "site.yaml has problems; run `etalase check` and fix them first"
        )),
    }
}

#[derive(Default)]
struct MapFile {
    columns: Vec<(String, String)>,
    key: Option<String>,
}

fn read_map(path: Option<&Path>) -> Result<MapFile, Message> {
    let Some(path) = path else {
        return Ok(MapFile::default());
    };
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| msg!("{shown} tidak bisa dibaca: {e}", "cannot read {shown}: {e}"))?;
    let bad = || {
        msg!(
        "{shown} harus berisi `columns:` dengan baris `\"Judul Kolom\": kolom`, dan boleh `key: \"Judul Kolom\"`",
        "{shown} must hold `columns:` with `\"Column header\": field` lines, and may have `key: \"Column header\"`"
    )
    };
    let v: Value = serde_yaml::from_str(&text).map_err(|_| bad())?;
    let mut map = MapFile::default();
    if let Some(cols) = v.get("columns") {
        for (h, t) in cols.as_mapping().ok_or_else(bad)? {
            let (Some(h), Some(t)) = (scalar(h), scalar(t)) else {
                return Err(bad());
            };
            map.columns.push((h, t));
        }
    }
    map.key = v.get("key").and_then(scalar);
    Ok(map)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One row being turned into an entry.
struct Row<'c> {
    config: &'c Config,
    map: Mapping,
    products: Vec<String>,
    prices: Vec<(String, String)>,
    /// One unit for every product, or one per product like the names.
    units: Vec<String>,
    certs: Vec<(&'static str, Option<String>)>,
    lat: Option<(f64, String)>,
    lon: Option<(f64, String)>,
    private: Mapping,
    extra: Mapping,
    errors: Vec<String>,
    /// Required fields whose cell was rejected (reported already).
    failed: Vec<&'static str>,
    guesses: Vec<String>,
    district: Option<usize>,
    district_name: String,
    village: Option<(String, String)>,
}

impl<'c> Row<'c> {
    fn new(config: &'c Config) -> Row<'c> {
        Row {
            config,
            map: Mapping::new(),
            products: Vec::new(),
            prices: Vec::new(),
            units: Vec::new(),
            certs: Vec::new(),
            lat: None,
            lon: None,
            private: Mapping::new(),
            extra: Mapping::new(),
            errors: Vec::new(),
            failed: Vec::new(),
            guesses: Vec::new(),
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
    fn keep_unused(&mut self, key: &str, raw: &str, cell: &str, why: String) {
        self.private.insert(
            Value::String(format!("{key}_asli")),
            Value::String(raw.into()),
        );
        self.guesses.push(format!(
            "{cell}: {why}; nilainya disimpan di private.{key}_asli"
        ));
    }

    fn set(&mut self, c: &Column, v: &str, cell: &str) {
        match &c.target {
            Target::Skip => {}
            Target::Private(k) => {
                self.private
                    .insert(Value::String(k.clone()), Value::String(v.into()));
            }
            Target::Extra(k) => {
                self.extra
                    .insert(Value::String(k.clone()), Value::String(v.into()));
            }
            Target::Products => self.products.extend(clean::list(v)),
            Target::Price => self
                .prices
                .extend(clean::lines(v).into_iter().map(|p| (p, cell.to_string()))),
            Target::Unit => self.units.extend(clean::lines(v)),
            Target::Certificate(kind) => match clean::yes(v) {
                Some(true) => self.certs.push((kind, None)),
                Some(false) => {}
                // A number as written (`2063275010017-27`); a number cell
                // of a spreadsheet loses its `.0`.
                None => self.certs.push((
                    kind,
                    Some(match v.trim().parse::<f64>() {
                        Ok(_) => clean::digits(v.trim().trim_end_matches(".0")),
                        Err(_) => v.trim().to_string(),
                    }),
                )),
            },
            Target::Geo => match clean::geo(v) {
                Ok(((lat, lon), swapped)) => {
                    self.lat = Some((lat, cell.into()));
                    self.lon = Some((lon, cell.into()));
                    if swapped {
                        self.guesses.push(format!("{cell}: koordinat \"{v}\" tertulis bujur dulu; dibalik menjadi {lat}, {lon}"));
                    }
                }
                Err(why) => self.keep_unused("geo", v, cell, why),
            },
            Target::Lat => match clean::coordinate(v) {
                Some(x) => self.lat = Some((x, cell.into())),
                None => self.keep_unused("lat", v, cell, format!("\"{v}\" bukan angka lintang")),
            },
            Target::Lon => match clean::coordinate(v) {
                Some(x) => self.lon = Some((x, cell.into())),
                None => self.keep_unused("lon", v, cell, format!("\"{v}\" bukan angka bujur")),
            },
            Target::Field(key) => self.field(key, v, cell),
        }
    }

    fn field(&mut self, key: &'static str, v: &str, cell: &str) {
        let s = |t: &str| Value::String(t.to_string());
        match key {
            "phone" | "whatsapp" => match clean::phone(v) {
                Ok(p) => {
                    if p != v.trim() {
                        self.guesses
                            .push(format!("{cell}: nomor \"{v}\" ditulis {p}"));
                    }
                    self.put(key, s(&p));
                }
                Err(why) => self.keep_unused(key, v, cell, why),
            },
            "email" => match crate::values::email(v) {
                Ok(e) => self.put(key, s(&e)),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            "website" => match crate::values::web_url(v) {
                Ok(u) => self.put(key, s(&u)),
                Err(m) => self.keep_unused(key, v, cell, m.id),
            },
            "founded" => match clean::year(v) {
                Ok((y, rewritten)) => {
                    if rewritten {
                        self.guesses
                            .push(format!("{cell}: tahun berdiri diambil dari \"{v}\": {y}"));
                    }
                    self.put(key, Value::Number(y.into()));
                }
                Err(why) => self.keep_unused(key, v, cell, why),
            },
            "updated" | "verified" => match clean::date(v) {
                Ok((d, rewritten)) => {
                    if rewritten {
                        self.guesses
                            .push(format!("{cell}: tanggal \"{v}\" dibaca {d}"));
                    }
                    self.put(key, s(&d));
                }
                Err(why) => self.keep_unused(key, v, cell, why),
            },
            "scale" => match clean::scale(v) {
                Some(sc) => self.put(key, s(sc)),
                None => self.keep_unused(
                    key,
                    v,
                    cell,
                    format!("skala \"{v}\" bukan mikro, kecil atau menengah"),
                ),
            },
            "nib" => {
                let d = clean::digits(v);
                if d.len() == 13 {
                    self.put(key, s(&d));
                } else {
                    self.keep_unused(key, v, cell, format!("NIB \"{v}\" bukan 13 angka"));
                }
            }
            "kbli" => {
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
            "tags" => {
                let tags: Vec<Value> = v
                    .split([',', ';', '\n'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(s)
                    .collect();
                self.put(key, Value::Sequence(tags));
            }
            "members" => match clean::digits(v).parse::<u64>() {
                Ok(n) if !v.trim().is_empty() => self.put(key, Value::Number(n.into())),
                _ => self.keep_unused(key, v, cell, format!("jumlah anggota \"{v}\" bukan angka")),
            },
            "sharia" => match clean::yes(v) {
                Some(b) => self.put(key, Value::Bool(b)),
                None => self.keep_unused(key, v, cell, format!("\"{v}\" bukan ya atau tidak")),
            },
            "status" => {
                let l = v.to_lowercase();
                if l.contains("tutup") || l.contains("tidak aktif") || l.contains("nonaktif") {
                    self.put(key, s("tutup"));
                } else {
                    self.put(key, s("aktif"));
                }
            }
            "category" => match self.category(v) {
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
            "district" => match self.find_district(v) {
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
            "village" => self.village = Some((v.to_string(), cell.to_string())),
            _ => self.put(key, s(v)),
        }
    }

    fn category(&self, v: &str) -> Option<(String, bool)> {
        let key = places::match_key(v);
        let cats = &self.config.categories;
        if let Some(c) = cats
            .iter()
            .find(|c| c.slug == v.trim() || places::match_key(&c.name) == key)
        {
            return Some((c.slug.clone(), false));
        }
        let slug = crate::slug::slugify(v);
        if let Some(c) = cats.iter().find(|c| c.slug == slug) {
            return Some((c.slug.clone(), true));
        }
        let names: Vec<&str> = cats.iter().map(|c| c.name.as_str()).collect();
        let near = crate::diagnostic::nearest(v.trim(), names.iter().copied())?;
        cats.iter()
            .find(|c| c.name == near)
            .map(|c| (c.slug.clone(), true))
    }

    fn find_district(&self, v: &str) -> Option<(usize, bool)> {
        if let Some(i) = self.config.district(v) {
            return Some((i, false));
        }
        // Abbreviations staff write: "Bks Timur".
        let expanded = v
            .replace("Bks", "Bekasi")
            .replace("bks", "bekasi")
            .replace("BKS", "BEKASI");
        if let Some(i) = self.config.district(&expanded) {
            return Some((i, true));
        }
        let bare = places::bare_district_name(v);
        let names: Vec<&str> = self
            .config
            .districts
            .iter()
            .flat_map(|d| {
                std::iter::once(d.name.as_str()).chain(d.aliases.iter().map(String::as_str))
            })
            .collect();
        let near = crate::diagnostic::nearest(bare.trim(), names.iter().copied())?;
        self.config.district(near).map(|i| (i, true))
    }

    /// The entry, or why the row cannot be one.
    fn finish(&mut self) -> Result<Mapping, Vec<String>> {
        // A required field is missing when no cell gave it and no cell
        // was already rejected for it.
        for (key, label) in [
            ("name", "nama usaha"),
            ("category", "kategori"),
            ("district", "kecamatan"),
        ] {
            if !self.map.contains_key(key) && !self.failed.contains(&key) {
                self.errors.push(format!("{label} kosong"));
            }
        }
        if let (Some(i), Some((v, cell))) = (self.district, self.village.take()) {
            let d = &self.config.districts[i];
            match d.village(&v) {
                Some(name) => {
                    let name = name.to_string();
                    self.put("village", Value::String(name));
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
                            self.put("village", Value::String(n));
                        }
                        None => {
                            let dn = d.name.clone();
                            self.keep_unused(
                                "village",
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
                    g.insert("lat".into(), lat.into());
                    g.insert("lon".into(), lon.into());
                    self.put("geo", Value::Mapping(g));
                }
                None => self.keep_unused(
                    "geo",
                    &format!("{lat}, {lon}"),
                    &cell,
                    "titik di luar peta".into(),
                ),
            },
            (Some((lat, cell)), None) | (None, Some((lat, cell))) => self.keep_unused(
                "geo",
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
                p.insert("name".into(), Value::String(name));
                let price = self.prices.get(i).or(if self.prices.len() == 1 && i == 0 {
                    self.prices.first()
                } else {
                    None
                });
                if let Some((raw, cell)) = price.filter(|(raw, _)| !raw.is_empty()) {
                    match clean::price(raw) {
                        Some(v) => {
                            p.insert("price".into(), Value::Number(v.into()));
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
                if let Some(u) = unit.filter(|u| !u.is_empty()) {
                    p.insert("unit".into(), Value::String(u.clone()));
                }
                list.push(Value::Mapping(p));
            }
            self.put("products", Value::Sequence(list));
        }
        if !self.certs.is_empty() {
            let list = self
                .certs
                .iter()
                .map(|(k, n)| {
                    let mut c = Mapping::new();
                    c.insert("type".into(), Value::String((*k).into()));
                    if let Some(n) = n {
                        c.insert("number".into(), Value::String(n.clone()));
                    }
                    Value::Mapping(c)
                })
                .collect();
            self.put("certifications", Value::Sequence(list));
        }
        if !self.extra.is_empty() {
            let e = std::mem::take(&mut self.extra);
            self.put("extra", Value::Mapping(e));
        }
        if !self.private.is_empty() {
            let p = std::mem::take(&mut self.private);
            self.put("private", Value::Mapping(p));
        }
        Ok(std::mem::take(&mut self.map))
    }
}

/// A key's value as rows are matched on it: letters and digits, case
/// ignored, a number cell's `.0` dropped (`9120301234599.0` is the NIB
/// `9120301234599`).
fn key_of(v: &str) -> String {
    columns::header_key(v.trim().trim_end_matches(".0"))
}

fn unique_slug(
    name: &str,
    district: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let base = crate::slug::slugify(name);
    let base = if base.is_empty() {
        "entri".to_string()
    } else {
        base
    };
    let mut slug = base.clone();
    if taken.contains(&slug) {
        slug = format!("{base}-{}", crate::slug::slugify(district));
    }
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

/// An entry already in the folder, that a re-import updates.
#[derive(Clone)]
struct Prev {
    slug: String,
    /// The file, relative to the folder.
    file: String,
    /// Its place in a list file.
    position: Option<usize>,
}

#[derive(Default)]
struct Existing {
    slugs: std::collections::HashSet<String>,
    by_key: HashMap<String, Prev>,
    by_slug: HashMap<String, Prev>,
}

impl Existing {
    /// The entries of the folder's YAML files, by NIB (or the key's value)
    /// and by slug; every file name counts as a taken slug.
    fn read(dir: &Path, key_at: &(Option<&str>, String)) -> Result<Existing, Message> {
        let mut e = Existing::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(e);
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Some(stem) = p.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if !matches!(ext, "yaml" | "yml" | "md") {
                continue;
            }
            e.slugs.insert(stem.clone());
            if ext == "md" {
                continue;
            }
            let file = p
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let Ok(v) = serde_yaml::from_str::<Value>(&text) else {
                continue;
            };
            let items: Vec<(Option<usize>, Mapping)> = match v {
                Value::Mapping(m) => vec![(None, m)],
                Value::Sequence(s) => s
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, x)| match x {
                        Value::Mapping(m) => Some((Some(i), m)),
                        _ => None,
                    })
                    .collect(),
                _ => continue,
            };
            for (position, map) in items {
                let name = map.get("name").and_then(Value::as_str).unwrap_or_default();
                let slug = map
                    .get("slug")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| {
                        if position.is_some() {
                            crate::slug::slugify(name)
                        } else {
                            stem.clone()
                        }
                    });
                e.slugs.insert(slug.clone());
                let prev = Prev {
                    slug: slug.clone(),
                    file: file.clone(),
                    position,
                };
                let value = match key_at {
                    (None, k) => map.get(k.as_str()),
                    (Some(section), k) => map.get(*section).and_then(|m| m.get(k.as_str())),
                };
                if let Some(v) = value.and_then(scalar) {
                    e.by_key.insert(key_of(&v), prev.clone());
                }
                e.by_slug.insert(slug, prev);
            }
        }
        Ok(e)
    }
}

#[derive(Default)]
struct Output {
    new: Vec<(String, Mapping)>,
    updates: Vec<(Prev, Mapping)>,
}

impl Output {
    fn add(&mut self, slug: String, map: Mapping) {
        self.new.push((slug, map));
    }

    fn update(&mut self, prev: &Prev, map: Mapping) {
        self.updates.push((prev.clone(), map));
    }

    /// Writes the new and updated entries; returns the site paths written.
    fn write(
        &self,
        root: &Path,
        folder: &str,
        list: bool,
        stem: &str,
    ) -> Result<Vec<String>, Message> {
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let mut written = Vec::new();
        // Files to rewrite: the updated ones, with their entries merged.
        let mut files: std::collections::BTreeMap<String, Value> = Default::default();
        for (prev, map) in &self.updates {
            let path = dir.join(&prev.file);
            let doc = files.entry(prev.file.clone()).or_insert_with(|| {
                std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| serde_yaml::from_str(&t).ok())
                    .unwrap_or(Value::Null)
            });
            let target = match (doc, prev.position) {
                (Value::Sequence(s), Some(i)) => s.get_mut(i).and_then(Value::as_mapping_mut),
                (Value::Mapping(m), None) => Some(m),
                _ => None,
            };
            if let Some(t) = target {
                merge(t, map);
            }
        }
        if list {
            let file = format!("{stem}.yaml");
            let doc = files.entry(file.clone()).or_insert_with(|| {
                std::fs::read_to_string(dir.join(&file))
                    .ok()
                    .and_then(|t| serde_yaml::from_str(&t).ok())
                    .unwrap_or(Value::Sequence(Vec::new()))
            });
            if let Value::Sequence(s) = doc {
                for (slug, map) in &self.new {
                    let mut m = map.clone();
                    if crate::slug::slugify(
                        m.get("name").and_then(Value::as_str).unwrap_or_default(),
                    ) != *slug
                    {
                        m.insert("slug".into(), Value::String(slug.clone()));
                    }
                    s.push(Value::Mapping(m));
                }
            }
        } else {
            for (slug, map) in &self.new {
                files.insert(format!("{slug}.yaml"), Value::Mapping(map.clone()));
            }
        }
        for (file, doc) in files {
            let path = dir.join(&file);
            let text =
                serde_yaml::to_string(&doc).map_err(|e| msg!("{file}: {e}", "{file}: {e}"))?;
            let tmp = dir.join(format!(".{file}.baru"));
            std::fs::write(&tmp, text).map_err(|e| io_error(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, e))?;
            written.push(format!("{folder}/{file}"));
        }
        Ok(written)
    }
}

/// The sheet's values over an entry's: what the sheet does not carry
/// (description, photos, private notes) stays.
fn merge(into: &mut Mapping, from: &Mapping) {
    for (k, v) in from {
        match (into.get_mut(k), v) {
            (Some(Value::Mapping(a)), Value::Mapping(b)) if k == "private" || k == "extra" => {
                merge(a, b)
            }
            // A sheet carries a product's name, price and unit: its
            // picture, description and halal mark stay with the product
            // of the same name.
            (Some(Value::Sequence(old)), Value::Sequence(new)) if k == "products" => {
                let name = |p: &Value| p.get("name").and_then(Value::as_str).map(str::to_string);
                let merged = new
                    .iter()
                    .map(|p| {
                        let before = old.iter().find(|o| name(o).is_some() && name(o) == name(p));
                        match (before, p) {
                            (Some(Value::Mapping(o)), Value::Mapping(n)) => {
                                let mut m = o.clone();
                                for key in ["price", "unit"] {
                                    m.remove(key);
                                }
                                merge(&mut m, n);
                                Value::Mapping(m)
                            }
                            _ => p.clone(),
                        }
                    })
                    .collect();
                into.insert(k.clone(), Value::Sequence(merged));
            }
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Message {
    let shown = path.display();
    msg!(
        "{shown} tidak bisa ditulis: {e}",
        "cannot write {shown}: {e}"
    )
}

/// `data-umkm` of `.../data-umkm.csv`: it names the list file and the report.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `data-umkm.csv` -> `data-umkm.laporan.csv`, beside it.
fn report_path(input: &Path) -> PathBuf {
    let stem = file_stem(input);
    input.with_file_name(format!("{stem}.laporan.csv"))
}

/// The report as CSV for Excel: UTF-8 with BOM, CRLF, `;`-free quoting.
fn write_report(path: &Path, rows: &[RowReport]) -> Result<(), Message> {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("\u{feff}sel,status,slug,keterangan\r\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            q(&r.cell),
            q(r.status.label()),
            q(&r.slug),
            q(&r.notes.join("; "))
        ));
    }
    std::fs::write(path, out).map_err(|e| io_error(path, e))
}
