//! The simulated network: `curl` from the host reaches published ports on
//! localhost; from inside a container, localhost is the container itself.
//! Unknown hosts do not resolve (the simulation has no internet).

use super::Out;
use crate::container::Stream;
use crate::vfs::{self, Content, Meta};
use crate::Engine;

/// `curl` on the host (`from` = None: published ports answer on localhost)
/// or inside container `from` (localhost is the container itself).
pub fn curl(engine: &mut Engine, from: Option<&str>, args: &[String], out: &mut Out) -> i32 {
    let (mut include, mut head, mut fail) = (false, false, false);
    let mut url = None;
    let mut output_file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-i" | "--include" => include = true,
            "-I" | "--head" => head = true,
            "-f" | "--fail" => fail = true,
            "-o" | "--output" => output_file = it.next().cloned(),
            "-X" | "-H" | "--max-time" | "-m" | "-A" | "-d" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => url = Some(s.to_string()),
        }
    }
    let Some(url) = url else {
        out.eline("curl: try 'curl --help' or 'curl --manual' for more information");
        return 2;
    };
    let rest = url.strip_prefix("http://").unwrap_or(&url);
    if url.starts_with("https://") {
        out.eline("curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number");
        return 35;
    }
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (h, p.parse::<u16>().unwrap_or(0)),
        _ => (hostport, 80),
    };
    if !matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "dockersim") {
        out.eline(format!("curl: (6) Could not resolve host: {host}"));
        return 6;
    }
    let refused = |out: &mut Out| {
        out.eline(format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"));
        7
    };
    let target = match from {
        Some(id) => engine
            .containers
            .get(id)
            .filter(|c| c.is_running() && c.service.as_ref().is_some_and(|s| s.ports().contains(&port)))
            .map(|c| (c.id.clone(), port)),
        None => engine.containers.iter().find_map(|c| {
            let binding = c.ports.iter().find(|b| b.host_port == Some(port))?;
            c.is_running().then(|| (c.id.clone(), binding.container_port))
        }),
    };
    let Some((id, container_port)) = target else { return refused(out) };
    super::mounts::sync_in(engine, &id);
    let now = engine.now;
    let Some(c) = engine.containers.get_mut(&id) else { return refused(out) };
    let response = c.service.as_ref().and_then(|s| s.respond(container_port, &path, &c.fs, now, from.is_none()));
    let Some(resp) = response else {
        out.eline("curl: (56) Recv failure: Connection reset by peer");
        return 56;
    };
    if let Some(log) = &resp.log {
        let stream = if matches!(c.service, Some(crate::container::Service::Flask { .. })) { Stream::Stderr } else { Stream::Stdout };
        c.logs.push((stream, log.clone()));
    }
    if fail && resp.status >= 400 {
        out.eline(format!("curl: (22) The requested URL returned error: {}", resp.status));
        return 22;
    }
    let mut text = String::new();
    if include || head {
        text.push_str(&format!("HTTP/1.1 {} {}\r\n", resp.status, resp.reason));
        if !resp.server.is_empty() {
            text.push_str(&format!("Server: {}\r\n", resp.server));
        }
        text.push_str(&format!("Content-Type: {}\r\nContent-Length: {}\r\n\r\n", resp.content_type, resp.body.len()));
    }
    if !head {
        text.push_str(&resp.body);
    }
    match (output_file, from) {
        (Some(f), None) => {
            let path = vfs::join(&engine.host.cwd, &f);
            let _ = engine.host.fs.write(&path, Content::from_bytes(text), Meta::new(0o644, now));
        }
        (Some(f), Some(id)) => {
            if let Some(c) = engine.containers.get_mut(id) {
                let path = vfs::join(&crate::container::process::workdir(c), &f);
                let _ = c.fs.write(&path, Content::from_bytes(text), Meta::new(0o644, now));
            }
        }
        (None, _) => out.out(text),
    }
    0
}
