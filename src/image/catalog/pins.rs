//! Pinned DiffIDs of catalog layers. `pinned.txt` holds `key diffid` lines;
//! the catalog test recomputes every layer's tar digest and compares, and
//! `UPDATE_EXPECT=1` rewrites the file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const PINNED: &str = include_str!("pinned.txt");

fn table() -> &'static BTreeMap<&'static str, &'static str> {
    static TABLE: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| crate::btree::map(PINNED.lines().filter_map(|line| line.rsplit_once(' '))))
}

/// The pinned DiffID of the catalog layer `key`, if any.
pub fn pinned_diff_id(key: &str) -> Option<&'static str> {
    table().get(key).copied()
}

/// Recomputes every catalog layer's DiffID from its real tar stream
/// (slow: hashes every byte), as `(key, diff_id)` sorted by key.
pub fn compute_all_pins() -> Vec<(String, String)> {
    super::all_layer_steps()
        .into_iter()
        .map(|(key, build)| {
            let layer = super::layer_unpinned(build.as_ref());
            (key, layer.diff_id)
        })
        .collect()
}
