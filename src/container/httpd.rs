//! Apache httpd as a container's main process (the `httpd` image's
//! `httpd-foreground`, i.e. `httpd -DFOREGROUND`): its start-up notices on
//! stderr, the access log in Common Log Format on stdout (the image points
//! `CustomLog` at `/proc/self/fd/1`), files under `DocumentRoot` with
//! mod_mime's types, mod_autoindex's plain listing for a directory without
//! `index.html`, Apache's 404 page, and the graceful stop on SIGWINCH (the
//! image's `STOPSIGNAL`). A configuration file the learner wrote is read
//! for `Listen`, `DocumentRoot` and `ServerName`.

use super::service::{clf_time, HttpResponse};
use super::{Container, Stream};
use crate::vfs::{Content, Fs, Node};

const CONF: &str = "/usr/local/apache2/conf/httpd.conf";

/// What the server runs with.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Httpd {
    pub port: u16,
    pub root: String,
    pub version: String,
    /// The php images' Debian Apache with mod_php: PHP's version and the
    /// container's environment (scripts read it with getenv).
    pub php: Option<(String, std::collections::BTreeMap<String, String>)>,
    /// PHP's configuration as Apache read it at start (mod_php).
    pub php_ini: crate::apps::php::ini::Ini,
}

/// Starts the server: the notices it logs, then it serves.
pub fn start(c: &mut Container, args: &[String], now: i64) -> super::process::Outcome {
    let env = c.config.env_map();
    let version = env.get("HTTPD_VERSION").cloned().unwrap_or_else(|| "2.4.62".into());
    let (mut port, mut root, mut server_name) = (80, "/usr/local/apache2/htdocs".to_string(), false);
    if let Ok(Node::File { content: Content::Bytes(bytes), .. }) = c.fs.get(CONF) {
        for line in String::from_utf8_lossy(bytes).lines() {
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("Listen"), Some(addr)) => {
                    if let Some(p) = addr.rsplit(':').next().and_then(|p| p.parse().ok()) {
                        port = p;
                    }
                }
                (Some("DocumentRoot"), Some(dir)) => root = dir.trim_matches('"').trim_end_matches('/').to_string(),
                (Some("ServerName"), Some(_)) => server_name = true,
                _ => {}
            }
        }
    }
    if !server_name {
        let notice = format!(
            "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {}. Set the 'ServerName' directive globally to suppress this message",
            super::service::container_ip(&c.fs)
        );
        // Once when the configuration is checked, once when it is loaded again.
        c.logs.push((Stream::Stderr, notice.clone()));
        c.logs.push((Stream::Stderr, notice));
    }
    let command: Vec<&str> = std::iter::once("httpd").chain(args.iter().map(|a| a.as_str())).collect();
    let command = command.join(" ").replace("-DFOREGROUND", "-D FOREGROUND");
    c.logs.push((
        Stream::Stderr,
        error_log(now, "mpm_event:notice", &format!("AH00489: Apache/{version} (Unix) configured -- resuming normal operations")),
    ));
    c.logs.push((Stream::Stderr, error_log(now, "core:notice", &format!("AH00094: Command line: '{command}'"))));
    super::process::Outcome::Serving(super::Service::Httpd(Httpd { port, root, version, php: None, php_ini: Default::default() }))
}

/// The php images' `apache2-foreground`: Debian's Apache with mod_php,
/// serving `/var/www/html` (index.php before index.html).
pub fn start_php(c: &mut Container, now: i64) -> super::process::Outcome {
    let env = c.config.env_map();
    let php = env.get("PHP_VERSION").cloned().unwrap_or_else(|| "8.2.26".into());
    let version = "2.4.62".to_string();
    let notice = format!(
        "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {}. Set the 'ServerName' directive globally to suppress this message",
        super::service::container_ip(&c.fs)
    );
    c.logs.push((Stream::Stderr, notice.clone()));
    c.logs.push((Stream::Stderr, notice));
    let pid = "[pid 1]";
    c.logs.push((
        Stream::Stderr,
        debian_log(
            now,
            "mpm_prefork:notice",
            pid,
            &format!("AH00163: Apache/{version} (Debian) PHP/{php} configured -- resuming normal operations"),
        ),
    ));
    c.logs.push((Stream::Stderr, debian_log(now, "core:notice", pid, "AH00094: Command line: 'apache2 -D FOREGROUND'")));
    let env: std::collections::BTreeMap<String, String> = env.into_iter().collect();
    let php_ini = crate::apps::php::ini::Ini::load(&c.fs, &env, "apache2handler");
    let root = document_root(&c.fs, &env);
    super::process::Outcome::Serving(super::Service::Httpd(Httpd { port: 80, root, version, php: Some((php, env)), php_ini }))
}

fn debian_log(now: i64, module: &str, pid: &str, text: &str) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(now);
    let (weekday, month) = (crate::time::weekday_abbr(now), crate::time::month_abbr(mo));
    format!("[{weekday} {month} {d:02} {h:02}:{mi:02}:{s:02}.000000 {y}] [{module}] {pid} {text}")
}

/// An error-log line: `[Sat Dec 05 15:20:00.000000 2026] [core:notice] [pid 1:tid …] TEXT`.
fn error_log(now: i64, module: &str, text: &str) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(now);
    let (weekday, month) = (crate::time::weekday_abbr(now), crate::time::month_abbr(mo));
    format!("[{weekday} {month} {d:02} {h:02}:{mi:02}:{s:02}.000000 {y}] [{module}] [pid 1:tid 140245832738688] {text}")
}

impl Httpd {
    /// What it logs when `docker stop` sends the image's STOPSIGNAL (SIGWINCH).
    pub fn stop_log(&self, now: i64) -> Vec<(Stream, String)> {
        if self.php.is_some() {
            return vec![(
                Stream::Stderr,
                debian_log(now, "mpm_prefork:notice", "[pid 1]", "AH00170: caught SIGWINCH, shutting down gracefully"),
            )];
        }
        vec![(Stream::Stderr, error_log(now, "mpm_event:notice", "AH00492: caught SIGWINCH, shutting down gracefully"))]
    }

    /// The answer to `req`, with its access-log line.
    pub fn respond(&self, fs: &Fs, req: &super::http::Request, now: i64, client: &str) -> HttpResponse {
        self.respond_net(fs, req, now, client, None)
    }

    /// [`Httpd::respond`] where PHP scripts reach other containers (mysqli, PDO) through `net`.
    pub fn respond_net<'a>(
        &self,
        fs: &'a Fs,
        req: &super::http::Request,
        now: i64,
        client: &str,
        net: Option<&'a mut dyn crate::apps::PyNet>,
    ) -> HttpResponse {
        let target = req.target;
        let path = target.split('?').next().unwrap_or(target);
        let file = format!("{}{}", self.root, path);
        if let Some((php, env)) = &self.php {
            if let Some(r) = self.php_respond(fs, req, now, client, php, env, net) {
                return r;
            }
        }
        let server =
            if self.php.is_some() { format!("Apache/{} (Debian)", self.version) } else { format!("Apache/{} (Unix)", self.version) };
        let mut validators = None;
        let mut location = None;
        let (status, reason, content_type, body) = match fs.get(&file) {
            Ok(Node::Dir { .. }) if !path.ends_with('/') => {
                let host = req.header("Host").unwrap_or("localhost");
                location = Some(format!("http://{host}{path}/"));
                (301, "Moved Permanently", "text/html; charset=iso-8859-1", moved_page(&format!("http://{host}{path}/")))
            }
            Ok(Node::Dir { entries, .. }) => match fs.get(&format!("{file}index.html")) {
                Ok(n @ Node::File { content, .. }) => {
                    validators = Some((n.meta().mtime, content.len() as usize));
                    (200, "OK", "text/html", String::from_utf8_lossy(&content.to_vec()).into_owned())
                }
                _ => {
                    let names: Vec<String> = entries
                        .iter()
                        .map(|(n, node)| if matches!(node, Node::Dir { .. }) { format!("{n}/") } else { n.clone() })
                        .collect();
                    (200, "OK", "text/html;charset=ISO-8859-1", index_page(path, &names))
                }
            },
            Ok(n @ Node::File { content, .. }) => {
                validators = Some((n.meta().mtime, content.len() as usize));
                (200, "OK", mime_type(path), String::from_utf8_lossy(&content.to_vec()).into_owned())
            }
            _ => (
                404,
                "Not Found",
                "text/html; charset=iso-8859-1",
                error_page("404 Not Found", "Not Found", "The requested URL was not found on this server."),
            ),
        };
        let (status, reason, body) = match validators {
            Some((mtime, size)) if super::http::not_modified(req, &super::http::httpd_etag(mtime, size), mtime, false) => {
                (304, "Not Modified", String::new())
            }
            _ => (status, reason, body),
        };
        let headers = super::http::httpd(&server, now, status, content_type, body.len(), validators, location.as_deref());
        let sent = if req.is_head() || body.is_empty() { "-".to_string() } else { body.len().to_string() };
        let log = if self.php.is_some() {
            format!("{client} - - [{}] \"{} {target} HTTP/1.1\" {status} {sent} \"-\" \"curl/8.5.0\"", clf_time(now, true), req.method)
        } else {
            format!("{client} - - [{}] \"{} {target} HTTP/1.1\" {status} {sent}", clf_time(now, true), req.method)
        };
        HttpResponse { headers, status, reason, content_type, body, server, log: Some(log) }
    }

    /// A request mod_php answers: a `.php` file, or a directory whose
    /// DirectoryIndex is index.php. `None`: a static file.
    #[allow(clippy::too_many_arguments)]
    #[allow(clippy::too_many_arguments)]
    fn php_respond<'a>(
        &self,
        fs: &'a Fs,
        req: &super::http::Request,
        now: i64,
        client: &str,
        php: &str,
        env: &std::collections::BTreeMap<String, String>,
        net: Option<&'a mut dyn crate::apps::PyNet>,
    ) -> Option<HttpResponse> {
        let target = req.target;
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut script = format!("{}{}", self.root, path);
        if let Ok(Node::Dir { .. }) = fs.get(&script) {
            if !path.ends_with('/') {
                return None;
            }
            let index = format!("{script}index.php");
            if fs.read(&index).is_err() {
                return None;
            }
            script = index;
        }
        if fs.get(&script).is_err() && front_controller(fs, &self.root) {
            // mod_rewrite's front controller (`RewriteRule ^ index.php [L]`
            // for what is neither a file nor a directory), as Laravel and Slim ship.
            script = format!("{}/index.php", self.root);
        }
        if !script.ends_with(".php") || fs.read(&script).is_err() {
            return None;
        }
        let host = req.header("Host").unwrap_or("localhost").to_string();
        let script_name = script.strip_prefix(&self.root).unwrap_or(&script).to_string();
        let mut server_vars: Vec<(String, String)> =
            vec![("HTTP_HOST".into(), host.clone()), ("HTTP_USER_AGENT".into(), "curl/8.5.0".into()), ("HTTP_ACCEPT".into(), "*/*".into())];
        // The client's other headers as HTTP_*; the body's length and type as CGI's CONTENT_*.
        for (k, v) in req.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("Host")) {
            server_vars.push((format!("HTTP_{}", k.to_ascii_uppercase().replace('-', "_")), v.clone()));
        }
        if !req.body.is_empty() || !req.reads() {
            server_vars.push(("CONTENT_LENGTH".into(), req.body.len().to_string()));
        }
        if !req.content_type.is_empty() {
            server_vars.push(("CONTENT_TYPE".into(), req.content_type.to_string()));
        }
        server_vars.extend([
            ("PATH".into(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()),
            (
                "SERVER_SIGNATURE".into(),
                format!(
                    "<address>Apache/{} (Debian) Server at {} Port {}</address>\n",
                    self.version,
                    host.split(':').next().unwrap_or(""),
                    self.port
                ),
            ),
            ("SERVER_SOFTWARE".into(), format!("Apache/{} (Debian)", self.version)),
            ("SERVER_NAME".into(), host.split(':').next().unwrap_or("").to_string()),
            ("SERVER_ADDR".into(), super::service::container_ip(fs)),
            ("SERVER_PORT".into(), self.port.to_string()),
            ("REMOTE_ADDR".into(), client.to_string()),
            ("DOCUMENT_ROOT".into(), self.root.clone()),
            ("REQUEST_SCHEME".into(), "http".into()),
            ("CONTEXT_PREFIX".into(), String::new()),
            ("CONTEXT_DOCUMENT_ROOT".into(), self.root.clone()),
            ("SERVER_ADMIN".into(), "webmaster@localhost".into()),
            ("SCRIPT_FILENAME".into(), script.clone()),
            ("REMOTE_PORT".into(), "40000".into()),
            ("GATEWAY_INTERFACE".into(), "CGI/1.1".into()),
            ("SERVER_PROTOCOL".into(), "HTTP/1.1".into()),
            ("REQUEST_METHOD".into(), req.method.to_string()),
            ("QUERY_STRING".into(), query.to_string()),
            ("REQUEST_URI".into(), target.to_string()),
            ("SCRIPT_NAME".into(), script_name.clone()),
            ("PHP_SELF".into(), script_name),
        ]);
        let request = crate::apps::php::Request::cgi(server_vars, req.body, self.php_ini.clone(), "apache2handler");
        let run = crate::apps::php::run(
            crate::apps::php::PhpEnv::web(fs, env.clone(), &script, now, php, request, net),
            crate::apps::php::Script::File(&script),
        );
        let server = format!("Apache/{} (Debian)", self.version);
        // display_errors is on (PHP's default without a php.ini): a fatal
        // error is shown in the page and the status stays as the script set it.
        let status = run.code;
        let declared = run.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.clone());
        let content_type: &'static str = match declared.as_deref() {
            None => "text/html; charset=UTF-8",
            Some(t) if t.starts_with("application/json") => "application/json",
            Some(t) if t.starts_with("text/plain") => "text/plain;charset=UTF-8",
            Some(_) => "text/html; charset=UTF-8",
        };
        let body = run.stdout;
        let mut headers: super::http::Headers = vec![("Date".into(), crate::time::http_date(now)), ("Server".into(), server.clone())];
        headers.push(("X-Powered-By".into(), format!("PHP/{php}")));
        for (k, v) in &run.headers {
            if !k.eq_ignore_ascii_case("content-type") {
                headers.push((k.clone(), v.clone()));
            }
        }
        headers.push(("Content-Length".into(), body.len().to_string()));
        headers.push(("Content-Type".into(), declared.unwrap_or_else(|| "text/html; charset=UTF-8".into())));
        let sent = if req.is_head() || body.is_empty() { "-".to_string() } else { body.len().to_string() };
        // PHP's log lines go to Apache's error log (the container's stderr), newlines escaped as Apache does.
        let module = if php.starts_with('7') { "php7" } else { "php" };
        let mut log: String = run
            .log
            .iter()
            .map(|(level, text)| {
                let text = format!("[client {client}:40000] {}", text.replace('\n', "\\n"));
                debian_log(now, &format!("{module}:{level}"), "[pid 18]", &text) + "\n"
            })
            .collect();
        // What the simulation does not model (a dockersim line) is said there too.
        for line in run.stderr.lines() {
            log.push_str(line);
            log.push('\n');
        }
        log.push_str(&format!(
            "{client} - - [{}] \"{} {target} HTTP/1.1\" {status} {sent} \"-\" \"curl/8.5.0\"",
            clf_time(now, true),
            req.method
        ));
        let reason = match status {
            200 => "OK",
            201 => "Created",
            301 => "Moved Permanently",
            302 => "Found",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            _ if status >= 500 => "Internal Server Error",
            _ => "OK",
        };
        Some(HttpResponse { headers, status, reason, content_type, body, server, log: Some(log) })
    }
}

/// The DocumentRoot of the first enabled site (`${VAR}` taken from the
/// environment, as Apache does: `APACHE_DOCUMENT_ROOT` in Laravel's
/// images), else /var/www/html.
fn document_root(fs: &Fs, env: &std::collections::BTreeMap<String, String>) -> String {
    let dir = format!("{}/sites-enabled", env.get("APACHE_CONFDIR").map_or("/etc/apache2", String::as_str));
    let mut sites: Vec<String> = match fs.get(&dir) {
        Ok(Node::Dir { entries, .. }) => entries.keys().filter(|k| k.ends_with(".conf")).cloned().collect(),
        _ => Vec::new(),
    };
    sites.sort();
    for site in sites {
        let Ok(text) = fs.read(&format!("{dir}/{site}")) else { continue };
        for line in String::from_utf8_lossy(&text).lines() {
            let Some(value) = line.trim().strip_prefix("DocumentRoot") else { continue };
            let mut root = value.trim().trim_matches('"').to_string();
            while let Some(start) = root.find("${") {
                let Some(len) = root[start..].find('}') else { break };
                let name = root[start + 2..start + len].to_string();
                root.replace_range(start..start + len + 1, env.get(&name).map_or("", String::as_str));
            }
            let root = root.trim_end_matches('/').to_string();
            if !root.is_empty() {
                return root;
            }
        }
    }
    "/var/www/html".into()
}

/// Whether mod_rewrite is enabled and the document root's .htaccess sends
/// what is not a file to index.php (`RewriteRule ^ index.php [L]`).
fn front_controller(fs: &Fs, root: &str) -> bool {
    if fs.get("/etc/apache2/mods-enabled/rewrite.load").is_err() {
        return false;
    }
    let Ok(text) = fs.read(&format!("{root}/.htaccess")) else { return false };
    String::from_utf8_lossy(&text).lines().any(|l| {
        let l = l.trim();
        l.starts_with("RewriteRule") && l.split_whitespace().nth(2).is_some_and(|t| t.trim_start_matches('/') == "index.php")
    })
}

/// The error settings of `$PHP_INI_DIR/php.ini` (read when Apache starts):
/// (display_errors off, log_errors on). The image ships none (PHP's defaults: displayed, not
/// logged); the README's `mv php.ini-production php.ini` turns display off
/// and logging on, php.ini-development logs too; a php.ini or conf.d file
/// the learner wrote is read as PHP reads it.
/// mod_mime's type for a file name (the image's `conf/mime.types`).
fn mime_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "txt" | "text" | "conf" | "log" => "text/plain",
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "svg" | "svgz" => "image/svg+xml",
        "ico" => "image/x-icon",
        "xml" | "xsl" => "application/xml",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        // No type for unknown extensions: Apache sends none.
        _ => "",
    }
}

fn error_page(title: &str, heading: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{title}</title>\n</head><body>\n<h1>{heading}</h1>\n<p>{text}</p>\n</body></html>\n"
    )
}

fn moved_page(location: &str) -> String {
    format!(
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href=\"{location}\">here</a>.</p>\n</body></html>\n"
    )
}

/// mod_autoindex's listing without FancyIndexing (the image's default configuration).
fn index_page(path: &str, names: &[String]) -> String {
    let mut out = format!(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  <title>Index of {path}</title>\n </head>\n <body>\n<h1>Index of {path}</h1>\n<ul>"
    );
    let mut first = true;
    let mut item = |href: &str, text: &str| {
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(&format!("<li><a href=\"{href}\"> {text}</a></li>"));
    };
    if path != "/" {
        let parent = path.trim_end_matches('/').rsplit_once('/').map(|(p, _)| format!("{p}/")).unwrap_or_else(|| "/".into());
        item(&parent, "Parent Directory");
    }
    for n in names.iter().filter(|n| !n.starts_with('.')) {
        item(n, n);
    }
    out.push_str("\n</ul>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_log_time_is_apaches() {
        assert_eq!(
            error_log(crate::time::DEFAULT_EPOCH, "core:notice", "x"),
            "[Thu Jan 01 00:00:00.000000 2026] [core:notice] [pid 1:tid 140245832738688] x"
        );
    }

    #[test]
    fn listing_has_parent_only_below_root() {
        assert!(!index_page("/", &["a.txt".into()]).contains("Parent Directory"));
        assert!(index_page("/sub/", &["a.txt".into()])
            .contains("<li><a href=\"/\"> Parent Directory</a></li>\n<li><a href=\"a.txt\"> a.txt</a></li>\n</ul>"));
    }
}
