//! The runtime's files form no import circle: data flows one way through them. Every path a
//! file names (`use crate::…`, `super::…`, `crate::…` in code) is resolved, through the
//! re-exports of the module it passes, to the file that defines the item; those edges must
//! have no cycle. Declaring a child module (`mod x;`) is not an import; test modules at the
//! end of a file are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src");

/// One source file: its module path and its code, comments and test modules left out.
struct File {
    module: Vec<String>,
    code: Vec<String>,
}

fn files() -> BTreeMap<String, File> {
    let mut out = BTreeMap::new();
    collect(Path::new(SRC), &mut out);
    out
}

fn collect(dir: &Path, out: &mut BTreeMap<String, File>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(SRC)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut module: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(str::to_owned)
            .collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        if rel == "private.rs" {
            module = vec!["__private".to_owned()];
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut code = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            // The test module, at the end of the file.
            if line.starts_with("#[cfg(test)]")
                && lines.get(i + 1).is_some_and(|l| l.starts_with("mod tests"))
            {
                break;
            }
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            code.push((*line).to_owned());
        }
        out.insert(rel, File { module, code });
    }
}

/// The paths a file names, each as its segments from the crate root.
fn paths(file: &File) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let text = file.code.join("\n");
    // `use` statements, braces expanded.
    let mut rest = text.as_str();
    while let Some(at) = find_use(rest) {
        let stmt_start = &rest[at..];
        let end = stmt_start.find(';').unwrap_or(stmt_start.len());
        let stmt = &stmt_start[..end];
        let path = stmt.split_once("use ").map_or("", |(_, p)| p).trim();
        for expanded in expand(path) {
            if let Some(p) = absolute(&file.module, &expanded) {
                out.push(p);
            }
        }
        rest = &stmt_start[end..];
    }
    // Paths in code: `crate::a::b` and `super::a`.
    for line in &file.code {
        let t = line.trim_start();
        if t.starts_with("use ") || t.starts_with("pub use ") || t.starts_with("pub(crate) use ") {
            continue;
        }
        for prefix in ["crate::", "super::", "self::"] {
            let mut s = line.as_str();
            while let Some(i) = s.find(prefix) {
                let before = s[..i].chars().last();
                let tail = &s[i..];
                let len = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                    && let Some(p) = absolute(&file.module, tail[..len].trim_end_matches(':'))
                {
                    out.push(p);
                }
                s = &tail[len.max(1)..];
            }
        }
    }
    out
}

fn find_use(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("use ") {
        let at = from + i;
        let line_start = s[..at].rfind('\n').map_or(0, |n| n + 1);
        let lead = s[line_start..at].trim();
        if lead.is_empty() || lead == "pub" || lead == "pub(crate)" || lead == "pub(super)" {
            return Some(line_start);
        }
        from = at + 4;
    }
    None
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`; `x as y` as `x`.
fn expand(path: &str) -> Vec<String> {
    let path: String = path.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = path.find('{') else {
        let p = path.split(" as ").next().unwrap_or("").trim();
        return vec![p.to_owned()];
    };
    let prefix = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut items = Vec::new();
    let (mut depth, mut cur) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    items.push(cur);
    items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .flat_map(|i| expand(i).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// A path as segments from the crate root.
fn absolute(module: &[String], path: &str) -> Option<Vec<String>> {
    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (mut base, rest): (Vec<String>, &[&str]) = match *segments.first()? {
        "crate" => (Vec::new(), &segments[1..]),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = &segments[..];
            while rest.first() == Some(&"super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        "self" => (module.to_vec(), &segments[1..]),
        // A child module (`use inner::Item` in the parent), or another crate, which resolves
        // to the file itself.
        _ => (module.to_vec(), &segments[..]),
    };
    base.extend(rest.iter().map(|s| (*s).to_owned()));
    Some(base)
}

/// Top-level items a file defines, and the names it re-exports with their paths.
fn items(file: &File) -> (BTreeSet<String>, BTreeMap<String, Vec<String>>) {
    let mut defined = BTreeSet::new();
    let mut reexports = BTreeMap::new();
    for line in &file.code {
        if line.starts_with(' ') || line.starts_with('\t') {
            continue;
        }
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if words.first().is_some_and(|w| w.starts_with("pub")) {
            words.remove(0);
        }
        if words.len() > 1 && ["const", "async", "unsafe"].contains(&words[0]) && words[1] == "fn" {
            words.remove(0);
        }
        if let [kind, name, ..] = words.as_slice()
            && [
                "fn", "struct", "enum", "trait", "type", "const", "static", "union",
            ]
            .contains(kind)
        {
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            defined.insert(name);
        }
    }
    for (i, line) in file.code.iter().enumerate() {
        if line.starts_with(' ') || line.starts_with('\t') {
            continue;
        }
        // Attributes before the item on the same line (`#[cfg(...)] pub use ...`).
        let mut rest = line.as_str();
        while let Some(after) = rest.strip_prefix("#[") {
            let Some(close) = after.find("] ") else {
                break;
            };
            rest = after[close + 2..].trim_start();
        }
        let Some(path) = ["pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            continue;
        };
        // The statement runs on to its `;`, across lines.
        let mut stmt = path.to_owned();
        let mut next = i + 1;
        while !stmt.contains(';') && next < file.code.len() {
            stmt.push(' ');
            stmt.push_str(&file.code[next]);
            next += 1;
        }
        let stmt = stmt.split(';').next().unwrap_or("");
        let original: String = stmt.split_whitespace().collect::<Vec<_>>().join(" ");
        for expanded in expand(stmt) {
            let alias = alias_of(&original, &expanded);
            if let Some(p) = absolute(&file.module, &expanded) {
                reexports.insert(alias, p);
            }
        }
    }
    (defined, reexports)
}

/// The name a re-export of `expanded` takes in `original` (`x as y` takes `y`).
fn alias_of(original: &str, expanded: &str) -> String {
    let last = expanded.rsplit("::").next().unwrap_or("").to_owned();
    let pattern = format!("{last} as ");
    match original.find(&pattern) {
        Some(i) => original[i + pattern.len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect(),
        None => last,
    }
}

/// The file that defines what `path` names.
fn resolve(path: &[String], files: &BTreeMap<String, File>, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    let module_file = |m: &[String]| {
        files
            .iter()
            .find(|(_, f)| f.module == m)
            .map(|(name, _)| name.clone())
    };
    // The longest prefix that is a module with its own file.
    let mut split = path.len();
    while split > 0 && module_file(&path[..split]).is_none() {
        split -= 1;
    }
    let file = module_file(&path[..split])?;
    let Some(item) = path.get(split) else {
        return Some(file);
    };
    let (defined, reexports) = items(&files[&file]);
    if defined.contains(item) {
        return Some(file);
    }
    match reexports.get(item) {
        Some(target) => {
            let mut target = target.clone();
            target.extend(path[split + 1..].iter().cloned());
            resolve(&target, files, depth + 1).or(Some(file))
        }
        None => Some(file),
    }
}

#[test]
fn the_runtime_has_no_import_circle() {
    let files = files();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, file) in &files {
        let out = edges.entry(name.clone()).or_default();
        for path in paths(file) {
            if let Some(target) = resolve(&path, &files, 0)
                && target != *name
            {
                out.insert(target);
            }
        }
    }
    // The crate root only declares modules and re-exports: it is the face, not a layer.
    edges.remove("lib.rs");
    for targets in edges.values_mut() {
        targets.remove("lib.rs");
    }
    let cycles = cycles(&edges);
    assert!(
        cycles.is_empty(),
        "import circles among runtime/src files:\n{}",
        cycles
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// One cycle through each strongly connected group of files.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut seen_in_cycle = BTreeSet::new();
    for start in edges.keys() {
        if seen_in_cycle.contains(start) {
            continue;
        }
        // Breadth-first from `start`'s targets back to `start`.
        let mut prev: BTreeMap<String, String> = BTreeMap::new();
        let mut queue: std::collections::VecDeque<String> = edges[start]
            .iter()
            .map(|t| {
                prev.insert(t.clone(), start.clone());
                t.clone()
            })
            .collect();
        while let Some(node) = queue.pop_front() {
            if node == *start {
                let mut cycle = vec![start.clone()];
                let mut at = prev[start].clone();
                while at != *start {
                    cycle.push(at.clone());
                    at = prev[&at].clone();
                }
                cycle.push(start.clone());
                cycle.reverse();
                seen_in_cycle.extend(cycle.iter().cloned());
                found.push(cycle);
                break;
            }
            for next in edges.get(&node).into_iter().flatten() {
                if !prev.contains_key(next) {
                    prev.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
        }
    }
    found
}

/// The checker finds the circles it is meant to: resolution through re-exports, `super::`,
/// grouped imports and paths in code.
#[test]
fn the_checker_sees_a_circle() {
    let file = |module: &[&str], code: &str| File {
        module: module.iter().map(|s| (*s).to_owned()).collect(),
        code: code.lines().map(str::to_owned).collect(),
    };
    let mut files = BTreeMap::new();
    files.insert(
        "lib.rs".to_owned(),
        file(&[], "mod a;\nmod b;\npub use b::B;"),
    );
    files.insert(
        "a/mod.rs".to_owned(),
        file(
            &["a"],
            "mod inner;\npub use inner::Inner;\npub struct A;\nfn f() { crate::B; }",
        ),
    );
    files.insert(
        "a/inner.rs".to_owned(),
        file(&["a", "inner"], "pub struct Inner;\nfn g() { super::A; }"),
    );
    files.insert(
        "b.rs".to_owned(),
        file(&["b"], "use crate::{a::{Inner, A}};\npub struct B;"),
    );
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, f) in &files {
        for path in paths(f) {
            if let Some(t) = resolve(&path, &files, 0)
                && t != *name
                && t != "lib.rs"
            {
                edges.entry(name.clone()).or_default().insert(t);
            }
        }
    }
    let b_targets: Vec<&String> = edges["b.rs"].iter().collect();
    assert_eq!(b_targets, ["a/inner.rs", "a/mod.rs"]);
    // `super::A` in a/inner.rs names a/mod.rs, whose re-export names a/inner.rs back.
    let inner_targets: Vec<&String> = edges["a/inner.rs"].iter().collect();
    assert_eq!(inner_targets, ["a/mod.rs"]);
    assert!(!cycles(&edges).is_empty(), "{edges:?}");
}
