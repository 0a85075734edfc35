//! A re-import: the entries already in the folder, found by the key
//! column or the slug, and the sheet's values merged over theirs; new
//! entries and updated files written whole.

use super::columns;
use super::mapfile::scalar;
use crate::load::{self, Form};
use crate::message::Message;
use crate::schema::{EntryField, ProductField};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// A key's value as rows are matched on it: letters and digits, case
/// ignored, a number cell's `.0` dropped (`9120301234599.0` is the NIB
/// `9120301234599`).
pub(super) fn key_of(v: &str) -> String {
    columns::header_key(v.trim().trim_end_matches(".0"))
}

pub(super) fn unique_slug(
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

/// An entry already in the site, that a re-import may update.
#[derive(Clone)]
pub(super) struct Prev {
    pub(super) slug: String,
    /// The file, relative to the site.
    file: String,
    /// Its place in a list file.
    position: Option<usize>,
    /// Written by hand in Markdown: import does not rewrite it.
    pub(super) markdown: bool,
    /// The key column's value (`key_of`).
    key: Option<String>,
    /// Its name, kecamatan and kelurahan, compared as places are.
    name: String,
    pub(super) district: Option<usize>,
    pub(super) village: String,
}

/// What `Existing::by` indexes entries by.
const SLUG: u8 = 0;
const FILE: u8 = 1;
const KEY: u8 = 2;
const PLACE: u8 = 3;

/// A name in its kecamatan and kelurahan, as one key.
fn place_key(name: &str, district: Option<usize>, village: &str) -> String {
    let d = district.map_or(String::from("-"), |d| d.to_string());
    format!("{name}\u{1}{d}\u{1}{village}")
}

/// What a row of the sheet is, among the entries already there.
pub(super) enum Match {
    New,
    One(usize),
    /// Fits more than one entry: a conflict, nothing written for it.
    Many(Vec<usize>),
}

#[derive(Default)]
pub(super) struct Existing {
    /// Every slug of the kind, in any folder, and every file name.
    pub(super) slugs: std::collections::HashSet<String>,
    pub(super) entries: Vec<Prev>,
    /// The entries by what a row is matched by, so a sheet of 10,000 rows
    /// is matched in one pass: slug, file, key, name in its place.
    by: std::collections::HashMap<(u8, String), Vec<usize>>,
}

impl Existing {
    /// Every entry of `kind` in the site, hand-written or imported, in its
    /// own file or a list, found and read as the pipeline's discover stage
    /// finds and reads them: inside the site only, in every sub-folder, a
    /// byte-order mark dropped. A file of the kind that does not read
    /// stops the import, named: its entries could not be matched, so rows
    /// for them would be written again as new ones.
    pub(super) fn read(
        files: &[load::InputFile],
        config: &crate::config::Config,
        kind: crate::model::Kind,
        key_at: &(Option<&str>, String),
    ) -> Result<Existing, Message> {
        let mut e = Existing::default();
        let mut unread = Vec::new();
        for f in files {
            if f.kind != kind {
                continue;
            }
            let stem = f.stem().to_string();
            e.slugs.insert(stem.clone());
            let markdown = f.form == Form::Markdown;
            let v = match fields_of(f) {
                Ok(v) => v,
                Err(why) => {
                    unread.push(format!("{}: {why}", crate::text::one_line(&f.rel)));
                    continue;
                }
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
                let text =
                    |field: EntryField| map.get(field.key()).and_then(scalar).unwrap_or_default();
                let name = text(EntryField::Name);
                let slug = map
                    .get(EntryField::Slug.key())
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| {
                        if position.is_some() {
                            crate::slug::slugify(&name)
                        } else {
                            stem.clone()
                        }
                    });
                e.slugs.insert(slug.clone());
                let value = match key_at {
                    (None, k) => map.get(k.as_str()),
                    (Some(section), k) => map.get(*section).and_then(|m| m.get(k.as_str())),
                };
                e.entries.push(Prev {
                    slug,
                    file: f.rel.clone(),
                    position,
                    markdown,
                    key: value
                        .and_then(scalar)
                        .filter(|v| !super::clean::placeholder(v))
                        .map(|v| key_of(&v)),
                    name: crate::places::match_key(&name),
                    district: config.district(&text(EntryField::District)),
                    village: crate::places::match_key(&text(EntryField::Village)),
                });
            }
        }
        for (i, p) in e.entries.iter().enumerate() {
            let mut index = |what: u8, k: String| e.by.entry((what, k)).or_default().push(i);
            index(SLUG, p.slug.clone());
            if p.position.is_none() {
                index(FILE, p.file.clone());
            }
            if let Some(k) = &p.key {
                index(KEY, k.clone());
            }
            index(PLACE, place_key(&p.name, p.district, &p.village));
        }
        if unread.is_empty() {
            return Ok(e);
        }
        let list = unread.join("; ");
        Err(msg!(
            "berkas entri ini tidak bisa dibaca, jadi barisnya tidak bisa dicocokkan; perbaiki dulu (`etalase check`), impor tidak menulis apa pun: {list}",
            "these entry files cannot be read, so rows cannot be matched to them; fix them first (`etalase check`), import wrote nothing: {list}"
        ))
    }

    pub(super) fn get(&self, i: usize) -> &Prev {
        &self.entries[i]
    }

    /// The entry a row is: by the slug it names, else by its key (NIB),
    /// else by its name within the same kecamatan and kelurahan. Two
    /// businesses of one name in different places are two entries.
    pub(super) fn find(
        &self,
        slug: Option<&str>,
        file: Option<&str>,
        key: Option<&str>,
        name: &str,
        district: Option<usize>,
        village: &str,
    ) -> Match {
        let found = |what: u8, k: String| match self.by.get(&(what, k)).map(Vec::as_slice) {
            None | Some([]) => None,
            Some([one]) => Some(Match::One(*one)),
            Some(many) => Some(Match::Many(many.to_vec())),
        };
        if let Some(m) = slug.and_then(|s| found(SLUG, s.to_string())) {
            return m;
        }
        // The file of an entry that is alone in it (a list file holds many).
        if let Some(m) = file.and_then(|f| found(FILE, f.to_string())) {
            return m;
        }
        if let Some(m) = key.and_then(|k| found(KEY, k.to_string())) {
            return m;
        }
        let (name, village) = (
            crate::places::match_key(name),
            crate::places::match_key(village),
        );
        found(PLACE, place_key(&name, district, &village)).unwrap_or(Match::New)
    }

    /// A file and place, for the report: `content/umkm/a.yaml`, or
    /// `content/pkl/semua.yaml #3`.
    pub(super) fn place(&self, i: usize) -> String {
        let p = &self.entries[i];
        match p.position {
            Some(n) => format!("{} #{}", p.file, n + 1),
            None => p.file.clone(),
        }
    }
}

#[derive(Default)]
pub(super) struct Output {
    new: Vec<(String, Mapping)>,
    updates: Vec<(Prev, Mapping)>,
    /// Personal data by slug: written to the site's private folder, never
    /// into the entry files that go into a repository.
    private: Vec<(String, Mapping)>,
}

impl Output {
    pub(super) fn add(&mut self, slug: String, mut map: Mapping) {
        self.keep_private(&slug, &mut map);
        self.new.push((slug, map));
    }

    pub(super) fn update(&mut self, prev: &Prev, mut map: Mapping) {
        self.keep_private(&prev.slug, &mut map);
        self.updates.push((prev.clone(), map));
    }

    fn keep_private(&mut self, slug: &str, map: &mut Mapping) {
        if let Some(Value::Mapping(p)) = map.remove(EntryField::Private.key()) {
            self.private.push((slug.to_string(), p));
        }
    }

    /// Writes the personal data of the rows into `dir` (`pribadi/umkm`),
    /// a file per entry, over what an earlier import kept there.
    fn write_private(&self, root: &Path, dir: &str) -> Result<Vec<String>, Message> {
        let mut written = Vec::new();
        if self.private.is_empty() {
            return Ok(written);
        }
        let folder = root.join(dir);
        std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
        inside(root, &folder)?;
        for (slug, values) in &self.private {
            let rel = format!("{dir}/{slug}.yaml");
            let path = root.join(&rel);
            let mut map = match std::fs::symlink_metadata(&path) {
                Ok(_) => {
                    let text = load::read_text(&path, &rel, load::MAX_ENTRY_FILE)
                        .map_err(|d| d.message)?;
                    match yaml_of(&text) {
                        Ok(Value::Mapping(m)) => m,
                        Ok(Value::Null) => Mapping::new(),
                        _ => {
                            return Err(msg!(
                                "{rel} tidak bisa dibaca sebagai data pribadi; perbaiki atau pindahkan dulu",
                                "{rel} cannot be read as personal data; fix or move it first"
                            ))
                        }
                    }
                }
                Err(_) => Mapping::new(),
            };
            merge(&mut map, values);
            let text = format!(
                "# Data pribadi dari impor: tidak pernah diterbitkan, tidak ikut ke repositori.\n{}",
                serde_yaml::to_string(&Value::Mapping(map))
                    .map_err(|e| msg!("{rel}: {e}", "{rel}: {e}"))?
            );
            let tmp = folder.join(format!(".{slug}.yaml.baru"));
            std::fs::write(&tmp, text).map_err(|e| io_error(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, e))?;
            written.push(rel);
        }
        Ok(written)
    }

    /// Writes the new and updated entries, and their personal data into
    /// `private_dir`; returns the site paths written. Every file is made
    /// in memory first: a file that does not read, or a hand-written
    /// entry whose change cannot be written in place, stops the import
    /// before anything is written.
    /// With `dry_run`, everything is made and nothing written. Gives the
    /// files written and the slugs of the entries the sheet left as they
    /// were.
    pub(super) fn write(
        &self,
        root: &Path,
        folder: &str,
        list: bool,
        stem: &str,
        private_dir: &str,
        dry_run: bool,
    ) -> Result<(Vec<String>, Vec<String>), Message> {
        let dir = root.join(folder);
        if !dry_run {
            std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
            inside(root, &dir)?;
        }
        let mut unchanged = Vec::new();
        // Each file to write, by its path in the site, as its new text.
        let mut texts: std::collections::BTreeMap<String, String> = Default::default();
        let read = |rel: &str, limit: u64| -> Result<String, Message> {
            load::read_text(&root.join(rel), rel, limit).map_err(|d| d.message)
        };
        // What the files held: one the import leaves as it was is not
        // written again.
        let mut before: std::collections::BTreeMap<String, String> = Default::default();
        // Each file's YAML as parsed, kept while its text is unchanged: a
        // list of thousands is parsed once, not once per row.
        let mut parsed: std::collections::HashMap<String, Value> = Default::default();
        // List files cut into their items: an item's change costs the item.
        let mut lists: std::collections::BTreeMap<String, super::edit::ListText> =
            Default::default();
        for (prev, map) in &self.updates {
            if let Some(i) = prev.position.filter(|_| !prev.markdown) {
                if !lists.contains_key(&prev.file) {
                    let text = read(&prev.file, load::MAX_LIST_FILE)?;
                    let doc: Value = yaml_of(&text).map_err(|e| {
                        let file = &prev.file;
                        msg!("{file}: {e}", "{file}: {e}")
                    })?;
                    let Value::Sequence(doc) = doc else {
                        let file = &prev.file;
                        return Err(msg!(
                            "{file} berubah sejak dibaca; impor tidak menulis apa pun",
                            "{file} changed since it was read; import wrote nothing"
                        ));
                    };
                    before.insert(prev.file.clone(), text.clone());
                    lists.insert(prev.file.clone(), super::edit::ListText::cut(&text, doc));
                }
                let list = lists.get_mut(&prev.file).expect("just cut");
                let old = list
                    .doc
                    .get(i)
                    .and_then(Value::as_mapping)
                    .cloned()
                    .ok_or_else(|| {
                        let file = &prev.file;
                        msg!(
                            "{file} berubah sejak dibaca; impor tidak menulis apa pun",
                            "{file} changed since it was read; import wrote nothing"
                        )
                    })?;
                let new = merged(&old, prev, map);
                if new == old {
                    unchanged.push(prev.slug.clone());
                } else {
                    list.set(i, &old, new);
                }
                continue;
            }
            if !texts.contains_key(&prev.file) {
                let text = read(&prev.file, load::MAX_LIST_FILE)?;
                before.insert(prev.file.clone(), text.clone());
                texts.insert(prev.file.clone(), text);
            }
            let text = texts.get_mut(&prev.file).expect("just read");
            let new = updated(text, &prev.file, prev, map, &mut parsed)?;
            if new == *text {
                unchanged.push(prev.slug.clone());
            } else {
                parsed.remove(&prev.file);
            }
            *text = new;
        }
        for (file, list) in lists {
            let text = list
                .text()
                .map_err(|e| msg!("{file}: {e}", "{file}: {e}"))?;
            texts.insert(file, text);
        }
        if list && !self.new.is_empty() {
            let file = format!("{folder}/{stem}.yaml");
            if !texts.contains_key(&file) {
                let text = match std::fs::symlink_metadata(root.join(&file)) {
                    Err(_) => String::new(),
                    Ok(_) => read(&file, load::MAX_LIST_FILE)?,
                };
                // An earlier list: added to, never replaced.
                match yaml_of(&text) {
                    Ok(Value::Sequence(_) | Value::Null) => {}
                    Ok(_) => {
                        return Err(msg!(
                            "{file} bukan berkas daftar; impor tidak menulis apa pun",
                            "{file} is not a list file; import wrote nothing"
                        ))
                    }
                    Err(e) => {
                        return Err(msg!(
                            "{file} tidak bisa dibaca ({e}); perbaiki dulu, impor tidak menulis apa pun",
                            "{file} cannot be read ({e}); fix it first, import wrote nothing"
                        ))
                    }
                }
                texts.insert(file.clone(), text);
            }
            let text = texts.get_mut(&file).expect("just read");
            let items: Vec<Value> = self
                .new
                .iter()
                .map(|(slug, map)| {
                    let mut m = map.clone();
                    let name = m
                        .get(EntryField::Name.key())
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    if crate::slug::slugify(name) != *slug {
                        m.insert(EntryField::Slug.key().into(), Value::String(slug.clone()));
                    }
                    Value::Mapping(m)
                })
                .collect();
            let added = serde_yaml::to_string(&Value::Sequence(items))
                .map_err(|e| msg!("{file}: {e}", "{file}: {e}"))?;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&added);
        } else if !list {
            for (slug, map) in &self.new {
                let text = serde_yaml::to_string(&Value::Mapping(map.clone()))
                    .map_err(|e| msg!("{slug}: {e}", "{slug}: {e}"))?;
                texts.insert(format!("{folder}/{slug}.yaml"), text);
            }
        }
        if dry_run {
            return Ok((Vec::new(), unchanged));
        }
        let mut written = self.write_private(root, private_dir)?;
        for (file, text) in texts {
            if before.get(&file) == Some(&text) {
                continue;
            }
            let path = root.join(&file);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(msg!(
                    "{file} adalah tautan simbolik; import tidak menulis lewat tautan",
                    "{file} is a symbolic link; import does not write through links"
                ));
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let tmp = path.with_file_name(format!(".{}.baru", name.unwrap_or_default()));
            std::fs::write(&tmp, text).map_err(|e| io_error(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, e))?;
            written.push(file);
        }
        Ok((written, unchanged))
    }
}

/// The text of `file` with the entry `prev` updated by the sheet's
/// values `map`: in place where the change allows (comments, order and
/// untouched lines kept), else, for a YAML file without comments, written
/// again whole; a Markdown entry, or a YAML file with comments, is never
/// written again whole (its comments would be lost): the import stops.
fn updated(
    text: &str,
    file: &str,
    prev: &Prev,
    map: &Mapping,
    parsed: &mut std::collections::HashMap<String, Value>,
) -> Result<String, Message> {
    let (head, yaml, tail) = if prev.markdown {
        let split = load::frontmatter::split(text)?;
        let at = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
        (&text[..at], split.yaml, &text[at + split.yaml.len()..])
    } else {
        ("", text, "")
    };
    if !parsed.contains_key(file) {
        let doc: Value = yaml_of(yaml).map_err(|e| msg!("{file}: {e}", "{file}: {e}"))?;
        parsed.insert(file.to_string(), doc);
    }
    let doc = &parsed[file];
    let old = match (doc, prev.position) {
        (Value::Sequence(s), Some(i)) => s.get(i).and_then(Value::as_mapping),
        (Value::Mapping(m), None) => Some(m),
        _ => None,
    }
    .cloned()
    .ok_or_else(|| {
        msg!(
            "{file} berubah sejak dibaca; impor tidak menulis apa pun",
            "{file} changed since it was read; import wrote nothing"
        )
    })?;
    let mut map = map.clone();
    // A Markdown entry's description is its body, below the front matter.
    let mut tail = tail.to_string();
    if prev.markdown {
        if let Some(d) = map.remove(EntryField::Description.key()) {
            let d = scalar(&d).unwrap_or_default();
            let body_at = tail.find('\n').map_or(tail.len(), |n| n + 1);
            if d.trim() != tail[body_at..].trim() {
                tail = format!("{}{}\n", &tail[..body_at], d.trim_end());
            }
        }
    }
    let new = merged(&old, prev, &map);
    let prefix = prev.position.map(|i| format!("{i}.")).unwrap_or_default();
    if new == old {
        return Ok(format!("{head}{yaml}{tail}"));
    }
    if let Some(edited) = super::edit::in_place(yaml, &prefix, &old, &new) {
        return Ok(format!("{head}{edited}{tail}"));
    }

    // A comment line, or a ` #` that may start one: kept only in place.
    let comments = yaml
        .lines()
        .any(|l| l.trim_start().starts_with('#') || l.contains(" #"));
    if prev.markdown || comments {
        return Err(msg!(
            "{file}: perubahan dari lembar (misalnya produk bertambah) tidak bisa ditulis tanpa mengubah bentuk berkas yang ditulis tangan ini; ubah sendiri, impor tidak menulis apa pun",
            "{file}: the sheet's change (a product added, say) cannot be written without reshaping this hand-written file; edit it yourself, import wrote nothing"
        ));
    }
    let mut doc = doc.clone();
    match (&mut doc, prev.position) {
        (Value::Sequence(s), Some(i)) => s[i] = Value::Mapping(new),
        _ => doc = Value::Mapping(new),
    }
    serde_yaml::to_string(&doc).map_err(|e| msg!("{file}: {e}", "{file}: {e}"))
}

/// The entry `old` with the sheet's values `map` over it.
fn merged(old: &Mapping, prev: &Prev, map: &Mapping) -> Mapping {
    let mut map = map.clone();
    // The slug the entry already has from its file name or name is no
    // change.
    let slug = EntryField::Slug.key();
    if !old.contains_key(slug) && map.get(slug).and_then(Value::as_str) == Some(prev.slug.as_str())
    {
        map.remove(slug);
    }
    let mut new = old.clone();
    merge(&mut new, &map);
    new
}

/// Whether two values of the field `key` say the same thing.
fn same_meaning(key: &str, old: &Value, new: &Value) -> bool {
    if old == new {
        return true;
    }
    let phone = |v: &Value| {
        scalar(v)
            .and_then(|t| crate::values::phone(&t).ok())
            .map(|p| p.digits)
    };
    if key == EntryField::Phone.key() || key == EntryField::Whatsapp.key() {
        return phone(old).is_some() && phone(old) == phone(new);
    }
    if key == EntryField::Certifications.key() {
        return certificates(old) == certificates(new);
    }
    match (old, new) {
        (Value::Sequence(a), Value::Sequence(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_meaning("", x, y))
        }
        (Value::Mapping(a), Value::Mapping(b)) => {
            // Every value the sheet gives is the entry's; what the sheet
            // does not carry (a picture, a description) is no difference.
            b.iter().all(|(k, v)| {
                a.get(k)
                    .is_some_and(|o| same_meaning(k.as_str().unwrap_or(""), o, v))
            })
        }
        (Value::Mapping(_) | Value::Sequence(_), _)
        | (_, Value::Mapping(_) | Value::Sequence(_)) => false,
        // `12000` and `"12000"`, `-6.2` and `-6.20`.
        _ => match (scalar(old), scalar(new)) {
            (Some(a), Some(b)) => {
                a.trim() == b.trim()
                    || a.parse::<f64>().ok().zip(b.parse::<f64>().ok()).is_some_and(|(x, y)| x == y)
                    // `Rp 1.250.000` and `1250000`.
                    || super::clean::price(&a).is_some_and(|x| super::clean::price(&b) == Some(x))
            }
            _ => false,
        },
    }
}

/// The mark a row's certificates carry when its sheet has the column of
/// the other certificates.
fn is_others_mark(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some(crate::schema::CERTIFICATES_OTHER_MARK)
}

/// Certificates as (type, number, status, last day), in order, whether
/// written short (`- pirt`) or whole (`- {type: pirt}`).
fn certificates(v: &Value) -> Vec<(String, String, String, String)> {
    let Value::Sequence(list) = v else {
        return Vec::new();
    };
    let get = |m: &Mapping, k: &str| m.get(k).and_then(scalar).unwrap_or_default();
    let mut out: Vec<_> = list
        .iter()
        .filter(|c| !is_others_mark(c))
        .map(|c| match c {
            Value::Mapping(m) => {
                let status = crate::schema::cert_status(&get(m, "status"))
                    .map_or("terbit", crate::schema::cert_status_word);
                (
                    get(m, "type").to_lowercase(),
                    get(m, "number"),
                    status.to_string(),
                    get(m, "valid_until"),
                )
            }
            other => (
                scalar(other).unwrap_or_default().to_lowercase(),
                String::new(),
                "terbit".to_string(),
                String::new(),
            ),
        })
        .collect();
    out.sort();
    out
}

/// The slugs of the site's programmes: their files' names, or their
/// `slug`.
pub(super) fn programme_slugs(files: &[load::InputFile]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.kind == crate::model::Kind::Program)
        .map(|f| {
            fields_of(f)
                .ok()
                .and_then(|v| v.get("slug").and_then(scalar))
                .unwrap_or_else(|| f.stem().to_string())
        })
        .collect()
}

/// The YAML an entry file holds (a Markdown file's front matter), read as
/// the build reads it, within the build's size limit for its form; why
/// not when it does not read.
fn fields_of(f: &load::InputFile) -> Result<Value, String> {
    let text =
        load::read_text(&f.abs, &f.rel, load::limit(f.form)).map_err(|e| e.message.id.clone())?;
    let yaml = match f.form {
        Form::Markdown => load::frontmatter::split(&text)
            .map_err(|e| e.id)?
            .yaml
            .to_string(),
        Form::Yaml => text,
    };
    yaml_of(&yaml)
}

/// A site file's YAML, parsed as the build parses it: bounded in depth,
/// aliases and size, so a hostile file costs import no more than `check`.
fn yaml_of(text: &str) -> Result<Value, String> {
    crate::yaml::parse(text, 0).map_err(|e| {
        let (line, column) = (e.pos.line, e.pos.column);
        format!("{line}:{column}: {}", e.message.id)
    })
}

/// Refuses a folder that leads outside the site (a symbolic link on the
/// way): import writes nothing there.
fn inside(root: &Path, dir: &Path) -> Result<(), Message> {
    let real = |p: &Path| p.canonicalize().map_err(|e| io_error(p, e));
    if real(dir)?.starts_with(real(root)?) {
        Ok(())
    } else {
        let d = dir.display();
        Err(msg!(
            "{d} mengarah ke luar folder situs (tautan simbolik); tidak ada yang ditulis",
            "{d} leads outside the site folder (a symbolic link); nothing was written"
        ))
    }
}

/// The sheet's values over an entry's: what the sheet does not carry
/// (description, photos, private notes) stays.
fn merge(into: &mut Mapping, from: &Mapping) {
    for (k, v) in from {
        // An empty cell of a column the sheet has: the value goes.
        if v.is_null() {
            // What already says "none" (`sharia: false`, `tags: []`) stays.
            let none = match into.get(k) {
                Some(Value::Bool(false) | Value::Null) => true,
                Some(Value::String(t)) => t.trim().is_empty(),
                Some(Value::Sequence(l)) => l.is_empty(),
                Some(Value::Mapping(m)) => m.is_empty(),
                _ => false,
            };
            if !none {
                into.remove(k);
            }
            continue;
        }
        // A value the sheet gives whole (`extra` from its own column).
        if let Value::Tagged(t) = v {
            if t.tag == super::row::WHOLE {
                let whole = super::row::settled_value(&t.value);
                match (into.get(k), whole) {
                    (Some(old), Some(new))
                        if same_meaning("", old, &new) && same_meaning("", &new, old) => {}
                    (_, Some(Value::Mapping(m))) if m.is_empty() => {
                        into.remove(k);
                    }
                    (_, Some(new)) => {
                        into.insert(k.clone(), new);
                    }
                    (_, None) => {
                        into.remove(k);
                    }
                }
                continue;
            }
        }
        // The sheet's value in its own words means what the entry says
        // in the office's (`+62 857…` and `0857-…`; `pirt` and
        // `{type: pirt}`): the entry keeps its text.
        if into
            .get(k)
            .is_some_and(|old| same_meaning(k.as_str().unwrap_or(""), old, v))
        {
            continue;
        }
        // What the format takes when a field is left out is no change.
        if !into.contains_key(k)
            && k.as_str() == Some(EntryField::Status.key())
            && v.as_str() == Some("aktif")
        {
            continue;
        }
        match (into.get_mut(k), v) {
            (Some(Value::Mapping(a)), Value::Mapping(b))
                if k == EntryField::Private.key() || k == EntryField::Extra.key() =>
            {
                merge(a, b);
                if a.is_empty() {
                    into.remove(k);
                }
            }
            // A sheet carries a product's name, price and unit: its
            // picture, description and halal mark stay with the product
            // of the same name.
            (Some(Value::Sequence(old)), Value::Sequence(new))
                if k == EntryField::Products.key() =>
            {
                let name = |p: &Value| {
                    p.get(ProductField::Name.key())
                        .and_then(Value::as_str)
                        .map(str::to_string)
                };
                let merged = new
                    .iter()
                    .map(|p| {
                        let before = old.iter().find(|o| name(o).is_some() && name(o) == name(p));
                        match (before, p) {
                            (Some(Value::Mapping(o)), Value::Mapping(n)) => {
                                let mut m = o.clone();
                                merge(&mut m, n);
                                Value::Mapping(m)
                            }
                            _ => super::row::settled_value(p).unwrap_or(Value::Null),
                        }
                    })
                    .collect();
                into.insert(k.clone(), Value::Sequence(merged));
            }
            // The sheet's columns carry the certificates of a known type:
            // those come from it; another (`ISO 9001`) stays as written.
            (Some(Value::Sequence(old)), Value::Sequence(new))
                if k == EntryField::Certifications.key() =>
            {
                let kind = |c: &Value| -> Option<&'static str> {
                    let t = match c {
                        Value::Mapping(m) => m.get("type").and_then(scalar),
                        other => scalar(other),
                    }?;
                    crate::schema::certificate(&t).map(|x| x.key)
                };
                let mut merged = Vec::new();
                // A type the sheet's row names with no status is removed
                // (its cell was empty); one it does not name stays.
                let removed = |n: &Value| n.get("status").is_some_and(Value::is_null);
                let same = |o: &Value, n: &Value| {
                    certificates(&Value::Sequence(vec![o.clone()]))
                        == certificates(&Value::Sequence(vec![n.clone()]))
                };
                // When the sheet has the other certificates' column, those
                // are the ones it gives; else the entry's stay as written.
                let others_given = new.iter().any(is_others_mark);
                let others: Vec<&Value> = new
                    .iter()
                    .filter(|n| kind(n).is_none() && !removed(n))
                    .collect();
                for o in old.iter() {
                    if kind(o).is_none() {
                        if !others_given || others.iter().any(|n| same(o, n)) {
                            merged.push(o.clone());
                        }
                        continue;
                    }
                    match kind(o).and_then(|t| new.iter().find(|n| kind(n) == Some(t))) {
                        None => merged.push(o.clone()),
                        Some(n) if removed(n) => {}
                        Some(n) => merged.push(if same(o, n) { o.clone() } else { n.clone() }),
                    }
                }
                for n in new {
                    let there = if kind(n).is_some() {
                        old.iter().any(|o| kind(o) == kind(n))
                    } else {
                        old.iter().any(|o| kind(o).is_none() && same(o, n))
                    };
                    if !removed(n) && !there {
                        merged.push(n.clone());
                    }
                }
                if merged.is_empty() {
                    into.remove(k);
                } else {
                    into.insert(k.clone(), Value::Sequence(merged));
                }
            }
            _ => match super::row::settled_value(v) {
                Some(Value::Sequence(l)) if l.is_empty() && !into.contains_key(k) => {}
                Some(Value::Mapping(m)) if m.is_empty() && !into.contains_key(k) => {}
                Some(v) => {
                    into.insert(k.clone(), v);
                }
                None => {
                    into.remove(k);
                }
            },
        }
    }
}

pub(super) fn io_error(path: &Path, e: std::io::Error) -> Message {
    let shown = path.display();
    msg!(
        "{shown} tidak bisa ditulis: {e}",
        "cannot write {shown}: {e}"
    )
}
