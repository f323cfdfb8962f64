//! Golden build transcripts: every directory under `tests/builds/` is a case.
//!
//! A case holds `context/` (the build context, Dockerfile included) and
//! optionally `script`, a list of commands run against one engine:
//!
//! ```text
//! build -t app --progress=plain     # docker build … context (flags as on the CLI)
//! write server.js console.log(2)    # change a context file (rest of line; \n escapes)
//! rm server.js                      # delete a context file
//! prune                             # docker builder prune
//! ```
//!
//! Without a script the case runs `build -t <case>`. The transcript (each
//! command, BuildKit's plain progress, the exit code and the built image's
//! history) is compared with `expected.txt`; `UPDATE_EXPECT=1` rewrites it.

use dockersim::build::{render_plain, render_quiet, render_tty, BuildEvent, BuildRequest};
use dockersim::vfs::{Content, Fs, Meta};
use dockersim::Engine;
use std::path::{Path, PathBuf};

fn read_context(root: &Path, now: i64) -> Fs {
    fn walk(root: &Path, dir: &Path, now: i64, fs: &mut Fs) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let abs = format!("/{rel}");
            if e.file_type().unwrap().is_dir() {
                fs.mkdir_all(&abs, Meta::new(0o755, now)).unwrap();
                walk(root, &e.path(), now, fs);
            } else {
                let bytes = std::fs::read(e.path()).unwrap();
                let mode = if rel.ends_with(".sh") { 0o755 } else { 0o644 };
                fs.write(&abs, Content::from_bytes(bytes), Meta::new(mode, now)).unwrap();
            }
        }
    }
    let mut fs = Fs::new();
    if root.exists() {
        walk(root, root, now, &mut fs);
    }
    fs
}

/// `docker history` as the CLI prints it (and `--no-trunc` for full texts).
fn history(engine: &mut Engine, reference: &str) -> String {
    let table = engine.run_command(&format!("docker history {reference}")).text();
    let full = engine.run_command(&format!("docker history --no-trunc --format '{{{{.CreatedBy}}}}' {reference}")).text();
    format!("$ docker history {reference}\n{table}$ docker history --no-trunc --format '{{{{.CreatedBy}}}}' {reference}\n{full}")
}

fn run_case(dir: &Path) -> String {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let script = std::fs::read_to_string(dir.join("script")).unwrap_or_else(|_| format!("build -t {name}\n"));
    let mut engine = Engine::default();
    let mut context = read_context(&dir.join("context"), engine.now());
    let mut out = String::new();
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        match cmd {
            "write" => {
                let (path, body) = rest.split_once(' ').unwrap_or((rest, ""));
                let abs = format!("/{path}");
                if let Some(i) = abs.rfind('/').filter(|&i| i > 0) {
                    context.mkdir_all(&abs[..i], Meta::new(0o755, engine.now())).unwrap();
                }
                let body = body.replace("\\n", "\n");
                context.write(&abs, Content::from_bytes(body), Meta::new(0o644, engine.now())).unwrap();
                out.push_str(&format!("$ echo … > {path}\n\n"));
            }
            "rm" => {
                context.remove(&format!("/{rest}"), true).unwrap();
                out.push_str(&format!("$ rm -r {rest}\n\n"));
            }
            "prune" => {
                engine.prune_cache();
                out.push_str("$ docker builder prune -f\n\n");
            }
            "build" => {
                let mut req = BuildRequest { context: context.clone(), ..Default::default() };
                let (mut progress, mut quiet) = ("plain".to_string(), false);
                let mut words = rest.split_whitespace();
                while let Some(w) = words.next() {
                    match w {
                        "-t" => req.tags.push(words.next().unwrap().to_string()),
                        "--no-cache" => req.no_cache = true,
                        "-q" => quiet = true,
                        "--target" => req.target = words.next().map(str::to_string),
                        "--build-arg" => {
                            let (k, v) = words.next().unwrap().split_once('=').unwrap();
                            req.build_args.insert(k.into(), v.into());
                        }
                        "-f" => req.dockerfile_name = words.next().unwrap().to_string(),
                        p if p.starts_with("--progress=") => progress = p["--progress=".len()..].to_string(),
                        other => panic!("{name}: unknown build flag {other}"),
                    }
                }
                let file = if req.dockerfile_name.is_empty() { "Dockerfile".to_string() } else { req.dockerfile_name.clone() };
                req.dockerfile = match context.read(&format!("/{file}")) {
                    Ok(b) => String::from_utf8(b).unwrap(),
                    Err(_) => panic!("{name}: no {file} in context"),
                };
                let report = engine.build(&req);
                out.push_str(&format!("$ docker build {}.\n", if rest.is_empty() { String::new() } else { format!("{rest} ") }));
                out.push_str(&if quiet {
                    render_quiet(&report)
                } else if progress == "tty" {
                    render_tty(&report)
                } else {
                    render_plain(&report)
                });
                out.push_str(&format!("[exit {}]\n", if report.ok { 0 } else { 1 }));
                let explained: Vec<String> = report
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        BuildEvent::StepCached { vertex, reason, .. } => Some(format!("  #{vertex} CACHED: {reason}")),
                        BuildEvent::StepDone { vertex, reason: Some(reason), .. } => Some(format!("  #{vertex} ran: {reason}")),
                        _ => None,
                    })
                    .collect();
                if !explained.is_empty() {
                    out.push_str(&format!("why:\n{}\n", explained.join("\n")));
                }
                if let Some(id) = &report.image_id {
                    let reference = req.tags.first().cloned().unwrap_or_else(|| id[7..19].to_string());
                    out.push_str(&history(&mut engine, &reference));
                }
                out.push('\n');
            }
            other => panic!("{name}: unknown script command {other}"),
        }
    }
    out
}

#[test]
fn golden_build_transcripts() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/builds");
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let actual = run_case(case);
        let expected_path = case.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{}: differs at line {}\n  expected: {:?}\n  actual:   {:?}",
                case.display(),
                first + 1,
                expected.lines().nth(first).unwrap_or(""),
                actual.lines().nth(first).unwrap_or("")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ (UPDATE_EXPECT=1 to regenerate):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
