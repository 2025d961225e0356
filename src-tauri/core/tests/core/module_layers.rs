//! The core's top-level modules depend on one another one way only (issue 16): two modules
//! that call each other can be neither understood nor changed apart. The dependencies are
//! read from the source (every `crate::…` path outside tests), and the graph they make must
//! have no cycle once the edges of `KNOWN_BACK_EDGES` are set aside. Each of those says why
//! it is still there; one no longer needed fails the test as well, so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// (from, to, why): dependencies against the layering that are not broken yet.
const KNOWN_BACK_EDGES: &[(&str, &str, &str)] = &[
    // The history both records every change (everything calls `operations` to begin one)
    // and undoes them (its undo calls back into each domain to restore what it recorded).
    // Splitting the undo into a module above the domains is the way out.
    ("operations", "custom_fields", "undo restores custom fields"),
    ("operations", "customers", "undo restores customers"),
    ("operations", "events", "undo restores events"),
    (
        "operations",
        "follow_up",
        "undoing an import settles its follow-up work",
    ),
    (
        "operations",
        "lifecycle",
        "undo refreshes the lifecycle stage",
    ),
    ("operations", "rfm", "undo refreshes the RFM scores"),
    ("operations", "rules", "undo restores rules"),
    ("operations", "segments", "undo restores segments"),
    ("operations", "tagging", "undo restores assignments"),
    ("operations", "tags", "undo restores the tag tree"),
    // A problem about a condition names the field's kind and the operator (`ValueKind`,
    // `FieldOp`); those enums can move below `problem` once the attribute table settles
    // `conditions::fields`.
    (
        "problem",
        "conditions",
        "condition problems name ValueKind and FieldOp",
    ),
    // Event kinds' names compare by the tag names' key (`tags::name_key`), which belongs in
    // `text` below both.
    ("events", "tags", "event kind names use tags::name_key"),
    // Export headers are built from import's `Attribute` and import recognises exported
    // headers; the attribute table (customers' attributes) is to hold what both use.
    ("export", "import", "export headers name import's Attribute"),
];

#[test]
fn top_level_modules_depend_on_each_other_one_way() {
    let graph = dependencies(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut kept = graph.clone();
    for (from, to, _) in KNOWN_BACK_EDGES {
        let gone = !kept.get(*from).is_some_and(|to_set| to_set.contains(*to));
        assert!(
            !gone,
            "{from} no longer depends on {to}: remove it from KNOWN_BACK_EDGES"
        );
        kept.get_mut(*from).unwrap().remove(*to);
    }
    if let Some(cycle) = find_cycle(&kept) {
        panic!(
            "top-level modules call each other: {} (break it, e.g. by moving what both need \
             into a module below them)",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_reader_sees_dependencies_and_skips_tests_and_comments() {
    let code = "use crate::db::{self, Worker};\nuse crate::{audit, clock::now};\n\
                // crate::rules is only mentioned\nfn f() { crate::tags::tree(); }\n\
                #[cfg(test)]\nmod tests {\n    use crate::demo;\n}\n";
    let found: Vec<String> = referenced(code).into_iter().collect();
    assert_eq!(found, ["audit", "clock", "db", "tags"]);
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Which top-level module (a folder or a file directly under `src`) uses which.
fn dependencies(src: &Path) -> Graph {
    let modules: BTreeSet<String> = fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            match name.strip_suffix(".rs") {
                Some("lib") => None,
                Some(stem) => Some(stem.to_string()),
                // `bin` holds programs built on the core, not a module of it.
                None if p.is_dir() && name != "bin" => Some(name),
                None => None,
            }
        })
        .collect();
    let mut files = Vec::new();
    for module in &modules {
        // A module is its file, its folder of submodules, or both.
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            files.push(file);
        }
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
    }
    let tests = test_only_files(&files);
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in &files {
        if tests.iter().any(|t| file.starts_with(t)) {
            continue;
        }
        let relative = file.strip_prefix(src).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let owner = first.strip_suffix(".rs").unwrap_or(first);
        let used = referenced(&fs::read_to_string(file).unwrap());
        let edges = graph.get_mut(owner).unwrap();
        edges.extend(
            used.into_iter()
                .filter(|m| m != owner && modules.contains(m)),
        );
    }
    graph
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Files (and folders) declared `#[cfg(test)] mod name;`: tests may use any module.
fn test_only_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let dir = file.parent().unwrap();
        let children = if stem == "mod" {
            dir.to_path_buf()
        } else {
            dir.join(stem)
        };
        for module in test_modules(&text).filter(|m| !m.inline) {
            match module.path {
                Some(path) => out.push(dir.join(path)),
                None => {
                    out.push(children.join(format!("{}.rs", module.name)));
                    out.push(children.join(&module.name));
                }
            }
        }
    }
    out
}

/// The top-level names a source file's `crate::` paths start with, its comments and its
/// inline test module (`#[cfg(test)] mod tests { … }`, by custom the file's last item) left out.
fn referenced(code: &str) -> BTreeSet<String> {
    let code = match test_modules(code).find(|m| m.inline) {
        Some(inline) => &code[..inline.at],
        None => code,
    };
    let code: Vec<&str> = code
        .lines()
        .map(|l| l.split("//").next().unwrap())
        .collect();
    let code = code.join("\n");
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => found.extend(group_heads(group)),
            None => {
                found.insert(rest.chars().take_while(|c| is_ident(*c)).collect());
            }
        }
    }
    found.remove("");
    found
}

/// A `#[cfg(test)] mod name` declaration of a file.
struct TestModule {
    at: usize,
    name: String,
    /// Its file as a `#[path = "…"]` attribute names it, relative to the declaring file's folder.
    path: Option<String>,
    /// Whether its body is inline (`{ … }`) rather than a file of its own (`;`).
    inline: bool,
}

fn test_modules(code: &str) -> impl Iterator<Item = TestModule> + '_ {
    code.match_indices("#[cfg(test)]").filter_map(|(at, attr)| {
        let mut rest = code[at + attr.len()..].trim_start();
        let mut path = None;
        if let Some(attr) = rest.strip_prefix("#[path = \"") {
            let (file, after) = attr.split_once("\"]")?;
            path = Some(file.to_string());
            rest = after.trim_start();
        }
        let rest = rest.strip_prefix("mod ")?;
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        let inline = rest[name.len()..].trim_start().starts_with('{');
        Some(TestModule {
            at,
            name,
            path,
            inline,
        })
    })
}

/// The first names of the paths in a `crate::{a, b::c, …}` group, read from just after its
/// opening brace (the group may span lines).
fn group_heads(group: &str) -> Vec<String> {
    let mut depth = 1;
    let mut heads = Vec::new();
    let mut expect_head = true;
    let mut name = String::new();
    for c in group.chars() {
        if is_ident(c) {
            name.push(c);
            continue;
        }
        if !name.is_empty() {
            if expect_head && depth == 1 {
                heads.push(std::mem::take(&mut name));
            }
            name.clear();
            expect_head = false;
        }
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => expect_head = true,
            _ => {}
        }
    }
    heads
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A cycle of the graph as the modules on it, the first repeated at the end; None if there
/// is none.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        graph: &'a Graph,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}
