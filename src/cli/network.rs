//! The simulated network: `curl` and `wget` from the host reach published
//! ports on localhost (and containers by their address); from inside a
//! container, localhost is the container itself and other containers are
//! reached by the names `networks::lookup` resolves. Unknown hosts do not
//! resolve (the simulation has no internet).

use super::Out;
use crate::container::http::Request;
use crate::container::service::HttpResponse;
use crate::container::Stream;
use crate::daemon::Peer;
use crate::Engine;

/// Why a request got no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    Unresolved,
    Refused,
    /// Something listens but does not speak HTTP there.
    Reset,
    /// A catalog server listens there whose answers the simulator does not
    /// model (the program's name).
    NotModelled(String),
}

/// A request with a method, headers and body (`curl -X POST -H … -d …`).
/// A HEAD request gets the headers of the GET answer and no body.
pub fn request_with(
    engine: &mut Engine,
    from: Option<&str>,
    host: &str,
    port: u16,
    path: &str,
    send: &super::jsnet::Send,
) -> Result<HttpResponse, Failure> {
    let mut resp = answer(engine, from, host, port, path, send)?;
    if send.method == "HEAD" {
        resp.headers = resp.header_list(engine.daemon.now);
        resp.body.clear();
    }
    Ok(resp)
}

fn answer(
    engine: &mut Engine,
    from: Option<&str>,
    host: &str,
    port: u16,
    path: &str,
    send: &super::jsnet::Send,
) -> Result<HttpResponse, Failure> {
    let (id, container_port) = listener(engine, from, host, port)?;
    let host_header = if port == 80 { host.to_string() } else { format!("{host}:{port}") };
    let mut headers = send.headers.clone();
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("Host")) {
        headers.insert(0, ("Host".to_string(), host_header.clone()));
    }
    let host_header = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Host")).map(|(_, v)| v.clone()).unwrap_or(host_header);
    let req = Request { method: &send.method, target: path, headers: &headers, body: &send.body, content_type: &send.content_type };
    if !serves_http(engine, &id, container_port) {
        let idle = engine
            .daemon
            .containers
            .get(&id)
            .filter(|c| c.is_running())
            .and_then(|c| crate::container::process::idle_server(c, container_port));
        return Err(idle.map_or(Failure::Refused, Failure::NotModelled));
    }
    engine.daemon.sync_in(&mut engine.host.fs, &id);
    if let Some(r) = nginx(engine, from, &id, container_port, &req) {
        return Ok(r);
    }
    let now = engine.daemon.now;
    if let Some(crate::container::Service::Registry { .. }) = engine.daemon.containers.get(&id).and_then(|c| c.service.as_ref()) {
        let outside = from != Some(id.as_str());
        return Ok(super::registry::http(engine, &id, path, outside));
    }
    if super::jsnet::serves_node(engine, &id) {
        return super::jsnet::node_request(engine, &id, container_port, path, send);
    }
    let client = client_address(engine, from, &id);
    let seen_from = |line: &str| line.replacen("172.17.0.1", &client, 1);
    let c = engine.daemon.containers.get_mut(&id).ok_or(Failure::Refused)?;
    let outside = from != Some(id.as_str());
    let resp = if let Some(svc @ crate::container::Service::PyApp { .. }) = c.service.clone() {
        // The app may reach other containers (redis): it runs over a copy of its files.
        let fs = c.fs.clone();
        let mut net = super::pynet::EngineNet { engine, from: id.clone() };
        let r = svc
            .ports()
            .contains(&container_port)
            .then(|| svc.py_respond(&fs, now, outside, &req, Some(&host_header), Some(&mut net)))
            .flatten();
        let c = engine.daemon.containers.get_mut(&id).ok_or(Failure::Refused)?;
        if let Some(log) = r.as_ref().and_then(|r| r.log.clone()) {
            for line in log.lines() {
                c.logs.push((Stream::Stderr, seen_from(line)));
            }
        }
        return r.ok_or(Failure::Reset);
    } else if let Some(crate::container::Service::Httpd(h)) =
        c.service.clone().filter(|s| matches!(s, crate::container::Service::Httpd(h) if h.port == container_port && h.php.is_some()))
    {
        // Apache's PHP scripts may reach other containers (mysqli, PDO): they run over a copy of its files.
        let fs = c.fs.clone();
        let mut net = super::pynet::EngineNet { engine, from: id.clone() };
        let client = client_address(net.engine, from, &id);
        let r = h.respond_net(&fs, &req, now, &client, Some(&mut net));
        let c = engine.daemon.containers.get_mut(&id).ok_or(Failure::Refused)?;
        if let Some(log) = &r.log {
            let svc = c.service.clone();
            for line in log.lines() {
                let stream = svc.as_ref().map_or(Stream::Stdout, |s| s.log_stream(line));
                c.logs.push((stream, seen_from(line)));
            }
        }
        return Ok(r);
    } else {
        c.service.as_ref().and_then(|s| s.respond_to(container_port, &req, &c.fs, now, outside)).ok_or(Failure::Reset)?
    };
    if let Some(svc) = c.service.as_mut() {
        for line in svc.first_request_log(now) {
            c.logs.push((Stream::Stdout, line));
        }
    }
    if let (Some(log), Some(svc)) = (&resp.log, c.service.as_ref()) {
        for line in log.lines() {
            c.logs.push((svc.log_stream(line), seen_from(line)));
        }
    }
    Ok(resp)
}

/// Resolves `host` from container `from`, or from the host machine (None),
/// whose own `/etc/hosts` comes first (`127.0.0.1 php-docker.local`, as
/// tutorials have the learner add).
pub fn lookup(engine: &Engine, from: Option<&str>, host: &str) -> Option<crate::daemon::Peer> {
    if from.is_none() && crate::network::parse_ip(host).is_none() {
        let hosts = engine.host.fs.read("/etc/hosts").unwrap_or_default();
        let text = String::from_utf8_lossy(&hosts);
        let listed = text.lines().map(|l| l.split('#').next().unwrap_or("")).find_map(|l| {
            let mut words = l.split_whitespace();
            let addr = words.next()?;
            words.any(|w| w.eq_ignore_ascii_case(host)).then(|| addr.to_string())
        });
        if let Some(addr) = listed {
            return engine.daemon.lookup(None, if addr == "::1" { "127.0.0.1" } else { &addr });
        }
    }
    engine.daemon.lookup(from, host)
}

/// The container and its port that a TCP connection to `host:port` from
/// container `from` (None: the host) goes to: the named container, the
/// container itself for localhost, a published port on a gateway address;
/// Refused when no container is there (whether it listens is `listens`).
pub fn listener(engine: &Engine, from: Option<&str>, host: &str, port: u16) -> Result<(String, u16), Failure> {
    let peer = lookup(engine, from, host).ok_or(Failure::Unresolved)?;
    let target = match peer {
        Peer::Itself => from.map(|id| (id.to_string(), port)),
        Peer::Container(id, _) => Some((id, port)),
        Peer::Host(_) => engine.daemon.containers.iter().find_map(|c| {
            let binding = c.ports.iter().find(|b| b.host_port == Some(port))?;
            c.is_running().then(|| (c.id.clone(), binding.container_port))
        }),
        Peer::Nowhere(_) => None,
    };
    target.ok_or(Failure::Refused)
}

/// Whether container `id` runs a server that answers HTTP on `port`.
fn serves_http(engine: &Engine, id: &str, port: u16) -> bool {
    engine.daemon.containers.get(id).is_some_and(|c| c.is_running() && c.service.as_ref().is_some_and(|s| s.ports().contains(&port)))
}

/// Whether something in container `id` accepts TCP connections on `port`:
/// an HTTP server, a database server (MySQL 3306/33060, PostgreSQL 5432)
/// or Redis (6379).
pub fn listens(engine: &Engine, id: &str, port: u16) -> bool {
    serves_http(engine, id, port) || super::sql::db_ports(engine, id).contains(&port) || port == 6379 && super::pynet::is_redis(engine, id)
}

/// The address a request to container `target` comes from, as its server
/// logs it: the gateway of the target's network for the host (published
/// ports), the other container's address on a network they share, or
/// loopback inside the container itself.
fn client_address(engine: &Engine, from: Option<&str>, target: &str) -> String {
    if from == Some(target) {
        return "127.0.0.1".into();
    }
    let nets = engine.daemon.networks.of(target);
    if let Some(other) = from {
        let mine = engine.daemon.networks.of(other);
        let shared = nets.iter().find_map(|(n, _)| mine.iter().find(|(m, _)| m.name == n.name).and_then(|(_, e)| e.ip));
        if let Some(ip) = shared {
            return super::networks::ip_text(ip);
        }
    }
    nets.iter().find_map(|(n, _)| n.gateway).map(super::networks::ip_text).unwrap_or_else(|| "172.17.0.1".into())
}

/// A container whose main process is a network program (`curl …`, `dig …`; found on its
/// PATH): the request runs on the simulated network and its output becomes
/// the container's log. None for any other program.
pub fn client(engine: &mut Engine, id: &str, argv: &[String]) -> Option<crate::container::process::Outcome> {
    let mut out = Out::default();
    // Through an entrypoint script that execs its arguments (curlimages/curl's).
    let target = engine.daemon.containers.get(id).and_then(|c| crate::container::process::exec_target(c, argv));
    let code = program(engine, id, target.as_deref().unwrap_or(argv), &mut out)?;
    super::programs::log_output(engine, id, out)?;
    Some(crate::container::process::Outcome::Exited(code))
}

/// `ping [-c N] HOST` inside container `from`: BusyBox's (`busybox`) or
/// iputils' (whose replies name the sender by Docker's reverse DNS). Without
/// `-c` it would run until Ctrl-C; the simulation stops after 4 packets and says so.
pub fn ping(engine: &mut Engine, from: &str, args: &[String], busybox: bool, out: &mut Out) -> i32 {
    let mut count = None;
    let mut host = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-c" => count = it.next().and_then(|n| n.parse::<u64>().ok()),
            "-W" | "-w" | "-s" | "-i" | "-t" => {
                it.next();
            }
            s if s.starts_with("-c") => count = s[2..].parse().ok(),
            s if s.starts_with('-') => {}
            s => host = Some(s.to_string()),
        }
    }
    let Some(host) = host else {
        if busybox {
            out.eline(format!("{}\n\nUsage: ping [OPTIONS] HOST", crate::shell::BUSYBOX_BANNER));
        } else {
            out.eline("ping: usage error: Destination address required");
        }
        return if busybox { 1 } else { 2 };
    };
    let (ip, answers) = match engine.daemon.lookup(Some(from), &host) {
        None if busybox => {
            out.eline(format!("ping: bad address '{host}'"));
            return 1;
        }
        None => {
            // The C library's words for an unknown name: musl's or glibc's.
            let musl = engine.daemon.containers.get(from).is_some_and(|c| c.fs.exists("/lib/ld-musl-x86_64.so.1"));
            let why = if musl { "Name does not resolve" } else { "Name or service not known" };
            out.eline(format!("ping: {host}: {why}"));
            return 2;
        }
        Some(Peer::Itself) => (0x7f00_0001, true),
        Some(Peer::Host(ip) | Peer::Container(_, ip)) => (ip, true),
        Some(Peer::Nowhere(ip)) => (ip, false),
    };
    let ip_s = super::networks::ip_text(ip);
    let shown = match engine.daemon.reverse_dns(from, ip) {
        Some(name) => format!("{name} ({ip_s})"),
        None if ip >> 24 == 127 => format!("localhost ({ip_s})"),
        None => ip_s.clone(),
    };
    let n = count.unwrap_or(4).clamp(1, 100);
    let (text, secs) = crate::shell::ping_report(busybox, &host, &ip_s, &shown, n, 1.0, answers);
    out.out(text);
    engine.daemon.now += secs.saturating_sub(1).max(0);
    if count.is_none() {
        out.eline(format!("dockersim: ping without -c runs until it is stopped; the simulation stopped it after {n} packets"));
    }
    if answers {
        0
    } else {
        1
    }
}

/// The network programs a container runs through the engine (`curl`,
/// `wget`, `ping`, `nc` and the DNS clients `dig`, `host`, `nslookup`), when
/// its image has them; None for any other program.
pub fn program(engine: &mut Engine, from: &str, argv: &[String], out: &mut Out) -> Option<i32> {
    program_tty(engine, from, argv, false, out)
}

/// [`program`] with `tty`: whether its standard output is the terminal
/// (an interactive shell's), which curl's progress meter depends on.
pub fn program_tty(engine: &mut Engine, from: &str, argv: &[String], tty: bool, out: &mut Out) -> Option<i32> {
    let prog = argv.first()?.rsplit('/').next()?.to_string();
    if !is_network_program(&prog) {
        return None;
    }
    let c = engine.daemon.containers.get(from)?;
    let path = crate::container::process::find_program(c, &argv[0])?;
    let busybox = c.fs.resolve(&path, true).is_ok_and(|p| p.ends_with("/busybox"));
    let args = &argv[1..];
    Some(match prog.as_str() {
        "curl" => super::curl::curl(engine, Some(from), args, tty, out),
        "wget" => super::wget::wget(engine, from, args, busybox, out),
        "ping" => ping(engine, from, args, busybox, out),
        "nc" => super::netcat::nc(engine, from, args, busybox, out),
        "dig" => super::dns::dig(engine, from, args, out),
        "host" => super::dns::host(engine, from, args, out),
        _ => super::dns::nslookup(engine, from, args, busybox, out),
    })
}

/// Whether `name` is one of the programs `program` runs on the simulated network.
pub fn is_network_program(name: &str) -> bool {
    matches!(name, "curl" | "wget" | "ping" | "nc" | "dig" | "host" | "nslookup")
}

/// nginx's answer when container `id` runs it: from its configuration, or
/// (`proxy_pass`, `fastcgi_pass`) from the upstream it passes the request
/// to, over the simulated network from its own container.
fn nginx(engine: &mut Engine, from: Option<&str>, id: &str, port: u16, req: &Request) -> Option<HttpResponse> {
    use crate::container::nginx::{self, Route, Upstream};
    let client = client_address(engine, from, id);
    let now = engine.daemon.now;
    let c = engine.daemon.containers.get_mut(id)?;
    let Some(crate::container::Service::Nginx { version, conf, served }) = c.service.as_mut() else { return None };
    *served += 1;
    let conn = *served;
    let (version, conf) = (version.clone(), conf.clone());
    let route = nginx::respond(&version, &conf, port, req, &c.fs, now, &client, conn);
    let (resp, logs) = match route {
        Route::Done(r, logs) => (r, logs),
        Route::Onward(o) => {
            let peer = o.peers[(conn as usize - 1) % o.peers.len().max(1)].clone();
            let (host, up_port) = match peer.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p.parse().unwrap_or(80)),
                None => (peer.clone(), if o.fastcgi { 9000 } else { 80 }),
            };
            // nginx connects to the address the name had when it started.
            let ip = conf.ips.get(&host).cloned().or_else(|| {
                let mut net = super::pynet::EngineNet { engine: &mut *engine, from: id.to_string() };
                crate::apps::PyNet::resolve(&mut net, &host)
            });
            let up = match ip {
                None => Upstream::Unresolved,
                Some(ip) => {
                    let addr = format!("{ip}:{up_port}");
                    let gone = matches!(engine.daemon.lookup(Some(id), &ip), None | Some(crate::daemon::Peer::Nowhere(_)));
                    if gone {
                        Upstream::Unreachable(addr)
                    } else if engine.daemon.proxy_depth >= 4 {
                        Upstream::Refused(addr)
                    } else {
                        engine.daemon.proxy_depth += 1;
                        let up = if o.fastcgi {
                            fastcgi(engine, id, &ip, up_port, &o, req.body, &addr)
                        } else {
                            let send = super::jsnet::Send {
                                method: o.method.clone(),
                                body: req.body.to_string(),
                                content_type: req.content_type.to_string(),
                                files: Vec::new(),
                                headers: o.headers.clone(),
                            };
                            match answer(engine, Some(id), &ip, up_port, &o.target, &send) {
                                Ok(r) => Upstream::Answer(r),
                                Err(_) => Upstream::Refused(addr.clone()),
                            }
                        };
                        engine.daemon.proxy_depth -= 1;
                        up
                    }
                }
            };
            let shown = match &up {
                Upstream::Refused(a) | Upstream::Unreachable(a) => a.clone(),
                _ => peer.clone(),
            };
            (nginx::finish(&o.finish, &shown, up, now), o.finish.logs.clone())
        }
    };
    let c = engine.daemon.containers.get_mut(id)?;
    if let Some(log) = &resp.log {
        // The official image links its logs to /dev/stdout and /dev/stderr;
        // Debian's nginx writes them to files.
        for line in log.lines() {
            let error = line.as_bytes().get(4) == Some(&b'/') || line.starts_with("dockersim:");
            let path = if error { &logs.error } else { &logs.access };
            use crate::container::LogDest;
            match crate::container::nginx_log_dest(&c.fs, path) {
                _ if line.starts_with("dockersim:") => c.logs.push((Stream::Stderr, line.to_string())),
                LogDest::Stdout => c.logs.push((Stream::Stdout, line.to_string())),
                LogDest::Stderr => c.logs.push((Stream::Stderr, line.to_string())),
                LogDest::File(file) => {
                    let _ = c.fs.append(&file, format!("{line}\n").as_bytes(), crate::vfs::Meta::new(0o640, now));
                }
                LogDest::Nowhere => {}
            }
        }
    }
    Some(resp)
}

/// A FastCGI request from nginx in container `from` to php-fpm at `host:port`.
fn fastcgi(
    engine: &mut Engine,
    from: &str,
    host: &str,
    port: u16,
    o: &crate::container::nginx::Onward,
    body: &str,
    addr: &str,
) -> crate::container::nginx::Upstream {
    use crate::container::nginx::Upstream;
    let Ok((fpm, fpm_port)) = listener(engine, Some(from), host, port) else { return Upstream::Refused(addr.to_string()) };
    let client = client_address(engine, Some(from), &fpm);
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get(&fpm).filter(|c| c.is_running()) else { return Upstream::Refused(addr.to_string()) };
    let Some(crate::container::Service::PhpFpm { port: listens, version, env, ini }) = c.service.clone() else {
        return Upstream::Refused(addr.to_string());
    };
    if listens != fpm_port {
        return Upstream::Refused(addr.to_string());
    }
    engine.daemon.sync_in(&mut engine.host.fs, &fpm);
    let fs = engine.daemon.containers.get(&fpm).map(|c| c.fs.clone()).unwrap_or_default();
    let answer = {
        let mut net = super::pynet::EngineNet { engine: &mut *engine, from: fpm.clone() };
        let conf = crate::container::php_fpm::Fpm { version: &version, env: &env, ini: &ini };
        crate::container::php_fpm::respond(&fs, &o.headers, body, &conf, now, &client, Some(&mut net))
    };
    if let Some(c) = engine.daemon.containers.get_mut(&fpm) {
        for line in &answer.log {
            c.logs.push((Stream::Stderr, line.clone()));
        }
    }
    Upstream::Cgi { status: answer.status, headers: answer.headers, body: answer.body, stderr: answer.stderr }
}
