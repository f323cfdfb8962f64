//! Everything a learner types: the host shell line, the `docker` command
//! (flags, tables, errors and exit codes as the real CLI prints them) and
//! interactive sessions inside containers.

mod build;
mod commit;
mod complete;
mod containers;
mod context;
mod curl;
mod dns;
mod dockerd;
mod effects;
mod events;
mod exec;
mod export;
pub mod flags;
pub(crate) mod format;
mod help;
mod help_texts;
mod host;
mod host_procs;
mod images;
mod init;
pub(crate) mod inspect;
mod jsnet;
mod lifecycle;
mod login;
mod manifest;
mod mongo;
mod netcat;
mod network;
pub(crate) mod networks;
mod programs;
mod ps;
mod pull;
mod push;
pub(crate) mod pynet;
mod registry;
mod rmi;
mod search;
mod session;
mod since;
mod sql_admin;
pub use since::go_duration;
pub use start::health_checks;
mod sql;
pub(crate) mod start;
mod stats;
pub mod summary;
pub mod system;
pub mod table;
pub mod template;
mod template_parse;
mod terminal;
pub mod units;
mod update;
pub(crate) mod volumes;
mod wget;

pub use complete::Completion;
pub use effects::Effect;
pub use session::Session;
pub use summary::{ContainerSummary, ImageSummary};

use crate::container::Stream;
use crate::engine::Question;
use crate::Engine;
use serde::Serialize;

/// One piece of terminal output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub stream: Stream,
    pub text: String,
}

/// What one terminal line printed, in order, its exit status, and what it
/// did that a page or a lesson shows (builds, containers, the screen…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CommandOutput {
    pub chunks: Vec<Chunk>,
    pub exit_code: i32,
    pub effects: Vec<Effect>,
}

impl CommandOutput {
    /// Everything as the terminal shows it (stdout and stderr interleaved).
    pub fn text(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }

    pub fn stdout(&self) -> String {
        self.chunks.iter().filter(|c| c.stream == Stream::Stdout).map(|c| c.text.as_str()).collect()
    }

    pub fn stderr(&self) -> String {
        self.chunks.iter().filter(|c| c.stream == Stream::Stderr).map(|c| c.text.as_str()).collect()
    }
}

/// Collects output while a command runs.
#[derive(Debug, Default)]
pub struct Out {
    pub chunks: Vec<Chunk>,
    pub effects: Vec<Effect>,
    /// Binary standard output after the chunks (`docker save`, `docker
    /// export` into a pipe or file); at a terminal they refuse instead.
    pub raw: Vec<u8>,
}

impl Out {
    pub fn out(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, text.as_ref());
    }

    pub fn err(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stderr, text.as_ref());
    }

    /// A line on stdout.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, &format!("{}\n", text.as_ref()));
    }

    /// A line on stderr.
    pub fn eline(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stderr, &format!("{}\n", text.as_ref()));
    }

    pub fn push(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(text),
            _ => self.chunks.push(Chunk { stream, text: text.to_string() }),
        }
    }

    pub fn stdout_text(&self) -> String {
        self.chunks.iter().filter(|c| c.stream == Stream::Stdout).map(|c| c.text.as_str()).collect()
    }
}

/// Runs one terminal line on `engine`.
pub fn run_line(engine: &mut Engine, line: &str) -> CommandOutput {
    let before = effects::before(engine);
    let mut out = Out::default();
    let exit_code = if let Some(question) = engine.question.take() {
        match question {
            Question::Confirm(mut argv) => {
                if matches!(line.trim(), "y" | "Y" | "yes" | "Yes") {
                    argv.push("--force".into());
                    docker(engine, &argv, &mut out)
                } else {
                    0
                }
            }
            Question::Init(wizard) => init::answer(engine, wizard, line, &mut out),
            other => login::answer(engine, other, line, &mut out),
        }
    } else if engine.session.is_some() {
        session::input(engine, line, &mut out)
    } else {
        host::run(engine, line, &mut out)
    };
    effects::after(engine, before, &mut out.effects);
    CommandOutput { chunks: out.chunks, exit_code, effects: out.effects }
}

/// Runs host shell text as it is (open constructs end where the text ends).
pub fn run_complete(engine: &mut Engine, text: &str) -> CommandOutput {
    let before = effects::before(engine);
    let mut out = Out::default();
    let exit_code = host::run_text(engine, text, &mut out);
    effects::after(engine, before, &mut out.effects);
    CommandOutput { chunks: out.chunks, exit_code, effects: out.effects }
}

/// Ctrl-C.
pub fn interrupt(engine: &mut Engine) -> CommandOutput {
    let mut out = Out::default();
    engine.question = None;
    host::interrupt(engine);
    if let Some(s) = &engine.session {
        if matches!(s.repl, crate::container::process::Repl::Node { .. }) {
            out.line("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
        } else if matches!(s.repl, crate::container::process::Repl::Python { .. }) {
            out.line("KeyboardInterrupt");
        }
    }
    CommandOutput { chunks: out.chunks, exit_code: 130, effects: out.effects }
}

/// Ctrl-D on an empty line.
pub fn end_of_input(engine: &mut Engine) -> CommandOutput {
    let mut out = Out::default();
    engine.question = None;
    if sql::end_of_input(engine, &mut out) {
        if engine.session.is_none() {
            out.effects.push(Effect::Session { action: "left" });
        }
        return CommandOutput { chunks: out.chunks, exit_code: 0, effects: out.effects };
    }
    let exit_code = match engine.session.clone() {
        Some(s) => {
            if let crate::container::process::Repl::Shell { program, .. } = &s.repl {
                if program == "bash" {
                    out.eline("exit");
                }
            }
            engine.session = None;
            out.effects.push(Effect::Session { action: "left" });
            if !s.exec {
                start::finish(engine, &s.container_id, 0);
            }
            0
        }
        None => 0,
    };
    CommandOutput { chunks: out.chunks, exit_code, effects: out.effects }
}

/// The prompt for the next line.
pub fn prompt(engine: &Engine) -> String {
    match &engine.question {
        Some(Question::Confirm(_)) => return "Are you sure you want to continue? [y/N] ".into(),
        Some(Question::Username { .. }) => return "Username: ".into(),
        Some(Question::Password { .. }) => return "Password: ".into(),
        Some(Question::Init(w)) => return init::prompt(w),
        None => {}
    }
    match &engine.session {
        Some(s) => session::prompt(engine, s),
        None => host::prompt(engine),
    }
}

/// `docker ARGS…`: returns the exit status.
pub fn docker(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let Some(first) = args.first() else {
        return help::help("", out);
    };
    let rest = &args[1..];
    match first.as_str() {
        "-v" | "--version" => {
            out.line(format!("Docker version {}, build {}", system::VERSION, system::GIT_COMMIT));
            0
        }
        "-h" | "--help" | "help" => help::help("", out),
        "container" => group(engine, "container", rest, out),
        "image" => group(engine, "image", rest, out),
        "system" => group(engine, "system", rest, out),
        "builder" => group(engine, "builder", rest, out),
        "buildx" => group(engine, "buildx", rest, out),
        "network" | "volume" | "manifest" if rest.first().is_none_or(|a| a == "--help" || a == "-h") => help::help(first, out),
        "network" | "volume" | "manifest" if rest.iter().any(|a| a == "--help") => help::help(&format!("{first} {}", rest[0]), out),
        "network" => networks::run(engine, rest, out),
        "manifest" => manifest::run(engine, rest, out),
        "compose" => crate::compose::run(engine, rest, out, false),
        "context" => context::context(rest, out),
        "volume" => volumes::run(engine, rest, out),
        f if f.starts_with('-') => {
            out.eline(format!("unknown flag: {}", f.split('=').next().unwrap_or(f)));
            out.eline("See 'docker --help'.");
            125
        }
        cmd => match top_level(cmd) {
            Some(target) => run_cmd(engine, target, rest, out),
            None => {
                out.eline(format!("docker: '{cmd}' is not a docker command."));
                out.eline("See 'docker --help'");
                1
            }
        },
    }
}

/// `docker container|image|system|builder SUB …`.
fn group(engine: &mut Engine, group: &str, args: &[String], out: &mut Out) -> i32 {
    let Some(sub) = args.first().filter(|s| !matches!(s.as_str(), "--help" | "-h")) else {
        if help::help(group, out) == 0 && !out.chunks.is_empty() {
            return 0;
        }
        out.line(format!(
            "\nUsage:  docker {group} COMMAND\n\nManage {group}s\n\nRun 'docker {group} COMMAND --help' for more information on a command."
        ));
        return 0;
    };
    let target = match (group, sub.as_str()) {
        ("container", "ls" | "list" | "ps") => "ps",
        (
            "container",
            s @ ("run" | "create" | "start" | "stop" | "restart" | "kill" | "rm" | "exec" | "logs" | "diff" | "commit" | "cp" | "port"
            | "attach" | "rename" | "top" | "pause" | "unpause" | "wait" | "stats" | "update" | "export"),
        ) => s,
        ("container", "inspect") => "container inspect",
        ("image", "inspect") => "image inspect",
        ("container", "remove") => "rm",
        ("container", "prune") => "container prune",
        ("image", "ls" | "list") => "images",
        ("image", s @ ("build" | "history" | "pull" | "push" | "save" | "load" | "tag" | "import")) => s,
        ("image", "rm" | "remove") => "rmi",
        ("image", "prune") => "image prune",
        ("system", "df") => "system df",
        ("system", "info") => "info",
        ("system", "prune") => "system prune",
        ("system", "events") => "events",
        ("builder" | "buildx", "prune") => "builder prune",
        ("builder" | "buildx", "build") => "build",
        ("buildx", "version") => "buildx version",
        ("buildx", "ls") => return context::buildx_ls(out),
        _ => {
            out.eline(format!("docker: '{group} {sub}' is not a docker command."));
            out.eline("See 'docker --help'");
            return 1;
        }
    };
    if wants_help(target, &args[1..]) {
        return help::help(&format!("{group} {sub}"), out);
    }
    run_cmd(engine, target, &args[1..], out)
}

/// Whether `--help` is one of the command's own flags: for `run`, `create`
/// and `exec` flags end at the first argument (pflag without interspersing),
/// so `docker run --rm alpine ls --help` asks `ls`.
fn wants_help(cmd: &str, args: &[String]) -> bool {
    match cmd {
        "run" | "create" | "exec" => containers::help_flag(cmd, args),
        _ => args.iter().take_while(|a| *a != "--").any(|a| a == "--help"),
    }
}

fn top_level(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "run" => "run",
        "create" => "create",
        "start" => "start",
        "stop" => "stop",
        "restart" => "restart",
        "kill" => "kill",
        "rm" => "rm",
        "ps" => "ps",
        "exec" => "exec",
        "logs" => "logs",
        "diff" => "diff",
        "commit" => "commit",
        "cp" => "cp",
        "port" => "port",
        "inspect" => "inspect",
        "rename" => "rename",
        "attach" => "attach",
        "images" => "images",
        "build" => "build",
        "history" => "history",
        "pull" => "pull",
        "push" => "push",
        "save" => "save",
        "load" => "load",
        "tag" => "tag",
        "rmi" => "rmi",
        "version" => "version",
        "info" => "info",
        "login" => "login",
        "logout" => "logout",
        "top" => "top",
        "stats" => "stats",
        "search" => "search",
        "init" => "init",
        "wait" => "wait",
        "pause" => "pause",
        "unpause" => "unpause",
        "update" => "update",
        "export" => "export",
        "import" => "import",
        "events" => "events",
        _ => return None,
    })
}

fn run_cmd(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    if wants_help(cmd, args) {
        return help::help(cmd, out);
    }
    match cmd {
        "run" | "create" | "start" | "stop" | "restart" | "kill" | "rm" | "exec" | "rename" | "attach" | "wait" | "pause" | "unpause"
        | "container prune" => containers::run(engine, cmd, args, out),
        "ps" | "logs" | "diff" | "port" | "commit" | "cp" | "top" => inspect::run(engine, cmd, args, out),
        "inspect" => inspect::inspect_kind(engine, "inspect", None, args, out),
        "container inspect" => inspect::inspect_kind(engine, "container inspect", Some("container"), args, out),
        "image inspect" => inspect::inspect_kind(engine, "image inspect", Some("image"), args, out),
        "images" | "history" | "tag" | "rmi" | "image prune" => images::run(engine, cmd, args, out),
        "pull" | "save" | "load" => pull::run(engine, cmd, args, out),
        "push" => push::run(engine, args, out),
        "update" => update::run(engine, args, out),
        "export" => export::export(engine, args, out),
        "import" => export::import(engine, args, out),
        "stats" => stats::run(engine, args, out),
        "events" => events::events(engine, args, out),
        "search" => search::run(engine, args, out),
        "init" => init::run(engine, args, out),
        "login" => login::login(engine, args, out),
        "logout" => login::logout(engine, args, out),
        "build" => build::run(engine, args, out),
        "version" | "info" | "system df" | "system prune" | "builder prune" | "buildx version" => system::run(engine, cmd, args, out),
        _ => {
            out.eline(format!("docker: '{cmd}' is not a docker command."));
            out.eline("See 'docker --help'");
            1
        }
    }
}

/// Without `--force`, prune commands print `warning` and ask `[y/N]`:
/// returns true when the question is now pending.
pub(crate) fn ask(engine: &mut Engine, forced: bool, argv: &[&str], args: &[String], warning: &str, out: &mut Out) -> bool {
    if forced {
        return false;
    }
    out.line(warning);
    let mut full: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    full.extend(args.iter().cloned());
    engine.question = Some(Question::Confirm(full));
    true
}

/// Reports a flag-parsing error like the CLI: message, then the help hint; 125.
pub(crate) fn flag_error(cmd: &str, message: &str, out: &mut Out) -> i32 {
    out.eline(message);
    out.eline(format!("See 'docker {cmd} --help'."));
    125
}

/// `"docker X" requires at least N argument(s).` with usage; exit 1.
pub(crate) fn arg_error(cmd: &str, requirement: &str, usage: &str, about: &str, out: &mut Out) -> i32 {
    out.eline(format!("\"docker {cmd}\" requires {requirement}."));
    out.eline(format!("See 'docker {cmd} --help'."));
    out.eline("");
    out.eline(format!("Usage:  docker {cmd} {usage}"));
    out.eline("");
    out.eline(about);
    1
}

#[cfg(test)]
mod tests;
