//! Long-running main processes (web servers, pingers): what they log over
//! time and how they answer HTTP requests on their ports.

use super::Stream;
use crate::time::rfc3339;
use crate::vfs::Fs;
use serde::Serialize;

/// A running server inside a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Service {
    /// nginx with the configuration it read when it started (`nginx -s
    /// reload` reads it again); `served` numbers its connections.
    Nginx {
        version: String,
        conf: crate::apps::nginx_conf::Config,
        #[serde(skip)]
        served: u64,
    },
    /// php-fpm (the php images' `-fpm` variants): FastCGI on `port`, PHP's
    /// version and the container's environment (`clear_env = no`).
    /// `ini` is the configuration it read at start.
    PhpFpm { port: u16, version: String, env: std::collections::BTreeMap<String, String>, ini: crate::apps::php::ini::Ini },
    /// A Flask app: its views, run again for each request (`crate::apps::flask`);
    /// `loopback` when bound to 127.0.0.1 only.
    Flask {
        port: u16,
        app: crate::apps::flask::FlaskApp,
        loopback: bool,
        env: std::collections::BTreeMap<String, String>,
        hostname: String,
    },
    /// A Node HTTP server answering every path with `body`.
    NodeHttp { port: u16, body: String },
    /// A Go web framework's server (echo) a simulated toolchain built:
    /// routes (path, content type, body) with fixed answers.
    GoWeb { port: u16, routes: Vec<(String, String, String)>, logger: bool },
    /// A Spring Boot web app (`container/spring.rs`): routes (path, content
    /// type, body); `dispatcher_ready` once the first request initialized
    /// the DispatcherServlet.
    Spring { port: u16, routes: Vec<(String, String, String)>, dispatcher_ready: bool },
    /// An ASP.NET Core app on Kestrel (`container/aspnet.rs`): routes (path,
    /// content type, body) and the files under `web_root`; `loopback` when
    /// bound to localhost only.
    Kestrel { port: u16, routes: Vec<(String, String, String)>, loopback: bool, web_root: String },
    /// A Rocket app (`container/rocket.rs`): its address, port and routes.
    Rocket(super::rocket::Rocket),
    /// Apache httpd (`container/httpd.rs`): its port, document root and version.
    Httpd(super::httpd::Httpd),
    /// A Node program serving HTTP (express or http.createServer): each
    /// request runs the program again and calls its handler (`crate::apps`).
    /// `served` counts the requests answered (it seeds the app's uuids).
    NodeApp {
        port: u16,
        entry: String,
        cwd: String,
        env: std::collections::BTreeMap<String, String>,
        hostname: String,
        #[serde(skip)]
        served: u64,
        /// nodemon's watch, when nodemon runs the app.
        #[serde(skip)]
        watch: Option<Watch>,
        /// How node treats TypeScript (ts-node, tsx, type stripping).
        #[serde(default)]
        mode: crate::apps::NodeMode,
        /// PID 1 is node and the program handles SIGTERM: `docker stop` ends it at once.
        #[serde(skip)]
        stops_on_term: bool,
    },
    /// A Python web app (Flask): each request runs the program again and
    /// calls its view (`crate::apps::python_request`); `module` is the
    /// import name under `flask run`/gunicorn (None: `python app.py`).
    PyApp {
        port: u16,
        entry: String,
        module: Option<String>,
        cwd: String,
        env: std::collections::BTreeMap<String, String>,
        hostname: String,
        loopback: bool,
        /// What serves it: Werkzeug, uvicorn, or Django's runserver.
        server: PyServer,
    },
    /// diamol's web-ping: a request to `target` every `interval_ms`.
    WebPing { target: String, method: String, interval_ms: u64 },
    /// A `registry:2` (distribution) server; its storage is the daemon's
    /// (`image::registry`), so the CLI answers its HTTP API.
    Registry { port: u16 },
    /// A demo server answering a template from the image's data
    /// (`http_body`: traefik/whoami, hashicorp/http-echo, hello-app);
    /// `published` maps container ports to host ports for `{host}`.
    Canned {
        ports: Vec<u16>,
        published: Vec<(u16, u16)>,
        body: String,
        content_type: String,
        server: String,
        access_log: String,
        /// SIGTERM's exit code and log, if it handles SIGTERM ([`Service::on_sigterm`]).
        term: Option<(i32, String)>,
    },
    /// A front-end dev or static server (`container/devserver.rs`): Vite,
    /// `vite preview`, `react-scripts start`, `serve`.
    Dev(super::devserver::DevServer),
    /// Runs without listening (e.g. `sleep infinity`).
    Idle,
}

/// What nodemon watches: the command it shows, the extensions, and the
/// watched files' signature when the app last started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Watch {
    pub command: String,
    pub exts: Vec<String>,
    pub sig: String,
    /// The app crashed at its last restart: nothing listens until a change.
    pub down: bool,
}

/// The watched files under `dir` (nodemon skips node_modules and dot
/// directories) as one signature of their paths, sizes and times.
pub fn watch_signature(fs: &Fs, dir: &str, exts: &[String]) -> String {
    fn visit(node: &crate::vfs::Node, path: &str, exts: &[String], out: &mut String, budget: &mut usize) {
        let crate::vfs::Node::Dir { entries, .. } = node else { return };
        for (name, child) in entries {
            if *budget == 0 {
                return;
            }
            *budget -= 1;
            let p = format!("{path}/{name}");
            let watched = |n: &str| n.rsplit_once('.').is_some_and(|(_, e)| exts.iter().any(|x| x == e));
            match child {
                crate::vfs::Node::Dir { .. } if name != "node_modules" && !name.starts_with('.') => visit(child, &p, exts, out, budget),
                crate::vfs::Node::File { meta, content } if watched(name) => {
                    out.push_str(&format!("{p}\t{}\t{}\n", content.len(), meta.mtime));
                }
                _ => {}
            }
        }
    }
    let mut listing = String::new();
    if let Ok(node) = fs.get(dir) {
        visit(node, dir.trim_end_matches('/'), exts, &mut listing, &mut 20_000);
    }
    crate::digest::sha256_hex(listing.as_bytes())
}

/// An HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: &'static str,
    pub content_type: &'static str,
    pub body: String,
    pub server: String,
    /// The access-log line the server writes for this request.
    pub log: Option<String>,
    /// The headers in the server's order (empty: the model names only
    /// Server, Date, Content-Type and Content-Length; see [`HttpResponse::header_list`]).
    pub headers: super::http::Headers,
}

impl HttpResponse {
    /// The headers the server sends: its own list, or Server, Date,
    /// Content-Type and Content-Length for a model that sets none.
    pub fn header_list(&self, now: i64) -> super::http::Headers {
        if !self.headers.is_empty() {
            return self.headers.clone();
        }
        let mut h = Vec::new();
        if !self.server.is_empty() {
            h.push(("Server".to_string(), self.server.clone()));
        }
        h.push(("Date".to_string(), crate::time::http_date(now)));
        if !self.content_type.is_empty() {
            h.push(("Content-Type".to_string(), self.content_type.to_string()));
        }
        h.push(("Content-Length".to_string(), self.body.len().to_string()));
        h
    }

    /// The value of header `name` as sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Service {
    /// The container ports this service listens on.
    pub fn ports(&self) -> Vec<u16> {
        match self {
            Service::Nginx { conf, .. } => conf.ports(),
            Service::PhpFpm { port, .. } => vec![*port],
            Service::Flask { port, .. }
            | Service::NodeHttp { port, .. }
            | Service::GoWeb { port, .. }
            | Service::Spring { port, .. }
            | Service::Kestrel { port, .. }
            | Service::NodeApp { port, .. }
            | Service::PyApp { port, .. }
            | Service::Registry { port } => {
                vec![*port]
            }
            Service::Canned { ports, .. } => ports.clone(),
            Service::Rocket(r) => vec![r.port],
            Service::Httpd(h) => vec![h.port],
            Service::Dev(d) => vec![d.port],
            _ => Vec::new(),
        }
    }

    /// What the server logs when its first request arrives (Spring's
    /// DispatcherServlet starting); empty afterwards.
    pub fn first_request_log(&mut self, now: i64) -> Vec<String> {
        match self {
            Service::Spring { port, dispatcher_ready, .. } if !*dispatcher_ready => {
                *dispatcher_ready = true;
                super::spring::dispatcher_log(now, *port)
            }
            _ => Vec::new(),
        }
    }

    /// Log lines written between `started` and `now` by periodic work.
    /// Each line comes with its time in nanoseconds.
    pub fn periodic_logs(&self, started: i64, now: i64) -> Vec<(i64, Stream, String)> {
        let Service::WebPing { target, interval_ms, .. } = self else { return Vec::new() };
        let interval = (*interval_ms).max(1);
        let elapsed_ms = ((now - started).max(0) as u64) * 1000;
        let count = (elapsed_ms / interval).min(500);
        let status = if target == "google.com" { 301 } else { 200 };
        let mut out = Vec::new();
        for i in 1..=count {
            let at = started as u64 * 1000 + i * interval;
            let duration = 80 + (i * 37) % 120;
            let ns = |ms: u64| ms as i64 * 1_000_000;
            out.push((ns(at), Stream::Stdout, format!("Making request number: {i}; at {at}")));
            out.push((
                ns(at + duration),
                Stream::Stdout,
                format!("Got response status: {status} at {}; duration: {duration}ms", at + duration),
            ));
        }
        out
    }

    /// The stream a line of a request's log goes to: Flask logs on stderr;
    /// Apache's error log (PHP's messages) is the container's stderr too.
    pub fn log_stream(&self, line: &str) -> Stream {
        match self {
            Service::Flask { .. } => Stream::Stderr,
            Service::Httpd(_) if line.starts_with('[') || line.starts_with("dockersim:") => Stream::Stderr,
            // nginx's error log (`2026/01/01 00:00:05 [error] …`) is its stderr.
            Service::Nginx { .. } if line.as_bytes().get(4) == Some(&b'/') || line.starts_with("dockersim:") => Stream::Stderr,
            Service::PhpFpm { .. } => Stream::Stderr,
            // Vite's logger.error (a refused file).
            Service::Dev(_) if line.starts_with("The request url") => Stream::Stderr,
            _ => Stream::Stdout,
        }
    }

    /// Answers `GET path` on container port `port`; `None` when nothing
    /// listens there (the connection is reset). `from_host` is false for a
    /// request made inside the container itself.
    pub fn respond(&self, port: u16, path: &str, fs: &Fs, now: i64, from_host: bool) -> Option<HttpResponse> {
        self.respond_to(port, &super::http::Request::get(path), fs, now, from_host)
    }

    /// Answers `req` on container port `port` (see [`Service::respond`]).
    pub fn respond_to(&self, port: u16, req: &super::http::Request, fs: &Fs, now: i64, from_host: bool) -> Option<HttpResponse> {
        if !self.ports().contains(&port) {
            return None;
        }
        let path = req.target;
        let client = if from_host { "172.17.0.1" } else { "127.0.0.1" };
        match self {
            Service::Nginx { version, conf, served } => {
                match super::nginx::respond(version, conf, port, req, fs, now, client, served + 1) {
                    super::nginx::Route::Done(r, _) => Some(r),
                    // Passing a request on needs the network: `cli::network` does it.
                    super::nginx::Route::Onward(_) => None,
                }
            }
            // FastCGI is not HTTP: the connection is reset.
            Service::PhpFpm { .. } => None,
            Service::Flask { app, loopback, env, hostname, .. } => {
                if *loopback && from_host {
                    return None;
                }
                // Flask answers HEAD as GET (Werkzeug drops the body).
                let method = if req.is_head() { "GET" } else { req.method };
                let a = crate::apps::flask::respond(app, &crate::apps::flask::Ctx { env, hostname }, method, path);
                let mut log = format!("{client} - - [{}] \"{} {path} HTTP/1.1\" {} -", clf_time(now, false), req.method, a.status);
                if let Some(notice) = &a.notice {
                    log = format!("{notice}\n{log}");
                }
                let server = format!("Werkzeug/3.0.6 Python/{}", env.get("PYTHON_VERSION").map_or("3.8.20", String::as_str));
                let app_headers = vec![
                    ("Content-Type".to_string(), a.content_type.to_string()),
                    ("Content-Length".to_string(), a.body.len().to_string()),
                ];
                Some(HttpResponse {
                    headers: super::http::werkzeug(&server, now, &app_headers),
                    status: a.status,
                    reason: crate::apps::js_lib::reason(a.status),
                    content_type: a.content_type,
                    body: a.body,
                    server,
                    log: Some(log),
                })
            }
            Service::NodeApp { entry, cwd, env, hostname, mode, .. } => {
                let method = if req.is_head() { "GET" } else { req.method };
                Some(node_answer(crate::apps::node_request(fs, entry, env, cwd, hostname, method, path, *mode), now, req.is_head()))
            }
            Service::PyApp { .. } => self.py_respond(fs, now, from_host, req, None, None),
            Service::Spring { routes, .. } => Some(super::spring::respond(routes, req, now)),
            Service::Kestrel { loopback: true, .. } if from_host => None,
            Service::Kestrel { routes, web_root, .. } => Some(super::aspnet::respond(routes, web_root, fs, req, now)),
            Service::Rocket(r) => r.reachable(from_host).then(|| r.respond_to(req, now)),
            Service::Httpd(h) => Some(h.respond(fs, req, now, client)),
            Service::Dev(d) => d.respond(fs, req, now, from_host, client),
            Service::GoWeb { routes, logger, port } => {
                let target = path.split('?').next().unwrap_or(path);
                let found = routes.iter().find(|(p, _, _)| p == target);
                let (status, reason, content_type, body) = match found {
                    // echo routes only the methods registered (e.GET): HEAD and the others get 405.
                    Some(_) if req.method != "GET" => {
                        (405, "Method Not Allowed", "application/json".to_string(), "{\"message\":\"Method Not Allowed\"}\n".to_string())
                    }
                    Some((_, ty, body)) => (200, "OK", ty.clone(), body.clone()),
                    None => (404, "Not Found", "application/json".to_string(), "{\"message\":\"Not Found\"}\n".to_string()),
                };
                let log = logger.then(|| echo_log(now, client, *port, req, status, body.len()));
                let mut set = vec![("Content-Type".to_string(), content_type.clone())];
                if status == 405 {
                    set.push(("Allow".to_string(), "OPTIONS, GET".to_string()));
                }
                let headers = super::http::go(now, &set, body.len(), None);
                Some(HttpResponse { headers, status, reason, content_type: static_type(&content_type), body, server: String::new(), log })
            }
            Service::Canned { published, body, content_type, server, access_log, .. } => {
                let hostname = fs.read("/etc/hostname").map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
                let ip = container_ip(fs);
                let host = match published.iter().find(|(c, _)| *c == port) {
                    Some((_, h)) if from_host => format!("localhost:{h}"),
                    _ if from_host => format!("localhost:{port}"),
                    _ => format!("{ip}:{port}"),
                };
                // The client's ephemeral port: any number the kernel could pick, fixed per instant.
                let remote = format!("{client}:{}", 32768 + (now.rem_euclid(28000)) as u16);
                let fill = |t: &str| {
                    t.replace("{hostname}", &hostname)
                        .replace("{ip}", &ip)
                        .replace("{remote}", &remote)
                        .replace("{host}", &host)
                        .replace("{path}", path)
                        .replace("{logdate}", &go_log_time(now))
                        .replace("{clf}", &clf_time(now, true))
                };
                let body = fill(body);
                let log = (!access_log.is_empty()).then(|| fill(access_log).replace("{length}", &body.len().to_string()));
                // The demo servers are Go programs (net/http): Date, Content-Length, then the sniffed type.
                let headers = if server.is_empty() { super::http::go(now, &[], body.len(), Some(content_type)) } else { Vec::new() };
                Some(HttpResponse {
                    headers,
                    status: 200,
                    reason: "OK",
                    content_type: static_type(content_type),
                    body,
                    server: server.clone(),
                    log,
                })
            }
            Service::NodeHttp { body, .. } => Some(HttpResponse {
                headers: Vec::new(),
                status: 200,
                reason: "OK",
                content_type: "text/html; charset=utf-8",
                body: body.clone(),
                server: String::new(),
                log: None,
            }),
            _ => None,
        }
    }
}

/// How a Node app took a request: its answer, or (restarted by nodemon
/// into a crash) nothing listens any more.
pub enum NodeAnswer {
    Answered(HttpResponse),
    Down,
}

/// One request to a Node app: method, target, body and its Content-Type.
pub struct NodeCall<'r> {
    pub method: &'r str,
    /// The client asked HEAD (the app hears GET).
    pub head: bool,
    pub path: &'r str,
    pub body: &'r str,
    pub content_type: &'r str,
}

impl Service {
    /// A Node app's answer to `call` on `port` (None: it does not listen
    /// there), with the files the app wrote (its database) to apply to the
    /// container; `net` reaches other containers (mysql2).
    pub fn node_respond<'a>(
        &mut self,
        port: u16,
        call: &NodeCall,
        fs: &'a Fs,
        now: i64,
        net: Option<&'a mut dyn crate::apps::PyNet>,
    ) -> Option<(NodeAnswer, crate::apps::Written, String)> {
        let Service::NodeApp { port: p, entry, cwd, env, hostname, served, watch, mode, .. } = self else { return None };
        if *p != port {
            return None;
        }
        *served += 1;
        // nodemon restarted the app if a watched file changed since it started.
        let mut restarted = None;
        if let Some(w) = watch.as_mut() {
            let sig = watch_signature(fs, cwd, &w.exts);
            if sig != w.sig {
                w.sig = sig;
                restarted = Some(w.command.clone());
            } else if w.down {
                return Some((NodeAnswer::Down, Default::default(), String::new()));
            }
        }
        let req = crate::apps::NodeReq { method: call.method, target: call.path, body: call.body, content_type: call.content_type };
        let nenv = crate::apps::NodeEnv { net, now, seed: format!("{hostname}/{now}/{served}"), mode: *mode };
        let r = crate::apps::node_serve(fs, entry, env, cwd, hostname, &req, nenv);
        let mut printed = r.printed;
        if let Some(command) = restarted {
            let mut log = format!("[nodemon] restarting due to changes...\n[nodemon] starting `{command}`\n{}", r.startup);
            let up = r.started;
            if let Some(w) = watch.as_mut() {
                w.down = !up;
            }
            if !up {
                log.push_str("[nodemon] app crashed - waiting for file changes before starting...\n");
                return Some((NodeAnswer::Down, r.written, log));
            }
            printed = format!("{log}{printed}");
        }
        let resp = node_answer(r.response, now, call.head);
        Some((NodeAnswer::Answered(resp), r.written, printed))
    }

    /// How the process ends on SIGTERM at `now`: its exit code and the
    /// lines it logs (and where); `None` when it ignores SIGTERM (docker stop
    /// then kills it after 10 s). Only the data-described demo servers say.
    pub fn on_sigterm(&self, now: i64) -> Option<(i32, Vec<(Stream, String)>)> {
        if let Service::Httpd(h) = self {
            return Some((0, h.stop_log(now)));
        }
        if let Service::PhpFpm { .. } = self {
            // The image stops it with SIGQUIT (STOPSIGNAL): a graceful finish.
            let t = super::php_fpm::fpm_time(now);
            return Some((
                0,
                vec![
                    (Stream::Stderr, format!("[{t}] NOTICE: Finishing ...")),
                    (Stream::Stderr, format!("[{t}] NOTICE: exiting, bye-bye!")),
                ],
            ));
        }
        if let Service::Kestrel { .. } = self {
            // The console logger writes to stdout.
            return Some((0, super::aspnet::shutdown_log().into_iter().map(|l| (Stream::Stdout, l)).collect()));
        }
        let Service::Canned { term: Some((code, log)), .. } = self else { return None };
        Some((*code, log.lines().map(|l| (Stream::Stderr, l.replace("{logdate}", &go_log_time(now)))).collect()))
    }

    /// A Python app's answer to `req`, with its access-log line (and
    /// what the view printed); `host_header` is the address the client
    /// asked for, `net` reaches other containers.
    pub fn py_respond<'a>(
        &self,
        fs: &'a Fs,
        now: i64,
        from_host: bool,
        req: &super::http::Request,
        host_header: Option<&str>,
        net: Option<&'a mut dyn crate::apps::PyNet>,
    ) -> Option<HttpResponse> {
        let Service::PyApp { entry, module, cwd, env, hostname, loopback, server, port } = self else { return None };
        if *loopback && from_host {
            return None;
        }
        let path = req.target;
        let method = req.method;
        let penv =
            crate::apps::PyEnv { fs, env: env.clone(), cwd: cwd.clone(), hostname: hostname.clone(), now, stdin: String::new(), net };
        let client = if from_host { "172.17.0.1" } else { "127.0.0.1" };
        let version = env.get("PYTHON_VERSION").cloned().unwrap_or_else(|| "3.12.8".into());
        if let PyServer::Django(settings) = server {
            // The Host header: the browser's or curl's on the host, else the container's address.
            let host = match host_header {
                Some(h) => h.to_string(),
                None if from_host => format!("localhost:{port}"),
                None => format!("{}:{port}", container_ip(fs)),
            };
            let a = crate::apps::django_request(penv, entry, settings, method, path, &host);
            let sent = if req.is_head() { 0 } else { a.body.len() };
            let log = format!("{}[{}] \"{method} {path} HTTP/1.1\" {} {sent}", a.log, django_log_time(now), a.status);
            let server = format!("WSGIServer/0.2 CPython/{version}");
            let mut app_headers = a.headers.clone();
            if app_headers.is_empty() {
                app_headers.push(("Content-Type".to_string(), a.content_type.clone()));
                app_headers.push(("Content-Length".to_string(), a.body.len().to_string()));
            }
            return Some(HttpResponse {
                headers: super::http::wsgiref(&server, now, &app_headers),
                status: a.status,
                reason: crate::apps::js_lib::reason(a.status),
                content_type: static_type(&a.content_type),
                body: a.body,
                server,
                log: Some(log),
            });
        }
        if *server == PyServer::Uvicorn {
            // FastAPI routes only the methods declared: HEAD on a GET route is 405.
            let (ans, printed) = crate::apps::python_request(penv, entry, module.as_deref(), method, path, "");
            // uvicorn's access log: the client's address with an ephemeral port.
            let reason = crate::apps::js_lib::reason(ans.status);
            let log = format!(
                "{printed}INFO:     {client}:{} - \"{method} {path} HTTP/1.1\" {} {reason}",
                40000 + now.rem_euclid(20000),
                ans.status
            );
            let mut app_headers = ans.headers.clone();
            app_headers.push(("content-length".to_string(), ans.body.len().to_string()));
            app_headers.push(("content-type".to_string(), ans.content_type.clone()));
            return Some(HttpResponse {
                headers: super::http::uvicorn(now, &app_headers),
                status: ans.status,
                reason,
                content_type: static_type(&ans.content_type),
                body: ans.body,
                server: "uvicorn".into(),
                log: Some(log),
            });
        }
        // Flask answers HEAD as GET; Werkzeug sends the headers only.
        let call = if req.is_head() { "GET" } else { method };
        let (ans, printed) = crate::apps::python_request(penv, entry, module.as_deref(), call, path, "");
        let log = format!("{printed}{client} - - [{}] \"{method} {path} HTTP/1.1\" {} -", clf_time(now, false), ans.status);
        let server = format!("Werkzeug/3.0.6 Python/{version}");
        let mut app_headers =
            vec![("Content-Type".to_string(), ans.content_type.clone()), ("Content-Length".to_string(), ans.body.len().to_string())];
        app_headers.extend(ans.headers.iter().cloned());
        Some(HttpResponse {
            headers: super::http::werkzeug(&server, now, &app_headers),
            status: ans.status,
            reason: crate::apps::js_lib::reason(ans.status),
            content_type: static_type(&ans.content_type),
            body: ans.body,
            server,
            log: Some(log),
        })
    }
}

/// A Node app's answer with the headers Express or Node's `http` module send.
fn node_answer(r: Result<crate::apps::js_lib::Response, String>, now: i64, head: bool) -> HttpResponse {
    use crate::apps::js_lib::Answerer;
    let r = r.unwrap_or_else(|e| crate::apps::js_lib::Response {
        status: 500,
        content_type: "text/html; charset=utf-8".into(),
        body: format!("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>{e}</pre>\n</body>\n</html>\n"),
        headers: Vec::new(),
        kind: Answerer::ExpressFinal,
        file: None,
    });
    let content_type = static_type(&r.content_type);
    let mut set: Vec<(String, String)> = Vec::new();
    let express = !matches!(r.kind, Answerer::Node | Answerer::NodeChunked);
    if express {
        set.push(("X-Powered-By".into(), "Express".into()));
    }
    match (r.kind, r.file) {
        (Answerer::ExpressFinal, _) => {
            set.push(("Content-Security-Policy".into(), "default-src 'none'".into()));
            set.push(("X-Content-Type-Options".into(), "nosniff".into()));
        }
        (Answerer::Express, Some((mtime, size))) => {
            set.push(("Accept-Ranges".into(), "bytes".into()));
            set.push(("Cache-Control".into(), "public, max-age=0".into()));
            set.push(("Last-Modified".into(), crate::time::http_date(mtime)));
            set.push(("ETag".into(), super::http::express_static_etag(mtime, size)));
        }
        _ => {}
    }
    set.extend(r.headers.iter().cloned());
    if !r.content_type.is_empty() {
        set.push(("Content-Type".into(), r.content_type.clone()));
    }
    let length = match r.kind {
        Answerer::NodeChunked => None,
        Answerer::Node => Some(r.body.len()),
        _ => {
            set.push(("Content-Length".into(), r.body.len().to_string()));
            None
        }
    };
    if r.kind == Answerer::Express && r.file.is_none() && !matches!(r.status, 204 | 304) {
        set.push(("ETag".into(), super::http::express_etag(&r.body)));
    }
    let headers = super::http::node(now, &set, length, head);
    HttpResponse {
        headers,
        status: r.status,
        reason: crate::apps::js_lib::reason(r.status),
        content_type,
        body: r.body,
        server: String::new(),
        log: None,
    }
}

/// Django's access-log time: `05/Dec/2026 18:07:10`.
fn django_log_time(now: i64) -> String {
    let (y, m, d, hh, mm, ss) = crate::time::civil(now);
    format!("{d:02}/{}/{y} {hh:02}:{mm:02}:{ss:02}", crate::time::month_abbr(m))
}

/// The server in front of a Python web app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PyServer {
    /// Flask's development server.
    Werkzeug,
    /// An ASGI app (FastAPI) under uvicorn.
    Uvicorn,
    /// `manage.py runserver` with this settings module.
    Django(String),
}

/// A content type as one of the fixed strings the response carries.
fn static_type(t: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "text/html; charset=utf-8",
        "text/html; charset=UTF-8",
        "text/plain; charset=utf-8",
        "text/plain; charset=UTF-8",
        "text/plain",
        "text/css; charset=UTF-8",
        "text/css",
        "text/javascript",
        "image/vnd.microsoft.icon",
        "image/gif",
        "image/webp",
        "application/xml",
        "application/javascript; charset=UTF-8",
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        "application/json",
        "image/png",
        "image/jpeg",
        "image/svg+xml",
        "image/x-icon",
        "application/octet-stream",
    ];
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(t)).copied().unwrap_or(if t.is_empty() { "" } else { "text/html; charset=utf-8" })
}

/// The container's address on its first network, as its `/etc/hosts` maps its hostname.
pub fn container_ip(fs: &Fs) -> String {
    let hostname = fs.read("/etc/hostname").map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
    let hosts = fs.read("/etc/hosts").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    hosts
        .lines()
        .rev()
        .find(|l| !hostname.is_empty() && l.split_whitespace().skip(1).any(|w| w == hostname))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("172.17.0.2")
        .to_string()
}

/// Go's `log` package time prefix: `2026/01/01 00:00:05`.
pub fn go_log_time(secs: i64) -> String {
    let t = rfc3339(secs);
    let (date, time) = t.trim_end_matches('Z').split_once('T').unwrap_or((&t, ""));
    format!("{} {}", date.replace('-', "/"), time.split('.').next().unwrap_or(time))
}

/// Common Log Format time: `01/Jan/2026:00:00:05 +0000` (nginx) or
/// `01/Jan/2026 00:00:05` (werkzeug).
pub fn clf_time(secs: i64, nginx: bool) -> String {
    let t = rfc3339(secs);
    let (date, time) = t.trim_end_matches('Z').split_once('T').unwrap_or((&t, ""));
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next().unwrap_or(""), parts.next().unwrap_or("1"), parts.next().unwrap_or(""));
    let month = crate::time::month_abbr(m.parse().unwrap_or(1));
    if nginx {
        format!("{d}/{month}/{y}:{time} +0000")
    } else {
        format!("{d}/{month}/{y} {time}")
    }
}

/// echo's `middleware.Logger()` line for one request (JSON, RFC 3339 time
/// with nanoseconds, a latency of some tens of microseconds).
fn echo_log(now: i64, client: &str, port: u16, req: &super::http::Request, status: u16, bytes_out: usize) -> String {
    let (uri, method) = (req.target, req.method);
    let seed = (now.rem_euclid(1_000_003) as u64) * 7919 + uri.len() as u64 * 104_729 + bytes_out as u64;
    let nanos = (seed * 2_654_435_761) % 1_000_000_000;
    let base = crate::time::rfc3339(now);
    let frac = format!("{nanos:09}");
    let frac = frac.trim_end_matches('0');
    let time = if frac.is_empty() { base } else { format!("{}.{frac}Z", base.trim_end_matches('Z')) };
    let latency = 20_000 + seed % 60_000;
    let micros = format!("{}", latency as f64 / 1000.0);
    let error = match status {
        404 => "code=404, message=Not Found",
        405 => "code=405, message=Method Not Allowed",
        _ => "",
    };
    format!(
        "{{\"time\":\"{time}\",\"id\":\"\",\"remote_ip\":\"{client}\",\"host\":\"localhost:{port}\",\"method\":\"{method}\",\"uri\":\"{uri}\",\"user_agent\":\"curl/8.5.0\",\"status\":{status},\"error\":\"{error}\",\"latency\":{latency},\"latency_human\":\"{micros}µs\",\"bytes_in\":0,\"bytes_out\":{bytes_out}}}"
    )
}
