//! Pictures named by entries: found next to the entry file, else in
//! static/, and never outside the site folder.

use super::Ctx;
use crate::diagnostic::Code;
use crate::model::Asset;
use crate::source::Doc;

const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "webp", "gif", "avif"];

/// Finds the picture `text` (at `key` in the entry); reports and returns
/// None when it is not a picture inside the site.
pub(crate) fn resolve(doc: &mut Doc, key: &str, text: &str, ctx: &Ctx) -> Option<Asset> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let (from_static, rel) = match text.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let safe = !rel.is_empty()
        && !rel.contains("://")
        && !rel.contains(':')
        && !rel.contains('\\')
        && !rel.chars().any(char::is_control)
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
    if !safe {
        doc.bad(key, Code::BadPicture, msg!("\"{text}\" harus jalur gambar di dalam situs, dihitung dari berkas entri atau dari static/ (tanpa `..`, bukan alamat web)", "\"{text}\" must be the path of a picture inside the site, relative to the entry file or to static/ (no `..`, no web address)"));
        return None;
    }
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)) {
        doc.bad(
            key,
            Code::BadPicture,
            msg!(
                "\"{text}\" bukan gambar: pakai berkas .png, .jpg, .jpeg, .webp, .gif atau .avif",
                "\"{text}\" is not a picture: use a .png, .jpg, .jpeg, .webp, .gif or .avif file"
            ),
        );
        return None;
    }
    let dir = ctx.file.dir();
    let found = if !from_static {
        let site_rel = format!("{dir}/{rel}");
        let abs = ctx.root.path.join(&site_rel);
        (abs.is_file() && ctx.root.contains(&abs)).then(|| {
            let under_content = site_rel.strip_prefix("content/").unwrap_or(&site_rel);
            (
                abs,
                Some(site_rel.clone()),
                crate::paths::media(under_content),
            )
        })
    } else {
        None
    };
    let found = found.or_else(|| {
        let abs = ctx.root.path.join("static").join(rel);
        // Published as it is with static/; its widths go beside the
        // entries' pictures.
        (abs.is_file() && ctx.root.contains(&abs))
            .then(|| (abs, None, crate::paths::media(&format!("static/{rel}"))))
    });
    if let Some((abs, copy_from, output)) = found {
        return match crate::pictures::plan(&abs, &ctx.root.path, ctx.config.images) {
            Ok(made) => Some(Asset::made(text, copy_from, &output, abs, made)),
            Err(e) => {
                doc.bad(
                    key,
                    Code::BadPicture,
                    msg!("gambar \"{text}\": ", "picture \"{text}\": ").then("", &e),
                );
                None
            }
        };
    }
    doc.bad(
        key,
        Code::BadPicture,
        msg!(
            "gambar \"{text}\" tidak ditemukan di {dir}/ maupun di static/",
            "picture \"{text}\" not found in {dir}/ or in static/"
        ),
    );
    None
}
