//! The site's private folder (`pribadi/KIND/SLUG.yaml`), where `import`
//! keeps personal data out of the entry files: read here only to check
//! it, never into the model, so nothing in it can reach an output. A file
//! that does not read as `field: value` lines, or names no entry, is
//! reported so the office notices it; neither stops a build.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{self, SiteRoot};
use crate::model::{Claim, Kind};

pub(crate) fn check(
    root: &SiteRoot,
    claims: &[Claim<'_>],
    drafted: &[(Kind, String)],
    diags: &mut Vec<Diagnostic>,
) {
    let dir = root.path.join(load::PRIVATE);
    if !dir.is_dir() {
        return;
    }
    let mut files = Vec::new();
    load::walk(root, &dir, diags, |p| files.push(p.to_path_buf()));
    for abs in files {
        let rel = root.rel(&abs);
        let parts: Vec<&str> = rel.split('/').collect();
        let Some(stem) = parts
            .last()
            .and_then(|f| f.strip_suffix(".yaml").or_else(|| f.strip_suffix(".yml")))
        else {
            continue;
        };
        let kind = (parts.len() == 3)
            .then(|| Kind::from_folder(parts[1]))
            .flatten();
        let known = kind.is_some_and(|k| {
            claims.iter().any(|c| c.kind == k && c.slug == stem)
                || drafted.iter().any(|(dk, s)| *dk == k && s == stem)
        });
        let readable = load::read_text(&abs, &rel, load::MAX_ENTRY_FILE)
            .ok()
            .and_then(|t| crate::yaml::parse(&t, 0).ok())
            .is_some_and(|v| v.is_mapping() || v.is_null());
        let message = if !readable {
            msg!(
                "data pribadi ini tidak terbaca sebagai baris `kolom: nilai`",
                "this personal data does not read as `field: value` lines"
            )
        } else if !known {
            let folder = parts.get(1).copied().unwrap_or("");
            msg!(
                "data pribadi ini tidak punya entri: tidak ada entri dengan alamat `{stem}` di content/{folder}; hapus bila usahanya sudah dihapus",
                "this personal data belongs to no entry: there is no entry `{stem}` in content/{folder}; remove it if the business was removed"
            )
        } else {
            continue;
        };
        diags.push(Diagnostic::file(Code::PrivateOrphan, rel, message));
    }
}
