//! `BTreeMap` / `BTreeSet` from an iterator, by insertion.
//!
//! `collect()` into a B-tree sorts its input first, and the standard library
//! stamps out a fresh copy of its stable sort for every iterator type that is
//! collected (about 3 KB of wasm each). Extending an empty tree inserts one
//! item at a time through the `insert` every tree type already has. The trees
//! are the same: for a repeated key the last value wins either way.

use std::collections::{BTreeMap, BTreeSet};

/// `items.collect::<BTreeMap<_, _>>()`, without a sort.
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(items);
    map
}

/// `items.collect::<BTreeSet<_>>()`, without a sort.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_trees_as_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        assert_eq!(super::map(pairs), pairs.into_iter().collect());
        assert_eq!(super::set(pairs.map(|p| p.0)), pairs.map(|p| p.0).into_iter().collect());
    }
}
