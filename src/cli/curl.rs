//! `curl` on the host and in containers, over the simulated network: its
//! options (`-i -I -v -L -o -O -s -S -f -X -H -d -u -w -m --retry…`), the
//! request it sends (Host, User-Agent, Accept, the headers given), the
//! response as it prints it, `-v`'s `*`/`>`/`<` lines as curl 8 prints them
//! for plain http, the progress meter when the body does not go to a
//! terminal, and its errors and exit codes. An option the simulation does
//! not model says so on a `dockersim:` line and fails.

use super::jsnet::Send;
use super::network::{request_with, Failure};
use super::Out;
use crate::container::service::HttpResponse;
use crate::daemon::Peer;
use crate::vfs::{self, Content, Meta};
use crate::Engine;

/// What the command line asked for.
#[derive(Default)]
struct Opts {
    include: bool,
    head: bool,
    verbose: bool,
    silent: bool,
    show_error: bool,
    fail: bool,
    fail_with_body: bool,
    follow: bool,
    max_redirs: Option<i64>,
    output: Option<String>,
    remote_name: bool,
    write_out: Option<String>,
    user: Option<String>,
    agent: Option<String>,
    get: bool,
    retry: u32,
    retry_delay: Option<i64>,
    retry_connrefused: bool,
    retry_all: bool,
    no_meter: bool,
    custom_method: bool,
    urls: Vec<String>,
}

/// curl's short options one by one: `-fsSL` → `-f -s -S -L`, `-sIo f` →
/// `-s -I -o f`, `-XPOST` → `-X POST` (a value-taking letter takes the rest
/// of the word, or the next word). A word with a letter curl does not know
/// stays as it is.
fn bundled_flags(args: &[String]) -> Vec<String> {
    const SWITCHES: &str = "sSLfiIvkqNg0123456GjJlnOR#Z";
    const VALUED: &str = "oXHduAmTewFxbcrzKEYC";
    let mut out = Vec::new();
    for a in args {
        let Some(letters) = a.strip_prefix('-').filter(|l| l.len() > 1 && !l.starts_with('-')) else {
            out.push(a.clone());
            continue;
        };
        let mut split = Vec::new();
        let mut ok = true;
        for (i, c) in letters.char_indices() {
            if VALUED.contains(c) {
                split.push(format!("-{c}"));
                let rest = &letters[i + c.len_utf8()..];
                if !rest.is_empty() {
                    split.push(rest.to_string());
                }
                break;
            } else if SWITCHES.contains(c) {
                split.push(format!("-{c}"));
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            out.extend(split);
        } else {
            out.push(a.clone());
        }
    }
    out
}

/// Reads the options; Err is the message and exit code of a refusal.
fn parse(args: &[String], send: &mut Send) -> Result<Opts, (String, i32)> {
    let mut o = Opts::default();
    let args = bundled_flags(args);
    let mut it = args.iter();
    let unsupported = |a: &str| (format!("dockersim: curl's option {a} is not simulated"), 2);
    while let Some(a) = it.next() {
        if a.starts_with("-X") || a == "--request" || a.starts_with("--request=") {
            o.custom_method = true;
        }
        if super::jsnet::curl_flag(a, &mut it, send) {
            continue;
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let value = |it: &mut std::slice::Iter<String>| -> Result<String, (String, i32)> {
            inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| {
                (format!("curl: option {flag}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information"), 2)
            })
        };
        match flag {
            "-i" | "--include" | "--show-headers" => o.include = true,
            "-I" | "--head" => o.head = true,
            "-v" | "--verbose" => o.verbose = true,
            "-s" | "--silent" => o.silent = true,
            "-S" | "--show-error" => o.show_error = true,
            "-f" | "--fail" => o.fail = true,
            "--fail-with-body" => o.fail_with_body = true,
            "-L" | "--location" => o.follow = true,
            "--max-redirs" => o.max_redirs = Some(value(&mut it)?.parse().map_err(|_| bad_number("--max-redirs"))?),
            "-o" | "--output" => o.output = Some(value(&mut it)?),
            "-O" | "--remote-name" => o.remote_name = true,
            "-w" | "--write-out" => o.write_out = Some(value(&mut it)?),
            "-u" | "--user" => o.user = Some(value(&mut it)?),
            "-A" | "--user-agent" => o.agent = Some(value(&mut it)?),
            "-e" | "--referer" => {
                let r = value(&mut it)?;
                send.headers.push(("Referer".into(), r));
            }
            "-G" | "--get" => o.get = true,
            "-m" | "--max-time" | "--connect-timeout" => {
                value(&mut it)?.parse::<f64>().map_err(|_| bad_number(flag))?;
            }
            "--retry" => o.retry = value(&mut it)?.parse().map_err(|_| bad_number("--retry"))?,
            "--retry-delay" => o.retry_delay = Some(value(&mut it)?.parse().map_err(|_| bad_number("--retry-delay"))?),
            "--retry-max-time" => {
                value(&mut it)?.parse::<i64>().map_err(|_| bad_number("--retry-max-time"))?;
            }
            "--retry-connrefused" => o.retry_connrefused = true,
            "--retry-all-errors" => o.retry_all = true,
            "--no-progress-meter" => o.no_meter = true,
            // Nothing here changes over plain http on the simulated network.
            "-k" | "--insecure" | "-4" | "-6" | "--ipv4" | "--ipv6" | "--compressed" | "-N" | "--no-buffer" | "-q" | "--disable"
            | "--http1.1" | "-#" | "--progress-bar" | "--no-keepalive" | "--globoff" | "-g" | "--tcp-nodelay" => {}
            "-h" | "--help" | "--manual" | "-M" => return Err(unsupported(flag)),
            "--url" => o.urls.push(value(&mut it)?),
            s if s.starts_with('-') && s.len() > 1 => return Err(unsupported(s)),
            s => o.urls.push(s.to_string()),
        }
    }
    Ok(o)
}

fn bad_number(flag: &str) -> (String, i32) {
    (
        format!(
            "curl: option {flag}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information"
        ),
        2,
    )
}

/// A URL's parts: scheme, host, port, target (path and query).
fn split_url(url: &str) -> (String, String, u16, String) {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_string(), url),
    };
    let rest = rest.split('#').next().unwrap_or(rest);
    let (hostport, target) = match rest.find(['/', '?']) {
        Some(i) if rest[i..].starts_with('?') => (&rest[..i], format!("/{}", &rest[i..])),
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
    let default = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => (h.to_string(), p.parse::<u16>().unwrap_or(0)),
        _ => (hostport.to_string(), default),
    };
    (scheme, host, port, target)
}

/// `Location` resolved against the URL it answered.
fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let (scheme, host, port, target) = split_url(base);
    let origin = if port == 80 { format!("{scheme}://{host}") } else { format!("{scheme}://{host}:{port}") };
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let dir = target.split('?').next().unwrap_or("/");
    let dir = &dir[..dir.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{dir}{location}")
}

/// curl's numbers in at most five columns (`  615`, `600k`, ` 12M`).
fn max5(n: u64) -> String {
    if n < 100_000 {
        format!("{n:>5}")
    } else if n < 10_000 * 1024 {
        format!("{:>4}k", n / 1024)
    } else {
        format!("{:>4}M", n / (1024 * 1024))
    }
}

/// The progress meter curl draws on stderr when the body does not go to the terminal.
fn meter(size: usize) -> String {
    let speed = max5(size as u64 * 1000);
    let total = max5(size as u64);
    format!(
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 {total}  100 {total}    0     0  {speed}      0 --:--:-- --:--:-- --:--:-- {speed}\n"
    )
}

/// `curl` on the host (`from` = None: published ports answer on localhost)
/// or inside container `from` (localhost is the container itself); `tty`:
/// its standard output is the terminal.
pub fn curl(engine: &mut Engine, from: Option<&str>, args: &[String], tty: bool, out: &mut Out) -> i32 {
    let version_text = match from.and_then(|id| engine.daemon.containers.get(id)) {
        Some(c) => crate::shell::curl_version(&c.fs),
        None => crate::shell::curl_version(&engine.host.fs),
    };
    if args.iter().any(|a| a == "--version" || a == "-V") {
        out.out(version_text);
        return 0;
    }
    let version = version_text.split_whitespace().nth(1).unwrap_or("8.5.0").to_string();
    let mut send = Send::get();
    let mut o = match parse(args, &mut send) {
        Ok(o) => o,
        Err((msg, code)) => {
            out.eline(msg);
            return code;
        }
    };
    if o.urls.is_empty() {
        out.eline("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information");
        return 2;
    }
    if o.head {
        if !send.body.is_empty() || !send.files.is_empty() {
            out.eline("Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).");
            return 2;
        }
        if !o.custom_method {
            send.method = "HEAD".into();
        }
    }
    if o.user.as_deref().is_some_and(|u| !u.contains(':')) {
        out.eline("dockersim: curl -u without a password would prompt for it; the simulation has no prompt here (use -u user:password)");
        return 2;
    }
    super::jsnet::read_data_files(engine, from, &mut send, out);
    if o.get && !send.body.is_empty() {
        let data = std::mem::take(&mut send.body);
        for u in o.urls.iter_mut() {
            u.push(if u.contains('?') { '&' } else { '?' });
            u.push_str(&data);
        }
        if !o.custom_method {
            send.method = "GET".into();
        }
        send.content_type.clear();
    }
    let mut status = 0;
    let urls = o.urls.clone();
    for (n, url) in urls.iter().enumerate() {
        status = transfer(engine, from, &o, &send, url, n == 0, &version, tty, out);
    }
    status
}

/// One URL (and the redirects `-L` follows); the exit code.
#[allow(clippy::too_many_arguments)]
fn transfer(
    engine: &mut Engine,
    from: Option<&str>,
    o: &Opts,
    send: &Send,
    url: &str,
    first: bool,
    version: &str,
    tty: bool,
    out: &mut Out,
) -> i32 {
    let show_err = !o.silent || o.show_error;
    let fail = |out: &mut Out, code: i32, msg: &str| {
        if o.verbose {
            out.eline("* Closing connection");
        }
        if show_err {
            out.eline(format!("curl: ({code}) {msg}"));
        }
        code
    };
    let file = match (&o.output, o.remote_name) {
        (Some(f), _) if first => Some(f.clone()),
        (_, true) => {
            let name = split_url(url).3.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
            if name.is_empty() {
                if show_err {
                    out.eline("curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application");
                }
                return 23;
            }
            Some(name)
        }
        _ => None,
    };
    let mut url = if url.contains("://") { url.to_string() } else { format!("http://{url}") };
    let mut send = send.clone();
    let mut redirects = 0i64;
    let mut printed = String::new();
    let mut retries_left = o.retry;
    let mut delay = o.retry_delay.unwrap_or(1).max(0);
    let resp = loop {
        let (scheme, host, port, target) = split_url(&url);
        if scheme != "http" {
            let code = if scheme == "https" { 35 } else { 1 };
            let msg = if scheme == "https" {
                "OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number".to_string()
            } else {
                format!("Protocol \"{scheme}\" not supported")
            };
            return fail(out, code, &msg);
        }
        let authority = if port == 80 { host.clone() } else { format!("{host}:{port}") };
        let mut headers: Vec<(String, String)> = Vec::new();
        let given = |name: &str| send.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        headers.push(("Host".into(), given("Host").unwrap_or(authority.clone())));
        if let Some(u) = &o.user {
            headers.push(("Authorization".into(), format!("Basic {}", crate::base64::encode(u.as_bytes()))));
        }
        headers.push(("User-Agent".into(), given("User-Agent").or_else(|| o.agent.clone()).unwrap_or(format!("curl/{version}"))));
        headers.push(("Accept".into(), given("Accept").unwrap_or("*/*".into())));
        for (k, v) in &send.headers {
            if !matches!(k.to_ascii_lowercase().as_str(), "host" | "user-agent" | "accept" | "content-type") {
                headers.push((k.clone(), v.clone()));
            }
        }
        if !send.body.is_empty() || send.method == "POST" && !send.content_type.is_empty() {
            headers.push(("Content-Type".into(), send.content_type.clone()));
            headers.push(("Content-Length".into(), send.body.len().to_string()));
        }
        let mut verbose = String::new();
        let addr = connect_lines(engine, from, &host, port, &mut verbose);
        let mut req = send.clone();
        req.headers = headers.clone();
        let result = match &addr {
            None => Err(Failure::Unresolved),
            Some(_) => request_with(engine, from, &host, port, &target, &req),
        };
        let addrs = addr.unwrap_or_default();
        let now = engine.daemon.now;
        let resp = match result {
            Ok(r) => {
                verbose.push_str(&connecting(&host, port, &addrs, false, now));
                r
            }
            Err(e) => {
                match e {
                    Failure::Refused => verbose.push_str(&connecting(&host, port, &addrs, true, now)),
                    Failure::Reset | Failure::NotModelled(_) => verbose.push_str(&connecting(&host, port, &addrs, false, now)),
                    Failure::Unresolved => {}
                }
                if o.verbose {
                    out.err(&verbose);
                }
                let (code, msg) = match e {
                    Failure::Unresolved => (6, format!("Could not resolve host: {host}")),
                    Failure::Refused => (7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server")),
                    Failure::Reset => (56, "Recv failure: Connection reset by peer".to_string()),
                    Failure::NotModelled(program) => {
                        out.eline(format!("dockersim: the server behind port {port} ({program}) accepts connections, but its HTTP answers are not simulated"));
                        (52, "Empty reply from server".to_string())
                    }
                };
                if o.verbose && code == 7 {
                    out.eline(format!("* {msg}"));
                }
                if retries_left > 0 && (o.retry_all || code == 7 && o.retry_connrefused) {
                    if show_err {
                        let why = if o.retry_all { "(retrying all errors)" } else { ": connection refused" };
                        out.eline(retry_warning(why, delay, retries_left));
                    }
                    engine.daemon.now += delay;
                    retries_left -= 1;
                    delay = if o.retry_delay.is_some() { delay } else { (delay * 2).min(600) };
                    continue;
                }
                return fail(out, code, &msg);
            }
        };
        let now = engine.daemon.now;
        let head_text = response_head(&resp, now);
        if o.verbose {
            verbose.push_str(&request_lines(&send.method, &target, &headers));
            verbose.push_str(&head_text.lines().map(|l| format!("< {l}\n")).collect::<String>());
            out.err(&verbose);
        }
        let transient = matches!(resp.status, 408 | 429 | 500 | 502 | 503 | 504);
        if retries_left > 0 && (transient || o.retry_all && resp.status >= 400) {
            if show_err {
                out.eline(retry_warning(if o.retry_all { "(retrying all errors)" } else { ": HTTP error" }, delay, retries_left));
            }
            engine.daemon.now += delay;
            retries_left -= 1;
            delay = if o.retry_delay.is_some() { delay } else { (delay * 2).min(600) };
            continue;
        }
        let location = resp.header("Location").map(str::to_string);
        if o.follow && (300..400).contains(&resp.status) && resp.status != 304 {
            if let Some(loc) = location {
                if o.include || o.head {
                    // Shown as they arrive: a later failure does not take them back.
                    if file.is_none() {
                        out.out(&head_text);
                    } else {
                        printed.push_str(&head_text);
                    }
                }
                let max = o.max_redirs.unwrap_or(50);
                if max >= 0 && redirects >= max {
                    return fail(out, 47, &format!("Maximum ({max}) redirects followed"));
                }
                redirects += 1;
                let next = resolve(&url, &loc);
                if o.verbose {
                    out.eline(format!("* Ignoring the response-body\n* Connection #0 to host {host} left intact\n* Issue another request to this URL: '{next}'"));
                }
                if matches!(resp.status, 301..=303) && send.method == "POST" && !o.custom_method
                    || resp.status == 303 && send.method != "HEAD"
                {
                    send.method = "GET".into();
                    send.body.clear();
                    send.content_type.clear();
                }
                url = next;
                continue;
            }
        }
        break (resp, head_text, host);
    };
    let (resp, head_text, host) = resp;
    if (o.fail || o.fail_with_body) && resp.status >= 400 {
        if o.fail_with_body {
            printed.push_str(&resp.body);
            let _ = emit(engine, from, file.as_deref(), &printed, out);
        }
        return fail(out, 22, &format!("The requested URL returned error: {}", resp.status));
    }
    if o.include || o.head {
        printed.push_str(&head_text);
    }
    printed.push_str(&resp.body);
    let to_terminal = file.is_none() && tty;
    if !o.silent && !o.no_meter && !to_terminal && !o.verbose {
        out.err(meter(resp.body.len()));
    }
    if o.verbose && !to_terminal && !resp.body.is_empty() {
        out.eline(format!("{{ [{} bytes data]", resp.body.len()));
    }
    if let Err(msg) = emit(engine, from, file.as_deref(), &printed, out) {
        if show_err {
            out.eline(msg);
        }
        return 23;
    }
    if o.verbose {
        out.eline(format!("* Connection #0 to host {host} left intact"));
    }
    if let Some(fmt) = &o.write_out {
        write_out(fmt, &resp, &url, redirects, &head_text, out);
    }
    0
}

/// curl 8's warning before a retry.
fn retry_warning(why: &str, delay: i64, left: u32) -> String {
    let s = if delay == 1 { "" } else { "s" };
    let r = if left > 1 { "ies" } else { "y" };
    format!("Warning: Problem {why}. Will retry in {delay} second{s}. {left} retr{r} left.")
}

/// The status line and headers as received (CRLF line ends), with the blank line.
fn response_head(resp: &HttpResponse, now: i64) -> String {
    let mut text = format!("HTTP/1.1 {} {}\r\n", resp.status, resp.reason);
    for (k, v) in resp.header_list(now) {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    text
}

/// `-v`'s request lines.
fn request_lines(method: &str, target: &str, headers: &[(String, String)]) -> String {
    let mut text = format!("> {method} {target} HTTP/1.1\r\n");
    for (k, v) in headers {
        text.push_str(&format!("> {k}: {v}\r\n"));
    }
    text.push_str("> \r\n");
    text
}

/// `-v`'s resolving and connecting lines for `host:port` (curl 8);
/// None when the name does not resolve.
fn connect_lines(engine: &Engine, from: Option<&str>, host: &str, port: u16, text: &mut String) -> Option<Vec<String>> {
    let peer = super::network::lookup(engine, from, host);
    let (v6, v4) = match &peer {
        None => {
            text.push_str(&format!("* Could not resolve host: {host}\n"));
            return None;
        }
        Some(Peer::Itself) if from.is_some() => ("::1".to_string(), "127.0.0.1".to_string()),
        Some(Peer::Itself) => ("::1".to_string(), "127.0.0.1".to_string()),
        Some(Peer::Host(ip) | Peer::Container(_, ip) | Peer::Nowhere(ip)) => {
            let v4 = super::networks::ip_text(*ip);
            let v6 = if host == "localhost" { "::1".to_string() } else { String::new() };
            (v6, v4)
        }
    };
    if host.parse::<std::net::Ipv4Addr>().is_err() {
        text.push_str(&format!("* Host {host}:{port} was resolved.\n"));
        text.push_str(&format!("* IPv6: {}\n", if v6.is_empty() { "(none)" } else { &v6 }));
        text.push_str(&format!("* IPv4: {v4}\n"));
    }
    // Docker publishes ports on [::] too, so the host's curl tries ::1 first.
    let mut addrs = Vec::new();
    if !v6.is_empty() && from.is_none() {
        addrs.push(v6);
    }
    addrs.push(v4);
    Some(addrs)
}

/// `-v`'s lines for connecting to the first of `addrs`, or (`refused`)
/// failing on each in turn.
fn connecting(host: &str, port: u16, addrs: &[String], refused: bool, now: i64) -> String {
    let mut text = String::new();
    for (i, a) in addrs.iter().enumerate() {
        let shown = if a.contains(':') { format!("[{a}]") } else { a.clone() };
        text.push_str(&format!("*   Trying {shown}:{port}...\n"));
        if !refused {
            text.push_str(&format!("* Connected to {host} ({a}) port {port}\n"));
            return text;
        }
        // The kernel's ephemeral port: any it could pick, fixed per instant.
        let local = 32768 + ((now.rem_euclid(28000)) as usize + 7919 * i) % 28000;
        text.push_str(&format!("* connect to {a} port {port} from {a} port {local} failed: Connection refused\n"));
    }
    text
}

/// Writes what curl prints to stdout or to the `-o` file.
fn emit(engine: &mut Engine, from: Option<&str>, file: Option<&str>, text: &str, out: &mut Out) -> Result<(), String> {
    let Some(f) = file else {
        out.out(text);
        return Ok(());
    };
    match f {
        "-" | "/dev/stdout" => {
            out.out(text);
            return Ok(());
        }
        "/dev/stderr" => {
            out.err(text);
            return Ok(());
        }
        "/dev/null" => return Ok(()),
        _ => {}
    }
    let now = engine.daemon.now;
    let failed = |e: crate::vfs::FsError| {
        let _ = e;
        format!("Warning: Failed to open the file {f}: No such file or directory\ncurl: (23) Failure writing output to destination")
    };
    match from {
        None => {
            let path = vfs::join(&engine.host.cwd, f);
            engine.host.fs.write(&path, Content::from_bytes(text.to_string()), Meta::new(0o644, now)).map_err(failed)
        }
        Some(id) => {
            let Some(c) = engine.daemon.containers.get_mut(id) else { return Ok(()) };
            let path = vfs::join(&crate::container::process::workdir(c), f);
            c.fs.write(&path, Content::from_bytes(text.to_string()), Meta::new(0o644, now)).map_err(failed)
        }
    }
}

/// `curl -w FORMAT`: `%{variable}`s of the transfer, `%header{name}`, `%%`, and `\n`-style escapes.
fn write_out(fmt: &str, resp: &HttpResponse, url: &str, redirects: i64, head: &str, out: &mut Out) {
    let mut text = String::new();
    let mut rest = fmt;
    let (_, host, port, _) = split_url(url);
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("%header{") {
            if let Some(end) = after.find('}') {
                text.push_str(resp.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(&after[..end])).map_or("", |(_, v)| v));
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("%{") {
            if let Some(end) = after.find('}') {
                let var = &after[..end];
                match var {
                    "http_code" | "response_code" => text.push_str(&format!("{:03}", resp.status)),
                    "size_download" => text.push_str(&resp.body.len().to_string()),
                    "size_header" => text.push_str(&head.len().to_string()),
                    "size_upload" | "size_request" => text.push('0'),
                    "content_type" => text.push_str(resp.header("Content-Type").unwrap_or(resp.content_type)),
                    "url_effective" | "url" => text.push_str(url),
                    "redirect_url" => {}
                    "num_redirects" => text.push_str(&redirects.to_string()),
                    "num_connects" => text.push('1'),
                    "exitcode" => text.push('0'),
                    "errormsg" => {}
                    "http_version" => text.push_str("1.1"),
                    "method" => {}
                    "scheme" => text.push_str("http"),
                    "remote_port" => text.push_str(&port.to_string()),
                    "remote_ip" => text.push_str(if host == "localhost" { "::1" } else { &host }),
                    "time_total" | "time_starttransfer" => text.push_str("0.001000"),
                    "time_connect" | "time_pretransfer" | "time_appconnect" => text.push_str("0.000500"),
                    "time_namelookup" => text.push_str("0.000100"),
                    "time_redirect" => text.push_str("0.000000"),
                    "speed_download" => text.push_str(&(resp.body.len() * 1000).to_string()),
                    "speed_upload" => text.push('0'),
                    _ => out.eline(format!("dockersim: curl's --write-out variable '{var}' is not simulated")),
                }
                rest = &after[end + 1..];
                continue;
            }
        }
        let (piece, len) = match (c, rest[c.len_utf8()..].chars().next()) {
            ('%', Some('%')) => ("%", 2),
            ('\\', Some('n')) => ("\n", 2),
            ('\\', Some('t')) => ("\t", 2),
            ('\\', Some('r')) => ("\r", 2),
            ('\\', Some('\\')) => ("\\", 2),
            _ => (&rest[..c.len_utf8()], c.len_utf8()),
        };
        text.push_str(piece);
        rest = &rest[len..];
    }
    out.out(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_and_locations_resolve() {
        assert_eq!(split_url("localhost:8080/a?b=1"), ("http".into(), "localhost".into(), 8080, "/a?b=1".into()));
        assert_eq!(split_url("http://web"), ("http".into(), "web".into(), 80, "/".into()));
        assert_eq!(resolve("http://localhost:8080/admin", "/admin/"), "http://localhost:8080/admin/");
        assert_eq!(resolve("http://localhost:8080/a/b", "c"), "http://localhost:8080/a/c");
        assert_eq!(resolve("http://localhost:8080/a", "http://localhost/a/"), "http://localhost/a/");
    }

    #[test]
    fn the_meter_uses_curls_columns() {
        assert!(meter(3).ends_with("\r100     3  100     3    0     0   3000      0 --:--:-- --:--:-- --:--:--  3000\n"));
        assert_eq!(max5(615_000), " 600k");
    }

    #[test]
    fn unknown_options_are_refused() {
        let mut send = Send::get();
        let err = parse(&["--proxy".to_string(), "x".to_string()], &mut send).err().unwrap();
        assert_eq!(err.1, 2);
        assert!(err.0.starts_with("dockersim:"));
        let o = parse(&["-fsSL".to_string(), "localhost".to_string()], &mut send).ok().unwrap();
        assert!(o.fail && o.silent && o.show_error && o.follow);
    }
}
