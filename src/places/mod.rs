//! Place names as staff and residents write them: matching that ignores
//! case, spaces and the words put before a name (`Kec.`, `Kelurahan`),
//! the spellings a resident may type (`spellings.rs`), and Indonesia's
//! regions bundled in the binary (`region.rs`). site.yaml, validation,
//! the index, search and import all match places here, one way.

pub(crate) mod region;
mod spellings;

pub(crate) use spellings::spellings;

/// Words written before a district's name, longest first.
const DISTRICT_PREFIXES: &[&str] = &["kecamatan", "kec."];
/// Words written before a village's name, longest first.
const VILLAGE_PREFIXES: &[&str] = &["kelurahan", "kel.", "desa", "ds."];

/// A district's name as staff wrote it, without `Kec.` or `Kecamatan`.
pub(crate) fn bare_district_name(name: &str) -> &str {
    without_prefix(name, DISTRICT_PREFIXES).unwrap_or(name)
}

/// A village's name without `Kel.`, `Kelurahan`, `Desa` or `Ds.`.
pub(crate) fn bare_village_name(name: &str) -> &str {
    without_prefix(name, VILLAGE_PREFIXES).unwrap_or(name)
}

/// `name` without one of `prefixes` (in any case) and the space after
/// it; `Kec Bekasi Timur` (no point) too.
fn without_prefix<'n>(name: &'n str, prefixes: &[&str]) -> Option<&'n str> {
    let name = name.trim();
    for p in prefixes {
        let bare = p.trim_end_matches('.');
        for form in [*p, bare] {
            let Some(head) = name.get(..form.len()) else {
                continue;
            };
            if head.eq_ignore_ascii_case(form) {
                let rest = &name[form.len()..];
                // A whole word: `Desa` in `Desa Baru`, not in `Desari`.
                if form.ends_with('.') || rest.starts_with(char::is_whitespace) {
                    let rest = rest.trim_start();
                    if !rest.is_empty() {
                        return Some(rest);
                    }
                }
            }
        }
    }
    None
}

/// How names are matched: case and white space do not count.
pub(crate) fn match_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}
