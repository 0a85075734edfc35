//! The files published with the pages: the theme's static files and the
//! site's static/ (which wins over the theme's), as they are; the widths
//! of the pictures entries name (`pictures.rs`), made when the cache lacks
//! them; and the check that none of them takes a generated address.

use super::Failure;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::hash::fnv;
use crate::index::Site;
use crate::model::{Claim, Content};
use crate::output::Sink;
use crate::paths;
use crate::routes;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// The address of each of the theme's static files (`assets/etalase.css`
/// → `/assets/etalase.css?v=1a2b3c4d`), with a version from its bytes so
/// browsers fetch it again only when it changes. Templates ask for one by
/// its path (`asset(path="assets/cari.js")`), so a theme may name its
/// files as it likes and a missing one is an error, not a silent gap.
#[derive(Default, Debug, Hash)]
pub(super) struct Assets(BTreeMap<String, String>);

impl Assets {
    pub(super) fn url(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }
}

/// Every picture entries name.
fn pictures(content: &Content) -> impl Iterator<Item = &crate::model::Asset> {
    content.entries.iter().flat_map(|e| {
        e.logo
            .iter()
            .chain(&e.images)
            .chain(e.products.iter().filter_map(|p| p.image.as_ref()))
    })
}

/// The widths of the pictures entries name: output path → its bytes (in
/// the site's picture cache). The originals are not published.
fn media(content: &Content) -> BTreeMap<&str, &std::path::Path> {
    let mut media = BTreeMap::new();
    for a in pictures(content) {
        for (output, file) in a.sizes.iter().flat_map(|s| s.files()) {
            media.insert(output, file);
        }
    }
    media
}

/// Makes the widths of every picture not yet in the cache, in parallel
/// (each picture decoded once); a picture that cannot be decoded is a
/// problem of its file.
fn make_pictures(site: &Site) -> Result<(), Failure> {
    // By the cache's file: two pictures of the same bytes are made once.
    let mut todo: BTreeMap<&std::path::Path, &crate::model::Asset> = BTreeMap::new();
    for a in pictures(&site.content) {
        if let Some(first) = a.sizes.first() {
            if a.sizes
                .iter()
                .flat_map(|s| s.files())
                .any(|(_, f)| !f.is_file())
            {
                todo.entry(first.made.file.as_path()).or_insert(a);
            }
        }
    }
    let problems: Vec<Diagnostic> = todo
        .par_iter()
        .map(|(_, a)| (a.source.as_path(), a))
        .filter_map(|(source, a)| {
            let made = crate::pictures::Made {
                width: a.width,
                height: a.height,
                sizes: a.sizes.iter().map(|s| s.made.clone()).collect(),
            };
            crate::pictures::make(&made, source, site.config.images)
                .err()
                .map(|e| {
                    let rel = a.copy_from.clone().unwrap_or_else(|| a.written.clone());
                    Diagnostic::file(Code::BadPicture, rel, e)
                })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Content(problems))
    }
}

/// Reports every file of static/ that would take an address the site
/// writes itself: a page, a picture, a file of the route table, or a path
/// where the site needs a folder (or a folder where it needs a file).
/// Runs on the validated content before it is indexed, so these problems
/// come in the same report as the content's own.
pub(crate) fn check_static(
    config: &Config,
    content: &Content,
    claims: &[Claim<'_>],
    static_files: &[(String, PathBuf)],
    diags: &mut Vec<Diagnostic>,
) {
    if static_files.is_empty() {
        return;
    }
    let mut written: HashSet<String> = HashSet::new();
    for (li, code) in config.languages.iter().enumerate() {
        let prefix = paths::language_prefix(li, code);
        for path in routes::first_pages(config, claims, li == 0) {
            written.insert(paths::page_file(&prefix, &path));
        }
    }
    written.extend(media(content).into_keys().map(str::to_string));
    let mut folders: HashSet<&str> = HashSet::new();
    for f in &written {
        for dir in parents(f) {
            if !folders.insert(dir) {
                break;
            }
        }
    }
    let free_pages: Vec<&str> = claims
        .iter()
        .filter(|c| c.kind == crate::model::Kind::Halaman)
        .map(|c| c.slug)
        .collect();
    for (rel, _) in static_files {
        let clash = written.contains(rel)
            || folders.contains(rel.as_str())
            || parents(rel).any(|dir| written.contains(dir))
            || paths::is_reserved_file(rel, free_pages.iter().copied(), &config.languages);
        if clash {
            diags.push(Diagnostic::file(
                Code::StaticClash,
                format!("static/{rel}"),
                msg!(
                    "berkas ini akan menimpa halaman atau gambar yang dibuat situs; ganti namanya atau hapus",
                    "this file would replace a page or picture the site writes; rename or remove it"
                ),
            ));
        }
    }
}

/// The folders above a path: `a/b/c` → `a/b`, `a`.
fn parents(rel: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(rel.rsplit_once('/').map(|(dir, _)| dir), |dir| {
        dir.rsplit_once('/').map(|(up, _)| up)
    })
}

/// Publishes the theme's static files, the site's static/ and the
/// pictures; returns the asset addresses.
pub(super) fn copy_static(
    site: &Site,
    theme: &Theme,
    static_files: &[(String, PathBuf)],
    out: &dyn Sink,
    files: &mut Vec<String>,
    copy: bool,
) -> Result<Assets, Failure> {
    let io = |e: std::io::Error, what: &str| {
        Failure::Io(msg!(
            "{what} tidak bisa disalin: {e}",
            "cannot copy {what}: {e}"
        ))
    };
    let site_static: BTreeMap<&str, &PathBuf> = static_files
        .iter()
        .map(|(rel, abs)| (rel.as_str(), abs))
        .collect();
    let mut assets = Assets::default();
    for (rel, source) in &theme.static_files {
        let bytes = match site_static.get(rel.as_str()) {
            Some(abs) => std::fs::read(abs).map_err(|e| io(e, rel))?,
            None => source.read().map_err(|d| Failure::Io(d.message))?,
        };
        let url = format!(
            "{}{}?v={:08x}",
            site.config.base_path,
            crate::urls::encode_path(rel),
            fnv(&bytes) as u32
        );
        assets.0.insert(rel.clone(), url);
        if copy && !site_static.contains_key(rel.as_str()) {
            out.write(rel, &bytes).map_err(|e| io(e, rel))?;
            files.push(rel.clone());
        }
    }
    if !copy {
        return Ok(assets);
    }
    let media = media(&site.content);
    if !out.makes_pictures() {
        // Listed (their addresses are checked), not made.
        for to in media.keys() {
            out.write(to, &[]).map_err(|e| io(e, to))?;
            files.push(to.to_string());
        }
    } else {
        make_pictures(site)?;
    }
    let media = if out.makes_pictures() {
        media
    } else {
        BTreeMap::new()
    };
    let copies: Vec<(&str, PathBuf)> = site_static
        .iter()
        .map(|(rel, abs)| (*rel, (*abs).clone()))
        .chain(media.iter().map(|(to, from)| (*to, from.to_path_buf())))
        .collect();
    copies
        .par_iter()
        .try_for_each(|(to, from)| out.copy(to, from).map_err(|e| io(e, to)))?;
    files.extend(copies.into_iter().map(|(to, _)| to.to_string()));
    Ok(assets)
}
