//! Data flows one way: bindings/bin → cli (the terminal and the docker
//! client) → engine → build → dockerfile / image / container → shell →
//! layer → vfs. This test reads every `crate::…` path in `src/` (grouped
//! `use crate::{a, b}` forms included), builds the graph between top-level
//! modules, and fails on any cycle or on an edge that points back up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules used by many that depend on no other module.
const LEAVES: &[&str] = &["regex"];

/// Edges that must never exist (from, to).
const FORBIDDEN: &[(&str, &str)] = &[
    ("engine", "cli"),
    ("daemon", "cli"),
    ("daemon", "engine"),
    ("daemon", "lesson"),
    ("dockerfile", "build"),
    ("build", "cli"),
    ("build", "engine"),
    ("container", "cli"),
    ("container", "engine"),
    ("shell", "cli"),
    ("shell", "engine"),
    ("shell", "build"),
    ("image", "cli"),
    ("image", "build"),
    ("layer", "build"),
    ("vfs", "layer"),
];

/// Modules that form one layer: Compose is a plugin of the docker client
/// (`docker compose` is dispatched by the CLI and drives it in turn).
fn layer(name: &str) -> &str {
    match name {
        "compose" => "cli",
        other => other,
    }
}

fn module_of(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "bin" | "bindings")).then(|| layer(name).to_string())
}

fn collect(dir: &Path, root: &Path, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, root, graph);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).expect("under src").to_string_lossy().replace('\\', "/");
        let Some(from) = module_of(&rel) else { continue };
        let text = std::fs::read_to_string(&path).expect("read file");
        let targets = graph.entry(from.clone()).or_default();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + 7..];
            let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').filter_map(|w| w.split("::").next()).map(|w| w.trim().to_string()).collect()
            } else {
                vec![rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()]
            };
            for name in names {
                let module = if name == "Engine" || name == "EngineConfig" { "engine".to_string() } else { layer(&name).to_string() };
                if !module.is_empty() && module != from && module.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                    targets.insert(module);
                }
            }
        }
    }
}

#[test]
fn modules_form_a_one_way_graph() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    collect(&root, &root, &mut graph);
    for (from, tos) in &graph {
        println!("{from} -> {}", tos.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    for &leaf in LEAVES {
        assert!(graph.get(leaf).is_none_or(|t| t.is_empty()), "{leaf} must stay a leaf module: {:?}", graph.get(leaf));
    }
    for (from, to) in FORBIDDEN {
        assert!(!graph.get(*from).is_some_and(|t| t.contains(*to)), "{from} must not depend on {to}");
    }
    // No cycles: repeatedly remove modules that depend on nothing left.
    let mut left: BTreeMap<String, BTreeSet<String>> = graph.clone();
    loop {
        let leaves: Vec<String> = left.iter().filter(|(_, t)| t.iter().all(|m| !left.contains_key(m))).map(|(m, _)| m.clone()).collect();
        if leaves.is_empty() {
            break;
        }
        for l in leaves {
            left.remove(&l);
        }
    }
    assert!(left.is_empty(), "modules in a dependency cycle: {:?}", left.keys().collect::<Vec<_>>());
}

/// Only the daemon (with `container`'s types) changes a container's
/// lifecycle — its state, planned exits and restarts, health — and it calls
/// back out only through `daemon::Programs`; the docker client's
/// `cli/start.rs` is a thin client of it.
#[test]
fn the_daemon_owns_container_lifecycles() {
    fn check(dir: &Path, root: &Path) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                check(&path, root);
                continue;
            }
            let rel = path.strip_prefix(root).expect("under src").to_string_lossy().replace('\\', "/");
            if path.extension().is_none_or(|e| e != "rs") || rel.starts_with("daemon/") || rel.starts_with("container/") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            for pattern in [".state = State::", "restarts.due_ms =", ".exits_at = ", ".health = ", ".probing = "] {
                assert!(!text.contains(pattern), "{rel} changes a container's lifecycle (`{pattern}`): that is the daemon's");
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    check(&root, &root);
    let start = std::fs::read_to_string(root.join("cli/start.rs")).unwrap_or_default();
    for pattern in ["State::", ".ports", "health::", "sync_in", "started_events"] {
        assert!(!start.contains(pattern), "cli/start.rs must stay a thin client of the daemon (`{pattern}`)");
    }
    let programs = std::fs::read_to_string(root.join("daemon/programs.rs")).expect("daemon/programs.rs");
    assert!(programs.contains("pub trait Programs"), "the daemon reaches what runs inside through daemon::Programs");
}
