//! Large files stay cheap (measured natively):
//!   cargo run --release --example bench_bigfile
//! Builds `RUN <tool> … 500 MB` with dd, head -c, fallocate and truncate and
//! prints, for each, the heap the built image holds beyond the base image,
//! the peak heap while building (the tar is streamed and hashed, never held),
//! and the layer's size as `docker history` shows it.
//! Target: a few KB held per 500 MB file; the peak stays far below 500 MB.

use dockersim::build::BuildRequest;
use dockersim::vfs::{Content, Fs, Meta};
use dockersim::Engine;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{LIVE, PEAK};

fn build(engine: &mut Engine, dockerfile: &str, tag: &str) -> bool {
    let mut ctx = Fs::new();
    ctx.write("/Dockerfile", Content::from_bytes(dockerfile), Meta::new(0o644, 0)).unwrap();
    let req = BuildRequest { dockerfile: dockerfile.into(), context: ctx, tags: vec![tag.into()], ..Default::default() };
    engine.build(&req).error.is_none()
}

fn main() {
    let mut engine = Engine::default();
    // The base image, pulled and built once so that only the big file is measured.
    assert!(build(&mut engine, "FROM alpine:3.20\nRUN true\n", "base"));
    for (name, run) in [
        ("dd", "dd if=/dev/zero of=/big bs=1M count=500"),
        ("head -c", "head -c 524288000 /dev/zero > /big"),
        ("fallocate", "fallocate -l 500M /big"),
        ("truncate", "truncate -s 500M /big"),
        ("cat | head", "cat /dev/zero | head -c 524288000 > /big"),
    ] {
        let dockerfile = format!("FROM alpine:3.20\nRUN true\nRUN {run}\n");
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let tag = format!("big-{}", name.replace([' ', '|'], ""));
        assert!(build(&mut engine, &dockerfile, &tag), "{name} builds");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
        let history = engine.run_command(&format!("docker history --format '{{{{.Size}}}}' {tag}")).text();
        let layer = history.lines().next().unwrap_or("?").to_string();
        println!(
            "RUN {run:<44} {ms:>7.0} ms  heap held {:>6.1} KB  peak +{:>7.1} KB  layer {layer}",
            held as f64 / 1024.0,
            peak as f64 / 1024.0
        );
    }
}
