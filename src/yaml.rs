//! All YAML parsing lives here, so the backend can change in one place.
//!
//! Parsing gives a `Value` tree; positions of keys and list items are found
//! afterwards by a light scan of the text (`Positions`), and only for files
//! that have a problem to report, so valid files pay nothing for it.

use crate::diagnostic::Pos;
use std::collections::HashMap;

pub use serde_yaml::{Mapping, Value};

/// A YAML syntax error with its place in the parsed text.
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses one YAML document. `line_offset` is added to reported lines (the
/// lines of a front matter block that precede it in the file).
pub fn parse(text: &str, line_offset: usize) -> Result<Value, SyntaxError> {
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos::new(l.line() + line_offset, l.column()))
            .unwrap_or(Pos::new(1 + line_offset, 1));
        SyntaxError {
            pos,
            message: clean_message(&e.to_string()),
        }
    })
}

/// Parses site-independent YAML (theme strings) into any deserializable type.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// Drops the " at line X column Y" tail: the position is printed in front.
fn clean_message(message: &str) -> String {
    let text = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    format!("invalid YAML: {text}")
}

/// A value's type, in words for error messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Where keys and list items stand in a block-style YAML text, by path
/// (`products.2.price`). Flow-style collections (`{a: 1}` on one line) are
/// not looked into: a lookup then falls back to the enclosing key.
#[derive(Default)]
pub struct Positions {
    /// path -> (position of the key or `-`, position of the value)
    places: HashMap<String, (Pos, Pos)>,
}

impl Positions {
    /// Scans `text`, whose first line is line `first_line` of its file.
    pub fn scan(text: &str, first_line: usize) -> Positions {
        let mut places = HashMap::new();
        // Open containers: (indent, path, next list index, is a list written
        // at its key's own indent).
        let mut frames: Vec<(usize, String, usize, bool)> = vec![(0, String::new(), 0, false)];
        // A key with no inline value: its children are on the following lines.
        let mut pending: Option<(usize, String)> = None;
        // Inside a block scalar (`|` or `>`): lines indented deeper than this.
        let mut block_scalar: Option<usize> = None;

        for (n, raw) in text.lines().enumerate() {
            let line = first_line + n;
            let body = raw.trim_end();
            let indent = body.len() - body.trim_start_matches(' ').len();
            let content = &body[indent..];
            if let Some(depth) = block_scalar {
                if content.is_empty() || indent > depth {
                    continue;
                }
                block_scalar = None;
            }
            if content.is_empty() || content.starts_with('#') || content == "---" {
                continue;
            }
            // Find the container this line belongs to.
            if let Some((parent_indent, path)) = pending.take() {
                let opens_list_here = indent == parent_indent && content.starts_with('-');
                if indent > parent_indent || opens_list_here {
                    frames.push((indent, path, 0, opens_list_here));
                }
            }
            while let Some(top) = frames.last().filter(|_| frames.len() > 1) {
                let ends_flat_list = top.3 && top.0 == indent && !content.starts_with('-');
                if top.0 > indent || ends_flat_list {
                    frames.pop();
                } else {
                    break;
                }
            }
            if frames.last().unwrap().0 != indent {
                continue; // continuation of a multi-line plain scalar
            }
            let mut col = indent;
            let mut rest = content;
            loop {
                let frame = frames.last_mut().unwrap();
                if rest == "-" || rest.starts_with("- ") {
                    let index = frame.2;
                    frame.2 += 1;
                    let path = join(&frame.1, &index.to_string());
                    let after = rest[1..].trim_start_matches(' ');
                    let value_col = col + (rest.len() - after.len());
                    places.insert(
                        path.clone(),
                        (Pos::new(line, col + 1), Pos::new(line, value_col + 1)),
                    );
                    if after.is_empty() {
                        pending = Some((col, path));
                        break;
                    }
                    frames.push((value_col, path, 0, false));
                    col = value_col;
                    rest = after;
                    continue;
                }
                if let Some((key, value_at)) = split_key(rest) {
                    let path = join(&frame.1, &key);
                    let value = rest[value_at..].trim_start_matches(' ');
                    let value_col = col + (rest.len() - value.len());
                    places.insert(
                        path.clone(),
                        (Pos::new(line, col + 1), Pos::new(line, value_col + 1)),
                    );
                    if value.is_empty() || value.starts_with('#') || value.starts_with('&') {
                        pending = Some((col, path));
                    } else if value.starts_with('|') || value.starts_with('>') {
                        block_scalar = Some(col);
                    }
                }
                break;
            }
        }
        Positions { places }
    }

    /// The position of the key at `path`, or of its nearest ancestor found.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.lookup(path).map(|(k, _)| k)
    }

    /// The position of the value at `path`, or of its nearest ancestor found.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.lookup(path).map(|(_, v)| v)
    }

    fn lookup(&self, mut path: &str) -> Option<(Pos, Pos)> {
        loop {
            if let Some(found) = self.places.get(path) {
                return Some(*found);
            }
            path = &path[..path.rfind('.')?];
        }
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// `key: value` or `"quoted key": value` -> (key, byte index after the colon).
fn split_key(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    if let Some(q @ (b'"' | b'\'')) = bytes.first().copied() {
        let close = s[1..].find(q as char)? + 1;
        let after = &s[close + 1..];
        let colon = after.len() - after.trim_start_matches(' ').len();
        if after[colon..].starts_with(':') {
            return Some((s[1..close].to_string(), close + 1 + colon + 1));
        }
        return None;
    }
    if matches!(
        bytes.first(),
        Some(b'{' | b'[' | b'|' | b'>' | b'&' | b'*' | b'!')
    ) {
        return None;
    }
    let mut i = 0;
    while let Some(off) = s[i..].find(':') {
        let at = i + off;
        let next = s.as_bytes().get(at + 1);
        if matches!(next, None | Some(b' ') | Some(b'\t')) {
            let key = s[..at].trim_end();
            if key.contains(" #") {
                return None;
            }
            return Some((key.to_string(), at + 1));
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_items_and_nested_fields() {
        let text = "name: Warung\nproducts:\n  - name: Teh\n    price: 3000\n  - name: Kopi\n    price: x\nhours:\n  senin: 08:00-17:00\ndescription: |\n  a: b\n  c\ntags: [a, b]\n";
        let p = Positions::scan(text, 2);
        assert_eq!(p.key("name"), Some(Pos::new(2, 1)));
        assert_eq!(p.key("products.1"), Some(Pos::new(6, 3)));
        assert_eq!(p.value("products.1.price"), Some(Pos::new(7, 12)));
        assert_eq!(p.key("hours.senin"), Some(Pos::new(9, 3)));
        assert_eq!(p.key("a"), None);
        assert_eq!(p.key("tags.1"), Some(Pos::new(13, 1)));
    }

    #[test]
    fn finds_items_of_a_top_level_list() {
        let text = "- name: A\n  district: X\n\n-   name: B\n    distrct: Y\n- name: \"C\"\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.key("0"), Some(Pos::new(1, 1)));
        assert_eq!(p.key("1.distrct"), Some(Pos::new(5, 5)));
        assert_eq!(p.key("2"), Some(Pos::new(6, 1)));
    }

    #[test]
    fn lists_at_the_same_indent_as_their_key() {
        let text = "programs:\n- opop\n- halal\nname: x\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.key("programs.1"), Some(Pos::new(3, 1)));
        assert_eq!(p.key("name"), Some(Pos::new(4, 1)));
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let err = parse("a: 1\nb: [\n", 1).err().unwrap();
        assert!(err.pos.line >= 2, "{}", err.pos.line);
        assert!(err.message.starts_with("invalid YAML"));
    }
}
