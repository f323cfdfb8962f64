//! `ps` and `top`, reading `/proc` as procps and BusyBox do: each
//! `/proc/PID/cmdline`, with `status` (parent, user) and `fd/0` (the
//! terminal) where the machine wrote them. A container has its main
//! process as PID 1; the host (`cli::host_procs`) has its daemons, the
//! containers' processes and the learner's shell.

use super::packages::read_text;
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

struct Proc {
    pid: u32,
    ppid: u32,
    uid: u32,
    cmd: String,
    tty: Option<String>,
}

/// The processes in `/proc`, then the one asking (`self_cmd`).
fn procs(sh: &Shell, self_cmd: &str) -> Vec<Proc> {
    let mut list = Vec::new();
    let pids: Vec<u32> = match sh.fs().get("/proc") {
        Ok(Node::Dir { entries, .. }) => entries.keys().filter_map(|k| k.parse().ok()).collect(),
        _ => Vec::new(),
    };
    for pid in pids {
        let Some(cmd) = read_text(sh, &format!("/proc/{pid}/cmdline")).map(|c| c.replace('\0', " ").trim().to_string()) else { continue };
        let status = read_text(sh, &format!("/proc/{pid}/status")).unwrap_or_default();
        let field =
            |k: &str| status.lines().find_map(|l| l.strip_prefix(k)).and_then(|v| v.split_whitespace().next()).and_then(|v| v.parse().ok());
        let tty = sh.fs().resolve(&format!("/proc/{pid}/fd/0"), true).ok().and_then(|t| t.strip_prefix("/dev/").map(str::to_string));
        let cmd = if cmd.is_empty() { "/bin/sh".to_string() } else { cmd };
        list.push(Proc { pid, ppid: field("PPid:").unwrap_or(0), uid: field("Uid:").unwrap_or(sh.who.uid), cmd, tty });
    }
    if list.is_empty() {
        list.push(Proc { pid: 1, ppid: 0, uid: sh.who.uid, cmd: "/bin/sh".into(), tty: None });
    }
    list.sort_by_key(|p| p.pid);
    // The asker: a child of the shell on a terminal (the host's), else a new PID.
    let shell = list.iter().find(|p| p.tty.is_some());
    let (pid, ppid, tty) = match shell {
        Some(s) => (list.iter().map(|p| p.pid).max().unwrap_or(1) + 1, s.pid, s.tty.clone()),
        None if list.len() == 1 => (7, 0, None),
        None => (list.iter().map(|p| p.pid).max().unwrap_or(1) + 1, 0, None),
    };
    list.push(Proc { pid, ppid, uid: sh.who.uid, cmd: self_cmd.to_string(), tty });
    list
}

/// A user's name as ps prints it: from `/etc/passwd`, cut to 8 columns
/// with `+`; the number when there is no name.
fn user_name(sh: &Shell, uid: u32) -> String {
    let passwd = read_text(sh, "/etc/passwd").unwrap_or_default();
    let name =
        passwd.lines().map(|l| l.split(':').collect::<Vec<_>>()).find(|f| f.len() > 2 && f[2] == uid.to_string()).map(|f| f[0].to_string());
    match name {
        Some(n) if n.chars().count() > 8 => format!("{}+", n.chars().take(7).collect::<String>()),
        Some(n) => n,
        None if uid == 0 => "root".into(),
        None => uid.to_string(),
    }
}

fn short(cmd: &str) -> String {
    cmd.split_whitespace().next().unwrap_or("").trim_start_matches('-').rsplit('/').next().unwrap_or("").to_string()
}

pub fn ps(sh: &mut Shell, prog: &Prog, args: &[String]) -> Result<i32, Flow> {
    let self_cmd = std::iter::once("ps".to_string()).chain(args.iter().cloned()).collect::<Vec<_>>().join(" ");
    let list = procs(sh, &self_cmd);
    let flags: String = args.iter().map(|a| a.trim_start_matches('-')).collect();
    let everyone = prog.busybox || flags.contains('a') || flags.contains('e') || flags.contains('A') || flags.contains('x');
    let own_tty = list.last().and_then(|p| p.tty.clone());
    let shown: Vec<&Proc> = list.iter().filter(|p| everyone || own_tty.is_none() || p.tty == own_tty).collect();
    let tty = |p: &Proc| p.tty.clone().unwrap_or_else(|| "?".into());
    let mut out = String::new();
    if prog.busybox {
        out.push_str("PID   USER     TIME  COMMAND\n");
        for p in &shown {
            out.push_str(&format!("{:>5} {:<8}  0:00 {}\n", p.pid, user_name(sh, p.uid), p.cmd));
        }
    } else if args.iter().any(|a| a == "aux" || a == "-aux" || a == "axu") {
        out.push_str("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n");
        for (i, p) in shown.iter().enumerate() {
            let (vsz, rss, stat) = if p.pid == 1 {
                (2576, 920, "Ss")
            } else if i + 1 == shown.len() {
                (8084, 4092, "R+")
            } else {
                (8084, 4092, "Ss")
            };
            out.push_str(&format!(
                "{:<8} {:>7}  0.0  0.0 {vsz:>6} {rss:>5} {:<8} {stat:<4} 00:00   0:00 {}\n",
                user_name(sh, p.uid),
                p.pid,
                tty(p),
                p.cmd
            ));
        }
    } else if flags.contains('f') {
        out.push_str("UID          PID    PPID  C STIME TTY          TIME CMD\n");
        for p in &shown {
            out.push_str(&format!("{:<8} {:>7} {:>7}  0 00:00 {:<8} 00:00:00 {}\n", user_name(sh, p.uid), p.pid, p.ppid, tty(p), p.cmd));
        }
    } else {
        out.push_str("    PID TTY          TIME CMD\n");
        for p in &shown {
            out.push_str(&format!("{:>7} {:<8} 00:00:00 {}\n", p.pid, tty(p), short(&p.cmd)));
        }
    }
    sh.out_str(&out)?;
    Ok(0)
}

pub fn top(sh: &mut Shell, prog: &Prog, args: &[String]) -> Result<i32, Flow> {
    let batch = args.iter().any(|a| a == "-b" || a.starts_with("-bn") || a == "-n");
    if !batch {
        sh.err_str(&format!("dockersim: {} is interactive; without a terminal it shows one screen (as `top -b -n 1`)\n", prog.name))?;
    }
    let list = procs(sh, "top");
    let mut out = format!("top - 00:00:00 up 1 min,  0 user,  load average: 0.00, 0.00, 0.00\nTasks: {:>3} total,   1 running, {:>3} sleeping,   0 stopped,   0 zombie\n%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\nMiB Mem :   7851.3 total,   6012.4 free,    812.0 used,   1027.0 buff/cache\nMiB Swap:   1024.0 total,   1024.0 free,      0.0 used.   7039.3 avail Mem\n\n    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n", list.len(), list.len() - 1);
    for (i, p) in list.iter().enumerate() {
        let state = if i + 1 == list.len() { "R" } else { "S" };
        out.push_str(&format!(
            "{:>7} {:<8}  20   0    2576    920    828 {state}   0.0   0.0   0:00.01 {}\n",
            p.pid,
            user_name(sh, p.uid),
            short(&p.cmd)
        ));
    }
    sh.out_str(&out)?;
    Ok(0)
}
