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
}

impl Send {
    pub fn get() -> Send {
        Send { method: "GET".into(), body: String::new(), content_type: String::new() }
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
                }
            }
        }
        _ => {
            if !send.body.is_empty() {
                send.body.push('&');
            }
            send.body.push_str(&value);
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
    let call = NodeCall { method: &send.method, path, body: &send.body, content_type: &send.content_type };
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
