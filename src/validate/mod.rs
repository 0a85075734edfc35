//! Turning input files into the validated `Content`: each file is read,
//! parsed and checked in parallel; references between items are checked
//! once everything is read. Every problem is collected, none stops the run.

mod entry;
pub(crate) mod images;
mod other;
mod private;
pub(crate) use private::check as check_private;
mod refs;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Pos, Suggester};
use crate::load::{self, frontmatter, Form, InputFile, SiteRoot, MAX_ENTRY_FILE};
use crate::model::{Claim, Content, Entry, Event, Kind, Page, Programme};
use crate::slug as slugs;
use crate::source::{Doc, Source};
use crate::yaml::{self, Mapping, Value};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Reports each required field of `kind` (from the schema) that `fields`
/// lacks, at the item's first line; false when one is missing.
pub(crate) fn require<F>(
    doc: &mut Doc,
    defs: &[crate::schema::Def<F>],
    kind: Kind,
    fields: &[(&str, &Value)],
) -> bool {
    let mut all = true;
    for d in crate::schema::required(defs, kind) {
        if !fields.iter().any(|(k, _)| *k == d.key) {
            doc.bad_entry(Code::MissingField, {
                let k = d.key;
                msg!(
                    "kolom wajib `{k}` tidak ada",
                    "missing required field `{k}`"
                )
            });
            all = false;
        }
    }
    all
}

/// The longest slug: it names a folder of the output, and file systems
/// allow 255 bytes a name (a slug is ASCII).
pub(crate) const MAX_SLUG: usize = 255;

/// "Did you mean" among the site's categories, districts and each
/// district's villages, each made once, on the first mistake that needs
/// it: thousands of misspelt names among thousands of choices stay
/// near-linear, and a site without mistakes pays nothing.
pub(crate) struct Hints<'a> {
    config: &'a Config,
    categories: OnceLock<Suggester<'a>>,
    districts: OnceLock<Suggester<'a>>,
    villages: Vec<OnceLock<Suggester<'a>>>,
}

impl<'a> Hints<'a> {
    pub(crate) fn new(config: &'a Config) -> Hints<'a> {
        Hints {
            config,
            categories: OnceLock::new(),
            districts: OnceLock::new(),
            villages: config.districts.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    pub(crate) fn category(&self, word: &str) -> Option<&'a str> {
        let c = self.config;
        self.categories
            .get_or_init(|| Suggester::new(c.categories.iter().map(|c| c.slug.as_str())))
            .nearest(word)
    }

    pub(crate) fn district(&self, word: &str) -> Option<&'a str> {
        let c = self.config;
        self.districts
            .get_or_init(|| Suggester::new(c.districts.iter().map(|d| d.name.as_str())))
            .nearest(word)
    }

    pub(crate) fn village(&self, district: usize, word: &str) -> Option<&'a str> {
        let d = &self.config.districts[district];
        self.villages[district]
            .get_or_init(|| Suggester::new(d.villages.iter().map(String::as_str)))
            .nearest(word)
    }
}

/// What one file is read with.
pub(crate) struct Ctx<'a> {
    pub config: &'a Config,
    pub hints: &'a Hints<'a>,
    pub root: &'a SiteRoot,
    pub file: &'a InputFile,
    /// Where the Markdown body starts in the file, for a Markdown file.
    pub body_at: Option<usize>,
    /// The hash of the file's text, for a Markdown file.
    pub text_hash: u64,
}

/// One item read from a file, and whether it was read without a problem.
#[derive(Clone)]
pub(crate) struct Read {
    item: Item,
    valid: bool,
}

/// The items read without a problem, and the claims of the others.
pub(crate) struct Validated {
    pub(crate) content: Content,
    /// Items with problems: never published, kept only for their claims.
    rejected: Vec<Item>,
    /// Draft entries left out of a build without drafts, by kind and
    /// slug: their personal data is still theirs.
    pub(crate) drafted: Vec<(crate::model::Kind, String)>,
}

impl Validated {
    /// The claim of every item, valid or not.
    pub(crate) fn claims(&self) -> Vec<Claim<'_>> {
        claims(&self.content, &self.rejected)
    }
}

fn claims<'a>(content: &'a Content, rejected: &'a [Item]) -> Vec<Claim<'a>> {
    let c = content;
    c.entries
        .iter()
        .map(|e| Claim::new(e.kind, &e.slug, &e.origin, &e.programs, &[]))
        .chain(
            c.programmes
                .iter()
                .map(|p| Claim::new(Kind::Program, &p.slug, &p.origin, &[], &[])),
        )
        .chain(c.events.iter().map(|e| {
            Claim::new(
                Kind::Acara,
                &e.slug,
                &e.origin,
                &e.programs,
                &e.participants,
            )
        }))
        .chain(
            c.pages
                .iter()
                .map(|p| Claim::new(Kind::Halaman, &p.slug, &p.origin, &[], &[])),
        )
        .chain(rejected.iter().map(Item::claim))
        .collect()
}

impl Item {
    fn set_version(&mut self, v: u64) {
        match self {
            // Just made, so not shared yet.
            Item::Entry(e) => {
                if let Some(e) = std::sync::Arc::get_mut(e) {
                    e.version = v;
                    e.sort_key = crate::places::match_key(&e.name);
                }
            }
            Item::Programme(p) => p.version = v,
            Item::Event(e) => e.version = v,
            Item::Page(p) => p.version = v,
        }
    }

    fn claim(&self) -> Claim<'_> {
        match self {
            Item::Entry(e) => Claim::new(e.kind, &e.slug, &e.origin, &e.programs, &[]),
            Item::Programme(p) => Claim::new(Kind::Program, &p.slug, &p.origin, &[], &[]),
            Item::Event(e) => Claim::new(
                Kind::Acara,
                &e.slug,
                &e.origin,
                &e.programs,
                &e.participants,
            ),
            Item::Page(p) => Claim::new(Kind::Halaman, &p.slug, &p.origin, &[], &[]),
        }
    }
}

/// One validated item of a file.
#[derive(Clone)]
pub(crate) enum Item {
    Entry(std::sync::Arc<Entry>),
    Programme(Box<Programme>),
    Event(Box<Event>),
    Page(Box<Page>),
}

/// What one file gave: its items (valid or not), its problems and, when it
/// gave no item, the slug its one entry would most likely have had.
#[derive(Clone)]
pub(crate) struct FileRead {
    kind: Kind,
    reads: Vec<Read>,
    diags: Vec<Diagnostic>,
    guess: Option<String>,
}

impl FileRead {
    /// The entries of a file read without a single problem; `None` when
    /// it had one, or holds other items.
    pub(crate) fn clean_entries(&self) -> Option<Vec<&std::sync::Arc<Entry>>> {
        let error = |d: &Diagnostic| d.severity() == crate::diagnostic::Severity::Error;
        if self.diags.iter().any(error) || self.guess.is_some() {
            return None;
        }
        self.reads
            .iter()
            .map(|r| match &r.item {
                Item::Entry(e) if r.valid => Some(e),
                _ => None,
            })
            .collect()
    }
}

/// Reads and checks each file on its own, in parallel: what a file gives
/// depends on it and site.yaml only, so `serve` keeps it until either
/// changes.
pub(crate) fn read_files<'f>(
    root: &SiteRoot,
    config: &Config,
    files: impl Iterator<Item = &'f InputFile>,
) -> Vec<FileRead> {
    let hints = Hints::new(config);
    let files: Vec<&InputFile> = files.collect();
    files
        .par_iter()
        .map(|file| {
            let ctx = Ctx {
                config,
                hints: &hints,
                root,
                file,
                body_at: None,
                text_hash: 0,
            };
            let (reads, diags, guess) = read_file(&ctx);
            FileRead {
                kind: file.kind,
                reads,
                diags,
                guess,
            }
        })
        .collect()
}

/// The site's content from what each file gave (in the order of the
/// files), with the checks across files.
pub(crate) fn assemble<R: std::borrow::Borrow<FileRead>>(
    config: &Config,
    reads: &[R],
    drafts: bool,
) -> (Validated, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut rejected = Vec::new();
    let mut diags = Vec::new();
    let mut unread = Vec::new();
    for read in reads {
        let read = read.borrow();
        diags.extend(read.diags.iter().cloned());
        if let Some(slug) = &read.guess {
            // The kind is the folder's, the same for every item of a file.
            unread.push((read.kind, slug.clone()));
        }
        for Read { item, valid } in &read.reads {
            if !valid {
                rejected.push(item.clone());
                continue;
            }
            match item.clone() {
                Item::Entry(e) => content.entries.push(e),
                Item::Programme(p) => content.programmes.push(*p),
                Item::Event(e) => content.events.push(*e),
                Item::Page(p) => content.pages.push(*p),
            }
        }
    }
    refs::check(&claims(&content, &rejected), &unread, config, &mut diags);
    let mut drafted = Vec::new();
    if !drafts {
        drafted = content
            .entries
            .iter()
            .filter(|e| e.draft)
            .map(|e| (e.kind, e.slug.clone()))
            .collect();
        content.entries.retain(|e| !e.draft);
        content.programmes.retain(|p| !p.draft);
        content.events.retain(|e| !e.draft);
        content.pages.retain(|p| !p.draft);
    }
    (
        Validated {
            content,
            rejected,
            drafted,
        },
        diags,
    )
}

/// Reads one file. When it gives no item at all and holds one entry, the
/// slug that entry would most likely have comes back too, so that other
/// files' references to it are not reported on top of its own problem.
fn read_file(ctx: &Ctx) -> (Vec<Read>, Vec<Diagnostic>, Option<String>) {
    let file = ctx.file;
    let stem = || slugs::slugify(file.stem());
    let limit = load::limit(file.form);
    let text = match load::read_text(&file.abs, &file.rel, limit) {
        Ok(t) => t,
        Err(d) => return (Vec::new(), vec![d], Some(stem())),
    };
    let list = load::looks_like_list(&text);
    // The slug of a file's one entry: its `slug:` line, else its name.
    let guess = |text: &str| (!list).then(|| slug_line(text).unwrap_or_else(stem));
    if text.len() as u64 > MAX_ENTRY_FILE && !list {
        let d = Diagnostic::file(
            Code::TooLarge,
            file.rel.clone(),
            load::too_large(
                text.len() as u64,
                MAX_ENTRY_FILE,
                msg!(
                    "hanya berkas daftar entri yang boleh lebih besar; untuk satu entri ",
                    "only a list of entries may be larger; for one entry "
                ),
            ),
        );
        return (Vec::new(), vec![d], guess(&text));
    }
    let failed = |reads: &[Read], diags: &[Diagnostic]| reads.is_empty() && !diags.is_empty();
    match file.form {
        Form::Markdown => {
            let (reads, diags) = markdown_file(ctx, &text);
            let g = if failed(&reads, &diags) {
                guess(&text)
            } else {
                None
            };
            (reads, diags, g)
        }
        Form::Yaml => {
            // The YAML reader keeps the text, so the guess is made first.
            let g = guess(&text);
            let (reads, diags) = yaml_file(ctx, text);
            let g = g.filter(|_| failed(&reads, &diags));
            (reads, diags, g)
        }
    }
}

/// The value of a `slug:` line at the start of a line, if it is a slug.
fn slug_line(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix("slug:")?;
        let v = v.split(" #").next()?.trim().trim_matches(['"', '\'']);
        slugs::is_valid(v).then(|| v.to_string())
    })
}

pub(crate) fn markdown_file(ctx: &Ctx, text: &str) -> (Vec<Read>, Vec<Diagnostic>) {
    let rel = &ctx.file.rel;
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(m) => {
            return (
                Vec::new(),
                vec![Diagnostic::at(
                    Code::FrontMatter,
                    rel.clone(),
                    Pos::START,
                    m,
                )],
            )
        }
    };
    let source = Source::new(rel.clone(), split.yaml.to_string(), split.yaml_line);
    let value = match yaml::parse(split.yaml, split.yaml_line - 1) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![Diagnostic::at(e.code, rel.clone(), e.pos, e.message)],
            )
        }
    };
    let mut doc = Doc::whole(&source);
    let ctx = Ctx {
        body_at: Some(text.len() - split.body.len()),
        text_hash: crate::hash::quick(text.as_bytes()),
        ..*ctx
    };
    let item = match &value {
        Value::Mapping(map) => read_item(&mut doc, map, &ctx, Some(split.body)),
        _ => {
            doc.bad_entry(
                Code::NotAnEntry,
                msg!(
                    "front matter harus berisi baris `kolom: nilai`",
                    "the front matter must be `field: value` lines"
                ),
            );
            None
        }
    };
    (item.into_iter().collect(), doc.diags)
}

/// The byte offset where each line of `text` starts (lines end with `\n`,
/// `\r\n` or a lone `\r`, as YAML counts them).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

pub(crate) fn yaml_file(ctx: &Ctx, text: String) -> (Vec<Read>, Vec<Diagnostic>) {
    let text_len = text.len() as u64;
    let rel = ctx.file.rel.clone();
    let value = match yaml::parse(&text, 0) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![Diagnostic::at(e.code, rel, e.pos, e.message)],
            )
        }
    };
    // Only a list file over the entry limit can hold an item over it.
    let starts = (text_len > MAX_ENTRY_FILE).then(|| line_starts(&text));
    let source = Source::new(rel, text, 1);
    let mut items = Vec::new();
    let mut diags = Vec::new();
    match &value {
        Value::Mapping(map) => {
            let mut doc = Doc::whole(&source);
            items.extend(read_item(&mut doc, map, ctx, None));
            diags = doc.diags;
        }
        Value::Sequence(list) => {
            for (i, v) in list.iter().enumerate() {
                let mut doc = Doc::item(&source, i);
                if let Some(starts) = &starts {
                    let at = |line: u32| starts.get(line as usize - 1).copied();
                    let begin = at(doc.start.line).unwrap_or(0);
                    let end = if i + 1 < list.len() {
                        at(Doc::item(&source, i + 1).start.line).unwrap_or(text_len as usize)
                    } else {
                        text_len as usize
                    };
                    let size = end.saturating_sub(begin) as u64;
                    if size > MAX_ENTRY_FILE {
                        let mib = MAX_ENTRY_FILE >> 20;
                        doc.bad_entry(
                            Code::TooLarge,
                            msg!(
                                "entri ini terlalu besar ({size} bita): satu entri di berkas daftar paling besar {mib} MiB, sama seperti entri di berkasnya sendiri",
                                "this entry is too large ({size} bytes): an entry of a list file may be at most {mib} MiB, like an entry in a file of its own"
                            ),
                        );
                        diags.append(&mut doc.diags);
                        continue;
                    }
                }
                match v {
                    Value::Mapping(map) => items.extend(read_item(&mut doc, map, ctx, None)),
                    _ => {
                        let t = yaml::type_name(v);
                        doc.bad_entry(Code::NotAnEntry, msg!("setiap butir berkas daftar harus entri berisi baris `kolom: nilai`, tertulis {}", t.id; "each item of a list file must be an entry of `field: value` lines, found {}", t.en))
                    }
                }
                diags.append(&mut doc.diags);
            }
        }
        Value::Null => {} // an empty file holds no entries
        other => {
            let mut doc = Doc::whole(&source);
            doc.bad_entry(Code::NotAnEntry, {
                let t = yaml::type_name(other);
                msg!("isi berkas harus kolom-kolom satu entri atau daftar entri, tertulis {}", t.id;
                        "expected the fields of an entry or a list of entries, found {}", t.en)
            });
            diags = doc.diags;
        }
    }
    (items, diags)
}

/// Reads one item. A reader returns its item, complete or not, whenever
/// it found a slug; here an item with a problem is reduced to its claim,
/// so no half-read item (a category not found, an event without a start)
/// leaves this module.
fn read_item(doc: &mut Doc, map: &Mapping, ctx: &Ctx, body: Option<&str>) -> Option<Read> {
    let kind = ctx.file.kind;
    let item = match kind {
        Kind::Umkm | Kind::Koperasi | Kind::Pkl => entry::read(doc, map, ctx, body),
        Kind::Program => other::programme(doc, map, ctx, body),
        Kind::Acara => other::event(doc, map, ctx, body),
        Kind::Halaman => other::page(doc, map, ctx, body),
    }?;
    let mut item = item;
    item.set_version(version(&ctx.file.rel, map, body));
    Some(Read {
        item,
        // A warning (personal data written inline) keeps the item.
        valid: !doc
            .diags
            .iter()
            .any(|d| d.severity() == crate::diagnostic::Severity::Error),
    })
}

/// An item's version: a hash of what it was read from (its file's path,
/// its fields as parsed, its Markdown body). Two reads with the same
/// version give the same item, so `serve` can keep the pages of an item
/// whose file was saved without a change to it.
fn version(rel: &str, map: &Mapping, body: Option<&str>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    rel.hash(&mut h);
    map.hash(&mut h);
    body.hash(&mut h);
    h.finish()
}

/// The slug of an item: the `slug` field, else from the file name (a file
/// of one entry) or from `name` (an item of a list file).
fn slug(doc: &mut Doc, ctx: &Ctx, field: Option<&Value>, name: &str) -> Option<(String, Pos)> {
    let (slug, pos) = match field {
        Some(v) => {
            let text = doc.required_text("slug", v)?;
            if !slugs::is_valid(&text) {
                let better = slugs::slugify(&text);
                doc.bad("slug", Code::BadSlug, msg!("slug \"{text}\" harus huruf kecil, angka dan satu tanda hubung di antaranya, misalnya \"{better}\"", "slug \"{text}\" must be lowercase letters, digits and single hyphens, e.g. \"{better}\""));
                return None;
            }
            (text, doc.value_pos("slug"))
        }
        None if doc.is_item() => {
            let s = slugs::slugify(name);
            if s.is_empty() {
                if !name.is_empty() {
                    doc.bad_entry(
                        Code::BadSlug,
                        msg!(
                            "alamat web tidak bisa dibuat dari nama ini: tambahkan kolom `slug`",
                            "cannot make an address from this name: add a `slug` field"
                        ),
                    );
                }
                return None;
            }
            (s, doc.start)
        }
        None => {
            let s = slugs::slugify(ctx.file.stem());
            if s.is_empty() {
                doc.bad_entry(Code::BadSlug, msg!("alamat web tidak bisa dibuat dari nama berkas ini: ganti nama berkasnya atau tambahkan kolom `slug`", "cannot make an address from this file name: rename the file or add a `slug` field"));
                return None;
            }
            (s, doc.start)
        }
    };
    // Each address is a folder; a file system allows 255 bytes a name.
    if slug.len() > MAX_SLUG {
        let n = slug.len();
        doc.error(
            pos,
            Code::BadSlug,
            msg!(
                "alamat web (slug) terlalu panjang: {n} huruf, paling banyak {MAX_SLUG}; tulis `slug` yang lebih pendek",
                "the address (slug) is too long: {n} characters, at most {MAX_SLUG}; write a shorter `slug`"
            ),
        );
        return None;
    }
    if slug == crate::paths::PAGED {
        doc.error(
            pos,
            Code::ReservedAddress,
            msg!(
                "slug `halaman` dipakai untuk halaman daftar berikutnya (…/halaman/2/); pilih yang lain",
                "the slug `halaman` is reserved for listing pages (…/halaman/2/); choose another"
            ),
        );
        return None;
    }
    Some((slug, pos))
}
