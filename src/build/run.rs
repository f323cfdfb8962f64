//! What RUN runs: its argv (SHELL, heredocs), its `--mount`s, and the
//! call into the simulated shell.

use super::context::{checksum, FileSum};
use super::copy;
use super::exec::{ref_id, same, StepError};
use super::plan::Cmd;
use super::runner::Builder;
use super::stage::StageResult;
use crate::shell::{self, ExecContext, Flavor};
use crate::vfs::{self, Fs};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A `RUN --mount`: what is at `target` while the command runs (nothing
/// of it stays in the layer but the mount point).
pub(crate) struct Mount {
    pub target: String,
    /// A bind mount's source tree; `None` for cache/tmpfs (an empty or kept directory).
    pub source: Option<(Arc<Fs>, String)>,
    /// A cache mount's id (BuildKit's default: the target), kept across builds.
    pub cache_id: Option<String>,
}

/// Parses `--mount` specs; bind sources are checksummed into the key parts.
pub(crate) fn parse_mounts(
    b: &mut Builder,
    specs: &[String],
    workdir: &str,
    names: &[String],
    results: &BTreeMap<usize, StageResult>,
    parts: &mut Vec<String>,
    inputs: &mut Vec<FileSum>,
) -> Result<Vec<Mount>, StepError> {
    let mut out = Vec::new();
    for spec in specs {
        let fields: BTreeMap<&str, &str> = crate::btree::map(spec.split(',').map(|f| f.split_once('=').unwrap_or((f, "true"))));
        let kind = fields.get("type").copied().unwrap_or("bind");
        let target = ["target", "dst", "destination"].iter().find_map(|k| fields.get(k).copied());
        match kind {
            "cache" | "tmpfs" | "bind" => {}
            "secret" | "ssh" => continue,
            other => return Err(same(format!("unsupported mount type {other:?}"))),
        }
        let Some(target) = target else {
            return Err(same("mount destination not specified".into()));
        };
        let target = vfs::join(workdir, target);
        let source = if kind == "bind" {
            let src = fields.get("source").or_else(|| fields.get("src")).copied().unwrap_or("/");
            let from_fs: Arc<Fs> = match fields.get("from") {
                None => b.context.as_ref().map(|c| c.fs.clone()).unwrap_or_default(),
                Some(from) => {
                    let stage = names.iter().position(|n| n.eq_ignore_ascii_case(from)).or_else(|| from.parse::<usize>().ok());
                    match stage.and_then(|i| results.get(&i)) {
                        Some(r) => r.fs.clone().or_else(|| b.cache.snapshot(&r.key)).unwrap_or_else(|| Arc::new(super::diff::materialize(&r.layers))),
                        None => match b.resolve_image(from) {
                            Some((image, _)) => Arc::new(super::diff::materialize(&image.layers)),
                            None => return Err(same(format!("{from}: failed to resolve source metadata for {}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed", super::stage::canonical_name(from)))),
                        },
                    }
                }
            };
            let path = copy::clean_source(src);
            if from_fs.get(&path).is_err() {
                let vertex = format!("failed to calculate checksum of ref {}: {}", ref_id("mount", b.req), copy::not_found(&path));
                return Err((vertex.clone(), format!("failed to compute cache key: {vertex}")));
            }
            let (digest, sums) = checksum(&from_fs, &path);
            parts.push(format!("mount\0{target}\0{digest}"));
            inputs.extend(sums);
            Some((from_fs, path))
        } else {
            None
        };
        let cache_id = (kind == "cache").then(|| fields.get("id").map(|s| s.to_string()).unwrap_or_else(|| target.clone()));
        out.push(Mount { target, source, cache_id });
    }
    Ok(out)
}

/// A RUN with heredocs (`convert.go dispatchRun`): `RUN <<EOF` alone runs
/// the body as the shell's script (or, with a `#!` line, as its interpreter's
/// file); otherwise the command line, bodies and delimiters form one script.
/// (BuildKit leaves RUN heredoc bodies to the shell: no build-time expansion.)
pub(crate) fn heredoc_argv(cmd: &Cmd, docs: &[super::plan::Heredoc], shell: &Option<Vec<String>>) -> Vec<String> {
    let body = |d: &super::plan::Heredoc| d.content.clone();
    let line = match cmd {
        Cmd::Shell(s) => s.clone(),
        Cmd::Exec(argv) => return argv.clone(),
    };
    if let [doc] = docs {
        if is_single_heredoc(&line, doc) {
            if doc.content.starts_with("#!") {
                return vec![format!("/dev/pipes/{}", doc.name)];
            }
            return argv_of(&Cmd::Shell(doc.content.clone()), shell);
        }
    }
    let mut script = line;
    for d in docs {
        script.push('\n');
        script.push_str(&body(d));
        script.push_str(&d.name);
    }
    script.push('\n');
    argv_of(&Cmd::Shell(script), shell)
}

/// Whether a RUN line is exactly one heredoc marker (`RUN <<EOF`).
pub fn is_single_heredoc(line: &str, doc: &super::plan::Heredoc) -> bool {
    line.trim().trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches("<<").trim_start_matches('-').trim_matches(['"', '\''])
        == doc.name
}

/// The argv of RUN/CMD/ENTRYPOINT: shell form wrapped with the stage's SHELL.
pub fn argv_of(cmd: &Cmd, shell: &Option<Vec<String>>) -> Vec<String> {
    match cmd {
        Cmd::Exec(argv) => argv.clone(),
        Cmd::Shell(s) => {
            let mut argv = shell.clone().unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()]);
            argv.push(s.clone());
            argv
        }
    }
}

/// Runs a program in the stage filesystem: (exit status, output lines, work ms).
pub(crate) fn run_program(fs: &mut Fs, argv: &[String], env: &[String], cwd: &str, user: &str, now: i64) -> (i32, Vec<String>, u64) {
    if argv.is_empty() {
        return (1, Vec::new(), 0);
    }
    let prog = &argv[0];
    if prog.starts_with('/') && fs.get(prog).is_err() {
        return (
            127,
            vec![format!(
                "runc run failed: unable to start container process: error during container init: exec: \"{prog}\": stat {prog}: no such file or directory"
            )],
            0,
        );
    }
    let flavor = if fs.exists("/bin/busybox") { Flavor::Busybox } else { Flavor::Dash };
    // A heredoc script with a `#!` line runs under its interpreter.
    let script_argv;
    let argv = match fs.read(prog).ok().filter(|_| prog.starts_with("/dev/pipes/")).and_then(|b| String::from_utf8(b).ok()) {
        Some(text) if text.starts_with("#!") => {
            let interp: Vec<String> = text[2..].lines().next().unwrap_or("").split_whitespace().map(str::to_string).collect();
            script_argv = if interp.last().is_some_and(|i| i.ends_with("sh")) {
                vec![interp.last().cloned().unwrap_or_default(), "-c".into(), text.clone()]
            } else {
                interp.into_iter().chain(std::iter::once(prog.clone())).collect()
            };
            &script_argv[..]
        }
        _ => argv,
    };
    let env: BTreeMap<String, String> =
        crate::btree::map(env.iter().filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))));
    let mut ctx = ExecContext { fs, env, cwd: cwd.to_string(), now, flavor, user: user.to_string(), host: None };
    let result = shell::run_argv(argv, &mut ctx);
    // BuildKit clips a step's log at 2 MiB; the lines past it are never made.
    let mut bytes = 0usize;
    // Stdout and stderr in the order they were written, as BuildKit logs them.
    let both: String = result.chunks.iter().map(|(_, text)| text.as_str()).collect();
    let mut lines: Vec<String> = both
        .lines()
        .take_while(|l| {
            bytes += l.len() + 1;
            bytes <= super::exec::STEP_LOG_LIMIT + 1
        })
        .map(str::to_string)
        .collect();
    if bytes > super::exec::STEP_LOG_LIMIT {
        // One line past the limit makes clip_log add its notice; the simulator's
        // own reason for stopping the process stays visible after it.
        lines.push(String::new());
        let stopped = result.stderr.lines().last().filter(|l| l.starts_with("dockersim: "));
        let mut clipped = super::exec::clip_log(lines);
        clipped.extend(stopped.map(str::to_string));
        lines = clipped;
    }
    let work_ms = reported_ms(&lines);
    (result.status, lines, work_ms)
}

/// How long a program says it took (`added 63 packages … in 3s`, apt's
/// `Fetched 1,234 kB in 2s`), so the step's duration agrees with its output.
fn reported_ms(lines: &[String]) -> u64 {
    let mut best = 0u64;
    // pip reports no time: resolving each package and downloading at ~5 MB/s.
    let mut pip = 0u64;
    for line in lines {
        let t = line.trim_start();
        if t.starts_with("Collecting ") {
            pip += 150;
        }
        if let Some(size) = t.strip_prefix("Downloading ").and_then(|r| r.rsplit_once('(')).map(|(_, s)| s.trim_end_matches(')')) {
            let mut parts = size.split_whitespace();
            let n: f64 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
            pip += match parts.next() {
                Some("kB") => n / 5.0,
                Some("MB") => n * 200.0,
                _ => 0.0,
            } as u64;
        }
    }
    best = best.max(pip);
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2) {
            if pair[0] != "in" {
                continue;
            }
            let w = pair[1].trim_end_matches([',', '.', ')']);
            let ms = if let Some(n) = w.strip_suffix("ms") {
                n.parse::<f64>().ok()
            } else if let Some(n) = w.strip_suffix('s') {
                n.parse::<f64>().ok().map(|s| s * 1000.0)
            } else {
                None
            };
            if let Some(ms) = ms {
                best = best.max(ms as u64);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    #[test]
    fn programs_reported_times() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(super::reported_ms(&lines(&["added 63 packages, and audited 64 packages in 3s"])), 3000);
        assert_eq!(super::reported_ms(&lines(&["Fetched 9,104 kB in 1.5s (6,069 kB/s)"])), 1500);
        assert_eq!(super::reported_ms(&lines(&["up to date, audited 1 package in 151ms", "nothing in particular"])), 151);
        assert_eq!(
            super::reported_ms(&lines(&[
                "Collecting Flask",
                "  Downloading flask-3.1.0-py3-none-any.whl (110 kB)",
                "Collecting click",
                "  Downloading click.whl (1.5 MB)"
            ])),
            300 + 22 + 300
        );
    }
}
