//! PHP as tutorials use it: a lexer (`lex.rs`), parser (`parse.rs`,
//! `ast.rs`), tree-walking interpreter (`eval.rs`, arithmetic in `ops.rs`),
//! builtins (`builtins.rs`, preg_* in `preg.rs`) and PHP's dump formats
//! (`dump.rs`). `php FILE`, `php -r`, the built-in server and Apache's
//! mod_php run scripts through [`run`].

pub mod ast;
pub mod builtins;
pub mod db;
pub mod dump;
pub mod eval;
pub mod info;
pub mod ini;
pub mod lex;
pub mod ops;
pub mod parse;
pub mod preg;
#[cfg(test)]
mod tests;
pub mod value;

use crate::vfs::Fs;
use std::collections::BTreeMap;
use value::{Arr, Key, V};

/// The Zend module API number of a PHP release ("8.2.27" or "8.2"): the
/// name of its extension directory, `no-debug-non-zts-API`.
pub fn extension_api(version: &str) -> &'static str {
    let minor: Vec<&str> = version.split('.').take(2).collect();
    match minor.join(".").as_str() {
        "7.4" => "20190902",
        "8.0" => "20200930",
        "8.1" => "20210902",
        "8.3" => "20230831",
        "8.4" => "20240924",
        _ => "20220829",
    }
}

/// The extensions PHP loads, as `php -m` names them, sorted as it sorts
/// them: those compiled in, and those an ini file of `$PHP_INI_DIR/conf.d`
/// enables (`extension=mysqli`, `zend_extension=opcache`) whose module is
/// in the extension directory (what docker-php-ext-enable and pecl leave).
pub fn loaded_extensions(fs: &Fs, env: &BTreeMap<String, String>) -> Vec<String> {
    loaded_extensions_in(fs, &ini::Ini::load(fs, env, "cli"))
}

/// [`loaded_extensions`] under a configuration already read.
pub fn loaded_extensions_in(fs: &Fs, ini: &ini::Ini) -> Vec<String> {
    let mut out: Vec<String> = builtins::MODULES.iter().map(|m| m.to_string()).collect();
    let ext_dir = ini.get("extension_dir").unwrap_or_default().trim_end_matches('/').to_string();
    for value in &ini.extensions {
        let path = if value.starts_with('/') {
            value.to_string()
        } else if value.ends_with(".so") {
            format!("{ext_dir}/{value}")
        } else {
            format!("{ext_dir}/{value}.so")
        };
        if !fs.exists(&path) {
            continue;
        }
        let name = path.rsplit('/').next().unwrap_or("").trim_end_matches(".so").to_string();
        let shown = match name.as_str() {
            "opcache" => "Zend OPcache".to_string(),
            _ => name,
        };
        if !out.iter().any(|m| m.eq_ignore_ascii_case(&shown)) {
            out.push(shown);
        }
    }
    out.sort_by_key(|m| m.to_ascii_lowercase());
    out
}

/// Whether `modules` (as [`loaded_extensions`] lists them) hold extension
/// `name` (case-insensitive, as `extension_loaded`).
pub fn has_extension(modules: &[String], name: &str) -> bool {
    let name = if name.eq_ignore_ascii_case("opcache") { "Zend OPcache" } else { name };
    modules.iter().any(|m| m.eq_ignore_ascii_case(name))
}

/// Where a PHP script runs and what it is given.
pub struct PhpEnv<'a> {
    pub fs: &'a Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    pub hostname: String,
    /// The simulated clock (seconds since the epoch).
    pub now: i64,
    /// `PHP_VERSION` of the image.
    pub version: String,
    pub argv: Vec<String>,
    pub stdin: String,
    /// A web request: `$_SERVER` entries, `$_GET`, `$_POST`, the body.
    pub request: Option<Request>,
    /// The simulated network, where the program runs in a container.
    pub net: Option<&'a mut dyn crate::apps::PyNet>,
}

#[derive(Default, Clone)]
pub struct Request {
    pub server: Vec<(String, String)>,
    pub query: String,
    pub body: String,
    pub content_type: String,
    pub cookies: String,
    /// The configuration the server read when it started (Apache, php-fpm):
    /// display_errors off makes a fatal error answer 500, log_errors on
    /// sends errors to the server's log.
    pub ini: ini::Ini,
    /// `apache2handler` or `fpm-fcgi`, as `php_sapi_name()` says.
    pub sapi: &'static str,
}

impl Request {
    /// A web request from its CGI variables (`$_SERVER`): the query, the
    /// body's type and the cookies are read from them.
    pub fn cgi(server: Vec<(String, String)>, body: &str, ini: ini::Ini, sapi: &'static str) -> Request {
        let get = |k: &str| server.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let (query, content_type, cookies) = (get("QUERY_STRING"), get("CONTENT_TYPE"), get("HTTP_COOKIE"));
        Request { server, query, body: body.to_string(), content_type, cookies, ini, sapi }
    }
}

impl<'a> PhpEnv<'a> {
    /// A web server's script run: in the script's directory, with the
    /// container's hostname, no arguments and no standard input.
    pub fn web(
        fs: &'a Fs,
        env: BTreeMap<String, String>,
        script: &str,
        now: i64,
        version: &str,
        request: Request,
        net: Option<&'a mut dyn crate::apps::PyNet>,
    ) -> PhpEnv<'a> {
        let cwd =
            script.rsplit_once('/').map(|(d, _)| if d.is_empty() { "/".to_string() } else { d.to_string() }).unwrap_or_else(|| "/".into());
        let hostname = fs.read("/etc/hostname").ok().map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
        PhpEnv {
            fs,
            env,
            cwd,
            hostname,
            now,
            version: version.to_string(),
            argv: Vec::new(),
            stdin: String::new(),
            request: Some(request),
            net,
        }
    }
}

/// The script: a file, or code given with `-r`.
pub enum Script<'s> {
    File(&'s str),
    Code(&'s str),
}

#[derive(Debug, Default)]
pub struct PhpRun {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
    /// `header()` calls and the response code (web requests).
    pub headers: Vec<(String, String)>,
    pub code: u16,
    /// Files the script wrote.
    pub written: BTreeMap<String, Vec<u8>>,
    /// What PHP logged: (syslog level, text); see `Php::report`.
    pub log: Vec<(&'static str, String)>,
    /// (stdout length, stderr length) at each write on stderr, to replay
    /// the two streams in the order the script wrote them.
    pub order: Vec<(usize, usize)>,
}

impl PhpRun {
    /// stdout and stderr as the script interleaved them: (is stderr, text).
    pub fn interleaved(&self) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let first = self.order.first().map_or(self.stderr.len(), |m| m.1.min(self.stderr.len()));
        if first > 0 {
            out.push((true, &self.stderr[..first]));
        }
        let mut o = 0;
        for (k, &(so, se)) in self.order.iter().enumerate() {
            let so = so.clamp(o, self.stdout.len());
            if so > o {
                out.push((false, &self.stdout[o..so]));
            }
            o = so;
            let se = se.min(self.stderr.len());
            let end = self.order.get(k + 1).map_or(self.stderr.len(), |m| m.1).clamp(se, self.stderr.len());
            if end > se {
                out.push((true, &self.stderr[se..end]));
            }
        }
        if o < self.stdout.len() {
            out.push((false, &self.stdout[o..]));
        }
        out
    }
}

fn parse_query(q: &str) -> Arr {
    let mut a = Arr::default();
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let dec = |s: &str| builtins::call_decode(s);
        let k = dec(k);
        let v = V::s(&dec(v));
        if let Some(base) = k.strip_suffix("[]") {
            let key = Key::of_str(base);
            let mut inner = match a.get(&key) {
                Some(V::Arr(x)) => (**x).clone(),
                _ => Arr::default(),
            };
            inner.push(v);
            a.set(key, V::arr(inner));
        } else {
            a.set(Key::of_str(&k), v);
        }
    }
    a
}

pub fn run(penv: PhpEnv, script: Script) -> PhpRun {
    let mut p = eval::Php::new(penv.fs, penv.env.clone(), &penv.cwd, &penv.hostname, penv.now, &penv.version);
    p.stdin = penv.stdin;
    p.net = penv.net;
    let (file, src) = match script {
        Script::File(path) => match penv.fs.read(path) {
            Ok(b) => (path.to_string(), String::from_utf8_lossy(&b).into_owned()),
            Err(_) => {
                let shown = penv.argv.get(1).cloned().unwrap_or_else(|| path.to_string());
                return PhpRun { stdout: format!("Could not open input file: {shown}\n"), status: 1, ..PhpRun::default() };
            }
        },
        Script::Code(c) => ("Command line code".to_string(), format!("<?php {c}")),
    };
    // Superglobals.
    let mut server = Arr::default();
    let mut envarr = Arr::default();
    for (k, v) in &penv.env {
        envarr.set(Key::of_str(k), V::s(v));
    }
    let argv = V::arr(Arr::list(penv.argv.iter().map(|a| V::s(a)).collect()));
    match &penv.request {
        Some(req) => {
            p.sapi = if req.sapi.is_empty() { "apache2handler" } else { req.sapi }.into();
            for (k, v) in &req.server {
                server.set(Key::of_str(k), V::s(v));
            }
            server.set(Key::S("REQUEST_TIME".into()), V::Int(penv.now));
            p.superglobals.insert("_GET", V::arr(parse_query(&req.query)));
            let post =
                if req.content_type.starts_with("application/x-www-form-urlencoded") { parse_query(&req.body) } else { Arr::default() };
            p.superglobals.insert("_POST", V::arr(post.clone()));
            let mut all = parse_query(&req.query);
            for (k, v) in post.items {
                all.set(k, v);
            }
            p.superglobals.insert("_REQUEST", V::arr(all));
            let mut cookies = Arr::default();
            for c in req.cookies.split(';') {
                if let Some((k, v)) = c.trim().split_once('=') {
                    cookies.set(Key::of_str(k), V::s(v));
                }
            }
            p.superglobals.insert("_COOKIE", V::arr(cookies));
            p.body = req.body.clone();
        }
        None => {
            for (k, v) in &penv.env {
                server.set(Key::of_str(k), V::s(v));
            }
            server.set(Key::S("PHP_SELF".into()), V::s(&file));
            server.set(Key::S("SCRIPT_NAME".into()), V::s(&file));
            server.set(Key::S("SCRIPT_FILENAME".into()), V::s(&file));
            server.set(Key::S("PATH_TRANSLATED".into()), V::s(&file));
            server.set(Key::S("DOCUMENT_ROOT".into()), V::s(""));
            server.set(Key::S("REQUEST_TIME_FLOAT".into()), V::Float(penv.now as f64));
            server.set(Key::S("REQUEST_TIME".into()), V::Int(penv.now));
            server.set(Key::S("argv".into()), argv.clone());
            server.set(Key::S("argc".into()), V::Int(penv.argv.len() as i64));
            p.superglobals.insert("_GET", V::arr(Arr::default()));
            p.superglobals.insert("_POST", V::arr(Arr::default()));
            p.superglobals.insert("_REQUEST", V::arr(Arr::default()));
            p.superglobals.insert("_COOKIE", V::arr(Arr::default()));
            p.frames[0].vars.insert("argv".into(), argv);
            p.frames[0].vars.insert("argc".into(), V::Int(penv.argv.len() as i64));
        }
    }
    // A server read its configuration once, at start; the CLI reads it now.
    p.configure(match &penv.request {
        Some(req) => req.ini.clone(),
        None => ini::Ini::load(penv.fs, &penv.env, &p.sapi),
    });
    p.superglobals.insert("_SERVER", V::arr(server));
    p.superglobals.insert("_ENV", V::arr(Arr::default()));
    p.superglobals.insert("_FILES", V::arr(Arr::default()));
    p.superglobals.insert("_SESSION", V::arr(Arr::default()));
    let r = p.run_file(&file, &src);
    let mut status = 0;
    match r {
        Ok(_) => {}
        Err(eval::Flow::Exit(c)) => status = c,
        Err(eval::Flow::Throw(v)) => {
            status = 255;
            if let V::Obj(o) = &v {
                let text = p.exception_text(o);
                let file = o.get("file").map(|f| p.to_str(&f).unwrap_or_default()).unwrap_or_default();
                let line = o.get("line").map_or(0, |l| l.to_int());
                flush_ob(&mut p);
                p.report("Fatal error", &format!("Uncaught {text}\n  thrown"), &file, line.max(0) as usize);
            }
        }
        Err(eval::Flow::Fatal(msg)) => {
            status = 255;
            flush_ob(&mut p);
            if msg.starts_with("dockersim:") {
                p.stderr_text(&format!("{msg}\n"));
                status = 1;
            } else {
                let (f, l) = (p.file.clone(), p.line);
                p.report("Fatal error", &msg, &f, l);
            }
        }
        Err(eval::Flow::Return(_)) | Err(eval::Flow::Break(_)) | Err(eval::Flow::Continue(_)) => {}
    }
    flush_ob(&mut p);
    PhpRun { stdout: p.out, stderr: p.stderr, status, headers: p.headers, code: p.status, written: p.written, log: p.log, order: p.order }
}

/// Output buffers still open at the end are flushed, as PHP does.
fn flush_ob(p: &mut eval::Php) {
    while let Some(b) = p.ob.pop() {
        p.echo(&b);
    }
}
