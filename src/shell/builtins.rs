//! Shell builtins: they work even where the image has no binaries.

use super::interp::{Flow, Shell, R};
use super::Flavor;
use crate::vfs::Node;

const BUILTINS: &[&str] = &[
    "cd", "pwd", "echo", "printf", "test", "[", "true", "false", ":", "exit", "export", "unset", "set", "shift", "return", "break",
    "continue", "local", "read", "eval", ".", "source", "exec", "command", "type", "umask", "trap", "wait", "readonly", "hash", "alias",
    "unalias",
];

pub fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name)
}

/// Whether `name` is a builtin of this shell (bash has more).
pub fn is_builtin_for(name: &str, flavor: Flavor) -> bool {
    is_builtin(name) || (flavor == Flavor::Bash && super::bash_builtins::BASH_ONLY.contains(&name))
}

pub fn run(sh: &mut Shell, argv: &[String]) -> R {
    if sh.flavor() == Flavor::Bash {
        if let Some(r) = super::bash_builtins::run(sh, argv) {
            return r;
        }
    }
    let args = &argv[1..];
    match argv[0].as_str() {
        ":" | "true" | "trap" | "wait" | "hash" => Ok(0),
        "umask" if args.is_empty() => {
            sh.out_str("0022\n")?;
            Ok(0)
        }
        "umask" => Ok(0),
        "alias" => alias(sh, args),
        "unalias" => unalias(sh, args),
        "false" => Ok(1),
        "pwd" => {
            let cwd = sh.cwd.clone();
            sh.out_str(&format!("{cwd}\n"))?;
            Ok(0)
        }
        "cd" => cd(sh, args),
        "echo" => echo(sh, args),
        "printf" => super::programs::text::printf(sh, args),
        "test" => Ok(test(sh, "test", args)),
        "[" => {
            if args.last().map(String::as_str) != Some("]") {
                let p = sh.prefix();
                sh.err_str(&format!("{p}[: missing ]\n"))?;
                return Ok(2);
            }
            Ok(test(sh, "[", &args[..args.len() - 1]))
        }
        "exit" => {
            let code = match args.first() {
                None => sh.status,
                Some(a) => match a.parse::<u32>() {
                    Ok(n) => n as i32,
                    Err(_) if sh.flavor() == Flavor::Bash => match a.parse::<i64>() {
                        Ok(n) => (n & 0xff) as i32,
                        Err(_) => {
                            let p = sh.prefix();
                            sh.err_str(&format!("{p}exit: {a}: numeric argument required\n"))?;
                            2
                        }
                    },
                    Err(_) => {
                        let p = sh.prefix();
                        sh.err_str(&format!("{p}exit: Illegal number: {a}\n"))?;
                        2
                    }
                },
            };
            Err(Flow::Exit(code & 0xff))
        }
        "return" => Err(Flow::Return(args.first().and_then(|a| a.parse().ok()).unwrap_or(sh.status))),
        "break" => Err(Flow::Break(args.first().and_then(|a| a.parse().ok()).unwrap_or(1))),
        "continue" => Err(Flow::Continue(args.first().and_then(|a| a.parse().ok()).unwrap_or(1))),
        "export" | "readonly" | "local" => {
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                match a.split_once('=') {
                    Some((n, v)) => {
                        sh.set_var(n, v);
                        sh.exported.insert(n.to_string());
                    }
                    None => {
                        sh.exported.insert(a.clone());
                    }
                }
            }
            if args.is_empty() || args == ["-p"] {
                let env = sh.env();
                for (k, v) in env {
                    sh.out_str(&format!("export {k}='{v}'\n"))?;
                }
            }
            Ok(0)
        }
        "unset" => {
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                sh.vars.remove(a);
                sh.exported.remove(a);
            }
            Ok(0)
        }
        "set" => {
            let mut rest = args.iter();
            while let Some(a) = rest.next() {
                if a == "--" {
                    sh.positional = rest.cloned().collect();
                    break;
                }
                if let Some(flags) = a.strip_prefix('-').or_else(|| a.strip_prefix('+')) {
                    let on = a.starts_with('-');
                    if flags == "o" {
                        match rest.next() {
                            Some(opt) if !sh.set_option(opt, on) => {
                                let p = sh.prefix();
                                sh.err_str(&format!("{p}set: {opt}: invalid option name\n"))?;
                                return Ok(if sh.flavor() == Flavor::Bash { 1 } else { 2 });
                            }
                            Some(_) => {}
                            None => {}
                        }
                        continue;
                    }
                    for f in flags.chars() {
                        match f {
                            'e' => sh.errexit = on,
                            'x' => sh.xtrace = on,
                            'u' => sh.nounset = on,
                            _ => {}
                        }
                    }
                } else {
                    sh.positional = std::iter::once(a.clone()).chain(rest.cloned()).collect();
                    break;
                }
            }
            Ok(0)
        }
        "shift" => {
            let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
            if n > sh.positional.len() {
                let p = sh.prefix();
                sh.err_str(&format!("{p}shift: can't shift that many\n"))?;
                return Ok(2);
            }
            sh.positional.drain(..n);
            Ok(0)
        }
        "read" => {
            let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
            let text = String::from_utf8_lossy(&sh.stdin).into_owned();
            let Some((line, rest)) = text.split_once('\n').or(if text.is_empty() { None } else { Some((text.as_str(), "")) }) else {
                return Ok(1);
            };
            let rest = rest.as_bytes().to_vec();
            let mut words: Vec<&str> = line.split_whitespace().collect();
            for (i, name) in names.iter().enumerate() {
                let value = if i + 1 == names.len() {
                    words.split_off(0).join(" ")
                } else if words.is_empty() {
                    String::new()
                } else {
                    words.remove(0).to_string()
                };
                sh.set_var(name, &value);
            }
            sh.stdin = rest;
            Ok(0)
        }
        "eval" => {
            let src = args.join(" ");
            sh.run_source(&src)
        }
        "." | "source" => {
            let Some(file) = args.first() else { return Ok(0) };
            match sh.fs().read(&sh.abs(file)) {
                Ok(bytes) => {
                    let src = String::from_utf8_lossy(&bytes).into_owned();
                    sh.run_source(&src)
                }
                Err(_) => {
                    let p = sh.prefix();
                    sh.err_str(&format!("{p}.: cannot open {file}: No such file\n"))?;
                    Err(Flow::Exit(2))
                }
            }
        }
        "exec" => {
            if args.is_empty() {
                return Ok(0);
            }
            let status = super::programs::run_external(sh, args)?;
            Err(Flow::Exit(status))
        }
        "command" | "type" => {
            let verbose = argv[0] == "type" || args.first().is_some_and(|a| a == "-v" || a == "-V");
            let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
            if !verbose {
                return match names.split_first() {
                    Some((_, _)) => {
                        let rest: Vec<String> = args.iter().skip_while(|a| a.starts_with('-')).cloned().collect();
                        if is_builtin_for(&rest[0], sh.flavor()) {
                            run(sh, &rest)
                        } else {
                            super::programs::run_external(sh, &rest)
                        }
                    }
                    None => Ok(0),
                };
            }
            let mut status = 0;
            for name in names {
                if sh.flavor() == Flavor::Bash && argv[0] == "command" {
                    match super::bash_builtins::kind(sh, name) {
                        Some((_, Some(path))) => sh.out_str(&format!("{path}\n"))?,
                        Some((_, None)) => sh.out_str(&format!("{name}\n"))?,
                        None => status = 1,
                    }
                    continue;
                }
                if is_builtin(name) {
                    let text = if argv[0] == "type" { format!("{name} is a shell builtin\n") } else { format!("{name}\n") };
                    sh.out_str(&text)?;
                } else if let Some(path) = super::programs::find_in_path(sh, name) {
                    let text = if argv[0] == "type" { format!("{name} is {path}\n") } else { format!("{path}\n") };
                    sh.out_str(&text)?;
                } else {
                    status = 1;
                    if argv[0] == "type" {
                        sh.out_str(&format!("{name}: not found\n"))?;
                    }
                }
            }
            Ok(status)
        }
        _ => Ok(0),
    }
}

/// `alias [NAME[=VALUE]…]`: defines, or prints as the shell would read them back.
fn alias(sh: &mut Shell, args: &[String]) -> R {
    let shown = |name: &str, value: &str, bash: bool| {
        let quoted = format!("'{}'", value.replace('\'', "'\\''"));
        if bash {
            format!("alias {name}={quoted}\n")
        } else {
            format!("{name}={quoted}\n")
        }
    };
    let bash = sh.flavor() == Flavor::Bash;
    let args: Vec<&String> = args.iter().filter(|a| a.as_str() != "-p").collect();
    if args.is_empty() {
        let text: String = sh.aliases.iter().map(|(n, v)| shown(n, v, bash)).collect();
        sh.out_str(&text)?;
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        match a.split_once('=') {
            Some((name, value)) => {
                sh.aliases.insert(name.to_string(), value.to_string());
            }
            None => match sh.aliases.get(a.as_str()).cloned() {
                Some(v) => sh.out_str(&shown(a, &v, bash))?,
                None => {
                    let p = sh.prefix();
                    let what = if bash { format!("{p}alias: {a}: not found\n") } else { format!("{p}alias: {a} not found\n") };
                    sh.err_str(&what)?;
                    status = 1;
                }
            },
        }
    }
    Ok(status)
}

/// `unalias [-a] NAME…`.
fn unalias(sh: &mut Shell, args: &[String]) -> R {
    if args.iter().any(|a| a == "-a") {
        sh.aliases.clear();
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        if sh.aliases.remove(a.as_str()).is_none() {
            let p = sh.prefix();
            let what =
                if sh.flavor() == Flavor::Bash { format!("{p}unalias: {a}: not found\n") } else { format!("{p}unalias: {a} not found\n") };
            sh.err_str(&what)?;
            status = 1;
        }
    }
    Ok(status)
}

fn cd(sh: &mut Shell, args: &[String]) -> R {
    let target = match args.first().map(String::as_str) {
        None | Some("~") => sh.var("HOME").unwrap_or_else(|| "/root".into()),
        Some("-") => sh.var("OLDPWD").unwrap_or_else(|| sh.cwd.clone()),
        Some(dir) => dir.to_string(),
    };
    let path = sh.abs(&target);
    match sh.fs().get(&path) {
        Ok(Node::Dir { .. }) => {
            let old = std::mem::replace(&mut sh.cwd, path.clone());
            sh.set_var("OLDPWD", &old);
            sh.set_var("PWD", &path);
            Ok(0)
        }
        other => {
            let reason = if other.is_ok() { "Not a directory" } else { "No such file or directory" };
            let msg = match sh.flavor() {
                Flavor::Dash => format!("{}cd: can't cd to {target}\n", sh.prefix()),
                Flavor::Busybox => format!("{}: cd: can't cd to {target}: {reason}\n", sh.arg0),
                Flavor::Bash => format!("{}cd: {target}: {reason}\n", sh.prefix()),
            };
            sh.err_str(&msg)?;
            Ok(if sh.flavor() == Flavor::Bash { 1 } else { 2 })
        }
    }
}

/// dash's echo interprets backslash escapes; ash's only with `-e`.
fn echo(sh: &mut Shell, args: &[String]) -> R {
    let mut newline = true;
    let mut escapes = sh.flavor() == Flavor::Dash;
    let mut i = 0;
    while i < args.len() {
        if sh.flavor() == Flavor::Bash {
            // bash: any word of only n, e and E after one dash is options.
            let Some(flags) = args[i].strip_prefix('-').filter(|f| !f.is_empty() && f.chars().all(|c| matches!(c, 'n' | 'e' | 'E'))) else {
                break;
            };
            for c in flags.chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
            continue;
        }
        match args[i].as_str() {
            "-n" => newline = false,
            "-e" if sh.flavor() == Flavor::Busybox => escapes = true,
            "-E" if sh.flavor() == Flavor::Busybox => escapes = false,
            "-ne" | "-en" if sh.flavor() == Flavor::Busybox => {
                newline = false;
                escapes = true;
            }
            _ => break,
        }
        i += 1;
    }
    let mut text = args[i..].join(" ");
    if escapes {
        let (expanded, stop) = super::programs::text::unescape(&text);
        text = expanded;
        if stop {
            newline = false;
        }
    }
    if newline {
        text.push('\n');
    }
    sh.out_str(&text)?;
    Ok(0)
}

/// A file test of `test` and `[[ ]]` (`-e -f -d -s -x -r -w -L …`).
pub fn file_test(sh: &Shell, op: &str, v: &str) -> bool {
    if v.is_empty() {
        return false;
    }
    let path = sh.abs(v);
    let node = sh.fs().get(&path).ok();
    use crate::vfs::access::Access;
    match op {
        "-e" | "-a" => node.is_some(),
        "-f" => matches!(node, Some(Node::File { content, .. }) if content.device().is_none()),
        "-c" => matches!(node, Some(Node::File { content, .. }) if content.device().is_some()),
        "-d" => matches!(node, Some(Node::Dir { .. })),
        "-s" => node.is_some_and(|n| n.file_size() > 0),
        "-x" => node.is_some() && sh.may(&path, Access::Exec),
        "-r" => node.is_some() && sh.may(&path, Access::Read),
        "-w" => node.is_some() && sh.may(&path, Access::Write),
        "-L" | "-h" => matches!(sh.fs().get_nofollow(&path), Ok(Node::Symlink { .. })),
        "-u" => node.is_some_and(|n| n.meta().mode & 0o4000 != 0),
        "-g" => node.is_some_and(|n| n.meta().mode & 0o2000 != 0),
        "-k" => node.is_some_and(|n| n.meta().mode & 0o1000 != 0),
        "-O" => node.is_some_and(|n| n.meta().uid == sh.who.uid),
        "-G" => node.is_some_and(|n| n.meta().gid == sh.who.gid),
        _ => false,
    }
}

/// `-nt`, `-ot`, `-ef` of `[[ ]]` and `test`.
pub fn file_compare(sh: &Shell, op: &str, a: &str, b: &str) -> bool {
    let ma = sh.fs().get(&sh.abs(a)).ok().map(|n| n.meta().mtime);
    let mb = sh.fs().get(&sh.abs(b)).ok().map(|n| n.meta().mtime);
    match op {
        "-nt" => ma.is_some() && (mb.is_none() || ma > mb),
        "-ot" => mb.is_some() && (ma.is_none() || ma < mb),
        _ => ma.is_some() && sh.fs().resolve(&sh.abs(a), true).ok() == sh.fs().resolve(&sh.abs(b), true).ok(),
    }
}

/// `test` / `[`: 0 true, 1 false, 2 error (with dash's or ash's message).
fn test(sh: &mut Shell, name: &str, args: &[String]) -> i32 {
    const BINARY: [&str; 10] = ["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<"];
    fn num(sh: &Shell, s: &str) -> Result<i64, String> {
        s.trim().parse::<i64>().map_err(|_| match sh.flavor() {
            Flavor::Dash => format!("Illegal number: {s}"),
            Flavor::Busybox => format!("{s}: bad number"),
            Flavor::Bash => format!("{s}: integer expression expected"),
        })
    }
    fn eval(sh: &Shell, a: &[String]) -> Result<bool, String> {
        if a.len() > 3 {
            if let Some(i) = a.iter().position(|x| x == "-o") {
                return Ok(eval(sh, &a[..i])? || eval(sh, &a[i + 1..])?);
            }
            if let Some(i) = a.iter().position(|x| x == "-a") {
                return Ok(eval(sh, &a[..i])? && eval(sh, &a[i + 1..])?);
            }
        }
        match a {
            [] => Ok(false),
            [bang, rest @ ..] if bang == "!" => eval(sh, rest).map(|b| !b),
            [s] => Ok(!s.is_empty()),
            [op, v] if op.len() == 2 && op.starts_with('-') && !BINARY.contains(&op.as_str()) => Ok(match op.as_str() {
                "-n" => !v.is_empty(),
                "-z" => v.is_empty(),
                "-e" | "-f" | "-d" | "-s" | "-x" | "-r" | "-w" | "-L" | "-h" | "-a" | "-b" | "-c" | "-p" | "-S" | "-g" | "-u" | "-k"
                | "-O" | "-G" | "-N" => file_test(sh, op, v),
                _ if sh.flavor() == Flavor::Bash => return Err(format!("{op}: unary operator expected")),
                _ => return Err(format!("{op}: unexpected operator")),
            }),
            [l, op] if BINARY.contains(&op.as_str()) => Err(format!("{op}: argument expected")),
            [l, r] => Err(match sh.flavor() {
                Flavor::Dash => format!("{l}: unexpected operator"),
                Flavor::Busybox => format!("{r}: unknown operand"),
                Flavor::Bash => format!("{l}: unary operator expected"),
            }),
            [l, op, r] if op == "-a" || op == "-o" => {
                let (l, r) = (!l.is_empty(), !r.is_empty());
                Ok(if op == "-a" { l && r } else { l || r })
            }
            [l, op, r] => Ok(match op.as_str() {
                "=" | "==" => l == r,
                "!=" => l != r,
                "<" => l < r,
                ">" => l > r,
                "-eq" => num(sh, l)? == num(sh, r)?,
                "-ne" => num(sh, l)? != num(sh, r)?,
                "-lt" => num(sh, l)? < num(sh, r)?,
                "-le" => num(sh, l)? <= num(sh, r)?,
                "-gt" => num(sh, l)? > num(sh, r)?,
                "-ge" => num(sh, l)? >= num(sh, r)?,
                _ => return Err(format!("{op}: unknown operand")),
            }),
            _ => Err("syntax error".into()),
        }
    }
    match eval(sh, args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(msg) => {
            let line = match sh.flavor() {
                Flavor::Dash => format!("{}{name}: {msg}\n", sh.prefix()),
                Flavor::Busybox => format!("sh: {msg}\n"),
                Flavor::Bash => format!("{}{name}: {msg}\n", sh.prefix()),
            };
            let _ = sh.err_str(&line);
            2
        }
    }
}
