//! site.yaml: the site's configuration, read into `Config`.

use crate::diagnostic::{Code, Diagnostic};
use crate::message::Message;
use crate::places::{self, match_key};
use crate::schema::{
    CategoryKey, DistrictKey, ImagesKey, LicenseKey, SiteKey, TilesKey, VillageKey, CATEGORY,
    DISTRICT, IMAGES, LICENSE, SITE, TILES, VILLAGE,
};
use crate::slug;
use crate::source::{describe, Doc, Source};
use crate::yaml::{self, Value};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct District {
    pub slug: String,
    pub name: String,
    pub code: Option<String>,
    /// Other spellings, as site.yaml lists them (matching and search).
    pub aliases: Vec<String>,
    pub villages: Vec<String>,
    /// Each village's Kemendagri code and postal code, when site.yaml
    /// gives them (`{name, code, postal_code}`).
    pub village_codes: Vec<Option<String>>,
    pub village_postal_codes: Vec<Option<String>>,
    /// Each village's slug, for its listing page under its district's:
    /// unique within the district, never the later pages' `halaman`.
    pub village_slugs: Vec<String>,
    /// Normalised village name -> index in `villages`.
    village_keys: HashMap<String, usize>,
}

impl District {
    /// The canonical name of a village, matched ignoring case and spaces.
    /// The village named `name`, with or without `Kel.`, `Kelurahan`,
    /// `Desa` or `Ds.` before it.
    pub(crate) fn village(&self, name: &str) -> Option<&str> {
        self.village_index(name).map(|i| self.villages[i].as_str())
    }

    /// The index in `villages` of the village named `name`, matched as
    /// `village` matches it.
    pub(crate) fn village_index(&self, name: &str) -> Option<usize> {
        let find = |n: &str| self.village_keys.get(&match_key(n)).copied();
        find(name).or_else(|| find(places::bare_village_name(name)))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub title: String,
    pub description: String,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`: `/` or `/sub/`.
    pub base_path: String,
    /// What the site's clocks read: the build's day, open now, event times.
    pub timezone: crate::clock::TimeZone,
    pub language: String,
    /// The default language first.
    pub languages: Vec<String>,
    pub theme: String,
    /// Where `theme` is written in site.yaml, for messages.
    pub theme_pos: Option<crate::diagnostic::Pos>,
    pub paginate: usize,
    pub categories: Vec<Category>,
    pub districts: Vec<District>,
    /// The kota or kabupaten and its province (structured data, open
    /// data); from the district codes when site.yaml leaves them out.
    pub city: Option<String>,
    pub province: Option<String>,
    /// The licence of the open data under /data/.
    pub data_license: License,
    /// The map tiles of /peta/ and the small maps of entries.
    pub tiles: Tiles,
    /// The limits on pictures (`images`).
    pub images: crate::pictures::Limits,
    /// Category slug -> schema.org type of its businesses (structured data).
    pub business_types: HashMap<String, String>,
    pub extra: Value,
    district_keys: HashMap<String, usize>,
    category_keys: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct License {
    pub name: String,
    pub url: Option<String>,
}

impl Default for License {
    fn default() -> License {
        License {
            name: "CC BY 4.0".into(),
            url: Some("https://creativecommons.org/licenses/by/4.0/".into()),
        }
    }
}

/// Licences staff name by their short name, with their address.
const LICENSES: &[(&str, &str)] = &[
    ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    (
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    (
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    ("PDDL 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
];

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Tiles {
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`
    pub url: String,
    pub attribution: String,
    pub attribution_url: Option<String>,
    pub max_zoom: u8,
}

impl Default for Tiles {
    fn default() -> Tiles {
        Tiles {
            url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap".into(),
            attribution_url: Some("https://www.openstreetmap.org/copyright".into()),
            max_zoom: 19,
        }
    }
}

impl Config {
    /// A district by name or alias, ignoring case and spaces.
    /// The district named `name`, by name or alias, with or without the
    /// word staff often put before it (`Kec. Bekasi Timur`, `Kecamatan
    /// Bekasi Timur`).
    pub(crate) fn district(&self, name: &str) -> Option<usize> {
        let find = |n: &str| self.district_keys.get(&match_key(n)).copied();
        find(name).or_else(|| find(places::bare_district_name(name)))
    }

    pub(crate) fn category(&self, slug: &str) -> Option<usize> {
        self.category_keys.get(slug).copied()
    }

    /// Replaces the base URL (the `--base-url` option).
    pub(crate) fn set_base_url(&mut self, url: &str) -> Result<(), Message> {
        let (base, path) = parse_base_url(url)?;
        self.base_url = base;
        self.base_path = path;
        Ok(())
    }
}

/// Validates an absolute http(s) URL and splits off its path, both ending in `/`.
pub(crate) fn parse_base_url(url: &str) -> Result<(String, String), Message> {
    let url = url.trim();
    // The scheme and host are case-insensitive: they are written in lowercase.
    let scheme_len = if url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
    {
        8
    } else if url
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
    {
        7
    } else {
        return Err(msg!(
            "base_url harus diawali http:// atau https://, tertulis \"{url}\"",
            "base_url must start with http:// or https://, found \"{url}\""
        ));
    };
    let rest = &url[scheme_len..];
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    let path_ok = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
        && !path.contains("//")
        && !path.split('/').any(|s| s == ".." || s == ".");
    if !host_ok || !path_ok {
        return Err(msg!(
            "base_url bukan alamat situs yang benar: \"{url}\"",
            "base_url is not a valid site address: \"{url}\""
        ));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = if scheme_len == 8 { "https" } else { "http" };
    let host = host.to_ascii_lowercase();
    Ok((format!("{scheme}://{host}{path}"), path))
}

/// Reads site.yaml's text. Problems go to `diags`; `None` when the file
/// cannot be used at all.
pub(crate) fn parse(text: &str, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let source = Source::new("site.yaml".into(), text.to_string(), 1);
    let value = match yaml::parse(text, 0) {
        Ok(v) => v,
        Err(e) => {
            diags.push(Diagnostic::at(e.code, "site.yaml", e.pos, e.message));
            return None;
        }
    };
    let mut doc = Doc::whole(&source);
    // An empty file: every required setting is reported missing below.
    let value = match value {
        Value::Null => Value::Mapping(Default::default()),
        v => v,
    };
    let Value::Mapping(map) = &value else {
        doc.bad_entry(
            Code::SiteConfig,
            msg!(
                "site.yaml harus berisi baris `pengaturan: nilai`, misalnya `title: ...`",
                "site.yaml must be `setting: value` lines, such as `title: ...`"
            ),
        );
        diags.append(&mut doc.diags);
        return None;
    };
    let mut c = Config {
        title: String::new(),
        description: String::new(),
        base_url: String::new(),
        base_path: "/".into(),
        timezone: Default::default(),
        language: "id".into(),
        languages: Vec::new(),
        theme: "default".into(),
        theme_pos: None,
        paginate: 24,
        categories: Vec::new(),
        districts: Vec::new(),
        city: None,
        province: None,
        data_license: License::default(),
        tiles: Tiles::default(),
        images: crate::pictures::Limits::default(),
        business_types: HashMap::new(),
        extra: Value::Mapping(Default::default()),
        district_keys: HashMap::new(),
        category_keys: HashMap::new(),
    };
    let mut has_base = false;
    let mut types = None;
    for (field, key, v) in doc.fields("", map, SITE) {
        match field {
            SiteKey::Title => c.title = doc.required_text(key, v).unwrap_or_default(),
            SiteKey::Description => c.description = doc.text(key, v).unwrap_or_default(),
            SiteKey::BaseUrl => {
                if let Some(url) = doc.required_text(key, v) {
                    match parse_base_url(&url) {
                        Ok((base, path)) => {
                            c.base_url = base;
                            c.base_path = path;
                            has_base = true;
                        }
                        Err(e) => {
                            doc.bad(key, Code::SiteConfig, e);
                            has_base = true; // reported: not missing
                        }
                    }
                } else {
                    has_base = true; // already reported as empty
                }
            }
            SiteKey::Timezone => {
                if let Some(name) = doc.required_text(key, v) {
                    match crate::clock::TimeZone::parse(&name) {
                        Some(tz) => c.timezone = tz,
                        None => {
                            let choices = crate::clock::ZONES
                                .iter()
                                .map(|z| format!("{} ({})", z.name, z.abbr))
                                .collect::<Vec<_>>()
                                .join(", ");
                            doc.bad(key, Code::SiteConfig, msg!(
                                "timezone \"{name}\" bukan zona waktu Indonesia; pilih salah satu: {choices}",
                                "timezone \"{name}\" is not an Indonesian time zone; choose one of: {choices}"
                            ));
                        }
                    }
                }
            }
            SiteKey::Language => {
                if let Some(l) = language(&mut doc, key, v) {
                    c.language = l;
                }
            }
            SiteKey::Languages => {
                let items: Vec<Value> = doc.list(key, v).into_iter().cloned().collect();
                for (i, item) in items.iter().enumerate() {
                    if let Some(l) = language(&mut doc, &format!("languages.{i}"), item) {
                        c.languages.push(l);
                    }
                }
            }
            SiteKey::Theme => {
                if let Some(t) = doc.required_text(key, v) {
                    if slug::is_valid(&t) {
                        c.theme = t;
                        c.theme_pos = Some(doc.value_pos(key));
                    } else {
                        doc.bad(key, Code::SiteConfig, msg!("theme harus nama folder di themes/ dengan huruf kecil, angka dan tanda hubung, tertulis \"{t}\"", "theme must be a folder name under themes/ in lowercase letters, digits and hyphens, found \"{t}\""));
                    }
                }
            }
            SiteKey::Paginate => {
                if let Some(n) = doc.int(key, v, 1, 1000) {
                    c.paginate = n as usize;
                }
            }
            SiteKey::Categories => categories(&mut doc, &mut c, v),
            SiteKey::Districts => districts(&mut doc, &mut c, v),
            SiteKey::City => c.city = doc.text(key, v),
            SiteKey::Province => c.province = doc.text(key, v),
            SiteKey::DataLicense => {
                if let Some(l) = license(&mut doc, key, v) {
                    c.data_license = l;
                }
            }
            SiteKey::Tiles => tiles(&mut doc, &mut c.tiles, v),
            SiteKey::Images => images(&mut doc, &mut c.images, v),
            // Read once every category is known, wherever it is written.
            SiteKey::BusinessTypes => types = Some(v.clone()),
            SiteKey::Extra => {
                if doc.mapping(key, v).is_some() {
                    c.extra = v.clone();
                }
            }
        }
    }
    if let Some(v) = types {
        business_types(&mut doc, &mut c, &v);
    }
    if c.title.is_empty() && !map.contains_key("title") {
        doc.bad_entry(
            Code::MissingField,
            msg!(
                "kolom wajib `title` tidak ada",
                "missing required field `title`"
            ),
        );
    }
    if !has_base {
        doc.bad_entry(
            Code::MissingField,
            msg!(
                "kolom wajib `base_url` tidak ada",
                "missing required field `base_url`"
            ),
        );
    }
    // The default language comes first; a repeat is dropped. Without a
    // `language`, the first of `languages` is the default.
    if !map.contains_key("language") {
        if let Some(first) = c.languages.first() {
            c.language = first.clone();
        }
    }
    let mut langs = vec![c.language.clone()];
    for l in std::mem::take(&mut c.languages) {
        if !langs.contains(&l) {
            langs.push(l);
        }
    }
    c.languages = langs;
    if c.city.is_none() || c.province.is_none() {
        let code = c.districts.iter().find_map(|d| d.code.clone());
        if let Some((city, province)) = code.and_then(|code| places::region::regency_of(&code)) {
            c.city.get_or_insert(city);
            c.province.get_or_insert(province);
        }
    }
    // Satu Data identifies a region by its Kemendagri code.
    let without: Vec<&str> = c
        .districts
        .iter()
        .filter(|d| d.code.is_none())
        .map(|d| d.name.as_str())
        .collect();
    if !without.is_empty() {
        let (n, names) = (without.len(), without.join(", "));
        doc.diags.push(Diagnostic::file(
            Code::MissingRegionCodes,
            "site.yaml",
            msg!(
                "{n} kecamatan tanpa kode wilayah Kemendagri (`code`): {names}; berkas Satu Data di /data/ terbit dengan `kode_wilayah` kosong untuknya",
                "{n} kecamatan without a Kemendagri region code (`code`): {names}; the Satu Data files under /data/ go out with an empty `kode_wilayah` for them"
            ),
        ));
    }
    diags.append(&mut doc.diags);
    Some(c)
}

fn web_url(doc: &mut Doc, path: &str, v: &Value) -> Option<String> {
    let url = doc.text(path, v)?;
    match crate::values::web_url(&url) {
        Ok(u) => Some(u),
        Err(m) => {
            doc.bad(path, Code::SiteConfig, m);
            None
        }
    }
}

/// `data_license: CC BY 4.0` or `{name, url}`.
fn license(doc: &mut Doc, key: &str, v: &Value) -> Option<License> {
    if let Value::Mapping(m) = v {
        let mut l = License {
            name: String::new(),
            url: None,
        };
        for (field, k, v) in doc.fields(key, m, LICENSE) {
            let p = format!("{key}.{k}");
            match field {
                LicenseKey::Name => l.name = doc.required_text(&p, v).unwrap_or_default(),
                LicenseKey::Url => l.url = web_url(doc, &p, v),
            }
        }
        if l.name.is_empty() {
            if !m.contains_key("name") {
                doc.bad_key(
                    key,
                    Code::MissingField,
                    msg!("data_license perlu `name`", "data_license needs a `name`"),
                );
            }
            return None;
        }
        return Some(l);
    }
    let name = doc.required_text(key, v)?;
    let url = LICENSES
        .iter()
        .find(|(n, _)| match_key(n) == match_key(&name))
        .map(|(_, u)| u.to_string());
    Some(License { name, url })
}

fn tiles(doc: &mut Doc, t: &mut Tiles, v: &Value) {
    let Some(m) = doc.mapping("tiles", v) else {
        return;
    };
    for (field, k, v) in doc.fields("tiles", m, TILES) {
        let p = format!("tiles.{k}");
        match field {
            TilesKey::Url => {
                let Some(url) = web_url(doc, &p, v) else {
                    continue;
                };
                if ["{z}", "{x}", "{y}"].iter().all(|s| url.contains(s)) {
                    t.url = url;
                } else {
                    doc.bad(&p, Code::SiteConfig, msg!(
                        "alamat ubin peta harus memuat {{z}}, {{x}} dan {{y}}, misalnya https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png",
                        "the tile address must hold {{z}}, {{x}} and {{y}}, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png"
                    ));
                }
            }
            TilesKey::Attribution => {
                if let Some(a) = doc.required_text(&p, v) {
                    t.attribution = a;
                    t.attribution_url = None;
                }
            }
            TilesKey::AttributionUrl => t.attribution_url = web_url(doc, &p, v),
            TilesKey::MaxZoom => {
                if let Some(z) = doc.int(&p, v, 1, 22) {
                    t.max_zoom = z as u8;
                }
            }
        }
    }
}

/// `images: {max_mb: 20, max_megapixels: 50, full_size: false}`: the
/// largest picture file, the most pixels a picture may have, and whether
/// a picture is published at its own size too.
fn images(doc: &mut Doc, l: &mut crate::pictures::Limits, v: &Value) {
    let Some(m) = doc.mapping("images", v) else {
        return;
    };
    for (field, k, v) in doc.fields("images", m, IMAGES) {
        let p = format!("images.{k}");
        match field {
            ImagesKey::MaxMb => {
                if let Some(n) = doc.int(&p, v, 1, 200) {
                    l.max_bytes = n as u64 * 1024 * 1024;
                }
            }
            ImagesKey::MaxMegapixels => {
                if let Some(n) = doc.int(&p, v, 1, 400) {
                    l.max_pixels = n as u64 * 1_000_000;
                }
            }
            ImagesKey::FullSize => {
                if let Some(b) = doc.bool(&p, v) {
                    l.full_size = b;
                }
            }
        }
    }
}

/// `business_types: {kuliner: Restaurant}`: a schema.org type of local
/// business per category.
fn business_types(doc: &mut Doc, c: &mut Config, v: &Value) {
    let Some(m) = doc.mapping("business_types", v) else {
        return;
    };
    for (k, v) in m {
        let Some(slug) = k.as_str() else { continue };
        let p = format!("business_types.{slug}");
        let Some(ty) = doc.required_text(&p, v) else {
            continue;
        };
        if !c.category_keys.contains_key(slug) {
            doc.bad_key(
                &p,
                Code::SiteConfig,
                msg!(
                    "`{slug}` bukan kategori di `categories`",
                    "`{slug}` is not a category of `categories`"
                ),
            );
        } else if !crate::schemaorg::is_business_type(&ty) {
            doc.bad(&p, Code::SiteConfig, msg!(
                "\"{ty}\" bukan jenis LocalBusiness schema.org (misalnya Restaurant, Store, ClothingStore)",
                "\"{ty}\" is not a schema.org type of LocalBusiness (such as Restaurant, Store, ClothingStore)"
            ));
        } else {
            c.business_types.insert(slug.to_string(), ty);
        }
    }
}

fn language(doc: &mut Doc, path: &str, v: &Value) -> Option<String> {
    let code = doc.required_text(path, v)?;
    let ok = (2..=3).contains(&code.split('-').next().unwrap_or("").len())
        && code.len() <= 8
        && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    if ok && crate::paths::TOP_LEVEL.contains(&code.as_str()) {
        // A second language's pages go under /CODE/: not over a folder the
        // site writes itself.
        doc.bad(
            path,
            Code::SiteConfig,
            msg!(
                "kode bahasa `{code}` sama dengan folder yang dipakai situs sendiri (/{code}/); pakai kode bahasa lain",
                "the language code `{code}` is a folder the site uses itself (/{code}/); use another code"
            ),
        );
        None
    } else if ok {
        Some(code)
    } else {
        doc.bad(path, Code::SiteConfig, {
            let d = describe(v);
            msg!("bahasa ditulis dengan kodenya, misalnya `id` atau `en`, tertulis {}", d.id;
                    "a language is a code such as `id` or `en`, found {}", d.en)
        });
        None
    }
}

fn categories(doc: &mut Doc, c: &mut Config, v: &Value) {
    let items: Vec<Value> = doc.list("categories", v).into_iter().cloned().collect();
    for (i, item) in items.iter().enumerate() {
        let path = format!("categories.{i}");
        let (slug, name) = match item {
            Value::Mapping(m) => {
                let mut slug = None;
                let mut name = None;
                for (field, k, v) in doc.fields(&path, m, CATEGORY) {
                    let p = format!("{path}.{k}");
                    match field {
                        CategoryKey::Slug => slug = doc.required_text(&p, v),
                        CategoryKey::Name => name = doc.required_text(&p, v),
                    }
                }
                if slug.is_none() && !m.contains_key("slug") {
                    doc.bad_key(
                        &path,
                        Code::MissingField,
                        msg!("kategori perlu `slug`", "a category needs a `slug`"),
                    );
                }
                (slug, name)
            }
            other => (
                doc.required_text(&path, other).map(|s| slug::slugify(&s)),
                doc.text(&path, other),
            ),
        };
        let Some(slug) = slug else { continue };
        let at = format!("{path}.slug");
        if !slug::is_valid(&slug) {
            let better = slug::slugify(&slug);
            doc.bad(&at, Code::SiteConfig, msg!("slug kategori \"{slug}\" harus huruf kecil, angka dan satu tanda hubung di antaranya (misalnya \"{better}\")", "category slug \"{slug}\" must be lowercase letters, digits and single hyphens (e.g. \"{better}\")"));
            continue;
        }
        if c.category_keys.contains_key(&slug) {
            doc.bad(
                &at,
                Code::SiteConfig,
                msg!(
                    "kategori `{slug}` tertulis dua kali",
                    "category `{slug}` is listed twice"
                ),
            );
            continue;
        }
        c.category_keys.insert(slug.clone(), c.categories.len());
        let name = name.unwrap_or_else(|| slug.clone());
        c.categories.push(Category { slug, name });
    }
}

fn districts(doc: &mut Doc, c: &mut Config, v: &Value) {
    let items: Vec<Value> = doc.list("districts", v).into_iter().cloned().collect();
    for (i, item) in items.iter().enumerate() {
        let path = format!("districts.{i}");
        let Some(m) = doc.mapping(&path, item) else {
            continue;
        };
        let mut d = District {
            slug: String::new(),
            name: String::new(),
            code: None,
            aliases: Vec::new(),
            villages: Vec::new(),
            village_codes: Vec::new(),
            village_postal_codes: Vec::new(),
            village_slugs: Vec::new(),
            village_keys: HashMap::new(),
        };
        let mut aliases = Vec::new();
        for (field, k, v) in doc.fields(&path, m, DISTRICT) {
            let p = format!("{path}.{k}");
            match field {
                DistrictKey::Name => d.name = doc.required_text(&p, v).unwrap_or_default(),
                DistrictKey::Code => d.code = doc.text(&p, v),
                DistrictKey::Aliases => aliases = doc.texts(&p, v),
                DistrictKey::Villages => {
                    let items: Vec<Value> = doc.list(&p, v).into_iter().cloned().collect();
                    for (j, item) in items.iter().enumerate() {
                        let vp = format!("{p}.{j}");
                        let (mut code, mut postal) = (None, None);
                        let village = match item {
                            Value::Mapping(vm) => {
                                let mut name = None;
                                for (field, vk, vv) in doc.fields(&vp, vm, VILLAGE) {
                                    let q = format!("{vp}.{vk}");
                                    match field {
                                        VillageKey::Name => name = doc.required_text(&q, vv),
                                        VillageKey::Code => code = doc.text(&q, vv),
                                        VillageKey::PostalCode => postal = doc.text(&q, vv),
                                    }
                                }
                                if name.is_none() && !vm.contains_key("name") {
                                    doc.bad_key(
                                        &vp,
                                        Code::MissingField,
                                        msg!("kelurahan perlu `name`", "a village needs a `name`"),
                                    );
                                }
                                name
                            }
                            other => doc.text(&vp, other).filter(|t| !t.is_empty()),
                        };
                        let Some(village) = village else { continue };
                        let key = match_key(&village);
                        if d.village_keys.contains_key(&key) {
                            doc.bad(
                                &format!("{p}.{j}"),
                                Code::SiteConfig,
                                msg!(
                                    "kelurahan \"{village}\" tertulis dua kali",
                                    "village \"{village}\" is listed twice"
                                ),
                            );
                            continue;
                        }
                        d.village_keys.insert(key, d.villages.len());
                        let mut slug = crate::slug::slugify(&village);
                        if slug.is_empty() || slug == crate::paths::PAGED {
                            slug = format!("kel-{slug}").trim_end_matches('-').to_string();
                        }
                        let base = slug.clone();
                        let mut n = 2;
                        while d.village_slugs.contains(&slug) {
                            slug = format!("{base}-{n}");
                            n += 1;
                        }
                        d.village_slugs.push(slug);
                        d.villages.push(village);
                        d.village_codes.push(code);
                        d.village_postal_codes.push(postal);
                    }
                }
            }
        }
        if d.name.is_empty() {
            if !m.contains_key("name") {
                doc.bad_key(
                    &path,
                    Code::MissingField,
                    msg!("kecamatan perlu `name`", "a district needs a `name`"),
                );
            }
            continue;
        }
        d.slug = slug::slugify(&d.name);
        if d.slug.is_empty() {
            doc.bad(
                &format!("{path}.name"),
                Code::SiteConfig,
                msg!(
                    "nama kecamatan perlu huruf atau angka",
                    "a district name needs letters or digits"
                ),
            );
            continue;
        }
        // The district's names are registered only once it is accepted, so
        // a lookup never leads to a district that was left out.
        let mut keys: Vec<String> = Vec::new();
        let mut name_taken = false;
        d.aliases = aliases.clone();
        for (j, name) in std::iter::once(d.name.clone()).chain(aliases).enumerate() {
            let key = match_key(&name);
            if let Some(&other) = c.district_keys.get(&key) {
                name_taken |= j == 0;
                let at = if j == 0 {
                    format!("{path}.name")
                } else {
                    format!("{path}.aliases.{}", j - 1)
                };
                doc.bad(&at, Code::SiteConfig, {
                    let o = &c.districts[other].name;
                    msg!(
                        "\"{name}\" sudah menjadi nama kecamatan \"{o}\"",
                        "\"{name}\" already names district \"{o}\""
                    )
                });
                continue;
            }
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if name_taken {
            continue;
        }
        if c.districts.iter().any(|o| o.slug == d.slug) {
            doc.bad(&format!("{path}.name"), Code::SiteConfig, {
                let n = &d.name;
                msg!(
                    "kecamatan \"{n}\" menghasilkan alamat web yang sama dengan kecamatan lain",
                    "district \"{n}\" gives the same address as another district"
                )
            });
            continue;
        }
        let index = c.districts.len();
        for key in keys {
            c.district_keys.insert(key, index);
        }
        c.districts.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> (Option<Config>, Vec<String>) {
        let mut diags = Vec::new();
        let c = parse(text, &mut diags);
        (c, diags.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_a_site() {
        let (c, d) = parse_ok("title: T\nbase_url: https://x.example/sub\nlanguages: [id, en]\ndistricts:\n  - name: Medansatria\n    code: \"32.75.06\"\n    aliases: [Medan Sat.]\n    villages: [Harapanmulya]\ncategories:\n  - {slug: kuliner, name: Kuliner}\n");
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.base_url, "https://x.example/sub/");
        assert_eq!(c.base_path, "/sub/");
        assert_eq!(c.languages, ["id", "en"]);
        assert_eq!(c.district("medan satria"), Some(0));
        assert_eq!(c.district("Medan Sat."), Some(0));
        assert_eq!(
            c.districts[0].village("harapan mulya"),
            Some("Harapanmulya")
        );
        assert_eq!(c.category("kuliner"), Some(0));
    }

    #[test]
    fn reports_missing_and_unknown() {
        let (_, mut d) = parse_ok("titel: T\n");
        d.sort();
        assert_eq!(
            d,
            [
                "site.yaml:1:1: missing required field `base_url` [E0201]",
                "site.yaml:1:1: missing required field `title` [E0201]",
                "site.yaml:1:1: unknown field `titel`: did you mean `title`? [E0203]",
            ]
        );
    }

    #[test]
    fn refuses_bad_base_urls() {
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("https://x/../y").is_err());
        assert!(parse_base_url("javascript:alert(1)").is_err());
        assert!(parse_base_url("https://x/%2e%2e/").is_err());
        assert_eq!(
            parse_base_url("HTTPS://X.Example/Sub").unwrap().0,
            "https://x.example/Sub/"
        );
    }
}
