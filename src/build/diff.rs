//! A fast changeset between the filesystem before and after a step: one
//! merge-join walk of both trees that allocates paths only for changes.
//! It yields exactly the entries `Layer::diff` would (same kinds, same
//! included parents, same tar order), so DiffIDs do not depend on which is used.

use crate::layer::{ChangeKind, Entry, Layer};
use crate::vfs::{Content, Fs, Node};
use std::collections::BTreeMap;

/// The layer that turns `old` into `new`.
pub fn layer(old: &Fs, new: &Fs, epoch: i64) -> Layer {
    let mut out: Vec<Option<Entry>> = Vec::new();
    if let (Node::Dir { entries: o, .. }, Node::Dir { entries: n, .. }) = (old.root(), new.root()) {
        children(Some(o), Some(n), "", &mut out);
    }
    Layer::from_entries(out.into_iter().flatten().collect(), epoch)
}

/// The filesystem of a stack of layers applied to an empty tree, built
/// directly (much faster than applying entry by entry through path lookups).
/// Falls back to `Layer::apply` when a layer writes through a symlink.
pub fn materialize(layers: &[std::sync::Arc<Layer>]) -> Fs {
    let mut root: BTreeMap<String, Node> = BTreeMap::new();
    let mut root_meta = None;
    let fast = layers.iter().all(|l| l.entries.iter().all(|e| apply_entry(&mut root, &mut root_meta, e)));
    let mut fs = Fs::new();
    if fast {
        let _ = fs.insert("/", Node::Dir { meta: root_meta.unwrap_or_else(|| fs.root().meta().clone()), entries: root });
    } else {
        for layer in layers {
            let _ = layer.apply(&mut fs);
        }
    }
    fs
}

/// Applies one entry with OCI semantics; `false` if a parent is not a plain
/// directory or the entry is an opaque-directory marker (left to `Layer::apply`).
fn apply_entry(root: &mut BTreeMap<String, Node>, root_meta: &mut Option<crate::vfs::Meta>, e: &Entry) -> bool {
    if crate::layer::opaque_dir(e).is_some() {
        return false;
    }
    let comps: Vec<&str> = e.path.split('/').filter(|c| !c.is_empty()).collect();
    if comps.iter().any(|c| *c == "." || *c == "..") {
        return false;
    }
    let Some((last, parents)) = comps.split_last() else {
        if let Some(Node::Dir { meta, .. }) = &e.node {
            *root_meta = Some(meta.clone());
        }
        return true;
    };
    let mut dir = root;
    for c in parents {
        match dir.get_mut(*c) {
            Some(Node::Dir { entries, .. }) => dir = entries,
            Some(_) => return false,
            None if e.node.is_none() => return true,
            None => return false,
        }
    }
    match &e.node {
        None => {
            dir.remove(*last);
        }
        Some(Node::Dir { meta, .. }) => match dir.get_mut(*last) {
            Some(Node::Dir { meta: m, .. }) => *m = meta.clone(),
            _ => {
                dir.insert(last.to_string(), Node::empty_dir(meta.clone()));
            }
        },
        Some(node) => {
            dir.insert(last.to_string(), node.clone());
        }
    }
    true
}

fn same_file(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::File { meta: ma, content: ca }, Node::File { meta: mb, content: cb }) => {
            ma == mb
                && match (ca, cb) {
                    (Content::Bytes(x), Content::Bytes(y)) => std::sync::Arc::ptr_eq(x, y) || x == y,
                    _ => ca == cb,
                }
        }
        _ => a == b,
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    }
}

/// Diffs two directories' entries; returns whether anything was emitted.
fn children(
    old: Option<&BTreeMap<String, Node>>,
    new: Option<&BTreeMap<String, Node>>,
    prefix: &str,
    out: &mut Vec<Option<Entry>>,
) -> bool {
    let empty = BTreeMap::new();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let mut any = false;
    let mut o = old.iter().peekable();
    let mut n = new.iter().peekable();
    loop {
        let pick = match (o.peek(), n.peek()) {
            (None, None) => break,
            (Some((ko, _)), Some((kn, _))) => ko.as_str().cmp(kn.as_str()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
        };
        let (name, before, after) = match pick {
            std::cmp::Ordering::Less => {
                let (k, v) = o.next().expect("peeked");
                (k, Some(v), None)
            }
            std::cmp::Ordering::Greater => {
                let (k, v) = n.next().expect("peeked");
                (k, None, Some(v))
            }
            std::cmp::Ordering::Equal => {
                let (k, v) = o.next().expect("peeked");
                let (_, w) = n.next().expect("peeked");
                (k, Some(v), Some(w))
            }
        };
        any |= node(before, after, &join(prefix, name), out);
    }
    any
}

fn node(old: Option<&Node>, new: Option<&Node>, path: &str, out: &mut Vec<Option<Entry>>) -> bool {
    match (old, new) {
        (None, None) => false,
        (Some(_), None) => {
            out.push(Some(Entry { path: path.to_string(), kind: ChangeKind::Deleted, node: None }));
            true
        }
        (None, Some(n)) => {
            out.push(Some(Entry { path: path.to_string(), kind: ChangeKind::Added, node: Some(n.shallow()) }));
            if let Node::Dir { entries, .. } = n {
                children(None, Some(entries), path, out);
            }
            true
        }
        (Some(o), Some(n)) => match (o, n) {
            (Node::Dir { meta: mo, entries: eo }, Node::Dir { meta: mn, entries: en }) => {
                let slot = out.len();
                out.push(None);
                let inner = children(Some(eo), Some(en), path, out);
                if mo != mn || inner {
                    out[slot] = Some(Entry { path: path.to_string(), kind: ChangeKind::Changed, node: Some(n.shallow()) });
                    true
                } else {
                    out.truncate(slot);
                    false
                }
            }
            (Node::Dir { .. }, _) => {
                // The file or symlink replaces the directory and its children
                // (as BuildKit's overlay differ records it: no whiteouts below).
                out.push(Some(Entry { path: path.to_string(), kind: ChangeKind::Changed, node: Some(n.shallow()) }));
                true
            }
            (_, Node::Dir { entries, .. }) => {
                out.push(Some(Entry { path: path.to_string(), kind: ChangeKind::Changed, node: Some(n.shallow()) }));
                children(None, Some(entries), path, out);
                true
            }
            _ if same_file(o, n) => false,
            _ => {
                out.push(Some(Entry { path: path.to_string(), kind: ChangeKind::Changed, node: Some(n.clone()) }));
                true
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    fn sample() -> Fs {
        let mut fs = Fs::new();
        for d in ["/a/b", "/a-b", "/c/d/e", "/z"] {
            fs.mkdir_all(d, Meta::new(0o755, 1)).unwrap();
        }
        for f in ["/a/b/f", "/a/g", "/a-b/h", "/c/d/e/i", "/z/j"] {
            fs.write(f, Content::from_bytes(f.as_bytes().to_vec()), Meta::new(0o644, 1)).unwrap();
        }
        fs
    }

    #[test]
    fn materialize_matches_apply() {
        let before = sample();
        let mut after = before.clone();
        after.remove("/c", true).unwrap();
        after.write("/a/g", Content::from_bytes("g2"), Meta::new(0o600, 3)).unwrap();
        let layers = vec![std::sync::Arc::new(layer(&Fs::new(), &before, 0)), std::sync::Arc::new(layer(&before, &after, 0))];
        let mut slow = Fs::new();
        for l in &layers {
            l.apply(&mut slow).unwrap();
        }
        assert_eq!(materialize(&layers), slow);
        assert_eq!(materialize(&layers), after);
    }

    #[test]
    fn matches_layer_diff() {
        let before = sample();
        let mut after = before.clone();
        after.write("/a/b/f", Content::from_bytes("changed"), Meta::new(0o644, 2)).unwrap();
        after.remove("/c/d", true).unwrap();
        after.remove("/z", true).unwrap();
        after.write("/z", Content::from_bytes("now a file"), Meta::new(0o644, 2)).unwrap();
        after.mkdir_all("/new/deep", Meta::new(0o700, 2)).unwrap();
        after.write("/new/deep/k", Content::from_bytes("k"), Meta::new(0o600, 2)).unwrap();
        after.remove("/a-b/h", false).unwrap();
        let fast = layer(&before, &after, 5);
        let slow = Layer::diff(&before, &after, 5);
        assert_eq!(fast, slow);
        assert_eq!(layer(&after, &before, 5), Layer::diff(&after, &before, 5));
        assert_eq!(layer(&before, &before, 5), Layer::diff(&before, &before, 5));
        assert_eq!(layer(&Fs::new(), &after, 5), Layer::diff(&Fs::new(), &after, 5));
    }
}
