//! Container lifecycle commands: run, create, start, stop, restart, kill,
//! rm, exec, rename, attach, wait, pause, unpause, container prune.

use super::daemon::{self, print_logs};
use super::flags::{self, b, v, Flag};
use super::reference::Reference;
use super::session::{self, Session};
use super::{arg_error, flag_error, Out};
use crate::container::process::{self, Outcome};
use crate::container::{ports, LookupError, RunConfig};
use crate::Engine;

const RUN_FLAGS: &[Flag] = &[
    b("detach", Some('d')),
    b("interactive", Some('i')),
    b("tty", Some('t')),
    b("rm", None),
    v("name", None),
    v("publish", Some('p')),
    b("publish-all", Some('P')),
    v("env", Some('e')),
    v("workdir", Some('w')),
    v("user", Some('u')),
    v("entrypoint", None),
    v("volume", Some('v')),
    v("network", None),
    v("hostname", Some('h')),
    v("label", Some('l')),
    v("restart", None),
    v("memory", Some('m')),
    v("platform", None),
    v("pull", None),
    v("expose", None),
    b("init", None),
    b("help", None),
];

const EXEC_FLAGS: &[Flag] = &[
    b("detach", Some('d')),
    b("interactive", Some('i')),
    b("tty", Some('t')),
    v("env", Some('e')),
    v("workdir", Some('w')),
    v("user", Some('u')),
    b("privileged", None),
];

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "run" | "create" => run_or_create(engine, cmd, args, out),
        "start" => start(engine, args, out),
        "stop" | "restart" | "kill" | "pause" | "unpause" | "wait" => stop_like(engine, cmd, args, out),
        "rm" => rm(engine, args, out),
        "exec" => exec(engine, args, out),
        "rename" => rename(engine, args, out),
        "attach" => attach(engine, args, out),
        "container prune" => prune(engine, args, out),
        _ => 1,
    }
}

/// `No such container: x` in the daemon's words.
pub fn resolve(engine: &Engine, reference: &str) -> Result<String, String> {
    engine.containers.resolve(reference).map_err(|e| match e {
        LookupError::NotFound(r) => format!("No such container: {r}"),
        LookupError::Ambiguous(r) => format!("multiple IDs found with provided prefix: {r}"),
    })
}

/// Resolves a container or prints the daemon's error.
pub fn resolve_or_report(engine: &Engine, reference: &str, out: &mut Out) -> Option<String> {
    match resolve(engine, reference) {
        Ok(id) => Some(id),
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            None
        }
    }
}

fn run_or_create(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(RUN_FLAGS, args, false) {
        Ok(p) => p,
        Err(e) => return flag_error(cmd, &e, out),
    };
    let about = if cmd == "run" { "Create and run a new container from an image" } else { "Create a new container" };
    let Some(image_arg) = p.args.first().cloned() else {
        return arg_error(cmd, "at least 1 argument", "[OPTIONS] IMAGE [COMMAND] [ARG...]", about, out);
    };
    let report = |out: &mut Out, msg: &str, help: bool| {
        let mut s = format!("docker: {}.", msg.trim_end_matches('.'));
        if help {
            s.push_str(&format!("\nSee 'docker {cmd} --help'."));
        }
        out.eline(s);
    };
    let r = match Reference::parse(&image_arg) {
        Ok(r) => r,
        Err(e) => {
            report(out, &e, true);
            return 125;
        }
    };
    let mut bindings = Vec::new();
    for spec in p.values("publish") {
        match ports::parse_publish(spec) {
            Ok(b) => bindings.push(b),
            Err(e) => {
                report(out, &e, true);
                return 125;
            }
        }
    }
    let name = p.value("name").filter(|n| !n.is_empty());
    if let Some(w) = p.value("workdir").filter(|w| !w.starts_with('/')) {
        report(out, &format!("Error response from daemon: the working directory '{w}' is invalid, it needs to be an absolute path"), true);
        return 125;
    }
    if let Some(bad) = p.values("env").iter().find(|e| e.starts_with('=') || e.is_empty()) {
        report(out, &format!("invalid environment variable: {bad}"), true);
        return 125;
    }
    if let Some(name) = name {
        if let Err(e) = daemon::validate_name(name) {
            report(out, &format!("Error response from daemon: {e}"), true);
            return 125;
        }
        if let Some(conflict) = daemon::name_conflict(engine, name) {
            report(out, &format!("Error response from daemon: {conflict}"), true);
            return 125;
        }
    }
    let image_id = match daemon::find_image(engine, &image_arg) {
        Some(id) => id,
        None => {
            out.eline(format!("Unable to find image '{}' locally", r.familiar()));
            match daemon::pull(engine, &r, out) {
                Ok(id) => id,
                Err(e) => {
                    report(out, &format!("Error response from daemon: {e}"), true);
                    return 125;
                }
            }
        }
    };
    let Some(image) = engine.images.get(&image_id).cloned() else { return 125 };
    let ic = &image.config.config;
    let mut config = RunConfig {
        entrypoint: ic.entrypoint.clone().unwrap_or_default(),
        cmd: ic.cmd.clone().unwrap_or_default(),
        env: ic.env.clone(),
        working_dir: ic.working_dir.clone(),
        user: ic.user.clone(),
        tty: p.on("tty"),
        interactive: p.on("interactive"),
        exposed_ports: ic.exposed_ports.keys().cloned().collect(),
        labels: ic.labels.clone(),
        hostname: String::new(),
    };
    if let Some(ep) = p.value("entrypoint") {
        config.entrypoint = if ep.is_empty() { Vec::new() } else { vec![ep.to_string()] };
        config.cmd = Vec::new();
    }
    if p.args.len() > 1 {
        config.cmd = p.args[1..].to_vec();
    }
    for e in p.values("env") {
        let entry = match e.split_once('=') {
            Some(_) => e.clone(),
            None => match engine.host.env.get(e) {
                Some(val) => format!("{e}={val}"),
                None => continue,
            },
        };
        let key = entry.split('=').next().unwrap_or("").to_string();
        config.env.retain(|kv| kv.split('=').next() != Some(key.as_str()));
        config.env.push(entry);
    }
    if let Some(w) = p.value("workdir") {
        config.working_dir = w.to_string();
    }
    if let Some(u) = p.value("user") {
        config.user = u.to_string();
    }
    for l in p.values("label") {
        let (k, val) = l.split_once('=').unwrap_or((l, ""));
        config.labels.insert(k.to_string(), val.to_string());
    }
    if p.on("publish-all") {
        for e in &config.exposed_ports {
            let (port, proto) = e.split_once('/').unwrap_or((e, "tcp"));
            if let Ok(container_port) = port.parse() {
                bindings.push(ports::PortBinding { host_ip: String::new(), host_port: None, container_port, proto: proto.into() });
            }
        }
    }
    for b in &bindings {
        if !config.exposed_ports.contains(&b.key()) {
            config.exposed_ports.push(b.key());
        }
    }
    config.exposed_ports.sort();
    if config.argv().is_empty() {
        report(out, "Error response from daemon: no command specified", true);
        return 125;
    }
    let image_ref = if r.digest.is_some() || find_image_is_id(&image_arg, &image_id) { image_arg.clone() } else { image_arg.clone() };
    let mut mounts = Vec::new();
    for spec in p.values("volume") {
        let anonymous = daemon::new_id(engine, "volume", spec);
        match crate::container::Mount::parse(spec, &engine.host.cwd, &anonymous) {
            Ok(m) => mounts.push(m),
            Err(e) => {
                report(out, &format!("Error response from daemon: {e}"), true);
                return 125;
            }
        }
    }
    let opts = daemon::CreateOptions { name, config, ports: bindings, mounts, auto_remove: p.on("rm") };
    let id = match daemon::create(engine, &image_id, &image_ref, opts) {
        Ok(id) => id,
        Err(e) => {
            report(out, &format!("Error response from daemon: {e}"), true);
            return 125;
        }
    };
    if cmd == "create" {
        out.line(&id);
        return 0;
    }
    let detach = p.on("detach");
    match daemon::start(engine, &id) {
        Err(e) => {
            report(out, &format!("Error response from daemon: {e}"), false);
            if engine.containers.get(&id).is_some_and(|c| c.auto_remove) {
                engine.containers.remove(&id);
            }
            125
        }
        Ok(Outcome::StartFailed(msg, code)) => {
            report(out, &format!("Error response from daemon: {msg}"), false);
            if engine.containers.get(&id).is_some_and(|c| c.auto_remove) {
                engine.containers.remove(&id);
            }
            code
        }
        Ok(outcome) => after_start(engine, &id, outcome, detach, p.on("interactive"), out),
    }
}

fn find_image_is_id(arg: &str, id: &str) -> bool {
    id.trim_start_matches("sha256:").starts_with(arg.trim_start_matches("sha256:"))
}

/// What the terminal shows once the main process is running.
fn after_start(engine: &mut Engine, id: &str, outcome: Outcome, detach: bool, interactive: bool, out: &mut Out) -> i32 {
    if detach {
        out.line(id);
        if let Outcome::Interactive(_) = outcome {
            if !interactive {
                daemon::finish(engine, id, 0);
            }
        }
        if let Outcome::Exited(_) = outcome {
            if engine.containers.get(id).is_some_and(|c| c.auto_remove) {
                engine.containers.remove(id);
            }
        }
        return 0;
    }
    let logs = daemon::logs_since(engine, id, 0);
    print_logs(&logs, out);
    match outcome {
        Outcome::Exited(code) => {
            if engine.containers.get(id).is_some_and(|c| c.auto_remove) {
                engine.containers.remove(id);
            }
            code
        }
        Outcome::Interactive(repl) if interactive => {
            let tty = engine.containers.get(id).is_some_and(|c| c.config.tty);
            session::open(engine, Session { container_id: id.to_string(), repl, exec: false, tty }, out);
            0
        }
        Outcome::Interactive(_) => {
            // Standard input is closed: the shell or REPL reads EOF and exits.
            daemon::finish(engine, id, 0);
            0
        }
        _ => 0,
    }
}

fn start(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("attach", Some('a')), b("interactive", Some('i'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("start", &e, out),
    };
    if p.args.is_empty() {
        return arg_error("start", "at least 1 argument", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", out);
    }
    let attach = p.on("attach");
    let mut status = 0;
    for name in &p.args {
        let Some(id) = resolve_or_report(engine, name, out) else {
            status = 1;
            continue;
        };
        let already = engine.containers.get(&id).is_some_and(|c| c.is_running());
        let log_start = engine.containers.get(&id).map(|c| c.logs.len()).unwrap_or(0);
        if !already {
            if let Some(c) = engine.containers.get_mut(&id) {
                if !matches!(c.state, crate::container::State::Created) {
                    c.restart_count += 0;
                }
            }
        }
        match daemon::start(engine, &id) {
            Err(e) | Ok(Outcome::StartFailed(e, _)) => {
                out.eline(format!("Error response from daemon: {e}"));
                out.eline(format!("Error: failed to start containers: {name}"));
                status = 1;
            }
            Ok(outcome) => {
                if attach && !already {
                    let logs = daemon::logs_since(engine, &id, log_start);
                    print_logs(&logs, out);
                    match outcome {
                        Outcome::Exited(code) => status = code,
                        Outcome::Interactive(repl) if p.on("interactive") => {
                            let tty = engine.containers.get(&id).is_some_and(|c| c.config.tty);
                            session::open(engine, Session { container_id: id.clone(), repl, exec: false, tty }, out);
                        }
                        Outcome::Interactive(_) => daemon::finish(engine, &id, 0),
                        _ => {}
                    }
                } else {
                    if let Outcome::Interactive(_) = outcome {
                        let keep = engine.containers.get(&id).is_some_and(|c| c.config.interactive);
                        if !keep {
                            daemon::finish(engine, &id, 0);
                        }
                    }
                    out.line(name);
                }
            }
        }
    }
    status
}

fn stop_like(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
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
        let running = engine.containers.get(&id).is_some_and(|c| c.is_running());
        match cmd {
            "stop" => {
                daemon::stop(engine, &id);
                out.line(name);
            }
            "kill" => {
                if !running {
                    out.eline(format!("Error response from daemon: cannot kill container: {name}: container {id} is not running"));
                    status = 1;
                    continue;
                }
                daemon::finish(engine, &id, 137);
                out.line(name);
            }
            "restart" => {
                daemon::stop(engine, &id);
                if let Some(c) = engine.containers.get_mut(&id) {
                    c.restart_count += 1;
                }
                match daemon::start(engine, &id) {
                    Err(e) | Ok(Outcome::StartFailed(e, _)) => {
                        out.eline(format!("Error response from daemon: Cannot restart container {name}: {e}"));
                        status = 1;
                    }
                    Ok(Outcome::Interactive(_)) => {
                        let keep = engine.containers.get(&id).is_some_and(|c| c.config.interactive);
                        if !keep {
                            daemon::finish(engine, &id, 0);
                        }
                        out.line(name);
                    }
                    Ok(_) => out.line(name),
                }
            }
            "wait" => {
                if running {
                    daemon::stop(engine, &id);
                }
                let code = match engine.containers.get(&id).map(|c| &c.state) {
                    Some(crate::container::State::Exited { code, .. }) => *code,
                    _ => 0,
                };
                out.line(code.to_string());
            }
            _ => {
                if !running {
                    out.eline(format!("Error response from daemon: container {id} is not running"));
                    status = 1;
                } else {
                    out.line(name);
                }
            }
        }
    }
    status
}

fn rm(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
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
        let (running, cname) = match engine.containers.get(&id) {
            Some(c) => (c.is_running(), c.name.clone()),
            None => continue,
        };
        if running && !p.on("force") {
            out.eline(format!(
                "Error response from daemon: cannot remove container \"/{cname}\": container is running: stop the container before removing or force remove"
            ));
            status = 1;
            continue;
        }
        if running {
            if let Some(c) = engine.containers.get_mut(&id) {
                c.auto_remove = false;
            }
            daemon::finish(engine, &id, 137);
        }
        engine.containers.remove(&id);
        out.line(name);
    }
    status
}

fn exec(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(EXEC_FLAGS, args, false) {
        Ok(p) => p,
        Err(e) => return flag_error("exec", &e, out),
    };
    if p.args.len() < 2 {
        return arg_error("exec", "at least 2 arguments", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", out);
    }
    let Some(id) = resolve_or_report(engine, &p.args[0], out) else { return 1 };
    let now = engine.now;
    if !engine.containers.get(&id).is_some_and(|c| c.is_running()) {
        out.eline(format!("Error response from daemon: container {id} is not running"));
        return 1;
    }
    super::mounts::sync_in(engine, &id);
    let Some(c) = engine.containers.get_mut(&id) else { return 1 };
    let saved = (c.config.env.clone(), c.config.working_dir.clone());
    for e in p.values("env") {
        c.config.env.push(e.clone());
    }
    if let Some(w) = p.value("workdir") {
        c.config.working_dir = w.to_string();
    }
    let argv = p.args[1..].to_vec();
    if argv[0].rsplit('/').next() == Some("curl") && process::find_program(c, &argv[0]).is_some() {
        (c.config.env, c.config.working_dir) = saved;
        return super::network::curl(engine, Some(&id), &argv[1..], out);
    }
    let result = exec_in(c, &argv, now, p.on("interactive"));
    let c = engine.containers.get_mut(&id).expect("still there");
    (c.config.env, c.config.working_dir) = saved;
    super::mounts::sync_out(engine, &id);
    match result {
        ExecOutcome::Done(stdout, stderr, code) => {
            if !p.on("detach") {
                out.out(stdout);
                out.err(stderr);
            }
            code
        }
        ExecOutcome::Session(repl) => {
            session::open(engine, Session { container_id: id, repl, exec: true, tty: p.on("tty") }, out);
            0
        }
        ExecOutcome::NotFound(msg) => {
            out.line(format!("OCI runtime exec failed: exec failed: unable to start container process: {msg}: unknown"));
            127
        }
    }
}

enum ExecOutcome {
    Done(String, String, i32),
    Session(process::Repl),
    NotFound(String),
}

fn exec_in(c: &mut crate::container::Container, argv: &[String], now: i64, interactive: bool) -> ExecOutcome {
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
        ("node", 1) => Some(process::Repl::Node { version: c.config.env_map().get("NODE_VERSION").cloned().unwrap_or_else(|| "22.12.0".into()) }),
        (n, 1) if n.starts_with("python") => {
            Some(process::Repl::Python { version: c.config.env_map().get("PYTHON_VERSION").cloned().unwrap_or_else(|| "3.8.20".into()) })
        }
        _ => None,
    };
    match repl {
        Some(r) if interactive => ExecOutcome::Session(r),
        Some(_) => ExecOutcome::Done(String::new(), String::new(), 0),
        None => {
            let r = process::run_shell(c, argv, now);
            ExecOutcome::Done(r.stdout, r.stderr, r.status)
        }
    }
}

fn rename(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("rename", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error("rename", "exactly 2 arguments", "CONTAINER NEW_NAME", "Rename a container", out);
    }
    let Some(id) = resolve_or_report(engine, &p.args[0], out) else { return 1 };
    if let Err(e) = daemon::validate_name(&p.args[1]) {
        out.eline(format!("Error response from daemon: {e}"));
        return 1;
    }
    if let Some(conflict) = daemon::name_conflict(engine, &p.args[1]) {
        out.eline(format!("Error response from daemon: Error when allocating new name: {conflict}"));
        return 1;
    }
    if let Some(c) = engine.containers.get_mut(&id) {
        c.name = p.args[1].trim_start_matches('/').to_string();
    }
    0
}

fn attach(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
        return arg_error("attach", "exactly 1 argument", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", out);
    };
    let Some(id) = resolve_or_report(engine, name, out) else { return 1 };
    if !engine.containers.get(&id).is_some_and(|c| c.is_running()) {
        out.eline("You cannot attach to a stopped container, start it first");
        return 1;
    }
    let logs = daemon::logs_since(engine, &id, 0);
    print_logs(&logs, out);
    0
}

fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("force", Some('f')), v("filter", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("container prune", &e, out),
    };
    if super::ask(engine, p.on("force"), &["container", "prune"], args, "WARNING! This will remove all stopped containers.", out) {
        return 0;
    }
    let stopped: Vec<(String, u64)> =
        engine.containers.iter().filter(|c| !c.is_running()).map(|c| (c.id.clone(), c.rw_size())).collect();
    let mut total = 0;
    if !stopped.is_empty() {
        out.line("Deleted Containers:");
    }
    for (id, size) in &stopped {
        engine.containers.remove(id);
        out.line(id);
        total += size;
    }
    if !stopped.is_empty() {
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", super::units::human_size(total)));
    0
}
