//! Apps answer like the real ones: small evaluators for the JavaScript
//! that tutorial apps are written in (`js.rs`, built-ins in `js_lib.rs`).
//! The shell runs programs with them (`node app.js`), and containers keep
//! servers running and answer requests by calling the handlers again.
//! Python (`py*.rs`) works the same way; `redis.rs` is a Redis server's data.

/// The kernel every container shares (Docker Desktop's), as `uname -r`
/// and `uname -v` print it and the runtimes report it.
pub const KERNEL: &str = "6.10.14-linuxkit";
pub const KERNEL_VERSION: &str = "#1 SMP PREEMPT_DYNAMIC Fri Nov 29 17:24:06 UTC 2024";

pub mod bundle;
pub mod flask;
pub mod js;
pub mod js_lib;
pub mod js_pkgs;
pub mod mongo;
pub mod nginx_conf;
pub mod php;
pub mod py;
pub mod py_django;
pub mod py_eval;
pub mod py_lib;
pub mod py_mods;
#[cfg(test)]
mod py_tests;
pub mod py_web;
pub mod redis;
pub mod sql;
#[cfg(test)]
mod tests;

use crate::vfs::Fs;
use std::collections::BTreeMap;

/// What running a Node program did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NodeRun {
    pub stdout: String,
    pub stderr: String,
    /// 0, or 1 for an uncaught error.
    pub status: i32,
    /// The port a server listens on.
    pub listening: Option<u16>,
    /// Files the program wrote (`None`: a directory it made).
    pub written: BTreeMap<String, Option<Vec<u8>>>,
    /// Whether it handles SIGTERM (as PID 1, `docker stop` ends it at once).
    pub handles_sigterm: bool,
}

/// Files a program wrote: path → bytes (`None`: a directory it made).
pub type Written = BTreeMap<String, Option<Vec<u8>>>;

/// Where a Node program runs beyond its files: the simulated network, the
/// clock and what seeds its uuids.
#[derive(Default)]
pub struct NodeEnv<'n> {
    pub net: Option<&'n mut dyn PyNet>,
    pub now: i64,
    pub seed: String,
    pub mode: NodeMode,
}

/// How node treats TypeScript: stripping types (Node 22.18+ and 23.6+ by
/// default, `--experimental-strip-types` before), and resolving imports
/// as `require` does (ts-node's and tsx's loaders: `-r ts-node/register`,
/// `--loader ts-node/esm`, `--import tsx`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NodeMode {
    pub strip_types: bool,
    pub loose_imports: bool,
}

impl NodeMode {
    /// The mode of node `version` run with `flags` (the arguments before the script).
    pub fn from_flags(flags: &[&str], version: &str) -> NodeMode {
        let mut it = version.trim_start_matches('v').split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let v = (it.next().unwrap_or(0), it.next().unwrap_or(0));
        let mut mode = NodeMode { strip_types: v >= (23, 6) || (v >= (22, 18) && v.0 == 22), loose_imports: false };
        for (i, f) in flags.iter().enumerate() {
            if f.starts_with("--experimental-strip-types") || f.starts_with("--experimental-transform-types") {
                mode.strip_types = true;
            }
            let value = match f.split_once('=') {
                Some(("--require" | "--import" | "--loader" | "--experimental-loader", v)) => Some(v),
                _ if matches!(*f, "-r" | "--require" | "--import" | "--loader" | "--experimental-loader") => flags.get(i + 1).copied(),
                _ => None,
            };
            if value.is_some_and(|v| v.starts_with("ts-node") || v.starts_with("tsx") || v.starts_with("@swc-node")) {
                mode = NodeMode { strip_types: true, loose_imports: true };
            }
        }
        mode
    }
}

/// One HTTP request to a Node app.
pub struct NodeReq<'r> {
    pub method: &'r str,
    pub target: &'r str,
    pub body: &'r str,
    pub content_type: &'r str,
}

/// What a Node app did for one request: its answer (or the error that
/// stopped it), the files it wrote and what it printed.
pub struct NodeServed {
    pub response: Result<js_lib::Response, String>,
    /// What the program printed while it started, and whether it did.
    pub startup: String,
    pub started: bool,
    pub written: BTreeMap<String, Option<Vec<u8>>>,
    pub printed: String,
}

/// Writes a Node or Python program's files into `fs` (directories made as needed).
pub fn apply_written(fs: &mut Fs, written: &BTreeMap<String, Option<Vec<u8>>>, now: i64) {
    for (path, bytes) in written {
        match bytes {
            None => {
                let _ = fs.mkdir_all(path, crate::vfs::Meta::new(0o755, now));
            }
            Some(b) => {
                if let Some((dir, _)) = path.rsplit_once('/').filter(|(d, _)| !d.is_empty()) {
                    let _ = fs.mkdir_all(dir, crate::vfs::Meta::new(0o755, now));
                }
                let _ = fs.write(path, crate::vfs::Content::from_bytes(b.clone()), crate::vfs::Meta::new(0o644, now));
            }
        }
    }
}

/// Runs `path` with node's semantics as far as the evaluator goes.
pub fn run_node(fs: &Fs, path: &str, env: &BTreeMap<String, String>, cwd: &str, hostname: &str, argv: &[String]) -> NodeRun {
    run_node_with(fs, path, None, env, cwd, hostname, argv, NodeEnv::default())
}

/// [`run_node`] with the network, clock and uuid seed.
pub fn run_node_in<'a>(
    fs: &'a Fs,
    path: &str,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    argv: &[String],
    nenv: NodeEnv<'a>,
) -> NodeRun {
    run_node_with(fs, path, None, env, cwd, hostname, argv, nenv)
}

/// `node -e CODE`.
pub fn run_node_eval(fs: &Fs, code: &str, env: &BTreeMap<String, String>, cwd: &str, hostname: &str) -> NodeRun {
    run_node_with(fs, "[eval]", Some(code), env, cwd, hostname, &["/usr/local/bin/node".to_string()], NodeEnv::default())
}

#[allow(clippy::too_many_arguments)]
fn run_node_with<'a>(
    fs: &'a Fs,
    path: &str,
    code: Option<&str>,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    argv: &[String],
    nenv: NodeEnv<'a>,
) -> NodeRun {
    let mut w = js::World::new(fs, env.clone(), cwd, hostname);
    w.net = nenv.net;
    w.now = nenv.now;
    w.seed = nenv.seed;
    w.strip_types = nenv.mode.strip_types;
    w.loose_imports = nenv.mode.loose_imports;
    w.eval_source = code.map(str::to_string);
    w.argv = argv.to_vec();
    let r = w.run_main(path);
    let mut out = NodeRun {
        stdout: std::mem::take(&mut w.stdout),
        stderr: std::mem::take(&mut w.stderr),
        status: 0,
        listening: w.listening,
        written: std::mem::take(&mut w.written),
        handles_sigterm: w.handles_sigterm,
    };
    if let Err(msg) = r {
        if let Some(code) = msg.strip_prefix("EXIT:") {
            out.status = code.trim().parse().unwrap_or(0);
        } else {
            out.stderr.push_str(&msg);
            out.stderr.push('\n');
            out.status = 1;
            out.listening = None;
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
/// Answers `GET target` from the Node server at `path`: the program runs
/// again (it is deterministic) and the matching handler is called.
pub fn node_request(
    fs: &Fs,
    path: &str,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    method: &str,
    target: &str,
    mode: NodeMode,
) -> Result<js_lib::Response, String> {
    let mut w = js::World::new(fs, env.clone(), cwd, hostname);
    w.strip_types = mode.strip_types;
    w.loose_imports = mode.loose_imports;
    w.run_main(path)?;
    js_lib::handle(&mut w, method, target)
}

/// Answers `req` from the Node server at `path` (the program runs again,
/// then its handler), with the network, clock and uuid seed of `nenv`.
pub fn node_serve<'a>(
    fs: &'a Fs,
    path: &str,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    req: &NodeReq,
    nenv: NodeEnv<'a>,
) -> NodeServed {
    let mut w = js::World::new(fs, env.clone(), cwd, hostname);
    w.net = nenv.net;
    w.now = nenv.now;
    w.seed = nenv.seed;
    w.strip_types = nenv.mode.strip_types;
    w.loose_imports = nenv.mode.loose_imports;
    let started = w.run_main(path);
    let mut startup = format!("{}{}", std::mem::take(&mut w.stdout), std::mem::take(&mut w.stderr));
    let response = match started {
        Ok(()) if w.listening.is_some() => js_lib::handle_body(&mut w, req.method, req.target, req.body, req.content_type),
        Ok(()) => Err("dockersim: the app did not start listening this time".to_string()),
        Err(e) => {
            if !e.starts_with("EXIT:") {
                startup.push_str(&e);
                startup.push('\n');
            }
            Err(e)
        }
    };
    let printed = format!("{}{}", w.stdout, w.stderr);
    let started = w.listening.is_some();
    NodeServed { response, startup, started, written: std::mem::take(&mut w.written), printed }
}

// ---------------------------------------------------------------- python ----

/// What a Python program reaches over the simulated network.
pub trait PyNet {
    /// A container name's address, as the resolver in the container sees it.
    fn resolve(&mut self, host: &str) -> Option<String>;
    /// Sends a command to the Redis server at `host:port`.
    fn redis(&mut self, host: &str, port: u16, argv: &[String]) -> Result<redis::Reply, NetErr>;
    /// Runs one statement as `user` on the MySQL server at `host:port`
    /// (mysql2 in a Node app), in database `db`.
    fn mysql(
        &mut self,
        host: &str,
        port: u16,
        _user: &str,
        _password: &str,
        _db: Option<&str>,
        _sql: &str,
    ) -> Result<sql::exec::Reply, MysqlErr> {
        Err(MysqlErr::Other(format!("dockersim: a MySQL connection to {host}:{port} is not simulated here")))
    }
    /// Whether a MySQL server answers at `host:port` (wait-port).
    fn mysql_listening(&mut self, _host: &str, _port: u16) -> bool {
        false
    }
}

/// Why a MySQL statement sent by an app failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MysqlErr {
    Net(NetErr),
    /// The server's error: `ER_…` code, number, SQLSTATE, message.
    Sql {
        code: String,
        errno: u16,
        state: String,
        message: String,
    },
    /// The simulation stops here (a `dockersim:` message).
    Other(String),
}

/// Why a connection failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetErr {
    /// The name does not resolve.
    Unknown,
    /// Nothing listens there.
    Refused,
}

/// Which program `python` runs.
pub enum PyMain<'s> {
    /// `python FILE`.
    File(&'s str),
    /// `python -c CODE`.
    Code(&'s str),
    /// A script read from standard input (`python - < x.py`, `echo … | python`).
    Stdin(&'s str),
}

/// Where a Python program runs.
pub struct PyEnv<'a> {
    pub fs: &'a Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    pub hostname: String,
    /// The simulated clock (seconds since the epoch).
    pub now: i64,
    pub stdin: String,
    pub net: Option<&'a mut dyn PyNet>,
}

/// What running a Python program did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PyRun {
    pub stdout: String,
    pub stderr: String,
    /// 0, 1 for an uncaught exception, or `sys.exit`'s code.
    pub status: i32,
    /// Flask's `app.run(host, port, debug)`: the server keeps running.
    pub listening: Option<(String, u16, bool)>,
    /// Files the program wrote (path → bytes).
    pub written: BTreeMap<String, Vec<u8>>,
    /// Modes `os.chmod` gave files it wrote.
    pub modes: BTreeMap<String, u32>,
    /// Directories it made.
    pub dirs: std::collections::BTreeSet<String>,
    /// Django's runserver is serving (`listening` has its address).
    pub django: Option<py_django::Serving>,
}

fn py_world<'a>(penv: PyEnv<'a>, argv: &[String]) -> py_eval::Py<'a> {
    let mut p = py_eval::Py::new(penv.fs, penv.env, &penv.cwd, &penv.hostname);
    p.now = penv.now as f64;
    p.stdin = penv.stdin;
    p.net = penv.net;
    p.argv = argv.to_vec();
    p
}

/// Runs a Python program: `argv` is `sys.argv` (the script's path first).
pub fn run_python(penv: PyEnv, main: PyMain, argv: &[String]) -> PyRun {
    let mut p = py_world(penv, argv);
    let (file, src) = match main {
        PyMain::File(path) => match p.fs.read(path) {
            Ok(b) => (path.to_string(), String::from_utf8_lossy(&b).into_owned()),
            Err(_) => {
                let prog = argv.first().filter(|a| a.starts_with("python")).map_or("python3", |a| a.as_str());
                let stderr = format!("{prog}: can't open file '{path}': [Errno 2] No such file or directory\n");
                return PyRun { stderr, status: 2, ..PyRun::default() };
            }
        },
        PyMain::Code(c) => ("<string>".to_string(), c.to_string()),
        PyMain::Stdin(c) => ("<stdin>".to_string(), c.to_string()),
    };
    let scope = py_eval::Scope::new(None, false);
    scope.set(&std::rc::Rc::from("__name__"), py_eval::V::s("__main__"));
    if !file.starts_with('<') {
        scope.set(&std::rc::Rc::from("__file__"), py_eval::V::s(&file));
    }
    let r = p.run_source(&file, &src, &scope);
    finish(p, r)
}

fn finish(mut p: py_eval::Py, r: py_eval::R<()>) -> PyRun {
    let mut status = 0;
    match r {
        Ok(()) | Err(py_eval::Ctl::Serve) => {}
        Err(e) => {
            if let py_eval::Ctl::Exc(py_eval::V::Obj(o), _) = &e {
                {
                    if &*o.cls.name == "SystemExit" {
                        let args = o.attrs.borrow().get("args").cloned();
                        let code = match args {
                            Some(py_eval::V::Tuple(t)) => t.first().cloned().unwrap_or(py_eval::V::None),
                            _ => py_eval::V::None,
                        };
                        status = match &code {
                            py_eval::V::None => 0,
                            c if c.as_int().is_some() => c.as_int().unwrap_or(0) as i32,
                            other => {
                                let s = p.str(other).unwrap_or_default();
                                p.stderr.push_str(&s);
                                p.stderr.push('\n');
                                1
                            }
                        };
                        return PyRun {
                            stdout: p.stdout,
                            stderr: p.stderr,
                            status,
                            listening: None,
                            written: p.written,
                            modes: p.modes,
                            dirs: p.dirs,
                            django: None,
                        };
                    }
                }
            }
            let report = traceback(&mut p, &e);
            p.stderr.push_str(&report);
            status = 1;
        }
    }
    PyRun {
        stdout: p.stdout,
        stderr: p.stderr,
        status,
        listening: p.listening,
        written: p.written,
        modes: p.modes,
        dirs: p.dirs,
        django: p.django,
    }
}

/// Python's report of an uncaught exception.
pub fn traceback(p: &mut py_eval::Py, e: &py_eval::Ctl) -> String {
    use py_eval::{Ctl, V};
    let Ctl::Exc(v, tb) = e else { return String::new() };
    let V::Obj(o) = v else { return String::new() };
    let kind = o.cls.name.to_string();
    let msg = p.str(v).unwrap_or_default();
    if msg.starts_with("dockersim:") {
        return format!("{msg}\n");
    }
    let qual = if &*o.cls.module == "builtins" || &*o.cls.module == "__main__" { kind.clone() } else { format!("{}.{kind}", o.cls.module) };
    let last = if msg.is_empty() { qual.clone() } else { format!("{qual}: {msg}") };
    let get = |k: &str| o.attrs.borrow().get(k).cloned();
    if kind == "SyntaxError" || kind == "IndentationError" {
        if let (Some(V::Str(file)), Some(V::Int(line))) = (get("filename"), get("lineno")) {
            let src = p.sources.get(&file).cloned().unwrap_or_default();
            let text = src.lines().nth((line - 1).max(0) as usize).unwrap_or("");
            let off = get("offset").and_then(|v| v.as_int()).unwrap_or(1) as usize;
            let trimmed = text.trim_start();
            let lead = text.len() - trimmed.len();
            let caret = " ".repeat(off.saturating_sub(1 + lead));
            let mut out = format!("  File \"{file}\", line {line}\n");
            if !trimmed.is_empty() {
                out.push_str(&format!("    {}\n    {caret}^\n", trimmed.trim_end()));
            }
            return format!("{out}{last}\n");
        }
    }
    let mut out = String::from("Traceback (most recent call last):\n");
    for (file, line, func) in tb.iter().filter(|f| f.1 > 0) {
        out.push_str(&format!("  File \"{file}\", line {line}, in {func}\n"));
        if !file.starts_with('<') {
            if let Some(text) = p.sources.get(file).and_then(|s| s.lines().nth(line.saturating_sub(1)).map(str::to_string)) {
                out.push_str(&format!("    {}\n", text.trim()));
            }
        }
    }
    format!("{out}{last}\n")
}

/// One entry at Python's interactive prompt: `history` runs first with its
/// output dropped, then `src` with expression values echoed. The bool says
/// whether `src` ran without an uncaught exception.
pub fn run_repl(penv: PyEnv, history: &[String], src: &str) -> (PyRun, bool) {
    let mut p = py_world(penv, &[String::new()]);
    let scope = py_eval::Scope::new(None, false);
    scope.set(&std::rc::Rc::from("__name__"), py_eval::V::s("__main__"));
    for h in history {
        let _ = p.run_source("<stdin>", h, &scope);
    }
    p.stdout.clear();
    p.stderr.clear();
    p.echo = true;
    let r = p.run_source("<stdin>", src, &scope);
    let ok = r.is_ok();
    if let Err(py_eval::Ctl::Exc(py_eval::V::Obj(o), _)) = &r {
        if &*o.cls.name == "SystemExit" {
            return (PyRun { stdout: p.stdout, stderr: p.stderr, status: 0, written: p.written, ..PyRun::default() }, true);
        }
    }
    (finish(p, r), ok)
}

/// Answers `method target` from the Flask app in `entry`: the program runs
/// again (deterministic) as `__main__` (stopping at `app.run`) or, for
/// `flask run`, as the module `module`; then the matching view is called.
/// Answers a request to a Django project served by `manage.py runserver`
/// (`manage` is manage.py's path, `settings` the settings module).
pub fn django_request(penv: PyEnv, manage: &str, settings: &str, method: &str, target: &str, host: &str) -> py_django::Answer {
    let mut p = py_world(penv, &[manage.to_string(), "runserver".to_string()]);
    py_django::request(&mut p, settings, manage, method, target, host)
}

pub fn python_request(
    penv: PyEnv,
    entry: &str,
    module: Option<&str>,
    method: &str,
    target: &str,
    body: &str,
) -> (py_web::FlaskAnswer, String) {
    let mut p = py_world(penv, &[entry.to_string()]);
    let src = p.fs.read(entry).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let scope = py_eval::Scope::new(None, false);
    scope.set(&std::rc::Rc::from("__name__"), py_eval::V::s(module.unwrap_or("__main__")));
    scope.set(&std::rc::Rc::from("__file__"), py_eval::V::s(entry));
    p.frames.clear();
    let r = p.run_source(entry, &src, &scope);
    if let Err(e @ py_eval::Ctl::Exc(..)) = &r {
        let report = traceback(&mut p, e);
        return (
            py_web::FlaskAnswer { headers: Vec::new(), status: 500, content_type: "text/html; charset=utf-8".into(), body: report.clone() },
            report,
        );
    }
    p.stdout.clear();
    p.stderr.clear();
    p.frames.push((std::rc::Rc::from(entry), 0, std::rc::Rc::from("<module>")));
    let ans = py_web::dispatch(&mut p, method, target, body);
    let log = format!("{}{}", p.stdout, p.stderr);
    (ans, log)
}
