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
    run_text(engine, &src, out)
}

/// Ctrl-C at the prompt: drops the text of an open construct.
pub fn interrupt(engine: &mut Engine) {
    engine.host.pending.clear();
}

/// Runs complete shell text on the host.
pub fn run_text(engine: &mut Engine, src: &str, out: &mut Out) -> i32 {
    let mut fs = std::mem::take(&mut engine.host.fs);
    let mut state = std::mem::take(&mut engine.host.shell);
    if state.cwd != engine.host.cwd {
        // The page moved the working directory: the shell's PWD follows.
        state.vars.insert("PWD".into(), engine.host.cwd.clone());
    }
    state.cwd = engine.host.cwd.clone();
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
const HOST_PROGRAMS: [&str; 4] = ["docker", "docker-compose", "curl", "clear"];

/// The host's side of [`HostPrograms`]: the docker client talks to this
/// engine's daemon; the shell's filesystem is lent back to the engine for
/// the call (build contexts, `docker cp`, `docker save -o`).
struct Programs<'e> {
    engine: &'e mut Engine,
    effects: Vec<Effect>,
}

impl HostPrograms for Programs<'_> {
    fn provides(&self, name: &str, _fs: &crate::vfs::Fs) -> bool {
        HOST_PROGRAMS.contains(&name)
    }

    fn run(&mut self, call: HostCall<'_>) -> HostOutcome {
        let engine = &mut *self.engine;
        std::mem::swap(&mut engine.host.fs, call.fs);
        engine.host.cwd = call.cwd.to_string();
        engine.host.env = call.env;
        engine.host.stdin = call.stdin.to_vec();
        engine.set_now(call.now);
        engine.host.stderr_tty = call.stderr_tty;
        let name = call.argv[0].rsplit('/').next().unwrap_or(&call.argv[0]);
        let args = &call.argv[1..];
        let mut out = Out::default();
        let status = match name {
            "docker" => super::docker(engine, args, &mut out),
            "docker-compose" => crate::compose::run(engine, args, &mut out, true),
            "curl" => super::network::curl(engine, None, args, &mut out),
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
        engine.host.stdin.clear();
        std::mem::swap(&mut engine.host.fs, call.fs);
        self.effects.append(&mut out.effects);
        let output = out.chunks.into_iter().map(|c| (c.stream == Stream::Stderr, c.text)).collect();
        HostOutcome { status, output, now: engine.daemon.now }
    }
}
