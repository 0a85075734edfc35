//! Drops the indentation and blank lines that templates leave in pages:
//! about a tenth of every page, bytes a resident on a slow network need
//! not download. Text inside `pre`, `textarea`, `script` and `style`
//! elements is kept exactly, since white space matters there.

/// Elements whose content is copied untouched.
const RAW: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// The page with each line's leading spaces and tabs, and empty lines,
/// removed outside raw elements. Line breaks stay, so rendering is the same.
pub(super) fn compact(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    let mut at_line_start = true;
    let mut raw: Option<&[u8]> = None;
    while i < html.len() {
        if at_line_start && raw.is_none() {
            let b = html[i];
            if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
                i += 1;
                continue;
            }
            at_line_start = false;
        }
        // Copy up to the next byte that matters in one go: most of a page
        // is plain runs of text and tags.
        let rest = &html[i..];
        let run = rest
            .iter()
            .position(|&b| b == b'<' || b == b'\n')
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..run]);
        i += run;
        let Some(&b) = html.get(i) else {
            break;
        };
        if b == b'<' {
            match raw {
                Some(name) => {
                    if html[i + 1..].starts_with(b"/") && tag_at(html, i + 2, name) {
                        raw = None;
                    }
                }
                None => raw = RAW.into_iter().find(|name| tag_at(html, i + 1, name)),
            }
        }
        out.push(b);
        if b == b'\n' {
            at_line_start = true;
        }
        i += 1;
    }
    out
}

/// True when `name` stands at `at`, followed by the end of the tag name.
fn tag_at(html: &[u8], at: usize, name: &[u8]) -> bool {
    let end = at + name.len();
    html.len() > end
        && html[at..end].eq_ignore_ascii_case(name)
        && matches!(html[end], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn run(s: &str) -> String {
        String::from_utf8(compact(s.as_bytes())).unwrap()
    }

    #[test]
    fn drops_indentation_and_blank_lines() {
        assert_eq!(
            run("<div>\n    <p>a\n    b</p>\n\n\n  </div>\n"),
            "<div>\n<p>a\nb</p>\n</div>\n"
        );
    }

    #[test]
    fn keeps_raw_elements_exactly() {
        let pre = "<pre><code>fn a() {\n    b();\n\n}\n</code></pre>\n  <p>x</p>";
        assert_eq!(
            run(pre),
            "<pre><code>fn a() {\n    b();\n\n}\n</code></pre>\n<p>x</p>"
        );
        assert_eq!(
            run("<script>\n  a();\n</script>\n  x"),
            "<script>\n  a();\n</script>\nx"
        );
        // A tag that only starts like a raw one is not raw.
        assert_eq!(run("<prefix>\n  a"), "<prefix>\na");
    }
}
