//! Everyday tools tutorials call after installing them: ping, make, the
//! editors (vim/vi/nano open and save without a terminal), ps/top, unzip,
//! which.

use super::packages::read_text;
use super::{fail, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Content;

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "ping" | "ping4" => ping(sh, prog, args).map(Some),
        "make" | "gmake" => {
            let saved = sh.cwd.clone();
            let status = make(sh, args);
            sh.cwd = saved;
            status.map(Some)
        }
        "vim" | "vi" | "vim.tiny" | "vim.basic" | "nano" | "rnano" | "emacs" => editor(sh, prog, args).map(Some),
        "ps" => super::procs::ps(sh, prog, args).map(Some),
        "top" | "htop" => super::procs::top(sh, prog, args).map(Some),
        "unzip" => unzip(sh, prog, args),
        "which" => which(sh, args).map(Some),
        _ => Ok(None),
    }
}

// --------------------------------------------------------------- which ----

/// `which [-a] NAME…`: the path of each program on PATH (every match with
/// `-a`); nothing for a missing one, and status 1 if any was missing
/// (Debian's and BusyBox's which alike).
fn which(sh: &mut Shell, args: &[String]) -> Result<i32, Flow> {
    let all = args.iter().any(|a| a == "-a");
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if names.is_empty() {
        return Ok(1);
    }
    let path = sh.var("PATH").unwrap_or_default();
    let mut status = 0;
    let mut out = String::new();
    for name in names {
        let found: Vec<String> = if name.contains('/') {
            super::find_in_path(sh, name).map(|_| name.to_string()).into_iter().collect()
        } else {
            path.split(':')
                .filter(|d| !d.is_empty())
                .map(|d| format!("{}/{name}", d.trim_end_matches('/')))
                .filter(|p| matches!(sh.fs().get(p), Ok(crate::vfs::Node::File { meta, .. }) if meta.mode & 0o111 != 0))
                .collect()
        };
        if found.is_empty() {
            status = 1;
        }
        for p in found.iter().take(if all { usize::MAX } else { 1 }) {
            out.push_str(p);
            out.push('\n');
        }
    }
    sh.out_str(&out)?;
    Ok(status)
}

// ---------------------------------------------------------------- ping ----

/// Resolves a host as the container sees it: IP literals, localhost, its own
/// hostname, names in /etc/hosts. None: the name does not resolve.
fn resolve(sh: &Shell, host: &str) -> Option<String> {
    if host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Some(host.to_string());
    }
    if host == "localhost" {
        return Some("127.0.0.1".into());
    }
    let hosts = read_text(sh, "/etc/hosts").unwrap_or_default();
    for line in hosts.lines() {
        let mut parts = line.split('#').next().unwrap_or("").split_whitespace();
        let Some(ip) = parts.next() else { continue };
        if !ip.contains(':') && parts.any(|n| n == host) {
            return Some(ip.to_string());
        }
    }
    let own = read_text(sh, "/etc/hostname").map(|h| h.trim().to_string());
    (own.as_deref() == Some(host)).then(|| "172.17.0.2".to_string())
}

/// Whether packets to `ip` come back (the simulated machine has no outside network).
fn reachable(sh: &Shell, ip: &str) -> bool {
    ip.starts_with("127.")
        || ip == "172.17.0.2"
        || ip == "0.0.0.0"
        || read_text(sh, "/etc/hosts").is_some_and(|h| h.lines().any(|l| l.starts_with(ip)))
}

fn ping(sh: &mut Shell, prog: &Prog, args: &[String]) -> Result<i32, Flow> {
    let mut count: Option<u64> = None;
    let mut interval = 1.0f64;
    let mut host = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-c" => count = it.next().and_then(|n| n.parse().ok()),
            "-i" => interval = it.next().and_then(|n| n.parse().ok()).unwrap_or(1.0),
            "-W" | "-w" | "-s" | "-t" | "-I" => {
                it.next();
            }
            c if c.starts_with("-c") && c.len() > 2 => count = c[2..].parse().ok(),
            o if o.starts_with('-') => {}
            h => host = Some(h.to_string()),
        }
    }
    let Some(host) = host else {
        if prog.busybox {
            sh.err_str(&format!("{}\n\nUsage: ping [OPTIONS] HOST\n", super::BUSYBOX_BANNER))?;
        } else {
            sh.err_str("ping: usage error: Destination address required\n")?;
        }
        return Ok(1);
    };
    let Some(ip) = resolve(sh, &host) else {
        if prog.busybox {
            sh.err_str(&format!("ping: bad address '{host}'\n"))?;
        } else {
            sh.err_str(&format!("ping: {host}: Name or service not known\n"))?;
        }
        return Ok(if prog.busybox { 1 } else { 2 });
    };
    let stopped_by_us = count.is_none();
    let n = count.unwrap_or(4).min(1000);
    let ok = reachable(sh, &ip);
    let shown = if host == ip { ip.clone() } else { format!("{host} ({ip})") };
    let (out, secs) = ping_report(prog.busybox, &host, &ip, &shown, n, interval, ok);
    sh.ctx.now = sh.ctx.now.saturating_add(secs);
    sh.out_str(&out)?;
    if stopped_by_us {
        sh.err_str(&format!("dockersim: ping without -c runs until it is stopped; the simulation stopped it after {n} packets\n"))?;
    }
    Ok(if ok { 0 } else { 1 })
}

/// What `ping` prints for `n` packets to `host` at `ip` (answered or not):
/// BusyBox's wording or iputils' (whose replies come from `shown`), and the
/// seconds it took.
pub fn ping_report(busybox: bool, host: &str, ip: &str, shown: &str, n: u64, interval: f64, ok: bool) -> (String, i64) {
    let mut out =
        if busybox { format!("PING {host} ({ip}): 56 data bytes\n") } else { format!("PING {host} ({ip}) 56(84) bytes of data.\n") };
    let times: Vec<f64> = (0..n).map(|i| 0.030 + ((i * 37 + host.len() as u64 * 11) % 60) as f64 / 1000.0).collect();
    if ok {
        for (i, t) in times.iter().enumerate() {
            if busybox {
                out.push_str(&format!("64 bytes from {ip}: seq={i} ttl=64 time={t:.3} ms\n"));
            } else {
                out.push_str(&format!("64 bytes from {shown}: icmp_seq={} ttl=64 time={t:.3} ms\n", i + 1));
            }
        }
    }
    let elapsed_ms = ((n.saturating_sub(1)) as f64 * interval * 1000.0) as u64 + if n > 1 { n * 2 } else { 0 };
    let received = if ok { n } else { 0 };
    let loss = ((n - received) * 100).checked_div(n).unwrap_or(0);
    out.push_str(&format!("\n--- {host} ping statistics ---\n"));
    if busybox {
        out.push_str(&format!("{n} packets transmitted, {received} packets received, {loss}% packet loss\n"));
        if ok && n > 0 {
            let (min, max) = (times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
            let avg = times.iter().sum::<f64>() / n as f64;
            out.push_str(&format!("round-trip min/avg/max = {min:.3}/{avg:.3}/{max:.3} ms\n"));
        }
    } else {
        out.push_str(&format!("{n} packets transmitted, {received} received, {loss}% packet loss, time {elapsed_ms}ms\n"));
        if ok && n > 0 {
            let (min, max) = (times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
            let avg = times.iter().sum::<f64>() / n as f64;
            let mdev = (times.iter().map(|t| (t - avg) * (t - avg)).sum::<f64>() / n as f64).sqrt();
            out.push_str(&format!("rtt min/avg/max/mdev = {min:.3}/{avg:.3}/{max:.3}/{mdev:.3} ms\n"));
        }
        if !ok {
            out.push('\n');
        }
    }
    (out, (n as f64 * interval) as i64)
}

// ---------------------------------------------------------------- make ----

struct Rule {
    targets: Vec<String>,
    prereqs: Vec<String>,
    recipe: Vec<String>,
}

fn make(sh: &mut Shell, args: &[String]) -> Result<i32, Flow> {
    let mut file = None;
    let mut goals = Vec::new();
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-f" | "--file" => file = it.next().cloned(),
            "-C" => {
                if let Some(d) = it.next() {
                    sh.cwd = sh.abs(d);
                }
            }
            o if o.starts_with('-') => {}
            v if v.contains('=') => {
                let (k, val) = v.split_once('=').unwrap_or((v, ""));
                vars.push((k.to_string(), val.to_string()));
            }
            g => goals.push(g.to_string()),
        }
    }
    let names = file.map(|f| vec![f]).unwrap_or_else(|| vec!["GNUmakefile".into(), "makefile".into(), "Makefile".into()]);
    let Some(text) = names.iter().find_map(|n| read_text(sh, &sh.abs(n))) else {
        if goals.is_empty() {
            sh.err_str("make: *** No targets specified and no makefile found.  Stop.\n")?;
        } else {
            sh.err_str(&format!("make: *** No rule to make target '{}'.  Stop.\n", goals[0]))?;
        }
        return Ok(2);
    };
    // Parse: variables, rules with tab-indented recipes.
    let mut rules: Vec<Rule> = Vec::new();
    let mut joined = String::new();
    for line in text.lines() {
        if let Some(l) = line.strip_suffix('\\') {
            joined.push_str(l);
            joined.push(' ');
            continue;
        }
        joined.push_str(line);
        let line = std::mem::take(&mut joined);
        if let Some(recipe) = line.strip_prefix('\t') {
            if let Some(r) = rules.last_mut() {
                r.recipe.push(recipe.to_string());
            }
            continue;
        }
        let t = line.split('#').next().unwrap_or("").trim_end();
        if t.trim().is_empty() {
            continue;
        }
        if let Some((k, v)) =
            t.split_once(":=").or_else(|| t.split_once("?=")).or_else(|| if t.contains(':') { None } else { t.split_once('=') })
        {
            let (k, v) = (k.trim().to_string(), v.trim().to_string());
            if !vars.iter().any(|(n, _)| *n == k) {
                vars.push((k, v));
            }
            continue;
        }
        if let Some((targets, prereqs)) = t.split_once(':') {
            let prereqs = prereqs.split(';').next().unwrap_or("");
            rules.push(Rule {
                targets: targets.split_whitespace().map(str::to_string).collect(),
                prereqs: prereqs.split_whitespace().map(str::to_string).collect(),
                recipe: Vec::new(),
            });
        }
    }
    let phony: Vec<String> = rules.iter().filter(|r| r.targets.iter().any(|t| t == ".PHONY")).flat_map(|r| r.prereqs.clone()).collect();
    if goals.is_empty() {
        match rules.iter().find(|r| r.targets.iter().any(|t| !t.starts_with('.'))) {
            Some(r) => goals.push(r.targets[0].clone()),
            None => {
                sh.err_str("make: *** No targets.  Stop.\n")?;
                return Ok(2);
            }
        }
    }
    let mut made: Vec<String> = Vec::new();
    for g in &goals {
        made.clear();
        let s = make_target(sh, &rules, &vars, &phony, g, &mut made, 0, true)?;
        if s != 0 {
            return Ok(s);
        }
    }
    Ok(0)
}

fn expand_make(s: &str, vars: &[(String, String)], target: &str, prereqs: &[String]) -> String {
    let mut out =
        s.replace("$@", target).replace("$<", prereqs.first().map(String::as_str).unwrap_or("")).replace("$^", &prereqs.join(" "));
    for _ in 0..8 {
        let mut changed = false;
        for (k, v) in vars {
            for pat in [format!("$({k})"), format!("${{{k}}}")] {
                if out.contains(&pat) {
                    out = out.replace(&pat, v);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    out.replace("$$", "$")
}

#[allow(clippy::too_many_arguments)]
fn make_target(
    sh: &mut Shell,
    rules: &[Rule],
    vars: &[(String, String)],
    phony: &[String],
    target: &str,
    made: &mut Vec<String>,
    depth: usize,
    top: bool,
) -> Result<i32, Flow> {
    if made.iter().any(|m| m == target) || depth > 30 {
        return Ok(0);
    }
    made.push(target.to_string());
    let Some(rule) = rules.iter().find(|r| r.targets.iter().any(|t| t == target)) else {
        if sh.fs().exists(&sh.abs(target)) {
            return Ok(0);
        }
        sh.err_str(&format!("make: *** No rule to make target '{target}'.  Stop.\n"))?;
        return Ok(2);
    };
    for p in &rule.prereqs {
        let s = make_target(sh, rules, vars, phony, p, made, depth + 1, false)?;
        if s != 0 {
            return Ok(s);
        }
    }
    let exists = sh.fs().exists(&sh.abs(target));
    let is_phony = phony.iter().any(|p| p == target);
    if exists && !is_phony && rule.prereqs.iter().all(|p| sh.fs().exists(&sh.abs(p))) && !rule.recipe.is_empty() {
        // Up to date unless a prerequisite is newer.
        let mtime = |sh: &Shell, p: &str| sh.fs().get(&sh.abs(p)).map(|n| n.meta().mtime).unwrap_or(0);
        let t = mtime(sh, target);
        if rule.prereqs.iter().all(|p| mtime(sh, p) <= t) {
            if top {
                sh.out_str(&format!("make: '{target}' is up to date.\n"))?;
            }
            return Ok(0);
        }
    }
    if rule.recipe.is_empty() && top {
        if !made.iter().any(|m| m == "\0ran") {
            sh.out_str(&format!("make: Nothing to be done for '{target}'.\n"))?;
        }
        return Ok(0);
    }
    for line in &rule.recipe {
        let cmd = expand_make(line, vars, target, &rule.prereqs);
        let (silent, ignore) = (
            cmd.trim_start().starts_with('@') || cmd.trim_start().starts_with("-@"),
            cmd.trim_start().starts_with('-') || cmd.trim_start().starts_with("@-"),
        );
        let cmd = cmd.trim_start().trim_start_matches(['@', '-']).to_string();
        if !silent {
            sh.out_str(&format!("{cmd}\n"))?;
        }
        if !made.iter().any(|m| m == "\0ran") {
            made.push("\0ran".into());
        }
        let status = match sh.child_shell(&cmd, "/bin/sh", &[]) {
            Ok(s) | Err(Flow::Exit(s)) => s,
            Err(e) => return Err(e),
        };
        if status != 0 && !ignore {
            sh.err_str(&format!(
                "make: *** [Makefile:{}: {target}] Error {status}\n",
                1 + rules.iter().position(|r| std::ptr::eq(r, rule)).unwrap_or(0)
            ))?;
            return Ok(2);
        }
    }
    Ok(0)
}

// -------------------------------------------------------------- editors ----

/// vim/vi/nano without a terminal: vim's `+cmd`/`-c cmd` scripts such as
/// `+wq` save; anything interactive says so instead of waiting forever.
fn editor(sh: &mut Shell, prog: &Prog, args: &[String]) -> Result<i32, Flow> {
    let file = args.iter().find(|a| !a.starts_with('-') && !a.starts_with('+')).cloned();
    let commands: Vec<String> = args
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.strip_prefix('+').map(str::to_string).or_else(|| (i > 0 && args[i - 1] == "-c").then(|| a.clone())))
        .collect();
    let is_vim = prog.name.starts_with("vi");
    if is_vim && commands.iter().any(|c| matches!(c.as_str(), "wq" | "x" | "wq!" | "q" | "q!" | "qa" | "qa!" | "w")) {
        if let Some(f) = &file {
            let path = sh.abs(f);
            if commands.iter().any(|c| c.starts_with('w') || c == "x") && !sh.fs().exists(&path) {
                let meta = sh.meta(0o644);
                let _ = sh.fs_mut().write(&path, Content::from_bytes(Vec::new()), meta);
            }
        }
        sh.err_str("Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n")?;
        return Ok(0);
    }
    if is_vim && sh.stdin.is_empty() {
        sh.err_str("Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n")?;
    }
    if !is_vim {
        sh.err_str("Too many errors from stdin\n")?;
    }
    sh.err_str(&format!(
        "dockersim: {} is interactive and there is no terminal to edit in; it exits without changing {}\n",
        prog.name,
        file.as_deref().unwrap_or("anything")
    ))?;
    Ok(1)
}

// --------------------------------------------------------------- unzip ----

fn unzip(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut dest = None;
    let mut list = false;
    let mut quiet = false;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-d" => dest = it.next().cloned(),
            "-l" => list = true,
            "-q" | "-qq" => quiet = true,
            "-o" | "-n" => {}
            f if !f.starts_with('-') && file.is_none() => file = Some(f.to_string()),
            _ => {}
        }
    }
    let Some(file) = file else { return fail(sh, prog, "missing archive name", 10) };
    let path = sh.abs(&file);
    let Ok(data) = sh.fs().read(&path) else {
        sh.err_str(&format!("unzip:  cannot find or open {file}, {file}.zip or {file}.ZIP.\n"))?;
        return Ok(Some(9));
    };
    let Some(entries) = read_zip(&data) else {
        sh.out_str(&format!("Archive:  {file}\n"))?;
        sh.err_str(&format!("  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.  In the\n  latter case the central directory and zipfile comment will be found on\n  the last disk(s) of this archive.\nunzip:  cannot find zipfile directory in one of {file} or\n        {file}.zip, and cannot find {file}.ZIP, period.\n"))?;
        return Ok(Some(9));
    };
    let base = sh.abs(dest.as_deref().unwrap_or("."));
    let mut out = format!("Archive:  {file}\n");
    if list {
        out.push_str("  Length      Date    Time    Name\n---------  ---------- -----   ----\n");
        let mut total = 0;
        for (name, body) in &entries {
            out.push_str(&format!("{:>9}  01-01-2026 00:00   {name}\n", body.len()));
            total += body.len();
        }
        out.push_str(&format!(
            "---------                     -------\n{total:>9}                     {} file{}\n",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        ));
        sh.out_str(&out)?;
        return Ok(Some(0));
    }
    for (name, body) in entries {
        let target = crate::vfs::join(&base, &name);
        if name.ends_with('/') {
            let meta = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(target.trim_end_matches('/'), meta);
            out.push_str(&format!(
                "   creating: {}{name}\n",
                dest.as_deref().map(|d| format!("{}/", d.trim_end_matches('/'))).unwrap_or_default()
            ));
            continue;
        }
        if let Some(i) = target.rfind('/').filter(|&i| i > 0) {
            let meta = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(&target[..i], meta);
        }
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&target, Content::from_bytes(body), meta);
        out.push_str(&format!(
            "  inflating: {}{name}\n",
            dest.as_deref().map(|d| format!("{}/", d.trim_end_matches('/'))).unwrap_or_default()
        ));
    }
    if !quiet {
        sh.out_str(&out)?;
    }
    Ok(Some(0))
}

/// Entries of a ZIP archive (stored or deflated), from its local headers.
fn read_zip(data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at = |i: usize| data.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if !data.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 0;
    while data.get(at..at + 4) == Some(b"PK\x03\x04") && out.len() < 100_000 {
        let method = u16_at(at + 8)?;
        let csize = u32_at(at + 18)?;
        let name_len = u16_at(at + 26)?;
        let extra_len = u16_at(at + 28)?;
        let name = String::from_utf8_lossy(data.get(at + 30..at + 30 + name_len)?).into_owned();
        let start = at + 30 + name_len + extra_len;
        let raw = data.get(start..start + csize)?;
        let body = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(raw).ok()?,
            _ => return None,
        };
        out.push((name, body));
        at = start + csize;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_stored_zip() {
        let mut z = b"PK\x03\x04".to_vec();
        z.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend(5u32.to_le_bytes());
        z.extend(5u32.to_le_bytes());
        z.extend(5u16.to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z.extend(b"a.txt");
        z.extend(b"hello");
        assert_eq!(read_zip(&z).unwrap(), [("a.txt".to_string(), b"hello".to_vec())]);
        assert!(read_zip(b"nope").is_none());
    }

    #[test]
    fn make_variables() {
        let vars = vec![
            ("CC".to_string(), "gcc".to_string()),
            ("CFLAGS".to_string(), "-O2 $(X)".to_string()),
            ("X".to_string(), "-Wall".to_string()),
        ];
        assert_eq!(expand_make("$(CC) $(CFLAGS) -o $@ $<", &vars, "app", &["main.c".into()]), "gcc -O2 -Wall -o app main.c");
    }
}
