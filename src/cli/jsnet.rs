//! Requests with a method and a body (`curl -X POST -H … -d …`) and the
//! Node apps that answer them: each request runs the app again over the
//! container's files (`crate::apps::node_serve`), with the simulated network
//! for its database client; the files it writes (a SQLite database) go back
//! into the container and its volumes.

use super::network::Failure;
use crate::container::service::{HttpResponse, NodeAnswer, NodeCall};
use crate::container::{Service, Stream};
use crate::Engine;

/// What a request sends besides its target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Send {
    pub method: String,
    pub body: String,
    pub content_type: String,
    /// `-d @FILE` parts still to read: (position in `body`, file, whether
    /// newlines are dropped as `-d` does).
    pub files: Vec<(usize, String, bool)>,
    /// The request headers: what `-H` gave, or (sent) all of them in order.
    pub headers: Vec<(String, String)>,
}

impl Send {
    pub fn get() -> Send {
        Send { method: "GET".into(), body: String::new(), content_type: String::new(), files: Vec::new(), headers: Vec::new() }
    }

    /// Reads the `@FILE` parts with `read` (a path relative to the client's
    /// directory); a missing file sends nothing and curl warns.
    pub fn read_files(&mut self, mut read: impl FnMut(&str) -> Option<String>, out: &mut super::Out) {
        for (at, file, strip) in std::mem::take(&mut self.files).into_iter().rev() {
            let text = match if file == "-" { None } else { read(&file) } {
                Some(t) if strip => t.replace(['\r', '\n'], ""),
                Some(t) => t,
                None => {
                    out.err(curl_warning(&format!("Couldn't read data from file \"{file}\", this makes an empty POST.")));
                    String::new()
                }
            };
            self.body.insert_str(at.min(self.body.len()), &text);
        }
    }
}

/// Reads one of curl's request flags (`-X`, `-d`, `--data*`, `--json`,
/// `-H`); false when `a` is another flag.
pub fn curl_flag<'a>(a: &str, it: &mut impl Iterator<Item = &'a String>, send: &mut Send) -> bool {
    let (flag, inline) = match a.split_once('=') {
        Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
        _ => (a, None),
    };
    let (flag, inline) = match flag {
        f if f.len() > 2 && (f.starts_with("-X") || f.starts_with("-d") || f.starts_with("-H")) && !f.starts_with("--") => {
            (&f[..2], Some(f[2..].to_string()))
        }
        f => (f, inline),
    };
    if !matches!(
        flag,
        "-X" | "--request" | "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" | "--json" | "-H" | "--header"
    ) {
        return false;
    }
    let value = inline.or_else(|| it.next().cloned()).unwrap_or_default();
    match flag {
        "-X" | "--request" => send.method = value,
        "-H" | "--header" => {
            if let Some((k, v)) = value.split_once(':') {
                if k.trim().eq_ignore_ascii_case("content-type") {
                    send.content_type = v.trim().to_string();
                } else {
                    send.headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
        }
        _ => {
            if !send.body.is_empty() || !send.files.is_empty() {
                send.body.push('&');
            }
            match value.strip_prefix('@').filter(|_| flag != "--data-raw") {
                Some(file) => send.files.push((send.body.len(), file.to_string(), matches!(flag, "-d" | "--data" | "--data-ascii"))),
                None => send.body.push_str(&value),
            }
            if send.method == "GET" {
                send.method = "POST".into();
            }
            if send.content_type.is_empty() {
                send.content_type = if flag == "--json" { "application/json".into() } else { "application/x-www-form-urlencoded".into() };
            }
        }
    }
    true
}

/// curl's warning text, wrapped as curl wraps it: at a blank before 79
/// columns, each line with the `Warning: ` prefix.
fn curl_warning(text: &str) -> String {
    const WIDTH: usize = 79 - "Warning: ".len();
    let mut out = String::new();
    let mut rest = text.as_bytes();
    while rest.len() > WIDTH {
        let mut cut = WIDTH - 1;
        while cut > 0 && rest[cut] != b' ' && rest[cut] != b'\t' {
            cut -= 1;
        }
        if cut == 0 {
            cut = WIDTH - 1;
        }
        out.push_str(&format!("Warning: {}\n", String::from_utf8_lossy(&rest[..=cut])));
        rest = &rest[cut + 1..];
    }
    out.push_str(&format!("Warning: {}\n", String::from_utf8_lossy(rest)));
    out
}

/// Reads curl's `-d @FILE` data from the host's files or the container's.
pub fn read_data_files(engine: &Engine, from: Option<&str>, send: &mut Send, out: &mut super::Out) {
    if send.files.is_empty() {
        return;
    }
    let read =
        |fs: &crate::vfs::Fs, dir: &str, f: &str| fs.read(&crate::vfs::join(dir, f)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    match from.and_then(|id| engine.daemon.containers.get(id)) {
        Some(c) => {
            let dir = crate::container::process::workdir(c);
            send.read_files(|f| read(&c.fs, &dir, f), out)
        }
        None => send.read_files(|f| read(&engine.host.fs, &engine.host.cwd, f), out),
    }
}

/// Whether container `id` runs a Node app.
pub fn serves_node(engine: &Engine, id: &str) -> bool {
    engine.daemon.containers.get(id).is_some_and(|c| matches!(c.service, Some(Service::NodeApp { .. })))
}

/// Container `id`'s Node app answers `send` on `port` for `path`.
pub fn node_request(engine: &mut Engine, id: &str, port: u16, path: &str, send: &Send) -> Result<HttpResponse, Failure> {
    let now = engine.daemon.now;
    let c = engine.daemon.containers.get_mut(id).ok_or(Failure::Refused)?;
    let mut svc = c.service.take().ok_or(Failure::Refused)?;
    let fs = c.fs.clone();
    // Express routes GET for HEAD too; the body is dropped on the way out.
    let method = if send.method == "HEAD" { "GET" } else { send.method.as_str() };
    let call = NodeCall { method, head: send.method == "HEAD", path, body: &send.body, content_type: &send.content_type };
    let answer = {
        let mut net = super::pynet::EngineNet { engine, from: id.to_string() };
        svc.node_respond(port, &call, &fs, now, Some(&mut net))
    };
    let c = engine.daemon.containers.get_mut(id).ok_or(Failure::Refused)?;
    c.service = Some(svc);
    let (answer, written, printed) = answer.ok_or(Failure::Reset)?;
    for line in printed.lines() {
        c.logs.push((Stream::Stdout, line.to_string()));
    }
    if !written.is_empty() {
        crate::apps::apply_written(&mut c.fs, &written, now);
        engine.daemon.sync_out(&mut engine.host.fs, id);
    }
    match answer {
        NodeAnswer::Answered(resp) => Ok(resp),
        NodeAnswer::Down => Err(Failure::Refused),
    }
}
