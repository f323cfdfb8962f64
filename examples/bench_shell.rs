//! How fast runaway scripts hit the simulated shell's limits, and how long
//! common package-manager runs take: `cargo run --release --example bench_shell`.

use dockersim::image::catalog;
use dockersim::shell::{run_script, ExecContext, Flavor};
use dockersim::vfs::Fs;
use std::time::Instant;

fn rootfs(reference: &str) -> (Fs, std::collections::BTreeMap<String, String>) {
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    let env = image.config.config.env.iter().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    (fs, env)
}

fn main() {
    let cases = [
        ("alpine:3.20", "while true; do :; done"),
        ("alpine:3.20", "yes > /big"),
        ("alpine:3.20", "f() { f; }; f"),
        ("alpine:3.20", "f() { f | f; }; f"),
        ("debian:bookworm", "while :; do echo spam; done"),
        ("debian:bookworm", "i=0; while :; do cp -r /usr /tmp/copy$i; i=$((i+1)); done"),
        ("debian:bookworm", "x=a; while :; do x=$x$x; done"),
        ("debian:bookworm", "apt-get update && apt-get install -y curl git vim"),
        ("node:20", "mkdir /app && cd /app && echo '{\"dependencies\":{\"express\":\"^4.21.2\"}}' > package.json && npm install"),
        ("python:3.12", "echo flask > r.txt && pip install -r r.txt"),
    ];
    for (reference, script) in cases {
        let (fs, env) = rootfs(reference);
        let mut fs = fs;
        let start = Instant::now();
        let mut ctx = ExecContext { fs: &mut fs, env, cwd: "/".into(), now: 0, flavor: Flavor::Dash, user: String::new(), host: None };
        let r = run_script(script, &mut ctx);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let last = r.stderr.lines().last().unwrap_or("");
        println!("{ms:8.1} ms  status {:3}  {reference:16} {script}\n             {last}", r.status);
    }
}
