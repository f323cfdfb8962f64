//! Simulated programs. A program runs only if its file exists on `PATH` in
//! the image; it is identified by the name it was invoked as (BusyBox applets
//! are symlinks to `/bin/busybox`, whose error wording they use).

mod awk;
mod bytes;
mod clock;
mod columns;
mod coreutils;
mod du;
mod expr;
mod fields;
mod figlet;
mod find;
mod git;
mod grep;
mod jq;
mod net;
mod npm;
mod packages;
mod paths;
mod pip;
pub mod pkg_index;
mod runtimes;
mod sed;
mod sed_parse;
mod stat;
mod sums;
pub mod text;
pub mod toolchains;
mod tools;
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
    if let Some(status) = jq::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = figlet::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = git::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = packages::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = toolchains::run(sh, &prog, argv)? {
        return Ok(status);
    }
    if let Some(status) = runtimes::run(sh, &prog, argv)? {
        return Ok(status);
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
        }
    }
    // A program a simulated toolchain built (go build, gcc).
    if let Some(b) = toolchains::behaviour_of(sh, &path) {
        return toolchains::run_built(sh, &b);
    }
    // Present but not simulated (gpg, dpkg-deb, …): it succeeds silently.
    Ok(0)
}

/// `sh -c SCRIPT [ARG0 ARGS…]`, `sh FILE ARGS…`, or `sh` reading stdin.
fn run_shell(sh: &mut Shell, invoked: &str, args: &[String], flavor: super::Flavor) -> R {
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
