//! `nc` inside a container: connection checks (`nc -z HOST PORT`, `-zv`)
//! on the simulated network, in BusyBox's wording (Alpine, busybox) or
//! netcat-openbsd's (nicolaka/netshoot). A connection that would carry
//! data (no `-z`) is not simulated and says so.

use super::network::{listener, listens, Failure};
use super::networks::ip_text;
use super::Out;
use crate::daemon::Peer;
use crate::Engine;

/// The service name `/etc/services` gives a TCP port (netcat-openbsd's `[tcp/NAME]`).
fn service(port: u16) -> &'static str {
    match port {
        22 => "ssh",
        53 => "domain",
        80 => "http",
        443 => "https",
        3306 => "mysql",
        5432 => "postgresql",
        8080 => "http-alt",
        _ => "*",
    }
}

/// `nc [-z] [-v…] [-w N] HOST PORT`; `busybox` picks BusyBox's messages.
pub fn nc(engine: &mut Engine, from: &str, args: &[String], busybox: bool, out: &mut Out) -> i32 {
    let (mut zero, mut verbose, mut numeric) = (false, 0, false);
    let mut words = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-w" | "-i" | "-p" | "-s" | "-W" => {
                it.next();
            }
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    match c {
                        'z' => zero = true,
                        'v' => verbose += 1,
                        'n' => numeric = true,
                        'w' | '4' | '6' => {}
                        _ => {
                            out.eline(format!("dockersim: nc -{c}: not simulated (nc -z[v] HOST PORT is)"));
                            return 1;
                        }
                    }
                }
            }
            s => words.push(s.to_string()),
        }
    }
    let [host, port] = words.as_slice() else {
        if busybox {
            out.eline(format!(
                "{}\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen",
                crate::shell::BUSYBOX_BANNER
            ));
        } else {
            out.eline("usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]");
        }
        return 1;
    };
    let Ok(port_n) = port.parse::<u16>() else {
        out.eline(format!("dockersim: nc: port {port:?} is not simulated (give a port number)"));
        return 1;
    };
    if !zero {
        out.eline(
            "dockersim: nc without -z would carry data over the connection, which is not simulated (nc -z HOST PORT checks the port)",
        );
        return 1;
    }
    let ip = match engine.daemon.lookup(Some(from), host) {
        Some(Peer::Container(_, ip) | Peer::Host(ip) | Peer::Nowhere(ip)) => ip_text(ip),
        Some(Peer::Itself) => "127.0.0.1".to_string(),
        None if busybox => {
            out.eline(format!("nc: bad address '{host}'"));
            return 1;
        }
        None => {
            out.eline(format!("nc: getaddrinfo for host \"{host}\" port {port}: Name does not resolve"));
            return 1;
        }
    };
    let open = match listener(engine, Some(from), host, port_n) {
        Ok((id, p)) => listens(engine, &id, p),
        Err(Failure::NotModelled(_)) => true,
        Err(Failure::Unresolved | Failure::Refused | Failure::Reset) => false,
    };
    if open {
        if verbose > 0 {
            if busybox {
                out.eline(format!("{host} ({ip}:{port}) open"));
            } else {
                let shown = if numeric || *host == ip { String::new() } else { format!(" ({ip})") };
                let svc = if numeric { "*" } else { service(port_n) };
                out.eline(format!("Connection to {host}{shown} {port} port [tcp/{svc}] succeeded!"));
            }
        }
        return 0;
    }
    if busybox {
        // One -v does not report refusals (nc 1.10's scanning rule); -vv does.
        if verbose > 1 {
            out.eline(format!("nc: {host} ({ip}:{port}): Connection refused"));
        }
    } else if verbose > 0 {
        out.eline(format!("nc: connect to {host} port {port} (tcp) failed: Connection refused"));
    }
    1
}
