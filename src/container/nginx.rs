//! nginx answering a request from its document root: the stock
//! configuration's static files (mime.types, index, ETag/Last-Modified,
//! conditional requests, the directory redirect, 405 for writes) and what
//! `conf.d` changes (`return`, `sub_filter`, `try_files`).

use super::http::{not_modified, Nginx, Request};
use super::service::{clf_time, HttpResponse, NginxConf};
use crate::vfs::{Fs, Node};

/// nginx's answer to `req`; `client` is the address it logs.
pub fn respond(root: &str, version: &str, conf: &NginxConf, req: &Request, fs: &Fs, now: i64, client: &str) -> HttpResponse {
    let server = format!("nginx/{version}");
    let path = req.target.split('?').next().unwrap_or(req.target);
    let vars = |t: &str| super::service::nginx_vars(t, fs, path, client, now);
    let mut file = format!("{root}{path}");
    if let Some(only) = &conf.try_file {
        file = format!("{root}{only}");
    } else if file.ends_with('/') {
        let names = if conf.index.is_empty() { vec!["index.html".to_string()] } else { conf.index.clone() };
        let first = names.iter().map(|n| format!("{file}{n}")).find(|f| fs.exists(f));
        file = first.unwrap_or_else(|| format!("{file}{}", names[0]));
    }
    let node = fs.get(&file).ok();
    let mut head = Nginx { server: &server, now, status: 200, content_type: "text/html", length: None, file: None, location: None };
    let (status, mut body) = match (&conf.ret, node) {
        (Some((t, text)), _) => {
            head.content_type = if t == "text/plain" { "text/plain" } else { "text/html" };
            (200, vars(text))
        }
        (None, Some(Node::Dir { .. })) => {
            // A directory named without its slash: nginx redirects to it, on its own port.
            let host = req.header("Host").unwrap_or("localhost");
            let host = host.rsplit_once(':').map_or(host, |(h, p)| if p.contains(']') { host } else { h });
            head.location = Some(format!("http://{host}{path}/"));
            (301, error_page(301, &server))
        }
        (None, Some(n @ Node::File { content, .. })) if req.reads() => {
            head.content_type = mime_type(&file);
            let (mtime, size) = (n.meta().mtime, content.len() as usize);
            head.file = Some((mtime, size));
            if not_modified(req, &super::http::nginx_etag(mtime, size), mtime, true) {
                (304, String::new())
            } else {
                (200, String::from_utf8_lossy(&content.to_vec()).into_owned())
            }
        }
        (None, Some(Node::File { .. })) => (405, error_page(405, &server)),
        (None, _) => (404, error_page(404, &server)),
    };
    let mut chunked = false;
    if status == 200 && !conf.subs.is_empty() && head.content_type == "text/html" {
        // sub_filter changes the body: no validators, and it goes out chunked.
        for (from, to) in &conf.subs {
            body = body.replace(from.as_str(), &vars(to));
        }
        head.file = None;
        chunked = true;
    }
    head.status = status;
    head.length = (!chunked && status != 304).then_some(body.len());
    let sent = if req.is_head() || status == 304 { 0 } else { body.len() };
    let agent = req.header("User-Agent").unwrap_or("curl/8.5.0");
    let log = format!(
        "{client} - - [{}] \"{} {} HTTP/1.1\" {status} {sent} \"-\" \"{agent}\" \"-\"",
        clf_time(now, true),
        req.method,
        req.target
    );
    HttpResponse {
        headers: head.headers(),
        status,
        reason: reason(status),
        content_type: head.content_type,
        body,
        server: server.clone(),
        log: Some(log),
    }
}

/// nginx's reason phrases.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        405 => "Not Allowed",
        502 => "Bad Gateway",
        _ => "Not Found",
    }
}

/// nginx's built-in error page for `status`.
pub fn error_page(status: u16, server: &str) -> String {
    let title = format!("{status} {}", reason(status));
    format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>{server}</center>\r\n</body>\r\n</html>\r\n"
    )
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
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    fn site() -> Fs {
        let mut fs = Fs::new();
        fs.mkdir_all("/usr/share/nginx/html/docs", Meta::new(0o755, 0)).unwrap();
        fs.write("/usr/share/nginx/html/index.html", Content::from_bytes("<h1>hi</h1>\n"), Meta::new(0o644, 0x6745ef54)).unwrap();
        fs
    }

    fn names(r: &HttpResponse) -> Vec<&str> {
        r.headers.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn static_files_carry_nginx_validators_in_its_order() {
        let fs = site();
        let conf = NginxConf::default();
        let r = respond("/usr/share/nginx/html", "1.27.3", &conf, &Request::get("/"), &fs, 100, "172.17.0.1");
        assert_eq!(names(&r), ["Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges"]);
        assert_eq!(r.header("ETag"), Some("\"6745ef54-c\""));
        let h = vec![("If-None-Match".to_string(), "\"6745ef54-c\"".to_string())];
        let again = Request { headers: &h, ..Request::get("/") };
        let r = respond("/usr/share/nginx/html", "1.27.3", &conf, &again, &fs, 100, "172.17.0.1");
        assert_eq!((r.status, r.body.as_str()), (304, ""));
        assert_eq!(names(&r), ["Server", "Date", "Last-Modified", "Connection", "ETag"]);
    }

    #[test]
    fn directories_redirect_and_writes_are_not_allowed() {
        let fs = site();
        let conf = NginxConf::default();
        let h = vec![("Host".to_string(), "localhost:8080".to_string())];
        let r = respond("/usr/share/nginx/html", "1.27.3", &conf, &Request { headers: &h, ..Request::get("/docs") }, &fs, 0, "x");
        assert_eq!((r.status, r.header("Location")), (301, Some("http://localhost/docs/")));
        let r = respond("/usr/share/nginx/html", "1.27.3", &conf, &Request { method: "POST", ..Request::get("/") }, &fs, 0, "x");
        assert_eq!((r.status, r.reason, r.body.len()), (405, "Not Allowed", 157));
    }
}
