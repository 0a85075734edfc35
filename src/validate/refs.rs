//! Checks across files: slugs unique within their kind, and references
//! (programmes, event participants) that lead somewhere.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Suggester};
use crate::message::Message;
use crate::model::{Claim, Kind, Origin};
use std::collections::{HashMap, HashSet};

/// The checks across files, over the claims of every item, valid or not.
/// `unread` holds the slugs guessed for files that could not be read at
/// all: a reference to one is not reported, since the file's own problem
/// already is, and fixing it may be all that is needed.
pub(crate) fn check(
    claims: &[Claim],
    unread: &[(Kind, String)],
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) {
    let mut slugs = Slugs {
        unread: unread.iter().cloned().collect(),
        ..Slugs::default()
    };
    for c in claims {
        slugs.claim(c.kind, c.slug, c.origin, diags);
        if c.kind == Kind::Halaman {
            let reserved = crate::paths::TOP_LEVEL.contains(&c.slug)
                || config.languages.iter().any(|l| l == c.slug);
            if reserved {
                diags.push(Diagnostic::at(
                    Code::ReservedAddress,
                    c.origin.file.clone(),
                    c.origin.slug_pos,
                    {
                        let s = c.slug;
                        msg!(
                            "alamat /{s}/ dipakai situs sendiri; beri halaman ini slug lain",
                            "the address /{s}/ is used by the site itself; give this page another slug"
                        )
                    },
                ));
            }
        }
    }
    let programmes: HashSet<&str> = claims
        .iter()
        .filter(|c| c.kind == Kind::Program)
        .map(|c| c.slug)
        .chain(
            unread
                .iter()
                .filter(|(k, _)| *k == Kind::Program)
                .map(|(_, s)| s.as_str()),
        )
        .collect();
    let cache = Suggesters::new();
    let programme_hints = Suggester::new(programmes.iter().copied());
    for c in claims {
        for r in c.programs {
            if !programmes.contains(r.target.as_str()) {
                let t = &r.target;
                let message = match programme_hints.nearest(t) {
                    Some(s) => msg!(
                        "program `{t}` tidak dikenal: maksud Anda `{s}`?",
                        "unknown programme `{t}`: did you mean `{s}`?"
                    ),
                    None => msg!(
                        "program `{t}` tidak dikenal; program adalah berkas di content/program",
                        "unknown programme `{t}`; programmes are the files in content/program"
                    ),
                };
                diags.push(Diagnostic::at(
                    Code::UnknownProgramme,
                    c.origin.file.clone(),
                    r.pos,
                    message,
                ));
            }
        }
        for r in c.participants {
            if let Some(message) = participant_problem(&r.target, &slugs, &cache) {
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
fn participant_problem<'a>(
    target: &str,
    slugs: &'a Slugs,
    cache: &'a Suggesters<'a>,
) -> Option<Message> {
    let has = |kind: Kind, slug: &str| slugs.seen.contains_key(&(kind, slug.to_string()));
    if let Some((k, s)) = target.split_once('/') {
        let kind = Kind::from_folder(k);
        if kind.is_some_and(|k| slugs.unread.contains(&(k, s.to_string()))) {
            return None;
        }
    }
    // The kinds that hold an entry with this slug, for a suggestion.
    let holders = |slug: &str| -> Vec<String> {
        Kind::DIRECTORY
            .iter()
            .filter(|k| has(**k, slug))
            .map(|k| format!("`{}/{slug}`", k.folder()))
            .collect()
    };
    let Some((kind_text, slug)) = target.split_once('/') else {
        let found = holders(target);
        return Some(match found.first() {
            Some(h) => msg!(
                "peserta `{target}` harus ditulis jenis/slug: maksud Anda {h}?",
                "participant `{target}` must be written kind/slug: did you mean {h}?"
            ),
            None => msg!(
                "peserta `{target}` harus ditulis jenis/slug, misalnya umkm/{target}; tidak ada entri dengan slug `{target}`",
                "participant `{target}` must be written kind/slug, e.g. umkm/{target}; no entry has the slug `{target}`"
            ),
        });
    };
    let Some(kind) = Kind::from_folder(kind_text).filter(|k| k.is_directory()) else {
        return Some(msg!(
            "peserta `{target}`: `{kind_text}` bukan jenis entri; peserta diawali umkm/, koperasi/ atau pkl/",
            "participant `{target}`: `{kind_text}` is not a kind of entry; a participant starts with umkm/, koperasi/ or pkl/"
        ));
    };
    if has(kind, slug) {
        return None;
    }
    let elsewhere = holders(slug);
    let suggestion = match elsewhere.first() {
        Some(h) => Some(h.clone()),
        None => slugs
            .suggester(cache, kind)
            .nearest(slug)
            .map(|s| format!("`{kind_text}/{s}`")),
    };
    let base = msg!(
        "peserta `{target}` tidak ditemukan: tidak ada entri di content/{kind_text} dengan slug `{slug}`",
        "participant `{target}` not found: no entry in content/{kind_text} has the slug `{slug}`"
    );
    Some(match suggestion {
        Some(h) => base.then("", &msg!(": maksud Anda {h}?", ": did you mean {h}?")),
        None => base,
    })
}

#[derive(Default)]
struct Slugs {
    seen: HashMap<(Kind, String), Origin>,
    unread: HashSet<(Kind, String)>,
}

/// "Did you mean" among the slugs of each directory kind, made on the
/// first reference that needs one.
type Suggesters<'a> = std::cell::OnceCell<HashMap<Kind, Suggester<'a>>>;

impl Slugs {
    fn suggester<'a>(&'a self, cache: &'a Suggesters<'a>, kind: Kind) -> &'a Suggester<'a> {
        let all = cache.get_or_init(|| {
            Kind::DIRECTORY
                .iter()
                .map(|&k| {
                    let slugs = self
                        .seen
                        .keys()
                        .filter(|(kk, _)| *kk == k)
                        .map(|(_, s)| s.as_str());
                    (k, Suggester::new(slugs))
                })
                .collect()
        });
        &all[&kind]
    }

    fn claim(&mut self, kind: Kind, slug: &str, origin: &Origin, diags: &mut Vec<Diagnostic>) {
        match self.seen.get(&(kind, slug.to_string())) {
            Some(first) => {
                let (a, al, b, bl) = (
                    &first.file,
                    first.slug_pos.line,
                    &origin.file,
                    origin.slug_pos.line,
                );
                let folder = kind.folder();
                let message = msg!(
                    "slug `{slug}` dipakai dua kali di {folder}: oleh {a}:{al} dan {b}:{bl}",
                    "duplicate slug `{slug}` in {folder}: claimed by {a}:{al} and {b}:{bl}"
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
