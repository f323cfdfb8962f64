//! File utilities: ls, cat, mkdir, rm, cp, mv, touch, ln, chmod, chown, and friends.

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{self, Content, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    let (flags, operands) = split_flags(args);
    match prog.name.as_str() {
        "ls" => match LsStyle::from_args(args) {
            Ok(style) => ls(sh, prog, &flags, &operands, style),
            Err(msg) => fail(sh, prog, &msg, 2),
        },
        "mkdir" => {
            let parents = flags.contains('p');
            let mut status = 0;
            for d in &operands {
                let path = sh.abs(d);
                let exists = sh.fs().get(&path).is_ok();
                let parent_ok = path.rfind('/').is_none_or(|i| i == 0 || matches!(sh.fs().get(&path[..i]), Ok(Node::Dir { .. })));
                // The first directory to create decides: may its parent change?
                let first_missing = {
                    let mut at = path.clone();
                    while let Some(i) = at.rfind('/').filter(|&i| i > 0) {
                        if sh.fs().get(&at[..i]).is_ok() {
                            break;
                        }
                        at.truncate(i);
                    }
                    at
                };
                let err = if exists && !parents {
                    Some("File exists")
                } else if !parents && !parent_ok {
                    Some("No such file or directory")
                } else if !exists && !sh.may_change(&first_missing) {
                    Some("Permission denied")
                } else {
                    let meta = sh.meta(0o755);
                    sh.fs_mut().mkdir_all(&path, meta).err().map(|e| e.reason())
                };
                if let Some(reason) = err {
                    let msg = if prog.busybox {
                        format!("can't create directory {}: {reason}", q(d))
                    } else {
                        format!("cannot create directory {}: {reason}", q(d))
                    };
                    fail(sh, prog, &msg, 1)?;
                    status = 1;
                }
            }
            Ok(Some(status))
        }
        "rmdir" => {
            for d in &operands {
                let path = sh.abs(d);
                if let Err(e) = sh.fs_mut().remove(&path, false) {
                    let msg = format!("failed to remove {}: {}", q(d), e.reason());
                    return fail(sh, prog, &msg, 1);
                }
            }
            Ok(Some(0))
        }
        "rm" => {
            let (recursive, force) = (flags.contains('r') || flags.contains('R'), flags.contains('f'));
            let mut status = 0;
            for f in &operands {
                let path = sh.abs(f);
                let result = match sh.fs().get_nofollow(&path) {
                    Ok(Node::Dir { .. }) if !recursive => Err("Is a directory"),
                    Ok(_) if !sh.may_change(&path) => Err("Permission denied"),
                    Ok(_) => sh.fs_mut().remove(&path, true).map(|_| ()).map_err(|e| e.reason()),
                    Err(_) if force => Ok(()),
                    Err(_) => Err("No such file or directory"),
                };
                if let Err(reason) = result {
                    let msg =
                        if prog.busybox { format!("can't remove {}: {reason}", q(f)) } else { format!("cannot remove {}: {reason}", q(f)) };
                    fail(sh, prog, &msg, 1)?;
                    status = 1;
                }
            }
            Ok(Some(status))
        }
        "touch" => {
            for f in &operands {
                let path = sh.abs(f);
                match sh.fs().get(&path) {
                    Ok(_) => {
                        let now = sh.now();
                        if let Ok(mut node) = sh.fs().get(&path).cloned() {
                            node.meta_mut().mtime = now;
                            if let Node::Dir { entries, .. } = &mut node {
                                entries.clear();
                            }
                            let _ = sh.fs_mut().insert(&path, node);
                        }
                    }
                    Err(_) => {
                        let meta = sh.meta(0o644);
                        let result = if sh.may_change(&path) {
                            sh.fs_mut().write(&path, Content::from_bytes(Vec::new()), meta).err().map(|e| e.reason())
                        } else {
                            Some("Permission denied")
                        };
                        if let Some(reason) = result {
                            let msg = if prog.busybox { format!("{f}: {reason}") } else { format!("cannot touch {}: {reason}", q(f)) };
                            return fail(sh, prog, &msg, 1);
                        }
                    }
                }
            }
            Ok(Some(0))
        }
        "cp" | "mv" => copy_or_move(sh, prog, &flags, &operands),
        "chmod" => {
            let Some((mode, files)) = operands.split_first() else { return fail(sh, prog, "missing operand", 1) };
            for f in files {
                let path = sh.abs(f);
                let Ok(node) = sh.fs().get(&path).cloned() else {
                    let msg = format!("cannot access {}: No such file or directory", q(f));
                    return fail(sh, prog, &msg, 1);
                };
                // Only the owner (or root) changes a file's mode.
                if !sh.who.is_root() && node.meta().uid != sh.who.uid {
                    let msg = if prog.busybox {
                        format!("{f}: Operation not permitted")
                    } else {
                        format!("changing permissions of {}: Operation not permitted", q(f))
                    };
                    fail(sh, prog, &msg, 1)?;
                    return Ok(Some(1));
                }
                let mut node = node;
                let old = node.meta().mode;
                let Some(new_mode) = apply_mode(old, mode, matches!(node, Node::Dir { .. })) else {
                    let msg = if prog.busybox { format!("invalid mode {}", q(mode)) } else { format!("invalid mode: {}", q(mode)) };
                    fail(sh, prog, &msg, 1)?;
                    if !prog.busybox {
                        sh.err_str("Try 'chmod --help' for more information.\n")?;
                    }
                    return Ok(Some(1));
                };
                node.meta_mut().mode = new_mode;
                if let Node::Dir { entries, .. } = &mut node {
                    entries.clear();
                }
                let _ = sh.fs_mut().insert(&path, node);
            }
            Ok(Some(0))
        }
        "chown" | "chgrp" => {
            let Some((owner, files)) = operands.split_first() else { return fail(sh, prog, "missing operand", 1) };
            let (user, group) = owner.split_once(':').unwrap_or((owner, ""));
            let uid = lookup_id(sh, "/etc/passwd", user);
            let gid = if group.is_empty() { uid } else { lookup_id(sh, "/etc/group", group) };
            for f in files {
                let path = sh.abs(f);
                let recursive = flags.contains('R');
                let Ok(node) = sh.fs().get(&path).cloned() else {
                    let msg = format!("cannot access {}: No such file or directory", q(f));
                    return fail(sh, prog, &msg, 1);
                };
                // Only root gives files away.
                if !sh.who.is_root() {
                    let msg = if prog.busybox {
                        format!("{f}: Operation not permitted")
                    } else {
                        format!("changing ownership of {}: Operation not permitted", q(f))
                    };
                    fail(sh, prog, &msg, 1)?;
                    return Ok(Some(1));
                }
                let mut node = node;
                set_owner(&mut node, uid, gid, recursive);
                if !recursive {
                    if let Node::Dir { entries, .. } = &mut node {
                        entries.clear();
                    }
                }
                if recursive {
                    let _ = sh.fs_mut().remove(&path, true);
                }
                let _ = sh.fs_mut().insert(&path, node);
            }
            Ok(Some(0))
        }
        "whoami" => {
            let uid = sh.who.uid;
            match account_name(sh, "/etc/passwd", uid) {
                Some(name) => sh.out_str(&format!("{name}\n"))?,
                None => return fail(sh, prog, &format!("cannot find name for user ID {uid}"), 1),
            }
            Ok(Some(0))
        }
        "id" => id(sh, prog, &flags),
        "groups" if operands.is_empty() => id(sh, prog, "Gn"),
        "groups" => {
            let mut status = 0;
            for user in &operands {
                match user_groups(sh, user) {
                    Some(list) => sh.out_str(&format!("{user} : {}\n", list.join(" ")))?,
                    None => {
                        sh.err_str(&format!("groups: '{user}': no such user\n"))?;
                        status = 1;
                    }
                }
            }
            Ok(Some(status))
        }
        "hostname" => {
            let host = super::clock::hostname(sh);
            sh.out_str(&format!("{host}\n"))?;
            Ok(Some(0))
        }
        "env" | "printenv" => {
            let env = sh.env();
            if prog.name == "env" && !operands.is_empty() && !operands[0].contains('=') {
                let rest: Vec<String> = operands.iter().map(|s| s.to_string()).collect();
                return super::run_external(sh, &rest).map(Some);
            }
            for (k, v) in env {
                if operands.is_empty() || operands.contains(&k.as_str()) {
                    let line = if prog.name == "printenv" && !operands.is_empty() { format!("{v}\n") } else { format!("{k}={v}\n") };
                    sh.out_str(&line)?;
                }
            }
            Ok(Some(0))
        }
        _ => Ok(None),
    }
}

/// The name `/etc/passwd` or `/etc/group` gives id `id`.
fn account_name(sh: &Shell, file: &str, id: u32) -> Option<String> {
    let text = sh.fs().read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let found =
        text.lines().map(|l| l.split(':').collect::<Vec<_>>()).find(|f| f.len() > 2 && f[2] == id.to_string()).map(|f| f[0].to_string());
    found.or_else(|| (id == 0).then(|| "root".to_string()))
}

/// A user's groups by name: the primary one, then those `/etc/group` lists it in.
fn user_groups(sh: &Shell, user: &str) -> Option<Vec<String>> {
    let read = |f: &str| sh.fs().read(f).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let passwd = read("/etc/passwd");
    let gid: u32 = passwd.lines().map(|l| l.split(':').collect::<Vec<_>>()).find(|f| f[0] == user && f.len() > 3)?[3].parse().ok()?;
    let mut list = vec![account_name(sh, "/etc/group", gid).unwrap_or_else(|| gid.to_string())];
    for line in read("/etc/group").lines() {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() > 3 && f[3].split(',').any(|m| m == user) && !list.iter().any(|g| g == f[0]) {
            list.push(f[0].to_string());
        }
    }
    Some(list)
}

/// `id [-u|-g|-G] [-n]`: the acting user, its group and groups (the
/// primary group first, then the ones `/etc/group` lists it in).
fn id(sh: &mut Shell, prog: &Prog, flags: &str) -> Out {
    let who = sh.who.clone();
    let mut groups = vec![who.gid];
    groups.extend(who.groups.iter().copied().filter(|g| *g != who.gid));
    let named = |sh: &Shell, file: &str, id: u32| account_name(sh, file, id);
    let name_flag = flags.contains('n');
    let one =
        |sh: &Shell, file: &str, id: u32| if name_flag { named(sh, file, id).unwrap_or_else(|| id.to_string()) } else { id.to_string() };
    let text = if flags.contains('u') {
        one(sh, "/etc/passwd", who.uid)
    } else if flags.contains('G') {
        groups.iter().map(|g| one(sh, "/etc/group", *g)).collect::<Vec<_>>().join(" ")
    } else if flags.contains('g') {
        one(sh, "/etc/group", who.gid)
    } else {
        if name_flag {
            return fail(sh, prog, "cannot print only names or real IDs in default format", 1);
        }
        let with = |sh: &Shell, file: &str, id: u32| named(sh, file, id).map(|n| format!("{id}({n})")).unwrap_or_else(|| id.to_string());
        let list: Vec<String> = groups.iter().map(|g| with(sh, "/etc/group", *g)).collect();
        format!("uid={} gid={} groups={}", with(sh, "/etc/passwd", who.uid), with(sh, "/etc/group", who.gid), list.join(","))
    };
    sh.out_str(&format!("{text}\n"))?;
    Ok(Some(0))
}

/// Splits `-abc` flags from operands (`--` ends flags).
pub fn split_flags(args: &[String]) -> (String, Vec<&str>) {
    let mut flags = String::new();
    let mut ops = Vec::new();
    let mut done = false;
    for a in args {
        if !done && a == "--" {
            done = true;
        } else if !done && a.starts_with('-') && a.len() > 1 && !a.starts_with("--") {
            flags.push_str(&a[1..]);
        } else if !done && a.starts_with("--") {
            match a.as_str() {
                "--recursive" => flags.push('r'),
                "--force" => flags.push('f'),
                "--parents" => flags.push('p'),
                "--all" => flags.push('a'),
                _ => {}
            }
        } else {
            ops.push(a.as_str());
        }
    }
    (flags, ops)
}

/// How `ls -l` shows sizes and times (`-h`, `--full-time`, `--time-style`).
#[derive(Clone, Copy, Default)]
struct LsStyle {
    human: bool,
    time: TimeStyle,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum TimeStyle {
    #[default]
    Locale,
    FullIso,
    LongIso,
    Iso,
}

impl LsStyle {
    /// The long options ls understands beyond the letters; GNU's words for
    /// a bad time style.
    fn from_args(args: &[String]) -> Result<LsStyle, String> {
        let mut style = LsStyle::default();
        for a in args.iter().take_while(|a| *a != "--") {
            match a.as_str() {
                "--human-readable" => style.human = true,
                "--full-time" => style.time = TimeStyle::FullIso,
                _ if a.starts_with("--time-style=") => {
                    let v = &a["--time-style=".len()..];
                    style.time = match v.strip_prefix("posix-").unwrap_or(v) {
                        "full-iso" => TimeStyle::FullIso,
                        "long-iso" => TimeStyle::LongIso,
                        "iso" => TimeStyle::Iso,
                        "locale" => TimeStyle::Locale,
                        _ => {
                            return Err(format!(
                                "invalid argument '{v}' for 'time style'\nValid arguments are:\n  - [posix-]full-iso\n  - [posix-]long-iso\n  - [posix-]iso\n  - [posix-]locale\n  - +FORMAT (e.g., +%H:%M) for a 'date'-style format\nTry 'ls --help' for more information."
                            ))
                        }
                    }
                }
                _ if a.starts_with('-') && !a.starts_with("--") && a.contains('h') => style.human = true,
                _ => {}
            }
        }
        Ok(style)
    }

    fn size(&self, bytes: u64, busybox: bool) -> String {
        match (self.human, busybox) {
            (false, _) => bytes.to_string(),
            (true, false) => super::du::gnu_human(bytes),
            (true, true) => super::du::busybox_human(bytes),
        }
    }

    fn date(&self, secs: i64) -> String {
        let (y, m, d, hh, mm, ss) = crate::time::civil(secs);
        match self.time {
            TimeStyle::Locale => ls_date(secs),
            TimeStyle::FullIso => format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}.000000000 +0000"),
            TimeStyle::LongIso => format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}"),
            TimeStyle::Iso => format!("{m:02}-{d:02} {hh:02}:{mm:02}"),
        }
    }
}

fn ls(sh: &mut Shell, prog: &Prog, flags: &str, operands: &[&str], style: LsStyle) -> Out {
    let all = flags.contains('a');
    // `-n` is `-l` with numeric user and group IDs.
    let numeric = flags.contains('n');
    let long = flags.contains('l') || numeric;
    let dirs_as_files = flags.contains('d');
    // Columns on a terminal (or with -C), one name per line into a pipe or file (or with -1).
    let columns = match (flags.rfind('C'), flags.rfind('1')) {
        (Some(c), Some(one)) => c > one,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => sh.stdout_is_tty(),
    }
    .then(|| sh.var("COLUMNS").and_then(|c| c.parse::<usize>().ok()).filter(|&w| w > 0).unwrap_or(80));
    let mut targets: Vec<String> = if operands.is_empty() { vec![".".into()] } else { operands.iter().map(|s| s.to_string()).collect() };
    crate::sort::sort(&mut targets);
    let mut status = 0;
    let multiple = targets.len() > 1;
    // As ls does: errors as met, then the operands that are not directories, then each directory.
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    // A symlink operand is listed as itself with -l or -d (and when it
    // dangles); otherwise ls lists what it points to.
    let follow = !(long || dirs_as_files) || flags.contains('L') || flags.contains('H');
    for t in &targets {
        let path = sh.abs(t);
        let found = match sh.fs().get(&path) {
            Ok(node) if follow => Ok(node.clone()),
            Err(e) if follow => sh.fs().get_nofollow(&path).cloned().map_err(|_| e),
            _ => sh.fs().get_nofollow(&path).cloned(),
        };
        match found {
            Err(e) => {
                let msg = if prog.busybox { format!("{t}: {}", e.reason()) } else { format!("cannot access {}: {}", q(t), e.reason()) };
                fail(sh, prog, &msg, if prog.busybox { 1 } else { 2 })?;
                status = if prog.busybox { 1 } else { 2 };
            }
            Ok(Node::Dir { entries, meta }) if !dirs_as_files => dirs.push((t.clone(), entries, meta)),
            Ok(node) => files.push((t.clone(), node)),
        }
    }
    if long {
        let rows: Vec<LongRow> = files.iter().map(|(t, node)| long_row(sh, t, node, links(node), numeric, style, prog.busybox)).collect();
        sh.out_str(&render_long(&rows, prog.busybox))?;
    } else {
        let names: Vec<String> = files.iter().map(|(t, _)| t.clone()).collect();
        sh.out_str(&super::columns::layout(&names, columns, prog.busybox))?;
    }
    for (i, (t, entries, meta)) in dirs.into_iter().enumerate() {
        if multiple {
            sh.out_str(&format!("{}{t}:\n", if i > 0 || !files.is_empty() { "\n" } else { "" }))?;
        }
        let own_links = dir_links(&entries);
        let parent_links = {
            let path = sh.abs(&format!("{t}/.."));
            sh.fs().get(&path).map_or(2, links)
        };
        let mut names: Vec<(String, Node, u64)> = entries
            .into_iter()
            .filter(|(n, _)| all || !n.starts_with('.'))
            .map(|(n, node)| {
                let l = links(&node);
                (n, node, l)
            })
            .collect();
        if all {
            names.insert(0, ("..".into(), Node::empty_dir(meta.clone()), parent_links));
            names.insert(0, (".".into(), Node::empty_dir(meta), own_links));
        }
        if long {
            // 1 KiB blocks, as the filesystem allocates them (4 KiB at a time).
            let total: u64 = names.iter().map(|(_, n, _)| super::du::allocated(n) / 1024).sum();
            let total = if style.human && !prog.busybox { style.size(total * 1024, false) } else { total.to_string() };
            sh.out_str(&format!("total {total}\n"))?;
            let rows: Vec<LongRow> =
                names.iter().map(|(name, node, l)| long_row(sh, name, node, *l, numeric, style, prog.busybox)).collect();
            sh.out_str(&render_long(&rows, prog.busybox))?;
        } else {
            let names: Vec<String> = names.into_iter().map(|(n, _, _)| n).collect();
            sh.out_str(&super::columns::layout(&names, columns, prog.busybox))?;
        }
    }
    Ok(Some(status))
}

/// A node's link count: a directory has its own entry, its `.` and each
/// subdirectory's `..`; files are never hard-linked here.
fn links(node: &Node) -> u64 {
    match node {
        Node::Dir { entries, .. } => dir_links(entries),
        _ => 1,
    }
}

fn dir_links(entries: &std::collections::BTreeMap<String, Node>) -> u64 {
    2 + entries.values().filter(|n| n.is_dir()).count() as u64
}

/// The columns of one `ls -l` line.
struct LongRow {
    mode: String,
    links: u64,
    user: String,
    group: String,
    size: String,
    /// A device's numbers, shown in place of the size.
    device: Option<(u32, u32)>,
    date: String,
    name: String,
}

fn long_row(sh: &Shell, name: &str, node: &Node, links: u64, numeric: bool, style: LsStyle, busybox: bool) -> LongRow {
    let (size, suffix) = match node {
        Node::Dir { .. } => (4096, String::new()),
        Node::File { content, .. } => (content.len(), String::new()),
        Node::Symlink { target, .. } => (target.len() as u64, format!(" -> {target}")),
    };
    let device = match node {
        Node::File { content, .. } => content.device(),
        _ => None,
    };
    let m = node.meta();
    let (user, group) = if numeric {
        (m.uid.to_string(), m.gid.to_string())
    } else {
        (name_of(sh, "/etc/passwd", m.uid), name_of(sh, "/etc/group", m.gid))
    };
    LongRow {
        mode: crate::vfs::listing::mode_string(node),
        links,
        user,
        group,
        size: style.size(size, busybox),
        device,
        date: style.date(m.mtime),
        name: format!("{name}{suffix}"),
    }
}

/// GNU ls sizes each column to its widest entry; BusyBox prints fixed widths
/// (`%4u`, `%-8.8s`, `%9u`).
fn render_long(rows: &[LongRow], busybox: bool) -> String {
    let mut out = String::new();
    if busybox {
        for r in rows {
            let user: String = r.user.chars().take(8).collect();
            let group: String = r.group.chars().take(8).collect();
            let size = match r.device {
                Some((major, minor)) => format!("{major:>4}, {minor:>3}"),
                None => format!("{:>9}", r.size),
            };
            out.push_str(&format!("{:<10} {:>4} {user:<8} {group:<8} {size} {} {}\n", r.mode, r.links, r.date, r.name));
        }
        return out;
    }
    let w = |f: &dyn Fn(&LongRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let (wl, wu, wg) = (w(&|r| r.links.to_string().len()), w(&|r| r.user.len()), w(&|r| r.group.len()));
    // GNU: a device shows "major, minor", each number in its own column;
    // sizes align to the wider of the two layouts.
    let wmaj = w(&|r| r.device.map_or(0, |(m, _)| m.to_string().len()));
    let wmin = w(&|r| r.device.map_or(0, |(_, m)| m.to_string().len()));
    let wdev = if rows.iter().any(|r| r.device.is_some()) { wmaj + 2 + wmin } else { 0 };
    let ws = w(&|r| if r.device.is_some() { 0 } else { r.size.len() }).max(wdev);
    for r in rows {
        let size = match r.device {
            Some((major, minor)) => format!("{major:>w1$}, {minor:>wmin$}", w1 = ws - 2 - wmin),
            None => format!("{:>ws$}", r.size),
        };
        out.push_str(&format!("{} {:>wl$} {:<wu$} {:<wg$} {size} {} {}\n", r.mode, r.links, r.user, r.group, r.date, r.name));
    }
    out
}

fn name_of(sh: &Shell, file: &str, id: u32) -> String {
    let text = sh.fs().read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == id.to_string()).then(|| f[0].to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

fn lookup_id(sh: &Shell, file: &str, name: &str) -> u32 {
    if let Ok(n) = name.parse() {
        return n;
    }
    let text = sh.fs().read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[0] == name).then(|| f[2].parse().ok()).flatten()
        })
        .unwrap_or(0)
}

fn set_owner(node: &mut Node, uid: u32, gid: u32, recursive: bool) {
    node.meta_mut().uid = uid;
    node.meta_mut().gid = gid;
    if recursive {
        if let Node::Dir { entries, .. } = node {
            for child in entries.values_mut() {
                set_owner(child, uid, gid, true);
            }
        }
    }
}

/// `chmod`'s MODE: octal, or symbolic clauses `[ugoa]*([-+=]([rwxXst]*|[ugo]))+`
/// separated by commas. `None` for a mode chmod refuses (`invalid mode`).
fn apply_mode(old: u32, spec: &str, is_dir: bool) -> Option<u32> {
    if !spec.is_empty() && spec.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return u32::from_str_radix(spec, 8).ok().filter(|n| *n <= 0o7777);
    }
    let mut mode = old;
    for clause in spec.split(',') {
        let who_end = clause.find(|c: char| !matches!(c, 'u' | 'g' | 'o' | 'a')).unwrap_or(clause.len());
        let (who, mut rest) = clause.split_at(who_end);
        if rest.is_empty() {
            return None;
        }
        let mask = if who.is_empty() || who.contains('a') {
            0o7777
        } else {
            let mut m = 0;
            if who.contains('u') {
                m |= 0o4700
            }
            if who.contains('g') {
                m |= 0o2070
            }
            if who.contains('o') {
                m |= 0o1007
            }
            m
        };
        while let Some(op) = rest.chars().next().filter(|c| matches!(c, '+' | '-' | '=')) {
            rest = &rest[1..];
            let end = rest.find(['+', '-', '=']).unwrap_or(rest.len());
            let (perms, tail) = rest.split_at(end);
            rest = tail;
            let mut bits = 0;
            for p in perms.chars() {
                bits |= match p {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' if mode & 0o111 != 0 || is_dir => 0o111,
                    'X' => 0,
                    's' => 0o6000,
                    't' => 0o1000,
                    'u' => ((mode >> 6) & 7) * 0o111,
                    'g' => ((mode >> 3) & 7) * 0o111,
                    'o' => (mode & 7) * 0o111,
                    _ => return None,
                };
            }
            match op {
                '+' => mode |= bits & mask,
                '-' => mode &= !(bits & mask),
                _ => mode = (mode & !mask) | (bits & mask),
            }
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(mode)
}

fn copy_or_move(sh: &mut Shell, prog: &Prog, flags: &str, operands: &[&str]) -> Out {
    if operands.len() < 2 {
        return fail(sh, prog, "missing file operand", 1);
    }
    let (dest, sources) = operands.split_last().expect("two");
    let dest_path = sh.abs(dest);
    let dest_is_dir = matches!(sh.fs().get(&dest_path), Ok(Node::Dir { .. }));
    for src in sources {
        let src_path = sh.abs(src);
        let node = match sh.fs().get(&src_path) {
            Ok(n) => n.clone(),
            Err(e) => {
                let msg = if prog.busybox {
                    format!("can't stat {}: {}", q(src), e.reason())
                } else {
                    format!("cannot stat {}: {}", q(src), e.reason())
                };
                return fail(sh, prog, &msg, 1);
            }
        };
        if node.is_dir() && prog.name == "cp" && !(flags.contains('r') || flags.contains('R') || flags.contains('a')) {
            let msg = if prog.busybox {
                format!("omitting directory {}", q(src))
            } else {
                format!("-r not specified; omitting directory {}", q(src))
            };
            return fail(sh, prog, &msg, 1);
        }
        let target = if dest_is_dir {
            vfs::join(&dest_path, src.trim_end_matches('/').rsplit('/').next().unwrap_or(src))
        } else {
            dest_path.clone()
        };
        // A non-root user needs write permission where the copy lands (and,
        // for mv, where the source leaves).
        if !sh.may_change(&target) || (prog.name == "mv" && !sh.may_change(&src_path)) {
            let shown = if dest_is_dir {
                format!("{}/{}", dest.trim_end_matches('/'), target.rsplit('/').next().unwrap_or(""))
            } else {
                dest.to_string()
            };
            let msg = match (prog.name.as_str(), prog.busybox) {
                ("mv", true) => format!("can't rename {}: Permission denied", q(src)),
                ("mv", false) => format!("cannot move {} to {}: Permission denied", q(src), q(&shown)),
                (_, true) => format!("can't create {}: Permission denied", q(&shown)),
                _ => format!("cannot create {} {}: Permission denied", if node.is_dir() { "directory" } else { "regular file" }, q(&shown)),
            };
            return fail(sh, prog, &msg, 1);
        }
        let mut node = node;
        // Copying a device reads it (`cp /dev/null f` makes an empty file);
        // only a recursive copy recreates the node.
        let recursive = flags.contains('r') || flags.contains('R') || flags.contains('a');
        if let (Node::File { content, meta }, "cp", false) = (&mut node, prog.name.as_str(), recursive) {
            if content.device().is_some() {
                *content = vfs::Content::from_bytes(Vec::new());
                *meta = vfs::Meta { mode: 0o644, uid: sh.who.uid, gid: sh.who.gid, mtime: sh.now() };
            }
        }
        if prog.name == "cp" && !flags.contains('a') && !flags.contains('p') {
            touch_tree(&mut node, sh.now());
        }
        if prog.name == "cp" {
            let (bytes, nodes) = tree_size(&node);
            sh.charge_fs(bytes, nodes)?;
        }
        if let Err(e) = sh.fs_mut().insert(&target, node) {
            let msg = format!("cannot create {}: {}", q(dest), e.reason());
            return fail(sh, prog, &msg, 1);
        }
        if prog.name == "mv" {
            let _ = sh.fs_mut().remove(&src_path, true);
        }
    }
    Ok(Some(0))
}

/// Stated bytes and entries in a tree.
fn tree_size(node: &Node) -> (u64, u64) {
    match node {
        Node::Dir { entries, .. } => entries.values().map(tree_size).fold((0, 1), |(b, n), (cb, cn)| (b + cb, n + cn)),
        other => (other.file_size(), 1),
    }
}

fn touch_tree(node: &mut Node, now: i64) {
    node.meta_mut().mtime = now;
    if let Node::Dir { entries, .. } = node {
        for c in entries.values_mut() {
            touch_tree(c, now);
        }
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn ls_date(secs: i64) -> String {
    let (_, m, d, hh, mm, _) = crate::time::civil(secs);
    format!("{} {d:>2} {hh:02}:{mm:02}", MONTHS[(m as usize).clamp(1, 12) - 1])
}
