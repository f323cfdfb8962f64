//! nginx's configuration files read as nginx reads them: `nginx.conf` and
//! what it includes (globs relative to `/etc/nginx`), tokenized into
//! directives with their blocks, file and line; then the model a request is
//! answered from (servers, locations, upstreams). Errors are nginx's own
//! `[emerg]` texts with the file and line they name.

use crate::vfs::{Fs, Node};
use std::collections::BTreeMap;

/// Every directive name nginx's modules declare (one per line).
const DIRECTIVES: &str = include_str!("nginx_directives.txt");
/// Blocks and includes nested deeper than this are refused (nginx has no
/// limit; the simulator's stack does).
const MAX_DEPTH: usize = 40;
/// The main configuration file.
pub const MAIN: &str = "/etc/nginx/nginx.conf";

/// The files nginx's packages install with the text they carry: the
/// official image's (nginx.org's `conf/`) and Debian's (`debian-nginx.conf`,
/// `snippets/fastcgi-php.conf`, `proxy_params`), by name.
pub fn stock_file(name: &str) -> Option<&'static str> {
    Some(match name {
        "mime.types" => include_str!("nginx_files/mime.types"),
        "fastcgi_params" => include_str!("nginx_files/fastcgi_params"),
        "fastcgi.conf" => include_str!("nginx_files/fastcgi.conf"),
        "scgi_params" => include_str!("nginx_files/scgi_params"),
        "uwsgi_params" => include_str!("nginx_files/uwsgi_params"),
        "proxy_params" => include_str!("nginx_files/proxy_params"),
        "fastcgi-php.conf" => include_str!("nginx_files/fastcgi-php.conf"),
        "debian-nginx.conf" => include_str!("nginx_files/debian-nginx.conf"),
        "alpine-nginx.conf" => include_str!("nginx_files/alpine-nginx.conf"),
        "alpine-default.conf" => include_str!("nginx_files/alpine-default.conf"),
        "index.html" => include_str!("nginx_files/index.html"),
        "50x.html" => include_str!("nginx_files/50x.html"),
        _ => return None,
    })
}

/// One directive: `name args…;` or `name args… { block }`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Directive {
    pub name: String,
    pub args: Vec<String>,
    pub file: String,
    pub line: usize,
    pub block: Option<Vec<Directive>>,
}

/// An `[emerg]` error: nginx's message and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfError {
    pub message: String,
    pub file: String,
    pub line: usize,
}

impl ConfError {
    /// `unknown directive "x" in /etc/nginx/conf.d/default.conf:3`
    pub fn text(&self) -> String {
        if self.file.is_empty() {
            self.message.clone()
        } else {
            format!("{} in {}:{}", self.message, self.file, self.line)
        }
    }
}

/// `$name` and `${name}` in `text`, each replaced by `lookup(name)`; a
/// name it does not know (None) stays as written. `digit` reads `$1` as a
/// one-digit name (nginx's captures); envsubst's names start with a letter.
pub fn substitute(text: &str, digit: bool, lookup: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, len) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(e) => (&inner[..e], e + 2),
                None => ("", 0),
            }
        } else if after.starts_with(|c: char| c.is_ascii_digit()) {
            if digit {
                (&after[..1], 1)
            } else {
                ("", 0)
            }
        } else {
            let n = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            (&after[..n], n)
        };
        match (!name.is_empty()).then(|| lookup(name)).flatten() {
            Some(v) => {
                out.push_str(&v);
                rest = &after[len..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_directive(name: &str) -> bool {
    DIRECTIVES.lines().any(|l| l == name)
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Semi,
    Open,
    Close,
}

/// The file's tokens with their lines.
fn tokens(text: &str, file: &str) -> Result<Vec<(Tok, usize)>, ConfError> {
    let err = |message: String, line: usize| ConfError { message, file: file.to_string(), line };
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            c if c.is_whitespace() => {}
            '#' => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            ';' => out.push((Tok::Semi, line)),
            '{' => out.push((Tok::Open, line)),
            '}' => out.push((Tok::Close, line)),
            '"' | '\'' => {
                let start = line;
                let mut w = String::new();
                let mut closed = false;
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => match chars.next() {
                            Some('n') => w.push('\n'),
                            Some('t') => w.push('\t'),
                            Some('r') => w.push('\r'),
                            Some(q) if q == c || q == '\\' => w.push(q),
                            Some(o) => {
                                if o == '\n' {
                                    line += 1;
                                }
                                w.push('\\');
                                w.push(o);
                            }
                            None => {}
                        },
                        q if q == c => {
                            closed = true;
                            break;
                        }
                        o => {
                            if o == '\n' {
                                line += 1;
                            }
                            w.push(o);
                        }
                    }
                }
                if !closed {
                    return Err(err("unexpected end of file, expecting \";\" or \"}\"".into(), line));
                }
                match chars.peek() {
                    Some(&n) if !(n.is_whitespace() || matches!(n, ';' | '{' | ')')) => {
                        return Err(err(format!("unexpected \"{n}\""), line));
                    }
                    _ => {}
                }
                out.push((Tok::Word(w), start));
            }
            c => {
                let mut w = c.to_string();
                let mut var_brace = false;
                while let Some(&n) = chars.peek() {
                    if var_brace {
                        var_brace = n != '}';
                    } else if n == '{' && w.ends_with('$') {
                        var_brace = true;
                    } else if n.is_whitespace() || matches!(n, ';' | '{' | '}') {
                        break;
                    }
                    w.push(n);
                    chars.next();
                }
                out.push((Tok::Word(w), line));
            }
        }
    }
    Ok(out)
}

/// Blocks whose lines are data, not directives.
fn data_block(name: &str) -> bool {
    matches!(name, "types" | "map" | "geo" | "split_clients" | "charset_map" | "match")
}

struct Loader<'a> {
    fs: &'a Fs,
    /// The files read, in order (`nginx -T` prints them).
    names: Vec<String>,
    /// Files read so far (an include loop stops at the depth limit).
    files: usize,
}

impl Loader<'_> {
    fn file(&mut self, path: &str, depth: usize, data: bool) -> Result<Vec<Directive>, ConfError> {
        self.files += 1;
        if self.files > 1000 {
            return Err(ConfError {
                message: "dockersim: nginx: more than 1000 configuration files included".into(),
                file: String::new(),
                line: 0,
            });
        }
        let bytes = self.fs.read(path).map_err(|_| ConfError {
            message: format!("open() \"{path}\" failed (2: No such file or directory)"),
            file: String::new(),
            line: 0,
        })?;
        self.names.push(path.to_string());
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let toks = tokens(&text, path)?;
        let mut pos = 0;
        let end_line = text.lines().count().max(1);
        let list = self.block(&toks, &mut pos, path, depth, data, false, end_line)?;
        Ok(list)
    }

    #[allow(clippy::too_many_arguments)]
    fn block(
        &mut self,
        toks: &[(Tok, usize)],
        pos: &mut usize,
        file: &str,
        depth: usize,
        data: bool,
        inner: bool,
        end_line: usize,
    ) -> Result<Vec<Directive>, ConfError> {
        let err = |message: &str, line: usize| ConfError { message: message.to_string(), file: file.to_string(), line };
        if depth > MAX_DEPTH {
            return Err(err("dockersim: nginx: blocks and includes nested too deep", toks.get(*pos).map_or(end_line, |t| t.1)));
        }
        let mut out = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut first_line = 0;
        while let Some((tok, line)) = toks.get(*pos) {
            *pos += 1;
            match tok {
                Tok::Word(w) => {
                    if words.is_empty() {
                        first_line = *line;
                    }
                    words.push(w.clone());
                }
                Tok::Semi => {
                    if words.is_empty() {
                        return Err(err("unexpected \";\"", *line));
                    }
                    let name = words.remove(0);
                    if !data && !is_directive(&name) {
                        return Err(err(&format!("unknown directive \"{name}\""), first_line));
                    }
                    // `server` is a block in http and a line in upstream.
                    if !data && is_block(&name) && name != "server" {
                        return Err(err(&format!("directive \"{name}\" has no opening \"{{\""), first_line));
                    }
                    if name == "include" && !data {
                        out.extend(self.include(&words, file, first_line, depth)?);
                    } else {
                        out.push(Directive {
                            name,
                            args: std::mem::take(&mut words),
                            file: file.to_string(),
                            line: first_line,
                            block: None,
                        });
                    }
                    words.clear();
                }
                Tok::Open => {
                    if words.is_empty() {
                        return Err(err("unexpected \"{\"", *line));
                    }
                    let name = words.remove(0);
                    if !data && !is_directive(&name) {
                        return Err(err(&format!("unknown directive \"{name}\""), first_line));
                    }
                    if !data && !is_block(&name) {
                        return Err(err(&format!("directive \"{name}\" is not terminated by \";\""), first_line));
                    }
                    let block = self.block(toks, pos, file, depth + 1, data || data_block(&name), true, end_line)?;
                    out.push(Directive {
                        name,
                        args: std::mem::take(&mut words),
                        file: file.to_string(),
                        line: first_line,
                        block: Some(block),
                    });
                }
                Tok::Close => {
                    if !words.is_empty() {
                        return Err(err("unexpected \"}\"", *line));
                    }
                    if !inner {
                        return Err(err("unexpected \"}\"", *line));
                    }
                    return Ok(out);
                }
            }
        }
        if !words.is_empty() {
            return Err(err("unexpected end of file, expecting \";\" or \"}\"", end_line));
        }
        if inner {
            return Err(err("unexpected end of file, expecting \"}\"", end_line));
        }
        Ok(out)
    }

    fn include(&mut self, args: &[String], file: &str, line: usize, depth: usize) -> Result<Vec<Directive>, ConfError> {
        let err = |message: String| ConfError { message, file: file.to_string(), line };
        let [arg] = args else { return Err(err("invalid number of arguments in \"include\" directive".into())) };
        let path = if arg.starts_with('/') { arg.clone() } else { format!("/etc/nginx/{arg}") };
        let mut out = Vec::new();
        if path.contains(['*', '?', '[']) {
            let (dir, pattern) = path.rsplit_once('/').unwrap_or(("", &path));
            let dir = if dir.is_empty() { "/" } else { dir };
            if let Ok(Node::Dir { entries, .. }) = self.fs.get(dir) {
                let names: Vec<&String> = entries.keys().filter(|n| crate::glob::Glob::shell(pattern).is_match(n)).collect();
                for name in names {
                    let full = format!("{}/{name}", dir.trim_end_matches('/'));
                    if matches!(self.fs.get(&full), Ok(Node::File { .. })) {
                        out.extend(self.file(&full, depth + 1, false).map_err(|e| if e.file.is_empty() { err(e.message) } else { e })?);
                    }
                }
            }
        } else {
            out.extend(self.file(&path, depth + 1, false).map_err(|e| if e.file.is_empty() { err(e.message) } else { e })?);
        }
        Ok(out)
    }
}

/// Directives that take a block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "http"
            | "events"
            | "server"
            | "location"
            | "upstream"
            | "if"
            | "types"
            | "map"
            | "geo"
            | "split_clients"
            | "limit_except"
            | "stream"
            | "mail"
            | "charset_map"
            | "match"
    )
}

/// `nginx.conf` with everything it includes, or the first `[emerg]`.
pub fn load(fs: &Fs) -> Result<Vec<Directive>, ConfError> {
    let mut loader = Loader { fs, names: Vec::new(), files: 0 };
    let top = loader.file(MAIN, 0, false)?;
    check(&top, Context::Main)?;
    Ok(top)
}

/// The files `nginx.conf` includes, itself first, in the order read.
pub fn files(fs: &Fs) -> Vec<String> {
    let mut loader = Loader { fs, names: Vec::new(), files: 0 };
    let _ = loader.file(MAIN, 0, false);
    loader.names
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Main,
    Http,
    Server,
    Location { regex: bool },
    If,
    Other,
}

/// Where the common directives may stand, with nginx's errors.
fn check(list: &[Directive], ctx: Context) -> Result<(), ConfError> {
    for d in list {
        let here = |message: String| ConfError { message, file: d.file.clone(), line: d.line };
        let allowed = match d.name.as_str() {
            "http" | "events" | "stream" | "mail" | "user" | "worker_processes" | "pid" => ctx == Context::Main,
            "server" => matches!(ctx, Context::Http | Context::Other) || (d.block.is_none() && ctx == Context::Other),
            "upstream" | "map" => ctx == Context::Http || ctx == Context::Other,
            "location" => matches!(ctx, Context::Server | Context::Location { .. }),
            "listen" | "server_name" => matches!(ctx, Context::Server | Context::Other),
            "proxy_pass" | "fastcgi_pass" | "alias" => matches!(ctx, Context::Location { .. } | Context::If | Context::Other),
            _ => true,
        };
        if !allowed {
            return Err(here(format!("\"{}\" directive is not allowed here", d.name)));
        }
        if d.name == "proxy_pass" && matches!(ctx, Context::Location { regex: true } | Context::If) {
            if let Some(rest) = d.args.first().and_then(|u| u.split_once("://")).map(|(_, r)| r) {
                if rest.contains('/') && !d.args[0].contains('$') {
                    return Err(here("\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named location, or inside \"if\" statement, or inside \"limit_except\" block".into()));
                }
            }
        }
        if let Some(block) = &d.block {
            let inner = match d.name.as_str() {
                "http" => Context::Http,
                "server" if ctx == Context::Http => Context::Server,
                "location" => Context::Location { regex: d.args.first().is_some_and(|a| a.starts_with('~')) },
                "if" => Context::If,
                _ => Context::Other,
            };
            if !data_block(&d.name) {
                check(block, inner)?;
            }
        }
    }
    Ok(())
}

/// How a location's pattern is matched.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Match {
    Exact,
    Prefix,
    /// `^~`: a prefix that, when longest, skips the regular expressions.
    PrefixStop,
    Regex {
        icase: bool,
    },
    Named,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub how: Match,
    pub pattern: String,
    pub dirs: Vec<Directive>,
    pub nested: Vec<Location>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Server {
    /// (port, default_server)
    pub listen: Vec<(u16, bool)>,
    pub names: Vec<String>,
    pub dirs: Vec<Directive>,
    pub locations: Vec<Location>,
}

/// What a request is answered from.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Config {
    pub http: Vec<Directive>,
    pub servers: Vec<Server>,
    /// upstream name → its servers (`host:port`).
    pub upstreams: BTreeMap<String, Vec<String>>,
    /// Where the access log and the error log go (`off`: nowhere).
    pub access_log: String,
    pub error_log: String,
    /// The addresses upstream names resolved to when nginx started (it
    /// keeps them: a container that comes back with another address is
    /// not found until nginx reloads).
    pub ips: BTreeMap<String, String>,
}

fn location(d: &Directive) -> Location {
    let (how, pattern) = match d.args.as_slice() {
        [m, p] if m == "=" => (Match::Exact, p.clone()),
        [m, p] if m == "^~" => (Match::PrefixStop, p.clone()),
        [m, p] if m == "~" => (Match::Regex { icase: false }, p.clone()),
        [m, p] if m == "~*" => (Match::Regex { icase: true }, p.clone()),
        [p] if p.starts_with('@') => (Match::Named, p.clone()),
        [p] if p.starts_with('=') => (Match::Exact, p[1..].to_string()),
        [p] if p.starts_with("~*") => (Match::Regex { icase: true }, p[2..].to_string()),
        [p] if p.starts_with('~') => (Match::Regex { icase: false }, p[1..].to_string()),
        [p, ..] => (Match::Prefix, p.clone()),
        [] => (Match::Prefix, "/".into()),
    };
    let block = d.block.clone().unwrap_or_default();
    let nested = block.iter().filter(|x| x.name == "location").map(location).collect();
    Location { how, pattern, dirs: block.into_iter().filter(|x| x.name != "location").collect(), nested }
}

/// The port of a `listen` argument (`80`, `127.0.0.1:8080`, `[::]:80`, `*:80`).
fn listen_port(arg: &str) -> Option<u16> {
    let port = arg.rsplit_once(':').map_or(arg, |(_, p)| p);
    if arg.starts_with("unix:") {
        return None;
    }
    port.parse().ok().or(if arg.contains(':') || arg.contains('.') { Some(80) } else { None })
}

impl Config {
    /// Every log file the configuration names (main, http, servers and
    /// locations), which nginx opens when it starts; `off` and syslog left out.
    pub fn log_paths(&self) -> Vec<String> {
        fn walk(dirs: &[Directive], out: &mut Vec<String>) {
            for d in dirs {
                if matches!(d.name.as_str(), "access_log" | "error_log") {
                    if let Some(p) = d.args.first().filter(|p| *p != "off" && !p.starts_with("syslog:") && !out.contains(p)) {
                        out.push(p.clone());
                    }
                }
            }
        }
        fn locations(ls: &[Location], out: &mut Vec<String>) {
            for l in ls {
                walk(&l.dirs, out);
                locations(&l.nested, out);
            }
        }
        let mut out = vec![self.error_log.clone(), self.access_log.clone()];
        out.retain(|p| p != "off");
        walk(&self.http, &mut out);
        for s in &self.servers {
            walk(&s.dirs, &mut out);
            locations(&s.locations, &mut out);
        }
        out
    }

    /// The model of a loaded configuration.
    pub fn from(top: &[Directive]) -> Config {
        let mut conf =
            Config { access_log: "/var/log/nginx/access.log".into(), error_log: "/var/log/nginx/error.log".into(), ..Config::default() };
        if let Some(path) = top.iter().find(|d| d.name == "error_log").and_then(|d| d.args.first()) {
            conf.error_log = path.clone();
        }
        let http = top.iter().filter(|d| d.name == "http").flat_map(|h| h.block.as_deref().unwrap_or_default());
        if let Some(path) = http.clone().find(|d| d.name == "access_log").and_then(|d| d.args.first()) {
            conf.access_log = path.clone();
        }
        for h in top.iter().filter(|d| d.name == "http") {
            for d in h.block.as_deref().unwrap_or_default() {
                match d.name.as_str() {
                    "server" => {
                        let block = d.block.clone().unwrap_or_default();
                        let mut listen = Vec::new();
                        let mut names = Vec::new();
                        for x in &block {
                            match x.name.as_str() {
                                "listen" => {
                                    if let Some(p) = x.args.first().and_then(|a| listen_port(a)) {
                                        if !listen.iter().any(|(q, _)| *q == p) {
                                            listen.push((p, x.args.iter().any(|a| a == "default_server" || a == "default")));
                                        }
                                    }
                                }
                                "server_name" => names.extend(x.args.iter().cloned()),
                                _ => {}
                            }
                        }
                        if listen.is_empty() {
                            listen.push((80, false));
                        }
                        let locations = block.iter().filter(|x| x.name == "location").map(location).collect();
                        let dirs = block.into_iter().filter(|x| x.name != "location").collect();
                        conf.servers.push(Server { listen, names, dirs, locations });
                    }
                    "upstream" => {
                        let peers = d
                            .block
                            .as_deref()
                            .unwrap_or_default()
                            .iter()
                            .filter(|x| x.name == "server")
                            .filter_map(|x| x.args.first().cloned())
                            .collect();
                        conf.upstreams.insert(d.args.first().cloned().unwrap_or_default(), peers);
                    }
                    _ => conf.http.push(d.clone()),
                }
            }
        }
        conf
    }

    /// The ports the servers listen on.
    pub fn ports(&self) -> Vec<u16> {
        let mut p: Vec<u16> = self.servers.iter().flat_map(|s| s.listen.iter().map(|l| l.0)).collect();
        p.sort_unstable();
        p.dedup();
        p
    }

    /// The hosts the configuration names as upstreams (`proxy_pass`,
    /// `fastcgi_pass`, `upstream` servers) with the directive naming them:
    /// nginx resolves them when it starts.
    pub fn upstream_hosts(top: &[Directive]) -> Vec<(String, Directive)> {
        let mut out = Vec::new();
        let mut groups = Vec::new();
        walk(top, &mut |d| {
            if d.name == "upstream" {
                groups.push(d.args.first().cloned().unwrap_or_default());
            }
        });
        walk(top, &mut |d| {
            let addr = match d.name.as_str() {
                "proxy_pass" => {
                    d.args.first().and_then(|u| u.split_once("://")).map(|(_, r)| r.split('/').next().unwrap_or("").to_string())
                }
                "fastcgi_pass" | "uwsgi_pass" | "grpc_pass" => d.args.first().cloned(),
                "server" if d.block.is_none() => d.args.first().cloned(),
                _ => None,
            };
            if let Some(addr) = addr.filter(|a| !a.contains('$') && !a.starts_with("unix:")) {
                let host = addr.rsplit_once(':').map_or(addr.as_str(), |(h, _)| h);
                if !groups.iter().any(|g| g == &addr) && !host.is_empty() {
                    out.push((addr.clone(), d.clone()));
                }
            }
        });
        out
    }
}

fn walk(list: &[Directive], f: &mut dyn FnMut(&Directive)) {
    for d in list {
        f(d);
        if let Some(b) = &d.block {
            if !data_block(&d.name) {
                walk(b, f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    fn fs_with(conf: &str) -> Fs {
        let mut fs = Fs::new();
        fs.mkdir_all("/etc/nginx/conf.d", Meta::new(0o755, 0)).unwrap();
        let main = "events {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n";
        fs.write(MAIN, Content::from_bytes(main), Meta::new(0o644, 0)).unwrap();
        fs.write("/etc/nginx/mime.types", Content::from_bytes("types {\n    text/html html;\n}\n"), Meta::new(0o644, 0)).unwrap();
        fs.write("/etc/nginx/conf.d/default.conf", Content::from_bytes(conf), Meta::new(0o644, 0)).unwrap();
        fs
    }

    fn emerg(conf: &str) -> String {
        load(&fs_with(conf)).unwrap_err().text()
    }

    #[test]
    fn errors_are_nginx_own_with_file_and_line() {
        let f = "/etc/nginx/conf.d/default.conf";
        assert_eq!(emerg("server {\n  listen 80;\n  foo bar;\n}\n"), format!("unknown directive \"foo\" in {f}:3"));
        assert_eq!(emerg("server {\n  listen 80;\n}\n}\n"), format!("unexpected \"}}\" in {f}:4"));
        assert_eq!(emerg("server {\n  listen 80;\n"), format!("unexpected end of file, expecting \"}}\" in {f}:2"));
        assert_eq!(emerg("server {\n  root /x\n}\n"), format!("unexpected \"}}\" in {f}:3"));
        assert_eq!(emerg("location / {\n}\n"), format!("\"location\" directive is not allowed here in {f}:1"));
        assert_eq!(
            emerg("server {\n include nope.conf;\n}\n"),
            format!("open() \"/etc/nginx/nope.conf\" failed (2: No such file or directory) in {f}:2")
        );
        assert_eq!(
            emerg("server {\n location ~ \\.php$ {\n  proxy_pass http://app:3000/x;\n }\n}\n"),
            format!("\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named location, or inside \"if\" statement, or inside \"limit_except\" block in {f}:3")
        );
    }

    #[test]
    fn servers_locations_and_upstreams() {
        let conf = "upstream backend {\n server app1:3000;\n server app2:3000;\n}\nserver {\n listen 8080 default_server;\n server_name example.com;\n location = /x { return 204; }\n location ^~ /static/ { root /srv; }\n location ~* \\.php$ { fastcgi_pass php:9000; }\n location / { proxy_pass http://backend; }\n}\n";
        let top = load(&fs_with(conf)).unwrap();
        let c = Config::from(&top);
        assert_eq!(c.servers.len(), 1);
        assert_eq!(c.servers[0].listen, vec![(8080, true)]);
        assert_eq!(
            c.servers[0].locations.iter().map(|l| l.how.clone()).collect::<Vec<_>>(),
            [Match::Exact, Match::PrefixStop, Match::Regex { icase: true }, Match::Prefix]
        );
        assert_eq!(c.upstreams["backend"], ["app1:3000", "app2:3000"]);
        let hosts: Vec<String> = Config::upstream_hosts(&top).into_iter().map(|(h, _)| h).collect();
        assert_eq!(hosts, ["app1:3000", "app2:3000", "php:9000"]);
    }

    #[test]
    fn quoted_words_and_variables_in_braces() {
        let top = load(&fs_with("server {\n return 200 \"a; b {c}\\n\";\n add_header X-A ${host}x;\n}\n")).unwrap();
        let c = Config::from(&top);
        assert_eq!(c.servers[0].dirs[0].args, ["200", "a; b {c}\n"]);
        assert_eq!(c.servers[0].dirs[1].args, ["X-A", "${host}x"]);
    }
}
