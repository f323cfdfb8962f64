//! Starting a container's main process: resolve the program on the
//! container's PATH, then either run it to completion, keep it running as a
//! service, or wait on standard input (shells and REPLs).

use super::service::{PyServer, Service};
use super::{Container, Stream};
use crate::shell::{self, ExecContext, ExecResult, Flavor};
use crate::vfs::{self, Node};
use serde::Serialize;

/// What an interactive main process or exec session is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Repl {
    /// A POSIX shell: `bash` shows `root@host:/# `, dash `# `, ash `/ # `.
    Shell {
        program: String,
        cwd: String,
    },
    Node {
        version: String,
    },
    Python {
        version: String,
    },
    /// `redis-cli`'s prompt: `127.0.0.1:6379> `.
    RedisCli {
        host: String,
        port: u16,
    },
    /// A database client (`mysql`, `psql`) connected to the server in
    /// container `server` (`engine`: mysql, mariadb, postgres), or asking
    /// for the password first.
    Sql {
        client: String,
        server: String,
        engine: String,
        user: String,
        db: Option<String>,
        /// psql's words for the connection (`connection to server at …`).
        via: String,
        client_host: String,
        asking: bool,
    },
    /// mongosh (`test> `) or the legacy `mongo` shell (`> `) connected to
    /// the server in container `server` (see `cli/mongo.rs`).
    Mongo {
        server: String,
        db: String,
        legacy: bool,
        authed: bool,
        version: String,
        /// The cursor `it` continues (its spec, documents shown).
        cursor: Option<(String, usize)>,
        kept: Box<MongoKept>,
    },
}

/// What an interactive MongoDB shell keeps between lines: the variables
/// (name, JSON), the lines that declared functions, the authenticated user
/// (user, database), and the lines of a statement still open (`... `).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MongoKept {
    pub vars: Vec<(String, String)>,
    pub defs: Vec<String>,
    pub who: Option<(String, String)>,
    pub pending: String,
}

/// How the main process went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Ran to completion with this exit code.
    Exited(i32),
    /// Keeps running.
    Serving(Service),
    /// Waits on standard input.
    Interactive(Repl),
    /// The runtime could not start it (`docker: Error response from daemon: …`, exit code).
    StartFailed(String, i32),
}

/// The programs a container's main process reaches through the daemon
/// (`curl`, `wget`, `ping` on the simulated network).
pub type Hook<'a> = Option<&'a mut dyn crate::shell::HostPrograms>;

/// The daemon's programs lent to one shell run (a reborrow with its own lifetime).
struct Lent<'r, 'o>(&'r mut (dyn crate::shell::HostPrograms + 'o));

impl crate::shell::HostPrograms for Lent<'_, '_> {
    fn provides(&self, name: &str, fs: &vfs::Fs) -> bool {
        self.0.provides(name, fs)
    }
    fn run(&mut self, call: crate::shell::HostCall<'_>) -> crate::shell::HostOutcome {
        self.0.run(call)
    }
    fn net(&mut self) -> Option<&mut dyn crate::apps::PyNet> {
        self.0.net()
    }
}

/// The hook a main process's script runs with: the daemon's programs, and
/// the server the script ends in (which the container takes over).
struct MainHook<'r, 'o> {
    inner: Option<Lent<'r, 'o>>,
    request: Option<crate::shell::ServeRequest>,
}

impl crate::shell::HostPrograms for MainHook<'_, '_> {
    fn provides(&self, name: &str, fs: &vfs::Fs) -> bool {
        self.inner.as_ref().is_some_and(|h| h.provides(name, fs))
    }
    fn run(&mut self, call: crate::shell::HostCall<'_>) -> crate::shell::HostOutcome {
        match self.inner.as_mut() {
            Some(h) => h.run(call),
            // Never reached: `provides` said no.
            None => crate::shell::HostOutcome { status: 127, output: Vec::new(), raw: Vec::new(), now: call.now },
        }
    }
    fn serve(&mut self, request: crate::shell::ServeRequest) -> bool {
        // No argv: nodemon waits for a change with no app running.
        if self.request.is_some() || (request.argv.is_empty() && request.watch.is_none()) {
            return false;
        }
        self.request = Some(request);
        true
    }
    fn net(&mut self) -> Option<&mut dyn crate::apps::PyNet> {
        self.inner.as_mut().and_then(|l| l.net())
    }
}

/// Starts the server a main process's script ended in, with the directory
/// and environment the script had then (the container's config is unchanged).
fn serve_from_script(c: &mut Container, request: crate::shell::ServeRequest, now: i64, host: &mut Hook<'_>) -> Outcome {
    if request.argv.is_empty() {
        return Outcome::Serving(Service::Idle);
    }
    // A program that hands itself over again when started (no model serves
    // it) would recurse without end: stop after a few hand-overs.
    if SERVE_DEPTH.get() >= MAX_HAND_OVERS {
        c.logs.push((Stream::Stderr, format!("dockersim: {}: serving it as the main process is not simulated", request.argv[0])));
        return Outcome::Exited(1);
    }
    SERVE_DEPTH.set(SERVE_DEPTH.get() + 1);
    let outcome = serve_handed_over(c, request, now, host);
    SERVE_DEPTH.set(SERVE_DEPTH.get() - 1);
    outcome
}

thread_local! {
    /// Hand-overs being served, one inside the other.
    static SERVE_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Hand-overs served one inside the other at most (`npm start` → `sh -c` → `node`).
const MAX_HAND_OVERS: u32 = 8;

fn serve_handed_over(c: &mut Container, request: crate::shell::ServeRequest, now: i64, host: &mut Hook<'_>) -> Outcome {
    let saved = (c.config.working_dir.clone(), c.config.env.clone());
    c.config.working_dir = request.cwd.clone();
    c.config.env = request.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut outcome = start_with(c, &request.argv, now, host);
    (c.config.working_dir, c.config.env) = saved;
    // Under nodemon: the files it watches, and PID 1 is the shell (SIGTERM waits).
    if let Outcome::Serving(Service::NodeApp { cwd, watch, stops_on_term, .. }) = &mut outcome {
        *stops_on_term = false;
        if let Some((command, exts)) = request.watch {
            let sig = super::service::watch_signature(&c.fs, cwd, &exts);
            *watch = Some(super::service::Watch { command, exts, sig, down: false });
        }
    }
    outcome
}

/// Starts `argv` in `c` (output is appended to the container's log).
pub fn start(c: &mut Container, argv: &[String], now: i64) -> Outcome {
    start_with(c, argv, now, &mut None)
}

/// [`start`], with the daemon's programs for a main process that is a script.
pub fn start_with(c: &mut Container, argv: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    let Some(program) = argv.first() else {
        return Outcome::StartFailed("no command specified".into(), 125);
    };
    let Some(path) = find_program(c, program) else {
        let what = if program.contains('/') {
            format!("exec: \"{program}\": stat {program}: no such file or directory")
        } else {
            format!("exec: \"{program}\": executable file not found in $PATH")
        };
        return Outcome::StartFailed(
            format!("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {what}: unknown"),
            127,
        );
    };
    let name = path.rsplit('/').next().unwrap_or("").to_string();
    let args = &argv[1..];
    if let Ok(Node::File { content: crate::vfs::Content::Bytes(bytes), .. }) = c.fs.get(&path) {
        // A dynamically linked binary without its loader (glibc's in alpine or scratch).
        if shell::BuiltProgram::decode(bytes).is_some_and(|b| shell::loader_missing(&c.fs, &b)) {
            c.logs.push((Stream::Stderr, format!("exec {program}: no such file or directory")));
            return Outcome::Exited(1);
        }
    }
    if let Some(outcome) = server_query(c, &path, &name, args) {
        return outcome;
    }
    if let Some(outcome) = catalog_program(c, &path, args, now) {
        return outcome;
    }
    match name.as_str() {
        "docker-entrypoint.sh" => entrypoint(c, args, now, host),
        // The php images' entrypoint: options go to the variant's server (or php).
        "docker-php-entrypoint" => {
            let mut argv = args.to_vec();
            if argv.first().is_none_or(|a| a.starts_with('-')) {
                let server = ["apache2-foreground", "php-fpm"].into_iter().find(|p| find_program(c, p).is_some()).unwrap_or("php");
                argv.insert(0, server.into());
            }
            start_with(c, &argv, now, host)
        }
        // registry:2's entrypoint: a config file or a subcommand goes to `registry`.
        "entrypoint.sh" if find_program(c, "registry").is_some() => {
            let first = args.first().map(String::as_str).unwrap_or("");
            let mut argv: Vec<String> = Vec::new();
            if first.ends_with(".yml") || first.ends_with(".yaml") {
                argv.extend(["registry".to_string(), "serve".to_string()]);
            } else if matches!(first, "serve" | "garbage-collect" | "help") || first.starts_with('-') {
                argv.push("registry".into());
            }
            argv.extend(args.iter().cloned());
            start_with(c, &argv, now, host)
        }
        "sh" | "bash" | "ash" | "dash" | "zsh" => {
            if let Some(simple) = exec_simple(args) {
                // `sh -c 'python3 -m uvicorn …'`: the shell execs a simple command (a Python server).
                start_with(c, &simple, now, host)
            } else if let Some(outcome) = command_then_server(c, argv, now, host) {
                outcome
            } else if args.iter().any(|a| a == "-c") {
                // The shell that was asked for (bash stays bash), with its options.
                main_script(c, argv, now, host)
            } else if args.iter().any(|a| !a.starts_with('-')) {
                // `sh /script.sh ARGS`: the shell runs the script file.
                main_script(c, argv, now, host)
            } else {
                Outcome::Interactive(Repl::Shell { program: name, cwd: workdir(c) })
            }
        }
        // Front-end servers; `vite build` and the like run as programs.
        "vite" | "react-scripts" | "serve" => match super::devserver::start(c, &path, &name, args) {
            Some(outcome) => outcome,
            None => main_script(c, argv, now, host),
        },
        "node" | "nodejs" => node(c, args, now, host),
        n if n.starts_with("python") => python(c, program, args, now),
        "flask" => flask(c, args),
        "gunicorn" => gunicorn(c, args),
        "uvicorn" => uvicorn(c, args),
        "nginx" | "nginx-debug" => super::nginx_start::start(c, args, now, host),
        n if n == "php-fpm" || n.starts_with("php-fpm") && n[7..].chars().all(|ch| ch.is_ascii_digit() || ch == '.') => {
            super::php_fpm::start(c, args, now)
        }
        "httpd" if !args.iter().any(|a| matches!(a.as_str(), "-v" | "-V" | "-t" | "-h" | "-l" | "-L" | "-M" | "-S")) => {
            super::httpd::start(c, args, now)
        }
        "apache2-foreground" if c.fs.read("/usr/local/bin/apache2-foreground").is_ok() => super::httpd::start_php(c, now),
        // An init as PID 1 (`tini -- docker-entrypoint.sh …`): it runs its command.
        "tini" | "tini-static" | "dumb-init" if args.iter().any(|a| !a.starts_with('-')) => {
            let rest: Vec<String> =
                args.iter().skip_while(|a| a.starts_with('-') && *a != "--").skip_while(|a| *a == "--").cloned().collect();
            start_with(c, &rest, now, host)
        }
        "sleep" if args.first().map(String::as_str) == Some("infinity") => Outcome::Serving(Service::Idle),
        "dotnet" if super::aspnet::app(c, &path, args).is_some() => {
            let (b, dll) = super::aspnet::app(c, &path, args).unwrap_or_default();
            super::aspnet::start(c, b, &dll, now)
        }
        _ if built_server(c, &path).is_some_and(|b| b.framework.as_deref().is_some_and(|f| f.starts_with("aspnetcore")))
            && super::aspnet::app(c, &path, args).is_some() =>
        {
            let (b, dll) = super::aspnet::app(c, &path, args).unwrap_or_default();
            super::aspnet::start(c, b, &dll, now)
        }
        "java" if super::spring::app(c, args).is_some() => {
            let (b, jar) = super::spring::app(c, args).unwrap_or_default();
            super::spring::start(c, b, &jar, now)
        }
        _ if built_server(c, &path).is_some_and(|b| super::rocket::is_rocket(&b)) => {
            super::rocket::start(c, built_server(c, &path).unwrap_or_default())
        }
        _ if built_server(c, &path).is_some_and(|b| b.framework.is_some()) => go_web(c, built_server(c, &path).unwrap_or_default()),
        _ if built_server(c, &path).is_some() => {
            let b = built_server(c, &path).unwrap_or_default();
            for p in &b.prints {
                c.logs.push((Stream::Stdout, p.trim_end_matches('\n').to_string()));
            }
            let body = b
                .routes
                .iter()
                .find(|(r, _)| r == "/")
                .or(b.routes.first())
                .map(|(_, body)| body.clone())
                .unwrap_or_else(|| "404 page not found\n".into());
            Outcome::Serving(Service::NodeHttp { port: b.listen.unwrap_or(8080), body })
        }
        "tail" if args.iter().any(|a| a == "-f") => Outcome::Serving(Service::Idle),
        // An entrypoint script that ends by exec'ing its arguments: what runs is the command.
        _ if exec_target(c, argv).is_some() => {
            let target = exec_target(c, argv).unwrap_or_default();
            start_with(c, &target, now, host)
        }
        _ => match script_then_exec(c, &path, args, now, host) {
            Some(outcome) => outcome,
            None => main_script(c, argv, now, host),
        },
    }
}

/// A catalog image's program whose default job the family data describes
/// (hello-world's message, a database's readiness lines, a demo server's
/// answer).
fn catalog_program(c: &mut Container, path: &str, args: &[String], now: i64) -> Option<Outcome> {
    let Ok(Node::File { content: vfs::Content::Generated { seed, .. }, .. }) = c.fs.get(path) else { return None };
    let b = crate::image::catalog::data::behaviour_of(*seed)?;
    if b.http_body.is_some() {
        return Some(canned(c, &b, args, now));
    }
    for (stream, text) in [(Stream::Stdout, &b.stdout), (Stream::Stderr, &b.stderr)] {
        for line in text.lines() {
            c.logs.push((stream, line.to_string()));
        }
    }
    if b.serve {
        if path.ends_with("/registry") {
            return Some(Outcome::Serving(Service::Registry { port: 5000 }));
        }
        return Some(Outcome::Serving(Service::Idle));
    }
    Some(Outcome::Exited(b.exit))
}

/// Whether the main process stops on SIGTERM (`docker stop` then takes no
/// grace period): the servers of the official images, uvicorn and Go servers
/// install a handler, as do Node programs that call `process.on('SIGTERM', …)`
/// as PID 1; a PID 1 without one (node, python, shells, `sleep`) is killed
/// after 10 s.
pub fn handles_sigterm(c: &Container) -> bool {
    sigterm_exit(c, 0).is_some()
}

/// How the main process ends on SIGTERM at `now`: its exit code and what
/// it logs (stderr); `None` when it ignores the signal.
pub fn sigterm_exit(c: &Container, now: i64) -> Option<(i32, Vec<(Stream, String)>)> {
    if let Some(ending) = c.service.as_ref().and_then(|s| s.on_sigterm(now)) {
        return Some(ending);
    }
    handles_term(c).then(|| (0, Vec::new()))
}

fn handles_term(c: &Container) -> bool {
    match &c.service {
        Some(Service::Nginx { .. } | Service::Registry { .. }) => true,
        // A Node program that installs its own handler (the getting-started app).
        Some(Service::NodeApp { stops_on_term, .. }) => *stops_on_term,
        // uvicorn shuts down on SIGTERM; a Go program's runtime exits on it.
        Some(Service::PyApp { server: PyServer::Uvicorn, .. } | Service::GoWeb { .. } | Service::Kestrel { .. } | Service::Rocket(_)) => {
            true
        }
        Some(Service::Idle) => c.config.argv().iter().any(|a| {
            find_program(c, a).is_some_and(|path| {
                matches!(c.fs.get(&path), Ok(Node::File { content: vfs::Content::Generated { seed, .. }, .. })
                    if crate::image::catalog::data::behaviour_of(*seed).is_some_and(|b| b.serve))
            })
        }),
        _ => false,
    }
}

/// The value of Go-style flag `name` in `args` (`-name=v`, `--name=v`, `-name v`).
fn go_flag(args: &[String], name: &str) -> Option<String> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(rest) = a.strip_prefix("--").or_else(|| a.strip_prefix('-')) else { continue };
        if let Some(v) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return Some(v.to_string());
        }
        if rest == name {
            return it.next().cloned();
        }
    }
    None
}

/// A demo server whose answer is a template (`http_body`): whoami's request
/// echo, http-echo's `-text`, hello-app's greeting.
fn canned(c: &mut Container, b: &crate::image::catalog::data::Behaviour, args: &[String], now: i64) -> Outcome {
    let mut body = b.http_body.clone().unwrap_or_default();
    if !b.body_arg.is_empty() {
        let text = go_flag(args, &b.body_arg).filter(|t| !t.is_empty()).or_else(|| env(c, &b.body_env).filter(|t| !t.is_empty()));
        match text {
            Some(t) => body = body.replace("{text}", &t),
            None => {
                for line in b.missing.lines() {
                    c.logs.push((Stream::Stderr, line.to_string()));
                }
                return Outcome::Exited(b.exit);
            }
        }
    }
    let listen = if b.listen_arg.is_empty() { None } else { go_flag(args, &b.listen_arg) };
    let ports = match listen.as_deref().and_then(|l| l.rsplit(':').next()).and_then(|p| p.parse::<u16>().ok()) {
        Some(p) => vec![p],
        None => b.ports.clone(),
    };
    let listen = listen.unwrap_or_else(|| format!(":{}", ports.first().copied().unwrap_or(80)));
    let logdate = super::service::go_log_time(now);
    for (stream, text) in [(Stream::Stdout, &b.stdout), (Stream::Stderr, &b.stderr)] {
        for line in text.lines() {
            let port = ports.first().map(u16::to_string).unwrap_or_default();
            c.logs.push((stream, line.replace("{logdate}", &logdate).replace("{listen}", &listen).replace("{port}", &port)));
        }
    }
    let published = c.ports.iter().filter_map(|p| p.host_port.map(|h| (p.container_port, h))).collect();
    Outcome::Serving(Service::Canned {
        ports,
        published,
        body,
        content_type: b.content_type.clone(),
        server: b.server.clone(),
        access_log: b.access_log.clone(),
        term: b.term.clone(),
    })
}

/// A script whose last command `exec`s a server (`exec nginx -g "daemon
/// off;"`, docker-curriculum's wrapper.sh): what runs before it, and the
/// server's argv (plain words and quotes only).
fn exec_tail(c: &Container, path: &str) -> Option<(String, String, Vec<String>)> {
    let bytes = c.fs.read(path).ok()?;
    if !bytes.starts_with(b"#!") || bytes.len() > 64 * 1024 {
        return None;
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let interp = text.lines().next()?.trim_start_matches("#!").split_whitespace().next()?.to_string();
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))?;
    let line = lines[last].trim().strip_prefix("exec ")?;
    // `exec httpd -DFOREGROUND "$@"` (httpd-foreground): the script's arguments follow.
    let (line, passes) = line.strip_suffix(" \"$@\"").map_or((line, false), |l| (l, true));
    let mut argv = shell_words(line)?;
    if passes {
        argv.push("\"$@\"".into());
    }
    let prefix = lines[..last].join("\n") + "\n";
    Some((interp, prefix, argv))
}

/// Splits `line` into words with quotes; None when it needs the shell
/// (expansions, operators).
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            ' ' | '\t' => {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = cur.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    w.push(q);
                }
            }
            '"' => {
                let w = cur.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    match q {
                        '"' => break,
                        '$' | '`' | '\\' => return None,
                        _ => w.push(q),
                    }
                }
            }
            '$' | '`' | '\\' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => return None,
            _ => cur.get_or_insert_with(String::new).push(ch),
        }
    }
    words.extend(cur);
    (!words.is_empty()).then_some(words)
}

/// The catalog server a container runs without a model of its answers
/// (`Service::Idle`: WordPress's apache2-foreground) when it listens on
/// `port`: its program's name.
pub fn idle_server(c: &Container, port: u16) -> Option<String> {
    if !matches!(c.service, Some(Service::Idle)) {
        return None;
    }
    c.config.argv().iter().find_map(|a| {
        let path = find_program(c, a)?;
        let Ok(Node::File { content: vfs::Content::Generated { seed, .. }, .. }) = c.fs.get(&path) else { return None };
        let b = crate::image::catalog::data::behaviour_of(*seed)?;
        (b.serve && (b.ports.is_empty() || b.ports.contains(&port))).then(|| path.rsplit('/').next().unwrap_or(a).to_string())
    })
}

/// Whether `program` is a server the simulator starts as a main process.
fn is_server(c: &Container, program: &str) -> bool {
    let Some(path) = find_program(c, program) else { return false };
    let name = path.rsplit('/').next().unwrap_or("");
    matches!(name, "nginx" | "httpd" | "node" | "flask" | "gunicorn" | "apache2-foreground")
        || name.starts_with("python")
        || matches!(c.fs.get(&path), Ok(Node::File { content: vfs::Content::Generated { seed, .. }, .. })
            if crate::image::catalog::data::behaviour_of(*seed).is_some_and(|b| b.serve || b.http_body.is_some()))
}

/// `sh -c 'cd … && sed … > index.html ; nginx -g "daemon off;"'`
/// (dockersamples/static-site): the commands before the last `;` or `&&`
/// run in the shell, then the server they end with starts.
fn command_then_server(c: &mut Container, argv: &[String], now: i64, host: &mut Hook<'_>) -> Option<Outcome> {
    let at = argv.iter().position(|a| a == "-c")?;
    let script = argv.get(at + 1)?;
    let (prefix, and, tail) = split_last_command(script)?;
    let tail = tail.trim();
    let words = shell_words(tail.strip_prefix("exec ").unwrap_or(tail))?;
    if !is_server(c, &words[0]) {
        return None;
    }
    let mut run: Vec<String> = argv.to_vec();
    run[at + 1] = prefix;
    let mut lent = host.as_deref_mut().map(Lent);
    let (r, _) = run_shell_until(c, &run, now, lent.as_mut().map(|l| l as &mut dyn crate::shell::HostPrograms));
    log_result(c, &r);
    if and && r.status != 0 {
        return Some(Outcome::Exited(r.status.rem_euclid(256)));
    }
    Some(start_with(c, &words, now, host))
}

/// Splits a one-line script at its last top-level `;` or `&&` (outside
/// quotes): the commands before, whether it was `&&`, the last command.
fn split_last_command(script: &str) -> Option<(String, bool, String)> {
    if script.contains('\n') {
        return None;
    }
    let bytes = script.as_bytes();
    let (mut quote, mut last) = (None, None);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' => quote = Some(b),
            None if b == b';' => last = Some((i, 1, false)),
            None if b == b'&' && bytes.get(i + 1) == Some(&b'&') => {
                last = Some((i, 2, true));
                i += 1;
            }
            None => {}
        }
        i += 1;
    }
    let (at, len, and) = last?;
    Some((script[..at].to_string(), and, script[at + len..].to_string()))
}

/// Runs the script up to its last line, then the server it `exec`s.
fn script_then_exec(c: &mut Container, path: &str, args: &[String], now: i64, host: &mut Hook<'_>) -> Option<Outcome> {
    let (interp, prefix, mut exec_argv) = exec_tail(c, path)?;
    if exec_argv.last().is_some_and(|a| a == "\"$@\"") {
        exec_argv.pop();
        exec_argv.extend(args.iter().cloned());
    }
    if !is_server(c, &exec_argv[0]) || find_program(c, &interp).is_none() {
        return None;
    }
    let argv: Vec<String> = [interp, "-c".into(), prefix, path.to_string()].into_iter().chain(args.iter().cloned()).collect();
    let mut lent = host.as_deref_mut().map(Lent);
    let (r, _) = run_shell_until(c, &argv, now, lent.as_mut().map(|l| l as &mut dyn crate::shell::HostPrograms));
    log_result(c, &r);
    if r.status != 0 {
        return Some(Outcome::Exited(r.status.rem_euclid(256)));
    }
    Some(start_with(c, &exec_argv, now, host))
}

/// Whether the file at `path` is a shell script whose last command is
/// `exec "$@"` (the official images' entrypoints, reduced in the catalog).
fn execs_its_arguments(c: &Container, path: &str) -> bool {
    let Ok(bytes) = c.fs.read(path) else { return false };
    if !bytes.starts_with(b"#!") || bytes.len() > 64 * 1024 {
        return false;
    }
    let text = String::from_utf8_lossy(&bytes);
    text.lines().map(str::trim).rfind(|l| !l.is_empty() && !l.starts_with('#')) == Some("exec \"$@\"")
}

/// What an entrypoint script ending in `exec "$@"` runs: its arguments, with
/// the program of its `set -- PROG "$@"` line put in front of options or of
/// a command not on PATH (curlimages/curl's `docker run IMAGE -s URL`).
pub fn exec_target(c: &Container, argv: &[String]) -> Option<Vec<String>> {
    let path = find_program(c, argv.first()?)?;
    if !execs_its_arguments(c, &path) {
        return None;
    }
    let text = String::from_utf8_lossy(&c.fs.read(&path).ok()?).into_owned();
    let prog = text.lines().find_map(|l| l.trim().strip_prefix("set -- ")?.strip_suffix(" \"$@\"").map(str::to_string));
    let mut args = argv[1..].to_vec();
    if let Some(p) = prog.filter(|p| !p.contains(['$', ' '])) {
        if args.first().is_none_or(|f| f.starts_with('-') || find_program(c, f).is_none()) {
            args.insert(0, p);
        }
    }
    (!args.is_empty()).then_some(args)
}

/// A server a simulated toolchain built (`go build` of a net/http program).
fn built_server(c: &Container, path: &str) -> Option<shell::BuiltProgram> {
    match c.fs.get(path) {
        Ok(Node::File { content: crate::vfs::Content::Bytes(b), .. }) => {
            shell::BuiltProgram::decode(b).filter(|b| b.listen.is_some() && b.unsupported.is_empty())
        }
        _ => None,
    }
}

/// The entrypoint scripts of the official images, reduced to what they decide.
fn entrypoint(c: &mut Container, args: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    let first = args.first().map(String::as_str).unwrap_or("");
    if first == "nginx" || first == "nginx-debug" {
        super::nginx_start::entrypoint(c);
    }
    let mut argv: Vec<String> = args.to_vec();
    // Each image's script puts its server in front of options (`docker run
    // mysql --character-set-server=utf8mb4`, `redis redis.conf`); node's
    // also in front of a command it cannot find.
    let server =
        ["mariadbd", "mysqld", "postgres", "redis-server", "mongod", "memcached"].into_iter().find(|p| find_program(c, p).is_some());
    let prepend = match server {
        Some("redis-server") => first.starts_with('-') || first.ends_with(".conf"),
        Some(_) => first.starts_with('-'),
        None => first.is_empty() || first.starts_with('-') || find_program(c, first).is_none(),
    };
    if prepend {
        argv.insert(0, server.unwrap_or("node").into());
    }
    let first = argv.first().map(String::as_str).unwrap_or("");
    if let Some(path) = find_program(c, first) {
        if let Some(outcome) = server_query(c, &path, first, &argv[1..]) {
            return outcome;
        }
    }
    if let Some(kind) = database_kind(c, first) {
        return database(c, kind, &argv, now, host);
    }
    if first.rsplit('/').next() == Some("mongod") {
        let env_map = process_env(c);
        crate::apps::mongo::store::first_start(&mut c.fs, &env_map, now);
    }
    start_with(c, &argv, now, host)
}

/// `--version` and `--help` given to a catalog image's server: the version
/// line the real program prints, or a `dockersim:` line for what is not
/// modelled (it never starts the server instead).
fn server_query(c: &mut Container, path: &str, name: &str, args: &[String]) -> Option<Outcome> {
    let asks = |flags: &[&str]| args.iter().any(|a| flags.contains(&a.as_str()));
    let version_flag = asks(&["--version", "-V"]);
    let help_flag = asks(&["--help", "-h", "-?"]);
    if !version_flag && !help_flag {
        return None;
    }
    let Ok(Node::File { content: vfs::Content::Generated { seed, .. }, .. }) = c.fs.get(path) else { return None };
    crate::image::catalog::data::behaviour_of(*seed)?;
    let plain = |v: Option<String>| v.map(|v| v.split(['-', '+']).next().unwrap_or("").to_string()).unwrap_or_default();
    let line = match name {
        _ if help_flag => None,
        "mysqld" if env(c, "MYSQL_VERSION").is_some() => {
            Some(format!("/usr/sbin/mysqld  Ver {} for Linux on x86_64 (MySQL Community Server - GPL)", plain(env(c, "MYSQL_VERSION"))))
        }
        "mariadbd" | "mysqld" if env(c, "MARIADB_VERSION").is_some() => {
            let raw = env(c, "MARIADB_VERSION").unwrap_or_default();
            let raw = raw.split_once(':').map(|(_, v)| v.to_string()).unwrap_or(raw);
            let (version, dist) = raw.split_once("+maria~").unwrap_or((raw.as_str(), ""));
            Some(format!("/usr/sbin/{name}  Ver {version}-MariaDB-{dist} for debian-linux-gnu on x86_64 (mariadb.org binary distribution)"))
        }
        "postgres" if env(c, "PG_VERSION").is_some() => {
            let raw = env(c, "PG_VERSION").unwrap_or_default();
            Some(match raw.split_once('-') {
                Some((v, _)) => format!("postgres (PostgreSQL) {v} (Debian {raw})"),
                None => format!("postgres (PostgreSQL) {raw}"),
            })
        }
        "redis-server" if env(c, "REDIS_VERSION").is_some() => {
            let version = plain(env(c, "REDIS_VERSION"));
            let malloc = if c.fs.exists("/etc/alpine-release") { "libc" } else { "jemalloc-5.3.0" };
            let build = crate::digest::sha256_hex(format!("redis-server {version} {malloc}").as_bytes());
            Some(format!("Redis server v={version} sha=00000000:0 malloc={malloc} bits=64 build={}", &build[..16]))
        }
        _ => None,
    };
    Some(match line {
        Some(line) => {
            c.logs.push((Stream::Stdout, line));
            Outcome::Exited(0)
        }
        None => {
            let flag = if help_flag { "--help" } else { "--version" };
            c.logs.push((Stream::Stderr, format!("dockersim: {name} {flag}: not simulated")));
            Outcome::Exited(1)
        }
    })
}

/// The server a database image's entrypoint starts (`mysqld`, `mariadbd`, `postgres`).
fn database_kind(c: &Container, first: &str) -> Option<crate::apps::sql::store::Kind> {
    use crate::apps::sql::store::Kind;
    match first {
        "mysqld" if env(c, "MARIADB_VERSION").is_some() => Some(Kind::Mariadb),
        "mysqld" => Some(Kind::Mysql),
        "mariadbd" => Some(Kind::Mariadb),
        "postgres" if env(c, "PG_VERSION").is_some() => Some(Kind::Postgres),
        _ => None,
    }
}

/// A database image's entrypoint: refuse without a password variable, make
/// the data directory at first start (databases, users), skip that when the
/// directory (a volume) already holds one, then start the server.
fn database(c: &mut Container, kind: crate::apps::sql::store::Kind, args: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    use crate::apps::sql::store::{first_start, Kind, Start};
    const STAMP: &str = "2026-01-01 00:00:01+00:00";
    let env_map = process_env(c);
    let version = match kind {
        Kind::Mariadb => env(c, "MARIADB_VERSION").unwrap_or_default(),
        _ => env(c, "MYSQL_VERSION").unwrap_or_default(),
    };
    let server = if kind == Kind::Mariadb { "MariaDB" } else { "MySQL" };
    let notes = [
        format!("{STAMP} [Note] [Entrypoint]: Entrypoint script for {server} Server {version} started."),
        format!("{STAMP} [Note] [Entrypoint]: Switching to dedicated user 'mysql'"),
        format!("{STAMP} [Note] [Entrypoint]: Entrypoint script for {server} Server {version} started."),
    ];
    match first_start(&mut c.fs, kind, &env_map, STAMP, now) {
        Start::Refused(lines) => {
            if kind != Kind::Postgres {
                c.logs.extend(notes.into_iter().map(|n| (Stream::Stdout, n)));
            }
            c.logs.extend(lines.into_iter().map(|l| (Stream::Stderr, l)));
            Outcome::Exited(1)
        }
        start => {
            let before = c.logs.len();
            let outcome = start_with(c, args, now, host);
            let mut lines = c.logs.split_off(before);
            match (start, kind) {
                (Start::Existing, Kind::Postgres) => {
                    if let Some(i) = lines.iter().position(|(_, l)| l.starts_with("PostgreSQL init process complete")) {
                        lines.drain(..(i + 2).min(lines.len()));
                        lines.insert(0, (Stream::Stdout, String::new()));
                        lines.insert(
                            1,
                            (Stream::Stdout, "PostgreSQL Database directory appears to contain a database; Skipping initialization".into()),
                        );
                        lines.insert(2, (Stream::Stdout, String::new()));
                    }
                }
                (Start::Existing, _) => {
                    lines.retain(|(_, l)| !l.contains("Initializing database files") && !l.contains("init process done"))
                }
                (Start::Fresh(extra), _) => {
                    let at = lines.iter().position(|(_, l)| l.contains("init process done")).unwrap_or(lines.len());
                    for (k, n) in extra.into_iter().enumerate() {
                        lines.insert(at + k, (Stream::Stdout, n));
                    }
                }
                _ => {}
            }
            c.logs.extend(lines);
            outcome
        }
    }
}

fn node(c: &mut Container, args: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    let version = env(c, "NODE_VERSION").unwrap_or_else(|| "22.12.0".into());
    if args.first().is_some_and(|a| matches!(a.as_str(), "-e" | "--eval" | "-p" | "--print" | "-v" | "--version")) {
        let argv: Vec<String> = std::iter::once("node".to_string()).chain(args.iter().cloned()).collect();
        let r = run_shell(c, &argv, now);
        log_result(c, &r);
        return Outcome::Exited(r.status.rem_euclid(256));
    }
    let script = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            let flag_value =
                *i > 0 && matches!(args[i - 1].as_str(), "-r" | "--require" | "--import" | "--loader" | "--experimental-loader");
            !a.starts_with('-') && !flag_value
        })
        .map(|(_, a)| a);
    let Some(script) = script else {
        if c.stdin.is_empty() {
            return Outcome::Interactive(Repl::Node { version });
        }
        // Standard input is a pipe: node runs it as the program.
        let argv: Vec<String> = std::iter::once("node".to_string()).chain(args.iter().cloned()).collect();
        let r = run_shell(c, &argv, now);
        log_result(c, &r);
        return Outcome::Exited(r.status.rem_euclid(256));
    };
    let path = vfs::join(&workdir(c), script);
    let Ok(bytes) = c.fs.read(&path) else {
        let err = format!(
            "node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}}\n\nNode.js v{version}"
        );
        for line in err.lines() {
            c.logs.push((Stream::Stderr, line.into()));
        }
        return Outcome::Exited(1);
    };
    let source = String::from_utf8_lossy(&bytes).into_owned();
    if (source.contains("web-ping") || path.contains("web-ping")) && source.contains("setInterval") {
        let target = env(c, "TARGET").unwrap_or_else(|| "blog.sixeyed.com".into());
        let method = env(c, "METHOD").unwrap_or_else(|| "HEAD".into());
        let interval_ms = env(c, "INTERVAL").and_then(|i| i.parse().ok()).unwrap_or(3000);
        c.logs.push((Stream::Stdout, format!("** web-ping ** Pinging: {target}; method: {method}; {interval_ms}ms intervals")));
        return Outcome::Serving(Service::WebPing { target, method, interval_ms });
    }
    let env_map = c.config.env_map();
    let cwd = workdir(c);
    let hostname = c.fs.read("/etc/hostname").ok().map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
    let argv: Vec<String> = std::iter::once("/usr/local/bin/node".to_string())
        .chain(std::iter::once(path.clone()))
        .chain(args.iter().skip_while(|a| *a != script).skip(1).cloned())
        .collect();
    let net = host.as_deref_mut().and_then(|h| h.net());
    let flags: Vec<&str> = args.iter().take_while(|a| *a != script).map(String::as_str).collect();
    let mode = crate::apps::NodeMode::from_flags(&flags, &version);
    let nenv = crate::apps::NodeEnv { net, now, seed: format!("{hostname}/{now}/0"), mode };
    let r = crate::apps::run_node_in(&c.fs, &path, &env_map, &cwd, &hostname, &argv, nenv);
    for line in r.stdout.lines() {
        c.logs.push((Stream::Stdout, line.to_string()));
    }
    for line in r.stderr.lines() {
        c.logs.push((Stream::Stderr, line.to_string()));
    }
    crate::apps::apply_written(&mut c.fs, &r.written, now);
    match r.listening {
        Some(port) => Outcome::Serving(Service::NodeApp {
            port,
            entry: path,
            cwd,
            env: env_map,
            hostname,
            served: 0,
            watch: None,
            mode,
            stops_on_term: r.handles_sigterm,
        }),
        None => Outcome::Exited(r.status),
    }
}

fn python(c: &mut Container, program: &str, args: &[String], now: i64) -> Outcome {
    let version = env(c, "PYTHON_VERSION").unwrap_or_else(|| "3.8.20".into());
    let args: Vec<String> = args.iter().skip_while(|a| matches!(a.as_str(), "-u" | "-B" | "-O" | "-E" | "-s" | "-I")).cloned().collect();
    match args.first().map(String::as_str) {
        // Standard input is a pipe (`docker run -i … python < script.py`): Python runs it as a script.
        None if c.stdin.is_empty() => Outcome::Interactive(Repl::Python { version }),
        None => {
            let r = run_shell(c, &["python3".to_string()], now);
            log_result(c, &r);
            Outcome::Exited(r.status.rem_euclid(256))
        }
        Some("-m") if args.get(1).map(String::as_str) == Some("flask") => flask(c, &args[2..]),
        Some("-m") if args.get(1).map(String::as_str) == Some("uvicorn") && c.fs.exists(&uvicorn_dir(c)) => uvicorn(c, &args[2..]),
        Some("-m" | "-c" | "-V" | "--version") | Some("-") => {
            // -c, -m (pip, json.tool, venv, …) and -V are the shell's program.
            let argv: Vec<String> = std::iter::once("python3".to_string()).chain(args.iter().cloned()).collect();
            let r = run_shell(c, &argv, now);
            log_result(c, &r);
            Outcome::Exited(r.status.rem_euclid(256))
        }
        Some(script) => {
            let path = vfs::join(&workdir(c), script);
            let penv = py_env(c, now);
            let r = crate::apps::run_python(penv, crate::apps::PyMain::File(&path), &args);
            let r = crate::apps::PyRun { stderr: r.stderr.replacen("python3: can't open", &format!("{program}: can't open"), 1), ..r };
            log_output(c, &r.stdout, &r.stderr);
            apply_writes(c, &r);
            match r.listening {
                Some((host, port, _)) if r.django.is_some() => {
                    let dj = r.django.unwrap_or_default();
                    for (err, line) in dj.banner {
                        c.logs.push((if err { Stream::Stderr } else { Stream::Stdout }, line));
                    }
                    let loopback = !matches!(host.as_str(), "0.0.0.0" | "0" | "::" | "[::]");
                    match py_service(c, port, path, None, loopback) {
                        Service::PyApp { port, entry, module, cwd, env, hostname, loopback, .. } => Outcome::Serving(Service::PyApp {
                            port,
                            entry,
                            module,
                            cwd,
                            env,
                            hostname,
                            loopback,
                            server: PyServer::Django(dj.settings),
                        }),
                        other => Outcome::Serving(other),
                    }
                }
                Some((host, port, debug)) => {
                    let host_all = host == "0.0.0.0";
                    flask_banner(c, &app_name(script), port, host_all, debug);
                    Outcome::Serving(py_service(c, port, path, None, !host_all))
                }
                None => Outcome::Exited(r.status),
            }
        }
    }
}

fn py_env(c: &Container, now: i64) -> crate::apps::PyEnv<'_> {
    let hostname = c.fs.read("/etc/hostname").ok().map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
    let mut env = c.config.env_map();
    if let Some(v) = distro_python(c) {
        env.entry("PYTHON_VERSION".into()).or_insert(v);
    }
    let stdin = String::from_utf8_lossy(&c.stdin).into_owned();
    crate::apps::PyEnv { fs: &c.fs, env, cwd: workdir(c), hostname, now, stdin, net: None }
}

/// The version of a distribution's Python (no `PYTHON_VERSION` in the
/// image): `python` resolves to `/usr/bin/python2.7` → `2.7`.
fn distro_python(c: &Container) -> Option<String> {
    if env(c, "PYTHON_VERSION").is_some() {
        return None;
    }
    let path = find_program(c, "python").or_else(|| find_program(c, "python3"))?;
    let real = c.fs.resolve(&path, true).ok()?;
    let v = real.rsplit('/').next()?.strip_prefix("python")?;
    (v.contains('.') && v.chars().all(|ch| ch.is_ascii_digit() || ch == '.')).then(|| v.to_string())
}

fn py_service(c: &Container, port: u16, entry: String, module: Option<String>, loopback: bool) -> Service {
    let hostname = c.fs.read("/etc/hostname").ok().map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
    let mut env = c.config.env_map();
    if let Some(v) = distro_python(c) {
        env.entry("PYTHON_VERSION".into()).or_insert(v);
    }
    Service::PyApp { port, entry, module, cwd: workdir(c), env, hostname, loopback, server: PyServer::Werkzeug }
}

/// `uvicorn MODULE:APP [--host H] [--port P]` (also `python -m uvicorn`):
/// imports the module, logs uvicorn's start-up and serves the ASGI app.
fn uvicorn(c: &mut Container, args: &[String]) -> Outcome {
    let (mut host, mut port, mut target) = ("127.0.0.1".to_string(), 8000u16, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(h) = a.strip_prefix("--host=") {
            host = h.to_string();
        } else if let Some(p) = a.strip_prefix("--port=") {
            port = p.parse().unwrap_or(port);
        } else if a == "--host" {
            host = it.next().cloned().unwrap_or(host);
        } else if a == "--port" {
            port = it.next().and_then(|p| p.parse().ok()).unwrap_or(port);
        } else if matches!(a.as_str(), "--workers" | "--log-level" | "--root-path" | "--app-dir") {
            it.next();
        } else if !a.starts_with('-') {
            target = Some(a.clone());
        }
    }
    let Some(target) = target else {
        for line in ["Usage: uvicorn [OPTIONS] APP", "Try 'uvicorn --help' for help.", "", "Error: Missing argument 'APP'."] {
            c.logs.push((Stream::Stderr, line.into()));
        }
        return Outcome::Exited(2);
    };
    let module = target.split(':').next().unwrap_or(&target).to_string();
    let file = format!("{}.py", module.replace('.', "/"));
    let path = vfs::join(&workdir(c), &file);
    if !c.fs.exists(&path) {
        c.logs.push((Stream::Stderr, format!("ERROR:    Error loading ASGI app. Could not import module \"{module}\".")));
        return Outcome::Exited(1);
    }
    let code = format!("import {module}\n");
    let penv = py_env(c, 0);
    let r = crate::apps::run_python(penv, crate::apps::PyMain::Code(&code), std::slice::from_ref(&path));
    log_output(c, &r.stdout, &r.stderr);
    if r.status != 0 {
        return Outcome::Exited(1);
    }
    for line in [
        "INFO:     Started server process [1]".to_string(),
        "INFO:     Waiting for application startup.".to_string(),
        "INFO:     Application startup complete.".to_string(),
        format!("INFO:     Uvicorn running on http://{host}:{port} (Press CTRL+C to quit)"),
    ] {
        c.logs.push((Stream::Stderr, line));
    }
    let loopback = host != "0.0.0.0";
    match py_service(c, port, path, Some(module), loopback) {
        Service::PyApp { port, entry, module, cwd, env, hostname, loopback, .. } => {
            Outcome::Serving(Service::PyApp { port, entry, module, cwd, env, hostname, loopback, server: PyServer::Uvicorn })
        }
        other => Outcome::Serving(other),
    }
}

fn log_output(c: &mut Container, stdout: &str, stderr: &str) {
    for line in stdout.lines() {
        c.logs.push((Stream::Stdout, line.to_string()));
    }
    for line in stderr.lines() {
        c.logs.push((Stream::Stderr, line.to_string()));
    }
}

fn apply_writes(c: &mut Container, r: &crate::apps::PyRun) {
    for dir in &r.dirs {
        let _ = c.fs.mkdir_all(dir, vfs::Meta::new(0o755, 0));
    }
    for (path, bytes) in &r.written {
        let mode = r.modes.get(path).copied().unwrap_or(0o644);
        if let Some((dir, _)) = path.rsplit_once('/').filter(|(d, _)| !d.is_empty()) {
            let _ = c.fs.mkdir_all(dir, vfs::Meta::new(0o755, 0));
        }
        let _ = c.fs.write(path, vfs::Content::from_bytes(bytes.clone()), vfs::Meta::new(mode, 0));
    }
}

/// `flask run [--host=…] [--port=…] [--debug]`, finding the app as Flask does
/// (`--app`, FLASK_APP, then `app.py`/`wsgi.py` in the working directory).
fn flask(c: &mut Container, args: &[String]) -> Outcome {
    let mut app = env(c, "FLASK_APP");
    let mut rest: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--app=") {
            app = Some(v.to_string());
        } else if a == "--app" || a == "-A" {
            app = it.next().cloned();
        } else if a == "--debug" {
            rest.push("--debug");
        } else {
            rest.push(a);
        }
    }
    if rest.first().copied() != Some("run") {
        c.logs.push((Stream::Stdout, "Usage: python -m flask [OPTIONS] COMMAND [ARGS]...".into()));
        return Outcome::Exited(2);
    }
    let mut host_all = env(c, "FLASK_RUN_HOST").is_some_and(|h| h == "0.0.0.0");
    let mut port: u16 = env(c, "FLASK_RUN_PORT").and_then(|p| p.parse().ok()).unwrap_or(5000);
    let mut debug = env(c, "FLASK_DEBUG").is_some_and(|d| d == "1" || d == "true") || args.iter().any(|a| a == "--debug");
    let mut i = 1;
    while i < rest.len() {
        let a = rest[i];
        let (key, val) = match a.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (a, rest.get(i + 1).map(|v| v.to_string())),
        };
        let takes = !a.contains('=');
        match key {
            "--host" | "-h" => {
                host_all = val.as_deref() == Some("0.0.0.0");
                i += usize::from(takes);
            }
            "--port" | "-p" => {
                port = val.and_then(|v| v.parse().ok()).unwrap_or(5000);
                i += usize::from(takes);
            }
            "--debug" => debug = true,
            _ => {}
        }
        i += 1;
    }
    let wd = workdir(c);
    let module_name = app.map(|a| a.split(':').next().unwrap_or(&a).trim_end_matches(".py").to_string());
    let candidates: Vec<String> = match &module_name {
        Some(m) => vec![format!("{}.py", m.replace('.', "/"))],
        None => vec!["app.py".to_string(), "wsgi.py".to_string()],
    };
    let Some(file) = candidates.iter().find(|f| c.fs.exists(&vfs::join(&wd, f))).cloned() else {
        for line in [
            "Usage: python -m flask run [OPTIONS]",
            "Try 'python -m flask run --help' for help.",
            "",
            "Error: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.",
        ] {
            c.logs.push((Stream::Stderr, line.into()));
        }
        return Outcome::Exited(2);
    };
    serve_module(c, &file, port, host_all, debug, None)
}

/// Imports the app module (its routes register), then serves it.
fn serve_module(c: &mut Container, file: &str, port: u16, host_all: bool, debug: bool, gunicorn: Option<&str>) -> Outcome {
    let path = vfs::join(&workdir(c), file);
    let module = app_name(file);
    let code = format!("import {module}\n");
    let penv = py_env(c, 0);
    let r = crate::apps::run_python(penv, crate::apps::PyMain::Code(&code), std::slice::from_ref(&path));
    log_output(c, &r.stdout, &r.stderr);
    if r.status != 0 {
        return Outcome::Exited(if gunicorn.is_some() { 3 } else { 1 });
    }
    match gunicorn {
        Some(bind) => {
            for line in [
                "[INFO] Starting gunicorn 23.0.0".to_string(),
                format!("[INFO] Listening at: http://{bind} (1)"),
                "[INFO] Using worker: sync".to_string(),
            ] {
                c.logs.push((Stream::Stderr, format!("[2025-01-01 00:00:00 +0000] [1] {line}")));
            }
            c.logs.push((Stream::Stderr, "[2025-01-01 00:00:00 +0000] [7] [INFO] Booting worker with pid: 7".into()));
        }
        None => flask_banner(c, &module, port, host_all, debug),
    }
    Outcome::Serving(py_service(c, port, path, Some(module), !host_all))
}

/// `gunicorn [-b HOST:PORT] [-w N] module:app`.
fn gunicorn(c: &mut Container, args: &[String]) -> Outcome {
    let mut bind = "127.0.0.1:8000".to_string();
    let mut target = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(b) = a.strip_prefix("--bind=").or_else(|| a.strip_prefix("-b=")) {
            bind = b.to_string();
        } else if a == "-b" || a == "--bind" {
            bind = it.next().cloned().unwrap_or(bind);
        } else if a == "-w" || a == "--workers" || a == "-k" || a == "--timeout" || a == "--log-level" {
            it.next();
        } else if !a.starts_with('-') {
            target = Some(a.clone());
        }
    }
    let Some(target) = target else {
        c.logs.push((Stream::Stderr, "usage: gunicorn [OPTIONS] [APP_MODULE]".into()));
        c.logs.push((Stream::Stderr, "gunicorn: error: No application module specified.".into()));
        return Outcome::Exited(2);
    };
    let module = target.split(':').next().unwrap_or(&target).to_string();
    let file = format!("{}.py", module.replace('.', "/"));
    if !c.fs.exists(&vfs::join(&workdir(c), &file)) {
        c.logs.push((Stream::Stderr, format!("ModuleNotFoundError: No module named '{module}'")));
        return Outcome::Exited(3);
    }
    let (host, port) = bind.rsplit_once(':').unwrap_or((&bind, "8000"));
    let port = port.parse().unwrap_or(8000);
    let host_all = host == "0.0.0.0";
    let bind = format!("{host}:{port}");
    serve_module(c, &file, port, host_all, false, Some(&bind))
}

fn app_name(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).trim_end_matches(".py").to_string()
}

/// The Flask version pip installed (its `*.dist-info` in site-packages).
fn flask_version(c: &Container) -> Option<String> {
    for lib in ["/usr/local/lib", "/usr/lib"] {
        let Ok(Node::Dir { entries, .. }) = c.fs.get(lib) else { continue };
        for py in entries.keys().filter(|k| k.starts_with("python3")) {
            for sp in ["site-packages", "dist-packages"] {
                if let Ok(Node::Dir { entries, .. }) = c.fs.get(&format!("{lib}/{py}/{sp}")) {
                    let found = entries.keys().find_map(|k| {
                        let k = k.strip_suffix(".dist-info")?;
                        let (name, version) = k.split_once('-')?;
                        name.eq_ignore_ascii_case("flask").then(|| version.to_string())
                    });
                    if found.is_some() {
                        return found;
                    }
                }
            }
        }
    }
    None
}

fn flask_banner(c: &mut Container, app: &str, port: u16, host_all: bool, debug: bool) {
    if distro_python(c).is_some_and(|v| v.starts_with("2.")) {
        // Flask 0.10 / Werkzeug 0.10 (Python 2): one line, the address as given.
        let host = if host_all { "0.0.0.0" } else { "127.0.0.1" };
        c.logs.push((Stream::Stderr, format!(" * Running on http://{host}:{port}/ (Press CTRL+C to quit)")));
        return;
    }
    let mode = format!(" * Debug mode: {}", if debug { "on" } else { "off" });
    let flask = flask_version(c).unwrap_or_default();
    let old: Vec<u32> = flask.split('.').take(2).map(|n| n.parse().unwrap_or(0)).collect();
    if matches!(old.as_slice(), [1, _] | [2, 0] | [2, 1]) {
        // Flask before 2.2 announced its environment; Flask 1 quoted with "".
        let quoted = if old[0] == 1 { format!("\"{app}\"") } else { format!("'{app}'") };
        let env = if debug { "development" } else { "production" };
        let mut banner = vec![format!(" * Serving Flask app {quoted} (lazy loading)"), format!(" * Environment: {env}")];
        if !debug {
            banner.push("   WARNING: This is a development server. Do not use it in a production deployment.".into());
            banner.push("   Use a production WSGI server instead.".into());
        }
        banner.push(mode.clone());
        c.logs.extend(banner.into_iter().map(|l| (Stream::Stdout, l)));
        if old[0] == 1 {
            // Werkzeug 1: one line, the address as given.
            let host = if host_all { "0.0.0.0" } else { "127.0.0.1" };
            c.logs.push((Stream::Stderr, format!(" * Running on http://{host}:{port}/ (Press CTRL+C to quit)")));
            return;
        }
    } else {
        c.logs.push((Stream::Stdout, format!(" * Serving Flask app '{app}'")));
        c.logs.push((Stream::Stdout, mode));
    }
    let mut lines = vec![(
        Stream::Stderr,
        "WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead."
            .to_string(),
    )];
    if host_all {
        lines.push((Stream::Stderr, " * Running on all addresses (0.0.0.0)".into()));
        lines.push((Stream::Stderr, format!(" * Running on http://127.0.0.1:{port}")));
        let hosts = String::from_utf8_lossy(&c.fs.read("/etc/hosts").unwrap_or_default()).into_owned();
        let me = &c.config.hostname;
        let ip = hosts
            .lines()
            .rev()
            .find(|l| l.split_whitespace().skip(1).any(|w| w == me))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or("172.17.0.2")
            .to_string();
        lines.push((Stream::Stderr, format!(" * Running on http://{ip}:{port}")));
    } else {
        lines.push((Stream::Stderr, format!(" * Running on http://127.0.0.1:{port}")));
    }
    lines.push((Stream::Stderr, "Press CTRL+C to quit".into()));
    if debug {
        lines.push((Stream::Stderr, " * Restarting with stat".into()));
        lines.push((Stream::Stderr, " * Debugger is active!".into()));
        lines.push((Stream::Stderr, " * Debugger PIN: 123-456-789".into()));
    }
    c.logs.extend(lines);
}

/// Bytes of output one run of a container's process keeps in its log (the
/// simulator's budget; a `yes` would otherwise store millions of lines).
pub const LOG_LIMIT: usize = 2 << 20;

fn log_result(c: &mut Container, r: &ExecResult) {
    c.binary_out.clone_from(&r.stdout_bytes);
    let clip_note = || format!("dockersim: output clipped at {} MiB (the simulated container's log limit)", LOG_LIMIT >> 20);
    let mut bytes = 0usize;
    let mut clipped = false;
    let logs = &mut c.logs;
    r.each_line(0, |_, is_err, line| {
        let stream = if is_err { Stream::Stderr } else { Stream::Stdout };
        bytes = bytes.saturating_add(line.len() + 1);
        if bytes > LOG_LIMIT && !line.starts_with("dockersim: ") {
            clipped = true;
            return;
        }
        if clipped && line.starts_with("dockersim: ") {
            logs.push((Stream::Stderr, clip_note()));
            clipped = false;
        }
        logs.push((stream, line.to_string()));
    });
    if clipped {
        c.logs.push((Stream::Stderr, clip_note()));
    }
}

/// Runs `argv` with the container's filesystem, environment and working directory.
pub fn run_shell(c: &mut Container, argv: &[String], now: i64) -> ExecResult {
    run_shell_until(c, argv, now, None).0
}

/// [`run_shell`] with the daemon's programs (`docker exec c sh -c 'curl …'`).
pub fn run_shell_with(c: &mut Container, argv: &[String], now: i64, host: &mut Hook<'_>) -> ExecResult {
    let mut lent = host.as_deref_mut().map(Lent);
    run_shell_until(c, argv, now, lent.as_mut().map(|l| l as &mut dyn crate::shell::HostPrograms)).0
}

/// [`run_shell`], also returning the simulated time the run ended at.
fn run_shell_until<'a>(
    c: &'a mut Container,
    argv: &[String],
    now: i64,
    host: Option<&'a mut (dyn crate::shell::HostPrograms + 'a)>,
) -> (ExecResult, i64) {
    let env = process_env(c);
    let cwd = workdir(c);
    let flavor = flavor(c);
    let user = c.config.user.clone();
    let stdin = c.stdin.clone();
    let mut ctx = ExecContext { fs: &mut c.fs, env, cwd, now, flavor, user, host };
    let r = shell::run_argv_input(argv, &stdin, &mut ctx);
    (r, ctx.now)
}

/// Runs a container's main process script. A script that sleeps in an
/// endless loop (`while true; do echo hi; sleep 1; done`) would still be
/// running: the step limit only bounds how far ahead it is simulated. The
/// container stays up and each line it printed appears in its log when the
/// simulated clock reaches the time it was written (spread evenly over the
/// simulated run), so `docker logs` grows as time passes, up to that bound.
fn main_script(c: &mut Container, argv: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    let (r, end, serve) = {
        let mut main = MainHook { inner: host.as_deref_mut().map(Lent), request: None };
        let (r, end) = run_shell_until(c, argv, now, Some(&mut main));
        (r, end, main.request)
    };
    if let Some(request) = serve {
        // What the script printed before its server started, then the server.
        log_result(c, &r);
        return serve_from_script(c, request, now, host);
    }
    // A loop that sleeps and was stopped by a budget (steps or output) is still running.
    let stopped = r.stderr.contains("step limit") || r.stderr.contains("output limit");
    let endless = r.status == crate::shell::interp::LIMIT_STATUS && end > now && stopped;
    if !endless && end > now && r.status != crate::shell::interp::LIMIT_STATUS {
        // It runs until the simulated time its sleeps took: each line
        // appears in the log when it was written, then it exits.
        c.stamp_logs(now);
        let mut bytes = 0usize;
        for (at, is_err, line) in r.timed_lines(now) {
            bytes += line.len() + 1;
            if bytes > LOG_LIMIT {
                break;
            }
            c.logs.push((if is_err { Stream::Stderr } else { Stream::Stdout }, line));
            c.log_times.push(at.saturating_mul(1_000_000_000));
        }
        c.exits_at = Some((end, r.status.rem_euclid(256)));
        return Outcome::Serving(super::Service::Idle);
    }
    if !endless {
        log_result(c, &r);
        return Outcome::Exited(r.status.rem_euclid(256));
    }
    c.stamp_logs(now);
    let lines: Vec<(Stream, String)> = r
        .lines()
        .into_iter()
        .filter(|(is_err, l)| !(*is_err && l.starts_with("dockersim: script stopped")))
        .map(|(is_err, l)| (if is_err { Stream::Stderr } else { Stream::Stdout }, l))
        .scan(0usize, |bytes, line| {
            *bytes += line.1.len() + 1;
            (*bytes <= LOG_LIMIT).then_some(line)
        })
        .collect();
    let span = (end - now).max(1) as i128 * 1_000_000_000;
    let n = lines.len().max(1) as i128;
    for (i, line) in lines.into_iter().enumerate() {
        let at = now as i128 * 1_000_000_000 + span * i as i128 / n;
        c.logs.push(line);
        c.log_times.push(at.min(i64::MAX as i128) as i64);
    }
    Outcome::Serving(super::Service::Idle)
}

/// The environment Docker gives a container's processes: the config's
/// (PATH, or Docker's default when the image has none), HOSTNAME, HOME from
/// the user's /etc/passwd entry (else `/`; `/root` for root), TERM with `-t`.
pub fn process_env(c: &Container) -> std::collections::BTreeMap<String, String> {
    let mut env = c.config.env_map();
    env.entry("PATH".into()).or_insert_with(|| "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
    env.insert("HOSTNAME".into(), c.config.hostname.clone());
    if c.config.tty {
        env.entry("TERM".into()).or_insert_with(|| "xterm".into());
    }
    if !env.contains_key("HOME") {
        let who = crate::vfs::access::Who::resolve(&c.fs, &c.config.user);
        let passwd = c.fs.read("/etc/passwd").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let home = passwd
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .find(|f| f.len() > 5 && f[2].parse::<u32>().ok() == Some(who.uid))
            .map(|f| f[5].to_string())
            .unwrap_or_else(|| if who.uid == 0 { "/root".into() } else { "/".into() });
        env.insert("HOME".into(), home);
    }
    env
}

/// Which `/bin/sh` the image has.
pub fn flavor(c: &Container) -> Flavor {
    if c.fs.exists("/etc/debian_version") || c.fs.exists("/bin/bash") {
        Flavor::Dash
    } else {
        Flavor::Busybox
    }
}

pub fn workdir(c: &Container) -> String {
    if c.config.working_dir.is_empty() {
        "/".into()
    } else {
        c.config.working_dir.clone()
    }
}

fn env(c: &Container, key: &str) -> Option<String> {
    c.config.env_map().get(key).cloned()
}

/// Finds `program` as the kernel would: a path, or a search of `$PATH`.
pub fn find_program(c: &Container, program: &str) -> Option<String> {
    if program.contains('/') {
        let path = vfs::join(&workdir(c), program);
        return matches!(c.fs.get(&path), Ok(Node::File { .. })).then_some(path);
    }
    let path_var = env(c, "PATH").unwrap_or_else(|| "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
    path_var.split(':').map(|dir| vfs::join(dir, program)).find(|p| matches!(c.fs.get(p), Ok(Node::File { .. })))
}

/// Where pip installs uvicorn for the image's Python.
fn uvicorn_dir(c: &Container) -> String {
    let version = env(c, "PYTHON_VERSION").unwrap_or_else(|| "3.12".into());
    let minor: Vec<&str> = version.split('.').take(2).collect();
    format!("/usr/local/lib/python{}/site-packages/uvicorn", minor.join("."))
}

/// `sh -c 'WORDS'` whose script is one simple command of plain words that
/// starts a Python or Node server: the shell execs it, so it is the main process.
fn exec_simple(args: &[String]) -> Option<Vec<String>> {
    let [flag, script] = args else { return None };
    if flag != "-c" || script.chars().any(|ch| "\n;&|<>$`'\"\\(){}*?[]~#".contains(ch)) {
        return None;
    }
    let words: Vec<String> = script.split_whitespace().map(str::to_string).collect();
    if words.first()?.contains('=') {
        return None; // an assignment before the command
    }
    let first = words.first()?.rsplit('/').next()?.to_string();
    let server = matches!(first.as_str(), "uvicorn" | "gunicorn" | "flask" | "node")
        || (first.starts_with("python") && words.get(1).map(String::as_str) == Some("-m"));
    server.then_some(words)
}

/// A Go web framework's server (echo): its start-up banner, then fixed answers by route.
fn go_web(c: &mut Container, b: shell::BuiltProgram) -> Outcome {
    let port = b.port_env.as_deref().and_then(|v| env(c, v)).and_then(|p| p.parse().ok()).or(b.listen).unwrap_or(8080);
    let version = b.framework.as_deref().and_then(|f| f.split_whitespace().nth(1)).unwrap_or("v4.12.0").to_string();
    for line in ECHO_BANNER.replace("{version}", &version).lines() {
        c.logs.push((Stream::Stdout, line.to_string()));
    }
    c.logs.push((Stream::Stdout, format!("⇨ http server started on [::]:{port}")));
    let routes = b.typed_routes();
    Outcome::Serving(Service::GoWeb { port, routes, logger: b.logger })
}

/// echo's start-up banner (`e.HideBanner` unset), without a terminal's colours.
const ECHO_BANNER: &str = "
   ____    __
  / __/___/ /  ___
 / _// __/ _ \\/ _ \\
/___/\\__/_//_/\\___/ {version}
High performance, minimalist Go web framework
https://echo.labstack.com
____________________________________O/_______
                                    O\\
";
