//! The shape of the code, checked: no import cycle between files, no file past 800 lines (seed
//! data aside), and a domain that knows nothing of the rest of the crate, of HTTP or of the database.
//! A file's imports are the `crate::` and `super::` paths it names (in `use` declarations and in
//! code), each resolved to the file of the module it lands in; tests are not production code.

#![cfg(test)]

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

/// The longest a file may grow before it is several rooms.
const MAX_LINES: usize = 800;

/// Every `.rs` file under `src/`, by its path relative to `src/`, with its production code (the
/// text before `#[cfg(test)]`, comments removed).
fn sources() -> BTreeMap<String, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    collect(&root, &root, &mut out);
    out
}

/// The `.rs` files under `dir`, by their path relative to `root`.
fn collect(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
    for entry in fs::read_dir(dir).expect("read a source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).expect("read a source file");
            let rel = path.strip_prefix(root).expect("under its root").to_string_lossy().replace('\\', "/");
            out.insert(rel, text);
        }
    }
}

/// The production part of a file: before its test module, without comments.
fn production(text: &str) -> String {
    let code = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    code.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The module path of a file: `orders/store.rs` → `["orders", "store"]`.
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The file a module path lands in: the longest prefix that is a file.
fn file_of(path: &[String], files: &BTreeMap<String, String>) -> Option<String> {
    for n in (0..=path.len()).rev() {
        let prefix = path[..n].join("/");
        let candidates =
            if n == 0 { vec!["lib.rs".to_owned()] } else { vec![format!("{prefix}.rs"), format!("{prefix}/mod.rs")] };
        if let Some(found) = candidates.into_iter().find(|c| files.contains_key(c)) {
            return Some(found);
        }
    }
    None
}

/// The paths of a `use` tree: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    fn split_top(s: &str) -> Vec<String> {
        let (mut depth, mut current, mut items) = (0, String::new(), Vec::new());
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if c == ',' && depth == 0 {
                items.push(std::mem::take(&mut current));
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            items.push(current);
        }
        items
    }
    fn walk(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        for item in split_top(tree) {
            match item.find('{') {
                Some(open) if item.ends_with('}') => {
                    let mut next = prefix.to_vec();
                    next.extend(item[..open].split("::").filter(|s| !s.is_empty()).map(str::to_owned));
                    walk(&next, &item[open + 1..item.len() - 1], out);
                }
                _ => {
                    let item = item.split('@').next().unwrap_or("");
                    let mut path = prefix.to_vec();
                    path.extend(item.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
                    out.push(path);
                }
            }
        }
    }
    // `x as y` keeps its name `x`: the renaming is marked, then the spaces go.
    let compact = tree.split_whitespace().collect::<Vec<_>>().join(" ").replace(" as ", "@").replace(' ', "");
    let mut out = Vec::new();
    walk(&[], &compact, &mut out);
    out
}

/// The `crate::`/`super::` paths a file names.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // `use` declarations, with their trees.
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric() && rest.as_bytes()[at - 1] != b'_';
        let tail = &rest[at + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        let tree = tail[..end].trim();
        if before_ok && (tree.starts_with("crate") || tree.starts_with("super")) {
            paths.extend(expand(tree));
        }
        rest = &tail[end.min(tail.len())..];
    }
    // Paths in code: `crate::a::b(…)`, `super::x::y`.
    for start in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(at) = rest.find(start) {
            let boundary = at == 0
                || !(rest.as_bytes()[at - 1].is_ascii_alphanumeric()
                    || rest.as_bytes()[at - 1] == b'_'
                    || rest.as_bytes()[at - 1] == b':');
            let tail = &rest[at..];
            let len = tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
            if boundary {
                paths.push(tail[..len].split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect());
            }
            rest = &tail[len.max(1)..];
        }
    }
    paths
}

/// Each production file and the files it imports.
fn import_graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (file, text) in files {
        let me = module_of(file);
        let mut targets = BTreeSet::new();
        for path in named_paths(&production(text)) {
            let mut resolved: Vec<String> = Vec::new();
            let mut segments = path.iter().peekable();
            match segments.peek().map(|s| s.as_str()) {
                Some("crate") => {
                    segments.next();
                }
                Some("super") => {
                    resolved = me.clone();
                    while segments.peek().is_some_and(|s| *s == "super") {
                        segments.next();
                        resolved.pop();
                    }
                }
                _ => continue,
            }
            resolved.extend(segments.filter(|s| *s != "self" && *s != "*").cloned());
            if let Some(target) = file_of(&resolved, files)
                && &target != file
            {
                targets.insert(target);
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

/// The groups of files that import each other, directly or round about (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_file_imports_itself_round_about() {
    let files = sources();
    let graph = import_graph(&files);
    assert!(graph["orders/routes.rs"].contains("orders/write.rs"), "the graph sees `super::` imports");
    assert!(graph["orders/store.rs"].contains("effects/mod.rs"), "the graph sees `crate::` imports");
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a.rs", vec!["b.rs"]), ("b.rs", vec!["c.rs"]), ("c.rs", vec!["a.rs"]), ("d.rs", vec!["a.rs"])]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
            .collect();
    assert_eq!(cycles(&graph), vec![vec!["a.rs".to_owned(), "b.rs".to_owned(), "c.rs".to_owned()]]);
    assert_eq!(
        expand("crate::{audit::{self, AuditEvent}, domain::Role}"),
        vec![
            vec!["crate".to_owned(), "audit".to_owned(), "self".to_owned()],
            vec!["crate".to_owned(), "audit".to_owned(), "AuditEvent".to_owned()],
            vec!["crate".to_owned(), "domain".to_owned(), "Role".to_owned()],
        ]
    );
}

#[test]
fn no_file_is_several_rooms() {
    let mut too_long = Vec::new();
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    for dir in ["api/src", "migration/src", "tests"] {
        let mut files = BTreeMap::new();
        let root = workspace.join(dir);
        collect(&root, &root, &mut files);
        too_long.extend(
            files
                .into_iter()
                // The demo's and the benchmark's seed data are data, not rooms.
                .filter(|(file, _)| !(dir == "api/src" && file.starts_with("seed")))
                .filter(|(_, text)| text.lines().count() > MAX_LINES)
                .map(|(file, text)| format!("{dir}/{file}: {} lines", text.lines().count())),
        );
    }
    assert_eq!(too_long, Vec::<String>::new());
}

#[test]
fn the_domain_knows_nothing_of_the_rest() {
    let files = sources();
    let graph = import_graph(&files);
    let mut offences = Vec::new();
    for (file, targets) in graph.iter().filter(|(f, _)| f.starts_with("domain/")) {
        offences.extend(targets.iter().filter(|t| !t.starts_with("domain/")).map(|t| format!("{file} → {t}")));
        let code = production(&files[file]);
        for framework in ["actix", "sea_orm", "sqlx"] {
            if code.contains(framework) {
                offences.push(format!("{file} names {framework}"));
            }
        }
    }
    assert_eq!(offences, Vec::<String>::new());
}
