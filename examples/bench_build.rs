//! Builder benchmarks (engine time, measured natively):
//!   cargo run --release --example bench_build
//! Targets (in the browser): the notes' node app builds cold in < 20 ms and
//! rebuilds fully cached in < 5 ms; a 2,000-file context with `npm install`
//! of 50 packages builds in < 300 ms.

use dockersim::build::{BuildEvent, BuildReport, BuildRequest};
use dockersim::vfs::{Content, Fs, Meta};
use dockersim::Engine;
use std::time::Instant;

const NODE_APP: &str =
    "FROM node\nWORKDIR /app\nCOPY package.json /app\nRUN npm install\nCOPY . /app\nEXPOSE 80\nCMD [\"node\", \"server.js\"]\n";

fn file(fs: &mut Fs, path: &str, body: String) {
    let abs = format!("/{path}");
    if let Some(i) = abs.rfind('/').filter(|&i| i > 0) {
        fs.mkdir_all(&abs[..i], Meta::new(0o755, 0)).unwrap();
    }
    fs.write(&abs, Content::from_bytes(body), Meta::new(0o644, 0)).unwrap();
}

fn package_json(deps: usize) -> String {
    // Packages the simulated registry knows (src/shell/programs/pkg_index.rs).
    let names = [
        "express",
        "accepts",
        "array-flatten",
        "body-parser",
        "bytes",
        "content-disposition",
        "content-type",
        "cookie",
        "cookie-signature",
        "debug",
        "ms",
        "depd",
        "destroy",
        "encodeurl",
        "escape-html",
        "etag",
        "finalhandler",
        "fresh",
        "http-errors",
        "iconv-lite",
        "inherits",
        "ipaddr.js",
        "forwarded",
        "media-typer",
        "merge-descriptors",
        "methods",
        "mime",
        "mime-db",
        "mime-types",
        "negotiator",
        "on-finished",
        "ee-first",
        "parseurl",
        "path-to-regexp",
        "proxy-addr",
        "qs",
        "lodash",
        "axios",
        "dotenv",
        "cors",
        "nodemon",
        "semver",
        "uuid",
        "chalk",
        "moment",
        "react",
        "react-dom",
        "typescript",
        "jest",
        "mongoose",
    ];
    let deps: Vec<String> = names.iter().take(deps).map(|n| format!("    \"{n}\": \"*\"")).collect();
    format!("{{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {{\n{}\n  }}\n}}\n", deps.join(",\n"))
}

fn summary(report: &BuildReport) -> String {
    let cached = report.events.iter().filter(|e| matches!(e, BuildEvent::StepCached { .. })).count();
    let ran = report.events.iter().filter(|e| matches!(e, BuildEvent::StepDone { cache_key: Some(_), .. })).count();
    match &report.error {
        None => format!("ok, {ran} ran, {cached} cached"),
        Some(e) => format!("FAILED: {}", e.message),
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

fn main() {
    bench(NODE_APP, "node");
    // The builder's own overhead, on an image every catalog has.
    bench(&NODE_APP.replace("FROM node", "FROM busybox").replace("npm install", "mkdir -p node_modules"), "busybox stand-in");
}

fn bench(dockerfile: &str, what: &str) {
    println!("== {what}");
    let mut ctx = Fs::new();
    file(&mut ctx, "package.json", package_json(3));
    file(&mut ctx, "server.js", "require('express')().listen(80);\n".into());
    let req = BuildRequest { dockerfile: dockerfile.into(), context: ctx.clone(), tags: vec!["app".into()], ..Default::default() };

    let mut engine = Engine::default();
    let (report, cold) = time(|| engine.build(&req));
    println!("node app, cold build:            {cold:8.2} ms  ({})", summary(&report));
    let mut fresh = Engine::default();
    let (_, warm) = time(|| fresh.build(&req));
    println!("node app, cold (catalog warm):   {warm:8.2} ms");
    let (report, cached) = time(|| engine.build(&req));
    println!("node app, fully cached rebuild:  {cached:8.2} ms  ({})", summary(&report));
    let mut edited = req.clone();
    file(&mut edited.context, "server.js", "require('express')().listen(8080);\n".into());
    let (report, edit) = time(|| engine.build(&edited));
    println!("node app, source edit rebuild:   {edit:8.2} ms  ({})", summary(&report));
    let (prediction, predict) = time(|| dockersim::build::predict(engine.images(), engine.cache(), &req, engine.now()));
    println!("node app, what-would-rebuild:    {predict:8.2} ms  ({} steps)", prediction.steps.len());

    let mut big = Fs::new();
    file(&mut big, "package.json", package_json(50));
    for i in 0..2000 {
        file(&mut big, &format!("src/module{}/file{i}.js", i % 40), format!("export const value{i} = {i};\n// {}\n", "x".repeat(i % 300)));
    }
    let big_req = BuildRequest { dockerfile: dockerfile.into(), context: big, tags: vec!["big".into()], ..Default::default() };
    let mut engine = Engine::default();
    let (report, big_cold) = time(|| engine.build(&big_req));
    println!("2,000 files + 50 packages, cold: {big_cold:8.2} ms  ({})", summary(&report));
    let (report, big_cached) = time(|| engine.build(&big_req));
    println!("2,000 files + 50 packages, cached:{big_cached:7.2} ms  ({})", summary(&report));
}
