//! A re-import's changes written into the file as it stands: a value the
//! sheet changed is replaced where it is written, a field it adds goes on
//! a line of its own at the end of the entry, and everything else (comments,
//! key order, quoting, untouched lines) stays byte for byte. A change of
//! another kind (a product added, a list grown) cannot be written so; the
//! caller decides what then.

use crate::yaml::Positions;
use serde_yaml::{Mapping, Value};

/// A list file cut into the texts of its items (each with the comment and
/// blank lines that follow it), so that a change to one item is made in
/// that item's text: a re-import of 10,000 vendors in one file edits each
/// once, not the whole file per row.
pub(super) struct ListText {
    head: String,
    items: Vec<String>,
    /// The items as parsed, kept current as they are changed.
    pub(super) doc: Vec<Value>,
    /// An item changed in a way its text cannot take: the file is written
    /// again whole from `doc`.
    whole: bool,
}

impl ListText {
    pub(super) fn cut(text: &str, doc: Vec<Value>) -> ListText {
        let positions = Positions::scan(text, 1);
        let mut starts = Vec::with_capacity(doc.len());
        for i in 0..doc.len() {
            match positions
                .exact(&i.to_string())
                .and_then(|(at, _)| offset(text, at.line, 1))
            {
                Some(o) if starts.last().is_none_or(|l| o > *l) => starts.push(o),
                // Not a block list as expected: edited whole, as before.
                _ => {
                    return ListText {
                        head: text.to_string(),
                        items: Vec::new(),
                        doc,
                        whole: true,
                    }
                }
            }
        }
        // The comment and blank lines before an item are that item's.
        for n in 1..starts.len() {
            loop {
                let before = &text[..starts[n]];
                let Some(line_start) = before
                    .strip_suffix('\n')
                    .map(|b| b.rfind('\n').map_or(0, |p| p + 1))
                else {
                    break;
                };
                let line = text[line_start..starts[n]].trim();
                if line_start <= starts[n - 1] || !(line.is_empty() || line.starts_with('#')) {
                    break;
                }
                starts[n] = line_start;
            }
        }
        let mut items = Vec::with_capacity(starts.len());
        let head = starts.first().map_or(text, |&s| &text[..s]).to_string();
        for (n, &s) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            items.push(text[s..end].to_string());
        }
        ListText {
            head,
            items,
            doc,
            whole: false,
        }
    }

    /// Item `i`, which was `old`, becomes `new`: in its text where the
    /// change allows, else the file is written again whole.
    pub(super) fn set(&mut self, i: usize, old: &Mapping, new: Mapping) {
        if !self.whole {
            match in_place(&self.items[i], "0.", old, &new) {
                Some(t) => self.items[i] = t,
                None => self.whole = true,
            }
        }
        self.doc[i] = Value::Mapping(new);
    }

    pub(super) fn text(&self) -> Result<String, serde_yaml::Error> {
        if self.whole {
            return serde_yaml::to_string(&Value::Sequence(self.doc.clone()));
        }
        let mut out = self.head.clone();
        for item in &self.items {
            out.push_str(item);
        }
        Ok(out)
    }
}

/// `text` (a YAML file, or a Markdown file's front matter) with the entry
/// at `prefix` (`""` for a file of one entry, `"3."` for the fourth of a
/// list) changed from `old` to `new`; `None` when a change cannot be
/// written without reshaping what is there (a list item turned from a
/// mapping into a text, say).
pub(super) fn in_place(text: &str, prefix: &str, old: &Mapping, new: &Mapping) -> Option<String> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    leaves(&Value::Mapping(old.clone()), "", &mut before);
    leaves(&Value::Mapping(new.clone()), "", &mut after);
    // Lists that grew or shrank (a product added, a certificate gone): a
    // list written on one line is written again whole; a block list gets
    // its new items appended, or loses its last ones. What lies under them
    // is done then, not leaf by leaf.
    let mut lists = Vec::new();
    resized(
        &Value::Mapping(old.clone()),
        &Value::Mapping(new.clone()),
        "",
        &mut lists,
    );
    let handled = |path: &str| {
        lists.iter().any(|l: &Resized| {
            let Some(rest) = path.strip_prefix(&l.path).and_then(|r| r.strip_prefix('.')) else {
                return false;
            };
            let index: usize = rest
                .split('.')
                .next()
                .and_then(|i| i.parse().ok())
                .unwrap_or(0);
            l.kept.is_some() || index >= l.old.len().min(l.new.len())
        })
    };
    before.retain(|(p, _)| !handled(p));
    after.retain(|(p, _)| !handled(p));
    // What is gone: the key whose whole value went (`phone`,
    // `products.1.halal`). A list item gone is a list reshaped.
    let mut gone: Vec<String> = Vec::new();
    for (path, _) in &before {
        if after.iter().any(|(q, _)| q == path) {
            continue;
        }
        let parts: Vec<&str> = path.split('.').collect();
        let root = (1..=parts.len()).map(|n| parts[..n].join(".")).find(|q| {
            !after
                .iter()
                .any(|(a, _)| a == q || a.starts_with(&format!("{q}.")))
        })?;
        if root.rsplit('.').next()?.parse::<usize>().is_ok() {
            return None;
        }
        if !gone.contains(&root) {
            gone.push(root);
        }
    }
    let mut text = text.to_string();
    for path in &gone {
        text = remove(&text, &format!("{prefix}{path}"))?;
    }
    // What is new: the first key of its path that the old entry lacks
    // (`hours` whole, or `products.0.description` under a product that is
    // there), added with all under it.
    let had = |q: &str| {
        before
            .iter()
            .any(|(p, _)| p == q || p.starts_with(&format!("{q}.")))
    };
    let mut added: Vec<String> = Vec::new();
    for (path, value) in &after {
        match before.iter().find(|(p, _)| p == path) {
            Some((_, was)) if was == value => {}
            Some(_) => text = replace(&text, &format!("{prefix}{path}"), value)?,
            None => {
                let parts: Vec<&str> = path.split('.').collect();
                let root = (1..=parts.len())
                    .map(|n| parts[..n].join("."))
                    .find(|q| !had(q))?;
                if !added.contains(&root) {
                    added.push(root);
                }
            }
        }
    }
    let new_value = Value::Mapping(new.clone());
    let old_value = Value::Mapping(old.clone());
    for root in &added {
        let (parent, key) = root.rsplit_once('.').unwrap_or(("", root));
        // A list item is added by the lists below, never here.
        if key.parse::<usize>().is_ok() {
            return None;
        }
        let value = at_path(&new_value, root)?;
        text = if parent.is_empty() {
            append(&text, prefix, key, value)?
        } else {
            let old_parent = at_path(&old_value, parent)?.as_mapping()?;
            let new_parent = at_path(&new_value, parent)?;
            add_under(
                &text,
                &format!("{prefix}{parent}"),
                old_parent,
                new_parent,
                key,
            )?
        };
    }
    for l in &lists {
        let path = format!("{prefix}{}", l.path);
        let (_, at) = Positions::scan(&text, 1).exact(&path)?;
        let start = offset(&text, at.line, at.column)?;
        if text[start..].starts_with('[') {
            text = replace_flow_list(&text, start, &l.new)?;
            continue;
        }
        if let Some(kept) = &l.kept {
            for i in (0..l.old.len()).rev().filter(|i| !kept.contains(i)) {
                text = remove_item(&text, &format!("{path}.{i}"))?;
            }
            continue;
        }
        for i in (l.new.len()..l.old.len()).rev() {
            text = remove_item(&text, &format!("{path}.{i}"))?;
        }
        for (i, item) in l.new.iter().enumerate().skip(l.old.len()) {
            text = append_item(&text, &format!("{path}.{}", i - 1), item)?;
        }
    }
    Some(text)
}

/// A list whose length the change alters, by its path.
struct Resized {
    path: String,
    old: Vec<Value>,
    new: Vec<Value>,
    /// When the new list is the old one with items taken out, the old
    /// items that stay: the others are removed where they are.
    kept: Option<Vec<usize>>,
}

/// The items of `old` that make up `new` in order, if `new` is `old` with
/// some taken out.
fn kept_items(old: &[Value], new: &[Value]) -> Option<Vec<usize>> {
    let mut kept = Vec::new();
    let mut i = 0;
    for n in new {
        while i < old.len() && &old[i] != n {
            i += 1;
        }
        if i == old.len() {
            return None;
        }
        kept.push(i);
        i += 1;
    }
    Some(kept)
}

/// Every list found at the same path in `old` and `new` with another
/// length (lists inside lists of another length are their items').
fn resized(old: &Value, new: &Value, path: &str, out: &mut Vec<Resized>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (old, new) {
        (Value::Mapping(a), Value::Mapping(b)) => {
            for (k, v) in a {
                if let (Some(key), Some(w)) = (k.as_str(), b.get(k)) {
                    resized(v, w, &join(key), out);
                }
            }
        }
        (Value::Sequence(a), Value::Sequence(b)) if a.len() != b.len() && !a.is_empty() => {
            let kept = (b.len() < a.len()).then(|| kept_items(a, b)).flatten();
            if kept.is_some() {
                out.push(Resized {
                    path: path.to_string(),
                    old: a.clone(),
                    new: b.clone(),
                    kept,
                });
                return;
            }
            out.push(Resized {
                path: path.to_string(),
                old: a.clone(),
                new: b.clone(),
                kept: None,
            });
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                resized(x, y, &join(&i.to_string()), out);
            }
        }
        (Value::Sequence(a), Value::Sequence(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                resized(x, y, &join(&i.to_string()), out);
            }
        }
        _ => {}
    }
}

/// A value on one line in flow style: `{ name: X, price: 5 }`, `[a, b]`.
fn flow_text(v: &Value) -> Option<String> {
    match v {
        Value::Mapping(m) => {
            let mut parts = Vec::new();
            for (k, v) in m {
                parts.push(format!("{}: {}", flow_text(k)?, flow_text(v)?));
            }
            Some(format!("{{ {} }}", parts.join(", ")))
        }
        Value::Sequence(s) => {
            let parts: Option<Vec<String>> = s.iter().map(flow_text).collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        Value::Tagged(_) => None,
        Value::String(t) => {
            let plain = scalar_text(v)?;
            // In a flow collection `,` `[` `]` `{` `}` end or split a plain
            // value: such a text is written in double quotes (JSON's are
            // YAML's too).
            if plain.starts_with(['"', '\'']) || !plain.contains([',', '[', ']', '{', '}', '#']) {
                Some(plain)
            } else {
                serde_json::to_string(t).ok()
            }
        }
        scalar => scalar_text(scalar),
    }
}

/// The flow list starting at byte `start` (a `[`), on its line, written
/// again as `items`.
fn replace_flow_list(text: &str, start: usize, items: &[Value]) -> Option<String> {
    let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let end = start + flow_end(&text[start..line_end])?;
    let new = flow_text(&Value::Sequence(items.to_vec()))?;
    Some(format!("{}{new}{}", &text[..start], &text[end..]))
}

/// Where the block of the item or key at `at` (its `-` or key) ends: after
/// its last line indented deeper than it; comments after it stay.
fn block_end(text: &str, start: usize, indent: usize, item: bool) -> usize {
    let mut end = text[start..]
        .find('\n')
        .map_or(text.len(), |n| start + n + 1);
    let mut at_line = end;
    for line in text[end..].split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let blank = body.trim().is_empty() || body.starts_with('#');
        if !blank {
            let deeper = line.len() - body.len() > indent;
            // A list written at its key's indent: its items' keys are
            // deeper than the `-`, the next item is not.
            if !deeper || (item && body.starts_with('-') && line.len() - body.len() == indent) {
                break;
            }
            end = at_line + line.len();
        }
        at_line += line.len();
    }
    end
}

/// Where the block list item at `path` starts: its line, and its `-`
/// (only an item that starts its line).
fn item_at(text: &str, path: &str) -> Option<(usize, usize)> {
    let (at, _) = Positions::scan(text, 1).exact(path)?;
    let start = offset(text, at.line, 1)?;
    let dash = offset(text, at.line, at.column)?;
    (text[start..dash].bytes().all(|b| b == b' ') && text[dash..].starts_with('-'))
        .then_some((start, dash))
}

/// Removes the block list item at `path` with the lines under it.
fn remove_item(text: &str, path: &str) -> Option<String> {
    let (start, dash) = item_at(text, path)?;
    let end = block_end(text, start, dash - start, true);
    Some(format!("{}{}", &text[..start], &text[end..]))
}

/// Adds `value` as a new item, in flow style, after the block list item at
/// `last`, at its indent.
fn append_item(text: &str, last: &str, value: &Value) -> Option<String> {
    let (start, dash) = item_at(text, last)?;
    let end = block_end(text, start, dash - start, true);
    let item = match value {
        Value::Mapping(_) | Value::Sequence(_) => flow_text(value)?,
        v => scalar_text(v)?,
    };
    let mut out = text[..end].to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("{}- {item}\n", " ".repeat(dash - start)));
    out.push_str(&text[end..]);
    Some(out)
}

/// The value at `path` (`products.1.price`) in `v`.
fn at_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, part| match v {
        Value::Mapping(m) => m.get(part),
        Value::Sequence(s) => s.get(part.parse::<usize>().ok()?),
        _ => None,
    })
}

/// A value on one line: a scalar as YAML writes it, a list or mapping in
/// flow style.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Mapping(_) | Value::Sequence(_) => flow_text(v),
        v => scalar_text(v),
    }
}

/// Adds `key` of `new_parent` to the mapping at `parent` (a full path),
/// written as `old_parent`: a line after its last key's block, at its keys'
/// indent; a mapping written in flow style on one line is written again.
fn add_under(
    text: &str,
    parent: &str,
    old_parent: &Mapping,
    new_parent: &Value,
    key: &str,
) -> Option<String> {
    let positions = Positions::scan(text, 1);
    let (_, at) = positions.exact(parent)?;
    let start = offset(text, at.line, at.column)?;
    if text[start..].starts_with('{') {
        let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        let end = flow_end(&text[start..line_end])? + start;
        return Some(format!(
            "{}{}{}",
            &text[..start],
            flow_text(new_parent)?,
            &text[end..]
        ));
    }
    let last = old_parent.keys().last()?.as_str()?;
    let (k, _) = positions.exact(&format!("{parent}.{last}"))?;
    let indent = k.column.checked_sub(1)? as usize;
    let line_start = offset(text, k.line, 1)?;
    let end = block_end(text, line_start, indent, false);
    let value = value_text(new_parent.as_mapping()?.get(key)?)?;
    let key_text = scalar_text(&Value::String(key.to_string()))?;
    let mut out = text[..end].to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("{}{key_text}: {value}\n", " ".repeat(indent)));
    out.push_str(&text[end..]);
    Some(out)
}

/// The length of the flow collection `line` starts with, up to its
/// closing bracket; `None` when it does not close on the line.
fn flow_end(line: &str) -> Option<usize> {
    let mut depth = 0;
    let mut in_quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (in_quote, c) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => in_quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Every scalar of `v` by its path (`products.1.price`); an empty list or
/// mapping counts as a leaf of its own.
fn leaves(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Mapping(m) if !m.is_empty() => {
            for (k, v) in m {
                let k = match k {
                    Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                };
                leaves(v, &join(&k), out);
            }
        }
        Value::Sequence(s) if !s.is_empty() => {
            for (i, v) in s.iter().enumerate() {
                leaves(v, &join(&i.to_string()), out);
            }
        }
        _ => out.push((path.to_string(), v.clone())),
    }
}

/// A scalar as YAML writes it on one line, or `None`.
fn scalar_text(v: &Value) -> Option<String> {
    let t = serde_yaml::to_string(v).ok()?;
    let t = t.trim_end_matches('\n');
    (!t.contains('\n')).then(|| t.to_string())
}

/// The byte offset of a 1-based (line, character column) in `text`.
fn offset(text: &str, line: u32, column: u32) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)? as usize)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    let col = rest
        .char_indices()
        .nth(column.checked_sub(1)? as usize)
        .map(|(i, _)| i)?;
    Some(start + col)
}

/// Replaces the scalar written at `path` with `value`.
fn replace(text: &str, path: &str, value: &Value) -> Option<String> {
    let (_, at) = Positions::scan(text, 1).exact(path)?;
    let start = offset(text, at.line, at.column)?;
    let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let line = &text[start..line_end];
    let in_flow = text[..start]
        .rsplit('\n')
        .next()
        .is_some_and(|before| before.contains('{') || before.contains('['));
    let len = match line.chars().next()? {
        '"' => closing(line, '"')?,
        '\'' => closing(line, '\'')?,
        '|' | '>' | '&' | '*' | '!' | '{' | '[' => return None,
        _ => {
            let mut end = line.len();
            if let Some(c) = line.find(" #") {
                end = end.min(c);
            }
            if in_flow {
                if let Some(c) = line.find([',', '}', ']']) {
                    end = end.min(c);
                }
            }
            line[..end].trim_end().len()
        }
    };
    let new = scalar_text(value)?;
    Some(format!("{}{new}{}", &text[..start], &text[start + len..]))
}

/// The length of a quoted scalar at the start of `line`, quotes included.
fn closing(line: &str, quote: char) -> Option<usize> {
    let mut chars = line.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                continue;
            }
            return Some(i + 1);
        }
    }
    None
}

/// Removes the key at `path` with its value: its line, and the lines
/// below it that are indented deeper. Only a key that starts its line (a
/// block mapping's); comments after its value stay.
fn remove(text: &str, path: &str) -> Option<String> {
    let (at, _) = Positions::scan(text, 1).exact(path)?;
    let start = offset(text, at.line, 1)?;
    let key_at = offset(text, at.line, at.column)?;
    if !text[start..key_at].bytes().all(|b| b == b' ') {
        return None; // in a flow mapping, or the first key of a list item
    }
    let end = block_end(text, start, key_at - start, false);
    Some(format!("{}{}", &text[..start], &text[end..]))
}

/// Adds `key: value` as the last line of the entry at `prefix`, at the
/// indent of its keys.
fn append(text: &str, prefix: &str, key: &str, value: &Value) -> Option<String> {
    let positions = Positions::scan(text, 1);
    let value = value_text(value)?;
    let key_text = scalar_text(&Value::String(key.to_string()))?;
    if prefix.is_empty() {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{key_text}: {value}\n"));
        return Some(out);
    }
    // A list item: its keys' indent, and the line its next item starts on.
    let index: usize = prefix.trim_end_matches('.').parse().ok()?;
    let (name_key, _) = positions.exact(&format!("{prefix}name"))?;
    let indent = " ".repeat(name_key.column.checked_sub(1)? as usize);
    let at = match positions.exact(&(index + 1).to_string()) {
        Some((item, _)) => {
            // Before the next item, and before the blank or comment lines
            // that lead to it.
            let mut line = item.line as usize;
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            while line > 1 {
                let previous = lines.get(line - 2)?.trim();
                if previous.is_empty() || previous.starts_with('#') {
                    line -= 1;
                } else {
                    break;
                }
            }
            offset(text, line as u32, 1)?
        }
        None => text.len(),
    };
    let mut out = text[..at].to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("{indent}{key_text}: {value}\n"));
    out.push_str(&text[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn changes_only_what_changed() {
        let text = "# Warung Bu Sri\nname: Warung Bu Sri   # nama dagang\nphone: \"0812-1111-2222\"\nproducts:\n  - { name: Nasi Uduk, price: 15000, unit: porsi }\n  - name: Teh\n    price: 3000\n";
        let old = map(text);
        let mut new = old.clone();
        new.insert("phone".into(), "0813-9999-0000".into());
        new["products"][0]["price"] = 17000.into();
        new["products"][1]["price"] = 3500.into();
        new.insert("nib".into(), "9120301234599".into());
        let out = in_place(text, "", &old, &new).unwrap();
        assert_eq!(
            out,
            "# Warung Bu Sri\nname: Warung Bu Sri   # nama dagang\nphone: 0813-9999-0000\nproducts:\n  - { name: Nasi Uduk, price: 17000, unit: porsi }\n  - name: Teh\n    price: 3500\nnib: '9120301234599'\n"
        );
        assert_eq!(map(&out), new);
    }

    #[test]
    fn edits_one_item_of_a_list() {
        let text = "# PKL\n- name: Satu\n  phone: 0812-1\n\n# dua\n- name: Dua\n  phone: 0812-2\n";
        let old = map("name: Dua\nphone: 0812-2\n");
        let mut new = old.clone();
        new.insert("phone".into(), "0812-3".into());
        new.insert("address".into(), "Jl. Baru".into());
        let out = in_place(text, "1.", &old, &new).unwrap();
        assert_eq!(
            out,
            "# PKL\n- name: Satu\n  phone: 0812-1\n\n# dua\n- name: Dua\n  phone: 0812-3\n  address: Jl. Baru\n"
        );
        let first = map("name: Satu\nphone: 0812-1\n");
        let mut first_new = first.clone();
        first_new.insert("address".into(), "Jl. Satu".into());
        let out = in_place(text, "0.", &first, &first_new).unwrap();
        assert_eq!(
            out,
            "# PKL\n- name: Satu\n  phone: 0812-1\n  address: Jl. Satu\n\n# dua\n- name: Dua\n  phone: 0812-2\n"
        );
    }

    #[test]
    fn removes_what_the_sheet_emptied() {
        let text = "name: A\nphone: 0812-1  # toko\n# produk\nproducts:\n  - name: X\n    halal: true\n    price: 5\ncertifications:\n  - halal\n\n# catatan\nnib: '1'\n";
        let old = map(text);
        let mut new = old.clone();
        new.remove("phone");
        new.remove("certifications");
        new["products"][0].as_mapping_mut().unwrap().remove("halal");
        let out = in_place(text, "", &old, &new).unwrap();
        assert_eq!(
            out,
            "name: A\n# produk\nproducts:\n  - name: X\n    price: 5\n\n# catatan\nnib: '1'\n"
        );
        assert_eq!(map(&out), new);
    }

    #[test]
    fn lists_grow_and_shrink_in_place() {
        let text = "name: A\n# produk\nproducts:\n  - name: X   # laris\n    price: 5\ntags: [a, b]\ncertifications:\n- halal\n- pirt\n# akhir\n";
        let old = map(text);
        let mut new = old.clone();
        new["products"] =
            serde_yaml::from_str("[{name: X, price: 5}, {name: \"Y, pedas\", price: 7}]").unwrap();
        new["tags"] = serde_yaml::from_str("[a, b, c]").unwrap();
        new["certifications"] = serde_yaml::from_str("[pirt]").unwrap();
        let out = in_place(text, "", &old, &new).unwrap();
        assert_eq!(
            out,
            "name: A\n# produk\nproducts:\n  - name: X   # laris\n    price: 5\n  - { name: \"Y, pedas\", price: 7 }\ntags: [a, b, c]\ncertifications:\n- pirt\n# akhir\n"
        );
        assert_eq!(map(&out), new);
    }

    #[test]
    fn a_list_is_edited_item_by_item() {
        let text = "# PKL\n- name: Satu\n  phone: 0812-1\n\n# dua\n- name: Dua\n  phone: 0812-2\n";
        let doc: Vec<Value> = serde_yaml::from_str(text).unwrap();
        let mut list = ListText::cut(text, doc.clone());
        let old = doc[0].as_mapping().unwrap().clone();
        let mut new = old.clone();
        new.insert("address".into(), "Jl. Satu".into());
        list.set(0, &old, new);
        let old = doc[1].as_mapping().unwrap().clone();
        let mut new = old.clone();
        new.insert("phone".into(), "0812-3".into());
        list.set(1, &old, new);
        assert_eq!(
            list.text().unwrap(),
            "# PKL\n- name: Satu\n  phone: 0812-1\n  address: Jl. Satu\n\n# dua\n- name: Dua\n  phone: 0812-3\n"
        );
    }

    /// A key new under what is there (a product's description, a
    /// certificate's last day, a first `hours`) is added where it belongs,
    /// the rest of the file, comments too, as it was.
    #[test]
    fn adds_nested_keys_in_place() {
        let text = "# catatan dinas\nname: A # nama\nproducts:\n  - name: X # produk\n    price: 5\n  - { name: Y, price: 6 }\ncertificates:\n  halal:\n    number: ID123\n\n# akhir\n";
        let old = map(text);
        let mut new = old.clone();
        new["products"][0]["description"] = "Renyah".into();
        new["products"][1]["unit"] = "kg".into();
        new["certificates"]["halal"]["valid_until"] = "2030-01-01".into();
        new.insert(
            "hours".into(),
            serde_yaml::from_str("{senin: 08:00-16:00}").unwrap(),
        );
        let edited = in_place(text, "", &old, &new).expect("in place");
        assert_eq!(
            edited,
            "# catatan dinas\nname: A # nama\nproducts:\n  - name: X # produk\n    price: 5\n    description: Renyah\n  - { name: Y, price: 6, unit: kg }\ncertificates:\n  halal:\n    number: ID123\n    valid_until: 2030-01-01\n\n# akhir\nhours: { senin: 08:00-16:00 }\n"
        );
        assert_eq!(map(&edited), new);
        // In a list file: under the fourth item's product.
        let list = "- name: P\n- name: Q\n  products:\n    - name: Z\n- name: R\n";
        let old: Mapping = serde_yaml::from_str("{name: Q, products: [{name: Z}]}").unwrap();
        let mut new = old.clone();
        new["products"][0]["price"] = 7.into();
        let edited = in_place(list, "1.", &old, &new).expect("in place");
        assert_eq!(
            edited,
            "- name: P\n- name: Q\n  products:\n    - name: Z\n      price: 7\n- name: R\n"
        );
    }

    #[test]
    fn gives_up_on_a_reshaped_entry() {
        let text = "name: A\nproducts:\n  - name: X\n";
        let old = map(text);
        let mut new = old.clone();
        new["products"] = serde_yaml::from_str("[X]").unwrap();
        assert!(in_place(text, "", &old, &new).is_none());
    }
}
