//! Checks across files: slugs unique within their kind, and references
//! (programmes, event participants) that lead somewhere.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Claim, Kind, Origin};
use std::collections::{HashMap, HashSet};

/// The checks across files, over the claims of every item, valid or not.
pub(crate) fn check(claims: &[Claim], config: &Config, diags: &mut Vec<Diagnostic>) {
    let mut slugs = Slugs::default();
    for c in claims {
        slugs.claim(c.kind, c.slug, c.origin, diags);
        if c.kind == Kind::Halaman {
            let reserved = crate::routes::TOP_LEVEL.contains(&c.slug)
                || config.languages.iter().any(|l| l == c.slug);
            if reserved {
                diags.push(Diagnostic::at(
                    Code::ReservedAddress,
                    c.origin.file.clone(),
                    c.origin.slug_pos,
                    format!(
                        "the address /{}/ is used by the site itself; give this page another slug",
                        c.slug
                    ),
                ));
            }
        }
    }
    let programmes: HashSet<&str> = claims
        .iter()
        .filter(|c| c.kind == Kind::Program)
        .map(|c| c.slug)
        .collect();
    for c in claims {
        for r in c.programs {
            if !programmes.contains(r.target.as_str()) {
                let hint = crate::diagnostic::nearest(&r.target, programmes.iter().copied())
                    .map(|s| format!(": did you mean `{s}`?"))
                    .unwrap_or_else(|| "; programmes are the files in content/program".into());
                diags.push(Diagnostic::at(
                    Code::UnknownProgramme,
                    c.origin.file.clone(),
                    r.pos,
                    format!("unknown programme `{}`{hint}", r.target),
                ));
            }
        }
        for r in c.participants {
            if let Some(message) = participant_problem(&r.target, &slugs) {
                diags.push(Diagnostic::at(
                    Code::BadParticipant,
                    c.origin.file.clone(),
                    r.pos,
                    message,
                ));
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
                    Code::DuplicateSlug,
                    origin.file.clone(),
                    origin.slug_pos,
                    message.clone(),
                ));
                diags.push(Diagnostic::at(
                    Code::DuplicateSlug,
                    first.file.clone(),
                    first.slug_pos,
                    message,
                ));
            }
            None => {
                self.seen.insert((kind, slug.to_string()), origin.clone());
            }
        }
    }
}
