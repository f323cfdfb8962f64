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
    super::process::Outcome::Serving(super::Service::Httpd(Httpd { port, root, version }))
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
        vec![(Stream::Stderr, error_log(now, "mpm_event:notice", "AH00492: caught SIGWINCH, shutting down gracefully"))]
    }

    /// The answer to `req`, with its access-log line.
    pub fn respond(&self, fs: &Fs, req: &super::http::Request, now: i64, client: &str) -> HttpResponse {
        let target = req.target;
        let path = target.split('?').next().unwrap_or(target);
        let file = format!("{}{}", self.root, path);
        let server = format!("Apache/{} (Unix)", self.version);
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
        let log = format!("{client} - - [{}] \"{} {target} HTTP/1.1\" {status} {sent}", clf_time(now, true), req.method);
        HttpResponse { headers, status, reason, content_type, body, server, log: Some(log) }
    }
}

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
