//! sitemap.xml (split into parts past the protocol's limit) and
//! robots.txt, from the same list of pages the render wrote.

use super::Failure;
use crate::index::Site;

use crate::output::Sink;
use crate::paths;

/// Largest number of addresses in one sitemap file (the protocol's limit).
const SITEMAP_LIMIT: usize = 50_000;

pub(super) fn write_sitemap(
    site: &Site,
    out: &dyn Sink,
    urls: &[(String, Option<String>)],
    files: &mut Vec<String>,
) -> Result<(), Failure> {
    let io = |e: std::io::Error| {
        Failure::Io(msg!(
            "sitemap tidak bisa ditulis: {e}",
            "cannot write the sitemap: {e}"
        ))
    };
    let chunks: Vec<&[(String, Option<String>)]> = urls.chunks(SITEMAP_LIMIT).collect();
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut xml = String::with_capacity(chunk.len() * 90 + 200);
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, lastmod) in chunk {
            xml.push_str("  <url><loc>");
            xml.push_str(&crate::text::xml(loc));
            xml.push_str("</loc>");
            if let Some(d) = lastmod {
                xml.push_str("<lastmod>");
                xml.push_str(d);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if chunks.len() <= 1 {
        out.write(
            paths::SITEMAP,
            urlset(chunks.first().copied().unwrap_or(&[])).as_bytes(),
        )
        .map_err(io)?;
    } else {
        let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (i, chunk) in chunks.iter().enumerate() {
            let name = paths::sitemap_part(i + 1);
            out.write(&name, urlset(chunk).as_bytes()).map_err(io)?;
            files.push(name.clone());
            index.push_str(&format!(
                "  <sitemap><loc>{}{name}</loc></sitemap>\n",
                crate::text::xml(&site.config.base_url)
            ));
        }
        index.push_str("</sitemapindex>\n");
        out.write(paths::SITEMAP, index.as_bytes()).map_err(io)?;
    }
    files.push(paths::SITEMAP.into());
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}{}\n",
        site.config.base_url,
        paths::SITEMAP
    );
    out.write(paths::ROBOTS, robots.as_bytes()).map_err(io)?;
    files.push(paths::ROBOTS.into());
    out.write(paths::HEADERS, headers(&site.config.base_path).as_bytes())
        .map_err(io)?;
    files.push(paths::HEADERS.into());
    Ok(())
}

/// `_headers`, read by Netlify and Cloudflare Pages: the theme's files,
/// whose addresses carry a version of their bytes (`?v=`), are kept for a
/// year; the pages, the search index and the open data keep the hosts'
/// default, asked again on every visit (both send `max-age=0,
/// must-revalidate`): a rule for all of them would be joined to the
/// assets' one, as both hosts join the rules a path matches.
fn headers(base_path: &str) -> String {
    format!(
        "# Etalase: how long browsers may keep files (Netlify, Cloudflare Pages).\n\
         # Theme files: their addresses change with their bytes (?v=).\n\
         {base_path}{assets}/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        assets = paths::ASSETS
    )
}
