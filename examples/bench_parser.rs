//! Parses a 1 MB Dockerfile and prints how long it took (natively).
//! `cargo run --release --example bench_parser`

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{counting, CALLS};
use std::sync::atomic::Ordering;
use std::time::Instant;

fn main() {
    let unit = "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json .\nRUN npm install && \\\n    npm cache clean --force\n# a comment\nENV NODE_ENV=production PORT=3000\nCOPY . .\nRUN <<EOF\necho building\nnpm run build\nEOF\nCMD [\"node\", \"server.js\"]\n";
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(unit);
    }
    counting(false);
    let runs = 20;
    let mut best = f64::MAX;
    let mut nodes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let df = dockersim::dockerfile::parse(&text).expect("parses");
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        nodes = df.nodes.len();
    }
    counting(true);
    let before = CALLS.load(Ordering::Relaxed);
    let df = dockersim::dockerfile::parse(&text).expect("parses");
    let allocs = CALLS.load(Ordering::Relaxed) - before;
    drop(df);
    println!("allocations per parse: {allocs} ({:.1} per instruction)", allocs as f64 / nodes as f64);
    println!("parse 1 MB Dockerfile ({} bytes, {nodes} instructions): best of {runs} = {best:.2} ms", text.len());
}
