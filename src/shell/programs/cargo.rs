//! The Rust toolchain of the `rust` images: `cargo`, `rustc` and `rustup`
//! (all rustup's proxies in `$CARGO_HOME/bin`). `cargo build` compiles the
//! lock file's crates (their `Compiling` lines, the registry's `.crate`
//! files and the target directory's fingerprints, so a cache mount on
//! `target/` or the registry makes the next build quicker) and writes
//! `target/PROFILE/NAME`: an executable carrying what `src/main.rs` does
//! (`rust_source.rs`), dynamically linked against glibc on a gnu host,
//! static on a musl one (the alpine images, `--target
//! x86_64-unknown-linux-musl`). Downloads name no registry host.

use super::packages::{read_text, write_text};
use super::rust_source::{self, Manifest};
use super::toolchains::{run_built, write_artifact, Behaviour};
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

/// Releases: (version, rustc's commit and date, cargo's commit and date).
const RELEASES: &[(&str, &str, &str)] = &[
    ("1.70.0", "90c541806 2023-05-31", "ec8a8a0ca 2023-04-25"),
    ("1.75.0", "82e1608df 2023-12-21", "1d8b05cdd 2023-11-20"),
    ("1.80.0", "051478957 2024-07-21", "376290515 2024-07-16"),
    ("1.82.0", "f6e511eec 2024-10-15", "8f40fc59f 2024-08-21"),
    ("1.83.0", "90b35a623 2024-11-26", "5ffbef321 2024-10-29"),
    ("1.84.0", "9fc6b4312 2025-01-07", "66221abde 2024-11-19"),
    ("1.85.0", "4d91de4e4 2025-02-17", "d73d2caf9 2024-12-31"),
    ("1.86.0", "05f9846f8 2025-03-31", "adf9b6ad1 2025-02-28"),
    ("1.87.0", "17067e9ac 2025-05-09", "99624be96 2025-05-06"),
    ("1.88.0", "6b00bc388 2025-06-23", "873a06493 2025-05-10"),
    ("1.89.0", "29483883e 2025-08-04", "c24e10642 2025-06-23"),
    ("1.90.0", "1159e78c4 2025-09-14", "840b83a10 2025-07-30"),
    ("1.91.0", "f8297e351 2025-10-28", "ea2d97820 2025-10-10"),
    ("1.92.0", "ded5c06cf 2025-12-08", "344c4567c 2025-10-21"),
];

/// glibc's dynamic loader, the interpreter of a gnu-target executable.
const GLIBC_LOADER: &str = "/lib64/ld-linux-x86-64.so.2";
/// The registry's directory under `$CARGO_HOME/registry/{cache,src,index}`.
const REGISTRY_DIR: &str = "index.dockersim-1949cf8c6b5b557f";

struct Toolchain {
    version: String,
    rustc: &'static str,
    cargo: &'static str,
    /// The minor version (`83` for 1.83.0).
    minor: u32,
    host: &'static str,
}

fn toolchain(sh: &Shell) -> Toolchain {
    let version = sh.var("RUST_VERSION").unwrap_or_else(|| "1.83.0".into());
    let minor = version.split('.').nth(1).and_then(|m| m.parse().ok()).unwrap_or(83);
    let (_, rustc, cargo) = RELEASES
        .iter()
        .rev()
        .find(|(v, _, _)| v.split('.').nth(1).and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| m <= minor))
        .copied()
        .unwrap_or(RELEASES[4]);
    let host = if sh.fs().exists("/etc/alpine-release") { "x86_64-unknown-linux-musl" } else { "x86_64-unknown-linux-gnu" };
    Toolchain { version, rustc, cargo, minor, host }
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "cargo" => cargo(sh, &args).map(Some),
        "rustc" => rustc(sh, &args).map(Some),
        "rustup" => rustup(sh, &args).map(Some),
        "rustfmt" | "cargo-fmt" => component_missing(sh, &prog.name, "rustfmt").map(Some),
        "cargo-clippy" | "clippy-driver" => component_missing(sh, &prog.name, "clippy").map(Some),
        _ => Ok(None),
    }
}

/// A rustup proxy of a component the images' minimal profile leaves out
/// (rustfmt, clippy): rustup's error until `rustup component add`.
fn component_missing(sh: &mut Shell, proxy: &str, component: &str) -> Result<i32, Flow> {
    let t = toolchain(sh);
    let home = sh.var("RUSTUP_HOME").unwrap_or_else(|| "/usr/local/rustup".into());
    if sh.fs().exists(&format!("{home}/toolchains/{}-{}/lib/rustlib/{}/bin/{component}", t.version, t.host, t.host)) {
        sh.err_str(&format!("dockersim: {proxy} is not simulated (the component is installed, but the simulator has no model of it)\n"))?;
        return Ok(1);
    }
    sh.err_str(&format!(
        "error: '{proxy}' is not installed for the toolchain '{}-{}'.\nTo install, run `rustup component add {component}`\n",
        t.version, t.host
    ))?;
    Ok(1)
}

fn rustup(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let t = toolchain(sh);
    match args {
        ["--version" | "-V"] => {
            sh.out_str("rustup 1.27.1 (54dd3d00f 2024-04-24)\n")?;
            sh.err_str(&format!("info: This is the version for the rustup toolchain manager, not the rustc compiler.\ninfo: The currently active `rustc` version is `rustc {} ({})`\n", t.version, t.rustc))?;
            Ok(0)
        }
        ["target", "add", targets @ ..] | ["component", "add", targets @ ..] if !targets.is_empty() => {
            let component = args[0] == "component";
            let home = sh.var("RUSTUP_HOME").unwrap_or_else(|| "/usr/local/rustup".into());
            for target in targets {
                if !component
                    && !matches!(
                        *target,
                        "x86_64-unknown-linux-musl"
                            | "x86_64-unknown-linux-gnu"
                            | "aarch64-unknown-linux-gnu"
                            | "aarch64-unknown-linux-musl"
                            | "wasm32-unknown-unknown"
                    )
                {
                    sh.err_str(&format!("error: toolchain '{}-{}' does not support target '{target}'\nnote: you can see a list of supported targets with `rustc --print=target-list`\nnote: if you are adding support for a new target to rustc itself, see https://rustc-dev-guide.rust-lang.org/building/new-target.html\n", t.version, t.host))?;
                    return Ok(1);
                }
                let (what, dir) = if component {
                    (target.to_string(), format!("{home}/toolchains/{}-{}/lib/rustlib/{}/bin/{target}", t.version, t.host, t.host))
                } else {
                    ("rust-std".to_string(), format!("{home}/toolchains/{}-{}/lib/rustlib/{target}/lib", t.version, t.host))
                };
                let on = if component { t.host } else { target };
                sh.err_str(&format!("info: downloading component '{what}' for '{on}'\ninfo: installing component '{what}' for '{on}'\n"))?;
                let meta = sh.meta(0o755);
                let _ = sh.fs_mut().mkdir_all(&dir, meta);
            }
            Ok(0)
        }
        ["target", "list", "--installed"] => {
            let home = sh.var("RUSTUP_HOME").unwrap_or_else(|| "/usr/local/rustup".into());
            let dir = format!("{home}/toolchains/{}-{}/lib/rustlib", t.version, t.host);
            let mut names: Vec<String> = match sh.fs().get(&dir) {
                Ok(Node::Dir { entries, .. }) => entries.keys().filter(|n| n.contains('-')).cloned().collect(),
                _ => Vec::new(),
            };
            if !names.iter().any(|n| n == t.host) {
                names.push(t.host.to_string());
            }
            names.sort();
            sh.out_str(&names.iter().map(|n| format!("{n}\n")).collect::<String>())?;
            Ok(0)
        }
        _ => {
            sh.err_str(&format!(
                "dockersim: rustup {} is not simulated (rustup --version, target add/list --installed, component add are)\n",
                args.join(" ")
            ))?;
            Ok(1)
        }
    }
}

/// Whether the target's standard library is installed.
fn has_target(sh: &Shell, t: &Toolchain, target: &str) -> bool {
    if target == t.host {
        return true;
    }
    let home = sh.var("RUSTUP_HOME").unwrap_or_else(|| "/usr/local/rustup".into());
    sh.fs().exists(&format!("{home}/toolchains/{}-{}/lib/rustlib/{target}/lib", t.version, t.host))
}

fn missing_target(sh: &mut Shell, target: &str, krate: &str) -> Result<i32, Flow> {
    sh.err_str(&format!("error[E0463]: can't find crate for `{krate}`\n  |\n  = note: the `{target}` target may not be installed\n  = help: consider downloading the target with `rustup target add {target}`\n\n"))?;
    Ok(1)
}

fn rustc(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let t = toolchain(sh);
    if matches!(args, ["--version" | "-V"]) {
        sh.out_str(&format!("rustc {} ({})\n", t.version, t.rustc))?;
        return Ok(0);
    }
    let mut out: Option<String> = None;
    let mut target = t.host.to_string();
    let mut source: Option<&str> = None;
    let mut opt = false;
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-o" => {
                out = args.get(i + 1).map(|s| s.to_string());
                i += 1;
            }
            "--target" => {
                target = args.get(i + 1).unwrap_or(&"").to_string();
                i += 1;
            }
            "--edition" | "-C" | "--crate-type" | "--crate-name" => i += 1,
            "-O" => opt = true,
            a if a.starts_with("--edition=") || a.starts_with("-C") => opt |= a.contains("opt-level"),
            a if a.starts_with('-') => {
                sh.err_str(&format!("dockersim: rustc {a} is not simulated\n"))?;
                return Ok(1);
            }
            a => source = Some(a),
        }
        i += 1;
    }
    let Some(source) = source else {
        sh.err_str("error: no input filename given\n\n")?;
        return Ok(1);
    };
    let Some(src) = read_text(sh, &sh.abs(source)) else {
        let abort = if t.minor >= 74 { "error: aborting due to 1 previous error" } else { "error: aborting due to previous error" };
        sh.err_str(&format!("error: couldn't read `{source}`: No such file or directory (os error 2)\n\n{abort}\n\n"))?;
        return Ok(1);
    };
    if !has_target(sh, &t, &target) {
        return missing_target(sh, &target, "std");
    }
    if !src.contains("fn main") {
        sh.err_str(&format!("error[E0601]: `main` function not found in crate `{}`\n  |\n  = note: consider adding a `main` function to `{source}`\n\nerror: aborting due to 1 previous error\n\nFor more information about this error, try `rustc --explain E0601`.\n", crate_name(source)))?;
        return Ok(1);
    }
    let mut b = rust_source::behaviour(&src);
    if !target.contains("musl") {
        b.interp = Some(GLIBC_LOADER.into());
    }
    let name = out.unwrap_or_else(|| crate_name(source));
    let path = sh.abs(&name);
    write_elf(sh, &path, &b, if opt { 430_000 } else { 3_900_000 });
    Ok(0)
}

fn crate_name(source: &str) -> String {
    source.rsplit('/').next().unwrap_or(source).trim_end_matches(".rs").replace('-', "_")
}

fn write_elf(sh: &mut Shell, path: &str, b: &Behaviour, size: usize) {
    write_artifact(sh, path, b, "rust", size, &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0], 0o755);
}

// ---------------------------------------------------------------- cargo ----

fn cargo(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let t = toolchain(sh);
    // Options before the subcommand.
    let mut rest = args;
    while let Some(first) = rest.first() {
        match *first {
            "--version" | "-V" => {
                sh.out_str(&format!("cargo {} ({})\n", t.version, t.cargo))?;
                return Ok(0);
            }
            "-q" | "--quiet" | "-v" | "--verbose" | "--locked" | "--frozen" | "--offline" => rest = &rest[1..],
            _ => break,
        }
    }
    let Some(cmd) = rest.first().copied() else {
        sh.err_str("dockersim: cargo's help text is not simulated\n")?;
        return Ok(1);
    };
    let sub = &rest[1..];
    let global: Vec<&str> = args[..args.len() - rest.len()].to_vec();
    let flags: Vec<&str> = global.iter().chain(sub.iter()).copied().collect();
    match cmd {
        "version" => {
            sh.out_str(&format!("cargo {} ({})\n", t.version, t.cargo))?;
            Ok(0)
        }
        "new" | "init" => new(sh, &t, cmd, sub),
        "build" | "b" | "run" | "r" | "test" | "t" | "install" => build(sh, &t, cmd, &flags),
        "fetch" => fetch(sh, &t, &flags),
        "clean" => clean(sh, &flags),
        "fmt" => component_missing(sh, "cargo-fmt", "rustfmt"),
        "clippy" => component_missing(sh, "cargo-clippy", "clippy"),
        "check" | "c" | "doc" | "d" | "add" | "remove" | "update" | "tree" | "search" | "publish" | "bench" | "generate-lockfile"
        | "metadata" | "vendor" | "package" | "login" | "logout" | "rustc" | "rustdoc" | "locate-project" | "pkgid" | "verify-project"
        | "yank" | "help" | "uninstall" | "report" | "owner" | "info" | "fix" | "config" => {
            sh.err_str(&format!(
                "dockersim: cargo {cmd} is not simulated (cargo new, init, build, run, test, fetch, install --path, clean are)\n"
            ))?;
            Ok(101)
        }
        other => {
            sh.err_str(&format!("error: no such command: `{other}`\n\nhelp: view all installed commands with `cargo --list`\nhelp: find a package to install `{other}` with `cargo search {other}`\n"))?;
            Ok(101)
        }
    }
}

/// `    Creating binary (application) `hello` package`.
fn status(verb: &str, rest: &str) -> String {
    format!("{verb:>12} {rest}\n")
}

fn new(sh: &mut Shell, t: &Toolchain, cmd: &str, args: &[&str]) -> Result<i32, Flow> {
    let lib = args.contains(&"--lib");
    let mut name_flag: Option<&str> = None;
    let mut path: Option<&str> = None;
    let mut vcs_none = false;
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "--name" => {
                name_flag = args.get(i + 1).copied();
                i += 1;
            }
            "--vcs" => {
                vcs_none = args.get(i + 1) == Some(&"none");
                i += 1;
            }
            "--bin" | "--lib" | "-q" | "--quiet" => {}
            a if a.starts_with("--edition") => {}
            a if a.starts_with('-') => {
                sh.err_str(&format!(
                    "error: unexpected argument '{a}' found\n\nUsage: cargo {cmd} [OPTIONS] {}\n\nFor more information, try '--help'.\n",
                    if cmd == "new" { "<PATH>" } else { "[PATH]" }
                ))?;
                return Ok(1);
            }
            a => path = Some(a),
        }
        i += 1;
    }
    let dir = match (cmd, path) {
        ("new", None) => {
            sh.err_str("error: the following required arguments were not provided:\n  <PATH>\n\nUsage: cargo new <PATH>\n\nFor more information, try '--help'.\n")?;
            return Ok(1);
        }
        (_, Some(p)) => sh.abs(p),
        (_, None) => sh.cwd.clone(),
    };
    let name = name_flag.map(str::to_string).unwrap_or_else(|| dir.rsplit('/').next().unwrap_or("app").to_string());
    if cmd == "new" && sh.fs().exists(&dir) {
        sh.err_str(&format!("error: destination `{dir}` already exists\n\nUse `cargo init` to initialize the directory\n"))?;
        return Ok(101);
    }
    if cmd == "init" && sh.fs().exists(&format!("{dir}/Cargo.toml")) {
        sh.err_str("error: `cargo init` cannot be run on existing Cargo packages\n")?;
        return Ok(101);
    }
    let edition = if t.minor >= 85 { "2024" } else { "2021" };
    let comment = if t.minor >= 76 {
        ""
    } else {
        "# See more keys and their definitions at https://doc.rust-lang.org/cargo/reference/manifest.html\n\n"
    };
    write_text(
        sh,
        &format!("{dir}/Cargo.toml"),
        &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"{edition}\"\n\n{comment}[dependencies]\n"),
    );
    let (file, body) = if lib { ("lib.rs", LIB_RS) } else { ("main.rs", "fn main() {\n    println!(\"Hello, world!\");\n}\n") };
    if !sh.fs().exists(&format!("{dir}/src/{file}")) {
        write_text(sh, &format!("{dir}/src/{file}"), body);
    }
    // A new repository, unless the directory is already inside one.
    let mut inside_git = false;
    let mut d = dir.clone();
    loop {
        if sh.fs().exists(&format!("{d}/.git")) {
            inside_git = true;
            break;
        }
        match d.rsplit_once('/') {
            Some((p, _)) if !p.is_empty() => d = p.to_string(),
            _ => break,
        }
    }
    if !vcs_none && !inside_git {
        write_text(sh, &format!("{dir}/.gitignore"), "/target\n");
        write_text(sh, &format!("{dir}/.git/HEAD"), "ref: refs/heads/master\n");
        write_text(
            sh,
            &format!("{dir}/.git/config"),
            "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n",
        );
        write_text(sh, &format!("{dir}/.git/description"), "Unnamed repository; edit this file 'description' to name the repository.\n");
        for sub in ["objects", "refs/heads", "refs/tags", "hooks", "info"] {
            let meta = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(&format!("{dir}/.git/{sub}"), meta);
        }
    }
    let kind = if lib { "library" } else { "binary (application)" };
    // `cargo init` names no package.
    let what = if cmd == "new" { format!("{kind} `{name}` package") } else { format!("{kind} package") };
    sh.err_str(&status(if t.minor >= 77 { "Creating" } else { "Created" }, &what))?;
    if t.minor >= 76 {
        sh.err_str("note: see more `Cargo.toml` keys and their definitions at https://doc.rust-lang.org/cargo/reference/manifest.html\n")?;
    }
    Ok(0)
}

const LIB_RS: &str = "pub fn add(left: u64, right: u64) -> u64 {\n    left + right\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn it_works() {\n        let result = add(2, 2);\n        assert_eq!(result, 4);\n    }\n}\n";

/// The package a command works on: its directory and manifest.
fn package(sh: &mut Shell, flags: &[&str]) -> Result<Result<(String, Manifest), i32>, Flow> {
    let manifest_path = flags.iter().position(|f| *f == "--manifest-path").and_then(|i| flags.get(i + 1)).map(|p| sh.abs(p));
    let path = match manifest_path {
        Some(p) => p,
        None => {
            let mut d = sh.cwd.clone();
            loop {
                let p = if d == "/" { "/Cargo.toml".to_string() } else { format!("{d}/Cargo.toml") };
                if sh.fs().exists(&p) {
                    break p;
                }
                match d.rsplit_once('/') {
                    Some((parent, _)) if d != "/" => d = if parent.is_empty() { "/".into() } else { parent.to_string() },
                    _ => {
                        sh.err_str(&format!("error: could not find `Cargo.toml` in `{}` or any parent directory\n", sh.cwd))?;
                        return Ok(Err(101));
                    }
                }
            }
        }
    };
    let Some(text) = read_text(sh, &path) else {
        sh.err_str(&format!("error: manifest path `{path}` does not exist\n"))?;
        return Ok(Err(101));
    };
    match rust_source::manifest(&text) {
        Ok(m) if m.workspace_only => {
            sh.err_str(&format!("dockersim: cargo on a virtual workspace manifest ({path}) is not simulated\n"))?;
            Ok(Err(101))
        }
        Ok(m) if m.name.is_empty() => {
            sh.err_str(&format!("error: failed to parse manifest at `{path}`\n\nCaused by:\n  no targets specified in the manifest\n  either src/lib.rs, src/main.rs, a [lib] section, or [[bin]] section must be present\n"))?;
            Ok(Err(101))
        }
        Ok(m) => {
            Ok(Ok((path.rsplit_once('/').map(|(d, _)| if d.is_empty() { "/".to_string() } else { d.to_string() }).unwrap_or_default(), m)))
        }
        Err(e) => {
            sh.err_str(&format!("error: failed to parse manifest at `{path}`\n\nCaused by:\n  {e}\n"))?;
            Ok(Err(101))
        }
    }
}

/// The crates to build: from the lock file, checked against the manifest.
fn resolve(sh: &mut Shell, dir: &str, m: &Manifest, locked: bool, t_minor: u32) -> Result<Result<Vec<(String, String)>, i32>, Flow> {
    let lock_path = format!("{dir}/Cargo.lock");
    let lock = read_text(sh, &lock_path).map(|t| rust_source::lock(&t)).unwrap_or_default();
    let missing: Vec<&(String, String)> = m.deps.iter().filter(|(d, _)| !lock.iter().any(|p| &p.name == d)).collect();
    let root_listed = lock.iter().any(|p| p.name == m.name && !p.registry);
    if missing.is_empty() && (root_listed || m.deps.is_empty()) {
        if !root_listed && !locked {
            // A package without dependencies: cargo writes the lock file.
            write_text(sh, &lock_path, &format!("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = {}\n\n[[package]]\nname = \"{}\"\nversion = \"{}\"\n", if t_minor >= 83 { 4 } else { 3 }, m.name, m.version));
        } else if !root_listed && locked && m.deps.is_empty() && !sh.fs().exists(&lock_path) {
            sh.err_str(&format!("error: the lock file {lock_path} needs to be updated but --locked was passed to prevent this\nIf you want to try to generate the lock file without accessing the network, remove the --locked flag and use --offline instead.\n"))?;
            return Ok(Err(101));
        }
        return Ok(Ok(rust_source::build_order(&lock, &m.name)));
    }
    if locked {
        sh.err_str(&format!("error: the lock file {lock_path} needs to be updated but --locked was passed to prevent this\nIf you want to try to generate the lock file without accessing the network, remove the --locked flag and use --offline instead.\n"))?;
        return Ok(Err(101));
    }
    if let Some((d, _)) = missing.iter().find(|(d, _)| !KNOWN_CRATES.contains(&d.as_str())) {
        sh.err_str(&format!(
            "error: no matching package named `{d}` found\nlocation searched: registry `crates-io`\nrequired by package `{} v{} ({dir})`\n",
            m.name, m.version
        ))?;
        return Ok(Err(101));
    }
    sh.err_str("dockersim: resolving dependencies that Cargo.lock does not list is not simulated (the simulator has no copy of the registry's index; build with the project's Cargo.lock)\n")?;
    Ok(Err(101))
}

/// Crates that exist on the registry (the rest answer `no matching package`).
const KNOWN_CRATES: &[&str] = &[
    "rocket",
    "serde",
    "serde_json",
    "tokio",
    "axum",
    "actix-web",
    "reqwest",
    "clap",
    "anyhow",
    "thiserror",
    "rand",
    "log",
    "env_logger",
    "tracing",
    "hyper",
    "sqlx",
    "diesel",
    "chrono",
    "uuid",
    "regex",
    "futures",
];

/// cargo's elapsed time: `0.52s`, `12.34s`, `1m 02s`.
fn elapsed(ms: u64) -> String {
    let secs = ms / 1000;
    if secs >= 60 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{}.{:02}s", secs, (ms % 1000) / 10)
    }
}

fn short_hash(text: &str) -> String {
    crate::digest::sha256_hex(text.as_bytes())[..16].to_string()
}

/// A crate's `.crate` size, stable per name and version.
fn crate_size(name: &str, version: &str) -> u64 {
    let h = u64::from_str_radix(&short_hash(&format!("{name}{version}"))[..6], 16).unwrap_or(0);
    12_000 + h % 260_000
}

fn cargo_home(sh: &Shell) -> String {
    sh.var("CARGO_HOME").unwrap_or_else(|| format!("{}/.cargo", sh.var("HOME").unwrap_or_else(|| "/root".into())))
}

/// Downloads the crates missing from the registry cache (cargo's `Downloaded` lines).
fn download(sh: &mut Shell, crates: &[(String, String)], quiet: bool) -> Result<u64, Flow> {
    let home = cargo_home(sh);
    let mut fetched: Vec<&(String, String)> = Vec::new();
    for c in crates {
        if !sh.fs().exists(&format!("{home}/registry/cache/{REGISTRY_DIR}/{}-{}.crate", c.0, c.1)) {
            fetched.push(c);
        }
    }
    if fetched.is_empty() {
        return Ok(0);
    }
    let mut bytes = 0;
    let mut text = String::new();
    if !quiet {
        text.push_str(&status("Downloading", "crates ..."));
    }
    for (name, version) in &fetched {
        let size = crate_size(name, version);
        bytes += size;
        let meta = sh.meta(0o644);
        let dmeta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&format!("{home}/registry/cache/{REGISTRY_DIR}"), dmeta);
        let _ = sh.fs_mut().write(
            &format!("{home}/registry/cache/{REGISTRY_DIR}/{name}-{version}.crate"),
            Content::Repeat { size, pattern: std::sync::Arc::new(vec![0]) },
            meta,
        );
        write_text(
            sh,
            &format!("{home}/registry/src/{REGISTRY_DIR}/{name}-{version}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"{version}\"\n"),
        );
        if !quiet {
            text.push_str(&status("Downloaded", &format!("{name} v{version}")));
        }
    }
    let ms = 300 + fetched.len() as u64 * 14;
    if !quiet {
        text.push_str(&status(
            "Downloaded",
            &format!(
                "{} crate{} ({:.1} MB) in {}",
                fetched.len(),
                if fetched.len() == 1 { "" } else { "s" },
                bytes as f64 / 1e6,
                elapsed(ms)
            ),
        ));
    }
    sh.err_str(&text)?;
    Ok(ms)
}

fn fetch(sh: &mut Shell, t: &Toolchain, flags: &[&str]) -> Result<i32, Flow> {
    let (dir, m) = match package(sh, flags)? {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    let crates = match resolve(sh, &dir, &m, flags.contains(&"--locked") || flags.contains(&"--frozen"), t.minor)? {
        Ok(c) => c,
        Err(s) => return Ok(s),
    };
    let ms = download(sh, &crates, flags.contains(&"-q") || flags.contains(&"--quiet"))?;
    advance(sh, ms);
    Ok(0)
}

fn advance(sh: &mut Shell, ms: u64) {
    sh.ctx.now = sh.ctx.now.saturating_add((ms / 1000) as i64);
}

fn clean(sh: &mut Shell, flags: &[&str]) -> Result<i32, Flow> {
    let (dir, _) = match package(sh, flags)? {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    let target = format!("{dir}/target");
    let (mut files, mut bytes) = (0u64, 0u64);
    if let Ok(node) = sh.fs().get(&target) {
        count(node, &mut files, &mut bytes);
    }
    let _ = sh.fs_mut().remove(&target, true);
    let size =
        if bytes >= 1 << 20 { format!("{:.1}MiB", bytes as f64 / (1u64 << 20) as f64) } else { format!("{:.1}KiB", bytes as f64 / 1024.0) };
    sh.err_str(&status("Removed", &format!("{files} files, {size} total")))?;
    Ok(0)
}

fn count(node: &Node, files: &mut u64, bytes: &mut u64) {
    match node {
        Node::Dir { entries, .. } => entries.values().for_each(|n| count(n, files, bytes)),
        Node::File { content, .. } => {
            *files += 1;
            *bytes += content.len();
        }
        _ => *files += 1,
    }
}

/// Options of build, run, test and install.
struct BuildOpts<'a> {
    release: bool,
    locked: bool,
    quiet: bool,
    target: Option<&'a str>,
    target_dir: Option<&'a str>,
    bin: Option<&'a str>,
    path: Option<&'a str>,
    root: Option<&'a str>,
    /// Arguments after `--` (cargo run's program arguments).
    trailing: Vec<&'a str>,
}

fn opts<'a>(sh: &mut Shell, cmd: &str, flags: &[&'a str]) -> Result<Result<BuildOpts<'a>, i32>, Flow> {
    let mut o = BuildOpts {
        release: cmd == "install",
        locked: false,
        quiet: false,
        target: None,
        target_dir: None,
        bin: None,
        path: None,
        root: None,
        trailing: Vec::new(),
    };
    let mut i = 0;
    while i < flags.len() {
        let f = flags[i];
        let value = flags.get(i + 1).copied();
        let (name, inline) = match f.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v)),
            _ => (f, None),
        };
        let take = |i: &mut usize| -> Option<&'a str> {
            if inline.is_some() {
                inline
            } else {
                *i += 1;
                value
            }
        };
        match name {
            "--release" | "-r" => o.release = true,
            "--locked" | "--frozen" => o.locked = true,
            "--offline" | "-v" | "--verbose" | "--all-targets" | "--bins" | "--debug" | "--force" | "-f" | "--no-track" => {}
            "-q" | "--quiet" => o.quiet = true,
            "--target" => o.target = take(&mut i),
            "--target-dir" => o.target_dir = take(&mut i),
            "--bin" => o.bin = take(&mut i),
            "--path" => o.path = take(&mut i),
            "--root" => o.root = take(&mut i),
            "-j" | "--jobs" | "-p" | "--package" | "--manifest-path" | "--profile" | "--features" | "-F" => {
                take(&mut i);
            }
            "--" => {
                o.trailing = flags[i + 1..].to_vec();
                break;
            }
            a if a.starts_with('-') => {
                sh.err_str(&format!(
                    "error: unexpected argument '{a}' found\n\nUsage: cargo {cmd} [OPTIONS]\n\nFor more information, try '--help'.\n"
                ))?;
                return Ok(Err(1));
            }
            a if cmd == "install" => {
                sh.err_str(&format!("dockersim: cargo install of a registry crate ({a}) is not simulated (cargo install --path . is)\n"))?;
                return Ok(Err(101));
            }
            _ => {}
        }
        i += 1;
    }
    Ok(Ok(o))
}

/// The proc-macro crates among a lock file's (compiled as shared libraries for the host).
fn proc_macro(name: &str) -> bool {
    name.ends_with("-derive")
        || name.ends_with("_derive")
        || name.ends_with("-macros")
        || name.ends_with("-impl")
        || name.ends_with("_codegen")
        || name.ends_with("-internal")
        || name == "async-trait"
}

fn build(sh: &mut Shell, t: &Toolchain, cmd: &str, flags: &[&str]) -> Result<i32, Flow> {
    let cmd = match cmd {
        "b" => "build",
        "r" => "run",
        "t" => "test",
        c => c,
    };
    let o = match opts(sh, cmd, flags)? {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    if cmd == "install" {
        match o.path {
            Some(p) => {
                let dir = sh.abs(p);
                if !sh.fs().exists(&format!("{dir}/Cargo.toml")) {
                    sh.err_str(&format!("error: `{dir}` is not a crate root; specify a crate to install from crates.io, or use --path or --git to specify an alternate source\n\nCaused by:\n  could not find `Cargo.toml` in `{dir}`\n"))?;
                    return Ok(101);
                }
                let saved = std::mem::replace(&mut sh.cwd, dir);
                let r = build_in(sh, t, cmd, &o);
                sh.cwd = saved;
                return r;
            }
            None => {
                sh.err_str("error: Using `cargo install` to install the binaries from the package in current working directory is no longer supported, use `cargo install --path .` instead. Use `cargo build` if you want to simply build the package.\n")?;
                return Ok(101);
            }
        }
    }
    build_in(sh, t, cmd, &o)
}

fn build_in(sh: &mut Shell, t: &Toolchain, cmd: &str, o: &BuildOpts<'_>) -> Result<i32, Flow> {
    let (dir, m) = match package(sh, &[])? {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    if cmd == "install" {
        sh.err_str(&status("Installing", &format!("{} v{} ({dir})", m.name, m.version)))?;
    }
    let crates = match resolve(sh, &dir, &m, o.locked, t.minor)? {
        Ok(c) => c,
        Err(s) => return Ok(s),
    };
    let target = o.target.unwrap_or(t.host).to_string();
    if !has_target(sh, t, &target) {
        return missing_target(sh, &target, "core");
    }
    // The sources: src/main.rs (and its sibling modules) or src/lib.rs.
    let main = read_text(sh, &format!("{dir}/src/main.rs"));
    let lib = read_text(sh, &format!("{dir}/src/lib.rs"));
    if main.is_none() && lib.is_none() {
        sh.err_str(&format!("error: failed to parse manifest at `{dir}/Cargo.toml`\n\nCaused by:\n  no targets specified in the manifest\n  either src/lib.rs, src/main.rs, a [lib] section, or [[bin]] section must be present\n"))?;
        return Ok(101);
    }
    let mut src = String::new();
    if let Ok(Node::Dir { entries, .. }) = sh.fs().get(&format!("{dir}/src")) {
        let names: Vec<String> = entries.keys().filter(|n| n.ends_with(".rs") && *n != "main.rs").cloned().collect();
        src = main.clone().unwrap_or_default();
        for n in names {
            src.push('\n');
            src.push_str(&read_text(sh, &format!("{dir}/src/{n}")).unwrap_or_default());
        }
    }
    let bins: Vec<String> = if !m.bins.is_empty() {
        m.bins.clone()
    } else if main.is_some() {
        vec![m.name.clone()]
    } else {
        Vec::new()
    };
    if let Some(b) = o.bin {
        if !bins.iter().any(|n| n == b) {
            let avail: String = bins.iter().map(|n| format!("    {n}\n")).collect();
            sh.err_str(&format!("error: no bin target named `{b}`.\nAvailable bin targets:\n{avail}\n"))?;
            return Ok(101);
        }
    }
    if matches!(cmd, "run" | "install") && bins.is_empty() {
        let msg = if cmd == "run" {
            "error: a bin target must be available for `cargo run`\n".to_string()
        } else {
            format!("error: there is nothing to install in `{} v{} ({dir})`, because it has no binaries\n`cargo install` is only for installing programs, and can't be used with libraries.\nTo use a library crate, add it as a dependency to a Cargo project with `cargo add`.\n", m.name, m.version)
        };
        sh.err_str(&msg)?;
        return Ok(101);
    }
    let mut ms = download(sh, &crates, o.quiet)?;
    // The target directory: fingerprints decide what is compiled again.
    let target_root = match o.target_dir.map(str::to_string).or_else(|| sh.var("CARGO_TARGET_DIR")) {
        Some(d) => sh.abs(&d),
        None => format!("{dir}/target"),
    };
    let profile_dir = if o.release { "release" } else { "debug" };
    let out_dir = match o.target {
        Some(tt) => format!("{target_root}/{tt}/{profile_dir}"),
        None => format!("{target_root}/{profile_dir}"),
    };
    if !sh.fs().exists(&format!("{target_root}/CACHEDIR.TAG")) {
        write_text(sh, &format!("{target_root}/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by cargo.\n# For information about cache directory tags see https://bford.info/cachedir/\n");
    }
    let musl = target.contains("musl");
    let musl_dev = sh.fs().exists("/usr/include/stdio.h") || sh.fs().exists("/usr/lib/crti.o");
    let mut log = String::new();
    let per_crate = if o.release { 380 } else { 210 };
    for (name, version) in &crates {
        let key = short_hash(&format!("{name}{version}{profile_dir}{target}"));
        let fp = format!("{out_dir}/.fingerprint/{name}-{key}");
        if sh.fs().exists(&fp) {
            continue;
        }
        if !o.quiet {
            log.push_str(&status("Compiling", &format!("{name} v{version}")));
        }
        ms += per_crate;
        if t.host.contains("musl") && !musl_dev && proc_macro(name) {
            sh.err_str(&log)?;
            let gcc = gcc_version(sh);
            sh.err_str(&format!("error: linking with `cc` failed: exit status: 1\n  |\n  = note: /usr/lib/gcc/x86_64-alpine-linux-musl/{gcc}/../../../../x86_64-alpine-linux-musl/bin/ld: cannot find crti.o: No such file or directory\n          collect2: error: ld returned 1 exit status\n\n\nerror: could not compile `{name}` (lib) due to 1 previous error\nwarning: build failed, waiting for other jobs to finish...\n"))?;
            advance(sh, ms);
            return Ok(101);
        }
        write_text(sh, &format!("{fp}/lib-{}", name.replace('-', "_")), &key);
        let size = crate_size(name, version) * if o.release { 3 } else { 6 };
        let meta = sh.meta(0o644);
        let dmeta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&format!("{out_dir}/deps"), dmeta);
        let _ = sh.fs_mut().write(
            &format!("{out_dir}/deps/lib{}-{key}.rlib", name.replace('-', "_")),
            Content::Repeat { size, pattern: std::sync::Arc::new(vec![0]) },
            meta,
        );
    }
    // The package itself: compiled again when its sources changed.
    let test = cmd == "test";
    let own_key = short_hash(&format!("{}{}{profile_dir}{target}{test}{src}{}", m.name, m.version, lib.clone().unwrap_or_default()));
    let own_fp = format!("{out_dir}/.fingerprint/{}-{own_key}", m.name);
    let fresh = sh.fs().exists(&own_fp);
    if !fresh {
        if !o.quiet {
            log.push_str(&status("Compiling", &format!("{} v{} ({dir})", m.name, m.version)));
        }
        ms += if o.release { 1_400 + crates.len() as u64 * 40 } else { 600 + crates.len() as u64 * 15 };
        write_text(sh, &format!("{own_fp}/bin-{}", m.name), &own_key);
    }
    // What the binaries do.
    let mut b = if main.is_some() { rust_source::behaviour(&src) } else { Behaviour::default() };
    if b.framework.as_deref() == Some("rocket") {
        let v = crates.iter().find(|(n, _)| n == "rocket").map(|(_, v)| v.clone()).unwrap_or_else(|| "0.5.1".into());
        b.framework = Some(format!("rocket {v}"));
    }
    if !musl {
        b.interp = Some(GLIBC_LOADER.into());
    }
    b.artifact = Some(format!("{} {} {}", m.name, m.version, if o.release { "release" } else { "debug" }));
    let size = match (b.framework.is_some(), o.release) {
        (true, true) => 9_400_000 + crates.len() * 8_000,
        (true, false) => 14_600_000 + crates.len() * 20_000,
        (false, true) => 430_000,
        (false, false) => 3_880_000,
    };
    if !test {
        for name in &bins {
            let path = format!("{out_dir}/{name}");
            if fresh && sh.fs().exists(&path) {
                continue;
            }
            write_elf(sh, &path, &b, size);
            write_text(sh, &format!("{out_dir}/{name}.d"), &format!("{path}: {dir}/src/main.rs\n"));
        }
    }
    let profile = match (test, o.release, t.minor >= 77) {
        (true, _, true) => "`test` profile [unoptimized + debuginfo]",
        (true, _, false) => "test [unoptimized + debuginfo]",
        (false, true, true) => "`release` profile [optimized]",
        (false, true, false) => "release [optimized]",
        (false, false, true) => "`dev` profile [unoptimized + debuginfo]",
        (false, false, false) => "dev [unoptimized + debuginfo]",
    };
    if !o.quiet {
        log.push_str(&status("Finished", &format!("{profile} target(s) in {}", elapsed(ms))));
    }
    sh.err_str(&log)?;
    advance(sh, ms);
    match cmd {
        "run" => {
            let name = o.bin.map(str::to_string).unwrap_or_else(|| bins[0].clone());
            let path = format!("{out_dir}/{name}");
            let rel = path.strip_prefix(&format!("{}/", sh.cwd)).unwrap_or(&path).to_string();
            let args: String = o.trailing.iter().map(|a| format!(" {a}")).collect();
            if !o.quiet {
                sh.err_str(&status("Running", &format!("`{rel}{args}`")))?;
            }
            if b.framework.as_deref().is_some_and(|f| f.starts_with("rocket")) {
                sh.hand_over(vec![path.clone()])?;
                sh.err_str("dockersim: a Rocket server runs only as a container's main process\n")?;
                return Ok(1);
            }
            run_built(sh, &b, Some(&path))
        }
        "test" => {
            let own = format!("{}-{}", m.name.replace('-', "_"), &own_key);
            let mut status_code = 0;
            for (file, text) in [("src/lib.rs", lib.clone()), ("src/main.rs", main.clone())] {
                let Some(text) = text else { continue };
                let kind = if file.ends_with("lib.rs") { "unittests src/lib.rs" } else { "unittests src/main.rs" };
                let rel_dir = out_dir.strip_prefix(&format!("{}/", sh.cwd)).unwrap_or(&out_dir).to_string();
                sh.err_str(&status("Running", &format!("{kind} ({rel_dir}/deps/{own})")))?;
                status_code = report_tests(sh, &text)?.max(status_code);
            }
            if lib.is_some() {
                sh.err_str(&status("Doc-tests", &m.name.replace('-', "_")))?;
                sh.out_str("\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n")?;
            }
            Ok(status_code)
        }
        "install" => {
            let root = o.root.map(|r| format!("{}/bin", sh.abs(r))).unwrap_or_else(|| format!("{}/bin", cargo_home(sh)));
            for name in &bins {
                let dest = format!("{root}/{name}");
                write_elf(sh, &dest, &b, size);
                sh.err_str(&status("Installing", &dest))?;
            }
            let exes: Vec<String> = bins.iter().map(|n| format!("`{n}`")).collect();
            sh.err_str(&status(
                "Installed",
                &format!(
                    "package `{} v{} ({dir})` (executable{} {})",
                    m.name,
                    m.version,
                    if bins.len() == 1 { "" } else { "s" },
                    exes.join(", ")
                ),
            ))?;
            let path = sh.var("PATH").unwrap_or_default();
            if !path.split(':').any(|p| p == root) {
                sh.err_str(&format!("warning: be sure to add `{root}` to your PATH to be able to run the installed binaries\n"))?;
            }
            Ok(0)
        }
        _ => Ok(0),
    }
}

/// libtest's report for the `#[test]` functions (assumed to pass).
fn report_tests(sh: &mut Shell, src: &str) -> Result<i32, Flow> {
    let prefix = if src.contains("mod tests") { "tests::" } else { "" };
    let mut names: Vec<String> = rust_source::tests(src).into_iter().map(|n| format!("{prefix}{n}")).collect();
    names.sort();
    let mut out = format!("\nrunning {} test{}\n", names.len(), if names.len() == 1 { "" } else { "s" });
    for n in &names {
        out.push_str(&format!("test {n} ... ok\n"));
    }
    out.push_str(&format!(
        "\ntest result: ok. {} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n",
        names.len()
    ));
    sh.out_str(&out)?;
    Ok(0)
}

/// The image's gcc release directory (`/usr/lib/gcc/x86_64-alpine-linux-musl/VERSION`).
fn gcc_version(sh: &Shell) -> String {
    let release = read_text(sh, "/etc/alpine-release").unwrap_or_default();
    if release.starts_with("3.21") || release.starts_with("3.22") {
        "14.2.0".into()
    } else if release.starts_with("3.18") {
        "12.2.1".into()
    } else {
        "13.2.1".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_times_and_statuses() {
        assert_eq!(elapsed(520), "0.52s");
        assert_eq!(elapsed(62_400), "1m 02s");
        assert_eq!(status("Compiling", "rocket v0.5.1"), "   Compiling rocket v0.5.1\n");
        assert_eq!(status("Finished", "x"), "    Finished x\n");
    }
}
