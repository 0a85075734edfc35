//! Checks across files: slugs unique within their kind, and references
//! (programmes, event participants) that lead somewhere.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Content, Kind, Origin};
use std::collections::{HashMap, HashSet};

pub fn check(content: &Content, config: &Config, diags: &mut Vec<Diagnostic>) {
    let mut slugs = Slugs::default();
    for e in &content.entries {
        slugs.claim(e.kind, &e.slug, &e.origin, diags);
    }
    for p in &content.programmes {
        slugs.claim(Kind::Program, &p.slug, &p.origin, diags);
    }
    for e in &content.events {
        slugs.claim(Kind::Acara, &e.slug, &e.origin, diags);
    }
    for p in &content.pages {
        slugs.claim(Kind::Halaman, &p.slug, &p.origin, diags);
        let reserved = crate::routes::TOP_LEVEL.contains(&p.slug.as_str())
            || config.languages.contains(&p.slug);
        if reserved {
            diags.push(Diagnostic::at(
                p.origin.file.clone(),
                p.origin.slug_pos,
                format!(
                    "the address /{}/ is used by the site itself; give this page another slug",
                    p.slug
                ),
            ));
        }
    }
    let programmes: HashSet<&str> = content.programmes.iter().map(|p| p.slug.as_str()).collect();
    let programme_ref = |origin: &Origin, r: &crate::model::Ref, diags: &mut Vec<Diagnostic>| {
        if !programmes.contains(r.target.as_str()) {
            let hint = crate::diagnostic::nearest(&r.target, programmes.iter().copied())
                .map(|s| format!(": did you mean `{s}`?"))
                .unwrap_or_else(|| "; programmes are the files in content/program".into());
            diags.push(Diagnostic::at(
                origin.file.clone(),
                r.pos,
                format!("unknown programme `{}`{hint}", r.target),
            ));
        }
    };
    for e in &content.entries {
        for r in &e.programs {
            programme_ref(&e.origin, r, diags);
        }
    }
    for ev in &content.events {
        for r in &ev.programs {
            programme_ref(&ev.origin, r, diags);
        }
        for r in &ev.participants {
            if let Some(message) = participant_problem(&r.target, &slugs) {
                diags.push(Diagnostic::at(ev.origin.file.clone(), r.pos, message));
            }
        }
    }
}

/// What is wrong with a participant reference `kind/slug`, if anything.
fn participant_problem(target: &str, slugs: &Slugs) -> Option<String> {
    let has = |kind: Kind, slug: &str| slugs.seen.contains_key(&(kind, slug.to_string()));
    // The kinds that hold an entry with this slug, for a suggestion.
    let holders = |slug: &str| -> Vec<String> {
        Kind::DIRECTORY
            .iter()
            .filter(|k| has(**k, slug))
            .map(|k| format!("`{}/{slug}`", k.folder()))
            .collect()
    };
    let kinds = "umkm/, koperasi/ or pkl/";
    let Some((kind_text, slug)) = target.split_once('/') else {
        let found = holders(target);
        return Some(match found.first() {
            Some(h) => format!("participant `{target}` must be written kind/slug: did you mean {h}?"),
            None => format!(
                "participant `{target}` must be written kind/slug, e.g. umkm/{target}; no entry has the slug `{target}`"
            ),
        });
    };
    let Some(kind) = Kind::from_folder(kind_text).filter(|k| k.is_directory()) else {
        return Some(format!(
            "participant `{target}`: `{kind_text}` is not a kind of entry; a participant starts with {kinds}"
        ));
    };
    if has(kind, slug) {
        return None;
    }
    let elsewhere = holders(slug);
    let hint = if let Some(h) = elsewhere.first() {
        format!(": did you mean {h}?")
    } else {
        let same_kind = slugs
            .seen
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| s.as_str());
        match crate::diagnostic::nearest(slug, same_kind) {
            Some(s) => format!(": did you mean `{kind_text}/{s}`?"),
            None => String::new(),
        }
    };
    Some(format!(
        "participant `{target}` not found: no entry in content/{kind_text} has the slug `{slug}`{hint}"
    ))
}

#[derive(Default)]
struct Slugs {
    seen: HashMap<(Kind, String), Origin>,
}

impl Slugs {
    fn claim(&mut self, kind: Kind, slug: &str, origin: &Origin, diags: &mut Vec<Diagnostic>) {
        match self.seen.get(&(kind, slug.to_string())) {
            Some(first) => {
                let both = format!(
                    "{}:{} and {}:{}",
                    first.file, first.slug_pos.line, origin.file, origin.slug_pos.line
                );
                let message = format!(
                    "duplicate slug `{slug}` in {}: claimed by {both}",
                    kind.folder()
                );
                diags.push(Diagnostic::at(
                    origin.file.clone(),
                    origin.slug_pos,
                    message.clone(),
                ));
                diags.push(Diagnostic::at(first.file.clone(), first.slug_pos, message));
            }
            None => {
                self.seen.insert((kind, slug.to_string()), origin.clone());
            }
        }
    }
}
