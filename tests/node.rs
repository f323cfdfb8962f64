//! Differential suite of the JavaScript evaluator (`src/apps/js.rs`)
//! against the real Node.js: every case in `tests/node/` (a `.js`/`.mjs`
//! file, or a directory whose `index.js`/`index.mjs` is the program, with
//! its package.json and modules) runs under the real `node` and under the
//! simulator, told the real node's version. Standard output, the exit
//! status, Node's warnings and the error line (`TypeError: …`) must agree.
//! The real node is required: without it the test fails.
//! `NODE_CASE=name` runs one case and prints both outputs.

use dockersim::apps::{run_node_in, NodeEnv, NodeMode};
use dockersim::vfs::{Content, Fs, Meta};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    stdout: String,
    /// Warnings and the first error line of standard error.
    notes: Vec<String>,
    status: i32,
}

fn notes(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        let line = line.trim_end();
        if let Some(rest) = line.strip_prefix("(node:") {
            let rest = rest.split_once(')').map_or("", |(_, r)| r);
            out.push(format!("(node){rest}"));
        } else if out.iter().all(|l| !l.contains("Error")) && is_error_line(line) {
            out.push(line.to_string());
        }
    }
    out
}

fn is_error_line(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    let name = head.split(' ').next().unwrap_or("");
    !name.is_empty() && name.ends_with("Error") && name.chars().all(|c| c.is_ascii_alphabetic()) && line.contains(": ")
}

fn real(dir: &Path, main: &str) -> Run {
    let out = Command::new("node")
        .arg(main)
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .output()
        .expect("the real node is needed for tests/node.rs");
    let shown = dir.display().to_string();
    let fix = |b: &[u8]| String::from_utf8_lossy(b).replace(&shown, "/app");
    Run { stdout: fix(&out.stdout), notes: notes(&fix(&out.stderr)), status: out.status.code().unwrap_or(-1) }
}

fn files(dir: &Path, under: &str, fs: &mut Fs) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("case dir").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let target = format!("{under}/{name}");
        if p.is_dir() {
            fs.mkdir_all(&target, Meta::new(0o755, 0)).expect("mkdir");
            files(&p, &target, fs);
        } else {
            fs.write(&target, Content::from_bytes(std::fs::read(&p).expect("read")), Meta::new(0o644, 0)).expect("write");
        }
    }
}

fn simulated(dir: &Path, main: &str, version: &str) -> Run {
    let mut fs = Fs::new();
    fs.mkdir_all("/app", Meta::new(0o755, 0)).expect("mkdir");
    files(dir, "/app", &mut fs);
    let mut env = BTreeMap::new();
    env.insert("NODE_VERSION".to_string(), version.to_string());
    let path = format!("/app/{main}");
    let argv = vec!["/usr/local/bin/node".to_string(), path.clone()];
    let mode = NodeMode::from_flags(&[], version);
    let r = run_node_in(&fs, &path, &env, "/app", "test", &argv, NodeEnv { net: None, now: 0, seed: "s".into(), mode });
    Run { stdout: r.stdout, notes: notes(&r.stderr), status: r.status }
}

#[test]
fn node_cases_match_the_real_node() {
    let version = Command::new("node").arg("--version").output().ok().filter(|o| o.status.success());
    let version = String::from_utf8_lossy(&version.expect("the real node is needed for tests/node.rs").stdout)
        .trim()
        .trim_start_matches('v')
        .to_string();
    let only = std::env::var("NODE_CASE").ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/node-oracle");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(root.join("tests/node")).expect("tests/node").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    cases.sort();
    let (mut passed, mut failed) = (0, Vec::new());
    for case in cases {
        let name = case.file_stem().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if only.as_ref().is_some_and(|o| *o != name) {
            continue;
        }
        // Each case runs in its own directory (the real node sees only its files).
        let dir = work.join(&name).join("app");
        std::fs::create_dir_all(&dir).expect("case dir");
        let main = if case.is_dir() {
            let _ = Command::new("cp").arg("-r").arg(format!("{}/.", case.display())).arg(&dir).status();
            if case.join("index.mjs").exists() {
                "index.mjs".to_string()
            } else {
                "index.js".to_string()
            }
        } else {
            let file = case.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            std::fs::copy(&case, dir.join(&file)).expect("copy");
            file
        };
        let want = real(&dir, &main);
        let got = simulated(&dir, &main, &version);
        if only.is_some() {
            println!(
                "--- real node (exit {})\n{}{:?}\n--- simulated (exit {})\n{}{:?}",
                want.status, want.stdout, want.notes, got.status, got.stdout, got.notes
            );
        }
        if want.stdout == got.stdout && want.status == got.status && want.notes == got.notes {
            passed += 1;
        } else {
            failed.push(format!(
                "{name}:\n  real (exit {}): {:?} {:?}\n  simulated (exit {}): {:?} {:?}",
                want.status, want.stdout, want.notes, got.status, got.stdout, got.notes
            ));
        }
    }
    println!("node cases: {passed} agree");
    assert!(failed.is_empty(), "{} cases differ from the real node {version}:\n{}", failed.len(), failed.join("\n"));
}
