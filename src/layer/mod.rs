//! Layers: OCI changesets between two filesystems, their deterministic tar
//! form and their DiffIDs.

mod memo;
mod read;
mod tar;
mod waste;

pub use read::{layer_from_tar, read_tar, read_tar_members, TarItem};
pub use tar::{write_tar, TarSink};
pub use waste::{wasted, Wasted};

use crate::digest::Hasher;
use crate::vfs::{Fs, FsError, Node};
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to one path, as `docker diff` letters it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChangeKind {
    #[serde(rename = "A")]
    Added,
    #[serde(rename = "C")]
    Changed,
    #[serde(rename = "D")]
    Deleted,
}

/// One entry of a changeset. Directories are shallow (no children):
/// children appear as their own entries. A deletion whose last component is
/// [`OPAQUE`] marks its directory opaque: nothing below it in lower layers
/// shows through (layers read from other tools' archives carry these; this
/// crate's own differ, like BuildKit's, writes one whiteout per path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative path, no leading `/` (`app/server.js`).
    pub path: String,
    pub kind: ChangeKind,
    /// The new node for additions and changes; `None` for a deletion (a whiteout).
    pub node: Option<Node>,
}

/// The opaque-directory marker's file name.
pub const OPAQUE: &str = ".wh..wh..opq";

/// The directory an opaque marker entry (`dir/.wh..wh..opq`) makes opaque.
pub fn opaque_dir(entry: &Entry) -> Option<&str> {
    if entry.node.is_some() {
        return None;
    }
    match entry.path.rsplit_once('/') {
        Some((dir, OPAQUE)) => Some(dir),
        None if entry.path == OPAQUE => Some(""),
        _ => None,
    }
}

/// A read-only layer: its changeset in tar order, DiffID and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub entries: Vec<Entry>,
    /// `sha256:` of the uncompressed tar.
    pub diff_id: String,
    /// Sum of regular-file sizes, which is what `docker history` shows.
    pub size: u64,
}

impl Layer {
    /// Builds a layer from entries already in tar order.
    pub fn from_entries(entries: Vec<Entry>, epoch: i64) -> Layer {
        let size = entries.iter().map(|e| e.node.as_ref().map_or(0, Node::file_size)).sum();
        let diff_id = memo::diff_id(&entries, epoch, || hash_entries(&entries, epoch));
        Layer { entries, diff_id, size }
    }

    /// A layer whose DiffID is already known (the catalog's pinned layers,
    /// whose pins a test recomputes from the real tar stream).
    pub fn with_diff_id(entries: Vec<Entry>, diff_id: String) -> Layer {
        let size = entries.iter().map(|e| e.node.as_ref().map_or(0, Node::file_size)).sum();
        Layer { entries, diff_id, size }
    }

    /// The changeset entries that turn `old` into `new`, without hashing them.
    pub fn diff_entries(old: &Fs, new: &Fs) -> Vec<Entry> {
        diff_entries(old, new)
    }

    /// The uncompressed tar of this layer (its DiffID is the sha256 of these bytes
    /// when the layer was written by this crate).
    pub fn to_tar(&self, epoch: i64) -> Vec<u8> {
        let mut out = Vec::new();
        write_tar(&self.entries, epoch, &mut |chunk: &[u8]| out.extend_from_slice(chunk));
        out
    }

    /// The changeset that turns `old` into `new` (parent directories of
    /// changes included, as containerd's diff writer does).
    pub fn diff(old: &Fs, new: &Fs, epoch: i64) -> Layer {
        Layer::from_entries(diff_entries(old, new), epoch)
    }

    /// Applies this layer on top of `fs` (whiteouts delete, directories
    /// merge, an opaque directory keeps only what this layer puts in it).
    pub fn apply(&self, fs: &mut Fs) -> Result<(), FsError> {
        let own = crate::btree::set(self.entries.iter().map(|e| e.path.as_str()));
        for entry in &self.entries {
            let abs = format!("/{}", entry.path);
            if let Some(dir) = opaque_dir(entry) {
                let dir_abs = format!("/{dir}");
                let names: Vec<String> = match fs.get_nofollow(&dir_abs) {
                    Ok(Node::Dir { entries, .. }) => entries.keys().cloned().collect(),
                    _ => Vec::new(),
                };
                for name in names {
                    let child = if dir.is_empty() { name.clone() } else { format!("{dir}/{name}") };
                    if !own.contains(child.as_str()) {
                        let _ = fs.remove(&format!("/{child}"), true);
                    }
                }
                continue;
            }
            match &entry.node {
                None => {
                    let _ = fs.remove(&abs, true);
                }
                Some(Node::Dir { meta, .. }) => match fs.get_nofollow(&abs) {
                    Ok(Node::Dir { .. }) => {
                        let node = Node::empty_dir(meta.clone());
                        fs.insert(&abs, node)?;
                    }
                    _ => {
                        let _ = fs.remove(&abs, true);
                        fs.insert(&abs, Node::empty_dir(meta.clone()))?;
                    }
                },
                Some(node) => {
                    if let Ok(Node::Dir { .. }) = fs.get_nofollow(&abs) {
                        fs.remove(&abs, true)?;
                    }
                    fs.insert(&abs, node.clone())?;
                }
            }
        }
        Ok(())
    }
}

fn differs(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Dir { meta: ma, .. }, Node::Dir { meta: mb, .. }) => ma != mb,
        _ => a != b,
    }
}

fn diff_entries(old: &Fs, new: &Fs) -> Vec<Entry> {
    let old_nodes: BTreeMap<String, &Node> = crate::btree::map(old.walk());
    let new_walk = new.walk();
    let new_nodes: BTreeMap<&str, &Node> = crate::btree::map(new_walk.iter().map(|(p, n)| (p.as_str(), *n)));
    let mut changed: BTreeMap<String, Entry> = BTreeMap::new();

    for (path, node) in &new_walk {
        let kind = match old_nodes.get(path) {
            None => Some(ChangeKind::Added),
            Some(old_node) if old_node.is_dir() != node.is_dir() => Some(ChangeKind::Changed),
            Some(old_node) if differs(old_node, node) => Some(ChangeKind::Changed),
            _ => None,
        };
        if let Some(kind) = kind {
            changed.insert(path.clone(), Entry { path: path.clone(), kind, node: Some(node.shallow()) });
        }
    }
    for path in old_nodes.keys() {
        if new_nodes.contains_key(path.as_str()) {
            continue;
        }
        // A deleted directory is one whiteout, and a directory replaced by a
        // file or symlink takes its children with it: in both cases the
        // children are implied (a whiteout below a symlink would delete
        // through it).
        let parent_deleted = parents_of(path).any(|p| old_nodes.contains_key(p) && !new_nodes.get(p).is_some_and(|n| n.is_dir()));
        if !parent_deleted {
            changed.insert(path.clone(), Entry { path: path.clone(), kind: ChangeKind::Deleted, node: None });
        }
    }
    // Include unchanged parent directories of every change.
    let paths: Vec<String> = changed.keys().cloned().collect();
    for path in paths {
        for parent in parents_of(&path) {
            if !changed.contains_key(parent) {
                if let Some(node) = new_nodes.get(parent) {
                    changed.insert(
                        parent.to_string(),
                        Entry { path: parent.to_string(), kind: ChangeKind::Changed, node: Some(node.shallow()) },
                    );
                }
            }
        }
    }
    let mut entries: Vec<Entry> = changed.into_values().collect();
    crate::sort::sort_by(&mut entries, |a, b| tar_order(&a.path, &b.path));
    entries
}

/// The DiffID of `entries`: the sha256 of their tar, streamed (no memo).
pub fn hash_entries(entries: &[Entry], epoch: i64) -> String {
    let mut hasher = Hasher::new();
    write_tar(entries, epoch, &mut |chunk: &[u8]| hasher.update(chunk));
    hasher.finish_digest()
}

/// Ancestors of a relative path, nearest last (`a/b/c` → `a`, `a/b`).
fn parents_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// Depth-first, component-wise order (`a`, `a/b`, `a-b`).
pub fn tar_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

#[cfg(test)]
mod tests;
