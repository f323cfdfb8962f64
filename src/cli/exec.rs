//! `docker exec`: another process in a running container.

use super::containers::resolve_or_report;
use super::flags::{self, b, v, Flag};
use super::session::{self, Session};
use super::{arg_error, flag_error, Out};
use crate::container::process;
use crate::Engine;

pub(crate) const EXEC_FLAGS: &[Flag] = &[
    b("help", None),
    b("detach", Some('d')),
    b("interactive", Some('i')),
    b("tty", Some('t')),
    v("env", Some('e')),
    v("workdir", Some('w')),
    v("user", Some('u')),
    b("privileged", None),
];

pub(crate) fn exec(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(EXEC_FLAGS, args, false) {
        Ok(p) => p,
        Err(e) => return flag_error("exec", &e, out),
    };
    if p.args.len() < 2 {
        return arg_error(
            "exec",
            "at least 2 arguments",
            "[OPTIONS] CONTAINER COMMAND [ARG...]",
            "Execute a command in a running container",
            out,
        );
    }
    let Some(id) = resolve_or_report(engine, &p.args[0], out) else { return 1 };
    let now = engine.daemon.now;
    if engine.daemon.containers.get(&id).is_some_and(|c| c.is_restarting()) {
        out.eline(format!("Error response from daemon: Container {id} is restarting, wait until the container is running"));
        return 1;
    }
    if !engine.daemon.containers.get(&id).is_some_and(|c| c.is_running()) {
        out.eline(format!("Error response from daemon: container {id} is not running"));
        return 1;
    }
    if engine.daemon.containers.get(&id).is_some_and(|c| c.paused) {
        out.eline(format!("Error response from daemon: container {id} is paused, unpause the container first"));
        return 1;
    }
    let argv = &p.args[1..];
    let command = format!("{} {}", argv[0], argv[1..].join(" "));
    let exec_id = crate::digest::sha256_hex(format!("exec\0{id}\0{now}\0{}", engine.daemon.events.len()).as_bytes());
    engine.daemon.container_event(&id, format!("exec_create: {command}"), &[("execID", exec_id.clone())]);
    engine.daemon.container_event(&id, format!("exec_start: {command}"), &[("execID", exec_id.clone())]);
    let code = run(engine, &id, &p, now, out);
    if engine.session.as_ref().is_none_or(|s| s.container_id != id) {
        engine.daemon.container_event(&id, "exec_die", &[("execID", exec_id), ("exitCode", code.to_string())]);
    }
    code
}

/// Runs the command of `docker exec` in running container `id`.
fn run(engine: &mut Engine, id: &str, p: &flags::Parsed, now: i64, out: &mut Out) -> i32 {
    let id = id.to_string();
    engine.daemon.sync_in(&mut engine.host.fs, &id);
    let Some(c) = engine.daemon.containers.get_mut(&id) else { return 1 };
    let saved = (c.config.env.clone(), c.config.working_dir.clone());
    for e in p.values("env") {
        c.config.env.push(e.clone());
    }
    if let Some(w) = p.value("workdir") {
        c.config.working_dir = w.to_string();
    }
    let argv = p.args[1..].to_vec();
    if super::network::is_network_program(argv[0].rsplit('/').next().unwrap_or("")) && process::find_program(c, &argv[0]).is_some() {
        (c.config.env, c.config.working_dir) = saved;
        return super::network::program(engine, &id, &argv, out).unwrap_or(127);
    }
    let mongo = super::mongo::is_client(engine, &id, &argv[0]);
    if mongo || super::sql::client_of(engine, &id, &argv[0]).is_some() {
        let piped =
            if p.on("interactive") { String::from_utf8_lossy(&std::mem::take(&mut engine.host.stdin)).into_owned() } else { String::new() };
        let mut sub = Out::default();
        let ran = if mongo {
            super::mongo::run(engine, &id, &argv, Some(&piped), p.on("interactive") && piped.is_empty(), &mut sub)
        } else {
            super::sql::run(engine, &id, &argv, Some(&piped), p.on("interactive"), p.on("tty"), &mut sub)
        };
        if let Some(c) = engine.daemon.containers.get_mut(&id) {
            (c.config.env, c.config.working_dir) = saved;
        }
        if !p.on("detach") {
            for c in sub.chunks {
                out.push(c.stream, &c.text);
            }
        }
        return match ran {
            super::sql::Ran2::Done(code) => code,
            super::sql::Ran2::Session(repl) => {
                session::open(engine, Session::new(&id, repl, true, p.on("tty")), out);
                0
            }
        };
    }
    let interactive = p.on("interactive");
    // `-i`: the process reads the client's standard input (a pipe, a file).
    let stdin = if interactive && !p.on("detach") { engine.host.stdin.clone() } else { Vec::new() };
    let ran = super::containers::with_stdin(engine, &id, stdin, |engine| {
        session::with_programs(engine, &id, |c, hook| exec_in(c, &argv, now, interactive, hook))
    });
    let Some(result) = ran else { return 1 };
    let c = engine.daemon.containers.get_mut(&id).expect("still there");
    (c.config.env, c.config.working_dir) = saved;
    engine.daemon.sync_out(&mut engine.host.fs, &id);
    match result {
        ExecOutcome::Done(chunks, code, binary) => {
            if !p.on("detach") {
                for (is_err, text) in chunks {
                    if is_err {
                        out.err(&text);
                    } else if binary.is_none() {
                        out.out(text);
                    }
                }
                // Output that is not text (`tar c` to stdout) passes byte for byte.
                if let Some(bytes) = binary {
                    out.raw.extend(bytes);
                }
            }
            code
        }
        ExecOutcome::Session(repl) => {
            let piped = std::mem::take(&mut engine.host.stdin);
            if !piped.is_empty() && p.on("interactive") {
                return session::feed(engine, &Session::new(&id, repl, true, p.on("tty")), &String::from_utf8_lossy(&piped), out);
            }
            session::open(engine, Session::new(&id, repl, true, p.on("tty")), out);
            0
        }
        ExecOutcome::NotFound(msg) => {
            out.line(format!("OCI runtime exec failed: exec failed: unable to start container process: {msg}: unknown"));
            127
        }
    }
}

/// `redis-cli [-h HOST] [-p PORT]` without a command: its prompt's server.
fn redis_prompt(args: &[String]) -> Option<(String, u16)> {
    let (mut host, mut port) = ("127.0.0.1".to_string(), 6379);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-h" => host = args.get(i + 1)?.clone(),
            "-p" => port = args.get(i + 1)?.parse().ok()?,
            "--raw" | "--no-raw" => {
                i += 1;
                continue;
            }
            _ => return None,
        }
        i += 2;
    }
    Some((host, port))
}

enum ExecOutcome {
    /// Output in the order written (`true` = stderr), the exit code, and
    /// stdout as bytes when it was not text.
    Done(Vec<(bool, String)>, i32, Option<Vec<u8>>),
    Session(process::Repl),
    NotFound(String),
}

fn exec_in(c: &mut crate::container::Container, argv: &[String], now: i64, interactive: bool, hook: &mut process::Hook<'_>) -> ExecOutcome {
    let program = &argv[0];
    let Some(path) = process::find_program(c, program) else {
        return ExecOutcome::NotFound(if program.contains('/') {
            format!("exec: \"{program}\": stat {program}: no such file or directory")
        } else {
            format!("exec: \"{program}\": executable file not found in $PATH")
        });
    };
    let name = path.rsplit('/').next().unwrap_or("");
    let repl = match (name, argv.len()) {
        ("sh" | "bash" | "ash" | "dash", 1) => Some(process::Repl::Shell { program: name.into(), cwd: process::workdir(c) }),
        ("node", 1) => {
            Some(process::Repl::Node { version: c.config.env_map().get("NODE_VERSION").cloned().unwrap_or_else(|| "22.12.0".into()) })
        }
        ("redis-cli", _) if redis_prompt(&argv[1..]).is_some() => {
            let (host, port) = redis_prompt(&argv[1..]).unwrap_or_default();
            Some(process::Repl::RedisCli { host, port })
        }
        (n, 1) if n.starts_with("python") => {
            Some(process::Repl::Python { version: c.config.env_map().get("PYTHON_VERSION").cloned().unwrap_or_else(|| "3.8.20".into()) })
        }
        _ => None,
    };
    // A REPL whose standard input is a pipe runs it as its program (`docker
    // exec -i c python < script.py`); a shell reads it line by line.
    let piped_program = matches!(repl, Some(process::Repl::Node { .. } | process::Repl::Python { .. })) && !c.stdin.is_empty();
    match repl {
        Some(r) if interactive && !piped_program => ExecOutcome::Session(r),
        Some(_) if !piped_program => ExecOutcome::Done(Vec::new(), 0, None),
        _ => {
            let r = process::run_shell_with(c, argv, now, hook);
            ExecOutcome::Done(r.chunks, r.status, r.stdout_bytes)
        }
    }
}
