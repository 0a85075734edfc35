//! Markdown from entries to HTML, safe by construction.
//!
//! Rather than sanitising HTML after the fact, the pulldown-cmark event
//! stream is filtered before HTML is written: raw HTML becomes text, link
//! and image addresses are kept only for safe schemes, and heading
//! attributes are never parsed. What pulldown-cmark then writes is escaped
//! by it, so no script, event handler, iframe or javascript:/data: URL can
//! come out.

mod autolink;

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
pub(crate) fn render(markdown: &str, scope: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut in_comment = false;
    let footnote = |label: CowStr<'_>| CowStr::from(format!("fn-{scope}-{label}"));
    let markdown = &*defused(markdown);
    // The page's own title is its only h1: the text's highest heading
    // becomes h2 and the others keep their distance from it, so levels
    // are never skipped below the title. Found in a pass of its own: the
    // events are streamed, never all held (a 1 MiB text can be a million).
    let top = Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let parsed = Parser::new_ext(markdown, options());
    let level = |l: HeadingLevel| shifted(l, top);
    // Inside a link, an image or a code block, text stays text.
    let mut inside = 0usize;
    let events = parsed.into_iter().flat_map(|event| {
        let one = |e| vec![e];
        match event {
            // Raw HTML is shown as text, except comments, which are notes for
            // the office and are dropped (one may span several HTML events).
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let text = without_comments(&raw, &mut in_comment);
                if text.is_empty() {
                    return Vec::new();
                }
                one(Event::Text(text.into()))
            }
            Event::Text(text) if inside == 0 => linked(text),
            Event::FootnoteReference(label) => one(Event::FootnoteReference(footnote(label))),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                one(Event::Start(Tag::FootnoteDefinition(footnote(label))))
            }
            Event::Start(Tag::Heading {
                level: l,
                id,
                classes,
                attrs,
            }) => one(Event::Start(Tag::Heading {
                level: level(l),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(l)) => one(Event::End(TagEnd::Heading(level(l)))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                inside += 1;
                one(Event::Start(Tag::Link {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                inside += 1;
                one(Event::Start(Tag::Image {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }))
            }
            // A table scrolls sideways inside its own box on a narrow
            // screen; the box takes focus so it scrolls by keyboard too.
            Event::Start(Tag::Table(align)) => vec![
                Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()),
                Event::Start(Tag::Table(align)),
            ],
            Event::End(TagEnd::Table) => {
                vec![Event::End(TagEnd::Table), Event::Html("</div>\n".into())]
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                inside += 1;
                one(Event::Start(Tag::CodeBlock(kind)))
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock)) => {
                inside = inside.saturating_sub(1);
                one(Event::End(end))
            }
            other => one(other),
        }
    });
    html::push_html(&mut out, events);
    out
}

/// How deep block quotes may nest; a `>` past it is text. Deeper quoting
/// means nothing on a page, and a million `>` cost the parser gigabytes.
const MAX_QUOTE_DEPTH: usize = 16;

/// How many `[` in a row may open links; the rest are text. No link needs
/// more, and a million in a row cost the parser a node each.
const MAX_BRACKET_RUN: usize = 32;

/// `markdown` with block quotes nested no deeper than [`MAX_QUOTE_DEPTH`]
/// and runs of `[` no longer than [`MAX_BRACKET_RUN`]: each `>` or `[`
/// past them is escaped (`\>`, `\[`), so it shows as written.
fn defused(markdown: &str) -> std::borrow::Cow<'_, str> {
    let markdown = unbracketed(markdown);
    match quotes_defused(&markdown) {
        std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o),
        std::borrow::Cow::Borrowed(_) => markdown,
    }
}

fn unbracketed(markdown: &str) -> std::borrow::Cow<'_, str> {
    let run = "[".repeat(MAX_BRACKET_RUN + 1);
    if !markdown.contains(&run) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut in_run = 0;
    for c in markdown.chars() {
        if c == '[' {
            in_run += 1;
            if in_run > MAX_BRACKET_RUN {
                out.push('\\');
            }
        } else {
            in_run = 0;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

fn quotes_defused(markdown: &str) -> std::borrow::Cow<'_, str> {
    let deep = |line: &str| {
        line.trim_start()
            .bytes()
            .filter(|b| *b != b' ')
            .take_while(|b| *b == b'>')
            .nth(MAX_QUOTE_DEPTH)
            .is_some()
    };
    if !markdown.lines().any(deep) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    for line in markdown.split_inclusive('\n') {
        if !deep(line) {
            out.push_str(line);
            continue;
        }
        let mut seen = 0;
        let mut chars = line.char_indices();
        for (i, c) in chars.by_ref() {
            match c {
                '>' if seen < MAX_QUOTE_DEPTH => seen += 1,
                '>' => {
                    out.push('\\');
                    out.push_str(&line[i..]);
                    break;
                }
                ' ' | '\t' => {}
                _ => {
                    out.push_str(&line[i..]);
                    break;
                }
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A text with its phone numbers and e-mail addresses as links.
fn linked(text: CowStr<'_>) -> Vec<Event<'_>> {
    let pieces = autolink::pieces(&text);
    if !pieces
        .iter()
        .any(|p| matches!(p, autolink::Piece::Link { .. }))
    {
        return vec![Event::Text(text)];
    }
    let mut out = Vec::new();
    for p in pieces {
        match p {
            autolink::Piece::Text(t) => out.push(Event::Text(t.to_string().into())),
            autolink::Piece::Link { text, href } => {
                out.push(Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Autolink,
                    dest_url: href.into(),
                    title: "".into(),
                    id: "".into(),
                }));
                out.push(Event::Text(text.to_string().into()));
                out.push(Event::End(TagEnd::Link));
            }
        }
    }
    out
}

/// The words of a Markdown text, without its markup (raw HTML included):
/// for the search index and page descriptions.
pub(crate) fn plain(md: &str) -> String {
    let md = &*defused(md);
    let mut out = String::with_capacity(md.len());
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text`, cut at a word, with `…` when cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
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

/// `level` moved so that `top` (the text's highest heading, 1 to 6)
/// becomes h2.
fn shifted(level: HeadingLevel, top: usize) -> HeadingLevel {
    match (level as usize + 2).saturating_sub(top) {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
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
pub(crate) fn is_safe_url(url: &str) -> bool {
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
    fn pathological_nesting_is_text_past_a_depth() {
        let html = render(&format!("{} dalam\n", ">".repeat(100_000)), "d");
        assert_eq!(html.matches("<blockquote>").count(), MAX_QUOTE_DEPTH);
        assert!(html.contains("&gt;&gt;&gt; dalam") || html.contains("&gt;&gt;&gt;dalam"));
        let html = render(&format!("{}](x)", "[".repeat(100_000)), "d");
        assert!(html.matches('[').count() >= 100_000 - 1);
        // Ordinary quoting and links are untouched.
        assert_eq!(
            defused("> a\n>> b\n[x](y) [[z]]"),
            "> a\n>> b\n[x](y) [[z]]"
        );
    }

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
        // The author's levels are kept below the title: no h1 → h3 skip.
        assert_eq!(render("## A\n\n### B", "t"), "<h2>A</h2>\n<h3>B</h3>\n");
        assert_eq!(render("### A\n\n#### B", "t"), "<h2>A</h2>\n<h3>B</h3>\n");
    }

    #[test]
    fn plain_text_and_excerpts() {
        assert_eq!(
            plain("# Judul\n\nKeripik **pedas** <b>x</b> [toko](https://a.example)."),
            "Judul Keripik pedas x toko."
        );
        assert_eq!(excerpt("satu dua tiga", 8), "satu…");
        assert_eq!(excerpt("satu", 8), "satu");
    }

    #[test]
    fn phones_and_emails_in_text_are_links() {
        let html = render("Telepon (021) 8800-0100, e-mail a.b@example.go.id. [0812-1111-2222](https://x.example)", "t");
        assert!(
            html.contains("<a href=\"tel:+622188000100\">(021) 8800-0100</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"mailto:a.b@example.go.id\">a.b@example.go.id</a>."),
            "{html}"
        );
        // Inside a link it stays the link's text.
        assert!(
            html.contains("<a href=\"https://x.example\">0812-1111-2222</a>"),
            "{html}"
        );
    }

    #[test]
    fn heading_attributes_are_not_parsed() {
        let html = render("# Title {#id onclick=alert(1)}", "t");
        assert!(!html.contains("onclick=\""), "{html}");
    }
}
