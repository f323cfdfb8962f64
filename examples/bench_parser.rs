//! Parses a 1 MB Dockerfile and prints how long it took (natively).
//! `cargo run --release --example bench_parser`

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{counting, CALLS};
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Best and median of `runs` parses of `text`, in ms.
fn time(text: &str, runs: usize) -> (f64, f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut nodes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let df = dockersim::dockerfile::parse(text).expect("parses");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        nodes = df.nodes.len();
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[runs / 2], nodes)
}

/// The official images' Dockerfiles of the shared corpus, repeated to 1 MB
/// (real-world line lengths, long RUN continuations, comments).
fn corpus_text() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/official-images");
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()?.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name()?.to_str()?.starts_with("Dockerfile") {
                files.push(p);
            }
        }
    }
    files.sort();
    let texts: Vec<String> =
        files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).filter(|t| dockersim::dockerfile::parse(t).is_ok()).collect();
    if texts.is_empty() {
        return None;
    }
    let mut text = String::new();
    while text.len() < 1_000_000 {
        for t in &texts {
            text.push_str(t);
            text.push('\n');
        }
    }
    Some(text)
}

fn main() {
    let unit = "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json .\nRUN npm install && \\\n    npm cache clean --force\n# a comment\nENV NODE_ENV=production PORT=3000\nCOPY . .\nRUN <<EOF\necho building\nnpm run build\nEOF\nCMD [\"node\", \"server.js\"]\n";
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(unit);
    }
    counting(false);
    let runs = 20;
    let (best, median, nodes) = time(&text, runs);
    counting(true);
    let before = CALLS.load(Ordering::Relaxed);
    let df = dockersim::dockerfile::parse(&text).expect("parses");
    let allocs = CALLS.load(Ordering::Relaxed) - before;
    drop(df);
    println!("allocations per parse: {allocs} ({:.1} per instruction)", allocs as f64 / nodes as f64);
    println!("parse 1 MB Dockerfile ({} bytes, {nodes} instructions): best of {runs} = {best:.2} ms, median {median:.2} ms", text.len());
    match corpus_text() {
        Some(text) => {
            let (best, median, nodes) = time(&text, runs);
            println!("parse 1 MB of the corpus's official-image Dockerfiles ({} bytes, {nodes} instructions): best {best:.2} ms, median {median:.2} ms", text.len());
        }
        None => println!("corpus case skipped: no ../shared/corpus/official-images"),
    }
}
