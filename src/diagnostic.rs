//! Problems found in a site's input, modelled as data.
//!
//! Every check pushes a `Diagnostic` and goes on, so one run reports every
//! problem; the list is sorted before printing so the report is the same
//! whatever the thread count.

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

/// One problem in the input: `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Relative to the site folder, with `/` separators.
    pub path: String,
    /// `None` when the problem has no place in the file (an unreadable file).
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn at(path: impl Into<String>, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            pos: Some(pos),
            message: message.into(),
        }
    }

    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            pos: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, message) = (one_line(&self.path), one_line(&self.message));
        match self.pos {
            Some(p) => write!(f, "{path}:{}:{}: {message}", p.line, p.column),
            None => write!(f, "{path}: {message}"),
        }
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
        let d = Diagnostic::at("content/umkm/a.md", Pos::new(3, 1), "bad");
        assert_eq!(d.to_string(), "content/umkm/a.md:3:1: bad");
        let d = Diagnostic::file("content/umkm/a.md", "unreadable");
        assert_eq!(d.to_string(), "content/umkm/a.md: unreadable");
        let d = Diagnostic::file("content/umkm/a\nb.md", "\"x\ny\" is bad");
        assert_eq!(d.to_string(), "content/umkm/a\\nb.md: \"x\\ny\" is bad");
    }
}
