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
            crate::text::json_string(&self.path),
            self.severity().as_str(),
            self.code.id(),
            crate::text::json_string(self.message.get(lang))
        )
    }
}

impl Diagnostic {
    /// `path:line:column: message [CODE]`, the message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let (path, message) = (
            crate::text::one_line(&self.path),
            crate::text::one_line(self.message.get(lang)),
        );
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

/// Sorts and removes exact repeats, so the report is deterministic.
pub(crate) fn finish(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    list.sort();
    list.dedup();
    list
}

/// The closest candidate within a small edit distance, for "did you mean".
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(1, 3);
    // Words whose lengths differ by more than the limit cannot be near;
    // skipping them keeps a hostile, very long word cheap.
    if len > 64 {
        return None;
    }
    let word = word.to_lowercase();
    let bag = Bag::of(&word);
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        // Case does not count: "bekasi timur" is "Bekasi Timur".
        .map(|c| (c, c.to_lowercase()))
        // A cheap lower bound first: thousands of mistakes among thousands
        // of names must stay near-linear, not millions of edit distances.
        .filter(|(_, lc)| bag.distance(&Bag::of(lc)) <= limit)
        .map(|(c, lc)| (edit_distance(&word, &lc), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// "Did you mean" over many candidates (thousands of slugs), near-linear
/// in their number: each candidate is filed under itself and every form
/// with one character deleted, so a word one or two edits away (a typo, a
/// swap, a missing or extra letter) is found by a few lookups. Up to
/// `SCAN` candidates are simply all compared, as `nearest` does.
pub(crate) struct Suggester<'a> {
    all: Vec<&'a str>,
    index: std::collections::HashMap<String, Vec<&'a str>>,
}

impl<'a> Suggester<'a> {
    const SCAN: usize = 256;

    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Suggester<'a> {
        let mut all: Vec<&str> = candidates.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        let mut index: std::collections::HashMap<String, Vec<&str>> = Default::default();
        if all.len() > Self::SCAN {
            for &c in &all {
                let lower = c.to_lowercase();
                for form in forms(&lower) {
                    index.entry(form).or_default().push(c);
                }
            }
        }
        Suggester { all, index }
    }

    pub(crate) fn nearest(&self, word: &str) -> Option<&'a str> {
        if self.all.len() <= Self::SCAN {
            return nearest(word, self.all.iter().copied());
        }
        let lower = word.to_lowercase();
        let mut found: Vec<&str> = forms(&lower)
            .filter_map(|f| self.index.get(&f))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        nearest(word, found)
    }
}

/// A word and each form of it with one character deleted (for words of
/// up to 64 characters; a longer one has no suggestions).
fn forms(word: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<(usize, char)> = if word.chars().count() <= 64 {
        word.char_indices().collect()
    } else {
        Vec::new()
    };
    let n = chars.len();
    std::iter::once(word.to_string())
        .filter(move |_| n > 0)
        .chain((0..n).map(move |i| {
            let (at, c) = chars[i];
            let mut f = String::with_capacity(word.len());
            f.push_str(&word[..at]);
            f.push_str(&word[at + c.len_utf8()..]);
            f
        }))
}

/// How many times each character occurs, in 64 buckets. The bag distance
/// of two words is at most their edit distance (a bucket can only hide a
/// difference), so it rules candidates out cheaply.
struct Bag([u8; 64]);

impl Bag {
    fn of(word: &str) -> Bag {
        let mut counts = [0u8; 64];
        for c in word.chars() {
            let slot = &mut counts[(c as u32 % 64) as usize];
            *slot = slot.saturating_add(1);
        }
        Bag(counts)
    }

    fn distance(&self, other: &Bag) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += (a - b) as usize;
            } else {
                fewer += (b - a) as usize;
            }
        }
        more.max(fewer)
    }
}

/// Edit distance where swapping two neighbouring letters counts as one
/// edit (optimal string alignment): `titel` is one edit from `title`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
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
    fn suggests_among_thousands_through_the_index() {
        let names: Vec<String> = (0..3000).map(|i| format!("pedagang-nomor-{i}")).collect();
        let s = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(s.nearest("pedagang-nomr-1999"), Some("pedagang-nomor-1999"));
        assert_eq!(s.nearest("pedagang-nmoor-7"), Some("pedagang-nomor-7"));
        assert_eq!(s.nearest("pedagangx-nomor-12"), Some("pedagang-nomor-12"));
        assert_eq!(s.nearest("zzz"), None);
        let few = Suggester::new(["opop", "koperasi-masjid"]);
        assert_eq!(few.nearest("opopp"), Some("opop"));
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
