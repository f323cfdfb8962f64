//! Front-end servers as a container's main process: Vite's dev server and
//! `vite preview`, Create React App's `react-scripts start`
//! (webpack-dev-server) and `serve`. Each logs what the real one logs when
//! it is ready and answers from the container's files as they are at the
//! request: the project's `index.html` with the dev client's tags, source
//! and public files, the built output, and the page itself for any other
//! route a single-page app owns. Vite binds to localhost unless `--host`
//! (or `server.host`) says otherwise, so a published port reaches nothing —
//! the lesson every Vite-in-Docker tutorial teaches.

use super::process::Outcome;
use super::service::{container_ip, HttpResponse, Service};
use super::{Container, Stream};
use crate::apps::bundle::ViteConfig;
use crate::vfs::{Fs, Node};
use serde::Serialize;

/// Which server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Vite,
    VitePreview,
    Cra,
    Serve,
}

/// A running front-end server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DevServer {
    pub kind: Kind,
    pub port: u16,
    /// The project directory.
    pub project: String,
    /// What it serves files from: the project (Vite), `public/` (CRA), the
    /// output directory (preview, serve).
    pub root: String,
    /// Bound to localhost only.
    pub loopback: bool,
    /// Unknown routes get the page (`serve -s`; always for the dev servers).
    pub spa: bool,
    /// Vite with `@vitejs/plugin-react`: the page gets React Refresh's preamble.
    pub react: bool,
    pub base: String,
}

fn read_text(fs: &Fs, path: &str) -> Option<String> {
    fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn log(c: &mut Container, stream: Stream, text: &str) {
    for line in text.lines() {
        c.logs.push((stream, line.to_string()));
    }
}

fn env_of(c: &Container, key: &str) -> Option<String> {
    c.config.env.iter().rev().find_map(|e| e.strip_prefix(key).and_then(|r| r.strip_prefix('=')).map(str::to_string))
}

/// Starts `name` (vite, react-scripts, serve: the npm packages' commands at
/// `path`) with `args`; `None` when the arguments are not a server's (`vite
/// build` runs as a program) or the file is some other program of that name.
pub fn start(c: &mut Container, path: &str, name: &str, args: &[String]) -> Option<Outcome> {
    let head = c.fs.read(path).ok().map(|b| String::from_utf8_lossy(&b[..b.len().min(64)]).into_owned()).unwrap_or_default();
    if !head.starts_with("#!") || !head.lines().next().is_some_and(|l| l.contains("node")) {
        return None;
    }
    let project = super::process::workdir(c);
    match name {
        "vite" => vite(c, &project, args),
        "react-scripts" if args.first().map(String::as_str) == Some("start") => Some(cra(c, &project)),
        "serve" => Some(serve(c, &project, args)),
        _ => None,
    }
}

fn vite(c: &mut Container, project: &str, args: &[String]) -> Option<Outcome> {
    let sub = args.iter().find(|a| !a.starts_with('-')).map(String::as_str);
    let preview = match sub {
        None | Some("dev" | "serve") => false,
        Some("preview") => true,
        _ => return None,
    };
    let config = ViteConfig::read(&c.fs, project);
    let mut host = if preview { config.preview_host || config.host } else { config.host };
    let mut port = if preview { config.preview_port.unwrap_or(4173) } else { config.port.unwrap_or(5173) };
    let mut it = args.iter().peekable();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--host" => {
                let value = it.next_if(|v| !v.starts_with('-')).cloned();
                host = value.is_none_or(|v| !matches!(v.as_str(), "localhost" | "127.0.0.1"));
            }
            "--port" => port = it.next().and_then(|p| p.parse().ok()).unwrap_or(port),
            a if a.starts_with("--host=") => host = !matches!(&a[7..], "localhost" | "127.0.0.1" | "false"),
            a if a.starts_with("--port=") => port = a[7..].parse().unwrap_or(port),
            _ => {}
        }
    }
    let version = crate::apps::bundle::installed_version(&c.fs, project, "vite").unwrap_or_else(|| "6.0.5".into());
    let out_dir = config.out_dir();
    let root = if preview { format!("{project}/{out_dir}") } else { project.to_string() };
    if preview && !matches!(c.fs.get(&root), Ok(Node::Dir { .. })) {
        log(
            c,
            Stream::Stderr,
            &format!("error when starting preview server:\nError: The directory \"{out_dir}\" does not exist. Did you build your project?"),
        );
        return Some(Outcome::Exited(1));
    }
    let base = config.base.clone().unwrap_or_else(|| "/".into());
    let network = if host { format!("http://{}:{port}{base}", container_ip(&c.fs)) } else { "use --host to expose".into() };
    let ready = if preview { String::new() } else { format!("\n  VITE v{version}  ready in {} ms\n", 240 + project.len() * 3) };
    log(c, Stream::Stdout, &format!("{ready}\n  ➜  Local:   http://localhost:{port}{base}\n  ➜  Network: {network}"));
    let kind = if preview { Kind::VitePreview } else { Kind::Vite };
    Some(Outcome::Serving(Service::Dev(DevServer {
        kind,
        port,
        project: project.to_string(),
        root,
        loopback: !host,
        spa: true,
        react: config.react,
        base,
    })))
}

fn cra(c: &mut Container, project: &str) -> Outcome {
    let public = format!("{project}/public");
    if c.fs.read(&format!("{public}/index.html")).is_err() {
        log(c, Stream::Stderr, &format!("Could not find a required file.\n  Name: index.html\n  Searched in: {public}"));
        return Outcome::Exited(1);
    }
    let port = env_of(c, "PORT").and_then(|p| p.parse().ok()).unwrap_or(3000u16);
    let host = env_of(c, "HOST").unwrap_or_else(|| "0.0.0.0".into());
    let loopback = matches!(host.as_str(), "localhost" | "127.0.0.1");
    let name = read_text(&c.fs, &format!("{project}/package.json"))
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["name"].as_str().map(str::to_string))
        .unwrap_or_else(|| "app".into());
    log(c, Stream::Stderr, "(node:25) [DEP_WEBPACK_DEV_SERVER_ON_AFTER_SETUP_MIDDLEWARE] DeprecationWarning: 'onAfterSetupMiddleware' option is deprecated. Please use the 'setupMiddlewares' option.\n(Use `node --trace-deprecation ...` to show where the warning was created)\n(node:25) [DEP_WEBPACK_DEV_SERVER_ON_BEFORE_SETUP_MIDDLEWARE] DeprecationWarning: 'onBeforeSetupMiddleware' option is deprecated. Please use the 'setupMiddlewares' option.");
    let network = if loopback { String::new() } else { format!("\n  On Your Network:  http://{}:{port}", container_ip(&c.fs)) };
    let local = if loopback { format!("http://{host}:{port}") } else { format!("http://localhost:{port}") };
    log(c, Stream::Stdout, &format!("Starting the development server...\n\nCompiled successfully!\n\nYou can now view {name} in the browser.\n\n  Local:            {local}{network}\n\nNote that the development build is not optimized.\nTo create a production build, use npm run build.\n\nwebpack compiled successfully"));
    Outcome::Serving(Service::Dev(DevServer {
        kind: Kind::Cra,
        port,
        project: project.to_string(),
        root: public,
        loopback,
        spa: true,
        react: true,
        base: "/".into(),
    }))
}

fn serve(c: &mut Container, project: &str, args: &[String]) -> Outcome {
    let (mut dir, mut port, mut spa) = (None::<String>, env_of(c, "PORT").and_then(|p| p.parse().ok()).unwrap_or(3000u16), false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-s" | "--single" => spa = true,
            "-l" | "--listen" | "-p" | "--port" => {
                let v = it.next().cloned().unwrap_or_default();
                // `-l tcp://0.0.0.0:3000`, `-l 3000`.
                port = v.rsplit(':').next().and_then(|p| p.parse().ok()).unwrap_or(port);
            }
            a if !a.starts_with('-') && dir.is_none() => dir = Some(a.to_string()),
            _ => {}
        }
    }
    let root = crate::vfs::join(project, dir.as_deref().unwrap_or("."));
    log(c, Stream::Stdout, &format!(" INFO  Accepting connections at http://localhost:{port}"));
    Outcome::Serving(Service::Dev(DevServer {
        kind: Kind::Serve,
        port,
        project: project.to_string(),
        root,
        loopback: false,
        spa,
        react: false,
        base: "/".into(),
    }))
}

fn file_text(fs: &Fs, path: &str) -> Option<String> {
    match fs.get(path) {
        Ok(Node::File { .. }) => read_text(fs, path),
        _ => None,
    }
}

fn mime(path: &str) -> &'static str {
    let ext = path.rsplit('/').next().unwrap_or(path).rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" => "text/html",
        "js" | "mjs" | "jsx" | "ts" | "tsx" | "vue" => "text/javascript",
        "css" => "text/css",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" => "text/plain",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

impl DevServer {
    /// The page as this server sends it.
    fn page(&self, fs: &Fs) -> Option<String> {
        match self.kind {
            Kind::Vite => {
                let html = file_text(fs, &format!("{}/index.html", self.project))?;
                // Vite prepends its tags to the head, each at the head's indentation.
                let Some(i) = html.find("<head>") else { return Some(html) };
                let at = i + "<head>".len();
                let nl = usize::from(html[at..].starts_with('\n'));
                let indent: String = html[at + nl..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                let mut tags = String::new();
                if self.react {
                    tags.push_str(&format!("{indent}<script type=\"module\">import {{ injectIntoGlobalHook }} from \"/@react-refresh\";\ninjectIntoGlobalHook(window);\nwindow.$RefreshReg$ = () => {{}};\nwindow.$RefreshSig$ = () => (type) => type;</script>\n\n"));
                }
                tags.push_str(&format!("{indent}<script type=\"module\" src=\"/@vite/client\"></script>\n\n"));
                Some(format!("{}{}{}", &html[..at + nl], tags, &html[at + nl..]))
            }
            Kind::Cra => {
                let html = file_text(fs, &format!("{}/index.html", self.root))?.replace("%PUBLIC_URL%", "");
                Some(html.replacen("</head>", "<script defer src=\"/static/js/bundle.js\"></script></head>", 1))
            }
            Kind::VitePreview | Kind::Serve => file_text(fs, &format!("{}/index.html", self.root)),
        }
    }

    /// The file a request path names, if it is one.
    fn file(&self, fs: &Fs, path: &str) -> Option<(String, String)> {
        let rel = path.trim_start_matches('/');
        let rel = rel.strip_prefix(self.base.trim_start_matches('/')).unwrap_or(rel);
        if rel.is_empty() || rel.split('/').any(|s| s == "..") {
            return None;
        }
        let mut candidates = vec![format!("{}/{rel}", self.root)];
        if self.kind == Kind::Vite {
            candidates.push(format!("{}/public/{rel}", self.project));
        }
        if self.kind == Kind::Serve && !rel.contains('.') {
            // serve's clean URLs: /about is about.html.
            candidates.push(format!("{}/{rel}.html", self.root));
        }
        candidates.into_iter().find_map(|p| file_text(fs, &p).map(|t| (p, t)))
    }

    /// The file a Vite dev request names when `server.fs.deny` refuses it.
    fn denied(&self, fs: &Fs, path: &str) -> Option<String> {
        if self.kind != Kind::Vite {
            return None;
        }
        let rel = path.trim_start_matches('/');
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let deny = name == ".env"
            || name.starts_with(".env.")
            || name.ends_with(".crt")
            || name.ends_with(".pem")
            || rel.split('/').any(|s| s == ".git");
        let file = format!("{}/{rel}", self.project);
        (deny && file_text(fs, &file).is_some()).then_some(file)
    }

    /// Answers `req`; `None` when the client cannot reach it (localhost only).
    pub fn respond(&self, fs: &Fs, req: &super::http::Request, now: i64, from_host: bool, client: &str) -> Option<HttpResponse> {
        if self.loopback && from_host {
            return None;
        }
        let path = req.target.split(['?', '#']).next().unwrap_or("/");
        let (status, content_type, body) = if let Some(file) = self.denied(fs, path) {
            // server.fs.deny: `.env`, `.env.*`, `*.{crt,pem}`, `.git/` are never served.
            let msg = format!(
                "The request url \"{file}\" is outside of Vite serving allow list.\n\n- {}\n\nRefer to docs https://vite.dev/config/server-options.html#server-fs-allow for configurations and more details.",
                self.project
            );
            let html = msg.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br/>");
            (403, "text/html", format!("\n    <body>\n      <h1>403 Restricted</h1>\n      <p>{html}</p>\n      <style>\n        body {{\n          padding: 1em 2em;\n        }}\n      </style>\n    </body>\n  "))
        } else if path == "/@vite/client" && self.kind == Kind::Vite {
            (200, "text/javascript", "// dockersim: Vite's client (hot module replacement over a WebSocket) is not simulated\n".to_string())
        } else if path == "/static/js/bundle.js" && self.kind == Kind::Cra {
            (200, "application/javascript", "// dockersim: webpack's development bundle of the app is not simulated\n".to_string())
        } else if path.ends_with('/') || path == self.base.trim_end_matches('/') {
            match self.page(fs) {
                Some(p) => (200, "text/html", p),
                None => (404, "text/plain", "Not Found".to_string()),
            }
        } else if let Some((file, text)) = self.file(fs, path) {
            (200, mime(&file), text)
        } else if self.spa && (self.kind != Kind::Vite || !path.rsplit('/').next().unwrap_or("").contains('.')) {
            match self.page(fs) {
                Some(p) => (200, "text/html", p),
                None => (404, "text/plain", "Not Found".to_string()),
            }
        } else {
            (404, "text/plain", if self.kind == Kind::Serve { "The requested path could not be found".to_string() } else { String::new() })
        };
        let reason = crate::apps::js_lib::reason(status);
        let typed = if content_type.starts_with("text/") || content_type.ends_with("javascript") {
            format!("{content_type}; charset=utf-8")
        } else {
            content_type.to_string()
        };
        let mut set = Vec::new();
        match self.kind {
            Kind::Vite | Kind::VitePreview => {
                set.push(("Vary".to_string(), "Origin".to_string()));
                set.push(("Content-Type".to_string(), typed));
                if self.kind == Kind::Vite {
                    set.push(("Cache-Control".to_string(), "no-cache".to_string()));
                }
                set.push(("Etag".to_string(), super::http::express_etag(&body)));
            }
            Kind::Cra => {
                set.push(("X-Powered-By".to_string(), "Express".to_string()));
                set.push(("Access-Control-Allow-Origin".to_string(), "*".to_string()));
                set.push(("Accept-Ranges".to_string(), "bytes".to_string()));
                set.push(("Content-Type".to_string(), typed));
                set.push(("ETag".to_string(), super::http::express_etag(&body)));
            }
            Kind::Serve => {
                set.push(("Content-Type".to_string(), typed));
                set.push(("Accept-Ranges".to_string(), "bytes".to_string()));
                set.push(("ETag".to_string(), super::http::express_etag(&body)));
            }
        }
        set.push(("Content-Length".to_string(), body.len().to_string()));
        let headers = super::http::node(now, &set, Some(body.len()), req.is_head());
        let log = if status == 403 && self.kind == Kind::Vite {
            Some(
                body.split("&quot;")
                    .nth(1)
                    .map(|f| format!("The request url \"{f}\" is outside of Vite serving allow list."))
                    .unwrap_or_default(),
            )
        } else {
            None
        };
        let log = log.or_else(|| {
            (self.kind == Kind::Serve).then(|| {
                let t = serve_time(now);
                format!(
                    " HTTP  {t} {client} {} {}\n HTTP  {t} {client} Returned {status} in {} ms",
                    req.method,
                    req.target,
                    3 + body.len() % 9
                )
            })
        });
        Some(HttpResponse { status, reason, content_type: mime(path), body, server: String::new(), log, headers })
    }
}

/// `serve`'s request time: the date and the time as `toLocaleString` in English.
fn serve_time(now: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(now);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{mo}/{d}/{y} {h12}:{mi:02}:{s:02} {ampm}")
}
