//! The house rules of `src/`, kept by CI: every module stands on the floor
//! ARCHITECTURE.md gives it and imports only from lower floors, no files
//! import each other in a circle, the library's items are private to the
//! crate but for the commands' API, and no address is built outside
//! `paths.rs`.
//!
//! The floors are declared once, in ARCHITECTURE.md's table between
//! `<!-- floors -->` and `<!-- /floors -->`; this test reads them there.
//! Imports are read from the source as text: `crate::a::b`, `use
//! crate::{a, b::c}`, `super::x` and, in a folder's `mod.rs`, its own
//! children. Comments and the unit tests at the end of a file (`#[cfg(test)]
//! mod tests`) are left out: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A module of the crate by its path: `["render", "pages"]`; the crate
/// root (`lib.rs`) is `[]`.
type Module = Vec<String>;

struct Source {
    file: PathBuf,
    /// `mod.rs` or `lib.rs`: the door of its folder.
    door: bool,
    text: String,
}

fn sources() -> BTreeMap<Module, Source> {
    let src = Path::new(ROOT).join("src");
    let mut out = BTreeMap::new();
    let mut todo = vec![src.clone()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let name = parts.last().cloned().unwrap_or_default();
            let door = matches!(name.as_str(), "mod" | "lib");
            if door {
                parts.pop();
            }
            let text = code_of(&std::fs::read_to_string(&path).unwrap());
            out.insert(
                parts,
                Source {
                    file: path,
                    door,
                    text,
                },
            );
        }
    }
    out
}

/// The code of a file: without its comment lines and its unit tests.
fn code_of(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths written after `prefix::` in `text`: `crate::a::b::C` gives
/// `[a, b, C]`; `crate::{a, b::{self, c}}` gives `[a]`, `[b]` and `[b, c]`.
fn paths_after(text: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut at = 0;
    let needle = format!("{prefix}::");
    while let Some(i) = text[at..].find(&needle) {
        let start = at + i;
        at = start + needle.len();
        // `supercrate::` is not `crate::`.
        if text[..start].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        tree(&text[at..], Vec::new(), &mut out);
    }
    out
}

/// Skips white space at the start of `text[at..]`.
fn skip_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start().len()
}

/// Reads one use-tree at the start of `text` (`a::b`, `a::{b, c::d}`),
/// each path it names pushed with `base` before it; returns the bytes
/// read.
fn tree(text: &str, base: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = base;
    let mut at = 0;
    loop {
        if text[at..].starts_with('{') {
            at += 1;
            loop {
                at = skip_space(text, at);
                if text[at..].starts_with('}') || at >= text.len() {
                    return at + 1;
                }
                let read = tree(&text[at..], path.clone(), out);
                if read == 0 {
                    return at;
                }
                at = skip_space(text, at + read);
                if text[at..].starts_with(',') {
                    at += 1;
                }
            }
        }
        let rest = &text[at..];
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if end == 0 {
            return at;
        }
        let word = &rest[..end];
        if word != "self" {
            path.push(word.to_string());
        }
        at += end;
        match text[at..].strip_prefix("::") {
            Some(r) if r.starts_with(is_ident) || r.starts_with('{') => at += 2,
            _ => {
                out.push(path);
                return at;
            }
        }
    }
}

/// The longest module that `path` (from the crate root) names.
fn resolve(path: &[String], modules: &BTreeMap<Module, Source>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

/// What each module imports: other modules, never itself, and never a
/// door's own children (a folder's `mod.rs` puts its files together).
fn imports(modules: &BTreeMap<Module, Source>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut out = BTreeMap::new();
    for (module, source) in modules {
        if module.first().is_some_and(|m| m == "main" || m == "cli") {
            continue; // the binary: it sees the library's API only
        }
        let mut named: Vec<Vec<String>> = paths_after(&source.text, "crate");
        // `super::x` from `a/b.rs` is `a::x`; from `a/b/mod.rs`, `a::x`.
        let parent = &module[..module.len().saturating_sub(1)];
        for p in paths_after(&source.text, "super") {
            named.push(parent.iter().cloned().chain(p).collect());
        }
        if source.door {
            for p in paths_after(&source.text, "self") {
                named.push(module.iter().cloned().chain(p).collect());
            }
        }
        let mut found = BTreeSet::new();
        for path in named {
            if let Some(m) = resolve(&path, modules) {
                let own_child = source.door && m.len() > module.len() && m.starts_with(module);
                if &m != module && !own_child {
                    found.insert(m);
                }
            }
        }
        out.insert(module.clone(), found);
    }
    out
}

/// ARCHITECTURE.md's floors: each top-level module, and its floor.
fn floors() -> HashMap<String, usize> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let start = text
        .find("<!-- floors -->")
        .expect("ARCHITECTURE.md has a <!-- floors --> table");
    let end = text.find("<!-- /floors -->").expect("the table ends");
    let mut out = HashMap::new();
    for line in text[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(Ok(floor)) = cells.get(1).map(|c| c.parse::<usize>()) else {
            continue;
        };
        for name in cells[2].split(',') {
            let name = name.trim().trim_matches('`').trim_end_matches('/');
            let name = name.trim_end_matches(".rs");
            assert!(
                out.insert(name.to_string(), floor).is_none(),
                "ARCHITECTURE.md gives `{name}` two floors"
            );
        }
    }
    out
}

fn top(module: &Module) -> String {
    module.first().cloned().unwrap_or_else(|| "lib".into())
}

#[test]
fn every_module_imports_only_from_lower_floors() {
    let modules = sources();
    let floors = floors();
    let mut wrong = Vec::new();
    for (module, imported) in imports(&modules) {
        let name = top(&module);
        let Some(&floor) = floors.get(&name) else {
            wrong.push(format!(
                "{} (module `{name}`) has no floor in ARCHITECTURE.md",
                modules[&module].file.display()
            ));
            continue;
        };
        for other in imported {
            let other_name = top(&other);
            if other_name == name {
                continue;
            }
            let other_floor = floors.get(&other_name).copied().unwrap_or(usize::MAX);
            if other_floor >= floor {
                wrong.push(format!(
                    "{} (`{name}`, floor {floor}) imports `{}` (floor {other_floor})",
                    modules[&module].file.strip_prefix(ROOT).unwrap().display(),
                    other.join("::"),
                ));
            }
        }
    }
    // Every floor of the table names a module that exists.
    let tops: BTreeSet<String> = modules.keys().map(top).collect();
    for name in floors.keys() {
        if !tops.contains(name) {
            wrong.push(format!(
                "ARCHITECTURE.md gives a floor to `{name}`, which is not in src/"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let modules = sources();
    let graph = imports(&modules);
    // Tarjan's strongly connected components.
    struct State<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: HashMap<&'g Module, usize>,
        low: HashMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        on: BTreeSet<&'g Module>,
        next: usize,
        circles: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Module) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut circle = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                circle.push(w.join("::"));
                if w == v {
                    break;
                }
            }
            if circle.len() > 1 {
                circle.sort();
                s.circles.push(circle);
            }
        }
    }
    let mut s = State {
        graph: &graph,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        circles: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    assert!(
        s.circles.is_empty(),
        "modules that import each other in a circle: {:?}",
        s.circles
    );
}

/// The parser reads what the source writes.
#[test]
fn the_import_reader_reads_groups_and_parents() {
    let found = paths_after(
        "use crate::{a, b::{self, c}, e::F};\nlet x = crate::g::h(1);",
        "crate",
    );
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        vec![
            s(&["a"]),
            s(&["b"]),
            s(&["b", "c"]),
            s(&["e", "F"]),
            s(&["g", "h"])
        ]
    );
    assert!(paths_after("supercrate::x", "crate").is_empty());
}
