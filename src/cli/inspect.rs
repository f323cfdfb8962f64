//! Looking at containers: ps, logs, diff, port, top, inspect — and the two
//! commands that copy out of them: commit and cp.

use super::containers::resolve;
use super::flags::{self, b, v, Flag};
use super::template::{escape_html, Template};
use super::units::human_duration;
use super::{arg_error, flag_error, images, Out};
use crate::container::{Container, State};
use crate::layer::ChangeKind;
use crate::time::rfc3339;
use crate::Engine;
use serde_json::{json, Value};

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "ps" => super::ps::ps(engine, args, out),
        "logs" => logs(engine, args, out),
        "diff" => diff(engine, args, out),
        "port" => port(engine, args, out),
        "commit" => super::commit::commit(engine, args, out),
        "cp" => super::pull::cp(engine, args, out),
        "top" => top(engine, args, out),
        _ => 1,
    }
}

/// `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`.
pub fn status(c: &Container, now: i64) -> String {
    match &c.state {
        State::Created => "Created".into(),
        State::Running { started } => {
            let health = match c.health.as_ref().map(|h| h.status) {
                Some(crate::container::health::Status::Starting) => " (health: starting)",
                Some(crate::container::health::Status::Healthy) => " (healthy)",
                Some(crate::container::health::Status::Unhealthy) => " (unhealthy)",
                None => "",
            };
            let paused = if c.paused { " (Paused)" } else { "" };
            format!("Up {}{paused}{health}", human_duration(now - started))
        }
        State::Exited { code, finished, .. } if c.is_restarting() => format!("Restarting ({code}) {} ago", human_duration(now - finished)),
        State::Exited { code, finished, .. } => format!("Exited ({code}) {} ago", human_duration(now - finished)),
    }
}

pub(crate) fn state_name(c: &Container) -> &'static str {
    if c.paused && c.is_running() {
        return "paused";
    }
    if c.is_restarting() {
        return "restarting";
    }
    match c.state {
        State::Created => "created",
        State::Running { .. } => "running",
        State::Exited { .. } => "exited",
    }
}

/// The IMAGE column: the reference as typed, or the short ID once it no longer names this image.
pub(crate) fn image_column(engine: &Engine, c: &Container) -> String {
    let r = &c.image_ref;
    let hex = c.image_id.trim_start_matches("sha256:");
    if hex.starts_with(r.trim_start_matches("sha256:")) {
        return hex[..12].to_string();
    }
    match engine.daemon.find_image(r) {
        Some(id) if id == c.image_id => match r.split_once('@') {
            Some((name, _)) => name.to_string(),
            None => r.clone(),
        },
        _ => hex[..12].to_string(),
    }
}

pub(crate) fn go_time(secs: i64) -> String {
    rfc3339(secs).replace('T', " ").replace('Z', " +0000 UTC")
}

fn one_container(
    engine: &Engine,
    cmd: &str,
    args: &[String],
    flag_set: &[Flag],
    usage: &str,
    about: &str,
    out: &mut Out,
) -> Result<(flags::Parsed, String), i32> {
    let p = flags::parse(flag_set, args, true).map_err(|e| flag_error(cmd, &e, out))?;
    let Some(name) = p.args.first() else {
        return Err(arg_error(cmd, "at least 1 argument", usage, about, out));
    };
    match resolve(engine, name) {
        Ok(id) => Ok((p, id)),
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            Err(1)
        }
    }
}

fn logs(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] =
        &[b("follow", Some('f')), v("tail", Some('n')), b("timestamps", Some('t')), v("since", None), v("until", None), b("details", None)];
    let (p, id) = match one_container(engine, "logs", args, FLAGS, "[OPTIONS] CONTAINER", "Fetch the logs of a container", out) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let bounds = match super::since::window(&p, engine.daemon.now) {
        Ok(b) => b,
        Err((name, e)) => {
            out.eline(format!("invalid value for \"{name}\": {e}"));
            return 1;
        }
    };
    // `-f` follows until the main process ends: one that ends by itself
    // (`sleep`, a loop with sleeps) is waited for, as `docker wait` does.
    if p.on("follow") {
        if let Some((at, _)) = engine.daemon.containers.get(&id).filter(|c| c.is_running()).and_then(|c| c.exits_at) {
            if at - engine.daemon.now <= 86_400 {
                engine.daemon.now = engine.daemon.now.max(at);
                super::start::timed_exits(engine);
            }
        }
    }
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
    let mut lines = c.timed_log_lines(now);
    // Docker reads the last N lines first, then drops those outside the window;
    // a negative or non-numeric --tail means all.
    if let Some(n) = p.value("tail").and_then(|t| t.parse::<usize>().ok()) {
        let skip = lines.len().saturating_sub(n);
        lines.drain(..skip);
    }
    lines.retain(|(at, ..)| bounds[0].is_none_or(|since| *at >= since) && bounds[1].is_none_or(|until| *at <= until));
    let stamps = p.on("timestamps");
    for (at, stream, text) in lines {
        let line = if stamps { format!("{} {text}\n", crate::time::rfc3339_nano_fixed(at)) } else { format!("{text}\n") };
        out.push(stream, &line);
    }
    0
}

fn diff(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let (_, id) = match one_container(
        engine,
        "diff",
        args,
        &[],
        "CONTAINER",
        "Inspect changes to files or directories on a container's filesystem",
        out,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
    for (kind, path) in c.changes() {
        let letter = match kind {
            ChangeKind::Added => 'A',
            ChangeKind::Changed => 'C',
            ChangeKind::Deleted => 'D',
        };
        out.line(format!("{letter} {path}"));
    }
    0
}

fn port(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let (p, id) = match one_container(
        engine,
        "port",
        args,
        &[],
        "CONTAINER [PRIVATE_PORT[/PROTO]]",
        "List port mappings or a specific mapping for the container",
        out,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
    if !c.is_running() {
        return 0;
    }
    match p.args.get(1) {
        Some(want) => {
            let key = if want.contains('/') { want.clone() } else { format!("{want}/tcp") };
            let found: Vec<_> = c.ports.iter().filter(|b| b.key() == key).collect();
            if found.is_empty() {
                out.eline(format!("Error: No public port '{key}' published for {}", p.args[0]));
                return 1;
            }
            for b in found {
                for addr in b.host_addrs() {
                    out.line(addr);
                }
            }
        }
        None => {
            let mut bindings = c.ports.clone();
            crate::sort::sort_by_key(&mut bindings, |b| b.container_port);
            for b in bindings {
                for addr in b.host_addrs() {
                    out.line(format!("{} -> {addr}", b.key()));
                }
            }
        }
    }
    0
}

fn top(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    // Everything after the container is `ps`'s (pflag stops at the first argument).
    let at = args.iter().position(|a| !a.starts_with('-')).map_or(args.len(), |i| i + 1);
    let (args, ps_args) = args.split_at(at);
    let (_, id) =
        match one_container(engine, "top", args, &[], "CONTAINER [ps OPTIONS]", "Display the running processes of a container", out) {
            Ok(x) => x,
            Err(code) => return code,
        };
    let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
    if !c.is_running() {
        out.eline(format!("Error response from daemon: container {id} is not running"));
        return 1;
    }
    let procs: Vec<(u32, u32, String, String)> =
        c.processes().into_iter().map(|(pid, ppid, uid, cmd)| (pid, ppid, super::host_procs::user_name(engine, uid), cmd)).collect();
    let ps: Vec<&str> = ps_args.iter().map(String::as_str).collect();
    let mut text = String::new();
    match ps.as_slice() {
        [] | ["-ef"] | ["-e", "-f"] => {
            text.push_str("UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n");
            for (pid, ppid, user, cmd) in &procs {
                text.push_str(&format!("{user}\t{pid}\t{ppid}\t0\t00:00\t?\t00:00:00\t{cmd}\n"));
            }
        }
        ["aux"] | ["-aux"] => {
            text.push_str("USER\tPID\t%CPU\t%MEM\tVSZ\tRSS\tTTY\tSTAT\tSTART\tTIME\tCOMMAND\n");
            for (pid, _, user, cmd) in &procs {
                text.push_str(&format!("{user}\t{pid}\t0.0\t0.1\t11404\t7424\t?\tSs\t00:00\t0:00\t{cmd}\n"));
            }
        }
        ["-o", fields] | ["-eo", fields] => {
            let mut rows = vec![Vec::new(); procs.len() + 1];
            for f in fields.split(',') {
                let head = match f {
                    "pid" => "PID",
                    "ppid" => "PPID",
                    "user" => "USER",
                    "uid" => "UID",
                    "cmd" => "CMD",
                    "args" | "command" | "comm" => "COMMAND",
                    "etime" => "ELAPSED",
                    "time" => "TIME",
                    other => {
                        out.eline(format!("dockersim: docker top ps field {other}: not simulated (pid, ppid, user, uid, cmd, args, comm, etime, time are)"));
                        return 1;
                    }
                };
                rows[0].push(head.to_string());
                for (i, (pid, ppid, user, cmd)) in procs.iter().enumerate() {
                    rows[i + 1].push(match f {
                        "pid" => pid.to_string(),
                        "ppid" => ppid.to_string(),
                        "user" | "uid" => user.clone(),
                        "comm" => cmd.split([' ', ':']).next().unwrap_or("").rsplit('/').next().unwrap_or("").to_string(),
                        "etime" => "00:00".into(),
                        "time" => "00:00:00".into(),
                        _ => cmd.clone(),
                    });
                }
            }
            for r in rows {
                text.push_str(&r.join("\t"));
                text.push('\n');
            }
        }
        other => {
            out.eline(format!("dockersim: docker top with ps options {}: not simulated (-ef, aux and -o FIELDS are)", other.join(" ")));
            return 1;
        }
    };
    out.out(super::table::tabwrite_with(&text, 0, 1).replace('\t', " "));
    0
}

/// `docker inspect`, `docker container inspect`, `docker image inspect`.
pub fn inspect_kind(engine: &mut Engine, cmd: &str, kind: Option<&str>, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("format", Some('f')), v("type", None), b("size", Some('s'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error(cmd, &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            cmd,
            "at least 1 argument",
            "[OPTIONS] NAME|ID [NAME|ID...]",
            "Return low-level information on Docker objects",
            out,
        );
    }
    let kind = kind.or(p.value("type"));
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        let container = if kind != Some("image") { engine.daemon.containers.resolve(name).ok() } else { None };
        if let Some(id) = container {
            if let Some(c) = engine.daemon.containers.get(&id) {
                values.push(container_json(engine, c));
                continue;
            }
        }
        if kind != Some("container") {
            if let Some(id) = engine.daemon.find_image(name) {
                values.push(images::image_json(engine, &id));
                continue;
            }
        }
        if matches!(kind, None | Some("network")) {
            if let Some(n) = engine.daemon.networks.find(name) {
                values.push(super::networks::network_json(engine, n));
                continue;
            }
        }
        if matches!(kind, None | Some("volume")) && engine.daemon.volumes.contains_key(name.as_str()) {
            values.push(super::volumes::volume_json(engine, name));
            continue;
        }
        errors.push(match kind {
            Some("image") => format!("Error: No such image: {name}"),
            Some("container") => format!("Error: No such container: {name}"),
            _ => format!("Error: No such object: {name}"),
        });
    }
    let status = print_values(&values, p.value("format"), out);
    if status != 0 {
        return status;
    }
    for e in &errors {
        out.eline(e);
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}

/// Prints inspect objects: the `--format` template per object, or the JSON array.
pub fn print_values(values: &[Value], format: Option<&str>, out: &mut Out) -> i32 {
    match format {
        Some(f) => {
            let t = match Template::parse(f) {
                Ok(t) => t,
                Err(e) => {
                    out.eline(format!("template parsing error: {e}"));
                    return 64;
                }
            };
            for v in values {
                match t.execute(v) {
                    Ok(s) => out.line(s),
                    Err(e) => {
                        out.eline(e);
                        return 1;
                    }
                }
            }
        }
        None => out.line(pretty(&Value::Array(values.iter().map(omit_nil).collect()))),
    }
    0
}

/// Go's `json.MarshalIndent(v, "", "    ")`.
pub fn pretty(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(v, &mut ser).expect("json");
    escape_html(&String::from_utf8_lossy(&buf))
}

fn container_json(engine: &Engine, c: &Container) -> Value {
    let (running, code, started, finished) = match &c.state {
        State::Created => (false, 0, None, None),
        State::Running { started } => (true, 0, Some(*started), None),
        State::Exited { code, started, finished } => (false, *code, Some(*started), Some(*finished)),
    };
    let zero = "0001-01-01T00:00:00Z".to_string();
    let argv = c.config.argv();
    let mut bindings = serde_json::Map::new();
    let mut net_ports = serde_json::Map::new();
    for e in &c.config.exposed_ports {
        net_ports.insert(e.clone(), Value::Null);
    }
    for b in &c.ports {
        let port = b.host_port.map(|p| p.to_string()).unwrap_or_default();
        bindings.insert(b.key(), json!([{"HostIp": b.host_ip, "HostPort": port}]));
        if running {
            let addrs: Vec<Value> = if b.host_ip.is_empty() {
                vec![json!({"HostIp": "0.0.0.0", "HostPort": port}), json!({"HostIp": "::", "HostPort": port})]
            } else {
                vec![json!({"HostIp": b.host_ip, "HostPort": port})]
            };
            net_ports.insert(b.key(), Value::Array(addrs));
        }
    }
    let (network_settings, network_mode) = super::networks::settings_json(engine, c, Value::Object(net_ports));
    let cn = engine.daemon.networks.containers.get(&c.id).cloned().unwrap_or_default();
    let links: Value = if cn.links.is_empty() {
        Value::Null
    } else {
        json!(cn.links.iter().map(|(n, a)| format!("/{n}:/{}/{a}", c.name)).collect::<Vec<_>>())
    };
    let extra_hosts: Value = if cn.extra_hosts.is_empty() {
        Value::Null
    } else {
        json!(cn.extra_hosts.iter().map(|(h, ip)| format!("{h}:{ip}")).collect::<Vec<_>>())
    };
    let binds: Vec<String> = c
        .mounts
        .iter()
        .filter(|m| m.bind)
        .map(|m| format!("{}:{}{}", m.source, m.destination, if m.read_only { ":ro" } else { "" }))
        .collect();
    let binds = if binds.is_empty() { Value::Null } else { json!(binds) };
    let exposed: serde_json::Map<String, Value> = c.config.exposed_ports.iter().map(|p| (p.clone(), json!({}))).collect();
    let v = json!({
        "Id": c.id,
        "Created": rfc3339(c.created),
        "Path": argv.first().cloned().unwrap_or_default(),
        "Args": argv.iter().skip(1).cloned().collect::<Vec<_>>(),
        "State": {
            "Status": state_name(c),
            "Running": running || c.is_restarting(),
            "Paused": c.paused,
            "Restarting": c.is_restarting(),
            "OOMKilled": false,
            "Dead": false,
            "Pid": if running { c.host_pids().1 } else { 0 },
            "ExitCode": code,
            "Error": "",
            "StartedAt": started.map(rfc3339).unwrap_or_else(|| zero.clone()),
            "FinishedAt": finished.map(rfc3339).unwrap_or(zero),
            "Health": c.health.as_ref().map(|h| json!({
                "Status": h.status.as_str(),
                "FailingStreak": h.failing_streak,
                "Log": h.log.iter().map(|p| json!({
                    "Start": crate::time::rfc3339_nano_fixed(p.start * 1_000_000_000 + 1_000_000),
                    "End": crate::time::rfc3339_nano_fixed(p.end * 1_000_000_000 + 41_000_000),
                    "ExitCode": p.exit_code,
                    "Output": p.output,
                })).collect::<Vec<_>>(),
            })),
        },
        "Image": c.image_id,
        "Name": format!("/{}", c.name),
        "RestartCount": c.restart_count,
        "Driver": "overlay2",
        "Mounts": c.mounts.iter().map(|m| if m.bind {
            json!({"Type": "bind", "Source": m.source, "Destination": m.destination, "Mode": if m.read_only { "ro" } else { "" }, "RW": !m.read_only, "Propagation": "rprivate"})
        } else {
            json!({"Type": "volume", "Name": m.source, "Source": format!("/var/lib/docker/volumes/{}/_data", m.source), "Destination": m.destination, "Driver": "local", "Mode": "z", "RW": !m.read_only, "Propagation": ""})
        }).collect::<Vec<_>>(),
        "Platform": "linux",
        "HostConfig": {
            "NetworkMode": network_mode,
            "Links": links,
            "ExtraHosts": extra_hosts,
            "PortBindings": bindings,
            "AutoRemove": c.auto_remove,
            "ReadonlyRootfs": c.config.read_only,
            "Binds": binds,
            "VolumesFrom": if c.config.volumes_from.is_empty() { Value::Null } else { json!(c.config.volumes_from) },
            "RestartPolicy": {
                "Name": if c.config.restart.0.is_empty() { "no" } else { c.config.restart.0.as_str() },
                "MaximumRetryCount": c.config.restart.1,
            },
            "Memory": c.config.memory,
            "NanoCpus": c.config.nano_cpus,
        },
        "Config": {
            "Hostname": c.config.hostname,
            "Domainname": "",
            "User": c.config.user,
            "AttachStdin": c.config.interactive,
            "AttachStdout": true,
            "AttachStderr": true,
            "ExposedPorts": if exposed.is_empty() { Value::Null } else { Value::Object(exposed) },
            "Tty": c.config.tty,
            "OpenStdin": c.config.interactive,
            "StdinOnce": c.config.interactive,
            "Env": c.config.env,
            "Cmd": if c.config.cmd.is_empty() { Value::Null } else { json!(c.config.cmd) },
            "Image": c.image_ref,
            "Volumes": null,
            "WorkingDir": c.config.working_dir,
            "Entrypoint": if c.config.entrypoint.is_empty() { Value::Null } else { json!(c.config.entrypoint) },
            "OnBuild": null,
            "Labels": c.config.labels,
        },
        "NetworkSettings": network_settings,
        "SizeRw": c.rw_size(),
    });
    v
}

/// `omitempty` pointers the templates see as nil but the JSON leaves out
/// (`State.Health` of a container without a healthcheck).
fn omit_nil(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(state) = v.get_mut("State").and_then(Value::as_object_mut) {
        if state.get("Health").is_some_and(Value::is_null) {
            state.remove("Health");
        }
    }
    v
}
