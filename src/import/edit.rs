//! A re-import's changes written into the file as it stands: a value the
//! sheet changed is replaced where it is written, a field it adds goes on
//! a line of its own at the end of the entry, and everything else (comments,
//! key order, quoting, untouched lines) stays byte for byte. A change of
//! another kind (a product added, a list grown) cannot be written so; the
//! caller decides what then.

use crate::yaml::Positions;
use serde_yaml::{Mapping, Value};

/// `text` (a YAML file, or a Markdown file's front matter) with the entry
/// at `prefix` (`""` for a file of one entry, `"3."` for the fourth of a
/// list) changed from `old` to `new`; `None` when a change is not a
/// scalar replaced or a top-level scalar added.
pub(super) fn in_place(text: &str, prefix: &str, old: &Mapping, new: &Mapping) -> Option<String> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    leaves(&Value::Mapping(old.clone()), "", &mut before);
    leaves(&Value::Mapping(new.clone()), "", &mut after);
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
    let mut added = Vec::new();
    for (path, value) in &after {
        match before.iter().find(|(p, _)| p == path) {
            Some((_, was)) if was == value => {}
            Some(_) => text = replace(&text, &format!("{prefix}{path}"), value)?,
            None if !path.contains('.') && is_scalar(value) => added.push((path, value)),
            None => return None,
        }
    }
    for (key, value) in added {
        text = append(&text, prefix, key, value)?;
    }
    Some(text)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_))
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
    let indent = key_at - start;
    let mut end = text[start..]
        .find('\n')
        .map_or(text.len(), |n| start + n + 1);
    let mut at_line = end;
    for line in text[end..].split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let blank = body.trim().is_empty() || body.starts_with('#');
        if !blank {
            if line.len() - body.len() <= indent {
                break;
            }
            end = at_line + line.len();
        }
        at_line += line.len();
    }
    Some(format!("{}{}", &text[..start], &text[end..]))
}

/// Adds `key: value` as the last line of the entry at `prefix`, at the
/// indent of its keys.
fn append(text: &str, prefix: &str, key: &str, value: &Value) -> Option<String> {
    let positions = Positions::scan(text, 1);
    let value = scalar_text(value)?;
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
    fn gives_up_on_a_reshaped_entry() {
        let text = "name: A\nproducts:\n  - name: X\n";
        let old = map(text);
        let mut new = old.clone();
        new["products"] = serde_yaml::from_str("[{name: X}, {name: Y}]").unwrap();
        assert!(in_place(text, "", &old, &new).is_none());
    }
}
