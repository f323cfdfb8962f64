//! What a file is: stat (default output as GNU and BusyBox print it, `-c`
//! formats) and file (text, empty, directory, links, ELF for the catalog's
//! binaries, shell scripts, data).

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::listing::mode_string;
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    match prog.name.as_str() {
        "stat" => stat(sh, prog, &argv[1..]),
        "file" => file(sh, prog, &argv[1..]),
        _ => Ok(None),
    }
}

/// A stable inode number for `path` (a hash: the real ones differ per machine).
fn inode(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)) % 9_000_000 + 1_000_000
}

fn name_for(sh: &Shell, file: &str, id: u32) -> Option<String> {
    let text = sh.fs().read(file).ok()?;
    String::from_utf8_lossy(&text)
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2].parse::<u32>().ok() == Some(id))
        .map(|f| f[0].to_string())
}

fn kind_name(node: &Node) -> &'static str {
    match node {
        Node::Dir { .. } => "directory",
        Node::Symlink { .. } => "symbolic link",
        Node::File { content, .. } if content.device().is_some() => "character special file",
        Node::File { content, .. } if content.is_empty() => "regular empty file",
        Node::File { .. } => "regular file",
    }
}

fn time_text(secs: i64) -> String {
    let iso = crate::time::rfc3339(secs);
    format!("{} {}.000000000 +0000", &iso[..10], &iso[11..19])
}

fn links(node: &Node) -> u64 {
    match node {
        Node::Dir { entries, .. } => 2 + entries.values().filter(|n| n.is_dir()).count() as u64,
        _ => 1,
    }
}

fn stat(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut format, mut follow, mut terse) = (None::<String>, false, false);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-c" | "--format" | "--printf" => {
                i += 1;
                let f = args.get(i).cloned().unwrap_or_default();
                format = Some(if a == "--printf" { super::text::unescape(&f).0 } else { format!("{f}\n") });
            }
            "-L" | "--dereference" => follow = true,
            "-t" | "--terse" => terse = true,
            _ if a.starts_with("--format=") => format = Some(format!("{}\n", &a[9..])),
            _ if a.starts_with("-c") && a.len() > 2 => format = Some(format!("{}\n", &a[2..])),
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        let msg = if prog.busybox {
            "usage: stat [-ltf] [-c FMT] FILE...".to_string()
        } else {
            "missing operand\nTry 'stat --help' for more information.".to_string()
        };
        return fail(sh, prog, &msg, 1);
    }
    if terse && format.is_none() {
        format = Some("%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n".into());
    }
    let mut status = 0;
    let mut out = String::new();
    for f in &files {
        let path = sh.abs(f);
        let node = if follow { sh.fs().get(&path) } else { sh.fs().get_nofollow(&path) };
        let node = match node {
            Ok(n) => n.clone(),
            Err(e) => {
                sh.out_str(&std::mem::take(&mut out))?;
                let msg = if prog.busybox {
                    format!("can't stat {}: {}", q(f), e.reason())
                } else {
                    format!("cannot statx {}: {}", q(f), e.reason())
                };
                fail(sh, prog, &msg, 1)?;
                status = 1;
                continue;
            }
        };
        let m = node.meta().clone();
        let user = name_for(sh, "/etc/passwd", m.uid).unwrap_or_else(|| "UNKNOWN".into());
        let group = name_for(sh, "/etc/group", m.gid).unwrap_or_else(|| "UNKNOWN".into());
        let size = match &node {
            Node::File { content, .. } => content.len(),
            Node::Symlink { target, .. } => target.len() as u64,
            Node::Dir { .. } => 4096,
        };
        let blocks = super::du::allocated(&node) / 512;
        let device = match &node {
            Node::File { content, .. } => content.device(),
            _ => None,
        };
        let raw_mode = m.mode
            | match node {
                Node::Dir { .. } => 0o040000,
                Node::Symlink { .. } => 0o120000,
                _ if device.is_some() => 0o020000,
                _ => 0o100000,
            };
        let shown_name = match (&node, follow) {
            (Node::Symlink { target, .. }, false) => format!("{f} -> {target}"),
            _ => f.clone(),
        };
        match &format {
            Some(fmt) => {
                let mut chars = fmt.chars();
                while let Some(c) = chars.next() {
                    if c != '%' {
                        out.push(c);
                        continue;
                    }
                    let s = match chars.next() {
                        Some('n') => f.clone(),
                        Some('N') => {
                            if let Node::Symlink { target, .. } = &node {
                                format!("'{f}' -> '{target}'")
                            } else {
                                format!("'{f}'")
                            }
                        }
                        Some('s') => size.to_string(),
                        Some('b') => blocks.to_string(),
                        Some('B') => "512".into(),
                        Some('o') => "4096".into(),
                        Some('f') => format!("{raw_mode:x}"),
                        Some('F') => kind_name(&node).into(),
                        Some('a') => format!("{:o}", m.mode & 0o7777),
                        Some('A') => mode_string(&node),
                        Some('u') => m.uid.to_string(),
                        Some('U') => user.clone(),
                        Some('g') => m.gid.to_string(),
                        Some('G') => group.clone(),
                        Some('h') => links(&node).to_string(),
                        Some('i') => inode(&path).to_string(),
                        Some('d') => "65024".into(),
                        Some('D') => "fe00".into(),
                        Some('t') => format!("{:x}", device.map_or(0, |d| d.0)),
                        Some('T') => format!("{:x}", device.map_or(0, |d| d.1)),
                        Some('x') | Some('y') | Some('z') => time_text(m.mtime),
                        Some('X') | Some('Y') | Some('Z') => m.mtime.to_string(),
                        Some('w') => "-".into(),
                        Some('W') => "0".into(),
                        Some('m') => "/".into(),
                        Some('%') => "%".into(),
                        Some(other) => format!("?{other}"),
                        None => "%".into(),
                    };
                    out.push_str(&s);
                }
            }
            None => {
                let on = if prog.busybox { "Device: fe00h/65024d" } else { "Device: 254,0" };
                let io = match node {
                    Node::Symlink { .. } => "symbolic link",
                    _ => kind_name(&node),
                };
                let links = match device {
                    Some((major, minor)) if prog.busybox => format!("{:<5} Device type: {major:x},{minor:x}", links(&node)),
                    Some((major, minor)) => format!("{:<5} Device type: {major},{minor}", links(&node)),
                    None => links(&node).to_string(),
                };
                out.push_str(&format!(
                    "  File: {shown_name}\n  Size: {size:<10}\tBlocks: {blocks:<10} IO Block: 4096   {io}\n{on}\tInode: {:<11} Links: {links}\nAccess: ({:04o}/{})  Uid: ({:>5}/{:>8})   Gid: ({:>5}/{:>8})\nAccess: {t}\nModify: {t}\nChange: {t}\n",
                    inode(&path),
                    m.mode & 0o7777,
                    mode_string(&node),
                    m.uid,
                    user,
                    m.gid,
                    group,
                    t = time_text(m.mtime)
                ));
                if !prog.busybox {
                    out.push_str(" Birth: -\n");
                }
            }
        }
    }
    sh.out_str(&out)?;
    Ok(Some(status))
}

/// What `file` says about a regular file's content.
fn describe(content: &Content, executable: bool) -> String {
    if content.is_empty() {
        return "empty".into();
    }
    if let Content::Generated { .. } = content {
        // The catalog's binaries and libraries.
        return if executable {
            "ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, stripped".into()
        } else {
            "data".into()
        };
    }
    let head = content.slice(0, 64 * 1024).to_vec();
    if head.starts_with(b"\x7fELF") {
        return "ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, stripped".into();
    }
    if head.starts_with(b"\x1f\x8b") {
        return "gzip compressed data".into();
    }
    let text = match std::str::from_utf8(&head) {
        Ok(t) if !t.chars().any(|c| c.is_control() && !"\n\t\r\x0c\x1b".contains(c)) => t,
        _ => return "data".into(),
    };
    if head.len() < 3 && !text.contains('\n') {
        return "very short file (no magic)".into();
    }
    let kind = if text.is_ascii() { "ASCII text" } else { "Unicode text, UTF-8 text" };
    let script = text.lines().next().and_then(|l| l.strip_prefix("#!")).map(|l| l.trim());
    let mut s = match script {
        Some(i) if i.ends_with("/sh") || i.ends_with(" sh") => {
            format!("POSIX shell script, {kind} executable")
        }
        Some(i) if i.contains("bash") => format!("Bourne-Again shell script, {kind} executable"),
        Some(i) if i.contains("python") => format!("Python script, {kind} executable"),
        Some(i) if i.contains("node") => format!("Node.js script, {kind} executable"),
        _ => kind.to_string(),
    };
    if text.contains("\r\n") {
        s.push_str(", with CRLF line terminators");
    } else if !text.contains('\n') {
        s.push_str(", with no line terminators");
    }
    s
}

fn file(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut brief, mut follow) = (false, false);
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "-b" | "--brief" => brief = true,
            "-L" | "--dereference" => follow = true,
            "-h" | "--no-dereference" => follow = false,
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return fail(sh, prog, "Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]", 1).map(|_| Some(1));
    }
    let width = files.iter().map(|f| f.len() + 1).max().unwrap_or(0);
    let mut out = String::new();
    for f in &files {
        let path = sh.abs(f);
        let node = if follow { sh.fs().get(&path) } else { sh.fs().get_nofollow(&path) };
        let what = match node {
            Ok(Node::Dir { .. }) => "directory".to_string(),
            Ok(Node::Symlink { target, .. }) => {
                if sh.fs().get(&path).is_ok() {
                    format!("symbolic link to {target}")
                } else {
                    format!("broken symbolic link to {target}")
                }
            }
            Ok(Node::File { content, meta }) => describe(content, meta.mode & 0o111 != 0),
            Err(e) => format!("cannot open `{f}' ({})", e.reason()),
        };
        if brief {
            out.push_str(&format!("{what}\n"));
        } else {
            out.push_str(&format!("{:<width$} {what}\n", format!("{f}:")));
        }
    }
    sh.out_str(&out)?;
    let _ = prog;
    Ok(Some(0))
}
