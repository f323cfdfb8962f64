//! DNS clients inside a container: bind's `dig`, `host` and `nslookup`
//! (Alpine's bind-tools, as in nicolaka/netshoot) and BusyBox's `nslookup`.
//! They ask the first nameserver of the container's `/etc/resolv.conf`:
//! Docker's embedded server (127.0.0.11, on user-defined networks) answers
//! the names of the network's containers (`networks::embedded_dns`) and
//! forwards everything else; the simulation has no internet, so forwarded
//! names do not exist (NXDOMAIN from the root zone).

use super::networks::ip_text;
use super::Out;
use crate::Engine;

/// The bind-tools release nicolaka/netshoot v0.13 ships.
const BIND_VERSION: &str = "9.18.27";
/// The TTL Docker's embedded server gives its answers.
const TTL: u32 = 600;
/// The root zone's SOA, the authority of a forwarded NXDOMAIN.
const ROOT_SOA_NAMES: (&str, &str) = ("a.root-servers.net.", "nstld.verisign-grs.com.");

/// A question's answer as the client receives it.
enum Reply {
    /// From the embedded server: its records (possibly none: NOERROR, no data).
    Local(Vec<Record>),
    /// Forwarded outside: NXDOMAIN with the root zone's SOA.
    NxDomain,
    /// No server to ask (`--network none`): the query times out.
    Unreachable,
}

struct Record {
    kind: &'static str,
    data: String,
}

/// The nameserver container `from` asks (its resolv.conf's first, or `@server`).
fn nameserver(engine: &Engine, from: &str) -> Option<String> {
    let c = engine.daemon.containers.get(from)?;
    let text = String::from_utf8_lossy(&c.fs.read("/etc/resolv.conf").unwrap_or_default()).into_owned();
    text.lines().find_map(|l| l.trim().strip_prefix("nameserver").map(|s| s.trim().to_string()))
}

/// Asks `server` for `name`'s records of type `kind` (A, AAAA, PTR).
fn ask(engine: &Engine, from: &str, server: &str, name: &str, kind: &'static str) -> Reply {
    if server.is_empty() {
        return Reply::Unreachable;
    }
    if server != "127.0.0.11" {
        return Reply::NxDomain;
    }
    if kind == "PTR" {
        return match ptr_ip(name).and_then(|ip| engine.daemon.reverse_dns(from, ip)) {
            Some(host) => Reply::Local(vec![Record { kind, data: format!("{host}.") }]),
            None => Reply::NxDomain,
        };
    }
    match engine.daemon.embedded_dns(from, name) {
        Some((_, ip)) if kind == "A" => Reply::Local(vec![Record { kind, data: ip_text(ip) }]),
        Some(_) => Reply::Local(Vec::new()),
        None => Reply::NxDomain,
    }
}

/// `2.0.23.172.in-addr.arpa` → 172.23.0.2.
fn ptr_ip(name: &str) -> Option<u32> {
    let rev = name.trim_end_matches('.').strip_suffix(".in-addr.arpa")?;
    let parts: Vec<&str> = rev.split('.').rev().collect();
    crate::network::parse_ip(&parts.join("."))
}

/// 172.23.0.2 → `2.0.23.172.in-addr.arpa`.
fn ptr_name(ip: &str) -> String {
    let parts: Vec<&str> = ip.split('.').rev().collect();
    format!("{}.in-addr.arpa", parts.join("."))
}

fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// A name's length in wire format.
fn wire_len(name: &str) -> usize {
    let n = name.trim_end_matches('.');
    if n.is_empty() {
        1
    } else {
        n.split('.').map(|l| l.len() + 1).sum::<usize>() + 1
    }
}

/// bind's master-file columns: each field starts at the next tab stop at
/// or after its column (TTL 24, class 32, type 40, data 48), one space when
/// the text already passed it.
fn columns(fields: &[(&str, usize)]) -> String {
    let mut line = String::new();
    let mut cur = 0;
    for (i, (text, col)) in fields.iter().enumerate() {
        if i > 0 {
            if cur >= *col {
                line.push(' ');
                cur += 1;
            } else {
                for _ in 0..(col / 8 - cur / 8) {
                    line.push('\t');
                }
                cur = col / 8 * 8;
            }
        }
        line.push_str(text);
        cur += text.len();
    }
    line
}

/// A deterministic message ID for a query.
fn query_id(engine: &Engine, name: &str) -> u16 {
    let d = crate::digest::sha256_hex(format!("dns\0{}\0{name}", engine.daemon.now).as_bytes());
    u16::from_str_radix(&d[..4], 16).unwrap_or(0)
}

/// `dig [@server] [-x addr] [name] [type] [+options]`.
pub fn dig(engine: &mut Engine, from: &str, args: &[String], out: &mut Out) -> i32 {
    let (mut server, mut name, mut kind) = (None::<String>, None::<String>, "A");
    let (mut short, mut cmd, mut comments, mut question, mut answer, mut stats) = (false, true, true, true, true, true);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-x" => {
                let Some(ip) = it.next() else {
                    out.line("Invalid option: -x");
                    return 1;
                };
                name = Some(ptr_name(ip));
                kind = "PTR";
            }
            "-4" | "-6" => {}
            "+short" => short = true,
            "+noall" => (cmd, comments, question, answer, stats) = (false, false, false, false, false),
            "+answer" => answer = true,
            "+noanswer" => answer = false,
            "+nocmd" => cmd = false,
            "+nocomments" => comments = false,
            "+noquestion" => question = false,
            "+nostats" => stats = false,
            "+search" | "+nosearch" => {}
            s if s.starts_with('@') => server = Some(s[1..].to_string()),
            s if s.starts_with('+') || s.starts_with('-') => {
                out.eline(format!("dockersim: dig {s}: not simulated (dig here knows +short, +noall, +answer, +nocmd, +nocomments, +noquestion, +nostats, -x and @server)"));
                return 1;
            }
            s if matches!(s.to_ascii_uppercase().as_str(), "A" | "AAAA" | "PTR") && name.is_some() => {
                kind = match s.to_ascii_uppercase().as_str() {
                    "AAAA" => "AAAA",
                    "PTR" => "PTR",
                    _ => "A",
                };
            }
            s if matches!(s.to_ascii_uppercase().as_str(), "MX" | "NS" | "SOA" | "TXT" | "CNAME" | "SRV" | "ANY") && name.is_some() => {
                out.eline(format!("dockersim: dig: {} queries are not simulated (A, AAAA and PTR are)", s.to_ascii_uppercase()));
                return 1;
            }
            s => name = Some(s.to_string()),
        }
    }
    let Some(name) = name else {
        out.eline("dockersim: dig without a name asks the root servers for NS records, which the simulation does not have; give a name (dig NAME)");
        return 1;
    };
    let server = server.or_else(|| nameserver(engine, from)).unwrap_or_default();
    let reply = ask(engine, from, &server, &name, kind);
    let owner = fqdn(&name);
    if let Reply::Unreachable = reply {
        if cmd {
            out.line(format!("\n; <<>> DiG {BIND_VERSION} <<>> {}", args.join(" ")));
            out.line(";; global options: +cmd");
        }
        out.line(";; communications error to 127.0.0.1#53: connection refused");
        out.line(";; communications error to 127.0.0.1#53: connection refused");
        out.line(";; communications error to 127.0.0.1#53: connection refused");
        out.line(";; no servers could be reached");
        return 9;
    }
    if short {
        if let Reply::Local(records) = &reply {
            for r in records {
                out.line(&r.data);
            }
        }
        return 0;
    }
    let records: &[Record] = match &reply {
        Reply::Local(r) => r,
        _ => &[],
    };
    let forwarded = matches!(reply, Reply::NxDomain);
    let status = if forwarded { "NXDOMAIN" } else { "NOERROR" };
    let mut text = String::new();
    if cmd {
        text.push_str(&format!("\n; <<>> DiG {BIND_VERSION} <<>> {}\n;; global options: +cmd\n", args.join(" ")));
    }
    if comments {
        text.push_str(";; Got answer:\n");
        text.push_str(&format!(";; ->>HEADER<<- opcode: QUERY, status: {status}, id: {}\n", query_id(engine, &name)));
        text.push_str(&format!(
            ";; flags: qr rd ra; QUERY: 1, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}\n\n",
            records.len(),
            u8::from(forwarded),
            u8::from(forwarded)
        ));
        if forwarded {
            text.push_str(";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n");
        }
    }
    if question {
        if comments {
            text.push_str(";; QUESTION SECTION:\n");
        }
        text.push_str(&columns(&[(&format!(";{owner}"), 0), ("IN", 32), (kind, 40)]));
        text.push('\n');
        if comments {
            text.push('\n');
        }
    }
    let ttl = TTL.to_string();
    if answer && !records.is_empty() {
        if comments {
            text.push_str(";; ANSWER SECTION:\n");
        }
        for r in records {
            text.push_str(&columns(&[(&owner, 0), (&ttl, 24), ("IN", 32), (r.kind, 40), (&r.data, 48)]));
            text.push('\n');
        }
        if comments {
            text.push('\n');
        }
    }
    let (y, m, d, ..) = crate::time::civil(engine.daemon.now);
    let soa = format!("{} {} {y:04}{m:02}{d:02}00 1800 900 604800 86400", ROOT_SOA_NAMES.0, ROOT_SOA_NAMES.1);
    if forwarded && comments {
        text.push_str(";; AUTHORITY SECTION:\n");
        text.push_str(&columns(&[(".", 0), ("86400", 24), ("IN", 32), ("SOA", 40), (&soa, 48)]));
        text.push_str("\n\n");
    }
    if stats {
        let size = if forwarded {
            // header, question, the root SOA (owner, fixed part, two names, five numbers), OPT
            12 + wire_len(&owner) + 4 + 1 + 10 + wire_len(ROOT_SOA_NAMES.0) + wire_len(ROOT_SOA_NAMES.1) + 20 + 11
        } else {
            // Docker's answers are not compressed: the owner name is repeated.
            12 + wire_len(&owner) + 4 + records.iter().map(|r| wire_len(&owner) + 10 + rdata_len(r)).sum::<usize>()
        };
        let when = crate::shell::strftime_utc("%a %b %d %H:%M:%S %Z %Y", engine.daemon.now);
        text.push_str(&format!(
            ";; Query time: {} msec\n;; SERVER: {server}#53({server}) (UDP)\n;; WHEN: {when}\n;; MSG SIZE  rcvd: {size}\n\n",
            if forwarded { 4 } else { 0 }
        ));
    }
    out.out(text);
    0
}

fn rdata_len(r: &Record) -> usize {
    match r.kind {
        "A" => 4,
        "AAAA" => 16,
        _ => wire_len(&r.data),
    }
}

/// `host NAME` (bind-tools): its addresses, or `not found`.
pub fn host(engine: &mut Engine, from: &str, args: &[String], out: &mut Out) -> i32 {
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if let Some(bad) = args.iter().find(|a| a.starts_with('-')) {
        out.eline(format!("dockersim: host {bad}: not simulated (host NAME [SERVER] is)"));
        return 1;
    }
    let Some(name) = names.first() else {
        out.eline("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]");
        return 1;
    };
    let server = names.get(1).map(|s| s.to_string()).or_else(|| nameserver(engine, from)).unwrap_or_default();
    if names.len() > 1 {
        out.line(format!("Using domain server:\nName: {server}\nAddress: {server}#53\nAliases: \n"));
    }
    let reverse = crate::network::parse_ip(name).is_some();
    let query = if reverse { ptr_name(name) } else { name.to_string() };
    match ask(engine, from, &server, &query, if reverse { "PTR" } else { "A" }) {
        Reply::Local(records) => {
            for r in records {
                if reverse {
                    out.line(format!("{query} domain name pointer {}", r.data));
                } else {
                    out.line(format!("{name} has address {}", r.data));
                }
            }
            0
        }
        Reply::NxDomain => {
            out.line(format!("Host {query} not found: 3(NXDOMAIN)"));
            1
        }
        Reply::Unreachable => {
            out.line(";; communications error to 127.0.0.1#53: connection refused\n;; no servers could be reached");
            1
        }
    }
}

/// `nslookup NAME [SERVER]`: bind's wording, or BusyBox's (`busybox`),
/// which also asks for IPv6 addresses and reports their absence.
pub fn nslookup(engine: &mut Engine, from: &str, args: &[String], busybox: bool, out: &mut Out) -> i32 {
    if let Some(bad) = args.iter().find(|a| a.starts_with('-')) {
        out.eline(format!("dockersim: nslookup {bad}: not simulated (nslookup NAME [SERVER] is)"));
        return 1;
    }
    let Some(name) = args.first() else {
        out.eline("dockersim: nslookup's interactive mode is not simulated; give a name (nslookup NAME)");
        return 1;
    };
    if crate::network::parse_ip(name).is_some() {
        out.eline("dockersim: nslookup of an address (reverse lookup) is not simulated; try host ADDRESS or dig -x ADDRESS");
        return 1;
    }
    let server = args.get(1).cloned().or_else(|| nameserver(engine, from)).unwrap_or_default();
    let port_sep = if busybox { ':' } else { '#' };
    let reply = ask(engine, from, &server, name, "A");
    if let Reply::Unreachable = reply {
        out.line(";; connection timed out; no servers could be reached\n");
        return 1;
    }
    let mut text = format!("Server:\t\t{server}\nAddress:\t{server}{port_sep}53\n\n");
    let code = match reply {
        Reply::Local(records) => {
            text.push_str("Non-authoritative answer:\n");
            for r in &records {
                text.push_str(&format!("Name:\t{name}\nAddress: {}\n", r.data));
            }
            text.push('\n');
            if busybox {
                // The AAAA question: the embedded server has no IPv6 address for it.
                text.push_str(&format!("Non-authoritative answer:\n*** Can't find {name}: No answer\n\n"));
            }
            0
        }
        _ => {
            let line = format!("** server can't find {name}: NXDOMAIN\n\n");
            text.push_str(&line);
            if busybox {
                text.push_str(&line);
            }
            1
        }
    };
    out.out(text);
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_columns_and_sizes() {
        assert_eq!(columns(&[(";mysql.", 0), ("IN", 32), ("A", 40)]), ";mysql.\t\t\t\tIN\tA");
        assert_eq!(columns(&[("mysql.", 0), ("600", 24), ("IN", 32), ("A", 40), ("172.23.0.2", 48)]), "mysql.\t\t\t600\tIN\tA\t172.23.0.2");
        let long = "a-very-long-container-name.example.";
        assert!(columns(&[(long, 0), ("600", 24)]).ends_with(". 600"));
        // dig mysql against Docker's server: 44 bytes (the workshop's figure).
        assert_eq!(12 + wire_len("mysql.") + 4 + wire_len("mysql.") + 10 + 4, 44);
        assert_eq!(ptr_name("172.23.0.2"), "2.0.23.172.in-addr.arpa");
        assert_eq!(ptr_ip("2.0.23.172.in-addr.arpa."), crate::network::parse_ip("172.23.0.2"));
    }
}
