//! Engine core benchmarks (measured natively):
//!   cargo run --release --example bench_engine
//! Prints:
//! - hashing a 50 MB layer (one generated 50 MB file) through the tar writer,
//!   and exporting it to a byte buffer, next to raw sha2 over the same 50 MB
//!   (target: layer hashing within 1.5x of raw sha2);
//! - building the union view of 10 layers of 10,000 files each (each layer
//!   changes 10,000 paths, a tenth of them deletions as whiteouts);
//! - time and heap held after pulling every catalog reference.

use dockersim::digest::Hasher;
use dockersim::image::catalog;
use dockersim::layer::{write_tar, Layer};
use dockersim::vfs::{Content, Fs, Meta};
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::LIVE;

const EPOCH: i64 = 1_700_000_000;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Best of `n` runs, in milliseconds.
fn best<T>(n: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..n {
        let t = Instant::now();
        let v = f();
        best = best.min(ms(t));
        out = Some(v);
    }
    (best, out.expect("n > 0"))
}

fn bench_50mb_layer() {
    const SIZE: u64 = 50 * 1024 * 1024;
    let content = Content::Generated { size: SIZE, seed: 42 };
    let raw = content.to_vec();
    let (raw_ms, raw_digest) = best(5, || {
        let mut h = Hasher::new();
        h.update(&raw);
        h.finish_digest()
    });

    let empty = Fs::new();
    let mut fs = Fs::new();
    fs.mkdir_all("/app", Meta::new(0o755, EPOCH)).expect("mkdir");
    fs.write("/app/blob.bin", content, Meta::new(0o644, EPOCH)).expect("write");
    let entries = Layer::diff_entries(&empty, &fs);
    // The hashing itself (Layer::from_entries would answer repeats from its memo).
    let (layer_ms, _) = best(5, || dockersim::layer::hash_entries(&entries, EPOCH));
    let (memo_ms, layer) = best(5, || Layer::from_entries(entries.clone(), EPOCH));
    let (export_ms, tar) = best(5, || {
        let mut out = Vec::with_capacity(SIZE as usize + 4096);
        write_tar(&layer.entries, EPOCH, &mut |c: &[u8]| out.extend_from_slice(c));
        out
    });
    let mut h = Hasher::new();
    h.update(&tar);
    assert_eq!(h.finish_digest(), layer.diff_id, "exported tar hashes to the DiffID");
    let mbps = |t: f64| SIZE as f64 / 1e6 / (t / 1000.0);
    println!(
        "50 MB layer: raw sha2 {raw_ms:.1} ms ({:.0} MB/s); layer DiffID (generate + tar + sha2) {layer_ms:.1} ms ({:.0} MB/s, {:.2}x raw); again from the DiffID memo {memo_ms:.2} ms; export to bytes {export_ms:.1} ms ({} bytes)",
        mbps(raw_ms),
        mbps(layer_ms),
        layer_ms / raw_ms,
        tar.len()
    );
    let _ = raw_digest;
}

fn bench_union() {
    const LAYERS: usize = 10;
    const FILES: usize = 10_000;
    let meta = Meta::new(0o644, EPOCH);
    let mut fs = Fs::new();
    let mut layers = Vec::new();
    let t = Instant::now();
    for l in 0..LAYERS {
        let before = fs.clone();
        for i in 0..FILES {
            let dir = format!("/data/d{:03}", i % 100);
            let path = format!("{dir}/f{i:05}");
            if l > 0 && i % 10 == l % 10 {
                let _ = fs.remove(&path, true);
                continue;
            }
            fs.mkdir_all(&dir, Meta::new(0o755, EPOCH)).expect("mkdir");
            let body = format!("layer {l} file {i}\n");
            fs.write(&path, Content::from_bytes(body.into_bytes()), meta.clone()).expect("write");
        }
        layers.push(Layer::diff(&before, &fs, EPOCH));
    }
    let made = ms(t);
    let (union_ms, union) = best(3, || {
        let mut u = Fs::new();
        for layer in &layers {
            layer.apply(&mut u).expect("apply");
        }
        u
    });
    assert_eq!(union, fs, "union view equals the direct filesystem");
    let shared: Vec<std::sync::Arc<Layer>> = layers.into_iter().map(std::sync::Arc::new).collect();
    let (merged_ms, merged) = best(3, || dockersim::build::diff::materialize(&shared));
    assert_eq!(merged, fs, "the merged view equals the direct filesystem");
    let (clone_ms, _c) = best(3, || union.clone());
    println!(
        "union of {LAYERS} layers x {FILES} files: {merged_ms:.1} ms merged in one pass (what images and containers use), {union_ms:.1} ms entry by entry with Layer::apply ({} paths; making + hashing the layers took {made:.0} ms); clone of the result {clone_ms:.2} ms",
        union.walk().len()
    );
}

fn bench_catalog() {
    let base = LIVE.load(Ordering::Relaxed);
    let t = Instant::now();
    let mut images = Vec::new();
    for reference in catalog::references() {
        images.push(catalog::pull(&reference).expect("catalog reference pulls"));
    }
    let all = ms(t);
    let live = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let virtual_size: u64 = images.iter().map(|i| i.size()).sum();
    println!(
        "pull all {} catalog references: {all:.1} ms; heap held {:.1} MB for {:.1} GB of virtual image size",
        images.len(),
        live as f64 / 1e6,
        virtual_size as f64 / 1e9
    );
}

fn main() {
    bench_50mb_layer();
    bench_union();
    bench_catalog();
}
