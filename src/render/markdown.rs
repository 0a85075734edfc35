//! Markdown from entries to HTML, safe by construction.
//!
//! Rather than sanitising HTML after the fact, the pulldown-cmark event
//! stream is filtered before HTML is written: raw HTML becomes text, link
//! and image addresses are kept only for safe schemes, and heading
//! attributes are never parsed. What pulldown-cmark then writes is escaped
//! by it, so no script, event handler, iframe or javascript:/data: URL can
//! come out.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Renders `markdown` to sanitised HTML. `scope` names this text among
/// the others of its page (`d` for a description, `p2` for the third
/// product's): footnote ids are `fn-SCOPE-LABEL`, so they are unique on the
/// page and never clash with the theme's own ids.
pub fn render(markdown: &str, scope: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut in_comment = false;
    let footnote = |label: CowStr<'_>| CowStr::from(format!("fn-{scope}-{label}"));
    let events = Parser::new_ext(markdown, options()).filter_map(|event| {
        Some(match event {
            // Raw HTML is shown as text, except comments, which are notes for
            // the office and are dropped (one may span several HTML events).
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let text = without_comments(&raw, &mut in_comment);
                if text.is_empty() {
                    return None;
                }
                Event::Text(text.into())
            }
            Event::FootnoteReference(label) => Event::FootnoteReference(footnote(label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(footnote(label)))
            }
            // The page's own title is its only h1: headings in a description
            // start one level lower.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            other => other,
        })
    });
    html::push_html(&mut out, events);
    out
}

/// `raw` with its HTML comments (`<!-- … -->`) taken out; `open` says
/// whether a comment opened in an earlier piece is still open.
fn without_comments(raw: &str, open: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = raw;
    loop {
        if *open {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *open = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    *open = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Keeps an address whose scheme is safe (`is_safe_url`); anything else
/// becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// True for an address with the scheme http, https, mailto or tel, or with
/// no scheme (a relative link or a fragment).
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore these characters inside a scheme ("java\tscript:").
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(64)
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nNote[^1]\n\n[^1]: foot\n",
            "t",
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>x</del>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote"));
        assert!(html.contains("id=\"fn-t-1\""), "{html}");
        assert!(html.contains("href=\"#fn-t-1\""), "{html}");
    }

    #[test]
    fn drops_html_comments_and_shows_other_html_as_text() {
        let html = render(
            "Teks <!-- catatan rahasia --> di sini.\n\n<!--\nblok\nrahasia\n-->\n\n<b>tebal</b>\n",
            "t",
        );
        assert!(!html.contains("rahasia"), "{html}");
        assert!(html.contains("Teks"), "{html}");
        assert!(html.contains("&lt;b&gt;tebal&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn raw_html_becomes_text() {
        let html = render(
            "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <iframe src=x></iframe>",
            "t",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn unsafe_schemes_are_dropped() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java\tscript:alert(1))",
            "![x](data:image/svg+xml;base64,AAAA)",
            "[x](vbscript:msgbox)",
            "<javascript:alert(1)>",
        ] {
            let html = render(md, "t");
            for attr in ["href=\"", "src=\""] {
                for value in html.split(attr).skip(1) {
                    let value: String = value
                        .chars()
                        .take_while(|c| *c != '"')
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let value = value.to_lowercase();
                    assert!(
                        !value.contains("script:") && !value.starts_with("data:"),
                        "{md} -> {html}"
                    );
                }
            }
        }
        assert!(render("[x](https://a.example/)", "t").contains("href=\"https://a.example/\""));
        assert!(render("[x](/umkm/a/)", "t").contains("href=\"/umkm/a/\""));
    }

    #[test]
    fn headings_start_below_the_page_title() {
        assert_eq!(render("# A\n\n###### B", "t"), "<h2>A</h2>\n<h6>B</h6>\n");
    }

    #[test]
    fn heading_attributes_are_not_parsed() {
        let html = render("# Title {#id onclick=alert(1)}", "t");
        assert!(!html.contains("onclick=\""), "{html}");
    }
}
