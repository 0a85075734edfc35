//! Problems found in a site's input, modelled as data.
//!
//! Every check pushes a `Diagnostic` and goes on, so one run reports every
//! problem; the list is sorted before printing so the report is the same
//! whatever the thread count.

pub use crate::codes::Code;
use crate::message::{Lang, Message};
use std::fmt;

/// A position in a file: 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Pos {
        Pos {
            line: line.min(u32::MAX as usize) as u32,
            column: column.min(u32::MAX as usize) as u32,
        }
    }

    /// The start of a file.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// How much a problem matters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be published as it is (exit 1).
    #[default]
    Error,
    /// Worth fixing; never changes the exit code.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in the input: `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Relative to the site folder, with `/` separators.
    pub path: String,
    /// `None` when the problem has no place in the file (an unreadable file).
    pub pos: Option<Pos>,
    pub message: Message,
    /// The kind of problem; warnings have `W` codes.
    pub code: Code,
}

impl Diagnostic {
    pub(crate) fn at(
        code: Code,
        path: impl Into<String>,
        pos: Pos,
        message: Message,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            pos: Some(pos),
            message,
            code,
        }
    }

    pub(crate) fn file(code: Code, path: impl Into<String>, message: Message) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            pos: None,
            message,
            code,
        }
    }

    /// Warnings never fail a run.
    pub fn severity(&self) -> Severity {
        if self.code.is_warning() {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// One JSON object on one line, for editors and CI: path, line,
    /// column (null without a place), severity, code and message.
    pub fn to_json(&self, lang: Lang) -> String {
        let (line, column) = match self.pos {
            Some(p) => (p.line.to_string(), p.column.to_string()),
            None => ("null".into(), "null".into()),
        };
        format!(
            "{{\"path\":{},\"line\":{line},\"column\":{column},\"severity\":\"{}\",\"code\":\"{}\",\"message\":{}}}",
            json_string(&self.path),
            self.severity().as_str(),
            self.code.id(),
            json_string(self.message.get(lang))
        )
    }
}

/// A JSON string literal: quotes, backslashes and control characters
/// escaped.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Diagnostic {
    /// `path:line:column: message [CODE]`, the message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let (path, message) = (one_line(&self.path), one_line(self.message.get(lang)));
        let level = match (self.severity(), lang) {
            (Severity::Error, _) => "",
            (Severity::Warning, Lang::Id) => "peringatan: ",
            (Severity::Warning, Lang::En) => "warning: ",
        };
        let code = self.code.id();
        match self.pos {
            Some(p) => format!("{path}:{}:{}: {level}{message} [{code}]", p.line, p.column),
            None => format!("{path}: {level}{message} [{code}]"),
        }
    }
}

/// In English: for tests and logs; reports use `render`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Control characters (a line break in a file name or a value) written as
/// escapes, so that every problem stays on one line of the report.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Sorts and removes exact repeats, so the report is deterministic.
pub fn finish(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    list.sort();
    list.dedup();
    list
}

/// The closest candidate within a small edit distance, for "did you mean".
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(1, 3);
    // Words whose lengths differ by more than the limit cannot be near;
    // skipping them keeps a hostile, very long word cheap.
    if len > 64 {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(&word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Edit distance where swapping two neighbouring letters counts as one
/// edit (optimal string alignment): `titel` is one edit from `title`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        let fields = ["name", "district", "village", "category"];
        assert_eq!(nearest("distrct", fields), Some("district"));
        assert_eq!(nearest("Categroy", fields), Some("category"));
        assert_eq!(nearest("zzzzzz", fields), None);
    }

    #[test]
    fn renders_with_and_without_position() {
        let d = Diagnostic::at(
            Code::BadValue,
            "content/umkm/a.md",
            Pos::new(3, 1),
            msg!("salah", "bad"),
        );
        assert_eq!(d.to_string(), "content/umkm/a.md:3:1: bad [E0204]");
        assert_eq!(d.render(Lang::Id), "content/umkm/a.md:3:1: salah [E0204]");
        let d = Diagnostic::file(
            Code::Unreadable,
            "content/umkm/a.md",
            msg!("x", "unreadable"),
        );
        assert_eq!(d.to_string(), "content/umkm/a.md: unreadable [E0101]");
        let d = Diagnostic::file(
            Code::BadValue,
            "content/umkm/a\nb.md",
            msg!("x", "\"x\ny\" is bad"),
        );
        assert_eq!(
            d.to_string(),
            "content/umkm/a\\nb.md: \"x\\ny\" is bad [E0204]"
        );
        let d = Diagnostic::file(Code::UiStringsMissing, "i18n/en.yaml", msg!("y", "x"));
        assert_eq!(d.to_string(), "i18n/en.yaml: warning: x [W0405]");
        assert_eq!(d.render(Lang::Id), "i18n/en.yaml: peringatan: y [W0405]");
    }

    #[test]
    fn renders_as_one_json_line() {
        let d = Diagnostic::at(
            Code::WrongType,
            "content/a \"b\".md",
            Pos::new(3, 7),
            msg!("tab\tdi\nsini\\ \u{1}", "tab\there\nand\\ \u{1}"),
        );
        assert_eq!(
            d.to_json(Lang::En),
            r#"{"path":"content/a \"b\".md","line":3,"column":7,"severity":"error","code":"E0202","message":"tab\there\nand\\ \u0001"}"#
        );
        let d = Diagnostic::file(Code::SiteConfig, "site.yaml", msg!("y", "x"));
        assert_eq!(
            d.to_json(Lang::Id),
            r#"{"path":"site.yaml","line":null,"column":null,"severity":"error","code":"E0401","message":"y"}"#
        );
    }
}
