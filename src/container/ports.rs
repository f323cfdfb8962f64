//! Port publishing: `-p [ip:][hostPort:]containerPort[/proto]`.

use serde::Serialize;

/// One published port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortBinding {
    /// Empty means all interfaces (IPv4 `0.0.0.0` and IPv6 `::`).
    pub host_ip: String,
    /// `None` until the daemon picks an ephemeral port at start.
    pub host_port: Option<u16>,
    pub container_port: u16,
    pub proto: String,
}

impl PortBinding {
    /// `80/tcp`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.container_port, self.proto)
    }

    /// The host addresses this binding listens on, as `docker port` prints them.
    pub fn host_addrs(&self) -> Vec<String> {
        let port = self.host_port.map(|p| p.to_string()).unwrap_or_default();
        if self.host_ip.is_empty() {
            vec![format!("0.0.0.0:{port}"), format!("[::]:{port}")]
        } else if self.host_ip.contains(':') {
            vec![format!("[{}]:{port}", self.host_ip)]
        } else {
            vec![format!("{}:{port}", self.host_ip)]
        }
    }
}

/// Parses one `-p` value (nat.ParsePortSpec's rules and messages).
pub fn parse_publish(spec: &str) -> Result<PortBinding, String> {
    let (body, proto) = match spec.rsplit_once('/') {
        Some((b, p)) => (b, p.to_ascii_lowercase()),
        None => (spec, "tcp".to_string()),
    };
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("invalid proto: {proto}"));
    }
    let parts: Vec<&str> = body.split(':').collect();
    let (ip, host, container) = match parts.as_slice() {
        [c] => ("", "", *c),
        [h, c] => ("", *h, *c),
        [ip, h, c] => (*ip, *h, *c),
        _ => return Err(format!("invalid port format for --publish: {spec}")),
    };
    let container_port = parse_port(container).ok_or_else(|| format!("invalid containerPort: {container}"))?;
    let host_port = if host.is_empty() { None } else { Some(parse_port(host).ok_or_else(|| format!("invalid hostPort: {host}"))?) };
    if !ip.is_empty() && !ip.chars().all(|c| c.is_ascii_hexdigit() || c == '.' || c == ':' || c == '[' || c == ']') {
        return Err(format!("invalid IP address: {ip}"));
    }
    Ok(PortBinding { host_ip: ip.trim_matches(['[', ']']).to_string(), host_port, container_port, proto })
}

fn parse_port(s: &str) -> Option<u16> {
    s.parse::<u16>().ok().filter(|p| *p > 0)
}

/// The PORTS column of `docker ps`: published bindings, then exposed-only ports.
pub fn display(bindings: &[PortBinding], exposed: &[String]) -> String {
    let mut parts: Vec<(u16, String)> = Vec::new();
    for b in bindings {
        for addr in b.host_addrs() {
            parts.push((b.container_port, format!("{addr}->{}", b.key())));
        }
    }
    for e in exposed {
        if !bindings.iter().any(|b| &b.key() == e) {
            let port = e.split('/').next().and_then(|p| p.parse().ok()).unwrap_or(0);
            parts.push((port, e.clone()));
        }
    }
    crate::sort::sort_by_key(&mut parts, |(p, _)| *p);
    parts.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs_like_docker() {
        let b = parse_publish("5000:5000/tcp").unwrap();
        assert_eq!((b.host_port, b.container_port, b.proto.as_str()), (Some(5000), 5000, "tcp"));
        let b = parse_publish("127.0.0.1:8080:80").unwrap();
        assert_eq!(b.host_addrs(), vec!["127.0.0.1:8080".to_string()]);
        assert_eq!(parse_publish("abc").unwrap_err(), "invalid containerPort: abc");
    }

    #[test]
    fn ps_column() {
        let b = parse_publish("3000:80").unwrap();
        assert_eq!(display(&[b], &["80/tcp".into()]), "0.0.0.0:3000->80/tcp, [::]:3000->80/tcp");
        assert_eq!(display(&[], &["80/tcp".into()]), "80/tcp");
    }
}
