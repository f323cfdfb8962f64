//! Names and links: basename, dirname, ln (-s -f -n), readlink (-f -e -m),
//! realpath.

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{self, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "basename" => basename(sh, prog, args),
        "dirname" => dirname(sh, prog, args),
        "ln" => ln(sh, prog, args),
        "readlink" | "realpath" => readlink(sh, prog, args),
        _ => Ok(None),
    }
}

fn usage(sh: &mut Shell, prog: &Prog, gnu: &str) -> Out {
    let msg =
        if prog.busybox { format!("usage: {} …", prog.name) } else { format!("{gnu}\nTry '{} --help' for more information.", prog.name) };
    fail(sh, prog, &msg, 1)
}

/// POSIX basename of `p`.
fn base_of(p: &str) -> String {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return if p.is_empty() { String::new() } else { "/".into() };
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

/// POSIX dirname of `p`.
fn dir_of(p: &str) -> String {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return if p.starts_with('/') { "/".into() } else { ".".into() };
    }
    match t.rfind('/') {
        None => ".".into(),
        Some(i) => {
            let d = t[..i].trim_end_matches('/');
            if d.is_empty() {
                // `//a` keeps its two slashes as GNU does; `/a` gives `/`.
                if t.starts_with("//") && !t.starts_with("///") {
                    "//".into()
                } else {
                    "/".into()
                }
            } else {
                d.to_string()
            }
        }
    }
}

fn basename(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut multiple, mut suffix, mut zero) = (false, None::<String>, false);
    let mut names = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-a" | "--multiple" => multiple = true,
            "-z" | "--zero" => zero = true,
            "-s" => {
                i += 1;
                suffix = args.get(i).cloned();
                multiple = true;
            }
            "--" => {
                names.extend(args[i + 1..].iter().cloned());
                break;
            }
            _ if a.starts_with("--suffix=") => {
                suffix = Some(a[9..].to_string());
                multiple = true;
            }
            _ => names.push(a.to_string()),
        }
        i += 1;
    }
    if names.is_empty() {
        return usage(sh, prog, "missing operand");
    }
    if !multiple && names.len() == 2 {
        suffix = names.pop();
    } else if !multiple && names.len() > 2 {
        return usage(sh, prog, &format!("extra operand {}", q(&names[2])));
    }
    let mut out = String::new();
    for n in names {
        let mut b = base_of(&n);
        if let Some(s) = &suffix {
            if b.len() > s.len() && b.ends_with(s.as_str()) {
                b.truncate(b.len() - s.len());
            }
        }
        out.push_str(&b);
        out.push(if zero { '\0' } else { '\n' });
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn dirname(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let names: Vec<&String> = args.iter().filter(|a| *a != "--").collect();
    if names.is_empty() {
        return usage(sh, prog, "missing operand");
    }
    if prog.busybox && names.len() > 1 {
        return usage(sh, prog, "");
    }
    let out: String = names.iter().map(|n| format!("{}\n", dir_of(n))).collect();
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn ln(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut symbolic, mut force, mut no_deref, mut verbose) = (false, false, false, false);
    let mut ops: Vec<String> = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") {
            for c in a[1..].chars() {
                match c {
                    's' => symbolic = true,
                    'f' => force = true,
                    'n' | 'h' => no_deref = true,
                    'v' => verbose = true,
                    'T' | 'r' | 'L' | 'P' => {}
                    _ => return usage(sh, prog, &format!("invalid option -- '{c}'")),
                }
            }
        } else {
            match a.as_str() {
                "--symbolic" => symbolic = true,
                "--force" => force = true,
                "--no-dereference" => no_deref = true,
                "--verbose" => verbose = true,
                _ => ops.push(a.clone()),
            }
        }
    }
    if ops.is_empty() {
        return usage(sh, prog, "missing file operand");
    }
    let (targets, dest): (Vec<String>, Option<String>) =
        if ops.len() == 1 { (ops.clone(), None) } else { (ops[..ops.len() - 1].to_vec(), ops.last().cloned()) };
    let dest_is_dir = dest.as_ref().is_some_and(|d| {
        let p = sh.abs(d);
        let node = if no_deref { sh.fs().get_nofollow(&p) } else { sh.fs().get(&p) };
        matches!(node, Ok(Node::Dir { .. }))
    });
    if targets.len() > 1 && !dest_is_dir {
        let d = dest.clone().unwrap_or_default();
        return usage(sh, prog, &format!("target {} is not a directory", q(&d)));
    }
    let mut status = 0;
    for target in &targets {
        let name = target.trim_end_matches('/').rsplit('/').next().unwrap_or(target).to_string();
        let link = match &dest {
            Some(d) if dest_is_dir => format!("{}/{name}", d.trim_end_matches('/')),
            Some(d) => d.clone(),
            None => name.clone(),
        };
        let link_path = sh.abs(&link);
        if sh.fs().get_nofollow(&link_path).is_ok() {
            if !force {
                let msg = if prog.busybox {
                    format!("{link}: File exists")
                } else if symbolic {
                    format!("failed to create symbolic link {}: File exists", q(&link))
                } else {
                    format!("failed to create hard link {}: File exists", q(&link))
                };
                fail(sh, prog, &msg, 1)?;
                status = 1;
                continue;
            }
            let _ = sh.fs_mut().remove(&link_path, false);
        }
        let node = if symbolic {
            Node::Symlink { meta: sh.meta(0o777), target: target.clone() }
        } else {
            match sh.fs().get(&sh.abs(target)) {
                Ok(Node::Dir { .. }) => {
                    let msg = if prog.busybox {
                        format!("{target}: Operation not permitted")
                    } else {
                        format!("{}: hard link not allowed for directory", q(target))
                    };
                    fail(sh, prog, &msg, 1)?;
                    status = 1;
                    continue;
                }
                Ok(n) => n.clone(),
                Err(e) => {
                    let msg = if prog.busybox {
                        format!("{target}: {}", e.reason())
                    } else {
                        format!("failed to access {}: {}", q(target), e.reason())
                    };
                    fail(sh, prog, &msg, 1)?;
                    status = 1;
                    continue;
                }
            }
        };
        if !sh.may_change(&link_path) {
            let msg = if prog.busybox {
                format!("{link}: Permission denied")
            } else {
                format!("failed to create symbolic link {}: Permission denied", q(&link))
            };
            fail(sh, prog, &msg, 1)?;
            status = 1;
            continue;
        }
        if let Err(e) = sh.fs_mut().insert(&link_path, node) {
            let msg = if prog.busybox {
                format!("{link}: {}", e.reason())
            } else {
                format!("failed to create symbolic link {}: {}", q(&link), e.reason())
            };
            fail(sh, prog, &msg, 1)?;
            status = 1;
            continue;
        }
        if verbose {
            sh.out_str(&format!("'{link}' -> '{target}'\n"))?;
        }
    }
    Ok(Some(status))
}

fn readlink(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let realpath = prog.name == "realpath";
    // -f: all but the last component must exist; -e: all; -m: none.
    let mut mode = if realpath { 'f' } else { ' ' };
    let (mut no_newline, mut quiet) = (false, false);
    let mut ops = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") {
            for c in a[1..].chars() {
                match c {
                    'f' | 'e' | 'm' => mode = c,
                    'n' => no_newline = true,
                    'q' | 's' => quiet = true,
                    'v' | 'z' | 'L' | 'P' => {}
                    _ => return usage(sh, prog, &format!("invalid option -- '{c}'")),
                }
            }
        } else {
            match a.as_str() {
                "--canonicalize" => mode = 'f',
                "--canonicalize-existing" => mode = 'e',
                "--canonicalize-missing" => mode = 'm',
                "--no-newline" => no_newline = true,
                _ => ops.push(a.clone()),
            }
        }
    }
    if ops.is_empty() {
        return usage(sh, prog, "missing operand");
    }
    let mut status = 0;
    let mut out = String::new();
    for op in &ops {
        let abs = sh.abs(op);
        let shown = if mode == ' ' {
            match sh.fs().get_nofollow(&abs) {
                Ok(Node::Symlink { target, .. }) => Some(target.clone()),
                _ => None,
            }
        } else {
            let resolved = sh.fs().resolve(&abs, true);
            match (resolved, mode) {
                (Ok(r), 'e') if sh.fs().exists(&r) => Some(r),
                (Ok(r), 'f')
                    if sh.fs().exists(&r)
                        || r.rfind('/')
                            .is_some_and(|i| matches!(sh.fs().get(if i == 0 { "/" } else { &r[..i] }), Ok(Node::Dir { .. }))) =>
                {
                    Some(r)
                }
                (Ok(r), 'm') => Some(r),
                (Err(_), 'm') => Some(vfs::normalize(&abs)),
                _ => None,
            }
        };
        match shown {
            Some(s) => {
                out.push_str(&s);
                if !(no_newline && ops.len() == 1) {
                    out.push('\n');
                }
            }
            None => {
                status = 1;
                if realpath && !quiet {
                    sh.out_str(&std::mem::take(&mut out))?;
                    fail(sh, prog, &format!("{op}: No such file or directory"), 1)?;
                }
            }
        }
    }
    sh.out_str(&out)?;
    Ok(Some(status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_names() {
        assert_eq!(base_of("/usr/lib/"), "lib");
        assert_eq!(base_of("//"), "/");
        assert_eq!(dir_of("//a//b//"), "//a");
        assert_eq!(dir_of("///"), "/");
        assert_eq!(dir_of("/a"), "/");
        assert_eq!(dir_of("a"), ".");
    }
}
