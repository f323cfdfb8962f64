//! nginx answering a request from its configuration (`nginx_conf`): the
//! server for the port and Host, the location nginx's rules pick (`=`,
//! longest prefix, `^~`, regular expressions in order, named), the rewrite
//! phase (`rewrite`, `return`, `set`, `if`), `try_files`, `index`, `root`
//! and `alias`, `error_page`, `add_header`, static files with mime.types,
//! validators, conditional requests and the directory redirect. A request
//! that goes on (`proxy_pass`, `fastcgi_pass`) is handed back to the caller
//! as a [`Route`]; [`finish`] turns the upstream's answer into nginx's.

use super::http::{not_modified, Nginx, Request};
use super::service::{clf_time, go_log_time, HttpResponse};
use crate::apps::nginx_conf::{Config, Directive, Location, Match, Server};
use crate::vfs::{Fs, Node};
use std::collections::BTreeMap;

/// What nginx does with a request.
#[derive(Debug)]
pub enum Route {
    /// nginx answers it itself, logging where the request's server or
    /// location says.
    Done(HttpResponse, Logs),
    /// The request goes on to an upstream (HTTP or FastCGI).
    Onward(Onward),
}

/// A request nginx passes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Onward {
    pub fastcgi: bool,
    /// `host:port` candidates: an upstream group's servers, or the one named.
    pub peers: Vec<String>,
    /// The request target sent (proxy_pass).
    pub target: String,
    pub method: String,
    /// The request headers (proxy_pass) or the FastCGI parameters.
    pub headers: Vec<(String, String)>,
    pub finish: Finish,
}

/// Where a request's log lines go: the innermost `access_log` and
/// `error_log` (location, server, http, main), as written (`off`,
/// `/var/log/nginx/access.log`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Logs {
    pub access: String,
    pub error: String,
}

/// What nginx needs to answer once the upstream has: its log context and headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finish {
    pub server: String,
    pub client: String,
    pub server_name: String,
    pub method: String,
    pub target: String,
    pub host: String,
    pub agent: String,
    pub add: Vec<(String, String)>,
    /// The URL the error log names for the upstream (`http://172.18.0.3:3000/`).
    pub upstream_uri: String,
    pub conn: u64,
    pub logs: Logs,
}

/// What an upstream answered (or why not).
pub enum Upstream {
    Answer(HttpResponse),
    /// php-fpm's answer: status, its headers (without Status), body, and what
    /// it wrote on stderr (nginx logs it as `FastCGI sent in stderr`).
    Cgi {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        stderr: String,
    },
    /// The connection failed: `(111: Connection refused)` and the address.
    Refused(String),
    /// No machine has the address any more: `(113: Host is unreachable)`.
    Unreachable(String),
    /// The name did not resolve.
    Unresolved,
}

/// nginx's answer to `req` on `port`; `client` is the address it logs,
/// `conn` the connection number its error log shows.
#[allow(clippy::too_many_arguments)]
pub fn respond(version: &str, conf: &Config, port: u16, req: &Request, fs: &Fs, now: i64, client: &str, conn: u64) -> Route {
    let host = req.header("Host").unwrap_or("localhost").to_string();
    let name = host.rsplit_once(':').filter(|(_, p)| !p.contains(']')).map_or(host.as_str(), |(h, _)| h).to_string();
    let Some(server) = pick_server(conf, port, &name) else {
        // Nothing listens there.
        return Route::Done(
            builtin(version, conf.http.iter().find(|d| d.name == "server_tokens"), now, 404),
            Logs { access: conf.access_log.clone(), error: conf.error_log.clone() },
        );
    };
    let (path, args) = match req.target.split_once('?') {
        Some((p, a)) => (p, a.to_string()),
        None => (req.target, String::new()),
    };
    let mut r = Run {
        conf,
        server,
        req,
        fs,
        now,
        client,
        port,
        version,
        host,
        uri: normalize(path),
        args,
        method: req.method.to_string(),
        vars: BTreeMap::new(),
        levels: Vec::new(),
        location: None,
        rewritten: false,
        errors: Vec::new(),
        conn,
        error_status: None,
    };
    r.run()
}

fn pick_server<'a>(conf: &'a Config, port: u16, name: &str) -> Option<&'a Server> {
    let on_port: Vec<&Server> = conf.servers.iter().filter(|s| s.listen.iter().any(|(p, _)| *p == port)).collect();
    let named = on_port.iter().find(|s| s.names.iter().any(|n| server_name_matches(n, name)));
    let default = on_port.iter().find(|s| s.listen.iter().any(|(p, d)| *p == port && *d));
    named.or(default).or(on_port.first()).copied()
}

fn server_name_matches(pattern: &str, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let p = pattern.to_ascii_lowercase();
    if let Some(re) = p.strip_prefix('~') {
        return crate::regex::Regex::new(&crate::regex::pcre::to_ere(re), crate::regex::Syntax::Ere, true).is_ok_and(|r| r.is_match(&name));
    }
    if let Some(rest) = p.strip_prefix("*.") {
        return name.ends_with(&format!(".{rest}"));
    }
    if let Some(rest) = p.strip_prefix('.') {
        return name == rest || name.ends_with(&p);
    }
    if let Some(rest) = p.strip_suffix(".*") {
        return name.starts_with(&format!("{rest}."));
    }
    p == name
}

/// The URI nginx matches locations against: `%XX` decoded, `//` merged,
/// `.` and `..` resolved.
fn normalize(path: &str) -> String {
    let mut bytes = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                bytes.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    let decoded = String::from_utf8_lossy(&bytes).into_owned();
    let trailing = decoded.ends_with('/') || decoded.ends_with("/.") || decoded.ends_with("/..");
    let mut out = crate::vfs::normalize(&decoded);
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

enum Step {
    /// Answer with this status, content type and body (None: nginx's page).
    Answer {
        status: u16,
        body: Option<(String, &'static str)>,
        file: Option<(i64, usize)>,
        location: Option<String>,
    },
    /// Go round again with the new URI (internal redirect).
    Again,
    Onward(Box<Onward>),
}

struct Run<'a> {
    conf: &'a Config,
    server: &'a Server,
    req: &'a Request<'a>,
    fs: &'a Fs,
    now: i64,
    client: &'a str,
    port: u16,
    version: &'a str,
    host: String,
    uri: String,
    args: String,
    method: String,
    /// `set` variables and the captures of the last regular expression ("1"…).
    vars: BTreeMap<String, String>,
    /// The chosen location's directives, innermost first (then `if` blocks first).
    levels: Vec<&'a [Directive]>,
    location: Option<&'a Location>,
    rewritten: bool,
    errors: Vec<String>,
    conn: u64,
    /// The status an `error_page` redirect answers with.
    error_status: Option<u16>,
}

impl<'a> Run<'a> {
    fn run(&mut self) -> Route {
        // The server's own rewrite directives run once, before any location.
        let server_dirs: &'a [Directive] = &self.server.dirs;
        match self.rewrites(server_dirs) {
            Rw::Go => {}
            Rw::Step(s) => match s {
                Step::Again => {}
                other => return self.conclude(other),
            },
        }
        for _ in 0..10 {
            self.find_location();
            let step = self.phases();
            match step {
                Step::Again => continue,
                Step::Answer { status, body: None, .. } if status >= 400 && self.error_status.is_none() => {
                    if let Some(step) = self.error_page(status) {
                        match step {
                            Step::Again => continue,
                            other => return self.conclude(other),
                        }
                    }
                    return self.conclude(Step::Answer { status, body: None, file: None, location: None });
                }
                other => return self.conclude(other),
            }
        }
        self.log_error(&format!("rewrite or internal redirection cycle while processing \"{}\"", self.uri));
        self.conclude(Step::Answer { status: 500, body: None, file: None, location: None })
    }

    fn conclude(&mut self, step: Step) -> Route {
        match step {
            Step::Onward(o) => Route::Onward(*o),
            Step::Answer { status, body, file, location } => {
                let status = self.error_status.filter(|_| status == 200).unwrap_or(status);
                Route::Done(self.answer(status, body, file, location), self.logs())
            }
            Step::Again => Route::Done(self.answer(500, None, None, None), self.logs()),
        }
    }

    /// The directives `name` at the innermost level that has any.
    fn all(&self, name: &str) -> Vec<&'a Directive> {
        let levels = self.levels.iter().copied().chain([self.server.dirs.as_slice(), self.conf.http.as_slice()]);
        for level in levels {
            let v: Vec<&'a Directive> = level.iter().filter(|d| d.name == name).collect();
            if !v.is_empty() {
                return v;
            }
        }
        Vec::new()
    }

    fn get(&self, name: &str) -> Option<&'a Directive> {
        self.all(name).into_iter().next()
    }

    /// A directive that belongs to the location (not inherited from the server).
    fn local(&self, name: &str) -> Option<&'a Directive> {
        if self.location.is_none() {
            return self.server.dirs.iter().find(|d| d.name == name);
        }
        self.levels.iter().find_map(|l| l.iter().find(|d| d.name == name))
    }

    fn root(&self) -> String {
        let root = self.get("root").and_then(|d| d.args.first()).map(|r| self.expand(r)).unwrap_or_else(|| "html".into());
        let root = if root.starts_with('/') { root } else { format!("/etc/nginx/{root}") };
        root.trim_end_matches('/').to_string()
    }

    /// The file a URI names: under `root`, or `alias` in place of the location's prefix.
    fn file_of(&self, uri: &str) -> String {
        if let (Some(alias), Some(loc)) = (self.local("alias"), self.location) {
            let alias = alias.args.first().map(|a| self.expand(a)).unwrap_or_default();
            if matches!(loc.how, Match::Regex { .. }) {
                return alias;
            }
            let rest = uri.strip_prefix(loc.pattern.as_str()).unwrap_or(uri);
            return format!("{alias}{rest}");
        }
        format!("{}{uri}", self.root())
    }

    fn find_location(&mut self) {
        self.levels.clear();
        self.location = None;
        let mut list: &'a [Location] = &self.server.locations;
        let mut chain: Vec<&'a Location> = Vec::new();
        for _ in 0..40 {
            let Some(loc) = self.pick(list) else { break };
            chain.push(loc);
            if loc.nested.is_empty() {
                break;
            }
            list = &loc.nested;
        }
        self.location = chain.last().copied();
        for loc in chain.iter().rev() {
            self.levels.push(&loc.dirs);
        }
    }

    fn pick(&mut self, list: &'a [Location]) -> Option<&'a Location> {
        let uri = self.uri.clone();
        if let Some(exact) = list.iter().find(|l| l.how == Match::Exact && l.pattern == uri) {
            return Some(exact);
        }
        let prefix = list
            .iter()
            .filter(|l| matches!(l.how, Match::Prefix | Match::PrefixStop) && uri.starts_with(l.pattern.as_str()))
            .max_by_key(|l| l.pattern.len());
        if prefix.is_some_and(|l| l.how == Match::PrefixStop) {
            return prefix;
        }
        for l in list {
            if let Match::Regex { icase } = l.how {
                if let Some(caps) = self.captures(&l.pattern, icase, &uri) {
                    self.set_captures(caps);
                    return Some(l);
                }
            }
        }
        prefix
    }

    fn captures(&self, pattern: &str, icase: bool, text: &str) -> Option<Vec<String>> {
        let re = crate::regex::Regex::new(&crate::regex::pcre::to_ere(pattern), crate::regex::Syntax::Ere, icase).ok()?;
        let m = re.find_at(text, 0)?;
        Some(m.groups.iter().map(|g| g.map(|(a, b)| text[a..b].to_string()).unwrap_or_default()).collect())
    }

    fn set_captures(&mut self, caps: Vec<String>) {
        self.vars.retain(|k, _| !k.chars().all(|c| c.is_ascii_digit()));
        for (i, c) in caps.into_iter().enumerate() {
            self.vars.insert(i.to_string(), c);
        }
    }

    /// The rewrite phase, then the content phase, of the chosen location.
    fn phases(&mut self) -> Step {
        if let Some(loc) = self.location {
            match self.rewrites(&loc.dirs) {
                Rw::Go => {}
                Rw::Step(s) => return s,
            }
        }
        self.content()
    }

    /// `rewrite`, `return`, `set` and `if` in order.
    fn rewrites(&mut self, dirs: &'a [Directive]) -> Rw {
        for d in dirs {
            match d.name.as_str() {
                "set" if d.args.len() == 2 => {
                    let v = self.expand(&d.args[1]);
                    self.vars.insert(d.args[0].trim_start_matches('$').to_string(), v);
                }
                "return" => return Rw::Step(self.ret(&d.args)),
                "rewrite" if d.args.len() >= 2 => {
                    let icase = false;
                    let Some(caps) = self.captures(&d.args[0], icase, &self.uri.clone()) else { continue };
                    self.set_captures(caps);
                    let mut to = self.expand(&d.args[1]);
                    let flag = d.args.get(2).map(String::as_str).unwrap_or("");
                    let external = to.starts_with("http://") || to.starts_with("https://") || to.starts_with("$scheme");
                    if flag == "redirect" || flag == "permanent" || external {
                        if !to.ends_with('?') && !self.args.is_empty() {
                            to = format!("{to}{}{}", if to.contains('?') { "&" } else { "?" }, self.args);
                        }
                        let to = to.trim_end_matches('?').to_string();
                        let status = if flag == "permanent" { 301 } else { 302 };
                        return Rw::Step(Step::Answer { status, body: None, file: None, location: Some(self.absolute(&to)) });
                    }
                    match to.split_once('?') {
                        Some((p, a)) => {
                            let keep = std::mem::take(&mut self.args);
                            self.args = if a.is_empty() || keep.is_empty() { format!("{a}{keep}") } else { format!("{a}&{keep}") };
                            self.uri = p.to_string();
                        }
                        None => self.uri = to,
                    }
                    self.rewritten = true;
                    match flag {
                        "break" => return Rw::Go,
                        _ => return Rw::Step(Step::Again),
                    }
                }
                "if" if self.condition(&d.args) => {
                    if let Some(block) = &d.block {
                        self.levels.insert(0, block);
                        match self.rewrites(block) {
                            Rw::Go => {}
                            s => return s,
                        }
                    }
                }
                _ => {}
            }
        }
        Rw::Go
    }

    fn condition(&mut self, args: &[String]) -> bool {
        let joined = args.join(" ");
        let inner = joined.trim().trim_start_matches('(').trim_end_matches(')').trim().to_string();
        let words: Vec<&str> = inner.split_whitespace().collect();
        match words.as_slice() {
            [op, path] if matches!(*op, "-f" | "!-f" | "-d" | "!-d" | "-e" | "!-e" | "-x" | "!-x") => {
                let p = self.expand(path);
                let node = self.fs.get(&p).ok();
                let yes = match op.trim_start_matches('!') {
                    "-f" => matches!(node, Some(Node::File { .. })),
                    "-d" => matches!(node, Some(Node::Dir { .. })),
                    _ => node.is_some(),
                };
                yes != op.starts_with('!')
            }
            [v] => {
                let v = self.expand(v);
                !v.is_empty() && v != "0"
            }
            [a, op, rest @ ..] => {
                let left = self.expand(a);
                let right_raw = rest.join(" ");
                let right = right_raw.trim_matches(|c| c == '"' || c == '\'');
                match *op {
                    "=" => left == self.expand(right),
                    "!=" => left != self.expand(right),
                    "~" | "~*" | "!~" | "!~*" => {
                        let icase = op.ends_with('*');
                        let found = self.captures(right, icase, &left);
                        let hit = found.is_some();
                        if let Some(c) = found {
                            self.set_captures(c);
                        }
                        hit != op.starts_with('!')
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// `return CODE [TEXT|URL]` or `return URL`.
    fn ret(&self, args: &[String]) -> Step {
        let (code, rest) = match args {
            [c, rest @ ..] if c.parse::<u16>().is_ok() => (c.parse::<u16>().unwrap_or(200), rest.first()),
            [url] => (302, Some(url)),
            _ => (500, None),
        };
        match (code, rest) {
            (301 | 302 | 303 | 307 | 308, Some(url)) => {
                Step::Answer { status: code, body: None, file: None, location: Some(self.absolute(&self.expand(url))) }
            }
            (_, Some(text)) => {
                let t = self.get("default_type").and_then(|d| d.args.first()).map(String::as_str).unwrap_or("text/plain");
                Step::Answer { status: code, body: Some((self.expand(text), static_type(t))), file: None, location: None }
            }
            (444, None) => Step::Answer { status: 444, body: None, file: None, location: None },
            (_, None) => Step::Answer { status: code, body: None, file: None, location: None },
        }
    }

    /// A redirect target as nginx sends it: absolute, on the port it was asked on.
    fn absolute(&self, to: &str) -> String {
        if to.contains("://") {
            return to.to_string();
        }
        format!("http://{}{to}", self.host_with_port())
    }

    fn host_with_port(&self) -> String {
        let name = self.host.rsplit_once(':').filter(|(_, p)| !p.contains(']')).map_or(self.host.as_str(), |(h, _)| h);
        // nginx names its own listen port (port_in_redirect), which is what the container sees.
        if self.port == 80 {
            name.to_string()
        } else {
            format!("{name}:{}", self.port)
        }
    }

    fn content(&mut self) -> Step {
        if let Some(tf) = self.local("try_files") {
            let n = tf.args.len();
            for (i, arg) in tf.args.iter().enumerate() {
                let last = i + 1 == n;
                if last {
                    if let Some(code) = arg.strip_prefix('=') {
                        let status = code.parse().unwrap_or(404);
                        return Step::Answer { status, body: None, file: None, location: None };
                    }
                    if arg.starts_with('@') {
                        return self.named(arg);
                    }
                    let to = self.expand(arg);
                    self.internal(&to);
                    return Step::Again;
                }
                let p = self.expand(arg);
                let file = self.file_of(&p);
                let node = self.fs.get(file.trim_end_matches('/')).ok();
                let found = if p.ends_with('/') { matches!(node, Some(Node::Dir { .. })) } else { matches!(node, Some(Node::File { .. })) };
                if found {
                    self.uri = p;
                    break;
                }
            }
        }
        if let Some(pass) = self.local("proxy_pass") {
            return self.proxy(pass);
        }
        if let Some(pass) = self.local("fastcgi_pass") {
            return self.fastcgi(pass);
        }
        self.static_file()
    }

    fn named(&mut self, name: &str) -> Step {
        let found = self.server.locations.iter().find(|l| l.how == Match::Named && l.pattern == name);
        let Some(loc) = found else {
            self.log_error(&format!("could not find named location \"{name}\""));
            return Step::Answer { status: 500, body: None, file: None, location: None };
        };
        self.location = Some(loc);
        self.levels = vec![&loc.dirs];
        match self.rewrites(&loc.dirs) {
            Rw::Go => {}
            Rw::Step(s) => return s,
        }
        if let Some(pass) = self.local("proxy_pass") {
            return self.proxy(pass);
        }
        if let Some(pass) = self.local("fastcgi_pass") {
            return self.fastcgi(pass);
        }
        self.static_file()
    }

    /// An internal redirect to `to` (a URI with optional arguments).
    fn internal(&mut self, to: &str) {
        match to.split_once('?') {
            Some((p, a)) => {
                self.uri = normalize(p);
                self.args = a.to_string();
            }
            None => self.uri = normalize(to),
        }
    }

    fn static_file(&mut self) -> Step {
        let file = self.file_of(&self.uri);
        if self.uri.ends_with('/') {
            let names: Vec<String> = match self.get("index") {
                Some(d) => d.args.iter().map(|a| self.expand(a)).collect(),
                None => vec!["index.html".into()],
            };
            let dir = file.trim_end_matches('/');
            for name in &names {
                let candidate = if name.starts_with('/') { format!("{}{name}", self.root()) } else { format!("{dir}/{name}") };
                if matches!(self.fs.get(&candidate), Ok(Node::File { .. })) {
                    let to = if name.starts_with('/') { name.clone() } else { format!("{}{name}", self.uri) };
                    self.uri = to;
                    return Step::Again;
                }
            }
            if self.get("autoindex").is_some_and(|d| d.args.first().is_some_and(|a| a == "on")) {
                if let Ok(Node::Dir { entries, .. }) = self.fs.get(dir) {
                    let body = autoindex(&self.uri, entries);
                    return Step::Answer { status: 200, body: Some((body, "text/html")), file: None, location: None };
                }
            }
            return match self.fs.get(dir) {
                Ok(Node::Dir { .. }) => {
                    self.log_error(&format!("directory index of \"{dir}/\" is forbidden"));
                    Step::Answer { status: 403, body: None, file: None, location: None }
                }
                _ => {
                    self.log_error(&format!(
                        "\"{dir}/{}\" is not found (2: No such file or directory)",
                        names.last().map_or("index.html", |s| s)
                    ));
                    Step::Answer { status: 404, body: None, file: None, location: None }
                }
            };
        }
        match self.fs.get(&file) {
            Ok(Node::Dir { .. }) => {
                let to = format!("{}/", self.uri);
                let to = if self.args.is_empty() { to } else { format!("{to}?{}", self.args) };
                Step::Answer { status: 301, body: None, file: None, location: Some(self.absolute(&to)) }
            }
            Ok(n @ Node::File { content, .. }) => {
                if !matches!(self.method.as_str(), "GET" | "HEAD") {
                    return Step::Answer { status: 405, body: None, file: None, location: None };
                }
                let (mtime, size) = (n.meta().mtime, content.len() as usize);
                if not_modified(self.req, &super::http::nginx_etag(mtime, size), mtime, true) {
                    return Step::Answer { status: 304, body: Some((String::new(), "")), file: Some((mtime, size)), location: None };
                }
                let body = String::from_utf8_lossy(&content.to_vec()).into_owned();
                Step::Answer { status: 200, body: Some((body, self.mime(&file))), file: Some((mtime, size)), location: None }
            }
            _ => {
                self.log_error(&format!("open() \"{file}\" failed (2: No such file or directory)"));
                Step::Answer { status: 404, body: None, file: None, location: None }
            }
        }
    }

    /// The type `types` (mime.types and the configuration's own) gives the file's extension.
    fn mime(&self, file: &str) -> &'static str {
        let name = file.rsplit('/').next().unwrap_or(file);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        for t in self.all("types") {
            for d in t.block.as_deref().unwrap_or_default() {
                if d.args.iter().any(|a| a.eq_ignore_ascii_case(&ext)) {
                    return static_type(&d.name);
                }
            }
        }
        let default = self.get("default_type").and_then(|d| d.args.first()).map(String::as_str).unwrap_or("text/plain");
        let known = mime_type(file);
        if known == "application/octet-stream" {
            static_type(default)
        } else {
            known
        }
    }

    fn error_page(&mut self, status: u16) -> Option<Step> {
        for d in self.all("error_page") {
            let codes: Vec<u16> = d.args.iter().filter_map(|a| a.parse().ok()).collect();
            if !codes.contains(&status) {
                continue;
            }
            let target = d.args.last()?.clone();
            let over = d.args.iter().find(|a| a.starts_with('=')).map(|a| a[1..].parse::<u16>().ok());
            self.error_status = Some(match over {
                Some(Some(code)) => code,
                Some(None) => 200,
                None => status,
            });
            self.method = "GET".into();
            if target.starts_with('@') {
                let step = self.named(&target);
                return Some(step);
            }
            if target.contains("://") {
                self.error_status = None;
                return Some(Step::Answer { status: 302, body: None, file: None, location: Some(self.expand(&target)) });
            }
            let to = self.expand(&target);
            self.internal(&to);
            return Some(Step::Again);
        }
        None
    }

    fn proxy(&mut self, pass: &Directive) -> Step {
        let url = self.expand(pass.args.first().map(String::as_str).unwrap_or(""));
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let (hostport, uri_part) = match rest.find('/') {
            Some(i) => (&rest[..i], Some(&rest[i..])),
            None => (rest, None),
        };
        let target = match uri_part {
            Some(part) if !self.rewritten => {
                let prefix =
                    self.location.filter(|l| matches!(l.how, Match::Prefix | Match::PrefixStop | Match::Exact)).map(|l| l.pattern.as_str());
                let tail = prefix.and_then(|p| self.uri.strip_prefix(p)).unwrap_or(&self.uri);
                let t = format!("{part}{tail}");
                if self.args.is_empty() {
                    t
                } else {
                    format!("{t}?{}", self.args)
                }
            }
            _ if !self.rewritten && self.error_status.is_none() => self.req.target.to_string(),
            _ => {
                if self.args.is_empty() {
                    self.uri.clone()
                } else {
                    format!("{}?{}", self.uri, self.args)
                }
            }
        };
        let peers = match self.conf.upstreams.get(hostport) {
            Some(servers) => servers.clone(),
            None => vec![if hostport.contains(':') { hostport.to_string() } else { format!("{hostport}:80") }],
        };
        // proxy_set_header's defaults: Host $proxy_host and Connection close.
        let proxy_host = if hostport.ends_with(":80") { hostport.trim_end_matches(":80").to_string() } else { hostport.to_string() };
        let mut headers: Vec<(String, String)> = vec![("Host".into(), proxy_host.clone()), ("Connection".into(), "close".into())];
        for (k, v) in self.req.headers {
            if !k.eq_ignore_ascii_case("Host") && !k.eq_ignore_ascii_case("Connection") {
                headers.push((k.clone(), v.clone()));
            }
        }
        self.vars.insert("proxy_host".into(), proxy_host);
        for d in self.all("proxy_set_header") {
            if let [name, value] = d.args.as_slice() {
                let v = self.expand(value);
                headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
                if !v.is_empty() {
                    headers.push((name.clone(), v));
                }
            }
        }
        let finish = self.finish(&format!("http://{{peer}}{target}"));
        Step::Onward(Box::new(Onward { fastcgi: false, peers, target, method: self.method.clone(), headers, finish }))
    }

    fn fastcgi(&mut self, pass: &Directive) -> Step {
        let addr = self.expand(pass.args.first().map(String::as_str).unwrap_or(""));
        let peers = match self.conf.upstreams.get(&addr) {
            Some(servers) => servers.clone(),
            None => vec![addr.clone()],
        };
        let (script, info) = self.fcgi_split();
        self.vars.insert("fastcgi_script_name".into(), script);
        self.vars.insert("fastcgi_path_info".into(), info);
        let mut params: Vec<(String, String)> = Vec::new();
        for d in self.all("fastcgi_param") {
            if let [name, value, flag @ ..] = d.args.as_slice() {
                let v = self.expand(value);
                if flag.first().is_some_and(|f| f == "if_not_empty") && v.is_empty() {
                    continue;
                }
                params.retain(|(k, _)| k != name);
                params.push((name.clone(), v));
            }
        }
        // The request's headers go along as HTTP_* (fastcgi_pass_request_headers on).
        let mut headers: Vec<(String, String)> = vec![("Host".into(), self.host.clone())];
        headers.extend(self.req.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("Host")).cloned());
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("User-Agent")) {
            headers.push(("User-Agent".into(), "curl/8.5.0".into()));
        }
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("Accept")) {
            headers.push(("Accept".into(), "*/*".into()));
        }
        for (k, v) in headers {
            let name = format!("HTTP_{}", k.to_ascii_uppercase().replace('-', "_"));
            if !params.iter().any(|(p, _)| *p == name) {
                params.push((name, v));
            }
        }
        let finish = self.finish("fastcgi://{peer}");
        Step::Onward(Box::new(Onward {
            fastcgi: true,
            peers,
            target: self.uri.clone(),
            method: self.method.clone(),
            headers: params,
            finish,
        }))
    }

    /// `$fastcgi_script_name` and `$fastcgi_path_info`: the URI split by the
    /// location's `fastcgi_split_path_info`, with `fastcgi_index` after a slash.
    fn fcgi_split(&self) -> (String, String) {
        let mut script = self.uri.clone();
        let mut info = String::new();
        if let Some(split) = self.local("fastcgi_split_path_info").and_then(|d| d.args.first()) {
            if let Some(c) = self.captures(split, false, &self.uri) {
                script = c.get(1).cloned().unwrap_or_default();
                info = c.get(2).cloned().unwrap_or_default();
            }
        }
        if script.ends_with('/') {
            if let Some(index) = self.local("fastcgi_index").and_then(|d| d.args.first()) {
                script.push_str(index);
            }
        }
        (script, info)
    }

    fn finish(&self, upstream: &str) -> Finish {
        Finish {
            server: self.server_header(),
            client: self.client.to_string(),
            server_name: self.server.names.first().cloned().unwrap_or_default(),
            method: self.req.method.to_string(),
            target: self.req.target.to_string(),
            host: self.host.clone(),
            agent: self.req.header("User-Agent").unwrap_or("curl/8.5.0").to_string(),
            add: self.add_headers(200),
            upstream_uri: upstream.to_string(),
            conn: self.conn,
            logs: self.logs(),
        }
    }

    /// The Server header and error pages' signature: `nginx/1.27.3`, or
    /// `nginx` under `server_tokens off`.
    fn server_header(&self) -> String {
        server_header(self.version, self.get("server_tokens"))
    }

    fn logs(&self) -> Logs {
        let path =
            |name: &str, fallback: &str| self.get(name).and_then(|d| d.args.first()).cloned().unwrap_or_else(|| fallback.to_string());
        Logs { access: path("access_log", &self.conf.access_log), error: path("error_log", &self.conf.error_log) }
    }

    /// `add_header` pairs that apply to `status` (all with `always`).
    fn add_headers(&self, status: u16) -> Vec<(String, String)> {
        let ok = matches!(status, 200 | 201 | 204 | 206 | 301 | 302 | 303 | 304 | 307 | 308);
        self.all("add_header")
            .into_iter()
            .filter(|d| ok || d.args.get(2).is_some_and(|a| a == "always"))
            .filter_map(|d| match d.args.as_slice() {
                [k, v, ..] => Some((k.clone(), self.expand(v))),
                _ => None,
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    fn log_error(&mut self, message: &str) {
        let line = error_line(self.now, "error", self.conn, message, &self.client_context());
        self.errors.push(line);
    }

    fn client_context(&self) -> String {
        let name = self.server.names.first().map(String::as_str).unwrap_or("");
        format!(
            ", client: {}, server: {name}, request: \"{} {} HTTP/1.1\", host: \"{}\"",
            self.client, self.req.method, self.req.target, self.host
        )
    }

    fn answer(
        &self,
        status: u16,
        body: Option<(String, &'static str)>,
        file: Option<(i64, usize)>,
        location: Option<String>,
    ) -> HttpResponse {
        let server = self.server_header();
        let (mut body, content_type) = match body {
            Some((b, t)) => (b, t),
            None if status == 444 || status == 204 || status == 304 => (String::new(), ""),
            None if (300..400).contains(&status) && location.is_none() => (String::new(), "text/html"),
            None => (error_page(status, &server), "text/html"),
        };
        let mut chunked = false;
        let subs = self.all("sub_filter");
        if status == 200 && !subs.is_empty() && content_type == "text/html" {
            // sub_filter changes the body: no validators, and it goes out chunked.
            for d in subs {
                if let [from, to] = d.args.as_slice() {
                    body = body.replace(from.as_str(), &self.expand(to));
                }
            }
            chunked = true;
        }
        let file = if chunked { None } else { file };
        let head = Nginx {
            server: &server,
            now: self.now,
            status,
            content_type,
            length: (!chunked && status != 304).then_some(body.len()),
            file,
            location,
        };
        let mut headers = head.headers();
        let add = self.add_headers(status);
        let at = headers.iter().position(|(k, _)| k == "Accept-Ranges").unwrap_or(headers.len());
        for (i, h) in add.into_iter().enumerate() {
            headers.insert(at + i, h);
        }
        let sent = if self.req.is_head() || status == 304 { 0 } else { body.len() };
        let mut log = self.errors.clone();
        log.push(access_line(self.client, self.now, self.req.method, self.req.target, status, sent, self.req.header("User-Agent")));
        HttpResponse {
            headers,
            status,
            reason: reason(status),
            content_type,
            body: if status == 444 { String::new() } else { body },
            server,
            log: Some(log.join("\n")),
        }
    }

    /// `$name` and `${name}` in `text` (an unknown variable is empty).
    fn expand(&self, text: &str) -> String {
        crate::apps::nginx_conf::substitute(text, true, &mut |name| Some(self.var(name)))
    }

    fn var(&self, name: &str) -> String {
        if let Some(v) = self.vars.get(name) {
            return v.clone();
        }
        if let Some(h) = name.strip_prefix("http_") {
            let want = h.replace('_', "-");
            if want.eq_ignore_ascii_case("host") {
                return self.host.clone();
            }
            if want.eq_ignore_ascii_case("user-agent") {
                return self.req.header("User-Agent").unwrap_or("curl/8.5.0").to_string();
            }
            return self.req.header(&want).unwrap_or_default().to_string();
        }
        if let Some(a) = name.strip_prefix("arg_") {
            return self
                .args
                .split('&')
                .find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == a).map(|(_, v)| v.to_string()))
                .unwrap_or_default();
        }
        if let Some(c) = name.strip_prefix("cookie_") {
            let cookies = self.req.header("Cookie").unwrap_or_default();
            return cookies
                .split(';')
                .find_map(|kv| kv.trim().split_once('=').filter(|(k, _)| *k == c).map(|(_, v)| v.to_string()))
                .unwrap_or_default();
        }
        let hostname = || self.fs.read("/etc/hostname").map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
        match name {
            "uri" | "document_uri" => self.uri.clone(),
            "fastcgi_script_name" => self.fcgi_split().0,
            "fastcgi_path_info" => self.fcgi_split().1,
            "args" | "query_string" => self.args.clone(),
            "is_args" => {
                if self.args.is_empty() {
                    String::new()
                } else {
                    "?".into()
                }
            }
            "request_uri" => self.req.target.to_string(),
            "request_method" => self.method.clone(),
            "request" => format!("{} {} HTTP/1.1", self.req.method, self.req.target),
            "scheme" => "http".into(),
            "https" => String::new(),
            "server_protocol" => "HTTP/1.1".into(),
            "host" => {
                self.host.rsplit_once(':').filter(|(_, p)| !p.contains(']')).map_or(self.host.as_str(), |(h, _)| h).to_ascii_lowercase()
            }
            "server_name" => self.server.names.first().cloned().unwrap_or_default(),
            "server_port" => self.port.to_string(),
            "server_addr" => {
                if self.client == "127.0.0.1" {
                    "127.0.0.1".into()
                } else {
                    super::service::container_ip(self.fs)
                }
            }
            "remote_addr" | "binary_remote_addr" | "realip_remote_addr" => self.client.to_string(),
            "remote_port" => "40000".into(),
            "remote_user" => String::new(),
            "proxy_add_x_forwarded_for" => match self.req.header("X-Forwarded-For") {
                Some(x) => format!("{x}, {}", self.client),
                None => self.client.to_string(),
            },
            "document_root" | "realpath_root" => self.root(),
            "request_filename" => self.file_of(&self.uri),
            "hostname" => hostname(),
            "nginx_version" => self.version.to_string(),
            "content_type" => self.req.content_type.to_string(),
            "content_length" => {
                if self.req.body.is_empty() {
                    String::new()
                } else {
                    self.req.body.len().to_string()
                }
            }
            "request_body" => self.req.body.to_string(),
            "time_local" => clf_time(self.now, true),
            "time_iso8601" => crate::time::rfc3339(self.now).replace('Z', "+00:00"),
            "msec" => format!("{}.000", self.now),
            "request_id" => {
                crate::digest::sha256_hex(format!("{} {} {}", hostname(), self.now, self.req.target).as_bytes())[..32].to_string()
            }
            "status" => "200".into(),
            "pid" => "29".into(),
            "connection" => self.conn.to_string(),
            _ => String::new(),
        }
    }
}

enum Rw {
    Go,
    Step(Step),
}

/// nginx's `autoindex on` listing.
fn autoindex(uri: &str, entries: &BTreeMap<String, Node>) -> String {
    let mut out = format!(
        "<html>\r\n<head><title>Index of {uri}</title></head>\r\n<body>\r\n<h1>Index of {uri}</h1><hr><pre><a href=\"../\">../</a>\r\n"
    );
    let mut names: Vec<(String, &Node)> = entries.iter().map(|(n, node)| (n.clone(), node)).collect();
    names.sort_by_key(|(n, node)| (!matches!(node, Node::Dir { .. }), n.clone()));
    for (n, node) in names {
        let shown = if matches!(node, Node::Dir { .. }) { format!("{n}/") } else { n.clone() };
        let size = match node {
            Node::File { content, .. } => content.len().to_string(),
            _ => "-".into(),
        };
        let date = clf_time(node.meta().mtime, true);
        let date = date.split(' ').next().unwrap_or("").replacen(':', " ", 1);
        let date: String = date.chars().take(17).collect();
        out.push_str(&format!("<a href=\"{shown}\">{shown}</a>{}{date}{size:>20}\r\n", " ".repeat(51usize.saturating_sub(shown.len()))));
    }
    out.push_str("</pre><hr></body>\r\n</html>\r\n");
    out
}

/// An error-log line: `2026/01/01 00:00:05 [error] 29#29: *1 MESSAGE, client: …`.
pub fn error_line(now: i64, level: &str, conn: u64, message: &str, context: &str) -> String {
    format!("{} [{level}] 29#29: *{conn} {message}{context}", go_log_time(now))
}

/// The access-log line (the image's `main` format).
pub fn access_line(client: &str, now: i64, method: &str, target: &str, status: u16, sent: usize, agent: Option<&str>) -> String {
    format!(
        "{client} - - [{}] \"{method} {target} HTTP/1.1\" {status} {sent} \"-\" \"{}\" \"-\"",
        clf_time(now, true),
        agent.unwrap_or("curl/8.5.0")
    )
}

fn server_header(version: &str, tokens: Option<&Directive>) -> String {
    match tokens.and_then(|d| d.args.first()) {
        Some(off) if off == "off" => "nginx".into(),
        _ => format!("nginx/{version}"),
    }
}

/// A response nginx makes without a request context (nothing listens there).
fn builtin(version: &str, tokens: Option<&Directive>, now: i64, status: u16) -> HttpResponse {
    let server = server_header(version, tokens);
    let body = error_page(status, &server);
    let headers =
        Nginx { server: &server, now, status, content_type: "text/html", length: Some(body.len()), file: None, location: None }.headers();
    HttpResponse { headers, status, reason: reason(status), content_type: "text/html", body, server, log: None }
}

/// nginx's answer once the upstream answered (or failed): its headers over
/// the upstream's, its error log for a failure, its access-log line.
pub fn finish(f: &Finish, peer_addr: &str, up: Upstream, now: i64) -> HttpResponse {
    let mut log = Vec::new();
    let context = |extra: &str| {
        format!(
            ", client: {}, server: {}, request: \"{} {} HTTP/1.1\", upstream: \"{}\", host: \"{}\"",
            f.client,
            f.server_name,
            f.method,
            f.target,
            f.upstream_uri.replace("{peer}", peer_addr),
            f.host
        ) + extra
    };
    let (status, content_type, body, mut headers) = match up {
        Upstream::Answer(resp) => {
            let upstream = resp.header_list(now);
            let special = |k: &str| {
                matches!(
                    k.to_ascii_lowercase().as_str(),
                    "server"
                        | "date"
                        | "connection"
                        | "keep-alive"
                        | "transfer-encoding"
                        | "content-type"
                        | "content-length"
                        | "last-modified"
                        | "location"
                )
            };
            let find = |name: &str| upstream.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
            let mut h = vec![("Server".to_string(), f.server.clone()), ("Date".to_string(), crate::time::http_date(now))];
            if let Some(t) = find("Content-Type") {
                h.push(("Content-Type".into(), t));
            }
            match find("Content-Length") {
                Some(n) => h.push(("Content-Length".into(), n)),
                None if resp.status != 304 && resp.status != 204 => h.push(("Transfer-Encoding".into(), "chunked".into())),
                None => {}
            }
            for name in ["Last-Modified", "Location"] {
                if let Some(v) = find(name) {
                    h.push((name.into(), v));
                }
            }
            h.push(("Connection".to_string(), "keep-alive".to_string()));
            h.extend(upstream.iter().filter(|(k, _)| !special(k)).cloned());
            (resp.status, resp.content_type, resp.body, h)
        }
        Upstream::Cgi { status, headers: cgi, body, stderr } => {
            for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
                log.push(error_line(
                    now,
                    "error",
                    f.conn,
                    &format!("FastCGI sent in stderr: \"{line}\" while reading response header from upstream"),
                    &context(""),
                ));
            }
            let find = |name: &str| cgi.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
            let t = find("Content-Type").unwrap_or_else(|| "text/html; charset=UTF-8".into());
            let mut h = vec![("Server".to_string(), f.server.clone()), ("Date".to_string(), crate::time::http_date(now))];
            h.push(("Content-Type".into(), t.clone()));
            if let Some(n) = find("Content-Length") {
                h.push(("Content-Length".into(), n));
            } else if status != 304 && status != 204 {
                h.push(("Transfer-Encoding".into(), "chunked".into()));
            }
            if let Some(l) = find("Location") {
                h.push(("Location".into(), l));
            }
            h.push(("Connection".to_string(), "keep-alive".to_string()));
            h.extend(
                cgi.iter()
                    .filter(|(k, _)| !matches!(k.to_ascii_lowercase().as_str(), "content-type" | "content-length" | "location" | "status"))
                    .cloned(),
            );
            (status, static_type(&t), body, h)
        }
        Upstream::Refused(ref addr) | Upstream::Unreachable(ref addr) => {
            let uri = f.upstream_uri.replace("{peer}", addr);
            let what = if matches!(up, Upstream::Refused(_)) {
                "connect() failed (111: Connection refused) while connecting to upstream"
            } else {
                "connect() failed (113: Host is unreachable) while connecting to upstream"
            };
            log.push(error_line(
                now,
                "error",
                f.conn,
                what,
                &format!(
                    ", client: {}, server: {}, request: \"{} {} HTTP/1.1\", upstream: \"{uri}\", host: \"{}\"",
                    f.client, f.server_name, f.method, f.target, f.host
                ),
            ));
            bad_gateway(f, now)
        }
        Upstream::Unresolved => bad_gateway(f, now),
    };
    let ok = matches!(status, 200 | 201 | 204 | 206 | 301 | 302 | 303 | 304 | 307 | 308);
    if ok {
        headers.extend(f.add.iter().cloned());
    }
    let sent = if f.method == "HEAD" { 0 } else { body.len() };
    log.push(access_line(&f.client, now, &f.method, &f.target, status, sent, Some(&f.agent)));
    HttpResponse { headers, status, reason: reason(status), content_type, body, server: f.server.clone(), log: Some(log.join("\n")) }
}

/// nginx's own 502 page (status, type, body, headers).
fn bad_gateway(f: &Finish, now: i64) -> (u16, &'static str, String, super::http::Headers) {
    let body = error_page(502, &f.server);
    let h = Nginx { server: &f.server, now, status: 502, content_type: "text/html", length: Some(body.len()), file: None, location: None }
        .headers();
    (502, "text/html", body, h)
}

/// nginx's reason phrases.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Moved Temporarily",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Not Allowed",
        408 => "Request Time-out",
        410 => "Gone",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "",
    }
}

/// nginx's built-in error page for `status`.
pub fn error_page(status: u16, server: &str) -> String {
    let title = format!("{status} {}", reason(status));
    format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>{server}</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// A content type as one of the fixed strings a response carries.
fn static_type(t: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "text/html",
        "text/plain",
        "text/css",
        "text/xml",
        "text/javascript",
        "text/markdown",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/svg+xml",
        "image/webp",
        "image/x-icon",
        "image/avif",
        "application/javascript",
        "application/json",
        "application/pdf",
        "application/zip",
        "application/wasm",
        "application/xml",
        "application/octet-stream",
        "application/manifest+json",
        "font/woff",
        "font/woff2",
        "video/mp4",
        "text/html; charset=UTF-8",
        "text/html; charset=utf-8",
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        "text/plain; charset=UTF-8",
        "text/plain; charset=utf-8",
    ];
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(t)).copied().unwrap_or(if t.is_empty() { "" } else { "application/octet-stream" })
}

/// The stock `mime.types`' type for a file name (`default_type application/octet-stream`).
pub fn mime_type(file: &str) -> &'static str {
    let name = file.rsplit('/').next().unwrap_or(file);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "shtml" => "text/html",
        "css" => "text/css",
        "xml" => "text/xml",
        "gif" => "image/gif",
        "jpeg" | "jpg" => "image/jpeg",
        "js" => "application/javascript",
        "txt" => "text/plain",
        "png" => "image/png",
        "svg" | "svgz" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests;
