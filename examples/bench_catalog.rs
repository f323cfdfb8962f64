//! Catalog benchmarks (measured natively):
//!   cargo run --release --example bench_catalog
//! Prints the time of a cold and a warm pull of node:14 (cold builds and
//! memoises its layers; DiffIDs come from the pinned table, so nothing is
//! hashed), the time of recomputing node:14's DiffIDs from the real tar
//! streams (what a pull would cost without pins), and the heap held after
//! pulling every catalog reference.
//! Targets: cold node:14 pull < 50 ms natively (so well under a second in
//! the browser); every image pulled < 64 MB of heap.

use dockersim::image::catalog;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::LIVE;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let base = LIVE.load(Ordering::Relaxed);
    let t = Instant::now();
    let node = catalog::pull("node:14").expect("node:14 in the catalog");
    let cold = ms(t);
    let t = Instant::now();
    let again = catalog::pull("node:14").expect("node:14 in the catalog");
    let warm = ms(t);
    assert_eq!(node.id, again.id);
    println!(
        "pull node:14 cold: {cold:.2} ms, warm: {warm:.3} ms ({} layers, {} MB, {} files)",
        node.layers.len(),
        node.size() / 1_000_000,
        node.layers.iter().map(|l| l.entries.len()).sum::<usize>()
    );

    let t = Instant::now();
    let digest = catalog::manifest_digest("node:14").expect("node:14 digest");
    println!("manifest digest node:14: {:.3} ms ({digest})", ms(t));

    let t = Instant::now();
    let unpinned = catalog::diff_ids_unpinned("node:14").expect("node:14 layers");
    let hashed = ms(t);
    assert_eq!(unpinned, node.config.rootfs.diff_ids, "pins match the real tar streams");
    println!("node:14 DiffIDs recomputed from tar streams (no pins): {hashed:.0} ms");

    let t = Instant::now();
    let mut images = Vec::new();
    for reference in catalog::references() {
        images.push(catalog::pull(&reference).expect("catalog reference pulls"));
    }
    let all = ms(t);
    let live = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let virtual_size: u64 = images.iter().map(|i| i.size()).sum();
    println!(
        "pull all {} references: {all:.1} ms; heap held: {:.1} MB (for {} GB of virtual image size)",
        images.len(),
        live as f64 / 1e6,
        virtual_size as f64 / 1e9
    );
}
