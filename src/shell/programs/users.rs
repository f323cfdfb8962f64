//! Accounts: `useradd`/`groupadd` (shadow, Debian), `adduser`/`addgroup`
//! (BusyBox on Alpine, Debian's adduser otherwise) and `id NAME`. They edit
//! `/etc/passwd`, `/etc/group` and `/etc/shadow` as the real tools do.

use super::{fail, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Content;

type Out = Result<Option<i32>, Flow>;

struct Opts<'a> {
    uid: Option<u32>,
    gid: Option<&'a str>,
    home: Option<&'a str>,
    shell: Option<&'a str>,
    system: bool,
    make_home: bool,
    name: Option<&'a str>,
}

fn opts<'a>(args: &'a [String], busybox: bool) -> Opts<'a> {
    let mut o = Opts { uid: None, gid: None, home: None, shell: None, system: false, make_home: false, name: None };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let val = args.get(i + 1).map(String::as_str);
        let mut took = true;
        match a {
            "-u" | "--uid" | "-g" | "--gid" | "--gecos" | "-c" | "--comment" => {
                if a.starts_with("-u") || a == "--uid" {
                    o.uid = val.and_then(|v| v.parse().ok());
                } else if a == "-g" || a == "--gid" {
                    o.gid = val;
                }
            }
            "-G" | "--ingroup" | "--group" if busybox || a != "-G" => o.gid = val,
            "-G" => {}
            "-h" | "-d" | "--home" | "--home-dir" => o.home = val,
            "-s" | "--shell" => o.shell = val,
            _ => {
                took = false;
                match a {
                    "-S" | "-r" | "--system" => o.system = true,
                    "-m" | "--create-home" => o.make_home = true,
                    s if s.starts_with('-') => {}
                    name => o.name = Some(name),
                }
            }
        }
        i += if took { 2 } else { 1 };
    }
    o
}

fn lines(sh: &Shell, path: &str) -> Vec<String> {
    sh.fs().read(path).map(|b| String::from_utf8_lossy(&b).lines().map(str::to_string).collect()).unwrap_or_default()
}

fn find(sh: &Shell, path: &str, name: &str) -> Option<Vec<String>> {
    lines(sh, path)
        .into_iter()
        .map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>())
        .find(|f| f.first().map(String::as_str) == Some(name))
}

fn ids(sh: &Shell, path: &str) -> Vec<u32> {
    lines(sh, path).iter().filter_map(|l| l.split(':').nth(2)?.parse().ok()).collect()
}

/// The first free id: from 1000 up, or for system accounts 999 down (BusyBox: 100 up).
fn free_id(used: &[u32], system: bool, busybox: bool) -> u32 {
    if system && !busybox {
        (100..1000).rev().find(|i| !used.contains(i)).unwrap_or(999)
    } else {
        let start = if system { 100 } else { 1000 };
        (start..60000).find(|i| !used.contains(i)).unwrap_or(start)
    }
}

fn append(sh: &mut Shell, path: &str, line: &str) {
    let mut text = sh.fs().read(path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    text.extend_from_slice(line.as_bytes());
    text.push(b'\n');
    let meta = sh.meta(if path.ends_with("shadow") { 0o640 } else { 0o644 });
    let _ = sh.fs_mut().write(path, Content::from_bytes(text), meta);
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "useradd" | "adduser" => add_user(sh, prog, args),
        "groupadd" | "addgroup" => add_group(sh, prog, args),
        "usermod" => usermod(sh, prog, args),
        "id" if !args.is_empty() && !args[0].starts_with('-') => {
            let name = args[0].as_str();
            let Some(user) = find(sh, "/etc/passwd", name) else {
                let msg = if prog.busybox { format!("unknown user {name}") } else { format!("'{name}': no such user") };
                return fail(sh, prog, &msg, 1);
            };
            let (uid, gid) = (user.get(2).cloned().unwrap_or_default(), user.get(3).cloned().unwrap_or_default());
            let group = lines(sh, "/etc/group")
                .iter()
                .find(|l| l.split(':').nth(2) == Some(gid.as_str()))
                .and_then(|l| l.split(':').next().map(str::to_string))
                .unwrap_or_else(|| gid.clone());
            sh.out_str(&format!("uid={uid}({name}) gid={gid}({group}) groups={gid}({group})\n"))?;
            Ok(Some(0))
        }
        _ => Ok(None),
    }
}

fn add_group(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let o = opts(args, prog.busybox);
    let Some(name) = o.name else { return fail(sh, prog, "missing operand", 2) };
    if find(sh, "/etc/group", name).is_some() {
        let (msg, status) = if prog.busybox {
            (format!("group '{name}' in use"), 1)
        } else if prog.name == "groupadd" {
            (format!("group '{name}' already exists"), 9)
        } else {
            (format!("The group `{name}' already exists."), 1)
        };
        return fail(sh, prog, &msg, status);
    }
    let gid = o.gid.and_then(|g| g.parse().ok()).unwrap_or_else(|| free_id(&ids(sh, "/etc/group"), o.system, prog.busybox));
    append(sh, "/etc/group", &format!("{name}:x:{gid}:"));
    if prog.name == "addgroup" && !prog.busybox {
        sh.out_str(&format!("Adding group `{name}' (GID {gid}) ...\nDone.\n"))?;
    }
    Ok(Some(0))
}

fn add_user(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let o = opts(args, prog.busybox);
    let Some(name) = o.name else { return fail(sh, prog, "missing operand", 2) };
    if find(sh, "/etc/passwd", name).is_some() {
        let (msg, status) = if prog.busybox {
            (format!("user '{name}' in use"), 1)
        } else if prog.name == "useradd" {
            (format!("user '{name}' already exists"), 9)
        } else {
            (format!("The user `{name}' already exists."), 1)
        };
        return fail(sh, prog, &msg, status);
    }
    let uid = o.uid.unwrap_or_else(|| free_id(&ids(sh, "/etc/passwd"), o.system, prog.busybox));
    let gid = match o.gid {
        Some(g) => match g.parse::<u32>().ok().or_else(|| find(sh, "/etc/group", g).and_then(|f| f.get(2)?.parse().ok())) {
            Some(gid) => gid,
            None => {
                let msg = if prog.busybox { format!("unknown group {g}") } else { format!("group '{g}' does not exist") };
                return fail(sh, prog, &msg, if prog.busybox { 1 } else { 6 });
            }
        },
        None if prog.busybox && o.system => find(sh, "/etc/group", "nogroup").and_then(|f| f.get(2)?.parse().ok()).unwrap_or(65533),
        None if find(sh, "/etc/group", name).is_some() || (o.system && !prog.busybox && prog.name == "adduser") => 65534,
        None => {
            let gid = if ids(sh, "/etc/group").contains(&uid) { free_id(&ids(sh, "/etc/group"), o.system, prog.busybox) } else { uid };
            append(sh, "/etc/group", &format!("{name}:x:{gid}:"));
            gid
        }
    };
    let home = o.home.map(str::to_string).unwrap_or_else(|| {
        if o.system && !prog.busybox && prog.name == "useradd" {
            "/nonexistent".into()
        } else {
            format!("/home/{name}")
        }
    });
    let shell = o.shell.unwrap_or(if prog.busybox && o.system {
        "/sbin/nologin"
    } else if prog.name == "adduser" && !prog.busybox {
        "/bin/bash"
    } else {
        "/bin/sh"
    });
    append(sh, "/etc/passwd", &format!("{name}:x:{uid}:{gid}::{home}:{shell}"));
    append(sh, "/etc/shadow", &format!("{name}:!:20000:0:99999:7:::"));
    // useradd makes the home only with -m; adduser always (BusyBox unless -H).
    let make_home = if prog.name == "useradd" { o.make_home } else { !args.iter().any(|a| a == "-H" || a == "--no-create-home") };
    if make_home {
        let mut meta = sh.meta(0o755);
        (meta.uid, meta.gid) = (uid, gid);
        let _ = sh.fs_mut().mkdir_all(&home, meta);
    }
    if prog.name == "adduser" && !prog.busybox {
        sh.out_str(&format!("Adding user `{name}' ...\nAdding new user `{name}' ({uid}) with group `{name} ({gid})' ...\n"))?;
        if make_home {
            sh.out_str(&format!("Creating home directory `{home}' ...\nCopying files from `/etc/skel' ...\n"))?;
        }
    }
    Ok(Some(0))
}

/// `usermod [-a] [-G GROUPS] [-s SHELL] [-d HOME] USER` (shadow's).
fn usermod(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    if !sh.who.is_root() {
        sh.err_str("usermod: Permission denied.\nusermod: cannot lock /etc/passwd; try again later.\n")?;
        return Ok(Some(1));
    }
    let (mut append_groups, mut groups, mut shell, mut home, mut user) = (false, None, None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-a" | "--append" => append_groups = true,
            "-G" | "--groups" | "-aG" | "-Ga" => {
                append_groups |= a.contains('a');
                groups = it.next().cloned();
            }
            "-s" | "--shell" => shell = it.next().cloned(),
            "-d" | "--home" => home = it.next().cloned(),
            s if s.starts_with('-') => {
                sh.err_str(&format!("dockersim: usermod {s}: not simulated (usermod models -a, -G, -s and -d)\n"))?;
                return Ok(Some(2));
            }
            name => user = Some(name.to_string()),
        }
    }
    let Some(user) = user else {
        sh.err_str("Usage: usermod [options] LOGIN\n")?;
        return Ok(Some(2));
    };
    if find(sh, "/etc/passwd", &user).is_none() {
        return fail(sh, prog, &format!("user '{user}' does not exist"), 6);
    }
    if let Some(list) = &groups {
        let wanted: Vec<&str> = list.split(',').filter(|g| !g.is_empty()).collect();
        if let Some(missing) = wanted.iter().find(|g| find(sh, "/etc/group", g).is_none()) {
            return fail(sh, prog, &format!("group '{missing}' does not exist"), 6);
        }
        let text: String = lines(sh, "/etc/group")
            .into_iter()
            .map(|l| {
                let mut f: Vec<String> = l.split(':').map(str::to_string).collect();
                if f.len() < 4 {
                    return format!("{l}\n");
                }
                let mut members: Vec<String> = f[3].split(',').filter(|m| !m.is_empty()).map(str::to_string).collect();
                let is_member = members.contains(&user);
                if wanted.contains(&f[0].as_str()) {
                    if !is_member {
                        members.push(user.clone());
                    }
                } else if !append_groups && is_member {
                    members.retain(|m| m != &user);
                }
                f[3] = members.join(",");
                format!("{}\n", f.join(":"))
            })
            .collect();
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write("/etc/group", Content::from_bytes(text), meta);
    }
    if shell.is_some() || home.is_some() {
        let text: String = lines(sh, "/etc/passwd")
            .into_iter()
            .map(|l| {
                let mut f: Vec<String> = l.split(':').map(str::to_string).collect();
                if f.len() >= 7 && f[0] == user {
                    if let Some(h) = &home {
                        f[5] = h.clone();
                    }
                    if let Some(s) = &shell {
                        f[6] = s.clone();
                    }
                }
                format!("{}\n", f.join(":"))
            })
            .collect();
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write("/etc/passwd", Content::from_bytes(text), meta);
    }
    Ok(Some(0))
}
