//! The host terminal: the learner's bash at `learner@dockersim:~$`.
//!
//! Every line runs in the one shell interpreter (`crate::shell`) over the
//! host's filesystem, with the state an interactive shell keeps between
//! lines (variables, functions, options, directory, `$?`). The host's own
//! programs — the `docker` client, `curl` to published ports, `clear` — are
//! offered to the shell through [`HostPrograms`], so they work wherever a
//! program may stand: pipelines, `$(…)`, loops, functions and scripts.
//! A line that leaves a construct open (here-document, quote, `\`, `if`,
//! `&&` at the end…) is kept until it is complete; the prompt turns to `> `.

use super::{Effect, Out};
use crate::container::Stream;
use crate::shell::{self, ExecContext, Flavor, HostCall, HostOutcome, HostPrograms};
use crate::Engine;

/// At most this much typed text waits for a construct to close.
const PENDING_LIMIT: usize = 1 << 20;

/// `learner@dockersim:~/app$ `, or bash's `> ` while a construct is open.
pub fn prompt(engine: &Engine) -> String {
    if !engine.host.pending.is_empty() {
        return "> ".into();
    }
    let home = crate::engine::HOME;
    let cwd = &engine.host.cwd;
    let shown = if cwd == home {
        "~".to_string()
    } else if let Some(rest) = cwd.strip_prefix(&format!("{home}/")) {
        format!("~/{rest}")
    } else {
        cwd.clone()
    };
    format!("learner@dockersim:{shown}$ ")
}

/// Takes one typed line; runs the text once it is complete. Returns `$?`.
pub fn run(engine: &mut Engine, line: &str, out: &mut Out) -> i32 {
    let mut src = std::mem::take(&mut engine.host.pending);
    if !src.is_empty() {
        src.push('\n');
    }
    src.push_str(line);
    if shell::incomplete(&src) {
        if src.len() > PENDING_LIMIT {
            out.eline(format!("dockersim: the open construct grew past {} MiB of text; it was dropped", PENDING_LIMIT >> 20));
            engine.host.status = 2;
            return 2;
        }
        // Nothing ran yet: the line has no status of its own (`$?` keeps the last one).
        engine.host.pending = src;
        return 0;
    }
    if !src.trim().is_empty() && engine.host.history.len() < 100_000 {
        engine.host.history.push(src.clone());
    }
    run_text(engine, &src, out)
}

/// Ctrl-C at the prompt: drops the text of an open construct.
pub fn interrupt(engine: &mut Engine) {
    engine.host.pending.clear();
}

/// Runs complete shell text on the host.
pub fn run_text(engine: &mut Engine, src: &str, out: &mut Out) -> i32 {
    let mut fs = std::mem::take(&mut engine.host.fs);
    super::host_procs::refresh(engine, &mut fs);
    let mut state = std::mem::take(&mut engine.host.shell);
    if state.cwd != engine.host.cwd {
        // The page moved the working directory: the shell's PWD follows.
        state.vars.insert("PWD".into(), engine.host.cwd.clone());
    }
    state.cwd = engine.host.cwd.clone();
    let held = fs.root().held_bytes();
    state.disk_full = (held > super::pull::HOST_DISK_LIMIT).then_some((held, super::pull::HOST_DISK_LIMIT));
    let now = engine.daemon.now;
    let mut programs = Programs { engine, effects: Vec::new() };
    let ran = {
        let mut ctx = ExecContext {
            fs: &mut fs,
            env: Default::default(),
            cwd: state.cwd.clone(),
            now,
            flavor: Flavor::Bash,
            user: "learner".into(),
            host: Some(&mut programs),
        };
        let ran = shell::run_interactive(src, state, "bash", &mut ctx);
        (ran, ctx.now)
    };
    let (shell::Interactive { status, output, state, .. }, later) = ran;
    let engine = programs.engine;
    out.effects.append(&mut programs.effects);
    engine.host.fs = fs;
    engine.host.cwd = state.cwd.clone();
    engine.host.env = state.env();
    engine.host.status = status;
    engine.host.shell = state;
    // `sleep` moves the simulated clock: containers' periodic work goes on meanwhile.
    engine.set_now(later);
    for (err, text) in output {
        if err {
            out.push(Stream::Stderr, &text);
        } else {
            out.push(Stream::Stdout, &text);
        }
    }
    status
}

/// The programs the host machine runs itself.
const HOST_PROGRAMS: [&str; 6] = ["docker", "docker-compose", "curl", "clear", "systemctl", "history"];

/// The host's side of [`HostPrograms`]: the docker client talks to this
/// engine's daemon; the shell's filesystem is lent back to the engine for
/// the call (build contexts, `docker cp`, `docker save -o`).
struct Programs<'e> {
    engine: &'e mut Engine,
    effects: Vec<Effect>,
}

impl HostPrograms for Programs<'_> {
    fn provides(&self, name: &str, _fs: &crate::vfs::Fs) -> bool {
        HOST_PROGRAMS.contains(&name) || (self.engine.host.editor.is_some() && EDITORS.contains(&name))
    }

    fn run(&mut self, call: HostCall<'_>) -> HostOutcome {
        let engine = &mut *self.engine;
        std::mem::swap(&mut engine.host.fs, call.fs);
        engine.host.cwd = call.cwd.to_string();
        engine.host.env = call.env;
        engine.host.stdin = call.stdin.to_vec();
        engine.set_now(call.now);
        // Time passed inside the line (`sleep 6; docker ps`): what fell due happens first.
        super::start::timed_exits(engine);
        super::start::health_checks(engine);
        engine.host.stderr_tty = call.stderr_tty;
        engine.host.stdout_tty = call.stdout_tty;
        let name = call.argv[0].rsplit('/').next().unwrap_or(&call.argv[0]);
        let args = &call.argv[1..];
        let mut out = Out::default();
        let status = match name {
            "docker" | "docker-compose" if needs_daemon(args) && !super::dockerd::reachable(engine, &mut out) => 1,
            "docker" => super::docker(engine, args, &mut out),
            "docker-compose" => crate::compose::run(engine, args, &mut out, true),
            "curl" => {
                let tty = engine.host.stdout_tty;
                super::curl::curl(engine, None, args, tty, &mut out)
            }
            "systemctl" => systemctl(engine, args, &mut out),
            "history" => history(engine, args, &mut out),
            editor if EDITORS.contains(&editor) => edit(engine, editor, args, &mut out),
            _ => {
                if call.stdout_tty {
                    out.effects.push(Effect::Clear);
                } else {
                    out.out("\x1b[H\x1b[2J\x1b[3J");
                }
                0
            }
        };
        engine.host.stderr_tty = true;
        engine.host.stdout_tty = true;
        engine.host.stdin.clear();
        let mut fs = std::mem::take(&mut engine.host.fs);
        super::host_procs::refresh(engine, &mut fs);
        engine.host.fs = fs;
        std::mem::swap(&mut engine.host.fs, call.fs);
        self.effects.append(&mut out.effects);
        let output = out.chunks.into_iter().map(|c| (c.stream == Stream::Stderr, c.text)).collect();
        HostOutcome { status, output, raw: out.raw, now: engine.daemon.now }
    }
}

/// Whether a `docker` command talks to the daemon (`--version` and help
/// texts are the client's own).
fn needs_daemon(args: &[String]) -> bool {
    !matches!(args.first().map(String::as_str), None | Some("-v" | "--version" | "-h" | "--help" | "help"))
        && !args.iter().any(|a| a == "--help")
}

/// Editors that open a file in the page's editor (when there is one).
const EDITORS: [&str; 7] = ["nano", "vim", "vi", "vim.basic", "emacs", "code", "gedit"];

/// `nano FILE` with a page: the page's editor opens the file (created empty
/// if it is new, as saving it would). Outside the editor's folder, or with
/// no file named, it says so and fails: nothing was edited.
fn edit(engine: &mut Engine, editor: &str, args: &[String], out: &mut Out) -> i32 {
    let Some(root) = engine.host.editor.clone() else { return 1 };
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-') && !a.starts_with('+')).collect();
    let shown = root.replace(crate::engine::HOME, "~");
    let [file] = files.as_slice() else {
        out.eline(format!("dockersim: {editor}: name one file to edit (`{editor} Dockerfile`); the page's editor opens it"));
        return 1;
    };
    let path = crate::vfs::join(&engine.host.cwd, file);
    let Some(rel) = path.strip_prefix(&format!("{root}/")).filter(|r| !r.is_empty()).map(str::to_string) else {
        out.eline(format!("dockersim: {editor}: the page's editor shows the files under {shown}; {path} was not opened"));
        return 1;
    };
    match engine.host.fs.get(&path) {
        Ok(crate::vfs::Node::File { .. }) => {}
        Ok(_) => {
            out.eline(format!("dockersim: {editor}: {file} is a directory; name a file in it"));
            return 1;
        }
        Err(_) => {
            if let Err(e) = engine.write_host_file(&path, b"") {
                out.eline(format!("{editor}: {file}: {e}"));
                return 1;
            }
        }
    }
    out.effects.push(Effect::Edit { path: rel });
    0
}

/// bash's `history`: the commands typed at the prompt, numbered.
fn history(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    match args.first().map(String::as_str) {
        None => {}
        Some("-c") => {
            engine.host.history.clear();
            return 0;
        }
        Some(n) if n.parse::<usize>().is_ok() => {}
        Some(other) => {
            out.eline(format!("bash: history: {other}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]"));
            return 2;
        }
    }
    let all = &engine.host.history;
    let last = args.first().and_then(|n| n.parse::<usize>().ok()).unwrap_or(all.len()).min(all.len());
    for (i, line) in all.iter().enumerate().skip(all.len() - last) {
        out.line(format!("{:>5}  {line}", i + 1));
    }
    0
}

/// `systemctl` on the learner's machine: the Docker service and its socket
/// and containerd, which run for as long as the machine does.
fn systemctl(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let words: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    let Some((&verb, units)) = words.split_first() else {
        out.eline("dockersim: systemctl: listing units is not simulated (systemctl status docker is)");
        return 1;
    };
    let known = |u: &str| matches!(u.trim_end_matches(".service"), "docker" | "containerd" | "docker.socket");
    if let Some(bad) = units.iter().find(|u| !known(u)) {
        let unit = if bad.contains('.') { bad.to_string() } else { format!("{bad}.service") };
        match verb {
            "status" => out.eline(format!("Unit {unit} could not be found.")),
            _ => out.eline(format!("Failed to {verb} {unit}: Unit {unit} not found.")),
        }
        return if verb == "status" { 4 } else { 5 };
    }
    let boot = engine.daemon.service_since;
    let (y, mo, d, hh, mi, ss) = crate::time::civil(boot);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][boot.div_euclid(86_400).rem_euclid(7) as usize];
    let up = (engine.daemon.now - boot).max(0);
    let ago = match up {
        s if s < 60 => format!("{s}s ago"),
        s if s < 3600 => format!("{}min ago", s / 60),
        s if s < 86_400 => format!("{}h {}min ago", s / 3600, s % 3600 / 60),
        s => format!("{} days ago", s / 86_400),
    };
    let date = format!("{weekday} {y:04}-{mo:02}-{d:02} {hh:02}:{mi:02}:{ss:02} UTC; {ago}");
    let docker_active = |u: &str| match u.trim_end_matches(".service") {
        "docker" => engine.daemon.service_up,
        "docker.socket" => engine.daemon.socket_up,
        _ => true,
    };
    match verb {
        "status" => {
            for (i, u) in units.iter().enumerate() {
                if i > 0 {
                    out.line("");
                }
                let text = match u.trim_end_matches(".service") {
                    "containerd" => format!("● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n     Active: active (running) since {date}\n       Docs: https://containerd.io\n   Main PID: 712 (containerd)\n      Tasks: 9\n     Memory: 42.1M (peak: 44.0M)\n        CPU: 1.204s\n     CGroup: /system.slice/containerd.service\n             └─712 /usr/bin/containerd"),
                    "docker.socket" if !engine.daemon.socket_up => format!("○ docker.socket - Docker Socket for the API\n     Loaded: loaded (/usr/lib/systemd/system/docker.socket; enabled; preset: enabled)\n     Active: inactive (dead) since {date}\n   Triggers: ● docker.service\n     Listen: /run/docker.sock (Stream)"),
                    "docker.socket" => format!("● docker.socket - Docker Socket for the API\n     Loaded: loaded (/usr/lib/systemd/system/docker.socket; enabled; preset: enabled)\n     Active: active (running) since {date}\n   Triggers: ● docker.service\n     Listen: /run/docker.sock (Stream)\n      Tasks: 0 (limit: 4558)\n     Memory: 0B (peak: 256.0K)\n        CPU: 1ms\n     CGroup: /system.slice/docker.socket"),
                    "docker" if !engine.daemon.service_up => format!("○ docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: enabled)\n     Active: inactive (dead) since {date}\nTriggeredBy: {} docker.socket\n       Docs: https://docs.docker.com\n   Main PID: 845 (code=exited, status=0/SUCCESS)", if engine.daemon.socket_up { "●" } else { "○" }),
                    _ => format!("● docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: enabled)\n     Active: active (running) since {date}\nTriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n   Main PID: 845 (dockerd)\n      Tasks: 10\n     Memory: 31.6M (peak: 33.2M)\n        CPU: 812ms\n     CGroup: /system.slice/docker.service\n             └─845 /usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"),
                };
                out.line(text);
            }
            0
        }
        "is-active" => {
            units.iter().for_each(|u| out.line(if docker_active(u) { "active" } else { "inactive" }));
            if units.iter().all(|u| docker_active(u)) {
                0
            } else {
                3
            }
        }
        "is-enabled" => {
            units.iter().for_each(|_| out.line("enabled"));
            0
        }
        "stop" | "start" | "restart" => {
            for u in units {
                match (verb, u.trim_end_matches(".service")) {
                    ("stop", "docker") => {
                        super::dockerd::down(engine);
                        if engine.daemon.socket_up && !units.contains(&"docker.socket") {
                            out.eline("Stopping 'docker.service', but its triggering units are still active:\ndocker.socket");
                        }
                    }
                    ("stop", "docker.socket") => engine.daemon.socket_up = false,
                    ("start", "docker.socket") => engine.daemon.socket_up = true,
                    ("start", "docker") => super::dockerd::up(engine),
                    ("restart", "docker") => {
                        super::dockerd::down(engine);
                        super::dockerd::up(engine);
                    }
                    // containerd's shims keep the containers running.
                    _ => {}
                }
            }
            0
        }
        // Already enabled: enabling changes nothing.
        "enable" | "daemon-reload" => 0,
        other => {
            out.eline(format!("dockersim: systemctl {other}: not simulated (the Docker daemon runs for as long as the machine)"));
            1
        }
    }
}
