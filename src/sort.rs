//! Stable sorting through one shared copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element type and the comparison, so
//! every call site gets its own copy of the sort (about 3 KB of wasm each).
//! These helpers sort the indices `0..len` with the comparison behind `dyn`,
//! which needs a single copy, then move the items into that order. The result
//! is `sort_by`'s: stable, so equal items keep their order.

use std::cmp::Ordering;

/// `items.sort()`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort_by(cmp)`.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order);
}

/// The indices `0..len`, stably sorted by `cmp`.
fn stable_order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts the item at `order[i]` at position `i`, walking each cycle of the
/// permutation once (a placed position is marked with `order[i] == i`).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        // `at` holds the item that started at `start`; every other position
        // of the cycle still holds its own item.
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_order_as_the_standard_sort() {
        // Pairs compared by their first half only, so stability shows.
        let mut seed = 7u32;
        for len in 0..60 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items.clone();
            super::sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected);
            let mut expected = items.clone();
            expected.sort_by(|a, b| b.cmp(a));
            let mut got = items;
            super::sort_by(&mut got, |a, b| b.cmp(a));
            assert_eq!(got, expected);
        }
    }
}
