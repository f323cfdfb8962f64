//! `docker compose …` (and `docker-compose …`): the commands drive the
//! same daemon as the `docker` CLI (they call it with argument vectors) and
//! print Compose v2's own output: the `[+] Running 3/3` progress block on
//! stderr, `web-1  | …` log prefixes, and Compose's tables.

use super::model::{self, Project, Service, FILE_NAMES};
use crate::cli::{self, Out};
use crate::Engine;
use std::collections::BTreeMap;

pub const VERSION: &str = "v2.32.1";
const LABEL_PROJECT: &str = "com.docker.compose.project";
const LABEL_SERVICE: &str = "com.docker.compose.service";
const WIDTH: usize = 80;

/// A progress line: resource, status, seconds.
struct Event(String, String, f64);

/// Compose's tty progress block, as its last frame stays on the screen.
fn progress(title: &str, events: &[Event], out: &mut Out) {
    if events.is_empty() {
        return;
    }
    let mut text = format!("[+] {title} {}/{}\n", events.len(), events.len());
    let pad = events.iter().map(|e| e.0.chars().count() + 1).max().unwrap_or(0);
    for Event(id, status, secs) in events {
        let txt = format!("{id} ");
        let line = format!(" ✔ {txt}{} {status}", " ".repeat(pad.saturating_sub(txt.chars().count())));
        let timer = format!("{secs:.1}s ");
        let fill = WIDTH.saturating_sub(line.chars().count() + timer.len());
        text.push_str(&format!("{line}{}{timer}\n", " ".repeat(fill)));
    }
    out.err(text);
}

fn stderr_of(o: &Out) -> String {
    o.chunks.iter().filter(|c| c.stream == crate::container::Stream::Stderr).map(|c| c.text.as_str()).collect()
}

fn docker(engine: &mut Engine, args: &[&str]) -> (i32, Out) {
    let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut sub = Out::default();
    let code = cli::docker(engine, &argv, &mut sub);
    (code, sub)
}

fn docker_owned(engine: &mut Engine, argv: &[String]) -> (i32, Out) {
    let mut sub = Out::default();
    let code = cli::docker(engine, argv, &mut sub);
    (code, sub)
}

struct Global {
    file: Option<String>,
    project: Option<String>,
    dir: Option<String>,
    profiles: Vec<String>,
    env_file: Option<String>,
}

/// Entry point for `docker compose ARGS` (`legacy`: typed as `docker-compose`).
pub fn run(engine: &mut Engine, args: &[String], out: &mut Out, legacy: bool) -> i32 {
    let mut g = Global { file: None, project: None, dir: None, profiles: Vec::new(), env_file: None };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if a.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let takes = matches!(
            flag,
            "-f" | "--file" | "-p" | "--project-name" | "--project-directory" | "--profile" | "--env-file" | "--progress" | "--ansi"
        );
        if !takes {
            break;
        }
        let val = match inline {
            Some(v) => v,
            None => {
                i += 1;
                match args.get(i) {
                    Some(v) => v.clone(),
                    None => {
                        out.eline(format!("flag needs an argument: {flag}"));
                        return 1;
                    }
                }
            }
        };
        match flag {
            "-f" | "--file" => g.file = Some(val),
            "-p" | "--project-name" => g.project = Some(val),
            "--project-directory" => g.dir = Some(val),
            "--profile" => g.profiles.push(val),
            "--env-file" => g.env_file = Some(val),
            _ => {}
        }
        i += 1;
    }
    let rest = &args[i..];
    let Some(cmd) = rest.first() else {
        out.line("\nUsage:  docker compose [OPTIONS] COMMAND\n\nDefine and run multi-container applications with Docker\n\nCommands:\n  build       Build or rebuild services\n  config      Parse, resolve and render compose file in canonical format\n  down        Stop and remove containers, networks\n  exec        Execute a command in a running container\n  images      List images used by the created containers\n  logs        View output from containers\n  ls          List running compose projects\n  ps          List containers\n  pull        Pull service images\n  restart     Restart service containers\n  run         Run a one-off command on a service\n  start       Start services\n  stop        Stop services\n  top         Display the running processes\n  up          Create and start containers\n  version     Show the Docker Compose version information\n\nRun 'docker compose COMMAND --help' for more information on a command.");
        return 0;
    };
    let sub = &rest[1..];
    match cmd.as_str() {
        "version" => {
            let _ = legacy;
            out.line(format!("Docker Compose version {VERSION}"));
            return 0;
        }
        "ls" => return ls(engine, out),
        _ => {}
    }
    if !matches!(
        cmd.as_str(),
        "up" | "down"
            | "ps"
            | "logs"
            | "build"
            | "exec"
            | "run"
            | "start"
            | "stop"
            | "restart"
            | "config"
            | "images"
            | "top"
            | "pull"
            | "rm"
            | "kill"
    ) {
        out.eline(format!("unknown docker command: \"compose {cmd}\""));
        return 1;
    }
    let project = match load(engine, &g, out) {
        Ok(p) => p,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    for w in &project.warnings {
        out.eline(format!("WARN[0000] {w}"));
    }
    match cmd.as_str() {
        "up" => up(engine, &project, &g, sub, out),
        "down" => down(engine, &project, sub, out),
        "ps" => ps(engine, &project, sub, out),
        "logs" => logs(engine, &project, sub, out),
        "build" => build(engine, &project, sub, true, out).map_or_else(|c| c, |_| 0),
        "exec" => exec(engine, &project, sub, out),
        "run" => run_one(engine, &project, sub, out),
        "start" | "stop" | "restart" | "kill" | "rm" => lifecycle(engine, &project, cmd, sub, out),
        "config" => config(&project, sub, out),
        "images" => images(engine, &project, out),
        "top" => top(engine, &project, sub, out),
        _ => pull(engine, &project, sub, out),
    }
}

fn load(engine: &Engine, g: &Global, _out: &mut Out) -> Result<Project, String> {
    let cwd = engine.host.cwd.clone();
    let start = g.dir.as_ref().map(|d| crate::vfs::join(&cwd, d)).unwrap_or_else(|| cwd.clone());
    let file = match &g.file {
        Some(f) => {
            let path = crate::vfs::join(&cwd, f);
            if engine.host.fs.get(&path).is_err() {
                return Err(format!("open {path}: no such file or directory"));
            }
            path
        }
        None => {
            let mut dir = start.clone();
            let mut found = None;
            for _ in 0..64 {
                if let Some(n) = FILE_NAMES.iter().map(|n| crate::vfs::join(&dir, n)).find(|p| engine.host.fs.get(p).is_ok()) {
                    found = Some(n);
                    break;
                }
                if dir == "/" {
                    break;
                }
                dir = match dir.rfind('/') {
                    Some(0) | None => "/".into(),
                    Some(i) => dir[..i].to_string(),
                };
            }
            found.ok_or_else(|| "no configuration file provided: not found".to_string())?
        }
    };
    let dir = g.dir.as_ref().map(|d| crate::vfs::join(&cwd, d)).unwrap_or_else(|| file[..file.rfind('/').unwrap_or(0)].to_string());
    let text = String::from_utf8_lossy(&engine.host.fs.read(&file).unwrap_or_default()).into_owned();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let env_path = g.env_file.as_ref().map(|e| crate::vfs::join(&cwd, e)).unwrap_or_else(|| crate::vfs::join(&dir, ".env"));
    if let Ok(bytes) = engine.host.fs.read(&env_path) {
        env.extend(model::parse_env_file(&String::from_utf8_lossy(&bytes)));
    } else if g.env_file.is_some() {
        return Err(format!("couldn't find env file: {env_path}"));
    }
    env.extend(engine.host.env.clone());
    let mut p = model::load(&text, &file, &dir, &env, g.project.as_deref())?;
    // Services whose profiles are all inactive are left out.
    let mut active: Vec<String> = g.profiles.clone();
    if let Some(v) = env.get("COMPOSE_PROFILES") {
        active.extend(v.split(',').map(str::to_string));
    }
    p.services.retain(|s| s.profiles.is_empty() || s.profiles.iter().any(|pr| active.contains(pr) || pr == "*"));
    p.warnings.retain(|_| true);
    Ok(p)
}

fn container_name(p: &Project, s: &Service) -> String {
    s.container_name.clone().unwrap_or_else(|| format!("{}-{}-1", p.name, s.name))
}

fn image_name(p: &Project, s: &Service) -> String {
    s.image.clone().unwrap_or_else(|| format!("{}-{}", p.name, s.name))
}

/// The project's containers (all, or running only), by name.
fn containers(engine: &Engine, p: &Project, all: bool) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = engine
        .daemon
        .containers
        .iter()
        .filter(|c| c.config.labels.get(LABEL_PROJECT) == Some(&p.name) && (all || c.is_running()))
        .map(|c| (c.name.clone(), c.id.clone(), c.config.labels.get(LABEL_SERVICE).cloned().unwrap_or_default()))
        .collect();
    crate::sort::sort_by_key(&mut v, |t| t.0.clone());
    v
}

/// The services named (with what they depend on), in dependency order.
fn selected(p: &Project, names: &[String]) -> Result<Vec<String>, String> {
    let mut order = model::order(p)?;
    // Compose starts services level by level: those without dependencies first.
    let mut level: BTreeMap<String, usize> = BTreeMap::new();
    for n in &order {
        let l = service(p, n).depends_on.iter().map(|d| level.get(&d.service).copied().unwrap_or(0) + 1).max().unwrap_or(0);
        level.insert(n.clone(), l);
    }
    let file_pos = |n: &String| p.services.iter().position(|s| &s.name == n).unwrap_or(0);
    // Services start together. A database that another service's
    // environment names as its host (`MYSQL_HOST: mysql`) is up by the time
    // that client, which waits for it (wait-port), connects: it starts first.
    let database = |n: &String| {
        let image = service(p, n).image.clone().unwrap_or_default();
        let repo = image.rsplit('/').next().unwrap_or("").split(':').next().unwrap_or("").to_string();
        matches!(repo.as_str(), "mysql" | "mariadb" | "postgres")
    };
    let awaited = |n: &String| {
        database(n) && p.services.iter().any(|s| &s.name != n && s.environment.iter().any(|(_, v)| v.as_deref() == Some(n.as_str())))
    };
    crate::sort::sort_by_key(&mut order, |n| (level.get(n).copied().unwrap_or(0), !awaited(n), file_pos(n)));
    if names.is_empty() {
        return Ok(order);
    }
    for n in names {
        if !p.services.iter().any(|s| &s.name == n) {
            return Err(format!("no such service: {n}"));
        }
    }
    let mut want: Vec<String> = names.to_vec();
    let mut k = 0;
    while k < want.len() && k < 1000 {
        if let Some(s) = p.services.iter().find(|s| s.name == want[k]) {
            for d in s.depends_on.iter().map(|d| &d.service) {
                if !want.contains(d) {
                    want.push(d.clone());
                }
            }
        }
        k += 1;
    }
    Ok(order.into_iter().filter(|n| want.contains(n)).collect())
}

fn service<'a>(p: &'a Project, name: &str) -> &'a Service {
    p.services.iter().find(|s| s.name == name).expect("selected services exist")
}

/// The networks a service joins: (daemon name, aliases).
fn service_networks(p: &Project, s: &Service) -> Vec<(String, Vec<String>)> {
    if s.network_mode.is_some() {
        return Vec::new();
    }
    let list = if s.networks.is_empty() { vec![("default".to_string(), Vec::new())] } else { s.networks.clone() };
    list.into_iter()
        .map(|(key, aliases)| {
            let name = p.networks.iter().find(|r| r.key == key).map(|r| r.name.clone()).unwrap_or_else(|| format!("{}_{key}", p.name));
            (name, aliases)
        })
        .collect()
}

fn build(engine: &mut Engine, p: &Project, args: &[String], explicit: bool, out: &mut Out) -> Result<(), i32> {
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let list = selected(p, &names).map_err(|e| {
        out.eline(e);
        1
    })?;
    for name in list {
        let s = service(p, &name);
        let Some(b) = &s.build else { continue };
        let tag = image_name(p, s);
        if !explicit && engine.daemon.find_image(&tag).is_some() {
            continue;
        }
        let context = crate::vfs::join(&p.dir, &b.context);
        let mut argv: Vec<String> = vec!["build".into(), "-t".into(), tag];
        if let Some(df) = &b.dockerfile {
            argv.push("-f".into());
            argv.push(crate::vfs::join(&context, df));
        }
        if let Some(t) = &b.target {
            argv.push("--target".into());
            argv.push(t.clone());
        }
        for (k, v) in &b.args {
            argv.push("--build-arg".into());
            argv.push(format!("{k}={v}"));
        }
        argv.push(context);
        let (code, sub) = docker_owned(engine, &argv);
        for c in sub.chunks {
            out.push(c.stream, &c.text);
        }
        if code != 0 {
            out.eline(format!("failed to solve: process did not complete successfully: exit code: {code}"));
            return Err(1);
        }
    }
    Ok(())
}

fn up(engine: &mut Engine, p: &Project, _g: &Global, args: &[String], out: &mut Out) -> i32 {
    let detach = args.iter().any(|a| a == "-d" || a == "--detach");
    let force_build = args.iter().any(|a| a == "--build");
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let list = match selected(p, &names) {
        Ok(l) => l,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    // Pull what is missing first, as Compose does.
    let mut pulls = Vec::new();
    let missing: Vec<String> = list
        .iter()
        .filter(|n| service(p, n).build.is_none() && engine.daemon.find_image(&image_name(p, service(p, n))).is_none())
        .cloned()
        .collect();
    for n in &list {
        let s = service(p, n);
        if !missing.contains(n) {
            continue;
        }
        let image = image_name(p, s);
        if engine.daemon.find_image(&image).is_some() {
            pulls.push(Event(n.clone(), "Pulled".into(), 2.0 + pulls.len() as f64 * 0.4));
            continue;
        }
        {
            let (code, sub) = docker(engine, &["pull", &image]);
            if code != 0 {
                progress("Pulling", &pulls, out);
                out.eline(format!(" ✘ {n} Error {}", stderr_of(&sub).trim_end().trim_start_matches("Error response from daemon: ")));
                out.eline(format!(
                    "Error response from daemon: {}",
                    stderr_of(&sub).trim_end().trim_start_matches("Error response from daemon: ")
                ));
                return 18;
            }
            pulls.push(Event(n.clone(), "Pulled".into(), 2.0 + pulls.len() as f64 * 0.4));
        }
    }
    progress("Pulling", &pulls, out);
    // Then build what has a build section (BuildKit's own output).
    let build_args: Vec<String> = list.iter().filter(|n| service(p, n).build.is_some()).cloned().collect();
    if !build_args.is_empty() {
        let mut to_build = Vec::new();
        for n in &build_args {
            let s = service(p, n);
            if force_build || engine.daemon.find_image(&image_name(p, s)).is_none() {
                to_build.push(n.clone());
            }
        }
        if !to_build.is_empty() {
            if let Err(code) = build(engine, p, &to_build, true, out) {
                return code;
            }
        }
    }
    let mut events = Vec::new();
    let mut nets_needed: Vec<String> = Vec::new();
    for n in &list {
        for (net, _) in service_networks(p, service(p, n)) {
            if !nets_needed.contains(&net) {
                nets_needed.push(net);
            }
        }
    }
    for net in &nets_needed {
        if engine.daemon.networks.find(net).is_some() {
            continue;
        }
        if p.networks.iter().any(|r| &r.name == net && r.external) {
            out.eline(format!("network {net} declared as external, but could not be found"));
            return 1;
        }
        let key = net.strip_prefix(&format!("{}_", p.name)).unwrap_or(net).to_string();
        let (code, sub) = docker(
            engine,
            &[
                "network",
                "create",
                "--label",
                &format!("{LABEL_PROJECT}={}", p.name),
                "--label",
                &format!("com.docker.compose.network={key}"),
                net,
            ],
        );
        if code != 0 {
            out.eline(stderr_of(&sub).trim_end());
            return 1;
        }
        events.push(Event(format!("Network {net}"), "Created".into(), 0.1));
    }
    for v in &p.volumes {
        let used = list.iter().any(|n| service(p, n).volumes.iter().any(|spec| spec.split(':').next() == Some(v.key.as_str())));
        if !used || engine.daemon.volumes.contains_key(&v.name) {
            continue;
        }
        if v.external {
            out.eline(format!("external volume \"{}\" not found", v.name));
            return 1;
        }
        let _ = docker(
            engine,
            &[
                "volume",
                "create",
                "--label",
                &format!("{LABEL_PROJECT}={}", p.name),
                "--label",
                &format!("com.docker.compose.volume={}", v.key),
                &v.name,
            ],
        );
        events.push(Event(format!("Volume \"{}\"", v.name), "Created".into(), 0.0));
    }
    let mut started: Vec<String> = Vec::new();
    let up_start = engine.daemon.now;
    for (k, n) in list.iter().enumerate() {
        let s = service(p, n);
        let name = container_name(p, s);
        let mut secs = 0.3 + k as f64 * 0.2;
        // Dependencies with conditions.
        for model::Dependency { service: dep, condition: cond, .. } in &s.depends_on {
            let dname = container_name(p, service(p, dep));
            let Some(pos) = events.iter().position(|e| e.0 == format!("Container {dname}")) else { continue };
            match cond.as_str() {
                "service_healthy" => {
                    if service(p, dep).healthcheck.is_none() && !image_has_healthcheck(engine, &image_name(p, service(p, dep))) {
                        progress("Running", &events, out);
                        out.eline(format!("dependency failed to start: container {dname} has no healthcheck configured"));
                        return 1;
                    }
                    // Compose waits (the clock runs) until the dependency's probes decide.
                    match wait_healthy(engine, &dname) {
                        Ok(_) => {
                            // Compose waits for its dependencies side by side: each shows
                            // when its first passing probe ran.
                            let healthy_at = engine
                                .daemon
                                .containers
                                .by_name(&dname)
                                .and_then(|c| c.health.as_ref())
                                .and_then(|h| h.log.iter().find(|p| p.exit_code == 0).map(|p| p.start));
                            events[pos].1 = "Healthy".into();
                            if let Some(at) = healthy_at {
                                events[pos].2 = events[pos].2.max((at - up_start) as f64 + 0.3);
                            }
                            secs = secs.max(events[pos].2 + 0.2);
                        }
                        Err(e) => {
                            events[pos].1 = "Error".into();
                            progress("Running", &events, out);
                            out.eline(e);
                            return 1;
                        }
                    }
                }
                "service_completed_successfully" => {
                    let code = engine.daemon.containers.by_name(&dname).map(|c| match c.state {
                        crate::container::State::Exited { code, .. } => code,
                        _ => 0,
                    });
                    events[pos].1 = "Exited".into();
                    if code.unwrap_or(0) != 0 {
                        progress("Running", &events, out);
                        out.eline(format!("service \"{dep}\" didn't complete successfully: exit {}", code.unwrap_or(0)));
                        return 1;
                    }
                }
                _ => {}
            }
        }
        if let Some(c) = engine.daemon.containers.by_name(&name) {
            if c.is_running() {
                events.push(Event(format!("Container {name}"), "Running".into(), 0.0));
                started.push(name);
                continue;
            }
            let (code, sub) = docker(engine, &["start", &name]);
            if code != 0 {
                progress("Running", &events, out);
                out.eline(format!(
                    "Error response from daemon: {}",
                    stderr_of(&sub).trim_end().trim_start_matches("Error response from daemon: ")
                ));
                return 1;
            }
            events.push(Event(format!("Container {name}"), "Started".into(), secs));
            started.push(name);
            continue;
        }
        if engine.daemon.containers.by_name(&name).is_none() {
            if let Err(e) = create(engine, p, s, &name, None) {
                progress("Running", &events, out);
                out.eline(e);
                return 1;
            }
        }
        let (code, sub) = docker(engine, &["start", &name]);
        if code != 0 {
            events.push(Event(format!("Container {name}"), "Created".into(), secs));
            progress("Running", &events, out);
            out.eline(format!(
                "Error response from daemon: {}",
                stderr_of(&sub).trim_end().trim_start_matches("Error response from daemon: ")
            ));
            return 1;
        }
        events.push(Event(format!("Container {name}"), "Started".into(), secs));
        started.push(name);
    }
    progress("Running", &events, out);
    if detach {
        return 0;
    }
    let short: Vec<String> = started.iter().map(|n| n.strip_prefix(&format!("{}-", p.name)).unwrap_or(n).to_string()).collect();
    out.line(format!("Attaching to {}", short.join(", ")));
    print_logs(engine, p, &started, false, out);
    0
}

/// Runs the clock until container `name` is healthy (seconds waited), or
/// the daemon's verdict when it turns unhealthy or exits.
fn wait_healthy(engine: &mut Engine, name: &str) -> Result<i64, String> {
    const LIMIT: i64 = 600;
    for waited in 0..=LIMIT {
        let Some(c) = engine.daemon.containers.by_name(name) else { break };
        if !c.is_running() {
            return Err(format!(
                "dependency failed to start: container {name} exited ({})",
                match c.state {
                    crate::container::State::Exited { code, .. } => code,
                    _ => 0,
                }
            ));
        }
        match c.health.as_ref().map(|h| h.status) {
            Some(crate::container::health::Status::Healthy) => return Ok(waited),
            Some(crate::container::health::Status::Unhealthy) => {
                return Err(format!("dependency failed to start: container {name} is unhealthy"))
            }
            Some(crate::container::health::Status::Starting) => {}
            None => return Ok(waited),
        }
        engine.daemon.now += 1;
        cli::health_checks(engine);
    }
    Err(format!("dependency failed to start: container {name} is unhealthy"))
}

fn image_has_healthcheck(engine: &Engine, image: &str) -> bool {
    engine
        .daemon
        .find_image(image)
        .and_then(|id| engine.daemon.images.get(&id).map(|i| i.config.config.healthcheck.is_some()))
        .unwrap_or(false)
}

/// `docker create` for one service container (`one_off`: `compose run`'s command).
fn create(engine: &mut Engine, p: &Project, s: &Service, name: &str, one_off: Option<(&[String], bool)>) -> Result<String, String> {
    let mut argv: Vec<String> = vec!["create".into(), "--name".into(), name.into()];
    let mut labels: Vec<(String, String)> = vec![
        ("com.docker.compose.config-hash".into(), crate::digest::sha256_hex(format!("{s:?}").as_bytes())),
        ("com.docker.compose.container-number".into(), "1".into()),
        (
            "com.docker.compose.depends_on".into(),
            s.depends_on.iter().map(|d| format!("{}:{}:{}", d.service, d.condition, d.restart)).collect::<Vec<_>>().join(","),
        ),
        ("com.docker.compose.image".into(), engine.daemon.find_image(&image_name(p, s)).unwrap_or_default()),
        ("com.docker.compose.oneoff".into(), if one_off.is_some() { "True".into() } else { "False".into() }),
        (LABEL_PROJECT.into(), p.name.clone()),
        ("com.docker.compose.project.config_files".into(), p.file.clone()),
        ("com.docker.compose.project.working_dir".into(), p.dir.clone()),
        (LABEL_SERVICE.into(), s.name.clone()),
        ("com.docker.compose.version".into(), VERSION.trim_start_matches('v').into()),
    ];
    labels.extend(s.labels.iter().cloned());
    for (k, v) in labels {
        argv.push("--label".into());
        argv.push(format!("{k}={v}"));
    }
    if let Some(h) = &s.hostname {
        argv.push("--hostname".into());
        argv.push(h.clone());
    }
    for f in &s.env_file {
        let path = crate::vfs::join(&p.dir, f);
        let Ok(bytes) = engine.host.fs.read(&path) else {
            return Err(format!("env file {path} not found: stat {path}: no such file or directory"));
        };
        for (k, v) in model::parse_env_file(&String::from_utf8_lossy(&bytes)) {
            argv.push("-e".into());
            argv.push(format!("{k}={v}"));
        }
    }
    for (k, v) in &s.environment {
        match v {
            Some(v) => {
                argv.push("-e".into());
                argv.push(format!("{k}={v}"));
            }
            None => {
                if let Some(v) = engine.host.env.get(k) {
                    argv.push("-e".into());
                    argv.push(format!("{k}={v}"));
                }
            }
        }
    }
    if one_off.is_none_or(|(_, ports)| ports) {
        for port in &s.ports {
            argv.push("-p".into());
            argv.push(port.clone());
        }
    }
    for e in &s.expose {
        argv.push("--expose".into());
        argv.push(e.clone());
    }
    for v in &s.volumes {
        let mut parts: Vec<String> = v.split(':').map(str::to_string).collect();
        if parts.len() >= 2 {
            let src = parts[0].clone();
            parts[0] = if src.starts_with('.') || src.starts_with('/') || src.starts_with('~') {
                crate::vfs::join(&p.dir, &src)
            } else {
                p.volumes.iter().find(|r| r.key == src).map(|r| r.name.clone()).unwrap_or(src)
            };
        }
        argv.push("-v".into());
        argv.push(parts.join(":"));
    }
    let nets = service_networks(p, s);
    match (&s.network_mode, nets.first()) {
        (Some(mode), _) => {
            argv.push("--network".into());
            argv.push(mode.strip_prefix("service:").map(|svc| format!("container:{}-{svc}-1", p.name)).unwrap_or_else(|| mode.clone()));
        }
        (None, Some((net, aliases))) => {
            argv.push("--network".into());
            argv.push(net.clone());
            if one_off.is_none() {
                for a in std::iter::once(&s.name).chain(aliases.iter()) {
                    argv.push("--network-alias".into());
                    argv.push(a.clone());
                }
            }
        }
        _ => {}
    }
    // `volumes_from`: a service's container, or a container by name.
    for v in &s.volumes_from {
        let (target, mode) = match v.strip_prefix("container:") {
            Some(rest) => rest.split_once(':').map_or((rest.to_string(), ""), |(n, m)| (n.to_string(), m)),
            None => {
                let (svc, mode) = v.split_once(':').unwrap_or((v, ""));
                let Some(other) = p.services.iter().find(|o| o.name == svc) else { continue };
                (container_name(p, other), mode)
            }
        };
        argv.push("--volumes-from".into());
        argv.push(if mode.is_empty() { target } else { format!("{target}:{mode}") });
    }
    // `links`: the linked service's container, under the link's alias.
    for (svc, alias) in &s.links {
        if let Some(other) = p.services.iter().find(|o| &o.name == svc) {
            argv.push("--link".into());
            argv.push(format!("{}:{alias}", container_name(p, other)));
        }
    }
    if let Some(r) = &s.restart {
        argv.push("--restart".into());
        argv.push(r.clone());
    }
    if let Some(w) = &s.working_dir {
        argv.push("-w".into());
        argv.push(w.clone());
    }
    if let Some(u) = &s.user {
        argv.push("-u".into());
        argv.push(u.clone());
    }
    if s.tty {
        argv.push("-t".into());
    }
    if s.stdin_open {
        argv.push("-i".into());
    }
    let mut command: Option<Vec<String>> = s.command.clone();
    if let Some(ep) = &s.entrypoint {
        argv.push("--entrypoint".into());
        argv.push(ep.first().cloned().unwrap_or_default());
        if ep.len() > 1 {
            let mut c: Vec<String> = ep[1..].to_vec();
            c.extend(command.clone().unwrap_or_default());
            command = Some(c);
        }
    }
    if let Some((cmd, _)) = one_off {
        if !cmd.is_empty() {
            command = Some(cmd.to_vec());
        }
    }
    argv.push(image_name(p, s));
    argv.extend(command.unwrap_or_default());
    let (code, sub) = docker_owned(engine, &argv);
    if code != 0 {
        return Err(stderr_of(&sub).trim_end().trim_start_matches("docker: ").replace("\nSee 'docker create --help'.", ""));
    }
    let id = sub.stdout_text().trim().to_string();
    if let Some(h) = &s.healthcheck {
        let ns = |d: &Option<String>| d.as_deref().and_then(cli::go_duration).map_or(0, |n| n.max(0) as u64);
        let image_check = engine.daemon.containers.get(&id).and_then(|c| c.config.healthcheck.clone()).unwrap_or_default();
        let config = if h.disable {
            crate::image::HealthConfig { test: vec!["NONE".into()], ..Default::default() }
        } else {
            crate::image::HealthConfig {
                test: if h.test.is_empty() { image_check.test.clone() } else { h.test.clone() },
                interval: ns(&h.interval),
                timeout: ns(&h.timeout),
                start_period: ns(&h.start_period),
                start_interval: ns(&h.start_interval),
                retries: h.retries.unwrap_or(0),
            }
        };
        if let Some(c) = engine.daemon.containers.get_mut(&id) {
            c.config.healthcheck = Some(config);
        }
    }
    for (net, aliases) in nets.iter().skip(1) {
        let mut c: Vec<String> = vec!["network".into(), "connect".into()];
        for a in std::iter::once(&s.name).chain(aliases.iter()) {
            c.push("--alias".into());
            c.push(a.clone());
        }
        c.push(net.clone());
        c.push(name.to_string());
        let _ = docker_owned(engine, &c);
    }
    Ok(id)
}

fn down(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let volumes = args.iter().any(|a| a == "-v" || a == "--volumes");
    let rmi = args
        .iter()
        .position(|a| a == "--rmi")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--rmi=").map(str::to_string)));
    let mut events = Vec::new();
    let mut list = containers(engine, p, true);
    list.reverse();
    for (name, id, _) in &list {
        // Compose stops (SIGTERM, 10 s grace) before it removes.
        let c = engine.daemon.containers.get(id);
        let slow = c.is_some_and(|c| c.is_running() && !crate::container::process::handles_sigterm(c));
        if c.is_some_and(|c| c.is_running()) {
            let _ = docker(engine, &["stop", id]);
        }
        let _ = docker(engine, &["rm", "-f", id]);
        events.push(Event(format!("Container {name}"), "Removed".into(), if slow { 10.3 } else { 0.2 }));
    }
    for net in p.networks.iter().filter(|r| !r.external).map(|r| r.name.clone()).chain(std::iter::once(format!("{}_default", p.name))) {
        if engine.daemon.networks.find(&net).is_some() && !events.iter().any(|e| e.0 == format!("Network {net}")) {
            let (code, _) = docker(engine, &["network", "rm", &net]);
            if code == 0 {
                events.push(Event(format!("Network {net}"), "Removed".into(), 0.1));
            }
        }
    }
    if volumes {
        for v in p.volumes.iter().filter(|r| !r.external) {
            if engine.daemon.volumes.contains_key(&v.name) {
                let (code, _) = docker(engine, &["volume", "rm", &v.name]);
                if code == 0 {
                    events.push(Event(format!("Volume {}", v.name), "Removed".into(), 0.0));
                }
            }
        }
    }
    if let Some(mode) = rmi {
        for s in &p.services {
            if mode == "local" && s.image.is_some() {
                continue;
            }
            let image = image_name(p, s);
            if engine.daemon.find_image(&image).is_some() && !events.iter().any(|e| e.0 == format!("Image {image}")) {
                let (code, _) = docker(engine, &["rmi", &image]);
                if code == 0 {
                    events.push(Event(format!("Image {image}"), "Removed".into(), 0.1));
                }
            }
        }
    }
    progress("Running", &events, out);
    0
}

fn ps(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let all = args.iter().any(|a| a == "-a" || a == "--all");
    let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
    let services = args.iter().any(|a| a == "--services");
    let now = engine.daemon.now;
    let list = containers(engine, p, all);
    if services {
        for s in &p.services {
            out.line(&s.name);
        }
        return 0;
    }
    let format = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--format=") {
        Some(f) => Some(f.to_string()),
        None if a == "--format" => args.get(i + 1).cloned(),
        None => None,
    });
    // Service names narrow the list (`docker compose ps web`).
    let mut skip_next = false;
    let wanted: Vec<&String> = args
        .iter()
        .filter(|a| {
            let skip = std::mem::replace(&mut skip_next, *a == "--format" || *a == "--filter" || *a == "--status");
            !skip && !a.starts_with('-')
        })
        .collect();
    let list: Vec<_> = list.into_iter().filter(|(_, _, svc)| wanted.is_empty() || wanted.contains(&svc)).collect();
    if let Some(f) = format.filter(|f| f != "table") {
        let rows: Vec<serde_json::Value> =
            list.iter().filter_map(|(_, id, svc)| engine.daemon.containers.get(id).map(|c| ps_json(p, c, svc, now))).collect();
        if f == "json" {
            for r in rows {
                out.line(r.to_string());
            }
            return 0;
        }
        let template = f.strip_prefix("table ").unwrap_or(&f).to_string();
        let t = match cli::template::Template::parse(&template) {
            Ok(t) => t,
            Err(e) => {
                out.eline(format!("template: {e}"));
                return 1;
            }
        };
        for r in rows {
            match t.execute(&r) {
                Ok(s) => out.line(s),
                Err(e) => {
                    out.eline(e);
                    return 1;
                }
            }
        }
        return 0;
    }
    let mut text = String::from("NAME\tIMAGE\tCOMMAND\tSERVICE\tCREATED\tSTATUS\tPORTS\n");
    for (_, id, svc) in &list {
        let Some(c) = engine.daemon.containers.get(id) else { continue };
        if quiet {
            out.line(&c.id);
            continue;
        }
        let command = cli::format::ellipsis(&format!("\"{}\"", c.config.argv().join(" ")), 20);
        let ports = if c.is_running() { crate::container::ports::display(&c.ports, &c.config.exposed_ports) } else { String::new() };
        text.push_str(&format!(
            "{}\t{}\t{command}\t{svc}\t{}\t{}\t{ports}\n",
            c.name,
            c.image_ref,
            cli::units::ago(now, c.created),
            cli::inspect::status(c, now)
        ));
    }
    if !quiet {
        out.out(cli::table::tabwrite(&text));
    }
    0
}

/// One row of `docker compose ps --format json` (and the data templates see).
fn ps_json(p: &Project, c: &crate::container::Container, svc: &str, now: i64) -> serde_json::Value {
    let (state, exit_code) = match c.state {
        crate::container::State::Created => ("created", 0),
        crate::container::State::Running { .. } => ("running", 0),
        crate::container::State::Exited { code, .. } => ("exited", code),
    };
    let ports = if c.is_running() { crate::container::ports::display(&c.ports, &c.config.exposed_ports) } else { String::new() };
    let publishers: Vec<serde_json::Value> = c
        .ports
        .iter()
        .map(|b| {
            serde_json::json!({"URL": if b.host_ip.is_empty() { "0.0.0.0" } else { b.host_ip.as_str() }, "TargetPort": b.container_port, "PublishedPort": b.host_port.unwrap_or(0), "Protocol": b.proto})
        })
        .collect();
    serde_json::json!({
        "Command": format!("\"{}\"", c.config.argv().join(" ")),
        "CreatedAt": cli::inspect::go_time(c.created),
        "ExitCode": exit_code,
        "Health": c.health.as_ref().map(|h| h.status.as_str()).unwrap_or(""),
        "ID": c.id,
        "Image": c.image_ref,
        "Labels": c.config.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
        "LocalVolumes": c.mounts.iter().filter(|m| !m.bind).count().to_string(),
        "Mounts": c.mounts.iter().map(|m| m.source.clone()).collect::<Vec<_>>().join(","),
        "Name": c.name,
        "Names": c.name,
        "Networks": format!("{}_default", p.name),
        "Ports": ports,
        "Project": p.name,
        "Publishers": publishers,
        "RunningFor": cli::units::ago(now, c.created),
        "Service": svc,
        "Size": "0B",
        "State": state,
        "Status": cli::inspect::status(c, now),
    })
}

/// Prints the containers' logs with Compose's `name-1  | ` prefixes, merged by time.
fn print_logs(engine: &Engine, p: &Project, names: &[String], no_prefix: bool, out: &mut Out) {
    let short = |n: &str| n.strip_prefix(&format!("{}-", p.name)).unwrap_or(n).to_string();
    let width = names.iter().map(|n| short(n).len()).max().unwrap_or(0) + 1;
    let mut lines: Vec<(i64, usize, crate::container::Stream, String)> = Vec::new();
    for (k, n) in names.iter().enumerate() {
        let Some(c) = engine.daemon.containers.by_name(n) else { continue };
        for (t, stream, text) in c.timed_log_lines(engine.daemon.now) {
            let prefix = if no_prefix { String::new() } else { format!("{:<width$} | ", short(n)) };
            lines.push((t, k, stream, format!("{prefix}{text}\n")));
        }
    }
    crate::sort::sort_by_key(&mut lines, |l| (l.0, l.1));
    // Compose demultiplexes both streams into one writer: all of it is stdout.
    for (_, _, _, text) in lines {
        out.push(crate::container::Stream::Stdout, &text);
    }
}

fn logs(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    for n in &names {
        if !p.services.iter().any(|s| &s.name == n) {
            out.eline(format!("no such service: {n}"));
            return 1;
        }
    }
    let list: Vec<String> =
        containers(engine, p, true).into_iter().filter(|(_, _, svc)| names.is_empty() || names.contains(svc)).map(|(n, _, _)| n).collect();
    print_logs(engine, p, &list, args.iter().any(|a| a == "--no-log-prefix"), out);
    0
}

fn find_container(engine: &Engine, p: &Project, svc: &str, out: &mut Out) -> Option<String> {
    if !p.services.iter().any(|s| s.name == svc) {
        out.eline(format!("no such service: {svc}"));
        return None;
    }
    match containers(engine, p, false).into_iter().find(|(_, _, s)| s == svc) {
        Some((name, _, _)) => Some(name),
        None => {
            out.eline(format!("service \"{svc}\" is not running"));
            None
        }
    }
}

fn exec(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let mut flags: Vec<String> = Vec::new();
    let mut i = 0;
    let mut tty = true;
    while i < args.len() && args[i].starts_with('-') {
        match args[i].as_str() {
            "-T" | "--no-TTY" => tty = false,
            "-d" | "--detach" => flags.push("-d".into()),
            "-e" | "--env" | "-w" | "--workdir" | "-u" | "--user" => {
                flags.push(args[i].clone());
                i += 1;
                flags.extend(args.get(i).cloned());
            }
            _ => {}
        }
        i += 1;
    }
    if args.len() < i + 2 {
        out.eline("\"docker compose exec\" requires at least 2 arguments.\nSee 'docker compose exec --help'.\n\nUsage:  docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]\n\nExecute a command in a running container");
        return 1;
    }
    let Some(name) = find_container(engine, p, &args[i], out) else { return 1 };
    let mut argv: Vec<String> = vec!["exec".into()];
    argv.extend(flags);
    let program = args[i + 1].rsplit('/').next();
    // Database clients keep the terminal with their options (`mysql -u root -p`).
    let shell = matches!(program, Some("sh" | "bash" | "ash" | "node" | "python" | "python3" | "mysql" | "redis-cli" | "psql"))
        && (args.len() == i + 2 || matches!(program, Some("mysql" | "mariadb" | "psql")));
    // Compose attaches standard input by default (`exec -T db psql < dump.sql`).
    if tty && shell {
        argv.push("-it".into());
    } else if !argv.iter().any(|a| a == "-d") {
        argv.push("-i".into());
    }
    argv.push(name);
    argv.extend(args[i + 1..].iter().cloned());
    cli::docker(engine, &argv, out)
}

fn run_one(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let mut i = 0;
    let (mut rm, mut detach, mut ports) = (false, false, false);
    while i < args.len() && args[i].starts_with('-') {
        match args[i].as_str() {
            "--rm" => rm = true,
            "-d" | "--detach" => detach = true,
            "--service-ports" => ports = true,
            _ => {}
        }
        i += 1;
    }
    let Some(svc) = args.get(i) else {
        out.eline("\"docker compose run\" requires at least 1 argument.\nSee 'docker compose run --help'.\n\nUsage:  docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]\n\nRun a one-off command on a service");
        return 1;
    };
    let Some(s) = p.services.iter().find(|s| &s.name == svc).cloned() else {
        out.eline(format!("no such service: {svc}"));
        return 1;
    };
    // Dependencies start first, as `up -d` would.
    let deps: Vec<String> = s.depends_on.iter().map(|d| d.service.clone()).collect();
    if !deps.is_empty() {
        let mut a: Vec<String> = vec!["-d".into()];
        a.extend(deps);
        let code = up(engine, p, &Global { file: None, project: None, dir: None, profiles: Vec::new(), env_file: None }, &a, out);
        if code != 0 {
            return code;
        }
    } else if let Some((net, _)) = service_networks(p, &s).first() {
        if engine.daemon.networks.find(net).is_none() {
            let _ = docker(engine, &["network", "create", "--label", &format!("{LABEL_PROJECT}={}", p.name), net]);
            progress("Creating", &[Event(format!("Network {net}"), "Created".into(), 0.1)], out);
        }
    }
    if s.build.is_some() && engine.daemon.find_image(&image_name(p, &s)).is_none() {
        if let Err(c) = build(engine, p, std::slice::from_ref(svc), true, out) {
            return c;
        }
    }
    let suffix = &crate::digest::sha256_hex(format!("run\0{}\0{}", svc, engine.daemon.now).as_bytes())[..12];
    let name = format!("{}-{svc}-run-{suffix}", p.name);
    if let Err(e) = create(engine, p, &s, &name, Some((&args[i + 1..], ports))) {
        out.eline(e);
        return 1;
    }
    if rm {
        if let Some(c) =
            engine.daemon.containers.get_mut(&engine.daemon.containers.by_name(&name).map(|c| c.id.clone()).unwrap_or_default())
        {
            c.auto_remove = true;
        }
    }
    let argv: Vec<String> =
        if detach { vec!["start".into(), name.clone()] } else { vec!["start".into(), "-a".into(), "-i".into(), name.clone()] };
    let code = cli::docker(engine, &argv, out);
    if detach && code == 0 {
        // `docker start` printed the name; compose prints it too.
        return 0;
    }
    // `--rm`: the one-off container goes once its command has ended.
    let exited = engine.daemon.containers.by_name(&name).is_some_and(|c| !c.is_running());
    if rm && !detach && exited {
        let _ = docker(engine, &["rm", "-f", &name]);
    }
    code
}

fn lifecycle(engine: &mut Engine, p: &Project, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let mut list = containers(engine, p, true);
    list.retain(|(_, _, svc)| names.is_empty() || names.contains(svc));
    if cmd == "stop" || cmd == "rm" || cmd == "kill" {
        list.reverse();
    }
    let mut events = Vec::new();
    for (name, id, _) in list {
        let running = engine.daemon.containers.get(&id).is_some_and(|c| c.is_running());
        let quick = engine.daemon.containers.get(&id).is_some_and(crate::container::process::handles_sigterm);
        let (verb, status) = match cmd {
            "start" if running => continue,
            "start" => ("start", "Started"),
            "stop" if !running => ("", "Stopped"),
            "stop" => ("stop", "Stopped"),
            "kill" if !running => continue,
            "kill" => ("kill", "Killed"),
            "rm" if running => continue,
            "rm" => ("rm", "Removed"),
            _ => ("restart", "Started"),
        };
        if !verb.is_empty() {
            let (code, sub) = docker(engine, &[verb, &id]);
            if code != 0 {
                progress("Running", &events, out);
                out.eline(stderr_of(&sub).trim_end());
                return 1;
            }
        }
        events.push(Event(format!("Container {name}"), status.into(), if verb == "stop" && !quick { 10.2 } else { 0.3 }));
    }
    if cmd == "rm" && events.is_empty() {
        out.line("No stopped containers");
        return 0;
    }
    let title = match cmd {
        "restart" => "Restarting",
        "rm" => "Removing",
        "kill" => "Killing",
        "stop" => "Stopping",
        _ => "Running",
    };
    progress(if cmd == "start" { "Running" } else { title }, &events, out);
    0
}

fn images(engine: &mut Engine, p: &Project, out: &mut Out) -> i32 {
    let mut text = String::from("CONTAINER\tREPOSITORY\tTAG\tIMAGE ID\tSIZE\n");
    for (name, id, _) in containers(engine, p, true) {
        let Some(c) = engine.daemon.containers.get(&id) else { continue };
        let tag = engine.image_tags(&c.image_id).into_iter().next().unwrap_or_else(|| "<none>:<none>".into());
        let (repo, t) = tag.rsplit_once(':').unwrap_or((&tag, "latest"));
        let size = engine.daemon.images.get(&c.image_id).map(|i| i.layers.iter().map(|l| l.size).sum::<u64>()).unwrap_or(0);
        text.push_str(&format!("{name}\t{repo}\t{t}\t{}\t{}\n", &c.image_id[7..19], cli::units::human_size(size)));
    }
    out.out(cli::table::tabwrite(&text));
    0
}

fn top(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    for (name, id, svc) in containers(engine, p, false) {
        if !names.is_empty() && !names.contains(&svc) {
            continue;
        }
        let (_, sub) = docker(engine, &["top", &id]);
        out.line(&name);
        out.out(sub.stdout_text());
        out.line("");
    }
    0
}

fn pull(engine: &mut Engine, p: &Project, args: &[String], out: &mut Out) -> i32 {
    let names: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let mut events = Vec::new();
    for s in &p.services {
        if !names.is_empty() && !names.contains(&s.name) {
            continue;
        }
        let Some(image) = &s.image else {
            events.push(Event(s.name.clone(), "Skipped - No image to be pulled".into(), 0.0));
            continue;
        };
        let (code, sub) = docker(engine, &["pull", image]);
        if code != 0 {
            progress("Pulling", &events, out);
            out.eline(stderr_of(&sub).trim_end());
            return 18;
        }
        events.push(Event(s.name.clone(), "Pulled".into(), 1.5 + events.len() as f64 * 0.3));
    }
    progress("Pulling", &events, out);
    0
}

fn ls(engine: &mut Engine, out: &mut Out) -> i32 {
    let mut projects: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    for c in engine.daemon.containers.iter() {
        let Some(name) = c.config.labels.get(LABEL_PROJECT) else { continue };
        let e = projects.entry(name.clone()).or_insert((
            0,
            0,
            c.config.labels.get("com.docker.compose.project.config_files").cloned().unwrap_or_default(),
        ));
        if c.is_running() {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    let mut text = String::from("NAME\tSTATUS\tCONFIG FILES\n");
    for (name, (running, exited, file)) in projects {
        if running == 0 {
            continue;
        }
        let status = if exited > 0 { format!("running({running}), exited({exited})") } else { format!("running({running})") };
        text.push_str(&format!("{name}\t{status}\t{file}\n"));
    }
    out.out(cli::table::tabwrite(&text));
    0
}

/// `docker compose config`: the project in Compose's canonical YAML.
fn config(p: &Project, args: &[String], out: &mut Out) -> i32 {
    if args.iter().any(|a| a == "--services") {
        for s in &p.services {
            out.line(&s.name);
        }
        return 0;
    }
    if args.iter().any(|a| a == "--volumes") {
        for v in &p.volumes {
            out.line(&v.key);
        }
        return 0;
    }
    let q = |s: &str| -> String {
        let plain = !s.is_empty()
            && !s.contains(": ")
            && !s.contains(" #")
            && !s.ends_with(':')
            && !s.starts_with(['#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`'])
            && !s.starts_with([' ', '-', '?'])
            && !s.ends_with(' ')
            && !(s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.bytes().any(|b| b.is_ascii_digit()))
            && !matches!(s, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~");
        // Literal dollars are written back escaped, so the output reads the same again.
        let s = s.replace('$', "$$");
        if plain {
            s
        } else {
            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
        }
    };
    let mut y = format!("name: {}\nservices:\n", p.name);
    let mut services: Vec<&Service> = p.services.iter().collect();
    crate::sort::sort_by_key(&mut services, |s| s.name.clone());
    for s in services {
        y.push_str(&format!("  {}:\n", s.name));
        if let Some(b) = &s.build {
            y.push_str(&format!(
                "    build:\n      context: {}\n      dockerfile: {}\n",
                crate::vfs::join(&p.dir, &b.context),
                b.dockerfile.clone().unwrap_or_else(|| "Dockerfile".into())
            ));
            if !b.args.is_empty() {
                y.push_str("      args:\n");
                for (k, v) in &b.args {
                    y.push_str(&format!("        {k}: {}\n", q(v)));
                }
            }
            if let Some(t) = &b.target {
                y.push_str(&format!("      target: {t}\n"));
            }
        }
        if let Some(c) = &s.command {
            y.push_str("    command:\n");
            for w in c {
                y.push_str(&format!("      - {}\n", q(w)));
            }
        }
        if let Some(c) = &s.container_name {
            y.push_str(&format!("    container_name: {}\n", q(c)));
        }
        if !s.depends_on.is_empty() {
            y.push_str("    depends_on:\n");
            for d in &s.depends_on {
                let restart = if d.restart { "        restart: true\n" } else { "" };
                y.push_str(&format!("      {}:\n        condition: {}\n{restart}        required: true\n", d.service, d.condition));
            }
        }
        if let Some(e) = &s.entrypoint {
            y.push_str("    entrypoint:\n");
            for w in e {
                y.push_str(&format!("      - {}\n", q(w)));
            }
        }
        if !s.environment.is_empty() {
            y.push_str("    environment:\n");
            let mut env = s.environment.clone();
            crate::sort::sort_by_key(&mut env, |e| e.0.clone());
            for (k, v) in env {
                match v {
                    Some(v) => y.push_str(&format!("      {k}: {}\n", q(&v))),
                    None => y.push_str(&format!("      {k}: null\n")),
                }
            }
        }
        if let Some(h) = &s.hostname {
            y.push_str(&format!("    hostname: {}\n", q(h)));
        }
        if let Some(i) = &s.image {
            y.push_str(&format!("    image: {}\n", q(i)));
        }
        if !s.links.is_empty() {
            y.push_str("    links:\n");
            for (svc, alias) in &s.links {
                let l = if svc == alias { svc.clone() } else { format!("{svc}:{alias}") };
                y.push_str(&format!("      - {}\n", q(&l)));
            }
        }
        if s.network_mode.is_none() {
            y.push_str("    networks:\n");
            let mut nets = if s.networks.is_empty() { vec![("default".to_string(), Vec::new())] } else { s.networks.clone() };
            crate::sort::sort_by_key(&mut nets, |n| n.0.clone());
            for (n, aliases) in nets {
                if aliases.is_empty() {
                    y.push_str(&format!("      {n}: null\n"));
                } else {
                    y.push_str(&format!("      {n}:\n        aliases:\n"));
                    for a in aliases {
                        y.push_str(&format!("          - {}\n", q(&a)));
                    }
                }
            }
        }
        if !s.ports.is_empty() {
            y.push_str("    ports:\n");
            for spec in &s.ports {
                let (spec, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
                let parts: Vec<&str> = spec.split(':').collect();
                let (ip, published, target) = match parts.as_slice() {
                    [t] => ("", "", *t),
                    [pb, t] => ("", *pb, *t),
                    [ip, pb, t] => (*ip, *pb, *t),
                    _ => ("", "", spec),
                };
                y.push_str("      - mode: ingress\n");
                if !ip.is_empty() {
                    y.push_str(&format!("        host_ip: {ip}\n"));
                }
                y.push_str(&format!("        target: {target}\n"));
                if !published.is_empty() {
                    y.push_str(&format!("        published: \"{published}\"\n"));
                }
                y.push_str(&format!("        protocol: {proto}\n"));
            }
        }
        if let Some(r) = &s.restart {
            y.push_str(&format!("    restart: {}\n", q(r)));
        }
        if !s.volumes.is_empty() {
            y.push_str("    volumes:\n");
            for v in &s.volumes {
                let parts: Vec<&str> = v.split(':').collect();
                let (src, target, ro) = match parts.as_slice() {
                    [t] => ("", *t, false),
                    [s2, t] => (*s2, *t, false),
                    [s2, t, m, ..] => (*s2, *t, m.contains("ro")),
                    _ => ("", v.as_str(), false),
                };
                let bind = src.starts_with(['.', '/', '~']);
                y.push_str(&format!("      - type: {}\n", if bind { "bind" } else { "volume" }));
                if !src.is_empty() {
                    y.push_str(&format!("        source: {}\n", if bind { crate::vfs::join(&p.dir, src) } else { src.to_string() }));
                }
                y.push_str(&format!("        target: {target}\n"));
                if ro {
                    y.push_str("        read_only: true\n");
                }
                y.push_str(if bind { "        bind:\n          create_host_path: true\n" } else { "        volume: {}\n" });
            }
        }
        if !s.volumes_from.is_empty() {
            y.push_str("    volumes_from:\n");
            for v in &s.volumes_from {
                y.push_str(&format!("      - {}\n", q(v)));
            }
        }
        if let Some(w) = &s.working_dir {
            y.push_str(&format!("    working_dir: {}\n", q(w)));
        }
    }
    let mut nets: Vec<(String, String, bool)> = p.networks.iter().map(|r| (r.key.clone(), r.name.clone(), r.external)).collect();
    if p.services.iter().any(|s| s.network_mode.is_none() && (s.networks.is_empty() || s.networks.iter().any(|n| n.0 == "default")))
        && !nets.iter().any(|n| n.0 == "default")
    {
        nets.push(("default".into(), format!("{}_default", p.name), false));
    }
    crate::sort::sort_by_key(&mut nets, |n| n.0.clone());
    if !nets.is_empty() {
        y.push_str("networks:\n");
        for (k, n, ext) in nets {
            y.push_str(&format!("  {k}:\n    name: {n}\n"));
            if ext {
                y.push_str("    external: true\n");
            }
        }
    }
    if !p.volumes.is_empty() {
        y.push_str("volumes:\n");
        for v in &p.volumes {
            y.push_str(&format!("  {}:\n    name: {}\n", v.key, v.name));
            if v.external {
                y.push_str("    external: true\n");
            }
        }
    }
    out.out(y);
    0
}
