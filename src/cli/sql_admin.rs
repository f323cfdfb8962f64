//! The databases' admin probes that healthchecks and scripts call:
//! `pg_isready` and `mysqladmin ping` (`mariadb-admin ping`), answered by
//! whether the server is reachable as the clients reach it.

use super::Out;
use crate::apps::sql::client::{Opts, Prog};
use crate::Engine;

/// Whether `name` is one of the probes here.
pub fn is_admin(name: &str) -> bool {
    matches!(name, "pg_isready" | "mysqladmin" | "mariadb-admin")
}

/// Runs `argv` (a probe) in container `from`; its exit status.
pub fn run(engine: &mut Engine, from: &str, argv: &[String], out: &mut Out) -> i32 {
    let name = argv[0].rsplit('/').next().unwrap_or("").to_string();
    if name == "pg_isready" {
        pg_isready(engine, from, &argv[1..], out)
    } else {
        mysqladmin(engine, from, &name, &argv[1..], out)
    }
}

/// A flag's value: attached (`-hdb`, `--host=db`) or the next word.
fn value(args: &[String], i: &mut usize, short: &str, long: &str) -> Option<String> {
    let a = &args[*i];
    if a == short || a == long {
        *i += 1;
        return args.get(*i).cloned();
    }
    if let Some(v) = a.strip_prefix(&format!("{long}=")) {
        return Some(v.to_string());
    }
    a.strip_prefix(short).filter(|v| !v.is_empty() && short.len() == 2).map(str::to_string)
}

fn pg_isready(engine: &mut Engine, from: &str, args: &[String], out: &mut Out) -> i32 {
    let mut o = Opts::default();
    let mut quiet = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].clone();
        if a == "-q" || a == "--quiet" {
            quiet = true;
        } else if a == "--version" || a == "-V" {
            let v = super::sql::env_of(engine, from).get("PG_VERSION").cloned().unwrap_or_default();
            out.line(format!("pg_isready (PostgreSQL) {}", v.split('-').next().unwrap_or("")));
            return 0;
        } else if let Some(h) = value(args, &mut i, "-h", "--host") {
            o.host = Some(h);
        } else if let Some(p) = value(args, &mut i, "-p", "--port") {
            match p.parse() {
                Ok(p) => o.port = Some(p),
                Err(_) => {
                    out.eline(format!("pg_isready: error: invalid port number: \"{p}\""));
                    return 3;
                }
            }
        } else if value(args, &mut i, "-U", "--username").is_some()
            || value(args, &mut i, "-d", "--dbname").is_some()
            || value(args, &mut i, "-t", "--timeout").is_some()
        {
        } else {
            out.eline(format!(
                "pg_isready: error: invalid option -- '{}'\npg_isready: hint: Try \"pg_isready --help\" for more information.",
                a.trim_start_matches('-')
            ));
            return 3;
        }
        i += 1;
    }
    let port = o.port.unwrap_or(5432);
    let place = match o.host.as_deref().filter(|h| !h.is_empty() && *h != "localhost") {
        Some(h) => h.to_string(),
        None if o.host.is_some() => "localhost".into(),
        None => "/var/run/postgresql".into(),
    };
    let (text, code) = match super::sql::connect_to(engine, from, Prog::Psql, &o) {
        Ok(()) => ("accepting connections", 0),
        Err(_) => ("no response", 2),
    };
    if !quiet {
        out.line(format!("{place}:{port} - {text}"));
    }
    code
}

fn mysqladmin(engine: &mut Engine, from: &str, name: &str, args: &[String], out: &mut Out) -> i32 {
    let mut o = Opts::default();
    let mut commands = Vec::new();
    let mut silent = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].clone();
        if a == "-s" || a == "--silent" {
            silent = true;
        } else if let Some(h) = value(args, &mut i, "-h", "--host") {
            o.host = Some(h);
        } else if let Some(p) = value(args, &mut i, "-P", "--port") {
            o.port = p.parse().ok();
        } else if let Some(u) = value(args, &mut i, "-u", "--user") {
            o.user = Some(u);
        } else if let Some(p) = a.strip_prefix("-p").or_else(|| a.strip_prefix("--password=")) {
            o.password = Some(p.to_string());
        } else if a.starts_with('-') {
            out.eline(format!("dockersim: {name} {a}: not simulated ({name} models ping, -h, -P, -u, -p, --silent)"));
            return 1;
        } else {
            commands.push(a);
        }
        i += 1;
    }
    if o.password.as_deref().is_some_and(|p| !p.is_empty()) {
        out.eline(format!("{name}: [Warning] Using a password on the command line interface can be insecure."));
    }
    match commands.first().map(String::as_str) {
        Some("ping") => {}
        Some(other) => {
            out.eline(format!("dockersim: {name} {other}: not simulated ({name} ping is)"));
            return 1;
        }
        None => {
            out.eline(format!("dockersim: {name} without a command: its usage text is not simulated ({name} ping is)"));
            return 1;
        }
    }
    match super::sql::connect_to(engine, from, Prog::Mysql, &o) {
        // The server answers ping even when it refuses the login.
        Ok(()) => {
            if !silent {
                out.line("mysqld is alive");
            }
            0
        }
        Err(msg) => {
            let host = o.host.clone().unwrap_or_else(|| "localhost".into());
            let reason = msg.trim_end().split_once(") ").map_or(msg.trim_end(), |(_, r)| r).to_string();
            out.eline(format!("{name}: connect to server at '{host}' failed\nerror: '{reason}'"));
            if host == "localhost" {
                out.eline("Check that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!");
            }
            1
        }
    }
}
