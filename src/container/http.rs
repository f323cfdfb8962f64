//! HTTP as the server models speak it: the request a model answers (method,
//! target, the client's headers), the headers each real server sends and in
//! its order, the validators static servers compute from a file's mtime and
//! size (ETag, Last-Modified) and conditional requests (304).

use crate::time::http_date;

/// Response headers in the order the server writes them.
pub type Headers = Vec<(String, String)>;

/// One request as a server model sees it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub method: &'a str,
    pub target: &'a str,
    /// The headers the client sent besides Host, User-Agent and Accept.
    pub headers: &'a [(String, String)],
    /// The request body (`curl -d …`) and its Content-Type.
    pub body: &'a str,
    pub content_type: &'a str,
}

impl<'a> Request<'a> {
    pub fn get(target: &'a str) -> Request<'a> {
        Request { method: "GET", target, headers: &[], body: "", content_type: "" }
    }

    /// The value of the request header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }

    /// GET and HEAD read; servers that only read answer other methods 405.
    pub fn reads(&self) -> bool {
        matches!(self.method, "GET" | "HEAD")
    }
}

/// The headers list from `(name, value)` pairs.
pub fn list(pairs: &[(&str, String)]) -> Headers {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// nginx's ETag for a file: `"%xmtime-%xsize"`.
pub fn nginx_etag(mtime: i64, size: usize) -> String {
    format!("\"{:x}-{:x}\"", mtime.max(0), size)
}

/// Apache httpd's ETag (`FileETag MTime Size`): the size, then the mtime in microseconds, in hex.
pub fn httpd_etag(mtime: i64, size: usize) -> String {
    format!("\"{:x}-{:x}\"", size, mtime.max(0) as u64 * 1_000_000)
}

/// Express's ETag for a body (the `etag` package): `W/"<len hex>-<sha1 base64, 27 chars>"`.
pub fn express_etag(body: &str) -> String {
    let digest = crate::base64::encode(&crate::digest::sha1(body.as_bytes()));
    format!("W/\"{:x}-{}\"", body.len(), &digest[..27.min(digest.len())])
}

/// `serve-static`'s (send's) ETag for a file: `W/"<size hex>-<mtime ms hex>"`.
pub fn express_static_etag(mtime: i64, size: usize) -> String {
    format!("W/\"{:x}-{:x}\"", size, mtime.max(0) as u64 * 1000)
}

/// ASP.NET Core's static-file ETag: the file time (100 ns since 1601) xor the length, in hex.
pub fn kestrel_etag(mtime: i64, size: usize) -> String {
    let filetime = (mtime.max(0) as u64 + 11_644_473_600) * 10_000_000;
    format!("\"{:x}\"", filetime ^ size as u64)
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) as seconds since the epoch.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [_, d, mon, y, hms, "GMT"] = words.as_slice() else { return None };
    let m = (1..=12).find(|m| crate::time::month_abbr(*m).eq_ignore_ascii_case(mon))?;
    let mut t = hms.split(':').map(|p| p.parse::<u32>().ok());
    let (hh, mm, ss) = (t.next()??, t.next()??, t.next()??);
    Some(crate::time::unix_from_civil(y.parse().ok()?, m, d.parse().ok()?, hh, mm, ss))
}

/// Whether the request's validators match the file's: `If-None-Match`
/// names the ETag (or `*`), else `If-Modified-Since` is no earlier than
/// the mtime (`exact`: nginx's default `if_modified_since exact`).
pub fn not_modified(req: &Request, etag: &str, mtime: i64, exact: bool) -> bool {
    if !req.reads() {
        return false;
    }
    if let Some(tags) = req.header("If-None-Match") {
        let weak = |t: &str| t.trim().trim_start_matches("W/").to_string();
        return tags.split(',').any(|t| t.trim() == "*" || weak(t) == weak(etag));
    }
    match req.header("If-Modified-Since").and_then(parse_http_date) {
        Some(since) if exact => since == mtime,
        Some(since) => since >= mtime,
        None => false,
    }
}

/// nginx's header filter: Server, Date, Content-Type, Content-Length,
/// Last-Modified, Location, Transfer-Encoding, Connection, then ETag and
/// Accept-Ranges. `file` is a static file's (mtime, size); `length` None
/// sends the body chunked.
pub struct Nginx<'a> {
    pub server: &'a str,
    pub now: i64,
    pub status: u16,
    pub content_type: &'static str,
    pub length: Option<usize>,
    pub file: Option<(i64, usize)>,
    pub location: Option<String>,
}

impl Nginx<'_> {
    pub fn headers(&self) -> Headers {
        let mut h = list(&[("Server", self.server.to_string()), ("Date", http_date(self.now))]);
        if self.status != 304 {
            if !self.content_type.is_empty() {
                h.push(("Content-Type".into(), self.content_type.to_string()));
            }
            if let Some(n) = self.length {
                h.push(("Content-Length".into(), n.to_string()));
            }
        }
        if let Some((mtime, _)) = self.file {
            h.push(("Last-Modified".into(), http_date(mtime)));
        }
        if let Some(l) = &self.location {
            h.push(("Location".into(), l.clone()));
        }
        if self.length.is_none() && self.status != 304 {
            h.push(("Transfer-Encoding".into(), "chunked".into()));
        }
        h.push(("Connection".into(), "keep-alive".into()));
        if let Some((mtime, size)) = self.file {
            h.push(("ETag".into(), nginx_etag(mtime, size)));
            if self.status == 200 {
                h.push(("Accept-Ranges".into(), "bytes".into()));
            }
        }
        h
    }
}

/// Werkzeug's development server (Flask): Server and Date from
/// `BaseHTTPRequestHandler`, the app's headers, then `Connection: close`.
pub fn werkzeug(server: &str, now: i64, app: &[(String, String)]) -> Headers {
    let mut h = list(&[("Server", server.to_string()), ("Date", http_date(now))]);
    h.extend(app.iter().cloned());
    h.push(("Connection".into(), "close".into()));
    h
}

/// uvicorn: lower-case `date` and `server` first, then the app's headers (Starlette's `content-length`, `content-type`).
pub fn uvicorn(now: i64, app: &[(String, String)]) -> Headers {
    let mut h = list(&[("date", http_date(now)), ("server", "uvicorn".into())]);
    h.extend(app.iter().cloned());
    h
}

/// Django's runserver (wsgiref): Date and Server, then the response's
/// headers (runserver's own clean-up is done by the Python side).
pub fn wsgiref(server: &str, now: i64, app: &[(String, String)]) -> Headers {
    let mut h = list(&[("Date", http_date(now)), ("Server", server.to_string())]);
    h.extend(app.iter().cloned());
    h
}

/// Node's `http` module: the headers the program set, then Date,
/// Connection, Keep-Alive, and the length (or chunked when the head was
/// written before the body was known).
pub fn node(now: i64, set: &[(String, String)], length: Option<usize>, head: bool) -> Headers {
    let mut h: Headers = set.to_vec();
    h.push(("Date".into(), http_date(now)));
    h.push(("Connection".into(), "keep-alive".into()));
    h.push(("Keep-Alive".into(), "timeout=5".into()));
    if !set.iter().any(|(k, _)| k.eq_ignore_ascii_case("Content-Length")) {
        match length {
            Some(n) => h.push(("Content-Length".into(), n.to_string())),
            None if !head => h.push(("Transfer-Encoding".into(), "chunked".into())),
            None => {}
        }
    }
    h
}

/// Go's net/http: the handler's headers (sorted by name), then Date,
/// Content-Length and a sniffed Content-Type.
pub fn go(now: i64, set: &[(String, String)], length: usize, sniffed: Option<&str>) -> Headers {
    let mut h: Headers = set.to_vec();
    crate::sort::sort_by(&mut h, |a, b| a.0.cmp(&b.0));
    h.push(("Date".into(), http_date(now)));
    h.push(("Content-Length".into(), length.to_string()));
    if let Some(t) = sniffed {
        h.push(("Content-Type".into(), t.to_string()));
    }
    h
}

/// Tomcat under Spring Boot: the content headers, Date, and keep-alive.
pub fn tomcat(now: i64, content_type: &str, length: Option<usize>) -> Headers {
    let mut h = Headers::new();
    if !content_type.is_empty() {
        h.push(("Content-Type".into(), content_type.into()));
    }
    match length {
        Some(n) => h.push(("Content-Length".into(), n.to_string())),
        None => h.push(("Transfer-Encoding".into(), "chunked".into())),
    }
    h.push(("Date".into(), http_date(now)));
    h.push(("Keep-Alive".into(), "timeout=60".into()));
    h.push(("Connection".into(), "keep-alive".into()));
    h
}

/// Kestrel: Content-Length first when known, Content-Type, Date, Server,
/// then the static-file validators; a length-less body is chunked.
pub fn kestrel(now: i64, content_type: &str, length: Option<usize>, file: Option<(i64, usize)>) -> Headers {
    let mut h = Headers::new();
    if let Some(n) = length {
        h.push(("Content-Length".into(), n.to_string()));
    }
    if !content_type.is_empty() {
        h.push(("Content-Type".into(), content_type.into()));
    }
    h.push(("Date".into(), http_date(now)));
    h.push(("Server".into(), "Kestrel".into()));
    if let Some((mtime, size)) = file {
        h.push(("Accept-Ranges".into(), "bytes".into()));
        h.push(("ETag".into(), kestrel_etag(mtime, size)));
        h.push(("Last-Modified".into(), http_date(mtime)));
    }
    if length.is_none() {
        h.push(("Transfer-Encoding".into(), "chunked".into()));
    }
    h
}

/// Rocket 0.5 (hyper, lower-case): the content type, `server: Rocket`,
/// the Shield's default headers, the length and the date.
pub fn rocket(now: i64, content_type: &str, length: usize) -> Headers {
    list(&[
        ("content-type", content_type.to_string()),
        ("server", "Rocket".into()),
        ("x-frame-options", "SAMEORIGIN".into()),
        ("permissions-policy", "interest-cohort=()".into()),
        ("x-content-type-options", "nosniff".into()),
        ("content-length", length.to_string()),
        ("date", http_date(now)),
    ])
}

/// Apache httpd: Date, Server, then the file's validators, the length and the type.
pub fn httpd(
    server: &str,
    now: i64,
    status: u16,
    content_type: &str,
    length: usize,
    file: Option<(i64, usize)>,
    location: Option<&str>,
) -> Headers {
    let mut h = list(&[("Date", http_date(now)), ("Server", server.to_string())]);
    if let Some((mtime, size)) = file {
        if status != 304 {
            h.push(("Last-Modified".into(), http_date(mtime)));
        }
        h.push(("ETag".into(), httpd_etag(mtime, size)));
        if status == 304 {
            return h;
        }
        h.push(("Accept-Ranges".into(), "bytes".into()));
    }
    if let Some(l) = location {
        h.push(("Location".into(), l.to_string()));
    }
    h.push(("Content-Length".into(), length.to_string()));
    if !content_type.is_empty() {
        h.push(("Content-Type".into(), content_type.to_string()));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_as_the_servers_compute_them() {
        // httpd's own "It works!" page: 45 bytes, 2007-06-11 18:53:14 UTC.
        assert_eq!(httpd_etag(1_181_587_994, 45), "\"2d-432a5e4a73a80\"");
        assert_eq!(nginx_etag(0x6745ef54, 615), "\"6745ef54-267\"");
        // `curl localhost:3000` on `res.send('Hello World!')`.
        assert_eq!(express_etag("Hello World!"), "W/\"c-Lve95gjOVATpfV8EL5X4nxwjKHE\"");
    }

    #[test]
    fn conditional_requests() {
        let h = vec![("If-Modified-Since".to_string(), http_date(1000))];
        let req = Request { headers: &h, ..Request::get("/") };
        assert!(not_modified(&req, "\"x\"", 1000, true));
        assert!(!not_modified(&req, "\"x\"", 999, true));
        assert!(not_modified(&req, "\"x\"", 999, false));
        let h = vec![("If-None-Match".to_string(), "\"a\", \"x\"".to_string())];
        let req = Request { headers: &h, ..Request::get("/") };
        assert!(not_modified(&req, "\"x\"", 0, true));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:16:40 GMT"), Some(1000));
    }
}
