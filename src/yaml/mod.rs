//! All YAML parsing lives here, so the backend can change in one place:
//! `mod.rs` parses with a budget, `messages.rs` words syntax errors for
//! office staff, `positions.rs` finds where keys and items stand.
//!
//! Parsing gives a `Value` tree; positions of keys and list items are found
//! afterwards by a light scan of the text (`Positions`), and only for files
//! that have a problem to report, so valid files pay nothing for it.

mod messages;
mod positions;

pub(crate) use positions::Positions;

use crate::diagnostic::Pos;
use messages::syntax_error;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use std::cell::Cell;

pub(crate) use serde_yaml::{Mapping, Value};

/// A YAML syntax error with its place in the parsed text.
pub(crate) struct SyntaxError {
    pub pos: Pos,
    pub code: crate::diagnostic::Code,
    pub message: crate::message::Message,
}

/// Parses one YAML document. `line_offset` is added to reported lines (the
/// lines of a front matter block that precede it in the file).
pub(crate) fn parse(text: &str, line_offset: usize) -> Result<Value, SyntaxError> {
    // Aliases (`*name`) repeat what an anchor (`&name`) marks: a short text
    // could stand for billions of values. The tree is built against a
    // budget of values in proportion to the text, so it stays as small as
    // the text.
    // A string costs its bytes too, so a long anchored string repeated by
    // aliases is bounded like many small values are.
    if let Some(at) = too_deep(text) {
        return Err(syntax_error(
            text,
            line_offset,
            "recursion limit exceeded",
            Some(at),
        ));
    }
    let budget = Cell::new(2 * text.len() as u64 + 100_000);
    Builder(&budget)
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|e| {
            let at = e.location().map(|l| (l.index(), l.line(), l.column()));
            syntax_error(text, line_offset, &e.to_string(), at)
        })
}

/// How deep flow collections (`[[[`, `{a: {a:`) may nest: the parser's
/// own limit for the tree.
const MAX_FLOW_DEPTH: usize = 128;

/// Where flow collections first nest deeper than [`MAX_FLOW_DEPTH`], as
/// (byte, line, column), found in one pass before the parser sees the
/// text: the parser's time grows with the square of the depth (150,000
/// levels in 300 KB took minutes), this pass with the length.
fn too_deep(text: &str) -> Option<(usize, usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let (mut comment, mut escaped) = (false, false);
    // Inside an anchor or a tag before a value (`&a [`, `!!seq [`): the
    // value still starts after it.
    let mut property = false;
    // The last character that was not a space on this line, outside a
    // string: a bracket opens a collection only where a value starts.
    let mut before = '\n';
    for (i, c) in text.char_indices() {
        column += 1;
        if c == '\n' {
            (line, column, comment, before) = (line + 1, 0, false, '\n');
            property = false;
            if depth == 0 {
                quote = None;
            }
            continue;
        }
        if comment {
            continue;
        }
        // An anchor or tag ends at a space, or at a flow indicator, which
        // is then read as where the value starts.
        if property {
            if matches!(c, ' ' | '\t') {
                property = false;
                continue;
            }
            if !matches!(c, ',' | '[' | '{' | ']' | '}') {
                continue;
            }
            property = false;
        }
        if let Some(q) = quote {
            match (q, c) {
                ('"', '\\') if !escaped => escaped = true,
                ('"', '"') if !escaped => quote = None,
                ('\'', '\'') => quote = None, // `''` closes and opens again
                _ => escaped = false,
            }
            continue;
        }
        let value_starts = depth > 0 || matches!(before, '\n' | ':' | '-' | '?');
        match c {
            '#' if before == '\n' || text[..i].ends_with([' ', '\t']) => comment = true,
            '&' | '!' if value_starts => {
                property = true;
                continue;
            }
            '"' | '\''
                if depth > 0 || matches!(before, '\n' | ':' | '-' | ',' | '[' | '{' | '?') =>
            {
                quote = Some(c)
            }
            '[' | '{' if depth > 0 || matches!(before, '\n' | ':' | '-' | '?') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((i, line, column));
                }
            }
            ']' | '}' if depth > 0 => depth -= 1,
            _ => {}
        }
        if c != ' ' && c != '\t' {
            before = c;
        }
    }
    None
}

/// The error a `Builder` stops with when its budget is spent.
const OVER_BUDGET: &str = "more values than the budget allows";

/// Builds a `Value` as serde_yaml's own does, counting down a budget of
/// values and string bytes.
#[derive(Clone, Copy)]
struct Builder<'a>(&'a Cell<u64>);

impl Builder<'_> {
    fn tick<E: de::Error>(self, v: Value) -> Result<Value, E> {
        let cost = match &v {
            Value::String(s) => 1 + s.len() as u64,
            _ => 1,
        };
        match self.0.get().checked_sub(cost) {
            Some(left) => {
                self.0.set(left);
                Ok(v)
            }
            None => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Builder<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Builder<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        self.tick(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        self.tick(Value::Number(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        self.tick(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        self.tick(Value::Number(n.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        self.tick(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        self.tick(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.tick(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.tick(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        self.tick(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            if out.contains_key(&key) {
                let shown = match &key {
                    Value::String(s) => format!("{s:?}"),
                    other => format!("{other:?}"),
                };
                return Err(de::Error::custom(format!(
                    "duplicate entry with key {shown}"
                )));
            }
            let value = map.next_value_seed(self)?;
            out.insert(key, value);
        }
        self.tick(Value::Mapping(out))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A tagged value (`!tag value`).
        let (tag, contents) = data.variant::<String>()?;
        if tag.is_empty() {
            return Err(de::Error::custom("empty YAML tag is not allowed"));
        }
        let value = contents.newtype_variant_seed(self)?;
        self.tick(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

/// A value's type, in words for error messages.
pub(crate) fn type_name(value: &Value) -> crate::message::Message {
    match value {
        Value::Null => msg!("kosong", "nothing"),
        Value::Bool(_) => msg!("true/false", "true/false"),
        Value::Number(_) => msg!("angka", "a number"),
        Value::String(_) => msg!("teks", "text"),
        Value::Sequence(_) => msg!("daftar", "a list"),
        Value::Mapping(_) => msg!("kumpulan kolom", "a group of fields"),
        Value::Tagged(_) => msg!("nilai bertanda `!`", "a value marked with `!`"),
    }
}

/// The lines of a YAML text as YAML counts them: ended by `\n`, `\r\n` or a
/// lone `\r` (old Mac files).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let t = rest?;
        match t.find(['\n', '\r']) {
            Some(i) => {
                let next = if t[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&t[next..]).filter(|r| !r.is_empty());
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_in_one_pass() {
        let deep = format!(
            "a: 1\ntags: {}{}\n",
            "[".repeat(150_000),
            "]".repeat(150_000)
        );
        let at = too_deep(&deep).unwrap();
        assert_eq!((at.1, at.2), (2, 7 + MAX_FLOW_DEPTH));
        let maps = format!("extra: {}1{}\n", "{a: ".repeat(200), "}".repeat(200));
        assert!(too_deep(&maps).is_some());
        // Brackets in strings, comments and plain words are no nesting.
        let fine = format!(
            "a: \"{}\"\nb: '{}'\n# {}\nc: x{}\nd: [[1], {{e: [2]}}]\n",
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300),
            "[".repeat(300)
        );
        assert_eq!(too_deep(&fine), None);
        let ok = format!(
            "t: {}{}\n",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        );
        assert_eq!(too_deep(&ok), None);
        // Behind an anchor or a tag, at the top or inside: still counted.
        for before in ["&a ", "!!seq ", "&a !!seq ", "- &x ", "? "] {
            let deep = format!("tags: {before}{}\n", "[".repeat(1_000));
            assert!(too_deep(&deep).is_some(), "{before}");
            let deep = format!("{before}{}\n", "[".repeat(1_000));
            assert!(too_deep(&deep).is_some(), "{before} at the start");
        }
        let inside = format!("t: [{}]\n", "&a [".repeat(1_000));
        assert!(too_deep(&inside).is_some());
        // An exclamation or an ampersand in a plain text is no tag.
        assert_eq!(too_deep("a: Enak! [murah]\nb: Tahu & tempe [x]\n"), None);
    }

    #[test]
    fn splits_lines_like_yaml() {
        let v: Vec<&str> = lines("a\nb\r\nc\rd").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
        let v: Vec<&str> = lines("a\n\nb\n").collect();
        assert_eq!(v, ["a", "", "b"]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn builds_the_same_values_as_serde_yaml() {
        let text = "a: !t x\nb: [1, -2, 2.5, true, ~, \"s\"]\nc: &k {d: 1}\ne: *k\n";
        let ours = parse(text, 0).ok().unwrap();
        let theirs: Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn refuses_aliases_that_blow_up_and_places_duplicates() {
        let list = vec!["x"; 2000].join(",");
        let refs = vec!["*a"; 2000].join(",");
        let err = parse(&format!("a: &a [{list}]\nb: [{refs}]\n"), 0)
            .err()
            .unwrap();
        assert!(err.message.en.contains("aliases"), "{}", err.message.en);
        let err = parse("a: 1\nb:\n  c: 1\n  c: 2\n", 1).err().unwrap();
        assert_eq!(err.pos, Pos::new(5, 3));
        assert_eq!(err.message.en, "`c` is written twice in `b`; keep only one");
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let err = parse("a: 1\nb: [\n", 1).err().unwrap();
        assert!(err.pos.line >= 2, "{}", err.pos.line);
        assert_eq!(err.message.en, "the list in [ ] is not closed");
        assert_eq!(err.message.id, "daftar dalam [ ] tidak ditutup");
    }
}
