//! Simulated programs. A program runs only if its file exists on `PATH` in
//! the image; it is identified by the name it was invoked as (BusyBox applets
//! are symlinks to `/bin/busybox`, whose error wording they use).

mod a2mod;
mod awk;
mod bytes;
mod cargo;
pub(crate) mod clock;
mod columns;
mod composer;
mod coreutils;
mod cowsay;
mod csharp;
pub(crate) mod dotnet;
mod dpkg;
mod du;
mod expr;
mod fields;
mod figlet;
mod find;
mod frontend;
mod git;
mod gotest;
mod gradle;
mod grep;
pub(crate) mod jars;
pub(crate) mod java;
pub(crate) mod java_source;
mod jq;
pub(crate) mod maven;
pub(crate) mod net;
pub mod nginx;
mod npm;
mod npx;
mod packages;
mod paths;
pub(crate) mod php;
mod php_ext;
mod php_ext_data;
mod pip;
pub mod pkg_index;
mod pkg_texts;
mod procs;
mod razor;
mod redis_cli;
mod runtimes;
pub(crate) mod rust_source;
mod scaffold;
mod sed;
mod sed_parse;
mod stat;
pub(crate) mod sums;
mod system;
pub mod text;
pub mod toolchains;
pub(crate) mod tools;
mod tree;
mod tsc;
mod users;

use super::interp::{Flow, Shell, R};
use crate::vfs::{self, Node};

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Finds `name` on `PATH` (or as a path), returning the absolute path.
pub fn find_in_path(sh: &Shell, name: &str) -> Option<String> {
    if name.contains('/') {
        let p = sh.abs(name);
        return matches!(sh.fs().get(&p), Ok(Node::File { .. })).then_some(p);
    }
    let path = sh.var("PATH").unwrap_or_else(|| DEFAULT_PATH.into());
    path.split(':').filter(|d| !d.is_empty()).map(|d| vfs::join(d, name)).find(|p| matches!(sh.fs().get(p), Ok(Node::File { .. })))
}

/// Whether `path` is (a link to) BusyBox.
fn is_busybox(sh: &Shell, path: &str) -> bool {
    sh.fs().resolve(path, true).map(|p| p.ends_with("/busybox")).unwrap_or(false)
}

/// Context a program runs with.
pub struct Prog {
    pub name: String,
    /// Whether messages follow BusyBox's wording (else GNU's).
    pub busybox: bool,
}

/// Runs an external program (after builtins and functions were ruled out).
pub fn run_external(sh: &mut Shell, argv: &[String]) -> R {
    if let Some(status) = sh.run_host(argv)? {
        return Ok(status);
    }
    let invoked = &argv[0];
    let Some(path) = find_in_path(sh, invoked) else {
        let p = sh.prefix();
        let bash = sh.flavor() == super::Flavor::Bash;
        let msg = if invoked.contains('/') && sh.fs().get(&sh.abs(invoked)).is_ok() {
            format!("{p}{invoked}: Permission denied\n")
        } else if bash && invoked.contains('/') {
            format!("{p}{invoked}: No such file or directory\n")
        } else if bash {
            format!("{p}{invoked}: command not found\n")
        } else {
            format!("{p}{invoked}: not found\n")
        };
        sh.err_str(&msg)?;
        return Ok(if msg.ends_with("Permission denied\n") { 126 } else { 127 });
    };
    let name = invoked.rsplit('/').next().unwrap_or(invoked).to_string();
    let prog = Prog { busybox: is_busybox(sh, &path), name: name.clone() };
    if name == "busybox" && argv.len() > 1 {
        return run_external(sh, &argv[1..]);
    }
    // Utilities that are also shell builtins (/bin/echo, /usr/bin/[ …) behave alike.
    if matches!(name.as_str(), "echo" | "printf" | "test" | "[" | "true" | "false" | "pwd") {
        return super::builtins::run(sh, &std::iter::once(name.clone()).chain(argv[1..].iter().cloned()).collect::<Vec<_>>());
    }
    if matches!(name.as_str(), "sh" | "dash" | "ash" | "bash") {
        let flavor = if name == "bash" { super::Flavor::Bash } else { sh.ctx.flavor };
        return run_shell(sh, invoked, &argv[1..], flavor);
    }
    if argv.len() == 2 && matches!(argv[1].as_str(), "--help" | "--version") && !is_script(sh, &path) && lacks_text(&name, &argv[1]) {
        // The simulator has no copy of this program's help or version text.
        sh.err_str(&format!("dockersim: {name} {}: not simulated (the simulator has no copy of this text)\n", argv[1]))?;
        return Ok(1);
    }
    if let Some(status) = reject_unknown_options(sh, &prog, &argv[1..])? {
        return Ok(status);
    }
    if let Some(status) = users::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = bytes::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = clock::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = fields::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = paths::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = stat::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = find::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = sums::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = coreutils::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = du::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = tree::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = expr::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = awk::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = text::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = net::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = tools::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = system::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = jq::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = figlet::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = cowsay::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = nginx::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = php_ext::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = a2mod::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = composer::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = git::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = dpkg::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = packages::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = java::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = dotnet::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = toolchains::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = cargo::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = frontend::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = runtimes::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if prog.name == "redis-cli" {
        return redis_cli::run(sh, argv);
    }
    // A shell script: run it in a child shell.
    if let Ok(bytes) = sh.fs().read(&path) {
        if bytes.starts_with(b"#!") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let interp = text.lines().next().unwrap_or("").to_string();
            if interp.contains("bash") && super::bash_path(sh.fs()).is_some() {
                return sh.child_shell_as(&text, invoked, &argv[1..], super::Flavor::Bash, false);
            }
            if interp.ends_with("sh") || interp.contains("/sh ") || interp.contains("bash") {
                return run_script_file(sh, &path, &text, &argv[1..]);
            }
            if interp.contains("python") && python_script_runs(&text) {
                let py_argv: Vec<String> = ["python3".to_string(), path.clone()].into_iter().chain(argv[1..].iter().cloned()).collect();
                let prog = Prog { name: "python3".into(), busybox: false };
                return runtimes::run(sh, &prog, &py_argv).map(|s| s.unwrap_or(0));
            }
        }
    }
    // A program a simulated toolchain built (go build, gcc).
    if let Some(b) = toolchains::behaviour_of(sh, &path) {
        if toolchains::loader_missing(sh.fs(), &b) {
            return exec_enoent(sh, invoked);
        }
        if b.source.is_some() || b.framework.as_deref().is_some_and(|f| f.starts_with("aspnetcore")) {
            // A .NET apphost: the runtime runs the app next to it.
            return dotnet::run_apphost(sh, &path, &b, &argv[1..]);
        }
        return toolchains::run_built(sh, &b, Some(&path));
    }
    not_simulated(sh, &name)
}

/// Whether a Python script is the evaluator's to run: the learner's own
/// (`./manage.py`), or a console script pip wrote for a package the
/// evaluator models (`django-admin`); other packages' console scripts are
/// not simulated.
fn python_script_runs(text: &str) -> bool {
    let console = text.lines().nth(1) == Some("# -*- coding: utf-8 -*-") && text.contains("\nimport re\nimport sys\n");
    if !console {
        return true;
    }
    let module = text.lines().find_map(|l| l.strip_prefix("from ")).and_then(|l| l.split_whitespace().next()).unwrap_or("");
    crate::apps::py_django::source(module).is_some()
}

/// A dynamically linked executable whose loader is missing: execve fails
/// with ENOENT, which each shell words its own way.
fn exec_enoent(sh: &mut Shell, invoked: &str) -> R {
    let p = sh.prefix();
    let msg = match sh.flavor() {
        super::Flavor::Bash => format!("{p}{invoked}: cannot execute: required file not found\n"),
        _ => format!("{p}{invoked}: not found\n"),
    };
    sh.err_str(&msg)?;
    Ok(127)
}

/// The exit status of a program that is in the image but not simulated:
/// 126, the shell's "found but cannot be executed" (127 would claim the
/// file is missing, and 0 would claim it did its job).
pub const NOT_SIMULATED: i32 = 126;

/// A program present in the image (gpg, dpkg-deb, …) that the simulator has
/// no model of: it says so and fails, never succeeding having done nothing.
pub fn not_simulated(sh: &mut Shell, name: &str) -> R {
    sh.err_str(&format!("dockersim: {name}: not simulated (the program is in the image, but the simulator has no model of it)\n"))?;
    Ok(NOT_SIMULATED)
}

/// The first line BusyBox prints above an applet's usage.
pub const BUSYBOX_BANNER: &str = "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.";

/// A shell's `--help` / `--version` / unknown long option, as each shell
/// answers it; None for the long options it runs with (`bash --norc`, …).
fn shell_long_option(sh: &mut Shell, invoked: &str, long: &str, flavor: super::Flavor) -> Result<Option<i32>, Flow> {
    match flavor {
        // dash takes no long options at all.
        super::Flavor::Dash => {
            sh.err_str(&format!("{invoked}: 0: Illegal option --\n"))?;
            Ok(Some(2))
        }
        // BusyBox ash prints its usage for --help; other long options are
        // read as a script on stdin would be (it then runs stdin).
        super::Flavor::Busybox if long == "--help" => {
            sh.err_str(&format!("{BUSYBOX_BANNER}\n\nUsage: {} [-il] [-|+Cabefmnuvx] [-|+o OPT]... [-c 'SCRIPT' [ARG0 ARGS] | FILE ARGS | -s ARGS]\n\nUnix shell interpreter\n", invoked.rsplit('/').next().unwrap_or(invoked)))?;
            Ok(Some(0))
        }
        super::Flavor::Busybox => Ok(None),
        super::Flavor::Bash => {
            let version = super::bash_version(sh.fs());
            let machine = if sh.fs().exists("/etc/alpine-release") { "x86_64-alpine-linux-musl" } else { "x86_64-pc-linux-gnu" };
            let year = if version.starts_with("5.2") {
                "2022"
            } else if version.starts_with("5.1") {
                "2020"
            } else {
                "2019"
            };
            let usage = || {
                format!(
                    "Usage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\nGNU long options:\n{}Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n",
                    BASH_LONG_OPTIONS.iter().map(|o| format!("\t--{o}\n")).collect::<String>()
                )
            };
            match long {
                "--help" => {
                    sh.out_str(&format!("GNU bash, version {version}-({machine})\n{}Type `bash -c \"help set\"' for more information about shell options.\nType `bash -c help' for more information about shell builtin commands.\nUse the `bashbug' command to report bugs.\n\nbash home page: <http://www.gnu.org/software/bash>\nGeneral help using GNU software: <http://www.gnu.org/gethelp/>\n", usage()))?;
                    Ok(Some(0))
                }
                "--version" => {
                    sh.out_str(&format!("GNU bash, version {version} ({machine})\nCopyright (C) {year} Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n"))?;
                    Ok(Some(0))
                }
                l if BASH_LONG_OPTIONS.contains(&&l[2..]) => Ok(None),
                l => {
                    sh.err_str(&format!("{invoked}: {l}: invalid option\n{}", usage()))?;
                    Ok(Some(2))
                }
            }
        }
    }
}

/// bash's long options, as `bash --help` lists them.
const BASH_LONG_OPTIONS: &[&str] = &[
    "debug",
    "debugger",
    "dump-po-strings",
    "dump-strings",
    "help",
    "init-file",
    "login",
    "noediting",
    "noprofile",
    "norc",
    "posix",
    "pretty-print",
    "rcfile",
    "restricted",
    "verbose",
    "version",
];

/// The options of simulated programs that would otherwise ignore an unknown
/// one: name, short options (getopt style, `:` after one that takes a
/// value), long options, and GNU's status for a bad option.
const OPTIONS: &[(&str, &str, &[&str], i32)] = &[
    ("mkdir", "pm:vZ", &["parents", "mode", "verbose", "context", "help", "version"], 1),
    ("rmdir", "pv", &["parents", "verbose", "ignore-fail-on-non-empty", "help", "version"], 1),
    (
        "rm",
        "fiIrRdv",
        &["force", "interactive", "one-file-system", "no-preserve-root", "preserve-root", "recursive", "dir", "verbose", "help", "version"],
        1,
    ),
    ("touch", "acd:fhmr:t:", &["no-create", "date", "no-dereference", "reference", "time", "help", "version"], 1),
    ("tac", "bBrs:", &["before", "regex", "separator", "help", "version"], 1),
    ("mktemp", "dqutp:", &["directory", "quiet", "dry-run", "suffix", "tmpdir", "help", "version"], 1),
    (
        "install",
        "bcCdDg:m:o:pPsS:t:TvZ",
        &[
            "backup",
            "compare",
            "directory",
            "group",
            "mode",
            "owner",
            "preserve-timestamps",
            "strip",
            "strip-program",
            "suffix",
            "target-directory",
            "no-target-directory",
            "verbose",
            "preserve-context",
            "context",
            "help",
            "version",
        ],
        1,
    ),
    ("tee", "aip", &["append", "ignore-interrupts", "output-error", "help", "version"], 1),
    (
        "sort",
        "bdfgiMhnRrVcCk:mo:sS:t:T:uz",
        &[
            "ignore-leading-blanks",
            "dictionary-order",
            "ignore-case",
            "general-numeric-sort",
            "ignore-nonprinting",
            "month-sort",
            "human-numeric-sort",
            "numeric-sort",
            "random-sort",
            "random-source",
            "reverse",
            "sort",
            "version-sort",
            "batch-size",
            "check",
            "compress-program",
            "debug",
            "files0-from",
            "key",
            "merge",
            "output",
            "stable",
            "buffer-size",
            "field-separator",
            "temporary-directory",
            "parallel",
            "unique",
            "zero-terminated",
            "help",
            "version",
        ],
        2,
    ),
    (
        "uniq",
        "cdDf:is:uw:z",
        &[
            "count",
            "repeated",
            "all-repeated",
            "skip-fields",
            "group",
            "ignore-case",
            "skip-chars",
            "unique",
            "zero-terminated",
            "check-chars",
            "help",
            "version",
        ],
        1,
    ),
];

/// An option the program does not have, in its own words: GNU's
/// `unrecognized option '--x'` / `invalid option -- 'x'` with the `--help`
/// hint, BusyBox's first line of the same (its usage text is not held).
fn reject_unknown_options(sh: &mut Shell, prog: &Prog, args: &[String]) -> Result<Option<i32>, Flow> {
    let Some(&(name, short, long, status)) = OPTIONS.iter().find(|(n, ..)| *n == prog.name) else { return Ok(None) };
    let mut bad = None;
    let mut i = 0;
    while i < args.len() && bad.is_none() {
        let a = args[i].as_str();
        i += 1;
        if a == "--" {
            break;
        }
        if let Some(l) = a.strip_prefix("--") {
            let key = l.split('=').next().unwrap_or(l);
            // getopt_long takes any unambiguous prefix.
            if !long.iter().any(|o| o.starts_with(key)) {
                bad = Some(format!("unrecognized option '{a}'"));
            }
        } else if a.len() > 1 && a.starts_with('-') {
            for (j, c) in a[1..].char_indices() {
                match short.find(c) {
                    None => {
                        bad = Some(format!("invalid option -- '{c}'"));
                        break;
                    }
                    Some(at) if short[at + c.len_utf8()..].starts_with(':') => {
                        // The value is the rest of this word, or the next one.
                        if j + c.len_utf8() == a.len() - 1 {
                            i += 1;
                        }
                        break;
                    }
                    Some(_) => {}
                }
            }
        }
    }
    let Some(what) = bad else { return Ok(None) };
    if prog.busybox {
        sh.err_str(&format!("{name}: {what}\n"))?;
        return Ok(Some(1));
    }
    sh.err_str(&format!("{name}: {what}\nTry '{name} --help' for more information.\n"))?;
    Ok(Some(status))
}

/// Simulated programs that would not answer `--help` / `--version` (alone)
/// as the real one does — they would ignore it, or take it for a file: for
/// these the simulator says the text is not simulated. Other programs
/// answer themselves (their models print the real text).
fn lacks_text(name: &str, flag: &str) -> bool {
    const BOTH: &[&str] = &[
        "cat",
        "ls",
        "head",
        "tail",
        "cp",
        "mv",
        "chmod",
        "chown",
        "chgrp",
        "ln",
        "basename",
        "dirname",
        "readlink",
        "realpath",
        "base64",
        "cut",
        "date",
        "du",
        "env",
        "printenv",
        "find",
        "hostname",
        "id",
        "whoami",
        "md5sum",
        "sha1sum",
        "sha256sum",
        "sha512sum",
        "nl",
        "od",
        "rev",
        "seq",
        "sleep",
        "stat",
        "tr",
        "uname",
        "wc",
        "dd",
        "truncate",
        "fallocate",
        "yes",
        "paste",
        "split",
        "column",
        "xargs",
        "mkdir",
        "rmdir",
        "rm",
        "touch",
        "tee",
        "sort",
        "uniq",
        "file",
        "gzip",
        "gunzip",
        "zcat",
        "tar",
        "unzip",
        "useradd",
        "groupadd",
        "adduser",
        "addgroup",
        "ps",
        "top",
        "vi",
        "vim",
        "nano",
        "nginx",
        "httpd",
        "which",
        "tac",
        "mktemp",
        "install",
    ];
    const HELP: &[&str] = &["tree", "node", "nodejs", "python", "python3", "pip", "pip3", "yarn", "yarnpkg"];
    BOTH.contains(&name) || (flag == "--help" && (HELP.contains(&name) || name.starts_with("python3.") || name.starts_with("pip3.")))
}

/// Whether `path` is a `#!` script (run by its interpreter, which sees the flags).
fn is_script(sh: &Shell, path: &str) -> bool {
    matches!(sh.fs().get(path), Ok(Node::File { content: vfs::Content::Bytes(b), .. }) if b.starts_with(b"#!"))
}

/// `sh -c SCRIPT [ARG0 ARGS…]`, `sh FILE ARGS…`, or `sh` reading stdin.
fn run_shell(sh: &mut Shell, invoked: &str, args: &[String], flavor: super::Flavor) -> R {
    if let Some(long) = args.first().filter(|a| a.starts_with("--") && a.len() > 2) {
        if let Some(status) = shell_long_option(sh, invoked, long, flavor)? {
            return Ok(status);
        }
    }
    let mut i = 0;
    while args.get(i).is_some_and(|a| (a.starts_with('-') || a.starts_with('+')) && a != "-c" && a.len() > 1) {
        // `-o NAME` takes the next word.
        i += if a_is_o(&args[i]) { 2 } else { 1 };
    }
    let opts = args[..i.min(args.len())].to_vec();
    let bash = flavor == super::Flavor::Bash;
    // Options before the script (`bash -e -o pipefail -c …`) apply in the child.
    let opts: &[String] = if bash { &opts } else { &[] };
    let child = |sh: &mut Shell, script: &str, arg0: &str, rest: &[String], c_mode: bool| -> R {
        sh.child_shell_with(script, arg0, rest, flavor, c_mode, opts)
    };
    match args.get(i).map(String::as_str) {
        Some("-c") => {
            let Some(script) = args.get(i + 1) else {
                sh.err_str(&format!("{invoked}: -c requires an argument\n"))?;
                return Ok(2);
            };
            let arg0 = args.get(i + 2).cloned().unwrap_or_else(|| invoked.to_string());
            let rest = args.get(i + 3..).unwrap_or(&[]).to_vec();
            child(sh, script, &arg0, &rest, true)
        }
        Some(file) => match sh.fs().read(&sh.abs(file)) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                child(sh, &text, file, &args[i + 1..], false)
            }
            Err(_) => {
                let msg = match flavor {
                    super::Flavor::Dash => format!("{invoked}: 0: cannot open {file}: No such file\n"),
                    super::Flavor::Busybox => format!("{invoked}: can't open '{file}': No such file or directory\n"),
                    super::Flavor::Bash => format!("{invoked}: {file}: No such file or directory\n"),
                };
                sh.err_str(&msg)?;
                Ok(if bash { 127 } else { 2 })
            }
        },
        None => {
            let text = String::from_utf8_lossy(&sh.stdin).into_owned();
            child(sh, &text, invoked, &[], false)
        }
    }
}

fn a_is_o(a: &str) -> bool {
    a == "-o" || a == "+o"
}

/// `./script.sh`: a new process running the interpreter its `#!` names, so
/// its variables, functions and options (`set -e`) stay its own.
fn run_script_file(sh: &mut Shell, path: &str, text: &str, args: &[String]) -> R {
    sh.child_shell(text, path, args)
}

/// `prog: message` on stderr with `status`.
pub fn fail(sh: &mut Shell, prog: &Prog, message: &str, status: i32) -> Result<Option<i32>, Flow> {
    sh.err_str(&format!("{}: {message}\n", prog.name))?;
    Ok(Some(status))
}

/// The flavour-appropriate quote of a path in messages: GNU `'x'`, BusyBox `'x'`.
pub fn q(p: &str) -> String {
    format!("'{p}'")
}
