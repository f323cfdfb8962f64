//! Container lifecycle commands: run, create, start, stop, restart, kill,
//! rm, exec, rename, attach, wait, pause, unpause, container prune.

use super::flags::{self, b, v, Flag};
use super::session::{self, Session};
use super::start::{self, print_logs};
use super::{arg_error, flag_error, Out};
use crate::container::process::Outcome;
use crate::container::{ports, LookupError, RunConfig};
use crate::image::reference::Reference;
use crate::Engine;

const RUN_FLAGS: &[Flag] = &[
    b("detach", Some('d')),
    b("interactive", Some('i')),
    b("tty", Some('t')),
    b("rm", None),
    b("read-only", None),
    v("name", None),
    v("publish", Some('p')),
    b("publish-all", Some('P')),
    v("env", Some('e')),
    v("env-file", None),
    v("workdir", Some('w')),
    v("user", Some('u')),
    v("entrypoint", None),
    v("volume", Some('v')),
    v("mount", None),
    v("volumes-from", None),
    v("tmpfs", None),
    v("network", None),
    v("net", None),
    v("network-alias", None),
    v("link", None),
    v("add-host", None),
    v("hostname", Some('h')),
    v("label", Some('l')),
    v("restart", None),
    v("memory", Some('m')),
    v("cpus", None),
    v("platform", None),
    v("pull", None),
    v("expose", None),
    b("init", None),
    b("quiet", Some('q')),
    b("help", None),
    v("health-cmd", None),
    v("health-interval", None),
    v("health-timeout", None),
    v("health-retries", None),
    v("health-start-period", None),
    v("health-start-interval", None),
    b("no-healthcheck", None),
];

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "run" | "create" => run_or_create(engine, cmd, args, out),
        "start" => super::lifecycle::start(engine, args, out),
        "stop" | "restart" | "kill" | "pause" | "unpause" | "wait" => super::lifecycle::stop_like(engine, cmd, args, out),
        "rm" => super::lifecycle::rm(engine, args, out),
        "exec" => super::exec::exec(engine, args, out),
        "rename" => super::lifecycle::rename(engine, args, out),
        "attach" => super::lifecycle::attach(engine, args, out),
        "container prune" => super::lifecycle::prune(engine, args, out),
        _ => 1,
    }
}

/// `No such container: x` in the daemon's words.
pub fn resolve(engine: &Engine, reference: &str) -> Result<String, String> {
    engine.daemon.containers.resolve(reference).map_err(|e| match e {
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

/// Whether `--help` comes before the image (run/create) or container (exec).
pub(crate) fn help_flag(cmd: &str, args: &[String]) -> bool {
    let flags = if cmd == "exec" { super::exec::EXEC_FLAGS } else { RUN_FLAGS };
    let before: Vec<String> = args.iter().take_while(|a| *a != "--").cloned().collect();
    match flags::parse(flags, &before, false) {
        Ok(p) => p.on("help"),
        Err(_) => false,
    }
}

/// Go's `time.ParseDuration` error for `s`.
fn go_duration_error(s: &str) -> String {
    let body = s.trim_start_matches(['-', '+']);
    let number_end = body.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(body.len());
    if number_end == 0 || body.is_empty() {
        return format!("time: invalid duration \"{s}\"");
    }
    if number_end == body.len() {
        return format!("time: missing unit in duration \"{s}\"");
    }
    let unit: String = body[number_end..].chars().take_while(|c| !c.is_ascii_digit() && *c != '.').collect();
    format!("time: unknown unit \"{unit}\" in duration \"{s}\"")
}

/// `--health-cmd`, `--health-interval` … over the image's HEALTHCHECK, and
/// `--no-healthcheck`, with the daemon's checks of the values.
fn health_flags(p: &flags::Parsed, config: &mut RunConfig) -> Result<(), String> {
    if p.on("no-healthcheck") {
        let conflicting =
            ["health-cmd", "health-interval", "health-timeout", "health-retries", "health-start-period", "health-start-interval"]
                .iter()
                .any(|f| p.value(f).is_some());
        if conflicting {
            return Err("--no-healthcheck conflicts with --health-* options".into());
        }
        config.healthcheck = Some(crate::image::HealthConfig { test: vec!["NONE".into()], ..Default::default() });
        return Ok(());
    }
    let mut h = config.healthcheck.clone().unwrap_or_default();
    let mut touched = false;
    if let Some(cmd) = p.value("health-cmd") {
        h.test = vec!["CMD-SHELL".into(), cmd.to_string()];
        touched = true;
    }
    for (flag, name) in [
        ("health-interval", "interval"),
        ("health-timeout", "timeout"),
        ("health-start-period", "start-period"),
        ("health-start-interval", "start-interval"),
    ] {
        let Some(value) = p.value(flag) else { continue };
        let ns = super::since::go_duration(value)
            .ok_or_else(|| format!("invalid argument \"{value}\" for \"--{flag}\" flag: {}", go_duration_error(value)))?;
        if ns < 0 {
            return Err(format!("--{flag} cannot be negative"));
        }
        let ns = ns as u64;
        match name {
            "interval" => h.interval = ns,
            "timeout" => h.timeout = ns,
            "start-period" => h.start_period = ns,
            _ => h.start_interval = ns,
        }
        touched = true;
    }
    if let Some(r) = p.value("health-retries") {
        let n: i64 = r.parse().map_err(|_| {
            format!("invalid argument \"{r}\" for \"--health-retries\" flag: strconv.ParseInt: parsing \"{r}\": invalid syntax")
        })?;
        if n < 0 {
            return Err("--health-retries cannot be negative".into());
        }
        h.retries = n as u64;
        touched = true;
    }
    if touched {
        config.healthcheck = Some(h);
    }
    Ok(())
}

fn run_or_create(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(RUN_FLAGS, args, false) {
        Ok(p) => p,
        Err(e) => return flag_error(cmd, &e, out),
    };
    let about = if cmd == "run" { "Create and run a new container from an image" } else { "Create a new container" };
    // The client checks these before it asks for the image.
    let client_side = super::update::resources(&p, &mut RunConfig::default()).err().filter(|e| !e.starts_with("Error response"));
    if let Some(e) = client_side.map(Err).unwrap_or_else(|| health_flags(&p, &mut RunConfig::default())).err() {
        // A flag's value pflag refuses reads as its own error; the daemon-side checks as docker's.
        let text = if e.starts_with("invalid argument") { e } else { format!("docker: {e}.") };
        out.eline(format!("{text}\nSee 'docker {cmd} --help'."));
        return 125;
    }
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
        if let Err(e) = crate::daemon::validate_name(name) {
            report(out, &format!("Error response from daemon: {e}"), true);
            return 125;
        }
        if let Some(conflict) = engine.daemon.name_conflict(name) {
            report(out, &format!("Error response from daemon: {conflict}"), true);
            return 125;
        }
    }
    let net = match super::networks::parse_run(engine, &p) {
        Ok(net) => net,
        Err(e) => {
            report(out, &e, false);
            return 125;
        }
    };
    let image_id = match engine.daemon.find_image(&image_arg) {
        Some(id) => id,
        None => {
            out.eline(format!("Unable to find image '{}' locally", r.familiar()));
            // `docker run`/`create` show the pull's progress on stderr (none with -q).
            let mut progress = Vec::new();
            let pulled = engine.daemon.pull(&r, &mut progress);
            if !p.on("quiet") {
                progress.iter().for_each(|l| out.eline(l));
            }
            match pulled {
                Ok(id) => id,
                Err(e) => {
                    report(out, &e.text(), true);
                    if let Some(hint) = engine.daemon.pull_hint(&r, &e) {
                        out.eline(hint);
                    }
                    return 125;
                }
            }
        }
    };
    let Some(image) = engine.daemon.images.get(&image_id).cloned() else { return 125 };
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
        hostname: match (&net.hostname, net.mode.as_str()) {
            (Some(h), _) => h.clone(),
            (None, "host") => engine.host.env.get("HOSTNAME").cloned().unwrap_or_else(|| "dockersim".into()),
            _ => String::new(),
        },
        read_only: p.on("read-only"),
        tmpfs: Vec::new(),
        healthcheck: ic.healthcheck.clone(),
        ..Default::default()
    };
    if let Err(e) = super::update::resources(&p, &mut config) {
        report(out, &e, true);
        return 125;
    }
    if let Err(e) = health_flags(&p, &mut config) {
        report(out, &e, true);
        return 125;
    }
    if let Some(ep) = p.value("entrypoint") {
        config.entrypoint = if ep.is_empty() { Vec::new() } else { vec![ep.to_string()] };
        config.cmd = Vec::new();
    }
    if p.args.len() > 1 {
        config.cmd = p.args[1..].to_vec();
    }
    // `--env-file` lines first, then `-e` (which wins).
    let mut env_args: Vec<String> = Vec::new();
    for file in p.values("env-file") {
        let path = crate::vfs::join(&engine.host.cwd, file);
        let text = match engine.host.fs.read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                report(out, &format!("open {file}: {}", e.reason().to_lowercase()), true);
                return 125;
            }
        };
        for line in text.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = line.split('=').next().unwrap_or("");
            if key.contains(char::is_whitespace) {
                report(out, &format!("variable '{key}' contains whitespaces"), true);
                return 125;
            }
            env_args.push(line.to_string());
        }
    }
    env_args.extend(p.values("env").iter().cloned());
    for e in &env_args {
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
    for e in p.values("expose") {
        let key = if e.contains('/') { e.clone() } else { format!("{e}/tcp") };
        if !config.exposed_ports.contains(&key) {
            config.exposed_ports.push(key);
        }
    }
    crate::sort::sort(&mut config.exposed_ports);
    if config.argv().is_empty() {
        report(out, "Error response from daemon: no command specified", true);
        return 125;
    }
    let image_ref = image_arg.clone();
    let mut inherited: Vec<crate::container::Mount> = Vec::new();
    // `--volumes-from`: the other container's mounts, in its mode or the one
    // given; a `-v` or `--mount` on the same path replaces one.
    for spec in p.values("volumes-from") {
        let (src, mode) = spec.rsplit_once(':').filter(|(_, m)| !m.is_empty()).unwrap_or((spec.as_str(), ""));
        if !matches!(mode, "" | "ro" | "rw" | "z" | "Z") {
            report(out, &format!("Error response from daemon: invalid mode: {mode}"), true);
            return 125;
        }
        let Some(other) = engine.daemon.containers.resolve(src).ok().and_then(|id| engine.daemon.containers.get(&id)) else {
            report(out, &format!("Error response from daemon: No such container: {src}"), true);
            return 125;
        };
        for m in &other.mounts {
            let mut m = m.clone();
            if !mode.is_empty() && matches!(mode, "ro" | "rw") {
                m.read_only = mode == "ro";
            }
            inherited.retain(|x| x.destination != m.destination);
            inherited.push(m);
        }
        config.volumes_from.push(spec.clone());
    }
    let mut mounts = Vec::new();
    for spec in p.values("volume") {
        let anonymous = engine.daemon.new_id("volume", spec);
        match crate::container::Mount::parse(spec, &engine.host.cwd, &anonymous) {
            Ok(m) => mounts.push(m),
            Err(e) => {
                report(out, &format!("Error response from daemon: {e}"), true);
                return 125;
            }
        }
    }
    let mut tmpfs: Vec<String> = p.values("tmpfs").iter().map(|t| t.split(':').next().unwrap_or("").to_string()).collect();
    for spec in p.values("mount") {
        let anonymous = engine.daemon.new_id("volume", spec);
        match super::volumes::parse_mount(engine, spec, &anonymous) {
            Ok(Some(m)) => mounts.push(m),
            Ok(None) => tmpfs.extend(
                spec.split(',')
                    .filter_map(|f| f.split_once('='))
                    .filter(|(k, _)| matches!(*k, "target" | "destination" | "dst"))
                    .map(|(_, v)| v.to_string()),
            ),
            Err(e) => {
                report(out, &e, true);
                return 125;
            }
        }
    }
    inherited.retain(|m| !mounts.iter().any(|x| x.destination == m.destination));
    mounts.splice(0..0, inherited);
    // The image's VOLUMEs that no mount covers get anonymous volumes.
    for dest in image.config.config.volumes.keys() {
        let dest = crate::vfs::normalize(dest);
        if !mounts.iter().any(|m| m.destination == dest) && !tmpfs.contains(&dest) {
            let name = crate::digest::sha256_hex(format!("volume\0{}\0{}\0{dest}", engine.daemon.seq, engine.daemon.now).as_bytes());
            mounts.push(crate::container::Mount { source: name, destination: dest, bind: false, read_only: false });
        }
    }
    config.tmpfs = tmpfs.clone();
    let opts = crate::daemon::CreateOptions { name, config, ports: bindings, mounts, auto_remove: p.on("rm") };
    let id = match engine.daemon.create(&mut engine.host.fs, &image_id, &image_ref, opts) {
        Ok(id) => id,
        Err(e) => {
            report(out, &format!("Error response from daemon: {e}"), true);
            return 125;
        }
    };
    engine.daemon.attach_new(&engine.host.fs, &id, net);
    if let Some(c) = engine.daemon.containers.get_mut(&id) {
        let table = c.fs.set_mounts(Vec::new());
        for t in &tmpfs {
            let _ = c.fs.mkdir_all(t, crate::vfs::Meta::new(0o1777, engine.daemon.now));
        }
        c.fs.set_mounts(table);
    }
    if cmd == "create" {
        out.line(&id);
        return 0;
    }
    let detach = p.on("detach");
    if !detach {
        engine.daemon.container_event(&id, "attach", &[]);
    }
    // Attached with `-i`, the process reads the client's standard input (a
    // pipe, a file, a here-document); otherwise it reads the end of input.
    let stdin = if p.on("interactive") && !detach { engine.host.stdin.clone() } else { Vec::new() };
    let started = with_stdin(engine, &id, stdin, |engine| start::start(engine, &id));
    match started {
        Err(e) => {
            report(out, &format!("Error response from daemon: {e}"), false);
            if engine.daemon.containers.get(&id).is_some_and(|c| c.auto_remove) {
                engine.daemon.remove_container(&id);
            }
            125
        }
        Ok(Outcome::StartFailed(msg, code)) => {
            report(out, &format!("Error response from daemon: {msg}"), false);
            if engine.daemon.containers.get(&id).is_some_and(|c| c.auto_remove) {
                engine.daemon.remove_container(&id);
            }
            code
        }
        Ok(outcome) => after_start(engine, &id, outcome, detach, p.on("interactive"), out),
    }
}

/// What the terminal shows once the main process is running.
fn after_start(engine: &mut Engine, id: &str, outcome: Outcome, detach: bool, interactive: bool, out: &mut Out) -> i32 {
    if detach {
        out.line(id);
        if let Outcome::Interactive(_) = outcome {
            if !interactive {
                start::finish(engine, id, 0);
            }
        }
        if let Outcome::Exited(_) = outcome {
            if engine.daemon.containers.get(id).is_some_and(|c| c.auto_remove) {
                engine.daemon.remove_container(id);
            }
        }
        return 0;
    }
    if let Some((at, code)) = engine.daemon.containers.get(id).and_then(|c| c.exits_at) {
        // Attached to a process that runs for a while (`sleep 3`, `ping -c 3`):
        // the terminal waits with it. A wait of more than a day prints what
        // it wrote without moving the clock that far.
        let now = engine.daemon.now;
        if at - now <= 86_400 {
            engine.daemon.now = now.max(at);
        }
        let logs: Vec<_> = engine.daemon.containers.get(id).map(|c| c.logs.clone()).unwrap_or_default();
        print_attached(engine, id, &logs, out);
        start::finish(engine, id, code);
        return code;
    }
    let logs = engine.daemon.logs_since(id, 0);
    print_attached(engine, id, &logs, out);
    match outcome {
        Outcome::Exited(code) => {
            if engine.daemon.containers.get(id).is_some_and(|c| c.auto_remove) {
                engine.daemon.remove_container(id);
            }
            code
        }
        Outcome::Interactive(repl) if interactive => {
            let tty = engine.daemon.containers.get(id).is_some_and(|c| c.config.tty);
            let piped = std::mem::take(&mut engine.host.stdin);
            if !piped.is_empty() {
                // `docker run -i IMG sh < script.sh`: the shell reads the pipe to its end.
                return session::feed(engine, &Session::new(id, repl, false, tty), &String::from_utf8_lossy(&piped), out);
            }
            session::open(engine, Session::new(id, repl, false, tty), out);
            0
        }
        Outcome::Interactive(_) => {
            // Standard input is closed: the shell or REPL reads EOF and exits.
            start::finish(engine, id, 0);
            0
        }
        _ => 0,
    }
}

/// Runs `f` (a start or an exec) with `stdin` as what container `id`'s
/// process reads, then closes it; the last run's binary output is dropped
/// first.
pub(crate) fn with_stdin<R>(engine: &mut Engine, id: &str, stdin: Vec<u8>, f: impl FnOnce(&mut Engine) -> R) -> R {
    if let Some(c) = engine.daemon.containers.get_mut(id) {
        c.stdin = stdin;
        c.binary_out = None;
    }
    let r = f(engine);
    if let Some(c) = engine.daemon.containers.get_mut(id) {
        c.stdin = Vec::new();
    }
    r
}

/// Prints what an attached client receives from the main process: its log
/// lines, or, when its standard output was not text (`tar c` to stdout),
/// its stderr lines and then the bytes it wrote, unchanged.
pub(crate) fn print_attached(engine: &mut Engine, id: &str, logs: &[(crate::container::Stream, String)], out: &mut Out) {
    match engine.daemon.containers.get_mut(id).and_then(|c| c.binary_out.take()) {
        None => print_logs(logs, out),
        Some(bytes) => {
            let errs: Vec<_> = logs.iter().filter(|(s, _)| *s == crate::container::Stream::Stderr).cloned().collect();
            print_logs(&errs, out);
            out.raw.extend_from_slice(&bytes);
        }
    }
}
