//! A re-import: the entries already in the folder, found by the key
//! column or the slug, and the sheet's values merged over theirs; new
//! entries and updated files written whole.

use super::columns;
use super::mapfile::scalar;
use crate::load::{self, Form, SiteRoot};
use crate::message::Message;
use crate::schema::{EntryField, ProductField};
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
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

/// An entry already in the folder, that a re-import updates.
#[derive(Clone)]
pub(super) struct Prev {
    pub(super) slug: String,
    /// The file, relative to the folder.
    file: String,
    /// Its place in a list file.
    position: Option<usize>,
}

#[derive(Default)]
pub(super) struct Existing {
    pub(super) slugs: std::collections::HashSet<String>,
    pub(super) by_key: HashMap<String, Prev>,
    pub(super) by_slug: HashMap<String, Prev>,
}

impl Existing {
    /// The entries of the folder's YAML files, by NIB (or the key's value)
    /// and by slug; every file name counts as a taken slug. The files are
    /// found and read as the pipeline's discover stage finds and reads
    /// them: inside the site only, sub-folders included, a byte-order
    /// mark dropped.
    pub(super) fn read(root: &SiteRoot, folder: &str, key_at: &(Option<&str>, String)) -> Existing {
        let mut e = Existing::default();
        let prefix = format!("{folder}/");
        let mut ignored = Vec::new();
        for f in load::discover(root, &mut ignored) {
            let Some(file) = f.rel.strip_prefix(&prefix).map(str::to_string) else {
                continue;
            };
            let stem = f.stem().to_string();
            e.slugs.insert(stem.clone());
            if f.form == Form::Markdown {
                continue;
            }
            let Ok(text) = load::read_text(&f.abs, &f.rel, load::MAX_ENTRY_FILE) else {
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
                let name = map
                    .get(EntryField::Name.key())
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let slug = map
                    .get(EntryField::Slug.key())
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
        e
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
                    match serde_yaml::from_str::<Value>(&text) {
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
    /// `private_dir`; returns the site paths written.
    pub(super) fn write(
        &self,
        root: &Path,
        folder: &str,
        list: bool,
        stem: &str,
        private_dir: &str,
    ) -> Result<Vec<String>, Message> {
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        inside(root, &dir)?;
        let mut written = self.write_private(root, private_dir)?;
        // Files to rewrite: the updated ones, with their entries merged.
        let mut files: std::collections::BTreeMap<String, Value> = Default::default();
        for (prev, map) in &self.updates {
            if !files.contains_key(&prev.file) {
                // Read as it was read to be matched; a file that no longer
                // reads stops the import rather than being replaced.
                let path = dir.join(&prev.file);
                let rel = format!("{folder}/{}", prev.file);
                let doc = load::read_text(&path, &rel, load::MAX_ENTRY_FILE)
                    .map_err(|d| d.message)
                    .and_then(|t| {
                        serde_yaml::from_str(&t).map_err(|e| msg!("{rel}: {e}", "{rel}: {e}"))
                    })?;
                files.insert(prev.file.clone(), doc);
            }
            let doc = files.get_mut(&prev.file).expect("just read");
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
                        m.get(EntryField::Name.key())
                            .and_then(Value::as_str)
                            .unwrap_or_default(),
                    ) != *slug
                    {
                        m.insert(EntryField::Slug.key().into(), Value::String(slug.clone()));
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
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(msg!(
                    "{folder}/{file} adalah tautan simbolik; import tidak menulis lewat tautan",
                    "{folder}/{file} is a symbolic link; import does not write through links"
                ));
            }
            let text =
                serde_yaml::to_string(&doc).map_err(|e| msg!("{file}: {e}", "{file}: {e}"))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let tmp = path.with_file_name(format!(".{}.baru", name.unwrap_or_default()));
            std::fs::write(&tmp, text).map_err(|e| io_error(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, e))?;
            written.push(format!("{folder}/{file}"));
        }
        Ok(written)
    }
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
        match (into.get_mut(k), v) {
            (Some(Value::Mapping(a)), Value::Mapping(b))
                if k == EntryField::Private.key() || k == EntryField::Extra.key() =>
            {
                merge(a, b)
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
                                for key in [ProductField::Price.key(), ProductField::Unit.key()] {
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

pub(super) fn io_error(path: &Path, e: std::io::Error) -> Message {
    let shown = path.display();
    msg!(
        "{shown} tidak bisa ditulis: {e}",
        "cannot write {shown}: {e}"
    )
}
