//! Turning input files into the validated `Content`: each file is read,
//! parsed and checked in parallel; references between items are checked
//! once everything is read. Every problem is collected, none stops the run.

mod entry;
pub mod fields;
pub mod images;
mod other;
mod refs;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::load::{self, frontmatter, Form, InputFile, SiteRoot, MAX_ENTRY_FILE, MAX_LIST_FILE};
use crate::model::{Content, Entry, Event, Kind, Page, Programme};
use crate::slug as slugs;
use crate::source::{Doc, Source};
use crate::yaml::{self, Mapping, Value};
use rayon::prelude::*;

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
            doc.bad_entry(
                Code::MissingField,
                format!("missing required field `{}`", d.key),
            );
            all = false;
        }
    }
    all
}

/// What one file is read with.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub root: &'a SiteRoot,
    pub file: &'a InputFile,
    /// Where the Markdown body starts in the file, for a Markdown file.
    pub body_at: Option<usize>,
}

impl Item {
    fn claim(&self, kind: Kind) -> crate::model::Claim {
        let (slug, origin, programs, participants) = match self {
            Item::Entry(e) => (&e.slug, &e.origin, &e.programs[..], &[][..]),
            Item::Programme(p) => (&p.slug, &p.origin, &[][..], &[][..]),
            Item::Event(e) => (&e.slug, &e.origin, &e.programs[..], &e.participants[..]),
            Item::Page(p) => (&p.slug, &p.origin, &[][..], &[][..]),
        };
        crate::model::Claim {
            kind,
            slug: slug.clone(),
            origin: origin.clone(),
            programs: programs.to_vec(),
            participants: participants.to_vec(),
        }
    }
}

/// One item read from a file: its claim whenever it has a slug, and the
/// item itself only when it has no problem.
pub(crate) struct Read {
    claim: crate::model::Claim,
    item: Option<Item>,
}

/// One validated item of a file.
pub enum Item {
    Entry(Box<Entry>),
    Programme(Box<Programme>),
    Event(Box<Event>),
    Page(Box<Page>),
}

/// Reads and checks every file; drafts are kept out unless `drafts`.
/// Returns the valid items, the claims of every item (valid or not) and
/// the problems.
pub fn validate(
    root: &SiteRoot,
    config: &Config,
    files: &[InputFile],
    drafts: bool,
) -> (Content, Vec<crate::model::Claim>, Vec<Diagnostic>) {
    let results: Vec<(Vec<Read>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let ctx = Ctx {
                config,
                root,
                file,
                body_at: None,
            };
            read_file(&ctx)
        })
        .collect();
    let mut content = Content::default();
    let mut claims = Vec::new();
    let mut diags = Vec::new();
    for (reads, mut d) in results {
        diags.append(&mut d);
        for read in reads {
            claims.push(read.claim);
            let Some(item) = read.item else {
                continue;
            };
            match item {
                Item::Entry(e) => content.entries.push(*e),
                Item::Programme(p) => content.programmes.push(*p),
                Item::Event(e) => content.events.push(*e),
                Item::Page(p) => content.pages.push(*p),
            }
        }
    }
    refs::check(&claims, config, &mut diags);
    if !drafts {
        content.entries.retain(|e| !e.draft);
        content.programmes.retain(|p| !p.draft);
        content.events.retain(|e| !e.draft);
        content.pages.retain(|p| !p.draft);
    }
    (content, claims, diags)
}

fn read_file(ctx: &Ctx) -> (Vec<Read>, Vec<Diagnostic>) {
    let file = ctx.file;
    let limit = match file.form {
        Form::Markdown => MAX_ENTRY_FILE,
        Form::Yaml => MAX_LIST_FILE,
    };
    let text = match load::read_text(&file.abs, &file.rel, limit) {
        Ok(t) => t,
        Err(d) => return (Vec::new(), vec![d]),
    };
    if text.len() as u64 > MAX_ENTRY_FILE && !load::looks_like_list(&text) {
        let d = Diagnostic::file(
            Code::TooLarge,
            file.rel.clone(),
            load::too_large(
                text.len() as u64,
                MAX_ENTRY_FILE,
                "only a list of entries may be larger; for one entry ",
            ),
        );
        return (Vec::new(), vec![d]);
    }
    match file.form {
        Form::Markdown => markdown_file(ctx, &text),
        Form::Yaml => yaml_file(ctx, text),
    }
}

fn markdown_file(ctx: &Ctx, text: &str) -> (Vec<Read>, Vec<Diagnostic>) {
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
        ..*ctx
    };
    let item = match &value {
        Value::Mapping(map) => read_item(&mut doc, map, &ctx, Some(split.body)),
        _ => {
            doc.bad_entry(
                Code::NotAnEntry,
                "the front matter must be `field: value` lines",
            );
            None
        }
    };
    (item.into_iter().collect(), doc.diags)
}

fn yaml_file(ctx: &Ctx, text: String) -> (Vec<Read>, Vec<Diagnostic>) {
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
                match v {
                    Value::Mapping(map) => items.extend(read_item(&mut doc, map, ctx, None)),
                    _ => doc.bad_entry(Code::NotAnEntry, format!("each item of a list file must be an entry of `field: value` lines, found {}", yaml::type_name(v))),
                }
                diags.append(&mut doc.diags);
            }
        }
        Value::Null => {} // an empty file holds no entries
        other => {
            let mut doc = Doc::whole(&source);
            doc.bad_entry(
                Code::NotAnEntry,
                format!(
                    "expected the fields of an entry or a list of entries, found {}",
                    yaml::type_name(other)
                ),
            );
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
    Some(Read {
        claim: item.claim(kind),
        item: doc.diags.is_empty().then_some(item),
    })
}

/// The slug of an item: the `slug` field, else from the file name (a file
/// of one entry) or from `name` (an item of a list file).
fn slug(doc: &mut Doc, ctx: &Ctx, field: Option<&Value>, name: &str) -> Option<(String, Pos)> {
    let (slug, pos) = match field {
        Some(v) => {
            let text = doc.required_text("slug", v)?;
            if !slugs::is_valid(&text) {
                let better = slugs::slugify(&text);
                doc.bad("slug", Code::BadSlug, format!("slug \"{text}\" must be lowercase letters, digits and single hyphens, e.g. \"{better}\""));
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
                        "cannot make an address from this name: add a `slug` field",
                    );
                }
                return None;
            }
            (s, doc.start)
        }
        None => {
            let s = slugs::slugify(ctx.file.stem());
            if s.is_empty() {
                doc.bad_entry(Code::BadSlug, "cannot make an address from this file name: rename the file or add a `slug` field");
                return None;
            }
            (s, doc.start)
        }
    };
    if slug == crate::routes::PAGED {
        doc.error(
            pos,
            Code::ReservedAddress,
            "the slug `halaman` is reserved for listing pages (…/halaman/2/); choose another",
        );
        return None;
    }
    Some((slug, pos))
}
