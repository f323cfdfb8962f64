//! Nothing succeeds silently: every executable on PATH in the main catalog
//! images, run with `--help` and with `--version`, either does something
//! (prints, or fails with an error) or says `dockersim: NAME: not simulated`
//! on stderr and fails. A program that exits 0 having printed nothing is a
//! silent success, the one thing the simulator must never do.

use dockersim::image::catalog;
use dockersim::shell::{run_argv, ExecContext, Flavor};
use dockersim::vfs::{Content, Fs, Meta, Node};
use std::collections::{BTreeMap, BTreeSet};

const IMAGES: &[&str] = &[
    "busybox:latest",
    "alpine:3.20",
    "debian:bookworm",
    "debian:bookworm-slim",
    "ubuntu:24.04",
    "node:20",
    "node:20-alpine",
    "python:3.12",
    "python:3.12-slim",
    "python:3.12-alpine",
    "nginx:latest",
    "nginx:alpine",
    "golang:1.22-alpine",
    "httpd:latest",
];

const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Runs whose real counterpart also exits 0 printing nothing (`""` = any
/// argument): `true`; `test` with one non-empty argument is true; BusyBox
/// `sh --version` (any unknown long option) reads its script from the
/// (empty) stdin.
const QUIET_BY_NATURE: &[(&str, &str)] =
    &[("true", ""), ("test", ""), ("sh", "--version"), ("ash", "--version"), ("sh", "--no-such-option"), ("ash", "--no-such-option")];

/// The image's filesystem and its PATH (from its config's Env).
/// Known gaps, each to be fixed where it lives rather than here: the data
/// catalog's database images (scripts/catalog-gen.py) ship their
/// `docker-entrypoint.sh` as a two-line stub (`set -Eeo pipefail`) that a
/// shell runs to a silent exit 0; a container's start does not run it
/// (`container::process::entrypoint` models what it decides).
const KNOWN_GAPS: &[(&str, &str)] =
    &[("mongo:latest", "docker-entrypoint.sh"), ("mysql:latest", "docker-entrypoint.sh"), ("postgres:latest", "docker-entrypoint.sh")];

fn rootfs(reference: &str) -> (Fs, String) {
    let image = catalog::pull(reference).unwrap_or_else(|| panic!("catalog image {reference}"));
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    let path = image.config.config.env.iter().find_map(|e| e.strip_prefix("PATH=")).unwrap_or(PATH).to_string();
    (fs, path)
}

/// The names of the executables on PATH (first hit of each name wins, as
/// the shell's lookup does).
fn programs(fs: &Fs, path: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for dir in path.split(':') {
        let Ok(Node::Dir { entries, .. }) = fs.get(dir) else { continue };
        for name in entries.keys() {
            let path = format!("{dir}/{name}");
            let Ok(resolved) = fs.resolve(&path, true) else { continue };
            if let Ok(Node::File { meta, .. }) = fs.get(&resolved) {
                if meta.mode & 0o111 != 0 {
                    names.insert(name.clone());
                }
            }
        }
    }
    names
}

fn run((fs, path): &(Fs, String), argv: &[&str]) -> (i32, String, String) {
    let mut fs = fs.clone();
    let env: BTreeMap<String, String> =
        [("HOME", "/root"), ("PATH", path.as_str())].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut ctx =
        ExecContext { fs: &mut fs, env, cwd: "/".into(), now: 1_767_225_600, flavor: Flavor::Dash, user: String::new(), host: None };
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    let r = run_argv(&argv, &mut ctx);
    (r.status, r.stdout, r.stderr)
}

/// What is wrong with one run, if anything.
fn judge(name: &str, arg: &str, (status, stdout, stderr): &(i32, String, String)) -> Option<String> {
    let said = format!("dockersim: {name}: not simulated");
    if stderr.contains(&said) && *status == 0 {
        return Some(format!("{name} {arg}: says it is not simulated but exits 0"));
    }
    if *status == 0
        && stdout.is_empty()
        && stderr.is_empty()
        && !QUIET_BY_NATURE.iter().any(|(n, a)| *n == name && (a.is_empty() || *a == arg))
    {
        return Some(format!("{name} {arg}: exits 0 having printed nothing"));
    }
    None
}

#[test]
fn every_program_on_path_does_something_or_says_it_is_not_simulated() {
    let mut failures = Vec::new();
    let (mut runs, mut all, mut no_model) = (0, BTreeSet::new(), BTreeSet::new());
    // The fixed list, and each other catalog repository at `latest`.
    let mut images: Vec<String> = IMAGES.iter().map(|s| s.to_string()).collect();
    let fixed: BTreeSet<&str> = IMAGES.iter().map(|r| r.split(':').next().unwrap_or(r)).collect();
    images.extend(catalog::references().into_iter().filter(|r| r.ends_with(":latest") && !fixed.contains(r.trim_end_matches(":latest"))));
    for image in &images {
        let root = rootfs(image);
        let names = programs(&root.0, &root.1);
        // Scratch and distroless images have none (their one binary is at `/`).
        let scratch = ["distroless", "hello-world", "whoami", "http-echo"].iter().any(|w| image.contains(w));
        assert!(!names.is_empty() || scratch, "{image}: no programs on PATH");
        for name in &names {
            for arg in ["--help", "--version"] {
                let result = run(&root, &[name, arg]);
                runs += 1;
                all.insert(name.clone());
                if result.2.contains(&format!("dockersim: {name}: not simulated")) {
                    no_model.insert(name.clone());
                }
                if let Some(f) = judge(name, arg, &result).filter(|_| !KNOWN_GAPS.contains(&(image.as_str(), name.as_str()))) {
                    failures.push(format!("{image}: {f}"));
                }
            }
            // An option no program has: a model answers with its own error,
            // a program without one says so.
            let result = run(&root, &[name, "--no-such-option"]);
            runs += 1;
            if result.2.contains(&format!("dockersim: {name}: not simulated")) {
                no_model.insert(name.clone());
            }
            if let Some(f) = judge(name, "--no-such-option", &result).filter(|_| !KNOWN_GAPS.contains(&(image.as_str(), name.as_str()))) {
                failures.push(format!("{image}: {f}"));
            }
            // Through a shell too (`sh -c 'NAME …'`), as RUN and `docker exec … sh -c` call them.
            let result = run(&root, &["/bin/sh", "-c", &format!("{name} --help")]);
            runs += 1;
            if let Some(f) = judge(name, "--help (via sh -c)", &result).filter(|_| !KNOWN_GAPS.contains(&(image.as_str(), name.as_str()))) {
                failures.push(format!("{image}: {f}"));
            }
        }
    }
    println!("{} images, {runs} runs, {} program names; {} have no model: {:?}", images.len(), all.len(), no_model.len(), no_model);
    assert!(failures.is_empty(), "{} silent successes:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn busybox_ping_through_a_shell_answers() {
    let root = rootfs("alpine:3.20");
    let (status, stdout, stderr) = run(&root, &["/bin/sh", "-c", "ping -c 1 localhost"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.starts_with("PING localhost (127.0.0.1): 56 data bytes\n"), "{stdout}");
    assert!(stdout.contains("1 packets transmitted, 1 packets received, 0% packet loss"), "{stdout}");
}

#[test]
fn a_program_without_a_model_says_so_and_fails() {
    let mut root = rootfs("debian:bookworm-slim");
    root.0.write("/usr/bin/frobnicate", Content::from_bytes(b"\x7fELF".to_vec()), Meta::new(0o755, 0)).expect("write");
    let (status, stdout, stderr) = run(&root, &["frobnicate", "--now"]);
    assert_eq!((status, stdout.as_str()), (126, ""));
    assert_eq!(stderr, "dockersim: frobnicate: not simulated (the program is in the image, but the simulator has no model of it)\n");
    let (status, _, stderr) = run(&root, &["/bin/sh", "-c", "frobnicate; echo after $?"]);
    assert_eq!(status, 0);
    assert!(stderr.starts_with("dockersim: frobnicate: not simulated"), "{stderr}");
}

#[test]
fn which_finds_programs_on_path() {
    let root = rootfs("debian:bookworm-slim");
    let (status, stdout, _) = run(&root, &["/bin/sh", "-c", "which sh ls no-such-program"]);
    assert_eq!((status, stdout.as_str()), (1, "/usr/bin/sh\n/usr/bin/ls\n"));
    let (status, stdout, _) = run(&root, &["/bin/sh", "-c", "which -a sh"]);
    assert_eq!((status, stdout.as_str()), (0, "/usr/bin/sh\n/bin/sh\n"));
}

#[test]
fn small_system_programs() {
    let mut root = rootfs("debian:bookworm-slim");
    for p in ["install", "tac", "mktemp", "sync", "ldconfig"] {
        let path = format!("/usr/bin/{p}");
        if !root.0.exists(&path) {
            root.0.write(&path, Content::from_bytes(b"\x7fELF".to_vec()), Meta::new(0o755, 0)).expect("write");
        }
    }
    let script = "install -d -m 700 /opt/app/bin && printf 'a\\nb\\n' > /tmp/f && install -m 644 /tmp/f /opt/app/bin && stat -c '%a %n' /opt/app/bin /opt/app/bin/f && tac /tmp/f && t=$(mktemp) && stat -c %a \"$t\" && d=$(mktemp -d) && stat -c %a \"$d\" && [ \"$t\" != \"$d\" ] && sync && ldconfig && echo ok";
    let (status, stdout, stderr) = run(&root, &["/bin/sh", "-c", script]);
    assert_eq!((status, stdout.as_str(), stderr.as_str()), (0, "700 /opt/app/bin\n644 /opt/app/bin/f\nb\na\n600\n700\nok\n", ""));
    let (_, stdout, _) = run(&root, &["/bin/sh", "-c", "mktemp"]);
    assert!(stdout.starts_with("/tmp/tmp.") && stdout.trim().len() == "/tmp/tmp.".len() + 10, "{stdout}");
}
