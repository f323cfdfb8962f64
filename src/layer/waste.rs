//! Wasted space: files a layer stores that a later layer of the same image
//! deletes (a whiteout, an opaque directory) or replaces. The image still
//! ships and stores their bytes — the classic "I deleted it in a later RUN,
//! why is my image still big?".

use super::{opaque_dir, ChangeKind, Layer};
use crate::vfs::Node;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One stored file no container of the image can see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Wasted {
    /// The layer (0 = the bottom one) that stores the file.
    pub layer: usize,
    /// Absolute path.
    pub path: String,
    pub size: u64,
    /// The later layer that deletes or replaces it.
    pub hidden_by: usize,
    /// Replaced by another file (`true`) or deleted (`false`).
    pub replaced: bool,
}

/// Every file stored in `layers` that a later layer hides, in layer order
/// then path order.
pub fn wasted(layers: &[Arc<Layer>]) -> Vec<Wasted> {
    // Files visible so far: path → (layer, size).
    let mut visible: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    let mut out = Vec::new();
    for (j, layer) in layers.iter().enumerate() {
        for entry in &layer.entries {
            let path = format!("/{}", entry.path);
            let mut hide = |under: &str, itself: bool, replaced: bool| {
                for (p, (layer, size)) in take_below(&mut visible, &path, under, itself) {
                    out.push(Wasted { layer, path: p, size, hidden_by: j, replaced });
                }
            };
            if let Some(dir) = opaque_dir(entry) {
                // Everything below the directory from lower layers, not the directory.
                hide(&format!("/{dir}"), false, false);
                continue;
            }
            match (&entry.kind, &entry.node) {
                (ChangeKind::Deleted, _) | (_, None) => hide(&path, true, false),
                (_, Some(Node::File { content, .. })) => {
                    hide(&path, true, true);
                    visible.insert(path, (j, content.len()));
                }
                // A directory or symlink put where a file was replaces it.
                (_, Some(_)) => {
                    if let Some((layer, size)) = visible.remove(&path) {
                        out.push(Wasted { layer, path, size, hidden_by: j, replaced: true });
                    }
                }
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| (a.layer, &a.path).cmp(&(b.layer, &b.path)));
    out
}

/// Removes from `visible` the files below directory `under` (and `path`
/// itself when `itself`), returning them.
fn take_below(visible: &mut BTreeMap<String, (usize, u64)>, path: &str, under: &str, itself: bool) -> Vec<(String, (usize, u64))> {
    let prefix = format!("{}/", under.trim_end_matches('/'));
    let mut gone: Vec<String> = visible.range(prefix.clone()..).map(|(p, _)| p.clone()).take_while(|p| p.starts_with(&prefix)).collect();
    if itself && visible.contains_key(path) {
        gone.push(path.to_string());
    }
    gone.into_iter().filter_map(|p| visible.remove(&p).map(|v| (p, v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::Entry;
    use crate::vfs::{Content, Meta};

    fn file(path: &str, size: usize, kind: ChangeKind) -> Entry {
        Entry {
            path: path.into(),
            kind,
            node: Some(Node::File { meta: Meta::new(0o644, 0), content: Content::from_bytes(vec![b'x'; size]) }),
        }
    }

    fn layer(entries: Vec<Entry>) -> Arc<Layer> {
        Arc::new(Layer::from_entries(entries, 0))
    }

    #[test]
    fn deleted_and_replaced_files_still_count() {
        let layers = vec![
            layer(vec![file("big.tar", 1000, ChangeKind::Added), file("keep", 5, ChangeKind::Added)]),
            layer(vec![file("tmp/cache/a", 300, ChangeKind::Added), file("tmp/cache/b", 200, ChangeKind::Added)]),
            layer(vec![Entry { path: "big.tar".into(), kind: ChangeKind::Deleted, node: None }, file("keep", 7, ChangeKind::Changed)]),
            layer(vec![Entry { path: "tmp/cache".into(), kind: ChangeKind::Deleted, node: None }]),
        ];
        let w = wasted(&layers);
        let summary: Vec<(usize, &str, u64, usize, bool)> =
            w.iter().map(|w| (w.layer, w.path.as_str(), w.size, w.hidden_by, w.replaced)).collect();
        assert_eq!(
            summary,
            [
                (0, "/big.tar", 1000, 2, false),
                (0, "/keep", 5, 2, true),
                (1, "/tmp/cache/a", 300, 3, false),
                (1, "/tmp/cache/b", 200, 3, false)
            ]
        );
    }

    #[test]
    fn a_clean_image_wastes_nothing() {
        let layers = vec![layer(vec![file("a", 10, ChangeKind::Added)]), layer(vec![file("b", 10, ChangeKind::Added)])];
        assert!(wasted(&layers).is_empty());
    }
}
