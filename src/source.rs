//! A parsed input file and the reading of typed values from its YAML, with
//! every problem reported at the place it stands in the file.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::message::Message;
use crate::yaml::{self, Mapping, Positions, Value};
use std::sync::OnceLock;

/// The YAML text of one file (the front matter of a Markdown file).
pub(crate) struct Source {
    /// Relative to the site folder, `/`-separated.
    pub path: String,
    yaml: String,
    /// The file line on which `yaml` starts.
    first_line: usize,
    positions: OnceLock<Positions>,
}

impl Source {
    pub(crate) fn new(path: String, yaml: String, first_line: usize) -> Source {
        Source {
            path,
            yaml,
            first_line,
            positions: OnceLock::new(),
        }
    }

    fn positions(&self) -> &Positions {
        self.positions
            .get_or_init(|| Positions::scan(&self.yaml, self.first_line))
    }
}

/// One entry of a source: the whole file, or one item of a list file.
pub(crate) struct Doc<'a> {
    pub source: &'a Source,
    /// Path prefix of the item in a list file (`"3"`), empty otherwise.
    prefix: String,
    /// The entry's first line: line 1 of the file, or the item's `-`.
    pub start: Pos,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Doc<'a> {
    pub(crate) fn whole(source: &'a Source) -> Doc<'a> {
        Doc {
            source,
            prefix: String::new(),
            start: Pos::START,
            diags: Vec::new(),
        }
    }

    pub(crate) fn item(source: &'a Source, index: usize) -> Doc<'a> {
        let prefix = index.to_string();
        let start = source
            .positions()
            .key(&prefix)
            .unwrap_or(Pos::new(source.first_line, 1));
        Doc {
            source,
            prefix,
            start,
            diags: Vec::new(),
        }
    }

    /// True for an item of a list file.
    pub(crate) fn is_item(&self) -> bool {
        !self.prefix.is_empty()
    }

    fn full(&self, path: &str) -> String {
        if self.prefix.is_empty() {
            path.to_string()
        } else if path.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}.{}", self.prefix, path)
        }
    }

    /// Where the key at `path` stands (the entry's start when not found).
    pub(crate) fn key_pos(&self, path: &str) -> Pos {
        self.source
            .positions()
            .key(&self.full(path))
            .filter(|p| p.line > 0)
            .unwrap_or(self.start)
    }

    /// Where the value at `path` stands.
    pub(crate) fn value_pos(&self, path: &str) -> Pos {
        self.source
            .positions()
            .value(&self.full(path))
            .unwrap_or(self.start)
    }

    pub(crate) fn error(&mut self, pos: Pos, code: Code, message: Message) {
        self.diags
            .push(Diagnostic::at(code, self.source.path.clone(), pos, message));
    }

    /// A problem with the value at `path`.
    pub(crate) fn bad(&mut self, path: &str, code: Code, message: Message) {
        let pos = self.value_pos(path);
        self.error(pos, code, message);
    }

    /// A problem with the key at `path` itself.
    pub(crate) fn bad_key(&mut self, path: &str, code: Code, message: Message) {
        let pos = self.key_pos(path);
        self.error(pos, code, message);
    }

    /// A problem with the entry as a whole (a missing field).
    pub(crate) fn bad_entry(&mut self, code: Code, message: Message) {
        let pos = self.start;
        self.error(pos, code, message);
    }

    /// Reports keys of `map` that are not `known`, with a suggestion; returns
    /// the (key, value) pairs whose keys are text.
    /// `entries` for a mapping whose keys are a table's (`schema::SITE`):
    /// each known key with its enum value, unknown ones reported.
    pub(crate) fn fields<'m, F: Copy>(
        &mut self,
        path: &str,
        map: &'m Mapping,
        table: &[(&str, F)],
    ) -> Vec<(F, &'m str, &'m Value)> {
        let known: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
        self.entries(path, map, &known, |_| None)
            .into_iter()
            .filter_map(|(k, v)| {
                let f = table.iter().find(|(key, _)| *key == k)?.1;
                Some((f, k, v))
            })
            .collect()
    }

    pub(crate) fn entries<'m>(
        &mut self,
        path: &str,
        map: &'m Mapping,
        known: &[&str],
        hint: impl Fn(&str) -> Option<Message>,
    ) -> Vec<(&'m str, &'m Value)> {
        let mut out = Vec::with_capacity(map.len());
        for (k, v) in map {
            let Some(key) = key_text(k) else {
                let message = match k {
                    Value::Number(_) | Value::Bool(_) => {
                        let d = describe(k);
                        msg!("`{}` bukan nama kolom: nama kolom berupa kata, misalnya `name`", d.id;
                            "`{}` is not a field name: a field name is a word such as `name`", d.en)
                    }
                    other => {
                        let t = yaml::type_name(other);
                        msg!("ada {} di tempat nama kolom: nama kolom berupa kata, misalnya `name`", t.id;
                            "{} stands where a field name should be: a field name is a word such as `name`", t.en)
                    }
                };
                match k {
                    // `1: x` or `true: x`: the scan knows where that key is.
                    Value::Number(_) | Value::Bool(_) => {
                        let at = join(path, &describe(k).en);
                        self.bad_key(&at, Code::WrongType, message)
                    }
                    _ => self.bad(path, Code::WrongType, message),
                }
                continue;
            };
            if known.contains(&key) {
                out.push((key, v));
                continue;
            }
            let at = join(path, key);
            let shown = short(key);
            let key = shown.as_str();
            let message = match hint(key) {
                Some(h) => msg!("kolom `{key}` tidak dikenal: ", "unknown field `{key}`: ").then("", &h),
                None => match crate::diagnostic::nearest(key, known.iter().copied()) {
                    Some(s) => msg!(
                        "kolom `{key}` tidak dikenal: maksud Anda `{s}`?",
                        "unknown field `{key}`: did you mean `{s}`?"
                    ),
                    None if path.is_empty() => msg!(
                        "kolom `{key}` tidak dikenal; data tambahan sendiri ditaruh di bawah `extra`",
                        "unknown field `{key}`; custom data goes under `extra`"
                    ),
                    None => {
                        let here = last(path);
                        let fields = known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        msg!(
                            "kolom `{key}` tidak dikenal di `{here}`; kolom di sini: {fields}",
                            "unknown field `{key}` in `{here}`; the fields here are {fields}"
                        )
                    }
                },
            };
            self.bad_key(&at, Code::UnknownField, message);
        }
        out
    }

    // ---- typed readers: each reports its own problem and returns None ----

    pub(crate) fn text(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
            other => {
                let (p, t) = (last(path), yaml::type_name(other));
                self.bad(
                    path,
                    Code::WrongType,
                    msg!("`{}` harus berisi teks, tertulis {}", p, t.id;
                        "`{}` must be text, found {}", p, t.en),
                );
                None
            }
        }
    }

    /// Text that must not be empty.
    pub(crate) fn required_text(&mut self, path: &str, v: &Value) -> Option<String> {
        let t = self.text(path, v);
        if matches!(&t, Some(s) if s.is_empty()) || (t.is_none() && v.is_null()) {
            let p = last(path);
            self.bad(
                path,
                Code::BadValue,
                msg!("`{p}` tidak boleh kosong", "`{p}` must not be empty"),
            );
            return None;
        }
        t
    }

    pub(crate) fn bool(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                let (p, d) = (last(path), describe(other));
                self.bad(
                    path,
                    Code::WrongType,
                    msg!("`{}` harus `true` atau `false`, tertulis {}", p, d.id;
                        "`{}` must be true or false, found {}", p, d.en),
                );
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub(crate) fn int(&mut self, path: &str, v: &Value, min: i64, max: i64) -> Option<i64> {
        let n = match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok().or_else(|| {
                crate::text::parse_grouped(s.trim()).and_then(|n| i64::try_from(n).ok())
            }),
            Value::Null => return None,
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                let range = if max == i64::MAX {
                    msg!("paling sedikit {min}", "at least {min}")
                } else {
                    msg!("antara {min} dan {max}", "between {min} and {max}")
                };
                let p = last(path);
                self.bad(
                    path,
                    Code::BadValue,
                    msg!("`{}` harus {}, tertulis {}", p, range.id, n;
                        "`{}` must be {}, found {}", p, range.en, n),
                );
                None
            }
            None => {
                let (p, d) = (last(path), describe(v));
                self.bad(
                    path,
                    Code::WrongType,
                    msg!("`{}` harus bilangan bulat, tertulis {}", p, d.id;
                        "`{}` must be a whole number, found {}", p, d.en),
                );
                None
            }
        }
    }

    pub(crate) fn float(
        &mut self,
        path: &str,
        v: &Value,
        min: f64,
        max: f64,
        code: Code,
    ) -> Option<f64> {
        let n = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        match n {
            Some(n) if n.is_finite() && (min..=max).contains(&n) => Some(n),
            Some(n) if !n.is_finite() => {
                let p = last(path);
                self.bad(
                    path,
                    code,
                    msg!(
                        "`{p}` harus antara {min} dan {max}, tertulis angka yang terlalu besar",
                        "`{p}` must be between {min} and {max}, found a number too large to read"
                    ),
                );
                None
            }
            Some(n) => {
                let p = last(path);
                self.bad(
                    path,
                    code,
                    msg!(
                        "`{p}` harus antara {min} dan {max}, tertulis {n}",
                        "`{p}` must be between {min} and {max}, found {n}"
                    ),
                );
                None
            }
            None => {
                let (p, d) = (last(path), describe(v));
                self.bad(
                    path,
                    Code::WrongType,
                    msg!("`{}` harus angka, tertulis {}", p, d.id;
                        "`{}` must be a number, found {}", p, d.en),
                );
                None
            }
        }
    }

    pub(crate) fn mapping<'m>(&mut self, path: &str, v: &'m Value) -> Option<&'m Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            Value::Null => None,
            other => {
                let (p, t) = (last(path), yaml::type_name(other));
                self.bad(
                    path,
                    Code::WrongType,
                    msg!("`{0}` harus berisi baris `kolom: nilai` yang menjorok di bawah `{0}:`, tertulis {1}", p, t.id;
                        "`{0}` must hold `field: value` lines, indented below `{0}:`, found {1}", p, t.en),
                );
                None
            }
        }
    }

    /// A list; a single value is taken as a list of one.
    pub(crate) fn list<'m>(&mut self, path: &str, v: &'m Value) -> Vec<&'m Value> {
        match v {
            Value::Sequence(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            Value::Mapping(_) => {
                let p = last(path);
                self.bad(
                    path,
                    Code::WrongType,
                    msg!(
                        "`{p}` harus berupa daftar, tertulis kumpulan kolom",
                        "`{p}` must be a list, found a group of fields"
                    ),
                );
                Vec::new()
            }
            single => vec![single],
        }
    }

    /// A list of texts.
    pub(crate) fn texts(&mut self, path: &str, v: &Value) -> Vec<String> {
        let items = self.list(path, v);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(t) = self.text(&format!("{path}.{i}"), item) {
                if !t.is_empty() {
                    out.push(t);
                }
            }
        }
        out
    }
}

fn key_text(k: &Value) -> Option<&str> {
    match k {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The field name at the end of a path, for messages (`products.2.price` -> `price`).
fn last(path: &str) -> &str {
    path.rsplit('.')
        .find(|s| !s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(path)
}

/// Text for a message, cut to a readable length.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// A value in a message: short text is quoted, other kinds are named.
pub(crate) fn describe(v: &Value) -> Message {
    let same = |t: String| Message {
        id: t.clone(),
        en: t,
    };
    match v {
        Value::String(s) if s.chars().count() <= 40 => same(format!("\"{s}\"")),
        Value::Number(n) => same(n.to_string()),
        Value::Bool(b) => same(b.to_string()),
        other => yaml::type_name(other),
    }
}
