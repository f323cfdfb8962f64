//! Interactive sessions: `docker run -it` and `docker exec -it` hand the
//! terminal to a shell or REPL inside the container until it exits.

use super::{start, Out};
use crate::container::process::{self, Repl};
use crate::container::Stream;
use crate::shell::{self, ExecContext, Flavor, HostCall, HostOutcome, HostPrograms, ShellState};
use crate::vfs::Fs;
use crate::Engine;

pub use crate::container::Session;

/// Attaches the terminal and prints the program's banner.
pub fn open(engine: &mut Engine, session: Session, out: &mut Out) {
    match &session.repl {
        Repl::Node { version } => {
            out.line(format!("Welcome to Node.js v{version}."));
            out.line("Type \".help\" for more information.");
        }
        Repl::Python { version } => {
            out.line(format!("Python {version} (default, Dec 3 2024, 02:45:03) "));
            out.line("[GCC 12.2.0] on linux");
            out.line("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
        }
        Repl::Shell { program, .. } if program == "zsh" => {
            out.eline("dockersim: zsh runs on the simulator's bash interpreter (bash's syntax and messages); of ~/.zshrc only the lines that print run (no oh-my-zsh or prompt theme)");
        }
        Repl::Shell { .. } | Repl::RedisCli { .. } | Repl::Sql { .. } | Repl::Mongo { .. } => {}
    }
    let zsh = matches!(&session.repl, Repl::Shell { program, .. } if program == "zsh");
    engine.session = Some(session.clone());
    if zsh {
        let rc = zshrc_output_lines(engine, &session);
        if !rc.is_empty() {
            shell_text(engine, &session, "zsh", &rc, out);
        }
    }
}

/// The lines of an interactive zsh's `~/.zshrc` that print (`cat motd`,
/// `echo …`): the banner an image shows when its shell starts.
fn zshrc_output_lines(engine: &Engine, s: &Session) -> String {
    let Some(c) = engine.daemon.containers.get(&s.container_id) else { return String::new() };
    let root = matches!(c.config.user.split(':').next().unwrap_or(""), "" | "root" | "0");
    let home = if root { "/root".to_string() } else { format!("/home/{}", c.config.user.split(':').next().unwrap_or("")) };
    let Ok(bytes) = c.fs.read(&format!("{home}/.zshrc")) else { return String::new() };
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|l| matches!(l.split_whitespace().next(), Some("cat" | "echo" | "printf"))).collect();
    lines.join("\n")
}

/// The prompt the program shows.
pub fn prompt(engine: &Engine, s: &Session) -> String {
    if let Repl::Sql { .. } = s.repl {
        return super::sql::prompt(engine, s);
    }
    if !s.pending.is_empty() {
        return if matches!(s.repl, Repl::Python { .. }) { "... ".into() } else { "> ".into() };
    }
    match &s.repl {
        Repl::Node { .. } => "> ".into(),
        Repl::Python { .. } => ">>> ".into(),
        Repl::RedisCli { host, port } => format!("{host}:{port}> "),
        Repl::Sql { .. } => String::new(),
        Repl::Mongo { .. } => super::mongo::prompt(&s.repl),
        Repl::Shell { program, cwd } => {
            let c = engine.daemon.containers.get(&s.container_id);
            let user = c.map(|c| c.config.user.split(':').next().unwrap_or("").to_string()).unwrap_or_default();
            let root = user.is_empty() || user == "root" || user == "0";
            let sigil = if root { '#' } else { '$' };
            match program.as_str() {
                "bash" => {
                    let host = c.map(|c| c.config.hostname.clone()).unwrap_or_default();
                    let home = if root { "/root".to_string() } else { format!("/home/{user}") };
                    let shown = if cwd == &home { "~".to_string() } else { cwd.replace(&format!("{home}/"), "~/") };
                    format!("{}@{host}:{shown}{sigil} ", if root { "root" } else { &user })
                }
                "sh" | "dash" if c.is_some_and(|c| c.fs.exists("/etc/debian_version")) => format!("{sigil} "),
                // zsh's default PROMPT, `%m%# `.
                "zsh" => {
                    format!("{}{sigil} ", c.map(|c| c.config.hostname.split('.').next().unwrap_or("").to_string()).unwrap_or_default())
                }
                _ => format!("{cwd} {sigil} "),
            }
        }
    }
}

/// Runs one line inside the session; returns the exit status of that line.
pub fn input(engine: &mut Engine, line: &str, out: &mut Out) -> i32 {
    input_line(engine, line, out)
}

fn input_line(engine: &mut Engine, line: &str, out: &mut Out) -> i32 {
    let Some(session) = engine.session.clone() else { return 0 };
    if !engine.daemon.containers.get(&session.container_id).is_some_and(|c| c.is_running()) {
        engine.session = None;
        return 0;
    }
    match &session.repl {
        Repl::Shell { program, .. } => {
            engine.daemon.sync_in(&mut engine.host.fs, &session.container_id);
            let status = shell_line(engine, &session, program, line, out);
            engine.daemon.sync_out(&mut engine.host.fs, &session.container_id);
            status
        }
        Repl::Node { version } => {
            let t = line.trim();
            if t == ".exit" {
                leave(engine, &session, 0);
                return 0;
            }
            out.out(node_eval(t, version));
            0
        }
        Repl::Sql { .. } => super::sql::input(engine, &session, line, out),
        Repl::Mongo { .. } => super::mongo::input(engine, &session, line, out),
        Repl::Python { .. } => python_line(engine, &session, line, out),
        Repl::RedisCli { host, port } => {
            let args = match crate::apps::redis::split_line(line) {
                Ok(a) => a,
                Err(e) => {
                    out.line(e);
                    return 0;
                }
            };
            match args.first().map(|a| a.to_ascii_lowercase()).as_deref() {
                None => return 0,
                Some("exit" | "quit") => {
                    leave(engine, &session, 0);
                    return 0;
                }
                _ => {}
            }
            let mut net = super::pynet::EngineNet { engine, from: session.container_id.clone() };
            match crate::apps::PyNet::redis(&mut net, host, *port, &args) {
                Ok(r) => out.line(crate::apps::redis::format(&r, true)),
                Err(e) => {
                    let why = if e == crate::apps::NetErr::Unknown { "Name or service not known" } else { "Connection refused" };
                    out.line(format!("Could not connect to Redis at {host}:{port}: {why}"));
                }
            }
            0
        }
    }
}

/// Ends the session: the main process exits (or just the exec'd one).
fn leave(engine: &mut Engine, s: &Session, code: i32) {
    engine.session = None;
    if !s.exec {
        start::finish(engine, &s.container_id, code);
    }
}

/// A line typed into a container's shell: the same interpreter as the host
/// prompt and RUN, resuming the session's variables, functions, options and
/// directory; an open construct waits for more lines (prompt `> `).
fn shell_line(engine: &mut Engine, s: &Session, program: &str, line: &str, out: &mut Out) -> i32 {
    let mut src = s.pending.clone();
    if !src.is_empty() {
        src.push('\n');
    }
    src.push_str(line);
    if shell::incomplete(&src) {
        if let Some(session) = engine.session.as_mut() {
            session.pending = src;
        }
        return 0;
    }
    if let Some(session) = engine.session.as_mut() {
        session.pending.clear();
    }
    shell_text(engine, s, program, &src, out)
}

/// Runs complete shell text in the session's shell; `exit` ends the session.
fn shell_text(engine: &mut Engine, s: &Session, program: &str, src: &str, out: &mut Out) -> i32 {
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get_mut(&s.container_id) else { return 1 };
    let mut fs = std::mem::take(&mut c.fs);
    let env = c.config.env_map();
    let user = c.config.user.clone();
    let fallback = process::flavor(c);
    let flavor = if matches!(program, "bash" | "zsh") { Flavor::Bash } else { Flavor::detect(&fs).unwrap_or(fallback) };
    let mut state = s.shell.clone();
    if state.is_fresh() {
        let cwd = match &s.repl {
            Repl::Shell { cwd, .. } => cwd.clone(),
            _ => "/".into(),
        };
        state = ShellState::login(&env, &cwd);
    }
    let arg0 = if matches!(program, "bash" | "zsh") { program } else { "sh" };
    let mut programs = ContainerPrograms { engine, id: s.container_id.clone(), view: None, nested: None, signals: Vec::new() };
    let (ran, later) = {
        let mut ctx = ExecContext { fs: &mut fs, env, cwd: state.cwd.clone(), now, flavor, user, host: Some(&mut programs) };
        let ran = shell::run_interactive(src, state, arg0, &mut ctx);
        (ran, ctx.now)
    };
    let (engine, nested) = (programs.engine, programs.nested);
    if let Some(c) = engine.daemon.containers.get_mut(&s.container_id) {
        c.fs = fs;
    }
    engine.set_now(later);
    for (err, text) in &ran.output {
        out.push(if *err { Stream::Stderr } else { Stream::Stdout }, text);
    }
    if ran.exited {
        if program == "bash" {
            out.eline("exit");
        }
        leave(engine, s, ran.status);
        return ran.status;
    }
    if let Some(session) = engine.session.as_mut() {
        session.repl = Repl::Shell { program: program.into(), cwd: ran.state.cwd.clone() };
        session.shell = ran.state;
        // A client typed at the shell (`mysql -u root -p`) takes the terminal until it exits.
        if let Some(repl) = nested {
            session.outer = Some(Box::new(std::mem::replace(&mut session.repl, repl)));
        }
    }
    ran.status
}

/// Whatever standard input was piped into `docker run -i` / `docker exec -i`
/// (`docker run -i alpine sh < script.sh`): the shell reads it to the end
/// and exits, as it would at end of file.
pub fn feed(engine: &mut Engine, s: &Session, input: &str, out: &mut Out) -> i32 {
    match &s.repl {
        Repl::Shell { program, .. } => {
            let program = program.clone();
            engine.session = Some(s.clone());
            engine.daemon.sync_in(&mut engine.host.fs, &s.container_id);
            let status = shell_text(engine, s, &program, input, out);
            engine.daemon.sync_out(&mut engine.host.fs, &s.container_id);
            if engine.session.is_some() {
                leave(engine, s, status);
            }
            status
        }
        _ => {
            engine.session = Some(s.clone());
            let mut status = 0;
            for line in input.lines() {
                status = input_line(engine, line, out);
            }
            if let Some(open) = engine.session.clone() {
                leave(engine, &open, status);
            }
            status
        }
    }
}

/// The programs a container's shell reaches through the engine: `curl` and
/// `wget` (when the image has them) talk to the simulated network.
struct ContainerPrograms<'e> {
    engine: &'e mut Engine,
    id: String,
    /// A database client that wants the terminal (it becomes the session).
    nested: Option<Repl>,
    /// While the container's main process starts, the container is out of
    /// the store (the process holds it); this copy without its filesystem
    /// stands in for it during each call, with the shell's filesystem lent.
    view: Option<crate::container::Container>,
    /// `nginx -s` signals sent while the container was out of the store
    /// (`docker exec`): the master gets them once it is back, with the
    /// names its configuration resolves.
    signals: Vec<NginxSignal>,
}

/// One `nginx -s NAME` for the container's master: the signal, the clock,
/// and which upstream hosts resolved when it was sent.
struct NginxSignal {
    name: String,
    now: i64,
    names: std::collections::BTreeMap<String, Option<String>>,
}

/// The master answers the signals; true when one stopped it.
fn deliver(c: &mut crate::container::Container, signals: Vec<NginxSignal>) -> bool {
    let mut stops = false;
    for s in signals {
        let stop = crate::container::nginx_signal(c, &s.name, s.now, &s.names);
        stops |= stop;
    }
    stops
}

/// Starts container `id`'s main process, its shell scripts reaching the
/// simulated network (`sh -c 'wget -qO- web'`) through the daemon.
pub fn start_main(engine: &mut Engine, id: &str, argv: &[String], now: i64) -> Option<process::Outcome> {
    with_programs(engine, id, |c, hook| process::start_with(c, argv, now, hook))
}

/// Runs `f` on container `id` with the daemon's programs as its hook (what
/// runs inside reaches the network and the databases); `None` if missing.
pub fn with_programs<R>(
    engine: &mut Engine,
    id: &str,
    f: impl FnOnce(&mut crate::container::Container, &mut process::Hook<'_>) -> R,
) -> Option<R> {
    let mut c = engine.daemon.containers.take(id)?;
    let fs = std::mem::take(&mut c.fs);
    let view = c.clone();
    c.fs = fs;
    let mut programs = ContainerPrograms { engine, id: id.to_string(), view: Some(view), nested: None, signals: Vec::new() };
    let result = {
        let mut hook: process::Hook<'_> = Some(&mut programs);
        f(&mut c, &mut hook)
    };
    let engine = programs.engine;
    let stops = deliver(&mut c, programs.signals);
    engine.daemon.containers.restore(c);
    if stops {
        engine.daemon.finish(id, 0);
    }
    Some(result)
}

impl ContainerPrograms<'_> {
    /// The network as this container sees it (while its main process
    /// starts, the stand-in goes back into the store for the call).
    fn with_net<T>(&mut self, f: impl FnOnce(&mut super::pynet::EngineNet) -> T) -> T {
        let starting = match self.view.take() {
            Some(view) => {
                self.engine.daemon.containers.restore(view);
                true
            }
            None => false,
        };
        let r = f(&mut super::pynet::EngineNet { engine: &mut *self.engine, from: self.id.clone() });
        if starting {
            self.view = self.engine.daemon.containers.take(&self.id);
        }
        r
    }
}

impl crate::apps::PyNet for ContainerPrograms<'_> {
    fn resolve(&mut self, host: &str) -> Option<String> {
        self.with_net(|n| n.resolve(host))
    }
    fn redis(&mut self, host: &str, port: u16, argv: &[String]) -> Result<crate::apps::redis::Reply, crate::apps::NetErr> {
        self.with_net(|n| n.redis(host, port, argv))
    }
    fn mysql(
        &mut self,
        host: &str,
        port: u16,
        user: &str,
        password: &str,
        db: Option<&str>,
        sql: &str,
    ) -> Result<crate::apps::sql::exec::Reply, crate::apps::MysqlErr> {
        self.with_net(|n| n.mysql(host, port, user, password, db, sql))
    }
    fn mysql_listening(&mut self, host: &str, port: u16) -> bool {
        self.with_net(|n| n.mysql_listening(host, port))
    }
}

impl HostPrograms for ContainerPrograms<'_> {
    fn net(&mut self) -> Option<&mut dyn crate::apps::PyNet> {
        Some(self)
    }

    fn provides(&self, name: &str, fs: &Fs) -> bool {
        if matches!(name, "mongosh" | "mongo") {
            return ["/usr/bin/", "/usr/local/bin/", "/bin/"].iter().any(|d| fs.exists(&format!("{d}{name}")));
        }
        if matches!(name, "mysql" | "mariadb" | "psql") || super::sql_admin::is_admin(name) {
            return super::sql::installed(fs, name);
        }
        // `nginx -s reload` signals the running master: the daemon answers it.
        if name == "nginx" {
            let c = self.view.as_ref().or_else(|| self.engine.daemon.containers.get(&self.id));
            return c.is_some_and(|c| matches!(c.service, Some(crate::container::Service::Nginx { .. })));
        }
        let installed = |d: &&str| fs.exists(&format!("{d}{name}"));
        let dirs = ["/usr/bin/", "/usr/local/bin/", "/bin/", "/usr/sbin/", "/sbin/"];
        super::network::is_network_program(name) && dirs.iter().any(installed)
    }

    fn run(&mut self, call: HostCall<'_>) -> HostOutcome {
        let engine = &mut *self.engine;
        let main_process = self.view.is_some();
        let clock = engine.daemon.now;
        if main_process {
            // What servers log for this request is dated when the script made it.
            engine.stamp_logs();
        }
        engine.set_now(call.now);
        if let Some(mut view) = self.view.take() {
            std::mem::swap(&mut view.fs, call.fs);
            engine.daemon.containers.restore(view);
        } else if let Some(c) = engine.daemon.containers.get_mut(&self.id) {
            std::mem::swap(&mut c.fs, call.fs);
        }
        let mut out = Out::default();
        let status = if matches!(call.argv[0].rsplit('/').next(), Some("mongosh" | "mongo")) {
            let stdin = String::from_utf8_lossy(call.stdin).into_owned();
            match super::mongo::run(engine, &self.id, call.argv, Some(&stdin), call.stdout_tty && stdin.is_empty(), &mut out) {
                super::sql::Ran2::Done(code) => code,
                super::sql::Ran2::Session(repl) => {
                    self.nested = Some(repl);
                    0
                }
            }
        } else if crate::apps::sql::client::Prog::of(call.argv[0].rsplit('/').next().unwrap_or("")).is_some() {
            let stdin = String::from_utf8_lossy(call.stdin).into_owned();
            let tty = call.stdout_tty && stdin.is_empty();
            match super::sql::run(engine, &self.id, call.argv, Some(&stdin), tty, tty, &mut out) {
                super::sql::Ran2::Done(code) => code,
                super::sql::Ran2::Session(repl) => {
                    self.nested = Some(repl);
                    0
                }
            }
        } else if super::sql_admin::is_admin(call.argv[0].rsplit('/').next().unwrap_or("")) {
            super::sql_admin::run(engine, &self.id, call.argv, &mut out)
        } else if call.argv[0].rsplit('/').next() == Some("nginx") {
            let (code, signal) = nginx_command(engine, &self.id, &call.argv[1..], &call.env, call.now, &mut out);
            if let Some(signal) = signal {
                if main_process {
                    self.signals.push(signal);
                } else if let Some(c) = engine.daemon.containers.get_mut(&self.id) {
                    if deliver(c, vec![signal]) {
                        engine.daemon.finish(&self.id, 0);
                    }
                }
            }
            code
        } else {
            super::network::program_tty(engine, &self.id, call.argv, call.stdout_tty, &mut out).unwrap_or(127)
        };
        let now = engine.daemon.now;
        if main_process {
            engine.stamp_logs();
            if let Some(mut view) = engine.daemon.containers.take(&self.id) {
                std::mem::swap(&mut view.fs, call.fs);
                self.view = Some(view);
            }
            // A starting container's script runs ahead of the daemon's clock.
            engine.daemon.now = clock;
        } else if let Some(c) = engine.daemon.containers.get_mut(&self.id) {
            std::mem::swap(&mut c.fs, call.fs);
        }
        let output = out.chunks.into_iter().map(|c| (c.stream == Stream::Stderr, c.text)).collect();
        HostOutcome { status, output, raw: Vec::new(), now }
    }
}

/// `nginx ARGS` run by `docker exec` in a container whose main process is
/// nginx: `-s` is for the master (reload reads the configuration again;
/// stop and quit end the container), returned for the caller to deliver;
/// the rest is the program's own.
fn nginx_command(
    engine: &mut crate::Engine,
    id: &str,
    args: &[String],
    env: &std::collections::BTreeMap<String, String>,
    now: i64,
    out: &mut Out,
) -> (i32, Option<NginxSignal>) {
    let Some(c) = engine.daemon.containers.get(id) else { return (1, None) };
    let fs = c.fs.clone();
    let mut names: std::collections::BTreeMap<String, Option<String>> = std::collections::BTreeMap::new();
    let top = crate::apps::nginx_conf::load(&fs).unwrap_or_default();
    for (addr, _) in crate::apps::nginx_conf::Config::upstream_hosts(&top) {
        let host = addr.rsplit_once(':').map_or(addr.as_str(), |(h, _)| h).to_string();
        if crate::shell::nginx::resolves_locally(&fs, &host) {
            continue;
        }
        let ip = crate::apps::PyNet::resolve(&mut super::pynet::EngineNet { engine: &mut *engine, from: id.to_string() }, &host);
        names.insert(host, ip);
    }
    let mut resolves = |h: &str| names.get(h).is_none_or(|ip| ip.is_some());
    let mut sent = None;
    let ran = crate::shell::nginx::cli(
        &fs,
        env,
        args,
        &mut resolves,
        &mut |name: &str| {
            sent = Some(name.to_string());
            Some(crate::shell::nginx::Ran {
                stdout: String::new(),
                stderr: format!("{} [notice] 40#40: signal process started\n", crate::shell::nginx::log_time(now)),
                code: 0,
            })
        },
        now,
    );
    let ran = ran.unwrap_or_else(|| {
        let t = crate::shell::nginx::log_time(now);
        crate::shell::nginx::Ran {
            stdout: String::new(),
            stderr: format!(
                "{t} [emerg] 43#43: bind() to 0.0.0.0:80 failed (98: Address in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)\n{t} [emerg] 43#43: still could not bind()\nnginx: [emerg] still could not bind()\n"
            ),
            code: 1,
        }
    });
    out.out(&ran.stdout);
    out.err(&ran.stderr);
    (ran.code, sent.map(|name| NginxSignal { name, now, names }))
}

/// A very small JavaScript REPL: numbers, strings, `console.log`.
fn node_eval(input: &str, version: &str) -> String {
    if input.is_empty() {
        return String::new();
    }
    if input == ".help" {
        return ".break     Sometimes you get stuck, this gets you out\n.clear     Alias for .break\n.editor    Enter editor mode\n.exit      Exit the REPL\n.help      Print this help message\n.load     Load JS from a file into the REPL session\n.save     Save all evaluated commands in this REPL session to a file\n\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n".into();
    }
    if input == "process.version" {
        return format!("'v{version}'\n");
    }
    if let Some(inner) = input.strip_prefix("console.log(").and_then(|r| r.strip_suffix(')')) {
        return match value(inner) {
            Some(Val::Str(s)) => format!("{s}\nundefined\n"),
            Some(Val::Num(n)) => format!("{}\nundefined\n", num(n)),
            None => error_js(inner),
        };
    }
    match value(input) {
        Some(Val::Str(s)) => format!("'{s}'\n"),
        Some(Val::Num(n)) => format!("{}\n", num(n)),
        None => error_js(input),
    }
}

fn error_js(input: &str) -> String {
    let ident: String = input.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
    if !ident.is_empty() && !ident.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("Uncaught ReferenceError: {ident} is not defined\n")
    } else {
        "Uncaught SyntaxError: Invalid or unexpected token\n".into()
    }
}

/// A very small Python REPL: numbers, strings, `print`.
/// A line typed at Python's `>>> ` prompt: a block (a line ending in `:`)
/// waits for an empty line; the session's earlier statements run again
/// (quietly) before the new one, whose expression values are echoed.
fn python_line(engine: &mut Engine, s: &Session, line: &str, out: &mut Out) -> i32 {
    let t = line.trim();
    if s.pending.is_empty() && (t == "exit()" || t == "quit()") {
        leave(engine, s, 0);
        return 0;
    }
    let mut src = s.pending.clone();
    let open = !src.is_empty() || t.ends_with(':') || t.ends_with('\\');
    if open && !t.is_empty() {
        src.push_str(line);
        src.push('\n');
        if let Some(session) = engine.session.as_mut() {
            session.pending = src;
        }
        return 0;
    }
    if src.is_empty() {
        src = format!("{line}\n");
    }
    if let Some(session) = engine.session.as_mut() {
        session.pending.clear();
    }
    if src.trim().is_empty() {
        return 0;
    }
    let Some(c) = engine.daemon.containers.get(&s.container_id) else { return 0 };
    let hostname = c.config.hostname.clone();
    let penv = crate::apps::PyEnv {
        fs: &c.fs,
        env: c.config.env_map(),
        cwd: process::workdir(c),
        hostname,
        now: engine.daemon.now,
        stdin: String::new(),
        net: None,
    };
    let (r, ok) = crate::apps::run_repl(penv, &s.history, &src);
    out.out(r.stdout);
    out.err(r.stderr);
    if ok {
        if let Some(session) = engine.session.as_mut() {
            session.history.push(src);
        }
    }
    if r.status != 0 && !ok && r.listening.is_none() {
        return 0;
    }
    0
}

enum Val {
    Str(String),
    Num(f64),
}

fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Evaluates a string literal, a `+` of literals, or arithmetic.
fn value(s: &str) -> Option<Val> {
    let s = s.trim();
    let q = s.chars().next()?;
    if matches!(q, '"' | '\'' | '`') {
        let mut out = String::new();
        for part in s.split('+') {
            let p = part.trim();
            let inner = p.strip_prefix(q).and_then(|r| r.strip_suffix(q))?;
            out.push_str(inner);
        }
        return Some(Val::Str(out));
    }
    let tokens: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let v = expr(&tokens, &mut pos)?;
    (pos == tokens.len()).then_some(Val::Num(v))
}

fn expr(t: &[char], pos: &mut usize) -> Option<f64> {
    let mut v = term(t, pos)?;
    while let Some(&op) = t.get(*pos).filter(|c| matches!(c, '+' | '-')) {
        *pos += 1;
        let r = term(t, pos)?;
        v = if op == '+' { v + r } else { v - r };
    }
    Some(v)
}

fn term(t: &[char], pos: &mut usize) -> Option<f64> {
    let mut v = atom(t, pos)?;
    while let Some(&op) = t.get(*pos).filter(|c| matches!(c, '*' | '/' | '%')) {
        *pos += 1;
        let r = atom(t, pos)?;
        v = match op {
            '*' => v * r,
            '/' => v / r,
            _ => v % r,
        };
    }
    Some(v)
}

fn atom(t: &[char], pos: &mut usize) -> Option<f64> {
    match t.get(*pos)? {
        '(' => {
            *pos += 1;
            let v = expr(t, pos)?;
            (t.get(*pos) == Some(&')')).then(|| *pos += 1)?;
            Some(v)
        }
        '-' => {
            *pos += 1;
            atom(t, pos).map(|v| -v)
        }
        _ => {
            let start = *pos;
            while t.get(*pos).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                *pos += 1;
            }
            t[start..*pos].iter().collect::<String>().parse().ok()
        }
    }
}
