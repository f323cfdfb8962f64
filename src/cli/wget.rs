//! `wget` inside a container, over the simulated network: BusyBox's
//! (`-q`, `-O FILE`/`-O-`, `-S`, `--spider`, `-T`, `-U`, `--header`,
//! `--post-data`) and GNU wget's (`-q`, `-O`, `-S`/`--server-response`,
//! `--spider`, `--header`, `-U`, `-T`, `--tries`), with each one's
//! messages. Both follow redirects. An option not modelled says so on a
//! `dockersim:` line and fails.

use super::jsnet::Send;
use super::network::{request_with, Failure};
use super::Out;
use crate::container::service::HttpResponse;
use crate::daemon::Peer;
use crate::vfs::{self, Content, Meta};
use crate::Engine;

#[derive(Default)]
struct Opts {
    quiet: bool,
    output: Option<String>,
    server_response: bool,
    spider: bool,
    agent: Option<String>,
    headers: Vec<(String, String)>,
    post: Option<String>,
    url: Option<String>,
}

fn parse(args: &[String], busybox: bool) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let value = |it: &mut std::slice::Iter<String>| inline.clone().or_else(|| it.next().cloned()).unwrap_or_default();
        match flag.as_str() {
            "-q" | "--quiet" => o.quiet = true,
            "-O" | "--output-document" => o.output = Some(value(&mut it)),
            "-S" | "--server-response" => o.server_response = true,
            "--spider" => o.spider = true,
            "-U" | "--user-agent" => o.agent = Some(value(&mut it)),
            "--header" => {
                let h = value(&mut it);
                if let Some((k, v)) = h.split_once(':') {
                    o.headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            "--post-data" => o.post = Some(value(&mut it)),
            "-T" | "--timeout" | "-t" | "--tries" | "--wait" | "-w" => {
                value(&mut it);
            }
            "--no-check-certificate" | "-nv" | "--no-verbose" | "-c" | "--continue" | "--no-cache" => {}
            s if s.starts_with("-O") && s.len() > 2 => o.output = Some(s[2..].to_string()),
            s if s.starts_with('-') && !s.starts_with("--") && s.len() > 2 && s[1..].chars().all(|c| "qSO".contains(c)) => {
                // Bundled letters (`-qO-`, `-qO FILE`, `-qS`).
                let letters = &s[1..];
                o.quiet |= letters.contains('q');
                o.server_response |= letters.contains('S');
                if let Some(i) = letters.find('O') {
                    let rest = &letters[i + 1..];
                    o.output = Some(if rest.is_empty() { value(&mut it) } else { rest.to_string() });
                }
            }
            s if s.starts_with("-qO") => {
                o.quiet = true;
                o.output = Some(s[3..].to_string());
            }
            s if s.starts_with('-') && s.len() > 1 => {
                let _ = busybox;
                return Err(format!("dockersim: wget's option {s} is not simulated"));
            }
            s => o.url = Some(s.to_string()),
        }
    }
    Ok(o)
}

fn split(url: &str) -> (String, u16, String) {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<u16>().unwrap_or(80), path),
        None => (hostport.to_string(), 80, path),
    }
}

/// `wget` inside container `from`; `busybox`: the BusyBox applet, else GNU wget.
pub fn wget(engine: &mut Engine, from: &str, args: &[String], busybox: bool, out: &mut Out) -> i32 {
    let o = match parse(args, busybox) {
        Ok(o) => o,
        Err(msg) => {
            out.eline(msg);
            return if busybox { 1 } else { 2 };
        }
    };
    let Some(url) = o.url.clone() else {
        if busybox {
            out.eline("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...");
        } else {
            out.eline("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.");
        }
        return 1;
    };
    if url.starts_with("https://") {
        out.eline("dockersim: wget over https is not simulated (the simulated servers speak plain http)");
        return if busybox { 1 } else { 5 };
    }
    let mut url = if url.contains("://") { url } else { format!("http://{url}") };
    if !url["http://".len()..].contains('/') {
        url.push('/');
    }
    let mut send = Send::get();
    if let Some(data) = &o.post {
        send.method = "POST".into();
        send.body = data.clone();
        send.content_type = "application/x-www-form-urlencoded".into();
    }
    if o.spider && !busybox {
        send.method = "HEAD".into();
    }
    let agent = o.agent.clone().unwrap_or_else(|| if busybox { "Wget".into() } else { "Wget/1.21.4".into() });
    send.headers = vec![("User-Agent".into(), agent)];
    send.headers.extend(o.headers.iter().cloned());
    let say = |out: &mut Out, text: &str| {
        if !o.quiet {
            out.eline(text);
        }
    };
    if o.spider && !busybox {
        say(out, "Spider mode enabled. Check if remote file exists.");
    }
    let mut hops = 0;
    let resp = loop {
        let (host, port, path) = split(&url);
        let stamp = crate::time::rfc3339(engine.daemon.now).replace('T', " ").trim_end_matches('Z').to_string();
        let ip = match engine.daemon.lookup(Some(from), &host) {
            Some(Peer::Container(_, ip) | Peer::Host(ip) | Peer::Nowhere(ip)) => super::networks::ip_text(ip),
            Some(Peer::Itself) => "127.0.0.1".to_string(),
            None if busybox => {
                out.eline(format!("wget: bad address '{host}'"));
                return 1;
            }
            None => {
                say(out, &format!("--{stamp}--  {url}\nResolving {host} ({host})... failed: Name or service not known."));
                out.eline(format!("wget: unable to resolve host address ‘{host}’"));
                return 4;
            }
        };
        let connecting = if host.parse::<std::net::Ipv4Addr>().is_ok() {
            format!("Connecting to {host}:{port}... ")
        } else {
            format!("Connecting to {host} ({host})|{ip}|:{port}... ")
        };
        if busybox {
            say(out, &format!("Connecting to {host} ({ip}:{port})"));
        } else {
            say(out, &format!("--{stamp}--  {url}"));
            if host.parse::<std::net::Ipv4Addr>().is_err() {
                say(out, &format!("Resolving {host} ({host})... {ip}"));
            }
        }
        let r = request_with(engine, Some(from), &host, port, &path, &send);
        let resp = match r {
            Ok(r) => r,
            Err(Failure::NotModelled(program)) => {
                out.eline(format!(
                    "dockersim: the server behind port {port} ({program}) accepts connections, but its HTTP answers are not simulated"
                ));
                return if busybox { 1 } else { 4 };
            }
            Err(Failure::Reset) if busybox => {
                out.eline("wget: error getting response: Connection reset by peer");
                return 1;
            }
            Err(_) if busybox => {
                out.eline(format!("wget: can't connect to remote host ({ip}): Connection refused"));
                return 1;
            }
            Err(Failure::Reset) => {
                say(out, &format!("{connecting}connected.\nHTTP request sent, awaiting response... Read error (Connection reset by peer) in headers.\nRetrying.\n"));
                out.eline("dockersim: wget gives up after the first retry here");
                return 4;
            }
            Err(_) => {
                say(out, &format!("{connecting}failed: Connection refused."));
                return 4;
            }
        };
        let now = engine.daemon.now;
        let headers = resp.header_list(now);
        let head_lines: String = std::iter::once(format!("  HTTP/1.1 {} {}", resp.status, resp.reason))
            .chain(headers.iter().map(|(k, v)| format!("  {k}: {v}")))
            .map(|l| l + "\n")
            .collect();
        if busybox {
            if o.server_response {
                out.err(&head_lines);
            }
        } else {
            say(out, &format!("{connecting}connected."));
            if o.server_response {
                say(out, &format!("HTTP request sent, awaiting response... \n{}", head_lines.trim_end()));
            } else {
                say(out, &format!("HTTP request sent, awaiting response... {} {}", resp.status, resp.reason));
            }
        }
        let location = resp.header("Location").map(str::to_string);
        if (300..400).contains(&resp.status) && resp.status != 304 {
            if let Some(loc) = location {
                hops += 1;
                let next = if loc.contains("://") {
                    loc.clone()
                } else {
                    let (h, p, _) = split(&url);
                    if p == 80 {
                        format!("http://{h}{loc}")
                    } else {
                        format!("http://{h}:{p}{loc}")
                    }
                };
                if hops > 20 {
                    out.eline(if busybox { "wget: too many redirections".to_string() } else { "20 redirections exceeded.".to_string() });
                    return if busybox { 1 } else { 8 };
                }
                if !busybox {
                    say(out, &format!("Location: {loc} [following]"));
                }
                url = next;
                continue;
            }
        }
        break resp;
    };
    if resp.status >= 400 {
        if busybox {
            out.eline(format!("wget: server returned error: HTTP/1.1 {} {}", resp.status, resp.reason));
            return 1;
        }
        let stamp = crate::time::rfc3339(engine.daemon.now).replace('T', " ").trim_end_matches('Z').to_string();
        if o.spider {
            say(out, "Remote file does not exist -- broken link!!!");
        } else {
            say(out, &format!("{stamp} ERROR {}: {}.\n", resp.status, resp.reason));
        }
        return 8;
    }
    if o.spider {
        if busybox {
            say(out, "remote file exists");
        } else {
            say(out, &length_line(&resp, engine.daemon.now));
            if resp.header("Content-Type").is_some_and(|t| t.starts_with("text/html")) || resp.content_type.starts_with("text/html") {
                say(out, "Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n");
            } else {
                say(out, "Remote file exists.\n");
            }
        }
        return 0;
    }
    let (_, _, path) = split(&url);
    let file = o.output.clone().unwrap_or_else(|| {
        let name = path.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("");
        if name.is_empty() {
            "index.html".to_string()
        } else {
            name.to_string()
        }
    });
    save(engine, from, &o, busybox, &file, &resp, out)
}

/// GNU wget's `Length:` line.
fn length_line(resp: &HttpResponse, now: i64) -> String {
    let ty = resp.header_list(now).into_iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Type")).map(|(_, v)| v);
    let ty = ty.map(|t| format!(" [{t}]")).unwrap_or_default();
    let headers = resp.header_list(now);
    match headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")) {
        Some((_, n)) => format!("Length: {n}{ty}"),
        None => format!("Length: unspecified{ty}"),
    }
}

fn save(engine: &mut Engine, from: &str, o: &Opts, busybox: bool, file: &str, resp: &HttpResponse, out: &mut Out) -> i32 {
    let size = resp.body.len();
    let now = engine.daemon.now;
    let say = |out: &mut Out, text: &str| {
        if !o.quiet {
            out.eline(text);
        }
    };
    let stamp = crate::time::rfc3339(now).replace('T', " ").trim_end_matches('Z').to_string();
    let to_stdout = file == "-";
    if !busybox {
        say(out, &length_line(resp, now));
        say(out, &format!("Saving to: ‘{}’\n", if to_stdout { "STDOUT" } else { file }));
    } else if to_stdout {
        say(out, "writing to stdout");
    } else {
        say(out, &format!("saving to '{file}'"));
    }
    // GNU wget does not overwrite: a second download becomes `FILE.1`.
    let mut target = file.to_string();
    if !to_stdout {
        let c = engine.daemon.containers.get_mut(from);
        if let Some(c) = c {
            let dir = crate::container::process::workdir(c);
            if !busybox && o.output.is_none() {
                let mut n = 1;
                while c.fs.exists(&vfs::join(&dir, &target)) && n < 1000 {
                    target = format!("{file}.{n}");
                    n += 1;
                }
            }
            let path = vfs::join(&dir, &target);
            if let Err(e) = c.fs.write(&path, Content::from_bytes(resp.body.clone()), Meta::new(0o644, now)) {
                out.eline(if busybox { format!("wget: can't open '{file}': {}", e.reason()) } else { format!("{file}: {}", e.reason()) });
                return if busybox { 1 } else { 3 };
            }
        }
        engine.daemon.sync_out(&mut engine.host.fs, from);
    } else {
        out.out(&resp.body);
    }
    if busybox {
        let name = if to_stdout { "-" } else { &target };
        say(out, &format!("{name:<20} 100% |********************************| {size:>5}  0:00:00 ETA"));
        say(out, &if to_stdout { "written to stdout".to_string() } else { format!("'{target}' saved") });
    } else {
        let name = if to_stdout { "-" } else { &target };
        say(out, &format!("{name:<19} 100%[===================>] {size:>7}  --.-KB/s    in 0s      \n"));
        let what = if to_stdout { format!("written to stdout [{size}/{size}]") } else { format!("‘{target}’ saved [{size}/{size}]") };
        say(out, &format!("{stamp} (10.0 MB/s) - {what}\n"));
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_bundle_and_unknown_ones_are_refused() {
        let o = parse(&["-qO-".into(), "web".into()], true).ok().unwrap();
        assert!(o.quiet && o.output.as_deref() == Some("-") && o.url.as_deref() == Some("web"));
        let o = parse(&["-qS".into(), "-O".into(), "f".into(), "web".into()], false).ok().unwrap();
        assert!(o.quiet && o.server_response && o.output.as_deref() == Some("f"));
        assert!(parse(&["--mirror".into(), "web".into()], false).is_err());
    }
}
