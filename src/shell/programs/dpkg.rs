//! Questions put to a Debian/Ubuntu system's package database and release
//! files: `dpkg -l/-s/--print-architecture` (and `dpkg-query`),
//! `apt-cache policy`, `lsb_release`. They read `/var/lib/dpkg/status` and
//! `/etc/os-release` as apt (`packages.rs`) writes and images carry them.

use super::packages::{db_field, read_text};
use super::{pkg_index, Prog};
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "dpkg" | "dpkg-query" => dpkg(sh, &prog.name, &args).map(Some),
        "apt-cache" => apt_cache(sh, &args).map(Some),
        "lsb_release" => lsb_release(sh, &args).map(Some),
        _ => Ok(None),
    }
}

/// Installed packages, in the status file's order: (name, stanza).
fn installed(sh: &Shell) -> Vec<(String, String)> {
    let status = read_text(sh, "/var/lib/dpkg/status").unwrap_or_default();
    status
        .split("\n\n")
        .filter_map(|s| {
            let name = s.lines().find_map(|l| l.strip_prefix("Package: "))?;
            Some((name.to_string(), s.trim_end().to_string()))
        })
        .collect()
}

fn field(stanza: &str, name: &str) -> String {
    stanza.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": "))).unwrap_or("").to_string()
}

fn dpkg(sh: &mut Shell, name: &str, args: &[&str]) -> Result<i32, Flow> {
    let Some(&command) = args.first() else {
        sh.err_str(&format!("{name}: error: need an action option\n\nType {name} --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType {name} -Dhelp for a list of {name} debug flag values;\nType {name} --force-help for a list of forcing options;\nType {name}-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n"))?;
        return Ok(2);
    };
    let rest = &args[1..];
    match command {
        "--print-architecture" if name == "dpkg" => {
            sh.out_str("amd64\n")?;
            Ok(0)
        }
        "-l" | "--list" => list(sh, rest),
        "-s" | "--status" => {
            if rest.is_empty() {
                sh.err_str(&format!("{name}: error: --status needs at least one package name argument\n"))?;
                return Ok(2);
            }
            let all = installed(sh);
            let mut status = 0;
            for want in rest {
                match all.iter().find(|(n, _)| n == want) {
                    Some((_, stanza)) => sh.out_str(&format!("{stanza}\n"))?,
                    None => {
                        sh.err_str(&format!("dpkg-query: package '{want}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n"))?;
                        status = 1;
                    }
                }
            }
            Ok(status)
        }
        "--get-selections" => {
            let mut text = String::new();
            for (n, _) in installed(sh) {
                let tabs = "\t".repeat(((48usize.saturating_sub(n.len())) / 8).max(1));
                text.push_str(&format!("{n}{tabs}install\n"));
            }
            sh.out_str(&text)?;
            Ok(0)
        }
        other => {
            sh.err_str(&format!("dockersim: {name} {other}: not simulated (it answers -l, -s and --print-architecture)\n"))?;
            Ok(2)
        }
    }
}

/// A `dpkg -l` row: name, version, architecture, description.
type Row = (String, String, String, String);

/// `dpkg -l [PATTERN…]`: dpkg-query's table; columns as wide as their
/// widest entry (at least the header's), as when the output is not a terminal.
fn list(sh: &mut Shell, patterns: &[&str]) -> Result<i32, Flow> {
    let all = installed(sh);
    let mut rows: Vec<Row> = Vec::new();
    let mut status = 0;
    let mut missing = Vec::new();
    for (n, stanza) in &all {
        if patterns.is_empty() || patterns.iter().any(|p| crate::glob::Glob::shell(p).is_match(n)) {
            rows.push((n.clone(), field(stanza, "Version"), field(stanza, "Architecture"), field(stanza, "Description")));
        }
    }
    for p in patterns {
        if !all.iter().any(|(n, _)| crate::glob::Glob::shell(p).is_match(n)) {
            missing.push(*p);
        }
    }
    rows.sort();
    if !rows.is_empty() {
        let w = |min: usize, f: &dyn Fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0).max(min);
        let (nw, vw, aw) = (w(14, &|r| r.0.len()), w(12, &|r| r.1.len()), w(12, &|r| r.2.len()));
        let dw = w(11, &|r| r.3.len());
        let mut text = String::from("Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n");
        text.push_str(&format!("||/ {:nw$} {:vw$} {:aw$} Description\n", "Name", "Version", "Architecture"));
        text.push_str(&format!("+++-{}-{}-{}-{}\n", "=".repeat(nw), "=".repeat(vw), "=".repeat(aw), "=".repeat(dw)));
        for (n, v, a, d) in &rows {
            text.push_str(&format!("ii  {n:nw$} {v:vw$} {a:aw$} {d}\n"));
        }
        sh.out_str(&text)?;
    }
    for p in missing {
        sh.err_str(&format!("dpkg-query: no packages found matching {p}\n"))?;
        status = 1;
    }
    Ok(status)
}

fn apt_cache(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let Some(&command) = args.iter().find(|a| !a.starts_with('-')) else {
        sh.out_str("apt 2.7.14 (amd64)\nUsage: apt-cache [options] command\n")?;
        return Ok(0);
    };
    let names: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
    if command != "policy" {
        sh.err_str(&format!("dockersim: apt-cache {command}: not simulated (it answers policy)\n"))?;
        return Ok(100);
    }
    let os_release = read_text(sh, "/etc/os-release").unwrap_or_default();
    let ubuntu = os_release.contains("ID=ubuntu");
    let index = pkg_index::get(pkg_index::apt_index_for(&os_release)).ok();
    let status = read_text(sh, "/var/lib/dpkg/status").unwrap_or_default();
    let code = read_text(sh, "/etc/os-release")
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("VERSION_CODENAME=").map(str::to_string)))
        .unwrap_or_else(|| "bookworm".into());
    let mirror = if ubuntu { "http://archive.ubuntu.com/ubuntu" } else { "http://deb.debian.org/debian" };
    let mut text = String::new();
    for n in names {
        let have = db_field(&status, &format!("Package: {n}\n"), "Version: ");
        let from_docker = have.as_deref().is_some_and(|v| v.contains(&format!("~{code}")));
        let candidate = if from_docker { have.clone() } else { index.as_ref().and_then(|ix| ix.lookup(n)).map(|p| p.latest().to_string()) };
        let Some(candidate) = candidate.or_else(|| have.clone()) else {
            sh.err_str(&format!("N: Unable to locate package {n}\n"))?;
            continue;
        };
        let source = if from_docker {
            format!("https://download.docker.com/linux/{} {code}/stable amd64 Packages", if ubuntu { "ubuntu" } else { "debian" })
        } else {
            format!("{mirror} {code}/main amd64 Packages")
        };
        text.push_str(&format!("{n}:\n  Installed: {}\n  Candidate: {candidate}\n  Version table:\n", have.as_deref().unwrap_or("(none)")));
        let mark = if have.as_deref() == Some(candidate.as_str()) { "***" } else { "   " };
        text.push_str(&format!(" {mark} {candidate} 500\n        500 {source}\n"));
        if mark == "***" {
            text.push_str("        100 /var/lib/dpkg/status\n");
        }
    }
    sh.out_str(&text)?;
    Ok(0)
}

/// `lsb_release [-a|-i|-d|-r|-c] [-s]`, from `/etc/os-release`.
fn lsb_release(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let mut wanted = String::new();
    let mut short = false;
    for a in args {
        match *a {
            "--all" => wanted.push_str("vidrc"),
            "--id" => wanted.push('i'),
            "--description" => wanted.push('d'),
            "--release" => wanted.push('r'),
            "--codename" => wanted.push('c'),
            "--short" => short = true,
            f if f.starts_with('-') && !f.starts_with("--") => {
                for c in f[1..].chars() {
                    match c {
                        'a' => wanted.push_str("vidrc"),
                        's' => short = true,
                        'v' | 'i' | 'd' | 'r' | 'c' => wanted.push(c),
                        _ => {
                            sh.err_str(&format!("Usage: lsb_release [options]\n\nlsb_release: error: no such option: -{c}\n"))?;
                            return Ok(2);
                        }
                    }
                }
            }
            other => {
                sh.err_str(&format!("Usage: lsb_release [options]\n\nlsb_release: error: no such option: {other}\n"))?;
                return Ok(2);
            }
        }
    }
    if wanted.is_empty() {
        wanted.push('v');
    }
    let os = read_text(sh, "/etc/os-release").unwrap_or_default();
    let get = |k: &str| os.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("n/a").trim_matches('"').to_string();
    let mut text = String::new();
    if wanted.contains('v') {
        sh.err_str("No LSB modules are available.\n")?;
    }
    for (flag, label, value) in [
        ('i', "Distributor ID", get("NAME").split_whitespace().next().unwrap_or("n/a").to_string()),
        ('d', "Description", get("PRETTY_NAME")),
        ('r', "Release", get("VERSION_ID")),
        ('c', "Codename", get("VERSION_CODENAME")),
    ] {
        if wanted.contains(flag) {
            if short {
                text.push_str(&format!("{value}\n"));
            } else {
                text.push_str(&format!("{label}:\t{value}\n"));
            }
        }
    }
    sh.out_str(&text)?;
    Ok(0)
}
