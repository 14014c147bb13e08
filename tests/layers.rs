//! The library's modules import only downwards: each top-level module of `src/` stands in a
//! layer, and may use its own layer and those below it, never one above, and no two modules
//! import each other. An import against the order would have to be listed in [`KNOWN`]
//! with its reason (none is); the test fails when a listed one is gone, so the list only
//! shrinks. Imports are read from the source text (`crate::…` paths outside comments
//! and test modules), as a person reading the code sees them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first (ARCHITECTURE.md shows the same picture).
const LAYERS: &[&[&str]] = &[
    // The model: the words every stage speaks, and nothing below it.
    &["model"],
    // Plain utilities and the document model: spans, printable text, paths, phrase search,
    // documents, the budgets' values.
    &["span", "printable", "walk", "matcher", "document", "limits"],
    // Formats into documents.
    &["read"],
    // Rules files into typed tables.
    &["config"],
    // Rule kinds, each compiling its own tables, and the compiled rules; then what comes
    // after a check.
    &["check"],
    &["suppress", "fix"],
    // One file.
    &["lint"],
    // Findings known before a run, which it leaves out.
    &["baseline"],
    // Whole runs and their output.
    &["run", "report", "verify", "watch"],
];

/// Imports that go against [`LAYERS`], each with why, to be removed: none is left. A new
/// one needs a reason written here, and the test says when it is gone.
const KNOWN: &[(&str, &str, &str)] = &[];

/// The top-level module each `crate::` path in the library's files names, per module.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap();
            let module = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            // The binary's own modules and the crate root talk to everything.
            if ["lib", "main", "cli", "testing"].contains(&module.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let uses = found.entry(module.clone()).or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap();
                for named in paths_named(line) {
                    if named != module {
                        uses.insert(named);
                    }
                }
            }
        }
    }
    found
}

/// The top-level modules a line names through `crate::`, including `crate::{a, b::c}`.
fn paths_named(line: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or("");
            for item in inside.split(',') {
                let head = item.trim().split("::").next().unwrap_or("");
                if !head.is_empty() {
                    named.push(head.to_string());
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !head.is_empty() {
                named.push(head);
            }
        }
    }
    named
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer: add it to LAYERS"))
}

#[test]
fn modules_import_only_their_own_layer_and_those_below() {
    let imports = imports();
    let mut against = BTreeSet::new();
    for (module, uses) in &imports {
        for used in uses {
            if layer_of(used) > layer_of(module) {
                against.insert((module.clone(), used.clone()));
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN
        .iter()
        .map(|(from, to, _)| (from.to_string(), to.to_string()))
        .collect();
    let new: Vec<_> = against.difference(&known).collect();
    assert!(
        new.is_empty(),
        "imports against the layer order: {new:?}; import downwards instead"
    );
    let paid: Vec<_> = known.difference(&against).collect();
    assert!(
        paid.is_empty(),
        "no longer imported against the order, so remove them from KNOWN: {paid:?}"
    );
}

#[test]
fn no_two_modules_import_each_other_but_the_known_debts() {
    let imports = imports();
    let known: BTreeSet<(&str, &str)> = KNOWN.iter().map(|(from, to, _)| (*from, *to)).collect();
    // Without the known debts, the graph of imports has no cycle.
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (module, uses) in &imports {
        for used in uses {
            if !known.contains(&(module.as_str(), used.as_str())) {
                graph.entry(module).or_default().push(used);
            }
        }
    }
    fn visit<'a>(
        at: &'a str,
        graph: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(start) = path.iter().position(|m| *m == at) {
            panic!("an import cycle: {:?}", &path[start..]);
        }
        if !done.insert(at) {
            return;
        }
        path.push(at);
        for next in graph.get(at).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn paths_are_read_from_grouped_and_inline_imports() {
    assert_eq!(
        paths_named("use crate::{check::Finding, span, read::{mask}};"),
        ["check", "span", "read"]
    );
    assert_eq!(
        paths_named("let x = crate::read::mask::f(crate::document::MASK);"),
        ["read", "document"]
    );
}
