//! start, stop, restart, kill, wait, pause, rm, rename, attach, container prune.

use super::containers::resolve_or_report;
use super::flags::{self, b, v, Flag};
use super::session::{self, Session};
use super::start::{self, print_logs};
use super::{arg_error, flag_error, Out};
use crate::container::process::Outcome;
use crate::Engine;

pub(crate) fn start(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("attach", Some('a')), b("interactive", Some('i'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("start", &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            "start",
            "at least 1 argument",
            "[OPTIONS] CONTAINER [CONTAINER...]",
            "Start one or more stopped containers",
            out,
        );
    }
    let attach = p.on("attach");
    let mut status = 0;
    for name in &p.args {
        let Some(id) = resolve_or_report(engine, name, out) else {
            status = 1;
            continue;
        };
        let already = engine.daemon.containers.get(&id).is_some_and(|c| c.is_running());
        let log_start = engine.daemon.containers.get(&id).map(|c| c.logs.len()).unwrap_or(0);
        if !already {
            engine.daemon.started_by_user(&id);
        }
        if attach && !already {
            engine.daemon.container_event(&id, "attach", &[]);
        }
        // `-ai`: the process reads the client's standard input.
        let stdin = if attach && p.on("interactive") && !already { engine.host.stdin.clone() } else { Vec::new() };
        match super::containers::with_stdin(engine, &id, stdin, |engine| start::start(engine, &id)) {
            Err(e) | Ok(Outcome::StartFailed(e, _)) => {
                out.eline(format!("Error response from daemon: {e}"));
                out.eline(format!("Error: failed to start containers: {name}"));
                status = 1;
            }
            Ok(outcome) => {
                if attach && !already {
                    let logs = engine.daemon.logs_since(&id, log_start);
                    super::containers::print_attached(engine, &id, &logs, out);
                    match outcome {
                        Outcome::Exited(code) => status = code,
                        Outcome::Interactive(repl) if p.on("interactive") => {
                            let tty = engine.daemon.containers.get(&id).is_some_and(|c| c.config.tty);
                            let piped = std::mem::take(&mut engine.host.stdin);
                            if piped.is_empty() {
                                session::open(engine, Session::new(&id, repl, false, tty), out);
                            } else {
                                status = session::feed(engine, &Session::new(&id, repl, false, tty), &String::from_utf8_lossy(&piped), out);
                            }
                        }
                        Outcome::Interactive(_) => start::finish(engine, &id, 0),
                        _ => {}
                    }
                } else {
                    if let Outcome::Interactive(_) = outcome {
                        let keep = engine.daemon.containers.get(&id).is_some_and(|c| c.config.interactive);
                        if !keep {
                            start::finish(engine, &id, 0);
                        }
                    }
                    out.line(name);
                }
            }
        }
    }
    status
}

pub(crate) fn stop_like(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("time", Some('t')), v("signal", Some('s'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error(cmd, &e, out),
    };
    if p.args.is_empty() {
        let (usage, about) = match cmd {
            "stop" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers"),
            "restart" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers"),
            "kill" => ("[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers"),
            "wait" => ("CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes"),
            _ => ("CONTAINER [CONTAINER...]", "Pause all processes within one or more containers"),
        };
        return arg_error(cmd, "at least 1 argument", usage, about, out);
    }
    let mut status = 0;
    for name in &p.args {
        let Some(id) = resolve_or_report(engine, name, out) else {
            status = 1;
            continue;
        };
        let running = engine.daemon.containers.get(&id).is_some_and(|c| c.is_running());
        match cmd {
            "stop" => {
                start::stop(engine, &id);
                out.line(name);
            }
            "kill" => {
                let restarting = engine.daemon.containers.get(&id).is_some_and(|c| c.is_restarting());
                if !running && !restarting {
                    out.eline(format!("Error response from daemon: cannot kill container: {name}: container {id} is not running"));
                    status = 1;
                    continue;
                }
                engine.daemon.stopped_by_user(&id);
                let signal = p.value("signal").map_or("9".to_string(), signal_number);
                engine.daemon.container_event(&id, "kill", &[("signal", signal)]);
                if running {
                    start::finish(engine, &id, 137);
                }
                out.line(name);
            }
            "restart" => {
                start::stop(engine, &id);
                engine.daemon.started_by_user(&id);
                if let Err(e) | Ok(Outcome::StartFailed(e, _)) = start::start_unattended(engine, &id) {
                    out.eline(format!("Error response from daemon: Cannot restart container {name}: {e}"));
                    status = 1;
                    continue;
                }
                engine.daemon.container_event(&id, "restart", &[]);
                out.line(name);
            }
            "wait" => {
                let ends = engine.daemon.containers.get(&id).and_then(|c| c.exits_at);
                match ends {
                    // The clock runs until the main process ends by itself.
                    Some((at, _)) if running => {
                        engine.daemon.now = engine.daemon.now.max(at);
                        start::timed_exits(engine);
                    }
                    Some(_) | None if !running => {}
                    _ => {
                        out.eline(format!("dockersim: docker wait: {name} runs until it is stopped, so the wait would never end; stop it (docker stop) in another terminal to see its code"));
                        status = 1;
                        continue;
                    }
                }
                let code = match engine.daemon.containers.get(&id).map(|c| &c.state) {
                    Some(crate::container::State::Exited { code, .. }) => *code,
                    _ => 0,
                };
                out.line(code.to_string());
            }
            _ => {
                let paused = engine.daemon.containers.get(&id).is_some_and(|c| c.paused);
                let refusal = match (cmd, running, paused) {
                    ("unpause", _, false) => Some(format!("Error response from daemon: container {id} is not paused")),
                    (_, false, _) => Some(format!("Error response from daemon: container {id} is not running")),
                    ("pause", _, true) => Some(format!("Error response from daemon: container {id} is already paused")),
                    _ => None,
                };
                match refusal {
                    Some(e) => {
                        out.eline(e);
                        status = 1;
                    }
                    None => {
                        if let Some(c) = engine.daemon.containers.get_mut(&id) {
                            c.paused = cmd == "pause";
                        }
                        engine.daemon.container_event(&id, cmd, &[]);
                        out.line(name);
                    }
                }
            }
        }
    }
    status
}

pub(crate) fn rm(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("force", Some('f')), b("volumes", Some('v')), b("link", Some('l'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("rm", &e, out),
    };
    if p.args.is_empty() {
        return arg_error("rm", "at least 1 argument", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", out);
    }
    let mut status = 0;
    for name in &p.args {
        let Some(id) = resolve_or_report(engine, name, out) else {
            status = 1;
            continue;
        };
        let (running, cname, state) = match engine.daemon.containers.get(&id) {
            Some(c) => (c.is_running() || c.is_restarting(), c.name.clone(), super::inspect::state_name(c)),
            None => continue,
        };
        if running && !p.on("force") {
            let why = if state == "paused" {
                "container is paused and must be unpaused first".to_string()
            } else {
                format!("container is {state}: stop the container before removing or force remove")
            };
            out.eline(format!("Error response from daemon: cannot remove container \"/{cname}\": {why}"));
            status = 1;
            continue;
        }
        if running {
            if let Some(c) = engine.daemon.containers.get_mut(&id) {
                c.auto_remove = false;
            }
            engine.daemon.stopped_by_user(&id);
            start::finish(engine, &id, 137);
        }
        if let Some(c) = engine.daemon.remove_container(&id) {
            engine.daemon.networks.remove_container(&id);
            if p.on("volumes") {
                engine.daemon.remove_anonymous_of(&c.mounts);
            }
        }
        out.line(name);
    }
    status
}

pub(crate) fn rename(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("rename", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error("rename", "exactly 2 arguments", "CONTAINER NEW_NAME", "Rename a container", out);
    }
    let Some(id) = resolve_or_report(engine, &p.args[0], out) else { return 1 };
    if let Err(e) = crate::daemon::validate_name(&p.args[1]) {
        out.eline(format!("Error response from daemon: {e}"));
        return 1;
    }
    if let Some(conflict) = engine.daemon.name_conflict(&p.args[1]) {
        out.eline(format!("Error response from daemon: Error when allocating new name: {conflict}"));
        return 1;
    }
    let mut old_name = String::new();
    if let Some(c) = engine.daemon.containers.get_mut(&id) {
        old_name = std::mem::replace(&mut c.name, p.args[1].trim_start_matches('/').to_string());
    }
    engine.daemon.container_event(&id, "rename", &[("oldName", format!("/{old_name}"))]);
    0
}

pub(crate) fn attach(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
        return arg_error(
            "attach",
            "exactly 1 argument",
            "[OPTIONS] CONTAINER",
            "Attach local standard input, output, and error streams to a running container",
            out,
        );
    };
    let Some(id) = resolve_or_report(engine, name, out) else { return 1 };
    if !engine.daemon.containers.get(&id).is_some_and(|c| c.is_running()) {
        out.eline("You cannot attach to a stopped container, start it first");
        return 1;
    }
    let logs = engine.daemon.logs_since(&id, 0);
    print_logs(&logs, out);
    0
}

pub(crate) fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("force", Some('f')), v("filter", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("container prune", &e, out),
    };
    if super::ask(engine, p.on("force"), &["container", "prune"], args, "WARNING! This will remove all stopped containers.", out) {
        return 0;
    }
    let stopped: Vec<(String, u64)> =
        engine.daemon.containers.iter().filter(|c| !c.is_running() && !c.is_restarting()).map(|c| (c.id.clone(), c.rw_size())).collect();
    let mut total = 0;
    if !stopped.is_empty() {
        out.line("Deleted Containers:");
    }
    for (id, size) in &stopped {
        engine.daemon.remove_container(id);
        out.line(id);
        total += size;
    }
    if !stopped.is_empty() {
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", super::units::human_size(total)));
    0
}

/// A signal's number for the `kill` event (`-s KILL`, `-s SIGHUP`, `-s 15`).
fn signal_number(name: &str) -> String {
    let n = name.trim_start_matches("SIG").trim_start_matches("sig").to_ascii_uppercase();
    let number = match n.as_str() {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "KILL" => 9,
        "USR1" => 10,
        "USR2" => 12,
        "TERM" => 15,
        "STOP" => 19,
        _ => return n,
    };
    number.to_string()
}
