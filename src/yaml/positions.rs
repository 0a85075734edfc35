//! Where keys and list items stand in a YAML text: a light scan made only
//! for files that have a problem to report.

use super::lines;
use crate::diagnostic::Pos;
use std::collections::HashMap;

/// Where keys and list items stand in a YAML text, by path
/// (`products.2.price`). Block style is followed line by line; a flow
/// collection (`{a: 1}`, `[x, y]`) is looked into while it stays on one line,
/// else a lookup falls back to the enclosing key. Columns count characters.
#[derive(Default)]
pub(crate) struct Positions {
    /// path -> (position of the key or `-`, position of the value)
    places: HashMap<String, (Pos, Pos)>,
    /// The first key written twice in one mapping: its path and the place of
    /// the second one.
    pub duplicate: Option<(String, Pos)>,
}

impl Positions {
    /// Scans `text`, whose first line is line `first_line` of its file.
    pub(crate) fn scan(text: &str, first_line: usize) -> Positions {
        let mut out = Positions::default();
        // Open containers: (indent, path, next list index, is a list written
        // at its key's own indent).
        let mut frames: Vec<(usize, String, usize, bool)> = vec![(0, String::new(), 0, false)];
        // A key or `-` with no inline value: its children are on the
        // following lines. (indent, path, is a key)
        let mut pending: Option<(usize, String, bool)> = None;
        // Inside a block scalar (`|` or `>`): lines indented deeper than this.
        let mut block_scalar: Option<usize> = None;
        let mut seen_content = false;

        // The last line of a flow collection read across lines: the lines
        // up to it are its, not block content.
        let mut inside_flow_until = 0;
        for (n, raw) in lines(text).enumerate() {
            let line = first_line + n;
            if line <= inside_flow_until {
                continue;
            }
            let offset = raw.as_ptr() as usize - text.as_ptr() as usize;
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
            // The top level may be indented as a whole.
            if !seen_content {
                seen_content = true;
                frames[0].0 = indent;
            }
            // Find the container this line belongs to.
            if let Some((parent_indent, path, is_key)) = pending.take() {
                // Only a key may have its list at its own indent; a `-`
                // there after an empty `-` is the next item.
                let opens_list_here = is_key && indent == parent_indent && content.starts_with('-');
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
            let at = |byte: usize| Pos::new(line, body[..byte].chars().count() + 1);
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
                    // A value on the following lines is placed at its `-`.
                    let value_at = if after.is_empty() { col } else { value_col };
                    out.insert(path.clone(), at(col), at(value_at));
                    if after.is_empty() {
                        pending = Some((col, path, false));
                        break;
                    }
                    frames.push((value_col, path, 0, false));
                    col = value_col;
                    rest = after;
                    continue;
                }
                if rest.starts_with(['[', '{']) {
                    let path = frame.1.clone();
                    inside_flow_until = out.flow(text, offset, col, &path, line);
                    break;
                }
                if let Some((key, value_at)) = split_key(rest) {
                    let path = join(&frame.1, &key);
                    let value = rest[value_at..].trim_start_matches(' ');
                    let value_col = col + (rest.len() - value.len());
                    // A value on the following lines is placed at its key.
                    let nested = value.is_empty() || value.starts_with('#');
                    let value_at = if nested { col } else { value_col };
                    out.insert(path.clone(), at(col), at(value_at));
                    if nested || value.starts_with('&') {
                        pending = Some((col, path, true));
                    } else if value.starts_with('|') || value.starts_with('>') {
                        block_scalar = Some(col);
                    } else if value.starts_with(['[', '{']) {
                        inside_flow_until = out.flow(text, offset, value_col, &path, line);
                    }
                }
                break;
            }
        }
        out
    }

    fn insert(&mut self, path: String, key: Pos, value: Pos) {
        if self.places.contains_key(&path) {
            if self.duplicate.is_none() {
                self.duplicate = Some((path, key));
            }
            return;
        }
        self.places.insert(path, (key, value));
    }

    /// Records the items of the flow collection starting at byte `start` of
    /// the line at byte `offset` of `text` (a `[` or `{`), across lines if
    /// it goes on; gives the line it ends on (0 when it does not end).
    fn flow(&mut self, text: &str, offset: usize, start: usize, path: &str, line: usize) -> usize {
        let mut p = FlowScan {
            body: &text[offset..],
            at: start,
            line,
            line_start: 0,
            depth: 0,
            counted: (0, 0),
        };
        if p.collection(self, path) {
            p.line
        } else {
            0
        }
    }

    /// The position of the key at `path`, or of its nearest ancestor found.
    pub(crate) fn key(&self, path: &str) -> Option<Pos> {
        self.lookup(path).map(|(k, _)| k)
    }

    /// The position of the key and of the value at exactly `path`.
    pub(crate) fn exact(&self, path: &str) -> Option<(Pos, Pos)> {
        self.places.get(path).copied()
    }

    /// The position of the value at `path`, or of its nearest ancestor found.
    pub(crate) fn value(&self, path: &str) -> Option<Pos> {
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

/// A reader of flow collections, on one line or across several (line
/// breaks and comments are spaces inside them); gives up (silently) at the
/// end of the text or on anything it does not understand.
struct FlowScan<'a> {
    /// The text from the line the collection starts on.
    body: &'a str,
    /// Byte index in `body`.
    at: usize,
    line: usize,
    /// Where the current line starts in `body`.
    line_start: usize,
    depth: usize,
    /// (byte index, characters before it) at the last `pos()`.
    counted: (usize, usize),
}

impl FlowScan<'_> {
    /// The position of `at`; counts characters from the last call on, so a
    /// long line costs no more than reading it once.
    fn pos(&mut self) -> Pos {
        let (byte, col) = self.counted;
        let col = if byte >= self.line_start && byte <= self.at {
            col + self.body[byte..self.at].chars().count()
        } else {
            self.body[self.line_start..self.at].chars().count()
        };
        self.counted = (self.at, col);
        Pos::new(self.line, col + 1)
    }

    fn peek(&self) -> Option<u8> {
        self.body.as_bytes().get(self.at).copied()
    }

    fn skip_spaces(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => self.at += 1,
                Some(b'\n') => self.next_line(self.at + 1),
                // A comment runs to the end of its line.
                Some(b'#')
                    if self.at == self.line_start
                        || matches!(self.body.as_bytes()[self.at - 1], b' ' | b'\t') =>
                {
                    self.at = self.body[self.at..]
                        .find('\n')
                        .map_or(self.body.len(), |n| self.at + n);
                }
                _ => return,
            }
        }
    }

    /// A new line starts at byte `at`.
    fn next_line(&mut self, at: usize) {
        self.at = at;
        self.line += 1;
        self.line_start = at;
        self.counted = (at, 0);
    }

    /// At a `[` or `{`: reads it whole; false when the line ends first.
    fn collection(&mut self, out: &mut Positions, path: &str) -> bool {
        if self.depth > 64 {
            return false;
        }
        self.depth += 1;
        let ok = match self.peek() {
            Some(b'[') => self.sequence(out, path),
            Some(b'{') => self.mapping(out, path),
            _ => false,
        };
        self.depth -= 1;
        ok
    }

    fn sequence(&mut self, out: &mut Positions, path: &str) -> bool {
        self.at += 1;
        let mut index = 0;
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return false,
                Some(b']') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => self.at += 1,
                Some(_) => {
                    let item = join(path, &index.to_string());
                    index += 1;
                    let at = self.pos();
                    out.insert(item.clone(), at, at);
                    if !self.value(out, &item) {
                        return false;
                    }
                }
            }
        }
    }

    fn mapping(&mut self, out: &mut Positions, path: &str) -> bool {
        self.at += 1;
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return false,
                Some(b'}') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => self.at += 1,
                Some(_) => {
                    let key_pos = self.pos();
                    let Some(key) = self.scalar() else {
                        return false;
                    };
                    self.skip_spaces();
                    let child = join(path, &key);
                    if self.peek() == Some(b':') {
                        self.at += 1;
                        self.skip_spaces();
                        let value_pos = self.pos();
                        out.insert(child.clone(), key_pos, value_pos);
                        if !matches!(self.peek(), Some(b',' | b'}')) && !self.value(out, &child) {
                            return false;
                        }
                    } else {
                        out.insert(child, key_pos, key_pos);
                    }
                }
            }
        }
    }

    /// A value inside a collection: a nested collection or a scalar.
    fn value(&mut self, out: &mut Positions, path: &str) -> bool {
        if matches!(self.peek(), Some(b'[' | b'{')) {
            return self.collection(out, path);
        }
        self.scalar().is_some()
    }

    /// A quoted or plain scalar; its text (unescaped only roughly: enough to
    /// name a key).
    fn scalar(&mut self) -> Option<String> {
        let bytes = self.body.as_bytes();
        match self.peek()? {
            q @ (b'"' | b'\'') => {
                let start = self.at + 1;
                let mut i = start;
                loop {
                    match bytes.get(i)? {
                        b'\\' if q == b'"' => i += 2,
                        b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                        &c if c == q => break,
                        _ => i += 1,
                    }
                }
                let text = self.body.get(start..i)?.to_string();
                self.at = i + 1;
                // A quoted text may go on over lines.
                if let Some(last) = text.rfind('\n') {
                    let at = self.at;
                    self.line += text.matches('\n').count();
                    self.line_start = start + last + 1;
                    self.counted = (self.line_start, 0);
                    self.at = at;
                }
                Some(text)
            }
            _ => {
                let start = self.at;
                while let Some(c) = self.peek() {
                    let ends_key = c == b':'
                        && matches!(
                            bytes.get(self.at + 1),
                            None | Some(b' ' | b',' | b']' | b'}' | b'\n' | b'\r')
                        );
                    if matches!(c, b',' | b']' | b'}' | b'\n' | b'\r') || ends_key {
                        break;
                    }
                    if c == b'#' && bytes.get(self.at.wrapping_sub(1)) == Some(&b' ') {
                        break;
                    }
                    self.at += 1;
                }
                // Nothing read (a `: ` where a value should start): no
                // progress, so the scan stops here instead of looping.
                if self.at == start {
                    return None;
                }
                Some(self.body[start..self.at].trim_end().to_string())
            }
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
            if key.is_empty() || key.contains(" #") {
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
    fn finds_items_of_flow_collections_written_over_lines() {
        let text = "name: A\nproducts: [\n  { name: Teh, price: abc },  # murah\n  {\n    name: \"Kopi\n    Hitam\",\n    price: 5 }\n]\ntags: [a,\n  b]\nphone: x\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.value("products.0.price"), Some(Pos::new(3, 23)));
        assert_eq!(p.key("products.1.name"), Some(Pos::new(5, 5)));
        assert_eq!(p.key("products.1.price"), Some(Pos::new(7, 5)));
        assert_eq!(p.key("tags.1"), Some(Pos::new(10, 3)));
        // Block content after the collection is read as before.
        assert_eq!(p.key("phone"), Some(Pos::new(11, 1)));
        assert!(p.duplicate.is_none());
    }

    #[test]
    fn finds_keys_items_and_nested_fields() {
        let text = "name: Warung\nproducts:\n  - name: Teh\n    price: 3000\n  - name: Kopi\n    price: x\nhours:\n  senin: 08:00-17:00\ndescription: |\n  a: b\n  c\ntags: [a, b]\n";
        let p = Positions::scan(text, 2);
        assert_eq!(p.key("name"), Some(Pos::new(2, 1)));
        assert_eq!(p.key("products.1"), Some(Pos::new(6, 3)));
        assert_eq!(p.value("products.1.price"), Some(Pos::new(7, 12)));
        assert_eq!(p.key("hours.senin"), Some(Pos::new(9, 3)));
        assert_eq!(p.key("a"), None);
        assert_eq!(p.key("tags.1"), Some(Pos::new(13, 11)));
        assert_eq!(p.key("nope.1"), None);
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
    fn finds_items_of_an_indented_top_level_list() {
        let p = Positions::scan("# x\n  - name: A\n  - name: B\n    distrct: x\n", 1);
        assert_eq!(p.key("1"), Some(Pos::new(3, 3)));
        assert_eq!(p.key("1.distrct"), Some(Pos::new(4, 5)));
    }

    #[test]
    fn empty_items_are_followed_by_their_siblings() {
        let text = "- name: A\n-\n- [a]\n-\n  name: B\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.key("1"), Some(Pos::new(2, 1)));
        assert_eq!(p.key("2"), Some(Pos::new(3, 1)));
        assert_eq!(p.key("3.name"), Some(Pos::new(5, 3)));
    }

    #[test]
    fn lists_at_the_same_indent_as_their_key() {
        let text = "programs:\n- opop\n- halal\nname: x\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.key("programs.1"), Some(Pos::new(3, 1)));
        assert_eq!(p.key("name"), Some(Pos::new(4, 1)));
    }

    #[test]
    fn stops_on_a_flow_collection_broken_by_a_colon() {
        // Found by the fuzzer: this used to loop for ever.
        let text = "tags: [a, b{ lat: -6.2, lon: 107.0 a\nprivate:\n  nik: 1\n";
        let p = Positions::scan(text, 1);
        assert!(p.key("private").is_some());
    }

    #[test]
    fn finds_items_of_flow_collections_and_duplicates() {
        let text = "kbli: [\"10794\", 56103]\ngeo: {lat: 1, lon: 2}\nproducts:\n  - {name: \"Kopi, susu\", price: 5}\nname: a\nname: b\n";
        let p = Positions::scan(text, 1);
        assert_eq!(p.value("kbli.1"), Some(Pos::new(1, 17)));
        assert_eq!(p.key("geo.lon"), Some(Pos::new(2, 15)));
        assert_eq!(p.value("geo.lon"), Some(Pos::new(2, 20)));
        assert_eq!(p.value("products.0.price"), Some(Pos::new(4, 33)));
        assert_eq!(p.duplicate, Some(("name".to_string(), Pos::new(6, 1))));
        // Columns count characters, not bytes.
        let p = Positions::scan("tags: [Ñasi, Kopi]\n", 1);
        assert_eq!(p.value("tags.1"), Some(Pos::new(1, 14)));
    }
}
