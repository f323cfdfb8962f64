//! The simulated POSIX shell that RUN, CMD and the terminal execute
//! (a first cut: `&&`-chains of simple commands with `>`/`>>` redirection).

use crate::vfs::{self, Content, Fs, Meta, Node};
use std::collections::BTreeMap;

/// Which `/bin/sh` the image has; decides error wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Debian/Ubuntu `dash`: `sh: 1: foo: not found`.
    Dash,
    /// Alpine/BusyBox `ash`: `sh: foo: not found`.
    Busybox,
}

/// Everything a command runs against.
pub struct ExecContext<'a> {
    pub fs: &'a mut Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    /// Unix seconds from the injected clock.
    pub now: i64,
    pub flavor: Flavor,
}

/// What a command produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `script` as `/bin/sh -c script` would.
pub fn run_script(script: &str, ctx: &mut ExecContext) -> ExecResult {
    let mut result = ExecResult::default();
    for part in split_and(script) {
        let words = expand_words(&part, &ctx.env);
        let (argv, redirect) = take_redirect(words);
        if argv.is_empty() {
            continue;
        }
        let out = run_argv(&argv, ctx);
        result.stderr.push_str(&out.stderr);
        match redirect {
            Some((append, target)) => {
                let path = vfs::join(&ctx.cwd, &target);
                let meta = Meta::new(0o644, ctx.now);
                let written = if append {
                    ctx.fs.append(&path, out.stdout.as_bytes(), meta)
                } else {
                    ctx.fs.write(&path, Content::from_bytes(out.stdout.clone()), meta)
                };
                if let Err(e) = written {
                    result.stderr.push_str(&format!("{}: cannot create {}: {}\n", sh_prefix(ctx.flavor), target, e.reason()));
                    result.status = 2;
                    return result;
                }
            }
            None => result.stdout.push_str(&out.stdout),
        }
        result.status = out.status;
        if out.status != 0 {
            return result;
        }
    }
    result
}

/// Runs one program with its arguments.
pub fn run_argv(argv: &[String], ctx: &mut ExecContext) -> ExecResult {
    let name = argv[0].rsplit('/').next().unwrap_or(&argv[0]);
    let args = &argv[1..];
    let ok = |stdout: String| ExecResult { status: 0, stdout, stderr: String::new() };
    match name {
        "echo" => ok(format!("{}\n", args.join(" "))),
        "true" | ":" => ok(String::new()),
        "false" => ExecResult { status: 1, ..Default::default() },
        "exit" => ExecResult { status: args.first().and_then(|a| a.parse().ok()).unwrap_or(0), ..Default::default() },
        "sh" if args.first().map(String::as_str) == Some("-c") => {
            run_script(args.get(1).map(String::as_str).unwrap_or(""), ctx)
        }
        "cat" => {
            let mut out = ExecResult::default();
            for a in args {
                match ctx.fs.read(&vfs::join(&ctx.cwd, a)) {
                    Ok(bytes) => out.stdout.push_str(&String::from_utf8_lossy(&bytes)),
                    Err(e) => {
                        out.stderr.push_str(&format!("cat: {a}: {}\n", e.reason()));
                        out.status = 1;
                    }
                }
            }
            out
        }
        "mkdir" => {
            let mut out = ExecResult::default();
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                if let Err(e) = ctx.fs.mkdir_all(&vfs::join(&ctx.cwd, a), Meta::new(0o755, ctx.now)) {
                    out.stderr.push_str(&format!("mkdir: can't create directory '{a}': {}\n", e.reason()));
                    out.status = 1;
                }
            }
            out
        }
        "ls" => {
            let dir = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| ctx.cwd.clone());
            match ctx.fs.get(&vfs::join(&ctx.cwd, &dir)) {
                Ok(Node::Dir { entries, .. }) => ok(entries.keys().map(|k| format!("{k}\n")).collect()),
                Ok(_) => ok(format!("{dir}\n")),
                Err(e) => ExecResult { status: 2, stdout: String::new(), stderr: format!("ls: {dir}: {}\n", e.reason()) },
            }
        }
        _ => ExecResult {
            status: 127,
            stdout: String::new(),
            stderr: match ctx.flavor {
                Flavor::Dash => format!("/bin/sh: 1: {name}: not found\n"),
                Flavor::Busybox => format!("/bin/sh: {name}: not found\n"),
            },
        },
    }
}

fn sh_prefix(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Dash => "/bin/sh: 1",
        Flavor::Busybox => "/bin/sh",
    }
}

/// Splits on `&&` outside quotes.
fn split_and(script: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut single, mut double) = (false, false);
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '&' if !single && !double && chars.get(i + 1) == Some(&'&') => {
                parts.push(String::new());
                i += 2;
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("non-empty").push(c);
        i += 1;
    }
    parts
}

/// Splits into words, removing quotes and expanding `$VAR`/`${VAR}`.
fn expand_words(text: &str, env: &BTreeMap<String, String>) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let (mut single, mut double) = (false, false);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if single {
            if c == '\'' { single = false } else { current.push(c) }
        } else if c == '\'' && !double {
            single = true;
            in_word = true;
        } else if c == '"' {
            double = !double;
            in_word = true;
        } else if c == '\\' && i + 1 < chars.len() {
            current.push(chars[i + 1]);
            in_word = true;
            i += 1;
        } else if c == '$' {
            let (name, used) = var_name(&chars[i + 1..]);
            if name.is_empty() {
                current.push('$');
            } else {
                current.push_str(env.get(&name).map(String::as_str).unwrap_or(""));
            }
            in_word = true;
            i += used;
        } else if c.is_whitespace() && !double {
            if in_word {
                words.push(std::mem::take(&mut current));
                in_word = false;
            }
        } else if (c == '>') && !double && !single {
            if in_word {
                words.push(std::mem::take(&mut current));
            }
            if chars.get(i + 1) == Some(&'>') {
                words.push(">>".into());
                i += 1;
            } else {
                words.push(">".into());
            }
            in_word = false;
        } else {
            current.push(c);
            in_word = true;
        }
        i += 1;
    }
    if in_word {
        words.push(current);
    }
    words
}

fn var_name(rest: &[char]) -> (String, usize) {
    if rest.first() == Some(&'{') {
        let end = rest.iter().position(|&c| c == '}').unwrap_or(rest.len());
        return (rest[1..end].iter().collect(), end + 1);
    }
    let name: String = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').collect();
    let n = name.len();
    (name, n)
}

fn take_redirect(words: Vec<String>) -> (Vec<String>, Option<(bool, String)>) {
    let mut argv = Vec::new();
    let mut redirect = None;
    let mut iter = words.into_iter();
    while let Some(w) = iter.next() {
        if w == ">" || w == ">>" {
            if let Some(target) = iter.next() {
                redirect = Some((w == ">>", target));
            }
        } else {
            argv.push(w);
        }
    }
    (argv, redirect)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str, fs: &mut Fs) -> ExecResult {
        let mut ctx = ExecContext { fs, env: BTreeMap::new(), cwd: "/".into(), now: 0, flavor: Flavor::Busybox };
        run_script(script, &mut ctx)
    }

    #[test]
    fn echo_redirects_into_a_file() {
        let mut fs = Fs::new();
        let r = run("echo \"hello world\" > /greeting && cat /greeting", &mut fs);
        assert_eq!((r.status, r.stdout.as_str()), (0, "hello world\n"));
    }

    #[test]
    fn unknown_command_is_127() {
        let mut fs = Fs::new();
        let r = run("nope", &mut fs);
        assert_eq!((r.status, r.stderr.as_str()), (127, "/bin/sh: nope: not found\n"));
    }
}
